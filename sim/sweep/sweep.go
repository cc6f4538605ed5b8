package sweep

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/observable"
	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
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
	DataPackageFile    = output.DataPackageFile
	checkpointInterval = 2 * time.Second
)

// The series a sweep writes, of those of a run folder's timeseries.csv
// (observable): pointSeries are summarised per point in
// point_timeseries.csv, in this order; runSeries are the columns of
// runs_timeseries.csv, in timeseries.csv's order.
var (
	pointSeries = observable.Pick(observable.SeriesOf(nil, nil), "active_share", "cumulative_share", "aware_share", "members_share")
	runSeries   = observable.Pick(observable.SeriesOf(nil, nil), "alive", "aware", "active", "members", "new_active", "cumulative", "lapsed", "active_share", "cumulative_share")
)

// Shard is a slice of a sweep: the points p with p mod Count == Index. A
// sweep is sharded by whole points, so that every shard computes its
// points' summaries exactly as a single machine would, and merging is
// interleaving.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

func (s Shard) whole() bool { return s.Count <= 1 }

// check refuses a shard outside 0 ≤ Index < Count; the zero Shard is the
// whole sweep.
func (s Shard) check() error {
	switch {
	case s.Count < 0 || s.Count == 0 && s.Index != 0:
		return fmt.Errorf("shard %d/%d: the count must be at least 1", s.Index, s.Count)
	case s.Count > 0 && (s.Index < 0 || s.Index >= s.Count):
		return fmt.Errorf("shard %d/%d: the index must be in 0..%d", s.Index, s.Count, s.Count-1)
	}
	return nil
}

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
	// Note, if set, is told what a resume does that the user should know,
	// such as starting a folder over because it has no usable checkpoint.
	Note func(msg string)
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

// ResumeError reports a folder that Run with Resume may not continue: not a
// sweep folder, or one of another scenario, shard or connact version; a
// user mistake (exit code 2).
type ResumeError struct {
	Dir    string
	Reason string // follows Dir: "holds a sweep of another scenario ..."
}

func (e *ResumeError) Error() string { return e.Dir + " " + e.Reason }

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
	// Files are the data files of a complete folder, by name, as finish
	// (or Merge) wrote them: merge verifies every shard's files against
	// them. Manifests written before connact recorded them have none.
	Files map[string]FileSum `json:"files,omitempty"`
}

// FileSum describes a data file of a complete sweep folder.
type FileSum struct {
	Bytes  int64  `json:"bytes"`
	Rows   int64  `json:"rows"` // lines after the header (connact's rows hold no newline)
	SHA256 string `json:"sha256"`
}

// summer hashes and counts what is written through it.
type summer struct {
	h     hash.Hash
	bytes int64
	lines int64
}

func newSummer() *summer { return &summer{h: sha256.New()} }

func (s *summer) Write(b []byte) (int, error) {
	s.h.Write(b) // a hash never fails
	s.bytes += int64(len(b))
	s.lines += int64(bytes.Count(b, []byte{'\n'}))
	return len(b), nil
}

func (s *summer) sum() FileSum {
	return FileSum{Bytes: s.bytes, Rows: s.lines - 1, SHA256: hex.EncodeToString(s.h.Sum(nil))}
}

// sumFile reads the file at path and describes it.
func sumFile(path string) (FileSum, error) {
	f, err := os.Open(path)
	if err != nil {
		return FileSum{}, err
	}
	defer f.Close()
	s := newSummer()
	if _, err := io.CopyBuffer(s, f, make([]byte, 1<<20)); err != nil {
		return FileSum{}, err
	}
	return s.sum(), nil
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
	st         *runner.Study
	shard      Shard
	points     int // of the whole sweep
	perPoint   int // runs per point: conditions × replicates
	shardPts   int
	shardRuns  int
	metrics    []observable.Metric
	conditions []string
}

