package network

import (
	"math"
	"math/rand/v2"
)

// LayoutIterations is the number of steps of Layout that connact's
// network figures use: enough for the temperature to settle a few
// thousand nodes.
const LayoutIterations = 150

// Layout places the nodes of g in the unit square by Fruchterman and
// Reingold's force-directed algorithm (1991): ties pull their ends together
// with force d²/k, every pair of nodes pushes apart with force k²/d, where
// k = √(1/n) is the ideal distance, and each node moves along its net
// force by at most a temperature that cools linearly from 0.1 to 0 over
// the iterations. As in their paper, repulsion is counted only between
// nodes within 2k of each other, found through a grid of cells of side 2k:
// a step costs O(n + m) while the nodes spread evenly, instead of O(n²).
// Dense clusters cost more (their nodes share cells): 2,000 nodes of a
// Barabási–Albert graph with 6 ties per node take 2 to 4 s for
// LayoutIterations steps on one core of a shared machine, 5,000 nodes
// several times that, which is why plot --network stops at 2,000.
//
// Start positions are drawn from rnd, the only randomness: the same graph
// and source give the same layout, bit for bit, on any machine (the
// arithmetic is IEEE float64 in a fixed order). Isolated nodes and small
// components drift apart only as far as repulsion carries them; positions
// are finally rescaled to fill [0,1]² with the aspect kept.
func Layout(g *Graph, iterations int, rnd *rand.Rand) (x, y []float64) {
	n := g.N()
	x, y = make([]float64, n), make([]float64, n)
	for i := range n {
		x[i], y[i] = rnd.Float64(), rnd.Float64()
	}
	if n < 2 {
		return x, y
	}
	k := math.Sqrt(1 / float64(n))
	cell := 2 * k
	dx, dy := make([]float64, n), make([]float64, n)
	// Grid of cells over [0,1]², positions clamped into it; head/next are
	// linked lists of the nodes in each cell, rebuilt every iteration.
	side := max(1, int(math.Ceil(1/cell)))
	head := make([]int32, side*side)
	next := make([]int32, n)
	cellOf := func(v float64) int { return min(side-1, max(0, int(v/cell))) }
	for it := range iterations {
		temp := 0.1 * (1 - float64(it)/float64(iterations))
		for c := range head {
			head[c] = -1
		}
		for i := range n {
			c := cellOf(y[i])*side + cellOf(x[i])
			next[i], head[c] = head[c], int32(i)
			dx[i], dy[i] = 0, 0
		}
		// Repulsion from the nodes in the 3×3 cells around one's own.
		for i := range n {
			cx, cy := cellOf(x[i]), cellOf(y[i])
			for oy := max(0, cy-1); oy <= min(side-1, cy+1); oy++ {
				for ox := max(0, cx-1); ox <= min(side-1, cx+1); ox++ {
					for j := head[oy*side+ox]; j >= 0; j = next[j] {
						if int(j) == i {
							continue
						}
						ex, ey := x[i]-x[j], y[i]-y[j]
						d2 := ex*ex + ey*ey
						if d2 >= cell*cell {
							continue
						}
						if d2 < 1e-18 { // on top of each other: push along a fixed direction
							ex, ey, d2 = 1e-9*float64(1+i%7), 1e-9*float64(1+i%5), 1e-18
						}
						f := k * k / d2 // force k²/d along the unit vector (ex, ey)/d
						dx[i] += ex * f
						dy[i] += ey * f
					}
				}
			}
		}
		// Attraction along the ties, each counted from both ends.
		for i := range n {
			for _, j := range g.Neighbours(int32(i)) {
				ex, ey := x[i]-x[j], y[i]-y[j]
				d := math.Sqrt(ex*ex + ey*ey)
				f := d / k // force d²/k along the unit vector
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
	rescale(x, y)
	return x, y
}

// rescale stretches the positions to fill [0,1]², the same factor on
// both axes, centred.
func rescale(x, y []float64) {
	lox, hix, loy, hiy := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := range x {
		lox, hix = min(lox, x[i]), max(hix, x[i])
		loy, hiy = min(loy, y[i]), max(hiy, y[i])
	}
	span := max(hix-lox, hiy-loy)
	if span == 0 {
		return
	}
	ox, oy := (1-(hix-lox)/span)/2, (1-(hiy-loy)/span)/2
	for i := range x {
		x[i] = ox + (x[i]-lox)/span
		y[i] = oy + (y[i]-loy)/span
	}
}
