package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"qingfeng/assets"
)

// messageIDs returns every message id the package uses: the literal ones
// in tr/trf calls and those built from tables.
func messageIDs(t *testing.T) []string {
	t.Helper()
	lit := regexp.MustCompile(`\btrf?\("([a-z0-9_.]+)"`)
	files, _ := filepath.Glob("*.go")
	var ids []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			if m[1][len(m[1])-1] != '.' {
				ids = append(ids, m[1])
			}
		}
	}
	for _, s := range sectionInfo {
		ids = append(ids, s.key)
	}
	ids = append(ids, columnKeys[:]...)
	ids = append(ids, auditColumnKeys...)
	ids = append(ids, strengthKeys...)
	for _, a := range auditActions {
		ids = append(ids, "audit.action."+a)
	}
	for _, ty := range countedTypes {
		ids = append(ids, "type."+ty)
	}
	for f := range knownFields {
		ids = append(ids, "field."+f)
	}
	return ids
}

// TestTranslationsComplete: both languages have exactly the same ids, and
// every id the code uses is in them.
func TestTranslationsComplete(t *testing.T) {
	tables := map[string]map[string]string{}
	for _, l := range languages {
		m := map[string]string{}
		if err := json.Unmarshal(assets.Translation(l), &m); err != nil {
			t.Fatalf("%s.json: %v", l, err)
		}
		tables[l] = m
	}
	if got := assets.TranslationLangs(); !slices.Equal(got, []string{"en", "zh"}) {
		t.Errorf("translation files %v", got)
	}
	for id := range tables["zh"] {
		if _, ok := tables["en"][id]; !ok {
			t.Errorf("%q is in zh.json only", id)
		}
	}
	for id := range tables["en"] {
		if _, ok := tables["zh"][id]; !ok {
			t.Errorf("%q is in en.json only", id)
		}
	}
	for _, id := range messageIDs(t) {
		if tables["zh"][id] == "" || tables["en"][id] == "" {
			t.Errorf("message %q used but not translated", id)
		}
	}
}

// TestLanguageIndependentOfSystem: the chosen language wins whatever the
// system locale (the tests run under C, en_US and zh_CN alike).
func TestLanguageIndependentOfSystem(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { setLanguage("zh") })
	if setLanguage("zh"); tr("nav.cases") != "案件" {
		t.Errorf("zh: nav.cases = %q", tr("nav.cases"))
	}
	if setLanguage("en"); tr("nav.cases") != "Cases" {
		t.Errorf("en: nav.cases = %q", tr("nav.cases"))
	}
	if got := trf("list.count", map[string]any{"N": 7}); got != "7 records" {
		t.Errorf("en template: %q", got)
	}
	if setLanguage("xx"); tr("nav.cases") != "案件" {
		t.Errorf("unknown language does not fall back to Chinese: %q", tr("nav.cases"))
	}
}
