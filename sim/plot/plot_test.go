package plot_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/connact/connact/sim/plot"
)

var update = flag.Bool("update", false, "update golden files")

// fontData matches the base64 payload of a font embedded by vgsvg.
var fontData = regexp.MustCompile(`base64,([A-Za-z0-9+/=]+)`)

// withFontDigests replaces each embedded font by the SHA-256 of its
// base64 text, so that a golden file with an embedded font would stay
// small and reviewable (the Liberation Sans payload alone is ~550 kB)
// while any change to the embedded bytes still changed the digest. SVGs
// no longer embed fonts (checkGolden fails if one does); sim/output's
// golden test shares the helper.
func withFontDigests(svg []byte) []byte {
	return fontData.ReplaceAllFunc(svg, func(m []byte) []byte {
		sum := sha256.Sum256(m[len("base64,"):])
		return fmt.Appendf(nil, "sha256,%x", sum)
	})
}

// TestExampleChart runs ExampleChart and compares its SVG, as text, with
// testdata/mechanisms_golden.svg; -update rewrites the golden file. The PNG
// it also writes is checked for size, resolution and content.
func TestExampleChart(t *testing.T) {
	ExampleChart()
	checkGolden(t, "testdata/mechanisms.svg", "testdata/mechanisms_golden.svg")

	b, err := os.ReadFile("testdata/mechanisms.png")
	if err != nil {
		t.Fatal(err)
	}
	checkPNG(t, b, plot.DefaultWidth, plot.DefaultHeight)
}

// checkGolden compares the SVG at path, with font digests, to the golden
// file, or rewrites the golden file under -update.
func checkGolden(t *testing.T, path, golden string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Text names its fonts rather than embedding them: a few kB, not
	// ~570 kB.
	if bytes.Contains(raw, []byte("@font-face")) || bytes.Contains(raw, []byte("base64,")) {
		t.Errorf("%s: embeds a font", path)
	}
	if !bytes.Contains(raw, []byte("font-family:'Liberation Sans', Arial, Helvetica, sans-serif;")) {
		t.Errorf("%s: text does not name Liberation Sans, Arial, Helvetica, sans-serif", path)
	}
	if len(raw) > 100_000 {
		t.Errorf("%s: %d bytes, want at most 100 kB", path, len(raw))
	}
	got := withFontDigests(raw)
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("%s differs from %s at line %d:\ngot:  %.200s\nwant: %.200s\n(run go test -update if the change is intended)",
					path, golden, i+1, g, w)
				break
			}
		}
	}
}

// checkPNG checks that b is a w × h inch, 300 dpi PNG with something drawn
// on it, including a vermillion line (the colour of connective action, or
// of the second key) and its band.
func checkPNG(t *testing.T, b []byte, w, h float64) {
	t.Helper()
	img := checkPNGPage(t, b, w, h)
	size := img.Bounds().Size()
	// Not blank: ink covers a sensible share of the page, and the
	// vermillion line (D55E00) and its 25% band over white (≈ F5D7BF)
	// both appear.
	var ink, line, band int
	for y := range size.Y {
		for x := range size.X {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.R < 250 || c.G < 250 || c.B < 250 {
				ink++
			}
			if near(c, color.NRGBA{R: 0xD5, G: 0x5E, B: 0x00}, 12) {
				line++
			}
			if near(c, color.NRGBA{R: 0xF5, G: 0xD7, B: 0xBF}, 6) {
				band++
			}
		}
	}
	total := size.X * size.Y
	// Two lines with bands fill a few percent of the page at least; a chart
	// that is more than half ink is broken (e.g. an unfilled background).
	if frac := float64(ink) / float64(total); frac < 0.03 || frac > 0.5 {
		t.Errorf("ink covers %.3f of the PNG, want within [0.03, 0.5]", frac)
	}
	// A 1.5 pt line at 300 dpi is ~6 px wide; 1000 px is a short stretch.
	if line < 1000 {
		t.Errorf("only %d vermillion line pixels", line)
	}
	if band < 10000 {
		t.Errorf("only %d band pixels", band)
	}
}

