package network

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// newRand returns the test generator for a fixed seed.
func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x6e6574)) }

// checkSimple fails the test unless g satisfies the Graph invariants: offsets
// start at 0, are non-decreasing and end at len(Adj); every list is strictly
// increasing (sorted, no duplicates), holds ids in [0,N) other than its owner
// (no self loops), and every entry has its mirror (symmetric).
func checkSimple(t *testing.T, name string, g *Graph) {
	t.Helper()
	n := g.N()
	if len(g.Offsets) != n+1 || g.Offsets[0] != 0 || g.Offsets[n] != int64(len(g.Adj)) {
		t.Fatalf("%s: bad offsets: len=%d first=%d last=%d len(Adj)=%d", name, len(g.Offsets), g.Offsets[0], g.Offsets[n], len(g.Adj))
	}
	if len(g.Adj)%2 != 0 {
		t.Fatalf("%s: odd adjacency length %d", name, len(g.Adj))
	}
	for i := range n {
		if g.Offsets[i+1] < g.Offsets[i] {
			t.Fatalf("%s: offsets decrease at %d", name, i)
		}
		nb := g.Neighbours(int32(i))
		for p, v := range nb {
			if v < 0 || int(v) >= n {
				t.Fatalf("%s: node %d has neighbour %d outside [0,%d)", name, i, v, n)
			}
			if int(v) == i {
				t.Fatalf("%s: self loop at %d", name, i)
			}
			if p > 0 && nb[p-1] >= v {
				t.Fatalf("%s: list of %d not strictly increasing: %v", name, i, nb)
			}
			if _, ok := slices.BinarySearch(g.Neighbours(v), int32(i)); !ok {
				t.Fatalf("%s: edge %d->%d has no mirror", name, i, v)
			}
		}
	}
}

// edgeSet lists the edges {u<v} of g as strings, for comparisons.
func edgeSet(g *Graph) []string {
	var out []string
	for u := range int32(g.N()) {
		for _, v := range g.Neighbours(u) {
			if u < v {
				out = append(out, fmt.Sprintf("%d-%d", u, v))
			}
		}
	}
	return out
}

func TestGraphZeroValue(t *testing.T) {
	var g Graph
	if g.N() != 0 || g.Edges() != 0 {
		t.Errorf("zero Graph: N=%d Edges=%d, want 0, 0", g.N(), g.Edges())
	}
	st := ComputeStats(&g, nil)
	if st != (Stats{}) {
		t.Errorf("zero Graph stats = %+v, want zero", st)
	}
}

func TestFromEdges(t *testing.T) {
	for _, tc := range []struct {
		name     string
		n        int
		src, dst []int32
		want     []string
	}{
		{"empty", 3, nil, nil, nil},
		{"single", 2, []int32{1}, []int32{0}, []string{"0-1"}},
		{"self loops dropped", 3, []int32{0, 1, 2}, []int32{0, 2, 2}, []string{"1-2"}},
		{"duplicates both directions", 3, []int32{0, 1, 0, 2, 2}, []int32{1, 0, 1, 1, 1}, []string{"0-1", "1-2"}},
		{"unsorted input", 5, []int32{4, 0, 3, 4, 1}, []int32{0, 2, 1, 1, 0}, []string{"0-1", "0-2", "0-4", "1-3", "1-4"}},
		{"isolated tail", 6, []int32{0}, []int32{1}, []string{"0-1"}},
	} {
		g := FromEdges(tc.n, tc.src, tc.dst)
		checkSimple(t, tc.name, g)
		if g.N() != tc.n {
			t.Errorf("%s: N=%d, want %d", tc.name, g.N(), tc.n)
		}
		if got := edgeSet(g); !slices.Equal(got, tc.want) {
			t.Errorf("%s: edges %v, want %v", tc.name, got, tc.want)
		}
		if g.Edges() != int64(len(tc.want)) {
			t.Errorf("%s: Edges()=%d, want %d", tc.name, g.Edges(), len(tc.want))
		}
	}
}

// TestFromEdgesManyDuplicates exercises the in-place compaction and the
// parallel sort (the adjacency exceeds the 2^18 threshold) on a random
// multigraph, against a reference built with a map.
func TestFromEdgesManyDuplicates(t *testing.T) {
	const n, m = 500, 300000 // ~1.2 copies of each of the 124750 pairs: many duplicates
	rnd := newRand(1)
	src, dst := make([]int32, m), make([]int32, m)
	want := make(map[[2]int32]bool)
	for e := range m {
		u, v := int32(rnd.IntN(n)), int32(rnd.IntN(n))
		src[e], dst[e] = u, v
		if u != v {
			want[[2]int32{min(u, v), max(u, v)}] = true
		}
	}
	g := FromEdges(n, src, dst)
	checkSimple(t, "multigraph", g)
	if g.Edges() != int64(len(want)) {
		t.Fatalf("Edges()=%d, want %d distinct", g.Edges(), len(want))
	}
	for u := range int32(n) {
		for _, v := range g.Neighbours(u) {
			if !want[[2]int32{min(u, v), max(u, v)}] {
				t.Fatalf("edge %d-%d not in input", u, v)
			}
		}
	}
}

func TestFromEdgesPanics(t *testing.T) {
	for _, tc := range []struct {
		name     string
		n        int
		src, dst []int32
		want     string
	}{
		{"id too large", 3, []int32{0}, []int32{3}, "outside [0, 3)"},
		{"negative id", 3, []int32{-1}, []int32{0}, "outside [0, 3)"},
		{"length mismatch", 3, []int32{0}, nil, "len(src)=1 != len(dst)=0"},
		{"negative n", -1, nil, nil, "n=-1"},
	} {
		func() {
			defer func() {
				r := recover()
				if r == nil || !strings.Contains(fmt.Sprint(r), tc.want) {
					t.Errorf("%s: panic %v, want one containing %q", tc.name, r, tc.want)
				}
			}()
			FromEdges(tc.n, tc.src, tc.dst)
		}()
	}
}

func TestNeighboursCapacityClipped(t *testing.T) {
	g := FromEdges(3, []int32{0, 1}, []int32{1, 2})
	nb := g.Neighbours(0)
	_ = append(nb, 99) // must not overwrite node 1's list
	if got := g.Neighbours(1); !slices.Equal(got, []int32{0, 2}) {
		t.Errorf("append to Neighbours(0) changed Neighbours(1) to %v", got)
	}
}
