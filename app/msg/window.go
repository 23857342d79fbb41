package msg

import "errors"

// Errors of the window itself (app/). They are declared here, not in app/,
// because this package words every error in one table and cannot import
// app/; app/ uses them under its own short names (app/errors.go).
var (
	// ErrNoDisplay means there is no graphical display to open the window on.
	ErrNoDisplay = errors.New("app: no graphical display")
	// ErrNeedReason means a move that must give a reason was asked without one.
	ErrNeedReason = errors.New("app: reason required")
	// ErrBadDate means a date field does not hold a date.
	ErrBadDate = errors.New("app: bad date")
	// ErrCancelled means the user cancelled a long operation.
	ErrCancelled = errors.New("app: cancelled")
	// ErrNeedSource means the 新建线索 form has no source.
	ErrNeedSource = errors.New("app: lead source required")
	// ErrNeedSummary means the 新建线索 form has no summary.
	ErrNeedSummary = errors.New("app: lead summary required")
	// ErrNeedCategory means the 新建线索 form has no problem category.
	ErrNeedCategory = errors.New("app: lead category required")
	// ErrNeedReporter means a real-name report was given without a name.
	ErrNeedReporter = errors.New("app: real-name reporter without a name")
	// ErrFutureDate means a date lies after today.
	ErrFutureDate = errors.New("app: date in the future")
	// ErrNeedReply means a 督办 reply was given without its text.
	ErrNeedReply = errors.New("app: reply text required")
	// ErrNoCases means the 交接 export has no case ticked.
	ErrNoCases = errors.New("app: no case chosen for export")
	// ErrNoRecipient means the 交接 export has no contact chosen.
	ErrNoRecipient = errors.New("app: no contact chosen")
	// ErrShortPass means the bundle passphrase is too short.
	ErrShortPass = errors.New("app: bundle passphrase too short")
	// ErrPassMismatch means the two bundle passphrases differ.
	ErrPassMismatch = errors.New("app: bundle passphrases differ")
	// ErrExportCancelled means the user cancelled an export under way.
	ErrExportCancelled = errors.New("app: export cancelled")
)
