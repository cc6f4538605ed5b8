package sim_test

import (
	"testing"

	"github.com/connact/connact/sim/runner"
)

// TestClassicOliverMarwellTeixeira checks the three propositions of Oliver,
// Marwell & Teixeira (1985) that scenarios/classics/oliver-marwell-teixeira.yaml
// sets out, each with 95% confidence intervals across its 10 replicates
// (Student's t, runner.Summarise):
//
//  1. decelerating production: the interested (10%) all take part and
//     provide the good (final G ≥ 0.95), while the others do nothing (fewer
//     than 5% ever take part);
//  2. order effects: when the others are reached first, far more of them
//     take part, and fewer of the interested, than when the interested are
//     reached first;
//  3. accelerating production: without a critical mass of interested,
//     resourceful people the good is never started (final G < 0.05); with
//     it, it is provided (final G ≥ 0.95), later than under decelerating
//     production, and participation snowballs (more of the interested take
//     part on day 20 than on day 2), where under decelerating production it
//     falls.
func TestClassicOliverMarwellTeixeira(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 40 runs of 2,000 agents")
	}
	type run struct{ interested, others, good, peakStep, active2, active20 float64 }
	runs := map[string][]run{}
	runShipped(t, "classics/oliver-marwell-teixeira.yaml", func(c string, r *runner.Result) {
		o := r.Obs
		T := o.Steps
		share := func(g int) float64 { return float64(o.Groups[g].Cumulative[T]) / float64(o.GroupSize[g]) }
		runs[c] = append(runs[c], run{
			interested: share(0), others: share(1), good: r.Metrics.FinalGood, peakStep: float64(r.Metrics.PeakStep),
			active2: float64(o.Groups[0].Active[2]), active20: float64(o.Groups[0].Active[20]),
		})
	})
	ci := func(cond string, f func(run) float64) ctEstimate {
		var xs []float64
		for _, r := range runs[cond] {
			xs = append(xs, f(r))
		}
		return ctSummary(xs)
	}
	interested := func(r run) float64 { return r.interested }
	others := func(r run) float64 { return r.others }
	good := func(r run) float64 { return r.good }
	check := func(ok bool, format string, args ...any) {
		t.Helper()
		if !ok {
			t.Errorf("fails: "+format, args...)
			return
		}
		t.Logf("holds: "+format, args...)
	}

	// 1. Decelerating: a critical mass provides the good, the rest do nothing.
	di, do, dg := ci("decelerating", interested), ci("decelerating", others), ci("decelerating", good)
	check(di.Lo > 0.95 && do.Hi < 0.05 && dg.Lo >= 0.95,
		"1. decelerating: share of the interested who took part %v, of the others %v; final good %v", di, do, dg)

	// 2. Order effects.
	oi, oo := ci("decelerating-others-first", interested), ci("decelerating-others-first", others)
	check(do.Hi < oo.Lo && oi.Hi < di.Lo,
		"2. order: the others took part %v when reached second, %v when first; the interested %v when first, %v when second", do, oo, di, oi)

	// 3. Accelerating: start-up costs, the critical mass, the snowball.
	ng, ag := ci("accelerating-no-critical-mass", good), ci("accelerating", good)
	check(ng.Hi < 0.05 && ag.Lo >= 0.95,
		"3. accelerating: final good %v without a critical mass of interested, resourceful people, %v with it", ng, ag)
	ap, dp := ci("accelerating", func(r run) float64 { return r.peakStep }), ci("decelerating", func(r run) float64 { return r.peakStep })
	check(dp.Hi < ap.Lo, "3. accelerating: participation peaks on day %v, against %v under decelerating production", ap, dp)
	grow := func(r run) float64 { return r.active20 - r.active2 }
	ga, gd := ci("accelerating", grow), ci("decelerating", grow)
	check(ga.Lo > 0 && gd.Hi < 0,
		"3. the interested taking part on day 20 minus day 2: %v under accelerating production (it snowballs), %v under decelerating", ga, gd)
}