// checkPNGPage checks that b is a w × h inch PNG at 300 dpi, with a pHYs
// chunk saying so, and returns the decoded image.
func checkPNGPage(t *testing.T, b []byte, w, h float64) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode PNG: %v", err)
	}
	size := img.Bounds().Size()
	wantW, wantH := int(math.Ceil(w*plot.DPI)), int(math.Ceil(h*plot.DPI))
	if size.X != wantW || size.Y != wantH {
		t.Errorf("PNG is %d×%d px, want %d×%d (%v×%v in at %d dpi)", size.X, size.Y, wantW, wantH, w, h, plot.DPI)
	}

	// pHYs: pixels per metre, x and y, then unit 1 (metre).
	i := bytes.Index(b, []byte("pHYs"))
	idat := bytes.Index(b, []byte("IDAT"))
	if i < 0 || i+13 > len(b) || i > idat {
		t.Errorf("PNG has no pHYs chunk before IDAT")
	} else {
		x, y, unit := binary.BigEndian.Uint32(b[i+4:]), binary.BigEndian.Uint32(b[i+8:]), b[i+12]
		const ppm = 11811 // 300 dpi / 0.0254 m per inch, rounded
		if x != ppm || y != ppm || unit != 1 {
			t.Errorf("pHYs = %d×%d per unit %d, want %d×%d per metre (unit 1)", x, y, unit, ppm, ppm)
		}
	}
	return img
}

func near(c, want color.NRGBA, tol int) bool {
	d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
	return c.A == 255 && d(c.R, want.R) <= tol && d(c.G, want.G) <= tol && d(c.B, want.B) <= tol
}

// ramp returns a series of n points with mean i/n and band ±0.1.
func ramp(label string, n int) plot.Series {
	s := plot.Series{Label: label}
	for i := range n {
		m := float64(i) / float64(n)
		s.X = append(s.X, float64(i))
		s.Mean = append(s.Mean, m)
		s.Lo = append(s.Lo, m-0.1)
		s.Hi = append(s.Hi, m+0.1)
	}
	return s
}

func TestErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	// with returns a valid ramp labelled "bad" after edit.
	with := func(edit func(s *plot.Series)) []plot.Series {
		s := ramp("bad", 5)
		edit(&s)
		return []plot.Series{ramp("good", 5), s}
	}
	for _, tc := range []struct {
		name   string
		chart  plot.Chart
		want   error // nil: valid
		naming string
	}{
		{"no series", plot.Chart{Title: "empty"}, plot.ErrNoData, `"empty"`},
		{"empty series", plot.Chart{Series: with(func(s *plot.Series) { *s = plot.Series{Label: "bad"} })}, plot.ErrNoData, `"bad"`},
		{"len X != len Mean", plot.Chart{Series: with(func(s *plot.Series) { s.Mean = s.Mean[:4] })}, plot.ErrBadData, `"bad"`},
		{"X without Mean", plot.Chart{Series: with(func(s *plot.Series) { s.Mean, s.Lo, s.Hi = nil, nil, nil })}, plot.ErrBadData, `"bad"`},
		{"Lo without Hi", plot.Chart{Series: with(func(s *plot.Series) { s.Hi = nil })}, plot.ErrBadData, `"bad"`},
		{"short Hi", plot.Chart{Series: with(func(s *plot.Series) { s.Hi = s.Hi[:3] })}, plot.ErrBadData, `"bad"`},
		{"NaN Mean", plot.Chart{Series: with(func(s *plot.Series) { s.Mean[2] = nan })}, plot.ErrBadData, `"bad"`},
		{"+Inf Mean", plot.Chart{Series: with(func(s *plot.Series) { s.Mean[0] = inf })}, plot.ErrBadData, `"bad"`},
		{"-Inf Mean", plot.Chart{Series: with(func(s *plot.Series) { s.Mean[4] = -inf })}, plot.ErrBadData, `"bad"`},
		{"NaN X", plot.Chart{Series: with(func(s *plot.Series) { s.X[1] = nan })}, plot.ErrBadData, `"bad"`},
		{"Inf X", plot.Chart{Series: with(func(s *plot.Series) { s.X[1] = inf })}, plot.ErrBadData, `"bad"`},
		{"Inf Lo", plot.Chart{Series: with(func(s *plot.Series) { s.Lo[1] = -inf })}, plot.ErrBadData, `"bad"`},
		{"Inf Hi", plot.Chart{Series: with(func(s *plot.Series) { s.Hi[1] = inf })}, plot.ErrBadData, `"bad"`},
		{"Lo > Hi", plot.Chart{Series: with(func(s *plot.Series) { s.Lo[3], s.Hi[3] = 1, 0 })}, plot.ErrBadData, `"bad"`},
		{"NaN YMax", plot.Chart{Series: with(func(*plot.Series) {}), YMax: nan}, plot.ErrBadData, "YMax=NaN"},
		{"Inf YMin", plot.Chart{Series: with(func(*plot.Series) {}), YMin: -inf, YMax: 1}, plot.ErrBadData, "YMin=-Inf"},
		{"NaN XTicks", plot.Chart{Series: with(func(*plot.Series) {}), XTicks: []float64{1, nan}}, plot.ErrBadData, "XTicks[1]=NaN"},
		{"XTicks not increasing", plot.Chart{Series: with(func(*plot.Series) {}), XTicks: []float64{1, 3, 3}}, plot.ErrBadData, "XTicks[2]=3 after 3"},
		{"XTicks ≤ 0 on log x", plot.Chart{Series: []plot.Series{{X: []float64{1, 2}, Mean: []float64{1, 2}}}, LogX: true, XTicks: []float64{0, 1}}, plot.ErrBadData, "XTicks[0]=0"},
		{"Inf event", plot.Chart{Series: with(func(*plot.Series) {}), Events: []plot.Event{{X: 1}, {X: inf, Label: "repression"}}}, plot.ErrBadData, `Events[1] "repression"`},
		{"event outside x range", plot.Chart{Series: with(func(*plot.Series) {}), Events: []plot.Event{{X: 1e6, Label: "later"}}}, nil, ""},

		// NaN in the band means no interval there, and is valid.
		{"NaN Lo", plot.Chart{Series: with(func(s *plot.Series) { s.Lo[2] = nan })}, nil, ""},
		{"all NaN band", plot.Chart{Series: with(func(s *plot.Series) {
			for i := range s.Lo {
				s.Lo[i], s.Hi[i] = nan, nan
			}
		})}, nil, ""},
		{"no band", plot.Chart{Series: with(func(s *plot.Series) { s.Lo, s.Hi = nil, nil })}, nil, ""},
		{"single point", plot.Chart{Series: with(func(s *plot.Series) { *s = ramp("bad", 1) })}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "chart.svg")
			err := tc.chart.Save(path, 0, 0)
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

// TestBadOptions checks errors that are not about data.
func TestBadOptions(t *testing.T) {
	c := plot.Chart{Series: []plot.Series{ramp("a", 5)}}
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"format", c.Write(new(bytes.Buffer), "gif", 0, 0)},
		{"extension", c.Save(filepath.Join(t.TempDir(), "chart.jpg"), 0, 0)},
		{"legend", plot.Chart{Series: c.Series, Legend: "middle"}.Write(new(bytes.Buffer), "svg", 0, 0)},
		{"legend right", plot.Chart{Series: c.Series, Legend: "right"}.Write(new(bytes.Buffer), "svg", 0, 0)},
		{"size", c.Write(new(bytes.Buffer), "svg", math.Inf(1), 0)},
	} {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestSVGDeterministic(t *testing.T) {
	c := plot.Chart{Title: "t", XLabel: "x", YLabel: "y", Series: []plot.Series{ramp("a", 50), ramp("b", 30)}}
	var a, b bytes.Buffer
	if err := c.Write(&a, "svg", 0, 0); err != nil {
		t.Fatal(err)
	}
	if err := c.Write(&b, "SVG", 0, 0); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renderings of the same chart differ")
	}
	// Well-formed XML.
	for d := xml.NewDecoder(&a); ; {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
	}
}

