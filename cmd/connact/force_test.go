//go:build linux

package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/connact/connact/sim/output"
)

// snapshot records every path under root: its mode and, for a regular
// file, its bytes, for a link its target, for a device its number.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		v := fi.Mode().String()
		switch {
		case fi.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v += " " + string(b)
		case fi.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			v += " -> " + target
		case fi.Mode()&fs.ModeDevice != 0:
			v += fmt.Sprintf(" dev %d", fi.Sys().(*syscall.Stat_t).Rdev)
		}
		m[p] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// diffSnapshots describes what changed between two snapshots.
func diffSnapshots(a, b map[string]string) string {
	var d []string
	for p, v := range a {
		if w, ok := b[p]; !ok {
			d = append(d, "gone: "+p)
		} else if w != v {
			d = append(d, "changed: "+p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			d = append(d, "new: "+p)
		}
	}
	sort.Strings(d)
	return strings.Join(d, "; ")
}

// TestForceCanary: --force never deletes, replaces or writes through what
// connact did not write. A canary tree holds a home folder, the working
// directory, files, a link to a file outside, a link to a folder, a named
// pipe, a character device, a run folder with a thesis in it, a run folder
// with a subfolder, a folder with a meta.json that is not connact's, and
// non-profile and non-chart files under profile and chart names. Every
// refused command, through the real command line, exits 2 and leaves every
// byte and mode of the tree as it was; then --force over connact's own run
// folder, sweep folder, merged folder, chart and profile works.
func TestForceCanary(t *testing.T) {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	tiny, sweepFile := abs("testdata/tiny.yaml"), abs("testdata/sweep.yaml")
	small := []string{"--set", "sweep.replicates=1", "--set", "population.size=200", "--set", "steps=10", "--workers", "1"}

	// connact's own output, made outside the canary tree.
	own := t.TempDir()
	runA, runB, shard := filepath.Join(own, "a"), filepath.Join(own, "b"), filepath.Join(own, "shard")
	for _, args := range [][]string{
		{"run", tiny, "--out", runA},
		{"run", tiny, "--out", runB},
		append([]string{"sweep", sweepFile, "--out", shard}, small...),
	} {
		if _, stderr, code := connact(t, args...); code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, stderr)
		}
	}

	root := t.TempDir()
	home, work, res := filepath.Join(root, "home"), filepath.Join(root, "work"), filepath.Join(root, "results")
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(home, "notes.txt"), "home notes")
	write(filepath.Join(work, "data.csv"), "a,b\n1,2\n")
	write(filepath.Join(root, "outside.txt"), "outside, linked to")
	write(filepath.Join(res, "mydocs", "essay.md"), "# essay")
	write(filepath.Join(res, "file.txt"), "a plain file")
	write(filepath.Join(res, "fakemeta", "meta.json"), `{"hello": "not connact's"}`)
	write(filepath.Join(res, "fakemanifest", "manifest.json"), `{"connact_version": "x"}`)
	write(filepath.Join(res, "victim2.svg"), "my drawing, not an SVG")
	write(filepath.Join(res, "chart-as-png.svg"), "\x89PNG\r\n\x1a\nbut named svg")
	write(filepath.Join(res, "r.cpu.pprof"), "not a profile")
	for _, d := range []struct{ name, extra string }{{"thesis-run", "thesis.tex"}, {"sub-run", "drafts/ch1.tex"}} {
		if _, stderr, code := connact(t, "run", tiny, "--out", filepath.Join(res, d.name)); code != 0 {
			t.Fatalf("run: %s", stderr)
		}
		write(filepath.Join(res, d.name, d.extra), "\\chapter{mine}")
	}
	if _, stderr, code := connact(t, append([]string{"sweep", sweepFile, "--out", filepath.Join(res, "notes-sweep")}, small...)...); code != 0 {
		t.Fatalf("sweep: %s", stderr)
	}
	write(filepath.Join(res, "notes-sweep", "notes.txt"), "my notes on the sweep")
	for link, target := range map[string]string{
		"link-dir": filepath.Join(res, "mydocs"), "victim.svg": filepath.Join(root, "outside.txt"),
		"p.cpu.pprof": filepath.Join(root, "outside.txt"), "run-link": filepath.Join(res, "thesis-run"),
	} {
		if err := os.Symlink(target, filepath.Join(res, link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(res, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(res, "pipe.svg"), 0o644); err != nil {
		t.Fatal(err)
	}
	devices := true // a /dev/null-like character device (1, 3), where mknod is allowed
	for _, name := range []string{"null", "null.svg", "q.cpu.pprof"} {
		if err := syscall.Mknod(filepath.Join(res, name), syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			devices = false
			t.Logf("no character devices (%v): those cases are skipped", err)
			break
		}
	}
	t.Setenv("HOME", home)
	t.Chdir(work)

	before := snapshot(t, root)
	r := func(name string) string { return filepath.Join(res, name) }
	folders := []string{r("thesis-run"), r("sub-run"), r("notes-sweep"), r("mydocs"), r("link-dir"), r("run-link"),
		r("file.txt"), r("fifo"), r("fakemeta"), r("fakemanifest"), ".", "..", work, home, root, res, "../home"}
	if devices {
		folders = append(folders, r("null"))
	}
	why := map[string]string{
		r("thesis-run"): "holds thesis.tex, which connact did not write", r("sub-run"): "holds the folder drafts",
		r("notes-sweep"): "holds notes.txt", r("mydocs"): "not a folder connact wrote (no meta.json or manifest.json)",
		r("link-dir"): "is a symbolic link", r("run-link"): "is a symbolic link", r("file.txt"): "is a file, not a folder",
		r("fifo"): "is a named pipe", r("fakemeta"): "meta.json is not connact's", r("fakemanifest"): "manifest.json is not connact's",
		".": "is the working directory", "..": "contains", work: "is the working directory", home: "is your home folder",
		"../home": "is your home folder", root: "contains", res: "no meta.json or manifest.json", r("null"): "is a character device",
	}
	type tc struct {
		args []string
		want []string // in stderr
	}
	var cases []tc
	for _, dir := range folders {
		want := []string{dir, why[dir]}
		cases = append(cases,
			tc{[]string{"run", tiny, "--out", dir, "--force"}, want},
			tc{[]string{"run", tiny, "--out", dir}, want},
			tc{append([]string{"sweep", sweepFile, "--out", dir, "--force"}, small...), want},
			tc{[]string{"merge", shard, "--out", dir, "--force"}, want},
		)
	}
	for _, f := range []string{"victim.svg", "victim2.svg", "chart-as-png.svg", "pipe.svg", "mydocs", "link-dir"} {
		cases = append(cases, tc{[]string{"plot", runA, "--compare", runB, "--out", r(f), "--force"}, []string{r(f)}})
	}
	cases = append(cases,
		tc{[]string{"plot", runA, "--compare", runB, "--out", r("victim.svg")}, []string{"is a symbolic link"}},
		tc{[]string{"plot", runA, "--compare", runB, "--out", r("victim2.svg")}, []string{"is not a chart file connact wrote"}},
		tc{[]string{"plot", runA, "--compare", runB, "--out", r("chart-as-png.svg"), "--force"}, []string{"is not a chart file connact wrote"}},
		tc{[]string{"run", tiny, "--out", filepath.Join(own, "never"), "--profile", r("p"), "--force"}, []string{r("p.cpu.pprof"), "is a symbolic link"}},
		tc{[]string{"run", tiny, "--out", filepath.Join(own, "never"), "--profile", r("r"), "--force"}, []string{r("r.cpu.pprof"), "not a profile file connact wrote"}})
	if devices {
		cases = append(cases,
			tc{[]string{"plot", runA, "--compare", runB, "--out", r("null.svg"), "--force"}, []string{"is a character device"}},
			tc{[]string{"run", tiny, "--out", filepath.Join(own, "never"), "--profile", r("q"), "--force"}, []string{"is a character device"}})
	}
	for _, c := range cases {
		_, stderr, code := connact(t, c.args...)
		missing := false
		for _, w := range c.want {
			missing = missing || !strings.Contains(stderr, w)
		}
		if code != 2 || missing {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 and %q", c.args, code, stderr, c.want)
		}
		if d := diffSnapshots(before, snapshot(t, root)); d != "" {
			t.Fatalf("%q changed the canary tree: %s", c.args, d)
		}
	}
	if _, err := os.Stat(filepath.Join(own, "never")); !os.IsNotExist(err) {
		t.Error("a refused --profile still ran")
	}
	t.Logf("%d refused cases", len(cases))

	// --force over what connact wrote still works.
	profile := filepath.Join(own, "prof")
	for _, args := range [][]string{
		{"run", tiny, "--out", runA, "--force", "--profile", profile},
		{"run", tiny, "--out", runA, "--force", "--profile", profile},
		append([]string{"sweep", sweepFile, "--out", filepath.Join(own, "sw"), "--profile", profile, "--force"}, small...),
		append([]string{"sweep", sweepFile, "--out", filepath.Join(own, "sw"), "--force"}, small...),
		{"merge", shard, "--out", filepath.Join(own, "merged")},
		{"merge", shard, "--out", filepath.Join(own, "merged"), "--force"},
		{"merge", shard, "--out", filepath.Join(own, "sw"), "--force"}, // a sweep folder over a sweep folder
		{"plot", runA, "--compare", runB, "--out", filepath.Join(own, "cmp.svg"), "--format", "svg,png,pdf"},
		{"plot", runA, "--compare", runB, "--out", filepath.Join(own, "cmp.svg"), "--format", "svg,png,pdf", "--force"},
	} {
		if _, stderr, code := connact(t, args...); code != 0 {
			t.Errorf("%q: exit %d: %s", args, code, stderr)
		}
	}
	ents, _ := os.ReadDir(own)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") || strings.Contains(e.Name(), ".old-") {
			t.Errorf("--force left %s behind", e.Name())
		}
	}
	if code := func() int {
		_, _, c := connact(t, "plot", runA, "--compare", runB, "--out", filepath.Join(own, "cmp.svg"))
		return c
	}(); code != 2 {
		t.Errorf("plot over an existing chart without --force: exit %d, want 2", code)
	}
}

