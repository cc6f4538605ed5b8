package plot

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sentinel errors returned, wrapped with the name of the offending series,
// panel or cell, by the Save and Write methods. Test for them with errors.Is.
var (
	// ErrNoData reports a chart without series, a series without points,
	// facets without panels, or a heatmap without cells or with every
	// cell missing.
	ErrNoData = errors.New("plot: no data")
	// ErrBadData reports mismatched lengths, NaN or ±Inf in X or Mean,
	// ±Inf in Lo or Hi, Lo > Hi, Lo without Hi (or the reverse), X ≤ 0 on
	// a log x axis, Mean, Lo, Hi or a fixed YMin ≤ 0 on a log y axis, a
	// non-finite fixed y or colour range, ragged heatmap
	// rows, ±Inf in a heatmap, or tick labels that do not match the cells.
	ErrBadData = errors.New("plot: bad data")
)

// Default figure size in inches, and raster resolution in dots per inch.
const (
	DefaultWidth  = 6.5
	DefaultHeight = 4.0
	DPI           = 300
)

// Palette is the Okabe & Ito (2008) colour-blind-safe palette, in its
// published order (see Wong 2011). Series i is drawn in
// Palette[i%len(Palette)]. Callers may replace it before drawing; it must
// not be empty.
var Palette = []color.Color{
	color.RGBA{R: 0x00, G: 0x00, B: 0x00, A: 0xff}, // black
	color.RGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0xff}, // orange
	color.RGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 0xff}, // sky blue
	color.RGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xff}, // bluish green
	color.RGBA{R: 0xF0, G: 0xE4, B: 0x42, A: 0xff}, // yellow
	color.RGBA{R: 0x00, G: 0x72, B: 0xB2, A: 0xff}, // blue
	color.RGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xff}, // vermillion
	color.RGBA{R: 0xCC, G: 0x79, B: 0xA7, A: 0xff}, // reddish purple
}

// dashes are the line patterns used on successive passes through Palette:
// solid, dashed, dotted, dash-dot.
var dashes = [][]vg.Length{
	nil,
	{vg.Points(6), vg.Points(3)},
	{vg.Points(1.5), vg.Points(2.5)},
	{vg.Points(6), vg.Points(2.5), vg.Points(1.5), vg.Points(2.5)},
}

// Style constants of a single-column journal figure.
const (
	lineWidth   = 1.5  // pt, mean lines
	bandOpacity = 0.25 // of the series colour
	titleSize   = 11   // pt
	labelSize   = 10   // pt, axis labels
	tickSize    = 9    // pt, tick and legend labels
	headroom    = 0.05 // of the y span, added beyond the data when auto-ranging
)

var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// style holds the type sizes and tick density of one kind of figure.
type style struct {
	title, label, tick float64   // pt; tick also sizes legend entries
	titlePad           vg.Length // between the title and the plot
	ticks              int       // labelled intervals aimed at per axis
	legendThumb        vg.Length // width of a legend line sample
}

// chartStyle is the style of a stand-alone Chart.
var chartStyle = style{
	title: titleSize, label: labelSize, tick: tickSize,
	titlePad: vg.Points(8), ticks: targetTicks, legendThumb: vg.Points(22),
}

// Series is one line of a chart, with an optional confidence band.
type Series struct {
	Label  string    // legend entry; empty for none
	X      []float64 // steps, expected in increasing order
	Mean   []float64
	Lo, Hi []float64 // optional CI band (both nil → no band); same length as X
}

