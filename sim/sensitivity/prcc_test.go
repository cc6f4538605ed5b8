package sensitivity

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

func TestRanks(t *testing.T) {
	for _, c := range []struct {
		name string
		x    []float64
		want []float64
	}{
		{"empty", []float64{}, []float64{}},
		{"one", []float64{7}, []float64{1}},
		{"distinct", []float64{3, 1, 2}, []float64{3, 1, 2}},
		{"pair tie", []float64{3, 1, 4, 1, 5}, []float64{3, 1.5, 4, 1.5, 5}},
		{"triple tie at top", []float64{2, 9, 9, 1, 9}, []float64{2, 4, 4, 1, 4}},
		{"two ties", []float64{0.5, 0.5, -1, 2, 2, 2}, []float64{2.5, 2.5, 1, 5, 5, 5}},
		{"all equal", []float64{4, 4, 4, 4}, []float64{2.5, 2.5, 2.5, 2.5}},
		{"infinities", []float64{math.Inf(1), 0, math.Inf(-1), math.Inf(1)}, []float64{3.5, 2, 1, 3.5}},
		{"negative zero ties zero", []float64{0, math.Copysign(0, -1), 1}, []float64{1.5, 1.5, 3}},
	} {
		got, err := Ranks(c.x)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s: Ranks(%v) = %v, %v, want %v", c.name, c.x, got, err, c.want)
		}
	}
	if _, err := Ranks([]float64{1, math.NaN()}); err == nil || !strings.Contains(err.Error(), "x[1]=NaN") {
		t.Errorf("NaN: error %v, want one naming x[1]=NaN", err)
	}
}

// prccSample draws n points of k independent uniform inputs (seeded) and
// evaluates f with N(0, noise²) added.
func prccSample(n, k int, seed uint64, noise float64, f func([]float64) float64) ([][]float64, []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	x := make([][]float64, n)
	y := make([]float64, n)
	for m := range x {
		x[m] = make([]float64, k)
		for i := range x[m] {
			x[m][i] = rng.Float64()
		}
		y[m] = f(x[m]) + noise*rng.NormFloat64()
	}
	return x, y
}

// TestPRCCMonotoneSingleInput: when y is a noiseless strictly monotone
// function of one input, its ranks are that input's ranks, so its PRCC is
// exactly ±1 (tolerance 1e-12 for rounding in the least squares) with p-value
// 0, and the PRCC of every other input is 0/0, reported as NaN.
func TestPRCCMonotoneSingleInput(t *testing.T) {
	for _, c := range []struct {
		name  string
		input int
		f     func(float64) float64
		want  float64
	}{
		{"exp(3x) of input 0", 0, func(v float64) float64 { return math.Exp(3 * v) }, 1},
		{"-x^3 of input 0", 0, func(v float64) float64 { return -v * v * v }, -1},
		{"log(x) of input 1", 1, math.Log, 1},
		{"1/x of input 2", 2, func(v float64) float64 { return 1 / v }, -1},
	} {
		x, y := prccSample(200, 3, 42, 0, func(x []float64) float64 { return c.f(x[c.input]) })
		res, err := PRCC(x, y)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for i := range 3 {
			if i == c.input {
				if math.Abs(res.Coef[i]-c.want) > 1e-12 || res.PValue[i] != 0 {
					t.Errorf("%s: PRCC[%d] = %v (p = %v), want %v (p = 0)", c.name, i, res.Coef[i], res.PValue[i], c.want)
				}
			} else if !math.IsNaN(res.Coef[i]) || !math.IsNaN(res.PValue[i]) {
				t.Errorf("%s: PRCC[%d] = %v (p = %v), want NaN (y's ranks are explained exactly)", c.name, i, res.Coef[i], res.PValue[i])
			}
		}
		if res.DF != 200-2-2 {
			t.Errorf("%s: DF = %d, want 196", c.name, res.DF)
		}
	}
}

