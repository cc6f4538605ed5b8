package scenario

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The fit section (connact fit): its defaults, its checks and the sweep of
// one generation. The algorithm and the data are package sim/fit's; this
// file holds what the scenario can check on its own, so that a fit's
// mistakes are found at load like any other, with file, line and column.

// Prior families and observed series of a fit.
var (
	PriorKinds       = []string{"uniform", "loguniform", "normal", "beta"}
	FitSeries        = []string{"cumulative_share", "active_share", "aware_share", "members_share", "new_participants"}
	populationsModes = []string{"shared", "per_point"}
)

// Defaults of the fit section, written out in the resolved scenario.
const (
	DefaultFitParticles      = 200
	DefaultFitAlpha          = 0.5
	DefaultFitMinAcceptance  = 0.05
	DefaultFitMaxGenerations = 8
	DefaultFitPredictive     = 50
	maxFitParameters         = 20
	maxFitParticles          = 1_000_000
	maxFitGenerations        = 100
)

// fitDefaults fills the fit section's fields that were not given.
func (l *Loaded) fitDefaults() {
	f := l.Scenario.Fit
	if f == nil {
		return
	}
	def := func(path string, set func()) {
		if !l.has("fit." + path) {
			set()
		}
	}
	def("particles", func() { f.Particles = DefaultFitParticles })
	def("alpha", func() { f.Alpha = DefaultFitAlpha })
	def("min_acceptance", func() { f.MinAcceptance = DefaultFitMinAcceptance })
	def("max_generations", func() { f.MaxGenerations = DefaultFitMaxGenerations })
	def("predictive", func() { f.Predictive = DefaultFitPredictive })
	o := &f.Observe
	switch {
	case len(o.Shares) > 0:
		// Shares of runs have no data file, series or time axis: none of
		// their defaults is set (nor written in the resolved scenario).
		def("distance", func() { f.Distance = "arcsine" })
	case len(o.Statistics) == 0:
		def("observe.series", func() { o.Series = "cumulative_share" })
		def("distance", func() { f.Distance = "rmse" })
	default:
		def("distance", func() { f.Distance = "standardised" })
	}
	if len(o.Shares) == 0 {
		def("observe.scale", func() { o.Scale = 1 })
		def("observe.steps_per_unit", func() { o.StepsPerUnit = 1 })
		def("observe.time", func() { o.Time = "time" })
		def("observe.value", func() { o.Value = "value" })
	}
	for k := range f.Parameters {
		p := &f.Parameters[k]
		if p.Name == "" {
			p.Name = ColumnName(p.Path)
		}
		if p.Prior.Dist == "beta" {
			zero, one := 0.0, 1.0
			if p.Prior.Min == nil {
				p.Prior.Min = &zero
			}
			if p.Prior.Max == nil {
				p.Prior.Max = &one
			}
		}
	}
}

// Support is the interval a prior puts all its mass on, [min, max].
func (p Prior) Support() (lo, hi float64) {
	lo, hi = math.Inf(-1), math.Inf(1)
	if p.Min != nil {
		lo = *p.Min
	}
	if p.Max != nil {
		hi = *p.Max
	}
	return lo, hi
}

// priorParams are the keys each prior family takes (written in the
// resolved scenario, and the only ones allowed).
var priorParams = map[string][]string{
	"uniform":    {"min", "max"},
	"loguniform": {"min", "max"},
	"normal":     {"mean", "sd", "min", "max"},
	"beta":       {"a", "b", "min", "max"},
}

