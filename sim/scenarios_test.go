package sim_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// TestShippedScenarios loads every scenario in scenarios/ and runs each of
// its conditions for a few steps (STYLE.md: every scenario is run by a test).
func TestShippedScenarios(t *testing.T) {
	for _, f := range sim.ShippedScenarios(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			// A few steps: 3, or enough to reach the last scheduled event.
			full, err := scenario.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			steps := 3
			for _, e := range full.Scenario.Events {
				steps = max(steps, e.Step)
			}
			for _, fr := range full.Scenario.Frames {
				steps = max(steps, fr.Start)
			}
			for _, o := range full.Scenario.Organisations {
				steps = max(steps, o.Start)
			}
			l, err := scenario.LoadWithSet(f, []string{fmt.Sprintf("steps=%d", steps), "replicates=1"})
			if err != nil {
				t.Fatal(err)
			}
			st, err := runner.NewStudy(l)
			if err != nil {
				t.Fatal(err)
			}
			runs := 0
			err = st.RunAll(context.Background(), 2, func(r *runner.Result) error {
				runs++
				if r.Obs.Total.Alive[0] == 0 {
					t.Errorf("condition %d: empty population", r.Condition)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if runs != len(st.Conditions) {
				t.Errorf("%d runs, want %d", runs, len(st.Conditions))
			}
		})
	}
}

// TestAblation is the acceptance test of the equal-footing comparison
// (issue 20, item 5): scenarios/ablation.yaml runs comparison.yaml's union
// and hashtag with each mechanism switched off in turn, every condition of
// a replicate on the same people, network and random numbers. It checks
// what scenarios/README.md says the model produces, and which mechanism
// produces it; each claim compares replicate means whose 95% confidence
// intervals must not overlap.
func TestAblation(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 160 simulations of 5,000 agents")
	}
	l, err := scenario.Load("../scenarios/ablation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	type acc struct{ peakStep, cum, sust []float64 }
	by := map[string]*acc{}
	err = st.RunAll(context.Background(), 2, func(r *runner.Result) error {
		name := st.Conditions[r.Condition].Name
		a := by[name]
		if a == nil {
			a = &acc{}
			by[name] = a
		}
		a.peakStep = append(a.peakStep, float64(r.Metrics.PeakStep))
		a.cum = append(a.cum, r.Metrics.CumulativeShare)
		a.sust = append(a.sust, r.Metrics.Sustainability)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// less is ctBelow (contrasts_test.go): a's 95% CI wholly below b's.
	less := func(what, an, bn string, a, b []float64) {
		t.Helper()
		ctBelow(t, what, a, b, an, bn)
	}
	get := func(name string) *acc {
		t.Helper()
		a := by[name]
		if a == nil {
			t.Fatalf("no condition %s", name)
		}
		return a
	}
	col, con := get("collective"), get("connective")
	// On equal footing the hashtag reaches far more people than the union,
	// and the union's economy is what holds it back: with its incentive,
	// staff and churn free it reaches several times as many.
	less("cumulative share", "collective", "connective", col.cum, con.cum)
	less("cumulative share", "collective", "collective-free-incentives", col.cum, get("collective-free-incentives").cum)
	// Neither logic fades at the shipped rates: commitment holds both.
	// Without commitment, or without its hold on attention, the hashtag's
	// participation fades to (almost) nothing and the union's to a part.
	for _, off := range []string{"no-commitment", "no-sustain"} {
		less("sustainability", "connective-"+off, "connective", get("connective-"+off).sust, con.sust)
		less("sustainability", "connective-"+off, "collective-"+off, get("connective-"+off).sust, get("collective-"+off).sust)
		less("sustainability", "collective-"+off, "collective", get("collective-"+off).sust, col.sust)
	}
	// Habit carries half of the hashtag's durability.
	less("sustainability", "connective-no-habit", "connective", get("connective-no-habit").sust, con.sust)
	// Without commitment the hashtag peaks later than the union, whose
	// members start active: "connective is faster" does not hold here.
	less("step of the peak", "collective-no-commitment", "connective-no-commitment", get("collective-no-commitment").peakStep, get("connective-no-commitment").peakStep)
	// A mechanism that does not apply changes nothing, run for run: the
	// hashtag has no members, so the organisation term is inert for it.
	if a, b := get("connective-no-organisation"), con; !slices.Equal(a.cum, b.cum) || !slices.Equal(a.sust, b.sust) {
		t.Errorf("connective-no-organisation differs from connective: %v / %v", a.cum, b.cum)
	}
}

// TestBigRunLoads keeps the big run of the README's Performance section
// (sim/testdata/big-run.yaml) valid; running it is a minute of 2.5 GiB.
func TestBigRunLoads(t *testing.T) {
	l, err := scenario.Load("testdata/big-run.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if n := l.Scenario.Population.Size; n != 10_000_000 || l.Scenario.Network.MeanDegree != 20 || l.Scenario.Steps != 100 {
		t.Errorf("big run: %d agents, mean degree %g, %d steps; want 10^7, 20, 100", n, l.Scenario.Network.MeanDegree, l.Scenario.Steps)
	}
}
