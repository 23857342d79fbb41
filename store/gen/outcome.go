package gen

import "qingfeng/store/model"

// outcomeStyle is the kind of outcome a case ends in.
type outcomeStyle int

const (
	styleLightSanction  outcomeStyle = iota // 党纪轻处分 + 政务警告/记过/记大过
	styleHeavy                              // 党纪重处分 + 降级/撤职
	styleCrime                              // 双开, 移送司法: form 4
	styleLightMeasures                      // 免予处分, 轻处理 only
	styleOrganizational                     // 轻处分 + 组织处理
	styleCount
	styleAccountability // 问责 sub-case: 问责方式
)

// outcomes decides for every subject, on the decision date.
func (b *caseBuilder) outcomes(on model.Date) {
	for i, s := range b.subjects {
		if b.c.OutcomeFor(s.ID) != nil {
			continue
		}
		style := b.plan.style
		if b.plan.kind == model.KindAccountability {
			style = styleAccountability
		} else if i > 0 {
			style = styleLightMeasures // accomplices usually get lighter handling
		}
		b.c.Outcomes = append(b.c.Outcomes, b.outcome(s, style, on))
	}
}

// adder appends a sanction to the outcome being built and returns it.
type adder func(k model.SanctionKind, measure string) *model.Sanction

// outcome builds one subject's outcome in a style.
func (b *caseBuilder) outcome(s model.Subject, style outcomeStyle, on model.Date) model.SubjectOutcome {
	g := b.g
	o := model.SubjectOutcome{SubjectID: s.ID, Decided: on}
	add := func(k model.SanctionKind, measure string) *model.Sanction {
		x := model.Sanction{ID: g.id("x"), CaseID: b.c.ID, SubjectID: s.ID, Kind: k, Measure: measure, Decided: on}
		if k == model.KindParty && measure == model.PartyProbationMeas {
			x.ProbationYears = g.between(1, 2)
		}
		o.Sanctions = append(o.Sanctions, x)
		return &o.Sanctions[len(o.Sanctions)-1]
	}
	b.sanctions(style, s.Political.IsParty(), add)
	switch style {
	case styleCrime:
		o.Transferred = on
	case styleLightMeasures:
		o.Note = "免予处分"
	}
	return o
}

// sanctions picks the sanctions of a style; party sanctions only for
// party members.
func (b *caseBuilder) sanctions(style outcomeStyle, party bool, add adder) {
	g := b.g
	switch style {
	case styleLightSanction, styleOrganizational:
		if party {
			add(model.KindParty, pick(g, []string{model.PartyWarning, model.PartySeriousWarning}))
		}
		gov := add(model.KindGovernment, pick(g, []string{model.GovWarning, model.GovDemerit, model.GovMajor}))
		if gov.Measure == model.GovDemerit && g.chance(0.3) {
			gov.PeriodMonths = g.between(12, 24) // two offences, combined
		}
		if style == styleOrganizational {
			add(model.KindOrganizational, pick(g, model.Measures(model.KindOrganizational)))
		}
	case styleHeavy:
		if party {
			add(model.KindParty, pick(g, []string{model.PartyRemoveOffice, model.PartyProbationMeas}))
		}
		add(model.KindGovernment, pick(g, []string{model.GovDemote, model.GovDismiss}))
	case styleCrime:
		if party {
			x := add(model.KindParty, model.PartyExpel)
			x.FormOverride, x.OverrideReason = 4, "涉嫌职务犯罪，移送检察机关依法审查起诉"
		}
		add(model.KindGovernment, model.GovExpel)
	case styleLightMeasures:
		add(model.KindLight, pick(g, model.Measures(model.KindLight)))
	case styleAccountability:
		add(model.KindAccountMeasure, pick(g, model.Measures(model.KindAccountMeasure)))
		if party && g.chance(0.4) {
			add(model.KindParty, model.PartyWarning)
		}
	}
}
