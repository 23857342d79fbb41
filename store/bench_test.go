package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// benchText draws Chinese text from a vocabulary of common phrases, so bigram
// statistics resemble real case summaries rather than random characters.
var benchPhrases = strings.Fields(`违规 收受 礼金 礼品 发放 津补贴 插手 工程 项目 招投标 公款 吃喝 旅游 超标准 接待
	利用 职务 便利 为他人 谋取 利益 收受 财物 购物卡 亲属 经商 办企业 挪用 专项 资金 虚报 冒领 套取 补助
	违反 中央八项规定精神 形式主义 官僚主义 不作为 乱作为 失职 渎职 造成 国有资产 损失 干预 司法 活动
	某市 某区 某县 财政局 住房和城乡建设局 自然资源局 交通运输局 教育局 卫生健康委员会 市场监督管理局 街道办事处
	副局长 局长 科长 主任 书记 镇长 村支书 会计 出纳 反映 举报 线索 问题 核实 谈话 函询 初核 立案 审查 调查
	二〇一九年 二〇二〇年 期间 多次 累计 金额 万元 元 借款 名义 违规 使用 公车 私用 办公用房 超标 配备`)

func benchText(rng *rand.Rand, n int) string {
	var b strings.Builder
	for b.Len() < n*3 {
		b.WriteString(benchPhrases[rng.IntN(len(benchPhrases))])
		if rng.IntN(8) == 0 {
			b.WriteString("，")
		}
	}
	return b.String()
}

var benchNames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤喆堃䶮")

func benchDossier(rng *rand.Rand, i int) json.RawMessage {
	name := string(benchNames[rng.IntN(len(benchNames))]) + string(benchNames[rng.IntN(len(benchNames))]) + string(benchNames[rng.IntN(len(benchNames))])
	d := map[string]any{
		"title":   fmt.Sprintf("关于%s%s问题的线索", name, benchText(rng, 8)),
		"number":  fmt.Sprintf("XS〔%d〕%d号", 2020+i%6, i),
		"subject": name,
		"unit":    benchText(rng, 6),
		"summary": benchText(rng, 80+rng.IntN(220)),
		"handler": string(benchNames[rng.IntN(len(benchNames))]) + "某",
	}
	b, _ := json.Marshal(d)
	return b
}

// benchVault returns a vault holding n generated dossiers, built once and kept
// under QF_BENCH_DIR (default .bench in the repository) for later runs.
func benchVault(b *testing.B, n int) (*Vault, []string) {
	root := os.Getenv("QF_BENCH_DIR")
	if root == "" {
		root = filepath.Join("..", ".bench")
	}
	dir := filepath.Join(root, fmt.Sprintf("vault-%d", n))
	o := testOpts()
	if !Exists(dir) {
		os.RemoveAll(dir)
		if err := buildBenchVault(dir, n, o); err != nil {
			b.Fatal(err)
		}
	}
	v, err := Open(dir, testPass, o)
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	v.View(func(tx *Tx) error {
		return tx.btx.Bucket(bucketRec).ForEach(func(k, _ []byte) error {
			if t, id, _ := splitRecKey(k); t == "dossier" {
				ids = append(ids, id)
			}
			return nil
		})
	})
	return v, ids
}

