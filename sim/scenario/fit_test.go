package scenario

import (
	"strings"
	"testing"
)

// fitBase is a valid scenario with a fit; the cases below change its fit
// section (the last lines).
const fitBase = "name: x\nsteps: 20\npopulation: {size: 100}\nframes: [{name: f}]\nfit:\n  data: d.csv\n"

// TestFitErrors: mistakes in a fit section are found at load, positioned
// at the field (file:line:col), with what is allowed; like a sweep's.
func TestFitErrors(t *testing.T) {
	p := "  parameters:\n    - "
	for _, tc := range []struct{ name, fit, want string }{
		{"unknown key", p + "{path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n  particels: 10\n",
			`s.yaml:9:3: fit: unknown key "particels" (did you mean "particles"?)`},
		{"no parameters", "  particles: 10\n", `s.yaml:6:3: fit.parameters: required: the fields to fit`},
		{"unknown prior", p + "{path: frames.0.share, prior: {dist: unifrom, min: 0, max: 1}}\n",
			`s.yaml:8:44: fit.parameters[0].prior.dist: unknown prior "unifrom" (did you mean "uniform"?)`},
		{"prior above the field's range", p + "{path: frames.0.share, prior: {dist: uniform, min: 0.1, max: 1.5}}\n",
			`s.yaml:8:68: fit.parameters[0].prior.max: 1.5 is outside what frames.0.share accepts: 1.5 is out of range (allowed: [0, 1])`},
		{"prior below the field's range", p + "{path: frames.0.half_life, prior: {dist: uniform, min: -1, max: 5}}\n",
			`s.yaml:8:62: fit.parameters[0].prior.min: -1 is outside what frames.0.half_life accepts`},
		{"normal without bounds", p + "{path: frames.0.share, prior: {dist: normal, mean: 0.2, sd: 0.1}}\n",
			`s.yaml:8:37: fit.parameters[0].prior: a normal prior needs min and max (no min)`},
		{"sd on a uniform", p + "{path: frames.0.share, prior: {dist: uniform, min: 0, max: 1, sd: 2}}\n",
			`fit.parameters[0].prior.sd: a uniform prior takes min, max, not sd`},
		{"min not below max", p + "{path: frames.0.share, prior: {dist: uniform, min: 0.5, max: 0.5}}\n",
			`fit.parameters[0].prior.max: 0.5 is not above min 0.5`},
		{"loguniform from 0", p + "{path: frames.0.half_life, prior: {dist: loguniform, min: 0, max: 5}}\n",
			`fit.parameters[0].prior.min: 0 is out of range (allowed: > 0)`},
		{"beta a 0", p + "{path: frames.0.share, prior: {dist: beta, a: 0, b: 2}}\n",
			`fit.parameters[0].prior.a: 0 is out of range (allowed: > 0)`},
		{"integer field", p + "{path: frames.0.seeds, prior: {dist: uniform, min: 1, max: 20}}\n",
			`fit.parameters[0].path: frames.0.seeds holds a whole number`},
		{"unknown field", p + "{path: frames.0.shar, prior: {dist: uniform, min: 0, max: 1}}\n",
			`fit.parameters[0].path: unknown field "shar" (did you mean "share"?)`},
		{"fitted twice", p + "{path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n    - {path: 'frames[0].share', prior: {dist: uniform, min: 0, max: 1}}\n",
			`fit.parameters[1].path: frames[0].share is fitted twice`},
		{"truth outside", p + "{path: frames.0.share, truth: 0.9, prior: {dist: uniform, min: 0, max: 0.5}}\n",
			`fit.parameters[0].truth: 0.9 is outside the prior's support [0, 0.5]`},
		{"alpha 1", p + "{path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n  alpha: 1\n",
			`fit.alpha: 1 is out of range (allowed: (0, 1))`},
		{"alpha keeping one", p + "{path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n  particles: 10\n  alpha: 0.15\n",
			`fit.alpha: keeps 1 of 10 particles`},
		{"unknown series", p + "{path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n  observe: {series: cumulative}\n",
			`fit.observe.series: unknown series "cumulative"`},
		{"series and statistics", p + "{path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n  observe: {series: active_share, statistics: [peak_share]}\n",
			`fit.observe.series: give a series or statistics, not both`},
		{"rmse for statistics", p + "{path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n  observe: {statistics: [peak_share]}\n  distance: rmse\n",
			`fit.distance: unknown distance "rmse" (allowed: standardised)`},
		{"offset after the end", p + "{path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n  observe: {offset: 21}\n",
			`fit.observe.offset: 21 is out of range (allowed: 0..20)`},
		{"scale 0", p + "{path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n  observe: {scale: 0}\n",
			`fit.observe.scale: 0 is out of range (allowed: > 0)`},
	} {
		_, err := Parse("s.yaml", []byte(fitBase+tc.fit), ".")
		if err == nil || !strings.Contains(err.Error(), tc.want) || !IsUserError(err) {
			t.Errorf("%s: got %v\nwant %s", tc.name, err, tc.want)
		}
	}
	// A fit and a sweep, and a fit of several conditions.
	for _, tc := range []struct{ name, extra, want string }{
		{"with a sweep", "sweep: {parameters: [{path: frames.0.width, values: [0.3, 0.5]}]}\n", "fit: a scenario has a fit or a sweep, not both"},
		{"two conditions", "conditions: [{name: a}, {name: b}]\n", "fit: a fit compares one condition with the data, and this scenario has 2"},
	} {
		src := fitBase + p + "{path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n" + tc.extra
		if _, err := Parse("s.yaml", []byte(src), "."); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %s", tc.name, err, tc.want)
		}
	}
}

