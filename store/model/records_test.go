package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var snake = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// checkKeys walks decoded JSON and fails on any key that is not lower_snake.
func checkKeys(t *testing.T, path string, v any) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, sub := range x {
			if !snake.MatchString(k) {
				t.Errorf("%s: key %q is not lower_snake", path, k)
			}
			checkKeys(t, path+"."+k, sub)
		}
	case []any:
		for _, sub := range x {
			checkKeys(t, path+"[]", sub)
		}
	}
}

func fullCase() Case {
	c := caseAt(StageExecution)
	c.Number, c.Title = "LA〔2020〕3号", "关于𠮷喆严重违纪违法问题"
	c.Nature = []Nature{NatureDiscipline, NatureDutyLaw}
	c.Evidence = []Evidence{{ID: "e1", Kind: EvidenceDocument, Title: "银行流水", Obtained: MustDate("2020-04-01"), Pages: 12}}
	c.Facts = []Fact{{ID: "f1", SubjectID: "s1", Title: "违规收受礼金", Category: CategoryIntegrity,
		Description: "2018年至2019年春节期间先后收受礼金共计人民币5万元。", Amount: 5000000, EvidenceIDs: []string{"e1"}}}
	c.Measures = []Measure{{ID: "m1", Kind: MeasureDetention, SubjectID: "s1", Start: MustDate("2020-04-02"), End: MustDate("2020-06-01")}}
	c.TalkNoteIDs = []string{"att-1"}
	c.Amounts = Amounts{Involved: 5000000, Collected: 5000000}
	return c
}

