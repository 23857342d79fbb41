package store

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TypeAttachment is the record type of attachment metadata.
const TypeAttachment = "attachment"

// AttachmentChunk is the plaintext size of one sealed attachment chunk.
const AttachmentChunk = 256 << 10

// chunksPerTx bounds how many chunks (16 MiB) one bbolt transaction writes, so memory
// stays flat however large the file is.
const chunksPerTx = 64

// Attachment is the data of an attachment record. The content lives in sealed
// chunks; the record (also sealed, and searchable by name) says what it is.
type Attachment struct {
	Name     string    `json:"name"`
	Size     int64     `json:"size"`
	SHA256   string    `json:"sha256"` // hex SHA-256 of the plaintext
	Chunks   uint32    `json:"chunks"`
	Owner    string    `json:"owner,omitempty"` // "type/id" of the record it belongs to
	Added    time.Time `json:"added"`
	MimeType string    `json:"mime_type,omitempty"`
}

func chunkKey(id string, n uint32) []byte {
	return binary.BigEndian.AppendUint32(append([]byte(id), 0), n)
}

// chunkAAD binds a chunk to its attachment, position and whether it is the
// last one, so chunks cannot be reordered, swapped or cut off.
func chunkAAD(key []byte, last bool) []byte {
	a := append([]byte("att\x00"), key...)
	if last {
		return append(a, 1)
	}
	return append(a, 0)
}

// AddAttachment streams r into the vault as a new attachment of owner
// ("type/id", may be empty) and returns its record. Content is written in
// several transactions of chunksPerTx chunks; the record that makes it visible
// is written last, so a crash leaves only unreferenced chunks, which the next
// unlock removes. The caller keeps ownership of r.
func (v *Vault) AddAttachment(name, owner string, r io.Reader) (*Record, error) {
	id := NewID()
	h := sha256.New()
	n, size, err := v.writeChunks(id, io.TeeReader(r, h))
	if err != nil {
		_ = v.Update(func(tx *Tx) error { return tx.deleteChunks(id) })
		return nil, err
	}
	a := Attachment{Name: name, Size: size, SHA256: hex.EncodeToString(h.Sum(nil)), Chunks: n, Owner: owner, Added: v.opts.Now().UTC()}
	data, _ := json.Marshal(a)
	rec := &Record{Type: TypeAttachment, ID: id, Data: data}
	if err := v.Update(func(tx *Tx) error { return tx.Put(rec) }); err != nil {
		_ = v.Update(func(tx *Tx) error { return tx.deleteChunks(id) })
		return nil, err
	}
	return rec, nil
}

// writeChunks reads r to the end, sealing fixed-size chunks. It reads one
// chunk ahead to know which chunk is the last.
func (v *Vault) writeChunks(id string, r io.Reader) (uint32, int64, error) {
	cur, next := make([]byte, AttachmentChunk), make([]byte, AttachmentChunk)
	n, err := io.ReadFull(r, cur)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return 0, 0, fmt.Errorf("failed to read attachment: %w", err)
	}
	var idx uint32
	var size int64
	for {
		batch := make([][]byte, 0, chunksPerTx)
		last := false
		for len(batch) < chunksPerTx && !last {
			m, err := io.ReadFull(r, next)
			if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
				return 0, 0, fmt.Errorf("failed to read attachment: %w", err)
			}
			last = m == 0
			c, err := v.sealChunk(id, idx, cur[:n], last)
			if err != nil {
				return 0, 0, err
			}
			batch = append(batch, c)
			size += int64(n)
			idx++
			cur, next, n = next, cur, m
		}
		if err := v.putChunks(id, idx-uint32(len(batch)), batch); err != nil {
			return 0, 0, err
		}
		if last {
			return idx, size, nil
		}
	}
}

// sealChunk seals one chunk under the record key, or fails with ErrClosed
// once the vault is locked (chunks are sealed outside any transaction).
func (v *Vault) sealChunk(id string, n uint32, pt []byte, last bool) ([]byte, error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.k == nil {
		return nil, ErrClosed
	}
	key := chunkKey(id, n)
	return seal(v.k.record, chunkAAD(key, last), pt), nil
}

