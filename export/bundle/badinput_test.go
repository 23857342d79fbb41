package bundle

import (
	"archive/tar"
	"crypto/sha256"
	"strings"
	"testing"

	"filippo.io/age"
)

// cast is the cast of every bad-input test: alice sends to bob, bob knows
// alice; carol is a third vault; mallory is an attacker with her own keys.
type cast struct{ alice, bob, carol, mallory party }

func newCast(t testing.TB) cast {
	return cast{newParty(t, "王䶮"), newParty(t, "𠮷喆"), newParty(t, "丙"), newParty(t, "马")}
}

// bobOpts are bob's read options: his identity, alice as a known contact.
func (c cast) bobOpts() ReadOptions {
	return ReadOptions{Identity: c.bob.id, Contacts: []Contact{c.alice.contact}}
}

// badCase is a bundle (or file) bob must refuse with want.
type badCase struct {
	name string
	make func(t *testing.T, c cast) []byte
	opts func(c cast) ReadOptions // nil: bobOpts
	want error
}

func TestBadInputs(t *testing.T) {
	c := newCast(t)
	for _, bc := range badCases() {
		t.Run(bc.name, func(t *testing.T) {
			opts := c.bobOpts()
			if bc.opts != nil {
				opts = bc.opts(c)
			}
			err := openVerify(t, bc.make(t, c), opts)
			checkOnly(t, err, bc.want)
			if !strings.HasPrefix(err.Error(), "bundle: ") {
				t.Errorf("message %q lacks the package prefix", err)
			}
		})
	}
}

func badCases() []badCase {
	var all []badCase
	for _, group := range [][]badCase{
		keyCases(), notBundleCases(), manifestCases(), pathCases(), entryCases(),
		sizeCases(), signatureCases(), senderCases(), typeCases(),
	} {
		all = append(all, group...)
	}
	return all
}

// legit is a correct bundle from alice to bob.
func legit(t *testing.T, c cast) []byte { return legitDraft(t, c.alice).build(t, c.alice.id, c.bob) }

// withItems rebuilds alice's bundle after edit changes its entries.
func withItems(edit func(items []tarItem) []tarItem) func(*testing.T, cast) []byte {
	return func(t *testing.T, c cast) []byte {
		d := legitDraft(t, c.alice)
		d.items = edit(d.items)
		return d.build(t, c.alice.id, c.bob)
	}
}

// withManifest rebuilds alice's bundle, signed by her, after edit changes
// the manifest (and maybe the items).
func withManifest(edit func(d *draft)) func(*testing.T, cast) []byte {
	return func(t *testing.T, c cast) []byte {
		d := legitDraft(t, c.alice)
		edit(d)
		return d.build(t, c.alice.id, c.bob)
	}
}

// withPlain seals a hand-made plaintext to bob.
func withPlain(plain func(t *testing.T, c cast) []byte) func(*testing.T, cast) []byte {
	return func(t *testing.T, c cast) []byte { return seal(t, plain(t, c), c.bob.id.age.Recipient()) }
}

func keyCases() []badCase {
	passBundle := func(t *testing.T, c cast) []byte {
		r, _ := age.NewScryptRecipient("正确的口令")
		d := legitDraft(t, c.alice)
		return seal(t, archiveBytes(t, append(d.head(t, c.alice.id), d.items...)), r)
	}
	return []badCase{
		{"wrong key", legit, func(c cast) ReadOptions {
			return ReadOptions{Identity: c.carol.id, Contacts: []Contact{c.alice.contact}}
		}, ErrWrongKey},
		{"wrong passphrase", passBundle, func(c cast) ReadOptions {
			return ReadOptions{Passphrase: "错误的口令", Contacts: []Contact{c.alice.contact}}
		}, ErrWrongKey},
		{"passphrase for a key bundle", legit, func(c cast) ReadOptions {
			return ReadOptions{Passphrase: "正确的口令", Contacts: []Contact{c.alice.contact}}
		}, ErrWrongKey},
		{"key for a passphrase bundle", passBundle, nil, ErrWrongKey},
	}
}

