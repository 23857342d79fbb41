package bundle

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"strings"
	"unicode"
	"unicode/utf8"

	"filippo.io/age"
)

// contactPrefix opens the one-line text form of a Contact.
const contactPrefix = "qingfeng-contact:v1:"

// maxNameLen bounds a contact or sender name in bytes.
const maxNameLen = 256

// Contact is the public half of another vault's Identity: the age recipient
// that bundles for it are encrypted to and the Ed25519 key that verifies the
// bundles it sends. Name is a label chosen by people; keys identify.
type Contact struct {
	Name       string
	Recipient  string // "age1…", canonical lowercase
	SigningKey ed25519.PublicKey
}

// String returns the one-line text form of the contact:
//
//	qingfeng-contact:v1:<name>:<age1…>:<ed25519>
//
// where <name> is the UTF-8 name and <ed25519> the 32-byte public key, both
// in base64url without padding. ParseContact reads it back.
func (c Contact) String() string {
	return contactPrefix + base64.RawURLEncoding.EncodeToString([]byte(c.Name)) + ":" +
		c.Recipient + ":" + base64.RawURLEncoding.EncodeToString(c.SigningKey)
}

// MarshalText returns the same line as String.
func (c Contact) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText is ParseContact for encoding.TextUnmarshaler.
func (c *Contact) UnmarshalText(b []byte) error {
	parsed, err := ParseContact(string(b))
	if err != nil {
		return err
	}
	*c = parsed
	return nil
}

// ParseContact reads the line written by String. Surrounding white space is
// ignored. Errors wrap ErrBadContact.
func ParseContact(s string) (Contact, error) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), contactPrefix)
	parts := strings.Split(rest, ":")
	if !ok || len(parts) != 3 {
		return Contact{}, errorf(ErrBadContact, "not a version 1 contact line")
	}
	name, err := base64.RawURLEncoding.Strict().DecodeString(parts[0])
	if err != nil {
		return Contact{}, errorf(ErrBadContact, "name is not base64url")
	}
	key, err := base64.RawURLEncoding.Strict().DecodeString(parts[2])
	if err != nil {
		return Contact{}, errorf(ErrBadContact, "signing key is not base64url")
	}
	c := Contact{Name: string(name), Recipient: parts[1], SigningKey: key}
	if err := c.Validate(); err != nil {
		return Contact{}, err
	}
	return c, nil
}

// Validate checks the name, that Recipient is a canonical X25519 age
// recipient and that SigningKey has the Ed25519 size. Errors wrap
// ErrBadContact.
func (c Contact) Validate() error {
	if !validName(c.Name) {
		return errorf(ErrBadContact, "name must be 1-%d bytes of printable UTF-8", maxNameLen)
	}
	r, err := age.ParseX25519Recipient(c.Recipient)
	if err != nil || r.String() != c.Recipient {
		return errorf(ErrBadContact, "recipient is not a canonical age X25519 recipient")
	}
	if len(c.SigningKey) != ed25519.PublicKeySize {
		return errorf(ErrBadContact, "signing key must be %d bytes", ed25519.PublicKeySize)
	}
	return nil
}

// sameKeys reports whether c and o carry the same two public keys.
func (c Contact) sameKeys(o Contact) bool {
	return c.Recipient == o.Recipient && bytes.Equal(c.SigningKey, o.SigningKey)
}

// validName accepts 1-256 bytes of valid UTF-8 without control characters.
func validName(s string) bool {
	if s == "" || len(s) > maxNameLen || !utf8.ValidString(s) {
		return false
	}
	return strings.IndexFunc(s, unicode.IsControl) < 0
}
