package bundle

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/curve25519"
)

func TestIdentityMarshalRoundTrip(t *testing.T) {
	id, err := NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	b, err := id.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseIdentity(b)
	if err != nil {
		t.Fatalf("ParseIdentity: %v", err)
	}
	if back.Recipient() != id.Recipient() || !bytes.Equal(back.SigningKey(), id.SigningKey()) {
		t.Fatal("keys differ after the round trip")
	}
	msg := []byte("manifest")
	if !ed25519.Verify(id.SigningKey(), msg, back.signManifest(msg)) {
		t.Error("the parsed signing key does not sign for the original public key")
	}
	other, _ := NewIdentity()
	if other.Recipient() == id.Recipient() || bytes.Equal(other.SigningKey(), id.SigningKey()) {
		t.Error("two fresh identities share a key")
	}
}

func TestParseIdentityRejects(t *testing.T) {
	id, _ := NewIdentity()
	good, _ := id.MarshalBinary()
	bad := map[string][]byte{
		"empty":          nil,
		"other prefix":   bytes.Replace(good, []byte("V1"), []byte("V2"), 1),
		"no seed":        good[:bytes.LastIndexByte(good, ':')],
		"short seed":     good[:len(good)-3],
		"age key broken": bytes.Replace(good, []byte("AGE-SECRET-KEY-1"), []byte("AGE-SECRET-KEY-2"), 1),
	}
	for name, b := range bad {
		if _, err := ParseIdentity(b); !errors.Is(err, ErrBadIdentity) {
			t.Errorf("%s: %v, want ErrBadIdentity", name, err)
		}
	}
}

func TestContactTextRoundTrip(t *testing.T) {
	id, _ := NewIdentity()
	c := id.Contact("王䶮:𠮷喆 (第一纪检组)")
	line := c.String()
	if !strings.HasPrefix(line, "qingfeng-contact:v1:") || strings.ContainsAny(line, " \n") {
		t.Fatalf("contact line %q", line)
	}
	back, err := ParseContact("  " + line + "\n")
	if err != nil {
		t.Fatalf("ParseContact: %v", err)
	}
	if back.Name != c.Name || !back.sameKeys(c) || back.Fingerprint() != c.Fingerprint() {
		t.Errorf("round trip gave %+v", back)
	}
	var viaText Contact
	if err := viaText.UnmarshalText([]byte(line)); err != nil || !viaText.sameKeys(c) {
		t.Errorf("UnmarshalText: %v", err)
	}
}

func TestParseContactRejects(t *testing.T) {
	id, _ := NewIdentity()
	line := id.Contact("甲").String()
	parts := strings.Split(line, ":")
	rec := []byte(parts[3])
	rec[len(rec)-1] = map[bool]byte{true: 'p', false: 'q'}[rec[len(rec)-1] == 'q'] // breaks the checksum
	bad := map[string]string{
		"empty":             "",
		"version 2":         strings.Replace(line, ":v1:", ":v2:", 1),
		"missing field":     strings.Join(parts[:4], ":"),
		"extra field":       line + ":x",
		"name not base64":   strings.Join([]string{parts[0], parts[1], "!!", parts[3], parts[4]}, ":"),
		"empty name":        strings.Join([]string{parts[0], parts[1], "", parts[3], parts[4]}, ":"),
		"bad checksum":      strings.Join([]string{parts[0], parts[1], parts[2], string(rec), parts[4]}, ":"),
		"upper recipient":   strings.Join([]string{parts[0], parts[1], parts[2], strings.ToUpper(parts[3]), parts[4]}, ":"),
		"short signing key": strings.Join([]string{parts[0], parts[1], parts[2], parts[3], parts[4][:20]}, ":"),
	}
	for name, s := range bad {
		if _, err := ParseContact(s); !errors.Is(err, ErrBadContact) {
			t.Errorf("%s: %v, want ErrBadContact", name, err)
		}
	}
	ctl := id.Contact("a\nb")
	if err := ctl.Validate(); !errors.Is(err, ErrBadContact) {
		t.Errorf("name with a newline: %v", err)
	}
}

// TestRecipientDecodingMatchesSecret checks the bech32 unpacking used by the
// fingerprint independently: the X25519 public key decoded from the
// recipient must be the base point times the scalar decoded from the
// secret key.
func TestRecipientDecodingMatchesSecret(t *testing.T) {
	for range 20 {
		id, _ := NewIdentity()
		scalar, err := unpackBech32(strings.ToLower(id.AgeSecretKey()))
		if err != nil || len(scalar) != 32 {
			t.Fatalf("secret key: %v (%d bytes)", err, len(scalar))
		}
		pub, err := curve25519.X25519(scalar, curve25519.Basepoint)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeAgeRecipient(id.Recipient())
		if err != nil || !bytes.Equal(got, pub) {
			t.Fatalf("decoded recipient %x, want %x (%v)", got, pub, err)
		}
	}
}

func TestFingerprint(t *testing.T) {
	id, _ := NewIdentity()
	c := id.Contact("甲")
	f := c.Fingerprint()
	if f == (Fingerprint{}) {
		t.Fatal("zero fingerprint for a valid contact")
	}
	groups := f.Groups()
	if len(groups) != 8 {
		t.Fatalf("%d groups", len(groups))
	}
	for _, g := range groups {
		if len(g) != 4 || strings.Trim(g, "0123456789") != "" {
			t.Errorf("group %q is not 4 digits", g)
		}
	}
	s := f.String()
	if len(s) != 8*4+7 {
		t.Errorf("String() = %q", s)
	}
	if !f.Matches(strings.ReplaceAll(s, " ", "-")) || !f.Matches(strings.ReplaceAll(s, " ", "")) {
		t.Error("Matches refuses the fingerprint's own digits")
	}
	wrong := []byte(s)
	wrong[0] = '0' + (wrong[0]-'0'+1)%10
	if f.Matches(string(wrong)) || f.Matches(s[:len(s)-1]) {
		t.Error("Matches accepts other digits")
	}
	renamed := c
	renamed.Name = "乙"
	if renamed.Fingerprint() != f {
		t.Error("the fingerprint depends on the name; it must cover only the keys")
	}
	other, _ := NewIdentity()
	mixed := Contact{Name: "甲", Recipient: c.Recipient, SigningKey: other.SigningKey()}
	if mixed.Fingerprint() == f {
		t.Error("changing the signing key kept the fingerprint")
	}
	if (Contact{Recipient: "nonsense", SigningKey: c.SigningKey}).Fingerprint() != (Fingerprint{}) {
		t.Error("an invalid recipient gave a fingerprint")
	}
}
