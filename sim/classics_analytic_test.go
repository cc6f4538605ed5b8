package sim_test

import (
	"math"
	"math/rand/v2"

	"github.com/connact/connact/sim/network"
)

// Analytic predictions for the classic results (classics_test.go). Each is
// computed from the published equations, independently of the model code.

// normalCDF is Φ((x−μ)/σ).
func normalCDF(x, mu, sd float64) float64 {
	return 0.5 * math.Erfc(-(x-mu)/(sd*math.Sqrt2))
}

// thresholdCDF is the share of thresholds ≤ x: F(x) = P(θ ≤ x).
type thresholdCDF func(x float64) float64

// granovetterCDF is Granovetter's (1978) continuous normal: thresholds are
// N(μ, σ²) and a negative threshold acts like 0, so F(x) = Φ((x−μ)/σ) for
// x ≥ 0 and the mass Φ(−μ/σ) are instigators who act when no one else does.
func granovetterCDF(mu, sd float64) thresholdCDF {
	return func(x float64) float64 { return normalCDF(x, mu, sd) }
}

// truncatedCDF is the normal truncated to [0, ∞) by rejection, as the model
// draws absolute thresholds (population.go, truncNormal): F(x) =
// (Φ((x−μ)/σ) − Φ(−μ/σ)) / (1 − Φ(−μ/σ)) for x ≥ 0. F(0) = 0: no one has a
// threshold of 0.
func truncatedCDF(mu, sd float64) thresholdCDF {
	p0 := normalCDF(0, mu, sd)
	return func(x float64) float64 {
		if x < 0 {
			return 0
		}
		return (normalCDF(x, mu, sd) - p0) / (1 - p0)
	}
}

// thresholdEquilibrium is the equilibrium number of participants of the
// continuous threshold map on a complete graph (Granovetter 1978):
//
//	r(t+1) = s + m·F(r(t)),   r(0) = s,
//
// with s agents who act whatever the others do (seeds) and m others whose
// thresholds have CDF F. The map is increasing, so from r(0) = s it climbs
// monotonically to the least fixed point r* ≥ s, the least root of
// s + m·F(r) − r = 0; it is found by a scan in steps of 1e-3 and bisection.
// An agent joins when the number active is at least its threshold, so at an
// integer count r the agents who have joined are those with θ ≤ r: a drawn
// threshold of 24.3 acts like 25 (the ceiling), and the continuous map
// evaluated at integer r is exactly the expected count.
func thresholdEquilibrium(s, m float64, F thresholdCDF) float64 {
	g := func(r float64) float64 { return s + m*F(r) - r }
	const h = 1e-3
	lo := s
	if g(lo) <= 0 {
		return lo
	}
	for hi := lo + h; ; hi += h {
		if g(hi) <= 0 {
			for range 60 {
				mid := (lo + hi) / 2
				if g(mid) > 0 {
					lo = mid
				} else {
					hi = mid
				}
			}
			return hi
		}
		lo = hi
	}
}

