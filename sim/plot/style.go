package plot

import (
	"cmp"
	"image/color"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Palette is the Okabe & Ito (2008) colour-blind-safe palette (see Wong
// 2011) without its yellow (#F0E442), whose contrast ratio with white is
// 1.3:1, far below the 3:1 that WCAG 2.1 (§1.4.11) asks of graphical
// objects. The rest are reordered: the four that reach 3:1 first, the
// mechanisms on the three most distinct (see wellKnown), then orange and
// sky blue (2.2:1, still clearly visible as 1.5 pt lines) and black.
// Style slot i is drawn in Palette[i%len(Palette)]. Callers may replace
// it before drawing; it must not be empty.
var Palette = []color.Color{
	color.RGBA{R: 0x00, G: 0x72, B: 0xB2, A: 0xff}, // blue
	color.RGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xff}, // vermillion
	color.RGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xff}, // bluish green
	color.RGBA{R: 0xCC, G: 0x79, B: 0xA7, A: 0xff}, // reddish purple
	color.RGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0xff}, // orange
	color.RGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 0xff}, // sky blue
	color.RGBA{R: 0x00, G: 0x00, B: 0x00, A: 0xff}, // black
}

// dashes are the line patterns used on successive passes through Palette:
// solid, dashed, dotted, dash-dot.
var dashes = [][]vg.Length{
	nil,
	{vg.Points(6), vg.Points(3)},
	{vg.Points(1.5), vg.Points(2.5)},
	{vg.Points(6), vg.Points(2.5), vg.Points(1.5), vg.Points(2.5)},
}

// shapes are the marker shapes, slot i taking shapes[i%len(shapes)]. Five
// is prime to the seven colours, so colour and shape together repeat only
// every 35 slots, and with the dashes no two of the first 140 slots look
// alike.
var shapes = []draw.GlyphDrawer{
	draw.CircleGlyph{}, polygonGlyph{sides: 4, turn: math.Pi / 4}, polygonGlyph{sides: 3, turn: math.Pi / 2},
	polygonGlyph{sides: 4}, polygonGlyph{sides: 3, turn: -math.Pi / 2},
}

// markerRadius is the radius of design-point markers, in points.
const markerRadius = 2.6

// polygonGlyph is a filled regular polygon of the marker radius (square,
// triangles, diamond), its first vertex at angle turn.
type polygonGlyph struct {
	sides int
	turn  float64
}

// DrawGlyph implements draw.GlyphDrawer.
func (g polygonGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	// A square of the circle's radius looks larger than the circle, a
	// triangle smaller: scale to about the same area.
	r := float64(sty.Radius) * map[int]float64{3: 1.35, 4: 1.15}[g.sides]
	var p vg.Path
	for k := range g.sides {
		a := g.turn + 2*math.Pi*float64(k)/float64(g.sides)
		v := vg.Point{X: pt.X + vg.Length(r*math.Cos(a)), Y: pt.Y + vg.Length(r*math.Sin(a))}
		if k == 0 {
			p.Move(v)
		} else {
			p.Line(v)
		}
	}
	p.Close()
	c.Fill(p)
}

// seriesLook is how one style slot is drawn: its line and its marker.
type seriesLook struct {
	line   draw.LineStyle
	marker draw.GlyphStyle
}

// look returns the line and marker of style slot i: Palette colour, a new
// dash pattern on each pass through the palette, and a marker shape.
func look(i int) seriesLook {
	clr := Palette[i%len(Palette)]
	return seriesLook{
		line: draw.LineStyle{
			Color:  clr,
			Width:  vg.Points(lineWidth),
			Dashes: dashes[(i/len(Palette))%len(dashes)],
		},
		marker: draw.GlyphStyle{Color: clr, Radius: vg.Points(markerRadius), Shape: shapes[i%len(shapes)]},
	}
}

// seriesStyle returns the line style of style slot i.
func seriesStyle(i int) draw.LineStyle { return look(i).line }

// ColourMap maps series keys to style slots: slot i is drawn in colour
// Palette[i mod len(Palette)], with dash pattern (i div len(Palette)) mod 4
// (solid, dashed, dotted, dash-dot) and marker shape i mod 5 (circle,
// square, triangle, diamond, inverted triangle). Make one with [Colours].
type ColourMap map[string]int

