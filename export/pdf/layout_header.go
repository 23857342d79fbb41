package pdf

import "math"

// Styles of the document elements (GB/T 9704 §7).
var (
	stBody    = style{role: RoleFangSong, size: size3, cell: cellPitch, color: Black}
	stHei     = style{role: RoleHei, size: size3, cell: cellPitch, color: Black}
	stKai     = style{role: RoleKai, size: size3, cell: cellPitch, color: Black}
	stTitle   = style{role: RoleXiaoBiaoSong, size: size2, color: Black}
	stImprint = style{role: RoleFangSong, size: size4, color: Black}
)

// header sets the 版头: 份号, 密级★期限, 紧急程度 on the first lines, then
// the red 发文机关标志, the 文号 (and 签发人) and the red line, and leaves
// l.line where the title goes.
func (l *layouter) header() {
	d := l.doc
	marks := 0
	for _, s := range []struct {
		text string
		st   style
	}{{d.CopyNumber, stBody}, {secretMark(d.Secret, d.SecretTerm), stHei}, {d.Urgency, stHei}} {
		if s.text != "" {
			l.flushLeft(s.text, s.st)
			marks++
		}
	}
	switch {
	case d.Issuer != "":
		l.issuer()
	case d.Number.String() != "":
		l.numberLine()
		l.blank(1)
	case marks > 0:
		l.blank(1)
	}
}

// secretMark formats 密级★保密期限.
func secretMark(level, term string) string {
	if level == "" {
		return ""
	}
	if term == "" {
		return level
	}
	return level + "★" + term
}

// flushLeft sets one unindented paragraph.
func (l *layouter) flushLeft(text string, st style) {
	l.paragraph([]piece{{text, st}}, 0, 0)
}

// issuer draws the 发文机关标志 in red 35 mm below the block top, the 文号
// two lines below it, the red line 4 mm under the 文号, and moves to the
// title line, two lines below the red line.
func (l *layouter) issuer() {
	st := style{role: RoleXiaoBiaoSong, color: Red}
	natural := contentWidth(segment(l.doc.Issuer, style{role: st.role, size: 1}, l.fs))
	st.size = math.Min(maxIssuerSize, blockWidth/natural)
	units := segment(l.doc.Issuer, st, l.fs)
	pl := place(splitWide(units, blockWidth), blockWidth, false)
	y := marginTop + issuerTop + emAscent*st.size
	l.emit(pl, marginLeft+(blockWidth-lineWidth(pl))/2, y)
	l.line = int(math.Ceil((issuerTop+st.size)/linePitch)) + 2
	numberY := baselineOf(l.line, size3)
	if l.doc.Number.String() != "" || l.doc.Signer != "" {
		l.numberLine()
	} else {
		l.line++
	}
	red := numberY + (1-emAscent)*size3 + redLineGap
	l.page().Rules = append(l.page().Rules, Rule{X1: marginLeft, Y1: red, X2: marginLeft + blockWidth, Y2: red, Width: redLineWidth, Color: Red})
	l.line = int((red-marginTop)/linePitch) + 2
}

// numberLine sets the 文号 centred, or, with a 签发人, the 文号 left 空一字
// and "签发人：" (仿宋) with the name (楷体) right 空一字.
func (l *layouter) numberLine() {
	num := l.doc.Number.String()
	y := baselineOf(l.line, size3)
	if l.doc.Signer == "" {
		pl := place(segment(num, stBody, l.fs), blockWidth, false)
		l.emit(pl, marginLeft+(blockWidth-lineWidth(pl))/2, y)
		l.line++
		return
	}
	if num != "" {
		l.emit(place(segment(num, stBody, l.fs), blockWidth, false), marginLeft+cellPitch, y)
	}
	label := place(segment("签发人：", stBody, l.fs), blockWidth, false)
	name := place(segment(l.doc.Signer, stKai, l.fs), blockWidth, false)
	x := marginLeft + blockWidth - cellPitch - lineWidth(name) - lineWidth(label)
	l.emit(label, x, y)
	l.emit(name, x+lineWidth(label), y)
	l.line++
}
