package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"qingfeng/casework"
	"qingfeng/store"
)

func init() {
	register("init", "init                                 创建案卷库（口令输入两次），打印恢复密钥", runInit)
	register("passwd", "passwd [--recovery]                  修改口令（新口令取自 QINGFENG_NEW_PASSPHRASE 或提示；--recovery 用恢复密钥重设）", runPasswd)
	register("check", "check [--json] [--repair]            全面校验：文件结构、每条记录、索引、审计链、附件（--repair 重建检索索引）", runCheck)
	register("audit", "audit verify | audit list [--json]   校验或列出审计日志", runAudit)
	register("backup", "backup --out F                       在线备份为一个加密文件", runBackup)
	register("restore", "restore F                            校验备份后替换案卷库（原文件保留为 .before-restore）", runRestore)
}

func runInit(e *Env, args []string) error {
	if _, err := parse(newFlags("init"), args); err != nil {
		return err
	}
	p, err := passphrase(e, "新口令: ")
	if err != nil {
		return err
	}
	if e.Getenv("QINGFENG_PASSPHRASE") == "" {
		again, err := passphrase(e, "再输入一次: ")
		if err != nil {
			return err
		}
		if !bytes.Equal(p, again) {
			return usageErr("两次输入的口令不一致 (passphrases differ)")
		}
	}
	fmt.Fprintln(e.Stderr, "正在创建案卷库（校准密钥派生，约 1 秒）…")
	v, rk, err := store.Create(e.VaultDir, p, e.Opts)
	if err != nil {
		return err
	}
	defer v.Close()
	fmt.Fprintf(e.Stdout, "已创建案卷库: %s\n恢复密钥（请抄写并妥善保管，仅显示这一次）:\n  %s\n", e.VaultDir, rk)
	return nil
}

func runPasswd(e *Env, args []string) error {
	fs := newFlags("passwd")
	recovery := fs.Bool("recovery", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *recovery {
		return resetWithRecovery(e)
	}
	v, old, err := openVaultPass(e)
	if err != nil {
		return err
	}
	defer v.Close()
	nu, err := secret(e, "QINGFENG_NEW_PASSPHRASE", "新口令: ")
	if err != nil {
		return err
	}
	if err := v.ChangePassphrase(old, nu); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, "口令已修改；恢复密钥不变。")
	return nil
}

// resetWithRecovery sets a new passphrase after the user types the recovery
// key (QINGFENG_RECOVERY_KEY or a no-echo prompt).
func resetWithRecovery(e *Env) error {
	rk, err := secret(e, "QINGFENG_RECOVERY_KEY", "恢复密钥: ")
	if err != nil {
		return err
	}
	nu, err := secret(e, "QINGFENG_NEW_PASSPHRASE", "新口令: ")
	if err != nil {
		return err
	}
	v, err := store.ResetPassphrase(e.VaultDir, store.RecoveryKey(rk), nu, e.Opts)
	if err != nil {
		return err
	}
	v.Close()
	fmt.Fprintln(e.Stdout, "已用恢复密钥重设口令；恢复密钥不变。")
	return nil
}

func runCheck(e *Env, args []string) error {
	fs := newFlags("check")
	asJSON := fs.Bool("json", false, "")
	repair := fs.Bool("repair", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var rep *store.Report
	if err := withService(e, func(s *casework.Service) (err error) { rep, err = s.Check(*repair); return err }); err != nil {
		return err
	}
	if *repair {
		fmt.Fprintln(e.Stderr, "检索索引已按记录重建。")
	}
	if *asJSON {
		writeJSON(e, rep)
	} else {
		fmt.Fprintf(e.Stdout, "记录 %d 条，索引项 %d 个，审计日志 %d 条，附件 %d 个\n", rep.Records, rep.Postings, rep.AuditEntries, rep.Attachments)
		for _, p := range rep.Problems {
			fmt.Fprintf(e.Stdout, "问题 [%s] %s\n", p.Area, p.What)
		}
	}
	if !rep.OK() {
		return fmt.Errorf("%w: %d problems found", store.ErrCorrupt, len(rep.Problems))
	}
	if !*asJSON {
		fmt.Fprintln(e.Stdout, "校验通过：未发现问题。")
	}
	return nil
}

func runAudit(e *Env, args []string) error {
	fs := newFlags("audit")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "verify" && pos[0] != "list") {
		return usageErr("audit verify | audit list")
	}
	if pos[0] == "list" {
		return auditList(e, *asJSON)
	}
	var n int
	var probs []store.Problem
	if err := withService(e, func(s *casework.Service) (err error) { n, probs, err = s.VerifyAudit(); return err }); err != nil {
		return err
	}
	for _, p := range probs {
		fmt.Fprintf(e.Stdout, "问题: %s\n", p.What)
	}
	if len(probs) > 0 {
		return fmt.Errorf("%w: audit chain broken in %d places", store.ErrCorrupt, len(probs))
	}
	fmt.Fprintf(e.Stdout, "审计日志链完整：%d 条记录全部校验通过。\n", n)
	return nil
}

func auditList(e *Env, asJSON bool) error {
	var lines []casework.AuditLine
	err := withService(e, func(s *casework.Service) (err error) { lines, err = s.AuditTrail(context.Background()); return err })
	if err != nil {
		return err
	}
	if asJSON {
		writeJSON(e, lines)
		return nil
	}
	for _, a := range lines {
		fmt.Fprintf(e.Stdout, "%6d  %s  %-10s %-20s %s/%s %s\n", a.Seq, a.Time.Local().Format("2006-01-02 15:04:05"), a.Actor, a.Action, a.Type, a.ID, a.Detail)
	}
	return nil
}

func runBackup(e *Env, args []string) error {
	fs := newFlags("backup")
	out := fs.String("out", "", "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageErr("--out F is required")
	}
	if err := withService(e, func(s *casework.Service) error { return s.Backup(*out) }); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "备份已写入 %s（加密；用当时的口令恢复）\n", *out)
	return nil
}

func runRestore(e *Env, args []string) error {
	pos, err := parse(newFlags("restore"), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("restore F")
	}
	p, err := passphrase(e, "备份时的口令: ")
	if err != nil {
		return err
	}
	rep, err := casework.Restore(e.VaultDir, pos[0], p, e.Opts)
	if err != nil {
		if rep != nil {
			for _, pr := range rep.Problems {
				fmt.Fprintf(e.Stderr, "问题 [%s] %s\n", pr.Area, pr.What)
			}
		}
		return err
	}
	fmt.Fprintf(e.Stdout, "已从备份恢复：%d 条记录，校验通过。原案卷库保留为 %s.before-restore\n", rep.Records, store.Path(e.VaultDir))
	return nil
}

// withService opens the vault, runs fn on the case-work service over it
// and closes the vault: how a verb reaches the vault.
func withService(e *Env, fn func(*casework.Service) error) error {
	v, err := openVault(e)
	if err != nil {
		return err
	}
	defer v.Close()
	return fn(casework.New(v))
}

// writeJSON prints v as indented JSON with Chinese left readable.
func writeJSON(e *Env, v any) {
	enc := json.NewEncoder(e.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
