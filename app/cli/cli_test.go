package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qingfeng/app/msg"
	"qingfeng/store"
)

const pass = "演示口令 correct horse"

// harness runs verbs against a real vault directory with a fast KDF.
type harness struct {
	t   *testing.T
	dir string
	env map[string]string
}

func newHarness(t *testing.T) *harness {
	msg.SetLang("zh")
	return &harness{t: t, dir: filepath.Join(t.TempDir(), "vault"), env: map[string]string{"QINGFENG_PASSPHRASE": pass}}
}

// run executes one command line and returns exit code, stdout, stderr.
func (h *harness) run(stdin string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	p := store.FastKDF()
	e := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return h.env[k] }, Opts: &store.Options{KDF: &p, Actor: "tester"}}
	code := Run(append([]string{"--vault", h.dir}, args...), e)
	return code, out.String(), errb.String()
}

func (h *harness) mustRun(stdin string, args ...string) string {
	h.t.Helper()
	code, out, errs := h.run(stdin, args...)
	if code != 0 {
		h.t.Fatalf("%v: exit %d: %s", args, code, errs)
	}
	return out
}

func TestInitAddShowEditDelete(t *testing.T) {
	h := newHarness(t)
	out := h.mustRun("", "init")
	if !strings.Contains(out, "恢复密钥") || len(strings.Split(strings.TrimSpace(out[strings.LastIndex(out, "\n  ")+3:]), "-")) != 8 {
		t.Fatalf("init output: %q", out)
	}
	id := strings.TrimSpace(h.mustRun(`{"title":"关于王䶮违规收受礼金问题","number":"XS〔2026〕15号"}`, "dossier", "add", "--json", "-"))
	if len(id) != 16 {
		t.Fatalf("id %q", id)
	}
	var rec store.Record
	if err := json.Unmarshal([]byte(h.mustRun("", "dossier", "show", id, "--json")), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Rev != 1 || rec.Schema != store.SchemaVersion || !strings.Contains(string(rec.Data), "王䶮") {
		t.Fatalf("show: %+v", rec)
	}
	f := filepath.Join(t.TempDir(), "edit.json")
	os.WriteFile(f, []byte(`{"title":"关于王䶮违规收受礼金问题（已初核）"}`), 0o600)
	h.mustRun("", "dossier", "edit", id, "--json", f)
	if out := h.mustRun("", "dossier", "show", id); !strings.Contains(out, "已初核") || !strings.Contains(out, "版本 2") {
		t.Fatalf("after edit: %s", out)
	}
	var list []store.Record
	json.Unmarshal([]byte(h.mustRun("", "dossier", "list", "--json")), &list)
	if len(list) != 1 {
		t.Fatalf("list: %d", len(list))
	}
	h.mustRun("", "dossier", "delete", id)
	if out := h.mustRun("", "dossier", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("list after delete: %s", out)
	}
	if out := h.mustRun("", "check"); !strings.Contains(out, "校验通过") {
		t.Fatalf("check: %s", out)
	}
	if out := h.mustRun("", "audit", "verify"); !strings.Contains(out, "审计日志链完整") {
		t.Fatalf("audit verify: %s", out)
	}
}

func TestSearchJSON(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	a := strings.TrimSpace(h.mustRun(`{"title":"某区财政局违规发放津补贴","subject":"吉𠮷"}`, "dossier", "add", "--json", "-"))
	h.mustRun(`{"title":"某市住建局插手工程项目"}`, "dossier", "add", "--json", "-")
	var res struct {
		Total   int
		Records []store.Record
	}
	json.Unmarshal([]byte(h.mustRun("", "search", "𠮷", "--json")), &res)
	if res.Total != 1 || res.Records[0].ID != a {
		t.Fatalf("search: %+v", res)
	}
	json.Unmarshal([]byte(h.mustRun("", "search", "局", "--json")), &res)
	if res.Total != 2 {
		t.Fatalf("search 局: %d", res.Total)
	}
}

// vaultBytes digests every record of the vault, to prove a failed command
// changed nothing (opening the vault itself adds an audit entry, by design).
func (h *harness) vaultBytes() []byte {
	p := store.FastKDF()
	v, err := store.Open(h.dir, []byte(h.env["QINGFENG_PASSPHRASE"]), &store.Options{KDF: &p})
	if err != nil {
		h.t.Fatal(err)
	}
	defer v.Close()
	d, err := v.RecordsDigest()
	if err != nil {
		h.t.Fatal(err)
	}
	return d
}

func TestBadInputChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	id := strings.TrimSpace(h.mustRun(`{"title":"原始案卷"}`, "dossier", "add", "--json", "-"))
	before := h.vaultBytes()
	cases := []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{`{"title":`, []string{"dossier", "add", "--json", "-"}, 1, "记录格式不正确"},
		{`[1,2]`, []string{"dossier", "add", "--json", "-"}, 1, "记录格式不正确"},
		{`{"title":""}`, []string{"dossier", "add", "--json", "-"}, 1, "title"},
		{`{"title":"a"} {"title":"b"}`, []string{"dossier", "add", "--json", "-"}, 1, "more than one"},
		{`{"title":"改"}`, []string{"dossier", "edit", "nosuchid", "--json", "-"}, 1, "找不到该记录"},
		{"", []string{"dossier", "show"}, 2, "用法"},
		{"", []string{"frobnicate"}, 2, "未知命令"},
		{"", []string{"restore", "/nonexistent/backup"}, 1, "操作失败"},
	}
	for _, c := range cases {
		code, _, errs := h.run(c.stdin, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) || strings.Count(strings.TrimSpace(errs), "\n") > 1 {
			t.Errorf("%v: exit %d, stderr %q", c.args, code, errs)
		}
	}
	if !bytes.Equal(before, h.vaultBytes()) {
		t.Fatal("bad input changed the vault file")
	}
	if out := h.mustRun("", "dossier", "show", id); !strings.Contains(out, "原始案卷") {
		t.Fatal("record changed")
	}
}

