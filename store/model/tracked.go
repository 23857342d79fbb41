package model

// TrackedKind is the kind of a 督办事项.
type TrackedKind string

// Tracked item kinds.
const (
	TrackedRecommendation TrackedKind = "监察建议"
	TrackedTalk           TrackedKind = "约谈"
	TrackedRectify        TrackedKind = "责令限期整改"
	TrackedInquiryReply   TrackedKind = "函询回复"
)

// TrackedKinds lists every kind.
var TrackedKinds = []TrackedKind{TrackedRecommendation, TrackedTalk, TrackedRectify, TrackedInquiryReply}

// TrackedStatus is where a tracked item stands.
type TrackedStatus string

// Tracked item statuses.
const (
	TrackedOpen    TrackedStatus = "待回复"
	TrackedReplied TrackedStatus = "已回复"
	TrackedDone    TrackedStatus = "已办结" // reply accepted, item closed (销号)
)

// TrackedStatuses lists every status.
var TrackedStatuses = []TrackedStatus{TrackedOpen, TrackedReplied, TrackedDone}

// NextStep is the step suggested when an item is ignored.
type NextStep string

// Suggested next steps.
const (
	NextAccountability NextStep = "启动问责"
	NextPrelim         NextStep = "转初步核实"
)

// suggested maps a kind to the step suggested when its deadline passes
// without a reply: 拒不采纳监察建议 / 拒不整改 / 拒不接受约谈 lead to 问责,
// an unanswered 函询 to 初步核实.
var suggested = map[TrackedKind]NextStep{
	TrackedRecommendation: NextAccountability,
	TrackedTalk:           NextAccountability,
	TrackedRectify:        NextAccountability,
	TrackedInquiryReply:   NextPrelim,
}

// SuggestedNextStep returns the step suggested for an ignored item of kind k.
func SuggestedNextStep(k TrackedKind) NextStep { return suggested[k] }

// TrackedItem is a 督办事项: a document sent to a unit or person with a
// deadline written in it, and the reply.
type TrackedItem struct {
	ID         string        `json:"id"`
	Kind       TrackedKind   `json:"kind"`
	CaseID     string        `json:"case_id,omitempty"`
	LeadID     string        `json:"lead_id,omitempty"`
	DocNumber  string        `json:"doc_number,omitempty"` // 文号
	Unit       string        `json:"unit"`                 // receiving unit (or person for 函询)
	Issued     Date          `json:"issued"`
	Deadline   Date          `json:"deadline"`
	Replied    Date          `json:"replied,omitzero"`
	Reply      string        `json:"reply,omitempty"`
	Status     TrackedStatus `json:"status"`
	Escalated  bool          `json:"escalated,omitempty"`
	NextStep   NextStep      `json:"next_step,omitempty"`
	Supervisor string        `json:"supervisor,omitempty"` // 督办人
}

// RecordType implements Record.
func (t *TrackedItem) RecordType() string { return TypeTrackedItem }

// RecordID implements Record.
func (t *TrackedItem) RecordID() string { return t.ID }

// Validate checks the item.
func (t *TrackedItem) Validate() error {
	const r = TypeTrackedItem
	if err := firstErr(
		checkRequired(r, "id", t.ID),
		checkEnum(r, "kind", t.Kind, TrackedKinds, false),
		checkRequired(r, "unit", t.Unit),
		requireDate(r, "issued", t.Issued),
		requireDate(r, "deadline", t.Deadline),
		notBefore(r, "deadline", t.Deadline, t.Issued),
		notBefore(r, "replied", t.Replied, t.Issued),
		checkEnum(r, "status", t.Status, TrackedStatuses, false),
		checkEnum(r, "next_step", t.NextStep, []NextStep{NextAccountability, NextPrelim}, true),
	); err != nil {
		return err
	}
	if (t.Status == TrackedOpen) != t.Replied.IsZero() {
		return fieldErr(r, "replied", ErrInvalidValue)
	}
	if t.Escalated && t.NextStep == "" {
		return fieldErr(r, "next_step", ErrMissing)
	}
	return nil
}

// Overdue reports whether the item has no reply and its deadline has
// passed on today. An item is not overdue on its deadline day.
func (t *TrackedItem) Overdue(today Date) bool {
	return t.Status == TrackedOpen && t.Deadline.Before(today)
}

// Late reports whether the reply came after the deadline.
func (t *TrackedItem) Late() bool {
	return !t.Replied.IsZero() && t.Replied.After(t.Deadline)
}

// Escalate flags an overdue item and sets the suggested next step. It
// reports whether it changed the item.
func (t *TrackedItem) Escalate(today Date) bool {
	if !t.Overdue(today) || t.Escalated {
		return false
	}
	t.Escalated, t.NextStep = true, SuggestedNextStep(t.Kind)
	return true
}

// RecordReply records the unit's reply.
func (t *TrackedItem) RecordReply(on Date, text string) error {
	if on.IsZero() || on.Before(t.Issued) {
		return fieldErr(TypeTrackedItem, "replied", ErrDateOrder)
	}
	t.Replied, t.Reply, t.Status = on, text, TrackedReplied
	return nil
}
