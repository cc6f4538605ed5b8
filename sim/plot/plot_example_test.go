package plot_test

import (
	"fmt"
	"log"
	"math"

	"github.com/connact/connact/sim/plot"
)

// ExampleChart compares two mechanisms over 120 days: organisation-brokered
// collective action rises slowly along a logistic curve and holds, while
// connective action peaks within days and decays. A dashed line marks an
// event on day 40. The legend goes where it hides no data. The data are synthetic
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
		Events: []plot.Event{{X: 40, Label: "Repression begins"}},
	}
	for _, path := range []string{"testdata/mechanisms.svg", "testdata/mechanisms.png"} {
		if err := c.Save(path, 0, 0); err != nil { // 0, 0: the default 6.5 × 4 in
			log.Fatal(err)
		}
	}
}

// ExampleChart_logX plots a metric against a swept parameter, with a 95%
// confidence band, one line per value of a second parameter: final
// participation against mean degree, swept in doublings from 1 to 128 and
// so drawn on a log axis, for three adoption thresholds. The data are
// synthetic and deterministic (see ExampleHeatmap). Markers and x tick
// labels sit at the design points.
func ExampleChart_logX() {
	c := plot.Chart{
		Title:   "Final participation by mean degree (mean and 95% CI, 20 replicates)",
		XLabel:  "Mean degree (log scale)",
		YLabel:  "Share of population active",
		LogX:    true,
		XTicks:  []float64{1, 2, 4, 8, 16, 32, 64, 128},
		Markers: true,
	}
	for _, theta := range []float64{0.1, 0.2, 0.3} {
		s := plot.Series{Label: fmt.Sprintf("Threshold %.1f", theta)}
		for k := 1.0; k <= 128; k *= 2 {
			d := (math.Log2(k) - math.Log2(1/theta)) / 1.5
			m := 0.95 * math.Exp(-d*d/2) * (1 - theta)
			// Half-width of a t interval, 20 replicates: t₀.₉₇₅,₁₉ = 2.093
			// times an assumed replicate sd of 0.1 over √20.
			h := 2.093 * 0.1 / math.Sqrt(20)
			s.X = append(s.X, k)
			s.Mean = append(s.Mean, m)
			s.Lo = append(s.Lo, m-h)
			s.Hi = append(s.Hi, m+h)
		}
		c.Series = append(c.Series, s)
	}
	for _, path := range []string{"testdata/sweep.svg", "testdata/sweep.png"} {
		if err := c.Save(path, 0, 0); err != nil {
			log.Fatal(err)
		}
	}
}
