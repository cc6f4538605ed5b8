package fit

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/internal/mix"
	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
	"github.com/connact/connact/sim/sweep"
)

// File names of a fit folder.
const (
	ManifestFile    = "fit.json"
	PosteriorFile   = "posterior.csv"
	SummaryFile     = "posterior_summary.csv"
	GenerationsFile = "generations.csv"
	PredictiveFile  = "predictive.csv"
	ScenarioFile    = output.ScenarioFile
	PredictiveDir   = "predictive"
)

// GenerationDir is the sweep folder of generation g in a fit folder.
func GenerationDir(g int) string { return "generation-" + strconv.Itoa(g) }

// Streams of the fit's own draws, derived from the scenario seed.
const (
	streamFit        = 0x666974   // "fit": proposals of generation g
	streamGeneration = 0x67656e   // "gen": the seed of generation g's sweep
	streamPredictive = 0x70726564 // "pred"
)

// Options say where and how a fit runs.
type Options struct {
	Dir     string
	Workers int
	// Resume continues the fit in Dir (or starts it when Dir does not
	// exist); Force replaces an existing Dir that connact wrote.
	Resume, Force bool
	// Formats of the charts (nil: the scenario's outputs.formats).
	Formats []string
	// CheckpointEvery is each generation's sweep checkpoint interval.
	CheckpointEvery time.Duration
	// Progress, if set, is called after each run of a sweep with the
	// runs done and the total of that sweep.
	Progress func(done, total int)
	// Generation, if set, is told each generation when it is done.
	Generation func(Generation)
	// Log receives notes (leftover folders removed, a sweep started over).
	Log io.Writer
	// Prepare runs no sweep: at the first generation (or the predictive
	// runs) whose sweep folder is not complete, it writes that sweep's
	// scenario beside it (DIR/generation-K.yaml, DIR/predictive.yaml),
	// sets Report.Next and returns. Run it with connact sweep, in shards
	// on a cluster (--emit slurm|k8s), merge the shards into
	// DIR/generation-K, and run the fit again with Resume and Prepare to
	// prepare the next: the fit ends as it would on one machine.
	Prepare bool
}

// Generation describes one generation of the sequential Monte Carlo.
type Generation struct {
	Index      int
	Proposals  int     // simulations of this generation
	Accepted   int     // of them, kept in the population
	Acceptance float64 // Accepted / Proposals (Lenormand et al.'s p_acc)
	Tolerance  float64 // ε: the largest distance kept
	ESS        float64 // effective sample size of the population's weights
	Runs       int     // simulations so far
}

// ParamSummary is a parameter's posterior: weighted mean, sd and
// quantiles, and the truth when the scenario gives one (else NaN).
type ParamSummary struct {
	Name, Path, Label       string
	Mean, SD, Q05, Q50, Q95 float64
	Truth, PriorLo, PriorHi float64
}

// Report describes a finished fit.
type Report struct {
	Dir         string
	Generations []Generation
	Particles   int
	Runs        int
	Summary     []ParamSummary
	Files       []string // charts written
	Resumed     bool     // the folder existed and was continued
	// Next, with Options.Prepare, is the scenario of the sweep to run
	// next, or "" when the fit is complete.
	Next string
}

// Manifest is fit.json: what a fit folder holds, checked by resume.
type Manifest struct {
	Version      string   `json:"connact_version"`
	Scenario     string   `json:"scenario"`
	ScenarioHash string   `json:"scenario_hash"`
	ScenarioSeed uint64   `json:"scenario_seed"`
	Data         string   `json:"data"`
	DataSHA256   string   `json:"data_sha256"`
	Parameters   []string `json:"parameters"`
	Complete     bool     `json:"complete"`
	Generations  int      `json:"generations,omitempty"`
	Runs         int      `json:"runs,omitempty"`
}

// ResumeError reports a folder that a resumed fit may not continue; a
// user mistake.
type ResumeError struct{ Dir, Reason string }

func (e *ResumeError) Error() string { return e.Dir + " " + e.Reason }

