package plot

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Network draws a network as small multiples: the same nodes at the same
// places (X, Y in [0,1], a layout such as network.Layout) in every panel,
// coloured by a category that changes from panel to panel (an agent's
// state at a step, say), each node a disc whose radius grows with the
// square root of Size (its degree), smaller the more nodes there are, ties as thin grey lines under the nodes. Panels sit side by
// side in one row, up to four, then wrap; each is square and titled. The
// legend lists the categories in order, in a column right of the panels,
// so that it covers nothing.
type Network struct {
	Title string
	X, Y  []float64 // node positions, in [0,1]
	Size  []float64 // node size (degree); the disc's area is proportional to it
	// Src[e], Dst[e] are the nodes of tie e.
	Src, Dst []int32
	// Categories are the legend's entries, Colours[k] the colour of
	// category k (nil: Palette in order).
	Categories []string
	Colours    []color.Color
	Panels     []NetworkPanel
}

// NetworkPanel is one panel of a Network: its title and each node's
// category (an index into Network.Categories).
type NetworkPanel struct {
	Title    string
	Category []int
}

// Network geometry, in points.
const (
	netPanelsPerRow = 4
	netPad          = 8   // between panels
	netTitleRoom    = 16  // above the panels, for the figure title
	netPanelTitle   = 12  // above each panel, for its title
	netLegendWidth  = 72  // right of the panels
	netMinRadius    = 0.6 // the smallest node's disc
	netMaxRadius    = 3.2 // the largest node's disc
)

// tieStyle draws ties: light and thin, so that nodes stay readable on
// thousands of them.
var tieStyle = draw.LineStyle{Color: color.Gray{Y: 0xC8}, Width: vg.Points(0.25)}

// Save writes the figure to path, in the format named by its extension
// (.svg, .png or .pdf). w ≤ 0 means DefaultWidth; h ≤ 0 a height that
// fits the rows of square panels. On error no file is created.
func (n Network) Save(path string, w, h float64) error {
	return saveFile(path, func(out io.Writer, format string) error {
		return n.Write(out, format, w, h)
	})
}

// Write writes the figure to out in format "svg", "png" or "pdf", width ×
// height inches (see Save for the defaults). SVG output is identical
// byte for byte for identical figures.
func (n Network) Write(out io.Writer, format string, width, height float64) error {
	format, err := parseFormat(format)
	if err != nil {
		return err
	}
	if err := n.validate(); err != nil {
		return err
	}
	if width <= 0 {
		width = DefaultWidth
	}
	cols, rows, side := n.grid(vg.Length(width) * vg.Inch)
	if height <= 0 {
		h := vg.Points(netTitleRoom) + vg.Length(rows)*(side+vg.Points(netPanelTitle+netPad)) + vg.Points(marginTop+marginBottom)
		height = math.Ceil(float64(h/vg.Inch)*10) / 10
	}
	return render(out, format, vg.Length(width)*vg.Inch, vg.Length(height)*vg.Inch, func(dc draw.Canvas) {
		n.paint(inMargins(dc), cols, side)
	})
}

// validate refuses figures without nodes or panels, or with slices of
// different lengths, NaN positions or categories out of range.
func (n Network) validate() error {
	if len(n.X) == 0 || len(n.Panels) == 0 {
		return fmt.Errorf("network %q: %w: no nodes or no panels", n.Title, ErrNoData)
	}
	if len(n.Y) != len(n.X) || len(n.Size) != len(n.X) || len(n.Src) != len(n.Dst) {
		return fmt.Errorf("plot: network %q: X, Y and Size (%d, %d, %d) or Src and Dst (%d, %d) differ in length", n.Title, len(n.X), len(n.Y), len(n.Size), len(n.Src), len(n.Dst))
	}
	for i := range n.X {
		if math.IsNaN(n.X[i]) || math.IsNaN(n.Y[i]) || math.IsNaN(n.Size[i]) {
			return fmt.Errorf("plot: network %q: node %d has NaN position or size", n.Title, i)
		}
	}
	for _, p := range n.Panels {
		if len(p.Category) != len(n.X) {
			return fmt.Errorf("plot: network %q: panel %q has %d categories for %d nodes", n.Title, p.Title, len(p.Category), len(n.X))
		}
		for i, c := range p.Category {
			if c < 0 || c >= len(n.Categories) {
				return fmt.Errorf("plot: network %q: panel %q: node %d has category %d, not one of %d", n.Title, p.Title, i, c, len(n.Categories))
			}
		}
	}
	return nil
}

// grid returns the panel columns and rows and the side of a square panel
// on a page width wide.
func (n Network) grid(width vg.Length) (cols, rows int, side vg.Length) {
	cols = min(len(n.Panels), netPanelsPerRow)
	rows = (len(n.Panels) + cols - 1) / cols
	avail := width - vg.Points(marginLeft+marginRight+netLegendWidth)
	side = (avail - vg.Length(cols-1)*vg.Points(netPad)) / vg.Length(cols)
	return cols, rows, side
}

