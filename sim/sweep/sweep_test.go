package sweep

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// files that must be byte-identical between any two ways of running the
// same sweep (meta.json records times and is not among them).
var identical = []string{RunsFile, PointsFile, TimeseriesFile, ScenarioFile, ManifestFile, DataPackageFile}

func study(t testing.TB, set ...string) *runner.Study {
	t.Helper()
	l, err := scenario.LoadWithSet("testdata/small.yaml", set)
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewSweepStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func run(t *testing.T, dir string, opt Options) *Report {
	t.Helper()
	opt.Dir = dir
	if opt.Workers == 0 {
		opt.Workers = 2
	}
	rep, err := Run(context.Background(), study(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func sameFiles(t *testing.T, what, a, b string, names ...string) {
	t.Helper()
	if names == nil {
		names = identical
	}
	for _, f := range names {
		x, err1 := os.ReadFile(filepath.Join(a, f))
		y, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", what, err1, err2)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s: %s differs", what, f)
		}
	}
}

func TestSweepFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	rep := run(t, dir, Options{})
	if rep.Runs != 36 || rep.Done != 36 || !rep.Complete || rep.Points != 6 {
		t.Fatalf("report %+v", rep)
	}
	runs, _ := os.ReadFile(filepath.Join(dir, RunsFile))
	lines := strings.Split(strings.TrimSpace(string(runs)), "\n")
	if len(lines) != 37 || !strings.HasPrefix(lines[0], "point,condition,population_size,frames_0_share,organisations_0_reach,replicate,seed,peak_share") {
		t.Errorf("runs.csv: %d lines, header %s", len(lines), lines[0])
	}
	if !strings.HasPrefix(lines[36], "5,connective,300,0.4,40,2,") {
		t.Errorf("last run row: %s", lines[36])
	}
	for _, f := range []string{"participation.svg", "heatmap_peak_share_collective.svg", "sweep_peak_share.svg", MetaFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ProgressFile)); !os.IsNotExist(err) {
		t.Error("a complete sweep keeps its checkpoint")
	}
	// A second run into the folder is refused; --resume says it is done.
	if _, err := Run(context.Background(), study(t), Options{Dir: dir, Workers: 2}); !errors.As(err, new(*ExistsError)) {
		t.Errorf("second run: %v", err)
	}
	if rep, err := Run(context.Background(), study(t), Options{Dir: dir, Workers: 2, Resume: true}); err != nil || !rep.Complete || rep.Resumed != 36 {
		t.Errorf("resume of a complete sweep: %+v %v", rep, err)
	}
}

// TestWorkersIdentical: 1, 2 and 4 workers write the same bytes.
func TestWorkersIdentical(t *testing.T) {
	base := t.TempDir()
	for _, w := range []int{1, 2, 4} {
		run(t, filepath.Join(base, "w", string(rune('0'+w))), Options{Workers: w, RunTimeseries: true})
	}
	for _, w := range []string{"2", "4"} {
		sameFiles(t, "workers "+w, filepath.Join(base, "w", "1"), filepath.Join(base, "w", w), append(identical, RunTimeseriesFile)...)
	}
}

