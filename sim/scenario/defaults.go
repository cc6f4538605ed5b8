package scenario

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v4"
)

// defaultRule is one row of the defaults table, the only place defaults are
// set. doc.go shows the same table (TestDefaultsDocumented keeps them equal).
type defaultRule struct {
	// Path is the field; "[]" stands for every element of a list, and
	// "*.draw" for every empirical distribution, "*.bounds" for every normal.
	Path string
	// Default is the value as YAML text, or for a computed default the
	// formula shown in the documentation.
	Default string
	// compute, when set, returns the default for the field at index i of
	// its list (i is 0 outside lists), and false when there is none.
	compute func(s *Scenario, i int) (string, bool)
	// ifEmpty applies the rule whenever the list is empty, given or not.
	ifEmpty bool

	once sync.Once
	node *yaml.Node // Default parsed, when compute is nil
}

// defaultRules is the defaults table, in the order the rules apply (a rule
// may read fields set by an earlier one: attach reads mean_degree).
var defaultRules = []*defaultRule{
	{Path: "seed", Default: "1"},
	{Path: "steps", Default: "100"},
	{Path: "replicates", Default: "10"},
	{Path: "time_unit", Default: "day"},
	{Path: "common_random_numbers", Default: "false"},

	{Path: "population.group_count", Default: "0"},
	{Path: "population.centre_spread", Default: "0.5"},
	{Path: "population.groups", Default: "[{name: all}], or g1..gG with group_count G", ifEmpty: true, compute: generatedGroups},
	{Path: "population.groups[].share", Default: "1 if it is the only group; 1/G with group_count G", compute: func(s *Scenario, _ int) (string, bool) {
		if g := s.Population.GroupCount; g > 1 && len(s.Population.Groups) == g {
			return strconv.FormatFloat(1/float64(g), 'g', -1, 64), true
		}
		return "1", len(s.Population.Groups) == 1
	}},
	{Path: "population.groups[].centre", Default: "0.5; with group_count G, evenly spaced over centre_spread around 0.5", compute: generatedCentre},
	{Path: "population.position_spread", Default: "0.15"},
	{Path: "population.identity", Default: "{dist: uniform, min: 0, max: 1}"},
	{Path: "population.resources", Default: "{dist: constant, value: 1}"},
	{Path: "population.income", Default: "{dist: constant, value: 0.1}"},
	{Path: "population.cap", Default: "{dist: constant, value: 2}"},
	{Path: "population.free_riding", Default: "{dist: uniform, min: 0, max: 1}"},
	{Path: "population.threshold", Default: "{dist: uniform, min: 0, max: 1}"},
	{Path: "*.draw", Default: "sample"},
	{Path: "*.bounds", Default: "truncate"},

	{Path: "network.model", Default: string(NetworkErdosRenyi)},
	{Path: "network.mean_degree", Default: "10"},
	{Path: "network.rewire", Default: "0.1"},
	{Path: "network.attach", Default: "max(1, round(mean_degree/2))", compute: func(s *Scenario, _ int) (string, bool) {
		m := math.Round(s.Network.MeanDegree / 2)
		if !(m >= 1) { // also NaN, which validation reports on mean_degree
			m = 1
		}
		return strconv.FormatFloat(min(m, math.MaxInt32), 'f', -1, 64), true
	}},
	{Path: "network.homophily", Default: "0.8"},
	{Path: "network.exponent", Default: "2.5"},
	{Path: "network.min_degree", Default: "2"},

	{Path: "decision.identity", Default: "1"},
	{Path: "decision.social", Default: "1"},
	{Path: "decision.incentive", Default: "1"},
	{Path: "decision.cost", Default: "1"},
	{Path: "decision.free_riding", Default: "1"},
	{Path: "decision.temperature", Default: "0"},
	{Path: "decision.social_mode", Default: string(SocialFractional)},
	{Path: "decision.efficacy_ref", Default: "10"},
	{Path: "decision.efficacy_exponent", Default: "0.5"},
	{Path: "decision.personal_efficacy", Default: string(EfficacyJoint)},
	{Path: "decision.tie_loss", Default: string(TieLossCounts)},
	{Path: "decision.permanent", Default: "false"},
	{Path: "decision.active_steps", Default: "0"},
	{Path: "decision.rejoin", Default: "true"},
	{Path: "decision.attention_floor", Default: "0.01"},

	{Path: "organisations[].position", Default: "0.5"},
	{Path: "organisations[].tolerance", Default: "0.25"},
	{Path: "organisations[].budget", Default: "100"},
	{Path: "organisations[].income", Default: "0"},
	{Path: "organisations[].dues", Default: "0.02"},
	{Path: "organisations[].contact_cost", Default: "0.05"},
	{Path: "organisations[].reach", Default: "100"},
	{Path: "organisations[].incentive", Default: "0.3"},
	{Path: "organisations[].brokerage", Default: "0.7"},
	{Path: "organisations[].cost", Default: "0.1"},
	{Path: "organisations[].half_life", Default: "30"},
	{Path: "organisations[].membership", Default: "true"},
	{Path: "organisations[].start", Default: "0"},
	{Path: "organisations[].members", Default: "0"},
	{Path: "organisations[].incentive_cost", Default: "0"},
	{Path: "organisations[].overhead", Default: "0"},
	{Path: "organisations[].allocation", Default: AllocationIncentivesFirst},
	{Path: "organisations[].churn", Default: "0"},
	{Path: "organisations[].convert", Default: "0"},
	{Path: "organisations[].convert_cost", Default: "0"},

	{Path: "frames[].sponsor", Default: Crowd},
	{Path: "frames[].expression", Default: "personal"},
	{Path: "frames[].seeds", Default: "10"},
	{Path: "frames[].seed_share", Default: "0"},
	{Path: "frames[].seeding", Default: "random"},
	{Path: "frames[].start", Default: "0"},
	{Path: "frames[].aware", Default: "0"},
	{Path: "frames[].centre", Default: "0.5"},
	{Path: "frames[].share", Default: "0.2"},
	{Path: "frames[].width", Default: "0.5"},
	{Path: "frames[].cost", Default: "0.01"},
	{Path: "frames[].half_life", Default: "3"},
	{Path: "frames[].amplify", Default: "0"},
	{Path: "frames[].novelty", Default: "once"},
	{Path: "frames[].novelty_factor", Default: "0.5"},

	{Path: "background.rate", Default: "0"},

	{Path: "outputs.formats", Default: "[svg, png]"},
	{Path: "outputs.cascade_level", Default: "0.1"},
	{Path: "outputs.quantiles", Default: "[0.05, 0.25, 0.5, 0.75, 0.95]"},
}

