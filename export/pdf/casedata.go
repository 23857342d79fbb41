package pdf

import (
	"slices"
	"strings"

	"qingfeng/store/model"
)

// CaseData is what a document about one case is filled from: the vault's
// settings and rule table, the case with its lead, subjects and tracked
// items, the particulars a clerk wrote for the documents (文书要素: the
// prose the case model does not hold, such as 审查调查过程 or 整改建议) and
// the register's part (文号, 份号, 成文日期). Map turns it into the data tree
// the templates read; assets/templates/README.md lists the fields.
//
// Map never invents text the case lacks: a field with no source is left
// out, so a template that needs it fails with a *TemplateError naming it.
type CaseData struct {
	Settings model.Settings
	Rules    *model.Rules        // limits printed in documents; nil leaves them to Extra
	Case     *model.Case         // required
	Lead     *model.Lead         // the lead the case grew out of; nil when none
	Subjects []model.Subject     // the case's subjects, in the case's order
	Subject  string              // ID of the subject the document is about; "" means the first
	Items    []model.TrackedItem // the case's tracked items (督办事项)
	// Extra holds particulars as decoded from JSON (nested objects, lists
	// of objects, strings, numbers). Later maps win over earlier ones and
	// over what the case gives, except the register's doc fields. Empty
	// strings and empty lists count as absent.
	Extra []map[string]any
	Issue Issue
}

// Issue is the document register's part of a document.
type Issue struct {
	Number     DocNumber  // 文号; zero when the document carries none
	CopyNumber string     // 份号, six digits
	Date       model.Date // 成文日期
}

// Map builds the template data. It does not modify d or its Extra maps.
func (d *CaseData) Map() map[string]any {
	m := map[string]any{}
	put(m, "org.name", d.Settings.IssuingBody)
	d.addSubject(m)
	d.addLead(m)
	d.addCase(m)
	d.addOutcome(m)
	d.addItems(m)
	d.addLimits(m)
	for _, x := range d.Extra {
		merge(m, x)
	}
	d.addIssue(m)
	return m
}

// subject returns the subject the document is about, or nil.
func (d *CaseData) subject() *model.Subject {
	for i := range d.Subjects {
		if d.Subject == "" || d.Subjects[i].ID == d.Subject {
			return &d.Subjects[i]
		}
	}
	return nil
}

// addSubject adds subject (the document's person), subjects (all of them)
// and, on a 问责 case, leader.
func (d *CaseData) addSubject(m map[string]any) {
	var all []any
	for i := range d.Subjects {
		all = append(all, subjectMap(&d.Subjects[i]))
	}
	putList(m, "subjects", all)
	s := d.subject()
	if s == nil {
		return
	}
	m["subject"] = subjectMap(s)
	if d.Case.Kind == model.KindAccountability {
		put(m, "leader.name", s.Name)
		put(m, "leader.post", s.WorkAndPost())
	}
}

// subjectMap is one subject's fields; empty ones are left out.
func subjectMap(s *model.Subject) map[string]any {
	m := map[string]any{}
	put(m, "name", s.Name)
	put(m, "unit", s.Unit)
	put(m, "post", s.Position)
	put(m, "unit_post", s.WorkAndPost())
	put(m, "gender", string(s.Gender))
	put(m, "ethnicity", s.Ethnicity)
	put(m, "born", monthText(s.Born))
	put(m, "political_status", string(s.Political))
	put(m, "rank", s.Rank)
	put(m, "profile", profileText(s))
	return m
}

// addLead adds lead.* and case.source.
func (d *CaseData) addLead(m map[string]any) {
	l := d.Lead
	if l == nil {
		return
	}
	put(m, "lead.number", l.Number)
	put(m, "lead.source", string(l.Source))
	put(m, "lead.received", isoDay(l.Received))
	put(m, "lead.summary", l.Summary)
	put(m, "lead.category", string(l.Category))
	put(m, "case.source", sourceText(l, d.subject()))
	put(m, "case.team", l.Department)
}

