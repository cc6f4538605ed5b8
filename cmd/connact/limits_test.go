package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
