package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// model builds one run of an inline scenario (condition 0, replicate 0).
func model(t *testing.T, yaml string) *Model {
	t.Helper()
	return newTestRuns(t, parse(t, yaml)).Model(t, 0)
}

const orgScenario = `
name: org
seed: 9
steps: 60
replicates: 1
population: {size: 2000, threshold: {dist: beta, a: 2, b: 8}}
network: {model: erdos_renyi, mean_degree: 10}
decision: {social: 0.5, efficacy_ref: 2}
organisations:
  - {name: union, position: 0.5, tolerance: 0.3, budget: 50, reach: 40, contact_cost: 0.05, dues: 0.02, members: 0.05}
`

// TestOrganisationGrowsAndDeclines: an organisation recruits while it can pay
// for contact; without budget, income or dues it cannot, and its members'
// attention runs out (half-life 5: below the 0.01 floor after
// ⌈5·log2(100)⌉ = 34 steps), so they forget it and leave.
func TestOrganisationGrowsAndDeclines(t *testing.T) {
	m := model(t, orgScenario)
	m.Run()
	o := m.Observations()
	if start, end := o.MembersBy[0][0], o.MembersBy[0][60]; end <= start {
		t.Errorf("members %d at the start, %d at the end: no growth", start, end)
	}
	broke := model(t, strings.Replace(strings.Replace(orgScenario, "budget: 50,", "budget: 0, half_life: 5,", 1), "dues: 0.02", "dues: 0", 1))
	broke.Run()
	ob := broke.Observations()
	if ob.MembersBy[0][0] == 0 {
		t.Fatal("no initial members")
	}
	if got := ob.MembersBy[0][40]; got != 0 {
		t.Errorf("a broke organisation still has %d members at step 40", got)
	}
}

// TestEvents checks each event type's effect on the state.
func TestEvents(t *testing.T) {
	base := `
name: ev
seed: 4
steps: 12
replicates: 1
population: {size: 1000}
network: {model: barabasi_albert, attach: 3}
decision: {social: 0.5, efficacy_ref: 2}
organisations:
  - {name: union, position: 0.5, tolerance: 0.5, reach: 50, members: 0.1}
frames:
  - {name: tag, seeds: 5, share: 0.3, width: 0.5}
events:
`
	t.Run("suppress", func(t *testing.T) {
		m := model(t, base+"  - {step: 5, type: suppress, organisations: [union]}\n")
		m.Run()
		o := m.Observations()
		if o.MembersBy[0][4] == 0 || o.MembersBy[0][5] != 0 || o.MembersBy[0][12] != 0 {
			t.Errorf("members before/at/after suppression: %d %d %d", o.MembersBy[0][4], o.MembersBy[0][5], o.MembersBy[0][12])
		}
		if o.Budget[0][12] != o.Budget[0][5] {
			t.Errorf("a suppressed organisation's budget moved: %g → %g", o.Budget[0][5], o.Budget[0][12])
		}
	})
	t.Run("remove_hubs", func(t *testing.T) {
		m := model(t, base+"  - {step: 3, type: remove_hubs, count: 10}\n")
		maxDeg := 0
		for i := range m.Pop.N {
			maxDeg = max(maxDeg, m.Net.Degree(int32(i)))
		}
		m.Run()
		removed, hubGone := 0, false
		for i := range m.Pop.N {
			if m.ag.Removed(int32(i)) {
				removed++
				if m.Net.Degree(int32(i)) == maxDeg {
					hubGone = true
				}
			}
		}
		if removed != 10 || !hubGone {
			t.Errorf("removed %d agents (want 10), the top hub removed: %v", removed, hubGone)
		}
		if a := m.Observations().Total.Alive; a[2] != 1000 || a[3] != 990 {
			t.Errorf("alive at steps 2, 3: %d %d", a[2], a[3])
		}
		// Remaining degrees were updated.
		for i := range m.Pop.N {
			d := 0
			for _, j := range m.Net.Neighbours(int32(i)) {
				if !m.ag.Removed(j) {
					d++
				}
			}
			if !m.ag.Removed(int32(i)) && int(m.ag.AliveDeg(int32(i))) != d {
				t.Fatalf("agent %d: alive degree %d, want %d", i, m.ag.AliveDeg(int32(i)), d)
			}
		}
	})
	t.Run("remove_random", func(t *testing.T) {
		m := model(t, base+"  - {step: 2, type: remove_random, share: 0.1}\n")
		m.Run()
		if a := m.Observations().Total.Alive[12]; a != 900 {
			t.Errorf("alive %d, want 900", a)
		}
	})
	t.Run("set_cost", func(t *testing.T) {
		// Participation costs more than anyone can hold: nobody takes part.
		m := model(t, base+"  - {step: 3, type: set_cost, mechanism: tag, cost: 100}\n  - {step: 3, type: set_cost, mechanism: union, cost: 100}\n")
		m.Run()
		if a := m.Observations().Total.Active[3]; a != 0 {
			t.Errorf("%d active after costs rose to 100", a)
		}
	})
	t.Run("media_shock", func(t *testing.T) {
		m := model(t, base+"  - {step: 6, type: media_shock, mechanism: tag, share: 0.5}\n")
		m.Run()
		// 500 agents are shocked; those already active in the union keep
		// its frame, so somewhat fewer than 500 switch to tag.
		if aw := m.Observations().AwareBy[1]; aw[6] < aw[5]+300 {
			t.Errorf("aware of tag at steps 5, 6: %d %d; a shock to half of 1000 should add hundreds", aw[5], aw[6])
		}
	})
	t.Run("seed_frame", func(t *testing.T) {
		m := model(t, base+"  - {step: 7, type: seed_frame, frame: tag, count: 30}\n")
		m.Run()
		if n := m.Observations().Total.NewActive[7]; n < 30 {
			t.Errorf("%d new participants at step 7, want at least the 30 seeds", n)
		}
	})
}

