package handoff

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkHandoff exports a case with one attachment of QF_HANDOFF_MB MiB
// (default 64) from one vault and imports it into a fresh one, reporting
// throughput, the time of each phase, and the peak memory the Go runtime
// holds (heap, stacks and runtime structures; not the vault file's mmap,
// which the kernel counts in RSS and can drop). Vaults and the bundle live
// in QF_BENCH_DIR if set, else in a temporary directory.
func BenchmarkHandoff(b *testing.B) {
	size := int64(64)
	if s, err := strconv.Atoi(os.Getenv("QF_HANDOFF_MB")); err == nil && s > 0 {
		size = int64(s)
	}
	size <<= 20
	for range b.N {
		benchOnce(b, size)
	}
}

func benchOnce(b *testing.B, size int64) {
	b.StopTimer()
	dir := b.TempDir()
	if d := os.Getenv("QF_BENCH_DIR"); d != "" {
		dir, _ = os.MkdirTemp(d, "handoff-*")
		defer os.RemoveAll(dir)
	}
	a, r := newVault(b, "甲"), newVault(b, "乙")
	introduce(b, a, r)
	id := bareCase(b, a)
	if _, err := a.AddAttachment("1g.bin", "case/"+id, io.LimitReader(rand.Reader, size)); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "bench.qfb")
	debug.FreeOSMemory()
	peak := watchMemory()
	b.StartTimer()
	t0 := time.Now()
	var et, it phaseTimer
	if _, err := Export(context.Background(), a, path, ExportOptions{Dossiers: []string{id}, To: []string{"乙"}, Progress: et.track}); err != nil {
		b.Fatal(err)
	}
	export := time.Since(t0)
	b.StopTimer()
	debug.FreeOSMemory()
	exportPeak := peak.reset()
	b.StartTimer()
	t0 = time.Now()
	rep, err := Import(context.Background(), r, path, ImportOptions{Progress: it.track})
	if err != nil || rep.ContentBytes != size {
		b.Fatal(err, rep)
	}
	imp := time.Since(t0)
	b.StopTimer()
	importPeak := peak.stop()
	mb := float64(size) / 1e6
	b.ReportMetric(mb/export.Seconds(), "export-MB/s")
	b.ReportMetric(mb/imp.Seconds(), "import-MB/s")
	b.ReportMetric(float64(exportPeak)/(1<<20), "export-peak-MiB")
	b.ReportMetric(float64(importPeak)/(1<<20), "import-peak-MiB")
	b.Logf("%d MiB: export %.2f s (%s), import %.2f s (%s)", size>>20, export.Seconds(), et, imp.Seconds(), it)
}

// phaseTimer records when each phase was first and last reported.
type phaseTimer struct {
	order       []Phase
	first, last map[Phase]time.Time
}

func (p *phaseTimer) track(ph Phase, done, total int64) {
	now := time.Now()
	if p.first == nil {
		p.first, p.last = map[Phase]time.Time{}, map[Phase]time.Time{}
	}
	if _, ok := p.first[ph]; !ok || done == 0 {
		if !ok {
			p.order = append(p.order, ph)
		}
		p.first[ph] = now
	}
	p.last[ph] = now
}

func (p phaseTimer) String() string {
	s := ""
	for _, ph := range p.order {
		s += fmt.Sprintf("%s %.2f s, ", ph, p.last[ph].Sub(p.first[ph]).Seconds())
	}
	return strings.TrimSuffix(s, ", ")
}

// memWatch samples every 5 ms the memory the Go runtime holds: all it
// mapped, less the heap it returned to the operating system.
type memWatch struct {
	max  atomic.Uint64
	done chan struct{}
	wg   sync.WaitGroup
}

func watchMemory() *memWatch {
	w := &memWatch{done: make(chan struct{})}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64() - s[1].Value.Uint64(); v > w.max.Load() {
				w.max.Store(v)
			}
			select {
			case <-w.done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return w
}

// reset returns the peak so far and starts a new one.
func (w *memWatch) reset() uint64 { return w.max.Swap(0) }

// stop ends the sampling and returns the last peak.
func (w *memWatch) stop() uint64 {
	close(w.done)
	w.wg.Wait()
	return w.max.Load()
}