// addCase adds case.* from the dossier and facts[] for the subject.
func (d *CaseData) addCase(m map[string]any) {
	c := d.Case
	put(m, "case.number", c.Number)
	put(m, "case.title", c.Title)
	put(m, "case.stage", string(c.Stage))
	put(m, "case.nature", natureText(c.Nature))
	put(m, "case.basis", basisText(c.Nature))
	put(m, "case.opened_date", isoDay(c.Opened()))
	put(m, "case.filed_date", isoDay(c.FiledOn()))
	put(m, "case.approver", approverText(c))
	put(m, "case.measures", measuresText(c.Measures))
	put(m, "case.assets", assetsText(c.Amounts))
	put(m, "trial.accepted_date", isoDay(c.EnteredOn(model.StageTrial)))
	putList(m, "facts", d.facts())
}

// facts lists the subject's offences with the titles of their evidence.
func (d *CaseData) facts() []any {
	s := d.subject()
	var out []any
	for _, f := range d.Case.Facts {
		if s == nil || f.SubjectID != s.ID {
			continue
		}
		x := map[string]any{}
		put(x, "title", f.Title)
		put(x, "text", f.Description)
		put(x, "category", string(f.Category))
		put(x, "amount", moneyText(f.Amount))
		put(x, "evidence", evidenceText(d.Case.Evidence, f.EvidenceIDs))
		out = append(out, x)
	}
	return out
}

// addOutcome adds sanction.* (党纪处分), gov_sanction.* (政务处分),
// accountability.way and circular.outcome from the subject's outcome.
func (d *CaseData) addOutcome(m map[string]any) {
	s := d.subject()
	if s == nil {
		return
	}
	o := d.Case.OutcomeFor(s.ID)
	if o == nil {
		return
	}
	for i := range o.Sanctions {
		x := &o.Sanctions[i]
		switch x.Kind {
		case model.KindParty:
			d.putSanction(m, "sanction", x, partyMeasureText(x))
		case model.KindGovernment:
			d.putSanction(m, "gov_sanction", x, x.Measure)
		}
	}
	put(m, "accountability.way", measuresOf(o, model.KindAccountMeasure))
	put(m, "circular.outcome", outcomeText(s.Name, o))
}

// putSanction adds one sanction's type, dates and effect period.
func (d *CaseData) putSanction(m map[string]any, key string, x *model.Sanction, typ string) {
	put(m, key+".type", typ)
	put(m, key+".decided", isoDay(x.Decided))
	approved := x.Decided
	if st, ok := latestStep(d.Case, model.StepCommittee, x.Decided); ok {
		approved = st.Date
	}
	put(m, key+".approved_date", isoDay(approved))
	if n, ok := x.EffectMonths(); ok && x.Kind == model.KindGovernment {
		put(m, key+".period", "（处分期间为"+itoa(n)+"个月）")
	}
}

// addItems adds unit.* and rectify.* from the latest 监察建议 or 责令限期整改
// item; without one, unit.name is the subject's unit (案发单位).
func (d *CaseData) addItems(m map[string]any) {
	var last *model.TrackedItem
	for i := range d.Items {
		t := &d.Items[i]
		if t.Kind != model.TrackedRecommendation && t.Kind != model.TrackedRectify {
			continue
		}
		if last == nil || !t.Issued.Before(last.Issued) {
			last = t
		}
	}
	if last == nil {
		if s := d.subject(); s != nil {
			put(m, "unit.name", s.Unit)
		}
		return
	}
	put(m, "unit.name", last.Unit)
	put(m, "rectify.deadline", isoDay(last.Deadline))
	put(m, "rectify.supervisor", last.Supervisor)
	put(m, "rectify.number", last.DocNumber)
}

