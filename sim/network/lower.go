package network

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync/atomic"

	"github.com/connact/connact/sim/internal/mix"
	"github.com/connact/connact/sim/internal/par"
)

// lowerEdges holds a simple graph as, for each node v in increasing order, its
// neighbours w < v in increasing order: cnt[v] of them, stored consecutively in
// lo. It costs 4 bytes per edge (half an interleaved pair list), and because
// the edges are sorted by (v, w) the CSR built from it is sorted as it is
// written.
type lowerEdges struct {
	cnt []int32
	lo  []int32
}

// roundEdges bounds the edges graph regroups at a time (32 MiB of pairs and
// as much again grouped), so that a graph of 10^8 edges needs no second copy
// of itself while it is built; below groupMin pairs a round is applied as it
// is. Variables so that tests can exercise many small rounds.
var (
	roundEdges = 1 << 22
	groupMin   = 1 << 14
)

// graph builds the CSR. Node x's list is its lower neighbours (lo's list of
// x, copied as it is) followed by its upper neighbours v > x, the nodes
// whose lists in lo hold x, in increasing v: the transpose of lo. Written
// edge by edge, the transpose is a cache miss per edge at 10^8 edges (it
// took two thirds of building G(n,m) at 10^7 nodes); instead the pairs
// (x, v) are taken a round of v at a time, grouped by blocks of x and
// applied block by block on GOMAXPROCS goroutines (par.ApplyGrouped), once
// to count the upper degrees and once to write the lists. Each block's
// pairs keep their order, so every list comes out sorted, the same on any
// number of goroutines.
func (le *lowerEdges) graph() *Graph {
	n := len(le.cnt)
	parts := runtime.GOMAXPROCS(0)
	b := newCSRBuilder(n)
	for v, c := range le.cnt {
		b.off[v+2] = int64(c)
	}
	var blk par.Blocks
	var items, buf []uint64
	// split cuts rows [v0, v1), whose lists start at p0 in lo, into parts
	// ranges of rows: part p has rows [rowStart[p], rowStart[p+1]), whose
	// lists start at posStart[p].
	rowStart := make([]int, parts+1)
	posStart := make([]int, parts+1)
	split := func(v0, v1, p0 int) {
		for p, v, pos := 0, v0, p0; p <= parts; p++ {
			for end := v0 + (v1-v0)*p/parts; v < end; v++ {
				pos += int(le.cnt[v])
			}
			rowStart[p], posStart[p] = v, pos
		}
	}
	// transpose calls apply with the pairs x<<32 | v of the edges {v, x},
	// x < v, grouped by blocks of x, a round of v at a time in order. The
	// pairs of a round are written by parts goroutines, each from its own
	// range of rows to its own range of items.
	transpose := func(apply func(pairs []uint64)) {
		for v0, p0 := 0, 0; v0 < n; {
			v1, p1 := v0, p0
			for ; v1 < n && p1-p0 < roundEdges; v1++ {
				p1 += int(le.cnt[v1])
			}
			split(v0, v1, p0)
			items = slices.Grow(items[:0], p1-p0)[:p1-p0]
			par.ForParts(parts, func(p int) {
				pos := posStart[p]
				for v := rowStart[p]; v < rowStart[p+1]; v++ {
					for _, x := range le.lo[pos : pos+int(le.cnt[v])] {
						items[pos-p0] = uint64(x)<<32 | uint64(v)
						pos++
					}
				}
			})
			v0, p0 = v1, p1
			par.ApplyGrouped(&blk, &buf, items, n, parts, groupMin, func(x uint64) int32 { return int32(x >> 32) },
				func(_ int, pairs []uint64) { apply(pairs) })
		}
	}
	transpose(func(pairs []uint64) {
		for _, x := range pairs {
			b.off[x>>32+2]++
		}
	})
	b.allocate()
	// Lower lists first, copied as they are, on parts goroutines.
	split(0, n, 0)
	par.ForParts(parts, func(p int) {
		pos := posStart[p]
		for x := rowStart[p]; x < rowStart[p+1]; x++ {
			c := int(le.cnt[x])
			at := b.off[x+1]
			copy(b.adj[at:at+int64(c)], le.lo[pos:pos+c])
			b.off[x+1] = at + int64(c)
			pos += c
		}
	})
	transpose(func(pairs []uint64) {
		for _, x := range pairs {
			w := x >> 32
			at := b.off[w+1]
			b.adj[at] = int32(uint32(x))
			b.off[w+1] = at + 1
		}
	})
	g, _ := b.finish(false)
	return g
}