// TestTemperature: at T > 0 the decision is a logistic choice, so an agent
// with M slightly below 0 sometimes takes part; at T = 0 never.
func TestTemperature(t *testing.T) {
	y := `
name: temp
seed: 2
steps: 5
replicates: 1
population: {size: 3000, threshold: 0.3, identity: 0, free_riding: 0}
network: {model: erdos_renyi, mean_degree: 8}
decision: {social: 1, cost: 0, temperature: %s, permanent: false}
frames:
  - {name: f, seeds: 0, aware: 1, share: 0, width: 1, cost: 0, half_life: 0}
`
	// Nobody is active and θ = 0.3, so M = −0.3 for everyone at step 1.
	for _, tc := range []struct {
		temp string
		lo   int64
		hi   int64
	}{
		// T = 0.3: p = 1/(1+e) ≈ 0.269; 3000 draws: sd ≈ 24, so ±5 sd.
		{"0.3", 807 - 120, 807 + 120},
		{"0", 0, 0},
	} {
		m := model(t, sprintf(y, tc.temp))
		m.StepOnce()
		if a := m.Observations().Total.Active[1]; a < tc.lo || a > tc.hi {
			t.Errorf("T=%s: %d active at step 1, want within [%d, %d]", tc.temp, a, tc.lo, tc.hi)
		}
	}
}

// TestEfficacy: e = min(1, (n_ref/n_rel)^γ).
func TestEfficacy(t *testing.T) {
	m := model(t, orgScenario)
	for _, tc := range []struct {
		n    int
		want float64
	}{
		{0, 1}, {1, 1}, {2, 1}, {8, 0.5}, {200, 0.1}, {1 << 20, math.Sqrt(2.0 / (1 << 20))},
	} {
		for range 2 { // computed, then from the cache for small groups
			if got := m.efficacy(tc.n); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("efficacy(%d) = %g, want %g (n_ref 2, γ 0.5)", tc.n, got, tc.want)
			}
		}
	}
}

func TestDecayFactor(t *testing.T) {
	// After h steps attention has halved.
	for _, h := range []float64{1, 3, 30} {
		a := float32(1)
		for range int(h) {
			a *= decayFactor(h)
		}
		if math.Abs(float64(a)-0.5) > 1e-5 {
			t.Errorf("h=%g: attention %g after h steps, want 0.5", h, a)
		}
	}
	if decayFactor(0) != 1 {
		t.Error("half-life 0 must mean no decay")
	}
}