// criticalSD is the σ at which the equilibrium of thresholdEquilibrium(s,
// m, cdf(μ, σ)) jumps past half the population, by bisection on [lo, hi].
func criticalSD(s, m, mu, lo, hi float64, cdf func(mu, sd float64) thresholdCDF) float64 {
	n := s + m
	for range 60 {
		mid := (lo + hi) / 2
		if thresholdEquilibrium(s, m, cdf(mu, mid)) > n/2 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return (lo + hi) / 2
}

// binomialPMF returns P(X = j), j = 0..n, for X ~ Binomial(n, p).
func binomialPMF(n int, p float64) []float64 {
	out := make([]float64, n+1)
	switch {
	case p <= 0:
		out[0] = 1
		return out
	case p >= 1:
		out[n] = 1
		return out
	}
	lp, lq := math.Log(p), math.Log1p(-p)
	lg, _ := math.Lgamma(float64(n + 1))
	for j := 0; j <= n; j++ {
		a, _ := math.Lgamma(float64(j + 1))
		b, _ := math.Lgamma(float64(n - j + 1))
		out[j] = math.Exp(lg - a - b + float64(j)*lp + float64(n-j)*lq)
	}
	return out
}

// finiteThresholdEquilibrium is the exact distribution of the equilibrium
// K of the synchronous threshold model on a complete graph of n = s + m
// agents, summarised by its mean and variance: s seeds act from step 0, the
// m others have independent thresholds with CDF F and join at step t when
// the count active at t−1 is ≥ θ. With N(r) the number of thresholds ≤ r,
// the count follows r ← s + N(r) from r = s, so the equilibrium is
// K = min{r ≥ s : s + N(r) = r}, and P(K > r) = P(s + N(j) > j for all
// j = s..r). That probability is a forward recursion over r on the
// distribution of N(r) among the crowds still growing, with N(r+1) − N(r) ~
// Binomial(m − N(r), (F(r+1) − F(r)) / (1 − F(r))) (the thresholds in
// (r, r+1] among the m − N(r) above r). Then E[K] = Σ_{r≥0} P(K > r) and
// E[K²] = Σ_{r≥0} (2r + 1)·P(K > r). Cost O(n·m²).
func finiteThresholdEquilibrium(s, m int, F thresholdCDF) (mean, variance float64) {
	var m2 float64
	for r := 0; r < s; r++ { // K ≥ s
		mean++
		m2 += float64(2*r + 1)
	}
	// alive[j] = P(N(r) = j and the count exceeded every j' = s..r).
	alive := binomialPMF(m, F(float64(s)))
	alive[0] = 0 // s + N(s) > s needs N(s) ≥ 1
	for r := s; r < s+m; r++ {
		surv := 0.0
		for _, p := range alive {
			surv += p
		}
		mean += surv // P(K > r)
		m2 += float64(2*r+1) * surv
		if surv < 1e-15 {
			break
		}
		next := make([]float64, m+1)
		Fr, Fr1 := F(float64(r)), F(float64(r+1))
		q := 0.0
		if Fr < 1 {
			q = (Fr1 - Fr) / (1 - Fr)
		}
		for j, p := range alive {
			if p == 0 {
				continue
			}
			for d, b := range binomialPMF(m-j, q) {
				next[j+d] += p * b
			}
		}
		for j := range next { // still growing at r+1: s + N(r+1) > r+1
			if s+j <= r+1 {
				next[j] = 0
			}
		}
		alive = next
	}
	return mean, math.Max(0, m2-mean*mean)
}

// poissonPMF returns p_k = e^{−z} z^k / k! for k = 0..kmax.
func poissonPMF(z float64, kmax int) []float64 {
	p := make([]float64, kmax+1)
	p[0] = math.Exp(-z)
	for k := 1; k <= kmax; k++ {
		p[k] = p[k-1] * z / float64(k)
	}
	return p
}

// wattsKMax is the largest degree at which one active neighbour suffices
// under the fractional threshold φ: 1/k ≥ φ ⇔ k ≤ ⌊1/φ⌋. Computed in
// float32, the precision the model stores thresholds in, so that a φ of
// exactly 1/K keeps degree K vulnerable, as the model's s ≥ θ does.
func wattsKMax(phi float64) int {
	k := 1
	for float32(1)/float32(k+1) >= float32(phi) {
		k++
	}
	return k
}

// wattsCondition is Σ_k k(k−1)·ρ_k·p_k − z for Poisson(z) degrees, with
// ρ_k = 1 for 1 ≤ k ≤ K (vulnerable: one active neighbour tips them) and 0
// beyond. Watts's (2002) cascade condition is G0”(1) = z, G0”(1) being
// this second factorial moment of the vulnerable degrees; global cascades
// are possible where it is > 0: the cascade window.
func wattsCondition(z float64, K int) float64 {
	p := poissonPMF(z, K)
	s := 0.0
	for k := 2; k <= K; k++ {
		s += float64(k*(k-1)) * p[k]
	}
	return s - z
}

// wattsWindow returns the edges (zlo, zhi) of the cascade window for
// Poisson degrees: the two roots of wattsCondition, found by bisection
// around its maximum (it is negative near z = 0 and for large z).
func wattsWindow(K int) (zlo, zhi float64) {
	f := func(z float64) float64 { return wattsCondition(z, K) }
	// The maximum of f on (0, K+1]: scan.
	zm, fm := 0.0, math.Inf(-1)
	for z := 0.01; z <= float64(K+1); z += 0.01 {
		if v := f(z); v > fm {
			zm, fm = z, v
		}
	}
	if fm <= 0 {
		return math.NaN(), math.NaN()
	}
	root := func(a, b float64) float64 { // f(a) and f(b) of opposite signs
		for range 100 {
			m := (a + b) / 2
			if (f(m) > 0) == (f(a) > 0) {
				a = m
			} else {
				b = m
			}
		}
		return (a + b) / 2
	}
	return root(1e-9, zm), root(zm, 10*float64(K+1))
}

// wattsExtendedVulnerable is S_e, the size of the extended vulnerable
// cluster: the share of nodes that are in, or adjacent to, the giant cluster
// of vulnerable nodes. A single random seed triggers a global cascade iff
// it is such a node, so S_e is the probability of a global cascade (Watts
// 2002, Fig. 1a, solid line). With q_k = k·p_k/z the degree of the node at
// the end of a random edge, u, the probability that an edge does not lead
// into the giant vulnerable cluster, is the least root in [0, 1) of
//
//	u = 1 − Σ_k q_k·ρ_k·(1 − u^{k−1}),
//
// and S_e = 1 − Σ_k p_k·u^k, S_v = Σ_k p_k·ρ_k·(1 − u^k) (Newman, Strogatz &
// Watts 2001 generating functions on the vulnerable subgraph). It also
// returns the giant component of the whole graph, S = 1 − e^{−z·S}.
func wattsExtendedVulnerable(z float64, K int) (se, sv, giant float64) {
	const kmax = 200
	p := poissonPMF(z, kmax)
	u := 0.0 // iterate from 0: converges to the least fixed point from below
	for range 100000 {
		next := 1.0
		for k := 1; k <= K; k++ {
			next -= float64(k) * p[k] / z * (1 - math.Pow(u, float64(k-1)))
		}
		if math.Abs(next-u) < 1e-14 {
			u = next
			break
		}
		u = next
	}
	se = 1
	for k := 0; k <= kmax; k++ {
		se -= p[k] * math.Pow(u, float64(k))
	}
	for k := 1; k <= K; k++ {
		sv += p[k] * (1 - math.Pow(u, float64(k)))
	}
	giant = 1.0
	for range 100000 {
		giant = 1 - math.Exp(-z*giant)
	}
	return se, sv, giant
}

// degreeDistribution returns p_k, the share of nodes of degree k, of a
// degree sequence.
func degreeDistribution(deg []int) []float64 {
	kmax := 0
	for _, k := range deg {
		kmax = max(kmax, k)
	}
	p := make([]float64, kmax+1)
	for _, k := range deg {
		p[k]++
	}
	for k := range p {
		p[k] /= float64(len(deg))
	}
	return p
}

// sirOutbreak is the configuration-model prediction for SIR with
// transmissibility T on a network with degree distribution p (Newman
// 2002): the epidemic is bond percolation with occupation T. With
// G0(x) = Σ p_k x^k and G1(x) = G0'(x)/G0'(1), u, the probability that an
// edge does not lead to the giant outbreak, is the least root of
// u = G1(1 − T + T·u), and the expected final size of a major outbreak, which
// is also the probability that one seed starts one, is S = 1 − G0(1 − T +
// T·u). Below T_c = <k>/(<k²> − <k>) the mean outbreak size from one seed
// is <s> = 1 + T·G0'(1)/(1 − T·G1'(1)) (Newman 2002). For Poisson
// degrees S solves S = 1 − exp(−T·z·S).
func sirOutbreak(p []float64, T float64) (S, meanSmall float64) {
	var k1, k2 float64
	for k, pk := range p {
		k1 += float64(k) * pk
		k2 += float64(k*k) * pk
	}
	g0 := func(x float64) float64 {
		s := 0.0
		for k := len(p) - 1; k >= 0; k-- { // Horner
			s = s*x + p[k]
		}
		return s
	}
	g1 := func(x float64) float64 {
		s := 0.0
		for k := len(p) - 1; k >= 1; k-- {
			s = s*x + float64(k)*p[k]
		}
		return s / k1
	}
	u := 0.0
	for range 1000000 {
		next := g1(1 - T + T*u)
		if math.Abs(next-u) < 1e-15 {
			u = next
			break
		}
		u = next
	}
	S = 1 - g0(1-T+T*u)
	kappa := (k2 - k1) / k1
	meanSmall = math.Inf(1)
	if T*kappa < 1 {
		meanSmall = 1 + T*k1/(1-T*kappa)
	}
	return S, meanSmall
}

// sirFinalSize solves r = 1 − exp(−R0·r) (Kermack & McKendrick 1927; for
// SIR on a network with Poisson degrees, Newman 2002, with R0 = T·κ)
// for its positive root, and returns it with dr/dR0 = r(1 − r)/(1 − R0(1 −
// r)), the sensitivity of r to R0 (implicit differentiation). r = 0 for
// R0 ≤ 1.
func sirFinalSize(r0 float64) (r, slope float64) {
	if r0 <= 1 {
		return 0, math.Inf(1)
	}
	r = 1.0 // iterate from above: converges to the positive root
	for range 100000 {
		next := 1 - math.Exp(-r0*r)
		if math.Abs(next-r) < 1e-15 {
			r = next
			break
		}
		r = next
	}
	return r, r * (1 - r) / (1 - r0*(1-r))
}

// bondPercolationGiant is the share of nodes in the largest cluster of g
// after keeping each edge independently with probability T: for SIR with
// transmissibility T, the expected share of a major outbreak on this very
// graph and the probability that one random seed starts one (Grassberger
// 1983, Math. Biosci. 63; Newman 2002). Union–find with path
// halving over the edges u < v.
func bondPercolationGiant(g *network.Graph, T float64, rnd *rand.Rand) float64 {
	n := g.N()
	parent := make([]int32, n)
	size := make([]int32, n)
	for i := range parent {
		parent[i], size[i] = int32(i), 1
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	giant := int32(1)
	for u := range n {
		for _, v := range g.Neighbours(int32(u)) {
			if int32(u) >= v || rnd.Float64() >= T {
				continue
			}
			a, b := find(int32(u)), find(v)
			if a == b {
				continue
			}
			if size[a] < size[b] {
				a, b = b, a
			}
			parent[b] = a
			size[a] += size[b]
			giant = max(giant, size[a])
		}
	}
	return float64(giant) / float64(n)
}

// ringSaturationStep is the step at which the absolute threshold contagion
// saturates a ring lattice of n agents with k/2 ties on each side and
// threshold θ, seeded with one agent and its k neighbours (Centola & Macy
// 2007), or −1 if it never spreads. Derivation, with h = k/2:
//
//   - The seeds form a block of k + 1 ≥ h adjacent adopters, leaving one gap
//     of n − k − 1 non-adopters.
//   - An agent d places beyond the edge of a block (d = 1 adjacent) sees
//     max(0, h − d + 1) adopters on that side. Each step the agents with
//     h − d + 1 ≥ θ adopt: the front advances a = h − θ + 1 places on each
//     side, and nothing spreads if θ > h.
//   - Inside a gap of g agents, agent j (1..g) sees max(0, h − j + 1) on the
//     left and max(0, h − g + j) on the right. Agents reached from both
//     sides see 2h − g + 1 in total, so the whole gap adopts in one step iff
//     g ≤ max(2a, h + a) = h + a = k − θ + 1 =: g*; a larger gap only loses
//     2a agents (its middle agents see fewer than θ).
//   - Saturation is the first step s ≥ 1 with n − k − 1 − 2a(s − 1) ≤ g*:
//     s = 1 + ⌈(n − k − 1 − g*)/(2a)⌉ (s = 1 if the first gap is already
//     ≤ g*, 0 if there is no gap).
func ringSaturationStep(n, k, theta int) int {
	h := k / 2
	if theta > h {
		return -1
	}
	gap := n - k - 1
	if gap <= 0 {
		return 0
	}
	a := h - theta + 1
	gStar := k - theta + 1
	if gap <= gStar {
		return 1
	}
	return 1 + (gap-gStar+2*a-1)/(2*a)
}
