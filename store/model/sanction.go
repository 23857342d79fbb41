package model

import (
	"fmt"
	"strconv"
)

// SanctionKind is the family a measure belongs to.
type SanctionKind string

// Sanction kinds.
const (
	KindParty          SanctionKind = "党纪处分"
	KindGovernment     SanctionKind = "政务处分"
	KindLight          SanctionKind = "轻处理"
	KindOrganizational SanctionKind = "组织处理"
	KindAccountMeasure SanctionKind = "问责方式"
)

// SanctionKinds lists every kind.
var SanctionKinds = []SanctionKind{KindParty, KindGovernment, KindLight,
	KindOrganizational, KindAccountMeasure}

// Measure names, per kind. The same word can occur in two kinds (警告,
// 诫勉), so a measure always goes with its kind.
const (
	PartyWarning        = "警告"
	PartySeriousWarning = "严重警告"
	PartyRemoveOffice   = "撤销党内职务"
	PartyProbationMeas  = "留党察看"
	PartyExpel          = "开除党籍"

	GovWarning = "警告"
	GovDemerit = "记过"
	GovMajor   = "记大过"
	GovDemote  = "降级"
	GovDismiss = "撤职"
	GovExpel   = "开除"
)

// Form is one of the 四种形态, 1 to 4; 0 means unset.
type Form int

// formRule gives a measure's automatic form and its effect period in
// months (0: none).
type formRule struct {
	measure string
	form    Form
	months  int
}

// measures is the sanction table of domain.md §7: per kind, lightest first.
var measures = map[SanctionKind][]formRule{
	KindParty: {{PartyWarning, 2, 12}, {PartySeriousWarning, 2, 18},
		{PartyRemoveOffice, 3, 24}, {PartyProbationMeas, 3, 12}, {PartyExpel, 3, 60}},
	KindGovernment: {{GovWarning, 2, 6}, {GovDemerit, 2, 12}, {GovMajor, 2, 18},
		{GovDemote, 3, 24}, {GovDismiss, 3, 24}, {GovExpel, 3, 0}},
	KindLight: {{"谈话提醒", 1, 0}, {"批评教育", 1, 0}, {"责令检查", 1, 0}, {"诫勉", 1, 0}},
	KindOrganizational: {{"停职检查", 2, 0}, {"调整职务", 2, 0}, {"责令辞职", 2, 0},
		{"免职", 2, 0}, {"降职", 3, 0}},
	KindAccountMeasure: {{"检查", 1, 0}, {"通报", 1, 0}, {"诫勉", 1, 0},
		{"组织调整", 2, 0}, {"纪律处分", 2, 0}},
}

// GovCombinedCap is the longest 政务处分 period when several are combined.
const GovCombinedCap = 48

// Measures returns the measures of a kind, lightest first.
func Measures(k SanctionKind) []string {
	var out []string
	for _, r := range measures[k] {
		out = append(out, r.measure)
	}
	return out
}

// lookupMeasure finds a measure's rule and its rank (0 = lightest).
func lookupMeasure(k SanctionKind, m string) (formRule, int, bool) {
	for i, r := range measures[k] {
		if r.measure == m {
			return r, i, true
		}
	}
	return formRule{}, -1, false
}

// AutoForm returns the form a measure is tagged with: 1 for 谈话提醒 and
// the other light measures, 2 for light sanctions and 组织调整, 3 for heavy
// sanctions and 重大职务调整. Form 4 (涉嫌犯罪, 移送司法) is never automatic
// from the measure: set FormOverride or SubjectOutcome.Transferred.
func AutoForm(k SanctionKind, m string) Form {
	r, _, _ := lookupMeasure(k, m)
	return r.form
}

// Sanction is one sanction or measure decided for a person. It lives in
// a case's SubjectOutcome and can also be stored alone.
type Sanction struct {
	ID             string       `json:"id"`
	CaseID         string       `json:"case_id,omitempty"`
	SubjectID      string       `json:"subject_id,omitempty"`
	Kind           SanctionKind `json:"kind"`
	Measure        string       `json:"measure"`
	Decided        Date         `json:"decided"`
	Effective      Date         `json:"effective,omitzero"`        // defaults to Decided
	ProbationYears int          `json:"probation_years,omitempty"` // 留党察看: 1 or 2
	PeriodMonths   int          `json:"period_months,omitempty"`   // combined 政务处分 period
	FormOverride   Form         `json:"form_override,omitempty"`
	OverrideReason string       `json:"override_reason,omitempty"`
	DocNumber      string       `json:"doc_number,omitempty"` // 文号 of the decision
}

// RecordType implements Record.
func (s *Sanction) RecordType() string { return TypeSanction }

// RecordID implements Record.
func (s *Sanction) RecordID() string { return s.ID }

// Form returns the 四种形态 form: the override when set, else AutoForm.
func (s *Sanction) Form() Form {
	if s.FormOverride != 0 {
		return s.FormOverride
	}
	return AutoForm(s.Kind, s.Measure)
}

// Validate checks the sanction.
func (s *Sanction) Validate() error { return s.validate("") }

func (s *Sanction) validate(prefix string) error {
	r, f := TypeSanction, func(n string) string { return n }
	if prefix != "" {
		r, f = TypeCase, func(n string) string { return prefix + "." + n }
	}
	if err := firstErr(
		checkRequired(r, f("id"), s.ID),
		checkEnum(r, f("kind"), s.Kind, SanctionKinds, false),
		checkRequired(r, f("measure"), s.Measure),
		requireDate(r, f("decided"), s.Decided),
		notBefore(r, f("effective"), s.Effective, s.Decided),
	); err != nil {
		return err
	}
	if _, _, ok := lookupMeasure(s.Kind, s.Measure); !ok {
		return fieldErr(r, f("measure"), ErrInvalidValue)
	}
	if s.FormOverride < 0 || s.FormOverride > 4 {
		return fieldErr(r, f("form_override"), ErrInvalidValue)
	}
	return s.validatePeriod(r, f)
}

