package bundle_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log"
	"time"

	"qingfeng/export/bundle"
)

// entry is a bundle entry whose content is data; the writer hashes it.
func entry(path string, data []byte) bundle.Entry {
	return bundle.Entry{
		Path: path,
		Size: int64(len(data)),
		Open: func() (io.Reader, error) { return bytes.NewReader(data), nil },
	}
}

// Example writes a bundle to a buffer for one recipient and reads it back
// as that recipient, who knows the sender as a contact.
func Example() {
	sender, err := bundle.NewIdentity()
	if err != nil {
		log.Fatal(err)
	}
	receiver, err := bundle.NewIdentity()
	if err != nil {
		log.Fatal(err)
	}

	scan := []byte("询问笔录 扫描件")
	entries := []bundle.Entry{ // in any order: Write puts records first
		entry(bundle.AuditPath(1), []byte(`{"seq":1,"action":"create"}`)),
		entry(bundle.AttachmentPath(sha256.Sum256(scan)), scan),
		entry(bundle.RecordPath("case", "c-0001"), []byte(`{"title":"王某某违规收受礼金案"}`)),
	}
	var buf bytes.Buffer
	_, err = bundle.Write(&buf, entries, bundle.WriteOptions{
		Sender:     sender,
		SenderName: "甲市纪委",
		To:         []bundle.Contact{receiver.Contact("乙县纪委")},
		Dossiers:   []bundle.DossierRef{{Type: "case", ID: "c-0001", Rev: "1"}},
		Created:    time.Date(2026, 3, 5, 9, 30, 0, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}

	src := bytes.NewReader(buf.Bytes())
	r, err := bundle.Open(src, src.Size(), bundle.ReadOptions{
		Identity: receiver,
		Contacts: []bundle.Contact{sender.Contact("甲市纪委")},
	})
	if err != nil {
		log.Fatal(err)
	}
	m := r.Manifest()
	fmt.Println("from:", r.Sender().Name, "created:", m.Created.Format(time.DateOnly))
	err = r.Walk(func(e bundle.Entry, content io.Reader) error {
		b, err := io.ReadAll(content)
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		switch info.Kind {
		case bundle.KindAttachment: // named by its SHA-256: not printed here
			fmt.Printf("attachment (%d bytes) %s\n", len(b), b)
		default:
			fmt.Println(e.Path, string(b))
		}
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}

	// Anyone else cannot open it.
	other, _ := bundle.NewIdentity()
	_, err = bundle.Open(src, src.Size(), bundle.ReadOptions{Identity: other})
	fmt.Println("other key:", errors.Is(err, bundle.ErrWrongKey))

	// Output:
	// from: 甲市纪委 created: 2026-03-05
	// records/case/c-0001.json {"title":"王某某违规收受礼金案"}
	// attachment (22 bytes) 询问笔录 扫描件
	// audit/1.json {"seq":1,"action":"create"}
	// other key: true
}
