package dossier

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"qingfeng/store"
	"qingfeng/store/model"
)

// regVault creates a real vault in a temporary folder with the settings of
// a unit whose 机关代字 is 某纪; at cleanup the vault is checked and closed.
func regVault(t *testing.T) *store.Vault {
	t.Helper()
	p := store.FastKDF()
	v, _, err := store.Create(t.TempDir(), []byte("register test passphrase"), &store.Options{Actor: "印发员乙", KDF: &p})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if rep := v.Check(); !rep.OK() {
			t.Errorf("check: %+v", rep.Problems)
		}
		v.Close()
	})
	regUpdate(t, v, func(tx *store.Tx) error {
		s := model.DefaultSettings()
		s.IssuingBody, s.OfficeCode = "中共某市纪律检查委员会", "某纪"
		return SaveSettings(tx, s)
	})
	return v
}

func regUpdate(t *testing.T, v *store.Vault, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := v.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// regCase stores a case opened on 2026-01-05 and returns its id.
func regCase(t *testing.T, v *store.Vault) string {
	t.Helper()
	c := model.NewCase(store.NewID(), model.KindInvestigation, "", model.MustDate("2026-01-05"), "承办人甲")
	regUpdate(t, v, func(tx *store.Tx) error { _, err := Save(tx, &c, 0); return err })
	return c.ID
}

// fakePDF stands for the renderer: bytes that differ per document and copy.
func fakePDF(e *RegisterEntry, copyNumber string) (Rendered, error) {
	return Rendered{PDF: []byte("%PDF " + e.Number + " " + e.Template + " " + copyNumber), Secret: "机密★1年"}, nil
}

// print runs one Print in its own transaction.
func print(t *testing.T, v *store.Vault, req PrintRequest) (*RegisterEntry, []Rendered) {
	t.Helper()
	var e *RegisterEntry
	var out []Rendered
	regUpdate(t, v, func(tx *store.Tx) error {
		var err error
		e, out, err = Print(tx, req, fakePDF)
		return err
	})
	return e, out
}

func req(dossier, template, date string, numbered bool, copies int) PrintRequest {
	return PrintRequest{Key: DocKey{DossierID: dossier, Template: template}, Numbered: numbered,
		Date: model.MustDate(date), Copies: copies, By: "印发员乙", At: time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)}
}

// TestRegisterNumbersPerCodeAndYear: 文号 count per 机关代字 per year, as
// 代字〔2026〕5号; documents without a 文号 take no number.
func TestRegisterNumbersPerCodeAndYear(t *testing.T) {
	v := regVault(t)
	id := regCase(t, v)
	var got []string
	for _, r := range []PrintRequest{
		req(id, "立案决定书", "2026-03-05", true, 1),
		req(id, "立案通知书", "2026-03-05", true, 1),
		req(id, "案件调查报告", "2026-03-06", false, 1),
		req(id, "谈话通知书", "2027-01-04", true, 1),
		req(id, "函询通知书", "2026-12-31", true, 1),
	} {
		e, _ := print(t, v, r)
		got = append(got, e.Number)
	}
	regUpdate(t, v, func(tx *store.Tx) error {
		s, _, _ := Settings(tx)
		s.OfficeCode = "某纪建"
		return SaveSettings(tx, s)
	})
	e, _ := print(t, v, req(id, "监察建议书", "2026-04-01", true, 1))
	got = append(got, e.Number)
	want := "某纪〔2026〕1号 某纪〔2026〕2号  某纪〔2027〕1号 某纪〔2026〕3号 某纪建〔2026〕1号"
	if strings.Join(got, " ") != want {
		t.Fatalf("numbers %q, want %q", strings.Join(got, " "), want)
	}
	if e.Code != "某纪建" || e.Year != 2026 || e.Serial != 1 {
		t.Fatalf("entry %+v", e)
	}
}