// TestFitResolved: the fit section's defaults are written out, the
// resolved scenario loads back to the same hash, and a sweep's
// populations is written only when per_point (sweeps keep their hash).
func TestFitResolved(t *testing.T) {
	src := fitBase + "  parameters:\n    - {path: frames.0.share, prior: {dist: beta, a: 2, b: 5}}\n"
	l, err := Parse("s.yaml", []byte(src), ".")
	if err != nil {
		t.Fatal(err)
	}
	r := string(l.Resolved())
	for _, want := range []string{"particles: 200", "alpha: 0.5", "min_acceptance: 0.05", "max_generations: 8", "predictive: 50",
		"distance: rmse", "series: cumulative_share", "name: frames_0_share", "prior: {dist: beta, a: 2, b: 5, min: 0, max: 1}"} {
		if !strings.Contains(r, want) {
			t.Errorf("resolved lacks %q:\n%s", want, r)
		}
	}
	back, err := Parse("r.yaml", l.Resolved(), ".")
	if err != nil {
		t.Fatal(err)
	}
	if back.Hash() != l.Hash() {
		t.Error("the resolved fit scenario does not load back to the same hash")
	}
	g, err := l.FitGeneration(77, [][]float64{{0.1}, {0.2}, {0.3}})
	if err != nil {
		t.Fatal(err)
	}
	gr := string(g.Resolved())
	for _, want := range []string{"seed: 77", "populations: per_point", "values: [0.1, 0.2, 0.3]", "replicates: 1"} {
		if !strings.Contains(gr, want) {
			t.Errorf("generation's scenario lacks %q:\n%s", want, gr)
		}
	}
	if strings.Contains(gr, "fit:") {
		t.Error("a generation's scenario keeps the fit section")
	}
	p, err := g.Plan()
	if err != nil || p.Points() != 3 {
		t.Fatalf("generation plan: %v, %v", p, err)
	}
	sw := "name: x\npopulation: {size: 100}\nframes: [{name: f}]\nsweep: {parameters: [{path: frames.0.width, values: [0.3, 0.5]}]}\n"
	a, _ := Parse("s.yaml", []byte(sw), ".")
	b, err := Parse("s.yaml", []byte(strings.Replace(sw, "]}]}", "]}], populations: shared}", 1)), ".")
	if err != nil || a.Hash() != b.Hash() {
		t.Errorf("populations: shared changes the hash (%v)", err)
	}
	if _, err := Parse("s.yaml", []byte(strings.Replace(sw, "]}]}", "]}], populations: each}", 1)), "."); err == nil || !strings.Contains(err.Error(), `sweep.populations: unknown populations "each"`) {
		t.Errorf("populations: each: %v", err)
	}
}

// fitShares is a valid fit by shares of runs: no data file, two targets.
const fitShares = "name: x\nsteps: 20\npopulation: {size: 100}\nframes: [{name: f}]\nfit:\n" +
	"  parameters:\n    - {path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n" +
	"  observe:\n    replicates: 50\n    shares:\n" +
	"      - {metric: cumulative_share, at_least: 0.01, value: 0.01}\n" +
	"      - {metric: cumulative_share, at_least: 0.1, value: 0.001}\n"

