package casework

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFrontEndsOpenNoTransaction: the window (app/) and the command line
// (app/cli/) do their work through this package: no non-test file there
// names store.Tx, or hands a function literal to a View, Update or DryRun
// of their own.
func TestFrontEndsOpenNoTransaction(t *testing.T) {
	for _, dir := range []string{"../app", "../app/cli"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) < 5 {
			t.Fatalf("%s: %d files, %v", dir, len(files), err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			for _, at := range transactions(t, path) {
				t.Errorf("%s: %s", at, "a transaction of its own: call a casework method instead")
			}
		}
	}
}

// TestTransactionsFound: the scan finds both forms in a sample.
func TestTransactionsFound(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sample.go")
	src := "package x\nfunc f(v *store.Vault) { v.View(func(tx *store.Tx) error { return nil }); v.Update(g) }\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := transactions(t, path); len(got) != 2 {
		t.Errorf("found %v, want the View call and its store.Tx", got)
	}
}

// transactions lists the places in a Go file that use store.Tx or pass a
// func literal to .View/.Update/.DryRun.
func transactions(t *testing.T, path string) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var at []string
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && id.Name == "store" && n.Sel.Name == "Tx" {
				at = append(at, fset.Position(n.Pos()).String())
			}
		case *ast.CallExpr:
			sel, ok := n.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "View" && sel.Sel.Name != "Update" && sel.Sel.Name != "DryRun") {
				return true
			}
			for _, a := range n.Args {
				if _, ok := a.(*ast.FuncLit); ok {
					at = append(at, fset.Position(n.Pos()).String())
				}
			}
		}
		return true
	})
	return at
}
