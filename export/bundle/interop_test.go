package bundle

import (
	"bytes"
	"crypto/ed25519"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
)

// ageCLI is the stock age command (Debian package "age").
const ageCLI = "/usr/bin/age"

// run runs a command and returns its standard output; it fails the test
// on a non-zero exit or anything on standard error.
func run(t *testing.T, stdin io.Reader, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	// Stock tar escapes non-ASCII names (䶮 as \344\266\256) under a locale
	// it cannot use, such as en_US.UTF-8 on a machine without that locale
	// generated; C.UTF-8 is always present on Debian.
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	var out, errOut bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &out, &errOut
	if err := cmd.Run(); err != nil || errOut.Len() > 0 {
		t.Fatalf("%s %v: %v\n%s", name, args, err, errOut.String())
	}
	return out.Bytes()
}

// writeKeyFile writes the age secret key of id where the age CLI reads it.
func writeKeyFile(t *testing.T, id *Identity) string {
	path := filepath.Join(t.TempDir(), "key.txt")
	text := "# public key: " + id.Recipient() + "\n" + id.AgeSecretKey() + "\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAgeCLIDecryptsBundle: `age -d -i key.txt F.qfb | tar -t` lists
// manifest.json first, and stock tar extracts entries equal to the input.
func TestAgeCLIDecryptsBundle(t *testing.T) {
	alice, bob := newParty(t, "王䶮"), newParty(t, "𠮷喆")
	entries := sampleEntries()
	path := writeBundle(t, entries, sendOptions(alice, bob.contact))
	key := writeKeyFile(t, bob.id)

	listing := run(t, nil, "sh", "-c", `age -d -i "$1" "$2" | tar -t`, "sh", key, path)
	names := strings.Split(strings.TrimSpace(string(listing)), "\n")
	want := []string{ManifestName, SignatureName}
	for _, e := range sortByKind(entries) {
		want = append(want, e.Path)
	}
	if !slices.Equal(names, want) {
		t.Fatalf("tar -t listed %q, want %q", names, want)
	}

	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.tar")
	run(t, nil, ageCLI, "-d", "-i", key, "-o", plain, path)
	run(t, nil, "tar", "-x", "-f", plain, "-C", dir)
	for _, e := range entries {
		r, _ := e.Open()
		data, _ := io.ReadAll(r)
		if got := readFile(t, filepath.Join(dir, e.Path)); !bytes.Equal(got, data) {
			t.Errorf("%s extracted by tar differs", e.Path)
		}
	}
	manifest := readFile(t, filepath.Join(dir, ManifestName))
	sig := readFile(t, filepath.Join(dir, SignatureName))
	if !ed25519.Verify(alice.id.SigningKey(), manifest, sig) {
		t.Error("manifest.sig extracted by tar does not verify manifest.json")
	}
}

// TestOurLayerReadsAgeCLIFiles: files made by `age -r <our recipient>` are
// read by our decryption layer, including a whole bundle re-encrypted by the
// CLI (which does not pad to whole chunks).
func TestOurLayerReadsAgeCLIFiles(t *testing.T) {
	alice, bob := newParty(t, "甲"), newParty(t, "乙")
	dir := t.TempDir()
	data := pseudoRandom(300_000, 7)
	in, enc := filepath.Join(dir, "in.bin"), filepath.Join(dir, "in.bin.age")
	os.WriteFile(in, data, 0o600)
	run(t, nil, ageCLI, "-r", bob.id.Recipient(), "-o", enc, in)
	got := decryptFile(t, enc, bob.id)
	if !bytes.Equal(got, data) {
		t.Fatalf("decrypted %d bytes, differ from the %d encrypted by age", len(got), len(data))
	}

	path := writeBundle(t, sampleEntries(), sendOptions(alice, bob.contact))
	plain, again := filepath.Join(dir, "b.tar"), filepath.Join(dir, "again.qfb")
	run(t, nil, ageCLI, "-d", "-i", writeKeyFile(t, bob.id), "-o", plain, path)
	run(t, nil, ageCLI, "-r", bob.id.Recipient(), "-o", again, plain)
	rc, err := OpenFile(again, ReadOptions{Identity: bob.id, Contacts: []Contact{alice.contact}})
	if err != nil {
		t.Fatalf("bundle re-encrypted by age: %v", err)
	}
	defer rc.Close()
	if err := rc.Verify(); err != nil {
		t.Fatalf("bundle re-encrypted by age: Verify: %v", err)
	}
}

func decryptFile(t *testing.T, path string, id *Identity) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	got, err := decryptAll(f, st.Size(), []age.Identity{id.age})
	if err != nil {
		t.Fatalf("decrypting %s: %v", path, err)
	}
	return got
}

// runWithTTY runs an age command under script(1), which gives it the
// terminal it insists on for passphrases, and types the lines into it one
// by one.
func runWithTTY(t *testing.T, command string, lines ...string) {
	t.Helper()
	cmd := exec.Command("script", "-q", "-e", "-c", command, "/dev/null")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		time.Sleep(700 * time.Millisecond) // let age put the terminal in no-echo mode first
		io.WriteString(stdin, l+"\n")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%s: %v\n%s", command, err, out.String())
	}
}

// TestPassphraseInteropWithAgeCLI: a passphrase bundle decrypts with
// `age -d` typing the passphrase, and a file made by `age -p` is read by
// our decryption layer.
func TestPassphraseInteropWithAgeCLI(t *testing.T) {
	alice := newParty(t, "甲")
	const pass = "纪检-2026-春"
	opts := sendOptions(alice)
	opts.Passphrase = pass
	path := writeBundle(t, sampleEntries(), opts)
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.tar")
	runWithTTY(t, ageCLI+" -d -o "+plain+" "+path, pass)
	listing := run(t, nil, "tar", "-t", "-f", plain)
	if first, _, _ := strings.Cut(string(listing), "\n"); first != ManifestName {
		t.Errorf("tar -t of the passphrase bundle starts with %q", first)
	}

	data := pseudoRandom(70_000, 3)
	in, enc := filepath.Join(dir, "in.bin"), filepath.Join(dir, "in.age")
	os.WriteFile(in, data, 0o600)
	runWithTTY(t, ageCLI+" -p -o "+enc+" "+in, pass, pass)
	f, err := os.Open(enc)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	ids, _ := (&ReadOptions{Passphrase: pass}).identities()
	got, err := decryptAll(f, st.Size(), ids)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("file from age -p: %v (%d bytes)", err, len(got))
	}
}
