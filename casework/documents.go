package casework

import (
	"encoding/json"
	"fmt"
	"image"

	"qingfeng/export/pdf"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// Official documents of a case: the data a template is filled from, the
// case's 文书要素 (particulars), the document register and the page
// preview. Registering and writing documents is in documents_render.go.

// CaseData reads everything a document about a case is filled from, in one
// read transaction: the case, its lead, subjects and tracked items, the
// settings, the rule table and the particulars (vault-wide, then the
// case's own). subjectID names the 被审查调查人 the document is about; ""
// means the case's first subject. A subject not in the case is
// store.ErrNotFound.
func (s *Service) CaseData(caseID, subjectID string) (*pdf.CaseData, error) {
	var cd *pdf.CaseData
	err := s.view(func(tx *store.Tx) (err error) { cd, err = docCaseData(tx, caseID, subjectID); return err })
	return cd, err
}

// DocFields returns the particulars stored for a case, or the vault-wide ones
// when caseID is "" (an empty map when there are none), and audits the view.
func (s *Service) DocFields(caseID string) (map[string]any, error) {
	key := docFieldsKey(caseID)
	var out map[string]any
	err := s.update(func(tx *store.Tx) (err error) {
		if out, err = dossier.DocFields(tx, key); err != nil {
			return err
		}
		return tx.Audit(store.ActionView, dossier.TypeDocFields, key, "doc fields")
	})
	if out == nil && err == nil {
		out = map[string]any{}
	}
	return out, err
}

// MergedDocFields returns the data the templates see for a case and subject
// (see CaseData), and audits the view like DocFields.
func (s *Service) MergedDocFields(caseID, subjectID string) (map[string]any, error) {
	var out map[string]any
	err := s.update(func(tx *store.Tx) error {
		cd, err := docCaseData(tx, caseID, subjectID)
		if err != nil {
			return err
		}
		out = cd.Map()
		return tx.Audit(store.ActionView, dossier.TypeDocFields, caseID, "doc fields")
	})
	return out, err
}

// SetDocFields replaces the particulars of a case (caseID "" = the vault-wide
// ones) with data, one JSON object; an empty object removes them. Anything
// else is dossier.ErrDocFields and nothing is stored.
func (s *Service) SetDocFields(caseID string, data json.RawMessage) error {
	return s.update(func(tx *store.Tx) error { return dossier.SetDocFields(tx, docFieldsKey(caseID), data) })
}

// docFieldsKey is the record id of a case's particulars.
func docFieldsKey(caseID string) string {
	if caseID == "" {
		return dossier.DocFieldsDefaults
	}
	return caseID
}

// DocumentRegister lists the document register of a case (caseID "" = all of it)
// and audits the view.
func (s *Service) DocumentRegister(caseID string) ([]dossier.RegisterEntry, error) {
	var es []dossier.RegisterEntry
	err := s.update(func(tx *store.Tx) (err error) {
		if es, err = dossier.RegisterEntries(tx, caseID); err != nil {
			return err
		}
		return tx.Audit(store.ActionView, dossier.TypeDocRegister, caseID, fmt.Sprintf("doc register: %d", len(es)))
	})
	return es, err
}

// PreviewDocument lays out a document of the case about subjectID ("" = the first
// subject) and draws its pages at dpi. Nothing is registered and nothing
// is written: a document already in the register previews with its own
// 文号, a new one with the 机关代字 and serial 0 (the number is given when
// it is rendered). It reads one transaction.
func (s *Service) PreviewDocument(caseID, subjectID, template string, dpi float64) ([]image.Image, error) {
	var pages *pdf.Pages
	err := s.view(func(tx *store.Tx) error {
		cd, err := docCaseData(tx, caseID, subjectID)
		if err != nil {
			return err
		}
		tm, err := findTemplateInForce(tx, template)
		if err != nil {
			return err
		}
		en, err := s.previewEntry(tx, cd, tm.Name)
		if err != nil {
			return err
		}
		pages, _, err = s.layoutDoc(tm, cd, en, "", RenderOptions{})
		return err
	})
	if err != nil {
		return nil, err
	}
	imgs := make([]image.Image, len(pages.Pages))
	for i := range pages.Pages {
		if imgs[i], err = pdf.RasterPage(pages, i, dpi); err != nil {
			return nil, err
		}
	}
	return imgs, nil
}

// previewEntry is the register entry a preview is numbered from: the
// document's latest one, else an unnumbered one dated today.
func (s *Service) previewEntry(tx *store.Tx, cd *pdf.CaseData, template string) (*dossier.RegisterEntry, error) {
	entries, err := dossier.RegisterEntries(tx, cd.Case.ID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	en := &dossier.RegisterEntry{Code: cd.Settings.OfficeCode, Year: now.Year(), Date: model.DateOf(now)}
	for i := range entries {
		if entries[i].Template == template && entries[i].SubjectID == cd.Subject {
			en = &entries[i]
		}
	}
	return en, nil
}

// caseData reads a case's document data inside tx (see CaseData).
func docCaseData(tx *store.Tx, id, subjectID string) (*pdf.CaseData, error) {
	c, err := dossier.GetCase(tx, id)
	if err != nil {
		return nil, err
	}
	if subjectID != "" && !c.HasSubject(subjectID) {
		return nil, fmt.Errorf("%w: subject %s is not in case %s", store.ErrNotFound, subjectID, id)
	}
	cd := &pdf.CaseData{Case: c, Subject: subjectID}
	if cd.Subject == "" && len(c.SubjectIDs) > 0 {
		cd.Subject = c.SubjectIDs[0]
	}
	if cd.Settings, _, err = dossier.Settings(tx); err != nil {
		return nil, err
	}
	if cd.Rules, err = dossier.Rules(tx); err != nil {
		return nil, err
	}
	if err := docCaseParts(tx, cd); err != nil {
		return nil, err
	}
	return cd, docParticulars(tx, cd)
}

// caseParts reads the case's lead, subjects and tracked items into cd.
func docCaseParts(tx *store.Tx, cd *pdf.CaseData) error {
	c := cd.Case
	if c.LeadID != "" {
		l, err := dossier.GetLead(tx, c.LeadID)
		if err != nil {
			return err
		}
		cd.Lead = l
	}
	for _, sid := range c.SubjectIDs {
		var sub model.Subject
		if _, err := dossier.Load(tx, model.TypeSubject, sid, &sub); err != nil {
			return err
		}
		cd.Subjects = append(cd.Subjects, sub)
	}
	items, err := dossier.Items(tx)
	for _, t := range items {
		if t.CaseID == c.ID {
			cd.Items = append(cd.Items, t)
		}
	}
	return err
}

// caseParticulars adds the vault-wide particulars, then the case's own.
func docParticulars(tx *store.Tx, cd *pdf.CaseData) error {
	for _, fid := range []string{dossier.DocFieldsDefaults, cd.Case.ID} {
		m, err := dossier.DocFields(tx, fid)
		if err != nil {
			return err
		}
		if m != nil {
			cd.Extra = append(cd.Extra, m)
		}
	}
	return nil
}
