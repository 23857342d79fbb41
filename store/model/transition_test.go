package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// clearRequirement removes what satisfies r from the case.
func clearRequirement(c *Case, r Requirement) {
	switch r {
	case ReqLead:
		c.LeadID = ""
	case ReqArchive:
		c.Archive = nil
	case ReqOutcomes:
		c.Outcomes = nil
	default:
		c.Steps = slices.DeleteFunc(c.Steps, func(s Step) bool { return s.Kind == StepKind(r) })
	}
}

func TestEveryAllowedMoveSucceeds(t *testing.T) {
	allowed := 0
	for _, tr := range Transitions() {
		for _, kind := range tr.Kinds {
			c := caseAt(tr.From)
			day := c.Events[len(c.Events)-1].Date.AddDays(3)
			satisfyAll(&c, tr.To, day)
			m := Move{To: tr.To, Kind: kind, Date: day, Actor: "孙审理", Reason: "经集体研究决定"}
			if err := c.Move(m); err != nil {
				t.Errorf("%s → %s (%s): %v", tr.From, tr.To, kind, err)
				continue
			}
			allowed++
			ev := c.Events[len(c.Events)-1]
			want := StageEvent{Date: day, Actor: "孙审理", From: tr.From, To: tr.To, Kind: kind, Reason: "经集体研究决定"}
			if ev != want || c.Stage != tr.To {
				t.Errorf("%s → %s: event %+v, stage %s", tr.From, tr.To, ev, c.Stage)
			}
			if err := c.Validate(); err != nil {
				t.Errorf("%s → %s: case invalid after move: %v", tr.From, tr.To, err)
			}
		}
	}
	if allowed != 18 { // 17 pairs, 审理 → 审查调查 in two kinds
		t.Errorf("tested %d allowed moves", allowed)
	}
}

func TestEveryOtherMoveRefused(t *testing.T) {
	refused := 0
	for _, from := range Stages {
		for _, to := range Stages {
			if _, ok := findTransition(from, to); ok {
				continue
			}
			c := caseAt(from)
			before := len(c.Events)
			day := c.Events[before-1].Date.AddDays(1)
			satisfyAllRequirements(&c, day)
			err := c.Move(Move{To: to, Date: day, Actor: "孙审理", Reason: "试图跳过"})
			var me *MoveError
			if !errors.Is(err, ErrTransition) || !errors.As(err, &me) || me.From != from || me.To != to {
				t.Errorf("%s → %s: got %v", from, to, err)
				continue
			}
			msg := err.Error()
			if !strings.Contains(msg, string(from)+" → "+string(to)) {
				t.Errorf("%s → %s: message %q does not say which move", from, to, msg)
			}
			for _, a := range AllowedMoves(from) {
				if !slices.Contains(me.Allowed, a.To) || !strings.Contains(msg, string(a.To)) {
					t.Errorf("%s → %s: message %q does not list %s", from, to, msg, a.To)
				}
			}
			if len(c.Events) != before || c.Stage != from {
				t.Errorf("%s → %s: refused move changed the case", from, to)
			}
			refused++
		}
	}
	if refused != 100-17 {
		t.Errorf("refused %d pairs", refused)
	}
}

// satisfyAllRequirements records every step and condition there is, so a
// refusal can only come from the table itself.
func satisfyAllRequirements(c *Case, day Date) {
	for _, k := range StepKinds {
		satisfy(c, Requirement(k), day)
	}
	for _, r := range []Requirement{ReqLead, ReqArchive, ReqOutcomes} {
		satisfy(c, r, day)
	}
}

func TestMissingRequirementRefusedWithItsName(t *testing.T) {
	for _, tr := range Transitions() {
		for _, r := range tr.Requires {
			c := caseAt(tr.From)
			day := c.Events[len(c.Events)-1].Date.AddDays(2)
			satisfyAll(&c, tr.To, day)
			clearRequirement(&c, r)
			err := c.Move(Move{To: tr.To, Kind: tr.Kinds[0], Date: day, Actor: "孙审理", Reason: "了结"})
			var me *MoveError
			if !errors.Is(err, ErrStepMissing) || !errors.As(err, &me) || me.Missing != r {
				t.Errorf("%s → %s without %s: %v", tr.From, tr.To, r, err)
				continue
			}
			want := fmt.Sprintf("%s → %s needs %s", tr.From, tr.To, r)
			if !strings.Contains(err.Error(), want) {
				t.Errorf("message %q, want it to contain %q", err, want)
			}
		}
	}
}

