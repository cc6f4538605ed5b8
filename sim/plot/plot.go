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
	"gonum.org/v1/plot/text"
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

// Style constants of a single-column journal figure.
const (
	lineWidth   = 1.5  // pt, mean lines
	bandOpacity = 0.25 // of the series colour
	titleSize   = 11   // pt
	labelSize   = 10   // pt, axis labels
	tickSize    = 9    // pt, tick and legend labels
	headroom    = 0.05 // of the y span, added beyond the data when auto-ranging
	xPad        = 0.03 // of the x span (log span on a log axis), each side, with markers or design ticks
)

var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// style holds the type sizes and tick density of one kind of figure.
type style struct {
	title, label, tick float64   // pt; tick also sizes legend entries
	titlePad           vg.Length // between the title and the plot
	ticks              int       // labelled intervals aimed at per axis
}

// chartStyle is the style of a stand-alone Chart.
var chartStyle = style{
	title: titleSize, label: labelSize, tick: tickSize,
	titlePad: vg.Points(8), ticks: targetTicks,
}

// Series is one line of a chart, with an optional confidence band.
type Series struct {
	Label  string    // legend entry; empty for none
	X      []float64 // steps, expected in increasing order
	Mean   []float64
	Lo, Hi []float64 // optional CI band (both nil → no band); same length as X
	// Key names the series for its colour, dash and marker (see
	// Colours); empty means Label. Series with the same key look the
	// same in every chart that shares a ColourMap.
	Key string
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
	// Legend is "" or "auto" (default): inside the data area, in the
	// first of the corners and edge centres where the box hides no line,
	// band, marker or event, else outside, right of the data area or, if
	// too wide for that, below it in rows. "top-right", "top-left",
	// "bottom-right" or "bottom-left" is tried first, then auto: a legend
	// never covers data. "outside-right" and "outside-bottom" put it
	// outside; "none" leaves it out. A chart of one series has none.
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

	// XTicks, if set, labels x at exactly these values, typically the
	// design values of a swept parameter (1, 3, 5, 7, 9), in increasing
	// order, > 0 on a log axis. Labels are %g-style with the fewest
	// decimals that tell the values apart, shared by all. The x range
	// covers the first and last tick and the data, padded by 3% each side.
	XTicks []float64
	// Markers draws a marker at every point of every series, in the
	// series' shape and colour: for sweep lines, whose points are design
	// points. The x range is then padded by 3% each side so that no
	// marker sits on the frame.
	Markers bool
	// Events marks moments on a time plot, such as interventions; see
	// Event. Events outside the x range are not drawn.
	Events []Event
	// Colours fixes the colour, dash and marker of series by key (see
	// Colours); series whose key it lacks take free slots. Nil: the
	// chart assigns slots from its own keys, by name, not by order.
	Colours ColourMap
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
	return writeFigure(w, format, width, height, DefaultWidth, DefaultHeight, c.painter)
}

// painter validates the chart and returns the function that draws it on
// a page.
func (c Chart) painter() (func(dc draw.Canvas), error) {
	p, entries, err := c.plot(chartStyle, c.Colours)
	if err != nil {
		return nil, err
	}
	return func(dc draw.Canvas) {
		p.BackgroundColor = nil
		c.draw(inMargins(dc), p, entries, chartStyle)
	}, nil
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
	if _, _, err := parseLegend(c.Legend); err != nil {
		return err
	}
	for i, x := range c.XTicks {
		switch {
		case !finite(x):
			return fmt.Errorf("%w: XTicks[%d]=%v", ErrBadData, i, x)
		case c.LogX && !(x > 0):
			return fmt.Errorf("%w: XTicks[%d]=%v, want > 0 on a log axis", ErrBadData, i, x)
		case i > 0 && !(x > c.XTicks[i-1]):
			return fmt.Errorf("%w: XTicks[%d]=%v after %v, want increasing values", ErrBadData, i, x, c.XTicks[i-1])
		}
	}
	for i, e := range c.Events {
		if !finite(e.X) || c.LogX && !(e.X > 0) {
			return fmt.Errorf("%w: Events[%d] %q: X=%v", ErrBadData, i, e.Label, e.X)
		}
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

// translucent returns clr with its opacity multiplied by a.
func translucent(clr color.Color, a float64) color.Color {
	n := color.NRGBAModel.Convert(clr).(color.NRGBA)
	n.A = uint8(math.Round(float64(n.A) * a))
	return n
}

// plot validates the chart and builds its gonum plot in style st, with
// series styled by colours (see slots): event lines first, then bands,
// lines and markers, so that every band lies under every line. It returns
// the legend entries too, which draw places.
func (c Chart) plot(st style, colours ColourMap) (*gplot.Plot, []legendEntry, error) {
	if err := c.validate(); err != nil {
		return nil, nil, err
	}

	p := newPlot(c.Title, c.XLabel, c.YLabel, st)
	if c.LogX {
		p.X.Scale = gplot.LogScale{}
		p.X.Tick.Marker = logTicks{}
	}
	if c.LogY {
		p.Y.Scale = gplot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	}
	if c.XTicks != nil {
		p.X.Tick.Marker = designTicks(c.XTicks, c.LogX)
	}

	var (
		bands, lines, marks []gplot.Plotter
		entries             []legendEntry
	)
	if len(c.Events) > 0 {
		p.Add(eventLines(c.Events))
	}
	for i, slot := range slots(c.Series, colours) {
		s := c.Series[i]
		lk := look(slot)
		xys := make(plotter.XYs, len(s.X))
		for k := range xys {
			xys[k] = plotter.XY{X: s.X[k], Y: s.Mean[k]}
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, nil, fmt.Errorf("series %d %q: %w: %v", i, s.Label, ErrBadData, err)
		}
		l.LineStyle = lk.line
		lines = append(lines, l)
		if c.Markers {
			marks = append(marks, &markers{xys: xys, sty: lk.marker})
		}
		b := newBand(s, translucent(lk.line.Color, bandOpacity))
		if b != nil {
			bands = append(bands, b)
		}
		if s.Label != "" {
			entries = append(entries, legendEntry{label: s.Label, look: lk, band: b != nil, marker: c.Markers})
		}
	}
	p.Add(bands...)
	p.Add(lines...)
	p.Add(marks...)
	c.setRanges(p)
	return p, entries, nil
}

// newPlot returns a gonum plot with the title and axis labels given, in
// the type sizes of st, with its nice ticks on both axes.
func newPlot(title, xLabel, yLabel string, st style) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, vg.Length(st.title))
	p.Title.Padding = st.titlePad
	for _, ax := range []*gplot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = font.From(sans, vg.Length(st.label))
		ax.Tick.Label.Font = font.From(sans, vg.Length(st.tick))
		ax.Label.Padding = vg.Points(4)
		ax.Tick.Marker = niceTicks{n: st.ticks}
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	return p
}

