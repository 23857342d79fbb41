package gen

import (
	"fmt"

	"qingfeng/store/model"
)

// itemState is where a generated tracked item stands today.
type itemState int

const (
	itemOpen itemState = iota
	itemDueSoon
	itemOverdue
	itemEscalated
	itemRepliedOnTime
	itemRepliedLate
	itemDone
	itemStateCount
)

var docCodes = map[model.TrackedKind]string{
	model.TrackedRecommendation: "建", model.TrackedTalk: "约",
	model.TrackedRectify: "改", model.TrackedInquiryReply: "函",
}

var replies = []string{
	"已召开专题民主生活会，制定整改方案，明确整改措施和时限，现已完成全部整改事项。",
	"已修订完善工程项目管理、财务报销等制度，对相关责任人进行了批评教育。",
	"被函询人已就所反映问题作出书面说明，并附党委主要负责人签署的意见。",
	"已开展专项检查，清退违规发放的津补贴，追回资金已上缴财政。",
}

// stateWeights: most items are open or answered, some late or overdue.
var stateWeights = []itemState{itemOpen, itemOpen, itemOpen, itemOpen, itemOpen, itemOpen,
	itemDueSoon, itemDueSoon, itemOverdue, itemOverdue, itemEscalated,
	itemRepliedOnTime, itemRepliedOnTime, itemRepliedOnTime, itemRepliedOnTime, itemRepliedOnTime,
	itemRepliedLate, itemRepliedLate, itemDone, itemDone, itemDone}

// Item generates a tracked item of a random kind and state.
func (g *Generator) Item() model.TrackedItem {
	return g.itemWith(pick(g, model.TrackedKinds), pick(g, stateWeights))
}

// itemWith builds an item whose deadline puts it in the given state today.
func (g *Generator) itemWith(k model.TrackedKind, st itemState) model.TrackedItem {
	deadline := g.itemDeadline(st)
	issued := deadline.AddDays(-g.between(15, 90))
	if k == model.TrackedInquiryReply {
		issued = deadline.AddDays(-21)
		d, err := g.rules.Due("inquiry_reply", issued)
		must(err)
		deadline = d
	}
	t := model.TrackedItem{ID: g.id("t"), Kind: k, Unit: pick(g, units), Issued: issued,
		Deadline: deadline, Status: model.TrackedOpen, Supervisor: pick(g, officers),
		DocNumber: fmt.Sprintf("%s%s〔%d〕%d号", g.settings.OfficeCode, docCodes[k], issued.Year(), g.between(1, 60))}
	switch st {
	case itemEscalated:
		t.Escalate(g.today)
	case itemRepliedOnTime, itemDone:
		must(t.RecordReply(g.between2(issued, deadline), pick(g, replies)))
		if st == itemDone {
			t.Status = model.TrackedDone
		}
	case itemRepliedLate:
		must(t.RecordReply(g.clamp(deadline.AddDays(g.between(1, 20))), pick(g, replies)))
	}
	return t
}

// itemDeadline picks a deadline that puts an item in state st today.
func (g *Generator) itemDeadline(st itemState) model.Date {
	switch st {
	case itemOpen:
		return g.today.AddDays(g.between(8, 60))
	case itemDueSoon:
		return g.today.AddDays(g.between(0, 7))
	case itemOverdue, itemEscalated:
		return g.today.AddDays(-g.between(1, 60))
	case itemRepliedLate:
		return g.today.AddDays(-g.between(21, 200))
	}
	return g.today.AddDays(-g.between(1, 200))
}

// between2 returns a day from a to b, both included.
func (g *Generator) between2(a, b model.Date) model.Date {
	if !b.After(a) {
		return a
	}
	return a.AddDays(g.between(0, b.Sub(a)))
}
