package handoff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"

	"qingfeng/store"
	"qingfeng/store/model"
)

// modelTypes make an empty value of each case-model record type, so that
// imported data is checked by the same Validate as local edits.
var modelTypes = map[string]func() model.Record{
	model.TypeCase:        func() model.Record { return &model.Case{} },
	model.TypeLead:        func() model.Record { return &model.Lead{} },
	model.TypeSubject:     func() model.Record { return &model.Subject{} },
	model.TypeTrackedItem: func() model.Record { return &model.TrackedItem{} },
	model.TypeSanction:    func() model.Record { return &model.Sanction{} },
}

// maxAttachmentSize bounds one attachment (a bundle carries at most 1 TiB).
const maxAttachmentSize = 1 << 40

var hexSHA256 = regexp.MustCompile(`^[0-9a-f]{64}$`)

// validateData checks that data is a JSON object fit for a record typ/id:
// case-model records decode and validate, and carry their own id;
// attachment records describe content the store can hold.
func validateData(typ, id string, data json.RawMessage) error {
	d := bytes.TrimSpace(data)
	if len(d) == 0 || d[0] != '{' || !json.Valid(d) {
		return fmt.Errorf("%w: data of %s/%s is not a JSON object", ErrBadRecord, typ, id)
	}
	if typ == store.TypeAttachment {
		return validateAttachment(id, data)
	}
	mk, ok := modelTypes[typ]
	if !ok {
		return nil
	}
	v := mk()
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %s/%s: %v", ErrBadRecord, typ, id, err)
	}
	if v.RecordID() != id {
		return fmt.Errorf("%w: %s/%s carries id %q", ErrBadRecord, typ, id, v.RecordID())
	}
	if err := v.Validate(); err != nil {
		return fmt.Errorf("%w: %s/%s: %w", ErrBadRecord, typ, id, err)
	}
	return nil
}

// validateAttachment checks the metadata of an attachment record: a hex
// SHA-256, a size, and the chunk count the store writes for that size.
func validateAttachment(id string, data json.RawMessage) error {
	a, err := store.AttachmentOf(&store.Record{Type: store.TypeAttachment, ID: id, Data: data})
	if err != nil {
		return fmt.Errorf("%w: attachment %s: %w", ErrBadRecord, id, err)
	}
	if !hexSHA256.MatchString(a.SHA256) || a.Size < 0 || a.Size > maxAttachmentSize || a.Chunks != chunksFor(a.Size) {
		return fmt.Errorf("%w: attachment %s: sha256, size or chunk count", ErrBadRecord, id)
	}
	return nil
}

// chunksFor is the number of chunks the store writes for size bytes (an
// empty attachment has one empty chunk).
func chunksFor(size int64) uint32 {
	if size == 0 {
		return 1
	}
	return uint32((size + store.AttachmentChunk - 1) / store.AttachmentChunk)
}
