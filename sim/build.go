package sim

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/connact/connact/sim/network"
	"github.com/connact/connact/sim/scenario"
)

// NewRun builds one run at step 0: its population, drawn from the
// population stream of paired (the replicate's PairedSeed); its network, g
// when one is given (a file network, shared read-only by every run) or
// generated from the network stream of paired; and its dynamics, seeded
// from the dynamics stream of seed (the run's RunSeed). Every condition and
// sweep point of a replicate thus meets the same people on the same
// network. enabled selects the mechanisms by name (nil: all). Building
// stops between its phases, which take seconds each at 10^7 agents, once
// ctx is done, and returns ctx's error.
func NewRun(ctx context.Context, sc *scenario.Scenario, enabled []string, g *network.Graph, paired, seed uint64) (*Model, error) {
	n := sc.Population.Size
	if g != nil {
		n = g.N()
	}
	pop, err := NewPopulation(&sc.Population, n, sc.Decision.SocialMode == "absolute", NewRand(paired, StreamPopulation))
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if g == nil {
		if g, err = BuildNetwork(&sc.Network, pop, NewRand(paired, StreamNetwork)); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return NewModel(sc, pop, g, enabled, NewRand(seed, StreamDynamics))
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
