// Package casework is the case work of 清风案卷, written once for both front
// ends. Everything a person can do to a vault's dossiers — register,
// dispose of and convert a lead, move a case and record its steps, track
// items and replies, attach evidence, render and register documents,
// search, export and import handoff bundles — is one method of a Service:
// one vault transaction, with its audit entry inside it, so either all of
// it happened or none. The window (app/) and the command line (app/cli/)
// parse what the person gave, call the method, and show what comes back;
// neither opens a transaction of its own.
//
// Layering: app → casework → export → store. This package imports no GUI
// code and writes no text for people (app/msg words its errors).
//
// Ownership: the caller opens the *store.Vault, hands it to New, and closes
// it when done (lock); a Service holds nothing else that needs closing.
// Methods may be called from any goroutine: bbolt runs one writer at a
// time and readers alongside. Progress callbacks run on the calling
// goroutine.
package casework

import (
	"time"

	"qingfeng/store"
)

// Service does the case work on one open vault.
type Service struct {
	v   *store.Vault
	now func() time.Time
}

// New returns the service over an open vault; the caller keeps owning v
// and closes it.
func New(v *store.Vault) *Service { return &Service{v: v, now: time.Now} }

// WithClock returns a copy of s whose "now" (dates of records, audit
// details, document dates) comes from now: tests and the parity check.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// Vault is the vault the service works on.
func (s *Service) Vault() *store.Vault { return s.v }

// Operator is who the audit trail and the 经手人 records name.
func (s *Service) Operator() string { return s.v.Actor() }

// update runs fn in one read-write transaction.
func (s *Service) update(fn func(*store.Tx) error) error { return s.v.Update(fn) }

// view runs fn in one read-only transaction.
func (s *Service) view(fn func(*store.Tx) error) error { return s.v.View(fn) }
