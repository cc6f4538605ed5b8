package sensitivity

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// morrisGFunction is the Sobol' g-function of Saltelli & Sobol' (1995),
// g(x) = Π (|4x_i − 2| + a_i)/(1 + a_i); a small a_i makes x_i important.
func morrisGFunction(a []float64) func(x []float64) float64 {
	return func(x []float64) float64 {
		g := 1.0
		for i, ai := range a {
			g *= (math.Abs(4*x[i]-2) + ai) / (1 + ai)
		}
		return g
	}
}

// morrisGA is the coefficient vector of the brief: four important inputs in
// decreasing order and four (a = 99) that hardly matter.
var morrisGA = []float64{0, 1, 4.5, 9, 99, 99, 99, 99}

func morrisRun(t *testing.T, k, p, r int, seed uint64, f func([]float64) float64) (*MorrisDesign, *MorrisResult) {
	t.Helper()
	d, err := NewMorrisDesign(k, p, r, rand.New(rand.NewPCG(seed, 0)))
	if err != nil {
		t.Fatalf("NewMorrisDesign(%d, %d, %d): %v", k, p, r, err)
	}
	y := make([]float64, len(d.Points))
	for m, x := range d.Points {
		y[m] = f(x)
	}
	res, err := MorrisEffects(d, y)
	if err != nil {
		t.Fatalf("MorrisEffects(k=%d, p=%d, r=%d): %v", k, p, r, err)
	}
	return d, res
}

func TestNewMorrisDesignBadInput(t *testing.T) {
	for _, c := range []struct {
		k, p, r int
		want    string
	}{
		{0, 4, 10, "k=0"},
		{-1, 4, 10, "k=-1"},
		{3, 0, 10, "p=0"},
		{3, 1, 10, "p=1"},
		{3, 3, 10, "p=3"},
		{3, 5, 10, "p=5"},
		{3, 4, 0, "r=0"},
		{3, 4, -2, "r=-2"},
	} {
		_, err := NewMorrisDesign(c.k, c.p, c.r, rand.New(rand.NewPCG(1, 0)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewMorrisDesign(k=%d, p=%d, r=%d): error %v, want one naming %q", c.k, c.p, c.r, err, c.want)
		}
	}
}

func TestNewMorrisDesignNilRandPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewMorrisDesign with a nil *rand.Rand did not panic")
		}
	}()
	NewMorrisDesign(2, 4, 1, nil)
}

// TestNewMorrisDesignStructure checks the defining properties of every
// trajectory: points on the p-level grid in [0,1], consecutive points that
// differ in exactly the recorded factor by exactly the recorded ±Δ, and
// every factor moving once per trajectory.
func TestNewMorrisDesignStructure(t *testing.T) {
	for _, c := range []struct {
		k, p, r int
		seed    uint64
	}{
		{1, 2, 5, 1},
		{1, 4, 20, 2},
		{3, 4, 10, 3},
		{8, 6, 15, 4},
		{20, 10, 4, 5},
	} {
		d, err := NewMorrisDesign(c.k, c.p, c.r, rand.New(rand.NewPCG(c.seed, 0)))
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		wantDelta := float64(c.p) / float64(2*(c.p-1))
		if d.Delta != wantDelta || d.K != c.k || d.Levels != c.p || d.R != c.r {
			t.Errorf("%+v: design K=%d Levels=%d R=%d Delta=%v", c, d.K, d.Levels, d.R, d.Delta)
		}
		if len(d.Points) != c.r*(c.k+1) || len(d.Factor) != c.r*c.k || len(d.Sign) != c.r*c.k {
			t.Fatalf("%+v: %d points, %d factors, %d signs", c, len(d.Points), len(d.Factor), len(d.Sign))
		}
		for m, x := range d.Points {
			for i, v := range x {
				l := v * float64(c.p-1)
				if v < 0 || v > 1 || math.Abs(l-math.Round(l)) > 1e-12 {
					t.Fatalf("%+v: point %d factor %d = %v is not a grid level in [0,1]", c, m, i, v)
				}
			}
		}
		for tr := 0; tr < c.r; tr++ {
			moved := make([]bool, c.k)
			for j := 0; j < c.k; j++ {
				a, b := d.Points[tr*(c.k+1)+j], d.Points[tr*(c.k+1)+j+1]
				f, s := d.Factor[tr*c.k+j], d.Sign[tr*c.k+j]
				if moved[f] {
					t.Fatalf("%+v: trajectory %d moves factor %d twice", c, tr, f)
				}
				moved[f] = true
				for i := range a {
					diff := b[i] - a[i]
					if i == f && math.Abs(diff-s*wantDelta) > 1e-12 {
						t.Fatalf("%+v: trajectory %d step %d: factor %d moves by %v, want %v", c, tr, j, i, diff, s*wantDelta)
					}
					if i != f && diff != 0 {
						t.Fatalf("%+v: trajectory %d step %d: factor %d (not %d) moves by %v", c, tr, j, i, f, diff)
					}
				}
			}
		}
	}
}

