// Package observable declares, once, every quantity that connact writes
// about its runs: the per-step series (the columns of a run folder's
// timeseries.csv and groups.csv, the variables of its aggregate.csv, a
// sweep's point_timeseries.csv and runs_timeseries.csv) and the per-run
// metrics (a run folder's summary.csv and summary_aggregate.csv, a sweep's
// runs.csv and points.csv). Each declaration gives the name, whether the
// value is a whole number, its unit, the description that datapackage.json
// carries as the codebook, the label of charts (metrics), and how the value
// is computed from a run's sim.Observations (series) or sim.Metrics and
// network.Stats (metrics). sim/output and sim/sweep take their headers,
// rows and Table Schema fields from here, so that a file, its codebook and
// the other folder's file of the same name cannot drift apart.
//
// A series is declared for all agents and, when groups.csv has it, for one
// identity group, by the same function of a Scope (All or Group): "alive"
// counts the agents present, of the run or of the group. A series or
// metric declared per mechanism (organisation or frame) or per
// organisation is written once for each, as name_<mechanism>
// (active_union, members_end_union).
//
// It is a package of its own rather than part of sim: the model records
// counts (sim.Observations) and derives metrics (sim.ComputeMetrics); how
// they are named, described and laid out as columns is the vocabulary of
// the files, which the model does not need. It imports only sim and
// sim/network, so that sim/runner (whose memory estimate counts these
// columns) could use it as well as the writers.
package observable

import (
	"math"
	"slices"
	"strings"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/network"
)

// Units of the columns: what a number counts (datapackage.json's unit).
const (
	UnitAgents     = "agents"
	UnitSteps      = "steps" // simulation steps, not the scenario's time unit
	UnitShareAlive = "share of alive agents"
	UnitShareAll   = "share of the initial population"
	UnitShareGroup = "share of the group's initial size"
	UnitRuns       = "share of runs"
	UnitBudget     = "budget units"
	UnitAttention  = "attention (0 to 1)"
	UnitCommitment = "commitment (0 to 1)"
	UnitGood       = "level of the public good (0 to 1)"
	UnitEdges      = "edges"
	UnitShareNodes = "share of nodes"
	UnitReplicates = "replicates"
)

// per says what a declaration is written for: the run (or one group) as a
// whole, or each of its mechanisms or organisations.
type per int

const (
	whole per = iota
	eachMechanism
	eachOrganisation
	// eachAccount: each organisation that keeps an economy
	// (sim.Observations.Accounts); runs without one have no such columns.
	eachAccount
	// eachAction: each action of a community's repertoire
	// (sim.Observations.Actions); runs without actions have no such
	// columns.
	eachAction
)

// nameKey stands for the mechanism or organisation in the descriptions and
// labels of per-mechanism and per-organisation declarations.
const nameKey = "{name}"

// Scope is what a series is taken over in one run: all its agents, or the
// agents of one identity group.
type Scope struct {
	Obs    *sim.Observations
	Counts *sim.Counts // &Obs.Total, or &Obs.Groups[g]
	// Size is the initial size of the population or of the group: the
	// base of cumulative shares (removed participants still count).
	Size int64
}

// All is the scope of all agents of a run whose initial population is n.
func All(o *sim.Observations, n int) Scope {
	return Scope{Obs: o, Counts: &o.Total, Size: int64(n)}
}

// Group is the scope of identity group g of a run.
func Group(o *sim.Observations, g int) Scope {
	return Scope{Obs: o, Counts: &o.Groups[g], Size: o.GroupSize[g]}
}

// Series is one per-step observable as written: a column of
// timeseries.csv (or groups.csv) and a variable of aggregate.csv.
type Series struct {
	Name        string
	Integer     bool // a count, written without a decimal point
	Unit        string
	Description string
	value       func(s Scope, k, t int) float64
	k           int // the mechanism or organisation of a per-one series
}

// Value is the series at step t of scope s.
func (v Series) Value(s Scope, t int) float64 { return v.value(s, v.k, t) }