func TestRecordsJSONRoundTrip(t *testing.T) {
	subj, lead, cs := sampleSubject(), sampleLead(), fullCase()
	item := TrackedItem{ID: "t1", Kind: TrackedRecommendation, CaseID: "c1", Unit: "某区财政局",
		Issued: MustDate("2020-09-01"), Deadline: MustDate("2020-10-31"), Status: TrackedOpen}
	sanc := Sanction{ID: "x1", Kind: KindGovernment, Measure: GovMajor, Decided: MustDate("2020-07-01")}
	set := DefaultSettings()
	records := []Record{&subj, &lead, &cs, &item, &sanc, &set}
	for _, r := range records {
		if err := r.Validate(); err != nil {
			t.Fatalf("%s: %v", r.RecordType(), err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var generic any
		if err := json.Unmarshal(b, &generic); err != nil {
			t.Fatal(err)
		}
		checkKeys(t, r.RecordType(), generic)
		back := reflect.New(reflect.TypeOf(r).Elem()).Interface()
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(back); err != nil {
			t.Fatalf("%s: %v", r.RecordType(), err)
		}
		if !reflect.DeepEqual(back, r) {
			t.Errorf("%s: round trip differs:\n%s", r.RecordType(), b)
		}
	}
	// The rare characters survive as UTF-8, not escapes.
	b, _ := json.Marshal(&subj)
	if !strings.Contains(string(b), "𠮷喆") {
		t.Errorf("name not kept: %s", b)
	}
}

func TestRecordTypesAndIDs(t *testing.T) {
	want := map[string]Record{TypeLead: &Lead{ID: "a"}, TypeSubject: &Subject{ID: "a"}, TypeCase: &Case{ID: "a"},
		TypeTrackedItem: &TrackedItem{ID: "a"}, TypeSanction: &Sanction{ID: "a"}, TypeSettings: &Settings{ID: "a"}}
	for name, r := range want {
		if r.RecordType() != name || r.RecordID() != "a" {
			t.Errorf("%T: type %q id %q", r, r.RecordType(), r.RecordID())
		}
	}
}

func TestValidationFailures(t *testing.T) {
	cases := []struct {
		name  string
		rec   func() Record
		field string
		err   error
	}{
		{"lead without source", func() Record { l := sampleLead(); l.Source = ""; return &l }, "source", ErrMissing},
		{"lead bad source", func() Record { l := sampleLead(); l.Source = "传闻"; return &l }, "source", ErrInvalidValue},
		{"real-name reporter without name", func() Record { l := sampleLead(); l.Reporter.Name = ""; return &l }, "reporter.name", ErrMissing},
		{"pending lead with disposal", func() Record {
			l := sampleLead()
			l.Disposal = Disposal{Choice: DispCheck, Decided: l.Received}
			return &l
		}, "status", ErrInvalidValue},
		{"outcome not following disposal", func() Record {
			l := sampleLead()
			l.Status, l.Disposal = LeadHandling, Disposal{Choice: DispCheck, Decided: l.Received, Outcome: OutcomeAccepted, OutcomeDate: l.Received}
			return &l
		}, "disposal.outcome", ErrOutcomeNotAllowed},
		{"trail out of order", func() Record {
			l := sampleLead()
			l.Sign("甲", MustDate("2020-03-01"), "呈批", "")
			return &l
		}, "trail[1].when", ErrDateOrder},
		{"closed lead without date", func() Record {
			l := sampleLead()
			l.Status, l.Disposal = LeadClosed, Disposal{Choice: DispConclude, Decided: l.Received}
			return &l
		}, "closed", ErrMissing},
		{"subject party date for non-member", func() Record { s := sampleSubject(); s.Political = Masses; return &s }, "party_joined", ErrInvalidValue},
		{"subject joined before birth", func() Record { s := sampleSubject(); s.PartyJoined = Month{1970, 1}; return &s }, "party_joined", ErrDateOrder},
		{"case fact with unknown evidence", func() Record { c := fullCase(); c.Facts[0].EvidenceIDs = []string{"e9"}; return &c }, "facts[0].evidence_ids", ErrDanglingRef},
		{"case fact with unknown subject", func() Record { c := fullCase(); c.Facts[0].SubjectID = "s9"; return &c }, "facts[0].subject_id", ErrDanglingRef},
		{"negative amount", func() Record { c := fullCase(); c.Amounts.Restitution = -1; return &c }, "amounts.restitution", ErrInvalidAmount},
		{"stage not matching events", func() Record { c := fullCase(); c.Stage = StageArchived; return &c }, "stage", ErrTransition},
		{"event skipping stages", func() Record {
			c := caseAt(StageDisposal)
			c.Events = append(c.Events, StageEvent{Date: MustDate("2020-05-01"), Actor: "甲", From: StageDisposal, To: StageTrial, Kind: MoveAdvance})
			c.Stage = StageTrial
			return &c
		}, "events[2]", ErrTransition},
		{"event dates going back", func() Record { c := fullCase(); c.Events[3].Date = MustDate("2020-01-01"); return &c }, "events[3].date", ErrDateOrder},
		{"announcement by one person", func() Record {
			c := fullCase()
			c.Steps = append(c.Steps, Step{Kind: StepFilingAnnounced, Date: MustDate("2020-05-01"), Actor: "甲", People: []string{"甲"}})
			return &c
		}, "steps[8].people", ErrMissing},
		{"bad archive class", func() Record { c := fullCase(); c.Archive = &Archive{Retention: "十年"}; return &c }, "archive.retention", ErrInvalidValue},
		{"sanction measure of other kind", func() Record {
			c := fullCase()
			c.Outcomes[0].Sanctions[0].Measure = GovMajor
			return &c
		}, "outcomes[0].sanctions[0].measure", ErrInvalidValue},
		{"tracked reply without status", func() Record {
			return &TrackedItem{ID: "t", Kind: TrackedTalk, Unit: "某局", Issued: MustDate("2020-01-02"),
				Deadline: MustDate("2020-01-10"), Replied: MustDate("2020-01-05"), Status: TrackedOpen}
		}, "replied", ErrInvalidValue},
		{"tracked deadline before issue", func() Record {
			return &TrackedItem{ID: "t", Kind: TrackedTalk, Unit: "某局", Issued: MustDate("2020-01-02"),
				Deadline: MustDate("2020-01-01"), Status: TrackedOpen}
		}, "deadline", ErrDateOrder},
		{"settings bad format", func() Record { s := DefaultSettings(); s.LeadNumberFormat = "XS〔{year}〕"; return &s }, "lead_number_format", ErrNumberFormat},
		{"settings bad scheme", func() Record { s := DefaultSettings(); s.Scheme = "three"; return &s }, "scheme", ErrInvalidValue},
	}
	for _, c := range cases {
		err := c.rec().Validate()
		var fe *FieldError
		if !errors.Is(err, c.err) || !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("%s: got %v, want %v on %s", c.name, err, c.err, c.field)
		}
	}
}
