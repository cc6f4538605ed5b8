package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/connact/connact/sim/network"
	"github.com/connact/connact/sim/runner"
)

// File names of a run folder.
const (
	TimeseriesFile       = "timeseries.csv"
	GroupsFile           = "groups.csv"
	SummaryFile          = "summary.csv"
	AggregateFile        = "aggregate.csv"
	SummaryAggregateFile = "summary_aggregate.csv"
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
}

// ConditionReport is what a run prints about one condition: the summary of
// each per-run metric across replicates.
type ConditionReport struct {
	Name    string
	Metrics map[string]runner.Summary
}

// RunReport describes a finished run folder.
type RunReport struct {
	Dir        string
	Runs       int
	Conditions []ConditionReport
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
	rep, err := writeRunFiles(ctx, st, tmp, opt)
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

// condStore keeps one condition's values until its last replicate is in:
// series[v][t] and metrics[k] collect one value per replicate.
type condStore struct {
	series  [][][]float64
	metrics [][]float64
}

// interruptEvery is how many steps of a run's rows are written between two
// looks at ctx: a run of 10^5 steps takes seconds to write.
const interruptEvery = 1024

func writeRunFiles(ctx context.Context, st *runner.Study, dir string, opt RunOptions) (*RunReport, error) {
	if err := os.WriteFile(filepath.Join(dir, ScenarioFile), st.Loaded.Resolved(), 0o644); err != nil {
		return nil, err
	}
	var ts, gs, su, ag, sa *table
	defer func() { ts.abort(); gs.abort(); su.abort(); ag.abort(); sa.abort() }()

	var cols []column
	var gcols []func(int) column
	var mets []Metric
	var pkg DataPackage
	var store *condStore
	quantiles := st.Scenario.Outputs.Quantiles
	rep := &RunReport{Runs: st.Runs()}
	steps := 0

	flush := func(c int) error {
		cr := ConditionReport{Name: st.Conditions[c].Name, Metrics: map[string]runner.Summary{}}
		for t := 0; t <= steps; t++ {
			if t%interruptEvery == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			for v, col := range cols {
				s := runner.Summarise(store.series[v][t], quantiles)
				ag.begin()
				ag.str(st.Conditions[c].Name)
				ag.num(float64(t), true)
				ag.str(col.name)
				writeSummary(ag, s)
				if err := ag.end(); err != nil {
					return err
				}
			}
		}
		for k, m := range mets {
			s := summarise(m, store.metrics[k], quantiles)
			cr.Metrics[m.Name] = s
			sa.begin()
			sa.str(st.Conditions[c].Name)
			sa.str(m.Name)
			writeSummary(sa, s)
			if err := sa.end(); err != nil {
				return err
			}
		}
		rep.Conditions = append(rep.Conditions, cr)
		return nil
	}

	done := 0
	emit := func(r *runner.Result) error {
		var err error
		if ts == nil { // the first run fixes the columns
			rep.firstNetwork = r.Network
			steps = r.Obs.Steps
			cols, gcols, mets = seriesColumns(r.Obs), groupColumns(), MetricColumns(r.Obs)
			pkg = runPackage(st.Scenario.Name, cols, gcols, mets, quantiles)
			tables := []**table{&ts, &gs, &su, &ag, &sa}
			for k, res := range pkg.Resources {
				if *tables[k], err = createTable(filepath.Join(dir, res.Path), FieldNames(res.Schema.Fields)); err != nil {
					return err
				}
			}
		}
		if r.Replicate == 0 {
			store = &condStore{series: make([][][]float64, len(cols)), metrics: make([][]float64, len(mets))}
			for v := range cols {
				store.series[v] = make([][]float64, steps+1)
			}
		}
		cond := st.Conditions[r.Condition].Name
		seed := strconv.FormatUint(r.Seed, 10)
		for t := 0; t <= steps; t++ {
			if t%interruptEvery == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			ts.begin()
			ts.str(cond)
			ts.num(float64(r.Replicate), true)
			ts.str(seed)
			ts.num(float64(t), true)
			for v, col := range cols {
				x := col.value(r, t)
				ts.num(x, col.integer)
				store.series[v][t] = append(store.series[v][t], x)
			}
			if err := ts.end(); err != nil {
				return err
			}
		}
		for g, name := range st.Conditions[r.Condition].GroupNames() {
			for t := 0; t <= steps; t++ {
				if t%interruptEvery == 0 && ctx.Err() != nil {
					return ctx.Err()
				}
				gs.begin()
				gs.str(cond)
				gs.num(float64(r.Replicate), true)
				gs.str(seed)
				gs.num(float64(t), true)
				gs.str(name)
				for _, f := range gcols {
					c := f(g)
					gs.num(c.value(r, t), c.integer)
				}
				if err := gs.end(); err != nil {
					return err
				}
			}
		}
		su.begin()
		su.str(cond)
		su.num(float64(r.Replicate), true)
		su.str(seed)
		for k, m := range mets {
			x := m.Value(r)
			su.num(x, m.Integer)
			store.metrics[k] = append(store.metrics[k], x)
		}
		if err := su.end(); err != nil {
			return err
		}
		if r.Replicate == st.Replicates-1 {
			if err := flush(r.Condition); err != nil {
				return err
			}
		}
		done++
		if opt.Progress != nil {
			opt.Progress(done, st.Runs())
		}
		return nil
	}
	if err := st.RunAll(ctx, opt.Workers, emit); err != nil {
		return nil, err
	}
	for _, t := range []**table{&ts, &gs, &su, &ag, &sa} {
		if err := (*t).close(); err != nil {
			return nil, err
		}
		*t = nil
	}
	if len(pkg.Resources) > 0 { // the first run fixed the columns
		b, err := pkg.JSON()
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, DataPackageFile), b, 0o644); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// summarise summarises one metric across replicates: a binary metric's
// mean is a proportion of runs, with Wilson's interval.
func summarise(m Metric, xs, qs []float64) runner.Summary {
	if m.Binary {
		return runner.SummariseBinary(xs, qs)
	}
	return runner.Summarise(xs, qs)
}

// runPackage describes the CSV files of a run folder, in the order
// writeRunFiles creates them; their headers are the fields' names.
func runPackage(scenario string, cols []column, gcols []func(int) column, mets []Metric, qs []float64) DataPackage {
	var series, groups []Field
	for _, c := range cols {
		series = append(series, c.field())
	}
	for _, f := range gcols {
		groups = append(groups, f(0).field())
	}
	cat := func(a ...[]Field) []Field {
		var out []Field
		for _, x := range a {
			out = append(out, x...)
		}
		return out
	}
	return NewDataPackage(scenario, "connact run folder: per-step and per-run results of each condition and replicate, and their summaries across replicates", []Resource{
		CSVResource(TimeseriesFile, cat(IDFields("condition", "replicate", "seed", "step"), series)),
		CSVResource(GroupsFile, cat(IDFields("condition", "replicate", "seed", "step", "group"), groups)),
		CSVResource(SummaryFile, cat(IDFields("condition", "replicate", "seed"), MetricFields(mets))),
		CSVResource(AggregateFile, cat(IDFields("condition", "step", "variable"), SummaryFields(qs))),
		CSVResource(SummaryAggregateFile, cat(IDFields("condition", "metric"), SummaryFields(qs))),
	})
}

// QuantileColumn is the column name of quantile level q: q5 for 0.05, q2.5 for 0.025.
func QuantileColumn(q float64) string {
	// Rounded to 6 decimals first: 0.95·100 is 94.99999999999999 in binary.
	s := strconv.FormatFloat(q*100, 'f', 6, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return "q" + s
}

func writeSummary(t *table, s runner.Summary) {
	t.num(float64(s.N), true)
	t.num(s.Mean, false)
	t.num(s.SD, false)
	t.num(s.Lo, false)
	t.num(s.Hi, false)
	for _, q := range s.Quantiles {
		t.num(q, false)
	}
}
