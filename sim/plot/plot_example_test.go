package plot_test

import (
	"log"
	"math"

	"github.com/connact/connact/sim/plot"
)

// ExampleChart compares two mechanisms over 120 days: organisation-brokered
// collective action rises slowly along a logistic curve and holds, while
// connective action peaks within days and decays. The data are synthetic
// and deterministic; in practice Mean, Lo and Hi come from the replicate
// summaries of a sweep.
func ExampleChart() {
	const days = 120
	collective := plot.Series{Label: "Collective action"}
	connective := plot.Series{Label: "Connective action"}
	for t := 0; t <= days; t++ {
		x := float64(t)
		// Logistic rise to 60% with midpoint at day 50 and scale 8 days.
		slow := 0.6 / (1 + math.Exp(-(x-50)/8))
		// Gamma-shaped burst peaking at 80% on day 10: 0.8·(t/10)·e^(1−t/10).
		fast := 0.8 * (x / 10) * math.Exp(1-x/10)
		for _, v := range []struct {
			s *plot.Series
			m float64
		}{{&collective, slow}, {&connective, fast}} {
			// A binomial-like half-width, widest at 50%.
			h := 0.005 + 0.1*math.Sqrt(v.m*(1-v.m))
			v.s.X = append(v.s.X, x)
			v.s.Mean = append(v.s.Mean, v.m)
			v.s.Lo = append(v.s.Lo, v.m-h)
			v.s.Hi = append(v.s.Hi, v.m+h)
		}
	}

	c := plot.Chart{
		Title:  "Mobilisation by mechanism (mean and 95% CI, 20 replicates)",
		XLabel: "Time (days)",
		YLabel: "Share of population active",
		Series: []plot.Series{collective, connective},
	}
	for _, path := range []string{"testdata/mechanisms.svg", "testdata/mechanisms.png"} {
		if err := c.Save(path, 0, 0); err != nil { // 0, 0: the default 6.5 × 4 in
			log.Fatal(err)
		}
	}
}
