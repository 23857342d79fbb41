package app

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode"

	"qingfeng/store"
)

// summary is what a list row keeps of a record: only the fields shown, so
// 100,000 rows stay small. The full record is read again when opened.
type summary struct {
	typ, id  string
	number   string
	title    string
	subject  string
	stage    string
	handler  string
	modified time.Time
}

// key is the row's "type/id", unique in the vault.
func (s *summary) key() string { return s.typ + "/" + s.id }

// summaryFields are the JSON fields a row is made from. Generic dossiers and
// the case model's leads and cases share these names; leads have a status
// where cases have a stage.
type summaryFields struct {
	Number  string `json:"number"`
	Title   string `json:"title"`
	Subject string `json:"subject"`
	Summary string `json:"summary"`
	Stage   string `json:"stage"`
	Status  string `json:"status"`
	Handler string `json:"handler"`
}

// maxTitleRunes bounds the title kept per row.
const maxTitleRunes = 60

// summarize makes the row of a record. Fields of another JSON type than
// string are left empty rather than failing the whole list.
func summarize(r *store.Record) summary {
	var f summaryFields
	_ = json.Unmarshal(r.Data, &f)
	title := cmp.Or(f.Title, f.Summary)
	return summary{
		typ: r.Type, id: r.ID,
		number:   oneLine(f.Number, maxTitleRunes),
		title:    oneLine(title, maxTitleRunes),
		subject:  oneLine(f.Subject, maxTitleRunes),
		stage:    oneLine(cmp.Or(f.Stage, f.Status), maxTitleRunes),
		handler:  oneLine(f.Handler, maxTitleRunes),
		modified: r.Modified,
	}
}

// oneLine folds white space to single spaces and cuts s to n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// Columns of the record lists.
const (
	colNumber = iota
	colTitle
	colSubject
	colStage
	colHandler
	colModified
	columnCount
)

// columnKeys are the header message ids; columnWidths their widths.
var (
	columnKeys   = [columnCount]string{"col.number", "col.title", "col.subject", "col.stage", "col.handler", "col.modified"}
	columnWidths = [columnCount]float32{170, 340, 110, 100, 90, 140}
)

// cell is the text of one column of a row.
func (s *summary) cell(col int) string {
	switch col {
	case colNumber:
		return s.number
	case colTitle:
		return s.title
	case colSubject:
		return s.subject
	case colStage:
		return s.stage
	case colHandler:
		return s.handler
	case colModified:
		return s.modified.Local().Format("2006-01-02 15:04")
	}
	return ""
}

// sortView orders view (indexes into rows) by a column, stably, so that
// equal cells keep their previous order.
func sortView(rows []summary, view []int32, col int, desc bool) {
	cmpRows := func(a, b int32) int {
		c := compareCells(&rows[a], &rows[b], col)
		if desc {
			c = -c
		}
		return c
	}
	slices.SortStableFunc(view, cmpRows)
}

// compareCells compares two rows by a column: numbers in 编号 by value
// (〔2024〕9号 before 〔2024〕10号), times by time, other text by code point.
func compareCells(a, b *summary, col int) int {
	switch col {
	case colNumber:
		return naturalCompare(a.number, b.number)
	case colModified:
		return a.modified.Compare(b.modified)
	}
	return strings.Compare(a.cell(col), b.cell(col))
}

// naturalCompare compares strings so that runs of ASCII digits compare by
// their value.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Compare(len(na), len(nb)); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

// digitRun is the length of the run of ASCII digits at the start of s.
func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