// TestPRCCRanksMonotoneModel: y = 4x1 + 2x2³ − 0.5·exp(x3) + 0·x4 + ε with
// ε ~ N(0, 0.5²), n = 500 independent uniform points (seed 3). The
// variances of the three terms are 1.33, 0.32 and 0.06 against the
// noise's 0.25, so |PRCC| must decrease x1 > x2 > x3 > x4, with signs +, +,
// −. x4 does not enter y: its PRCC is then approximately N(0, 1/DF)
// (Fisher 1924 for partial correlations), so |PRCC4| < 4/sqrt(DF) ≈ 0.18
// and its p-value above 0.001; the three real inputs have p < 1e-6.
func TestPRCCRanksMonotoneModel(t *testing.T) {
	x, y := prccSample(500, 4, 3, 0.5, func(x []float64) float64 {
		return 4*x[0] + 2*x[1]*x[1]*x[1] - 0.5*math.Exp(x[2])
	})
	res, err := PRCC(x, y)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PRCC = %.4f, p = %.3g", res.Coef, res.PValue)
	c := res.Coef
	if !(c[0] > c[1] && c[1] > -c[2] && -c[2] > math.Abs(c[3])) || !(c[1] > 0) || !(c[2] < 0) {
		t.Errorf("PRCC = %.4f, want c0 > c1 > -c2 > |c3| with c1 > 0 > c2", c)
	}
	if tol := 4 / math.Sqrt(float64(res.DF)); math.Abs(c[3]) > tol || res.PValue[3] < 1e-3 {
		t.Errorf("irrelevant x4: PRCC = %.4f (p = %.3g), want |PRCC| < %.3f and p > 0.001", c[3], res.PValue[3], tol)
	}
	for i := range 3 {
		if res.PValue[i] > 1e-6 {
			t.Errorf("x%d: p-value %.3g, want < 1e-6", i+1, res.PValue[i])
		}
	}
}

// TestPRCCMatchesInverseCorrelation checks PRCC against an independent
// formula: the partial correlation of variables a and b given the rest is
// −P_ab/sqrt(P_aa·P_bb) with P the inverse of their correlation matrix
// (here of the ranks of x1..xk and y). Both are exact, so the tolerance
// 1e-10 covers only rounding in two different factorisations.
func TestPRCCMatchesInverseCorrelation(t *testing.T) {
	for _, c := range []struct {
		name  string
		n, k  int
		noise float64
	}{
		{"k=2 noisy", 40, 2, 1},
		{"k=5", 100, 5, 0.3},
		{"k=8 small n", 12, 8, 0.1},
	} {
		x, y := prccSample(c.n, c.k, 9, c.noise, func(x []float64) float64 {
			var s float64
			for i, v := range x {
				s += float64(i+1) * v * v
			}
			return s
		})
		// Round the inputs to make ties, which both methods must handle.
		for _, row := range x {
			row[0] = math.Round(row[0] * 5)
		}
		res, err := PRCC(x, y)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		data := mat.NewDense(c.n, c.k+1, nil)
		for i := range c.k {
			col := make([]float64, c.n)
			for m := range col {
				col[m] = x[m][i]
			}
			r, _ := Ranks(col)
			data.SetCol(i, r)
		}
		ry, _ := Ranks(y)
		data.SetCol(c.k, ry)
		var corr mat.SymDense
		stat.CorrelationMatrix(&corr, data, nil)
		var p mat.Dense
		if err := p.Inverse(&corr); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for i := range c.k {
			want := -p.At(i, c.k) / math.Sqrt(p.At(i, i)*p.At(c.k, c.k))
			if math.Abs(res.Coef[i]-want) > 1e-10 {
				t.Errorf("%s: PRCC[%d] = %.15f, inverse correlation gives %.15f", c.name, i, res.Coef[i], want)
			}
		}
	}
}

// TestPRCCPValue checks the t-test p-value against the closed forms of the
// Student t survival function for ν = 1 (Cauchy: p = 1 − (2/π)·atan|t|) and
// ν = 2 (p = 1 − |t|/sqrt(2 + t²)); tolerance 1e-12, rounding only.
func TestPRCCPValue(t *testing.T) {
	for _, nu := range []float64{1, 2} {
		st := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: nu}
		for _, r := range []float64{-0.99, -0.5, 0, 0.1, 0.7, 0.999} {
			ts := math.Abs(r) * math.Sqrt(nu/(1-r*r))
			want := 1 - 2/math.Pi*math.Atan(ts)
			if nu == 2 {
				want = 1 - ts/math.Sqrt(2+ts*ts)
			}
			if got := prccPValue(r, st); math.Abs(got-want) > 1e-12 {
				t.Errorf("nu=%v r=%v: p = %.15f, want %.15f", nu, r, got, want)
			}
		}
	}
}

