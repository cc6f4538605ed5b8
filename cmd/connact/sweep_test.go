package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var sweepCSV = []string{"runs.csv", "points.csv", "point_timeseries.csv", "scenario.yaml", "manifest.json"}

func sameSweep(t *testing.T, a, b string) {
	t.Helper()
	sameFiles(t, a, b, sweepCSV)
}

// sameFiles checks that the folders a and b hold the same bytes in files.
func sameFiles(t *testing.T, a, b string, files []string) {
	t.Helper()
	for _, f := range files {
		x, err1 := os.ReadFile(filepath.Join(a, f))
		y, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s (%v %v)", f, a, b, err1, err2)
		}
	}
}

func TestSweepCommand(t *testing.T) {
	base := t.TempDir()
	whole := filepath.Join(base, "whole")
	stdout, stderr, code := connact(t, "sweep", "testdata/sweep.yaml", "--out", whole, "--workers", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "12 points × 2 condition(s) × 4 replicate(s) = 96 runs") {
		t.Errorf("stdout: %s", stdout)
	}
	// Progress goes to stderr only, as plain lines when it is not a terminal.
	if !strings.Contains(stderr, "connact: 96/96 runs (100.0%)") || strings.Contains(stdout, "runs/s") {
		t.Errorf("progress: stderr %q stdout %q", stderr, stdout)
	}
	var shards []string
	for _, s := range []string{"0/3", "1/3", "2/3"} {
		d := filepath.Join(base, "shard"+s[:1])
		if _, stderr, code := connact(t, "sweep", "testdata/sweep.yaml", "--out", d, "--shard", s, "--workers", "1"); code != 0 {
			t.Fatalf("shard %s: %s", s, stderr)
		}
		shards = append(shards, d)
	}
	merged := filepath.Join(base, "merged")
	if out, stderr, code := connact(t, append(append([]string{"merge"}, shards...), "--out", merged, "--format", "parquet")...); code != 0 || !strings.Contains(out, "runs.parquet") {
		t.Fatalf("merge: %s %s", out, stderr)
	}
	sameSweep(t, whole, merged)
	if _, stderr, code := connact(t, "merge", shards[0], "--out", filepath.Join(base, "m2")); code != 2 || !strings.Contains(stderr, "missing shard(s) 1, 2 of 3") {
		t.Errorf("merge of one shard: exit %d %s", code, stderr)
	}
	// Plot redraws a sweep folder with another metric.
	if out, stderr, code := connact(t, "plot", whole, "--metric", "final_share", "--format", "svg"); code != 0 || !strings.Contains(out, "heatmap_final_share_collective.svg") {
		t.Errorf("plot sweep: exit %d %s %s", code, out, stderr)
	}
	for _, args := range [][]string{
		{"sweep", "testdata/tiny.yaml"},                                    // no sweep section
		{"sweep", "testdata/sweep.yaml", "--shard", "3/3"},                 // bad shard
		{"sweep", "testdata/sweep.yaml", "--shard", "auto"},                // no batch environment
		{"sweep", "testdata/sweep.yaml", "--out", whole},                   // exists
		{"sweep", "testdata/sweep.yaml", "--timeseries", "no"},             // bad flag
		{"sweep", "testdata/sweep.yaml", "--emit", "pbs", "--shards", "2"}, // unknown emitter
		{"sweep", "testdata/sweep.yaml", "--emit", "slurm"},                // no --shards
	} {
		if _, stderr, code := connact(t, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
	for _, kind := range []string{"slurm", "k8s"} {
		out, stderr, code := connact(t, "sweep", "testdata/sweep.yaml", "--emit", kind, "--shards", "3", "--out", filepath.Join(base, "job"))
		if code != 0 || !strings.Contains(out, "--shard") || !strings.Contains(out, "--resume") {
			t.Errorf("--emit %s: exit %d %s\n%s", kind, code, stderr, out)
		}
	}
}

// TestSweepKilledAndResumed kills a real connact process with SIGKILL twice
// in the middle of a sweep, resumes it each time, and checks that the result
// is byte-identical to an uninterrupted sweep, with nothing lost or
// duplicated.
func TestSweepKilledAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs a sweep three times")
	}
	base := t.TempDir()
	bin := buildConnact(t)
	for _, tc := range []struct {
		name, file string
		set        []string
		runs       int
	}{
		{"cli-sweep", "testdata/sweep.yaml", []string{"population.size=3000", "steps=100"}, 96},
		// The shipped students' sweep, as the README runs it, with 2 replicates.
		{"group-size-diversity", "../../scenarios/sweeps/group-size-diversity.yaml", []string{"sweep.replicates=2"}, 100},
	} {
		t.Run(tc.name, func(t *testing.T) { killAndResume(t, bin, filepath.Join(base, tc.name), tc.file, tc.set, tc.runs) })
	}
}

