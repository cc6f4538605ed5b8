package analyse

import (
	"cmp"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/plot"
	"github.com/connact/connact/sim/sweep"
)

// chart is one figure of an analysis folder and its file name without
// extension.
type chart struct {
	base  string
	chart interface {
		Save(path string, w, h float64) error
	}
}

// est is an estimate and its interval.
type est struct{ v, lo, hi float64 }

// figures draws the charts of one metric under one condition.
type figures struct {
	s      *Sweep
	ci     *output.ChartInfo
	rows   []Row
	metric string
	cond   string
	title  string // the metric's label, and the condition's name when there are several
	pct    string // the intervals' level, "95%"
}

// charts builds the figures of the metrics named from rows: per metric
// and condition, the indices as dots and whiskers and, for a morris
// design, the μ*–σ plane, both with the largest noise level of their
// index marked. A metric and condition without any estimate (constant,
// or NA everywhere) gets none. Parameters and metrics are named by their
// chart labels (output.ChartInfo).
func (s *Sweep) charts(rows []Row, metrics []string, level float64) ([]chart, error) {
	ci, err := output.ReadChartInfo(filepath.Join(s.Dir, sweep.ScenarioFile))
	if err != nil {
		return nil, err
	}
	var out []chart
	for _, m := range metrics {
		for _, cond := range s.analysed() {
			f := figures{s: s, ci: ci, rows: rows, metric: m, cond: cond, title: ci.MetricLabel(m),
				pct: strconv.FormatFloat(100*level, 'g', -1, 64) + "%"}
			suffix := m
			if len(s.Conditions) > 1 {
				suffix += "_" + strings.ReplaceAll(cond, " ", "_")
				f.title += " (" + cond + ")"
			}
			if d, ok := f.indices(); ok {
				out = append(out, chart{"indices_" + suffix, d})
			}
			if sc, ok := f.morris(); ok {
				out = append(out, chart{"morris_" + suffix, sc})
			}
		}
	}
	return out, nil
}

// get returns the estimates of statistic st by parameter.
func (f *figures) get(st string) map[string]est {
	e := map[string]est{}
	for _, r := range f.rows {
		if r.Metric == f.metric && r.Condition == f.cond && r.Statistic == st && !math.IsNaN(r.Estimate) {
			e[r.Parameter] = est{r.Estimate, r.Lo, r.Hi}
		}
	}
	return e
}

// ranked returns the parameters with an estimate in e, largest key
// first, ties in column order.
func (f *figures) ranked(e map[string]est, key func(est) float64) []string {
	var ps []string
	for _, p := range f.s.Parameters {
		if _, ok := e[p]; ok {
			ps = append(ps, p)
		}
	}
	slices.SortStableFunc(ps, func(a, b string) int { return cmp.Compare(key(e[b]), key(e[a])) })
	return ps
}

// label is the chart label of parameter p.
func (f *figures) label(p string) string {
	return f.ci.ParamLabel(p, f.s.Paths[slices.Index(f.s.Parameters, p)])
}

// dots returns the dots of e for the parameters ps (NaN where e has none).
func dots(name string, e map[string]est, ps []string) plot.DotSeries {
	ds := plot.DotSeries{Label: name}
	for _, p := range ps {
		v, ok := e[p]
		if !ok {
			v = est{math.NaN(), math.NaN(), math.NaN()}
		}
		ds.Value, ds.Lo, ds.Hi = append(ds.Value, v.v), append(ds.Lo, v.lo), append(ds.Hi, v.hi)
	}
	return ds
}

// indices is the dot-and-whisker chart of the indices: S1 and ST for a
// sobol design, sorted by ST; PRCC for the others, sorted by its size.
func (f *figures) indices() (plot.Dots, bool) {
	var d plot.Dots
	var ps []string
	if f.s.Plan.Design() == methodSobol {
		s1, st := f.get(StatS1), f.get(StatST)
		ps = f.ranked(st, func(e est) float64 { return e.v })
		d = plot.Dots{Title: "Sobol' indices: " + f.title, XLabel: "Sobol' index, with " + f.pct + " bootstrap interval",
			Series: []plot.DotSeries{dots("first-order (S1)", s1, ps), dots("total (ST)", st, ps)},
			Events: noiseMark(f.get(StatSTNoise))}
	} else {
		pr := f.get(StatPRCC)
		ps = f.ranked(pr, func(e est) float64 { return math.Abs(e.v) })
		// The whole range of a correlation, with room for a dot at ±1.
		d = plot.Dots{Title: "Partial rank correlation: " + f.title, XLabel: "PRCC, with " + f.pct + " interval (Fisher z)",
			Series: []plot.DotSeries{dots("PRCC", pr, ps)}, XMin: -1.05, XMax: 1.05}
	}
	for _, p := range ps {
		d.Rows = append(d.Rows, f.label(p))
	}
	return d, len(ps) > 0
}

// morris is, for a morris design, the parameters in the plane of μ* (with
// its interval) and σ, the most influential first.
func (f *figures) morris() (plot.Scatter, bool) {
	if f.s.Plan.Design() != methodMorris {
		return plot.Scatter{}, false
	}
	mu, sigma := f.get(StatMuStar), f.get(StatSigma)
	sc := plot.Scatter{Title: "Morris screening: " + f.title,
		XLabel: "µ*: mean |elementary effect| (per parameter range)", YLabel: "σ: SD of elementary effects",
		Events: noiseMark(f.get(StatMuStarNoise))}
	for _, p := range f.ranked(mu, func(e est) float64 { return e.v }) {
		if sg, ok := sigma[p]; ok {
			sc.Points = append(sc.Points, plot.ScatterPoint{Label: f.label(p), X: mu[p].v, Y: sg.v, XLo: mu[p].lo, XHi: mu[p].hi})
		}
	}
	return sc, len(sc.Points) > 0
}

// noiseMark marks the largest index that replicate noise alone gives a
// parameter without effect (ST_noise, mu_star_noise): an index beyond the
// mark is more than noise whatever the parameter.
func noiseMark(noise map[string]est) []plot.Event {
	top := 0.0
	for _, e := range noise {
		top = max(top, e.v)
	}
	if top == 0 {
		return nil
	}
	return []plot.Event{{X: top, Label: "replicate noise"}}
}
