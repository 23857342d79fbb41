package casework

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/gen"
	"qingfeng/store/model"
)

// modelClock is the fixed "now" of the case-model tests.
var modelClock = time.Date(2026, 5, 20, 10, 0, 0, 0, time.UTC)

// modelToday is modelClock's date.
var modelToday = model.DateOf(modelClock)

// modelService opens a service over a new, empty vault in t.TempDir(),
// with the operator 承办人甲 and the clock at modelClock; at cleanup the
// vault is checked and closed.
func modelService(t testing.TB) *Service {
	t.Helper()
	p := store.FastKDF()
	opts := &store.Options{Actor: "承办人甲", KDF: &p, Sleep: func(time.Duration) {}, Now: func() time.Time { return modelClock }}
	v, _, err := store.Create(filepath.Join(t.TempDir(), "vault"), []byte("casework model test"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if rep := v.Check(); !rep.OK() {
			t.Errorf("check: %+v", rep.Problems)
		}
		v.Close()
	})
	return New(v).WithClock(func() time.Time { return modelClock })
}

// modelFilled is modelService filled with a generated data set of leads
// standalone leads and cases cases (written by ImportDataset).
func modelFilled(t testing.TB, leads, cases int) (*Service, *gen.Dataset) {
	t.Helper()
	s := modelService(t)
	ds := gen.New(7, modelToday).Dataset(leads, cases)
	if _, err := s.ImportDataset(&ds, nil); err != nil {
		t.Fatal(err)
	}
	return s, &ds
}

