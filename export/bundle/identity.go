package bundle

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"

	"filippo.io/age"
)

// identityPrefix opens the marshalled form of an Identity.
const identityPrefix = "QINGFENG-IDENTITY-V1:"

// Identity is one vault's secret key pair: an age X25519 identity that
// decrypts bundles sent to it, and an Ed25519 key that signs the manifests of
// bundles it sends. The vault keeps it sealed (see MarshalBinary).
type Identity struct {
	age  *age.X25519Identity
	sign ed25519.PrivateKey
}

// NewIdentity generates a fresh identity from the operating system's random
// source.
func NewIdentity() (*Identity, error) {
	x, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, fmt.Errorf("bundle: failed to generate age identity: %w", err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("bundle: failed to generate signing key: %w", err)
	}
	return &Identity{age: x, sign: priv}, nil
}

// MarshalBinary returns the secret form of the identity, one ASCII line:
//
//	QINGFENG-IDENTITY-V1:<AGE-SECRET-KEY-1…>:<Ed25519 seed, base64url, no padding>
//
// The bytes are secret; the caller seals them (the vault encrypts them).
func (id *Identity) MarshalBinary() ([]byte, error) {
	seed := base64.RawURLEncoding.EncodeToString(id.sign.Seed())
	return []byte(identityPrefix + id.age.String() + ":" + seed), nil
}

// ParseIdentity reads the form written by MarshalBinary. Errors wrap
// ErrBadIdentity.
func ParseIdentity(b []byte) (*Identity, error) {
	rest, ok := strings.CutPrefix(string(b), identityPrefix)
	ageKey, seedText, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 {
		return nil, errorf(ErrBadIdentity, "not a version 1 identity")
	}
	x, err := age.ParseX25519Identity(ageKey)
	if err != nil {
		return nil, errorf(ErrBadIdentity, "age key: %v", err)
	}
	seed, err := base64.RawURLEncoding.Strict().DecodeString(seedText)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, errorf(ErrBadIdentity, "signing key seed")
	}
	return &Identity{age: x, sign: ed25519.NewKeyFromSeed(seed)}, nil
}

// UnmarshalBinary is ParseIdentity for encoding.BinaryUnmarshaler.
func (id *Identity) UnmarshalBinary(b []byte) error {
	parsed, err := ParseIdentity(b)
	if err != nil {
		return err
	}
	*id = *parsed
	return nil
}

// Recipient returns the public age recipient ("age1…") of the identity.
func (id *Identity) Recipient() string { return id.age.Recipient().String() }

// SigningKey returns the public Ed25519 key that verifies this identity's
// signatures.
func (id *Identity) SigningKey() ed25519.PublicKey {
	return id.sign.Public().(ed25519.PublicKey)
}

// Contact returns the public half of the identity under the given name, the
// form handed to other vaults.
func (id *Identity) Contact(name string) Contact {
	return Contact{Name: name, Recipient: id.Recipient(), SigningKey: id.SigningKey()}
}

// AgeSecretKey returns the age secret key ("AGE-SECRET-KEY-1…"). Written to a
// file, it lets the stock age command decrypt bundles sent to this identity
// (age -d -i key.txt). It is secret.
func (id *Identity) AgeSecretKey() string { return id.age.String() }

// usable reports whether id holds both keys (the zero Identity does not).
func (id *Identity) usable() bool {
	return id != nil && id.age != nil && len(id.sign) == ed25519.PrivateKeySize
}

// signManifest returns the detached Ed25519 signature of the exact bytes.
func (id *Identity) signManifest(manifest []byte) []byte {
	return ed25519.Sign(id.sign, manifest)
}
