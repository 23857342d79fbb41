package handoff

import "errors"

// Errors returned by this package, besides the bundle and store sentinels it
// passes through wrapped (bundle.ErrWrongKey, bundle.ErrUnknownSender,
// store.ErrNotFound, ...). They carry no text for people: app/ maps them to
// messages. Match them with errors.Is.
var (
	// ErrNoIdentity means the vault has no identity yet (run keygen).
	ErrNoIdentity = errors.New("handoff: this vault has no identity")
	// ErrIdentityExists means keygen would replace the vault's identity and
	// was not told to.
	ErrIdentityExists = errors.New("handoff: this vault already has an identity")
	// ErrContactExists means a contact with that name or those keys is known.
	ErrContactExists = errors.New("handoff: a contact with this name or these keys exists")
	// ErrSelfContact means a contact would carry this vault's own keys.
	ErrSelfContact = errors.New("handoff: the contact is this vault's own key")
	// ErrNoContact means no contact has the given name.
	ErrNoContact = errors.New("handoff: no contact with this name")
	// ErrNoDossier means an id to export names neither a case nor a dossier.
	ErrNoDossier = errors.New("handoff: no case or dossier with this id")
	// ErrRecipients means an export names no recipient and no passphrase, or both.
	ErrRecipients = errors.New("handoff: give contacts or a passphrase, not both")
	// ErrForbiddenRecord means a bundle carries a record of a type that is
	// never imported (keys, contacts, merge bookkeeping, counters, settings).
	ErrForbiddenRecord = errors.New("handoff: bundle carries a record type that is never imported")
	// ErrBadRecord means a record in a bundle (or data given to resolve a
	// conflict) is malformed: not an envelope, named differently from its
	// path, without version history, of a newer schema, or invalid for the
	// case model.
	ErrBadRecord = errors.New("handoff: malformed record")
	// ErrBadAudit means an audit entry in a bundle is malformed.
	ErrBadAudit = errors.New("handoff: malformed audit entry")
	// ErrMissingContent means an attachment record arrives without its
	// content and the vault does not hold it either.
	ErrMissingContent = errors.New("handoff: attachment content is missing from the bundle")
	// ErrContentMismatch means an attachment's content differs from the local
	// attachment with the same id, or from what its record says.
	ErrContentMismatch = errors.New("handoff: attachment content differs from its record")
)
