package sweep_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
	"github.com/connact/connact/sim/sweep"
)

// Run runs every point of a scenario's sweep section, for every condition
// and replicate, and streams the results into a sweep folder: runs.csv
// holds every run's metrics beside its point's parameters, points.csv
// their running means per point and condition. Here three values of the
// frame's share probability, with 4 replicates each.
func ExampleRun() {
	l, err := scenario.Parse("demo.yaml", []byte(`
name: demo
seed: 3
steps: 10
replicates: 4
population: {size: 200}
network: {model: erdos_renyi, mean_degree: 6}
frames:
  - {name: tag, seeds: 5, share: 0.3, width: 0.4}
sweep:
  parameters:
    - {path: frames.0.share, values: [0.1, 0.3, 0.5]}
`), ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	st, err := runner.NewSweepStudy(l)
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
	dir := filepath.Join(tmp, "demo-sweep")
	rep, err := sweep.Run(context.Background(), st, sweep.Options{Dir: dir, Workers: 2, Formats: []string{}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d points, %d runs, complete: %v\n", rep.Points, rep.Runs, rep.Complete)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		fmt.Println(e.Name())
	}
	// The header of points.csv and its rows of peak_share, one per point.
	f, err := os.Open(filepath.Join(dir, sweep.PointsFile))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		if first || strings.Contains(sc.Text(), ",peak_share,") {
			fmt.Println(sc.Text())
		}
	}
	// Output:
	// 3 points, 12 runs, complete: true
	// datapackage.json
	// manifest.json
	// meta.json
	// point_timeseries.csv
	// points.csv
	// runs.csv
	// scenario.yaml
	// point,condition,frames_0_share,metric,n,mean,sd,ci95_lo,ci95_hi
	// 0,default,0.1,peak_share,4,0.0625,0.029011491975882018,0.016336242275293164,0.10866375772470684
	// 1,default,0.3,peak_share,4,0.46249999999999997,0.2918475629502497,-0.00189459920853835,0.9268945992085382
	// 2,default,0.5,peak_share,4,0.63375,0.17894948076668638,0.3490014430508105,0.9184985569491896
}
