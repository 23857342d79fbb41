package model

import (
	"errors"
	"slices"
	"testing"
)

func TestSchemesHoldExactlyTheirDispositions(t *testing.T) {
	want := map[Scheme][]Disposition{
		SchemeFiveCategories: {"拟立案", "初核", "暂存", "留存", "了结"},
		SchemeFourMethods:    {"谈话函询", "初步核实", "暂存待查", "予以了结"},
	}
	for s, ds := range want {
		if !slices.Equal(s.Dispositions(), ds) {
			t.Errorf("%s: %v", s, s.Dispositions())
		}
		for _, d := range slices.Concat(FiveCategories, FourMethods) {
			if s.Allows(d) != slices.Contains(ds, d) {
				t.Errorf("%s.Allows(%s) wrong", s, d)
			}
		}
	}
}

func TestOutcomeChoicesFollowSection3(t *testing.T) {
	afterPrelim := []Outcome{"拟立案审查调查", "予以了结", "谈话提醒", "暂存待查", "移送有关党组织处理"}
	afterInquiry := []Outcome{"采信了结", "谈话提醒", "批评教育", "责令检查", "诫勉", "再次谈话函询", "转初步核实", "查处诬告陷害"}
	for _, d := range []Disposition{DispCheck, DispPrelim} {
		if !slices.Equal(d.Outcomes(), afterPrelim) {
			t.Errorf("%s: %v", d, d.Outcomes())
		}
	}
	if !slices.Equal(DispInquiry.Outcomes(), afterInquiry) {
		t.Errorf("谈话函询: %v", DispInquiry.Outcomes())
	}
	for _, d := range []Disposition{DispFile, DispHold, DispKeep, DispConclude, DispHoldPending, DispDismiss} {
		if d.NeedsOutcome() {
			t.Errorf("%s should be final by itself", d)
		}
	}
}

func TestLeadCannotCloseWithoutCategory(t *testing.T) {
	l := sampleLead()
	day := MustDate("2020-03-20")
	if err := l.Close(SchemeFiveCategories, day, "张䶮"); !errors.Is(err, ErrNotDisposed) {
		t.Fatalf("close undisposed: %v", err)
	}
	if l.Status != LeadPending || !l.Closed.IsZero() {
		t.Fatal("refused close changed the lead")
	}
}

func TestDisposeFiveCategories(t *testing.T) {
	for _, d := range FiveCategories {
		l := sampleLead()
		day := MustDate("2020-03-20")
		if err := l.Dispose(SchemeFiveCategories, d, day, "李书记"); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if d.NeedsOutcome() {
			if err := l.Close(SchemeFiveCategories, day, "张䶮"); !errors.Is(err, ErrOutcomeMissing) {
				t.Fatalf("%s closed without outcome: %v", d, err)
			}
			if err := l.RecordOutcome(OutcomeAccepted, day); !errors.Is(err, ErrOutcomeNotAllowed) {
				t.Fatalf("%s took an inquiry outcome: %v", d, err)
			}
			if err := l.RecordOutcome(OutcomeTransferParty, day.AddDays(30)); err != nil {
				t.Fatal(err)
			}
		}
		closeAndCheck(t, &l, SchemeFiveCategories, day.AddDays(40))
	}
}

func TestDisposeFourMethods(t *testing.T) {
	for _, d := range FourMethods {
		l := sampleLead()
		day := MustDate("2020-03-20")
		if err := l.Dispose(SchemeFourMethods, d, day, "李书记"); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		for _, o := range d.Outcomes() {
			if err := l.RecordOutcome(o, day.AddDays(10)); err != nil {
				t.Fatalf("%s -> %s: %v", d, o, err)
			}
		}
		closeAndCheck(t, &l, SchemeFourMethods, day.AddDays(40))
	}
}

func closeAndCheck(t *testing.T, l *Lead, s Scheme, on Date) {
	t.Helper()
	if err := l.Close(s, on, "张䶮"); err != nil {
		t.Fatalf("%s: %v", l.Disposal.Choice, err)
	}
	if err := l.Validate(); err != nil {
		t.Fatalf("closed lead invalid: %v", err)
	}
	last := l.Trail[len(l.Trail)-1]
	if l.Status != LeadClosed || l.Closed != on || last.Who != "张䶮" || last.When != on || last.Action != "办结" {
		t.Fatalf("close not recorded: %+v", l)
	}
	if err := l.Close(s, on, "张䶮"); !errors.Is(err, ErrLeadClosed) {
		t.Fatalf("second close: %v", err)
	}
}

func TestSchemeMismatchRefused(t *testing.T) {
	l := sampleLead()
	day := MustDate("2020-03-20")
	if err := l.Dispose(SchemeFourMethods, DispKeep, day, "李书记"); !errors.Is(err, ErrScheme) {
		t.Fatalf("留存 under four methods: %v", err)
	}
	// A lead disposed of under the five categories cannot be closed once
	// the vault uses the four methods.
	if err := l.Dispose(SchemeFiveCategories, DispKeep, day, "李书记"); err != nil {
		t.Fatal(err)
	}
	if err := l.DisposalValidFor(SchemeFourMethods); !errors.Is(err, ErrScheme) {
		t.Fatalf("DisposalValidFor: %v", err)
	}
	if err := l.Close(SchemeFourMethods, day, "张䶮"); !errors.Is(err, ErrScheme) {
		t.Fatalf("close under other scheme: %v", err)
	}
	if err := l.DisposalValidFor(SchemeFiveCategories); err != nil {
		t.Fatal(err)
	}
}

func TestDisposeDateChecks(t *testing.T) {
	l := sampleLead()
	if err := l.Dispose(SchemeFiveCategories, DispCheck, MustDate("2020-03-01"), "李书记"); !errors.Is(err, ErrDateOrder) {
		t.Fatalf("disposal before receipt: %v", err)
	}
	_ = l.Dispose(SchemeFiveCategories, DispCheck, MustDate("2020-03-10"), "李书记")
	if err := l.RecordOutcome(OutcomeFile, MustDate("2020-03-09")); !errors.Is(err, ErrDateOrder) {
		t.Fatalf("outcome before disposal: %v", err)
	}
}

func TestUndisposedReport(t *testing.T) {
	mk := func(id, num, received string, disposed bool) Lead {
		l := Lead{ID: id, Number: num, Received: MustDate(received), Status: LeadPending}
		if disposed {
			l.Disposal.Choice, l.Status = DispHold, LeadHandling
		}
		return l
	}
	leads := []Lead{
		mk("a", "XS〔2020〕3号", "2020-03-01", false),
		mk("b", "XS〔2020〕1号", "2020-01-10", true),
		mk("c", "XS〔2020〕2号", "2020-02-01", false),
		mk("d", "XS〔2020〕4号", "2020-03-01", false),
	}
	got := UndisposedReport(leads, MustDate("2020-03-31"))
	want := []UndisposedEntry{
		{"c", "XS〔2020〕2号", MustDate("2020-02-01"), 59},
		{"a", "XS〔2020〕3号", MustDate("2020-03-01"), 30},
		{"d", "XS〔2020〕4号", MustDate("2020-03-01"), 30},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}
