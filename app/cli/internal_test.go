package cli

import (
	"os"
	"strings"
	"testing"

	"qingfeng/store"
)

// panicVerb is a verb for this test only: it opens the vault and hits a
// programming error inside a transaction, after writing a record.
func panicVerb(e *Env, _ []string) error {
	v, err := store.Open(e.VaultDir, []byte(e.Getenv("QINGFENG_PASSPHRASE")), e.Opts)
	if err != nil {
		return err
	}
	defer v.Close()
	return v.Update(func(tx *store.Tx) error {
		if err := tx.Put(&store.Record{Type: "dossier", Data: []byte(`{"title":"不应保存"}`)}); err != nil {
			return err
		}
		var m map[string]int
		m["x"] = 1 // assignment to a nil map: a bug, not damage
		return nil
	})
}

// TestInternalErrorIsOneLine: a panic inside a transaction is reported in
// one line that says it is not damage and names the log, exit 1, with the
// stack in the log and not on the terminal; the vault is unchanged.
func TestInternalErrorIsOneLine(t *testing.T) {
	register("internal-error-test", "internal-error-test", panicVerb)
	defer delete(verbs, "internal-error-test")
	h := newHarness(t)
	h.mustRun("", "init")
	before := h.vaultBytes()
	code, out, errs := h.run("", "internal-error-test")
	log := store.InternalLog(h.dir)
	if code != 1 || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, log) ||
		!strings.Contains(errs, "不是案卷库损坏") || strings.Contains(errs, "goroutine") {
		t.Fatalf("exit %d, stdout %q, stderr %q: want exit 1 and one line naming %s", code, out, errs, log)
	}
	t.Log(strings.TrimSpace(errs))
	b, err := os.ReadFile(log)
	if err != nil || !strings.Contains(string(b), "goroutine") || !strings.Contains(string(b), "internal_test.go") {
		t.Fatalf("log %v:\n%s", err, b)
	}
	if string(h.vaultBytes()) != string(before) {
		t.Error("the failed transaction changed the records")
	}
	if out := h.mustRun("", "check"); !strings.Contains(out, "校验通过") {
		t.Errorf("check after the internal error: %s", out)
	}
}
