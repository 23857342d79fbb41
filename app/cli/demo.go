package cli

import (
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"qingfeng/casework"
	"qingfeng/store"
	"qingfeng/store/gen"
	"qingfeng/store/model"
)

func init() {
	register("demo", "demo                                 创建演示案卷库（若不存在）并填入演示数据", runDemo)
	register("gen", "gen --dossiers N [--seed S] [--today D] [--attachments K --attach-size 1M]  生成 N 个案件（及其线索、K 个附件）写入案卷库，用于测试与基准", runGen)
}

// demoSeed makes every demo vault the same, so the README can describe it.
const demoSeed = 2020

func runDemo(e *Env, args []string) error {
	if _, err := parse(newFlags("demo"), args); err != nil {
		return err
	}
	if !store.Exists(e.VaultDir) {
		p, err := passphrase(e, "演示案卷库口令: ")
		if err != nil {
			return err
		}
		v, _, err := store.Create(e.VaultDir, p, e.Opts)
		if err != nil {
			return err
		}
		v.Close()
	}
	today := model.DateOf(time.Now())
	ds := gen.New(demoSeed, today).Dataset(40, 24)
	n, err := importDataset(e, &ds, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "演示案卷库 %s：%d 条记录（线索 %d、案件 %d、督办事项 %d）\n", e.VaultDir, n, len(ds.Leads), len(ds.Cases), len(ds.Items))
	return nil
}

func runGen(e *Env, args []string) error {
	fs := newFlags("gen")
	n := fs.Int("dossiers", 0, "")
	seed := fs.Int64("seed", 1, "")
	date := fs.String("today", "", "")
	attachments := fs.Int("attachments", 0, "")
	attachSize := fs.String("attach-size", "1M", "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *n <= 0 {
		return usageErr("--dossiers N (N > 0) is required")
	}
	size, err := parseSize(*attachSize)
	if err != nil {
		return err
	}
	today, err := dateArg(*date)
	if err != nil {
		return err
	}
	ds := gen.New(*seed, today).Dataset(*n/4, *n)
	start := time.Now()
	count, err := importDataset(e, &ds, func(done, total int) {
		fmt.Fprintf(e.Stderr, "\r写入 %d / %d", done, total)
	})
	fmt.Fprintln(e.Stderr)
	if err != nil {
		return err
	}
	if err := genAttachments(e, &ds, *attachments, size, *seed); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已生成 %d 条记录、%d 个附件，用时 %.1f 秒\n", count, *attachments, time.Since(start).Seconds())
	return nil
}

// genAttachments adds k attachments of size bytes of deterministic pseudo-random
// content to the generated cases, round robin.
func genAttachments(e *Env, ds *gen.Dataset, k int, size int64, seed int64) error {
	if k <= 0 || len(ds.Cases) == 0 {
		return nil
	}
	content := func(i int) io.Reader {
		return io.LimitReader(randReader{rand.New(rand.NewChaCha8(seedBytes(seed, i)))}, size)
	}
	err := withService(e, func(s *casework.Service) error {
		return s.GenAttachments(ds, k, content, func(done, _ int) { fmt.Fprintf(e.Stderr, "\r附件 %d / %d", done, k) })
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stderr)
	return nil
}

// randReader reads bytes from a math/rand/v2 source.
type randReader struct{ r *rand.Rand }

func (r randReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.r.Uint32())
	}
	return len(p), nil
}

func seedBytes(seed int64, i int) [32]byte {
	var b [32]byte
	binary.LittleEndian.PutUint64(b[:], uint64(seed))
	binary.LittleEndian.PutUint64(b[8:], uint64(i))
	return b
}

// parseSize reads "512", "64K", "1M", "1G" (binary units) as bytes.
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "B"), "I"))
	mult := int64(1)
	switch {
	case strings.HasSuffix(t, "K"):
		mult, t = 1<<10, strings.TrimSuffix(t, "K")
	case strings.HasSuffix(t, "M"):
		mult, t = 1<<20, strings.TrimSuffix(t, "M")
	case strings.HasSuffix(t, "G"):
		mult, t = 1<<30, strings.TrimSuffix(t, "G")
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 {
		return 0, usageErr("大小应写作 512、64K、1M 或 1G: %q", s)
	}
	return n * mult, nil
}

// importDataset writes generated records in batches, calling progress (if
// not nil) after each, then aligns the number counters.
func importDataset(e *Env, ds *gen.Dataset, progress func(done, total int)) (n int, err error) {
	err = withService(e, func(s *casework.Service) (err error) { n, err = s.ImportDataset(ds, progress); return err })
	return n, err
}