func killAndResume(t *testing.T, bin, base, file string, set []string, runs int) {
	var setArgs []string
	for _, s := range set {
		setArgs = append(setArgs, "--set", s)
	}
	whole := filepath.Join(base, "whole")
	if _, stderr, code := connact(t, append([]string{"sweep", file, "--out", whole, "--workers", "2"}, setArgs...)...); code != 0 {
		t.Fatal(stderr)
	}
	dir := filepath.Join(base, "killed")
	done := func() int {
		var pr struct{ Done int }
		b, err := os.ReadFile(filepath.Join(dir, "progress.json"))
		if err != nil || json.Unmarshal(b, &pr) != nil {
			return -1
		}
		return pr.Done
	}
	for round, at := range []int{runs / 5, runs / 2} {
		cmd := exec.Command(bin, append([]string{"sweep", file, "--out", dir, "--workers", "2", "--resume", "--checkpoint", "10ms"}, setArgs...)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(60 * time.Second)
		for done() < at && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if d := done(); d < at || d >= runs {
			t.Fatalf("round %d: killed with %d runs checkpointed; the sweep is too fast or too slow for this test", round, d)
		}
	}
	out, err := exec.Command(bin, append([]string{"sweep", file, "--out", dir, "--workers", "1", "--resume"}, setArgs...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("final resume: %v\n%s", err, out)
	}
	sameSweep(t, whole, dir)
}

// TestSweepInterruptMessage: SIGINT stops a sweep cleanly and says, once,
// how to resume, with every flag given; the command printed resumes the
// sweep, which ends byte-identical to an uninterrupted one.
func TestSweepInterruptMessage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	base := t.TempDir()
	bin := buildConnact(t)
	dir := filepath.Join(base, "s d") // a space: the command must quote it
	given := []string{"--seed", "5", "--format", "parquet", "--charts", "svg", "--set", "frames.0.seeds=12",
		"--timeseries", "runs", "--workers", "1", "--checkpoint", "1s"}
	cmd := exec.Command(bin, append([]string{"sweep", "testdata/sweep.yaml", "--out", dir}, given...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(filepath.Join(dir, "progress.json")); err == nil {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 130 || !strings.Contains(stderr.String(), "--resume") {
		t.Fatalf("exit %v, stderr %q", err, stderr.String())
	}
	if strings.Contains(stderr.String(), "nothing was written") {
		t.Errorf("after saying what it kept, the sweep says nothing was written: %q", stderr.String())
	}
	_, resume, ok := strings.Cut(stderr.String(), "Resume with:\n  ")
	resume, _, _ = strings.Cut(resume, "\n")
	if !ok || !strings.HasPrefix(resume, "connact sweep ") {
		t.Fatalf("no resume command in %q", stderr.String())
	}
	for i := 0; i < len(given); i += 2 {
		if !strings.Contains(resume, " "+given[i]+" "+given[i+1]) {
			t.Errorf("the resume command %q lacks %s %s", resume, given[i], given[i+1])
		}
	}
	out, err := exec.Command("sh", "-c", "exec "+sweepShellQuote(bin)+strings.TrimPrefix(resume, "connact")).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", resume, err, out)
	}
	if !strings.Contains(string(out), "runs.parquet") || !strings.Contains(string(out), ".svg") {
		t.Errorf("the resumed sweep wrote no Parquet tables or SVG charts:\n%s", out)
	}
	whole := filepath.Join(base, "whole")
	if _, stderr, code := connact(t, append([]string{"sweep", "testdata/sweep.yaml", "--out", whole}, given...)...); code != 0 {
		t.Fatal(stderr)
	}
	sameSweep(t, whole, dir)
	x, _ := os.ReadFile(filepath.Join(whole, "runs_timeseries.csv"))
	y, _ := os.ReadFile(filepath.Join(dir, "runs_timeseries.csv"))
	if len(x) == 0 || !bytes.Equal(x, y) {
		t.Errorf("runs_timeseries.csv differs (%d and %d bytes)", len(x), len(y))
	}
}

// sweepShellQuote quotes a path for sh.
func sweepShellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
