package network

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestLayout: the layout is in [0,1]², the same for the same seed, and it
// draws structure: on two 20-cliques joined by one tie, a node is on
// average at least 3 times closer to its own clique than to the other
// (a random placement gives about 1).
func TestLayout(t *testing.T) {
	var src, dst []int32
	for c := range int32(2) {
		for i := range int32(20) {
			for j := i + 1; j < 20; j++ {
				src, dst = append(src, 20*c+i), append(dst, 20*c+j)
			}
		}
	}
	g := FromEdges(40, append(src, 0), append(dst, 20))
	x, y := Layout(g, 200, rand.New(rand.NewPCG(1, 2)))
	x2, y2 := Layout(g, 200, rand.New(rand.NewPCG(1, 2)))
	if !slices.Equal(x, x2) || !slices.Equal(y, y2) {
		t.Error("the same seed gives another layout")
	}
	var within, between float64
	for i := range 40 {
		if x[i] < 0 || x[i] > 1 || y[i] < 0 || y[i] > 1 {
			t.Fatalf("node %d at (%g, %g), outside the unit square", i, x[i], y[i])
		}
		for j := range 40 {
			d := math.Hypot(x[i]-x[j], y[i]-y[j])
			if i/20 == j/20 {
				within += d / (20 * 19)
			} else {
				between += d / (20 * 20)
			}
		}
	}
	if between < 3*within {
		t.Errorf("mean distance within a clique %.3g, between cliques %.3g: want at least 3 times further", within/2, between/2)
	}
}
