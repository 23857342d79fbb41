package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"qingfeng/assets"
)

// Theme choices stored in the preferences.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

var (
	sansFont = fyne.NewStaticResource(assets.FontSansName, assets.FontSans())
	iconRes  = fyne.NewStaticResource("icon.png", assets.Icon())
)

// appTheme is Fyne's default look drawn with the bundled Noto Sans SC, so
// Chinese text looks the same on every machine, in a light, dark or
// system-chosen variant.
type appTheme struct {
	mode string // themeSystem, themeLight or themeDark
	font fyne.Resource
}

func newAppTheme(mode string) *appTheme { return &appTheme{mode: mode, font: sansFont} }

// Color returns the default colour for the chosen variant.
func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.mode {
	case themeLight:
		v = theme.VariantLight
	case themeDark:
		v = theme.VariantDark
	}
	return theme.DefaultTheme().Color(n, v)
}

// Font returns the bundled font for every style but monospace, which keeps
// Fyne's own (used only for ASCII such as the recovery key).
func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	return t.font
}

// Icon returns the default icon.
func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size returns the default size.
func (t *appTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// useBundledFallback makes LXGW WenKai, the bundled font with Extension B
// characters such as 𠮷, the font Fyne falls back to for every character
// the theme's font lacks, in every style.
//
// Fyne draws a rune from the first of these faces that has it: the theme's
// font, then Fyne's own Latin font (theme.DefaultTextFont and its bold and
// italic forms), then emoji, then whatever font of the operating system
// claims the rune. Left alone, 𠮷 came from the machine's fonts, or was a
// "missing glyph" box twice as wide on a machine without CJK fonts, so the
// window looked and measured differently from machine to machine. The
// bundled Noto Sans SC covers Fyne's Latin font, so that second place is
// given to LXGW WenKai: only the rare character itself is drawn in 楷体,
// the same everywhere, and the system's fonts are reached only for what
// neither bundled font has.
//
// Fyne's fallback fonts are *fyne.StaticResource values that it loads the
// first time text is measured; this runs at package init, before any.
func useBundledFallback() {
	for _, r := range []fyne.Resource{theme.DefaultTextFont(), theme.DefaultTextBoldFont(),
		theme.DefaultTextItalicFont(), theme.DefaultTextBoldItalicFont()} {
		if sr, ok := r.(*fyne.StaticResource); ok {
			sr.StaticName, sr.StaticContent = assets.FontKaiName, assets.FontKai()
		}
	}
}

func init() { useBundledFallback() }
