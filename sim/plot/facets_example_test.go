package plot_test

import (
	"fmt"
	"log"
	"math"

	"github.com/connact/connact/sim/plot"
)

// ExampleFacets draws participation over time for nine points of a sweep,
// three network degrees by three adoption thresholds, one panel each,
// with collective and connective action in every panel. Panels share both
// axes, so the legend appears once and tick labels only on the edges. The
// data are synthetic and deterministic.
func ExampleFacets() {
	const days = 60
	f := plot.Facets{Title: "Mobilisation over time by sweep point (mean and 95% CI)"}
	for _, theta := range []float64{0.1, 0.2, 0.3} {
		for _, k := range []float64{4, 8, 16} {
			// Higher degree speeds both mechanisms up; a higher threshold
			// lowers the plateau of collective action and the peak of
			// connective action.
			speed := math.Log2(k) / 3
			collective := plot.Series{Label: "Collective"}
			connective := plot.Series{Label: "Connective"}
			for t := 0; t <= days; t++ {
				x := float64(t)
				slow := (0.7 - theta) / (1 + math.Exp(-(x*speed-30)/5))
				peak := 8 / speed
				fast := (0.9 - 2*theta) * (x / peak) * math.Exp(1-x/peak)
				for _, v := range []struct {
					s *plot.Series
					m float64
				}{{&collective, slow}, {&connective, fast}} {
					h := 0.01 + 0.08*math.Sqrt(v.m*(1-v.m))
					v.s.X = append(v.s.X, x)
					v.s.Mean = append(v.s.Mean, v.m)
					v.s.Lo = append(v.s.Lo, v.m-h)
					v.s.Hi = append(v.s.Hi, v.m+h)
				}
			}
			f.Panels = append(f.Panels, plot.Chart{
				Title:  fmt.Sprintf("k = %g, θ = %.1f", k, theta),
				XLabel: "Time (days)",
				YLabel: "Share of population active",
				Series: []plot.Series{collective, connective},
			})
		}
	}
	for _, path := range []string{"testdata/facets.svg", "testdata/facets.png"} {
		if err := f.Save(path, 0, 0); err != nil { // 0, 0: 6.5 × 5.2 in for 3 × 3 panels
			log.Fatal(err)
		}
	}
}
