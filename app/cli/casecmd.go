package cli

import (
	"fmt"

	"qingfeng/casework"
	"qingfeng/store/model"
)

func init() {
	register("case", "case list [--stage 阶段] [--json] | show ID [--json] | move ID --to 阶段 [--kind 方式] [--date D] [--reason 理由]\n"+
		"       | step ID --kind 步骤 [--date D] [--people 甲,乙] [--note 说明] | link 主案ID 问责案ID | unlink 主案ID 问责案ID | delete ID\n"+
		"       （move、step 可加 --rev N：所依据的版本；案件已被改过则拒绝）", runCase)
}

func runCase(e *Env, args []string) error {
	if len(args) == 0 {
		return usageErr("case list|show|move|step|link|unlink|delete")
	}
	fs := newFlags("case")
	stage := fs.String("stage", "", "")
	to := fs.String("to", "", "")
	kind := fs.String("kind", "", "")
	date := fs.String("date", "", "")
	reason := fs.String("reason", "", "")
	people := fs.String("people", "", "")
	note := fs.String("note", "", "")
	rev := fs.Uint64("rev", 0, "")
	pos, asJSON, on, err := parseVerb(fs, args[1:], date)
	if err != nil {
		return err
	}
	switch {
	case args[0] == "list":
		return caseList(e, model.Stage(*stage), asJSON)
	case len(pos) == 2 && args[0] == "link":
		return withService(e, func(s *casework.Service) error { return s.LinkCases(pos[0], pos[1]) })
	case len(pos) == 2 && args[0] == "unlink":
		return withService(e, func(s *casework.Service) error { return s.UnlinkCases(pos[0], pos[1]) })
	case len(pos) != 1:
		return usageErr("case %s ID", args[0])
	}
	id := pos[0]
	switch args[0] {
	case "show":
		return caseShow(e, id, on, asJSON)
	case "move":
		m := model.Move{To: model.Stage(*to), Kind: model.MoveKind(*kind), Date: on, Reason: *reason}
		return applyChange(e, func(s *casework.Service) (model.Record, error) { return s.MoveCase(id, *rev, m) })
	case "step":
		st := model.Step{Kind: model.StepKind(*kind), Date: on, People: splitList(*people), Note: *note}
		return applyChange(e, func(s *casework.Service) (model.Record, error) { return s.RecordStep(id, *rev, st) })
	case "delete":
		return withService(e, func(s *casework.Service) error { return s.DeleteCase(id) })
	}
	return usageErr("unknown case verb %q", args[0])
}

// caseShow prints one case, as the case tab reads it (audited as a view).
func caseShow(e *Env, id string, today model.Date, asJSON bool) error {
	var cv *casework.CaseView
	if err := withService(e, func(s *casework.Service) (err error) { cv, err = s.CaseView(id, today); return err }); err != nil {
		return err
	}
	showModel(e, model.TypeCase, id, cv.Rev, cv.Case, asJSON)
	return nil
}

func caseList(e *Env, stage model.Stage, asJSON bool) error {
	var cases []model.Case
	if err := withService(e, func(s *casework.Service) (err error) { cases, err = s.Cases(stage); return err }); err != nil {
		return err
	}
	if asJSON {
		writeJSON(e, nonNil(cases))
		return nil
	}
	for _, c := range cases {
		fmt.Fprintf(e.Stdout, "%s  %-14s %-6s %-4s %s\n", c.ID, c.Number, c.Stage, c.Kind, truncate(c.Title, 30))
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range splitAny(s, ",，、") {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