// TestFitSharesErrors: a fit by shares of runs is checked as strictly as
// the rest of the fit section: at load, at the field, with what is
// allowed, and never mixed with a series, statistics or a data file.
func TestFitSharesErrors(t *testing.T) {
	one := func(sh string) string {
		return "name: x\nsteps: 20\npopulation: {size: 100}\nframes: [{name: f}]\nfit:\n" +
			"  parameters:\n    - {path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n" +
			"  observe:\n    replicates: 50\n    shares:\n      - " + sh + "\n"
	}
	for _, tc := range []struct{ name, src, want string }{
		{"one replicate", strings.Replace(fitShares, "replicates: 50", "replicates: 1", 1),
			`s.yaml:9:17: fit.observe.replicates: 1 is out of range (allowed: 2..100000)`},
		{"no replicates", strings.Replace(fitShares, "    replicates: 50\n", "", 1),
			`s.yaml:9:5: fit.observe: required: replicates`},
		{"replicates without shares", fitBase + "  parameters:\n    - {path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n  observe: {replicates: 10}\n",
			`fit.observe.replicates: replicates go with observe.shares`},
		{"share above 1", one("{metric: cumulative_share, at_least: 0.01, value: 1.5}"),
			`s.yaml:11:59: fit.observe.shares[0].value: 1.5 is out of range (allowed: [0, 1])`},
		{"negative share", one("{metric: cumulative_share, at_least: 0.01, value: -0.1}"),
			`fit.observe.shares[0].value: -0.1 is out of range (allowed: [0, 1])`},
		{"no value", one("{metric: cumulative_share, at_least: 0.01}"),
			`s.yaml:11:9: fit.observe.shares[0]: required: value`},
		{"no threshold", one("{metric: cumulative_share, value: 0.01}"),
			`fit.observe.shares[0]: required: at_least`},
		{"infinite threshold", one("{metric: cumulative_share, at_least: .inf, value: 0.01}"),
			`s.yaml:11:46: fit.observe.shares[0].at_least: expected a finite number, got .inf`},
		{"share threshold above 1", one("{metric: cumulative_share, at_least: 10000, value: 0.01}"),
			`fit.observe.shares[0].at_least: 10000 is out of range (allowed: (0, 1]): cumulative_share is a share of the population`},
		{"share threshold 0", one("{metric: peak_share, at_least: 0, value: 0.01}"),
			`fit.observe.shares[0].at_least: 0 is out of range (allowed: (0, 1]): peak_share is a share of the population`},
		{"no metric", one("{at_least: 0.01, value: 0.01}"),
			`fit.observe.shares[0]: required: metric`},
		{"unknown metric", one("{metric: cumulative, at_least: 0.01, value: 0.01}"),
			`fit.observe.shares[0].metric: unknown metric "cumulative" (allowed: peak_share,`},
		{"twice", strings.Replace(fitShares, "at_least: 0.1,", "at_least: 0.01,", 1),
			`fit.observe.shares[1]: cumulative_share at_least 0.01 is already observed by fit.observe.shares[0]`},
		{"with data", strings.Replace(fitShares, "fit:\n", "fit:\n  data: d.csv\n", 1),
			`s.yaml:6:9: fit.data: a fit by shares of runs takes its targets from observe.shares[].value, not a data file`},
		{"with a series", strings.Replace(fitShares, "    replicates: 50\n", "    replicates: 50\n    series: active_share\n", 1),
			`fit.observe.series: a fit by shares of runs takes no series`},
		{"with statistics", strings.Replace(fitShares, "    replicates: 50\n", "    replicates: 50\n    statistics: [peak_share]\n", 1),
			`fit.observe.statistics: a fit by shares of runs takes no statistics`},
		{"with a scale", strings.Replace(fitShares, "    replicates: 50\n", "    replicates: 50\n    scale: 1000\n", 1),
			`fit.observe.scale: a fit by shares of runs takes no scale`},
		{"rmse", fitShares + "  distance: rmse\n",
			`fit.distance: unknown distance "rmse" (allowed: arcsine)`},
	} {
		_, err := Parse("s.yaml", []byte(tc.src), ".")
		if err == nil || !strings.Contains(err.Error(), tc.want) || !IsUserError(err) {
			t.Errorf("%s: got %v\nwant %s", tc.name, err, tc.want)
		}
	}
}

// TestFitSharesResolved: a fit by shares of runs writes its replicates,
// shares and distance (and none of a series' keys) and loads back to the
// same hash; its generations run observe.replicates runs a point. A fit
// without shares writes neither key, so existing fits keep their hash.
func TestFitSharesResolved(t *testing.T) {
	l, err := Parse("s.yaml", []byte(fitShares), ".")
	if err != nil {
		t.Fatal(err)
	}
	r := string(l.Resolved())
	for _, want := range []string{"replicates: 50", "distance: arcsine", "metric: cumulative_share", "at_least: 0.1", "value: 0.001"} {
		if !strings.Contains(r, want) {
			t.Errorf("resolved lacks %q:\n%s", want, r)
		}
	}
	for _, not := range []string{"series:", "scale:", "time:", "steps_per_unit:", "offset:", "data:"} {
		if strings.Contains(r, not) {
			t.Errorf("resolved has %q:\n%s", not, r)
		}
	}
	back, err := Parse("r.yaml", l.Resolved(), ".")
	if err != nil {
		t.Fatal(err)
	}
	if back.Hash() != l.Hash() {
		t.Error("the resolved shares fit does not load back to the same hash")
	}
	g, err := l.FitGeneration(3, [][]float64{{0.1}, {0.2}})
	if err != nil {
		t.Fatal(err)
	}
	if gr := string(g.Resolved()); !strings.Contains(gr, "replicates: 50") {
		t.Errorf("generation's scenario does not run 50 replicates a point:\n%s", gr)
	}
	plain, err := Parse("s.yaml", []byte(fitBase+"  parameters:\n    - {path: frames.0.share, prior: {dist: uniform, min: 0, max: 1}}\n"), ".")
	if err != nil {
		t.Fatal(err)
	}
	if r := string(plain.Resolved()); strings.Contains(r, "shares") || strings.Contains(r, "    replicates") {
		t.Errorf("a series fit writes the shares' keys:\n%s", r)
	}
}
