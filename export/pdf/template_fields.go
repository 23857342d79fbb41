package pdf

import (
	"slices"
	"strings"
)

// Fields lists the data fields the template refers to (placeholders, range
// lists and if conditions), each once, in the order they first appear;
// loop variables' fields are given with the loop variable (f.title).
// Optional placeholders are listed without their "?".
func (t *Template) Fields() []string {
	var out []string
	add := func(p string) {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	for _, h := range t.header {
		placeholders(h.value, add)
	}
	walkFields(t.body, add)
	return out
}

// Uses reports whether the template refers to field.
func (t *Template) Uses(field string) bool { return slices.Contains(t.Fields(), field) }

// walkFields reports the fields of body nodes.
func walkFields(nodes []node, add func(string)) {
	for _, n := range nodes {
		switch n.kind {
		case textNode:
			placeholders(n.text, add)
		default:
			add(n.field)
			walkFields(n.body, add)
		}
	}
}

// placeholders reports each {{path}} or {{path?}} of a parsed line.
func placeholders(s string, add func(string)) {
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return
		}
		add(strings.TrimSuffix(strings.TrimSpace(s[i+2:i+j]), "?"))
		s = s[i+j+2:]
	}
}
