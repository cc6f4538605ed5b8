package output

import (
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/connact/connact/sim/plot"
)

// Aggregate is aggregate.csv read back: per condition and variable, the
// mean and 95% confidence interval at each step.
type Aggregate struct {
	Scenario   string
	TimeUnit   string
	Conditions []string // in file order
	// Vars[condition][variable] is the series of that variable.
	Vars map[string]map[string]*AggSeries
	// Variables in file order.
	Variables []string
}

// AggSeries is one variable of one condition over steps.
type AggSeries struct {
	Step, Mean, Lo, Hi []float64
}

// ReadAggregate reads a run folder's aggregate.csv and the scenario's name
// and time unit from its scenario.yaml.
func ReadAggregate(dir string) (*Aggregate, error) {
	return readAggregate(context.Background(), dir)
}

// readAggregate is ReadAggregate that stops once ctx is done: the file of
// a run of 10^5 steps takes a second to read.
func readAggregate(ctx context.Context, dir string) (*Aggregate, error) {
	a := &Aggregate{Vars: map[string]map[string]*AggSeries{}, TimeUnit: "step"}
	sb, err := os.ReadFile(filepath.Join(dir, ScenarioFile))
	if err != nil {
		return nil, fmt.Errorf("%s is not a connact run folder: %w", dir, err)
	}
	var head struct {
		Name     string `yaml:"name"`
		TimeUnit string `yaml:"time_unit"`
	}
	if err := yaml.Unmarshal(sb, &head); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ScenarioFile), err)
	}
	a.Scenario = head.Name
	if head.TimeUnit != "" {
		a.TimeUnit = head.TimeUnit
	}
	path := filepath.Join(dir, AggregateFile)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s is not a connact run folder: %w", dir, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	hdr, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	idx := map[string]int{}
	for i, h := range hdr {
		idx[h] = i
	}
	for _, need := range []string{"condition", "step", "variable", "mean", "ci95_lo", "ci95_hi"} {
		if _, ok := idx[need]; !ok {
			return nil, fmt.Errorf("%s: no column %q", path, need)
		}
	}
	seenVar := map[string]bool{}
	for line := 2; ; line++ {
		if line%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		num := func(col string) (float64, error) {
			s := rec[idx[col]]
			v, err := ParseNumber(s)
			if err != nil {
				return 0, fmt.Errorf("%s:%d: %s: %q is not a number", path, line, col, s)
			}
			return v, nil
		}
		cond, v := rec[idx["condition"]], rec[idx["variable"]]
		m, ok := a.Vars[cond]
		if !ok {
			m = map[string]*AggSeries{}
			a.Vars[cond] = m
			a.Conditions = append(a.Conditions, cond)
		}
		s, ok := m[v]
		if !ok {
			s = &AggSeries{}
			m[v] = s
		}
		if !seenVar[v] {
			seenVar[v] = true
			a.Variables = append(a.Variables, v)
		}
		var vals [4]float64
		for k, col := range []string{"step", "mean", "ci95_lo", "ci95_hi"} {
			if vals[k], err = num(col); err != nil {
				return nil, err
			}
		}
		s.Step = append(s.Step, vals[0])
		s.Mean = append(s.Mean, vals[1])
		s.Lo = append(s.Lo, vals[2])
		s.Hi = append(s.Hi, vals[3])
	}
	if len(a.Conditions) == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	return a, nil
}

// Metrics that charts can show, by the name used on the command line:
// the variable of aggregate.csv, the y label and the title (what the chart
// shows, not the file's name), and the file.
var chartMetrics = map[string]struct {
	variable, ylabel, title, file string
}{
	"active":     {"active_share", "Share active", "Share of the population active over time", "participation"},
	"cumulative": {"cumulative_share", "Share who ever took part", "Share of the population who ever took part", "cumulative"},
	"members":    {"members_share", "Share in an organisation", "Share of the population in an organisation", "members"},
	"aware":      {"aware_share", "Share aware", "Share of the population aware", "aware"},
}

// MetricNames lists the metrics charts can show.
func MetricNames() []string { return []string{"active", "cumulative", "members", "aware"} }

func axisLabel(unit string) string {
	u := strings.TrimSpace(unit)
	if u == "" {
		u = "step"
	}
	if !strings.HasSuffix(u, "s") {
		u += "s"
	}
	return "Time (" + u + ")"
}

func series(label string, s *AggSeries) plot.Series {
	return plot.Series{Label: label, X: s.Step, Mean: s.Mean, Lo: s.Lo, Hi: s.Hi}
}

