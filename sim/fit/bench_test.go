package fit

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/connact/connact/sim/internal/memwatch"
	"github.com/connact/connact/sim/scenario"
)

// BenchmarkFitMemory runs the small fit for 2, 8 and up to 32 generations
// (the acceptance rule off; a fit still stops at a generation that accepts
// none of its proposals, which the third reaches at generation 13 on the
// test's data) and reports the runs and the peak heap: memory holds
// one population and one generation's observations, so it must not grow
// with the generations, as a sweep's does not with its runs.
//
//	go test ./sim/fit -run '^$' -bench FitMemory -benchtime 1x
func BenchmarkFitMemory(b *testing.B) {
	for _, gens := range []int{2, 8, 32} {
		b.Run(fmt.Sprintf("generations=%d", gens), func(b *testing.B) {
			l, err := scenario.LoadWithSet("testdata/small.yaml", []string{"fit.particles=100", "fit.min_acceptance=0",
				fmt.Sprintf("fit.max_generations=%d", gens), "fit.predictive=0"})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				dir := filepath.Join(b.TempDir(), "fit")
				var peak atomic.Uint64
				stop := make(chan struct{})
				go memwatch.Peak(stop, &peak)
				start := time.Now()
				rep, err := Run(context.Background(), l, Options{Dir: dir, Workers: 2, Formats: []string{}})
				close(stop)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(rep.Runs), "runs")
				b.ReportMetric(float64(rep.Runs)/time.Since(start).Seconds(), "runs/s")
				b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
			}
		})
	}
}