// TestLeftovers: a command killed while writing leaves a hidden temporary
// folder (simulated here by output.TempDir released without being removed,
// which is what a killed process leaves); the next run into that parent
// removes it and says so on stderr, with its size. A temporary folder
// whose lock is held (a connact still running) is left alone, and so is
// one holding a file connact does not write.
func TestLeftovers(t *testing.T) {
	base := t.TempDir()
	stale, err := output.NewTempDir(filepath.Join(base, "killed"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(stale.Path, "manifest.json"), []byte("{}"), 0o644)
	os.WriteFile(filepath.Join(stale.Path, "runs.csv"), make([]byte, 3000), 0o644)
	stale.Release() // the process dies: its lock goes with it
	live, err := output.NewTempDir(filepath.Join(base, "running"))
	if err != nil {
		t.Fatal(err)
	}
	defer live.Remove()
	os.WriteFile(filepath.Join(live.Path, "runs.csv"), []byte("x"), 0o644)
	foreign, err := output.NewTempDir(filepath.Join(base, "odd"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(foreign.Path, "thesis.tex"), []byte("mine"), 0o644)
	foreign.Release()

	_, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", filepath.Join(base, "next"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := fmt.Sprintf("connact: removed the leftover temporary folder %s (2.9 KiB) of an interrupted run\n", stale.Path)
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
	if _, err := os.Stat(stale.Path); !os.IsNotExist(err) {
		t.Errorf("the stale folder %s is still there", stale.Path)
	}
	if _, err := os.Stat(filepath.Join(live.Path, "runs.csv")); err != nil || strings.Contains(stderr, live.Path) {
		t.Errorf("the locked folder of a running connact was touched or reported (%v): %q", err, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(foreign.Path, "thesis.tex")); err != nil || string(b) != "mine" || !strings.Contains(stderr, "holds thesis.tex, which connact does not write") {
		t.Errorf("a folder holding a user's file: %v, %q; stderr %q", err, b, stderr)
	}
}

// TestSweepKilledAtStart: a sweep interrupted while it makes its folder
// leaves nothing at --out (which could not be resumed) and no temporary
// folder; it exits 130.
func TestSweepKilledAtStart(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "s")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := run(ctx, io.Discard, io.Discard, []string{"sweep", "testdata/sweep.yaml", "--out", out})
	if code := exitCode(io.Discard, err); code != 130 {
		t.Errorf("exit %d, want 130 (%v)", code, err)
	}
	if ents, _ := os.ReadDir(base); len(ents) != 0 {
		t.Errorf("a sweep interrupted at start left %v", ents)
	}
}

// TestForceOverOwnCharts: --force replaces a run folder holding every chart
// connact draws into one: the action mix of a scenario with actions
// (actions.*) and the network figures of plot --network (network.*,
// network_degree.*, network_core.*).
func TestForceOverOwnCharts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	y := filepath.Join(t.TempDir(), "acts.yaml")
	if err := os.WriteFile(y, []byte("name: acts\nsteps: 6\nreplicates: 2\npopulation: {size: 300}\nframes: [{name: f, seeds: 10, share: 0.3}]\nactions: [{name: sign, effort: 0.01}, {name: march, effort: 0.2}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := connact(t, "run", y, "--out", dir); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "actions.svg")); err != nil {
		t.Fatalf("no actions chart: %v", err)
	}
	for _, extra := range [][]string{{"--network"}, {"--network", "--degree"}} {
		if _, stderr, code := connact(t, append([]string{"plot", dir}, extra...)...); code != 0 {
			t.Fatalf("plot %v: exit %d: %s", extra, code, stderr)
		}
	}
	for _, f := range []string{"network.svg", "network_degree.svg", "network_core.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatalf("plot --network wrote no %s: %v", f, err)
		}
	}
	if _, stderr, code := connact(t, "run", y, "--out", dir, "--force"); code != 0 {
		t.Fatalf("run --force over its own folder: exit %d: %s", code, stderr)
	}
}
