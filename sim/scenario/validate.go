package scenario

import (
	"fmt"
	"github.com/connact/connact/sim/internal/sat"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/connact/connact/sim/internal/inputfile"
)

// Limits checked by validation (see doc.go for every rule).
const (
	maxSteps      = 1_000_000
	maxReplicates = 1_000_000
	maxSize       = math.MaxInt32 // agent ids are int32 in the network
	maxEdgeEnds   = 4e9           // size × mean degree: twice the number of edges
	maxNameLen    = 100
	shareSumTol   = 1e-9
	// maxGeneratedGroups bounds population.group_count.
	maxGeneratedGroups = 10_000
	// maxSweepPoints bounds the points of a sweep design.
	maxSweepPoints = 1 << 40

	// Bounds on the lists of a scenario: generous for research (hundreds
	// of conditions, frames or organisations) while keeping every check,
	// and each condition's check against every frame, fast.
	maxOrganisations = 1000
	maxFrames        = 1000
	maxConditions    = 1000
	maxEvents        = 10_000
	maxGroups        = maxGeneratedGroups
	// maxActions: what an agent has done is a 16-bit set (package sim,
	// "Actions").
	maxActions = 16

	// Bounds on the work a plan sizes, computed without overflow: runs
	// (points × conditions × replicates), run-steps (runs × (steps+1))
	// and agent-steps (run-steps × population.size). At 10^8 agent-steps
	// a second, 10^18 is three centuries of one core.
	maxRuns       = 1e12
	maxRunSteps   = 1e15
	maxAgentSteps = 1e18
)

// workError describes the first of runs, run-steps and agent-steps over
// its limit, or returns "" when all are within them. what names the runs
// (e.g. "3 condition(s) × 20 replicate(s)").
func workError(what string, runs int64, steps, size int) string {
	runSteps := sat.Mul(runs, int64(steps)+1)
	agentSteps := sat.Mul(runSteps, int64(max(size, 1)))
	switch {
	case runs > maxRuns:
		return fmt.Sprintf("%s = %s runs, more than the limit of %.0e", what, fmtCount(runs), float64(maxRuns))
	case runSteps > maxRunSteps:
		return fmt.Sprintf("%s = %s runs of %d steps, more than the limit of %.0e run-steps", what, fmtCount(runs), steps, float64(maxRunSteps))
	case agentSteps > maxAgentSteps:
		return fmt.Sprintf("%s = %s runs of %d steps of %d agents, more than the limit of %.0e agent-steps", what, fmtCount(runs), steps, size, float64(maxAgentSteps))
	}
	return ""
}

// fmtCount writes a count that may have saturated.
func fmtCount(n int64) string {
	if n == math.MaxInt64 {
		return "more than 9.2e18"
	}
	return strconv.FormatInt(n, 10)
}

// listLen checks the length of a list against its limit.
func (v *validator) listLen(path string, n, limit int) {
	if n > limit {
		v.errorf(path, "%d entries, at most %d allowed", n, limit)
	}
}

// work refuses a scenario whose runs are too many to count safely.
func (v *validator) work() {
	s := v.s
	conds := max(len(s.Conditions), 1)
	what := fmt.Sprintf("%d condition(s) × %d replicate(s)", conds, s.Replicates)
	if msg := workError(what, sat.Mul(int64(conds), int64(s.Replicates)), s.Steps, s.Population.Size); msg != "" {
		v.errorf("replicates", "%s", msg)
	}
}

var (
	nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

	// The allowed words of each typed mode, from its table (modes.go).
	distKinds     = words(DistKinds())
	models        = words(NetworkModels())
	socialModes   = words(SocialModes())
	eventTypes    = words(EventTypes())
	efficacies    = words(PersonalEfficacies())
	tieLosses     = words(TieLosses())
	arrestTargets = words(ArrestTargets())
	productions   = words(Productions())

	outcomeEfficacies = []string{"fixed", "progress"}

	drawModes    = []string{"sample", "sequence"}
	boundModes   = []string{"truncate", "clamp"}
	expressions  = []string{"personal", "collective"}
	seedings     = []string{"random", "neighbourhood"}
	novelties    = []string{"once", "decay"}
	chartFormats = []string{"svg", "png", "pdf"}
)

// interval is a range of allowed values; hi is +Inf when unbounded.
type interval struct {
	lo, hi         float64
	loOpen, hiOpen bool
}

var (
	unit        = interval{lo: 0, hi: 1}
	unitOpenLo  = interval{lo: 0, hi: 1, loOpen: true}
	unitOpenHi  = interval{lo: 0, hi: 1, hiOpen: true}
	nonNegative = interval{lo: 0, hi: math.Inf(1)}
	aboveOne    = interval{lo: 1, hi: math.Inf(1), loOpen: true}
	aboveTwo    = interval{lo: 2, hi: math.Inf(1), loOpen: true, hiOpen: true}
	positive    = interval{lo: 0, hi: math.Inf(1), loOpen: true}
	finite      = interval{lo: math.Inf(-1), hi: math.Inf(1)}
	skillRange  = interval{lo: -1, hi: 1}
	combines    = []string{CombineAdditive, CombineCES, CombineLeontief}
	effects     = []string{EffectNone, EffectDonate, EffectOrganise}
)

func (iv interval) contains(x float64) bool {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return false
	}
	if x < iv.lo || iv.loOpen && x == iv.lo {
		return false
	}
	return x < iv.hi || !iv.hiOpen && x == iv.hi
}

func (iv interval) String() string {
	switch {
	case math.IsInf(iv.lo, -1):
		return "a finite number"
	case math.IsInf(iv.hi, 1) && iv.loOpen:
		return "> " + fmtFloat(iv.lo)
	case math.IsInf(iv.hi, 1):
		return ">= " + fmtFloat(iv.lo)
	}
	l, r := "[", "]"
	if iv.loOpen {
		l = "("
	}
	if iv.hiOpen {
		r = ")"
	}
	return l + fmtFloat(iv.lo) + ", " + fmtFloat(iv.hi) + r
}

func fmtFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// validator checks a scenario with its defaults applied; every error is
// positioned at the field it is about (or its nearest given parent).
type validator struct {
	l    *Loaded
	s    *Scenario
	errs *errorSet

	seenNames map[string]string // organisation and frame names → path of the first
	mechs     []string          // names of organisations and frames
	firsts    []func() string   // the path of each of mechs
}

func (l *Loaded) validate() error {
	v := &validator{l: l, s: l.Scenario, errs: &errorSet{}}
	v.scenario()
	return v.errs.err()
}

// Validate checks a scenario built in Go (after Defaults); a field at its
// zero value counts as not given. A network file path is taken as it is.
func Validate(s *Scenario) error {
	return (&Loaded{Scenario: s, pos: newPosTable(presentNonZero(s))}).validate()
}

func (v *validator) errorf(path, format string, args ...any) {
	v.errs.add(v.l.Pos(path).errorf(path, format, args...))
}

// errorfNear reports an error about path, positioned at path when it was
// given and otherwise at other, the given field that makes it wrong (a
// default mean_degree is wrong because of the population.size given).
func (v *validator) errorfNear(path, other, format string, args ...any) {
	at := path
	if !v.l.has(path) {
		at = other
	}
	v.errs.add(v.l.Pos(at).errorf(path, format, args...))
}

// defaultNote marks a value that the user did not give.
func (v *validator) defaultNote(path string) string {
	if v.l.has(path) {
		return ""
	}
	return " (the default)"
}

func (v *validator) float(path string, x float64, iv interval) bool {
	if !iv.contains(x) {
		v.errorf(path, "%s is out of range (allowed: %s)", fmtFloat(x), iv)
		return false
	}
	return true
}

func (v *validator) integer(path string, x, lo, hi int) bool {
	if x < lo || x > hi {
		if hi == math.MaxInt {
			v.errorf(path, "%d is out of range (allowed: >= %d)", x, lo)
		} else {
			v.errorf(path, "%d is out of range (allowed: %d..%d)", x, lo, hi)
		}
		return false
	}
	return true
}

func (v *validator) oneOf(path, what, got string, allowed []string) bool {
	if slices.Contains(allowed, got) {
		return true
	}
	if got == "" {
		v.errorf(path, "required (one of %s)", strings.Join(allowed, ", "))
	} else {
		v.errorf(path, "%s", unknownMsg(what, truncate(got), allowed))
	}
	return false
}

// columns checks that the organisations' and frames' names make distinct
// columns of the output tables (OutputColumns): a frame named share would
// write a second active_share column into timeseries.csv, which pandas
// renames and R and polars refuse.
func (v *validator) columns() {
	var mechs, orgs []string
	var paths []string // of mechs, organisations first as in the model
	for i, o := range v.s.Organisations {
		mechs, orgs = append(mechs, o.Name), append(orgs, o.Name)
		paths = append(paths, childPath(indexPath("organisations", i), "name"))
	}
	for i, f := range v.s.Frames {
		mechs = append(mechs, f.Name)
		paths = append(paths, childPath(indexPath("frames", i), "name"))
	}
	told := map[int]bool{} // one message per name: its first clash
	for _, tab := range OutputColumns(mechs, orgs) {
		first := map[string]OutputColumn{}
		for _, c := range tab.Columns {
			f, dup := first[c.Name]
			if !dup {
				first[c.Name] = c
				continue
			}
			if c.Mechanism < 0 || told[c.Mechanism] || f.Mechanism >= 0 && mechs[f.Mechanism] == mechs[c.Mechanism] {
				continue // the same name twice: unique reports it
			}
			told[c.Mechanism] = true
			other := "a column of its own"
			if f.Mechanism >= 0 {
				other = "the column of " + paths[f.Mechanism] + " " + strconv.Quote(mechs[f.Mechanism])
			}
			v.errorf(paths[c.Mechanism], "name %q makes column %s of %s, which is already %s: choose another name", mechs[c.Mechanism], c.Name, tab.File, other)
		}
	}
}

// OutputTable lists the column names of one output table.
type OutputTable struct {
	File    string
	Columns []OutputColumn
}

// OutputColumn is a column and the mechanism whose name made it (an index
// into OutputColumns' mechs; -1 for a fixed column).
type OutputColumn struct {
	Name      string
	Mechanism int
}

// OutputColumns are the columns of a run folder's timeseries.csv and
// summary.csv (and a sweep's runs.csv) that organisations' and frames'
// names make, with the fixed columns they could clash with, for the
// columns check. mechs are the organisations then the frames; orgs the
// organisations. sim/output's tests check this list against the columns it
// writes.
func OutputColumns(mechs, orgs []string) []OutputTable {
	fixed := func(names ...string) []OutputColumn {
		out := make([]OutputColumn, len(names))
		for k, n := range names {
			out[k] = OutputColumn{n, -1}
		}
		return out
	}
	series := fixed("condition", "replicate", "seed", "step", "alive", "aware", "active", "members", "new_active", "cumulative", "lapsed",
		"mean_attention", "spent", "aware_share", "active_share", "members_share", "cumulative_share")
	for k, m := range mechs {
		series = append(series, OutputColumn{"active_" + m, k}, OutputColumn{"active_share_" + m, k}, OutputColumn{"aware_" + m, k})
	}
	for k, o := range orgs {
		series = append(series, OutputColumn{"members_" + o, k}, OutputColumn{"budget_" + o, k})
	}
	summary := fixed(append([]string{"condition", "replicate", "seed"}, MetricNames[:9]...)...)
	for k, o := range orgs {
		summary = append(summary, OutputColumn{"members_end_" + o, k})
	}
	summary = append(summary, fixed(MetricNames[9:]...)...)
	return []OutputTable{{"timeseries.csv", series}, {"summary.csv", summary}}
}

