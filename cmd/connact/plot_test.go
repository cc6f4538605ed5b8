package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// listing returns the names and sizes of the files in dir.
func listing(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e.Name()+" "+fi.ModTime().String())
	}
	return out
}

// TestPlotOptionErrors: a parameter or metric a sweep folder does not
// have, a bad --zmin/--zmax, or a sweep option on a run folder is exit 2
// with a message naming the flag and listing what is allowed
// (--x population_siz was a panic, index out of range [-1]); nothing in
// the folder changes.
func TestPlotOptionErrors(t *testing.T) {
	base := t.TempDir()
	sw := filepath.Join(base, "sweep")
	if _, stderr, code := connact(t, "sweep", "testdata/sweep.yaml", "--out", sw, "--workers", "2"); code != 0 {
		t.Fatalf("sweep: exit %d: %s", code, stderr)
	}
	rf := filepath.Join(base, "run")
	if _, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", rf); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	params := "(the sweep has: frames_0_share, organisations_0_reach)"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"plot", sw, "--x", "population_siz"}, "-x population_siz: no such parameter " + params},
		{[]string{"plot", sw, "--y", "organisations_0_rech"}, "-y organisations_0_rech: no such parameter " + params},
		{[]string{"plot", sw, "--lines", "frames.0.share"}, "-lines frames.0.share: no such parameter " + params},
		{[]string{"plot", sw, "--facet", "share"}, "-facet share: no such parameter " + params},
		{[]string{"plot", sw, "--metric", "peak"}, "-metric peak: no such metric in points.csv (allowed: peak_share, "},
		{[]string{"plot", sw, "--zmin", "low"}, `-zmin must be a finite number, got "low"`},
		{[]string{"plot", sw, "--zmax", "NaN"}, `-zmax must be a finite number, got "NaN"`},
		{[]string{"plot", sw, "--zmin", "0.6", "--zmax", "0.2"}, "-zmax must be greater than -zmin, got -zmin 0.6 -zmax 0.2"},
		{[]string{"plot", rf, "--x", "population_size"}, "-x is for sweep folders; " + rf + " is a run folder"},
		{[]string{"plot", rf, "--zmax", "1"}, "-zmax is for sweep folders; " + rf + " is a run folder"},
	} {
		before, beforeRun := listing(t, sw), listing(t, rf)
		_, stderr, code := connact(t, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 and %q", tc.args, code, stderr, tc.want)
		}
		if !slices.Equal(before, listing(t, sw)) || !slices.Equal(beforeRun, listing(t, rf)) {
			t.Errorf("%q: a folder changed", tc.args)
		}
	}
	// The same flags, right, draw.
	out, stderr, code := connact(t, "plot", sw, "--x", "organisations_0_reach", "--y", "frames_0_share", "--zmin", "0", "--zmax", "1", "--charts", "svg")
	if code != 0 || !strings.Contains(out, "heatmap_peak_share_collective.svg") {
		t.Errorf("plot with --zmin --zmax: exit %d %s %s", code, out, stderr)
	}
}
