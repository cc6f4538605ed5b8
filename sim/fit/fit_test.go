package fit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/plot"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
	"github.com/connact/connact/sim/sweep"
	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mat"
)

func ptr(x float64) *float64 { return &x }

// TestPriors: each family's density integrates to 1 over its support
// (in z, the kernel's space), and its draws stay in the support with the
// mean the density gives (within 4 standard errors of 20,000 draws).
func TestPriors(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    scenario.Prior
	}{
		{"uniform", scenario.Prior{Dist: "uniform", Min: ptr(0.1), Max: ptr(0.7)}},
		{"loguniform", scenario.Prior{Dist: "loguniform", Min: ptr(1), Max: ptr(20)}},
		{"normal", scenario.Prior{Dist: "normal", Mean: 0.3, SD: 0.2, Min: ptr(0), Max: ptr(1)}},
		{"beta", scenario.Prior{Dist: "beta", A: 2, B: 5, Min: ptr(0), Max: ptr(1)}},
		{"beta-stretched", scenario.Prior{Dist: "beta", A: 3, B: 3, Min: ptr(2), Max: ptr(6)}},
	} {
		pr := newPrior(tc.p)
		mass := quad.Fixed(func(z float64) float64 { return math.Exp(pr.logDensity(z)) }, pr.zlo, pr.zhi, 2000, nil, 0)
		if math.Abs(mass-1) > 1e-3 {
			t.Errorf("%s: density integrates to %v, want 1", tc.name, mass)
		}
		mean := quad.Fixed(func(z float64) float64 { return z * math.Exp(pr.logDensity(z)) }, pr.zlo, pr.zhi, 2000, nil, 0)
		sd := math.Sqrt(quad.Fixed(func(z float64) float64 { return (z - mean) * (z - mean) * math.Exp(pr.logDensity(z)) }, pr.zlo, pr.zhi, 2000, nil, 0))
		rnd := rand.New(rand.NewPCG(1, 2))
		const n = 20000
		var s float64
		for range n {
			z := pr.sample(rnd)
			if !pr.inSupport(z) {
				t.Fatalf("%s: draw %v outside [%v, %v]", tc.name, z, pr.zlo, pr.zhi)
			}
			s += z
		}
		if got := s / n; math.Abs(got-mean) > 4*sd/math.Sqrt(n) {
			t.Errorf("%s: mean of draws %v, density's %v (sd %v)", tc.name, got, mean, sd)
		}
	}
}

// TestKernel: the perturbation kernel's density is the
// bivariate normal of covariance 2× the weighted covariance (Beaumont et al. 2009).
func TestKernel(t *testing.T) {
	priors := []prior{newPrior(scenario.Prior{Dist: "uniform", Min: ptr(0), Max: ptr(1)}), newPrior(scenario.Prior{Dist: "uniform", Min: ptr(0), Max: ptr(1)})}
	rnd := rand.New(rand.NewPCG(3, 4))
	var ps []*particle
	for range 50 {
		x := rnd.Float64()
		ps = append(ps, &particle{z: []float64{x, 0.5*x + 0.2*rnd.Float64()}, weight: 0.5 + rnd.Float64()})
	}
	kn, err := newKernel(ps, priors)
	if err != nil {
		t.Fatal(err)
	}
	ws := weightsOf(ps)
	var m [2]float64
	for i, p := range ps {
		m[0] += ws[i] * p.z[0]
		m[1] += ws[i] * p.z[1]
	}
	cov := mat.NewSymDense(2, nil)
	for a := range 2 {
		for b := a; b < 2; b++ {
			var c float64
			for i, p := range ps {
				c += ws[i] * (p.z[a] - m[a]) * (p.z[b] - m[b])
			}
			cov.SetSym(a, b, 2*c)
		}
	}
	var inv mat.Dense
	if err := inv.Inverse(cov); err != nil {
		t.Fatal(err)
	}
	det := mat.Det(cov)
	for _, x := range [][]float64{{0, 0}, {0.1, -0.05}, {-0.3, 0.2}} {
		v := mat.NewVecDense(2, x)
		want := -math.Log(2*math.Pi) - math.Log(det)/2 - mat.Inner(v, &inv, v)/2 // ln of the bivariate normal density
		if got := kn.logDensity(x); math.Abs(got-want) > 1e-9 {
			t.Errorf("log density at %v: %v, want %v", x, got, want)
		}
	}
}

