package plot

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	gplot "gonum.org/v1/plot"
)

// morrisPlane returns a Scatter of n parameters without effect at the
// origin and m spread over the plane, the last at the top-right corner,
// with whiskers.
func morrisPlane(n, m int) Scatter {
	s := Scatter{Title: "Morris screening", XLabel: "µ*", YLabel: "σ"}
	for i := range m {
		x := float64(i+1) / float64(m)
		y := math.Mod(float64(i)*0.37, 1) * x
		if i == m-1 {
			y = 1
		}
		s.Points = append(s.Points, ScatterPoint{Label: fmt.Sprintf("Influential parameter %d (per day)", i), X: x, Y: y, XLo: 0.8 * x, XHi: 1.1 * x})
	}
	for i := range n {
		s.Points = append(s.Points, ScatterPoint{Label: fmt.Sprintf("Inert %d", i), XLo: math.NaN(), XHi: math.NaN()})
	}
	return s
}

// TestScatterLayout: labels of a crowded plane, of points at the corners,
// on one spot and by an event line overprint no text and leave no page.
func TestScatterLayout(t *testing.T) {
	crowd := morrisPlane(0, 14)
	for i := range crowd.Points { // all in a small cluster
		crowd.Points[i].X, crowd.Points[i].Y = 0.5+0.01*float64(i%4), 0.5+0.01*float64(i/4)
	}
	events := morrisPlane(3, 4)
	events.Events = []Event{{X: 0.3, Label: "replicate noise"}}
	zero := morrisPlane(6, 0) // σ = μ* = 0 everywhere
	for _, tc := range []struct {
		name string
		s    Scatter
	}{
		{"spread", morrisPlane(0, 6)},
		{"inert at the origin", morrisPlane(8, 5)},
		{"a cluster", crowd},
		{"an event", events},
		{"all at 0", zero},
	} {
		problems, err := CheckLayout(tc.s)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", tc.name, p)
		}
	}
}

// TestPlaceLabels: where there is room, every label is inside the data
// area, clear of every other label, of every dot but its own and of
// every whisker; points on one spot share one label.
func TestPlaceLabels(t *testing.T) {
	s := morrisPlane(4, 6)
	s.Points[2].Label = "" // no label: no box
	d := vg.Rectangle{Max: vg.Point{X: 400, Y: 250}}
	pts := make([]vg.Point, len(s.Points))
	o := &obstacles{}
	r := vg.Points(markerRadius + scatterClear)
	for i, p := range s.Points {
		pts[i] = vg.Point{X: vg.Length(10 + 380*p.X), Y: vg.Length(10 + 230*p.Y)}
		o.boxes = append(o.boxes, vg.Rectangle{Min: vg.Point{X: pts[i].X - r, Y: pts[i].Y - r}, Max: vg.Point{X: pts[i].X + r, Y: pts[i].Y + r}})
		if p.whisker() {
			o.segs = append(o.segs, [2]vg.Point{{X: vg.Length(10 + 380*p.XLo), Y: pts[i].Y}, {X: vg.Length(10 + 380*p.XHi), Y: pts[i].Y}})
		}
	}
	sty := text.Style{Font: font.From(sans, scatterLabelSize), Handler: gplot.DefaultTextHandler}
	labels := placeLabels(s.Points, pts, sty, d, o)
	if len(labels) != 5+1 {
		t.Fatalf("%d labels, want 6 (5 labelled points and one for the 4 at the origin)", len(labels))
	}
	for i, l := range labels {
		if !inRect(l.box.Min, d) || !inRect(l.box.Max, d) {
			t.Errorf("label %q at %v leaves the data area", l.text, l.box)
		}
		for _, m := range labels[i+1:] {
			if rectsOverlap(l.box, m.box) {
				t.Errorf("labels %q and %q overlap", l.text, m.text)
			}
		}
		for _, sg := range o.segs {
			if segmentHitsRect(sg[0], sg[1], l.box) {
				t.Errorf("label %q meets a whisker", l.text)
			}
		}
		for k, b := range o.boxes {
			if own := strings.Contains(l.text, s.Points[k].Label) && s.Points[k].Label != ""; !own && rectsOverlap(b, l.box) {
				t.Errorf("label %q meets the dot of %q", l.text, s.Points[k].Label)
			}
		}
	}
	if last := labels[len(labels)-1]; last.text != "Inert 0\nInert 1\nInert 2\nInert 3" {
		t.Errorf("the origin's label %q", last.text)
	}
}

func TestScatterErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	with := func(edit func(s *Scatter)) Scatter {
		s := morrisPlane(1, 2)
		s.Title = "t"
		edit(&s)
		return s
	}
	for _, tc := range []struct {
		name   string
		s      Scatter
		want   error
		naming string
	}{
		{"no points", with(func(s *Scatter) { s.Points = nil }), ErrNoData, "no points"},
		{"NaN X", with(func(s *Scatter) { s.Points[1].X = nan }), ErrBadData, "point 1"},
		{"Inf Y", with(func(s *Scatter) { s.Points[0].Y = inf }), ErrBadData, "point 0"},
		{"XLo > XHi", with(func(s *Scatter) { s.Points[0].XLo, s.Points[0].XHi = 1, 0 }), ErrBadData, "XLo=1, XHi=0"},
		{"NaN event", with(func(s *Scatter) { s.Events = []Event{{X: nan, Label: "noise"}} }), ErrBadData, `Events[0] "noise"`},
		{"Inf range", with(func(s *Scatter) { s.YMin = -inf }), ErrBadData, "YMin=-Inf"},
	} {
		err := tc.s.Write(&bytes.Buffer{}, "png", 0, 0)
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.naming) || !strings.Contains(err.Error(), `scatter "t"`) {
			t.Errorf("%s: %v, want %v naming %s", tc.name, err, tc.want, tc.naming)
		}
	}
}

// TestScatterFormats: SVG is byte-identical for identical charts, and
// every format is written.
func TestScatterFormats(t *testing.T) {
	s := morrisPlane(3, 4)
	var a, b bytes.Buffer
	if err := s.Write(&a, "svg", 0, 0); err != nil {
		t.Fatal(err)
	}
	s.Write(&b, "svg", 0, 0)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("SVG differs between two writes")
	}
	for _, f := range []string{"png", "pdf"} {
		var buf bytes.Buffer
		if err := s.Write(&buf, f, 3, 2); err != nil || buf.Len() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestScatterRanges: fitted axes include 0 and the whiskers and events,
// with room each side; all-zero data get [0, 1].
func TestScatterRanges(t *testing.T) {
	s := Scatter{Points: []ScatterPoint{{X: 2, Y: 1, XLo: 1, XHi: 4}}, Events: []Event{{X: 5}}}
	x, y := s.ranges()
	if x != [2]float64{-0.2, 5.4} || y != [2]float64{-0.04, 1.08} {
		t.Errorf("ranges %v, %v", x, y)
	}
	x, y = Scatter{Points: []ScatterPoint{{}}}.ranges()
	if x != [2]float64{-0.04, 1.08} || y != x {
		t.Errorf("all-zero ranges %v, %v", x, y)
	}
}
