package output

import (
	"math"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/runner"
)

// column is one numeric column of a tidy output table, with what
// datapackage.json says of it.
type column struct {
	name    string
	integer bool // written without a decimal point
	desc    string
	unit    string
	value   func(r *runner.Result, t int) float64
}

// field is the column's Table Schema field.
func (c column) field() Field {
	typ := TypeNumber
	if c.integer {
		typ = TypeInteger
	}
	return Field{Name: c.name, Type: typ, Description: c.desc, Unit: c.unit}
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

func intCol(name, desc, unit string, f func(r *runner.Result, t int) int64) column {
	return column{name: name, integer: true, desc: desc, unit: unit, value: func(r *runner.Result, t int) float64 { return float64(f(r, t)) }}
}

func numCol(name, desc, unit string, f func(r *runner.Result, t int) float64) column {
	return column{name: name, desc: desc, unit: unit, value: f}
}

// seriesColumns are the per-step columns of timeseries.csv, after the
// identifiers condition, replicate, seed and step. Shares of the agents
// still present at that step (cumulative: of the initial population) come
// after the counts, then one column per mechanism and per organisation.
func seriesColumns(o *sim.Observations) []column {
	tot := func(r *runner.Result) *sim.Counts { return &r.Obs.Total }
	cols := []column{
		intCol("alive", "agents present (not removed) at the step", UnitAgents, func(r *runner.Result, t int) int64 { return tot(r).Alive[t] }),
		intCol("aware", "agents present and aware of the cause", UnitAgents, func(r *runner.Result, t int) int64 { return tot(r).Aware[t] }),
		intCol("active", "agents participating at the step", UnitAgents, func(r *runner.Result, t int) int64 { return tot(r).Active[t] }),
		intCol("members", "agents who are members of any organisation", UnitAgents, func(r *runner.Result, t int) int64 { return tot(r).Members[t] }),
		intCol("new_active", "agents participating at the step who did not at the step before", UnitAgents, func(r *runner.Result, t int) int64 { return tot(r).NewActive[t] }),
		intCol("cumulative", "agents who have ever participated, up to this step (removed ones included)", UnitAgents, func(r *runner.Result, t int) int64 { return tot(r).Cumulative[t] }),
		intCol("lapsed", "agents who participated before and stopped at the step", UnitAgents, func(r *runner.Result, t int) int64 { return tot(r).Lapsed[t] }),
		numCol("mean_attention", "mean attention of the agents present", UnitAttention, func(r *runner.Result, t int) float64 { return tot(r).MeanAttention[t] }),
		numCol("spent", "budget spent by all organisations at the step", UnitBudget, func(r *runner.Result, t int) float64 { return r.Obs.Spent[t] }),
		numCol("aware_share", "aware / alive", UnitShareAlive, func(r *runner.Result, t int) float64 { return ratio(tot(r).Aware[t], tot(r).Alive[t]) }),
		numCol("active_share", "active / alive", UnitShareAlive, func(r *runner.Result, t int) float64 { return ratio(tot(r).Active[t], tot(r).Alive[t]) }),
		numCol("members_share", "members / alive", UnitShareAlive, func(r *runner.Result, t int) float64 { return ratio(tot(r).Members[t], tot(r).Alive[t]) }),
		numCol("cumulative_share", "cumulative / initial population", UnitShareAll, func(r *runner.Result, t int) float64 { return ratio(tot(r).Cumulative[t], int64(r.N)) }),
	}
	for k, name := range o.Mechanisms {
		cols = append(cols,
			intCol("active_"+name, "agents participating through mechanism "+name, UnitAgents, func(r *runner.Result, t int) int64 { return r.Obs.ActiveBy[k][t] }),
			numCol("active_share_"+name, "active_"+name+" / alive", UnitShareAlive, func(r *runner.Result, t int) float64 {
				return ratio(r.Obs.ActiveBy[k][t], tot(r).Alive[t])
			}),
			intCol("aware_"+name, "agents made aware through mechanism "+name, UnitAgents, func(r *runner.Result, t int) int64 { return r.Obs.AwareBy[k][t] }),
		)
	}
	for k, name := range o.Organisations {
		cols = append(cols,
			intCol("members_"+name, "members of organisation "+name, UnitAgents, func(r *runner.Result, t int) int64 { return r.Obs.MembersBy[k][t] }),
			numCol("budget_"+name, "budget left to organisation "+name, UnitBudget, func(r *runner.Result, t int) float64 { return r.Obs.Budget[k][t] }),
		)
	}
	return cols
}

// SeriesFields describe the per-step columns of timeseries.csv (and the
// columns of a sweep's runs_timeseries.csv, which are some of them).
func SeriesFields(o *sim.Observations) []Field {
	var fs []Field
	for _, c := range seriesColumns(o) {
		fs = append(fs, c.field())
	}
	return fs
}

// groupColumns are the per-step, per-group columns of groups.csv, after
// condition, replicate, seed, step and group; g is bound by the caller.
func groupColumns() []func(g int) column {
	gc := func(r *runner.Result, g int) *sim.Counts { return &r.Obs.Groups[g] }
	return []func(g int) column{
		func(g int) column {
			return intCol("alive", "agents of the group present at the step", UnitAgents, func(r *runner.Result, t int) int64 { return gc(r, g).Alive[t] })
		},
		func(g int) column {
			return intCol("aware", "agents of the group present and aware", UnitAgents, func(r *runner.Result, t int) int64 { return gc(r, g).Aware[t] })
		},
		func(g int) column {
			return intCol("active", "agents of the group participating", UnitAgents, func(r *runner.Result, t int) int64 { return gc(r, g).Active[t] })
		},
		func(g int) column {
			return intCol("members", "agents of the group who are members of any organisation", UnitAgents, func(r *runner.Result, t int) int64 { return gc(r, g).Members[t] })
		},
		func(g int) column {
			return intCol("new_active", "agents of the group who started participating at the step", UnitAgents, func(r *runner.Result, t int) int64 { return gc(r, g).NewActive[t] })
		},
		func(g int) column {
			return intCol("cumulative", "agents of the group who have ever participated", UnitAgents, func(r *runner.Result, t int) int64 { return gc(r, g).Cumulative[t] })
		},
		func(g int) column {
			return intCol("lapsed", "agents of the group who stopped participating at the step", UnitAgents, func(r *runner.Result, t int) int64 { return gc(r, g).Lapsed[t] })
		},
		func(g int) column {
			return numCol("mean_attention", "mean attention of the group's agents present", UnitAttention, func(r *runner.Result, t int) float64 { return gc(r, g).MeanAttention[t] })
		},
		func(g int) column {
			return numCol("active_share", "active / alive, within the group", UnitShareAlive, func(r *runner.Result, t int) float64 {
				return ratio(gc(r, g).Active[t], gc(r, g).Alive[t])
			})
		},
		func(g int) column {
			return numCol("cumulative_share", "cumulative / the group's initial size", UnitShareGroup, func(r *runner.Result, t int) float64 {
				return ratio(gc(r, g).Cumulative[t], r.Obs.GroupSize[g])
			})
		},
	}
}

// Metric is one per-run column of summary.csv (and of a sweep's runs.csv).
type Metric struct {
	Name    string
	Integer bool
	// Binary marks a 0/1 outcome per run: its mean is a proportion of runs,
	// whose confidence interval is Wilson's (runner.Summarise, runner.WilsonCI95).
	Binary      bool
	Description string
	Unit        string
	Value       func(r *runner.Result) float64
}

// Field is the metric's Table Schema field.
func (m Metric) Field() Field {
	typ := TypeNumber
	if m.Integer {
		typ = TypeInteger
	}
	return Field{Name: m.Name, Type: typ, Description: m.Description, Unit: m.Unit}
}

// MetricFields describe ms.
func MetricFields(ms []Metric) []Field {
	fs := make([]Field, len(ms))
	for k, m := range ms {
		fs[k] = m.Field()
	}
	return fs
}

// MetricColumns are the per-run columns of summary.csv after condition,
// replicate and seed: the outcomes, then the network's statistics.
func MetricColumns(o *sim.Observations) []Metric {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	num := func(name, desc, unit string, f func(r *runner.Result) float64) Metric {
		return Metric{Name: name, Description: desc, Unit: unit, Value: f}
	}
	integer := func(name, desc, unit string, f func(r *runner.Result) float64) Metric {
		return Metric{Name: name, Integer: true, Description: desc, Unit: unit, Value: f}
	}
	ms := []Metric{
		num("peak_share", "highest share active over the run", UnitShareAlive, func(r *runner.Result) float64 { return r.Metrics.PeakShare }),
		integer("peak_step", "first step at the peak (in steps, not the scenario's time unit)", UnitSteps, func(r *runner.Result) float64 { return float64(r.Metrics.PeakStep) }),
		num("final_share", "share active at the last step", UnitShareAlive, func(r *runner.Result) float64 { return r.Metrics.FinalShare }),
		num("cumulative_share", "share of the initial population who ever participated", UnitShareAll, func(r *runner.Result) float64 { return r.Metrics.CumulativeShare }),
		num("half_life", "steps from the peak until the share active first falls to half the peak or below (in steps, not the scenario's time unit); NA if it never does", UnitSteps, func(r *runner.Result) float64 { return r.Metrics.HalfLife }),
		num("sustainability", "final_share / peak_share; NA without a peak", "ratio", func(r *runner.Result) float64 { return r.Metrics.Sustainability }),
		num("group_reach", "share of identity groups with at least one participant", "share of groups", func(r *runner.Result) float64 { return r.Metrics.GroupReach }),
		num("group_entropy", "Pielou's evenness of the participants' groups: 0 all from one group, 1 spread evenly; NA with one group or no participants", "evenness (0 to 1)", func(r *runner.Result) float64 { return r.Metrics.GroupEntropy }),
		integer("members_end", "members of any organisation at the last step", UnitAgents, func(r *runner.Result) float64 { return float64(r.Metrics.MembersEnd) }),
	}
	for k, name := range o.Organisations {
		ms = append(ms, integer("members_end_"+name, "members of organisation "+name+" at the last step", UnitAgents, func(r *runner.Result) float64 { return float64(r.Metrics.MembersEndBy[k]) }))
	}
	cascade := integer("cascade", "1 when cumulative_share reached the scenario's cascade level, else 0; its mean is the share of runs with a cascade", UnitRuns, func(r *runner.Result) float64 { return b(r.Metrics.Cascade) })
	cascade.Binary = true
	ms = append(ms,
		cascade,
		integer("nodes", "nodes of the run's network", "nodes", func(r *runner.Result) float64 { return float64(r.Network.Nodes) }),
		integer("edges", "edges of the run's network (undirected)", UnitEdges, func(r *runner.Result) float64 { return float64(r.Network.Edges) }),
		num("mean_degree", "mean degree of the network", UnitEdges+" per node", func(r *runner.Result) float64 { return r.Network.MeanDegree }),
		num("sd_degree", "population standard deviation of the degree", UnitEdges+" per node", func(r *runner.Result) float64 { return r.Network.SDDegree }),
		integer("max_degree", "highest degree of the network", UnitEdges+" per node", func(r *runner.Result) float64 { return float64(r.Network.MaxDegree) }),
		num("giant_share", "share of nodes in the largest connected component", UnitShareNodes, func(r *runner.Result) float64 { return r.Network.GiantShare }),
		num("clustering", "global transitivity: 3 x triangles / connected triples (a wedge-sampling estimate on large graphs)", "ratio", func(r *runner.Result) float64 { return r.Network.Clustering }),
	)
	return ms
}
