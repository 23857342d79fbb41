package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"qingfeng/app/msg"
	"qingfeng/assets"
	"qingfeng/export/pdf"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// The doc verbs: official documents (公文) from the case model through the
// templates, the document register (文号, 份号, one print audit entry per
// copy) and the vault's own templates and particulars (文书要素).

func init() {
	register("doc", "doc templates [--json] | template show|set|rm NAME [--file F]\n"+
		"       | render --dossier ID --template NAME --out F.pdf [--subject 人员ID] [--copies N] [--watermark on|off] [--date D] [--new] [--fixed-time T]\n"+
		"       | render --json DOC.json --out F.pdf [--fixed-time T] | pair --dossier ID --out-dir D [--subject 人员ID] [--date D]\n"+
		"       | fields [--dossier ID] [--set F|-] [--merged] | register [--dossier ID] [--json] | fonts [--text T] [--json]", runDoc)
	msg.Register(pdf.ErrTemplateField, "文书缺少必填内容，未生成文件：请用 doc fields 为该案件补充文书要素，或在设置中填写发文机关、机关代字", "the document lacks a required field, no file was written: add it with doc fields, or set the issuing body and office code in the settings")
	msg.Register(pdf.ErrTemplateSyntax, "文书模板格式有误，未保存也未生成文件：请按 assets/templates/README.md 的格式修改该行", "the template is malformed, nothing was saved or written: fix that line (format in assets/templates/README.md)")
	msg.Register(pdf.ErrTemplateNotFound, "没有这个文书模板：用 doc templates 查看全部模板名称", "no such template: list them with doc templates")
	msg.Register(pdf.ErrDocument, "文书内容不完整（至少要有标题或正文），未生成文件", "the document is incomplete (it needs a title or a body); no file was written")
	msg.Register(pdf.ErrWrite, "生成 PDF 失败，未写出文件", "writing the PDF failed; no file was written")
	msg.Register(pdf.ErrFontFormat, "字体文件无法使用（不是 TrueType 字体或已损坏）", "a font file cannot be used (not TrueType, or damaged)")
	msg.Register(pdf.ErrFontIndex, "字体集合中没有这个字体", "the font collection has no such face")
	msg.Register(dossier.ErrNotConcluded, "该案件尚未进入审理阶段，不能生成一案两报告：审查调查终结、移送审理后再生成", "the case has not reached 审理: the two reports are made once the investigation is concluded")
	msg.Register(dossier.ErrNoOfficeCode, "设置中没有机关代字，无法编文号：请先在设置中填写机关代字", "the settings have no office code (机关代字), so no document number can be given: set it first")
	msg.Register(dossier.ErrTemplateName, "模板文件中的“名称”与要保存的模板名不一致，未保存", "the template's 名称 line names another template; nothing was saved")
	msg.Register(dossier.ErrDocFields, "文书要素必须是一个 JSON 对象（格式见 assets/templates/README.md），未保存", "document particulars must be one JSON object (see assets/templates/README.md); nothing was saved")
}

// pairTemplates are the 一案两报告, generated together.
var pairTemplates = []string{"案件调查报告", "案件剖析报告"}

func runDoc(e *Env, args []string) error {
	if len(args) == 0 {
		return usageErr("doc templates|template|render|pair|fields|register|fonts")
	}
	sub := map[string]func(*Env, []string) error{
		"templates": docTemplates, "template": docTemplate, "render": docRender, "pair": docPair,
		"fields": docFields, "register": docRegister, "fonts": docFonts,
	}
	run, ok := sub[args[0]]
	if !ok {
		return usageErr("unknown doc verb %q", args[0])
	}
	return run(e, args[1:])
}

// templateInfo is one line of `doc templates`.
type templateInfo struct {
	Name      string   `json:"name"`
	Source    string   `json:"source"` // builtin or vault
	Overrides bool     `json:"overrides,omitempty"`
	Numbered  bool     `json:"numbered"` // prints a 文号 from the register
	Fields    []string `json:"fields"`
	tmpl      *pdf.Template
}

