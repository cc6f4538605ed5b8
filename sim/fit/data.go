package fit

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/connact/connact/sim/internal/inputfile"
	"github.com/connact/connact/sim/observable"
	"github.com/connact/connact/sim/scenario"
)

// Data are the observations a fit compares the model with: a time series
// (Steps, Times, Values), summary statistics (Statistics, Values), or
// shares of runs (Statistics names them metric>=threshold; no file).
type Data struct {
	File       string    // as the scenario gives it
	SHA256     string    // of the file's bytes: a resumed fit checks it
	Times      []float64 // the data's time of each value (series)
	Steps      []int     // the model step each time maps to (series)
	Statistics []string  // metric names (statistics)
	Values     []float64
}

// maxDataRows bounds the observations read.
const maxDataRows = 1_000_000

// ReadData reads the fit's data file. Its mistakes are scenario mistakes
// (scenario.IsUserError), positioned at fit.data and naming the file's
// own line: a missing file, a missing column, a value that is not a
// number, a time that falls between steps or after the last.
func ReadData(l *scenario.Loaded) (*Data, error) {
	f := l.Scenario.Fit
	if f == nil {
		return nil, fmt.Errorf("fit: %s has no fit section", l.File)
	}
	if sh := f.Observe.Shares; len(sh) > 0 {
		// Shares of runs: the targets are in the scenario (its hash
		// covers them), named as statistics for predictive.csv.
		d := &Data{}
		for _, s := range sh {
			d.Statistics = append(d.Statistics, scenario.ShareName(s))
			d.Values = append(d.Values, s.Value)
		}
		return d, nil
	}
	path := f.Data
	if !filepath.IsAbs(path) {
		path = filepath.Join(l.Dir, filepath.FromSlash(path))
	}
	fh, _, err := inputfile.Open(path)
	if err != nil {
		var nr *inputfile.NotRegularError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, l.Errorf("fit.data", "%s: no such file (relative to the scenario's folder)", f.Data)
		case errors.As(err, &nr):
			return nil, l.Errorf("fit.data", "%s is %s, not a data file", f.Data, nr.Kind)
		}
		return nil, l.Errorf("fit.data", "%v", err)
	}
	defer fh.Close()
	raw, err := io.ReadAll(io.LimitReader(fh, 64<<20))
	if err != nil {
		return nil, l.Errorf("fit.data", "%s: %v", f.Data, err)
	}
	sum := sha256.Sum256(raw)
	d := &Data{File: f.Data, SHA256: hex.EncodeToString(sum[:])}
	bad := func(line int, format string, args ...any) error {
		return l.Errorf("fit.data", "%s:%d: %s", f.Data, line, fmt.Sprintf(format, args...))
	}
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, l.Errorf("fit.data", "%s is empty: want a header and one observation a row", f.Data)
	}
	if err != nil {
		return nil, l.Errorf("fit.data", "%s: %v", f.Data, err)
	}
	col := map[string]int{}
	for k, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = k
	}
	o := f.Observe
	stats := len(o.Statistics) > 0
	var first, second string
	if stats {
		first, second = "statistic", "value"
	} else {
		first, second = o.Time, o.Value
	}
	ci, ok1 := col[first]
	cv, ok2 := col[second]
	if !ok1 || !ok2 {
		missing := first
		if ok1 {
			missing = second
		}
		return nil, bad(1, "no column %q (the header has %s)", missing, strings.Join(header, ", "))
	}
	seenStep := map[int]int{}
	seenStat := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, bad(pe.Line, "%v", pe.Err)
			}
			return nil, l.Errorf("fit.data", "%s: %v", f.Data, err)
		}
		line, _ := cr.FieldPos(0)
		if len(d.Values) >= maxDataRows {
			return nil, bad(line, "more than %d rows", maxDataRows)
		}
		if ci >= len(rec) || cv >= len(rec) {
			return nil, bad(line, "%d fields, fewer than the header's %d", len(rec), len(header))
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rec[cv]), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, bad(line, "%s: %q is not a finite number", second, truncate(rec[cv]))
		}
		if stats {
			name := strings.TrimSpace(rec[ci])
			if _, ok := observable.MetricNamed(name); !ok {
				return nil, bad(line, "unknown statistic %q: a per-run metric of runs.csv (peak_share, cumulative_share, ...)", truncate(name))
			}
			if at, dup := seenStat[name]; dup {
				return nil, bad(line, "%s is given twice (first at line %d)", name, at)
			}
			seenStat[name] = line
			d.Statistics = append(d.Statistics, name)
			d.Values = append(d.Values, v)
			continue
		}
		t, err := strconv.ParseFloat(strings.TrimSpace(rec[ci]), 64)
		if err != nil || math.IsNaN(t) || math.IsInf(t, 0) {
			return nil, bad(line, "%s: %q is not a finite number", first, truncate(rec[ci]))
		}
		s := float64(o.Offset) + t*float64(o.StepsPerUnit)
		if s != math.Round(s) || s < 0 || s > float64(l.Scenario.Steps) {
			return nil, bad(line, "%s %s is step %s (offset %d + %s × steps_per_unit %d), not a whole step in 0..%d (steps)",
				first, rec[ci], strconv.FormatFloat(s, 'g', -1, 64), o.Offset, rec[ci], o.StepsPerUnit, l.Scenario.Steps)
		}
		step := int(s)
		if at, dup := seenStep[step]; dup {
			return nil, bad(line, "step %d is observed twice (first at line %d)", step, at)
		}
		seenStep[step] = line
		d.Times = append(d.Times, t)
		d.Steps = append(d.Steps, step)
		d.Values = append(d.Values, v)
	}
	if len(d.Values) == 0 {
		return nil, bad(1, "a header but no observation")
	}
	if stats {
		// Every statistic the scenario names must be in the data, and
		// only those: the data file and the scenario say the same.
		for k, s := range o.Statistics {
			if _, ok := seenStat[s]; !ok {
				return nil, l.Errorf(fmt.Sprintf("fit.observe.statistics[%d]", k), "%s has no value in %s", s, f.Data)
			}
			if _, ok := observable.MetricNamed(s); !ok {
				return nil, l.Errorf(fmt.Sprintf("fit.observe.statistics[%d]", k), "unknown statistic %q: a per-run metric of runs.csv", s)
			}
		}
		if len(o.Statistics) != len(d.Statistics) {
			for _, s := range d.Statistics {
				found := false
				for _, w := range o.Statistics {
					found = found || w == s
				}
				if !found {
					return nil, bad(seenStat[s], "%s is not in fit.observe.statistics", s)
				}
			}
		}
		// In the order of observe.statistics.
		vals := make([]float64, len(o.Statistics))
		for k, s := range o.Statistics {
			for j, t := range d.Statistics {
				if t == s {
					vals[k] = d.Values[j]
				}
			}
		}
		d.Statistics, d.Values = append([]string(nil), o.Statistics...), vals
	}
	return d, nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
