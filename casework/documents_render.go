package casework

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"qingfeng/export/pdf"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// Registering and writing documents. A render is one transaction: the
// register entry (a new 文号 per 机关代字 per year on first issue, the next
// 份号 per copy), one print audit entry per copy with the SHA-256 of its
// PDF, and the files. Each PDF is written under a temporary name beside
// its target while the transaction runs (internal/atomicfile) and renamed
// into place as the transaction's last step; if writing or renaming any
// file fails the transaction is rolled back, the files already renamed
// are removed, and nothing is registered. If the vault's commit itself
// fails afterwards the renamed files are removed too. So the register and
// the files never disagree, except after a crash between a rename and the
// vault's commit: then a file may exist that the register does not record
// (never the reverse — a registered copy without its file).

// pairTemplates are the 一案两报告, made together by Pair.
var pairTemplates = []string{"案件调查报告", "案件剖析报告"}

// Watermark says whether copies get the diagonal watermark (operator,
// date, 份号).
type Watermark string

// Watermark settings.
const (
	WatermarkAuto Watermark = ""    // on for a document with a 密级
	WatermarkOn   Watermark = "on"  // always
	WatermarkOff  Watermark = "off" // never
)

// RenderOptions are the options every render shares.
type RenderOptions struct {
	Date      model.Date // 成文日期 of a new document; zero means today (a reprint keeps its own)
	Watermark Watermark
	FixedTime time.Time // PDF creation time and watermark date, for reproducible files; zero means now
}

// RenderRequest is one document of a case to register and write.
type RenderRequest struct {
	CaseID    string
	SubjectID string // the 被审查调查人 it is about; "" means the case's first
	Template  string
	Out       string // the PDF's path; with Copies > 1 each copy has its 份号 before the extension
	Copies    int    // 0 means 1
	New       bool   // a new document (new 文号) even if this one was issued before
	RenderOptions
}

// PairRequest is the 一案两报告 of a concluded case.
type PairRequest struct {
	CaseID    string
	SubjectID string
	OutDir    string // created if missing; files are named after the case (CaseFileName)
	RenderOptions
}

// Printed is one copy registered and written.
type Printed struct {
	Path     string
	Template string
	Number   string // 文号, "" when the template prints none
	Copy     string // 份号
	SHA256   string // of the file's bytes, hex
}

// Render registers req.Copies copies of a document and writes them (see
// the file comment for what happens on failure).
func (s *Service) Render(req RenderRequest) ([]Printed, error) {
	out := docOut{template: req.Template, path: req.Out, copies: max(req.Copies, 1), isNew: req.New}
	return s.printDocs(req.CaseID, req.SubjectID, req.RenderOptions, false, []docOut{out})
}

// Pair registers and writes the 案件调查报告 and the 案件剖析报告 of a case
// together, into req.OutDir. A case that has not reached 审理 is
// dossier.ErrNotConcluded and nothing is written (the folder is still made).
func (s *Service) Pair(req PairRequest) ([]Printed, error) {
	if err := os.MkdirAll(req.OutDir, 0o700); err != nil {
		return nil, fmt.Errorf("failed to create %s: %w", req.OutDir, err)
	}
	var outs []docOut
	for _, name := range pairTemplates {
		outs = append(outs, docOut{template: name, copies: 1, path: req.OutDir, byCase: true})
	}
	return s.printDocs(req.CaseID, req.SubjectID, req.RenderOptions, true, outs)
}

// CaseFileName is the file name Pair gives a case's document: its 案件编号
// (else its id), then the template name, path separators replaced.
func CaseFileName(c *model.Case, template string) string {
	key := c.Number
	if key == "" {
		key = c.ID
	}
	return strings.NewReplacer("/", "-", "\\", "-", ":", "-").Replace(key+"-"+template) + ".pdf"
}

// FreeRendered is a free document written by RenderFree.
type FreeRendered struct {
	Path   string
	Title  string
	Size   int
	SHA256 string
}

