package sim

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"

	"github.com/connact/connact/sim/network"
	"github.com/connact/connact/sim/scenario"
)

// Study is a loaded scenario ready to run: its conditions resolved and any
// edge-list network read once and shared, read-only, by every run.
type Study struct {
	Loaded     *scenario.Loaded
	Scenario   *scenario.Scenario // the base scenario
	Conditions []Condition
	Seed       uint64
	Replicates int

	fileGraph *network.Graph
	fileInfo  network.ReadInfo
}

// Condition is one arm of the study.
type Condition struct {
	Name     string
	Scenario *scenario.Scenario // with the condition's overrides applied
	Enabled  []string           // mechanisms enabled; nil = all
}

// GroupNames are the condition's identity groups, in order.
func (c *Condition) GroupNames() []string {
	var s []string
	for _, g := range c.Scenario.Population.Groups {
		s = append(s, g.Name)
	}
	return s
}

// Result is one finished run.
type Result struct {
	Condition int
	Replicate int
	Seed      uint64 // the run seed (dynamics); see RunSeed and PairedSeed
	N         int    // initial population
	Obs       *Observations
	Metrics   Metrics
	Network   network.Stats
}

// NewStudy prepares the loaded scenario for running.
func NewStudy(l *scenario.Loaded) (*Study, error) {
	st := &Study{Loaded: l, Scenario: l.Scenario, Seed: l.Scenario.Seed, Replicates: l.Scenario.Replicates}
	for i, name := range l.ConditionNames() {
		sc, err := l.Condition(i)
		if err != nil {
			return nil, err
		}
		var enabled []string
		if len(l.Scenario.Conditions) > 0 && len(l.Scenario.Conditions[i].Mechanisms) > 0 {
			enabled = l.Scenario.Conditions[i].Mechanisms
		}
		st.Conditions = append(st.Conditions, Condition{Name: name, Scenario: sc, Enabled: enabled})
	}
	if l.Scenario.Network.Model == "file" {
		// Problems with the edge list are the user's to fix: reported at
		// network.file in the scenario, with the edge list's own line.
		f, err := os.Open(l.Scenario.Network.File)
		if err != nil {
			return nil, l.Errorf("network.file", "%v", err)
		}
		defer f.Close()
		g, info, err := network.ReadEdgeList(f, network.ReadOptions{Name: l.Scenario.Network.File})
		if err != nil {
			return nil, l.Errorf("network.file", "%v", err)
		}
		if n := l.Scenario.Population.Size; n != 0 && n != g.N() {
			return nil, l.Errorf("population.size", "%d does not match the %d nodes of %s (leave size out to take it from the file)", n, g.N(), l.Scenario.Network.File)
		}
		st.fileGraph, st.fileInfo = g, info
	}
	return st, nil
}

// NetworkFileInfo describes the edge list read for a file network: its node
// labels (index = agent id) and the self loops and duplicate edges dropped.
func (st *Study) NetworkFileInfo() network.ReadInfo { return st.fileInfo }

// Runs is the number of runs: conditions × replicates.
func (st *Study) Runs() int { return len(st.Conditions) * st.Replicates }

// Model builds run number i (condition-major: condition i / replicates,
// replicate i % replicates) at step 0, with its population, network and
// seeded generators, and returns it with its run seed.
func (st *Study) Model(i int) (*Model, uint64, error) {
	c, r := i/st.Replicates, i%st.Replicates
	cond := &st.Conditions[c]
	sc := cond.Scenario
	paired := PairedSeed(st.Seed, r)
	g := st.fileGraph
	n := sc.Population.Size
	if g != nil {
		n = g.N()
	}
	pop, err := NewPopulation(&sc.Population, n, sc.Decision.SocialMode == "absolute", newRand(paired, streamPopulation))
	if err != nil {
		return nil, 0, err
	}
	if g == nil {
		if g, err = BuildNetwork(&sc.Network, pop, newRand(paired, streamNetwork)); err != nil {
			return nil, 0, err
		}
	}
	seed := RunSeed(st.Seed, c, r)
	m, err := NewModel(sc, pop, g, cond.Enabled, newRand(seed, streamDynamics))
	return m, seed, err
}

// Run executes run number i to the last step (see Model for the numbering).
func (st *Study) Run(i int) (*Result, error) {
	m, seed, err := st.Model(i)
	if err != nil {
		return nil, err
	}
	m.Run()
	res := &Result{Condition: i / st.Replicates, Replicate: i % st.Replicates, Seed: seed, N: m.Pop.N, Obs: m.obs}
	res.Metrics = ComputeMetrics(m.obs, m.Pop.N, m.sc.Outputs.CascadeLevel)
	res.Network = network.ComputeStats(m.Net, newRand(PairedSeed(st.Seed, res.Replicate), streamStats))
	return res, nil
}

// RunAll runs every run on workers goroutines and hands the results to emit
// in run order, whatever the number of workers.
func (st *Study) RunAll(ctx context.Context, workers int, emit func(*Result) error) error {
	return OrderedParallel(ctx, st.Runs(), workers, st.Run, func(_ int, r *Result) error { return emit(r) })
}

// BuildNetwork generates the scenario's network over the population.
func BuildNetwork(nw *scenario.Network, pop *Population, rnd *rand.Rand) (*network.Graph, error) {
	n := pop.N
	k := nw.MeanDegree
	switch nw.Model {
	case "erdos_renyi":
		p := 0.0
		if n > 1 {
			p = k / float64(n-1)
		}
		return network.ErdosRenyiGNP(n, p, rnd)
	case "gnm":
		return network.ErdosRenyiGNM(n, int64(math.Round(k*float64(n)/2)), rnd)
	case "watts_strogatz":
		return network.WattsStrogatz(n, int(k), nw.Rewire, rnd)
	case "barabasi_albert":
		return network.BarabasiAlbert(n, nw.Attach, rnd)
	case "block":
		return network.StochasticBlock(pop.Group, len(pop.Groups), k, nw.Homophily, rnd)
	case "ring":
		return network.RingLattice(n, int(k))
	case "complete":
		return network.Complete(n)
	}
	return nil, fmt.Errorf("sim: unknown network model %q", nw.Model)
}
