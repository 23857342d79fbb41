package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
}
