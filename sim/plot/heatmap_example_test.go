package plot_test

import (
	"log"
	"math"
	"strconv"

	"github.com/connact/connact/sim/plot"
)

// ExampleHeatmap shows final participation over a sweep of two
// parameters: the mean degree of the network, doubling from 2 to 64, and
// the adoption threshold. Degree is log-spaced, but the cells are
// equal-sized: the axes are categorical. The data are synthetic and
// deterministic, a cascade window in the spirit of Watts (2002): cascades
// need enough neighbours to spread but too many dilute each one's
// influence, and a higher threshold narrows the window. One run failed
// and its cell is missing.
//
// Watts DJ (2002) A simple model of global cascades on random networks.
// PNAS 99(9):5766–5771. https://doi.org/10.1073/pnas.082090499
func ExampleHeatmap() {
	degrees := []float64{2, 4, 8, 16, 32, 64}
	thresholds := []float64{0.05, 0.10, 0.15, 0.20, 0.25, 0.30}

	h := plot.Heatmap{
		Title:    "Final participation (mean of 20 replicates)",
		XLabel:   "Mean degree",
		YLabel:   "Adoption threshold",
		ZLabel:   "Share of population active",
		ZMin:     0,
		ZMax:     1,
		Annotate: true,
	}
	for _, k := range degrees {
		h.XTicks = append(h.XTicks, strconv.FormatFloat(k, 'g', -1, 64))
	}
	for _, theta := range thresholds {
		h.YTicks = append(h.YTicks, strconv.FormatFloat(theta, 'f', 2, 64))
		row := make([]float64, len(degrees))
		for x, k := range degrees {
			// Window centred on degree 1/θ, about 1.5 doublings wide.
			d := (math.Log2(k) - math.Log2(1/theta)) / 1.5
			row[x] = 0.95 * math.Exp(-d*d/2) * (1 - theta)
		}
		h.Values = append(h.Values, row)
	}
	h.Values[4][1] = math.NaN() // θ = 0.25, degree 4: the run failed

	for _, path := range []string{"testdata/heatmap.svg", "testdata/heatmap.png"} {
		if err := h.Save(path, 0, 0); err != nil { // 0, 0: the default 6.5 × 4.5 in
			log.Fatal(err)
		}
	}
}
