package plot

import (
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
)

// niceTicks is a plot.Ticker that labels about targetTicks evenly spaced
// "nice" values (1, 2 or 5 times a power of ten, Heckbert 1990, Graphics
// Gems I) with a common number of decimals, plus unlabelled minor ticks
// halfway between them.
// gonum/plot's DefaultTicks aims at about three labels, too sparse for a
// journal figure.
type niceTicks struct{}

const targetTicks = 5 // labelled intervals aimed at across an axis

// Ticks implements plot.Ticker.
func (niceTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return nil
	}
	major := niceStep((hi - lo) / targetTicks)
	minor := major / 2
	decimals := max(0, -int(math.Floor(math.Log10(major)+1e-9)))

	// Index-based so that values do not accumulate rounding error; the
	// tolerance keeps a tick that lands on an axis end despite rounding.
	eps := 1e-9 * minor
	var ticks []gplot.Tick
	perMajor := int(math.Round(major / minor))
	for k := int(math.Ceil((lo - eps) / minor)); float64(k)*minor <= hi+eps; k++ {
		v := float64(k) * minor
		t := gplot.Tick{Value: v}
		if k%perMajor == 0 {
			t.Label = strconv.FormatFloat(v, 'f', decimals, 64)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// niceStep rounds raw > 0 to the nearest of 1, 2, 5 or 10 times a power of
// ten (nearest on a log scale, roughly).
func niceStep(raw float64) float64 {
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	switch m := raw / pow; {
	case m < 1.5:
		return pow
	case m < 3:
		return 2 * pow
	case m < 7:
		return 5 * pow
	default:
		return 10 * pow
	}
}
