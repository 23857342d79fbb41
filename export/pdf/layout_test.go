package pdf

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDocNumberAndDate(t *testing.T) {
	if s := (DocNumber{Code: "×纪", Year: 2020, Serial: 5}).String(); s != "×纪〔2020〕5号" {
		t.Errorf("文号 %q", s)
	}
	if s := (DocNumber{}).String(); s != "" {
		t.Errorf("empty 文号 %q", s)
	}
	for in, want := range map[string]string{"2020-03-05": "2020年3月5日", "2021-12-31": "2021年12月31日", "2020年3月5日": "2020年3月5日", "": ""} {
		if got, err := FormatDate(in); err != nil || got != want {
			t.Errorf("FormatDate(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := FormatDate("2020-02-30"); !errors.Is(err, ErrDocument) {
		t.Errorf("impossible date accepted: %v", err)
	}
}

// findRun returns the first run of page i whose text contains s.
func findRun(t *testing.T, p *Pages, page int, s string) Run {
	t.Helper()
	for _, r := range p.Pages[page].Runs {
		if strings.Contains(r.Text, s) {
			return r
		}
	}
	t.Fatalf("page %d has no run with %q", page+1, s)
	return Run{}
}

// TestLayoutSignature: the date is 右空四字 with a seal and 右空二字 without;
// a shorter 署名 is centred over it.
func TestLayoutSignature(t *testing.T) {
	for _, seal := range []bool{true, false} {
		doc := &Document{Title: "通知", Body: []Block{{Text: "正文。"}}, Signature: "市纪委", Date: "2020-03-05", Seal: seal}
		p, err := Layout(doc, bundled(t))
		if err != nil {
			t.Fatal(err)
		}
		date, sig := findRun(t, p, 0, "2020年3月5日"), findRun(t, p, 0, "市纪委")
		right := 2.0
		if seal {
			right = 4
		}
		end := date.Xs[len(date.Xs)-1] + size3
		if !near(end, marginLeft+blockWidth-right*cellPitch, 0.5) {
			t.Errorf("seal=%v: date ends at %.1f, want %.1f", seal, end, marginLeft+blockWidth-right*cellPitch)
		}
		dateMid := (date.Xs[0] + end) / 2
		sigMid := (sig.Xs[0] + sig.Xs[len(sig.Xs)-1] + size3) / 2
		if !near(dateMid, sigMid, 1) || sig.Y >= date.Y {
			t.Errorf("seal=%v: 署名 centre %.1f above date centre %.1f? y %.1f/%.1f", seal, sigMid, dateMid, sig.Y, date.Y)
		}
	}
}

// TestLayoutHeadings checks automatic numbering and the font of each level.
func TestLayoutHeadings(t *testing.T) {
	doc := &Document{Body: []Block{{Kind: Heading1, Text: "甲"}, {Kind: Heading2, Text: "乙"}, {Kind: Heading2, Text: "丙", Run: "正文"},
		{Kind: Heading3, Text: "丁"}, {Kind: Heading4, Text: "戊"}, {Kind: Heading1, Text: "己"}, {Kind: Heading2, Text: "庚"}}}
	p, err := Layout(doc, bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		role Role
	}{{"一、甲", RoleHei}, {"（一）乙", RoleKai}, {"（二）丙。", RoleKai}, {"正文", RoleFangSong}, {"1.丁", RoleFangSong}, {"（1）戊", RoleFangSong}, {"二、己", RoleHei}, {"（一）庚", RoleKai}} {
		if r := findRun(t, p, 0, c.text); r.Role != c.role || r.Size != size3 {
			t.Errorf("%s: role %v size %v", c.text, r.Role, r.Size)
		}
	}
}

// TestLayoutTitleTrapezoid: a long title wraps into lines no longer than the
// block, each at least as long as the next, Latin words whole.
func TestLayoutTitleTrapezoid(t *testing.T) {
	title := "关于进一步加强和规范纪检监察机关案件审理工作推动ISO37001反贿赂管理体系建设以及做深做实以案促改以案促治工作的实施意见"
	p, err := Layout(&Document{Title: title}, bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	var lines []Run
	for _, r := range p.Pages[0].Runs {
		if r.Role == RoleXiaoBiaoSong {
			lines = append(lines, r)
		}
	}
	if len(lines) != 3 {
		t.Fatalf("%d title lines, want 3", len(lines))
	}
	joined := ""
	for i, r := range lines {
		joined += r.Text
		width := r.Xs[len(r.Xs)-1] + size2 - r.Xs[0]
		if width > blockWidth+1 || r.Size != size2 {
			t.Errorf("line %d: width %.1f, size %v", i, width, r.Size)
		}
		if i > 0 && width > lines[i-1].Xs[len(lines[i-1].Xs)-1]+size2-lines[i-1].Xs[0]+0.5 {
			t.Errorf("line %d (%s) longer than the line above", i, r.Text)
		}
		if mid := (r.Xs[0] + width/2 + r.Xs[0] + width/2) / 2; !near(mid, marginLeft+blockWidth/2, size2) {
			t.Errorf("line %d not centred", i)
		}
	}
	if joined != title || !strings.Contains(joined, "ISO37001") {
		t.Errorf("title text %q", joined)
	}
	for _, r := range lines {
		if strings.Contains(r.Text, "ISO") != strings.Contains(r.Text, "37001") {
			t.Errorf("Latin word broken: %q", r.Text)
		}
	}
}

// TestLayoutAttachments: each 附件 starts a page with 附件N in 黑体 and its
// title, and the 附件说明 lists them.
func TestLayoutAttachments(t *testing.T) {
	doc := &Document{Title: "通知", Body: []Block{{Text: "正文。"}},
		Attachments: []Attachment{{Title: "问题清单", Body: []Block{{Text: "一是……"}}}, {Title: "整改台账"}},
		CC:          "市委办", Printer: "市纪委办公室", PrintDate: "2020-03-06"}
	p, err := Layout(doc, bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Pages) != 3 {
		t.Fatalf("%d pages, want 3", len(p.Pages))
	}
	findRun(t, p, 0, "附件：1. 问题清单")
	findRun(t, p, 0, "2. 整改台账")
	for i, title := range []string{"问题清单", "整改台账"} {
		label := findRun(t, p, i+1, "附件"+string(rune('1'+i)))
		if label.Role != RoleHei || !near(label.Y, baselineOf(0, size3), 0.1) || !near(label.X, marginLeft, 1) {
			t.Errorf("attachment %d label %+v", i+1, label)
		}
		if r := findRun(t, p, i+1, title); r.Role != RoleXiaoBiaoSong {
			t.Errorf("attachment title role %v", r.Role)
		}
	}
	findRun(t, p, 2, "抄送：市委办。")
	findRun(t, p, 2, "2020年3月6日印发")
}

// TestLayoutKeepsUnknownCharacters: a character no font has is still laid
// out (never dropped) and reported.
func TestLayoutKeepsUnknownCharacters(t *testing.T) {
	p, err := Layout(&Document{Body: []Block{{Text: "甲\uE123乙"}}}, bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Missing) != 1 || p.Missing[0] != '\uE123' || !strings.Contains(p.Text(0), "甲\uE123乙") {
		t.Errorf("missing %q, text %q", string(p.Missing), p.Text(0))
	}
	if err := WritePDF(io.Discard, p); err != nil {
		t.Fatal(err)
	}
}

func TestLayoutRejectsInvalid(t *testing.T) {
	for _, d := range []*Document{{}, {Title: "x", Body: []Block{{Kind: "h9", Text: "x"}}}, {Title: "x", Date: "2020-13-01"}} {
		if _, err := Layout(d, bundled(t)); !errors.Is(err, ErrDocument) {
			t.Errorf("%+v: %v", d, err)
		}
	}
}

// TestWriteReproducible: with a fixed time, two renders are byte-identical.
func TestWriteReproducible(t *testing.T) {
	at := time.Date(2020, 3, 5, 9, 0, 0, 0, time.UTC)
	var out [2]bytes.Buffer
	for i := range out {
		p, err := Layout(sampleNotice(), bundled(t))
		if err != nil {
			t.Fatal(err)
		}
		if err := WritePDFWith(&out[i], p, WriteOptions{Time: at}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Error("two renders with a fixed time differ")
	}
}

// TestImprintMovesToNewPage: a 版记 that does not fit under the text goes to
// the bottom of a new page.
func TestImprintMovesToNewPage(t *testing.T) {
	doc := &Document{CC: "甲，乙", Printer: "丙", PrintDate: "2020-03-06"}
	for i := 0; i < 21; i++ {
		doc.Body = append(doc.Body, Block{Text: "一行。"})
	}
	p, err := Layout(doc, bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Pages) != 2 {
		t.Fatalf("%d pages", len(p.Pages))
	}
	if r := findRun(t, p, 1, "印发"); !near(r.Y, baselineOf(linesPerPage-1, size4), 0.1) {
		t.Errorf("印发 baseline %.1f", r.Y)
	}
	rules := p.Pages[1].Rules
	if len(rules) != 3 || !near(rules[len(rules)-1].Y1, marginTop+blockHeight, 0.1) || rules[1].Width != imprintThin {
		t.Errorf("版记 rules %+v", rules)
	}
}

// FuzzDocumentJSON: any JSON document either fails validation with
// ErrDocument or lays out and writes.
func FuzzDocumentJSON(f *testing.F) {
	seed, _ := json.Marshal(sampleNotice())
	f.Add(seed)
	f.Add([]byte(`{"title":"（（（（","body":[{"kind":"h2","text":"，，，","run":"𠮷"}],"seal":true,"date":"2020-1-2"}`))
	fonts := bundled(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Document
		if json.Unmarshal(data, &d) != nil {
			return
		}
		p, err := Layout(&d, fonts)
		if err != nil {
			if !errors.Is(err, ErrDocument) {
				t.Fatal(err)
			}
			return
		}
		if err := WritePDF(io.Discard, p); err != nil {
			t.Fatal(err)
		}
	})
}

// TestRenderJSONExample decodes testdata/notice.json (the example of the
// `doc render --json` schema) and renders it with the default fonts.
func TestRenderJSONExample(t *testing.T) {
	b, err := os.ReadFile("testdata/notice.json")
	if err != nil {
		t.Fatal(err)
	}
	var d Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "notice.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Render(f, &d); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	text := noSpace(string(tool(t, "pdftotext", path, "-")))
	for _, want := range []string{"×纪建〔2020〕5号", noSpace(d.Title)[:9], "2020年3月6日印发", "抄送：××市人民政府"} {
		if !strings.Contains(text, want) {
			t.Errorf("rendered text lacks %q", want)
		}
	}
	rep := FontReport("王𠮷")
	if len(rep.Roles) != 4 || len(rep.Missing) != 0 {
		t.Errorf("font report %+v", rep)
	}
}

// TestConcurrentRender lays out, writes and rasterises from several
// goroutines sharing one Fonts (run with -race to check the sharing).
func TestConcurrentRender(t *testing.T) {
	fonts := bundled(t)
	var want bytes.Buffer
	p0, err := Layout(sampleNotice2Pages(), fonts)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2020, 3, 5, 0, 0, 0, 0, time.UTC)
	if err := WritePDFWith(&want, p0, WriteOptions{Time: at}); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			p, err := Layout(sampleNotice2Pages(), fonts)
			if err != nil {
				errs <- err
				return
			}
			var got bytes.Buffer
			if err := WritePDFWith(&got, p, WriteOptions{Time: at}); err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				errs <- errors.New("concurrent render differs")
				return
			}
			_, err = RasterPage(p, 1, 30)
			errs <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestLayoutSigner: with a 签发人 the 文号 is 左空一字 and "签发人：" (仿宋)
// plus the name (楷体) end 右空一字, on one line under the red 标志.
func TestLayoutSigner(t *testing.T) {
	doc := &Document{Issuer: "××市纪委监委", Number: DocNumber{Code: "×纪呈", Year: 2021, Serial: 12}, Signer: "王明", Title: "请示"}
	p, err := Layout(doc, bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	num, label, name := findRun(t, p, 0, "×纪呈〔2021〕12号"), findRun(t, p, 0, "签发人："), findRun(t, p, 0, "王明")
	if !near(num.X, marginLeft+cellPitch, 1) || num.Y != label.Y || label.Y != name.Y {
		t.Errorf("文号 at %.1f, baselines %.1f %.1f %.1f", num.X, num.Y, label.Y, name.Y)
	}
	if label.Role != RoleFangSong || name.Role != RoleKai || !near(name.Xs[1]+size3, marginLeft+blockWidth-cellPitch, 1) {
		t.Errorf("签发人 roles %v/%v, name ends at %.1f", label.Role, name.Role, name.Xs[1]+size3)
	}
	if issuer := findRun(t, p, 0, "××市纪委监委"); issuer.Color != Red || issuer.Role != RoleXiaoBiaoSong || issuer.Size != maxIssuerSize {
		t.Errorf("标志 %+v", issuer)
	}
	if rules := p.Pages[0].Rules; len(rules) != 1 || rules[0].Color != Red || !near(rules[0].X2-rules[0].X1, blockWidth, 0.01) || rules[0].Y1 <= num.Y {
		t.Errorf("red line %+v", rules)
	}
}
