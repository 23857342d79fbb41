package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestAttachmentRoundTrip(t *testing.T) {
	v := newVault(t)
	for _, size := range []int{0, 1, AttachmentChunk - 1, AttachmentChunk, AttachmentChunk + 1, 5*AttachmentChunk + 17, chunksPerTx*AttachmentChunk + 3} {
		data := make([]byte, size)
		rng := rand.New(rand.NewPCG(uint64(size), 1))
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		rec, err := v.AddAttachment("证据材料-𠮷.jpg", "dossier/abc", bytes.NewReader(data))
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		rc, a, err := v.OpenAttachment(rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		sum := sha256.Sum256(data)
		if err != nil || !bytes.Equal(got, data) || a.SHA256 != hex.EncodeToString(sum[:]) || a.Size != int64(size) {
			t.Fatalf("size %d: err %v, equal %v, meta %+v", size, err, bytes.Equal(got, data), a)
		}
	}
	if ids := search(t, v, "证据材料"); len(ids) != 7 {
		t.Fatalf("attachments not searchable by name: %d", len(ids))
	}
}

func TestAttachmentTamperDetected(t *testing.T) {
	v := newVault(t)
	rec, err := v.AddAttachment("a.bin", "", bytes.NewReader(bytes.Repeat([]byte("x"), 3*AttachmentChunk)))
	if err != nil {
		t.Fatal(err)
	}
	// Drop the last chunk, as a truncated file would: the stream must fail.
	v.Update(func(tx *Tx) error { return tx.btx.Bucket(bucketAtt).Delete(chunkKey(rec.ID, 2)) })
	rc, _, _ := v.OpenAttachment(rec.ID)
	if _, err := io.ReadAll(rc); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("read of truncated attachment: %v", err)
	}
	if rep := v.Check(); rep.OK() {
		t.Fatal("check missed a missing chunk")
	}
	if rep := v.CheckWith(CheckOptions{SkipContent: true}); rep.OK() {
		t.Fatal("quick check missed a missing chunk")
	}
	v.Update(func(tx *Tx) error { return tx.Delete(TypeAttachment, rec.ID) })
}

func TestAttachmentReadErrorLeavesNothing(t *testing.T) {
	v := newVault(t)
	r := io.MultiReader(bytes.NewReader(make([]byte, 3*AttachmentChunk)), errReader{})
	if _, err := v.AddAttachment("x", "", r); err == nil {
		t.Fatal("read error not reported")
	}
	v.View(func(tx *Tx) error {
		if n := tx.btx.Bucket(bucketAtt).Stats().KeyN; n != 0 {
			t.Errorf("%d chunks left behind", n)
		}
		return nil
	})
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("device removed") }

// BenchmarkAttachmentWrite measures streaming 64 MiB into the vault.
func BenchmarkAttachmentWrite(b *testing.B) {
	v := newVault(b)
	data := make([]byte, 64<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := v.AddAttachment("big.bin", "", bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestWriteAttachmentContentThenMerge(t *testing.T) {
	src := newVault(t)
	data := bytes.Repeat([]byte("导入的证据"), 100000)
	rec, err := src.AddAttachment("证据.txt", "case/x", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	dst := newVault(t)
	size, sha, chunks, err := dst.WriteAttachmentContent(rec.ID, bytes.NewReader(data))
	a, _ := AttachmentOf(rec)
	if err != nil || size != a.Size || sha != a.SHA256 || chunks != a.Chunks {
		t.Fatalf("content: %v %d %s %d", err, size, sha, chunks)
	}
	if err := dst.Update(func(tx *Tx) error { _, err := tx.Merge(rec); return err }); err != nil {
		t.Fatal(err)
	}
	rc, _, err := dst.OpenAttachment(rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("read back: %v", err)
	}
	dst.View(func(tx *Tx) error {
		if r, err := tx.FindAttachmentBySHA(a.SHA256); err != nil || r.ID != rec.ID {
			t.Errorf("find by sha: %v", err)
		}
		if !tx.HasAttachmentContent(rec.ID) || tx.HasAttachmentContent("nope") {
			t.Error("HasAttachmentContent")
		}
		return nil
	})
	// Content written for an import that never commits is discarded.
	if _, _, _, err := dst.WriteAttachmentContent("orphan1", bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	dst.DiscardAttachmentContent("orphan1")
	dst.View(func(tx *Tx) error {
		if tx.HasAttachmentContent("orphan1") {
			t.Error("orphan kept")
		}
		return nil
	})
}

// TestAttachAfterClose: adding an attachment to a locked vault is
// ErrClosed, not a crash (chunks are sealed outside any transaction).
func TestAttachAfterClose(t *testing.T) {
	v := newVault(t)
	v.Close()
	if _, err := v.AddAttachment("a.txt", "", strings.NewReader("内容")); !errors.Is(err, ErrClosed) {
		t.Errorf("AddAttachment after Close: %v, want ErrClosed", err)
	}
}
