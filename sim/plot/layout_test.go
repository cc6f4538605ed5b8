package plot

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// This file is the layout test of issue 13: each kind of figure is drawn
// on a recording canvas, and the drawing itself (not the layout code's
// own idea of it) is checked: no legend box meets plotted data, no text
// overlaps another, no text leaves the page.

// shape returns n points of f(t), t from 0 to 1, with a band of ±half.
func shape(label string, n int, half float64, f func(t float64) float64) Series {
	s := Series{Label: label}
	for i := range n {
		t := float64(i) / float64(n-1)
		m := f(t)
		s.X, s.Mean = append(s.X, float64(i)), append(s.Mean, m)
		s.Lo, s.Hi = append(s.Lo, m-half), append(s.Hi, m+half)
	}
	return s
}

var (
	rising   = func(t float64) float64 { return 0.05 + 0.9*t }
	falling  = func(t float64) float64 { return 0.95 - 0.9*t }
	flatTop  = func(float64) float64 { return 0.95 }
	flatLow  = func(float64) float64 { return 0.03 }
	flatMid  = func(float64) float64 { return 0.5 }
	early    = func(t float64) float64 { return 0.95 * (1 - math.Exp(-t*25)) } // rises at once, then flat at the top
	hump     = func(t float64) float64 { return 0.9 * math.Exp(-(t-0.5)*(t-0.5)*20) }
	seesaw   = func(t float64) float64 { return 0.5 + 0.45*math.Sin(t*6*math.Pi) }
	plateaus = func(t float64) float64 { return 0.46 + 0.04*math.Min(1, t*3) } // cumulative chart of the review
)

