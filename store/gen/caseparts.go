package gen

import (
	"fmt"
	"strings"

	"qingfeng/store/model"
)

// before adds what a stage's papers contain before the case moves on.
func (b *caseBuilder) before(m plannedMove) {
	switch {
	case m.to == model.StageFiled:
		b.nature()
	case m.to == model.StageTrial && len(b.c.Facts) == 0:
		b.facts()
	}
}

// after adds what happens once the case is in its new stage, up to the
// next move (or today).
func (b *caseBuilder) after(m plannedMove, next model.Date) {
	g, c := b.g, b.c
	switch {
	case m.to == model.StagePrelim:
		talk := b.within(m.date, 3, 15, next)
		c.Measures = append(c.Measures, model.Measure{ID: g.id("m"), Kind: model.MeasureTalk,
			SubjectID: c.SubjectIDs[0], Start: talk, End: talk})
		if g.chance(0.2) {
			c.PrelimDue = m.date.AddDays(g.between(40, 60))
		}
	case m.to == model.StageFiled:
		c.Number = g.number(g.settings.CaseNumberFormat, g.caseSeq, m.date.Year())
	case m.to == model.StageInvestigate && m.kind == model.MoveAdvance:
		b.investigate(m.date, next)
	case m.to == model.StageDecision:
		b.step(model.StepCommittee, m.date)
		if d, ok := b.done(m.date.AddDays(g.between(3, 12)), next); ok {
			b.step(model.StepSubmitParty, d)
		}
	case m.to == model.StageExecution && m.kind == model.MoveAdvance && b.c.Events[len(b.c.Events)-2].To == model.StageDecision:
		b.postDecision(m.date, next)
	}
}

// done dates a step planned for d that must have happened before the case
// moved on at next: it is kept as is when due by then, pulled back to next
// when the case has moved on, and dropped (not yet happened) when next is
// today.
func (b *caseBuilder) done(d, next model.Date) (model.Date, bool) {
	switch {
	case !d.After(next):
		return d, true
	case next == b.g.today:
		return model.Date{}, false
	}
	return next, true
}

// within returns a day lo..hi days after d, but not after limit.
func (b *caseBuilder) within(d model.Date, lo, hi int, limit model.Date) model.Date {
	x := d.AddDays(b.g.between(lo, hi))
	if x.After(limit) {
		return limit
	}
	return x
}

// nature sets the suspected nature at 立案.
func (b *caseBuilder) nature() {
	c := b.c
	c.Nature = []model.Nature{model.NatureDiscipline}
	if b.plan.style == styleCrime || b.g.chance(0.6) {
		c.Nature = append(c.Nature, model.NatureDutyLaw)
	}
	if b.plan.style == styleCrime {
		c.Nature = append(c.Nature, model.NatureDutyCrime)
	}
}

var evidenceTitles = []struct {
	kind  model.EvidenceKind
	title string
}{
	{model.EvidenceDocument, "银行账户交易流水"}, {model.EvidenceDocument, "工程项目招投标文件"},
	{model.EvidenceDocument, "财务记账凭证"}, {model.EvidenceWitness, "证人谈话笔录"},
	{model.EvidenceStatement, "被审查调查人陈述材料"}, {model.EvidenceElectronic, "微信聊天记录"},
	{model.EvidencePhysical, "购物卡及礼品"}, {model.EvidenceExpert, "工程造价鉴定意见"},
	{model.EvidenceAudioVideo, "监控录像"},
}

// investigate adds evidence, measures and talk notes for 审查调查.
func (b *caseBuilder) investigate(from, next model.Date) {
	g, c := b.g, b.c
	for _, i := range g.rng.Perm(len(evidenceTitles))[:g.between(2, 6)] {
		e := evidenceTitles[i]
		id := g.id("e")
		b.evidence = append(b.evidence, id)
		c.Evidence = append(c.Evidence, model.Evidence{ID: id, Kind: e.kind, Title: e.title,
			Obtained: b.within(from, 1, 40, next), Pages: g.between(1, 80)})
	}
	for i := 0; i < g.between(1, 3); i++ {
		c.TalkNoteIDs = append(c.TalkNoteIDs, g.id("att"))
	}
	kinds := []model.MeasureKind{model.MeasureQuestion, model.MeasureQuery, model.MeasureObtain, model.MeasureFreeze}
	k := pick(g, kinds)
	c.Measures = append(c.Measures, model.Measure{ID: g.id("m"), Kind: k, SubjectID: c.SubjectIDs[0],
		Start: b.within(from, 1, 20, next), ApprovedBy: pick(g, leaders)})
	if len(c.Nature) > 1 && g.chance(0.35) {
		b.detain(from, next)
	}
}

