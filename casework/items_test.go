package casework

import (
	"errors"
	"slices"
	"testing"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// TestItemAddReplyList: an item is stored with its suggested next step and
// one create entry; an empty reply and a stale one are refused; a reply
// is stored as one edit; Items gives every item with its revision.
func TestItemAddReplyList(t *testing.T) {
	s := modelService(t)
	in := model.TrackedItem{Kind: model.TrackedKinds[0], Unit: "某区财政局", Issued: model.MustDate("2026-04-01"),
		Deadline: model.MustDate("2026-05-01"), Status: model.TrackedOpen}
	n := auditLen(t, s)
	it, err := s.AddItem(in)
	if err != nil {
		t.Fatal(err)
	}
	if in.ID != "" || it.ID == "" || it.NextStep != model.SuggestedNextStep(in.Kind) {
		t.Fatalf("added %+v (argument %+v)", it, in)
	}
	wantAudit(t, s, auditSince(t, s, n), [4]string{store.ActionCreate, model.TypeTrackedItem, it.ID, ""})

	before, _ := s.Vault().RecordsDigest()
	if _, err := s.ReplyItem(it.ID, 1, modelToday, "  "); !errors.Is(err, ErrNoReplyText) {
		t.Fatalf("empty reply: %v", err)
	}
	if _, err := s.ReplyItem(it.ID, 2, modelToday, "已整改"); !errors.Is(err, store.ErrRevisionMismatch) {
		t.Fatalf("stale reply: %v", err)
	}
	if after, _ := s.Vault().RecordsDigest(); !slices.Equal(before, after) {
		t.Fatal("a refused reply changed the records")
	}
	n = auditLen(t, s)
	if _, err := s.ReplyItem(it.ID, 1, modelToday, " 已整改完毕，附整改报告。 "); err != nil {
		t.Fatal(err)
	}
	wantAudit(t, s, auditSince(t, s, n), [4]string{store.ActionEdit, model.TypeTrackedItem, it.ID, ""})
	var stored model.TrackedItem
	s.Vault().View(func(tx *store.Tx) error {
		_, err := dossier.Load(tx, model.TypeTrackedItem, it.ID, &stored)
		return err
	})
	if stored.Reply != "已整改完毕，附整改报告。" || stored.Replied != modelToday || stored.Status != model.TrackedReplied {
		t.Fatalf("stored %+v", stored)
	}
	items, err := s.Items()
	if err != nil || len(items) != 1 || items[0].Rev != 2 || items[0].Reply != stored.Reply {
		t.Fatalf("items %+v %v", items, err)
	}
}
