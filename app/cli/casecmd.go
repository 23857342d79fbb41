package cli

import (
	"fmt"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

func init() {
	register("case", "case list [--stage 阶段] [--json] | show ID [--json] | move ID --to 阶段 [--kind 方式] [--date D] [--reason 理由]\n"+
		"       | step ID --kind 步骤 [--date D] [--people 甲,乙] [--note 说明] | link 主案ID 问责案ID | unlink 主案ID 问责案ID | delete ID", runCase)
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
	pos, asJSON, on, err := parseVerb(fs, args[1:], date)
	if err != nil {
		return err
	}
	switch {
	case args[0] == "list":
		return caseList(e, model.Stage(*stage), asJSON)
	case len(pos) == 2 && (args[0] == "link" || args[0] == "unlink"):
		link := dossier.Link
		if args[0] == "unlink" {
			link = dossier.Unlink
		}
		return withVault(e, func(tx *store.Tx) error { return link(tx, pos[0], pos[1]) })
	case len(pos) != 1:
		return usageErr("case %s ID", args[0])
	}
	id := pos[0]
	switch args[0] {
	case "show":
		return showModel(e, model.TypeCase, id, &model.Case{}, asJSON)
	case "move":
		m := model.Move{To: model.Stage(*to), Kind: model.MoveKind(*kind), Date: on, Actor: actor(e), Reason: *reason}
		return applyChange(e, func(tx *store.Tx) (any, error) { return dossier.MoveCase(tx, id, m) })
	case "step":
		s := model.Step{Kind: model.StepKind(*kind), Date: on, Actor: actor(e), People: splitList(*people), Note: *note}
		return applyChange(e, func(tx *store.Tx) (any, error) {
			return dossier.EditCase(tx, id, func(c *model.Case) error { return c.AddStep(s) })
		})
	case "delete":
		return withVault(e, func(tx *store.Tx) error { return dossier.DeleteCase(tx, id) })
	}
	return usageErr("unknown case verb %q", args[0])
}

func caseList(e *Env, stage model.Stage, asJSON bool) error {
	var cases []model.Case
	err := withVault(e, func(tx *store.Tx) error {
		all, err := dossier.Cases(tx)
		for _, c := range all {
			if stage == "" || c.Stage == stage {
				cases = append(cases, c)
			}
		}
		if err != nil {
			return err
		}
		return tx.Audit(store.ActionView, model.TypeCase, "", fmt.Sprintf("cli list: %d", len(cases)))
	})
	if err != nil {
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
