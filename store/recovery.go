package store

import (
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base32"
	"strings"
)

// RecoveryKey is a printable, high-entropy secret that can unwrap the data key
// when the passphrase is forgotten. It is shown once at creation; only its
// wrap of the data key is stored.
type RecoveryKey string

// recoveryAlphabet is Crockford-like base32 without I, L, O, U, so that a key
// read from paper cannot confuse 1/I/L or 0/O.
const recoveryAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

var recoveryEncoding = base32.NewEncoding(recoveryAlphabet).WithPadding(base32.NoPadding)

// recoveryBytes is the entropy of a recovery key: 160 bits, 32 characters.
const recoveryBytes = 20

// newRecoveryKey draws a fresh key and formats it as 8 groups of 4 characters.
func newRecoveryKey() (RecoveryKey, []byte) {
	raw := randomBytes(recoveryBytes)
	s := recoveryEncoding.EncodeToString(raw)
	groups := make([]string, 0, len(s)/4)
	for i := 0; i < len(s); i += 4 {
		groups = append(groups, s[i:i+4])
	}
	return RecoveryKey(strings.Join(groups, "-")), raw
}

// parseRecoveryKey accepts the key with or without dashes and spaces, in any
// case, and with the look-alike letters O, I, L typed for 0, 1, 1.
func parseRecoveryKey(k RecoveryKey) ([]byte, error) {
	s := strings.ToUpper(string(k))
	s = strings.NewReplacer("-", "", " ", "", "\t", "", "\n", "", "O", "0", "I", "1", "L", "1").Replace(s)
	raw, err := recoveryEncoding.DecodeString(s)
	if err != nil || len(raw) != recoveryBytes {
		return nil, ErrBadRecoveryKey
	}
	return raw, nil
}

// recoveryKEK turns the recovery key's entropy into a wrapping key. The key
// already has 160 bits of entropy, so HKDF suffices; no stretching is needed.
func recoveryKEK(raw, vaultID []byte) []byte {
	k, err := hkdf.Key(sha256.New, raw, vaultID, "qingfeng recovery kek v1", keySize)
	if err != nil {
		panic("store: hkdf: " + err.Error())
	}
	return k
}
