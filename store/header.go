package store

import (
	"encoding/json"
	"fmt"
)

// formatVersion is the on-disk layout this build writes and reads.
const formatVersion = 1

// header is the only unencrypted value in a vault. It holds what is needed to
// unwrap the data key and nothing about the dossiers.
type header struct {
	Format       int       `json:"format"`
	VaultID      []byte    `json:"vault_id"` // 16 random bytes, bound into every key wrap
	Machine      string    `json:"machine"`  // id of the installation that writes with this file
	KDF          KDFParams `json:"kdf"`
	PassWrap     []byte    `json:"pass_wrap"`     // data key sealed under the Argon2id key
	RecoveryWrap []byte    `json:"recovery_wrap"` // data key sealed under the recovery key
}

// Bucket and key names. Bucket names say what kind of value lives there, never
// what it says.
var (
	bucketMeta  = []byte("meta")  // header, failed-unlock counter, sealed audit head
	bucketRec   = []byte("rec")   // type\x00id -> sealed Record
	bucketDocs  = []byte("docs")  // doc number -> type\x00id
	bucketIdx   = []byte("idx")   // token||chunk -> sealed posting list
	bucketAudit = []byte("audit") // seq -> sealed AuditEntry
	bucketAtt   = []byte("att")   // attachment id\x00chunk -> sealed chunk

	keyHeader    = []byte("header")
	keyFailures  = []byte("failures")
	keyAuditHead = []byte("audit_head")
)

var allBuckets = [][]byte{bucketMeta, bucketRec, bucketDocs, bucketIdx, bucketAudit, bucketAtt}

// passAAD and recoveryAAD bind a key wrap to its purpose and to this vault.
func (h *header) passAAD() []byte { return append([]byte("qingfeng pass wrap v1\x00"), h.VaultID...) }
func (h *header) recoveryAAD() []byte {
	return append([]byte("qingfeng recovery wrap v1\x00"), h.VaultID...)
}

// decodeHeader parses and sanity-checks the stored header.
func decodeHeader(b []byte) (*header, error) {
	var h header
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrCorrupt, err)
	}
	if h.Format > formatVersion {
		return nil, fmt.Errorf("%w (format %d)", ErrUnsupported, h.Format)
	}
	if h.Format < 1 || len(h.VaultID) != 16 || len(h.PassWrap) == 0 {
		return nil, fmt.Errorf("%w: header fields", ErrCorrupt)
	}
	if err := h.KDF.validate(); err != nil {
		return nil, err
	}
	return &h, nil
}

// unwrapPass recovers the data key from the passphrase.
func (h *header) unwrapPass(passphrase []byte) ([]byte, error) {
	dk, err := open(h.KDF.derive(passphrase), h.passAAD(), h.PassWrap)
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return dk, nil
}

// unwrapRecovery recovers the data key from a recovery key.
func (h *header) unwrapRecovery(k RecoveryKey) ([]byte, error) {
	raw, err := parseRecoveryKey(k)
	if err != nil {
		return nil, err
	}
	dk, err := open(recoveryKEK(raw, h.VaultID), h.recoveryAAD(), h.RecoveryWrap)
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return dk, nil
}

// wrapPass seals the data key under a fresh salt and the given passphrase.
func (h *header) wrapPass(dataKey, passphrase []byte, p KDFParams) {
	p.Salt = randomBytes(16)
	h.KDF = p
	h.PassWrap = seal(p.derive(passphrase), h.passAAD(), dataKey)
}
