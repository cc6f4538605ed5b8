package sim_test

import (
	"context"
	"fmt"
	"github.com/connact/connact/sim/runner"
	"path/filepath"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// TestShippedScenarios loads every scenario in scenarios/ and runs each of
// its conditions for a few steps (STYLE.md: every scenario is run by a test).
func TestShippedScenarios(t *testing.T) {
	files, err := filepath.Glob("../scenarios/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../scenarios/*/*.yaml")
	files = append(files, more...)
	if len(files) < 4 {
		t.Fatalf("found %d scenarios, want at least 4", len(files))
	}
	for _, f := range files {
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

// TestComparisonContrast is the engine's acceptance test on the shipped
// comparison scenario (Bennett & Segerberg 2012): connective participation
// peaks earlier and decays faster; collective participation rises more
// slowly and persists longer. Each claim compares replicate means whose 95%
// confidence intervals must not overlap.
func TestComparisonContrast(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 60 simulations of 5,000 agents")
	}
	l, err := scenario.Load("../scenarios/comparison.yaml")
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	// Per condition: the step of the peak, the steps to rise to half the
	// peak, and sustainability (final / peak).
	type acc struct{ peakStep, rise, sust []float64 }
	by := map[string]*acc{}
	err = st.RunAll(context.Background(), 2, func(r *runner.Result) error {
		name := st.Conditions[r.Condition].Name
		a := by[name]
		if a == nil {
			a = &acc{}
			by[name] = a
		}
		a.peakStep = append(a.peakStep, float64(r.Metrics.PeakStep))
		a.sust = append(a.sust, r.Metrics.Sustainability)
		o := r.Obs.Total
		for step := range o.Active {
			if float64(o.Active[step])/float64(o.Alive[step]) >= r.Metrics.PeakShare/2 {
				a.rise = append(a.rise, float64(step))
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	qs := []float64{0.5}
	less := func(what string, a, b []float64, an, bn string) {
		sa, sb := runner.Summarise(append([]float64{}, a...), qs), runner.Summarise(append([]float64{}, b...), qs)
		if !(sa.Hi < sb.Lo) {
			t.Errorf("%s: %s %.3g [%.3g, %.3g] is not clearly below %s %.3g [%.3g, %.3g]",
				what, an, sa.Mean, sa.Lo, sa.Hi, bn, sb.Mean, sb.Lo, sb.Hi)
		}
	}
	col, con := by["collective"], by["connective"]
	less("step of the peak", con.peakStep, col.peakStep, "connective", "collective")
	less("steps to half the peak", con.rise, col.rise, "connective", "collective")
	less("sustainability (final/peak)", con.sust, col.sust, "connective", "collective")
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
