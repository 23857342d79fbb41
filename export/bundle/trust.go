package bundle

import "bytes"

// checkTrust applies the trust rules of ReadOptions to a sender whose
// signature has been verified: known by both keys, trusted; sharing a name
// or one key with a contact, ErrSenderMismatch; otherwise trusted only if
// TrustUnknown says so, else ErrUnknownSender.
func checkTrust(sender Contact, opts ReadOptions) error {
	for _, c := range opts.Contacts {
		if c.sameKeys(sender) {
			return nil
		}
	}
	for _, c := range opts.Contacts {
		if c.Name == sender.Name || c.Recipient == sender.Recipient ||
			bytes.Equal(c.SigningKey, sender.SigningKey) {
			return errorf(ErrSenderMismatch, "sender %q (fingerprint %s) differs from contact %q (fingerprint %s)",
				sender.Name, sender.Fingerprint(), c.Name, c.Fingerprint())
		}
	}
	if opts.TrustUnknown != nil && opts.TrustUnknown(sender) {
		return nil
	}
	return errorf(ErrUnknownSender, "fingerprint %s", sender.Fingerprint())
}
