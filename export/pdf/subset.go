package pdf

import (
	"encoding/binary"
	"sort"
)

// subsetChar maps one character to the code it carries in a subset font.
// Code equals the rune for the Basic Multilingual Plane; characters beyond
// it get a private-use code (the PDF library's fonts are BMP only) and the
// PDF writer restores the real character with /ActualText.
type subsetChar struct {
	r    rune
	code uint16
}

// Composite glyph flags (TrueType glyf table).
const (
	compArgWords   = 0x0001
	compHaveScale  = 0x0008
	compMore       = 0x0020
	compXYScale    = 0x0040
	compTwoByTwo   = 0x0080
	compositeFlags = 10 // bytes of glyph header before the components
)

// subset builds a small TrueType font holding only the glyphs of chars (plus
// .notdef and the components of composite glyphs), with a format 4 cmap from
// each char's code to its new glyph. It reads only the face's shared tables;
// it is safe to call from several goroutines.
func (f *Face) subset(chars []subsetChar) []byte {
	newID := map[uint16]uint16{0: 0}
	order := []uint16{0}
	var add func(g uint16)
	add = func(g uint16) {
		if _, ok := newID[g]; ok || int(g) >= f.numGlyphs() {
			return
		}
		newID[g] = uint16(len(order))
		order = append(order, g)
		for _, c := range f.components(g) {
			add(c)
		}
	}
	cmap := map[uint16]uint16{}
	for _, c := range chars {
		g, _ := f.glyph(c.r)
		add(g)
		cmap[c.code] = newID[g]
	}
	t := map[string][]byte{}
	for _, tag := range []string{"name", "OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if b, ok := f.tables[tag]; ok {
			t[tag] = b
		}
	}
	t["glyf"], t["loca"] = f.subsetGlyf(order, newID)
	t["hmtx"] = f.subsetHmtx(order)
	t["head"] = patched(f.tables["head"], 50, 1)
	t["hhea"] = patched(f.tables["hhea"], 34, uint16(len(order)))
	t["maxp"] = patched(f.tables["maxp"], 4, uint16(len(order)))
	t["post"] = postV3(f.tables["post"])
	t["cmap"] = cmapFormat4(cmap)
	return assembleFont(t)
}

// components lists the glyphs a composite glyph g is built from.
func (f *Face) components(g uint16) []uint16 {
	d := f.glyphData(g)
	if len(d) < compositeFlags || int16(binary.BigEndian.Uint16(d)) >= 0 {
		return nil
	}
	var out []uint16
	walkComponents(d, func(at int) { out = append(out, binary.BigEndian.Uint16(d[at:])) })
	return out
}

// walkComponents calls fn with the offset of each component's glyph index
// in the composite glyph d.
func walkComponents(d []byte, fn func(at int)) {
	p := compositeFlags
	for p+4 <= len(d) {
		flags := binary.BigEndian.Uint16(d[p:])
		fn(p + 2)
		p += 4
		if flags&compArgWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&compHaveScale != 0:
			p += 2
		case flags&compXYScale != 0:
			p += 4
		case flags&compTwoByTwo != 0:
			p += 8
		}
		if flags&compMore == 0 {
			return
		}
	}
}

// subsetGlyf copies the glyphs in order, renumbering composite components,
// and returns the glyf table and its long-format loca.
func (f *Face) subsetGlyf(order []uint16, newID map[uint16]uint16) (glyf, loca []byte) {
	loca = make([]byte, 4*(len(order)+1))
	for i, g := range order {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		d := f.glyphData(g)
		start := len(glyf)
		glyf = append(glyf, d...)
		if len(d) >= compositeFlags && int16(binary.BigEndian.Uint16(d)) < 0 {
			c := glyf[start:]
			walkComponents(c, func(at int) {
				binary.BigEndian.PutUint16(c[at:], newID[binary.BigEndian.Uint16(c[at:])])
			})
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	binary.BigEndian.PutUint32(loca[4*len(order):], uint32(len(glyf)))
	return glyf, loca
}

// subsetHmtx writes one full metric per kept glyph.
func (f *Face) subsetHmtx(order []uint16) []byte {
	out := make([]byte, 4*len(order))
	for i, g := range order {
		a, l := f.hmetric(g)
		binary.BigEndian.PutUint16(out[4*i:], a)
		binary.BigEndian.PutUint16(out[4*i+2:], uint16(l))
	}
	return out
}

// patched returns a copy of b with the uint16 at off set to v.
func patched(b []byte, off int, v uint16) []byte {
	c := append([]byte(nil), b...)
	binary.BigEndian.PutUint16(c[off:], v)
	return c
}

// postV3 keeps the 32-byte header of a post table as version 3 (no glyph
// names).
func postV3(post []byte) []byte {
	out := make([]byte, 32)
	copy(out, post)
	binary.BigEndian.PutUint32(out, 0x00030000)
	return out
}

// cmapFormat4 writes a cmap with one (3,1) format 4 subtable mapping each
// code to its glyph, one segment per code plus the closing 0xFFFF segment.
func cmapFormat4(m map[uint16]uint16) []byte {
	codes := make([]int, 0, len(m)+1)
	for c := range m {
		if c != 0xFFFF {
			codes = append(codes, int(c))
		}
	}
	sort.Ints(codes)
	codes = append(codes, 0xFFFF)
	n := len(codes)
	sub := make([]byte, 16+8*n)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	p, e := 1, 0
	for p*2 <= n {
		p *= 2
		e++
	}
	be.PutUint16(sub[8:], uint16(2*p))
	be.PutUint16(sub[10:], uint16(e))
	be.PutUint16(sub[12:], uint16(2*n-2*p))
	ends, starts := sub[14:], sub[16+2*n:]
	deltas := sub[16+4*n:]
	for i, c := range codes {
		be.PutUint16(ends[2*i:], uint16(c))
		be.PutUint16(starts[2*i:], uint16(c))
		d := uint16(1)
		if c != 0xFFFF {
			d = m[uint16(c)] - uint16(c)
		}
		be.PutUint16(deltas[2*i:], d)
	}
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...)
}
