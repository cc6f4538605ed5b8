package plot

import (
	"fmt"
	"image/color"
	"slices"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A legend is a box of entries, each a sample (band swatch, line, marker)
// then its label, laid out in rows: one entry per row when stacked, else
// in a grid of equal columns as many as fit a given width.
type legend struct {
	entries []legendEntry
	sty     text.Style
	rows    [][]int   // entry indices of each row
	colW    vg.Length // of a column: the widest entry
	width   vg.Length // of the box, margins included
	height  vg.Length
	rowH    vg.Length
}

// legendEntry is one series in a legend.
type legendEntry struct {
	label  string
	look   seriesLook
	band   bool // draw a band swatch behind the line
	marker bool
}

// Legend geometry, in points.
const (
	legendInset    = 6   // box to the edges of the data area
	legendMargin   = 3   // box edge to the entries
	legendThumb    = 20  // width of a sample
	legendGap      = 4   // sample to its label
	legendSpace    = 12  // label to the next sample in a row
	legendRowGap   = 2   // between rows
	legendClear    = 2   // least distance from the box to plotted data
	legendOutside  = 10  // data area (or canvas edge) to an outside legend
	legendRightMax = 0.3 // widest outside legend put right of the data, as a share of the figure width
)

// legendBackground is white at 80% opacity: every legend is placed clear
// of the data, and the box only keeps grid or axis lines from showing
// through the text. Its colour also identifies the box in the layout
// test.
var legendBackground = color.NRGBA{R: 255, G: 255, B: 255, A: 204}

// newLegend lays out entries in type sty: stacked one per row when
// maxWidth is 0, else in a grid of equal columns, as many as fit
// maxWidth (at least one). It returns nil when there is nothing to show.
func newLegend(entries []legendEntry, sty text.Style, maxWidth vg.Length) *legend {
	if len(entries) == 0 {
		return nil
	}
	l := &legend{entries: entries, sty: sty, rowH: sty.Height("Ag")}
	for _, e := range entries {
		l.colW = max(l.colW, vg.Points(legendThumb+legendGap)+sty.Width(e.label))
	}
	cols := 1
	if maxWidth > 0 {
		inner, space := maxWidth-2*vg.Points(legendMargin), vg.Points(legendSpace)
		cols = max(1, min(len(entries), int((inner+space)/(l.colW+space))))
	}
	for i := 0; i < len(entries); i += cols {
		var row []int
		for k := i; k < min(i+cols, len(entries)); k++ {
			row = append(row, k)
		}
		l.rows = append(l.rows, row)
	}
	n := vg.Length(len(l.rows))
	l.width = vg.Length(cols)*l.colW + vg.Length(cols-1)*vg.Points(legendSpace) + 2*vg.Points(legendMargin)
	l.height = n*l.rowH + (n-1)*vg.Points(legendRowGap) + 2*vg.Points(legendMargin)
	return l
}

// draw draws the legend in the box whose lower left corner is at.
func (l *legend) draw(c draw.Canvas, at vg.Point) {
	r := vg.Rectangle{Min: at, Max: vg.Point{X: at.X + l.width, Y: at.Y + l.height}}
	c.FillPolygon(legendBackground, []vg.Point{
		r.Min, {X: r.Min.X, Y: r.Max.Y}, r.Max, {X: r.Max.X, Y: r.Min.Y},
	})
	sty := l.sty
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	thumb, gap, space := vg.Points(legendThumb), vg.Points(legendGap), vg.Points(legendSpace)
	mid := r.Max.Y - vg.Points(legendMargin) - l.rowH/2
	for _, row := range l.rows {
		for j, i := range row {
			x := r.Min.X + vg.Points(legendMargin) + vg.Length(j)*(l.colW+space)
			e := l.entries[i]
			if e.band {
				sw := translucent(e.look.line.Color, bandOpacity)
				h := l.rowH * 0.8
				c.FillPolygon(sw, []vg.Point{
					{X: x, Y: mid - h/2}, {X: x, Y: mid + h/2}, {X: x + thumb, Y: mid + h/2}, {X: x + thumb, Y: mid - h/2},
				})
			}
			c.StrokeLine2(e.look.line, x, mid, x+thumb, mid)
			if e.marker {
				c.DrawGlyphNoClip(e.look.marker, vg.Point{X: x + thumb/2, Y: mid})
			}
			c.FillText(sty, vg.Point{X: x + thumb + gap, Y: mid}, e.label)
		}
		mid -= l.rowH + vg.Points(legendRowGap)
	}
}

// Legend positions: the corners and edge centres of the data area, tried
// in this order (after the one Chart.Legend names), then outside.
var insidePositions = []string{
	"top-right", "top-left", "bottom-right", "bottom-left",
	"right", "left", "top", "bottom",
}

// legendPositions lists the values Chart.Legend accepts.
const legendPositions = `"" or auto, top-right, top-left, bottom-right, bottom-left, outside-right, outside-bottom or none`

// parseLegend checks Chart.Legend and returns the inside position to try
// first ("" for none), or the outside one.
func parseLegend(s string) (first, outside string, err error) {
	switch s {
	case "", "auto", "none":
		return "", "", nil
	case "top-right", "top-left", "bottom-right", "bottom-left":
		return s, "", nil
	case "outside-right", "outside-bottom":
		return "", s, nil
	}
	return "", "", fmt.Errorf("plot: unknown legend position %q (want %s)", s, legendPositions)
}

// placeLegend places the legend lg (stacked, its entries in type sty) of
// a figure drawn in dc, whose data area is data(area) when the figure is
// drawn in area: inside the data area, at the first of first and
// insidePositions where the box, grown by legendClear, meets nothing of
// obs(data area), unless outside names an outside position; else right of
// the data area, which shrinks, when the legend is at most legendRightMax
// of the figure wide and fits its height; else below the figure, in rows
// as wide as it. It returns the area to draw the figure in, the legend
// (laid out again in rows when below) and the lower left corner of its
// box.
func placeLegend(dc draw.Canvas, lg *legend, entries []legendEntry, sty text.Style, first, outside string,
	data func(area draw.Canvas) draw.Canvas, obs func(d draw.Canvas) *obstacles) (draw.Canvas, *legend, vg.Point) {
	d := data(dc)
	if outside == "" {
		order := insidePositions
		if first != "" {
			order = append([]string{first}, slices.DeleteFunc(slices.Clone(order), func(s string) bool { return s == first })...)
		}
		if r, ok := freePosition(d.Rectangle, lg.width, lg.height, order, obs(d)); ok {
			return dc, lg, r.Min
		}
	}
	gap := vg.Points(legendOutside)
	if outside == "outside-right" ||
		outside == "" && lg.width <= vg.Length(legendRightMax)*(dc.Max.X-dc.Min.X) && lg.height <= d.Max.Y-d.Min.Y {
		area := dc
		area.Max.X -= lg.width + gap
		d = data(area)
		return area, lg, vg.Point{X: area.Max.X + gap, Y: d.Max.Y - lg.height}
	}
	lg = newLegend(entries, sty, dc.Max.X-dc.Min.X)
	area := dc
	area.Min.Y += lg.height + gap
	d = data(area)
	x := (d.Min.X+d.Max.X)/2 - lg.width/2
	x = max(dc.Min.X, min(x, dc.Max.X-lg.width))
	return area, lg, vg.Point{X: x, Y: dc.Min.Y}
}

// insideBox returns the box of a w × h legend at position pos of the data
// area d.
func insideBox(d vg.Rectangle, pos string, w, h vg.Length) vg.Rectangle {
	in := vg.Points(legendInset)
	var x, y vg.Length
	switch pos {
	case "top-left", "bottom-left", "left":
		x = d.Min.X + in
	case "top", "bottom":
		x = (d.Min.X+d.Max.X)/2 - w/2
	default:
		x = d.Max.X - in - w
	}
	switch pos {
	case "top-left", "top-right", "top":
		y = d.Max.Y - in - h
	case "left", "right":
		y = (d.Min.Y+d.Max.Y)/2 - h/2
	default:
		y = d.Min.Y + in
	}
	return vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: y + h}}
}