// TestLayout draws charts of many data shapes and every figure kind and
// fails when a legend box meets data, or a text overlaps another or
// leaves the page. Over the chart cases the automatic placement must have
// used each corner and the outside.
func TestLayout(t *testing.T) {
	type tc struct {
		name  string
		chart Chart
		where string // expected legend place: a corner, "outside" or "" (none); "any" to skip
	}
	cases := []tc{
		{"rising", Chart{Series: []Series{shape("a", 50, 0.05, rising), shape("b", 50, 0.05, func(t float64) float64 { return 0.8 * rising(t) })}}, "top-left"},
		{"falling", Chart{Series: []Series{shape("a", 50, 0.05, falling), shape("b", 50, 0.05, func(t float64) float64 { return 0.8 * falling(t) })}}, "top-right"},
		{"flat at top", Chart{Series: []Series{shape("a", 50, 0.02, flatTop), shape("b", 50, 0.02, func(float64) float64 { return 0.85 })}}, "bottom-right"},
		{"flat at bottom, fixed y", Chart{Series: []Series{shape("a", 50, 0.02, flatLow), shape("b", 50, 0.02, func(float64) float64 { return 0.1 })}, YMin: 0, YMax: 1}, "top-right"},
		{"early rise, flat at top", Chart{Series: []Series{shape("collective", 50, 0.03, early), shape("connective", 50, 0.03, func(t float64) float64 { return 0.9 * early(t) })}}, "bottom-right"},
		{"crossing", Chart{Series: []Series{shape("a", 50, 0.05, rising), shape("b", 50, 0.05, falling)}}, "any"},
		{"rising and falling at top right", Chart{Series: []Series{shape("a", 50, 0.02, func(t float64) float64 { return 0.95 * t * t })}, YMin: 0, YMax: 1}, ""},
		{"hump", Chart{Series: []Series{shape("a", 50, 0.05, hump), shape("b", 50, 0.05, func(t float64) float64 { return 0.7 * hump(t) })}}, "any"},
		{"full-height bands", Chart{Series: []Series{shape("a", 50, 0.6, flatMid), shape("b", 50, 0.6, func(float64) float64 { return 0.45 })}, YMin: 0, YMax: 1}, "outside"},
		{"seesaw", Chart{Series: []Series{shape("a", 80, 0.05, seesaw), shape("b", 80, 0.05, func(t float64) float64 { return 1 - seesaw(t) })}}, "any"},
		{"plateaus 0.46 and 0.50", Chart{Series: []Series{shape("collective", 100, 0.01, plateaus), shape("connective", 100, 0.01, func(t float64) float64 { return plateaus(t) + 0.04 })}, YLabel: "Cumulative share"}, "any"},
		{"only bottom-left free", Chart{Series: []Series{shape("a", 50, 0.02, flatTop), shape("b", 50, 0.02, func(t float64) float64 { return 0.5 * (1 - t) })}, YMin: 0, YMax: 1}, "bottom-left"},
		{"top-left asked, free", Chart{Series: []Series{shape("a", 50, 0.05, falling), shape("b", 50, 0.05, rising)}, Legend: "top-left", YMin: 0, YMax: 1.6}, "top-left"},
		{"top-left asked, covered", Chart{Series: []Series{shape("a", 50, 0.05, early), shape("b", 50, 0.05, flatLow)}, Legend: "top-left"}, "any"},
		{"one series", Chart{Series: []Series{shape("only", 50, 0.05, rising)}}, ""},
		{"outside-bottom asked", Chart{Series: []Series{shape("a", 50, 0.05, rising), shape("b", 50, 0.05, falling)}, Legend: "outside-bottom", XLabel: "Time"}, "outside"},
	}
	// Many series: more than 8, with long labels, wider than a right
	// legend may be: below the data, in rows.
	var many []Series
	for i := range 12 {
		many = append(many, shape(fmt.Sprintf("population_size=%d, condition %d", 100*(i+1), i), 40, 0.03, func(t float64) float64 { return 0.05 + 0.07*float64(i) + 0.1*t }))
	}
	cases = append(cases, tc{"12 series, long labels", Chart{Title: "Twelve", XLabel: "Time (steps)", YLabel: "Share", Series: many}, "outside"})
	// Sweep chart: markers and design ticks.
	var sweep []Series
	for i, k := range []float64{0.1, 0.2, 0.3} {
		s := Series{Label: fmt.Sprintf("threshold=%g", k)}
		for _, x := range []float64{1, 3, 5, 7, 9} {
			s.X, s.Mean = append(s.X, x), append(s.Mean, 0.2+0.08*x-0.1*float64(i))
		}
		sweep = append(sweep, s)
	}
	cases = append(cases, tc{"sweep with markers", Chart{Title: "Sweep", XLabel: "k", YLabel: "Final share", Series: sweep, XTicks: []float64{1, 3, 5, 7, 9}, Markers: true}, "any"})
	// Events, close together: labels stagger into rows.
	ev := Chart{Title: "Events", XLabel: "Time", YLabel: "Share",
		Series: []Series{shape("collective", 100, 0.03, early), shape("connective", 100, 0.03, hump)},
		Events: []Event{{X: 40, Label: "Repression"}, {X: 42, Label: "Concession"}, {X: 45, Label: "Second wave"}, {X: 98, Label: "End of observation"}, {X: 200, Label: "Outside"}},
	}
	cases = append(cases, tc{"events", ev, "any"})
	noTitle := ev
	noTitle.Title = ""
	cases = append(cases, tc{"events, no title", noTitle, "any"})

	seen := map[string]bool{}
	for _, c := range cases {
		paint, err := c.chart.painter()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		w, h := vg.Length(DefaultWidth)*vg.Inch, vg.Length(DefaultHeight)*vg.Inch
		r := record(w, h, paint)
		for _, p := range r.problems() {
			t.Errorf("%s: %s", c.name, p)
		}
		where := ""
		if box, ok := r.legendBox(); ok {
			where = placeOf(r, box)
		}
		seen[where] = true
		if c.where != "any" && where != c.where {
			t.Errorf("%s: legend %q, want %q", c.name, where, c.where)
		}
	}
	for _, want := range []string{"top-right", "top-left", "bottom-right", "bottom-left", "outside", ""} {
		if !seen[want] {
			t.Errorf("no case put the legend at %q", want)
		}
	}
}

// placeOf names the corner of the data area nearest to the legend box,
// or "outside" when the box lies beyond it. The data area spans the axis
// lines: the longest horizontal and vertical black strokes.
func placeOf(r *recorder, box vg.Rectangle) string {
	var d vg.Rectangle
	var lx, ly vg.Length
	for _, p := range r.paths {
		if p.fill || len(p.pts) != 2 || p.clr != (color.NRGBA{A: 255}) {
			continue
		}
		a, b := p.pts[0], p.pts[1]
		if a.Y == b.Y && abs(b.X-a.X) > lx {
			lx, d.Min.X, d.Max.X = abs(b.X-a.X), min(a.X, b.X), max(a.X, b.X)
		}
		if a.X == b.X && abs(b.Y-a.Y) > ly {
			ly, d.Min.Y, d.Max.Y = abs(b.Y-a.Y), min(a.Y, b.Y), max(a.Y, b.Y)
		}
	}
	if box.Min.X >= d.Max.X || box.Max.Y <= d.Min.Y {
		return "outside"
	}
	v, h := "bottom", "left"
	if box.Min.Y+box.Max.Y > d.Min.Y+d.Max.Y {
		v = "top"
	}
	if box.Min.X+box.Max.X > d.Min.X+d.Max.X {
		h = "right"
	}
	return v + "-" + h
}

