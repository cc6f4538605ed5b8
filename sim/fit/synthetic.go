package fit

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/connact/connact/sim/observable"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// Synthetic simulates the fit's scenario once, with the fitted parameters
// set to values (in the order of fit.parameters) and seed as the scenario
// seed, and returns what the observation model would record of that run:
// the observed series at every step that is a whole data time unit, or the
// statistics. It makes data at known parameters, for checking that a fit
// recovers them (the coverage test, scenarios/fit).
func Synthetic(l *scenario.Loaded, values []float64, seed uint64) (*Data, error) {
	f := l.Scenario.Fit
	if f == nil {
		return nil, fmt.Errorf("fit: %s has no fit section", l.File)
	}
	if len(f.Observe.Shares) > 0 {
		return nil, fmt.Errorf("fit: %s observes shares of runs, which one run cannot make: write the shares in the scenario", l.File)
	}
	if len(values) != len(f.Parameters) {
		return nil, fmt.Errorf("fit: %d values for %d parameters", len(values), len(f.Parameters))
	}
	set := []string{"seed=" + strconv.FormatUint(seed, 10), "replicates=1"}
	for k, p := range f.Parameters {
		set = append(set, p.Path+"="+strconv.FormatFloat(values[k], 'g', -1, 64))
	}
	c, err := scenario.Parse(l.File, l.Resolved(), l.Dir)
	if err != nil {
		return nil, err
	}
	if err := scenario.ApplySet(c, set); err != nil {
		return nil, err
	}
	st, err := runner.NewStudy(c)
	if err != nil {
		return nil, err
	}
	res, err := st.Run(0)
	if err != nil {
		return nil, err
	}
	o := f.Observe
	d := &Data{}
	if len(o.Statistics) > 0 {
		for _, s := range o.Statistics {
			m, _ := observable.MetricNamed(s)
			d.Statistics = append(d.Statistics, s)
			d.Values = append(d.Values, m.Value(&res.Metrics, &res.Network))
		}
		return d, nil
	}
	name := o.Series
	if name == "new_participants" {
		name = "cumulative_share"
	}
	series := observable.Pick(observable.SeriesOf(res.Obs.Mechanisms, res.Obs.Organisations), name)
	if len(series) != 1 {
		return nil, fmt.Errorf("fit: no series %s", name)
	}
	scope := observable.All(res.Obs, res.N)
	for s := o.Offset; s <= c.Scenario.Steps; s += o.StepsPerUnit {
		v := series[0].Value(scope, s)
		if o.Series == "new_participants" && s-o.StepsPerUnit >= 0 {
			v -= series[0].Value(scope, s-o.StepsPerUnit)
		}
		d.Times = append(d.Times, float64((s-o.Offset)/o.StepsPerUnit))
		d.Steps = append(d.Steps, s)
		d.Values = append(d.Values, v*o.Scale)
	}
	return d, nil
}

// WriteCSV writes d as a data file that a fit with observation model o
// reads: time and value columns, or statistic and value.
func (d *Data) WriteCSV(w io.Writer, o scenario.FitObserve) error {
	cw := csv.NewWriter(w)
	if len(d.Statistics) > 0 {
		cw.Write([]string{"statistic", "value"})
		for k, s := range d.Statistics {
			cw.Write([]string{s, num(d.Values[k])})
		}
	} else {
		cw.Write([]string{o.Time, o.Value})
		for k, t := range d.Times {
			cw.Write([]string{num(t), num(d.Values[k])})
		}
	}
	cw.Flush()
	return cw.Error()
}
