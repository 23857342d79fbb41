package model

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
)

func linkedPair(t *testing.T) (Case, Case) {
	t.Helper()
	parent := caseAt(StageTrial)
	parent.ID = "p"
	child := NewCase("q", KindAccountability, "", MustDate("2020-04-01"), "张䶮")
	child.SubjectIDs = []string{"s2"}
	if err := LinkAccountability(&parent, &child); err != nil {
		t.Fatal(err)
	}
	return parent, child
}

func TestLinkBothDirections(t *testing.T) {
	parent, child := linkedPair(t)
	if child.ParentCase != "p" || !slices.Equal(parent.AccountabilityCases, []string{"q"}) {
		t.Fatalf("links: %q %v", child.ParentCase, parent.AccountabilityCases)
	}
	if err := LinkAccountability(&parent, &child); err != nil || len(parent.AccountabilityCases) != 1 {
		t.Fatalf("relink not idempotent: %v %v", err, parent.AccountabilityCases)
	}
	for _, c := range []*Case{&parent, &child} {
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
	}
	if err := CheckLinks([]Case{parent, child}); err != nil {
		t.Fatal(err)
	}
	// The links survive an edit that goes through JSON (as every save does).
	var p2, c2 Case
	for _, x := range []struct {
		in  *Case
		out *Case
	}{{&parent, &p2}, {&child, &c2}} {
		b, _ := json.Marshal(x.in)
		if err := json.Unmarshal(b, x.out); err != nil {
			t.Fatal(err)
		}
	}
	p2.Title = "修改标题"
	if err := CheckLinks([]Case{p2, c2}); err != nil {
		t.Fatalf("after edit: %v", err)
	}
}

func TestLinkRefusals(t *testing.T) {
	parent, child := linkedPair(t)
	other := NewCase("r", KindAccountability, "", MustDate("2020-04-01"), "张䶮")
	inv := NewCase("s", KindInvestigation, "", MustDate("2020-04-01"), "张䶮")
	cases := []struct {
		name string
		p, c *Case
	}{
		{"investigation case as child", &parent, &inv},
		{"child of a child", &child, &other},
		{"self link", &other, &other},
		{"second parent", &inv, &child},
	}
	for _, tc := range cases {
		if err := LinkAccountability(tc.p, tc.c); !errors.Is(err, ErrLink) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	child.AccountabilityCases = []string{"r"}
	if err := child.Validate(); !errors.Is(err, ErrLink) {
		t.Errorf("child with sub-cases validates: %v", err)
	}
}

func TestCheckLinksFindsOneSidedLinks(t *testing.T) {
	parent, child := linkedPair(t)
	child.ParentCase = ""
	if err := CheckLinks([]Case{parent, child}); !errors.Is(err, ErrLink) {
		t.Errorf("parent-only link: %v", err)
	}
	parent, child = linkedPair(t)
	parent.AccountabilityCases = nil
	if err := CheckLinks([]Case{parent, child}); !errors.Is(err, ErrLink) {
		t.Errorf("child-only link: %v", err)
	}
	parent, _ = linkedPair(t)
	if err := CheckLinks([]Case{parent}); !errors.Is(err, ErrLink) {
		t.Errorf("link to a missing case: %v", err)
	}
}

func TestDeleteRules(t *testing.T) {
	parent, child := linkedPair(t)
	all := []Case{parent, child}
	// A parent with sub-cases cannot be deleted.
	if _, err := PlanDelete(all, "p"); !errors.Is(err, ErrLinkedCases) {
		t.Fatalf("delete parent: %v", err)
	}
	// Deleting the sub-case cascades to the parent's list.
	changed, err := PlanDelete(all, "q")
	if err != nil || len(changed) != 1 || changed[0].ID != "p" || len(changed[0].AccountabilityCases) != 0 {
		t.Fatalf("delete child: %+v %v", changed, err)
	}
	if len(all[0].AccountabilityCases) != 1 {
		t.Fatal("PlanDelete modified its input")
	}
	if err := CheckLinks(changed); err != nil {
		t.Fatalf("after delete: %v", err)
	}
	// After unlinking, the parent can go.
	UnlinkAccountability(&all[0], &all[1])
	if _, err := PlanDelete(all, "p"); err != nil {
		t.Fatalf("delete unlinked parent: %v", err)
	}
	if _, err := PlanDelete(all, "zz"); !errors.Is(err, ErrDanglingRef) {
		t.Fatalf("delete unknown: %v", err)
	}
}
