package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/connact/connact/sim/plot"
)

// TestParamLabel: swept fields are named in words, with the unit and the
// organisation or frame; the sweep's own label comes first; an unknown
// field keeps its column name.
func TestParamLabel(t *testing.T) {
	ci := &ChartInfo{TimeUnit: "day", Frames: []string{"hashtag", "push"}, Organisations: []string{"union"},
		Events: []EventInfo{{Step: 8, Type: "remove_hubs"}}, Labels: map[string]string{"size": "People"}}
	for _, tc := range []struct{ name, path, want string }{
		{"population_size", "population.size", "Population size"},
		{"size", "population.size", "People"},
		{"population_group_count", "population.group_count", "Number of identity groups"},
		{"frames_0_width", "frames.0.width", "Frame width (hashtag)"},
		{"frames_1_half_life", "frames[1].half_life", "Attention half-life (push, days)"},
		{"frames_0_share", "frames.0.share", "Share probability (hashtag, per day)"},
		{"organisations_0_incentive", "organisations.0.incentive", "Selective incentive (union)"},
		{"organisations_0_cost", "organisations.0.cost", "Participation cost (union, per day)"},
		{"organisations_3_cost", "organisations.3.cost", "Participation cost (per day)"},
		{"population_free_riding_a", "population.free_riding.a", "Free-riding propensity, beta a"},
		{"population_resources_mu", "population.resources.mu", "Initial resources, log-normal μ"},
		{"population_income", "population.income", "Income (per day)"},
		{"population_groups_1_identity_a", "population.groups.1.identity.a", "Identity strength, beta a in group 1"},
		{"network_mean_degree", "network.mean_degree", "Mean degree"},
		{"events_0_step", "events.0.step", "Time of hub removal (days)"},
		{"outputs_cascade_level", "outputs.cascade_level", "outputs_cascade_level"},
		{"frames_0_nope", "frames.0.nope", "frames_0_nope"},
	} {
		if got := ci.ParamLabel(tc.name, tc.path); got != tc.want {
			t.Errorf("%s (%s): %q, want %q", tc.name, tc.path, got, tc.want)
		}
	}
	for _, tc := range []struct{ name, path, v, want string }{
		{"population_size", "population.size", "500", "N = 500"},
		{"population_group_count", "population.group_count", "1", "1 group"},
		{"population_group_count", "population.group_count", "3", "3 groups"},
		{"size", "population.size", "500", "People = 500"},
		{"frames_0_width", "frames.0.width", "0.3", "Frame width = 0.3"},
		{"frames_0_share", "frames.0.share", "0.3", "Share probability = 0.3"},
		{"organisations_0_nope", "organisations.0.nope", "2", "organisations_0_nope = 2"},
	} {
		if got := ci.ShortValue(tc.name, tc.path, tc.v); got != tc.want {
			t.Errorf("ShortValue(%s, %s): %q, want %q", tc.name, tc.v, got, tc.want)
		}
	}
	for _, tc := range []struct{ metric, want string }{
		{"peak_share", "Peak share active"},
		{"peak_step", "Time of peak (days)"},
		{"half_life", "Half-life after peak (days)"},
		{"members_end_union", "Members of union at the end (people)"},
		{"cascade", "Share of runs with a cascade"},
		{"new_metric", "new_metric"},
	} {
		if got := ci.MetricLabel(tc.metric); got != tc.want {
			t.Errorf("MetricLabel(%s): %q, want %q", tc.metric, got, tc.want)
		}
	}
}

// TestReadChartInfo: events are labelled briefly, events at one step share
// a mark, an event whose type the conditions change is an intervention,
// and sweep labels are read by column.
func TestReadChartInfo(t *testing.T) {
	for _, tc := range []struct{ name, yaml, events, labels string }{
		{"events", "name: x\nevents:\n  - {step: 3, type: suppress}\n  - {step: 3, type: remove_hubs}\n  - {step: 9, type: media_shock}\n",
			"[{3 repression, hub removal} {9 media shock}]", "map[]"},
		{"changed by a condition", "name: x\nevents: [{step: 3, type: remove_hubs}]\nconditions:\n  - {name: a, set: {\"events[0].type\": suppress}}\n  - {name: b}\n",
			"[{3 intervention}]", "map[]"},
		{"kept by a condition", "name: x\nevents: [{step: 3, type: remove_hubs}]\nconditions:\n  - {name: a, set: {events.0.type: remove_hubs}}\n",
			"[{3 hub removal}]", "map[]"},
		{"sweep labels", "name: x\nsweep:\n  parameters:\n    - {path: population.size, label: People}\n  zip:\n    - - {path: \"frames[0].width\", name: w, label: Width}\n",
			"[]", "map[population_size:People w:Width]"},
	} {
		path := filepath.Join(t.TempDir(), "scenario.yaml")
		os.WriteFile(path, []byte(tc.yaml), 0o644)
		ci, err := ReadChartInfo(path)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := fmt.Sprint(ci.PlotEvents()); got != tc.events && !(tc.events == "[]" && ci.PlotEvents() == nil) {
			t.Errorf("%s: events %s, want %s", tc.name, got, tc.events)
		}
		if got := fmt.Sprint(ci.Labels); got != tc.labels {
			t.Errorf("%s: labels %s, want %s", tc.name, got, tc.labels)
		}
	}
	// A broken file is an error naming it.
	path := filepath.Join(t.TempDir(), "scenario.yaml")
	os.WriteFile(path, []byte("name: [\n"), 0o644)
	if _, err := ReadChartInfo(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("broken scenario.yaml: %v", err)
	}
}

