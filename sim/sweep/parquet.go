package sweep

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"

	"github.com/connact/connact/sim/observable"
)

// parquetRowGroup is the number of rows in a row group of the Parquet files
// written by WriteParquet (65,536): the most rows held in memory while
// converting. Tests lower it.
var parquetRowGroup int64 = 1 << 16

// Column types of the Parquet files.
type parquetKind uint8

const (
	pqInt64  parquetKind = iota // optional INT64
	pqDouble                    // optional DOUBLE
	pqString                    // required BYTE_ARRAY (STRING), dictionary-encoded
)

func (k parquetKind) String() string {
	return [...]string{"INT64", "DOUBLE", "STRING"}[k]
}

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

// pqColumn is one column of a file being converted.
type pqColumn struct {
	name  string
	kind  parquetKind
	param bool // a sweep parameter (dictionary-encoded when numeric)
}

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
				paramKinds = append(paramKinds, c.kind)
			}
		}
		written = append(written, dst)
	}
	return written, nil
}

// kindError reports a value that does not fit its column's type.
type kindError struct {
	col   int
	value string
}

func (e *kindError) Error() string { return fmt.Sprintf("column %d: %q", e.col, e.value) }

// wider returns the narrowest type wider than k that holds v.
func wider(k parquetKind, v string) parquetKind {
	if k == pqInt64 {
		_, ierr := strconv.ParseInt(v, 10, 64)
		if _, err := strconv.ParseFloat(v, 64); err == nil && !errors.Is(ierr, strconv.ErrRange) {
			return pqDouble // e.g. 1.5 or Inf; an integer beyond int64 stays exact as a string
		}
	}
	return pqString
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
		c := pqColumn{name: h, kind: pqDouble}
		switch {
		case i >= 2 && i < 2+len(params):
			c.param = true
			if paramKinds != nil {
				c.kind = paramKinds[i-2]
			}
		case integerColumn(h):
			c.kind = pqInt64
		case stringColumns[h]:
			c.kind = pqString
		}
		// Parquet needs distinct names; a parameter may share one with a
		// column (e.g. a sweep over seed): later ones get _1, _2, … as
		// DuckDB's read_csv names them.
		for k := 1; seen[c.name]; k++ {
			c.name = h + "_" + strconv.Itoa(k)
		}
		seen[c.name] = true
		cols[i] = c
	}
	dst := strings.TrimSuffix(src, filepath.Ext(src)) + ".parquet"
	for {
		err := writeParquetFile(src, dst, cols, meta)
		var ke *kindError
		if !errors.As(err, &ke) {
			return dst, cols, err
		}
		cols[ke.col].kind = wider(cols[ke.col].kind, ke.value)
	}
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

// parquetSchema is the schema of cols, in their order.
func parquetSchema(cols []pqColumn) *parquet.Schema {
	g := make(orderedGroup, len(cols))
	for i, c := range cols {
		var n parquet.Node
		switch c.kind {
		case pqInt64:
			n = parquet.Optional(parquet.Leaf(parquet.Int64Type))
		case pqDouble:
			n = parquet.Leaf(parquet.DoubleType)
			if c.param { // few distinct values, repeated on every row
				n = parquet.Encoded(n, &parquet.RLEDictionary)
			}
			n = parquet.Optional(n)
		default:
			n = parquet.Encoded(parquet.String(), &parquet.RLEDictionary)
		}
		g[i] = &orderedField{Node: n, name: c.name, index: i}
	}
	return parquet.NewSchema("connact", g)
}

