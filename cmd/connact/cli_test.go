package main

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestHelp: every way of asking for help, of connact and of each
// sub-command, prints the usage on stdout and exits 0.
func TestHelp(t *testing.T) {
	cases := [][]string{{"--help"}, {"-h"}, {"-help"}, {"help"}}
	for _, c := range commands {
		cases = append(cases, []string{c.Name, "-h"}, []string{c.Name, "--help"}, []string{"help", c.Name})
	}
	for _, args := range cases {
		stdout, stderr, code := connact(t, args...)
		if code != 0 {
			t.Errorf("%q: exit %d, want 0 (%s)", args, code, stderr)
		}
		want := "usage: connact"
		if !strings.Contains(stdout, want) {
			t.Errorf("%q: stdout lacks %q:\n%s", args, want, stdout)
		}
	}
	// A mistake still prints the usage, on stderr, and exits 2.
	stdout, stderr, code := connact(t, "run", "--no-such-flag")
	if code != 2 || stdout != "" || !strings.Contains(stderr, "usage: connact run") {
		t.Errorf("run --no-such-flag: exit %d, stdout %q, stderr %q; want 2, usage on stderr", code, stdout, stderr)
	}
}

// TestVersion: version and --version print the version, the Go version and
// the revision (or why there is none), one a line.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		stdout, stderr, code := connact(t, args...)
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		if code != 0 || len(lines) != 3 || !regexp.MustCompile(`^connact \d+\.\d+\.\d+`).MatchString(lines[0]) ||
			lines[1] != runtime.Version() || !strings.HasPrefix(lines[2], "revision ") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
	if _, _, code := connact(t, "version", "extra"); code != 2 {
		t.Errorf("version extra: exit %d, want 2", code)
	}
}

// TestChartsAndTablesFlags: --charts names chart formats in run, sweep and
// merge; --tables the table format in sweep and merge; --format, the old
// name of each, is still accepted, and both names with different values
// are refused.
func TestChartsAndTablesFlags(t *testing.T) {
	base := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
		want []string // files in the folder
	}{
		{"run --charts", []string{"run", "testdata/tiny.yaml", "--charts", "pdf"}, 0, []string{"participation.pdf"}},
		{"run --format (old name)", []string{"run", "testdata/tiny.yaml", "--format", "png"}, 0, []string{"participation.png"}},
		{"run --charts and --format the same", []string{"run", "testdata/tiny.yaml", "--charts", "svg", "--format", "svg"}, 0, []string{"participation.svg"}},
		{"run --charts and --format differing", []string{"run", "testdata/tiny.yaml", "--charts", "svg", "--format", "png"}, 2, nil},
		{"run --charts unknown", []string{"run", "testdata/tiny.yaml", "--charts", "gif"}, 2, nil},
		{"sweep --tables unknown", []string{"sweep", "testdata/sweep.yaml", "--tables", "xlsx"}, 2, nil},
		{"sweep --tables and --format differing", []string{"sweep", "testdata/sweep.yaml", "--tables", "csv", "--format", "parquet"}, 2, nil},
		{"merge --tables unknown", []string{"merge", "x", "--tables", "xlsx"}, 2, nil},
		{"merge --tables and --format differing", []string{"merge", "x", "--tables", "parquet", "--format", "csv"}, 2, nil},
	} {
		out := filepath.Join(base, strings.ReplaceAll(tc.name, " ", "_"))
		_, stderr, code := connact(t, append(tc.args, "--out", out)...)
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d (%s)", tc.name, code, tc.code, stderr)
			continue
		}
		for _, f := range tc.want {
			if _, err := os.Stat(filepath.Join(out, f)); err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
		}
		if tc.code != 0 {
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s: refused, but wrote %s", tc.name, out)
			}
		}
	}
}

// TestRunProgress: run reports progress on stderr (not a terminal here:
// plain lines, the last at the end), never on stdout.
func TestRunProgress(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tiny")
	stdout, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "connact: 2/2 runs (100.0%)") || strings.Contains(stdout, "runs/s") {
		t.Errorf("progress: stderr %q, stdout %q; want the last progress line on stderr only", stderr, stdout)
	}
}

// TestFolderModes: run, sweep and merge folders have the same mode (0755
// less the umask), not 0700 for some.
func TestFolderModes(t *testing.T) {
	base := t.TempDir()
	runDir, sweepDir, merged := filepath.Join(base, "run"), filepath.Join(base, "sweep"), filepath.Join(base, "merged")
	var shards []string
	steps := []struct{ args []string }{
		{[]string{"run", "testdata/tiny.yaml", "--out", runDir}},
		{[]string{"sweep", "testdata/sweep.yaml", "--out", sweepDir, "--set", "steps=5", "--set", "population.size=100", "--set", "replicates=1", "--charts", ""}},
	}
	for i := range 2 {
		d := filepath.Join(base, "shard"+string(rune('0'+i)))
		shards = append(shards, d)
		steps = append(steps, struct{ args []string }{[]string{"sweep", "testdata/sweep.yaml", "--out", d, "--shard", string(rune('0'+i)) + "/2", "--set", "steps=5", "--set", "population.size=100", "--set", "replicates=1"}})
	}
	steps = append(steps, struct{ args []string }{append(append([]string{"merge"}, shards...), "--out", merged, "--charts", "svg")})
	for _, s := range steps {
		if _, stderr, code := connact(t, s.args...); code != 0 {
			t.Fatalf("%q: exit %d: %s", s.args, code, stderr)
		}
	}
	want, _ := os.Stat(sweepDir)
	for _, d := range []string{runDir, merged} {
		st, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != want.Mode().Perm() || st.Mode().Perm()&0o055 == 0 {
			t.Errorf("%s: mode %v, sweep folder %v; want the same, readable by others as umask allows", d, st.Mode().Perm(), want.Mode().Perm())
		}
	}
}

// TestValidateShowsSweepDefaults: validate prints a sweep's unset
// replicates, parameter names and metric as the values a sweep uses, not
// as 0 and empty strings.
func TestValidateShowsSweepDefaults(t *testing.T) {
	stdout, stderr, code := connact(t, "validate", "testdata/sweep.yaml", "--no-estimate")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sw := stdout[strings.Index(stdout, "\nsweep:"):]
	for _, want := range []string{"name: frames_0_share", "name: organisations_0_reach", "\n  replicates: 4\n", "\n  metric: peak_share\n"} {
		if !strings.Contains(sw, want) {
			t.Errorf("the sweep section lacks %q:\n%s", want, sw)
		}
	}
	for _, bad := range []string{"replicates: 0", "name: ''", "metric: ''"} {
		if strings.Contains(sw, bad) {
			t.Errorf("the sweep section shows %q:\n%s", bad, sw)
		}
	}
}
