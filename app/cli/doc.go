package cli

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"qingfeng/casework"
	"qingfeng/export/pdf"
	"qingfeng/store/dossier"
)

// The doc verbs: official documents (公文) from the case model through the
// templates, the document register (文号, 份号, one print audit entry per
// copy) and the vault's own templates and particulars (文书要素).

func init() {
	register("doc", "doc templates [--json] | template show|set|rm NAME [--file F]\n"+
		"       | render --dossier ID --template NAME --out F.pdf [--subject 人员ID] [--copies N] [--watermark on|off] [--date D] [--new] [--fixed-time T]\n"+
		"       | render --json DOC.json --out F.pdf [--fixed-time T] | pair --dossier ID --out-dir D [--subject 人员ID] [--date D]\n"+
		"       | fields [--dossier ID] [--set F|-] [--merged] | register [--dossier ID] [--json] | fonts [--text T] [--json]", runDoc)
}

func runDoc(e *Env, args []string) error {
	if len(args) == 0 {
		return usageErr("doc templates|template|render|pair|fields|register|fonts")
	}
	sub := map[string]func(*Env, []string) error{
		"templates": docTemplates, "template": docTemplate, "render": docRender, "pair": docPair,
		"fields": docFields, "register": docRegister, "fonts": docFonts,
	}
	run, ok := sub[args[0]]
	if !ok {
		return usageErr("unknown doc verb %q", args[0])
	}
	return run(e, args[1:])
}

func docTemplates(e *Env, args []string) error {
	fs := newFlags("doc templates")
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var ts []casework.TemplateInfo
	if err := withService(e, func(s *casework.Service) (err error) { ts, err = s.Templates(); return err }); err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e, ts)
		return nil
	}
	for _, t := range ts {
		src := map[string]string{casework.SourceBuiltin: "内置", casework.SourceVault: "本库"}[t.Source]
		if t.Overrides {
			src = "本库（覆盖内置）"
		}
		num := "无文号"
		if t.Numbered {
			num = "编文号"
		}
		fmt.Fprintf(e.Stdout, "%-12s %-10s %s\n", t.Name, src, num)
	}
	return nil
}

func docTemplate(e *Env, args []string) error {
	fs := newFlags("doc template")
	file := fs.String("file", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || (pos[0] == "set") != (*file != "") {
		return usageErr("doc template show NAME | set NAME --file F | rm NAME")
	}
	name := pos[1]
	switch pos[0] {
	case "show":
		var text string
		if err := withService(e, func(s *casework.Service) (err error) { text, err = s.TemplateText(name); return err }); err != nil {
			return err
		}
		fmt.Fprint(e.Stdout, text)
	case "set":
		b, err := readInput(e, *file)
		if err != nil {
			return err
		}
		if err := withService(e, func(s *casework.Service) error { return s.SetTemplate(name, string(b)) }); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "模板 %s 已保存到本案卷库\n", name)
	case "rm":
		if err := withService(e, func(s *casework.Service) error { return s.DeleteTemplate(name) }); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已删除本案卷库的模板 %s\n", name)
	default:
		return usageErr("doc template show|set|rm NAME")
	}
	return nil
}

// renderFlags declares the options shared by render and pair.
type renderFlags struct {
	dossierID, subject, date, watermark, fixed *string
}

func newRenderFlags(fs *flag.FlagSet) renderFlags {
	return renderFlags{dossierID: fs.String("dossier", "", ""), subject: fs.String("subject", "", ""),
		date: fs.String("date", "", ""), watermark: fs.String("watermark", "", ""), fixed: fs.String("fixed-time", "", "")}
}

// opts checks the shared options; no --date leaves the date to the
// service (today).
func (f renderFlags) opts() (casework.RenderOptions, error) {
	o := casework.RenderOptions{Watermark: casework.Watermark(*f.watermark)}
	switch o.Watermark {
	case casework.WatermarkAuto, casework.WatermarkOn, casework.WatermarkOff:
	default:
		return o, usageErr("--watermark on|off")
	}
	if *f.fixed != "" {
		t, err := time.Parse(time.RFC3339, *f.fixed)
		if err != nil {
			return o, usageErr("--fixed-time 应为 RFC 3339 时间，如 2026-03-05T09:00:00Z: %q", *f.fixed)
		}
		o.FixedTime = t
	}
	if *f.date != "" {
		d, err := dateArg(*f.date)
		if err != nil {
			return o, err
		}
		o.Date = d
	}
	return o, nil
}

