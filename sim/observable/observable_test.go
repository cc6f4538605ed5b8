package observable

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/network"
	"github.com/connact/connact/sim/scenario"
)

// observations are two steps of a run of 10 agents in two groups (6 and
// 4) with mechanisms union (an organisation) and tag; at step 1 group 1
// has no agents left, so its shares do not exist.
func observations() *sim.Observations {
	g0 := sim.Counts{Alive: []int64{6, 5}, Aware: []int64{2, 4}, Active: []int64{1, 3}, Members: []int64{1, 2},
		NewActive: []int64{1, 2}, Cumulative: []int64{1, 4}, Lapsed: []int64{0, 1}, MeanAttention: []float64{0.25, 0.5}}
	g1 := sim.Counts{Alive: []int64{4, 0}, Aware: []int64{1, 0}, Active: []int64{1, 0}, Members: []int64{0, 0},
		NewActive: []int64{1, 0}, Cumulative: []int64{1, 2}, Lapsed: []int64{0, 1}, MeanAttention: []float64{0.75, 0}}
	return &sim.Observations{
		Steps: 1, Mechanisms: []string{"union", "tag"}, Organisations: []string{"union"},
		Total: sim.Counts{Alive: []int64{10, 5}, Aware: []int64{3, 4}, Active: []int64{2, 3}, Members: []int64{1, 2},
			NewActive: []int64{2, 2}, Cumulative: []int64{2, 6}, Lapsed: []int64{0, 2}, MeanAttention: []float64{0.4, 0.5}},
		Groups: []sim.Counts{g0, g1}, GroupSize: []int64{6, 4},
		ActiveBy: [][]int64{{1, 1}, {1, 2}}, AwareBy: [][]int64{{2, 1}, {1, 3}},
		MembersBy: [][]int64{{1, 2}}, Budget: [][]float64{{10, 7.5}}, Spent: []float64{0, 2.5},
	}
}

func values(ss []Series, s Scope, t int) map[string]float64 {
	out := map[string]float64{}
	for _, v := range ss {
		if _, dup := out[v.Name]; dup {
			panic("two series named " + v.Name)
		}
		out[v.Name] = v.Value(s, t)
	}
	return out
}

// same is a == b, NaN equal to NaN.
func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// TestSeries computes every series of a run at step 1, for all agents
// and for each group, by hand from the counts.
func TestSeries(t *testing.T) {
	o := observations()
	all := SeriesOf(o.Mechanisms, o.Organisations)
	names := make([]string, len(all))
	for k, s := range all {
		names[k] = s.Name
	}
	wantNames := []string{"alive", "aware", "active", "members", "new_active", "cumulative", "lapsed", "mean_attention", "spent",
		"aware_share", "active_share", "members_share", "cumulative_share",
		"active_union", "active_share_union", "aware_union", "active_tag", "active_share_tag", "aware_tag",
		"members_union", "budget_union"}
	if !slices.Equal(names, wantNames) {
		t.Fatalf("columns\n%v, want\n%v", names, wantNames)
	}
	nan := math.NaN()
	for _, tc := range []struct {
		name  string
		ss    []Series
		scope Scope
		want  map[string]float64
	}{
		{"all", all, All(o, 10), map[string]float64{
			"alive": 5, "aware": 4, "active": 3, "members": 2, "new_active": 2, "cumulative": 6, "lapsed": 2, "mean_attention": 0.5, "spent": 2.5,
			"aware_share": 0.8, "active_share": 0.6, "members_share": 0.4, "cumulative_share": 0.6,
			"active_union": 1, "active_share_union": 0.2, "aware_union": 1, "active_tag": 2, "active_share_tag": 0.4, "aware_tag": 3,
			"members_union": 2, "budget_union": 7.5}},
		{"group 0", GroupSeries(), Group(o, 0), map[string]float64{
			"alive": 5, "aware": 4, "active": 3, "members": 2, "new_active": 2, "cumulative": 4, "lapsed": 1, "mean_attention": 0.5,
			"active_share": 0.6, "cumulative_share": 4.0 / 6}},
		{"group 1, empty", GroupSeries(), Group(o, 1), map[string]float64{
			"alive": 0, "aware": 0, "active": 0, "members": 0, "new_active": 0, "cumulative": 2, "lapsed": 1, "mean_attention": 0,
			"active_share": nan, "cumulative_share": 0.5}},
	} {
		got := values(tc.ss, tc.scope, 1)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d series, want %d", tc.name, len(got), len(tc.want))
		}
		for name, want := range tc.want {
			if v, ok := got[name]; !ok || !same(v, want) {
				t.Errorf("%s: %s = %v, want %v", tc.name, name, v, want)
			}
		}
	}
	for _, s := range all {
		isCount := !strings.Contains(s.Name, "share") && s.Name != "mean_attention" && s.Name != "spent" && !strings.HasPrefix(s.Name, "budget")
		if s.Integer != isCount || s.Description == "" || s.Unit == "" || strings.Contains(s.Description, "{") {
			t.Errorf("%s: integer %v, description %q, unit %q", s.Name, s.Integer, s.Description, s.Unit)
		}
	}
	if d := Pick(all, "active_share_tag")[0].Description; d != "active_tag / alive" {
		t.Errorf("active_share_tag is described %q", d)
	}
	if g := Pick(GroupSeries(), "cumulative_share")[0]; g.Unit != UnitShareGroup || g.Description != "cumulative / the group's initial size" {
		t.Errorf("cumulative_share of a group: %+v", g)
	}
}