func notBundleCases() []badCase {
	return []badCase{
		{"random bytes", func(*testing.T, cast) []byte { return pseudoRandom(5000, 9) }, nil, ErrNotBundle},
		{"text file", func(*testing.T, cast) []byte { return []byte("案卷目录\n第一卷\n") }, nil, ErrNotBundle},
		{"zip file", func(*testing.T, cast) []byte { return append([]byte("PK\x03\x04"), make([]byte, 100)...) }, nil, ErrNotBundle},
		{"armored age file", func(t *testing.T, c cast) []byte {
			return []byte("-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n-----END AGE ENCRYPTED FILE-----\n")
		}, nil, ErrNotBundle},
		{"age file of text", withPlain(func(*testing.T, cast) []byte { return []byte("just some text") }), nil, ErrNotBundle},
		{"age file of nothing", func(t *testing.T, c cast) []byte { return sealRaw(t, nil, c.bob.id.age.Recipient()) }, nil, ErrNotBundle},
		{"tar without manifest first", withPlain(func(t *testing.T, c cast) []byte {
			return archiveBytes(t, []tarItem{regular("records/dossier/1.json", []byte("{}"))})
		}), nil, ErrNotBundle},
		{"manifest of another format", withPlain(func(t *testing.T, c cast) []byte {
			return archiveBytes(t, []tarItem{regular(ManifestName, []byte(`{"format":"zip","version":1}`))})
		}), nil, ErrNotBundle},
	}
}

func manifestCases() []badCase {
	rawManifest := func(text string) func(*testing.T, cast) []byte {
		return withPlain(func(t *testing.T, c cast) []byte {
			m := []byte(text)
			return archiveBytes(t, []tarItem{regular(ManifestName, m), regular(SignatureName, c.alice.id.signManifest(m))})
		})
	}
	return []badCase{
		{"format version 2", withManifest(func(d *draft) { d.man.Version = 2 }), nil, ErrVersion},
		{"format version as a string", rawManifest(`{"format":"qingfeng-bundle","version":"1"}`), nil, ErrVersion},
		{"manifest not JSON", rawManifest(`{"format":"qingfeng-bundle","version":1,`), nil, ErrManifest},
		{"manifest with an unknown field", rawManifest(`{"format":"qingfeng-bundle","version":1,"extra":1}`), nil, ErrManifest},
		{"manifest without sender", rawManifest(`{"format":"qingfeng-bundle","version":1,"entries":[]}`), nil, ErrManifest},
		{"manifest hash not hex", editedManifest(`"sha256": "`, `"sha256": "zz`), nil, ErrManifest},
		{"manifest hash too long", editedManifest(`"sha256": "`, `"sha256": "abcd`), nil, ErrManifest},
	}
}

// editedManifest is alice's bundle with old replaced by new once in the
// text of manifest.json, signed again by her.
func editedManifest(old, new string) func(*testing.T, cast) []byte {
	return withPlain(func(t *testing.T, c cast) []byte {
		d := legitDraft(t, c.alice)
		m := []byte(strings.Replace(string(d.head(t, c.alice.id)[0].data), old, new, 1))
		head := []tarItem{regular(ManifestName, m), regular(SignatureName, c.alice.id.signManifest(m))}
		return archiveBytes(t, append(head, d.items...))
	})
}

func pathCases() []badCase {
	return []badCase{
		{"absolute path", withItems(func(it []tarItem) []tarItem {
			return append(it, regular("/etc/cron.d/x", []byte("x")))
		}), nil, ErrUnsafePath},
		{"dot-dot path", withItems(func(it []tarItem) []tarItem {
			return append(it, regular("records/../../home/x.json", []byte("x")))
		}), nil, ErrUnsafePath},
		{"windows drive path", withItems(func(it []tarItem) []tarItem {
			return append(it, regular(`C:\Windows\x`, []byte("x")))
		}), nil, ErrUnsafePath},
		{"dot-dot first entry", withPlain(func(t *testing.T, c cast) []byte {
			return archiveBytes(t, []tarItem{regular("../manifest.json", []byte("{}"))})
		}), nil, ErrUnsafePath},
		{"dot-dot path listed in the manifest", withManifest(func(d *draft) {
			d.man.Entries[0].Path = "records/../x.json"
			d.items[0].hdr.Name = "records/../x.json"
		}), nil, ErrUnsafePath},
	}
}

