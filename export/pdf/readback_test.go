package pdf

import (
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The tests in this file read produced PDFs back with poppler-utils
// (pdftotext, pdffonts, pdftoppm) and qpdf, the Debian packages CI installs.

// tool runs a command-line tool and returns its standard output.
func tool(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is not installed (Debian packages poppler-utils and qpdf): %v", name, err)
	}
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return out
}

// writePDF lays doc out with the bundled fonts and writes it to a file in
// a temporary folder.
func writePDF(t *testing.T, doc *Document) (string, *Pages) {
	t.Helper()
	p, err := Layout(doc, bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WritePDF(f, p); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path, p
}

// textLine is one line as pdftotext -bbox-layout reports it (points, y down).
type textLine struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	text                   string
}

// readLines extracts every text line of the PDF, sorted by page, then top
// to bottom, then left to right.
func readLines(t *testing.T, path string) []textLine {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(tool(t, "pdftotext", "-bbox-layout", path, "-"))))
	dec.Strict = false
	var lines []textLine
	page := -1
	var cur *textLine
	inWord := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "page":
				page++
			case "line":
				cur = &textLine{page: page}
				cur.xMin, cur.yMin, cur.xMax, cur.yMax = attrs(e)
			case "word":
				inWord = true
			}
		case xml.CharData:
			if inWord && cur != nil {
				cur.text += string(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "word":
				inWord = false
			case "line":
				lines = append(lines, *cur)
			}
		}
	}
	sort.SliceStable(lines, func(i, j int) bool {
		a, b := lines[i], lines[j]
		if a.page != b.page {
			return a.page < b.page
		}
		if d := a.yMax - b.yMax; d > 3 || d < -3 {
			return a.yMax < b.yMax
		}
		return a.xMin < b.xMin
	})
	return lines
}

// attrs reads the bounding box of an element.
func attrs(e xml.StartElement) (x0, y0, x1, y1 float64) {
	for _, a := range e.Attr {
		v, _ := strconv.ParseFloat(a.Value, 64)
		switch a.Name.Local {
		case "xMin":
			x0 = v
		case "yMin":
			y0 = v
		case "xMax":
			x1 = v
		case "yMax":
			y1 = v
		}
	}
	return
}

// inBlock reports lines within the text block (page numbers excluded).
func inBlock(l textLine) bool {
	return l.yMin >= marginTop-2*mm && l.yMax <= marginTop+blockHeight+2*mm
}

// noSpace removes all white space.
func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// longDocument is a body-only document of several pages mixing Chinese,
// Latin words, numbers, punctuation and rare characters.
func longDocument() (*Document, string) {
	d := &Document{Title: "关于王𠮷、李䶮同志违纪问题的审查调查报告", Recipients: "委领导"}
	want := d.Title + d.Recipients + "："
	paras := []string{sampleBody, "经审理查明：" + strings.Repeat("被审查调查人张喆堃、赵堃利用职务便利，2018年至2021年间收受财物共计人民币1,234,567.89元（其中美元5,000元），", 4) + "情节严重。",
		strings.Repeat("“一案两报告”", 6) + "制度要求每起案件均形成《案件调查报告》和《案件剖析报告》；" + strings.Repeat("以案促改、以案促治——", 5) + "做深做实“后半篇文章”……",
		"English words such as accountability, supervision and anti-corruption (ISO 37001:2016) stay whole; 123456789012345678901234567890 digits too.",
		strings.Repeat(sampleBody, 2)}
	for _, p := range paras {
		d.Body = append(d.Body, Block{Text: p})
		want += p
	}
	return d, noSpace(want)
}

// TestPDFTextRoundTrip: every input character appears in the extracted
// text, in order, none lost or doubled (rare characters included).
func TestPDFTextRoundTrip(t *testing.T) {
	doc, want := longDocument()
	path, p := writePDF(t, doc)
	if len(p.Pages) < 3 || len(p.Missing) != 0 {
		t.Fatalf("%d pages, missing %q", len(p.Pages), string(p.Missing))
	}
	var got strings.Builder
	for _, l := range readLines(t, path) {
		if inBlock(l) {
			got.WriteString(noSpace(l.text))
		}
	}
	if g := got.String(); g != want {
		gr, wr := []rune(g), []rune(want)
		i := 0
		for i < len(gr) && i < len(wr) && gr[i] == wr[i] {
			i++
		}
		t.Fatalf("extracted text differs at rune %d:\n got …%q\nwant …%q", i, string(gr[i:min(i+20, len(gr))]), string(wr[i:min(i+20, len(wr))]))
	}
	for _, rare := range []string{"喆", "堃", "䶮", "𠮷"} {
		if !strings.Contains(want, rare) {
			t.Fatalf("test text lacks %s", rare)
		}
	}
}