// Chart is a time-series chart of one or more series.
type Chart struct {
	Title  string
	XLabel string // e.g. "Time (days)"
	YLabel string // e.g. "Share of population active"
	Series []Series
	// If YMax > YMin the y axis spans [YMin, YMax]; otherwise it is fitted
	// to means and bands with 5% headroom, and starts at exactly 0 when no
	// mean is negative (a band reaching below 0 is then clipped at 0).
	YMin, YMax float64
	// Legend is "top-right" (default when empty), "top-left",
	// "bottom-right" or "none".
	Legend string
	// LogX draws x on a base-10 log scale, for parameters swept over
	// orders of magnitude; every X must then be > 0. Powers of ten are
	// labelled, or 1, 2 and 5 times them over less than about two decades.
	LogX bool
	// LogY draws y on a base-10 log scale, with the same ticks as LogX: for
	// quantities spread over orders of magnitude, such as the
	// complementary CDF of cascade sizes on log–log axes. Every Mean, and
	// every Lo and Hi that is not NaN, must then be > 0, and so must YMin
	// when the range is fixed. The fitted range spans the data, with 5% of
	// its log span as headroom above, and never starts at 0. Facets take
	// LogY from each panel.
	LogY bool
}

// Save writes the chart to path, in the format named by its extension:
// .svg (fonts embedded), .png (300 dpi) or .pdf (fonts embedded). The size
// is w × h inches; w ≤ 0 means DefaultWidth and h ≤ 0 DefaultHeight. On error
// no file is created.
func (c Chart) Save(path string, w, h float64) error {
	return saveFile(path, func(out io.Writer, format string) error {
		return c.Write(out, format, w, h)
	})
}

// Write writes the chart to w in format "svg", "png" or "pdf" (case
// insensitive), width × height inches; width ≤ 0 means DefaultWidth and
// height ≤ 0 DefaultHeight. SVG output is identical byte for byte for
// identical charts.
func (c Chart) Write(w io.Writer, format string, width, height float64) error {
	format, err := parseFormat(format)
	if err != nil {
		return err
	}
	wl, hl, err := pageSize(width, height, DefaultWidth, DefaultHeight)
	if err != nil {
		return err
	}
	p, err := c.plot(chartStyle)
	if err != nil {
		return err
	}
	return render(w, format, wl, hl, func(dc draw.Canvas) {
		p.BackgroundColor = nil
		p.Draw(inMargins(dc))
	})
}

// Figure margins in points. gonum/plot draws flush with the canvas edge;
// the right margin leaves room for half of the last x tick label.
const (
	marginLeft   = 4
	marginRight  = 12
	marginBottom = 4
	marginTop    = 6
)

// validate checks the chart and returns an error wrapping ErrNoData or
// ErrBadData that names the offending series.
func (c Chart) validate() error {
	if len(c.Series) == 0 {
		return fmt.Errorf("%w: chart %q has no series", ErrNoData, c.Title)
	}
	for i, s := range c.Series {
		if err := s.validate(); err != nil {
			return fmt.Errorf("series %d %q: %w", i, s.Label, err)
		}
	}
	if c.LogX {
		for i, s := range c.Series {
			for k, x := range s.X {
				if !(x > 0) {
					return fmt.Errorf("series %d %q: %w: X[%d]=%v, want > 0 on a log axis", i, s.Label, ErrBadData, k, x)
				}
			}
		}
	}
	if c.LogY {
		for i, s := range c.Series {
			if err := s.validateLogY(); err != nil {
				return fmt.Errorf("series %d %q: %w", i, s.Label, err)
			}
		}
	}
	for _, v := range [...]float64{c.YMin, c.YMax} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: y range YMin=%v, YMax=%v", ErrBadData, c.YMin, c.YMax)
		}
	}
	if c.LogY && c.YMax > c.YMin && !(c.YMin > 0) {
		return fmt.Errorf("%w: y range YMin=%v, want > 0 on a log axis", ErrBadData, c.YMin)
	}
	if _, _, err := legendCorner(c.Legend); err != nil {
		return err
	}
	if len(Palette) == 0 {
		panic("plot: empty Palette")
	}
	return nil
}

