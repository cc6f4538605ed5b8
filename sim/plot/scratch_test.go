package plot_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/connact/connact/sim/plot"
)

func panel(title string, nseries int, scale float64) plot.Chart {
	c := plot.Chart{Title: title, XLabel: "Time (days)", YLabel: "Share active"}
	for s := range nseries {
		sr := plot.Series{Label: fmt.Sprintf("series %d", s)}
		for t := 0; t <= 100; t++ {
			x := float64(t)
			m := scale * (0.5 + 0.4*math.Sin(x/10+float64(s)))
			sr.X = append(sr.X, x)
			sr.Mean = append(sr.Mean, m)
			sr.Lo = append(sr.Lo, m-0.05*scale)
			sr.Hi = append(sr.Hi, m+0.05*scale)
		}
		c.Series = append(c.Series, sr)
	}
	return c
}

func TestScratch(t *testing.T) {
	ExampleHeatmap()
	ExampleFacets()
	for _, n := range []int{1, 4, 7, 16} {
		f := plot.Facets{Title: fmt.Sprintf("%d panels", n)}
		for i := range n {
			f.Panels = append(f.Panels, panel(fmt.Sprintf("p = %d", i), 1, 1+float64(i)/4))
		}
		if err := f.Save(fmt.Sprintf("/tmp/plots/facets%d.png", n), 0, 0); err != nil {
			t.Fatal(err)
		}
		f.SeparateY = true
		if err := f.Save(fmt.Sprintf("/tmp/plots/facets%d_sep.png", n), 0, 0); err != nil {
			t.Fatal(err)
		}
	}
	// Mixed legends.
	f := plot.Facets{Title: "mixed"}
	for i := range 6 {
		f.Panels = append(f.Panels, panel(fmt.Sprintf("p = %d", i), 1+i%3, 1))
	}
	if err := f.Save("/tmp/plots/facets_mixed.png", 0, 0); err != nil {
		t.Fatal(err)
	}
	// Heatmap with many cells, long labels, negative values.
	h := plot.Heatmap{Title: "Big", XLabel: "Organisation share", YLabel: "Rewiring p", ZLabel: "Δ participation"}
	for x := range 15 {
		h.XTicks = append(h.XTicks, fmt.Sprintf("%.4f", 0.001*math.Pow(1.6, float64(x))))
	}
	for y := range 12 {
		h.YTicks = append(h.YTicks, fmt.Sprintf("%g", math.Pow(10, -float64(y)/3)))
		row := make([]float64, 15)
		for x := range row {
			row[x] = math.Sin(float64(x)/3) * math.Cos(float64(y)/4) * 120
		}
		h.Values = append(h.Values, row)
	}
	h.Annotate = true
	if err := h.Save("/tmp/plots/heatmap_big.png", 0, 0); err != nil {
		t.Fatal(err)
	}
	h.Annotate = false
	if err := h.Save("/tmp/plots/heatmap_big_plain.pdf", 0, 0); err != nil {
		t.Fatal(err)
	}
	// Tiny heatmap 2x1
	small := plot.Heatmap{XTicks: []string{"a", "b"}, YTicks: []string{"only"}, Values: [][]float64{{0.3, 0.3}}, Annotate: true}
	if err := small.Save("/tmp/plots/heatmap_small.png", 3.5, 2.5); err != nil {
		t.Fatal(err)
	}
	// LogX sweep chart.
	c := plot.Chart{Title: "Participation vs degree", XLabel: "Mean degree", YLabel: "Final share active", LogX: true}
	for _, th := range []float64{0.1, 0.2, 0.3} {
		s := plot.Series{Label: fmt.Sprintf("θ = %.1f", th)}
		for _, k := range []float64{1, 2, 4, 8, 16, 32, 64, 128} {
			d := (math.Log2(k) - math.Log2(1/th)) / 1.5
			m := 0.9 * math.Exp(-d*d/2)
			s.X, s.Mean = append(s.X, k), append(s.Mean, m)
			s.Lo, s.Hi = append(s.Lo, m-0.05), append(s.Hi, m+0.05)
		}
		c.Series = append(c.Series, s)
	}
	if err := c.Save("/tmp/plots/logx.png", 0, 0); err != nil {
		t.Fatal(err)
	}
	c.Series[0].X = []float64{0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2}
	c.Series = c.Series[:1]
	if err := c.Save("/tmp/plots/logx2.png", 0, 0); err != nil {
		t.Fatal(err)
	}
}