// TestRegisterReprint: a reprint keeps the 文号 and 成文日期 and continues
// the 份号; New issues a fresh number.
func TestRegisterReprint(t *testing.T) {
	v := regVault(t)
	id := regCase(t, v)
	first, out := print(t, v, req(id, "监察建议书", "2026-03-05", true, 2))
	again, _ := print(t, v, req(id, "监察建议书", "2026-03-20", true, 1))
	if len(out) != 2 || again.ID != first.ID || again.Number != "某纪〔2026〕1号" || again.Date.String() != "2026-03-05" {
		t.Fatalf("reprint: %+v", again)
	}
	var nums []string
	for _, c := range again.Copies {
		nums = append(nums, CopyNumber(c.Number))
	}
	if strings.Join(nums, ",") != "000001,000002,000003" {
		t.Fatalf("份号 %v", nums)
	}
	r := req(id, "监察建议书", "2026-03-21", true, 1)
	r.New = true
	fresh, _ := print(t, v, r)
	if fresh.ID == first.ID || fresh.Number != "某纪〔2026〕2号" || fresh.Copies[0].Number != 1 {
		t.Fatalf("new issue: %+v", fresh)
	}
	// A later reprint goes to the newest issue.
	if e, _ := print(t, v, req(id, "监察建议书", "2026-03-22", true, 1)); e.ID != fresh.ID {
		t.Fatalf("reprint went to %s, want the newest %s", e.Number, fresh.Number)
	}
	// Another subject of the same case is another document.
	other := req(id, "监察建议书", "2026-03-05", true, 1)
	other.Key.SubjectID = "s2"
	if e, _ := print(t, v, other); e.Number != "某纪〔2026〕3号" {
		t.Fatalf("other subject: %s", e.Number)
	}
}

// TestRegisterAudit: every copy leaves one print entry naming the dossier,
// template, 文号, 份号 and the SHA-256 of exactly the bytes rendered.
func TestRegisterAudit(t *testing.T) {
	v := regVault(t)
	id := regCase(t, v)
	e, out := print(t, v, req(id, "立案决定书", "2026-03-05", true, 3))
	var prints []*store.AuditEntry
	regUpdate(t, v, func(tx *store.Tx) error {
		return tx.AuditEntries(func(a *store.AuditEntry) error {
			if a.Action == store.ActionPrint {
				prints = append(prints, a)
			}
			return nil
		})
	})
	if len(prints) != 3 {
		t.Fatalf("%d print entries, want 3", len(prints))
	}
	for i, a := range prints {
		var d PrintDetail
		if err := json.Unmarshal([]byte(a.Detail), &d); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(out[i].PDF)
		want := PrintDetail{Dossier: id, Template: "立案决定书", Number: "某纪〔2026〕1号", Copy: CopyNumber(i + 1), SHA256: hex.EncodeToString(sum[:])}
		if d != want || a.Actor != "印发员乙" || a.Type != TypeDocRegister || a.ID != e.ID || e.Copies[i].SHA256 != want.SHA256 {
			t.Errorf("entry %d: %+v %+v", i, a, d)
		}
	}
	if e.Copies[2].Secret != "机密★1年" || e.Copies[2].By != "印发员乙" {
		t.Fatalf("copy %+v", e.Copies[2])
	}
}

