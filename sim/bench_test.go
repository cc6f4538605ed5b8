package sim

import (
	"flag"
	"fmt"
	"reflect"
	"runtime"
	"strings"
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
func benchModel(b testing.TB, yaml string, n int) *Model {
	b.Helper()
	l, err := scenario.Parse("bench.yaml", []byte(yaml), b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	if err := scenario.ApplySet(l, []string{fmt.Sprintf("population.size=%d", n)}); err != nil {
		b.Fatal(err)
	}
	return newTestRuns(b, l).Model(b, 0)
}

// seriesBytes is the memory of the numeric slices in v (an Observations).
func seriesBytes(v reflect.Value) int64 {
	switch v.Kind() {
	case reflect.Struct:
		var t int64
		for f := range v.NumField() {
			t += seriesBytes(v.Field(f))
		}
		return t
	case reflect.Slice:
		if k := v.Type().Elem().Kind(); k == reflect.Int64 || k == reflect.Float64 {
			return int64(v.Cap()) * 8
		}
		var t int64
		for i := range v.Len() {
			t += seriesBytes(v.Index(i))
		}
		return t
	}
	return 0
}

// benchSteps times StepOnce over the size ladder and reports the cost per
// neighbour visited (a step over all agents reads every agent's ties once:
// 2E visits, the unit of a sparse matrix–vector product) and per agent. With
// dense, every aware agent decides at every step, as a vectorised step over
// all agents does; otherwise the engine's event-driven decisions (decide).
func benchSteps(b *testing.B, yaml string, dense bool) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("agents=%d", n), func(b *testing.B) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			m := benchModel(b, yaml, n)
			runtime.GC()
			runtime.ReadMemStats(&after)
			warm := func() {
				m.evalAll = dense
				for range 12 { // past the start-up transient (resources reach their cap)
					m.StepOnce()
				}
			}
			warm()
			visits := float64(len(m.Net.Adj))
			b.ReportAllocs()
			b.ResetTimer()
			steps := 0
			for b.Loop() {
				if m.t == m.obs.Steps { // a fast step runs out of the scenario's 10^6 steps: start afresh
					b.StopTimer()
					m = benchModel(b, yaml, n)
					warm()
					b.StartTimer()
				}
				m.StepOnce()
				steps++
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(steps)
			b.ReportMetric(ns/visits, "ns/neighbour-visit")
			b.ReportMetric(ns/float64(n), "ns/agent-step")
			b.ReportMetric(float64(n)*1e9/ns, "agent-steps/s")
			// Live heap of the model, its population and network, per agent,
			// less the observation series (preallocated for the benchmark's
			// 10^6 steps, a cost per step rather than per agent).
			live := int64(after.HeapAlloc-before.HeapAlloc) - seriesBytes(reflect.ValueOf(m.obs).Elem())
			b.ReportMetric(float64(live)/float64(n), "bytes/agent")
		})
	}
}

const thresholdBench = `name: bench
steps: 1000000
replicates: 1
population: {size: 1000, threshold: {dist: uniform, min: 0.1, max: 0.4}}
network: {model: gnm, mean_degree: 10}
decision: {identity: 0, social: 1, incentive: 0, cost: 0, free_riding: 0}
frames:
  - {name: f, seed_share: 0.3, aware: 1, share: 0, width: 1, cost: 0, half_life: 0}
`

// BenchmarkThresholdStep is the fractional threshold model (Watts 2002) on
// G(n,m) with mean degree 10, 30% seeds, everyone aware, only the social
// term, and every agent deciding at every step: the workload of a
// vectorised step over all nodes (sim/testdata/peers compares it with
// scipy.sparse and a C loop).
//
//	go test ./sim -run '^$' -bench ThresholdStep [-huge]
func BenchmarkThresholdStep(b *testing.B) { benchSteps(b, thresholdBench, true) }

// BenchmarkThresholdEventStep is the same model stepped by the engine as it
// runs: once the cascade has stopped only the pass that counts the aware
// agents remains.
func BenchmarkThresholdEventStep(b *testing.B) { benchSteps(b, thresholdBench, false) }

