package analyse

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
	"github.com/connact/connact/sim/sensitivity"
)

// Row is one line of sensitivity.csv: one statistic of one parameter (or
// of the metric as a whole, Parameter empty) for one metric and condition.
type Row struct {
	Metric, Condition string
	// Method is sobol (S1, ST, ST_noise), morris (mu_star, mu, sigma,
	// mu_star_noise), rank (prcc, srrc, srrc_r2), replicates
	// (replicate_noise, replicate_noise_means) or, for a contrast,
	// contrast (positive_share, negative_share).
	Method, Parameter, Statistic string
	// Estimate and its confidence interval [Lo, Hi]; NaN for none.
	Estimate, Lo, Hi float64
	// N counts what the estimate is computed from: base rows (sobol),
	// trajectories (morris), points (rank, replicate_noise_means) or runs
	// (replicate_noise).
	N int
	// Note says why the estimate is NA, or what was left out.
	Note string
}

// Statistics of sensitivity.csv, in the order of their rows.
const (
	StatS1          = "S1"
	StatST          = "ST"
	StatMuStar      = "mu_star"
	StatMu          = "mu"
	StatSigma       = "sigma"
	StatPRCC        = "prcc"
	StatSRRC        = "srrc"
	StatSRRCR2      = "srrc_r2"
	StatNoise       = "replicate_noise"
	StatNoiseMeans  = "replicate_noise_means"
	StatSTNoise     = "ST_noise"
	StatMuStarNoise = "mu_star_noise"
	StatPositive    = "positive_share"
	StatNegative    = "negative_share"
	methodSobol     = string(scenario.SampleSobol)
	methodMorris    = string(scenario.SampleMorris)
	methodRank      = "rank"
	methodReplicate = "replicates"
	methodContrast  = "contrast"
)

// Defaults of Options.
const (
	DefaultResamples = 1000
	DefaultLevel     = 0.95
)

// streamSensitivity keeps the bootstrap's random numbers apart from every
// stream of the runs (sim.Derive paths start with a stream label).
const streamSensitivity = 0x73656e73 // "sens"

// OptionError reports an option Analyse or Indices cannot take, such as
// a metric the sweep does not have: a user mistake (exit code 2).
type OptionError struct {
	Option string // metric, format, resamples or level
	Msg    string
}

func (e *OptionError) Error() string { return "analyse: bad " + e.Option + ": " + e.Msg }

// Indices computes the statistics of the metrics named (all of s.Metrics
// when nil) for every condition: Sobol' indices for a sobol design, Morris
// effects for a morris design, rank correlations and replicate noise for
// any design (see the package documentation). Bootstrap intervals take
// resamples draws at the given level, from random streams derived from
// the scenario seed, the metric's and condition's names and the method:
// the same folder gives the same rows, whatever else is analysed with
// it. An unknown metric or a bad option is an *OptionError (an unknown
// metric's names those there are).
func (s *Sweep) Indices(metrics []string, resamples int, level float64) ([]Row, error) {
	if resamples < 1 {
		return nil, &OptionError{Option: "resamples", Msg: fmt.Sprintf("%d bootstrap resamples; at least 1 is needed", resamples)}
	}
	if !(level > 0 && level < 1) {
		return nil, &OptionError{Option: "level", Msg: fmt.Sprintf("confidence level %v is not between 0 and 1", level)}
	}
	idx, err := s.metricIndices(metrics)
	if err != nil {
		return nil, err
	}
	type job struct{ m, c int }
	var jobs []job
	for _, m := range idx {
		for c := range s.analysed() {
			jobs = append(jobs, job{m, c})
		}
	}
	// Each job has its own random streams, so running them in parallel
	// changes nothing of the result.
	out := make([][]Row, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i] = s.analyse(j.m, j.c, resamples, level)
		}()
	}
	wg.Wait()
	return slices.Concat(out...), nil
}

// metricIndices returns the indices in s.Metrics of the names given (all
// when names is nil).
func (s *Sweep) metricIndices(names []string) ([]int, error) {
	if names == nil {
		names = s.Metrics
	}
	var idx []int
	for _, n := range names {
		m := slices.Index(s.Metrics, n)
		if m < 0 {
			return nil, &OptionError{Option: "metric", Msg: fmt.Sprintf("%s has no metric %q (it has %s)", s.Dir, n, strings.Join(s.Metrics, ", "))}
		}
		idx = append(idx, m)
	}
	return idx, nil
}