// TestShardsMerged: three shards merged equal the whole sweep.
func TestShardsMerged(t *testing.T) {
	base := t.TempDir()
	whole := filepath.Join(base, "whole")
	run(t, whole, Options{})
	var shards []string
	for i := range 3 {
		d := filepath.Join(base, "shard", string(rune('0'+i)))
		rep := run(t, d, Options{Shard: Shard{i, 3}, Workers: 1 + i})
		if rep.Points != 2 || len(rep.Charts) != 0 {
			t.Errorf("shard %d: %d points, %d charts", i, rep.Points, len(rep.Charts))
		}
		shards = append(shards, d)
	}
	merged := filepath.Join(base, "merged")
	rep, err := Merge([]string{shards[2], shards[0], shards[1]}, merged, false, []string{"svg"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Runs != 36 || len(rep.Charts) == 0 {
		t.Errorf("merge report %+v", rep)
	}
	sameFiles(t, "3 shards merged", whole, merged)

	// Problems are reported, and nothing is written.
	for _, tc := range []struct {
		dirs []string
		want string
	}{
		{shards[:2], "missing shard(s) 2 of 3"},
		{[]string{shards[0], shards[0], shards[1], shards[2]}, "shard 0/3 is given twice"},
		{[]string{shards[0], whole}, "is shard 0/1, but"},
		{[]string{base}, "is not a sweep folder"},
	} {
		out := filepath.Join(base, "bad")
		_, err := Merge(tc.dirs, out, false, nil)
		var me *MergeError
		if !errors.As(err, &me) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("merge %v: %v, want %q", tc.dirs, err, tc.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("a failed merge wrote %s", out)
		}
	}
}

// TestResumeAfterInterrupt stops a sweep (as Ctrl-C does) after k runs, for
// several k, resumes it with another number of workers, and compares with
// an uninterrupted sweep.
func TestResumeAfterInterrupt(t *testing.T) {
	base := t.TempDir()
	whole := filepath.Join(base, "whole")
	run(t, whole, Options{})
	for _, k := range []int{1, 4, 17, 35} {
		dir := filepath.Join(base, "k", string(rune('a'+k)))
		ctx, cancel := context.WithCancel(context.Background())
		rep, err := Run(ctx, study(t), Options{Dir: dir, Workers: 2, Progress: func(done, _ int) {
			if done == k {
				cancel()
			}
		}})
		cancel()
		if !errors.Is(err, context.Canceled) || rep.Done != k {
			t.Fatalf("k=%d: %v, %d done", k, err, rep.Done)
		}
		rep, err = Run(context.Background(), study(t), Options{Dir: dir, Workers: 3, Resume: true})
		if err != nil || rep.Resumed != k || rep.Done != 36 {
			t.Fatalf("k=%d resume: %+v %v", k, rep, err)
		}
		sameFiles(t, "interrupted and resumed", whole, dir)
	}
}

// TestResumeAfterCrash copies the folder at a moment of a running sweep, as
// a kill -9 or a power cut leaves it (rows written past the last
// checkpoint, a torn last line), and resumes from the copy.
func TestResumeAfterCrash(t *testing.T) {
	base := t.TempDir()
	whole := filepath.Join(base, "whole")
	run(t, whole, Options{})
	live := filepath.Join(base, "live")
	crashed := filepath.Join(base, "crashed")
	var copied bool
	_, err := Run(context.Background(), study(t), Options{Dir: live, Workers: 2, CheckpointEvery: time.Nanosecond,
		Progress: func(done, _ int) {
			if done == 20 && !copied {
				copied = true
				copyDir(t, live, crashed)
			}
		}})
	if err != nil || !copied {
		t.Fatal(err)
	}
	// A torn row at the end of a file, and rows of later runs.
	for _, f := range []string{RunsFile, TimeseriesFile} {
		fh, _ := os.OpenFile(filepath.Join(crashed, f), os.O_APPEND|os.O_WRONLY, 0)
		fh.WriteString("3,collective,200,0.4,40,1,12345,0.5,")
		fh.Close()
	}
	rep, err := Run(context.Background(), study(t), Options{Dir: crashed, Workers: 1, Resume: true})
	if err != nil || rep.Done != 36 {
		t.Fatalf("resume after crash: %+v %v", rep, err)
	}
	sameFiles(t, "crashed and resumed", whole, crashed)
}

func copyDir(t testing.TB, src, dst string) {
	t.Helper()
	os.MkdirAll(dst, 0o755)
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644)
	}
}

// TestResumeChecks: a folder of another scenario or shard is not resumed.
func TestResumeChecks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	ctx, cancel := context.WithCancel(context.Background())
	Run(ctx, study(t), Options{Dir: dir, Workers: 1, Progress: func(done, _ int) { cancel() }})
	l, _ := scenario.LoadWithSet("testdata/small.yaml", []string{"seed=9"})
	other, _ := runner.NewSweepStudy(l)
	if _, err := Run(context.Background(), other, Options{Dir: dir, Workers: 1, Resume: true}); err == nil || !strings.Contains(err.Error(), "another scenario") {
		t.Errorf("resuming another scenario: %v", err)
	}
	if _, err := Run(context.Background(), study(t), Options{Dir: dir, Workers: 1, Resume: true, Shard: Shard{1, 2}}); err == nil || !strings.Contains(err.Error(), "holds shard 0/1") {
		t.Errorf("resuming another shard: %v", err)
	}
}

