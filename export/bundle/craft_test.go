package bundle

import (
	"archive/tar"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"
)

// Helpers that build bundles by hand, so tests can make every kind of bad
// bundle a careless or hostile sender could make, with real encryption and
// real signatures.

// tarItem is one archive entry as it will be written, header and all.
type tarItem struct {
	hdr  tar.Header
	data []byte
}

func regular(name string, data []byte) tarItem {
	return tarItem{hdr: tar.Header{Typeflag: tar.TypeReg, Name: name, Size: int64(len(data)), Mode: 0o600,
		ModTime: time.Unix(1_700_000_000, 0)}, data: data}
}

// draft is a bundle before encryption: a manifest to sign, and the items.
type draft struct {
	man   *Manifest
	items []tarItem // entries after manifest.json and manifest.sig
}

// legitDraft is the draft of a correct bundle of sampleEntries from sender.
func legitDraft(t testing.TB, sender party) *draft {
	t.Helper()
	p, err := newPlan(sampleEntries(), sendOptions(sender, sender.contact), 1)
	if err != nil {
		t.Fatal(err)
	}
	d := &draft{man: p.man}
	for _, e := range p.entries {
		r, _ := e.Open()
		data, _ := io.ReadAll(r)
		d.items = append(d.items, regular(e.Path, data))
	}
	return d
}

// head returns the manifest.json and manifest.sig items, signed by signer.
func (d *draft) head(t testing.TB, signer *Identity) []tarItem {
	t.Helper()
	mjson, err := d.man.encode()
	if err != nil {
		t.Fatal(err)
	}
	return []tarItem{regular(ManifestName, mjson), regular(SignatureName, signer.signManifest(mjson))}
}

// archiveBytes writes items as a tar stream with its end marker.
func archiveBytes(t testing.TB, items []tarItem) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, it := range items {
		hdr := it.hdr
		if err := tw.WriteHeader(&hdr); err != nil {
			t.Fatalf("%s: %v", hdr.Name, err)
		}
		if _, err := tw.Write(it.data); err != nil {
			t.Fatalf("%s: %v", hdr.Name, err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// seal pads plain to whole 64 KiB chunks, as our writer does, and encrypts
// it with age to the recipients.
func seal(t testing.TB, plain []byte, to ...age.Recipient) []byte {
	t.Helper()
	pad := (chunkSize - len(plain)%chunkSize) % chunkSize
	return sealRaw(t, append(plain, make([]byte, pad)...), to...)
}

// sealRaw encrypts plain with age without padding.
func sealRaw(t testing.TB, plain []byte, to ...age.Recipient) []byte {
	t.Helper()
	var out bytes.Buffer
	w, err := age.Encrypt(&out, to...)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// build signs the draft with signer, archives and seals it to bob.
func (d *draft) build(t testing.TB, signer *Identity, to party) []byte {
	t.Helper()
	items := append(d.head(t, signer), d.items...)
	return seal(t, archiveBytes(t, items), to.id.age.Recipient())
}

// openVerify writes data to a file, opens it and verifies it, returning the
// first error.
func openVerify(t testing.TB, data []byte, opts ReadOptions) error {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.qfb")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	rc, err := OpenFile(path, opts)
	if err != nil {
		return err
	}
	defer rc.Close()
	return rc.Verify()
}

// allSentinels lists every error of the package's var block.
var allSentinels = []error{
	ErrWrongKey, ErrCorrupt, ErrTruncated, ErrNotBundle, ErrVersion, ErrManifest,
	ErrUnsafePath, ErrDuplicate, ErrUnlisted, ErrMissing, ErrNotRegular, ErrSize,
	ErrTooLarge, ErrHash, ErrSignature, ErrSenderMismatch, ErrUnknownSender,
	ErrBadIdentity, ErrBadContact, ErrBadEntry, ErrOptions,
}

// checkOnly fails unless err matches want and no other sentinel.
func checkOnly(t testing.TB, err, want error) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", want)
	}
	for _, s := range allSentinels {
		if errors.Is(err, s) != (s == want) {
			t.Fatalf("error %q: errors.Is(%v) = %v", err, s, s != want)
		}
	}
}
