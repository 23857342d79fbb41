package casework

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/gen"
	"qingfeng/store/model"
)

// storedCase reads a case back without auditing.
func storedCase(t testing.TB, s *Service, id string) *model.Case {
	t.Helper()
	var c *model.Case
	if err := s.Vault().View(func(tx *store.Tx) (err error) { c, err = dossier.GetCase(tx, id); return err }); err != nil {
		t.Fatal(err)
	}
	return c
}

// addAttachment stores a small attachment of owner.
func addAttachment(t testing.TB, s *Service, owner, name string) string {
	t.Helper()
	r, err := s.Vault().AddAttachment(name, owner, strings.NewReader("证据："+name))
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

// newCase registers a lead with a subject and opens its case at 受理.
func newCase(t testing.TB, s *Service, kind model.CaseKind) *model.Case {
	t.Helper()
	l, err := s.RegisterLead(newLeadInput("2026-03-02"), []model.Subject{{Name: "王䶮"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DisposeLead(l.ID, 0, model.DispFile, model.MustDate("2026-03-03"), "王书记"); err != nil {
		t.Fatal(err)
	}
	c, err := s.LeadToCase(l.ID, 0, kind, model.MustDate("2026-03-04"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMoveCaseAndStep: a refused move says why and changes nothing; an
// allowed one is the operator's and one edit entry; a stale form is
// refused; a step is recorded by the operator.
func TestMoveCaseAndStep(t *testing.T) {
	s := modelService(t)
	c := newCase(t, s, model.KindInvestigation)
	before, _ := s.Vault().RecordsDigest()
	n := auditLen(t, s)
	_, err := s.MoveCase(c.ID, 0, model.Move{To: model.StageTrial, Date: model.MustDate("2026-03-05"), Reason: "跳步"})
	var me *model.MoveError
	if !errors.As(err, &me) {
		t.Fatalf("skip to 审理: %v", err)
	}
	if after, _ := s.Vault().RecordsDigest(); !slices.Equal(before, after) || auditLen(t, s) != n {
		t.Fatal("a refused move changed the vault")
	}
	moved, err := s.MoveCase(c.ID, 1, model.Move{To: model.StageDisposal, Kind: model.MoveAdvance, Date: model.MustDate("2026-03-05"), Actor: "别人"})
	if err != nil {
		t.Fatal(err)
	}
	wantAudit(t, s, auditSince(t, s, n), [4]string{store.ActionEdit, model.TypeCase, c.ID, ""})
	got := storedCase(t, s, c.ID)
	if got.Stage != model.StageDisposal || moved.Stage != got.Stage || got.Events[1].Actor != "承办人甲" {
		t.Fatalf("stored %s, events %+v", got.Stage, got.Events)
	}
	if _, err := s.MoveCase(c.ID, 1, model.Move{To: model.StagePrelim, Date: model.MustDate("2026-03-06")}); !errors.Is(err, store.ErrRevisionMismatch) {
		t.Fatalf("stale move: %v", err)
	}
	step := model.Step{Kind: model.StepPrelimApproval, Date: model.MustDate("2026-03-06"), People: []string{"纪委书记"}, Note: "同意初核"}
	if _, err := s.RecordStep(c.ID, 2, step); err != nil {
		t.Fatal(err)
	}
	got = storedCase(t, s, c.ID)
	if len(got.Steps) != 1 || got.Steps[0].Actor != "承办人甲" || got.Steps[0].Note != "同意初核" {
		t.Fatalf("steps %+v", got.Steps)
	}
	if _, err := s.MoveCase(c.ID, 3, model.Move{To: model.StagePrelim, Kind: model.MoveAdvance, Date: model.MustDate("2026-03-07")}); err != nil {
		t.Fatalf("move after the step: %v", err)
	}
}

// TestLinkUnlinkDelete: 一案双查 links show in both cases; a parent with a
// sub-case cannot be deleted; deleting the sub-case clears the parent's
// link and its lead's case.
func TestLinkUnlinkDelete(t *testing.T) {
	s := modelService(t)
	parent := newCase(t, s, model.KindInvestigation)
	child := newCase(t, s, model.KindAccountability)
	if err := s.LinkCases(parent.ID, child.ID); err != nil {
		t.Fatal(err)
	}
	if p, c := storedCase(t, s, parent.ID), storedCase(t, s, child.ID); !slices.Contains(p.AccountabilityCases, child.ID) || c.ParentCase != parent.ID {
		t.Fatalf("link: %v / %q", p.AccountabilityCases, c.ParentCase)
	}
	if err := s.DeleteCase(parent.ID); !errors.Is(err, model.ErrLinkedCases) {
		t.Fatalf("delete the parent: %v", err)
	}
	if err := s.UnlinkCases(parent.ID, child.ID); err != nil {
		t.Fatal(err)
	}
	if p := storedCase(t, s, parent.ID); len(p.AccountabilityCases) != 0 {
		t.Fatalf("unlinked parent keeps %v", p.AccountabilityCases)
	}
	if err := s.LinkCases(parent.ID, child.ID); err != nil {
		t.Fatal(err)
	}
	n := auditLen(t, s)
	if err := s.DeleteCase(child.ID); err != nil {
		t.Fatal(err)
	}
	got := auditSince(t, s, n)
	if last := got[len(got)-1]; last.Action != store.ActionDelete || last.Type != model.TypeCase || last.ID != child.ID {
		t.Fatalf("last entry %+v", last)
	}
	if p := storedCase(t, s, parent.ID); len(p.AccountabilityCases) != 0 {
		t.Fatal("the parent keeps the deleted sub-case")
	}
	if l, _ := storedLead(t, s, child.LeadID); l.CaseID != "" {
		t.Fatal("the lead keeps the deleted case")
	}
	cases, err := s.Cases("")
	if err != nil || len(cases) != 1 || cases[0].ID != parent.ID {
		t.Fatalf("cases %+v %v", cases, err)
	}
	if at, _ := s.Cases(model.StageArchived); len(at) != 0 {
		t.Fatalf("%d archived cases", len(at))
	}
}

// TestCaseView: the case tab's read model holds the case's lead,
// subjects, own tracked items, own attachments and own register entries
// (not those of other cases), its open deadlines and the templates; it
// writes exactly one view entry.
func TestCaseView(t *testing.T) {
	s, ds := modelFilled(t, 5, 30)
	c := modelCaseWithItems(t, ds)
	other := ds.Cases[0].ID
	if other == c.ID {
		other = ds.Cases[1].ID
	}
	att := addAttachment(t, s, "case/"+c.ID, "证言.txt")
	addAttachment(t, s, "case/"+other, "另案.txt")
	addAttachment(t, s, "", "散件-"+c.ID+".txt") // names the id, owned by nobody
	printFake(t, s, c.ID, "立案决定书")
	printFake(t, s, other, "立案决定书")
	n := auditLen(t, s)
	cv, err := s.CaseView(c.ID, modelToday)
	if err != nil {
		t.Fatal(err)
	}
	wantAudit(t, s, auditSince(t, s, n), [4]string{store.ActionView, model.TypeCase, c.ID, ""})
	var items []string
	for _, it := range ds.Items {
		if it.CaseID == c.ID {
			items = append(items, it.ID)
		}
	}
	slices.Sort(items)
	var got []string
	for _, it := range cv.Items {
		got = append(got, it.ID)
	}
	if !slices.Equal(got, items) {
		t.Errorf("items %v, want %v", got, items)
	}
	if cv.Case.ID != c.ID || cv.Rev != 1 || cv.Modified.IsZero() || (c.LeadID != "") != (cv.Lead != nil) {
		t.Errorf("case %s rev %d lead %v", cv.Case.ID, cv.Rev, cv.Lead)
	}
	for _, id := range c.SubjectIDs {
		if cv.Subjects[id].Name == "" {
			t.Errorf("subject %s not read", id)
		}
	}
	if len(cv.Attachments) != 1 || cv.Attachments[0].ID != att || cv.Attachments[0].Name != "证言.txt" {
		t.Errorf("attachments %+v", cv.Attachments)
	}
	if len(cv.Register) != 1 || cv.Register[0].DossierID != c.ID || len(cv.Register[0].Copies) != 1 {
		t.Errorf("register %+v", cv.Register)
	}
	if !slices.Contains(cv.Templates, "立案决定书") {
		t.Errorf("templates %v", cv.Templates)
	}
	want, err := openDeadlines(s, c, cv.Items)
	if err != nil || len(cv.Deadlines) != len(want) {
		t.Fatalf("%d deadlines, want %d (%v)", len(cv.Deadlines), len(want), err)
	}
	for i, d := range cv.Deadlines {
		if d.RecordID != want[i].RecordID || d.DaysLeft != d.Due.Sub(modelToday) || d.Overdue != (d.DaysLeft < 0) {
			t.Errorf("deadline %+v", d)
		}
	}
	if _, err := s.CaseView("0000000000000000", modelToday); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("no such case: %v", err)
	}
}

// modelCaseWithItems is a generated case with at least one tracked item.
func modelCaseWithItems(t testing.TB, ds *gen.Dataset) *model.Case {
	t.Helper()
	for i := range ds.Cases {
		if slices.ContainsFunc(ds.Items, func(it model.TrackedItem) bool { return it.CaseID == ds.Cases[i].ID }) {
			return &ds.Cases[i]
		}
	}
	t.Fatal("no generated case has a tracked item")
	return nil
}

// openDeadlines is the rule table's open deadlines of c and items.
func openDeadlines(s *Service, c *model.Case, items []model.TrackedItem) (ds []model.Deadline, err error) {
	err = s.Vault().View(func(tx *store.Tx) error {
		rules, err := dossier.Rules(tx)
		if err == nil {
			ds, err = rules.Open(nil, []model.Case{*storedCaseTx(tx, c.ID)}, items)
		}
		return err
	})
	return ds, err
}

func storedCaseTx(tx *store.Tx, id string) *model.Case {
	c, _ := dossier.GetCase(tx, id)
	return c
}

// printFake registers one unnumbered copy of a document of the case.
func printFake(t testing.TB, s *Service, caseID, template string) {
	t.Helper()
	err := s.Vault().Update(func(tx *store.Tx) error {
		_, _, err := dossier.Print(tx, dossier.PrintRequest{Key: dossier.DocKey{DossierID: caseID, Template: template},
			Date: modelToday, Copies: 1, By: "印发员乙", At: modelClock}, func(*dossier.RegisterEntry, string) (dossier.Rendered, error) {
			return dossier.Rendered{PDF: []byte("%PDF fake")}, nil
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCaseViewAfterEdits: the view follows the case's current revision
// and an item added later.
func TestCaseViewAfterEdits(t *testing.T) {
	s := modelService(t)
	c := newCase(t, s, model.KindInvestigation)
	it, err := s.AddItem(model.TrackedItem{Kind: model.TrackedKinds[0], CaseID: c.ID, Unit: "某区财政局",
		Issued: model.MustDate("2026-04-01"), Deadline: model.MustDate("2026-05-01"), Status: model.TrackedOpen})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.MoveCase(c.ID, 1, model.Move{To: model.StageDisposal, Kind: model.MoveAdvance, Date: model.MustDate("2026-03-05")}); err != nil {
		t.Fatal(err)
	}
	cv, err := s.CaseView(c.ID, modelToday)
	if err != nil {
		t.Fatal(err)
	}
	if cv.Rev != 2 || cv.Case.Stage != model.StageDisposal || len(cv.Items) != 1 || cv.Items[0].ID != it.ID ||
		cv.Lead == nil || cv.Lead.CaseID != c.ID || cv.Modified != modelClock {
		t.Fatalf("view rev %d stage %s items %+v modified %v", cv.Rev, cv.Case.Stage, cv.Items, cv.Modified)
	}
	if !slices.ContainsFunc(cv.Deadlines, func(d model.Deadline) bool { return d.RecordID == it.ID && d.Overdue }) {
		t.Fatalf("the overdue item is not among the deadlines %+v", cv.Deadlines)
	}
}
