// Package model is the pure case model of 清风案卷: the record types kept in
// the vault (leads, subjects, cases, tracked items, sanctions, settings),
// their validation, the disposal schemes, the stage transition table, the
// deadline engine with its holiday calendar, sanction effect periods and the
// statistics.
//
// The package is a leaf: it imports neither the vault nor any GUI toolkit.
// Every record serialises to JSON with lower_snake keys; Date values are
// civil dates written as "2006-01-02" and money is integer fen (分).
//
// Domain terms that are data (stage names, disposal categories, sanction
// measures) are Chinese string values; errors are English sentinels declared
// in errors.go and carry no text meant for people.
package model

// SchemaVersion is the version of the JSON layout of every record type in
// this package. The vault stores it beside each record.
const SchemaVersion = 1

// Record type names, as stored by the vault beside each JSON body.
const (
	TypeLead        = "lead"
	TypeSubject     = "subject"
	TypeCase        = "case"
	TypeTrackedItem = "tracked_item"
	TypeSanction    = "sanction"
	TypeSettings    = "settings"
)

// Record is implemented by every top-level record type.
type Record interface {
	// RecordType returns the constant type name (TypeLead, ...).
	RecordType() string
	// RecordID returns the record's ID.
	RecordID() string
	// Validate reports the first problem found, as a *FieldError wrapping
	// one of the package's sentinel errors, or nil.
	Validate() error
}
