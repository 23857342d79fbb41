package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"qingfeng/store/model"
)

// The wording below turns case-model values into the phrases documents use.
// Every phrase is built from data the case holds; none carries a number of
// days or months of its own (those come from the rule table).

func itoa(n int) string { return strconv.Itoa(n) }

// isoDay writes a date as 2006-01-02 (the templates print it as
// 2006年1月2日), or "" for the zero date.
func isoDay(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// cnDate writes a date as 2020年3月5日.
func cnDate(d model.Date) string {
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}

// monthText writes 1968年5月, or "" when unset.
func monthText(m model.Month) string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月", m.Y, int(m.M))
}

// profileText is the 基本情况 before the post, each part ending in "，":
// 男，汉族，1968年5月出生，中共党员，1990年7月入党，
func profileText(s *model.Subject) string {
	var b strings.Builder
	add := func(v, suffix string) {
		if v != "" {
			b.WriteString(v + suffix + "，")
		}
	}
	add(string(s.Gender), "")
	add(s.Ethnicity, "")
	add(monthText(s.Born), "出生")
	add(string(s.Political), "")
	add(monthText(s.PartyJoined), "入党")
	return b.String()
}

// sourceText is 线索来源: when and how the lead came in.
func sourceText(l *model.Lead, s *model.Subject) string {
	if l.Received.IsZero() || l.Source == "" {
		return ""
	}
	who := ""
	if s != nil {
		who = s.Name
	}
	via := string(l.Source)
	if l.Source == model.SourceOther {
		via = "" // 我委受理反映…, not 受理其他反映…
	}
	t := cnDate(l.Received) + "，我委受理" + via + "反映" + who + "有关问题的线索"
	if l.Number != "" {
		t += "（线索编号" + l.Number + "）"
	}
	return t
}

// natureText joins the suspected natures the way documents say them:
// 严重违纪, 严重违纪违法, 严重违纪违法和职务犯罪, 职务违法犯罪 ...
func natureText(ns []model.Nature) string {
	d := slices.Contains(ns, model.NatureDiscipline)
	l := slices.Contains(ns, model.NatureDutyLaw)
	c := slices.Contains(ns, model.NatureDutyCrime)
	var s string
	switch {
	case d && l:
		s = "严重违纪违法"
	case d:
		s = "严重违纪"
	case l && c:
		return "职务违法犯罪"
	case l:
		s = "职务违法"
	}
	switch {
	case c && s != "":
		return s + "和职务犯罪"
	case c:
		return "职务犯罪"
	}
	return s
}

// basisText names the rules a case is examined under: the 监督执纪工作规则
// for discipline (and before the nature is known), the 监察法 for duty
// violations and crimes.
func basisText(ns []model.Nature) string {
	var parts []string
	if len(ns) == 0 || slices.Contains(ns, model.NatureDiscipline) {
		parts = append(parts, "《中国共产党纪律检查机关监督执纪工作规则》")
	}
	if slices.Contains(ns, model.NatureDutyLaw) || slices.Contains(ns, model.NatureDutyCrime) {
		parts = append(parts, "《中华人民共和国监察法》")
	}
	return strings.Join(parts, "")
}

// moneyText writes an amount as 人民币12.5万元 or 人民币3456.78元; "" for zero.
func moneyText(f model.Fen) string {
	switch {
	case f <= 0:
		return ""
	case f >= 1000000 && f%10000 == 0: // whole hundreds of yuan from 1万 up
		w := strconv.FormatFloat(float64(f)/1000000, 'f', -1, 64)
		return "人民币" + w + "万元"
	case f%100 == 0:
		return "人民币" + strconv.FormatInt(int64(f/100), 10) + "元"
	}
	return "人民币" + f.Yuan() + "元"
}

// assetsText is 涉案财物: the sums of the case, or "" when none is recorded.
func assetsText(a model.Amounts) string {
	var parts []string
	for _, x := range []struct {
		label string
		v     model.Fen
	}{{"涉案金额", a.Involved}, {"已收缴", a.Collected}, {"没收", a.Confiscated}, {"责令退赔", a.Restitution}} {
		if t := moneyText(x.v); t != "" {
			parts = append(parts, x.label+t)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "，") + "。"
}

// partyMeasureText is a 党纪处分 as decisions name it: 党内警告, 党内严重警告,
// 撤销党内职务, 留党察看一年, 开除党籍.
func partyMeasureText(x *model.Sanction) string {
	switch x.Measure {
	case model.PartyWarning, model.PartySeriousWarning:
		return "党内" + x.Measure
	case model.PartyProbationMeas:
		return x.Measure + []string{"", "一年", "二年"}[min(max(x.ProbationYears, 0), 2)]
	}
	return x.Measure
}

// govMeasureText is a 政务处分 as a 通报 names it: 政务记过, 开除公职.
func govMeasureText(m string) string {
	if m == model.GovExpel {
		return "开除公职"
	}
	return "政务" + m
}

// outcomeText is 处理结果 for a 通报: the sanctions, the other measures and
// a transfer to the procuratorate, or "" when nothing was decided.
func outcomeText(name string, o *model.SubjectOutcome) string {
	var sanctions, parts []string
	for i := range o.Sanctions {
		x := &o.Sanctions[i]
		switch x.Kind {
		case model.KindParty:
			sanctions = append(sanctions, partyMeasureText(x))
		case model.KindGovernment:
			sanctions = append(sanctions, govMeasureText(x.Measure))
		case model.KindAccountMeasure:
			parts = append(parts, "对其予以"+x.Measure)
		default:
			parts = append(parts, "对其"+x.Measure)
		}
	}
	if len(sanctions) > 0 {
		parts = append([]string{"给予" + name + strings.Join(sanctions, "、") + "处分"}, parts...)
	}
	if !o.Transferred.IsZero() {
		parts = append(parts, "将其涉嫌犯罪问题移送检察机关依法审查、提起公诉")
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "；") + "。"
}

// ruleLimit writes a rule's period as documents state it (15个工作日,
// 1个月, 15日), or "" when the rule is missing or has no fixed period.
func ruleLimit(rs *model.Rules, id string) string {
	r, ok := rs.Rule(id)
	if !ok || r.Amount <= 0 {
		return ""
	}
	switch r.Unit {
	case model.UnitWorkingDays:
		return itoa(r.Amount) + "个工作日"
	case model.UnitCalendarDays:
		return itoa(r.Amount) + "日"
	case model.UnitMonths:
		return itoa(r.Amount) + "个月"
	}
	return ""
}
