package model

import "strconv"

// Source is where a lead came from (来源).
type Source string

// Lead sources, as in the 线索台账.
const (
	SourcePetition    Source = "信访举报"
	SourceAssigned    Source = "上级交办"
	SourceInspection  Source = "巡视巡察移交"
	SourceAudit       Source = "审计移交"
	SourceJudicial    Source = "执法司法机关移送"
	SourceMedia       Source = "媒体曝光"
	SourceSupervision Source = "监督检查发现"
	SourceOther       Source = "其他"
)

// Sources lists every lead source in register order.
var Sources = []Source{SourcePetition, SourceAssigned, SourceInspection, SourceAudit,
	SourceJudicial, SourceMedia, SourceSupervision, SourceOther}

// ProblemCategory is the kind of problem reported (问题类别): the six
// disciplines, plus the categories the work plan names.
type ProblemCategory string

// Problem categories.
const (
	CategoryPolitical  ProblemCategory = "政治纪律"
	CategoryOrganizing ProblemCategory = "组织纪律"
	CategoryIntegrity  ProblemCategory = "廉洁纪律"
	CategoryMasses     ProblemCategory = "群众纪律"
	CategoryWork       ProblemCategory = "工作纪律"
	CategoryLife       ProblemCategory = "生活纪律"
	CategoryFinance    ProblemCategory = "财经纪律"
	CategoryEightRules ProblemCategory = "中央八项规定精神"
	CategoryDutyLaw    ProblemCategory = "职务违法"
	CategoryDutyCrime  ProblemCategory = "职务犯罪"
	CategoryOther      ProblemCategory = "其他"
)

// ProblemCategories lists every problem category.
var ProblemCategories = []ProblemCategory{CategoryPolitical, CategoryOrganizing,
	CategoryIntegrity, CategoryMasses, CategoryWork, CategoryLife, CategoryFinance,
	CategoryEightRules, CategoryDutyLaw, CategoryDutyCrime, CategoryOther}

// LeadStatus is where a lead stands in the register.
type LeadStatus string

// Lead statuses: registered and waiting for a disposal opinion, disposed of
// and being handled, closed.
const (
	LeadPending  LeadStatus = "待处置"
	LeadHandling LeadStatus = "办理中"
	LeadClosed   LeadStatus = "已办结"
)

// LeadStatuses lists every lead status.
var LeadStatuses = []LeadStatus{LeadPending, LeadHandling, LeadClosed}

// Lead is a 问题线索, one line of the 线索台账.
type Lead struct {
	ID         string          `json:"id"`
	Number     string          `json:"number"`               // 线索编号, see FormatNumber
	Source     Source          `json:"source"`               // 来源
	Received   Date            `json:"received"`             // 受理日期
	Reporter   Reporter        `json:"reporter"`             // 反映人
	SubjectIDs []string        `json:"subject_ids"`          // 被反映人: Subject record IDs
	Summary    string          `json:"summary"`              // 问题摘要
	Category   ProblemCategory `json:"category"`             // 问题类别
	Disposal   Disposal        `json:"disposal"`             // 拟处置方式 and its outcome
	Leader     string          `json:"leader,omitempty"`     // 批办领导
	Department string          `json:"department,omitempty"` // 承办部门
	Handler    string          `json:"handler,omitempty"`    // 承办人
	Trail      []Handling      `json:"trail,omitempty"`      // 经手人 trail, oldest first
	Status     LeadStatus      `json:"status"`
	Closed     Date            `json:"closed,omitzero"`     // date closed (办结)
	CaseID     string          `json:"case_id,omitempty"`   // dossier grown from this lead
	Elsewhere  bool            `json:"elsewhere,omitempty"` // belongs to another body: forward it
	Forwarded  Date            `json:"forwarded,omitzero"`  // date forwarded (转送)
	Extensions []Extension     `json:"extensions,omitempty"`
}

// Reporter is the person who reported the problem (反映人). Anonymous
// reports leave Name empty; RealName (实名) triggers feedback deadlines.
type Reporter struct {
	Name               string `json:"name,omitempty"`
	RealName           bool   `json:"real_name"`
	Contact            string `json:"contact,omitempty"`
	AcceptanceNotified Date   `json:"acceptance_notified,omitzero"` // 受理告知
	ResultNotified     Date   `json:"result_notified,omitzero"`     // 办理结果反馈
}

// Handling is one signed entry of the hand-by-hand trail (经手人签字).
type Handling struct {
	Who       string `json:"who"`
	When      Date   `json:"when"`
	Action    string `json:"action"`              // 登记, 呈批, 批办, 转交, 办结 ...
	Signature string `json:"signature,omitempty"` // the signature note
}

