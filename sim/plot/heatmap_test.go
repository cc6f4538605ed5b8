package plot_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connact/connact/sim/plot"
)

// Viridis at 0 and 1 (van der Walt & Smith 2015) and the missing-cell grey.
var (
	viridisLow  = color.NRGBA{R: 0x44, G: 0x01, B: 0x54}
	viridisHigh = color.NRGBA{R: 0xFD, G: 0xE7, B: 0x25}
	missingGrey = color.NRGBA{R: 0xDD, G: 0xDD, B: 0xDD}
)

// TestExampleHeatmap runs ExampleHeatmap, compares its SVG with
// testdata/heatmap_golden.svg (-update rewrites it) and checks its PNG.
func TestExampleHeatmap(t *testing.T) {
	ExampleHeatmap()
	checkGolden(t, "testdata/heatmap.svg", "testdata/heatmap_golden.svg")

	b, err := os.ReadFile("testdata/heatmap.png")
	if err != nil {
		t.Fatal(err)
	}
	img := checkPNGPage(t, b, plot.DefaultWidth, plot.DefaultHeatmapHeight)
	// The colour bar spans viridis end to end, and one cell is missing.
	// Counts are lower bounds: the bar is 12 pt = 50 px wide, so each end
	// colour covers at least a few rows of it; a cell is over 100 px a
	// side.
	counts := countColours(img, 2, viridisLow, viridisHigh, missingGrey)
	for i, min := range []int{200, 200, 100 * 100} {
		if counts[i] < min {
			t.Errorf("colour %d: %d pixels, want ≥ %d", i, counts[i], min)
		}
	}
}

// countColours counts the opaque pixels of img within tol of each colour.
func countColours(img image.Image, tol int, colours ...color.NRGBA) []int {
	n := make([]int, len(colours))
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			for i, want := range colours {
				if near(c, want, tol) {
					n[i]++
				}
			}
		}
	}
	return n
}

// grid returns a valid heatmap of nx × ny cells with values from 0 to 1.
func grid(nx, ny int) plot.Heatmap {
	h := plot.Heatmap{Title: "grid", XLabel: "x", YLabel: "y", ZLabel: "z"}
	for x := range nx {
		h.XTicks = append(h.XTicks, string(rune('a'+x)))
	}
	for y := range ny {
		h.YTicks = append(h.YTicks, string(rune('A'+y)))
		row := make([]float64, nx)
		for x := range row {
			row[x] = float64(x+y*nx) / float64(max(1, nx*ny-1))
		}
		h.Values = append(h.Values, row)
	}
	return h
}

func TestHeatmapErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	with := func(edit func(h *plot.Heatmap)) plot.Heatmap {
		h := grid(4, 3)
		edit(&h)
		return h
	}
	for _, tc := range []struct {
		name   string
		h      plot.Heatmap
		want   error // nil: valid
		naming string
	}{
		{"nil Values", with(func(h *plot.Heatmap) { h.Values = nil }), plot.ErrNoData, `"grid"`},
		{"empty row", with(func(h *plot.Heatmap) { h.Values = [][]float64{{}} }), plot.ErrNoData, "no cells"},
		{"ragged", with(func(h *plot.Heatmap) { h.Values[2] = h.Values[2][:3] }), plot.ErrBadData, "row 2 has 3 cells"},
		{"+Inf", with(func(h *plot.Heatmap) { h.Values[1][0] = inf }), plot.ErrBadData, "Values[1][0]=+Inf"},
		{"-Inf", with(func(h *plot.Heatmap) { h.Values[0][3] = -inf }), plot.ErrBadData, "Values[0][3]=-Inf"},
		{"all NaN", with(func(h *plot.Heatmap) {
			for _, row := range h.Values {
				for x := range row {
					row[x] = nan
				}
			}
		}), plot.ErrNoData, "every cell is NaN"},
		{"short XTicks", with(func(h *plot.Heatmap) { h.XTicks = h.XTicks[:2] }), plot.ErrBadData, "len(XTicks)=2 for 4 columns"},
		{"nil XTicks", with(func(h *plot.Heatmap) { h.XTicks = nil }), plot.ErrBadData, "len(XTicks)=0"},
		{"long YTicks", with(func(h *plot.Heatmap) { h.YTicks = append(h.YTicks, "D") }), plot.ErrBadData, "len(YTicks)=4 for 3 rows"},
		{"NaN ZMin", with(func(h *plot.Heatmap) { h.ZMin, h.ZMax = nan, 1 }), plot.ErrBadData, "ZMin=NaN"},
		{"Inf ZMax", with(func(h *plot.Heatmap) { h.ZMax = inf }), plot.ErrBadData, "ZMax=+Inf"},

		{"valid", grid(4, 3), nil, ""},
		{"one cell", grid(1, 1), nil, ""},
		{"missing cells", with(func(h *plot.Heatmap) { h.Values[0][0], h.Values[2][3] = nan, nan }), nil, ""},
		{"constant", with(func(h *plot.Heatmap) {
			for _, row := range h.Values {
				for x := range row {
					row[x] = 0
				}
			}
		}), nil, ""},
		{"fixed range, values outside", with(func(h *plot.Heatmap) { h.ZMin, h.ZMax = 0.25, 0.5 }), nil, ""},
		{"reversed range means auto", with(func(h *plot.Heatmap) { h.ZMin, h.ZMax = 1, 0 }), nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "heatmap.svg")
			err := tc.h.Save(path, 0, 0)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("%s: unexpected error: %v", tc.name, err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("%s: error %v, want %v", tc.name, err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.naming) {
				t.Errorf("%s: error %q does not name %s", tc.name, err, tc.naming)
			}
			if _, statErr := os.Stat(path); !errors.Is(statErr, os.ErrNotExist) {
				t.Errorf("%s: Save left a file behind after an error", tc.name)
			}
		})
	}
}

