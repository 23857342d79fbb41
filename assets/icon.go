package assets

import _ "embed" // the icon is embedded below

//go:embed icon.png
var iconPNG []byte

// Icon returns the program icon: a 256×256 PNG (the character 清 on a dark
// green rounded square), also named by FyneApp.toml. The returned slice is
// shared; do not modify it.
func Icon() []byte { return iconPNG }
