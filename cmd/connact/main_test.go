package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// connact runs the command line in-process and returns stdout, stderr and
// the exit code main would use.
func connact(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), &out, &errb, args)
	code := exitCode(&errb, err)
	return out.String(), errb.String(), code
}

// buildConnact builds the connact binary into a temporary folder of the
// test and returns its path, for tests that need a real process (signals,
// separate address spaces).
func buildConnact(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "connact")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestRunWritesRunFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tiny")
	stdout, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", dir, "--workers", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"timeseries.csv", "groups.csv", "summary.csv", "aggregate.csv", "summary_aggregate.csv", "scenario.yaml", "meta.json", "participation.svg", "cumulative.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	for _, want := range []string{"tiny: 1 condition(s) × 2 replicate(s) = 2 runs", "peak share", "results: " + dir} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	// A second run into the same folder is refused (exit 2), and --force replaces it.
	_, stderr, code = connact(t, "run", "testdata/tiny.yaml", "--out", dir)
	if code != 2 || !strings.Contains(stderr, "already exists") {
		t.Errorf("second run: exit %d, %q; want 2 and 'already exists'", code, stderr)
	}
	if _, stderr, code = connact(t, "run", "testdata/tiny.yaml", "--out", dir, "--force", "--format", "png,pdf"); code != 0 {
		t.Errorf("--force: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "participation.pdf")); err != nil {
		t.Error("--format pdf wrote no PDF")
	}
}

// TestBadScenarios: a malformed scenario exits 2 with FILE:LINE:COL and
// writes nothing, with connact run and, for a sweep, connact sweep.
func TestBadScenarios(t *testing.T) {
	for _, tc := range []struct {
		file  string
		want  string // regexp on stderr
		sweep bool   // also with connact sweep
	}{
		{"unknown_key.yaml", `unknown_key\.yaml:5:3: population: unknown key "treshold" \(did you mean "threshold"\?\)`, false},
		{"string_number.yaml", `string_number\.yaml:2:8: steps: expected an integer, got string "ten"`, false},
		{"negative_size.yaml", `negative_size\.yaml:3:9: population\.size: -5 .*allowed`, false},
		{"missing_network.yaml", `missing_network\.yaml:4:9: network\.file: .*no-such-edges\.csv`, false},
		{"no-such-file.yaml", `no-such-file\.yaml`, false},
		{"empty.yaml", `empty\.yaml: empty scenario`, false},
		// Values valid alone but not together: refused before a sweep
		// starts, not at its bad point with half a folder written.
		{"sweep_combination.yaml", `sweep_combination\.yaml:7:3: sweep: the point \(population\.size=20, network\.mean_degree=30\) is invalid: network\.mean_degree: mean_degree 30 must be < population\.size 20`, true},
	} {
		cmds := []string{"run"}
		if tc.sweep {
			cmds = append(cmds, "sweep")
		}
		for _, cmd := range cmds {
			out := filepath.Join(t.TempDir(), "out")
			_, stderr, code := connact(t, cmd, filepath.Join("testdata", tc.file), "--out", out)
			if code != 2 {
				t.Errorf("%s %s: exit %d, want 2 (%s)", cmd, tc.file, code, stderr)
			}
			if !regexp.MustCompile(tc.want).MatchString(stderr) {
				t.Errorf("%s %s: stderr %q does not match %q", cmd, tc.file, stderr, tc.want)
			}
			if ents, _ := os.ReadDir(filepath.Dir(out)); len(ents) != 0 {
				t.Errorf("%s %s: wrote %d entries", cmd, tc.file, len(ents))
			}
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"run"},
		{"run", "testdata/tiny.yaml", "--workers", "0"},
		{"run", "testdata/tiny.yaml", "--format", "gif"},
		{"run", "testdata/tiny.yaml", "--seed", "minus-one"},
		{"run", "testdata/tiny.yaml", "--set", "population.sise=10"},
		{"plot"},
		{"validate"},
	} {
		if _, stderr, code := connact(t, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
}

func TestValidatePrintsResolved(t *testing.T) {
	stdout, stderr, code := connact(t, "validate", "testdata/tiny.yaml", "--set", "population.size=300")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"size: 300", "attention_floor: 0.01", "# 1 condition(s) × 2 replicate(s) = 2 runs of 8 steps"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("validate output lacks %q", want)
		}
	}
}