// TestImportanceWeights: for a population that is a sample of the prior
// with equal weights, the weights of new proposals, π/q, average to 1 over
// many proposals (E_q[π/q] = 1, the identity importance sampling rests
// on), within 3%.
func TestImportanceWeights(t *testing.T) {
	priors := []prior{newPrior(scenario.Prior{Dist: "uniform", Min: ptr(0), Max: ptr(1)})}
	rnd := rand.New(rand.NewPCG(5, 6))
	var ps []*particle
	for range 200 {
		ps = append(ps, &particle{z: []float64{priors[0].sample(rnd)}, weight: 1})
	}
	kn, err := newKernel(ps, priors)
	if err != nil {
		t.Fatal(err)
	}
	// Draw from the kernel mixture without truncation: q is then the
	// mixture density itself, and E_q[π/q] = ∫π = 1 (π is 0 outside).
	const n = 20000
	var s float64
	for range n {
		j := rnd.IntN(len(ps))
		z := kn.perturb(ps[j].z, rnd)
		if priors[0].inSupport(z[0]) {
			s += importanceWeight(z, ps, kn, priors)
		}
	}
	if got := s / n; math.Abs(got-1) > 0.03 {
		t.Errorf("mean importance weight %v, want 1", got)
	}
}

// TestKeepBest: the tolerance is the distance of the last kept particle,
// NaN counts as +Inf, and ties go to the earlier generation and point.
func TestKeepBest(t *testing.T) {
	ps := []*particle{{dist: 3, point: 0}, {dist: math.NaN(), point: 1}, {dist: 1, point: 2}, {dist: 1, generation: 1, point: 0}, {dist: 2, point: 3}}
	kept, eps := keepBest(ps, 3)
	if eps != 2 || kept[0].point != 2 || kept[1].generation != 1 || kept[2].point != 3 {
		t.Errorf("kept %+v %+v %+v, tolerance %v", *kept[0], *kept[1], *kept[2], eps)
	}
}

// runFit runs the small fit into dir with workers, and returns the fit's
// report.
func runFit(t *testing.T, dir string, workers int, set ...string) *Report {
	t.Helper()
	l, err := scenario.LoadWithSet("testdata/small.yaml", set)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), l, Options{Dir: dir, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// fitFiles are the files whose bytes a fit must reproduce.
var fitFiles = []string{PosteriorFile, SummaryFile, GenerationsFile, PredictiveFile, ManifestFile, ScenarioFile,
	"posterior_predictive.svg", "posterior_marginal_frames_0_share.svg",
	filepath.Join(GenerationDir(0), "runs.csv"), filepath.Join(GenerationDir(2), "point_timeseries.csv"), filepath.Join(PredictiveDir, "runs.csv")}

func sameFit(t *testing.T, a, b string) {
	t.Helper()
	for _, f := range fitFiles {
		x, err1 := os.ReadFile(filepath.Join(a, f))
		y, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s (%v, %v)", f, a, b, err1, err2)
		}
	}
}

