package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"qingfeng/store"
)

// TypeDossier is the record type of a generic dossier.
const TypeDossier = "dossier"

func init() {
	register("dossier", "dossier add --json F|- | list [--json] | show ID [--json] | edit ID --json F|- | delete ID", runDossier)
}

func runDossier(e *Env, args []string) error {
	if len(args) == 0 {
		return usageErr("dossier add|list|show|edit|delete")
	}
	fs := newFlags("dossier")
	jsonArg := fs.String("json", "", "")
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
			return usageErr("dossier edit ID --json F|-")
		}
		return dossierEdit(e, pos[0], *jsonArg)
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

// readJSONInput reads a dossier's JSON object from a file or "-" (stdin),
// refusing anything that is not one object with a title.
func readJSONInput(e *Env, name string) (json.RawMessage, error) {
	b, err := readInput(e, name)
	if err != nil {
		return nil, err
	}
	return parseDossierJSON(b)
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

// parseDossierJSON accepts one JSON object with a non-empty "title".
func parseDossierJSON(b []byte) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, fmt.Errorf("%w: %v", store.ErrInvalidRecord, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: more than one JSON value", store.ErrInvalidRecord)
	}
	if t, _ := obj["title"].(string); strings.TrimSpace(t) == "" {
		return nil, fmt.Errorf("%w: \"title\" (a non-empty string) is required", store.ErrInvalidRecord)
	}
	return json.RawMessage(bytes.TrimSpace(b)), nil
}

func dossierAdd(e *Env, src string) error {
	if src == "" {
		return usageErr("dossier add --json F|-")
	}
	data, err := readJSONInput(e, src)
	if err != nil {
		return err
	}
	v, err := openVault(e)
	if err != nil {
		return err
	}
	defer v.Close()
	r := &store.Record{Type: TypeDossier, Data: data}
	if err := v.Update(func(tx *store.Tx) error { return tx.Put(r) }); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, r.ID)
	return nil
}

func dossierEdit(e *Env, id, src string) error {
	data, err := readJSONInput(e, src)
	if err != nil {
		return err
	}
	v, err := openVault(e)
	if err != nil {
		return err
	}
	defer v.Close()
	return v.Update(func(tx *store.Tx) error {
		r, err := tx.Get(TypeDossier, id)
		if err != nil {
			return err
		}
		r.Data = data
		return tx.Put(r)
	})
}

func dossierDelete(e *Env, id string) error {
	v, err := openVault(e)
	if err != nil {
		return err
	}
	defer v.Close()
	return v.Update(func(tx *store.Tx) error { return tx.Delete(TypeDossier, id) })
}

func dossierShow(e *Env, id string, asJSON bool) error {
	v, err := openVault(e)
	if err != nil {
		return err
	}
	defer v.Close()
	var r *store.Record
	err = v.Update(func(tx *store.Tx) error {
		if r, err = tx.Get(TypeDossier, id); err != nil {
			return err
		}
		return tx.Audit(store.ActionView, r.Type, r.ID, "cli show")
	})
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
	v, err := openVault(e)
	if err != nil {
		return err
	}
	defer v.Close()
	var recs []*store.Record
	err = v.Update(func(tx *store.Tx) error {
		if err := tx.List(TypeDossier, func(r *store.Record) error { recs = append(recs, r); return nil }); err != nil {
			return err
		}
		return tx.Audit(store.ActionView, TypeDossier, "", fmt.Sprintf("cli list: %d", len(recs)))
	})
	if err != nil {
		return err
	}
	if asJSON {
		if recs == nil {
			recs = []*store.Record{}
		}
		writeJSON(e, recs)
		return nil
	}
	for _, r := range recs {
		fmt.Fprintf(e.Stdout, "%s  %s\n", r.ID, summary(r))
	}
	return nil
}
