package sweep

import (
	"time"

	"github.com/connact/connact/sim/runner"
)

// Estimate is the expected cost of a sweep.
type Estimate struct {
	Runs   int64
	PerRun time.Duration // measured: the mean of the first runs of the first and last points
	// WallSeconds is PerRun × runs / workers, in floating point: it can
	// be more nanoseconds than a time.Duration holds.
	WallSeconds float64
	Bytes       int64 // of the CSV files
	RunSeries   int64 // extra bytes with --timeseries runs
	MeasuredRun int   // runs timed
}

// Typical row sizes in bytes, measured on the shipped sweeps (numbers in
// shortest form run to 15–20 characters).
const (
	runsRowBytes      = 360
	pointsRowBytes    = 110
	seriesRowBytes    = 110
	runSeriesRowBytes = 120
)

// EstimateCost times the first run of the first and of the last point and
// extrapolates the sweep's time on workers cores and its output's size.
func EstimateCost(st *runner.Study, workers int) (Estimate, error) {
	e := Estimate{Runs: st.Plan.Runs()}
	per := int64(st.Plan.Conditions()) * int64(st.Replicates)
	runs := []int{0}
	if last := (st.Plan.Points() - 1) * int(per); last > 0 {
		runs = append(runs, last)
	}
	var total time.Duration
	var steps int
	for _, i := range runs {
		start := time.Now()
		r, err := st.Run(i)
		if err != nil {
			return e, err
		}
		total += time.Since(start)
		steps += r.Obs.Steps
	}
	e.MeasuredRun = len(runs)
	e.PerRun = total / time.Duration(len(runs))
	e.WallSeconds = e.PerRun.Seconds() * float64(e.Runs) / float64(max(workers, 1))
	groups := int64(st.Plan.Points()) * int64(st.Plan.Conditions())
	stepsPerRun := int64(steps/len(runs) + 1)
	e.Bytes = e.Runs*runsRowBytes + groups*int64(len(newPlan(st, Shard{}).metrics))*pointsRowBytes +
		groups*stepsPerRun*int64(len(pointSeries))*seriesRowBytes
	e.RunSeries = e.Runs * stepsPerRun * runSeriesRowBytes
	return e, nil
}
