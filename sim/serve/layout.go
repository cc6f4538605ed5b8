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

// layoutIterations of the force-directed layout: enough for a few thousand
// nodes to settle into their communities (tried on the shipped scenarios at
// 500 and 2,000 agents); each costs O(n + m) with the grid below.
const layoutIterations = 80

// layoutOf lays out the model's network by Fruchterman & Reingold's (1991)
// force-directed algorithm: ties pull with d²/k, every pair within 2k
// pushes with k²/d (the grid variant of their paper: farther pairs are
// left out, which makes an iteration linear), with k = √(1/n) and a
// temperature cooling linearly. The starting positions come from a source
// seeded by the scenario seed, and the iteration order is fixed, so the
// layout is deterministic.
func layoutOf(m *sim.Model, seed uint64) Layout {
	g := m.Net
	n := g.N()
	rnd := rand.New(rand.NewPCG(seed, layoutStream))
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i], y[i] = rnd.Float64(), rnd.Float64()
	}
	forceLayout(g, x, y)
	l := Layout{X: make([]int32, n), Y: make([]int32, n), Group: make([]int, n), Groups: m.Pop.Groups}
	for i := range n {
		l.X[i], l.Y[i] = int32(math.Round(x[i]*1000)), int32(math.Round(y[i]*1000))
		l.Group[i] = int(m.Pop.Group[i])
		for _, j := range g.Neighbours(int32(i)) {
			if int32(i) < j {
				l.Edges = append(l.Edges, int32(i), j)
			}
		}
	}
	return l
}

// forceLayout moves (x, y) by the force-directed iterations and rescales
// the result to fill [0.02, 0.98]².
func forceLayout(g *network.Graph, x, y []float64) {
	n := len(x)
	if n < 2 {
		return
	}
	k := math.Sqrt(1 / float64(n))
	cell := 2 * k
	side := max(1, int(math.Ceil(1/cell)))
	dx, dy := make([]float64, n), make([]float64, n)
	head := make([]int32, side*side)
	next := make([]int32, n)
	cellOf := func(v float64) int { return min(side-1, max(0, int(v/cell))) }
	for it := range layoutIterations {
		temp := 0.1 * (1 - float64(it)/layoutIterations)
		clear(dx)
		clear(dy)
		for c := range head {
			head[c] = -1
		}
		for i := range n {
			c := cellOf(y[i])*side + cellOf(x[i])
			next[i], head[c] = head[c], int32(i)
		}
		for i := range n {
			cx, cy := cellOf(x[i]), cellOf(y[i])
			for gy := max(0, cy-1); gy <= min(side-1, cy+1); gy++ {
				for gx := max(0, cx-1); gx <= min(side-1, cx+1); gx++ {
					for j := head[gy*side+gx]; j >= 0; j = next[j] {
						if int(j) == i {
							continue
						}
						ex, ey := x[i]-x[j], y[i]-y[j]
						d2 := ex*ex + ey*ey
						if d2 > cell*cell {
							continue
						}
						if d2 < 1e-12 { // coincident: push apart along a fixed direction
							ex, ey, d2 = 1e-6*float64(i-int(j)), 1e-6, 1e-12
						}
						f := k * k / d2 // (k²/d)·(e/d)
						dx[i] += ex * f
						dy[i] += ey * f
					}
				}
			}
		}
		for i := range n {
			for _, j := range g.Neighbours(int32(i)) {
				ex, ey := x[i]-x[j], y[i]-y[j]
				d := math.Sqrt(ex*ex + ey*ey)
				f := d / k // (d²/k)·(e/d)
				dx[i] -= ex * f
				dy[i] -= ey * f
			}
		}
		for i := range n {
			d := math.Sqrt(dx[i]*dx[i] + dy[i]*dy[i])
			if d > 0 {
				s := min(d, temp) / d
				x[i] = min(1, max(0, x[i]+dx[i]*s))
				y[i] = min(1, max(0, y[i]+dy[i]*s))
			}
		}
	}
	fit(x)
	fit(y)
}

// fit rescales v linearly onto [0.02, 0.98].
func fit(v []float64) {
	lo, hi := v[0], v[0]
	for _, a := range v {
		lo, hi = min(lo, a), max(hi, a)
	}
	if hi-lo < 1e-12 {
		return
	}
	for i := range v {
		v[i] = 0.02 + 0.96*(v[i]-lo)/(hi-lo)
	}
}
