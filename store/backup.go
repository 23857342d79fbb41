package store

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"

	"qingfeng/internal/atomicfile"
)

// A backup file is:
//
//	"QFBACKUP1\n" | uint32 header length | header JSON | sealed chunks
//
// The header carries a copy of the vault header (the key wraps, so the backup
// unlocks with the passphrase or recovery key of the day it was taken) and the
// plaintext size. Each chunk is uint32 length | sealed bytes, sealed under the
// backup subkey with AAD = SHA-256(header) | chunk number | last flag, so the
// header, order and end of the stream are all authenticated.

const backupMagic = "QFBACKUP1\n"

const backupChunk = 1 << 20

type backupHeader struct {
	Vault   json.RawMessage `json:"vault"` // the vault header at backup time
	Size    int64           `json:"size"`  // size of the bbolt snapshot
	Created time.Time       `json:"created"`
}

// Backup writes a consistent, sealed copy of the open vault to w while the
// vault stays usable (a bbolt read transaction), then audits it. The caller
// closes w.
func (v *Vault) Backup(w io.Writer) error {
	if err := v.writeBackup(w); err != nil {
		return err
	}
	return v.Update(func(tx *Tx) error { return tx.Audit(ActionBackup, "", "", "") })
}

// writeBackup writes the sealed snapshot to w in one read transaction.
func (v *Vault) writeBackup(w io.Writer) error {
	vh, _ := json.Marshal(v.header())
	return v.View(func(tx *Tx) error {
		bh := backupHeader{Vault: vh, Size: tx.btx.Size(), Created: tx.now}
		hb, _ := json.Marshal(bh)
		bw := bufio.NewWriter(w)
		bw.WriteString(backupMagic)
		binary.Write(bw, binary.BigEndian, uint32(len(hb)))
		bw.Write(hb)
		sw := &sealWriter{w: bw, key: v.k.backup, hdrSum: sha256.Sum256(hb), buf: make([]byte, 0, backupChunk)}
		if _, err := tx.btx.WriteTo(sw); err != nil {
			return fmt.Errorf("failed to write backup: %w", err)
		}
		if err := sw.finish(); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// BackupFile writes a backup to path through internal/atomicfile, so a
// failed backup never leaves a half file under the final name. The file
// is put in place inside the transaction that audits the backup: if the
// entry cannot be written, no backup appears.
func (v *Vault) BackupFile(path string) error {
	f, err := atomicfile.Create(path, 0o600)
	if err != nil {
		return fmt.Errorf("failed to create backup file: %w", err)
	}
	defer f.Abort()
	if err := v.writeBackup(f); err != nil {
		return err
	}
	committed := false
	err = v.Update(func(tx *Tx) error {
		if err := tx.Audit(ActionBackup, "", "", ""); err != nil {
			return err
		}
		if err := f.Commit(); err != nil {
			return fmt.Errorf("failed to write backup file: %w", err)
		}
		committed = true
		return nil
	})
	if err != nil && committed {
		os.Remove(path) // in place, but its audit entry did not commit
	}
	return err
}

// sealWriter buffers plaintext and emits sealed, length-prefixed chunks.
type sealWriter struct {
	w      io.Writer
	key    []byte
	hdrSum [32]byte
	buf    []byte
	n      uint64
}

func backupAAD(sum [32]byte, n uint64, last bool) []byte {
	a := binary.BigEndian.AppendUint64(append([]byte(nil), sum[:]...), n)
	if last {
		return append(a, 1)
	}
	return append(a, 0)
}

func (s *sealWriter) Write(p []byte) (int, error) {
	total := len(p)
	for len(p) > 0 {
		k := min(len(p), backupChunk-len(s.buf))
		s.buf = append(s.buf, p[:k]...)
		p = p[k:]
		if len(s.buf) == backupChunk {
			if err := s.emit(false); err != nil {
				return 0, err
			}
		}
	}
	return total, nil
}

func (s *sealWriter) emit(last bool) error {
	c := seal(s.key, backupAAD(s.hdrSum, s.n, last), s.buf)
	s.n++
	s.buf = s.buf[:0]
	if err := binary.Write(s.w, binary.BigEndian, uint32(len(c))); err != nil {
		return err
	}
	_, err := s.w.Write(c)
	return err
}

// finish writes the last chunk (possibly empty), marked as last.
func (s *sealWriter) finish() error { return s.emit(true) }

// readBackupHeader parses the unsealed part of a backup.
func readBackupHeader(r *bufio.Reader) (*backupHeader, [32]byte, error) {
	var sum [32]byte
	magic := make([]byte, len(backupMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != backupMagic {
		return nil, sum, ErrBadBackup
	}
	var n uint32
	if err := binary.Read(r, binary.BigEndian, &n); err != nil || n > 1<<16 {
		return nil, sum, ErrBadBackup
	}
	hb := make([]byte, n)
	if _, err := io.ReadFull(r, hb); err != nil {
		return nil, sum, ErrBadBackup
	}
	var bh backupHeader
	if err := json.Unmarshal(hb, &bh); err != nil || bh.Size < 0 {
		return nil, sum, ErrBadBackup
	}
	return &bh, sha256.Sum256(hb), nil
}

// openChunks decrypts the chunk stream into w, requiring the last flag and the
// declared size.
func openChunks(r *bufio.Reader, w io.Writer, key []byte, sum [32]byte, size int64) error {
	var written int64
	for n := uint64(0); ; n++ {
		var l uint32
		if err := binary.Read(r, binary.BigEndian, &l); err != nil || l > backupChunk+64 {
			return fmt.Errorf("%w: truncated or damaged at chunk %d", ErrBadBackup, n)
		}
		c := make([]byte, l)
		if _, err := io.ReadFull(r, c); err != nil {
			return fmt.Errorf("%w: truncated at chunk %d", ErrBadBackup, n)
		}
		pt, last := []byte(nil), false
		var err error
		if pt, err = open(key, backupAAD(sum, n, false), c); err != nil {
			if pt, err = open(key, backupAAD(sum, n, true), c); err != nil {
				return fmt.Errorf("%w: chunk %d does not authenticate", ErrBadBackup, n)
			}
			last = true
		}
		if _, err := w.Write(pt); err != nil {
			return fmt.Errorf("failed to write restored vault: %w", err)
		}
		written += int64(len(pt))
		if last {
			if _, err := r.ReadByte(); err != io.EOF || written != size {
				return fmt.Errorf("%w: trailing data or wrong size", ErrBadBackup)
			}
			return nil
		}
	}
}

// Restore replaces the vault in dir with the backup at path, unlocked by
// passphrase (the one valid when the backup was taken). The backup is fully
// decrypted to a temporary file beside the vault and checked with Check
// before anything is replaced; the replaced vault file is kept as
// vault.qfv.before-restore. The vault must not be open anywhere.
func Restore(dir, path string, passphrase []byte, opts *Options) (*Report, error) {
	o := opts.withDefaults()
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("failed to open backup: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	bh, sum, err := readBackupHeader(br)
	if err != nil {
		return nil, err
	}
	h, err := decodeHeader(bh.Vault)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadBackup, err)
	}
	dataKey, err := h.unwrapPass(passphrase)
	if err != nil {
		return nil, err
	}
	k, err := deriveKeys(dataKey)
	clear(dataKey)
	if err != nil {
		return nil, err
	}
	defer k.wipe()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("failed to create vault directory: %w", err)
	}
	tmp, err := decryptBackup(dir, br, k.backup, sum, bh.Size)
	if err != nil {
		return nil, err
	}
	defer tmp.Abort()
	rep, err := checkCandidate(tmp.TempName(), k, o)
	if err != nil || !rep.OK() {
		return rep, errors.Join(ErrBadBackup, err)
	}
	if err := swapIn(dir, tmp, o); err != nil {
		return rep, err
	}
	return rep, auditRestore(dir, passphrase, opts)
}

// auditRestore records the restore in the restored vault's own trail.
func auditRestore(dir string, passphrase []byte, opts *Options) error {
	v, err := Open(dir, passphrase, opts)
	if err != nil {
		return err
	}
	defer v.Close()
	return v.Update(func(tx *Tx) error { return tx.Audit(ActionRestore, "", "", "") })
}

// decryptBackup writes the snapshot to a temporary file beside the vault
// file (internal/atomicfile), to be checked and then committed by swapIn.
// The caller owns the file and aborts it if it is not committed.
func decryptBackup(dir string, br *bufio.Reader, key []byte, sum [32]byte, size int64) (*atomicfile.File, error) {
	tmp, err := atomicfile.Create(Path(dir), 0o600)
	if err != nil {
		return nil, fmt.Errorf("failed to create restore file: %w", err)
	}
	bw := bufio.NewWriterSize(tmp, 1<<20)
	err = openChunks(br, bw, key, sum, size)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		tmp.Abort()
		return nil, err
	}
	return tmp, nil
}

// checkCandidate opens the restored file with the backup's keys and checks it.
func checkCandidate(path string, k *keys, o Options) (*Report, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: o.LockTimeout, ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadBackup, err)
	}
	defer db.Close()
	h, _, err := readHeader(db)
	if err != nil {
		return nil, err
	}
	v := &Vault{db: db, opts: o, k: &keys{record: k.record, index: k.index, backup: k.backup}}
	v.hdr.Store(h)
	return v.Check(), nil
}

// swapIn replaces the live vault file with the checked candidate. It first
// takes the live file's lock, so a running program is never overwritten
// (ErrVaultInUse), then lets go of it just before the rename: Windows cannot
// rename a file that is open, and a program starting in that instant opens
// the old file, which is kept as vault.qfv.before-restore. Committing the
// candidate syncs it and the folder.
func swapIn(dir string, tmp *atomicfile.File, o Options) error {
	live := Path(dir)
	if Exists(dir) {
		db, err := openDB(live, o)
		if err != nil {
			return err
		}
		if err := db.Close(); err != nil {
			return err
		}
		if err := os.Rename(live, live+".before-restore"); err != nil {
			return fmt.Errorf("failed to set the old vault aside: %w", err)
		}
	}
	if err := tmp.Commit(); err != nil {
		return fmt.Errorf("failed to put the restored vault in place: %w", err)
	}
	return nil
}