// draw draws the chart, built by plot in style st, in dc: the plot, the
// event labels above its data area, and the legend where it hides no
// data (see Chart.Legend).
func (c Chart) draw(dc draw.Canvas, p *gplot.Plot, entries []legendEntry, st style) {
	if c.Legend == "none" || len(c.Series) < 2 {
		entries = nil
	}
	drawFigure(dc, p, st, c.Events, entries, c.Legend, func(d draw.Canvas) *obstacles { return c.obstacles(p, d) })
}

// drawFigure draws in dc the plot p, built in style st with the lines of
// events, the events' labels above its data area, and a legend of
// entries (none when empty) placed as legendOpt says (see Chart.Legend):
// inside where it meets nothing of obs(data area), else outside.
func drawFigure(dc draw.Canvas, p *gplot.Plot, st style, events []Event, entries []legendEntry, legendOpt string, obs func(d draw.Canvas) *obstacles) {
	first, outside, _ := parseLegend(legendOpt)
	lsty := text.Style{Color: color.Black, Font: font.From(sans, vg.Length(st.tick)), Handler: gplot.DefaultTextHandler}
	lg := newLegend(entries, lsty, 0)

	// layout returns, for the plot drawn in area, the canvas to give it
	// (less the rows of event labels when there is no title; below a
	// title they widen its padding), its data area and the event labels.
	layout := func(area draw.Canvas) (pc, d draw.Canvas, labels []eventLabel) {
		p.Title.Padding = st.titlePad
		pc = area
		d = p.DataCanvas(pc)
		if len(events) == 0 {
			return pc, d, nil
		}
		trX, _ := p.Transforms(&d)
		labels, rows := layoutEvents(events, trX, d.Rectangle, area.Max.X)
		if p.Title.Text != "" {
			p.Title.Padding += eventBand(rows)
		} else {
			pc.Max.Y -= eventBand(rows)
		}
		return pc, p.DataCanvas(pc), labels
	}

	area, at := dc, vg.Point{}
	if lg != nil {
		data := func(a draw.Canvas) draw.Canvas { _, d, _ := layout(a); return d }
		area, lg, at = placeLegend(dc, lg, entries, lsty, first, outside, data, obs)
	}
	pc, d, labels := layout(area)
	p.Draw(pc)
	if len(labels) > 0 {
		drawEventLabels(dc, labels, d.Rectangle)
	}
	if lg != nil {
		lg.draw(dc, at)
	}
}

// markers is the plot.Plotter of the markers of one series at its
// points, drawn where they fall in the data area.
type markers struct {
	xys plotter.XYs
	sty draw.GlyphStyle
}

// Plot implements plot.Plotter.
func (m *markers) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	in := inflate(c.Rectangle, 0.5)
	for _, xy := range m.xys {
		if pt := (vg.Point{X: trX(xy.X), Y: trY(xy.Y)}); inRect(pt, in) {
			c.DrawGlyphNoClip(m.sty, pt)
		}
	}
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
	if len(c.XTicks) > 0 {
		xmin, xmax = min(xmin, c.XTicks[0]), max(xmax, c.XTicks[len(c.XTicks)-1])
	}
	if (c.Markers || len(c.XTicks) > 0) && xmax > xmin {
		// Room for the first and last marker and tick label inside the
		// frame.
		if c.LogX {
			f := math.Pow(xmax/xmin, xPad)
			xmin, xmax = xmin/f, xmax*f
		} else {
			pad := xPad * (xmax - xmin)
			xmin, xmax = xmin-pad, xmax+pad
		}
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
