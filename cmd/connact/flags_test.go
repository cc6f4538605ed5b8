package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsPerInvocation: every invocation of a command has flags of its
// own. Setting every flag of one invocation neither shows in a second
// invocation, made afterwards, nor is undone by it (flag.FlagSet.StringVar
// and the others write the default into the variable they are given, so
// shared variables would be reset under the first).
func TestFlagsPerInvocation(t *testing.T) {
	for _, c := range commands {
		first, _ := c.flagSet(io.Discard)
		set := map[string]string{}
		first.VisitAll(func(f *flag.Flag) {
			for _, v := range []string{"97", "97s", "true"} { // one of them parses, whatever the flag's type
				if first.Set(f.Name, v) == nil && f.Value.String() != f.DefValue {
					set[f.Name] = f.Value.String()
					return
				}
			}
			t.Errorf("%s: could not give --%s a value other than its default", c.Name, f.Name)
		})
		second, _ := c.flagSet(io.Discard)
		second.VisitAll(func(f *flag.Flag) {
			if f.Value.String() != f.DefValue {
				t.Errorf("%s: a second invocation's --%s is %q, not its default %q", c.Name, f.Name, f.Value, f.DefValue)
			}
		})
		first.VisitAll(func(f *flag.Flag) {
			if f.Value.String() != set[f.Name] {
				t.Errorf("%s: making a second invocation changed the first's --%s from %q to %q", c.Name, f.Name, set[f.Name], f.Value)
			}
		})
	}
}

// TestFlagsDoNotLeak: a command run with a flag and then without it, in
// one process, does not use the first value the second time.
func TestFlagsDoNotLeak(t *testing.T) {
	base := t.TempDir()
	first, second := filepath.Join(base, "first"), filepath.Join(base, "second")
	if _, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", first, "--charts", "pdf", "--set", "population.size=123"); code != 0 {
		t.Fatalf("run --charts pdf: exit %d: %s", code, stderr)
	}
	if _, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", second); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(second, "participation.pdf")); err == nil {
		t.Errorf("the second run drew PDF charts: it inherited --charts pdf")
	}
	if _, err := os.Stat(filepath.Join(second, "participation.svg")); err != nil {
		t.Errorf("the second run did not draw the scenario's SVG charts: %v", err)
	}
	if y, err := os.ReadFile(filepath.Join(second, "scenario.yaml")); err != nil || strings.Contains(string(y), "size: 123\n") {
		t.Errorf("the second run inherited --set population.size=123 (%v):\n%s", err, y)
	}
	out1, _, _ := connact(t, "validate", "testdata/tiny.yaml", "--set", "population.size=123")
	out2, _, _ := connact(t, "validate", "testdata/tiny.yaml")
	if !strings.Contains(out1, "size: 123\n") || strings.Contains(out2, "size: 123\n") {
		t.Errorf("validate --set population.size=123, then validate: the second inherited the override:\n%s", out2)
	}
}
