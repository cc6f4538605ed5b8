package plot

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Facets is a grid of small multiples: one Chart per panel, typically one
// per point of a parameter sweep, on common axes so that panels compare
// at a glance. Panels fill the grid row by row from the top left; the
// cells after the last panel stay empty (no frame is drawn there).
//
// Every panel spans the same x range, and by default the same y range.
// Panels[0] gives the axis labels, each drawn once (x centred under the
// grid, y centred left of it), whether x is on a log scale (LogX), and
// its XTicks for every panel. Tick labels are drawn only on the outer
// edges of the grid: x on the lowest panel of each column, y on the first
// column (on every panel when SeparateY is set). Each panel keeps its own
// Title, fixed YMin, YMax, Markers and Events (lines only: event labels
// would crowd small panels).
//
// Legend: one for all panels, in rows under the title, listing each
// labelled series key once (in order of first appearance), when the
// panels have two or more keys between them. A key has the same colour,
// dash and marker in every panel (see Colours); panels draw no legend of
// their own.
//
// Panels are at least minPanelWidth (1.4 in) wide: Columns, or ⌈√n⌉ by
// default, is lowered until they are, and the grid grows more rows (and
// the default height with them). For many panels, split them into pages
// with [Facets.Pages].
type Facets struct {
	Title  string
	Panels []Chart
	// Columns is the most panel columns; 0 means ⌈√n⌉ for n panels.
	// Fewer are used when panels would be narrower than 1.4 in.
	Columns int
	// SeparateY fits the y axis of each panel to its own data instead of
	// sharing one range across all panels.
	SeparateY bool
	// Colours fixes the colour, dash and marker of series by key, as
	// Chart.Colours; keys it lacks take free slots, the same in every
	// panel.
	Colours ColourMap
}

// Facets style.
var facetStyle = style{
	title: 9, label: labelSize, tick: 8,
	titlePad: vg.Points(3), ticks: 3,
}

const (
	facetTickLength = 4 // pt
	facetPadX       = 8 // pt, between panel columns
	facetPadY       = 6 // pt, between panel rows
	facetLabelPad   = 4 // pt, shared axis label to the panels
	facetTitlePad   = 6 // pt, figure title to the panels

	// minPanelWidth is the narrowest panel, in inches, y tick labels
	// included: three readable 8 pt tick labels and a line shape.
	minPanelWidth = 1.4

	// Default height: per row, 0.35 in for the panel title and x axis
	// plus 0.55 times the column width, which leaves data areas about
	// 0.65 to 0.75 times as tall as wide; plus 0.6 in for the figure
	// title, legend and x label, and 0.15 in per extra legend row or
	// panel title line.
	facetRowExtra  = 0.35 // in
	facetAspect    = 0.55
	facetExtra     = 0.6  // in
	facetLineExtra = 0.15 // in
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
	wl, hl, paint, err := f.painter(width, height)
	if err != nil {
		return err
	}
	return render(w, format, wl, hl, paint)
}

// painter validates the facets and returns the page size and the
// function that draws them on the page.
func (f Facets) painter(width, height float64) (wl, hl vg.Length, paint func(dc draw.Canvas), err error) {
	if err := f.validate(); err != nil {
		return 0, 0, nil, err
	}
	if width <= 0 {
		width = DefaultWidth
	}
	rows, cols := f.grid(width)
	// Rounded to 0.1 in: a round size, and a whole number of pixels.
	defH := facetExtra + float64(rows)*(facetRowExtra+facetAspect*width/float64(cols))
	defH += facetLineExtra * float64(f.extraLines(width))
	defH = math.Round(defH*10) / 10
	wl, hl, err = pageSize(width, height, DefaultWidth, defH)
	if err != nil {
		return 0, 0, nil, err
	}
	plots, entries := f.plots(width)
	return wl, hl, func(dc draw.Canvas) {
		f.draw(inMargins(dc), plots, entries)
	}, nil
}

// extraLines estimates the lines of text beyond one legend row and one
// line of panel titles that the default height makes room for.
func (f Facets) extraLines(width float64) int {
	_, cols := f.grid(width)
	w := vg.Length(width)*vg.Inch - vg.Points(marginLeft+marginRight)
	lg := newLegend(f.legendEntries(f.colours()), legendTextStyle(), w)
	extra := 0
	if lg != nil {
		extra += len(lg.rows) - 1
	}
	pitch := (w - vg.Points(labelSize+facetLabelPad)) / vg.Length(cols)
	_, _, lines := fitTitles(f.Panels, pitch-vg.Points(facetPadX)-vg.Points(facetYTickRoom))
	rows, _ := f.grid(width)
	return extra + rows*(lines-1)
}

