// Package pdftest reads the PDFs a test wrote back: their text through
// pdftotext (Debian package poppler-utils) and the SHA-256 of their bytes.
// Only tests import it.
package pdftest

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Text extracts a PDF's text with pdftotext, without the spaces and line
// breaks extraction puts between characters; opts go to pdftotext (-raw
// keeps the drawing order). A missing pdftotext fails the test.
func Text(t testing.TB, path string, opts ...string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatalf("pdftotext is not installed (Debian package poppler-utils): %v", err)
	}
	out, err := exec.Command("pdftotext", append(opts, "-enc", "UTF-8", path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// FileSHA is the hex SHA-256 of a file's bytes.
func FileSHA(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
