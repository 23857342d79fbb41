package model

import "strconv"

// CaseKind distinguishes a case about a person's own violations from a
// 问责 case about the leaders responsible (一案双查).
type CaseKind string

// Case kinds.
const (
	KindInvestigation  CaseKind = "审查调查"
	KindAccountability CaseKind = "问责"
)

// CaseKinds lists both kinds.
var CaseKinds = []CaseKind{KindInvestigation, KindAccountability}

// Nature is the suspected nature of a case (立案决定书).
type Nature string

// Natures.
const (
	NatureDiscipline Nature = "严重违纪"
	NatureDutyLaw    Nature = "职务违法"
	NatureDutyCrime  Nature = "职务犯罪"
)

// Natures lists every nature.
var Natures = []Nature{NatureDiscipline, NatureDutyLaw, NatureDutyCrime}

// Case is a dossier (案卷). It is opened at 受理 and moves through the
// stages by Move only, each move an event.
type Case struct {
	ID                  string           `json:"id"`
	Number              string           `json:"number,omitempty"` // 案件编号, given at 立案
	Title               string           `json:"title,omitempty"`
	Kind                CaseKind         `json:"kind"`
	LeadID              string           `json:"lead_id,omitempty"`
	SubjectIDs          []string         `json:"subject_ids"`
	Stage               Stage            `json:"stage"`
	Events              []StageEvent     `json:"events"`
	Steps               []Step           `json:"steps,omitempty"`
	Nature              []Nature         `json:"nature,omitempty"`
	Facts               []Fact           `json:"facts,omitempty"`
	Evidence            []Evidence       `json:"evidence,omitempty"`
	Measures            []Measure        `json:"measures,omitempty"`
	TalkNoteIDs         []string         `json:"talk_note_ids,omitempty"` // 谈话笔录 attachments
	Amounts             Amounts          `json:"amounts"`
	Outcomes            []SubjectOutcome `json:"outcomes,omitempty"`
	Archive             *Archive         `json:"archive,omitempty"`
	ParentCase          string           `json:"parent_case,omitempty"`          // set on a 问责 sub-case
	AccountabilityCases []string         `json:"accountability_cases,omitempty"` // 问责 sub-cases of this case
	PrelimDue           Date             `json:"prelim_due,omitzero"`            // deadline in the approved 初核方案
	Extensions          []Extension      `json:"extensions,omitempty"`
}

// NewCase opens a case at 受理 with its first event.
func NewCase(id string, kind CaseKind, leadID string, opened Date, actor string) Case {
	return Case{ID: id, Kind: kind, LeadID: leadID, Stage: StageReceived,
		Events: []StageEvent{{Date: opened, Actor: actor, To: StageReceived, Kind: MoveOpen}}}
}

// RecordType implements Record.
func (c *Case) RecordType() string { return TypeCase }

// RecordID implements Record.
func (c *Case) RecordID() string { return c.ID }

// Validate checks the case: fields, the event history against the
// transition table, the references inside the case and its own side of
// the 一案双查 links. Steps required by a move are checked when the move is
// made (Move), not here.
func (c *Case) Validate() error {
	const r = TypeCase
	return firstErr(
		checkRequired(r, "id", c.ID),
		checkEnum(r, "kind", c.Kind, CaseKinds, false),
		checkEnum(r, "stage", c.Stage, Stages, false),
		checkUniqueIDs(r, "subject_ids", c.SubjectIDs),
		c.validateNature(),
		c.validateEvents(),
		c.validateSteps(),
		c.validateEvidence(),
		c.validateFacts(),
		c.validateMeasures(),
		checkUniqueIDs(r, "talk_note_ids", c.TalkNoteIDs),
		c.Amounts.validate(),
		c.validateOutcomes(),
		c.validateArchive(),
		c.validateOwnLinks(),
		validateExtensions(r, c.Extensions),
	)
}

func (c *Case) validateNature() error {
	for i, n := range c.Nature {
		if err := checkEnum(TypeCase, "nature["+strconv.Itoa(i)+"]", n, Natures, false); err != nil {
			return err
		}
	}
	return nil
}

// validateEvents checks that the history starts with the opening event,
// chains stage to stage through the table, keeps date order and ends in
// the current stage.
func (c *Case) validateEvents() error {
	const r = TypeCase
	if len(c.Events) == 0 {
		return fieldErr(r, "events", ErrMissing)
	}
	first := c.Events[0]
	if first.From != "" || first.To != StageReceived || first.Kind != MoveOpen {
		return fieldErr(r, "events[0]", ErrInvalidValue)
	}
	for i, e := range c.Events {
		if err := c.validateEvent(i, e); err != nil {
			return err
		}
	}
	if c.Events[len(c.Events)-1].To != c.Stage {
		return fieldErr(r, "stage", ErrTransition)
	}
	return nil
}

func (c *Case) validateEvent(i int, e StageEvent) error {
	f := "events[" + strconv.Itoa(i) + "]"
	if err := firstErr(
		requireDate(TypeCase, f+".date", e.Date),
		checkRequired(TypeCase, f+".actor", e.Actor),
	); err != nil {
		return err
	}
	if i == 0 {
		return nil
	}
	prev := c.Events[i-1]
	if e.Date.Before(prev.Date) {
		return fieldErr(TypeCase, f+".date", ErrDateOrder)
	}
	t, ok := findTransition(e.From, e.To)
	if e.From != prev.To || !ok {
		return fieldErr(TypeCase, f, ErrTransition)
	}
	if !oneOf(e.Kind, t.Kinds) {
		return fieldErr(TypeCase, f+".kind", ErrMoveKind)
	}
	return nil
}

func (c *Case) validateSteps() error {
	for i, s := range c.Steps {
		if err := s.validate(i); err != nil {
			return err
		}
	}
	return nil
}

// Opened returns the date the case was opened (受理).
func (c *Case) Opened() Date {
	if len(c.Events) == 0 {
		return Date{}
	}
	return c.Events[0].Date
}

// EnteredOn returns the date the case first entered a stage, or the zero
// Date if it never did.
func (c *Case) EnteredOn(s Stage) Date {
	for _, e := range c.Events {
		if e.To == s {
			return e.Date
		}
	}
	return Date{}
}

// lastEntered returns the date the case last entered a stage.
func (c *Case) lastEntered(s Stage) Date {
	for i := len(c.Events) - 1; i >= 0; i-- {
		if c.Events[i].To == s {
			return c.Events[i].Date
		}
	}
	return Date{}
}

// FiledOn returns the 立案 date, or the zero Date.
func (c *Case) FiledOn() Date { return c.EnteredOn(StageFiled) }

// HasSubject reports whether id is one of the case's subjects.
func (c *Case) HasSubject(id string) bool { return oneOf(id, c.SubjectIDs) }

// OutcomeFor returns the outcome for a subject, or nil.
func (c *Case) OutcomeFor(subjectID string) *SubjectOutcome {
	for i := range c.Outcomes {
		if c.Outcomes[i].SubjectID == subjectID {
			return &c.Outcomes[i]
		}
	}
	return nil
}
