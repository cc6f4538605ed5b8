package network

import (
	"fmt"
	"math"
	"runtime"
	"slices"

	"github.com/connact/connact/sim/internal/par"
)

// maxNodes is the largest supported node count: ids are int32, so the last
// id is math.MaxInt32-1 and Offsets[i+1] never overflows the id arithmetic.
const maxNodes = math.MaxInt32

// Graph is an undirected simple graph (no self loops, no multi-edges) in
// compressed sparse row form. The neighbours of node i are
// Adj[Offsets[i]:Offsets[i+1]], sorted ascending; every edge {i,j} is stored
// twice, once in each endpoint's list.
//
// The layout is two flat slices so that a graph of 10^7 nodes and 10^8 edges
// costs 8(N+1) + 8E bytes and no pointers for the garbage collector to scan.
// The zero value is the empty graph. Treat a Graph as read-only once built:
// the generators guarantee the invariants above and the model relies on them.
type Graph struct {
	Offsets []int64 // len N+1; neighbours of i are Adj[Offsets[i]:Offsets[i+1]], sorted ascending
	Adj     []int32
}

// N returns the number of nodes.
func (g *Graph) N() int {
	if len(g.Offsets) == 0 {
		return 0
	}
	return len(g.Offsets) - 1
}

// Degree returns the number of neighbours of node i. It panics if i is not a
// node of g.
func (g *Graph) Degree(i int32) int {
	return int(g.Offsets[i+1] - g.Offsets[i])
}

// Neighbours returns the sorted neighbours of node i. The slice aliases g.Adj
// and must not be modified; its capacity is clipped so that an append by the
// caller copies instead of overwriting the next node's list. It panics if i
// is not a node of g.
func (g *Graph) Neighbours(i int32) []int32 {
	lo, hi := g.Offsets[i], g.Offsets[i+1]
	return g.Adj[lo:hi:hi]
}

// Edges returns the number of undirected edges, len(Adj)/2.
func (g *Graph) Edges() int64 { return int64(len(g.Adj) / 2) }

// FromEdges builds the simple graph on nodes 0..n-1 with edges {src[e], dst[e]}.
// Self loops are dropped, duplicate edges (in either direction) are merged and
// every neighbour list is sorted.
//
// FromEdges panics if len(src) != len(dst), if n is outside [0, 2^31-1] or if
// an id is outside [0, n): these are programmer errors. Data read from files
// goes through ReadEdgeList, which reports them as errors instead.
//
// Cost: O(n + E) time for the counting sort plus the per-list sorts, and
// 8(n+2) + 8E bytes besides the input.
func FromEdges(n int, src, dst []int32) *Graph {
	if n < 0 || n > maxNodes {
		panic(fmt.Sprintf("network: FromEdges: n=%d outside [0, %d]", n, maxNodes))
	}
	if len(src) != len(dst) {
		panic(fmt.Sprintf("network: FromEdges: len(src)=%d != len(dst)=%d", len(src), len(dst)))
	}
	b := newCSRBuilder(n)
	for e, u := range src {
		v := dst[e]
		if uint32(u) >= uint32(n) || uint32(v) >= uint32(n) {
			panic(fmt.Sprintf("network: FromEdges: edge %d {%d,%d} outside [0, %d)", e, u, v, n))
		}
		if u != v {
			b.count(u, v)
		}
	}
	b.allocate()
	for e, u := range src {
		if v := dst[e]; u != v {
			b.add(u, v)
		}
	}
	g, _ := b.finish(true)
	return g
}

// fromPairs builds a graph from an interleaved edge list pairs[2e], pairs[2e+1].
// The caller guarantees ids in [0,n) and no self loops; simple additionally
// promises no duplicate edges, which skips the dedupe pass. It returns the
// number of duplicate undirected edges removed.
func fromPairs(n int, pairs []int32, simple bool) (*Graph, int64) {
	b := newCSRBuilder(n)
	for e := 0; e+1 < len(pairs); e += 2 {
		b.count(pairs[e], pairs[e+1])
	}
	b.allocate()
	for e := 0; e+1 < len(pairs); e += 2 {
		b.add(pairs[e], pairs[e+1])
	}
	return b.finish(!simple)
}

// csrBuilder turns an edge stream into CSR with a counting sort, without a
// per-node cursor array: off has length n+2, count accumulates degree(i) in
// off[i+2], allocate turns that into prefix sums so that off[i+1] is the start
// of node i's list, and add uses off[i+1] as node i's write cursor. When every
// edge has been added, off[i+1] is the end of list i, so off[:n+1] is the
// final Offsets. Callers replay the same edges to count and add.
type csrBuilder struct {
	off []int64
	adj []int32
}