// detain adds a 留置 that ends when the case leaves 审查调查, or still runs
// when the case is there today.
func (b *caseBuilder) detain(from, next model.Date) {
	g, c := b.g, b.c
	start := b.within(from, 1, 5, next)
	m := model.Measure{ID: g.id("m"), Kind: model.MeasureDetention, SubjectID: c.SubjectIDs[0],
		Start: start, ApprovedBy: "上一级监察机关"}
	stillHere := b.plan.target == model.StageInvestigate && next == g.today
	switch {
	case stillHere && g.today.Sub(start) <= 150:
		if g.today.Sub(start) > 80 {
			c.Extensions = append(c.Extensions, model.Extension{Rule: "detention", Level: 1,
				Approved: start.AddDays(80), Approver: "上一级监察机关"})
		}
	default:
		m.End = start.AddDays(g.between(30, 88))
		if m.End.After(next) {
			m.End = next
		}
	}
	c.Measures = append(c.Measures, m)
}

// facts writes one or two offences per subject, with evidence and sums.
func (b *caseBuilder) facts() {
	g, c := b.g, b.c
	for _, s := range b.subjects {
		for i := 0; i < g.between(1, 2); i++ {
			p := pick(g, problems)
			line, yuan := pick(g, p.lines), g.between(5, 3000)*1000
			f := model.Fact{ID: g.id("f"), SubjectID: s.ID, Title: p.title,
				Category: model.ProblemCategory(p.category), Description: g.fillAmount(line, s.Name, yuan)}
			if len(b.evidence) > 0 {
				f.EvidenceIDs = []string{b.evidence[g.rng.IntN(len(b.evidence))]}
			}
			if strings.Contains(line, "{a}") {
				f.Amount = model.Fen(yuan) * 100 // the sum the description states
			}
			c.Facts = append(c.Facts, f)
			c.Amounts.Involved += f.Amount
		}
	}
	c.Amounts.Collected = c.Amounts.Involved / 10000 * model.Fen(g.between(5000, 10000))
	if b.plan.style == styleCrime {
		c.Amounts.Confiscated = c.Amounts.Involved - c.Amounts.Collected
	} else if g.chance(0.3) {
		c.Amounts.Restitution = c.Amounts.Involved - c.Amounts.Collected
	}
}

// postDecision records announcing, serving and carrying out the decision
// as far as they have happened by limit.
func (b *caseBuilder) postDecision(decided, limit model.Date) {
	g := b.g
	if d, ok := b.done(decided.AddDays(g.between(3, 20)), limit); ok {
		b.step(model.StepAnnounce, d)
	}
	if !b.hasGov() {
		return
	}
	served, ok := b.done(decided.AddDays(g.between(2, 15)), limit)
	if !ok {
		return
	}
	b.step(model.StepServed, served)
	if d, ok := b.done(served.AddDays(g.between(5, 25)), limit); ok {
		b.step(model.StepExecuted, d)
	}
}

func (b *caseBuilder) hasGov() bool {
	for _, o := range b.c.Outcomes {
		for _, s := range o.Sanctions {
			if s.Kind == model.KindGovernment {
				return true
			}
		}
	}
	return false
}

// archive fills in the archive data.
func (b *caseBuilder) archive(on model.Date) {
	g := b.g
	retention := model.RetainPermanent
	if b.c.FiledOn().IsZero() {
		retention = pick(g, []model.RetentionClass{model.Retain30Years, model.RetainLong})
	}
	b.c.Archive = &model.Archive{
		Number:   fmt.Sprintf("J001-%d-%s-%04d", on.Year(), retentionCode[retention], g.between(1, 2000)),
		Archived: on, Retention: retention, Volumes: g.between(1, 5), Pages: g.between(40, 900),
		Custodian: "案件监督管理室", Location: fmt.Sprintf("档案室%d号柜", g.between(1, 40)),
	}
}

var retentionCode = map[model.RetentionClass]string{
	model.RetainPermanent: "Y", model.RetainLong: "C", model.Retain30Years: "D30",
}
