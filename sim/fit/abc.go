package fit

import (
	"errors"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// The sequential Monte Carlo step on numbers alone: kernels, weights,
// tolerances and effective sample size. No files here.

// particle is one simulated proposal: its parameters (in z space, see
// prior), the distance of its simulation to the data, its importance
// weight (unnormalised) and where it came from.
type particle struct {
	z          []float64
	dist       float64
	weight     float64
	generation int // the generation that proposed it
	point      int // its point in that generation's sweep
}

// less orders particles by distance, NaN as +Inf, ties by generation
// and point: a total order, so that the kept set does not depend on how
// a sort breaks ties.
func less(a, b *particle) bool {
	da, db := a.dist, b.dist
	if math.IsNaN(da) {
		da = math.Inf(1)
	}
	if math.IsNaN(db) {
		db = math.Inf(1)
	}
	if da != db {
		return da < db
	}
	if a.generation != b.generation {
		return a.generation < b.generation
	}
	return a.point < b.point
}

// keepBest sorts ps by distance and returns the first n and the tolerance,
// the distance of the last kept: the adaptive tolerance of Lenormand,
// Jabot & Deffuant (2013, step 2.4), the α-quantile of the distances when
// n = ⌊α·len(ps)⌋.
func keepBest(ps []*particle, n int) ([]*particle, float64) {
	sort.SliceStable(ps, func(i, j int) bool { return less(ps[i], ps[j]) })
	kept := ps[:n]
	return kept, kept[n-1].dist
}

// weightsOf returns the weights of ps normalised to sum to 1. The
// particles keep their raw weights, π(z)/q(z) for the proposal density q
// of their own generation (1 for the prior's), so that particles kept from
// earlier generations and new ones weigh on one scale (Lenormand et al.
// 2013, step 2.3, normalise only inside the kernel mixture).
func weightsOf(ps []*particle) []float64 {
	var s float64
	for _, p := range ps {
		s += p.weight
	}
	ws := make([]float64, len(ps))
	for i, p := range ps {
		ws[i] = p.weight / s
	}
	return ws
}

// ess is the effective sample size of the weights, (Σw)²/Σw² (Kong, Liu &
// Wong 1994): the number of particles for equal weights, 1 when one
// weight holds everything.
func ess(ps []*particle) float64 {
	var s, s2 float64
	for _, p := range ps {
		s += p.weight
		s2 += p.weight * p.weight
	}
	return s * s / s2
}

// kernel is the Gaussian perturbation kernel N(0, Σ) with Σ twice the
// weighted covariance of the previous population (Beaumont, Cornuet,
// Marin & Robert 2009, Biometrika 96(4):983-990, whose factor 2 comes
// from minimising the Kullback-Leibler divergence between successive
// populations; Filippi et al. 2013 discuss it and local alternatives).
type kernel struct {
	chol   mat.Cholesky
	l      *mat.TriDense
	logNrm float64 // −½ ln((2π)^k det Σ)
	k      int
}

// errDegenerate is a population without spread in some direction.
var errDegenerate = errors.New("fit: the population has no spread")

// newKernel builds the kernel from the normalised population ps. A
// direction in which every particle agrees (a parameter the data pin, or
// that the prior fixes) is given a tiny variance instead, 10^-12 of the
// prior's width squared, so that the kernel stays a density.
func newKernel(ps []*particle, priors []prior) (*kernel, error) {
	k := len(priors)
	ws := weightsOf(ps)
	mean := make([]float64, k)
	for i, p := range ps {
		for j := range k {
			mean[j] += ws[i] * p.z[j]
		}
	}
	cov := mat.NewSymDense(k, nil)
	for a := range k {
		for b := a; b < k; b++ {
			var c float64
			for i, p := range ps {
				c += ws[i] * (p.z[a] - mean[a]) * (p.z[b] - mean[b])
			}
			cov.SetSym(a, b, 2*c)
		}
	}
	kn := &kernel{k: k}
	if !kn.chol.Factorize(cov) {
		for j := range k {
			w := priors[j].zhi - priors[j].zlo
			cov.SetSym(j, j, cov.At(j, j)+1e-12*w*w)
		}
		if !kn.chol.Factorize(cov) {
			return nil, errDegenerate
		}
	}
	kn.l = mat.NewTriDense(k, mat.Lower, nil)
	kn.chol.LTo(kn.l)
	logDet := 0.0
	for j := range k {
		logDet += 2 * math.Log(kn.l.At(j, j))
	}
	kn.logNrm = -0.5 * (float64(k)*math.Log(2*math.Pi) + logDet)
	return kn, nil
}

// perturb returns z + Lξ, ξ standard normal.
func (kn *kernel) perturb(z []float64, rnd *rand.Rand) []float64 {
	xi := make([]float64, kn.k)
	for j := range xi {
		xi[j] = rnd.NormFloat64()
	}
	out := make([]float64, kn.k)
	for a := range kn.k {
		out[a] = z[a]
		for b := 0; b <= a; b++ {
			out[a] += kn.l.At(a, b) * xi[b]
		}
	}
	return out
}

// logDensity is ln φ_Σ(x), x the difference of two points.
func (kn *kernel) logDensity(x []float64) float64 {
	// Solve L y = x by forward substitution: xᵀΣ⁻¹x = |y|².
	y := make([]float64, kn.k)
	var q float64
	for a := range kn.k {
		s := x[a]
		for b := 0; b < a; b++ {
			s -= kn.l.At(a, b) * y[b]
		}
		y[a] = s / kn.l.At(a, a)
		q += y[a] * y[a]
	}
	return kn.logNrm - q/2
}

// propose draws a particle from the previous population ps by weight and perturbs it by the kernel until it falls inside the
// prior's support (Lenormand et al. 2013, step 2.2); after maxTries
// draws outside it gives up.
func propose(ps []*particle, kn *kernel, priors []prior, rnd *rand.Rand) ([]float64, bool) {
	const maxTries = 10000
	ws := weightsOf(ps)
	for range maxTries {
		u := rnd.Float64()
		j := len(ps) - 1
		var c float64
		for i := range ps {
			c += ws[i]
			if u < c {
				j = i
				break
			}
		}
		z := kn.perturb(ps[j].z, rnd)
		ok := true
		for i := range priors {
			ok = ok && priors[i].inSupport(z[i])
		}
		if ok {
			return z, true
		}
	}
	return nil, false
}

// importanceWeight is Beaumont et al.'s (2009) weight of a new particle,
// π(z) / Σ_j w_j φ_Σ(z − z_j), the prior over the proposal's density,
// computed with logarithms: the sum is taken around its largest term.
func importanceWeight(z []float64, ps []*particle, kn *kernel, priors []prior) float64 {
	var logPrior float64
	for i := range priors {
		logPrior += priors[i].logDensity(z[i])
	}
	ws := weightsOf(ps)
	terms := make([]float64, len(ps))
	x := make([]float64, len(z))
	top := math.Inf(-1)
	for i, p := range ps {
		for j := range z {
			x[j] = z[j] - p.z[j]
		}
		terms[i] = math.Log(ws[i]) + kn.logDensity(x)
		top = math.Max(top, terms[i])
	}
	var s float64
	for _, t := range terms {
		s += math.Exp(t - top)
	}
	return math.Exp(logPrior - top - math.Log(s))
}

// weightedQuantile is the q-quantile of xs under weights ws (normalised
// or not): the smallest x whose cumulative weight reaches q.
func weightedQuantile(xs, ws []float64, q float64) float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return xs[idx[a]] < xs[idx[b]] })
	var total float64
	for _, w := range ws {
		total += w
	}
	var c float64
	for _, i := range idx {
		c += ws[i]
		if c >= q*total*(1-1e-12) {
			return xs[i]
		}
	}
	return xs[idx[len(idx)-1]]
}