// putChunks writes one batch of sealed chunks in a transaction.
func (v *Vault) putChunks(id string, first uint32, batch [][]byte) error {
	return v.Update(func(tx *Tx) error {
		b, err := tx.bucket(bucketAtt)
		if err != nil {
			return err
		}
		b.FillPercent = appendFill
		for i, c := range batch {
			if err := b.Put(chunkKey(id, first+uint32(i)), c); err != nil {
				return err
			}
		}
		return nil
	})
}

// deleteChunks removes every chunk of an attachment.
func (tx *Tx) deleteChunks(id string) error {
	b, err := tx.bucket(bucketAtt)
	if err != nil {
		return err
	}
	prefix := append([]byte(id), 0)
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// removeOrphanChunks deletes chunks whose attachment record does not exist:
// what an interrupted AddAttachment leaves behind. It reads only the first
// key of each attachment and seeks past the rest, so unlocking does not
// touch the pages of large attachments.
func (tx *Tx) removeOrphanChunks() error {
	var orphans []string
	rec := tx.btx.Bucket(bucketRec)
	c := tx.btx.Bucket(bucketAtt).Cursor()
	for k, _ := c.First(); k != nil; {
		id, _, ok := splitChunkKey(k)
		if !ok {
			k, _ = c.Next()
			continue
		}
		if rec.Get(recKey(TypeAttachment, id)) == nil {
			orphans = append(orphans, id)
		}
		k, _ = c.Seek(append([]byte(id), 1)) // past every key id\x00…
	}
	for _, id := range orphans {
		if err := tx.deleteChunks(id); err != nil {
			return err
		}
	}
	return nil
}

func splitChunkKey(k []byte) (id string, n uint32, ok bool) {
	if len(k) < 6 || k[len(k)-5] != 0 {
		return "", 0, false
	}
	return string(k[:len(k)-5]), binary.BigEndian.Uint32(k[len(k)-4:]), true
}

// AttachmentOf decodes the attachment metadata of a record.
func AttachmentOf(r *Record) (*Attachment, error) {
	var a Attachment
	if r.Type != TypeAttachment {
		return nil, fmt.Errorf("%w: %s/%s is not an attachment", ErrInvalidRecord, r.Type, r.ID)
	}
	if err := json.Unmarshal(r.Data, &a); err != nil {
		return nil, fmt.Errorf("%w: attachment %s: %v", ErrCorrupt, r.ID, err)
	}
	return &a, nil
}

// OpenAttachment returns a reader over an attachment's plaintext. Each Read
// decrypts at most one chunk in a short read transaction; at the end the
// SHA-256 is compared and ErrAttachmentMismatch returned if it differs. The
// caller closes the reader.
func (v *Vault) OpenAttachment(id string) (io.ReadCloser, *Attachment, error) {
	var a *Attachment
	err := v.View(func(tx *Tx) error {
		r, err := tx.Get(TypeAttachment, id)
		if err != nil {
			return err
		}
		a, err = AttachmentOf(r)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return &attachmentReader{v: v, id: id, a: a, h: sha256.New()}, a, nil
}

type attachmentReader struct {
	v    *Vault
	id   string
	a    *Attachment
	next uint32
	buf  []byte
	h    interface {
		io.Writer
		Sum([]byte) []byte
	}
	done bool
}

func (ar *attachmentReader) Read(p []byte) (int, error) {
	for len(ar.buf) == 0 {
		if ar.done {
			return 0, io.EOF
		}
		if err := ar.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, ar.buf)
	ar.buf = ar.buf[n:]
	return n, nil
}

// fill decrypts the next chunk, or at the end checks size and hash.
func (ar *attachmentReader) fill() error {
	if ar.next == ar.a.Chunks {
		ar.done = true
		if hex.EncodeToString(ar.h.Sum(nil)) != ar.a.SHA256 {
			return ErrAttachmentMismatch
		}
		return nil
	}
	last := ar.next+1 == ar.a.Chunks
	err := ar.v.View(func(tx *Tx) error {
		key := chunkKey(ar.id, ar.next)
		sealed := tx.btx.Bucket(bucketAtt).Get(key)
		pt, err := open(tx.v.k.record, chunkAAD(key, last), sealed)
		dropPages(sealed)
		if err != nil {
			return fmt.Errorf("%w: attachment %s chunk %d", ErrCorrupt, ar.id, ar.next)
		}
		ar.buf = pt
		return nil
	})
	if err != nil {
		return err
	}
	ar.h.Write(ar.buf)
	ar.next++
	return nil
}

func (ar *attachmentReader) Close() error { ar.done, ar.buf = true, nil; return nil }

var _ = bolt.ErrBucketNotFound

// verifyAttachment decrypts every chunk of an attachment inside tx and
// compares the total size and SHA-256 with its record.
func (tx *Tx) verifyAttachment(r *Record) error {
	a, err := AttachmentOf(r)
	if err != nil {
		return err
	}
	h := sha256.New()
	var size int64
	b := tx.btx.Bucket(bucketAtt)
	for i := uint32(0); i < a.Chunks; i++ {
		key := chunkKey(r.ID, i)
		sealed := b.Get(key)
		pt, err := open(tx.v.k.record, chunkAAD(key, i+1 == a.Chunks), sealed)
		dropPages(sealed)
		if err != nil {
			return fmt.Errorf("%w: chunk %d", ErrCorrupt, i)
		}
		h.Write(pt)
		size += int64(len(pt))
	}
	if size != a.Size || hex.EncodeToString(h.Sum(nil)) != a.SHA256 {
		return ErrAttachmentMismatch
	}
	return nil
}

// WriteAttachmentContent streams r into sealed chunks for attachment id
// without creating its record: the import of a bundle writes content first
// and merges the attachment record, with everything else, in one final
// transaction. Until that record exists the chunks are unreferenced; if the
// import fails, call DiscardAttachmentContent (the next unlock removes them
// anyway). It returns the size, hex SHA-256 and chunk count written.
func (v *Vault) WriteAttachmentContent(id string, r io.Reader) (size int64, sha string, chunks uint32, err error) {
	if !validName(id) {
		return 0, "", 0, fmt.Errorf("%w: attachment id %q", ErrInvalidRecord, id)
	}
	h := sha256.New()
	chunks, size, err = v.writeChunks(id, io.TeeReader(r, h))
	if err != nil {
		v.DiscardAttachmentContent(id)
		return 0, "", 0, err
	}
	return size, hex.EncodeToString(h.Sum(nil)), chunks, nil
}

// DiscardAttachmentContent removes chunks written for id that no record uses.
func (v *Vault) DiscardAttachmentContent(id string) error {
	return v.Update(func(tx *Tx) error {
		if tx.btx.Bucket(bucketRec).Get(recKey(TypeAttachment, id)) != nil {
			return nil
		}
		return tx.deleteChunks(id)
	})
}

// HasAttachmentContent reports whether chunks exist for attachment id.
func (tx *Tx) HasAttachmentContent(id string) bool {
	k, _ := tx.btx.Bucket(bucketAtt).Cursor().Seek(chunkKey(id, 0))
	return k != nil && hasPrefix(k, append([]byte(id), 0))
}

// FindAttachmentBySHA returns an attachment record whose content has the
// given hex SHA-256, or ErrNotFound: imports deduplicate attachments by hash.
func (tx *Tx) FindAttachmentBySHA(sha string) (*Record, error) {
	var found *Record
	err := tx.List(TypeAttachment, func(r *Record) error {
		if a, err := AttachmentOf(r); err == nil && a.SHA256 == sha {
			found = r
			return errStop
		}
		return nil
	})
	if err != nil && err != errStop {
		return nil, err
	}
	if found == nil {
		return nil, fmt.Errorf("%w: attachment with sha256 %s", ErrNotFound, sha)
	}
	return found, nil
}

// errStop ends a List walk early.
var errStop = errors.New("stop")
