package store

import "errors"

// Errors returned by the store. They carry no text for people: app/ maps them
// to Chinese messages with a hint. Match them with errors.Is.
var (
	// ErrVaultInUse means another process holds the vault file lock.
	ErrVaultInUse = errors.New("vault is in use by another qingfeng process")
	// ErrReadOnly means the vault file cannot be opened for writing: a
	// read-only medium, or no permission.
	ErrReadOnly = errors.New("store: the vault file cannot be written (read-only medium or no permission)")
	// ErrNoVault means the directory holds no vault file.
	ErrNoVault = errors.New("store: no vault in this directory")
	// ErrVaultExists means Create found a vault already present.
	ErrVaultExists = errors.New("store: a vault already exists in this directory")
	// ErrWrongPassphrase means the passphrase (or recovery key) did not unwrap the data key.
	ErrWrongPassphrase = errors.New("store: wrong passphrase")
	// ErrBadRecoveryKey means a recovery key is not well formed (typo, wrong length).
	ErrBadRecoveryKey = errors.New("store: malformed recovery key")
	// ErrWeakPassphrase means a new passphrase is too short to protect the vault.
	ErrWeakPassphrase = errors.New("store: passphrase too short")
	// ErrWeakKDF means Argon2id parameters are below the floor (64 MiB, t=1).
	ErrWeakKDF = errors.New("store: key derivation parameters below the minimum")
	// ErrCorrupt means stored bytes failed authentication or could not be decoded.
	ErrCorrupt = errors.New("store: vault data is damaged or was tampered with")
	// ErrInternal means the program itself failed (a panic in its own code,
	// not damage in the file) inside a vault transaction: nothing of that
	// transaction was kept, the vault stays usable, and the stack was
	// appended to the internal-error log in the vault directory (InternalLog).
	ErrInternal = errors.New("store: internal error of the program (not damage to the vault)")
	// ErrUnsupported means the vault was written by a newer format this build cannot read.
	ErrUnsupported = errors.New("store: vault format is newer than this program")
	// ErrNotFound means no record has the requested type and id.
	ErrNotFound = errors.New("store: record not found")
	// ErrInvalidRecord means a record is missing its type or id, or its data is not a JSON object.
	ErrInvalidRecord = errors.New("store: invalid record")
	// ErrRevisionMismatch means an edit was based on an older revision than the stored one.
	ErrRevisionMismatch = errors.New("store: record was changed since it was read")
	// ErrClosed means the vault was locked or closed.
	ErrClosed = errors.New("store: vault is locked")
	// ErrAttachmentMismatch means an attachment's content does not match its recorded hash.
	ErrAttachmentMismatch = errors.New("store: attachment content does not match its hash")
	// ErrNoConflict means Resolve was asked about a record that has no conflict.
	ErrNoConflict = errors.New("store: no conflict recorded for this record")
	// ErrBadBackup means a backup file is not a qingfeng backup, or is damaged or truncated.
	ErrBadBackup = errors.New("store: backup file is damaged or not a qingfeng backup")
)
