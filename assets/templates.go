package assets

import (
	"embed"
	"io/fs"
)

// templateFiles holds the built-in document templates (*.tmpl) and their
// README; see templates/README.md for the format and the data fields.
//
//go:embed templates/*.tmpl templates/README.md
var templateFiles embed.FS

// Templates returns the built-in document templates as a read-only file
// system whose root holds the *.tmpl files.
func Templates() fs.FS {
	sub, err := fs.Sub(templateFiles, "templates")
	if err != nil {
		panic(err) // the embedded folder always exists
	}
	return sub
}
