package scenario

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// fuzzSeeds adds the test scenarios and a few hostile inputs to the corpus.
func fuzzSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "~", "- a", base, base + "---\na: 1\n", "a: &a [*a]\n",
		base + "organisations:\n  - &o {name: a, reach: 5}\n  - {<<: *o, name: b}\n",
		base + "conditions: [{name: c, set: {population.size: 7, description: \"x\\ty\", outputs.formats: [svg]}}]\n",
		"name: x\npopulation: {size: 10, threshold: {dist: empirical, values: [0, 1], draw: sequence}}\nnetwork: {model: ring, mean_degree: 2}\nframes: [{name: f, seeds: 1}]\n",
	} {
		f.Add([]byte(s))
	}
}

// FuzzParse checks that no input makes Parse panic, that every error is a
// user error, and that whatever loads resolves to YAML that reads back into
// the same scenario. Inputs are whole scenarios of a few kilobytes, so run
// it with a short -fuzzminimizetime (e.g. 5s): minimising one takes minutes
// otherwise, during which the exec count stands still.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Parse("fuzz.yaml", data, "testdata")
		if err != nil {
			if !IsUserError(err) {
				t.Fatalf("not a user error: %v", err)
			}
			return
		}
		roundTrip(t, l)
	})
}

// FuzzApplySet checks overrides the same way.
func FuzzApplySet(f *testing.F) {
	for _, s := range []string{"population.size=5", "frames[0].width=0.8", "population.threshold={dist: normal, mean: 0.2, sd: 0.05}",
		"outputs.formats=[svg,pdf]", "network.attach=", "population.groups[0].identity.mean=1", "conditions=[{name: a}]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, set string) {
		l, err := Parse("s.yaml", []byte(base), "testdata")
		if err != nil {
			t.Fatal(err)
		}
		if err := ApplySet(l, []string{set}); err != nil {
			if !IsUserError(err) {
				t.Fatalf("not a user error: %v", err)
			}
			return
		}
		roundTrip(t, l)
	})
}

func roundTrip(t *testing.T, l *Loaded) {
	t.Helper()
	resolved := l.Resolved()
	back, err := Parse("resolved.yaml", resolved, l.Dir)
	if err != nil {
		t.Fatalf("resolved scenario does not load: %v\n%s", err, resolved)
	}
	if !reflect.DeepEqual(back.Scenario, l.Scenario) {
		t.Fatalf("round trip changed the scenario:\n got %#v\nwant %#v\n%s", back.Scenario, l.Scenario, resolved)
	}
	if again := back.Resolved(); string(again) != string(resolved) {
		t.Fatalf("resolving twice differs:\n%s\n---\n%s", resolved, again)
	}
	for i := range l.ConditionNames() {
		if _, err := l.Condition(i); err != nil {
			t.Fatalf("condition %d of a loaded scenario fails: %v", i, err)
		}
	}
}
