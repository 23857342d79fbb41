package cli

import (
	"fmt"
	"time"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/gen"
	"qingfeng/store/model"
)

func init() {
	register("demo", "demo                                 创建演示案卷库（若不存在）并填入演示数据", runDemo)
	register("gen", "gen --dossiers N [--seed S] [--today D]  生成 N 个案件（及其线索）写入案卷库，用于测试与基准", runGen)
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
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *n <= 0 {
		return usageErr("--dossiers N (N > 0) is required")
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
	fmt.Fprintf(e.Stdout, "已生成 %d 条记录，用时 %.1f 秒\n", count, time.Since(start).Seconds())
	return nil
}

// importDataset writes generated records in transactions of batch records,
// calling progress (if not nil) after each, then aligns the number counters.
func importDataset(e *Env, ds *gen.Dataset, progress func(done, total int)) (int, error) {
	v, err := openVault(e)
	if err != nil {
		return 0, err
	}
	defer v.Close()
	recs := datasetRecords(ds)
	const batch = 2000
	for i := 0; i < len(recs); i += batch {
		part := recs[i:min(i+batch, len(recs))]
		err := v.Update(func(tx *store.Tx) error {
			for _, r := range part {
				if _, err := dossier.Save(tx, r, 0); err != nil {
					return fmt.Errorf("%s %s: %w", r.RecordType(), r.RecordID(), err)
				}
			}
			return nil
		})
		if err != nil {
			return i, err
		}
		if progress != nil {
			progress(i+len(part), len(recs))
		}
	}
	return len(recs), v.Update(func(tx *store.Tx) error {
		if _, rev, _ := dossier.Settings(tx); rev == 0 {
			if err := dossier.SaveSettings(tx, ds.Settings); err != nil {
				return err
			}
		}
		return dossier.SyncCounters(tx)
	})
}

func datasetRecords(ds *gen.Dataset) []model.Record {
	var out []model.Record
	for i := range ds.Subjects {
		out = append(out, &ds.Subjects[i])
	}
	for i := range ds.Leads {
		out = append(out, &ds.Leads[i])
	}
	for i := range ds.Cases {
		out = append(out, &ds.Cases[i])
	}
	for i := range ds.Items {
		out = append(out, &ds.Items[i])
	}
	return out
}