// spanRows is the number of rows (nodes v, each with its pairs w < v) that
// sampleLower draws from one random stream. A graph of more rows draws each
// span from its own stream, on GOMAXPROCS goroutines.
const spanRows = 1 << 18

// sampleLower adds every pair {v,w}, w < v < n, independently with probability
// p, in (v, w) order. The pair index idx = v(v-1)/2 + w enumerates the lower
// triangle row by row; it is decoded incrementally, so the cost is
// O(n + edges).
//
// Up to spanRows nodes the pairs are drawn from rnd. A larger graph takes one
// number from rnd as a key and draws the pairs of rows [s·spanRows,
// (s+1)·spanRows) from a generator seeded by (key, s) (SplitMix64, mix.Derive):
// Bernoulli trials are independent, so cutting the sequence into spans with
// their own streams gives the same law, and the spans can be drawn at once
// with the same graph on any number of cores.
func sampleLower(n int, p float64, rnd *rand.Rand) *lowerEdges {
	le := &lowerEdges{cnt: make([]int32, n)}
	spans := (n + spanRows - 1) / spanRows
	if spans <= 1 {
		le.lo = sampleRows(0, n, p, rnd, le.cnt, make([]int32, 0, capacityFor(pairCount(n), p)))
		return le
	}
	key := rnd.Uint64()
	// Every span appends to its own region of one buffer, sized to hold its
	// count with overwhelming probability (capacityFor); a span that
	// overflows reallocates on its own (the region is capped). The regions
	// are then closed up in order.
	rows := func(s int) (int, int) { return s * spanRows, min(n, (s+1)*spanRows) }
	at := make([]int, spans+1)
	for s := range spans {
		a, b := rows(s)
		at[s+1] = at[s] + capacityFor(pairCount(b)-pairCount(a), p)
	}
	buf := make([]int32, at[spans])
	out := make([][]int32, spans)
	var next atomic.Int64 // spans are taken last first: later rows have more pairs
	par.ForParts(runtime.GOMAXPROCS(0), func(int) {
		for {
			s := spans - 1 - int(next.Add(1)-1)
			if s < 0 {
				return
			}
			a, b := rows(s)
			r := rand.New(rand.NewPCG(mix.Derive(key, uint64(s)), mix.Derive(key, uint64(s), 1)))
			out[s] = sampleRows(a, b, p, r, le.cnt[a:b], buf[at[s]:at[s]:at[s+1]])
		}
	})
	total, fits := 0, true
	for s, o := range out {
		total += len(o)
		fits = fits && len(o) <= at[s+1]-at[s]
	}
	if !fits { // a span outgrew its region: gather into a new buffer
		le.lo = make([]int32, 0, total)
		for _, o := range out {
			le.lo = append(le.lo, o...)
		}
		return le
	}
	pos := 0
	for _, o := range out {
		pos += copy(buf[pos:], o) // moves left: span s lies at or after pos
	}
	le.lo = buf[:pos]
	return le
}

// sampleRows appends to lo the sampled pairs {v, w}, w < v, of rows v in
// [a, b), in (v, w) order, and counts them in cnt[v-a].
func sampleRows(a, b int, p float64, rnd *rand.Rand, cnt []int32, lo []int32) []int32 {
	first := pairCount(a) // index of pair (a, 0) in the whole triangle
	s := newSkipper(pairCount(b)-first, p)
	// v is the row of s.idx, base the index of pair (v, 0), both from a.
	v := int64(max(a, 1))
	base := pairCount(int(v)) - first
	for s.next(rnd) {
		for s.idx >= base+v {
			base += v
			v++
		}
		cnt[v-int64(a)]++
		lo = append(lo, int32(s.idx-base))
	}
	return lo
}

// pairCount returns n(n-1)/2, the number of node pairs.
func pairCount(n int) int64 { return int64(n) * int64(n-1) / 2 }

// capacitySD is how many standard deviations capacityFor allows above the
// mean (tests lower it to exercise the regrowing paths).
var capacitySD = 6.0

// capacityFor returns a capacity that holds a Binomial(total, p) count with
// overwhelming probability (mean + 6 sd), so appends rarely regrow.
func capacityFor(total int64, p float64) int {
	mu := float64(total) * p
	c := max(0, mu+capacitySD*math.Sqrt(mu)+16)
	return int(min(c, float64(total)))
}