func TestPick(t *testing.T) {
	ss := SeriesOf(nil, nil)
	got := Pick(ss, "cumulative_share", "alive")
	if len(got) != 2 || got[0].Name != "cumulative_share" || got[1].Name != "alive" {
		t.Errorf("Pick gave %v", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("Pick of a series that does not exist did not panic")
		}
	}()
	Pick(ss, "active_union")
}

// TestMetrics checks the metrics' order and values, and that MetricNamed
// describes every metric as MetricsOf does.
func TestMetrics(t *testing.T) {
	ms := MetricsOf([]string{"union", "party"})
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
	}
	want := []string{"peak_share", "peak_step", "final_share", "cumulative_share", "half_life", "sustainability", "group_reach", "group_entropy",
		"members_end", "members_end_union", "members_end_party", "cascade",
		"nodes", "edges", "mean_degree", "sd_degree", "max_degree", "giant_share", "clustering"}
	if !slices.Equal(names, want) {
		t.Fatalf("metrics\n%v, want\n%v", names, want)
	}
	mt := &sim.Metrics{PeakShare: 0.5, PeakStep: 7, FinalShare: 0.25, CumulativeShare: 0.75, HalfLife: math.NaN(), Sustainability: 0.5,
		GroupReach: 1, GroupEntropy: 0.9, MembersEnd: 30, MembersEndBy: []int64{20, 10}, Cascade: true}
	net := &network.Stats{Nodes: 100, Edges: 300, MeanDegree: 6, SDDegree: 2, MaxDegree: 14, GiantShare: 0.99, Clustering: 0.05}
	wantValues := []float64{0.5, 7, 0.25, 0.75, math.NaN(), 0.5, 1, 0.9, 30, 20, 10, 1, 100, 300, 6, 2, 14, 0.99, 0.05}
	for k, m := range ms {
		if v := m.Value(mt, net); !same(v, wantValues[k]) {
			t.Errorf("%s = %v, want %v", m.Name, v, wantValues[k])
		}
		named, ok := MetricNamed(m.Name)
		if !ok || named.Name != m.Name || named.Integer != m.Integer || named.Binary != m.Binary || named.Unit != m.Unit ||
			named.Description != m.Description || named.Label != m.Label {
			t.Errorf("MetricNamed(%s) = %+v, %v; MetricsOf gives %+v", m.Name, named, ok, m)
		}
		if m.Description == "" || m.Label == "" || m.Unit == "" {
			t.Errorf("%s: description %q, label %q, unit %q", m.Name, m.Description, m.Label, m.Unit)
		}
		if m.Binary != (m.Name == "cascade") {
			t.Errorf("%s: binary %v", m.Name, m.Binary)
		}
	}
	mt.Cascade = false
	if v := ms[11].Value(mt, net); v != 0 {
		t.Errorf("cascade without one = %v", v)
	}
	if m, _ := MetricNamed("members_end_union"); m.Label != "Members of union at the end (people)" || m.Description != "members of organisation union at the last step" {
		t.Errorf("members_end_union: %+v", m)
	}
	if _, ok := MetricNamed("active"); ok {
		t.Error("MetricNamed found a metric active")
	}
}

