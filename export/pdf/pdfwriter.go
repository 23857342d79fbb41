package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"sort"
	"time"
	"unicode"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
)

// WriteOptions tune WritePDF.
type WriteOptions struct {
	// Time is the creation and modification date written into the file;
	// the zero value means now. A fixed time makes output byte-reproducible.
	Time time.Time
}

// WritePDF writes the pages as a PDF to w: every run at its exact position,
// each font embedded as a subset of the glyphs used. It does not close w.
func WritePDF(w io.Writer, p *Pages) error { return WritePDFWith(w, p, WriteOptions{}) }

// WritePDFWith is WritePDF with options.
func WritePDFWith(w io.Writer, p *Pages, opt WriteOptions) error {
	doc := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: pageWidth, Ht: pageHeight}})
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.SetCompression(true)
	doc.SetCatalogSort(true)
	tm := opt.Time
	if tm.IsZero() {
		tm = time.Now()
	}
	doc.SetCreationDate(tm)
	doc.SetModificationDate(tm)
	doc.SetCreator("qingfeng", false)
	doc.SetProducer("qingfeng", false)
	if p.Title != "" {
		doc.SetTitle(p.Title, true)
	}
	codes := addFonts(doc, p)
	for i := range p.Pages {
		doc.AddPage()
		if p.Watermark != "" {
			drawWatermarkPDF(doc, p, codes)
		}
		drawPagePDF(doc, &p.Pages[i], codes)
	}
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		return fmt.Errorf("%w: %v", ErrWrite, err)
	}
	out := buf.Bytes()
	for _, fc := range codes {
		out = bytes.ReplaceAll(out, []byte("/utf8"+fc.key), []byte("/"+subsetName(fc)))
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("%w: %v", ErrWrite, err)
	}
	return nil
}

// fontCodes maps, per face, each character to the code it has in that
// face's embedded subset; key is the fpdf family name.
type fontCodes map[*Face]*faceCodes

type faceCodes struct {
	key   string // fpdf family, "qfsubsetNN"
	tag   string // subset tag, six capitals
	codes map[rune]uint16
}

// The PDF library names an embedded font "utf8" plus its family; WritePDF
// renames it, keeping the length, to a subset name "TAGXYZ+QFfntNN" as the
// PDF specification asks of subset fonts (9.6.4).
const fontKeyPrefix = "qfsubset"

// subsetName is "TAGXYZ+QFfntNN", exactly as long as "utf8" plus the key
// so that the file's cross-reference offsets stay valid.
func subsetName(fc *faceCodes) string {
	return fc.tag + "+QFfnt" + fc.key[len(fc.key)-2:]
}

// subsetTag derives six capitals from the subset's bytes.
func subsetTag(b []byte) string {
	h := sha256.Sum256(b)
	t := make([]byte, 6)
	for i := range t {
		t[i] = 'A' + h[i]%26
	}
	return string(t)
}

// addFonts cuts one subset per face used by the pages and registers it.
func addFonts(doc *fpdf.Fpdf, p *Pages) fontCodes {
	used := map[*Face]map[rune]bool{}
	note := func(f *Face, text string) {
		if used[f] == nil {
			used[f] = map[rune]bool{}
		}
		for _, r := range text {
			if drawable(r) {
				used[f][r] = true
			}
		}
	}
	for _, pg := range p.Pages {
		for _, r := range pg.Runs {
			note(r.Face, r.Text)
		}
	}
	for _, g := range watermarkGlyphs(p) {
		note(g.face, string(g.r))
	}
	codes := fontCodes{}
	for _, f := range p.fonts.faces {
		if len(used[f]) == 0 {
			continue
		}
		fc := &faceCodes{key: fmt.Sprintf("%s%02d", fontKeyPrefix, p.fonts.faceIndex(f)), codes: assignCodes(used[f])}
		var chars []subsetChar
		for r, c := range fc.codes {
			chars = append(chars, subsetChar{r: r, code: c})
		}
		sort.Slice(chars, func(i, j int) bool { return chars[i].code < chars[j].code })
		sub := f.subset(chars)
		fc.tag = subsetTag(sub)
		doc.AddUTF8FontFromBytes(fc.key, "", sub)
		codes[f] = fc
	}
	return codes
}

// assignCodes keeps BMP characters as their own code and gives others a
// private-use code not otherwise used.
func assignCodes(set map[rune]bool) map[rune]uint16 {
	out := map[rune]uint16{}
	var astral []rune
	for r := range set {
		if r <= 0xFFFF {
			out[r] = uint16(r)
		} else {
			astral = append(astral, r)
		}
	}
	sort.Slice(astral, func(i, j int) bool { return astral[i] < astral[j] })
	next := rune(0xE000)
	for _, r := range astral {
		for set[next] {
			next++
		}
		out[r] = uint16(next)
		next++
	}
	return out
}

// drawable reports characters that leave ink (not spaces or controls).
func drawable(r rune) bool { return !unicode.IsSpace(r) && !unicode.IsControl(r) }

// drawPagePDF draws rules, then runs glyph by glyph at their positions.
func drawPagePDF(doc *fpdf.Fpdf, pg *Page, codes fontCodes) {
	for _, r := range pg.Rules {
		doc.SetDrawColor(int(r.Color.R), int(r.Color.G), int(r.Color.B))
		doc.SetLineWidth(r.Width)
		doc.Line(r.X1, r.Y1, r.X2, r.Y2)
	}
	for _, run := range pg.Runs {
		fc := codes[run.Face]
		if fc == nil {
			continue
		}
		doc.SetFont(fc.key, "", run.Size)
		doc.SetTextColor(int(run.Color.R), int(run.Color.G), int(run.Color.B))
		i := 0
		for _, r := range run.Text {
			if drawable(r) {
				drawGlyphPDF(doc, fc, r, run.Xs[i], run.Y)
			}
			i++
		}
	}
}

// drawGlyphPDF shows one character. A character beyond the BMP is shown by
// its private-use code inside a /Span whose /ActualText restores it, so
// text extraction yields the real character.
func drawGlyphPDF(doc *fpdf.Fpdf, fc *faceCodes, r rune, x, y float64) {
	code := fc.codes[r]
	if rune(code) == r {
		doc.Text(x, y, string(r))
		return
	}
	hex := "FEFF"
	for _, u := range utf16.Encode([]rune{r}) {
		hex += fmt.Sprintf("%04X", u)
	}
	doc.RawWriteStr("/Span <</ActualText <" + hex + ">>> BDC\n")
	doc.Text(x, y, string(rune(code)))
	doc.RawWriteStr("EMC\n")
}