// templateSet returns the templates in force: the built-ins, each replaced
// by the vault's template of the same name, then the vault's added ones.
func templateSet(tx *store.Tx) ([]templateInfo, error) {
	builtin, err := pdf.BuiltinTemplates()
	if err != nil {
		return nil, err
	}
	own, err := dossier.Templates(tx)
	if err != nil {
		return nil, err
	}
	var out []templateInfo
	for _, t := range builtin {
		out = append(out, newInfo(t, "builtin"))
	}
	for _, vt := range own {
		t, err := pdf.LoadTemplate(vt.Name, vt.Text)
		if err != nil {
			return nil, err
		}
		info := newInfo(t, "vault")
		if i := indexOfTemplate(out, t.Name); i >= 0 {
			info.Overrides = true
			out[i] = info
			continue
		}
		out = append(out, info)
	}
	return out, nil
}

func newInfo(t *pdf.Template, source string) templateInfo {
	return templateInfo{Name: t.Name, Source: source, Numbered: t.Uses("doc.serial"), Fields: t.Fields(), tmpl: t}
}

func indexOfTemplate(ts []templateInfo, name string) int {
	for i := range ts {
		if ts[i].Name == name {
			return i
		}
	}
	return -1
}

// findTemplate returns the template in force called name.
func findTemplate(tx *store.Tx, name string) (*pdf.Template, error) {
	ts, err := templateSet(tx)
	if err != nil {
		return nil, err
	}
	all := make([]*pdf.Template, len(ts))
	for i := range ts {
		all[i] = ts[i].tmpl
	}
	return pdf.FindTemplate(all, name)
}

func docTemplates(e *Env, args []string) error {
	fs := newFlags("doc templates")
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var ts []templateInfo
	if err := withVault(e, func(tx *store.Tx) (err error) { ts, err = templateSet(tx); return err }); err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e, ts)
		return nil
	}
	for _, t := range ts {
		src := map[string]string{"builtin": "内置", "vault": "本库"}[t.Source]
		if t.Overrides {
			src = "本库（覆盖内置）"
		}
		num := "无文号"
		if t.Numbered {
			num = "编文号"
		}
		fmt.Fprintf(e.Stdout, "%-12s %-10s %s\n", t.Name, src, num)
	}
	return nil
}

func docTemplate(e *Env, args []string) error {
	fs := newFlags("doc template")
	file := fs.String("file", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || (pos[0] == "set") != (*file != "") {
		return usageErr("doc template show NAME | set NAME --file F | rm NAME")
	}
	name := pos[1]
	switch pos[0] {
	case "show":
		return templateShow(e, name)
	case "set":
		b, err := readInput(e, *file)
		if err != nil {
			return err
		}
		if err := withVault(e, func(tx *store.Tx) error { return dossier.SaveTemplate(tx, name, string(b), parseTemplate) }); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "模板 %s 已保存到本案卷库\n", name)
	case "rm":
		if err := withVault(e, func(tx *store.Tx) error { return dossier.DeleteTemplate(tx, name) }); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已删除本案卷库的模板 %s\n", name)
	default:
		return usageErr("doc template show|set|rm NAME")
	}
	return nil
}

// parseTemplate is the parser SaveTemplate checks a template with.
func parseTemplate(name, text string) (string, error) {
	t, err := pdf.LoadTemplate(name, text)
	if err != nil {
		return "", err
	}
	return t.Name, nil
}