func peak(s *AggSeries) float64 {
	p := 0.0
	for _, v := range s.Mean {
		if v > p {
			p = v
		}
	}
	return p
}

// runSeries chooses the lines of a run's chart of metric: one per condition
// when there are several; otherwise, for participation, one per mechanism
// that ever had participants when there are several such; otherwise one.
func runSeries(a *Aggregate, metric string) []plot.Series {
	v := chartMetrics[metric].variable
	var out []plot.Series
	if len(a.Conditions) > 1 {
		for _, c := range a.Conditions {
			if s := a.Vars[c][v]; s != nil {
				out = append(out, series(c, s))
			}
		}
		return out
	}
	c := a.Conditions[0]
	if metric == "active" {
		for _, name := range a.Variables {
			if mech, ok := strings.CutPrefix(name, "active_share_"); ok {
				if s := a.Vars[c][name]; s != nil && peak(s) > 0 {
					out = append(out, series(mech, s))
				}
			}
		}
		if len(out) > 1 {
			return out
		}
	}
	s := a.Vars[c][v]
	if s == nil {
		return nil
	}
	label := a.Scenario
	switch {
	case len(out) == 1: // the one mechanism that had participants names the total
		label = out[0].Label
	case c != "default":
		label = c
	}
	return []plot.Series{series(label, s)}
}

// hasOrganisations reports whether the run had organisations with members
// (a members_<org> variable with some members at some step).
func hasOrganisations(a *Aggregate) bool {
	for _, c := range a.Conditions {
		for _, name := range a.Variables {
			if strings.HasPrefix(name, "members_") && name != "members_share" {
				if s := a.Vars[c][name]; s != nil && peak(s) > 0 {
					return true
				}
			}
		}
	}
	return false
}

// DrawRun draws the standard charts of the run folder src into dst, in each
// format: participation, cumulative participation and, when organisations
// had members, membership. It returns the files written.
func DrawRun(src, dst string, formats []string) ([]string, error) {
	return drawRun(context.Background(), src, dst, formats)
}

// drawRun is DrawRun that stops between two charts once ctx is done (a
// chart of a run of 10^5 steps takes a second).
func drawRun(ctx context.Context, src, dst string, formats []string) ([]string, error) {
	charts, err := runCharts(ctx, src)
	if err != nil {
		return nil, err
	}
	var files []string
	save := func(file string, ch interface {
		Save(path string, w, h float64) error
	}) error {
		for _, f := range formats {
			if err := ctx.Err(); err != nil {
				return err
			}
			path := filepath.Join(dst, file+"."+f)
			if err := ch.Save(path, 0, 0); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			files = append(files, path)
		}
		return nil
	}
	for _, c := range charts {
		if err := save(c.file, c.chart); err != nil {
			return files, err
		}
	}
	if mix, ok, err := actionsChart(ctx, src); err != nil {
		return files, err
	} else if ok {
		if err := save(ActionsChart, mix); err != nil {
			return files, err
		}
	}
	return files, nil
}

// ActionsChart is the file name (without extension) of a run's chart of
// the action mix, drawn when the scenario has actions.
const ActionsChart = "actions"

// actionsChart is the chart of the action mix of the run folder src: the
// share of the population doing each action over time, one line per
// action, in one panel per condition when there are several. ok is false
// when the run has no actions.
func actionsChart(ctx context.Context, src string) (plot.Facets, bool, error) {
	a, err := readAggregate(ctx, src)
	if err != nil {
		return plot.Facets{}, false, err
	}
	var actions []string
	for _, name := range a.Variables {
		if act, ok := strings.CutPrefix(name, "doing_share_"); ok {
			actions = append(actions, act)
		}
	}
	if len(actions) == 0 {
		return plot.Facets{}, false, nil
	}
	ci, err := ReadChartInfo(filepath.Join(src, ScenarioFile))
	if err != nil {
		return plot.Facets{}, false, err
	}
	f := plot.Facets{Title: "Share of the population doing each action"}
	for _, c := range a.Conditions {
		panel := plot.Chart{XLabel: axisLabel(a.TimeUnit), YLabel: "Share doing the action", Events: ci.PlotEvents()}
		if len(a.Conditions) > 1 {
			panel.Title = c
		}
		for _, act := range actions {
			// An action no one did in a condition (not available there)
			// would only add a line along 0.
			if s := a.Vars[c]["doing_share_"+act]; s != nil && peak(s) > 0 {
				panel.Series = append(panel.Series, series(act, s))
			}
		}
		if len(panel.Series) > 0 {
			f.Panels = append(f.Panels, panel)
		}
	}
	if len(f.Panels) == 0 {
		return plot.Facets{}, false, nil
	}
	if len(f.Panels) == 1 { // one condition: the panel is the chart
		f.Panels[0].Title = ""
	}
	f.Colours = plot.Colours(actions)
	return f, true, nil
}

