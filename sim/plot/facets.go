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

// Facets is a grid of small multiples: one Chart per panel, typically one
// per point of a parameter sweep, on common axes so that panels compare
// at a glance. Panels fill the grid row by row from the top left.
//
// Every panel spans the same x range, and by default the same y range.
// Panels[0] gives the axis labels, each drawn once (x centred under the
// grid, y centred left of it), and whether x is on a log scale (LogX).
// Tick labels are drawn only on the outer edges of the grid: x on the
// lowest panel of each column, y on the first column (on every panel when
// SeparateY is set). Each panel keeps its own Title, Legend corner and
// fixed YMin, YMax.
//
// Legends: when every panel has the same two or more series labels, in
// the same order, one legend is drawn for all, in a row between the title
// and the panels; otherwise each panel with more than one series has its
// own, in the corner its Legend names. Series i has the same colour and
// dash pattern in every panel.
type Facets struct {
	Title  string
	Panels []Chart
	// Columns is the number of panel columns; 0 means ⌈√n⌉ for n panels.
	Columns int
	// SeparateY fits the y axis of each panel to its own data instead of
	// sharing one range across all panels.
	SeparateY bool
}

// Facets style.
var facetStyle = style{
	title: 9, label: labelSize, tick: 8,
	titlePad: vg.Points(3), ticks: 3, legendThumb: vg.Points(16),
}

const (
	facetTickLength = 4  // pt
	facetPadX       = 8  // pt, between panel columns
	facetPadY       = 6  // pt, between panel rows
	facetLabelPad   = 4  // pt, shared axis label to the panels
	facetTitlePad   = 6  // pt, figure title to the panels
	legendRowThumb  = 18 // pt, width of a line sample in the shared legend
	legendRowGap    = 4  // pt, sample to its label
	legendRowSpace  = 14 // pt, label to the next sample

	// Default height: per row, 0.35 in for the panel title and x axis
	// plus 0.55 times the column width, which leaves data areas about
	// 0.65 to 0.75 times as tall as wide; plus 0.6 in for the figure
	// title, legend and x label; at most a page of 9 in.
	facetRowExtra  = 0.35 // in
	facetAspect    = 0.55
	facetExtra     = 0.6 // in
	facetMaxHeight = 9.0 // in
)

// Save writes the facets to path, in the format named by its extension
// (.svg, .png or .pdf, as for Chart.Save). The size is w × h inches; w ≤ 0
// means DefaultWidth and h ≤ 0 a height that grows with the number of rows
// (see Write). On error no file is created.
func (f Facets) Save(path string, w, h float64) error {
	return saveFile(path, func(out io.Writer, format string) error {
		return f.Write(out, format, w, h)
	})
}

// Write writes the facets to w in format "svg", "png" or "pdf" (case
// insensitive), width × height inches. Width ≤ 0 means DefaultWidth;
// height ≤ 0 means 0.6 in plus, per row, 0.35 in + 0.55 × the column
// width, at most 9 in, rounded to 0.1 in: 4.9, 5.2 and 5.6 in for 2 × 2,
// 3 × 3 and 4 × 4 panels on the default width. SVG output is identical
// byte for byte for identical facets.
func (f Facets) Write(w io.Writer, format string, width, height float64) error {
	format, err := parseFormat(format)
	if err != nil {
		return err
	}
	if err := f.validate(); err != nil {
		return err
	}
	rows, cols := f.grid()
	if width <= 0 {
		width = DefaultWidth
	}
	// Rounded to 0.1 in: a round size, and a whole number of pixels.
	defH := min(facetExtra+float64(rows)*(facetRowExtra+facetAspect*width/float64(cols)), facetMaxHeight)
	defH = math.Round(defH*10) / 10
	wl, hl, err := pageSize(width, height, DefaultWidth, defH)
	if err != nil {
		return err
	}
	plots := f.plots()
	return render(w, format, wl, hl, func(dc draw.Canvas) {
		f.draw(inMargins(dc), plots)
	})
}

