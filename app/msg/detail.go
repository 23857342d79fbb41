package msg

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"sync"

	"qingfeng/assets"
	"qingfeng/store/model"
)

// detailOf keeps the specific part of a wrapped error ("dossier/x", the
// template and line), which helps a person find the place, without
// repeating the sentinel. A field path (model.FieldError's "case.nature",
// or a bare "reason") is named in the user's words, or left out.
func detailOf(err, sentinel error) string {
	s := err.Error()
	if s == sentinel.Error() {
		return ""
	}
	var fe *model.FieldError
	if errors.As(err, &fe) {
		s = strings.Replace(s, fe.Record+"."+fe.Field, fieldWords(fe.Field), 1)
	}
	s = strings.TrimPrefix(strings.ReplaceAll(s, sentinel.Error(), ""), ": ")
	s = strings.Trim(s, " :")
	if fieldPath.MatchString(s) {
		s = fieldWords(s)
	}
	if s == "" {
		return ""
	}
	return pick("（"+oneLine(s)+"）", " ("+oneLine(s)+")")
}

// oneLine folds line breaks (a panic's text may hold some) into spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\r", " ")), " ")
}

// fieldPath matches a JSON field path as the model names it:
// "reason", "disposal.outcome", "outcomes[0].sanctions[1].subject_id".
var fieldPath = regexp.MustCompile(`^[a-z][a-z0-9_]*(\[\d+\])*(\.[a-z][a-z0-9_]*(\[\d+\])*)*$`)

// fieldWords names the last field of a path that has a name for people
// ("disposal.outcome" → 结果), or "" when none has.
func fieldWords(path string) string {
	parts := strings.Split(path, ".")
	for i := len(parts) - 1; i >= 0; i-- {
		name, _, _ := strings.Cut(parts[i], "[")
		if w := fieldName(name); w != "" {
			return w
		}
	}
	return ""
}

// extraFields name the fields the model reports that the window's field
// labels (assets/translations, "field.*") do not.
var extraFields = map[string][2]string{
	"replied":              {"回复日期", "reply date"},
	"parent_case":          {"主案", "main case"},
	"accountability_cases": {"问责案件", "accountability cases"},
	"subject_id":           {"被反映人", "subject"},
	"sanctions":            {"处分", "sanctions"},
	"rule":                 {"期限规则", "deadline rule"},
	"people":               {"人员", "people"},
	"pages":                {"页数", "pages"},
	"approved":             {"批准", "approval"},
	"probation_years":      {"留党察看期限", "probation period"},
	"period_months":        {"处分期限", "sanction period"},
	"measure":              {"处分种类", "kind of sanction"},
	"form_override":        {"形态", "form"},
	"next_step":            {"下一步", "next step"},
	"lead_number_format":   {"线索编号格式", "lead number format"},
	"case_number_format":   {"案件编号格式", "case number format"},
	"start":                {"起算日期", "start date"},
}

// fieldName is one field's name in the current language, or "".
func fieldName(f string) string {
	if w, ok := extraFields[f]; ok {
		return pick(w[0], w[1])
	}
	return fieldLabels(Lang())["field."+f]
}

var labelCache sync.Map // language → map of "field.*" ids to labels

// fieldLabels are the window's field labels of a language, read once.
func fieldLabels(l string) map[string]string {
	if m, ok := labelCache.Load(l); ok {
		return m.(map[string]string)
	}
	all := map[string]string{}
	json.Unmarshal(assets.Translation(l), &all)
	m := map[string]string{}
	for k, v := range all {
		if strings.HasPrefix(k, "field.") {
			m[k] = v
		}
	}
	labelCache.Store(l, m)
	return m
}
