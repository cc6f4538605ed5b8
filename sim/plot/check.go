package plot

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The layout checker of TestLayout, here rather than in a test file so
// that the packages drawing connact's charts can check theirs
// (CheckLayout): each figure is drawn on a recording canvas, and the
// drawing itself (not the layout code's own idea of it) is checked.

// CheckLayout draws fig, a Chart, Heatmap, Facets, Dots, Scatter or Cloud (or a
// pointer to one), at its default size on a recording canvas and returns what is
// wrong with the drawing: a legend box that meets a drawn line, band,
// marker or event line, a text that overlaps another (turned labels by
// their own boxes) or leaves the page. It is meant for tests; an invalid
// figure returns its error.
func CheckLayout(fig any) ([]string, error) {
	var (
		w, h  vg.Length
		paint func(draw.Canvas)
		err   error
	)
	switch f := fig.(type) {
	case *Chart:
		return CheckLayout(*f)
	case *Heatmap:
		return CheckLayout(*f)
	case *Facets:
		return CheckLayout(*f)
	case *Dots:
		return CheckLayout(*f)
	case *Scatter:
		return CheckLayout(*f)
	case *Cloud:
		return CheckLayout(*f)
	case Chart:
		w, h = vg.Length(DefaultWidth)*vg.Inch, vg.Length(DefaultHeight)*vg.Inch
		paint, err = f.painter()
	case Heatmap:
		w, h = vg.Length(DefaultWidth)*vg.Inch, vg.Length(DefaultHeatmapHeight)*vg.Inch
		paint, err = f.painter()
	case Facets:
		w, h, paint, err = f.painter(0, 0)
	case Dots:
		w, h = vg.Length(DefaultWidth)*vg.Inch, vg.Length(f.Height())*vg.Inch
		paint, err = f.painter()
	case Scatter:
		w, h = vg.Length(DefaultWidth)*vg.Inch, vg.Length(DefaultHeight)*vg.Inch
		paint, err = f.painter()
	case Cloud:
		w, h = vg.Length(DefaultWidth)*vg.Inch, vg.Length(DefaultHeight)*vg.Inch
		paint, err = f.painter()
	default:
		return nil, fmt.Errorf("plot: CheckLayout of a %T", fig)
	}
	if err != nil {
		return nil, err
	}
	return record(w, h, paint).problems(), nil
}

// recorder is a vg.Canvas that keeps, in page coordinates, every text box,
// stroked path and filled path with the colour and line width it was drawn
// in.
type recorder struct {
	w, h  vg.Length
	cur   recState
	stack []recState
	texts []recText
	paths []recPath
}

type recState struct {
	clr    color.Color
	width  vg.Length
	dashes bool
	m      affine
}

// affine maps (x, y) to (a·x + c·y + e, b·x + d·y + f).
type affine struct{ a, b, c, d, e, f float64 }

func (m affine) apply(p vg.Point) vg.Point {
	x, y := float64(p.X), float64(p.Y)
	return vg.Point{X: vg.Length(m.a*x + m.c*y + m.e), Y: vg.Length(m.b*x + m.d*y + m.f)}
}

// then returns m after n: first n, then m (n in m's local frame).
func (m affine) times(n affine) affine {
	return affine{
		a: m.a*n.a + m.c*n.b, b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d, d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e, f: m.b*n.e + m.d*n.f + m.f,
	}
}

type recText struct {
	s    string
	box  vg.Rectangle // bounding box on the page
	quad [4]vg.Point  // the text's own box, turned with it
}

type recPath struct {
	fill  bool
	clr   color.NRGBA
	width vg.Length
	pts   []vg.Point // vertices; arcs contribute their bounding box corners
	arc   bool
}

func newRecorder(w, h vg.Length) *recorder {
	return &recorder{w: w, h: h, cur: recState{clr: color.Black, m: affine{a: 1, d: 1}}}
}

