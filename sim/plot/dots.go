package plot

import (
	"fmt"
	"image/color"
	"io"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Dots is a dot-and-whisker chart (a dot chart, Cleveland 1985, with
// interval whiskers): estimates with their intervals for a list of
// categories, such as the sensitivity indices of a model's parameters. Each
// category is a row, labelled on the y axis, top to bottom in the order of
// Rows (sort them by the estimate to rank them); in each row, each series
// draws a dot at its estimate and a whisker, as thick as a Chart's mean
// lines, over its interval. Several series share a row one above the
// other, in the order of Series, so that two indices of one parameter
// (first-order and total, say) sit side by side.
//
// The value axis is x: fixed by XMin, XMax, or fitted to the dots,
// whiskers, Events and 0, with 5% of the span added each side so that no dot sits
// on the frame. A thin grey line marks 0 when it is inside the range:
// the value that means "no effect" for an index or a correlation. Faint
// guides run along the rows, from the label to the dots.
//
// Series are styled as a Chart's (colour, marker shape; see Colours),
// with a legend when there are two or more, placed as a Chart's: inside
// the data area where it covers no dot or whisker, else outside.
type Dots struct {
	Title  string
	XLabel string   // the value axis, e.g. "Sobol' index"
	Rows   []string // the categories, top to bottom
	Series []DotSeries
	// If XMax > XMin the x axis spans [XMin, XMax]; otherwise it is fitted.
	XMin, XMax float64
	// Events mark values on the x axis, such as the level below which an
	// index cannot be told from noise: as Chart.Events, a thin grey
	// dashed line across the rows and its label above them.
	Events []Event
	// Legend is placed as Chart.Legend says (same values).
	Legend string
	// Colours fixes the colour and marker of series by key, as
	// Chart.Colours.
	Colours ColourMap
}

// DotSeries is one estimate per row of a Dots chart.
type DotSeries struct {
	Label string // legend entry
	Key   string // names the series for its colour (see Series.Key); empty means Label
	// Value[i] is the estimate in row i; NaN leaves the row without a dot.
	Value []float64
	// Lo[i], Hi[i] is the interval in row i (both nil for none; NaN for
	// none in that row).
	Lo, Hi []float64
}

// Dots geometry.
const (
	// dotsRowHeight is the height, in inches, a row needs in a figure
	// taller than DefaultHeight: room for a 9 pt label and two series.
	dotsRowHeight = 0.25
	// dotsFixedHeight is the height, in inches, of what is not rows:
	// title, x axis and margins.
	dotsFixedHeight = 1.0
	// dotsSpread is how far apart, in rows, the series of one row sit, at
	// most; they take at most 60% of the row between them.
	dotsSpread = 0.3
	dotsPad    = 0.05 // of the x span, each side, when fitted
)

var (
	// zeroLine marks x = 0; rowGuide runs along a row. Both are thinner
	// and lighter than any data, which they only help to read.
	zeroLine = draw.LineStyle{Color: color.Gray{Y: 0x80}, Width: vg.Points(0.5)}
	rowGuide = draw.LineStyle{Color: color.Gray{Y: 0xE0}, Width: vg.Points(0.5)}
)

// Height is the default height of the chart in inches: DefaultHeight,
// or more for many rows, so that every row has dotsRowHeight.
func (d Dots) Height() float64 {
	return max(DefaultHeight, dotsFixedHeight+dotsRowHeight*float64(len(d.Rows)))
}

// Save writes the chart to path, in the format named by its extension
// (.svg, .png or .pdf, as for Chart.Save). The size is w × h inches; w ≤ 0
// means DefaultWidth and h ≤ 0 the chart's Height. On error no file is
// created.
func (d Dots) Save(path string, w, h float64) error {
	return saveFile(path, func(out io.Writer, format string) error {
		return d.Write(out, format, w, h)
	})
}

// Write writes the chart to w in format "svg", "png" or "pdf" (case
// insensitive), width × height inches; width ≤ 0 means DefaultWidth and
// height ≤ 0 the chart's Height. SVG output is identical byte for byte for
// identical charts.
func (d Dots) Write(w io.Writer, format string, width, height float64) error {
	return writeFigure(w, format, width, height, DefaultWidth, d.Height(), d.painter)
}

// validate returns an error wrapping ErrNoData or ErrBadData that names
// the chart, the series and the row at fault.
func (d Dots) validate() error {
	wrap := func(sentinel error, format string, args ...any) error {
		return fmt.Errorf("dots %q: %w: %s", d.Title, sentinel, fmt.Sprintf(format, args...))
	}
	if len(d.Rows) == 0 || len(d.Series) == 0 {
		return wrap(ErrNoData, "%d rows, %d series", len(d.Rows), len(d.Series))
	}
	n, dots := len(d.Rows), 0
	for k, s := range d.Series {
		switch {
		case len(s.Value) != n:
			return wrap(ErrBadData, "series %d %q: len(Value)=%d for %d rows", k, s.Label, len(s.Value), n)
		case (s.Lo == nil) != (s.Hi == nil):
			return wrap(ErrBadData, "series %d %q: Lo and Hi must be both set or both nil", k, s.Label)
		case s.Lo != nil && (len(s.Lo) != n || len(s.Hi) != n):
			return wrap(ErrBadData, "series %d %q: len(Lo)=%d, len(Hi)=%d for %d rows", k, s.Label, len(s.Lo), len(s.Hi), n)
		}
		for i, v := range s.Value {
			if math.IsInf(v, 0) {
				return wrap(ErrBadData, "series %d %q: Value[%d]=%v", k, s.Label, i, v)
			}
			if !math.IsNaN(v) {
				dots++
			}
			if s.Lo == nil {
				continue
			}
			lo, hi := s.Lo[i], s.Hi[i]
			switch {
			case math.IsInf(lo, 0) || math.IsInf(hi, 0) || math.IsNaN(lo) != math.IsNaN(hi):
				return wrap(ErrBadData, "series %d %q: Lo[%d]=%v, Hi[%d]=%v", k, s.Label, i, lo, i, hi)
			case lo > hi:
				return wrap(ErrBadData, "series %d %q: Lo[%d]=%v > Hi[%d]=%v", k, s.Label, i, lo, i, hi)
			case !math.IsNaN(lo) && math.IsNaN(v):
				return wrap(ErrBadData, "series %d %q: an interval in row %d (%q) without a Value", k, s.Label, i, d.Rows[i])
			}
		}
	}
	if dots == 0 {
		return wrap(ErrNoData, "every Value is NaN")
	}
	for i, e := range d.Events {
		if !finite(e.X) {
			return wrap(ErrBadData, "Events[%d] %q: X=%v", i, e.Label, e.X)
		}
	}
	if !finite(d.XMin) || !finite(d.XMax) {
		return wrap(ErrBadData, "x range XMin=%v, XMax=%v", d.XMin, d.XMax)
	}
	if _, _, err := parseLegend(d.Legend); err != nil {
		return err
	}
	return nil
}

// painter validates the chart and returns the function that draws it on
// a page.
func (d Dots) painter() (func(dc draw.Canvas), error) {
	if err := d.validate(); err != nil {
		return nil, err
	}
	return func(dc draw.Canvas) { d.draw(inMargins(dc)) }, nil
}

// y returns the y of series k in row i: row 0 at the top, at n−1, the
// series spread about the row's centre, the first highest.
func (d Dots) y(i, k int) float64 {
	m := len(d.Series)
	step := min(dotsSpread, 0.6/float64(m))
	return float64(len(d.Rows)-1-i) + (float64(m-1)/2-float64(k))*step
}

// xRange is the span of the x axis.
func (d Dots) xRange() (lo, hi float64) {
	if d.XMax > d.XMin {
		return d.XMin, d.XMax
	}
	lo, hi = 0, 0 // 0 is always shown
	for _, e := range d.Events {
		lo, hi = min(lo, e.X), max(hi, e.X)
	}
	for _, s := range d.Series {
		for i, v := range s.Value {
			for _, x := range []float64{v, at(s.Lo, i), at(s.Hi, i)} {
				if !math.IsNaN(x) {
					lo, hi = min(lo, x), max(hi, x)
				}
			}
		}
	}
	if lo == hi { // every value 0
		return -1, 1
	}
	pad := dotsPad * (hi - lo)
	return lo - pad, hi + pad
}

// at is v[i], or NaN when v is nil.
func at(v []float64, i int) float64 {
	if v == nil {
		return math.NaN()
	}
	return v[i]
}

// draw draws the chart in c.
func (d Dots) draw(c draw.Canvas) {
	p := newPlot(d.Title, d.XLabel, "", chartStyle)
	p.BackgroundColor = nil
	p.X.Min, p.X.Max = d.xRange()
	p.Y.Min, p.Y.Max = -0.5, float64(len(d.Rows))-0.5
	ticks := make(gplot.ConstantTicks, len(d.Rows))
	for i, r := range d.Rows {
		ticks[i] = gplot.Tick{Value: float64(len(d.Rows) - 1 - i), Label: r}
	}
	p.Y.Tick.Marker = ticks
	p.Y.Tick.Length = 0 // the guides lead from the labels

	keys := make([]Series, len(d.Series))
	for k, s := range d.Series {
		keys[k] = Series{Label: s.Label, Key: s.Key}
	}
	slot := slots(keys, d.Colours)
	p.Add(dotsGuides{d: d})
	if len(d.Events) > 0 {
		p.Add(eventLines(d.Events))
	}
	var entries []legendEntry
	for k, s := range d.Series {
		lk := look(slot[k])
		p.Add(&dotsSeries{d: d, k: k, look: lk})
		if s.Label != "" {
			entries = append(entries, legendEntry{label: s.Label, look: lk, marker: true})
		}
	}
	if len(d.Series) < 2 || d.Legend == "none" {
		entries = nil
	}
	drawFigure(c, p, chartStyle, d.Events, entries, d.Legend, func(dc draw.Canvas) *obstacles { return d.obstacles(p, dc) })
}

// obstacles are the dots and whiskers drawn in data area dc.
func (d Dots) obstacles(p *gplot.Plot, dc draw.Canvas) *obstacles {
	trX, trY := p.Transforms(&dc)
	o := &obstacles{}
	r := vg.Points(markerRadius * 1.4)
	for k, s := range d.Series {
		for i, v := range s.Value {
			if math.IsNaN(v) {
				continue
			}
			y := trY(d.y(i, k))
			if lo := at(s.Lo, i); !math.IsNaN(lo) {
				o.segs = append(o.segs, [2]vg.Point{{X: trX(lo), Y: y}, {X: trX(s.Hi[i]), Y: y}})
			}
			x := trX(v)
			o.boxes = append(o.boxes, vg.Rectangle{Min: vg.Point{X: x - r, Y: y - r}, Max: vg.Point{X: x + r, Y: y + r}})
		}
	}
	o.addEvents(d.Events, trX, dc)
	return o
}

// dotsGuides is the plot.Plotter of the zero line and the row guides.
type dotsGuides struct{ d Dots }

// Plot implements plot.Plotter.
func (g dotsGuides) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	for i := range g.d.Rows {
		y := trY(float64(len(g.d.Rows) - 1 - i))
		c.StrokeLine2(rowGuide, c.Min.X, y, c.Max.X, y)
	}
	if p.X.Min < 0 && p.X.Max > 0 {
		x := trX(0)
		c.StrokeLine2(zeroLine, x, c.Min.Y, x, c.Max.Y)
	}
}

// dotsSeries is the plot.Plotter of series k: whiskers, then dots over
// them.
type dotsSeries struct {
	d    Dots
	k    int
	look seriesLook
}

// Plot implements plot.Plotter.
func (s *dotsSeries) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	ser := s.d.Series[s.k]
	for i, v := range ser.Value {
		if lo := at(ser.Lo, i); !math.IsNaN(lo) && !math.IsNaN(v) {
			y := trY(s.d.y(i, s.k))
			c.StrokeLines(s.look.line, c.ClipLinesX([]vg.Point{{X: trX(lo), Y: y}, {X: trX(ser.Hi[i]), Y: y}})...)
		}
	}
	in := inflate(c.Rectangle, 0.5)
	for i, v := range ser.Value {
		if math.IsNaN(v) {
			continue
		}
		if pt := (vg.Point{X: trX(v), Y: trY(s.d.y(i, s.k))}); inRect(pt, in) {
			c.DrawGlyphNoClip(s.look.marker, pt)
		}
	}
}
