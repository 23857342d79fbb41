package cli

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"qingfeng/export/handoff"
	"qingfeng/store/model"
)

var fingerprintRE = regexp.MustCompile(`\d{4}( \d{4}){7}`)

// handoffPair is two vaults that exchanged keys: a (甲, the demo vault)
// and b (乙, empty).
type handoffPair struct {
	a, b *harness
	dir  string
}

func newHandoffPair(t *testing.T) *handoffPair {
	p := &handoffPair{a: newHarness(t), b: newHarness(t), dir: t.TempDir()}
	p.a.mustRun("", "demo")
	p.b.mustRun("", "init")
	p.a.mustRun("", "handoff", "keygen", "--name", "甲")
	p.b.mustRun("", "handoff", "keygen", "--name", "乙")
	exchange(t, p.a, p.b)
	return p
}

// whoami returns a vault's contact line and fingerprint.
func whoami(h *harness) (line, fp string) {
	var w struct{ Contact, Fingerprint string }
	json.Unmarshal([]byte(h.mustRun("", "handoff", "whoami", "--json")), &w)
	return w.Contact, w.Fingerprint
}

// exchange adds each vault as the other's contact and checks that the
// fingerprint shown on adding is the one the other side reads out.
func exchange(t *testing.T, x, y *harness) {
	t.Helper()
	for _, pair := range [][2]*harness{{x, y}, {y, x}} {
		line, fp := whoami(pair[1])
		if out := pair[0].mustRun("", "handoff", "contacts", "add", line); !strings.Contains(out, fp) {
			t.Fatalf("contacts add shows %q, the other side reads %s", out, fp)
		}
	}
}

// firstCase returns the id of a case in the vault.
func firstCase(t *testing.T, h *harness) string {
	t.Helper()
	var cs []model.Case
	json.Unmarshal([]byte(h.mustRun("", "case", "list", "--json")), &cs)
	if len(cs) == 0 {
		t.Fatal("no cases")
	}
	return cs[0].ID
}

func (p *handoffPair) export(t *testing.T, from *harness, name, to string, ids ...string) string {
	t.Helper()
	out := filepath.Join(p.dir, name)
	args := []string{"handoff", "export", "--to", to, "--out", out}
	for _, id := range ids {
		args = append(args, "--dossier", id)
	}
	code, stdout, stderr := from.run("", args...)
	if code != 0 || !strings.Contains(stdout, "SHA-256") || !strings.Contains(stderr, "回读校验 100%") {
		t.Fatalf("export: %d %s %s", code, stdout, stderr)
	}
	return out
}

func TestHandoffKeysCLI(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	if code, _, errs := h.run("", "handoff", "whoami"); code != 1 || !strings.Contains(errs, "handoff keygen") {
		t.Fatalf("whoami without a key: %d %s", code, errs)
	}
	out := h.mustRun("", "handoff", "keygen", "--name", "纪检组䶮")
	if !strings.Contains(out, "qingfeng-contact:v1:") || !fingerprintRE.MatchString(out) {
		t.Fatalf("keygen: %s", out)
	}
	_, fp := whoami(h)
	if code, _, errs := h.run("", "handoff", "keygen"); code != 1 || !strings.Contains(errs, "--force") {
		t.Fatalf("keygen twice: %d %s", code, errs)
	}
	h.mustRun("", "handoff", "keygen", "--force", "--name", "纪检组䶮")
	if _, fp2 := whoami(h); fp2 == fp {
		t.Fatal("--force kept the old key")
	}
	other := newHarness(t)
	other.mustRun("", "init")
	other.mustRun("", "handoff", "keygen", "--name", "乙")
	line, ofp := whoami(other)
	h.mustRun("", "handoff", "contacts", "add", line, "--name", "乙方（核对过）")
	if out := h.mustRun("", "handoff", "contacts", "list"); !strings.Contains(out, ofp+"  乙方（核对过）") {
		t.Fatalf("list: %s", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"handoff", "contacts", "add", line}, "已有同名或同密钥"},
		{[]string{"handoff", "contacts", "add", "qingfeng-contact:v1:乱码"}, "联系卡格式不正确"},
		{[]string{"handoff", "contacts", "remove", "没有这个人"}, "没有这个联系人"},
	} {
		if code, _, errs := h.run("", c.args...); code != 1 || !strings.Contains(errs, c.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: %d %q", c.args, code, errs)
		}
	}
	h.mustRun("", "handoff", "contacts", "remove", "乙方（核对过）")
	if out := h.mustRun("", "handoff", "contacts", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("after remove: %s", out)
	}
}