// freePosition returns the box of the first position of order where a
// w × h legend fits in the data area d without coming within
// legendClear of an obstacle, or false.
func freePosition(d vg.Rectangle, w, h vg.Length, order []string, obs *obstacles) (vg.Rectangle, bool) {
	if w+2*vg.Points(legendInset) > d.Max.X-d.Min.X || h+2*vg.Points(legendInset) > d.Max.Y-d.Min.Y {
		return vg.Rectangle{}, false
	}
	for _, pos := range order {
		r := insideBox(d, pos, w, h)
		if !obs.hits(inflate(r, vg.Points(legendClear))) {
			return r, true
		}
	}
	return vg.Rectangle{}, false
}

func inflate(r vg.Rectangle, by vg.Length) vg.Rectangle {
	return vg.Rectangle{
		Min: vg.Point{X: r.Min.X - by, Y: r.Min.Y - by},
		Max: vg.Point{X: r.Max.X + by, Y: r.Max.Y + by},
	}
}

// obstacles is what a legend must not hide, in canvas coordinates: line
// segments (mean lines, event lines), filled polygons (bands) and boxes
// (markers).
type obstacles struct {
	segs  [][2]vg.Point
	polys [][]vg.Point
	boxes []vg.Rectangle
}

// chartObstacles returns the plotted data of c drawn by p in data area d.
func (c Chart) obstacles(p *gplot.Plot, d draw.Canvas) *obstacles {
	trX, trY := p.Transforms(&d)
	o := &obstacles{}
	r := vg.Points(markerRadius * 1.4)
	for _, s := range c.Series {
		for i := range s.X {
			pt := vg.Point{X: trX(s.X[i]), Y: trY(s.Mean[i])}
			if i > 0 {
				o.segs = append(o.segs, [2]vg.Point{{X: trX(s.X[i-1]), Y: trY(s.Mean[i-1])}, pt})
			} else if len(s.X) == 1 {
				o.segs = append(o.segs, [2]vg.Point{pt, pt})
			}
			if c.Markers {
				o.boxes = append(o.boxes, vg.Rectangle{Min: vg.Point{X: pt.X - r, Y: pt.Y - r}, Max: vg.Point{X: pt.X + r, Y: pt.Y + r}})
			}
		}
		if b := newBand(s, nil); b != nil {
			for _, run := range b.runs {
				o.polys = append(o.polys, b.polygon(run, trX, trY))
			}
		}
	}
	o.addEvents(c.Events, trX, d)
	return o
}