// templateShow prints a template's source: the vault's, else the built-in.
func templateShow(e *Env, name string) error {
	var text string
	err := withVault(e, func(tx *store.Tx) error {
		own, err := dossier.Templates(tx)
		for _, t := range own {
			if t.Name == name {
				text = t.Text
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	if text == "" {
		if text, err = builtinSource(name); err != nil {
			return err
		}
	}
	fmt.Fprint(e.Stdout, text)
	return nil
}

// builtinSource returns the text of the built-in template called name.
func builtinSource(name string) (string, error) {
	fsys := assets.Templates()
	files, _ := fs.Glob(fsys, "*.tmpl")
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return "", err
		}
		base := strings.TrimSuffix(f, ".tmpl")
		if t, err := pdf.LoadTemplate(base, string(b)); err == nil && (t.Name == name || base == name) {
			return string(b), nil
		}
	}
	return "", fmt.Errorf("%w: %s", pdf.ErrTemplateNotFound, name)
}

// renderOpts are the options of one render.
type renderOpts struct {
	watermark string    // "", "on" or "off"; "" means on when the document has a 密级
	operator  string    // who prints, for the watermark and the register
	printed   time.Time // when
	fixed     time.Time // PDF creation date; zero means now
}

// renderFlags declares the options shared by render and pair.
type renderFlags struct {
	dossierID, subject, date, watermark, fixed *string
}

func newRenderFlags(fs *flag.FlagSet) renderFlags {
	return renderFlags{dossierID: fs.String("dossier", "", ""), subject: fs.String("subject", "", ""),
		date: fs.String("date", "", ""), watermark: fs.String("watermark", "", ""), fixed: fs.String("fixed-time", "", "")}
}

// opts checks the shared options.
func (f renderFlags) opts(e *Env) (renderOpts, model.Date, error) {
	o := renderOpts{watermark: *f.watermark, operator: actor(e), printed: time.Now()}
	if o.watermark != "" && o.watermark != "on" && o.watermark != "off" {
		return o, model.Date{}, usageErr("--watermark on|off")
	}
	if *f.fixed != "" {
		t, err := time.Parse(time.RFC3339, *f.fixed)
		if err != nil {
			return o, model.Date{}, usageErr("--fixed-time 应为 RFC 3339 时间，如 2026-03-05T09:00:00Z: %q", *f.fixed)
		}
		o.fixed = t
	}
	d, err := dateArg(*f.date)
	return o, d, err
}

func docRender(e *Env, args []string) error {
	fs := newFlags("doc render")
	rf := newRenderFlags(fs)
	tmpl := fs.String("template", "", "")
	out := fs.String("out", "", "")
	jsonIn := fs.String("json", "", "")
	copies := fs.Int("copies", 1, "")
	isNew := fs.Bool("new", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	o, date, err := rf.opts(e)
	switch {
	case err != nil:
		return err
	case *out == "":
		return usageErr("--out F.pdf is required")
	case *jsonIn != "":
		return renderFree(e, *jsonIn, *out, o)
	case *rf.dossierID == "" || *tmpl == "":
		return usageErr("--dossier ID --template NAME (or --json DOC.json) is required")
	case *copies < 1 || *copies > 999:
		return usageErr("--copies N: 1 to 999")
	}
	p := printJob{dossierID: *rf.dossierID, subject: *rf.subject, date: date, opts: o}
	return p.run(e, []docOut{{template: *tmpl, path: *out, copies: *copies, isNew: *isNew}})
}

func docPair(e *Env, args []string) error {
	fs := newFlags("doc pair")
	rf := newRenderFlags(fs)
	dir := fs.String("out-dir", "", "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	o, date, err := rf.opts(e)
	if err != nil {
		return err
	}
	if *rf.dossierID == "" || *dir == "" {
		return usageErr("--dossier ID --out-dir D is required")
	}
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		return fmt.Errorf("failed to create %s: %w", *dir, err)
	}
	p := printJob{dossierID: *rf.dossierID, subject: *rf.subject, date: date, opts: o, pair: true}
	var outs []docOut
	for _, name := range pairTemplates {
		outs = append(outs, docOut{template: name, copies: 1, path: *dir, byCase: true})
	}
	return p.run(e, outs)
}

// caseFileName is a file name for a case's document: its 案件编号 (else
// its id), then the template name, with path separators replaced.
func caseFileName(c *model.Case, template string) string {
	key := c.Number
	if key == "" {
		key = c.ID
	}
	return strings.NewReplacer("/", "-", "\\", "-", ":", "-").Replace(key+"-"+template) + ".pdf"
}

// printJob prints documents of one case in one transaction.
type printJob struct {
	dossierID, subject string
	date               model.Date
	opts               renderOpts
	pair               bool // the 一案两报告: refused unless the case is concluded
}

// docOut is one document to print and where its file goes.
type docOut struct {
	template string
	path     string
	copies   int
	isNew    bool
	byCase   bool // path is a folder: the file is named after the case (caseFileName)
}

// printed is one file written, for the summary.
type printed struct {
	path, template, number, copy, sha string
}

// run loads the case, registers and renders every copy, and writes the
// files as the transaction's last step; on any failure nothing is kept
// and no file is left behind.
func (p *printJob) run(e *Env, outs []docOut) error {
	var done []printed
	var files []*pendingFile
	err := withVault(e, func(tx *store.Tx) error {
		cd, err := loadCaseData(tx, p.dossierID, p.subject)
		if err != nil {
			return err
		}
		if p.pair {
			if err := dossier.CheckConcluded(cd.Case); err != nil {
				return err
			}
		}
		for _, o := range outs {
			f, d, err := p.print(tx, cd, o)
			if err != nil {
				abortAll(files)
				return err
			}
			files, done = append(files, f...), append(done, d...)
		}
		return commitAll(files)
	})
	if err != nil {
		removeCommitted(files)
		return err
	}
	for _, d := range done {
		fmt.Fprintf(e.Stdout, "%s  %s %s 份号 %s  SHA-256 %s\n", d.path, d.template, d.number, d.copy, d.sha)
	}
	return nil
}

// print registers and renders one document's copies and stages its files.
func (p *printJob) print(tx *store.Tx, cd *pdf.CaseData, o docOut) ([]*pendingFile, []printed, error) {
	tm, err := findTemplate(tx, o.template)
	if err != nil {
		return nil, nil, err
	}
	req := dossier.PrintRequest{Key: dossier.DocKey{DossierID: cd.Case.ID, Template: tm.Name, SubjectID: cd.Subject},
		Numbered: tm.Uses("doc.serial"), Date: p.date, New: o.isNew, Copies: o.copies, By: p.opts.operator, At: p.opts.printed}
	entry, rs, err := dossier.Print(tx, req, func(en *dossier.RegisterEntry, copyNo string) (dossier.Rendered, error) {
		return renderCopy(tm, cd, en, copyNo, p.opts)
	})
	if err != nil {
		return nil, nil, err
	}
	var files []*pendingFile
	var done []printed
	first := len(entry.Copies) - len(rs)
	for i, r := range rs {
		c := entry.Copies[first+i]
		path := copyPath(o.path, c.Number, o.copies)
		if o.byCase {
			path = filepath.Join(o.path, caseFileName(cd.Case, tm.Name))
		}
		f, err := stageFile(path, r.PDF)
		if err != nil {
			abortAll(files)
			return nil, nil, err
		}
		files = append(files, f)
		done = append(done, printed{path: path, template: tm.Name, number: entry.Number, copy: dossier.CopyNumber(c.Number), sha: c.SHA256})
	}
	return files, done, nil
}

// copyPath is where a copy goes: the --out path itself for one copy, else
// the path with the 份号 before the extension (notice-000003.pdf).
func copyPath(out string, n, copies int) string {
	if copies == 1 {
		return out
	}
	ext := filepath.Ext(out)
	return strings.TrimSuffix(out, ext) + "-" + dossier.CopyNumber(n) + ext
}

// renderCopy fills the template for one copy and writes its PDF.
func renderCopy(tm *pdf.Template, cd *pdf.CaseData, en *dossier.RegisterEntry, copyNo string, o renderOpts) (dossier.Rendered, error) {
	d := *cd
	d.Issue = pdf.Issue{Number: pdf.DocNumber{Code: en.Code, Year: en.Year, Serial: en.Serial}, CopyNumber: copyNo, Date: en.Date}
	doc, err := tm.Execute(d.Map())
	if err != nil {
		return dossier.Rendered{}, err
	}
	if o.watermark == "on" || o.watermark == "" && doc.Secret != "" {
		doc.Watermark = pdf.WatermarkText(o.operator, pdfDate(o.watermarkTime()), copyNo)
	} else if o.watermark == "off" {
		doc.Watermark = ""
	}
	b, err := layoutPDF(doc, o.fixed)
	if err != nil {
		return dossier.Rendered{}, err
	}
	secret := doc.Secret
	if secret != "" && doc.SecretTerm != "" {
		secret += "★" + doc.SecretTerm
	}
	return dossier.Rendered{PDF: b, Secret: secret}, nil
}

// watermarkTime is the print date shown in the watermark: the fixed time
// when one is given, so that output stays reproducible.
func (o renderOpts) watermarkTime() time.Time {
	if !o.fixed.IsZero() {
		return o.fixed
	}
	return o.printed
}

func pdfDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// layoutPDF lays a document out with the default fonts and returns its PDF.
func layoutPDF(doc *pdf.Document, fixed time.Time) ([]byte, error) {
	pages, err := pdf.Layout(doc, nil)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := pdf.WritePDFWith(&buf, pages, pdf.WriteOptions{Time: fixed}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// loadCaseData reads everything a document about a case is filled from:
// the case, its lead, subjects and tracked items, the settings, the rule
// table and the particulars (vault-wide, then the case's own).
func loadCaseData(tx *store.Tx, id, subjectID string) (*pdf.CaseData, error) {
	c, err := dossier.GetCase(tx, id)
	if err != nil {
		return nil, err
	}
	if subjectID != "" && !c.HasSubject(subjectID) {
		return nil, fmt.Errorf("%w: subject %s is not in case %s", store.ErrNotFound, subjectID, id)
	}
	cd := &pdf.CaseData{Case: c, Subject: subjectID}
	if cd.Settings, _, err = dossier.Settings(tx); err != nil {
		return nil, err
	}
	if cd.Rules, err = dossier.Rules(tx); err != nil {
		return nil, err
	}
	if err := loadCaseParts(tx, cd); err != nil {
		return nil, err
	}
	if cd.Subject == "" && len(c.SubjectIDs) > 0 {
		cd.Subject = c.SubjectIDs[0]
	}
	for _, fid := range []string{dossier.DocFieldsDefaults, c.ID} {
		m, err := dossier.DocFields(tx, fid)
		if err != nil {
			return nil, err
		}
		if m != nil {
			cd.Extra = append(cd.Extra, m)
		}
	}
	return cd, nil
}

// loadCaseParts reads the case's lead, subjects and tracked items.
func loadCaseParts(tx *store.Tx, cd *pdf.CaseData) error {
	c := cd.Case
	if c.LeadID != "" {
		l, err := dossier.GetLead(tx, c.LeadID)
		if err != nil {
			return err
		}
		cd.Lead = l
	}
	for _, sid := range c.SubjectIDs {
		var s model.Subject
		if _, err := dossier.Load(tx, model.TypeSubject, sid, &s); err != nil {
			return err
		}
		cd.Subjects = append(cd.Subjects, s)
	}
	items, err := dossier.Items(tx)
	for _, t := range items {
		if t.CaseID == c.ID {
			cd.Items = append(cd.Items, t)
		}
	}
	return err
}

// renderFree renders a free document from JSON, audited as an export.
func renderFree(e *Env, src, out string, o renderOpts) error {
	b, err := readInput(e, src)
	if err != nil {
		return err
	}
	var doc pdf.Document
	if err := decodeStrict(b, &doc); err != nil {
		return err
	}
	data, err := layoutPDF(&doc, o.fixed)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	var f *pendingFile
	err = withVault(e, func(tx *store.Tx) error {
		detail, _ := json.Marshal(map[string]string{"title": doc.Title, "file": filepath.Base(out), "sha256": sha})
		if err := tx.Audit(store.ActionExport, "document", "", string(detail)); err != nil {
			return err
		}
		if f, err = stageFile(out, data); err != nil {
			return err
		}
		return commitAll([]*pendingFile{f})
	})
	if err != nil {
		removeCommitted([]*pendingFile{f})
		return err
	}
	fmt.Fprintf(e.Stdout, "%s  %d 字节  SHA-256 %s\n", out, len(data), sha)
	return nil
}

// pendingFile is an output file written under a temporary name beside its
// target, synced, and renamed into place by commitAll.
type pendingFile struct {
	tmp, path string
	done      bool
}

// stageFile writes data to a temporary file in path's folder and syncs it.
func stageFile(path string, data []byte) (*pendingFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("failed to create a file beside %s: %w", path, err)
	}
	p := &pendingFile{tmp: f.Name(), path: path}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p.tmp)
		return nil, fmt.Errorf("failed to write %s: %w", path, err)
	}
	return p, nil
}

// commitAll renames every staged file into place and syncs their folders;
// on a failure it removes the temporary files not yet renamed.
func commitAll(files []*pendingFile) error {
	for i, f := range files {
		if err := os.Rename(f.tmp, f.path); err != nil {
			abortAll(files[i:])
			return fmt.Errorf("failed to write %s: %w", f.path, err)
		}
		f.done = true
		syncDir(filepath.Dir(f.path))
	}
	return nil
}

// abortAll removes staged files that were not renamed.
func abortAll(files []*pendingFile) {
	for _, f := range files {
		if f != nil && !f.done {
			os.Remove(f.tmp)
		}
	}
}

// removeCommitted removes files already renamed into place, when the
// transaction that recorded them did not commit.
func removeCommitted(files []*pendingFile) {
	for _, f := range files {
		if f != nil && f.done {
			os.Remove(f.path)
		} else if f != nil {
			os.Remove(f.tmp)
		}
	}
}

// syncDir makes a rename durable; folders that cannot be synced (some
// platforms) are left as they are.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func docFields(e *Env, args []string) error {
	fs := newFlags("doc fields")
	id := fs.String("dossier", "", "")
	set := fs.String("set", "", "")
	merged := fs.Bool("merged", false, "")
	subject := fs.String("subject", "", "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	key := *id
	if key == "" {
		key = dossier.DocFieldsDefaults
	}
	switch {
	case *merged && *id == "":
		return usageErr("--merged needs --dossier ID")
	case *set != "":
		b, err := readInput(e, *set)
		if err != nil {
			return err
		}
		if err := withVault(e, func(tx *store.Tx) error { return dossier.SetDocFields(tx, key, b) }); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "文书要素已保存（%s）\n", key)
		return nil
	}
	var out any
	err := withVault(e, func(tx *store.Tx) error {
		if *merged {
			cd, err := loadCaseData(tx, *id, *subject)
			if err != nil {
				return err
			}
			out = cd.Map()
		} else {
			m, err := dossier.DocFields(tx, key)
			if err != nil {
				return err
			}
			out = nonNilMap(m)
		}
		return tx.Audit(store.ActionView, dossier.TypeDocFields, key, "cli doc fields")
	})
	if err != nil {
		return err
	}
	writeJSON(e, out)
	return nil
}

func nonNilMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func docRegister(e *Env, args []string) error {
	fs := newFlags("doc register")
	id := fs.String("dossier", "", "")
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var es []dossier.RegisterEntry
	err := withVault(e, func(tx *store.Tx) (err error) {
		if es, err = dossier.RegisterEntries(tx, *id); err != nil {
			return err
		}
		return tx.Audit(store.ActionView, dossier.TypeDocRegister, *id, fmt.Sprintf("cli doc register: %d", len(es)))
	})
	if err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e, nonNil(es))
		return nil
	}
	for _, en := range es {
		num := en.Number
		if num == "" {
			num = "（无文号）"
		}
		fmt.Fprintf(e.Stdout, "%-16s %-12s %s  案件 %s  印 %d 份\n", num, en.Template, en.Date, en.DossierID, len(en.Copies))
	}
	return nil
}

func docFonts(e *Env, args []string) error {
	fs := newFlags("doc fonts")
	text := fs.String("text", "", "")
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	rep := pdf.FontReport(*text)
	if *asJSON {
		writeJSON(e, rep)
		return nil
	}
	for _, r := range rep.Roles {
		kind := "替代字体（内置开源）"
		if r.Official {
			kind = "官方字体"
		}
		fmt.Fprintf(e.Stdout, "%s: %s  %s  %s\n", r.Role, r.Font, r.File, kind)
	}
	for _, f := range rep.Fallbacks {
		fmt.Fprintf(e.Stdout, "回退: %s 在%s字体中缺字，改用 %s（%s）\n", f.Char, f.Role, f.Font, f.File)
	}
	if len(rep.Missing) > 0 {
		fmt.Fprintf(e.Stdout, "缺字: %s（所有字体都没有，会印成空框）\n", strings.Join(rep.Missing, " "))
	} else if *text != "" {
		fmt.Fprintln(e.Stdout, "缺字: 无")
	}
	return nil
}
