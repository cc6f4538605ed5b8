package network

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// sameGraph reports whether two graphs are identical, CSR for CSR.
func sameGraph(a, b *Graph) bool {
	return slices.Equal(a.Offsets, b.Offsets) && slices.Equal(a.Adj, b.Adj)
}

// withProcs runs f with GOMAXPROCS set to p.
func withProcs(p int, f func()) {
	old := runtime.GOMAXPROCS(p)
	defer runtime.GOMAXPROCS(old)
	f()
}

// TestLowerGraph: building the CSR by transposing lo in grouped rounds gives
// the graph FromEdges builds from the same edges, on 1 and 3 goroutines,
// in one round or in rounds of a few edges grouped by blocks.
func TestLowerGraph(t *testing.T) {
	for _, n := range []int{1, 2, 50, 3000} {
		le := sampleLower(n, min(1, 8/float64(n)), newRand(uint64(n)))
		var src, dst []int32
		pos := 0
		for v, c := range le.cnt {
			for _, w := range le.lo[pos : pos+int(c)] {
				src, dst = append(src, int32(v)), append(dst, w)
			}
			pos += int(c)
		}
		want := FromEdges(n, src, dst)
		for _, small := range []bool{false, true} {
			for _, procs := range []int{1, 3} {
				if small {
					roundEdges, groupMin = 37, 1
				}
				var g *Graph
				withProcs(procs, func() { g = le.graph() })
				roundEdges, groupMin = 1<<22, 1<<14
				checkSimple(t, "lower graph", g)
				if !sameGraph(g, want) {
					t.Errorf("n=%d procs=%d small rounds=%v: graph differs from FromEdges", n, procs, small)
				}
			}
		}
	}
}

// TestGNPSpans: above spanRows nodes G(n,p) draws each span of rows from
// its own stream. The graph is the same on any number of goroutines and
// whether or not the spans' first buffers were big enough, is simple, and
// has the law of G(n,p): the edge count, and the count within the first
// span's rows, within 5 sd of their binomial means.
func TestGNPSpans(t *testing.T) {
	const n = 2*spanRows + spanRows/2 // three spans, the last half full
	p := 6.0 / (n - 1)
	build := func(procs int) *Graph {
		var g *Graph
		withProcs(procs, func() {
			var err error
			if g, err = ErdosRenyiGNP(n, p, newRand(9)); err != nil {
				t.Fatal(err)
			}
		})
		return g
	}
	g := build(1)
	checkSimple(t, "GNP spans", g)
	if !sameGraph(g, build(4)) {
		t.Error("GNP over spans: 1 and 4 goroutines give different graphs")
	}
	capacitySD = -50 // every span outgrows its region
	small := build(2)
	capacitySD = 6
	if !sameGraph(g, small) {
		t.Error("GNP over spans: regrown regions give a different graph")
	}
	within := func(name string, got int64, pairs int64) {
		mean := float64(pairs) * p
		if sd := math.Sqrt(mean * (1 - p)); math.Abs(float64(got)-mean) > 5*sd {
			t.Errorf("%s: %d edges, want %.0f ± %.0f (5 sd)", name, got, mean, 5*sd)
		}
	}
	within("all", g.Edges(), pairCount(n))
	var first int64 // edges with both ends in the first span
	for v := range int32(spanRows) {
		for _, w := range g.Neighbours(v) {
			if w < v {
				first++
			}
		}
	}
	within("first span", first, pairCount(spanRows))
	// The spans' streams differ: with one stream for all, spans 1 and 2
	// would place their first edges at the same offsets from their first
	// pair (index v(v-1)/2 + w in the lower triangle).
	firstEdges := func(a int32) (out []int64) {
		for v := a; len(out) < 20; v++ {
			for _, w := range g.Neighbours(v) {
				if w < v {
					out = append(out, pairCount(int(v))-pairCount(int(a))+int64(w))
				}
			}
		}
		return out[:20]
	}
	if slices.Equal(firstEdges(spanRows), firstEdges(2*spanRows)) {
		t.Error("spans 1 and 2 drew the same pairs: one stream for both")
	}
	// G(n,m) on the spans: exactly m edges.
	m := int64(3 * n)
	gm, err := ErdosRenyiGNM(n, m, newRand(4))
	if err != nil {
		t.Fatal(err)
	}
	checkSimple(t, "GNM spans", gm)
	if gm.Edges() != m {
		t.Errorf("GNM over spans: %d edges, want %d", gm.Edges(), m)
	}
}

// TestSampleRows: rows [a, b) drawn on their own with p = 1 are exactly the
// pairs of those rows, in (v, w) order.
func TestSampleRows(t *testing.T) {
	for _, ab := range [][2]int{{0, 5}, {1, 4}, {3, 7}, {6, 6}} {
		a, b := ab[0], ab[1]
		cnt := make([]int32, b-a)
		lo := sampleRows(a, b, 1, rand.New(rand.NewPCG(1, 1)), cnt, nil)
		var want []int32
		for v := a; v < b; v++ {
			if cnt[v-a] != int32(v) {
				t.Errorf("rows %v: row %d has %d pairs, want %d", ab, v, cnt[v-a], v)
			}
			for w := range int32(v) {
				want = append(want, w)
			}
		}
		if !slices.Equal(lo, want) {
			t.Errorf("rows %v: pairs %v, want %v", ab, lo, want)
		}
	}
}
