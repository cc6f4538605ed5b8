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
		c.FillPolygon(b.fill, c.ClipPolygonXY(b.polygon(r, trX, trY)))
	}
}

// polygon returns the outline of run r in canvas coordinates: lower edge
// forward, upper edge backward.
func (b *band) polygon(r [2]int, trX, trY func(float64) vg.Length) []vg.Point {
	pts := make([]vg.Point, 0, 2*(r[1]-r[0]))
	for i := r[0]; i < r[1]; i++ {
		pts = append(pts, vg.Point{X: trX(b.x[i]), Y: trY(b.lo[i])})
	}
	for i := r[1] - 1; i >= r[0]; i-- {
		pts = append(pts, vg.Point{X: trX(b.x[i]), Y: trY(b.hi[i])})
	}
	return pts
}