func newCSRBuilder(n int) *csrBuilder {
	return &csrBuilder{off: make([]int64, n+2)}
}

// count records edge {u,v} in the degree pass.
func (b *csrBuilder) count(u, v int32) {
	b.off[int(u)+2]++
	b.off[int(v)+2]++
}

// setDegree records the degree of node i directly, for generators that track
// degrees themselves; it replaces count for that node.
func (b *csrBuilder) setDegree(i int, d int64) { b.off[i+2] = d }

// allocate converts degrees to list starts and allocates Adj.
func (b *csrBuilder) allocate() {
	off := b.off
	for i := 2; i < len(off); i++ {
		off[i] += off[i-1]
	}
	b.adj = make([]int32, off[len(off)-1])
}

// add writes edge {u,v} into both lists.
func (b *csrBuilder) add(u, v int32) {
	pu := b.off[int(u)+1]
	b.adj[pu] = v
	b.off[int(u)+1] = pu + 1
	pv := b.off[int(v)+1]
	b.adj[pv] = u
	b.off[int(v)+1] = pv + 1
}

// finish sorts every list that is not already sorted and, if dedupe is set,
// removes repeated neighbours in place, compacting Offsets and Adj. It returns
// the graph and the number of undirected edges removed as duplicates.
func (b *csrBuilder) finish(dedupe bool) (*Graph, int64) {
	n := len(b.off) - 2
	off := b.off[: n+1 : n+1]
	adj := b.adj
	b.off, b.adj = nil, nil
	sortLists(off, adj)
	var removed int64
	if dedupe {
		var w int64
		start := off[0]
		for i := 0; i < n; i++ {
			end := off[i+1]
			off[i] = w
			prev := int32(-1) // ids are ≥ 0, so the first neighbour is always kept
			for p := start; p < end; p++ {
				if x := adj[p]; x != prev {
					adj[w] = x
					w++
					prev = x
				}
			}
			start = end
		}
		off[n] = w
		// Each duplicate undirected edge leaves one surplus entry in each
		// endpoint's list.
		removed = (int64(len(adj)) - w) / 2
		adj = adj[:w]
		if removed > 0 && 8*(int64(cap(adj))-w) > int64(cap(adj)) {
			// More than 1/8 wasted: copy so the surplus can be collected.
			adj = slices.Clone(adj)
		}
	}
	return &Graph{Offsets: off, Adj: adj}, removed
}

// sortLists sorts each neighbour list that is not already sorted. Most
// generators emit edges in (larger id, smaller id) order, which the counting
// sort turns into sorted lists, so the common cost is one linear check. Lists
// are independent, so large graphs are split across GOMAXPROCS goroutines in
// chunks of equal adjacency volume; the result does not depend on the split.
func sortLists(off []int64, adj []int32) {
	n := len(off) - 1
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || len(adj) < 1<<18 {
		sortRange(off, adj, 0, n)
		return
	}
	// Chunk w is nodes cut[w]..cut[w+1]-1.
	cut := make([]int, workers+1)
	cut[workers] = n
	for w := 1; w < workers; w++ {
		target := int64(len(adj)) * int64(w) / int64(workers)
		hi, _ := slices.BinarySearch(off, target)
		cut[w] = max(hi, cut[w-1])
	}
	// par.ForParts, not bare goroutines: a panic is passed on to the caller.
	par.ForParts(workers, func(w int) { sortRange(off, adj, cut[w], cut[w+1]) })
}

func sortRange(off []int64, adj []int32, lo, hi int) {
	for i := lo; i < hi; i++ {
		s := adj[off[i]:off[i+1]]
		if !slices.IsSorted(s) {
			slices.Sort(s)
		}
	}
}

// checkN validates a node count for the int32 id space.
func checkN(n int) error {
	if n < 0 || n > maxNodes {
		return fmt.Errorf("network: n=%d must be in [0, %d]", n, maxNodes)
	}
	return nil
}

// checkProb validates a probability parameter, naming it in the error.
func checkProb(name string, p float64) error {
	if !(p >= 0 && p <= 1) { // also rejects NaN
		return fmt.Errorf("network: bad probability: %s=%v", name, p)
	}
	return nil
}

// empty returns the graph with n nodes and no edges.
func empty(n int) *Graph {
	return &Graph{Offsets: make([]int64, n+1), Adj: []int32{}}
}
