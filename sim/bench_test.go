package sim

import (
	"flag"
	"fmt"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

var benchHuge = flag.Bool("huge", false, "include 10^7 agents in the benchmark ladders")

// benchSizes is the ladder of agent counts.
func benchSizes() []int {
	s := []int{1e3, 1e4, 1e5, 1e6}
	if *benchHuge {
		s = append(s, 1e7)
	}
	return s
}

// benchModel builds replicate 0 of an inline scenario with n agents.
func benchModel(b *testing.B, yaml string, n int) *Model {
	b.Helper()
	l, err := scenario.Parse("bench.yaml", []byte(yaml), b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	if err := scenario.ApplySet(l, []string{fmt.Sprintf("population.size=%d", n)}); err != nil {
		b.Fatal(err)
	}
	st, err := NewStudy(l)
	if err != nil {
		b.Fatal(err)
	}
	m, _, err := st.Model(0)
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// benchSteps times StepOnce over the size ladder and reports the cost per
// neighbour visited (each step reads every aware agent's neighbours once:
// 2E visits when everyone is aware) and per agent.
func benchSteps(b *testing.B, yaml string) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("agents=%d", n), func(b *testing.B) {
			m := benchModel(b, yaml, n)
			for range 3 { // past the start-up transient
				m.StepOnce()
			}
			visits := float64(len(m.Net.Adj))
			b.ReportAllocs()
			b.ResetTimer()
			steps := 0
			for b.Loop() {
				m.StepOnce()
				steps++
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(steps)
			b.ReportMetric(ns/visits, "ns/neighbour-visit")
			b.ReportMetric(ns/float64(n), "ns/agent-step")
			b.ReportMetric(float64(n)*1e9/ns, "agent-steps/s")
		})
	}
}

// BenchmarkThresholdStep is the fractional threshold model (Watts 2002) on
// G(n,p) with mean degree 10: every agent aware, only the social term.
//
//	go test ./sim -run '^$' -bench ThresholdStep [-huge]
func BenchmarkThresholdStep(b *testing.B) {
	benchSteps(b, `name: bench
steps: 1000000
replicates: 1
population: {size: 1000, threshold: {dist: uniform, min: 0.1, max: 0.4}}
network: {model: gnm, mean_degree: 10}
decision: {identity: 0, social: 1, incentive: 0, cost: 0, free_riding: 0}
frames:
  - {name: f, seed_share: 0.3, aware: 1, share: 0, width: 1, cost: 0, half_life: 0}
`)
}

// BenchmarkModelStep is the full model: an organisation, a crowd frame and
// a sponsored frame with amplification, every term of the motivation on.
func BenchmarkModelStep(b *testing.B) {
	benchSteps(b, `name: bench
steps: 1000000
replicates: 1
population:
  size: 1000
  groups: [{name: a, share: 0.5, centre: 0.4}, {name: b, share: 0.5, centre: 0.6}]
  threshold: {dist: beta, a: 2, b: 8}
network: {model: gnm, mean_degree: 10}
decision: {social: 0.5, efficacy_ref: 2}
organisations:
  - {name: union, reach: 1000, contact_cost: 0, members: 0.05}
  - {name: ngo, membership: false, contact_cost: 0}
frames:
  - {name: tag, seed_share: 0.01, share: 0.3, width: 0.3, half_life: 5}
  - {name: push, sponsor: ngo, seed_share: 0.001, amplify: 1000, share: 0.3, width: 0.3}
`)
}
