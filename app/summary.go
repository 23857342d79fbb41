package app

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode"

	"qingfeng/casework"
	"qingfeng/store"
)

// summary is what a list row keeps of a record: only the fields shown, so
// 100,000 rows stay small. The full record is read again when opened.
type summary struct {
	typ, id  string
	number   string
	numKey   string // number with digit runs zero-padded, for sorting
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

	SubjectIDs []string `json:"subject_ids"` // leads and cases of the case model
	LeadID     string   `json:"lead_id"`     // cases: the lead, whose 承办人 is the case's
}

// names resolves the case model's references for the list columns: the
// 被反映人 of subject ids and the 承办人 of a case's lead (casework.Names,
// as read by casework.Service.Browse).
type names struct {
	subjects map[string]string // subject id → name
	handlers map[string]string // lead id → handler
}

// namesOf takes the names casework read.
func namesOf(n *casework.Names) *names { return &names{subjects: n.Subjects, handlers: n.Handlers} }

// subjectsOf joins the names of subject ids (casework.Names.SubjectsOf).
func (n *names) subjectsOf(ids []string) string {
	return (&casework.Names{Subjects: n.subjects}).SubjectsOf(ids)
}

// maxTitleRunes bounds the title kept per row.
const maxTitleRunes = 60

// summarize makes the row of a record. Fields of another JSON type than
// string are left empty rather than failing the whole list.
func summarize(r *store.Record) summary { return summarizeWith(r, nil) }

// summarizeWith is summarize resolving subject ids and a case's handler
// through n (may be nil).
func summarizeWith(r *store.Record, n *names) summary {
	var f summaryFields
	_ = json.Unmarshal(r.Data, &f)
	if n != nil {
		if f.Subject == "" && len(f.SubjectIDs) > 0 {
			f.Subject = n.subjectsOf(f.SubjectIDs)
		}
		if f.Handler == "" && f.LeadID != "" {
			f.Handler = n.handlers[f.LeadID]
		}
	}
	title := cmp.Or(f.Title, f.Summary)
	return summary{
		typ: r.Type, id: r.ID,
		number:   oneLine(f.Number, maxTitleRunes),
		numKey:   naturalKey(oneLine(f.Number, maxTitleRunes)),
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
	columnWidths = [columnCount]float32{170, 340, 110, 100, 90, 160}
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

// sortView orders view (indexes into rows) by a column. Rows with equal
// cells keep their previous order, so sorting by 阶段 after 修改时间 lists
// each stage newest first. The sort keys are copied into one contiguous
// slice first: at 100,000 rows that halves the time spent chasing rows.
func sortView(rows []summary, view []int32, col int, desc bool) {
	byTime := col == colModified
	items := make([]sortItem, len(view))
	for i, r := range view {
		items[i] = sortItem{prev: int32(i), row: r}
		if byTime {
			items[i].time = rows[r].modified.UnixNano()
		} else {
			items[i].text = sortText(&rows[r], col)
		}
	}
	slices.SortFunc(items, func(a, b sortItem) int {
		c := 0
		if byTime {
			c = cmp.Compare(a.time, b.time)
		} else {
			c = strings.Compare(a.text, b.text)
		}
		if desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.prev, b.prev))
	})
	for i := range items {
		view[i] = items[i].row
	}
}

// sortItem is one row's sort key and its place before sorting.
type sortItem struct {
	text      string
	time      int64
	prev, row int32
}

// sortText is the text a column sorts by: 编号 by the value of its numbers
// (〔2024〕9号 before 〔2024〕10号), other text by code point.
func sortText(s *summary, col int) string {
	if col == colNumber {
		return s.numKey
	}
	return s.cell(col)
}

// naturalKey rewrites s so that plain string order is natural order: each
// run of ASCII digits loses its leading zeros and is prefixed with its
// length as one byte ('1' for one digit, '2' for two …, capped at 16 so
// the prefix stays below the letters).
func naturalKey(s string) string {
	var b strings.Builder
	for s != "" {
		n := digitRun(s)
		if n == 0 {
			b.WriteByte(s[0])
			s = s[1:]
			continue
		}
		d := strings.TrimLeft(s[:n], "0")
		b.WriteByte(byte('0' + min(len(d), 16)))
		b.WriteString(d)
		s = s[n:]
	}
	return b.String()
}

// digitRun is the length of the run of ASCII digits at the start of s.
func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