// TestSRRC: a noiseless monotone function of one input gives SRRC = (0, 1,
// 0) and r² = 1 exactly (tolerance 1e-10, rounding); with one input the SRRC
// is Spearman's coefficient, the correlation of the ranks; and on the model
// of TestPRCCRanksMonotoneModel it ranks the inputs in the same order.
func TestSRRC(t *testing.T) {
	x, y := prccSample(150, 3, 8, 0, func(x []float64) float64 { return math.Sqrt(x[1]) })
	coef, r2, err := SRRC(x, y)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{0, 1, 0} {
		if math.Abs(coef[i]-want) > 1e-10 {
			t.Errorf("single input: SRRC[%d] = %v, want %v", i, coef[i], want)
		}
	}
	if math.Abs(r2-1) > 1e-10 {
		t.Errorf("single input: r2 = %v, want 1", r2)
	}

	x, y = prccSample(80, 1, 8, 0.2, func(x []float64) float64 { return x[0] * x[0] })
	coef, r2, err = SRRC(x, y)
	if err != nil {
		t.Fatal(err)
	}
	col := make([]float64, len(x))
	for m := range x {
		col[m] = x[m][0]
	}
	rx, _ := Ranks(col)
	ry, _ := Ranks(y)
	if rho := stat.Correlation(rx, ry, nil); math.Abs(coef[0]-rho) > 1e-10 || math.Abs(r2-rho*rho) > 1e-10 {
		t.Errorf("k=1: SRRC = %v, r2 = %v, want Spearman %v and its square", coef[0], r2, rho)
	}

	x, y = prccSample(500, 4, 3, 0.5, func(x []float64) float64 {
		return 4*x[0] + 2*x[1]*x[1]*x[1] - 0.5*math.Exp(x[2])
	})
	coef, r2, err = SRRC(x, y)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("SRRC = %.4f, r2 = %.3f", coef, r2)
	if !(coef[0] > coef[1] && coef[1] > -coef[2] && -coef[2] > math.Abs(coef[3])) || !(coef[2] < 0) {
		t.Errorf("monotone model: SRRC = %.4f, want c0 > c1 > -c2 > |c3|, c2 < 0", coef)
	}
}

func TestPRCCBadInput(t *testing.T) {
	good, gy := prccSample(10, 2, 1, 0.1, func(x []float64) float64 { return x[0] + x[1] })
	ragged := slices.Clone(good)
	ragged[3] = []float64{1}
	nanx := make([][]float64, len(good))
	for m := range good {
		nanx[m] = slices.Clone(good[m])
	}
	nanx[2][1] = math.NaN()
	infy := slices.Clone(gy)
	infy[5] = math.Inf(1)
	constCol := make([][]float64, len(good))
	for m := range good {
		constCol[m] = []float64{good[m][0], 0.5}
	}
	collinear := make([][]float64, len(good))
	for m := range good {
		collinear[m] = []float64{good[m][0], good[m][1], math.Exp(good[m][0])}
	}
	for _, c := range []struct {
		name string
		x    [][]float64
		y    []float64
		want string
	}{
		{"no points", nil, nil, "n=0"},
		{"no inputs", [][]float64{{}, {}, {}}, []float64{1, 2, 3}, "k=0"},
		{"too few points", good[:3], gy[:3], "n=3"},
		{"y too short", good, gy[:9], "len(y)=9"},
		{"ragged", ragged, gy, "len(x[3])=1"},
		{"NaN input", nanx, gy, "x[2][1]=NaN"},
		{"Inf output", good, infy, "y[5]=+Inf"},
		{"constant column", constCol, gy, "column 1 is constant"},
		{"constant output", good, make([]float64, 10), "y is constant"},
		{"collinear ranks", collinear, gy, "collinear"},
	} {
		if _, err := PRCC(c.x, c.y); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("PRCC %s: error %v, want one naming %q", c.name, err, c.want)
		}
		if _, _, err := SRRC(c.x, c.y); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SRRC %s: error %v, want one naming %q", c.name, err, c.want)
		}
	}
}
