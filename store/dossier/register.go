package dossier

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"qingfeng/store"
	"qingfeng/store/model"
)

// The document register (发文登记 / 印发登记), the vault's own document
// templates and the particulars clerks write for a case's documents (文书
// 要素). Like the rest of the package every function works inside the
// caller's transaction: a print — numbering, 份号, register entry and audit
// entries — commits as one or not at all.

// Record types kept by this file.
const (
	TypeDocRegister = "doc_register" // one RegisterEntry per issued document
	TypeTemplate    = "template"     // one VaultTemplate per edited or added template
	TypeDocFields   = "doc_fields"   // particulars: id = case id, or DocFieldsDefaults
)

// DocFieldsDefaults is the id of the vault-wide particulars (办公室名称,
// 审理室名称 ...), under those of each case.
const DocFieldsDefaults = "defaults"

// Errors of the document register. (They belong with the package's block
// in doc.go, which this change could not edit.)
var (
	// ErrNotConcluded means a 一案两报告 was asked for a case that has not
	// reached 审理 or has been sent back from it.
	ErrNotConcluded = errors.New("dossier: case is not concluded (has not reached 审理)")
	// ErrNoOfficeCode means a numbered document was asked for while the
	// settings name no 机关代字.
	ErrNoOfficeCode = errors.New("dossier: settings have no office code (机关代字)")
	// ErrTemplateName means a template's 名称 line names another template
	// than the one being saved.
	ErrTemplateName = errors.New("dossier: template text names another template")
	// ErrDocFields means particulars are not a JSON object.
	ErrDocFields = errors.New("dossier: document particulars must be a JSON object")
)

// RegisterEntry is one issued document: its 文号 (when it carries one), the
// template and dossier it came from, its 成文日期 and every printed copy.
// Reprinting the same document adds copies and keeps the 文号.
type RegisterEntry struct {
	ID        string     `json:"id"`
	Number    string     `json:"number,omitempty"` // 文号 as printed: 代字〔2026〕5号
	Code      string     `json:"code,omitempty"`   // 机关代字
	Year      int        `json:"year,omitempty"`
	Serial    int        `json:"serial,omitempty"`
	Template  string     `json:"template"`
	DossierID string     `json:"dossier_id"`
	SubjectID string     `json:"subject_id,omitempty"`
	Date      model.Date `json:"date"` // 成文日期
	Copies    []Copy     `json:"copies"`
}

// Copy is one printed copy (份) of a document.
type Copy struct {
	Number  int       `json:"number"` // 份号, 1, 2, … per document
	Printed time.Time `json:"printed"`
	By      string    `json:"by"`
	SHA256  string    `json:"sha256"` // of the PDF bytes, hex
	Secret  string    `json:"secret,omitempty"`
}

// CopyNumber formats a 份号 as printed: six digits.
func CopyNumber(n int) string { return fmt.Sprintf("%06d", n) }

// DocKey names a document for the register: the same key prints again
// under the same 文号.
type DocKey struct {
	DossierID string
	Template  string
	SubjectID string
}

// PrintRequest is one print of a document.
type PrintRequest struct {
	Key      DocKey
	Numbered bool       // the template prints a 文号: number it on first issue
	Date     model.Date // 成文日期 of a new document (a reprint keeps its own)
	New      bool       // issue a new document (new 文号) even if one exists
	Copies   int        // how many copies, at least 1
	By       string     // who prints, for the register (the audit names its actor itself)
	At       time.Time  // when, for the register
}

// Rendered is one rendered copy: the PDF bytes and the 密级 it carries.
type Rendered struct {
	PDF    []byte
	Secret string
}

// RenderFunc renders one copy of the document for its register entry and
// 份号 (six digits). It is called inside the transaction, once per copy.
type RenderFunc func(e *RegisterEntry, copyNumber string) (Rendered, error)

