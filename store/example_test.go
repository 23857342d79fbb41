package store_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"qingfeng/store"
)

// Example creates a vault, stores a record, finds it by a Chinese
// substring, reads it back, verifies the audit chain and locks the vault.
func Example() {
	dir, err := os.MkdirTemp("", "qingfeng-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// FastKDF is the weakest Argon2id the vault accepts, as the tests use;
	// the program passes no KDF and calibrates instead.
	kdf := store.FastKDF()
	opts := &store.Options{Actor: "承办人", KDF: &kdf, Sleep: func(time.Duration) {}}
	v, _, err := store.Create(dir, []byte("correct horse battery"), opts)
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()

	data, _ := json.Marshal(map[string]string{"title": "关于王某某违规收受礼金问题的初步核实报告"})
	rec := &store.Record{Type: "note", Data: data}
	if err := v.Update(func(tx *store.Tx) error { return tx.Put(rec) }); err != nil {
		log.Fatal(err)
	}
	fmt.Println("stored at revision", rec.Rev)

	err = v.View(func(tx *store.Tx) error {
		for _, q := range []string{"礼金", "违规收受", "受贿"} {
			res, err := tx.Search(q, 10)
			if err != nil {
				return err
			}
			fmt.Printf("search %q: %d found\n", q, res.Total)
		}
		got, err := tx.Get("note", rec.ID)
		if err != nil {
			return err
		}
		var body struct{ Title string }
		if err := json.Unmarshal(got.Data, &body); err != nil {
			return err
		}
		fmt.Println("read back:", body.Title)
		n, problems := tx.VerifyAudit()
		fmt.Printf("audit chain: %d entries, %d problems\n", n, len(problems))
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("check ok:", v.Check().OK())

	// Close wipes the keys and releases the file lock; the vault is locked.
	v.Close()
	err = v.View(func(*store.Tx) error { return nil })
	fmt.Println("after Close:", errors.Is(err, store.ErrClosed))

	// Output:
	// stored at revision 1
	// search "礼金": 1 found
	// search "违规收受": 1 found
	// search "受贿": 0 found
	// read back: 关于王某某违规收受礼金问题的初步核实报告
	// audit chain: 2 entries, 0 problems
	// check ok: true
	// after Close: true
}
