package model

import (
	"fmt"
	"slices"
	"strings"
)

// Scheme is the disposal scheme a vault uses for its leads.
type Scheme string

// The two schemes in use.
const (
	// SchemeFiveCategories is the work plan's 五类处置: 拟立案, 初核, 暂存, 留存, 了结.
	SchemeFiveCategories Scheme = "five-categories"
	// SchemeFourMethods is the national 四种处置方式: 谈话函询, 初步核实, 暂存待查, 予以了结.
	SchemeFourMethods Scheme = "four-methods"
)

// Schemes lists both schemes.
var Schemes = []Scheme{SchemeFiveCategories, SchemeFourMethods}

// Disposition is the category or method a lead is disposed of by (拟处置方式).
type Disposition string

// The five categories.
const (
	DispFile     Disposition = "拟立案"
	DispCheck    Disposition = "初核"
	DispHold     Disposition = "暂存"
	DispKeep     Disposition = "留存"
	DispConclude Disposition = "了结"
)

// The four methods.
const (
	DispInquiry     Disposition = "谈话函询"
	DispPrelim      Disposition = "初步核实"
	DispHoldPending Disposition = "暂存待查"
	DispDismiss     Disposition = "予以了结"
)

// FiveCategories lists the dispositions of SchemeFiveCategories.
var FiveCategories = []Disposition{DispFile, DispCheck, DispHold, DispKeep, DispConclude}

// FourMethods lists the dispositions of SchemeFourMethods.
var FourMethods = []Disposition{DispInquiry, DispPrelim, DispHoldPending, DispDismiss}

// Dispositions returns the dispositions allowed by the scheme, or nil for an
// unknown scheme.
func (s Scheme) Dispositions() []Disposition {
	switch s {
	case SchemeFiveCategories:
		return FiveCategories
	case SchemeFourMethods:
		return FourMethods
	}
	return nil
}

// Allows reports whether d belongs to the scheme.
func (s Scheme) Allows(d Disposition) bool { return oneOf(d, s.Dispositions()) }

// Outcome is what a 初核 or a 谈话函询 ended in.
type Outcome string

// Outcomes after 初核 (初步核实).
const (
	OutcomeFile          Outcome = "拟立案审查调查"
	OutcomeDismiss       Outcome = "予以了结"
	OutcomeTalkReminder  Outcome = "谈话提醒"
	OutcomeHoldPending   Outcome = "暂存待查"
	OutcomeTransferParty Outcome = "移送有关党组织处理"
)

// Outcomes after 谈话函询 (OutcomeTalkReminder is shared with the list above).
const (
	OutcomeAccepted        Outcome = "采信了结"
	OutcomeCriticism       Outcome = "批评教育"
	OutcomeSelfExam        Outcome = "责令检查"
	OutcomeAdmonition      Outcome = "诫勉"
	OutcomeInquiryAgain    Outcome = "再次谈话函询"
	OutcomeToPrelim        Outcome = "转初步核实"
	OutcomeFalseAccusation Outcome = "查处诬告陷害"
)

// OutcomesAfterPrelim lists the outcomes of a 初核.
var OutcomesAfterPrelim = []Outcome{OutcomeFile, OutcomeDismiss, OutcomeTalkReminder,
	OutcomeHoldPending, OutcomeTransferParty}

// OutcomesAfterInquiry lists the outcomes of a 谈话函询. 采信了结 goes with a
// feedback letter; 查处诬告陷害 is the handling of a false accusation.
var OutcomesAfterInquiry = []Outcome{OutcomeAccepted, OutcomeTalkReminder,
	OutcomeCriticism, OutcomeSelfExam, OutcomeAdmonition, OutcomeInquiryAgain,
	OutcomeToPrelim, OutcomeFalseAccusation}

// Outcomes returns the outcomes that may follow d, or nil when d takes no
// outcome (it is final by itself).
func (d Disposition) Outcomes() []Outcome {
	switch d {
	case DispCheck, DispPrelim:
		return OutcomesAfterPrelim
	case DispInquiry:
		return OutcomesAfterInquiry
	}
	return nil
}

// NeedsOutcome reports whether a lead disposed of by d can only be closed
// once an outcome is recorded.
func (d Disposition) NeedsOutcome() bool { return d.Outcomes() != nil }

// Disposal is the disposal opinion on a lead and what came of it.
type Disposal struct {
	Choice      Disposition `json:"choice,omitempty"`
	Decided     Date        `json:"decided,omitzero"`      // date the opinion was approved
	ApprovedBy  string      `json:"approved_by,omitempty"` // leader who approved it
	Answered    Date        `json:"answered,omitzero"`     // 谈话 held or 函询 reply received
	Outcome     Outcome     `json:"outcome,omitempty"`
	OutcomeDate Date        `json:"outcome_date,omitzero"`
	Note        string      `json:"note,omitempty"`
}

