// Package localefix rewrites locale settings that Fyne cannot parse, such
// as LANG=C.UTF-8 (the default of many Debian shells), to the plain "C"
// they mean, before Fyne reads them. Left alone, Fyne's translation setup
// logs "Fyne error: Error parsing user locale C" three lines at a time on
// stderr at the start of every run, command-line verbs included.
//
// Fyne reads the locale in a package initialiser, so this must run first.
// Go initialises packages in the order of their import paths among those
// whose imports are ready (the language specification, "Package
// initialization"), and this package imports only os and strings, which
// Fyne needs too: that is why it is a module of its own, with a path
// ("early.qingfeng/…") that sorts before "fyne.io/…". A test in app/cli
// runs the binary under LANG=C, C.UTF-8 and unset and checks stderr.
//
// Only this process's environment changes, and only values that name no
// language: "C.UTF-8" becomes "C", and LANGUAGE entries that are not a
// language tag are dropped. Go itself ignores the C library's locale.
package localefix

import (
	"os"
	"strings"
)

func init() { Apply(os.Getenv, os.Setenv, os.Unsetenv) }

// Apply rewrites the locale variables through the given accessors (the
// process environment at init; tests pass a map).
func Apply(get func(string) string, set func(string, string) error, unset func(string) error) {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := get(name)
		if v == "" {
			continue
		}
		if v == "C" || v == "POSIX" {
			return // no language: LANGUAGE is then ignored
		}
		if !isTag(v) {
			set(name, "C")
			return // C means no language: LANGUAGE is then ignored
		}
		break
	}
	fixLanguage(get, set, unset)
}

// fixLanguage drops the entries of the colon-separated LANGUAGE list that
// are not language tags.
func fixLanguage(get func(string) string, set func(string, string) error, unset func(string) error) {
	v := get("LANGUAGE")
	if v == "" {
		return
	}
	var keep []string
	for _, e := range strings.Split(v, ":") {
		if isTag(e) {
			keep = append(keep, e)
		}
	}
	switch {
	case len(keep) == 0:
		unset("LANGUAGE")
	case len(keep) < len(strings.Split(v, ":")):
		set("LANGUAGE", strings.Join(keep, ":"))
	}
}

// isTag reports whether a POSIX locale name (language[_territory][.codeset]
// [@modifier]) names a language Fyne can parse: 2 or 3 letters, then
// optionally a 2-letter or 3-digit region ("C" and "POSIX" name none).
func isTag(v string) bool {
	if i := strings.IndexAny(v, ".@"); i >= 0 {
		v = v[:i]
	}
	lang, region, _ := strings.Cut(v, "_")
	if !letters(lang) || len(lang) < 2 || len(lang) > 3 {
		return false
	}
	return region == "" || (len(region) == 2 && letters(region)) || (len(region) == 3 && digits(region))
}

func letters(s string) bool {
	for _, c := range s {
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return s != ""
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
