package casework

import (
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"qingfeng/store/gen"
	"qingfeng/store/model"
)

// TestImportDatasetAndAttachments: the demo import stores every record
// in batches with progress, keeps the vault's own settings, aligns the
// counters, and adds generated attachments to the cases.
func TestImportDatasetAndAttachments(t *testing.T) {
	s := modelService(t)
	st := model.DefaultSettings()
	st.OfficeCode = "自己的代字"
	if _, err := s.SaveSettings(st, 0); err != nil {
		t.Fatal(err)
	}
	ds := gen.New(3, modelToday).Dataset(10, 20)
	var calls []int
	n, err := s.ImportDataset(&ds, func(done, total int) { calls = append(calls, done, total) })
	want := len(ds.Subjects) + len(ds.Leads) + len(ds.Cases) + len(ds.Items)
	if err != nil || n != want || len(calls) != 2 || calls[0] != want || calls[1] != want {
		t.Fatalf("imported %d of %d, progress %v, %v", n, want, calls, err)
	}
	if got, _, _ := s.Settings(); got.OfficeCode != "自己的代字" {
		t.Fatalf("the import replaced the settings: %+v", got)
	}
	l, err := s.RegisterLead(newLeadInput("2026-05-01"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, old := range ds.Leads {
		if old.Number == l.Number {
			t.Fatalf("new lead number %s collides", l.Number)
		}
	}
	content := func(i int) io.Reader {
		src := rand.New(rand.NewPCG(uint64(i), 1))
		return strings.NewReader(strings.Repeat(string(rune('a'+src.IntN(26))), 1000))
	}
	var done []int
	if err := s.GenAttachments(&ds, 3, content, func(d, _ int) { done = append(done, d) }); err != nil || len(done) != 3 {
		t.Fatalf("attachments: %v %v", done, err)
	}
	cv, err := s.CaseView(ds.Cases[0].ID, modelToday)
	if err != nil || len(cv.Attachments) != 1 || cv.Attachments[0].Size != 1000 || !strings.HasPrefix(cv.Attachments[0].Name, "证据材料-") {
		t.Fatalf("case attachments %+v %v", cv, err)
	}
}