func TestWrongPassphrase(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	h.env["QINGFENG_PASSPHRASE"] = "not the passphrase"
	code, _, errs := h.run("", "dossier", "list")
	if code != 1 || !strings.Contains(errs, "口令不正确") || strings.Count(errs, "\n") != 1 {
		t.Fatalf("exit %d stderr %q", code, errs)
	}
	msg.SetLang("en")
	defer msg.SetLang("zh")
	_, _, errs = h.run("", "dossier", "list")
	if !strings.Contains(errs, "wrong passphrase") {
		t.Fatalf("english: %q", errs)
	}
}

func TestPromptedPassphraseAndPasswd(t *testing.T) {
	h := newHarness(t)
	delete(h.env, "QINGFENG_PASSPHRASE")
	if code, _, errs := h.run("一二三四五六七八\n一二三四五六七九\n", "init"); code != 2 || !strings.Contains(errs, "不一致") {
		t.Fatalf("mismatch accepted: %d %s", code, errs)
	}
	h.mustRun("一二三四五六七八\n一二三四五六七八\n", "init")
	h.env["QINGFENG_PASSPHRASE"] = "一二三四五六七八"
	h.env["QINGFENG_NEW_PASSPHRASE"] = "新的口令一二三四"
	h.mustRun("", "passwd")
	if code, _, _ := h.run("", "check"); code != 1 {
		t.Fatal("old passphrase still works")
	}
	h.env["QINGFENG_PASSPHRASE"] = "新的口令一二三四"
	h.mustRun("", "check")
}

func TestBackupRestoreVerbs(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	id := strings.TrimSpace(h.mustRun(`{"title":"备份前"}`, "dossier", "add", "--json", "-"))
	bak := filepath.Join(t.TempDir(), "b.qfbak")
	h.mustRun("", "backup", "--out", bak)
	h.mustRun("", "dossier", "delete", id)
	h.mustRun("", "restore", bak)
	if out := h.mustRun("", "dossier", "show", id); !strings.Contains(out, "备份前") {
		t.Fatal("restore did not bring the record back")
	}
	os.WriteFile(bak, []byte("QFBACKUP1\ngarbage"), 0o600)
	before := h.vaultBytes()
	if code, _, errs := h.run("", "restore", bak); code != 1 || !strings.Contains(errs, "备份文件已损坏") {
		t.Fatalf("bad backup: %d %s", code, errs)
	}
	if !bytes.Equal(before, h.vaultBytes()) {
		t.Fatal("refused restore changed the vault")
	}
}

func TestPasswdWithRecoveryKey(t *testing.T) {
	h := newHarness(t)
	out := h.mustRun("", "init")
	rk := strings.TrimSpace(out[strings.LastIndex(out, "\n  ")+3:])
	delete(h.env, "QINGFENG_PASSPHRASE")
	h.env["QINGFENG_RECOVERY_KEY"] = rk
	h.env["QINGFENG_NEW_PASSPHRASE"] = "忘记后重设的口令"
	h.mustRun("", "passwd", "--recovery")
	h.env["QINGFENG_PASSPHRASE"] = "忘记后重设的口令"
	h.mustRun("", "check")
	h.env["QINGFENG_RECOVERY_KEY"] = "0000-0000-0000-0000-0000-0000-0000-0000"
	if code, _, errs := h.run("", "passwd", "--recovery"); code != 1 || !strings.Contains(errs, "口令不正确") {
		t.Fatalf("wrong recovery key: %d %s", code, errs)
	}
}

// TestDossierEditRevAndAudit: an edit based on an older --rev is refused
// and changes nothing; show, list and search are audited with the details
// the window writes for the same work (casework).
func TestDossierEditRevAndAudit(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	id := strings.TrimSpace(h.mustRun(`{"title":"原始案卷"}`, "dossier", "add", "--json", "-"))
	h.mustRun(`{"title":"第二版"}`, "dossier", "edit", id, "--json", "-", "--rev", "1")
	if code, _, errs := h.run(`{"title":"过时的修改"}`, "dossier", "edit", id, "--json", "-", "--rev", "1"); code != 1 || !strings.Contains(errs, "已被他人修改") {
		t.Fatalf("stale edit: exit %d, %q", code, errs)
	}
	if out := h.mustRun("", "dossier", "show", id); !strings.Contains(out, "第二版") || !strings.Contains(out, "版本 2") {
		t.Fatalf("after the refused edit: %s", out)
	}
	h.mustRun("", "dossier", "list")
	h.mustRun("", "search", "第二版")
	var entries []store.AuditEntry
	if err := json.Unmarshal([]byte(h.mustRun("", "audit", "list", "--json")), &entries); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if e.Action == store.ActionView || e.Action == store.ActionSearch {
			got = append(got, e.Action+" "+e.Type+"/"+e.ID+" "+e.Detail)
		}
	}
	want := []string{"view dossier/" + id + " ", "view dossier/ list: 1", `search / "第二版": 1 hits`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
