package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/font/sfnt"

	"qingfeng/assets"
)

func bundled(t testing.TB) *Fonts {
	t.Helper()
	fs, err := BundledFonts()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// TestRareCharacterCoverage checks which bundled face draws each rare
// character and that none is missing from the fallback chain.
func TestRareCharacterCoverage(t *testing.T) {
	fs := bundled(t)
	want := map[rune]string{'喆': "bundled:" + assets.FontSerifRegularName, '堃': "bundled:" + assets.FontSerifRegularName,
		'䶮': "bundled:" + assets.FontSerifRegularName, '𠮷': "bundled:" + assets.FontKaiName}
	for c, file := range want {
		f, ok := fs.faceFor(RoleFangSong, c)
		if !ok || f.File != file {
			t.Errorf("%c served by %v (ok=%v), want %s", c, f.File, ok, file)
		}
	}
	rep := fs.Report("张喆堃䶮𠮷 ABC")
	if len(rep.Missing) != 0 {
		t.Errorf("missing %v", rep.Missing)
	}
	if len(rep.Roles) != int(numRoles) {
		t.Fatalf("roles %v", rep.Roles)
	}
	found := false
	for _, fb := range rep.Fallbacks {
		if fb.Char == "𠮷" && fb.Role == "仿宋" && fb.File == "bundled:"+assets.FontKaiName {
			found = true
		}
	}
	if !found {
		t.Errorf("𠮷 fallback not reported: %+v", rep.Fallbacks)
	}
	if r := fs.Report("\uE123"); len(r.Missing) != 1 {
		t.Errorf("private-use char should be missing everywhere: %+v", r)
	}
}

// TestDiscoverOfficialFont writes a TrueType file whose name table says
// 仿宋_GB2312 into a temporary font folder, and a collection holding it as
// its second face, and checks discovery picks them for the body role only.
func TestDiscoverOfficialFont(t *testing.T) {
	base := bundled(t).Face(RoleHei)
	fake := renamedFont(t, base, "仿宋_GB2312")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "some.ttf"), fake, 0o600); err != nil {
		t.Fatal(err)
	}
	fs, err := LoadFonts([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	body := fs.Face(RoleFangSong)
	if !body.Official || body.File != filepath.Join(dir, "some.ttf") || body.Name != "仿宋_GB2312" {
		t.Fatalf("body face %+v", body)
	}
	if fs.Face(RoleHei).Official || fs.Face(RoleKai).Official {
		t.Error("other roles must stay bundled")
	}
	// A collection: face 0 is an unrelated font, face 1 the official one.
	ttc := buildCollection(t, renamedFont(t, base, "Other"), fake)
	dir2 := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir2, "pair.ttc"), ttc, 0o600); err != nil {
		t.Fatal(err)
	}
	fs2, err := LoadFonts([]string{dir2})
	if err != nil {
		t.Fatal(err)
	}
	if got := fs2.Face(RoleFangSong); !got.Official || got.File != filepath.Join(dir2, "pair.ttc")+"#1" || !got.Has('中') {
		t.Fatalf("collection face %+v", got)
	}
}

// TestDiscoverByFileName checks that a well-known file name alone selects
// the role (simhei.ttf is 黑体 even when its name table says otherwise).
func TestDiscoverByFileName(t *testing.T) {
	base := bundled(t).Face(RoleHei)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "SimHei.ttf"), renamedFont(t, base, "Whatever"), 0o600); err != nil {
		t.Fatal(err)
	}
	fs, err := LoadFonts([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if !fs.Face(RoleHei).Official || fs.Face(RoleFangSong).Official {
		t.Fatalf("hei %+v", fs.Face(RoleHei))
	}
}

// renamedFont returns a small TrueType font cut from base (CJK sample
// glyphs) whose name table declares family.
func renamedFont(t *testing.T, base *Face, family string) []byte {
	t.Helper()
	var chars []subsetChar
	for _, r := range "中华人民共和国仿宋" {
		chars = append(chars, subsetChar{r: r, code: uint16(r)})
	}
	cut := base.subset(chars)
	f, err := newFace(cut, "cut")
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string][]byte{}
	for tag, b := range f.tables {
		tables[tag] = b
	}
	tables["name"] = nameTable(family)
	return assembleFont(tables)
}

