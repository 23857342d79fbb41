package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

// FuzzDecodePosting: any bytes either fail to decode or give sorted offsets
// that encode back to an equal list.
func FuzzDecodePosting(f *testing.F) {
	f.Add(encodePosting([]uint16{1, 5, 9}))
	f.Add(encodePosting(make([]uint16, 0)))
	big := make([]uint16, 3000)
	for i := range big {
		big[i] = uint16(i * 5)
	}
	f.Add(encodePosting(big))
	f.Add([]byte{0, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		offs, err := decodePosting(b)
		if err != nil {
			return
		}
		if !slices.IsSorted(offs) {
			t.Fatal("unsorted offsets accepted")
		}
		again, err := decodePosting(encodePosting(offs))
		if err != nil || !slices.Equal(again, offs) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

// FuzzDecodeHeader: a damaged header is refused or accepted, never a panic,
// and an accepted one has sane key derivation parameters.
func FuzzDecodeHeader(f *testing.F) {
	h := &header{Format: 1, VaultID: make([]byte, 16), Machine: "m", PassWrap: []byte{1}}
	h.KDF = FastKDF()
	h.KDF.Salt = make([]byte, 16)
	b, _ := json.Marshal(h)
	f.Add(b)
	f.Add([]byte(`{"format":99}`))
	f.Add([]byte(`{"format":1,"kdf":{"memory_kib":4294967295}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := decodeHeader(b)
		if err == nil && (h.KDF.MemoryKiB > 1<<20 || h.KDF.MemoryKiB < MinMemoryKiB) {
			t.Fatalf("accepted KDF %+v", h.KDF)
		}
	})
}

// FuzzBackupHeader: the unsealed part of a backup never panics or allocates
// from an unchecked length.
func FuzzBackupHeader(f *testing.F) {
	f.Add([]byte(backupMagic + "\x00\x00\x00\x02{}"))
	f.Add([]byte(backupMagic + "\xff\xff\xff\xff"))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, b []byte) {
		readBackupHeader(bufio.NewReader(bytes.NewReader(b)))
	})
}

// FuzzRecordJSON: arbitrary record data is either refused as invalid or
// stored, found again by its text, and read back equal.
func FuzzRecordJSON(f *testing.F) {
	v := newVault(f)
	f.Add([]byte(`{"title":"关于王䶮的问题线索"}`))
	f.Add([]byte(`{"a":["𠮷",{"b":"喆"}],"n":1.5,"x":null}`))
	f.Add([]byte(`{"title":"\u0000\ud800"}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &Record{Type: "fuzz", Data: data}
		err := v.Update(func(tx *Tx) error { return tx.Put(r) })
		if err != nil {
			return
		}
		got := get(t, v, "fuzz", r.ID)
		if !bytes.Equal(bytes.TrimSpace(got.Data), bytes.TrimSpace(compactJSON(data))) {
			t.Fatalf("data changed: %q -> %q", data, got.Data)
		}
		for _, s := range textOf(got.Data) {
			if segs := segments(s); len(segs) > 0 && len(search(t, v, string(segs[0]))) == 0 {
				t.Fatalf("text %q not found", string(segs[0]))
			}
		}
		v.Update(func(tx *Tx) error { return tx.Delete("fuzz", r.ID) })
	})
}

func compactJSON(b []byte) []byte {
	var buf bytes.Buffer
	if json.Compact(&buf, b) != nil {
		return b
	}
	return buf.Bytes()
}
