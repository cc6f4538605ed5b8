package network

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// BarabasiAlbert returns a Barabási–Albert (1999) preferential-attachment
// graph on n nodes in which each new node brings m edges.
//
// The seed is the complete graph on m0 = m+1 nodes (nodes 0..m), so every
// seed node has degree m and the first newcomer can find m distinct targets.
// Nodes m0..n-1 then arrive in order; each picks m distinct earlier nodes with
// probability proportional to their degree at its arrival. The edge count is
// therefore exactly
//
//	E = m(m+1)/2 + m(n - m - 1).
//
// Sampling follows Batagelj & Brandes (2005): a uniform endpoint of a uniform
// edge among those present is a node drawn in proportion to its degree, in
// O(1). Unlike their version, which allows multi-edges, a target already
// chosen by the same newcomer is redrawn (the usual BA convention), so the
// graph is simple. Their array M of both endpoints is halved: the first
// endpoint of a newcomer's edge is the newcomer itself, computed from the
// edge index rather than stored, which also halves the cache misses. Cost:
// O(n·m) expected time, 4E bytes of scratch (plus 4n for duplicate marks when
// m > 32).
//
// It returns an error unless 1 ≤ m < n ≤ 2^31-1.
func BarabasiAlbert(n, m int, rnd *rand.Rand) (*Graph, error) {
	if err := checkN(n); err != nil {
		return nil, err
	}
	if m < 1 || m >= n {
		return nil, fmt.Errorf("network: m=%d must be ≥ 1 and < n=%d", m, n)
	}
	m0 := m + 1
	seedE := int64(m0) * int64(m0-1) / 2
	total := seedE + int64(m)*int64(n-m0)
	// Edge e joins src(e) and T[e]. For a newcomer's edge src(e) is the
	// newcomer, m0 + (e-seedE)/m, so only the seed clique's first endpoints
	// are stored (in seedSrc); T holds the other endpoints.
	T := make([]int32, total)
	seedSrc := make([]int32, seedE)
	e := int64(0)
	// Seed clique as (larger, smaller) in increasing order, like the
	// newcomers' edges, so that the counting sort yields sorted lists.
	for i := 1; i < m0; i++ {
		for j := range i {
			seedSrc[e], T[e] = int32(i), int32(j)
			e++
		}
	}
	small := m <= 32
	var mark []int32 // mark[t] == v+1: t already chosen by v (large m only)
	if !small {
		mark = make([]int32, n)
	}
	targets := make([]int32, m)
	cand := make([]int32, m)
	div := newDivider(uint64(m))
	// endpoint returns the endpoint at position r of the virtual array of
	// both endpoints of every edge: edge r/2, side r&1.
	endpoint := func(r uint64) int32 {
		h := int64(r >> 1)
		var src int32
		if h < seedE {
			src = seedSrc[h]
		} else {
			src = int32(int64(m0) + int64(div.div(uint64(h-seedE))))
		}
		// The side is a coin flip: a branch on it would be mispredicted
		// half the time, flushing the cache misses in flight. Always load
		// (T[0], cached, for side 0) and select without a branch.
		odd := r & 1
		tgt := T[uint64(h)*odd]
		if odd != 0 {
			return tgt
		}
		return src
	}
	for v := m0; v < n; v++ {
		lim := uint64(2 * e) // endpoints of edges before v: no self loops
		// Draw m candidates first, in a tight loop whose loads are
		// independent, so that many cache misses overlap; then accept them
		// in order, skipping repeats, and draw replacements one by one.
		// Accepting in draw order makes this the same as drawing until m
		// distinct targets are found.
		for i := range cand {
			cand[i] = endpoint(rnd.Uint64N(lim))
		}
		c := 0
		// accept adds t to targets[:c] unless already there.
		accept := func(t int32) {
			if small {
				// A scan of the few targets so far stays in L1, where a
				// mark lookup would be one more cache miss.
				if slices.Contains(targets[:c], t) {
					return
				}
			} else {
				if mark[t] == int32(v+1) {
					return
				}
				mark[t] = int32(v + 1)
			}
			targets[c] = t
			c++
		}
		for _, t := range cand {
			accept(t)
		}
		for c < m {
			accept(endpoint(rnd.Uint64N(lim)))
		}
		slices.Sort(targets)
		copy(T[e:], targets)
		e += int64(m)
	}

	b := newCSRBuilder(n)
	for e := range seedE {
		b.count(seedSrc[e], T[e])
	}
	for v, e := m0, seedE; v < n; v++ {
		for _, t := range T[e : e+int64(m)] {
			b.count(int32(v), t)
		}
		e += int64(m)
	}
	b.allocate()
	for e := range seedE {
		b.add(seedSrc[e], T[e])
	}
	for v, e := m0, seedE; v < n; v++ {
		for _, t := range T[e : e+int64(m)] {
			b.add(int32(v), t)
		}
		e += int64(m)
	}
	g, _ := b.finish(false)
	return g, nil
}

// divider divides by a fixed d with a float reciprocal and an exact
// correction, several times cheaper than a 64-bit hardware division; valid
// for x < 2^52, far beyond any edge index here.
type divider struct {
	d   uint64
	inv float64
}

func newDivider(d uint64) divider { return divider{d: d, inv: 1 / float64(d)} }

func (q divider) div(x uint64) uint64 {
	y := uint64(float64(x) * q.inv) // within 1 of x/d
	if y*q.d > x {
		y--
	}
	if (y+1)*q.d <= x {
		y++
	}
	return y
}
