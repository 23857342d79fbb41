package handoff

import (
	"fmt"
	"io"

	"qingfeng/export/bundle"
	"qingfeng/store"
)

// wanted is an attachment whose content the import must store: the dry
// run found that the merge adds its record.
type wanted struct {
	id     string
	a      *store.Attachment
	orphan bool // chunks without a record are there already (an interrupted import)
}

// writeContent stores the attachment content the dry run found needed
// (s.need), streaming it from the bundle into the vault's sealed chunks
// before any record exists (store.Vault.WriteAttachmentContent). Content
// shared by several new attachment records is stored once per record, one
// more walk of the bundle per extra record, because the store keeps chunks
// per attachment id. It returns every id it wrote chunks for, also on
// error: the caller discards those the final transaction did not make into
// records.
func (s *session) writeContent() ([]string, error) {
	rounds := 0
	for _, ws := range s.need {
		rounds = max(rounds, len(ws))
	}
	var written []string
	s.phase = PhaseContent
	for k := range rounds {
		err := s.r.Walk(func(e bundle.Entry, content io.Reader) error {
			info, err := e.Info()
			if err != nil || info.Kind != bundle.KindAttachment || k >= len(s.need[info.SHA256]) {
				return err
			}
			w := s.need[info.SHA256][k]
			written = append(written, w.id)
			return s.storeContent(w, content)
		})
		if err != nil {
			return written, err
		}
	}
	return written, nil
}

// storeContent writes one attachment's content and checks it against the
// attachment record it belongs to.
func (s *session) storeContent(w wanted, content io.Reader) error {
	if w.orphan {
		if err := s.v.DiscardAttachmentContent(w.id); err != nil {
			return err
		}
	}
	size, sha, chunks, err := s.v.WriteAttachmentContent(w.id, content)
	if err != nil {
		return err
	}
	if size != w.a.Size || sha != w.a.SHA256 || chunks != w.a.Chunks {
		return fmt.Errorf("%w: attachment %s", ErrContentMismatch, w.id)
	}
	return nil
}