func abs(v vg.Length) vg.Length { return max(v, -v) }

// TestLayoutOldPlacement is the mutation check: the legend put where the
// old code put it, a fixed corner on a translucent box, over data that
// reaches that corner, must be reported by the checker.
func TestLayoutOldPlacement(t *testing.T) {
	for _, tc := range []struct {
		name   string
		corner string
		f      func(float64) float64
	}{
		{"top-right over rising data (the old default)", "top-right", rising},
		{"top-left over data flat at the top", "top-left", early},
		{"bottom-right over falling data", "bottom-right", falling},
	} {
		c := Chart{Series: []Series{shape("collective", 50, 0.05, tc.f), shape("connective", 50, 0.05, func(t float64) float64 { return 0.9 * tc.f(t) })}}
		p, entries, err := c.plot(chartStyle, nil)
		if err != nil {
			t.Fatal(err)
		}
		w, h := vg.Length(DefaultWidth)*vg.Inch, vg.Length(DefaultHeight)*vg.Inch
		r := record(w, h, func(dc draw.Canvas) {
			dc = inMargins(dc)
			p.Draw(dc)
			d := p.DataCanvas(dc)
			lg := newLegend(entries, legendTextStyle(), 0)
			lg.draw(dc, insideBox(d.Rectangle, tc.corner, lg.width, lg.height).Min)
		})
		probs := r.problems()
		if len(probs) == 0 || !strings.Contains(probs[0], "legend box") {
			t.Errorf("%s: checker reports %q, want a legend over data", tc.name, probs)
		}
	}
}

// TestLayoutHeatmaps checks the text of heatmaps: annotations, turned
// column labels, the colour bar.
func TestLayoutHeatmaps(t *testing.T) {
	grid := func(nx, ny int, f func(x, y int) float64) [][]float64 {
		v := make([][]float64, ny)
		for y := range v {
			v[y] = make([]float64, nx)
			for x := range v[y] {
				v[y][x] = f(x, y)
			}
		}
		return v
	}
	ticks := func(n int, f string) []string {
		var s []string
		for i := range n {
			s = append(s, fmt.Sprintf(f, i))
		}
		return s
	}
	for _, tc := range []struct {
		name string
		m    Heatmap
	}{
		{"6 × 6 annotated", Heatmap{Title: "Final participation", XLabel: "Mean degree", YLabel: "Threshold", ZLabel: "Share active",
			XTicks: ticks(6, "%d"), YTicks: ticks(6, "0.%d"), Values: grid(6, 6, func(x, y int) float64 { return float64(x*y) / 25 }), Annotate: true}},
		{"20 long column labels", Heatmap{Title: "Long labels", XLabel: "population_size", YLabel: "group_count", ZLabel: "Share",
			XTicks: ticks(20, "population=%d000"), YTicks: ticks(5, "%d"), Values: grid(20, 5, func(x, y int) float64 { return float64(x + y) }), Annotate: true}},
		{"shared range", Heatmap{Title: "Connective", XTicks: ticks(3, "%d"), YTicks: ticks(3, "%d"),
			Values: grid(3, 3, func(x, y int) float64 { return 0.5 + 0.01*float64(x+y) }), ZMin: 0.1, ZMax: 0.9, Annotate: true}},
	} {
		paint, err := tc.m.painter()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		r := record(vg.Length(DefaultWidth)*vg.Inch, vg.Length(DefaultHeatmapHeight)*vg.Inch, paint)
		for _, p := range r.problems() {
			t.Errorf("%s: %s", tc.name, p)
		}
	}
}

