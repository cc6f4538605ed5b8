package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/connact/connact/sim/network"
	"github.com/connact/connact/sim/observable"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// File names of a run folder.
const (
	TimeseriesFile       = "timeseries.csv"
	GroupsFile           = "groups.csv"
	SummaryFile          = "summary.csv"
	AggregateFile        = "aggregate.csv"
	SummaryAggregateFile = "summary_aggregate.csv"
	ContrastsFile        = "contrasts.csv" // with common_random_numbers and two conditions or more
	ScenarioFile         = "scenario.yaml"
	MetaFile             = "meta.json"
)

// ExistsError reports an output folder that is already there: connact never
// replaces what a user has without being asked (--force).
type ExistsError struct{ Dir string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists; choose another --out or pass --force to replace it", e.Dir)
}

// RunOptions say where and how a run is written.
type RunOptions struct {
	Dir     string   // the run folder to create
	Force   bool     // replace an existing folder
	Workers int      // parallel runs
	Formats []string // chart formats; nil = the scenario's outputs.formats
	// Progress, if set, is called after each run is written.
	Progress func(done, total int)
	// Agents, if not empty, are the steps of the agent snapshots written
	// to agents.csv (ParseAgentSteps; Final is each run's last step).
	Agents []int
	// AgentsFormat is the snapshots' format: scenario.AgentsCSV (or "")
	// or scenario.AgentsParquet, agents.parquet instead of agents.csv.
	AgentsFormat string
}

// ConditionReport is what a run prints about one condition: the summary of
// each per-run metric across replicates.
type ConditionReport struct {
	Name    string
	Metrics map[string]runner.Summary
}

// ContrastReport is what a run with common random numbers prints about one
// condition against the baseline (the first condition): the paired
// difference of each per-run metric across replicates.
type ContrastReport struct {
	Name, Baseline string
	Metrics        map[string]runner.Paired
}

// RunReport describes a finished run folder.
type RunReport struct {
	Dir        string
	Runs       int
	Conditions []ConditionReport
	Contrasts  []ContrastReport // with common_random_numbers and two conditions or more
	Charts     []string
	Wall       time.Duration

	firstNetwork network.Stats
}

// WriteRun runs every run of the study and writes the run folder: the tidy
// CSV files, the resolved scenario, meta.json and the charts. Everything is
// written into a hidden temporary folder beside the target and renamed into
// place only when complete, so an interrupted or failed run leaves nothing
// half-written behind. CSV rows are written in run order whatever the number
// of workers, which makes the CSV files byte-identical for the same scenario
// and seed.
func WriteRun(ctx context.Context, st *runner.Study, opt RunOptions) (*RunReport, error) {
	start := time.Now()
	final := filepath.Clean(opt.Dir)
	if err := CheckDir(final, opt.Force); err != nil {
		return nil, err
	}
	td, err := NewTempDir(final)
	if err != nil {
		return nil, err
	}
	defer td.Remove() // the temporary folder unless installed; the lock
	tmp := td.Path
	rep, err := writeTables(ctx, st, tmp, opt)
	if err != nil {
		return nil, err
	}
	formats := opt.Formats
	if formats == nil {
		formats = st.Scenario.Outputs.Formats
	}
	charts, err := drawRun(ctx, tmp, tmp, formats)
	if ctx.Err() != nil {
		return nil, ctx.Err() // interrupted: the temporary folder goes
	}
	if err != nil {
		return nil, fmt.Errorf("drawing charts: %w", err)
	}
	for _, c := range charts {
		rep.Charts = append(rep.Charts, filepath.Join(final, filepath.Base(c)))
	}
	rep.Wall = time.Since(start)
	if err := writeMeta(filepath.Join(tmp, MetaFile), st, rep, start, opt.Workers); err != nil {
		return nil, err
	}
	if err := td.Install(final, opt.Force); err != nil {
		return nil, err
	}
	rep.Dir = final
	return rep, nil
}

