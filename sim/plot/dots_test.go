package plot

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// indices returns a Dots chart of n rows with first-order and total
// indices: total from 0.9 down to 0, first-order 80% of it, intervals of
// ±half around each.
func indices(n int, half float64) Dots {
	d := Dots{Title: "Sobol' indices", XLabel: "index"}
	s1 := DotSeries{Label: "first-order (S1)"}
	st := DotSeries{Label: "total (ST)"}
	for i := range n {
		v := 0.9 * float64(n-1-i) / float64(max(1, n-1))
		d.Rows = append(d.Rows, fmt.Sprintf("Parameter number %d (frame, per day)", i))
		for _, s := range []*DotSeries{&st, &s1} {
			s.Value = append(s.Value, v)
			s.Lo, s.Hi = append(s.Lo, v-half), append(s.Hi, v+half)
			v *= 0.8
		}
	}
	d.Series = []DotSeries{s1, st}
	return d
}

// TestDotsLayout draws dot charts of few and many rows, with intervals
// reaching every corner, negative values, events and a fixed range, and
// fails on any legend over data or text over text; the legend must go
// inside where a corner is free and outside where none is.
func TestDotsLayout(t *testing.T) {
	// Whiskers across the data area in rows closer than a legend is tall.
	full := indices(12, 0.05)
	for _, s := range full.Series {
		for i := range s.Value {
			s.Value[i], s.Lo[i], s.Hi[i] = 0.5, -0.1, 1
		}
	}
	neg := indices(5, 0.2)
	for i := range neg.Series[0].Value {
		neg.Series[0].Value[i] *= -1
		neg.Series[0].Lo[i], neg.Series[0].Hi[i] = -neg.Series[0].Hi[i], -neg.Series[0].Lo[i]
	}
	one := indices(6, 0.1)
	one.Series = one.Series[:1]
	one.XMin, one.XMax = -1, 1
	events := indices(3, 0.05)
	events.Events = []Event{{X: 0.12, Label: "replicate noise"}, {X: 0.13, Label: "another mark"}}
	gaps := indices(4, 0.05)
	gaps.Series[1].Value[2], gaps.Series[1].Lo[2], gaps.Series[1].Hi[2] = math.NaN(), math.NaN(), math.NaN()
	gaps.Series[0].Lo = nil
	gaps.Series[0].Hi = nil
	for _, tc := range []struct {
		name  string
		d     Dots
		where string // the legend: inside, outside or "" for none
	}{
		{"three rows", indices(3, 0.05), "inside"},
		{"forty rows", indices(40, 0.1), "inside"},
		{"no room inside", full, "outside"},
		{"negative first-order", neg, "inside"},
		{"one series, fixed range", one, ""},
		{"events", events, "inside"},
		{"gaps and no intervals", gaps, "inside"},
	} {
		problems, err := CheckLayout(tc.d)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", tc.name, p)
		}
		paint, _ := tc.d.painter()
		r := record(vg.Length(DefaultWidth)*vg.Inch, vg.Length(tc.d.Height())*vg.Inch, paint)
		where := ""
		if box, ok := r.legendBox(); ok {
			where = "inside"
			if placeOf(r, box) == "outside" {
				where = "outside"
			}
		}
		if where != tc.where {
			t.Errorf("%s: legend %q, want %q", tc.name, where, tc.where)
		}
	}
}

// TestDotsHeight: the default height grows with the rows beyond what
// DefaultHeight holds.
func TestDotsHeight(t *testing.T) {
	if h := indices(5, 0).Height(); h != DefaultHeight {
		t.Errorf("5 rows: %v in", h)
	}
	if h := indices(40, 0).Height(); h != dotsFixedHeight+40*dotsRowHeight {
		t.Errorf("40 rows: %v in", h)
	}
}

func TestDotsErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	with := func(edit func(d *Dots)) Dots {
		d := indices(3, 0.1)
		d.Title = "t"
		edit(&d)
		return d
	}
	for _, tc := range []struct {
		name   string
		d      Dots
		want   error
		naming string
	}{
		{"no rows", with(func(d *Dots) { d.Rows = nil }), ErrNoData, "0 rows"},
		{"no series", with(func(d *Dots) { d.Series = nil }), ErrNoData, "0 series"},
		{"every value NaN", with(func(d *Dots) {
			for k := range d.Series {
				d.Series[k] = DotSeries{Label: "x", Value: []float64{nan, nan, nan}}
			}
		}), ErrNoData, "every Value is NaN"},
		{"short Value", with(func(d *Dots) { d.Series[1].Value = d.Series[1].Value[:2] }), ErrBadData, `series 1 "total (ST)": len(Value)=2 for 3 rows`},
		{"Lo without Hi", with(func(d *Dots) { d.Series[0].Hi = nil }), ErrBadData, "both set or both nil"},
		{"short Hi", with(func(d *Dots) { d.Series[0].Hi = d.Series[0].Hi[:1] }), ErrBadData, "len(Hi)=1"},
		{"Inf Value", with(func(d *Dots) { d.Series[0].Value[1] = inf }), ErrBadData, "Value[1]=+Inf"},
		{"Lo > Hi", with(func(d *Dots) { d.Series[0].Lo[2], d.Series[0].Hi[2] = 1, 0 }), ErrBadData, "Lo[2]=1 > Hi[2]=0"},
		{"half an interval", with(func(d *Dots) { d.Series[0].Lo[2] = nan }), ErrBadData, "Lo[2]=NaN"},
		{"interval without value", with(func(d *Dots) { d.Series[0].Value[0] = nan }), ErrBadData, "without a Value"},
		{"NaN event", with(func(d *Dots) { d.Events = []Event{{X: nan, Label: "noise"}} }), ErrBadData, `Events[0] "noise"`},
		{"Inf range", with(func(d *Dots) { d.XMax = inf }), ErrBadData, "XMax=+Inf"},
	} {
		err := tc.d.Write(&bytes.Buffer{}, "svg", 0, 0)
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.naming) || !strings.Contains(err.Error(), `dots "t"`) {
			t.Errorf("%s: %v, want %v naming %s", tc.name, err, tc.want, tc.naming)
		}
	}
	if err := with(func(d *Dots) { d.Legend = "middle" }).Write(&bytes.Buffer{}, "svg", 0, 0); err == nil || !strings.Contains(err.Error(), "unknown legend position") {
		t.Errorf("bad legend: %v", err)
	}
}

// TestDotsFormats: SVG is byte-identical for identical charts, PNG has the
// figure's size at 300 dpi, PDF is written; Save writes nothing on error.
func TestDotsFormats(t *testing.T) {
	d := indices(4, 0.1)
	var a, b bytes.Buffer
	if err := d.Write(&a, "svg", 0, 0); err != nil {
		t.Fatal(err)
	}
	d.Write(&b, "SVG", 0, 0)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("SVG differs between two writes")
	}
	dir := t.TempDir()
	big := indices(30, 0.1)
	if err := big.Save(filepath.Join(dir, "d.png"), 0, 0); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(filepath.Join(dir, "d.png"))
	cfg, err := png.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width != int(DefaultWidth*DPI) || cfg.Height != int(math.Round(big.Height()*DPI)) {
		t.Errorf("PNG %d × %d (%v), want %v × %v", cfg.Width, cfg.Height, err, DefaultWidth*DPI, big.Height()*DPI)
	}
	if err := d.Save(filepath.Join(dir, "d.pdf"), 0, 0); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "d.pdf")); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("not a PDF")
	}
	if err := (Dots{}).Save(filepath.Join(dir, "e.svg"), 0, 0); err == nil {
		t.Error("an empty chart saved")
	}
	if _, err := os.Stat(filepath.Join(dir, "e.svg")); err == nil {
		t.Error("Save left a file after an error")
	}
}
