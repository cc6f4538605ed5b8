package network

import (
	"math"
	"strings"
	"testing"
)

// groupsOf assigns nodes to groups in blocks of the given sizes, interleaved
// so that group membership is not a contiguous id range.
func groupsOf(sizes ...int) []int32 {
	var out []int32
	left := append([]int(nil), sizes...)
	for {
		added := false
		for g := range left {
			if left[g] > 0 {
				out = append(out, int32(g))
				left[g]--
				added = true
			}
		}
		if !added {
			return out
		}
	}
}

// sbmObserved returns each group's mean degree and the share of all edges
// that join two members of the same group.
func sbmObserved(g *Graph, groups []int32, nGroups int) (meanDeg []float64, within float64) {
	degSum := make([]float64, nGroups)
	size := make([]float64, nGroups)
	var in, all int64
	for u := range int32(g.N()) {
		gu := groups[u]
		size[gu]++
		degSum[gu] += float64(g.Degree(u))
		for _, v := range g.Neighbours(u) {
			if u < v {
				all++
				if groups[v] == gu {
					in++
				}
			}
		}
	}
	meanDeg = make([]float64, nGroups)
	for i := range meanDeg {
		meanDeg[i] = degSum[i] / size[i]
	}
	return meanDeg, float64(in) / float64(all)
}

func TestStochasticBlock(t *testing.T) {
	const k = 10.0
	for _, tc := range []struct {
		name  string
		sizes []int
		h     float64
	}{
		{"equal strong homophily", []int{5000, 5000, 5000, 5000}, 0.8},
		{"equal no preference", []int{5000, 5000, 5000, 5000}, 0.25},
		{"equal heterophily", []int{5000, 5000, 5000, 5000}, 0.05},
		{"unequal", []int{10000, 6000, 3000, 1000}, 0.6},
		{"two groups all inside", []int{8000, 12000}, 1},
	} {
		groups := groupsOf(tc.sizes...)
		g, err := StochasticBlock(groups, len(tc.sizes), k, tc.h, newRand(9))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		checkSimple(t, tc.name, g)
		n := float64(len(groups))
		meanDeg, within := sbmObserved(g, groups, len(tc.sizes))
		// E ≈ nk/2 = 10^5 edges, a sum of binomials with sd ≈ 316, so
		// <k> = 2E/n has sd ≈ 0.032: 5 sd ≈ 0.16.
		if got := 2 * float64(g.Edges()) / n; math.Abs(got-k) > 0.16 {
			t.Errorf("%s: <k>=%.4f, want %v ± 0.16", tc.name, got, k)
		}
		// Given E, the within-group edge count is about Binomial(E, h):
		// sd sqrt(h(1-h)/E) ≤ 0.0016; 5 sd ≈ 0.008.
		if math.Abs(within-tc.h) > 0.008 {
			t.Errorf("%s: within-group share %.4f, want %v ± 0.008", tc.name, within, tc.h)
		}
		// Every node's expected degree is k. A group's degree sum counts
		// internal edges twice, so its variance is at most 2·k·n_g and the
		// group mean has sd ≤ sqrt(2k/n_g); allow 5 sd.
		for grp, s := range tc.sizes {
			tol := 5 * math.Sqrt(2*k/float64(s))
			if math.Abs(meanDeg[grp]-k) > tol {
				t.Errorf("%s: group %d (size %d) mean degree %.3f, want %v ± %.3f", tc.name, grp, s, meanDeg[grp], k, tol)
			}
		}
	}
}

// TestBlockProbabilitiesNeutral checks the derivation's neutral point: with G
// equal groups, h = (n/G-1)/(n-1) gives p_in = p_out = k/(n-1), i.e. G(n,p).
func TestBlockProbabilitiesNeutral(t *testing.T) {
	const n, G, k = 1200, 4, 8.0
	sizes := []int{n / G, n / G, n / G, n / G}
	h := float64(n/G-1) / float64(n-1)
	pIn, pOut, err := blockProbabilities(sizes, k, h)
	if err != nil {
		t.Fatal(err)
	}
	want := k / (n - 1)
	// Only float rounding separates them: 1e-12 relative.
	if math.Abs(pOut-want) > 1e-12*want {
		t.Errorf("p_out=%v, want %v", pOut, want)
	}
	for g, p := range pIn {
		if math.Abs(p-want) > 1e-12*want {
			t.Errorf("p_in[%d]=%v, want %v", g, p, want)
		}
	}
}

func TestStochasticBlockSingleGroup(t *testing.T) {
	// One group: homophily is ignored and the graph is G(n, k/(n-1)); the
	// tolerance is the GNP one (5 sd of <k>).
	groups := make([]int32, 20000)
	g, err := StochasticBlock(groups, 1, 10, 0.3, newRand(2))
	if err != nil {
		t.Fatal(err)
	}
	if got := 2 * float64(g.Edges()) / 20000; math.Abs(got-10) > 0.16 {
		t.Errorf("<k>=%.4f, want 10 ± 0.16", got)
	}
	// Empty groups are allowed.
	if _, err := StochasticBlock(groupsOf(100, 0, 100), 3, 4, 0.5, newRand(2)); err != nil {
		t.Errorf("empty middle group: %v", err)
	}
}

func TestStochasticBlockInfeasible(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sizes []int
		k, h  float64
		want  string
	}{
		// p_out = 1010·10/20000 = 0.505, so each member of the small group
		// would get 505 cross ties: p_in = (10-505)/9 = -55.
		{"homophily too low for a small group", []int{10, 1000}, 10, 0, "p_in=-55 < 0 in group 0 of size 10"},
		// 20 ties inside a group of 10: p_in = 20/9.
		{"too many ties inside a small group", []int{10, 1000}, 20, 1, "p_in=2.22222 > 1 in group 0 of size 10"},
		// p_out = (1-h)·n·k/(n²-Σn_g²) = 0.9·40·39/800 = 1.755.
		{"p_out above one", []int{20, 20}, 39, 0.1, "p_out=1.755 > 1"},
		// p_out = 0.1·101·5/200 = 0.2525: the singleton would get 25.25 cross
		// ties, not the 5 it should have.
		{"singleton group", []int{1, 100}, 5, 0.9, "group 0 has 1 member"},
	} {
		_, err := StochasticBlock(groupsOf(tc.sizes...), len(tc.sizes), tc.k, tc.h, newRand(1))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}
