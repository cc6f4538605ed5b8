package network

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// StochasticBlock returns a stochastic block model graph (Holland, Laskey &
// Leinhardt 1983) over the population's groups: node i belongs to group
// groups[i], a pair inside group g is tied with probability p_in(g) and a pair
// across groups with probability p_out. The probabilities are derived (see the
// package documentation) so that every node's expected degree is meanDegree
// and the expected share of all ties that fall inside a group is homophily.
// With equal group sizes homophily ≈ 1/nGroups means no preference.
//
// When only one group is non-empty there are no cross-group pairs: homophily
// is then ignored and the graph is G(n, meanDegree/(n-1)).
//
// Each block is sampled by geometric skipping: group g's internal pairs as a
// triangle, and its pairs with all later groups as one rectangle, because
// p_out is shared. Cost: O(n + nGroups + E) time, 8E bytes of edge list.
//
// It returns an error if nGroups < 1, a group id is outside [0, nGroups),
// meanDegree is negative or not finite, homophily is outside [0, 1], or the
// requested (meanDegree, homophily) needs a probability outside [0, 1].
func StochasticBlock(groups []int32, nGroups int, meanDegree, homophily float64, rnd *rand.Rand) (*Graph, error) {
	n := len(groups)
	if err := checkN(n); err != nil {
		return nil, err
	}
	if nGroups < 1 {
		return nil, fmt.Errorf("network: nGroups=%d must be ≥ 1", nGroups)
	}
	if !(meanDegree >= 0) || math.IsInf(meanDegree, 1) {
		return nil, fmt.Errorf("network: bad mean degree: meanDegree=%v", meanDegree)
	}
	if !(homophily >= 0 && homophily <= 1) {
		return nil, fmt.Errorf("network: bad homophily: homophily=%v must be in [0, 1]", homophily)
	}
	// Counting sort of nodes by group: members[start[g]:start[g+1]] are the
	// nodes of group g in increasing id order.
	start := make([]int, nGroups+1)
	for i, g := range groups {
		if g < 0 || int(g) >= nGroups {
			return nil, fmt.Errorf("network: groups[%d]=%d outside [0, %d)", i, g, nGroups)
		}
		start[g+1]++
	}
	sizes := make([]int, nGroups)
	for g := range nGroups {
		sizes[g] = start[g+1]
		start[g+1] += start[g]
	}
	pIn, pOut, err := blockProbabilities(sizes, meanDegree, homophily)
	if err != nil {
		return nil, err
	}
	members := make([]int32, n)
	cursor := append([]int(nil), start[:nGroups]...)
	for i, g := range groups {
		members[cursor[g]] = int32(i)
		cursor[g]++
	}

	var expect float64
	for g, s := range sizes {
		expect += pIn[g]*float64(pairCount(s)) + pOut*float64(s)*float64(n-start[g+1])
	}
	pairs := make([]int32, 0, 2*int(expect+6*math.Sqrt(expect)+16))
	for g := range nGroups {
		mem := members[start[g]:start[g+1]]
		// Internal pairs: triangle over the group's members.
		if len(mem) >= 2 && pIn[g] > 0 {
			s := newSkipper(pairCount(len(mem)), pIn[g])
			v, base := int64(1), int64(0)
			for s.next(rnd) {
				for s.idx >= base+v {
					base += v
					v++
				}
				pairs = append(pairs, mem[v], mem[s.idx-base])
			}
		}
		// Cross pairs with every later group: one rectangle, since p_out is
		// the same for all of them.
		later := members[start[g+1]:]
		if len(mem) > 0 && len(later) > 0 && pOut > 0 {
			cols := int64(len(later))
			s := newSkipper(int64(len(mem))*cols, pOut)
			for s.next(rnd) {
				r := s.idx / cols
				pairs = append(pairs, mem[r], later[s.idx-r*cols])
			}
		}
	}
	g, _ := fromPairs(n, pairs, true)
	return g, nil
}

// blockProbabilities derives p_in(g) and p_out from the group sizes n_g, the
// mean degree k and the homophily h (derivation in doc.go):
//
//	p_out   = (1-h)·n·k / (n² - Σ n_g²)
//	p_in(g) = (k - p_out·(n - n_g)) / (n_g - 1)
//
// It returns an error naming the offending group when a probability falls
// outside [0, 1]. Values within 1e-12 of a bound are rounding and are clamped.
func blockProbabilities(sizes []int, k, h float64) (pIn []float64, pOut float64, err error) {
	const eps = 1e-12
	n := 0
	var sumSq float64
	for _, s := range sizes {
		n += s
		sumSq += float64(s) * float64(s)
	}
	fn := float64(n)
	cross := fn*fn - sumSq // ordered pairs in different groups
	if cross > 0 {
		pOut = (1 - h) * fn * k / cross
		if pOut > 1+eps {
			return nil, 0, fmt.Errorf("network: infeasible block model: meanDegree=%v homophily=%v needs p_out=%.6g > 1", k, h, pOut)
		}
		pOut = min(pOut, 1)
	}
	pIn = make([]float64, len(sizes))
	for g, s := range sizes {
		if s == 0 {
			continue
		}
		need := k - pOut*float64(n-s) // expected ties inside the group per member
		if s == 1 {
			if math.Abs(need) > 1e-9*max(1, k) {
				return nil, 0, fmt.Errorf("network: infeasible block model: group %d has 1 member and cannot hold %.6g of its ties inside (meanDegree=%v homophily=%v)", g, need, k, h)
			}
			continue
		}
		p := need / float64(s-1)
		switch {
		case p < -eps:
			return nil, 0, fmt.Errorf("network: infeasible block model: meanDegree=%v homophily=%v needs p_in=%.6g < 0 in group %d of size %d (homophily too low for so small a group)", k, h, p, g, s)
		case p > 1+eps:
			return nil, 0, fmt.Errorf("network: infeasible block model: meanDegree=%v homophily=%v needs p_in=%.6g > 1 in group %d of size %d", k, h, p, g, s)
		}
		pIn[g] = min(max(p, 0), 1)
	}
	return pIn, pOut, nil
}