func docRender(e *Env, args []string) error {
	fs := newFlags("doc render")
	rf := newRenderFlags(fs)
	tmpl := fs.String("template", "", "")
	out := fs.String("out", "", "")
	jsonIn := fs.String("json", "", "")
	copies := fs.Int("copies", 1, "")
	isNew := fs.Bool("new", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	o, err := rf.opts()
	switch {
	case err != nil:
		return err
	case *out == "":
		return usageErr("--out F.pdf is required")
	case *jsonIn != "":
		return renderFree(e, *jsonIn, *out, o.FixedTime)
	case *rf.dossierID == "" || *tmpl == "":
		return usageErr("--dossier ID --template NAME (or --json DOC.json) is required")
	case *copies < 1 || *copies > 999:
		return usageErr("--copies N: 1 to 999")
	}
	req := casework.RenderRequest{CaseID: *rf.dossierID, SubjectID: *rf.subject, Template: *tmpl, Out: *out,
		Copies: *copies, New: *isNew, RenderOptions: o}
	return printed(e, func(s *casework.Service) ([]casework.Printed, error) { return s.Render(req) })
}

func docPair(e *Env, args []string) error {
	fs := newFlags("doc pair")
	rf := newRenderFlags(fs)
	dir := fs.String("out-dir", "", "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	o, err := rf.opts()
	if err != nil {
		return err
	}
	if *rf.dossierID == "" || *dir == "" {
		return usageErr("--dossier ID --out-dir D is required")
	}
	req := casework.PairRequest{CaseID: *rf.dossierID, SubjectID: *rf.subject, OutDir: *dir, RenderOptions: o}
	return printed(e, func(s *casework.Service) ([]casework.Printed, error) { return s.Pair(req) })
}

// printed runs a render and prints one line per copy written.
func printed(e *Env, render func(*casework.Service) ([]casework.Printed, error)) error {
	var done []casework.Printed
	if err := withService(e, func(s *casework.Service) (err error) { done, err = render(s); return err }); err != nil {
		return err
	}
	for _, d := range done {
		fmt.Fprintf(e.Stdout, "%s  %s %s 份号 %s  SHA-256 %s\n", d.Path, d.Template, d.Number, d.Copy, d.SHA256)
	}
	return nil
}

// renderFree renders a free document from JSON, audited as an export.
func renderFree(e *Env, src, out string, fixed time.Time) error {
	b, err := readInput(e, src)
	if err != nil {
		return err
	}
	var r *casework.FreeRendered
	if err := withService(e, func(s *casework.Service) (err error) { r, err = s.RenderFree(b, out, fixed); return err }); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "%s  %d 字节  SHA-256 %s\n", r.Path, r.Size, r.SHA256)
	return nil
}

func docFields(e *Env, args []string) error {
	fs := newFlags("doc fields")
	id := fs.String("dossier", "", "")
	set := fs.String("set", "", "")
	merged := fs.Bool("merged", false, "")
	subject := fs.String("subject", "", "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *merged && *id == "":
		return usageErr("--merged needs --dossier ID")
	case *set != "":
		b, err := readInput(e, *set)
		if err != nil {
			return err
		}
		if err := withService(e, func(s *casework.Service) error { return s.SetDocFields(*id, b) }); err != nil {
			return err
		}
		key := *id
		if key == "" {
			key = dossier.DocFieldsDefaults
		}
		fmt.Fprintf(e.Stdout, "文书要素已保存（%s）\n", key)
		return nil
	}
	var out map[string]any
	err := withService(e, func(s *casework.Service) (err error) {
		if *merged {
			out, err = s.MergedDocFields(*id, *subject)
		} else {
			out, err = s.DocFields(*id)
		}
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(e, out)
	return nil
}

func docRegister(e *Env, args []string) error {
	fs := newFlags("doc register")
	id := fs.String("dossier", "", "")
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var es []dossier.RegisterEntry
	if err := withService(e, func(s *casework.Service) (err error) { es, err = s.DocumentRegister(*id); return err }); err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e, nonNil(es))
		return nil
	}
	for _, en := range es {
		num := en.Number
		if num == "" {
			num = "（无文号）"
		}
		fmt.Fprintf(e.Stdout, "%-16s %-12s %s  案件 %s  印 %d 份\n", num, en.Template, en.Date, en.DossierID, len(en.Copies))
	}
	return nil
}

func docFonts(e *Env, args []string) error {
	fs := newFlags("doc fonts")
	text := fs.String("text", "", "")
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	rep := pdf.FontReport(*text)
	if *asJSON {
		writeJSON(e, rep)
		return nil
	}
	for _, r := range rep.Roles {
		kind := "替代字体（内置开源）"
		if r.Official {
			kind = "官方字体"
		}
		fmt.Fprintf(e.Stdout, "%s: %s  %s  %s\n", r.Role, r.Font, r.File, kind)
	}
	for _, f := range rep.Fallbacks {
		fmt.Fprintf(e.Stdout, "回退: %s 在%s字体中缺字，改用 %s（%s）\n", f.Char, f.Role, f.Font, f.File)
	}
	if len(rep.Missing) > 0 {
		fmt.Fprintf(e.Stdout, "缺字: %s（所有字体都没有，会印成空框）\n", strings.Join(rep.Missing, " "))
	} else if *text != "" {
		fmt.Fprintln(e.Stdout, "缺字: 无")
	}
	return nil
}
