package sim

import (
	"strings"
	"testing"
)

// TestNoveltyDecayRenews: permanent seeds show their frame to their
// neighbours every step, who cannot afford to act on it. With novelty:
// once (the default) the neighbours hear it once and forget it (half-life
// 2); with novelty: decay each re-exposure renews their attention by the
// novelty left, ν^n, so they stay aware longer, but not for ever: once ν^n
// is below the attention floor the frame is no news at all (Wu & Huberman
// 2007).
func TestNoveltyDecayRenews(t *testing.T) {
	const src = `
name: novelty
seed: 3
steps: 40
replicates: 1
population: {size: 500, resources: 0.5, income: 0}
network: {model: erdos_renyi, mean_degree: 6}
decision: {identity: 0, social: 0, incentive: 0, cost: 0, free_riding: 0, permanent: true}
frames:
  - {name: f, seeds: 20, share: 1, width: 1, cost: 1, half_life: 2NOVELTY}
`
	aware := func(novelty string) []int64 {
		m := model(t, strings.Replace(src, "NOVELTY", novelty, 1))
		m.Run()
		return m.Observations().Total.Aware
	}
	once, decay := aware(""), aware(", novelty: decay, novelty_factor: 0.8")
	if once[1] != decay[1] {
		t.Errorf("step 1: %d aware with once, %d with decay; the first exposure is the same", once[1], decay[1])
	}
	if !(decay[16] > once[16]) {
		t.Errorf("step 16: %d aware with decay, not more than %d with once", decay[16], once[16])
	}
	// 0.8^n < 0.01 from n = 21: by step 40 re-exposure renews nothing and
	// only the seeds are aware under either rule.
	if decay[40] != once[40] {
		t.Errorf("step 40: %d aware with decay, %d with once: novelty should be spent", decay[40], once[40])
	}
	t.Logf("aware at steps 1, 16, 40: once %d %d %d, decay %d %d %d", once[1], once[16], once[40], decay[1], decay[16], decay[40])
}