func TestPNGSize(t *testing.T) {
	orange := plot.Series{Label: "b", X: []float64{0, 1, 2, 3}, Mean: []float64{0.2, 0.6, 0.4, 0.5}, Lo: []float64{0.1, 0.5, 0.3, 0.4}, Hi: []float64{0.3, 0.7, 0.5, 0.6}}
	c := plot.Chart{Title: "t", Series: []plot.Series{ramp("a", 4), orange}}
	for _, size := range [][2]float64{{3.5, 2.5}, {7, 5}} {
		var buf bytes.Buffer
		if err := c.Write(&buf, "png", size[0], size[1]); err != nil {
			t.Fatal(err)
		}
		checkPNG(t, buf.Bytes(), size[0], size[1])
	}
}

func TestPDF(t *testing.T) {
	c := plot.Chart{Title: "Title", XLabel: "Time (days)", YLabel: "Share", Series: []plot.Series{ramp("a", 20)}}
	path := filepath.Join(t.TempDir(), "chart.pdf")
	if err := c.Save(path, 0, 0); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("PDF starts with %q", b[:min(len(b), 8)])
	}
	// An embedded TrueType font is a stream referenced as /FontFile2 from
	// the font descriptor.
	if !bytes.Contains(b, []byte("/FontFile2 ")) {
		t.Error("PDF has no embedded TrueType font (/FontFile2)")
	}
}

// bandFill is the SVG style of a band filled with orange at 25% opacity
// (vgsvg rounds the un-premultiplied colour down by one unit).
// bandFill is the band of the second key, vermillion D55E00 at 25%
// opacity (vgsvg writes it from premultiplied alpha, one off).
const bandFill = `style="fill:#D45D00;fill-opacity:0.25098"`

// TestBandGaps checks that NaN in Lo or Hi splits the band, that single
// points are left out, and that a band of NaN is not drawn, by counting
// the vermillion band polygons in the SVG (one more for the legend
// swatch). Keys "black" and "orange" take slots 0 and 1: blue, vermillion.
func TestBandGaps(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name  string
		lo    []float64
		polys int // band pieces drawn, legend swatch included
	}{
		{"full", []float64{0, 0, 0, 0, 0, 0, 0}, 1 + 1},
		{"gap in middle", []float64{0, 0, 0, nan, 0, 0, 0}, 2 + 1},
		{"isolated point", []float64{0, 0, nan, 0, nan, 0, 0}, 2 + 1},
		{"first missing", []float64{nan, 0, 0, 0, 0, 0, 0}, 1 + 1},
		{"all NaN", []float64{nan, nan, nan, nan, nan, nan, nan}, 0},
		{"only singles", []float64{0, nan, 0, nan, 0, nan, 0}, 0},
	} {
		hi := make([]float64, len(tc.lo))
		for i := range hi {
			hi[i] = 1
		}
		orange := plot.Series{Label: "orange", X: []float64{0, 1, 2, 3, 4, 5, 6}, Mean: []float64{.5, .5, .5, .5, .5, .5, .5}, Lo: tc.lo, Hi: hi}
		c := plot.Chart{Series: []plot.Series{ramp("black", 7), orange}}
		var buf bytes.Buffer
		if err := c.Write(&buf, "svg", 0, 0); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := strings.Count(buf.String(), bandFill); got != tc.polys {
			t.Errorf("%s: %d band polygons, want %d", tc.name, got, tc.polys)
		}
	}
}

