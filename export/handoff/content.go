package handoff

import (
	"fmt"
	"io"

	"qingfeng/export/bundle"
)

// writeContent stores the attachment content the plan needs, streaming it
// from the bundle into the vault's sealed chunks before any record exists
// (store.Vault.WriteAttachmentContent). Content shared by several new
// attachment records is stored once per record, one more walk of the
// bundle per extra record, because the store keeps chunks per attachment
// id. It returns every id it wrote chunks for, also on error: the caller
// discards those the final transaction did not make into records.
func (s *session) writeContent(p *plan, rep *Report) ([]string, error) {
	rounds := 0
	for _, ws := range p.need {
		rounds = max(rounds, len(ws))
	}
	var written []string
	s.phase = PhaseContent
	for k := range rounds {
		err := s.r.Walk(func(e bundle.Entry, content io.Reader) error {
			info, err := e.Info()
			if err != nil || info.Kind != bundle.KindAttachment || k >= len(p.need[info.SHA256]) {
				return err
			}
			w := p.need[info.SHA256][k]
			written = append(written, w.id)
			return s.storeContent(w, p.orphans[w.id], content, rep)
		})
		if err != nil {
			return written, err
		}
	}
	return written, nil
}

// storeContent writes one attachment's content and checks it against the
// attachment record it belongs to.
func (s *session) storeContent(w wanted, orphan bool, content io.Reader, rep *Report) error {
	if orphan {
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
	rep.ContentWritten++
	rep.ContentBytes += size
	return nil
}
