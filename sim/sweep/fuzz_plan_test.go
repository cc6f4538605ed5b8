package sweep

import (
	"fmt"
	"github.com/connact/connact/sim/internal/fuzzguard"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// fuzzBases are the scenarios a fuzzed sweep section is appended to: a
// minimal one, and one with groups, an organisation, conditions and
// events, so that more paths exist and points run several conditions.
var fuzzBases = []string{
	"name: sw\npopulation: {size: 300}\nframes: [{name: tag}]\n",
	`name: sw2
seed: 8
steps: 15
replicates: 3
population:
  size: 300
  groups: [{name: a, share: 0.5, centre: 0.3}, {name: b, share: 0.5, centre: 0.7}]
network: {model: erdos_renyi, mean_degree: 6}
organisations: [{name: union, position: 0.5, tolerance: 0.3, reach: 20, members: 0.05}]
frames: [{name: tag, seeds: 5, share: 0.3, width: 0.4}]
events: [{step: 5, type: media_shock, share: 0.1, mechanism: tag}]
conditions: [{name: collective, mechanisms: [union]}, {name: connective, mechanisms: [tag], set: {frames.0.cost: 0.05}}]
`,
	"name: sw3\nreplicates: 2\npopulation: {size: 50, group_count: 2}\nnetwork: {model: ring, mean_degree: 4}\nframes: [{name: tag}]\norganisations: [{name: union}]\n",
}

// maxCheckedPoints bounds the plans whose points are decoded: a plan may
// have up to 2^31-1 points, and only its counts are checked beyond this.
const maxCheckedPoints = 1_000_000

// checkPlan checks the plan of a scenario that loaded: Plan succeeds
// (Parse has validated the sweep); Points()·Conditions()·Replicates equals
// Runs() without overflow; columns are named once each; a sampled design
// has its points; and, for plans of at most maxCheckedPoints, Values(i)
// has one value per column (the same in a sampled design built again: it
// is a function of the seed), Point(i) is a scenario without sweep, with
// the base's conditions, or a user error, and points outside the plan are
// errors.
func checkPlan(t *testing.T, l *scenario.Loaded) {
	t.Helper()
	p, err := l.Plan()
	if err != nil {
		t.Fatalf("the scenario loaded but its plan fails (user error %v): %v", scenario.IsUserError(err), err)
	}
	points, conds := p.Points(), p.Conditions()
	if points < 1 || conds < 1 || p.Replicates < 1 || conds != len(p.ConditionNames()) {
		t.Fatalf("plan of %d points, %d conditions (%q), %d replicates", points, conds, p.ConditionNames(), p.Replicates)
	}
	runs := new(big.Int).Mul(big.NewInt(int64(points)), big.NewInt(int64(conds)))
	runs.Mul(runs, big.NewInt(int64(p.Replicates)))
	if !runs.IsInt64() || runs.Int64() != p.Runs() {
		t.Fatalf("%d points × %d conditions × %d replicates = %s runs, Runs() = %d", points, conds, p.Replicates, runs, p.Runs())
	}
	if len(p.Names) != len(p.Paths) {
		t.Fatalf("%d names %q for %d paths %q", len(p.Names), p.Names, len(p.Paths), p.Paths)
	}
	for k, name := range p.Names {
		if name == "" || slices.Index(p.Names, name) != k {
			t.Fatalf("column names %q: empty or repeated", p.Names)
		}
	}
	sw := l.Scenario.Sweep
	switch {
	case sw == nil:
		if points != 1 || len(p.Names) != 0 {
			t.Fatalf("no sweep, but %d points and columns %q", points, p.Names)
		}
	case sw.Sample != nil:
		// Random and lhs designs have the points asked for; sobol runs
		// N·(k+2) for N base points and k parameters (Saltelli 2010),
		// morris R·(k+1) for R trajectories.
		want, k := sw.Sample.Points, len(p.Paths)
		switch sw.Sample.Method {
		case scenario.SampleSobol:
			want *= k + 2
		case scenario.SampleMorris:
			want *= k + 1
		}
		if points != want {
			t.Fatalf("a %s sample of %d points and %d parameters gives a plan of %d, want %d", sw.Sample.Method, sw.Sample.Points, k, points, want)
		}
	}
	if points > maxCheckedPoints {
		return
	}
	again := p
	if sw != nil && sw.Sample != nil { // drawn from the seed: the same when built again
		if again, err = l.Plan(); err != nil {
			t.Fatalf("the plan fails when built again: %v", err)
		}
	}
	idx := []int{0, points - 1, points / 2, 1 % points}
	for k := 1; k <= 3; k++ {
		idx = append(idx, int(uint64(k)*2654435761%uint64(points)))
	}
	for _, i := range idx {
		v := p.Values(i)
		if len(v) != len(p.Names) {
			t.Fatalf("point %d has %d values for %d columns", i, len(v), len(p.Names))
		}
		if w := again.Values(i); !slices.Equal(v, w) {
			t.Fatalf("point %d is %q, and %q when the plan is built again", i, v, w)
		}
	}
	for _, i := range idx[:3] {
		pt, err := p.Point(i)
		if err != nil {
			if !scenario.IsUserError(err) {
				t.Fatalf("point %d: not a user error: %v", i, err)
			}
			continue
		}
		if pt == nil || pt.Scenario == nil || pt.Scenario.Sweep != nil {
			t.Fatalf("point %d: no scenario, or one that still has a sweep", i)
		}
		if !slices.Equal(pt.ConditionNames(), p.ConditionNames()) {
			t.Fatalf("point %d has conditions %q, the base %q", i, pt.ConditionNames(), p.ConditionNames())
		}
	}
	for _, i := range []int{-1, points} {
		if _, err := p.Point(i); err == nil {
			t.Fatalf("point %d of a plan of %d points exists", i, points)
		}
	}
}

// parsePlanDoc parses a scenario document and checks its plan.
func parsePlanDoc(t *testing.T, doc string) {
	t.Helper()
	l, err := scenario.Parse("fuzz.yaml", []byte(doc), "testdata")
	if err != nil {
		if !scenario.IsUserError(err) {
			t.Fatalf("not a user error: %v", err)
		}
		return
	}
	checkPlan(t, l)
}

// sweepSection returns the lines of data's top-level sweep: section after
// its "sweep:" line, or "" when it has none.
func sweepSection(data string) string {
	var b strings.Builder
	in := false
	for _, line := range strings.SplitAfter(data, "\n") {
		switch {
		case strings.TrimRight(line, " \r\n") == "sweep:":
			in = true
		case in && line != "" && line[0] != ' ' && line[0] != '#' && strings.TrimSpace(line) != "":
			in = false
		case in:
			b.WriteString(line)
		}
	}
	return b.String()
}

// FuzzPlan appends a fuzzed sweep section to one of fuzzBases, parses it,
// and checks the plan with checkPlan. Seeds are the sweeps of the starter
// scenarios, of testdata/small.yaml and of the scenario package's tests.
func FuzzPlan(f *testing.F) {
	sweeps := []string{
		"",
		"  replicates: 4\n  parameters:\n    - {path: population.size, from: 100, to: 1000, count: 3, scale: log}\n    - {path: population.group_count, values: [1, 2, 4]}\n  zip:\n    - - {path: frames.0.share, values: [0.1, 0.3]}\n      - {path: frames.0.half_life, name: hl, values: [6, 2]}\n",
		"  parameters:\n    - {path: frames.0.width, from: 0.1, to: 0.5, step: 0.1}\n",
		"  parameters:\n    - {path: frames.0.width, from: 0.2, to: 0.8, count: 4}\n",
		"  parameters:\n    - {path: organisations.0.reach, from: 1, to: 4, count: 7}\n",
		"  parameters:\n    - {path: population.threshold, values: [0.2, {dist: normal, mean: 0.2, sd: 0.1}]}\n",
		"  sample: {method: lhs, points: 20}\n  parameters:\n    - {path: frames.0.width, from: 0.1, to: 0.9}\n    - {path: frames.0.share, from: 0.01, to: 1, scale: log}\n",
		"  sample: {method: random, points: 7}\n  parameters:\n    - {path: population.size, from: 10, to: 2000}\n    - {path: seed, from: 1, to: 1e6}\n",
		"  parameters:\n    - {path: population.sise, values: [1]}\n",
		"  parameters:\n    - {path: name, values: [a]}\n",
		"  parameters:\n    - {path: conditions.0.name, values: [a]}\n",
		"  parameters:\n    - {path: population.size, values: [100, -5]}\n",
		"  parameters:\n    - {path: population.size, values: [100], from: 1, to: 2, step: 1}\n",
		"  parameters:\n    - {path: frames.0.width, from: 0, to: 1, count: 3, scale: log}\n",
		"  zip:\n    - - {path: frames.0.width, values: [0.1, 0.2]}\n      - {path: frames.0.share, values: [0.1]}\n",
		"  sample: {method: lhs, points: 5}\n  parameters:\n    - {path: frames.0.width, values: [0.1]}\n",
		"  parameters: []\n",
		"  parameters:\n    - {path: frames.0.width, values: [0.1]}\n    - {path: frames.0.width, values: [0.2]}\n",
		"  metric: members_end_union\n  replicates: 2\n  parameters:\n    - {path: steps, values: [1, 2]}\n    - {path: replicates, name: reps, values: [1, 3]}\n",
		"  metric: nope\n  parameters:\n    - {path: frames, values: [[{name: tag}], [{name: other}]]}\n",
		"  parameters:\n    - {path: network, values: [{model: ring, mean_degree: 2}, {model: complete}]}\n    - {path: outputs.formats, values: [[svg], [png, pdf]]}\n",
		"  parameters:\n    - {path: population.groups.0.share, values: [0.5]}\n    - {path: 'population.groups[1].centre', from: 0, to: 1, step: 0.25}\n",
		"  parameters:\n    - {path: frames.0.half_life, from: 8, to: 1, step: -1}\n    - {path: population.size, from: 1, to: 1e9, count: 4, scale: log}\n",
		"  parameters:\n    - {path: seed, from: 0, to: 1e19, count: 3}\n",
		"  zip:\n    - []\n    - - {path: frames.0.seeds, values: [1, 2]}\n",
		"  sample: {method: grid, points: 0}\n  parameters:\n    - {path: frames.0.width, from: 0.1, to: 0.9, step: 0.1}\n",
	}
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
		if s := sweepSection(string(data)); s != "" {
			sweeps = append(sweeps, s)
		}
	}
	for i, s := range sweeps {
		f.Add(uint8(i), s)
	}
	f.Fuzz(func(t *testing.T, base uint8, sweep string) {
		defer fuzzguard.Start()()
		parsePlanDoc(t, fuzzBases[int(base)%len(fuzzBases)]+"sweep:\n"+sweep)
	})
}

