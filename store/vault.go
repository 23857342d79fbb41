package store

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// FileName is the name of the vault file inside a vault directory.
const FileName = "vault.qfv"

// MinPassphraseRunes is the shortest passphrase Create and ChangePassphrase accept.
const MinPassphraseRunes = 8

// Options tune how a vault is opened. The zero value is right for the program.
type Options struct {
	Actor       string              // who is working; default: the OS user name
	KDF         *KDFParams          // Create only: nil calibrates Argon2id on this machine
	LockTimeout time.Duration       // how long to wait for another process's lock; default 2 s
	Sleep       func(time.Duration) // waits out the failed-unlock delay; default time.Sleep
	Now         func() time.Time    // clock; default time.Now
}

func (o *Options) withDefaults() Options {
	var r Options
	if o != nil {
		r = *o
	}
	if r.Actor == "" {
		r.Actor = currentUser()
	}
	if r.LockTimeout == 0 {
		r.LockTimeout = 2 * time.Second
	}
	if r.Sleep == nil {
		r.Sleep = time.Sleep
	}
	if r.Now == nil {
		r.Now = time.Now
	}
	return r
}

func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}

// Vault is an unlocked vault. It holds the bbolt file lock and the derived
// keys until Close, which the opener must call (locking the program = Close).
// A Vault is safe for use by several goroutines.
type Vault struct {
	db   *bolt.DB
	dir  string
	hdr  atomic.Pointer[header] // replaced whole by ChangePassphrase; read through header()
	opts Options

	mu sync.RWMutex // guards k; Close takes it for writing
	k  *keys
}

// Path returns the vault file path inside dir.
func Path(dir string) string { return filepath.Join(dir, FileName) }

// Exists reports whether dir holds a vault file.
func Exists(dir string) bool {
	_, err := os.Stat(Path(dir))
	return err == nil
}

// openDB opens the bbolt file, turning a lock timeout into ErrVaultInUse, a
// fault or panic on damaged pages into ErrCorrupt and any other panic into
// ErrInternal (see recoverPanic).
//
// The free list is written on each commit (bbolt's default). Not syncing it
// saves about a millisecond per edit, but then bbolt rebuilds it at open by
// walking every page in a goroutine of its own, where a damaged page can
// crash the process instead of returning an error.
func openDB(path string, o Options) (db *bolt.DB, err error) {
	defer guardFaults()()
	defer recoverPanic(filepath.Dir(path), &err)
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: o.LockTimeout})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, ErrVaultInUse
	}
	if errors.Is(err, syscall.EROFS) || errors.Is(err, os.ErrPermission) {
		return nil, fmt.Errorf("%w: %v", ErrReadOnly, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return db, nil
}

// Create makes a new vault in dir (created if missing) protected by passphrase.
// It returns the open vault and the recovery key, which must be shown to the
// user once: it is not stored anywhere in readable form.
func Create(dir string, passphrase []byte, opts *Options) (*Vault, RecoveryKey, error) {
	o := opts.withDefaults()
	if len([]rune(string(passphrase))) < MinPassphraseRunes {
		return nil, "", ErrWeakPassphrase
	}
	p := CalibrateKDF()
	if o.KDF != nil {
		p = *o.KDF
		p.Salt = randomBytes(16)
	}
	if err := p.validate(); err != nil {
		return nil, "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, "", fmt.Errorf("failed to create vault directory: %w", err)
	}
	if Exists(dir) {
		return nil, "", ErrVaultExists
	}
	h := &header{Format: formatVersion, VaultID: randomBytes(16), Machine: hex.EncodeToString(randomBytes(8))}
	dataKey := randomBytes(keySize)
	h.wrapPass(dataKey, passphrase, p)
	rk, raw := newRecoveryKey()
	h.RecoveryWrap = seal(recoveryKEK(raw, h.VaultID), h.recoveryAAD(), dataKey)
	v, err := initVault(dir, h, dataKey, o)
	if err != nil {
		return nil, "", err
	}
	return v, rk, nil
}

// initVault writes the header and empty buckets, then records the creation.
func initVault(dir string, h *header, dataKey []byte, o Options) (*Vault, error) {
	db, err := openDB(Path(dir), o)
	if err != nil {
		return nil, err
	}
	hb, _ := json.Marshal(h)
	k, err := deriveKeys(dataKey)
	if err != nil {
		db.Close()
		return nil, err
	}
	v := &Vault{db: db, dir: dir, opts: o, k: k}
	v.hdr.Store(h)
	err = v.Update(func(tx *Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.btx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		if err := tx.btx.Bucket(bucketMeta).Put(keyHeader, hb); err != nil {
			return err
		}
		return tx.Audit(ActionCreateVault, "", "", "")
	})
	if err != nil {
		db.Close()
		os.Remove(Path(dir))
		return nil, fmt.Errorf("failed to initialise vault: %w", err)
	}
	return v, nil
}

// Open unlocks the vault in dir with the passphrase. A wrong passphrase is
// counted; after three failures each further attempt first waits a growing delay.
func Open(dir string, passphrase []byte, opts *Options) (*Vault, error) {
	return openWith(dir, opts, func(h *header) ([]byte, error) { return h.unwrapPass(passphrase) })
}

// OpenWithRecovery unlocks the vault with its recovery key instead of the passphrase.
func OpenWithRecovery(dir string, rk RecoveryKey, opts *Options) (*Vault, error) {
	return openWith(dir, opts, func(h *header) ([]byte, error) { return h.unwrapRecovery(rk) })
}

func openWith(dir string, opts *Options, unwrap func(*header) ([]byte, error)) (*Vault, error) {
	o := opts.withDefaults()
	if !Exists(dir) {
		return nil, ErrNoVault
	}
	db, err := openDB(Path(dir), o)
	if err != nil {
		return nil, err
	}
	v, err := unlock(db, dir, o, unwrap)
	if err != nil {
		db.Close()
		return nil, err
	}
	// Argon2id's 64 MiB are garbage now: collect them and give the memory
	// back, so the heap does not grow to twice that before the next
	// collection while large attachments stream through.
	debug.FreeOSMemory()
	return v, nil
}

// unlock reads the header, waits out any failed-attempt delay, unwraps the
// data key and folds earlier failed attempts into the audit trail.
func unlock(db *bolt.DB, dir string, o Options, unwrap func(*header) ([]byte, error)) (v *Vault, err error) {
	defer guardFaults()() // readHeader and recordFailure read pages outside a Tx of ours
	defer recoverPanic(dir, &err)
	h, fails, err := readHeader(db)
	if err != nil {
		return nil, err
	}
	if wait := fails.wait(o.Now()); wait > 0 {
		o.Sleep(wait)
	}
	dataKey, err := unwrap(h)
	if err != nil {
		if errors.Is(err, ErrWrongPassphrase) {
			if ferr := recordFailure(db, o.Now()); ferr != nil {
				return nil, ferr
			}
		}
		return nil, err
	}
	k, err := deriveKeys(dataKey)
	clear(dataKey)
	if err != nil {
		return nil, err
	}
	v = &Vault{db: db, dir: dir, opts: o, k: k}
	v.hdr.Store(h)
	if err := v.afterUnlock(fails); err != nil {
		return nil, err
	}
	return v, nil
}

// readHeader loads the header and the failed-unlock record.
func readHeader(db *bolt.DB) (h *header, f failures, err error) {
	err = db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if m == nil {
			return fmt.Errorf("%w: no meta bucket", ErrCorrupt)
		}
		if h, err = decodeHeader(m.Get(keyHeader)); err != nil {
			return err
		}
		f = decodeFailures(m.Get(keyFailures))
		return nil
	})
	return h, f, err
}

