package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"qingfeng/casework"
	"qingfeng/store"
)

func init() {
	register("dossier", "dossier add --json F|- | list [--json] | show ID [--json] | edit ID --json F|- [--rev N] | delete ID", runDossier)
}

func runDossier(e *Env, args []string) error {
	if len(args) == 0 {
		return usageErr("dossier add|list|show|edit|delete")
	}
	fs := newFlags("dossier")
	jsonArg := fs.String("json", "", "")
	rev := fs.Uint64("rev", 0, "")
	asJSON := false
	pos, err := parse(fs, normaliseJSONFlag(args[1:], &asJSON))
	if err != nil {
		return err
	}
	switch args[0] {
	case "add":
		return dossierAdd(e, *jsonArg)
	case "list":
		return dossierList(e, asJSON || *jsonArg != "")
	case "show":
		if len(pos) != 1 {
			return usageErr("dossier show ID [--json]")
		}
		return dossierShow(e, pos[0], asJSON || *jsonArg != "")
	case "edit":
		if len(pos) != 1 || *jsonArg == "" {
			return usageErr("dossier edit ID --json F|- [--rev N]")
		}
		return dossierEdit(e, pos[0], *rev, *jsonArg)
	case "delete":
		if len(pos) != 1 {
			return usageErr("dossier delete ID")
		}
		return dossierDelete(e, pos[0])
	}
	return usageErr("unknown dossier verb %q", args[0])
}

// normaliseJSONFlag lets "--json" stand alone (output as JSON) for list and
// show, while "--json F" names an input file for add and edit.
func normaliseJSONFlag(args []string, asJSON *bool) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		if args[i] == "--json" && (i+1 == len(args) || strings.HasPrefix(args[i+1], "--")) {
			*asJSON = true
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// readJSONInput reads a dossier's JSON body from a file or "-" (stdin) and
// checks it (casework.ParseDossier) before the vault is opened.
func readJSONInput(e *Env, name string) ([]byte, error) {
	b, err := readInput(e, name)
	if err != nil {
		return nil, err
	}
	if _, err := casework.ParseDossier(b); err != nil {
		return nil, err
	}
	return b, nil
}

// readInput reads at most 16 MiB from a file or "-" (stdin).
func readInput(e *Env, name string) ([]byte, error) {
	var r io.Reader = e.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("failed to open %s: %w", name, err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("failed to read %s: %w", name, err)
	}
	return b, nil
}

func dossierAdd(e *Env, src string) error {
	if src == "" {
		return usageErr("dossier add --json F|-")
	}
	data, err := readJSONInput(e, src)
	if err != nil {
		return err
	}
	var r *store.Record
	if err := withService(e, func(s *casework.Service) (err error) { r, err = s.AddDossier(data); return err }); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, r.ID)
	return nil
}

func dossierEdit(e *Env, id string, rev uint64, src string) error {
	data, err := readJSONInput(e, src)
	if err != nil {
		return err
	}
	return withService(e, func(s *casework.Service) error { _, err := s.EditDossier(id, rev, data); return err })
}

func dossierDelete(e *Env, id string) error {
	return withService(e, func(s *casework.Service) error { return s.DeleteDossier(id) })
}

func dossierShow(e *Env, id string, asJSON bool) error {
	var r *store.Record
	err := withService(e, func(s *casework.Service) (err error) { r, err = s.ShowRecord(casework.TypeDossier, id); return err })
	if err != nil {
		return err
	}
	if asJSON {
		writeJSON(e, r)
		return nil
	}
	fmt.Fprintf(e.Stdout, "编号 %s  版本 %d  修改于 %s  机器 %s\n", r.ID, r.Rev, r.Modified.Local().Format("2006-01-02 15:04"), r.Machine)
	var fields map[string]any
	json.Unmarshal(r.Data, &fields)
	for _, k := range sortedKeys(fields) {
		fmt.Fprintf(e.Stdout, "  %s: %v\n", k, fields[k])
	}
	return nil
}

func dossierList(e *Env, asJSON bool) error {
	var recs []*store.Record
	if err := withService(e, func(s *casework.Service) (err error) { recs, err = s.Dossiers(); return err }); err != nil {
		return err
	}
	if asJSON {
		writeJSON(e, nonNil(recs))
		return nil
	}
	for _, r := range recs {
		fmt.Fprintf(e.Stdout, "%s  %s\n", r.ID, summary(r))
	}
	return nil
}
