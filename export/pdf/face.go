package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// Face is one parsed TrueType font, shared read-only by every goroutine once
// built. It answers glyph lookups and advances for layout, outlines for the
// raster backend, and cuts per-document subsets for the PDF backend.
type Face struct {
	// Name is the font's family name as its name table gives it.
	Name string
	// File is where the face came from: a path on disk (with "#N" for face
	// N of a collection) or "bundled:" plus the embedded file name.
	File string
	// Official reports whether the face is one of the official GB/T 9704
	// fonts found on this machine rather than a bundled stand-in.
	Official bool

	data   []byte
	sf     *sfnt.Font
	upem   float64
	tables map[string][]byte
	loca   []uint32
	nhm    int
	bufs   sync.Pool
}

// newFace parses a standalone TrueType file. data is kept and never modified.
func newFace(data []byte, file string) (*Face, error) {
	r := bytes.NewReader(data)
	dir, err := readDirectory(r, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	f := &Face{File: file, data: data, tables: map[string][]byte{}}
	for tag, t := range dir {
		if uint64(t.offset)+uint64(t.length) > uint64(len(data)) {
			return nil, fmt.Errorf("%w: %s: table %s out of bounds", ErrFontFormat, file, tag)
		}
		f.tables[tag] = data[t.offset : t.offset+t.length]
	}
	if f.sf, err = sfnt.Parse(data); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFontFormat, file, err)
	}
	if err := f.parseMetrics(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if names := fontNames(f.tables["name"]); len(names) > 0 {
		f.Name = names[0]
	}
	f.bufs.New = func() any { return new(sfnt.Buffer) }
	return f, nil
}

// parseMetrics reads units per em, the loca offsets and the hmtx count.
func (f *Face) parseMetrics() error {
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return fmt.Errorf("%w: short head/hhea/maxp", ErrFontFormat)
	}
	f.upem = float64(binary.BigEndian.Uint16(head[18:]))
	long := binary.BigEndian.Uint16(head[50:]) == 1
	n := int(binary.BigEndian.Uint16(maxp[4:]))
	f.nhm = int(binary.BigEndian.Uint16(hhea[34:]))
	if f.upem == 0 || f.nhm == 0 || f.nhm > n || len(f.tables["hmtx"]) < 4*f.nhm+2*(n-f.nhm) {
		return fmt.Errorf("%w: bad metrics", ErrFontFormat)
	}
	loca := f.tables["loca"]
	f.loca = make([]uint32, n+1)
	for i := range f.loca {
		if long {
			if len(loca) < 4*(i+1) {
				return fmt.Errorf("%w: short loca", ErrFontFormat)
			}
			f.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		} else {
			if len(loca) < 2*(i+1) {
				return fmt.Errorf("%w: short loca", ErrFontFormat)
			}
			f.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
	}
	return nil
}

// numGlyphs is the glyph count from maxp.
func (f *Face) numGlyphs() int { return len(f.loca) - 1 }

// glyph returns the glyph index of r, and false when the face lacks it.
func (f *Face) glyph(r rune) (uint16, bool) {
	b := f.bufs.Get().(*sfnt.Buffer)
	defer f.bufs.Put(b)
	g, err := f.sf.GlyphIndex(b, r)
	if err != nil || g == 0 {
		return 0, false
	}
	return uint16(g), true
}

// Has reports whether the face has a real glyph (not .notdef) for r.
func (f *Face) Has(r rune) bool {
	_, ok := f.glyph(r)
	return ok
}

// hmetric returns the advance width and left side bearing of glyph g, in
// font units.
func (f *Face) hmetric(g uint16) (adv uint16, lsb int16) {
	h := f.tables["hmtx"]
	i := int(g)
	if i < f.nhm {
		return binary.BigEndian.Uint16(h[4*i:]), int16(binary.BigEndian.Uint16(h[4*i+2:]))
	}
	adv = binary.BigEndian.Uint16(h[4*(f.nhm-1):])
	return adv, int16(binary.BigEndian.Uint16(h[4*f.nhm+2*(i-f.nhm):]))
}

// advance returns the advance width of r in ems (1.0 = the font size).
func (f *Face) advance(r rune) float64 {
	g, _ := f.glyph(r)
	a, _ := f.hmetric(g)
	return float64(a) / f.upem
}

// glyphData returns the glyf bytes of glyph g (empty for blank glyphs).
func (f *Face) glyphData(g uint16) []byte {
	a, b := f.loca[g], f.loca[int(g)+1]
	glyf := f.tables["glyf"]
	if b <= a || int(b) > len(glyf) {
		return nil
	}
	return glyf[a:b]
}