// generatedGroups is the default list of groups: one group "all", or G
// groups named g1..gG when population.group_count is G (their shares and
// centres come from the rules that follow).
func generatedGroups(s *Scenario, _ int) (string, bool) {
	g := s.Population.GroupCount
	if g <= 0 || g > maxGeneratedGroups {
		return "[{name: all}]", true
	}
	var b strings.Builder
	b.WriteString("[")
	for i := range g {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "{name: g%d}", i+1)
	}
	b.WriteString("]")
	return b.String(), true
}

// generatedCentre spreads the centres of group_count groups evenly over
// centre_spread around 0.5: c_i = 0.5 − spread/2 + i·spread/(G−1).
func generatedCentre(s *Scenario, i int) (string, bool) {
	g := s.Population.GroupCount
	if g <= 1 || len(s.Population.Groups) != g {
		return "0.5", true
	}
	w := s.Population.CentreSpread
	c := 0.5 - w/2 + float64(i)*w/float64(g-1)
	return strconv.FormatFloat(roundSig(c, 12), 'g', -1, 64), true
}

// roundSig rounds x to n significant digits, so that computed values read
// as they would be written (0.3, not 0.30000000000000004).
func roundSig(x float64, n int) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', n, 64), 64)
	return v
}

// applyDefaults sets every field that was not given (has no recorded
// position) to its default, overwriting what is there: an absent field only
// ever holds a default, so applying the table again after an override
// recomputes the defaults that depend on other fields (attach follows a new
// mean_degree). A field given in the file or by --set keeps its value, even
// 0; a key with a null or empty value counts as not given.
func (l *Loaded) applyDefaults() {
	s := l.Scenario
	if l.touches("fit") {
		l.fitDefaults() // not in the table: like the sweep's, a section's own
	}
	for _, r := range defaultRules {
		if !l.touches(r.top()) && !(strings.HasPrefix(r.Path, "*.") && l.touches("actions")) {
			continue // unchanged since the defaults were applied
		}
		if r.Path == "*.draw" {
			for _, d := range distsOf(s) {
				if d.dist.Kind.takes("draw") && !l.has(childPath(d.path, "draw")) {
					d.dist.Draw = r.Default
				}
			}
			continue
		}
		if r.Path == "*.bounds" {
			for _, d := range distsOf(s) {
				if d.dist.Kind.takes("bounds") && !l.has(childPath(d.path, "bounds")) {
					d.dist.Bounds = r.Default
				}
			}
			continue
		}
		list, field, inList := strings.Cut(r.Path, "[]")
		if !inList {
			r.apply(l, r.Path, 0)
			continue
		}
		n := lookup(s, list).Len()
		for i := range n {
			r.apply(l, indexPath(list, i)+field, i)
		}
	}
	// Not in the table, whose paths cannot pass through a block that may
	// be absent: outputs.agents, when given, is written as CSV.
	if a := s.Outputs.Agents; a != nil && !l.has("outputs.agents.format") {
		a.Format = AgentsCSV
	}
	if a := s.Network.Audience; a != nil && l.touches("network") {
		l.audienceDefaults(a)
	}
}