func (s Series) validate() error {
	n := len(s.X)
	switch {
	case n == 0 && len(s.Mean) == 0:
		return fmt.Errorf("%w: no points", ErrNoData)
	case len(s.Mean) != n:
		return fmt.Errorf("%w: len(X)=%d, len(Mean)=%d", ErrBadData, n, len(s.Mean))
	case (s.Lo == nil) != (s.Hi == nil):
		return fmt.Errorf("%w: Lo and Hi must be both set or both nil", ErrBadData)
	case s.Lo != nil && (len(s.Lo) != n || len(s.Hi) != n):
		return fmt.Errorf("%w: len(X)=%d, len(Lo)=%d, len(Hi)=%d", ErrBadData, n, len(s.Lo), len(s.Hi))
	}
	for i := range n {
		if !finite(s.X[i]) {
			return fmt.Errorf("%w: X[%d]=%v", ErrBadData, i, s.X[i])
		}
		if !finite(s.Mean[i]) {
			return fmt.Errorf("%w: Mean[%d]=%v", ErrBadData, i, s.Mean[i])
		}
		if s.Lo == nil {
			continue
		}
		// NaN in the band means "no interval here" and is allowed.
		lo, hi := s.Lo[i], s.Hi[i]
		if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
			return fmt.Errorf("%w: Lo[%d]=%v, Hi[%d]=%v", ErrBadData, i, lo, i, hi)
		}
		if lo > hi {
			return fmt.Errorf("%w: Lo[%d]=%v > Hi[%d]=%v", ErrBadData, i, lo, i, hi)
		}
	}
	return nil
}

