package assets

import _ "embed" // fonts are embedded below

// The bundled TrueType fonts. The byte slices are shared and must never be
// modified by callers. Licences and provenance: fonts/README.md.
var (
	//go:embed fonts/NotoSerifSC-Regular-subset.ttf
	fontSerifRegular []byte

	//go:embed fonts/NotoSerifSC-Bold-subset.ttf
	fontSerifBold []byte

	//go:embed fonts/NotoSansSC-Regular.ttf
	fontSansRegular []byte

	//go:embed fonts/LXGWWenKai-Regular.ttf
	fontKaiRegular []byte
)

// FontSerifRegular returns the bundled body font (stand-in for 仿宋):
// a Noto Serif SC subset. The returned slice is shared; do not modify it.
func FontSerifRegular() []byte { return fontSerifRegular }

// FontSerifBold returns the bundled title font (stand-in for 小标宋):
// a Noto Serif SC Bold subset. The returned slice is shared; do not modify it.
func FontSerifBold() []byte { return fontSerifBold }

// FontSans returns the bundled sans font (stand-in for 黑体): Noto Sans SC.
// The Fyne theme uses it too. The returned slice is shared; do not modify it.
func FontSans() []byte { return fontSansRegular }

// FontKai returns the bundled 楷体 stand-in: LXGW WenKai Regular, the only
// bundled font with Extension B characters such as 𠮷. The returned slice is
// shared; do not modify it.
func FontKai() []byte { return fontKaiRegular }

// Font file names as embedded, for reports.
const (
	FontSerifRegularName = "NotoSerifSC-Regular-subset.ttf"
	FontSerifBoldName    = "NotoSerifSC-Bold-subset.ttf"
	FontSansName         = "NotoSansSC-Regular.ttf"
	FontKaiName          = "LXGWWenKai-Regular.ttf"
)