// validate checks the disposal on its own (not against a scheme).
func (d Disposal) validate(received Date) error {
	const r = TypeLead
	all := slices.Concat(FiveCategories, FourMethods)
	if d.Choice == "" {
		if d.Outcome != "" || !d.Decided.IsZero() {
			return fieldErr(r, "disposal.choice", ErrMissing)
		}
		return nil
	}
	return firstErr(
		checkEnum(r, "disposal.choice", d.Choice, all, false),
		requireDate(r, "disposal.decided", d.Decided),
		notBefore(r, "disposal.decided", d.Decided, received),
		d.validateOutcome(),
		notBefore(r, "disposal.answered", d.Answered, d.Decided),
		notBefore(r, "disposal.outcome_date", d.OutcomeDate, d.Decided),
	)
}

func (d Disposal) validateOutcome() error {
	const r = TypeLead
	if d.Outcome == "" {
		if !d.OutcomeDate.IsZero() {
			return fieldErr(r, "disposal.outcome", ErrMissing)
		}
		return nil
	}
	if !oneOf(d.Outcome, d.Choice.Outcomes()) {
		return fieldErr(r, "disposal.outcome", ErrOutcomeNotAllowed)
	}
	return requireDate(r, "disposal.outcome_date", d.OutcomeDate)
}

// DisposalValidFor checks the lead's disposal against the vault's scheme.
// A pending lead passes; a lead disposed of by the other scheme does not.
func (l *Lead) DisposalValidFor(s Scheme) error {
	if l.Disposal.Choice == "" || s.Allows(l.Disposal.Choice) {
		return nil
	}
	return fieldErr(TypeLead, "disposal.choice", fmt.Errorf("%w: %s not in %s", ErrScheme, l.Disposal.Choice, s))
}

// Dispose records the disposal opinion and moves a pending lead to
// 办理中. A closed lead is refused; a disposition outside the scheme too.
func (l *Lead) Dispose(s Scheme, d Disposition, on Date, approver string) error {
	if l.Status == LeadClosed {
		return ErrLeadClosed
	}
	if !s.Allows(d) {
		return fmt.Errorf("%w: %s not in %s", ErrScheme, d, s)
	}
	if on.IsZero() || on.Before(l.Received) {
		return fmt.Errorf("%w: disposal on %s, lead received %s", ErrDateOrder, on, l.Received)
	}
	l.Disposal = Disposal{Choice: d, Decided: on, ApprovedBy: approver}
	l.Status = LeadHandling
	return nil
}

// RecordOutcome records what the 初核 or 谈话函询 ended in.
func (l *Lead) RecordOutcome(o Outcome, on Date) error {
	if l.Status == LeadClosed {
		return ErrLeadClosed
	}
	if l.Disposal.Choice == "" {
		return ErrNotDisposed
	}
	if !oneOf(o, l.Disposal.Choice.Outcomes()) {
		return fmt.Errorf("%w: %s after %s", ErrOutcomeNotAllowed, o, l.Disposal.Choice)
	}
	if on.Before(l.Disposal.Decided) {
		return fmt.Errorf("%w: outcome on %s, disposal decided %s", ErrDateOrder, on, l.Disposal.Decided)
	}
	l.Disposal.Outcome, l.Disposal.OutcomeDate = o, on
	return nil
}

// Close closes the lead (办结). It needs a disposition valid for the
// scheme, and an outcome where the disposition takes one; the closing is
// signed into the trail by actor.
func (l *Lead) Close(s Scheme, on Date, actor string) error {
	switch {
	case l.Status == LeadClosed:
		return ErrLeadClosed
	case l.Disposal.Choice == "":
		return ErrNotDisposed
	case !s.Allows(l.Disposal.Choice):
		return fmt.Errorf("%w: %s not in %s", ErrScheme, l.Disposal.Choice, s)
	case l.Disposal.Choice.NeedsOutcome() && l.Disposal.Outcome == "":
		return fmt.Errorf("%w: %s", ErrOutcomeMissing, l.Disposal.Choice)
	case on.IsZero() || on.Before(l.Disposal.Decided) || on.Before(l.Disposal.OutcomeDate):
		return fmt.Errorf("%w: closing on %s", ErrDateOrder, on)
	case strings.TrimSpace(actor) == "":
		return fmt.Errorf("%w: actor", ErrMissing)
	}
	l.Status, l.Closed = LeadClosed, on
	l.Sign(actor, on, "办结", "")
	return nil
}

// UndisposedEntry is one line of the report of leads without a disposal.
type UndisposedEntry struct {
	LeadID   string `json:"lead_id"`
	Number   string `json:"number"`
	Received Date   `json:"received"`
	AgeDays  int    `json:"age_days"` // days since receipt, as of the report date
}

// UndisposedReport lists the leads that have no disposal category yet,
// with their age in days on today, oldest first (ties by number).
func UndisposedReport(leads []Lead, today Date) []UndisposedEntry {
	var out []UndisposedEntry
	for i := range leads {
		l := &leads[i]
		if l.Disposal.Choice != "" {
			continue
		}
		out = append(out, UndisposedEntry{LeadID: l.ID, Number: l.Number,
			Received: l.Received, AgeDays: today.Sub(l.Received)})
	}
	slices.SortFunc(out, func(a, b UndisposedEntry) int {
		if c := a.Received.Sub(b.Received); c != 0 {
			return c
		}
		return strings.Compare(a.Number, b.Number)
	})
	return out
}
