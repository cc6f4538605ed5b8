package plot

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Heatmap is a metric over a grid of two swept parameters: one cell per
// (x, y) pair, coloured on the viridis map, with a colour bar on the right.
// Both axes are categorical: cells are equal-sized whatever the parameter
// values (which may be log-spaced), and each column or row is labelled by
// its tick at the cell centre.
type Heatmap struct {
	Title  string
	XLabel string // the parameter across columns
	YLabel string // the parameter up rows
	ZLabel string // the metric; labels the colour bar

	// XTicks and YTicks label the columns and rows, typically the
	// parameter values already formatted; len(XTicks) is the number of
	// columns and len(YTicks) the number of rows of Values.
	XTicks, YTicks []string

	// Values[y][x] is the cell in row y (row 0 at the bottom) and column
	// x. NaN marks a missing cell, drawn light grey without a number.
	Values [][]float64

	// If ZMax > ZMin the colour map spans [ZMin, ZMax], and values
	// outside take the colour of the nearer end; otherwise it spans the
	// finite values.
	ZMin, ZMax float64

	// Annotate writes each cell's value in the cell, with one number of
	// decimals for all that gives the largest two significant digits
	// (0.50 and 0.93; 17 and 120), or, when values span beyond 0.001 to
	// 10⁵, to two significant digits each (%.2g), in black or
	// white, whichever contrasts more with the cell colour. The text
	// shrinks to fit narrow cells, down to 5 pt; below that it is left
	// out.
	Annotate bool
}

// DefaultHeatmapHeight is the default height in inches of a Heatmap; the
// default width is DefaultWidth.
const DefaultHeatmapHeight = 4.5

// Heatmap style, in points.
const (
	heatTickLength   = 4
	barGap           = 12 // data area to colour bar
	barWidth         = 12
	barTickLength    = 3
	barLabelPad      = 3 // tick mark to tick label
	barZLabelPad     = 6 // tick labels to ZLabel
	barStripes       = 128
	annotateSize     = 8 // largest annotation type size
	minAnnotateSize  = 5
	annotateMargin   = 2 // each side of an annotation, within its cell
	cellSeparator    = 0.75
	xTickLabelMargin = 2 // least gap between adjacent column labels
)

// missingCell is the fill of a NaN cell: a light grey, lighter than any
// viridis colour but the last yellows and clearly not a hue of the map.
var missingCell = color.NRGBA{R: 0xDD, G: 0xDD, B: 0xDD, A: 0xff}

// Save writes the heatmap to path, in the format named by its extension
// (.svg, .png or .pdf, as for Chart.Save). The size is w × h inches; w ≤ 0
// means DefaultWidth and h ≤ 0 DefaultHeatmapHeight. On error no file is
// created.
func (m Heatmap) Save(path string, w, h float64) error {
	return saveFile(path, func(out io.Writer, format string) error {
		return m.Write(out, format, w, h)
	})
}

// Write writes the heatmap to w in format "svg", "png" or "pdf" (case
// insensitive), width × height inches; width ≤ 0 means DefaultWidth and
// height ≤ 0 DefaultHeatmapHeight. SVG output is identical byte for byte
// for identical heatmaps.
func (m Heatmap) Write(w io.Writer, format string, width, height float64) error {
	return writeFigure(w, format, width, height, DefaultWidth, DefaultHeatmapHeight, m.painter)
}

// painter validates the heatmap and returns the function that draws it
// on a page.
func (m Heatmap) painter() (func(dc draw.Canvas), error) {
	if err := m.validate(); err != nil {
		return nil, err
	}
	return func(dc draw.Canvas) { m.draw(inMargins(dc)) }, nil
}

// SharedRange returns one colour range for heatmaps shown side by side,
// such as one per condition: the lowest and highest of their colour
// ranges (each map's fixed [ZMin, ZMax], or its finite values), so that
// setting ZMin, ZMax to it on every map gives a colour the same value in
// all. Maps without a finite cell are skipped; with none at all it
// returns 0, 0, which leaves each map on its own range.
func SharedRange(maps ...Heatmap) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, m := range maps {
		if m.ZMax > m.ZMin && finite(m.ZMin) && finite(m.ZMax) {
			lo, hi = min(lo, m.ZMin), max(hi, m.ZMax)
			continue
		}
		for _, row := range m.Values {
			for _, v := range row {
				if finite(v) {
					lo, hi = min(lo, v), max(hi, v)
				}
			}
		}
	}
	switch {
	case lo > hi:
		return 0, 0
	case lo == hi:
		// As zRange: a constant in the middle of the range.
		return Heatmap{Values: [][]float64{{lo}}}.zRange()
	}
	return lo, hi
}

