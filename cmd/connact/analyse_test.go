package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnalyse: connact analyse on a finished sweep writes the analysis
// folder and exits 0; again without --force exits 2 and with --force
// replaces it; a folder that is not a finished sweep, a shard, and an
// unknown metric exit 2, naming the problem, and write nothing.
func TestAnalyse(t *testing.T) {
	dir := t.TempDir()
	sw := filepath.Join(dir, "sw")
	if _, errs, code := connact(t, "sweep", "testdata/sweep.yaml", "--out", sw, "--set", "replicates=2", "--set", "steps=20", "--charts", "svg"); code != 0 {
		t.Fatalf("sweep: exit %d\n%s", code, errs)
	}
	out, errs, code := connact(t, "analyse", sw, "--metric", "peak_share", "--resamples", "200")
	if code != 0 {
		t.Fatalf("analyse: exit %d\n%s", code, errs)
	}
	for _, f := range []string{"sensitivity.csv", "datapackage.json", "meta.json", "indices_peak_share_collective.svg", "indices_peak_share_connective.svg"} {
		if _, err := os.Stat(filepath.Join(sw, "sensitivity", f)); err != nil {
			t.Errorf("%s: %v (stdout %s)", f, err, out)
		}
	}
	if !strings.Contains(out, "sensitivity.csv") {
		t.Errorf("stdout %q does not name the table", out)
	}
	if _, errs, code := connact(t, "analyse", sw, "--metric", "peak_share"); code != 2 || !strings.Contains(errs, "exists") {
		t.Errorf("again without --force: exit %d, %q; want 2 and the folder exists", code, errs)
	}
	if _, errs, code := connact(t, "analyse", sw, "--metric", "peak_share", "--force"); code != 0 {
		t.Errorf("with --force: exit %d\n%s", code, errs)
	}
	// The sweep folder with its analysis is still connact's: --force
	// replaces both.
	if _, errs, code := connact(t, "sweep", "testdata/sweep.yaml", "--out", sw, "--set", "replicates=2", "--set", "steps=20", "--charts", "svg", "--force"); code != 0 {
		t.Errorf("sweep --force over an analysed sweep: exit %d\n%s", code, errs)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"not a sweep", []string{dir}, "manifest.json"},
		{"unknown metric", []string{sw, "--metric", "turnout", "--out", filepath.Join(dir, "a")}, "turnout"},
		{"bad level", []string{sw, "--level", "1.5", "--out", filepath.Join(dir, "b")}, "level"},
	} {
		_, errs, code := connact(t, append([]string{"analyse"}, tc.args...)...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: exit %d, %q; want 2 naming %q", tc.name, code, errs, tc.want)
		}
	}
	for _, d := range []string{"a", "b"} {
		if _, err := os.Stat(filepath.Join(dir, d)); err == nil {
			t.Errorf("a refused analysis wrote %s", d)
		}
	}
}