func (r *recorder) Size() (vg.Length, vg.Length)           { return r.w, r.h }
func (r *recorder) SetLineWidth(w vg.Length)               { r.cur.width = w }
func (r *recorder) SetLineDash(d []vg.Length, _ vg.Length) { r.cur.dashes = len(d) > 0 }
func (r *recorder) SetColor(c color.Color) {
	if c == nil {
		c = color.Black
	}
	r.cur.clr = c
}
func (r *recorder) Rotate(t float64) {
	s, c := math.Sincos(t)
	r.cur.m = r.cur.m.times(affine{a: c, b: s, c: -s, d: c})
}
func (r *recorder) Translate(p vg.Point) {
	r.cur.m = r.cur.m.times(affine{a: 1, d: 1, e: float64(p.X), f: float64(p.Y)})
}
func (r *recorder) Scale(x, y float64)                  { r.cur.m = r.cur.m.times(affine{a: x, d: y}) }
func (r *recorder) Push()                               { r.stack = append(r.stack, r.cur) }
func (r *recorder) Pop()                                { r.cur, r.stack = r.stack[len(r.stack)-1], r.stack[:len(r.stack)-1] }
func (r *recorder) Stroke(p vg.Path)                    { r.path(p, false) }
func (r *recorder) Fill(p vg.Path)                      { r.path(p, true) }
func (r *recorder) DrawImage(vg.Rectangle, image.Image) {}

func (r *recorder) path(p vg.Path, fill bool) {
	rp := recPath{fill: fill, clr: color.NRGBAModel.Convert(r.cur.clr).(color.NRGBA), width: r.cur.width}
	for _, c := range p {
		switch c.Type {
		case vg.MoveComp, vg.LineComp:
			rp.pts = append(rp.pts, r.cur.m.apply(c.Pos))
		case vg.ArcComp:
			rp.arc = true
			for _, d := range []vg.Point{{X: -c.Radius, Y: -c.Radius}, {X: c.Radius, Y: -c.Radius}, {X: c.Radius, Y: c.Radius}, {X: -c.Radius, Y: c.Radius}} {
				rp.pts = append(rp.pts, r.cur.m.apply(c.Pos.Add(d)))
			}
		}
	}
	if len(rp.pts) > 0 {
		r.paths = append(r.paths, rp)
	}
}

// FillString records the box of str from its descender to its cap
// height (0.75 em), the ink that can collide: lines of one multi-line
// text are set 1 em apart, less than ascent + descent.
func (r *recorder) FillString(f font.Face, pt vg.Point, str string) {
	w := f.Width(str)
	lo, hi := pt.Y-f.Extents().Descent, pt.Y+0.75*f.Font.Size
	var box vg.Rectangle
	var quad [4]vg.Point
	for i, c := range []vg.Point{{X: pt.X, Y: lo}, {X: pt.X + w, Y: lo}, {X: pt.X + w, Y: hi}, {X: pt.X, Y: hi}} {
		q := r.cur.m.apply(c)
		quad[i] = q
		if i == 0 {
			box = vg.Rectangle{Min: q, Max: q}
		}
		box.Min.X, box.Min.Y = min(box.Min.X, q.X), min(box.Min.Y, q.Y)
		box.Max.X, box.Max.Y = max(box.Max.X, q.X), max(box.Max.Y, q.Y)
	}
	r.texts = append(r.texts, recText{s: str, box: box, quad: quad})
}

// isLegendBox reports whether p is the background of a legend.
func (p recPath) isLegendBox() bool { return p.fill && p.clr == legendBackground }

// isData reports whether p is plotted data: a mean line (stroked
// lineWidth wide), an event line (grey, eventWidth), a band (filled at
// the band opacity) or a marker (filled in a palette colour).
func (p recPath) isData() bool {
	if !p.fill {
		return p.width == vg.Points(lineWidth) || p.width == vg.Points(eventWidth) && p.clr == color.NRGBAModel.Convert(eventColour)
	}
	if p.clr.A == uint8(math.Round(255*bandOpacity)) {
		return true
	}
	for _, c := range Palette {
		if p.clr == color.NRGBAModel.Convert(c) {
			return true
		}
	}
	return false
}