// RenderFree lays out a free document (JSON in the schema of
// export/pdf/README.md; an unknown field is store.ErrInvalidRecord),
// writes it to out and records an export audit entry with the file's
// SHA-256, in one transaction: the file is renamed into place as its last
// step and removed if the vault does not commit.
func (s *Service) RenderFree(docJSON []byte, out string, fixed time.Time) (*FreeRendered, error) {
	doc, err := decodeDocument(docJSON)
	if err != nil {
		return nil, err
	}
	data, err := layoutFreePDF(doc, s.docTime(fixed))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	res := &FreeRendered{Path: out, Title: doc.Title, Size: len(data), SHA256: hex.EncodeToString(sum[:])}
	err = s.updateDocs(func(tx *store.Tx, files *docFiles) error {
		detail, _ := json.Marshal(map[string]string{"title": doc.Title, "file": filepath.Base(out), "sha256": res.SHA256})
		if err := tx.Audit(store.ActionExport, "document", "", string(detail)); err != nil {
			return err
		}
		return files.stage(out, data)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// decodeDocument reads a free document strictly.
func decodeDocument(b []byte) (*pdf.Document, error) {
	var doc pdf.Document
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: %v", store.ErrInvalidRecord, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: more than one JSON value", store.ErrInvalidRecord)
	}
	return &doc, nil
}

// docOut is one document to print and where its files go.
type docOut struct {
	template string
	path     string
	copies   int
	isNew    bool
	byCase   bool // path is a folder: the file is named after the case (CaseFileName)
}

// printDocs registers and writes documents of one case in one transaction;
// pair refuses a case that is not concluded.
func (s *Service) printDocs(caseID, subjectID string, o RenderOptions, pair bool, outs []docOut) ([]Printed, error) {
	var done []Printed
	err := s.updateDocs(func(tx *store.Tx, files *docFiles) error {
		cd, err := docCaseData(tx, caseID, subjectID)
		if err != nil {
			return err
		}
		if pair {
			if err := dossier.CheckConcluded(cd.Case); err != nil {
				return err
			}
		}
		for _, d := range outs {
			ps, err := s.printDoc(tx, files, cd, d, o)
			if err != nil {
				return err
			}
			done = append(done, ps...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return done, nil
}

// printDoc registers and renders one document's copies and stages their
// files.
func (s *Service) printDoc(tx *store.Tx, files *docFiles, cd *pdf.CaseData, d docOut, o RenderOptions) ([]Printed, error) {
	tm, err := findTemplateInForce(tx, d.template)
	if err != nil {
		return nil, err
	}
	now := s.now()
	date := o.Date
	if date.IsZero() {
		date = model.DateOf(now)
	}
	req := dossier.PrintRequest{Key: dossier.DocKey{DossierID: cd.Case.ID, Template: tm.Name, SubjectID: cd.Subject},
		Numbered: tm.Uses("doc.serial"), Date: date, New: d.isNew, Copies: d.copies, By: s.Operator(), At: now}
	entry, rs, err := dossier.Print(tx, req, func(en *dossier.RegisterEntry, copyNo string) (dossier.Rendered, error) {
		return s.renderDocCopy(tm, cd, en, copyNo, o)
	})
	if err != nil {
		return nil, err
	}
	var done []Printed
	first := len(entry.Copies) - len(rs)
	for i, r := range rs {
		c := entry.Copies[first+i]
		path := docCopyPath(d.path, c.Number, d.copies)
		if d.byCase {
			path = filepath.Join(d.path, CaseFileName(cd.Case, tm.Name))
		}
		if err := files.stage(path, r.PDF); err != nil {
			return nil, err
		}
		done = append(done, Printed{Path: path, Template: tm.Name, Number: entry.Number, Copy: dossier.CopyNumber(c.Number), SHA256: c.SHA256})
	}
	return done, nil
}

// docCopyPath is where a copy goes: out itself for one copy, else out with
// the 份号 before the extension (notice-000003.pdf).
func docCopyPath(out string, n, copies int) string {
	if copies == 1 {
		return out
	}
	ext := filepath.Ext(out)
	return strings.TrimSuffix(out, ext) + "-" + dossier.CopyNumber(n) + ext
}

// renderDocCopy fills the template for one copy and writes its PDF.
func (s *Service) renderDocCopy(tm *pdf.Template, cd *pdf.CaseData, en *dossier.RegisterEntry, copyNo string, o RenderOptions) (dossier.Rendered, error) {
	pages, doc, err := s.layoutDoc(tm, cd, en, copyNo, o)
	if err != nil {
		return dossier.Rendered{}, err
	}
	var buf bytes.Buffer
	if err := pdf.WritePDFWith(&buf, pages, pdf.WriteOptions{Time: s.docTime(o.FixedTime)}); err != nil {
		return dossier.Rendered{}, err
	}
	secret := doc.Secret
	if secret != "" && doc.SecretTerm != "" {
		secret += "★" + doc.SecretTerm
	}
	return dossier.Rendered{PDF: buf.Bytes(), Secret: secret}, nil
}

// layoutDoc fills a template for a register entry and 份号 and lays it out;
// copyNo "" (the preview) draws no watermark.
func (s *Service) layoutDoc(tm *pdf.Template, cd *pdf.CaseData, en *dossier.RegisterEntry, copyNo string, o RenderOptions) (*pdf.Pages, *pdf.Document, error) {
	d := *cd
	d.Issue = pdf.Issue{Number: pdf.DocNumber{Code: en.Code, Year: en.Year, Serial: en.Serial}, CopyNumber: copyNo, Date: en.Date}
	doc, err := tm.Execute(d.Map())
	if err != nil {
		return nil, nil, err
	}
	switch {
	case copyNo == "": // a preview: as the template says
	case o.Watermark == WatermarkOff:
		doc.Watermark = ""
	case o.Watermark == WatermarkOn || o.Watermark == WatermarkAuto && doc.Secret != "":
		t := s.docTime(o.FixedTime)
		doc.Watermark = pdf.WatermarkText(s.Operator(), fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day()), copyNo)
	}
	pages, err := pdf.Layout(doc, nil)
	return pages, doc, err
}

// docTime is the time a PDF records and its watermark shows: fixed when
// given, else now.
func (s *Service) docTime(fixed time.Time) time.Time {
	if !fixed.IsZero() {
		return fixed
	}
	return s.now()
}

// layoutFreePDF lays a document out with the default fonts and returns its PDF.
func layoutFreePDF(doc *pdf.Document, at time.Time) ([]byte, error) {
	pages, err := pdf.Layout(doc, nil)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := pdf.WritePDFWith(&buf, pages, pdf.WriteOptions{Time: at}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