// fit checks the fit section (validate.go calls it).
func (v *validator) fit() {
	f := v.s.Fit
	if f == nil || v.errs.err() != nil {
		return
	}
	if v.s.Sweep != nil {
		v.errorf("fit", "a scenario has a fit or a sweep, not both: a fit makes its own sweep for every generation")
		return
	}
	if n := len(v.s.Conditions); n > 1 {
		v.errorf("fit", "a fit compares one condition with the data, and this scenario has %d: keep one (or fit each in a scenario of its own)", n)
		return
	}
	valid := v.l.valid
	v.l.valid = true
	defer func() { v.l.valid = valid }()
	if len(f.Parameters) == 0 {
		v.errorf("fit.parameters", "required: the fields to fit, each with its prior ({path: frames.0.share, prior: {dist: uniform, min: 0.05, max: 0.5}})")
	}
	v.listLen("fit.parameters", len(f.Parameters), maxFitParameters)
	p := &Plan{l: v.l}
	seen := map[string]string{}
	paths := map[string]bool{}
	for k := range f.Parameters {
		v.fitParam(p, indexPath("fit.parameters", k), &f.Parameters[k], seen, paths)
	}
	if len(f.Observe.Shares) == 0 && f.Data == "" {
		v.errorf("fit.data", "required: a CSV file of the observed time series (time, value) or statistics (statistic, value), unless observe.shares gives shares of runs")
	}
	v.integer("fit.particles", f.Particles, 4, maxFitParticles)
	if v.float("fit.alpha", f.Alpha, interval{lo: 0, hi: 1, loOpen: true, hiOpen: true}) && f.Particles >= 4 {
		if keep := int(f.Alpha * float64(f.Particles)); keep < 2 || keep >= f.Particles {
			v.errorf("fit.alpha", "keeps %d of %d particles; it must keep at least 2 and propose at least 1 new one each generation", keep, f.Particles)
		}
	}
	v.float("fit.min_acceptance", f.MinAcceptance, unitOpenHi)
	v.integer("fit.max_generations", f.MaxGenerations, 1, maxFitGenerations)
	v.integer("fit.predictive", f.Predictive, 0, maxFitParticles)
	o := f.Observe
	if len(o.Shares) > 0 || v.l.has("fit.observe.replicates") {
		v.fitShares(f)
		return
	}
	if len(o.Statistics) > 0 {
		if v.l.has("fit.observe.series") {
			v.errorf("fit.observe.series", "give a series or statistics, not both")
		}
		v.oneOf("fit.distance", "distance", f.Distance, []string{"standardised"})
		seenStat := map[string]bool{}
		for k, s := range o.Statistics {
			if seenStat[s] {
				v.errorf(indexPath("fit.observe.statistics", k), "%q is given twice", truncate(s))
			}
			seenStat[s] = true
		}
	} else {
		v.oneOf("fit.observe.series", "series", o.Series, FitSeries)
		v.oneOf("fit.distance", "distance", f.Distance, []string{"rmse"})
	}
	v.float("fit.observe.scale", o.Scale, positive)
	v.integer("fit.observe.steps_per_unit", o.StepsPerUnit, 1, maxSteps)
	v.integer("fit.observe.offset", o.Offset, 0, v.s.Steps)
	if o.Time == "" {
		v.errorf("fit.observe.time", "must not be empty")
	}
	if o.Value == "" {
		v.errorf("fit.observe.value", "must not be empty")
	}
}

// Bounds of a fit by shares of runs.
const (
	maxFitShares     = 20
	maxFitReplicates = 100_000
)

// shareExcluded are the observe keys of a series or statistics, which a
// fit by shares of runs does not take.
var shareExcluded = []string{"series", "statistics", "scale", "steps_per_unit", "offset", "time", "value"}

