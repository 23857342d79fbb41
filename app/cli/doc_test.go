package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"qingfeng/casework"
	"qingfeng/export/pdf"
	"qingfeng/internal/pdftest"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// particularsFile is the sample 文书要素 the export/pdf tests use too.
const particularsFile = "../../export/pdf/testdata/particulars.json"

// pdfText and fileSHA read a written PDF back (pdftotext, SHA-256).
var (
	pdfText = pdftest.Text
	fileSHA = pdftest.FileSHA
)

// demoCase returns the first demo case for which ok holds.
func (h *harness) demoCase(ok func(c *model.Case) bool) *model.Case {
	h.t.Helper()
	var cases []model.Case
	if err := json.Unmarshal([]byte(h.mustRun("", "case", "list", "--json")), &cases); err != nil {
		h.t.Fatal(err)
	}
	for i := range cases {
		if ok(&cases[i]) {
			return &cases[i]
		}
	}
	h.t.Fatal("no such case in the demo vault")
	return nil
}

// subjectName is the name of the case's first subject, as the templates see it.
func (h *harness) subjectName(id string) string {
	h.t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(h.mustRun("", "doc", "fields", "--dossier", id, "--merged")), &m); err != nil {
		h.t.Fatal(err)
	}
	name, _ := m["subject"].(map[string]any)["name"].(string)
	if name == "" {
		h.t.Fatalf("case %s has no subject name: %v", id, m)
	}
	return name
}

// register reads the document register.
func (h *harness) register() []dossier.RegisterEntry {
	h.t.Helper()
	var es []dossier.RegisterEntry
	if err := json.Unmarshal([]byte(h.mustRun("", "doc", "register", "--json")), &es); err != nil {
		h.t.Fatal(err)
	}
	return es
}

// prints returns the print audit entries, their detail decoded.
func (h *harness) prints() []dossier.PrintDetail {
	h.t.Helper()
	var entries []store.AuditEntry
	if err := json.Unmarshal([]byte(h.mustRun("", "audit", "list", "--json")), &entries); err != nil {
		h.t.Fatal(err)
	}
	var out []dossier.PrintDetail
	for _, a := range entries {
		if a.Action != store.ActionPrint {
			continue
		}
		var d dossier.PrintDetail
		if err := json.Unmarshal([]byte(a.Detail), &d); err != nil || a.Actor != "tester" {
			h.t.Fatalf("print entry %+v: %v", a, err)
		}
		out = append(out, d)
	}
	return out
}

// filed reports whether a case was put on file (立案) and has facts.
func filed(c *model.Case) bool {
	return c.Kind == model.KindInvestigation && !c.FiledOn().IsZero() && len(c.SubjectIDs) > 0
}

// dirNames lists a folder's entries.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// TestDocRenderCopiesAndReprint renders a 立案决定书 of a demo case in two
// copies and reads the PDFs back: the 文号 from the register and the
// subject's name are printed, the 份号 goes up from copy to copy and on a
// reprint (same 文号), and every copy has a print audit entry with the
// SHA-256 of its file.
func TestDocRenderCopiesAndReprint(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "demo")
	c := h.demoCase(filed)
	name := h.subjectName(c.ID)
	dir := t.TempDir()
	out := h.mustRun("", "doc", "render", "--dossier", c.ID, "--template", "立案决定书", "--out", filepath.Join(dir, "lian.pdf"),
		"--copies", "2", "--date", "2026-03-05")
	es := h.register()
	if len(es) != 1 || !strings.HasPrefix(es[0].Number, "某纪〔2026〕") || len(es[0].Copies) != 2 || es[0].DossierID != c.ID {
		t.Fatalf("register %+v", es)
	}
	number := es[0].Number
	h.mustRun("", "doc", "render", "--dossier", c.ID, "--template", "立案决定书", "--out", filepath.Join(dir, "again.pdf"), "--date", "2026-04-01")
	files := []string{"lian-000001.pdf", "lian-000002.pdf", "again.pdf"}
	prints := h.prints()
	if len(prints) != 3 || strings.Count(out, "\n") != 2 {
		t.Fatalf("%d print entries; output %q", len(prints), out)
	}
	for i, f := range files {
		path := filepath.Join(dir, f)
		text := pdfText(t, path)
		copyNo := dossier.CopyNumber(i + 1)
		if !strings.Contains(text, number) || !strings.Contains(text, name) || !strings.Contains(text, copyNo) || !strings.Contains(text, "2026年3月5日") {
			t.Errorf("%s: no %s / %s / 份号 %s / date in %q", f, number, name, copyNo, text)
		}
		want := dossier.PrintDetail{Dossier: c.ID, Template: "立案决定书", Number: number, Copy: copyNo, SHA256: fileSHA(t, path)}
		if prints[i] != want {
			t.Errorf("audit %+v, want %+v", prints[i], want)
		}
	}
	if es := h.register(); len(es) != 1 || len(es[0].Copies) != 3 || es[0].Number != number {
		t.Fatalf("after reprint: %+v", es)
	}
	h.mustRun("", "audit", "verify")
}

