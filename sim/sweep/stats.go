package sweep

import (
	"math"

	"github.com/connact/connact/sim/runner"
)

// welfordState is a running mean (runner.Welford) as a checkpoint stores
// it: its floats by their bits, so that a resumed sweep carries on with
// exactly the same floating-point values.
type welfordState struct {
	N    int64  `json:"n"`
	Mean uint64 `json:"mean"`
	M2   uint64 `json:"m2"`
}

func stateOf(w runner.Welford) welfordState {
	return welfordState{w.N, math.Float64bits(w.Mean), math.Float64bits(w.M2)}
}

func (s welfordState) welford() runner.Welford {
	return runner.Welford{N: s.N, Mean: math.Float64frombits(s.Mean), M2: math.Float64frombits(s.M2)}
}