// Print registers and renders req.Copies copies of a document in the
// caller's transaction: it finds the document's entry or creates it (with
// the next 文号 of the settings' 机关代字 for its year when numbered), gives
// each copy the next 份号, renders it, and records the copy with the
// SHA-256 of its bytes and one store.ActionPrint audit entry. If anything
// fails, returning the error from the transaction keeps none of it.
func Print(tx *store.Tx, req PrintRequest, render RenderFunc) (*RegisterEntry, []Rendered, error) {
	if req.Copies < 1 {
		return nil, nil, fmt.Errorf("%w: %d copies", store.ErrInvalidRecord, req.Copies)
	}
	e, rev, err := openEntry(tx, req)
	if err != nil {
		return nil, nil, err
	}
	var out []Rendered
	for i := 0; i < req.Copies; i++ {
		n := len(e.Copies) + 1
		r, err := render(e, CopyNumber(n))
		if err != nil {
			return nil, nil, err
		}
		sum := sha256.Sum256(r.PDF)
		e.Copies = append(e.Copies, Copy{Number: n, Printed: req.At.UTC(), By: req.By, SHA256: hex.EncodeToString(sum[:]), Secret: r.Secret})
		out = append(out, r)
	}
	if err := saveEntry(tx, e, rev); err != nil {
		return nil, nil, err
	}
	for _, c := range e.Copies[len(e.Copies)-req.Copies:] {
		if err := tx.Audit(store.ActionPrint, TypeDocRegister, e.ID, printDetail(e, c)); err != nil {
			return nil, nil, err
		}
	}
	return e, out, nil
}

// PrintDetail is the JSON detail of a print audit entry.
type PrintDetail struct {
	Dossier  string `json:"dossier"`
	Template string `json:"template"`
	Number   string `json:"number,omitempty"`
	Copy     string `json:"copy"`
	SHA256   string `json:"sha256"`
}

func printDetail(e *RegisterEntry, c Copy) string {
	b, _ := json.Marshal(PrintDetail{Dossier: e.DossierID, Template: e.Template, Number: e.Number,
		Copy: CopyNumber(c.Number), SHA256: c.SHA256})
	return string(b)
}

// openEntry returns the document's latest entry, or a new one (numbered
// when asked) with revision 0.
func openEntry(tx *store.Tx, req PrintRequest) (*RegisterEntry, uint64, error) {
	if !req.New {
		e, rev, err := findEntry(tx, req.Key)
		if err != nil || e != nil {
			return e, rev, err
		}
	}
	if req.Date.IsZero() {
		return nil, 0, fmt.Errorf("%w: document without 成文日期", store.ErrInvalidRecord)
	}
	e := &RegisterEntry{ID: store.NewID(), Template: req.Key.Template, DossierID: req.Key.DossierID,
		SubjectID: req.Key.SubjectID, Date: req.Date}
	if req.Numbered {
		if err := numberEntry(tx, e); err != nil {
			return nil, 0, err
		}
	}
	return e, 0, nil
}

// findEntry returns the latest entry (by 成文日期, then 文号) with key.
func findEntry(tx *store.Tx, key DocKey) (*RegisterEntry, uint64, error) {
	var best *RegisterEntry
	var rev uint64
	err := tx.List(TypeDocRegister, func(r *store.Record) error {
		e, err := decodeEntry(r)
		if err != nil || e.DossierID != key.DossierID || e.Template != key.Template || e.SubjectID != key.SubjectID {
			return err
		}
		if best == nil || entryLess(best, e) {
			best, rev = e, r.Rev
		}
		return nil
	})
	return best, rev, err
}

func entryLess(a, b *RegisterEntry) bool {
	return cmp.Or(a.Date.Sub(b.Date), a.Year-b.Year, a.Serial-b.Serial) < 0
}

func decodeEntry(r *store.Record) (*RegisterEntry, error) {
	e := &RegisterEntry{}
	if err := json.Unmarshal(r.Data, e); err != nil {
		return nil, fmt.Errorf("%w: %s/%s: %v", store.ErrCorrupt, r.Type, r.ID, err)
	}
	return e, nil
}

func saveEntry(tx *store.Tx, e *RegisterEntry, rev uint64) error {
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("failed to encode register entry: %w", err)
	}
	return tx.Put(&store.Record{Type: TypeDocRegister, ID: e.ID, Rev: rev, Data: data})
}

