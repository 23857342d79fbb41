package bundle

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

func TestWriteRefusesBadOptions(t *testing.T) {
	alice, bob := newParty(t, "甲"), newParty(t, "乙")
	cases := map[string]WriteOptions{
		"no sender":             {SenderName: "甲", To: []Contact{bob.contact}},
		"zero sender identity":  {Sender: &Identity{}, SenderName: "甲", To: []Contact{bob.contact}},
		"no sender name":        {Sender: alice.id, To: []Contact{bob.contact}},
		"no recipient":          {Sender: alice.id, SenderName: "甲"},
		"contacts and a phrase": {Sender: alice.id, SenderName: "甲", To: []Contact{bob.contact}, Passphrase: "x"},
	}
	for name, opts := range cases {
		_, err := Write(io.Discard, sampleEntries(), opts)
		if !errors.Is(err, ErrOptions) {
			t.Errorf("%s: %v, want ErrOptions", name, err)
		}
	}
	if _, err := Open(bytes.NewReader(nil), 0, ReadOptions{Identity: &Identity{}}); !errors.Is(err, ErrOptions) {
		t.Errorf("reading with a zero identity: %v", err)
	}
	if _, err := Open(bytes.NewReader(nil), 0, ReadOptions{}); !errors.Is(err, ErrOptions) {
		t.Errorf("reading with no key: %v", err)
	}
	broken := bob.contact
	broken.SigningKey = broken.SigningKey[:5]
	_, err := Write(io.Discard, sampleEntries(), sendOptions(alice, broken))
	checkOnly(t, err, ErrBadContact)
}

func TestWriteRefusesBadEntries(t *testing.T) {
	alice, bob := newParty(t, "甲"), newParty(t, "乙")
	ok := memEntry(RecordPath("dossier", "1"), []byte("{}"))
	cases := []struct {
		name  string
		entry Entry
		want  error
	}{
		{"unsafe path", memEntry("../x.json", nil), ErrUnsafePath},
		{"absolute path", memEntry("/records/dossier/1.json", nil), ErrUnsafePath},
		{"path outside the layout", memEntry("notes.txt", nil), ErrBadEntry},
		{"record type with capitals", memEntry(RecordPath("Dossier", "1"), nil), ErrBadEntry},
		{"record id with a slash", memEntry("records/dossier/a/b.json", nil), ErrBadEntry},
		{"audit seq with a leading zero", memEntry("audit/01.json", nil), ErrBadEntry},
		{"attachment name in capitals", memEntry("attachments/"+strings.Repeat("AB", 32), nil), ErrBadEntry},
		{"negative size", Entry{Path: ok.Path, Size: -1, Open: ok.Open}, ErrBadEntry},
		{"no Open", Entry{Path: RecordPath("dossier", "2"), Size: 2}, ErrBadEntry},
		{"duplicate", ok, ErrDuplicate},
		{"attachment named after another hash", Entry{Path: AttachmentPath([32]byte{1}), Size: 1,
			Open: func() (io.Reader, error) { return strings.NewReader("x"), nil }}, ErrHash},
	}
	for _, tc := range cases {
		_, err := Write(io.Discard, []Entry{ok, tc.entry}, sendOptions(alice, bob.contact))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

// TestWriteChecksWhileWriting: an entry whose reader gives fewer or more
// bytes than declared, different bytes than hashed, or fails, stops the
// write with ErrSize, ErrHash or the reader's own error.
func TestWriteChecksWhileWriting(t *testing.T) {
	alice, bob := newParty(t, "甲"), newParty(t, "乙")
	data := []byte(`{"案由":"违规收受礼金"}`)
	readerErr := errors.New("disk on fire")
	cases := []struct {
		name string
		open func() (io.Reader, error)
		want error
	}{
		{"short", func() (io.Reader, error) { return bytes.NewReader(data[:4]), nil }, ErrSize},
		{"long", func() (io.Reader, error) { return io.MultiReader(bytes.NewReader(data), strings.NewReader("+")), nil }, ErrSize},
		{"changed", func() (io.Reader, error) {
			return bytes.NewReader(bytes.Replace(data, []byte("礼金"), []byte("礼品"), 1)), nil
		}, ErrHash},
		{"failing", func() (io.Reader, error) { return iotest.ErrReader(readerErr), nil }, readerErr},
		{"open fails", func() (io.Reader, error) { return nil, readerErr }, readerErr},
	}
	for _, tc := range cases {
		e := memEntry(RecordPath("dossier", "1"), data)
		e.Open = tc.open
		_, err := Write(io.Discard, []Entry{e}, sendOptions(alice, bob.contact))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

// closeCounter is an entry reader that records its Close.
type closeCounter struct {
	io.Reader
	closed *int
}

func (c closeCounter) Close() error { *c.closed++; return nil }

func TestWriteClosesReaders(t *testing.T) {
	alice, bob := newParty(t, "甲"), newParty(t, "乙")
	closed, opened := 0, 0
	e := memEntry(RecordPath("dossier", "1"), []byte("{}"))
	e.SHA256 = [32]byte{} // so it is opened twice: hashing, writing
	e.Open = func() (io.Reader, error) {
		opened++
		return closeCounter{strings.NewReader("{}"), &closed}, nil
	}
	if _, err := WriteFile(filepath.Join(t.TempDir(), "b.qfb"), []Entry{e}, sendOptions(alice, bob.contact)); err != nil {
		t.Fatal(err)
	}
	if opened != 2 || closed != 2 {
		t.Errorf("opened %d, closed %d; want 2 and 2", opened, closed)
	}
}

// TestWriteFileReplacesAtomically writes over an existing bundle and
// leaves only the new one, with no temporary files.
func TestWriteFileReplacesAtomically(t *testing.T) {
	alice, bob := newParty(t, "甲"), newParty(t, "乙")
	dir := t.TempDir()
	path := filepath.Join(dir, "交接.qfb")
	os.WriteFile(path, []byte("old"), 0o600)
	if _, err := WriteFile(path, sampleEntries(), sendOptions(alice, bob.contact)); err != nil {
		t.Fatal(err)
	}
	names, _ := os.ReadDir(dir)
	if len(names) != 1 || names[0].Name() != "交接.qfb" {
		t.Errorf("directory holds %v", names)
	}
	rc, err := OpenFile(path, ReadOptions{Identity: bob.id, Contacts: []Contact{alice.contact}})
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if err := rc.Verify(); err != nil {
		t.Fatal(err)
	}
}

// TestEmptyBundle writes and reads a bundle with no entries at all.
func TestEmptyBundle(t *testing.T) {
	alice, bob := newParty(t, "甲"), newParty(t, "乙")
	path := writeBundle(t, nil, sendOptions(alice, bob.contact))
	rc, err := OpenFile(path, ReadOptions{Identity: bob.id, Contacts: []Contact{alice.contact}})
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if err := rc.Verify(); err != nil || len(rc.Manifest().Entries) != 0 {
		t.Errorf("empty bundle: %v, %d entries", err, len(rc.Manifest().Entries))
	}
}
