package sim

import (
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// TestHubsNotLeastActive (issue 17, item 1): on the heavy-tailed network of
// scenarios/common-random-numbers.yaml (Barabási–Albert, mean degree 12,
// the hashtag, no removal), the share of agents who ever take part among
// the best connected (degree ≥ 100) is not clearly lower than among agents
// of degree 6–10 under the default personal efficacy law (joint): the
// Wilson 95% interval (Wilson 1927) of the hubs' share, pooled over the 20
// replicates, reaches the other share (measured: 0.347 [0.295, 0.402]
// against 0.386). Under the rules before model 2.0 (personal_efficacy:
// ties, tie_loss: renormalise) hubs were clearly the least active (0.251
// [0.205, 0.303] against 0.422; the issue measured 0.20 against 0.49 on
// another network). What remains of the gap is the fractional social
// signal: a hub's many ties make a small share active. Barberá et al.
// (2015) find core users more active per person than the periphery; the
// model no longer contradicts them through efficacy, but does not yet
// reproduce it either.
func TestHubsNotLeastActive(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 40 runs of 3,000 agents")
	}
	shares := func(set ...string) (low, high [2]int) {
		l, err := scenario.LoadWithSet(filepath.Join("..", "scenarios", "common-random-numbers.yaml"), set)
		if err != nil {
			t.Fatal(err)
		}
		st := newTestRuns(t, l)
		for i := range st.reps { // condition 0, intact: no removal
			m := st.Model(t, i)
			m.Run()
			for a := range int32(m.Pop.N) {
				var bin *[2]int
				switch d := m.Net.Degree(a); {
				case d >= 6 && d <= 10:
					bin = &low
				case d >= 100:
					bin = &high
				default:
					continue
				}
				bin[1]++
				if m.ag.Ever(a) {
					bin[0]++
				}
			}
		}
		return low, high
	}
	wilson := func(b [2]int) (p, lo, hi float64) {
		const z = 1.959963984540054
		n := float64(b[1])
		p = float64(b[0]) / n
		c := (p + z*z/(2*n)) / (1 + z*z/n)
		h := z * math.Sqrt(p*(1-p)/n+z*z/(4*n*n)) / (1 + z*z/n)
		return p, c - h, c + h
	}
	show := func(b [2]int) string {
		p, lo, hi := wilson(b)
		return fmt.Sprintf("%.3f [%.3f, %.3f] of %d", p, lo, hi, b[1])
	}
	low, high := shares()
	_, _, hiHigh := wilson(high)
	if pl, _, _ := wilson(low); hiHigh < pl {
		t.Errorf("joint efficacy: share ever active at degree >= 100, %s, below that at degree 6-10, %s", show(high), show(low))
	}
	t.Logf("joint efficacy (default): share ever active at degree 6-10 %s, at degree >= 100 %s", show(low), show(high))
	low, high = shares("decision.personal_efficacy=ties", "decision.tie_loss=renormalise")
	_, lowLo, _ := wilson(low)
	if _, _, h := wilson(high); !(h < lowLo) {
		t.Errorf("old rules: share ever active at degree >= 100, %s, not clearly below that at degree 6-10, %s", show(high), show(low))
	}
	t.Logf("old rules (ties, renormalise): share ever active at degree 6-10 %s, at degree >= 100 %s", show(low), show(high))
}
