package plot

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestNetworkFigure: a network figure is drawn in every format, the same
// SVG for the same figure, every panel title and legend entry in it; a
// figure without panels, with a category out of range or with positions
// of another length is refused with an error naming the figure.
func TestNetworkFigure(t *testing.T) {
	fig := Network{
		Title: "triangle", X: []float64{0, 1, 0.5}, Y: []float64{0, 0, 1}, Size: []float64{2, 2, 2},
		Src: []int32{0, 1, 0}, Dst: []int32{1, 2, 2},
		Categories: []string{"inactive", "active"},
		Panels:     []NetworkPanel{{Title: "day 0", Category: []int{0, 0, 1}}, {Title: "day 5", Category: []int{1, 1, 1}}},
	}
	var a, b bytes.Buffer
	if err := fig.Write(&a, "svg", 0, 0); err != nil {
		t.Fatal(err)
	}
	fig.Write(&b, "svg", 0, 0)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same figure gives another SVG")
	}
	for _, want := range []string{"triangle", "day 0", "day 5", "inactive", "active"} {
		if !strings.Contains(a.String(), ">"+want+"<") {
			t.Errorf("the SVG lacks the text %q", want)
		}
	}
	for _, format := range []string{"png", "pdf"} {
		var out bytes.Buffer
		if err := fig.Write(&out, format, 0, 0); err != nil || out.Len() == 0 {
			t.Errorf("%s: %v, %d bytes", format, err, out.Len())
		}
	}
	for name, bad := range map[string]func(f *Network){
		"no panels":             func(f *Network) { f.Panels = nil },
		"category out of range": func(f *Network) { f.Panels = []NetworkPanel{{Title: "x", Category: []int{0, 2, 0}}} },
		"short Y":               func(f *Network) { f.Y = f.Y[:2] },
	} {
		f := fig
		bad(&f)
		err := f.Write(&bytes.Buffer{}, "svg", 0, 0)
		if err == nil || !strings.Contains(err.Error(), `"triangle"`) {
			t.Errorf("%s: %v, want an error naming the figure", name, err)
		}
		if name == "no panels" && !errors.Is(err, ErrNoData) {
			t.Errorf("no panels: %v, want ErrNoData", err)
		}
	}
}
