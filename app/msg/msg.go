// Package msg turns errors into one-line messages for people: what failed
// and what to do. It is the only place that does so; the CLI and the window
// both use it, from one table (table.go). Chinese is the default language.
package msg

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"sync/atomic"
	"syscall"

	"qingfeng/store"
	"qingfeng/store/model"
)

// entry is the Chinese and English line for one error.
type entry struct {
	err    error
	zh, en string
}

// line is the entry's text in the current language.
func (e *entry) line() string { return pick(e.zh, e.en) }

var lang atomic.Value // "zh" or "en"

// SetLang selects the language ("zh" or "en"); anything else means Chinese.
func SetLang(l string) {
	if strings.HasPrefix(strings.ToLower(l), "en") {
		lang.Store("en")
		return
	}
	lang.Store("zh")
}

// Lang returns the current language.
func Lang() string {
	if l, ok := lang.Load().(string); ok {
		return l
	}
	return "zh"
}

func init() { SetLang(os.Getenv("QINGFENG_LANG")) }

// Text returns the one-line message for err as the command line words it.
// An error not in the table is shown with a generic prefix and its own
// text, so nothing is hidden.
func Text(err error) string { return text(err, nil) }

// WindowText returns the one-line message for err as the window words it:
// Text, except for the errors windowTable words in the window's terms.
func WindowText(err error) string { return text(err, windowTable) }

func text(err error, first []entry) string {
	if err == nil {
		return ""
	}
	var me *model.MoveError
	if errors.As(err, &me) {
		return moveText(me, first)
	}
	var ie *store.InternalError
	if errors.As(err, &ie) {
		return internalText(ie, first)
	}
	if e := find(first, err); e != nil {
		return e.line() + detailOf(err, e.err)
	}
	if e := find(table, err); e != nil {
		return e.line() + detailOf(err, e.err)
	}
	return unknownText(err)
}

// find returns the entry of the outermost error in err's chain that has
// one (the most specific, when one sentinel wraps another), else the first
// entry errors.Is matches, else nil.
func find(entries []entry, err error) *entry {
	for _, e := range chain(err) {
		if !reflect.TypeOf(e).Comparable() {
			continue
		}
		for i := range entries {
			if entries[i].err == e {
				return &entries[i]
			}
		}
	}
	for i := range entries {
		if errors.Is(err, entries[i].err) {
			return &entries[i]
		}
	}
	return nil
}

// chain lists err and everything it wraps, outermost first.
func chain(err error) []error {
	var out []error
	for todo := []error{err}; len(todo) > 0; {
		e := todo[0]
		todo = todo[1:]
		if e == nil {
			continue
		}
		out = append(out, e)
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			todo = append(todo, u.Unwrap())
		case interface{ Unwrap() []error }:
			todo = append(todo, u.Unwrap()...)
		}
	}
	return out
}

// unknownText words an error that is in no table.
func unknownText(err error) string {
	s := oneLine(err.Error())
	if diskFull(err) {
		return pick("磁盘空间不足：请腾出空间后重试；本次操作未写入任何内容（"+s+"）",
			"the disk is full: free some space and try again; nothing was changed ("+s+")")
	}
	return pick("操作失败："+s, "failed: "+s)
}

// diskFull recognises a full disk or quota, also when a library reported it
// as text instead of wrapping the system error (bbolt does).
func diskFull(err error) bool {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "no space left on device") || strings.Contains(s, "file too large") || strings.Contains(s, "disk quota exceeded")
}