// facetYTickRoom estimates the room the y tick labels take from a panel
// of the first column, in points.
const facetYTickRoom = 22

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
		c.XTicks = f.Panels[0].XTicks
		if err := c.validate(); err != nil {
			return fmt.Errorf("facets %q: panel %d %q: %w", f.Title, i, c.Title, err)
		}
	}
	return nil
}

// grid returns the number of rows and columns of panels on a page width
// inches wide: Columns or ⌈√n⌉, fewer while panels would be narrower
// than minPanelWidth, never fewer than one.
func (f Facets) grid(width float64) (rows, cols int) {
	n := len(f.Panels)
	cols = f.Columns
	if cols == 0 {
		cols = int(math.Ceil(math.Sqrt(float64(n))))
	}
	cols = min(cols, n)
	usable := width*float64(vg.Inch) - float64(marginLeft+marginRight+labelSize+facetLabelPad)
	for cols > 1 && (usable+facetPadX)/float64(cols)-facetPadX < minPanelWidth*float64(vg.Inch) {
		cols--
	}
	return (n + cols - 1) / cols, cols
}

// colours returns the style slots of every series key of the panels:
// f.Colours, then Colours over the keys it lacks.
func (f Facets) colours() ColourMap {
	m := ColourMap{}
	used := map[int]bool{}
	for k, s := range f.Colours {
		m[k], used[s] = s, true
	}
	var keys []string
	for _, c := range f.Panels {
		for _, s := range c.Series {
			keys = append(keys, s.key())
		}
	}
	assign(m, keys, used)
	return m
}

// legendEntries returns one entry per labelled key of the panels, in
// order of first appearance, or nil when there are fewer than two keys.
func (f Facets) legendEntries(m ColourMap) []legendEntry {
	var entries []legendEntry
	index := map[string]int{}
	for _, c := range f.Panels {
		for _, s := range c.Series {
			k := s.key()
			if s.Label == "" || k == "" {
				continue
			}
			band := s.Lo != nil
			if i, ok := index[k]; ok {
				entries[i].band = entries[i].band || band
				entries[i].marker = entries[i].marker || c.Markers
				continue
			}
			index[k] = len(entries)
			entries = append(entries, legendEntry{label: s.Label, look: look(m[k]), band: band, marker: c.Markers})
		}
	}
	if len(entries) < 2 {
		return nil
	}
	return entries
}

// legendTextStyle is the type of the legends.
func legendTextStyle() text.Style {
	return text.Style{Color: color.Black, Font: font.From(sans, tickSize), Handler: gplot.DefaultTextHandler}
}

// Pages splits the facets into pages of at most perPage panels each, for
// a caller that writes one file per page: each page keeps the options,
// the colours of every key across all pages, and, unless SeparateY is
// set, the y range shared by all panels of all pages (fixed as YMin, YMax
// on panels without their own); titles get " (page i of n)". perPage ≤ 0
// or a single page returns f alone.
func (f Facets) Pages(perPage int) []Facets {
	if perPage <= 0 || len(f.Panels) <= perPage {
		return []Facets{f}
	}
	m := f.colours()
	panels := slices.Clone(f.Panels)
	if !f.SeparateY {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, c := range panels {
			c.LogX = f.Panels[0].LogX
			if p, _, err := c.plot(facetStyle, m); err == nil {
				lo, hi = min(lo, p.Y.Min), max(hi, p.Y.Max)
			}
		}
		for i := range panels {
			if !(panels[i].YMax > panels[i].YMin) && hi > lo {
				panels[i].YMin, panels[i].YMax = lo, hi
			}
		}
	}
	n := (len(panels) + perPage - 1) / perPage
	pages := make([]Facets, 0, n)
	for k := range n {
		g := f
		g.Colours = m
		g.Panels = panels[k*perPage : min((k+1)*perPage, len(panels))]
		g.Title = strings.TrimSpace(fmt.Sprintf("%s (page %d of %d)", f.Title, k+1, n))
		pages = append(pages, g)
	}
	return pages
}

