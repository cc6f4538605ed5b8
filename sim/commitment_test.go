package sim_test

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// TestCommitmentDurability (scenarios/commitment.yaml; issue 20, item 1):
// the union and the hashtag have the same attention half-life, and the
// union's contacts stop when its budget runs out (day 30). With
// commitment fed by habit and membership (one law for both logics), the
// collective arm stays mobilised (final / peak share) far more than the
// connective one; with every growth rate 0 (the -off conditions) neither
// lasts, and the difference is gone. With η_org = 0 alone (habit kept)
// most of the difference remains (logged): the union's long-running
// participants are held by habit as much as by membership.
func TestCommitmentDurability(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a whole scenario")
	}
	sustain := func(set ...string) map[string][]float64 {
		l, err := scenario.LoadWithSet(filepath.Join("..", "scenarios", "commitment.yaml"), set)
		if err != nil {
			t.Fatal(err)
		}
		st, err := runner.NewStudy(l)
		if err != nil {
			t.Fatal(err)
		}
		names := l.ConditionNames()
		out := map[string][]float64{}
		err = st.RunAll(context.Background(), runtime.GOMAXPROCS(0), func(r *runner.Result) error {
			out[names[r.Condition]] = append(out[names[r.Condition]], r.Metrics.Sustainability)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	on := sustain()
	ctBelow(t, "commitment on: sustainability", on["connective"], on["collective"], "connective", "collective")
	if s := ctSummary(on["collective"]); s.Mean < 0.8 {
		t.Errorf("commitment on: collective sustainability %v, want the union still mobilised (>= 0.8)", s)
	}
	for _, c := range []string{"collective-off", "connective-off"} {
		if s := ctSummary(on[c]); !(s.Mean <= 0.05) {
			t.Errorf("commitment off: %s sustainability %v, want it gone (<= 0.05)", c, s)
		} else {
			t.Logf("commitment off: %s sustainability %v", c, s)
		}
	}
	noOrg := sustain("decision.commitment.organisation=0")
	t.Logf("η_org = 0: sustainability collective %v, connective %v", ctSummary(noOrg["collective"]), ctSummary(noOrg["connective"]))
}
