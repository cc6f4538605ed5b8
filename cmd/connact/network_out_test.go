package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNetworkOut: run --network-out writes the export of the run chosen
// by --network-condition and --network-replicate, the same bytes as the
// default run when they name it; a bad extension, a missing folder, an
// existing file without --force, an unknown condition or replicate exit 2
// before anything runs, writing nothing (no run folder either).
func TestNetworkOut(t *testing.T) {
	dir := t.TempDir()
	net := filepath.Join(dir, "n.gexf")
	stdout, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", filepath.Join(dir, "r"), "--workers", "1", "--network-out", net)
	if code != 0 || !strings.Contains(stdout, "network: "+net) {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	again := filepath.Join(dir, "again.gexf")
	if _, stderr, code = connact(t, "run", "testdata/tiny.yaml", "--out", filepath.Join(dir, "r2"), "--network-out", again, "--network-replicate", "0"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	a, _ := os.ReadFile(net)
	b, _ := os.ReadFile(again)
	if len(a) == 0 || string(a) != string(b) {
		t.Errorf("the same run exported twice differs (%d and %d bytes)", len(a), len(b))
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--network-out", filepath.Join(dir, "n.txt")}, "use .graphml, .gexf or .csv"},
		{[]string{"--network-out", filepath.Join(dir, "none", "n.csv")}, "in no existing folder"},
		{[]string{"--network-out", net}, "already exists"},
		{[]string{"--network-out", filepath.Join(dir, "x.csv"), "--network-condition", "nope"}, "no condition"},
		{[]string{"--network-out", filepath.Join(dir, "x.csv"), "--network-replicate", "9"}, "not a replicate"},
		{[]string{"--network-replicate", "1"}, "--network-out"},
	} {
		out := filepath.Join(dir, "refused")
		_, stderr, code := connact(t, append([]string{"run", "testdata/tiny.yaml", "--out", out}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, stderr, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: the run folder was written", c.args)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.csv")); err == nil {
		t.Error("a refused export was written")
	}
}

// TestAgentsFlag: run --agents writes agents.csv into the run folder; a
// step outside the run exits 2 before anything runs.
func TestAgentsFlag(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	if _, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", dir, "--workers", "1", "--agents", "0,final"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "agents.csv"))
	// 2 replicates × 2 steps × 200 agents, and the header.
	if err != nil || strings.Count(string(b), "\n") != 801 {
		t.Errorf("agents.csv: %v, %d lines", err, strings.Count(string(b), "\n"))
	}
	out := filepath.Join(t.TempDir(), "r")
	if _, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", out, "--agents", "0,99"); code != 2 || !strings.Contains(stderr, "not a step") {
		t.Errorf("--agents 0,99: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused --agents wrote the run folder")
	}
}