// rng returns the random stream of one metric, condition and method.
func (s *Sweep) rng(metric, cond, method string) *rand.Rand {
	name := func(v string) uint64 {
		h := fnv.New64a()
		h.Write([]byte(v))
		return h.Sum64()
	}
	seed := sim.Derive(s.Loaded.Scenario.Seed, streamSensitivity, name(metric), name(cond), name(method))
	return rand.New(rand.NewPCG(seed, streamSensitivity))
}

// analyse computes the rows of metric m under condition c.
func (s *Sweep) analyse(m, c, resamples int, level float64) []Row {
	a := &analysis{s: s, metric: s.Metrics[m], cond: s.analysed()[c], y: s.Means[m][c], resamples: resamples, level: level}
	if s.PairNoise != nil {
		a.pairs = s.PairNoise[m][c]
	}
	var values []float64
	for _, v := range a.y {
		if !math.IsNaN(v) {
			values = append(values, v)
		}
	}
	switch {
	case len(values) == 0:
		a.na = "no value at any point (NA in every run)"
	case !slices.ContainsFunc(values, func(v float64) bool { return v != values[0] }):
		a.na = fmt.Sprintf("every point has the same mean (%s): there is no variance to apportion", output.FormatNumber(values[0], false))
	}
	switch s.Plan.Design() {
	case methodSobol:
		a.sobol()
	case methodMorris:
		a.morris()
	}
	a.rank()
	a.noise(s.Noise[m][c], values)
	if i := c - len(s.Conditions); i >= 0 {
		a.contrast(s.DiffSD[m][i], s.DiffN[m][i])
	}
	return a.rows
}

// contrast adds the shares of the points at which the paired difference
// (a.y, a contrast's point means) is positive or negative at the
// analysis's level: its Student t interval over the point's pairs,
// mean ± t_{n−1}·sd/√n, lies above or below 0. Points with fewer than
// two pairs count in neither and are left out of n. In a random or
// Latin hypercube design the points sample the parameters' box, so a
// share estimates the part of the box where the difference has that
// sign; its interval is Wilson's (1927) at the same level (conservative
// for a Latin hypercube, whose strata make the share vary less than
// under independent sampling; McKay, Beckman & Conover 1979). In a grid
// it is only the share of the grid's points.
func (a *analysis) contrast(sd []float64, n []int) {
	var pos, neg, pts int
	for p, y := range a.y {
		if n[p] < 2 || math.IsNaN(y) || math.IsNaN(sd[p]) {
			continue
		}
		pts++
		h := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n[p] - 1)}.Quantile(0.5+a.level/2) * sd[p] / math.Sqrt(float64(n[p]))
		switch {
		case y-h > 0:
			pos++
		case y+h < 0:
			neg++
		}
	}
	nan := math.NaN()
	z := distuv.UnitNormal.Quantile(0.5 + a.level/2)
	for _, c := range []struct {
		stat string
		k    int
	}{{StatPositive, pos}, {StatNegative, neg}} {
		if pts == 0 {
			a.add(methodContrast, "", c.stat, nan, nan, nan, 0, "no point has two paired replicates with a value")
			continue
		}
		share := float64(c.k) / float64(pts)
		lo, hi := runner.Wilson(pts, share, z)
		a.add(methodContrast, "", c.stat, share, lo, hi, pts, leftOut(len(a.y)-pts, len(a.y), "points"))
	}
}

// analysis is the work on one metric and condition.
type analysis struct {
	s            *Sweep
	metric, cond string
	y            []float64   // mean per point
	pairs        [][]float64 // Sweep.PairNoise of the metric and condition
	resamples    int
	level        float64
	na           string // why every index is NA, or ""
	rows         []Row
}

func (a *analysis) add(method, param, statistic string, est, lo, hi float64, n int, note string) {
	a.rows = append(a.rows, Row{Metric: a.metric, Condition: a.cond, Method: method, Parameter: param,
		Statistic: statistic, Estimate: est, Lo: lo, Hi: hi, N: n, Note: note})
}

// none adds statistics of every parameter as NA, with the reason.
func (a *analysis) none(method string, stats []string, n int, note string) {
	nan := math.NaN()
	for _, p := range a.s.Parameters {
		for _, st := range stats {
			a.add(method, p, st, nan, nan, nan, n, note)
		}
	}
}

// reason strips the package prefix of an estimator's error for a note.
func reason(err error) string {
	return strings.TrimPrefix(err.Error(), "sensitivity: ")
}

// leftOut is the note of n of total units left out for NA, or "".
func leftOut(n, total int, units string) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d of %d %s left out: NA at one of their points", n, total, units)
}

