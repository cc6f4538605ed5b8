package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// metaMayDiffer are the fields of meta.json that legitimately differ between
// two runs of the same scenario and seed: the number of workers asked for,
// and when the run started and finished and how long it took. Everything
// else (versions, VCS revision, scenario hash, seeds, conditions, the runs
// and their seeds, network statistics, network file) must agree.
var metaMayDiffer = []string{"workers", "started", "finished", "wall_seconds"}

// TestRunSeparateProcessesIdentical runs the same scenario (two conditions,
// six replicates) in two separate connact processes, with 1 and 4
// workers, and compares the two run folders: the same files, every CSV
// file, scenario.yaml and every SVG and PNG chart byte for byte, and
// meta.json on every field but metaMayDiffer. Separate processes rule out
// any state shared in memory (caches, a global random source) making the
// in-process checks pass.
func TestRunSeparateProcessesIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildConnact(t)
	base := t.TempDir()
	dirs := map[string]string{"1": filepath.Join(base, "w1"), "4": filepath.Join(base, "w4")}
	for _, w := range []string{"1", "4"} {
		out, err := exec.Command(bin, "run", "testdata/repro.yaml", "--out", dirs[w], "--workers", w).CombinedOutput()
		if err != nil {
			t.Fatalf("--workers %s: %v\n%s", w, err, out)
		}
	}
	a, b := dirs["1"], dirs["4"]
	names := func(dir string) []string {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range ents {
			out = append(out, e.Name())
		}
		return out
	}
	files := names(a)
	if other := names(b); !slices.Equal(files, other) {
		t.Fatalf("the folders hold different files:\n%q\n%q", files, other)
	}
	for _, want := range []string{"timeseries.csv", "groups.csv", "summary.csv", "aggregate.csv", "summary_aggregate.csv",
		"scenario.yaml", "meta.json", "participation.svg", "participation.png", "participation.pdf", "members.svg", "members.png", "members.pdf"} {
		if !slices.Contains(files, want) {
			t.Errorf("%s was not written", want)
		}
	}
	for _, f := range files {
		x, err1 := os.ReadFile(filepath.Join(a, f))
		y, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if f == "meta.json" {
			sameMeta(t, x, y)
			continue
		}
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between --workers 1 and --workers 4 in separate processes (or is empty)", f)
		}
	}
}

// sameMeta compares two meta.json files on every field but metaMayDiffer,
// and checks that those exist (so that the list stays true).
func sameMeta(t *testing.T, x, y []byte) {
	t.Helper()
	var a, b map[string]any
	if err := json.Unmarshal(x, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(y, &b); err != nil {
		t.Fatal(err)
	}
	for _, k := range metaMayDiffer {
		if _, ok := a[k]; !ok {
			t.Errorf("meta.json has no field %q", k)
		}
	}
	if a["workers"] != 1.0 || b["workers"] != 4.0 {
		t.Errorf("meta.json workers %v and %v, want 1 and 4", a["workers"], b["workers"])
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			t.Errorf("meta.json field %q only in the first run", k)
		}
	}
	for k, v := range b {
		w, ok := a[k]
		switch {
		case !ok:
			t.Errorf("meta.json field %q only in the second run", k)
		case slices.Contains(metaMayDiffer, k):
		case !reflect.DeepEqual(v, w):
			t.Errorf("meta.json field %q differs: %v and %v", k, w, v)
		}
	}
}
