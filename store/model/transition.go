package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Requirement is something that must be on record before a move: a step
// (its StepKind as a string) or one of the conditions below.
type Requirement string

// Conditions that are not steps.
const (
	ReqLead     Requirement = "线索登记" // the case refers to its lead
	ReqOutcomes Requirement = "处理结果" // every subject has an outcome
	ReqArchive  Requirement = "归档信息" // archive data with a retention class
)

// step makes a Requirement of a step kind.
func step(k StepKind) Requirement { return Requirement(k) }

// Transition is one allowed move. Kinds lists the allowed kinds of move,
// the first being the default; Requires lists what must be on record on or
// before the move's date.
type Transition struct {
	From     Stage
	To       Stage
	Kinds    []MoveKind
	Requires []Requirement
}

// transitions is the one transition table. Every move not in it is refused.
var transitions = []Transition{
	{StageReceived, StageDisposal, []MoveKind{MoveAdvance}, []Requirement{ReqLead}},
	{StageDisposal, StagePrelim, []MoveKind{MoveAdvance}, []Requirement{step(StepPrelimApproval)}},
	{StageDisposal, StageFiled, []MoveKind{MoveAdvance}, []Requirement{step(StepFilingApproval)}},
	{StageDisposal, StageArchived, []MoveKind{MoveConclude}, []Requirement{step(StepConcludeApproval), ReqArchive}},
	{StagePrelim, StageFiled, []MoveKind{MoveAdvance}, []Requirement{step(StepPrelimReport), step(StepFilingApproval)}},
	{StagePrelim, StageArchived, []MoveKind{MoveConclude}, []Requirement{step(StepPrelimReport), step(StepConcludeApproval), ReqArchive}},
	{StageFiled, StageInvestigate, []MoveKind{MoveAdvance}, []Requirement{step(StepFilingAnnounced)}},
	{StageInvestigate, StageTrial, []MoveKind{MoveAdvance}, []Requirement{step(StepInvestReport), step(StepAnalysisReport)}},
	{StageInvestigate, StageArchived, []MoveKind{MoveWithdraw}, []Requirement{step(StepWithdrawApproval), ReqArchive}},
	{StageTrial, StageInvestigate, []MoveKind{MoveSupplement, MoveReinvestigate}, nil},
	{StageTrial, StageDecision, []MoveKind{MoveAdvance}, []Requirement{step(StepTrialReport)}},
	{StageTrial, StageArchived, []MoveKind{MoveWithdraw}, []Requirement{step(StepTrialReport), step(StepWithdrawApproval), ReqArchive}},
	{StageDecision, StageExecution, []MoveKind{MoveAdvance}, []Requirement{step(StepDecision), ReqOutcomes}},
	{StageExecution, StageAppeal, []MoveKind{MoveAdvance}, nil},
	{StageAppeal, StageExecution, []MoveKind{MoveAdvance}, []Requirement{step(StepAppealDecision)}},
	{StageExecution, StageArchived, []MoveKind{MoveAdvance}, []Requirement{step(StepExecReport), ReqArchive}},
	{StageAppeal, StageArchived, []MoveKind{MoveAdvance}, []Requirement{step(StepAppealDecision), step(StepExecReport), ReqArchive}},
}

// Transitions returns a copy of the transition table.
func Transitions() []Transition {
	out := make([]Transition, len(transitions))
	for i, t := range transitions {
		out[i] = Transition{t.From, t.To, slices.Clone(t.Kinds), slices.Clone(t.Requires)}
	}
	return out
}

// AllowedMoves returns the transitions out of a stage.
func AllowedMoves(from Stage) []Transition {
	var out []Transition
	for _, t := range Transitions() {
		if t.From == from {
			out = append(out, t)
		}
	}
	return out
}

// findTransition looks a pair up in the table.
func findTransition(from, to Stage) (Transition, bool) {
	for _, t := range transitions {
		if t.From == from && t.To == to {
			return t, true
		}
	}
	return Transition{}, false
}

// Move asks for a case to change stage. Kind may be empty for the
// transition's default kind. Reason is required for every kind but
// MoveAdvance and for entering 申诉.
type Move struct {
	To     Stage
	Kind   MoveKind
	Date   Date
	Actor  string
	Reason string
}

