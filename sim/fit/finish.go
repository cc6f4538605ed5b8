package fit

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"

	"github.com/connact/connact/sim/output"
)

// finish writes the posterior, its summary, the generations, the posterior
// predictive check and the charts, then marks the folder complete.
func (ft *fitter) finish(ctx context.Context, pop []*particle, rep *Report) error {
	ws := weightsOf(pop)
	k := len(ft.priors)
	// posterior.csv: one row a particle, in order of distance.
	header := []string{"particle"}
	for _, p := range ft.f.Parameters {
		header = append(header, p.Name)
	}
	header = append(header, "weight", "distance", "generation")
	rows := make([][]string, len(pop))
	for i, p := range pop {
		row := []string{strconv.Itoa(i)}
		for j := range k {
			row = append(row, num(ft.priors[j].fromZ(p.z[j])))
		}
		rows[i] = append(row, num(ws[i]), num(p.dist), strconv.Itoa(p.generation))
	}
	if err := writeFile(ft.dir, PosteriorFile, csvBytes(header, rows)); err != nil {
		return err
	}
	// posterior_summary.csv: weighted statistics per parameter.
	rows = nil
	for j, fp := range ft.f.Parameters {
		xs := make([]float64, len(pop))
		for i, p := range pop {
			xs[i] = ft.priors[j].fromZ(p.z[j])
		}
		s := summarise(xs, ws)
		s.Name, s.Path, s.Label = fp.Name, fp.Path, fp.Label
		s.Truth = math.NaN()
		if fp.Truth != nil {
			s.Truth = *fp.Truth
		}
		s.PriorLo, s.PriorHi = ft.priors[j].lo, ft.priors[j].hi
		rep.Summary = append(rep.Summary, s)
		rows = append(rows, []string{s.Name, s.Path, num(s.Mean), num(s.SD), num(s.Q05), num(s.Q50), num(s.Q95), num(s.Truth), num(s.PriorLo), num(s.PriorHi)})
	}
	if err := writeFile(ft.dir, SummaryFile, csvBytes([]string{"parameter", "path", "mean", "sd", "q05", "q50", "q95", "truth", "prior_min", "prior_max"}, rows)); err != nil {
		return err
	}
	// generations.csv: the diagnostics of each generation.
	rows = nil
	for _, g := range rep.Generations {
		rows = append(rows, []string{strconv.Itoa(g.Index), strconv.Itoa(g.Proposals), strconv.Itoa(g.Accepted),
			num(g.Acceptance), num(g.Tolerance), num(g.ESS), strconv.Itoa(g.Runs)})
	}
	if err := writeFile(ft.dir, GenerationsFile, csvBytes([]string{"generation", "proposals", "accepted", "acceptance_rate", "tolerance", "ess", "runs"}, rows)); err != nil {
		return err
	}
	pred, err := ft.predictive(ctx, pop)
	if err != nil {
		return err
	}
	formats := ft.opt.Formats
	if formats == nil {
		formats = ft.l.Scenario.Outputs.Formats
	}
	if len(formats) > 0 {
		files, err := ft.charts(pop, ws, pred, formats)
		if err != nil {
			return fmt.Errorf("drawing charts: %w", err)
		}
		rep.Files = files
	}
	if err := ft.writeDataPackage(); err != nil {
		return err
	}
	m := ft.manifest()
	m.Complete, m.Generations, m.Runs = true, len(rep.Generations), ft.runs
	b, err := output.IndentJSON(m)
	if err != nil {
		return err
	}
	rep.Runs = ft.runs
	return writeFile(ft.dir, ManifestFile, b)
}

// summarise gives the weighted mean, standard deviation and 5%, 50% and
// 95% quantiles of xs.
func summarise(xs, ws []float64) ParamSummary {
	var mean, v float64
	for i, x := range xs {
		mean += ws[i] * x
	}
	for i, x := range xs {
		v += ws[i] * (x - mean) * (x - mean)
	}
	return ParamSummary{Mean: mean, SD: math.Sqrt(v),
		Q05: weightedQuantile(xs, ws, 0.05), Q50: weightedQuantile(xs, ws, 0.5), Q95: weightedQuantile(xs, ws, 0.95)}
}

// predictiveBand is the posterior predictive check: per step (or
// statistic), the data and the 5%, 50% and 95% quantiles of fresh
// simulations at parameters drawn from the posterior.
type predictiveBand struct {
	X              []float64 // data time (series) or statistic index
	Observed       []float64 // NaN where the data have no value
	Lo, Median, Hi []float64
}

