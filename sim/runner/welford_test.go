package runner

import (
	"math"
	"slices"
	"testing"
)

// TestWelford checks that the one-pass accumulator gives what Summarise and
// SummariseBinary give (to rounding), binary metrics with Wilson's interval
// inside [0, 1], and that NaN values are left out as Summarise leaves them.
func TestWelford(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name   string
		xs     []float64
		binary bool
	}{
		{"numbers", []float64{1, 2, 3, 4}, false},
		{"with NaN", []float64{0.5, nan, 0.25, 2, nan}, false},
		{"one value", []float64{7}, false},
		{"none", []float64{nan}, false},
		{"binary 9 of 10", []float64{1, 1, 1, 0, 1, 1, 1, 1, 1, 1}, true},
		{"binary all", []float64{1, 1, 1, 1, 1}, true},
		{"binary none", []float64{0, 0, 0}, true},
		{"binary one run", []float64{1}, true},
	} {
		var w Welford
		for _, x := range tc.xs {
			w.Add(x)
		}
		got := w.Summary(tc.binary)
		want := Summarise(slices.Clone(tc.xs), nil)
		if tc.binary {
			want = SummariseBinary(slices.Clone(tc.xs), nil)
		}
		near := func(a, b, tol float64) bool { return a == b || (a != a && b != b) || math.Abs(a-b) <= tol }
		if got.N != want.N || !near(got.Mean, want.Mean, 1e-15) || !near(got.SD, want.SD, 1e-15) || !near(got.Lo, want.Lo, 1e-12) || !near(got.Hi, want.Hi, 1e-12) {
			t.Errorf("%s: welford %+v, two-pass %+v", tc.name, got, want)
		}
		if tc.binary && !(got.Lo >= 0 && got.Hi <= 1 && got.Lo <= got.Mean && got.Mean <= got.Hi) {
			t.Errorf("%s: binary interval [%g %g] of mean %g is not inside [0, 1] around the mean", tc.name, got.Lo, got.Hi, got.Mean)
		}
	}
}
