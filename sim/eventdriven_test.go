package sim

import (
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// eventScenarios exercise every input a decision reads and every event, so
// that a change which forgets to mark an agent for its next decision shows
// up as a difference from visiting every aware agent.
// actionsBlock adds a repertoire of every kind of action to the
// everything scenario.
const actionsBlock = `
actions:
  - {name: sign, effort: 0.02, visible: false, spreads: false, contribution: 0.3, end: 25}
  - {name: share, effort: 0.05, contribution: 0, skill: {dist: uniform, min: -0.1, max: 0.1}}
  - {name: donate, cost: 0.05, effect: donate, visible: false, spreads: false, contribution: 0.5, start: 3}
  - name: march
    cost: 0.02
    effort: 0.3
    spreads: false
    contribution: 1
    start: 10
    end: 30
    skills: [{dist: normal, mean: 0.1, sd: 0.2}, {dist: normal, mean: -0.1, sd: 0.2}]
    ladder: [{from: sign, public: 0, private: 0.2}, {from: share, public: -0.1, private: 0}]
  - name: organise
    effort: 0.2
    effect: organise
    amount: 0.1
    spreads: false
    contribution: 1
    skills: [{dist: normal, mean: -0.1, sd: 0.2}, {dist: normal, mean: 0.2, sd: 0.2}]
outcome: {production: linear, effort: 3, weight: 0.3, combine: ces, substitution: -0.5}
`

var eventScenarios = map[string]string{
	"everything": `
name: everything
seed: 5
steps: 40
replicates: 2
population:
  size: 3000
  groups: [{name: a, share: 0.6, centre: 0.35}, {name: b, share: 0.4, centre: 0.7}]
  resources: {dist: uniform, min: 0, max: 1}
  income: {dist: uniform, min: 0, max: 0.05}
  cap: {dist: constant, value: 1.5}
  threshold: {dist: beta, a: 2, b: 6}
network: {model: barabasi_albert, attach: 4}
decision: {social: 0.6, cost: 0.5, free_riding: 0.8, efficacy_ref: 3, attention_floor: 0.2}
organisations:
  - {name: union, position: 0.4, tolerance: 0.25, budget: 30, income: 0.5, reach: 60, contact_cost: 0.1, dues: 0.03, members: 0.04, incentive: 0.4, brokerage: 0.5, cost: 0.02, half_life: 6}
  - {name: ngo, membership: false, position: 0.6, budget: 20, contact_cost: 0.05, start: 4}
frames:
  - {name: tag, seed_share: 0.01, share: 0.25, width: 0.3, half_life: 4, cost: 0.01}
  - {name: push, sponsor: ngo, seed_share: 0.002, amplify: 40, share: 0.2, width: 0.25, half_life: 8, start: 4}
  - {name: common, expression: collective, seeds: 5, share: 0.1, width: 0.4, half_life: 10, start: 6, seeding: neighbourhood}
background: {rate: 0.002, mechanism: common}
events:
  - {step: 5, type: remove_hubs, share: 0.01}
  - {step: 8, type: remove_random, share: 0.05}
  - {step: 10, type: set_cost, mechanism: tag, cost: 0.2}
  - {step: 12, type: media_shock, mechanism: union, share: 0.1}
  - {step: 14, type: seed_frame, frame: tag, count: 20}
  - {step: 20, type: suppress, organisations: [union]}
`,
	// Repression of connective action (issue 17): arrests by each target
	// with backlash of both signs (an agent input, b_i), throttling and a
	// shutdown of the frame that spreads, and a cost raised for a time
	// (a shared input).
	"repression": `
name: repression
seed: 9
steps: 40
replicates: 2
population:
  size: 3000
  groups: [{name: a, share: 0.6, centre: 0.4}, {name: b, share: 0.4, centre: 0.6}]
  resources: {dist: uniform, min: 0.2, max: 1}
  threshold: {dist: beta, a: 2, b: 8}
network: {model: barabasi_albert, attach: 5}
decision: {social: 0.5, cost: 0.5, free_riding: 0.8, efficacy_ref: 2}
organisations:
  - {name: union, position: 0.45, tolerance: 0.25, reach: 40, members: 0.03, incentive: 0.3, cost: 0.03}
  - {name: ngo, membership: false, position: 0.55, budget: 20}
frames:
  - {name: tag, seeds: 20, share: 0.3, width: 0.3, half_life: 3, cost: 0.02}
  - {name: push, sponsor: ngo, seeds: 5, amplify: 30, share: 0.25, width: 0.3, half_life: 5, start: 2}
events:
  - {step: 4, type: arrest, by: activity, count: 15, mechanism: tag, backlash: 0.3}
  - {step: 5, type: throttle, frame: tag, factor: 0.3, duration: 4, backlash: -0.05}
  - {step: 6, type: arrest, by: degree, share: 0.05, backlash: -0.2}
  - {step: 7, type: raise_cost, mechanism: tag, cost: 0.1, duration: 6, backlash: 0.1}
  - {step: 8, type: shutdown, frame: push, duration: 3}
  - {step: 9, type: set_cost, mechanism: tag, cost: 0.05}
  - {step: 10, type: arrest, by: random, share: 0.1, backlash: 0.5}
  - {step: 12, type: raise_cost, mechanism: union, cost: 0.05}
  - {step: 15, type: throttle, frame: push, factor: 0, duration: 2}
  - {step: 16, type: remove_periphery, share: 0.05}
`,
	// Organisations as economies: incentives paid pro rata as budgets run
	// out (a shared input of the decision), overhead, churn of members not
	// contacted, and conversion of a frame's sharers, under both
	// allocation rules.
	"economy": `
name: economy
seed: 9
steps: 40
replicates: 2
population:
  size: 3000
  groups: [{name: a, share: 0.5, centre: 0.4}, {name: b, share: 0.5, centre: 0.65}]
  resources: {dist: uniform, min: 0, max: 1.5}
  income: 0
  cap: {dist: constant, value: 2}
  threshold: {dist: beta, a: 2, b: 6}
network: {model: erdos_renyi, mean_degree: 8}
decision: {social: 0.6, cost: 0.5, free_riding: 0.6, efficacy_ref: 3, incentive: 1.5}
organisations:
  # No dues, cost or fading here: only the incentive the union can pay
  # (mechInput) brings its members back to a decision.
  - {name: union, position: 0.45, tolerance: 0.25, budget: 15, income: 1, reach: 0, dues: 0, members: 0.08, incentive: 0.5, cost: 0, half_life: 0,
     incentive_cost: 0.04, overhead: 0.3}
  - {name: party, position: 0.6, tolerance: 0.3, budget: 10, income: 0.2, reach: 10, contact_cost: 0.05, dues: 0.02, members: 0.02, incentive: 0.3, cost: 0.02, half_life: 4,
     incentive_cost: 0.02, overhead: 0.1, churn: 0.02, allocation: contacts_first, convert: 0.2, convert_cost: 0.05}
frames:
  - {name: push, sponsor: party, seed_share: 0.01, amplify: 30, share: 0.25, width: 0.3, half_life: 4, cost: 0.01}
  - {name: tag, seed_share: 0.005, share: 0.2, width: 0.3, half_life: 3, cost: 0.01, start: 3}
events:
  - {step: 15, type: set_cost, mechanism: union, cost: 0.1}
  - {step: 25, type: remove_random, share: 0.05}
`,
	// No attention decays here (half-lives 0), so only the marks for
	// resources, ties, memberships and shared inputs bring agents back to a
	// decision.
	"static": `
name: static
seed: 6
steps: 40
replicates: 3
population:
  size: 3000
  resources: {dist: uniform, min: 0, max: 1}
  income: {dist: uniform, min: 0.01, max: 0.08}
  cap: {dist: constant, value: 1}
  threshold: {dist: uniform, min: 0, max: 0.5}
network: {model: erdos_renyi, mean_degree: 8}
decision: {identity: 0.3, social: 1, cost: 0.2, free_riding: 1, efficacy_ref: 20, incentive: 0.5}
organisations:
  - {name: union, position: 0.5, tolerance: 0.3, budget: 5, reach: 30, contact_cost: 0.1, dues: 0.05, members: 0.03, incentive: 0.3, cost: 0.15, half_life: 0}
frames:
  - {name: tag, seed_share: 0.02, share: 0.3, width: 0.4, half_life: 0, cost: 0.25}
  - {name: common, expression: collective, seeds: 30, share: 0.2, width: 0.5, half_life: 0, cost: 0.1, start: 3}
events:
  - {step: 6, type: remove_hubs, share: 0.02}
  - {step: 9, type: remove_random, share: 0.1}
  - {step: 12, type: set_cost, mechanism: tag, cost: 0.05}
  - {step: 15, type: set_cost, mechanism: union, cost: 0}
  - {step: 18, type: media_shock, mechanism: common, share: 0.2}
  - {step: 25, type: suppress}
`,
	// Removals raise the fractional signal of those who keep their active
	// ties: only the mark on the neighbours of the removed brings them back.
	"removal": `
name: removal
seed: 8
steps: 20
replicates: 3
population: {size: 3000, threshold: {dist: normal, mean: 0.3, sd: 0.1}}
network: {model: erdos_renyi, mean_degree: 8}
decision: {identity: 0, social: 1, incentive: 0, cost: 0, free_riding: 0}
frames:
  - {name: f, seed_share: 0.08, aware: 1, share: 0, width: 1, cost: 0, half_life: 0}
events:
  - {step: 6, type: remove_random, share: 0.3}
  - {step: 12, type: remove_hubs, share: 0.05}
`,
	// Commitment with every term on (habit, solidarity, fit, membership,
	// its weight in the motivation and its slowing of attention), and
	// frames that renew with decaying novelty: a commitment or a renewal
	// that forgot its mark would show here (without agents.State.Commit's
	// mark this scenario fails). Nobody earns, the union's members pay
	// nothing, and common does not fade, so that for its inactive holders
	// commitment growing is often the only input that moves. Renew's mark
	// on a frame already held is redundant in a run (such a frame fades,
	// and Decay marked its holder the step before); TestTransitionsMark
	// checks it.
	// Both opt-in mechanisms of model 2.0 at once: an economy whose
	// incentive falls as its budget runs out, converting sharers, beside
	// every commitment term and renewing frames.
	"economy-commitment": `
name: economy-commitment
seed: 13
steps: 40
replicates: 2
population:
  size: 3000
  groups: [{name: a, share: 0.5, centre: 0.4}, {name: b, share: 0.5, centre: 0.6}]
  resources: {dist: uniform, min: 0, max: 1.5}
  income: {dist: uniform, min: 0, max: 0.02}
  cap: {dist: constant, value: 2}
  threshold: {dist: beta, a: 2, b: 6}
network: {model: erdos_renyi, mean_degree: 8}
decision:
  social: 0.6
  cost: 0.5
  free_riding: 0.5
  efficacy_ref: 3
  incentive: 1.2
  commitment: {weight: 0.5, decay: 0.04, habit: 0.06, solidarity: 0.08, fit: 0.04, organisation: 0.05, sustain: 0.6}
organisations:
  - {name: union, position: 0.45, tolerance: 0.25, budget: 12, income: 0.5, reach: 20, contact_cost: 0.05, dues: 0.01, members: 0.06, incentive: 0.5, cost: 0.02, half_life: 6,
     incentive_cost: 0.03, overhead: 0.2, churn: 0.02, convert: 0.1, convert_cost: 0.05}
frames:
  - {name: push, sponsor: union, seed_share: 0.01, amplify: 20, share: 0.25, width: 0.3, half_life: 4, cost: 0.01, novelty: decay, novelty_factor: 0.5}
  - {name: tag, seed_share: 0.005, share: 0.2, width: 0.3, half_life: 3, cost: 0.01, start: 3}
events:
  - {step: 15, type: set_cost, mechanism: union, cost: 0.08}
  - {step: 25, type: remove_hubs, share: 0.01}
`,
	"commitment": `
name: commitment
seed: 9
steps: 40
replicates: 2
population:
  size: 3000
  groups: [{name: a, share: 0.5, centre: 0.35}, {name: b, share: 0.5, centre: 0.65}]
  resources: {dist: uniform, min: 0, max: 1}
  income: 0
  threshold: {dist: beta, a: 2, b: 5}
network: {model: watts_strogatz, mean_degree: 8, rewire: 0.2}
decision:
  social: 0.8
  cost: 0.5
  free_riding: 0.6
  attention_floor: 0.05
  commitment: {weight: 0.6, decay: 0.05, habit: 0.08, solidarity: 0.1, fit: 0.05, organisation: 0.06, sustain: 0.8}
organisations:
  - {name: union, position: 0.15, tolerance: 0.15, budget: 20, income: 0.3, reach: 50, contact_cost: 0.1, members: 0.05, dues: 0, cost: 0, incentive: -0.4, half_life: 0}
frames:
  - {name: tag, seed_share: 0.01, share: 0.3, width: 0.2, half_life: 3, cost: 0.01, novelty: decay, novelty_factor: 0.6}
  - {name: common, expression: collective, seeds: 10, share: 1, width: 0.5, half_life: 0, start: 5, novelty: decay, novelty_factor: 0.3}
events:
  - {step: 8, type: remove_random, share: 0.05}
  - {step: 12, type: media_shock, mechanism: tag, share: 0.05}
  - {step: 20, type: suppress}
`,
	"sir": `
name: sir
seed: 3
steps: 30
replicates: 2
population: {size: 3000, threshold: {dist: constant, value: 1}}
network: {model: erdos_renyi, mean_degree: 6}
decision: {identity: 0, social: 1, incentive: 0, cost: 0, free_riding: 0, social_mode: absolute, active_steps: 2, rejoin: false}
frames:
  - {name: f, seeds: 10, share: 0.3, width: 1, cost: 0, half_life: 0}
`,
	"permanent-expiring": `
name: permanent-expiring
seed: 4
steps: 30
replicates: 2
population: {size: 2000, threshold: {dist: uniform, min: 0, max: 0.3}}
network: {model: watts_strogatz, mean_degree: 6, rewire: 0.1}
decision: {identity: 0.2, social: 1, incentive: 0, cost: 0, free_riding: 0, permanent: true, active_steps: 5}
frames:
  - {name: f, seed_share: 0.01, aware: 1, share: 0, width: 1, cost: 0, half_life: 0}
`,
}

// TestEventDrivenExact: deciding only for the agents marked since their last
// decision (decide) gives the same runs, step by step, as deciding for
// every aware agent, and deciding, delivering and settling on several
// goroutines (grouped by agent blocks) the same as one by one, on the
// scenarios above and on every shipped scenario (populations capped at 4000
// agents to keep the test short).
func TestEventDrivenExact(t *testing.T) {
	check := func(t *testing.T, l *scenario.Loaded) {
		st := newTestRuns(t, l)
		for i := range st.Runs() {
			// build makes run i, then sets what differs before it steps.
			build := func(set func(m *Model)) *Model {
				m := st.Model(t, i)
				set(m)
				return m
			}
			a := build(func(*Model) {})
			b := build(func(m *Model) { m.evalAll = true })
			// Every batch of draws and of count updates grouped by agent
			// blocks, decisions and deliveries on 3 goroutines.
			c := build(func(m *Model) { m.threads, m.blockMin, m.parallelMin = 3, 1, 1 })
			// And settled in spans of one word, on 3 goroutines (e) and
			// on one (f): sums of spending and attention are then made
			// span by span, so equal between e and f, and equal to the
			// one-span run a up to rounding.
			e := build(func(m *Model) { m.threads, m.blockMin, m.parallelMin, m.spanWords = 3, 1, 1, 1 })
			f := build(func(m *Model) { m.spanWords = 1 })
			e.Run()
			f.Run()
			if !reflect.DeepEqual(e.obs, f.obs) {
				t.Errorf("run %d: settling in spans on 3 goroutines and on one differ: %s", i, firstDifference(e.obs, f.obs))
			}
			// Sharing in spans of a word on one goroutine (g, counts
			// recounted every step) and on 3 (h): every sharer draws from
			// its own keyed stream (rng.go), so both are a's run, on any
			// number of goroutines.
			g := build(func(m *Model) { m.shareWords = 1 })
			h := build(func(m *Model) { m.threads, m.blockMin, m.parallelMin, m.shareWords = 3, 1, 1, 1 })
			for g.t < g.sc.Steps {
				g.StepOnce()
				recount(t, g)
			}
			h.Run()
			if !reflect.DeepEqual(g.obs, h.obs) {
				t.Errorf("run %d: sharing in spans on one goroutine and on 3 differ: %s", i, firstDifference(g.obs, h.obs))
			}
			recount(t, a)
			for a.t < a.sc.Steps {
				a.StepOnce()
				recount(t, a)
			}
			if !reflect.DeepEqual(a.obs, g.obs) {
				t.Errorf("run %d: sharing in spans of a word and in one span differ: %s", i, firstDifference(a.obs, g.obs))
			}
			b.Run()
			c.Run()
			if !reflect.DeepEqual(a.obs, b.obs) {
				t.Errorf("run %d: event-driven and full decisions differ: %s", i, firstDifference(a.obs, b.obs))
			}
			if !reflect.DeepEqual(a.obs, c.obs) {
				t.Errorf("run %d: draws delivered one by one and grouped on 3 goroutines differ: %s", i, firstDifference(a.obs, c.obs))
			}
			if d := firstDifferenceTol(a.obs, e.obs, 1e-12); d != "" {
				t.Errorf("run %d: settling in one span and in spans of a word differ beyond rounding: %s", i, d)
			}
		}
	}
	for name, y := range eventScenarios {
		t.Run(name, func(t *testing.T) {
			l, err := scenario.Parse(name+".yaml", []byte(y), t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			check(t, l)
		})
	}
	// The outcome (issue 17, item 3): the marginal product m(t), a shared
	// input that moves every step, read by the motivation and, with
	// efficacy: progress, as every mechanism's efficacy; a target that
	// concedes.
	for _, out := range []string{
		"outcome: {production: decelerating, exponent: 2, effort: 2, weight: 0.5, values: [1, 0.3], efficacy: progress, target: {name: government, good: 0.6}}\n",
		"outcome: {production: step, threshold: 0.2, effort: 1, weight: 1, target: {name: firm, share: 0.2}}\n",
		"outcome: {production: accelerating, exponent: 3, effort: 0.5, efficacy: progress}\n",
	} {
		t.Run("everything "+out[:40], func(t *testing.T) {
			l, err := scenario.Parse("everything.yaml", []byte(eventScenarios["everything"]+out), t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			check(t, l)
		})
	}
	// A community of action (issue 18): private and public actions
	// (counts of shown ties), actions that do not spread, ladders of both
	// signs (an agent input, the actions done), actions that open and close
	// (a shared input), donations to budgets, organisers (counts of
	// organising ties), skills per group, and impact from the mix.
	t.Run("everything with actions", func(t *testing.T) {
		l, err := scenario.Parse("everything.yaml", []byte(eventScenarios["everything"]+actionsBlock), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		check(t, l)
	})
	// The rules of ties lost and personal efficacy (issue 17): the old
	// ones, whose shares follow removals, and the law that reads one's
	// active ties, on the scenarios that remove agents.
	for _, name := range []string{"everything", "static"} {
		for _, rules := range []string{"tie_loss: renormalise, personal_efficacy: ties", "personal_efficacy: active_ties"} {
			t.Run(name+" "+rules, func(t *testing.T) {
				y := strings.Replace(eventScenarios[name], "\ndecision: {", "\ndecision: {"+rules+", ", 1)
				l, err := scenario.Parse(name+".yaml", []byte(y), t.TempDir())
				if err != nil {
					t.Fatal(err)
				}
				if d := l.Scenario.Decision; d.PersonalEfficacy == scenario.EfficacyJoint {
					t.Fatal("the rules were not set")
				}
				check(t, l)
			})
		}
	}
	for _, f := range shippedScenarios(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			full, err := scenario.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			set := []string{"replicates=1"}
			if testing.Short() {
				set = append(set, fmt.Sprintf("steps=%d", min(full.Scenario.Steps, 40)))
			}
			if full.Scenario.Population.Size > 4000 && full.Scenario.Network.Model != "file" {
				set = append(set, "population.size=4000")
			}
			l, err := scenario.LoadWithSet(f, set)
			if err != nil {
				t.Skipf("capped scenario does not load: %v", err)
			}
			check(t, l)
		})
	}
}

// firstDifference names the first series and step where two observations
// differ.
func firstDifference(a, b *Observations) string { return firstDifferenceTol(a, b, 0) }

// firstDifferenceTol is firstDifference with floating-point values equal
// within relative tolerance tol.
func firstDifferenceTol(a, b *Observations, tol float64) string {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	var walk func(path string, x, y reflect.Value) string
	walk = func(path string, x, y reflect.Value) string {
		switch x.Kind() {
		case reflect.Struct:
			for f := range x.NumField() {
				if s := walk(path+"."+x.Type().Field(f).Name, x.Field(f), y.Field(f)); s != "" {
					return s
				}
			}
		case reflect.Slice:
			for k := range min(x.Len(), y.Len()) {
				if s := walk(fmt.Sprintf("%s[%d]", path, k), x.Index(k), y.Index(k)); s != "" {
					return s
				}
			}
		case reflect.Float64:
			if u, v := x.Float(), y.Float(); math.Abs(u-v) > tol*max(math.Abs(u), math.Abs(v)) {
				return fmt.Sprintf("%s: %v vs %v", path, u, v)
			}
		default:
			if !reflect.DeepEqual(x.Interface(), y.Interface()) {
				return fmt.Sprintf("%s: %v vs %v", path, x.Interface(), y.Interface())
			}
		}
		return ""
	}
	return walk("obs", va, vb)
}

// TestHubs: the histogram selection of remove_hubs picks and orders the
// same agents as sorting everyone by remaining degree (ties by lower id).
func TestHubs(t *testing.T) {
	m := model(t, `
name: hubs
seed: 2
steps: 5
replicates: 1
population: {size: 2000}
network: {model: barabasi_albert, attach: 3}
frames: [{name: f, seeds: 5}]
events:
  - {step: 1, type: remove_random, share: 0.2}
`)
	m.StepOnce() // a fifth removed: remaining degrees now differ from degrees
	for _, n := range []int{0, 1, 7, 50, 333, 1599, 1600, 5000} {
		var want []int32
		for i := range m.Pop.N {
			if !m.ag.Removed(int32(i)) {
				want = append(want, int32(i))
			}
		}
		slices.SortStableFunc(want, func(a, b int32) int { return int(m.ag.AliveDeg(b) - m.ag.AliveDeg(a)) })
		want = want[:min(n, len(want))]
		got := m.hubs(n)
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("hubs(%d) = %v…, want %v…", n, got[:min(5, len(got))], want[:min(5, len(want))])
		}
	}
}

// recount checks the step's observed counts, kept as agents change, against
// a count over every agent (and attention to rounding).
func recount(t *testing.T, m *Model) {
	t.Helper()
	G := len(m.obs.Groups)
	aware, active, members, alive, ever := make([]int64, G), make([]int64, G), make([]int64, G), make([]int64, G), make([]int64, G)
	att := make([]float64, G)
	awareBy, activeBy := make([]int64, len(m.mechs)), make([]int64, len(m.mechs))
	for n := range m.Pop.N {
		i := int32(n)
		g := m.Pop.Group[i]
		if m.ag.Ever(i) {
			ever[g]++
		}
		if m.ag.Removed(i) {
			continue
		}
		alive[g]++
		att[g] += float64(m.ag.Attention(i))
		if k := m.ag.Held(i); k >= 0 {
			aware[g]++
			awareBy[k]++
			if m.ag.Active(i) {
				active[g]++
				activeBy[k]++
			}
		} else if m.ag.Active(i) {
			t.Fatalf("step %d: agent %d active without a frame", m.t, i)
		}
		if m.ag.Member(i) >= 0 {
			members[g]++
		}
	}
	o, s := m.obs, m.t
	if o.MeanCommitment != nil {
		var sum float64
		var n int64
		for i := range int32(m.Pop.N) {
			if !m.ag.Removed(i) {
				sum += float64(m.ag.Commitment(i))
				n++
			}
		}
		if mean := sum / float64(max(n, 1)); math.Abs(o.MeanCommitment[s]-mean) > 1e-9 {
			t.Fatalf("step %d: mean commitment %v, counted %v", s, o.MeanCommitment[s], mean)
		}
	}
	for g := range G {
		c := &o.Groups[g]
		got := []int64{c.Aware[s], c.Active[s], c.Members[s], c.Alive[s], c.Cumulative[s]}
		want := []int64{aware[g], active[g], members[g], alive[g], ever[g]}
		if !slices.Equal(got, want) {
			t.Fatalf("step %d group %d: aware, active, members, alive, cumulative %v, counted %v", s, g, got, want)
		}
		if mean := att[g] / float64(max(alive[g], 1)); math.Abs(c.MeanAttention[s]-mean) > 1e-9 {
			t.Fatalf("step %d group %d: mean attention %v, counted %v", s, g, c.MeanAttention[s], mean)
		}
	}
	for k := range m.mechs {
		if o.AwareBy[k][s] != awareBy[k] || o.ActiveBy[k][s] != activeBy[k] {
			t.Fatalf("step %d mechanism %s: aware %d active %d, counted %d %d", s, m.mechs[k].name, o.AwareBy[k][s], o.ActiveBy[k][s], awareBy[k], activeBy[k])
		}
	}
	// The counts of active (shown) and organising ties the decisions
	// read, kept as activity changes, against a count over the ties.
	for n := range m.Pop.N {
		i := int32(n)
		if m.ag.Removed(i) {
			continue
		}
		var shown, organising int32
		for _, j := range m.Net.Neighbours(i) {
			if m.ag.Shown(j) {
				shown++
			}
			if m.ag.Organising(j) {
				organising++
			}
		}
		if m.ag.ActiveNbr(i) != shown || m.ag.OrgNbr(i) != organising {
			t.Fatalf("step %d agent %d: active and organising ties %d %d, counted %d %d", s, i, m.ag.ActiveNbr(i), m.ag.OrgNbr(i), shown, organising)
		}
	}
	if m.acts == nil {
		return
	}
	acting, role, did := make([]int64, len(m.acts)), make([]int64, len(m.acts)), make([]int64, len(m.acts))
	for n := range m.Pop.N {
		i := int32(n)
		if m.ag.Active(i) {
			acting[m.ag.Act(i)]++
			role[m.Pop.Role[i]]++
		}
		for a := range m.acts {
			if m.ag.Did(i)&(1<<a) != 0 {
				did[a]++
			}
		}
	}
	for a := range m.acts {
		if o.ActingBy[a][s] != acting[a] || o.RoleBy[a][s] != role[a] || o.DidBy[a][s] != did[a] {
			t.Fatalf("step %d action %s: doing, role, did %d %d %d, counted %d %d %d", s, m.acts[a].name,
				o.ActingBy[a][s], o.RoleBy[a][s], o.DidBy[a][s], acting[a], role[a], did[a])
		}
	}
}
