package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// MorrisDesign is a Morris (1991) one-at-a-time screening design: R
// trajectories of K+1 points each on a Levels-level grid in the unit cube
// [0,1]^K. Within a trajectory, consecutive points differ in exactly one
// factor, by +Delta or -Delta, and every factor moves exactly once.
//
// The points are in [0,1]^K; a caller with factor ranges [a_i, b_i]
// evaluates the model at a_i + (b_i-a_i)*x_i, and the elementary effects
// are then per unit of the scaled factor (that is, (b_i-a_i) times a
// derivative), which makes factors with different units comparable.
type MorrisDesign struct {
	K      int     // number of factors
	Levels int     // p, the number of grid levels 0, 1/(p-1), ..., 1
	R      int     // number of trajectories
	Delta  float64 // step p/(2(p-1)), Morris (1991), p even

	// Points holds R*(K+1) points of length K, trajectory by trajectory:
	// point t*(K+1)+j is the j-th point (j = 0..K) of trajectory t.
	Points [][]float64

	// Factor[t*K+j] is the factor (0-based) that changes between points
	// t*(K+1)+j and t*(K+1)+j+1; Sign[t*K+j] is +1 if it increases by Delta
	// there and -1 if it decreases.
	Factor []int
	Sign   []float64
}

// NewMorrisDesign draws r Morris trajectories for k factors on a p-level
// grid with the standard randomised orientation matrix B* of Morris (1991),
// Technometrics 33(2) (also Saltelli et al. 2004, "Sensitivity analysis in practice", §3.3):
//
//	B* = (J x* + (Δ/2)[(2B − J) D* + J]) P*
//
// where B is the (k+1)×k strictly lower-triangular matrix of ones, J a
// matrix of ones, x* a random base point on the grid with x*_i + Δ ≤ 1, D*
// a diagonal matrix of independent random signs ±1 and P* a random
// permutation matrix. Row j+1 of B* differs from row j in factor P*(j)
// only, by Δ·D*_{P*(j)}; the code builds the rows in that form, one step
// at a time, which is the same matrix.
//
// p must be even and at least 2: with Δ = p/(2(p−1)) = (p/2)/(p−1) a step
// is exactly p/2 grid intervals, so the p levels fall into p/2 pairs
// (l, l+p/2), the base level is uniform on the lower half, and every level
// is then sampled with the same probability 1/p (Morris 1991). An odd p
// would make Δ fall between grid levels. Bad k, p or r return an error
// naming the value; a nil rng is a programmer mistake and panics.
func NewMorrisDesign(k, p, r int, rng *rand.Rand) (*MorrisDesign, error) {
	if rng == nil {
		panic("sensitivity: NewMorrisDesign: nil *rand.Rand")
	}
	if k < 1 {
		return nil, fmt.Errorf("sensitivity: bad number of factors: k=%d (need k >= 1)", k)
	}
	if p < 2 || p%2 != 0 {
		return nil, fmt.Errorf("sensitivity: bad number of Morris levels: p=%d (need an even p >= 2)", p)
	}
	if r < 1 {
		return nil, fmt.Errorf("sensitivity: bad number of trajectories: r=%d (need r >= 1)", r)
	}
	half := p / 2 // Δ in grid intervals
	d := &MorrisDesign{
		K: k, Levels: p, R: r,
		Delta:  float64(p) / float64(2*(p-1)),
		Points: make([][]float64, 0, r*(k+1)),
		Factor: make([]int, 0, r*k),
		Sign:   make([]float64, 0, r*k),
	}
	// Work on integer levels and convert each point once, so that every
	// coordinate is exactly level/(p-1) and equal levels give equal floats.
	level := make([]int, k)
	sign := make([]int, k)
	for t := 0; t < r; t++ {
		for i := range k {
			base := rng.IntN(half) // x*_i, in the lower half of the grid
			sign[i] = 1
			if rng.IntN(2) == 1 {
				sign[i] = -1
			}
			// Row 0 of B*: x*_i when D*_ii = +1 (the factor will go up),
			// x*_i + Δ when D*_ii = −1 (it will come down).
			level[i] = base
			if sign[i] < 0 {
				level[i] = base + half
			}
		}
		perm := rng.Perm(k)
		d.Points = append(d.Points, morrisPoint(level, p))
		for _, i := range perm {
			level[i] += sign[i] * half
			d.Points = append(d.Points, morrisPoint(level, p))
			d.Factor = append(d.Factor, i)
			d.Sign = append(d.Sign, float64(sign[i]))
		}
	}
	return d, nil
}

func morrisPoint(level []int, p int) []float64 {
	x := make([]float64, len(level))
	for i, l := range level {
		x[i] = float64(l) / float64(p-1)
	}
	return x
}

// MorrisResult holds the elementary effects of a Morris design and their
// summaries, one entry per factor.
type MorrisResult struct {
	// EE[i][t] is the elementary effect of factor i in trajectory t.
	EE [][]float64
	// Mu is the mean elementary effect (Morris 1991); effects of opposite
	// signs cancel in it, so it is a measure of direction, not importance.
	Mu []float64
	// MuStar is the mean absolute elementary effect, the importance
	// measure of Campolongo, Cariboni & Saltelli (2007,
	// Environ. Model. Softw. 22), which, unlike μ, ranks factors like
	// Sobol' total indices.
	MuStar []float64
	// Sigma is the sample standard deviation (divisor R−1) of the
	// elementary effects, a measure of non-linearity and interaction
	// (Morris 1991). It is NaN when R = 1.
	Sigma []float64
}

