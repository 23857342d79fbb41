package assets

import (
	"embed"
	"strings"
)

// The window's translations: one flat JSON object per language, message id
// to text, in the format Fyne's lang package reads. Chinese (zh.json) is the
// program's default language; en.json has the same keys.
//
//go:embed translations/*.json
var translations embed.FS

// TranslationLangs lists the languages that have a translation file, by
// file name without ".json" (for example "zh", "en").
func TranslationLangs() []string {
	entries, _ := translations.ReadDir("translations")
	langs := make([]string, 0, len(entries))
	for _, e := range entries {
		langs = append(langs, strings.TrimSuffix(e.Name(), ".json"))
	}
	return langs
}

// Translation returns the JSON translation file of a language ("zh", "en"),
// or nil if there is none. The returned slice is a fresh copy.
func Translation(lang string) []byte {
	b, err := translations.ReadFile("translations/" + lang + ".json")
	if err != nil {
		return nil
	}
	return b
}
