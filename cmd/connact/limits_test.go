package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// nothingWritten fails the test when dir (the folder that would hold the
// output) holds anything: an output, a hidden temporary folder or a profile.
func nothingWritten(t *testing.T, name, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		t.Errorf("%s: left %s behind", name, e.Name())
	}
}

// TestWorkersCap: --workers outside 1..MaxWorkers is refused on the command
// line with exit code 2, before anything is allocated or written (it used
// to die in makechan, leaving a hidden temporary folder).
func TestWorkersCap(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"run 1e9", []string{"run", "testdata/tiny.yaml", "--workers", "1000000000"}},
		{"sweep 1e9", []string{"sweep", "testdata/sweep.yaml", "--workers", "1000000000"}},
		{"run 4097", []string{"run", "testdata/tiny.yaml", "--workers", "4097"}},
		{"run 0", []string{"run", "testdata/tiny.yaml", "--workers", "0"}},
		{"sweep -1", []string{"sweep", "testdata/sweep.yaml", "--workers", "-1"}},
		{"emit 1e9", []string{"sweep", "testdata/sweep.yaml", "--workers", "1000000000", "--emit", "slurm", "--shards", "2"}},
	} {
		dir := t.TempDir()
		args := append(tc.args, "--out", filepath.Join(dir, "out"), "--profile", filepath.Join(dir, "prof"))
		stdout, stderr, code := connact(t, args...)
		if code != 2 || !strings.Contains(stderr, "-workers must be in 1..4096") {
			t.Errorf("%s: exit %d, stderr %q; want 2 and the allowed range", tc.name, code, stderr)
		}
		if stdout != "" {
			t.Errorf("%s: printed %q", tc.name, stdout)
		}
		nothingWritten(t, tc.name, dir)
	}
	// More workers than runs is fine: only as many as there are runs start.
	dir := t.TempDir()
	if _, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--workers", "4096", "--out", filepath.Join(dir, "out")); code != 0 {
		t.Errorf("--workers 4096 on 2 runs: exit %d: %s", code, stderr)
	}
}

// TestMaxMemoryNotANumber: --max-memory takes a plain size; NaN (which
// compares false with every limit and so switched the guard off), Inf,
// numbers out of range and hex floats are refused with exit code 2.
func TestMaxMemoryNotANumber(t *testing.T) {
	for _, v := range []string{"NaN", "nan", "Inf", "+Inf", "-Inf", "1e400", "1e3", "0x1p40", "-1G", "4E", "9P9", "", " ", "5000P"} {
		for _, cmd := range [][]string{{"run", "testdata/tiny.yaml"}, {"sweep", "testdata/sweep.yaml"}} {
			dir := t.TempDir()
			args := append(cmd, "--out", filepath.Join(dir, "out"), "--max-memory", v)
			_, stderr, code := connact(t, args...)
			if v == "" {
				// An empty value means the default (what the machine has).
				if code != 0 {
					t.Errorf("%s --max-memory %q: exit %d: %s", cmd[0], v, code, stderr)
				}
				continue
			}
			if code != 2 || !strings.Contains(stderr, "--max-memory") || !strings.Contains(stderr, "is not a size") {
				t.Errorf("%s --max-memory %q: exit %d, %q; want 2 and 'is not a size'", cmd[0], v, code, stderr)
			}
			nothingWritten(t, cmd[0]+" --max-memory "+v, dir)
		}
	}
}

// TestSetEchoCut: an error in a long --set argument repeats only its start
// and its length, not the whole argument.
func TestSetEchoCut(t *testing.T) {
	long := strings.Repeat("x", 100_000)
	for _, tc := range []struct {
		name, set string
	}{
		{"bad value", "population.size=" + long},
		{"bad path", "population." + long + "=5"},
		{"no =", long},
		{"bad YAML", "population.size=[" + long},
	} {
		dir := t.TempDir()
		_, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", filepath.Join(dir, "out"), "--set", tc.set)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2", tc.name, code)
		}
		if len(stderr) > 400 || !strings.Contains(stderr, "bytes)") {
			t.Errorf("%s: %d bytes of message, want the argument cut to its start and length: %.500s", tc.name, len(stderr), stderr)
		}
		nothingWritten(t, tc.name, dir)
	}
}

