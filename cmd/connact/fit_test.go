package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fitOutputs are the files of a fit folder compared byte for byte.
var fitOutputs = []string{"posterior.csv", "posterior_summary.csv", "generations.csv", "predictive.csv", "fit.json", "scenario.yaml",
	"posterior_predictive.svg", "generation-0/runs.csv", "generation-1/point_timeseries.csv", "predictive/runs.csv"}

// TestFitCommand: connact fit writes a fit folder and prints the
// posterior; a second fit into it is refused (exit 2), --force replaces it.
func TestFitCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fit")
	args := []string{"fit", "../../sim/fit/testdata/small.yaml", "--out", dir, "--workers", "2"}
	stdout, stderr, code := connact(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"small-fit: fit of 2 parameter(s), 3 generation(s), 92 runs, 20 particles", "frames_0_share", "90% credible interval", "results: " + dir, "chart: " + filepath.Join(dir, "posterior_predictive.svg")} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "connact: generation 2: 20 proposals") {
		t.Errorf("stderr lacks the generations: %s", stderr)
	}
	if _, stderr, code = connact(t, args...); code != 2 || !strings.Contains(stderr, "already exists") {
		t.Errorf("second fit: exit %d, %s", code, stderr)
	}
	if _, stderr, code = connact(t, append(args, "--force")...); code != 0 {
		t.Errorf("--force: exit %d, %s", code, stderr)
	}
	// --prepare: the next sweep's scenario and the commands to run it.
	prep := filepath.Join(filepath.Dir(dir), "prepared")
	stdout, stderr, code = connact(t, "fit", "../../sim/fit/testdata/small.yaml", "--out", prep, "--prepare")
	next := filepath.Join(prep, "generation-0")
	for _, want := range []string{"the next sweep of the fit is prepared: " + next + ".yaml", "connact sweep " + next + ".yaml --emit slurm", "mv " + next + "-shards/merged " + next, "--resume --prepare"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("--prepare: exit %d, stdout lacks %q:\n%s%s", code, want, stdout, stderr)
		}
	}
	if _, err := os.Stat(next + ".yaml"); err != nil {
		t.Error(err)
	}
}

// TestFitBadInput: a mistake in the fit section or its data exits 2 with
// FILE:LINE:COL and the field, and writes nothing.
func TestFitBadInput(t *testing.T) {
	base := t.TempDir()
	scen, err := os.ReadFile("../../sim/fit/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile("../../sim/fit/testdata/small-signatures.csv")
	for _, tc := range []struct{ name, from, to, data, want string }{
		{"unknown key", "particles: 40", "particels: 40", "", `s.yaml:22:3: fit: unknown key "particels" (did you mean "particles"?)`},
		{"prior out of range", "max: 0.6}", "max: 1.6}", "", `fit.parameters[0].prior.max: 1.6 is outside what frames.0.share accepts`},
		{"missing data file", "data: small-signatures.csv", "data: gone.csv", "", `s.yaml:20:9: fit.data: gone.csv: no such file`},
		{"malformed data", "", "", "day,signatures\n0,5\n1,five\n", `s.yaml:20:9: fit.data: small-signatures.csv:3: signatures: "five" is not a finite number`},
		{"no fit section", "fit:", "fiit:", "", `unknown key "fiit"`},
	} {
		dir := filepath.Join(base, strings.ReplaceAll(tc.name, " ", "-"))
		os.MkdirAll(dir, 0o755)
		src := scen
		if tc.from != "" {
			src = bytes.Replace(scen, []byte(tc.from), []byte(tc.to), 1)
		}
		os.WriteFile(filepath.Join(dir, "s.yaml"), src, 0o644)
		d := data
		if tc.data != "" {
			d = []byte(tc.data)
		}
		os.WriteFile(filepath.Join(dir, "small-signatures.csv"), d, 0o644)
		out := filepath.Join(dir, "out")
		_, stderr, code := connact(t, "fit", filepath.Join(dir, "s.yaml"), "--out", out)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, %q; want 2 and %q", tc.name, code, stderr, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: wrote %s", tc.name, out)
		}
	}
	// A scenario without a fit section.
	if _, stderr, code := connact(t, "fit", "testdata/tiny.yaml", "--out", filepath.Join(base, "tiny")); code != 2 || !strings.Contains(stderr, "has no fit section") {
		t.Errorf("no fit section: exit %d, %s", code, stderr)
	}
}

