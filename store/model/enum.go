package model

import "slices"

// oneOf reports whether v is a member of set.
func oneOf[T comparable](v T, set []T) bool { return slices.Contains(set, v) }

// checkEnum validates an optional enumerated field: empty is allowed when
// optional is true, any other value must be in set.
func checkEnum[T ~string](record, field string, v T, set []T, optional bool) error {
	if v == "" {
		if optional {
			return nil
		}
		return fieldErr(record, field, ErrMissing)
	}
	if !oneOf(v, set) {
		return fieldErr(record, field, ErrInvalidValue)
	}
	return nil
}

// checkRequired validates a required string field.
func checkRequired(record, field, v string) error {
	if v == "" {
		return fieldErr(record, field, ErrMissing)
	}
	return nil
}

// checkUniqueIDs refuses empty and repeated IDs in a list.
func checkUniqueIDs(record, field string, ids []string) error {
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if id == "" {
			return fieldErr(record, field, ErrMissing)
		}
		if seen[id] {
			return fieldErr(record, field, ErrDuplicate)
		}
		seen[id] = true
	}
	return nil
}

// notBefore refuses a set date that is before a set reference date.
func notBefore(record, field string, d, ref Date) error {
	if !d.IsZero() && !ref.IsZero() && d.Before(ref) {
		return fieldErr(record, field, ErrDateOrder)
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
