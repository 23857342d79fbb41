// Package handoff carries dossiers between vaults in .qfb bundles: the
// vault's keys, export, import with merge, and conflicts. The file format is
// package bundle; the vault and its merge rules are package store. This
// package joins them and imports no GUI code.
//
// # Keys
//
// A vault's identity (bundle.Identity) is a sealed record identity/self,
// made by Keygen; its secret bytes are kept as an array of numbers so the
// store's search index, which indexes strings, never sees them. Contacts
// are records of type contact named by their fingerprint in hex. Neither
// ever leaves the vault.
//
// # What travels
//
// Export takes case ids (or generic dossier ids) and carries, for each case,
// its lead, its subjects (of the case, its facts, measures and outcomes,
// and of the lead), the tracked items and sanctions of the case or its
// lead, its particulars (doc_fields/<case id>), the attachment records
// owned by any of those ("type/id") or named by the case (evidence,
// talk notes), their content once per SHA-256, and every audit entry of
// the sending vault that names one of those records. Records travel as the
// whole store.Record envelope with its version vector. Only the types for
// which Travels is true are exported or imported: keys, contacts, conflicts,
// tombstones, counters, config, settings, templates and the document
// register belong to one vault, and a bundle carrying one is refused.
//
// # Import
//
// Import opens the bundle with the vault's identity or a passphrase,
// checks the signature and the sender (an unknown sender only with Trust),
// reads the whole bundle once checking every entry, and runs its own final
// transaction as a store dry run (rolled back) to learn which attachments
// it adds; Preview stops there and returns that dry run's report. Only then
// does the import write: the content of those attachments, then one
// transaction that merges every record (store.Tx.Merge: added, updated,
// unchanged, kept_local, conflict, deleted_here), appends the sender's
// audit entries as ActionImport entries carrying the original entry
// (each at most once, however often it arrives), an import summary, and
// raises the number counters (dossier.SyncCounters). Content is stored per
// attachment id, as the store keeps it: an attachment the vault already
// holds (same id and SHA-256) is not written again, so a second bundle
// carrying the same file costs no write; the same bytes under two ids are
// stored twice. A refused import changes no record and leaves no content.
//
// # Goroutines and ownership
//
// Export, Import and Preview run on the caller's goroutine (package bundle
// adds one helper goroutine per pass and ends it before returning) and call
// Progress there; cancelling their context stops them at the next read
// (an import only until its final transaction begins). They open and close the bundle file themselves; the
// caller keeps the vault open and closes it. Keygen, AddContact,
// RemoveContact, Resolve and ResolveWith work inside the caller's
// transaction, which commits or discards them with everything else.
package handoff