// name checks a name that may become a folder or a column: the scenario's,
// a group's, an organisation's, a frame's or a condition's.
func (v *validator) name(path, name string) bool {
	switch {
	case name == "":
		v.errorf(path, "required")
	case len(name) > maxNameLen:
		v.errorf(path, "%q is longer than %d characters", truncate(name), maxNameLen)
	case !nameRE.MatchString(name) || strings.Contains(name, ".."):
		v.errorf(path, "%q is not a valid name (allowed: letters, digits, '.', '_' and '-', starting with a letter or digit, without '..')", truncate(name))
	default:
		return true
	}
	return false
}

// distinctName checks the name of a group, an action or a condition at
// path, and that no earlier one of the list (seen: name → its path) has
// it.
func (v *validator) distinctName(path, what, name string, seen map[string]string) {
	if !v.name(path, name) {
		return
	}
	if first, dup := seen[name]; dup {
		v.errorf(path, "duplicate %s name %q (also %s)", what, name, first)
	}
	seen[name] = path
}

// mechanism checks a reference to an organisation or a frame.
func (v *validator) mechanism(path, name string) {
	switch {
	case name == "":
		v.errorf(path, "required: the name of an organisation or a frame")
	case len(v.mechs) == 0:
		v.errorf(path, "unknown mechanism %q (there is no organisation or frame)", truncate(name))
	default:
		v.oneOf(path, "mechanism", name, v.mechs)
	}
}

func (v *validator) scenario() {
	s := v.s
	v.name("name", s.Name)
	v.integer("steps", s.Steps, 1, maxSteps)
	v.integer("replicates", s.Replicates, 1, maxReplicates)
	v.listLen("organisations", len(s.Organisations), maxOrganisations)
	v.listLen("frames", len(s.Frames), maxFrames)
	v.listLen("conditions", len(s.Conditions), maxConditions)
	v.listLen("events", len(s.Events), maxEvents)
	v.listLen("population.groups", len(s.Population.Groups), maxGroups)
	v.listLen("actions", len(s.Actions), maxActions)
	if v.errs.err() != nil {
		return // later checks would be as long as the lists
	}
	if s.TimeUnit == "" {
		v.errorf("time_unit", "must not be empty")
	}
	// A copy of a valid scenario (a condition, a sweep point) is checked
	// again only where what it changed is read (Loaded.touched): each
	// section below lists the top-level keys it reads. The names of
	// organisations and frames are always collected, for the references.
	t := v.l.touches
	if t("population", "network", "decision") {
		v.population()
	}
	if t("population", "network") {
		v.network()
	}
	if t("decision") {
		v.decision()
	}
	v.organisations(t("organisations", "steps", "frames")) // convert reads the frames
	v.frames(t("frames", "organisations", "steps", "population"))
	if t("organisations", "frames") {
		v.columns()
	}
	if t("background", "organisations", "frames") {
		v.background()
	}
	if t("events", "steps", "organisations", "frames") {
		v.events()
	}
	if t("outcome", "population", "actions") {
		v.outcome()
	}
	if t("actions", "population", "decision", "steps") {
		v.actions()
	}
	if t("conditions", "organisations", "frames") {
		v.conditions()
	}
	if t("outputs", "steps") { // snapshot steps lie within the run
		v.outputs()
	}
	if t("organisations", "frames", "background", "events") {
		v.canStart()
	}
	if v.errs.err() == nil {
		v.work()
	}
	v.sweep()
	v.fit()
}

// attrRange is the range of values an attribute's distribution must give.
func (v *validator) attrRange(attr string) interval {
	switch attr {
	case "identity", "free_riding":
		return unit
	case "threshold":
		if r, ok := rowOf(socialModeTable, socialModeRow.key, v.s.Decision.SocialMode); ok {
			return r.threshold
		}
		return unit // the social mode is wrong, and reported as such
	case "cap":
		return positive
	case "skill":
		return skillRange
	}
	return nonNegative // resources, income
}

func (v *validator) population() {
	p := &v.s.Population
	switch {
	case v.s.Network.Model == NetworkFile:
		v.integer("population.size", p.Size, 0, maxSize)
	case p.Size == 0 && !v.l.has("population.size"):
		v.errorf("population.size", "required: the number of agents (1..%d)", maxSize)
	default:
		v.integer("population.size", p.Size, 1, maxSize)
	}
	v.float("population.position_spread", p.PositionSpread, nonNegative)
	v.float("population.centre_spread", p.CentreSpread, unit)
	if v.integer("population.group_count", p.GroupCount, 0, maxGeneratedGroups) && p.GroupCount > 0 && len(p.Groups) != p.GroupCount {
		v.errorf("population.group_count", "%d, but %d groups are given: give either groups or group_count", p.GroupCount, len(p.Groups))
	}
	if len(p.Groups) == 0 {
		v.errorf("population.groups", "at least one group is required")
	}
	seen := make(map[string]string)
	sum, sharesOK := 0.0, true
	// With a node table, its group column (if any; read with the network,
	// runner.Study.ReadNetwork) gives each agent its group: shares are
	// not needed, and not used.
	nodeGroups := v.s.Network.Nodes != ""
	for i, g := range p.Groups {
		path := indexPath("population.groups", i)
		v.distinctName(childPath(path, "name"), "group", g.Name, seen)
		if nodeGroups && g.Share == 0 {
			// The node table's group column sizes the groups.
		} else if !v.l.has(childPath(path, "share")) && g.Share == 0 {
			v.errorf(childPath(path, "share"), "required when there are several groups")
			sharesOK = false
		} else if !v.float(childPath(path, "share"), g.Share, unitOpenLo) {
			sharesOK = false
		}
		sum += g.Share
		v.float(childPath(path, "centre"), g.Centre, unit)
		if g.PositionSpread != nil {
			v.float(childPath(path, "position_spread"), *g.PositionSpread, nonNegative)
		}
	}
	if sharesOK && !nodeGroups && len(p.Groups) > 0 && math.Abs(sum-1) > shareSumTol {
		v.errorf("population.groups", "group shares sum to %s, not 1", fmtFloat(sum))
	}
	for _, d := range distsOf(v.s) {
		if d.attr != "skill" { // actions checks its own
			v.dist(d.path, d.dist, d.attr)
		}
	}
}

