package sweep

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/connact/connact/sim/internal/memwatch"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// benchScenario is a small scenario whose sweep has points × 100 replicates.
func benchScenario(points int) string {
	return fmt.Sprintf(`name: bench
seed: 1
steps: 10
replicates: 100
population: {size: 100}
network: {model: erdos_renyi, mean_degree: 6}
decision: {social: 0.5, efficacy_ref: 2}
frames: [{name: tag, seeds: 3, share: 0.3, width: 0.4}]
sweep:
  parameters:
    - {path: frames.0.width, from: 0.1, to: 1, count: %d}
outputs: {formats: [svg]}
`, points)
}

// BenchmarkSweep runs sweeps of 10^4 and 10^5 runs of a 100-agent scenario
// and reports throughput (runs/s) and the peak live heap, which must not
// grow with the number of runs (results stream to disk; only the point in
// progress is held).
//
//	go test ./sim/sweep -run '^$' -bench Sweep -benchtime 1x
func BenchmarkSweep(b *testing.B) {
	for _, points := range []int{100, 1000} {
		runs := points * 100
		b.Run(fmt.Sprintf("runs=%d", runs), func(b *testing.B) {
			l, err := scenario.Parse("bench.yaml", []byte(benchScenario(points)), b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				st, err := runner.NewSweepStudy(l)
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				var peak atomic.Uint64
				stop := make(chan struct{})
				go memwatch.Peak(stop, &peak)
				start := time.Now()
				dir := filepath.Join(b.TempDir(), "s")
				if _, err := Run(context.Background(), st, Options{Dir: dir, Workers: runtime.NumCPU(), Formats: []string{}}); err != nil {
					b.Fatal(err)
				}
				close(stop)
				b.ReportMetric(float64(runs)/time.Since(start).Seconds(), "runs/s")
				b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
			}
		})
	}
}

// BenchmarkSweepWorkers runs a sweep of a 10,000-agent scenario (100 steps,
// an organisation and a frame) with 1 and 2 workers and reports runs/s and
// the allocation per run: throughput should grow near linearly with the
// workers (each run owns its model; only finished results are shared).
//
//	go test ./sim/sweep -run '^$' -bench SweepWorkers -benchtime 1x
func BenchmarkSweepWorkers(b *testing.B) {
	const y = `name: bench
seed: 1
steps: 100
replicates: 8
population: {size: 10000}
network: {model: erdos_renyi, mean_degree: 10}
decision: {social: 0.5, efficacy_ref: 2}
organisations:
  - {name: union, reach: 100, contact_cost: 0.01, budget: 50, dues: 0.01, members: 0.02}
frames: [{name: tag, seeds: 20, share: 0.3, width: 0.4, half_life: 5}]
sweep:
  parameters:
    - {path: frames.0.width, from: 0.1, to: 1, count: 4}
outputs: {formats: [svg]}
`
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			l, err := scenario.Parse("bench.yaml", []byte(y), b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			var runs int
			for b.Loop() {
				st, err := runner.NewSweepStudy(l)
				if err != nil {
					b.Fatal(err)
				}
				runs += st.Runs()
				dir := filepath.Join(b.TempDir(), "s")
				if _, err := Run(context.Background(), st, Options{Dir: dir, Workers: workers, Formats: []string{}}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(runs)/b.Elapsed().Seconds(), "runs/s")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(runs)/1e6, "ms/run")
		})
	}
}
