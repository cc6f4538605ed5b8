package analyse

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/plot"
)

// TestSobolFolder analyses a real sobol sweep (testdata/sens.yaml: four
// parameters, N = 32) and checks the indices against what the model must
// give: the share probability drives cumulative participation most; the
// organisation's reach, inert since the only condition leaves the
// organisation out, has S1 about 0 and ST about the part of Jansen's sum
// that replicate noise makes (ST_noise); the number of nodes is the
// population size exactly, so size explains all of it (S1 = ST = 1 up to
// sampling error, within the intervals) and every other index is exactly
// 0, as is its replicate noise; PRCC gives the directions of sharing (+)
// and of cost (−).
func TestSobolFolder(t *testing.T) {
	dir := sweepFolder(t)
	rep, rows := analyseInto(t, dir, filepath.Join(t.TempDir(), "s"), "cumulative_share", "nodes", "peak_share")
	if rep.Design != "sobol" {
		t.Fatalf("design %q, want sobol", rep.Design)
	}
	params := []string{"population_size", "frames_0_share", "frames_0_cost", "organisations_0_reach"}
	for _, m := range []string{"cumulative_share", "nodes", "peak_share"} {
		for _, p := range params {
			s1, st := find(t, rows, m, StatS1, p), find(t, rows, m, StatST, p)
			// Sampling error can carry S1 a little below 0 or either
			// above 1; ST, a sum of squares, is never negative.
			if !(s1.Estimate > -0.5 && s1.Estimate < 1.5 && st.Estimate >= 0 && st.Estimate < 1.5) {
				t.Errorf("%s %s: S1 %v, ST %v out of range", m, p, s1.Estimate, st.Estimate)
			}
			for _, r := range []Row{s1, st} {
				if !(r.Lo <= r.Hi) || r.N != 32 || r.Note != "" {
					t.Errorf("%s %s %s: interval [%v, %v], n %d, note %q", m, p, r.Statistic, r.Lo, r.Hi, r.N, r.Note)
				}
			}
		}
	}

	// The share probability ranks first, and its S1 is clearly above 0.
	top := slices.MaxFunc(params, func(a, b string) int {
		return cmpFloat(find(t, rows, "cumulative_share", StatST, a).Estimate, find(t, rows, "cumulative_share", StatST, b).Estimate)
	})
	if top != "frames_0_share" {
		t.Errorf("cumulative_share: %s has the largest ST, want frames_0_share", top)
	}
	if s1 := find(t, rows, "cumulative_share", StatS1, "frames_0_share"); !(s1.Lo > 0) {
		t.Errorf("cumulative_share: S1 of the share probability %v [%v, %v], want an interval above 0", s1.Estimate, s1.Lo, s1.Hi)
	}
	// The inert reach: S1 about 0, ST about its noise.
	s1 := find(t, rows, "cumulative_share", StatS1, "organisations_0_reach")
	st := find(t, rows, "cumulative_share", StatST, "organisations_0_reach")
	noise := find(t, rows, "cumulative_share", StatSTNoise, "organisations_0_reach")
	// ST_noise is itself a mean over the 32 base rows' replicate
	// variances, with a sampling error of its own (about a quarter of it
	// for 32 rows of a few replicates): ST's interval must reach that band.
	if !covers(s1, 0) || !(st.Lo <= 1.25*noise.Estimate && st.Hi >= 0.75*noise.Estimate) {
		t.Errorf("inert reach: S1 %v [%v, %v] should cover 0, ST %v [%v, %v] its noise %v", s1.Estimate, s1.Lo, s1.Hi, st.Estimate, st.Lo, st.Hi, noise.Estimate)
	}
	if share := find(t, rows, "cumulative_share", StatST, "frames_0_share"); !(st.Estimate < share.Estimate/3) {
		t.Errorf("inert reach: ST %v, not far below the share probability's %v", st.Estimate, share.Estimate)
	}

	// nodes = population size.
	for _, stat := range []string{StatS1, StatST} {
		r := find(t, rows, "nodes", stat, "population_size")
		if !(r.Estimate > 0.9 && covers(r, 1)) {
			t.Errorf("nodes: %s of the size %v [%v, %v], want about 1", stat, r.Estimate, r.Lo, r.Hi)
		}
		for _, p := range params[1:] {
			if r := find(t, rows, "nodes", stat, p); r.Estimate != 0 || r.Lo != 0 || r.Hi != 0 {
				t.Errorf("nodes: %s of %s %v [%v, %v], want exactly 0", stat, p, r.Estimate, r.Lo, r.Hi)
			}
		}
	}
	for _, stat := range []string{StatNoise, StatNoiseMeans} {
		if r := find(t, rows, "nodes", stat, ""); r.Estimate != 0 {
			t.Errorf("nodes: %s %v, want 0: the metric is deterministic", stat, r.Estimate)
		}
	}
	for _, p := range params {
		if r := find(t, rows, "nodes", StatSTNoise, p); r.Estimate != 0 {
			t.Errorf("nodes: ST_noise of %s %v, want 0", p, r.Estimate)
		}
	}

	// Directions.
	if r := find(t, rows, "cumulative_share", StatPRCC, "frames_0_share"); !(r.Lo > 0) || r.N != 192 {
		t.Errorf("PRCC of the share probability %v [%v, %v] over %d points, want above 0 over 192", r.Estimate, r.Lo, r.Hi, r.N)
	}
	if r := find(t, rows, "cumulative_share", StatPRCC, "frames_0_cost"); !(r.Hi < 0) {
		t.Errorf("PRCC of the cost %v [%v, %v], want below 0", r.Estimate, r.Lo, r.Hi)
	}

	checkFolder(t, rep, "indices_cumulative_share.svg", "indices_nodes.svg", "indices_peak_share.svg")
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// checkFolder checks an analysis folder: its data package describes its
// table, and it holds the charts named and no others.
func checkFolder(t *testing.T, rep *Report, charts ...string) {
	t.Helper()
	if err := output.CheckDataPackage(rep.Dir); err != nil {
		t.Error(err)
	}
	var got []string
	for _, c := range rep.Charts {
		got = append(got, filepath.Base(c))
		if _, err := os.Stat(c); err != nil {
			t.Error(err)
		}
	}
	if !slices.Equal(got, charts) {
		t.Errorf("charts %v, want %v", got, charts)
	}
}

// TestMorrisFolder analyses a morris sweep of the same scenario (16
// trajectories): the size's elementary effect on nodes is the size's
// range, 150, exactly, in every trajectory (μ* = μ = 150, σ = 0), the
// others' exactly 0; the share probability has the largest μ* on
// cumulative participation, and raises it (μ > 0); the inert reach's μ*
// is about what replicate noise alone gives (mu_star_noise).
func TestMorrisFolder(t *testing.T) {
	dir := sweepFolder(t, morrisSet...)
	rep, rows := analyseInto(t, dir, filepath.Join(t.TempDir(), "m"), "cumulative_share", "nodes")
	if rep.Design != "morris" {
		t.Fatalf("design %q, want morris", rep.Design)
	}
	want := map[string]float64{StatMuStar: 150, StatMu: 150, StatSigma: 0, StatMuStarNoise: 0}
	for stat, v := range want {
		if r := find(t, rows, "nodes", stat, "population_size"); r.Estimate != v || r.N != 16 {
			t.Errorf("nodes: %s of the size %v over %d trajectories, want %v over 16", stat, r.Estimate, r.N, v)
		}
	}
	if r := find(t, rows, "nodes", StatMuStar, "population_size"); r.Lo != 150 || r.Hi != 150 {
		t.Errorf("nodes: μ* interval [%v, %v], want [150, 150]", r.Lo, r.Hi)
	}
	for _, p := range []string{"frames_0_share", "frames_0_cost", "organisations_0_reach"} {
		if r := find(t, rows, "nodes", StatMuStar, p); r.Estimate != 0 {
			t.Errorf("nodes: μ* of %s %v, want 0", p, r.Estimate)
		}
	}
	share := find(t, rows, "cumulative_share", StatMuStar, "frames_0_share")
	for _, p := range []string{"population_size", "frames_0_cost", "organisations_0_reach"} {
		if r := find(t, rows, "cumulative_share", StatMuStar, p); !(r.Estimate < share.Estimate) {
			t.Errorf("cumulative_share: μ* of %s %v, not below the share probability's %v", p, r.Estimate, share.Estimate)
		}
	}
	if mu := find(t, rows, "cumulative_share", StatMu, "frames_0_share"); !(mu.Estimate > 0) {
		t.Errorf("cumulative_share: μ of the share probability %v, want > 0", mu.Estimate)
	}
	reach := find(t, rows, "cumulative_share", StatMuStar, "organisations_0_reach")
	noise := find(t, rows, "cumulative_share", StatMuStarNoise, "organisations_0_reach")
	if !covers(reach, noise.Estimate) {
		t.Errorf("inert reach: μ* %v [%v, %v] should cover its noise %v", reach.Estimate, reach.Lo, reach.Hi, noise.Estimate)
	}
	checkFolder(t, rep, "indices_cumulative_share.svg", "morris_cumulative_share.svg", "indices_nodes.svg", "morris_nodes.svg")
}

// TestReplicateNoise analyses an lhs sweep of parameters that do nothing
// (the organisation, left out by the only condition): participation is
// pure noise, so nearly all of its variance is between replicates
// (replicate_noise, which truncates at 1) and the variance of its point
// means is about all noise (replicate_noise_means near 1), while no PRCC
// is strong. The number of nodes and of members are the same everywhere:
// their indices are NA, with a note.
func TestReplicateNoise(t *testing.T) {
	dir := sweepFolder(t, noiseSet...)
	rep, rows := analyseInto(t, dir, filepath.Join(t.TempDir(), "n"), "cumulative_share", "peak_share", "nodes", "members_end")
	if rep.Design != "lhs" {
		t.Fatalf("design %q, want lhs", rep.Design)
	}
	for _, m := range []string{"cumulative_share", "peak_share"} {
		if r := find(t, rows, m, StatNoise, ""); !(r.Estimate > 0.9 && r.Estimate <= 1) || r.N != 160 {
			t.Errorf("%s: replicate noise %v over %d runs, want near 1 over 160", m, r.Estimate, r.N)
		}
		// With 40 points, the ratio of the means' variance to its
		// noise part spreads about 1 by some 25% (an F ratio).
		if r := find(t, rows, m, StatNoiseMeans, ""); !(r.Estimate > 0.5 && r.Estimate < 1.6) {
			t.Errorf("%s: replicate noise in the means %v, want near 1", m, r.Estimate)
		}
		for _, p := range []string{"organisations_0_tolerance", "organisations_0_incentive", "organisations_0_position", "organisations_0_reach"} {
			if r := find(t, rows, m, StatPRCC, p); !(math.Abs(r.Estimate) < 0.4) {
				t.Errorf("%s: PRCC of the inert %s %v", m, p, r.Estimate)
			}
		}
	}
	for _, m := range []string{"nodes", "members_end"} {
		for _, r := range rows {
			if r.Metric == m && r.Method != "replicates" && !(isNA(r) && strings.Contains(r.Note, "every point has the same mean")) {
				t.Errorf("%s %s %s: %v, %q; want NA for a constant metric", m, r.Statistic, r.Parameter, r.Estimate, r.Note)
			}
		}
	}
	checkFolder(t, rep, "indices_cumulative_share.svg", "indices_peak_share.svg")
}

// TestChartsLayout checks every chart of the sobol and morris analyses
// with plot.CheckLayout.
func TestChartsLayout(t *testing.T) {
	for _, set := range [][]string{nil, morrisSet} {
		s, err := ReadSweep(sweepFolder(t, set...))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := s.Indices(nil, 200, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		charts, err := s.charts(rows, s.Metrics, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		if len(charts) < 10 {
			t.Errorf("%s: only %d charts", s.Plan.Design(), len(charts))
		}
		for _, c := range charts {
			problems, err := plot.CheckLayout(c.chart)
			if err != nil {
				t.Fatalf("%s: %v", c.base, err)
			}
			for _, p := range problems {
				t.Errorf("%s %s: %s", s.Plan.Design(), c.base, p)
			}
		}
	}
}

// TestByteIdentical: analysing a folder twice gives the same bytes in
// every file, charts in every format included, whatever the number of
// threads.
func TestByteIdentical(t *testing.T) {
	dir := sweepFolder(t, morrisSet...)
	base := t.TempDir()
	var outs []string
	for i, procs := range []int{1, 4} {
		prev := runtime.GOMAXPROCS(procs)
		out := filepath.Join(base, string(rune('a'+i)))
		_, err := Analyse(dir, Options{Out: out, Formats: []string{"svg", "png", "pdf"}, Metrics: []string{"cumulative_share", "peak_step"}})
		runtime.GOMAXPROCS(prev)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
	}
	ents, err := os.ReadDir(outs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 3+4*3 {
		t.Errorf("%d files, want 15", len(ents))
	}
	for _, e := range ents {
		a, _ := os.ReadFile(filepath.Join(outs[0], e.Name()))
		b, err := os.ReadFile(filepath.Join(outs[1], e.Name()))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs (%v)", e.Name(), err)
		}
	}
}

// TestRefuse: a folder that is not a finished sweep, or whose files do
// not match its manifest, is refused with a *FolderError naming what is
// wrong, and nothing is written.
func TestRefuse(t *testing.T) {
	src := sweepFolder(t)
	for _, tc := range []struct {
		name  string
		spoil func(dir string)
		want  string
	}{
		{"unfinished", func(d string) { editFile(t, d, "manifest.json", `"complete": true`, `"complete": false`) }, "not finished"},
		{"a shard", func(d string) {
			editFile(t, d, "manifest.json", `"index": 0,
    "count": 1`, `"index": 1,
    "count": 3`)
		}, "merge the shards first"},
		{"no manifest", func(d string) { os.Remove(filepath.Join(d, "manifest.json")) }, "no manifest.json"},
		{"no runs", func(d string) { os.Remove(filepath.Join(d, "runs.csv")) }, "runs.csv is missing"},
		{"another scenario", func(d string) { editFile(t, d, "scenario.yaml", "steps: 40", "steps: 41") }, "not the scenario of the sweep"},
		{"edited run", func(d string) { editLastDigit(t, filepath.Join(d, "runs.csv")) }, "is not what the sweep wrote"},
		{"cut short", func(d string) { cutFile(t, filepath.Join(d, "runs.csv"), 100) }, "runs.csv has 476 runs, but the sweep has 576"},
	} {
		d := filepath.Join(t.TempDir(), "s")
		copyDir(t, src, d)
		tc.spoil(d)
		_, err := Analyse(d, Options{Formats: []string{"svg"}})
		var fe *FolderError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want a FolderError with %q", tc.name, err, tc.want)
		}
		if _, err := os.Stat(filepath.Join(d, DefaultFolder)); err == nil {
			t.Errorf("%s: %s written", tc.name, DefaultFolder)
		}
	}
	run := t.TempDir()
	os.WriteFile(filepath.Join(run, output.SummaryFile), []byte("condition\n"), 0o644)
	if _, err := ReadSweep(run); err == nil || !strings.Contains(err.Error(), "run folder") {
		t.Errorf("run folder: %v", err)
	}
}

// editFile replaces the first old in dir's file name by new, which must be
// there.
// editLastDigit changes the last digit of the first run's row of a
// runs.csv (its last metric), as a hand edit of a result would.
func editLastDigit(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	first := bytes.IndexByte(b, '\n') + 1
	end := first + bytes.IndexByte(b[first:], '\n')
	for i := end - 1; i >= first; i-- {
		if c := b[i]; c >= '0' && c <= '9' {
			b[i] = '0' + (c-'0'+1)%10
			break
		}
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func editFile(t *testing.T, dir, name, old, new string) {
	t.Helper()
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s holds no %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cutFile removes the last n lines of the file at path.
func cutFile(t *testing.T, path string, n int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	lines = lines[:len(lines)-1-n] // the last element is empty
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOutput: an existing analysis folder is replaced only with Force,
// and a folder holding anything else is never replaced.
func TestOutput(t *testing.T) {
	d := filepath.Join(t.TempDir(), "s")
	copyDir(t, sweepFolder(t, morrisSet...), d)
	var oe *OptionError
	if _, err := Analyse(d, Options{Metrics: []string{"turnout"}}); !errors.As(err, &oe) || !strings.Contains(err.Error(), `no metric "turnout"`) {
		t.Errorf("an unknown metric: %v, want an OptionError naming it", err)
	}
	if _, err := os.Stat(filepath.Join(d, DefaultFolder)); err == nil {
		t.Error("an unknown metric: the folder was written")
	}
	opt := Options{Formats: []string{"svg"}, Metrics: []string{"cumulative_share"}}
	rep, err := Analyse(d, opt)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Dir != filepath.Join(d, DefaultFolder) {
		t.Errorf("written to %s, want %s", rep.Dir, filepath.Join(d, DefaultFolder))
	}
	var ee *output.ExistsError
	if _, err := Analyse(d, opt); !errors.As(err, &ee) {
		t.Errorf("again without Force: %v, want an ExistsError", err)
	}
	opt.Force, opt.Metrics = true, []string{"peak_share"}
	if _, err := Analyse(d, opt); err != nil {
		t.Fatalf("with Force: %v", err)
	}
	if _, err := os.Stat(filepath.Join(rep.Dir, "indices_cumulative_share.svg")); err == nil {
		t.Error("the old folder's chart is still there")
	}
	mine := filepath.Join(rep.Dir, "notes.txt")
	os.WriteFile(mine, []byte("mine"), 0o644)
	var re *output.RefusedError
	if _, err := Analyse(d, opt); !errors.As(err, &re) || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("a folder with a file of the user's: %v, want a RefusedError naming it", err)
	}
	if b, err := os.ReadFile(mine); err != nil || string(b) != "mine" {
		t.Errorf("the user's file: %q, %v", b, err)
	}
	other := filepath.Join(t.TempDir(), "results")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "meta.json"), []byte(`{"connact_version": "0.1.0"}`), 0o644)
	opt.Out = other
	if _, err := Analyse(d, opt); !errors.As(err, &re) {
		t.Errorf("a folder connact did not write as an analysis: %v, want a RefusedError", err)
	}
	ents, _ := os.ReadDir(d)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left %s in the sweep folder", e.Name())
		}
	}
}

// TestSweepForceKeepsUsersFiles: a sweep folder holding its analysis is
// still connact's own (sim/output knows analysis folders), so that
// `connact sweep --force` may replace it, analysis included; a file of the
// user's inside the analysis folder makes both refused, and nothing is
// removed.
func TestSweepForceKeepsUsersFiles(t *testing.T) {
	d := filepath.Join(t.TempDir(), "s")
	copyDir(t, sweepFolder(t, morrisSet...), d)
	if _, err := Analyse(d, Options{Formats: []string{"svg"}, Metrics: []string{"cumulative_share"}}); err != nil {
		t.Fatal(err)
	}
	if err := output.CheckDir(d, true); err != nil {
		t.Fatalf("a sweep folder with its analysis: %v, want it replaceable", err)
	}
	mine := filepath.Join(d, DefaultFolder, "notes.txt")
	os.WriteFile(mine, []byte("mine"), 0o644)
	var re *output.RefusedError
	if err := output.CheckDir(d, true); !errors.As(err, &re) || !strings.Contains(err.Error(), "the folder "+DefaultFolder) {
		t.Errorf("a user's file in the analysis: %v, want a RefusedError naming the folder", err)
	}
	if _, err := output.RemoveOwned(d); err == nil {
		t.Error("RemoveOwned removed the folder although the analysis holds a user's file")
	}
	if b, err := os.ReadFile(mine); err != nil || string(b) != "mine" {
		t.Errorf("the user's file: %q, %v", b, err)
	}
	os.Remove(mine)
	if _, err := output.RemoveOwned(d); err != nil {
		t.Errorf("RemoveOwned of a sweep folder and its analysis: %v", err)
	}
	if _, err := os.Stat(d); err == nil {
		t.Error("the sweep folder is still there")
	}
}