// TestPDFKinsoku: no extracted line starts with closing punctuation or ends
// with opening punctuation.
func TestPDFKinsoku(t *testing.T) {
	doc, _ := longDocument()
	path, _ := writePDF(t, doc)
	lines := readLines(t, path)
	for _, l := range lines {
		s := []rune(noSpace(l.text))
		if len(s) == 0 {
			continue
		}
		if strings.ContainsRune(noLineStart, s[0]) {
			t.Errorf("page %d line starts with %q: %s", l.page+1, s[0], l.text)
		}
		if strings.ContainsRune(noLineEnd, s[len(s)-1]) {
			t.Errorf("page %d line ends with %q: %s", l.page+1, s[len(s)-1], l.text)
		}
	}
	if len(lines) < 50 {
		t.Fatalf("only %d lines extracted", len(lines))
	}
}

// near reports |a-b| <= tol.
func near(a, b, tol float64) bool { return a-b <= tol && b-a <= tol }

// TestPDFGeometry checks margins, the 22×28 grid, line pitch and page
// numbers of a body-only document.
func TestPDFGeometry(t *testing.T) {
	para := strings.Repeat("中华人民共和国监察法规定监察机关依法独立行使监察权", 9)
	doc := &Document{}
	for i := 0; i < 6; i++ {
		doc.Body = append(doc.Body, Block{Text: para})
	}
	path, p := writePDF(t, doc)
	lines := readLines(t, path)
	perPage := map[int][]textLine{}
	for _, l := range lines {
		if inBlock(l) {
			perPage[l.page] = append(perPage[l.page], l)
		}
	}
	first := perPage[0]
	if len(first) != linesPerPage {
		t.Fatalf("page 1 has %d lines, want %d", len(first), linesPerPage)
	}
	if !near(first[0].yMin, marginTop, 1*mm) {
		t.Errorf("top margin %.2f mm, want 37±1", first[0].yMin/mm)
	}
	for i, l := range first {
		n := len([]rune(noSpace(l.text)))
		indented := near(l.xMin, marginLeft+2*cellPitch, 0.5*mm)
		if !indented && !near(l.xMin, marginLeft, 1*mm) {
			t.Errorf("line %d starts at %.2f mm, want 28±1 (or indented 2 chars)", i, l.xMin/mm)
		}
		if last := n < charsPerLine-2; !last {
			if want := charsPerLine - 2*boolInt(indented); n != want {
				t.Errorf("line %d holds %d characters, want %d: %s", i, n, want, l.text)
			}
			if !near(l.xMax, marginLeft+blockWidth, 0.5*mm) {
				t.Errorf("full line %d ends at %.2f mm, want %.2f", i, l.xMax/mm, (marginLeft+blockWidth)/mm)
			}
		}
		if i > 0 && !near(l.yMin-first[i-1].yMin, linePitch, 0.5*mm) {
			t.Errorf("line %d pitch %.2f pt, want %.2f", i, l.yMin-first[i-1].yMin, linePitch)
		}
	}
	checkFolios(t, lines, len(p.Pages))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkFolios finds "—N—" under the block of every page: odd pages right
// 空一字, even pages left 空一字, about 7 mm below the block.
func checkFolios(t *testing.T, lines []textLine, pages int) {
	t.Helper()
	found := 0
	for _, l := range lines {
		if inBlock(l) {
			continue
		}
		n := l.page + 1
		if noSpace(l.text) != "—"+strconv.Itoa(n)+"—" {
			t.Errorf("page %d: unexpected text below the block %q", n, l.text)
			continue
		}
		found++
		if n%2 == 1 && !near(l.xMax, marginLeft+blockWidth-size4, 1*mm) {
			t.Errorf("odd page %d number ends at %.1f mm", n, l.xMax/mm)
		}
		if n%2 == 0 && !near(l.xMin, marginLeft+size4, 1*mm) {
			t.Errorf("even page %d number starts at %.1f mm", n, l.xMin/mm)
		}
		mid := (l.yMin + l.yMax) / 2
		if below := mid - (marginTop + blockHeight); below < 5*mm || below > 12*mm {
			t.Errorf("page %d number %.1f mm below the block", n, below/mm)
		}
	}
	if found != pages || pages < 2 {
		t.Errorf("found %d page numbers on %d pages", found, pages)
	}
}

// TestPDFHeaderAndImprint checks the 版头 sizes and order, the 版记 at the
// bottom of the last page, and the title set larger than the body.
func TestPDFHeaderAndImprint(t *testing.T) {
	path, p := writePDF(t, sampleNotice())
	lines := readLines(t, path)
	find := func(page int, text string) textLine {
		for _, l := range lines {
			if l.page == page && strings.Contains(noSpace(l.text), text) {
				return l
			}
		}
		t.Fatalf("page %d has no line with %q", page+1, text)
		return textLine{}
	}
	cn, secret, issuer, num := find(0, "000123"), find(0, "机密★1年"), find(0, "中共××市纪律检查委员会"), find(0, "×纪建〔2020〕5号")
	title, body := find(0, "关于××市交通运输局"), find(0, "根据《中华人民共和国监察法》")
	if !near(cn.xMin, marginLeft, 1*mm) || !near(cn.yMin, marginTop, 1*mm) || secret.yMin <= cn.yMin {
		t.Errorf("份号 at %.1f,%.1f mm; 密级 below it at %.1f", cn.xMin/mm, cn.yMin/mm, secret.yMin/mm)
	}
	if issuer.yMin < secret.yMax {
		t.Errorf("发文机关标志 above the 密级")
	}
	if !near((num.xMin+num.xMax)/2, marginLeft+blockWidth/2, 1*mm) || num.yMin < issuer.yMax+linePitch {
		t.Errorf("文号 not centred two lines under the 标志: %+v", num)
	}
	h := func(l textLine) float64 { return l.yMax - l.yMin }
	if r := h(title) / h(body); !near(r, size2/size3, 0.05) {
		t.Errorf("title/body height ratio %.3f, want %.3f (2号 over 3号)", r, size2/size3)
	}
	last := len(p.Pages) - 1
	cc, printed := find(last, "抄送："), find(last, "印发")
	bottom := marginTop + blockHeight
	if printed.yMax > bottom || printed.yMax < bottom-linePitch || cc.yMax >= printed.yMin {
		t.Errorf("版记 not at the bottom of the last page: 抄送 %+v, 印发 %+v", cc, printed)
	}
	if !near(cc.xMin, marginLeft+size4, 1*mm) {
		t.Errorf("抄送 starts at %.1f mm, want 左空一字", cc.xMin/mm)
	}
}

// TestPDFFontsAndCheck: every font embedded, subset and with a ToUnicode
// map; qpdf finds no damage.
func TestPDFFontsAndCheck(t *testing.T) {
	path, _ := writePDF(t, sampleNotice())
	rows := strings.Split(strings.TrimSpace(string(tool(t, "pdffonts", path))), "\n")
	if len(rows) < 2+3 {
		t.Fatalf("pdffonts lists too few fonts:\n%s", strings.Join(rows, "\n"))
	}
	for _, row := range rows[2:] {
		f := strings.Fields(row)
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" || !strings.Contains(f[0], "+") {
			t.Errorf("font not embedded+subset+unicode: %s", row)
		}
	}
	out := tool(t, "qpdf", "--check", path)
	if !strings.Contains(string(out), "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > 150<<10 {
		t.Errorf("PDF is %d bytes; subsets should keep a 3-page notice under 150 KB", st.Size())
	}
}

