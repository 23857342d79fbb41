package pdf

import "io"

// Render lays doc out with DefaultFonts and writes it as a PDF to w.
func Render(w io.Writer, doc *Document) error {
	p, err := Layout(doc, DefaultFonts())
	if err != nil {
		return err
	}
	return WritePDF(w, p)
}
