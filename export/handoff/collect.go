package handoff

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"qingfeng/export/bundle"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// TypeDossier is the record type of a generic dossier (the free JSON record
// of the `dossier` verb). It travels like a case, with its attachments.
const TypeDossier = "dossier"

// traveling lists the record types a bundle may carry. Everything else
// (identity, contact, conflict, tombstone, counter, config, settings,
// templates, the document register) belongs to one vault: it is never
// exported, and an import that meets it is refused with ErrForbiddenRecord.
var traveling = map[string]bool{
	model.TypeCase: true, model.TypeLead: true, model.TypeSubject: true,
	model.TypeTrackedItem: true, model.TypeSanction: true, dossier.TypeDocFields: true,
	store.TypeAttachment: true, TypeDossier: true,
}

// Travels reports whether records of type typ can be exported and imported.
func Travels(typ string) bool { return traveling[typ] }

// collection is what one export carries, gathered in one read transaction.
type collection struct {
	records []*store.Record // every record, attachments included
	atts    []*store.Record // the attachment records among them
	audit   []*store.AuditEntry
	refs    []bundle.DossierRef
	have    map[string]bool // "type/id" of every collected record
	cases   map[string]bool // case ids
	leads   map[string]bool // lead ids of those cases
	attRefs map[string]bool // attachment ids the collected records name
}

func key(typ, id string) string { return typ + "/" + id }

// collect gathers the dossiers ids (case or generic dossier ids) with
// everything that belongs to them.
func collect(tx *store.Tx, ids []string) (*collection, error) {
	c := &collection{have: map[string]bool{}, cases: map[string]bool{}, leads: map[string]bool{}, attRefs: map[string]bool{}}
	for _, id := range ids {
		if err := c.addDossier(tx, id); err != nil {
			return nil, err
		}
	}
	for _, step := range []func(*store.Tx) error{c.addLinked, c.addAttachments, c.addAudit} {
		if err := step(tx); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// add keeps r unless it is already collected.
func (c *collection) add(r *store.Record) {
	if c.have[key(r.Type, r.ID)] {
		return
	}
	c.have[key(r.Type, r.ID)] = true
	c.records = append(c.records, r)
	if r.Type == store.TypeAttachment {
		c.atts = append(c.atts, r)
	}
}

// addIfExists adds typ/id when the vault holds it.
func (c *collection) addIfExists(tx *store.Tx, typ, id string) (*store.Record, error) {
	r, err := tx.Get(typ, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c.add(r)
	return r, nil
}

// findDossier returns the case, or else the generic dossier, with id, and
// its type; ErrNoDossier if there is neither.
func findDossier(tx *store.Tx, id string) (*store.Record, string, error) {
	for _, typ := range []string{model.TypeCase, TypeDossier} {
		r, err := tx.Get(typ, id)
		if err == nil {
			return r, typ, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return nil, "", err
		}
	}
	return nil, "", fmt.Errorf("%w: %q", ErrNoDossier, id)
}

// addDossier adds the case (or generic dossier) id and names it in the manifest.
func (c *collection) addDossier(tx *store.Tx, id string) error {
	r, typ, err := findDossier(tx, id)
	if err != nil {
		return err
	}
	c.add(r)
	c.refs = append(c.refs, bundle.DossierRef{Type: typ, ID: id, Rev: strconv.FormatUint(r.Rev, 10)})
	if typ == model.TypeCase {
		return c.addCase(tx, r)
	}
	return nil
}

// addCase adds a case's lead, subjects and particulars, and notes the
// attachments it names.
func (c *collection) addCase(tx *store.Tx, r *store.Record) error {
	var cs model.Case
	if err := json.Unmarshal(r.Data, &cs); err != nil {
		return fmt.Errorf("%w: case %s: %v", store.ErrCorrupt, r.ID, err)
	}
	c.cases[cs.ID] = true
	subjects := caseSubjects(&cs)
	if cs.LeadID != "" {
		c.leads[cs.LeadID] = true
		lr, err := c.addIfExists(tx, model.TypeLead, cs.LeadID)
		if err != nil {
			return err
		}
		if lr != nil {
			var l model.Lead
			if err := json.Unmarshal(lr.Data, &l); err != nil {
				return fmt.Errorf("%w: lead %s: %v", store.ErrCorrupt, lr.ID, err)
			}
			subjects = append(subjects, l.SubjectIDs...)
		}
	}
	for _, id := range subjects {
		if _, err := c.addIfExists(tx, model.TypeSubject, id); err != nil {
			return err
		}
	}
	for _, e := range cs.Evidence {
		if e.AttachmentID != "" {
			c.attRefs[e.AttachmentID] = true
		}
	}
	for _, id := range cs.TalkNoteIDs {
		c.attRefs[id] = true
	}
	_, err := c.addIfExists(tx, dossier.TypeDocFields, cs.ID)
	return err
}

// caseSubjects lists every subject id a case names.
func caseSubjects(cs *model.Case) []string {
	ids := append([]string(nil), cs.SubjectIDs...)
	for _, f := range cs.Facts {
		ids = append(ids, f.SubjectID)
	}
	for _, m := range cs.Measures {
		ids = append(ids, m.SubjectID)
	}
	for _, o := range cs.Outcomes {
		ids = append(ids, o.SubjectID)
	}
	out := ids[:0]
	for _, id := range ids {
		if id != "" {
			out = append(out, id)
		}
	}
	return out
}

// link is the part of a tracked item or sanction that ties it to a case.
type link struct {
	CaseID string `json:"case_id"`
	LeadID string `json:"lead_id"`
}

// addLinked adds the tracked items and sanctions of the collected cases
// and their leads.
func (c *collection) addLinked(tx *store.Tx) error {
	for _, typ := range []string{model.TypeTrackedItem, model.TypeSanction} {
		err := tx.List(typ, func(r *store.Record) error {
			var l link
			if err := json.Unmarshal(r.Data, &l); err != nil {
				return fmt.Errorf("%w: %s/%s: %v", store.ErrCorrupt, r.Type, r.ID, err)
			}
			if c.cases[l.CaseID] || (l.LeadID != "" && c.leads[l.LeadID]) {
				c.add(r)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// addAttachments adds every attachment owned by a collected record
// ("type/id") or named by one. Names of attachments the vault does not hold
// are skipped: generated data names some that were never added.
func (c *collection) addAttachments(tx *store.Tx) error {
	return tx.List(store.TypeAttachment, func(r *store.Record) error {
		a, err := store.AttachmentOf(r)
		if err != nil {
			return err
		}
		if c.attRefs[r.ID] || (a.Owner != "" && c.have[a.Owner]) {
			c.add(r)
		}
		return nil
	})
}

// addAudit adds every audit entry that names a collected record.
func (c *collection) addAudit(tx *store.Tx) error {
	return tx.AuditEntries(func(e *store.AuditEntry) error {
		if e.Type != "" && c.have[key(e.Type, e.ID)] {
			c.audit = append(c.audit, e)
		}
		return nil
	})
}
