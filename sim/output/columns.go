package output

import (
	"github.com/connact/connact/sim/observable"
	"github.com/connact/connact/sim/runner"
)

// field is the Table Schema field of a numeric column.
func field(name string, integer bool, desc, unit string) Field {
	typ := TypeNumber
	if integer {
		typ = TypeInteger
	}
	return Field{Name: name, Type: typ, Description: desc, Unit: unit}
}

// SeriesFields describe series as columns: those of timeseries.csv and
// groups.csv after their identifiers, and of a sweep's
// runs_timeseries.csv.
func SeriesFields(ss []observable.Series) []Field {
	fs := make([]Field, len(ss))
	for k, s := range ss {
		fs[k] = field(s.Name, s.Integer, s.Description, s.Unit)
	}
	return fs
}

// MetricFields describe metrics as columns: those of summary.csv and of a
// sweep's runs.csv after their identifiers.
func MetricFields(ms []observable.Metric) []Field {
	fs := make([]Field, len(ms))
	for k, m := range ms {
		fs[k] = field(m.Name, m.Integer, m.Description, m.Unit)
	}
	return fs
}

// summarise summarises metric m across replicates xs, with quantiles at
// levels qs: a binary metric's mean is a proportion of runs, with Wilson's
// interval.
func summarise(m observable.Metric, xs, qs []float64) runner.Summary {
	if m.Binary {
		return runner.SummariseBinary(xs, qs)
	}
	return runner.Summarise(xs, qs)
}
