package plot

import (
	"bytes"
	"errors"
	"math"
	"testing"
)

// TestCloud: bad data are refused with the error that names them; a good
// cloud passes the layout checker and writes the same SVG bytes twice.
func TestCloud(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Cloud
		want error
	}{
		{"empty", Cloud{}, ErrNoData},
		{"ragged", Cloud{X: []float64{1, 2}, Y: []float64{1}}, ErrBadData},
		{"NaN", Cloud{X: []float64{1, math.NaN()}, Y: []float64{1, 2}}, ErrBadData},
		{"negative weight", Cloud{X: []float64{1, 2}, Y: []float64{1, 2}, Weight: []float64{1, -1}}, ErrBadData},
		{"all weights 0", Cloud{X: []float64{1, 2}, Y: []float64{1, 2}, Weight: []float64{0, 0}}, ErrBadData},
		{"0 on a log axis", Cloud{X: []float64{0, 2}, Y: []float64{1, 2}, LogX: true}, ErrBadData},
		{"mark off a log axis", Cloud{X: []float64{1, 2}, Y: []float64{1, 2}, LogY: true, Mark: &CloudMark{X: 1, Y: -1}}, ErrBadData},
	} {
		var b bytes.Buffer
		if err := tc.c.Write(&b, "svg", 0, 0); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	c := Cloud{Title: "posterior", XLabel: "Share", YLabel: "Half-life (days)", LogY: true,
		Mark: &CloudMark{X: 0.15, Y: 4, Label: "truth"}}
	for i := range 200 {
		u := float64(i) / 200
		c.X = append(c.X, 0.1+0.2*u)
		c.Y = append(c.Y, 8*math.Exp(-3*u)*(1+0.3*math.Sin(float64(i))))
		c.Weight = append(c.Weight, 1+math.Cos(float64(i)))
	}
	problems, err := CheckLayout(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	var a, b bytes.Buffer
	if err := c.Write(&a, "svg", 0, 0); err != nil {
		t.Fatal(err)
	}
	c.Write(&b, "svg", 0, 0)
	if !bytes.Equal(a.Bytes(), b.Bytes()) || a.Len() == 0 {
		t.Error("the same cloud gave different SVG bytes")
	}
}
