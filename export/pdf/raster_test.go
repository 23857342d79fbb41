package pdf

import (
	"errors"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden page images in testdata/")

// TestRasterPage checks image size at a DPI, ink only inside the block (or
// the page-number band), and red pixels where the 发文机关标志 is.
func TestRasterPage(t *testing.T) {
	p, err := Layout(sampleNotice(), bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	const dpi = 96
	img, err := RasterPage(p, 0, dpi)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 794 || b.Dy() != 1123 {
		t.Fatalf("A4 at 96 dpi is 794×1123, got %v", b)
	}
	s := dpi / 72.0
	block := image.Rect(int((marginLeft-1*mm)*s), int((marginTop-1*mm)*s), int((marginLeft+blockWidth+1*mm)*s), int((marginTop+blockHeight+1*mm)*s))
	folio := image.Rect(block.Min.X, block.Max.Y, block.Max.X, int((marginTop+blockHeight+folioGap+size4+2*mm)*s))
	issuer := image.Rect(block.Min.X, int((marginTop+issuerTop)*s), block.Max.X, int((marginTop+issuerTop+sizeXiaoChu)*s))
	ink, red := 0, 0
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			c := img.RGBAAt(x, y)
			if c == (color.RGBA{255, 255, 255, 255}) {
				continue
			}
			pt := image.Pt(x, y)
			ink++
			if !pt.In(block) && !pt.In(folio) {
				t.Fatalf("ink at %v outside the block %v", pt, block)
			}
			if isRed(c) && pt.In(issuer) {
				red++
			}
		}
	}
	if red < 2000 || ink < 20000 {
		t.Errorf("expected a red 标志 and text: %d red pixels in the 标志 band, %d inked", red, ink)
	}
	if _, err := RasterPage(p, len(p.Pages), dpi); !errors.Is(err, ErrPage) {
		t.Errorf("page out of range: %v", err)
	}
}

// TestGoldenPages compares page images of two documents with the golden
// files in testdata/ (regenerate with go test -run Golden -update). A few
// differing pixels are tolerated (anti-aliasing across platforms).
func TestGoldenPages(t *testing.T) {
	report, _ := longDocument()
	for name, doc := range map[string]*Document{"notice": sampleNotice(), "report": report} {
		p, err := Layout(doc, bundled(t))
		if err != nil {
			t.Fatal(err)
		}
		img, err := RasterPage(p, 0, 40)
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "golden_"+name+"_p1.png")
		if *update {
			writePNG(t, golden, img)
			continue
		}
		want := readPNG(t, golden)
		if diff := pixelDiff(img, want); diff > 0.002 {
			writePNG(t, filepath.Join(t.TempDir(), name+".png"), img)
			t.Errorf("%s page 1 differs from %s in %.2f%% of pixels", name, golden, 100*diff)
		}
	}
}

// pixelDiff is the fraction of pixels whose channels differ by more than 48.
func pixelDiff(a *image.RGBA, b image.Image) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	bad := 0
	for y := 0; y < a.Bounds().Dy(); y++ {
		for x := 0; x < a.Bounds().Dx(); x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if absDiff(r1, r2) > 48<<8 || absDiff(g1, g2) > 48<<8 || absDiff(b1, b2) > 48<<8 {
				bad++
			}
		}
	}
	return float64(bad) / float64(a.Bounds().Dx()*a.Bounds().Dy())
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test -run Golden -update to create it)", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestWatermark: the diagonal watermark is drawn in light grey across the
// page in the image and is present (as text) in the PDF.
func TestWatermark(t *testing.T) {
	doc := sampleNotice2Pages()
	doc.Watermark = WatermarkText("王明", "2020年3月5日", "000123")
	if doc.Watermark != "王明  2020年3月5日  000123" {
		t.Fatalf("watermark text %q", doc.Watermark)
	}
	p, err := Layout(doc, bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	img, err := RasterPage(p, 1, 50)
	if err != nil {
		t.Fatal(err)
	}
	grey, rows := 0, map[int]bool{}
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			c := img.RGBAAt(x, y)
			if c.R == c.G && c.G == c.B && c.R >= 190 && c.R <= 230 {
				grey++
				rows[y*watermarkRows/img.Bounds().Dy()] = true
			}
		}
	}
	if grey < 500 || len(rows) != watermarkRows {
		t.Errorf("%d grey pixels in %d of %d bands", grey, len(rows), watermarkRows)
	}
	path, _ := writePDF(t, doc)
	out := filepath.Join(t.TempDir(), "p")
	tool(t, "pdftoppm", "-r", "50", "-f", "2", "-l", "2", "-png", "-singlefile", path, out)
	pimg := readPNG(t, out+".png")
	pgrey := 0
	for y := 0; y < pimg.Bounds().Dy(); y++ {
		for x := 0; x < pimg.Bounds().Dx(); x++ {
			r, g, b, _ := pimg.At(x, y).RGBA()
			if r == g && g == b && r>>8 >= 190 && r>>8 <= 230 {
				pgrey++
			}
		}
	}
	if pgrey < grey/2 {
		t.Errorf("PDF page has %d watermark-grey pixels, the raster %d", pgrey, grey)
	}
}
