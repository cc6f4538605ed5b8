package sim_test

import (
	"reflect"
	"testing"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// TestTestRunsAsRunner: the runs the tests inside package sim build
// (testRuns) are runner.Study's, run for run, so that what those tests
// check is what connact runs.
func TestTestRunsAsRunner(t *testing.T) {
	l, err := scenario.Parse("arms.yaml", []byte(`
name: arms
seed: 11
steps: 30
replicates: 2
population: {size: 800}
network: {model: watts_strogatz, mean_degree: 6, rewire: 0.1}
organisations:
  - {name: union, position: 0.5, tolerance: 0.3, budget: 20, reach: 30, contact_cost: 0.05, dues: 0.01, members: 0.05}
frames:
  - {name: tag, seeds: 10, share: 0.3, width: 0.3, half_life: 3}
conditions:
  - {name: both}
  - {name: tag-only, mechanisms: [tag]}
`), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	if st.Runs() != 4 {
		t.Fatalf("%d runs, want 4", st.Runs())
	}
	for i := range st.Runs() {
		a, _, err := st.Model(i)
		if err != nil {
			t.Fatal(err)
		}
		b := sim.BuildTestRun(t, l, i)
		a.Run()
		b.Run()
		if !reflect.DeepEqual(a.Observations(), b.Observations()) {
			t.Errorf("run %d: runner.Study and testRuns differ", i)
		}
	}
}
