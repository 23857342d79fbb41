package store

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestSearchSubstrings(t *testing.T) {
	v := newVault(t)
	a := put(t, v, "dossier", map[string]any{"title": "关于王䶮违规发放津补贴问题", "unit": "某市财政局"})
	b := put(t, v, "dossier", map[string]any{"title": "吉𠮷堃插手工程项目", "tags": []string{"工程", "ＡＢＣ公司"}})
	c := put(t, v, "lead", map[string]any{"summary": "反映李喆收受礼金", "nested": map[string]any{"who": "财政局 张三"}})

	cases := []struct {
		q    string
		want []string
	}{
		{"䶮", []string{a.ID}}, // 1 character, rare (Ext. A)
		{"𠮷", []string{b.ID}}, // outside the BMP
		{"喆", []string{c.ID}},
		{"财政局", []string{c.ID, a.ID}}, // newest first
		{"违规发放津补贴", []string{a.ID}},
		{"津补贴问题", []string{a.ID}},
		{"abc", []string{b.ID}},  // full-width folded, case folded
		{"工程 吉", []string{b.ID}}, // all terms
		{"财政局 张三", []string{c.ID}},
		{"礼金 工程", nil},
		{"发放补贴", nil}, // bigrams 发放, 放补? 补贴 exist apart: must be confirmed
		{"局张", nil},   // does not cross strings
		{"违规收受", nil},
		{"", nil},
		{"   ", nil},
	}
	for _, tc := range cases {
		got := search(t, v, tc.q)
		if !slices.Equal(got, tc.want) {
			t.Errorf("search %q = %v, want %v", tc.q, got, tc.want)
		}
	}
}

func TestSearchFollowsEditsAndDeletes(t *testing.T) {
	v := newVault(t)
	r := put(t, v, "dossier", map[string]any{"title": "甲单位超标准接待"})
	r.Data = json.RawMessage(`{"title":"乙单位公款旅游"}`)
	if err := v.Update(func(tx *Tx) error { return tx.Put(r) }); err != nil {
		t.Fatal(err)
	}
	if got := search(t, v, "接待"); len(got) != 0 {
		t.Fatalf("old text still found: %v", got)
	}
	if got := search(t, v, "公款旅游"); !slices.Equal(got, []string{r.ID}) {
		t.Fatalf("new text not found: %v", got)
	}
	mustCheck(t, v)
	if err := v.Update(func(tx *Tx) error { return tx.Delete(r.Type, r.ID) }); err != nil {
		t.Fatal(err)
	}
	if got := search(t, v, "乙"); len(got) != 0 {
		t.Fatalf("deleted record found: %v", got)
	}
}

func TestSearchLimitAndTotal(t *testing.T) {
	v := newVault(t)
	for i := 0; i < 30; i++ {
		put(t, v, "dossier", map[string]any{"title": "违纪问题线索"})
	}
	v.View(func(tx *Tx) error {
		for _, q := range []string{"线", "问题", "问题线索"} {
			res, err := tx.Search(q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != 30 || len(res.Records) != 10 {
				t.Errorf("%q: total %d, %d records", q, res.Total, len(res.Records))
			}
		}
		return nil
	})
}

func TestPostingEncodingRoundTrip(t *testing.T) {
	for _, n := range []int{1, 2, 100, 1023, 1024, 5000, chunkDocs} {
		offs := make([]uint16, n)
		for i := range offs {
			offs[i] = uint16(i * (chunkDocs / n))
		}
		got, err := decodePosting(encodePosting(offs))
		if err != nil || !slices.Equal(got, offs) {
			t.Fatalf("n=%d: err %v, equal %v", n, err, slices.Equal(got, offs))
		}
	}
}
