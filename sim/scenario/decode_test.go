package scenario

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// base is a valid scenario of three lines; cases append to it from line 4.
const base = "name: x\npopulation: {size: 100}\nframes: [{name: f}]\n"

// parseErr parses src as s.yaml and returns the error text ("" for none).
func parseErr(t *testing.T, src string) string {
	t.Helper()
	_, err := Parse("s.yaml", []byte(src), t.TempDir())
	if err == nil {
		return ""
	}
	if !IsUserError(err) {
		t.Errorf("%q: error %v is not a user error", src, err)
	}
	return err.Error()
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"valid", base, ""},
		{"unknown key with suggestion", "name: x\npopulation: {sizee: 10}\nframes: [{name: f}]\n",
			`s.yaml:2:14: population: unknown key "sizee" (did you mean "size"?)`},
		{"unknown key by prefix", base + "network: {mean: 4}\n",
			`s.yaml:4:11: network: unknown key "mean" (did you mean "mean_degree"?)`},
		{"unknown key without suggestion", "foo: 1\n" + base,
			`s.yaml:1:1: unknown key "foo" (allowed: name, description, seed, steps, replicates, time_unit, common_random_numbers, population, network, decision, organisations, frames, background, events, conditions, outputs, outcome, actions, sweep, fit)`},
		{"string for an integer", base + "steps: abc\n",
			`s.yaml:4:8: steps: expected an integer, got string "abc"`},
		{"string for a number", base + "decision: {cost: abc}\n",
			`s.yaml:4:18: decision.cost: expected a number, got string "abc"`},
		{"quoted number", base + "decision: {cost: '1'}\n",
			`s.yaml:4:18: decision.cost: expected a number, got string "1"`},
		{"list for a number", base + "decision: {cost: [1]}\n",
			`s.yaml:4:18: decision.cost: expected a number, got a list`},
		{"non-integer", base + "steps: 2.5\n",
			`s.yaml:4:8: steps: expected an integer, got 2.5`},
		{"integral float is an integer", base + "steps: 1e3\n", ""},
		{"integer overflow", base + "steps: 99999999999999999999\n",
			`s.yaml:4:8: steps: 99999999999999999999 is too large for an integer`},
		{"negative seed", base + "seed: -1\n",
			`s.yaml:4:7: seed: expected a non-negative integer, got -1`},
		{"largest seed", base + "seed: 18446744073709551615\n", ""},
		{"NaN", base + "decision: {cost: .nan}\n",
			`s.yaml:4:18: decision.cost: expected a finite number, got .nan`},
		{"Inf", base + "decision: {cost: -.inf}\n",
			`s.yaml:4:18: decision.cost: expected a finite number, got -.inf`},
		{"number out of range", base + "decision: {cost: 1e400}\n",
			`s.yaml:4:18: decision.cost: 1e400 is out of the range of numbers`},
		{"yes is not a boolean", base + "decision: {permanent: yes, rejoin: 1}\n",
			"s.yaml:4:23: decision.permanent: expected true or false, got string \"yes\"\n" +
				"s.yaml:4:36: decision.rejoin: expected true or false, got number 1"},
		{"duplicate key", base + "steps: 1\nsteps: 2\n",
			`s.yaml:5:1: duplicate key "steps" (first at line 4)`},
		{"duplicate key in a list element", base + "organisations: [{name: o, reach: 1, reach: 2}]\n",
			`s.yaml:4:37: organisations[0]: duplicate key "reach" (first at line 4)`},
		{"two documents", base + "---\nname: y\n",
			`s.yaml:5:1: a second YAML document (after ---); a scenario is one document`},
		{"empty file", "",
			`s.yaml: empty scenario (expected a mapping with at least name and a frame or an organisation)`},
		{"only comments", "# nothing\n\n",
			`s.yaml: empty scenario (expected a mapping with at least name and a frame or an organisation)`},
		{"null document", "~\n",
			`s.yaml: empty scenario (expected a mapping with at least name and a frame or an organisation)`},
		{"list at the top", "- a\n- b\n",
			`s.yaml:1:1: expected a mapping (key: value lines) at the top, got a list`},
		{"scalar at the top", "hello\n",
			`s.yaml:1:1: expected a mapping (key: value lines) at the top, got string "hello"`},
		{"non-UTF-8", "name: caf\xe9\n",
			`s.yaml:1:10: invalid UTF-8 (byte 0xe9); a scenario must be UTF-8 text`},
		{"UTF-16", "\xff\xfen\x00a\x00",
			`s.yaml:1:1: invalid UTF-8 (byte 0xff); a scenario must be UTF-8 text`},
		{"binary", base + "name: a\x00b\n",
			`s.yaml:4:8: binary content (control character U+0000); a scenario must be UTF-8 text`},
		{"compressed file", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
			`s.yaml:1:1: binary content (control character U+001F); a scenario must be UTF-8 text`},
		{"syntax error", "name: [1, 2\nsteps: 3\n",
			`s.yaml:2:6: yaml: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 7)`},
		{"bad indentation", "name: x\n  steps: 3\n",
			`s.yaml:2:8: yaml: mapping values are not allowed in this context`},
		{"custom tag", base + "description: !foo bar\n",
			`s.yaml:4:14: description: unsupported tag !foo`},
		{"key that is a list", base + "[a]: 1\n",
			`s.yaml:4:1: a key must be a name, got a list`},
		{"null means absent", base + "steps: ~\ndecision:\n", ""},
		{"null in a list", base + "outputs: {quantiles: [0.5, ~]}\n",
			`s.yaml:4:28: outputs.quantiles[1]: expected a number, got null`},
		{"dist shorthand", "name: x\npopulation: {size: 10, identity: abc}\nframes: [{name: f}]\n",
			`s.yaml:2:34: population.identity: expected a number or a mapping such as {dist: uniform, min: 0, max: 1}, got string "abc"`},
		{"merge key", base + "organisations:\n  - &o {name: a, reach: 5}\n  - {<<: *o, name: b}\n", ""},
		{"unknown key through a merge", base + "organisations:\n  - &o {name: a, reech: 5}\n  - {<<: *o, name: b}\n",
			`s.yaml:5:18: organisations[0]: unknown key "reech" (did you mean "reach"?)`},
		{"alias", base + "population: &p {size: 100}\n", `s.yaml:4:1: duplicate key "population" (first at line 2)`},
	} {
		if got := parseErr(t, tc.src); got != tc.want {
			t.Errorf("%s:\n got: %s\nwant: %s", tc.name, got, tc.want)
		}
	}
}