// TestRegisterPrintIsAtomic: a render that fails on the second copy keeps
// nothing: no entry, no audit, and the 文号 is not used up.
func TestRegisterPrintIsAtomic(t *testing.T) {
	v := regVault(t)
	id := regCase(t, v)
	boom := errors.New("render failed")
	err := v.Update(func(tx *store.Tx) error {
		_, _, err := Print(tx, req(id, "立案决定书", "2026-03-05", true, 2), func(e *RegisterEntry, n string) (Rendered, error) {
			if n == "000002" {
				return Rendered{}, boom
			}
			return fakePDF(e, n)
		})
		return err
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	regUpdate(t, v, func(tx *store.Tx) error {
		es, err := RegisterEntries(tx, "")
		if len(es) != 0 {
			t.Errorf("%d entries after a failed print", len(es))
		}
		return err
	})
	if e, _ := print(t, v, req(id, "立案决定书", "2026-03-05", true, 1)); e.Number != "某纪〔2026〕1号" {
		t.Fatalf("number after a failed print: %s", e.Number)
	}
}

// TestRegisterSeedsFromRecordedNumbers: numbers already written on the
// vault's cases (issued before the register kept count) are not reused.
func TestRegisterSeedsFromRecordedNumbers(t *testing.T) {
	v := regVault(t)
	id := regCase(t, v)
	regUpdate(t, v, func(tx *store.Tx) error {
		_, err := EditCase(tx, id, func(c *model.Case) error {
			return c.AddStep(model.Step{Kind: model.StepFilingApproval, Date: model.MustDate("2026-01-06"), Actor: "甲",
				People: []string{"纪委书记"}, DocNumber: "某纪〔2026〕41号"})
		})
		return err
	})
	if e, _ := print(t, v, req(id, "立案决定书", "2026-03-05", true, 1)); e.Number != "某纪〔2026〕42号" {
		t.Fatalf("got %s, want 某纪〔2026〕42号", e.Number)
	}
	if e, _ := print(t, v, req(id, "谈话通知书", "2025-03-05", true, 1)); e.Number != "某纪〔2025〕1号" {
		t.Fatalf("other year: %s", e.Number)
	}
}

// TestRegisterNeedsOfficeCode: no 机关代字, no numbered document.
func TestRegisterNeedsOfficeCode(t *testing.T) {
	v := regVault(t)
	id := regCase(t, v)
	regUpdate(t, v, func(tx *store.Tx) error {
		s, _, _ := Settings(tx)
		s.OfficeCode = ""
		return SaveSettings(tx, s)
	})
	err := v.Update(func(tx *store.Tx) error {
		_, _, err := Print(tx, req(id, "立案决定书", "2026-03-05", true, 1), fakePDF)
		return err
	})
	if !errors.Is(err, ErrNoOfficeCode) {
		t.Fatalf("got %v", err)
	}
	if e, _ := print(t, v, req(id, "案件调查报告", "2026-03-05", false, 1)); e.Number != "" || len(e.Copies) != 1 {
		t.Fatalf("unnumbered: %+v", e)
	}
}

// parseStub is the parse callback of SaveTemplate: the real parser lives in
// export/pdf, which the store must not import. It refuses text without the
// header end and reads a 名称 line.
func parseStub(name, text string) (string, error) {
	head, _, ok := strings.Cut(text, "---")
	if !ok {
		return "", fmt.Errorf("line 1: no ---")
	}
	if _, n, ok := strings.Cut(head, "名称: "); ok {
		return strings.TrimSpace(strings.SplitN(n, "\n", 2)[0]), nil
	}
	return name, nil
}

// TestVaultTemplates: save, replace, refuse a bad one with nothing
// stored, delete.
func TestVaultTemplates(t *testing.T) {
	v := regVault(t)
	regUpdate(t, v, func(tx *store.Tx) error {
		if err := SaveTemplate(tx, "监察建议书", "名称: 监察建议书\n---\n旧\n", parseStub); err != nil {
			return err
		}
		if err := SaveTemplate(tx, "监察建议书", "名称: 监察建议书\n---\n新\n", parseStub); err != nil {
			return err
		}
		return SaveTemplate(tx, "工作提示函", "---\n正文\n", parseStub)
	})
	for _, bad := range []struct {
		name, text string
		want       error
	}{{"坏模板", "没有分隔线", nil}, {"监察建议书", "名称: 通报\n---\n", ErrTemplateName}} {
		err := v.Update(func(tx *store.Tx) error { return SaveTemplate(tx, bad.name, bad.text, parseStub) })
		if err == nil || bad.want != nil && !errors.Is(err, bad.want) {
			t.Errorf("%q accepted or wrong error: %v", bad.text, err)
		}
	}
	var ts []VaultTemplate
	regUpdate(t, v, func(tx *store.Tx) (err error) { ts, err = Templates(tx); return err })
	if len(ts) != 2 || ts[0].Name != "工作提示函" || ts[1].Name != "监察建议书" || !strings.Contains(ts[1].Text, "新") {
		t.Fatalf("templates %+v", ts)
	}
	regUpdate(t, v, func(tx *store.Tx) error { return DeleteTemplate(tx, "监察建议书") })
	err := v.Update(func(tx *store.Tx) error { return DeleteTemplate(tx, "监察建议书") })
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("deleting twice: %v", err)
	}
	regUpdate(t, v, func(tx *store.Tx) (err error) { ts, err = Templates(tx); return err })
	if len(ts) != 1 {
		t.Fatalf("%d templates after delete", len(ts))
	}
}

// TestDocFields: particulars per case and vault-wide; refused input keeps
// the old ones; an empty object removes them.
func TestDocFields(t *testing.T) {
	v := regVault(t)
	id := regCase(t, v)
	regUpdate(t, v, func(tx *store.Tx) error {
		if err := SetDocFields(tx, id, json.RawMessage(`{"case":{"attitude":"认错悔错"}}`)); err != nil {
			return err
		}
		return SetDocFields(tx, DocFieldsDefaults, json.RawMessage(`{"org":{"office":"中共某市纪委办公室"}}`))
	})
	for _, bad := range []struct {
		id, data string
		want     error
	}{{id, `[1,2]`, ErrDocFields}, {id, `null`, ErrDocFields}, {"nosuchcase", `{}`, store.ErrNotFound}} {
		if err := v.Update(func(tx *store.Tx) error { return SetDocFields(tx, bad.id, json.RawMessage(bad.data)) }); !errors.Is(err, bad.want) {
			t.Errorf("%s %s: %v", bad.id, bad.data, err)
		}
	}
	regUpdate(t, v, func(tx *store.Tx) error {
		m, err := DocFields(tx, id)
		if err != nil || m["case"].(map[string]any)["attitude"] != "认错悔错" {
			t.Errorf("case fields %v %v", m, err)
		}
		d, err := DocFields(tx, DocFieldsDefaults)
		if err != nil || d["org"] == nil {
			t.Errorf("defaults %v %v", d, err)
		}
		return SetDocFields(tx, id, json.RawMessage(`{}`))
	})
	regUpdate(t, v, func(tx *store.Tx) error {
		m, err := DocFields(tx, id)
		if m != nil {
			t.Errorf("fields after clearing: %v", m)
		}
		return err
	})
}

// TestConcluded: only a case that reached 审理 and is there or later.
func TestConcluded(t *testing.T) {
	at := func(stages ...model.Stage) *model.Case {
		c := model.NewCase("c", model.KindInvestigation, "", model.MustDate("2026-01-01"), "甲")
		for _, s := range stages {
			c.Events = append(c.Events, model.StageEvent{To: s})
			c.Stage = s
		}
		return &c
	}
	cases := []struct {
		c    *model.Case
		want bool
	}{
		{at(model.StageDisposal, model.StagePrelim), false},
		{at(model.StagePrelim, model.StageFiled, model.StageInvestigate), false},
		{at(model.StageInvestigate, model.StageTrial), true},
		{at(model.StageTrial, model.StageDecision, model.StageExecution, model.StageArchived), true},
		{at(model.StageTrial, model.StageInvestigate), false}, // sent back
		{at(model.StagePrelim, model.StageArchived), false},   // 了结 after 初核
	}
	for i, c := range cases {
		if got := Concluded(c.c); got != c.want {
			t.Errorf("case %d (%s): %v", i, c.c.Stage, got)
		}
		if err := CheckConcluded(c.c); (err == nil) != c.want || err != nil && !errors.Is(err, ErrNotConcluded) {
			t.Errorf("case %d: %v", i, err)
		}
	}
}
