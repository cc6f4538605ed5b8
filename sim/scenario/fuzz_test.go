package scenario

import (
	"github.com/connact/connact/sim/internal/fuzzguard"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// fuzzSweeps are sweep sections (from TestPlan*) for the seed corpus.
var fuzzSweeps = []string{
	"  replicates: 4\n  parameters:\n    - {path: population.size, from: 100, to: 1000, count: 3, scale: log}\n    - {path: population.group_count, values: [1, 2, 4]}\n  zip:\n    - - {path: frames.0.share, values: [0.1, 0.3]}\n      - {path: frames.0.half_life, name: hl, values: [6, 2]}\n",
	"  parameters:\n    - {path: frames.0.width, from: 0.1, to: 0.5, step: 0.1}\n",
	"  parameters:\n    - {path: population.threshold, values: [0.2, {dist: beta, a: 2, b: 8}]}\n    - {path: frames[0].width, from: 0.2, to: 0.8, count: 4}\n",
	"  sample: {method: lhs, points: 20}\n  parameters:\n    - {path: frames.0.width, from: 0.1, to: 0.9}\n    - {path: frames.0.share, from: 0.01, to: 1, scale: log}\n",
	"  metric: peak_share\n  sample: {method: random, points: 3}\n  parameters:\n    - {path: population.size, from: 10, to: 20}\n",
	"  zip:\n    - - {path: frames.0.width, values: [0.1, 0.2]}\n      - {path: frames.0.share, values: [0.1]}\n",
	"  parameters:\n    - {path: name, values: [a]}\n",
}

// fuzzSeeds adds the test scenarios, the starter scenarios and a few
// hostile inputs to the corpus.
func fuzzSeeds(f *testing.F) {
	var files []string
	for _, pattern := range []string{"testdata/*.yaml", "../../scenarios/*.yaml", "../../scenarios/*/*.yaml"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "~", "- a", base, base + "---\na: 1\n", "a: &a [*a]\n",
		base + "organisations:\n  - &o {name: a, reach: 5}\n  - {<<: *o, name: b}\n",
		base + "conditions: [{name: c, set: {population.size: 7, description: \"x\\ty\", outputs.formats: [svg]}}]\n",
		"name: x\npopulation: {size: 10, threshold: {dist: empirical, values: [0, 1], draw: sequence}}\nnetwork: {model: ring, mean_degree: 2}\nframes: [{name: f}]\n",
		base + "network: {model: file, file: /dev/null}\n",
		base + "sweep:\n",
		base + "sweep: {parameters: [{path: population.size, values: [1, 2]}]}\n",
	} {
		f.Add([]byte(s))
	}
	for _, s := range fuzzSweeps {
		f.Add([]byte(base + "sweep:\n" + s))
	}
}

// FuzzParse checks that no input makes Parse panic or hang, that every
// error is a user error, and that whatever loads resolves to YAML that
// reads back into the same scenario, has conditions that apply, and has a
// sweep plan (Parse has validated the sweep, so Plan must succeed). Inputs
// are whole scenarios of a few kilobytes, so run it with a short
// -fuzzminimizetime (e.g. 3s): minimising one takes minutes otherwise,
// during which the exec count stands still.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzguard.Start()()
		l, err := Parse("fuzz.yaml", data, "testdata")
		if err != nil {
			if !IsUserError(err) {
				t.Fatalf("not a user error: %v", err)
			}
			return
		}
		roundTrip(t, l)
		checkPlanLoads(t, l)
	})
}

// setBase has a little of everything, so that --set paths into groups,
// distributions, organisations, events, conditions and the sweep exist.
const setBase = `name: x
seed: 3
steps: 20
population:
  size: 100
  groups: [{name: a, share: 0.5}, {name: b, share: 0.5, identity: {dist: beta, a: 2, b: 3}}]
network: {model: erdos_renyi, mean_degree: 4}
organisations: [{name: o, reach: 5}]
frames: [{name: f}]
events: [{step: 3, type: media_shock, share: 0.1, mechanism: f}]
conditions: [{name: c1, mechanisms: [o]}, {name: c2, mechanisms: [f], set: {frames.0.width: 0.4}}]
sweep:
  parameters:
    - {path: frames.0.share, values: [0.1, 0.2]}
`

