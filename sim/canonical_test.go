package sim_test

import (
	"context"
	"fmt"
	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/runner"
	"math"
	"strings"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// study parses an inline scenario and prepares it; the test fails on error.
func study(t *testing.T, yaml string) *runner.Study {
	t.Helper()
	l, err := scenario.Parse("test.yaml", []byte(yaml), t.TempDir())
	if err != nil {
		t.Fatalf("scenario: %v", err)
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		t.Fatalf("study: %v", err)
	}
	return st
}

// runAll runs every run of st and returns the results in order.
func runAll(t *testing.T, st *runner.Study, workers int) []*runner.Result {
	t.Helper()
	var out []*runner.Result
	if err := st.RunAll(context.Background(), workers, func(r *runner.Result) error { out = append(out, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// granovetter is the riot of Granovetter (1978, p. 1425): 100 people on a
// complete graph (everyone sees everyone), thresholds given as numbers of
// others who must already riot, monotone participation.
func granovetter(thresholds []int) string {
	vals := make([]string, len(thresholds))
	for i, v := range thresholds {
		vals[i] = fmt.Sprint(v)
	}
	return `
name: granovetter
seed: 1
steps: 120
replicates: 1
population:
  size: 100
  threshold: {dist: empirical, values: [` + strings.Join(vals, ", ") + `], draw: sequence}
network: {model: complete}
decision: {identity: 0, social: 1, incentive: 0, cost: 0, free_riding: 0, social_mode: absolute, permanent: true}
frames:
  - {name: riot, seeds: 0, aware: 1, share: 0, width: 1, cost: 0, half_life: 0}
`
}

func TestGranovetterRiot(t *testing.T) {
	uniform := make([]int, 100)
	for i := range uniform {
		uniform[i] = i
	}
	// The threshold-1 person raised to 2: the chain breaks after the instigator.
	broken := append([]int{}, uniform...)
	broken[1] = 2
	for _, tc := range []struct {
		name       string
		thresholds []int
		want       int64
	}{
		{"uniform 0..99", uniform, 100},
		{"threshold 1 raised to 2", broken, 1},
	} {
		r := runAll(t, study(t, granovetter(tc.thresholds)), 1)[0]
		T := r.Obs.Steps
		if got := r.Obs.Total.Active[T]; got != tc.want {
			t.Errorf("%s: %d rioters at the end, want %d", tc.name, got, tc.want)
		}
	}
}

// TestGranovetterOneAStep checks the synchronous dynamics: with thresholds
// 0..99 exactly one more person joins each step (the person with threshold k
// sees k rioters at step k), so the riot completes at step 100.
func TestGranovetterOneAStep(t *testing.T) {
	th := make([]int, 100)
	for i := range th {
		th[i] = i
	}
	r := runAll(t, study(t, granovetter(th)), 1)[0]
	for step := 0; step <= 100; step++ {
		want := int64(min(step, 100))
		if got := r.Obs.Total.Active[step]; got != want {
			t.Fatalf("step %d: %d active, want %d", step, got, want)
		}
	}
}

// TestSIRFinalSize checks the independent cascade / SIR against the final
// size relation r = 1 − exp(−R0·r) on Erdős–Rényi graphs (Kermack &
// McKendrick 1927; Newman 2002, eq. 20 with Poisson degrees), R0 = T·⟨k⟩.
func TestSIRFinalSize(t *testing.T) {
	const (
		n    = 20000
		k    = 5.0
		reps = 6
	)
	for _, T := range []float64{0.3, 0.5} {
		y := fmt.Sprintf(`
name: sir
seed: 7
steps: 200
replicates: %d
population: {size: %d}
network: {model: erdos_renyi, mean_degree: %g}
decision: {identity: 0, social: 0, incentive: 0, cost: 0, free_riding: 0, active_steps: 1, rejoin: false}
frames:
  - {name: infection, seeds: 20, share: %g, width: 1, cost: 0, half_life: 0}
`, reps, n, k, T)
		r0 := T * k
		// Solve r = 1 − exp(−R0 r) by fixed-point iteration from r = 1.
		want := 1.0
		for range 1000 {
			want = 1 - math.Exp(-r0*want)
		}
		st := study(t, y)
		var sum float64
		for _, r := range runAll(t, st, 2) {
			// 20 seeds make extinction before a major outbreak vanishingly
			// rare for R0 ≥ 1.5 (probability ≈ (1−r)^20 < 1e-8).
			sum += r.Metrics.CumulativeShare
		}
		// The same runs with sharing cut into spans of 256 agents, each
		// drawing from its own stream, as populations above 262,144
		// agents are (share): a different stream, the same law.
		var spans float64
		for i := range st.Runs() {
			m, _, err := st.Model(i)
			if err != nil {
				t.Fatal(err)
			}
			sim.SetShareWords(m, 4)
			m.Run()
			spans += float64(m.Observations().Total.Cumulative[m.Observations().Steps]) / n
		}
		// Tolerance 0.02: the finite-size standard deviation of the final
		// size is about sqrt(r(1−r)/n)·(1/(1−R0(1−r))) ≈ 0.006 for these
		// R0 at n = 20000, and 20 seeds add about 0.001; the mean of 6 runs
		// lies well within 0.02 of the limit.
		for _, got := range []float64{sum / reps, spans / reps} {
			if math.Abs(got-want) > 0.02 {
				t.Errorf("T=%g (R0=%g): final size %.4f, want %.4f ± 0.02 (one stream %.4f, spans %.4f)", T, r0, got, want, sum/reps, spans/reps)
			}
		}
	}
}

// TestSIRGenerationTime: each agent is active for exactly one step.
func TestSIRGenerationTime(t *testing.T) {
	y := `
name: sir
seed: 3
steps: 50
replicates: 1
population: {size: 2000}
network: {model: erdos_renyi, mean_degree: 6}
decision: {identity: 0, social: 0, incentive: 0, cost: 0, free_riding: 0, active_steps: 1, rejoin: false}
frames:
  - {name: infection, seeds: 5, share: 0.5, width: 1, cost: 0, half_life: 0}
`
	r := runAll(t, study(t, y), 1)[0]
	o := r.Obs.Total
	for step := 1; step <= r.Obs.Steps; step++ {
		// Everyone active at step-1 has recovered at step.
		if o.Lapsed[step] != o.Active[step-1] {
			t.Fatalf("step %d: %d recovered, %d were active", step, o.Lapsed[step], o.Active[step-1])
		}
		if o.Cumulative[step] != o.Cumulative[step-1]+o.NewActive[step] {
			t.Fatalf("step %d: cumulative does not add up", step)
		}
	}
}

// TestWattsCascadeWindow checks the fractional threshold model of Watts
// (2002) on Erdős–Rényi graphs with φ = 0.18 and a single seed: inside the
// cascade window (z = 4) a good share of single seeds trigger global cascades;
// above it (z = 14) none do, because almost no node is vulnerable (k ≤ 1/φ:
// P(k ≤ 5) ≈ 0.007 for Poisson(14), far below the percolation threshold of
// the vulnerable cluster). The full window against the analytic condition is
// the validation suite's job.
func TestWattsCascadeWindow(t *testing.T) {
	for _, tc := range []struct {
		z        float64
		min, max float64 // share of runs with a global cascade
	}{
		{4, 0.2, 1},
		{14, 0, 0},
	} {
		y := fmt.Sprintf(`
name: watts
seed: 11
steps: 200
replicates: 30
population: {size: 10000, threshold: 0.18}
network: {model: erdos_renyi, mean_degree: %g}
decision: {identity: 0, social: 1, incentive: 0, cost: 0, free_riding: 0, permanent: true}
frames:
  - {name: cascade, seeds: 1, aware: 1, share: 0, width: 1, cost: 0, half_life: 0}
outputs: {cascade_level: 0.5}
`, tc.z)
		var cascades int
		for _, r := range runAll(t, study(t, y), 2) {
			if r.Metrics.Cascade {
				cascades++
			}
		}
		share := float64(cascades) / 30
		if share < tc.min || share > tc.max {
			t.Errorf("z=%g: %.2f of runs cascaded, want within [%g, %g]", tc.z, share, tc.min, tc.max)
		}
	}
}

// TestComplexContagionRing: absolute threshold θ = 2 on a ring lattice where
// each agent has two neighbours on each side (Centola & Macy 2007), seeded
// with one agent and its four neighbours. The front advances exactly one
// agent per side per step (the next agent sees the two outermost active
// agents, the one after it only one), so after s steps the inactive gap is
// 995 − 2s agents. When the two fronts meet, a gap of three closes at once
// (its middle agent sees one active agent two places away on either side),
// so n = 1000 saturates at the first s with 995 − 2(s−1) ≤ 3: s = 497.
func TestComplexContagionRing(t *testing.T) {
	y := `
name: ring
seed: 5
steps: 600
replicates: 1
population: {size: 1000, threshold: 2}
network: {model: ring, mean_degree: 4}
decision: {identity: 0, social: 1, incentive: 0, cost: 0, free_riding: 0, social_mode: absolute, permanent: true}
frames:
  - {name: norm, seeds: 1, seeding: neighbourhood, aware: 1, share: 0, width: 1, cost: 0, half_life: 0}
`
	r := runAll(t, study(t, y), 1)[0]
	o := r.Obs.Total
	if o.Active[0] != 5 {
		t.Fatalf("seeded %d agents, want 5", o.Active[0])
	}
	full := -1
	for step := 0; step <= r.Obs.Steps; step++ {
		if o.Active[step] == 1000 {
			full = step
			break
		}
	}
	if full != 497 {
		t.Errorf("saturation at step %d, want 497", full)
	}
}
