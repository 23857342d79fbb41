// Package dossier keeps the case model (qingfeng/store/model) in the vault:
// typed load and save of leads, subjects, cases, tracked items and settings,
// and the workflow operations that change several records at once (a lead
// put on file opens a case; a 一案双查 link updates both cases). Every
// operation takes a *store.Tx, so the caller decides the transaction and all
// of it commits together or not at all. It imports no GUI code.
package dossier

import (
	"errors"
)

// Errors of this package; model and store errors pass through wrapped.
var (
	// ErrWrongType means a record id names a record of another type.
	ErrWrongType = errors.New("dossier: record is of another type")
	// ErrHasCase means a lead already grew a case.
	ErrHasCase = errors.New("dossier: lead already has a case")
	// ErrReferenced means a record cannot be deleted while others refer to it.
	ErrReferenced = errors.New("dossier: record is still referred to")
)
