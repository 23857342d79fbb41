package pdf

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"qingfeng/store/gen"
	"qingfeng/store/model"
)

// genCases generates the demo dataset (the same one `qingfeng demo` writes).
func genCases(t *testing.T) gen.Dataset {
	t.Helper()
	return gen.New(2020, model.MustDate("2026-03-01")).Dataset(40, 24)
}

// fixtureFor builds the CaseData of a generated case, with particulars.
func fixtureFor(t testing.TB, ds gen.Dataset, c *model.Case, extra ...map[string]any) *CaseData {
	t.Helper()
	cal, err := model.DefaultCalendar()
	if err != nil {
		t.Fatal(err)
	}
	rules, err := model.DefaultRules(cal)
	if err != nil {
		t.Fatal(err)
	}
	d := &CaseData{Settings: ds.Settings, Rules: rules, Case: c, Extra: extra,
		Issue: Issue{Number: DocNumber{Code: ds.Settings.OfficeCode, Year: 2026, Serial: 7}, CopyNumber: "000003", Date: model.MustDate("2026-03-05")}}
	for _, id := range c.SubjectIDs {
		for _, s := range ds.Subjects {
			if s.ID == id {
				d.Subjects = append(d.Subjects, s)
			}
		}
	}
	for i := range ds.Leads {
		if ds.Leads[i].ID == c.LeadID {
			d.Lead = &ds.Leads[i]
		}
	}
	return d
}

