package store

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// keySize is the size of every symmetric key in the vault.
const keySize = 32

// keys holds the subkeys derived from the vault's random data key. It lives
// only in memory while the vault is unlocked; Vault.Close wipes it.
type keys struct {
	record []byte // AEAD key for records, index postings, audit entries, attachments
	index  []byte // HMAC key that turns n-grams into opaque search tokens
	backup []byte // AEAD key for backup files
}

// deriveKeys expands the data key into independent subkeys with HKDF-SHA256.
func deriveKeys(dataKey []byte) (*keys, error) {
	k := &keys{}
	for _, d := range []struct {
		dst   *[]byte
		label string
	}{{&k.record, "qingfeng record v1"}, {&k.index, "qingfeng index v1"}, {&k.backup, "qingfeng backup v1"}} {
		sub, err := hkdf.Key(sha256.New, dataKey, nil, d.label, keySize)
		if err != nil {
			return nil, fmt.Errorf("failed to derive subkey: %w", err)
		}
		*d.dst = sub
	}
	return k, nil
}

// wipe overwrites the key material. Go may have copied it elsewhere; this is
// best effort, and it makes the keys unusable through this struct.
func (k *keys) wipe() {
	for _, b := range [][]byte{k.record, k.index, k.backup} {
		clear(b)
	}
}

// seal encrypts plaintext with XChaCha20-Poly1305 under key, binding aad.
// The output is nonce || ciphertext || tag; a fresh random nonce is drawn per call.
func seal(key, aad, plaintext []byte) []byte {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		panic("store: bad key size") // keys are always keySize bytes
	}
	out := make([]byte, chacha20poly1305.NonceSizeX, chacha20poly1305.NonceSizeX+len(plaintext)+aead.Overhead())
	if _, err := rand.Read(out); err != nil {
		panic("store: no randomness: " + err.Error())
	}
	return aead.Seal(out, out, plaintext, aad)
}

// open authenticates and decrypts a value produced by seal with the same key and aad.
func open(key, aad, sealed []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, ErrCorrupt
	}
	if len(sealed) < chacha20poly1305.NonceSizeX+aead.Overhead() {
		return nil, ErrCorrupt
	}
	nonce, ct := sealed[:chacha20poly1305.NonceSizeX], sealed[chacha20poly1305.NonceSizeX:]
	pt, err := aead.Open(nil, nonce, ct, aad)
	if err != nil {
		return nil, ErrCorrupt
	}
	return pt, nil
}

// randomBytes returns n bytes from the system's secure generator.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("store: no randomness: " + err.Error())
	}
	return b
}