// runChart is one chart of a run folder and its file name (no extension).
type runChart struct {
	file  string
	chart plot.Chart
}

// runCharts builds the charts DrawRun draws.
func runCharts(ctx context.Context, src string) ([]runChart, error) {
	a, err := readAggregate(ctx, src)
	if err != nil {
		return nil, err
	}
	metrics := []string{"active", "cumulative"}
	if hasOrganisations(a) {
		metrics = append(metrics, "members")
	}
	ci, err := ReadChartInfo(filepath.Join(src, ScenarioFile))
	if err != nil {
		return nil, err
	}
	// One colour per line name across the run's charts (a mechanism or
	// condition keeps its colour from one chart to the next).
	charts := make([]plot.Chart, len(metrics))
	var keys []string
	for i, metric := range metrics {
		cm := chartMetrics[metric]
		charts[i] = plot.Chart{
			Title:  cm.title,
			XLabel: axisLabel(a.TimeUnit),
			YLabel: cm.ylabel,
			Series: runSeries(a, metric),
			Events: ci.PlotEvents(),
		}
		for k, s := range charts[i].Series {
			// A mechanism's line is coloured by its logic (the union of
			// collective.yaml blue, like the collective condition of
			// comparison.yaml).
			if logic := ci.Logic[s.Label]; logic != "" {
				charts[i].Series[k].Key = logic
			}
			keys = append(keys, cmp.Or(charts[i].Series[k].Key, s.Label))
		}
	}
	colours := plot.Colours(keys)
	out := make([]runChart, len(metrics))
	for i, metric := range metrics {
		charts[i].Colours = colours
		out[i] = runChart{chartMetrics[metric].file, charts[i]}
	}
	return out, nil
}

// DrawCompare overlays metric from several run folders on one chart, one
// line per folder (per folder and condition when a folder has several), and
// writes it to out with the extension of each format replaced.
//
// A line is named, and coloured, by its scenario ("scenario: condition"
// when a folder has several conditions). Colours follow names, not the
// order of dirs (plot.Colours over every name), so that comparing the same
// folders in another order, or a subset of them, keeps each its colour; a
// scenario named after a mechanism (collective, connective, hybrid) takes
// that mechanism's colour. The scenario's events are marked when every
// folder has the same ones.
func DrawCompare(dirs []string, metric string, formats []string, out string) ([]string, error) {
	cm, ok := chartMetrics[metric]
	if !ok {
		return nil, fmt.Errorf("unknown metric %q (allowed: %s)", metric, strings.Join(MetricNames(), ", "))
	}
	ch, err := compareChart(dirs, cm.variable, cm.ylabel, cm.title)
	if err != nil {
		return nil, err
	}
	var files []string
	base := strings.TrimSuffix(out, filepath.Ext(out))
	for _, f := range formats {
		path := base + "." + f
		if err := ch.Save(path, 0, 0); err != nil {
			return files, fmt.Errorf("%s: %w", path, err)
		}
		files = append(files, path)
	}
	return files, nil
}

// compareChart builds the chart of DrawCompare.
func compareChart(dirs []string, variable, ylabel, title string) (plot.Chart, error) {
	ch := plot.Chart{YLabel: ylabel, Title: title}
	var unit string
	var keys []string
	for i, d := range dirs {
		a, err := ReadAggregate(d)
		if err != nil {
			return plot.Chart{}, err
		}
		unit = a.TimeUnit
		ci, err := ReadChartInfo(filepath.Join(d, ScenarioFile))
		if err != nil {
			return plot.Chart{}, err
		}
		if ev := ci.PlotEvents(); i == 0 {
			ch.Events = ev
		} else if !slices.Equal(ch.Events, ev) {
			ch.Events = nil
		}
		for _, c := range a.Conditions {
			s := a.Vars[c][variable]
			if s == nil {
				return plot.Chart{}, fmt.Errorf("%s: no variable %s", filepath.Join(d, AggregateFile), variable)
			}
			label := a.Scenario
			if len(a.Conditions) > 1 {
				label += ": " + c
			}
			ch.Series = append(ch.Series, series(label, s))
			keys = append(keys, label)
		}
	}
	ch.XLabel = axisLabel(unit)
	ch.Colours = plot.Colours(keys)
	return ch, nil
}