// predictive runs fit.predictive simulations at particles resampled from
// the posterior by weight (systematic resampling; Kitagawa 1996), with
// fresh seeds, into the fit folder's predictive sweep, and writes
// predictive.csv.
func (ft *fitter) predictive(ctx context.Context, pop []*particle) (*predictiveBand, error) {
	n := ft.f.Predictive
	if n == 0 {
		return nil, nil
	}
	ws := weightsOf(pop)
	u := ft.rng(streamPredictive, 0).Float64()
	zs := make([][]float64, 0, n)
	c, j := ws[0], 0
	for i := range n {
		t := (float64(i) + u) / float64(n)
		for t > c && j < len(pop)-1 {
			j++
			c += ws[j]
		}
		zs = append(zs, pop[j].z)
	}
	stats := len(ft.data.Statistics) > 0
	sims, err := ft.simulate(ctx, PredictiveDir, ft.rng(streamPredictive, 1).Uint64(), zs, !stats)
	if err != nil {
		return nil, err
	}
	b := &predictiveBand{}
	o := ft.f.Observe
	observed := map[int]float64{}
	if stats {
		for k := range ft.data.Statistics {
			observed[k] = ft.data.Values[k]
		}
	} else {
		for k, s := range ft.data.Steps {
			observed[s] = ft.data.Values[k]
		}
	}
	width := len(sims[0])
	equal := make([]float64, n)
	for i := range equal {
		equal[i] = 1
	}
	var rows [][]string
	for s := range width {
		col := make([]float64, 0, n)
		ones := equal[:0:0]
		for _, sim := range sims {
			if !math.IsNaN(sim[s]) {
				col = append(col, sim[s])
				ones = append(ones, 1)
			}
		}
		obs, ok := observed[s]
		if !ok {
			obs = math.NaN()
		}
		lo, med, hi := math.NaN(), math.NaN(), math.NaN()
		if len(col) > 0 {
			lo, med, hi = weightedQuantile(col, ones, 0.05), weightedQuantile(col, ones, 0.5), weightedQuantile(col, ones, 0.95)
		}
		x := float64(s)
		if !stats {
			x = float64(s-o.Offset) / float64(o.StepsPerUnit)
		}
		b.X = append(b.X, x)
		b.Observed = append(b.Observed, obs)
		b.Lo, b.Median, b.Hi = append(b.Lo, lo), append(b.Median, med), append(b.Hi, hi)
		if stats {
			rows = append(rows, []string{ft.data.Statistics[s], num(obs), num(lo), num(med), num(hi)})
		} else {
			rows = append(rows, []string{num(x), strconv.Itoa(s), num(obs), num(lo), num(med), num(hi)})
		}
	}
	header := []string{"time", "step", "observed", "q05", "q50", "q95"}
	if stats {
		header = []string{"statistic", "observed", "q05", "q50", "q95"}
	}
	return b, writeFile(ft.dir, PredictiveFile, csvBytes(header, rows))
}

// chartPath is the file of chart name in format.
func (ft *fitter) chartPath(name, format string) string {
	return filepath.Join(ft.dir, name+"."+format)
}

// writeDataPackage describes the fit folder's tables (datapackage.json),
// as run and sweep folders describe theirs.
func (ft *fitter) writeDataPackage() error {
	str := func(name, desc string) output.Field {
		return output.Field{Name: name, Type: "string", Description: desc}
	}
	intg := func(name, desc string) output.Field {
		return output.Field{Name: name, Type: "integer", Description: desc}
	}
	numb := func(name, desc string) output.Field {
		return output.Field{Name: name, Type: "number", Description: desc}
	}
	post := []output.Field{intg("particle", "particle number, in order of distance")}
	for _, p := range ft.f.Parameters {
		post = append(post, numb(p.Name, "value of "+p.Path))
	}
	post = append(post, numb("weight", "importance weight, normalised to sum to 1"),
		numb("distance", "distance of the particle's simulation to the data"),
		intg("generation", "generation that proposed the particle"))
	sum := []output.Field{str("parameter", "column name of the parameter"), str("path", "the scenario field"),
		numb("mean", "posterior mean (weighted)"), numb("sd", "posterior standard deviation (weighted)"),
		numb("q05", "posterior 5% quantile"), numb("q50", "posterior median"), numb("q95", "posterior 95% quantile"),
		numb("truth", "the value that made synthetic data, when the scenario gives it (else NA)"),
		numb("prior_min", "lower end of the prior's support"), numb("prior_max", "upper end of the prior's support")}
	gens := []output.Field{intg("generation", "generation number, from 0"), intg("proposals", "simulations of the generation"),
		intg("accepted", "of them, kept in the population"), numb("acceptance_rate", "accepted / proposals"),
		numb("tolerance", "largest distance kept (the adaptive tolerance)"), numb("ess", "effective sample size of the population's weights"),
		intg("runs", "simulations so far")}
	unit := "data units"
	pred := []output.Field{numb("time", "time in the data's unit"), intg("step", "model step"), numb("observed", "the data (NA where none)"),
		{Name: "q05", Type: "number", Description: "5% quantile of the posterior predictive runs", Unit: unit},
		{Name: "q50", Type: "number", Description: "median of the posterior predictive runs", Unit: unit},
		{Name: "q95", Type: "number", Description: "95% quantile of the posterior predictive runs", Unit: unit}}
	if len(ft.data.Statistics) > 0 {
		pred = append([]output.Field{str("statistic", "the per-run metric (metric>=threshold: the share of runs reaching it)")}, pred[2:]...)
	}
	res := []output.Resource{output.CSVResource(PosteriorFile, post), output.CSVResource(SummaryFile, sum), output.CSVResource(GenerationsFile, gens)}
	if ft.f.Predictive > 0 {
		res = append(res, output.CSVResource(PredictiveFile, pred))
	}
	b, err := output.NewDataPackage(ft.l.Scenario.Name, "connact fit folder: the posterior sample of an ABC-SMC calibration, its summary, the generations' diagnostics and the posterior predictive check", res).JSON()
	if err != nil {
		return err
	}
	return writeFile(ft.dir, output.DataPackageFile, b)
}
