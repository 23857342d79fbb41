package gen

import "qingfeng/store/model"

// step of a planned case history.
type plannedMove struct {
	to     model.Stage
	kind   model.MoveKind
	date   model.Date
	reason string
}

// casePlan is the fate of a generated case.
type casePlan struct {
	target     model.Stage
	ending     model.Stage // for 归档: the stage it is archived from
	supplement bool        // one round of 退回补充调查
	style      outcomeStyle
	kind       model.CaseKind
}

var mainPath = []model.Stage{model.StageDisposal, model.StagePrelim, model.StageFiled,
	model.StageInvestigate, model.StageTrial, model.StageDecision, model.StageExecution}

// moves lists the stage moves of the plan, without dates.
func (p casePlan) moves() []plannedMove {
	var out []plannedMove
	add := func(to model.Stage, kind model.MoveKind, reason string) {
		out = append(out, plannedMove{to: to, kind: kind, reason: reason})
	}
	stop := p.target
	if p.target == model.StageArchived || p.target == model.StageAppeal {
		stop = p.ending
	}
	if stop == model.StageReceived {
		return nil
	}
	for _, s := range mainPath {
		add(s, model.MoveAdvance, "")
		if s == model.StageTrial && p.supplement {
			add(model.StageInvestigate, model.MoveSupplement, "部分违纪违法事实证据不足，退回补充调查")
			add(model.StageTrial, model.MoveAdvance, "")
		}
		if s == stop {
			break
		}
	}
	switch {
	case p.target == model.StageAppeal:
		add(model.StageAppeal, model.MoveAdvance, "被处分人对处分决定不服，提出申诉")
	case p.target != model.StageArchived:
	case p.ending == model.StageDisposal || p.ending == model.StagePrelim:
		add(model.StageArchived, model.MoveConclude, "反映问题失实，予以了结")
	case p.ending == model.StageInvestigate:
		add(model.StageArchived, model.MoveWithdraw, "经审查调查，不存在违纪违法事实，撤销案件")
	case p.ending == model.StageAppeal:
		add(model.StageAppeal, model.MoveAdvance, "被处分人对处分决定不服，提出申诉")
		add(model.StageArchived, model.MoveAdvance, "申诉复查维持原处分，执行完毕")
	default:
		add(model.StageArchived, model.MoveAdvance, "处分执行完毕，案卷归档")
	}
	return out
}

// gap returns the days a move usually takes after the previous one.
func (g *Generator) gap(m, prev plannedMove) int {
	switch {
	case prev.kind == model.MoveSupplement:
		return g.between(15, 40)
	case m.kind == model.MoveSupplement:
		return g.between(10, 25)
	case m.to == model.StageDisposal:
		return g.between(1, 7)
	case m.to == model.StagePrelim:
		return g.between(5, 25)
	case m.to == model.StageFiled:
		return g.between(20, 55)
	case m.to == model.StageInvestigate:
		return g.between(1, 5)
	case m.to == model.StageTrial:
		return g.between(60, 180)
	case m.to == model.StageDecision:
		return g.between(15, 28)
	case m.to == model.StageExecution:
		return g.between(5, 20)
	case m.to == model.StageAppeal:
		return g.between(10, 30)
	}
	return g.between(20, 90) // to 归档
}

// tail returns how long the case has sat in its current stage today, so
// that deadlines fall both before and after today.
func (g *Generator) tail(s model.Stage) int {
	switch s {
	case model.StagePrelim:
		return g.between(0, 80)
	case model.StageTrial:
		return g.between(0, 40)
	case model.StageInvestigate, model.StageFiled:
		return g.between(0, 300)
	case model.StageArchived:
		return g.between(0, 700)
	}
	return g.between(0, 60)
}

// dated gives every move a date, ending tail days before today.
func (g *Generator) dated(moves []plannedMove, last model.Stage) (model.Date, []plannedMove) {
	gaps, total := make([]int, len(moves)), 0
	prev := plannedMove{}
	for i := range moves {
		gaps[i] = g.gap(moves[i], prev)
		total += gaps[i]
		prev = moves[i]
	}
	opened := g.today.AddDays(-total - g.tail(last))
	day := opened
	for i := range moves {
		day = day.AddDays(gaps[i])
		moves[i].date = day
	}
	return opened, moves
}

// randomCasePlan picks a stage with weights close to a real caseload.
func (g *Generator) randomCasePlan() casePlan {
	p := casePlan{kind: model.KindInvestigation, style: outcomeStyle(g.between(0, int(styleCount)-1))}
	r := g.between(0, 99)
	switch {
	case r < 4:
		p.target = model.StageReceived
	case r < 8:
		p.target = model.StageDisposal
	case r < 18:
		p.target = model.StagePrelim
	case r < 22:
		p.target = model.StageFiled
	case r < 38:
		p.target = model.StageInvestigate
	case r < 46:
		p.target = model.StageTrial
	case r < 50:
		p.target = model.StageDecision
	case r < 60:
		p.target = model.StageExecution
	case r < 62:
		p.target, p.ending = model.StageAppeal, model.StageExecution
	default:
		p.target, p.ending = model.StageArchived, pick(g, archiveEndings)
	}
	p.supplement = g.chance(0.1)
	return p
}

// archiveEndings weights the ways a case reaches 归档.
var archiveEndings = []model.Stage{model.StageExecution, model.StageExecution, model.StageExecution,
	model.StageExecution, model.StagePrelim, model.StagePrelim, model.StageDisposal,
	model.StageInvestigate, model.StageAppeal}