func newPlan(st *runner.Study, sh Shard) *plan {
	p := &plan{st: st, shard: sh, points: st.Plan.Points(), perPoint: st.Plan.Conditions() * st.Replicates}
	p.conditions = st.Plan.ConditionNames()
	if sh.whole() {
		p.shard = Shard{0, 1}
	}
	// The points Index, Index+Count, ... below points, counted without
	// Index+Count or points+Count, which overflow for a huge Count.
	if p.shard.Index >= 0 && p.shard.Index < p.points {
		p.shardPts = (p.points-p.shard.Index-1)/p.shard.Count + 1
	}
	p.shardRuns = p.shardPts * p.perPoint
	var orgs []string
	for _, o := range st.Scenario.Organisations {
		orgs = append(orgs, o.Name)
	}
	var acts []string
	if len(st.Scenario.Actions) > 0 {
		acts = scenario.ActionNames(st.Scenario)
	}
	p.metrics = observable.MetricsWith(orgs, observable.Optional{Outcome: st.Scenario.Outcome != nil, Actions: acts})
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

// fields describe the columns of the files, in order: their names are the
// headers, and datapackage.json is written from them.
func (p *plan) fields() map[string][]output.Field {
	params := make([]output.Field, len(p.st.Plan.Names))
	types := p.st.Plan.Types()
	for k, name := range p.st.Plan.Names {
		params[k] = output.Field{Name: name, Type: types[k], Description: "sweep parameter: the scenario field " + p.st.Plan.Paths[k]}
	}
	ids := func(extra ...[]output.Field) []output.Field {
		h := append(output.IDFields("point", "condition"), params...)
		for _, e := range extra {
			h = append(h, e...)
		}
		return h
	}
	return map[string][]output.Field{
		RunsFile:          ids(output.IDFields("replicate", "seed"), output.MetricFields(p.metrics)),
		PointsFile:        ids(output.IDFields("metric"), output.SummaryFields(nil)),
		TimeseriesFile:    ids(output.IDFields("step", "variable"), output.SummaryFields(nil)),
		RunTimeseriesFile: ids(output.IDFields("replicate", "seed", "step"), output.SeriesFields(runSeries)),
	}
}

// headers of the files.
func (p *plan) headers() map[string][]string {
	h := map[string][]string{}
	for name, fs := range p.fields() {
		h[name] = output.FieldNames(fs)
	}
	return h
}

// writeDataPackage writes datapackage.json, describing the folder's CSV
// files (fileNames) from the same fields as their headers.
func writeDataPackage(path string, p *plan, names []string) error {
	fs := p.fields()
	var res []output.Resource
	for _, name := range names {
		res = append(res, output.CSVResource(name, fs[name]))
	}
	b, err := output.NewDataPackage(p.st.Scenario.Name, "connact sweep folder: per-run metrics of every point, condition and replicate, and their summaries per point", res).JSON()
	if err != nil {
		return err
	}
	return writeFile(path, b)
}

// Run runs a sweep (or one shard of it) into opt.Dir, streaming results to
// disk in run order and checkpointing every few seconds, so that an
// interrupted sweep resumes where it stopped and ends byte-identical to an
// uninterrupted one, whatever the number of workers.
func Run(ctx context.Context, st *runner.Study, opt Options) (*Report, error) {
	start := time.Now()
	if err := opt.Shard.check(); err != nil {
		return nil, err
	}
	p := newPlan(st, opt.Shard)
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
		if err := output.CheckPlace(dir); err != nil {
			return nil, err
		}
		lock, err := output.LockFolder(dir) // no other connact writes it meanwhile
		if err != nil {
			return nil, err
		}
		w.lock = lock
		err = w.resume(ctx)
		if err != nil {
			w.lock.Release()
		}
		if errors.Is(err, errComplete) {
			rep.Done, rep.Resumed, rep.Complete = p.shardRuns, p.shardRuns, true
			return rep, nil
		}
		if err != nil {
			return nil, err
		}
	default:
		// An existing dir is replaced (by create, once the new folder is
		// complete) only with Force and only when connact wrote it.
		if err := output.CheckDir(dir, opt.Force); err != nil {
			return nil, err
		}
		if err := w.create(ctx); err != nil {
			return nil, err
		}
	}
	defer w.lock.Release() // the folder is this process's until it returns
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
	files map[string]*output.Table
	done  int             // shard runs written
	lock  *output.TempDir // a folder made by create, locked until Run returns

	// Running means of the point and condition in progress.
	metrics []runner.Welford
	series  []runner.Welford // [step·len(pointSeries) + series]
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

// create starts a new sweep folder: scenario.yaml, manifest.json, the CSV
// headers and the first checkpoint are written into a hidden temporary
// folder beside dir and renamed into place (an existing dir, checked by
// Run, moved aside first and removed after), so that a sweep killed while
// starting leaves no half-made folder that could not be resumed. The open
// files survive the rename; the folder stays locked (w.lock) while the
// sweep runs.
func (w *writer) create(ctx context.Context) error {
	td, err := output.NewTempDir(w.dir)
	if err != nil {
		return err
	}
	final := w.dir
	w.dir = td.Path
	defer func() {
		w.dir = final
		if w.lock == nil { // not installed
			w.closeAll()
			td.Remove()
		}
	}()
	if err := os.WriteFile(w.path(ScenarioFile), w.p.st.Loaded.Resolved(), 0o644); err != nil {
		return err
	}
	m := w.p.manifest()
	m.RunSeries = w.opt.RunTimeseries
	if err := writeJSON(w.path(ManifestFile), m); err != nil {
		return err
	}
	if err := writeDataPackage(w.path(DataPackageFile), w.p, w.fileNames()); err != nil {
		return err
	}
	w.files = map[string]*output.Table{}
	hdr := w.p.headers()
	for _, name := range w.fileNames() {
		f, err := output.CreateTable(w.path(name), hdr[name])
		if err != nil {
			return err
		}
		w.files[name] = f
	}
	if err := w.checkpoint(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil { // interrupted while starting: nothing to keep
		return err
	}
	if err := td.Install(final, w.opt.Force); err != nil {
		return err
	}
	w.lock = td
	return nil
}

// resume reopens an interrupted sweep folder at its last checkpoint.
//
// A sweep can be stopped at any moment, so resume also takes the folders
// that a stop before the first checkpoint leaves, which a batch system's
// retry (always with --resume) must be able to continue: an empty folder is
// started, and a folder of this sweep without a usable checkpoint (none
// yet, or one that a full disk or a hand spoiled) is started over, after
// removing connact's own files. Anything else is refused with a
// ResumeError: a folder connact did not write, or one of another scenario,
// shard or connact version, whose results a resume would mix with this
// one's.
func (w *writer) resume(ctx context.Context) error {
	refuse := func(format string, args ...any) error {
		return &ResumeError{Dir: w.dir, Reason: fmt.Sprintf(format, args...)}
	}
	var m Manifest
	if err := readJSON(w.path(ManifestFile), &m); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			return refuse("is not a sweep folder to resume: %v", err)
		}
		// No manifest: an empty folder, or one killed before its manifest.
		if err := w.startedBefore(); err != nil {
			return refuse("is not a sweep folder to resume (it has no %s): %v", ManifestFile, err)
		}
		return w.startOver(ctx, "")
	}
	want := w.p.manifest()
	switch {
	case m.Version == "" || m.ScenarioHash == "":
		return refuse("is not a sweep folder to resume: its %s names no connact_version or scenario_hash", ManifestFile)
	case m.Version != want.Version:
		return refuse("holds a sweep written by connact %s, and this is connact %s: resuming it would mix the results of two versions, which are not byte-identical. Finish it with connact %s, or start it over with --force (or use another --out)", m.Version, want.Version, m.Version)
	case m.ScenarioHash != want.ScenarioHash:
		return refuse("holds a sweep of another scenario (hash %.12s, this one %.12s); use another --out", m.ScenarioHash, want.ScenarioHash)
	case m.Shard != want.Shard:
		return refuse("holds shard %s, not %s", m.Shard, want.Shard)
	case m.Complete:
		return errComplete
	}
	w.opt.RunTimeseries = m.RunSeries
	var pr progress
	err := readJSON(w.path(ProgressFile), &pr)
	if err == nil {
		err = w.usable(&pr)
	}
	if err != nil {
		if ferr := w.ownFiles(); ferr != nil {
			return refuse("has no usable checkpoint (%v), and cannot be started over: %v", err, ferr)
		}
		return w.startOver(ctx, fmt.Sprintf("%s has no usable checkpoint (%v): starting the sweep over", w.dir, err))
	}
	w.files = map[string]*output.Table{}
	for _, name := range w.fileNames() {
		f, err := output.AppendTable(w.path(name), pr.Sizes[name])
		if err != nil {
			w.closeAll()
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

// usable checks a checkpoint against the sweep: a checkpoint is written
// whole (through a rename), but may be of another scenario or spoiled by
// hand, and one that does not fit would cut the files wrongly.
func (w *writer) usable(pr *progress) error {
	p := w.p
	switch {
	case pr.Hash != p.st.Loaded.Hash():
		return fmt.Errorf("%s is of another scenario (hash %.12s)", ProgressFile, pr.Hash)
	case pr.Done < 0 || pr.Done > p.shardRuns:
		return fmt.Errorf("%s counts %d runs done, not in 0..%d", ProgressFile, pr.Done, p.shardRuns)
	}
	hdr := p.headers()
	for _, name := range w.fileNames() {
		size, ok := pr.Sizes[name]
		if min := output.RowSize(hdr[name]); !ok || size < min {
			return fmt.Errorf("%s gives %s no size of at least its header's %d bytes", ProgressFile, name, min)
		}
	}
	if pr.Done%p.st.Replicates == 0 {
		if len(pr.Metrics) != 0 || len(pr.Series) != 0 {
			return fmt.Errorf("%s holds accumulators between two points", ProgressFile)
		}
	} else if len(pr.Metrics) != len(p.metrics) || len(pr.Series) == 0 || len(pr.Series)%len(pointSeries) != 0 {
		return fmt.Errorf("%s holds %d metric and %d series accumulators, not %d and a multiple of %d", ProgressFile, len(pr.Metrics), len(pr.Series), len(p.metrics), len(pointSeries))
	}
	return nil
}

// ownFiles checks that the folder holds connact's files only, so that
// starting it over loses nothing anyone else made.
func (w *writer) ownFiles() error {
	ents, err := os.ReadDir(w.dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if !e.Type().IsRegular() || !output.IsOwned(w.dir, e.Name()) {
			return fmt.Errorf("it holds %s, which connact did not write: move it away", e.Name())
		}
	}
	return nil
}

// startedBefore checks that a folder without a manifest is empty or holds
// only what a sweep killed (or stopped by a full disk) before writing its
// manifest leaves: the temporary forms of connact's JSON files, and a
// scenario.yaml that is this sweep's, whole or cut short.
func (w *writer) startedBefore() error {
	ents, err := os.ReadDir(w.dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		name := e.Name()
		switch {
		case !e.Type().IsRegular():
		case name == ManifestFile+".tmp" || name == ProgressFile+".tmp":
			continue
		case name == ScenarioFile:
			b, err := os.ReadFile(w.path(name))
			if err == nil && bytes.HasPrefix(w.p.st.Loaded.Resolved(), b) {
				continue
			}
		}
		return fmt.Errorf("it holds %s, which is not this sweep's", name)
	}
	return nil
}

// startOver removes connact's files from the folder (checked by ownFiles
// or startedBefore) and the folder itself, now empty, and creates the
// sweep anew. note, if not empty, is told to the user.
func (w *writer) startOver(ctx context.Context, note string) error {
	if note != "" && w.opt.Note != nil {
		w.opt.Note(note)
	}
	if _, err := output.RemoveOwned(w.dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		// A folder that cannot be removed (a mount point) is left; create
		// then refuses to replace it.
		return err
	}
	w.done, w.metrics, w.series = 0, nil, nil
	w.lock.Release() // the old folder's; create locks the new one
	w.lock = nil
	return w.create(ctx)
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
		n, err := f.Sync()
		if err != nil {
			return err
		}
		pr.Sizes[name] = n
	}
	if w.done%w.p.st.Replicates != 0 { // a point and condition in progress
		for _, a := range w.metrics {
			pr.Metrics = append(pr.Metrics, stateOf(a))
		}
		for _, a := range w.series {
			pr.Series = append(pr.Series, stateOf(a))
		}
	}
	w.last = time.Now()
	return writeJSON(w.path(ProgressFile), pr)
}

func (w *writer) closeAll() {
	for _, f := range w.files {
		f.Abort()
	}
	w.files = nil
}

// run runs the shard's remaining runs.
func (w *writer) run(ctx context.Context) error {
	p := w.p
	total := p.shardRuns
	from := w.done
	w.last = time.Now()
	work := func(j int) (*runner.Result, error) { return p.st.RunContext(ctx, p.global(from+j)) }
	return runner.OrderedParallel(ctx, total-from, w.opt.Workers, work, func(_ int, r *runner.Result) error {
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

// runRows is a run with what its rows begin with.
type runRows struct {
	*runner.Result
	cond   string
	values []string // the point's parameters, as runs.csv writes them
	seed   string
}

// emit writes run r, the next in run order, in stages: its values join the
// running means of its point and condition, its row of runs.csv and rows
// of runs_timeseries.csv are written, and after the condition's last
// replicate the point's summaries.
func (w *writer) emit(r *runner.Result) error {
	rr := runRows{Result: r, cond: w.p.conditions[r.Condition], values: w.p.st.Plan.Values(r.Point), seed: strconv.FormatUint(r.Seed, 10)}
	for _, stage := range []func(runRows) error{w.accumulate, w.writeRun, w.writeRunSeries} {
		if err := stage(rr); err != nil {
			return err
		}
	}
	if r.Replicate < w.p.st.Replicates-1 {
		return nil
	}
	return w.summarise(rr)
}

// begin starts a row of f with the identifiers of r's point and
// condition: point, condition and the parameters' values.
func (w *writer) begin(f *output.Table, r runRows) {
	f.Begin()
	f.Int(r.Point)
	f.Text(r.cond)
	for _, v := range r.values {
		f.Text(v)
	}
}

// accumulate adds r's metrics and point series to the running means, which
// a point's first replicate starts.
func (w *writer) accumulate(r runRows) error {
	p := w.p
	steps := r.Obs.Steps
	if r.Replicate == 0 {
		w.metrics = make([]runner.Welford, len(p.metrics))
		w.series = make([]runner.Welford, (steps+1)*len(pointSeries))
	} else if len(w.metrics) != len(p.metrics) || len(w.series) != (steps+1)*len(pointSeries) {
		// Only a checkpoint spoiled by hand can get here (see usable).
		return fmt.Errorf("%s: the checkpoint's accumulators do not fit point %d (%d steps); remove %s to start the sweep over", w.dir, r.Point, steps, ProgressFile)
	}
	for k, m := range p.metrics {
		w.metrics[k].Add(m.Value(&r.Metrics, &r.Network))
	}
	all := observable.All(r.Obs, r.N)
	for t := 0; t <= steps; t++ {
		for v, s := range pointSeries {
			w.series[t*len(pointSeries)+v].Add(s.Value(all, t))
		}
	}
	return nil
}

// writeRun writes r's row of runs.csv.
func (w *writer) writeRun(r runRows) error {
	f := w.files[RunsFile]
	w.begin(f, r)
	f.Int(r.Replicate)
	f.Text(r.seed)
	for _, m := range w.p.metrics {
		f.Number(m.Value(&r.Metrics, &r.Network), m.Integer)
	}
	return f.End()
}

// writeRunSeries writes r's rows of runs_timeseries.csv, if the sweep
// writes it.
func (w *writer) writeRunSeries(r runRows) error {
	f := w.files[RunTimeseriesFile]
	if f == nil {
		return nil
	}
	all := observable.All(r.Obs, r.N)
	for t := 0; t <= r.Obs.Steps; t++ {
		w.begin(f, r)
		f.Int(r.Replicate)
		f.Text(r.seed)
		f.Int(t)
		for _, s := range runSeries {
			f.Number(s.Value(all, t), s.Integer)
		}
		if err := f.End(); err != nil {
			return err
		}
	}
	return nil
}

// summarise writes the point and condition's rows of points.csv and
// point_timeseries.csv from the running means, and drops them.
func (w *writer) summarise(r runRows) error {
	pts := w.files[PointsFile]
	for k, m := range w.p.metrics {
		w.begin(pts, r)
		pts.Text(m.Name)
		pts.Summary(w.metrics[k].Summary(m.Binary))
		if err := pts.End(); err != nil {
			return err
		}
	}
	ts := w.files[TimeseriesFile]
	for t := 0; t <= r.Obs.Steps; t++ {
		for v, s := range pointSeries {
			w.begin(ts, r)
			ts.Int(t)
			ts.Text(s.Name)
			ts.Summary(w.series[t*len(pointSeries)+v].Summary(false))
			if err := ts.End(); err != nil {
				return err
			}
		}
	}
	w.metrics, w.series = nil, nil
	return nil
}

// finish closes the files, draws the charts and marks the folder complete,
// recording in the manifest every data file's size, rows and SHA-256, read
// back from the closed file, for merge to verify.
func (w *writer) finish(start time.Time, rep *Report) error {
	for _, f := range w.files {
		if err := f.Close(); err != nil {
			return err
		}
	}
	w.files = nil
	sums := map[string]FileSum{}
	for _, name := range w.fileNames() {
		s, err := sumFile(w.path(name))
		if err != nil {
			return err
		}
		sums[name] = s
	}
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
	// Again: a folder resumed from an older connact may not have it.
	if err := writeDataPackage(w.path(DataPackageFile), w.p, w.fileNames()); err != nil {
		return err
	}
	m := w.p.manifest()
	m.RunSeries = w.opt.RunTimeseries
	m.Complete = true
	m.Files = sums
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
	b, err := output.IndentJSON(v)
	if err != nil {
		return err
	}
	return writeFile(path, b)
}

// writeFile writes b to path through a temporary file and a rename.
func writeFile(path string, b []byte) error { return output.WriteFileSynced(path, b) }

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