// auditSince returns the audit entries after the first n.
func auditSince(t testing.TB, s *Service, n int) []store.AuditEntry {
	t.Helper()
	var out []store.AuditEntry
	err := s.Vault().View(func(tx *store.Tx) error {
		return tx.AuditEntries(func(e *store.AuditEntry) error {
			if e.Seq > uint64(n) {
				out = append(out, *e)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// auditLen is the number of audit entries.
func auditLen(t testing.TB, s *Service) int { return len(auditSince(t, s, 0)) }

// wantAudit checks that the entries are exactly want (action type/id
// detail), each by the service's operator.
func wantAudit(t *testing.T, s *Service, got []store.AuditEntry, want ...[4]string) {
	t.Helper()
	var have [][4]string
	for _, e := range got {
		have = append(have, [4]string{e.Action, e.Type, e.ID, e.Detail})
		if e.Actor != s.Operator() {
			t.Errorf("entry %d by %q", e.Seq, e.Actor)
		}
	}
	if !slices.Equal(have, want) {
		t.Errorf("audit entries\n%v\nwant\n%v", have, want)
	}
}

// storedLead reads a lead back without auditing.
func storedLead(t testing.TB, s *Service, id string) (*model.Lead, uint64) {
	t.Helper()
	l := &model.Lead{}
	var rev uint64
	err := s.Vault().View(func(tx *store.Tx) (err error) { rev, err = dossier.Load(tx, model.TypeLead, id, l); return err })
	if err != nil {
		t.Fatal(err)
	}
	return l, rev
}

func newLeadInput(received string) model.Lead {
	return model.Lead{Source: model.SourcePetition, Received: model.MustDate(received), Category: model.CategoryIntegrity,
		Summary: "反映王䶮违规收受管理服务对象礼金", Reporter: model.Reporter{Name: "匿名"}}
}

// TestRegisterLead: the lead and its subjects are stored in one
// transaction, numbered, linked and signed, each with its create entry; a
// 受理 date after today is refused and stores nothing.
func TestRegisterLead(t *testing.T) {
	s := modelService(t)
	n := auditLen(t, s)
	l, err := s.RegisterLead(newLeadInput("2026-05-19"), []model.Subject{{Name: "王䶮"}, {Name: "吉𠮷"}})
	if err != nil {
		t.Fatal(err)
	}
	got, rev := storedLead(t, s, l.ID)
	if rev != 1 || got.Number != "XS〔2026〕1号" || got.Status != model.LeadPending || len(got.SubjectIDs) != 2 ||
		len(got.Trail) != 1 || got.Trail[0].Who != "承办人甲" || got.Trail[0].Action != "登记" {
		t.Fatalf("stored lead %+v rev %d", got, rev)
	}
	var names []string
	s.Vault().View(func(tx *store.Tx) error {
		for _, id := range got.SubjectIDs {
			var sub model.Subject
			if _, err := dossier.Load(tx, model.TypeSubject, id, &sub); err != nil {
				return err
			}
			names = append(names, sub.Name)
		}
		return nil
	})
	if !slices.Equal(names, []string{"王䶮", "吉𠮷"}) {
		t.Fatalf("subjects %v", names)
	}
	wantAudit(t, s, auditSince(t, s, n),
		[4]string{store.ActionCreate, model.TypeSubject, got.SubjectIDs[0], ""},
		[4]string{store.ActionCreate, model.TypeSubject, got.SubjectIDs[1], ""},
		[4]string{store.ActionCreate, "counter", "lead-2026", ""},
		[4]string{store.ActionCreate, model.TypeLead, l.ID, ""})

	before, _ := s.Vault().RecordsDigest()
	n = auditLen(t, s)
	if _, err := s.RegisterLead(newLeadInput("2026-05-21"), []model.Subject{{Name: "王䶮"}}); !errors.Is(err, ErrFutureDate) {
		t.Fatalf("future 受理 date: %v", err)
	}
	bad := newLeadInput("2026-05-01")
	bad.Summary = ""
	if _, err := s.RegisterLead(bad, []model.Subject{{Name: "王䶮"}}); !errors.Is(err, model.ErrMissing) {
		t.Fatalf("no summary: %v", err)
	}
	after, _ := s.Vault().RecordsDigest()
	if !slices.Equal(before, after) || auditLen(t, s) != n {
		t.Fatal("a refused lead changed the vault")
	}
}

// TestLeadWorkflow: dispose, record the outcome, close, each signed and
// audited as one edit; a form read at an older revision is refused and
// changes nothing.
func TestLeadWorkflow(t *testing.T) {
	s := modelService(t)
	l, err := s.RegisterLead(newLeadInput("2026-03-02"), nil)
	if err != nil {
		t.Fatal(err)
	}
	n := auditLen(t, s)
	if _, err := s.DisposeLead(l.ID, 1, model.DispCheck, model.MustDate("2026-03-10"), "王书记"); err != nil {
		t.Fatal(err)
	}
	wantAudit(t, s, auditSince(t, s, n), [4]string{store.ActionEdit, model.TypeLead, l.ID, ""})

	// A second form still at revision 1 is refused.
	before, _ := s.Vault().RecordsDigest()
	if _, err := s.CloseLead(l.ID, 1, model.MustDate("2026-03-20")); !errors.Is(err, store.ErrRevisionMismatch) {
		t.Fatalf("stale close: %v", err)
	}
	if after, _ := s.Vault().RecordsDigest(); !slices.Equal(before, after) {
		t.Fatal("a stale edit changed the records")
	}
	if _, err := s.RecordOutcome(l.ID, 2, model.OutcomeDismiss, model.MustDate("2026-03-15")); err != nil {
		t.Fatal(err)
	}
	got, err := s.CloseLead(l.ID, 0, model.MustDate("2026-03-20"))
	if err != nil {
		t.Fatal(err)
	}
	stored, rev := storedLead(t, s, l.ID)
	if rev != 4 || stored.Status != model.LeadClosed || stored.Disposal.ApprovedBy != "王书记" || got.Closed != stored.Closed {
		t.Fatalf("stored %+v rev %d", stored, rev)
	}
	var actions []string
	for _, h := range stored.Trail {
		actions = append(actions, h.Action)
	}
	want := []string{"登记", "处置：" + string(model.DispCheck), "结果：" + string(model.OutcomeDismiss), "办结"}
	if !slices.Equal(actions, want) {
		t.Fatalf("trail %v, want %v", actions, want)
	}
}

// TestLeadToCase: the case is opened at 受理 with the lead's subjects and
// the lead links to it, both in one transaction; a second case is refused.
func TestLeadToCase(t *testing.T) {
	s := modelService(t)
	l, err := s.RegisterLead(newLeadInput("2026-03-02"), []model.Subject{{Name: "王䶮"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DisposeLead(l.ID, 0, model.DispFile, model.MustDate("2026-03-10"), "王书记"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LeadToCase(l.ID, 1, model.KindInvestigation, model.MustDate("2026-03-11")); !errors.Is(err, store.ErrRevisionMismatch) {
		t.Fatalf("stale lead: %v", err)
	}
	n := auditLen(t, s)
	c, err := s.LeadToCase(l.ID, 2, model.KindInvestigation, model.MustDate("2026-03-11"))
	if err != nil {
		t.Fatal(err)
	}
	wantAudit(t, s, auditSince(t, s, n),
		[4]string{store.ActionCreate, model.TypeCase, c.ID, ""},
		[4]string{store.ActionEdit, model.TypeLead, l.ID, ""})
	stored, _ := storedLead(t, s, l.ID)
	sc := storedCase(t, s, c.ID)
	if stored.CaseID != c.ID || sc.LeadID != l.ID || sc.Stage != model.StageReceived || !slices.Equal(sc.SubjectIDs, l.SubjectIDs) ||
		sc.Events[0].Actor != "承办人甲" || sc.Title != l.Summary {
		t.Fatalf("lead %+v case %+v", stored, sc)
	}
	if _, err := s.LeadToCase(l.ID, 0, model.KindInvestigation, model.MustDate("2026-03-12")); !errors.Is(err, dossier.ErrHasCase) {
		t.Fatalf("second case: %v", err)
	}
}

// TestLeadViewAndList: the lead tab's read model names the subjects and
// lists the lead's own attachments; opening it writes exactly one view
// entry, listing one list entry.
func TestLeadViewAndList(t *testing.T) {
	s := modelService(t)
	l, err := s.RegisterLead(newLeadInput("2026-03-02"), []model.Subject{{Name: "王䶮"}})
	if err != nil {
		t.Fatal(err)
	}
	other, _ := s.RegisterLead(newLeadInput("2026-03-03"), nil)
	addAttachment(t, s, "lead/"+l.ID, "举报信.txt")
	addAttachment(t, s, "lead/"+other.ID, "另一封.txt")
	n := auditLen(t, s)
	lv, err := s.LeadView(l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if lv.Rev != 1 || lv.Lead.Number != l.Number || lv.Subjects[l.SubjectIDs[0]].Name != "王䶮" ||
		len(lv.Attachments) != 1 || lv.Attachments[0].Name != "举报信.txt" || lv.Settings.Scheme != model.DefaultSettings().Scheme {
		t.Fatalf("view %+v", lv)
	}
	wantAudit(t, s, auditSince(t, s, n), [4]string{store.ActionView, model.TypeLead, l.ID, ""})

	n = auditLen(t, s)
	leads, err := s.Leads()
	if err != nil || len(leads) != 2 {
		t.Fatalf("%d leads, %v", len(leads), err)
	}
	wantAudit(t, s, auditSince(t, s, n), [4]string{store.ActionView, model.TypeLead, "", "list: 2"})
	rep, err := s.UndisposedLeads(model.MustDate("2026-04-02"))
	if err != nil || len(rep) != 2 || rep[0].AgeDays != 31 {
		t.Fatalf("undisposed %+v %v", rep, err)
	}
}

// TestListRow: one record's list row names its subjects and, for a case,
// its lead's 承办人; it writes nothing to the audit trail.
func TestListRow(t *testing.T) {
	s := modelService(t)
	in := newLeadInput("2026-03-02")
	in.Handler = "承办人乙"
	l, err := s.RegisterLead(in, []model.Subject{{Name: "王䶮"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DisposeLead(l.ID, 0, model.DispFile, model.MustDate("2026-03-03"), "王书记"); err != nil {
		t.Fatal(err)
	}
	c, err := s.LeadToCase(l.ID, 0, model.KindInvestigation, model.MustDate("2026-03-04"))
	if err != nil {
		t.Fatal(err)
	}
	n := auditLen(t, s)
	r, names, err := s.ListRow(model.TypeCase, c.ID)
	if err != nil || r.ID != c.ID || names.SubjectsOf(c.SubjectIDs) != "王䶮" || names.Handlers[l.ID] != "承办人乙" {
		t.Fatalf("row %+v names %+v %v", r, names, err)
	}
	if r, names, err = s.ListRow(model.TypeLead, l.ID); err != nil || r.Type != model.TypeLead || names.SubjectsOf(l.SubjectIDs) != "王䶮" {
		t.Fatalf("lead row %+v names %+v %v", r, names, err)
	}
	if auditLen(t, s) != n {
		t.Error("a list row was audited")
	}
	if _, _, err := s.ListRow(model.TypeCase, "0000000000000000"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing: %v", err)
	}
}
