package pdf

// Color is an sRGB colour.
type Color struct{ R, G, B uint8 }

// Run is a sequence of glyphs of one face, size and colour on one baseline.
// Coordinates are PDF points from the top-left corner of the page, y
// downwards; Y is the baseline. Xs holds the x of each glyph's origin (one
// per rune of Text); X equals Xs[0].
type Run struct {
	Face  *Face
	Role  Role
	Size  float64
	Color Color
	X, Y  float64
	Text  string
	Xs    []float64
}

// Rule is a straight line from (X1, Y1) to (X2, Y2) of the given stroke
// width, in the coordinates of Run.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          Color
}

// Page is one laid-out page. Number is its printed page number (0: none).
type Page struct {
	Runs   []Run
	Rules  []Rule
	Number int
}

// Pages is the result of Layout: what the backends draw.
type Pages struct {
	Pages []Page
	// Watermark is drawn diagonally across every page when not empty.
	Watermark string
	// Title is the document title, for the PDF metadata.
	Title string
	// Missing lists characters no available font has (drawn as .notdef).
	Missing []rune
	fonts   *Fonts
}

// Fonts returns the fonts the pages were laid out with.
func (p *Pages) Fonts() *Fonts { return p.fonts }

// Text returns the text of page i, runs in layout order, for tests and
// search; lines are not separated.
func (p *Pages) Text(i int) string {
	var s []byte
	for _, r := range p.Pages[i].Runs {
		s = append(s, r.Text...)
	}
	return string(s)
}
