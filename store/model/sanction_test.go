package model

import (
	"errors"
	"slices"
	"testing"
)

func TestEffectEndDates(t *testing.T) {
	cases := []struct {
		kind      SanctionKind
		measure   string
		years     int
		decided   string
		effective string
		want      string
	}{
		{KindParty, PartyWarning, 0, "2020-03-05", "", "2021-03-05"},        // 1 year
		{KindParty, PartySeriousWarning, 0, "2020-03-05", "", "2021-09-05"}, // 1.5 years
		{KindParty, PartyRemoveOffice, 0, "2020-03-05", "", "2022-03-05"},   // 2 years
		{KindParty, PartyProbationMeas, 1, "2020-03-05", "", "2021-03-05"},  // 留党察看一年
		{KindParty, PartyProbationMeas, 2, "2020-03-05", "", "2022-03-05"},  // 留党察看二年
		{KindParty, PartyExpel, 0, "2020-03-05", "", "2025-03-05"},          // 5 years before readmission
		{KindParty, PartySeriousWarning, 0, "2020-08-31", "", "2022-02-28"}, // 18 months, clamped
		{KindGovernment, GovWarning, 0, "2020-08-31", "", "2021-02-28"},     // 6 months, clamped
		{KindGovernment, GovDemerit, 0, "2020-03-05", "", "2021-03-05"},     // 12
		{KindGovernment, GovMajor, 0, "2020-03-05", "", "2021-09-05"},       // 18
		{KindGovernment, GovDemote, 0, "2020-03-05", "", "2022-03-05"},      // 24
		{KindGovernment, GovDismiss, 0, "2020-03-05", "2020-03-10", "2022-03-10"},
		{KindGovernment, GovExpel, 0, "2020-03-05", "", ""}, // no period
		{KindLight, "诫勉", 0, "2020-03-05", "", ""},
		{KindOrganizational, "免职", 0, "2020-03-05", "", ""},
	}
	for _, c := range cases {
		s := Sanction{ID: "x", Kind: c.kind, Measure: c.measure, ProbationYears: c.years, Decided: MustDate(c.decided)}
		if c.effective != "" {
			s.Effective = MustDate(c.effective)
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("%s %s: %v", c.kind, c.measure, err)
		}
		if got := s.EffectEnd().String(); got != c.want {
			t.Errorf("%s %s from %s: %q, want %q", c.kind, c.measure, c.decided, got, c.want)
		}
	}
}

func TestCombinedGovernmentCappedAt48(t *testing.T) {
	cases := []struct {
		in       []string
		measure  string
		min, max int
	}{
		{[]string{GovMajor, GovMajor, GovMajor}, GovMajor, 18, 48}, // 54 capped
		{[]string{GovDemerit, GovDemerit}, GovDemerit, 12, 24},
		{[]string{GovDemote, GovDemote, GovDemote}, GovDemote, 24, 48},
		{[]string{GovWarning, GovMajor}, GovMajor, 18, 18}, // different: the heaviest
		{[]string{GovMajor, GovExpel}, GovExpel, 0, 0},
		{[]string{GovWarning}, GovWarning, 6, 6},
	}
	for _, c := range cases {
		got, err := CombineGovernment(c.in)
		if err != nil || got != (GovCombination{c.measure, c.min, c.max}) {
			t.Errorf("%v: %+v %v", c.in, got, err)
		}
	}
	if _, err := CombineGovernment([]string{"留党察看"}); !errors.Is(err, ErrSanction) {
		t.Errorf("party measure combined: %v", err)
	}
	// The combined period is recorded on the sanction and drives its end.
	s := Sanction{ID: "x", Kind: KindGovernment, Measure: GovMajor, Decided: MustDate("2020-03-05"), PeriodMonths: 48}
	if err := s.Validate(); err != nil || s.EffectEnd().String() != "2024-03-05" {
		t.Errorf("48 months: %v %s", err, s.EffectEnd())
	}
	for _, months := range []int{49, 17} {
		s.PeriodMonths = months
		if err := s.Validate(); !errors.Is(err, ErrSanction) {
			t.Errorf("%d months accepted: %v", months, err)
		}
	}
	p := Sanction{ID: "x", Kind: KindParty, Measure: PartyWarning, Decided: MustDate("2020-03-05"), PeriodMonths: 24}
	if err := p.Validate(); !errors.Is(err, ErrSanction) {
		t.Errorf("period on party sanction: %v", err)
	}
	q := Sanction{ID: "x", Kind: KindParty, Measure: PartyProbationMeas, Decided: MustDate("2020-03-05"), ProbationYears: 3}
	if err := q.Validate(); !errors.Is(err, ErrSanction) {
		t.Errorf("3-year probation: %v", err)
	}
}

func TestFormTagging(t *testing.T) {
	want := map[SanctionKind][]Form{
		KindLight:          {1, 1, 1, 1},
		KindAccountMeasure: {1, 1, 1, 2, 2},
		KindParty:          {2, 2, 3, 3, 3},
		KindGovernment:     {2, 2, 2, 3, 3, 3},
		KindOrganizational: {2, 2, 2, 2, 3},
	}
	for k, forms := range want {
		var got []Form
		for _, m := range Measures(k) {
			got = append(got, AutoForm(k, m))
		}
		if !slices.Equal(got, forms) {
			t.Errorf("%s %v: forms %v, want %v", k, Measures(k), got, forms)
		}
	}
	s := Sanction{ID: "x", Kind: KindParty, Measure: PartyExpel, Decided: MustDate("2020-03-05")}
	if s.Form() != 3 {
		t.Fatalf("开除党籍: %d", s.Form())
	}
	s.FormOverride, s.OverrideReason = 4, "涉嫌受贿犯罪，移送检察机关"
	if s.Form() != 4 || s.Validate() != nil {
		t.Fatalf("override: %d", s.Form())
	}
	s.FormOverride = 5
	if err := s.Validate(); !errors.Is(err, ErrInvalidValue) {
		t.Fatalf("form 5: %v", err)
	}
}

func TestOutcomeFormCountsOncePerPerson(t *testing.T) {
	d := MustDate("2020-06-01")
	o := SubjectOutcome{SubjectID: "s1", Decided: d, Sanctions: []Sanction{
		{ID: "a", Kind: KindParty, Measure: PartyExpel, Decided: d},
		{ID: "b", Kind: KindGovernment, Measure: GovExpel, Decided: d},
	}}
	if o.Form() != 3 {
		t.Fatalf("双开: %d", o.Form())
	}
	o.Transferred = d
	if o.Form() != 4 {
		t.Fatalf("移送司法: %d", o.Form())
	}
	light := SubjectOutcome{SubjectID: "s2", Decided: d, Sanctions: []Sanction{{ID: "c", Kind: KindLight, Measure: "谈话提醒", Decided: d}}}
	if light.Form() != 1 {
		t.Fatalf("谈话提醒: %d", light.Form())
	}
	if (&SubjectOutcome{SubjectID: "s3", Decided: d, Note: "免予处分"}).Form() != 0 {
		t.Fatal("no sanction should have no form")
	}
}