// TestDeterministic: the same scenario and seed give the same bytes with
// 1 and 3 workers; another seed gives another posterior.
func TestDeterministic(t *testing.T) {
	base := t.TempDir()
	rep := runFit(t, filepath.Join(base, "w1"), 1)
	runFit(t, filepath.Join(base, "w3"), 3)
	sameFit(t, filepath.Join(base, "w1"), filepath.Join(base, "w3"))
	if len(rep.Generations) != 3 || rep.Particles != 20 || rep.Runs != 40+20+20+12 {
		t.Errorf("%d generations, %d particles, %d runs; want 3, 20 and 92", len(rep.Generations), rep.Particles, rep.Runs)
	}
	// Tolerances shrink (or stay) from generation to generation: the
	// population kept is the best of the old and the new.
	for g := 1; g < len(rep.Generations); g++ {
		if rep.Generations[g].Tolerance > rep.Generations[g-1].Tolerance {
			t.Errorf("generation %d: tolerance %v above the previous %v", g, rep.Generations[g].Tolerance, rep.Generations[g-1].Tolerance)
		}
	}
	runFit(t, filepath.Join(base, "seed"), 2, "seed=6")
	a, _ := os.ReadFile(filepath.Join(base, "w1", PosteriorFile))
	b, _ := os.ReadFile(filepath.Join(base, "seed", PosteriorFile))
	if bytes.Equal(a, b) {
		t.Error("seeds 5 and 6 gave the same posterior")
	}
}

// stopHalfway runs a fit with opt and stops it halfway through its
// generation 1 (checkpointing every run), as Ctrl-C would.
func stopHalfway(t *testing.T, l *scenario.Loaded, opt Options) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	gens := 0
	opt.CheckpointEvery = 1
	opt.Generation = func(Generation) { gens++ }
	opt.Progress = func(done, total int) {
		if gens == 1 && done == total/2 {
			cancel()
		}
	}
	if _, err := Run(ctx, l, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped fit: %v, want context.Canceled", err)
	}
}

