package app

import "qingfeng/app/msg"

// Errors of the window itself. They are declared in app/msg, which words
// every error in its one table and cannot import this package; these are
// the window's short names for them.
var (
	// errNeedReason means a move that must give a reason was asked without one.
	errNeedReason = msg.ErrNeedReason
	// errBadDate means a date field does not hold a date.
	errBadDate = msg.ErrBadDate
	// errCancelled means the user cancelled a long operation.
	errCancelled = msg.ErrCancelled
	// Checks of the 新建线索 form.
	errNeedSource   = msg.ErrNeedSource
	errNeedSummary  = msg.ErrNeedSummary
	errNeedCategory = msg.ErrNeedCategory
	errNeedReporter = msg.ErrNeedReporter
	errFutureDate   = msg.ErrFutureDate
	// errNeedReply means a 督办 reply was given without its text.
	errNeedReply = msg.ErrNeedReply
	// Checks of the 交接 export.
	errNoCases         = msg.ErrNoCases
	errNoRecipient     = msg.ErrNoRecipient
	errShortPass       = msg.ErrShortPass
	errPassMismatch    = msg.ErrPassMismatch
	errExportCancelled = msg.ErrExportCancelled
)

// errText is the one line the window shows for err: msg.WindowText, which
// words a refused stage move with the move and what is missing, and names
// the window's pages and buttons where the command line would name verbs.
func errText(err error) string { return msg.WindowText(err) }
