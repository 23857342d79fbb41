package pdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"qingfeng/assets"
)

// Role is the typographic role a font plays in a GB/T 9704 document.
type Role int

// The four roles. Their official fonts are 仿宋_GB2312, 方正小标宋简体, 黑体 and
// 楷体_GB2312.
const (
	RoleFangSong     Role = iota // body text, 1./（1） headings, 版记
	RoleXiaoBiaoSong             // 发文机关标志 and title
	RoleHei                      // 一、 headings, 密级, 紧急程度
	RoleKai                      // （一） headings
	numRoles
)

// String names the role by its official font style.
func (r Role) String() string {
	switch r {
	case RoleFangSong:
		return "仿宋"
	case RoleXiaoBiaoSong:
		return "小标宋"
	case RoleHei:
		return "黑体"
	case RoleKai:
		return "楷体"
	}
	return fmt.Sprintf("Role(%d)", int(r))
}

// Fonts holds one face per role and the fallback chain used for characters
// the role's face lacks. A Fonts is immutable and safe for concurrent use.
type Fonts struct {
	role  [numRoles]*Face
	chain [numRoles][]*Face
	faces []*Face // every distinct face, in a stable order
}

// Face returns the face serving role.
func (fs *Fonts) Face(role Role) *Face { return fs.role[role] }

// faceFor returns the first face of role's chain that has r, or the role's
// face and false when none has it.
func (fs *Fonts) faceFor(role Role, r rune) (*Face, bool) {
	for _, f := range fs.chain[role] {
		if f.Has(r) {
			return f, true
		}
	}
	return fs.role[role], false
}

// faceIndex returns the position of f in fs.faces (the PDF font key).
func (fs *Fonts) faceIndex(f *Face) int {
	for i, g := range fs.faces {
		if g == f {
			return i
		}
	}
	return -1
}

// newFonts builds a Fonts from per-role faces (nil entries take the
// bundled face) and the bundled faces as the end of every chain.
func newFonts(chosen [numRoles]*Face, bundled [numRoles]*Face) *Fonts {
	fs := &Fonts{}
	for r := range chosen {
		fs.role[r] = chosen[r]
		if fs.role[r] == nil {
			fs.role[r] = bundled[r]
		}
	}
	order := []Role{RoleFangSong, RoleHei, RoleKai, RoleXiaoBiaoSong}
	var all []*Face
	for _, r := range order {
		all = append(all, fs.role[r])
	}
	for _, r := range order {
		all = append(all, bundled[r])
	}
	for r := range fs.chain {
		fs.chain[r] = dedupFaces(append([]*Face{fs.role[r]}, all...))
	}
	fs.faces = dedupFaces(all)
	return fs
}

// dedupFaces drops repeated faces, keeping the first occurrence.
func dedupFaces(in []*Face) []*Face {
	var out []*Face
	seen := map[*Face]bool{}
	for _, f := range in {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

var (
	bundledOnce  sync.Once
	bundledFaces [numRoles]*Face
	bundledErr   error

	defaultOnce  sync.Once
	defaultFonts *Fonts
)

// loadBundled parses the four embedded fonts, once per process.
func loadBundled() ([numRoles]*Face, error) {
	bundledOnce.Do(func() {
		src := [numRoles]struct {
			data []byte
			name string
		}{
			RoleFangSong:     {assets.FontSerifRegular(), assets.FontSerifRegularName},
			RoleXiaoBiaoSong: {assets.FontSerifBold(), assets.FontSerifBoldName},
			RoleHei:          {assets.FontSans(), assets.FontSansName},
			RoleKai:          {assets.FontKai(), assets.FontKaiName},
		}
		for r, s := range src {
			bundledFaces[r], bundledErr = newFace(s.data, "bundled:"+s.name)
			if bundledErr != nil {
				return
			}
		}
	})
	return bundledFaces, bundledErr
}

// BundledFonts returns the embedded open fonts for every role, ignoring
// fonts installed on the machine (machine-independent output, as golden
// tests need). The fonts are parsed once per process.
func BundledFonts() (*Fonts, error) {
	b, err := loadBundled()
	if err != nil {
		return nil, err
	}
	return newFonts([numRoles]*Face{}, b), nil
}

// LoadFonts looks for the official fonts in dirs (see SystemFontDirs) and
// uses each one found; roles without one use the bundled font. It parses
// every font it uses; callers wanting the process-wide cache use
// DefaultFonts.
func LoadFonts(dirs []string) (*Fonts, error) {
	b, err := loadBundled()
	if err != nil {
		return nil, err
	}
	var chosen [numRoles]*Face
	found := findOfficial(scanFontDirs(dirs))
	for r, c := range found {
		if c != nil {
			chosen[r] = c
		}
	}
	return newFonts(chosen, b), nil
}

// FontDirsEnv names the environment variable that replaces SystemFontDirs:
// a list of folders (separated as in PATH) in which to look for the
// official fonts, for example a folder of licensed fonts copied from the
// office. Set but empty, it means no folder: the bundled fonts only, which
// is what the tests use, so that their results never depend on the fonts
// a machine happens to have.
const FontDirsEnv = "QINGFENG_FONT_DIRS"

// FontDirs returns the folders DefaultFonts searches: those of FontDirsEnv
// when it is set, else SystemFontDirs.
func FontDirs() []string {
	v, ok := os.LookupEnv(FontDirsEnv)
	if !ok {
		return SystemFontDirs()
	}
	var dirs []string
	for _, d := range filepath.SplitList(v) {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// DefaultFonts returns the fonts of this machine: official fonts found in
// FontDirs, else the bundled ones. The search and parsing happen once
// per process; later calls return the same *Fonts. It panics only if the
// embedded fonts are damaged (a build defect).
func DefaultFonts() *Fonts {
	defaultOnce.Do(func() {
		fs, err := LoadFonts(FontDirs())
		if err != nil {
			panic(err)
		}
		defaultFonts = fs
	})
	return defaultFonts
}

// loadFaceFile reads face index of the font file at path.
func loadFaceFile(path string, index int) (*Face, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFontFormat, err)
	}
	offs, err := faceOffsets(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	name := path
	if len(offs) > 1 || offs[0] != 0 {
		if data, err = extractFace(bytes.NewReader(data), index); err != nil {
			return nil, err
		}
		name = fmt.Sprintf("%s#%d", path, index)
	}
	f, err := newFace(data, name)
	if err != nil {
		return nil, err
	}
	f.Official = true
	return f, nil
}
