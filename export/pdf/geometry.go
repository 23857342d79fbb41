package pdf

// Page geometry of GB/T 9704-2012, in PDF points (1/72 inch). y grows
// downwards from the top edge of the page everywhere in this package; the
// backends convert.
const (
	mm = 72 / 25.4

	pageWidth   = 210 * mm
	pageHeight  = 297 * mm
	marginTop   = 37 * mm
	marginLeft  = 28 * mm
	blockWidth  = 156 * mm
	blockHeight = 225 * mm

	linesPerPage = 22
	charsPerLine = 28
	linePitch    = blockHeight / linesPerPage // ≈ 28.99 pt
	cellPitch    = blockWidth / charsPerLine  // ≈ 15.79 pt

	sizeXiaoChu = 36.0 // 小初
	size2       = 22.0 // 二号: title
	size3       = 16.0 // 三号: body
	size4       = 14.0 // 四号: 版记, page numbers

	// emAscent is where the baseline sits below the top of an ideographic
	// em box (the em box runs from 0.88 em above to 0.12 em below it).
	emAscent = 0.88

	issuerTop     = 35 * mm // 发文机关标志 top edge below the block top
	redLineGap    = 4 * mm  // red line below the 文号
	redLineWidth  = 0.35 * mm
	imprintThick  = 0.35 * mm // first and last 版记 lines
	imprintThin   = 0.25 * mm // 版记 lines between items
	folioGap      = 7 * mm    // page number dash below the block
	maxIssuerSize = sizeXiaoChu
)

// Colors used by the layout.
var (
	Black = Color{0, 0, 0}
	Red   = Color{255, 0, 0}
)

// baselineOf returns the baseline y of grid line i (0-based, counted from
// the top of the block) for text of the given size: the em box is centred
// in the line's slot.
func baselineOf(i int, size float64) float64 {
	top := marginTop + float64(i)*linePitch
	return top + (linePitch-size)/2 + emAscent*size
}
