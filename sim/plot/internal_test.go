package plot

import (
	"math"
	"slices"
	"testing"

	gplot "gonum.org/v1/plot"
)

func TestSeriesStyle(t *testing.T) {
	n := len(Palette)
	for _, tc := range []struct {
		i      int
		colour int  // index into Palette
		solid  bool // no dash pattern
		dashes int  // index into dashes
	}{
		{0, 0, true, 0},
		{n - 1, n - 1, true, 0},
		{n, 0, false, 1},
		{2*n + 3, 3, false, 2},
		{3*n + 1, 1, false, 3},
		{4 * n, 0, true, 0},
	} {
		sty := seriesStyle(tc.i)
		if sty.Color != Palette[tc.colour] {
			t.Errorf("series %d: colour %v, want Palette[%d]", tc.i, sty.Color, tc.colour)
		}
		if (sty.Dashes == nil) != tc.solid || !slices.Equal(sty.Dashes, dashes[tc.dashes]) {
			t.Errorf("series %d: dashes %v, want dashes[%d]", tc.i, sty.Dashes, tc.dashes)
		}
		if sty.Width.Points() != 1.5 {
			t.Errorf("series %d: width %v pt, want 1.5", tc.i, sty.Width.Points())
		}
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		labels []string
	}{
		{0, 0.84, []string{"0.0", "0.2", "0.4", "0.6", "0.8"}},
		{0, 120, []string{"0", "20", "40", "60", "80", "100", "120"}},
		{-1, 1, []string{"-1.0", "-0.5", "0.0", "0.5", "1.0"}},
		{0, 1e4, []string{"0", "2000", "4000", "6000", "8000", "10000"}},
		{0.1, 0.13, []string{"0.100", "0.105", "0.110", "0.115", "0.120", "0.125", "0.130"}},
		{3, 3, nil},
	} {
		var labels []string
		for _, tk := range (niceTicks{}).Ticks(tc.lo, tc.hi) {
			if tk.Value < tc.lo-1e-12 || tk.Value > tc.hi+1e-12 {
				t.Errorf("[%v, %v]: tick %v out of range", tc.lo, tc.hi, tk.Value)
			}
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		if !slices.Equal(labels, tc.labels) {
			t.Errorf("[%v, %v]: labels %q, want %q", tc.lo, tc.hi, labels, tc.labels)
		}
	}
}

func TestRanges(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name       string
		c          Chart
		ymin, ymax float64
		xmin, xmax float64
	}{
		{
			// Band dips below 0 but means do not: axis from 0; top at
			// hi 0.6 plus 5% of the 0.6 span.
			"shares",
			Chart{Series: []Series{{X: []float64{1, 5}, Mean: []float64{0, 0.5}, Lo: []float64{-0.1, 0.4}, Hi: []float64{0.1, 0.6}}}},
			0, 0.63, 1, 5,
		},
		{
			// Span -1..1 (band NaN at x=0 ignored), padded by 0.1 each side.
			"negative",
			Chart{Series: []Series{{X: []float64{0, 1}, Mean: []float64{-1, 1}, Lo: []float64{nan, 0.5}, Hi: []float64{nan, 1}}}},
			-1.1, 1.1, 0, 1,
		},
		{"fixed", Chart{YMin: 0, YMax: 1, Series: []Series{{X: []float64{0, 1}, Mean: []float64{0, 3}}}}, 0, 1, 0, 1},
		{"all zero", Chart{Series: []Series{{X: []float64{0, 1}, Mean: []float64{0, 0}}}}, 0, 1, 0, 1},
		{"negative constant", Chart{Series: []Series{{X: []float64{0, 1}, Mean: []float64{-2, -2}}}}, -3, -1, 0, 1},
	} {
		p := gplot.New()
		tc.c.setRanges(p)
		const tol = 1e-12
		if math.Abs(p.Y.Min-tc.ymin) > tol || math.Abs(p.Y.Max-tc.ymax) > tol {
			t.Errorf("%s: y range [%v, %v], want [%v, %v]", tc.name, p.Y.Min, p.Y.Max, tc.ymin, tc.ymax)
		}
		if p.X.Min != tc.xmin || p.X.Max != tc.xmax {
			t.Errorf("%s: x range [%v, %v], want [%v, %v]", tc.name, p.X.Min, p.X.Max, tc.xmin, tc.xmax)
		}
	}
}
