package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os/user"
	"strconv"
	"strings"
	"time"

	"qingfeng/store"
	"qingfeng/store/model"
)

// actor is who the 经手人 trail names for CLI work: the audit actor.
func actor(e *Env) string {
	if e.Opts != nil && e.Opts.Actor != "" {
		return e.Opts.Actor
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}

// dateArg parses a --date/--today value; empty means today.
func dateArg(s string) (model.Date, error) {
	if s == "" {
		return model.DateOf(time.Now()), nil
	}
	d, err := model.ParseDate(s)
	if err != nil {
		return d, usageErr("日期格式应为 2006-01-02: %q", s)
	}
	return d, nil
}

// parseDays reads "7d", "7" or "2w" as a number of days.
func parseDays(s string) (int, error) {
	t := strings.TrimSpace(s)
	mult := 1
	switch {
	case strings.HasSuffix(t, "d"):
		t = strings.TrimSuffix(t, "d")
	case strings.HasSuffix(t, "w"):
		t, mult = strings.TrimSuffix(t, "w"), 7
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 {
		return 0, usageErr("期限应写作 7d、2w 或天数: %q", s)
	}
	return n * mult, nil
}

// decodeStrict decodes exactly one JSON object into v, refusing unknown
// fields so that a misspelt field is an error, not silently dropped.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %v", store.ErrInvalidRecord, err)
	}
	if dec.More() {
		return fmt.Errorf("%w: more than one JSON value", store.ErrInvalidRecord)
	}
	return nil
}

// readModel reads --json F|- into v strictly.
func readModel(e *Env, src string, v any) error {
	if src == "" {
		return usageErr("--json F|- is required")
	}
	b, err := readInput(e, src)
	if err != nil {
		return err
	}
	return decodeStrict(b, v)
}

// parseVerb parses the flags of a verb with sub-commands: a bare --json asks
// for JSON output (--json F names an input file), and date points at the
// verb's --date flag, read once parsed (empty: today).
func parseVerb(fs *flag.FlagSet, args []string, date *string) (pos []string, asJSON bool, on model.Date, err error) {
	if pos, err = parse(fs, normaliseJSONFlag(args, &asJSON)); err != nil {
		return nil, false, on, err
	}
	on, err = dateArg(*date)
	return pos, asJSON, on, err
}
