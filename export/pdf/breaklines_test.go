package pdf

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// bodyStyle is 3号 body text on the grid.
var bodyStyle = style{role: RoleFangSong, size: size3, cell: cellPitch}

// lineTexts breaks text at 28 cells (the first line indented two) and
// returns each line's characters.
func lineTexts(t testing.TB, fs *Fonts, text string) ([]string, []placedLine) {
	lines := breakLines(segment(text, bodyStyle, fs), func(n int) float64 {
		if n == 0 {
			return blockWidth - 2*cellPitch
		}
		return blockWidth
	})
	var out []string
	for _, l := range lines {
		var b strings.Builder
		for _, g := range l.glyphs {
			b.WriteRune(g.r)
		}
		out = append(out, b.String())
	}
	return out, lines
}

const sampleBody = "经查，张喆堃同志在担任XX市交通运输局局长期间（2015年3月至2021年6月），违反中央八项规定精神，" +
	"多次接受管理服务对象安排的宴请，收受礼品礼金共计人民币12.5万元；利用职务上的便利，为他人在工程项目承揽、" +
	"资金拨付等方面谋取利益，收受财物折合人民币356.8万元。其行为已构成严重违纪违法，并涉嫌受贿犯罪。" +
	"“以案促改”工作要求：各单位要深刻汲取教训，举一反三，完善制度，堵塞漏洞。《中华人民共和国监察法》" +
	"第四十五条规定……本案由第三审查调查室承办——审理室于2021年8月3日受理，COVID-19防控期间采用" +
	"video conference方式谈话，涉及账户6222021234567890123，邮箱zhang.zhe@example.org。䶮𠮷等字须正确显示。"

// TestBreakLinesKeepsEveryCharacter is the property that no character is
// lost or duplicated at breaks, on a realistic body.
func TestBreakLinesKeepsEveryCharacter(t *testing.T) {
	fs := bundled(t)
	for _, text := range []string{sampleBody, strings.Repeat("。", 60), strings.Repeat("一二三，", 40), "x", ""} {
		got, _ := lineTexts(t, fs, text)
		if strings.Join(got, "") != text {
			t.Fatalf("lost or duplicated characters:\n got %q\nwant %q", strings.Join(got, ""), text)
		}
	}
}

// TestBreakLinesKinsoku checks the 禁则 and the line widths on the sample.
func TestBreakLinesKinsoku(t *testing.T) {
	fs := bundled(t)
	lines, placed := lineTexts(t, fs, strings.Repeat(sampleBody, 3))
	for i, l := range lines {
		first, _ := utf8.DecodeRuneInString(l)
		last, _ := utf8.DecodeLastRuneInString(l)
		if i > 0 && strings.ContainsRune(noLineStart, first) {
			t.Errorf("line %d starts with %q: %s", i, first, l)
		}
		if i < len(lines)-1 && strings.ContainsRune(noLineEnd, last) {
			t.Errorf("line %d ends with %q: %s", i, last, l)
		}
		if strings.HasSuffix(l, "—") && strings.HasPrefix(lines[min(i+1, len(lines)-1)], "—") && i < len(lines)-1 {
			t.Errorf("dash pair split at line %d", i)
		}
		pl := placed[i]
		end := pl.xs[len(pl.xs)-1] + pl.glyphs[len(pl.glyphs)-1].adv - pl.glyphs[len(pl.glyphs)-1].off
		if end > blockWidth+cellPitch/2+eps {
			t.Errorf("line %d runs to %.1f pt, past the block (%.1f)", i, end, blockWidth)
		}
	}
	for _, word := range []string{"12.5", "356.8", "COVID-19", "6222021234567890123", "zhang.zhe@example.org", "video", "conference"} {
		found := false
		for _, l := range lines {
			if strings.Contains(l, word) {
				found = true
			}
		}
		if !found {
			t.Errorf("%q was broken across lines", word)
		}
	}
}

// TestBreakLinesGrid checks that a pure Chinese paragraph puts 26 characters
// on the indented first line, 28 on the next, each on the 15.79 pt grid.
func TestBreakLinesGrid(t *testing.T) {
	fs := bundled(t)
	lines, placed := lineTexts(t, fs, strings.Repeat("中华人民共和国监察法", 8))
	if n := utf8.RuneCountInString(lines[0]); n != 26 {
		t.Errorf("first line has %d characters, want 26", n)
	}
	if n := utf8.RuneCountInString(lines[1]); n != 28 {
		t.Errorf("second line has %d characters, want 28", n)
	}
	for k, x := range placed[1].xs {
		cell := float64(k) * cellPitch
		g := placed[1].glyphs[k]
		if d := x - g.off - cell; d > 0.5*mm || d < -0.5*mm {
			t.Errorf("glyph %d at %.2f, grid cell %.2f", k, x, cell)
		}
	}
}

// FuzzBreakLines: whatever the text and width, the lines hold exactly the
// input, in order.
func FuzzBreakLines(f *testing.F) {
	fs := bundled(f)
	for _, s := range []string{sampleBody, "，，，，（（（（", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "“”‘’——……", "a b  c\n\td", "\x00\uFFFD𠮷"} {
		f.Add(s, uint8(28))
	}
	f.Fuzz(func(t *testing.T, text string, cells uint8) {
		if !utf8.ValidString(text) {
			return
		}
		w := float64(cells%40+1) * cellPitch
		lines := breakLines(segment(text, bodyStyle, fs), func(int) float64 { return w })
		var b strings.Builder
		for _, l := range lines {
			if len(l.glyphs) != len(l.xs) {
				t.Fatal("positions do not match glyphs")
			}
			for _, g := range l.glyphs {
				b.WriteRune(g.r)
			}
		}
		if b.String() != text {
			t.Fatalf("got %q want %q", b.String(), text)
		}
	})
}