// TestAccountSeries: an organisation keeping accounts adds its four
// series after the per-organisation ones, read by organisation; a run in
// which it keeps none (a condition without its economy) reads 0.
func TestAccountSeries(t *testing.T) {
	o := observations()
	o.Mechanisms, o.Organisations = []string{"party", "union", "tag"}, []string{"party", "union"}
	o.ActiveBy, o.AwareBy = [][]int64{{0, 0}, {1, 1}, {1, 2}}, [][]int64{{0, 0}, {2, 1}, {1, 3}}
	o.MembersBy, o.Budget = [][]int64{{0, 0}, {1, 2}}, [][]float64{{5, 5}, {10, 7.5}}
	o.Accounts = []string{"union"}
	o.Incentives, o.Overhead = [][]float64{nil, {0, 1.5}}, [][]float64{nil, {0, 0.5}}
	o.Converted, o.Churned = [][]int64{nil, {0, 3}}, [][]int64{nil, {0, 1}}
	ss := SeriesOf(o.Mechanisms, o.Organisations, "union")
	plain := SeriesOf(o.Mechanisms, o.Organisations)
	var names []string
	for _, s := range ss[len(plain):] {
		names = append(names, s.Name)
	}
	if want := []string{"incentives_union", "overhead_union", "converted_union", "churned_union"}; !slices.Equal(names, want) {
		t.Fatalf("account columns %v, want %v", names, want)
	}
	got := values(ss, All(o, 10), 1)
	for name, want := range map[string]float64{"incentives_union": 1.5, "overhead_union": 0.5, "converted_union": 3, "churned_union": 1, "budget_union": 7.5} {
		if got[name] != want {
			t.Errorf("%s = %v, want %v", name, got[name], want)
		}
	}
	for _, s := range ss[len(plain):] {
		if s.Integer != strings.HasPrefix(s.Name, "c") || s.Unit == "" || strings.Contains(s.Description, "{") || !strings.Contains(s.Description, "union") {
			t.Errorf("%s: integer %v, unit %q, description %q", s.Name, s.Integer, s.Unit, s.Description)
		}
	}
	o.Accounts, o.Incentives, o.Overhead, o.Converted, o.Churned = nil, nil, nil, nil, nil
	for name, v := range values(ss[len(plain):], All(o, 10), 1) {
		if v != 0 {
			t.Errorf("%s = %v in a run without accounts, want 0", name, v)
		}
	}
}

// TestSeriesCommitment: mean_commitment is a column only of studies that
// keep a commitment (SeriesFor), right after mean_attention, and NA for a
// run without one; SeriesOf, and groups.csv, are as before it existed.
func TestSeriesCommitment(t *testing.T) {
	o := observations()
	without := SeriesOf(o.Mechanisms, o.Organisations)
	with := SeriesFor(o.Mechanisms, o.Organisations, true)
	if len(with) != len(without)+1 || with[8].Name != "mean_commitment" || with[7].Name != "mean_attention" {
		t.Fatalf("with commitment: %d series (want %d), series 8 %q", len(with), len(without)+1, with[8].Name)
	}
	for _, s := range append(without, GroupSeries()...) {
		if s.Name == "mean_commitment" {
			t.Errorf("%s written without commitment", s.Name)
		}
	}
	v := Pick(with, "mean_commitment")[0]
	if got := v.Value(All(o, 10), 1); !math.IsNaN(got) {
		t.Errorf("a run without commitment: mean_commitment %v, want NA", got)
	}
	o.MeanCommitment = []float64{0, 0.25}
	if got := v.Value(All(o, 10), 1); got != 0.25 {
		t.Errorf("mean_commitment %v, want 0.25", got)
	}
}

// TestScenarioKnowsTheMetrics: the scenario refuses a sweep parameter
// named like a column of runs.csv from its lists of metric names
// (scenario.MetricNames, OutcomeMetricNames), which must hold every
// metric declared here, whatever the study's opt-in mechanisms.
func TestScenarioKnowsTheMetrics(t *testing.T) {
	known := append(slices.Clone(scenario.MetricNames), scenario.OutcomeMetricNames...)
	for _, m := range MetricsWith(nil, Optional{Commitment: true, Outcome: true}) {
		if !slices.Contains(known, m.Name) {
			t.Errorf("metric %s is not in scenario.MetricNames or OutcomeMetricNames", m.Name)
		}
	}
}