// validate returns an error wrapping ErrNoData or ErrBadData that names
// the heatmap and the offending row, cell or field.
func (m Heatmap) validate() error {
	wrap := func(sentinel error, format string, args ...any) error {
		return fmt.Errorf("heatmap %q: %w: %s", m.Title, sentinel, fmt.Sprintf(format, args...))
	}
	if len(m.Values) == 0 || len(m.Values[0]) == 0 {
		return wrap(ErrNoData, "no cells")
	}
	nx, ny := len(m.Values[0]), len(m.Values)
	finite := 0
	for y, row := range m.Values {
		if len(row) != nx {
			return wrap(ErrBadData, "ragged Values: row %d has %d cells, row 0 has %d", y, len(row), nx)
		}
		for x, v := range row {
			if math.IsInf(v, 0) {
				return wrap(ErrBadData, "Values[%d][%d]=%v", y, x, v)
			}
			if !math.IsNaN(v) {
				finite++
			}
		}
	}
	if finite == 0 {
		return wrap(ErrNoData, "every cell is NaN")
	}
	if len(m.XTicks) != nx {
		return wrap(ErrBadData, "len(XTicks)=%d for %d columns", len(m.XTicks), nx)
	}
	if len(m.YTicks) != ny {
		return wrap(ErrBadData, "len(YTicks)=%d for %d rows", len(m.YTicks), ny)
	}
	if math.IsNaN(m.ZMin) || math.IsInf(m.ZMin, 0) || math.IsNaN(m.ZMax) || math.IsInf(m.ZMax, 0) {
		return wrap(ErrBadData, "colour range ZMin=%v, ZMax=%v", m.ZMin, m.ZMax)
	}
	return nil
}