// dist checks one attribute distribution: a known family, only that
// family's parameters, valid parameters, and values inside the attribute's
// range. A normal is truncated to the range, so only its mean must be finite.
func (v *validator) dist(path string, d *Dist, attr string) {
	r := v.attrRange(attr)
	kindPath := childPath(path, "dist")
	if d.Kind == "" {
		v.errorf(kindPath, "required: which distribution (one of %s)", strings.Join(distKinds, ", "))
		return
	}
	if !v.oneOf(kindPath, "distribution", string(d.Kind), distKinds) {
		return
	}
	row, _ := rowOf(distKindTable, distKindRow.key, d.Kind)
	params := row.params
	wrong := false
	for _, key := range infoOf(distType).keys {
		if key != "dist" && !slices.Contains(params, key) && v.l.has(childPath(path, key)) {
			v.errorf(childPath(path, key), "%s is not a parameter of %s (%s takes %s)", key, d.Kind, d.Kind, strings.Join(params, " and "))
			wrong = true
		}
	}
	if wrong {
		return
	}
	in := func(key string, x float64) {
		if !r.contains(x) {
			v.errorf(childPath(path, key), "%s is out of range for %s (allowed: %s)", fmtFloat(x), attr, r)
		}
	}
	switch d.Kind {
	case DistConstant:
		in("value", d.Value)
	case DistUniform:
		in("min", d.Min)
		in("max", d.Max)
		if d.Min > d.Max {
			v.errorf(childPath(path, "max"), "max %s is less than min %s", fmtFloat(d.Max), fmtFloat(d.Min))
		}
	case DistNormal:
		v.float(childPath(path, "mean"), d.Mean, finite)
		v.float(childPath(path, "sd"), d.SD, nonNegative)
		v.oneOf(childPath(path, "bounds"), "bounds", d.Bounds, boundModes)
	case DistBeta:
		v.float(childPath(path, "a"), d.A, positive)
		v.float(childPath(path, "b"), d.B, positive)
	case DistLognormal:
		v.float(childPath(path, "mu"), d.Mu, finite)
		v.float(childPath(path, "sigma"), d.Sigma, nonNegative)
		if !math.IsInf(r.hi, 1) {
			v.errorf(kindPath, "lognormal is unbounded, but %s must lie in %s (use beta, or normal, which is truncated)", attr, r)
		}
	case DistEmpirical:
		if len(d.Values) == 0 {
			v.errorf(childPath(path, "values"), "empirical needs a non-empty list of values")
		}
		for i, x := range d.Values {
			if !r.contains(x) {
				v.errorf(indexPath(childPath(path, "values"), i), "%s is out of range for %s (allowed: %s)", fmtFloat(x), attr, r)
			}
		}
		v.oneOf(childPath(path, "draw"), "draw", d.Draw, drawModes)
	}
}

func (v *validator) network() {
	ends := v.graph("network.", &v.s.Network, 0)
	if a := v.s.Network.Audience; a != nil {
		v.graph("network.audience.", a, ends)
	}
}

// graph checks a network's fields under prefix ("network." or
// "network.audience.") and returns the edge ends it makes (0 when it is
// wrong or read from a file). other is the edge ends of the layers checked
// before it: the memory limit is on all of them together. The audience
// layer is generated over the agents, so it takes no file, node table or
// audience of its own.
func (v *validator) graph(prefix string, n *Network, other float64) float64 {
	size := v.s.Population.Size
	audience := prefix != "network."
	if !v.oneOf(prefix+"model", "network model", string(n.Model), models) {
		return 0
	}
	if audience {
		for _, f := range []struct {
			key   string
			given bool
		}{{"file", n.File != ""}, {"nodes", n.Nodes != ""}, {"audience", n.Audience != nil}} {
			if f.given {
				v.errorf(prefix+f.key, "not allowed in the audience layer, which is generated over the agents of network (with its model, mean_degree, exponent, min_degree, rewire, attach, homophily)")
			}
		}
		if n.Model == NetworkFile {
			v.errorf(prefix+"model", "the audience layer is generated over the agents, not read from a file (one of %s); give a network file as network.file", strings.Join(rowsWhere(networkModelTable, networkModelRow.key, func(r networkModelRow) bool { return r.model != NetworkFile }), ", "))
			return 0
		}
	}
	row, _ := rowOf(networkModelTable, networkModelRow.key, n.Model)
	if !audience {
		v.networkFiles(n)
	}
	kOK := v.float(prefix+"mean_degree", n.MeanDegree, nonNegative)
	v.float(prefix+"rewire", n.Rewire, unit)
	v.float(prefix+"homophily", n.Homophily, unit)
	attachOK := v.integer(prefix+"attach", n.Attach, 1, math.MaxInt)
	// The exponent must exceed 2 for the degree law to have a mean that
	// does not grow with size (network.PowerLawConfiguration).
	powOK := v.float(prefix+"exponent", n.Exponent, aboveTwo)
	powOK = v.integer(prefix+"min_degree", n.MinDegree, 1, math.MaxInt) && powOK
	k := n.MeanDegree
	if row.evenDegree && kOK && (k < 2 || k != math.Trunc(k) || math.Mod(k, 2) != 0) {
		v.errorf(prefix+"mean_degree", "%s must be an even integer >= 2 for model %s (each node links to k/2 neighbours on each side)", fmtFloat(k), n.Model)
		kOK = false
	}
	if row.attachBelowSize && attachOK && size > 0 && n.Attach >= size {
		v.errorfNear(prefix+"attach", "population.size", "attach %d%s must be < population.size %d", n.Attach, v.defaultNote(prefix+"attach"), size)
		attachOK = false
	}
	if row.minDegreeBelowSize && powOK && size > 0 && n.MinDegree >= size {
		v.errorfNear(prefix+"min_degree", "population.size", "min_degree %d%s must be < population.size %d", n.MinDegree, v.defaultNote(prefix+"min_degree"), size)
		powOK = false
	}
	if row.degreeBelowSize && kOK && size > 0 && k >= float64(size) {
		v.errorfNear(prefix+"mean_degree", "population.size", "mean_degree %s%s must be < population.size %d", fmtFloat(k), v.defaultNote(prefix+"mean_degree"), size)
		kOK = false
	}
	if !(kOK && attachOK && powOK) {
		return 0
	}
	// Refuse networks that cannot fit in memory before anything is built,
	// the audience layer counted with the network. Edge ends are twice the
	// edges; doubling a float is exact, so this is size·k, size·(size−1)
	// or 2·size·attach to the last bit.
	ends := 2 * row.edges.count(n, float64(size))
	if ends+other > maxEdgeEnds {
		with := ""
		if other > 0 {
			with = fmt.Sprintf(", %.3g with the interaction network's", ends+other)
		}
		v.errorfNear(prefix+row.edges.key, "population.size", "population.size %d with %s gives %.3g edge ends (twice the edges)%s, more than the limit of %.0e: the network would not fit in memory", size, row.edges.what(n), ends, with, maxEdgeEnds)
		return 0
	}
	return ends
}

