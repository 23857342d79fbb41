package binsuite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

const passphrase = "二进制套件口令 correct horse 䶮𠮷"

// leadJSON registers a lead with two subjects whose names hold a character
// of CJK Extension A (䶮) and one of Extension B (𠮷, a surrogate pair in
// UTF-16, which is what a Windows program's arguments pass through).
const leadJSON = `{"source":"信访举报","received":"2026-03-02","summary":"反映王䶮、欧阳𠮷在工程招投标中收受好处费",
"category":"廉洁纪律","reporter":{"name":"匿名","real_name":false},
"subjects":[{"name":"王䶮","unit":"某区住建局"},{"name":"欧阳𠮷","unit":"某区财政局"}]}`

var (
	target, peer program
	// fingerprintRE is a handoff fingerprint: 8 groups of 4 digits.
	fingerprintRE = regexp.MustCompile(`\d{4}( \d{4}){7}`)
	// initNote is all init may print on stderr; progress is what demo and
	// the handoff verbs may: counters and "phase NN%" lines.
	initNote = regexp.MustCompile(`^正在创建案卷库（校准密钥派生，约 1 秒）…$`)
	progress = regexp.MustCompile(`^(写入|附件) \d+ / \d+$|^\p{Han}+ +\d{1,3}%$`)
)

// program is a command-line prefix that starts one qingfeng binary.
type program struct {
	argv    []string
	windows bool // a Windows exe: paths are passed as Windows paths on Z:
}

