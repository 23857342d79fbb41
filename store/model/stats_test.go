package model_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"testing"

	"qingfeng/store/gen"
	"qingfeng/store/model"
)

// generic decodes records to plain JSON maps, so that the brute-force
// count below reads the stored form, not the Go structs.
func generic[T any](t *testing.T, xs []T) []map[string]any {
	t.Helper()
	b, err := json.Marshal(xs)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out []map[string]any
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func str(m map[string]any, path ...string) string {
	var v any = m
	for _, p := range path {
		mm, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = mm[p]
	}
	s, _ := v.(string)
	return s
}

func list(m map[string]any, key string) []map[string]any {
	raw, _ := m[key].([]any)
	out := make([]map[string]any, len(raw))
	for i, r := range raw {
		out[i], _ = r.(map[string]any)
	}
	return out
}

func num(m map[string]any, key string) int64 {
	n, _ := m[key].(json.Number)
	v, _ := n.Int64()
	return v
}

// bruteForms is the 四种形态 table written out again, by hand.
var bruteForms = map[string]int64{
	"轻处理/谈话提醒": 1, "轻处理/批评教育": 1, "轻处理/责令检查": 1, "轻处理/诫勉": 1,
	"问责方式/检查": 1, "问责方式/通报": 1, "问责方式/诫勉": 1, "问责方式/组织调整": 2, "问责方式/纪律处分": 2,
	"党纪处分/警告": 2, "党纪处分/严重警告": 2, "党纪处分/撤销党内职务": 3, "党纪处分/留党察看": 3, "党纪处分/开除党籍": 3,
	"政务处分/警告": 2, "政务处分/记过": 2, "政务处分/记大过": 2, "政务处分/降级": 3, "政务处分/撤职": 3, "政务处分/开除": 3,
	"组织处理/停职检查": 2, "组织处理/调整职务": 2, "组织处理/责令辞职": 2, "组织处理/免职": 2, "组织处理/降职": 3,
}

// bruteCount counts by scanning every decoded record once per question.
type bruteCount struct {
	year      string // "2024-"
	today     string
	leads     []map[string]any
	cases     []map[string]any
	items     []map[string]any
	outcomes  []map[string]any
	sanctions []map[string]any
}

func newBrute(t *testing.T, d gen.Dataset, year int, today model.Date) *bruteCount {
	b := &bruteCount{year: fmt.Sprintf("%d-", year), today: today.String(),
		leads: generic(t, d.Leads), cases: generic(t, d.Cases), items: generic(t, d.Items)}
	for _, c := range b.cases {
		for _, o := range list(c, "outcomes") {
			b.outcomes = append(b.outcomes, o)
			b.sanctions = append(b.sanctions, list(o, "sanctions")...)
		}
	}
	return b
}

func (b *bruteCount) countWhere(xs []map[string]any, pred func(map[string]any) bool) int {
	n := 0
	for _, x := range xs {
		if pred(x) {
			n++
		}
	}
	return n
}

func (b *bruteCount) in(date string) bool { return strings.HasPrefix(date, b.year) }

func filedDate(c map[string]any) string {
	for _, e := range list(c, "events") {
		if str(e, "to") == "立案" {
			return str(e, "date")
		}
	}
	return ""
}

func outcomeForm(o map[string]any) int64 {
	if str(o, "transferred") != "" {
		return 4
	}
	var f int64
	for _, s := range list(o, "sanctions") {
		v := bruteForms[str(s, "kind")+"/"+str(s, "measure")]
		if ov := num(s, "form_override"); ov != 0 {
			v = ov
		}
		f = max(f, v)
	}
	return f
}

func TestStatsAgreeWithBruteForceOn10000Cases(t *testing.T) {
	today := model.MustDate("2025-06-30")
	d := gen.New(42, today).Dataset(3000, 10000)
	if len(d.Cases) != 10000 {
		t.Fatalf("%d cases", len(d.Cases))
	}
	b := newBrute(t, d, 0, today)
	for _, year := range []int{2023, 2024, 2025} {
		s := model.Stats(d.Leads, d.Cases, d.Items, year, today)
		b.year = fmt.Sprintf("%d-", year)
		b.checkLeads(t, s)
		b.checkCases(t, s)
		b.checkOutcomes(t, s)
		b.checkTracked(t, s)
		if s.Leads.Received == 0 || s.Cases.Filed == 0 || s.Outcomes.Persons == 0 {
			t.Errorf("%d: empty statistics %+v", year, s.Leads)
		}
	}
}

// eq compares a counted map with brute-force counts for every value of
// the enumeration, and refuses keys outside it.
func eq[K ~string | ~int](t *testing.T, what string, got map[K]int, values []K, brute func(K) int) {
	t.Helper()
	total := 0
	for _, v := range values {
		want := brute(v)
		total += want
		if got[v] != want {
			t.Errorf("%s[%v] = %d, brute force %d", what, v, got[v], want)
		}
	}
	sum := 0
	for _, n := range got {
		sum += n
	}
	if sum != total {
		t.Errorf("%s: keys outside the enumeration: %v", what, maps.Collect(maps.All(got)))
	}
}

func (b *bruteCount) checkLeads(t *testing.T, s model.Statistics) {
	recv := func(pred func(map[string]any) bool) int {
		return b.countWhere(b.leads, func(l map[string]any) bool { return b.in(str(l, "received")) && pred(l) })
	}
	eq(t, "by_source", s.Leads.BySource, model.Sources, func(v model.Source) int {
		return recv(func(l map[string]any) bool { return str(l, "source") == string(v) })
	})
	eq(t, "by_category", s.Leads.ByCategory, model.ProblemCategories, func(v model.ProblemCategory) int {
		return recv(func(l map[string]any) bool { return str(l, "category") == string(v) })
	})
	all := append(append([]model.Disposition{}, model.FiveCategories...), model.FourMethods...)
	eq(t, "by_disposal", s.Leads.ByDisposal, all, func(v model.Disposition) int {
		return recv(func(l map[string]any) bool { return str(l, "disposal", "choice") == string(v) })
	})
	if want := recv(func(l map[string]any) bool { return str(l, "disposal", "choice") == "" }); s.Leads.Undisposed != want {
		t.Errorf("undisposed %d, brute %d", s.Leads.Undisposed, want)
	}
	for m := 1; m <= 12; m++ {
		prefix := b.year + fmt.Sprintf("%02d-", m)
		want := b.countWhere(b.leads, func(l map[string]any) bool { return strings.HasPrefix(str(l, "received"), prefix) })
		if s.Leads.ByMonth[m-1] != want {
			t.Errorf("leads month %d: %d, brute %d", m, s.Leads.ByMonth[m-1], want)
		}
	}
	if want := b.countWhere(b.leads, func(l map[string]any) bool { return b.in(str(l, "closed")) }); s.Leads.Closed != want {
		t.Errorf("closed %d, brute %d", s.Leads.Closed, want)
	}
}

func (b *bruteCount) checkCases(t *testing.T, s model.Statistics) {
	opened := func(c map[string]any) bool { return b.in(str(list(c, "events")[0], "date")) }
	eq(t, "by_stage", s.Cases.ByStage, model.Stages, func(v model.Stage) int {
		return b.countWhere(b.cases, func(c map[string]any) bool { return opened(c) && str(c, "stage") == string(v) })
	})
	filed := func(c map[string]any) bool { return b.in(filedDate(c)) }
	eq(t, "by_nature", s.Cases.ByNature, model.Natures, func(v model.Nature) int {
		return b.countWhere(b.cases, func(c map[string]any) bool {
			raw, _ := c["nature"].([]any)
			return filed(c) && strings.Contains(fmt.Sprint(raw), string(v))
		})
	})
	var involved, collected int64
	for _, c := range b.cases {
		if filed(c) {
			a, _ := c["amounts"].(map[string]any)
			involved += num(a, "involved")
			collected += num(a, "collected")
		}
	}
	cs := s.Cases
	if int64(cs.Amounts.Involved) != involved || int64(cs.Amounts.Collected) != collected {
		t.Errorf("amounts %+v, brute %d %d", cs.Amounts, involved, collected)
	}
	want := []int{b.countWhere(b.cases, opened), b.countWhere(b.cases, filed),
		b.countWhere(b.cases, func(c map[string]any) bool { return opened(c) && str(c, "parent_case") != "" })}
	if cs.Opened != want[0] || cs.Filed != want[1] || cs.Accountability != want[2] {
		t.Errorf("opened/filed/accountability %d %d %d, brute %v", cs.Opened, cs.Filed, cs.Accountability, want)
	}
}

func (b *bruteCount) checkOutcomes(t *testing.T, s model.Statistics) {
	decided := func(o map[string]any) bool { return b.in(str(o, "decided")) }
	eq(t, "by_form", s.Outcomes.ByForm, []model.Form{1, 2, 3, 4}, func(f model.Form) int {
		return b.countWhere(b.outcomes, func(o map[string]any) bool { return decided(o) && outcomeForm(o) == int64(f) })
	})
	var keys []string
	for k := range bruteForms {
		keys = append(keys, k)
	}
	eq(t, "by_measure", s.Outcomes.ByMeasure, keys, func(k string) int {
		return b.countWhere(b.sanctions, func(x map[string]any) bool {
			return decided(x) && str(x, "kind")+"/"+str(x, "measure") == k
		})
	})
	if want := b.countWhere(b.outcomes, decided); s.Outcomes.Persons != want {
		t.Errorf("persons %d, brute %d", s.Outcomes.Persons, want)
	}
	for m := 1; m <= 12; m++ {
		prefix := b.year + fmt.Sprintf("%02d-", m)
		want := b.countWhere(b.sanctions, func(x map[string]any) bool { return strings.HasPrefix(str(x, "decided"), prefix) })
		if s.Outcomes.SanctionsByMonth[m-1] != want {
			t.Errorf("sanctions month %d: %d, brute %d", m, s.Outcomes.SanctionsByMonth[m-1], want)
		}
	}
}

func (b *bruteCount) checkTracked(t *testing.T, s model.Statistics) {
	ts := s.Tracked
	want := []int{
		b.countWhere(b.items, func(x map[string]any) bool { return b.in(str(x, "issued")) }),
		b.countWhere(b.items, func(x map[string]any) bool { return b.in(str(x, "replied")) }),
		b.countWhere(b.items, func(x map[string]any) bool {
			return b.in(str(x, "replied")) && str(x, "replied") > str(x, "deadline")
		}),
		b.countWhere(b.items, func(x map[string]any) bool {
			return str(x, "status") == "待回复" && str(x, "deadline") < b.today
		}),
	}
	if got := []int{ts.Issued, ts.Replied, ts.RepliedLate, ts.Overdue}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("tracked %v, brute %v", got, want)
	}
	if want[3] == 0 {
		t.Error("no overdue tracked items in the generated vault")
	}
}

func TestStatsPerYearTable(t *testing.T) {
	today := model.MustDate("2025-06-30")
	d := gen.New(43, today).Dataset(500, 1000)
	s := model.Stats(d.Leads, d.Cases, d.Items, 2024, today)
	b := newBrute(t, d, 2024, today)
	for _, yc := range s.PerYear {
		b.year = strconv.Itoa(yc.Year) + "-"
		want := b.countWhere(b.leads, func(l map[string]any) bool { return b.in(str(l, "received")) })
		wantS := b.countWhere(b.sanctions, func(x map[string]any) bool { return b.in(str(x, "decided")) })
		if yc.Leads != want || yc.Sanctions != wantS {
			t.Errorf("%d: leads %d/%d sanctions %d/%d", yc.Year, yc.Leads, want, yc.Sanctions, wantS)
		}
	}
	if len(s.PerYear) < 3 {
		t.Errorf("per-year table %+v", s.PerYear)
	}
	if _, err := json.Marshal(s); err != nil {
		t.Fatal(err)
	}
}
