package sim

import (
	"context"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// testRuns are the runs of a loaded scenario's plan at its first point
// (conditions × replicates), numbered and seeded as runner.Study numbers
// and seeds them, built with NewRun: the tests inside package sim look at
// a model's internals and cannot import sim/runner, which imports sim.
// TestTestRunsAsRunner (runs_ext_test.go) checks that the two agree.
type testRuns struct {
	seed  uint64
	reps  int
	conds []testCond
}

type testCond struct {
	sc      *scenario.Scenario
	enabled []string
}

// newTestRuns resolves l's conditions; a file network is not supported.
func newTestRuns(tb testing.TB, l *scenario.Loaded) *testRuns {
	tb.Helper()
	pl, err := l.BasePlan().Point(0)
	if err != nil {
		tb.Fatal(err)
	}
	r := &testRuns{seed: l.Scenario.Seed, reps: pl.Scenario.Replicates}
	for c := range pl.ConditionNames() {
		sc, err := pl.Condition(c)
		if err != nil {
			tb.Fatal(err)
		}
		if sc.Network.Model == "file" {
			tb.Fatal("testRuns: file networks are not supported")
		}
		var enabled []string
		if len(pl.Scenario.Conditions) > 0 && len(pl.Scenario.Conditions[c].Mechanisms) > 0 {
			enabled = pl.Scenario.Conditions[c].Mechanisms
		}
		r.conds = append(r.conds, testCond{sc, enabled})
	}
	return r
}

// Runs is the number of runs.
func (r *testRuns) Runs() int { return len(r.conds) * r.reps }

// Model builds run i (condition i / replicates, replicate i % replicates)
// at step 0.
func (r *testRuns) Model(tb testing.TB, i int) *Model {
	tb.Helper()
	c, rep := i/r.reps, i%r.reps
	m, err := NewRun(context.Background(), r.conds[c].sc, r.conds[c].enabled, nil,
		PairedSeed(r.seed, rep), RunSeed(r.seed, c, rep))
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// parse parses an inline scenario; the test fails on error.
func parse(tb testing.TB, yaml string) *scenario.Loaded {
	tb.Helper()
	l, err := scenario.Parse("test.yaml", []byte(yaml), tb.TempDir())
	if err != nil {
		tb.Fatalf("scenario: %v", err)
	}
	return l
}
