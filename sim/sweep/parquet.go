package sweep

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/connact/connact/sim/internal/tidyparquet"
	"github.com/connact/connact/sim/observable"
)

// The Parquet column types and columns of the sweep's files
// (sim/internal/tidyparquet writes them).
type (
	parquetKind = tidyparquet.Kind
	pqColumn    = tidyparquet.Column
)

const (
	pqInt64  = tidyparquet.Int64
	pqDouble = tidyparquet.Double
	pqString = tidyparquet.String
)

// integerColumn reports whether column name holds whole numbers in every
// file of a sweep folder: the integer identifiers, and the metrics of
// runs.csv and series of runs_timeseries.csv that observable declares
// integer (members_end_<organisation> among them).
func integerColumn(name string) bool {
	switch name {
	case "point", "replicate", "seed", "step", "n":
		return true
	}
	if m, ok := observable.MetricNamed(name); ok {
		return m.Integer
	}
	i := slices.IndexFunc(runSeries, func(s observable.Series) bool { return s.Name == name })
	return i >= 0 && runSeries[i].Integer
}

// stringColumns are the labels of the tidy files.
var stringColumns = map[string]bool{"condition": true, "metric": true, "variable": true}

// WriteParquet converts the CSV files of a finished sweep folder dir
// (runs.csv, points.csv, point_timeseries.csv and, if present,
// runs_timeseries.csv) into <name>.parquet beside them, zstd-compressed,
// each file written to a temporary name and renamed into place. It streams
// row groups of 65,536 rows and never holds a whole file in memory. It
// returns the paths written.
//
// The columns keep the CSV's names and order, and the rows its order.
// point, replicate, step, n, seed, the integer metrics (peak_step,
// members_end*, cascade, nodes, edges, max_degree) and the counts of
// runs_timeseries.csv are INT64; condition, metric and variable are STRING;
// a parameter column (manifest.json) is DOUBLE when every value in it is a
// number, else STRING; the other columns are DOUBLE. Numeric columns are
// optional: NA is null. A column whose values do not fit its type (a folder
// edited by hand) is written with the next wider type that holds them all,
// INT64 → DOUBLE → STRING, never rounded. The same CSV files give the same
// Parquet bytes.
func WriteParquet(dir string) ([]string, error) {
	var m Manifest
	if err := readJSON(filepath.Join(dir, ManifestFile), &m); err != nil {
		return nil, fmt.Errorf("%s is not a sweep folder: %w", dir, err)
	}
	if !m.Complete {
		return nil, fmt.Errorf("%s is not a finished sweep (finish it with connact sweep --resume before converting it to Parquet)", dir)
	}
	params := make([]string, len(m.Parameters))
	for k, p := range m.Parameters {
		params[k] = p.Name
	}
	names := []string{RunsFile, PointsFile, TimeseriesFile}
	if _, err := os.Stat(filepath.Join(dir, RunTimeseriesFile)); err == nil {
		names = append(names, RunTimeseriesFile)
	}
	meta := map[string]string{"connact.scenario": m.Scenario, "connact.scenario_hash": m.ScenarioHash}
	var written []string
	var paramKinds []parquetKind // as found in runs.csv, the start for the other files
	for _, name := range names {
		meta["connact.source"] = name
		dst, cols, err := convertCSV(filepath.Join(dir, name), params, paramKinds, meta)
		if err != nil {
			return written, err
		}
		if name == RunsFile {
			for _, c := range cols[2 : 2+len(params)] {
				paramKinds = append(paramKinds, c.Kind)
			}
		}
		written = append(written, dst)
	}
	return written, nil
}

// convertCSV writes src (a CSV file of a sweep folder) as Parquet beside it.
// It starts from the types the column names suggest and, if a value does
// not fit, widens that column and starts over (in a folder written by
// connact this happens only for a parameter with non-numeric values, at its
// first row that has one).
func convertCSV(src string, params []string, paramKinds []parquetKind, meta map[string]string) (string, []pqColumn, error) {
	header, err := readHeader(src)
	if err != nil {
		return "", nil, err
	}
	if len(header) < 2+len(params) || header[0] != "point" || header[1] != "condition" {
		return "", nil, fmt.Errorf("%s: unexpected columns (%s)", src, strings.Join(header, ","))
	}
	for k, p := range params {
		if header[2+k] != p {
			return "", nil, fmt.Errorf("%s: column %d is %q, but manifest.json names parameter %d %q", src, 3+k, header[2+k], k+1, p)
		}
	}
	cols := make([]pqColumn, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		c := pqColumn{Name: h, Kind: pqDouble}
		switch {
		case i >= 2 && i < 2+len(params):
			c.Dict = true
			if paramKinds != nil {
				c.Kind = paramKinds[i-2]
			}
		case integerColumn(h):
			c.Kind = pqInt64
		case stringColumns[h]:
			c.Kind = pqString
		}
		// Parquet needs distinct names; a parameter may share one with a
		// column (e.g. a sweep over seed): later ones get _1, _2, … as
		// DuckDB's read_csv names them.
		for k := 1; seen[c.Name]; k++ {
			c.Name = h + "_" + strconv.Itoa(k)
		}
		seen[c.Name] = true
		cols[i] = c
	}
	dst := strings.TrimSuffix(src, filepath.Ext(src)) + ".parquet"
	err = tidyparquet.Convert(src, dst, cols, meta)
	return dst, cols, err
}

func readHeader(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h, err := csv.NewReader(bufio.NewReader(f)).Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return h, nil
}
