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
// generated from the network stream of paired; its audience layer, when
// the scenario has one, generated from the audience stream of paired; and
// its dynamics, seeded from the dynamics stream of seed (the run's
// RunSeed). Every condition and sweep point of a replicate thus meets the
// same people on the same network. enabled selects the mechanisms by name (nil: all). Building
// stops between its phases, which take seconds each at 10^7 agents, once
// ctx is done, and returns ctx's error.
func NewRun(ctx context.Context, sc *scenario.Scenario, enabled []string, g *network.Graph, paired, seed uint64) (*Model, error) {
	return NewRunNodes(ctx, sc, enabled, g, nil, paired, seed)
}

// NewRunNodes is NewRun on a file network g with its node table (nil:
// none): the agents' groups and the attributes the table gives come from
// it (NewPopulationNodes).
func NewRunNodes(ctx context.Context, sc *scenario.Scenario, enabled []string, g *network.Graph, nodes *network.NodeTable, paired, seed uint64) (*Model, error) {
	n := sc.Population.Size
	if g != nil {
		n = g.N()
	}
	prnd := NewRand(paired, StreamPopulation)
	pop, err := NewPopulationNodes(&sc.Population, n, sc.Decision.SocialMode == scenario.SocialAbsolute, nodes, prnd)
	if err != nil {
		return nil, err
	}
	if err := pop.DrawSkills(sc.Actions, prnd); err != nil {
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
	// The audience layer (network.audience), over the same agents (a file
	// network's too), from a stream of its own: the same for every arm of
	// the replicate and independent of the interaction network.
	var aud *network.Graph
	if a := sc.Network.Audience; a != nil {
		if aud, err = BuildNetwork(a, pop, NewRand(paired, StreamAudience)); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return NewModelAudience(sc, pop, g, aud, enabled, NewRand(seed, StreamDynamics))
}

// BuildNetwork generates the scenario's network over the population; a
// file network (scenario.NetworkFile) is read, not generated (see
// network.ReadEdgeList).
func BuildNetwork(nw *scenario.Network, pop *Population, rnd *rand.Rand) (*network.Graph, error) {
	gen, ok := generators[nw.Model]
	if !ok {
		return nil, fmt.Errorf("sim: unknown network model %q", nw.Model)
	}
	return gen(nw, pop, rnd)
}

// generator makes one network model's graph over pop.
type generator func(nw *scenario.Network, pop *Population, rnd *rand.Rand) (*network.Graph, error)

// generators is how each network model of scenario.NetworkModels but
// scenario.NetworkFile is generated; scenario's table of models holds what
// validation asks of each, and a test checks that both tables list the
// same models.
var generators = map[scenario.NetworkModel]generator{
	scenario.NetworkErdosRenyi: func(nw *scenario.Network, pop *Population, rnd *rand.Rand) (*network.Graph, error) {
		p := 0.0
		if n := pop.N; n > 1 {
			p = nw.MeanDegree / float64(n-1)
		}
		return network.ErdosRenyiGNP(pop.N, p, rnd)
	},
	scenario.NetworkGNM: func(nw *scenario.Network, pop *Population, rnd *rand.Rand) (*network.Graph, error) {
		return network.ErdosRenyiGNM(pop.N, int64(math.Round(nw.MeanDegree*float64(pop.N)/2)), rnd)
	},
	scenario.NetworkWattsStrogatz: func(nw *scenario.Network, pop *Population, rnd *rand.Rand) (*network.Graph, error) {
		return network.WattsStrogatz(pop.N, int(nw.MeanDegree), nw.Rewire, rnd)
	},
	scenario.NetworkBarabasiAlbert: func(nw *scenario.Network, pop *Population, rnd *rand.Rand) (*network.Graph, error) {
		return network.BarabasiAlbert(pop.N, nw.Attach, rnd)
	},
	scenario.NetworkConfiguration: func(nw *scenario.Network, pop *Population, rnd *rand.Rand) (*network.Graph, error) {
		return network.PowerLawConfiguration(pop.N, nw.MinDegree, nw.Exponent, rnd)
	},
	scenario.NetworkBlock: func(nw *scenario.Network, pop *Population, rnd *rand.Rand) (*network.Graph, error) {
		return network.StochasticBlock(pop.Group, len(pop.Groups), nw.MeanDegree, nw.Homophily, rnd)
	},
	scenario.NetworkRing: func(nw *scenario.Network, pop *Population, _ *rand.Rand) (*network.Graph, error) {
		return network.RingLattice(pop.N, int(nw.MeanDegree))
	},
	scenario.NetworkComplete: func(_ *scenario.Network, pop *Population, _ *rand.Rand) (*network.Graph, error) {
		return network.Complete(pop.N)
	},
}
