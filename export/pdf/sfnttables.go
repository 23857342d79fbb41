package pdf

import (
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"unicode/utf16"
)

// tableRec locates one table of an sfnt font inside its file.
type tableRec struct {
	tag    string
	offset uint32
	length uint32
}

const (
	tagTTC      = 0x74746366 // "ttcf"
	tagTrue     = 0x74727565 // "true"
	tagTrueType = 0x00010000
	tagOTTO     = 0x4F54544F // "OTTO" (CFF outlines)
)

// faceOffsets returns the offsets of the table directories of every face in
// r: one for a plain font, several for a .ttc collection.
func faceOffsets(r io.ReaderAt) ([]uint32, error) {
	var hdr [12]byte
	if _, err := r.ReadAt(hdr[:], 0); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFontFormat, err)
	}
	if binary.BigEndian.Uint32(hdr[:]) != tagTTC {
		return []uint32{0}, nil
	}
	n := binary.BigEndian.Uint32(hdr[8:])
	if n == 0 || n > 256 {
		return nil, fmt.Errorf("%w: collection with %d faces", ErrFontFormat, n)
	}
	buf := make([]byte, 4*n)
	if _, err := r.ReadAt(buf, 12); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFontFormat, err)
	}
	offs := make([]uint32, n)
	for i := range offs {
		offs[i] = binary.BigEndian.Uint32(buf[4*i:])
	}
	return offs, nil
}

// readDirectory reads the table directory at off. It refuses fonts with CFF
// outlines, which the PDF library cannot embed.
func readDirectory(r io.ReaderAt, off uint32) (map[string]tableRec, error) {
	var hdr [12]byte
	if _, err := r.ReadAt(hdr[:], int64(off)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFontFormat, err)
	}
	switch binary.BigEndian.Uint32(hdr[:]) {
	case tagTrueType, tagTrue:
	default:
		return nil, fmt.Errorf("%w: not TrueType outlines", ErrFontFormat)
	}
	n := int(binary.BigEndian.Uint16(hdr[4:]))
	buf := make([]byte, 16*n)
	if _, err := r.ReadAt(buf, int64(off)+12); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFontFormat, err)
	}
	dir := make(map[string]tableRec, n)
	for i := 0; i < n; i++ {
		e := buf[16*i:]
		t := tableRec{tag: string(e[:4]), offset: binary.BigEndian.Uint32(e[8:]), length: binary.BigEndian.Uint32(e[12:])}
		dir[t.tag] = t
	}
	for _, need := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if _, ok := dir[need]; !ok {
			return nil, fmt.Errorf("%w: no %s table", ErrFontFormat, need)
		}
	}
	return dir, nil
}

// readTable returns a copy of one table's bytes.
func readTable(r io.ReaderAt, t tableRec) ([]byte, error) {
	if t.length > 64<<20 {
		return nil, fmt.Errorf("%w: table %s too large", ErrFontFormat, t.tag)
	}
	b := make([]byte, t.length)
	if _, err := r.ReadAt(b, int64(t.offset)); err != nil {
		return nil, fmt.Errorf("%w: table %s: %v", ErrFontFormat, t.tag, err)
	}
	return b, nil
}

// fontNames returns the family, full and typographic family names (IDs 1, 4,
// 16) of a name table, in every language the table holds.
func fontNames(name []byte) []string {
	if len(name) < 6 {
		return nil
	}
	count := int(binary.BigEndian.Uint16(name[2:]))
	strOff := int(binary.BigEndian.Uint16(name[4:]))
	seen := map[string]bool{}
	var out []string
	for i := 0; i < count && 6+12*(i+1) <= len(name); i++ {
		rec := name[6+12*i:]
		platform := binary.BigEndian.Uint16(rec)
		id := binary.BigEndian.Uint16(rec[6:])
		if id != 1 && id != 4 && id != 16 {
			continue
		}
		l, o := int(binary.BigEndian.Uint16(rec[8:])), int(binary.BigEndian.Uint16(rec[10:]))
		if strOff+o+l > len(name) {
			continue
		}
		s := decodeName(platform, name[strOff+o:strOff+o+l])
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// decodeName decodes a name record: UTF-16BE for Unicode and Windows
// platforms, ASCII only for Macintosh (other legacy encodings are skipped).
func decodeName(platform uint16, b []byte) string {
	if platform == 0 || platform == 3 {
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = binary.BigEndian.Uint16(b[2*i:])
		}
		return string(utf16.Decode(u))
	}
	for _, c := range b {
		if c >= 0x80 {
			return ""
		}
	}
	return string(b)
}

// extractFace copies face index of a font or collection into a standalone
// TrueType file.
func extractFace(r io.ReaderAt, index int) ([]byte, error) {
	offs, err := faceOffsets(r)
	if err != nil {
		return nil, err
	}
	if index < 0 || index >= len(offs) {
		return nil, fmt.Errorf("%w: %d of %d", ErrFontIndex, index, len(offs))
	}
	dir, err := readDirectory(r, offs[index])
	if err != nil {
		return nil, err
	}
	tables := make(map[string][]byte, len(dir))
	for tag, t := range dir {
		if tables[tag], err = readTable(r, t); err != nil {
			return nil, err
		}
	}
	return assembleFont(tables), nil
}

// assembleFont writes an sfnt file holding tables, sorted by tag, each
// 4-byte aligned, with table checksums and head.checkSumAdjustment set.
func assembleFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	size := 12 + 16*n
	for _, t := range tags {
		size += (len(tables[t]) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	writeOffsetTable(out, n)
	headAt := -1
	for i, t := range tags {
		b := tables[t]
		if t == "head" && len(b) >= 12 {
			b = append([]byte(nil), b...)
			binary.BigEndian.PutUint32(b[8:], 0)
			headAt = len(out)
		}
		e := out[12+16*i:]
		copy(e, t)
		binary.BigEndian.PutUint32(e[4:], checksum(b))
		binary.BigEndian.PutUint32(e[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(e[12:], uint32(len(b)))
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// writeOffsetTable fills the 12-byte sfnt header for n tables.
func writeOffsetTable(out []byte, n int) {
	binary.BigEndian.PutUint32(out, tagTrueType)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	p := 1
	e := 0
	for p*2 <= n {
		p *= 2
		e++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(16*p))
	binary.BigEndian.PutUint16(out[8:], uint16(e))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16*p))
}

// checksum is the sfnt table checksum: the sum of big-endian uint32 words.
func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
