package sim

import (
	"context"
	"os"
	"testing"

	"github.com/connact/connact/sim/network"
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
	// A file network, read as runner.Study.ReadNetwork reads it (without
	// its checks, which runner's tests make), and its node table.
	graph *network.Graph
	nodes *network.NodeTable
}

type testCond struct {
	sc      *scenario.Scenario
	enabled []string
}

// newTestRuns resolves l's conditions and reads a file network.
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
		if sc.Network.Model == scenario.NetworkFile && r.graph == nil {
			r.graph, r.nodes = readTestNetwork(tb, &sc.Network)
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
	m, err := NewRunNodes(context.Background(), r.conds[c].sc, r.conds[c].enabled, r.graph, r.nodes,
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

// readTestNetwork reads a scenario's edge list and node table (nil for
// none).
func readTestNetwork(tb testing.TB, nw *scenario.Network) (*network.Graph, *network.NodeTable) {
	tb.Helper()
	f, err := os.Open(nw.File)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	g, info, err := network.ReadEdgeList(f, network.ReadOptions{Name: nw.File})
	if err != nil {
		tb.Fatal(err)
	}
	if nw.Nodes == "" {
		return g, nil
	}
	nf, err := os.Open(nw.Nodes)
	if err != nil {
		tb.Fatal(err)
	}
	defer nf.Close()
	nodes, err := network.ReadNodeTable(nf, network.NodeTableOptions{Name: nw.Nodes, Labels: info.Labels, Numeric: NodeColumns})
	if err != nil {
		tb.Fatal(err)
	}
	return g, nodes
}
