package casework

import (
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// The reports across the whole vault: due and overdue deadlines, the
// statistics, the 工作台 and the record counts. Each reads in one read
// transaction and writes nothing.

// Deadlines lists the open deadlines due within `within` days of today
// (within < 0: every open one) and every overdue one, overdue first,
// computed by the vault's rule table.
func (s *Service) Deadlines(today model.Date, within int) ([]model.Deadline, error) {
	var ds []model.Deadline
	err := s.overview(func(a *dossier.All, rules *model.Rules) (err error) {
		ds, err = a.Upcoming(rules, today, within)
		return err
	})
	return ds, err
}

// Stats computes the statistics of a year as of today, the overdue counts
// included.
func (s *Service) Stats(year int, today model.Date) (model.Statistics, error) {
	var st model.Statistics
	err := s.overview(func(a *dossier.All, rules *model.Rules) error {
		st = a.Stats(year, today)
		open, err := a.Upcoming(rules, today, -1)
		st.CountOverdue(open)
		return err
	})
	return st, err
}

// Dashboard is what the 工作台 shows of the case model.
type Dashboard struct {
	Upcoming  []model.Deadline         // due within the days asked, and overdue, overdue first
	Stats     model.Statistics         // of today's year
	OpenLeads map[model.LeadStatus]int // leads not closed, by status
	OpenCases map[model.Stage]int      // cases not archived, by stage
	Archived  [12]int                  // cases entering 归档 per month of today's year
}

// Dashboard reads every lead, case and item once and computes the
// deadlines due within `within` days, this year's statistics and the open
// counts.
func (s *Service) Dashboard(today model.Date, within int) (*Dashboard, error) {
	d := &Dashboard{OpenLeads: map[model.LeadStatus]int{}, OpenCases: map[model.Stage]int{}}
	err := s.overview(func(a *dossier.All, rules *model.Rules) (err error) {
		if d.Upcoming, err = a.Upcoming(rules, today, within); err != nil {
			return err
		}
		d.Stats = a.Stats(today.Year(), today)
		open, err := a.Upcoming(rules, today, -1)
		d.Stats.CountOverdue(open)
		d.count(a, today.Year())
		return err
	})
	return d, err
}

// count fills the open counts and the archived cases per month of year.
func (d *Dashboard) count(a *dossier.All, year int) {
	for i := range a.Leads {
		if st := a.Leads[i].Status; st != model.LeadClosed {
			d.OpenLeads[st]++
		}
	}
	for i := range a.Cases {
		c := &a.Cases[i]
		if c.Stage != model.StageArchived {
			d.OpenCases[c.Stage]++
		}
		if on := c.EnteredOn(model.StageArchived); !on.IsZero() && on.Year() == year {
			d.Archived[on.Month()-1]++
		}
	}
}

// TypeCount is how many records of one type a vault holds.
type TypeCount struct {
	Type string
	N    int
}

// RecordCounts counts the records of each of types, and of every type,
// without decrypting any.
func (s *Service) RecordCounts(types []string) (counts []TypeCount, total int, err error) {
	err = s.view(func(tx *store.Tx) error {
		for _, t := range types {
			counts = append(counts, TypeCount{t, tx.Count(t)})
		}
		total = tx.Count("")
		return nil
	})
	return counts, total, err
}

// overview runs fn over every lead, case and item and the rules in force,
// in one read transaction.
func (s *Service) overview(fn func(*dossier.All, *model.Rules) error) error {
	return s.view(func(tx *store.Tx) error {
		a, err := dossier.LoadAll(tx)
		if err != nil {
			return err
		}
		rules, err := dossier.Rules(tx)
		if err != nil {
			return err
		}
		return fn(a, rules)
	})
}