// path is p as this program takes it on its command line.
func (p program) path(unix string) string {
	if !p.windows {
		return unix
	}
	return `Z:` + strings.ReplaceAll(unix, "/", `\`)
}

func TestMain(m *testing.M) {
	os.Exit(runSuite(m))
}

func runSuite(m *testing.M) int {
	dir, err := os.MkdirTemp("", "binsuite-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	native := ""
	build := func() (string, error) {
		if native == "" {
			native = filepath.Join(dir, "qingfeng")
			return native, buildNative(native)
		}
		return native, nil
	}
	if target, err = programFrom("QF_SUITE_BIN", build); err == nil {
		peer, err = programFrom("QF_SUITE_PEER", build)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "binsuite:", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "binsuite: target %q, peer %q\n", target.argv, peer.argv)
	return m.Run()
}

// programFrom reads a command prefix from the environment variable, or
// builds the native binary when it is unset.
func programFrom(env string, build func() (string, error)) (program, error) {
	argv := strings.Fields(os.Getenv(env))
	if len(argv) == 0 {
		bin, err := build()
		return program{argv: []string{bin}}, err
	}
	exe := strings.ToLower(argv[len(argv)-1])
	return program{argv: argv, windows: strings.HasSuffix(exe, ".exe")}, nil
}

// buildNative builds this module's binary for the host into out.
func buildNative(out string) error {
	gocmd, err := exec.LookPath("go")
	if err != nil {
		gocmd = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return err
	}
	cmd := exec.Command(gocmd, "build", "-o", out, "qingfeng")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, b)
	}
	return nil
}

// vault is one vault directory driven by one program, with a sandbox of
// home, temp, config, cache and data folders of its own.
type vault struct {
	t         *testing.T
	p         program
	root, dir string
	env       []string
}

func newVault(t *testing.T, p program) *vault {
	v := &vault{t: t, p: p, root: t.TempDir()}
	v.dir = filepath.Join(v.root, "vault")
	dirs := map[string]string{"HOME": "home", "TMPDIR": "tmp", "TMP": "tmp", "TEMP": "tmp",
		"XDG_CONFIG_HOME": "home/.config", "XDG_CACHE_HOME": "home/.cache", "XDG_DATA_HOME": "home/.local/share"}
	for _, k := range []string{"QINGFENG_PASSPHRASE", "QINGFENG_NEW_PASSPHRASE", "QINGFENG_VAULT", "QINGFENG_LANG"} {
		dirs[k] = ""
	}
	// Wine keeps its prefix in $HOME/.wine unless told: keep the caller's.
	if os.Getenv("WINEPREFIX") == "" && os.Getenv("HOME") != "" {
		v.env = append(v.env, "WINEPREFIX="+filepath.Join(os.Getenv("HOME"), ".wine"))
	}
	for _, kv := range os.Environ() {
		if _, ours := dirs[kv[:max(strings.IndexByte(kv, '='), 0)]]; !ours {
			v.env = append(v.env, kv)
		}
	}
	for k, d := range dirs {
		if d != "" {
			full := filepath.Join(v.root, d)
			if err := os.MkdirAll(full, 0o700); err != nil {
				t.Fatal(err)
			}
			v.env = append(v.env, k+"="+full)
		}
	}
	v.env = append(v.env, "QINGFENG_PASSPHRASE="+passphrase)
	return v
}

// run executes one command on the vault and returns its exit status,
// stdout and stderr.
func (v *vault) run(stdin string, args ...string) (int, string, string) {
	v.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	argv := append(slices.Clone(v.p.argv[1:]), "--vault", v.p.path(v.dir))
	cmd := exec.CommandContext(ctx, v.p.argv[0], append(argv, args...)...)
	cmd.Env, cmd.Dir, cmd.Stdin = v.env, v.root, strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	// A helper the program starts may keep our pipes open after it exits
	// (Wine's wineserver and services, when this is the first Wine process).
	cmd.WaitDelay = 20 * time.Second
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.Is(err, exec.ErrWaitDelay):
		v.t.Fatalf("%v: exited, but a process it started kept stdout/stderr open (under Wine: start wineserver -p and one Wine command first)", args)
	case errors.As(err, &exit) && ctx.Err() == nil:
		return exit.ExitCode(), out.String(), errb.String()
	case err != nil:
		v.t.Fatalf("%v: %v\nstderr: %s", args, err, errb.String())
	}
	return 0, out.String(), errb.String()
}

// ok runs a command that must succeed and print nothing on stderr, and
// returns its stdout.
func (v *vault) ok(stdin string, args ...string) string {
	v.t.Helper()
	out, _ := v.okWith(nil, stdin, args...)
	return out
}

// okWith runs a command that must succeed and print on stderr only lines
// (pieces between \r and \n) that allowed matches; it returns stdout and
// stderr.
func (v *vault) okWith(allowed *regexp.Regexp, stdin string, args ...string) (string, string) {
	v.t.Helper()
	code, out, errs := v.run(stdin, args...)
	if code != 0 {
		v.t.Fatalf("%v: exit %d\nstdout: %s\nstderr: %s", args, code, out, errs)
	}
	for _, line := range strings.FieldsFunc(errs, func(r rune) bool { return r == '\r' || r == '\n' }) {
		if allowed == nil || !allowed.MatchString(line) {
			v.t.Fatalf("%v: unexpected stderr %q", args, errs)
		}
	}
	return out, errs
}

// decode runs a --json command and decodes its stdout into into.
func (v *vault) decode(into any, args ...string) {
	v.t.Helper()
	out := v.ok("", args...)
	if err := json.Unmarshal([]byte(out), into); err != nil {
		v.t.Fatalf("%v: %v in %q", args, err, out)
	}
}

// record is the envelope of a stored record.
type record struct {
	Type string          `json:"type"`
	ID   string          `json:"id"`
	Rev  uint64          `json:"rev"`
	Data json.RawMessage `json:"data"`
}

// name is the record body's "name" field (a subject's name).
func (r record) name() string {
	var d struct{ Name string }
	json.Unmarshal(r.Data, &d)
	return d.Name
}

// search returns search --json's total and its records as "type/id" keys,
// with the names of the subjects found.
func (v *vault) search(q string) (total int, keys, names []string) {
	v.t.Helper()
	var res struct {
		Query   string   `json:"query"`
		Total   int      `json:"total"`
		Records []record `json:"records"`
	}
	v.decode(&res, "search", q, "--json")
	if res.Query != q {
		v.t.Fatalf("search %s: the program read the query as %q", q, res.Query)
	}
	for _, r := range res.Records {
		keys = append(keys, r.Type+"/"+r.ID)
		if r.Type == "subject" {
			names = append(names, r.name())
		}
	}
	return res.Total, keys, names
}

// initVault creates the vault and checks the recovery key is printed once,
// as 8 groups.
func (v *vault) initVault() {
	v.t.Helper()
	out, _ := v.okWith(initNote, "", "init")
	last := strings.TrimSpace(out[strings.LastIndex(out, "\n  ")+1:])
	groups := strings.Split(last, "-")
	if !strings.Contains(out, "恢复密钥") || len(groups) != 8 || slices.Contains(groups, "") {
		v.t.Fatalf("init output: %q", out)
	}
}

// demo fills the vault with the demo dossiers.
func (v *vault) demo() {
	v.t.Helper()
	if out, _ := v.okWith(progress, "", "demo"); !strings.Contains(out, "案件 24") {
		v.t.Fatalf("demo: %q", out)
	}
}

// addLead registers leadJSON and returns the lead's id; its number is the
// first of 2026.
func (v *vault) addLead() string {
	v.t.Helper()
	f := strings.Fields(v.ok(leadJSON, "lead", "add", "--json", "-"))
	if len(f) != 2 || len(f[0]) != 16 || f[1] != "XS〔2026〕1号" {
		v.t.Fatalf("lead add: %q", f)
	}
	return f[0]
}

// TestInitLeadSearch: init prints the recovery key; a lead with subjects
// 王䶮 and 欧阳𠮷 is registered, found by either rare character, and listed
// in the 线索台账; check is clean.
func TestInitLeadSearch(t *testing.T) {
	t.Parallel()
	v := newVault(t, target)
	v.initVault()
	id := v.addLead()
	for q, name := range map[string]string{"𠮷": "欧阳𠮷", "䶮": "王䶮"} {
		total, keys, names := v.search(q)
		if total != 2 || !slices.Contains(keys, "lead/"+id) || !slices.Equal(names, []string{name}) {
			t.Errorf("search %s: %d %v %v", q, total, keys, names)
		}
	}
	if out := v.ok("", "lead", "list"); !strings.Contains(out, id) || !strings.Contains(out, "XS〔2026〕1号") || !strings.Contains(out, "待处置") {
		t.Errorf("lead list: %q", out)
	}
	var leads []struct {
		ID         string   `json:"id"`
		SubjectIDs []string `json:"subject_ids"`
		Summary    string   `json:"summary"`
	}
	v.decode(&leads, "lead", "list", "--json")
	if len(leads) != 1 || leads[0].ID != id || len(leads[0].SubjectIDs) != 2 || !strings.Contains(leads[0].Summary, "欧阳𠮷") {
		t.Errorf("lead list --json: %+v", leads)
	}
	v.checkClean()
}

// checkClean runs check and audit verify, which must find nothing wrong.
func (v *vault) checkClean() {
	v.t.Helper()
	if out := v.ok("", "check"); !strings.Contains(out, "校验通过") {
		v.t.Errorf("check: %q", out)
	}
	if out := v.ok("", "audit", "verify"); !strings.Contains(out, "审计日志链完整") {
		v.t.Errorf("audit verify: %q", out)
	}
}

// caseRow is what the suite reads of a case.
type caseRow struct {
	ID         string   `json:"id"`
	Number     string   `json:"number"`
	Kind       string   `json:"kind"`
	SubjectIDs []string `json:"subject_ids"`
	Events     []struct {
		To string `json:"to"`
	} `json:"events"`
}

// filedCase returns a demo case put on file (立案) with a subject.
func (v *vault) filedCase() caseRow {
	v.t.Helper()
	var cs []caseRow
	v.decode(&cs, "case", "list", "--json")
	for _, c := range cs {
		if c.Kind == "审查调查" && len(c.SubjectIDs) > 0 && slices.ContainsFunc(c.Events, func(e struct {
			To string `json:"to"`
		}) bool {
			return e.To == "立案"
		}) {
			return c
		}
	}
	v.t.Fatalf("no filed case among %d", len(cs))
	return caseRow{}
}

// pdfText extracts a PDF's text with pdftotext (Debian poppler-utils),
// without the spaces and line breaks extraction puts between characters.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatalf("pdftotext is not installed (Debian package poppler-utils): %v", err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// TestDocRender renders a 立案决定书 of a demo case and reads the PDF back:
// the 文号 from the register, the subject's name and the date are printed.
func TestDocRender(t *testing.T) {
	t.Parallel()
	v := newVault(t, target)
	v.demo()
	var ts []struct {
		Name     string `json:"name"`
		Numbered bool   `json:"numbered"`
	}
	v.decode(&ts, "doc", "templates", "--json")
	if len(ts) != 15 || ts[0].Name != "立案决定书" || !ts[0].Numbered {
		t.Fatalf("doc templates: %+v", ts)
	}
	c := v.filedCase()
	var fields struct {
		Subject struct{ Name string } `json:"subject"`
	}
	v.decode(&fields, "doc", "fields", "--dossier", c.ID, "--merged")
	pdf := filepath.Join(v.root, "立案决定书 䶮𠮷.pdf")
	out := v.ok("", "doc", "render", "--dossier", c.ID, "--template", ts[0].Name, "--out", v.p.path(pdf), "--date", "2026-03-05")
	var reg []struct {
		Number    string `json:"number"`
		DossierID string `json:"dossier_id"`
	}
	v.decode(&reg, "doc", "register", "--json")
	if len(reg) != 1 || reg[0].DossierID != c.ID || !strings.HasPrefix(reg[0].Number, "某纪〔2026〕") {
		t.Fatalf("register: %+v (render printed %q)", reg, out)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"立案决定书", reg[0].Number, fields.Subject.Name, "2026年3月5日"} {
		if want == "" || !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q: %s", want, text)
		}
	}
}

// TestBackupRestoreCheck: a backup restored over later changes brings the
// vault back as it was, search included, and check is clean.
func TestBackupRestoreCheck(t *testing.T) {
	t.Parallel()
	v := newVault(t, target)
	v.initVault()
	id := v.addLead()
	bak := filepath.Join(v.root, "备份 䶮.qfbak")
	if out := v.ok("", "backup", "--out", v.p.path(bak)); !strings.Contains(out, "备份已写入") {
		t.Fatalf("backup: %q", out)
	}
	if st, err := os.Stat(bak); err != nil || st.Size() == 0 {
		t.Fatalf("backup file: %v", err)
	}
	extra := strings.TrimSpace(v.ok(`{"title":"备份之后新增的案卷"}`, "dossier", "add", "--json", "-"))
	if out := v.ok("", "restore", v.p.path(bak)); !strings.Contains(out, "已从备份恢复") || !strings.Contains(out, "校验通过") {
		t.Fatalf("restore: %q", out)
	}
	if code, _, errs := v.run("", "dossier", "show", extra); code != 1 || !strings.Contains(errs, "找不到该记录") {
		t.Errorf("record added after the backup survived the restore: %d %q", code, errs)
	}
	if total, keys, _ := v.search("𠮷"); total != 2 || !slices.Contains(keys, "lead/"+id) {
		t.Errorf("search after restore: %d %v", total, keys)
	}
	v.checkClean()
}

// whoami returns a vault's contact line and fingerprint.
func (v *vault) whoami() (line, fp string) {
	v.t.Helper()
	var w struct{ Contact, Fingerprint string }
	v.decode(&w, "handoff", "whoami", "--json")
	if !strings.HasPrefix(w.Contact, "qingfeng-contact:v1:") || !fingerprintRE.MatchString(w.Fingerprint) {
		v.t.Fatalf("whoami: %+v", w)
	}
	return w.Contact, w.Fingerprint
}

// keygen makes the vault's handoff keys under name.
func (v *vault) keygen(name string) {
	v.t.Helper()
	out := v.ok("", "handoff", "keygen", "--name", name)
	if !strings.Contains(out, "qingfeng-contact:v1:") || !fingerprintRE.MatchString(out) {
		v.t.Fatalf("keygen: %q", out)
	}
}

// exchange adds each vault as the other's contact; the fingerprint shown on
// adding must be the one the other side reads out.
func exchange(t *testing.T, x, y *vault) {
	t.Helper()
	for _, pair := range [][2]*vault{{x, y}, {y, x}} {
		line, fp := pair[1].whoami()
		if out := pair[0].ok("", "handoff", "contacts", "add", line); !strings.Contains(out, fp) {
			t.Fatalf("contacts add shows %q, the other side reads %s", out, fp)
		}
	}
}

// export writes case id to the contact as a bundle in the vault's folder
// and returns the bundle's Unix path.
func (v *vault) export(id, to, name string) string {
	v.t.Helper()
	file := filepath.Join(v.root, name)
	out, errs := v.okWith(progress, "", "handoff", "export", "--dossier", id, "--to", to, "--out", v.p.path(file))
	if !strings.Contains(out, "SHA-256") || !strings.Contains(errs, "回读校验 100%") {
		v.t.Fatalf("export: %q %q", out, errs)
	}
	return file
}

// receive imports the bundle and checks the case arrived as sent: the same
// JSON on both sides, and found by search on the receiver.
func receive(t *testing.T, from, to *vault, bundle, id, query string) {
	t.Helper()
	if out, _ := to.okWith(progress, "", "handoff", "import", to.p.path(bundle)); !strings.Contains(out, "新增  case/"+id) {
		t.Fatalf("import: %q", out)
	}
	if sent, got := from.ok("", "case", "show", id, "--json"), to.ok("", "case", "show", id, "--json"); sent != got {
		t.Fatalf("case differs after import:\nsent %s\ngot  %s", sent, got)
	}
	_, keys, _ := to.search(query)
	if !slices.Contains(keys, "case/"+id) {
		t.Fatalf("search %s on the receiver: %v", query, keys)
	}
	to.checkClean()
}

// TestHandoffRoundTrip: the binary under test and the peer exchange keys;
// a demo case goes from the target to the peer, and a case opened on the
// peer from a lead (王䶮, 欧阳𠮷) goes to the target.
func TestHandoffRoundTrip(t *testing.T) {
	t.Parallel()
	a, b := newVault(t, target), newVault(t, peer)
	a.demo()
	b.initVault()
	lead := b.addLead()
	b.ok("", "lead", "dispose", lead, "--as", "初核", "--date", "2026-03-03", "--approver", "王书记")
	opened := strings.Fields(b.ok("", "lead", "case", lead, "--date", "2026-03-04"))
	if len(opened) < 2 || opened[0] != "case" {
		t.Fatalf("lead case: %q", opened)
	}
	a.keygen("甲方 䶮")
	b.keygen("乙方 𠮷")
	exchange(t, a, b)

	sent := a.filedCase()
	receive(t, a, b, a.export(sent.ID, "乙方 𠮷", "甲给乙.qfb"), sent.ID, sent.Number)

	if total, _, _ := a.search("欧阳𠮷"); total != 0 {
		t.Fatalf("the target knew 欧阳𠮷 before the handoff: %d", total)
	}
	receive(t, b, a, b.export(opened[1], "甲方 䶮", "乙给甲.qfb"), opened[1], "欧阳𠮷")
}
