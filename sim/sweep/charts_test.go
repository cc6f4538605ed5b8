package sweep

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/connact/connact/sim/plot"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// chartSweep runs testdata/small.yaml, with its text edited by edit, into
// a new folder and returns it.
func chartSweep(t *testing.T, edit func(string) string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(src, []byte(edit(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := scenario.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewSweepStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "sweep")
	if _, err := Run(context.Background(), st, Options{Dir: dir, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func same(s string) string { return s }

// TestDrawSweepOptionErrors: a name the sweep does not have is an error
// naming the option and listing the parameters (--x population_siz was a
// panic, index out of range [-1]), and nothing is drawn.
func TestDrawSweepOptionErrors(t *testing.T) {
	dir := chartSweep(t, same)
	params := "(the sweep has: population_size, frames_0_share, organisations_0_reach)"
	z := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		name string
		o    ChartOptions
		want string
	}{
		{"x misspelt", ChartOptions{X: "population_siz"}, "-x population_siz: no such parameter " + params},
		{"y misspelt", ChartOptions{Y: "frames_0_shar"}, "-y frames_0_shar: no such parameter " + params},
		{"y misspelt with x", ChartOptions{X: "population_size", Y: "nope"}, "-y nope: no such parameter " + params},
		{"lines misspelt", ChartOptions{Lines: "reach"}, "-lines reach: no such parameter " + params},
		{"facet misspelt", ChartOptions{Facet: "population"}, "-facet population: no such parameter " + params},
		{"metric unknown", ChartOptions{Metric: "peak"}, "-metric peak: no such metric in points.csv (allowed: peak_share, peak_step, "},
		{"zmin not below zmax", ChartOptions{ZMin: z(0.5), ZMax: z(0.5)}, "-zmax must be greater than -zmin, got -zmin 0.5 -zmax 0.5"},
		{"zmax not finite", ChartOptions{ZMax: z(posInf())}, "-zmax must be a finite number, got +Inf"},
	} {
		dst := t.TempDir()
		files, err := DrawSweep(dir, dst, []string{"svg"}, tc.o)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
		if left, _ := os.ReadDir(dst); len(files) > 0 || len(left) > 0 {
			t.Errorf("%s: drew %v, left %d files", tc.name, files, len(left))
		}
	}
}

func posInf() float64 { var zero float64; return 1 / zero }

// charts returns the charts of a sweep folder by file name.
func charts(t *testing.T, dir string, o ChartOptions) map[string]any {
	t.Helper()
	c, err := sweepDrawings(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for _, d := range c.drawings {
		out[d.base] = d.chart
	}
	return out
}

// TestSweepChartLabels: axes, titles and legends are in words, from the
// sweep's label when it gives one, else a built-in label for the field;
// x is labelled at the design values, with a marker at each point.
func TestSweepChartLabels(t *testing.T) {
	dir := chartSweep(t, func(s string) string {
		return strings.Replace(s, "{path: population.size, values", `{path: population.size, label: "People in the town", values`, 1)
	})
	cs := charts(t, dir, ChartOptions{X: "frames_0_share", Y: "population_size"})
	ch, ok := cs["sweep_peak_share"].(plot.Chart)
	if !ok {
		t.Fatalf("no sweep_peak_share chart among %v", slices.Sorted(mapKeys(cs)))
	}
	for _, c := range []struct{ what, got, want string }{
		{"metric chart title", ch.Title, "Peak share active by share probability (tag, per day)"},
		{"metric chart x label", ch.XLabel, "Share probability (tag, per day)"},
		{"metric chart y label", ch.YLabel, "Peak share active (mean, 95% CI)"},
		{"metric chart legend", ch.Series[0].Label, "collective, People in the town = 200"},
		{"metric chart x ticks", fmt.Sprint(ch.XTicks), "[0.1 0.2 0.4]"},
		{"metric chart markers", fmt.Sprint(ch.Markers), "true"},
		{"note within a unit", withNote("Time of peak (days)", "mean, 95% CI"), "Time of peak (days; mean, 95% CI)"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
	h := cs["heatmap_peak_share_connective"].(plot.Heatmap)
	if h.Title != "Peak share active (connective), mean over the other parameters" || h.XLabel != "Share probability (tag, per day)" || h.YLabel != "People in the town" || h.ZLabel != "Peak share active" {
		t.Errorf("heatmap labels: title %q, x %q, y %q, z %q", h.Title, h.XLabel, h.YLabel, h.ZLabel)
	}
	f := charts(t, dir, ChartOptions{X: "frames_0_share", Facet: "population_size"})["sweep_peak_share_by_population_size"].(plot.Facets)
	var titles []string
	for _, p := range f.Panels {
		titles = append(titles, p.Title)
	}
	if got := strings.Join(titles, "; "); got != "People in the town = 200; People in the town = 300" {
		t.Errorf("facet panel titles: %s", got)
	}
	// Without the label, the built-in one; panel titles short.
	plain := chartSweep(t, same)
	p := charts(t, plain, ChartOptions{})["participation"].(plot.Facets)
	if got := p.Panels[0].Title; got != "N = 200, Share probability = 0.1, Contacts = 10" {
		t.Errorf("participation panel title: %q", got)
	}
	if p.Title != "Share of the population active over time" || p.Panels[0].XLabel != "Time (days)" {
		t.Errorf("participation: title %q, x label %q", p.Title, p.Panels[0].XLabel)
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestSweepHeatmapSharedRange: the heatmaps of the conditions share one
// colour range, the lowest to the highest value of both; -zmin and -zmax
// fix either end.
func TestSweepHeatmapSharedRange(t *testing.T) {
	dir := chartSweep(t, same)
	z := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		name       string
		o          ChartOptions
		fixLo, fix bool
		lo, hi     float64
	}{
		{"shared", ChartOptions{}, false, false, 0, 0},
		{"zmin", ChartOptions{ZMin: z(-1)}, true, false, -1, 0},
		{"zmin and zmax", ChartOptions{ZMin: z(-1), ZMax: z(2)}, true, true, -1, 2},
	} {
		cs := charts(t, dir, tc.o)
		a := cs["heatmap_peak_share_collective"].(plot.Heatmap)
		b := cs["heatmap_peak_share_connective"].(plot.Heatmap)
		lo, hi := plot.SharedRange(plot.Heatmap{Values: a.Values}, plot.Heatmap{Values: b.Values})
		if own, _ := plot.SharedRange(plot.Heatmap{Values: a.Values}); own == lo {
			if own2, _ := plot.SharedRange(plot.Heatmap{Values: b.Values}); own2 == lo {
				t.Fatalf("%s: the two conditions have the same lowest value, so the test cannot tell a shared range", tc.name)
			}
		}
		if tc.fixLo {
			lo = tc.lo
		}
		if tc.fix {
			hi = tc.hi
		}
		for _, m := range []plot.Heatmap{a, b} {
			if m.ZMin != lo || m.ZMax != hi {
				t.Errorf("%s: %s on [%v, %v], want [%v, %v]", tc.name, m.Title, m.ZMin, m.ZMax, lo, hi)
			}
		}
	}
}

// TestSweepPages: small multiples of more than 20 panels are split into
// pages of at most 20, NAME_p1, NAME_p2, ..., all with the same y range;
// 20 or fewer stay one file named NAME.
func TestSweepPages(t *testing.T) {
	for _, tc := range []struct {
		panels int
		want   []string
		sizes  []int
	}{
		{20, []string{"participation"}, []int{20}},
		{21, []string{"participation_p1", "participation_p2"}, []int{20, 1}},
		{45, []string{"participation_p1", "participation_p2", "participation_p3"}, []int{20, 20, 5}},
	} {
		f := plot.Facets{Title: "t"}
		for i := range tc.panels {
			f.Panels = append(f.Panels, plot.Chart{Title: fmt.Sprint(i), Series: []plot.Series{{Label: "a", X: []float64{0, 1}, Mean: []float64{0, float64(i)}}}})
		}
		c := &sweepCharts{}
		c.addFacets("participation", f)
		var names []string
		var sizes []int
		ylo := map[float64]bool{}
		for _, d := range c.drawings {
			names = append(names, d.base)
			p := d.chart.(plot.Facets)
			sizes = append(sizes, len(p.Panels))
			ylo[p.Panels[0].YMax] = true
		}
		if !slices.Equal(names, tc.want) || !slices.Equal(sizes, tc.sizes) {
			t.Errorf("%d panels: pages %v of %v panels, want %v of %v", tc.panels, names, sizes, tc.want, tc.sizes)
		}
		if len(names) > 1 && len(ylo) != 1 {
			t.Errorf("%d panels: pages on different y ranges %v", tc.panels, ylo)
		}
	}
}

// TestSweepEvents: the scenario's events are marked on the participation
// charts, briefly labelled, and a swept event step moves its mark.
func TestSweepEvents(t *testing.T) {
	dir := chartSweep(t, func(s string) string {
		s = strings.Replace(s, "outputs:", "events:\n  - {step: 5, type: suppress, organisations: [union]}\n  - {step: 9, type: media_shock, share: 0.1, mechanism: tag}\noutputs:", 1)
		return strings.Replace(s, "  parameters:\n    - {path: population.size, values: [200, 300]}", "  parameters:\n    - {path: population.size, values: [200, 300]}\n    - {path: events.1.step, values: [9, 12]}", 1)
	})
	p := charts(t, dir, ChartOptions{})["participation"].(plot.Facets)
	seen := map[string]bool{}
	for _, panel := range p.Panels {
		seen[fmt.Sprint(panel.Title, " → ", panel.Events)] = true
	}
	for _, want := range []string{
		"N = 200, Time of media shock = 9, Share probability = 0.1, Contacts = 10 → [{5 repression} {9 media shock}]",
		"N = 200, Time of media shock = 12, Share probability = 0.1, Contacts = 10 → [{5 repression} {12 media shock}]",
	} {
		if !seen[want] {
			t.Errorf("no panel %s among:\n%s", want, strings.Join(slices.Sorted(mapKeys(seen)), "\n"))
		}
	}
}

// TestSweepColours: a line has the same colour, dash and marker in every
// chart of the folder: the conditions' lines of the participation panels
// and of the metric facets take the mechanisms' slots (collective blue,
// connective vermillion), and conditions × parameter values read apart.
func TestSweepColours(t *testing.T) {
	dir := chartSweep(t, same)
	// Lines the facet parameter: one line per condition in each panel.
	cs := charts(t, dir, ChartOptions{Facet: "population_size", Lines: "population_size"})
	p := cs["participation"].(plot.Facets)
	f := cs["sweep_peak_share_by_population_size"].(plot.Facets)
	if p.Colours["collective"] != 0 || p.Colours["connective"] != 1 {
		t.Errorf("participation colours %v: collective and connective not in slots 0 and 1", p.Colours)
	}
	if f.Colours["collective"] != p.Colours["collective"] || f.Colours["connective"] != p.Colours["connective"] {
		t.Errorf("metric facets colours %v differ from participation %v", f.Colours, p.Colours)
	}
	// One line: the condition's colour (of a sweep with one condition).
	one := chartSweep(t, func(s string) string {
		return strings.Replace(s, "  - {name: collective, mechanisms: [union]}\n", "", 1)
	})
	if ch := charts(t, one, ChartOptions{X: "population_size", Lines: "population_size"})["sweep_peak_share"].(plot.Chart); len(ch.Series) != 1 || ch.Colours[ch.Series[0].Key] != ch.Colours["connective"] || ch.Series[0].Key != "connective" {
		t.Errorf("one line: series %q key %q, colours %v", ch.Series[0].Label, ch.Series[0].Key, ch.Colours)
	}
	ch := charts(t, dir, ChartOptions{X: "population_size", Lines: "frames_0_share"})["sweep_peak_share"].(plot.Chart)
	// Three values: colour by condition, dash by value (slot + 7·value).
	for _, c := range []struct {
		key  string
		slot int
	}{{"collective, Share probability = 0.1", 0}, {"collective, Share probability = 0.4", 14}, {"connective, Share probability = 0.2", 8}} {
		if got, ok := ch.Colours[c.key]; !ok || got != c.slot {
			t.Errorf("metric chart: %q in slot %d (present %v), want %d; map %v", c.key, got, ok, c.slot, ch.Colours)
		}
	}
}

// TestSweepChartsLayout runs the layout checker on every chart DrawSweep
// draws for a sweep of two conditions (participation panels, metric
// chart, facets, heatmaps).
func TestSweepChartsLayout(t *testing.T) {
	dir := chartSweep(t, same)
	for _, o := range []ChartOptions{{}, {X: "frames_0_share", Lines: "population_size"}, {Facet: "population_size"}} {
		for name, ch := range charts(t, dir, o) {
			problems, err := plot.CheckLayout(ch)
			if err != nil {
				t.Errorf("%+v %s: %v", o, name, err)
			}
			for _, p := range problems {
				t.Errorf("%+v %s: %s", o, name, p)
			}
		}
	}
}

// TestShippedSweepChartsLayout runs the layout checker on every chart of
// the shipped sweeps of scenarios/sweeps/ and scenarios/contrasts/ (2
// replicates instead of the shipped ones), with the plot options of
// results/examples/make.sh.
func TestShippedSweepChartsLayout(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the shipped sweeps")
	}
	for _, tc := range []struct {
		name string
		opts []ChartOptions
	}{
		{"group-size-diversity", []ChartOptions{{}, {X: "population_size", Facet: "population_group_count"}}},
		{"olson-cost-incentive", []ChartOptions{{}}},
		{"speed-sustainability", []ChartOptions{{}, {Facet: "frames_0_half_life"}}},
		{"../contrasts/speed-sustainability", []ChartOptions{{}}},
		{"../contrasts/distributed-power", []ChartOptions{{}}},
		{"../contrasts/diversity", []ChartOptions{{Metric: "group_entropy", X: "population_centre_spread", Facet: "population_group_count"}}},
		{"../contrasts/free-riding", []ChartOptions{{X: "population_free_riding_a", Facet: "organisations_0_incentive"}}},
		{"../contrasts/resources", []ChartOptions{{X: "population_income", Facet: "population_resources_mu"}}},
		{"../contrasts/identity", []ChartOptions{{X: "population_identity_a", Facet: "organisations_0_incentive"}}},
		{"../contrasts/hybrid", []ChartOptions{{}}},
	} {
		l, err := scenario.LoadWithSet(filepath.Join("..", "..", "scenarios", "sweeps", tc.name+".yaml"), []string{"replicates=2"})
		if err != nil {
			t.Fatal(err)
		}
		st, err := runner.NewSweepStudy(l)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), filepath.Base(tc.name))
		if _, err := Run(context.Background(), st, Options{Dir: dir, Workers: 2}); err != nil {
			t.Fatal(err)
		}
		for _, o := range tc.opts {
			for name, ch := range charts(t, dir, o) {
				problems, err := plot.CheckLayout(ch)
				if err != nil {
					t.Errorf("%s %+v %s: %v", tc.name, o, name, err)
				}
				for _, p := range problems {
					t.Errorf("%s %+v %s: %s", tc.name, o, name, p)
				}
			}
		}
	}
}
