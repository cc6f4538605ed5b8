package sweep

import (
	"math"

	"github.com/connact/connact/sim/runner"
)

// welford accumulates the mean and variance of a stream in one pass
// (Welford 1962; Knuth, TAOCP vol. 2, §4.2.2): memory stays constant however
// many replicates a point has, and the state is three numbers that a
// checkpoint can store exactly, so that a resumed sweep carries on with
// exactly the same floating-point values. NaN values (a metric that does not
// exist for a run) are left out.
type welford struct {
	N    int64
	Mean float64
	M2   float64
}

func (w *welford) add(x float64) {
	if math.IsNaN(x) {
		return
	}
	w.N++
	d := x - w.Mean
	w.Mean += d / float64(w.N)
	w.M2 += d * (x - w.Mean)
}

// summary returns n, mean, sd and the 95% CI: Wilson's (runner.WilsonCI95)
// for a binary metric, whose mean is a proportion of runs, Student's t
// (runner.CI95) otherwise, as runner.SummariseBinary and runner.Summarise compute
// them for a run folder; NaN where undefined.
func (w *welford) summary(binary bool) (n int, mean, sd, lo, hi float64) {
	n = int(w.N)
	if n == 0 {
		return 0, math.NaN(), math.NaN(), math.NaN(), math.NaN()
	}
	mean, sd = w.Mean, math.NaN()
	if n > 1 {
		sd = math.Sqrt(w.M2 / float64(n-1))
	}
	if binary {
		lo, hi = runner.WilsonCI95(n, mean)
	} else {
		lo, hi = runner.CI95(n, mean, sd)
	}
	return n, mean, sd, lo, hi
}

// welfordState is a welford as stored in a checkpoint: floats by their bits.
type welfordState struct {
	N    int64  `json:"n"`
	Mean uint64 `json:"mean"`
	M2   uint64 `json:"m2"`
}

func (w welford) state() welfordState {
	return welfordState{w.N, math.Float64bits(w.Mean), math.Float64bits(w.M2)}
}

func (s welfordState) welford() welford {
	return welford{s.N, math.Float64frombits(s.Mean), math.Float64frombits(s.M2)}
}