func entryCases() []badCase {
	return []badCase{
		{"duplicate entry", withItems(func(it []tarItem) []tarItem {
			return append(it[:2:2], append([]tarItem{it[1]}, it[2:]...)...)
		}), nil, ErrDuplicate},
		{"manifest.json twice", withItems(func(it []tarItem) []tarItem {
			return append(it, regular(ManifestName, []byte("{}")))
		}), nil, ErrDuplicate},
		{"duplicate path in the manifest", withManifest(func(d *draft) {
			d.man.Entries[1] = d.man.Entries[0]
		}), nil, ErrDuplicate},
		{"entry missing", withItems(func(it []tarItem) []tarItem { return it[:len(it)-1] }), nil, ErrMissing},
		{"entries swapped", withItems(func(it []tarItem) []tarItem {
			it[0], it[1] = it[1], it[0]
			return it
		}), nil, ErrMissing},
		{"entry not listed", withItems(func(it []tarItem) []tarItem {
			return append(it, regular("records/dossier/extra.json", []byte("{}")))
		}), nil, ErrUnlisted},
		{"data after the end of the archive", withPlain(func(t *testing.T, c cast) []byte {
			d := legitDraft(t, c.alice)
			return append(archiveBytes(t, append(d.head(t, c.alice.id), d.items...)), "hidden"...)
		}), nil, ErrUnlisted},
		{"record hash differs from the signed manifest", withManifest(func(d *draft) {
			d.man.Entries[0].SHA256[5] ^= 0x40
		}), nil, ErrHash},
		{"record content differs from the signed manifest", withItems(func(it []tarItem) []tarItem {
			it[0].data = []byte(strings.Replace(string(it[0].data), "王", "汪", 1))
			return it
		}), nil, ErrHash},
		{"attachment named after another hash", withManifest(func(d *draft) {
			for i, e := range d.man.Entries {
				if strings.HasPrefix(e.Path, "attachments/") {
					d.man.Entries[i].SHA256 = sha256.Sum256([]byte("other"))
					return
				}
			}
		}), nil, ErrHash},
	}
}

func sizeCases() []badCase {
	return []badCase{
		{"entry larger than the manifest says", withItems(func(it []tarItem) []tarItem {
			it[0].data = append(it[0].data, ' ')
			it[0].hdr.Size++
			return it
		}), nil, ErrSize},
		{"entry smaller than the manifest says", withItems(func(it []tarItem) []tarItem {
			it[0].data = it[0].data[:3]
			it[0].hdr.Size = 3
			return it
		}), nil, ErrSize},
		{"declared total over the limit", withManifest(func(d *draft) {
			d.man.Entries[0].Size = 1<<40 + 1
		}), nil, ErrTooLarge},
		{"total over a caller's limit", legit, func(c cast) ReadOptions {
			o := c.bobOpts()
			o.Limits = DefaultLimits()
			o.Limits.MaxTotalSize = 1000
			return o
		}, ErrTooLarge},
		{"more entries than a caller's limit", legit, func(c cast) ReadOptions {
			o := c.bobOpts()
			o.Limits = DefaultLimits()
			o.Limits.MaxEntries = 3
			return o
		}, ErrTooLarge},
		{"manifest.json declared as 1 TiB", withPlain(func(t *testing.T, c cast) []byte {
			return hugeHeader(t, ManifestName, 1<<40)
		}), nil, ErrTooLarge},
		{"megabytes of padding after the archive", withPlain(func(t *testing.T, c cast) []byte {
			d := legitDraft(t, c.alice)
			return append(archiveBytes(t, append(d.head(t, c.alice.id), d.items...)), make([]byte, 2<<20)...)
		}), nil, ErrTooLarge},
	}
}

