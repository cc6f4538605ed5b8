package plot

import (
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

func TestSeriesStyle(t *testing.T) {
	n := len(Palette)
	for _, tc := range []struct {
		i      int
		colour int  // index into Palette
		solid  bool // no dash pattern
		dashes int  // index into dashes
		shape  int  // index into shapes
	}{
		{0, 0, true, 0, 0},
		{n - 1, n - 1, true, 0, (n - 1) % 5},
		{n, 0, false, 1, n % 5},
		{2*n + 3, 3, false, 2, (2*n + 3) % 5},
		{3*n + 1, 1, false, 3, (3*n + 1) % 5},
		{4 * n, 0, true, 0, (4 * n) % 5},
	} {
		lk := look(tc.i)
		if lk.line.Color != Palette[tc.colour] || lk.marker.Color != Palette[tc.colour] {
			t.Errorf("slot %d: colour %v, want Palette[%d]", tc.i, lk.line.Color, tc.colour)
		}
		if (lk.line.Dashes == nil) != tc.solid || !slices.Equal(lk.line.Dashes, dashes[tc.dashes]) {
			t.Errorf("slot %d: dashes %v, want dashes[%d]", tc.i, lk.line.Dashes, tc.dashes)
		}
		if lk.marker.Shape != shapes[tc.shape] {
			t.Errorf("slot %d: marker %v, want shapes[%d]", tc.i, lk.marker.Shape, tc.shape)
		}
		if lk.line.Width.Points() != 1.5 {
			t.Errorf("slot %d: width %v pt, want 1.5", tc.i, lk.line.Width.Points())
		}
	}
	// No pale colour: the first four contrast at least 3:1 with white
	// (WCAG 2.1, graphical objects), the others at least 2:1; Okabe–Ito
	// yellow had 1.3:1.
	for i, c := range Palette {
		want := 3.0
		if i >= 4 {
			want = 2
		}
		if r := contrast(c, color.White); r < want {
			t.Errorf("Palette[%d] %v: contrast %.2f with white, want ≥ %v", i, c, r, want)
		}
		if c == (color.RGBA{R: 0xF0, G: 0xE4, B: 0x42, A: 0xff}) {
			t.Errorf("Palette[%d] is Okabe–Ito yellow", i)
		}
	}
	// 140 slots: no two alike in colour, dash and shape.
	seen := map[[3]int]int{}
	for i := range 140 {
		k := [3]int{i % n, (i / n) % len(dashes), i % len(shapes)}
		if j, ok := seen[k]; ok {
			t.Errorf("slots %d and %d look alike", j, i)
		}
		seen[k] = i
	}
}

// contrast is the WCAG 2.1 contrast ratio of a and b.
func contrast(a, b color.Color) float64 {
	l := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		ch := func(v uint32) float64 {
			s := float64(v) / 0xffff
			if s <= 0.04045 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
	}
	la, lb := l(a), l(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestColours checks that slots follow names, not order: the mechanisms
// have fixed slots, other keys take free ones in natural order, and a
// fixed map wins in every chart.
func TestColours(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string
		want map[string]int
	}{
		{"mechanisms", []string{"Connective action", "hybrid", "collective"}, map[string]int{"collective": 0, "Connective action": 1, "hybrid": 2}},
		{"organisationally enabled", []string{"Organisationally-enabled connective action", "x"}, map[string]int{"Organisationally-enabled connective action": 2, "x": 0}},
		{"others fill free slots", []string{"repression", "connective", "baseline"}, map[string]int{"connective": 1, "baseline": 0, "repression": 2}},
		{"natural order", []string{"k=10", "k=2", "k=1.5"}, map[string]int{"k=1.5": 0, "k=2": 1, "k=10": 2}},
		{"order does not matter", []string{"k=2", "k=1.5", "k=10"}, map[string]int{"k=1.5": 0, "k=2": 1, "k=10": 2}},
		{"empty and repeated", []string{"", "a", "a"}, map[string]int{"a": 0}},
	} {
		got := Colours(tc.keys)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
		for k, s := range tc.want {
			if got[k] != s {
				t.Errorf("%s: %q slot %d, want %d", tc.name, k, got[k], s)
			}
		}
	}
	// A chart takes slots by key from its map, whatever the series order;
	// keys the map lacks, and repeated or empty keys, take unused slots.
	m := Colours([]string{"baseline", "repression", "concession"})
	for _, tc := range []struct {
		name   string
		series []Series
		want   []int
	}{
		{"in order", []Series{{Label: "baseline"}, {Label: "concession"}, {Label: "repression"}}, []int{0, 1, 2}},
		{"reversed", []Series{{Label: "repression"}, {Label: "concession"}, {Label: "baseline"}}, []int{2, 1, 0}},
		{"subset", []Series{{Label: "repression"}}, []int{2}},
		{"Key over Label", []Series{{Label: "Repression (n=20)", Key: "repression"}}, []int{2}},
		{"unknown key", []Series{{Label: "other"}, {Label: "baseline"}}, []int{3, 0}},
		{"repeated and empty", []Series{{Label: "baseline"}, {Label: "baseline"}, {}}, []int{0, 3, 4}},
	} {
		if got := slots(tc.series, m); !slices.Equal(got, tc.want) {
			t.Errorf("%s: slots %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestTickLabels checks design ticks: one number of decimals for a
// linear axis, the shortest form on a log axis.
func TestTickLabels(t *testing.T) {
	for _, tc := range []struct {
		vals []float64
		log  bool
		want []string
	}{
		{[]float64{1, 3, 5, 7, 9}, false, []string{"1", "3", "5", "7", "9"}},
		{[]float64{0.05, 0.1, 0.15}, false, []string{"0.05", "0.10", "0.15"}},
		{[]float64{0.1 + 0.2, 0.5}, false, []string{"0.3", "0.5"}},
		{[]float64{0, 0.5, 1}, false, []string{"0.0", "0.5", "1.0"}},
		{[]float64{0.001, 0.01, 0.1, 1}, true, []string{"0.001", "0.01", "0.1", "1"}},
		{[]float64{100, 1000, 1e6}, false, []string{"100", "1000", "1e+06"}},
	} {
		if got := tickLabels(tc.vals, tc.log); !slices.Equal(got, tc.want) {
			t.Errorf("tickLabels(%v, log=%t) = %q, want %q", tc.vals, tc.log, got, tc.want)
		}
	}
}

// TestDesignRange checks that XTicks and markers pad the x range so that
// the first and last design points sit inside the frame, labelled.
func TestDesignRange(t *testing.T) {
	s := Series{X: []float64{1, 3, 5, 7, 9}, Mean: []float64{1, 2, 3, 4, 5}}
	for _, tc := range []struct {
		name       string
		c          Chart
		xmin, xmax float64
	}{
		{"plain", Chart{Series: []Series{s}}, 1, 9},
		{"markers", Chart{Series: []Series{s}, Markers: true}, 1 - 0.24, 9 + 0.24},
		{"ticks beyond data", Chart{Series: []Series{s}, XTicks: []float64{0, 10}}, -0.3, 10.3},
	} {
		p, _, err := tc.c.plot(chartStyle, nil)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(p.X.Min-tc.xmin) > 1e-12 || math.Abs(p.X.Max-tc.xmax) > 1e-12 {
			t.Errorf("%s: x range [%v, %v], want [%v, %v]", tc.name, p.X.Min, p.X.Max, tc.xmin, tc.xmax)
		}
	}
}

// TestSharedRange checks the colour range shared by heatmaps.
func TestSharedRange(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name   string
		maps   []Heatmap
		lo, hi float64
	}{
		{"two conditions", []Heatmap{{Values: [][]float64{{0.1, 0.9}}}, {Values: [][]float64{{0.5, 0.63}}}}, 0.1, 0.9},
		{"fixed range counts", []Heatmap{{Values: [][]float64{{0.5}}, ZMin: 0, ZMax: 1}, {Values: [][]float64{{2}}}}, 0, 2},
		{"NaN cells skipped", []Heatmap{{Values: [][]float64{{nan, 0.2}}}, {Values: [][]float64{{nan}}}}, 0.1, 0.3},
		{"nothing", nil, 0, 0},
	} {
		lo, hi := SharedRange(tc.maps...)
		if math.Abs(lo-tc.lo) > 1e-12 || math.Abs(hi-tc.hi) > 1e-12 {
			t.Errorf("%s: [%v, %v], want [%v, %v]", tc.name, lo, hi, tc.lo, tc.hi)
		}
	}
}

// TestPages checks that pages split the panels, keep colours and share
// the y range.
func TestPages(t *testing.T) {
	f := Facets{Title: "T", Panels: facetPanels(7)}
	f.Panels[6].Series[0].Label = "late"
	pages := f.Pages(3)
	if len(pages) != 3 || len(pages[2].Panels) != 1 || pages[0].Title != "T (page 1 of 3)" {
		t.Fatalf("pages: %d, last with %d panels, title %q", len(pages), len(pages[len(pages)-1].Panels), pages[0].Title)
	}
	for k, p := range pages {
		for i, c := range p.Panels {
			if c.YMin != 0 || math.Abs(c.YMax-7*1.05) > 1e-12 {
				t.Errorf("page %d panel %d: y [%v, %v], want [0, 7.35]", k, i, c.YMin, c.YMax)
			}
		}
		if p.Colours["late"] != pages[0].Colours["late"] || len(p.Colours) == 0 {
			t.Errorf("page %d: colours %v differ from page 1's %v", k, p.Colours, pages[0].Colours)
		}
	}
	if got := f.Pages(0); len(got) != 1 || len(got[0].Panels) != 7 {
		t.Errorf("Pages(0): %d pages", len(got))
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

// TestViridis checks the interpolated map against matplotlib's published
// 256-entry table (_cm_listed.py) at its ends, at entries between anchors,
// and for monotonic luminance, which makes the map read in greyscale.
func TestViridis(t *testing.T) {
	for _, tc := range []struct {
		i   int        // table entry, t = i/255
		rgb [3]float64 // published, in [0, 1]
	}{
		{0, [3]float64{0.267004, 0.004874, 0.329415}},
		{2, [3]float64{0.269944, 0.014625, 0.341379}},
		{64, [3]float64{0.229739, 0.322361, 0.545706}},
		{128, [3]float64{0.127568, 0.566949, 0.550556}},
		{201, [3]float64{0.449368, 0.813768, 0.335384}},
		{253, [3]float64{0.974417, 0.903590, 0.130215}},
		{255, [3]float64{0.993248, 0.906157, 0.143936}},
	} {
		got := viridis(float64(tc.i) / 255)
		for k, v := range [3]uint8{got.R, got.G, got.B} {
			// Anchors every 5 entries interpolate the table within
			// 0.62/255; rounding to 8 bits adds up to 0.5.
			if d := math.Abs(float64(v) - 255*tc.rgb[k]); d > 1.2 {
				t.Errorf("viridis(%d/255) channel %d = %d, want %.2f (table)", tc.i, k, v, 255*tc.rgb[k])
			}
		}
	}
	if viridis(-1) != viridis(0) || viridis(2) != viridis(1) {
		t.Error("viridis does not clamp to [0, 1]")
	}
	prev := -1.0
	for i := range 101 {
		l := luminance(viridis(float64(i) / 100))
		if l <= prev {
			t.Errorf("luminance falls from %.4f to %.4f at t = %.2f", prev, l, float64(i)/100)
		}
		prev = l
	}
}

func TestContrastText(t *testing.T) {
	for _, tc := range []struct {
		name string
		bg   color.Color
		want color.Color
	}{
		{"viridis 0", viridis(0), color.White},
		{"viridis 0.3", viridis(0.3), color.White},
		{"viridis 0.7", viridis(0.7), color.Black},
		{"viridis 1", viridis(1), color.Black},
		{"missing", missingCell, color.Black},
		{"white", color.White, color.Black},
		{"black", color.Black, color.White},
	} {
		if got := contrastText(tc.bg); got != tc.want {
			t.Errorf("%s: text %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestAnnotation(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0.5, "0.5"},
		{0.123, "0.12"},
		{0.0123, "0.012"},
		{0.00123, "0.0012"},
		{1.234e-5, "1.2e-05"},
		{17.4, "17"},
		{120, "120"},
		{-123, "-120"},
		{12345, "12000"},
		{99999, "100000"},
		{123456, "1.2e+05"},
		{0, "0"},
		{math.Copysign(0, -1), "0"},
	} {
		if got := annotation(tc.v); got != tc.want {
			t.Errorf("annotation(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestLogTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		labels []string
		minor  int // unlabelled ticks
	}{
		// Powers of ten with 2…9 between them.
		{1, 128, []string{"1", "10", "100"}, 8 + 8 + 0},
		{0.001, 0.2, []string{"0.001", "0.01", "0.1"}, 8 + 8 + 1},
		// Too few decades for three: 1, 2 and 5 times them.
		{2, 64, []string{"2", "5", "10", "20", "50"}, 6 + 3},
		{0.01, 0.5, []string{"0.01", "0.02", "0.05", "0.1", "0.2", "0.5"}, 6 + 2},
		{1e-6, 1e-5, []string{"1e-06", "2e-06", "5e-06", "1e-05"}, 6},
		// Less than a factor of 5: every integer multiple.
		{2, 4, []string{"2", "3", "4"}, 0},
		// Twelve decades: every second one labelled, the others marked.
		{1, 1e12, []string{"1", "100", "10000", "1e+06", "1e+08", "1e+10", "1e+12"}, 6},
		// Within one integer multiple: linear ticks, minor ones at
		// 1.1, 1.3, …, 1.9.
		{1.1, 1.9, []string{"1.2", "1.4", "1.6", "1.8"}, 5},
		{0, 1, nil, 0},
		{3, 3, nil, 0},
	} {
		var labels []string
		minor := 0
		for _, tk := range (logTicks{}).Ticks(tc.lo, tc.hi) {
			if tk.Value < tc.lo*(1-1e-9) || tk.Value > tc.hi*(1+1e-9) {
				t.Errorf("[%v, %v]: tick %v out of range", tc.lo, tc.hi, tk.Value)
			}
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			} else {
				minor++
			}
		}
		if !slices.Equal(labels, tc.labels) || minor != tc.minor {
			t.Errorf("[%v, %v]: labels %q and %d minor, want %q and %d", tc.lo, tc.hi, labels, minor, tc.labels, tc.minor)
		}
	}
}

// TestLogXSinglePoint checks that one x value on a log axis spans a
// decade around it, where the linear fallback (x ± 1) would reach 0.
func TestLogXSinglePoint(t *testing.T) {
	c := Chart{LogX: true, Series: []Series{{X: []float64{0.5}, Mean: []float64{1}}}}
	p := gplot.New()
	c.setRanges(p)
	if lo, hi := p.X.Min, p.X.Max; math.Abs(lo*hi-0.25) > 1e-12 || math.Abs(hi/lo-10) > 1e-9 {
		t.Errorf("x range [%v, %v], want [0.5/√10, 0.5·√10]", lo, hi)
	}
}

func TestZRange(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name   string
		h      Heatmap
		lo, hi float64
	}{
		{"data", Heatmap{Values: [][]float64{{0.2, nan}, {0.9, 0.4}}}, 0.2, 0.9},
		{"fixed", Heatmap{Values: [][]float64{{0.2, 3}}, ZMin: 0, ZMax: 1}, 0, 1},
		{"reversed is auto", Heatmap{Values: [][]float64{{0.2, 3}}, ZMin: 1, ZMax: 0}, 0.2, 3},
		{"constant", Heatmap{Values: [][]float64{{4, 4}}}, 2, 6},
		{"negative constant", Heatmap{Values: [][]float64{{-4}}}, -6, -2},
		{"zero", Heatmap{Values: [][]float64{{0, nan}}}, -0.5, 0.5},
	} {
		if lo, hi := tc.h.zRange(); lo != tc.lo || hi != tc.hi {
			t.Errorf("%s: [%v, %v], want [%v, %v]", tc.name, lo, hi, tc.lo, tc.hi)
		}
	}
}

// TestFitXTickLabels checks that column labels turn only when they do not
// fit their columns, on the default page.
func TestFitXTickLabels(t *testing.T) {
	c := inMargins(draw.New(vgsvg.New(DefaultWidth*vg.Inch, DefaultHeatmapHeight*vg.Inch)))
	for _, tc := range []struct {
		labels []string
		turned bool
	}{
		{[]string{"2", "4", "8", "16", "32", "64"}, false},
		{[]string{"a rather long parameter label", "b"}, false},
		{[]string{"0.0010", "0.0016", "0.0026", "0.0041", "0.0066", "0.0105", "0.0168", "0.0268", "0.0429", "0.0687", "0.1100", "0.1759", "0.2815", "0.4504", "0.7206"}, true},
		{[]string{"threshold=0.05", "threshold=0.10", "threshold=0.15", "threshold=0.20", "threshold=0.25", "threshold=0.30", "threshold=0.35", "threshold=0.40"}, true},
	} {
		m := Heatmap{XTicks: tc.labels, YTicks: []string{"y"}, Values: [][]float64{make([]float64, len(tc.labels))}}
		p, _, _ := m.layout(c)
		if turned := p.X.Tick.Label.Rotation != 0; turned != tc.turned {
			t.Errorf("%d labels %q…: turned=%t, want %t", len(tc.labels), tc.labels[0], turned, tc.turned)
		}
	}
}

func TestFacetsGrid(t *testing.T) {
	for _, tc := range []struct {
		n, columns int
		width      float64
		rows, cols int
	}{
		{1, 0, 6.5, 1, 1}, {2, 0, 6.5, 1, 2}, {4, 0, 6.5, 2, 2}, {5, 0, 6.5, 2, 3}, {9, 0, 6.5, 3, 3},
		{10, 0, 6.5, 3, 4}, {16, 0, 6.5, 4, 4}, {5, 2, 6.5, 3, 2}, {2, 3, 6.5, 1, 2},
		// Panels at least 1.4 in wide: 4 columns on 6.5 in, 2 on 3.5 in,
		// and more rows instead.
		{25, 0, 6.5, 7, 4}, {36, 0, 6.5, 9, 4}, {12, 6, 6.5, 3, 4}, {9, 0, 3.5, 5, 2},
		{3, 0, 1, 3, 1},
	} {
		f := Facets{Panels: make([]Chart, tc.n), Columns: tc.columns}
		if rows, cols := f.grid(tc.width); rows != tc.rows || cols != tc.cols {
			t.Errorf("%d panels, Columns=%d, %v in: %d × %d, want %d × %d", tc.n, tc.columns, tc.width, rows, cols, tc.rows, tc.cols)
		}
	}
}

// facetPanels returns n single-series panels; panel i rises to i+1.
func facetPanels(n int) []Chart {
	var cs []Chart
	for i := range n {
		cs = append(cs, Chart{Series: []Series{{
			X:    []float64{float64(i), 10},
			Mean: []float64{0, float64(i + 1)},
		}}})
	}
	return cs
}

// TestFacetsShared checks the shared ranges, and which axes keep their
// tick labels, for 7 panels in 3 columns:
//
//	0 1 2
//	3 4 5
//	6
func TestFacetsShared(t *testing.T) {
	for _, separateY := range []bool{false, true} {
		f := Facets{Panels: facetPanels(7), SeparateY: separateY}
		grid, _ := f.plots(DefaultWidth)
		for i := range f.Panels {
			p := grid[i/3][i%3]
			// x spans 0 (panel 0) to 10 in every panel.
			if p.X.Min != 0 || p.X.Max != 10 {
				t.Errorf("separateY=%t, panel %d: x range [%v, %v], want [0, 10]", separateY, i, p.X.Min, p.X.Max)
			}
			// y is fitted with 5% headroom: to 7.35 when shared.
			wantYMax := 7 * 1.05
			if separateY {
				wantYMax = float64(i+1) * 1.05
			}
			if math.Abs(p.Y.Max-wantYMax) > 1e-12 {
				t.Errorf("separateY=%t, panel %d: y max %v, want %v", separateY, i, p.Y.Max, wantYMax)
			}
			labelled := func(ax gplot.Axis, lo, hi float64) bool {
				for _, tk := range ax.Tick.Marker.Ticks(lo, hi) {
					if tk.Label != "" {
						return true
					}
				}
				return false
			}
			wantX := i >= 4 // nothing below panels 4, 5 and 6
			wantY := separateY || i%3 == 0
			if got := labelled(p.X, p.X.Min, p.X.Max); got != wantX {
				t.Errorf("separateY=%t, panel %d: x tick labels %t, want %t", separateY, i, got, wantX)
			}
			if got := labelled(p.Y, p.Y.Min, p.Y.Max); got != wantY {
				t.Errorf("separateY=%t, panel %d: y tick labels %t, want %t", separateY, i, got, wantY)
			}
		}
		if grid[2][1] != nil || grid[2][2] != nil {
			t.Errorf("separateY=%t: empty grid cells hold plots", separateY)
		}
	}
}

// TestFacetsLegendEntries checks the shared legend: each labelled key
// once, in order of first appearance, none for fewer than two keys.
func TestFacetsLegendEntries(t *testing.T) {
	chart := func(labels ...string) Chart {
		var c Chart
		for _, l := range labels {
			c.Series = append(c.Series, Series{Label: l})
		}
		return c
	}
	for _, tc := range []struct {
		name   string
		panels []Chart
		want   []string
	}{
		{"same", []Chart{chart("a", "b"), chart("a", "b")}, []string{"a", "b"}},
		{"one panel", []Chart{chart("a", "b")}, []string{"a", "b"}},
		{"single series", []Chart{chart("a"), chart("a")}, nil},
		{"order", []Chart{chart("a", "b"), chart("b", "a")}, []string{"a", "b"}},
		{"union", []Chart{chart("a", "b"), chart("a"), chart("c")}, []string{"a", "b", "c"}},
		{"one per panel", []Chart{chart("a"), chart("b")}, []string{"a", "b"}},
		{"unlabelled", []Chart{chart("a", ""), chart("a", "")}, nil},
	} {
		f := Facets{Panels: tc.panels}
		var got []string
		for _, e := range f.legendEntries(f.colours()) {
			got = append(got, e.label)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: legend %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	sty := text.Style{Font: font.From(sans, 9), Handler: gplot.DefaultTextHandler}
	for _, tc := range []struct {
		s     string
		width vg.Length
		want  string
		lines int
	}{
		{"", 10, "", 0},
		{"k = 4, θ = 0.1", 200, "k = 4, θ = 0.1", 1},
		{"degree=16, threshold=0.05", sty.Width("threshold=0.05"), "degree=16,\nthreshold=0.05", 2},
		// A word wider than the line breaks after _ = , / or -, else
		// anywhere.
		{"population_group_count=1, population_size=500", sty.Width("population_group_"),
			"population_group_\ncount=1,\npopulation_size=\n500", 4},
		{"averyveryverylongword", sty.Width("averyvery"), "averyvery\nverylong\nword", 3},
		{"x", 1, "x", 1},
	} {
		got, lines := wrap(tc.s, sty, tc.width)
		if got != tc.want || lines != tc.lines {
			t.Errorf("wrap(%q, %v) = %q, %d lines; want %q, %d", tc.s, tc.width, got, lines, tc.want, tc.lines)
		}
		for _, l := range strings.Split(got, "\n") {
			if w := sty.Width(l); w > tc.width && len([]rune(l)) > 1 {
				t.Errorf("wrap(%q, %v): line %q is %v wide", tc.s, tc.width, l, w)
			}
		}
	}
}

// TestAnnotations checks that the cells of one heatmap are written with
// one number of decimals, giving the largest two significant digits, and
// fall back to annotation when values span beyond 0.001 to 10⁵.
func TestAnnotations(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values []float64
		want   []string
	}{
		{"shares", []float64{0.93, 0.5, 0.12, 0}, []string{"0.93", "0.50", "0.12", "0.00"}},
		{"negative zero", []float64{0.5, math.Copysign(0, -1), -0.001}, []string{"0.50", "0.00", "0.00"}},
		{"counts", []float64{120, 17.4, 3}, []string{"120", "17", "3"}},
		{"units", []float64{5.2, 0.26, math.NaN()}, []string{"5.2", "0.3", "NaN"}},
		{"small", []float64{0.0123, 0.00123}, []string{"0.012", "0.001"}},
		{"too wide a span", []float64{123456, 0.5}, []string{"1.2e+05", "0.5"}},
	} {
		f := annotations([][]float64{tc.values})
		for i, v := range tc.values {
			if math.IsNaN(v) {
				continue
			}
			if got := f(v); got != tc.want[i] {
				t.Errorf("%s: %v → %q, want %q", tc.name, v, got, tc.want[i])
			}
		}
	}
}
