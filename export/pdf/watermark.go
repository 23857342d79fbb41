package pdf

import (
	"math"

	"codeberg.org/go-pdf/fpdf"
)

// Watermark geometry: light grey 黑体 text at 30°, repeated down the page.
const (
	watermarkSize  = 28.0
	watermarkAngle = 30.0
	watermarkRows  = 3
)

var watermarkColor = Color{200, 200, 200}

// WatermarkText composes the usual diagonal watermark: operator, date and
// 份号, separated by spaces; empty parts are left out.
func WatermarkText(operator, date, copyNumber string) string {
	s := ""
	for _, part := range []string{operator, date, copyNumber} {
		if part == "" {
			continue
		}
		if s != "" {
			s += "  "
		}
		s += part
	}
	return s
}

// watermarkGlyphs lays the watermark text out on a straight line starting
// at x = 0 (glyph positions in wmGlyph.x), in the 黑体 role.
func watermarkGlyphs(p *Pages) []wmGlyph {
	if p.Watermark == "" {
		return nil
	}
	st := style{role: RoleHei, size: watermarkSize}
	var out []wmGlyph
	x := 0.0
	for _, u := range segment(p.Watermark, st, p.fonts) {
		for _, g := range u.glyphs {
			out = append(out, wmGlyph{glyph: g, x: x + g.off})
			x += g.adv
		}
	}
	return out
}

// wmGlyph is a watermark glyph and its x along the text line.
type wmGlyph struct {
	glyph
	x float64
}

// watermarkRowsAt returns, for each repetition, the start point of the text
// line so that the line is centred on a point of the page's diagonal band.
func watermarkRowsAt(length float64) [][2]float64 {
	rad := watermarkAngle * math.Pi / 180
	var out [][2]float64
	for i := 0; i < watermarkRows; i++ {
		cx := pageWidth / 2
		cy := pageHeight * float64(2*i+1) / float64(2*watermarkRows)
		out = append(out, [2]float64{cx - math.Cos(rad)*length/2, cy + math.Sin(rad)*length/2})
	}
	return out
}

// drawWatermarkPDF draws the watermark rows under the page content.
func drawWatermarkPDF(doc *fpdf.Fpdf, p *Pages, codes fontCodes) {
	gs := watermarkGlyphs(p)
	if len(gs) == 0 {
		return
	}
	length := gs[len(gs)-1].x + gs[len(gs)-1].adv
	for _, at := range watermarkRowsAt(length) {
		doc.TransformBegin()
		doc.TransformRotate(watermarkAngle, at[0], at[1])
		for _, g := range gs {
			fc := codes[g.face]
			if fc == nil || !drawable(g.r) {
				continue
			}
			doc.SetFont(fc.key, "", watermarkSize)
			doc.SetTextColor(int(watermarkColor.R), int(watermarkColor.G), int(watermarkColor.B))
			drawGlyphPDF(doc, fc, g.r, at[0]+g.x, at[1])
		}
		doc.TransformEnd()
	}
}