// TestPDFRedHeader renders page 1 with pdftoppm and checks the red
// 发文机关标志 (ink top ≈ 35 mm below the block top) and the red line
// spanning the block width under the 文号.
func TestPDFRedHeader(t *testing.T) {
	path, _ := writePDF(t, sampleNotice())
	out := filepath.Join(t.TempDir(), "p")
	tool(t, "pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-png", "-singlefile", path, out)
	f, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	top, line := redRows(img)
	if d := float64(top) - marginTop; d < 34.5*mm || d > 37*mm {
		t.Errorf("red 发文机关标志 ink starts %.1f mm below the block top, want 35", d/mm)
	}
	if line < 0 || float64(line) < marginTop+issuerTop+sizeXiaoChu {
		t.Errorf("no full-width red line under the 标志 (row %d)", line)
	}
}

// redRows returns the first row with red pixels and the first row where
// red pixels span at least 150 mm (the red line), at 72 dpi.
func redRows(img image.Image) (top, line int) {
	top, line = -1, -1
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		n := 0
		for x := b.Min.X; x < b.Max.X; x++ {
			if isRed(img.At(x, y)) {
				n++
			}
		}
		if n > 0 && top < 0 {
			top = y
		}
		if float64(n) >= 150*mm && line < 0 {
			line = y
		}
	}
	return top, line
}

// isRed reports a strongly red pixel.
func isRed(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r > 0xB000 && g < 0x6000 && b < 0x6000
}
