package output_test

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// WriteRun runs a study and writes its run folder: the tidy CSV files,
// the resolved scenario, meta.json, datapackage.json and the charts. The
// CSV files are byte-identical for the same scenario and seed.
func ExampleWriteRun() {
	l, err := scenario.Parse("demo.yaml", []byte(`
name: demo
seed: 1
steps: 10
replicates: 5
population: {size: 200}
network: {model: erdos_renyi, mean_degree: 6}
frames:
  - {name: tag, seeds: 5, share: 0.3, width: 0.4}
`), ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		fmt.Println(err)
		return
	}
	tmp, err := os.MkdirTemp("", "connact-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "demo")
	rep, err := output.WriteRun(context.Background(), st, output.RunOptions{Dir: dir, Workers: 2, Formats: []string{"svg"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		fmt.Println(e.Name())
	}
	f, err := os.Open(filepath.Join(dir, output.TimeseriesFile))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for k := 0; k < 4 && sc.Scan(); k++ {
		fmt.Println(sc.Text())
	}
	peak := rep.Conditions[0].Metrics["peak_share"]
	fmt.Printf("%s: peak share active %.3f, 95%% CI [%.3f, %.3f] over %d runs\n", rep.Conditions[0].Name, peak.Mean, peak.Lo, peak.Hi, peak.N)
	// Output:
	// aggregate.csv
	// cumulative.svg
	// datapackage.json
	// groups.csv
	// meta.json
	// participation.svg
	// scenario.yaml
	// summary.csv
	// summary_aggregate.csv
	// timeseries.csv
	// condition,replicate,seed,step,alive,aware,active,members,new_active,cumulative,lapsed,mean_attention,spent,aware_share,active_share,members_share,cumulative_share,active_tag,active_share_tag,aware_tag
	// default,0,3594693115589363,0,200,5,5,0,5,5,0,0.025,0,0.025,0.025,0,0.025,5,0.025,5
	// default,0,3594693115589363,1,200,12,8,0,5,10,2,0.04762203097343445,0.08,0.06,0.04,0,0.05,8,0.04,12
	// default,0,3594693115589363,2,200,22,12,0,4,14,0,0.0774826580286026,0.11999999999999998,0.11,0.06,0,0.07,12,0.06,22
	// default: peak share active 0.459, 95% CI [0.319, 0.599] over 5 runs
}

// Table is the one writer of the CSV files of run and sweep folders:
// RFC 4180 quoting, numbers in the shortest form that reads back to the
// same float64, NA for a value that does not exist; Sync gives the size
// that a sweep's checkpoint records.
func ExampleTable() {
	tmp, err := os.MkdirTemp("", "connact-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(tmp)
	path := filepath.Join(tmp, "shares.csv")
	t, err := output.CreateTable(path, []string{"condition", "step", "share"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for step, share := range []float64{0.25, 1.0 / 3, math.NaN()} {
		t.Begin()
		t.Text("union, strike")
		t.Int(step)
		t.Number(share, false)
		if err := t.End(); err != nil {
			fmt.Println(err)
			return
		}
	}
	size, err := t.Sync()
	if err == nil {
		err = t.Close()
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := os.ReadFile(path)
	fmt.Print(string(b))
	fmt.Println(size, "bytes")
	// Output:
	// condition,step,share
	// "union, strike",0,0.25
	// "union, strike",1,0.3333333333333333
	// "union, strike",2,NA
	// 102 bytes
}
