package sim_test

import (
	"testing"

	"github.com/connact/connact/sim/runner"
)

// TestClassicSiegel runs scenarios/classics/siegel-ties.yaml: Siegel (2009,
// AJPS 53(1)), whose abstract finds that "in some contexts additional
// network ties decrease participation", the effect of ties depending on the
// distribution of internal motivations. Each person participates when her
// motivation β_i plus the share of her ties participating reaches 1 (a
// fractional threshold θ_i = 1 − β_i). On a small world the same people
// with 12 ties instead of 4 (paired on common random numbers):
//
//   - weakly motivated (θ ~ N(0.5, 0.25), 2% self-starters): fewer take
//     part, as a self-starter is now 1/12 of a neighbour's ties instead of
//     1/4, too little for most to follow;
//   - motivated (θ mean 0.3): more take part, the added ties carrying
//     participation further;
//   - switching the dilution off (thresholds as counts of active ties, the
//     same 4·θ on average; Centola & Macy's absolute mode): added ties raise
//     participation in the weakly motivated population too, so the decrease
//     comes from the share rule.
//
// The comparisons are paired differences of the final share participating
// (runner.PairedDiff, 95%); every run must have reached its equilibrium.
func TestClassicSiegel(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 3 × 40 runs of 2,000 agents")
	}
	const file = "siegel-ties.yaml"
	for _, tc := range []struct {
		name string
		set  []string
		sign int // the sign of ties-12 − ties-4 asserted
	}{
		{"weakly motivated, θ ~ N(0.5, 0.25)", nil, -1},
		{"motivated, θ ~ N(0.3, 0.25)", []string{"population.threshold.mean=0.3"}, +1},
		{"weakly motivated, count thresholds ~ N(2, 1) (no dilution)", []string{"decision.social_mode=absolute", "population.threshold={dist: normal, mean: 2, sd: 1, bounds: clamp}"}, +1},
	} {
		st := classicStudy(t, file, tc.set...)
		final := map[string][]float64{}
		for _, r := range classicRuns(t, st) { // run order: replicates in order within each condition
			if !equilibriumReached(r) {
				t.Fatalf("%s: run %d still changing at the last step", tc.name, r.Index)
			}
			c := st.Conditions[r.Condition].Name
			final[c] = append(final[c], float64(r.Obs.Total.Active[r.Obs.Steps])/float64(r.N))
		}
		d := runner.PairedDiff(final["ties-4"], final["ties-12"])
		t.Logf("%s: share participating with 4 ties %.4f, with 12 ties %.4f: 12 − 4 = %+.4f [%.4f, %.4f] (paired 95%%)",
			tc.name, runner.Summarise(final["ties-4"], nil).Mean, runner.Summarise(final["ties-12"], nil).Mean, d.Mean, d.Lo, d.Hi)
		if tc.sign < 0 && !(d.Hi < 0) || tc.sign > 0 && !(d.Lo > 0) {
			t.Errorf("%s: 12 − 4 ties = %+.4f [%.4f, %.4f], want the sign %+d", tc.name, d.Mean, d.Lo, d.Hi, tc.sign)
		}
	}
}
