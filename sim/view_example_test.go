package sim_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/scenario"
)

// Model.Observe watches a run step by step with read-only copies of the
// agents' state, for statistics the tool does not write. Here: on a
// scale-free network, do the hubs (the tenth of agents with the most ties)
// join a peer-shared frame sooner than the rest? The observer is called at
// step 0 and after every step; AgentState.FirstActive then gives each
// agent's first step of participation at the end.
func ExampleModel_Observe() {
	l, err := scenario.Parse("hubs.yaml", []byte(`
name: hubs
seed: 4
steps: 12
population: {size: 500}
network: {model: barabasi_albert, attach: 3}
frames:
  - {name: tag, seeds: 5, share: 0.3, width: 0.4, half_life: 4}
`), ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	sc := l.Scenario
	m, err := sim.NewRun(context.Background(), sc, nil, nil, sim.PairedSeed(sc.Seed, 0), sim.RunSeed(sc.Seed, 0, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	// The hubs: the top tenth by degree (ties broken by id).
	ids := make([]int, m.Pop.N)
	for i := range ids {
		ids[i] = i
	}
	slices.SortStableFunc(ids, func(a, b int) int { return m.Net.Degree(int32(b)) - m.Net.Degree(int32(a)) })
	hub := make([]bool, m.Pop.N)
	for _, i := range ids[:m.Pop.N/10] {
		hub[i] = true
	}
	var hubShare []string
	m.Observe(func(v sim.View) {
		if v.Step()%4 != 0 {
			return
		}
		active := 0
		for i := range v.N() {
			if hub[i] && v.Status(i) == sim.Active {
				active++
			}
		}
		hubShare = append(hubShare, fmt.Sprintf("%d:%.2f", v.Step(), float64(active)/float64(m.Pop.N/10)))
	})
	// At the last step: mean first step of participation, hubs and the rest.
	m.Observe(func(v sim.View) {
		if v.Step() < sc.Steps {
			return
		}
		var sum, n [2]float64
		for i := range v.N() {
			a := v.Agent(i)
			if a.FirstActive < 0 {
				continue
			}
			h := 0
			if hub[i] {
				h = 1
			}
			sum[h] += float64(a.FirstActive)
			n[h]++
		}
		fmt.Printf("ever active: %.0f hubs, %.0f others\n", n[1], n[0])
		fmt.Printf("mean first step: hubs %.1f, others %.1f\n", sum[1]/n[1], sum[0]/n[0])
	})
	m.Run()
	fmt.Println("share of hubs active by step:", hubShare)
	// Output:
	// ever active: 36 hubs, 335 others
	// mean first step: hubs 6.2, others 7.4
	// share of hubs active by step: [0:0.00 4:0.22 8:0.54 12:0.70]
}
