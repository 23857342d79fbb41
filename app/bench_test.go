package app

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"qingfeng/store"
)

// benchSize is the number of dossiers of the benchmark vault.
const benchSize = 100000

// benchVaultDir returns a vault of benchSize generated dossiers, built on
// first use (about a minute) under QF_BENCH_DIR or the system temp dir and
// kept for later runs. Benchmarks open copies, never the original.
func benchVaultDir(b *testing.B) string {
	root := os.Getenv("QF_BENCH_DIR")
	if root == "" {
		root = filepath.Join(os.TempDir(), "qingfeng-app-bench")
	}
	dir := filepath.Join(root, fmt.Sprintf("vault-%d", benchSize))
	if store.Exists(dir) {
		return dir
	}
	os.RemoveAll(dir)
	b.Logf("building a vault of %d dossiers in %s", benchSize, dir)
	if err := buildVault(dir, nil); err != nil {
		b.Fatal(err)
	}
	v, err := store.Open(dir, []byte(testPass), testOpts())
	if err != nil {
		b.Fatal(err)
	}
	defer v.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < benchSize; i += 2000 {
		err := v.Update(func(tx *store.Tx) error {
			for j := i; j < min(i+2000, benchSize); j++ {
				data, _ := json.Marshal(benchDossier(rng, j))
				if err := tx.Put(&store.Record{Type: "dossier", Data: data}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

var (
	benchSurnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	benchUnits    = []string{"财政局", "住房和城乡建设局", "自然资源局", "交通运输局", "教育局", "卫生健康委员会", "市场监督管理局", "街道办事处"}
	benchIssues   = []string{"违规收受礼金", "插手工程项目招投标", "公款吃喝", "违规发放津补贴", "挪用专项资金", "公车私用", "超标准配备办公用房", "不作为乱作为"}
	benchStages   = []string{"初核", "立案审查", "审理", "办结", "已归档"}
)

// benchDossier is one generated dossier with realistic field shapes.
func benchDossier(rng *rand.Rand, i int) map[string]any {
	name := string([]rune{benchSurnames[rng.IntN(len(benchSurnames))], benchSurnames[rng.IntN(len(benchSurnames))]}) + "某"
	issue := benchIssues[rng.IntN(len(benchIssues))]
	unit := "某市" + benchUnits[rng.IntN(len(benchUnits))]
	return map[string]any{
		"number":  fmt.Sprintf("QF〔%d〕%d号", 2020+i%7, i),
		"title":   fmt.Sprintf("关于%s%s问题的线索", name, issue),
		"subject": name,
		"unit":    unit,
		"stage":   benchStages[rng.IntN(len(benchStages))],
		"summary": fmt.Sprintf("反映%s%s在%d年至%d年期间%s，涉及金额约%d万元。", unit, name, 2018+i%5, 2021+i%5, issue, 1+rng.IntN(300)),
		"handler": string(benchSurnames[rng.IntN(len(benchSurnames))]) + "某",
	}
}

// benchCopy copies the benchmark vault into a temp dir.
func benchCopy(b *testing.B) string {
	src := benchVaultDir(b)
	dir := filepath.Join(b.TempDir(), "vault")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	if err := copyFile(store.Path(src), store.Path(dir)); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchOpen(b *testing.B) *store.Vault {
	v, err := store.Open(benchCopy(b), []byte(testPass), testOpts())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { v.Close() })
	return v
}

// BenchmarkLoadSummaries reads the rows of 100,000 dossiers, as the case
// list does once per session.
func BenchmarkLoadSummaries(b *testing.B) {
	v := benchOpen(b)
	for b.Loop() {
		rows, err := readSummaries(context.Background(), v, caseTypes, func(int, int) {})
		if err != nil || len(rows) != benchSize {
			b.Fatal(len(rows), err)
		}
	}
}

// BenchmarkSearch runs the list's search at 100,000 dossiers.
func BenchmarkSearch(b *testing.B) {
	v := benchOpen(b)
	for _, q := range []string{"王", "王某", "挪用专项资金", "住房 公车", "QF〔2024〕4号"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := searchKeys(context.Background(), v, q, caseTypes); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSort sorts the full view of 100,000 rows by a column.
func BenchmarkSort(b *testing.B) {
	v := benchOpen(b)
	rows, err := readSummaries(context.Background(), v, caseTypes, func(int, int) {})
	if err != nil {
		b.Fatal(err)
	}
	for _, col := range []int{colNumber, colTitle, colModified} {
		b.Run(columnKeys[col], func(b *testing.B) {
			view := make([]int32, len(rows))
			for b.Loop() {
				for i := range view {
					view[i] = int32(i)
				}
				sortView(rows, view, col, false)
			}
		})
	}
}

// BenchmarkWindow100k drives the real window over 100,000 dossiers: time
// from unlock to the full list on screen, from a keystroke to its result
// on screen (debounce excluded), and redrawing the table scrolled deep.
func BenchmarkWindow100k(b *testing.B) {
	h := newHarness(b, benchCopy(b))
	h.limit = 5 * time.Minute
	h.u.debounce = time.Millisecond
	start := time.Now()
	h.unlock()
	l := h.openCases()
	h.wait("the sorted list", func() bool { return len(l.view) == benchSize })
	toList := time.Since(start)
	queries := []string{"王", "王某", "挪用", "公车私用", "住房 公车"}
	var typing []time.Duration
	for i := 0; b.Loop(); i++ {
		q := queries[i%len(queries)]
		t0 := time.Now()
		l.search.SetText(q)
		h.wait("the result", func() bool { return l.query == q && l.count.Text != "" && len(l.view) < benchSize })
		typing = append(typing, time.Since(t0)-h.u.debounce)
		l.search.SetText("")
		h.wait("the full list", func() bool { return len(l.view) == benchSize })
	}
	b.StopTimer()
	b.ReportMetric(float64(toList.Milliseconds()), "ms-unlock-to-list")
	slices.Sort(typing)
	b.ReportMetric(float64(typing[len(typing)/2].Microseconds())/1000, "ms-p50-keystroke-to-result")
	b.ReportMetric(float64(typing[len(typing)*95/100].Microseconds())/1000, "ms-p95-keystroke-to-result")
	t0 := time.Now()
	for i := range 200 {
		l.table.ScrollTo(widget.TableCellID{Row: i * 499, Col: 0})
	}
	b.ReportMetric(float64(time.Since(t0).Microseconds())/200/1000, "ms-per-scroll-redraw")
}
