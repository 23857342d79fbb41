package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"qingfeng/store"
	"qingfeng/store/model"
)

func TestLeadToCaseWorkflow(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	out := h.mustRun(`{"source":"信访举报","received":"2020-09-25","summary":"反映吉𠮷在工程招投标中收受好处费","category":"廉洁纪律",
		"reporter":{"name":"匿名","real_name":false},"subjects":[{"name":"吉𠮷","unit":"某区住建局"}]}`, "lead", "add", "--json", "-")
	f := strings.Fields(out)
	if len(f) != 2 || f[1] != "XS〔2020〕1号" {
		t.Fatalf("lead add: %q", out)
	}
	id := f[0]
	var undisposed []model.UndisposedEntry
	json.Unmarshal([]byte(h.mustRun("", "lead", "list", "--undisposed", "--date", "2020-10-30", "--json")), &undisposed)
	if len(undisposed) != 1 || undisposed[0].AgeDays != 35 {
		t.Fatalf("undisposed: %+v", undisposed)
	}
	// Deadlines: the disposal opinion is due a month after receipt (10-25 is a Sunday: 10-26).
	var ds []model.Deadline
	json.Unmarshal([]byte(h.mustRun("", "deadlines", "--due-within", "7d", "--today", "2020-10-20", "--json")), &ds)
	if len(ds) != 1 || ds[0].Due.String() != "2020-10-26" || ds[0].Overdue {
		t.Fatalf("deadlines: %+v", ds)
	}
	h.mustRun("", "lead", "dispose", id, "--as", "初核", "--date", "2020-10-09", "--approver", "王书记")
	h.mustRun("", "lead", "case", id, "--date", "2020-10-10")
	var cases []model.Case
	json.Unmarshal([]byte(h.mustRun("", "case", "list", "--json")), &cases)
	if len(cases) != 1 || cases[0].Stage != model.StageReceived {
		t.Fatalf("cases: %+v", cases)
	}
	cid := cases[0].ID
	code, _, errs := h.run("", "case", "move", cid, "--to", "审理", "--date", "2020-10-11", "--reason", "跳过")
	if code != 1 || strings.Count(errs, "\n") != 1 {
		t.Fatalf("skipping move: exit %d %q", code, errs)
	}
	h.mustRun("", "case", "move", cid, "--to", "线索处置", "--date", "2020-10-12")
	var c model.Case
	json.Unmarshal([]byte(h.mustRun("", "case", "show", cid, "--json")), &c)
	if c.Stage != model.StageDisposal || len(c.Events) != 2 {
		t.Fatalf("after move: %s %d events", c.Stage, len(c.Events))
	}
	var st model.Statistics
	json.Unmarshal([]byte(h.mustRun("", "stats", "--year", "2020", "--today", "2020-10-30", "--json")), &st)
	if st.Leads.Received != 1 || st.Cases.Opened != 1 || st.Leads.BySource[model.SourcePetition] != 1 {
		t.Fatalf("stats: %+v", st)
	}
	if out := h.mustRun("", "stats", "--year", "2020"); !strings.Contains(out, "受理线索 1 件") {
		t.Fatalf("stats text: %s", out)
	}
	h.mustRun("", "check")
}

func TestLeadInputRefusals(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	before := h.vaultBytes()
	for _, in := range []string{
		`{"source":"信访举报","received":"2020-09-25","summery":"拼错的字段"}`,
		`{"source":"不存在的来源","received":"2020-09-25","summary":"x","category":"廉洁纪律"}`,
		`{"source":"信访举报","received":"2020-13-45","summary":"x"}`,
		`not json`,
	} {
		if code, _, errs := h.run(in, "lead", "add", "--json", "-"); code != 1 || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d %q", in, code, errs)
		}
	}
	if string(before) != string(h.vaultBytes()) {
		t.Fatal("refused input changed the vault")
	}
}

func TestDemoAndGen(t *testing.T) {
	h := newHarness(t)
	out := h.mustRun("", "demo")
	if !strings.Contains(out, "案件 24") {
		t.Fatalf("demo: %s", out)
	}
	if out := h.mustRun("", "gen", "--dossiers", "40", "--seed", "7", "--attachments", "3", "--attach-size", "300K"); !strings.Contains(out, "3 个附件") {
		t.Fatalf("gen: %s", out)
	}
	var atts []store.Attachment
	json.Unmarshal([]byte(h.mustRun("", "attach", "list", "--json")), &atts)
	if len(atts) != 3 || atts[0].Size != 300<<10 || !strings.HasPrefix(atts[0].Owner, "case/") {
		t.Fatalf("generated attachments: %+v", atts)
	}
	var cases []model.Case
	json.Unmarshal([]byte(h.mustRun("", "case", "list", "--json")), &cases)
	if len(cases) != 64 {
		t.Fatalf("%d cases after demo + gen 40", len(cases))
	}
	stages := map[model.Stage]bool{}
	for _, c := range cases {
		stages[c.Stage] = true
	}
	if len(stages) < 8 {
		t.Fatalf("demo covers only stages %v", stages)
	}
	h.mustRun("", "check")
	// A new lead after the demo gets a number that does not collide.
	out = h.mustRun(`{"source":"信访举报","received":"2020-03-01","summary":"新线索","category":"廉洁纪律"}`, "lead", "add", "--json", "-")
	var leads []model.Lead
	json.Unmarshal([]byte(h.mustRun("", "lead", "list", "--json")), &leads)
	num := strings.Fields(out)[1]
	n := 0
	for _, l := range leads {
		if l.Number == num {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("number %s used %d times", num, n)
	}
}

// TestStaleRevisionsAndEmptyReply: a change based on an older --rev is
// refused with exit 1 and changes nothing; an item reply without text is
// refused; the lead's own revision goes through.
func TestStaleRevisionsAndEmptyReply(t *testing.T) {
	h := newHarness(t)
	h.mustRun("", "init")
	id := strings.Fields(h.mustRun(`{"source":"信访举报","received":"2020-09-25","summary":"反映问题","category":"廉洁纪律"}`, "lead", "add", "--json", "-"))[0]
	h.mustRun("", "lead", "dispose", id, "--as", "初核", "--date", "2020-10-09", "--rev", "1")
	before := h.vaultBytes()
	if code, _, errs := h.run("", "lead", "dispose", id, "--as", "了结", "--date", "2020-10-10", "--rev", "1"); code != 1 || strings.Count(errs, "\n") != 1 {
		t.Fatalf("stale dispose: exit %d %q", code, errs)
	}
	if string(before) != string(h.vaultBytes()) {
		t.Fatal("a stale change changed the vault")
	}
	if out := h.mustRun("", "lead", "show", id); !strings.HasPrefix(out, "# lead "+id+" 版本 2\n") {
		t.Fatalf("show: %q", out)
	}
	item := strings.TrimSpace(h.mustRun(`{"kind":"监察建议","lead_id":"`+id+`","unit":"某区财政局","issued":"2020-10-01","deadline":"2020-11-01","status":"待回复"}`, "item", "add", "--json", "-"))
	if code, _, _ := h.run("", "item", "reply", item, "--date", "2020-10-20"); code != 1 {
		t.Fatalf("empty reply: exit %d", code)
	}
	if out := h.mustRun("", "item", "reply", item, "--date", "2020-10-20", "--text", "已整改", "--rev", "1"); out != "tracked_item "+item+" 已更新\n" {
		t.Fatalf("reply: %q", out)
	}
}