// sobol adds S1, ST and ST_noise of every parameter: the base rows j
// whose k+2 points all have a value enter SobolIndices (Saltelli et al.
// 2010, Jansen 1999), with a bootstrap over those rows.
func (a *analysis) sobol() {
	stats := []string{StatS1, StatST, StatSTNoise}
	if a.na != "" {
		a.none(methodSobol, stats, 0, a.na)
		return
	}
	k, n := len(a.s.Parameters), a.s.Plan.SampleSize()
	var rows []int
	for j := range n {
		ok := true
		for b := sensitivity.BlockA; b < k && ok; b++ {
			ok = !math.IsNaN(a.y[sensitivity.SaltelliRow(b, j, k, n)])
		}
		if ok {
			rows = append(rows, j)
		}
	}
	note := leftOut(n-len(rows), n, "base rows")
	if len(rows) < 2 {
		a.none(methodSobol, stats, len(rows), fmt.Sprintf("%d of %d base rows have a value at all their points; Sobol' indices need 2", len(rows), n))
		return
	}
	y := make([]float64, 0, len(rows)*(k+2))
	for b := sensitivity.BlockA; b < k; b++ {
		for _, j := range rows {
			y = append(y, a.y[sensitivity.SaltelliRow(b, j, k, n)])
		}
	}
	res, err := sensitivity.SobolIndices(y, k, a.resamples, a.level, a.s.rng(a.metric, a.cond, methodSobol))
	if err != nil {
		a.none(methodSobol, stats, len(rows), join(note, reason(err)))
		return
	}
	nan := math.NaN()
	for i, p := range a.s.Parameters {
		a.add(methodSobol, p, StatS1, res.S1[i], res.S1CI[i][0], res.S1CI[i][1], len(rows), note)
		a.add(methodSobol, p, StatST, res.ST[i], res.STCI[i][0], res.STCI[i][1], len(rows), note)
		// Jansen's sum of (f_A − f_ABi)² takes, besides the effect, the
		// noise of each difference: its expectation for a parameter
		// without effect.
		noise, why := math.NaN(), join(note, "no replicates were read")
		if a.pairs != nil {
			var sum float64
			for _, j := range rows {
				sum += a.pairs[i][j]
			}
			noise, why = sum/float64(2*len(rows))/res.Variance, note
			if math.IsNaN(noise) {
				why = join(note, "a row has fewer than two replicates with values at both its points")
			}
		}
		a.add(methodSobol, p, StatSTNoise, noise, nan, nan, len(rows), why)
	}
}

// join joins notes with "; ", leaving out empty ones.
func join(notes ...string) string {
	return strings.Join(slices.DeleteFunc(notes, func(s string) bool { return s == "" }), "; ")
}

// morris adds μ* (with a bootstrap interval over trajectories), μ and σ of
// the elementary effects of every parameter (Morris 1991; Campolongo et
// al. 2007), and mu_star_noise, from the trajectories whose k+1 points all
// have a value.
func (a *analysis) morris() {
	stats := []string{StatMuStar, StatMu, StatSigma, StatMuStarNoise}
	if a.na != "" {
		a.none(methodMorris, stats, 0, a.na)
		return
	}
	d := a.s.Plan.Morris()
	sub := &sensitivity.MorrisDesign{K: d.K, Levels: d.Levels, Delta: d.Delta}
	var y []float64
	var used []int
	for t := range d.R {
		pts := a.y[t*(d.K+1) : (t+1)*(d.K+1)]
		if slices.ContainsFunc(pts, math.IsNaN) {
			continue
		}
		used = append(used, t)
		sub.R++
		y = append(y, pts...)
		sub.Factor = append(sub.Factor, d.Factor[t*d.K:(t+1)*d.K]...)
		sub.Sign = append(sub.Sign, d.Sign[t*d.K:(t+1)*d.K]...)
	}
	note := leftOut(d.R-sub.R, d.R, "trajectories")
	if sub.R == 0 {
		a.none(methodMorris, stats, 0, fmt.Sprintf("none of the %d trajectories has a value at all its points", d.R))
		return
	}
	res, err := sensitivity.MorrisEffects(sub, y)
	if err != nil {
		a.none(methodMorris, stats, sub.R, join(note, reason(err)))
		return
	}
	lo, hi, err := sensitivity.MorrisMuStarCI(res, a.level, a.resamples, a.s.rng(a.metric, a.cond, methodMorris))
	if err != nil {
		a.none(methodMorris, stats, sub.R, join(note, reason(err)))
		return
	}
	sigmaNote := note
	if sub.R == 1 {
		sigmaNote = join(note, "one trajectory: no standard deviation")
	}
	nan := math.NaN()
	for i, p := range a.s.Parameters {
		a.add(methodMorris, p, StatMuStar, res.MuStar[i], lo[i], hi[i], sub.R, note)
		a.add(methodMorris, p, StatMu, res.Mu[i], nan, nan, sub.R, note)
		a.add(methodMorris, p, StatSigma, res.Sigma[i], nan, nan, sub.R, sigmaNote)
		// The effect of a parameter without effect is the noise of its
		// step's difference over Δ, about normal: its mean absolute
		// value is √(2/π)·√v/Δ for a noise of variance v.
		noise, why := math.NaN(), join(note, "no replicates were read")
		if a.pairs != nil {
			var sum float64
			for _, t := range used {
				sum += math.Sqrt(2/math.Pi) * math.Sqrt(a.pairs[i][t]) / d.Delta
			}
			noise, why = sum/float64(len(used)), note
			if math.IsNaN(noise) {
				why = join(note, "a step has fewer than two replicates with values at both its points")
			}
		}
		a.add(methodMorris, p, StatMuStarNoise, noise, nan, nan, sub.R, why)
	}
}

