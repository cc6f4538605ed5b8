package serve

import (
	"math"
	"math/rand/v2"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/network"
)

// Layout is a network drawn in the unit square: node i at (X[i], Y[i]) in
// thousandths, Edges as pairs of node ids, Group[i] its identity group.
type Layout struct {
	X      []int32  `json:"x"`
	Y      []int32  `json:"y"`
	Edges  []int32  `json:"edges"`
	Group  []int    `json:"group"`
	Groups []string `json:"groups"`
}

// layoutStream is the random stream of the layout's starting positions, so
// that the same scenario seed always gives the same picture.
const layoutStream = 0x6c6179 // "lay"

// layoutOf lays out the model's network with network.Layout
// (Fruchterman & Reingold's force-directed algorithm with grid repulsion,
// the layout of connact plot --network), from starting positions drawn
// from a source seeded by the scenario seed, so the layout is
// deterministic; positions are mapped onto [0.02, 0.98]², in thousandths.
func layoutOf(m *sim.Model, seed uint64) Layout {
	g := m.Net
	n := g.N()
	x, y := network.Layout(g, network.LayoutIterations, rand.New(rand.NewPCG(seed, layoutStream)))
	l := Layout{X: make([]int32, n), Y: make([]int32, n), Group: make([]int, n), Groups: m.Pop.Groups}
	for i := range n {
		l.X[i], l.Y[i] = int32(math.Round((0.02+0.96*x[i])*1000)), int32(math.Round((0.02+0.96*y[i])*1000))
		l.Group[i] = int(m.Pop.Group[i])
		for _, j := range g.Neighbours(int32(i)) {
			if int32(i) < j {
				l.Edges = append(l.Edges, int32(i), j)
			}
		}
	}
	return l
}
