package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"

	"qingfeng/casework"
	"qingfeng/export/bundle"
	"qingfeng/export/handoff"
	"qingfeng/store"
)

func init() {
	register("handoff", "handoff keygen [--name 名称] [--force] | whoami [--json]\n"+
		"       | contacts add 联系卡 [--name 名称] | contacts list [--json] | contacts remove 名称\n"+
		"       | export --dossier ID [--dossier ID…] (--to 联系人 [--to …] | --passphrase-env 变量) --out F.qfb [--json]\n"+
		"       | import F.qfb [--dry-run] [--trust] [--passphrase-env 变量] [--json]\n"+
		"       | age-key --out key.txt --yes（写出 age 私钥，供 age -d 手工恢复，留痕）   案卷包交接（加密、签名、合并）", runHandoff)
	register("conflicts", "conflicts list [--json] | resolve 类型 ID (--take local|remote | --json F|-)   处理交接产生的冲突（双方版本并列）", runConflicts)
}

// listFlag collects a repeated string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func runHandoff(e *Env, args []string) error {
	if len(args) == 0 {
		return usageErr("handoff keygen|whoami|contacts|export|import")
	}
	switch args[0] {
	case "keygen":
		return handoffKeygen(e, args[1:])
	case "whoami":
		return handoffWhoami(e, args[1:])
	case "contacts":
		return handoffContacts(e, args[1:])
	case "export":
		return handoffExport(e, args[1:])
	case "import":
		return handoffImport(e, args[1:])
	case "conflicts":
		return runConflicts(e, args[1:])
	case "age-key":
		return handoffAgeKey(e, args[1:])
	}
	return usageErr("unknown handoff verb %q", args[0])
}

func handoffKeygen(e *Env, args []string) error {
	fs := newFlags("handoff keygen")
	name := fs.String("name", "", "")
	force := fs.Bool("force", false, "")
	if pos, err := parse(fs, args); err != nil || len(pos) != 0 {
		return usageOr(err, "handoff keygen [--name 名称] [--force]")
	}
	var self *handoff.Self
	err := withService(e, func(s *casework.Service) (err error) { self, err = s.Keygen(*name, *force); return err })
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, "已生成本案卷库的交换密钥。")
	printSelf(e.Stdout, self)
	return nil
}

// usageOr returns err if set, else a usage error with the given line.
func usageOr(err error, line string) error {
	if err != nil {
		return err
	}
	return usageErr("%s", line)
}

func printSelf(w io.Writer, s *handoff.Self) {
	c := s.Contact()
	fmt.Fprintf(w, "名称: %s\n联系卡（交给对方，对方用 handoff contacts add 添加）:\n%s\n指纹（请电话或当面与对方核对）:\n  %s\n",
		s.Name, c, c.Fingerprint())
}

func handoffWhoami(e *Env, args []string) error {
	fs := newFlags("handoff whoami")
	asJSON := fs.Bool("json", false, "")
	if pos, err := parse(fs, args); err != nil || len(pos) != 0 {
		return usageOr(err, "handoff whoami [--json]")
	}
	var self *handoff.Self
	err := withService(e, func(s *casework.Service) (err error) { self, err = s.Self(); return err })
	if err != nil {
		return err
	}
	if *asJSON {
		c := self.Contact()
		writeJSON(e, map[string]any{"name": self.Name, "contact": c.String(), "fingerprint": c.Fingerprint().String(),
			"groups": c.Fingerprint().Groups(), "created": self.Created})
		return nil
	}
	printSelf(e.Stdout, self)
	return nil
}

// handoffAgeKey writes the vault's age secret key to a file, so that the
// stock age command can open bundles sent to this vault (recovery by hand).
// The key is secret: it needs --yes and is audited.
func handoffAgeKey(e *Env, args []string) error {
	fs := newFlags("handoff age-key")
	out := fs.String("out", "", "")
	yes := fs.Bool("yes", false, "")
	if pos, err := parse(fs, args); err != nil || len(pos) != 0 || *out == "" {
		return usageOr(err, "handoff age-key --out key.txt --yes")
	}
	if !*yes {
		return usageErr("写出的是未加密的私钥，持有者可打开所有发给本案卷库的案卷包：确认后加 --yes（该操作会记入审计日志）")
	}
	if err := withService(e, func(s *casework.Service) error { return s.AgeKey(*out) }); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已写出 age 私钥到 %s（仅本人可读）：用后请销毁。用法: age -d -i %s F.qfb | tar -t\n", *out, *out)
	return nil
}