// addLimits adds the limits the rule table gives: the 函询 reply period and
// the 政务处分 复审/复核 route.
func (d *CaseData) addLimits(m map[string]any) {
	if d.Rules == nil {
		return
	}
	put(m, "inquiry.reply_limit", ruleLimit(d.Rules, "inquiry_reply"))
	if limit := ruleLimit(d.Rules, "gov_review_apply"); limit != "" {
		put(m, "review.route", "如不服本决定，可以自收到本决定之日起"+limit+"内，向作出决定的机关申请复审；"+
			"对复审决定仍不服的，可以自收到复审决定之日起"+limit+"内，向上一级机关申请复核。复审、复核期间，不停止本决定的执行。")
	}
}

// addIssue sets the register's doc fields over anything Extra gave.
func (d *CaseData) addIssue(m map[string]any) {
	doc, _ := m["doc"].(map[string]any)
	if doc == nil {
		doc = map[string]any{}
		m["doc"] = doc
	}
	for _, k := range []string{"code", "year", "serial", "number", "copy_number", "date"} {
		delete(doc, k)
	}
	if n := d.Issue.Number; n.Code != "" {
		doc["code"], doc["year"], doc["serial"], doc["number"] = n.Code, n.Year, n.Serial, n.String()
	}
	put(doc, "copy_number", d.Issue.CopyNumber)
	put(doc, "date", isoDay(d.Issue.Date))
}

// put stores a non-empty string at a dotted path, creating the maps on
// the way. An empty value is not stored: the field stays absent.
func put(m map[string]any, path, v string) {
	if v == "" {
		return
	}
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[parts[len(parts)-1]] = v
}

// putList stores a non-empty list under a top-level key.
func putList(m map[string]any, key string, v []any) {
	if len(v) > 0 {
		m[key] = v
	}
}

// merge copies src into dst: nested maps are merged (copied, never
// shared), other values replace; empty strings, empty lists and nulls are
// skipped so that they never print as an empty field.
func merge(dst, src map[string]any) {
	for k, v := range src {
		switch x := v.(type) {
		case nil:
			continue
		case string:
			if x == "" {
				continue
			}
		case []any:
			if len(x) == 0 {
				continue
			}
		case map[string]any:
			sub, ok := dst[k].(map[string]any)
			if !ok {
				sub = map[string]any{}
				dst[k] = sub
			}
			merge(sub, x)
			continue
		}
		dst[k] = v
	}
}

// latestStep returns the latest step of a kind dated on or before d.
func latestStep(c *model.Case, kind model.StepKind, d model.Date) (model.Step, bool) {
	var best model.Step
	found := false
	for _, s := range c.Steps {
		if s.Kind == kind && !s.Date.After(d) && (!found || !s.Date.Before(best.Date)) {
			best, found = s, true
		}
	}
	return best, found
}

// approverText names who approved the case's current phase: the 立案
// approvers once it was filed, else the 初核 approvers.
func approverText(c *model.Case) string {
	for _, k := range []model.StepKind{model.StepFilingApproval, model.StepPrelimApproval} {
		for i := len(c.Steps) - 1; i >= 0; i-- {
			if c.Steps[i].Kind == k && len(c.Steps[i].People) > 0 {
				return strings.Join(c.Steps[i].People, "、")
			}
		}
	}
	return ""
}

// measuresText lists the distinct measures taken, in the order first taken.
func measuresText(ms []model.Measure) string {
	var kinds []string
	for _, x := range ms {
		if !slices.Contains(kinds, string(x.Kind)) {
			kinds = append(kinds, string(x.Kind))
		}
	}
	return strings.Join(kinds, "、")
}

// evidenceText joins the titles of the evidence with the given IDs.
func evidenceText(all []model.Evidence, ids []string) string {
	var titles []string
	for _, id := range ids {
		for _, e := range all {
			if e.ID == id && !slices.Contains(titles, e.Title) {
				titles = append(titles, e.Title)
			}
		}
	}
	return strings.Join(titles, "、")
}

// measuresOf joins the measures of one kind in an outcome.
func measuresOf(o *model.SubjectOutcome, k model.SanctionKind) string {
	var out []string
	for _, x := range o.Sanctions {
		if x.Kind == k {
			out = append(out, x.Measure)
		}
	}
	return strings.Join(out, "、")
}
