package bundle

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"strings"
)

// Fingerprint is SHA-256 over a contact's two public keys: the 32-byte
// X25519 key inside its age recipient, then the 32-byte Ed25519 key.
type Fingerprint [32]byte

// Fingerprint returns the contact's fingerprint, or the zero Fingerprint if
// the recipient is not a valid age X25519 recipient (see Validate).
func (c Contact) Fingerprint() Fingerprint {
	x, err := decodeAgeRecipient(c.Recipient)
	if err != nil || len(c.SigningKey) != 32 {
		return Fingerprint{}
	}
	h := sha256.New()
	h.Write(x)
	h.Write(c.SigningKey)
	var f Fingerprint
	h.Sum(f[:0])
	return f
}

// Groups returns the fingerprint as 8 groups of 4 decimal digits, for
// reading aloud over the phone or comparing on paper. Group i is the
// big-endian uint32 of bytes 4i..4i+3 modulo 10000, so all 32 bytes count
// (about 106 bits survive the reduction).
func (f Fingerprint) Groups() []string {
	groups := make([]string, 8)
	for i := range groups {
		v := binary.BigEndian.Uint32(f[4*i:]) % 10000
		groups[i] = fmt.Sprintf("%04d", v)
	}
	return groups
}

// String returns the groups separated by single spaces, e.g.
// "0421 9930 1175 0002 8416 3307 5561 2290".
func (f Fingerprint) String() string { return strings.Join(f.Groups(), " ") }

// Matches reports whether typed spells the same 32 digits as f, ignoring
// anything that is not an ASCII digit (spaces, dashes, line breaks). The
// comparison takes constant time in the digits.
func (f Fingerprint) Matches(typed string) bool {
	var digits []byte
	for i := 0; i < len(typed); i++ {
		if typed[i] >= '0' && typed[i] <= '9' {
			digits = append(digits, typed[i])
		}
	}
	want := strings.Join(f.Groups(), "")
	return len(digits) == len(want) && subtle.ConstantTimeCompare(digits, []byte(want)) == 1
}
