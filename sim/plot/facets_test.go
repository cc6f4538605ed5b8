package plot_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connact/connact/sim/plot"
)

// TestExampleFacets runs ExampleFacets, compares its SVG with
// testdata/facets_golden.svg (-update rewrites it) and checks its PNG:
// 3 × 3 panels on the default width are 0.6 + 3 × (0.35 + 0.55 × 6.5/3) =
// 5.225 in tall, rounded to 5.2 in.
func TestExampleFacets(t *testing.T) {
	ExampleFacets()
	checkGolden(t, "testdata/facets.svg", "testdata/facets_golden.svg")

	b, err := os.ReadFile("testdata/facets.png")
	if err != nil {
		t.Fatal(err)
	}
	checkPNG(t, b, plot.DefaultWidth, 5.2)
}

// panels returns n single-series charts titled "p0", "p1", …; panel i
// rises from 0 to i+1 so that each has its own y range.
func panels(n int) []plot.Chart {
	var cs []plot.Chart
	for i := range n {
		s := ramp("", 10)
		for k := range s.Mean {
			s.Mean[k] *= float64(i + 1)
			s.Lo[k] = s.Mean[k] - 0.1
			s.Hi[k] = s.Mean[k] + 0.1
		}
		cs = append(cs, plot.Chart{Title: fmt.Sprintf("p%d", i), XLabel: "Time", YLabel: "Share", Series: []plot.Series{s}})
	}
	return cs
}

func TestFacetsErrors(t *testing.T) {
	with := func(edit func(ps []plot.Chart)) plot.Facets {
		ps := panels(4)
		edit(ps)
		return plot.Facets{Title: "sweep", Panels: ps}
	}
	for _, tc := range []struct {
		name   string
		f      plot.Facets
		want   error // nil: valid
		naming string
	}{
		{"no panels", plot.Facets{Title: "sweep"}, plot.ErrNoData, `"sweep"`},
		{"panel without series", with(func(ps []plot.Chart) { ps[2].Series = nil }), plot.ErrNoData, `panel 2 "p2"`},
		{"empty series", with(func(ps []plot.Chart) { ps[1].Series[0] = plot.Series{Label: "s"} }), plot.ErrNoData, `panel 1 "p1"`},
		{"NaN mean", with(func(ps []plot.Chart) { ps[3].Series[0].Mean[4] = math.NaN() }), plot.ErrBadData, "Mean[4]=NaN"},
		{"bad fixed y", with(func(ps []plot.Chart) { ps[0].YMax = math.Inf(1) }), plot.ErrBadData, `panel 0 "p0"`},
		// LogX comes from Panels[0]; ramp starts at x = 0.
		{"log x from panel 0", with(func(ps []plot.Chart) {
			for i := range ps {
				ps[i].Series[0].X[0] = 0.5
			}
			ps[0].LogX = true
			ps[3].Series[0].X[0] = 0
		}), plot.ErrBadData, `panel 3 "p3"`},

		{"valid", with(func([]plot.Chart) {}), nil, ""},
		{"one panel", plot.Facets{Panels: panels(1)}, nil, ""},
		{"log x", with(func(ps []plot.Chart) {
			for i := range ps {
				ps[i].Series[0].X[0] = 0.5
			}
			ps[0].LogX = true
		}), nil, ""},
		{"more columns than panels", plot.Facets{Panels: panels(2), Columns: 3}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "facets.svg")
			err := tc.f.Save(path, 0, 0)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("%s: unexpected error: %v", tc.name, err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("%s: error %v, want %v", tc.name, err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.naming) {
				t.Errorf("%s: error %q does not name %s", tc.name, err, tc.naming)
			}
			if _, statErr := os.Stat(path); !errors.Is(statErr, os.ErrNotExist) {
				t.Errorf("%s: Save left a file behind after an error", tc.name)
			}
		})
	}
}