// networkFiles checks the interaction network's edge list and node table.
func (v *validator) networkFiles(n *Network) {
	if n.Model == NetworkFile {
		if n.File == "" {
			v.errorf("network.file", "required with model file")
		} else if st, err := os.Stat(n.File); err != nil {
			v.errorf("network.file", "no such file: %s", n.File)
		} else if !st.Mode().IsRegular() {
			v.errorf("network.file", "%s is %s, not an edge-list file", n.File, inputfile.Kind(st.Mode()))
		}
	} else if n.File != "" {
		v.errorf("network.file", "a file is read only with model: file (model is %s)", n.Model)
	}
	if n.Nodes != "" {
		if n.Model != NetworkFile {
			v.errorf("network.nodes", "a node table is read only with model: file (model is %s)", n.Model)
		} else if st, err := os.Stat(n.Nodes); err != nil {
			v.errorf("network.nodes", "no such file: %s", n.Nodes)
		} else if !st.Mode().IsRegular() {
			v.errorf("network.nodes", "%s is %s, not a node table", n.Nodes, inputfile.Kind(st.Mode()))
		}
	}
}

func (v *validator) decision() {
	d := &v.s.Decision
	// Weights are magnitudes: the signs are in the motivation equation, so a
	// negative weight would turn a cost into a reward. 0 switches a term off.
	v.float("decision.identity", d.Identity, nonNegative)
	v.float("decision.social", d.Social, nonNegative)
	v.float("decision.incentive", d.Incentive, nonNegative)
	v.float("decision.cost", d.Cost, nonNegative)
	v.float("decision.free_riding", d.FreeRiding, nonNegative)
	v.float("decision.temperature", d.Temperature, nonNegative)
	v.oneOf("decision.social_mode", "social_mode", string(d.SocialMode), socialModes)
	v.float("decision.efficacy_ref", d.EfficacyRef, positive)
	v.float("decision.efficacy_exponent", d.EfficacyExponent, nonNegative)
	v.oneOf("decision.personal_efficacy", "personal_efficacy", string(d.PersonalEfficacy), efficacies)
	v.oneOf("decision.tie_loss", "tie_loss", string(d.TieLoss), tieLosses)
	v.integer("decision.active_steps", d.ActiveSteps, 0, math.MaxInt)
	v.float("decision.attention_floor", d.AttentionFloor, unitOpenHi)
	if c := d.Commitment; c != nil {
		// The weight is a magnitude like the others; the rates are shares.
		v.float("decision.commitment.weight", c.Weight, nonNegative)
		for key, x := range map[string]float64{"decay": c.Decay, "habit": c.Habit, "solidarity": c.Solidarity,
			"fit": c.Fit, "organisation": c.Organisation, "sustain": c.Sustain} {
			v.float("decision.commitment."+key, x, unit)
		}
	}
}

// unique checks that names are unique across organisations and frames,
// which events and conditions refer to by name.
// The path is made only when needed: collecting the names of 1000
// frames for every condition must not build 1000 strings.
func (v *validator) unique(path func() string, name string, seen map[string]string) {
	if _, dup := seen[name]; dup {
		first := v.firsts[slices.Index(v.mechs, name)]()
		v.errorf(path(), "duplicate name %q (also %s; organisations and frames share one namespace)", name, first)
		return
	}
	seen[name] = ""
	v.mechs = append(v.mechs, name)
	v.firsts = append(v.firsts, path)
}

