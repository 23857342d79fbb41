package casework

import (
	"errors"
	"testing"

	"qingfeng/store"
	"qingfeng/store/model"
)

// TestSettings: the defaults at revision 0; a save from a form read at an
// older revision, or with a bad number format, is refused and stores
// nothing; a good one is one create or edit entry and returns the new
// revision.
func TestSettings(t *testing.T) {
	s := modelService(t)
	st, rev, err := s.Settings()
	if err != nil || rev != 0 || st != model.DefaultSettings() {
		t.Fatalf("defaults %+v rev %d %v", st, rev, err)
	}
	st.OfficeCode = "某纪"
	n := auditLen(t, s)
	if rev, err = s.SaveSettings(st, 0); err != nil || rev != 1 {
		t.Fatalf("first save: rev %d %v", rev, err)
	}
	wantAudit(t, s, auditSince(t, s, n), [4]string{store.ActionCreate, model.TypeSettings, model.SettingsID, ""})
	stale := st
	stale.IssuingBody = "旧表单"
	if _, err := s.SaveSettings(stale, 0); !errors.Is(err, store.ErrRevisionMismatch) {
		t.Fatalf("stale save: %v", err)
	}
	bad := st
	bad.LeadNumberFormat = "XS-{year}"
	if _, err := s.SaveSettings(bad, 1); !errors.Is(err, model.ErrNumberFormat) {
		t.Fatalf("bad format: %v", err)
	}
	if got, rev, _ := s.Settings(); got.OfficeCode != "某纪" || got.IssuingBody != st.IssuingBody || rev != 1 {
		t.Fatalf("after refusals %+v rev %d", got, rev)
	}
	st.Scheme = model.SchemeFourMethods
	n = auditLen(t, s)
	if rev, err = s.SaveSettings(st, 1); err != nil || rev != 2 {
		t.Fatalf("second save: rev %d %v", rev, err)
	}
	wantAudit(t, s, auditSince(t, s, n), [4]string{store.ActionEdit, model.TypeSettings, model.SettingsID, ""})
}
