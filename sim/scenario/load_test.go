package scenario

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, MaxFileSize+100), 0o644); err != nil {
		t.Fatal(err)
	}
	// Special files are refused at once, naming what they are: a named
	// pipe with no writer would block open(2) (and Ctrl-C) for ever, and
	// /dev/zero would be read until the size limit.
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock.yaml")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "nope.yaml"), filepath.Join(dir, "nope.yaml") + ": no such file"},
		{dir, dir + ": is a folder, not a scenario file"},
		{big, big + ": 8388708 bytes is more than the limit of 8388608 bytes (8 MiB)"},
		{fifo, fifo + ": is a named pipe (FIFO), not a scenario file"},
		{sock, sock + ": is a socket, not a scenario file"},
		{"/dev/zero", "/dev/zero: is a character device, not a scenario file"},
	} {
		done := make(chan error, 1)
		go func() { _, err := Load(tc.path); done <- err }()
		var err error
		select {
		case err = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Load(%s) still blocked after 5s", tc.path)
		}
		if err == nil || err.Error() != tc.want || !IsUserError(err) {
			t.Errorf("Load(%s) = %v, want user error %q", tc.path, err, tc.want)
		}
	}
}

// TestLoadLineEnds: YAML ends a line at LF, CRLF or a lone CR (YAML 1.2,
// 5.4), and so does the loader: the same scenario with any line ends loads
// to the same hash, and a mistake in it is reported at the same line.
func TestLoadLineEnds(t *testing.T) {
	good := "name: ends\nsteps: 5\npopulation:\n  size: 100\nframes:\n  - {name: f, seeds: 2}\n"
	bad := strings.Replace(good, "size: 100", "size: -3", 1)
	var hash string
	var msg string
	for _, tc := range []struct{ name, eol string }{{"LF", "\n"}, {"CRLF", "\r\n"}, {"CR", "\r"}} {
		l, err := Load(writeFile(t, "s.yaml", strings.ReplaceAll(good, "\n", tc.eol)))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if hash == "" {
			hash = l.Hash()
		} else if l.Hash() != hash {
			t.Errorf("%s: hash %s, want %s as with LF", tc.name, l.Hash(), hash)
		}
		_, err = Load(writeFile(t, "s.yaml", strings.ReplaceAll(bad, "\n", tc.eol)))
		var e *Error
		var list ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			e = list[0]
		} else if !errors.As(err, &e) {
			t.Errorf("%s: error %v, want a positioned scenario error", tc.name, err)
			continue
		}
		got := fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
		if e.Line != 4 {
			t.Errorf("%s: mistake reported at %s, want line 4", tc.name, got)
		}
		if msg == "" {
			msg = got
		} else if got != msg {
			t.Errorf("%s: %q, want %q as with LF", tc.name, got, msg)
		}
	}
}

// scenarioFiles are the scenarios the round trip is checked on: the test
// data and the documented examples of the project.
func scenarioFiles(t *testing.T) []string {
	files, _ := filepath.Glob("testdata/*.yaml")
	examples, _ := filepath.Glob("../../scenarios/*.yaml")
	return append(files, examples...)
}

