package pdf

import "strconv"

// attachments sets each 附件 on pages of its own: "附件N" in 黑体 on the
// first line, its title centred from the third line, then its body.
func (l *layouter) attachments() {
	for i, a := range l.doc.Attachments {
		l.newPage()
		label := "附件"
		if len(l.doc.Attachments) > 1 {
			label += strconv.Itoa(i + 1)
		}
		l.flushLeft(label, stHei)
		l.blank(1)
		if a.Title != "" {
			l.centred(a.Title, stTitle)
			l.blank(1)
		}
		l.blocks(a.Body)
	}
}

// imprint sets the 版记 at the bottom of the last page's block: 抄送 and
// 印发机关/印发日期 in 4号仿宋 between 156 mm rules (first and last 0.35 mm,
// between items 0.25 mm). It starts a page when the last one lacks room.
func (l *layouter) imprint(printDate string) {
	d := l.doc
	var rows []placedLine
	var ccRows int
	if d.CC != "" {
		rows = l.ccLines()
		ccRows = len(rows)
	}
	if d.Printer != "" || printDate != "" {
		rows = append(rows, placedLine{})
	}
	if len(rows) == 0 {
		return
	}
	if l.line+len(rows) > linesPerPage {
		l.newPage()
	}
	first := linesPerPage - len(rows)
	for i := 0; i < ccRows; i++ {
		x := marginLeft + size4
		if i > 0 {
			x += contentWidth(segment("抄送：", stImprint, l.fs))
		}
		l.emit(rows[i], x, baselineOf(first+i, size4))
	}
	if len(rows) > ccRows {
		l.printedBy(printDate, baselineOf(linesPerPage-1, size4))
	}
	l.imprintRules(first, ccRows, len(rows))
	l.line = linesPerPage
}

// ccLines breaks "抄送：…。" with continuation lines aligned after the colon,
// 左右各空一字.
func (l *layouter) ccLines() []placedLine {
	text := "抄送：" + l.doc.CC
	if r := []rune(text); r[len(r)-1] != '。' {
		text += "。"
	}
	label := contentWidth(segment("抄送：", stImprint, l.fs))
	return breakLines(segment(text, stImprint, l.fs), func(n int) float64 {
		if n == 0 {
			return blockWidth - 2*size4
		}
		return blockWidth - 2*size4 - label
	})
}

// printedBy sets 印发机关 left 空一字 and "…印发" right 空一字 on baseline y.
func (l *layouter) printedBy(printDate string, y float64) {
	if l.doc.Printer != "" {
		l.emit(place(segment(l.doc.Printer, stImprint, l.fs), blockWidth, false), marginLeft+size4, y)
	}
	if printDate != "" {
		pl := place(segment(printDate+"印发", stImprint, l.fs), blockWidth, false)
		l.emit(pl, marginLeft+blockWidth-size4-lineWidth(pl), y)
	}
}

// imprintRules draws the 版记 lines: thick above the first row and at the
// block bottom, thin between 抄送 and 印发.
func (l *layouter) imprintRules(first, ccRows, rows int) {
	rule := func(line int, w float64) {
		y := marginTop + float64(line)*linePitch
		l.page().Rules = append(l.page().Rules, Rule{X1: marginLeft, Y1: y, X2: marginLeft + blockWidth, Y2: y, Width: w, Color: Black})
	}
	rule(first, imprintThick)
	if ccRows > 0 && rows > ccRows {
		rule(first+ccRows, imprintThin)
	}
	rule(linesPerPage, imprintThick)
}

// folios numbers every page "— N —" in 4号, its dashes 7 mm below the
// block: odd pages right 空一字, even pages left 空一字.
func (l *layouter) folios() {
	for i := range l.pages {
		l.pages[i].Number = i + 1
		text := "— " + strconv.Itoa(i+1) + " —"
		st := style{role: RoleFangSong, size: size4, color: Black}
		pl := place(segment(text, st, l.fs), blockWidth, false)
		y := marginTop + blockHeight + folioGap + (emAscent-0.5)*size4
		x := marginLeft + size4
		if (i+1)%2 == 1 {
			x = marginLeft + blockWidth - size4 - lineWidth(pl)
		}
		l.emitOn(&l.pages[i], pl, x, y)
	}
}
