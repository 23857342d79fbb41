package bundle

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"filippo.io/age"
)

// FuzzOpen feeds arbitrary files to Open, Verify and Walk. Seeds are the
// bundles in testdata/. Properties: no panic; every failure carries exactly
// one of the package's sentinels; a bundle that verifies walks to the same
// content hashes, and its manifest survives an encode/parse round trip.
func FuzzOpen(f *testing.F) {
	for _, data := range testdataBundles(f) {
		f.Add(data)
	}
	bob, alice := testdataKeys(f)
	opts := ReadOptions{Identity: bob, Contacts: []Contact{alice}, TrustUnknown: func(Contact) bool { return true }}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkBundleProperties(t, data, opts)
	})
}

// FuzzPlaintext fuzzes below the encryption: the manifest and the archive
// after its head. The target signs the manifest with alice's key and seals
// everything to bob, so mutations reach the manifest parser and the entry
// checks instead of stopping at age's authentication.
func FuzzPlaintext(f *testing.F) {
	bob, _ := testdataKeys(f)
	alice, err := ParseIdentity(bytes.TrimSpace(readFile(f, aliceIdentityFile)))
	if err != nil {
		f.Fatal(err)
	}
	for _, data := range testdataBundles(f) {
		if manifest, body, ok := splitPlaintext(data, bob); ok {
			f.Add(manifest, body)
		}
	}
	opts := ReadOptions{Identity: bob, TrustUnknown: func(Contact) bool { return true }}
	f.Fuzz(func(t *testing.T, manifest, body []byte) {
		head := tarHead(t, manifest, alice.signManifest(manifest))
		sealed := seal(t, append(head, body...), bob.age.Recipient())
		checkBundleProperties(t, sealed, opts)
	})
}

func checkBundleProperties(t *testing.T, data []byte, opts ReadOptions) {
	r, err := Open(bytes.NewReader(data), int64(len(data)), opts)
	if err == nil {
		err = r.Verify()
	}
	if err != nil {
		checkOneSentinel(t, err)
		return
	}
	m := r.Manifest()
	err = r.Walk(func(e Entry, content io.Reader) error {
		h := sha256.New()
		if _, err := io.Copy(h, content); err != nil {
			return err
		}
		if [32]byte(h.Sum(nil)) != e.SHA256 {
			t.Fatalf("%s: walked content differs from the manifest hash", e.Path)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Verify passed but Walk failed: %v", err)
	}
	encoded, err := m.encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := parseManifest(encoded)
	if err != nil || !reflect.DeepEqual(normalize(*back), normalize(m)) {
		t.Fatalf("manifest round trip: %v\n%+v\n%+v", err, *back, m)
	}
}

// normalize makes empty and nil lists compare equal.
func normalize(m Manifest) Manifest {
	if len(m.Dossiers) == 0 {
		m.Dossiers = nil
	}
	if len(m.Entries) == 0 {
		m.Entries = nil
	}
	return m
}

func checkOneSentinel(t *testing.T, err error) {
	n := 0
	for _, s := range allSentinels {
		if errors.Is(err, s) {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("error %q matches %d sentinels, want 1", err, n)
	}
}

// testdataBundles reads every .qfb file in testdata/.
func testdataBundles(tb testing.TB) [][]byte {
	paths, err := filepath.Glob("testdata/*.qfb")
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no testdata bundles: %v", err)
	}
	var out [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// splitPlaintext decrypts a bundle and splits its archive into the
// manifest bytes and the raw archive after manifest.sig, without the zero
// padding beyond the end marker.
func splitPlaintext(data []byte, bob *Identity) (manifest, body []byte, ok bool) {
	plain, err := decryptAll(bytes.NewReader(data), int64(len(data)), []age.Identity{bob.age})
	if err != nil {
		return nil, nil, false
	}
	cr := &countReader{r: bytes.NewReader(plain)}
	tr := tar.NewReader(cr)
	if hdr, err := tr.Next(); err != nil || hdr.Name != ManifestName {
		return nil, nil, false
	}
	manifest, _ = io.ReadAll(tr)
	if _, err := tr.Next(); err != nil {
		return nil, nil, false
	}
	io.Copy(io.Discard, tr)
	start := (cr.n + 511) / 512 * 512 // tar skips the sig's block padding lazily
	body = bytes.TrimRight(plain[start:], "\x00")
	end := (len(body) + 511) / 512 * 512
	return manifest, append(body, make([]byte, end-len(body)+1024)...), true
}

// tarHead is the start of an archive: manifest.json and manifest.sig.
func tarHead(t *testing.T, manifest, sig []byte) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, it := range []tarItem{regular(ManifestName, manifest), regular(SignatureName, sig)} {
		if err := tw.WriteHeader(&it.hdr); err != nil {
			t.Fatal(err)
		}
		tw.Write(it.data)
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// countReader counts bytes read, to find where tar stopped reading.
type countReader struct {
	r io.Reader
	n int
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestPlaintextSeedsRebuild checks that FuzzPlaintext's split and rebuild
// turns the valid testdata bundles into valid bundles again, so the fuzzer
// starts from inputs that pass every check.
func TestPlaintextSeedsRebuild(t *testing.T) {
	bob, aliceContact := testdataKeys(t)
	alice, err := ParseIdentity(bytes.TrimSpace(readFile(t, aliceIdentityFile)))
	if err != nil || !alice.Contact(aliceContact.Name).sameKeys(aliceContact) {
		t.Fatalf("alice's testdata identity does not match her contact: %v", err)
	}
	for _, name := range []string{"valid-sample.qfb", "valid-empty.qfb"} {
		manifest, body, ok := splitPlaintext(readFile(t, filepath.Join("testdata", name)), bob)
		if !ok {
			t.Fatalf("%s: cannot split", name)
		}
		sealed := seal(t, append(tarHead(t, manifest, alice.signManifest(manifest)), body...), bob.age.Recipient())
		if err := openVerify(t, sealed, ReadOptions{Identity: bob, Contacts: []Contact{aliceContact}}); err != nil {
			t.Errorf("%s rebuilt: %v", name, err)
		}
	}
}