// FuzzApplySet checks overrides the same way: one or two assignments
// (more is the second, when not empty) applied to a minimal scenario and
// to one with every section. On error the scenario must be left unchanged,
// as ApplySet promises.
func FuzzApplySet(f *testing.F) {
	for _, s := range []string{"population.size=5", "frames[0].width=0.8", "population.threshold={dist: normal, mean: 0.2, sd: 0.05}",
		"outputs.formats=[svg,pdf]", "network.attach=", "population.groups[0].identity.mean=1", "conditions=[{name: a}]",
		"population.groups[1].identity={dist: uniform, min: 0.2, max: 0.4}", "organisations.0.reach=7", "events[0].step=25",
		"conditions[1].set={frames.0.width: 2}", "conditions.0.mechanisms=[f, o]", "sweep=", "sweep.replicates=3",
		"sweep.parameters[0].values=[0.3, 2]", "sweep={sample: {method: lhs, points: 4}, parameters: [{path: frames.0.width, from: 0.1, to: 0.9}]}",
		"frames=[{name: g}]", "population.group_count=3", "population.groups=", "network.file=x.txt", "seed=18446744073709551615"} {
		f.Add(s, "")
	}
	f.Add("population.size=5", "network.mean_degree=6")
	f.Add("organisations=[]", "conditions=")
	f.Add("frames[0].name=g", "events[0].mechanism=g")
	// Parse the bases once: each input gets a deep copy (what ApplySet
	// itself starts from), which is ten times cheaper than parsing.
	var bases []*Loaded
	for _, b := range []string{base, setBase} {
		l, err := Parse("s.yaml", []byte(b), "testdata")
		if err != nil {
			f.Fatal(err)
		}
		bases = append(bases, l)
	}
	f.Fuzz(func(t *testing.T, set, more string) {
		defer fuzzguard.Start()()
		assignments := []string{set}
		if more != "" {
			assignments = append(assignments, more)
		}
		for _, b := range bases {
			l := b.clone()
			if err := ApplySet(l, assignments); err != nil {
				if !IsUserError(err) {
					t.Fatalf("not a user error: %v", err)
				}
				if !reflect.DeepEqual(l.Scenario, b.Scenario) || !maps.Equal(l.pos.flatten(), b.pos.flatten()) {
					t.Fatalf("a failed ApplySet changed the scenario:\n%s\n---\n%s", b.Resolved(), l.Resolved())
				}
				continue
			}
			roundTrip(t, l)
			checkPlanLoads(t, l)
		}
	})
}

func roundTrip(t *testing.T, l *Loaded) {
	t.Helper()
	resolved := l.Resolved()
	back, err := Parse("resolved.yaml", resolved, l.Dir)
	if err != nil {
		t.Fatalf("resolved scenario does not load: %v\n%s", err, resolved)
	}
	if !reflect.DeepEqual(back.Scenario, l.Scenario) {
		t.Fatalf("round trip changed the scenario:\n got %#v\nwant %#v\n%s", back.Scenario, l.Scenario, resolved)
	}
	if again := back.Resolved(); string(again) != string(resolved) {
		t.Fatalf("resolving twice differs:\n%s\n---\n%s", resolved, again)
	}
	for i := range l.ConditionNames() {
		if _, err := l.Condition(i); err != nil {
			t.Fatalf("condition %d of a loaded scenario fails: %v", i, err)
		}
	}
}

// checkPlanLoads checks the plan of a loaded scenario: Parse validated the
// sweep, so Plan succeeds; point 0 has a value per column and is a
// scenario or a user error (sim/sweep's FuzzPlan checks plans in depth).
func checkPlanLoads(t *testing.T, l *Loaded) {
	t.Helper()
	p, err := l.Plan()
	if err != nil {
		t.Fatalf("the scenario loaded but its plan fails: %v", err)
	}
	if p.Points() < 1 || len(p.Names) != len(p.Paths) {
		t.Fatalf("plan of %d points, names %q, paths %q", p.Points(), p.Names, p.Paths)
	}
	if v := p.Values(0); len(v) != len(p.Names) {
		t.Fatalf("point 0 has %d values for %d parameters", len(v), len(p.Names))
	}
	pt, err := p.Point(0)
	if err != nil {
		if !IsUserError(err) {
			t.Fatalf("point 0: not a user error: %v", err)
		}
		return
	}
	if pt.Scenario.Sweep != nil || !slices.Equal(pt.ConditionNames(), p.ConditionNames()) {
		t.Fatalf("point 0: sweep %v, conditions %q, want none and %q", pt.Scenario.Sweep, pt.ConditionNames(), p.ConditionNames())
	}
}
