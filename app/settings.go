package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// settingsView is the 设置 section: idle lock time, theme and language,
// kept in Fyne's preferences (no secrets there). Changes apply at once.
type settingsView struct {
	u *UI
	s *session

	idle  *widget.Select
	theme *widget.RadioGroup
	lang  *widget.Select
	vault *vaultSettings
}

// themeModes are the theme choices in display order.
var themeModes = []string{themeSystem, themeLight, themeDark}

// langNames are the language choices, each in its own language.
var langNames = map[string]string{"zh": "中文", "en": "English"}

func newSettingsView(u *UI, s *session) *settingsView { return &settingsView{u: u, s: s} }

func (v *settingsView) build() fyne.CanvasObject {
	v.idle = extend(&widget.Select{Options: v.idleOptions()})
	v.idle.SetSelectedIndex(max(0, slices.Index(idleChoices, int(v.u.idleTimeout().Minutes()))))
	v.idle.OnChanged = v.idleChanged
	v.theme = extend(&widget.RadioGroup{Options: v.themeOptions(), Horizontal: true, Required: true})
	v.theme.SetSelected(v.theme.Options[slices.Index(themeModes, v.u.themeMode())])
	v.theme.OnChanged = v.themeChanged
	v.lang = extend(&widget.Select{Options: []string{langNames["zh"], langNames["en"]}})
	v.lang.SetSelected(langNames[v.u.language()])
	v.lang.OnChanged = v.langChanged
	form := widget.NewForm(
		widget.NewFormItem(tr("settings.idle"), v.idle),
		widget.NewFormItem(tr("settings.theme"), v.theme),
		widget.NewFormItem(tr("settings.lang"), v.lang),
	)
	head := extend(&widget.Label{Text: tr("nav.settings"), SizeName: theme.SizeNameHeadingText})
	v.vault = newVaultSettings(v.u, v.s)
	return container.NewVScroll(container.NewVBox(head, container.NewHBox(withWidth(480, form)), hint(tr("settings.note")), v.vault.build()))
}

func (v *settingsView) idleOptions() []string {
	out := make([]string, len(idleChoices))
	for i, m := range idleChoices {
		out[i] = trf("settings.minutes", map[string]any{"N": m})
	}
	return out
}

func (v *settingsView) themeOptions() []string {
	return []string{tr("settings.theme.system"), tr("settings.theme.light"), tr("settings.theme.dark")}
}

// idleChanged stores the idle time; the running idle lock uses it at once.
func (v *settingsView) idleChanged(string) {
	v.u.touch()
	m := idleChoices[v.idle.SelectedIndex()]
	v.u.app.Preferences().SetInt(prefIdleMinutes, m)
	if v.u.sess != nil {
		v.u.sess.idle.timeout.Store(int64(v.u.idleTimeout()))
	}
}

// themeChanged stores and applies the theme.
func (v *settingsView) themeChanged(choice string) {
	v.u.touch()
	i := slices.Index(v.theme.Options, choice)
	if i < 0 {
		return
	}
	v.u.app.Preferences().SetString(prefTheme, themeModes[i])
	v.u.theme = newAppTheme(themeModes[i])
	v.u.app.Settings().SetTheme(v.u.theme)
	v.u.rebuild()
}

// langChanged stores the language and rebuilds the window in it.
func (v *settingsView) langChanged(choice string) {
	v.u.touch()
	for code, name := range langNames {
		if name == choice && code != v.u.language() {
			v.u.app.Preferences().SetString(prefLang, code)
			setLanguage(code)
			v.u.buildMenu()
			v.u.rebuild()
			return
		}
	}
}

// rebuild makes the main view again after a change of language or theme
// (open dossier tabs close; loaded rows are kept) and shows 设置 again.
func (u *UI) rebuild() {
	s := u.sess
	if s == nil {
		return
	}
	s.main.drop()
	s.main = newMainView(u, s)
	u.setContent(s.main.content())
	s.main.nav.Select(secSettings)
}
