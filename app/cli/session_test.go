package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qingfeng/export/pdf"
	"qingfeng/internal/plainscan"
	"qingfeng/store"
)

// TestMain lets session tests run this binary as the qingfeng command line
// (QF_CLI_CHILD=1), so a whole session runs as separate processes, under
// strace, with its own temp, home, config and cache directories.
func TestMain(m *testing.M) {
	os.Setenv(pdf.FontDirsEnv, "") // the bundled fonts only, on every machine
	if os.Getenv("QF_CLI_CHILD") == "1" {
		p := store.FastKDF()
		os.Exit(Run(os.Args[1:], &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Opts: &store.Options{KDF: &p}}))
	}
	os.Exit(m.Run())
}

// session runs CLI commands as child processes in a sandbox of directories.
type session struct {
	t                              *testing.T
	vault, tmp, home, input, saved string
	straceLogs                     []string
}

func newSession(t *testing.T) *session {
	root := t.TempDir()
	s := &session{t: t}
	for name, d := range map[string]*string{"vault": &s.vault, "tmp": &s.tmp, "home": &s.home, "input": &s.input, "saved": &s.saved} {
		*d = filepath.Join(root, name)
		os.MkdirAll(*d, 0o700)
	}
	return s
}

// run executes one command on the session's vault under strace (network
// calls only) and returns stdout.
func (s *session) run(stdin string, args ...string) string {
	s.t.Helper()
	return s.runIn(s.vault, stdin, args...)
}

// runIn is run on another vault directory.
func (s *session) runIn(vault, stdin string, args ...string) string {
	s.t.Helper()
	log := filepath.Join(s.input, fmt.Sprintf("strace-%d.log", len(s.straceLogs)))
	s.straceLogs = append(s.straceLogs, log)
	full := append([]string{"-f", "-qq", "-e", "trace=socket,connect,bind", "-o", log, os.Args[0], "--vault", vault}, args...)
	cmd := exec.Command("strace", full...)
	cmd.Env = append(os.Environ(), "QF_CLI_CHILD=1", "QINGFENG_PASSPHRASE=session passphrase 2026",
		"TMPDIR="+s.tmp, "HOME="+s.home, "XDG_CONFIG_HOME="+filepath.Join(s.home, ".config"),
		"XDG_CACHE_HOME="+filepath.Join(s.home, ".cache"), "XDG_DATA_HOME="+filepath.Join(s.home, ".local/share"),
		"QF_BUNDLE_PASS=bundle passphrase 2026")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		s.t.Fatalf("%v: %v\n%s", args, err, errb.String())
	}
	return out.String()
}

// TestSessionLeavesNoPlaintextAndOpensNoSocket runs a scripted session
// (create, add, edit, search, attach, render, export, import into a second
// vault, backup, restore) as separate
// processes, then scans the vault, temp, home, config and cache directories
// for every marker in UTF-8, UTF-16LE and GB18030, and every strace log for
// an internet socket.
func TestSessionLeavesNoPlaintextAndOpensNoSocket(t *testing.T) {
	if _, err := exec.LookPath("strace"); err != nil {
		t.Fatal("strace is required (Debian package strace; make test installs it)")
	}
	s := newSession(t)
	marks := plainscan.Markers()
	s.run("", "init")
	s.run(fmt.Sprintf(`{"source":"信访举报","received":"2026-03-02","summary":"%s违规收受礼金","category":"廉洁纪律","subjects":[{"name":"%s"}]}`, marks[1], marks[2]), "lead", "add", "--json", "-")
	id := strings.TrimSpace(s.run(fmt.Sprintf(`{"title":"%s 案卷"}`, marks[0]), "dossier", "add", "--json", "-"))
	s.run(fmt.Sprintf(`{"title":"%s 修改后"}`, marks[0]), "dossier", "edit", id, "--json", "-")
	if out := s.run("", "search", marks[2]); !strings.Contains(out, "共 1 条") {
		t.Fatalf("search: %s", out)
	}
	evidence := filepath.Join(s.input, "证据.txt")
	os.WriteFile(evidence, []byte(strings.Repeat(marks[1], 1000)), 0o600)
	s.run("", "attach", "add", "--to", "dossier/"+id, evidence)
	doc := filepath.Join(s.input, "doc.json")
	os.WriteFile(doc, []byte(fmt.Sprintf(`{"title":"关于%s的通知","body":[{"text":"%s"}]}`, marks[2], marks[1])), 0o600)
	pdf := filepath.Join(s.saved, "通知.pdf")
	s.run("", "doc", "render", "--json", doc, "--out", pdf)
	s.run("", "handoff", "keygen", "--name", "甲")
	bundle := filepath.Join(s.home, "usb", "交接.qfb")
	os.MkdirAll(filepath.Dir(bundle), 0o700)
	s.run("", "handoff", "export", "--dossier", id, "--passphrase-env", "QF_BUNDLE_PASS", "--out", bundle)
	other := filepath.Join(s.tmp, "vault2")
	s.runIn(other, "", "init")
	s.runIn(other, "", "handoff", "import", bundle, "--passphrase-env", "QF_BUNDLE_PASS", "--trust")
	if out := s.runIn(other, "", "search", marks[0]); !strings.Contains(out, "共 1 条") {
		t.Fatalf("imported dossier not found: %s", out)
	}
	s.run("", "backup", "--out", filepath.Join(s.vault, "backup.qfbak"))
	s.run("", "restore", filepath.Join(s.vault, "backup.qfbak"))
	s.run("", "check")

	files, hits := scanTree(t, []string{s.vault, s.tmp, s.home}, marks)
	if len(hits) > 0 {
		t.Fatalf("plaintext left on disk: %v", hits)
	}
	// Control: the scan does find a marker left in the clear.
	forms, _ := plainscan.Forms(marks[2])
	os.WriteFile(filepath.Join(s.tmp, "control"), forms["gb18030"], 0o600)
	if _, c := scanTree(t, []string{s.tmp}, marks); len(c) != 1 {
		t.Fatalf("scanner control: %v", c)
	}
	os.Remove(filepath.Join(s.tmp, "control"))
	sockets, inet := countSockets(t, s.straceLogs)
	if inet > 0 {
		t.Fatalf("%d internet sockets opened", inet)
	}
	t.Logf("%d commands, %d files scanned for %d markers × 3 encodings: 0 hits; %d socket calls, 0 AF_INET/AF_INET6 (the others are AF_UNIX look-ups of the user name); saved by the user (excluded): %s",
		len(s.straceLogs), files, len(marks), sockets, pdf)
}

// scanTree scans the roots for every marker in every encoding.
func scanTree(t *testing.T, roots, marks []string) (int, []string) {
	files, hits, err := plainscan.Scan(roots, time.Time{}, marks)
	if err != nil {
		t.Fatal(err)
	}
	return files, hits
}

// countSockets counts socket calls in strace logs and those for AF_INET/AF_INET6.
func countSockets(t *testing.T, logs []string) (all, inet int) {
	for _, l := range logs {
		b, err := os.ReadFile(l)
		if err != nil {
			t.Fatalf("strace log: %v", err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "socket(") {
				all++
			}
			if strings.Contains(line, "AF_INET") {
				inet++
			}
		}
	}
	return all, inet
}
