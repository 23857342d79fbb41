package pdf

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// RasterPage draws page i of p as an RGBA image at dpi dots per inch, the
// same glyph runs and rules as the PDF, for the in-app preview. Each call
// allocates a new image; it is safe to call from several goroutines.
func RasterPage(p *Pages, i int, dpi float64) (*image.RGBA, error) {
	if i < 0 || i >= len(p.Pages) {
		return nil, fmt.Errorf("%w: %d of %d", ErrPage, i, len(p.Pages))
	}
	s := dpi / 72
	img := image.NewRGBA(image.Rect(0, 0, int(math.Round(pageWidth*s)), int(math.Round(pageHeight*s))))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	rz := &rasterizer{dst: img, scale: s}
	rz.watermark(p)
	pg := &p.Pages[i]
	for _, r := range pg.Rules {
		rz.rule(r)
	}
	for _, run := range pg.Runs {
		k := 0
		for _, r := range run.Text {
			if drawable(r) {
				rz.glyph(run.Face, r, run.Size, run.Xs[k], run.Y, 0, run.Color)
			}
			k++
		}
	}
	return img, nil
}

// rasterizer draws on one page image; scale converts points to pixels.
type rasterizer struct {
	dst   *image.RGBA
	scale float64
	z     vector.Rasterizer
	buf   sfnt.Buffer
}

// rule fills a rule as a rectangle at least one pixel thick.
func (rz *rasterizer) rule(r Rule) {
	half := math.Max(r.Width*rz.scale, 1) / 2
	x1, x2 := math.Min(r.X1, r.X2)*rz.scale, math.Max(r.X1, r.X2)*rz.scale
	y1, y2 := math.Min(r.Y1, r.Y2)*rz.scale, math.Max(r.Y1, r.Y2)*rz.scale
	rect := image.Rect(int(math.Round(x1-boolf(x1 == x2)*half)), int(math.Round(y1-half)),
		int(math.Round(x2+boolf(x1 == x2)*half)), int(math.Round(y2+half)))
	if rect.Dy() == 0 {
		rect.Max.Y++
	}
	if rect.Dx() == 0 {
		rect.Max.X++
	}
	c := r.Color
	draw.Draw(rz.dst, rect, image.NewUniform(color.RGBA{c.R, c.G, c.B, 255}), image.Point{}, draw.Src)
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// glyph draws character r of face f at size (points) with its origin at
// (x, y) points, rotated by angle degrees counter-clockwise about the origin.
func (rz *rasterizer) glyph(f *Face, r rune, size, x, y, angle float64, c Color) {
	g, _ := f.glyph(r)
	ppem := fixed.Int26_6(size * rz.scale * 64)
	segs, err := f.sf.LoadGlyph(&rz.buf, sfnt.GlyphIndex(g), ppem, nil)
	if err != nil || len(segs) == 0 {
		return
	}
	sin, cos := math.Sincos(angle * math.Pi / 180)
	ox, oy := x*rz.scale, y*rz.scale
	pt := func(p fixed.Point26_6) (float64, float64) {
		dx, dy := float64(p.X)/64, float64(p.Y)/64
		return ox + dx*cos + dy*sin, oy - dx*sin + dy*cos
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range segs {
		for _, a := range s.Args[:argCount(s.Op)] {
			px, py := pt(a)
			minX, minY, maxX, maxY = math.Min(minX, px), math.Min(minY, py), math.Max(maxX, px), math.Max(maxY, py)
		}
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1)
	rz.z.Reset(box.Dx(), box.Dy())
	bx, by := float64(box.Min.X), float64(box.Min.Y)
	at := func(p fixed.Point26_6) (float32, float32) {
		px, py := pt(p)
		return float32(px - bx), float32(py - by)
	}
	for _, s := range segs {
		rz.segment(s, at)
	}
	rz.z.Draw(rz.dst, box, image.NewUniform(color.RGBA{c.R, c.G, c.B, 255}), image.Point{})
}

// segment adds one outline segment to the rasterizer.
func (rz *rasterizer) segment(s sfnt.Segment, at func(fixed.Point26_6) (float32, float32)) {
	ax, ay := at(s.Args[0])
	switch s.Op {
	case sfnt.SegmentOpMoveTo:
		rz.z.ClosePath()
		rz.z.MoveTo(ax, ay)
	case sfnt.SegmentOpLineTo:
		rz.z.LineTo(ax, ay)
	case sfnt.SegmentOpQuadTo:
		bx, by := at(s.Args[1])
		rz.z.QuadTo(ax, ay, bx, by)
	case sfnt.SegmentOpCubeTo:
		bx, by := at(s.Args[1])
		cx, cy := at(s.Args[2])
		rz.z.CubeTo(ax, ay, bx, by, cx, cy)
	}
}

// argCount is how many points a segment op uses.
func argCount(op sfnt.SegmentOp) int {
	switch op {
	case sfnt.SegmentOpQuadTo:
		return 2
	case sfnt.SegmentOpCubeTo:
		return 3
	}
	return 1
}

// watermark draws the diagonal watermark rows in light grey.
func (rz *rasterizer) watermark(p *Pages) {
	gs := watermarkGlyphs(p)
	if len(gs) == 0 {
		return
	}
	length := gs[len(gs)-1].x + gs[len(gs)-1].adv
	rad := watermarkAngle * math.Pi / 180
	for _, at := range watermarkRowsAt(length) {
		for _, g := range gs {
			if drawable(g.r) {
				x := at[0] + g.x*math.Cos(rad)
				y := at[1] - g.x*math.Sin(rad)
				rz.glyph(g.face, g.r, watermarkSize, x, y, watermarkAngle, watermarkColor)
			}
		}
	}
}