// TestDocMissingField: without particulars a 案件调查报告 cannot be filled;
// the command fails with one line naming template, line and field, writes
// no file (not even a temporary one) and registers nothing.
func TestDocMissingField(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "demo")
	h.mustRun("{}", "doc", "fields", "--set", "-") // drop the demo's vault-wide particulars
	c := h.demoCase(filed)
	dir := t.TempDir()
	before := h.vaultBytes()
	code, _, errs := h.run("", "doc", "render", "--dossier", c.ID, "--template", "案件调查报告", "--out", filepath.Join(dir, "r.pdf"))
	if code != 1 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "案件调查报告 line 6: org.leader") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Fatalf("files left behind: %v", names)
	}
	if string(before) != string(h.vaultBytes()) || len(h.register()) != 0 || len(h.prints()) != 0 {
		t.Fatal("a failed render changed the vault")
	}
}

// TestDocWatermark: a document with a 密级 gets the watermark (operator,
// date, 份号) unless it is turned off.
func TestDocWatermark(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "demo")
	c := h.demoCase(filed)
	h.mustRun("", "doc", "fields", "--set", particularsFile) // vault-wide: 密级 机密★1年
	dir := t.TempDir()
	on, off := filepath.Join(dir, "on.pdf"), filepath.Join(dir, "off.pdf")
	h.mustRun("", "doc", "render", "--dossier", c.ID, "--template", "立案通知书", "--out", on, "--fixed-time", "2026-03-05T09:00:00Z")
	h.mustRun("", "doc", "render", "--dossier", c.ID, "--template", "立案通知书", "--out", off, "--watermark", "off")
	// -raw keeps the drawing order, so each rotated watermark row reads whole.
	tOn, tOff := pdfText(t, on, "-raw"), pdfText(t, off, "-raw")
	if !strings.Contains(tOn, "机密★1年") || strings.Count(tOn, "tester2026年3月5日000001") < 3 {
		t.Errorf("watermarked copy: %q", tOn)
	}
	if !strings.Contains(tOff, "机密★1年") || strings.Contains(tOff, "tester") {
		t.Errorf("copy without watermark: %q", tOff)
	}
}

// TestDocPair: the 一案两报告 is refused for a case still in 初核, and made
// (both reports, registered and audited) for a concluded one.
func TestDocPair(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "demo")
	early := h.demoCase(func(c *model.Case) bool { return c.Stage == model.StagePrelim })
	dir := filepath.Join(t.TempDir(), "pair")
	code, _, errs := h.run("", "doc", "pair", "--dossier", early.ID, "--out-dir", dir)
	if code != 1 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "尚未进入审理阶段") || !strings.Contains(errs, "初核") {
		t.Fatalf("pair for a case in 初核: exit %d %q", code, errs)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Fatalf("files after a refused pair: %v", names)
	}
	done := h.demoCase(func(c *model.Case) bool { // 涉案财物 comes from the case's sums
		return filed(c) && dossier.Concluded(c) && c.Amounts.Involved > 0
	})
	h.mustRun("", "doc", "fields", "--dossier", done.ID, "--set", particularsFile)
	name := h.subjectName(done.ID)
	h.mustRun("", "doc", "pair", "--dossier", done.ID, "--out-dir", dir, "--date", "2026-03-05")
	if names := dirNames(t, dir); len(names) != 2 {
		t.Fatalf("files %v", names)
	}
	for _, f := range []struct{ file, title string }{{done.Number + "-案件调查报告.pdf", "审查调查报告"}, {done.Number + "-案件剖析报告.pdf", "剖析报告"}} {
		text := pdfText(t, filepath.Join(dir, f.file))
		if !strings.Contains(text, f.title) || !strings.Contains(text, name) || !strings.Contains(text, "第三审查调查组") {
			t.Errorf("%s: %q", f.file, text)
		}
	}
	if ps := h.prints(); len(ps) != 2 || ps[0].Template != "案件调查报告" || ps[1].Template != "案件剖析报告" || ps[0].Number != "" {
		t.Fatalf("print entries %+v", ps)
	}
}