// plots builds the panels as a rows × cols grid for a page width inches
// wide, nil after the last panel, on shared ranges and with tick labels
// on the outer edges only, and the entries of the shared legend.
func (f Facets) plots(width float64) ([][]*gplot.Plot, []legendEntry) {
	rows, cols := f.grid(width)
	m := f.colours()

	grid := make([][]*gplot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*gplot.Plot, cols)
	}
	var all []*gplot.Plot
	for i, c := range f.Panels {
		c.XLabel, c.YLabel = "", ""
		c.LogX = f.Panels[0].LogX
		c.XTicks = f.Panels[0].XTicks
		p, _, err := c.plot(facetStyle, m)
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
	return grid, f.legendEntries(m)
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

// draw draws the title, the shared legend, the shared axis labels and
// the panels in c.
func (f Facets) draw(c draw.Canvas, plots [][]*gplot.Plot, entries []legendEntry) {
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
	if lg := newLegend(entries, legendTextStyle(), c.Max.X-c.Min.X); lg != nil {
		lg.draw(c, vg.Point{X: c.Center().X - lg.width/2, Y: area.Max.Y - lg.height})
		area.Max.Y -= lg.height + vg.Points(facetTitlePad)
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
	// the titles' wrapping, and so the band's height.
	dataWidth := vg.Length(math.Inf(1))
	for r, row := range gplot.Align(plots, tiles(0), area) {
		for k, cv := range row {
			if p := plots[r][k]; p != nil {
				d := p.DataCanvas(cv)
				dataWidth = min(dataWidth, d.Max.X-d.Min.X)
			}
		}
	}
	titles, titleSty, _ := fitTitles(f.Panels, dataWidth+vg.Points(facetPadX))
	var titleBand vg.Length
	for _, t := range titles {
		if t != "" {
			titleBand = max(titleBand, titleSty.Height(t)+facetStyle.titlePad)
		}
	}
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

// Panel titles shrink from facetStyle.title to minTitleSize points to fit
// on one line above their panel, else wrap in minTitleSize: type is never
// smaller than 8 pt, and a title never wider than its panel.
const (
	minTitleSize  = 8
	titleSizeStep = 0.5
)

// fitTitles returns the titles of panels, wrapped by wrap, in the largest
// type size from facetStyle.title down to minTitleSize at which all fit
// within width on one line, or else wrapped in minTitleSize; their style,
// centred above a point; and the most lines of a title.
func fitTitles(panels []Chart, width vg.Length) (titles []string, sty text.Style, lines int) {
	titles = make([]string, len(panels))
	sty = text.Style{
		Color: color.Black, XAlign: draw.XCenter, YAlign: draw.YBottom,
		Handler: gplot.DefaultTextHandler,
	}
	for size := facetStyle.title; size >= minTitleSize; size -= titleSizeStep {
		sty.Font = font.From(sans, vg.Points(size))
		lines = 0
		for i, c := range panels {
			var n int
			titles[i], n = wrap(c.Title, sty, width)
			lines = max(lines, n)
		}
		if lines <= 1 {
			break
		}
	}
	return titles, sty, max(lines, 1)
}

// wrap breaks s into lines no wider than width in sty, and returns the
// lines joined by newlines and their number: at spaces, and within a
// word too wide for a line after one of the characters _ = , / - (as in
// population_group_count=1), else anywhere.
func wrap(s string, sty text.Style, width vg.Length) (string, int) {
	if s == "" {
		return "", 0
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
		case sty.Width(line+" "+word) <= width:
			line += " " + word
			continue
		default:
			lines = append(lines, line)
		}
		// word starts a line; split it while it is too wide.
		for sty.Width(word) > width && utf8.RuneCountInString(word) > 1 {
			cut := breakAt(word, sty, width)
			lines = append(lines, word[:cut])
			word = word[cut:]
		}
		line = word
	}
	lines = append(lines, line)
	return strings.Join(lines, "\n"), len(lines)
}

// breakAt returns where to split word, wider than width: after the last
// break character whose head fits, else at the last rune that fits (at
// least one rune).
func breakAt(word string, sty text.Style, width vg.Length) int {
	fits, soft := 0, 0
	for i, r := range word {
		end := i + utf8.RuneLen(r)
		if sty.Width(word[:end]) > width {
			break
		}
		fits = end
		if strings.ContainsRune("_=,/-", r) && end < len(word) {
			soft = end
		}
	}
	switch {
	case soft > 0:
		return soft
	case fits > 0:
		return fits
	}
	_, n := utf8.DecodeRuneInString(word)
	return n
}
