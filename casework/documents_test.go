package casework

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qingfeng/export/pdf"
	"qingfeng/internal/pdftest"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/gen"
	"qingfeng/store/model"
)

// docClock is the fixed "now" of the document tests.
var docClock = time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)

// docVault opens a fresh vault in t.TempDir() filled with the demo data
// (ImportDataset of the generator's data set, as the demo verb does: the
// demo's settings and vault-wide 文书要素) and returns the service on it,
// on the fixed clock; the vault is closed at cleanup.
func docVault(t *testing.T) (*Service, *gen.Dataset) {
	t.Helper()
	t.Setenv(pdf.FontDirsEnv, "") // the bundled fonts only, on every machine
	p := store.FastKDF()
	v, _, err := store.Create(filepath.Join(t.TempDir(), "vault"), []byte("qingfeng-test-2026"), &store.Options{KDF: &p, Actor: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	ds := gen.New(2020, model.DateOf(docClock)).Dataset(40, 24)
	s := New(v).WithClock(func() time.Time { return docClock })
	if _, err := s.ImportDataset(&ds, nil); err != nil {
		t.Fatal(err)
	}
	return s, &ds
}

// docPickCase returns the first generated case for which ok holds.
func docPickCase(t *testing.T, ds *gen.Dataset, ok func(c *model.Case) bool) *model.Case {
	t.Helper()
	for i := range ds.Cases {
		if ok(&ds.Cases[i]) {
			return &ds.Cases[i]
		}
	}
	t.Fatal("no such case in the demo data")
	return nil
}

// docFiledCase: put on file (立案), with subjects.
func docFiledCase(c *model.Case) bool {
	return c.Kind == model.KindInvestigation && !c.FiledOn().IsZero() && len(c.SubjectIDs) > 0
}

// docSubjectName is the name of a generated subject.
func docSubjectName(ds *gen.Dataset, id string) string {
	for _, s := range ds.Subjects {
		if s.ID == id {
			return s.Name
		}
	}
	return ""
}

// docPDFText and docFileSHA read a written PDF back (pdftotext, SHA-256).
var (
	docPDFText = pdftest.Text
	docFileSHA = pdftest.FileSHA
)

// docAuditOf returns the vault's audit entries with the given action.
func docAuditOf(t *testing.T, s *Service, action string) []store.AuditEntry {
	t.Helper()
	var out []store.AuditEntry
	err := s.Vault().View(func(tx *store.Tx) error {
		return tx.AuditEntries(func(e *store.AuditEntry) error {
			if e.Action == action {
				out = append(out, *e)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// docRegisterOf reads the whole document register without auditing.
func docRegisterOf(t *testing.T, s *Service) []dossier.RegisterEntry {
	t.Helper()
	var es []dossier.RegisterEntry
	if err := s.Vault().View(func(tx *store.Tx) (err error) { es, err = dossier.RegisterEntries(tx, ""); return err }); err != nil {
		t.Fatal(err)
	}
	return es
}

// docDirNames lists a folder's entries.
func docDirNames(t *testing.T, dir string) []string {
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

// TestRenderChosenSubjectCopiesAndReprint renders a 立案决定书 about the
// case's second subject in two copies, then reprints it: the PDFs read back
// show the register's 文号, that subject's name, the 份号 and the date; the
// register entry names the subject; each copy has one print audit entry
// with its file's SHA-256; the reprint keeps the 文号.
func TestRenderChosenSubjectCopiesAndReprint(t *testing.T) {
	s, ds := docVault(t)
	c := docPickCase(t, ds, func(c *model.Case) bool { return docFiledCase(c) && len(c.SubjectIDs) > 1 })
	subject := c.SubjectIDs[1]
	dir := t.TempDir()
	date, _ := model.ParseDate("2026-03-05")
	req := RenderRequest{CaseID: c.ID, SubjectID: subject, Template: "立案决定书", Out: filepath.Join(dir, "lian.pdf"), Copies: 2,
		RenderOptions: RenderOptions{Date: date}}
	ps, err := s.Render(req)
	if err != nil {
		t.Fatal(err)
	}
	req.Out, req.Copies = filepath.Join(dir, "again.pdf"), 1
	again, err := s.Render(req)
	if err != nil {
		t.Fatal(err)
	}
	ps = append(ps, again...)
	es := docRegisterOf(t, s)
	if len(es) != 1 || !strings.HasPrefix(es[0].Number, "某纪〔2026〕") || len(es[0].Copies) != 3 || es[0].SubjectID != subject || es[0].DossierID != c.ID {
		t.Fatalf("register %+v", es)
	}
	prints := docAuditOf(t, s, store.ActionPrint)
	if len(ps) != 3 || len(prints) != 3 {
		t.Fatalf("%d printed, %d print audit entries", len(ps), len(prints))
	}
	for i, f := range []string{"lian-000001.pdf", "lian-000002.pdf", "again.pdf"} {
		path := filepath.Join(dir, f)
		copyNo := dossier.CopyNumber(i + 1)
		text := docPDFText(t, path)
		if !strings.Contains(text, es[0].Number) || !strings.Contains(text, docSubjectName(ds, subject)) || !strings.Contains(text, copyNo) || !strings.Contains(text, "2026年3月5日") {
			t.Errorf("%s: no 文号 / subject / 份号 %s / date in %q", f, copyNo, text)
		}
		want := dossier.PrintDetail{Dossier: c.ID, Template: "立案决定书", Number: es[0].Number, Copy: copyNo, SHA256: docFileSHA(t, path)}
		var got dossier.PrintDetail
		if err := json.Unmarshal([]byte(prints[i].Detail), &got); err != nil || got != want || prints[i].Actor != "tester" {
			t.Errorf("audit %+v, want %+v", prints[i], want)
		}
		if ps[i] != (Printed{Path: path, Template: "立案决定书", Number: es[0].Number, Copy: copyNo, SHA256: want.SHA256}) {
			t.Errorf("printed %+v", ps[i])
		}
	}
	if names := docDirNames(t, dir); len(names) != 3 {
		t.Errorf("files %v", names)
	}
	if _, err := s.Render(RenderRequest{CaseID: c.ID, SubjectID: "nobody", Template: "立案决定书", Out: filepath.Join(dir, "x.pdf")}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a subject not in the case: %v", err)
	}
}

// TestRenderFailureKeepsNothing: a template field the case lacks, and a
// file that cannot be written, leave no file (not even a temporary one),
// no register entry and no print audit entry.
func TestRenderFailureKeepsNothing(t *testing.T) {
	s, ds := docVault(t)
	c := docPickCase(t, ds, docFiledCase)
	dir := t.TempDir()
	if _, err := s.Render(RenderRequest{CaseID: c.ID, Template: "立案决定书", Out: filepath.Join(dir, "missing", "x.pdf")}); err == nil {
		t.Fatal("a render into a missing folder succeeded")
	}
	// Two documents, the second one's rename failing (its target is a
	// folder): the first one, already renamed into place, is removed.
	if err := os.Mkdir(filepath.Join(dir, "taken"), 0o700); err != nil {
		t.Fatal(err)
	}
	outs := []docOut{{template: "立案决定书", path: filepath.Join(dir, "a.pdf"), copies: 1}, {template: "立案通知书", path: filepath.Join(dir, "taken"), copies: 1}}
	if _, err := s.printDocs(c.ID, "", RenderOptions{}, false, outs); err == nil {
		t.Fatal("a render over a folder succeeded")
	}
	if err := s.SetDocFields("", json.RawMessage(`{}`)); err != nil { // drop the demo's vault-wide particulars
		t.Fatal(err)
	}
	_, err := s.Render(RenderRequest{CaseID: c.ID, Template: "案件调查报告", Out: filepath.Join(dir, "r.pdf")})
	if !errors.Is(err, pdf.ErrTemplateField) || !strings.Contains(err.Error(), "案件调查报告 line 6: org.leader") {
		t.Fatalf("missing field: %v", err)
	}
	if names := docDirNames(t, dir); len(names) != 1 || names[0] != "taken" {
		t.Fatalf("files left behind: %v", names)
	}
	if len(docRegisterOf(t, s)) != 0 || len(docAuditOf(t, s, store.ActionPrint)) != 0 {
		t.Fatal("a failed render registered something")
	}
}

// TestRenderWatermark: a document with a 密级 gets the watermark (operator,
// the fixed date, 份号) unless it is turned off.
func TestRenderWatermark(t *testing.T) {
	s, ds := docVault(t)
	c := docPickCase(t, ds, docFiledCase)
	b, err := os.ReadFile("../export/pdf/testdata/particulars.json") // vault-wide: 密级 机密★1年
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetDocFields("", b); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	on, off := filepath.Join(dir, "on.pdf"), filepath.Join(dir, "off.pdf")
	fixed := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	for _, r := range []RenderRequest{
		{CaseID: c.ID, Template: "立案通知书", Out: on, RenderOptions: RenderOptions{FixedTime: fixed}},
		{CaseID: c.ID, Template: "立案通知书", Out: off, RenderOptions: RenderOptions{Watermark: WatermarkOff}},
	} {
		if _, err := s.Render(r); err != nil {
			t.Fatal(err)
		}
	}
	tOn, tOff := docPDFText(t, on, "-raw"), docPDFText(t, off, "-raw")
	if !strings.Contains(tOn, "机密★1年") || strings.Count(tOn, "tester2026年4月1日000001") < 3 {
		t.Errorf("watermarked copy: %q", tOn)
	}
	if !strings.Contains(tOff, "机密★1年") || strings.Contains(tOff, "tester") {
		t.Errorf("copy without watermark: %q", tOff)
	}
	if es := docRegisterOf(t, s); len(es) != 1 || es[0].Copies[0].Secret != "机密★1年" {
		t.Errorf("register %+v", es)
	}
}

// TestPair: the 一案两报告 is refused for a case still in 初核 (the folder is
// made and stays empty), and made for a concluded one: both reports, named
// after the case, registered without 文号 and audited.
func TestPair(t *testing.T) {
	s, ds := docVault(t)
	dir := filepath.Join(t.TempDir(), "pair")
	early := docPickCase(t, ds, func(c *model.Case) bool { return c.Stage == model.StagePrelim })
	if _, err := s.Pair(PairRequest{CaseID: early.ID, OutDir: dir}); !errors.Is(err, dossier.ErrNotConcluded) {
		t.Fatalf("pair for a case in 初核: %v", err)
	}
	if names := docDirNames(t, dir); len(names) != 0 {
		t.Fatalf("files after a refused pair: %v", names)
	}
	done := docPickCase(t, ds, func(c *model.Case) bool { return docFiledCase(c) && dossier.Concluded(c) && c.Amounts.Involved > 0 })
	ps, err := s.Pair(PairRequest{CaseID: done.ID, OutDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	name := docSubjectName(ds, done.SubjectIDs[0])
	for i, f := range []struct{ tmpl, title string }{{"案件调查报告", "审查调查报告"}, {"案件剖析报告", "剖析报告"}} {
		path := filepath.Join(dir, CaseFileName(done, f.tmpl))
		if text := docPDFText(t, path); !strings.Contains(text, f.title) || !strings.Contains(text, name) {
			t.Errorf("%s: %q", path, text)
		}
		if ps[i].Path != path || ps[i].Number != "" || ps[i].SHA256 != docFileSHA(t, path) {
			t.Errorf("printed %+v", ps[i])
		}
	}
	if n := len(docAuditOf(t, s, store.ActionPrint)); n != 2 || len(docRegisterOf(t, s)) != 2 {
		t.Errorf("%d print entries, register %+v", n, docRegisterOf(t, s))
	}
}

// TestPreviewRegistersNothing: the preview draws inked pages and leaves the
// register and the audit trail as they were.
func TestPreviewRegistersNothing(t *testing.T) {
	s, ds := docVault(t)
	c := docPickCase(t, ds, docFiledCase)
	before := len(docAuditOf(t, s, store.ActionPrint)) + len(docAuditOf(t, s, store.ActionView))
	imgs, err := s.PreviewDocument(c.ID, c.SubjectIDs[len(c.SubjectIDs)-1], "立案决定书", 30)
	if err != nil {
		t.Fatal(err)
	}
	if len(imgs) == 0 || imgs[0].Bounds().Dx() < 200 {
		t.Fatalf("%d pages", len(imgs))
	}
	if len(docRegisterOf(t, s)) != 0 || len(docAuditOf(t, s, store.ActionPrint))+len(docAuditOf(t, s, store.ActionView)) != before {
		t.Error("the preview registered or audited something")
	}
	if _, err := s.PreviewDocument(c.ID, "", "没有的模板", 30); !errors.Is(err, pdf.ErrTemplateNotFound) {
		t.Errorf("unknown template: %v", err)
	}
}

// TestTemplates: the vault's template takes the built-in's place and is
// what renders; an added one comes last; deleting brings the built-in back;
// a template that does not parse is refused and nothing is stored.
func TestTemplates(t *testing.T) {
	s, ds := docVault(t)
	ts, err := s.Templates()
	if err != nil || len(ts) != 15 || ts[0].Name != "立案决定书" || !ts[0].Numbered || ts[6].Numbered || ts[0].Source != SourceBuiltin {
		t.Fatalf("templates %+v: %v", ts, err)
	}
	src, err := s.TemplateText("立案通知书")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetTemplate("立案通知书", strings.Replace(src, "特此通知。", "请于收到本通知后三日内回复。\n特此通知。", 1)); err != nil {
		t.Fatal(err)
	}
	added := "名称: 工作提示函\n标题: 工作提示函\n主送: {{subject.unit}}\n成文日期: {{doc.date}}\n---\n请{{subject.name}}同志所在单位加强教育管理。\n"
	if err := s.SetTemplate("工作提示函", added); err != nil {
		t.Fatal(err)
	}
	ts, _ = s.Templates()
	if len(ts) != 16 || ts[1].Name != "立案通知书" || ts[1].Source != SourceVault || !ts[1].Overrides || ts[15].Name != "工作提示函" || ts[15].Overrides {
		t.Fatalf("after set: %+v", ts)
	}
	if names, err := s.TemplateNames(); err != nil || len(names) != 16 || names[1] != "立案通知书" || names[15] != "工作提示函" {
		t.Fatalf("names %v: %v", names, err)
	}
	out := filepath.Join(t.TempDir(), "n.pdf")
	if _, err := s.Render(RenderRequest{CaseID: docPickCase(t, ds, docFiledCase).ID, Template: "立案通知书", Out: out}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(docPDFText(t, out), "三日内回复") {
		t.Error("the vault's template was not used")
	}
	if err := s.DeleteTemplate("立案通知书"); err != nil {
		t.Fatal(err)
	}
	if text, _ := s.TemplateText("立案通知书"); text != src {
		t.Error("delete left the vault's template in force")
	}
	if err := s.DeleteTemplate("立案通知书"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if err := s.SetTemplate("坏模板", "名称: 坏模板\n标题: {{subject.name\n---\n正文\n"); !errors.Is(err, pdf.ErrTemplateSyntax) {
		t.Errorf("bad template: %v", err)
	}
	if err := s.SetTemplate("别名", added); !errors.Is(err, dossier.ErrTemplateName) {
		t.Errorf("misnamed template: %v", err)
	}
	if ts, _ := s.Templates(); len(ts) != 16 {
		t.Errorf("a refused template was stored: %d templates", len(ts))
	}
}

// TestFieldsAndRegisterAreAudited: the particulars are stored per case and
// merged over the vault-wide ones; reading them and the register writes
// one view audit entry each.
func TestFieldsAndRegisterAreAudited(t *testing.T) {
	s, ds := docVault(t)
	c := docPickCase(t, ds, docFiledCase)
	if err := s.SetDocFields(c.ID, json.RawMessage(`{"org":{"leader":"某某某"}}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDocFields(c.ID, json.RawMessage(`[1]`)); !errors.Is(err, dossier.ErrDocFields) {
		t.Errorf("not an object: %v", err)
	}
	own, err := s.DocFields(c.ID)
	if err != nil || own["org"].(map[string]any)["leader"] != "某某某" {
		t.Fatalf("fields %v: %v", own, err)
	}
	merged, err := s.MergedDocFields(c.ID, "")
	if err != nil || merged["subject"].(map[string]any)["name"] != docSubjectName(ds, c.SubjectIDs[0]) {
		t.Fatalf("merged %v: %v", merged, err)
	}
	if _, err := s.Render(RenderRequest{CaseID: c.ID, Template: "立案决定书", Out: filepath.Join(t.TempDir(), "a.pdf")}); err != nil {
		t.Fatal(err)
	}
	es, err := s.DocumentRegister(c.ID)
	if err != nil || len(es) != 1 {
		t.Fatalf("register %+v: %v", es, err)
	}
	var views []string
	for _, a := range docAuditOf(t, s, store.ActionView) {
		views = append(views, a.Type+"/"+a.ID+": "+a.Detail)
	}
	want := []string{dossier.TypeDocFields + "/" + c.ID + ": doc fields", dossier.TypeDocFields + "/" + c.ID + ": doc fields", dossier.TypeDocRegister + "/" + c.ID + ": doc register: 1"}
	if strings.Join(views, "\n") != strings.Join(want, "\n") {
		t.Errorf("view entries %q, want %q", views, want)
	}
}

// TestRenderFree renders the README's free document and audits it as an
// export with the file's SHA-256; with a fixed time the bytes are the same
// every time; a misspelt field is refused with no file.
func TestRenderFree(t *testing.T) {
	s, _ := docVault(t)
	b, err := os.ReadFile("../export/pdf/testdata/notice.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	r, err := s.RenderFree(b, filepath.Join(dir, "notice.pdf"), docClock)
	if err != nil {
		t.Fatal(err)
	}
	if text := docPDFText(t, r.Path); !strings.Contains(text, "×纪建〔2020〕5号") || !strings.Contains(text, "监察建议书") {
		t.Fatalf("text %q", text)
	}
	ex := docAuditOf(t, s, store.ActionExport)
	if len(ex) != 1 || ex[0].Type != "document" || r.SHA256 != docFileSHA(t, r.Path) || !strings.Contains(ex[0].Detail, `"sha256":"`+r.SHA256+`"`) || !strings.Contains(ex[0].Detail, `"file":"notice.pdf"`) {
		t.Fatalf("export entries %+v, rendered %+v", ex, r)
	}
	again, err := s.RenderFree(b, filepath.Join(dir, "again.pdf"), docClock)
	if err != nil || again.SHA256 != r.SHA256 {
		t.Fatalf("a fixed time is not byte-reproducible: %v", err)
	}
	if _, err := s.RenderFree([]byte(`{"titel":"拼错"}`), filepath.Join(dir, "bad.pdf"), docClock); !errors.Is(err, store.ErrInvalidRecord) {
		t.Errorf("misspelt field: %v", err)
	}
	if names := docDirNames(t, dir); len(names) != 2 || len(docAuditOf(t, s, store.ActionExport)) != 2 {
		t.Errorf("files %v", names)
	}
}