// audienceDefaults applies the table's network rules to network.audience,
// a block that may be absent: its fields default as the network's do,
// each under its own path, and a computed default (attach) is computed
// from the audience's fields, through a scenario whose network is the
// audience as far as it is filled in.
func (l *Loaded) audienceDefaults(a *Network) {
	view := &Scenario{}
	for _, r := range defaultRules {
		key, ok := strings.CutPrefix(r.Path, "network.")
		if !ok {
			continue
		}
		view.Network = *a
		r.applyOver(l, view, "network.audience."+key, 0)
	}
}

// top is the top-level key of the rule's field (population for the
// distributions' *.draw and *.bounds).
func (r *defaultRule) top() string {
	if strings.HasPrefix(r.Path, "*.") {
		return "population"
	}
	return topKey(r.Path)
}

func (r *defaultRule) apply(l *Loaded, path string, i int) { r.applyOver(l, l.Scenario, path, i) }

// applyOver is apply with a computed default computed from s.
func (r *defaultRule) applyOver(l *Loaded, s *Scenario, path string, i int) {
	v := lookup(l.Scenario, path)
	if r.ifEmpty {
		// An empty list takes the default even when given; a list that was
		// not given is recomputed (the groups follow group_count).
		if v.Len() > 0 && l.has(path) {
			return
		}
	} else if l.has(path) {
		return
	}
	var n *yaml.Node
	if r.compute != nil {
		text, ok := r.compute(s, i)
		if !ok {
			return
		}
		n = mustParse(text)
	} else {
		r.once.Do(func() { r.node = mustParse(r.Default) })
		n = r.node
	}
	errs := &errorSet{}
	newDecoder("defaults", nil, errs).field(n, v, path)
	if err := errs.err(); err != nil {
		panic(fmt.Sprintf("scenario: bad default for %s: %v", path, err))
	}
}

func mustParse(text string) *yaml.Node {
	n, err := parseDocument("defaults", []byte(text))
	if err != nil {
		panic(fmt.Sprintf("scenario: bad default %q: %v", text, err))
	}
	return n
}

// lookup returns the field at a path that is known to exist; it panics
// otherwise (a programming error).
func lookup(s *Scenario, path string) reflect.Value {
	segs, err := parseSetPath(path)
	if err != nil {
		panic(err)
	}
	v, _, msg := navigate(reflect.ValueOf(s).Elem(), segs, false)
	if msg != "" {
		panic("scenario: " + path + ": " + msg)
	}
	return v
}

// distAt is one attribute distribution of a scenario and its path.
type distAt struct {
	path  string
	dist  *Dist
	attr  string // yaml key of the attribute, e.g. threshold
	group bool   // a group's override
}

// distsOf lists the population's distributions and the groups'
// overrides, then the actions' skills.
func distsOf(s *Scenario) []distAt {
	p := &s.Population
	out := []distAt{
		{"population.identity", &p.Identity, "identity", false},
		{"population.resources", &p.Resources, "resources", false},
		{"population.income", &p.Income, "income", false},
		{"population.cap", &p.Cap, "cap", false},
		{"population.free_riding", &p.FreeRiding, "free_riding", false},
		{"population.threshold", &p.Threshold, "threshold", false},
	}
	for i := range p.Groups {
		g := &p.Groups[i]
		base := indexPath("population.groups", i)
		for _, d := range []distAt{
			{"identity", g.Identity, "identity", true},
			{"resources", g.Resources, "resources", true},
			{"income", g.Income, "income", true},
			{"cap", g.Cap, "cap", true},
			{"free_riding", g.FreeRiding, "free_riding", true},
			{"threshold", g.Threshold, "threshold", true},
		} {
			if d.dist != nil {
				d.path = childPath(base, d.path)
				out = append(out, d)
			}
		}
	}
	for a := range s.Actions {
		x := &s.Actions[a]
		base := indexPath("actions", a)
		if x.Skill != nil {
			out = append(out, distAt{childPath(base, "skill"), x.Skill, "skill", false})
		}
		for g := range x.Skills {
			out = append(out, distAt{indexPath(childPath(base, "skills"), g), &x.Skills[g], "skill", true})
		}
	}
	return out
}

// Defaults fills the defaults of a scenario built in Go rather than read
// from YAML. With no positions to tell "given" from "absent", a field at its
// zero value counts as absent: use Parse when an explicit 0 must be kept.
func Defaults(s *Scenario) {
	l := &Loaded{Scenario: s, pos: newPosTable(presentNonZero(s))}
	l.applyDefaults()
}

// presentNonZero records every non-zero field of s (and its parents) as
// given, with no position.
func presentNonZero(s *Scenario) map[string]Pos {
	pos := map[string]Pos{"": {}}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		if v.IsZero() {
			return
		}
		pos[path] = Pos{}
		switch v.Kind() {
		case reflect.Pointer:
			walk(v.Elem(), path)
		case reflect.Struct:
			info := infoOf(v.Type())
			for _, key := range info.keys {
				walk(v.Field(info.index[key]), childPath(path, key))
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), indexPath(path, i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				pos[mapKeyPath(path, k.String())] = Pos{}
			}
		}
	}
	walk(reflect.ValueOf(s).Elem(), "")
	return pos
}
