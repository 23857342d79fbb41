package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

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
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("failed to open %s: %w", path, err)
	}
	defer f.Close()
	v, err := openVault(e)
	if err != nil {
		return err
	}
	defer v.Close()
	r, err := v.AddAttachment(filepath.Base(path), owner, f)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, r.ID)
	return nil
}

func attachList(e *Env, asJSON bool) error {
	var list []*store.Attachment
	var ids []string
	err := withVault(e, func(tx *store.Tx) error {
		return tx.List(store.TypeAttachment, func(r *store.Record) error {
			a, err := store.AttachmentOf(r)
			if err != nil {
				return err
			}
			list, ids = append(list, a), append(ids, r.ID)
			return nil
		})
	})
	if err != nil {
		return err
	}
	if asJSON {
		writeJSON(e, nonNil(list))
		return nil
	}
	for i, a := range list {
		fmt.Fprintf(e.Stdout, "%s  %10d  %s  %s  %s\n", ids[i], a.Size, a.SHA256[:16], a.Owner, a.Name)
	}
	return nil
}

// attachGet writes a plaintext copy outside the vault, through a temporary
// file that is removed if the content does not verify, and audits it.
func attachGet(e *Env, id, out string) error {
	v, err := openVault(e)
	if err != nil {
		return err
	}
	defer v.Close()
	rc, a, err := v.OpenAttachment(id)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := writeAtomically(out, func(w io.Writer) error { _, err := io.Copy(w, rc); return err }); err != nil {
		return err
	}
	err = v.Update(func(tx *store.Tx) error {
		return tx.Audit(store.ActionSaveCopy, store.TypeAttachment, id, "sha256 "+a.SHA256+" -> "+out)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已写出 %s（%d 字节，SHA-256 已核对）\n", out, a.Size)
	return nil
}

// writeAtomically writes a file through a temporary name in the same
// directory, synced and renamed; on any error nothing is left behind.
func writeAtomically(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".qingfeng-*")
	if err != nil {
		return fmt.Errorf("failed to create %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("failed to write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("failed to write %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}