func TestParseShard(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	for _, tc := range []struct {
		spec   string
		shards int
		env    func(string) string
		want   Shard
		err    string
	}{
		{"", 0, env(), Shard{0, 1}, ""},
		{"2/5", 0, env(), Shard{2, 5}, ""},
		{"5/5", 0, env(), Shard{}, "expected I/N"},
		{"x", 0, env(), Shard{}, "expected I/N"},
		{"auto", 0, env("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_COUNT", "8"), Shard{3, 8}, ""},
		{"auto", 0, env("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT", "10"), Shard{3, 10}, ""},
		{"auto", 0, env("SLURM_ARRAY_TASK_ID", "6", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "5"), Shard{3, 5}, ""},
		{"auto", 0, env("SLURM_ARRAY_TASK_ID", "3"), Shard{}, "SLURM_ARRAY_TASK_COUNT is not set"},
		{"auto", 0, env("SLURM_ARRAY_TASK_ID", "9223372036854775807", "SLURM_ARRAY_TASK_MIN", "-1", "SLURM_ARRAY_TASK_COUNT", "4"), Shard{}, "is not a task of the array"},
		{"auto", 4, env("JOB_COMPLETION_INDEX", "2"), Shard{2, 4}, ""},
		{"auto", 0, env("JOB_COMPLETION_INDEX", "2", "CONNACT_SHARDS", "3"), Shard{2, 3}, ""},
		{"auto", 0, env("JOB_COMPLETION_INDEX", "2"), Shard{}, "needs --shards"},
		{"auto", 0, env(), Shard{}, "neither SLURM_ARRAY_TASK_ID"},
	} {
		got, err := ParseShard(tc.spec, tc.shards, tc.env)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: %v, want error %q", tc.spec, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%q: %v %v, want %v", tc.spec, got, err, tc.want)
		}
	}
}

// TestWelfordState checks that a checkpoint stores running means
// exactly, NaN and infinities included, so that a resumed sweep carries on
// with the same floating-point values (runner's TestWelford checks the
// means themselves).
func TestWelfordState(t *testing.T) {
	for _, xs := range [][]float64{nil, {1}, {0.1, 0.2, 0.7}, {1e308, -1e308, 3}, {math.Inf(1), 2}} {
		var w runner.Welford
		for _, x := range xs {
			w.Add(x)
		}
		b, err := json.Marshal(stateOf(w))
		if err != nil {
			t.Fatal(err)
		}
		var s welfordState
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		got := s.welford()
		if got.N != w.N || math.Float64bits(got.Mean) != math.Float64bits(w.Mean) || math.Float64bits(got.M2) != math.Float64bits(w.M2) {
			t.Errorf("%v: state %s gives %+v, want %+v", xs, b, got, w)
		}
	}
}

// TestDataPackage reads every CSV file of a sweep folder (with
// runs_timeseries.csv) and of a merged folder, and checks that
// datapackage.json describes every column in order with a type its values
// have; parameters are columns of their own type naming their path.
func TestDataPackage(t *testing.T) {
	base := t.TempDir()
	whole := filepath.Join(base, "whole")
	run(t, whole, Options{RunTimeseries: true, Formats: []string{}})
	var shards []string
	for i := range 2 {
		d := filepath.Join(base, "shard", string(rune('0'+i)))
		run(t, d, Options{Shard: Shard{i, 2}, RunTimeseries: true})
		shards = append(shards, d)
	}
	merged := filepath.Join(base, "merged")
	if _, err := Merge(shards, merged, false, nil); err != nil {
		t.Fatal(err)
	}
	for _, d := range append([]string{whole, merged}, shards...) {
		if err := output.CheckDataPackage(d); err != nil {
			t.Errorf("%s: %v", d, err)
		}
	}
	sameFiles(t, "merged with runs_timeseries", whole, merged, DataPackageFile, RunTimeseriesFile)
	var pkg output.DataPackage
	if err := readJSON(filepath.Join(whole, DataPackageFile), &pkg); err != nil {
		t.Fatal(err)
	}
	if len(pkg.Resources) != 4 {
		t.Fatalf("%d resources, want 4 (runs, points, point and run time series)", len(pkg.Resources))
	}
	want := map[string]string{"population.size": "integer", "frames.0.share": "number", "organisations.0.reach": "integer"}
	for _, f := range pkg.Resources[0].Schema.Fields[2:5] {
		path := strings.TrimPrefix(f.Description, "sweep parameter: the scenario field ")
		if want[path] != f.Type {
			t.Errorf("parameter column %s (%q): type %s, want %s", f.Name, f.Description, f.Type, want[path])
		}
	}
}
