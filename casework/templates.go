package casework

import (
	"fmt"
	"io/fs"
	"strings"

	"qingfeng/assets"
	"qingfeng/export/pdf"
	"qingfeng/store"
	"qingfeng/store/dossier"
)

// The document templates in force: the built-in ones of assets/templates,
// each replaced by the vault's own template of the same name, then the
// templates the vault adds.

// Sources of a template.
const (
	SourceBuiltin = "builtin"
	SourceVault   = "vault"
)

// TemplateInfo is one template in force.
type TemplateInfo struct {
	Name      string   `json:"name"`
	Source    string   `json:"source"`              // SourceBuiltin or SourceVault
	Overrides bool     `json:"overrides,omitempty"` // a vault template in a built-in's place
	Numbered  bool     `json:"numbered"`            // prints a 文号 from the register
	Fields    []string `json:"fields"`
	tmpl      *pdf.Template
}

// Templates lists the templates in force, built-ins first (in their
// order), then the vault's added ones by name. It reads one transaction.
func (s *Service) Templates() ([]TemplateInfo, error) {
	var ts []TemplateInfo
	err := s.view(func(tx *store.Tx) (err error) { ts, err = templatesInForce(tx); return err })
	return ts, err
}

// TemplateNames lists the names of the templates in force, in the order of
// Templates (what a window offers to pick from).
func (s *Service) TemplateNames() ([]string, error) {
	ts, err := s.Templates()
	names := make([]string, len(ts))
	for i := range ts {
		names[i] = ts[i].Name
	}
	return names, err
}

// TemplateText is the source of the template in force called name: the
// vault's own, else the built-in one (pdf.ErrTemplateNotFound if neither).
func (s *Service) TemplateText(name string) (string, error) {
	var text string
	err := s.view(func(tx *store.Tx) error {
		own, err := dossier.Templates(tx)
		for _, t := range own {
			if t.Name == name {
				text = t.Text
			}
		}
		return err
	})
	if err != nil || text != "" {
		return text, err
	}
	return builtinTemplateSource(name)
}

// SetTemplate stores text as the vault's template called name (it takes
// the place of a built-in of that name). A template that does not parse,
// or whose 名称 line names another template, is refused and nothing is
// stored; the record's own audit entry is written in the same transaction.
func (s *Service) SetTemplate(name, text string) error {
	return s.update(func(tx *store.Tx) error { return dossier.SaveTemplate(tx, name, text, parseTemplate) })
}

// DeleteTemplate removes the vault's template called name: a built-in of
// that name applies again. store.ErrNotFound if the vault has none.
func (s *Service) DeleteTemplate(name string) error {
	return s.update(func(tx *store.Tx) error { return dossier.DeleteTemplate(tx, name) })
}

// templatesInForce reads the templates in force inside tx.
func templatesInForce(tx *store.Tx) ([]TemplateInfo, error) {
	builtin, err := pdf.BuiltinTemplates()
	if err != nil {
		return nil, err
	}
	own, err := dossier.Templates(tx)
	if err != nil {
		return nil, err
	}
	out := make([]TemplateInfo, 0, len(builtin)+len(own))
	for _, t := range builtin {
		out = append(out, newTemplateInfo(t, SourceBuiltin))
	}
	for _, vt := range own {
		t, err := pdf.LoadTemplate(vt.Name, vt.Text)
		if err != nil {
			return nil, err
		}
		info := newTemplateInfo(t, SourceVault)
		if i := indexOfTemplateInfo(out, t.Name); i >= 0 {
			info.Overrides = true
			out[i] = info
			continue
		}
		out = append(out, info)
	}
	return out, nil
}

// findTemplateInForce returns the template in force called name.
func findTemplateInForce(tx *store.Tx, name string) (*pdf.Template, error) {
	ts, err := templatesInForce(tx)
	if err != nil {
		return nil, err
	}
	all := make([]*pdf.Template, len(ts))
	for i := range ts {
		all[i] = ts[i].tmpl
	}
	return pdf.FindTemplate(all, name)
}

func newTemplateInfo(t *pdf.Template, source string) TemplateInfo {
	return TemplateInfo{Name: t.Name, Source: source, Numbered: t.Uses("doc.serial"), Fields: t.Fields(), tmpl: t}
}

func indexOfTemplateInfo(ts []TemplateInfo, name string) int {
	for i := range ts {
		if ts[i].Name == name {
			return i
		}
	}
	return -1
}

// parseTemplate is the parser dossier.SaveTemplate checks a template with.
func parseTemplate(name, text string) (string, error) {
	t, err := pdf.LoadTemplate(name, text)
	if err != nil {
		return "", err
	}
	return t.Name, nil
}

// builtinTemplateSource returns the text of the built-in template called name (by
// its 名称 or its file name).
func builtinTemplateSource(name string) (string, error) {
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
