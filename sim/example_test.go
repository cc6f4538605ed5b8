package sim_test

import (
	"context"
	"fmt"

	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// Summarise describes a quantity across replicates: mean, standard
// deviation, Student's t 95% confidence interval and quantiles.
func ExampleSummarise() {
	peaks := []float64{0.28, 0.31, 0.29, 0.30, 0.27}
	s := runner.Summarise(peaks, []float64{0.5})
	fmt.Printf("n=%d mean=%.3f sd=%.4f 95%% CI [%.3f, %.3f] median=%.2f\n", s.N, s.Mean, s.SD, s.Lo, s.Hi, s.Quantiles[0])
	// Output:
	// n=5 mean=0.290 sd=0.0158 95% CI [0.270, 0.310] median=0.29
}

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
