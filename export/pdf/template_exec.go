package pdf

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// scope resolves field paths: loop variables first, then the data tree.
type scope struct {
	data map[string]any
	vars map[string]any
}

// Execute fills the template from data (nested map[string]any, slices for
// lists) and returns the Document. A placeholder whose field is absent fails
// with a *TemplateError wrapping ErrTemplateField that names the template,
// line and field; no Document is returned then.
func (t *Template) Execute(data map[string]any) (*Document, error) {
	sc := &scope{data: data, vars: map[string]any{}}
	doc := &Document{}
	for _, h := range t.header {
		v, err := t.fill(h.value, h.line, sc)
		if err != nil {
			return nil, err
		}
		if err := t.setHeader(doc, h, v); err != nil {
			return nil, err
		}
	}
	lines, err := t.run(t.body, sc)
	if err != nil {
		return nil, err
	}
	doc.Body = toBlocks(lines)
	return doc, nil
}

// docNumber parses a filled 文号 such as 某纪立〔2020〕5号.
var docNumber = regexp.MustCompile(`^(.+)〔(\d{4})〕(\d+)号$`)

// setHeader stores one filled header value in doc.
func (t *Template) setHeader(doc *Document, h headerLine, v string) error {
	str := map[string]*string{
		"copy_number": &doc.CopyNumber, "secret": &doc.Secret, "secret_term": &doc.SecretTerm,
		"urgency": &doc.Urgency, "issuer": &doc.Issuer, "signer": &doc.Signer, "title": &doc.Title,
		"recipients": &doc.Recipients, "signature": &doc.Signature, "date": &doc.Date, "note": &doc.Note,
		"cc": &doc.CC, "printer": &doc.Printer, "print_date": &doc.PrintDate, "watermark": &doc.Watermark,
	}
	switch h.key {
	case "seal":
		doc.Seal = v == "是" || v == "有" || strings.EqualFold(v, "yes") || strings.EqualFold(v, "true")
	case "enclosure":
		if v != "" {
			doc.Enclosures = append(doc.Enclosures, v)
		}
	case "number":
		if v == "" {
			return nil
		}
		m := docNumber.FindStringSubmatch(v)
		if m == nil {
			return t.syntax(h.line, v)
		}
		doc.Number.Code = m[1]
		doc.Number.Year, _ = strconv.Atoi(m[2])
		doc.Number.Serial, _ = strconv.Atoi(m[3])
	default:
		*str[h.key] = v
	}
	return nil
}

// filledLine is a body line after substitution, with its marker.
type filledLine struct {
	kind string // Paragraph, Heading1..4, or "-" for a list item
	text string
	run  string
}

// run executes nodes into filled lines.
func (t *Template) run(nodes []node, sc *scope) ([]filledLine, error) {
	var out []filledLine
	for _, n := range nodes {
		var lines []filledLine
		var err error
		switch n.kind {
		case textNode:
			var l filledLine
			l, err = t.textLine(n, sc)
			lines = []filledLine{l}
		case ifNode:
			if v, ok := sc.lookup(n.field); ok && truthy(v) {
				lines, err = t.run(n.body, sc)
			}
		case rangeNode:
			lines, err = t.loop(n, sc)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, lines...)
	}
	return out, nil
}

// loop runs a range body once per list item, the item bound to the loop
// variable.
func (t *Template) loop(n node, sc *scope) ([]filledLine, error) {
	v, ok := sc.lookup(n.field)
	if !ok {
		if n.opt {
			return nil, nil
		}
		return nil, &TemplateError{Template: t.Name, Line: n.line, Field: n.field, Err: ErrTemplateField}
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return nil, &TemplateError{Template: t.Name, Line: n.line, Field: n.field + " (not a list)", Err: ErrTemplateField}
	}
	saved, had := sc.vars[n.name]
	defer func() {
		if had {
			sc.vars[n.name] = saved
		} else {
			delete(sc.vars, n.name)
		}
	}()
	var out []filledLine
	for i := 0; i < rv.Len(); i++ {
		sc.vars[n.name] = rv.Index(i).Interface()
		lines, err := t.run(n.body, sc)
		if err != nil {
			return nil, err
		}
		out = append(out, lines...)
	}
	return out, nil
}

