package output

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestAgentSnapshots: agents.csv holds one row per (condition,
// replicate, step, agent) at the steps asked for, in that order, whose
// seeds and counts of active agents, members and agents ever active agree
// with timeseries.csv; datapackage.json describes it (CheckDataPackage);
// it is byte-identical whatever the number of workers (each run writes its
// snapshots in the same pass, to a spool taken up in run order).
func TestAgentSnapshots(t *testing.T) {
	base := t.TempDir()
	st := loadStudy(t, "testdata/small.yaml")
	steps, err := ParseAgentSteps("final,0,3,3", st.Scenario.Steps)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(steps, []int{0, 3, Final}) {
		t.Fatalf("ParseAgentSteps: %v", steps)
	}
	for _, w := range []int{1, 3} {
		if _, err := WriteRun(context.Background(), loadStudy(t, "testdata/small.yaml"), RunOptions{Dir: filepath.Join(base, fmt.Sprint(w)), Workers: w, Agents: steps}); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(base, "1")
	if err := CheckDataPackage(dir); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"1", "3"} {
		// The runs' spools are appended and removed as the runs are
		// written: none is left in the folder.
		if spools, _ := filepath.Glob(filepath.Join(base, w, ".agents-*")); len(spools) > 0 {
			t.Errorf("%s workers: spools left behind: %v", w, spools)
		}
	}
	a, _ := os.ReadFile(filepath.Join(dir, AgentsFile))
	b, _ := os.ReadFile(filepath.Join(base, "3", AgentsFile))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("agents.csv differs between 1 and 3 workers")
	}
	ts := readCSV(t, filepath.Join(dir, TimeseriesFile))
	col := func(name string) int { return slices.Index(ts[0], name) }
	want := map[string][3]string{} // condition,replicate,seed,step -> active, members, cumulative
	for _, r := range ts[1:] {
		want[r[0]+","+r[1]+","+r[2]+","+r[3]] = [3]string{r[col("active")], r[col("members")], r[col("cumulative")]}
	}
	ag := readCSV(t, filepath.Join(dir, AgentsFile))
	count := map[string]*[3]int{}
	var order []string
	for _, r := range ag[1:] {
		k := r[0] + "," + r[1] + "," + r[2] + "," + r[3]
		if count[k] == nil {
			count[k] = new([3]int)
			order = append(order, k)
		}
		c := count[k]
		if r[13] == "active" {
			c[0]++
		}
		if r[15] != "" {
			c[1]++
		}
		if r[16] == "true" {
			c[2]++
		}
	}
	last := fmt.Sprint(st.Scenario.Steps)
	if runs := st.Runs(); len(order) != runs*3 {
		t.Fatalf("%d snapshots, want %d runs × 3 steps", len(order), runs)
	}
	for k, i := range order {
		if k%3 == 2 && !bytes.HasSuffix([]byte(i), []byte(","+last)) {
			t.Fatalf("snapshot %s: the third of a run is not at the last step", i)
		}
		c := count[i]
		w, ok := want[i]
		if !ok || fmt.Sprint(c[0]) != w[0] || fmt.Sprint(c[1]) != w[1] || fmt.Sprint(c[2]) != w[2] {
			t.Fatalf("snapshot %s: active, members, ever active %v; timeseries.csv %v", i, *c, w)
		}
	}
}

// TestAgentSnapshotsRefused: steps outside the run, and snapshots
// estimated above MaxAgentsBytes, are refused with the estimate.
func TestAgentSnapshotsRefused(t *testing.T) {
	st := loadStudy(t, "testdata/small.yaml")
	for _, s := range []string{"-1", "x", fmt.Sprint(st.Scenario.Steps + 1), ""} {
		if _, err := ParseAgentSteps(s, st.Scenario.Steps); err == nil {
			t.Errorf("ParseAgentSteps(%q) accepted", s)
		}
	}
	big := loadStudy(t, "testdata/small.yaml", "population.size=10000000", "replicates=100")
	var re *RefusedError
	if err := CheckAgents(big, []int{0, Final}); !errors.As(err, &re) || !bytes.Contains([]byte(err.Error()), []byte("GB")) {
		t.Errorf("CheckAgents: %v, want a refusal with the estimate", err)
	}
	if err := CheckAgents(st, []int{0, Final}); err != nil {
		t.Errorf("CheckAgents on a small study: %v", err)
	}
}
