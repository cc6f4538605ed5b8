package sweep

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/output"
)

// File names of a sweep folder.
const (
	RunsFile           = "runs.csv"
	PointsFile         = "points.csv"
	TimeseriesFile     = "point_timeseries.csv"
	RunTimeseriesFile  = "runs_timeseries.csv"
	ManifestFile       = "manifest.json"
	ProgressFile       = "progress.json"
	ScenarioFile       = output.ScenarioFile
	MetaFile           = output.MetaFile
	checkpointInterval = 2 * time.Second
)

// seriesVars are the per-step variables aggregated per point.
var seriesVars = []string{"active_share", "cumulative_share", "aware_share", "members_share"}

func seriesValue(o *sim.Observations, n, v, t int) float64 {
	tot := &o.Total
	ratio := func(a, b int64) float64 {
		if b == 0 {
			return math.NaN()
		}
		return float64(a) / float64(b)
	}
	switch v {
	case 0:
		return ratio(tot.Active[t], tot.Alive[t])
	case 1:
		return ratio(tot.Cumulative[t], int64(n))
	case 2:
		return ratio(tot.Aware[t], tot.Alive[t])
	}
	return ratio(tot.Members[t], tot.Alive[t])
}

// Shard is a slice of a sweep: the points p with p mod Count == Index. A
// sweep is sharded by whole points, so that every shard computes its
// points' summaries exactly as a single machine would, and merging is
// interleaving.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

func (s Shard) whole() bool { return s.Count <= 1 }

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, max(s.Count, 1)) }

// Options say where and how a sweep runs.
type Options struct {
	Dir     string
	Workers int
	Shard   Shard
	// Resume continues the interrupted sweep in Dir (or starts it when Dir
	// does not exist).
	Resume bool
	// Force replaces an existing Dir.
	Force bool
	// RunTimeseries also writes runs_timeseries.csv, the per-step series of
	// every run (large).
	RunTimeseries bool
	// Formats of the charts drawn at the end (nil: the scenario's); charts
	// are drawn for a whole sweep or a merge, not for a shard.
	Formats []string
	// Progress, if set, is called after each run with the runs done and
	// the total (both counting runs done before a resume).
	Progress func(done, total int)
	// CheckpointEvery is the longest time between checkpoints (default 2 s).
	CheckpointEvery time.Duration
}

// Report describes what a sweep did.
type Report struct {
	Dir      string
	Runs     int // runs of this shard
	Done     int // runs completed, before and during this call
	Resumed  int // runs found done when resuming
	Points   int // points of this shard
	Complete bool
	Charts   []string
	Wall     time.Duration
}

// ExistsError reports an existing output folder (see output.ExistsError).
type ExistsError = output.ExistsError

// CompleteError reports that a sweep folder to resume is already complete.
var errComplete = errors.New("sweep already complete")

// Manifest is manifest.json: what a sweep folder holds, checked by resume
// and merge.
type Manifest struct {
	Version      string      `json:"connact_version"`
	Scenario     string      `json:"scenario"`
	ScenarioHash string      `json:"scenario_hash"`
	Points       int         `json:"points"`
	Conditions   []string    `json:"conditions"`
	Replicates   int         `json:"replicates"`
	Runs         int64       `json:"runs"`
	Parameters   []Parameter `json:"parameters"`
	Shard        Shard       `json:"shard"`
	ShardPoints  int         `json:"shard_points"`
	ShardRuns    int64       `json:"shard_runs"`
	RunSeries    bool        `json:"runs_timeseries"`
	Metric       string      `json:"metric,omitempty"` // the charts' metric (sweep.metric)
	Complete     bool        `json:"complete"`
}

// Parameter names one varied field.
type Parameter struct {
	Name string `json:"name"`
	Path string `json:"path"`
}

// progress is progress.json, the checkpoint: how many of the shard's runs
// are written, the size of every file at that moment, and the accumulators
// of the point and condition in progress.
type progress struct {
	Hash    string           `json:"scenario_hash"`
	Done    int              `json:"done"`
	Sizes   map[string]int64 `json:"sizes"`
	Metrics []welfordState   `json:"metrics,omitempty"`
	Series  []welfordState   `json:"series,omitempty"`
}

// plan is the sweep's shape as this package needs it.
type plan struct {
	st         *sim.Study
	shard      Shard
	points     int // of the whole sweep
	perPoint   int // runs per point: conditions × replicates
	shardPts   int
	shardRuns  int
	metrics    []output.Metric
	conditions []string
}