// validate checks the options and every panel, with Panels[0].LogX, and
// returns an error naming the offending panel.
func (f Facets) validate() error {
	if len(f.Panels) == 0 {
		return fmt.Errorf("facets %q: %w: no panels", f.Title, ErrNoData)
	}
	if f.Columns < 0 {
		return fmt.Errorf("plot: facets %q: Columns=%d, want ≥ 0", f.Title, f.Columns)
	}
	for i, c := range f.Panels {
		c.LogX = f.Panels[0].LogX
		if err := c.validate(); err != nil {
			return fmt.Errorf("facets %q: panel %d %q: %w", f.Title, i, c.Title, err)
		}
	}
	return nil
}

// grid returns the number of rows and columns of panels.
func (f Facets) grid() (rows, cols int) {
	n := len(f.Panels)
	cols = f.Columns
	if cols == 0 {
		cols = int(math.Ceil(math.Sqrt(float64(n))))
	}
	return (n + cols - 1) / cols, cols
}

// plots builds the panels as a rows × cols grid, nil after the last
// panel, on shared ranges and with tick labels on the outer edges only.
func (f Facets) plots() [][]*gplot.Plot {
	rows, cols := f.grid()
	oneLegend := sameLegends(f.Panels)

	grid := make([][]*gplot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*gplot.Plot, cols)
	}
	var all []*gplot.Plot
	for i, c := range f.Panels {
		c.XLabel, c.YLabel = "", ""
		c.LogX = f.Panels[0].LogX
		if len(c.Series) < 2 || oneLegend {
			c.Legend = "none"
		}
		p, err := c.plot(facetStyle)
		if err != nil {
			panic(err) // validated by Write
		}
		// Panel titles are drawn by Facets.draw, level across each row.
		p.Title.Text = ""
		grid[i/cols][i%cols] = p
		all = append(all, p)
	}

	// Shared ranges, the union of what each panel fitted for itself.
	share := func(ax func(*gplot.Plot) *gplot.Axis) {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, p := range all {
			lo, hi = min(lo, ax(p).Min), max(hi, ax(p).Max)
		}
		for _, p := range all {
			ax(p).Min, ax(p).Max = lo, hi
		}
	}
	share(func(p *gplot.Plot) *gplot.Axis { return &p.X })
	if !f.SeparateY {
		share(func(p *gplot.Plot) *gplot.Axis { return &p.Y })
	}

	n := len(f.Panels)
	for i, p := range all {
		labelX := i+cols >= n // nothing below in this column
		labelY := f.SeparateY || i%cols == 0
		edgeTicks(&p.X, labelX)
		edgeTicks(&p.Y, labelY)
	}
	return grid
}

// sameLegends reports whether every panel has the same two or more
// series labels in the same order, so that one legend serves them all.
func sameLegends(panels []Chart) bool {
	labels := func(c Chart) []string {
		var l []string
		for _, s := range c.Series {
			l = append(l, s.Label)
		}
		return l
	}
	first := labels(panels[0])
	if len(first) < 2 || slices.Contains(first, "") {
		return false
	}
	for _, c := range panels[1:] {
		if !slices.Equal(labels(c), first) {
			return false
		}
	}
	return true
}

// edgeTicks keeps only the major ticks of ax, labelled if labelled. A
// tick without a label is drawn as a minor tick, at half the axis tick
// length, so unlabelled axes get twice the length to keep marks alike.
func edgeTicks(ax *gplot.Axis, labelled bool) {
	ax.Tick.Marker = majorTicks{ticker: ax.Tick.Marker, labelled: labelled}
	ax.Tick.Length = vg.Points(facetTickLength)
	if !labelled {
		ax.Tick.Length *= 2
	}
}

// majorTicks is the major ticks of a ticker, with or without labels.
type majorTicks struct {
	ticker   gplot.Ticker
	labelled bool
}