func TestHandoffBothWaysWithConflict(t *testing.T) {
	p := newHandoffPair(t)
	a, b := p.a, p.b
	id := firstCase(t, a)
	file := filepath.Join(p.dir, "谈话笔录 䶮𠮷喆.bin")
	data := make([]byte, 1<<20+12345)
	rand.Read(data)
	os.WriteFile(file, data, 0o600)
	att := strings.TrimSpace(a.mustRun("", "attach", "add", "--to", "case/"+id, file))
	bundle := p.export(t, a, "甲给乙.qfb", "乙", id)

	before := b.vaultBytes()
	if out := b.mustRun("", "handoff", "import", bundle, "--dry-run"); !strings.Contains(out, "预览") || !strings.Contains(out, "新增  case/"+id) {
		t.Fatalf("dry run: %s", out)
	}
	if !bytes.Equal(before, b.vaultBytes()) {
		t.Fatal("dry run wrote")
	}
	if out := b.mustRun("", "handoff", "import", bundle); !strings.Contains(out, "写入 1 个") {
		t.Fatalf("import: %s", out)
	}
	if a.mustRun("", "case", "show", id, "--json") != b.mustRun("", "case", "show", id, "--json") {
		t.Fatal("case differs after import")
	}
	got := filepath.Join(p.dir, "got.bin")
	b.mustRun("", "attach", "get", att, "--out", got, "--yes")
	if g, _ := os.ReadFile(got); !bytes.Equal(g, data) {
		t.Fatal("attachment differs")
	}

	// Both sides record a step while apart: a conflict, kept side by side.
	a.mustRun("", "case", "step", id, "--kind", "初核报告", "--note", "甲方补充：王䶮")
	b.mustRun("", "case", "step", id, "--kind", "初核报告", "--note", "乙方补充：吉𠮷喆")
	local := b.mustRun("", "case", "show", id, "--json")
	if out := b.mustRun("", "handoff", "import", p.export(t, a, "第二次.qfb", "乙", id)); !strings.Contains(out, "冲突  case/"+id) {
		t.Fatalf("no conflict: %s", out)
	}
	if b.mustRun("", "case", "show", id, "--json") != local {
		t.Fatal("local version overwritten")
	}
	checkConflictList(t, b, id)
	b.mustRun("", "conflicts", "resolve", "case", id, "--take", "remote")
	if out := b.mustRun("", "conflicts", "list"); !strings.Contains(out, "没有待处理的冲突") {
		t.Fatalf("after resolve: %s", out)
	}
	// Sent back, the resolution replaces a's version without a conflict.
	if out := a.mustRun("", "handoff", "import", p.export(t, b, "乙给甲.qfb", "甲", id)); strings.Contains(out, "冲突  ") || !strings.Contains(out, "更新  case/"+id) {
		t.Fatalf("send back: %s", out)
	}
	if a.mustRun("", "case", "show", id, "--json") != b.mustRun("", "case", "show", id, "--json") {
		t.Fatal("vaults disagree")
	}
	before = b.vaultBytes()
	b.mustRun("", "handoff", "import", filepath.Join(p.dir, "第二次.qfb"))
	if !bytes.Equal(before, b.vaultBytes()) {
		t.Fatal("re-import changed records")
	}
}

// TestHandoffStockAge: the age key written by handoff age-key lets the
// stock age command decrypt a bundle from the program, and tar lists
// manifest.json first.
func TestHandoffStockAge(t *testing.T) {
	p := newHandoffPair(t)
	bundle := p.export(t, p.a, "给乙.qfb", "乙", firstCase(t, p.a))
	key := filepath.Join(p.dir, "key.txt")
	if code, _, errs := p.b.run("", "handoff", "age-key", "--out", key); code != 2 || !strings.Contains(errs, "--yes") {
		t.Fatalf("age-key without --yes: %d %s", code, errs)
	}
	p.b.mustRun("", "handoff", "age-key", "--out", key, "--yes")
	if st, err := os.Stat(key); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", st, err)
	}
	plain, err := exec.Command("age", "-d", "-i", key, bundle).Output()
	if err != nil {
		t.Fatal(err)
	}
	tar := exec.Command("tar", "-t")
	tar.Stdin = bytes.NewReader(plain)
	list, err := tar.Output()
	if err != nil || !strings.HasPrefix(string(list), "manifest.json\nmanifest.sig\nrecords/case/") {
		t.Fatalf("tar -t: %v\n%s", err, list)
	}
	if out := p.b.mustRun("", "audit", "list"); !strings.Contains(out, "save_plaintext_copy") || !strings.Contains(out, "identity/self") {
		t.Fatal("age-key not audited")
	}
}

