package handoff

import (
	"errors"
	"fmt"

	"qingfeng/store"
	"qingfeng/store/dossier"
)

// apply is the one write transaction of an import, and, run by
// store.Vault.DryRun, its dry run: the same code either way. It adds a
// trusted new sender as a contact, merges every record (filling in
// rep.Records and rep.Counts from the merge results), appends the sender's
// audit entries, raises the number counters and appends the import
// summary. On the dry run it notes, in s.need, the attachment content the
// import must store first; on the import that content must be there.
func (s *session) apply(tx *store.Tx, in *incoming, rep *Report, dry bool) error {
	if s.newSender {
		if err := AddContact(tx, s.r.Sender()); err != nil {
			return err
		}
	}
	for i, r := range in.records {
		res, err := s.mergeRecord(tx, in, r, rep, dry)
		if err != nil {
			return err
		}
		rep.Records[i].Result = res
	}
	rep.count()
	var err error
	if rep.AuditImported, rep.AuditKnown, err = importAudit(tx, in); err != nil {
		return err
	}
	if err := dossier.SyncCounters(tx); err != nil {
		return err
	}
	return auditImport(tx, rep)
}

// mergeRecord merges one record; for an attachment it first checks the
// incoming record against ours, if we hold one, and then accounts for the
// content an added attachment needs.
func (s *session) mergeRecord(tx *store.Tx, in *incoming, r *store.Record, rep *Report, dry bool) (store.MergeResult, error) {
	var a *store.Attachment
	if r.Type == store.TypeAttachment {
		var err error
		if a, err = s.knownAttachment(tx, r, rep); err != nil {
			return "", err
		}
	}
	res, err := merge(tx, r)
	if err != nil {
		return "", fmt.Errorf("failed to merge %s/%s: %w", r.Type, r.ID, err)
	}
	if a != nil && res == store.MergeAdded {
		return res, s.addedContent(tx, in, r.ID, a, rep, dry)
	}
	return res, nil
}

// knownAttachment decodes an incoming attachment record. If the vault
// holds an attachment with that id, its content must be the same (it is
// not written again: counted in rep.ContentPresent).
func (s *session) knownAttachment(tx *store.Tx, r *store.Record, rep *Report) (*store.Attachment, error) {
	a, err := store.AttachmentOf(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadRecord, err)
	}
	local, err := tx.Get(store.TypeAttachment, r.ID)
	if errors.Is(err, store.ErrNotFound) {
		return a, nil
	}
	if err != nil {
		return nil, err
	}
	la, err := store.AttachmentOf(local)
	if err != nil {
		return nil, err
	}
	if la.SHA256 != a.SHA256 || la.Size != a.Size {
		return nil, fmt.Errorf("%w: attachment %s", ErrContentMismatch, r.ID)
	}
	rep.ContentPresent++
	return a, nil
}

// addedContent accounts for the content of an attachment the merge added:
// the bundle must carry it. The dry run notes it for writeContent (and
// chunks already there without a record, left by an interrupted import, to
// be replaced); the import checks that writeContent stored it.
func (s *session) addedContent(tx *store.Tx, in *incoming, id string, a *store.Attachment, rep *Report, dry bool) error {
	size, ok := in.content[a.SHA256]
	switch {
	case !ok:
		return fmt.Errorf("%w: attachment %s (%s)", ErrMissingContent, id, a.Name)
	case size != a.Size:
		return fmt.Errorf("%w: attachment %s is %d bytes, its content %d", ErrContentMismatch, id, a.Size, size)
	}
	rep.ContentWritten++
	rep.ContentBytes += a.Size
	stored := tx.HasAttachmentContent(id)
	if !dry {
		if !stored {
			return fmt.Errorf("%w: attachment %s was not stored", ErrMissingContent, id)
		}
		return nil
	}
	s.need[a.SHA256] = append(s.need[a.SHA256], wanted{id: id, a: a, orphan: stored})
	return nil
}

// merge is tx.Merge with two refinements for conflicts already recorded
// here. A conflict recorded with this very remote version is left as it is
// (the store would write it again, and re-importing a bundle must change
// nothing). An update that descends from the conflict's remote version too
// (someone resolved the conflict in another vault) settles it: the conflict
// record is removed.
func merge(tx *store.Tx, r *store.Record) (store.MergeResult, error) {
	c, err := findConflict(tx, r.Type, r.ID)
	switch {
	case errors.Is(err, store.ErrNoConflict):
		return tx.Merge(r)
	case err != nil:
		return "", err
	case store.CompareVersions(c.Remote.Versions, r.Versions) == store.Equal && store.JSONEqual(c.Remote.Data, r.Data):
		return store.MergeConflict, nil
	}
	res, err := tx.Merge(r)
	if err != nil || res != store.MergeUpdated || store.CompareVersions(c.Remote.Versions, r.Versions) != store.Older {
		return res, err
	}
	return res, tx.Delete(store.TypeConflict, r.Type+"."+r.ID)
}