// organisations checks the organisations (all, or only their names'
// uniqueness) and collects their names.
func (v *validator) organisations(all bool) {
	seen := make(map[string]string, len(v.s.Organisations)+len(v.s.Frames))
	steps := v.s.Steps
	for i, o := range v.s.Organisations {
		if !all {
			v.unique(func() string { return childPath(indexPath("organisations", i), "name") }, o.Name, seen)
			continue
		}
		p := indexPath("organisations", i)
		if v.name(childPath(p, "name"), o.Name) {
			if o.Name == Crowd {
				v.errorf(childPath(p, "name"), "%q is reserved for frames without a sponsoring organisation", Crowd)
			}
			v.unique(func() string { return childPath(p, "name") }, o.Name, seen)
		}
		v.float(childPath(p, "position"), o.Position, unit)
		v.float(childPath(p, "tolerance"), o.Tolerance, unitOpenLo)
		v.float(childPath(p, "budget"), o.Budget, nonNegative)
		v.float(childPath(p, "income"), o.Income, nonNegative)
		v.float(childPath(p, "dues"), o.Dues, nonNegative)
		v.float(childPath(p, "contact_cost"), o.ContactCost, nonNegative)
		v.integer(childPath(p, "reach"), o.Reach, 0, math.MaxInt)
		v.float(childPath(p, "incentive"), o.Incentive, finite)
		v.float(childPath(p, "brokerage"), o.Brokerage, unit)
		v.float(childPath(p, "cost"), o.Cost, nonNegative)
		v.float(childPath(p, "half_life"), o.HalfLife, nonNegative)
		v.integer(childPath(p, "start"), o.Start, 0, steps)
		v.float(childPath(p, "members"), o.Members, unit)
		v.float(childPath(p, "incentive_cost"), o.IncentiveCost, nonNegative)
		v.float(childPath(p, "overhead"), o.Overhead, nonNegative)
		v.oneOf(childPath(p, "allocation"), "allocation", o.Allocation, allocations)
		v.float(childPath(p, "churn"), o.Churn, unit)
		v.float(childPath(p, "convert_cost"), o.ConvertCost, nonNegative)
		if v.float(childPath(p, "convert"), o.Convert, unit) && o.Convert > 0 {
			v.converts(p, o)
		}
	}
	v.seenNames = seen
}

// allocations are the words of organisations[].allocation.
var allocations = []string{AllocationIncentivesFirst, AllocationContactsFirst}

// converts checks that organisation o at p, which converts sharers, has
// members to convert them to and a frame it amplifies to find them on.
func (v *validator) converts(p string, o Organisation) {
	if o.Membership != nil && !*o.Membership {
		v.errorf(childPath(p, "convert"), "convert needs an organisation with members (membership is false)")
		return
	}
	for _, f := range v.s.Frames {
		if f.Sponsor == o.Name && f.Amplify > 0 {
			return
		}
	}
	v.errorf(childPath(p, "convert"), "convert needs a frame sponsored by %q with amplify > 0 (its sharers are who it converts)", truncate(o.Name))
}

// frames checks the frames (all, or only their names' uniqueness) and
// collects their names.
func (v *validator) frames(all bool) {
	seen := v.seenNames
	if !all {
		for i, f := range v.s.Frames {
			v.unique(func() string { return childPath(indexPath("frames", i), "name") }, f.Name, seen)
		}
		return
	}
	steps, size := v.s.Steps, v.s.Population.Size
	orgs := make([]string, 0, len(v.s.Organisations)+1)
	orgs = append(orgs, Crowd)
	for _, o := range v.s.Organisations {
		orgs = append(orgs, o.Name)
	}
	for i, f := range v.s.Frames {
		p := indexPath("frames", i)
		if v.name(childPath(p, "name"), f.Name) {
			v.unique(func() string { return childPath(p, "name") }, f.Name, seen)
		}
		sponsorOK := v.oneOf(childPath(p, "sponsor"), "sponsor (crowd or an organisation)", f.Sponsor, orgs)
		v.oneOf(childPath(p, "expression"), "expression", f.Expression, expressions)
		if v.integer(childPath(p, "seeds"), f.Seeds, 0, math.MaxInt) && size > 0 && f.Seeds > size {
			v.errorfNear(childPath(p, "seeds"), "population.size", "%d seeds%s is more than population.size %d", f.Seeds, v.defaultNote(childPath(p, "seeds")), size)
		}
		v.float(childPath(p, "seed_share"), f.SeedShare, unit)
		v.oneOf(childPath(p, "seeding"), "seeding", f.Seeding, seedings)
		v.integer(childPath(p, "start"), f.Start, 0, steps)
		v.float(childPath(p, "aware"), f.Aware, unit)
		v.float(childPath(p, "centre"), f.Centre, unit)
		v.float(childPath(p, "share"), f.Share, unit)
		v.float(childPath(p, "width"), f.Width, unitOpenLo)
		v.float(childPath(p, "cost"), f.Cost, nonNegative)
		v.float(childPath(p, "half_life"), f.HalfLife, nonNegative)
		if v.integer(childPath(p, "amplify"), f.Amplify, 0, math.MaxInt) && f.Amplify > 0 && sponsorOK && f.Sponsor == Crowd {
			v.errorf(childPath(p, "amplify"), "amplify needs an organisation as sponsor (sponsor is crowd)")
		}
		if v.oneOf(childPath(p, "novelty"), "novelty", f.Novelty, novelties) && f.Novelty == "decay" {
			v.float(childPath(p, "novelty_factor"), f.NoveltyFactor, interval{lo: 0, hi: 1, loOpen: true, hiOpen: true})
		}
	}
}

func (v *validator) background() {
	b := &v.s.Background
	v.float("background.rate", b.Rate, unit)
	if b.Rate > 0 || b.Mechanism != "" {
		v.mechanism("background.mechanism", b.Mechanism)
	}
}

