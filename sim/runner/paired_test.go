package runner

import (
	"math"
	"testing"
)

// TestPairedDiff checks PairedDiff against values worked by hand.
func TestPairedDiff(t *testing.T) {
	xs := []float64{1, 2, 3, 4}
	ys := []float64{2, 2.5, 4.5, 5}
	p := PairedDiff(xs, ys)
	// d = 1, 0.5, 1.5, 1: mean 1, sd √(1/6), t_{0.975,3} = 3.182446.
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-5 {
			t.Errorf("%s = %.7g, want %.7g", name, got, want)
		}
	}
	if p.N != 4 {
		t.Errorf("N = %d, want 4", p.N)
	}
	near("Mean", p.Mean, 1)
	near("SD", p.SD, math.Sqrt(1.0/6))
	half := 3.182446 * math.Sqrt(1.0/6) / 2
	near("Lo", p.Lo, 1-half)
	near("Hi", p.Hi, 1+half)
	// Welch: var x = 5/3, var y = 26/12 (mean 3.5); se² = (5/3 + 26/12)/4
	// = 46/48; df = (46/48)² / (((5/12)² + (26/48)²)/3) = 5.899628, and
	// t_{0.975, 5.899628} = 2.457039 (the t density integrated by Simpson's
	// rule and bisected, independently of gonum).
	se := math.Sqrt(46.0 / 48)
	near("UnpairedLo", p.UnpairedLo, 1-2.457039*se)
	near("UnpairedHi", p.UnpairedHi, 1+2.457039*se)

	// A NaN leaves its pair out; fewer than two pairs give NaN intervals.
	q := PairedDiff([]float64{1, math.NaN(), 3}, []float64{2, 5, math.NaN()})
	if q.N != 1 || q.Mean != 1 || !math.IsNaN(q.Lo) || !math.IsNaN(q.UnpairedLo) {
		t.Errorf("with NaN pairs: %+v", q)
	}
}
