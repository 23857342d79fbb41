package store

import "errors"

// errDryRun ends a dry run's transaction: bbolt rolls back a read-write
// transaction whose function fails. It never leaves DryRun.
var errDryRun = errors.New("store: dry run rolled back")

// DryRun runs fn in a read-write transaction that is always rolled back.
// Inside, fn works exactly as in Update — Put, Merge, Delete, Resolve,
// Audit, the search index — and reads its own writes; the index postings
// the transaction buffers are written too, so an error that Update would
// meet at the end is met here. Then everything is discarded: the records,
// the index, the audit trail and its head are as they were, and nothing
// of fn's work reaches the vault file. DryRun returns fn's error, or nil;
// either way nothing was kept.
//
// A dry run covers what happens inside one transaction only. Attachment
// content is written outside transactions (AddAttachment,
// WriteAttachmentContent): a dry run writes none, and fn must not call
// those or any other Vault method that writes, which would wait for this
// transaction to end. Like Update, DryRun holds the vault's one write
// transaction while fn runs, and a panic in fn is an error (recoverPanic).
func (v *Vault) DryRun(fn func(*Tx) error) error { return v.write(fn, false) }
