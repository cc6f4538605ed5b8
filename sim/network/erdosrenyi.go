package network

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// skipper walks the indices 0..total-1 of a sequence of independent
// Bernoulli(p) trials and stops only at the successes, by drawing the gap to
// the next success (Batagelj & Brandes 2005). The gap G = floor(E/λ) with
// E ~ Exp(1) and λ = -ln(1-p) is geometric, P(G ≥ j) = e^{-λj} = (1-p)^j;
// ExpFloat64 (a ziggurat) is cheaper than the textbook floor(ln(1-U)/ln(1-p)).
type skipper struct {
	rate  float64 // λ = -ln(1-p); +Inf when p = 1, so every gap is 0
	idx   int64   // current success, -1 before the first
	total int64
}

func newSkipper(total int64, p float64) skipper {
	s := skipper{rate: -math.Log1p(-p), idx: -1, total: total}
	if p == 0 {
		s.idx = total // no successes; also avoids 0/0 when E is 0
	}
	return s
}

// next advances to the next success and reports whether there was one.
func (s *skipper) next(rnd *rand.Rand) bool {
	gap := rnd.ExpFloat64() / s.rate
	// Compare in float64 before converting: for tiny p the gap can exceed
	// the int64 range (or be +Inf).
	if gap >= float64(s.total-1-s.idx) {
		s.idx = s.total
		return false
	}
	s.idx += 1 + int64(gap)
	if s.idx >= s.total { // float64 rounded a remainder above 2^53 up
		s.idx = s.total
		return false
	}
	return true
}

// ErdosRenyiGNP returns a Gilbert G(n,p) graph: each of the n(n-1)/2 pairs is
// an edge independently with probability p. It uses geometric skipping
// (Batagelj & Brandes 2005), so the cost is O(n + E) time, one exponential
// draw per edge, and about 4E + 12n bytes of scratch.
//
// It returns an error if n is outside [0, 2^31-1] or p outside [0, 1].
func ErdosRenyiGNP(n int, p float64, rnd *rand.Rand) (*Graph, error) {
	if err := checkN(n); err != nil {
		return nil, err
	}
	if err := checkProb("p", p); err != nil {
		return nil, err
	}
	if n < 2 || p == 0 {
		return empty(n), nil
	}
	return sampleLower(n, p, rnd).graph(), nil
}

// ErdosRenyiGNM returns an Erdős–Rényi G(n,m) graph: m distinct edges chosen
// uniformly among the n(n-1)/2 pairs, every such set equally likely.
//
// It samples Bernoulli(q) with q slightly above m/(n(n-1)/2), giving m' ≥ m
// edges with probability about 1-3·10^-5 (redrawn otherwise), then deletes a
// uniform random m'-m of them. Conditioned on its size a Bernoulli sample is
// uniform over sets of that size, and deleting a uniform subset keeps it
// uniform, so the result is exact. Cost: expected O(n + m) time, no hash set.
//
// It returns an error if n is outside [0, 2^31-1] or m outside [0, n(n-1)/2].
func ErdosRenyiGNM(n int, m int64, rnd *rand.Rand) (*Graph, error) {
	if err := checkN(n); err != nil {
		return nil, err
	}
	total := pairCount(n)
	if n < 2 {
		total = 0
	}
	if m < 0 || m > total {
		return nil, fmt.Errorf("network: bad edge count: m=%d must be in [0, n(n-1)/2=%d]", m, total)
	}
	if m == 0 {
		return empty(n), nil
	}
	// 4 sd of the Bernoulli count above m, plus a constant for small m.
	fm := float64(m)
	q := min(1, (fm+4*math.Sqrt(fm)+16)/float64(total))
	var le *lowerEdges
	for {
		le = sampleLower(n, q, rnd)
		if int64(len(le.lo)) >= m {
			break
		}
	}
	dropUniform(le, len(le.lo)-int(m), rnd)
	return le.graph(), nil
}

// dropUniform deletes k edges of le chosen uniformly without replacement. The
// positions are marked in a bitset by rejection; k is a few sd of the sample
// size, far below its length, so rejections are rare.
func dropUniform(le *lowerEdges, k int, rnd *rand.Rand) {
	if k == 0 {
		return
	}
	total := len(le.lo)
	drop := make([]uint64, (total+63)/64)
	for marked := 0; marked < k; {
		i := rnd.IntN(total)
		if drop[i>>6]&(1<<(i&63)) == 0 {
			drop[i>>6] |= 1 << (i & 63)
			marked++
		}
	}
	pos, out := 0, 0
	for v, c := range le.cnt {
		kept := int32(0)
		for range c {
			if drop[pos>>6]&(1<<(pos&63)) == 0 {
				le.lo[out] = le.lo[pos]
				out++
				kept++
			}
			pos++
		}
		le.cnt[v] = kept
	}
	le.lo = le.lo[:out]
}