// rank adds the PRCC, with a Fisher z interval, and the SRRC of every
// parameter, and the SRRC's r², over the points with a value. Parameters
// that are not numbers, are constant over those points or vary in step
// with an earlier parameter (a zip group) are left out, with a note.
func (a *analysis) rank() {
	nan := math.NaN()
	if a.na != "" {
		a.none(methodRank, []string{StatPRCC, StatSRRC}, 0, a.na)
		a.add(methodRank, "", StatSRRCR2, nan, nan, nan, 0, a.na)
		return
	}
	var pts []int
	for p, v := range a.y {
		if !math.IsNaN(v) {
			pts = append(pts, p)
		}
	}
	note := ""
	if len(pts) < len(a.y) {
		note = fmt.Sprintf("%d of %d points left out: NA", len(a.y)-len(pts), len(a.y))
	}
	why := make([]string, len(a.s.Parameters)) // why a parameter is left out
	var kept []int
	var ranks [][]float64
	for k := range a.s.Parameters {
		col := make([]float64, len(pts))
		for i, p := range pts {
			col[i] = a.s.X[p][k]
		}
		if slices.ContainsFunc(col, math.IsNaN) {
			why[k] = "its values are not numbers"
			continue
		}
		if !slices.ContainsFunc(col, func(v float64) bool { return v != col[0] }) {
			why[k] = "it is constant over the points"
			continue
		}
		r, _ := sensitivity.Ranks(col) // no NaN
		if j := slices.IndexFunc(ranks, func(q []float64) bool { return sameOrder(r, q) }); j >= 0 {
			why[k] = "it varies in step with " + a.s.Parameters[kept[j]] + " (a zip group): their effects cannot be told apart"
			continue
		}
		kept = append(kept, k)
		ranks = append(ranks, r)
	}
	x := make([][]float64, len(pts))
	y := make([]float64, len(pts))
	for i, p := range pts {
		y[i] = a.y[p]
		x[i] = make([]float64, len(kept))
		for j, k := range kept {
			x[i][j] = a.s.X[p][k]
		}
	}
	prcc, srrc, r2 := rankEstimates(x, y, len(kept))
	z := distuv.UnitNormal.Quantile((1 + a.level) / 2)
	for k, name := range a.s.Parameters {
		j := slices.Index(kept, k)
		if r, ok := prcc.pick(j, why[k]); !ok {
			a.add(methodRank, name, StatPRCC, nan, nan, nan, len(pts), join(note, "no PRCC: "+r.why))
		} else {
			lo, hi := fisherCI(r.v, len(pts), len(kept)-1, z)
			a.add(methodRank, name, StatPRCC, r.v, lo, hi, len(pts), join(note, r.why))
		}
		if r, ok := srrc.pick(j, why[k]); !ok {
			a.add(methodRank, name, StatSRRC, nan, nan, nan, len(pts), join(note, "no SRRC: "+r.why))
		} else {
			a.add(methodRank, name, StatSRRC, r.v, nan, nan, len(pts), note)
		}
	}
	if srrc.err != "" {
		a.add(methodRank, "", StatSRRCR2, nan, nan, nan, len(pts), join(note, "no SRRC: "+srrc.err))
	} else {
		a.add(methodRank, "", StatSRRCR2, r2, nan, nan, len(pts), note)
	}
}

// estimates are coefficients of the kept parameters, or why there are
// none.
type estimates struct {
	coef []float64
	err  string
}

// estimate is one coefficient, or why there is none; a NaN coefficient
// comes with why it is NaN.
type estimate struct {
	v   float64
	why string
}