// TestRoundTrip checks that the resolved scenario reads back into an
// identical Scenario, resolves to the same bytes and has the same hash.
func TestRoundTrip(t *testing.T) {
	for _, f := range scenarioFiles(t) {
		l, err := Load(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		resolved := l.Resolved()
		back, err := Parse("resolved.yaml", resolved, l.Dir)
		if err != nil {
			t.Errorf("%s: resolved scenario does not load: %v\n%s", f, err, resolved)
			continue
		}
		if !reflect.DeepEqual(back.Scenario, l.Scenario) {
			t.Errorf("%s: round trip changed the scenario:\n got %+v\nwant %+v", f, back.Scenario, l.Scenario)
		}
		if !reflect.DeepEqual(back.Resolved(), resolved) {
			t.Errorf("%s: resolving twice differs:\n%s\n---\n%s", f, back.Resolved(), resolved)
		}
		if back.Hash() != l.Hash() || len(l.Hash()) != 64 {
			t.Errorf("%s: hash %s after a round trip, %s before", f, back.Hash(), l.Hash())
		}
		for i := range l.ConditionNames() {
			a, err1 := l.Condition(i)
			b, err2 := back.Condition(i)
			if err1 != nil || err2 != nil || !reflect.DeepEqual(a, b) {
				t.Errorf("%s: condition %d differs after a round trip (%v, %v)", f, i, err1, err2)
			}
		}
	}
}

// TestHashIgnoresFormatting checks that comments, key order, flow or block
// style and defaults written out do not change the hash, and that a value
// does.
func TestHashIgnoresFormatting(t *testing.T) {
	hash := func(src string) string {
		l, err := Parse("s.yaml", []byte(src), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return l.Hash()
	}
	a := hash("name: x\npopulation: {size: 100}\nframes: [{name: f}]\n")
	b := hash("# comment\nframes:\n  - name: f\n    seeds: 10   # the default\npopulation:\n  size: 100\nname: x\nsteps: 100\n")
	c := hash("name: x\npopulation: {size: 101}\nframes: [{name: f}]\n")
	if a != b {
		t.Errorf("formatting changed the hash: %s, %s", a, b)
	}
	if a == c {
		t.Error("a different size gave the same hash")
	}
}

func TestDistShorthand(t *testing.T) {
	l, err := Parse("s.yaml", []byte("name: x\npopulation: {size: 100, income: 0.3, cap: 5, groups: [{name: a, identity: 1}]}\nframes: [{name: f}]\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p := l.Scenario.Population
	for _, c := range []struct {
		name      string
		got, want Dist
	}{
		{"income", p.Income, Dist{Kind: "constant", Value: 0.3}},
		{"cap", p.Cap, Dist{Kind: "constant", Value: 5}},
		{"group identity", *p.Groups[0].Identity, Dist{Kind: "constant", Value: 1}},
		{"default identity", p.Identity, Dist{Kind: "uniform", Min: 0, Max: 1}},
		{"default resources", p.Resources, Dist{Kind: "constant", Value: 1}},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %+v, want %+v", c.name, c.got, c.want)
		}
	}
	if p.Groups[0].Resources != nil {
		t.Errorf("a group distribution not given is %+v, want nil", p.Groups[0].Resources)
	}
	if !strings.Contains(string(l.Resolved()), "income: {dist: constant, value: 0.3}") {
		t.Errorf("resolved scenario does not write the distribution as a mapping:\n%s", l.Resolved())
	}
}

// TestDefaults checks every default against the schema's documentation,
// and that an explicit 0 is kept where leaving the key out gives the
// default.
func TestDefaults(t *testing.T) {
	l, err := Parse("s.yaml", []byte("name: x\npopulation: {size: 100}\norganisations: [{name: o}]\nframes: [{name: f}]\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	want := &Scenario{
		Name: "x", Seed: 1, Steps: 100, Replicates: 10, TimeUnit: "day",
		Population: Population{
			Size:           100,
			Groups:         []Group{{Name: "all", Share: 1, Centre: 0.5}},
			CentreSpread:   0.5,
			PositionSpread: 0.15,
			Identity:       Dist{Kind: "uniform", Max: 1},
			Resources:      Dist{Kind: "constant", Value: 1},
			Income:         Dist{Kind: "constant", Value: 0.1},
			Cap:            Dist{Kind: "constant", Value: 2},
			FreeRiding:     Dist{Kind: "uniform", Max: 1},
			Threshold:      Dist{Kind: "uniform", Max: 1},
		},
		Network: Network{Model: "erdos_renyi", MeanDegree: 10, Rewire: 0.1, Attach: 5, Homophily: 0.8, Exponent: 2.5, MinDegree: 2},
		Decision: Decision{Identity: 1, Social: 1, Incentive: 1, Cost: 1, FreeRiding: 1, SocialMode: "fractional",
			EfficacyRef: 10, EfficacyExponent: 0.5, PersonalEfficacy: EfficacyJoint, TieLoss: TieLossCounts,
			Rejoin: &yes, AttentionFloor: 0.01},
		Organisations: []Organisation{{Name: "o", Position: 0.5, Tolerance: 0.25, Budget: 100, Dues: 0.02, ContactCost: 0.05,
			Reach: 100, Incentive: 0.3, Brokerage: 0.7, Cost: 0.1, HalfLife: 30, Membership: &yes, Allocation: AllocationIncentivesFirst}},
		Frames: []Frame{{Name: "f", Sponsor: "crowd", Expression: "personal", Seeds: 10, Seeding: "random", Centre: 0.5,
			Share: 0.2, Width: 0.5, Cost: 0.01, HalfLife: 3, Novelty: "once", NoveltyFactor: 0.5}},
		Outputs: Outputs{Formats: []string{"svg", "png"}, CascadeLevel: 0.1, Quantiles: []float64{0.05, 0.25, 0.5, 0.75, 0.95}},
	}
	if !reflect.DeepEqual(l.Scenario, want) {
		t.Errorf("defaults:\n got %+v\nwant %+v", l.Scenario, want)
	}

	zeros := "name: x\nseed: 0\npopulation: {size: 100, position_spread: 0, groups: [{name: a, share: 1, centre: 0}]}\n" +
		"network: {mean_degree: 0, rewire: 0, homophily: 0}\n" +
		"decision: {identity: 0, social: 0, efficacy_exponent: 0, rejoin: false, attention_floor: 0}\n" +
		"organisations: [{name: o, position: 0, budget: 0, reach: 0, half_life: 0, membership: false}]\n" +
		"frames: [{name: f, seeds: 0, share: 0, cost: 0, half_life: 0}]\noutputs: {formats: [], quantiles: []}\n"
	l, err = Parse("s.yaml", []byte(zeros), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := l.Scenario
	for _, c := range []struct {
		name string
		got  any
	}{
		{"seed", s.Seed},
		{"position_spread", s.Population.PositionSpread},
		{"centre", s.Population.Groups[0].Centre},
		{"mean_degree", s.Network.MeanDegree},
		{"rewire", s.Network.Rewire},
		{"homophily", s.Network.Homophily},
		{"decision.identity", s.Decision.Identity},
		{"decision.social", s.Decision.Social},
		{"efficacy_exponent", s.Decision.EfficacyExponent},
		{"rejoin", *s.Decision.Rejoin},
		{"attention_floor", s.Decision.AttentionFloor},
		{"position", s.Organisations[0].Position},
		{"budget", s.Organisations[0].Budget},
		{"reach", s.Organisations[0].Reach},
		{"organisation half_life", s.Organisations[0].HalfLife},
		{"membership", *s.Organisations[0].Membership},
		{"seeds", s.Frames[0].Seeds},
		{"frame share", s.Frames[0].Share},
		{"frame cost", s.Frames[0].Cost},
		{"frame half_life", s.Frames[0].HalfLife},
		{"formats", len(s.Outputs.Formats)},
		{"quantiles", len(s.Outputs.Quantiles)},
	} {
		if !reflect.ValueOf(c.got).IsZero() {
			t.Errorf("explicit 0 for %s became %v", c.name, c.got)
		}
	}
	if s.Network.Attach != 1 {
		t.Errorf("attach with mean_degree 0 = %d, want 1", s.Network.Attach)
	}
	if s.Decision.Cost != 1 {
		t.Errorf("decision.cost left out = %v, want the default 1", s.Decision.Cost)
	}
}

// TestDefaultsInGo checks Defaults and Validate on a scenario built in Go.
func TestDefaultsInGo(t *testing.T) {
	s := &Scenario{Name: "go", Population: Population{Size: 50}, Network: Network{MeanDegree: 4},
		Frames: []Frame{{Name: "f", Width: 0.3}}}
	Defaults(s)
	if err := Validate(s); err != nil {
		t.Fatal(err)
	}
	if s.Steps != 100 || s.Network.Attach != 2 || s.Frames[0].Width != 0.3 || s.Frames[0].Share != 0.2 || len(s.Population.Groups) != 1 {
		t.Errorf("Defaults gave %+v", s)
	}
	s.Frames[0].Width = 2
	if err := Validate(s); err == nil || err.Error() != "frames[0].width: 2 is out of range (allowed: (0, 1])" {
		t.Errorf("Validate = %v", err)
	}
}

func TestConditions(t *testing.T) {
	src := base + "organisations: [{name: o}]\nconditions:\n" +
		"  - {name: crowd, mechanisms: [f]}\n" +
		"  - name: big\n    set:\n      population.size: 1000\n      organisations[0].reach: 7\n" +
		"      population.threshold: {dist: normal, mean: 0.2, sd: 0.05}\n      description: 'a: b'\n"
	l, err := Parse("s.yaml", []byte(src), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if got := l.ConditionNames(); !reflect.DeepEqual(got, []string{"crowd", "big"}) {
		t.Errorf("names = %v", got)
	}
	want := map[string]string{"population.size": "1000", "organisations[0].reach": "7",
		"population.threshold": "{dist: normal, mean: 0.2, sd: 0.05}", "description": "'a: b'"}
	if got := l.Scenario.Conditions[1].Set; !reflect.DeepEqual(got, want) {
		t.Errorf("set = %q, want %q", got, want)
	}
	c0, err := l.Condition(0)
	if err != nil || !reflect.DeepEqual(c0, l.Scenario) || c0 == l.Scenario {
		t.Errorf("condition without set: %v, same pointer %v", err, c0 == l.Scenario)
	}
	c1, err := l.Condition(1)
	if err != nil {
		t.Fatal(err)
	}
	if c1.Population.Size != 1000 || c1.Organisations[0].Reach != 7 || c1.Population.Threshold.Kind != "normal" || c1.Description != "a: b" {
		t.Errorf("condition big: %+v", c1)
	}
	if l.Scenario.Population.Size != 100 || l.Scenario.Organisations[0].Reach != 100 {
		t.Error("a condition changed the scenario")
	}
	if _, err := l.Condition(2); err == nil {
		t.Error("condition 2 of 2 exists")
	}

	l, err = Parse("s.yaml", []byte(base), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if c, err := l.Condition(0); err != nil || c != l.Scenario {
		t.Errorf("without conditions, Condition(0) = %p, %v; want the scenario", c, err)
	}
	if got := l.ConditionNames(); !reflect.DeepEqual(got, []string{"default"}) {
		t.Errorf("names without conditions = %v", got)
	}
}

func TestPositions(t *testing.T) {
	src := "name: x\npopulation:\n  size: 100\n  groups:\n    - {name: a, share: 0.4}\n    - name: b\n      share: 0.6\nframes: [{name: f}]\n"
	l, err := Parse("s.yaml", []byte(src), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want Pos
	}{
		{"population.groups[1].share", Pos{"s.yaml", 7, 14}},
		{"population.groups[0].share", Pos{"s.yaml", 5, 24}},
		{"population.groups[0].centre", Pos{"s.yaml", 5, 7}}, // not given: its group
		{"network.mean_degree", Pos{"s.yaml", 1, 1}},         // not given: the top
		{"frames[0].name", Pos{"s.yaml", 8, 17}},
	} {
		if got := l.Pos(c.path); got != c.want {
			t.Errorf("Pos(%s) = %+v, want %+v", c.path, got, c.want)
		}
	}
	if !l.Given("population.groups[1].share") || l.Given("population.groups[0].centre") {
		t.Error("Given is wrong")
	}
	if got := l.Errorf("population.groups[1].share", "too %s", "big").Error(); got != "s.yaml:7:14: population.groups[1].share: too big" {
		t.Errorf("Errorf = %q", got)
	}
}

// TestDefaultsDocumented checks that doc.go shows the defaults table as it
// is in defaults.go.
func TestDefaultsDocumented(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	if table := defaultsTable(); !strings.Contains(string(doc), table) {
		t.Errorf("doc.go does not hold the defaults table; it should read:\n%s", table)
	}
}

// TestDocExample checks that the complete example in doc.go is
// testdata/full.yaml (which TestRoundTrip loads).
func TestDocExample(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	full, err := os.ReadFile("testdata/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(string(full), "\n"), "\n") {
		if line == "" {
			b.WriteString("//\n")
		} else {
			b.WriteString("//\t" + line + "\n")
		}
	}
	if !strings.Contains(string(doc), b.String()) {
		t.Errorf("doc.go does not hold testdata/full.yaml as its example")
	}
}

// noDefault lists the fields with no default; TestEveryFieldCovered fails
// when the schema gains a field that is neither here nor in defaultRules.
var noDefault = []string{
	"name", "description", "population.size", "population.groups[].name",
	"population.groups[].position_spread", "population.groups[].identity", "population.groups[].resources",
	"population.groups[].income", "population.groups[].cap", "population.groups[].free_riding",
	"population.groups[].threshold", "network.file", "network.audience", "organisations[].name", "frames[].name",
	"background.mechanism", "events", "conditions", "sweep", "fit", "decision.commitment", "outcome",
	"network.nodes", "outputs.agents", // optional block; its format defaults to csv (applyDefaults)
	"actions", // optional list; its fields have no defaults but visible, spreads, available (true when nil)
}

func TestEveryFieldCovered(t *testing.T) {
	covered := make(map[string]bool)
	for _, r := range defaultRules {
		covered[r.Path] = true
	}
	for _, p := range noDefault {
		covered[p] = true
	}
	var walk func(typ reflect.Type, path string)
	walk = func(typ reflect.Type, path string) {
		info := infoOf(typ)
		for _, key := range info.keys {
			p := childPath(path, key)
			f := typ.Field(info.index[key]).Type
			switch {
			case covered[p]:
			case f.Kind() == reflect.Struct && f != distType:
				walk(f, p)
			case f.Kind() == reflect.Slice && f.Elem().Kind() == reflect.Struct:
				walk(f.Elem(), p+"[]")
			default:
				t.Errorf("field %s has no default rule and is not listed in noDefault", p)
			}
		}
	}
	walk(reflect.TypeFor[Scenario](), "")
}