// TestNewMorrisDesignLevelsUniform checks the reason for an even p: every
// level is visited with probability 1/p (Morris 1991). With k=1 and
// r=20000 there are 40000 points; a proportion's standard error is
// sqrt(p(1−p)/40000) ≤ 0.0025, and the tolerance 0.01 is four of them.
func TestNewMorrisDesignLevelsUniform(t *testing.T) {
	for _, p := range []int{2, 4, 8} {
		d, err := NewMorrisDesign(1, p, 20000, rand.New(rand.NewPCG(7, uint64(p))))
		if err != nil {
			t.Fatal(err)
		}
		count := make([]float64, p)
		for _, x := range d.Points {
			count[int(math.Round(x[0]*float64(p-1)))]++
		}
		for l, n := range count {
			if got := n / float64(len(d.Points)); math.Abs(got-1/float64(p)) > 0.01 {
				t.Errorf("p=%d: level %d has frequency %.4f, want %.4f ± 0.01", p, l, got, 1/float64(p))
			}
		}
	}
}

// TestMorrisLinear: for y = Σ c_i x_i every elementary effect is c_i, so
// μ_i = c_i, μ*_i = |c_i| and σ_i = 0. The tolerance 1e-12 allows for the
// rounding of sums of about ten terms of size ≤ 10 (≈ 1e-14) divided by Δ.
func TestMorrisLinear(t *testing.T) {
	c := []float64{3, -2, 0.5, 0, 10}
	lin := func(x []float64) float64 {
		var s float64
		for i, ci := range c {
			s += ci * x[i]
		}
		return s
	}
	for _, tc := range []struct{ p, r int }{{2, 3}, {4, 10}, {6, 25}} {
		_, res := morrisRun(t, len(c), tc.p, tc.r, 11, lin)
		for i, ci := range c {
			for tr, e := range res.EE[i] {
				if math.Abs(e-ci) > 1e-12 {
					t.Errorf("p=%d r=%d: EE[%d][%d] = %v, want %v", tc.p, tc.r, i, tr, e, ci)
				}
			}
			if math.Abs(res.Mu[i]-ci) > 1e-12 || math.Abs(res.MuStar[i]-math.Abs(ci)) > 1e-12 || res.Sigma[i] > 1e-12 {
				t.Errorf("p=%d r=%d: factor %d: mu=%v mu*=%v sigma=%v, want %v, %v, 0",
					tc.p, tc.r, i, res.Mu[i], res.MuStar[i], res.Sigma[i], ci, math.Abs(ci))
			}
		}
	}
}