func checkConflictList(t *testing.T, h *harness, id string) {
	t.Helper()
	if out := h.mustRun("", "conflicts", "list"); !strings.Contains(out, "冲突 case/"+id) || !strings.Contains(out, "steps") {
		t.Fatalf("conflicts list: %s", out)
	}
	var cs []handoff.ConflictView
	json.Unmarshal([]byte(h.mustRun("", "conflicts", "list", "--json")), &cs)
	if len(cs) != 1 || !strings.Contains(string(cs[0].Local.Data), "乙方补充：吉𠮷喆") || !strings.Contains(string(cs[0].Remote.Data), "甲方补充：王䶮") {
		t.Fatalf("conflicts --json: %+v", cs)
	}
}

func TestHandoffBadInputCLI(t *testing.T) {
	p := newHandoffPair(t)
	a, b := p.a, p.b
	id := firstCase(t, a)
	good := p.export(t, a, "good.qfb", "乙", id)
	// c is a stranger to b; d is an impostor calling itself 甲. Both know b.
	c, d := newHarness(t), newHarness(t)
	for _, x := range []struct {
		h    *harness
		name string
	}{{c, "丙"}, {d, "甲"}} {
		x.h.mustRun("", "demo")
		x.h.mustRun("", "handoff", "keygen", "--name", x.name)
		line, _ := whoami(b)
		x.h.mustRun("", "handoff", "contacts", "add", line)
	}
	line, _ := whoami(c)
	a.mustRun("", "handoff", "contacts", "add", line)
	a.env["QF_BUNDLE_PASS"] = "电话里告知的口令"
	b.env["QF_BUNDLE_PASS"] = "听错了的口令"
	a.mustRun("", "handoff", "export", "--dossier", id, "--passphrase-env", "QF_BUNDLE_PASS", "--out", filepath.Join(p.dir, "pass.qfb"))
	raw, _ := os.ReadFile(good)
	variant := func(name string, b []byte) string {
		f := filepath.Join(p.dir, name)
		os.WriteFile(f, b, 0o600)
		return f
	}
	flipped := append([]byte(nil), raw...)
	flipped[len(flipped)/3] ^= 0x01
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"wrong key", []string{"handoff", "import", p.export(t, a, "for-c.qfb", "丙", id)}, "不是发给本案卷库的"},
		{"wrong passphrase", []string{"handoff", "import", filepath.Join(p.dir, "pass.qfb"), "--passphrase-env", "QF_BUNDLE_PASS"}, "口令不对"},
		{"flipped byte", []string{"handoff", "import", variant("flip.qfb", flipped)}, "已损坏或被改动"},
		{"truncated", []string{"handoff", "import", variant("cut.qfb", raw[:len(raw)/2])}, "截断"},
		{"not a bundle", []string{"handoff", "import", variant("note.qfb", []byte("一份普通的文字材料\n"))}, "不是清风案卷包"},
		{"another key", []string{"handoff", "import", p.export(t, d, "impostor.qfb", "乙", firstCase(t, d))}, "可能是冒充"},
		{"unknown sender", []string{"handoff", "import", p.export(t, c, "stranger.qfb", "乙", firstCase(t, c))}, "不是已知联系人"},
		{"dry run, unknown sender", []string{"handoff", "import", filepath.Join(p.dir, "stranger.qfb"), "--dry-run"}, "不是已知联系人"},
	}
	before := b.vaultBytes()
	for _, c := range cases {
		code, _, errs := b.run("", c.args...)
		if code != 1 || !strings.Contains(errs, c.want) || !strings.Contains(errs, "未做任何更改") || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q", c.name, code, errs)
		}
		if !bytes.Equal(before, b.vaultBytes()) {
			t.Fatalf("%s changed the vault", c.name)
		}
	}
	// The passphrase told right opens the bundle; a trusted stranger becomes a contact.
	b.env["QF_BUNDLE_PASS"] = a.env["QF_BUNDLE_PASS"]
	b.mustRun("", "handoff", "import", filepath.Join(p.dir, "pass.qfb"), "--passphrase-env", "QF_BUNDLE_PASS")
	if out := b.mustRun("", "handoff", "import", filepath.Join(p.dir, "stranger.qfb"), "--trust"); !strings.Contains(out, "已按 --trust 信任") {
		t.Fatalf("trust: %s", out)
	}
	if out := b.mustRun("", "handoff", "contacts", "list"); !strings.Contains(out, "丙") {
		t.Fatalf("trusted sender not a contact: %s", out)
	}
	if code, _, errs := b.run("", "handoff", "export", "--dossier", "nosuch", "--to", "甲", "--out", filepath.Join(p.dir, "x.qfb")); code != 1 || !strings.Contains(errs, "找不到要导出的案件") {
		t.Fatalf("export of a missing case: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(p.dir, "x.qfb")); err == nil {
		t.Fatal("a failed export left a file")
	}
}