func newPlan(st *sim.Study, sh Shard) *plan {
	p := &plan{st: st, shard: sh, points: st.Plan.Points(), perPoint: st.Plan.Conditions() * st.Replicates}
	p.conditions = st.Plan.ConditionNames()
	if sh.whole() {
		p.shard = Shard{0, 1}
	}
	if p.shard.Index < p.points {
		p.shardPts = (p.points - p.shard.Index + p.shard.Count - 1) / p.shard.Count
	}
	p.shardRuns = p.shardPts * p.perPoint
	var orgs []string
	for _, o := range st.Scenario.Organisations {
		orgs = append(orgs, o.Name)
	}
	p.metrics = output.MetricColumns(&sim.Observations{Organisations: orgs})
	return p
}

// global maps the shard's k-th run to its run number in the whole plan.
func (p *plan) global(k int) int {
	point := p.shard.Index + p.shard.Count*(k/p.perPoint)
	return point*p.perPoint + k%p.perPoint
}

func (p *plan) manifest() Manifest {
	st := p.st
	m := Manifest{
		Version: sim.Version, Scenario: st.Scenario.Name, ScenarioHash: st.Loaded.Hash(),
		Points: p.points, Conditions: p.conditions, Replicates: st.Replicates, Runs: st.Plan.Runs(),
		Shard: p.shard, ShardPoints: p.shardPts, ShardRuns: int64(p.shardRuns),
	}
	if sw := st.Scenario.Sweep; sw != nil {
		m.Metric = sw.Metric
	}
	for k, name := range st.Plan.Names {
		m.Parameters = append(m.Parameters, Parameter{name, st.Plan.Paths[k]})
	}
	return m
}

// headers of the files.
func (p *plan) headers() map[string][]string {
	params := p.st.Plan.Names
	ids := func(extra ...string) []string {
		h := append([]string{"point", "condition"}, params...)
		return append(h, extra...)
	}
	runs := ids("replicate", "seed")
	for _, m := range p.metrics {
		runs = append(runs, m.Name)
	}
	return map[string][]string{
		RunsFile:          runs,
		PointsFile:        ids("metric", "n", "mean", "sd", "ci95_lo", "ci95_hi"),
		TimeseriesFile:    ids("step", "variable", "n", "mean", "sd", "ci95_lo", "ci95_hi"),
		RunTimeseriesFile: ids("replicate", "seed", "step", "alive", "aware", "active", "members", "new_active", "cumulative", "lapsed", "active_share", "cumulative_share"),
	}
}

// Run runs a sweep (or one shard of it) into opt.Dir, streaming results to
// disk in run order and checkpointing every few seconds, so that an
// interrupted sweep resumes where it stopped and ends byte-identical to an
// uninterrupted one, whatever the number of workers.
func Run(ctx context.Context, st *sim.Study, opt Options) (*Report, error) {
	start := time.Now()
	p := newPlan(st, opt.Shard)
	if opt.Shard.Count > 1 && (opt.Shard.Index < 0 || opt.Shard.Index >= opt.Shard.Count) {
		return nil, fmt.Errorf("shard %d/%d: the index must be in 0..%d", opt.Shard.Index, opt.Shard.Count, opt.Shard.Count-1)
	}
	dir := filepath.Clean(opt.Dir)
	w := &writer{p: p, dir: dir, opt: opt, every: opt.CheckpointEvery}
	if w.every <= 0 {
		w.every = checkpointInterval
	}
	rep := &Report{Dir: dir, Runs: p.shardRuns, Points: p.shardPts}
	_, statErr := os.Stat(dir)
	exists := statErr == nil
	switch {
	case exists && opt.Resume:
		err := w.resume()
		if errors.Is(err, errComplete) {
			rep.Done, rep.Resumed, rep.Complete = p.shardRuns, p.shardRuns, true
			return rep, nil
		}
		if err != nil {
			return nil, err
		}
	case exists && !opt.Force:
		return nil, &ExistsError{Dir: dir}
	default:
		if exists {
			if err := os.RemoveAll(dir); err != nil {
				return nil, err
			}
		}
		if err := w.create(); err != nil {
			return nil, err
		}
	}
	rep.Resumed = w.done
	err := w.run(ctx)
	rep.Done = w.done
	if cerr := w.checkpoint(); err == nil {
		err = cerr
	}
	if err != nil {
		w.closeAll()
		return rep, err
	}
	if err := w.finish(start, rep); err != nil {
		return rep, err
	}
	rep.Complete = true
	rep.Wall = time.Since(start)
	return rep, nil
}

// writer is a sweep folder being written.
type writer struct {
	p     *plan
	dir   string
	opt   Options
	every time.Duration
	files map[string]*file
	done  int // shard runs written

	metrics []welford // the current point and condition
	series  []welford // [step·len(seriesVars) + variable]
	last    time.Time
}