func TestFilingNeedsApprovalRecord(t *testing.T) {
	c := caseAt(StagePrelim)
	day := MustDate("2020-05-01")
	satisfy(&c, Requirement(StepPrelimReport), day)
	err := c.Move(Move{To: StageFiled, Date: day, Actor: "张䶮"})
	if !errors.Is(err, ErrStepMissing) || !strings.Contains(err.Error(), "立案审批") {
		t.Fatalf("立案 without approval: %v", err)
	}
	// An approval dated after the move does not count.
	satisfy(&c, Requirement(StepFilingApproval), day.AddDays(1))
	if err := c.Move(Move{To: StageFiled, Date: day, Actor: "张䶮"}); !errors.Is(err, ErrStepMissing) {
		t.Fatalf("approval after the move accepted: %v", err)
	}
	if err := c.Move(Move{To: StageFiled, Date: day.AddDays(1), Actor: "张䶮"}); err != nil {
		t.Fatal(err)
	}
}

func TestMoveKindReasonDateActor(t *testing.T) {
	c := caseAt(StageTrial)
	day := c.Events[len(c.Events)-1].Date.AddDays(1)
	cases := []struct {
		m   Move
		err error
	}{
		{Move{To: StageInvestigate, Kind: MoveAdvance, Date: day, Actor: "甲", Reason: "x"}, ErrMoveKind},
		{Move{To: StageInvestigate, Kind: MoveSupplement, Date: day, Actor: "甲"}, ErrMissing},
		{Move{To: StageInvestigate, Kind: MoveSupplement, Date: day, Reason: "证据不足"}, ErrMissing},
		{Move{To: StageInvestigate, Kind: MoveSupplement, Date: day.AddDays(-30), Actor: "甲", Reason: "证据不足"}, ErrDateOrder},
		{Move{To: StageInvestigate, Kind: MoveSupplement, Actor: "甲", Reason: "证据不足"}, ErrMissing},
	}
	for _, tc := range cases {
		if err := c.Move(tc.m); !errors.Is(err, tc.err) {
			t.Errorf("%+v: got %v, want %v", tc.m, err, tc.err)
		}
	}
	if err := c.Move(Move{To: StageInvestigate, Kind: MoveReinvestigate, Date: day, Actor: "甲", Reason: "主要事实不清"}); err != nil {
		t.Fatal(err)
	}
	c2 := caseAt(StageDisposal)
	if err := c2.Move(Move{To: StageArchived, Kind: MoveAdvance, Date: day, Actor: "甲", Reason: "x"}); !errors.Is(err, ErrMoveKind) {
		t.Errorf("线索处置 → 归档 as 推进: %v", err)
	}
}

func TestEarlyEndingsAndBackMoveKeepHistory(t *testing.T) {
	// A lead concluded at 初核 goes to 归档 via 了结.
	c := caseAt(StagePrelim)
	day := MustDate("2020-06-01")
	for _, r := range []Requirement{Requirement(StepPrelimReport), Requirement(StepConcludeApproval), ReqArchive} {
		satisfy(&c, r, day)
	}
	if err := c.Move(Move{To: StageArchived, Kind: MoveConclude, Date: day, Actor: "张䶮", Reason: "反映问题失实，予以了结"}); err != nil {
		t.Fatal(err)
	}
	var stages []Stage
	for _, e := range c.Events {
		stages = append(stages, e.To)
	}
	want := []Stage{StageReceived, StageDisposal, StagePrelim, StageArchived}
	if !slices.Equal(stages, want) || c.Events[3].Kind != MoveConclude {
		t.Fatalf("history %v", c.Events)
	}
	// From 归档 nothing moves.
	if len(AllowedMoves(StageArchived)) != 0 {
		t.Fatal("moves out of 归档")
	}
}