// TestDocTemplates: the vault's template overrides the built-in of its
// name and is what renders; an added one is listed; rm brings the built-in
// back; a template that does not parse is refused and nothing is stored.
func TestDocTemplates(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "demo")
	var ts []casework.TemplateInfo
	json.Unmarshal([]byte(h.mustRun("", "doc", "templates", "--json")), &ts)
	if len(ts) != 15 || ts[0].Name != "立案决定书" || !ts[0].Numbered || ts[6].Name != "案件调查报告" || ts[6].Numbered {
		t.Fatalf("templates %+v", ts)
	}
	src := h.mustRun("", "doc", "template", "show", "立案通知书")
	dir := t.TempDir()
	edited := filepath.Join(dir, "edited.tmpl")
	os.WriteFile(edited, []byte(strings.Replace(src, "特此通知。", "请于收到本通知后三日内回复。\n特此通知。", 1)), 0o600)
	h.mustRun("", "doc", "template", "set", "立案通知书", "--file", edited)
	added := filepath.Join(dir, "added.tmpl")
	os.WriteFile(added, []byte("名称: 工作提示函\n标题: 工作提示函\n主送: {{subject.unit}}\n成文日期: {{doc.date}}\n---\n请{{subject.name}}同志所在单位加强教育管理。\n"), 0o600)
	h.mustRun("", "doc", "template", "set", "工作提示函", "--file", added)
	json.Unmarshal([]byte(h.mustRun("", "doc", "templates", "--json")), &ts)
	i := slices.IndexFunc(ts, func(x casework.TemplateInfo) bool { return x.Name == "立案通知书" })
	if len(ts) != 16 || ts[i].Source != "vault" || !ts[i].Overrides || ts[15].Name != "工作提示函" || ts[15].Overrides {
		t.Fatalf("after set: %+v", ts)
	}
	c := h.demoCase(filed)
	out := filepath.Join(dir, "n.pdf")
	h.mustRun("", "doc", "render", "--dossier", c.ID, "--template", "立案通知书", "--out", out)
	if !strings.Contains(pdfText(t, out), "三日内回复") {
		t.Fatal("the vault's template was not used")
	}
	h.mustRun("", "doc", "template", "rm", "立案通知书")
	if strings.Contains(h.mustRun("", "doc", "template", "show", "立案通知书"), "三日内回复") {
		t.Fatal("rm left the vault's template in force")
	}
	bad := filepath.Join(dir, "bad.tmpl")
	os.WriteFile(bad, []byte("名称: 坏模板\n标题: {{subject.name\n---\n正文\n"), 0o600)
	before := h.vaultBytes()
	code, _, errs := h.run("", "doc", "template", "set", "坏模板", "--file", bad)
	if code != 1 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "坏模板 line 2") {
		t.Fatalf("bad template: exit %d %q", code, errs)
	}
	if string(before) != string(h.vaultBytes()) {
		t.Fatal("a refused template changed the vault")
	}
}

