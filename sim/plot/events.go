package plot

import (
	"image/color"
	"slices"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Event marks a moment on a time plot, such as the start of repression:
// a thin grey dashed vertical line at X across the data area, and Label,
// if any, in small grey type just above the data area.
type Event struct {
	X     float64
	Label string
}

// Event style.
const (
	eventSize    = 8    // pt, labels
	eventWidth   = 0.75 // pt, lines
	eventLabelDX = 2    // pt, line to its label
	eventPad     = 3    // pt, data area to the first row of labels, and between rows
	eventSpace   = 4    // pt, least gap between labels in a row
)

var (
	eventColour = color.Gray{Y: 0x70}
	eventLine   = draw.LineStyle{Color: eventColour, Width: vg.Points(eventWidth), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}
)

func eventStyle() text.Style {
	return text.Style{Color: eventColour, Font: font.From(sans, eventSize), Handler: gplot.DefaultTextHandler, YAlign: draw.YBottom}
}

// eventLabel is the place of one event label: its row above the data
// area (0 nearest), its anchor x and alignment.
type eventLabel struct {
	text  string
	x     vg.Length
	align draw.XAlignment
	row   int
}

// layoutEvents places the labels of the events inside [d.Min.X, right]
// over the data area d: each right of its line, or left of it where it
// would pass right, in the lowest row where it clears the labels already
// there by eventSpace. Events outside the x range are left out.
func layoutEvents(events []Event, trX func(float64) vg.Length, d vg.Rectangle, right vg.Length) (labels []eventLabel, rows int) {
	sty := eventStyle()
	order := make([]int, len(events))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return int(trX(events[a].X) - trX(events[b].X))
	})
	var ends []vg.Length // right end of the last label of each row
	for _, i := range order {
		e := events[i]
		x := trX(e.X)
		if e.Label == "" || x < d.Min.X-0.01 || x > d.Max.X+0.01 {
			continue
		}
		w := sty.Width(e.Label)
		l := eventLabel{text: e.Label, x: x + vg.Points(eventLabelDX), align: draw.XLeft}
		from := l.x
		if from+w > right {
			l.x, l.align = x-vg.Points(eventLabelDX), draw.XRight
			from = l.x - w
		}
		l.row = len(ends)
		for r, end := range ends {
			if from >= end+vg.Points(eventSpace) {
				l.row = r
				break
			}
		}
		if l.row == len(ends) {
			ends = append(ends, 0)
		}
		ends[l.row] = from + w
		labels = append(labels, l)
	}
	return labels, len(ends)
}

// eventBand returns the height that rows of event labels need above the
// data area.
func eventBand(rows int) vg.Length {
	if rows == 0 {
		return 0
	}
	return vg.Length(rows) * (eventStyle().Height("Ag") + vg.Points(eventPad))
}

// eventLines is the plot.Plotter of the event lines, drawn under the
// data.
type eventLines []Event

// Plot implements plot.Plotter.
func (ev eventLines) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, _ := p.Transforms(&c)
	for _, e := range ev {
		if x := trX(e.X); x >= c.Min.X-0.01 && x <= c.Max.X+0.01 {
			c.StrokeLine2(eventLine, x, c.Min.Y, x, c.Max.Y)
		}
	}
}

// drawEventLabels draws the labels laid out by layoutEvents in rows above
// the data area d.
func drawEventLabels(c draw.Canvas, labels []eventLabel, d vg.Rectangle) {
	sty := eventStyle()
	rowH := sty.Height("Ag") + vg.Points(eventPad)
	for _, l := range labels {
		s := sty
		s.XAlign = l.align
		y := d.Max.Y + vg.Points(eventPad) + vg.Length(l.row)*rowH
		c.FillText(s, vg.Point{X: l.x, Y: y}, l.text)
	}
}
