package output

import (
	"math"

	"github.com/connact/connact/sim"
)

// column is one numeric column of a tidy output table.
type column struct {
	name    string
	integer bool // written without a decimal point
	value   func(r *sim.Result, t int) float64
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

func intCol(name string, f func(r *sim.Result, t int) int64) column {
	return column{name: name, integer: true, value: func(r *sim.Result, t int) float64 { return float64(f(r, t)) }}
}

// seriesColumns are the per-step columns of timeseries.csv, after the
// identifiers condition, replicate, seed and step. Shares of the agents
// still present at that step (cumulative: of the initial population) come
// after the counts, then one column per mechanism and per organisation.
func seriesColumns(o *sim.Observations) []column {
	tot := func(r *sim.Result) *sim.Counts { return &r.Obs.Total }
	cols := []column{
		intCol("alive", func(r *sim.Result, t int) int64 { return tot(r).Alive[t] }),
		intCol("aware", func(r *sim.Result, t int) int64 { return tot(r).Aware[t] }),
		intCol("active", func(r *sim.Result, t int) int64 { return tot(r).Active[t] }),
		intCol("members", func(r *sim.Result, t int) int64 { return tot(r).Members[t] }),
		intCol("new_active", func(r *sim.Result, t int) int64 { return tot(r).NewActive[t] }),
		intCol("cumulative", func(r *sim.Result, t int) int64 { return tot(r).Cumulative[t] }),
		intCol("lapsed", func(r *sim.Result, t int) int64 { return tot(r).Lapsed[t] }),
		{name: "mean_attention", value: func(r *sim.Result, t int) float64 { return tot(r).MeanAttention[t] }},
		{name: "spent", value: func(r *sim.Result, t int) float64 { return r.Obs.Spent[t] }},
		{name: "aware_share", value: func(r *sim.Result, t int) float64 { return ratio(tot(r).Aware[t], tot(r).Alive[t]) }},
		{name: "active_share", value: func(r *sim.Result, t int) float64 { return ratio(tot(r).Active[t], tot(r).Alive[t]) }},
		{name: "members_share", value: func(r *sim.Result, t int) float64 { return ratio(tot(r).Members[t], tot(r).Alive[t]) }},
		{name: "cumulative_share", value: func(r *sim.Result, t int) float64 { return ratio(tot(r).Cumulative[t], int64(r.N)) }},
	}
	for k, name := range o.Mechanisms {
		cols = append(cols,
			intCol("active_"+name, func(r *sim.Result, t int) int64 { return r.Obs.ActiveBy[k][t] }),
			column{name: "active_share_" + name, value: func(r *sim.Result, t int) float64 {
				return ratio(r.Obs.ActiveBy[k][t], tot(r).Alive[t])
			}},
			intCol("aware_"+name, func(r *sim.Result, t int) int64 { return r.Obs.AwareBy[k][t] }),
		)
	}
	for k, name := range o.Organisations {
		cols = append(cols,
			intCol("members_"+name, func(r *sim.Result, t int) int64 { return r.Obs.MembersBy[k][t] }),
			column{name: "budget_" + name, value: func(r *sim.Result, t int) float64 { return r.Obs.Budget[k][t] }},
		)
	}
	return cols
}

// groupColumns are the per-step, per-group columns of groups.csv, after
// condition, replicate, seed, step and group; g is bound by the caller.
func groupColumns() []func(g int) column {
	gc := func(r *sim.Result, g int) *sim.Counts { return &r.Obs.Groups[g] }
	return []func(g int) column{
		func(g int) column {
			return intCol("alive", func(r *sim.Result, t int) int64 { return gc(r, g).Alive[t] })
		},
		func(g int) column {
			return intCol("aware", func(r *sim.Result, t int) int64 { return gc(r, g).Aware[t] })
		},
		func(g int) column {
			return intCol("active", func(r *sim.Result, t int) int64 { return gc(r, g).Active[t] })
		},
		func(g int) column {
			return intCol("members", func(r *sim.Result, t int) int64 { return gc(r, g).Members[t] })
		},
		func(g int) column {
			return intCol("new_active", func(r *sim.Result, t int) int64 { return gc(r, g).NewActive[t] })
		},
		func(g int) column {
			return intCol("cumulative", func(r *sim.Result, t int) int64 { return gc(r, g).Cumulative[t] })
		},
		func(g int) column {
			return intCol("lapsed", func(r *sim.Result, t int) int64 { return gc(r, g).Lapsed[t] })
		},
		func(g int) column {
			return column{name: "mean_attention", value: func(r *sim.Result, t int) float64 { return gc(r, g).MeanAttention[t] }}
		},
		func(g int) column {
			return column{name: "active_share", value: func(r *sim.Result, t int) float64 {
				return ratio(gc(r, g).Active[t], gc(r, g).Alive[t])
			}}
		},
		func(g int) column {
			return column{name: "cumulative_share", value: func(r *sim.Result, t int) float64 {
				return ratio(gc(r, g).Cumulative[t], r.Obs.GroupSize[g])
			}}
		},
	}
}

// Metric is one per-run column of summary.csv (and of a sweep's runs.csv).
type Metric struct {
	Name    string
	Integer bool
	Value   func(r *sim.Result) float64
}

type metric = Metric

// MetricColumns are the per-run columns of summary.csv after condition,
// replicate and seed: the outcomes, then the network's statistics.
func MetricColumns(o *sim.Observations) []Metric {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	ms := []metric{
		{"peak_share", false, func(r *sim.Result) float64 { return r.Metrics.PeakShare }},
		{"peak_step", true, func(r *sim.Result) float64 { return float64(r.Metrics.PeakStep) }},
		{"final_share", false, func(r *sim.Result) float64 { return r.Metrics.FinalShare }},
		{"cumulative_share", false, func(r *sim.Result) float64 { return r.Metrics.CumulativeShare }},
		{"half_life", false, func(r *sim.Result) float64 { return r.Metrics.HalfLife }},
		{"sustainability", false, func(r *sim.Result) float64 { return r.Metrics.Sustainability }},
		{"group_reach", false, func(r *sim.Result) float64 { return r.Metrics.GroupReach }},
		{"group_entropy", false, func(r *sim.Result) float64 { return r.Metrics.GroupEntropy }},
		{"members_end", true, func(r *sim.Result) float64 { return float64(r.Metrics.MembersEnd) }},
	}
	for k, name := range o.Organisations {
		ms = append(ms, metric{"members_end_" + name, true, func(r *sim.Result) float64 { return float64(r.Metrics.MembersEndBy[k]) }})
	}
	ms = append(ms,
		metric{"cascade", true, func(r *sim.Result) float64 { return b(r.Metrics.Cascade) }},
		metric{"nodes", true, func(r *sim.Result) float64 { return float64(r.Network.Nodes) }},
		metric{"edges", true, func(r *sim.Result) float64 { return float64(r.Network.Edges) }},
		metric{"mean_degree", false, func(r *sim.Result) float64 { return r.Network.MeanDegree }},
		metric{"sd_degree", false, func(r *sim.Result) float64 { return r.Network.SDDegree }},
		metric{"max_degree", true, func(r *sim.Result) float64 { return float64(r.Network.MaxDegree) }},
		metric{"giant_share", false, func(r *sim.Result) float64 { return r.Network.GiantShare }},
		metric{"clustering", false, func(r *sim.Result) float64 { return r.Network.Clustering }},
	)
	return ms
}
