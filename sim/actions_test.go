package sim

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// oneAction is the repertoire of one action, participation itself: no
// cost or effort of its own, visible, spreading, skill 0, contribution 1.
const oneAction = "actions=[{name: take_part, contribution: 1}]"

// TestOneActionIsTheModel: a repertoire of one action of no cost of its own
// is the model without actions (issue 18): on every shipped scenario,
// every run's observations are those of the same run without actions, and
// the action's series are the participation's. Both are built from the
// same seeds, so the comparison is exact.
func TestOneActionIsTheModel(t *testing.T) {
	for _, f := range shippedScenarios(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			full, err := scenario.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(full.Scenario.Actions) > 0 {
				t.Skip("has a repertoire of its own")
			}
			set := []string{"replicates=1", fmt.Sprintf("steps=%d", min(full.Scenario.Steps, 60))}
			if full.Scenario.Population.Size > 2000 && full.Scenario.Network.Model != scenario.NetworkFile {
				set = append(set, "population.size=2000")
			}
			plain, err := scenario.LoadWithSet(f, set)
			if err != nil {
				t.Skipf("capped scenario does not load: %v", err)
			}
			one, err := scenario.LoadWithSet(f, append(set, oneAction))
			if err != nil {
				t.Fatal(err)
			}
			a, b := newTestRuns(t, plain), newTestRuns(t, one)
			for i := range a.Runs() {
				x, y := a.Model(t, i), b.Model(t, i)
				x.Run()
				y.Run()
				o := *y.obs
				if o.Actions == nil || o.DidBy == nil {
					t.Fatal("the run with one action keeps no action series")
				}
				for s := range o.Steps + 1 {
					if o.ActingBy[0][s] != o.Total.Active[s] || o.DidBy[0][s] != o.Total.Cumulative[s] {
						t.Fatalf("run %d step %d: doing %d did %d, but active %d cumulative %d", i, s,
							o.ActingBy[0][s], o.DidBy[0][s], o.Total.Active[s], o.Total.Cumulative[s])
					}
				}
				o.Actions, o.ActingBy, o.RoleBy, o.DidBy = nil, nil, nil, nil
				if d := firstDifference(x.obs, &o); d != "" {
					t.Fatalf("run %d: one action and none differ: %s", i, d)
				}
			}
		})
	}
}

// shippedScenarios are the scenario files of scenarios/ and its folders.
func shippedScenarios(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob("../scenarios/*.yaml")
	more, _ := filepath.Glob("../scenarios/*/*.yaml")
	files = append(files, more...)
	if len(files) < 10 {
		tb.Fatalf("found %d scenarios, want the shipped ones", len(files))
	}
	return files
}
