package sweep

import (
	"encoding/csv"
	"fmt"
	"io"
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

// DrawSweep draws a sweep folder's charts into dst, in each format, and
// returns the files written:
//
//   - sweep_<metric>: the metric's mean and 95% CI against the x parameter,
//     one line per value of the lines parameter and condition (the other
//     parameters averaged over);
//   - heatmap_<metric>[_<condition>]: the metric over the x and y
//     parameters, with two or more parameters;
//   - participation: share active over time, one line per point and
//     condition when there are at most six, otherwise one panel per point.
func DrawSweep(src, dst string, formats []string, o ChartOptions) ([]string, error) {
	ps, err := ReadPoints(src)
	if err != nil {
		return nil, err
	}
	if o.Metric == "" {
		o.Metric = ps.Metric
	}
	if o.Metric == "" {
		o.Metric = "peak_share"
	}
	found := false
	for _, r := range ps.Rows {
		if r.Metric == o.Metric {
			found = true
			break
		}
	}
	if !found {
		return nil, fmt.Errorf("no metric %q in %s", o.Metric, filepath.Join(src, PointsFile))
	}
	var files []string
	save := func(base string, s interface {
		Save(path string, w, h float64) error
	}) error {
		for _, f := range formats {
			path := filepath.Join(dst, base+"."+f)
			if err := s.Save(path, 0, 0); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			files = append(files, path)
		}
		return nil
	}
	if len(ps.Parameters) > 0 {
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
		for _, name := range []string{o.X, o.Y, o.Lines, o.Facet} {
			if name != "" && ps.param(name) < 0 {
				return nil, fmt.Errorf("no parameter %q (the sweep has: %s)", name, strings.Join(ps.Parameters, ", "))
			}
		}
		if o.Facet != "" {
			fi := ps.param(o.Facet)
			lo := o
			if lo.Lines == o.Facet {
				lo.Lines = "" // the panels already split by it
			}
			f := plot.Facets{Title: fmt.Sprintf("%s: %s by %s", ps.Scenario, o.Metric, o.Facet)}
			for _, v := range ps.levels(fi) {
				ch, ok := ps.metricChart(lo, map[int]string{fi: v})
				if ok {
					ch.Title = o.Facet + "=" + v
					f.Panels = append(f.Panels, ch)
				}
			}
			if len(f.Panels) > 0 {
				if err := save("sweep_"+o.Metric+"_by_"+o.Facet, f); err != nil {
					return files, err
				}
			}
		} else if ch, ok := ps.metricChart(o, nil); ok {
			if err := save("sweep_"+o.Metric, ch); err != nil {
				return files, err
			}
		}
		if o.Y != "" && o.Y != o.X && !ps.zipped(ps.param(o.X), ps.param(o.Y)) {
			for _, cond := range ps.Conditions {
				base := "heatmap_" + o.Metric
				if len(ps.Conditions) > 1 {
					base += "_" + cond
				}
				if err := save(base, ps.heatmap(o, cond)); err != nil {
					return files, err
				}
			}
		}
	}
	if err := ps.participation(save); err != nil {
		return files, err
	}
	return files, nil
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

// metricChart draws the metric against o.X, one line per value of o.Lines
// and condition, over the points matching fixed.
func (ps *Points) metricChart(o ChartOptions, fixed map[int]string) (plot.Chart, bool) {
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
	ch := plot.Chart{
		Title:  fmt.Sprintf("%s: %s", ps.Scenario, o.Metric),
		XLabel: o.X, YLabel: o.Metric + " (mean, 95% CI)", LogX: logSpaced(xs),
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
				label = append(label, o.Lines+"="+lv)
			}
			s.Label = strings.Join(label, ", ")
			if s.Label == "" {
				s.Label = ps.Scenario
			}
			if len(s.X) > 0 {
				ch.Series = append(ch.Series, s)
			}
		}
	}
	return ch, len(ch.Series) > 0
}

func (ps *Points) heatmap(o ChartOptions, cond string) plot.Heatmap {
	xi, yi := ps.param(o.X), ps.param(o.Y)
	xl, yl := ps.levels(xi), ps.levels(yi)
	h := plot.Heatmap{
		Title:  fmt.Sprintf("%s: %s", ps.Scenario, o.Metric),
		XLabel: o.X, YLabel: o.Y, ZLabel: o.Metric, XTicks: xl, YTicks: yl, Annotate: len(xl)*len(yl) <= 100,
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
// beyond it each point gets a panel, up to maxPanels.
const (
	maxLines  = 6
	maxPanels = 36
)

func (ps *Points) participation(save func(string, interface {
	Save(string, float64, float64) error
}) error) error {
	label := func(p int) string {
		var parts []string
		for k, name := range ps.Parameters {
			parts = append(parts, name+"="+ps.values[p][k])
		}
		if len(parts) == 0 {
			return ps.Scenario
		}
		return strings.Join(parts, ", ")
	}
	xlabel := "Time (" + strings.TrimSuffix(ps.TimeUnit, "s") + "s)"
	series := func(p int, cond, lbl string) (plot.Series, bool) {
		s := ps.Series[p][cond]["active_share"]
		if s == nil {
			return plot.Series{}, false
		}
		return plot.Series{Label: lbl, X: s.Step, Mean: s.Mean, Lo: s.Lo, Hi: s.Hi}, true
	}
	if len(ps.Points)*len(ps.Conditions) <= maxLines {
		ch := plot.Chart{Title: "Participation: " + ps.Scenario, XLabel: xlabel, YLabel: "Share of population active"}
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
		return save("participation", ch)
	}
	f := plot.Facets{Title: "Participation: " + ps.Scenario}
	pts := ps.Points
	if len(pts) > maxPanels {
		pts = pts[:maxPanels]
		f.Title += fmt.Sprintf(" (first %d of %d points)", maxPanels, len(ps.Points))
	}
	for _, p := range pts {
		panel := plot.Chart{Title: label(p), XLabel: xlabel, YLabel: "Share active"}
		for _, cond := range ps.Conditions {
			if s, ok := series(p, cond, cond); ok {
				panel.Series = append(panel.Series, s)
			}
		}
		f.Panels = append(f.Panels, panel)
	}
	return save("participation", f)
}
