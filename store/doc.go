// Package store keeps one encrypted vault file (FileName in a vault
// directory, a bbolt database): its header and keys, the records (typed,
// versioned JSON envelopes), the search index over them, the hash-chained
// audit trail, the attachment content, and the check, backup and restore of
// the whole file. Nothing but the header is stored unencrypted.
//
// # Ownership and lifetime
//
// Create, Open, OpenWithRecovery and ResetPassphrase return an unlocked
// *Vault that holds the bbolt file lock and the derived keys; the caller
// that got it must Close it (locking the program is Close). While it is
// open, opening the same file again, in this process or another, fails
// with ErrVaultInUse after Options.LockTimeout. Close waits for running
// Update, View and DryRun calls to return, wipes the keys from the Vault
// (best effort: Go may have copied them), and closes the file, which
// releases the lock; calling it again returns nil. After Close, Locked
// reports true, and Update, View, DryRun and every method built on them
// return ErrClosed (Check reports it as a "file" problem), as does the next
// Read of a reader from OpenAttachment; Dir, Machine and Actor still
// answer. AddAttachment and WriteAttachmentContent seal chunks outside any
// transaction: they must not be called after Close or while it may run.
//
// # Goroutines
//
// bbolt allows one read-write transaction at a time and any number of
// read-only ones beside it. Update and DryRun wait their turn for the
// write transaction; View calls run concurrently with each other and with one
// writer, each on a snapshot taken when it began. A *Vault may be used by
// several goroutines, with one exception: ChangePassphrase replaces the
// in-memory header without a lock, so no other call may run while it does.
//
// A *Tx is valid only inside the function passed to Update, View or
// DryRun, on the goroutine that runs it, and is not safe for concurrent
// use. That function must not start another transaction (a Vault method
// other than Dir, Machine, Actor, Locked): an Update or DryRun inside a
// write waits forever for bbolt's writer lock, and a View inside one can
// deadlock too. What one Update does through its Tx commits together or
// not at all.
//
// # Errors
//
// The sentinels in errors.go (ErrWrongPassphrase, ErrNotFound,
// ErrRevisionMismatch, …) are returned as they are or wrapped with detail;
// match them with errors.Is. Their English text is for logs; app/ words
// them for people. ErrCorrupt means the file's fault: stored bytes that do
// not authenticate or decode, a file bbolt cannot open, or, inside open,
// unlock, Update, View or DryRun, a memory fault on the mapped pages or a
// panic raised inside bbolt. ErrInternal means the program's fault: any
// other panic there, in the caller's function too. Then nothing of that
// transaction is kept, the vault stays usable, the error is an
// *InternalError, and the stack is appended to InternalLog(dir) (see
// panics.go). Check never fails: it lists every problem in its Report.
//
// # Where the details are
//
// README.md, "Security design": keys, sealing, search tokens, audit chain,
// backups. In this package: header.go (buckets, header), crypto.go and
// kdf.go (keys), tx.go and record.go (records, revisions), index.go,
// text.go and search.go (index), audit.go, attach.go, merge.go (version
// vectors, conflicts), dryrun.go, check.go, backup.go, panics.go. The case
// model is qingfeng/store/model; qingfeng/store/dossier keeps it here.
package store
