package network

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// PowerLawConfiguration returns an erased configuration model (Molloy & Reed
// 1995; Newman 2003, §IV.B) on n nodes whose degree sequence is drawn from a
// discrete power law with exponent gamma and minimum kMin:
//
//	P(K = k) ∝ k^-gamma,  kMin ≤ k ≤ n-1.
//
// Each degree is drawn by the continuous approximation of Clauset, Shalizi &
// Newman (2009, appendix D),
//
//	k = ⌊(kMin - ½)(1 - u)^(-1/(gamma-1)) + ½⌋,  u ~ U[0,1),
//
// redrawn while k > n-1, so that P(K ≥ x) ≈ ((x - ½)/(kMin - ½))^-(gamma-1).
// Every node gets k stubs; the stubs are shuffled (Fisher–Yates) and paired
// in order; if their count is odd, the last one is left unpaired. Self loops
// are then erased and multi-edges merged (the "erased" configuration model),
// which lowers the degree of the largest hubs a little and leaves a simple
// graph; for 2 < gamma < 3 the share of erased edges vanishes as n grows
// (Britton, Deijfen & Martin-Löf 2006).
//
// Unlike Barabási–Albert, where every node has the same core number (its
// attach count m), the power-law configuration model has a nested spread of
// k-cores whose innermost core deepens with n (Dorogovtsev, Goltsev & Mendes
// 2006): the core–periphery structure that Barberá et al. (2015) measure on
// protest networks.
//
// Cost: O(n + S) time with S = Σk the stub count, one random number per node
// (plus redraws, rare unless n is small) and one per stub; 4n + 4S bytes of
// scratch besides the graph. The mean degree before erasure is
// ExpectedPowerLawDegree, close to (kMin - ½)(gamma-1)/(gamma-2) for large n
// unless kMin is 1 or 2 (kMin 2, gamma 2.5: 4.56 against 4.5).
//
// It returns an error unless 2 ≤ n ≤ 2^31-1, 1 ≤ kMin ≤ n-1 and gamma > 2
// (below 2 the mean degree grows with n).
func PowerLawConfiguration(n, kMin int, gamma float64, rnd *rand.Rand) (*Graph, error) {
	if err := checkN(n); err != nil {
		return nil, err
	}
	if n < 2 {
		return nil, fmt.Errorf("network: n=%d must be ≥ 2 for a configuration model", n)
	}
	if kMin < 1 || kMin > n-1 {
		return nil, fmt.Errorf("network: kMin=%d must be ≥ 1 and ≤ n-1=%d", kMin, n-1)
	}
	if !(gamma > 2) || math.IsInf(gamma, 1) { // also rejects NaN
		return nil, fmt.Errorf("network: exponent gamma=%v must be a finite number > 2", gamma)
	}
	deg := make([]int32, n)
	a, inv := float64(kMin)-0.5, -1/(gamma-1)
	stubs := int64(0)
	for i := range deg {
		k := n // > n-1: draw at least once
		for k > n-1 {
			x := a*math.Pow(1-rnd.Float64(), inv) + 0.5
			if x < float64(n) {
				k = int(x)
			}
		}
		deg[i] = int32(k)
		stubs += int64(k)
	}
	stub := make([]int32, stubs)
	p := int64(0)
	for i, k := range deg {
		for range k {
			stub[p] = int32(i)
			p++
		}
	}
	for i := len(stub) - 1; i > 0; i-- {
		j := rnd.Int64N(int64(i) + 1)
		stub[i], stub[j] = stub[j], stub[i]
	}
	pairs := stub[:len(stub)&^1]
	b := newCSRBuilder(n)
	for e := 0; e < len(pairs); e += 2 {
		if u, v := pairs[e], pairs[e+1]; u != v {
			b.count(u, v)
		}
	}
	b.allocate()
	for e := 0; e < len(pairs); e += 2 {
		if u, v := pairs[e], pairs[e+1]; u != v {
			b.add(u, v)
		}
	}
	g, _ := b.finish(true)
	return g, nil
}

// ExpectedPowerLawDegree is the mean of the degree law that
// PowerLawConfiguration draws on n nodes, before erasure. With
// S(y) = (y/a)^(1-gamma), a = kMin - ½, b = n - ½, the draw is k when the
// continuous value lies in [k - ½, k + ½), so
//
//	P(K ≥ k) = (S(k - ½) - S(b)) / (1 - S(b)),   E[K] = kMin + Σ_{k>kMin} P(K ≥ k).
//
// The sum is exact up to k = kMin + 10^5 and replaced by its integral beyond,
// where the summand varies by less than 10^-5 relative from one k to the
// next. Erasure only removes edges, so n·E[K]/2 bounds the expected edge
// count from above, as a memory guard needs. It requires gamma > 2 and
// 1 ≤ kMin < n.
func ExpectedPowerLawDegree(n, kMin int, gamma float64) float64 {
	a, b := float64(kMin)-0.5, float64(n)-0.5
	S := func(y float64) float64 { return math.Pow(y/a, 1-gamma) }
	Sb := S(b)
	sum := float64(kMin)
	const exact = 100000
	last := min(n-1, kMin+exact)
	for k := kMin + 1; k <= last; k++ {
		sum += (S(float64(k)-0.5) - Sb) / (1 - Sb)
	}
	if last < n-1 {
		// ∫ from last+½ to n-1+½ of (S(y-½) - S(b)) dy, with S(y) integrated
		// in closed form: ∫ S = a^(gamma-1) y^(2-gamma)/(2-gamma).
		lo, hi := float64(last), float64(n-1)
		I := math.Pow(a, gamma-1) * (math.Pow(hi, 2-gamma) - math.Pow(lo, 2-gamma)) / (2 - gamma)
		sum += (I - Sb*(hi-lo)) / (1 - Sb)
	}
	return sum
}