// Ticks implements plot.Ticker.
func (m majorTicks) Ticks(lo, hi float64) []gplot.Tick {
	var ticks []gplot.Tick
	for _, t := range m.ticker.Ticks(lo, hi) {
		if t.IsMinor() {
			continue
		}
		if !m.labelled {
			t.Label = ""
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// draw draws the title, the shared axis labels and the panels in c.
func (f Facets) draw(c draw.Canvas, plots [][]*gplot.Plot) {
	textStyle := func(size vg.Length) text.Style {
		return text.Style{Color: color.Black, Font: font.From(sans, size), Handler: gplot.DefaultTextHandler}
	}
	xLabel, yLabel := f.Panels[0].XLabel, f.Panels[0].YLabel

	area := c
	if f.Title != "" {
		sty := textStyle(titleSize)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, f.Title)
		area.Max.Y -= sty.Height(f.Title) + vg.Points(facetTitlePad)
	}
	if sameLegends(f.Panels) {
		area.Max.Y = f.drawLegendRow(area, textStyle(tickSize))
	}
	labelSty := textStyle(labelSize)
	if xLabel != "" {
		area.Min.Y += labelSty.Height(xLabel) + vg.Points(facetLabelPad)
	}
	if yLabel != "" {
		area.Min.X += labelSty.Height(yLabel) + vg.Points(facetLabelPad)
	}

	// Panel titles go in a band above each row of panels. gonum/plot
	// would put them at the top of each panel's canvas, which Align
	// raises where a tick label overhangs the data area, and centre them
	// on the canvas, y tick labels included.
	tiles := func(titleBand vg.Length) draw.Tiles {
		return draw.Tiles{
			Rows: len(plots), Cols: len(plots[0]),
			PadX: vg.Points(facetPadX), PadY: vg.Points(facetPadY) + titleBand,
			PadTop: titleBand,
		}
	}
	// The band's height does not change the panels' width, which sets
	// the titles' size and wrapping, and so the band's height.
	dataWidth := vg.Length(math.Inf(1))
	for r, row := range gplot.Align(plots, tiles(0), area) {
		for k, cv := range row {
			if p := plots[r][k]; p != nil {
				d := p.DataCanvas(cv)
				dataWidth = min(dataWidth, d.Max.X-d.Min.X)
			}
		}
	}
	titles, titleSty, titleBand := fitTitles(f.Panels, dataWidth+vg.Points(facetPadX))
	canvases := gplot.Align(plots, tiles(titleBand), area)
	data := vg.Rectangle{
		Min: vg.Point{X: vg.Length(math.Inf(1)), Y: vg.Length(math.Inf(1))},
		Max: vg.Point{X: vg.Length(math.Inf(-1)), Y: vg.Length(math.Inf(-1))},
	}
	for r, row := range plots {
		// Align levels the data areas of a row, not the canvases: a
		// canvas reaches higher where a y tick label overhangs the top of
		// the data area. Titles go above the highest.
		var top vg.Length = vg.Length(math.Inf(-1))
		for k, p := range row {
			if p != nil {
				top = max(top, canvases[r][k].Max.Y)
			}
		}
		for k, p := range row {
			if p == nil {
				continue
			}
			p.Draw(canvases[r][k])
			d := p.DataCanvas(canvases[r][k])
			if title := titles[r*len(row)+k]; title != "" {
				y := top + facetStyle.titlePad
				c.FillText(titleSty, vg.Point{X: (d.Min.X + d.Max.X) / 2, Y: y}, title)
			}
			data.Min.X, data.Min.Y = min(data.Min.X, d.Min.X), min(data.Min.Y, d.Min.Y)
			data.Max.X, data.Max.Y = max(data.Max.X, d.Max.X), max(data.Max.Y, d.Max.Y)
		}
	}

	// Shared labels centred on the panels' data areas.
	if xLabel != "" {
		sty := labelSty
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
		c.FillText(sty, vg.Point{X: (data.Min.X + data.Max.X) / 2, Y: c.Min.Y}, xLabel)
	}
	if yLabel != "" {
		sty := labelSty
		sty.Rotation = math.Pi / 2
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		c.FillText(sty, vg.Point{X: c.Min.X, Y: (data.Min.Y + data.Max.Y) / 2}, yLabel)
	}
}

// drawLegendRow draws the legend of Panels[0] as one centred row at the
// top of c, sample then label for each series, and returns the y below it.
func (f Facets) drawLegendRow(c draw.Canvas, sty text.Style) vg.Length {
	series := f.Panels[0].Series
	thumb, gap, space := vg.Points(legendRowThumb), vg.Points(legendRowGap), vg.Points(legendRowSpace)
	var width vg.Length
	for i, s := range series {
		if i > 0 {
			width += space
		}
		width += thumb + gap + sty.Width(s.Label)
	}
	rowH := sty.Height("Ag")
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	x := c.Center().X - width/2
	mid := c.Max.Y - rowH/2
	for i, s := range series {
		line := seriesStyle(i)
		if b := newBand(s, translucent(line.Color, bandOpacity)); b != nil {
			swatch := c
			swatch.Rectangle = vg.Rectangle{
				Min: vg.Point{X: x, Y: mid - rowH/2},
				Max: vg.Point{X: x + thumb, Y: mid + rowH/2},
			}
			b.Thumbnail(&swatch)
		}
		c.StrokeLine2(line, x, mid, x+thumb, mid)
		c.FillText(sty, vg.Point{X: x + thumb + gap, Y: mid}, s.Label)
		x += thumb + gap + sty.Width(s.Label) + space
	}
	return c.Max.Y - rowH - vg.Points(facetTitlePad)
}

// Panel titles shrink from facetStyle.title down to oneLineTitleSize
// points to fit on one line above their panel, or else down to
// minTitleSize on at most maxTitleLines lines.
const (
	oneLineTitleSize = 7.5
	minTitleSize     = 6
	maxTitleLines    = 2
	titleSizeStep    = 0.5
)

// fitTitles returns the titles of panels, wrapped at spaces, in the
// largest type size at which all fit within width on one line, or else in
// at most maxTitleLines lines, or else wrapped at minTitleSize (and wider
// than width); their style, centred above a point; and the height of the
// band they need, padding included, 0 if there are none.
func fitTitles(panels []Chart, width vg.Length) (titles []string, sty text.Style, band vg.Length) {
	titles = make([]string, len(panels))
	sty = text.Style{
		Color: color.Black, XAlign: draw.XCenter, YAlign: draw.YBottom,
		Handler: gplot.DefaultTextHandler,
	}
	// One line in a slightly smaller type reads better, and leaves the
	// panels more room, than two lines in the full size.
	fit := func(smallest float64, lines int) bool {
		for size := facetStyle.title; size >= smallest; size -= titleSizeStep {
			sty.Font = font.From(sans, vg.Points(size))
			fits := true
			for i, c := range panels {
				var n int
				titles[i], n = wrap(c.Title, sty, width)
				fits = fits && n <= lines
			}
			if fits {
				return true
			}
		}
		return false
	}
	if !fit(oneLineTitleSize, 1) {
		fit(minTitleSize, maxTitleLines)
	}
	for _, t := range titles {
		if t != "" {
			band = max(band, sty.Height(t)+facetStyle.titlePad)
		}
	}
	return titles, sty, band
}

// wrap breaks s at spaces into lines no wider than width in sty, and
// returns the lines joined by newlines and their number, which is
// maxTitleLines + 1 if a single word is wider than width.
func wrap(s string, sty text.Style, width vg.Length) (string, int) {
	if s == "" {
		return "", 0
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if sty.Width(word) > width {
			return s, maxTitleLines + 1
		}
		switch {
		case line == "":
			line = word
		case sty.Width(line+" "+word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	lines = append(lines, line)
	return strings.Join(lines, "\n"), len(lines)
}