func TestHeatmapBadOptions(t *testing.T) {
	h := grid(3, 2)
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"format", h.Write(new(bytes.Buffer), "gif", 0, 0)},
		{"extension", h.Save(filepath.Join(t.TempDir(), "heatmap.jpg"), 0, 0)},
		{"size", h.Write(new(bytes.Buffer), "svg", 0, math.NaN())},
	} {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestHeatmapSVGDeterministic(t *testing.T) {
	h := grid(5, 4)
	h.Annotate = true
	h.Values[1][2] = math.NaN()
	var a, b bytes.Buffer
	if err := h.Write(&a, "svg", 0, 0); err != nil {
		t.Fatal(err)
	}
	if err := h.Write(&b, ".SVG", 0, 0); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renderings of the same heatmap differ")
	}
	checkXML(t, a.Bytes())
}

// checkXML fails unless b is well-formed XML.
func checkXML(t *testing.T, b []byte) {
	t.Helper()
	for d := xml.NewDecoder(bytes.NewReader(b)); ; {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
	}
}

func TestHeatmapPNGSize(t *testing.T) {
	h := grid(3, 3)
	for _, size := range [][2]float64{{3.5, 2.5}, {7, 5}, {0, 0}} {
		var buf bytes.Buffer
		if err := h.Write(&buf, "png", size[0], size[1]); err != nil {
			t.Fatal(err)
		}
		w, ht := size[0], size[1]
		if w == 0 {
			w, ht = plot.DefaultWidth, plot.DefaultHeatmapHeight // 1950 × 1350 px
		}
		checkPNGPage(t, buf.Bytes(), w, ht)
	}
}

// TestHeatmapRowOrder checks that row 0 is drawn at the bottom: down a
// vertical line through the cells, the yellow of the top row (value 1)
// comes before the dark purple of the bottom row (value 0).
func TestHeatmapRowOrder(t *testing.T) {
	h := plot.Heatmap{XTicks: []string{"a"}, YTicks: []string{"bottom", "top"}, Values: [][]float64{{0}, {1}}}
	var buf bytes.Buffer
	if err := h.Write(&buf, "png", 0, 0); err != nil {
		t.Fatal(err)
	}
	img := checkPNGPage(t, buf.Bytes(), plot.DefaultWidth, plot.DefaultHeatmapHeight)
	// 40% across is inside the cells, left of the colour bar.
	x := img.Bounds().Dx() * 4 / 10
	first := func(want color.NRGBA) int {
		for y := range img.Bounds().Dy() {
			if near(color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA), want, 2) {
				return y
			}
		}
		return -1
	}
	yHigh, yLow := first(viridisHigh), first(viridisLow)
	if yHigh < 0 || yLow < 0 || yHigh > yLow {
		t.Errorf("yellow (row 1) first at y=%d, purple (row 0) at y=%d px from the top; want yellow above", yHigh, yLow)
	}
}

// TestHeatmapAnnotations checks which numbers are written, and in which
// colour, by looking for the text elements in the SVG.
func TestHeatmapAnnotations(t *testing.T) {
	h := plot.Heatmap{
		XTicks: []string{"a", "b", "c"},
		YTicks: []string{"A"},
		Values: [][]float64{{0.05, math.NaN(), 0.95}},
		ZMin:   0, ZMax: 1,
	}
	for _, annotate := range []bool{false, true} {
		h.Annotate = annotate
		var buf bytes.Buffer
		if err := h.Write(&buf, "svg", 0, 0); err != nil {
			t.Fatal(err)
		}
		svg := buf.String()
		// White on the dark cell, black (the SVG default, no fill) on
		// the yellow one.
		if got := strings.Contains(svg, `fill:#FFFFFF">0.05</text>`); got != annotate {
			t.Errorf("annotate=%t: white 0.05 written=%t", annotate, got)
		}
		if got := strings.Contains(svg, `font-size:8px">0.95</text>`); got != annotate {
			t.Errorf("annotate=%t: black 0.95 written=%t", annotate, got)
		}
		if strings.Contains(svg, ">NaN<") {
			t.Errorf("annotate=%t: NaN written in the missing cell", annotate)
		}
	}
}

func TestHeatmapPDF(t *testing.T) {
	h := grid(4, 4)
	h.Annotate = true
	var buf bytes.Buffer
	if err := h.Write(&buf, "pdf", 0, 0); err != nil {
		t.Fatal(err)
	}
	checkPDF(t, buf.Bytes())
}

// checkPDF checks the PDF header and that a TrueType font is embedded (a
// stream referenced as /FontFile2 from the font descriptor).
func checkPDF(t *testing.T, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("PDF starts with %q", b[:min(len(b), 8)])
	}
	if !bytes.Contains(b, []byte("/FontFile2 ")) {
		t.Error("PDF has no embedded TrueType font (/FontFile2)")
	}
}
