package plot

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strings"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Scatter is a chart of labelled points, such as the parameters of a
// model in the plane of Morris's μ* and σ: each point a dot, in the first
// colour of Palette, with an optional whisker along x over an interval
// (a confidence interval of X), and its label beside it in 8 pt type.
//
// Labels never overprint one another, a dot, a whisker or the frame: each
// is set, in the order of Points (list the most important first), at the
// first free place of a ring around its dot (right, left, above, below,
// then the four corners), or else further out, stacked up and down beside
// the dot and joined to it by a thin grey leader line. Points that fall
// on one spot (within a dot's radius of each other, such as parameters
// with no effect at the origin) share one label, their names one per
// line. When no free place is left a label goes where it overlaps least.
//
// The axes are fixed (XMin, XMax, YMin, YMax) or fitted to the dots,
// whiskers, Events and 0 (to [0, 1] when all are 0), with 4% of the span
// below and 8% above as room for the dots and labels at the edges.
type Scatter struct {
	Title, XLabel, YLabel string
	Points                []ScatterPoint
	// Events mark values on the x axis, as Chart.Events: a thin grey
	// dashed line and its label above the data area. Labels of points
	// keep clear of the lines.
	Events []Event
	// If XMax > XMin the x axis spans [XMin, XMax], if YMax > YMin the y
	// axis spans [YMin, YMax]; otherwise they are fitted.
	XMin, XMax, YMin, YMax float64
}

// ScatterPoint is one point of a Scatter.
type ScatterPoint struct {
	Label string
	X, Y  float64
	// XLo, XHi is an interval of X drawn as a whisker when XHi > XLo
	// (NaN, or equal ends, for none).
	XLo, XHi float64
}

// Scatter geometry, in points.
const (
	scatterLabelSize = 8    // type of the labels
	scatterGap       = 2    // dot edge to its label
	scatterClear     = 1    // least space around a label
	scatterLeader    = 8    // extra distance of a label set away from its dot
	scatterPadLow    = 0.04 // of the span, below the data on each fitted axis
	scatterPadHigh   = 0.08 // of the span, above
)

// leaderLine joins a label set away from its dot to the dot.
var leaderLine = draw.LineStyle{Color: color.Gray{Y: 0x90}, Width: vg.Points(0.5)}

// Save writes the chart to path, in the format named by its extension
// (.svg, .png or .pdf, as for Chart.Save). The size is w × h inches; w ≤ 0
// means DefaultWidth and h ≤ 0 DefaultHeight. On error no file is created.
func (s Scatter) Save(path string, w, h float64) error {
	return saveFile(path, func(out io.Writer, format string) error {
		return s.Write(out, format, w, h)
	})
}

// Write writes the chart to w in format "svg", "png" or "pdf" (case
// insensitive), width × height inches; width ≤ 0 means DefaultWidth and
// height ≤ 0 DefaultHeight. SVG output is identical byte for byte for
// identical charts.
func (s Scatter) Write(w io.Writer, format string, width, height float64) error {
	return writeFigure(w, format, width, height, DefaultWidth, DefaultHeight, s.painter)
}

// validate returns an error wrapping ErrNoData or ErrBadData that names
// the chart and the point at fault.
func (s Scatter) validate() error {
	if len(s.Points) == 0 {
		return fmt.Errorf("scatter %q: %w: no points", s.Title, ErrNoData)
	}
	for i, pt := range s.Points {
		switch {
		case !finite(pt.X) || !finite(pt.Y):
			return fmt.Errorf("scatter %q: %w: point %d %q at (%v, %v)", s.Title, ErrBadData, i, pt.Label, pt.X, pt.Y)
		case math.IsInf(pt.XLo, 0) || math.IsInf(pt.XHi, 0) || pt.XLo > pt.XHi:
			return fmt.Errorf("scatter %q: %w: point %d %q: XLo=%v, XHi=%v", s.Title, ErrBadData, i, pt.Label, pt.XLo, pt.XHi)
		}
	}
	for i, e := range s.Events {
		if !finite(e.X) {
			return fmt.Errorf("scatter %q: %w: Events[%d] %q: X=%v", s.Title, ErrBadData, i, e.Label, e.X)
		}
	}
	for _, v := range []float64{s.XMin, s.XMax, s.YMin, s.YMax} {
		if !finite(v) {
			return fmt.Errorf("scatter %q: %w: range XMin=%v, XMax=%v, YMin=%v, YMax=%v", s.Title, ErrBadData, s.XMin, s.XMax, s.YMin, s.YMax)
		}
	}
	return nil
}