// BenchmarkThresholdCascade runs a whole monotone cascade from its seeds to
// its end (Watts 2002 on G(n,m), mean degree 10, 60 steps), and reports the
// cost per tie of an agent that became active (the ties the engine walks)
// and per agent and step. An event-driven engine pays in proportion to the
// first plus one pass over the aware agents a step to count them, not
// steps × all ties.
func BenchmarkThresholdCascade(b *testing.B) {
	const y = `name: bench
steps: 60
replicates: 1
population: {size: 1000, threshold: {dist: uniform, min: 0.05, max: 0.3}}
network: {model: gnm, mean_degree: 10}
decision: {identity: 0, social: 1, incentive: 0, cost: 0, free_riding: 0, permanent: true}
frames:
  - {name: f, seed_share: 0.002, aware: 1, share: 0, width: 1, cost: 0, half_life: 0}
`
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("agents=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var ns, visits, active float64
			for b.Loop() {
				b.StopTimer()
				m := benchModel(b, y, n)
				b.StartTimer()
				m.Run()
				b.StopTimer()
				var v int64
				for i := range m.Pop.N {
					if m.ag.Ever(int32(i)) {
						v += int64(m.Net.Degree(int32(i)))
					}
				}
				visits += float64(v)
				active += float64(m.obs.Total.Cumulative[m.t])
				b.StartTimer()
			}
			ns = float64(b.Elapsed().Nanoseconds())
			b.ReportMetric(ns/visits, "ns/active-tie")
			b.ReportMetric(ns/float64(b.N)/float64(n)/60, "ns/agent-step")
			b.ReportMetric(active/float64(b.N)/float64(n), "share-active")
		})
	}
}

// BenchmarkSparseCampaign is a campaign that reaches almost no one on a
// large network (100 seeds of a narrow frame shared with probability 0.05):
// a step must cost in proportion to those involved, not to the population.
func BenchmarkSparseCampaign(b *testing.B) { benchSteps(b, sparseBench, false) }

const sparseBench = `name: bench
steps: 1000000
replicates: 1
population: {size: 1000, threshold: {dist: beta, a: 2, b: 8}}
network: {model: gnm, mean_degree: 20}
decision: {social: 0.5, efficacy_ref: 2}
frames:
  - {name: tag, seeds: 100, share: 0.05, width: 0.1, half_life: 5}
`

// BenchmarkModelStep is the full model: an organisation, a crowd frame and
// a sponsored frame with amplification, every term of the motivation on.
func BenchmarkModelStep(b *testing.B) { benchSteps(b, modelBench, false) }

const modelBench = `name: bench
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
`

// BenchmarkActionsStep is BenchmarkModelStep in a community of action
// (actions.go): a private and a public action, one that does not spread,
// a donation to the NGO, organisers, skills per group, a ladder and a
// good made by CES: the cost of choosing among actions.
func BenchmarkActionsStep(b *testing.B) { benchSteps(b, actionsBench, false) }

const actionsBench = modelBench + `actions:
  - {name: sign, effort: 0.02, visible: false, spreads: false, contribution: 0.3}
  - {name: share, effort: 0.05, contribution: 0}
  - {name: donate, cost: 0.05, effect: donate, visible: false, spreads: false, contribution: 0.5}
  - {name: march, effort: 0.3, spreads: false, contribution: 1, skills: [0.1, -0.1], ladder: [{from: sign, public: 0, private: 0.2}]}
  - {name: organise, effort: 0.2, effect: organise, amount: 0.1, spreads: false, contribution: 1, skills: [-0.1, 0.2]}
outcome: {production: linear, effort: 1000000, combine: ces, substitution: -0.5}
`

// BenchmarkCommitmentStep is BenchmarkModelStep with every term of the
// commitment law on and the crowd frame renewing with decaying novelty
// (commitment.go): the cost of the opt-in mechanisms.
func BenchmarkCommitmentStep(b *testing.B) { benchSteps(b, commitmentBench, false) }

