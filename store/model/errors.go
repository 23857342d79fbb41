package model

import (
	"errors"
	"fmt"
)

// Errors returned by this package. They are matched with errors.Is; the
// messages are for logs, the application turns them into Chinese text.
var (
	// ErrMissing means a required field is empty.
	ErrMissing = errors.New("model: required field missing")
	// ErrInvalidValue means a field holds a value outside its allowed set.
	ErrInvalidValue = errors.New("model: value not allowed")
	// ErrInvalidDate means a date could not be parsed or is out of range.
	ErrInvalidDate = errors.New("model: invalid date")
	// ErrDateOrder means two dates are in an impossible order.
	ErrDateOrder = errors.New("model: dates out of order")
	// ErrInvalidAmount means a money amount could not be parsed or is negative.
	ErrInvalidAmount = errors.New("model: invalid amount")
	// ErrDanglingRef means an ID refers to nothing in the same record.
	ErrDanglingRef = errors.New("model: reference to unknown item")
	// ErrDuplicate means an ID or value appears twice where it must be unique.
	ErrDuplicate = errors.New("model: duplicate entry")

	// ErrScheme means a disposal is not one of the vault's scheme.
	ErrScheme = errors.New("model: disposal not valid for the scheme")
	// ErrNotDisposed means a lead has no disposal category yet.
	ErrNotDisposed = errors.New("model: lead not disposed of")
	// ErrOutcomeMissing means a disposal needs an outcome before closing.
	ErrOutcomeMissing = errors.New("model: disposal outcome missing")
	// ErrOutcomeNotAllowed means an outcome does not follow the disposal.
	ErrOutcomeNotAllowed = errors.New("model: outcome not allowed after this disposal")
	// ErrLeadClosed means the lead is already closed.
	ErrLeadClosed = errors.New("model: lead already closed")
	// ErrNumberFormat means a number format or number does not parse.
	ErrNumberFormat = errors.New("model: bad number format")

	// ErrTransition means the stage move is not in the transition table.
	ErrTransition = errors.New("model: stage transition not allowed")
	// ErrMoveKind means the move is in the table but not of this kind.
	ErrMoveKind = errors.New("model: kind of move not allowed for this transition")
	// ErrStepMissing means a step required before the move is not recorded.
	ErrStepMissing = errors.New("model: required step missing")

	// ErrLink means a 一案双查 link is inconsistent.
	ErrLink = errors.New("model: inconsistent case link")
	// ErrLinkedCases means a case with accountability sub-cases cannot be deleted.
	ErrLinkedCases = errors.New("model: case has linked accountability cases")

	// ErrUnknownRule means a deadline rule ID is not in the rule table.
	ErrUnknownRule = errors.New("model: unknown deadline rule")
	// ErrNoPeriod means the rule's deadline is written in the document itself.
	ErrNoPeriod = errors.New("model: deadline set by the document, no fixed period")
	// ErrRuleTable means a deadline rule table is malformed.
	ErrRuleTable = errors.New("model: invalid deadline rule table")
	// ErrCalendar means a holiday calendar is malformed.
	ErrCalendar = errors.New("model: invalid holiday calendar")

	// ErrSanction means a sanction's measure or period is inconsistent.
	ErrSanction = errors.New("model: invalid sanction")
)

// FieldError says which record and field failed validation. It wraps one of
// the sentinel errors above, so errors.Is works through it.
type FieldError struct {
	Record string // record type name, e.g. "lead"
	Field  string // lower_snake JSON path, e.g. "disposal.outcome"
	Err    error  // sentinel, possibly wrapped
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s.%s: %v", e.Record, e.Field, e.Err)
}

// Unwrap returns the underlying sentinel.
func (e *FieldError) Unwrap() error { return e.Err }

// fieldErr builds a *FieldError.
func fieldErr(record, field string, err error) error {
	return &FieldError{Record: record, Field: field, Err: err}
}