func TestFacetsBadOptions(t *testing.T) {
	f := plot.Facets{Panels: panels(3)}
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"format", f.Write(new(bytes.Buffer), "gif", 0, 0)},
		{"extension", f.Save(filepath.Join(t.TempDir(), "facets.jpg"), 0, 0)},
		{"columns", plot.Facets{Panels: f.Panels, Columns: -1}.Write(new(bytes.Buffer), "svg", 0, 0)},
		{"size", f.Write(new(bytes.Buffer), "svg", math.Inf(1), 0)},
		{"legend", plot.Facets{Panels: []plot.Chart{{Series: f.Panels[0].Series, Legend: "middle"}}}.Write(new(bytes.Buffer), "svg", 0, 0)},
	} {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestFacetsSVGDeterministic(t *testing.T) {
	f := plot.Facets{Title: "t", Panels: panels(5)}
	var a, b bytes.Buffer
	if err := f.Write(&a, "svg", 0, 0); err != nil {
		t.Fatal(err)
	}
	if err := f.Write(&b, "svg", 0, 0); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renderings of the same facets differ")
	}
	checkXML(t, a.Bytes())
}

// TestFacetsPNGSize checks explicit sizes and the default height, 0.6 in
// + rows × (0.35 in + 0.55 × column width) rounded to 0.1 in, for 4, 9
// and 16 panels, 2 panels on one row, a tall column, and 25 panels in 4
// columns (panels at least 1.4 in wide).
func TestFacetsPNGSize(t *testing.T) {
	for _, tc := range []struct {
		panels, columns int
		w, h            float64 // requested
		wantW, wantH    float64
	}{
		{4, 0, 0, 0, 6.5, 4.9},   // 4.875
		{9, 0, 0, 0, 6.5, 5.2},   // 5.225
		{16, 0, 0, 0, 6.5, 5.6},  // 5.575
		{2, 0, 0, 0, 6.5, 2.7},   // 2.7375
		{10, 1, 0, 0, 6.5, 39.9}, // one column, as asked: the figure grows
		{25, 0, 0, 0, 6.5, 9.3},  // 9.30625: 7 rows of 4 panels of 1.5 in, not 5 of 1.2 in
		{6, 0, 7, 4, 7, 4},
	} {
		f := plot.Facets{Panels: panels(tc.panels), Columns: tc.columns}
		var buf bytes.Buffer
		if err := f.Write(&buf, "png", tc.w, tc.h); err != nil {
			t.Fatal(err)
		}
		checkPNGPage(t, buf.Bytes(), tc.wantW, tc.wantH)
	}
}

func TestFacetsPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := (plot.Facets{Title: "Facets", Panels: panels(4)}).Write(&buf, "pdf", 0, 0); err != nil {
		t.Fatal(err)
	}
	checkPDF(t, buf.Bytes())
}

// TestFacetsText checks, in the SVG, that every panel title appears once,
// the shared axis labels once, and each series label once, in the shared
// legend, whether or not the panels show the same series.
func TestFacetsText(t *testing.T) {
	two := func(title string) plot.Chart {
		return plot.Chart{Title: title, XLabel: "Time", YLabel: "Share", Series: []plot.Series{ramp("Collective", 10), ramp("Connective", 10)}}
	}
	other := two("p3")
	other.Series[1].Label = "Brokered"
	lone := panels(1)[0]
	lone.Title = "p4"
	lone.Series[0].Label = "Alone"
	for _, tc := range []struct {
		name   string
		panels []plot.Chart
		counts map[string]int
	}{
		{"same series", []plot.Chart{two("p0"), two("p1"), two("p2")}, map[string]int{
			">p0<": 1, ">p2<": 1, ">Time<": 1, ">Share<": 1, ">Collective<": 1, ">Connective<": 1,
		}},
		{"mixed", []plot.Chart{two("p0"), two("p1"), two("p2"), other, lone}, map[string]int{
			">p3<": 1, ">Collective<": 1, ">Connective<": 1, ">Brokered<": 1, ">Alone<": 1,
		}},
	} {
		var buf bytes.Buffer
		if err := (plot.Facets{Panels: tc.panels}).Write(&buf, "svg", 0, 0); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for text, want := range tc.counts {
			if got := strings.Count(buf.String(), text); got != want {
				t.Errorf("%s: %q appears %d times, want %d", tc.name, text, got, want)
			}
		}
	}
}