// TestLayoutFacets draws small multiples with long titles, as the sweep
// charts name panels, and checks that no text overlaps or is cut off,
// that no type is under 8 pt, and that the shared legend meets no data.
func TestLayoutFacets(t *testing.T) {
	panel := func(title string, i int) Chart {
		return Chart{Title: title, XLabel: "Time (steps)", YLabel: "Share active", Series: []Series{
			shape("collective", 40, 0.03, func(t float64) float64 { return 0.1 + 0.02*float64(i%7) + 0.5*t }),
			shape("connective", 40, 0.03, hump),
		}}
	}
	for _, tc := range []struct {
		name   string
		n      int
		title  func(i int) string
		extra  []string // more series labels, to wrap the legend
		height float64
	}{
		{"25 panels, long titles", 25, func(i int) string {
			return fmt.Sprintf("population_group_count=%d, population_size=%d", 1+i/5, 500*(1+i%5))
		}, nil, 0},
		{"12 panels, short titles", 12, func(i int) string { return fmt.Sprintf("k=%d", i) }, nil, 0},
		{"7 panels, empty cells", 7, func(i int) string { return fmt.Sprintf("θ = %.2f", 0.05*float64(i)) }, nil, 0},
		{"9 panels, wide legend", 9, func(i int) string { return fmt.Sprintf("p%d", i) },
			[]string{"organisationally enabled connective action", "a very long condition name indeed", "hybrid", "baseline without organisations", "repression from step 40"}, 0},
		{"4 panels, given height", 4, func(i int) string { return strings.Repeat("word ", 12) }, nil, 5},
	} {
		f := Facets{Title: "Participation: " + tc.name}
		for i := range tc.n {
			p := panel(tc.title(i), i)
			for _, l := range tc.extra {
				p.Series = append(p.Series, shape(l, 40, 0, func(t float64) float64 { return 0.3 * t }))
			}
			f.Panels = append(f.Panels, p)
		}
		w, h, paint, err := f.painter(0, tc.height)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		r := newRecorderText(w, h, paint)
		for _, p := range r.problems() {
			t.Errorf("%s: %s", tc.name, p)
		}
		if _, ok := r.legendBox(); !ok {
			t.Errorf("%s: no shared legend", tc.name)
		}
		for _, tx := range r.sizes {
			if tx.size < 8 {
				t.Errorf("%s: %q in %v pt, want at least 8", tc.name, tx.s, tx.size)
			}
		}
	}
}

// sizedRecorder also keeps the type size of each text.
type sizedRecorder struct {
	*recorder
	sizes []struct {
		s    string
		size float64
	}
}

func (r *sizedRecorder) FillString(f font.Face, pt vg.Point, str string) {
	r.recorder.FillString(f, pt, str)
	r.sizes = append(r.sizes, struct {
		s    string
		size float64
	}{str, f.Font.Size.Points()})
}

func newRecorderText(w, h vg.Length, paint func(draw.Canvas)) *sizedRecorder {
	r := &sizedRecorder{recorder: newRecorder(w, h)}
	dc := draw.New(r)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	paint(dc)
	return r
}

// TestGeometry checks the intersection helpers that placement and the
// layout test share.
func TestGeometry(t *testing.T) {
	r := vg.Rectangle{Min: vg.Point{X: 0, Y: 0}, Max: vg.Point{X: 10, Y: 10}}
	pt := func(x, y vg.Length) vg.Point { return vg.Point{X: x, Y: y} }
	for _, tc := range []struct {
		name string
		a, b vg.Point
		want bool
	}{
		{"inside", pt(2, 2), pt(3, 3), true},
		{"through", pt(-5, 5), pt(15, 5), true},
		{"diagonal through a corner region", pt(-1, 8), pt(3, 12), true},
		{"diagonal missing the corner", pt(-1, 10.5), pt(1, 12), false},
		{"above", pt(-5, 11), pt(15, 11), false},
		{"vertical left", pt(-0.1, -5), pt(-0.1, 15), false},
		{"touching edge", pt(10, -5), pt(10, 15), true},
		{"point inside", pt(5, 5), pt(5, 5), true},
	} {
		if got := segmentHitsRect(tc.a, tc.b, r); got != tc.want {
			t.Errorf("segment %s: %t, want %t", tc.name, got, tc.want)
		}
	}
	big := []vg.Point{pt(-5, -5), pt(20, -5), pt(20, 20), pt(-5, 20)}
	if !polygonHitsRect(big, r) {
		t.Error("polygon around the rectangle: no hit")
	}
	if polygonHitsRect([]vg.Point{pt(11, 11), pt(20, 11), pt(20, 20)}, r) {
		t.Error("polygon beside the rectangle: hit")
	}
}
