package casework

import "errors"

// Errors of this package, matched with errors.Is; app/msg words them.
// Errors of the store and the case model pass through wrapped.
var (
	// ErrFutureDate means a date that cannot be after today (a lead's
	// 受理 date) is.
	ErrFutureDate = errors.New("casework: date in the future")
	// ErrNoReplyText means a 督办 reply was recorded without its text.
	ErrNoReplyText = errors.New("casework: reply text required")
)