// pick returns coefficient j of e (j < 0: a parameter left out, for the
// reason left), ok false when there is none.
func (e estimates) pick(j int, left string) (estimate, bool) {
	switch {
	case j < 0:
		return estimate{why: left}, false
	case e.err != "":
		return estimate{why: e.err}, false
	case math.IsNaN(e.coef[j]):
		return estimate{v: e.coef[j], why: "the other parameters' ranks explain the metric's ranks exactly"}, true
	}
	return estimate{v: e.coef[j]}, true
}

// rankEstimates computes PRCC and SRRC of y on the k columns of x.
func rankEstimates(x [][]float64, y []float64, k int) (prcc, srrc estimates, r2 float64) {
	r2 = math.NaN()
	if k == 0 {
		none := "no numeric parameter varies over the points"
		return estimates{err: none}, estimates{err: none}, r2
	}
	if res, err := sensitivity.PRCC(x, y); err != nil {
		prcc.err = reason(err)
	} else {
		prcc.coef = res.Coef
	}
	coef, c2, err := sensitivity.SRRC(x, y)
	if err != nil {
		srrc.err = reason(err)
	} else {
		srrc.coef, r2 = coef, c2
	}
	return prcc, srrc, r2
}

// sameOrder reports whether ranks a and b are equal or reversed: the
// columns are then an exact linear function of each other's ranks.
func sameOrder(a, b []float64) bool {
	n := float64(len(a))
	same, rev := true, true
	for i := range a {
		same = same && a[i] == b[i]
		rev = rev && a[i]+b[i] == n+1
	}
	return same || rev
}

// fisherCI is the interval of a partial correlation r from n points with
// p variables partialled out, z the normal quantile of the level: Fisher's
// (1924) z = atanh r is about normal with standard error 1/√(n − 3 − p),
// and the interval tanh(z ± quantile·se) maps back. It assumes
// independent points (a random or Latin hypercube design); on ranks it is
// approximate. NaN ends when n − 3 − p < 1 or r is NaN.
func fisherCI(r float64, n, p int, z float64) (lo, hi float64) {
	df := n - 3 - p
	if df < 1 || math.IsNaN(r) {
		return math.NaN(), math.NaN()
	}
	se := 1 / math.Sqrt(float64(df))
	return math.Tanh(math.Atanh(r) - z*se), math.Tanh(math.Atanh(r) + z*se)
}

// noise adds the share of the variance of the runs that lies between
// the replicates of a point, and the share of the variance of the point
// means that the replicates' noise makes (means holds the metric's finite
// point means).
func (a *analysis) noise(nz Noise, means []float64) {
	nan := math.NaN()
	share, note := nan, ""
	// The variance of the runs is that of the points' true values, B, and
	// of the noise about them, Within. With the mean of n_p replicates
	// carrying Within/n_p of noise, B = Var(ȳ_p) − Within·mean(1/n_p),
	// truncated at 0 (the one-way random-effects estimators; Searle,
	// Casella & McCulloch 1992, Variance Components, ch. 3). A raw ratio
	// of Within to the variance of all runs would exceed 1 for pure noise:
	// the part of the noise that replicate r's population and network
	// give every point is in Within but counts once in the runs' spread.
	b := max(0, variance(means)-nz.Within*nz.InvReplicates)
	switch {
	case nz.Runs == 0:
		note = "no value in any run"
	case math.IsNaN(nz.Within):
		note = "no point has two replicates with a value: the noise cannot be told apart from the effects"
	case math.IsNaN(b):
		note = "one point with a value: the variance between points is unknown"
	case nz.Within+b == 0:
		note = "no variance between runs"
	default:
		share = nz.Within / (nz.Within + b)
	}
	a.add(methodReplicate, "", StatNoise, share, nan, nan, nz.Runs, note)

	// The noise in a point mean that does not cancel between points is
	// the residual ε of the points × replicates layout, of variance
	// Residual/R in a mean of R replicates.
	share, note = nan, ""
	switch {
	case nz.Runs == 0:
		note = "no value in any run"
	case math.IsNaN(nz.Residual):
		note = fmt.Sprintf("%d points have a value in every replicate; the noise in the means needs two, and two replicates", nz.Complete)
	case nz.MeansVar == 0:
		note = "no variance between the point means"
	default:
		share = nz.Residual / float64(a.s.Plan.Replicates) / nz.MeansVar
	}
	a.add(methodReplicate, "", StatNoiseMeans, share, nan, nan, nz.Complete, note)
}

// variance is the sample variance of v (divisor n − 1), NaN below two
// values.
func variance(v []float64) float64 {
	if len(v) < 2 {
		return math.NaN()
	}
	return stat.Variance(v, nil)
}
