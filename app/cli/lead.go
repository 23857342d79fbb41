package cli

import (
	"fmt"

	"qingfeng/casework"
	"qingfeng/store/model"
)

func init() {
	register("lead", "lead add --json F|- | list [--undisposed] [--json] | show ID [--json] | dispose ID --as 类别 [--date D] [--approver 人]\n"+
		"       | outcome ID --as 结果 [--date D] | close ID [--date D] | case ID [--kind 审查调查|问责] [--date D]\n"+
		"       （修改均可加 --rev N：所依据的版本；线索已被改过则拒绝）", runLead)
}

// leadInput is the JSON `lead add` takes: a lead, plus subjects to register
// and name as its 被反映人.
type leadInput struct {
	model.Lead
	Subjects []model.Subject `json:"subjects,omitempty"`
}

func runLead(e *Env, args []string) error {
	if len(args) == 0 {
		return usageErr("lead add|list|show|dispose|outcome|close|case")
	}
	fs := newFlags("lead")
	src := fs.String("json", "", "")
	as := fs.String("as", "", "")
	date := fs.String("date", "", "")
	approver := fs.String("approver", "", "")
	kind := fs.String("kind", string(model.KindInvestigation), "")
	undisposed := fs.Bool("undisposed", false, "")
	rev := fs.Uint64("rev", 0, "")
	pos, asJSON, on, err := parseVerb(fs, args[1:], date)
	if err != nil {
		return err
	}
	id := ""
	if len(pos) == 1 {
		id = pos[0]
	}
	switch args[0] {
	case "add":
		return leadAdd(e, *src)
	case "list":
		return leadList(e, *undisposed, on, asJSON || *src != "")
	}
	if id == "" {
		return usageErr("lead %s ID", args[0])
	}
	switch args[0] {
	case "show":
		return leadShow(e, id, asJSON || *src != "")
	case "dispose":
		return applyChange(e, func(s *casework.Service) (model.Record, error) {
			return s.DisposeLead(id, *rev, model.Disposition(*as), on, *approver)
		})
	case "outcome":
		return applyChange(e, func(s *casework.Service) (model.Record, error) {
			return s.RecordOutcome(id, *rev, model.Outcome(*as), on)
		})
	case "close":
		return applyChange(e, func(s *casework.Service) (model.Record, error) { return s.CloseLead(id, *rev, on) })
	case "case":
		return applyChange(e, func(s *casework.Service) (model.Record, error) {
			return s.LeadToCase(id, *rev, model.CaseKind(*kind), on)
		})
	}
	return usageErr("unknown lead verb %q", args[0])
}

func leadAdd(e *Env, src string) error {
	var in leadInput
	if err := readModel(e, src, &in); err != nil {
		return err
	}
	var l *model.Lead
	err := withService(e, func(s *casework.Service) (err error) { l, err = s.RegisterLead(in.Lead, in.Subjects); return err })
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "%s\t%s\n", l.ID, l.Number)
	return nil
}

// applyChange runs one workflow change (of a lead, case or tracked item)
// and says which record it updated.
func applyChange(e *Env, change func(*casework.Service) (model.Record, error)) error {
	var r model.Record
	if err := withService(e, func(s *casework.Service) (err error) { r, err = change(s); return err }); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "%s %s 已更新\n", r.RecordType(), r.RecordID())
	return nil
}

func leadList(e *Env, undisposed bool, on model.Date, asJSON bool) error {
	if undisposed {
		var rep []model.UndisposedEntry
		if err := withService(e, func(s *casework.Service) (err error) { rep, err = s.UndisposedLeads(on); return err }); err != nil {
			return err
		}
		if asJSON {
			writeJSON(e, nonNil(rep))
			return nil
		}
		for _, u := range rep {
			fmt.Fprintf(e.Stdout, "%s  %s  受理 %s  已 %d 天未处置\n", u.LeadID, u.Number, u.Received, u.AgeDays)
		}
		return nil
	}
	var leads []model.Lead
	if err := withService(e, func(s *casework.Service) (err error) { leads, err = s.Leads(); return err }); err != nil {
		return err
	}
	if asJSON {
		writeJSON(e, nonNil(leads))
		return nil
	}
	for _, l := range leads {
		fmt.Fprintf(e.Stdout, "%s  %-14s %s  %-6s %-6s %s\n", l.ID, l.Number, l.Received, l.Disposal.Choice, l.Status, truncate(l.Summary, 30))
	}
	return nil
}

// leadShow prints one lead, as the lead tab reads it (audited as a view).
func leadShow(e *Env, id string, asJSON bool) error {
	var lv *casework.LeadView
	if err := withService(e, func(s *casework.Service) (err error) { lv, err = s.LeadView(id); return err }); err != nil {
		return err
	}
	showModel(e, model.TypeLead, id, lv.Rev, lv.Lead, asJSON)
	return nil
}

// showModel prints one model record at revision rev: a heading line
// (unless asJSON), then its JSON.
func showModel(e *Env, typ, id string, rev uint64, v model.Record, asJSON bool) {
	if !asJSON {
		fmt.Fprintf(e.Stdout, "# %s %s 版本 %d\n", typ, id, rev)
	}
	writeJSON(e, v)
}

// nonNil turns a nil slice into an empty one, so JSON shows [] not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
