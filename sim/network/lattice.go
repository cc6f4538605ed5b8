package network

import (
	"fmt"
	"math/rand/v2"
)

// checkK validates the lattice degree k for n nodes: even, so that each node
// has k/2 neighbours on each side, and below n, so that the two sides never
// overlap (2·(k/2) < n).
func checkK(n, k int) error {
	if k < 0 {
		return fmt.Errorf("network: k=%d must be non-negative", k)
	}
	if k%2 != 0 || k >= max(n, 1) {
		return fmt.Errorf("network: k=%d must be even and < n=%d", k, n)
	}
	return nil
}

// RingLattice returns the ring of n nodes in which each node is tied to its
// k/2 nearest neighbours on each side, so every degree is k. The CSR is
// written directly in sorted order: O(nk) time, no scratch.
//
// It returns an error unless 0 ≤ k < n, k even (k = 0 gives n isolated nodes),
// and n ≤ 2^31-1.
func RingLattice(n, k int) (*Graph, error) {
	if err := checkN(n); err != nil {
		return nil, err
	}
	if err := checkK(n, k); err != nil {
		return nil, err
	}
	h := k / 2
	off := make([]int64, n+1)
	adj := make([]int32, 0, int64(n)*int64(k))
	for i := range n {
		off[i] = int64(len(adj))
		// With 2h < n the neighbours i±1..i±h mod n are distinct and fall in
		// four ascending runs: those that wrapped past n-1, those below i,
		// those above i, and those that wrapped below 0.
		for x := 0; x <= i+h-n; x++ {
			adj = append(adj, int32(x))
		}
		for x := max(i-h, 0); x < i; x++ {
			adj = append(adj, int32(x))
		}
		for x := i + 1; x <= min(i+h, n-1); x++ {
			adj = append(adj, int32(x))
		}
		for x := i - h + n; x < n && i-h < 0; x++ {
			adj = append(adj, int32(x))
		}
	}
	off[n] = int64(len(adj))
	return &Graph{Offsets: off, Adj: adj}, nil
}

// Complete returns the complete graph on n nodes: n(n-1)/2 edges, written
// directly in sorted order in O(n²) time and 4n(n-1) bytes of Adj.
//
// It returns an error if n is outside [0, 2^31-1].
func Complete(n int) (*Graph, error) {
	if err := checkN(n); err != nil {
		return nil, err
	}
	off := make([]int64, n+1)
	adj := make([]int32, 0, int64(n)*int64(max(n-1, 0)))
	for i := range n {
		off[i] = int64(len(adj))
		for j := range n {
			if j != i {
				adj = append(adj, int32(j))
			}
		}
	}
	off[n] = int64(len(adj))
	return &Graph{Offsets: off, Adj: adj}, nil
}