// numberEntry gives a new entry the next 文号 of the settings' 机关代字 for
// the year of its 成文日期.
func numberEntry(tx *store.Tx, e *RegisterEntry) error {
	s, _, err := Settings(tx)
	if err != nil {
		return err
	}
	if s.OfficeCode == "" {
		return ErrNoOfficeCode
	}
	format := docNumberFormat(s.OfficeCode)
	if err := model.CheckNumberFormat(format); err != nil {
		return fmt.Errorf("%w: %q", ErrNoOfficeCode, s.OfficeCode)
	}
	series, year := docSeries(s.OfficeCode), e.Date.Year()
	if err := seedDocCounter(tx, series, format, year); err != nil {
		return err
	}
	seq, err := nextSeq(tx, series, year)
	if err != nil {
		return err
	}
	e.Code, e.Year, e.Serial = s.OfficeCode, year, seq
	e.Number, err = model.FormatNumber(format, year, seq)
	return err
}

// docNumberFormat is the 文号 format of a 机关代字: 代字〔2026〕5号.
func docNumberFormat(code string) string { return code + "〔{year}〕{seq}号" }

// docSeries names the counter of a 机关代字 by a digest, so that the code
// itself never appears in the vault file's (unencrypted) record keys.
func docSeries(code string) string {
	sum := sha256.Sum256([]byte(code))
	return "doc-" + hex.EncodeToString(sum[:8])
}

// seedDocCounter, on the first number of a code and year, raises the
// counter above every 文号 of that code and year already written on the
// vault's cases and tracked items, so the register never reuses a number
// issued before it kept the count.
func seedDocCounter(tx *store.Tx, series, format string, year int) error {
	id := fmt.Sprintf("%s-%d", series, year)
	if _, err := tx.Get(typeCounter, id); !errors.Is(err, store.ErrNotFound) {
		return err
	}
	high := 0
	for _, n := range recordedDocNumbers(tx) {
		if y, seq, err := model.ParseNumber(format, n); err == nil && y == year {
			high = max(high, seq)
		}
	}
	if high == 0 {
		return nil
	}
	return raiseCounter(tx, id, high)
}

// recordedDocNumbers lists the 文号 written on cases (steps, sanctions)
// and tracked items. Records that do not decode are skipped here; check
// reports them.
func recordedDocNumbers(tx *store.Tx) []string {
	var out []string
	cases, _ := Cases(tx)
	for _, c := range cases {
		for _, s := range c.Steps {
			out = append(out, s.DocNumber)
		}
		for _, o := range c.Outcomes {
			for _, x := range o.Sanctions {
				out = append(out, x.DocNumber)
			}
		}
	}
	items, _ := Items(tx)
	for _, t := range items {
		out = append(out, t.DocNumber)
	}
	return out
}

// RegisterEntries lists the register, by year, 代字 and serial, then date;
// dossierID "" lists every entry.
func RegisterEntries(tx *store.Tx, dossierID string) ([]RegisterEntry, error) {
	var out []RegisterEntry
	err := tx.List(TypeDocRegister, func(r *store.Record) error {
		e, err := decodeEntry(r)
		if err == nil && (dossierID == "" || e.DossierID == dossierID) {
			out = append(out, *e)
		}
		return err
	})
	slices.SortFunc(out, func(a, b RegisterEntry) int {
		return cmp.Or(a.Year-b.Year, cmp.Compare(a.Code, b.Code), a.Serial-b.Serial, a.Date.Sub(b.Date), cmp.Compare(a.ID, b.ID))
	})
	return out, err
}

// Concluded reports whether a case is concluded for the 一案两报告: it
// reached 审理 and is at 审理 or a later stage (a case sent back for
// further investigation is not).
func Concluded(c *model.Case) bool {
	if !slices.ContainsFunc(c.Events, func(e model.StageEvent) bool { return e.To == model.StageTrial }) {
		return false
	}
	i := slices.Index(model.Stages, c.Stage)
	return i >= slices.Index(model.Stages, model.StageTrial)
}

// CheckConcluded returns ErrNotConcluded, naming the stage, unless the
// case is concluded.
func CheckConcluded(c *model.Case) error {
	if !Concluded(c) {
		return fmt.Errorf("%w: %s is at %s", ErrNotConcluded, c.ID, c.Stage)
	}
	return nil
}