func handoffContacts(e *Env, args []string) error {
	if len(args) == 0 {
		return usageErr("handoff contacts add|list|remove")
	}
	fs := newFlags("handoff contacts")
	name := fs.String("name", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	switch {
	case args[0] == "add" && len(pos) == 1:
		return contactAdd(e, pos[0], *name)
	case args[0] == "list" && len(pos) == 0:
		return contactList(e, *asJSON)
	case args[0] == "remove" && len(pos) == 1:
		return contactRemove(e, pos[0])
	}
	return usageErr("handoff contacts add 联系卡 [--name 名称] | list [--json] | remove 名称")
}

func contactAdd(e *Env, line, name string) error {
	var c bundle.Contact
	if err := withService(e, func(s *casework.Service) (err error) { c, err = s.AddContact(line, name); return err }); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已添加联系人 %s\n指纹: %s\n请与对方电话或当面核对：对方运行 handoff whoami 读出的指纹必须与此完全一致，否则立即用 handoff contacts remove 删除。\n",
		c.Name, c.Fingerprint())
	return nil
}

func contactList(e *Env, asJSON bool) error {
	var cs []bundle.Contact
	if err := withService(e, func(s *casework.Service) (err error) { cs, err = s.Contacts(); return err }); err != nil {
		return err
	}
	if asJSON {
		out := []map[string]string{}
		for _, c := range cs {
			out = append(out, map[string]string{"name": c.Name, "fingerprint": c.Fingerprint().String(), "contact": c.String()})
		}
		writeJSON(e, out)
		return nil
	}
	for _, c := range cs {
		fmt.Fprintf(e.Stdout, "%s  %s\n", c.Fingerprint(), c.Name)
	}
	return nil
}

func contactRemove(e *Env, name string) error {
	var c bundle.Contact
	err := withService(e, func(s *casework.Service) (err error) { c, err = s.RemoveContact(name); return err })
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已删除联系人 %s（%s）；今后其发来的案卷包将被拒绝。\n", c.Name, c.Fingerprint())
	return nil
}

// bundlePassphrase reads the bundle passphrase from the environment
// variable named by --passphrase-env ("" when the flag was not given).
func bundlePassphrase(e *Env, envVar string) (string, error) {
	if envVar == "" {
		return "", nil
	}
	p := e.Getenv(envVar)
	if p == "" {
		return "", usageErr("环境变量 %s 为空：请先设置案卷包口令", envVar)
	}
	return p, nil
}

func handoffExport(e *Env, args []string) error {
	fs := newFlags("handoff export")
	var ids, to listFlag
	fs.Var(&ids, "dossier", "")
	fs.Var(&to, "to", "")
	passEnv := fs.String("passphrase-env", "", "")
	out := fs.String("out", "", "")
	asJSON := fs.Bool("json", false, "")
	if pos, err := parse(fs, args); err != nil || len(pos) != 0 || *out == "" || len(ids) == 0 {
		return usageOr(err, "handoff export --dossier ID [--dossier ID…] (--to 联系人 | --passphrase-env 变量) --out F.qfb")
	}
	p, err := bundlePassphrase(e, *passEnv)
	if err != nil {
		return err
	}
	var res *handoff.ExportResult
	req := casework.ExportRequest{Dossiers: ids, To: to, Passphrase: p}
	err = withService(e, func(s *casework.Service) (err error) {
		res, err = s.Export(context.Background(), req, *out, progressLine(e.Stderr))
		return err
	})
	if err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e, res)
		return nil
	}
	fmt.Fprintf(e.Stdout, "已导出 %s：案件 %d 个，记录 %d 条，附件 %d 个（%s），审计日志 %d 条\nSHA-256: %s\n",
		res.Path, len(res.Dossiers), res.Records, res.Attachments, sizeText(res.ContentBytes), res.AuditEntries, res.SHA256)
	if len(res.To) > 0 {
		fmt.Fprintf(e.Stdout, "接收方: %s\n", strings.Join(res.To, "；"))
	} else {
		fmt.Fprintln(e.Stdout, "接收方: 凭口令打开（请通过另一渠道告知口令）")
	}
	return nil
}