// zRange returns the span of the colour map: [ZMin, ZMax] if ZMax > ZMin,
// else the range of the finite values. A constant v is shown in the middle
// of [v − |v|/2, v + |v|/2], or of [−0.5, 0.5] when v = 0.
func (m Heatmap) zRange() (lo, hi float64) {
	if m.ZMax > m.ZMin {
		return m.ZMin, m.ZMax
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, row := range m.Values {
		for _, v := range row {
			if !math.IsNaN(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	if lo == hi {
		if lo == 0 {
			return -0.5, 0.5
		}
		return lo - math.Abs(lo)/2, hi + math.Abs(hi)/2
	}
	return lo, hi
}

// draw draws the heatmap in c: the cells with their axes on the left, the
// colour bar on the right, level with the cells.
func (m Heatmap) draw(c draw.Canvas) {
	p, main, bar := m.layout(c)
	p.Draw(main)

	data := p.DataCanvas(main)
	x0 := data.Max.X + vg.Points(barGap)
	bar.draw(c, vg.Rectangle{
		Min: vg.Point{X: x0, Y: data.Min.Y},
		Max: vg.Point{X: x0 + vg.Points(barWidth), Y: data.Max.Y},
	})
}

// layout builds the plot of the cells and the colour bar, and returns the
// part of c left of the bar, where the plot goes.
func (m Heatmap) layout(c draw.Canvas) (p *gplot.Plot, main draw.Canvas, bar *colourBar) {
	zlo, zhi := m.zRange()
	bar = newColourBar(zlo, zhi, m.ZLabel)
	main = draw.Crop(c, 0, -(vg.Points(barGap) + bar.width()), 0, 0)
	p = m.plot(zlo, zhi)
	m.fitXTickLabels(p, main)
	// A turned first column label reaches left of its tick, past the
	// edge of the page when the y axis is narrow: move the plot right.
	if p.X.Tick.Label.Rotation != 0 {
		data := p.DataCanvas(main)
		x0 := data.Min.X + (data.Max.X-data.Min.X)/vg.Length(2*len(m.XTicks))
		if over := main.Min.X - (x0 + p.X.Tick.Label.Rectangle(m.XTicks[0]).Min.X); over > 0 {
			main.Min.X += over
		}
	}
	return p, main, bar
}

// plot builds the gonum plot of the cells, without the colour bar.
func (m Heatmap) plot(zlo, zhi float64) *gplot.Plot {
	nx, ny := len(m.Values[0]), len(m.Values)
	p := gplot.New()
	p.BackgroundColor = nil
	p.Title.Text = m.Title
	p.Title.TextStyle.Font = font.From(sans, titleSize)
	p.Title.Padding = vg.Points(8)
	p.X.Label.Text = m.XLabel
	p.Y.Label.Text = m.YLabel
	for _, ax := range []*gplot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = font.From(sans, labelSize)
		ax.Label.Padding = vg.Points(4)
		ax.Tick.Label.Font = font.From(sans, tickSize)
		ax.Tick.Length = vg.Points(heatTickLength)
		// The edge of the grid is the frame: no axis lines, which would
		// sit half a line width off the cells and leave an anti-aliased
		// seam against them in raster output.
		ax.Padding = 0
		ax.LineStyle.Width = 0
	}
	p.X.Min, p.X.Max = -0.5, float64(nx)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(ny)-0.5
	p.X.Tick.Marker = categoryTicks(m.XTicks)
	p.Y.Tick.Marker = categoryTicks(m.YTicks)
	p.Add(&cells{values: m.Values, zlo: zlo, zhi: zhi, annotate: m.Annotate})
	return p
}

// categoryTicks labels cell centres 0, 1, … with labels.
func categoryTicks(labels []string) gplot.ConstantTicks {
	ticks := make(gplot.ConstantTicks, len(labels))
	for i, l := range labels {
		ticks[i] = gplot.Tick{Value: float64(i), Label: l}
	}
	return ticks
}

// fitXTickLabels turns the column labels by 45° when the widest does not
// fit in a column of the plot drawn in c.
func (m Heatmap) fitXTickLabels(p *gplot.Plot, c draw.Canvas) {
	data := p.DataCanvas(c)
	column := (data.Max.X - data.Min.X) / vg.Length(len(m.XTicks))
	var widest vg.Length
	for _, l := range m.XTicks {
		widest = max(widest, p.X.Tick.Label.Width(l))
	}
	if widest+vg.Points(xTickLabelMargin) > column {
		// Right-aligned at the tick, the label ends under its cell.
		p.X.Tick.Label.Rotation = math.Pi / 4
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YTop
	}
}

// cells is the plot.Plotter of the heatmap's cells, at integer
// coordinates (x, y) with unit size.
type cells struct {
	values   [][]float64
	zlo, zhi float64
	annotate bool
}

// colour returns the fill of a cell of value v.
func (cl *cells) colour(v float64) color.Color {
	if math.IsNaN(v) {
		return missingCell
	}
	return viridis((v - cl.zlo) / (cl.zhi - cl.zlo))
}

// Plot implements plot.Plotter: the fills, thin white separators (which
// also hide the hairline seams that anti-aliasing leaves between
// abutting fills in raster output), then the annotations.
func (cl *cells) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	nx, ny := len(cl.values[0]), len(cl.values)
	for y, row := range cl.values {
		for x, v := range row {
			x0, x1 := trX(float64(x)-0.5), trX(float64(x)+0.5)
			y0, y1 := trY(float64(y)-0.5), trY(float64(y)+0.5)
			c.FillPolygon(cl.colour(v), []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}})
		}
	}
	sep := draw.LineStyle{Color: color.White, Width: vg.Points(cellSeparator)}
	for x := 1; x < nx; x++ {
		xs := trX(float64(x) - 0.5)
		c.StrokeLine2(sep, xs, c.Min.Y, xs, c.Max.Y)
	}
	for y := 1; y < ny; y++ {
		ys := trY(float64(y) - 0.5)
		c.StrokeLine2(sep, c.Min.X, ys, c.Max.X, ys)
	}
	if !cl.annotate {
		return
	}

	cellW := (c.Max.X - c.Min.X) / vg.Length(nx)
	cellH := (c.Max.Y - c.Min.Y) / vg.Length(ny)
	sty := text.Style{
		Font:    font.From(sans, annotateSize),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: gplot.DefaultTextHandler,
	}
	label := annotations(cl.values)
	// One size for every cell, the largest at which the widest label
	// fits; Rectangle covers ascent and descent.
	var widest vg.Length
	for _, row := range cl.values {
		for _, v := range row {
			if !math.IsNaN(v) {
				widest = max(widest, sty.Width(label(v)))
			}
		}
	}
	margin := 2 * vg.Points(annotateMargin)
	scale := min(1, float64((cellW-margin)/widest), float64((cellH-margin)/sty.Height("0")))
	size := annotateSize * scale
	if size < minAnnotateSize {
		return
	}
	sty.Font = font.From(sans, vg.Points(size))
	for y, row := range cl.values {
		for x, v := range row {
			if math.IsNaN(v) {
				continue
			}
			sty.Color = contrastText(cl.colour(v))
			c.FillText(sty, vg.Point{X: trX(float64(x)), Y: trY(float64(y))}, label(v))
		}
	}
}

