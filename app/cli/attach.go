package cli

import (
	"fmt"

	"qingfeng/casework"
	"qingfeng/store"
)

func init() {
	register("attach", "attach add --to 类型/ID FILE | list [--json] | get ID --out F [--yes]   附件（get 写出明文副本，需 --yes 确认并留痕）", runAttach)
}

func runAttach(e *Env, args []string) error {
	if len(args) == 0 {
		return usageErr("attach add|list|get")
	}
	fs := newFlags("attach")
	to := fs.String("to", "", "")
	out := fs.String("out", "", "")
	yes := fs.Bool("yes", false, "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	switch {
	case args[0] == "add" && len(pos) == 1:
		return attachAdd(e, *to, pos[0])
	case args[0] == "list":
		return attachList(e, *asJSON)
	case args[0] == "get" && len(pos) == 1 && *out != "":
		if !*yes {
			return usageErr("写出的是未加密的明文副本：确认后加 --yes（该操作会记入审计日志）")
		}
		return attachGet(e, pos[0], *out)
	}
	return usageErr("attach add --to 类型/ID FILE | list | get ID --out F --yes")
}

func attachAdd(e *Env, owner, path string) error {
	var r *store.Record
	err := withService(e, func(s *casework.Service) (err error) { r, err = s.AddAttachment(owner, path, nil); return err })
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, r.ID)
	return nil
}

func attachList(e *Env, asJSON bool) error {
	var list []casework.Attachment
	if err := withService(e, func(s *casework.Service) (err error) { list, err = s.Attachments(""); return err }); err != nil {
		return err
	}
	if asJSON {
		writeJSON(e, nonNil(list))
		return nil
	}
	for _, a := range list {
		fmt.Fprintf(e.Stdout, "%s  %10d  %s  %s  %s\n", a.ID, a.Size, a.SHA256[:16], a.Owner, a.Name)
	}
	return nil
}

// attachGet writes the audited plaintext copy outside the vault
// (casework.SaveCopy: the file appears only with its audit entry).
func attachGet(e *Env, id, out string) error {
	var a *store.Attachment
	if err := withService(e, func(s *casework.Service) (err error) { a, err = s.SaveCopy(id, out); return err }); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已写出 %s（%d 字节，SHA-256 已核对）\n", out, a.Size)
	return nil
}