// painter validates the chart and returns the function that draws it on
// a page.
func (s Scatter) painter() (func(dc draw.Canvas), error) {
	if err := s.validate(); err != nil {
		return nil, err
	}
	return func(dc draw.Canvas) { s.draw(inMargins(dc)) }, nil
}

// whisker reports whether point pt has a whisker.
func (pt ScatterPoint) whisker() bool { return pt.XHi > pt.XLo }

// ranges returns the spans of the axes.
func (s Scatter) ranges() (x, y [2]float64) {
	fit := func(lo, hi float64, vals func(ScatterPoint) []float64) [2]float64 {
		if hi > lo {
			return [2]float64{lo, hi}
		}
		lo, hi = 0, 0
		for _, pt := range s.Points {
			for _, v := range vals(pt) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		if lo == hi { // all 0: the data are at the bottom of [0, 1]
			hi = 1
		}
		span := hi - lo
		return [2]float64{lo - scatterPadLow*span, hi + scatterPadHigh*span}
	}
	x = fit(s.XMin, s.XMax, func(pt ScatterPoint) []float64 {
		v := []float64{pt.X}
		if pt.whisker() {
			v = append(v, pt.XLo, pt.XHi)
		}
		for _, e := range s.Events {
			v = append(v, e.X)
		}
		return v
	})
	y = fit(s.YMin, s.YMax, func(pt ScatterPoint) []float64 { return []float64{pt.Y} })
	return x, y
}

// draw draws the chart in c.
func (s Scatter) draw(c draw.Canvas) {
	p := newPlot(s.Title, s.XLabel, s.YLabel, chartStyle)
	p.BackgroundColor = nil
	x, y := s.ranges()
	p.X.Min, p.X.Max = x[0], x[1]
	p.Y.Min, p.Y.Max = y[0], y[1]
	if len(s.Events) > 0 {
		p.Add(eventLines(s.Events))
	}
	p.Add(&scatterData{s: s})
	drawFigure(c, p, chartStyle, s.Events, nil, "", nil)
}

// scatterData is the plot.Plotter of the whiskers, dots and labels.
type scatterData struct{ s Scatter }

// Plot implements plot.Plotter.
func (sd *scatterData) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	lk := look(0)
	lk.marker.Shape = draw.CircleGlyph{}
	pts := make([]vg.Point, len(sd.s.Points))
	o := &obstacles{}
	r := vg.Points(markerRadius) + vg.Points(scatterClear)
	for i, pt := range sd.s.Points {
		pts[i] = vg.Point{X: trX(pt.X), Y: trY(pt.Y)}
		if pt.whisker() {
			seg := [2]vg.Point{{X: trX(pt.XLo), Y: pts[i].Y}, {X: trX(pt.XHi), Y: pts[i].Y}}
			c.StrokeLines(lk.line, c.ClipLinesX(seg[:])...)
			o.segs = append(o.segs, seg)
		}
		o.boxes = append(o.boxes, vg.Rectangle{Min: vg.Point{X: pts[i].X - r, Y: pts[i].Y - r}, Max: vg.Point{X: pts[i].X + r, Y: pts[i].Y + r}})
	}
	for _, pt := range pts {
		c.DrawGlyphNoClip(lk.marker, pt)
	}
	o.addEvents(sd.s.Events, trX, c)
	sty := text.Style{Color: color.Black, Font: font.From(sans, scatterLabelSize), Handler: gplot.DefaultTextHandler,
		XAlign: draw.XLeft, YAlign: draw.YBottom}
	for _, l := range placeLabels(sd.s.Points, pts, sty, c.Rectangle, o) {
		if l.leader {
			c.StrokeLine2(leaderLine, l.from.X, l.from.Y, l.to.X, l.to.Y)
		}
		c.FillText(sty, l.box.Min, l.text)
	}
}

// placedLabel is a label's text, box (lower left: where it is set) and
// leader line, if any.
type placedLabel struct {
	text     string
	box      vg.Rectangle
	leader   bool
	from, to vg.Point
}