// hugeHeader is a tar stream holding only a header that declares size bytes.
func hugeHeader(t *testing.T, name string, size int64) []byte {
	it := regular(name, nil)
	it.hdr.Size = size
	var b strings.Builder
	tw := tar.NewWriter(&b)
	if err := tw.WriteHeader(&it.hdr); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

func signatureCases() []badCase {
	return []badCase{
		{"signed by another key", func(t *testing.T, c cast) []byte {
			return legitDraft(t, c.alice).build(t, c.mallory.id, c.bob)
		}, nil, ErrSignature},
		{"manifest changed after signing", withPlain(func(t *testing.T, c cast) []byte {
			d := legitDraft(t, c.alice)
			items := append(d.head(t, c.alice.id), d.items...)
			items[0].data = append(items[0].data, ' ')
			items[0].hdr.Size++
			return archiveBytes(t, items)
		}), nil, ErrSignature},
		{"signature missing", withPlain(func(t *testing.T, c cast) []byte {
			d := legitDraft(t, c.alice)
			return archiveBytes(t, append(d.head(t, c.alice.id)[:1], d.items...))
		}), nil, ErrSignature},
		{"signature too short", withPlain(func(t *testing.T, c cast) []byte {
			d := legitDraft(t, c.alice)
			items := append(d.head(t, c.alice.id), d.items...)
			items[1].data = items[1].data[:63]
			items[1].hdr.Size = 63
			return archiveBytes(t, items)
		}), nil, ErrSignature},
	}
}

func senderCases() []badCase {
	return []badCase{
		{"another key under a known name", func(t *testing.T, c cast) []byte {
			m := legitDraft(t, c.mallory)
			m.man.Sender.Name = c.alice.contact.Name
			return m.build(t, c.mallory.id, c.bob)
		}, nil, ErrSenderMismatch},
		{"known signing key with another age key", withManifest(func(d *draft) {
			other, _ := NewIdentity()
			d.man.Sender.Recipient = other.Recipient()
		}), nil, ErrSenderMismatch},
		{"unknown sender", func(t *testing.T, c cast) []byte {
			return legitDraft(t, c.mallory).build(t, c.mallory.id, c.bob)
		}, nil, ErrUnknownSender},
		{"unknown sender not trusted by the callback", func(t *testing.T, c cast) []byte {
			return legitDraft(t, c.mallory).build(t, c.mallory.id, c.bob)
		}, func(c cast) ReadOptions {
			o := c.bobOpts()
			o.TrustUnknown = func(Contact) bool { return false }
			return o
		}, ErrUnknownSender},
	}
}

func typeCases() []badCase {
	var cases []badCase
	for _, typ := range []struct {
		name string
		flag byte
	}{{"symlink", tar.TypeSymlink}, {"hard link", tar.TypeLink}, {"directory", tar.TypeDir},
		{"fifo", tar.TypeFifo}, {"char device", tar.TypeChar}, {"block device", tar.TypeBlock}} {
		flag := typ.flag
		cases = append(cases, badCase{typ.name + " entry", withItems(func(it []tarItem) []tarItem {
			it[0].hdr.Typeflag, it[0].hdr.Linkname, it[0].hdr.Size, it[0].data = flag, "records/x.json", 0, nil
			return it
		}), nil, ErrNotRegular})
	}
	cases = append(cases, badCase{"PAX global header", withItems(func(it []tarItem) []tarItem {
		g := tarItem{hdr: tar.Header{Typeflag: tar.TypeXGlobalHeader, Name: "global", PAXRecords: map[string]string{"comment": "x"}}}
		return append([]tarItem{g}, it...)
	}), nil, ErrNotRegular})
	cases = append(cases, badCase{"sparse entry expanding to 1 TiB", withPlain(sparseBundle), nil, ErrNotRegular})
	return cases
}