func TestPlotRedrawAndCompare(t *testing.T) {
	base := t.TempDir()
	a, b := filepath.Join(base, "a"), filepath.Join(base, "b")
	for _, d := range []string{a, b} {
		if _, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", d); code != 0 {
			t.Fatalf("run: %s", stderr)
		}
	}
	os.Remove(filepath.Join(a, "participation.svg"))
	if _, stderr, code := connact(t, "plot", a); code != 0 {
		t.Fatalf("plot: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(a, "participation.png")); err != nil {
		t.Error("plot did not redraw participation.png")
	}
	stdout, stderr, code := connact(t, "plot", a, "--compare", b, "--metric", "cumulative", "--charts", "svg")
	if code != 0 {
		t.Fatalf("plot --compare: %s", stderr)
	}
	if !strings.Contains(stdout, filepath.Join(a, "compare_cumulative.svg")) {
		t.Errorf("plot --compare wrote %q", stdout)
	}
	if _, _, code := connact(t, "plot", base); code != 1 {
		t.Errorf("plot of a folder without results: exit %d, want 1", code)
	}
}

func TestHelpRun(t *testing.T) {
	stdout, _, code := connact(t, "help", "run")
	if code != 0 || !strings.Contains(stdout, "usage: connact run FILE") || !strings.Contains(stdout, "-workers") {
		t.Errorf("help run: exit %d:\n%s", code, stdout)
	}
}

// TestInterrupt: a cancelled run (Ctrl-C, SIGTERM) exits 130 and leaves
// nothing behind.
func TestInterrupt(t *testing.T) {
	base := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	err := run(ctx, &out, &errb, []string{"run", "testdata/tiny.yaml", "--out", filepath.Join(base, "x")})
	if code := exitCode(&errb, err); code != 130 || !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("exit %d, %q", code, errb.String())
	}
	if ents, _ := os.ReadDir(base); len(ents) != 0 {
		t.Errorf("an interrupted run left %d entries", len(ents))
	}
}

// TestAbsurdSize: a scenario that cannot fit in memory is refused before
// anything is allocated or written, with exit code 2.
func TestAbsurdSize(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	for _, args := range [][]string{
		{"run", "testdata/tiny.yaml", "--out", out, "--set", "population.size=400000000", "--set", "network.mean_degree=4"},
		{"run", "testdata/tiny.yaml", "--out", out, "--max-memory", "4K"},
		{"sweep", "testdata/sweep.yaml", "--out", out, "--max-memory", "64K"},
	} {
		_, stderr, code := connact(t, args...)
		if code != 2 || !strings.Contains(stderr, "the scenario needs about") {
			t.Errorf("%q: exit %d, %q", args, code, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%q wrote %s", args, out)
		}
	}
}

// TestRunPrintsContrasts: with common_random_numbers, run writes
// contrasts.csv and prints the paired differences; --force replaces such a
// folder with one run without the option, which has neither.
func TestRunPrintsContrasts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "crn")
	args := []string{"run", "../../scenarios/common-random-numbers.yaml", "--out", dir, "--replicates", "3", "--charts", "svg", "--set", "population.size=500"}
	stdout, stderr, code := connact(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"paired differences from intact (common random numbers):", "difference [paired 95% CI]", "unpaired 95% CI", "(condition − intact, replicate by replicate; all metrics in contrasts.csv)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	for _, m := range []string{"peak_share", "cumulative_share", "sustainability"} {
		if !regexp.MustCompile(`(?m)^hubs +` + m + ` `).MatchString(stdout) {
			t.Errorf("stdout has no line for hubs and %s:\n%s", m, stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "contrasts.csv")); err != nil {
		t.Error(err)
	}
	stdout, stderr, code = connact(t, append(args, "--force", "--set", "common_random_numbers=false")...)
	if code != 0 {
		t.Fatalf("--force without the option: exit %d: %s", code, stderr)
	}
	if strings.Contains(stdout, "paired differences") {
		t.Errorf("without the option, stdout has paired differences:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "contrasts.csv")); !os.IsNotExist(err) {
		t.Errorf("without the option, the replaced folder has contrasts.csv (%v)", err)
	}
}
