package output

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

var update = flag.Bool("update", false, "update golden files under testdata/")

// csvFiles are the files that must be byte-identical for the same scenario
// and seed (meta.json holds times and is not among them).
var csvFiles = []string{TimeseriesFile, GroupsFile, SummaryFile, AggregateFile, SummaryAggregateFile, ScenarioFile, DataPackageFile}

func loadStudy(t *testing.T, path string, set ...string) *runner.Study {
	t.Helper()
	l, err := scenario.LoadWithSet(path, set)
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func writeRun(t *testing.T, dir string, workers int, set ...string) *RunReport {
	t.Helper()
	rep, err := WriteRun(context.Background(), loadStudy(t, "testdata/small.yaml", set...), RunOptions{Dir: dir, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestWorkersByteIdentical: the CSV files do not depend on the number of
// workers (results are emitted in run order).
func TestWorkersByteIdentical(t *testing.T) {
	base := t.TempDir()
	writeRun(t, filepath.Join(base, "w1"), 1)
	writeRun(t, filepath.Join(base, "w4"), 4)
	for _, f := range csvFiles {
		a, _ := os.ReadFile(filepath.Join(base, "w1", f))
		b, _ := os.ReadFile(filepath.Join(base, "w4", f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between --workers 1 and 4 (or is empty)", f)
		}
	}
}

// TestSeedChangesResults guards against a seed that is ignored.
func TestSeedChangesResults(t *testing.T) {
	base := t.TempDir()
	writeRun(t, filepath.Join(base, "a"), 2)
	writeRun(t, filepath.Join(base, "b"), 2, "seed=43")
	a, _ := os.ReadFile(filepath.Join(base, "a", TimeseriesFile))
	b, _ := os.ReadFile(filepath.Join(base, "b", TimeseriesFile))
	if bytes.Equal(a, b) {
		t.Error("seed 42 and 43 gave the same timeseries")
	}
}

var fontData = regexp.MustCompile(`base64,([A-Za-z0-9+/=]+)`)

// withFontDigests replaces embedded fonts by their SHA-256 so that the
// golden SVG stays small (see sim/plot's test of the same name).
func withFontDigests(svg []byte) []byte {
	return fontData.ReplaceAllFunc(svg, func(m []byte) []byte {
		return fmt.Appendf(nil, "sha256,%x", sha256.Sum256(m[len("base64,"):]))
	})
}

// TestGolden pins the output of testdata/small.yaml: every CSV file and the
// participation chart. An intended change to the model, the random streams
// or the output format shows up here; regenerate with
//
//	go test ./sim/output -run TestGolden -update
//
// and say why in the commit message.
func TestGolden(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "small")
	writeRun(t, dir, 2)
	files := append(append([]string{}, csvFiles...), "participation.svg")
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, ".svg") {
			got = withFontDigests(got)
		}
		golden := filepath.Join("testdata", "golden", f)
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; if the change is intended, run go test ./sim/output -run TestGolden -update", f, golden)
		}
	}
}

// TestRunFolder checks the files and their shapes.
func TestRunFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "small")
	rep := writeRun(t, dir, 2)
	if rep.Runs != 6 || len(rep.Conditions) != 2 {
		t.Fatalf("report: %d runs, %d conditions; want 6, 2", rep.Runs, len(rep.Conditions))
	}
	lines := func(f string) []string {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	}
	// 2 conditions × 3 replicates × 16 steps, plus the header.
	if n := len(lines(TimeseriesFile)); n != 1+2*3*16 {
		t.Errorf("timeseries.csv: %d lines, want %d", n, 1+2*3*16)
	}
	if n := len(lines(GroupsFile)); n != 1+2*3*16*2 {
		t.Errorf("groups.csv: %d lines, want %d", n, 1+2*3*16*2)
	}
	if n := len(lines(SummaryFile)); n != 1+6 {
		t.Errorf("summary.csv: %d lines, want 7", n)
	}
	hdr := lines(TimeseriesFile)[0]
	for _, col := range []string{"condition", "replicate", "seed", "step", "active_share", "active_share_tag", "budget_union", "members_union"} {
		if !strings.Contains(","+hdr+",", ","+col+",") {
			t.Errorf("timeseries.csv has no column %s: %s", col, hdr)
		}
	}
	if h := lines(AggregateFile)[0]; h != "condition,step,variable,n,mean,sd,ci95_lo,ci95_hi,q5,q25,q50,q75,q95" {
		t.Errorf("aggregate.csv header: %s", h)
	}
	for _, f := range []string{MetaFile, "participation.svg", "cumulative.svg", "members.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	m, err := ReadMeta(filepath.Join(dir, MetaFile))
	if err != nil {
		t.Fatal(err)
	}
	if m.Scenario != "small" || len(m.Runs) != 6 || m.ScenarioHash == "" || m.Network.Nodes != 300 {
		t.Errorf("meta.json: %+v", m)
	}
	// Nothing left behind beside the run folder.
	ents, _ := os.ReadDir(filepath.Dir(dir))
	if len(ents) != 1 {
		t.Errorf("%d entries beside the run folder, want 1", len(ents))
	}
}