// TestMemoryGuardCountsReplicates: the tester's scenario (10 agents, a
// complete graph, 10^6 steps, 100 replicates) needs little per run but a
// run folder keeps every replicate's series of a condition: the guard
// refuses it up front, counting that store, and writes nothing. The same
// sweep keeps only running means and is estimated far smaller.
func TestMemoryGuardCountsReplicates(t *testing.T) {
	set := []string{"--set", "population.size=10", "--set", "network.model=complete", "--set", "steps=1000000", "--set", "replicates=100", "--set", "frames[0].seeds=1", "--max-memory", "8G", "--workers", "1"}
	dir := t.TempDir()
	_, stderr, code := connact(t, append([]string{"run", "testdata/tiny.yaml", "--out", filepath.Join(dir, "out")}, set...)...)
	if code != 2 || !strings.Contains(stderr, "the scenario needs about") || !strings.Contains(stderr, "for the values of every replicate of a condition") {
		t.Errorf("exit %d, %q; want 2 and the replicate store named", code, stderr)
	}
	nothingWritten(t, "run", dir)
}

// TestMemoryEstimateCoversRun runs a modest run folder whose replicate
// store dominates (10 agents, 4000 steps, 40 replicates) while sampling
// the heap, and checks that the estimate is at least the peak measured
// (less the collector's headroom) and not absurdly above it.
func TestMemoryEstimateCoversRun(t *testing.T) {
	if testing.Short() {
		t.Skip("samples the heap of a run")
	}
	set := []string{"population.size=10", "network.model=complete", "steps=4000", "replicates=40", "frames[0].seeds=1"}
	l, err := scenario.LoadWithSet("testdata/tiny.yaml", set)
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.MemoryNeed(1, runner.KeepReplicates)
	if err != nil {
		t.Fatal(err)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(10)) // the heap near what is live
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var s runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
			runtime.ReadMemStats(&s)
			if s.HeapAlloc > peak.Load() {
				peak.Store(s.HeapAlloc)
			}
		}
	}()
	_, err = output.WriteRun(context.Background(), st, output.RunOptions{Dir: filepath.Join(t.TempDir(), "out"), Workers: 1})
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	used := int64(peak.Load()) - int64(base)
	t.Logf("estimate %s (%s), peak heap %s", runner.FormatBytes(m.Total), memoryParts(m, runner.KeepReplicates), runner.FormatBytes(used))
	// The estimate is of live memory; at GOGC=10 the heap holds up to a
	// tenth more, garbage not yet collected.
	if float64(m.Total)*1.1 < float64(used) || m.Total > 4*used {
		t.Errorf("estimate %d bytes for a peak of %d", m.Total, used)
	}
}

