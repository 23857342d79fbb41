package model_test

import (
	"sync"
	"syscall"
	"testing"
	"time"

	"qingfeng/store/gen"
	"qingfeng/store/model"
)

var (
	benchOnce  sync.Once
	benchData  gen.Dataset
	benchToday = model.MustDate("2025-06-30")
)

// bench100k returns a generated vault of 100,000 cases (with their leads),
// 20,000 other leads and 10,010 tracked items, built once per run.
func bench100k(b *testing.B) gen.Dataset {
	benchOnce.Do(func() { benchData = gen.New(1, benchToday).Dataset(20000, 100000) })
	b.ResetTimer()
	return benchData
}

// cpuTime returns the CPU time the process has used, so that benchmarks
// can report it beside wall time on a machine shared with other work.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports CPU milliseconds per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkDeadlines100k measures `deadlines --due-within 7d`: every open
// deadline of the vault, then the due and overdue ones sorted.
func BenchmarkDeadlines100k(b *testing.B) {
	d := bench100k(b)
	cal, _ := model.DefaultCalendar()
	rules, _ := model.DefaultRules(cal)
	start := cpuTime()
	b.ResetTimer()
	var n int
	for b.Loop() {
		listed, err := rules.Upcoming(d.Leads, d.Cases, d.Items, benchToday, 7)
		if err != nil {
			b.Fatal(err)
		}
		n = len(listed)
	}
	reportCPU(b, start)
	b.ReportMetric(float64(n), "listed")
}

// BenchmarkStats100k measures `stats --year 2024`: the counts alone, and
// with the overdue deadlines counted too.
func BenchmarkStats100k(b *testing.B) {
	d := bench100k(b)
	cal, _ := model.DefaultCalendar()
	rules, _ := model.DefaultRules(cal)
	for _, overdue := range []bool{false, true} {
		name := "counts"
		if overdue {
			name = "counts+overdue"
		}
		b.Run(name, func(b *testing.B) {
			start := cpuTime()
			for b.Loop() {
				s := model.Stats(d.Leads, d.Cases, d.Items, 2024, benchToday)
				if overdue {
					list, _ := rules.Upcoming(d.Leads, d.Cases, d.Items, benchToday, 0)
					s.CountOverdue(list)
				}
				if s.Cases.Opened == 0 {
					b.Fatal("empty")
				}
			}
			reportCPU(b, start)
		})
	}
}
