package sim_test

import (
	"testing"

	"github.com/connact/connact/sim/runner"
)

// TestClassicBarbera runs scenarios/classics/barbera-periphery.yaml and
// reports, against Barberá et al. (2015), what removing the periphery (the
// 20% with the fewest ties) does to a hashtag's reach (the share who ever
// take part), next to removing 20% at random or the 20% best connected, each
// as a paired difference from the intact network on common random numbers.
// It asserts only what the model does: every removal lowers the reach, and
// the hubs' removal the most. That the periphery's removal costs less than a
// random sample's is logged: it is the opposite of Barberá et al.'s
// "critical periphery", and the model does not reproduce their finding
// (scenarios/classics/README.md).
func TestClassicBarbera(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 80 runs of 3,000 agents")
	}
	arms := map[string][]float64{}
	runShipped(t, "classics/barbera-periphery.yaml", func(c string, r *runner.Result) {
		arms[c] = append(arms[c], r.Metrics.CumulativeShare) // replicate order: the arms are paired
	})
	loss := map[string]runner.Paired{}
	for _, a := range []string{"periphery", "random", "hubs"} {
		d := runner.PairedDiff(arms["intact"], arms[a])
		loss[a] = d
		if !(d.Hi < 0) {
			t.Errorf("removing the %s: cumulative share changed by %.4f [%.4f, %.4f], not clearly a loss", a, d.Mean, d.Lo, d.Hi)
		}
		t.Logf("removing 20%% (%s): cumulative share %+.4f [%.4f, %.4f] against the intact network (paired 95%%)", a, d.Mean, d.Lo, d.Hi)
	}
	if !(loss["hubs"].Hi < loss["random"].Lo && loss["hubs"].Hi < loss["periphery"].Lo) {
		t.Errorf("removing the hubs should cost the most: %+v", loss)
	}
	d := runner.PairedDiff(arms["random"], arms["periphery"])
	t.Logf("periphery − random: %+.4f [%.4f, %.4f]: the model's periphery matters less than a random sample (Barberá et al. 2015 find it critical)", d.Mean, d.Lo, d.Hi)
}