func (v *validator) events() {
	steps := v.s.Steps
	var orgs, frames []string
	for _, o := range v.s.Organisations {
		orgs = append(orgs, o.Name)
	}
	for _, f := range v.s.Frames {
		frames = append(frames, f.Name)
	}
	for i, e := range v.s.Events {
		p := indexPath("events", i)
		at := func(key string) string { return childPath(p, key) }
		switch {
		case e.Step > steps:
			v.errorf(at("step"), "%d is after the last step %d (allowed: 0..%d)", e.Step, steps, steps)
		case e.Step < 0:
			v.errorf(at("step"), "%d is out of range (allowed: 0..%d)", e.Step, steps)
		}
		if !v.oneOf(at("type"), "event type", string(e.Type), eventTypes) {
			continue
		}
		row, _ := rowOf(eventTypeTable, eventTypeRow.key, e.Type)
		fields := row.fields
		wrong := false
		for _, key := range infoOf(eventType).keys {
			if key != "step" && key != "type" && !slices.Contains(fields, key) && v.l.has(at(key)) {
				v.errorf(at(key), "%s is not used by a %s event (%s takes %s)", key, e.Type, e.Type, strings.Join(fields, " and "))
				wrong = true
			}
		}
		if wrong {
			continue
		}
		has := func(key string) bool { return v.l.has(at(key)) }
		switch e.Type {
		case EventSuppress:
			for j, name := range e.Organisations {
				q := indexPath(at("organisations"), j)
				if len(orgs) == 0 {
					v.errorf(q, "unknown organisation %q (there are no organisations)", truncate(name))
				} else {
					v.oneOf(q, "organisation", name, orgs)
				}
			}
		case EventRemoveHubs, EventRemovePeriphery:
			v.countOrShare(p, e, has)
		case EventRemoveRandom:
			if !has("share") {
				v.errorf(p, "remove_random needs share (0, 1]")
			} else {
				v.float(at("share"), e.Share, unitOpenLo)
			}
		case EventSetCost:
			v.mechanism(at("mechanism"), e.Mechanism)
			v.float(at("cost"), e.Cost, nonNegative)
		case EventMediaShock:
			if !has("share") {
				v.errorf(p, "media_shock needs share (0, 1]")
			} else {
				v.float(at("share"), e.Share, unitOpenLo)
			}
			v.mechanism(at("mechanism"), e.Mechanism)
		case EventSeedFrame:
			v.eventFrame(at("frame"), e.Frame, frames)
			if !has("count") {
				v.errorf(p, "seed_frame needs count (>= 1)")
			} else {
				v.integer(at("count"), e.Count, 1, math.MaxInt)
			}
		case EventArrest:
			v.oneOf(at("by"), "by", string(e.By), arrestTargets)
			v.countOrShare(p, e, has)
			if has("mechanism") {
				v.mechanism(at("mechanism"), e.Mechanism)
			}
		case EventThrottle, EventShutdown:
			v.eventFrame(at("frame"), e.Frame, frames)
			if e.Type == EventThrottle {
				if !has("factor") {
					v.errorf(p, "throttle needs factor [0, 1), the share probability's multiplier")
				} else {
					v.float(at("factor"), e.Factor, unitOpenHi)
				}
			}
			if !has("duration") {
				v.errorf(p, "%s needs duration (>= 1 steps)", e.Type)
			} else {
				v.integer(at("duration"), e.Duration, 1, maxSteps)
			}
		case EventRaiseCost:
			v.mechanism(at("mechanism"), e.Mechanism)
			v.float(at("cost"), e.Cost, nonNegative)
			v.integer(at("duration"), e.Duration, 0, maxSteps)
		}
		if e.Type.Repression() {
			v.float(at("backlash"), e.Backlash, finite)
		}
	}
}

// outcome checks the outcome block (Outcome), when given.
func (v *validator) outcome() {
	o := v.s.Outcome
	if o == nil {
		return
	}
	v.oneOf("outcome.production", "production", string(o.Production), productions)
	v.float("outcome.effort", o.Effort, positive)
	switch o.Production {
	case ProductionAccelerating, ProductionDecelerating:
		v.float("outcome.exponent", o.Exponent, aboveOne)
	case ProductionStep:
		v.float("outcome.threshold", o.Threshold, unitOpenLo)
	}
	v.float("outcome.weight", o.Weight, nonNegative)
	if n := len(o.Values); n > 0 && n != len(v.s.Population.Groups) {
		v.errorf("outcome.values", "%d values for %d groups: give one per group of population.groups, in order", n, len(v.s.Population.Groups))
	}
	for i, x := range o.Values {
		v.float(indexPath("outcome.values", i), x, finite)
	}
	if o.Efficacy != "" {
		v.oneOf("outcome.efficacy", "efficacy", o.Efficacy, outcomeEfficacies)
	}
	switch {
	case len(v.s.Actions) == 0 && o.Combine != "":
		v.errorf("outcome.combine", "combine needs actions (it combines their contributions)")
	case o.Combine != "":
		v.oneOf("outcome.combine", "combine", o.Combine, combines)
	}
	// substitution is read with ces only; left in place with another
	// combine it is ignored, so that --set outcome.combine=leontief works
	// on a scenario written for ces.
	if o.Combine == CombineCES {
		if x := o.Substitution; x == 0 || !(x < 1) || math.IsInf(x, -1) {
			v.errorf("outcome.substitution", "%s: give ρ < 1 and not 0 (ρ → −∞ is leontief, ρ = 1 additive, ρ → 0 Cobb-Douglas)", fmtFloat(x))
		}
	}
	if tg := o.Target; tg != nil {
		v.float("outcome.target.good", tg.Good, unit)
		v.float("outcome.target.share", tg.Share, unit)
		if tg.Good == 0 && tg.Share == 0 {
			v.errorf("outcome.target", "a target needs good or share (> 0): the level at which it concedes")
		}
	}
}

