package app

import (
	"qingfeng/casework"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// caseWork is the case-work service over the session's vault, dated by the
// window's clock: what the case-model screens call, as the command line does.
func (u *UI) caseWork(s *session) *casework.Service {
	return casework.New(s.vault).WithClock(u.now)
}

// caseBundle is everything a case tab shows: casework.CaseView, read in one
// read transaction.
type caseBundle struct {
	c         *model.Case
	rev       uint64 // the case's revision read: moves are based on it
	view      *casework.CaseView
	lead      *model.Lead
	subjects  map[string]model.Subject
	items     []model.TrackedItem
	deadlines []model.Deadline
	attach    []attachRow
	register  []dossier.RegisterEntry
	templates []string
}

// attachRow is one attachment of a record.
type attachRow struct {
	id string
	a  store.Attachment
}

// subjectName is the name of a subject, or its id when unknown.
func (b *caseBundle) subjectName(id string) string {
	if s, ok := b.subjects[id]; ok && s.Name != "" {
		return s.Name
	}
	return id
}

// loadCaseBundle reads a case and what belongs to it (casework.CaseView, as
// `case show` does; the view is audited).
func loadCaseBundle(w *casework.Service, id string, today model.Date) (*caseBundle, error) {
	cv, err := w.CaseView(id, today)
	if err != nil {
		return nil, err
	}
	return &caseBundle{c: cv.Case, rev: cv.Rev, view: cv, lead: cv.Lead, subjects: cv.Subjects, items: cv.Items,
		deadlines: cv.Deadlines, attach: attachRows(cv.Attachments), register: cv.Register, templates: cv.Templates}, nil
}

// attachRows are the rows of the attachment section.
func attachRows(as []casework.Attachment) []attachRow {
	out := make([]attachRow, len(as))
	for i, a := range as {
		out[i] = attachRow{a.ID, a.Attachment}
	}
	return out
}

// leadBundle is everything a lead tab shows.
type leadBundle struct {
	l        *model.Lead
	rev      uint64 // the lead's revision read: changes are based on it
	subjects map[string]model.Subject
	settings model.Settings
	attach   []attachRow
}

// loadLeadBundle reads a lead with its subjects and attachments
// (casework.LeadView, as `lead show` does; the view is audited).
func loadLeadBundle(w *casework.Service, id string) (*leadBundle, error) {
	lv, err := w.LeadView(id)
	if err != nil {
		return nil, err
	}
	return &leadBundle{l: lv.Lead, rev: lv.Rev, subjects: lv.Subjects, settings: lv.Settings, attach: attachRows(lv.Attachments)}, nil
}
