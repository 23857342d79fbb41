package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"qingfeng/app/msg"
	"qingfeng/assets"
)

// Languages the window offers; the first is the default.
var languages = []string{"zh", "en"}

// fyneLocales are the locales Fyne 2.7 ships translations for. Fyne picks
// one of them from the operating system's locale and cannot be told to use
// another, so the chosen language's messages are registered under every one
// of them: whichever Fyne picks then answers in the language chosen in 设置,
// not the system's, and Chinese stays the default on an English system.
var fyneLocales = []fyne.Locale{"en", "cs", "de", "el", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans"}

// setLanguage makes l ("zh" or "en"; anything else means Chinese) the
// language of every later tr call and of msg.Text. It must run on the Fyne
// thread, before the screens it affects are built.
func setLanguage(l string) string {
	l = normLang(l)
	data := assets.Translation(l)
	for _, loc := range fyneLocales {
		if err := lang.AddTranslationsForLocale(data, loc); err != nil {
			fyne.LogError("failed to load the "+l+" translation", err)
		}
	}
	msg.SetLang(l)
	return l
}

// normLang maps a preference value to a supported language.
func normLang(l string) string {
	for _, s := range languages {
		if l == s {
			return l
		}
	}
	return languages[0]
}

// tr returns the text of a message id in the current language. Call it on
// the Fyne thread only (Fyne's translation tables are not locked).
func tr(id string) string { return lang.L(id) }

// trf is tr for a message with template fields such as {{.N}}.
func trf(id string, data map[string]any) string { return lang.L(id, data) }
