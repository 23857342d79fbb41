package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"qingfeng/app"
	"qingfeng/app/msg"
)

// TestMain lets the tests run this binary as the program itself
// (QF_MAIN_CHILD=1): main() with the arguments after the test flags.
func TestMain(m *testing.M) {
	if os.Getenv("QF_MAIN_CHILD") == "1" {
		os.Args = append(os.Args[:1], strings.Fields(os.Getenv("QF_MAIN_ARGS"))...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runMain runs the program with args in a clean environment: no locale,
// display or language variables but those given, its own home.
func runMain(t *testing.T, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	home := t.TempDir()
	cmd.Env = append([]string{"QF_MAIN_CHILD=1", "QF_MAIN_ARGS=" + strings.Join(args, " "),
		"PATH=" + os.Getenv("PATH"), "HOME=" + home, "TMPDIR=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local", "share"), "QINGFENG_PASSPHRASE=locale test passphrase"}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errb.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errb.String()
}

// TestNoDisplay: without a display the program says so in one line, in
// Chinese or (QINGFENG_LANG=en) English, points at the command line, and
// exits 1 with no stack trace: DISPLAY unset, naming a local display that
// is not there, and naming a remote one that cannot be reached (GLFW's own
// failure, recovered).
func TestNoDisplay(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		msg.SetLang(lang)
		want := msg.Text(app.ErrNoDisplay) + "\n"
		for _, display := range []string{"", ":57", "127.0.0.1:57"} {
			code, out, errs := runMain(t, []string{"QINGFENG_LANG=" + lang, "DISPLAY=" + display, "LANG=C.UTF-8"},
				"--vault", filepath.Join(t.TempDir(), "vault"))
			if code != 1 || out != "" || errs != want {
				t.Errorf("DISPLAY=%q %s: exit %d, stdout %q, stderr %q; want exit 1 and %q", display, lang, code, out, errs, want)
			}
		}
	}
	msg.SetLang("zh")
	if !strings.Contains(msg.Text(app.ErrNoDisplay), "qingfeng help") {
		t.Errorf("the message does not point at the command line")
	}
}

// TestNoLocaleNoise runs command-line verbs under the locales a Debian
// shell may have, C.UTF-8 and an unset LANG among them: each succeeds and
// writes nothing at all on stderr (Fyne logged three lines per run); init
// writes only its own progress line there.
func TestNoLocaleNoise(t *testing.T) {
	vault := filepath.Join(t.TempDir(), "vault")
	code, _, errs := runMain(t, []string{"LANG=C.UTF-8"}, "--vault", vault, "init")
	if code != 0 || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "正在创建案卷库") {
		t.Fatalf("init under C.UTF-8: exit %d, stderr %q", code, errs)
	}
	for _, env := range [][]string{{"LANG=C"}, {"LANG=C.UTF-8"}, {}, {"LANG=POSIX"}, {"LC_ALL=C.UTF-8", "LANG=zh_CN.UTF-8"},
		{"LANG=en_US.UTF-8"}, {"LANG=zh_CN.GB18030", "LANGUAGE=zh_CN:C.UTF-8"}} {
		for _, verb := range [][]string{{"help"}, {"lead", "list"}, {"search", "王"}, {"audit", "verify"}} {
			code, _, errs := runMain(t, env, append([]string{"--vault", vault}, verb...)...)
			if code != 0 || errs != "" {
				t.Errorf("%v %v: exit %d, stderr %q", env, verb, code, errs)
			}
		}
	}
}