// seriesDecl declares one series.
type seriesDecl struct {
	name    string
	per     per
	integer bool
	unit    string
	desc    string // of all agents; {name} is the mechanism or organisation
	// group describes the series within one identity group, a column of
	// groups.csv ("" when groups.csv has none); groupUnit is its unit
	// there when it is not unit.
	group, groupUnit string
	// commitment: written only by studies that keep a commitment
	// (decision.commitment), so that every other run folder keeps its
	// exact columns (SeriesFor).
	commitment bool
	// outcome: written only by studies with an outcome (scenario
	// outcome), likewise.
	outcome bool
	value   func(s Scope, k, t int) float64
}

// ratio is a/b, NaN (written NA) when b is 0: a share of no agents does
// not exist.
func ratio(a, b int64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// account is organisation k's account series x at step t: 0 when it kept
// no accounts in the run (a condition without its economy spends nothing
// on it, and converts and loses no one by it).
func account[T int64 | float64](x [][]T, k, t int) T {
	if k >= len(x) || x[k] == nil {
		return 0
	}
	return x[k][t]
}

// count is the value of a per-step count of the scope's agents.
func count(f func(c *sim.Counts) []int64) func(Scope, int, int) float64 {
	return func(s Scope, _, t int) float64 { return float64(f(s.Counts)[t]) }
}

// seriesDecls are the series in the order of timeseries.csv's columns:
// counts, then shares of the agents still present at that step
// (cumulative: of the initial population), then for each mechanism its
// series and for each organisation its series.
var seriesDecls = []seriesDecl{
	{name: "alive", integer: true, unit: UnitAgents,
		desc: "agents present (not removed) at the step", group: "agents of the group present at the step",
		value: count(func(c *sim.Counts) []int64 { return c.Alive })},
	{name: "aware", integer: true, unit: UnitAgents,
		desc: "agents present and aware of the cause", group: "agents of the group present and aware",
		value: count(func(c *sim.Counts) []int64 { return c.Aware })},
	{name: "active", integer: true, unit: UnitAgents,
		desc: "agents participating at the step", group: "agents of the group participating",
		value: count(func(c *sim.Counts) []int64 { return c.Active })},
	{name: "members", integer: true, unit: UnitAgents,
		desc: "agents who are members of any organisation", group: "agents of the group who are members of any organisation",
		value: count(func(c *sim.Counts) []int64 { return c.Members })},
	{name: "new_active", integer: true, unit: UnitAgents,
		desc: "agents participating at the step who did not at the step before", group: "agents of the group who started participating at the step",
		value: count(func(c *sim.Counts) []int64 { return c.NewActive })},
	{name: "cumulative", integer: true, unit: UnitAgents,
		desc: "agents who have ever participated, up to this step (removed ones included)", group: "agents of the group who have ever participated",
		value: count(func(c *sim.Counts) []int64 { return c.Cumulative })},
	{name: "lapsed", integer: true, unit: UnitAgents,
		desc: "agents who participated before and stopped at the step", group: "agents of the group who stopped participating at the step",
		value: count(func(c *sim.Counts) []int64 { return c.Lapsed })},
	{name: "mean_attention", unit: UnitAttention,
		desc: "mean attention of the agents present", group: "mean attention of the group's agents present",
		value: func(s Scope, _, t int) float64 { return s.Counts.MeanAttention[t] }},
	{name: "mean_commitment", unit: UnitCommitment, commitment: true,
		desc: "mean commitment κ of the agents present (decision.commitment; NA in a condition without it)",
		value: func(s Scope, _, t int) float64 {
			if s.Obs.MeanCommitment == nil {
				return math.NaN()
			}
			return s.Obs.MeanCommitment[t]
		}},
	{name: "good", unit: UnitGood, outcome: true,
		desc: "level G of the public good at the end of the step: the production function of the participation so far, 1 once the target has conceded (outcome; NA in a condition without it)",
		value: func(s Scope, _, t int) float64 {
			if s.Obs.Good == nil {
				return math.NaN()
			}
			return s.Obs.Good[t]
		}},
	{name: "spent", unit: UnitBudget,
		desc:  "budget spent by all organisations at the step",
		value: func(s Scope, _, t int) float64 { return s.Obs.Spent[t] }},
	{name: "aware_share", unit: UnitShareAlive,
		desc:  "aware / alive",
		value: func(s Scope, _, t int) float64 { return ratio(s.Counts.Aware[t], s.Counts.Alive[t]) }},
	{name: "active_share", unit: UnitShareAlive,
		desc: "active / alive", group: "active / alive, within the group",
		value: func(s Scope, _, t int) float64 { return ratio(s.Counts.Active[t], s.Counts.Alive[t]) }},
	{name: "members_share", unit: UnitShareAlive,
		desc:  "members / alive",
		value: func(s Scope, _, t int) float64 { return ratio(s.Counts.Members[t], s.Counts.Alive[t]) }},
	{name: "cumulative_share", unit: UnitShareAll,
		desc: "cumulative / initial population", group: "cumulative / the group's initial size", groupUnit: UnitShareGroup,
		value: func(s Scope, _, t int) float64 { return ratio(s.Counts.Cumulative[t], s.Size) }},

	{name: "active", per: eachMechanism, integer: true, unit: UnitAgents,
		desc:  "agents participating through mechanism " + nameKey,
		value: func(s Scope, k, t int) float64 { return float64(s.Obs.ActiveBy[k][t]) }},
	{name: "active_share", per: eachMechanism, unit: UnitShareAlive,
		desc:  "active_" + nameKey + " / alive",
		value: func(s Scope, k, t int) float64 { return ratio(s.Obs.ActiveBy[k][t], s.Counts.Alive[t]) }},
	{name: "aware", per: eachMechanism, integer: true, unit: UnitAgents,
		desc:  "agents made aware through mechanism " + nameKey,
		value: func(s Scope, k, t int) float64 { return float64(s.Obs.AwareBy[k][t]) }},

	{name: "members", per: eachOrganisation, integer: true, unit: UnitAgents,
		desc:  "members of organisation " + nameKey,
		value: func(s Scope, k, t int) float64 { return float64(s.Obs.MembersBy[k][t]) }},
	{name: "budget", per: eachOrganisation, unit: UnitBudget,
		desc:  "budget left to organisation " + nameKey,
		value: func(s Scope, k, t int) float64 { return s.Obs.Budget[k][t] }},

	{name: "doing", per: eachAction, integer: true, unit: UnitAgents,
		desc:  "agents doing action " + nameKey + " at the step (actions; NA in a condition without them)",
		value: func(s Scope, k, t int) float64 { return actionSeries(s.Obs.ActingBy, k, t) }},
	{name: "doing_share", per: eachAction, unit: UnitShareAlive,
		desc: "doing_" + nameKey + " / alive",
		value: func(s Scope, k, t int) float64 {
			if s.Obs.ActingBy == nil {
				return math.NaN()
			}
			return ratio(s.Obs.ActingBy[k][t], s.Counts.Alive[t])
		}},
	{name: "role", per: eachAction, integer: true, unit: UnitAgents,
		desc:  "participants at the step whose role is " + nameKey + ", the action they are most skilled at (actions; NA in a condition without them)",
		value: func(s Scope, k, t int) float64 { return actionSeries(s.Obs.RoleBy, k, t) }},
	{name: "did", per: eachAction, integer: true, unit: UnitAgents,
		desc:  "agents who have ever done action " + nameKey + ", up to the step, removed ones included (actions; NA in a condition without them)",
		value: func(s Scope, k, t int) float64 { return actionSeries(s.Obs.DidBy, k, t) }},

	{name: "incentives", per: eachAccount, unit: UnitBudget,
		desc:  "budget organisation " + nameKey + " spent on its members' selective incentives at the step",
		value: func(s Scope, k, t int) float64 { return account(s.Obs.Incentives, k, t) }},
	{name: "overhead", per: eachAccount, unit: UnitBudget,
		desc:  "budget organisation " + nameKey + " spent on overhead at the step",
		value: func(s Scope, k, t int) float64 { return account(s.Obs.Overhead, k, t) }},
	{name: "converted", per: eachAccount, integer: true, unit: UnitAgents,
		desc:  "active sharers of a frame organisation " + nameKey + " amplifies who joined it at the step",
		value: func(s Scope, k, t int) float64 { return float64(account(s.Obs.Converted, k, t)) }},
	{name: "churned", per: eachAccount, integer: true, unit: UnitAgents,
		desc:  "members who left organisation " + nameKey + " at the step for want of contact (churn)",
		value: func(s Scope, k, t int) float64 { return float64(account(s.Obs.Churned, k, t)) }},
}

// SeriesOf are the series of a run with these mechanisms, organisations
// and organisations keeping accounts (sim.Observations names them; a
// study's accounts are those of any of its conditions, each one of the
// organisations), in the order of timeseries.csv's columns after its
// identifiers, for a study without commitment. Accounts are opt-in: a run
// without any has exactly the columns it had before they existed.
func SeriesOf(mechanisms, organisations []string, accounts ...string) []Series {
	return SeriesFor(mechanisms, organisations, false, accounts...)
}

// SeriesFor is SeriesOf for a study in which some condition keeps a
// commitment (commitment true: decision.commitment given), which adds
// mean_commitment after mean_attention. Studies without it have exactly
// the columns they had before commitment existed.
func SeriesFor(mechanisms, organisations []string, commitment bool, accounts ...string) []Series {
	return SeriesWith(mechanisms, organisations, Optional{Commitment: commitment}, accounts...)
}

// Optional says which opt-in mechanisms some condition of a study uses,
// each of which adds its own columns: a study without any has exactly the
// columns it had before they existed.
type Optional struct {
	Commitment bool // decision.commitment: mean_commitment after mean_attention
	Outcome    bool // outcome: good after mean_commitment; time_to_concession and final_good
	// Actions name a community's actions (scenario actions): doing_,
	// role_ and did_ series and an ever_ metric for each.
	Actions []string
}

// SeriesWith is SeriesOf for a study with the opt-in mechanisms of opt.
func SeriesWith(mechanisms, organisations []string, opt Optional, accounts ...string) []Series {
	var out []Series
	expand(seriesDecls, func(d seriesDecl) per { return d.per }, lists{mechanisms, organisations, accounts, opt.Actions}, func(d seriesDecl, name string, k int) {
		if d.commitment && !opt.Commitment || d.outcome && !opt.Outcome {
			return
		}
		out = append(out, Series{Name: d.name + name, Integer: d.integer, Unit: d.unit, Description: named(d.desc, name), value: d.value, k: k})
	})
	return out
}

// GroupSeries are the series of groups.csv, after its identifiers: those
// declared within a group, described as such.
func GroupSeries() []Series {
	var out []Series
	for _, d := range seriesDecls {
		if d.per != whole || d.group == "" {
			continue
		}
		unit := d.unit
		if d.groupUnit != "" {
			unit = d.groupUnit
		}
		out = append(out, Series{Name: d.name, Integer: d.integer, Unit: unit, Description: d.group, value: d.value})
	}
	return out
}

// Pick returns the series of ss named, in the order of names. A name that
// ss does not hold is a mistake in connact's code: Pick panics.
func Pick(ss []Series, names ...string) []Series {
	out := make([]Series, len(names))
	for k, name := range names {
		i := slices.IndexFunc(ss, func(s Series) bool { return s.Name == name })
		if i < 0 {
			panic("observable: no series " + name)
		}
		out[k] = ss[i]
	}
	return out
}

// Metric is one per-run metric as written: a column of summary.csv and of
// a sweep's runs.csv, summarised across replicates in
// summary_aggregate.csv and points.csv.
type Metric struct {
	Name    string
	Integer bool // written without a decimal point
	// Binary marks a 0/1 outcome per run: its mean is a proportion of
	// runs, whose confidence interval is Wilson's (runner.SummariseBinary,
	// runner.WilsonCI95), not Student's t.
	Binary      bool
	Unit        string
	Description string
	// Label is the metric on a chart's axis, with its unit; {units} stands
	// for the scenario's time unit in the plural ("Time of peak ({units})").
	Label string
	value func(m *sim.Metrics, net *network.Stats, k int) float64
	k     int // the organisation of a per-organisation metric
}

// Value is the metric of a run with metrics m on network net.
func (m Metric) Value(mt *sim.Metrics, net *network.Stats) float64 { return m.value(mt, net, m.k) }

// metricDecl declares one metric.
type metricDecl struct {
	name            string
	per             per
	integer, binary bool
	outcome         bool // written only by studies with an outcome (Optional)
	unit            string
	desc, label     string // {name}: the organisation
	value           func(m *sim.Metrics, net *network.Stats, k int) float64
}

// outcome and stat declare a metric of sim.Metrics and of the network's
// statistics.
func outcome(name string, integer bool, unit, desc, label string, f func(m *sim.Metrics) float64) metricDecl {
	return metricDecl{name: name, integer: integer, unit: unit, desc: desc, label: label,
		value: func(m *sim.Metrics, _ *network.Stats, _ int) float64 { return f(m) }}
}

func stat(name string, integer bool, unit, desc, label string, f func(s *network.Stats) float64) metricDecl {
	return metricDecl{name: name, integer: integer, unit: unit, desc: desc, label: label,
		value: func(_ *sim.Metrics, s *network.Stats, _ int) float64 { return f(s) }}
}

const perNode = UnitEdges + " per node"

// metricDecls are the metrics in the order of summary.csv's columns: the
// outcomes of the run (sim.Metrics, whose doc gives their definitions),
// then the statistics of its network (network.Stats).
var metricDecls = []metricDecl{
	outcome("peak_share", false, UnitShareAlive, "highest share active over the run", "Peak share active",
		func(m *sim.Metrics) float64 { return m.PeakShare }),
	outcome("peak_step", true, UnitSteps, "first step at the peak (in steps, not the scenario's time unit)", "Time of peak ({units})",
		func(m *sim.Metrics) float64 { return float64(m.PeakStep) }),
	outcome("final_share", false, UnitShareAlive, "share active at the last step", "Final share active",
		func(m *sim.Metrics) float64 { return m.FinalShare }),
	outcome("cumulative_share", false, UnitShareAll, "share of the initial population who ever participated", "Share who ever took part",
		func(m *sim.Metrics) float64 { return m.CumulativeShare }),
	outcome("half_life", false, UnitSteps, "steps from the peak until the share active first falls to half the peak or below (in steps, not the scenario's time unit); NA if it never does", "Half-life after peak ({units})",
		func(m *sim.Metrics) float64 { return m.HalfLife }),
	outcome("sustainability", false, "ratio", "final_share / peak_share; NA without a peak", "Sustainability (final / peak share)",
		func(m *sim.Metrics) float64 { return m.Sustainability }),
	outcome("group_reach", false, "share of groups", "share of identity groups with at least one participant", "Share of identity groups reached",
		func(m *sim.Metrics) float64 { return m.GroupReach }),
	// Pielou's (1966) J = H / ln G, H the Shannon entropy of the groups'
	// shares of participants.
	outcome("group_entropy", false, "evenness (0 to 1)", "Pielou's evenness of the participants' groups: 0 all from one group, 1 spread evenly; NA with one group or no participants", "Evenness across groups (Pielou's J)",
		func(m *sim.Metrics) float64 { return m.GroupEntropy }),
	outcome("members_end", true, UnitAgents, "members of any organisation at the last step", "Members at the end (people)",
		func(m *sim.Metrics) float64 { return float64(m.MembersEnd) }),
	{name: "members_end", per: eachOrganisation, integer: true, unit: UnitAgents,
		desc: "members of organisation " + nameKey + " at the last step", label: "Members of " + nameKey + " at the end (people)",
		value: func(m *sim.Metrics, _ *network.Stats, k int) float64 { return float64(m.MembersEndBy[k]) }},
	{name: "cascade", integer: true, binary: true, unit: UnitRuns,
		desc: "1 when cumulative_share reached the scenario's cascade level, else 0; its mean is the share of runs with a cascade", label: "Share of runs with a cascade",
		value: func(m *sim.Metrics, _ *network.Stats, _ int) float64 {
			if m.Cascade {
				return 1
			}
			return 0
		}},
	{name: "time_to_concession", outcome: true, unit: UnitSteps,
		desc: "step at which the target conceded the good (in steps, not the scenario's time unit); NA if it did not, or there is no target (outcome)", label: "Time to concession ({units})",
		value: func(m *sim.Metrics, _ *network.Stats, _ int) float64 { return m.TimeToConcession }},
	{name: "final_good", outcome: true, unit: UnitGood,
		desc: "level G of the public good at the last step (outcome); NA without one", label: "Public good at the end (0 to 1)",
		value: func(m *sim.Metrics, _ *network.Stats, _ int) float64 { return m.FinalGood }},
	{name: "ever", per: eachAction, unit: UnitShareAll,
		desc: "share of the initial population who ever did action " + nameKey + " (actions; NA in a condition without them)", label: "Share who ever did " + nameKey,
		value: func(m *sim.Metrics, _ *network.Stats, k int) float64 {
			if m.EverBy == nil {
				return math.NaN()
			}
			return m.EverBy[k]
		}},
	stat("nodes", true, "nodes", "nodes of the run's network", "Nodes",
		func(s *network.Stats) float64 { return float64(s.Nodes) }),
	stat("edges", true, UnitEdges, "edges of the run's network (undirected)", "Edges",
		func(s *network.Stats) float64 { return float64(s.Edges) }),
	stat("mean_degree", false, perNode, "mean degree of the network", "Mean degree",
		func(s *network.Stats) float64 { return s.MeanDegree }),
	stat("sd_degree", false, perNode, "population standard deviation of the degree", "SD of degree",
		func(s *network.Stats) float64 { return s.SDDegree }),
	stat("max_degree", true, perNode, "highest degree of the network", "Largest degree",
		func(s *network.Stats) float64 { return float64(s.MaxDegree) }),
	stat("giant_share", false, UnitShareNodes, "share of nodes in the largest connected component", "Share in the giant component",
		func(s *network.Stats) float64 { return s.GiantShare }),
	stat("clustering", false, "ratio", "global transitivity: 3 x triangles / connected triples (a wedge-sampling estimate on large graphs)", "Clustering coefficient",
		func(s *network.Stats) float64 { return s.Clustering }),
}

func (d metricDecl) metric(name string, k int) Metric {
	return Metric{Name: d.name + name, Integer: d.integer, Binary: d.binary, Unit: d.unit,
		Description: named(d.desc, name), Label: named(d.label, name), value: d.value, k: k}
}

// MetricsOf are the metrics of a run with these organisations, in the
// order of summary.csv's columns after its identifiers.
func MetricsOf(organisations []string) []Metric { return MetricsWith(organisations, Optional{}) }

// MetricsWith is MetricsOf for a study with the opt-in mechanisms of opt.
func MetricsWith(organisations []string, opt Optional) []Metric {
	var out []Metric
	expand(metricDecls, func(d metricDecl) per { return d.per }, lists{organisations: organisations, actions: opt.Actions}, func(d metricDecl, name string, k int) {
		if d.outcome && !opt.Outcome {
			return
		}
		out = append(out, d.metric(name, k))
	})
	return out
}

// MetricNamed describes the metric of that column name, of any run:
// members_end_union is members_end of organisation union. The
// organisation's place among a run's is unknown here, so the Value of a
// per-organisation metric found by name panics; take values from
// MetricsOf.
func MetricNamed(name string) (Metric, bool) {
	for _, d := range metricDecls {
		if d.per == whole && d.name == name {
			return d.metric("", 0), true
		}
	}
	for _, d := range metricDecls {
		if org, ok := strings.CutPrefix(name, d.name+"_"); ok && d.per != whole {
			return d.metric("_"+org, -1), true
		}
	}
	return Metric{}, false
}

// expand calls add for each declaration of decls in their order, for each
// mechanism or organisation when it is declared per one (name is then
// "_" + its name and k its index): a run of consecutive declarations per
// mechanism (or organisation) is written mechanism by mechanism, so that
// a mechanism's columns stand together.
func expand[D any](decls []D, perOf func(D) per, l lists, add func(d D, name string, k int)) {
	for i := 0; i < len(decls); {
		p := perOf(decls[i])
		j := i + 1
		for j < len(decls) && perOf(decls[j]) == p && p != whole {
			j++
		}
		var names []string
		switch p {
		case whole:
			add(decls[i], "", 0)
		case eachMechanism:
			names = l.mechanisms
		case eachOrganisation:
			names = l.organisations
		case eachAccount:
			names = l.accounts
		case eachAction:
			names = l.actions
		}
		for k, name := range names {
			if p == eachAccount {
				// Account series are indexed by organisation.
				k = slices.Index(l.organisations, name)
			}
			for _, d := range decls[i:j] {
				add(d, "_"+name, k)
			}
		}
		i = j
	}
}

// lists are the names a study's declarations are expanded over.
type lists struct {
	mechanisms, organisations, accounts, actions []string
}

// actionSeries is series x of action k at step t, NaN (NA) in a run
// without actions.
func actionSeries(x [][]int64, k, t int) float64 {
	if x == nil {
		return math.NaN()
	}
	return float64(x[k][t])
}

// named puts the mechanism or organisation ("_name", as expand gives it)
// into a description or label.
func named(s, name string) string {
	return strings.ReplaceAll(s, nameKey, strings.TrimPrefix(name, "_"))
}
