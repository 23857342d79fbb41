package msg

import (
	"errors"
	"fmt"
	"strings"

	"qingfeng/store"
	"qingfeng/store/model"
)

// The errors that carry more than a sentinel and a detail: a refused stage
// move, and an internal error with the log it left.

// internalText is the line of store.ErrInternal, its detail the panic's
// text and where the stack went. first is the front end's own table.
func internalText(e *store.InternalError, first []entry) string {
	line := find(first, store.ErrInternal)
	if line == nil {
		line = find(table, store.ErrInternal)
	}
	what := oneLine(fmt.Sprint(e.Panic))
	switch {
	case e.Log != "":
		return line.line() + pick("（"+what+"；日志："+e.Log+"）", " ("+what+"; log: "+e.Log+")")
	case e.LogErr != nil:
		return line.line() + pick("（"+what+"；日志未能写入："+e.LogErr.Error()+"）", " ("+what+"; the log could not be written: "+e.LogErr.Error()+")")
	}
	return line.line() + pick("（"+what+"）", " ("+what+")")
}

// moveText explains a refused stage move in one line: which move, and what
// is missing or which moves are allowed. first is the front end's own
// table, as in text.
func moveText(e *model.MoveError, first []entry) string {
	zh, en := "不能从"+string(e.From)+"转到"+string(e.To), "Cannot move from "+string(e.From)+" to "+string(e.To)
	switch {
	case e.Missing != "":
		return pick(zh+"：尚未登记“"+string(e.Missing)+"”，请先登记。", en+": “"+string(e.Missing)+"” is not on record; record it first.")
	case errors.Is(e.Err, model.ErrTransition):
		names := make([]string, len(e.Allowed))
		for i, s := range e.Allowed {
			names[i] = string(s)
		}
		return pick(zh+"，只能转到："+strings.Join(names, "、")+"。", en+"; allowed: "+strings.Join(names, ", ")+".")
	case errors.Is(e.Err, model.ErrMoveKind):
		return pick("不能从"+string(e.From)+"以“"+string(e.Kind)+"”方式转到"+string(e.To)+"：请换一种流转方式。",
			en+" as “"+string(e.Kind)+"”: choose another kind of move.")
	case errors.Is(e.Err, model.ErrDateOrder):
		return pick(zh+"：日期早于上一次流转，请核对日期。", en+": the date is before the last move; check it.")
	}
	return pick(zh+"：", en+": ") + text(e.Err, first)
}

// pick returns the text of the current language.
func pick(zh, en string) string {
	if Lang() == "en" {
		return en
	}
	return zh
}
