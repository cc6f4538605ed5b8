package output

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/connact/connact/sim/observable"
	"github.com/connact/connact/sim/plot"
	"github.com/connact/connact/sim/scenario"
)

// ChartInfo is what the charts of a run or sweep folder take from its
// scenario.yaml (the resolved scenario): names, the time unit, the events
// to mark on time plots and the labels of swept parameters.
type ChartInfo struct {
	Scenario      string
	TimeUnit      string // "day" by default
	Frames        []string
	Organisations []string
	Events        []EventInfo
	// Logic of each organisation and frame, by name: collective (an
	// organisation), connective (a frame) or hybrid (a frame an
	// organisation sponsors), so that a mechanism's line takes the colour
	// of its logic.
	Logic map[string]string
	// Labels of sweep parameters given in the scenario, by column name.
	Labels map[string]string
}

// EventInfo is one event of the scenario.
type EventInfo struct {
	Step int
	Type string
}

// ReadChartInfo reads the scenario.yaml at path. A file that cannot be
// read or parsed is an error naming it.
func ReadChartInfo(path string) (*ChartInfo, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	type named struct {
		Name    string `yaml:"name"`
		Sponsor string `yaml:"sponsor"`
	}
	type param struct {
		Path  string `yaml:"path"`
		Name  string `yaml:"name"`
		Label string `yaml:"label"`
	}
	var sc struct {
		Name          string      `yaml:"name"`
		TimeUnit      string      `yaml:"time_unit"`
		Frames        []named     `yaml:"frames"`
		Organisations []named     `yaml:"organisations"`
		Events        []EventInfo `yaml:"events"`
		Conditions    []struct {
			Set map[string]yaml.Node `yaml:"set"`
		} `yaml:"conditions"`
		Sweep *struct {
			Parameters []param   `yaml:"parameters"`
			Zip        [][]param `yaml:"zip"`
		} `yaml:"sweep"`
	}
	if err := yaml.Unmarshal(b, &sc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	ci := &ChartInfo{Scenario: sc.Name, TimeUnit: strings.TrimSpace(sc.TimeUnit), Events: sc.Events, Labels: map[string]string{}, Logic: map[string]string{}}
	if ci.TimeUnit == "" {
		ci.TimeUnit = "day"
	}
	// A condition that changes an event's type makes it an intervention
	// of several kinds, labelled as such.
	for _, c := range sc.Conditions {
		for k, v := range c.Set {
			p := strings.Split(indexRE.ReplaceAllString(k, ".$1"), ".")
			if len(p) != 3 || p[0] != "events" || p[2] != "type" {
				continue
			}
			if i, err := strconv.Atoi(p[1]); err == nil && i >= 0 && i < len(ci.Events) && v.Value != ci.Events[i].Type {
				ci.Events[i].Type = "intervention"
			}
		}
	}
	for _, o := range sc.Organisations {
		ci.Organisations = append(ci.Organisations, o.Name)
		ci.Logic[o.Name] = "collective"
	}
	for _, f := range sc.Frames {
		ci.Frames = append(ci.Frames, f.Name)
		ci.Logic[f.Name] = "connective" // sponsor: crowd, or none
		if slices.Contains(ci.Organisations, f.Sponsor) {
			ci.Logic[f.Name] = "hybrid"
		}
	}
	if sw := sc.Sweep; sw != nil {
		ps := sw.Parameters
		for _, z := range sw.Zip {
			ps = append(ps, z...)
		}
		for _, p := range ps {
			name := p.Name
			if name == "" {
				name = scenario.ColumnName(p.Path)
			}
			if p.Label != "" {
				ci.Labels[name] = p.Label
			}
		}
	}
	return ci, nil
}

// Units returns the plural time unit, "days" for "day".
func (ci *ChartInfo) Units() string {
	u := ci.TimeUnit
	if !strings.HasSuffix(u, "s") {
		u += "s"
	}
	return u
}

// eventNames are the short labels of event types on time plots.
var eventNames = map[string]string{
	"suppress":         "repression",
	"remove_hubs":      "hub removal",
	"remove_random":    "random removal",
	"remove_periphery": "periphery removal",
	"set_cost":         "cost change",
	"media_shock":      "media shock",
	"seed_frame":       "new seeds",
	"arrest":           "arrests",
	"throttle":         "throttling",
	"shutdown":         "shutdown",
	"raise_cost":       "cost raised",
	"intervention":     "intervention",
}

// eventName is the short label of an event type.
func eventName(typ string) string {
	if name := eventNames[typ]; name != "" {
		return name
	}
	return strings.ReplaceAll(typ, "_", " ")
}

// PlotEvents returns the scenario's events as chart marks, labelled
// briefly ("repression", "hub removal"); events at the same step share
// one mark, their labels joined.
func (ci *ChartInfo) PlotEvents() []plot.Event {
	var out []plot.Event
	for _, e := range ci.Events {
		name := eventName(e.Type)
		if n := len(out); n > 0 && out[n-1].X == float64(e.Step) {
			if !strings.Contains(out[n-1].Label, name) {
				out[n-1].Label += ", " + name
			}
			continue
		}
		out = append(out, plot.Event{X: float64(e.Step), Label: name})
	}
	return out
}

// Built-in labels of swept fields. {unit} in a label is the time unit,
// {units} its plural. Organisation and frame fields name the mechanism,
// first within the parentheses: "Participation cost (union, per day)".
var (
	topLabels = map[string]string{
		"steps":                      "Steps",
		"replicates":                 "Replicates",
		"seed":                       "Seed",
		"population.size":            "Population size",
		"population.group_count":     "Number of identity groups",
		"population.centre_spread":   "Spread of group centres",
		"population.position_spread": "Spread of positions within groups",
		"network.mean_degree":        "Mean degree",
		"network.rewire":             "Rewiring probability",
		"network.attach":             "Edges per new node",
		"network.homophily":          "Homophily",
		"decision.identity":          "Weight of identity (β_id)",
		"decision.social":            "Weight of social influence (β_soc)",
		"decision.incentive":         "Weight of incentives (β_inc)",
		"decision.cost":              "Weight of cost (β_cost)",
		"decision.free_riding":       "Weight of free riding (β_fr)",
		"decision.temperature":       "Decision temperature",
		"decision.efficacy_ref":      "Efficacy reference",
		"decision.efficacy_exponent": "Efficacy exponent",
		"decision.active_steps":      "Steps active per decision",
		"decision.attention_floor":   "Attention floor",
		"background.rate":            "Background awareness rate (per {unit})",
	}
	// Distributions of agents' attributes (population.X or
	// population.groups.N.X), with the distribution's parameter after.
	distLabels = map[string]string{
		"identity":    "Identity strength",
		"resources":   "Initial resources",
		"income":      "Income (per {unit})",
		"cap":         "Resource cap",
		"free_riding": "Free-riding propensity",
		"threshold":   "Threshold",
	}
	distParams = map[string]string{
		"a": "beta a", "b": "beta b", "mu": "log-normal μ", "sigma": "log-normal σ",
		"mean": "mean", "sd": "SD", "min": "minimum", "max": "maximum",
	}
	orgLabels = map[string]string{
		"position":     "Position",
		"tolerance":    "Tolerance",
		"budget":       "Starting budget",
		"income":       "Budget income (per {unit})",
		"dues":         "Dues (per member per {unit})",
		"contact_cost": "Cost per contact",
		"reach":        "Contacts (per {unit})",
		"incentive":    "Selective incentive",
		"brokerage":    "Share of contacts through members",
		"cost":         "Participation cost (per {unit})",
		"half_life":    "Attention half-life ({units})",
		"start":        "Start time ({units})",
	}
	frameLabels = map[string]string{
		"seeds":      "Seeds",
		"seed_share": "Seed share",
		"start":      "Start time ({units})",
		"aware":      "Share aware at start",
		"centre":     "Frame centre",
		"share":      "Share probability (per {unit})",
		"width":      "Frame width",
		"cost":       "Participation cost (per {unit})",
		"half_life":  "Attention half-life ({units})",
		"amplify":    "Amplification (contacts per {unit})",
	}
)

var indexRE = regexp.MustCompile(`\[(\d+)\]`)

// ParamLabel returns the chart label of the swept parameter with column
// name and field path: the sweep's own label, else a built-in label with
// the unit and the organisation or frame named ("Selective incentive
// (union)", "Frame width (hashtag)", "Free-riding propensity (beta a)"),
// else the column name.
func (ci *ChartInfo) ParamLabel(name, path string) string {
	if l := ci.Labels[name]; l != "" {
		return l
	}
	if l := ci.builtin(path); l != "" {
		return l
	}
	return name
}

func (ci *ChartInfo) builtin(path string) string {
	p := strings.Split(indexRE.ReplaceAllString(path, ".$1"), ".")
	unit := func(l string) string {
		return strings.NewReplacer("{units}", ci.Units(), "{unit}", strings.TrimSuffix(ci.Units(), "s")).Replace(l)
	}
	if l, ok := topLabels[strings.Join(p, ".")]; ok {
		return unit(l)
	}
	if len(p) >= 2 && p[0] == "population" {
		rest, group := p[1:], ""
		if len(rest) >= 3 && rest[0] == "groups" {
			group, rest = " in group "+rest[1], rest[2:]
		}
		if l, ok := distLabels[rest[0]]; ok {
			l = unit(l)
			if len(rest) == 2 && rest[1] != "value" {
				dp := distParams[rest[1]]
				if dp == "" {
					dp = rest[1]
				}
				l += ", " + dp
			}
			return l + group
		}
	}
	if len(p) == 3 {
		k, err := strconv.Atoi(p[1])
		if err != nil {
			return ""
		}
		if p[0] == "events" && p[2] == "step" && k >= 0 && k < len(ci.Events) {
			return "Time of " + eventName(ci.Events[k].Type) + " (" + ci.Units() + ")"
		}
		var labels map[string]string
		var names []string
		switch p[0] {
		case "organisations":
			labels, names = orgLabels, ci.Organisations
		case "frames":
			labels, names = frameLabels, ci.Frames
		default:
			return ""
		}
		l, ok := labels[p[2]]
		if !ok {
			return ""
		}
		l = unit(l)
		if k >= 0 && k < len(names) && names[k] != "" {
			if i := strings.Index(l, " ("); i >= 0 && strings.HasSuffix(l, ")") {
				l = l[:i+2] + names[k] + ", " + l[i+2:]
			} else {
				l += " (" + names[k] + ")"
			}
		}
		return l
	}
	return ""
}

// ShortValue returns a parameter at value v for a facet panel title or a
// legend entry: "1 group", "N = 500", the sweep's label = v, else the
// built-in label without its parentheses ("Seeds = 10" for "Seeds
// (hashtag)"; the axis gives the whole label), else the column = v.
func (ci *ChartInfo) ShortValue(name, path, v string) string {
	if l := ci.Labels[name]; l != "" {
		return l + " = " + v
	}
	switch indexRE.ReplaceAllString(path, ".$1") {
	case "population.size":
		return "N = " + v
	case "population.group_count":
		if v == "1" {
			return "1 group"
		}
		return v + " groups"
	}
	l := ci.ParamLabel(name, path)
	if i := strings.Index(l, " ("); i > 0 && strings.HasSuffix(l, ")") {
		l = l[:i]
	}
	return l + " = " + v
}

// MetricLabel returns the chart label of a per-run metric, with its unit
// (observable.Metric.Label): "Peak share active", "Time of peak (days)",
// "Members of union at the end (people)"; an unknown metric is its own
// label.
func (ci *ChartInfo) MetricLabel(metric string) string {
	m, ok := observable.MetricNamed(metric)
	if !ok {
		return metric
	}
	return strings.ReplaceAll(m.Label, "{units}", ci.Units())
}
