package scenario

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const sweepBase = `name: sw
population: {size: 300}
frames: [{name: tag}]
`

func TestPlanFactorial(t *testing.T) {
	l, err := Parse("s.yaml", []byte(sweepBase+`
sweep:
  replicates: 4
  parameters:
    - {path: population.size, from: 100, to: 1000, count: 3, scale: log}
    - {path: population.group_count, values: [1, 2, 4]}
  zip:
    - - {path: frames.0.share, values: [0.1, 0.3]}
      - {path: frames.0.half_life, name: hl, values: [6, 2]}
`), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p, err := l.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if p.Points() != 3*3*2 || p.Replicates != 4 || p.Runs() != 72 {
		t.Fatalf("points %d replicates %d runs %d", p.Points(), p.Replicates, p.Runs())
	}
	wantNames := []string{"population_size", "population_group_count", "frames_0_share", "hl"}
	if !slices.Equal(p.Names, wantNames) {
		t.Errorf("names %v, want %v", p.Names, wantNames)
	}
	// First factor slowest, the zip group fastest; log range rounded to
	// whole agents.
	for i, want := range map[int]string{
		0:  "100 1 0.1 6",
		1:  "100 1 0.3 2",
		2:  "100 2 0.1 6",
		6:  "316 1 0.1 6",
		17: "1000 4 0.3 2",
	} {
		if got := strings.Join(p.Values(i), " "); got != want {
			t.Errorf("point %d: %s, want %s", i, got, want)
		}
	}
	pt, err := p.Point(17)
	if err != nil {
		t.Fatal(err)
	}
	sc := pt.Scenario
	if sc.Population.Size != 1000 || len(sc.Population.Groups) != 4 || sc.Frames[0].Share != 0.3 || sc.Frames[0].HalfLife != 2 || sc.Sweep != nil {
		t.Errorf("point 17 scenario: size %d groups %d share %g half-life %g sweep %v",
			sc.Population.Size, len(sc.Population.Groups), sc.Frames[0].Share, sc.Frames[0].HalfLife, sc.Sweep)
	}
	// Generated groups: equal shares, centres evenly spread over 0.5 around 0.5.
	var centres []float64
	for _, g := range sc.Population.Groups {
		centres = append(centres, g.Centre)
		if math.Abs(g.Share-0.25) > 1e-15 {
			t.Errorf("group %s share %g", g.Name, g.Share)
		}
	}
	if !slices.Equal(centres, []float64{0.25, 0.416666666667, 0.583333333333, 0.75}) {
		t.Errorf("centres %v", centres)
	}
}

func TestPlanRanges(t *testing.T) {
	for _, tc := range []struct {
		param string
		want  string
	}{
		{"{path: frames.0.width, from: 0.1, to: 0.5, step: 0.1}", "0.1 0.2 0.3 0.4 0.5"},
		{"{path: frames.0.width, from: 0.2, to: 0.8, count: 4}", "0.2 0.4 0.6 0.8"},
		{"{path: organisations.0.reach, from: 1, to: 4, count: 7}", "1 2 3 4"},
		{"{path: population.threshold, values: [0.2, {dist: normal, mean: 0.2, sd: 0.1}]}", "0.2 {dist: normal, mean: 0.2, sd: 0.1}"},
	} {
		l, err := Parse("s.yaml", []byte(sweepBase+"organisations: [{name: o}]\nsweep:\n  parameters:\n    - "+tc.param+"\n"), t.TempDir())
		if err != nil {
			t.Errorf("%s: %v", tc.param, err)
			continue
		}
		p, _ := l.Plan()
		var got []string
		for i := range p.Points() {
			got = append(got, p.Values(i)[0])
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %v, want %s", tc.param, got, tc.want)
		}
	}
}

// TestPlanLHS: a Latin hypercube puts exactly one point in each of the n
// equal strata of every parameter.
func TestPlanLHS(t *testing.T) {
	l, err := Parse("s.yaml", []byte(sweepBase+`
sweep:
  sample: {method: lhs, points: 20}
  parameters:
    - {path: frames.0.width, from: 0.1, to: 0.9}
    - {path: frames.0.share, from: 0.01, to: 1, scale: log}
`), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p, _ := l.Plan()
	if p.Points() != 20 {
		t.Fatalf("%d points", p.Points())
	}
	for k, tr := range []func(float64) float64{
		func(x float64) float64 { return (x - 0.1) / 0.8 },
		func(x float64) float64 { return (math.Log(x) - math.Log(0.01)) / -math.Log(0.01) },
	} {
		var strata []int
		for i := range 20 {
			x, _ := strconv.ParseFloat(p.Values(i)[k], 64)
			strata = append(strata, int(tr(x)*20))
		}
		sort.Ints(strata)
		for i, s := range strata {
			if s != i {
				t.Fatalf("parameter %d: strata %v, want each of 0..19 once", k, strata)
			}
		}
	}
	// The design is a function of the scenario seed.
	l2, _ := Parse("s.yaml", []byte(strings.Replace(string(l.Raw), "name: sw", "name: sw\nseed: 2", 1)), t.TempDir())
	p2, _ := l2.Plan()
	if slices.Equal(p.Values(0), p2.Values(0)) {
		t.Error("another seed gave the same design")
	}
}

func TestPlanErrors(t *testing.T) {
	for _, tc := range []struct{ sweep, want string }{
		{"  parameters:\n    - {path: population.sise, values: [1]}", `s.yaml:6:14: sweep.parameters[0].path: unknown field "sise" (did you mean "size"?)`},
		{"  parameters:\n    - {path: name, values: [a]}", `sweep.parameters[0].path: name cannot be swept`},
		{"  parameters:\n    - {path: population.size, values: [100, -5]}", `s.yaml:6:45: sweep.parameters[0].values[1]: population.size=-5: -5 is out of range`},
		{"  parameters:\n    - {path: population.size, values: [100], from: 1, to: 2, step: 1}", `give either values or a range`},
		{"  parameters:\n    - {path: frames.0.width, from: 0, to: 1, count: 3, scale: log}", `a log scale needs from > 0`},
		{"  zip:\n    - - {path: frames.0.width, values: [0.1, 0.2]}\n      - {path: frames.0.share, values: [0.1]}", `1 values, but sweep.zip[0][0] has 2`},
		{"  sample: {method: lhs, points: 5}\n  parameters:\n    - {path: frames.0.width, values: [0.1]}", `a sampled design needs bounds`},
		{"  parameters: []", `sweep: no parameters to vary`},
		{"  parameters:\n    - {path: frames.0.width, values: [0.1]}\n    - {path: frames.0.width, values: [0.2]}", `column "frames_0_width" is already used`},
		// A parameter named like a column of runs.csv would write it twice.
		{"  parameters:\n    - {path: frames.0.half_life, name: half_life, values: [2]}", `s.yaml:6:40: sweep.parameters[0].name: column "half_life" is already a column of runs.csv`},
		// Labels are one line of at most 80 characters.
		{"  parameters:\n    - {path: frames.0.width, label: \"" + strings.Repeat("w", 81) + "\", values: [0.1]}", `sweep.parameters[0].label: 81 characters, at most 80 allowed`},
		{"  zip:\n    - - {path: frames.0.width, label: \"Width\\nof the frame\", values: [0.1]}", `sweep.zip[0][0].label: control character U+000A; a label is one line of text`},
		// A value that breaks a rule on another field names that field.
		{"  parameters:\n    - {path: steps, values: [100, 10]}\nevents: [{step: 50, type: media_shock, share: 0.1, mechanism: tag}]",
			`s.yaml:6:35: sweep.parameters[0].values[1]: steps=10: events[0].step: 50 is after the last step 10 (allowed: 0..10)`},
		// Values valid alone but not together, at a corner of the design.
		{"  parameters:\n    - {path: population.size, values: [20, 300]}\n    - {path: network.mean_degree, values: [5, 30]}",
			`s.yaml:5:3: sweep: the point (population.size=20, network.mean_degree=30) is invalid: network.mean_degree: mean_degree 30 must be < population.size 20`},
		{"  zip:\n    - - {path: population.size, values: [300, 100, 20]}\n      - {path: network.mean_degree, values: [5, 10, 30]}",
			`s.yaml:5:3: sweep: the point (population.size=20, network.mean_degree=30) is invalid: network.mean_degree: mean_degree 30 must be < population.size 20`},
		{"  sample: {method: lhs, points: 5}\n  parameters:\n    - {path: population.size, from: 20, to: 300}\n    - {path: network.mean_degree, from: 5, to: 30}",
			`s.yaml:5:3: sweep: the corner of the sampled ranges (population.size=20, network.mean_degree=30) is invalid: network.mean_degree: mean_degree 30 must be < population.size 20`},
	} {
		_, err := Parse("s.yaml", []byte(sweepBase+"sweep:\n"+tc.sweep+"\n"), t.TempDir())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q:\n got %v\nwant %s", tc.sweep, err, tc.want)
		}
		if err != nil && !IsUserError(err) {
			t.Errorf("%q: not a user error: %v", tc.sweep, err)
		}
	}
}

// TestPlanPointError: a bad combination beyond the corners checked when
// the scenario loads (the fifth varying factor is never at its last value
// among the first 16 corners) is reported when its point is built, at the
// sweep section, naming the point's values and the field at fault.
func TestPlanPointError(t *testing.T) {
	l, err := Parse("s.yaml", []byte(sweepBase+`sweep:
  parameters:
    - {path: network.mean_degree, values: [5, 30]}
    - {path: frames.0.share, values: [0.1, 0.2]}
    - {path: frames.0.width, values: [0.3, 0.4]}
    - {path: frames.0.cost, values: [0.01, 0.02]}
    - {path: population.size, values: [300, 20]}
`), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p, err := l.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Point(0); err != nil {
		t.Errorf("point 0: %v", err)
	}
	_, err = p.Point(p.Points() - 1)
	want := `s.yaml:5:3: sweep: point 31 (network.mean_degree=30, frames.0.share=0.2, frames.0.width=0.4, frames.0.cost=0.02, population.size=20) is invalid: network.mean_degree: mean_degree 30 must be < population.size 20`
	if err == nil || err.Error() != want || !IsUserError(err) {
		t.Errorf("last point:\n got %v\nwant %s", err, want)
	}
}

// TestPlanRoundTrip: the resolved scenario keeps its sweep.
func TestPlanRoundTrip(t *testing.T) {
	l, err := Parse("s.yaml", []byte(sweepBase+"sweep:\n  parameters:\n    - {path: population.threshold, values: [0.2, {dist: beta, a: 2, b: 8}]}\n    - {path: frames.0.width, from: 0.1, to: 0.3, step: 0.1}\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	l2, err := Parse("r.yaml", l.Resolved(), t.TempDir())
	if err != nil {
		t.Fatalf("%v\n%s", err, l.Resolved())
	}
	if l.Hash() != l2.Hash() {
		t.Errorf("hash changed on a round trip:\n%s\n%s", l.Resolved(), l2.Resolved())
	}
	p, _ := l2.Plan()
	if p.Points() != 6 || p.Values(3)[0] != "{dist: beta, a: 2, b: 8}" {
		t.Errorf("after a round trip: %d points, %v", p.Points(), p.Values(3))
	}
}

func TestNoSweepPlan(t *testing.T) {
	l, err := Parse("s.yaml", []byte(sweepBase), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p, _ := l.Plan()
	if p.Points() != 1 || len(p.Names) != 0 || p.Runs() != 10 {
		t.Errorf("plan of a scenario without sweep: %d points, %v, %d runs", p.Points(), p.Names, p.Runs())
	}
	if _, err := p.Point(0); err != nil {
		t.Error(err)
	}
}

func TestGroupCountConflicts(t *testing.T) {
	_, err := Parse("s.yaml", []byte("name: g\npopulation:\n  size: 100\n  group_count: 3\n  groups: [{name: a, share: 0.5}, {name: b, share: 0.5}]\nframes: [{name: f}]\n"), t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "population.group_count: 3, but 2 groups are given") {
		t.Errorf("got %v", err)
	}
}

// TestSweepConditionsNotStacked: each condition is applied to the base (and
// to each sweep level) alone, never on top of another condition.
func TestSweepConditionsNotStacked(t *testing.T) {
	_, err := Parse("s.yaml", []byte(`name: compose
population: {size: 100}
frames: [{name: f}]
events: [{step: 1, type: remove_hubs, share: 0.01}]
conditions:
  - {name: a, set: {"events[0].type": set_cost, "events[0].share": null, "events[0].mechanism": f, "events[0].cost": 0.1}}
  - {name: b, set: {"events[0].type": suppress, "events[0].share": null}}
sweep:
  parameters: [{path: population.size, values: [100, 200]}]
`), t.TempDir())
	if err != nil {
		t.Error(err)
	}
}

// TestSweepLabel checks that a label reaches the resolved scenario (which
// the sweep folder keeps and its charts read) and that a sweep without
// labels resolves as before labels existed (no label key, same hash).
func TestSweepLabel(t *testing.T) {
	for _, tc := range []struct {
		param, want string
		absent      bool
	}{
		{`{path: frames.0.width, label: "Frame width", values: [0.1, 0.2]}`, "label: Frame width", false},
		{`{path: frames.0.width, values: [0.1, 0.2]}`, "label:", true},
	} {
		l, err := Parse("s.yaml", []byte(sweepBase+"sweep:\n  parameters:\n    - "+tc.param+"\n"), t.TempDir())
		if err != nil {
			t.Fatalf("%s: %v", tc.param, err)
		}
		if got := strings.Contains(string(l.Resolved()), tc.want); got == tc.absent {
			t.Errorf("%s: resolved scenario contains %q: %v, want %v:\n%s", tc.param, tc.want, got, !tc.absent, l.Resolved())
		}
	}
}

// TestPlanSensitivityDesigns: sample method sobol runs the Saltelli design
// (N base points → N·(k+2) points, blocks A, B, A_B^i) and morris r
// trajectories of k+1 points on the grid, both mapped to the bounds (log
// where asked) and drawn from the scenario seed.
func TestPlanSensitivityDesigns(t *testing.T) {
	const params = `
  parameters:
    - {path: frames.0.width, from: 0.1, to: 0.9}
    - {path: frames.0.share, from: 0.01, to: 1, scale: log}
`
	unit := func(p *Plan, i int) []float64 { // point i back in [0,1]^2
		w, _ := strconv.ParseFloat(p.Values(i)[0], 64)
		s, _ := strconv.ParseFloat(p.Values(i)[1], 64)
		return []float64{(w - 0.1) / 0.8, (math.Log(s) - math.Log(0.01)) / -math.Log(0.01)}
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

	l, err := Parse("s.yaml", []byte(sweepBase+"sweep:\n  sample: {method: sobol, points: 8}"+params), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p, _ := l.Plan()
	const n, k = 8, 2
	if p.Points() != n*(k+2) {
		t.Fatalf("sobol: %d points, want %d", p.Points(), n*(k+2))
	}
	// A_B^i is A with column i from B: row j of block i agrees with A's row j
	// except in column i, where it takes B's.
	for i := range k {
		for j := range n {
			a, b, ab := unit(p, j), unit(p, n+j), unit(p, (2+i)*n+j)
			for c := range k {
				want := a[c]
				if c == i {
					want = b[c]
				}
				if !near(ab[c], want) {
					t.Fatalf("sobol: block A_B^%d row %d column %d = %v, want %v", i, j, c, ab[c], want)
				}
			}
		}
	}

	l, err = Parse("s.yaml", []byte(sweepBase+"sweep:\n  sample: {method: morris, points: 5, levels: 4}"+params), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p, _ = l.Plan()
	if p.Points() != 5*(k+1) {
		t.Fatalf("morris: %d points, want %d", p.Points(), 5*(k+1))
	}
	// Each trajectory moves one parameter at a time by Δ = p/(2(p−1)) = 2/3
	// of the range, on the grid {0, 1/3, 2/3, 1}.
	for r := range 5 {
		for j := range k {
			x, y := unit(p, r*(k+1)+j), unit(p, r*(k+1)+j+1)
			moved := 0
			for c := range k {
				if !near(x[c], y[c]) {
					moved++
					if !near(math.Abs(y[c]-x[c]), 2.0/3) {
						t.Errorf("morris: trajectory %d step %d moves %v, want 2/3", r, j, y[c]-x[c])
					}
				}
				if g := x[c] * 3; !near(g, math.Round(g)) {
					t.Errorf("morris: %v is off the 4-level grid", x[c])
				}
			}
			if moved != 1 {
				t.Errorf("morris: trajectory %d step %d moves %d parameters, want 1", r, j, moved)
			}
		}
	}

	for _, tc := range []struct{ sample, want string }{
		{"{method: sobol, points: 1}", "out of range for sobol"},
		{"{method: sobol, points: 400000}", "more than 1000000"},
		{"{method: morris, points: 3, levels: 3}", "not an even number"},
		{"{method: lhs, points: 3, levels: 4}", "levels is for method morris only"},
		{"{method: halton, points: 3}", "unknown method"},
	} {
		_, err := Parse("s.yaml", []byte(sweepBase+"sweep:\n  sample: "+tc.sample+params), t.TempDir())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("sample %s: %v, want an error with %q", tc.sample, err, tc.want)
		}
	}
}

// TestPlanDesignAccessors: Design and SampleSize name the design, and
// Morris returns, for a morris design only, trajectories whose steps
// (Factor, Sign, Delta) are what Values gives: each step moves the
// parameter Factor by Sign·Delta of its range, and nothing else.
func TestPlanDesignAccessors(t *testing.T) {
	const params = `
  parameters:
    - {path: frames.0.width, from: 0.1, to: 0.9}
    - {path: frames.0.share, from: 0.2, to: 0.6}
`
	for _, tc := range []struct {
		sweep, design string
		size          int
	}{
		{"sweep:\n  sample: {method: sobol, points: 4}" + params, "sobol", 4},
		{"sweep:\n  sample: {method: morris, points: 3}" + params, "morris", 3},
		{"sweep:\n  sample: {method: lhs, points: 5}" + params, "lhs", 5},
		{"sweep:\n  sample: {method: random, points: 6}" + params, "random", 6},
		{"sweep:\n  parameters:\n    - {path: frames.0.width, values: [0.2, 0.4]}\n", "grid", 0},
		{"", "grid", 0},
	} {
		l, err := Parse("s.yaml", []byte(sweepBase+tc.sweep), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		p, err := l.Plan()
		if err != nil {
			t.Fatal(err)
		}
		if p.Design() != tc.design || p.SampleSize() != tc.size || (p.Morris() != nil) != (tc.design == "morris") {
			t.Errorf("%s: design %q, size %d, morris %v; want %q, %d", tc.design, p.Design(), p.SampleSize(), p.Morris() != nil, tc.design, tc.size)
		}
		d := p.Morris()
		if d == nil {
			continue
		}
		if d.K != 2 || d.R != 3 || d.Levels != 4 || d.Points != nil || len(d.Factor) != 6 {
			t.Fatalf("morris design %+v", d)
		}
		ranges := [][2]float64{{0.1, 0.9}, {0.2, 0.6}}
		for s, f := range d.Factor {
			q := s/d.K*(d.K+1) + s%d.K // the step goes from point q to q+1
			a, b := p.Values(q), p.Values(q+1)
			for k := range 2 {
				x, _ := strconv.ParseFloat(a[k], 64)
				y, _ := strconv.ParseFloat(b[k], 64)
				want := 0.0
				if k == f {
					want = d.Sign[s] * d.Delta * (ranges[k][1] - ranges[k][0])
				}
				if math.Abs(y-x-want) > 1e-9 {
					t.Errorf("step %d, parameter %d: moves %v, want %v", s, k, y-x, want)
				}
			}
		}
		d.Factor[0] = 9 // a copy
		if p.Morris().Factor[0] == 9 {
			t.Error("Morris returns the plan's own slices")
		}
	}
}

// TestSweepAlso: a parameter's also fields take its value at every point
// (one input shared by two mechanisms), appear in the resolved scenario
// only when given, and are refused when they name a field that is not
// sweepable, already varied, or of another kind.
func TestSweepAlso(t *testing.T) {
	two := "name: sw\npopulation: {size: 300}\nframes: [{name: tag}, {name: tag2}]\nsweep:\n"
	l, err := Parse("s.yaml", []byte(two+"  sample: {method: lhs, points: 4}\n  parameters:\n    - {path: frames.0.half_life, also: [frames.1.half_life], from: 1, to: 30}\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(l.Resolved()), "also:") {
		t.Errorf("resolved scenario lacks also:\n%s", l.Resolved())
	}
	p, err := l.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Names) != 1 {
		t.Fatalf("columns %v, want one", p.Names)
	}
	for i := range p.Points() {
		pt, err := p.Point(i)
		if err != nil {
			t.Fatal(err)
		}
		f := pt.Scenario.Frames
		if f[0].HalfLife != f[1].HalfLife || strconv.FormatFloat(f[0].HalfLife, 'g', -1, 64) != p.Values(i)[0] {
			t.Errorf("point %d: half-lives %v and %v, design value %s", i, f[0].HalfLife, f[1].HalfLife, p.Values(i)[0])
		}
	}
	for _, tc := range []struct{ sweep, want string }{
		{"  parameters:\n    - {path: frames.0.width, also: [frames.1.widht], values: [0.1]}", `sweep.parameters[0].also[0]: unknown field "widht"`},
		{"  parameters:\n    - {path: frames.0.width, also: [frames.1.width], values: [0.1]}\n    - {path: frames.1.width, values: [0.2]}", `sweep.parameters[1].path: frames.1.width is already varied by sweep.parameters[0].also[0]`},
		{"  parameters:\n    - {path: frames.0.seeds, also: [frames.1.width], values: [1]}", `sweep.parameters[0].also[0]: frames.1.width takes any number, but frames.0.seeds takes whole numbers`},
		{"  parameters:\n    - {path: frames.0.width, also: [common_random_numbers], values: [0.1]}", `sweep.parameters[0].also[0]: `},
		{"  parameters:\n    - {path: frames.0.width, also: [frames.1.width], values: [0.1, 2]}", `sweep.parameters[0].values[1]: frames.0.width=2`},
	} {
		_, err := Parse("s.yaml", []byte(two+tc.sweep+"\n"), t.TempDir())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q:\n got %v\nwant %s", tc.sweep, err, tc.want)
		}
	}
}
