package scenario

import (
	"reflect"
	"testing"
)

func TestApplySetErrors(t *testing.T) {
	src := base + "organisations: [{name: o}]\n"
	for _, tc := range []struct {
		name string
		set  []string
		want string
	}{
		{"unknown field", []string{"population.sizee=5000"},
			`--set population.sizee=5000: unknown field "sizee" (did you mean "size"?)`},
		{"unknown top-level field", []string{"stepz=5"},
			`--set stepz=5: unknown field "stepz" (did you mean "steps"?)`},
		{"index out of range", []string{"organisations[3].reach=50"},
			`--set organisations[3].reach=50: index 3 is out of range (organisations has 1 entry, index 0)`},
		{"index into an empty list", []string{"events[0].step=5"},
			`--set events[0].step=5: index 0 is out of range (events is empty)`},
		{"bad value", []string{"population.size=abc"},
			`--set population.size=abc: population.size: expected an integer, got string "abc"`},
		{"value out of range", []string{"population.size=-5"},
			`--set population.size=-5: population.size: -5 is out of range (allowed: 1..2147483647)`},
		{"YAML syntax error", []string{"outputs.formats=[svg"},
			`--set outputs.formats=[svg: outputs.formats: yaml: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 1) (in the value, line 2, column 1)`},
		{"unknown key in a mapping value", []string{"population.threshold={dist: normal, meen: 0.2}"},
			`--set population.threshold={dist: normal, meen: 0.2}: population.threshold: unknown key "meen" (did you mean "mean"?)`},
		{"wrong family", []string{"population.threshold.mean=0.2"},
			`--set population.threshold.mean=0.2: population.threshold.mean: mean is not a parameter of uniform (uniform takes min and max)`},
		{"list without index", []string{"frames.width=0.8"},
			`--set frames.width=0.8: frames is a list: give an index, as in frames[0].width`},
		{"into a number", []string{"population.size.x=1"},
			`--set population.size.x=1: population.size is an integer and has no field "x"`},
		{"scalar for a list", []string{"outputs.formats=svg"},
			`--set outputs.formats=svg: outputs.formats: expected a list, got string "svg"`},
		{"no =", []string{"population.size"},
			`--set population.size: expected path=value, as in population.size=5000`},
		{"bad path", []string{"population..size=1"},
			`--set population..size=1: bad field path "population..size": expected a key at offset 11 (expected a path such as population.size or organisations[0].reach)`},
		{"several errors", []string{"steps=0", "replicates=x"},
			"--set replicates=x: replicates: expected an integer, got string \"x\""},
		{"several validation errors", []string{"steps=0", "replicates=0"},
			"--set steps=0: steps: 0 is out of range (allowed: 1..1000000)\n--set replicates=0: replicates: 0 is out of range (allowed: 1..1000000)"},
	} {
		l, err := Parse("s.yaml", []byte(src), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		before := l.Scenario.Clone()
		err = ApplySet(l, tc.set)
		got := ""
		if err != nil {
			got = err.Error()
			if !IsUserError(err) {
				t.Errorf("%s: %v is not a user error", tc.name, err)
			}
		}
		if got != tc.want {
			t.Errorf("%s:\n got: %s\nwant: %s", tc.name, got, tc.want)
		}
		if !reflect.DeepEqual(l.Scenario, before) {
			t.Errorf("%s: a failed ApplySet changed the scenario", tc.name)
		}
	}
}

func TestApplySet(t *testing.T) {
	src := "name: x\npopulation: {size: 100}\norganisations: [{name: o}]\nframes: [{name: f}, {name: g}]\nnetwork: {mean_degree: 6}\n"
	l, err := Parse("s.yaml", []byte(src), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if l.Scenario.Network.Attach != 3 {
		t.Fatalf("attach = %d, want 3 (mean_degree 6 / 2)", l.Scenario.Network.Attach)
	}
	err = ApplySet(l, []string{
		"population.size=5000",
		"organisations[0].reach=50",
		"frames[1].width=0.8",
		"population.threshold={dist: normal, mean: 0.2, sd: 0.05}",
		"outputs.formats=[svg,pdf]",
		"network.mean_degree=20",
		"population.groups[0].identity=0.7",
		"decision.rejoin=false",
		"frames[0].seeds=0", // an explicit 0 is kept
	})
	if err != nil {
		t.Fatal(err)
	}
	s := l.Scenario
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"size", s.Population.Size, 5000},
		{"reach", s.Organisations[0].Reach, 50},
		{"width", s.Frames[1].Width, 0.8},
		{"frames[0].width unchanged", s.Frames[0].Width, 0.5},
		{"threshold", s.Population.Threshold, Dist{Kind: "normal", Mean: 0.2, SD: 0.05, Bounds: "truncate"}},
		{"formats", s.Outputs.Formats, []string{"svg", "pdf"}},
		{"attach follows mean_degree", s.Network.Attach, 10},
		{"group identity", *s.Population.Groups[0].Identity, Dist{Kind: "constant", Value: 0.7}},
		{"rejoin", *s.Decision.Rejoin, false},
		{"seeds", s.Frames[0].Seeds, 0},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if p := l.Pos("organisations[0].reach"); p.File != "--set organisations[0].reach=50" {
		t.Errorf("position of an override = %+v", p)
	}

	// Null removes a field: its default applies again.
	if err := ApplySet(l, []string{"frames[0].seeds=null", "network.mean_degree="}); err != nil {
		t.Fatal(err)
	}
	if s := l.Scenario; s.Frames[0].Seeds != 10 || s.Network.MeanDegree != 10 || s.Network.Attach != 5 {
		t.Errorf("after null: seeds %d, mean_degree %v, attach %d; want the defaults 10, 10, 5", s.Frames[0].Seeds, s.Network.MeanDegree, s.Network.Attach)
	}
}

// TestLoadWithSetRepairs checks that overrides apply before validation, so
// that they can repair a scenario that is invalid as written.
func TestLoadWithSetRepairs(t *testing.T) {
	path := writeFile(t, "s.yaml", "name: x\npopulation: {size: 5}\nframes: [{name: f, seeds: 1}]\n")
	if _, err := Load(path); err == nil {
		t.Fatal("Load accepted mean_degree 10 with 5 agents")
	}
	l, err := LoadWithSet(path, []string{"network.mean_degree=2"})
	if err != nil {
		t.Fatal(err)
	}
	if l.Scenario.Network.MeanDegree != 2 {
		t.Errorf("mean_degree = %v, want 2", l.Scenario.Network.MeanDegree)
	}
	// A path into a default exists: the default group.
	l, err = LoadWithSet(path, []string{"network.mean_degree=2", "population.groups[0].centre=0.3"})
	if err != nil {
		t.Fatal(err)
	}
	if g := l.Scenario.Population.Groups; len(g) != 1 || g[0].Name != "all" || g[0].Centre != 0.3 || g[0].Share != 1 {
		t.Errorf("groups = %+v", g)
	}
}
