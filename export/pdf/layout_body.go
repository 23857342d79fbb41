package pdf

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// mainText sets the title, 主送, body, 附件说明, signature block and 附注.
func (l *layouter) mainText(date string) {
	d := l.doc
	if d.Title != "" {
		l.centred(d.Title, stTitle)
		l.blank(1)
	}
	if d.Recipients != "" {
		l.flushLeft(d.Recipients+"：", stBody)
	}
	l.blocks(d.Body)
	l.enclosures()
	l.signature(date)
	if d.Note != "" {
		l.paragraph([]piece{{"（" + d.Note + "）", stBody}}, 2*cellPitch, 0)
	}
}

// blocks sets body paragraphs and numbered headings, each indented two
// characters. A heading standing alone is kept with the line after it.
func (l *layouter) blocks(bs []Block) {
	l.headings = [4]int{}
	for i, b := range bs {
		if b.Kind != "" && b.Kind != Paragraph && b.Run == "" && i < len(bs)-1 {
			l.room(2)
		}
		l.paragraph(l.blockPieces(b), 2*cellPitch, 0)
	}
}

// blockPieces numbers a heading and gives each part its style.
func (l *layouter) blockPieces(b Block) []piece {
	level := map[string]int{Heading1: 0, Heading2: 1, Heading3: 2, Heading4: 3}
	lv, ok := level[b.Kind]
	if !ok {
		return []piece{{b.Text, stBody}}
	}
	l.headings[lv]++
	for i := lv + 1; i < len(l.headings); i++ {
		l.headings[i] = 0
	}
	n := l.headings[lv]
	var head piece
	switch lv {
	case 0:
		head = piece{chineseNumber(n) + "、" + b.Text, stHei}
	case 1:
		head = piece{"（" + chineseNumber(n) + "）" + b.Text, stKai}
	case 2:
		head = piece{strconv.Itoa(n) + "." + b.Text, stBody}
	default:
		head = piece{"（" + strconv.Itoa(n) + "）" + b.Text, stBody}
	}
	if b.Run == "" {
		return []piece{head}
	}
	if r := []rune(head.text); !strings.ContainsRune("。：；！？，、", r[len(r)-1]) {
		head.text += "。"
	}
	return []piece{head, {b.Run, stBody}}
}

// chineseNumber writes 1..99 as 一 … 九十九 (larger numbers in digits).
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}

// enclosures sets the 附件说明 one line below the body, indented two
// characters; numbered items align under each other and continuation lines
// with the first character of the name.
func (l *layouter) enclosures() {
	names := l.doc.Enclosures
	if len(names) == 0 {
		for _, a := range l.doc.Attachments {
			names = append(names, a.Title)
		}
	}
	if len(names) == 0 {
		return
	}
	l.blank(1)
	label := contentWidth(segment("附件：", stBody, l.fs))
	for i, name := range names {
		num := ""
		if len(names) > 1 {
			num = strconv.Itoa(i+1) + ". "
		}
		first := 2*cellPitch + label
		text := num + name
		if i == 0 {
			first = 2 * cellPitch
			text = "附件：" + text
		}
		rest := 2*cellPitch + label + contentWidth(segment(num, stBody, l.fs))
		l.paragraph([]piece{{text, stBody}}, first, rest)
	}
}

// signature sets 署名 and 成文日期: with a seal the date is 右空四字 and the
// 署名 centred over it, two lines below the text; without, the date is
// 右空二字 one line below, the 署名 centred over it or, when longer, 右空二字
// with the date starting two characters right of the 署名.
func (l *layouter) signature(date string) {
	sig := l.doc.Signature
	if sig == "" && date == "" {
		return
	}
	right := 2 * cellPitch
	gap := 1
	if l.doc.Seal {
		right, gap = 4*cellPitch, 2
	}
	l.blank(gap)
	l.room(2)
	dl := place(segment(date, stBody, l.fs), blockWidth, false)
	sl := place(segment(sig, stBody, l.fs), blockWidth, false)
	dw, sw := lineWidth(dl), lineWidth(sl)
	dateX := marginLeft + blockWidth - right - dw
	sigX := dateX + (dw-sw)/2
	if !l.doc.Seal && sw > dw && utf8.RuneCountInString(sig) > 0 {
		sigX = marginLeft + blockWidth - 2*cellPitch - sw
		dateX = sigX + 2*cellPitch
	}
	if sig != "" {
		l.gridLine(sl, sigX, stBody)
	}
	if date != "" {
		l.gridLine(dl, dateX, stBody)
	}
}
