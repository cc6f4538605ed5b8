package sweep

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/plot"
)

// Points is a sweep folder's points.csv and point_timeseries.csv read back.
type Points struct {
	Scenario   string
	TimeUnit   string
	Parameters []string // column names
	Paths      []string // the fields they vary, as in the scenario
	Conditions []string
	Metric     string // the sweep's chosen metric (sweep.metric), if any
	// Rows of points.csv, in file order.
	Rows []PointRow
	// Series[point][condition][variable] over steps.
	Series map[int]map[string]map[string]*Series
	Points []int // point numbers in file order
	values map[int][]string
}

// PointRow is one row of points.csv.
type PointRow struct {
	Point     int
	Condition string
	Values    []string // the parameters' values
	Metric    string
	N         int
	Mean, SD  float64
	Lo, Hi    float64
}

// Series is one variable of one point and condition over steps.
type Series struct{ Step, Mean, Lo, Hi []float64 }

// ReadPoints reads a sweep folder's summaries.
func ReadPoints(dir string) (*Points, error) {
	var m Manifest
	if err := readJSON(filepath.Join(dir, ManifestFile), &m); err != nil {
		return nil, fmt.Errorf("%s is not a sweep folder: %w", dir, err)
	}
	ps := &Points{Scenario: m.Scenario, TimeUnit: "step", Conditions: m.Conditions, Metric: m.Metric,
		Series: map[int]map[string]map[string]*Series{}, values: map[int][]string{}}
	for _, p := range m.Parameters {
		ps.Parameters = append(ps.Parameters, p.Name)
		ps.Paths = append(ps.Paths, p.Path)
	}
	if b, err := os.ReadFile(filepath.Join(dir, ScenarioFile)); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if u, ok := strings.CutPrefix(line, "time_unit: "); ok {
				ps.TimeUnit = strings.Trim(u, `"' `)
			}
		}
	}
	k := len(ps.Parameters)
	err := readCSV(filepath.Join(dir, PointsFile), func(rec []string, num func(int) (float64, error)) error {
		var r PointRow
		var err error
		if r.Point, err = strconv.Atoi(rec[0]); err != nil {
			return err
		}
		r.Condition, r.Values, r.Metric = rec[1], slices.Clone(rec[2:2+k]), rec[2+k]
		vals := make([]float64, 5)
		for j := range vals {
			if vals[j], err = num(3 + k + j); err != nil {
				return err
			}
		}
		r.N, r.Mean, r.SD, r.Lo, r.Hi = int(vals[0]), vals[1], vals[2], vals[3], vals[4]
		if _, ok := ps.values[r.Point]; !ok {
			ps.values[r.Point] = r.Values
			ps.Points = append(ps.Points, r.Point)
		}
		ps.Rows = append(ps.Rows, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readCSV(filepath.Join(dir, TimeseriesFile), func(rec []string, num func(int) (float64, error)) error {
		pt, err := strconv.Atoi(rec[0])
		if err != nil {
			return err
		}
		cond, v := rec[1], rec[3+k]
		byCond := ps.Series[pt]
		if byCond == nil {
			byCond = map[string]map[string]*Series{}
			ps.Series[pt] = byCond
		}
		byVar := byCond[cond]
		if byVar == nil {
			byVar = map[string]*Series{}
			byCond[cond] = byVar
		}
		s := byVar[v]
		if s == nil {
			s = &Series{}
			byVar[v] = s
		}
		var x [4]float64
		for j, col := range []int{2 + k, 5 + k, 7 + k, 8 + k} {
			if x[j], err = num(col); err != nil {
				return err
			}
		}
		s.Step, s.Mean, s.Lo, s.Hi = append(s.Step, x[0]), append(s.Mean, x[1]), append(s.Lo, x[2]), append(s.Hi, x[3])
		return nil
	})
	return ps, err
}

// readCSV calls row for each record after the header; num parses column j
// (NA is NaN) and names the file and line in its error.
func readCSV(path string, row func(rec []string, num func(int) (float64, error)) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	if _, err := r.Read(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		num := func(j int) (float64, error) {
			v, err := output.ParseNumber(rec[j])
			if err != nil {
				return 0, fmt.Errorf("%s:%d: %q is not a number", path, line, rec[j])
			}
			return v, nil
		}
		if err := row(rec, num); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
}

// ChartOptions choose what the sweep charts show.
type ChartOptions struct {
	Metric string // a metric of runs.csv (default peak_share)
	X, Y   string // parameters on the x axis (default the first) and the heatmap's y axis (default the second)
	Lines  string // parameter drawn as one line per value in the metric chart (default: Y)
	// Facet draws the metric chart as small multiples, one panel per value
	// of this parameter (default: none).
	Facet string
	// ZMin and ZMax, when set, fix the heatmaps' colour range (values
	// outside take the colour of the nearer end); an end not set is the
	// lowest or highest value of all the folder's heatmaps, so that the
	// heatmaps of the conditions share one scale.
	ZMin, ZMax *float64
}

// levels returns the distinct values of parameter k, in order of first
// appearance (the design's order).
func (ps *Points) levels(k int) []string {
	var out []string
	for _, p := range ps.Points {
		if v := ps.values[p][k]; !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func (ps *Points) param(name string) int { return slices.Index(ps.Parameters, name) }

// zipped reports whether parameters a and b vary together (each value of
// one meets a single value of the other), so that a heatmap of them would be
// a diagonal.
func (ps *Points) zipped(a, b int) bool {
	pairs := map[[2]string]bool{}
	for _, p := range ps.Points {
		pairs[[2]string{ps.values[p][a], ps.values[p][b]}] = true
	}
	return len(pairs) == len(ps.levels(a)) && len(pairs) == len(ps.levels(b))
}

// numeric parses every level, or reports that one is not a number.
func numeric(levels []string) ([]float64, bool) {
	xs := make([]float64, len(levels))
	for i, l := range levels {
		x, err := strconv.ParseFloat(l, 64)
		if err != nil {
			return nil, false
		}
		xs[i] = x
	}
	return xs, true
}

// logSpaced reports whether positive levels are closer to evenly spaced on
// a log scale than on a linear one (a count: 10 range).
func logSpaced(xs []float64) bool {
	if len(xs) < 3 || slices.Min(xs) <= 0 {
		return false
	}
	spread := func(f func(float64) float64) float64 {
		var d []float64
		for i := 1; i < len(xs); i++ {
			d = append(d, f(xs[i])-f(xs[i-1]))
		}
		return (slices.Max(d) - slices.Min(d)) / math.Abs(f(xs[len(xs)-1])-f(xs[0]))
	}
	return spread(math.Log) < spread(func(x float64) float64 { return x })
}

// perPage is the most panels on one page of small multiples; more are
// split into pages, NAME_p1, NAME_p2, ... (plot.Facets.Pages).
const perPage = 20

// DrawSweep draws a sweep folder's charts into dst, in each format, and
// returns the files written:
//
//   - sweep_<metric>: the metric's mean and 95% CI against the x parameter,
//     one line per value of the lines parameter and condition (the other
//     parameters averaged over), with a marker at each design point; or,
//     with o.Facet, sweep_<metric>_by_<facet>, one panel per value of it;
//   - heatmap_<metric>[_<condition>]: the metric over the x and y
//     parameters, with two or more parameters, all on one colour scale;
//   - participation: share active over time, one line per point and
//     condition when there are at most six, otherwise one panel per point,
//     with the scenario's events marked.
//
// Small multiples of more than 20 panels are split into pages, one file
// each, named with _p1, _p2, ... (participation shows the first 200
// points, and says so in its title). Panels without data are left out. Axes, titles and legends are in words:
// a parameter is named by its sweep label, else a built-in label for its
// field, else its column (see output.ChartInfo); a metric by its label with
// its unit. A line has the same colour in every chart of the folder
// (plot.Colours over the names of all of them).
//
// A parameter in o that the sweep does not have, an unknown metric or a
// ZMin not below ZMax is an error naming the option and listing what
// is allowed; nothing is drawn then.
func DrawSweep(src, dst string, formats []string, o ChartOptions) ([]string, error) {
	c, err := sweepDrawings(src, o)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, d := range c.drawings {
		for _, f := range formats {
			path := filepath.Join(dst, d.base+"."+f)
			if err := d.chart.Save(path, 0, 0); err != nil {
				return files, fmt.Errorf("%s: %w", path, err)
			}
			files = append(files, path)
		}
	}
	return files, nil
}

// sweepDrawings builds the charts DrawSweep draws.
func sweepDrawings(src string, o ChartOptions) (*sweepCharts, error) {
	ps, err := ReadPoints(src)
	if err != nil {
		return nil, err
	}
	ci, err := output.ReadChartInfo(filepath.Join(src, ScenarioFile))
	if errors.Is(err, fs.ErrNotExist) {
		ci = &output.ChartInfo{Scenario: ps.Scenario, TimeUnit: ps.TimeUnit}
	} else if err != nil {
		return nil, err
	}
	if err := ps.checkOptions(&o); err != nil {
		return nil, err
	}
	c := &sweepCharts{ps: ps, ci: ci}
	if len(ps.Parameters) > 0 {
		if o.Facet != "" {
			c.metricFacets(o)
		} else if ch, ok := ps.metricChart(ci, o, nil); ok {
			c.add("sweep_"+o.Metric, ch)
		}
		if o.Y != "" && o.Y != o.X && !ps.zipped(ps.param(o.X), ps.param(o.Y)) {
			c.heatmaps(o)
		}
	}
	c.participation()
	c.colour()
	return c, nil
}

// checkOptions fills o's defaults and checks its names against the sweep,
// before anything uses them as indices.
func (ps *Points) checkOptions(o *ChartOptions) error {
	if o.Metric == "" {
		o.Metric = ps.Metric
	}
	if o.Metric == "" {
		o.Metric = "peak_share"
	}
	var metrics []string
	for _, r := range ps.Rows {
		if !slices.Contains(metrics, r.Metric) {
			metrics = append(metrics, r.Metric)
		}
	}
	if !slices.Contains(metrics, o.Metric) {
		return fmt.Errorf("-metric %s: no such metric in %s (allowed: %s)", o.Metric, PointsFile, strings.Join(metrics, ", "))
	}
	have := "the sweep has: " + strings.Join(ps.Parameters, ", ")
	if len(ps.Parameters) == 0 {
		have = "the sweep has no parameters"
	}
	for _, f := range []struct{ flag, name string }{{"x", o.X}, {"y", o.Y}, {"lines", o.Lines}, {"facet", o.Facet}} {
		if f.name != "" && ps.param(f.name) < 0 {
			return fmt.Errorf("-%s %s: no such parameter (%s)", f.flag, f.name, have)
		}
	}
	for _, z := range []struct {
		flag string
		v    *float64
	}{{"zmin", o.ZMin}, {"zmax", o.ZMax}} {
		if z.v != nil && (math.IsNaN(*z.v) || math.IsInf(*z.v, 0)) {
			return fmt.Errorf("-%s must be a finite number, got %v", z.flag, *z.v)
		}
	}
	if o.ZMin != nil && o.ZMax != nil && !(*o.ZMax > *o.ZMin) {
		return fmt.Errorf("-zmax must be greater than -zmin, got -zmin %v -zmax %v", *o.ZMin, *o.ZMax)
	}
	if len(ps.Parameters) == 0 {
		return nil
	}
	if o.X == "" {
		o.X = ps.Parameters[0]
	}
	if o.Y == "" && len(ps.Parameters) > 1 {
		o.Y = ps.Parameters[1]
		if o.Y == o.X {
			o.Y = ps.Parameters[0]
		}
	}
	if o.Lines == "" && (o.Y == "" || !ps.zipped(ps.param(o.X), ps.param(o.Y))) {
		o.Lines = o.Y // unless it varies with x (zip): one line each would be one point
	}
	return nil
}

// drawing is one chart of a sweep folder and its file name; fixed: its
// colours are its own (crossColours), not the folder's.
type drawing struct {
	base  string
	chart interface {
		Save(path string, w, h float64) error
	}
	fixed bool
}

// sweepCharts collects the charts of a sweep folder, so that their colours
// can be chosen from the names of all of them before any is drawn.
type sweepCharts struct {
	ps       *Points
	ci       *output.ChartInfo
	drawings []drawing
}

func (c *sweepCharts) add(base string, ch plot.Chart) {
	c.drawings = append(c.drawings, drawing{base: base, chart: ch, fixed: ch.Colours != nil})
}

// addFacets adds f, in pages NAME_p1, NAME_p2... when it has more than
// perPage panels.
func (c *sweepCharts) addFacets(base string, f plot.Facets) {
	fixed := f.Colours != nil
	pages := f.Pages(perPage)
	for i, p := range pages {
		name := base
		if len(pages) > 1 {
			name = fmt.Sprintf("%s_p%d", base, i+1)
		}
		c.drawings = append(c.drawings, drawing{base: name, chart: p, fixed: fixed})
	}
}

// colour gives every line of every chart the colour of its name across
// the folder.
func (c *sweepCharts) colour() {
	var keys []string
	for _, d := range c.drawings {
		var charts []plot.Chart
		if d.fixed {
			continue
		}
		switch ch := d.chart.(type) {
		case plot.Chart:
			charts = []plot.Chart{ch}
		case plot.Facets:
			charts = ch.Panels
		}
		for _, ch := range charts {
			for _, s := range ch.Series {
				keys = append(keys, cmp.Or(s.Key, s.Label))
			}
		}
	}
	m := plot.Colours(keys)
	for i := range c.drawings {
		if c.drawings[i].fixed {
			continue
		}
		switch ch := c.drawings[i].chart.(type) {
		case plot.Chart:
			ch.Colours = m
			c.drawings[i].chart = ch
		case plot.Facets:
			ch.Colours = m
			c.drawings[i].chart = ch
		}
	}
}

func (c *sweepCharts) label(k int) string { return c.ci.ParamLabel(c.ps.Parameters[k], c.ps.Paths[k]) }

func (c *sweepCharts) metricFacets(o ChartOptions) {
	ps := c.ps
	fi := ps.param(o.Facet)
	lo := o
	if lo.Lines == o.Facet {
		lo.Lines = "" // the panels already split by it
	}
	f := plot.Facets{Title: fmt.Sprintf("%s by %s", c.ci.MetricLabel(o.Metric), lowerFirst(c.label(fi)))}
	for _, v := range ps.levels(fi) {
		if ch, ok := ps.metricChart(c.ci, lo, map[int]string{fi: v}); ok {
			ch.Title = c.ci.ShortValue(ps.Parameters[fi], ps.Paths[fi], v)
			f.Panels = append(f.Panels, ch)
		}
	}
	if len(f.Panels) > 0 {
		f.Colours = f.Panels[0].Colours
		c.addFacets("sweep_"+o.Metric+"_by_"+o.Facet, f)
	}
}

func (c *sweepCharts) heatmaps(o ChartOptions) {
	ps := c.ps
	var maps []plot.Heatmap
	for _, cond := range ps.Conditions {
		maps = append(maps, ps.heatmap(c.ci, o, cond))
	}
	// One colour scale for the conditions' heatmaps, which are read side
	// by side; the command line may fix either end.
	lo, hi := plot.SharedRange(maps...)
	if o.ZMin != nil {
		lo = *o.ZMin
	}
	if o.ZMax != nil {
		hi = *o.ZMax
	}
	for i, cond := range ps.Conditions {
		if hi > lo {
			maps[i].ZMin, maps[i].ZMax = lo, hi
		}
		base := "heatmap_" + o.Metric
		if len(ps.Conditions) > 1 {
			base += "_" + cond
		}
		c.drawings = append(c.drawings, drawing{base: base, chart: maps[i]})
	}
}

// withNote adds note to a label in parentheses, within the label's own:
// "Peak share active (mean, 95% CI)", "Time of peak (days; mean, 95% CI)".
func withNote(label, note string) string {
	if strings.HasSuffix(label, ")") && strings.Contains(label, " (") {
		return strings.TrimSuffix(label, ")") + "; " + note + ")"
	}
	return label + " (" + note + ")"
}

// lowerFirst lowers the first letter of a label used inside a sentence,
// unless the label starts with an abbreviation ("N", "SD").
func lowerFirst(s string) string {
	if len(s) < 2 || s[0] < 'A' || s[0] > 'Z' || (s[1] >= 'A' && s[1] <= 'Z') {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// cell averages the metric's means over the rows matching want (parameter
// index → value) and cond; the CI is kept only when exactly one point matches.
func (ps *Points) cell(metric, cond string, want map[int]string) (mean, lo, hi float64, ok bool) {
	var sum float64
	var n int
	for _, r := range ps.Rows {
		if r.Metric != metric || r.Condition != cond || math.IsNaN(r.Mean) {
			continue
		}
		match := true
		for k, v := range want {
			if r.Values[k] != v {
				match = false
				break
			}
		}
		if match {
			sum += r.Mean
			n++
			lo, hi = r.Lo, r.Hi
		}
	}
	if n == 0 {
		return math.NaN(), math.NaN(), math.NaN(), false
	}
	if n > 1 {
		lo, hi = math.NaN(), math.NaN()
	}
	return sum / float64(n), lo, hi, true
}

// maxTicks is the most distinct values of a parameter labelled one by
// one on the x axis (the design's values, not 2, 4, 6 between 1, 3, 5).
const maxTicks = 10

// metricChart draws the metric against o.X, one line per value of o.Lines
// and condition, over the points matching fixed, with a marker at each
// design point.
func (ps *Points) metricChart(ci *output.ChartInfo, o ChartOptions, fixed map[int]string) (plot.Chart, bool) {
	xi := ps.param(o.X)
	xl := ps.levels(xi)
	xs, ok := numeric(xl)
	if !ok || len(xs) < 2 {
		return plot.Chart{}, false
	}
	li := -1
	lines := []string{""}
	if o.Lines != "" && o.Lines != o.X {
		li = ps.param(o.Lines)
		lines = ps.levels(li)
	}
	xlabel := ci.ParamLabel(ps.Parameters[xi], ps.Paths[xi])
	ch := plot.Chart{
		Title:  ci.MetricLabel(o.Metric) + " by " + lowerFirst(xlabel),
		XLabel: xlabel, YLabel: withNote(ci.MetricLabel(o.Metric), "mean, 95% CI"), LogX: logSpaced(xs),
		Markers: true,
	}
	if len(xs) <= maxTicks {
		ch.XTicks = slices.Sorted(slices.Values(xs))
		ch.XTicks = slices.Compact(ch.XTicks)
	}
	for _, cond := range ps.Conditions {
		for _, lv := range lines {
			s := plot.Series{}
			for j, x := range xl {
				want := map[int]string{xi: x}
				for k, v := range fixed {
					want[k] = v
				}
				if li >= 0 {
					want[li] = lv
				}
				m, lo, hi, ok := ps.cell(o.Metric, cond, want)
				if !ok {
					continue
				}
				s.X, s.Mean, s.Lo, s.Hi = append(s.X, xs[j]), append(s.Mean, m), append(s.Lo, lo), append(s.Hi, hi)
			}
			var label []string
			if len(ps.Conditions) > 1 {
				label = append(label, cond)
			}
			if li >= 0 {
				label = append(label, ci.ShortValue(ps.Parameters[li], ps.Paths[li], lv))
			}
			s.Label = strings.Join(label, ", ")
			if s.Label == "" {
				// The one line: coloured as the condition's line of the
				// participation chart.
				s.Label, s.Key = ps.Scenario, cond
			}
			if len(s.X) > 0 {
				ch.Series = append(ch.Series, s)
			}
		}
	}
	if len(ps.Conditions) > 1 && li >= 0 {
		ch.Colours = crossColours(ps.Conditions, lines, func(cond, lv string) string {
			return cond + ", " + ci.ShortValue(ps.Parameters[li], ps.Paths[li], lv)
		})
	}
	return ch, len(ch.Series) > 0
}

// crossColours styles the lines of conditions × values of a parameter so
// that each dimension reads on its own (a slot's colour is slot mod 7, its
// dash slot div 7): with at most four values, colour by condition (the
// mechanisms keep their colours) and dash by value; else, with at most
// seven values and four conditions, colour by value and dash by
// condition; else nil, left to plot.Colours.
func crossColours(conds, values []string, key func(cond, value string) string) plot.ColourMap {
	const colours, dashes = 7, 4
	m := plot.ColourMap{}
	switch {
	case len(values) <= dashes:
		cm := plot.Colours(conds)
		for _, c := range conds {
			for j, v := range values {
				m[key(c, v)] = cm[c]%colours + colours*j
			}
		}
	case len(values) <= colours && len(conds) <= dashes:
		for i, c := range conds {
			for j, v := range values {
				m[key(c, v)] = j + colours*i
			}
		}
	default:
		return nil
	}
	return m
}

func (ps *Points) heatmap(ci *output.ChartInfo, o ChartOptions, cond string) plot.Heatmap {
	xi, yi := ps.param(o.X), ps.param(o.Y)
	xl, yl := ps.levels(xi), ps.levels(yi)
	h := plot.Heatmap{
		Title:  ci.MetricLabel(o.Metric),
		XLabel: ci.ParamLabel(ps.Parameters[xi], ps.Paths[xi]), YLabel: ci.ParamLabel(ps.Parameters[yi], ps.Paths[yi]),
		ZLabel: ci.MetricLabel(o.Metric), XTicks: xl, YTicks: yl, Annotate: len(xl)*len(yl) <= 100,
	}
	if len(ps.Conditions) > 1 {
		h.Title += " (" + cond + ")"
	}
	if len(ps.Parameters) > 2 {
		h.Title += ", mean over the other parameters"
	}
	for _, y := range yl {
		row := make([]float64, len(xl))
		for j, x := range xl {
			row[j], _, _, _ = ps.cell(o.Metric, cond, map[int]string{xi: x, yi: y})
		}
		h.Values = append(h.Values, row)
	}
	return h
}

// maxLines is the most point × condition lines on one participation chart;
// beyond it each point gets a panel, in pages of perPage, up to maxPanels
// (the first points of the design).
const (
	maxLines  = 6
	maxPanels = 10 * perPage
)

// events returns the scenario's events at point p: a swept event step
// (events.N.step) moves its event.
func (c *sweepCharts) events(p int) []plot.Event {
	ci := *c.ci
	ci.Events = slices.Clone(ci.Events)
	for k, path := range c.ps.Paths {
		f := strings.Split(strings.NewReplacer("[", ".", "]", "").Replace(path), ".")
		if len(f) != 3 || f[0] != "events" || f[2] != "step" {
			continue
		}
		i, err1 := strconv.Atoi(f[1])
		step, err2 := strconv.Atoi(c.ps.values[p][k])
		if err1 == nil && err2 == nil && i >= 0 && i < len(ci.Events) {
			ci.Events[i].Step = step
		}
	}
	return ci.PlotEvents()
}

func (c *sweepCharts) participation() {
	ps := c.ps
	label := func(p int) string {
		var parts []string
		for k, name := range ps.Parameters {
			parts = append(parts, c.ci.ShortValue(name, ps.Paths[k], ps.values[p][k]))
		}
		if len(parts) == 0 {
			return ps.Scenario
		}
		return strings.Join(parts, ", ")
	}
	xlabel := "Time (" + c.ci.Units() + ")"
	series := func(p int, cond, lbl string) (plot.Series, bool) {
		s := ps.Series[p][cond]["active_share"]
		if s == nil {
			return plot.Series{}, false
		}
		return plot.Series{Label: lbl, X: s.Step, Mean: s.Mean, Lo: s.Lo, Hi: s.Hi}, true
	}
	const title = "Share of the population active over time"
	if len(ps.Points)*len(ps.Conditions) <= maxLines {
		ch := plot.Chart{Title: title, XLabel: xlabel, YLabel: "Share active"}
		// Events are marked when they are at the same steps at every point.
		for i, p := range ps.Points {
			if ev := c.events(p); i == 0 {
				ch.Events = ev
			} else if !slices.Equal(ch.Events, ev) {
				ch.Events = nil
				break
			}
		}
		for _, p := range ps.Points {
			for _, cond := range ps.Conditions {
				lbl := label(p)
				if len(ps.Conditions) > 1 {
					lbl = cond + ", " + lbl
				}
				if s, ok := series(p, cond, lbl); ok {
					ch.Series = append(ch.Series, s)
				}
			}
		}
		c.add("participation", ch)
		return
	}
	f := plot.Facets{Title: title}
	pts := ps.Points
	if len(pts) > maxPanels {
		pts = pts[:maxPanels]
		f.Title += fmt.Sprintf(" (first %d of %d points)", maxPanels, len(ps.Points))
	}
	for _, p := range pts {
		panel := plot.Chart{Title: label(p), XLabel: xlabel, YLabel: "Share active", Events: c.events(p)}
		for _, cond := range ps.Conditions {
			if s, ok := series(p, cond, cond); ok {
				panel.Series = append(panel.Series, s)
			}
		}
		if len(panel.Series) > 0 { // no empty panels
			f.Panels = append(f.Panels, panel)
		}
	}
	if len(f.Panels) > 0 {
		c.addFacets("participation", f)
	}
}
