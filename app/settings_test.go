package app

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/app/msg"
	"qingfeng/store"
)

// openSettings shows 设置.
func (h *harness) openSettings() {
	h.u.sess.main.nav.Select(secSettings)
}

// selectWith returns the select on screen offering option.
func (h *harness) selectWith(option string) *widget.Select {
	h.t.Helper()
	for _, s := range find[*widget.Select](h) {
		for _, o := range s.Options {
			if o == option {
				return s
			}
		}
	}
	h.t.Fatalf("no select offers %q", option)
	return nil
}

// TestSettingsLanguage switches the window to English and back; the
// choice is kept in the preferences and error lines follow it.
func TestSettingsLanguage(t *testing.T) {
	h := newHarness(t, makeVault(t, someDossiers(2)))
	t.Cleanup(func() { setLanguage("zh") })
	h.unlock()
	h.openSettings()
	h.selectWith("English").SetSelected("English")
	if got := h.u.app.Preferences().String(prefLang); got != "en" {
		t.Errorf("language preference %q, want en", got)
	}
	for _, want := range []string{"Cases", "Leads", "Audit log", "Lock (Ctrl+L)"} {
		if !h.hasText(want) {
			t.Errorf("English window lacks %q: %q", want, h.texts())
		}
	}
	if h.hasText("案件") {
		t.Errorf("Chinese left in the English window")
	}
	if got := h.w.MainMenu().Items[0].Items[0].Label; got != "Lock" {
		t.Errorf("menu says %q", got)
	}
	if got := msg.Text(store.ErrWrongPassphrase); got[:5] != "wrong" {
		t.Errorf("msg.Text not in English: %q", got)
	}
	h.selectWith("中文").SetSelected("中文")
	if !h.hasText("案件") || !h.hasText("审计日志") {
		t.Errorf("not back in Chinese: %q", h.texts())
	}
}

// TestSettingsThemeAndIdle stores the theme and the idle time, applying
// both at once.
func TestSettingsThemeAndIdle(t *testing.T) {
	h := newHarness(t, makeVault(t, nil))
	h.unlock()
	h.openSettings()
	var radio *widget.RadioGroup
	for _, r := range find[*widget.RadioGroup](h) {
		if slices.Contains(r.Options, tr("settings.theme.dark")) {
			radio = r
		}
	}
	radio.SetSelected(tr("settings.theme.dark"))
	if got := h.u.app.Preferences().String(prefTheme); got != themeDark {
		t.Errorf("theme preference %q", got)
	}
	bg := h.u.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight)
	if bg != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Errorf("dark theme not applied: background %v", bg)
	}
	one := trf("settings.minutes", map[string]any{"N": 1})
	h.selectWith(one).SetSelected(one)
	if got := h.u.app.Preferences().Int(prefIdleMinutes); got != 1 {
		t.Errorf("idle preference %d", got)
	}
	if got := time.Duration(h.u.sess.idle.timeout.Load()); got != time.Minute {
		t.Errorf("running idle lock uses %v, want 1m", got)
	}
}

// TestDashboardCounts shows real counts: records by type and by stage.
func TestDashboardCounts(t *testing.T) {
	h := newHarness(t, makeVault(t, someDossiers(20)))
	h.unlock()
	h.wait("the counts", func() bool { return h.hasText(tr("dash.total")) && h.hasText("初核") })
	forms := find[*widget.Form](h)
	got := map[string]string{}
	for _, f := range forms {
		for _, it := range f.Items {
			if l, ok := it.Widget.(*widget.Label); ok {
				got[it.Text] = l.Text
			}
		}
	}
	for k, v := range map[string]string{tr("type.dossier"): "20", tr("dash.total"): "20", "初核": "5", "办结": "5"} {
		if got[k] != v {
			t.Errorf("dashboard %s = %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	if _, ok := got[tr("type.lead")]; ok {
		t.Errorf("a type with no records is listed")
	}
}

// TestLaterSections shows the plain notice in sections of later versions.
func TestLaterSections(t *testing.T) {
	h := newHarness(t, makeVault(t, nil))
	h.unlock()
	for _, s := range []int{secDocuments} {
		h.u.sess.main.nav.Select(s)
		if !h.hasText(tr("main.later")) || !h.hasText(tr(sectionInfo[s].key)) {
			t.Errorf("section %s lacks the notice", tr(sectionInfo[s].key))
		}
	}
}