// Extension records an approved extension of a deadline rule for a record.
// Level 1 is the ordinary extension, 2 the special one (see Rule).
type Extension struct {
	Rule     string `json:"rule"`
	Level    int    `json:"level"`
	Approved Date   `json:"approved"`
	Approver string `json:"approver,omitempty"`
}

// RecordType implements Record.
func (l *Lead) RecordType() string { return TypeLead }

// RecordID implements Record.
func (l *Lead) RecordID() string { return l.ID }

// Validate checks the lead on its own; DisposalValidFor checks it against
// the vault's scheme.
func (l *Lead) Validate() error {
	const r = TypeLead
	return firstErr(
		checkRequired(r, "id", l.ID),
		checkRequired(r, "number", l.Number),
		checkEnum(r, "source", l.Source, Sources, false),
		requireDate(r, "received", l.Received),
		l.Reporter.validate(),
		checkUniqueIDs(r, "subject_ids", l.SubjectIDs),
		checkRequired(r, "summary", l.Summary),
		checkEnum(r, "category", l.Category, ProblemCategories, false),
		checkEnum(r, "status", l.Status, LeadStatuses, false),
		l.Disposal.validate(l.Received),
		l.validateStatus(),
		l.validateTrail(),
		notBefore(r, "forwarded", l.Forwarded, l.Received),
		validateExtensions(r, l.Extensions),
	)
}

// validateStatus checks that status, disposal and closing agree.
func (l *Lead) validateStatus() error {
	const r = TypeLead
	switch {
	case l.Status == LeadPending && l.Disposal.Choice != "":
		return fieldErr(r, "status", ErrInvalidValue)
	case l.Status != LeadPending && l.Disposal.Choice == "":
		return fieldErr(r, "disposal.choice", ErrNotDisposed)
	case l.Status == LeadClosed && l.Closed.IsZero():
		return fieldErr(r, "closed", ErrMissing)
	case l.Status != LeadClosed && !l.Closed.IsZero():
		return fieldErr(r, "closed", ErrInvalidValue)
	}
	return firstErr(
		notBefore(r, "closed", l.Closed, l.Disposal.Decided),
		notBefore(r, "closed", l.Closed, l.Disposal.OutcomeDate),
		notBefore(r, "reporter.acceptance_notified", l.Reporter.AcceptanceNotified, l.Received),
		notBefore(r, "reporter.result_notified", l.Reporter.ResultNotified, l.Received),
	)
}

// validateTrail checks each trail entry and that entries are in date order.
func (l *Lead) validateTrail() error {
	prev := l.Received
	for i, h := range l.Trail {
		f := "trail[" + strconv.Itoa(i) + "]"
		if err := firstErr(
			checkRequired(TypeLead, f+".who", h.Who),
			requireDate(TypeLead, f+".when", h.When),
			checkRequired(TypeLead, f+".action", h.Action),
			notBefore(TypeLead, f+".when", h.When, prev),
		); err != nil {
			return err
		}
		prev = h.When
	}
	return nil
}

func (r Reporter) validate() error {
	if r.RealName && r.Name == "" {
		return fieldErr(TypeLead, "reporter.name", ErrMissing)
	}
	return nil
}

// Sign appends a signed trail entry.
func (l *Lead) Sign(who string, when Date, action, signature string) {
	l.Trail = append(l.Trail, Handling{Who: who, When: when, Action: action, Signature: signature})
}

// requireDate refuses the zero Date.
func requireDate(record, field string, d Date) error {
	if d.IsZero() {
		return fieldErr(record, field, ErrMissing)
	}
	return nil
}

// validateExtensions checks approved extensions of deadline rules.
func validateExtensions(record string, exts []Extension) error {
	for i, e := range exts {
		f := "extensions[" + strconv.Itoa(i) + "]"
		if e.Rule == "" {
			return fieldErr(record, f+".rule", ErrMissing)
		}
		if e.Level < 1 || e.Level > 2 {
			return fieldErr(record, f+".level", ErrInvalidValue)
		}
		if e.Approved.IsZero() {
			return fieldErr(record, f+".approved", ErrMissing)
		}
	}
	return nil
}

// extensionLevel returns the highest approved extension level for rule.
func extensionLevel(exts []Extension, rule string) int {
	level := 0
	for _, e := range exts {
		if e.Rule == rule && e.Level > level {
			level = e.Level
		}
	}
	return level
}