var commitmentBench = strings.Replace(strings.Replace(modelBench,
	"decision: {social: 0.5, efficacy_ref: 2}",
	"decision: {social: 0.5, efficacy_ref: 2, commitment: {weight: 0.5, decay: 0.02, habit: 0.03, solidarity: 0.02, fit: 0.01, organisation: 0.05, sustain: 1}}", 1),
	"half_life: 5}", "half_life: 5, novelty: decay, novelty_factor: 0.5}", 1)

// BenchmarkRepressionStep is BenchmarkModelStep with the repression of
// connective action (events.go, "Repression"): a throttle and a raised cost
// in force, which repress makes again every step, and arrests with
// backlash, the agents' backlash entering every decision.
func BenchmarkRepressionStep(b *testing.B) { benchSteps(b, repressionBench, false) }

var repressionBench = modelBench + `events:
  - {step: 3, type: throttle, frame: tag, factor: 0.5, duration: 999999}
  - {step: 3, type: raise_cost, mechanism: tag, cost: 0.01, backlash: 0.05}
  - {step: 14, type: arrest, by: degree, count: 5, backlash: 0.2}
  - {step: 16, type: arrest, by: activity, share: 0.01, backlash: -0.1}
  - {step: 18, type: arrest, by: random, count: 5}
  - {step: 20, type: shutdown, frame: push, duration: 3, backlash: 0.1}
`

// TestStepAllocatesNothing: a step of the benchmarks' scenarios on one
// goroutine allocates nothing once its scratch has grown, with work
// grouped by blocks (blockMin 1) or not, in one span or in many (the
// README's "0 allocations per step"; par.ForPartsWith).
func TestStepAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates on its own account")
	}
	for name, y := range map[string]string{"threshold": thresholdBench, "sparse": sparseBench, "model": modelBench, "economy": economyBench, "commitment": commitmentBench, "repression": repressionBench, "audience": audienceBench, "actions": actionsBench} {
		for _, small := range []bool{false, true} {
			m := benchModel(t, y, 5000)
			if small {
				m.blockMin, m.spanWords, m.shareWords = 1, 4, 4
			}
			for range 12 {
				m.StepOnce()
			}
			if a := testing.AllocsPerRun(20, m.StepOnce); a != 0 {
				t.Errorf("%s (grouped, spans: %v): %v allocations per step, want 0", name, small, a)
			}
		}
	}
}

// audienceBench is BenchmarkModelStep with frames shown over an audience
// layer (network.audience) with heavy-tailed degrees.
var audienceBench = strings.Replace(modelBench, "network: {model: gnm, mean_degree: 10}",
	"network: {model: gnm, mean_degree: 10, audience: {model: configuration, exponent: 2.1, min_degree: 3}}", 1)

// BenchmarkModelStepEconomy is BenchmarkModelStep with the organisations'
// economy on (organisation.go, "Economy"): incentives paid from the
// budget, overhead and churn for the union; conversion of its frame's
// sharers, incentives after outreach, for the NGO.
func BenchmarkModelStepEconomy(b *testing.B) { benchSteps(b, economyBench, false) }

const economyBench = `name: bench
steps: 1000000
replicates: 1
population:
  size: 1000
  groups: [{name: a, share: 0.5, centre: 0.4}, {name: b, share: 0.5, centre: 0.6}]
  threshold: {dist: beta, a: 2, b: 8}
network: {model: gnm, mean_degree: 10}
decision: {social: 0.5, efficacy_ref: 2}
organisations:
  - {name: union, reach: 1000, contact_cost: 0, members: 0.05, incentive_cost: 0.01, overhead: 0.5, churn: 0.01}
  - {name: ngo, reach: 0, contact_cost: 0, convert: 0.05, convert_cost: 0.01, incentive_cost: 0.01, allocation: contacts_first}
frames:
  - {name: tag, seed_share: 0.01, share: 0.3, width: 0.3, half_life: 5}
  - {name: push, sponsor: ngo, seed_share: 0.001, amplify: 1000, share: 0.3, width: 0.3}
`
