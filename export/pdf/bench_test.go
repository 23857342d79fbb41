package pdf

import (
	"bytes"
	"testing"
)

// sampleNotice2Pages is the 监察建议书 of sampleNotice cut to two pages.
func sampleNotice2Pages() *Document {
	d := sampleNotice()
	d.Body = append(d.Body[:1], d.Body[3:len(d.Body)-1]...)
	d.Body = append(d.Body, Block{Text: "请你局自收到本建议书之日起30日内完成整改，并将整改情况书面报送我委。"})
	return d
}

// TestNotice2PagesIsTwoPages keeps the benchmark honest.
func TestNotice2PagesIsTwoPages(t *testing.T) {
	p, err := Layout(sampleNotice2Pages(), bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Pages) != 2 {
		t.Fatalf("%d pages, want 2", len(p.Pages))
	}
}

// BenchmarkRenderNotice2Pages measures layout plus PDF writing of a 2-page
// notice with the bundled fonts (parsed once, outside the loop) and reports
// the file size.
func BenchmarkRenderNotice2Pages(b *testing.B) {
	fs := bundled(b)
	doc := sampleNotice2Pages()
	var size int
	b.ReportAllocs()
	for b.Loop() {
		p, err := Layout(doc, fs)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WritePDF(&buf, p); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

// BenchmarkLayoutNotice2Pages measures the layout alone.
func BenchmarkLayoutNotice2Pages(b *testing.B) {
	fs := bundled(b)
	doc := sampleNotice2Pages()
	for b.Loop() {
		if _, err := Layout(doc, fs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRasterPage96 measures one preview page at 96 dpi.
func BenchmarkRasterPage96(b *testing.B) {
	p, err := Layout(sampleNotice2Pages(), bundled(b))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := RasterPage(p, 0, 96); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender1000Notices renders a batch of 1,000 two-page notices, one
// after another, each to its own buffer: what a print run of notices costs.
// It reports the time per batch and the total bytes written.
func BenchmarkRender1000Notices(b *testing.B) {
	fs := bundled(b)
	doc := sampleNotice2Pages()
	for b.Loop() {
		total := 0
		for i := 0; i < 1000; i++ {
			p, err := Layout(doc, fs)
			if err != nil {
				b.Fatal(err)
			}
			var buf bytes.Buffer
			if err := WritePDF(&buf, p); err != nil {
				b.Fatal(err)
			}
			total += buf.Len()
		}
		b.ReportMetric(float64(total)/1e6, "MB/batch")
	}
}