// TestDocRenderFreeJSON renders the README's free document and audits it
// as an export with the file's SHA-256; with --fixed-time the bytes are
// the same every time; a misspelt field is refused with no file.
func TestDocRenderFreeJSON(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	out := filepath.Join(t.TempDir(), "notice.pdf")
	h.mustRun("", "doc", "render", "--json", "../../export/pdf/testdata/notice.json", "--out", out, "--fixed-time", "2026-03-05T09:00:00Z")
	if text := pdfText(t, out); !strings.Contains(text, "×纪建〔2020〕5号") || !strings.Contains(text, "监察建议书") {
		t.Fatalf("text %q", text)
	}
	var entries []store.AuditEntry
	json.Unmarshal([]byte(h.mustRun("", "audit", "list", "--json")), &entries)
	i := slices.IndexFunc(entries, func(a store.AuditEntry) bool { return a.Action == store.ActionExport })
	if i < 0 || !strings.Contains(entries[i].Detail, fileSHA(t, out)) || entries[i].Type != "document" {
		t.Fatalf("audit entries %+v", entries)
	}
	again := filepath.Join(filepath.Dir(out), "again.pdf")
	h.mustRun("", "doc", "render", "--json", "../../export/pdf/testdata/notice.json", "--out", again, "--fixed-time", "2026-03-05T09:00:00Z")
	if fileSHA(t, again) != fileSHA(t, out) {
		t.Fatal("--fixed-time output is not byte-reproducible")
	}
	code, _, errs := h.run(`{"titel":"拼错"}`, "doc", "render", "--json", "-", "--out", out+"2")
	if _, err := os.Stat(out + "2"); code != 1 || err == nil || strings.Count(errs, "\n") != 1 {
		t.Fatalf("bad JSON: exit %d %q", code, errs)
	}
}

// TestDocFonts reports the face of each role and the fallback of 𠮷.
func TestDocFonts(t *testing.T) {
	h := newHarness(t)
	out := h.mustRun("", "doc", "fonts", "--text", "张喆堃𠮷")
	for _, want := range []string{"仿宋: ", "小标宋: ", "黑体: ", "楷体: ", "缺字: 无"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in %q", want, out)
		}
	}
	var rep struct {
		Roles     []struct{ Role, File string }
		Fallbacks []struct{ Char, Role, Font string }
	}
	json.Unmarshal([]byte(h.mustRun("", "doc", "fonts", "--text", "𠮷", "--json")), &rep)
	if len(rep.Roles) != 4 || rep.Roles[0].File == "" {
		t.Fatalf("report %+v", rep)
	}
	for _, f := range rep.Fallbacks {
		if f.Char != "𠮷" || f.Font == "" {
			t.Fatalf("fallback %+v", f)
		}
	}
}

// TestDocUsage: mistakes in the command line exit 2 and touch nothing.
func TestDocUsage(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{
		{"doc"}, {"doc", "print"}, {"doc", "render", "--template", "通报"}, {"doc", "render", "--dossier", "x", "--template", "通报", "--out", "a.pdf", "--copies", "0"},
		{"doc", "render", "--dossier", "x", "--template", "通报", "--out", "a.pdf", "--watermark", "maybe"}, {"doc", "pair", "--dossier", "x"},
		{"doc", "template", "set", "通报"}, {"doc", "fields", "--merged"},
	} {
		if code, _, errs := h.run("", args...); code != 2 || !strings.Contains(errs, "用法") {
			t.Errorf("%v: exit %d %q", args, code, errs)
		}
	}
}

// TestDemoRendersEveryTemplate: from the demo vault (with its vault-wide
// 文书要素) every builtin template renders from a concluded case with
// recorded sums (问责决定 from the 问责 sub-case), and so does the 一案两报告.
func TestDemoRendersEveryTemplate(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "demo")
	var cases []model.Case
	json.Unmarshal([]byte(h.mustRun("", "case", "list", "--json")), &cases)
	var main, acc string
	for _, c := range cases {
		a := c.Amounts
		if main == "" && c.Kind == model.KindInvestigation && (c.Stage == model.StageExecution || c.Stage == model.StageArchived) && a.Involved+a.Collected+a.Confiscated+a.Restitution > 0 {
			main = c.ID
		}
		if c.Kind == model.KindAccountability {
			acc = c.ID
		}
	}
	if main == "" || acc == "" {
		t.Fatalf("demo lacks a concluded case with sums (%q) or a 问责 case (%q)", main, acc)
	}
	dir := t.TempDir()
	ts, err := pdf.BuiltinTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range ts {
		id := main
		if tm.Name == "问责决定" {
			id = acc
		}
		h.mustRun("", "doc", "render", "--dossier", id, "--template", tm.Name, "--out", filepath.Join(dir, tm.Name+".pdf"))
	}
	h.mustRun("", "doc", "pair", "--dossier", main, "--out-dir", dir)
	if n := len(dirNames(t, dir)); n != len(ts)+2 {
		t.Fatalf("%d files for %d templates + the pair", n, len(ts))
	}
}
