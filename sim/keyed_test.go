package sim_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// keyedScenario: a hashtag on a sparse random network (mean degree 2, so
// about 13% of the agents have no tie at all), spontaneous awareness that
// reaches the isolated too, and decisions at temperature 0.5, so that
// every aware agent draws every step. The arm "isolated" removes 40 of the
// agents with the fewest ties on day 10: isolated agents, some of them
// aware and drawing, whose removal touches no one else's inputs.
const keyedScenario = `name: keyed
seed: 7
steps: 40
replicates: 3
common_random_numbers: true
population:
  size: 2000
  groups: [{name: all, share: 1, centre: 0.5}]
  position_spread: 0.1
network: {model: erdos_renyi, mean_degree: 2}
decision: {temperature: 0.5}
frames:
  - {name: hashtag, seeds: 20, share: 0.4, width: 0.5, cost: 0.02, half_life: 5}
background: {rate: 0.02, mechanism: hashtag}
events:
  - {step: 10, type: set_cost, mechanism: hashtag, cost: 0.02}
conditions:
  - name: intact
  - name: isolated
    set: {"events[0].type": remove_periphery, "events[0].mechanism": null, "events[0].cost": null, "events[0].count": 40}
`

// TestKeyedDrawsLeaveOthersAlone: under common random numbers, an event
// that removes agents no one else is tied to leaves every other agent's
// state at every step exactly as in the arm without it, although the
// removed agents made draws (decisions at temperature > 0) before and
// would have after. With one stream per run read in the order the step
// made its draws, the first missing draw would shift every later one and
// the arms would part for everyone (rng.go, "Keyed draws").
func TestKeyedDrawsLeaveOthersAlone(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "keyed.yaml")
	if err := os.WriteFile(file, []byte(keyedScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := scenario.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	// states[c][r][step] = every agent's status at that step.
	states := make([][][][]sim.AgentStatus, 2)
	removedAware := 0
	for i := range st.Runs() {
		_, c, r := st.Locate(i)
		m, _, err := st.Model(i)
		if err != nil {
			t.Fatal(err)
		}
		var steps [][]sim.AgentStatus
		m.Observe(func(v sim.View) {
			s := make([]sim.AgentStatus, v.N())
			for a := range v.N() {
				s[a] = v.Status(a)
			}
			steps = append(steps, s)
		})
		m.Run()
		for len(states[c]) <= r {
			states[c] = append(states[c], nil)
		}
		states[c][r] = steps
	}
	differ := 0
	for r := range states[0] {
		a, b := states[0][r], states[1][r]
		removed := map[int]bool{}
		for i, s := range b[len(b)-1] {
			if s == sim.Removed {
				removed[i] = true
				if a[9][i] != sim.Inactive {
					removedAware++ // it held the frame, and drew, before its removal
				}
			}
		}
		if len(removed) != 40 {
			t.Fatalf("replicate %d: %d agents removed, want 40", r, len(removed))
		}
		for step := range a {
			for i := range a[step] {
				if !removed[i] && a[step][i] != b[step][i] {
					differ++
					if differ <= 5 {
						t.Errorf("replicate %d, step %d, agent %d: %v without the removal, %v with it", r, step, i, a[step][i], b[step][i])
					}
				}
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d agent-steps differ between the arms", differ)
	}
	// The test is only worth something if removed agents were drawing.
	if removedAware == 0 {
		t.Fatal("no removed agent was aware before its removal: the test exercises nothing")
	}
	t.Logf("%d of the removed agents (3 replicates) were aware on day 9", removedAware)
}
