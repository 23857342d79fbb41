package model

import "strconv"

// Stage is where a case stands.
type Stage string

// The stages, in their usual order. 申诉 is entered only when the person
// appeals.
const (
	StageReceived    Stage = "受理"
	StageDisposal    Stage = "线索处置"
	StagePrelim      Stage = "初核"
	StageFiled       Stage = "立案"
	StageInvestigate Stage = "审查调查"
	StageTrial       Stage = "审理"
	StageDecision    Stage = "处分决定"
	StageExecution   Stage = "执行"
	StageAppeal      Stage = "申诉"
	StageArchived    Stage = "归档"
)

// Stages lists every stage in order.
var Stages = []Stage{StageReceived, StageDisposal, StagePrelim, StageFiled,
	StageInvestigate, StageTrial, StageDecision, StageExecution, StageAppeal, StageArchived}

// MoveKind says what kind of move a stage event is.
type MoveKind string

// Kinds of move. MoveOpen is only the first event of a case.
const (
	MoveOpen          MoveKind = "登记"
	MoveAdvance       MoveKind = "推进"
	MoveConclude      MoveKind = "了结"
	MoveWithdraw      MoveKind = "撤案"
	MoveSupplement    MoveKind = "退回补充调查"
	MoveReinvestigate MoveKind = "重新调查"
)

// StageEvent is one move of a case from a stage to another. The first
// event of a case has an empty From and kind MoveOpen.
type StageEvent struct {
	Date   Date     `json:"date"`
	Actor  string   `json:"actor"`
	From   Stage    `json:"from,omitempty"`
	To     Stage    `json:"to"`
	Kind   MoveKind `json:"kind"`
	Reason string   `json:"reason,omitempty"`
}

// StepKind names a procedural step that must be on record before some
// moves: an approval, a report, an announcement.
type StepKind string

// Steps recorded on a case.
const (
	StepPrelimApproval   StepKind = "初核审批"  // 初核方案 approved
	StepPrelimReport     StepKind = "初核报告"  // 初步核实情况报告
	StepConcludeApproval StepKind = "了结审批"  // approval to close the matter
	StepFilingApproval   StepKind = "立案审批"  // 呈批报告 → 主要负责人 → 同级党委主要负责人
	StepFilingAnnounced  StepKind = "立案宣布"  // announced by at least two people, 立案通知书 sent
	StepInvestReport     StepKind = "调查报告"  // 案件调查报告
	StepAnalysisReport   StepKind = "剖析报告"  // 案件剖析报告
	StepWithdrawApproval StepKind = "撤案审批"  // approval to withdraw the case
	StepTrialReport      StepKind = "审理报告"  // 审理报告
	StepCommittee        StepKind = "常委会审议" // 纪委常委会 approved the sanction
	StepSubmitParty      StepKind = "报党委审批" // submitted to the 党委
	StepDecision         StepKind = "处分决定"  // decision made
	StepAnnounce         StepKind = "处分宣布"  // announced to the person and branch
	StepServed           StepKind = "送达"    // 政务处分决定书 served
	StepExecuted         StepKind = "执行到位"  // sanction carried out
	StepExecReport       StepKind = "执行报告"  // execution reported
	StepAppealDecision   StepKind = "申诉决定"  // 复议复查 / 复审复核 decided
)

// StepKinds lists every step kind.
var StepKinds = []StepKind{StepPrelimApproval, StepPrelimReport, StepConcludeApproval,
	StepFilingApproval, StepFilingAnnounced, StepInvestReport, StepAnalysisReport,
	StepWithdrawApproval, StepTrialReport, StepCommittee, StepSubmitParty, StepDecision,
	StepAnnounce, StepServed, StepExecuted, StepExecReport, StepAppealDecision}

// minPeople is how many names some steps need: approvals name the chain
// of approvers, the 立案 announcement at least two announcers.
var minPeople = map[StepKind]int{
	StepPrelimApproval: 1, StepConcludeApproval: 1, StepFilingApproval: 1,
	StepFilingAnnounced: 2, StepWithdrawApproval: 1,
}

// Step is a procedural step on record.
type Step struct {
	Kind      StepKind `json:"kind"`
	Date      Date     `json:"date"`
	Actor     string   `json:"actor"`                // who recorded it
	People    []string `json:"people,omitempty"`     // approvers or announcers
	DocNumber string   `json:"doc_number,omitempty"` // 文号 of the paper
	Note      string   `json:"note,omitempty"`
}

func (s Step) validate(i int) error {
	f := "steps[" + strconv.Itoa(i) + "]"
	if err := firstErr(
		checkEnum(TypeCase, f+".kind", s.Kind, StepKinds, false),
		requireDate(TypeCase, f+".date", s.Date),
		checkRequired(TypeCase, f+".actor", s.Actor),
	); err != nil {
		return err
	}
	if len(s.People) < minPeople[s.Kind] {
		return fieldErr(TypeCase, f+".people", ErrMissing)
	}
	return nil
}

// AddStep records a step on the case.
func (c *Case) AddStep(s Step) error {
	if err := s.validate(len(c.Steps)); err != nil {
		return err
	}
	c.Steps = append(c.Steps, s)
	return nil
}

// HasStep reports whether a step of that kind is recorded on or before d
// (any date when d is zero).
func (c *Case) HasStep(kind StepKind, d Date) bool {
	_, ok := c.lastStep(kind, d)
	return ok
}

// lastStep returns the latest step of a kind dated on or before d (any
// date when d is zero).
func (c *Case) lastStep(kind StepKind, d Date) (Step, bool) {
	var best Step
	found := false
	for _, s := range c.Steps {
		if s.Kind != kind || (!d.IsZero() && s.Date.After(d)) {
			continue
		}
		if !found || !s.Date.Before(best.Date) {
			best, found = s, true
		}
	}
	return best, found
}
