package casework

import (
	"fmt"
	"io"

	"qingfeng/assets"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/gen"
	"qingfeng/store/model"
)

// importBatch is how many generated records one transaction writes.
const importBatch = 2000

// ImportDataset writes a generated data set (the demo, `gen`): its
// records in transactions of importBatch (each with its records' audit
// entries), calling progress, if not nil, on the calling goroutine after
// each; then, in one last transaction, the data set's settings and the demo
// particulars where the vault has none yet, and the number counters raised
// past every number used. It returns how many records it wrote; on an
// error the batches written before stay.
func (s *Service) ImportDataset(ds *gen.Dataset, progress func(done, total int)) (int, error) {
	recs := ds.Records()
	for i := 0; i < len(recs); i += importBatch {
		part := recs[i:min(i+importBatch, len(recs))]
		if err := s.update(func(tx *store.Tx) error { return saveNew(tx, part) }); err != nil {
			return i, err
		}
		if progress != nil {
			progress(i+len(part), len(recs))
		}
	}
	return len(recs), s.update(func(tx *store.Tx) error { return finishImport(tx, ds.Settings) })
}

// saveNew stores new records.
func saveNew(tx *store.Tx, recs []model.Record) error {
	for _, r := range recs {
		if _, err := dossier.Save(tx, r, 0); err != nil {
			return fmt.Errorf("%s %s: %w", r.RecordType(), r.RecordID(), err)
		}
	}
	return nil
}

// finishImport keeps the vault's settings and particulars if it has any
// and aligns the counters.
func finishImport(tx *store.Tx, st model.Settings) error {
	if _, rev, _ := dossier.Settings(tx); rev == 0 {
		if err := dossier.SaveSettings(tx, st); err != nil {
			return err
		}
	}
	if fields, err := dossier.DocFields(tx, dossier.DocFieldsDefaults); err == nil && fields == nil {
		if err := dossier.SetDocFields(tx, dossier.DocFieldsDefaults, assets.DemoParticulars()); err != nil {
			return err
		}
	}
	return dossier.SyncCounters(tx)
}

// GenAttachments adds k attachments to the data set's cases, round robin,
// each streamed from content(i) (the caller's reader, which it keeps
// owning) and named after its case; progress, if not nil, is called on the
// calling goroutine after each.
func (s *Service) GenAttachments(ds *gen.Dataset, k int, content func(i int) io.Reader, progress func(done, total int)) error {
	if len(ds.Cases) == 0 {
		return nil
	}
	for i := 0; i < k; i++ {
		c := ds.Cases[i%len(ds.Cases)]
		name := fmt.Sprintf("证据材料-%s-%d.bin", c.Number, i+1)
		if _, err := s.v.AddAttachment(name, model.TypeCase+"/"+c.ID, content(i)); err != nil {
			return err
		}
		if progress != nil {
			progress(i+1, k)
		}
	}
	return nil
}