// particulars reads testdata/particulars.json, the 文书要素 a clerk writes.
func particulars(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile("testdata/particulars.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// findCase returns the first generated case that satisfies ok.
func findCase(t *testing.T, ds gen.Dataset, what string, ok func(*model.Case) bool) *model.Case {
	t.Helper()
	for i := range ds.Cases {
		if ok(&ds.Cases[i]) {
			return &ds.Cases[i]
		}
	}
	t.Fatalf("the demo dataset has no %s", what)
	return nil
}

// sanctioned reports whether the case's first subject has both a 党纪 and
// a 政务 sanction and facts (a concluded investigation).
func sanctioned(c *model.Case) bool {
	if c.Kind != model.KindInvestigation || len(c.SubjectIDs) == 0 {
		return false
	}
	o := c.OutcomeFor(c.SubjectIDs[0])
	if o == nil {
		return false
	}
	kinds := map[model.SanctionKind]bool{}
	for _, s := range o.Sanctions {
		kinds[s.Kind] = true
	}
	return kinds[model.KindParty] && kinds[model.KindGovernment] && len(c.Facts) > 0
}

// recommendation is a generated 监察建议 item, tied to case id.
func recommendation(t *testing.T, ds gen.Dataset, id string) model.TrackedItem {
	t.Helper()
	for _, it := range ds.Items {
		if it.Kind == model.TrackedRecommendation {
			it.CaseID = id
			return it
		}
	}
	t.Fatal("the demo dataset has no 监察建议 item")
	return model.TrackedItem{}
}

// TestCaseDataRendersEveryTemplate renders all 15 built-in templates from
// real generated cases plus the clerk's particulars: laid out, written as
// PDF, with the case's own data in the text and nothing left unfilled.
func TestCaseDataRendersEveryTemplate(t *testing.T) {
	ds := genCases(t)
	ts, err := BuiltinTemplates()
	if err != nil {
		t.Fatal(err)
	}
	main := fixtureFor(t, ds, findCase(t, ds, "sanctioned case with sums", func(c *model.Case) bool {
		return sanctioned(c) && c.Amounts.Involved > 0 // 涉案财物 comes from the sums
	}), particulars(t))
	acc := fixtureFor(t, ds, findCase(t, ds, "问责 case with an outcome", func(c *model.Case) bool {
		return c.Kind == model.KindAccountability && len(c.Outcomes) > 0
	}), particulars(t))
	main.Items = []model.TrackedItem{recommendation(t, ds, main.Case.ID)}
	fonts := bundled(t)
	for _, tm := range ts {
		d := main
		if tm.Name == "问责决定" {
			d = acc
		}
		doc, err := tm.Execute(d.Map())
		if err != nil {
			t.Fatalf("%s: %v", tm.Name, err)
		}
		text := docText(doc)
		name := d.Subjects[0].Name
		if !tm.Uses("subject.name") && !tm.Uses("leader.name") {
			name = d.Items[0].Unit // 责令限期整改通知书 names the unit only
		}
		if strings.Contains(text, "{{") || !strings.Contains(text, name) || doc.Date != "2026年3月5日" {
			t.Errorf("%s: text %q, date %q", tm.Name, text, doc.Date)
		}
		if tm.Uses("doc.serial") && doc.Number.String() != "某纪〔2026〕7号" {
			t.Errorf("%s: 文号 %q", tm.Name, doc.Number)
		}
		p, err := Layout(doc, fonts)
		if err != nil || len(p.Missing) > 0 {
			t.Fatalf("%s: layout %v, missing %q", tm.Name, err, string(p.Missing))
		}
		var buf bytes.Buffer
		if err := WritePDF(&buf, p); err != nil || buf.Len() < 1000 {
			t.Fatalf("%s: PDF %d bytes, %v", tm.Name, buf.Len(), err)
		}
	}
}

// TestCaseDataWithoutParticulars: from the case model alone only the two
// 立案 documents can be filled; every other template fails with the
// template, line and field it lacks, never a half-filled document.
func TestCaseDataWithoutParticulars(t *testing.T) {
	ds := genCases(t)
	d := fixtureFor(t, ds, findCase(t, ds, "sanctioned case", sanctioned))
	ts, err := BuiltinTemplates()
	if err != nil {
		t.Fatal(err)
	}
	var rendered []string
	for _, tm := range ts {
		doc, err := tm.Execute(d.Map())
		if err == nil {
			rendered = append(rendered, tm.Name)
			continue
		}
		var te *TemplateError
		if !errors.As(err, &te) || !errors.Is(err, ErrTemplateField) || doc != nil || te.Template != tm.Name || te.Line < 1 || te.Field == "" {
			t.Errorf("%s: doc %v, error %v", tm.Name, doc != nil, err)
		}
	}
	if want := []string{"立案决定书", "立案通知书"}; !reflect.DeepEqual(rendered, want) {
		t.Fatalf("rendered from the model alone: %v, want %v", rendered, want)
	}
	tm, _ := FindTemplate(ts, "案件调查报告")
	_, err = tm.Execute(d.Map())
	var te *TemplateError
	if !errors.As(err, &te) || te.Field != "org.leader" || te.Line != 6 {
		t.Fatalf("案件调查报告 without particulars: %v", err)
	}
}

// TestCaseDataMissingSubjectFields: a subject known by name only cannot
// fill a 立案决定书 (no 工作单位及职务); the error names that field.
func TestCaseDataMissingSubjectFields(t *testing.T) {
	ds := genCases(t)
	d := fixtureFor(t, ds, findCase(t, ds, "sanctioned case", sanctioned))
	d.Subjects[0] = model.Subject{ID: d.Subjects[0].ID, Name: d.Subjects[0].Name}
	ts, _ := BuiltinTemplates()
	tm, _ := FindTemplate(ts, "立案决定书")
	doc, err := tm.Execute(d.Map())
	var te *TemplateError
	if doc != nil || !errors.As(err, &te) || te.Field != "subject.unit_post" || te.Line != 13 {
		t.Fatalf("got doc %v, %v", doc != nil, err)
	}
	if got := err.Error(); got != "pdf: template field missing: 立案决定书 line 13: subject.unit_post" {
		t.Fatalf("message %q", got)
	}
}

// TestCaseDataDerivedFields checks what Map takes from the case model.
func TestCaseDataDerivedFields(t *testing.T) {
	ds := genCases(t)
	c := findCase(t, ds, "sanctioned case", sanctioned)
	d := fixtureFor(t, ds, c)
	m := d.Map()
	get := func(path string) any {
		sc := &scope{data: m}
		v, _ := sc.lookup(path)
		return v
	}
	s := d.Subjects[0]
	checks := map[string]any{
		"org.name":            "中共某市纪律检查委员会",
		"subject.name":        s.Name,
		"subject.unit_post":   s.Unit + s.Position,
		"subject.profile":     profileText(&s),
		"case.nature":         natureText(c.Nature),
		"case.filed_date":     c.FiledOn().String(),
		"trial.accepted_date": c.EnteredOn(model.StageTrial).String(),
		"inquiry.reply_limit": "15个工作日",
		"doc.number":          "某纪〔2026〕7号",
		"doc.copy_number":     "000003",
		"doc.date":            "2026-03-05",
		"lead.number":         d.Lead.Number,
	}
	for path, want := range checks {
		if got := get(path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
	facts, _ := m["facts"].([]any)
	n := 0
	for _, f := range c.Facts {
		if f.SubjectID == s.ID {
			n++
		}
	}
	if len(facts) != n || n == 0 {
		t.Errorf("%d facts for the subject, want %d", len(facts), n)
	}
	if get("sanction.type") == nil || get("gov_sanction.type") == nil || get("leader.name") != nil {
		t.Errorf("sanctions %v / %v, leader %v", get("sanction.type"), get("gov_sanction.type"), get("leader.name"))
	}
	if r, _ := get("review.route").(string); !strings.Contains(r, "自收到本决定之日起1个月内") {
		t.Errorf("review.route %q", r)
	}
}

// TestCaseDataExtra: particulars win over the case, the register wins over
// particulars, empty values count as absent, and the input is not changed.
func TestCaseDataExtra(t *testing.T) {
	ds := genCases(t)
	d := fixtureFor(t, ds, findCase(t, ds, "sanctioned case", sanctioned))
	extra := map[string]any{
		"case":  map[string]any{"nature": "违纪", "attitude": ""},
		"doc":   map[string]any{"code": "假代字", "copy_number": "999999", "cc": "市委办公室"},
		"facts": []any{},
	}
	before, _ := json.Marshal(extra)
	d.Extra = []map[string]any{extra}
	m := d.Map()
	c := m["case"].(map[string]any)
	doc := m["doc"].(map[string]any)
	if c["nature"] != "违纪" || c["attitude"] != nil || doc["code"] != "某纪" || doc["copy_number"] != "000003" || doc["cc"] != "市委办公室" {
		t.Fatalf("case %v, doc %v", c, doc)
	}
	if facts, _ := m["facts"].([]any); len(facts) == 0 {
		t.Fatal("an empty list in the particulars removed the case's facts")
	}
	if after, _ := json.Marshal(extra); !bytes.Equal(before, after) {
		t.Fatalf("Map changed its input: %s", after)
	}
	d.Issue.Number = DocNumber{}
	if doc := d.Map()["doc"].(map[string]any); doc["code"] != nil || doc["serial"] != nil {
		t.Fatalf("a document without 文号 kept %v", doc)
	}
}

// TestCaseDataAccountability: on a 问责 case the subject is the leader and
// the 问责方式 comes from the outcome.
func TestCaseDataAccountability(t *testing.T) {
	ds := genCases(t)
	c := findCase(t, ds, "问责 case with an outcome", func(c *model.Case) bool {
		return c.Kind == model.KindAccountability && len(c.Outcomes) > 0
	})
	m := fixtureFor(t, ds, c).Map()
	leader := m["leader"].(map[string]any)
	acc := m["accountability"].(map[string]any)
	o := c.OutcomeFor(c.SubjectIDs[0])
	if leader["name"] != m["subject"].(map[string]any)["name"] || acc["way"] != measuresOf(o, model.KindAccountMeasure) || acc["way"] == "" {
		t.Fatalf("leader %v, accountability %v", leader, acc)
	}
}

// TestCaseDataWording covers the phrase builders.
func TestCaseDataWording(t *testing.T) {
	D, L, C := model.NatureDiscipline, model.NatureDutyLaw, model.NatureDutyCrime
	natures := map[string][]model.Nature{
		"严重违纪": {D}, "职务违法": {L}, "职务犯罪": {C}, "严重违纪违法": {D, L},
		"严重违纪和职务犯罪": {D, C}, "职务违法犯罪": {L, C}, "严重违纪违法和职务犯罪": {D, L, C}, "": nil,
	}
	for want, ns := range natures {
		if got := natureText(ns); got != want {
			t.Errorf("natureText(%v) = %q, want %q", ns, got, want)
		}
	}
	l := &model.Lead{Number: "XS〔2026〕8号", Source: model.SourceOther, Received: model.MustDate("2026-01-02")}
	if got := sourceText(l, &model.Subject{Name: "王堃"}); got != "2026年1月2日，我委受理反映王堃有关问题的线索（线索编号XS〔2026〕8号）" {
		t.Errorf("source %q", got)
	}
	l.Source = model.SourcePetition
	if got := sourceText(l, nil); !strings.Contains(got, "我委受理信访举报反映有关问题") {
		t.Errorf("source %q", got)
	}
	if b := basisText([]model.Nature{L}); b != "《中华人民共和国监察法》" {
		t.Errorf("basis for 职务违法: %q", b)
	}
	money := map[model.Fen]string{0: "", 1250000000: "人民币1250万元", 12500000: "人民币12.5万元", 345678: "人民币3456.78元", 500000: "人民币5000元"}
	for f, want := range money {
		if got := moneyText(f); got != want {
			t.Errorf("moneyText(%d) = %q, want %q", f, got, want)
		}
	}
	s := model.Subject{Name: "张喆堃", Gender: model.Male, Ethnicity: "汉族", Born: model.Month{Y: 1968, M: 5},
		Political: model.PartyMember, PartyJoined: model.Month{Y: 1990, M: 7}}
	if p := profileText(&s); p != "男，汉族，1968年5月出生，中共党员，1990年7月入党，" {
		t.Errorf("profile %q", p)
	}
	o := &model.SubjectOutcome{Sanctions: []model.Sanction{
		{Kind: model.KindParty, Measure: model.PartyProbationMeas, ProbationYears: 2},
		{Kind: model.KindGovernment, Measure: model.GovExpel}, {Kind: model.KindLight, Measure: "诫勉"}},
		Transferred: model.MustDate("2026-01-02")}
	want := "给予张喆堃留党察看二年、开除公职处分；对其诫勉；将其涉嫌犯罪问题移送检察机关依法审查、提起公诉。"
	if got := outcomeText("张喆堃", o); got != want {
		t.Errorf("outcome %q", got)
	}
}

// TestTemplateFields lists a template's fields once each, in order.
func TestTemplateFields(t *testing.T) {
	tm, err := LoadTemplate("t", "标题: {{a.b}}{{c?}}\n---\n{{range f in facts}}\n{{f.x}} {{a.b}}\n{{if g.h}}\n{{g.h}}\n{{end}}\n{{end}}\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.b", "c", "facts", "f.x", "g.h"}
	if got := tm.Fields(); !reflect.DeepEqual(got, want) {
		t.Fatalf("fields %v, want %v", got, want)
	}
	if !tm.Uses("facts") || tm.Uses("f") {
		t.Fatal("Uses")
	}
}

// FuzzCaseDataExtra: whatever particulars a clerk stores (any JSON object),
// Map does not panic, keeps the register's 份号, and every built-in
// template gives a document or a *TemplateError, never a half-filled one
// with a placeholder left in it.
func FuzzCaseDataExtra(f *testing.F) {
	seed, err := os.ReadFile("testdata/particulars.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"case": "x", "facts": [1, "a", null], "doc": {"copy_number": 7}, "subject": {"name": ""}}`))
	ds := gen.New(2020, model.MustDate("2026-03-01")).Dataset(40, 24)
	d := fixtureFor(f, ds, &ds.Cases[len(ds.Cases)-1])
	ts, err := BuiltinTemplates()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var extra map[string]any
		if json.Unmarshal(b, &extra) != nil || extra == nil {
			return
		}
		dd := *d
		dd.Extra = []map[string]any{extra}
		m := dd.Map()
		if m["doc"].(map[string]any)["copy_number"] != "000003" {
			t.Fatalf("particulars replaced the 份号: %v", m["doc"])
		}
		for _, tm := range ts {
			doc, err := tm.Execute(m)
			var te *TemplateError
			if err != nil && (!errors.As(err, &te) || doc != nil) {
				t.Fatalf("%s: %v", tm.Name, err)
			}
			if err == nil && strings.Contains(docText(doc), "{{") {
				t.Fatalf("%s: unfilled %q", tm.Name, docText(doc))
			}
		}
	})
}