func sizeText(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d 字节", n)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// phaseNames are the progress labels of the handoff phases.
var phaseNames = map[handoff.Phase]string{
	handoff.PhaseWrite: "加密写入", handoff.PhaseReadBack: "回读校验", handoff.PhaseHash: "计算校验值",
	handoff.PhaseVerify: "解密校验", handoff.PhaseContent: "写入附件",
}

// progressLine prints "phase NN%" on one stderr line, rewritten in place,
// and ends the line when a phase completes. It runs on the goroutine of
// the export or import.
func progressLine(w io.Writer) handoff.Progress {
	last := ""
	return func(p handoff.Phase, done, total int64) {
		pct := int64(100)
		if total > 0 {
			pct = done * 100 / total
		}
		line := fmt.Sprintf("%s %3d%%", phaseNames[p], pct)
		if line == last {
			return
		}
		last = line
		end := ""
		if done >= total {
			end = "\n"
		}
		fmt.Fprintf(w, "\r%s%s", line, end)
	}
}

func handoffImport(e *Env, args []string) error {
	fs := newFlags("handoff import")
	dry := fs.Bool("dry-run", false, "")
	trust := fs.Bool("trust", false, "")
	passEnv := fs.String("passphrase-env", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil || len(pos) != 1 {
		return usageOr(err, "handoff import F.qfb [--dry-run] [--trust] [--passphrase-env 变量]")
	}
	p, err := bundlePassphrase(e, *passEnv)
	if err != nil {
		return err
	}
	var rep *handoff.Report
	req := casework.ImportRequest{Passphrase: p, Trust: *trust, DryRun: *dry}
	err = withService(e, func(s *casework.Service) (err error) {
		rep, err = s.Import(context.Background(), pos[0], req, progressLine(e.Stderr))
		return err
	})
	if err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e, rep)
		return nil
	}
	printReport(e.Stdout, rep)
	return nil
}

// resultNames are the labels of merge results, in the order shown.
var resultNames = []struct {
	r    store.MergeResult
	name string
}{
	{store.MergeAdded, "新增"}, {store.MergeUpdated, "更新"}, {store.MergeConflict, "冲突"},
	{store.MergeKeptLocal, "本机较新"}, {store.MergeDeletedHere, "本机已删"}, {store.MergeUnchanged, "未变"},
}

func printReport(w io.Writer, rep *handoff.Report) {
	fmt.Fprintf(w, "案卷包来自 %s（指纹 %s），制作于 %s\nSHA-256: %s\n", rep.Sender, rep.Fingerprint,
		rep.Created.Local().Format("2006-01-02 15:04"), rep.SHA256)
	if rep.DryRun {
		fmt.Fprintln(w, "【预览：以下为导入将做的更改，本次未做任何更改】")
	}
	if rep.NewContact {
		fmt.Fprintf(w, "发件人 %s 原非联系人，已按 --trust 信任并添加为联系人。\n", rep.Sender)
	}
	var counts []string
	for _, rn := range resultNames {
		for _, o := range rep.Records {
			if o.Result == rn.r && o.Result != store.MergeUnchanged {
				fmt.Fprintf(w, "%s  %s/%s  %s\n", rn.name, o.Type, o.ID, o.Label)
			}
		}
		counts = append(counts, fmt.Sprintf("%s %d", rn.name, rep.Counts[rn.r]))
	}
	fmt.Fprintf(w, "记录: %s\n附件: 写入 %d 个（%s），本机已有 %d 个；审计日志: 导入 %d 条，此前已导入 %d 条\n",
		strings.Join(counts, "，"), rep.ContentWritten, sizeText(rep.ContentBytes), rep.ContentPresent, rep.AuditImported, rep.AuditKnown)
	if n := rep.Counts[store.MergeConflict]; n > 0 {
		fmt.Fprintf(w, "有 %d 处冲突：双方版本均已保留，本机版本未被覆盖。运行 qingfeng conflicts list 查看，conflicts resolve 处理。\n", n)
	}
}