// actions checks the repertoire (Action), when given.
func (v *validator) actions() {
	if len(v.s.Actions) == 0 {
		return
	}
	names := map[string]string{}
	organisers := 0
	for i, a := range v.s.Actions {
		p := indexPath("actions", i)
		v.distinctName(childPath(p, "name"), "action", a.Name, names)
		v.float(childPath(p, "cost"), a.Cost, nonNegative)
		v.float(childPath(p, "effort"), a.Effort, nonNegative)
		v.float(childPath(p, "contribution"), a.Contribution, nonNegative)
		if a.Effect != "" && v.oneOf(childPath(p, "effect"), "effect", a.Effect, effects) && a.Effect == EffectOrganise {
			v.float(childPath(p, "amount"), a.Amount, nonNegative)
			if organisers++; organisers > 1 {
				v.errorf(childPath(p, "effect"), "at most one action organises")
			}
		} else if a.Amount != 0 {
			v.errorf(childPath(p, "amount"), "amount is what an organiser takes off its ties' effort: effect: organise only")
		}
		// Steps past the run's last are allowed: an action that opens
		// later is never open in a shorter run (--set steps=…).
		v.integer(childPath(p, "start"), a.Start, 0, maxSteps)
		if v.integer(childPath(p, "end"), a.End, 0, maxSteps) && a.End > 0 && a.End < a.Start {
			v.errorf(childPath(p, "end"), "end %d is before start %d", a.End, a.Start)
		}
		if n := len(a.Skills); n > 0 && n != len(v.s.Population.Groups) {
			v.errorf(childPath(p, "skills"), "%d skills for %d groups: give one per group of population.groups, in order", n, len(v.s.Population.Groups))
		}
	}
	all := make([]string, 0, len(v.s.Actions))
	for _, a := range v.s.Actions {
		all = append(all, a.Name)
	}
	any := false
	for i, a := range v.s.Actions {
		any = any || a.IsAvailable()
		for r, g := range a.Ladder {
			p := indexPath(childPath(indexPath("actions", i), "ladder"), r)
			if v.oneOf(childPath(p, "from"), "action", g.From, all) && g.From == a.Name {
				v.errorf(childPath(p, "from"), "an action's ladder starts from another action, not %q itself", a.Name)
			}
			v.float(childPath(p, "public"), g.Public, finite)
			v.float(childPath(p, "private"), g.Private, finite)
		}
	}
	if !any {
		v.errorf("actions", "every action has available: false: keep at least one (or leave actions out)")
	}
	// The columns the actions' names make (timeseries.csv) must differ:
	// an action named share_x would write doing_share_x, which is also
	// the share doing an action named x.
	cols := map[string]int{}
	for i, a := range v.s.Actions {
		for _, prefix := range []string{"doing_", "doing_share_", "role_", "did_"} {
			c := prefix + a.Name
			if j, dup := cols[c]; dup && v.s.Actions[j].Name != a.Name {
				v.errorf(childPath(indexPath("actions", i), "name"), "name %q makes column %s of timeseries.csv, which is already that of action %q: choose another name", a.Name, c, v.s.Actions[j].Name)
			}
			cols[c] = i
		}
	}
	for _, d := range distsOf(v.s) {
		if d.attr == "skill" {
			v.dist(d.path, d.dist, d.attr)
		}
	}
}

// countOrShare checks an event that takes count (>= 1) or share (0, 1],
// not both (remove_hubs, arrest), at path p.
func (v *validator) countOrShare(p string, e Event, has func(string) bool) {
	switch {
	case has("count") && has("share"):
		v.errorf(p, "%s takes count or share, not both", e.Type)
	case has("count"):
		v.integer(childPath(p, "count"), e.Count, 1, math.MaxInt)
	case has("share"):
		v.float(childPath(p, "share"), e.Share, unitOpenLo)
	default:
		v.errorf(p, "%s needs count (>= 1) or share (0, 1]", e.Type)
	}
}

// eventFrame checks the frame an event names.
func (v *validator) eventFrame(path, name string, frames []string) {
	switch {
	case name == "":
		v.errorf(path, "required: the name of a frame")
	case len(frames) == 0:
		v.errorf(path, "unknown frame %q (there are no frames)", truncate(name))
	default:
		v.oneOf(path, "frame", name, frames)
	}
}

func (v *validator) conditions() {
	seen := make(map[string]string)
	for i, c := range v.s.Conditions {
		p := indexPath("conditions", i)
		v.distinctName(childPath(p, "name"), "condition", c.Name, seen)
		for j, m := range c.Mechanisms {
			v.mechanism(indexPath(childPath(p, "mechanisms"), j), m)
		}
		// The set entries are checked by applying them (Loaded.finish).
		if _, ok := c.Set[crnPath]; ok {
			v.errorf(childPath(childPath(p, "set"), crnPath), "%s", crnFixed)
		}
	}
}

// crnPath is common_random_numbers, which chooses the seeds of all the
// conditions of a replicate at once: a condition or a sweep point cannot
// set it for itself.
const (
	crnPath  = "common_random_numbers"
	crnFixed = "common_random_numbers applies to every condition and sweep point at once: set it at the top of the scenario (or with --set), not here"
)

func (v *validator) outputs() {
	o := &v.s.Outputs
	seen := make(map[string]bool)
	for i, f := range o.Formats {
		p := indexPath("outputs.formats", i)
		if v.oneOf(p, "chart format", f, chartFormats) && seen[f] {
			v.errorf(p, "%s is listed twice", f)
		}
		seen[f] = true
	}
	v.float("outputs.cascade_level", o.CascadeLevel, unitOpenLo)
	for i, q := range o.Quantiles {
		v.float(indexPath("outputs.quantiles", i), q, unit)
	}
	if a := o.Agents; a != nil {
		if _, err := ParseSnapshotSteps(a.Steps, v.s.Steps); err != nil {
			p := "outputs.agents.steps"
			if e := err.(*StepError); e.Index >= 0 {
				p = indexPath(p, e.Index)
			}
			v.errorfNear(p, "outputs.agents", "%v", err)
		}
		v.oneOf("outputs.agents.format", "format", a.Format, []string{AgentsCSV, AgentsParquet})
	}
}

// canStart refuses scenarios in which nobody can ever become active: with
// no organisation, no background awareness, no seeded or pre-aware frame
// and no event that seeds or makes aware, every run stays at zero.
func (v *validator) canStart() {
	s := v.s
	if len(s.Organisations) == 0 && len(s.Frames) == 0 {
		v.errorf("", "nothing can ever become active: there is no organisation and no frame")
		return
	}
	if len(s.Organisations) > 0 || s.Background.Rate > 0 {
		return
	}
	for _, f := range s.Frames {
		if f.Seeds > 0 || f.SeedShare > 0 || f.Aware > 0 {
			return
		}
	}
	for _, e := range s.Events {
		if r, ok := rowOf(eventTypeTable, eventTypeRow.key, e.Type); ok && r.starts {
			return
		}
	}
	v.errorf("frames", "nothing can ever become active: no frame has seeds, seed_share or aware, and there is no organisation, background rate, %s event", startingEvents)
}
