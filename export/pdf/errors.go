// Package pdf typesets official documents on the GB/T 9704-2012 grid.
//
// A Document (header fields, title, body blocks, signature, 版记, attachments)
// is laid out by Layout into Pages of positioned glyph runs and rules; WritePDF
// and RasterPage draw those pages. Fonts come from the machine when the
// official faces (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体) are installed, else from
// the open fonts bundled in qingfeng/assets; any character missing from a
// role's font is drawn from the next font that has it.
package pdf

import "errors"

// Errors returned by this package. They are matched with errors.Is; most are
// wrapped with detail by the function that returns them.
var (
	// ErrFontFormat means a font file is not a TrueType (glyf) font this
	// package can embed, or its tables are damaged.
	ErrFontFormat = errors.New("pdf: unsupported or damaged font")
	// ErrFontIndex means a face index beyond the faces of a font collection.
	ErrFontIndex = errors.New("pdf: font collection has no such face")
	// ErrDocument means a Document is unusable (for example it has no title
	// and no body), detail in the wrapping error.
	ErrDocument = errors.New("pdf: invalid document")
	// ErrPage means a page index outside the laid-out pages.
	ErrPage = errors.New("pdf: page index out of range")
	// ErrWrite means the PDF library failed to produce the file.
	ErrWrite = errors.New("pdf: writing PDF failed")
	// ErrTemplateSyntax means a template file is malformed; the error is a
	// *TemplateError carrying the template name and line.
	ErrTemplateSyntax = errors.New("pdf: template syntax")
	// ErrTemplateField means a template references a field the data does
	// not have; the error is a *TemplateError naming the field.
	ErrTemplateField = errors.New("pdf: template field missing")
	// ErrTemplateNotFound means no template has the requested name.
	ErrTemplateNotFound = errors.New("pdf: template not found")
)