// fitShares checks a fit by shares of runs (observe.replicates and
// observe.shares): at least two replicates a proposal, shares in [0, 1] of
// known per-run metrics at finite thresholds, each (metric, threshold)
// once, and none of a series' or statistics' keys.
func (v *validator) fitShares(f *Fit) {
	o := f.Observe
	if len(o.Shares) == 0 {
		v.errorf("fit.observe.replicates", "replicates go with observe.shares (the shares of a proposal's runs that reach a threshold); a series or statistics fit compares one run a proposal")
		return
	}
	if v.l.has("fit.data") {
		v.errorf("fit.data", "a fit by shares of runs takes its targets from observe.shares[].value, not a data file: remove data (or the shares)")
	}
	for _, key := range shareExcluded {
		if v.l.has("fit.observe." + key) {
			v.errorf("fit.observe."+key, "a fit by shares of runs takes no %s (it belongs to a series or statistics fit)", key)
		}
	}
	if !v.l.has("fit.observe.replicates") {
		v.errorf("fit.observe", "required: replicates, the runs of each proposal over which the shares are counted (at least 2; 100 or more to resolve shares near 1%%)")
	} else {
		v.integer("fit.observe.replicates", o.Replicates, 2, maxFitReplicates)
	}
	v.listLen("fit.observe.shares", len(o.Shares), maxFitShares)
	v.oneOf("fit.distance", "distance", f.Distance, []string{"arcsine"})
	seen := map[string]string{}
	for k, sh := range o.Shares {
		at := indexPath("fit.observe.shares", k)
		if !v.l.has(childPath(at, "metric")) {
			v.errorf(at, "required: metric, a per-run metric of runs.csv (cumulative_share, peak_share, ...)")
		} else if !KnownMetric(v.s, sh.Metric) {
			v.errorf(childPath(at, "metric"), "unknown metric %q (allowed: %s)", truncate(sh.Metric), strings.Join(MetricChoices(v.s), ", "))
		}
		if !v.l.has(childPath(at, "at_least")) {
			v.errorf(at, "required: at_least, the threshold a run's %s must reach", Echo(sh.Metric))
		} else if strings.HasSuffix(sh.Metric, "_share") && !(sh.AtLeast > 0 && sh.AtLeast <= 1) {
			// Every run reaches 0 and none passes 1: such a share says
			// nothing about the parameters.
			v.errorf(childPath(at, "at_least"), "%s is out of range (allowed: (0, 1]): %s is a share of the population (10,000 of a public of 1,000,000 is 0.01)", fmtFloat(sh.AtLeast), sh.Metric)
		} else {
			v.float(childPath(at, "at_least"), sh.AtLeast, finite)
		}
		if !v.l.has(childPath(at, "value")) {
			v.errorf(at, "required: value, the observed share of campaigns that reach the threshold, in [0, 1]")
		} else {
			v.float(childPath(at, "value"), sh.Value, unit)
		}
		key := ShareName(sh)
		if first, dup := seen[key]; dup {
			v.errorf(at, "%s at_least %s is already observed by %s", Echo(sh.Metric), fmtFloat(sh.AtLeast), first)
		} else {
			seen[key] = at
		}
	}
}

// ShareName names an observed share of runs in predictive.csv and on
// charts: metric>=threshold.
func ShareName(sh FitShare) string {
	return sh.Metric + ">=" + strconv.FormatFloat(sh.AtLeast, 'g', -1, 64)
}

// fitParam checks one fitted parameter: a field that a sweep could vary,
// holding a real number, with a prior whose support the field accepts.
func (v *validator) fitParam(p *Plan, path string, fp *FitParam, seen map[string]string, paths map[string]bool) {
	fieldPath := childPath(path, "path")
	if fp.Path == "" {
		v.errorf(fieldPath, "required: the field to fit, as in --set (frames.0.share)")
		return
	}
	integer, msg := p.fieldKind(fp.Path)
	if fp.Path == crnPath {
		msg = crnFixed
	}
	if msg != "" {
		v.errorf(fieldPath, "%s", msg)
		return
	}
	if integer {
		v.errorf(fieldPath, "%s holds a whole number; a fit's parameters are real numbers (fit a rate or share instead, or sweep this one)", Echo(fp.Path))
		return
	}
	if key := ColumnName(fp.Path); paths[key] {
		v.errorf(fieldPath, "%s is fitted twice", Echo(fp.Path))
		return
	} else {
		paths[key] = true
	}
	if !columnRE.MatchString(fp.Name) {
		v.errorf(childPath(path, "name"), "%q is not a column name (letters, digits, _ and ., not starting with a digit)", truncate(fp.Name))
	} else if first, dup := seen[fp.Name]; dup {
		v.errorf(childPath(path, "name"), "column %q is already used by %s", fp.Name, first)
	} else {
		seen[fp.Name] = path
	}
	if slices.Contains([]string{"generation", "particle", "weight", "distance", "point"}, fp.Name) {
		v.errorf(childPath(path, "name"), "%q is a column of the posterior already; name the parameter otherwise", fp.Name)
	}
	if n := utf8.RuneCountInString(fp.Label); n > maxLabel {
		v.errorf(childPath(path, "label"), "%d characters, at most %d allowed", n, maxLabel)
	} else if i := strings.IndexFunc(fp.Label, unicode.IsControl); i >= 0 {
		v.errorf(childPath(path, "label"), "control character U+%04X; a label is one line of text", []rune(fp.Label[i:])[0])
	}
	pp := childPath(path, "prior")
	pr := fp.Prior
	if !v.oneOf(childPath(pp, "dist"), "prior", pr.Dist, PriorKinds) {
		return
	}
	// Only the family's own keys (sd on a uniform is a mistake).
	for _, key := range []string{"min", "max", "mean", "sd", "a", "b"} {
		if v.l.has(childPath(pp, key)) && !slices.Contains(priorParams[pr.Dist], key) {
			v.errorf(childPath(pp, key), "a %s prior takes %s, not %s", pr.Dist, strings.Join(priorParams[pr.Dist], ", "), key)
		}
	}
	lo, hi := pr.Support()
	switch pr.Dist {
	case "uniform", "loguniform", "normal":
		if pr.Min == nil || pr.Max == nil {
			missing := "min"
			if pr.Min != nil {
				missing = "max"
			}
			v.errorf(pp, "a %s prior needs min and max (no %s): its support, which the field must accept", pr.Dist, missing)
			return
		}
	}
	if !(lo < hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		v.errorf(childPath(pp, "max"), "%s is not above min %s", fmtFloat(hi), fmtFloat(lo))
		return
	}
	switch pr.Dist {
	case "loguniform":
		v.float(childPath(pp, "min"), lo, positive)
	case "normal":
		v.float(childPath(pp, "mean"), pr.Mean, finite)
		v.float(childPath(pp, "sd"), pr.SD, positive)
	case "beta":
		v.float(childPath(pp, "a"), pr.A, positive)
		v.float(childPath(pp, "b"), pr.B, positive)
	}
	if fp.Truth != nil && !(interval{lo: lo, hi: hi}).contains(*fp.Truth) {
		v.errorf(childPath(path, "truth"), "%s is outside the prior's support [%s, %s]", fmtFloat(*fp.Truth), fmtFloat(lo), fmtFloat(hi))
	}
	// The support's ends must be values of the field: a prior on
	// frames.0.share reaching 1.2 is refused here, not at a proposal.
	for _, end := range []struct {
		key string
		x   float64
	}{{"min", lo}, {"max", hi}} {
		v.fitValue(childPath(pp, end.key), fp.Path, end.x)
	}
}

