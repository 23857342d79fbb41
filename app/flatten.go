package app

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// field is one leaf of a record's JSON data: its path ("reporter.name",
// "events[2].stage") and its value as text.
type field struct {
	path  []string
	value string
}

// flatten lists the leaves of a JSON object in document order. Nested
// objects and arrays become paths; null and empty strings are left out;
// true and false become 是/否 through the yes and no texts.
func flatten(data []byte, yes, no string) ([]field, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out []field
	err := walkJSON(dec, nil, func(path []string, v any) {
		var s string
		switch v := v.(type) {
		case nil:
			return
		case string:
			s = v
		case bool:
			s = no
			if v {
				s = yes
			}
		default:
			s = fmt.Sprint(v)
		}
		if s != "" {
			out = append(out, field{path: append([]string(nil), path...), value: s})
		}
	})
	return out, err
}

// walkJSON reads one JSON value from dec, calling leaf for every scalar in
// order with its path.
func walkJSON(dec *json.Decoder, path []string, leaf func([]string, any)) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return err
			}
			if err := walkJSON(dec, append(path, k.(string)), leaf); err != nil {
				return err
			}
		}
		_, err = dec.Token()
		return err
	case json.Delim('['):
		for i := 1; dec.More(); i++ {
			if err := walkJSON(dec, append(path, fmt.Sprintf("[%d]", i)), leaf); err != nil {
				return err
			}
		}
		_, err = dec.Token()
		return err
	}
	leaf(path, tok)
	return nil
}

// leadingFields are shown first, in this order, when a record has them;
// the other fields follow in the record's own order.
var leadingFields = []string{"number", "title", "subject", "unit", "stage", "status", "handler", "summary"}

// orderFields moves the leading fields to the front, keeping every other
// field (and the parts of each one) in document order.
func orderFields(fs []field) {
	rank := func(f field) int {
		if i := slices.Index(leadingFields, f.path[0]); i >= 0 {
			return i
		}
		return len(leadingFields)
	}
	slices.SortStableFunc(fs, func(a, b field) int { return cmp.Compare(rank(a), rank(b)) })
}

// fieldLabel names a field for people: each path part that has a message
// in the current language is translated, the rest are shown as stored.
func fieldLabel(path []string) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = p
		if knownFields[p] {
			parts[i] = tr("field." + p)
		}
	}
	return strings.ReplaceAll(strings.Join(parts, " › "), " › [", "[")
}

// knownFields are the JSON field names that have a translated label
// (field.<name>): the generic dossier's fields and the case model's.
var knownFields = map[string]bool{
	"acceptance_notified": true, "action": true, "actor": true, "amount": true, "amounts": true,
	"answered": true, "approved_by": true, "archive": true, "authority": true, "born": true,
	"case_id": true, "category": true, "choice": true, "closed": true, "contact": true, "date": true,
	"deadline": true, "decided": true, "department": true, "disposal": true, "doc_number": true,
	"elsewhere": true, "ethnicity": true, "events": true, "evidence": true, "extensions": true,
	"facts": true, "forwarded": true, "from": true, "gender": true, "handler": true, "id": true,
	"kind": true, "lead_id": true, "leader": true, "level": true, "measures": true, "name": true,
	"nature": true, "note": true, "number": true, "outcome": true, "outcome_date": true,
	"outcomes": true, "party_joined": true, "political_status": true, "position": true,
	"prelim_due": true, "rank": true, "real_name": true, "reason": true, "received": true,
	"reporter": true, "result_notified": true, "signature": true, "source": true, "stage": true,
	"status": true, "steps": true, "subject": true, "subject_ids": true, "summary": true,
	"supervisor": true, "title": true, "to": true, "trail": true, "unit": true, "when": true,
	"who": true,
}
