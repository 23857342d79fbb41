package casework

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qingfeng/store"
)

// attFile writes data to a file named name in a fresh temp folder.
func attFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAttachmentAddListPreview(t *testing.T) {
	s := recService(t)
	data := bytes.Repeat([]byte("谈话笔录第一页"), 100000) // 2.1 MB: several chunks
	in := attFile(t, "谈话笔录-𠮷.txt", data)
	var calls int
	var last, size int64
	r, err := s.AddAttachment("case/c1", in, func(done, total int64) { calls, last, size = calls+1, done, total })
	if err != nil {
		t.Fatal(err)
	}
	if calls < 2 || last != int64(len(data)) || size != int64(len(data)) {
		t.Errorf("progress: %d calls, last %d of %d", calls, last, size)
	}
	recWant(t, recLastAudit(t, s), store.ActionCreate, store.TypeAttachment, r.ID, "")
	if _, err := s.AddAttachment("lead/l1", attFile(t, "别的.txt", []byte("另一份")), nil); err != nil {
		t.Fatal(err)
	}

	mine, err := s.Attachments("case/c1")
	if err != nil || len(mine) != 1 || mine[0].ID != r.ID || mine[0].Name != "谈话笔录-𠮷.txt" || mine[0].Size != int64(len(data)) {
		t.Fatalf("attachments of case/c1: %+v %v", mine, err)
	}
	sum := sha256.Sum256(data)
	if mine[0].SHA256 != hex.EncodeToString(sum[:]) || mine[0].Owner != "case/c1" {
		t.Errorf("recorded %+v", mine[0].Attachment)
	}
	if all, _ := s.Attachments(""); len(all) != 2 {
		t.Errorf("all attachments: %d", len(all))
	}

	got, a, err := s.Preview(r.ID, 1000)
	if err != nil || !bytes.Equal(got, data[:1000]) || a.Name != "谈话笔录-𠮷.txt" {
		t.Fatalf("preview: %d bytes, %v", len(got), err)
	}
	recWant(t, recLastAudit(t, s), store.ActionView, store.TypeAttachment, r.ID, "preview")
	if got, _, err = s.Preview(r.ID, 16<<20); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("whole preview: %d bytes, %v", len(got), err)
	}
	if _, err := s.AddAttachment("case/c1", filepath.Join(t.TempDir(), "missing"), nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("adding a missing file: %v", err)
	}
}

// TestSaveCopyIsAudited writes the plaintext copy through a relative path:
// the file holds the content, the entry names its SHA-256 and the absolute
// path, and no temporary file is left beside it.
func TestSaveCopyIsAudited(t *testing.T) {
	s := recService(t)
	data := []byte("证人证言：某某于二〇二五年收受购物卡")
	r, err := s.AddAttachment("case/c1", attFile(t, "证言.txt", data), nil)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	t.Chdir(out)
	a, err := s.SaveCopy(r.ID, "副本.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "副本.txt")); !bytes.Equal(got, data) || a.Size != int64(len(data)) {
		t.Fatalf("copy holds %q", got)
	}
	abs, _ := filepath.Abs("副本.txt")
	recWant(t, recLastAudit(t, s), store.ActionSaveCopy, store.TypeAttachment, r.ID, "sha256 "+a.SHA256+" -> "+abs)
	if names := recDir(t, out); names != "副本.txt" {
		t.Errorf("folder holds %s", names)
	}
	if st, _ := os.Stat(abs); st.Mode().Perm() != 0o600 {
		t.Errorf("copy mode %v", st.Mode())
	}
}

// TestSaveCopyFailuresLeaveNothing: an unknown attachment, a missing
// folder and a locked vault write neither a file nor an audit entry.
func TestSaveCopyFailuresLeaveNothing(t *testing.T) {
	s := recService(t)
	r, err := s.AddAttachment("case/c1", attFile(t, "证言.txt", []byte("内容")), nil)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.AuditTrail(context.Background())
	out := t.TempDir()
	if _, err := s.SaveCopy("nosuchid", filepath.Join(out, "a.txt")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown attachment: %v", err)
	}
	if _, err := s.SaveCopy(r.ID, filepath.Join(out, "no", "such", "folder.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing folder: %v", err)
	}
	after, _ := s.AuditTrail(context.Background())
	if len(after) != len(before) || recDir(t, out) != "" {
		t.Errorf("failed copies left %d entries and files %q", len(after)-len(before), recDir(t, out))
	}
}

// recDir lists a folder's names, joined by commas.
func recDir(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return strings.Join(names, ",")
}