// writeParquetFile writes the rows of src to dst through a temporary file.
func writeParquetFile(src, dst string, cols []pqColumn, meta map[string]string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	r := csv.NewReader(bufio.NewReaderSize(in, 1<<16))
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil { // the header
		return fmt.Errorf("%s: %w", src, err)
	}
	tmp := dst + ".tmp"
	out, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			out.Close()
			os.Remove(tmp)
		}
	}()
	opts := []parquet.WriterOption{
		parquetSchema(cols),
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(parquetRowGroup),
		parquet.DataPageVersion(1), // the most widely read page format
	}
	for k, v := range meta {
		opts = append(opts, parquet.KeyValueMetadata(k, v))
	}
	w := parquet.NewGenericWriter[any](out, opts...)
	const batch = 512
	rows := make([]parquet.Row, batch)
	for i := range rows {
		rows[i] = make(parquet.Row, len(cols))
	}
	n := 0
	flush := func() error {
		_, err := w.WriteRows(rows[:n])
		n = 0
		return err
	}
	line := 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		row := rows[n]
		for i, s := range rec {
			v, err := parquetValue(cols[i].kind, s)
			if err != nil {
				return &kindError{col: i, value: s}
			}
			switch {
			case cols[i].kind == pqString:
				row[i] = v.Level(0, 0, i)
			case v.IsNull():
				row[i] = v.Level(0, 0, i)
			default:
				row[i] = v.Level(0, 1, i)
			}
		}
		if n++; n == batch {
			if err := flush(); err != nil {
				return fmt.Errorf("%s: %w", dst, err)
			}
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("%s: %w", dst, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("%s: %w", dst, err)
	}
	if err := out.Sync(); err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// parquetValue parses one CSV field as a value of kind k; NA is null in
// numeric columns.
func parquetValue(k parquetKind, s string) (parquet.Value, error) {
	switch k {
	case pqString:
		return parquet.ByteArrayValue([]byte(s)), nil
	case pqInt64:
		if s == "NA" {
			return parquet.NullValue(), nil
		}
		x, err := strconv.ParseInt(s, 10, 64)
		return parquet.Int64Value(x), err
	}
	if s == "NA" {
		return parquet.NullValue(), nil
	}
	x, err := strconv.ParseFloat(s, 64)
	return parquet.DoubleValue(x), err
}

// orderedGroup is a Parquet group whose fields keep their order
// (parquet.Group, a map, sorts them by name).
type orderedGroup []parquet.Field

func (g orderedGroup) ID() int                     { return 0 }
func (g orderedGroup) String() string              { return parquet.NewSchema("", g).String() }
func (g orderedGroup) Type() parquet.Type          { return parquet.Group(nil).Type() }
func (g orderedGroup) Optional() bool              { return false }
func (g orderedGroup) Repeated() bool              { return false }
func (g orderedGroup) Required() bool              { return true }
func (g orderedGroup) Leaf() bool                  { return false }
func (g orderedGroup) Fields() []parquet.Field     { return g }
func (g orderedGroup) Encoding() encoding.Encoding { return nil }
func (g orderedGroup) Compression() compress.Codec { return nil }

// GoType is a struct with one field per column, in order.
func (g orderedGroup) GoType() reflect.Type {
	fields := make([]reflect.StructField, len(g))
	for i, f := range g {
		fields[i] = reflect.StructField{
			Name: "F" + strconv.Itoa(i),
			Type: f.GoType(),
			Tag:  reflect.StructTag(`parquet:` + strconv.Quote(f.Name())),
		}
	}
	return reflect.StructOf(fields)
}

type orderedField struct {
	parquet.Node
	name  string
	index int
}

func (f *orderedField) Name() string { return f.name }

// Value returns the field of base, a struct of type orderedGroup.GoType or a
// map keyed by column name.
func (f *orderedField) Value(base reflect.Value) reflect.Value {
	for base.Kind() == reflect.Interface || base.Kind() == reflect.Pointer {
		if base.IsNil() {
			return reflect.Value{}
		}
		base = base.Elem()
	}
	switch base.Kind() {
	case reflect.Struct:
		return base.Field(f.index)
	case reflect.Map:
		return base.MapIndex(reflect.ValueOf(f.name))
	}
	return reflect.Value{}
}
