package bundle

import (
	"fmt"

	"filippo.io/age"
)

// recipients returns the age recipients the options ask for: one X25519
// recipient per contact, or a single scrypt recipient for a passphrase
// (age does not allow mixing them).
func (o *WriteOptions) recipients() ([]age.Recipient, error) {
	switch {
	case len(o.To) > 0 && o.Passphrase != "":
		return nil, errorf(ErrOptions, "give contacts or a passphrase, not both")
	case o.Passphrase != "":
		r, err := age.NewScryptRecipient(o.Passphrase)
		if err != nil {
			return nil, errorf(ErrOptions, "%v", err)
		}
		return []age.Recipient{r}, nil
	case len(o.To) == 0:
		return nil, errorf(ErrOptions, "no recipient: give contacts or a passphrase")
	}
	rs := make([]age.Recipient, len(o.To))
	for i, c := range o.To {
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("contact %d: %w", i, err)
		}
		r, err := age.ParseX25519Recipient(c.Recipient)
		if err != nil {
			return nil, errorf(ErrBadContact, "%v", err)
		}
		rs[i] = r
	}
	return rs, nil
}

// identities returns the age identities the read options offer.
func (o *ReadOptions) identities() ([]age.Identity, error) {
	var ids []age.Identity
	if o.Identity != nil {
		if !o.Identity.usable() {
			return nil, errorf(ErrOptions, "identity has no keys")
		}
		ids = append(ids, o.Identity.age)
	}
	if o.Passphrase != "" {
		id, err := age.NewScryptIdentity(o.Passphrase)
		if err != nil {
			return nil, errorf(ErrOptions, "%v", err)
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil, errorf(ErrOptions, "no identity or passphrase to decrypt with")
	}
	return ids, nil
}

// keyCapture wraps the first recipient of a bundle being written and keeps
// a copy of the file key age hands it, so WriteFile can read the bundle
// back even when the sender is not one of its recipients.
type keyCapture struct {
	inner age.Recipient
	key   []byte
}

func (k *keyCapture) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	k.key = append([]byte(nil), fileKey...)
	return k.inner.Wrap(fileKey)
}

// WrapWithLabels keeps the inner recipient's labels (scrypt uses them to
// stay the only recipient).
func (k *keyCapture) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	k.key = append([]byte(nil), fileKey...)
	if rl, ok := k.inner.(age.RecipientWithLabels); ok {
		return rl.WrapWithLabels(fileKey)
	}
	s, err := k.inner.Wrap(fileKey)
	return s, nil, err
}
