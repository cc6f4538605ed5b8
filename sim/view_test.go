package sim

import (
	"reflect"
	"strings"
	"testing"
)

// viewBench is modelBench with hubs removed at step 6 and participation
// that ends after 3 steps, so that every AgentStatus occurs.
var viewBench = strings.Replace(strings.Replace(modelBench, "steps: 1000000", "steps: 20", 1),
	"decision: {social: 0.5, efficacy_ref: 2}",
	"decision: {social: 0.5, efficacy_ref: 2, active_steps: 3}\nevents:\n  - {step: 6, type: remove_hubs, share: 0.02}", 1)

// TestObserve: observing a run changes nothing in it (the same
// observations as the run nobody watches); the observers are called at
// step 0 and after each step; what they see agrees with the run's counts
// (active, members, removed, and FirstActive with the cumulative count of
// participants); and an observed step allocates nothing either.
func TestObserve(t *testing.T) {
	plain, watched := benchModel(t, viewBench, 2000), benchModel(t, viewBench, 2000)
	plain.Run()
	var steps []int
	seen := map[AgentStatus]bool{}
	watched.Observe(func(v View) {
		steps = append(steps, v.Step())
		o, s := watched.Observations(), v.Step()
		var active, members, removed, ever, first int64
		for i := range v.N() {
			a := v.Agent(i)
			seen[a.Status] = true
			if a.Status != v.Status(i) {
				t.Fatalf("step %d agent %d: Status %v, Agent().Status %v", s, i, v.Status(i), a.Status)
			}
			switch a.Status {
			case Active:
				active++
			case Removed:
				removed++
			}
			if a.Organisation != "" {
				members++
			}
			if a.EverActive {
				ever++
			}
			if a.FirstActive >= 0 {
				first++
				if a.FirstActive > s || !a.EverActive {
					t.Fatalf("step %d agent %d: first active at %d, ever active %v", s, i, a.FirstActive, a.EverActive)
				}
			}
			if (a.Status == Active || a.Status == Aware) && a.Frame == "" {
				t.Fatalf("step %d agent %d: %v without a frame", s, i, a.Status)
			}
		}
		if active != o.Total.Active[s] || members != o.Total.Members[s] || removed != int64(v.N())-o.Total.Alive[s] ||
			ever != o.Total.Cumulative[s] || first != ever {
			t.Fatalf("step %d: active %d members %d removed %d ever %d first %d; observed %d %d %d %d",
				s, active, members, removed, ever, first, o.Total.Active[s], o.Total.Members[s], int64(v.N())-o.Total.Alive[s], o.Total.Cumulative[s])
		}
	})
	watched.Run()
	if !reflect.DeepEqual(plain.Observations(), watched.Observations()) {
		t.Error("observing the run changed it")
	}
	if len(steps) != 21 || steps[0] != 0 || steps[20] != 20 {
		t.Errorf("observers called at steps %v, want 0..20", steps)
	}
	for st := Inactive; st <= Removed; st++ {
		if !seen[st] {
			t.Errorf("no agent was ever %v", st)
		}
	}
	if raceEnabled {
		return
	}
	m := benchModel(t, strings.Replace(viewBench, "steps: 20", "steps: 100", 1), 2000)
	calls := 0
	m.Observe(func(v View) { calls++; _ = v.Agent(calls % v.N()) })
	for range 12 {
		m.StepOnce()
	}
	if a := testing.AllocsPerRun(20, m.StepOnce); a != 0 {
		t.Errorf("an observed step: %v allocations, want 0", a)
	}
}

// TestStatusNames: the states' names, as snapshots and exports write them.
func TestStatusNames(t *testing.T) {
	var got []string
	for st := Inactive; st <= Removed; st++ {
		got = append(got, st.String())
	}
	if want := "inactive aware active member lapsed removed"; strings.Join(got, " ") != want {
		t.Errorf("states %q, want %q", got, want)
	}
}
