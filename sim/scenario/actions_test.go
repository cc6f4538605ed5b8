package scenario

import (
	"strings"
	"testing"
)

// TestActionErrors: every rule of actions and of the outcome's combination
// is refused with the file, line, column and field, and a message that
// says what to do.
func TestActionErrors(t *testing.T) {
	const head = "name: x\npopulation: {size: 100, groups: [{name: a, share: 0.5}, {name: b, share: 0.5}]}\nframes: [{name: f}]\n"
	for _, tc := range []struct{ name, yaml, want string }{
		{"no name", "actions: [{cost: 1}]\n", `s.yaml:4:11: actions[0].name: required`},
		{"duplicate name", "actions: [{name: m}, {name: m}]\n", `s.yaml:4:29: actions[1].name: duplicate action name "m" (also actions[0].name)`},
		{"unknown key", "actions: [{name: m, costs: 1}]\n", `s.yaml:4:21: actions[0]: unknown key "costs" (did you mean "cost"?)`},
		{"negative cost", "actions: [{name: m, cost: -1}]\n", `s.yaml:4:27: actions[0].cost: -1 is out of range (allowed: >= 0)`},
		{"negative effort", "actions: [{name: m, effort: -0.1}]\n", `s.yaml:4:29: actions[0].effort: -0.1 is out of range (allowed: >= 0)`},
		{"misspelt effect", "actions: [{name: m, effect: organize}]\n", `s.yaml:4:29: actions[0].effect: unknown effect "organize" (did you mean "organise"?)`},
		{"amount without organise", "actions: [{name: m, effect: donate, amount: 1}]\n", `s.yaml:4:45: actions[0].amount: amount is what an organiser takes off its ties' effort: effect: organise only`},
		{"two organisers", "actions: [{name: m, effect: organise}, {name: n, effect: organise}]\n", `s.yaml:4:58: actions[1].effect: at most one action organises`},
		{"skills for one group of two", "actions: [{name: m, skills: [0.1]}]\n", `s.yaml:4:29: actions[0].skills: 1 skills for 2 groups: give one per group of population.groups, in order`},
		{"skill out of range", "actions: [{name: m, skill: 2}]\n", `s.yaml:4:28: actions[0].skill.value: 2 is out of range for skill (allowed: [-1, 1])`},
		{"skill lognormal", "actions: [{name: m, skill: {dist: lognormal, mu: 0, sigma: 1}}]\n", `s.yaml:4:35: actions[0].skill.dist: lognormal is unbounded, but skill must lie in [-1, 1] (use beta, or normal, which is truncated)`},
		{"end before start", "actions: [{name: m, start: 5, end: 3}]\n", `s.yaml:4:36: actions[0].end: end 3 is before start 5`},
		{"ladder from an unknown action", "actions: [{name: m, ladder: [{from: sign, private: 1}]}]\n", `s.yaml:4:37: actions[0].ladder[0].from: unknown action "sign" (allowed: m)`},
		{"ladder from itself", "actions: [{name: m, ladder: [{from: m, private: 1}]}]\n", `s.yaml:4:37: actions[0].ladder[0].from: an action's ladder starts from another action, not "m" itself`},
		{"nothing available", "actions: [{name: m, available: false}]\n", `s.yaml:4:10: actions: every action has available: false: keep at least one (or leave actions out)`},
		{"too many actions", "actions: [" + strings.Repeat("{name: a}, ", 16) + "{name: b}]\n", `s.yaml:4:10: actions: 17 entries, at most 16 allowed`},
		{"combine without actions", "outcome: {production: linear, effort: 2, combine: ces, substitution: -1}\n", `s.yaml:4:51: outcome.combine: combine needs actions (it combines their contributions)`},
		{"misspelt combine", "actions: [{name: m}]\noutcome: {production: linear, effort: 2, combine: leontieff}\n", `s.yaml:5:51: outcome.combine: unknown combine "leontieff" (did you mean "leontief"?)`},
		{"ces substitution 0", "actions: [{name: m}]\noutcome: {production: linear, effort: 2, combine: ces}\n", `s.yaml:5:10: outcome.substitution: 0: give ρ < 1 and not 0 (ρ → −∞ is leontief, ρ = 1 additive, ρ → 0 Cobb-Douglas)`},
		{"ces substitution 1", "actions: [{name: m}]\noutcome: {production: linear, effort: 2, combine: ces, substitution: 1}\n", `s.yaml:5:70: outcome.substitution: 1: give ρ < 1 and not 0 (ρ → −∞ is leontief, ρ = 1 additive, ρ → 0 Cobb-Douglas)`},
		{"action names whose columns clash", "actions: [{name: x}, {name: share_x}]\n", `s.yaml:4:29: actions[1].name: name "share_x" makes column doing_share_x of timeseries.csv, which is already that of action "x": choose another name`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("s.yaml", []byte(head+tc.yaml), t.TempDir())
			if err == nil {
				t.Fatalf("accepted:\n%s", tc.yaml)
			}
			if err.Error() != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", err, tc.want)
			}
		})
	}
}

// TestActionMetrics: a sweep's metric may be an action's ever_ metric, or
// an outcome's, when the scenario has them, and not otherwise.
func TestActionMetrics(t *testing.T) {
	const head = "name: x\npopulation: {size: 100}\nframes: [{name: f}]\n"
	sweep := func(m string) string {
		return "sweep: {metric: " + m + ", parameters: [{path: steps, values: [5, 10]}]}\n"
	}
	for _, tc := range []struct {
		yaml string
		ok   bool
	}{
		{"actions: [{name: m}]\n" + sweep("ever_m"), true},
		{"actions: [{name: m}]\noutcome: {production: linear, effort: 2}\n" + sweep("final_good"), true},
		{sweep("ever_m"), false},
		{"actions: [{name: m}]\n" + sweep("ever_n"), false},
		{sweep("final_good"), false},
		// substitution is ignored by another combine (--set outcome.combine=leontief on a ces scenario).
		{"actions: [{name: m}]\noutcome: {production: linear, effort: 2, combine: leontief, substitution: -1}\n" + sweep("final_good"), true},
	} {
		l, err := Parse("s.yaml", []byte(head+tc.yaml), t.TempDir())
		if err == nil {
			_, err = l.Plan()
		}
		if (err == nil) != tc.ok {
			t.Errorf("%s: error %v, want ok %v", tc.yaml, err, tc.ok)
		}
	}
}
