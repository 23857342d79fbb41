package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"qingfeng/assets"
	"qingfeng/store"
)

func TestPassStrength(t *testing.T) {
	for p, want := range map[string]int{
		"":                      0,
		"abc1234":               0,
		"abcdefgh":              1,
		"abcd1234":              1,
		"Abcd1234":              2,
		"abcdefghijkl":          2,
		"Abcdefgh1234":          3,
		"清风徐来水波不兴":              1,
		"清风徐来 水波不兴 2026":        3,
		"correct horse battery": 3,
	} {
		if got := passStrength(p); got != want {
			t.Errorf("passStrength(%q) = %d, want %d", p, got, want)
		}
	}
}

func TestNaturalKey(t *testing.T) {
	in := []string{"QF〔2026〕10号", "QF〔2025〕99号", "QF〔2026〕9号", "QF〔2026〕009号", "QF〔2026〕", "", "甲"}
	slices.SortStableFunc(in, func(a, b string) int { return strings.Compare(naturalKey(a), naturalKey(b)) })
	want := []string{"", "QF〔2025〕99号", "QF〔2026〕", "QF〔2026〕9号", "QF〔2026〕009号", "QF〔2026〕10号", "甲"}
	if !slices.Equal(in, want) {
		t.Errorf("sorted %q\nwant   %q", in, want)
	}
}

func TestFlattenKeepsOrderAndPaths(t *testing.T) {
	data := `{"title":"关于𠮷某","reporter":{"name":"匿名","real_name":false},"events":[{"stage":"初核"},{"stage":"立案"}],"amount":12.5,"empty":"","gone":null}`
	got, err := flatten([]byte(data), "是", "否")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, f := range got {
		lines = append(lines, strings.Join(f.path, "/")+"="+f.value)
	}
	want := []string{"title=关于𠮷某", "reporter/name=匿名", "reporter/real_name=否",
		"events/[1]/stage=初核", "events/[2]/stage=立案", "amount=12.5"}
	if !slices.Equal(lines, want) {
		t.Errorf("flatten = %q\nwant      %q", lines, want)
	}
	orderFields(got)
	if got[0].path[0] != "title" || got[1].path[0] != "reporter" || got[5].path[0] != "amount" {
		t.Errorf("orderFields moved the wrong fields: %v", got)
	}
	if _, err := flatten([]byte(`{"a":`), "", ""); err == nil {
		t.Errorf("truncated JSON accepted")
	}
	if got := fieldLabel([]string{"events", "[2]", "stage"}); got != tr("field.events")+"[2] › "+tr("field.stage") {
		t.Errorf("label %q", got)
	}
}

// TestRareCharactersFallBackToBundledFont: 䶮 and 喆 are in Noto Sans SC,
// 𠮷 is not; Fyne then measures (and draws) 𠮷 with the bundled LXGW
// WenKai, at its advance, never with a system font or a missing-glyph box,
// in every text style the theme uses.
func TestRareCharactersFallBackToBundledFont(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newAppTheme(themeLight))
	sans, kai := parseFont(t, assets.FontSans()), parseFont(t, assets.FontKai())
	if !hasGlyph(sans, '䶮') || !hasGlyph(sans, '喆') || hasGlyph(sans, '𠮷') {
		t.Fatalf("Noto Sans SC coverage changed: the test's premise is wrong")
	}
	const size = 20
	want := advance(t, kai, '𠮷', size)
	for _, st := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}} {
		got := fyne.MeasureText("𠮷", size, st).Width
		if got != want {
			t.Errorf("style %+v: 𠮷 measures %v, LXGW WenKai's advance is %v", st, got, want)
		}
		if got, want := fyne.MeasureText("欧阳𠮷", size, st).Width, advance(t, sans, '欧', size)+advance(t, sans, '阳', size)+want; got != want {
			t.Errorf("style %+v: 欧阳𠮷 measures %v, want %v (two sans glyphs and one 楷体)", st, got, want)
		}
	}
}

func parseFont(t *testing.T, b []byte) *sfnt.Font {
	t.Helper()
	f, err := sfnt.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func hasGlyph(f *sfnt.Font, r rune) bool {
	var buf sfnt.Buffer
	g, err := f.GlyphIndex(&buf, r)
	return err == nil && g != 0
}

// advance is r's advance in f at size pixels, as Fyne rounds it (26.6).
func advance(t *testing.T, f *sfnt.Font, r rune, size float32) float32 {
	t.Helper()
	var buf sfnt.Buffer
	g, _ := f.GlyphIndex(&buf, r)
	adv, err := f.GlyphAdvance(&buf, g, fixed.Int26_6(size*64), font.HintingNone)
	if err != nil {
		t.Fatal(err)
	}
	return float32(adv) / 64
}

func TestSummarize(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	r := &store.Record{Type: "case", ID: "c1", Modified: now,
		Data: []byte(`{"number":"〔2026〕3号","subject":["s1"],"summary":"  反映\n某某  问题 ` + strings.Repeat("长", 100) + `","status":"审查调查","handler":"张䶮"}`)}
	s := summarize(r)
	if s.number != "〔2026〕3号" || s.subject != "" || s.stage != "审查调查" || s.handler != "张䶮" || s.key() != "case/c1" {
		t.Errorf("summary = %+v", s)
	}
	if !strings.HasPrefix(s.title, "反映 某某 问题 长") || len([]rune(s.title)) != maxTitleRunes {
		t.Errorf("title %q (%d runes)", s.title, len([]rune(s.title)))
	}
}

// TestFitTextNeverOverflows measures fitted text with Fyne and the bundled
// fonts: the estimate may cut early but never lets text run over.
func TestFitTextNeverOverflows(t *testing.T) {
	a := test.NewTempApp(t)
	samples := []string{
		"关于欧阳𠮷喆违规收受礼金问题的线索绝密标记MARKER-7Q2Z",
		"QF〔2026〕100123号", "WWWWMMMMmmmmwwww@@@%%%", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
		"“反映”——某某……（2026）第12号", "dossier/0123456789abcdef", "2026-03-02 09:30:00",
		"iiiillll....,,,,    ", "反映某市第一人民医院院长郑彬存在违规借贷问题",
	}
	for _, th := range []*appTheme{newAppTheme(themeLight), newAppTheme(themeDark)} {
		a.Settings().SetTheme(th)
		size := th.Size(theme.SizeNameText)
		for _, s := range samples {
			for width := float32(30); width < 500; width += 7 {
				fit := fitText(s, width, size)
				if got := fyne.MeasureText(fit, size, fyne.TextStyle{}).Width; got > width {
					t.Errorf("%s: fitText(%q, %v) = %q is %v wide", th.font.Name(), s, width, fit, got)
				}
				if fit != s && !strings.HasSuffix(fit, "…") {
					t.Errorf("cut text %q lacks the ellipsis", fit)
				}
			}
		}
	}
	if got := fitText("短", 100, 14); got != "短" {
		t.Errorf("text that fits was changed to %q", got)
	}
}
