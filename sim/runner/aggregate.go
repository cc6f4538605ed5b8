package runner

import (
	"math"
	"slices"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"
)

// Summary describes one quantity across replicates (mean,
// standard deviation, 95% confidence interval, quantiles).
type Summary struct {
	N         int     // replicates with a value (NaN values are left out)
	Mean      float64 // arithmetic mean
	SD        float64 // sample standard deviation (n−1); NaN for n < 2
	Lo, Hi    float64 // 95% confidence interval of the mean; NaN for n < 2
	Quantiles []float64
}

// Summarise computes the summary of xs at the quantile levels qs. It sorts xs
// in place. The confidence interval is Student's t interval,
// mean ± t_{0.975, n−1}·sd/√n, which is exact for normal data and the usual
// honest choice for the handful of replicates simulation studies run (a
// normal interval would be too narrow below n ≈ 30). Quantiles interpolate
// linearly between order statistics: Hyndman & Fan's (1996) definition 7,
// the default of R's quantile() and of numpy and pandas, so results match
// what users compute from timeseries.csv themselves.
func Summarise(xs []float64, qs []float64) Summary {
	xs = slices.DeleteFunc(xs, math.IsNaN)
	slices.Sort(xs)
	s := Summary{N: len(xs), Mean: math.NaN(), SD: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	s.Quantiles = make([]float64, len(qs))
	for k := range qs {
		s.Quantiles[k] = math.NaN()
	}
	n := len(xs)
	if n == 0 {
		return s
	}
	// Two-pass mean and variance: stable, and exact for constant data (a
	// replicate set where every run gives 0 must report sd 0, not 1e-17).
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	s.Mean = sum / float64(n)
	if xs[0] == xs[n-1] {
		s.Mean = xs[0]
	}
	for k, q := range qs {
		s.Quantiles[k] = quantile7(xs, q)
	}
	if n < 2 {
		return s
	}
	ss := 0.0
	for _, x := range xs {
		d := x - s.Mean
		ss += d * d
	}
	s.SD = math.Sqrt(ss / float64(n-1))
	s.Lo, s.Hi = CI95(n, s.Mean, s.SD)
	return s
}

// quantile7 is Hyndman & Fan's definition 7 on sorted xs:
// h = (n−1)q, Q = x_⌊h⌋ + (h−⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋).
func quantile7(xs []float64, q float64) float64 {
	h := float64(len(xs)-1) * q
	lo := int(math.Floor(h))
	if lo >= len(xs)-1 {
		return xs[len(xs)-1]
	}
	return xs[lo] + (h-float64(lo))*(xs[lo+1]-xs[lo])
}

var (
	tCache = map[int]float64{}
	tOnce  sync.Once
)

// tQuantile975 is the 0.975 quantile of Student's t with df degrees of freedom.
func tQuantile975(df int) float64 {
	if df <= 1000 {
		if v, ok := tCacheGet(df); ok {
			return v
		}
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
}

func tCacheGet(df int) (float64, bool) {
	tOnce.Do(func() {
		for d := 1; d <= 1000; d++ {
			tCache[d] = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(d)}.Quantile(0.975)
		}
	})
	v, ok := tCache[df]
	return v, ok
}

// CI95 is Student's t 95% confidence interval of a mean from n values with
// sample standard deviation sd (NaN for n < 2), as Summarise computes it.
func CI95(n int, mean, sd float64) (lo, hi float64) {
	if n < 2 {
		return math.NaN(), math.NaN()
	}
	half := tQuantile975(n-1) * sd / math.Sqrt(float64(n))
	return mean - half, mean + half
}

// SummariseBinary is Summarise for a 0/1 outcome per run (a cascade or
// not): its mean is a proportion of runs, and its interval is the Wilson
// score interval (WilsonCI95), which stays inside [0, 1], rather than
// Student's t interval, which does not (10 runs with 9 cascades give
// [0.67, 1.13] by t, [0.60, 0.98] by Wilson).
func SummariseBinary(xs []float64, qs []float64) Summary {
	s := Summarise(xs, qs)
	s.Lo, s.Hi = WilsonCI95(s.N, s.Mean)
	return s
}

// z975 is the 0.975 quantile of the standard normal distribution.
const z975 = 1.959963984540054

// WilsonCI95 is the Wilson score 95% interval (Wilson 1927, J. Am. Stat.
// Assoc. 22:209–212) of a proportion p observed in n trials, as statsmodels'
// proportion_confint(method="wilson") and R's prop.test(correct=FALSE)
// compute it; NaN for n = 0. Unlike the Wald or t interval it lies inside
// [0, 1] and keeps close to its nominal coverage for small n and p near 0
// or 1 (Brown, Cai & DasGupta 2001, Stat. Sci. 16:101–133).
func WilsonCI95(n int, p float64) (lo, hi float64) { return Wilson(n, p, z975) }

// Wilson is the Wilson score interval of a proportion p observed in n
// trials at the normal quantile z (z975 for 95%; see WilsonCI95).
func Wilson(n int, p, z float64) (lo, hi float64) {
	if n < 1 || math.IsNaN(p) {
		return math.NaN(), math.NaN()
	}
	nf := float64(n)
	z2 := z * z
	den := 1 + z2/nf
	centre := (p + z2/(2*nf)) / den
	half := z / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	// Rounding may step a hair outside [0, 1] at p = 0 or 1.
	return max(centre-half, 0), min(centre+half, 1)
}

// Paired is the difference between two arms' outcomes across replicates,
// y − x, replicate by replicate (common random numbers), with the
// unpaired interval beside it for comparison.
type Paired struct {
	N      int     // replicates with both values (a pair with a NaN is left out)
	Mean   float64 // mean difference, mean(y) − mean(x) over the pairs
	SD     float64 // sample standard deviation of the differences (n−1); NaN for n < 2
	Lo, Hi float64 // paired Student t 95% interval of the mean difference (CI95); NaN for n < 2
	// UnpairedLo and UnpairedHi are Welch's t 95% interval of the
	// difference of the means, as if the arms' draws were independent
	// (Welch 1947, Biometrika 34:28–35; Satterthwaite's degrees of
	// freedom); NaN for n < 2 or when both arms are constant.
	UnpairedLo, UnpairedHi float64
}

// PairedDiff is the paired difference y − x of two arms, xs[r] and ys[r]
// being replicate r of each (the same length). With common random numbers
// the differences have variance Var X + Var Y − 2 Cov(X, Y), less than the
// unpaired Var X + Var Y when the arms are positively correlated (Law
// 2015, Simulation Modeling and Analysis, §11.2): the paired interval is
// then the narrower.
func PairedDiff(xs, ys []float64) Paired {
	if len(xs) != len(ys) {
		panic("runner: PairedDiff of arms with different numbers of replicates")
	}
	var a, b, d []float64
	for r := range xs {
		if !math.IsNaN(xs[r]) && !math.IsNaN(ys[r]) {
			a, b, d = append(a, xs[r]), append(b, ys[r]), append(d, ys[r]-xs[r])
		}
	}
	s := Summarise(d, nil)
	p := Paired{N: s.N, Mean: s.Mean, SD: s.SD, Lo: s.Lo, Hi: s.Hi, UnpairedLo: math.NaN(), UnpairedHi: math.NaN()}
	if p.N < 2 {
		return p
	}
	sa, sb := Summarise(a, nil), Summarise(b, nil)
	n := float64(p.N)
	va, vb := sa.SD*sa.SD/n, sb.SD*sb.SD/n
	if va+vb == 0 {
		return p
	}
	df := (va + vb) * (va + vb) / (va*va/(n-1) + vb*vb/(n-1))
	half := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.975) * math.Sqrt(va+vb)
	diff := sb.Mean - sa.Mean
	p.UnpairedLo, p.UnpairedHi = diff-half, diff+half
	return p
}