// annotations returns the formatter of a map's cells: one number of
// decimals for all, as a table column has, giving the largest |value| two
// significant digits (0.50 beside 0.93, not 0.5; 17 beside 120), when every
// finite value is 0 or of magnitude 0.001 to 10⁵; else annotation, cell
// by cell.
func annotations(values [][]float64) func(float64) string {
	top := 0.0
	for _, row := range values {
		for _, v := range row {
			a := math.Abs(v)
			switch {
			case math.IsNaN(v) || v == 0:
			case a < 1e-3 || a >= 1e5:
				return annotation
			default:
				top = max(top, a)
			}
		}
	}
	if top == 0 {
		return annotation
	}
	d := max(0, 1-int(math.Floor(math.Log10(top))))
	return func(v float64) string {
		s := strconv.FormatFloat(v, 'f', d, 64)
		if strings.Trim(s, "-0.") == "" {
			s = strings.TrimPrefix(s, "-") // −0.00 would print as "-0.00"
		}
		return s
	}
}

// annotation formats a cell value to two significant digits, as %.2g,
// but in plain decimals from 0.001 up to 10⁵, where %.2g would write 120
// as 1.2e+02: 0.0012, 0.5, 17, 120, 12000; 1.2e-05, 1.2e+05.
func annotation(v float64) string {
	if v == 0 {
		v = 0 // −0 would print as "-0"
	}
	s := strconv.FormatFloat(v, 'g', 2, 64)
	if a := math.Abs(v); a >= 1e-3 && a < 1e5 && strings.ContainsRune(s, 'e') {
		r, _ := strconv.ParseFloat(s, 64)
		s = strconv.FormatFloat(r, 'f', -1, 64)
	}
	return s
}

// colourBar is the vertical legend of the viridis map from lo to hi, with
// labelled ticks on its right and its label, turned 90°, beyond them.
type colourBar struct {
	lo, hi      float64
	ticks       []gplot.Tick // labelled only
	tickStyle   text.Style
	label       string
	labelStyle  text.Style
	widestLabel vg.Length
}

func newColourBar(lo, hi float64, label string) *colourBar {
	b := &colourBar{
		lo: lo, hi: hi, label: label,
		tickStyle: text.Style{
			Color: color.Black, Font: font.From(sans, tickSize),
			XAlign: draw.XLeft, YAlign: draw.YCenter, Handler: gplot.DefaultTextHandler,
		},
		labelStyle: text.Style{
			Color: color.Black, Font: font.From(sans, labelSize),
			// Reading upwards, top towards the bar, as a y-axis label
			// mirrored to the right.
			Rotation: math.Pi / 2, XAlign: draw.XCenter, YAlign: draw.YTop,
			Handler: gplot.DefaultTextHandler,
		},
	}
	for _, t := range (niceTicks{}).Ticks(lo, hi) {
		if !t.IsMinor() {
			b.ticks = append(b.ticks, t)
			b.widestLabel = max(b.widestLabel, b.tickStyle.Width(t.Label))
		}
	}
	return b
}

// width is the room the bar takes right of its gap: bar, ticks, tick
// labels and label.
func (b *colourBar) width() vg.Length {
	w := vg.Points(barWidth + barTickLength + barLabelPad)
	w += b.widestLabel
	if b.label != "" {
		w += vg.Points(barZLabelPad) + b.labelStyle.Height(b.label)
	}
	return w
}

// draw draws the bar filling r, its ticks and labels to the right of r.
func (b *colourBar) draw(c draw.Canvas, r vg.Rectangle) {
	// Each stripe runs from its lower edge to the top of the bar and the
	// next one is painted over it, so no background shows between
	// stripes in any renderer.
	h := r.Max.Y - r.Min.Y
	for i := range barStripes {
		y := r.Min.Y + h*vg.Length(i)/barStripes
		c.FillPolygon(viridis((float64(i)+0.5)/barStripes), []vg.Point{
			{X: r.Min.X, Y: y}, {X: r.Min.X, Y: r.Max.Y}, {X: r.Max.X, Y: r.Max.Y}, {X: r.Max.X, Y: y},
		})
	}
	frame := draw.LineStyle{Color: color.Black, Width: vg.Points(0.5)}
	c.StrokeLines(frame, []vg.Point{r.Min, {X: r.Min.X, Y: r.Max.Y}, r.Max, {X: r.Max.X, Y: r.Min.Y}, r.Min})

	for _, t := range b.ticks {
		y := r.Min.Y + h*vg.Length((t.Value-b.lo)/(b.hi-b.lo))
		c.StrokeLine2(frame, r.Max.X, y, r.Max.X+vg.Points(barTickLength), y)
		c.FillText(b.tickStyle, vg.Point{X: r.Max.X + vg.Points(barTickLength+barLabelPad), Y: y}, t.Label)
	}
	if b.label != "" {
		x := r.Max.X + vg.Points(barTickLength+barLabelPad+barZLabelPad) + b.widestLabel
		c.FillText(b.labelStyle, vg.Point{X: x, Y: (r.Min.Y + r.Max.Y) / 2}, b.label)
	}
}
