package model

import (
	"cmp"
	"slices"
)

// Deadline is one open deadline of a record, as listed by `deadlines`.
type Deadline struct {
	Record   string   `json:"record"` // record type: lead, case, tracked_item
	RecordID string   `json:"record_id"`
	Number   string   `json:"number,omitempty"`
	Rule     string   `json:"rule,omitempty"` // rule ID in the rule table
	Name     string   `json:"name"`           // rule name, or the tracked item's kind
	Start    Date     `json:"start"`
	Due      Date     `json:"due"`
	Extended int      `json:"extended,omitempty"` // extension level applied
	DaysLeft int      `json:"days_left"`          // set by Deadlines; negative when overdue
	Overdue  bool     `json:"overdue"`            // set by Deadlines
	Escalate bool     `json:"escalate,omitempty"` // set by Deadlines for overdue tracked items
	NextStep NextStep `json:"next_step,omitempty"`
}

// collector gathers deadlines and keeps the first rule error. With
// filter set it keeps only deadlines due by limit.
type collector struct {
	r      *Rules
	out    []Deadline
	err    error
	filter bool
	limit  Date
}

// keep reports whether a deadline due on due is collected.
func (k *collector) keep(due Date) bool { return !k.filter || !due.After(k.limit) }

// add computes and appends one deadline from a rule.
func (k *collector) add(record, id, number, rule string, start Date, level int) {
	due, err := k.r.DueExtended(rule, start, level)
	if err != nil {
		if k.err == nil {
			k.err = err
		}
		return
	}
	if k.keep(due) {
		k.addDue(record, id, number, rule, start, due, level)
	}
}

// addDue appends a deadline whose due date is already known.
func (k *collector) addDue(record, id, number, rule string, start, due Date, level int) {
	name := rule
	if r, ok := k.r.Rule(rule); ok {
		name = r.Name
	}
	k.out = append(k.out, Deadline{Record: record, RecordID: id, Number: number,
		Rule: rule, Name: name, Start: start, Due: due, Extended: level})
}

// Open lists every open deadline of the leads, cases and tracked items,
// unsorted and without DaysLeft; pass the result to Deadlines. It fails
// only when the rule table lacks a rule the model needs.
func (r *Rules) Open(leads []Lead, cases []Case, items []TrackedItem) ([]Deadline, error) {
	k := &collector{r: r, out: make([]Deadline, 0, len(leads)+len(cases)+len(items))}
	return k.collect(leads, cases, items)
}

// Upcoming is Deadlines(Open(...), today, within) without building the
// list of every open deadline first: what `deadlines --due-within` calls.
// within < 0 lists everything.
func (r *Rules) Upcoming(leads []Lead, cases []Case, items []TrackedItem, today Date, within int) ([]Deadline, error) {
	k := &collector{r: r, filter: within >= 0, limit: today.AddDays(within)}
	out, err := k.collect(leads, cases, items)
	return finish(out, out[:0], today, within), err
}

func (k *collector) collect(leads []Lead, cases []Case, items []TrackedItem) ([]Deadline, error) {
	for i := range leads {
		k.lead(&leads[i])
	}
	for i := range cases {
		k.caseDeadlines(&cases[i])
	}
	for i := range items {
		k.item(&items[i])
	}
	return k.out, k.err
}

// lead adds the open deadlines of a lead.
func (k *collector) lead(l *Lead) {
	add := func(rule string, start Date) { k.leadAdd(l, rule, start) }
	if l.Status == LeadClosed {
		if l.Reporter.RealName && l.Reporter.ResultNotified.IsZero() {
			add("result_feedback", l.Closed)
		}
		return
	}
	if l.Disposal.Choice == "" {
		add("lead_disposal", l.Received)
	}
	if l.Reporter.RealName && l.Reporter.AcceptanceNotified.IsZero() {
		add("accept_notice", l.Received)
	}
	if l.Elsewhere && l.Forwarded.IsZero() {
		add("forward_complaint", l.Received)
	}
	if l.Source == SourceAssigned {
		add("assigned_complaint", l.Received)
	}
	d := l.Disposal
	if d.Choice == DispInquiry && !d.Answered.IsZero() && d.Outcome == "" {
		add("talk_inquiry_report", d.Answered)
	}
}

// leadAdd adds one deadline of a lead.
func (k *collector) leadAdd(l *Lead, rule string, start Date) {
	k.add(TypeLead, l.ID, l.Number, rule, start, extensionLevel(l.Extensions, rule))
}

// item adds the deadline of an unanswered tracked item: the date written
// in the document.
func (k *collector) item(t *TrackedItem) {
	if t.Status != TrackedOpen || !k.keep(t.Deadline) {
		return
	}
	rule := "rectification"
	if t.Kind == TrackedInquiryReply {
		rule = "inquiry_reply"
	}
	k.out = append(k.out, Deadline{Record: TypeTrackedItem, RecordID: t.ID, Number: t.DocNumber,
		Rule: rule, Name: string(t.Kind), Start: t.Issued, Due: t.Deadline,
		NextStep: SuggestedNextStep(t.Kind)})
}

// Deadlines returns the deadlines that are overdue on today or due within
// the next `within` days (all of them when within < 0), with DaysLeft,
// Overdue and Escalate set, overdue first: sorted by due date, then
// record type, number and rule. The input is not modified.
func Deadlines(items []Deadline, today Date, within int) []Deadline {
	return finish(items, nil, today, within)
}

// finish annotates and filters list into out (which may be list[:0] to
// work in place) and sorts the result.
func finish(list, out []Deadline, today Date, within int) []Deadline {
	for _, d := range list {
		d.DaysLeft = d.Due.Sub(today)
		d.Overdue = d.DaysLeft < 0
		d.Escalate = d.Overdue && d.Record == TypeTrackedItem && d.NextStep != ""
		if d.Overdue || within < 0 || d.DaysLeft <= within {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, compareDeadlines)
	return out
}

// compareDeadlines orders by due date, then record type, number, record
// ID and rule. The string comparisons run only on ties.
func compareDeadlines(a, b Deadline) int {
	if c := a.Due.Sub(b.Due); c != 0 {
		return c
	}
	return cmp.Or(cmp.Compare(a.Record, b.Record), cmp.Compare(a.Number, b.Number),
		cmp.Compare(a.RecordID, b.RecordID), cmp.Compare(a.Rule, b.Rule))
}
