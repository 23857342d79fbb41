// Package bundle reads and writes .qfb handoff bundles, the encrypted files
// that carry dossiers between air-gapped machines on USB media. This is the
// file format layer: it knows nothing of the vault; the vault streams
// entries into Write and receives them from Reader.Walk.
//
// # File format, version 1
//
// A bundle is an age v1 file (age-encryption.org/v1), encrypted either to
// one or more X25519 recipients (contacts) or to a single scrypt
// passphrase. Its plaintext is a tar archive (POSIX ustar, with PAX
// extended headers where a name needs them: long or non-ASCII) of regular
// files only, in this fixed order:
//
//	manifest.json              the manifest, below
//	manifest.sig               64 bytes: the Ed25519 signature (RFC 8032,
//	                           pure Ed25519, raw R||S) of the exact bytes of
//	                           manifest.json by the sender key it names
//	records/<type>/<id>.json   the records, then
//	attachments/<sha256 hex>   the attachments, named by their content's
//	                           SHA-256 in lowercase hex, then
//	audit/<seq>.json           the audit entries (seq in decimal)
//
// then the tar end-of-archive marker and zero bytes up to a multiple of
// 64 KiB. The padding makes the age payload a whole number of encrypted
// chunks, which lets a reader tell a cut file (ErrTruncated) from a changed
// one (ErrCorrupt). <type> is 1-64 of [a-z0-9_-]; <id> is 1-128 bytes of
// letters and digits of any script and "-", "_", "." (not first).
//
// manifest.json is one UTF-8 JSON object, without unknown fields:
//
//	{
//	 "format": "qingfeng-bundle",
//	 "version": 1,
//	 "sender": {"name": "…", "age": "age1…", "ed25519": "<32 bytes, base64url, no padding>"},
//	 "created": "2026-03-05T09:30:00Z",
//	 "dossiers": [{"type": "dossier", "id": "…", "rev": "…"}],
//	 "entries": [{"path": "records/dossier/….json", "size": 123, "sha256": "<64 hex>"}]
//	}
//
// entries lists every file after manifest.sig, in archive order; dossiers
// is filled by the caller and carried as is. A reader checks the format
// and version first (ErrNotBundle, ErrVersion), then the signature
// (ErrSignature), then the entry list (paths, order, duplicates, limits),
// then trust (ErrUnknownSender, ErrSenderMismatch), and during Verify and
// Walk every archive entry against the list.
//
// With the stock tools a bundle opens as:
//
//	age -d -i key.txt F.qfb | tar -t     # lists manifest.json first
//	age -d -i key.txt -o F.tar F.qfb && tar -xf F.tar
//
// where key.txt holds Identity.AgeSecretKey (age -d asks for a passphrase
// instead for passphrase bundles). See README.md for checking the
// signature with openssl.
//
// # Keys
//
// An Identity is a vault's age X25519 identity plus its Ed25519 signing
// key; MarshalBinary gives the secret bytes the vault seals. A Contact is
// the public half with a name, exchanged as one line of text (see
// Contact.String) and confirmed by its Fingerprint, SHA-256 over the
// 32-byte X25519 public key then the 32-byte Ed25519 public key, read as
// 8 groups of 4 digits.
//
// # Goroutines and callbacks
//
// Open, Write, WriteFile, Verify and Walk each run one helper goroutine (it
// encrypts or decrypts while the caller's goroutine hashes) and end it
// before they return. Every callback (Progress, TrustUnknown, the Walk
// func, Entry.Open) is called on the goroutine that called the function.
package bundle
