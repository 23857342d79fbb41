package bundle

import (
	"bytes"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// party is one vault's keys in a test: its identity and its public contact.
type party struct {
	id      *Identity
	contact Contact
}

func newParty(t testing.TB, name string) party {
	t.Helper()
	id, err := NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return party{id: id, contact: id.Contact(name)}
}

// memEntry is an entry whose content is data, with its hash given.
func memEntry(path string, data []byte) Entry {
	return Entry{
		Path:   path,
		Size:   int64(len(data)),
		SHA256: sha256.Sum256(data),
		Open:   func() (io.Reader, error) { return bytes.NewReader(data), nil },
	}
}

// attachment is an attachment entry named after its content's hash.
func attachment(data []byte) Entry {
	return memEntry(AttachmentPath(sha256.Sum256(data)), data)
}

// pseudoRandom returns n deterministic bytes that do not compress.
func pseudoRandom(n int, seed byte) []byte {
	out := make([]byte, 0, n+32)
	block := sha256.Sum256([]byte{seed})
	for len(out) < n {
		out = append(out, block[:]...)
		block = sha256.Sum256(block[:])
	}
	return out[:n]
}

// sampleEntries is a small dossier export: records with rare characters,
// attachments across chunk boundaries (one empty), audit entries.
func sampleEntries() []Entry {
	return []Entry{
		memEntry(AuditPath(1), []byte(`{"seq":1,"what":"导出"}`)),
		attachment(pseudoRandom(200_000, 1)),
		memEntry(RecordPath("dossier", "䶮𠮷喆-0001"), []byte(`{"name":"王䶮","subject":"𠮷喆","note":"堃"}`)),
		attachment(nil),
		memEntry(RecordPath("lead", "L-2026-07"), []byte(`{"source":"信访举报"}`)),
		attachment([]byte("扫描件 page 1")),
		memEntry(AuditPath(2), []byte(`{"seq":2}`)),
	}
}

// sendOptions are the options of a bundle from sender to the given
// contacts, at a fixed time.
func sendOptions(sender party, to ...Contact) WriteOptions {
	return WriteOptions{
		Sender:     sender.id,
		SenderName: sender.contact.Name,
		To:         to,
		Dossiers:   []DossierRef{{Type: "dossier", ID: "䶮𠮷喆-0001", Rev: "7"}},
		Created:    time.Date(2026, 3, 5, 9, 30, 0, 0, time.UTC),
	}
}

// writeBundle writes a bundle file in a fresh temp dir and returns its path.
func writeBundle(t testing.TB, entries []Entry, opts WriteOptions) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.qfb")
	if _, err := WriteFile(path, entries, opts); err != nil {
		t.Fatalf("WriteFile: %v", err)
	}
	return path
}

// readAllEntries walks a bundle and returns each entry's content by path.
func readAllEntries(t testing.TB, r *Reader) (map[string][]byte, []string) {
	t.Helper()
	got := map[string][]byte{}
	var order []string
	err := r.Walk(func(e Entry, content io.Reader) error {
		b, err := io.ReadAll(content)
		got[e.Path] = b
		order = append(order, e.Path)
		return err
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return got, order
}

// readFile reads a file or fails the test.
func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