// nameTable builds a Windows-platform name table with family and full names.
func nameTable(family string) []byte {
	var str []byte
	for _, u := range []rune(family) {
		str = append(str, byte(u>>8), byte(u))
	}
	var b bytes.Buffer
	w := func(v int) { b.WriteByte(byte(v >> 8)); b.WriteByte(byte(v)) }
	w(0)
	w(2)
	w(6 + 12*2)
	for _, id := range []int{1, 4} {
		w(3)
		w(1)
		w(0x409)
		w(id)
		w(len(str))
		w(0)
	}
	b.Write(str)
	return b.Bytes()
}

// buildCollection joins standalone fonts into a .ttc file whose faces share
// nothing.
func buildCollection(t *testing.T, fonts ...[]byte) []byte {
	t.Helper()
	hdr := 12 + 4*len(fonts)
	out := make([]byte, hdr)
	copy(out, "ttcf")
	out[5] = 1
	out[11] = byte(len(fonts))
	for i, f := range fonts {
		off := len(out)
		out[12+4*i], out[13+4*i], out[14+4*i], out[15+4*i] = byte(off>>24), byte(off>>16), byte(off>>8), byte(off)
		// Rebase the table offsets of this font to its place in the file.
		g := append([]byte(nil), f...)
		n := int(g[4])<<8 | int(g[5])
		for k := 0; k < n; k++ {
			e := g[12+16*k+8:]
			v := (int(e[0])<<24 | int(e[1])<<16 | int(e[2])<<8 | int(e[3])) + off
			e[0], e[1], e[2], e[3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
		}
		out = append(out, g...)
	}
	return out
}

// TestSubsetKeepsRealGlyphs cuts a subset holding a BMP and an astral
// character (𠮷 under a private-use code) and checks both map to glyphs with
// outlines, not .notdef.
func TestSubsetKeepsRealGlyphs(t *testing.T) {
	kai := bundled(t).Face(RoleKai)
	codes := assignCodes(map[rune]bool{'中': true, '𠮷': true})
	if codes['中'] != '中' || codes['𠮷'] != 0xE000 {
		t.Fatalf("codes %v", codes)
	}
	sub := kai.subset([]subsetChar{{'中', codes['中']}, {'𠮷', codes['𠮷']}})
	f, err := newFace(sub, "subset")
	if err != nil {
		t.Fatal(err)
	}
	if f.numGlyphs() != 3 || len(sub) > 20000 {
		t.Fatalf("subset has %d glyphs, %d bytes", f.numGlyphs(), len(sub))
	}
	for _, r := range []rune{'中', 0xE000} {
		g, ok := f.glyph(r)
		want, _ := kai.glyph(map[rune]rune{'中': '中', 0xE000: '𠮷'}[r])
		if !ok || !sameOutline(t, f, g, kai, want) {
			t.Errorf("%U: glyph %d (ok=%v) differs from the original", r, g, ok)
		}
	}
}

// sameOutline compares the outlines of glyph a of fa and glyph b of fb
// (composite glyphs are renumbered by subsetting, so bytes may differ).
func sameOutline(t *testing.T, fa *Face, a uint16, fb *Face, b uint16) bool {
	t.Helper()
	var buf sfnt.Buffer
	sa, err := fa.sf.LoadGlyph(&buf, sfnt.GlyphIndex(a), 64*100, nil)
	if err != nil {
		t.Fatal(err)
	}
	sa = append(sfnt.Segments(nil), sa...)
	sb, err := fb.sf.LoadGlyph(&buf, sfnt.GlyphIndex(b), 64*100, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sa) == 0 || len(sa) != len(sb) {
		return false
	}
	for i := range sa {
		if sa[i] != sb[i] {
			return false
		}
	}
	return true
}

// TestFontDirsEnv: QINGFENG_FONT_DIRS replaces the system folders; set but
// empty it names none, so only the bundled fonts are used.
func TestFontDirsEnv(t *testing.T) {
	t.Setenv(FontDirsEnv, "")
	if d := FontDirs(); len(d) != 0 {
		t.Errorf("empty %s gave folders %v", FontDirsEnv, d)
	}
	a, b := t.TempDir(), t.TempDir()
	t.Setenv(FontDirsEnv, a+string(filepath.ListSeparator)+b)
	if d := FontDirs(); len(d) != 2 || d[0] != a || d[1] != b {
		t.Errorf("FontDirs() = %v, want [%s %s]", d, a, b)
	}
}
