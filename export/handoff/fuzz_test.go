package handoff

import (
	"bytes"
	"encoding/json"
	"testing"

	"qingfeng/export/bundle"
	"qingfeng/store"
)

// FuzzDecodeRecord feeds the importer's record decoder envelopes taken
// from a real vault, and broken ones. It must never panic, and a record it
// accepts must survive being sent again unchanged (encode, decode).
func FuzzDecodeRecord(f *testing.F) {
	v := newVault(f, "甲")
	fx := seedCase(f, v)
	err := v.View(func(tx *store.Tx) error {
		for _, k := range travelled(fx) {
			r, err := tx.Get(k[0], k[1])
			if err != nil {
				return err
			}
			b, err := encodeRecord(r)
			if err != nil {
				return err
			}
			path := bundle.RecordPath(k[0], k[1])
			f.Add(path, b)
			f.Add(path, b[:len(b)/2])
			f.Add(bundle.RecordPath(TypeIdentity, IdentityID), b)
			f.Add(path, bytes.Replace(b, []byte(`"versions":{`), []byte(`"versions":{"x":1,`), 1))
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, path string, data []byte) {
		info, err := bundle.ParsePath(path)
		if err != nil || info.Kind != bundle.KindRecord {
			return
		}
		r, err := decodeRecord(data, info)
		if err != nil {
			return
		}
		again, err := encodeRecord(r)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := decodeRecord(again, info)
		if err != nil {
			t.Fatalf("accepted once, refused when sent again: %v", err)
		}
		a, _ := json.Marshal(r)
		b, _ := json.Marshal(r2)
		if !bytes.Equal(a, b) {
			t.Fatalf("changed in transit:\n%s\n%s", a, b)
		}
	})
}
