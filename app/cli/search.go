package cli

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"qingfeng/casework"
	"qingfeng/store"
)

func init() {
	register("search", "search QUERY [--limit N] [--json]     中文子串检索（空格分隔多个词，同时包含）", runSearch)
}

func runSearch(e *Env, args []string) error {
	fs := newFlags("search")
	asJSON := fs.Bool("json", false, "")
	limit := fs.Int("limit", 50, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageErr("search QUERY")
	}
	q := strings.Join(pos, " ")
	var res *store.SearchResult
	if err := withService(e, func(s *casework.Service) (err error) { res, err = s.Search(q, *limit); return err }); err != nil {
		return err
	}
	if *asJSON {
		if res.Records == nil {
			res.Records = []*store.Record{}
		}
		writeJSON(e, map[string]any{"query": q, "total": res.Total, "records": res.Records})
		return nil
	}
	fmt.Fprintf(e.Stdout, "共 %d 条（显示 %d 条）\n", res.Total, len(res.Records))
	for _, r := range res.Records {
		fmt.Fprintf(e.Stdout, "%s/%s  %s\n", r.Type, r.ID, summary(r))
	}
	return nil
}

// summary is a one-line description of a record from its usual fields.
func summary(r *store.Record) string {
	var f map[string]any
	json.Unmarshal(r.Data, &f)
	var parts []string
	for _, k := range []string{"number", "title", "name", "subject", "summary", "stage"} {
		if s, ok := f[k].(string); ok && s != "" {
			parts = append(parts, truncate(s, 40))
		}
	}
	return strings.Join(parts, "  ")
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
