package sim_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// crnArms runs scenarios/common-random-numbers.yaml with the overrides and
// returns, per condition, its runs in replicate order.
func crnArms(t *testing.T, set ...string) [][]*runner.Result {
	t.Helper()
	l, err := scenario.LoadWithSet(filepath.Join("..", "scenarios", "common-random-numbers.yaml"), set)
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	arms := make([][]*runner.Result, len(st.Conditions))
	err = st.RunAll(context.Background(), 4, func(r *runner.Result) error {
		arms[r.Condition] = append(arms[r.Condition], r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return arms
}

// crnFirstDifference is the first step at which two runs' counts differ
// (active, aware, cumulative), or -1.
func crnFirstDifference(a, b *runner.Result) int {
	x, y := a.Obs.Total, b.Obs.Total
	for s := 0; s <= a.Obs.Steps; s++ {
		if x.Active[s] != y.Active[s] || x.Aware[s] != y.Aware[s] || x.Cumulative[s] != y.Cumulative[s] {
			return s
		}
	}
	return -1
}

// TestCommonRandomNumbersScenario: in the shipped scenario, whose arms
// differ only from the hub attack on day 8, common random numbers make the
// arms identical up to day 7 in every replicate and the paired 95% interval
// of their difference at least twice as narrow as the unpaired one (about
// 3–4× measured before model 2.0, 6.7–12× since, 8–10× with keyed draws; see
// scenarios/contrasts/README.md, section 2). Switched off, the arms differ
// from day 0 and pairing gains much less: less than half as much.
func TestCommonRandomNumbersScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 80 runs of 3,000 agents")
	}
	metrics := map[string]func(r *runner.Result) float64{
		"peak_share":       func(r *runner.Result) float64 { return r.Metrics.PeakShare },
		"cumulative_share": func(r *runner.Result) float64 { return r.Metrics.CumulativeShare },
	}
	ratios := func(arms [][]*runner.Result) map[string]float64 {
		out := map[string]float64{}
		for name, f := range metrics {
			var xs, ys []float64
			for r := range arms[0] {
				xs, ys = append(xs, f(arms[0][r])), append(ys, f(arms[1][r]))
			}
			p := runner.PairedDiff(xs, ys)
			out[name] = (p.UnpairedHi - p.UnpairedLo) / (p.Hi - p.Lo)
			t.Logf("%s: hubs − intact = %.4f, paired [%.4f, %.4f], unpaired [%.4f, %.4f], width ratio %.2f",
				name, p.Mean, p.Lo, p.Hi, p.UnpairedLo, p.UnpairedHi, out[name])
		}
		return out
	}

	on := crnArms(t)
	var onRatios map[string]float64
	for r := range on[0] {
		if d := crnFirstDifference(on[0][r], on[1][r]); d != 8 {
			t.Errorf("common random numbers, replicate %d: the arms first differ on day %d, want 8 (the attack)", r, d)
		}
	}
	onRatios = ratios(on)
	for name, ratio := range onRatios {
		if ratio < 2 {
			t.Errorf("common random numbers: %s's paired interval is only %.2f× narrower than the unpaired one, want ≥ 2", name, ratio)
		}
	}

	off := crnArms(t, "common_random_numbers=false")
	early := slices.IndexFunc(off[0], func(a *runner.Result) bool { return crnFirstDifference(a, off[1][a.Replicate]) >= 8 })
	if early >= 0 {
		t.Errorf("without common random numbers, replicate %d: the arms are identical before the attack", early)
	}
	// Pairing alone (the arms share each replicate's people and network)
	// narrows the interval too, about 1.6–2× since model 2.0's tie-loss
	// rule (issue 17); the option must at least double that.
	for name, ratio := range ratios(off) {
		if ratio >= onRatios[name]/2 {
			t.Errorf("without common random numbers: %s's paired interval is %.2f× narrower than the unpaired one, against %.2f× with them; the option should be what narrows it", name, ratio, onRatios[name])
		}
	}
}