// WattsStrogatz returns a Watts–Strogatz (1998) small world: the RingLattice(n,
// k) with each lattice edge's far end rewired with probability beta to a
// uniformly chosen node, rejecting self loops and existing edges.
//
// As in the original, the rewiring goes round the ring k/2 times; lap j
// considers the edge from each node u to u+j (mod n). A rewired edge {u,u+j}
// becomes {u,w}, so u keeps its degree and the mean degree stays k exactly. A
// node already tied to all others keeps its edge (only possible for tiny n).
// The edges to rewire are found by geometric skipping and edge membership is
// tested without a hash set: a lattice edge exists unless its slot is marked
// removed in a bitset, and added edges sit in short per-node linked lists
// (expected length about beta·k). Cost: O(n + nk·beta) time after the
// lattice, 16 bytes per rewired edge plus nk/16 bytes of bitset.
//
// It returns an error unless 0 ≤ k < n, k even, n ≤ 2^31-1 and beta in [0, 1].
func WattsStrogatz(n, k int, beta float64, rnd *rand.Rand) (*Graph, error) {
	if err := checkN(n); err != nil {
		return nil, err
	}
	if err := checkProb("beta", beta); err != nil {
		return nil, err
	}
	if beta == 0 || k == 0 {
		return RingLattice(n, k)
	}
	if err := checkK(n, k); err != nil {
		return nil, err
	}
	h := k / 2
	ws := &rewiring{
		n:       n,
		h:       h,
		deg:     make([]int32, n),
		removed: make([]uint64, (int64(n)*int64(h)+63)/64),
		head:    make([]int32, n),
	}
	for i := range ws.deg {
		ws.deg[i] = int32(k)
		ws.head[i] = -1
	}
	// Two half-edges per rewired edge; sized for the Binomial(nk/2, beta)
	// count so that appends rarely regrow.
	c := 2 * capacityFor(int64(n)*int64(h), beta)
	ws.other, ws.next = make([]int32, 0, c), make([]int32, 0, c)
	// Slot s = (j-1)·n + u is the lattice edge {u, u+j}: lap-major, as the
	// original goes round the ring once per lap.
	s := newSkipper(int64(n)*int64(h), beta)
	for s.next(rnd) {
		j := int(s.idx/int64(n)) + 1
		u := int32(s.idx % int64(n))
		if int(ws.deg[u]) >= n-1 {
			continue // u is tied to everyone: no legal new end
		}
		var w int32
		for {
			w = int32(rnd.IntN(n))
			if w != u && !ws.hasEdge(u, w) {
				break
			}
		}
		v := int32((int(u) + j) % n)
		ws.removed[s.idx>>6] |= 1 << (s.idx & 63)
		ws.deg[v]--
		ws.deg[w]++
		ws.link(u, w)
	}
	return ws.graph(), nil
}

// rewiring is the mutable edge set of a Watts–Strogatz graph being rewired.
type rewiring struct {
	n, h    int
	deg     []int32
	removed []uint64 // bit s set: lattice slot s was rewired away
	head    []int32  // first half-edge of each node's added list, -1 if none
	next    []int32  // next half-edge in the same node's list
	other   []int32  // half-edge 2e is stored at the edge's first node and holds the second; 2e+1 the reverse
}

// link adds edge {u,w} to both endpoints' added lists.
func (r *rewiring) link(u, w int32) {
	e := int32(len(r.other))
	r.other = append(r.other, w, u)
	r.next = append(r.next, r.head[u], r.head[w])
	r.head[u] = e
	r.head[w] = e + 1
}

// hasEdge reports whether {u,w}, u != w, is currently an edge.
func (r *rewiring) hasEdge(u, w int32) bool {
	n := r.n
	fwd := (int(w) - int(u) + n) % n // steps from u to w clockwise
	switch {
	case fwd >= 1 && fwd <= r.h:
		if s := int64(fwd-1)*int64(n) + int64(u); r.removed[s>>6]&(1<<(s&63)) == 0 {
			return true
		}
	case n-fwd >= 1 && n-fwd <= r.h:
		if s := int64(n-fwd-1)*int64(n) + int64(w); r.removed[s>>6]&(1<<(s&63)) == 0 {
			return true
		}
	}
	for e := r.head[u]; e >= 0; e = r.next[e] {
		if r.other[e] == w {
			return true
		}
	}
	return false
}

// graph writes the surviving lattice edges and the added edges as CSR.
func (r *rewiring) graph() *Graph {
	n := r.n
	b := newCSRBuilder(n)
	for i, d := range r.deg {
		b.setDegree(i, int64(d))
	}
	b.allocate()
	for j := 1; j <= r.h; j++ {
		base := int64(j-1) * int64(n)
		for u := range n {
			if s := base + int64(u); r.removed[s>>6]&(1<<(s&63)) == 0 {
				b.add(int32(u), int32((u+j)%n))
			}
		}
	}
	for e := 0; e < len(r.other); e += 2 {
		b.add(r.other[e+1], r.other[e])
	}
	g, _ := b.finish(false)
	return g
}