func buildBenchVault(dir string, n int, o *Options) error {
	v, _, err := Create(dir+".tmp", testPass, o)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(42, uint64(n)))
	for done := 0; done < n; {
		err := v.Update(func(tx *Tx) error {
			for k := 0; k < 2000 && done < n; k, done = k+1, done+1 {
				if err := tx.Put(&Record{Type: "dossier", Data: benchDossier(rng, done)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	v.Close()
	return os.Rename(dir+".tmp", dir)
}

// reportPercentiles adds p50/p95 metrics from per-operation samples.
func reportPercentiles(b *testing.B, samples []time.Duration) {
	slices.Sort(samples)
	p := func(q float64) float64 { return float64(samples[int(q*float64(len(samples)-1))].Microseconds()) / 1000 }
	b.ReportMetric(p(0.50), "p50-ms")
	b.ReportMetric(p(0.95), "p95-ms")
}

// BenchmarkSaveEdit edits one field of a random dossier per operation, one
// transaction each (as the program saves), at 1k, 10k and 100k dossiers.
func BenchmarkSaveEdit(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("dossiers=%d", n), func(b *testing.B) {
			v, ids := benchVault(b, n)
			defer v.Close()
			rng := rand.New(rand.NewPCG(1, 2))
			var samples []time.Duration
			for b.Loop() {
				id := ids[rng.IntN(len(ids))]
				start := time.Now()
				err := v.Update(func(tx *Tx) error {
					r, err := tx.Get("dossier", id)
					if err != nil {
						return err
					}
					var d map[string]any
					json.Unmarshal(r.Data, &d)
					d["handler"] = string(benchNames[rng.IntN(len(benchNames))]) + "某"
					r.Data, _ = json.Marshal(d)
					return tx.Put(r)
				})
				samples = append(samples, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
			}
			reportPercentiles(b, samples)
		})
	}
}

// BenchmarkSearch runs 1-, 2-, 3- and 4-character queries against the index.
func BenchmarkSearch(b *testing.B) {
	queries := []string{"喆", "礼金", "津补贴", "工程项目", "违规 公车", "收受购物卡", "堃"}
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("dossiers=%d", n), func(b *testing.B) {
			v, _ := benchVault(b, n)
			defer v.Close()
			var samples []time.Duration
			i := 0
			for b.Loop() {
				q := queries[i%len(queries)]
				i++
				start := time.Now()
				err := v.View(func(tx *Tx) error { _, err := tx.Search(q, 50); return err })
				samples = append(samples, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
			}
			reportPercentiles(b, samples)
		})
	}
}

// BenchmarkUnlock opens the largest vault after rewrapping its key with the
// KDF cost calibrated on this machine, as a real vault has: the figure is
// the whole unlock, Argon2id included.
func BenchmarkUnlock(b *testing.B) {
	n := benchSizes()[len(benchSizes())-1]
	v, _ := benchVault(b, n)
	src := v.Dir()
	v.Close()
	dir := b.TempDir()
	if err := copyFile(Path(src), Path(dir)); err != nil {
		b.Fatal(err)
	}
	calibrated := CalibrateKDF()
	b.Logf("calibrated Argon2id: t=%d m=%d MiB p=%d", calibrated.Time, calibrated.MemoryKiB>>10, calibrated.Threads)
	rewrap(b, dir, calibrated)
	for b.Loop() {
		v, err := Open(dir, testPass, testOpts())
		if err != nil {
			b.Fatal(err)
		}
		v.Close()
	}
}

func benchSizes() []int {
	if s := os.Getenv("QF_BENCH_SIZES"); s != "" {
		var out []int
		for _, f := range strings.Split(s, ",") {
			var n int
			fmt.Sscan(f, &n)
			out = append(out, n)
		}
		return out
	}
	return []int{1000, 10000, 100000}
}

// rewrap replaces the passphrase wrap of a vault with one under params p.
func rewrap(b *testing.B, dir string, p KDFParams) {
	v, err := Open(dir, testPass, testOpts())
	if err != nil {
		b.Fatal(err)
	}
	defer v.Close()
	dataKey, err := v.header().unwrapPass(testPass)
	if err != nil {
		b.Fatal(err)
	}
	nh := *v.header()
	nh.wrapPass(dataKey, testPass, p)
	hb, _ := json.Marshal(&nh)
	if err := v.Update(func(tx *Tx) error { return tx.btx.Bucket(bucketMeta).Put(keyHeader, hb) }); err != nil {
		b.Fatal(err)
	}
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o600)
}

// BenchmarkSaveEditWholeFile is the alternative a single-file password-manager
// format would use: every save re-encrypts the whole collection of dossiers
// and replaces the file (write to a temporary name, fsync, rename). Run with
// the same generated dossiers as BenchmarkSaveEdit, for the README comparison.
func BenchmarkSaveEditWholeFile(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("dossiers=%d", n), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(42, uint64(n)))
			all := make([]json.RawMessage, n)
			for i := range all {
				all[i] = benchDossier(rng, i)
			}
			key := randomBytes(keySize)
			path := filepath.Join(b.TempDir(), "vault.json.sealed")
			var samples []time.Duration
			for b.Loop() {
				i := rng.IntN(n)
				start := time.Now()
				all[i] = benchDossier(rng, i) // the edit
				plain, err := json.Marshal(all)
				if err != nil {
					b.Fatal(err)
				}
				if err := replaceFile(path, seal(key, []byte("whole file"), plain)); err != nil {
					b.Fatal(err)
				}
				samples = append(samples, time.Since(start))
			}
			reportPercentiles(b, samples)
		})
	}
}

// replaceFile writes data to a temporary file beside path, syncs and renames it.
func replaceFile(path string, data []byte) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