// MorrisEffects computes the elementary effects
//
//	EE_i = (f(x + Δe_i) − f(x)) / Δ    (Morris 1991)
//
// from the model outputs y at the points of d (y[m] = f(d.Points[m]), in
// the same order), and their mean μ, mean absolute value μ* and standard
// deviation σ per factor. A step down (sign −1) goes from x + Δe_i to x,
// so its effect is (f(before) − f(after))/Δ: every effect is a forward
// difference whichever way the trajectory walks.
//
// A y of the wrong length or with a NaN or infinite value returns an
// error; a nil d panics.
func MorrisEffects(d *MorrisDesign, y []float64) (*MorrisResult, error) {
	if d == nil {
		panic("sensitivity: MorrisEffects: nil *MorrisDesign")
	}
	if len(y) != d.R*(d.K+1) {
		return nil, fmt.Errorf("sensitivity: bad number of Morris outputs: len(y)=%d (the design has %d points)", len(y), d.R*(d.K+1))
	}
	for m, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("sensitivity: bad Morris output: y[%d]=%v", m, v)
		}
	}
	res := &MorrisResult{
		EE:     make([][]float64, d.K),
		Mu:     make([]float64, d.K),
		MuStar: make([]float64, d.K),
		Sigma:  make([]float64, d.K),
	}
	for i := range res.EE {
		res.EE[i] = make([]float64, d.R)
	}
	for t := 0; t < d.R; t++ {
		for j := 0; j < d.K; j++ {
			m := t*(d.K+1) + j
			s := t*d.K + j
			res.EE[d.Factor[s]][t] = d.Sign[s] * (y[m+1] - y[m]) / d.Delta
		}
	}
	for i, ee := range res.EE {
		res.Mu[i], res.MuStar[i], res.Sigma[i] = morrisSummary(ee)
	}
	return res, nil
}

// morrisSummary returns the mean, the mean absolute value and the sample
// standard deviation of ee (NaN for one value).
func morrisSummary(ee []float64) (mu, muStar, sigma float64) {
	n := float64(len(ee))
	for _, e := range ee {
		mu += e
		muStar += math.Abs(e)
	}
	mu /= n
	muStar /= n
	if len(ee) < 2 {
		return mu, muStar, math.NaN()
	}
	var ss float64
	for _, e := range ee {
		ss += (e - mu) * (e - mu)
	}
	return mu, muStar, math.Sqrt(ss / (n - 1))
}

// MorrisMuStarCI returns a percentile bootstrap confidence interval at the
// given level (for example 0.95) for μ* of every factor: nboot times, it
// resamples the R trajectories with replacement (the same trajectories for
// all factors, since a trajectory is the sampling unit of the design) and
// recomputes μ*; lo and hi are the (1−level)/2 and (1+level)/2 quantiles
// of these nboot values (Efron & Tibshirani 1993, ch. 13). The width tells
// whether r was large enough for the ranking to be trusted (Campolongo et
// al. 2007 use the same idea).
//
// A level outside (0,1) or nboot < 1 returns an error; a nil res or rng
// panics.
func MorrisMuStarCI(res *MorrisResult, level float64, nboot int, rng *rand.Rand) (lo, hi []float64, err error) {
	if res == nil || rng == nil {
		panic("sensitivity: MorrisMuStarCI: nil *MorrisResult or *rand.Rand")
	}
	if !(level > 0 && level < 1) {
		return nil, nil, fmt.Errorf("sensitivity: bad confidence level: level=%v (need 0 < level < 1)", level)
	}
	if nboot < 1 {
		return nil, nil, fmt.Errorf("sensitivity: bad number of bootstrap samples: nboot=%d (need nboot >= 1)", nboot)
	}
	k := len(res.EE)
	r := len(res.EE[0])
	boot := make([][]float64, k)
	for i := range boot {
		boot[i] = make([]float64, nboot)
	}
	idx := make([]int, r)
	for b := 0; b < nboot; b++ {
		for j := range idx {
			idx[j] = rng.IntN(r)
		}
		for i, ee := range res.EE {
			var s float64
			for _, t := range idx {
				s += math.Abs(ee[t])
			}
			boot[i][b] = s / float64(r)
		}
	}
	lo = make([]float64, k)
	hi = make([]float64, k)
	for i, v := range boot {
		sort.Float64s(v)
		lo[i] = morrisQuantile(v, (1-level)/2)
		hi[i] = morrisQuantile(v, (1+level)/2)
	}
	return lo, hi, nil
}

// morrisQuantile is the q-quantile of the sorted v by linear interpolation
// between order statistics (Hyndman & Fan 1996, definition 7, the default
// of R and NumPy), so that small nboot still gives a value between the
// extremes.
func morrisQuantile(v []float64, q float64) float64 {
	if !slices.IsSorted(v) {
		panic("sensitivity: morrisQuantile: unsorted values")
	}
	h := q * float64(len(v)-1)
	l := int(math.Floor(h))
	if l >= len(v)-1 {
		return v[len(v)-1]
	}
	return v[l] + (h-float64(l))*(v[l+1]-v[l])
}