func runConflicts(e *Env, args []string) error {
	if len(args) == 0 {
		return usageErr("conflicts list|resolve")
	}
	fs := newFlags("conflicts")
	take := fs.String("take", "", "")
	src := fs.String("json", "", "")
	asJSON := false
	pos, err := parse(fs, normaliseJSONFlag(args[1:], &asJSON))
	if err != nil {
		return err
	}
	switch {
	case args[0] == "list" && len(pos) == 0:
		return conflictList(e, asJSON)
	case args[0] == "resolve" && len(pos) == 2 && (*take == "") != (*src == ""):
		return conflictResolve(e, pos[0], pos[1], *take, *src)
	}
	return usageErr("conflicts list [--json] | conflicts resolve 类型 ID (--take local|remote | --json F|-)")
}

func conflictList(e *Env, asJSON bool) error {
	var cs []handoff.ConflictView
	if err := withService(e, func(s *casework.Service) (err error) { cs, err = s.Conflicts(); return err }); err != nil {
		return err
	}
	if asJSON {
		writeJSON(e, nonNil(cs))
		return nil
	}
	if len(cs) == 0 {
		fmt.Fprintln(e.Stdout, "没有待处理的冲突。")
	}
	for _, c := range cs {
		printConflict(e.Stdout, c)
	}
	return nil
}

// printConflict shows one conflict with both versions side by side, one
// row per differing field.
func printConflict(w io.Writer, c handoff.ConflictView) {
	fmt.Fprintf(w, "冲突 %s/%s  %s（发现于 %s）\n", c.Type, c.ID, c.Label, c.Found.Local().Format("2006-01-02 15:04"))
	fmt.Fprintf(w, "  %s%s%s\n", pad("字段", 22), pad("本机 "+c.Local.Machine+" "+stamp(c.Local.Modified), 44), "对方 "+c.Remote.Machine+" "+stamp(c.Remote.Modified))
	same := 0
	for _, f := range c.Fields {
		if !f.Differs {
			same++
			continue
		}
		skip := sharedPrefix(f.Local, f.Remote)
		fmt.Fprintf(w, "  %s%s%s\n", pad(f.Field, 22), pad(short(f.Local, skip), 44), short(f.Remote, skip))
	}
	fmt.Fprintf(w, "  其余 %d 个字段相同。处理: qingfeng conflicts resolve %s %s --take local|remote，或 --json 合并后的文件\n", same, c.Type, c.ID)
}

func stamp(t time.Time) string { return t.Local().Format("01-02 15:04") }

// sharedPrefix is how many leading characters two JSON values share, less
// a little context, so that a long value is shown from where it differs.
func sharedPrefix(a, b json.RawMessage) int {
	x, y := []rune(string(a)), []rune(string(b))
	n := 0
	for n < len(x) && n < len(y) && x[n] == y[n] {
		n++
	}
	return max(n-8, 0)
}

// short shows a JSON value in at most 40 characters from character skip
// on ("（无）" when absent).
func short(v json.RawMessage, skip int) string {
	if v == nil {
		return "（无）"
	}
	r := []rune(string(v))
	s := string(r[min(skip, len(r)):])
	if skip > 0 {
		s = "…" + s
	}
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:39]) + "…"
	}
	return s
}

// pad fills s with spaces to n columns, counting wide characters as two.
func pad(s string, n int) string {
	cols := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			cols += 2
		default:
			cols++
		}
	}
	if cols >= n {
		return s + "  "
	}
	return s + strings.Repeat(" ", n-cols)
}

func conflictResolve(e *Env, typ, id, take, src string) error {
	var data json.RawMessage
	if src != "" {
		b, err := readInput(e, src)
		if err != nil {
			return err
		}
		data = json.RawMessage(strings.TrimSpace(string(b)))
	} else if take != string(handoff.Local) && take != string(handoff.Remote) {
		return usageErr("--take local 或 --take remote")
	}
	err := withService(e, func(s *casework.Service) error {
		if data != nil {
			return s.ResolveWith(typ, id, data)
		}
		return s.Resolve(typ, id, handoff.Side(take))
	})
	if err != nil {
		return err
	}
	how := map[string]string{"local": "采用本机版本", "remote": "采用对方版本", "": "采用给定的合并版本"}[take]
	fmt.Fprintf(e.Stdout, "已解决 %s/%s 的冲突（%s）；再次交接时此版本优先。\n", typ, id, how)
	return nil
}