// TestMorrisGFunctionRanking: μ* ranks the g-function inputs x1 > x2 > x3 >
// x4 > the four with a = 99 with p = 4 levels and r = 20 trajectories
// (seed 2007), a common setting (Saltelli et al. 2004, ch. 3, suggest p = 4
// and r of the order of 10). The four a = 99 inputs have an
// expected μ* about a tenth of x4's (see TestMorrisGFunctionExpected): they
// must all stay below half of μ*_4, and within a factor 1.5 of one another.
func TestMorrisGFunctionRanking(t *testing.T) {
	_, res := morrisRun(t, len(morrisGA), 4, 20, 2007, morrisGFunction(morrisGA))
	m := res.MuStar
	t.Logf("mu* = %.4f", m)
	for i := 0; i < 3; i++ {
		if !(m[i] > m[i+1]) {
			t.Errorf("mu*[%d] = %.4f is not above mu*[%d] = %.4f", i, m[i], i+1, m[i+1])
		}
	}
	lo, hi := math.Inf(1), 0.0
	for i := 4; i < 8; i++ {
		lo, hi = math.Min(lo, m[i]), math.Max(hi, m[i])
	}
	if !(hi < m[3]/2) || !(hi < 1.5*lo) {
		t.Errorf("a=99 inputs: mu* in [%.4f, %.4f], want all < mu*[3]/2 = %.4f and max < 1.5 min", lo, hi, m[3]/2)
	}
	// μ* is meant as a proxy of the total Sobol' index (Campolongo et al.
	// 2007); the g-function's are known in closed form (Saltelli & Sobol'
	// 1995): V_i = 1/(3(1+a_i)²), S_Ti = V_i Π_{j≠i}(1+V_j) / (Π_j(1+V_j) − 1).
	// The ratios μ*_i/μ*_1 must be ordered like S_Ti/S_T1 for x1..x4.
	v := make([]float64, len(morrisGA))
	prod := 1.0
	for i, a := range morrisGA {
		v[i] = 1 / (3 * (1 + a) * (1 + a))
		prod *= 1 + v[i]
	}
	st := make([]float64, len(v))
	for i := range v {
		st[i] = v[i] * prod / (1 + v[i]) / (prod - 1)
	}
	t.Logf("analytic S_T = %.4f", st)
	for i := 0; i < 3; i++ {
		if (st[i] > st[i+1]) != (m[i] > m[i+1]) {
			t.Errorf("x%d, x%d: mu* %.4f, %.4f ordered unlike S_T %.4f, %.4f", i+1, i+2, m[i], m[i+1], st[i], st[i+1])
		}
	}
}

// morrisGExpectedMuStar is the exact expectation of μ*_i for the g-function under
// a Morris design with p levels: at the step of factor i the lower level l
// is uniform on 0..p/2−1 and every other factor, already moved or not, is
// uniform on the p levels and independent of it, so
//
//	E μ*_i = E_l |g_i(l+p/2) − g_i(l)| / Δ · Π_{j≠i} E g_j(level),
//
// with g_i(x) = (|4x−2| + a_i)/(1 + a_i) at x = level/(p−1). It differs from
// the continuous value because the grid is coarse.
func morrisGExpectedMuStar(a []float64, p int) []float64 {
	gi := func(ai float64, l int) float64 {
		return (math.Abs(4*float64(l)/float64(p-1)-2) + ai) / (1 + ai)
	}
	delta := float64(p) / float64(2*(p-1))
	mean := make([]float64, len(a))
	for j, aj := range a {
		for l := 0; l < p; l++ {
			mean[j] += gi(aj, l) / float64(p)
		}
	}
	out := make([]float64, len(a))
	for i, ai := range a {
		var d float64
		for l := 0; l < p/2; l++ {
			d += math.Abs(gi(ai, l+p/2)-gi(ai, l)) / float64(p/2)
		}
		out[i] = d / delta
		for j := range a {
			if j != i {
				out[i] *= mean[j]
			}
		}
	}
	return out
}

// TestMorrisGFunctionExpected compares μ* from r = 4000 trajectories with
// its exact expectation (morrisGExpectedMuStar) for p = 4 and p = 8. The
// tolerance is four standard errors of the mean |EE_i|, computed from the
// sample itself (sd(|EE_i|)/sqrt(r)); a wrong step, sign or factor
// bookkeeping moves μ* by far more.
func TestMorrisGFunctionExpected(t *testing.T) {
	const r = 4000
	for _, p := range []int{4, 8} {
		_, res := morrisRun(t, len(morrisGA), p, r, uint64(100+p), morrisGFunction(morrisGA))
		want := morrisGExpectedMuStar(morrisGA, p)
		for i := range morrisGA {
			var ss float64
			for _, e := range res.EE[i] {
				d := math.Abs(e) - res.MuStar[i]
				ss += d * d
			}
			se := math.Sqrt(ss/(r-1)) / math.Sqrt(r)
			if math.Abs(res.MuStar[i]-want[i]) > 4*se {
				t.Errorf("p=%d: mu*[%d] = %.5f, expected %.5f ± %.5f (4 s.e.)", p, i, res.MuStar[i], want[i], 4*se)
			}
			t.Logf("p=%d: mu*[%d] = %.5f, expected %.5f", p, i, res.MuStar[i], want[i])
		}
	}
}

