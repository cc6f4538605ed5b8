package plot

import (
	"math"
	"slices"
	"strconv"

	gplot "gonum.org/v1/plot"
)

// niceTicks is a plot.Ticker that labels about targetTicks evenly spaced
// "nice" values (1, 2 or 5 times a power of ten, Heckbert 1990, Graphics
// Gems I) with a common number of decimals, plus unlabelled minor ticks
// halfway between them.
// gonum/plot's DefaultTicks aims at about three labels, too sparse for a
// journal figure.
type niceTicks struct {
	n int // labelled intervals aimed at; 0 means targetTicks
}

const targetTicks = 5 // labelled intervals aimed at across an axis

// Ticks implements plot.Ticker.
func (t niceTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return nil
	}
	n := t.n
	if n <= 0 {
		n = targetTicks
	}
	major := niceStep((hi - lo) / float64(n))
	minor := major / 2
	decimals := max(0, -int(math.Floor(math.Log10(major)+1e-9)))

	// Index-based so that values do not accumulate rounding error; the
	// tolerance keeps a tick that lands on an axis end despite rounding.
	eps := 1e-9 * minor
	var ticks []gplot.Tick
	perMajor := int(math.Round(major / minor))
	for k := int(math.Ceil((lo - eps) / minor)); float64(k)*minor <= hi+eps; k++ {
		v := float64(k) * minor
		tk := gplot.Tick{Value: v}
		if k%perMajor == 0 {
			tk.Label = strconv.FormatFloat(v, 'f', decimals, 64)
		}
		ticks = append(ticks, tk)
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

// logTicks is a plot.Ticker for a base-10 log axis. It labels the
// sparsest of these sets that puts at least minLogLabels labels on the
// axis, with unlabelled minor ticks at the other integer multiples of each
// power of ten:
//
//  1. powers of ten, every k-th decade when there are more than
//     maxLogLabels of them;
//  2. 1, 2 and 5 times a power of ten;
//  3. 1, 2, …, 9 times a power of ten (no minor ticks).
//
// An axis spanning less than that (e.g. 1.1 to 1.9) gets linear niceTicks,
// still placed on the log scale. Values below 10⁻⁴ or from 10⁶ are written
// as 1e-05, 1e+06; others in plain decimals (0.001, 20, 50000).
type logTicks struct{}

const (
	minLogLabels = 3
	maxLogLabels = 7
)

// Ticks implements plot.Ticker.
func (logTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(lo > 0) || !(hi > lo) || math.IsInf(hi, 0) {
		return nil
	}
	// Decades touched by [lo, hi]; the tolerance keeps an end that is a
	// power of ten up to rounding (log10(1000) = 2.9999999999999996).
	const eps = 1e-9
	k0 := int(math.Floor(math.Log10(lo) + eps))
	k1 := int(math.Floor(math.Log10(hi) + eps))
	in := func(v float64) bool { return v >= lo*(1-eps) && v <= hi*(1+eps) }

	step := 1
	for (k1-k0)/step+1 > maxLogLabels {
		step++
	}
	for _, labelled := range [][]int{{1}, {1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}} {
		var ticks []gplot.Tick
		labels := 0
		for k := k0; k <= k1; k++ {
			for m := 1; m <= 9; m++ {
				v := decimal(m, k)
				if !in(v) {
					continue
				}
				tk := gplot.Tick{Value: v}
				if slices.Contains(labelled, m) && (len(labelled) > 1 || k%step == 0) {
					tk.Label = logLabel(v)
					labels++
				} else if len(labelled) == 1 && step > 1 && m != 1 {
					// Labels skip decades: mark only the decades.
					continue
				}
				ticks = append(ticks, tk)
			}
		}
		need := minLogLabels
		if len(labelled) == 9 {
			need = 2
		}
		if labels >= need {
			return ticks
		}
	}
	return niceTicks{}.Ticks(lo, hi)
}

// decimal returns m·10^k as the float64 nearest to the decimal, so that
// 5·10⁻² is 0.05 and not 5 × 0.01 = 0.05000000000000000277.
func decimal(m, k int) float64 {
	v, err := strconv.ParseFloat(strconv.Itoa(m)+"e"+strconv.Itoa(k), 64)
	if err != nil {
		panic(err)
	}
	return v
}

// logLabel formats a log-axis tick value.
func logLabel(v float64) string {
	if v < 1e-4 || v >= 1e6 {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// designTicks labels exactly the values vals (increasing), for the design
// points of a swept parameter, in the format of tickLabels.
func designTicks(vals []float64, log bool) gplot.ConstantTicks {
	labels := tickLabels(vals, log)
	ticks := make(gplot.ConstantTicks, len(vals))
	for i, v := range vals {
		ticks[i] = gplot.Tick{Value: v, Label: labels[i]}
	}
	return ticks
}

// maxDecimals bounds the decimals of a tick label.
const maxDecimals = 6

// tickLabels formats tick values with one rule for the axis: on a linear
// axis, the fewest decimals (at most maxDecimals) that write every value
// exactly, up to rounding noise, shared by all (0.05, 0.10, 0.15); on a
// log axis each value in its shortest form (0.001, 0.01, 0.1, as
// logLabel). Values below 10⁻⁴ or from 10⁶ in magnitude are written in
// exponent form on either axis.
func tickLabels(vals []float64, log bool) []string {
	out := make([]string, len(vals))
	decimals := 0
	span := 0.0
	for _, v := range vals {
		span = max(span, math.Abs(v))
	}
	for _, v := range vals {
		for decimals < maxDecimals {
			p := math.Pow(10, float64(decimals))
			if math.Abs(math.Round(v*p)/p-v) <= 1e-9*span {
				break
			}
			decimals++
		}
	}
	for i, v := range vals {
		a := math.Abs(v)
		switch {
		case v == 0:
			out[i] = strconv.FormatFloat(0, 'f', decimals, 64)
			if log {
				out[i] = "0"
			}
		case a < 1e-4 || a >= 1e6:
			out[i] = strconv.FormatFloat(v, 'g', -1, 64)
		case log:
			out[i] = logLabel(v)
		default:
			out[i] = strconv.FormatFloat(v, 'f', decimals, 64)
		}
	}
	return out
}