func TestLegend(t *testing.T) {
	series := []plot.Series{ramp("Collective action", 10), ramp("Connective action", 10)}
	for _, tc := range []struct {
		legend string
		shown  bool
	}{
		{"", true}, {"auto", true}, {"top-right", true}, {"top-left", true}, {"bottom-right", true},
		{"bottom-left", true}, {"outside-right", true}, {"outside-bottom", true}, {"none", false},
	} {
		var buf bytes.Buffer
		c := plot.Chart{Series: series, Legend: tc.legend}
		if err := c.Write(&buf, "svg", 0, 0); err != nil {
			t.Fatalf("legend %q: %v", tc.legend, err)
		}
		for _, s := range series {
			if got := strings.Contains(buf.String(), ">"+s.Label+"<"); got != tc.shown {
				t.Errorf("legend %q: label %q shown=%t, want %t", tc.legend, s.Label, got, tc.shown)
			}
		}
	}
}

// TestSaveFormats checks that Save picks the format from the extension.
func TestSaveFormats(t *testing.T) {
	c := plot.Chart{Series: []plot.Series{ramp("a", 10)}}
	dir := t.TempDir()
	for ext, magic := range map[string]string{
		".svg": "<?xml", ".SVG": "<?xml", ".png": "\x89PNG\r\n\x1a\n", ".pdf": "%PDF-",
	} {
		path := filepath.Join(dir, "chart"+ext)
		if err := c.Save(path, 0, 0); err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte(magic)) {
			t.Errorf("%s: file starts with %q, want %q", ext, b[:min(len(b), 8)], magic)
		}
	}
}

// TestDecodeConfig checks the default size without decoding pixels.
func TestDecodeConfig(t *testing.T) {
	var buf bytes.Buffer
	if err := (plot.Chart{Series: []plot.Series{ramp("a", 3)}}).Write(&buf, "png", -1, 0); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := image.DecodeConfig(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != 1950 || cfg.Height != 1200 { // 6.5 × 4 in at 300 dpi
		t.Errorf("default PNG is %d×%d, want 1950×1200", cfg.Width, cfg.Height)
	}
}

// TestExampleChartLogX runs ExampleChart_logX, compares its SVG with
// testdata/sweep_golden.svg (-update rewrites it) and checks that the log
// axis is labelled at the design points, doublings from 1 to 128.
func TestExampleChartLogX(t *testing.T) {
	ExampleChart_logX()
	checkGolden(t, "testdata/sweep.svg", "testdata/sweep_golden.svg")

	svg, err := os.ReadFile("testdata/sweep.svg")
	if err != nil {
		t.Fatal(err)
	}
	for _, label := range []string{">1<", ">2<", ">4<", ">8<", ">16<", ">32<", ">64<", ">128<"} {
		if !bytes.Contains(svg, []byte(label)) {
			t.Errorf("no x tick label %s", label)
		}
	}
	b, err := os.ReadFile("testdata/sweep.png")
	if err != nil {
		t.Fatal(err)
	}
	checkPNG(t, b, plot.DefaultWidth, plot.DefaultHeight)
}

// TestLogXErrors checks that a log axis rejects x ≤ 0 and names the series.
func TestLogXErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		x      []float64
		want   error
		naming string
	}{
		{"zero", []float64{0, 1, 2}, plot.ErrBadData, `"s": plot: bad data: X[0]=0`},
		{"negative", []float64{1, -2, 3}, plot.ErrBadData, "X[1]=-2"},
		{"positive", []float64{0.001, 1, 1000}, nil, ""},
		{"single point", []float64{5}, nil, ""},
	} {
		s := plot.Series{Label: "s", X: tc.x, Mean: make([]float64, len(tc.x))}
		err := plot.Chart{LogX: true, Series: []plot.Series{s}}.Write(new(bytes.Buffer), "svg", 0, 0)
		if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), tc.naming) {
			t.Errorf("%s: error %q does not name %s", tc.name, err, tc.naming)
		}
	}
}

