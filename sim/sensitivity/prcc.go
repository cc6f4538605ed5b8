package sensitivity

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Ranks returns the ranks 1..n of x, giving tied values the average of the
// ranks they occupy (the "midrank" convention of Spearman's coefficient,
// which keeps the sum of the ranks n(n+1)/2 and the rank transform of a
// variable independent of the order of its tied values). A NaN returns an
// error naming its index, since it has no place in the order.
func Ranks(x []float64) ([]float64, error) {
	for i, v := range x {
		if math.IsNaN(v) {
			return nil, fmt.Errorf("sensitivity: bad value to rank: x[%d]=NaN", i)
		}
	}
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for lo := 0; lo < len(idx); {
		hi := lo + 1
		for hi < len(idx) && x[idx[hi]] == x[idx[lo]] {
			hi++
		}
		// Positions lo..hi-1 hold ranks lo+1..hi, whose mean is (lo+1+hi)/2.
		avg := float64(lo+1+hi) / 2
		for _, i := range idx[lo:hi] {
			r[i] = avg
		}
		lo = hi
	}
	return r, nil
}

// PRCCResult holds partial rank correlation coefficients, one per input.
type PRCCResult struct {
	// Coef[i] is the PRCC of input i with the output, in [−1, 1]. It is NaN
	// when the ranks of the other inputs explain the ranks of the output
	// exactly (then nothing is left for input i to correlate with: 0/0).
	Coef []float64
	// PValue[i] is the two-sided p-value of the test that the PRCC is 0,
	// from t = Coef·sqrt(DF/(1−Coef²)) with DF degrees of freedom (Marino et
	// al. 2008); NaN where Coef is.
	PValue []float64
	// DF = n − 2 − (k − 1): n points, minus 2 for the correlation, minus
	// the k − 1 inputs partialled out.
	DF int
}

// PRCC computes the partial rank correlation coefficient of every input
// with the output (Blower & Dowlatabadi 1994; Marino, Hogue, Ray &
// Kirschner 2008, J. Theor. Biol. 254): x holds n points of k inputs
// (x[m][i], any design: Latin hypercube, random, a sweep grid) and y the n
// outputs. Each column of x and y is rank-transformed (Ranks, average ranks
// for ties); for input i, the ranks of x_i and of y are both regressed by
// least squares on an intercept and the ranks of the other k−1 inputs, and
// the PRCC is the Pearson correlation of the two residuals. It measures the
// monotone (not only linear) association of x_i with y once the linear
// effect of the other inputs' ranks is removed, and it is the right
// measure when the inputs are sampled independently and y is monotone in
// each (Marino et al. 2008).
//
// Bad input returns an error naming the value: no inputs, rows of
// different lengths, n < k+2 (no degree of freedom left), len(y) ≠ n, a
// NaN or infinite value, a constant column or output, and inputs whose
// ranks are collinear (one is an exact linear function of the others' ranks:
// the regression has no unique solution).
func PRCC(x [][]float64, y []float64) (*PRCCResult, error) {
	rx, ry, err := prccRankDesign("PRCC", x, y)
	if err != nil {
		return nil, err
	}
	n, k := len(y), len(rx)
	res := &PRCCResult{Coef: make([]float64, k), PValue: make([]float64, k), DF: n - 2 - (k - 1)}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(res.DF)}
	for i := range k {
		// Z = [1, ranks of the inputs other than i]; solve for x_i and y
		// together as two right-hand sides of the same least squares.
		z := mat.NewDense(n, k, nil)
		b := mat.NewDense(n, 2, nil)
		for m := range n {
			z.Set(m, 0, 1)
			c := 1
			for j := range k {
				if j != i {
					z.Set(m, c, rx[j][m])
					c++
				}
			}
			b.Set(m, 0, rx[i][m])
			b.Set(m, 1, ry[m])
		}
		e, err := prccResiduals(z, b)
		if err != nil {
			return nil, fmt.Errorf("sensitivity: PRCC: ranks of the inputs other than input %d are collinear: %v", i, err)
		}
		ex, ey := mat.Col(nil, 0, e), mat.Col(nil, 1, e)
		// A residual that is rounding noise (relative to the centred ranks)
		// means an exact fit: for x_i the design is degenerate, for y the
		// PRCC is 0/0.
		if prccNorm(ex) <= 1e-9*prccCentredNorm(rx[i]) {
			return nil, fmt.Errorf("sensitivity: PRCC: ranks of input %d are collinear with the other inputs' ranks (an exact linear function of them)", i)
		}
		if prccNorm(ey) <= 1e-9*prccCentredNorm(ry) {
			res.Coef[i], res.PValue[i] = math.NaN(), math.NaN()
			continue
		}
		r := stat.Correlation(ex, ey, nil)
		r = math.Max(-1, math.Min(1, r)) // rounding can step just outside
		res.Coef[i] = r
		res.PValue[i] = prccPValue(r, t)
	}
	return res, nil
}

// prccPValue is the two-sided p-value of a correlation r under the null
// hypothesis of no correlation, t = r·sqrt(ν/(1−r²)) ~ Student's t with
// ν = t.Nu degrees of freedom (Marino et al. 2008). The survival
// function keeps its precision for large |t|, where 1 − CDF would round to 0.
func prccPValue(r float64, t distuv.StudentsT) float64 {
	if math.Abs(r) >= 1 {
		return 0
	}
	ts := math.Abs(r) * math.Sqrt(t.Nu/(1-r*r))
	return math.Min(1, 2*t.Survival(ts))
}