// writeTables writes the run folder's scenario.yaml, CSV files and
// datapackage.json into dir, running every run of the study.
func writeTables(ctx context.Context, st *runner.Study, dir string, opt RunOptions) (*RunReport, error) {
	if err := os.WriteFile(filepath.Join(dir, ScenarioFile), st.Loaded.Resolved(), 0o644); err != nil {
		return nil, err
	}
	w := &runWriter{ctx: ctx, st: st, dir: dir, quantiles: st.Scenario.Outputs.Quantiles, rep: &RunReport{Runs: st.Runs()}}
	defer w.abort()
	var agents *agentWriter
	var attach runner.Attach
	if len(opt.Agents) > 0 {
		var err error
		if agents, err = newAgentWriter(st, dir, opt.Agents); err != nil {
			return nil, err
		}
		defer agents.abort()
		attach = agents.attach
	}
	done := 0
	err := st.RunAllAttached(ctx, opt.Workers, attach, func(r *runner.Result) error {
		if err := w.add(r); err != nil {
			return err
		}
		if agents != nil {
			if err := agents.add(r); err != nil {
				return err
			}
		}
		done++
		if opt.Progress != nil {
			opt.Progress(done, st.Runs())
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if agents != nil {
		if err := agents.close(); err != nil {
			return nil, err
		}
		fields := agentFields(agents.actions)
		res := CSVResource(AgentsFile, fields)
		if opt.AgentsFormat == scenario.AgentsParquet {
			if res, err = agentsParquet(dir, fields); err != nil {
				return nil, err
			}
		}
		if w.timeseriesCSV != nil {
			w.pkg.Resources = append(w.pkg.Resources, res)
		}
	}
	if err := w.close(); err != nil {
		return nil, err
	}
	return w.rep, nil
}

// runWriter writes the CSV files of a run folder as the study's results
// arrive, in run order, in four stages: open (the first result fixes the
// columns and creates the files with their headers), add (a run's rows of
// timeseries.csv, groups.csv and summary.csv; its values are kept for its
// condition's summaries), summarise (after a condition's last replicate,
// its rows of aggregate.csv and summary_aggregate.csv) and close (the
// files, then datapackage.json). A sweep's writer (sim/sweep) has the same
// stages and shares the columns (observable), the Table and the summary
// rows; it keeps running means instead of every replicate's values.
type runWriter struct {
	ctx       context.Context
	st        *runner.Study
	dir       string
	quantiles []float64
	rep       *RunReport

	// Fixed by the first run.
	steps   int
	series  []observable.Series // timeseries.csv's, and aggregate.csv's variables
	groups  []observable.Series // groups.csv's
	metrics []observable.Metric // summary.csv's, and summary_aggregate.csv's
	pkg     DataPackage

	timeseriesCSV, groupsCSV, summaryCSV, aggregateCSV, summaryAggregateCSV *Table

	kept *condStore // the values of the condition in progress

	// With common random numbers and two conditions or more: contrasts.csv,
	// and every condition's metrics, arms[c][k][r] in replicate order.
	contrasts    bool
	contrastsCSV *Table
	arms         [][][]float64
}

// condStore keeps one condition's values until its last replicate is in:
// series[v][t] and metrics[k] collect one value per replicate, for the
// quantiles and two-pass summaries across replicates (runner.Summarise).
type condStore struct {
	series  [][][]float64
	metrics [][]float64
}

// interruptEvery is how many steps of a run's rows are written between two
// looks at ctx: a run of 10^5 steps takes seconds to write.
const interruptEvery = 1024

// tables are the writer's files, in the order of runPackage's resources.
func (w *runWriter) tables() []**Table {
	t := []**Table{&w.timeseriesCSV, &w.groupsCSV, &w.summaryCSV, &w.aggregateCSV, &w.summaryAggregateCSV}
	if w.contrasts {
		t = append(t, &w.contrastsCSV)
	}
	return t
}

// open takes the columns from the study's first run r (its mechanisms and
// organisations, its number of steps) and creates the files with their
// headers, the names of datapackage.json's fields.
func (w *runWriter) open(r *runner.Result) error {
	w.rep.firstNetwork = r.Network
	w.steps = r.Obs.Steps
	w.series = observable.SeriesWith(r.Obs.Mechanisms, r.Obs.Organisations, w.st.Optional(), w.st.Accounts()...)
	w.groups = observable.GroupSeries()
	w.metrics = observable.MetricsWith(r.Obs.Organisations, w.st.Optional())
	w.contrasts = w.st.Scenario.CommonRandomNumbers && len(w.st.Conditions) >= 2
	w.pkg = runPackage(w.st.Scenario.Name, w.series, w.groups, w.metrics, w.quantiles, w.contrasts)
	for k, res := range w.pkg.Resources {
		t, err := CreateTable(filepath.Join(w.dir, res.Path), FieldNames(res.Schema.Fields))
		if err != nil {
			return err
		}
		*w.tables()[k] = t
	}
	return nil
}

// add writes run r, the next in run order.
func (w *runWriter) add(r *runner.Result) error {
	if w.timeseriesCSV == nil {
		if err := w.open(r); err != nil {
			return err
		}
	}
	if r.Replicate == 0 {
		w.kept = &condStore{series: make([][][]float64, len(w.series)), metrics: make([][]float64, len(w.metrics))}
		for v := range w.series {
			w.kept.series[v] = make([][]float64, w.steps+1)
		}
	}
	for _, write := range []func(*runner.Result) error{w.writeSeries, w.writeGroups, w.writeMetrics} {
		if err := write(r); err != nil {
			return err
		}
	}
	if r.Replicate == w.st.Replicates-1 {
		return w.summarise(r.Condition)
	}
	return nil
}

// begin starts a row of t with run r's identifiers: condition, replicate
// and seed.
func (w *runWriter) begin(t *Table, r *runner.Result) {
	t.Begin()
	t.Text(w.st.Conditions[r.Condition].Name)
	t.Int(r.Replicate)
	t.Text(strconv.FormatUint(r.Seed, 10))
}

// interrupted is ctx's error every interruptEvery steps.
func (w *runWriter) interrupted(t int) error {
	if t%interruptEvery == 0 {
		return w.ctx.Err()
	}
	return nil
}

// writeSeries writes run r's rows of timeseries.csv and keeps its values.
func (w *runWriter) writeSeries(r *runner.Result) error {
	all := observable.All(r.Obs, r.N)
	for t := 0; t <= w.steps; t++ {
		if err := w.interrupted(t); err != nil {
			return err
		}
		w.begin(w.timeseriesCSV, r)
		w.timeseriesCSV.Int(t)
		for v, s := range w.series {
			x := s.Value(all, t)
			w.timeseriesCSV.Number(x, s.Integer)
			w.kept.series[v][t] = append(w.kept.series[v][t], x)
		}
		if err := w.timeseriesCSV.End(); err != nil {
			return err
		}
	}
	return nil
}

// writeGroups writes run r's rows of groups.csv, group by group.
func (w *runWriter) writeGroups(r *runner.Result) error {
	for g, name := range w.st.Conditions[r.Condition].GroupNames() {
		group := observable.Group(r.Obs, g)
		for t := 0; t <= w.steps; t++ {
			if err := w.interrupted(t); err != nil {
				return err
			}
			w.begin(w.groupsCSV, r)
			w.groupsCSV.Int(t)
			w.groupsCSV.Text(name)
			for _, s := range w.groups {
				w.groupsCSV.Number(s.Value(group, t), s.Integer)
			}
			if err := w.groupsCSV.End(); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeMetrics writes run r's row of summary.csv and keeps its values.
func (w *runWriter) writeMetrics(r *runner.Result) error {
	w.begin(w.summaryCSV, r)
	for k, m := range w.metrics {
		x := m.Value(&r.Metrics, &r.Network)
		w.summaryCSV.Number(x, m.Integer)
		w.kept.metrics[k] = append(w.kept.metrics[k], x)
	}
	return w.summaryCSV.End()
}

// summarise writes condition c's rows of aggregate.csv and
// summary_aggregate.csv from its replicates' values, and reports its
// metrics.
func (w *runWriter) summarise(c int) error {
	cond := w.st.Conditions[c].Name
	for t := 0; t <= w.steps; t++ {
		if err := w.interrupted(t); err != nil {
			return err
		}
		for v, s := range w.series {
			w.aggregateCSV.Begin()
			w.aggregateCSV.Text(cond)
			w.aggregateCSV.Int(t)
			w.aggregateCSV.Text(s.Name)
			w.aggregateCSV.Summary(runner.Summarise(w.kept.series[v][t], w.quantiles))
			if err := w.aggregateCSV.End(); err != nil {
				return err
			}
		}
	}
	if w.contrasts { // before summarising, which sorts the values
		arm := make([][]float64, len(w.metrics))
		for k := range w.metrics {
			arm[k] = slices.Clone(w.kept.metrics[k])
		}
		w.arms = append(w.arms, arm)
	}
	report := ConditionReport{Name: cond, Metrics: map[string]runner.Summary{}}
	for k, m := range w.metrics {
		s := summarise(m, w.kept.metrics[k], w.quantiles)
		report.Metrics[m.Name] = s
		w.summaryAggregateCSV.Begin()
		w.summaryAggregateCSV.Text(cond)
		w.summaryAggregateCSV.Text(m.Name)
		w.summaryAggregateCSV.Summary(s)
		if err := w.summaryAggregateCSV.End(); err != nil {
			return err
		}
	}
	w.rep.Conditions = append(w.rep.Conditions, report)
	if w.contrasts && c == len(w.st.Conditions)-1 {
		return w.writeContrasts()
	}
	return nil
}

// writeContrasts writes contrasts.csv, once every condition is in: each
// condition's paired differences from the first, metric by metric
// (runner.PairedDiff), and reports them.
func (w *runWriter) writeContrasts() error {
	base := w.st.Conditions[0].Name
	for c := 1; c < len(w.arms); c++ {
		report := ContrastReport{Name: w.st.Conditions[c].Name, Baseline: base, Metrics: map[string]runner.Paired{}}
		for k, m := range w.metrics {
			p := runner.PairedDiff(w.arms[0][k], w.arms[c][k])
			report.Metrics[m.Name] = p
			t := w.contrastsCSV
			t.Begin()
			t.Text(report.Name)
			t.Text(base)
			t.Text(m.Name)
			t.Int(p.N)
			for _, x := range []float64{p.Mean, p.SD, p.Lo, p.Hi, p.UnpairedLo, p.UnpairedHi} {
				t.Number(x, false)
			}
			if err := t.End(); err != nil {
				return err
			}
		}
		w.rep.Contrasts = append(w.rep.Contrasts, report)
	}
	return nil
}

// close closes the files and writes datapackage.json (a study of no runs
// writes neither: no run fixed the columns).
func (w *runWriter) close() error {
	if w.timeseriesCSV == nil {
		return nil
	}
	for _, t := range w.tables() {
		if err := (*t).Close(); err != nil {
			return err
		}
		*t = nil
	}
	b, err := w.pkg.JSON()
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(w.dir, DataPackageFile), b, 0o644)
}

// abort closes what close did not, after a failure.
func (w *runWriter) abort() {
	for _, t := range w.tables() {
		(*t).Abort()
	}
}

// runPackage describes the CSV files of a run folder, in the order
// runWriter.tables lists them; their headers are the fields' names.
func runPackage(scenario string, series, groups []observable.Series, metrics []observable.Metric, qs []float64, contrasts bool) DataPackage {
	cat := func(a ...[]Field) []Field {
		var out []Field
		for _, x := range a {
			out = append(out, x...)
		}
		return out
	}
	res := []Resource{
		CSVResource(TimeseriesFile, cat(IDFields("condition", "replicate", "seed", "step"), SeriesFields(series))),
		CSVResource(GroupsFile, cat(IDFields("condition", "replicate", "seed", "step", "group"), SeriesFields(groups))),
		CSVResource(SummaryFile, cat(IDFields("condition", "replicate", "seed"), MetricFields(metrics))),
		CSVResource(AggregateFile, cat(IDFields("condition", "step", "variable"), SummaryFields(qs))),
		CSVResource(SummaryAggregateFile, cat(IDFields("condition", "metric"), SummaryFields(qs))),
	}
	if contrasts {
		res = append(res, CSVResource(ContrastsFile, cat(IDFields("condition", "baseline", "metric"), ContrastFields())))
	}
	return NewDataPackage(scenario, "connact run folder: per-step and per-run results of each condition and replicate, and their summaries across replicates", res)
}
