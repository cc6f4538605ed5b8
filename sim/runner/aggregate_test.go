package runner

import (
	"math"
	"testing"
)

// TestWilsonCI95 checks the Wilson score interval against the published
// values of Newcombe (1998, Stat. Med. 17:857–872, Table II, method 3),
// which statsmodels' proportion_confint(method="wilson") reproduces, and
// that SummariseBinary uses it where Student's t leaves [0, 1].
func TestWilsonCI95(t *testing.T) {
	for _, tc := range []struct {
		x, n   int
		lo, hi float64
	}{
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0, 0.1611},
		{1, 29, 0.0061, 0.1718},
		{9, 10, 0.5958, 0.9821},
		{10, 10, 0.7225, 1},
	} {
		lo, hi := WilsonCI95(tc.n, float64(tc.x)/float64(tc.n))
		if math.Abs(lo-tc.lo) > 5e-5 || math.Abs(hi-tc.hi) > 5e-5 {
			t.Errorf("%d/%d: [%.4f, %.4f], want [%.4f, %.4f]", tc.x, tc.n, lo, hi, tc.lo, tc.hi)
		}
		xs := make([]float64, tc.n)
		for i := range tc.x {
			xs[i] = 1
		}
		s := SummariseBinary(xs, nil)
		if s.Lo != lo || s.Hi != hi || s.Lo < 0 || s.Hi > 1 {
			t.Errorf("%d/%d: SummariseBinary [%g, %g], want [%g, %g] inside [0, 1]", tc.x, tc.n, s.Lo, s.Hi, lo, hi)
		}
	}
	if lo, hi := WilsonCI95(0, math.NaN()); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("n = 0: [%g, %g], want NaN", lo, hi)
	}
	// The defect: Student's t on 9 cascades of 10 runs reaches past 1.
	if _, hi := CI95(10, 0.9, math.Sqrt(0.1)); hi <= 1 {
		t.Errorf("t interval of 9/10 ends at %g; the test no longer shows why Wilson is needed", hi)
	}
}
