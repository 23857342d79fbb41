package handoff

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"qingfeng/export/bundle"
	"qingfeng/store"
)

// Outcome is what an import did, or a dry run would do, with one record:
// the result store.Tx.Merge gave (in a dry run, inside a transaction that
// was then rolled back).
type Outcome struct {
	Type   string            `json:"type"`
	ID     string            `json:"id"`
	Result store.MergeResult `json:"result"`
	Label  string            `json:"label,omitempty"` // number, title or name, from the record's data
}

// Report says what an import did, or what a dry run would do. A dry run's
// report is the import's own, from the same transaction rolled back: only
// DryRun differs, unless the vault changes between the two.
type Report struct {
	File           string                    `json:"file"`
	SHA256         string                    `json:"sha256"` // of the whole file
	DryRun         bool                      `json:"dry_run"`
	Sender         string                    `json:"sender"`
	Fingerprint    string                    `json:"fingerprint"`
	NewContact     bool                      `json:"new_contact"` // an unknown sender, trusted by the user
	Created        time.Time                 `json:"created"`
	Dossiers       []bundle.DossierRef       `json:"dossiers"`
	Records        []Outcome                 `json:"records"`
	Counts         map[store.MergeResult]int `json:"counts"`
	ContentWritten int                       `json:"content_written"` // attachments whose content was (would be) stored
	ContentBytes   int64                     `json:"content_bytes"`
	ContentPresent int                       `json:"content_present"` // attachments already held: not written again
	AuditImported  int                       `json:"audit_imported"`
	AuditKnown     int                       `json:"audit_known"` // sender entries imported before
}

// newReport starts a report from the manifest: every record in bundle
// order, its result not yet known.
func (s *session) newReport(in *incoming) *Report {
	sender := s.r.Sender()
	rep := &Report{File: s.path, SHA256: s.sum, Sender: sender.Name, Fingerprint: sender.Fingerprint().String(),
		NewContact: s.newSender, Created: in.man.Created, Dossiers: in.man.Dossiers}
	for _, r := range in.records {
		rep.Records = append(rep.Records, Outcome{Type: r.Type, ID: r.ID, Label: label(r.Data)})
	}
	return rep
}

// count tallies the records by result.
func (rep *Report) count() {
	rep.Counts = map[store.MergeResult]int{}
	for _, o := range rep.Records {
		rep.Counts[o.Result]++
	}
}

// label picks a short description from a record's data: its number and
// its title, name, summary or unit.
func label(data json.RawMessage) string {
	var f map[string]any
	if json.Unmarshal(data, &f) != nil {
		return ""
	}
	var parts []string
	if n, ok := f["number"].(string); ok && n != "" {
		parts = append(parts, n)
	}
	for _, k := range []string{"title", "name", "summary", "unit"} {
		if s, ok := f[k].(string); ok && s != "" {
			parts = append(parts, s)
			break
		}
	}
	return truncate(strings.Join(parts, " "), 60)
}

// truncate cuts s to at most n characters, marking the cut with "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
