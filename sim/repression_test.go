package sim_test

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// TestRepressionScenario: scenarios/repression.yaml, whose arms run on
// common random numbers and differ only from the repression on day 8. On
// the hashtag, with no backlash, every repression lowers cumulative
// participation against the same replicate without it; a shutdown costs
// more than a throttle to a fifth of the share probability, which costs
// more than nothing; a backlash of +0.3 seen by the arrested agents' ties
// turns the same arrests into a gain (Opp & Roehl 1990) and −0.3 into a
// larger loss (the two outcomes Siegel 2011 derives for one repression).
// The union loses participation to a raised cost. Each claim: the paired
// 95% interval of the difference (runner.PairedDiff) lies wholly on its
// side of 0.
func TestRepressionScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 150 runs of 3,000 agents")
	}
	arms := map[string][]float64{}
	runShipped(t, "repression.yaml", func(c string, r *runner.Result) {
		for len(arms[c]) <= r.Replicate {
			arms[c] = append(arms[c], 0)
		}
		arms[c][r.Replicate] = r.Metrics.CumulativeShare
	})
	// below asserts that arm a's cumulative share is below arm b's.
	below := func(a, b string) {
		t.Helper()
		d := runner.PairedDiff(arms[b], arms[a]) // a − b
		if !(d.Hi < 0) {
			t.Errorf("cumulative share: %s − %s = %.4f [%.4f, %.4f], not clearly below 0", a, b, d.Mean, d.Lo, d.Hi)
			return
		}
		t.Logf("cumulative share: %s − %s = %.4f [%.4f, %.4f] (paired 95%%)", a, b, d.Mean, d.Lo, d.Hi)
	}
	for _, a := range []string{"arrest-degree", "throttle", "shutdown", "cost", "deterrence"} {
		below("connective-"+a, "connective")
	}
	below("connective-shutdown", "connective-throttle")
	below("connective-arrest-degree", "connective-backlash")
	below("connective-deterrence", "connective-arrest-degree")
	below("connective", "connective-backlash")
	below("collective-cost", "collective")
	below("collective-arrest-degree", "collective-backlash")
	below("collective-deterrence", "collective-arrest-degree")
	// Reported: arrests by activity and at random, and the union's.
	for _, a := range []string{"connective-arrest-activity", "connective-arrest-random"} {
		d := runner.PairedDiff(arms["connective"], arms[a])
		t.Logf("cumulative share: %s − connective = %.4f [%.4f, %.4f]", a, d.Mean, d.Lo, d.Hi)
	}
	for _, a := range []string{"collective-arrest-degree", "collective-arrest-activity"} {
		d := runner.PairedDiff(arms["collective"], arms[a])
		t.Logf("cumulative share: %s − collective = %.4f [%.4f, %.4f]", a, d.Mean, d.Lo, d.Hi)
	}
}

// runShipped runs the shipped scenario scenarios/<rel> as written (connact
// run) and hands each run to f with its condition's name, in run order.
func runShipped(t *testing.T, rel string, f func(condition string, r *runner.Result)) {
	t.Helper()
	l, err := scenario.Load(filepath.Join("..", "scenarios", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	names := st.Plan.ConditionNames()
	err = st.RunAll(context.Background(), runtime.GOMAXPROCS(0), func(r *runner.Result) error {
		f(names[r.Condition], r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