// TestMemoryGuardBeforeEdgeList: the guard runs before a network file is
// read, estimating it from the file's size. The file here is 4 GiB of
// which only the first lines are written (a sparse file): reading it would
// take long and then fail on its NUL bytes; the guard refuses it at once,
// saying that it estimated the network from the file's size.
func TestMemoryGuardBeforeEdgeList(t *testing.T) {
	dir := t.TempDir()
	edges := filepath.Join(dir, "edges.txt")
	var b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&b, "%d %d\n", i, i+1)
	}
	if err := os.WriteFile(edges, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(edges, 4<<30); err != nil {
		t.Skipf("no sparse file: %v", err)
	}
	yaml := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(yaml, []byte("name: file\nsteps: 5\nreplicates: 1\nnetwork: {model: file, file: edges.txt}\nframes: [{name: f, seeds: 1}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	for _, cmd := range []string{"run", "sweep"} {
		args := []string{cmd, yaml, "--out", out, "--max-memory", "1G"}
		if cmd == "sweep" {
			args = append(args, "--set", "sweep={parameters: [{path: steps, values: [5, 6]}]}")
		}
		_, stderr, code := connact(t, args...)
		if code != 2 || !strings.Contains(stderr, "estimated from its size before reading it") {
			t.Errorf("%s: exit %d, %q; want 2 and the estimate from the file's size", cmd, code, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s wrote %s", cmd, out)
		}
	}
}

// TestPlanOverflow: plans whose runs (points × conditions × replicates),
// run-steps or agent-steps overflow or pass their limits are refused by
// validate and sweep with exit code 2, the sweep section named, and
// nothing written (validate printed a negative time and 639.5 PiB).
func TestPlanOverflow(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  []string
		want string
	}{
		{"1.6e9 points × 1e6 replicates", []string{"sweep={replicates: 1000000, parameters: [{path: frames.0.share, count: 40000, from: 0.1, to: 0.2}, {path: frames.0.width, count: 40000, from: 0.1, to: 0.2}]}"}, "runs, more than the limit of 1e+12"},
		{"runs × steps", []string{"steps=1000000", "sweep={replicates: 1000000, parameters: [{path: frames.0.share, count: 2000, from: 0.1, to: 0.2}]}"}, "run-steps"},
		{"agent-steps", []string{"steps=1000000", "population.size=100000000", "network.mean_degree=2", "sweep={replicates: 1000, parameters: [{path: frames.0.share, count: 100, from: 0.1, to: 0.2}]}"}, "agent-steps"},
		{"plain run", []string{"steps=1000000", "replicates=1000000", "population.size=100000000", "network.mean_degree=2"}, "replicates: 1 condition(s) × 1000000 replicate(s) = 1000000 runs of 1000000 steps of 100000000 agents, more than the limit of 1e+18 agent-steps"},
	} {
		var args []string
		for _, s := range tc.set {
			args = append(args, "--set", s)
		}
		for _, cmd := range []string{"validate", "sweep"} {
			if cmd == "sweep" && !strings.Contains(strings.Join(tc.set, " "), "sweep=") {
				continue
			}
			dir := t.TempDir()
			stdout, stderr, code := connact(t, append([]string{cmd, "testdata/tiny.yaml", "--out", filepath.Join(dir, "out")}, args...)...)
			if cmd == "validate" {
				stdout, stderr, code = connact(t, append([]string{cmd, "testdata/tiny.yaml"}, args...)...)
			}
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("%s %s: exit %d, %q; want 2 and %q", cmd, tc.name, code, stderr, tc.want)
			}
			if strings.Contains(stdout, "-") && strings.Contains(stdout, "h") && strings.Contains(stdout, "estimate") {
				t.Errorf("%s %s: printed an estimate: %s", cmd, tc.name, stdout)
			}
			nothingWritten(t, cmd+" "+tc.name, dir)
		}
	}
}

// TestListLimits: more organisations, frames, conditions or events than
// allowed is refused with the limit named, at the list's position.
func TestListLimits(t *testing.T) {
	many := func(n int, f string) string {
		var b strings.Builder
		b.WriteString("[")
		for i := range n {
			if i > 0 {
				b.WriteString(", ")
			}
			if strings.Contains(f, "%d") {
				fmt.Fprintf(&b, f, i)
			} else {
				b.WriteString(f)
			}
		}
		return b.String() + "]"
	}
	for _, tc := range []struct {
		name, set, want string
	}{
		{"frames", "frames=" + many(1001, "{name: f%d, seeds: 1}"), "frames: 1001 entries, at most 1000 allowed"},
		{"organisations", "organisations=" + many(1001, "{name: o%d}"), "organisations: 1001 entries, at most 1000 allowed"},
		{"conditions", "conditions=" + many(1001, "{name: c%d}"), "conditions: 1001 entries, at most 1000 allowed"},
		{"events", "events=" + many(10001, "{step: 1, type: media_shock, share: 0.1, mechanism: tag}"), "events: 10001 entries, at most 10000 allowed"},
	} {
		_, stderr, code := connact(t, "validate", "testdata/tiny.yaml", "--set", tc.set)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, %.300q; want 2 and %q", tc.name, code, stderr, tc.want)
		}
	}
}