// shippedRun runs a shipped scenario with 2 replicates into a new folder.
func shippedRun(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	st := loadStudy(t, filepath.Join("..", "..", "scenarios", name+".yaml"), "replicates=2")
	if _, err := WriteRun(context.Background(), st, RunOptions{Dir: dir, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCompareColours: a compared line keeps its colour whatever the order
// of the folders (colours follow names), and a scenario named after a
// mechanism takes its colour.
func TestCompareColours(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the shipped scenarios")
	}
	col, con, hyb := shippedRun(t, "collective"), shippedRun(t, "connective"), shippedRun(t, "hybrid")
	a, err := compareChart([]string{col, con, hyb}, "active_share", "y", "t")
	if err != nil {
		t.Fatal(err)
	}
	b, err := compareChart([]string{hyb, con, col}, "active_share", "y", "t")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		key  string
		slot int
	}{{"collective", 0}, {"connective", 1}, {"hybrid", 2}} {
		if a.Colours[c.key] != c.slot || b.Colours[c.key] != c.slot {
			t.Errorf("%s: slot %d in one order, %d in the other, want %d", c.key, a.Colours[c.key], b.Colours[c.key], c.slot)
		}
	}
	// A mechanism's line takes the colour of its logic: the union of
	// collective.yaml is blue, the hashtag of connective.yaml vermillion,
	// the sponsored frame of hybrid.yaml green.
	for _, c := range []struct {
		dir, logic string
		slot       int
	}{{col, "collective", 0}, {con, "connective", 1}, {hyb, "hybrid", 2}} {
		charts, err := runCharts(context.Background(), c.dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range charts {
			s := ch.chart.Series[len(ch.chart.Series)-1]
			if s.Key != c.logic && s.Label != c.logic || ch.chart.Colours[c.logic] != c.slot {
				t.Errorf("%s/%s: line %q (key %q), %s in slot %d, want %d", filepath.Base(c.dir), ch.file, s.Label, s.Key, c.logic, ch.chart.Colours[c.logic], c.slot)
			}
		}
	}
	// And the layout of the compare chart and of every run chart.
	for _, dir := range []string{col, con, hyb, shippedRun(t, "comparison")} {
		charts, err := runCharts(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range charts {
			checkLayout(t, filepath.Base(dir)+"/"+c.file, c.chart)
		}
	}
	checkLayout(t, "compare", a)
}

func checkLayout(t *testing.T, name string, fig any) {
	t.Helper()
	problems, err := plot.CheckLayout(fig)
	if err != nil {
		t.Errorf("%s: %v", name, err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", name, p)
	}
}

// TestRunChartsLabels: run charts say what they show, mark the events,
// and give a name the same colour in each.
func TestRunChartsLabels(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "small")
	writeRun(t, dir, 2)
	charts, err := runCharts(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"participation": "Share of the population active over time",
		"cumulative":    "Share of the population who ever took part",
		"members":       "Share of the population in an organisation",
	}
	for _, c := range charts {
		if c.chart.Title != want[c.file] {
			t.Errorf("%s: title %q, want %q", c.file, c.chart.Title, want[c.file])
		}
		if got := fmt.Sprint(c.chart.Events); got != "[{4 media shock} {6 cost change} {8 hub removal} {9 random removal} {10 new seeds} {12 repression}]" {
			t.Errorf("%s: events %s", c.file, got)
		}
		if fmt.Sprint(c.chart.Colours) != fmt.Sprint(charts[0].chart.Colours) {
			t.Errorf("%s: colours %v, participation %v", c.file, c.chart.Colours, charts[0].chart.Colours)
		}
		checkLayout(t, c.file, c.chart)
	}
}

// TestActionsChart: a run with actions gets actions.* (the share doing
// each action, a panel per condition, actions no one did in a condition
// left out of its panel), laid out cleanly, on the shipped scenarios with
// actions; a run without actions gets none.
func TestActionsChart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the shipped scenarios with actions")
	}
	for _, name := range []string{"communities/repertoire", "communities/diverse-roles", "classics/kristofferson-slacktivism"} {
		dir := shippedRun(t, name)
		f, ok, err := actionsChart(context.Background(), dir)
		if err != nil || !ok {
			t.Fatalf("%s: no actions chart (%v)", name, err)
		}
		st := loadStudy(t, filepath.Join("..", "..", "scenarios", name+".yaml"))
		if len(f.Panels) != len(st.Conditions) {
			t.Errorf("%s: %d panels for %d conditions", name, len(f.Panels), len(st.Conditions))
		}
		checkLayout(t, name+"/actions", f)
		files, err := DrawRun(dir, dir, []string{"svg"})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(files, filepath.Join(dir, ActionsChart+".svg")) {
			t.Errorf("%s: DrawRun wrote %v, no actions.svg", name, files)
		}
	}
	// repertoire's clicks-only condition: sign and share only.
	f, _, _ := actionsChart(context.Background(), shippedRun(t, "communities/repertoire"))
	var got []string
	for _, s := range f.Panels[2].Series {
		got = append(got, s.Label)
	}
	if fmt.Sprint(got) != "[sign share]" {
		t.Errorf("clicks-only panel draws %v, want [sign share]", got)
	}
	if _, ok, _ := actionsChart(context.Background(), shippedRun(t, "connective")); ok {
		t.Error("a run without actions has an actions chart")
	}
}
