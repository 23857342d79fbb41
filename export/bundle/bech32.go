package bundle

import (
	"errors"
	"strings"

	"filippo.io/age"
)

// bech32Alphabet maps 5-bit values to characters (BIP 173).
const bech32Alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// decodeAgeRecipient returns the 32-byte X25519 public key of an "age1…"
// recipient. age validates the string and its checksum first; this function
// only unpacks the 5-bit data characters (those between the "1" separator
// and the 6-character checksum) into bytes.
func decodeAgeRecipient(s string) ([]byte, error) {
	r, err := age.ParseX25519Recipient(s)
	if err != nil {
		return nil, err
	}
	return unpackBech32(r.String())
}

// unpackBech32 converts the data part of a valid lowercase bech32 string to
// bytes, dropping the final partial group of zero padding bits.
func unpackBech32(s string) ([]byte, error) {
	sep := strings.LastIndexByte(s, '1')
	if sep < 0 || len(s)-sep-1 < 6 {
		return nil, errors.New("bech32: no data part")
	}
	data := s[sep+1 : len(s)-6]
	var out []byte
	acc, bits := uint32(0), 0
	for i := 0; i < len(data); i++ {
		v := strings.IndexByte(bech32Alphabet, data[i])
		if v < 0 {
			return nil, errors.New("bech32: invalid character")
		}
		acc = acc<<5 | uint32(v)
		bits += 5
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
			acc &= 1<<bits - 1
		}
	}
	if bits >= 5 || acc != 0 {
		return nil, errors.New("bech32: non-zero padding")
	}
	return out, nil
}
