package pdf

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"qingfeng/assets"
)

// Template is a parsed document template: header lines (`key: value`) that
// fill the Document's fields, then body lines with `{{field.path}}`
// placeholders, `# ` heading markers, `- ` list lines and `{{range x in
// list}}` / `{{if field}}` … `{{end}}` blocks. The format is described in
// assets/templates/README.md. A Template is immutable and safe for
// concurrent use.
type Template struct {
	// Name is the template's name: its `名称:` header, else the name given
	// to LoadTemplate.
	Name   string
	file   string
	header []headerLine
	body   []node
}

// TemplateError reports a template problem at a line: a syntax error
// (Err is ErrTemplateSyntax) or a field the data lacks (Err is
// ErrTemplateField, Field names it).
type TemplateError struct {
	Template string
	Line     int
	Field    string
	Err      error
}

// Error formats the error as "pdf: template field missing: NAME line N: field".
func (e *TemplateError) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%v: %s line %d: %s", e.Err, e.Template, e.Line, e.Field)
	}
	return fmt.Sprintf("%v: %s line %d", e.Err, e.Template, e.Line)
}

// Unwrap returns ErrTemplateSyntax or ErrTemplateField.
func (e *TemplateError) Unwrap() error { return e.Err }

// headerLine is one `key: value` line of the header.
type headerLine struct {
	line  int
	key   string
	value string
}

// node is one element of the body: a text line, a range or an if block.
type node struct {
	line  int
	kind  nodeKind
	text  string // text line (kind textNode)
	name  string // loop variable (rangeNode)
	field string // list (rangeNode) or condition (ifNode)
	opt   bool   // a range over a list that may be missing
	body  []node
}

type nodeKind int

const (
	textNode nodeKind = iota
	rangeNode
	ifNode
)

// BuiltinTemplates parses the templates shipped in assets/templates,
// sorted by file name. A parse failure is a build defect and is returned.
func BuiltinTemplates() ([]*Template, error) {
	fsys := assets.Templates()
	names, err := fs.Glob(fsys, "*.tmpl")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []*Template
	for _, n := range names {
		src, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		t, err := LoadTemplate(strings.TrimSuffix(path.Base(n), ".tmpl"), string(src))
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// FindTemplate returns the template called name (its 名称 or file name)
// among ts, or ErrTemplateNotFound.
func FindTemplate(ts []*Template, name string) (*Template, error) {
	for _, t := range ts {
		if t.Name == name || t.file == name {
			return t, nil
		}
	}
	return nil, fmt.Errorf("%w: %s", ErrTemplateNotFound, name)
}