// afterUnlock writes the failed attempts since the last unlock and this unlock
// into the audit chain, clears the counter and removes orphaned attachment
// chunks left by a crash.
func (v *Vault) afterUnlock(f failures) error {
	return v.Update(func(tx *Tx) error {
		for _, t := range f.Times {
			if err := tx.auditAt(t, ActionUnlockFailed, "", "", ""); err != nil {
				return err
			}
		}
		if err := tx.btx.Bucket(bucketMeta).Delete(keyFailures); err != nil {
			return err
		}
		if err := tx.removeOrphanChunks(); err != nil {
			return err
		}
		return tx.Audit(ActionUnlock, "", "", "")
	})
}

// Close drops the keys and releases the file lock. It is safe to call twice.
func (v *Vault) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.k == nil {
		return nil
	}
	v.k.wipe()
	v.k = nil
	return v.db.Close()
}

// Dir returns the vault directory.
func (v *Vault) Dir() string { return v.dir }

// Machine returns the id of this installation, recorded on every write.
func (v *Vault) Machine() string { return v.header().Machine }

// Actor returns who is working, recorded in the audit trail.
func (v *Vault) Actor() string { return v.opts.Actor }

// ChangePassphrase rewraps the data key under a new passphrase. The records
// are not re-encrypted; the recovery key keeps working.
func (v *Vault) ChangePassphrase(oldPass, newPass []byte) error {
	if len([]rune(string(newPass))) < MinPassphraseRunes {
		return ErrWeakPassphrase
	}
	dataKey, err := v.header().unwrapPass(oldPass)
	if err != nil {
		return err
	}
	defer clear(dataKey)
	nh := *v.header()
	nh.wrapPass(dataKey, newPass, v.header().KDF)
	hb, _ := json.Marshal(&nh)
	err = v.Update(func(tx *Tx) error {
		if err := tx.btx.Bucket(bucketMeta).Put(keyHeader, hb); err != nil {
			return err
		}
		return tx.Audit(ActionPasswd, "", "", "")
	})
	if err == nil {
		v.hdr.Store(&nh)
	}
	return err
}

// header is the vault's current header (the key wraps change with the
// passphrase; the rest never does).
func (v *Vault) header() *header { return v.hdr.Load() }

// Locked reports whether Close has been called.
func (v *Vault) Locked() bool {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.k == nil
}