// TestNoOverwrite: an existing folder is refused without Force and left as
// it was; with Force a run folder is replaced, but a folder connact did not
// write is refused and left as it was (it used to be deleted).
func TestNoOverwrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "small")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "my-notes.txt")
	os.WriteFile(mine, []byte("precious"), 0o644)
	for _, force := range []bool{false, true} {
		_, err := WriteRun(context.Background(), loadStudy(t, "testdata/small.yaml"), RunOptions{Dir: dir, Workers: 2, Force: force})
		var re *RefusedError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), "not a folder connact wrote") {
			t.Fatalf("force=%v: got %v, want RefusedError naming the folder as not connact's", force, err)
		}
		if b, _ := os.ReadFile(mine); string(b) != "precious" {
			t.Fatalf("force=%v: existing folder was touched", force)
		}
		if ents, _ := os.ReadDir(filepath.Dir(dir)); len(ents) != 1 {
			t.Errorf("force=%v: a refused run left %d entries, want 1", force, len(ents))
		}
	}
	os.RemoveAll(dir)
	writeRun(t, dir, 2)
	_, err := WriteRun(context.Background(), loadStudy(t, "testdata/small.yaml"), RunOptions{Dir: dir, Workers: 2})
	var ee *ExistsError
	if !errors.As(err, &ee) {
		t.Fatalf("got %v, want ExistsError", err)
	}
	os.WriteFile(filepath.Join(dir, SummaryFile), []byte("old"), 0o644)
	if _, err := WriteRun(context.Background(), loadStudy(t, "testdata/small.yaml"), RunOptions{Dir: dir, Workers: 2, Force: true}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, SummaryFile)); err != nil || string(b) == "old" {
		t.Errorf("Force did not replace the run folder (%v)", err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(dir)); len(ents) != 1 {
		t.Errorf("Force left %d entries beside the folder, want 1 (no .old or .tmp folder)", len(ents))
	}
}

// TestCancelLeavesNothing: an interrupted run leaves no folder and no
// temporary files.
func TestCancelLeavesNothing(t *testing.T) {
	base := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	st := loadStudy(t, "testdata/small.yaml")
	opt := RunOptions{Dir: filepath.Join(base, "small"), Workers: 2, Progress: func(done, total int) {
		if done == 2 {
			cancel()
		}
	}}
	if _, err := WriteRun(ctx, st, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	ents, _ := os.ReadDir(base)
	if len(ents) != 0 {
		t.Errorf("cancelled run left %d entries", len(ents))
	}
}

// TestAggregateMatchesSummarise recomputes one aggregate row from
// timeseries.csv.
func TestReadAggregateAndCompare(t *testing.T) {
	base := t.TempDir()
	a := filepath.Join(base, "a")
	writeRun(t, a, 2)
	agg, err := ReadAggregate(a)
	if err != nil {
		t.Fatal(err)
	}
	if agg.Scenario != "small" || len(agg.Conditions) != 2 || agg.TimeUnit != "day" {
		t.Fatalf("aggregate: %q %v %q", agg.Scenario, agg.Conditions, agg.TimeUnit)
	}
	s := agg.Vars["mixed"]["active_share"]
	if len(s.Step) != 16 || s.Step[15] != 15 {
		t.Fatalf("active_share of mixed has %d steps", len(s.Step))
	}
	files, err := DrawCompare([]string{a, a}, "cumulative", []string{"svg", "png"}, filepath.Join(base, "cmp"))
	if err != nil || len(files) != 2 {
		t.Fatalf("DrawCompare: %v %v", files, err)
	}
	if _, err := DrawCompare([]string{a}, "nonsense", []string{"svg"}, filepath.Join(base, "x")); err == nil {
		t.Error("unknown metric accepted")
	}
	if _, err := ReadAggregate(base); err == nil {
		t.Error("a folder without results was read")
	}
}