// textLine reads the marker of a body line and fills its placeholders.
func (t *Template) textLine(n node, sc *scope) (filledLine, error) {
	l := filledLine{kind: Paragraph}
	s := n.text
	for _, m := range []struct{ prefix, kind string }{{"#### ", Heading4}, {"### ", Heading3}, {"## ", Heading2}, {"# ", Heading1}, {"- ", "-"}} {
		if strings.HasPrefix(s, m.prefix) {
			l.kind, s = m.kind, strings.TrimSpace(s[len(m.prefix):])
			break
		}
	}
	if l.kind != Paragraph && l.kind != "-" {
		if i := strings.IndexAny(s, "|｜"); i >= 0 {
			_, w := firstRune(s[i:])
			var err error
			if l.run, err = t.fill(strings.TrimSpace(s[i+w:]), n.line, sc); err != nil {
				return l, err
			}
			s = strings.TrimSpace(s[:i])
		}
	}
	var err error
	l.text, err = t.fill(s, n.line, sc)
	return l, err
}

// fill replaces each {{path}} (required) and {{path?}} (optional) in s.
func (t *Template) fill(s string, line int, sc *scope) (string, error) {
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		j := strings.Index(s[i:], "}}") + i
		b.WriteString(s[:i])
		p := strings.TrimSpace(s[i+2 : j])
		opt := strings.HasSuffix(p, "?")
		p = strings.TrimSuffix(p, "?")
		v, ok := sc.lookup(p)
		if !ok && !opt {
			return "", &TemplateError{Template: t.Name, Line: line, Field: p, Err: ErrTemplateField}
		}
		if ok {
			b.WriteString(format(v))
		}
		s = s[j+2:]
	}
}

// lookup resolves a dotted path; a nil value counts as absent.
func (sc *scope) lookup(path string) (any, bool) {
	parts := strings.Split(path, ".")
	v, ok := sc.vars[parts[0]]
	if !ok {
		v, ok = sc.data[parts[0]]
	}
	for _, p := range parts[1:] {
		if !ok {
			break
		}
		v, ok = field(v, p)
	}
	return v, ok && v != nil
}

// field returns key p of a map value.
func field(v any, p string) (any, bool) {
	switch m := v.(type) {
	case map[string]any:
		x, ok := m[p]
		return x, ok
	case map[string]string:
		x, ok := m[p]
		return x, ok
	}
	return nil, false
}

// format prints a data value: dates as 2020年3月5日, booleans as 是/否.
func format(v any) string {
	switch x := v.(type) {
	case string:
		if d, err := FormatDate(x); err == nil {
			return d
		}
		return x
	case time.Time:
		return fmt.Sprintf("%d年%d月%d日", x.Year(), int(x.Month()), x.Day())
	case bool:
		if x {
			return "是"
		}
		return "否"
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// truthy is the condition of {{if}}: present and not empty, false or zero.
func truthy(v any) bool {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return rv.Len() > 0
	case reflect.Bool:
		return rv.Bool()
	case reflect.Int, reflect.Int64, reflect.Int32:
		return rv.Int() != 0
	case reflect.Float64, reflect.Float32:
		return rv.Float() != 0
	}
	return true
}

// toBlocks turns filled lines into Document blocks; consecutive list lines
// are numbered 1. 2. … as paragraphs.
func toBlocks(lines []filledLine) []Block {
	var out []Block
	item := 0
	for _, l := range lines {
		if l.kind != "-" {
			item = 0
			out = append(out, Block{Kind: l.kind, Text: l.text, Run: l.run})
			continue
		}
		item++
		out = append(out, Block{Kind: Paragraph, Text: strconv.Itoa(item) + "." + l.text})
	}
	return out
}
