package cli

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"qingfeng/casework"
	"qingfeng/store/model"
)

func init() {
	register("item", "item add --json F|- | list [--json] | reply ID --text 回复 [--date D] [--rev N]    督办事项", runItem)
	register("deadlines", "deadlines [--due-within 7d] [--today D] [--json]   到期与逾期事项，逾期在前", runDeadlines)
	register("stats", "stats [--year 2020] [--today D] [--json]             统计：来源、类别、处置方式、阶段、形态、处分", runStats)
}

func runItem(e *Env, args []string) error {
	if len(args) == 0 {
		return usageErr("item add|list|reply")
	}
	fs := newFlags("item")
	src := fs.String("json", "", "")
	text := fs.String("text", "", "")
	date := fs.String("date", "", "")
	rev := fs.Uint64("rev", 0, "")
	pos, _, on, err := parseVerb(fs, args[1:], date)
	if err != nil {
		return err
	}
	switch {
	case args[0] == "add":
		return itemAdd(e, *src)
	case args[0] == "list":
		var items []casework.Tracked
		if err := withService(e, func(s *casework.Service) (err error) { items, err = s.Items(); return err }); err != nil {
			return err
		}
		writeJSON(e, nonNil(items))
		return nil
	case args[0] == "reply" && len(pos) == 1:
		return applyChange(e, func(s *casework.Service) (model.Record, error) { return s.ReplyItem(pos[0], *rev, on, *text) })
	}
	return usageErr("item add|list|reply ID")
}

func itemAdd(e *Env, src string) error {
	var in model.TrackedItem
	if err := readModel(e, src, &in); err != nil {
		return err
	}
	var t *model.TrackedItem
	if err := withService(e, func(s *casework.Service) (err error) { t, err = s.AddItem(in); return err }); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, t.ID)
	return nil
}

func runDeadlines(e *Env, args []string) error {
	fs := newFlags("deadlines")
	within := fs.String("due-within", "", "")
	todayArg := fs.String("today", "", "")
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	days := -1
	if *within != "" {
		var err error
		if days, err = parseDays(*within); err != nil {
			return err
		}
	}
	today, err := dateArg(*todayArg)
	if err != nil {
		return err
	}
	var ds []model.Deadline
	if err := withService(e, func(s *casework.Service) (err error) { ds, err = s.Deadlines(today, days); return err }); err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e, nonNil(ds))
		return nil
	}
	for _, d := range ds {
		flag := "  "
		if d.Overdue {
			flag = "逾期"
		}
		fmt.Fprintf(e.Stdout, "%s %s  %-12s %-16s 到期 %s（%+d 天）%s\n", flag, d.Record, d.Number, d.Name, d.Due, d.DaysLeft, d.NextStep)
	}
	return nil
}

func runStats(e *Env, args []string) error {
	fs := newFlags("stats")
	year := fs.Int("year", 0, "")
	todayArg := fs.String("today", "", "")
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	today, err := dateArg(*todayArg)
	if err != nil {
		return err
	}
	if *year == 0 {
		*year = today.Year()
	}
	var st model.Statistics
	if err := withService(e, func(s *casework.Service) (err error) { st, err = s.Stats(*year, today); return err }); err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e, st)
		return nil
	}
	printStats(e, &st)
	return nil
}

// printStats writes the main counts as short text lines.
func printStats(e *Env, st *model.Statistics) {
	w := e.Stdout
	fmt.Fprintf(w, "%d 年统计（截至 %s）\n", st.Year, st.AsOf)
	fmt.Fprintf(w, "受理线索 %d 件，未处置 %d 件，办结 %d 件\n", st.Leads.Received, st.Leads.Undisposed, st.Leads.Closed)
	fmt.Fprintf(w, "  按来源: %s\n", counts(st.Leads.BySource))
	fmt.Fprintf(w, "  按问题类别: %s\n", counts(st.Leads.ByCategory))
	fmt.Fprintf(w, "  按处置方式: %s\n", counts(st.Leads.ByDisposal))
	fmt.Fprintf(w, "案件受理 %d 件，立案 %d 件，归档 %d 件，问责子案 %d 件\n", st.Cases.Opened, st.Cases.Filed, st.Cases.Archived, st.Cases.Accountability)
	fmt.Fprintf(w, "  按阶段: %s\n", counts(st.Cases.ByStage))
	fmt.Fprintf(w, "逾期: %s\n", mustJSON(st.Overdue))
}

// counts formats a map of counts as "key n, key n" in key order.
func counts[K ~string](m map[K]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[K(k)]))
	}
	return strings.Join(parts, "，")
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func splitAny(s, seps string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
}