// VaultTemplate is a document template kept in the vault: an edited
// built-in (same name, it takes the built-in's place) or an added one.
// Text is the template source (format: assets/templates/README.md).
type VaultTemplate struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Text string `json:"text"`
}

// Templates lists the vault's templates by name.
func Templates(tx *store.Tx) ([]VaultTemplate, error) {
	ts, err := listAll[VaultTemplate](tx, TypeTemplate)
	slices.SortFunc(ts, func(a, b VaultTemplate) int { return cmp.Compare(a.Name, b.Name) })
	return ts, err
}

// SaveTemplate stores text as the vault's template called name, replacing
// one of that name. parse is the template parser (the store cannot import
// it): it returns the template's own name (its 名称 line, else name) or
// the parse error, and a template that fails to parse or names another
// template is refused with nothing stored.
func SaveTemplate(tx *store.Tx, name, text string, parse func(name, text string) (string, error)) error {
	got, err := parse(name, text)
	if err != nil {
		return err
	}
	if got != name {
		return fmt.Errorf("%w: 名称 %q, saving as %q", ErrTemplateName, got, name)
	}
	t, rev, err := findTemplate(tx, name)
	if err != nil {
		return err
	}
	if t == nil {
		t = &VaultTemplate{ID: store.NewID(), Name: name}
	}
	t.Text = text
	data, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("failed to encode template: %w", err)
	}
	return tx.Put(&store.Record{Type: TypeTemplate, ID: t.ID, Rev: rev, Data: data})
}

// DeleteTemplate removes the vault's template called name (a built-in of
// that name applies again), or returns store.ErrNotFound.
func DeleteTemplate(tx *store.Tx, name string) error {
	t, _, err := findTemplate(tx, name)
	if err != nil {
		return err
	}
	if t == nil {
		return fmt.Errorf("%w: template %s", store.ErrNotFound, name)
	}
	return tx.Delete(TypeTemplate, t.ID)
}

// findTemplate returns the vault's template called name and its revision,
// or nil. Ids are random, so that names never appear in record keys.
func findTemplate(tx *store.Tx, name string) (*VaultTemplate, uint64, error) {
	var found *VaultTemplate
	var rev uint64
	err := tx.List(TypeTemplate, func(r *store.Record) error {
		var t VaultTemplate
		if err := json.Unmarshal(r.Data, &t); err != nil {
			return fmt.Errorf("%w: %s/%s: %v", store.ErrCorrupt, r.Type, r.ID, err)
		}
		if t.Name == name {
			found, rev = &t, r.Rev
		}
		return nil
	})
	return found, rev, err
}

// DocFields returns the particulars stored for a case (dossierID) or the
// vault-wide ones (DocFieldsDefaults), or nil when there are none.
func DocFields(tx *store.Tx, id string) (map[string]any, error) {
	r, err := tx.Get(TypeDocFields, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(r.Data, &m); err != nil {
		return nil, fmt.Errorf("%w: %s/%s: %v", store.ErrCorrupt, r.Type, r.ID, err)
	}
	return m, nil
}

// SetDocFields replaces the particulars of a case (which must exist) or
// the vault-wide ones (id DocFieldsDefaults) with data, a JSON object in
// the shape of the template data (assets/templates/README.md); an empty
// object removes them.
func SetDocFields(tx *store.Tx, id string, data json.RawMessage) error {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("%w: %v", ErrDocFields, err)
	}
	if m == nil {
		return ErrDocFields
	}
	if id != DocFieldsDefaults {
		if _, err := GetCase(tx, id); err != nil {
			return err
		}
	}
	old, err := tx.Get(TypeDocFields, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		if len(m) == 0 {
			return nil
		}
		return tx.Put(&store.Record{Type: TypeDocFields, ID: id, Data: data})
	case err != nil:
		return err
	case len(m) == 0:
		return tx.Delete(TypeDocFields, id)
	}
	return tx.Put(&store.Record{Type: TypeDocFields, ID: id, Rev: old.Rev, Data: data})
}