// fitValue applies path=x alone to the scenario, without its fit, and
// reports at `at` why the field does not accept it.
func (v *validator) fitValue(at, path string, x float64) {
	c := v.l.clone()
	c.Scenario.Sweep, c.Scenario.Fit = nil, nil
	value := strconv.FormatFloat(x, 'g', -1, 64)
	err := ApplySet(c, []string{path + "=" + value})
	if err == nil {
		return
	}
	list := asErrorList(err)
	if list == nil {
		v.errorf(at, "%s: %v", Echo(path+"="+value), err)
		return
	}
	for _, e := range list {
		if e.Path != "" && ColumnName(e.Path) != ColumnName(path) {
			v.errorf(at, "%s is outside what the field accepts: %s: %s", fmtFloat(x), e.Path, e.Msg)
		} else {
			v.errorf(at, "%s is outside what %s accepts: %s", fmtFloat(x), path, e.Msg)
		}
	}
}

// FitGeneration returns the scenario of one generation of a fit: this
// scenario without its fit, with the given seed, and a sweep whose points
// are the rows of values (one column per fitted parameter, in order), one
// replicate each (observe.replicates each for a fit by shares of runs),
// every point with its own population and network
// (populations: per_point). Its folder is an ordinary sweep folder, which
// connact sweep can resume or shard.
func (l *Loaded) FitGeneration(seed uint64, values [][]float64) (*Loaded, error) {
	f := l.Scenario.Fit
	if f == nil {
		return nil, fmt.Errorf("scenario: %s has no fit section", l.File)
	}
	c := l.clone()
	c.own("fit")
	c.own("sweep")
	c.own("seed")
	c.Scenario.Fit = nil
	c.Scenario.Seed = seed
	c.pos.set("seed", Pos{File: l.File})
	group := make([]SweepParam, len(f.Parameters))
	for k, fp := range f.Parameters {
		group[k] = SweepParam{Path: fp.Path, Name: fp.Name, Label: fp.Label, Values: make([]Value, len(values))}
		for i, row := range values {
			group[k].Values[i] = Value(strconv.FormatFloat(row[k], 'g', -1, 64))
		}
	}
	sw := &Sweep{Replicates: max(1, f.Observe.Replicates), Populations: "per_point"}
	if len(group) == 1 {
		sw.Parameters = group
	} else {
		sw.Zip = [][]SweepParam{group}
	}
	c.Scenario.Sweep = sw
	if err := c.finish(); err != nil {
		return nil, err
	}
	return c, nil
}