// TestFitKilledAndResumed: a real connact fit killed with SIGKILL twice,
// in its second and its fourth generation, and resumed, ends
// byte-identical to an uninterrupted fit.
func TestFitKilledAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs a fit three times")
	}
	base := t.TempDir()
	bin := buildConnact(t)
	file := "../../scenarios/fit/petition.yaml"
	// Smaller than shipped: 100 + 3 × 50 runs and 50 predictive.
	set := []string{"--set", "fit.particles=100", "--set", "fit.max_generations=4"}
	whole := filepath.Join(base, "whole")
	if _, stderr, code := connact(t, append([]string{"fit", file, "--out", whole, "--workers", "2"}, set...)...); code != 0 {
		t.Fatal(stderr)
	}
	dir := filepath.Join(base, "killed")
	for round, gen := range []string{"generation-1", "generation-3"} {
		cmd := exec.Command(bin, append([]string{"fit", file, "--out", dir, "--workers", "2", "--resume", "--checkpoint", "10ms"}, set...)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitForFile(filepath.Join(dir, gen, "progress.json"))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if _, err := os.Stat(filepath.Join(dir, "posterior.csv")); err == nil {
			t.Fatalf("round %d: the fit finished before it was killed; it is too fast for this test", round)
		}
		if _, err := os.Stat(filepath.Join(dir, gen)); err != nil {
			t.Fatalf("round %d: killed before %s started", round, gen)
		}
	}
	out, err := exec.Command(bin, append([]string{"fit", file, "--out", dir, "--workers", "1", "--resume"}, set...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("final resume: %v\n%s", err, out)
	}
	sameFiles(t, whole, dir, fitOutputs)
}

// TestFitInterruptMessage: SIGINT stops a fit in its second generation
// with exit 130 and one message whose resume command, with every flag
// given, finishes the fit byte-identical to an uninterrupted one.
func TestFitInterruptMessage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	base := t.TempDir()
	bin := buildConnact(t)
	file := "../../scenarios/fit/petition.yaml"
	given := []string{"--seed", "3", "--set", "fit.particles=100", "--set", "fit.max_generations=3", "--workers", "1", "--charts", "svg"}
	whole := filepath.Join(base, "whole")
	if _, stderr, code := connact(t, append([]string{"fit", file, "--out", whole}, given...)...); code != 0 {
		t.Fatal(stderr)
	}
	dir := filepath.Join(base, "stopped")
	var stderr bytes.Buffer
	cmd := exec.Command(bin, append([]string{"fit", file, "--out", dir}, given...)...)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForFile(filepath.Join(dir, "generation-1", "progress.json"))
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("exit: %v, want 130\n%s", err, stderr.String())
	}
	msg := stderr.String()
	i := strings.Index(msg, "Resume with:\n  ")
	if i < 0 || strings.Count(msg, "Resume with:") != 1 {
		t.Fatalf("no single resume command:\n%s", msg)
	}
	line := strings.TrimSpace(strings.SplitN(msg[i+len("Resume with:\n  "):], "\n", 2)[0])
	args := strings.Fields(line)
	if args[0] != "connact" || args[1] != "fit" {
		t.Fatalf("resume command %q", line)
	}
	for _, g := range given {
		if !strings.Contains(line, g) {
			t.Errorf("resume command %q lacks %q", line, g)
		}
	}
	if out, err := exec.Command(bin, args[1:]...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", line, err, out)
	}
	sameFiles(t, whole, dir, fitOutputs)
}

// waitForFile waits until path exists, for at most a minute: a sweep's
// checkpoint, the moment a test interrupts a fit.
func waitForFile(path string) {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
}