// validateLogY checks that every value drawn on a log y axis is > 0: each
// Mean, and each Lo and Hi that is not NaN (NaN is a gap in the band).
func (s Series) validateLogY() error {
	for i, m := range s.Mean {
		if !(m > 0) {
			return fmt.Errorf("%w: Mean[%d]=%v, want > 0 on a log axis", ErrBadData, i, m)
		}
	}
	for _, b := range []struct {
		name string
		v    []float64
	}{{"Lo", s.Lo}, {"Hi", s.Hi}} {
		for i, v := range b.v {
			if !math.IsNaN(v) && !(v > 0) {
				return fmt.Errorf("%w: %s[%d]=%v, want > 0 on a log axis", ErrBadData, b.name, i, v)
			}
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// legendCorner parses Chart.Legend.
func legendCorner(s string) (top, left bool, err error) {
	switch s {
	case "", "top-right":
		return true, false, nil
	case "top-left":
		return true, true, nil
	case "bottom-right":
		return false, false, nil
	case "none":
		return false, false, nil
	}
	return false, false, fmt.Errorf("plot: unknown legend position %q (want top-right, top-left, bottom-right or none)", s)
}

// seriesStyle returns the line style of series i: Palette colour, then a
// new dash pattern on each pass through the palette.
func seriesStyle(i int) draw.LineStyle {
	pass := i / len(Palette)
	return draw.LineStyle{
		Color:  Palette[i%len(Palette)],
		Width:  vg.Points(lineWidth),
		Dashes: dashes[pass%len(dashes)],
	}
}

// translucent returns clr with its opacity multiplied by a.
func translucent(clr color.Color, a float64) color.Color {
	n := color.NRGBAModel.Convert(clr).(color.NRGBA)
	n.A = uint8(math.Round(float64(n.A) * a))
	return n
}

// plot validates the chart and builds its gonum plot in style st: bands
// first, then lines, then the legend, so that every band lies under every
// line.
func (c Chart) plot(st style) (*gplot.Plot, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}

	p := gplot.New()
	p.Title.Text = c.Title
	p.Title.TextStyle.Font = font.From(sans, vg.Length(st.title))
	p.Title.Padding = st.titlePad
	for _, ax := range []*gplot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = font.From(sans, vg.Length(st.label))
		ax.Tick.Label.Font = font.From(sans, vg.Length(st.tick))
		ax.Label.Padding = vg.Points(4)
		ax.Tick.Marker = niceTicks{n: st.ticks}
	}
	if c.LogX {
		p.X.Scale = gplot.LogScale{}
		p.X.Tick.Marker = logTicks{}
	}
	if c.LogY {
		p.Y.Scale = gplot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	}
	p.X.Label.Text = c.XLabel
	p.Y.Label.Text = c.YLabel

	var (
		bands  []gplot.Plotter
		lines  []gplot.Plotter
		legend = gplot.NewLegend()
		labels []string
	)
	for i, s := range c.Series {
		sty := seriesStyle(i)
		xys := make(plotter.XYs, len(s.X))
		for k := range xys {
			xys[k] = plotter.XY{X: s.X[k], Y: s.Mean[k]}
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("series %d %q: %w: %v", i, s.Label, ErrBadData, err)
		}
		l.LineStyle = sty
		lines = append(lines, l)

		thumbs := []gplot.Thumbnailer{l}
		if b := newBand(s, translucent(sty.Color, bandOpacity)); b != nil {
			bands = append(bands, b)
			thumbs = []gplot.Thumbnailer{b, l}
		}
		if s.Label != "" {
			legend.Add(s.Label, thumbs...)
			labels = append(labels, s.Label)
		}
	}
	p.Add(bands...)
	p.Add(lines...)

	if c.Legend != "none" {
		top, left, _ := legendCorner(c.Legend)
		legend.Top, legend.Left = top, left
		legend.TextStyle.Font = font.From(sans, vg.Length(st.tick))
		legend.ThumbnailWidth = st.legendThumb
		legend.Padding = vg.Points(2)
		if b := newLegendBox(legend, labels); b != nil {
			p.Add(b)
		}
	}

	c.setRanges(p)
	return p, nil
}

// setRanges sets the axis ranges: x spans the data exactly; y is fixed or
// fitted to means and bands with headroom, from 0 if no mean is negative
// (on a log y axis, from the smallest value).
func (c Chart) setRanges(p *gplot.Plot) {
	xmin, xmax := math.Inf(1), math.Inf(-1)
	ymin, ymax := math.Inf(1), math.Inf(-1)
	meanMin := math.Inf(1)
	grow := func(v float64) {
		if !math.IsNaN(v) {
			ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
		}
	}
	for _, s := range c.Series {
		for i, x := range s.X {
			xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
			meanMin = math.Min(meanMin, s.Mean[i])
			grow(s.Mean[i])
			if s.Lo != nil && !math.IsNaN(s.Lo[i]) && !math.IsNaN(s.Hi[i]) {
				grow(s.Lo[i])
				grow(s.Hi[i])
			}
		}
	}
	if c.LogX && xmin == xmax {
		// A single x: a decade around it, where a linear axis would get
		// ±1 and a log axis would reach 0.
		xmin, xmax = xmin/math.Sqrt(10), xmax*math.Sqrt(10)
	}
	p.X.Min, p.X.Max = xmin, xmax

	if c.YMax > c.YMin {
		p.Y.Min, p.Y.Max = c.YMin, c.YMax
		return
	}
	if c.LogY {
		// Headroom and the single-value case as on a log x axis: in
		// decades, never reaching 0.
		if ymin == ymax {
			p.Y.Min, p.Y.Max = ymin/math.Sqrt(10), ymax*math.Sqrt(10)
			return
		}
		p.Y.Min, p.Y.Max = ymin, ymax*math.Pow(ymax/ymin, headroom)
		return
	}
	// Non-negative means (shares, counts) start the axis at 0, even when a
	// symmetric interval dips below it: the band is clipped there rather
	// than suggesting negative values are possible.
	if meanMin >= 0 {
		ymin = 0
	}
	span := ymax - ymin
	if span == 0 {
		// Constant data: all zero (ymin was clamped to 0) shows [0, 1],
		// a negative constant v shows [1.5v, 0.5v].
		if ymax == 0 {
			p.Y.Min, p.Y.Max = 0, 1
		} else {
			p.Y.Min, p.Y.Max = ymin+ymin/2, ymax-ymax/2
		}
		return
	}
	ymax += headroom * span
	if ymin < 0 {
		ymin -= headroom * span
	}
	p.Y.Min, p.Y.Max = ymin, ymax
}
