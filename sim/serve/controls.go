package serve

import (
	"fmt"
	"strconv"

	"github.com/connact/connact/sim/scenario"
)

// Control is one parameter the page shows as an input. Path is the
// scenario field as --set names it, so that a changed control is sent
// back as the override Path=Value and checked by the scenario package
// exactly as on the command line.
type Control struct {
	Section string   `json:"section"`
	Path    string   `json:"path"`
	Label   string   `json:"label"`
	Kind    string   `json:"kind"` // "int", "float" or "select"
	Value   string   `json:"value"`
	Options []string `json:"options,omitempty"` // for "select"
}

// controls lists the key parameters of a resolved scenario: the run's
// size, the population and its groups (or their number, when the
// scenario makes them), the network, commitment, each
// organisation, frame and event, and background awareness. Fields a
// scenario does not use are left out (a network model's own knobs,
// commitment when the block is absent, an event's unused fields).
func controls(l *scenario.Loaded) []Control {
	s := l.Scenario
	var cs []Control
	add := func(section, path, label, kind, value string, options ...string) {
		cs = append(cs, Control{Section: section, Path: path, Label: label, Kind: kind, Value: value, Options: options})
	}
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	integer := func(n int) string { return strconv.Itoa(n) }

	add("Run", "seed", "Seed", "int", strconv.FormatUint(s.Seed, 10))
	add("Run", "steps", "Steps", "int", integer(s.Steps))
	add("Run", "replicates", "Replicates", "int", integer(s.Replicates))

	p := &s.Population
	add("Population", "population.size", "Population size", "int", integer(p.Size))
	add("Population", "population.position_spread", "Spread of positions", "float", num(p.PositionSpread))
	if l.Given("population.groups") {
		for i, g := range p.Groups {
			at := fmt.Sprintf("population.groups[%d]", i)
			add("Population", at+".share", "Share of "+g.Name, "float", num(g.Share))
			add("Population", at+".centre", "Centre of "+g.Name, "float", num(g.Centre))
		}
	} else {
		// Groups made from group_count: setting one of them would give
		// groups, which group_count (or a sweep over it) then contradicts.
		add("Population", "population.group_count", "Number of groups (0: one)", "int", integer(p.GroupCount))
		add("Population", "population.centre_spread", "Spread of group centres", "float", num(p.CentreSpread))
	}

	nw := &s.Network
	var models []string
	for _, m := range scenario.NetworkModels() {
		models = append(models, string(m))
	}
	add("Network", "network.model", "Model", "select", string(nw.Model), models...)
	if nw.Model != scenario.NetworkFile && nw.Model != scenario.NetworkComplete {
		add("Network", "network.mean_degree", "Mean degree", "float", num(nw.MeanDegree))
	}
	switch nw.Model {
	case scenario.NetworkBlock:
		add("Network", "network.homophily", "Homophily", "float", num(nw.Homophily))
	case scenario.NetworkWattsStrogatz:
		add("Network", "network.rewire", "Rewiring probability", "float", num(nw.Rewire))
	}

	if c := s.Decision.Commitment; c != nil {
		add("Commitment", "decision.commitment.weight", "Weight in the motivation", "float", num(c.Weight))
		add("Commitment", "decision.commitment.decay", "Decay per step", "float", num(c.Decay))
		add("Commitment", "decision.commitment.habit", "Growth by habit", "float", num(c.Habit))
		add("Commitment", "decision.commitment.solidarity", "Growth by solidarity", "float", num(c.Solidarity))
		add("Commitment", "decision.commitment.organisation", "Growth by membership", "float", num(c.Organisation))
	}

	for i, o := range s.Organisations {
		at, sec := fmt.Sprintf("organisations[%d]", i), "Organisation "+o.Name
		add(sec, at+".budget", "Budget", "float", num(o.Budget))
		add(sec, at+".reach", "Reach per step", "int", integer(o.Reach))
		add(sec, at+".dues", "Dues", "float", num(o.Dues))
		add(sec, at+".incentive", "Selective incentive", "float", num(o.Incentive))
		add(sec, at+".tolerance", "Tolerance", "float", num(o.Tolerance))
		add(sec, at+".cost", "Cost of taking part", "float", num(o.Cost))
		add(sec, at+".half_life", "Attention half-life", "float", num(o.HalfLife))
	}
	for i, f := range s.Frames {
		at, sec := fmt.Sprintf("frames[%d]", i), "Frame "+f.Name
		add(sec, at+".seeds", "Seeds", "int", integer(f.Seeds))
		add(sec, at+".share", "Share probability", "float", num(f.Share))
		add(sec, at+".width", "Width (inclusiveness)", "float", num(f.Width))
		add(sec, at+".cost", "Cost of taking part", "float", num(f.Cost))
		add(sec, at+".half_life", "Attention half-life", "float", num(f.HalfLife))
	}
	for i, e := range s.Events {
		at, sec := fmt.Sprintf("events[%d]", i), fmt.Sprintf("Event %d: %s", i+1, e.Type)
		add(sec, at+".step", "Step", "int", integer(e.Step))
		if e.Count != 0 {
			add(sec, at+".count", "Count", "int", integer(e.Count))
		}
		if e.Share != 0 {
			add(sec, at+".share", "Share", "float", num(e.Share))
		}
		if e.Cost != 0 {
			add(sec, at+".cost", "Cost", "float", num(e.Cost))
		}
		if e.Factor != 0 {
			add(sec, at+".factor", "Factor", "float", num(e.Factor))
		}
		if e.Duration != 0 {
			add(sec, at+".duration", "Duration (steps)", "int", integer(e.Duration))
		}
		if e.Backlash != 0 {
			add(sec, at+".backlash", "Backlash", "float", num(e.Backlash))
		}
	}
	if s.Background.Rate != 0 {
		add("Background", "background.rate", "Spontaneous awareness per step", "float", num(s.Background.Rate))
	}
	return cs
}