// fitter is one fit in progress.
type fitter struct {
	l      *scenario.Loaded
	f      *scenario.Fit
	data   *Data
	priors []prior
	opt    Options
	dir    string
	scales []float64 // standardised distance: the statistics' prior-predictive MADs
	runs   int
	next   string // with Options.Prepare: the scenario of the sweep to run next
}

// errPrepared stops a fit with Options.Prepare at the first sweep not yet
// complete, once its scenario is written.
var errPrepared = errors.New("fit: the next sweep is prepared")

// complete reports whether dir is a complete sweep folder (its
// manifest.json says so); a merged folder of shards is one.
func complete(dir string) bool {
	var m sweep.Manifest
	b, err := os.ReadFile(filepath.Join(dir, sweep.ManifestFile))
	return err == nil && json.Unmarshal(b, &m) == nil && m.Complete
}

// Run calibrates the scenario's fit section against its data (see the
// package doc) into opt.Dir and returns what it found. Every generation
// is a sweep folder of its own, run by package sweep, so that a fit is
// parallel, checkpointed and resumable like a sweep; a resumed fit reads
// the generations that are done and carries on, ending byte-identical.
func Run(ctx context.Context, l *scenario.Loaded, opt Options) (*Report, error) {
	f := l.Scenario.Fit
	if f == nil {
		return nil, fmt.Errorf("fit: %s has no fit section", l.File)
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	data, err := ReadData(l)
	if err != nil {
		return nil, err
	}
	ft := &fitter{l: l, f: f, data: data, opt: opt, dir: filepath.Clean(opt.Dir)}
	for _, p := range f.Parameters {
		ft.priors = append(ft.priors, newPrior(p.Prior))
	}
	lock, resumed, err := ft.open()
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	output.RemoveLeftovers(ft.dir, opt.Log) // generation sweeps killed while starting
	rep := &Report{Dir: ft.dir, Resumed: resumed}
	pop, err := ft.generations(ctx, rep)
	if err == nil {
		err = ft.finish(ctx, pop, rep)
	}
	if errors.Is(err, errPrepared) {
		rep.Next = ft.next
		return rep, nil
	}
	return rep, err
}

// manifest is fit.json for this fit.
func (ft *fitter) manifest() Manifest {
	m := Manifest{Version: sim.Version, Scenario: ft.l.Scenario.Name, ScenarioHash: ft.l.Hash(),
		ScenarioSeed: ft.l.Scenario.Seed, Data: ft.data.File, DataSHA256: ft.data.SHA256}
	for _, p := range ft.f.Parameters {
		m.Parameters = append(m.Parameters, p.Path)
	}
	return m
}

// open creates the fit folder (fit.json and scenario.yaml, written in a
// temporary folder and renamed into place) or, with Resume, checks that
// the existing one is this fit's; either way it returns the folder locked.
func (ft *fitter) open() (*output.TempDir, bool, error) {
	_, statErr := os.Lstat(ft.dir)
	exists := statErr == nil
	if exists && (ft.opt.Resume || ft.opt.Force) {
		// A generation's temporary folder left by a kill would make the
		// fit folder look foreign to --force: clear such leftovers first.
		if fi, err := os.Lstat(filepath.Join(ft.dir, ManifestFile)); err == nil && fi.Mode().IsRegular() {
			output.RemoveLeftovers(ft.dir, ft.opt.Log)
		}
	}
	if exists && ft.opt.Resume {
		if err := output.CheckPlace(ft.dir); err != nil {
			return nil, false, err
		}
		var m Manifest
		b, err := os.ReadFile(filepath.Join(ft.dir, ManifestFile))
		if err != nil || json.Unmarshal(b, &m) != nil {
			return nil, false, &ResumeError{ft.dir, "is not a fit folder (no readable " + ManifestFile + "); choose another --out, or --force to replace a folder connact wrote"}
		}
		want := ft.manifest()
		switch {
		case m.Version != want.Version:
			return nil, false, &ResumeError{ft.dir, fmt.Sprintf("holds a fit by connact %s; this is %s: finish it with that version, or start again with --force", m.Version, want.Version)}
		case m.ScenarioHash != want.ScenarioHash:
			return nil, false, &ResumeError{ft.dir, "holds a fit of another scenario (its scenario hash differs); choose another --out, or --force to start again"}
		case m.DataSHA256 != want.DataSHA256:
			return nil, false, &ResumeError{ft.dir, "holds a fit of other data: " + ft.data.File + " changed since it started; choose another --out, or --force to start again"}
		}
		lock, err := output.LockFolder(ft.dir)
		return lock, true, err
	}
	if err := output.CheckDir(ft.dir, ft.opt.Force); err != nil {
		return nil, false, err
	}
	td, err := output.NewTempDir(ft.dir)
	if err != nil {
		return nil, false, err
	}
	if err := output.WriteJSON(filepath.Join(td.Path, ManifestFile), ft.manifest()); err != nil {
		td.Remove()
		return nil, false, err
	}
	if err := os.WriteFile(filepath.Join(td.Path, ScenarioFile), ft.l.Resolved(), 0o644); err != nil {
		td.Remove()
		return nil, false, err
	}
	if err := td.Install(ft.dir, ft.opt.Force); err != nil {
		td.Remove()
		return nil, false, err
	}
	return td, false, nil
}

// rng is the generator of stream s, item g, of this fit.
func (ft *fitter) rng(s, g uint64) *rand.Rand {
	seed := ft.l.Scenario.Seed
	return rand.New(rand.NewPCG(mix.Derive(seed, s, g), mix.Derive(seed, s, g, 1)))
}

// generations runs the sequential Monte Carlo of Lenormand, Jabot &
// Deffuant (2013) and returns the final population.
func (ft *fitter) generations(ctx context.Context, rep *Report) ([]*particle, error) {
	n := ft.f.Particles
	keep := int(ft.f.Alpha * float64(n))
	var pop []*particle
	for g := 0; g < ft.f.MaxGenerations; g++ {
		rnd := ft.rng(streamFit, uint64(g))
		var zs [][]float64
		var kn *kernel
		if g == 0 {
			for range n {
				z := make([]float64, len(ft.priors))
				for j := range ft.priors {
					z[j] = ft.priors[j].sample(rnd)
				}
				zs = append(zs, z)
			}
		} else {
			var err error
			if kn, err = newKernel(pop, ft.priors); err != nil {
				return nil, err
			}
			for range n - keep {
				z, ok := propose(pop, kn, ft.priors, rnd)
				if !ok {
					return nil, fmt.Errorf("fit: generation %d: 10000 perturbed particles in a row fell outside the prior's support; the posterior sits on the edge of the prior (widen it)", g)
				}
				zs = append(zs, z)
			}
		}
		sims, err := ft.simulate(ctx, GenerationDir(g), ft.rng(streamGeneration, uint64(g)).Uint64(), zs, false)
		if err != nil {
			return nil, err
		}
		if g == 0 && ft.f.Distance == "standardised" {
			ft.scales = madScales(sims)
		}
		fresh := make([]*particle, len(zs))
		for i, z := range zs {
			fresh[i] = &particle{z: z, dist: ft.distance(sims[i]), weight: 1, generation: g, point: i}
			if g > 0 {
				fresh[i].weight = importanceWeight(z, pop, kn, ft.priors)
			}
		}
		all := append(append([]*particle(nil), pop...), fresh...)
		kept, eps := keepBest(all, keep)
		accepted := 0
		for _, p := range kept {
			if p.generation == g {
				accepted++
			}
		}
		pop = append([]*particle(nil), kept...)
		gen := Generation{Index: g, Proposals: len(zs), Accepted: accepted, Acceptance: float64(accepted) / float64(len(zs)),
			Tolerance: eps, ESS: ess(pop), Runs: ft.runs}
		rep.Generations = append(rep.Generations, gen)
		if ft.opt.Generation != nil {
			ft.opt.Generation(gen)
		}
		if g > 0 && gen.Acceptance <= ft.f.MinAcceptance {
			break
		}
	}
	rep.Particles, rep.Runs = len(pop), ft.runs
	return pop, nil
}

// simulate runs the proposals zs as the sweep folder name of the fit
// folder (resuming it when it exists) and returns each proposal's
// observations: the data's steps of the series (all steps when full),
// or the statistics.
func (ft *fitter) simulate(ctx context.Context, name string, seed uint64, zs [][]float64, full bool) ([][]float64, error) {
	values := make([][]float64, len(zs))
	for i, z := range zs {
		values[i] = make([]float64, len(z))
		for j := range z {
			values[i][j] = ft.priors[j].fromZ(z[j])
		}
	}
	gl, err := ft.l.FitGeneration(seed, values)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(ft.dir, name)
	if ft.opt.Prepare && !complete(dir) {
		// Hand the sweep over: its scenario, for connact sweep to run
		// anywhere (in shards on a cluster) and merge into dir.
		ft.next = filepath.Join(ft.dir, name+".yaml")
		if err := writeFile(ft.dir, name+".yaml", gl.Resolved()); err != nil {
			return nil, err
		}
		return nil, errPrepared
	}
	st, err := runner.NewSweepStudy(gl)
	if err != nil {
		return nil, err
	}
	_, err = sweep.Run(ctx, st, sweep.Options{Dir: dir, Workers: ft.opt.Workers, Resume: true, Formats: []string{},
		Progress: ft.opt.Progress, CheckpointEvery: ft.opt.CheckpointEvery,
		Note: func(msg string) { fmt.Fprintf(ft.opt.Log, "connact: note: %s\n", msg) }})
	if err != nil {
		return nil, err
	}
	if sh := ft.f.Observe.Shares; len(sh) > 0 {
		ft.runs += len(zs) * ft.f.Observe.Replicates
		return readShares(filepath.Join(dir, sweep.RunsFile), sh, len(zs), ft.f.Observe.Replicates)
	}
	ft.runs += len(zs)
	if len(ft.data.Statistics) > 0 {
		return readStatistics(filepath.Join(dir, sweep.RunsFile), ft.data.Statistics, len(zs))
	}
	steps := ft.data.Steps
	if full {
		steps = nil
		for s := 0; s <= ft.l.Scenario.Steps; s++ {
			steps = append(steps, s)
		}
	}
	return readSeries(filepath.Join(dir, sweep.TimeseriesFile), ft.f.Observe, steps, len(zs))
}

// distance is the distance between one simulation's observations and the
// data: the root mean square error of a series (in the data's units), the
// Euclidean distance of the statistics each divided by its scale
// (Prangle 2017), or of shares of runs on the arcsine scale
// (arcsineDistance). A missing value (NA) makes it +Inf: never kept before a
// simulation that has all its values.
func (ft *fitter) distance(sim []float64) float64 {
	if len(ft.f.Observe.Shares) > 0 {
		return arcsineDistance(sim, ft.data.Values, ft.f.Observe.Replicates)
	}
	var s float64
	for k, y := range ft.data.Values {
		x := sim[k]
		if math.IsNaN(x) {
			return math.Inf(1)
		}
		d := x - y
		if ft.scales != nil {
			d /= ft.scales[k]
		}
		s += d * d
	}
	if ft.scales != nil {
		return math.Sqrt(s)
	}
	return math.Sqrt(s / float64(len(ft.data.Values)))
}

// madScales are the scales of a standardised distance: each statistic's
// median absolute deviation over the prior-predictive simulations of the
// first generation (Prangle 2017, "Adapting the ABC distance function",
// Bayesian Analysis 12(1):289-309, §2), or its mean absolute deviation
// when the MAD is 0 (a statistic constant in over half the runs), or 1
// when that is 0 too. NA values are left out.
func madScales(sims [][]float64) []float64 {
	if len(sims) == 0 {
		return nil
	}
	k := len(sims[0])
	out := make([]float64, k)
	for j := range k {
		var xs []float64
		for _, s := range sims {
			if !math.IsNaN(s[j]) {
				xs = append(xs, s[j])
			}
		}
		out[j] = 1
		if len(xs) == 0 {
			continue
		}
		med := median(xs)
		dev := make([]float64, len(xs))
		var mean float64
		for i, x := range xs {
			dev[i] = math.Abs(x - med)
			mean += dev[i] / float64(len(xs))
		}
		switch m := median(dev); {
		case m > 0:
			out[j] = m
		case mean > 0:
			out[j] = mean
		}
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// eachRow streams the CSV file path and calls row with each record and
// the index of each named column in it.
func eachRow(path string, names []string, row func(rec []string, col []int) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	cr := csv.NewReader(fh)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("fit: %s: %v", path, err)
	}
	col := make([]int, len(names))
	for k, n := range names {
		if col[k] = slices.Index(header, n); col[k] < 0 {
			return fmt.Errorf("fit: %s has no column %s", path, n)
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("fit: %s: %v", path, err)
		}
		if err := row(rec, col); err != nil {
			return err
		}
	}
}

// readSeries reads the observed series of every point from a sweep's
// point_timeseries.csv (one replicate a point: the mean is the run's
// value), at the given steps, scaled to the data's units. It streams the
// file: memory is points × steps observed.
func readSeries(path string, o scenario.FitObserve, steps []int, points int) ([][]float64, error) {
	variable := o.Series
	if variable == "new_participants" {
		variable = "cumulative_share"
	}
	need := map[int]bool{}
	for _, s := range steps {
		need[s] = true
		if o.Series == "new_participants" {
			need[s-o.StepsPerUnit] = true
		}
	}
	shares := make([]map[int]float64, points)
	for i := range shares {
		shares[i] = map[int]float64{}
	}
	err := eachRow(path, []string{"point", "step", "variable", "mean"}, func(rec []string, col []int) error {
		if rec[col[2]] != variable {
			return nil
		}
		p, err1 := strconv.Atoi(rec[col[0]])
		s, err2 := strconv.Atoi(rec[col[1]])
		if err1 != nil || err2 != nil || p < 0 || p >= points {
			return fmt.Errorf("fit: %s: a row of point %q, step %q", path, rec[col[0]], rec[col[1]])
		}
		if !need[s] {
			return nil
		}
		v, err := output.ParseNumber(rec[col[3]])
		if err != nil {
			return fmt.Errorf("fit: %s: %v", path, err)
		}
		shares[p][s] = v
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([][]float64, points)
	for p := range out {
		out[p] = make([]float64, len(steps))
		for k, s := range steps {
			v, ok := shares[p][s]
			if !ok {
				return nil, fmt.Errorf("fit: %s has no %s at point %d, step %d", path, variable, p, s)
			}
			if o.Series == "new_participants" {
				// First-time participants per data time unit: the rise
				// of the cumulative share over the unit's steps.
				prev := 0.0
				if s-o.StepsPerUnit >= 0 {
					prev = shares[p][s-o.StepsPerUnit]
				}
				v -= prev
			}
			out[p][k] = v * o.Scale
		}
	}
	return out, nil
}

// readStatistics reads the named per-run metrics of every point from a
// sweep's runs.csv (one replicate a point).
func readStatistics(path string, stats []string, points int) ([][]float64, error) {
	out := make([][]float64, points)
	err := eachRow(path, append([]string{"point"}, stats...), func(rec []string, col []int) error {
		p, err := strconv.Atoi(rec[col[0]])
		if err != nil || p < 0 || p >= points {
			return fmt.Errorf("fit: %s: a row of point %q", path, rec[col[0]])
		}
		row := make([]float64, len(stats))
		for k := range stats {
			if row[k], err = output.ParseNumber(rec[col[k+1]]); err != nil {
				return fmt.Errorf("fit: %s: %v", path, err)
			}
		}
		out[p] = row
		return nil
	})
	if err != nil {
		return nil, err
	}
	for p, r := range out {
		if r == nil {
			return nil, fmt.Errorf("fit: %s has no row of point %d", path, p)
		}
	}
	return out, nil
}

// writeFile writes b to dir/name through a temporary file and a rename,
// so that a file of the folder is whole or absent.
func writeFile(dir, name string, b []byte) error {
	return output.WriteFileSynced(filepath.Join(dir, name), b)
}

// csvBytes writes rows as CSV.
func csvBytes(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	w.WriteAll(rows)
	return b.Bytes()
}

func num(v float64) string { return output.FormatNumber(v, false) }
