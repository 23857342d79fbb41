package pdf

import (
	"strings"
)

// headerKeys maps the header keys a template may use (Chinese or English)
// to the canonical key.
var headerKeys = map[string]string{
	"名称": "name", "name": "name",
	"份号": "copy_number", "copy_number": "copy_number",
	"密级": "secret", "secret": "secret",
	"保密期限": "secret_term", "secret_term": "secret_term",
	"紧急程度": "urgency", "urgency": "urgency",
	"发文机关标志": "issuer", "issuer": "issuer",
	"文号": "number", "number": "number",
	"签发人": "signer", "signer": "signer",
	"标题": "title", "title": "title",
	"主送": "recipients", "recipients": "recipients",
	"附件": "enclosure", "enclosure": "enclosure",
	"署名": "signature", "signature": "signature",
	"成文日期": "date", "date": "date",
	"印章": "seal", "seal": "seal",
	"附注": "note", "note": "note",
	"抄送": "cc", "cc": "cc",
	"印发机关": "printer", "printer": "printer",
	"印发日期": "print_date", "print_date": "print_date",
	"水印": "watermark", "watermark": "watermark",
}

// LoadTemplate parses template source. name identifies it in errors and
// is its name unless the header has a 名称 line. Syntax errors are
// *TemplateError wrapping ErrTemplateSyntax.
func LoadTemplate(name, src string) (*Template, error) {
	t := &Template{Name: name, file: name}
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	i, err := t.parseHeader(lines)
	if err != nil {
		return nil, err
	}
	body, next, err := t.parseBody(lines, i, false)
	if err != nil {
		return nil, err
	}
	if next < len(lines) {
		return nil, t.syntax(next+1, "")
	}
	t.body = body
	return t, nil
}

// syntax builds a syntax error at a 1-based line.
func (t *Template) syntax(line int, field string) error {
	return &TemplateError{Template: t.Name, Line: line, Field: field, Err: ErrTemplateSyntax}
}

// parseHeader reads `key: value` lines up to the `---` line and returns the
// index of the first body line.
func (t *Template) parseHeader(lines []string) (int, error) {
	for i, raw := range lines {
		s := strings.TrimSpace(raw)
		switch {
		case s == "---":
			return i + 1, nil
		case s == "" || strings.HasPrefix(s, "//"):
			continue
		}
		k, v, ok := cutColon(s)
		key, known := headerKeys[k]
		if !ok || !known {
			return 0, t.syntax(i+1, k)
		}
		if err := checkPlaceholders(v); err != nil {
			return 0, t.syntax(i+1, v)
		}
		if key == "name" {
			t.Name = v
			continue
		}
		t.header = append(t.header, headerLine{line: i + 1, key: key, value: v})
	}
	return 0, t.syntax(len(lines), "---")
}

// cutColon splits "key: value" at the first ASCII or full-width colon.
func cutColon(s string) (string, string, bool) {
	i := strings.IndexAny(s, ":：")
	if i < 0 {
		return "", "", false
	}
	_, w := firstRune(s[i:])
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+w:]), true
}

// firstRune returns the first rune of s and its byte length.
func firstRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			return r, len(string(r))
		}
	}
	return 0, 0
}

// parseBody reads nodes from lines[i:] until the end or, inside a block, its
// `{{end}}`; it returns the nodes and the index after the last line used.
func (t *Template) parseBody(lines []string, i int, inBlock bool) ([]node, int, error) {
	var out []node
	for ; i < len(lines); i++ {
		s := strings.TrimSpace(lines[i])
		if s == "" || strings.HasPrefix(s, "//") {
			continue
		}
		if s == "{{end}}" {
			if !inBlock {
				return nil, 0, t.syntax(i+1, s)
			}
			return out, i + 1, nil
		}
		n, err := t.parseDirective(s, i)
		if err != nil {
			return nil, 0, err
		}
		if n.kind != textNode {
			body, next, err := t.parseBody(lines, i+1, true)
			if err != nil {
				return nil, 0, err
			}
			n.body = body
			i = next - 1
		}
		out = append(out, n)
	}
	if inBlock {
		return nil, 0, t.syntax(len(lines), "{{end}}")
	}
	return out, i, nil
}

// parseDirective recognises `{{range x in list}}` and `{{if field}}` lines;
// anything else is a text line whose placeholders must be well formed.
func (t *Template) parseDirective(s string, i int) (node, error) {
	n := node{line: i + 1}
	if strings.HasPrefix(s, "{{range ") && strings.HasSuffix(s, "}}") {
		f := strings.Fields(strings.TrimSuffix(strings.TrimPrefix(s, "{{range "), "}}"))
		if len(f) != 3 || f[1] != "in" || !validPath(strings.TrimSuffix(f[2], "?")) || !validPath(f[0]) {
			return n, t.syntax(i+1, s)
		}
		n.kind, n.name, n.field, n.opt = rangeNode, f[0], strings.TrimSuffix(f[2], "?"), strings.HasSuffix(f[2], "?")
		return n, nil
	}
	if strings.HasPrefix(s, "{{if ") && strings.HasSuffix(s, "}}") {
		f := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "{{if "), "}}"))
		if !validPath(f) {
			return n, t.syntax(i+1, s)
		}
		n.kind, n.field = ifNode, f
		return n, nil
	}
	if err := checkPlaceholders(s); err != nil {
		return n, t.syntax(i+1, s)
	}
	n.kind, n.text = textNode, s
	return n, nil
}

// validPath accepts dotted names of letters, digits and underscores.
func validPath(p string) bool {
	if p == "" {
		return false
	}
	for _, part := range strings.Split(p, ".") {
		if part == "" {
			return false
		}
		for _, r := range part {
			if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7F && r != '{' && r != '}') {
				return false
			}
		}
	}
	return true
}

// checkPlaceholders verifies every `{{` has its `}}` around a valid path
// (optionally ending in `?`).
func checkPlaceholders(s string) error {
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			if strings.Contains(s, "}}") {
				return ErrTemplateSyntax
			}
			return nil
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 || !validPath(strings.TrimSuffix(strings.TrimSpace(s[i+2:i+j]), "?")) {
			return ErrTemplateSyntax
		}
		if strings.Contains(s[:i], "}}") {
			return ErrTemplateSyntax
		}
		s = s[i+j+2:]
	}
}
