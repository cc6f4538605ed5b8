package runner_test

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// A Study runs every condition and replicate of a scenario; results arrive
// in run order whatever the number of workers. This is Granovetter's (1978)
// riot: thresholds 0..9 on a complete graph of 10, each person joining once
// as many others riot as their threshold says.
func ExampleStudy() {
	l, err := scenario.Parse("riot.yaml", []byte(`
name: riot
steps: 12
replicates: 1
population:
  size: 10
  threshold: {dist: empirical, values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], draw: sequence}
network: {model: complete}
decision: {identity: 0, social: 1, incentive: 0, cost: 0, free_riding: 0, social_mode: absolute, permanent: true}
frames:
  - {name: riot, seeds: 0, aware: 1, share: 0, width: 1, cost: 0, half_life: 0}
`), ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		fmt.Println(err)
		return
	}
	st.RunAll(context.Background(), 2, func(r *runner.Result) error {
		fmt.Println("rioters by step:", r.Obs.Total.Active)
		fmt.Printf("peak %.0f%% at step %d\n", 100*r.Metrics.PeakShare, r.Metrics.PeakStep)
		return nil
	})
	// Output:
	// rioters by step: [0 1 2 3 4 5 6 7 8 9 10 10 10]
	// peak 100% at step 10
}

// RunAll hands the results to emit in run order, whatever the number of
// workers and whichever run finishes first: runs are numbered condition by
// condition, replicates within a condition (Locate splits the number), and
// each run's seeds depend on its number only. So 4 workers and 1 worker
// give the same results in the same order, which is what makes connact's
// output files independent of --workers.
func ExampleStudy_RunAll() {
	l, err := scenario.Parse("arms.yaml", []byte(`
name: arms
seed: 11
steps: 20
replicates: 3
population: {size: 300}
network: {model: watts_strogatz, mean_degree: 6, rewire: 0.1}
frames:
  - {name: tag, seeds: 5, share: 0.3, width: 0.3, half_life: 3}
conditions:
  - {name: weak}
  - {name: strong, set: {"frames[0].share": 0.6}}
`), ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		fmt.Println(err)
		return
	}
	collect := func(workers int) ([]*runner.Result, error) {
		var rs []*runner.Result
		err := st.RunAll(context.Background(), workers, func(r *runner.Result) error {
			rs = append(rs, r)
			return nil
		})
		return rs, err
	}
	four, err := collect(4)
	if err != nil {
		fmt.Println(err)
		return
	}
	one, err := collect(1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range four {
		_, c, rep := st.Locate(r.Index)
		fmt.Printf("run %d: %-6s replicate %d, run seed %16d, ever participated %.3f\n",
			r.Index, st.Conditions[c].Name, rep, r.Seed, r.Metrics.CumulativeShare)
	}
	// Results compared as text: a metric that does not exist for a run is
	// NaN, which no comparison finds equal, and %v writes floats in full.
	text := func(r *runner.Result) string {
		return fmt.Sprintf("%d %d %v %v %v", r.Index, r.Seed, *r.Obs, r.Metrics, r.Network)
	}
	same := slices.EqualFunc(four, one, func(a, b *runner.Result) bool { return text(a) == text(b) })
	fmt.Println("1 worker: the same results in the same order:", same)
	// Output:
	// run 0: weak   replicate 0, run seed  919621350763448, ever participated 0.067
	// run 1: weak   replicate 1, run seed    9318680657906, ever participated 0.213
	// run 2: weak   replicate 2, run seed 6759138180378846, ever participated 0.037
	// run 3: strong replicate 0, run seed 5768994599281872, ever participated 0.197
	// run 4: strong replicate 1, run seed 4070071688691835, ever participated 0.397
	// run 5: strong replicate 2, run seed 6447390330895996, ever participated 0.427
	// 1 worker: the same results in the same order: true
}

// OrderedParallel computes on several goroutines but hands the results
// over strictly in index order: here the later items finish first (they
// sleep less), and emit still sees 0, 1, 2, ... This is how a study's
// results reach its writer in run order, so that what is written does not
// depend on scheduling.
func ExampleOrderedParallel() {
	const n = 6
	square := func(i int) (int, error) {
		time.Sleep(time.Duration(n-i) * time.Millisecond)
		return i * i, nil
	}
	err := runner.OrderedParallel(context.Background(), n, 3, square, func(i, v int) error {
		fmt.Printf("%d² = %d\n", i, v)
		return nil
	})
	fmt.Println("error:", err)
	// Output:
	// 0² = 0
	// 1² = 1
	// 2² = 4
	// 3² = 9
	// 4² = 16
	// 5² = 25
	// error: <nil>
}

// Summarise describes a quantity across replicates: mean, standard
// deviation, Student's t 95% confidence interval of the mean and quantiles
// (Hyndman & Fan's definition 7, as R and numpy compute them).
func ExampleSummarise() {
	peaks := []float64{0.28, 0.31, 0.29, 0.30, 0.27}
	s := runner.Summarise(peaks, []float64{0.5})
	fmt.Printf("n=%d mean=%.3f sd=%.4f 95%% CI [%.3f, %.3f] median=%.2f\n", s.N, s.Mean, s.SD, s.Lo, s.Hi, s.Quantiles[0])
	// Output:
	// n=5 mean=0.290 sd=0.0158 95% CI [0.270, 0.310] median=0.29
}

// A 0/1 outcome per run, such as whether the run was a cascade, has a
// proportion of runs as its mean. Student's t interval then gives
// impossible bounds (above 1 for 9 cascades in 10 runs) and no width at all
// when every run agrees; the Wilson (1927) score interval, which
// SummariseBinary uses, stays inside [0, 1] and keeps close to 95% coverage
// for few runs (Brown, Cai & DasGupta 2001).
func ExampleWilsonCI95() {
	for _, cascades := range []int{9, 10} {
		runs := make([]float64, 10)
		for i := range cascades {
			runs[i] = 1
		}
		t := runner.Summarise(runs, nil)
		lo, hi := runner.WilsonCI95(10, float64(cascades)/10)
		fmt.Printf("t [%.3f, %.3f], Wilson [%.3f, %.3f] for %d cascades in 10 runs\n", t.Lo, t.Hi, lo, hi, cascades)
		if b := runner.SummariseBinary(runs, nil); b.Lo != lo || b.Hi != hi {
			fmt.Println("SummariseBinary differs from WilsonCI95")
		}
	}
	// Output:
	// t [0.674, 1.126], Wilson [0.596, 0.982] for 9 cascades in 10 runs
	// t [1.000, 1.000], Wilson [0.722, 1.000] for 10 cascades in 10 runs
}

// ParseBytes reads the sizes --max-memory takes, in binary units; numbers
// that are not plain decimals (NaN, Inf, exponents) are refused, since a
// NaN limit would compare false with every size and switch the memory
// guard off. FormatBytes writes a size back in the largest unit under it.
func ExampleParseBytes() {
	for _, s := range []string{"512M", "4G", "1.5T", "2KiB", "1000000", "NaN", "1e3"} {
		n, err := runner.ParseBytes(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-8s %16d bytes = %s\n", s, n, runner.FormatBytes(n))
	}
	// Output:
	// 512M            536870912 bytes = 512.0 MiB
	// 4G             4294967296 bytes = 4.0 GiB
	// 1.5T        1649267441664 bytes = 1.5 TiB
	// 2KiB                 2048 bytes = 2.0 KiB
	// 1000000           1000000 bytes = 976.6 KiB
	// "NaN" is not a size: want digits with an optional fraction and unit, at most 4096P (examples: 512M, 4G, 1.5T)
	// "1e3" is not a size: want digits with an optional fraction and unit, at most 4096P (examples: 512M, 4G, 1.5T)
}

// MemoryNeed estimates, before anything is allocated, the peak memory of a
// study: one run per worker (at most one per run), the finished runs
// waiting to be written in run order, and what the writer keeps across
// runs, which depends on where the results go. connact run and sweep refuse
// a study whose total is above the memory available or --max-memory, with
// this breakdown in the message, instead of being killed by the kernel.
// The study below is only estimated, never run.
func ExampleStudy_MemoryNeed() {
	l, err := scenario.Parse("large.yaml", []byte(`
name: large
steps: 200
replicates: 20
population: {size: 1000000}
network: {model: erdos_renyi, mean_degree: 10}
frames:
  - {name: tag}
`), ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		fmt.Println(err)
		return
	}
	limit, err := runner.ParseBytes("1G") // as --max-memory 1G
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, workers := range []int{1, 8} {
		m, err := st.MemoryNeed(workers, runner.KeepReplicates)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d worker(s): %d run(s) at once of %s, %s waiting, %s kept: %s in all; refused under 1G: %t\n",
			workers, m.Parallel, runner.FormatBytes(m.PerRun), runner.FormatBytes(m.Results),
			runner.FormatBytes(m.Store), runner.FormatBytes(m.Total), m.Total > limit)
	}
	// Output:
	// 1 worker(s): 1 run(s) at once of 188.0 MiB, 29.8 KiB waiting, 979.9 KiB kept: 189.0 MiB in all; refused under 1G: false
	// 8 worker(s): 8 run(s) at once of 188.0 MiB, 238.7 KiB waiting, 979.9 KiB kept: 1.5 GiB in all; refused under 1G: true
}