// MoveError explains a refused move. It wraps ErrTransition, ErrMoveKind,
// ErrStepMissing, ErrDateOrder or ErrMissing.
type MoveError struct {
	From, To Stage
	Kind     MoveKind
	Missing  Requirement // set with ErrStepMissing
	Allowed  []Stage     // stages reachable from From, set with ErrTransition
	Err      error
}

func (e *MoveError) Error() string {
	msg := fmt.Sprintf("%v: %s → %s", e.Err, e.From, e.To)
	switch {
	case e.Missing != "":
		msg += " needs " + string(e.Missing)
	case errors.Is(e.Err, ErrTransition):
		names := make([]string, len(e.Allowed))
		for i, s := range e.Allowed {
			names[i] = string(s)
		}
		msg += " (allowed: " + strings.Join(names, ", ") + ")"
	case e.Kind != "":
		msg += " as " + string(e.Kind)
	}
	return msg
}

// Unwrap returns the sentinel.
func (e *MoveError) Unwrap() error { return e.Err }

// CheckMove reports whether the move is allowed now, without changing the
// case.
func (c *Case) CheckMove(m Move) error {
	from := c.Stage
	fail := func(err error) *MoveError { return &MoveError{From: from, To: m.To, Kind: m.Kind, Err: err} }
	t, ok := findTransition(from, m.To)
	if !ok {
		e := fail(ErrTransition)
		for _, a := range AllowedMoves(from) {
			e.Allowed = append(e.Allowed, a.To)
		}
		return e
	}
	kind := m.Kind
	if kind == "" {
		kind = t.Kinds[0]
	}
	if !oneOf(kind, t.Kinds) {
		return fail(ErrMoveKind)
	}
	if err := c.checkMoveFields(m, kind, t); err != nil {
		return fail(err)
	}
	for _, r := range t.Requires {
		if !c.satisfies(r, m.Date) {
			e := fail(ErrStepMissing)
			e.Missing = r
			return e
		}
	}
	return nil
}

// checkMoveFields checks date, actor and reason of a move.
func (c *Case) checkMoveFields(m Move, kind MoveKind, t Transition) error {
	if m.Date.IsZero() {
		return fmt.Errorf("%w: date", ErrMissing)
	}
	if n := len(c.Events); n > 0 && m.Date.Before(c.Events[n-1].Date) {
		return fmt.Errorf("%w: move on %s, last event %s", ErrDateOrder, m.Date, c.Events[n-1].Date)
	}
	if strings.TrimSpace(m.Actor) == "" {
		return fmt.Errorf("%w: actor", ErrMissing)
	}
	needReason := kind != MoveAdvance || t.To == StageAppeal
	if needReason && strings.TrimSpace(m.Reason) == "" {
		return fmt.Errorf("%w: reason", ErrMissing)
	}
	return nil
}

// satisfies reports whether a requirement is met on date d.
func (c *Case) satisfies(r Requirement, d Date) bool {
	switch r {
	case ReqLead:
		return c.LeadID != ""
	case ReqOutcomes:
		return c.allSubjectsHaveOutcomes()
	case ReqArchive:
		return c.Archive != nil && c.Archive.Retention != ""
	}
	return c.HasStep(StepKind(r), d)
}

// allSubjectsHaveOutcomes reports whether every subject has an outcome.
func (c *Case) allSubjectsHaveOutcomes() bool {
	if len(c.SubjectIDs) == 0 {
		return false
	}
	for _, id := range c.SubjectIDs {
		if c.OutcomeFor(id) == nil {
			return false
		}
	}
	return true
}

// Move changes the case's stage after CheckMove, recording the event.
func (c *Case) Move(m Move) error {
	if err := c.CheckMove(m); err != nil {
		return err
	}
	t, _ := findTransition(c.Stage, m.To)
	if m.Kind == "" {
		m.Kind = t.Kinds[0]
	}
	c.Events = append(c.Events, StageEvent{Date: m.Date, Actor: m.Actor, From: c.Stage,
		To: m.To, Kind: m.Kind, Reason: m.Reason})
	c.Stage = m.To
	return nil
}