// TestLimits checks that hostile input is refused, and quickly: a billion
// laughs (nine levels of ten aliases, 10^9 values when expanded), deep
// nesting and an oversized file. One second is orders of magnitude more than
// the few milliseconds these take; an expansion would take minutes.
func TestLimits(t *testing.T) {
	laughs := base + "conditions:\n  - name: c\n    set:\n      a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
	prev := "a"
	for _, c := range "bcdefghi" {
		laughs += fmt.Sprintf("      %c: &%c [%s]\n", c, c, strings.TrimSuffix(strings.Repeat("*"+prev+", ", 10), ", "))
		prev = string(c)
	}
	valuesBomb := "name: x\npopulation:\n  size: 100\n  threshold: {dist: empirical, values: &v [0.1, 0.2]}\n" +
		"  groups:\n"
	for i := range 10 {
		valuesBomb += fmt.Sprintf("    - {name: g%d, share: 0.1, threshold: {dist: empirical, values: *v}}\n", i)
	}
	valuesBomb += "frames: [{name: f}]\n"
	for _, tc := range []struct {
		name, src, want string
	}{
		{"billion laughs", laughs, `s.yaml:7:29: document contains excessive aliasing`},
		{"deep flow nesting", strings.Repeat("[", 1_000_000), `s.yaml:1:65: yaml: nesting deeper than 64 levels`},
		{"deep flow nesting in a value", "name: " + strings.Repeat("{a: ", 100_000), `s.yaml:1:263: yaml: nesting deeper than 64 levels`},
		{"deep block nesting", func() string {
			var b strings.Builder
			for i := range 1000 {
				b.WriteString(strings.Repeat(" ", i) + "a:\n")
			}
			return b.String()
		}(), `s.yaml:65:66: yaml: nesting deeper than 64 levels`},
		{"too large", "description: " + strings.Repeat("x", MaxFileSize) + "\n",
			`s.yaml: 8388622 bytes is more than the limit of 8388608 bytes (8 MiB)`},
		{"reasonable aliases", valuesBomb, ""},
	} {
		start := time.Now()
		got := parseErr(t, tc.src)
		if got != tc.want {
			t.Errorf("%s:\n got: %s\nwant: %s", tc.name, got, tc.want)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: took %v", tc.name, d)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&Error{File: "a.yaml", Line: 3, Col: 7, Path: "steps", Msg: "bad"}, "a.yaml:3:7: steps: bad"},
		{&Error{File: "a.yaml", Line: 3, Msg: "bad"}, "a.yaml:3: bad"},
		{&Error{File: "a.yaml", Msg: "no such file"}, "a.yaml: no such file"},
		{&Error{Path: "steps", Msg: "bad"}, "steps: bad"},
		{&Error{File: "--set steps=0", Path: "steps", Msg: "bad"}, "--set steps=0: steps: bad"},
		{ErrorList{{File: "a", Line: 1, Msg: "x"}, {File: "a", Line: 2, Msg: "y"}}, "a:1: x\na:2: y"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
		if !IsUserError(tc.err) || !IsUserError(fmt.Errorf("wrapped: %w", tc.err)) {
			t.Errorf("%q: not a user error", tc.want)
		}
	}
	if IsUserError(errors.New("disk on fire")) {
		t.Error("a plain error is a user error")
	}
}

// TestTooManyErrors checks that errors are sorted and capped.
func TestTooManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString(base + "organisations:\n")
	for i := range 30 {
		fmt.Fprintf(&b, "  - {name: o%d, reach: -1}\n", 29-i)
	}
	_, err := Parse("s.yaml", []byte(b.String()), t.TempDir())
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v, want an ErrorList", err)
	}
	if len(list) != maxErrors+1 || list[maxErrors].Msg != "too many errors" {
		t.Fatalf("got %d errors, last %v; want %d and too many errors", len(list), list[len(list)-1], maxErrors)
	}
	for i := 1; i < maxErrors; i++ {
		if list[i].Line < list[i-1].Line {
			t.Errorf("errors not sorted: %v before %v", list[i-1], list[i])
		}
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"size", "groups", "ngo", "position_spread", "identity", "threshold", "mean_degree", "share", "a", "b"}
	for _, tc := range []struct{ got, want string }{
		{"sizee", "size"},
		{"Size", "size"},
		{"sahre", "share"},
		{"treshold", "threshold"},
		{"position", "position_spread"}, // unique prefix
		{"mean", "mean_degree"},
		{"nog", "ngo"}, // a transposition is one edit
		{"x", ""},      // one letter changed in a one-letter word is no suggestion
		{"sd", ""},     // nor two in a two-letter word
		{"colour", ""},
		{"sahre", "share"},
		{"theshold", "threshold"},
	} {
		if got := suggest(tc.got, keys); got != tc.want {
			t.Errorf("suggest(%q) = %q, want %q", tc.got, got, tc.want)
		}
	}
}