// planPaths are the fields FuzzPlanRange varies: integers, bounded and
// unbounded numbers, a distribution, and fields a sweep may not vary.
var planPaths = []string{"population.size", "frames.0.width", "frames.0.share", "frames.0.half_life",
	"population.group_count", "organisations.0.reach", "network.mean_degree", "seed", "steps",
	"decision.temperature", "population.threshold", "frames.0.seeds", "population.centre_spread",
	"frames[0].cost", "replicates", "name", "organisations.0.nope", "decision.social"}

// yamlNumber writes x as YAML, NaN and infinities included.
func yamlNumber(x float64) string {
	switch {
	case math.IsNaN(x):
		return ".nan"
	case math.IsInf(x, 1):
		return ".inf"
	case math.IsInf(x, -1):
		return "-.inf"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// FuzzPlanRange builds a sweep section from numbers, to reach the edges of
// ranges and sampled designs (steps, counts, log scales, reversed and
// non-finite bounds, integer rounding, zip groups, sample sizes) that text
// mutations rarely produce, and checks the plan like FuzzPlan. kind's bits:
// 0-1 the first parameter's range (step, count, log count, step and
// count), 2 a second parameter with count n2 over the reversed range, 3 the
// two zipped, 4 a sampled design of points points (method by method%3:
// lhs, random, unknown), 5 sweep.replicates, 6 a metric.
func FuzzPlanRange(f *testing.F) {
	f.Add(uint8(0), uint8(0), uint8(1), 0.1, 0.9, 0.1, 0, uint8(2), 3, uint8(0), 0, 0)
	f.Add(uint8(1), uint8(1|4), uint8(0), 100.0, 1000.0, 0.0, 3, uint8(4), 3, uint8(0), 0, 2)
	f.Add(uint8(1), uint8(2|4|8), uint8(0), 10.0, 1e4, 0.0, 5, uint8(5), 5, uint8(0), 0, 0)
	f.Add(uint8(0), uint8(16|4), uint8(1), 0.1, 0.9, 0.0, 0, uint8(2), 0, uint8(0), 20, 0)
	f.Add(uint8(2), uint8(16|2), uint8(7), 1.0, 1e6, 0.0, 0, uint8(0), 0, uint8(1), 5, 0)
	f.Add(uint8(0), uint8(32|64), uint8(8), 1.0, 120.0, 1.0, 0, uint8(0), 0, uint8(0), 0, 4)
	f.Add(uint8(0), uint8(1), uint8(10), 0.0, 0.5, 0.0, 1, uint8(0), 0, uint8(0), 0, 0)
	f.Add(uint8(0), uint8(0), uint8(3), 8.0, 1.0, -1.0, 0, uint8(0), 0, uint8(0), 0, 0)
	f.Add(uint8(1), uint8(3), uint8(5), 1.0, 40.0, 1.0, 4, uint8(0), 0, uint8(0), 0, 0)
	f.Add(uint8(0), uint8(1), uint8(0), math.Inf(-1), math.NaN(), 0.0, 1_000_001, uint8(0), 0, uint8(2), -1, -1)
	f.Fuzz(func(t *testing.T, base, kind, path1 uint8, from, to, step float64, count int, path2 uint8, n2 int, method uint8, points, reps int) {
		defer fuzzguard.Start()()
		var b strings.Builder
		b.WriteString(fuzzBases[int(base)%len(fuzzBases)])
		b.WriteString("sweep:\n")
		if kind&32 != 0 {
			fmt.Fprintf(&b, "  replicates: %d\n", reps)
		}
		if kind&64 != 0 {
			b.WriteString("  metric: " + fuzzMetrics[int(path2)%len(fuzzMetrics)] + "\n")
		}
		sampled := kind&16 != 0
		if sampled {
			fmt.Fprintf(&b, "  sample: {method: %s, points: %d}\n", []string{"lhs", "random", "grid"}[int(method)%3], points)
		}
		param := func(path string, from, to float64, shape uint8, count int) string {
			s := fmt.Sprintf("{path: '%s', from: %s, to: %s", path, yamlNumber(from), yamlNumber(to))
			if !sampled {
				switch shape % 4 {
				case 0:
					s += ", step: " + yamlNumber(step)
				case 1:
					s += fmt.Sprintf(", count: %d", count)
				case 2:
					s += fmt.Sprintf(", count: %d, scale: log", count)
				case 3:
					s += fmt.Sprintf(", step: %s, count: %d", yamlNumber(step), count)
				}
			} else if shape%4 == 2 {
				s += ", scale: log"
			}
			return s + "}"
		}
		// group_count is valid up to 10^4, but every check of a level
		// generates that many groups (about 40µs each), so that one
		// input takes seconds: keep its levels small here (FuzzPlan's
		// text inputs reach the large ones).
		big := func(path string, from, to float64) bool {
			return path == "population.group_count" && !(math.Abs(from) <= 1000 && math.Abs(to) <= 1000)
		}
		path1s, path2s := planPaths[int(path1)%len(planPaths)], planPaths[int(path2)%len(planPaths)]
		if big(path1s, from, to) || kind&4 != 0 && big(path2s, to, from) {
			t.Skip("group_count over 1000")
		}
		p1 := param(path1s, from, to, kind, count)
		var p2 string
		if kind&4 != 0 {
			p2 = param(path2s, to, from, 1, n2)
		}
		switch {
		case p2 != "" && kind&8 != 0:
			fmt.Fprintf(&b, "  zip:\n    - - %s\n      - %s\n", p1, p2)
		case p2 != "":
			fmt.Fprintf(&b, "  parameters:\n    - %s\n    - %s\n", p1, p2)
		default:
			fmt.Fprintf(&b, "  parameters:\n    - %s\n", p1)
		}
		parsePlanDoc(t, b.String())
	})
}

// fuzzMetrics are the metrics for FuzzPlanRange: the known ones, a
// members_end_ one and an unknown one.
var fuzzMetrics = append(slices.Clone(scenario.MetricNames), "members_end_union", "members_end_", "bogus", "")
