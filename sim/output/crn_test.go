package output

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/connact/connact/sim/runner"
)

// crnScenario has two arms that differ only in an event at step 30: the
// union's contact cost is set to its own value (no change) in "same" and
// raised tenfold in "dear". Both mechanisms run, so that every stream of
// the dynamics (organisation contacts, peer sharing, background) is drawn.
const crnScenario = `
name: crn
seed: 7
steps: 60
replicates: 4
population: {size: 400, threshold: {dist: beta, a: 2, b: 8}}
network: {model: watts_strogatz, mean_degree: 8, rewire: 0.1}
organisations:
  - {name: union, position: 0.5, tolerance: 0.3, budget: 50, dues: 0.02, contact_cost: 0.05,
     reach: 20, incentive: 0.4, cost: 0.05, half_life: 30, members: 0.02}
frames:
  - {name: hashtag, seeds: 10, share: 0.3, width: 0.3, cost: 0.02, half_life: 3}
events:
  - {step: 30, type: set_cost, mechanism: union, cost: 0.05}
conditions:
  - {name: same}
  - {name: dear, set: {"events[0].cost": 0.5}}
`

func crnRun(t *testing.T, dir string, set ...string) *RunReport {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crn.yaml")
	if err := os.WriteFile(path, []byte(crnScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := WriteRun(context.Background(), loadStudy(t, path, set...), RunOptions{Dir: dir, Workers: 2, Formats: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// firstDifference is, per replicate, the first step at which the two
// conditions' rows of timeseries.csv differ (past the condition and seed
// columns), or -1.
func firstDifference(t *testing.T, dir string) []int {
	t.Helper()
	rows := readCSV(t, filepath.Join(dir, TimeseriesFile))
	byKey := map[string][]string{}
	for _, r := range rows[1:] {
		byKey[r[0]+"/"+r[1]+"/"+r[3]] = r[4:]
	}
	var first []int
	for rep := 0; rep < 4; rep++ {
		d := -1
		for step := 0; step <= 60; step++ {
			k := strconv.Itoa(rep) + "/" + strconv.Itoa(step)
			if !slices.Equal(byKey["same/"+k], byKey["dear/"+k]) {
				d = step
				break
			}
		}
		first = append(first, d)
	}
	return first
}

// TestCommonRandomNumbersUntilEvent: with common_random_numbers, two
// conditions that differ only from an event at step 30 give identical
// rows of timeseries.csv up to step 29 in every replicate, and differ
// from step 30 on; without it they differ long before.
func TestCommonRandomNumbersUntilEvent(t *testing.T) {
	base := t.TempDir()
	crnRun(t, filepath.Join(base, "crn"), "common_random_numbers=true")
	crnRun(t, filepath.Join(base, "ind"))
	crn, ind := firstDifference(t, filepath.Join(base, "crn")), firstDifference(t, filepath.Join(base, "ind"))
	t.Logf("first step at which the arms differ, per replicate: %v with common random numbers, %v without", crn, ind)
	for r, d := range crn {
		if d < 30 {
			t.Errorf("replicate %d: with common random numbers the arms differ at step %d, before the event at 30", r, d)
		}
		if d == -1 {
			t.Errorf("replicate %d: the event at step 30 changed nothing (the test would prove nothing)", r)
		}
	}
	for r, d := range ind {
		if d < 0 || d >= 30 {
			t.Errorf("replicate %d: without common random numbers the arms first differ at step %d, not before 30", r, d)
		}
	}
	if _, err := os.Stat(filepath.Join(base, "ind", ContrastsFile)); !os.IsNotExist(err) {
		t.Errorf("without common random numbers the run folder has %s", ContrastsFile)
	}
	if err := CheckDataPackage(filepath.Join(base, "crn")); err != nil {
		t.Error(err)
	}
}

// TestContrastsFile checks contrasts.csv against the differences computed
// by hand from summary.csv, and the seeds: one per replicate, shared by
// the conditions.
func TestContrastsFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	rep := crnRun(t, dir, "common_random_numbers=true")
	sum := readCSV(t, filepath.Join(dir, SummaryFile))
	col := map[string]int{}
	for k, h := range sum[0] {
		col[h] = k
	}
	vals := map[string][]float64{} // condition/metric → replicates
	seeds := map[string]string{}
	for _, r := range sum[1:] {
		if s, ok := seeds[r[1]]; ok && s != r[2] {
			t.Errorf("replicate %s: seeds %s and %s differ between conditions", r[1], s, r[2])
		}
		seeds[r[1]] = r[2]
		for _, m := range []string{"peak_share", "cumulative_share"} {
			x, _ := ParseNumber(r[col[m]])
			vals[r[0]+"/"+m] = append(vals[r[0]+"/"+m], x)
		}
	}
	rows := readCSV(t, filepath.Join(dir, ContrastsFile))
	if want := []string{"condition", "baseline", "metric", "n", "mean_difference", "sd_difference", "ci95_lo", "ci95_hi", "unpaired_ci95_lo", "unpaired_ci95_hi"}; !slices.Equal(rows[0], want) {
		t.Fatalf("header %v, want %v", rows[0], want)
	}
	checked := 0
	for _, r := range rows[1:] {
		if r[0] != "dear" || r[1] != "same" {
			t.Errorf("row %v: want condition dear against baseline same", r)
		}
		xs, ok := vals["same/"+r[2]]
		if !ok {
			continue
		}
		ys := vals["dear/"+r[2]]
		// By hand: d_r = y_r − x_r, mean, sd (n−1), mean ± t_{0.975,3}·sd/2.
		var d []float64
		mean := 0.0
		for k := range xs {
			d = append(d, ys[k]-xs[k])
			mean += d[k] / 4
		}
		ss := 0.0
		for _, v := range d {
			ss += (v - mean) * (v - mean)
		}
		sd := math.Sqrt(ss / 3)
		half := 3.182446305 * sd / 2
		for k, want := range []float64{mean, sd, mean - half, mean + half} {
			got, _ := ParseNumber(r[4+k])
			if math.Abs(got-want) > 1e-9 {
				t.Errorf("%s column %s = %v, want %v", r[2], rows[0][4+k], got, want)
			}
		}
		if r[3] != "4" {
			t.Errorf("%s n = %s, want 4", r[2], r[3])
		}
		checked++
		p := rep.Contrasts[0].Metrics[r[2]]
		if p.Mean != runner.PairedDiff(xs, ys).Mean {
			t.Errorf("%s: the report's mean difference %v is not the file's", r[2], p.Mean)
		}
	}
	if checked != 2 {
		t.Errorf("checked %d metrics, want 2", checked)
	}
}
