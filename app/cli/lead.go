package cli

import (
	"fmt"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

func init() {
	register("lead", "lead add --json F|- | list [--undisposed] [--json] | show ID [--json] | dispose ID --as 类别 [--date D] [--approver 人]\n"+
		"       | outcome ID --as 结果 [--date D] | close ID [--date D] | case ID [--kind 审查调查|问责] [--date D]", runLead)
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
		return showModel(e, model.TypeLead, id, &model.Lead{}, asJSON || *src != "")
	case "dispose":
		return applyChange(e, func(tx *store.Tx) (any, error) {
			return dossier.DisposeLead(tx, id, model.Disposition(*as), on, *approver, actor(e))
		})
	case "outcome":
		return applyChange(e, func(tx *store.Tx) (any, error) {
			return dossier.RecordLeadOutcome(tx, id, model.Outcome(*as), on, actor(e))
		})
	case "close":
		return applyChange(e, func(tx *store.Tx) (any, error) { return dossier.CloseLead(tx, id, on, actor(e)) })
	case "case":
		return applyChange(e, func(tx *store.Tx) (any, error) {
			return dossier.OpenCase(tx, id, model.CaseKind(*kind), on, actor(e))
		})
	}
	return usageErr("unknown lead verb %q", args[0])
}

func leadAdd(e *Env, src string) error {
	var in leadInput
	if err := readModel(e, src, &in); err != nil {
		return err
	}
	l := in.Lead
	err := withVault(e, func(tx *store.Tx) error {
		for i := range in.Subjects {
			if err := dossier.AddSubject(tx, &in.Subjects[i]); err != nil {
				return err
			}
			l.SubjectIDs = append(l.SubjectIDs, in.Subjects[i].ID)
		}
		return dossier.AddLead(tx, &l, actor(e))
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "%s\t%s\n", l.ID, l.Number)
	return nil
}

// applyChange runs one workflow change (of a lead, case or tracked item) in
// one transaction and says which record it updated.
func applyChange(e *Env, fn func(tx *store.Tx) (any, error)) error {
	var out any
	err := withVault(e, func(tx *store.Tx) (err error) {
		out, err = fn(tx)
		return err
	})
	if err != nil {
		return err
	}
	if r, ok := out.(model.Record); ok {
		fmt.Fprintf(e.Stdout, "%s %s 已更新\n", r.RecordType(), r.RecordID())
	}
	return nil
}

func leadList(e *Env, undisposed bool, on model.Date, asJSON bool) error {
	var leads []model.Lead
	err := withVault(e, func(tx *store.Tx) (err error) {
		if leads, err = dossier.Leads(tx); err != nil {
			return err
		}
		return tx.Audit(store.ActionView, model.TypeLead, "", fmt.Sprintf("cli list: %d", len(leads)))
	})
	if err != nil {
		return err
	}
	if undisposed {
		rep := model.UndisposedReport(leads, on)
		if asJSON {
			writeJSON(e, nonNil(rep))
			return nil
		}
		for _, u := range rep {
			fmt.Fprintf(e.Stdout, "%s  %s  受理 %s  已 %d 天未处置\n", u.LeadID, u.Number, u.Received, u.AgeDays)
		}
		return nil
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

// showModel prints one model record (audited as a view).
func showModel(e *Env, typ, id string, v model.Record, asJSON bool) error {
	var rev uint64
	err := withVault(e, func(tx *store.Tx) (err error) {
		if rev, err = dossier.Load(tx, typ, id, v); err != nil {
			return err
		}
		return tx.Audit(store.ActionView, typ, id, "cli show")
	})
	if err != nil {
		return err
	}
	if !asJSON {
		fmt.Fprintf(e.Stdout, "# %s %s 版本 %d\n", typ, id, rev)
	}
	writeJSON(e, v)
	return nil
}

// nonNil turns a nil slice into an empty one, so JSON shows [] not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