func TestGroupSizes(t *testing.T) {
	for _, tc := range []struct {
		n      int
		shares []float64
		want   []int
	}{
		{10, []float64{0.5, 0.5}, []int{5, 5}},
		{10, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, []int{4, 3, 3}},
		{7, []float64{0.2, 0.3, 0.5}, []int{1, 2, 4}},
		{1, []float64{0.4, 0.6}, []int{0, 1}},
	} {
		got := groupSizes(tc.n, tc.shares)
		for g := range got {
			if got[g] != tc.want[g] {
				t.Errorf("groupSizes(%d, %v) = %v, want %v", tc.n, tc.shares, got, tc.want)
				break
			}
		}
	}
}

// TestPopulationDistributions checks the sample moments of each family
// against its mean within 5 standard errors (n = 20000).
func TestPopulationDistributions(t *testing.T) {
	const n = 20000
	for _, tc := range []struct {
		dist     string
		mean, sd float64 // of the (truncated) distribution
	}{
		{"0.3", 0.3, 0},
		{"{dist: uniform, min: 0.2, max: 0.6}", 0.4, 0.4 / math.Sqrt(12)},
		{"{dist: beta, a: 2, b: 6}", 0.25, math.Sqrt(2.0 * 6 / (64 * 9))},
		// Normal far from the bounds: truncation is negligible.
		{"{dist: normal, mean: 0.5, sd: 0.1}", 0.5, 0.1},
		{"{dist: empirical, values: [0.1, 0.3]}", 0.2, 0.1},
	} {
		l, err := scenario.Parse("p.yaml", []byte("name: p\npopulation: {size: 1000, identity: "+tc.dist+"}\nframes: [{name: f}]\n"), t.TempDir())
		if err != nil {
			t.Fatalf("%s: %v", tc.dist, err)
		}
		pop, err := NewPopulation(&l.Scenario.Population, n, false, rand.New(rand.NewPCG(1, 2)))
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		for _, x := range pop.Identity {
			if x < 0 || x > 1 {
				t.Fatalf("%s: identity %g outside [0,1]", tc.dist, x)
			}
			sum += float64(x)
		}
		mean := sum / n
		if tol := 5*tc.sd/math.Sqrt(n) + 1e-6; math.Abs(mean-tc.mean) > tol {
			t.Errorf("%s: sample mean %.4f, want %.4f ± %.4f", tc.dist, mean, tc.mean, tol)
		}
	}
}

// TestTruncNormalTail: a normal whose mass lies almost all outside the
// range still draws inside it, without looping.
func TestTruncNormalTail(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		if x := truncNormal(5, 0.1, unitRange, rnd); x < 0 || x > 1 {
			t.Fatalf("draw %g outside [0,1]", x)
		}
	}
}

func TestMetrics(t *testing.T) {
	o := newObservations(6, 2, []mechanism{{name: "f"}}, 0)
	o.GroupSize = []int64{50, 50}
	// Active: 0 10 40 30 20 15 5 of 100, all from group 0; cumulative 60.
	for step, a := range []int64{0, 10, 40, 30, 20, 15, 5} {
		o.Total.Alive[step], o.Total.Active[step] = 100, a
		o.Groups[0].Cumulative[step] = 60
	}
	o.Total.Cumulative[6] = 60
	mt := ComputeMetrics(o, 100, 0.5)
	if mt.PeakShare != 0.4 || mt.PeakStep != 2 || mt.FinalShare != 0.05 || mt.CumulativeShare != 0.6 ||
		mt.HalfLife != 2 || mt.Sustainability != 0.125 || mt.GroupReach != 0.5 || mt.GroupEntropy != 0 || !mt.Cascade {
		t.Errorf("metrics: %+v", mt)
	}
}

func TestDerive(t *testing.T) {
	seen := map[uint64]bool{}
	for p := range 50 {
		for r := range 50 {
			s := RunSeed(1, p, r)
			if seen[s] || s >= 1<<53 {
				t.Fatalf("seed %d for (%d, %d) repeats or exceeds 2^53", s, p, r)
			}
			seen[s] = true
		}
	}
	if RunSeed(1, 2, 3) != RunSeed(1, 2, 3) || RunSeed(1, 2, 3) == RunSeed(2, 2, 3) {
		t.Error("RunSeed is not a function of its arguments")
	}
}

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }
