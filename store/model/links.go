package model

import (
	"fmt"
	"slices"
)

// 一案双查: a case links to the 问责 sub-cases of the leaders responsible
// (Case.AccountabilityCases) and each sub-case names its parent
// (Case.ParentCase). Links go one level deep: a sub-case has no sub-cases
// of its own and a parent has no parent.

// validateOwnLinks checks what one case can check alone.
func (c *Case) validateOwnLinks() error {
	const r = TypeCase
	if err := checkUniqueIDs(r, "accountability_cases", c.AccountabilityCases); err != nil {
		return err
	}
	switch {
	case c.ParentCase == c.ID && c.ID != "":
		return fieldErr(r, "parent_case", ErrLink)
	case slices.Contains(c.AccountabilityCases, c.ID):
		return fieldErr(r, "accountability_cases", ErrLink)
	case c.ParentCase != "" && c.Kind != KindAccountability:
		return fieldErr(r, "kind", ErrLink)
	case c.ParentCase != "" && len(c.AccountabilityCases) > 0:
		return fieldErr(r, "accountability_cases", ErrLink)
	}
	return nil
}

// LinkAccountability links a 问责 sub-case to its parent, in both
// directions. The child must be of kind 问责, have no other parent and no
// children; the parent must not itself be a sub-case.
func LinkAccountability(parent, child *Case) error {
	switch {
	case parent.ID == "" || child.ID == "" || parent.ID == child.ID:
		return fmt.Errorf("%w: %q -> %q", ErrLink, parent.ID, child.ID)
	case child.Kind != KindAccountability:
		return fmt.Errorf("%w: child %s is %s", ErrLink, child.ID, child.Kind)
	case child.ParentCase != "" && child.ParentCase != parent.ID:
		return fmt.Errorf("%w: child %s already under %s", ErrLink, child.ID, child.ParentCase)
	case len(child.AccountabilityCases) > 0:
		return fmt.Errorf("%w: child %s has sub-cases", ErrLink, child.ID)
	case parent.ParentCase != "":
		return fmt.Errorf("%w: parent %s is a sub-case", ErrLink, parent.ID)
	}
	child.ParentCase = parent.ID
	if !slices.Contains(parent.AccountabilityCases, child.ID) {
		parent.AccountabilityCases = append(parent.AccountabilityCases, child.ID)
	}
	return nil
}

// UnlinkAccountability removes the link in both directions.
func UnlinkAccountability(parent, child *Case) {
	parent.AccountabilityCases = slices.DeleteFunc(parent.AccountabilityCases,
		func(id string) bool { return id == child.ID })
	if child.ParentCase == parent.ID {
		child.ParentCase = ""
	}
}

// CheckLinks checks the 一案双查 links across a set of cases: every link
// points at a case in the set and is mirrored on the other side.
func CheckLinks(cases []Case) error {
	byID := make(map[string]*Case, len(cases))
	for i := range cases {
		byID[cases[i].ID] = &cases[i]
	}
	for i := range cases {
		c := &cases[i]
		if c.ParentCase != "" {
			p := byID[c.ParentCase]
			if p == nil || !slices.Contains(p.AccountabilityCases, c.ID) {
				return fmt.Errorf("%w: %s -> parent %s", ErrLink, c.ID, c.ParentCase)
			}
		}
		for _, id := range c.AccountabilityCases {
			ch := byID[id]
			if ch == nil || ch.ParentCase != c.ID {
				return fmt.Errorf("%w: %s -> sub-case %s", ErrLink, c.ID, id)
			}
		}
	}
	return nil
}

// PlanDelete says what deleting case id does to the links. Deleting a
// case that still has 问责 sub-cases is refused (ErrLinkedCases): they
// must be unlinked or deleted first. Deleting a sub-case returns its
// parent with the link removed, to be saved in the same transaction.
func PlanDelete(cases []Case, id string) ([]Case, error) {
	i := slices.IndexFunc(cases, func(c Case) bool { return c.ID == id })
	if i < 0 {
		return nil, fmt.Errorf("%w: case %s", ErrDanglingRef, id)
	}
	c := cases[i]
	if len(c.AccountabilityCases) > 0 {
		return nil, fmt.Errorf("%w: %s has %d", ErrLinkedCases, id, len(c.AccountabilityCases))
	}
	if c.ParentCase == "" {
		return nil, nil
	}
	j := slices.IndexFunc(cases, func(p Case) bool { return p.ID == c.ParentCase })
	if j < 0 {
		return nil, nil
	}
	parent := cases[j]
	parent.AccountabilityCases = slices.DeleteFunc(slices.Clone(parent.AccountabilityCases),
		func(s string) bool { return s == id })
	return []Case{parent}, nil
}
