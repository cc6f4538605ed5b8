package scenario

import (
	"errors"
	"fmt"
	"github.com/connact/connact/sim/internal/sat"
	"github.com/connact/connact/sim/sensitivity"
	"math"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plan is the expanded design of a scenario's sweep. It never holds the
// points themselves (except the drawn coordinates of a sampled design):
// point i is decoded from i on demand, so a plan of 10^6 points costs no
// memory and starts at once.
type Plan struct {
	l *Loaded
	// Names are the parameters' column names and Paths their fields, in
	// column order: the factorial parameters, then the zip groups' members.
	Names, Paths []string
	// Replicates per point and condition.
	Replicates int

	factors []factor
	points  int
	// A sampled design: coordinates[i*len(Paths)+k] is parameter k of point i.
	coordinates []float64
	integer     []bool
	also        [][]string // SweepParam.Also of each column
	// The trajectories of a morris design (without their Points, which
	// are coordinates): what its elementary effects are computed from.
	morris *sensitivity.MorrisDesign
}

// factor is one axis of the factorial: the parameters (columns) it sets and,
// per level, their values as YAML text.
type factor struct {
	columns []int
	levels  [][]string
}

// Plan expands the scenario's sweep. A scenario without one is a plan of
// one point that sets nothing.
func (l *Loaded) Plan() (*Plan, error) {
	p := l.BasePlan()
	sw := l.Scenario.Sweep
	if sw == nil {
		return p, nil
	}
	if sw.Replicates > 0 {
		p.Replicates = sw.Replicates
	}
	errs := &errorSet{}
	p.build(errs)
	return p, errs.err()
}

// BasePlan is the plan of the scenario as written, without its sweep: one
// point that sets nothing (what connact run runs).
func (l *Loaded) BasePlan() *Plan {
	return &Plan{l: l, Replicates: l.Scenario.Replicates, points: 1}
}

// Points is the number of points of the design.
func (p *Plan) Points() int { return p.points }

// Design names the plan's design: "grid" for a factorial (zip groups
// included, and a plan without a sweep, one point), else the sample
// method (a SampleMethod: "random", "lhs", "sobol" or "morris"). What a
// sensitivity analysis may estimate depends on it: Sobol' indices need
// the Saltelli blocks of a sobol design, elementary effects the
// trajectories of a morris design.
func (p *Plan) Design() string {
	if sw := p.l.Scenario.Sweep; sw != nil && sw.Sample != nil && p.coordinates != nil {
		return string(sw.Sample.Method)
	}
	return "grid"
}

// SampleSize is the size of a sampled design as the scenario gives it
// (sweep.sample.points): the base points N of a sobol design, which runs
// N·(k+2) points in blocks A, B, A_B^1..A_B^k of N points each (point
// (2+i)·N + j is row j of A_B^i, as sensitivity.SaltelliRow numbers them);
// the trajectories R of a morris design, R·(k+1) points; the points of a
// random or lhs design. It is 0 for a grid.
func (p *Plan) SampleSize() int {
	if p.Design() == "grid" {
		return 0
	}
	return p.l.Scenario.Sweep.Sample.Points
}

// Morris returns the trajectories of a morris design, nil for any other:
// K parameters, R trajectories on a Levels-level grid, the step Delta and,
// for each step, the parameter it moves and the direction (Factor, Sign),
// as sensitivity.MorrisEffects takes them. Its Points are nil: point
// t·(K+1)+j of the plan is point j of trajectory t, mapped to the
// parameters' bounds (Values). It is a copy: changing it changes nothing
// of the plan.
func (p *Plan) Morris() *sensitivity.MorrisDesign {
	if p.morris == nil {
		return nil
	}
	d := *p.morris
	d.Factor, d.Sign = slices.Clone(d.Factor), slices.Clone(d.Sign)
	return &d
}

// Conditions is the number of conditions each point runs.
func (p *Plan) Conditions() int { return len(p.l.ConditionNames()) }

// ConditionNames names the conditions.
func (p *Plan) ConditionNames() []string { return p.l.ConditionNames() }

// Runs is points × conditions × replicates.
// A plan that loaded has at most maxRuns; Runs saturates rather than
// overflow.
func (p *Plan) Runs() int64 {
	return sat.Mul(sat.Mul(int64(p.points), int64(p.Conditions())), int64(p.Replicates))
}

// Values returns point i's value of each parameter, as YAML text, in column
// order.
func (p *Plan) Values(i int) []string {
	out := make([]string, len(p.Paths))
	if p.coordinates != nil {
		for k := range p.Paths {
			out[k] = formatLevel(p.coordinates[i*len(p.Paths)+k], p.integer[k])
		}
		return out
	}
	for f := len(p.factors) - 1; f >= 0; f-- { // the last factor varies fastest
		fa := &p.factors[f]
		n := len(fa.levels)
		for k, c := range fa.columns {
			out[c] = fa.levels[i%n][k]
		}
		i /= n
	}
	return out
}

// Types are the Table Schema types of the parameters' columns (integer,
// number or string), in column order: what every value of the column
// parses as.
func (p *Plan) Types() []string {
	out := make([]string, len(p.Paths))
	if p.coordinates != nil {
		for k := range p.Paths {
			out[k] = "number"
			if p.integer[k] {
				out[k] = "integer"
			}
		}
		return out
	}
	for k := range out {
		out[k] = "integer"
	}
	for _, fa := range p.factors {
		for _, lv := range fa.levels {
			for j, c := range fa.columns {
				v := lv[j]
				if _, err := strconv.ParseInt(v, 10, 64); err == nil {
					continue
				}
				if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && !strings.HasPrefix(strings.TrimLeft(v, "+-"), "0x") && !strings.HasPrefix(strings.TrimLeft(v, "+-"), "0X") {
					if out[c] == "integer" {
						out[c] = "number"
					}
					continue
				}
				out[c] = "string"
			}
		}
	}
	return out
}

// Point returns the scenario of point i: the base scenario with the point's
// values applied as overrides, checked like --set, without its sweep
// section. Its conditions are those of the base scenario.
func (p *Plan) Point(i int) (*Loaded, error) {
	if i < 0 || i >= p.points {
		return nil, fmt.Errorf("scenario: point %d does not exist (%d points)", i, p.points)
	}
	if len(p.Paths) == 0 {
		c := p.l.clone()
		c.Scenario.Sweep = nil
		return c, c.finish()
	}
	set := p.assignments(p.Values(i))
	c, err := p.apply(set)
	if err != nil {
		what := fmt.Sprintf("point %d (%s) is invalid", i, echoAll(set))
		if !IsUserError(err) {
			return nil, fmt.Errorf("sweep: %s: %w", what, err)
		}
		return nil, p.pointError(what, err)
	}
	return c, nil
}

// echoAll joins assignments for a message, each cut by echo.
func echoAll(set []string) string {
	out := make([]string, len(set))
	for k, a := range set {
		out[k] = Echo(a)
	}
	return strings.Join(out, ", ")
}

// assignments pairs each column's path with its value: path=value.
func (p *Plan) assignments(vals []string) []string {
	set := make([]string, 0, len(vals))
	for k := range vals {
		set = append(set, p.Paths[k]+"="+vals[k])
		for _, a := range p.also[k] {
			set = append(set, a+"="+vals[k])
		}
	}
	return set
}

// apply returns the base scenario, without its sweep, with the assignments
// applied and checked as --set does.
func (p *Plan) apply(set []string) (*Loaded, error) {
	c := p.l.clone()
	c.Scenario.Sweep = nil
	if err := ApplySet(c, set); err != nil {
		return nil, err
	}
	return c, nil
}

// asErrorList returns the positioned errors in err (one or a list), or nil
// when it holds none.
func asErrorList(err error) ErrorList {
	var list ErrorList
	var one *Error
	switch {
	case errors.As(err, &list):
		return list
	case errors.As(err, &one):
		return ErrorList{one}
	}
	return nil
}

// pointError positions at the sweep section an error that the values of a
// point gave together: what, then each error's field and message.
func (p *Plan) pointError(what string, err error) *Error {
	list := asErrorList(err)
	if list == nil {
		return p.l.Errorf("sweep", "%s: %v", what, err)
	}
	msgs := make([]string, len(list))
	for k, e := range list {
		msgs[k] = e.Msg
		if e.Path != "" {
			msgs[k] = e.Path + ": " + e.Msg
		}
	}
	return p.l.Errorf("sweep", "%s: %s", what, strings.Join(msgs, "; "))
}

// maxCornerChecks bounds the corners checkCorners tries: all of them for a
// design of up to four varying factors (or sampled parameters).
const maxCornerChecks = 16

// checkCorners checks the combinations of extreme values of a design that
// is valid value by value. Each level was checked alone against the base
// scenario, but rules between fields (network.mean_degree <
// population.size, an event's step <= steps, a condition's overrides) can
// fail only for some combinations, and a sweep would then stop at its
// first bad point after writing part of its folder. The corners are the
// points that set every factor to its first or last level (a zip group to
// its first or last row; for a sampled design, every parameter to from or
// to); these rules are monotone in the values in practice, so a bad
// combination shows at a corner. At most maxCornerChecks corners are tried,
// and only the first bad one is reported; any other bad point is still
// reported, at the sweep section, when it runs.
func (p *Plan) checkCorners(errs *errorSet) {
	sw := p.l.Scenario.Sweep
	// Each axis has a first and a last setting of some columns.
	type axis struct {
		columns     []int
		first, last []string
	}
	var axes []axis
	if sw.Sample != nil {
		for k := range sw.Parameters {
			sp := &sw.Parameters[k]
			axes = append(axes, axis{[]int{k},
				[]string{formatLevel(*sp.From, p.integer[k])}, []string{formatLevel(*sp.To, p.integer[k])}})
		}
	} else {
		for _, f := range p.factors {
			axes = append(axes, axis{f.columns, f.levels[0], f.levels[len(f.levels)-1]})
		}
	}
	var varying []int // axes whose first and last settings differ
	vals := make([]string, len(p.Paths))
	for a, ax := range axes {
		for k, c := range ax.columns {
			vals[c] = ax.first[k]
		}
		if !slices.Equal(ax.first, ax.last) {
			varying = append(varying, a)
		}
	}
	corners := 1 << min(len(varying), 30)
	what := "the point"
	if sw.Sample != nil {
		what = "the corner of the sampled ranges"
	}
	for mask := range min(corners, maxCornerChecks) {
		for b, a := range varying {
			ax := &axes[a]
			row := ax.first
			if mask>>b&1 == 1 {
				row = ax.last
			}
			for k, c := range ax.columns {
				vals[c] = row[k]
			}
		}
		set := p.assignments(vals)
		if _, err := p.apply(set); err != nil {
			errs.add(p.pointError(fmt.Sprintf("%s (%s) is invalid", what, echoAll(set)), err))
			return
		}
	}
}

// maxLabel is the longest sweep parameter label, in characters: a chart
// axis label, not a paragraph.
const maxLabel = 80

// MetricNames are the per-run metrics (the columns of summary.csv and a
// sweep's runs.csv, besides members_end_<organisation>).

var MetricNames = []string{"peak_share", "peak_step", "final_share", "cumulative_share", "half_life",
	"sustainability", "group_reach", "group_entropy", "members_end", "cascade",
	"nodes", "edges", "mean_degree", "sd_degree", "max_degree", "giant_share", "clustering"}

// OutcomeMetricNames are the per-run metrics a study with an outcome adds
// to summary.csv and runs.csv (package observable declares them; its
// tests keep the two lists in step).
var OutcomeMetricNames = []string{"time_to_concession", "final_good"}

// KnownMetric reports whether m is a per-run metric of s's runs: one of
// MetricNames, members_end_<organisation>, with an outcome one of
// OutcomeMetricNames, with actions ever_<action>.
func KnownMetric(s *Scenario, m string) bool {
	if slices.Contains(MetricNames, m) || strings.HasPrefix(m, "members_end_") {
		return true
	}
	if s.Outcome != nil && slices.Contains(OutcomeMetricNames, m) {
		return true
	}
	a, ok := strings.CutPrefix(m, "ever_")
	return ok && slices.Contains(ActionNames(s), a)
}

// MetricChoices lists what KnownMetric accepts, for messages.
func MetricChoices(s *Scenario) []string {
	out := append(slices.Clone(MetricNames), "members_end_<organisation>")
	if s.Outcome != nil {
		out = append(out, OutcomeMetricNames...)
	}
	if len(s.Actions) > 0 {
		out = append(out, "ever_<action>")
	}
	return out
}

// runsColumns are the columns of a sweep's runs.csv other than the
// parameters': its identifiers and every metric the scenario's runs can
// have. A parameter of that name would write a second column of it.
func (p *Plan) runsColumns() map[string]bool {
	taken := map[string]bool{"point": true, "condition": true, "replicate": true, "seed": true}
	for _, m := range slices.Concat(MetricNames, OutcomeMetricNames) {
		taken[m] = true
	}
	for _, o := range p.l.Scenario.Organisations {
		taken["members_end_"+o.Name] = true
	}
	for _, a := range p.l.Scenario.Actions {
		taken["ever_"+a.Name] = true
	}
	return taken
}

var (
	columnRE    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*$`)
	nonWordRE   = regexp.MustCompile(`[^A-Za-z0-9]+`)
	sampleKinds = words(SampleMethods())
	// defaultMorrisLevels is the grid of a morris design when levels is not
	// given: 4, the usual choice (Saltelli et al. 2004, ch. 3).
	defaultMorrisLevels = 4
	scales              = []string{"linear", "log"}
	// Fields a sweep may not vary: names identify the study, conditions are
	// their own axis, and a sweep inside a sweep means nothing.
	unsweepable = []string{"name", "sweep", "conditions", "fit"}
)

// ColumnName is the default column name of a parameter path:
// frames[0].width → frames_0_width.
func ColumnName(path string) string {
	return strings.Trim(nonWordRE.ReplaceAllString(path, "_"), "_")
}

// build checks the sweep and fills the plan; errors go to errs.
func (p *Plan) build(errs *errorSet) {
	l, sw := p.l, p.l.Scenario.Sweep
	bad := func(path, format string, args ...any) {
		errs.add(l.Pos(path).errorf(path, format, args...))
	}
	if sw.Replicates < 0 || sw.Replicates > maxReplicates {
		bad("sweep.replicates", "%d is out of range (allowed: 0..%d; 0 keeps the scenario's replicates)", sw.Replicates, maxReplicates)
	}
	if sw.Metric != "" && !KnownMetric(l.Scenario, sw.Metric) {
		bad("sweep.metric", "unknown metric %q (allowed: %s)", sw.Metric, strings.Join(MetricChoices(l.Scenario), ", "))
	}
	if len(sw.Parameters) == 0 && len(sw.Zip) == 0 {
		bad("sweep", "no parameters to vary (give sweep.parameters or sweep.zip)")
		return
	}
	seen := map[string]string{}
	fields := map[string]string{} // field varied (by its column name) → where
	taken := p.runsColumns()
	// param checks one parameter and returns its levels (nil for a sampled
	// design, or on error).
	param := func(path string, sp *SweepParam) ([]string, bool) {
		ok := true
		fieldPath := childPath(path, "path")
		if sp.Path == "" {
			bad(fieldPath, "required: the field to vary, as in --set (e.g. population.size)")
			return nil, false
		}
		integer, msg := p.fieldKind(sp.Path)
		if sp.Path == crnPath {
			msg = crnFixed
		}
		if msg != "" {
			bad(fieldPath, "%s", msg)
			return nil, false
		}
		name := sp.Name
		if name == "" {
			name = ColumnName(sp.Path)
		} else if !columnRE.MatchString(name) {
			bad(childPath(path, "name"), "%q is not a column name (letters, digits, _ and ., not starting with a digit)", name)
			ok = false
		}
		if n := utf8.RuneCountInString(sp.Label); n > maxLabel {
			bad(childPath(path, "label"), "%d characters, at most %d allowed", n, maxLabel)
			ok = false
		} else if i := strings.IndexFunc(sp.Label, unicode.IsControl); i >= 0 {
			bad(childPath(path, "label"), "control character U+%04X; a label is one line of text", []rune(sp.Label[i:])[0])
			ok = false
		}
		if first, dup := seen[name]; dup {
			bad(childPath(path, "name"), "column %q is already used by %s", name, first)
			ok = false
		} else if taken[name] {
			at := childPath(path, "name")
			if sp.Name == "" {
				at = fieldPath
			}
			bad(at, "column %q is already a column of runs.csv (an identifier or a metric): give the parameter another name", name)
			ok = false
		}
		seen[name] = path
		if first, dup := fields[ColumnName(sp.Path)]; dup {
			bad(fieldPath, "%s is already varied by %s", sp.Path, first)
			ok = false
		}
		fields[ColumnName(sp.Path)] = path
		for j, a := range sp.Also {
			at := indexPath(childPath(path, "also"), j)
			ai, amsg := p.fieldKind(a)
			if a == crnPath {
				amsg = crnFixed
			}
			switch first, dup := fields[ColumnName(a)]; {
			case amsg != "":
				bad(at, "%s", amsg)
				ok = false
			case dup:
				bad(at, "%s is already varied by %s", a, first)
				ok = false
			case ai != integer:
				bad(at, "%s takes %s, but %s takes %s: a shared value must suit both", a, kindWord(ai), sp.Path, kindWord(integer))
				ok = false
			}
			fields[ColumnName(a)] = at
		}
		p.Names = append(p.Names, name)
		p.Paths = append(p.Paths, sp.Path)
		p.also = append(p.also, sp.Also)
		p.integer = append(p.integer, integer)
		if !ok {
			return nil, false
		}
		levels, lok := p.levels(path, sp, integer, sw.Sample != nil, bad)
		return levels, ok && lok
	}
	var sampled [][2]float64
	for i := range sw.Parameters {
		path := indexPath("sweep.parameters", i)
		levels, ok := param(path, &sw.Parameters[i])
		if !ok {
			continue
		}
		if sw.Sample != nil {
			sp := &sw.Parameters[i]
			sampled = append(sampled, [2]float64{*sp.From, *sp.To})
			continue
		}
		p.factors = append(p.factors, factor{columns: []int{len(p.Paths) - 1}, levels: wrap(levels)})
	}
	for g, group := range sw.Zip {
		gpath := indexPath("sweep.zip", g)
		if sw.Sample != nil {
			bad(gpath, "zip cannot be combined with sample")
			break
		}
		if len(group) == 0 {
			bad(gpath, "an empty zip group")
			continue
		}
		var f factor
		for k := range group {
			path := indexPath(gpath, k)
			levels, ok := param(path, &group[k])
			if !ok {
				f.levels = nil
				continue
			}
			if k > 0 && len(levels) != len(f.levels) {
				bad(path, "%d values, but %s has %d: parameters zipped together need as many values each", len(levels), indexPath(gpath, 0), len(f.levels))
				continue
			}
			if k == 0 {
				f.levels = make([][]string, len(levels))
			}
			for j, v := range levels {
				f.levels[j] = append(f.levels[j], v)
			}
			f.columns = append(f.columns, len(p.Paths)-1)
		}
		if len(f.columns) == len(group) {
			p.factors = append(p.factors, f)
		}
	}
	if errs.err() != nil {
		return
	}
	if sw.Sample != nil {
		p.sample(sampled, bad)
		return
	}
	points := 1.0
	for _, f := range p.factors {
		points *= float64(len(f.levels))
	}
	if points > maxSweepPoints {
		bad("sweep", "%g points is more than the %d a sweep may have", points, int64(maxSweepPoints))
		return
	}
	if points > math.MaxInt32 {
		bad("sweep", "%g points is more than %d", points, math.MaxInt32)
		return
	}
	p.points = int(points)
	p.checkWork(bad)
}

// checkWork refuses a plan whose runs, run-steps or agent-steps (at the
// base scenario's steps and size) are over their limits.
func (p *Plan) checkWork(bad func(string, string, ...any)) {
	s := p.l.Scenario
	what := fmt.Sprintf("%d point(s) × %d condition(s) × %d replicate(s)", p.points, p.Conditions(), p.Replicates)
	runs := sat.Mul(sat.Mul(int64(p.points), int64(p.Conditions())), int64(p.Replicates))
	if msg := workError(what, runs, s.Steps, s.Population.Size); msg != "" {
		bad("sweep", "%s", msg)
	}
}

func wrap(levels []string) [][]string {
	out := make([][]string, len(levels))
	for i, v := range levels {
		out[i] = []string{v}
	}
	return out
}

// kindWord names a field's kind for a message.
func kindWord(integer bool) string {
	if integer {
		return "whole numbers"
	}
	return "any number"
}

// fieldKind checks that path names a field a sweep may vary and reports
// whether it holds an integer.
func (p *Plan) fieldKind(path string) (integer bool, msg string) {
	segs, err := parseSetPath(path)
	if err != nil {
		return false, err.Error()
	}
	if slices.Contains(unsweepable, segs[0].key) {
		return false, fmt.Sprintf("%s cannot be swept", segs[0].key)
	}
	v, _, msg := navigate(reflect.ValueOf(p.l.Scenario.Clone()).Elem(), segs, true)
	if msg != "" {
		return false, msg
	}
	if v.Kind() == reflect.Pointer {
		v = reflect.New(v.Type().Elem()).Elem()
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int64, reflect.Uint64:
		return true, ""
	}
	return false, ""
}

// levels expands one parameter's values or range, and checks every level
// by applying it alone to the base scenario.
func (p *Plan) levels(path string, sp *SweepParam, integer, sampled bool, bad func(string, string, ...any)) ([]string, bool) {
	hasRange := sp.From != nil || sp.To != nil || sp.Step != 0 || sp.Count != 0 || sp.Scale != ""
	switch {
	case len(sp.Values) > 0 && hasRange:
		bad(path, "give either values or a range (from, to, step or count), not both")
		return nil, false
	case sampled && len(sp.Values) > 0:
		bad(childPath(path, "values"), "a sampled design needs bounds: from and to, not values")
		return nil, false
	case len(sp.Values) > 0:
		ok := true
		levels := make([]string, len(sp.Values))
		for j, v := range sp.Values {
			levels[j] = string(v)
			ok = p.checkLevel(indexPath(childPath(path, "values"), j), sp.Path, levels[j], bad) && ok
		}
		return levels, ok
	case sp.From == nil || sp.To == nil:
		bad(path, "needs values, or a range with both from and to")
		return nil, false
	}
	from, to := *sp.From, *sp.To
	if sp.Scale != "" && !slices.Contains(scales, sp.Scale) {
		bad(childPath(path, "scale"), "unknown scale %q (allowed: %s)", sp.Scale, strings.Join(scales, ", "))
		return nil, false
	}
	log := sp.Scale == "log"
	if log && (from <= 0 || to <= 0) {
		bad(path, "a log scale needs from > 0 and to > 0, got %s and %s", fmtFloat(from), fmtFloat(to))
		return nil, false
	}
	if sampled {
		if sp.Step != 0 || sp.Count != 0 {
			bad(path, "a sampled design draws its own values: give only from and to")
			return nil, false
		}
		ok := p.checkLevel(childPath(path, "from"), sp.Path, formatLevel(from, integer), bad)
		return nil, p.checkLevel(childPath(path, "to"), sp.Path, formatLevel(to, integer), bad) && ok
	}
	var xs []float64
	switch {
	case sp.Step != 0 && sp.Count != 0:
		bad(path, "give step or count, not both")
		return nil, false
	case sp.Step != 0:
		if log {
			bad(childPath(path, "step"), "a log scale takes count, not step")
			return nil, false
		}
		n := (to - from) / sp.Step
		if sp.Step < 0 || n < 0 || n > 1e6 {
			bad(childPath(path, "step"), "%s does not lead from %s to %s in at most 10^6 steps", fmtFloat(sp.Step), fmtFloat(from), fmtFloat(to))
			return nil, false
		}
		for k := 0; k <= int(math.Floor(n+1e-9)); k++ {
			xs = append(xs, from+float64(k)*sp.Step)
		}
	case sp.Count != 0:
		if sp.Count < 1 || sp.Count > 1e6 {
			bad(childPath(path, "count"), "%d is out of range (allowed: 1..1000000)", sp.Count)
			return nil, false
		}
		for k := range sp.Count {
			t := 0.0
			if sp.Count > 1 {
				t = float64(k) / float64(sp.Count-1)
			}
			if log {
				xs = append(xs, math.Exp(math.Log(from)+t*(math.Log(to)-math.Log(from))))
			} else {
				xs = append(xs, from+t*(to-from))
			}
		}
	default:
		bad(path, "a range needs step or count")
		return nil, false
	}
	var levels []string
	seen := make(map[string]bool, len(xs))
	for _, x := range xs {
		s := formatLevel(x, integer)
		if !seen[s] { // integer rounding can merge levels
			seen[s] = true
			levels = append(levels, s)
		}
	}
	ok := p.checkLevel(childPath(path, "from"), sp.Path, levels[0], bad)
	if len(levels) > 1 {
		ok = p.checkLevel(childPath(path, "to"), sp.Path, levels[len(levels)-1], bad) && ok
	}
	return levels, ok
}

// formatLevel writes a range value: to 12 significant digits, so that 0.1 +
// 2·0.1 reads 0.3, or as a whole number for integer fields.
func formatLevel(x float64, integer bool) string {
	if integer {
		return strconv.FormatFloat(math.Round(x), 'f', -1, 64)
	}
	return strconv.FormatFloat(roundSig(x, 12), 'g', -1, 64)
}

// checkLevel applies path=value alone to the base scenario and reports any
// error at the level's position in the sweep.
func (p *Plan) checkLevel(at, path, value string, bad func(string, string, ...any)) bool {
	c := p.l.clone()
	c.Scenario.Sweep = nil
	err := ApplySet(c, []string{path + "=" + value})
	if err == nil {
		return true
	}
	list := asErrorList(err)
	if list == nil {
		bad(at, "%s: %v", Echo(path+"="+value), err)
		return false
	}
	for _, e := range list {
		// Name the field at fault when it is another one than the swept
		// field (steps=10 makes events[0].step wrong).
		if e.Path != "" && ColumnName(e.Path) != ColumnName(path) {
			bad(at, "%s: %s: %s", Echo(path+"="+value), e.Path, e.Msg)
		} else {
			bad(at, "%s: %s", Echo(path+"="+value), e.Msg)
		}
	}
	return false
}

// sample draws the points of a random, Latin hypercube, Saltelli (sobol)
// or Morris design in [0,1]^d and maps them to the parameters' bounds. The
// random and lhs draws are made as before the sobol and morris methods
// existed (one stream, parameter by parameter), so their designs are
// unchanged.
func (p *Plan) sample(bounds [][2]float64, bad func(string, string, ...any)) {
	s := p.l.Scenario.Sweep.Sample
	row, ok := rowOf(sampleMethodTable, sampleMethodRow.key, s.Method)
	if !ok {
		bad("sweep.sample.method", "unknown method %q (allowed: %s)", s.Method, strings.Join(sampleKinds, ", "))
		return
	}
	if s.Points < 1 || s.Points > 1_000_000 {
		bad("sweep.sample.points", "%d is out of range (allowed: 1..1000000)", s.Points)
		return
	}
	if !row.levels && s.Levels != 0 {
		bad("sweep.sample.levels", "levels is for method %s only", gridMethods)
		return
	}
	// The design's own stream, derived from the scenario seed.
	rnd := rand.New(rand.NewPCG(p.l.Scenario.Seed, 0x5357454550)) // "SWEEP"
	n, d := s.Points, len(bounds)
	var unit [][]float64 // points in [0,1]^d
	switch s.Method {
	case SampleSobol:
		if n < 2 {
			bad("sweep.sample.points", "%d is out of range for sobol (allowed: 2..1000000 base points)", n)
			return
		}
		if d > 500 {
			bad("sweep.parameters", "%d parameters; the sobol design takes at most 500", d)
			return
		}
		if sat.Mul(int64(n), int64(d+2)) > 1_000_000 {
			bad("sweep.sample.points", "%d base points × (%d parameters + 2) = %d points, more than 1000000", n, d, int64(n)*int64(d+2))
			return
		}
		var err error
		if unit, err = sensitivity.SaltelliDesign(d, n, rnd); err != nil {
			bad("sweep.sample", "%v", err)
			return
		}
	case SampleMorris:
		levels := s.Levels
		if levels == 0 {
			levels = defaultMorrisLevels
		}
		if levels < 2 || levels%2 != 0 || levels > 1000 {
			bad("sweep.sample.levels", "%d is not an even number in 2..1000 (Morris's grid: an even number of levels makes every step half the grid)", s.Levels)
			return
		}
		if sat.Mul(int64(n), int64(d+1)) > 1_000_000 {
			bad("sweep.sample.points", "%d trajectories × (%d parameters + 1) = %d points, more than 1000000", n, d, int64(n)*int64(d+1))
			return
		}
		md, err := sensitivity.NewMorrisDesign(d, levels, n, rnd)
		if err != nil {
			bad("sweep.sample", "%v", err)
			return
		}
		unit = md.Points
		p.morris = &sensitivity.MorrisDesign{K: md.K, Levels: md.Levels, R: md.R, Delta: md.Delta, Factor: md.Factor, Sign: md.Sign}
	default:
		unit = make([][]float64, n)
		for i := range unit {
			unit[i] = make([]float64, d)
		}
		for k := range d {
			var perm []int
			if s.Method == SampleLHS {
				perm = rnd.Perm(n)
			}
			for i := range n {
				u := rnd.Float64()
				if perm != nil {
					u = (float64(perm[i]) + u) / float64(n) // one draw in each of n strata
				}
				unit[i][k] = u
			}
		}
	}
	// Unit coordinates to the parameters' bounds, on a log scale where asked.
	p.coordinates = make([]float64, len(unit)*d)
	for k := range d {
		lo, hi := bounds[k][0], bounds[k][1]
		logScale := p.l.Scenario.Sweep.Parameters[k].Scale == "log"
		if logScale {
			lo, hi = math.Log(lo), math.Log(hi)
		}
		for i, u := range unit {
			x := lo + u[k]*(hi-lo)
			if logScale {
				x = math.Exp(x)
			}
			p.coordinates[i*d+k] = x
		}
	}
	p.points = len(unit)
	p.checkWork(bad)
}

// sweep checks the sweep section (validate.go calls it).
func (v *validator) sweep() {
	if v.s.Sweep == nil || v.errs.err() != nil {
		return // levels are checked against a valid base scenario only
	}
	if pm := v.s.Sweep.Populations; pm != "" && !slices.Contains(populationsModes, pm) {
		v.errorf("sweep.populations", "%s", unknownMsg("populations", truncate(pm), populationsModes))
		return
	}
	// The scenario is valid but for its sweep (and its conditions, which
	// each level's check checks): levels and corners are copies on write.
	valid := v.l.valid
	v.l.valid = true
	defer func() { v.l.valid = valid }()
	p := &Plan{l: v.l, points: 1, Replicates: v.s.Replicates}
	if v.s.Sweep.Replicates > 0 {
		p.Replicates = v.s.Sweep.Replicates
	}
	p.build(v.errs)
	if v.errs.err() == nil {
		p.checkCorners(v.errs)
	}
}