// addEvents adds the lines of the events inside the data area d.
func (o *obstacles) addEvents(events []Event, trX func(float64) vg.Length, d draw.Canvas) {
	for _, e := range events {
		if x := trX(e.X); x >= d.Min.X && x <= d.Max.X {
			o.segs = append(o.segs, [2]vg.Point{{X: x, Y: d.Min.Y}, {X: x, Y: d.Max.Y}})
		}
	}
}

// hits reports whether r meets any obstacle.
func (o *obstacles) hits(r vg.Rectangle) bool {
	for _, s := range o.segs {
		if segmentHitsRect(s[0], s[1], r) {
			return true
		}
	}
	for _, b := range o.boxes {
		if rectsOverlap(b, r) {
			return true
		}
	}
	for _, poly := range o.polys {
		if polygonHitsRect(poly, r) {
			return true
		}
	}
	return false
}

func rectsOverlap(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

func inRect(p vg.Point, r vg.Rectangle) bool {
	return p.X >= r.Min.X && p.X <= r.Max.X && p.Y >= r.Min.Y && p.Y <= r.Max.Y
}

// segmentHitsRect reports whether the segment ab meets the rectangle r,
// by clipping it to r (Liang & Barsky 1984).
func segmentHitsRect(a, b vg.Point, r vg.Rectangle) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	for _, e := range [4][2]float64{
		{-dx, float64(a.X - r.Min.X)}, {dx, float64(r.Max.X - a.X)},
		{-dy, float64(a.Y - r.Min.Y)}, {dy, float64(r.Max.Y - a.Y)},
	} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// polygonHitsRect reports whether the filled polygon poly meets r: an
// edge crosses r, or r lies wholly inside poly.
func polygonHitsRect(poly []vg.Point, r vg.Rectangle) bool {
	for i := range poly {
		if segmentHitsRect(poly[i], poly[(i+1)%len(poly)], r) {
			return true
		}
	}
	return insidePolygon(vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: (r.Min.Y + r.Max.Y) / 2}, poly)
}

// insidePolygon reports whether p is inside poly (even–odd rule).
func insidePolygon(p vg.Point, poly []vg.Point) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}
