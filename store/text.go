package store

import (
	"encoding/json"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// textOf returns every string value in a record's JSON data: these are the
// searchable fields. Object keys are not included.
func textOf(data json.RawMessage) []string {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil
	}
	var out []string
	collectStrings(v, &out)
	return out
}

func collectStrings(v any, out *[]string) {
	switch x := v.(type) {
	case string:
		*out = append(*out, x)
	case []any:
		for _, e := range x {
			collectStrings(e, out)
		}
	case map[string]any:
		for _, e := range x {
			collectStrings(e, out)
		}
	}
}

// normalize folds case and full-width forms so that "ＡＢＣ１" finds "abc1".
func normalize(s string) string {
	return width.Fold.String(strings.ToLower(s))
}

// segments splits normalized text at white space into runs of runes.
func segments(s string) [][]rune {
	var out [][]rune
	for _, f := range strings.FieldsFunc(normalize(s), unicode.IsSpace) {
		out = append(out, []rune(f))
	}
	return out
}

// gramsOf returns the set of unigrams and bigrams of all strings: the units
// the index stores. A 1-character query uses unigrams; longer ones bigrams.
func gramsOf(texts []string) map[string]struct{} {
	set := make(map[string]struct{})
	for _, t := range texts {
		for _, seg := range segments(t) {
			for i, r := range seg {
				set[string(r)] = struct{}{}
				if i+1 < len(seg) {
					set[string(seg[i:i+2])] = struct{}{}
				}
			}
		}
	}
	return set
}