func (n Network) colour(k int) color.Color {
	if k < len(n.Colours) && n.Colours[k] != nil {
		return n.Colours[k]
	}
	return Palette[k%len(Palette)]
}

func (n Network) paint(dc draw.Canvas, cols int, side vg.Length) {
	txt := func(size vg.Length) text.Style {
		return text.Style{Color: color.Black, Font: font.From(sans, size), Handler: gplot.DefaultTextHandler}
	}
	top := dc.Max.Y
	title := txt(titleSize)
	title.XAlign = draw.XCenter
	title.YAlign = draw.YTop
	panelsWidth := vg.Length(cols)*side + vg.Length(cols-1)*vg.Points(netPad)
	dc.FillText(title, vg.Point{X: dc.Min.X + panelsWidth/2, Y: top}, n.Title)
	maxSize := 0.0
	for _, s := range n.Size {
		maxSize = max(maxSize, s)
	}
	// The largest disc is at most half the spacing of n nodes spread
	// evenly over a panel, so that thousands of nodes do not merge into
	// one blot; the smallest a quarter of it (but netMinRadius at least).
	hi := min(netMaxRadius, 0.5*float64(side/vg.Points(1))/math.Sqrt(float64(len(n.X))))
	lo := max(0.25*hi, min(netMinRadius, hi))
	radius := func(i int) vg.Length {
		r := lo
		if maxSize > 0 {
			r += (hi - lo) * math.Sqrt(n.Size[i]/maxSize)
		}
		return vg.Points(r)
	}
	// Small nodes are drawn last, on top of the hubs they surround.
	order := make([]int, len(n.X))
	for i := range order {
		order[i] = i
	}
	sortBySize(order, n.Size)
	panelTitle := txt(tickSize)
	panelTitle.XAlign = draw.XCenter
	panelTitle.YAlign = draw.YTop
	for k, p := range n.Panels {
		col, row := k%cols, k/cols
		x0 := dc.Min.X + vg.Length(col)*(side+vg.Points(netPad))
		yTop := top - vg.Points(netTitleRoom) - vg.Length(row)*(side+vg.Points(netPanelTitle+netPad))
		dc.FillText(panelTitle, vg.Point{X: x0 + side/2, Y: yTop}, p.Title)
		y1 := yTop - vg.Points(netPanelTitle)
		// Inset by the largest radius, so that no disc crosses the frame.
		in := vg.Points(netMaxRadius)
		at := func(i int) vg.Point {
			return vg.Point{X: x0 + in + vg.Length(n.X[i])*(side-2*in), Y: y1 - side + in + vg.Length(n.Y[i])*(side-2*in)}
		}
		frame := vg.Rectangle{Min: vg.Point{X: x0, Y: y1 - side}, Max: vg.Point{X: x0 + side, Y: y1}}
		dc.SetLineStyle(draw.LineStyle{Color: color.Gray{Y: 0xA0}, Width: vg.Points(0.5)})
		dc.Stroke(frame.Path())
		dc.SetLineStyle(tieStyle)
		for e := range n.Src {
			var path vg.Path
			path.Move(at(int(n.Src[e])))
			path.Line(at(int(n.Dst[e])))
			dc.Stroke(path)
		}
		for _, i := range order {
			fillDisc(dc, n.colour(p.Category[i]), at(i), radius(i))
		}
	}
	// The legend, right of the panels, top aligned with them.
	lx := dc.Min.X + panelsWidth + vg.Points(netPad)
	ly := top - vg.Points(netTitleRoom+netPanelTitle)
	entry := txt(tickSize)
	entry.YAlign = draw.YCenter
	for k, c := range n.Categories {
		y := ly - vg.Length(k)*vg.Points(tickSize+4) - vg.Points(tickSize/2)
		fillDisc(dc, n.colour(k), vg.Point{X: lx + vg.Points(netMaxRadius), Y: y}, vg.Points(netMaxRadius))
		dc.FillText(entry, vg.Point{X: lx + vg.Points(2*netMaxRadius+4), Y: y}, c)
	}
}

// fillDisc fills a disc of radius r around centre.
func fillDisc(dc draw.Canvas, c color.Color, centre vg.Point, r vg.Length) {
	dc.SetColor(c)
	var disc vg.Path
	disc.Move(vg.Point{X: centre.X + r, Y: centre.Y})
	disc.Arc(centre, r, 0, 2*math.Pi)
	disc.Close()
	dc.Fill(disc)
}

// sortBySize orders node ids by decreasing size, ties by id: a stable,
// machine-independent drawing order.
func sortBySize(order []int, size []float64) {
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case size[a] > size[b]:
			return -1
		case size[a] < size[b]:
			return 1
		}
		return a - b
	})
}
