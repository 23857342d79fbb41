package msg

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"qingfeng/export/bundle"
	"qingfeng/export/handoff"
	"qingfeng/export/pdf"
	"qingfeng/store"
	"qingfeng/store/model"
)

// module is this module's path; root is its directory, seen from app/msg.
const module, root = "qingfeng", "../.."

// sentinelDirs are the trees whose exported Err* variables must each have
// exactly one line in the table.
var sentinelDirs = []string{"store", "export", "casework", "app"}

// TestEverySentinelHasOneLine parses store/..., export/..., casework/...
// and app/... for exported Err* variables, parses table.go for the errors
// its table names, and compares: none missing, none twice, none stale.
func TestEverySentinelHasOneLine(t *testing.T) {
	want := sentinels(t)
	got := tableNames(t, "table")
	if len(got) != len(table) {
		t.Fatalf("table.go names %d errors, the table holds %d", len(got), len(table))
	}
	count := map[string]int{}
	for _, n := range got {
		count[n]++
	}
	for _, n := range want {
		if count[n] == 0 {
			t.Errorf("%s has no line in app/msg/table.go", n)
		}
	}
	for n, c := range count {
		if c > 1 {
			t.Errorf("%s has %d lines in the table", n, c)
		}
		if !slices.Contains(want, n) {
			t.Errorf("the table words %s, which is no exported sentinel error", n)
		}
	}
	if !t.Failed() {
		t.Logf("%d sentinel errors, each with one line", len(want))
	}
}

// TestWindowTableOverridesOnly: the window's own wording is for errors the
// table has, each at most once.
func TestWindowTableOverridesOnly(t *testing.T) {
	names := tableNames(t, "table")
	seen := map[string]bool{}
	for _, n := range tableNames(t, "windowTable") {
		if !slices.Contains(names, n) {
			t.Errorf("windowTable words %s, which the table does not", n)
		}
		if seen[n] {
			t.Errorf("windowTable words %s twice", n)
		}
		seen[n] = true
	}
}