// wellKnown are the slots kept for the mechanisms of the model, so that
// each has the same colour in every chart: collective action blue,
// connective action vermillion, organisationally enabled (hybrid)
// connective action bluish green.
var wellKnown = map[string]int{
	"collective":                          0,
	"connective":                          1,
	"hybrid":                              2,
	"enabled":                             2,
	"enabled connective":                  2,
	"organisationally enabled":            2,
	"organizationally enabled":            2,
	"organisationally enabled connective": 2,
	"organizationally enabled connective": 2,
}

// wellKnownSlot returns the slot kept for key, matched without regard to
// case, hyphens or a trailing " action" ("Collective action",
// "organisationally-enabled"), or -1.
func wellKnownSlot(key string) int {
	k := strings.ToLower(strings.TrimSpace(key))
	k = strings.ReplaceAll(k, "-", " ")
	k = strings.TrimSuffix(k, " action")
	if s, ok := wellKnown[k]; ok {
		return s
	}
	return -1
}

// Colours assigns a style slot to each distinct key, independently of the
// order of keys: the mechanism names (collective, connective, hybrid or
// organisationally enabled, in any case, with or without " action") take
// slots 0, 1 and 2 (blue, vermillion, bluish green), and the other keys
// take the free slots from 0 up in natural order (numbers within keys
// compare by value, so "k=2" comes before "k=10"). Empty keys are
// ignored. A caller that draws several charts of one folder, or compares
// folders, passes every key of all of them and sets the map on each
// chart, so that a key has the same colour, dash and marker everywhere.
func Colours(keys []string) ColourMap {
	m := ColourMap{}
	assign(m, keys, map[int]bool{})
	return m
}

// assign adds to m a slot for each distinct non-empty key of keys that m
// lacks, avoiding the slots in used (which it updates): mechanism names
// their own slot unless used, then the other keys in natural order on
// the lowest free slots.
func assign(m ColourMap, keys []string, used map[int]bool) {
	var rest []string
	for _, k := range keys {
		if _, ok := m[k]; ok || k == "" || slices.Contains(rest, k) {
			continue
		}
		if s := wellKnownSlot(k); s >= 0 && !used[s] {
			m[k] = s
			used[s] = true
		} else {
			rest = append(rest, k)
		}
	}
	slices.SortFunc(rest, naturalCompare)
	next := 0
	for _, k := range rest {
		for used[next] {
			next++
		}
		m[k] = next
		used[next] = true
	}
}

// number matches a decimal number within a key.
var number = regexp.MustCompile(`-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?`)

// naturalCompare orders a and b as strings, except that numbers in the
// same place compare by value: "k=2" < "k=10", "p=0.05" < "p=0.1".
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		la, lb := number.FindStringIndex(a), number.FindStringIndex(b)
		if la == nil || lb == nil || la[0] != lb[0] || a[:la[0]] != b[:lb[0]] {
			return strings.Compare(a, b)
		}
		x, _ := strconv.ParseFloat(a[la[0]:la[1]], 64)
		y, _ := strconv.ParseFloat(b[lb[0]:lb[1]], 64)
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
		if c := strings.Compare(a[la[0]:la[1]], b[lb[0]:lb[1]]); c != 0 {
			return c // 1.0 and 1: equal values, still different keys
		}
		a, b = a[la[1]:], b[lb[1]:]
	}
	return strings.Compare(a, b)
}

// key returns the key of s: Key, or Label when Key is empty.
func (s Series) key() string {
	if s.Key != "" {
		return s.Key
	}
	return s.Label
}

// slots returns the style slot of each series: fixed[key] when fixed has
// the series' key, else a slot that Colours would give among the chart's
// other keys, avoiding every slot of fixed. A series without a key, or
// whose key an earlier series already has, takes the next free slot, so
// that no two series of one chart look alike.
func slots(series []Series, fixed ColourMap) []int {
	used := map[int]bool{}
	for _, s := range fixed {
		used[s] = true
	}
	m := ColourMap{}
	for k, s := range fixed {
		m[k] = s
	}
	keys := make([]string, len(series))
	for i, s := range series {
		keys[i] = s.key()
	}
	assign(m, keys, used)
	out := make([]int, len(series))
	next := 0
	seen := map[string]bool{}
	for i, k := range keys {
		if k == "" || seen[k] {
			for used[next] {
				next++
			}
			used[next] = true
			out[i] = next
			continue
		}
		seen[k] = true
		out[i] = m[k]
	}
	return out
}