func (w *writer) path(name string) string { return filepath.Join(w.dir, name) }

func (w *writer) fileNames() []string {
	names := []string{RunsFile, PointsFile, TimeseriesFile}
	if w.opt.RunTimeseries {
		names = append(names, RunTimeseriesFile)
	}
	return names
}

// create starts a new sweep folder.
func (w *writer) create() error {
	if err := os.MkdirAll(w.dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(w.path(ScenarioFile), w.p.st.Loaded.Resolved(), 0o644); err != nil {
		return err
	}
	m := w.p.manifest()
	m.RunSeries = w.opt.RunTimeseries
	if err := writeJSON(w.path(ManifestFile), m); err != nil {
		return err
	}
	w.files = map[string]*file{}
	hdr := w.p.headers()
	for _, name := range w.fileNames() {
		f, err := createFile(w.path(name), hdr[name])
		if err != nil {
			return err
		}
		w.files[name] = f
	}
	return w.checkpoint()
}

// resume reopens an interrupted sweep folder at its last checkpoint.
func (w *writer) resume() error {
	var m Manifest
	if err := readJSON(w.path(ManifestFile), &m); err != nil {
		return fmt.Errorf("%s is not a sweep folder to resume: %w", w.dir, err)
	}
	want := w.p.manifest()
	switch {
	case m.ScenarioHash != want.ScenarioHash:
		return fmt.Errorf("%s holds a sweep of another scenario (hash %.12s, this one %.12s); use another --out", w.dir, m.ScenarioHash, want.ScenarioHash)
	case m.Shard != want.Shard:
		return fmt.Errorf("%s holds shard %s, not %s", w.dir, m.Shard, want.Shard)
	case m.Complete:
		return errComplete
	}
	w.opt.RunTimeseries = m.RunSeries
	var pr progress
	if err := readJSON(w.path(ProgressFile), &pr); err != nil {
		return fmt.Errorf("%s: no usable checkpoint: %w", w.dir, err)
	}
	w.files = map[string]*file{}
	for _, name := range w.fileNames() {
		size, ok := pr.Sizes[name]
		if !ok {
			return fmt.Errorf("%s: the checkpoint does not know %s", w.dir, name)
		}
		f, err := reopenFile(w.path(name), size)
		if err != nil {
			return err
		}
		w.files[name] = f
	}
	w.done = pr.Done
	for _, s := range pr.Metrics {
		w.metrics = append(w.metrics, s.welford())
	}
	for _, s := range pr.Series {
		w.series = append(w.series, s.welford())
	}
	return nil
}

// checkpoint makes everything written durable, then records it in
// progress.json (written beside and renamed into place, so a crash leaves
// either the old checkpoint or the new one).
func (w *writer) checkpoint() error {
	if w.files == nil {
		return nil
	}
	pr := progress{Hash: w.p.st.Loaded.Hash(), Done: w.done, Sizes: map[string]int64{}}
	for name, f := range w.files {
		n, err := f.sync()
		if err != nil {
			return err
		}
		pr.Sizes[name] = n
	}
	if w.done%w.p.st.Replicates != 0 { // a point and condition in progress
		for _, a := range w.metrics {
			pr.Metrics = append(pr.Metrics, a.state())
		}
		for _, a := range w.series {
			pr.Series = append(pr.Series, a.state())
		}
	}
	w.last = time.Now()
	return writeJSON(w.path(ProgressFile), pr)
}

func (w *writer) closeAll() {
	for _, f := range w.files {
		f.f.Close()
	}
	w.files = nil
}

// run runs the shard's remaining runs.
func (w *writer) run(ctx context.Context) error {
	p := w.p
	total := p.shardRuns
	from := w.done
	w.last = time.Now()
	work := func(j int) (*sim.Result, error) { return p.st.RunContext(ctx, p.global(from+j)) }
	return sim.OrderedParallel(ctx, total-from, w.opt.Workers, work, func(_ int, r *sim.Result) error {
		if err := w.emit(r); err != nil {
			return err
		}
		w.done++
		if w.opt.Progress != nil {
			w.opt.Progress(w.done, total)
		}
		if time.Since(w.last) >= w.every {
			return w.checkpoint()
		}
		return nil
	})
}

// emit writes one run and, after a condition's last replicate, the point's
// summaries.
func (w *writer) emit(r *sim.Result) error {
	p := w.p
	values := p.st.Plan.Values(r.Point)
	cond := p.conditions[r.Condition]
	ids := func(f *file) {
		f.begin()
		f.num(float64(r.Point), true)
		f.str(cond)
		for _, v := range values {
			f.str(v)
		}
	}
	steps := r.Obs.Steps
	if r.Replicate == 0 {
		w.metrics = make([]welford, len(p.metrics))
		w.series = make([]welford, (steps+1)*len(seriesVars))
	}
	seed := strconv.FormatUint(r.Seed, 10)
	runs := w.files[RunsFile]
	ids(runs)
	runs.num(float64(r.Replicate), true)
	runs.str(seed)
	for k, m := range p.metrics {
		x := m.Value(r)
		runs.num(x, m.Integer)
		w.metrics[k].add(x)
	}
	if err := runs.end(); err != nil {
		return err
	}
	for t := 0; t <= steps; t++ {
		for v := range seriesVars {
			w.series[t*len(seriesVars)+v].add(seriesValue(r.Obs, r.N, v, t))
		}
	}
	if f := w.files[RunTimeseriesFile]; f != nil {
		tot := &r.Obs.Total
		for t := 0; t <= steps; t++ {
			ids(f)
			f.num(float64(r.Replicate), true)
			f.str(seed)
			f.num(float64(t), true)
			for _, c := range []int64{tot.Alive[t], tot.Aware[t], tot.Active[t], tot.Members[t], tot.NewActive[t], tot.Cumulative[t], tot.Lapsed[t]} {
				f.num(float64(c), true)
			}
			f.num(seriesValue(r.Obs, r.N, 0, t), false)
			f.num(seriesValue(r.Obs, r.N, 1, t), false)
			if err := f.end(); err != nil {
				return err
			}
		}
	}
	if r.Replicate < p.st.Replicates-1 {
		return nil
	}
	summary := func(f *file, a *welford) {
		n, mean, sd, lo, hi := a.summary()
		f.num(float64(n), true)
		f.num(mean, false)
		f.num(sd, false)
		f.num(lo, false)
		f.num(hi, false)
	}
	pts := w.files[PointsFile]
	for k, m := range p.metrics {
		ids(pts)
		pts.str(m.Name)
		summary(pts, &w.metrics[k])
		if err := pts.end(); err != nil {
			return err
		}
	}
	ts := w.files[TimeseriesFile]
	for t := 0; t <= steps; t++ {
		for v, name := range seriesVars {
			ids(ts)
			ts.num(float64(t), true)
			ts.str(name)
			summary(ts, &w.series[t*len(seriesVars)+v])
			if err := ts.end(); err != nil {
				return err
			}
		}
	}
	w.metrics, w.series = nil, nil
	return nil
}

// finish closes the files, draws the charts and marks the folder complete.
func (w *writer) finish(start time.Time, rep *Report) error {
	for _, f := range w.files {
		if err := f.close(); err != nil {
			return err
		}
	}
	w.files = nil
	formats := w.opt.Formats
	if formats == nil {
		formats = w.p.st.Scenario.Outputs.Formats
	}
	if w.p.shard.whole() && len(formats) > 0 {
		charts, err := DrawSweep(w.dir, w.dir, formats, ChartOptions{})
		if err != nil {
			return fmt.Errorf("drawing charts: %w", err)
		}
		rep.Charts = charts
	}
	if err := writeMeta(w.path(MetaFile), w.p, start, w.opt.Workers); err != nil {
		return err
	}
	m := w.p.manifest()
	m.RunSeries = w.opt.RunTimeseries
	m.Complete = true
	if err := writeJSON(w.path(ManifestFile), m); err != nil {
		return err
	}
	return os.Remove(w.path(ProgressFile))
}

// Meta is a sweep's meta.json: build, times and workers. Unlike the CSV
// files it differs between runs.
type Meta struct {
	sim.BuildInfo
	Scenario     string  `json:"scenario"`
	ScenarioHash string  `json:"scenario_hash"`
	ScenarioSeed uint64  `json:"scenario_seed"`
	Shard        Shard   `json:"shard"`
	Workers      int     `json:"workers"`
	Finished     string  `json:"finished"`
	WallSeconds  float64 `json:"wall_seconds_last_session"`
}

func writeMeta(path string, p *plan, start time.Time, workers int) error {
	return writeJSON(path, Meta{
		BuildInfo: sim.Build(), Scenario: p.st.Scenario.Name, ScenarioHash: p.st.Loaded.Hash(),
		ScenarioSeed: p.st.Seed, Shard: p.shard, Workers: workers,
		Finished: time.Now().UTC().Format(time.RFC3339Nano), WallSeconds: time.Since(start).Seconds(),
	})
}

// writeJSON writes v indented to path through a temporary file and a rename.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(append(b, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if e := f.Close(); err == nil {
		err = e
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