// TestLogYErrors checks that a log y axis rejects Mean, Lo, Hi or a fixed
// YMin ≤ 0, names the series and the value, and accepts NaN in the band.
func TestLogYErrors(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name         string
		mean, lo, hi []float64
		ymin, ymax   float64
		want         error
		naming       string
	}{
		{"zero mean", []float64{1, 0, 0.1}, nil, nil, 0, 0, plot.ErrBadData, `"s": plot: bad data: Mean[1]=0`},
		{"negative mean", []float64{-1, 1, 2}, nil, nil, 0, 0, plot.ErrBadData, "Mean[0]=-1"},
		{"zero Lo", []float64{1, 2, 3}, []float64{0.5, 0, 2}, []float64{2, 3, 4}, 0, 0, plot.ErrBadData, "Lo[1]=0"},
		{"negative Hi", []float64{1, 2, 3}, []float64{0.5, 1, 2}, []float64{2, 3, -4}, 0, 0, plot.ErrBadData, "Hi[2]=-4"},
		{"fixed range from 0", []float64{1, 2, 3}, nil, nil, 0, 10, plot.ErrBadData, "YMin=0"},
		{"NaN in the band", []float64{1, 2, 3}, []float64{nan, 1, 2}, []float64{nan, 3, 4}, 0, 0, nil, ""},
		{"fixed range", []float64{1, 2, 3}, nil, nil, 0.1, 10, nil, ""},
		{"single value", []float64{5}, nil, nil, 0, 0, nil, ""},
		{"constant", []float64{5, 5, 5}, nil, nil, 0, 0, nil, ""},
	} {
		x := make([]float64, len(tc.mean))
		for i := range x {
			x[i] = float64(i)
		}
		s := plot.Series{Label: "s", X: x, Mean: tc.mean, Lo: tc.lo, Hi: tc.hi}
		err := plot.Chart{LogY: true, YMin: tc.ymin, YMax: tc.ymax, Series: []plot.Series{s}}.Write(new(bytes.Buffer), "svg", 0, 0)
		if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), tc.naming) {
			t.Errorf("%s: error %q does not name %s", tc.name, err, tc.naming)
		}
	}
}

// TestLogLogCCDF draws the complementary CDF of a power law on log–log
// axes, P(S ≥ s) = s^(−1/2) for s = 1..10⁴ (a critical branching process;
// Otter 1949), and checks both axes are labelled at powers of ten and that
// the y axis does not start at 0. Without LogY the same data start at 0.
func TestLogLogCCDF(t *testing.T) {
	s := plot.Series{Label: "critical"}
	for k := 0; k <= 40; k++ {
		size := math.Pow(10, float64(k)/10) // 1 to 10⁴, ten points a decade
		s.X = append(s.X, size)
		s.Mean = append(s.Mean, 1/math.Sqrt(size))
	}
	svg := func(logY bool) string {
		var buf bytes.Buffer
		c := plot.Chart{XLabel: "Size s", YLabel: "P(S ≥ s)", LogX: true, LogY: logY, Series: []plot.Series{s}}
		if err := c.Write(&buf, "svg", 0, 0); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	// y spans 0.01 to 1: two decades, each labelled; x spans four.
	loglog := svg(true)
	for _, label := range []string{">0.01<", ">0.1<", ">1<", ">10<", ">100<", ">1000<", ">10000<"} {
		if !strings.Contains(loglog, label) {
			t.Errorf("log–log: no tick label %s", label)
		}
	}
	zero := regexp.MustCompile(`>0(\.0+)?<`) // 0, 0.0, 0.00 …
	if zero.MatchString(loglog) {
		t.Error("log–log: a tick labelled 0")
	}
	if !zero.MatchString(svg(false)) {
		t.Error("linear y: no tick at 0")
	}
	if !bytes.Equal([]byte(loglog), []byte(svg(true))) {
		t.Error("log–log SVG differs between two writes")
	}
}
