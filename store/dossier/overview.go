package dossier

import (
	"qingfeng/store"
	"qingfeng/store/model"
)

// All is every lead, case and tracked item of a vault, for the reports that
// look across them.
type All struct {
	Leads []model.Lead
	Cases []model.Case
	Items []model.TrackedItem
}

// LoadAll reads every lead, case and tracked item.
func LoadAll(tx *store.Tx) (*All, error) {
	var a All
	var err error
	if a.Leads, err = Leads(tx); err != nil {
		return nil, err
	}
	if a.Cases, err = Cases(tx); err != nil {
		return nil, err
	}
	if a.Items, err = Items(tx); err != nil {
		return nil, err
	}
	return &a, nil
}

// Upcoming lists open deadlines due within `within` days of today (and every
// overdue one), overdue first, computed by the rule table.
func (a *All) Upcoming(rules *model.Rules, today model.Date, within int) ([]model.Deadline, error) {
	return rules.Upcoming(a.Leads, a.Cases, a.Items, today, within)
}

// Stats computes the statistics for a year.
func (a *All) Stats(year int, today model.Date) model.Statistics {
	return model.Stats(a.Leads, a.Cases, a.Items, year, today)
}
