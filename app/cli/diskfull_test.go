package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"qingfeng/store"
)

// runLimited runs one CLI command as a child process whose files may not grow
// beyond limitKiB (RLIMIT_FSIZE through bash's ulimit): every write past it
// fails as it would on a full disk.
func runLimited(t *testing.T, dir, stdin string, limitKiB int64, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	script := fmt.Sprintf("ulimit -f %d && exec '%s' --vault '%s' %s", limitKiB, os.Args[0], dir, strings.Join(quoted, " "))
	cmd := exec.Command("bash", "-c", script)
	cmd.Env = append(os.Environ(), "QF_CLI_CHILD=1", "QINGFENG_PASSPHRASE="+pass)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errb.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errb.String()
}

// TestDiskFullMidWrite fills the "disk" in the middle of writing an attachment
// and of adding records: each fails with one clear line, the vault still
// opens and checks clean, and nothing written before is lost.
func TestDiskFullMidWrite(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	var ids []string
	for i := 0; i < 20; i++ {
		ids = append(ids, strings.TrimSpace(h.mustRun(fmt.Sprintf(`{"title":"满盘之前的案卷%d"}`, i), "dossier", "add", "--json", "-")))
	}
	before := h.vaultBytes()
	st, _ := os.Stat(store.Path(h.dir))
	limit := st.Size()/1024 + 512 // half a MiB of room

	big := filepath.Join(t.TempDir(), "big.bin")
	os.WriteFile(big, bytes.Repeat([]byte("证据"), 2<<20), 0o600) // 12 MiB
	code, _, errs := runLimited(t, h.dir, "", limit, "attach", "add", "--to", "dossier/"+ids[0], big)
	if code != 1 || strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, "磁盘空间不足") {
		t.Fatalf("attachment on a full disk: exit %d, stderr %q", code, errs)
	}
	if !bytes.Equal(before, h.vaultBytes()) {
		t.Fatal("records changed by the failed attachment")
	}

	// Records of about 9 KB each until the disk is full: every one the
	// program acknowledged (printed its id) must survive.
	acked := 0
	for i := 0; i < 200; i++ {
		code, out, errs := runLimited(t, h.dir, fmt.Sprintf(`{"title":"%d%s"}`, i, strings.Repeat("满", 3000)), limit, "dossier", "add", "--json", "-")
		if code != 0 {
			if !strings.Contains(errs, "磁盘空间不足") {
				t.Fatalf("full disk while adding: %q", errs)
			}
			break
		}
		ids = append(ids, strings.TrimSpace(out))
		acked++
	}
	if acked == 200 {
		t.Fatal("the disk never filled up")
	}
	if out := h.mustRun("", "check"); !strings.Contains(out, "校验通过") {
		t.Fatalf("check after disk full: %s", out)
	}
	for _, id := range ids {
		h.mustRun("", "dossier", "show", id)
	}
	t.Logf("attachment refused on a full disk; %d records acknowledged before the disk filled, all present; check clean", acked)
}
