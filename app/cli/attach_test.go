package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qingfeng/store"
)

func TestAttachAddGet(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	data := bytes.Repeat([]byte("谈话笔录第一页"), 100000)
	in := filepath.Join(t.TempDir(), "谈话笔录-𠮷.txt")
	os.WriteFile(in, data, 0o600)
	id := strings.TrimSpace(h.mustRun("", "attach", "add", "--to", "case/x", in))
	if out := h.mustRun("", "attach", "list"); !strings.Contains(out, "谈话笔录-𠮷.txt") {
		t.Fatalf("list: %s", out)
	}
	out := filepath.Join(t.TempDir(), "copy.txt")
	if code, _, errs := h.run("", "attach", "get", id, "--out", out); code != 2 || !strings.Contains(errs, "--yes") {
		t.Fatalf("plaintext copy without confirmation: %d %s", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("file written without confirmation")
	}
	h.mustRun("", "attach", "get", id, "--out", out, "--yes")
	got, _ := os.ReadFile(out)
	if !bytes.Equal(got, data) {
		t.Fatal("copy differs")
	}
	if audit := h.mustRun("", "audit", "list"); !strings.Contains(audit, "save_plaintext_copy") {
		t.Fatal("plaintext copy not audited")
	}
	sum := sha256.Sum256(data)
	var entries []store.AuditEntry
	json.Unmarshal([]byte(h.mustRun("", "audit", "list", "--json")), &entries)
	var copies []string
	for _, e := range entries {
		if e.Action == store.ActionSaveCopy {
			copies = append(copies, e.Type+"/"+e.ID+" "+e.Detail)
		}
	}
	if want := "attachment/" + id + " sha256 " + hex.EncodeToString(sum[:]) + " -> " + out; len(copies) != 1 || copies[0] != want {
		t.Errorf("copy entries %q, want [%q] (as the window writes them)", copies, want)
	}
	if names, _ := os.ReadDir(filepath.Dir(out)); len(names) != 1 {
		t.Errorf("the copy's folder holds %d files", len(names))
	}
}

// TestAttachGetRelativePath writes the copy to a relative --out: the
// audit entry names the absolute path, as the window's save dialog gives.
func TestAttachGetRelativePath(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	in := filepath.Join(t.TempDir(), "证言.txt")
	os.WriteFile(in, []byte("证人证言"), 0o600)
	id := strings.TrimSpace(h.mustRun("", "attach", "add", "--to", "case/x", in))
	dir := t.TempDir()
	t.Chdir(dir)
	h.mustRun("", "attach", "get", id, "--out", "副本.txt", "--yes")
	if got, _ := os.ReadFile(filepath.Join(dir, "副本.txt")); string(got) != "证人证言" {
		t.Fatalf("copy holds %q", got)
	}
	if audit := h.mustRun("", "audit", "list"); !strings.Contains(audit, " -> "+filepath.Join(dir, "副本.txt")) {
		t.Errorf("no absolute path in the trail:\n%s", audit)
	}
}