// validatePeriod checks 留党察看 years and a combined 政务 period.
func (s *Sanction) validatePeriod(r string, f func(string) string) error {
	probation := s.Kind == KindParty && s.Measure == PartyProbationMeas
	if probation != (s.ProbationYears != 0) || (probation && s.ProbationYears != 1 && s.ProbationYears != 2) {
		return fieldErr(r, f("probation_years"), ErrSanction)
	}
	if s.PeriodMonths == 0 {
		return nil
	}
	rule, _, _ := lookupMeasure(s.Kind, s.Measure)
	if s.Kind != KindGovernment || rule.months == 0 ||
		s.PeriodMonths < rule.months || s.PeriodMonths > GovCombinedCap {
		return fieldErr(r, f("period_months"), ErrSanction)
	}
	return nil
}

// EffectMonths returns the effect period in months (影响期), and false
// when the measure has none (开除, light measures, 组织处理).
func (s *Sanction) EffectMonths() (int, bool) {
	rule, _, ok := lookupMeasure(s.Kind, s.Measure)
	switch {
	case !ok || rule.months == 0:
		return 0, false
	case s.Kind == KindParty && s.Measure == PartyProbationMeas:
		return 12 * s.ProbationYears, s.ProbationYears > 0
	case s.PeriodMonths > 0:
		return s.PeriodMonths, true
	}
	return rule.months, true
}

// EffectEnd returns the date the effect period ends (影响期届满): the
// effective date (or the decision date) plus the period in calendar
// months, clamped to month end. For 开除党籍 it is the earliest date of
// readmission. The zero Date means no period.
func (s *Sanction) EffectEnd() Date {
	months, ok := s.EffectMonths()
	if !ok {
		return Date{}
	}
	start := s.Effective
	if start.IsZero() {
		start = s.Decided
	}
	return start.AddMonths(months)
}

// GovCombination is the result of combining several 政务处分 decided at once.
type GovCombination struct {
	Measure   string // the measure executed
	MinMonths int    // shortest period the decision may set
	MaxMonths int    // longest period, at most GovCombinedCap
}

// CombineGovernment combines several 政务处分 given for several offences at
// once: when they differ the heaviest is executed with its own period;
// when they are the same (below 开除) the period lies between one period
// and the sum of the periods, capped at 48 months. 开除 absorbs the rest.
func CombineGovernment(ms []string) (GovCombination, error) {
	if len(ms) == 0 {
		return GovCombination{}, fmt.Errorf("%w: no measures", ErrSanction)
	}
	heaviest, rank, same, sum := formRule{}, -1, true, 0
	for _, m := range ms {
		rule, i, ok := lookupMeasure(KindGovernment, m)
		if !ok {
			return GovCombination{}, fmt.Errorf("%w: %q", ErrSanction, m)
		}
		same = same && m == ms[0]
		sum += rule.months
		if i > rank {
			heaviest, rank = rule, i
		}
	}
	c := GovCombination{Measure: heaviest.measure, MinMonths: heaviest.months, MaxMonths: heaviest.months}
	if same && heaviest.months > 0 {
		c.MaxMonths = min(sum, GovCombinedCap)
	}
	return c, nil
}

// SubjectOutcome is the outcome of a case for one subject.
type SubjectOutcome struct {
	SubjectID   string     `json:"subject_id"`
	Decided     Date       `json:"decided"`
	Sanctions   []Sanction `json:"sanctions,omitempty"`  // none: 免予处分 / 不予处分 with Note
	Transferred Date       `json:"transferred,omitzero"` // 移送检察机关 (涉嫌犯罪)
	Note        string     `json:"note,omitempty"`
}

// Form returns the outcome's 四种形态 form, counted once per person: 4
// when transferred to the procuratorate, else the heaviest form of its
// sanctions, 0 when there are none.
func (o *SubjectOutcome) Form() Form {
	if !o.Transferred.IsZero() {
		return 4
	}
	var f Form
	for i := range o.Sanctions {
		f = max(f, o.Sanctions[i].Form())
	}
	return f
}

func (c *Case) validateOutcomes() error {
	seen := map[string]bool{}
	for i := range c.Outcomes {
		o := &c.Outcomes[i]
		f := "outcomes[" + strconv.Itoa(i) + "]"
		if err := firstErr(
			c.checkSubjectRef(f+".subject_id", o.SubjectID, false),
			requireDate(TypeCase, f+".decided", o.Decided),
			notBefore(TypeCase, f+".transferred", o.Transferred, c.Opened()),
		); err != nil {
			return err
		}
		if seen[o.SubjectID] {
			return fieldErr(TypeCase, f+".subject_id", ErrDuplicate)
		}
		seen[o.SubjectID] = true
		for j := range o.Sanctions {
			s := &o.Sanctions[j]
			if err := s.validate(f + ".sanctions[" + strconv.Itoa(j) + "]"); err != nil {
				return err
			}
			if s.SubjectID != "" && s.SubjectID != o.SubjectID {
				return fieldErr(TypeCase, f+".sanctions["+strconv.Itoa(j)+"].subject_id", ErrDanglingRef)
			}
		}
	}
	return nil
}