func TestMorrisEffectsBadInput(t *testing.T) {
	d, err := NewMorrisDesign(2, 4, 3, rand.New(rand.NewPCG(1, 0)))
	if err != nil {
		t.Fatal(err)
	}
	ok := make([]float64, 9)
	nan := make([]float64, 9)
	nan[4] = math.NaN()
	inf := make([]float64, 9)
	inf[8] = math.Inf(-1)
	for _, c := range []struct {
		name string
		y    []float64
		want string
	}{
		{"short", ok[:8], "len(y)=8"},
		{"long", append(ok, 0), "len(y)=10"},
		{"NaN", nan, "y[4]=NaN"},
		{"-Inf", inf, "y[8]=-Inf"},
	} {
		_, err := MorrisEffects(d, c.y)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming %q", c.name, err, c.want)
		}
	}
}

func TestMorrisSigmaOneTrajectory(t *testing.T) {
	_, res := morrisRun(t, 2, 4, 1, 3, func(x []float64) float64 { return x[0] * x[1] })
	for i, s := range res.Sigma {
		if !math.IsNaN(s) {
			t.Errorf("r=1: sigma[%d] = %v, want NaN", i, s)
		}
	}
}

// TestMorrisMuStarCI: the interval must contain the point estimate, be
// degenerate for a linear model (every |EE_i| equal), and for the
// g-function with r = 20 it must cover the exact expectation for the
// important inputs (a 95% interval may miss it for about one of eight
// inputs by chance, so only x1..x4 are required, with seed 5 fixed).
func TestMorrisMuStarCI(t *testing.T) {
	_, lin := morrisRun(t, 2, 4, 10, 1, func(x []float64) float64 { return 2*x[0] - x[1] })
	lo, hi, err := MorrisMuStarCI(lin, 0.95, 200, rand.New(rand.NewPCG(5, 0)))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{2, 1} {
		if math.Abs(lo[i]-want) > 1e-12 || math.Abs(hi[i]-want) > 1e-12 {
			t.Errorf("linear: factor %d: CI [%v, %v], want [%v, %v]", i, lo[i], hi[i], want, want)
		}
	}
	_, g := morrisRun(t, len(morrisGA), 4, 20, 2007, morrisGFunction(morrisGA))
	lo, hi, err = MorrisMuStarCI(g, 0.95, 2000, rand.New(rand.NewPCG(5, 0)))
	if err != nil {
		t.Fatal(err)
	}
	want := morrisGExpectedMuStar(morrisGA, 4)
	for i := range morrisGA {
		if !(lo[i] <= g.MuStar[i] && g.MuStar[i] <= hi[i]) {
			t.Errorf("g: factor %d: mu* %.4f outside its CI [%.4f, %.4f]", i, g.MuStar[i], lo[i], hi[i])
		}
		if i < 4 && !(lo[i] <= want[i] && want[i] <= hi[i]) {
			t.Errorf("g: factor %d: expected mu* %.4f outside the CI [%.4f, %.4f]", i, want[i], lo[i], hi[i])
		}
	}
	for _, c := range []struct {
		level float64
		nboot int
		want  string
	}{
		{0, 100, "level=0"}, {1, 100, "level=1"}, {math.NaN(), 100, "level=NaN"}, {0.9, 0, "nboot=0"},
	} {
		_, _, err := MorrisMuStarCI(g, c.level, c.nboot, rand.New(rand.NewPCG(5, 0)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("level=%v nboot=%d: error %v, want one naming %q", c.level, c.nboot, err, c.want)
		}
	}
}
