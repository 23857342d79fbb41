package app

import (
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font/sfnt"

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
	kaiFont  = fyne.NewStaticResource(assets.FontKaiName, assets.FontKai())
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

// kaiTheme is the same theme drawn with LXGW WenKai, the one bundled font
// with Extension B characters such as 𠮷. Text that Noto Sans SC cannot
// draw is shown under it (see rareText) instead of falling back to
// whatever fonts the machine happens to have.
func kaiTheme(t *appTheme) *appTheme { return &appTheme{mode: t.mode, font: kaiFont} }

var sansCover struct {
	once sync.Once
	mu   sync.Mutex
	font *sfnt.Font
	buf  sfnt.Buffer
	miss map[rune]bool
}

// sansLacks reports whether Noto Sans SC has no glyph for a rune of s.
// Only runes from the CJK blocks up are looked up; answers are cached.
func sansLacks(s string) bool {
	c := &sansCover
	c.once.Do(func() {
		c.font, _ = sfnt.Parse(assets.FontSans())
		c.miss = map[rune]bool{}
	})
	if c.font == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range s {
		if r < 0x3400 {
			continue
		}
		miss, ok := c.miss[r]
		if !ok {
			g, err := c.font.GlyphIndex(&c.buf, r)
			miss = err != nil || g == 0
			c.miss[r] = miss
		}
		if miss {
			return true
		}
	}
	return false
}
