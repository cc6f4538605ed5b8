package sim

import (
	"math"
	"slices"
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
