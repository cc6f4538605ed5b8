package sim

import (
	"testing"
)

// audienceScenario: 200 agents whom nothing moves but the social signal
// (a threshold of 0.3 of one's ties). Each test adds a frame, the
// interaction network and the audience layer.
const audienceScenario = `
name: audience
seed: 3
steps: 3
replicates: 1
population: {size: 200, threshold: 0.3}
decision: {identity: 0, social: 1, incentive: 0, cost: 0, free_riding: 0, permanent: true}
`

// TestAudienceCarriesFrames: with an audience layer, a sharer shows its
// frame to its audience neighbours, not to its ties in the interaction
// network (frame.go, drawSpan).
func TestAudienceCarriesFrames(t *testing.T) {
	for _, c := range []struct {
		name, network string
		aware         int64 // aware of the frame after step 1
	}{
		// No interaction ties, everyone in the seed's audience: all reached.
		{"empty network, complete audience", "network: {model: erdos_renyi, mean_degree: 0, audience: {model: complete}}", 200},
		// Everyone tied, no audience: only the seed holds the frame.
		{"complete network, empty audience", "network: {model: complete, audience: {model: erdos_renyi, mean_degree: 0}}", 1},
		// A ring audience of 4: the seed reaches its 4 audience neighbours.
		{"complete network, ring audience", "network: {model: complete, audience: {model: ring, mean_degree: 4}}", 5},
		// The one network when there is no audience layer.
		{"complete network, no audience", "network: {model: complete}", 200},
	} {
		t.Run(c.name, func(t *testing.T) {
			// One seed, which shows the frame to every neighbour it has.
			m := model(t, audienceScenario+"frames: [{name: f, seeds: 1, share: 1, width: 1, cost: 0, half_life: 0}]\n"+c.network)
			if (m.Audience != nil) != (m.sc.Network.Audience != nil) || m.Audience == nil && m.shareNet != m.Net || m.Audience != nil && m.shareNet != m.Audience {
				t.Fatalf("Audience %v, shareNet is the audience: %v", m.Audience != nil, m.shareNet == m.Audience)
			}
			m.StepOnce()
			if got := m.Observations().AwareBy[0][1]; got != c.aware {
				t.Errorf("aware after step 1: %d, want %d", got, c.aware)
			}
		})
	}
}

// TestAudienceNotSocial: the social signal counts active ties of the
// interaction network only. Everyone aware, half seeded active: over a
// complete interaction network the signal (about 0.5) is above every
// threshold (0.3), and everyone joins; over an empty one with a complete
// audience layer it is 0 for everyone, and no one joins.
func TestAudienceNotSocial(t *testing.T) {
	// Half the agents seeded, everyone aware, nothing shared.
	base := audienceScenario + "frames: [{name: f, seed_share: 0.5, aware: 1, share: 0, width: 1, cost: 0, half_life: 0}]\n"
	for _, c := range []struct {
		network string
		active  int64
	}{
		{"network: {model: complete}", 200},
		{"network: {model: erdos_renyi, mean_degree: 0, audience: {model: complete}}", 100},
	} {
		m := model(t, base+c.network)
		m.Run()
		if got := m.Observations().Total.Active[m.sc.Steps]; got != c.active {
			t.Errorf("%s: %d active at the end, want %d", c.network, got, c.active)
		}
	}
}
