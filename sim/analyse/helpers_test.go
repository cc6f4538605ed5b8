package analyse

import (
	"context"
	"encoding/csv"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
	"github.com/connact/connact/sim/sweep"
)

// The sweeps of testdata/sens.yaml the tests analyse, each run once into a
// folder that the tests share and only read (a test that changes one
// copies it first).
var (
	morrisSet = []string{"sweep.sample.method=morris", "sweep.sample.points=16"}
	// noiseSet sweeps only the organisation, which the one condition
	// leaves out: every metric is noise, or constant.
	noiseSet = []string{"sweep.sample.method=lhs", "sweep.sample.points=40", "replicates=4",
		"sweep.parameters.0.path=organisations.0.tolerance", "sweep.parameters.0.from=0.1", "sweep.parameters.0.to=0.5",
		"sweep.parameters.1.path=organisations.0.incentive", "sweep.parameters.1.from=0", "sweep.parameters.1.to=1",
		"sweep.parameters.2.path=organisations.0.position", "sweep.parameters.2.from=0.2", "sweep.parameters.2.to=0.8"}
	folders struct {
		sync.Mutex
		root string
		dirs map[string]string
	}
)

func TestMain(m *testing.M) {
	root, err := os.MkdirTemp("", "analyse-test-")
	if err != nil {
		panic(err)
	}
	folders.root, folders.dirs = root, map[string]string{}
	code := m.Run()
	os.RemoveAll(root)
	os.Exit(code)
}

// sweepFolder returns the folder of testdata/sens.yaml's sweep with the
// overrides set, running it the first time.
func sweepFolder(t testing.TB, set ...string) string {
	t.Helper()
	folders.Lock()
	defer folders.Unlock()
	key := strings.Join(set, " ")
	if d, ok := folders.dirs[key]; ok {
		return d
	}
	l, err := scenario.LoadWithSet("testdata/sens.yaml", set)
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewSweepStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(folders.root, "sweep-"+strconv.Itoa(len(folders.dirs)))
	if _, err := sweep.Run(context.Background(), st, sweep.Options{Dir: dir, Workers: 2, Formats: []string{}}); err != nil {
		t.Fatal(err)
	}
	folders.dirs[key] = dir
	return dir
}

// copyDir copies the files of src into a new folder dst.
func copyDir(t testing.TB, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// analyseInto analyses dir into out (charts in svg) and returns the rows
// of its sensitivity.csv.
func analyseInto(t testing.TB, dir, out string, metrics ...string) (*Report, []Row) {
	t.Helper()
	return analyseWith(t, dir, out, Options{Metrics: metrics})
}

// analyseWith analyses dir into out with opt (charts in svg) and returns
// the rows of its sensitivity.csv.
func analyseWith(t testing.TB, dir, out string, opt Options) (*Report, []Row) {
	t.Helper()
	opt.Out, opt.Formats = out, []string{"svg"}
	rep, err := Analyse(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep, readRows(t, filepath.Join(out, CSVFile))
}

// readRows reads a sensitivity.csv back.
func readRows(t testing.TB, path string) []Row {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(header, ","), strings.Join(output.FieldNames(csvFields(DefaultLevel)), ","); got != want {
		t.Fatalf("%s: header %s, want %s", path, got, want)
	}
	var rows []Row
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		num := func(s string) float64 {
			v, err := output.ParseNumber(s)
			if err != nil {
				t.Fatalf("%s: %q is not a number", path, s)
			}
			return v
		}
		n, err := strconv.Atoi(rec[8])
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, Row{Metric: rec[0], Condition: rec[1], Method: rec[2], Parameter: rec[3], Statistic: rec[4],
			Estimate: num(rec[5]), Lo: num(rec[6]), Hi: num(rec[7]), N: n, Note: rec[9]})
	}
}

// find returns the row of metric, statistic and parameter ("" for the
// metric as a whole); the tests' sweeps have one condition.
func find(t testing.TB, rows []Row, metric, statistic, param string) Row {
	t.Helper()
	for _, r := range rows {
		if r.Metric == metric && r.Statistic == statistic && r.Parameter == param {
			return r
		}
	}
	t.Fatalf("no row %s %s %s", metric, statistic, param)
	return Row{}
}

// covers reports whether r's interval holds v.
func covers(r Row, v float64) bool { return r.Lo <= v && v <= r.Hi }

// isNA reports whether r has no estimate and a note says why.
func isNA(r Row) bool { return math.IsNaN(r.Estimate) && r.Note != "" }
