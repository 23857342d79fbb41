package app

import "time"

// Preference keys. Only non-secret settings are kept in Fyne's preferences:
// nothing from the vault, no passphrase, no path to a decrypted file.
const (
	prefIdleMinutes = "idle_lock_minutes"
	prefTheme       = "theme"
	prefLang        = "language"
	prefWinWidth    = "window_width"
	prefWinHeight   = "window_height"
)

// Defaults of the settings.
const (
	defaultIdleMinutes = 5
	defaultWinWidth    = 1100
	defaultWinHeight   = 720
)

// idleChoices are the idle lock times offered in 设置, in minutes.
var idleChoices = []int{1, 2, 5, 10, 15, 30}

// idleTimeout is the configured idle time after which the window locks.
func (u *UI) idleTimeout() time.Duration {
	m := u.app.Preferences().IntWithFallback(prefIdleMinutes, defaultIdleMinutes)
	if m < 1 {
		m = defaultIdleMinutes
	}
	return time.Duration(m) * time.Minute
}

// themeMode is the configured theme variant.
func (u *UI) themeMode() string {
	switch m := u.app.Preferences().StringWithFallback(prefTheme, themeSystem); m {
	case themeLight, themeDark:
		return m
	}
	return themeSystem
}

// language is the configured language, Chinese unless set otherwise.
func (u *UI) language() string {
	return normLang(u.app.Preferences().StringWithFallback(prefLang, languages[0]))
}