// placeLabels sets the labels of points (at canvas positions pts) inside
// the data area d, clear of the obstacles o (dots and whiskers) and of
// one another: see Scatter.
func placeLabels(points []ScatterPoint, pts []vg.Point, sty text.Style, d vg.Rectangle, o *obstacles) []placedLabel {
	r := vg.Points(markerRadius)
	// Points on one spot share a label, in the order of their first.
	var groups [][]int
	for i := range points {
		joined := false
		for g, grp := range groups {
			q := pts[grp[0]]
			if math.Hypot(float64(pts[i].X-q.X), float64(pts[i].Y-q.Y)) <= float64(r) {
				groups[g] = append(grp, i)
				joined = true
				break
			}
		}
		if !joined {
			groups = append(groups, []int{i})
		}
	}
	taken := &obstacles{}
	clear := vg.Points(scatterClear)
	inside := vg.Rectangle{Min: vg.Point{X: d.Min.X + clear, Y: d.Min.Y + clear}, Max: vg.Point{X: d.Max.X - clear, Y: d.Max.Y - clear}}
	var out []placedLabel
	for _, grp := range groups {
		var names []string
		for _, i := range grp {
			if points[i].Label != "" {
				names = append(names, points[i].Label)
			}
		}
		if len(names) == 0 {
			continue
		}
		txt := strings.Join(names, "\n")
		w, h := sty.Width(txt), sty.Height(txt)
		at := pts[grp[0]]
		best, bestCost := placedLabel{}, math.Inf(1)
		for _, cand := range labelCandidates(at, w, h, r+vg.Points(scatterGap), d) {
			grown := inflate(cand.box, clear)
			cost := 0.0
			if !inRect(cand.box.Min, inside) || !inRect(cand.box.Max, inside) {
				cost += 1000
			}
			for _, b := range taken.boxes {
				if rectsOverlap(b, grown) {
					cost += 100 // another label: text over text
				}
			}
			if cand.leader {
				for _, b := range taken.boxes {
					if segmentHitsRect(cand.from, cand.to, b) {
						cost += 10
					}
				}
			}
			for k, b := range o.boxes {
				if !slices.Contains(grp, k) && (rectsOverlap(b, grown) || cand.leader && segmentHitsRect(cand.from, cand.to, b)) {
					cost++
				}
			}
			for _, s := range append(o.segs, taken.segs...) {
				if segmentHitsRect(s[0], s[1], grown) {
					cost++
				}
			}
			if cost == 0 {
				best, bestCost = cand, 0
				break
			}
			if cost < bestCost {
				best, bestCost = cand, cost
			}
		}
		best.text = txt
		taken.boxes = append(taken.boxes, best.box)
		if best.leader {
			taken.segs = append(taken.segs, [2]vg.Point{best.from, best.to})
		}
		out = append(out, best)
	}
	return out
}

// labelCandidates lists the places of a w × h label for a dot at p, dist
// from the dot's centre to the nearest edge of the label, in order of
// preference: beside the dot (right, left, above, below, the corners),
// then further out, left and right of the dot, a row up or down at a
// time, with a leader line, as far as the data area d reaches.
func labelCandidates(p vg.Point, w, h, dist vg.Length, d vg.Rectangle) []placedLabel {
	box := func(x, y vg.Length) vg.Rectangle { // lower left corner
		return vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: y + h}}
	}
	diag := dist * 0.7
	out := []placedLabel{
		{box: box(p.X+dist, p.Y-h/2)},
		{box: box(p.X-dist-w, p.Y-h/2)},
		{box: box(p.X-w/2, p.Y+dist)},
		{box: box(p.X-w/2, p.Y-dist-h)},
		{box: box(p.X+diag, p.Y+diag)},
		{box: box(p.X-diag-w, p.Y+diag)},
		{box: box(p.X+diag, p.Y-diag-h)},
		{box: box(p.X-diag-w, p.Y-diag-h)},
	}
	far := dist + vg.Points(scatterLeader)
	rows := int(math.Ceil(float64((d.Max.Y-d.Min.Y)/h))) + 1
	for k := 0; k <= rows; k++ {
		for _, side := range []vg.Length{1, -1} {
			for _, up := range []vg.Length{1, -1} {
				if k == 0 && up < 0 {
					continue
				}
				y := p.Y - h/2 + up*vg.Length(k)*h
				x := p.X + far
				if side < 0 {
					x = p.X - far - w
				}
				b := box(x, y)
				to := vg.Point{X: b.Min.X, Y: max(b.Min.Y, min(p.Y, b.Max.Y))}
				if side < 0 {
					to.X = b.Max.X
				}
				// From the dot's edge, not its centre.
				dx, dy := float64(to.X-p.X), float64(to.Y-p.Y)
				f := float64(dist-vg.Points(scatterGap)) / math.Hypot(dx, dy)
				from := vg.Point{X: p.X + vg.Length(dx*f), Y: p.Y + vg.Length(dy*f)}
				out = append(out, placedLabel{box: b, leader: true, from: from, to: to})
			}
		}
	}
	return out
}