// SRRC returns the standardised rank regression coefficients of the inputs
// (Saltelli et al. 2004, ch. 1; Marino et al. 2008): the least
// squares coefficients of the standardised ranks of y on the standardised
// ranks of all k inputs, and the coefficient of determination r2 of that
// regression. For independently sampled inputs SRRC_i² is the share of the
// variance of y's ranks that a rank-linear model attributes to x_i; the
// coefficients are only meaningful when r2 is high (say above 0.7, Saltelli
// et al. 2004, ch. 1), which is why r2 is returned with them. The inputs
// and errors are those of PRCC.
func SRRC(x [][]float64, y []float64) (coef []float64, r2 float64, err error) {
	rx, ry, err := prccRankDesign("SRRC", x, y)
	if err != nil {
		return nil, 0, err
	}
	n, k := len(y), len(rx)
	z := mat.NewDense(n, k+1, nil)
	b := mat.NewDense(n, 1, nil)
	ym, ys := stat.MeanStdDev(ry, nil)
	means := make([]float64, k)
	sds := make([]float64, k)
	for j := range k {
		means[j], sds[j] = stat.MeanStdDev(rx[j], nil)
	}
	for m := range n {
		z.Set(m, 0, 1)
		for j := range k {
			z.Set(m, j+1, (rx[j][m]-means[j])/sds[j])
		}
		b.Set(m, 0, (ry[m]-ym)/ys)
	}
	var qr mat.QR
	qr.Factorize(z)
	if c := qr.Cond(); c > prccCondMax {
		return nil, 0, fmt.Errorf("sensitivity: SRRC: ranks of the inputs are collinear (condition number %.3g)", c)
	}
	var beta mat.Dense
	if err := qr.SolveTo(&beta, false, b); err != nil {
		return nil, 0, fmt.Errorf("sensitivity: SRRC: ranks of the inputs are collinear: %v", err)
	}
	coef = make([]float64, k)
	for j := range k {
		coef[j] = beta.At(j+1, 0)
	}
	var fit mat.Dense
	fit.Mul(z, &beta)
	var ssr float64
	for m := range n {
		d := b.At(m, 0) - fit.At(m, 0)
		ssr += d * d
	}
	// The standardised ranks of y have sum of squares n−1.
	return coef, 1 - ssr/float64(n-1), nil
}

// prccCondMax is the largest condition number of the rank regression
// matrix accepted: ranks are at most n, so a condition number near 1/ε
// (about 1e16) means collinear columns that rounding has made look
// independent; 1e10 leaves six digits of the coefficients.
const prccCondMax = 1e10

// prccResiduals returns b − Zβ for the least squares β of Zβ ≈ b.
func prccResiduals(z, b *mat.Dense) (*mat.Dense, error) {
	var qr mat.QR
	qr.Factorize(z)
	if c := qr.Cond(); c > prccCondMax {
		return nil, fmt.Errorf("condition number %.3g", c)
	}
	var beta, e mat.Dense
	if err := qr.SolveTo(&beta, false, b); err != nil {
		return nil, err
	}
	e.Mul(z, &beta)
	e.Sub(b, &e)
	return &e, nil
}

// prccRankDesign checks x (n points of k inputs) and y and returns the ranks of
// every input column (rx[i][m]) and of y.
func prccRankDesign(who string, x [][]float64, y []float64) (rx [][]float64, ry []float64, err error) {
	n := len(x)
	if n == 0 {
		return nil, nil, fmt.Errorf("sensitivity: %s: bad number of points: n=0", who)
	}
	k := len(x[0])
	if k == 0 {
		return nil, nil, fmt.Errorf("sensitivity: %s: bad number of inputs: k=0", who)
	}
	if n < k+2 {
		return nil, nil, fmt.Errorf("sensitivity: %s: bad number of points: n=%d (k=%d inputs need n >= k+2)", who, n, k)
	}
	if len(y) != n {
		return nil, nil, fmt.Errorf("sensitivity: %s: bad number of outputs: len(y)=%d (n=%d points)", who, len(y), n)
	}
	cols := make([][]float64, k)
	for i := range cols {
		cols[i] = make([]float64, n)
	}
	for m, row := range x {
		if len(row) != k {
			return nil, nil, fmt.Errorf("sensitivity: %s: bad point: len(x[%d])=%d (x[0] has %d inputs)", who, m, len(row), k)
		}
		for i, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, nil, fmt.Errorf("sensitivity: %s: bad input: x[%d][%d]=%v", who, m, i, v)
			}
			cols[i][m] = v
		}
		if math.IsNaN(y[m]) || math.IsInf(y[m], 0) {
			return nil, nil, fmt.Errorf("sensitivity: %s: bad output: y[%d]=%v", who, m, y[m])
		}
	}
	rx = make([][]float64, k)
	for i, c := range cols {
		rx[i], _ = Ranks(c) // no NaN: checked above
		if prccIsConstant(c) {
			return nil, nil, fmt.Errorf("sensitivity: %s: bad input: column %d is constant (x[0][%d]=%v)", who, i, i, c[0])
		}
	}
	if prccIsConstant(y) {
		return nil, nil, fmt.Errorf("sensitivity: %s: bad output: y is constant (y[0]=%v)", who, y[0])
	}
	ry, _ = Ranks(y)
	return rx, ry, nil
}

func prccIsConstant(v []float64) bool {
	for _, x := range v[1:] {
		if x != v[0] {
			return false
		}
	}
	return true
}

func prccNorm(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

func prccCentredNorm(v []float64) float64 {
	mean := stat.Mean(v, nil)
	var s float64
	for _, x := range v {
		s += (x - mean) * (x - mean)
	}
	return math.Sqrt(s)
}
