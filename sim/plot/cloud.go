package plot

import (
	"fmt"
	"image/color"
	"io"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Cloud is a chart of many unlabelled points, such as the particles of a
// posterior over two parameters (a pairs plot): each a disc in the first
// colour of Palette at 50% opacity, so that dense regions look dense,
// whose area is proportional to its Weight when weights are given (the
// largest weight the size of Chart's markers). Mark, if set, is one point
// drawn over them as a black cross with its label, such as the truth
// that made synthetic data; it is a cross, not a disc, so that it reads as
// something other than data. A cloud has no legend.
//
// The axes are fixed (XMin, XMax, YMin, YMax) or fitted to the points and
// the mark with 4% of the span each side; LogX and LogY put an axis on a
// base-10 log scale, as Chart's, for parameters whose prior spans orders
// of magnitude.
type Cloud struct {
	Title, XLabel, YLabel  string
	X, Y                   []float64
	Weight                 []float64 // optional; ≥ 0, not all 0
	Mark                   *CloudMark
	LogX, LogY             bool
	XMin, XMax, YMin, YMax float64
}

// CloudMark is a point marked on a Cloud.
type CloudMark struct {
	X, Y  float64
	Label string
}

// cloudPad is the room around the fitted data, as a share of the span.
const cloudPad = 0.04

// Save writes the chart to path, in the format named by its extension
// (.svg, .png or .pdf, as for Chart.Save). The size is w × h inches; w ≤ 0
// means DefaultWidth and h ≤ 0 DefaultHeight. On error no file is created.
func (c Cloud) Save(path string, w, h float64) error {
	return saveFile(path, func(out io.Writer, format string) error {
		return c.Write(out, format, w, h)
	})
}

// Write writes the chart to w in format "svg", "png" or "pdf", width ×
// height inches (≤ 0: the defaults). SVG output is identical byte for byte
// for identical charts.
func (c Cloud) Write(w io.Writer, format string, width, height float64) error {
	return writeFigure(w, format, width, height, DefaultWidth, DefaultHeight, c.painter)
}

// validate returns an error wrapping ErrNoData or ErrBadData that names
// the chart and the point at fault.
func (c Cloud) validate() error {
	switch {
	case len(c.X) == 0:
		return fmt.Errorf("cloud %q: %w: no points", c.Title, ErrNoData)
	case len(c.Y) != len(c.X) || c.Weight != nil && len(c.Weight) != len(c.X):
		return fmt.Errorf("cloud %q: %w: %d X, %d Y and %d weights", c.Title, ErrBadData, len(c.X), len(c.Y), len(c.Weight))
	}
	top := 0.0
	for i := range c.X {
		switch {
		case !finite(c.X[i]) || !finite(c.Y[i]) || c.LogX && c.X[i] <= 0 || c.LogY && c.Y[i] <= 0:
			return fmt.Errorf("cloud %q: %w: point %d at (%v, %v)", c.Title, ErrBadData, i, c.X[i], c.Y[i])
		case c.Weight != nil && (!finite(c.Weight[i]) || c.Weight[i] < 0):
			return fmt.Errorf("cloud %q: %w: point %d has weight %v", c.Title, ErrBadData, i, c.Weight[i])
		}
		if c.Weight != nil {
			top = max(top, c.Weight[i])
		}
	}
	if c.Weight != nil && top == 0 {
		return fmt.Errorf("cloud %q: %w: every weight is 0", c.Title, ErrBadData)
	}
	if m := c.Mark; m != nil && (!finite(m.X) || !finite(m.Y) || c.LogX && m.X <= 0 || c.LogY && m.Y <= 0) {
		return fmt.Errorf("cloud %q: %w: mark at (%v, %v)", c.Title, ErrBadData, m.X, m.Y)
	}
	for _, v := range []float64{c.XMin, c.XMax, c.YMin, c.YMax} {
		if !finite(v) {
			return fmt.Errorf("cloud %q: %w: range XMin=%v, XMax=%v, YMin=%v, YMax=%v", c.Title, ErrBadData, c.XMin, c.XMax, c.YMin, c.YMax)
		}
	}
	return nil
}

// painter validates the chart and returns the function that draws it.
func (c Cloud) painter() (func(dc draw.Canvas), error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	return func(dc draw.Canvas) { c.draw(inMargins(dc)) }, nil
}

// span fits an axis to vs (and the mark's m), on a log scale when log.
func span(vs []float64, m []float64, lo, hi float64, log bool) (float64, float64) {
	if hi > lo {
		return lo, hi
	}
	f := func(x float64) float64 {
		if log {
			return math.Log10(x)
		}
		return x
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range append(append([]float64(nil), vs...), m...) {
		lo, hi = min(lo, f(v)), max(hi, f(v))
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	pad := cloudPad * (hi - lo)
	lo, hi = lo-pad, hi+pad
	if log {
		return math.Pow(10, lo), math.Pow(10, hi)
	}
	return lo, hi
}

// draw draws the chart in dc.
func (c Cloud) draw(dc draw.Canvas) {
	p := newPlot(c.Title, c.XLabel, c.YLabel, chartStyle)
	p.BackgroundColor = nil
	var mx, my []float64
	if c.Mark != nil {
		mx, my = []float64{c.Mark.X}, []float64{c.Mark.Y}
	}
	p.X.Min, p.X.Max = span(c.X, mx, c.XMin, c.XMax, c.LogX)
	p.Y.Min, p.Y.Max = span(c.Y, my, c.YMin, c.YMax, c.LogY)
	if c.LogX {
		p.X.Scale, p.X.Tick.Marker = gplot.LogScale{}, logTicks{}
	}
	if c.LogY {
		p.Y.Scale, p.Y.Tick.Marker = gplot.LogScale{}, logTicks{}
	}
	p.Add(&cloudData{c: c})
	drawFigure(dc, p, chartStyle, nil, nil, "", nil)
}

// cloudData is the plot.Plotter of the discs and the mark.
type cloudData struct{ c Cloud }

// Plot implements plot.Plotter.
func (cd *cloudData) Plot(dc draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&dc)
	c := cd.c
	top := 0.0
	for _, w := range c.Weight {
		top = max(top, w)
	}
	r, g, b, _ := Palette[0].RGBA()
	fill := color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x80}
	for i := range c.X {
		radius := vg.Points(markerRadius)
		if c.Weight != nil {
			radius = vg.Length(math.Sqrt(c.Weight[i]/top)) * radius // area ∝ weight
		}
		if radius <= 0 {
			continue
		}
		dc.DrawGlyph(draw.GlyphStyle{Color: fill, Radius: radius, Shape: draw.CircleGlyph{}}, vg.Point{X: trX(c.X[i]), Y: trY(c.Y[i])})
	}
	if m := c.Mark; m != nil {
		at := vg.Point{X: trX(m.X), Y: trY(m.Y)}
		dc.DrawGlyph(draw.GlyphStyle{Color: color.Black, Radius: vg.Points(2 * markerRadius), Shape: draw.CrossGlyph{}}, at)
		if m.Label != "" {
			sty := text.Style{Color: color.Black, Font: font.From(sans, scatterLabelSize), Handler: gplot.DefaultTextHandler,
				XAlign: draw.XLeft, YAlign: draw.YBottom}
			dc.FillText(sty, vg.Point{X: at.X + vg.Points(2*markerRadius+2), Y: at.Y + vg.Points(2)}, m.Label)
		}
	}
}