func (p recPath) bounds() vg.Rectangle {
	b := vg.Rectangle{Min: p.pts[0], Max: p.pts[0]}
	for _, q := range p.pts {
		b.Min.X, b.Min.Y = min(b.Min.X, q.X), min(b.Min.Y, q.Y)
		b.Max.X, b.Max.Y = max(b.Max.X, q.X), max(b.Max.Y, q.Y)
	}
	return b
}

// meets reports whether p meets the rectangle box.
func (p recPath) meets(box vg.Rectangle) bool {
	switch {
	case p.arc:
		return rectsOverlap(p.bounds(), box)
	case p.fill:
		return polygonHitsRect(p.pts, box)
	}
	for i := 1; i < len(p.pts); i++ {
		if segmentHitsRect(p.pts[i-1], p.pts[i], box) {
			return true
		}
	}
	return len(p.pts) == 1 && inRect(p.pts[0], box)
}

// problems lists what is wrong with the recorded layout.
func (r *recorder) problems() []string {
	var out []string
	const eps = 0.05 // pt: rounding, and text set exactly edge to edge
	for _, lg := range r.paths {
		if !lg.isLegendBox() {
			continue
		}
		box := lg.bounds()
		for _, p := range r.paths {
			// Samples inside the box are its own.
			if !p.isData() || inRect(p.bounds().Min, box) && inRect(p.bounds().Max, box) {
				continue
			}
			if p.meets(box) {
				out = append(out, fmt.Sprintf("legend box %v meets data (%s, %d points from %v)", box, kind(p), len(p.pts), p.pts[0]))
				break
			}
		}
	}
	for i, a := range r.texts {
		if a.box.Min.X < -eps || a.box.Min.Y < -eps || a.box.Max.X > r.w+eps || a.box.Max.Y > r.h+eps {
			out = append(out, fmt.Sprintf("text %q at %v leaves the %v × %v page", a.s, a.box, r.w, r.h))
		}
		for _, b := range r.texts[i+1:] {
			if quadsOverlap(a.quad, b.quad, eps) {
				out = append(out, fmt.Sprintf("text %q at %v overlaps %q at %v", a.s, a.box, b.s, b.box))
			}
		}
	}
	return out
}

// quadsOverlap reports whether the convex quadrilaterals a and b overlap
// by more than eps: no edge normal of either separates them (the
// separating axis theorem), so turned labels are judged by their own
// boxes, not by their bounding boxes.
func quadsOverlap(a, b [4]vg.Point, eps float64) bool {
	for _, q := range [][4]vg.Point{a, b} {
		for i := range 4 {
			e := q[(i+1)%4].Sub(q[i])
			n := math.Hypot(float64(e.X), float64(e.Y))
			if n == 0 {
				continue
			}
			nx, ny := -float64(e.Y)/n, float64(e.X)/n
			span := func(p [4]vg.Point) (lo, hi float64) {
				lo, hi = math.Inf(1), math.Inf(-1)
				for _, v := range p {
					d := nx*float64(v.X) + ny*float64(v.Y)
					lo, hi = min(lo, d), max(hi, d)
				}
				return lo, hi
			}
			alo, ahi := span(a)
			blo, bhi := span(b)
			if ahi-eps <= blo || bhi-eps <= alo {
				return false
			}
		}
	}
	return true
}

func kind(p recPath) string {
	switch {
	case p.arc:
		return "marker"
	case p.fill && p.clr.A < 255:
		return "band"
	case p.fill:
		return "marker"
	case p.width == vg.Points(eventWidth):
		return "event line"
	}
	return "line"
}

// legendPlace returns where the (first) legend was drawn: the corner or
// edge of the page area it is nearest to, "outside" when it lies beyond
// the data, or "" for none.
func (r *recorder) legendBox() (vg.Rectangle, bool) {
	for _, p := range r.paths {
		if p.isLegendBox() {
			return p.bounds(), true
		}
	}
	return vg.Rectangle{}, false
}

// record draws paint on a w × h recorder as render does.
func record(w, h vg.Length, paint func(draw.Canvas)) *recorder {
	r := newRecorder(w, h)
	dc := draw.New(r)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	paint(dc)
	return r
}