// TestResume: a fit stopped in its second generation and resumed ends
// byte-identical to an uninterrupted one; so does resuming a complete
// fit, and a resumed fit of another scenario or data is refused.
func TestResume(t *testing.T) {
	base := t.TempDir()
	whole := filepath.Join(base, "whole")
	runFit(t, whole, 2)
	dir := filepath.Join(base, "stopped")
	l, err := scenario.Load("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	stopHalfway(t, l, Options{Dir: dir, Workers: 2})
	if _, err := os.Stat(filepath.Join(dir, PosteriorFile)); err == nil {
		t.Fatal("a stopped fit wrote its posterior")
	}
	if _, err := Run(context.Background(), l, Options{Dir: dir, Workers: 1}); err == nil {
		t.Error("a second fit into the folder without --resume or --force was not refused")
	}
	rep, err := Run(context.Background(), l, Options{Dir: dir, Workers: 1, Resume: true})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Resumed {
		t.Error("report does not say resumed")
	}
	sameFit(t, whole, dir)
	if _, err := Run(context.Background(), l, Options{Dir: dir, Workers: 1, Resume: true}); err != nil {
		t.Errorf("resuming a complete fit: %v", err)
	}
	sameFit(t, whole, dir)
	other, err := scenario.LoadWithSet("testdata/small.yaml", []string{"fit.particles=50"})
	if err != nil {
		t.Fatal(err)
	}
	var re *ResumeError
	if _, err := Run(context.Background(), other, Options{Dir: dir, Resume: true}); !errors.As(err, &re) || !strings.Contains(err.Error(), "another scenario") {
		t.Errorf("resume with another scenario: %v", err)
	}
	// --force replaces the fit, its generations included.
	if _, err := Run(context.Background(), other, Options{Dir: dir, Force: true, Formats: []string{}}); err != nil {
		t.Errorf("--force over a fit folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "posterior_predictive.svg")); err == nil {
		t.Error("--force kept a chart of the old fit")
	}
	noLeftovers(t, base)
}

// TestForceKeepsUsersFiles: a fit folder holding a file of the user's,
// at the top or in a generation, is not replaced, and the file is kept.
func TestForceKeepsUsersFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fit")
	runFit(t, dir, 2)
	for _, where := range []string{"notes.txt", filepath.Join(GenerationDir(1), "notes.txt")} {
		p := filepath.Join(dir, where)
		if err := os.WriteFile(p, []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		l, _ := scenario.Load("testdata/small.yaml")
		_, err := Run(context.Background(), l, Options{Dir: dir, Force: true})
		var re *output.RefusedError
		if !errors.As(err, &re) {
			t.Errorf("%s: --force gave %v, want a refusal", where, err)
		}
		if b, err := os.ReadFile(p); err != nil || string(b) != "mine" {
			t.Errorf("%s: the user's file is gone or changed", where)
		}
		os.Remove(p)
	}
}

// TestOwnedNames: package output, which decides what --force may remove,
// knows every file a fit folder holds.
func TestOwnedNames(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{ManifestFile, PosteriorFile, SummaryFile, GenerationsFile, PredictiveFile, ScenarioFile,
		ManifestFile + ".tmp", PosteriorFile + ".tmp", SummaryFile + ".tmp", GenerationsFile + ".tmp", PredictiveFile + ".tmp"} {
		if !output.IsOwned(dir, name) {
			t.Errorf("%s: not a file connact writes, says package output", name)
		}
	}
}

// TestReadDataErrors: mistakes in the data file are scenario mistakes at
// fit.data, with the data file's own line.
func TestReadDataErrors(t *testing.T) {
	dir := t.TempDir()
	scen, err := os.ReadFile("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, data, want string }{
		{"empty", "", "d.csv is empty"},
		{"no column", "day,count\n0,5\n", `d.csv:1: no column "signatures"`},
		{"not a number", "day,signatures\n0,5\n1,many\n", `d.csv:3: signatures: "many" is not a finite number`},
		{"NaN", "day,signatures\n0,NaN\n", `d.csv:2: signatures: "NaN" is not a finite number`},
		{"between steps", "day,signatures\n0.5,5\n", "d.csv:2: day 0.5 is step 0.5"},
		{"after the end", "day,signatures\n21,5\n", "not a whole step in 0..20"},
		{"twice", "day,signatures\n1,5\n1,6\n", "d.csv:3: step 1 is observed twice (first at line 2)"},
		{"short row", "day,x,signatures\n1,5\n", "d.csv:2: 2 fields"},
		{"quote", "day,signatures\n1,\"5\n", "d.csv:2"},
		{"header only", "day,signatures\n", "a header but no observation"},
		{"missing file", "-", "d.csv: no such file"},
	} {
		sub := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
		os.MkdirAll(sub, 0o755)
		os.WriteFile(filepath.Join(sub, "s.yaml"), bytes.Replace(scen, []byte("data: small-signatures.csv"), []byte("data: d.csv"), 1), 0o644)
		if tc.data != "-" {
			os.WriteFile(filepath.Join(sub, "d.csv"), []byte(tc.data), 0o644)
		}
		l, err := scenario.Load(filepath.Join(sub, "s.yaml"))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		_, err = ReadData(l)
		if err == nil || !scenario.IsUserError(err) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "fit.data") {
			t.Errorf("%s: %v, want a scenario error at fit.data containing %q", tc.name, err, tc.want)
		}
	}
}

// TestSyntheticDataFile: the test's data file is what Synthetic makes at
// the truth with seed 99, as its comment says (as counts, rounded: shares
// × 300 people).
func TestSyntheticDataFile(t *testing.T) {
	l, err := scenario.Load("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Synthetic(l, []float64{0.2, 3}, 99)
	if err != nil {
		t.Fatal(err)
	}
	file, err := ReadData(l)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Values) != len(file.Values) {
		t.Fatalf("%d values, the file has %d", len(d.Values), len(file.Values))
	}
	for k := range d.Values {
		if math.Round(d.Values[k]) != file.Values[k] || d.Steps[k] != file.Steps[k] {
			t.Errorf("step %d: synthetic %v, file %v", d.Steps[k], d.Values[k], file.Values[k])
		}
	}
}

// TestGenerationIsASweep: a generation's folder is an ordinary sweep
// folder: its scenario.yaml, run as two shards and merged, gives the
// generation's tables byte for byte, and a fit resumed over the merged
// folder ends as the fit did (the way to run a generation on a cluster).
func TestGenerationIsASweep(t *testing.T) {
	base := t.TempDir()
	whole := filepath.Join(base, "whole")
	runFit(t, whole, 2)
	gen := filepath.Join(whole, GenerationDir(1))
	l, err := scenario.Load(filepath.Join(gen, ScenarioFile))
	if err != nil {
		t.Fatal(err)
	}
	var shards []string
	for i := range 2 {
		st, err := runner.NewSweepStudy(l)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(base, fmt.Sprintf("shard-%d", i))
		if _, err := sweep.Run(context.Background(), st, sweep.Options{Dir: dir, Workers: 1, Shard: sweep.Shard{Index: i, Count: 2}, Formats: []string{}}); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, dir)
	}
	// The fit again, its generation 1 replaced by the merged shards.
	again := filepath.Join(base, "again")
	runFit(t, again, 2)
	os.RemoveAll(filepath.Join(again, GenerationDir(1)))
	if _, err := sweep.Merge(shards, filepath.Join(again, GenerationDir(1)), false, []string{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{sweep.RunsFile, sweep.TimeseriesFile} {
		a, _ := os.ReadFile(filepath.Join(gen, f))
		b, _ := os.ReadFile(filepath.Join(again, GenerationDir(1), f))
		if !bytes.Equal(a, b) || len(a) == 0 {
			t.Errorf("%s of the merged shards differs from the generation's", f)
		}
	}
	l0, _ := scenario.Load("testdata/small.yaml")
	if _, err := Run(context.Background(), l0, Options{Dir: again, Workers: 2, Resume: true}); err != nil {
		t.Fatal(err)
	}
	sameFit(t, whole, again)
}

// TestChartsLayout: every chart a fit draws passes the layout checker of
// sim/plot (no legend over data, no text over text or off the page), and
// there is one marginal per parameter, one pairs chart per pair and the
// predictive check.
func TestChartsLayout(t *testing.T) {
	var names []string
	drawn = func(name string, c any) {
		names = append(names, name)
		problems, err := plot.CheckLayout(c)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", name, p)
		}
	}
	defer func() { drawn = nil }()
	runFit(t, filepath.Join(t.TempDir(), "fit"), 2)
	want := []string{"posterior_marginal_frames_0_share", "posterior_marginal_frames_0_half_life", "posterior_pair_frames_0_share_vs_frames_0_half_life", "posterior_predictive"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("charts %v, want %v", names, want)
	}
}

// TestStatisticsFit: a fit to summary statistics (per-run metrics) with
// the standardised distance: the data Synthetic makes are read back, the
// scales are the prior-predictive MADs, and the predictive check has one
// row a statistic.
func TestStatisticsFit(t *testing.T) {
	dir := t.TempDir()
	set := []string{"fit.observe.statistics=[cumulative_share, peak_step]", "fit.observe.series=", "fit.distance=", "fit.data=" + filepath.Join(dir, "stats.csv")}
	l, err := scenario.LoadWithSet("testdata/small.yaml", set)
	if err != nil {
		t.Fatal(err)
	}
	if l.Scenario.Fit.Distance != "standardised" {
		t.Fatalf("distance %q, want the default for statistics, standardised", l.Scenario.Fit.Distance)
	}
	d, err := Synthetic(l, []float64{0.2, 3}, 99)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := d.WriteCSV(&b, l.Scenario.Fit.Observe); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stats.csv"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := ReadData(l)
	if err != nil || strings.Join(back.Statistics, ",") != "cumulative_share,peak_step" || back.Values[0] != d.Values[0] || back.Values[1] != d.Values[1] {
		t.Fatalf("statistics read back: %+v, %v; made %+v", back, err, d)
	}
	rep, err := Run(context.Background(), l, Options{Dir: filepath.Join(dir, "fit"), Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Particles != 20 || len(rep.Generations) != 3 {
		t.Errorf("%d particles, %d generations", rep.Particles, len(rep.Generations))
	}
	pred, err := os.ReadFile(filepath.Join(dir, "fit", PredictiveFile))
	if err != nil || !strings.HasPrefix(string(pred), "statistic,observed,q05,q50,q95\ncumulative_share,") || strings.Count(string(pred), "\n") != 3 {
		t.Errorf("predictive.csv: %v\n%s", err, pred)
	}
}

// TestMADScales: the scales of the standardised distance are the MADs,
// the mean absolute deviation where the MAD is 0, else 1; NA is left out.
func TestMADScales(t *testing.T) {
	nan := math.NaN()
	sims := [][]float64{{1, 5, 2, nan}, {2, 5, 2, nan}, {4, 5, 2, nan}, {8, 9, 2, nan}, {16, 5, 2, nan}}
	got := madScales(sims)
	// Column 0: median 4, deviations 3 2 0 4 12, MAD 3. Column 1: MAD 0,
	// mean absolute deviation 4/5. Columns 2 and 3: 1.
	want := []float64{3, 0.8, 1, 1}
	for k := range want {
		if math.Abs(got[k]-want[k]) > 1e-12 {
			t.Errorf("scale %d: %v, want %v", k, got[k], want[k])
		}
	}
}

// TestPrepare: a fit run sweep by sweep elsewhere (each generation's
// scenario prepared, run as two shards by package sweep as connact sweep
// --shard would on a cluster, and merged into the fit folder) ends
// byte-identical to the fit run on one machine.
func TestPrepare(t *testing.T) {
	base := t.TempDir()
	whole := filepath.Join(base, "whole")
	runFit(t, whole, 2)
	dir := filepath.Join(base, "prepared")
	l, err := scenario.Load("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var prepared []string
	for round := 0; ; round++ {
		rep, err := Run(context.Background(), l, Options{Dir: dir, Workers: 2, Resume: true, Prepare: true})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Next == "" {
			break
		}
		if round > 10 {
			t.Fatal("the fit never ends")
		}
		prepared = append(prepared, filepath.Base(rep.Next))
		gl, err := scenario.Load(rep.Next)
		if err != nil {
			t.Fatal(err)
		}
		var shards []string
		for i := range 2 {
			st, err := runner.NewSweepStudy(gl)
			if err != nil {
				t.Fatal(err)
			}
			sd := filepath.Join(base, fmt.Sprintf("round-%d-shard-%d", round, i))
			if _, err := sweep.Run(context.Background(), st, sweep.Options{Dir: sd, Workers: 1, Shard: sweep.Shard{Index: i, Count: 2}, Formats: []string{}}); err != nil {
				t.Fatal(err)
			}
			shards = append(shards, sd)
		}
		if _, err := sweep.Merge(shards, strings.TrimSuffix(rep.Next, ".yaml"), false, []string{}); err != nil {
			t.Fatal(err)
		}
	}
	if want := "generation-0.yaml,generation-1.yaml,generation-2.yaml,predictive.yaml"; strings.Join(prepared, ",") != want {
		t.Errorf("prepared %v, want %s", prepared, want)
	}
	sameFit(t, whole, dir)
	// The prepared scenarios are connact's: --force replaces the folder.
	if _, err := Run(context.Background(), l, Options{Dir: dir, Force: true, Formats: []string{}}); err != nil {
		t.Errorf("--force over a prepared fit: %v", err)
	}
	noLeftovers(t, base)
}

// noLeftovers checks that --force removed the old folder it moved aside,
// all of it: its generations' folders and prepared scenarios included.
func noLeftovers(t *testing.T, parent string) {
	t.Helper()
	ents, _ := os.ReadDir(parent)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("%s left in %s", e.Name(), parent)
		}
	}
}
