package runner

import "math"

// Welford accumulates the mean and variance of a stream in one pass
// (Welford 1962; Knuth, TAOCP vol. 2, §4.2.2): with x the k-th value,
// d = x − mean, mean += d/k and M2 += d·(x − mean), so that the variance
// is M2/(k−1). Memory stays constant however many replicates there are, and
// the state is three numbers that a checkpoint can store exactly, so that a
// resumed sweep carries on with exactly the same floating-point values
// (sim/sweep). NaN values (a metric that does not exist for a run) are left
// out, as Summarise leaves them out.
//
// Its mean and sd can differ from Summarise's two-pass ones in the last
// bits; that is why a run folder, which keeps every replicate's values for
// its quantiles, uses Summarise, and a sweep, which keeps none, Welford.
type Welford struct {
	N    int64
	Mean float64
	M2   float64
}

// Add adds x to the stream (NaN is left out).
func (w *Welford) Add(x float64) {
	if math.IsNaN(x) {
		return
	}
	w.N++
	d := x - w.Mean
	w.Mean += d / float64(w.N)
	w.M2 += d * (x - w.Mean)
}

// Summary is the stream's n, mean, sd and 95% CI: Wilson's (WilsonCI95) for
// a binary metric, whose mean is a proportion of runs, Student's t (CI95)
// otherwise, as SummariseBinary and Summarise compute them; NaN where
// undefined. A stream keeps no values, so there are no quantiles.
func (w *Welford) Summary(binary bool) Summary {
	n := int(w.N)
	if n == 0 {
		return Summary{Mean: math.NaN(), SD: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	}
	s := Summary{N: n, Mean: w.Mean, SD: math.NaN()}
	if n > 1 {
		s.SD = math.Sqrt(w.M2 / float64(n-1))
	}
	if binary {
		s.Lo, s.Hi = WilsonCI95(n, s.Mean)
	} else {
		s.Lo, s.Hi = CI95(n, s.Mean, s.SD)
	}
	return s
}