// TestLinesAreComplete: every line has both languages, the values are
// distinct, and the Chinese names no internal identifier.
func TestLinesAreComplete(t *testing.T) {
	ident := regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*\.[a-z_][A-Za-z0-9_]*|[a-z0-9]+_[a-z0-9_]+|\b(nil|err|reason|actor)\b`)
	fileNames := strings.NewReplacer(".qfb", "", store.InternalLogName, "")
	seen := map[error]bool{}
	for _, e := range table {
		if seen[e.err] {
			t.Errorf("%v is in the table twice", e.err)
		}
		seen[e.err] = true
	}
	for _, tab := range [][]entry{table, windowTable} {
		for _, e := range tab {
			if e.err == nil || e.zh == "" || e.en == "" {
				t.Errorf("incomplete line %+v", e)
				continue
			}
			if !strings.ContainsFunc(e.zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("%v: the Chinese line has no Chinese: %q", e.err, e.zh)
			}
			if m := ident.FindString(fileNames.Replace(e.zh)); m != "" {
				t.Errorf("%v: the Chinese line names %q: %q", e.err, m, e.zh)
			}
			if strings.ContainsAny(e.zh+e.en, "\n\r") {
				t.Errorf("%v: more than one line", e.err)
			}
		}
	}
}

// TestText: the one line for errors as the front ends meet them.
func TestText(t *testing.T) {
	SetLang("zh")
	defer SetLang(os.Getenv("QINGFENG_LANG"))
	internal := fmt.Errorf("%w: runtime error: index out of range [3] with length 3\n (stack appended to /v/%s)", store.ErrInternal, store.InternalLogName)
	for _, c := range []struct {
		err    error
		window bool
		want   string
	}{
		{&model.FieldError{Record: "case", Field: "nature", Err: model.ErrMissing}, false, "缺少必填项：请补充后再保存。（性质）"},
		{fmt.Errorf("%w: reason", model.ErrMissing), false, "缺少必填项：请补充后再保存。（理由）"},
		{&model.FieldError{Record: "case", Field: "outcomes[0].sanctions[1].subject_id", Err: model.ErrDanglingRef}, false, "（被反映人）"},
		{&model.FieldError{Record: "x", Field: "no_such_field", Err: model.ErrInvalidValue}, false, "填写的值不在允许范围内：请从可选项中选择。"},
		{fmt.Errorf("%w: dossier/abc", store.ErrNotFound), false, "（dossier/abc）"},
		{fmt.Errorf("%w: dossier/abc", store.ErrNotFound), true, "请刷新列表后重试。（dossier/abc）"},
		{handoff.ErrNoIdentity, false, "handoff keygen"},
		{handoff.ErrNoIdentity, true, "生成交换密钥"},
		{fmt.Errorf("%w: %w", handoff.ErrNoDossier, store.ErrNotFound), false, "找不到要导出的案件"},
		{internal, false, store.InternalLogName},
		{internal, true, "不是案卷库损坏"},
		{&store.InternalError{Panic: "boom\nline", Log: "/v/" + store.InternalLogName}, false, "交给技术支持。（boom line；日志：/v/" + store.InternalLogName + "）"},
		{fmt.Errorf("x: %w", &store.InternalError{Panic: 3, LogErr: os.ErrPermission}), true, "（3；日志未能写入："},
		{&model.MoveError{From: "初核", To: "审理", Err: model.ErrTransition, Allowed: []model.Stage{"立案", "了结"}}, false, "不能从初核转到审理，只能转到：立案、了结。"},
		{&model.MoveError{From: "立案", To: "审查调查", Missing: "立案审批", Err: model.ErrStepMissing}, true, "尚未登记“立案审批”"},
		{errors.New("something else"), false, "操作失败：something else"},
		{fmt.Errorf("write: %w", os.ErrInvalid), false, "操作失败："},
		{fmt.Errorf("x: %w", bundle.ErrUnknownSender), true, "勾选“信任未知发件人”"},
		{pdf.ErrTemplateField, false, "doc fields"},
	} {
		got := Text(c.err)
		if c.window {
			got = WindowText(c.err)
		}
		if !strings.Contains(got, c.want) || strings.ContainsAny(got, "\n\r") {
			t.Errorf("%v (window %v): %q, want one line with %q", c.err, c.window, got, c.want)
		}
	}
	SetLang("en")
	if got := Text(&model.FieldError{Record: "case", Field: "nature", Err: model.ErrMissing}); !strings.HasPrefix(got, "a required field is missing") || strings.Contains(got, "case.nature") {
		t.Errorf("en: %q", got)
	}
	if got := Text(store.ErrWrongPassphrase); !strings.HasPrefix(got, "wrong passphrase") {
		t.Errorf("en: %q", got)
	}
}

// sentinels lists the exported Err* variables of sentinelDirs,
// package-qualified ("qingfeng/store.ErrCorrupt"). A variable that only
// names another sentinel (app.ErrNoDisplay = msg.ErrNoDisplay) is that one.
func sentinels(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, d := range sentinelDirs {
		err := filepath.WalkDir(filepath.Join(root, d), func(path string, de fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if de.IsDir() && de.Name() == "testdata" {
				return filepath.SkipDir
			}
			if de.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			rel, _ := filepath.Rel(root, filepath.Dir(path))
			for _, n := range fileSentinels(t, path) {
				names = append(names, module+"/"+filepath.ToSlash(rel)+"."+n)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// fileSentinels lists the exported package-level Err* variables of one file
// that are not another sentinel under a second name.
func fileSentinels(t *testing.T, path string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if !isErrName(n.Name) || (i < len(vs.Values) && isAlias(vs.Values[i])) {
					continue
				}
				names = append(names, n.Name)
			}
		}
	}
	return names
}

func isErrName(n string) bool {
	return strings.HasPrefix(n, "Err") && len(n) > 3 && unicode.IsUpper(rune(n[3]))
}

// isAlias reports whether a value names another sentinel: pkg.ErrX or ErrX.
func isAlias(v ast.Expr) bool {
	switch x := v.(type) {
	case *ast.SelectorExpr:
		return isErrName(x.Sel.Name)
	case *ast.Ident:
		return isErrName(x.Name)
	}
	return false
}

// tableNames parses table.go and returns, package-qualified, the error of
// each entry of the slice variable name, in order.
func tableNames(t *testing.T, name string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "table.go", nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	imports := map[string]string{}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		imports[p[strings.LastIndex(p, "/")+1:]] = p
	}
	var names []string
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != name {
			return true
		}
		for _, el := range vs.Values[0].(*ast.CompositeLit).Elts {
			names = append(names, qualified(t, imports, el.(*ast.CompositeLit).Elts[0]))
		}
		return false
	})
	return names
}

// qualified is the package-qualified name of an entry's error expression.
func qualified(t *testing.T, imports map[string]string, e ast.Expr) string {
	switch x := e.(type) {
	case *ast.SelectorExpr:
		return imports[x.X.(*ast.Ident).Name] + "." + x.Sel.Name
	case *ast.Ident:
		return module + "/app/msg." + x.Name
	}
	t.Fatalf("table entry with error %T, want pkg.ErrX or ErrX", e)
	return ""
}
