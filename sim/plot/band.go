package plot

import (
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// band is the shaded confidence band of one series, a plot.Plotter and
// plot.Thumbnailer. It is drawn as one filled polygon per run of points
// where both Lo and Hi are finite; a NaN at either edge ends a run.
type band struct {
	x, lo, hi []float64
	runs      [][2]int // half-open index ranges [from, to), each of ≥ 2 points
	fill      color.Color
}

// newBand returns the band of s filled with fill, or nil if s has no band
// or no two consecutive points with a finite interval.
func newBand(s Series, fill color.Color) *band {
	if s.Lo == nil {
		return nil
	}
	b := &band{x: s.X, lo: s.Lo, hi: s.Hi, fill: fill}
	from := -1
	for i := 0; i <= len(s.X); i++ {
		ok := i < len(s.X) && !math.IsNaN(s.Lo[i]) && !math.IsNaN(s.Hi[i])
		switch {
		case ok && from < 0:
			from = i
		case !ok && from >= 0:
			// A single point has no area: nothing to fill.
			if i-from >= 2 {
				b.runs = append(b.runs, [2]int{from, i})
			}
			from = -1
		}
	}
	if len(b.runs) == 0 {
		return nil
	}
	return b
}

// Plot implements plot.Plotter. Each run is traced along its lower edge
// forward and its upper edge backward, then clipped to the data area, so
// that a fixed y range cuts the band instead of spilling over the axes.
func (b *band) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, r := range b.runs {
		pts := make([]vg.Point, 0, 2*(r[1]-r[0]))
		for i := r[0]; i < r[1]; i++ {
			pts = append(pts, vg.Point{X: trX(b.x[i]), Y: trY(b.lo[i])})
		}
		for i := r[1] - 1; i >= r[0]; i-- {
			pts = append(pts, vg.Point{X: trX(b.x[i]), Y: trY(b.hi[i])})
		}
		c.FillPolygon(b.fill, c.ClipPolygonXY(pts))
	}
}

// Thumbnail implements plot.Thumbnailer: the legend icon is a swatch of
// the band colour behind the series' line.
func (b *band) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{
		{X: c.Min.X, Y: c.Min.Y},
		{X: c.Min.X, Y: c.Max.Y},
		{X: c.Max.X, Y: c.Max.Y},
		{X: c.Max.X, Y: c.Min.Y},
	}
	c.FillPolygon(b.fill, pts)
}

// legendBox draws a legend inside a corner of the data area, on a
// translucent white box so that the data it covers stays visible. The
// legend of gonum/plot is drawn flush against the axes and without a
// background, hence this plotter, which must be added last.
type legendBox struct {
	legend gplot.Legend
	width  vg.Length // of the entries, without margins
	height vg.Length
}

const (
	legendInset  = 6 // pt, from the edges of the data area
	legendMargin = 3 // pt, between the box edge and the entries
)

// legendBackground is white at 80% opacity.
var legendBackground = color.NRGBA{R: 255, G: 255, B: 255, A: 204}

// newLegendBox returns the box of legend l, whose entries have the given
// texts, or nil if there are none.
func newLegendBox(l gplot.Legend, texts []string) *legendBox {
	if len(texts) == 0 {
		return nil
	}
	// Legend.Rectangle needs the unexported entries (and mirrors x when
	// Left is set), so measure them the way Legend.Draw lays them out: one
	// row of the tallest text per entry, Padding between rows, the icon,
	// a space, then the text; the first row sits one descent below the top.
	b := &legendBox{legend: l}
	var rowH vg.Length
	for _, text := range texts {
		rowH = max(rowH, l.TextStyle.Rectangle(text).Max.Y)
		b.width = max(b.width, l.ThumbnailWidth+l.TextStyle.Rectangle(" "+text).Max.X)
	}
	n := vg.Length(len(texts))
	b.height = n*rowH + (n-1)*l.Padding + l.TextStyle.FontExtents().Descent
	return b
}

// Plot implements plot.Plotter.
func (b *legendBox) Plot(c draw.Canvas, _ *gplot.Plot) {
	inset, margin := vg.Points(legendInset), vg.Points(legendMargin)
	var r vg.Rectangle
	if b.legend.Left {
		r.Min.X = c.Min.X + inset
	} else {
		r.Min.X = c.Max.X - inset - b.width - 2*margin
	}
	if b.legend.Top {
		r.Min.Y = c.Max.Y - inset - b.height - 2*margin
	} else {
		r.Min.Y = c.Min.Y + inset
	}
	r.Max = vg.Point{X: r.Min.X + b.width + 2*margin, Y: r.Min.Y + b.height + 2*margin}

	c.FillPolygon(legendBackground, []vg.Point{
		r.Min, {X: r.Min.X, Y: r.Max.Y}, r.Max, {X: r.Max.X, Y: r.Min.Y},
	})
	inner := vg.Rectangle{
		Min: vg.Point{X: r.Min.X + margin, Y: r.Min.Y + margin},
		Max: vg.Point{X: r.Max.X - margin, Y: r.Max.Y - margin},
	}
	l := b.legend
	l.Top = true // entries are laid out from the top of the box
	l.Draw(draw.Canvas{Canvas: c.Canvas, Rectangle: inner})
}
