package dossier

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"qingfeng/store"
	"qingfeng/store/model"
)

var pass = []byte("dossier test passphrase")

func opts() *store.Options {
	p := store.FastKDF()
	return &store.Options{Actor: "承办人甲", KDF: &p, Sleep: func(time.Duration) {}}
}

// newVault creates a real vault; at cleanup it checks it and closes it.
func newVault(t *testing.T) *store.Vault {
	t.Helper()
	v, _, err := store.Create(t.TempDir(), pass, opts())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if v.Locked() {
			return
		}
		if rep := v.Check(); !rep.OK() {
			t.Errorf("check: %+v", rep.Problems)
		}
		v.Close()
	})
	return v
}

func mustUpdate(t *testing.T, v *store.Vault, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := v.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func newLead(t *testing.T, v *store.Vault, received string) *model.Lead {
	t.Helper()
	l := &model.Lead{Source: model.SourcePetition, Received: model.MustDate(received),
		Summary: "反映王䶮违规收受管理服务对象礼金", Category: model.CategoryIntegrity}
	mustUpdate(t, v, func(tx *store.Tx) error {
		s := &model.Subject{Name: "王䶮"}
		if err := AddSubject(tx, s); err != nil {
			return err
		}
		l.SubjectIDs = []string{s.ID}
		return AddLead(tx, l, "登记员")
	})
	return l
}

func TestLeadNumbersPerYear(t *testing.T) {
	v := newVault(t)
	var got []string
	for _, d := range []string{"2020-03-01", "2020-05-02", "2021-01-04", "2020-12-30"} {
		got = append(got, newLead(t, v, d).Number)
	}
	want := []string{"XS〔2020〕1号", "XS〔2020〕2号", "XS〔2021〕1号", "XS〔2020〕3号"}
	if !slices.Equal(got, want) {
		t.Fatalf("numbers %v, want %v", got, want)
	}
	// Switching the format to the alternative one numbers new leads that way.
	mustUpdate(t, v, func(tx *store.Tx) error {
		s, _, _ := Settings(tx)
		s.LeadNumberFormat = model.AltLeadNumberFormat
		return SaveSettings(tx, s)
	})
	if n := newLead(t, v, "2020-12-31").Number; n != "2020-XS-0004" {
		t.Fatalf("alt format: %s", n)
	}
}

func TestDisposeAndCloseLead(t *testing.T) {
	v := newVault(t)
	l := newLead(t, v, "2020-03-02")
	err := v.Update(func(tx *store.Tx) error {
		_, err := CloseLead(tx, l.ID, model.MustDate("2020-03-20"), "甲")
		return err
	})
	if err == nil {
		t.Fatal("closed a lead without a category")
	}
	// The default scheme is the five categories: a four-method choice is refused.
	err = v.Update(func(tx *store.Tx) error {
		_, err := DisposeLead(tx, l.ID, model.DispInquiry, model.MustDate("2020-03-10"), "乙", "甲")
		return err
	})
	if err == nil {
		t.Fatal("谈话函询 accepted under the five-category scheme")
	}
	mustUpdate(t, v, func(tx *store.Tx) error {
		if _, err := DisposeLead(tx, l.ID, model.DispConclude, model.MustDate("2020-03-10"), "乙", "甲"); err != nil {
			return err
		}
		_, err := CloseLead(tx, l.ID, model.MustDate("2020-03-20"), "甲")
		return err
	})
	var got *model.Lead
	v.View(func(tx *store.Tx) (err error) { got, err = GetLead(tx, l.ID); return })
	if got.Closed.IsZero() || len(got.Trail) < 3 {
		t.Fatalf("lead not closed or trail not signed: %+v", got)
	}
}

// filedCase opens a case from a lead and moves it to 审查调查.
func filedCase(t *testing.T, v *store.Vault, kind model.CaseKind) *model.Case {
	l := newLead(t, v, "2020-04-01")
	var c *model.Case
	mustUpdate(t, v, func(tx *store.Tx) (err error) {
		c, err = OpenCase(tx, l.ID, kind, model.MustDate("2020-04-01"), "甲")
		return err
	})
	return c
}

func TestRefusedMoveChangesNothing(t *testing.T) {
	v := newVault(t)
	c := filedCase(t, v, model.KindInvestigation)
	before, _ := v.RecordsDigest()
	err := v.Update(func(tx *store.Tx) error {
		_, err := MoveCase(tx, c.ID, model.Move{To: model.StageTrial, Date: model.MustDate("2020-04-02"), Actor: "甲", Reason: "跳步"})
		return err
	})
	var me *model.MoveError
	if !errors.As(err, &me) {
		t.Fatalf("skip to 审理 not refused with a MoveError: %v", err)
	}
	after, _ := v.RecordsDigest()
	if !slices.Equal(before, after) {
		t.Fatal("refused move changed records")
	}
	mustUpdate(t, v, func(tx *store.Tx) error {
		_, err := MoveCase(tx, c.ID, model.Move{To: model.StageDisposal, Date: model.MustDate("2020-04-03"), Actor: "甲"})
		return err
	})
	var got *model.Case
	v.View(func(tx *store.Tx) (err error) { got, err = GetCase(tx, c.ID); return })
	if got.Stage != model.StageDisposal || len(got.Events) != 2 || got.Events[1].Actor != "甲" {
		t.Fatalf("move not recorded: %+v", got.Events)
	}
}

func TestLinksSurviveEditsDeletesAndBackup(t *testing.T) {
	v := newVault(t)
	parent := filedCase(t, v, model.KindInvestigation)
	child := filedCase(t, v, model.KindAccountability)
	mustUpdate(t, v, func(tx *store.Tx) error { return Link(tx, parent.ID, child.ID) })
	mustUpdate(t, v, func(tx *store.Tx) error {
		_, err := EditCase(tx, parent.ID, func(c *model.Case) error { c.Title = "修改后的标题"; return nil })
		return err
	})
	assertLinked(t, v, parent.ID, child.ID)

	// Deleting the parent is refused while it has a sub-case.
	if err := v.Update(func(tx *store.Tx) error { return DeleteCase(tx, parent.ID) }); !errors.Is(err, model.ErrLinkedCases) {
		t.Fatalf("delete parent: %v", err)
	}
	assertLinked(t, v, parent.ID, child.ID)

	// The links survive a backup and restore.
	bak := filepath.Join(t.TempDir(), "b")
	if err := v.BackupFile(bak); err != nil {
		t.Fatal(err)
	}
	dir := v.Dir()
	mustUpdate(t, v, func(tx *store.Tx) error { return DeleteCase(tx, child.ID) })
	var p *model.Case
	v.View(func(tx *store.Tx) (err error) { p, err = GetCase(tx, parent.ID); return })
	if len(p.AccountabilityCases) != 0 {
		t.Fatal("deleting the sub-case left the parent's link")
	}
	v.Close()
	if _, err := store.Restore(dir, bak, pass, opts()); err != nil {
		t.Fatal(err)
	}
	v2, err := store.Open(dir, pass, opts())
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Close()
	assertLinked(t, v2, parent.ID, child.ID)
}

func assertLinked(t *testing.T, v *store.Vault, parentID, childID string) {
	t.Helper()
	v.View(func(tx *store.Tx) error {
		cs, err := Cases(tx)
		if err != nil {
			t.Fatal(err)
		}
		if err := model.CheckLinks(cs); err != nil {
			t.Fatalf("links inconsistent: %v", err)
		}
		p, _ := GetCase(tx, parentID)
		c, _ := GetCase(tx, childID)
		if !slices.Contains(p.AccountabilityCases, childID) || c.ParentCase != parentID {
			t.Fatalf("link lost: %v / %q", p.AccountabilityCases, c.ParentCase)
		}
		return nil
	})
}

func TestDeadlinesFromTheVault(t *testing.T) {
	v := newVault(t)
	l := newLead(t, v, "2020-09-20")
	mustUpdate(t, v, func(tx *store.Tx) error {
		return AddItem(tx, &model.TrackedItem{Kind: model.TrackedKinds[0], Unit: "某区财政局",
			Issued: model.MustDate("2020-09-01"), Deadline: model.MustDate("2020-10-09"), Status: model.TrackedStatuses[0]})
	})
	var ds []model.Deadline
	v.View(func(tx *store.Tx) error {
		rules, err := Rules(tx)
		if err != nil {
			return err
		}
		a, err := LoadAll(tx)
		if err != nil {
			return err
		}
		ds, err = a.Upcoming(rules, model.MustDate("2020-10-12"), 30)
		return err
	})
	var sawLead, sawItem bool
	for _, d := range ds {
		sawLead = sawLead || d.RecordID == l.ID
		sawItem = sawItem || (d.Record == model.TypeTrackedItem && d.Overdue)
	}
	if !sawLead || !sawItem {
		t.Fatalf("deadlines %+v", ds)
	}
	// The disposal opinion is due one month after receipt: 2020-10-20.
	for _, d := range ds {
		if d.RecordID == l.ID && d.Due.String() != "2020-10-20" {
			t.Errorf("lead due %s", d.Due)
		}
	}
}

func TestBadRuleTableRefused(t *testing.T) {
	v := newVault(t)
	err := v.Update(func(tx *store.Tx) error {
		return SetConfig(tx, ConfigRules, []byte(`{"rules":[{"id":"x","unit":"fortnights"}]}`))
	})
	if err == nil {
		t.Fatal("bad rule table accepted")
	}
	if strings.Contains(err.Error(), "dossier") {
		t.Logf("%v", err)
	}
}
