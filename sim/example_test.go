package sim_test

import (
	"context"
	"fmt"
	"math"
	"reflect"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/scenario"
)

// The model's data flow in one run: a scenario is parsed, NewRun draws the
// replicate's people and ties and seeds the dynamics, Run steps to the end,
// and ComputeMetrics reads the outcomes from the observations. The scenario
// is the package doc's independent cascade (SIR; Newman 2002): all decision
// weights 0, so whoever is reached joins, share is the transmissibility T,
// and each participant acts for one step and is then removed. On G(n,p)
// the final size r solves r = 1 − exp(−R0·r) with R0 = T·⟨k⟩ = 0.4·6, which
// one run of 400 agents approaches.
func Example() {
	l, err := scenario.Parse("sir.yaml", []byte(`
name: sir
seed: 5
steps: 15
population: {size: 400}
network: {model: erdos_renyi, mean_degree: 6}
decision: {identity: 0, social: 0, incentive: 0, cost: 0, free_riding: 0, active_steps: 1, rejoin: false}
frames:
  - {name: rumour, seeds: 4, share: 0.4, width: 1, cost: 0, half_life: 0}
`), ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	sc := l.Scenario
	// Replicate 0 of the only condition, every mechanism enabled (nil) and
	// a network generated from the paired seed (no shared file graph: nil).
	m, err := sim.NewRun(context.Background(), sc, nil, nil, sim.PairedSeed(sc.Seed, 0), sim.RunSeed(sc.Seed, 0, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	m.Run()
	o := m.Observations()
	mt := sim.ComputeMetrics(o, m.Pop.N, sc.Outputs.CascadeLevel)
	fmt.Println("active by step:", o.Total.Active)
	fmt.Printf("peak %.3f at step %d; final size %.3f\n", mt.PeakShare, mt.PeakStep, mt.CumulativeShare)

	// The final-size equation, solved by fixed-point iteration from r = 1.
	r0, r := 0.4*6.0, 1.0
	for range 100 {
		r = 1 - math.Exp(-r0*r)
	}
	fmt.Printf("theory: r = 1 − exp(−%.1f·r) gives %.3f\n", r0, r)
	// Output:
	// active by step: [4 7 17 35 62 83 70 35 18 7 1 0 0 0 0 0]
	// peak 0.207 at step 5; final size 0.848
	// theory: r = 1 − exp(−2.4·r) gives 0.879
}

// NewModel puts a model together from its parts, each drawn from its own
// stream: the population and the network from the replicate's PairedSeed,
// the dynamics from the run's RunSeed (NewRun does exactly this). StepOnce
// then advances one synchronous step at a time, and Observations holds one
// entry per step. The scenario is Centola & Macy's (2007) complex contagion
// on a ring lattice: everyone is aware, only the social term counts, and
// each agent needs half of its 4 neighbours active (a fractional threshold
// of 0.5, which on this lattice is the absolute threshold 2). The
// seed brings its neighbourhood in (5 agents at step 0); each step the
// front then advances by one agent on each side, the agent there having 2
// active neighbours, until the two fronts meet on the far side (the last
// three agents, each with 2 active neighbours, join together at step 7).
func ExampleNewModel() {
	l, err := scenario.Parse("ring.yaml", []byte(`
name: ring
seed: 3
steps: 8
population:
  size: 20
  threshold: 0.5
network: {model: ring, mean_degree: 4}
decision: {identity: 0, social: 1, incentive: 0, cost: 0, free_riding: 0, permanent: true}
frames:
  - {name: rumour, seeds: 1, seeding: neighbourhood, aware: 1, share: 0, width: 1, cost: 0, half_life: 0}
`), ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	sc := l.Scenario
	paired, seed := sim.PairedSeed(sc.Seed, 0), sim.RunSeed(sc.Seed, 0, 0)
	// Fractional thresholds (social_mode is fractional by default): θ_i is
	// a share of one's neighbours, not a number of them.
	pop, err := sim.NewPopulation(&sc.Population, sc.Population.Size, false, sim.NewRand(paired, sim.StreamPopulation))
	if err != nil {
		fmt.Println(err)
		return
	}
	g, err := sim.BuildNetwork(&sc.Network, pop, sim.NewRand(paired, sim.StreamNetwork))
	if err != nil {
		fmt.Println(err)
		return
	}
	// nil enables every mechanism, as a scenario without conditions does.
	m, err := sim.NewModel(sc, pop, g, nil, sim.NewRand(seed, sim.StreamDynamics))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("step %d: %2d active\n", m.Step(), m.Observations().Total.Active[0])
	for m.Step() < sc.Steps {
		m.StepOnce()
		t := m.Step()
		fmt.Printf("step %d: %2d active\n", t, m.Observations().Total.Active[t])
	}
	// Output:
	// step 0:  5 active
	// step 1:  7 active
	// step 2:  9 active
	// step 3: 11 active
	// step 4: 13 active
	// step 5: 15 active
	// step 6: 17 active
	// step 7: 20 active
	// step 8: 20 active
}

// NewRun builds one run at step 0 from two seeds: the replicate's
// PairedSeed for its people and ties, and the run's RunSeed for its
// dynamics. It is the same model as one put together by hand from
// NewPopulation, BuildNetwork and NewModel on those seeds' streams (see
// ExampleNewModel), so the two runs below agree step for step.
func ExampleNewRun() {
	l, err := scenario.Parse("tag.yaml", []byte(`
name: tag
seed: 8
steps: 20
population: {size: 300}
network: {model: watts_strogatz, mean_degree: 6, rewire: 0.1}
frames:
  - {name: tag, seeds: 5, share: 0.3, width: 0.3, half_life: 3}
`), ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	sc := l.Scenario
	const replicate = 2
	paired, seed := sim.PairedSeed(sc.Seed, replicate), sim.RunSeed(sc.Seed, 0, replicate)
	a, err := sim.NewRun(context.Background(), sc, nil, nil, paired, seed)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("step %d: %d agents, %d ties, %d active\n", a.Step(), a.Pop.N, a.Net.Edges(), a.Observations().Total.Active[0])

	// By hand, as NewRun does it (fractional thresholds, all mechanisms).
	pop, err := sim.NewPopulation(&sc.Population, sc.Population.Size, false, sim.NewRand(paired, sim.StreamPopulation))
	if err != nil {
		fmt.Println(err)
		return
	}
	g, err := sim.BuildNetwork(&sc.Network, pop, sim.NewRand(paired, sim.StreamNetwork))
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := sim.NewModel(sc, pop, g, nil, sim.NewRand(seed, sim.StreamDynamics))
	if err != nil {
		fmt.Println(err)
		return
	}
	a.Run()
	b.Run()
	fmt.Println("same run as by hand:", reflect.DeepEqual(a.Observations(), b.Observations()))
	mt := sim.ComputeMetrics(a.Observations(), a.Pop.N, sc.Outputs.CascadeLevel)
	fmt.Printf("step %d: %.3f ever participated\n", a.Step(), mt.CumulativeShare)
	// Output:
	// step 0: 300 agents, 900 ties, 5 active
	// same run as by hand: true
	// step 20: 0.323 ever participated
}

// Two conditions of one replicate meet the same people on the same ties:
// their PairedSeed depends on the replicate only, so their populations and
// networks are drawn from the same random numbers (here, where the
// conditions differ only in a frame, they are the same people and ties),
// and only the condition's settings and the dynamics seed (RunSeed) differ.
// The difference between the arms is then the effect of the condition, not
// of other people: common random numbers, which make the paired difference
// less variable than that of independent draws (Law 2015, Simulation
// Modeling and Analysis, §11.2). Here a frame shared with probability 0.6
// instead of 0.3 reaches more of the same population in both replicates;
// the next replicate draws other people.
func ExamplePairedSeed() {
	l, err := scenario.Parse("arms.yaml", []byte(`
name: arms
seed: 11
steps: 20
replicates: 2
population: {size: 300}
network: {model: watts_strogatz, mean_degree: 6, rewire: 0.1}
frames:
  - {name: tag, seeds: 5, share: 0.3, width: 0.3, half_life: 3}
conditions:
  - {name: weak}
  - {name: strong, set: {"frames[0].share": 0.6}}
`), ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	var first *sim.Model
	for r := range 2 {
		var arms [2]*sim.Model
		for c := range arms {
			sc, err := l.Condition(c) // the scenario with condition c's overrides
			if err != nil {
				fmt.Println(err)
				return
			}
			// A plain run is sweep point 0, so condition c is RunSeed's
			// point c (runner.Study numbers them so).
			m, err := sim.NewRun(context.Background(), sc, nil, nil, sim.PairedSeed(sc.Seed, r), sim.RunSeed(sc.Seed, c, r))
			if err != nil {
				fmt.Println(err)
				return
			}
			m.Run()
			arms[c] = m
		}
		weak, strong := arms[0], arms[1]
		fmt.Printf("replicate %d: same people %t, same ties %t, other dynamics seed %t\n", r,
			reflect.DeepEqual(weak.Pop, strong.Pop), reflect.DeepEqual(weak.Net, strong.Net),
			sim.RunSeed(l.Scenario.Seed, 0, r) != sim.RunSeed(l.Scenario.Seed, 1, r))
		for c, m := range arms {
			mt := sim.ComputeMetrics(m.Observations(), m.Pop.N, m.Scenario().Outputs.CascadeLevel)
			fmt.Printf("  %-6s ever participated %.3f\n", l.ConditionNames()[c], mt.CumulativeShare)
		}
		if r == 0 {
			first = weak
		} else {
			fmt.Println("replicates 0 and 1 share people:", reflect.DeepEqual(first.Pop, weak.Pop))
		}
	}
	// Output:
	// replicate 0: same people true, same ties true, other dynamics seed true
	//   weak   ever participated 0.067
	//   strong ever participated 0.197
	// replicate 1: same people true, same ties true, other dynamics seed true
	//   weak   ever participated 0.213
	//   strong ever participated 0.397
	// replicates 0 and 1 share people: false
}

// RunSeed gives every run its own dynamics seed, from the scenario seed,
// the run's cell of the plan (point·conditions + condition, as
// runner.Study numbers them: in a plain run, the condition) and its
// replicate; PairedSeed gives the replicate's population and network seed,
// the same for every condition in a row below. Both are pure functions of
// their arguments, so any run can be repeated alone, in any order, on any
// machine (connact writes the run seed on every output row), and both stay
// below 2^53 so that tools that read CSV numbers as doubles read them
// exactly.
func ExampleRunSeed() {
	const seed = 42
	fmt.Println("replicate      paired seed   run seed, cond 0   run seed, cond 1")
	below := true
	for r := range 3 {
		p := sim.PairedSeed(seed, r)
		fmt.Printf("%9d %16d", r, p)
		below = below && p < 1<<53
		for c := range 2 {
			s := sim.RunSeed(seed, c, r)
			fmt.Printf(" %18d", s)
			below = below && s < 1<<53
		}
		fmt.Println()
	}
	fmt.Println("all below 2^53:", below)
	// Output:
	// replicate      paired seed   run seed, cond 0   run seed, cond 1
	//         0 2077398666818254   2547994916289540   6602441426032918
	//         1 6158756376722028   1570809364925772    311322412540820
	//         2 8903013808223793   5896023573665508   1921870001311940
	// all below 2^53: true
}

// ComputeMetrics reads a run's outcomes from its observations. Only the
// series the metrics read are filled in here, for a run of 100 agents in
// two identity groups (75 and 25) over 6 steps: the share active peaks at
// 0.4 at step 2 and first falls to half of that (0.2) two steps later (the
// half-life); the 0.1 still active at the end are a quarter of the peak
// (sustainability); 52 agents ever took part, 39 and 13 from the two
// groups, whose evenness is −(0.75·ln 0.75 + 0.25·ln 0.25)/ln 2 = 0.811
// (Pielou 1966). With a cascade level of 0.5, the run is a cascade.
func ExampleComputeMetrics() {
	o := &sim.Observations{
		Steps: 6,
		Total: sim.Counts{
			Alive:      []int64{100, 100, 100, 100, 100, 100, 100},
			Active:     []int64{0, 10, 40, 30, 20, 10, 10},
			Cumulative: []int64{0, 10, 45, 50, 52, 52, 52},
			Members:    []int64{0, 0, 0, 0, 0, 0, 0},
		},
		Groups: []sim.Counts{
			{
				Alive:      []int64{75, 75, 75, 75, 75, 75, 75},
				Active:     []int64{0, 8, 30, 22, 15, 8, 8},
				Cumulative: []int64{0, 8, 34, 38, 39, 39, 39},
				Members:    []int64{0, 0, 0, 0, 0, 0, 0},
			},
			{
				Alive:      []int64{25, 25, 25, 25, 25, 25, 25},
				Active:     []int64{0, 2, 10, 8, 5, 2, 2},
				Cumulative: []int64{0, 2, 11, 12, 13, 13, 13},
				Members:    []int64{0, 0, 0, 0, 0, 0, 0},
			},
		},
		GroupSize: []int64{75, 25},
	}
	mt := sim.ComputeMetrics(o, 100, 0.5)
	fmt.Printf("peak %.2f at step %d, final %.2f, ever %.2f\n", mt.PeakShare, mt.PeakStep, mt.FinalShare, mt.CumulativeShare)
	fmt.Printf("half-life %.0f steps, sustainability %.2f\n", mt.HalfLife, mt.Sustainability)
	fmt.Printf("group reach %.2f, group entropy %.3f, cascade %t\n", mt.GroupReach, mt.GroupEntropy, mt.Cascade)
	// Output:
	// peak 0.40 at step 2, final 0.10, ever 0.52
	// half-life 2 steps, sustainability 0.25
	// group reach 1.00, group entropy 0.811, cascade true
}
