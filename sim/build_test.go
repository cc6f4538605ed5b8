package sim

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// TestNetworkModelTables checks the generators against scenario's table of
// network models: every model but file is generated and nothing else is,
// so a model added to one table and not the other fails here; and each
// generated network has within 10% of the edges the memory guard expects
// of it (Network.ExpectedEdges), so a generator and its edge rule agree.
func TestNetworkModelTables(t *testing.T) {
	models := scenario.NetworkModels()
	for _, m := range models {
		if _, ok := generators[m]; ok != (m != scenario.NetworkFile) {
			t.Errorf("network model %s: generated %v, want %v", m, ok, !ok)
		}
	}
	for m := range generators {
		if !slices.Contains(models, m) {
			t.Errorf("network model %s is generated but not in scenario.NetworkModels", m)
		}
	}

	l, err := scenario.Parse("t.yaml", []byte("name: t\npopulation: {size: 400, group_count: 2}\nnetwork: {mean_degree: 10}\nframes: [{name: f}]\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	pop, err := NewPopulation(&l.Scenario.Population, l.Scenario.Population.Size, false, NewRand(1, StreamPopulation))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range models {
		nw := l.Scenario.Network
		nw.Model = m
		g, err := BuildNetwork(&nw, pop, NewRand(1, StreamNetwork))
		if m == scenario.NetworkFile {
			if err == nil {
				t.Errorf("BuildNetwork generated a file network")
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", m, err)
			continue
		}
		want := nw.ExpectedEdges(pop.N)
		if got := float64(g.Edges()); math.Abs(got-want) > 0.1*want {
			t.Errorf("%s: %g edges, the memory guard expects %g", m, got, want)
		}
	}
}

// TestDistKindsSampled checks that sim samples every distribution family
// of scenario.DistKinds, so a family added to scenario's table and not to
// the sampler (population.go) fails here.
func TestDistKindsSampled(t *testing.T) {
	dists := map[scenario.DistKind]scenario.Dist{
		scenario.DistConstant:  {Kind: scenario.DistConstant, Value: 0.5},
		scenario.DistUniform:   {Kind: scenario.DistUniform, Min: 0.2, Max: 0.4},
		scenario.DistNormal:    {Kind: scenario.DistNormal, Mean: 0.5, SD: 0.1, Bounds: "truncate"},
		scenario.DistBeta:      {Kind: scenario.DistBeta, A: 2, B: 5},
		scenario.DistLognormal: {Kind: scenario.DistLognormal, Mu: -1, Sigma: 0.1},
		scenario.DistEmpirical: {Kind: scenario.DistEmpirical, Values: []float64{0.1, 0.9}, Draw: "sample"},
	}
	kinds := scenario.DistKinds()
	if len(dists) != len(kinds) {
		t.Fatalf("the test has %d families, scenario.DistKinds %d: add the new one here", len(dists), len(kinds))
	}
	rnd := NewRand(1, StreamPopulation)
	for _, k := range kinds {
		d, ok := dists[k]
		if !ok {
			t.Errorf("%s: no distribution in the test", k)
			continue
		}
		s, err := newSampler(d, unitRange)
		if err != nil {
			t.Errorf("%s: %v", k, err)
			continue
		}
		if x := s.draw(0, rnd); !(x >= 0 && x <= 1) {
			t.Errorf("%s: drew %g, outside [0, 1]", k, x)
		}
	}
}

// TestEventTypesApplied runs a model through one event of every type of
// scenario.EventTypes: applyEvent panics on a type it does not know, so a
// type added to scenario's table and not to the model fails here.
func TestEventTypesApplied(t *testing.T) {
	events := map[scenario.EventType]string{
		scenario.EventSuppress:        "{step: 1, type: suppress}",
		scenario.EventRemoveHubs:      "{step: 1, type: remove_hubs, count: 2}",
		scenario.EventRemoveRandom:    "{step: 1, type: remove_random, share: 0.1}",
		scenario.EventSetCost:         "{step: 1, type: set_cost, mechanism: f, cost: 0.5}",
		scenario.EventMediaShock:      "{step: 1, type: media_shock, share: 0.1, mechanism: f}",
		scenario.EventSeedFrame:       "{step: 1, type: seed_frame, frame: f, count: 2}",
		scenario.EventArrest:          "{step: 1, type: arrest, by: degree, count: 2, backlash: 0.1}",
		scenario.EventRemovePeriphery: "{step: 1, type: remove_periphery, share: 0.1}",
		scenario.EventThrottle:        "{step: 1, type: throttle, frame: f, factor: 0.5, duration: 1}",
		scenario.EventShutdown:        "{step: 1, type: shutdown, frame: f, duration: 1, backlash: -0.1}",
		scenario.EventRaiseCost:       "{step: 1, type: raise_cost, mechanism: u, cost: 0.1}",
	}
	types := scenario.EventTypes()
	if len(events) != len(types) {
		t.Fatalf("the test has %d event types, scenario.EventTypes %d: add the new one here", len(events), len(types))
	}
	var list []string
	for _, e := range types {
		list = append(list, events[e])
	}
	src := "name: t\nsteps: 2\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: f}]\nevents: [" + strings.Join(list, ", ") + "]\n"
	l, err := scenario.Parse("t.yaml", []byte(src), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewRun(context.Background(), l.Scenario, nil, nil, PairedSeed(1, 0), RunSeed(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
}
