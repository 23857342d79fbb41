package bundle

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	agetest "c2sp.org/CCTV/age"
	"filippo.io/age"
)

// cctvVector is one C2SP CCTV age test vector: a text header of
// "key: value" lines, an empty line, then the (maybe zlib-compressed) file.
type cctvVector struct {
	expect   string
	payload  [32]byte // SHA-256 of all plaintext released, even on failure
	ids      []age.Identity
	armored  bool
	contents []byte
}

func parseCCTV(t *testing.T, raw []byte) cctvVector {
	t.Helper()
	head, body, ok := bytes.Cut(raw, []byte("\n\n"))
	if !ok {
		t.Fatal("vector has no empty line")
	}
	v := cctvVector{contents: body}
	for _, line := range strings.Split(string(head), "\n") {
		key, value, _ := strings.Cut(line, ": ")
		if err := v.set(key, value); err != nil {
			t.Fatalf("%s: %v", key, err)
		}
	}
	return v
}

func (v *cctvVector) set(key, value string) error {
	switch key {
	case "expect":
		v.expect = value
	case "payload":
		_, err := hex.Decode(v.payload[:], []byte(value))
		return err
	case "identity":
		ids, err := age.ParseIdentities(strings.NewReader(value))
		v.ids = append(v.ids, ids...)
		return err
	case "passphrase":
		id, err := age.NewScryptIdentity(value)
		v.ids = append(v.ids, id)
		return err
	case "armored":
		v.armored = value == "yes"
	case "compressed":
		zr, err := zlib.NewReader(bytes.NewReader(v.contents))
		if err != nil {
			return err
		}
		v.contents, err = io.ReadAll(zr)
		return err
	}
	return nil
}

// TestCCTVVectors runs the C2SP CCTV age vectors through openAge and
// plainReader, the decryption path of every bundle read. Bundles are never
// ASCII-armored, so armored vectors must be refused as ErrNotBundle.
func TestCCTVVectors(t *testing.T) {
	names, err := fs.ReadDir(agetest.Vectors, ".")
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, n := range names {
		raw, err := fs.ReadFile(agetest.Vectors, n.Name())
		if err != nil {
			t.Fatal(err)
		}
		v := parseCCTV(t, raw)
		counts[v.expect]++
		t.Run(n.Name(), func(t *testing.T) { checkCCTV(t, n.Name(), v) })
	}
	if counts["success"] < 10 || counts["payload failure"] == 0 || counts["no match"] == 0 {
		t.Errorf("suspicious vector counts: %v", counts)
	}
}

func checkCCTV(t *testing.T, name string, v cctvVector) {
	path := filepath.Join(t.TempDir(), "v.age")
	if err := os.WriteFile(path, v.contents, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	released, err := decryptAll(f, int64(len(v.contents)), v.ids)
	want := expectedCCTV(name, v)
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("expected success, got %v", err)
		}
	} else if !isAny(err, want) {
		t.Fatalf("expect %q: got %v, want one of %v", v.expect, err, want)
	}
	if !v.armored && (v.expect == "success" || v.expect == "payload failure") {
		if sha256.Sum256(released) != v.payload {
			t.Errorf("released plaintext hash differs from the vector's payload hash")
		}
	}
}

// cctvHeaderExceptions are the header failures that are not ErrCorrupt:
// files whose first line is not the age v1 intro, and files that end before
// the payload nonce.
var cctvHeaderExceptions = map[string]error{
	"header_crlf":         ErrNotBundle,
	"version_unsupported": ErrNotBundle,
	"empty":               ErrTruncated,
	"stream_no_nonce":     ErrTruncated,
	"stream_short_nonce":  ErrTruncated,
}

// expectedCCTV maps a vector's expectation to our errors (none: success).
// A payload failure may be ErrTruncated or ErrCorrupt: plainReader decides
// by the payload length, which is a whole number of chunks only for our
// own (padded) bundles, not for these general age files.
func expectedCCTV(name string, v cctvVector) []error {
	if v.armored {
		return []error{ErrNotBundle}
	}
	if e, ok := cctvHeaderExceptions[name]; ok && v.expect == "header failure" {
		return []error{e}
	}
	switch v.expect {
	case "success":
		return nil
	case "no match":
		return []error{ErrWrongKey}
	case "HMAC failure":
		return []error{ErrCorrupt}
	case "header failure":
		return []error{ErrCorrupt}
	case "payload failure":
		return []error{ErrCorrupt, ErrTruncated}
	}
	return []error{errors.New("unknown expectation " + v.expect)}
}

func isAny(err error, targets []error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}

// decryptAll opens src with our decryption layer and reads the plaintext to
// the end, returning what was released before any error.
func decryptAll(src io.ReaderAt, size int64, ids []age.Identity) ([]byte, error) {
	af, err := openAge(src, size, ids...)
	if err != nil {
		return nil, err
	}
	pr, err := af.plaintext()
	if err != nil {
		return nil, err
	}
	defer pr.close()
	var out bytes.Buffer
	_, err = io.Copy(&out, pr)
	return out.Bytes(), err
}
