package sweep

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"

	"github.com/connact/connact/sim/internal/tidyparquet"
)

// pqFile is a Parquet file read back whole (test files are small).
type pqFile struct {
	names  []string
	kinds  []parquetKind
	rows   []parquet.Row
	groups int
	meta   *format.FileMetaData
	kv     map[string]string
}

func readParquet(t *testing.T, path string) *pqFile {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := &pqFile{meta: pf.Metadata(), groups: len(pf.RowGroups()), kv: map[string]string{}}
	for _, kv := range pf.Metadata().KeyValueMetadata {
		out.kv[kv.Key] = kv.Value
	}
	// The file's own schema, as every reader sees it.
	for _, el := range pf.Metadata().Schema[1:] {
		out.names = append(out.names, el.Name)
		typ, leaf := el.Type.Get()
		rep, _ := el.RepetitionType.Get()
		optional := rep == format.Optional
		_, str := el.LogicalType.Value.(*format.StringType)
		conv, _ := el.ConvertedType.Get()
		switch {
		case !leaf:
			t.Fatalf("%s: %s is not a leaf", path, el.Name)
		case typ == format.Int64 && optional && (el.LogicalType.Value == nil || el.LogicalType.String() == "INT(64,true)"):
			out.kinds = append(out.kinds, pqInt64)
		case typ == format.Double && optional:
			out.kinds = append(out.kinds, pqDouble)
		case typ == format.ByteArray && !optional && str && conv == deprecated.UTF8:
			out.kinds = append(out.kinds, pqString)
		default:
			t.Fatalf("%s: column %s has an unexpected type %v (repetition %v, logical %v)", path, el.Name, typ, rep, el.LogicalType.Value)
		}
	}
	for _, rg := range pf.RowGroups() {
		rows := rg.Rows()
		buf := make([]parquet.Row, 64)
		for {
			n, err := rows.ReadRows(buf)
			for _, r := range buf[:n] {
				out.rows = append(out.rows, r.Clone())
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		}
		rows.Close()
	}
	return out
}

func readCSVAll(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// sameTable checks every value of the Parquet file against its CSV file, in
// order, and returns the file read.
func sameTable(t *testing.T, csvPath, pqPath string) *pqFile {
	t.Helper()
	recs := readCSVAll(t, csvPath)
	p := readParquet(t, pqPath)
	if len(p.rows) != len(recs)-1 {
		t.Fatalf("%s: %d rows, the CSV has %d", pqPath, len(p.rows), len(recs)-1)
	}
	if got := p.meta.NumRows; got != int64(len(recs)-1) {
		t.Errorf("%s: footer says %d rows", pqPath, got)
	}
	header := recs[0]
	if len(p.names) != len(header) {
		t.Fatalf("%s: columns %v, CSV %v", pqPath, p.names, header)
	}
	for i := range header {
		if p.names[i] != header[i] && !strings.HasPrefix(p.names[i], header[i]+"_") {
			t.Errorf("%s: column %d is %s, CSV %s", pqPath, i, p.names[i], header[i])
		}
	}
	bad := 0
	for r, row := range p.rows {
		rec := recs[r+1]
		if len(row) != len(rec) {
			t.Fatalf("%s row %d: %d values, CSV %d", pqPath, r, len(row), len(rec))
		}
		for i, v := range row {
			if v.Column() != i {
				t.Fatalf("%s row %d: value %d is of column %d", pqPath, r, i, v.Column())
			}
			if s := rec[i]; !sameValue(p.kinds[i], v, s) && bad < 10 {
				bad++
				t.Errorf("%s row %d, %s: %v (%s), CSV %q", pqPath, r, header[i], v, p.kinds[i], s)
			}
		}
	}
	// Every column chunk is zstd-compressed.
	for g, rg := range p.meta.RowGroups {
		for _, c := range rg.Columns {
			if c.MetaData.Codec != format.Zstd {
				t.Errorf("%s row group %d, %s: codec %v", pqPath, g, strings.Join(c.MetaData.PathInSchema, "."), c.MetaData.Codec)
			}
		}
	}
	return p
}

func sameValue(k parquetKind, v parquet.Value, s string) bool {
	switch k {
	case pqString:
		return !v.IsNull() && v.String() == s
	case pqInt64:
		if s == "NA" {
			return v.IsNull()
		}
		return !v.IsNull() && strconv.FormatInt(v.Int64(), 10) == s
	}
	if s == "NA" {
		return v.IsNull()
	}
	x, err := strconv.ParseFloat(s, 64)
	y := v.Double()
	return err == nil && !v.IsNull() && (x == y || math.IsNaN(x) && math.IsNaN(y))
}

func kindsByName(p *pqFile) map[string]parquetKind {
	m := map[string]parquetKind{}
	for i, n := range p.names {
		m[n] = p.kinds[i]
	}
	return m
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

// TestParquetSweep converts a real sweep folder and compares every value
// with the CSV files.
func TestParquetSweep(t *testing.T) {
	defer func(n int64) { tidyparquet.RowGroup = n }(tidyparquet.RowGroup)
	tidyparquet.RowGroup = 100 // several row groups per file
	dir := filepath.Join(t.TempDir(), "s")
	run(t, dir, Options{RunTimeseries: true, Formats: []string{}})
	files, err := WriteParquet(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{RunsFile, PointsFile, TimeseriesFile, RunTimeseriesFile}
	if len(files) != len(names) {
		t.Fatalf("wrote %v", files)
	}
	nulls := 0
	for k, name := range names {
		want := filepath.Join(dir, strings.TrimSuffix(name, ".csv")+".parquet")
		if files[k] != want {
			t.Errorf("file %d: %s, want %s", k, files[k], want)
		}
		p := sameTable(t, filepath.Join(dir, name), files[k])
		if wantGroups := (len(p.rows) + 99) / 100; p.groups != wantGroups {
			t.Errorf("%s: %d row groups of %d rows, want %d", name, p.groups, len(p.rows), wantGroups)
		}
		if p.kv["connact.source"] != name || p.kv["connact.scenario"] != "small-sweep" {
			t.Errorf("%s: key-value metadata %v", name, p.kv)
		}
		for _, r := range p.rows {
			for _, v := range r {
				if v.IsNull() {
					nulls++
				}
			}
		}
		kinds := kindsByName(p)
		want2 := map[string]parquetKind{
			"point": pqInt64, "condition": pqString, "population_size": pqDouble,
			"frames_0_share": pqDouble, "organisations_0_reach": pqDouble,
		}
		switch name {
		case RunsFile:
			for _, c := range []string{"replicate", "seed", "peak_step", "members_end", "members_end_union", "cascade", "nodes", "edges", "max_degree"} {
				want2[c] = pqInt64
			}
			for _, c := range []string{"peak_share", "final_share", "half_life", "mean_degree", "clustering"} {
				want2[c] = pqDouble
			}
		case PointsFile:
			want2["metric"], want2["n"], want2["mean"], want2["ci95_hi"] = pqString, pqInt64, pqDouble, pqDouble
		case TimeseriesFile:
			want2["step"], want2["variable"], want2["n"], want2["sd"] = pqInt64, pqString, pqInt64, pqDouble
		case RunTimeseriesFile:
			want2["seed"], want2["step"], want2["alive"], want2["lapsed"], want2["active_share"] = pqInt64, pqInt64, pqInt64, pqInt64, pqDouble
		}
		for c, k := range want2 {
			if got, ok := kinds[c]; !ok || got != k {
				t.Errorf("%s: column %s is %v (present %v), want %v", name, c, got, ok, k)
			}
		}
		csvSize, pqSize := fileSize(t, filepath.Join(dir, name)), fileSize(t, files[k])
		t.Logf("%-22s %5d rows  CSV %7d B  Parquet %6d B (%.0f%%)", name, len(p.rows), csvSize, pqSize, 100*float64(pqSize)/float64(csvSize))
	}
	t.Logf("%d null values (NA in the CSV); row groups of %d rows", nulls, tidyparquet.RowGroup)
	if left, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	// Determinism: a second conversion, and one of a copy of the folder
	// elsewhere, give the same bytes.
	first := map[string][]byte{}
	for _, f := range files {
		first[filepath.Base(f)], _ = os.ReadFile(f)
	}
	other := filepath.Join(t.TempDir(), "copy")
	copyDir(t, dir, other)
	for _, d := range []string{dir, other} {
		again, err := WriteParquet(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range again {
			b, _ := os.ReadFile(f)
			if !bytes.Equal(b, first[filepath.Base(f)]) {
				t.Errorf("%s: a second conversion gives other bytes", f)
			}
		}
	}
}

// TestParquetDefaultRowGroups: without --timeseries runs there are three
// files of one row group each.
func TestParquetDefaultRowGroups(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	run(t, dir, Options{Formats: []string{}})
	files, err := WriteParquet(dir)
	if err != nil || len(files) != 3 {
		t.Fatalf("%v %v", files, err)
	}
	for _, f := range files {
		if p := sameTable(t, strings.TrimSuffix(f, ".parquet")+".csv", f); p.groups != 1 {
			t.Errorf("%s: %d row groups", f, p.groups)
		}
	}
}

// writeFolder writes a hand-made sweep folder.
func writeFolder(t *testing.T, m Manifest, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := writeJSON(filepath.Join(dir, ManifestFile), m); err != nil {
		t.Fatal(err)
	}
	for name, s := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestParquetTypes: parameters with non-numeric values become STRING,
// values that do not fit a column widen it without loss, NA is null, and
// names shared by a parameter and a column are made distinct.
func TestParquetTypes(t *testing.T) {
	m := Manifest{Complete: true, Scenario: "hand", Parameters: []Parameter{{"a", "x.a"}, {"b", "x.b"}, {"seed", "seed"}, {"c", "x.c"}}}
	runs := "point,condition,a,b,seed,c,replicate,seed,peak_share,peak_step,members_end_u,half_life\n" +
		"0,one,1,x,7,0.5,0,5,0.25,3,NA,NA\n" +
		"0,one,1,x,7,0.5,1,9007199254740991,Inf,4,12,-Inf\n" +
		"1,one,2.5,y,8,NA,0,6,NA,1.5,0,2\n" +
		"2,one,\"uniform(0,1)\",\"z,w\",9,1e-3,0,7,0.1,NA,3,NaN\n"
	points := "point,condition,a,b,seed,c,metric,n,mean,sd,ci95_lo,ci95_hi\n" +
		"0,one,1,x,7,0.5,peak_share,2,0.25,NA,NA,NA\n" +
		"2,one,\"uniform(0,1)\",\"z,w\",9,1e-3,peak_share,1,0.1,NA,NA,NA\n"
	series := "point,condition,a,b,seed,c,step,variable,n,mean,sd,ci95_lo,ci95_hi\n" +
		"0,one,1,x,7,0.5,0,active_share,2,0,0,0,0\n" +
		"1,one,2.5,y,8,NA,0,active_share,1,18446744073709551616,NA,NA,NA\n"
	dir := writeFolder(t, m, map[string]string{RunsFile: runs, PointsFile: points, TimeseriesFile: series})
	files, err := WriteParquet(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Fatalf("wrote %v", files)
	}
	want := []map[string]parquetKind{
		{"point": pqInt64, "condition": pqString, "a": pqString, "b": pqString, "seed": pqDouble, "c": pqDouble,
			"replicate": pqInt64, "seed_1": pqInt64, "peak_share": pqDouble, "peak_step": pqDouble, "members_end_u": pqInt64, "half_life": pqDouble},
		{"a": pqString, "b": pqString, "seed": pqDouble, "c": pqDouble, "metric": pqString, "n": pqInt64, "sd": pqDouble},
		{"a": pqString, "step": pqInt64, "variable": pqString, "n": pqInt64, "mean": pqDouble},
	}
	for k, f := range files {
		p := sameTable(t, strings.TrimSuffix(f, ".parquet")+".csv", f)
		kinds := kindsByName(p)
		for c, kind := range want[k] {
			if kinds[c] != kind {
				t.Errorf("%s: %s is %v, want %v", filepath.Base(f), c, kinds[c], kind)
			}
		}
		if k == 0 && strings.Join(p.names, ",") != "point,condition,a,b,seed,c,replicate,seed_1,peak_share,peak_step,members_end_u,half_life" {
			t.Errorf("runs.parquet columns %v", p.names)
		}
	}

	// An integer beyond int64 is kept exactly, as a string.
	dir = writeFolder(t, m, map[string]string{
		RunsFile:       "point,condition,a,b,seed,c,replicate,seed\n0,one,1,x,7,0.5,0,18446744073709551615\n",
		PointsFile:     "point,condition,a,b,seed,c,metric\n",
		TimeseriesFile: "point,condition,a,b,seed,c,step\n",
	})
	files, err = WriteParquet(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p := sameTable(t, filepath.Join(dir, RunsFile), files[0]); kindsByName(p)["seed_1"] != pqString {
		t.Errorf("seed beyond int64: %v", kindsByName(p)["seed_1"])
	}
	if p := readParquet(t, files[1]); len(p.rows) != 0 || len(p.names) != 7 {
		t.Errorf("empty points.parquet: %d rows, columns %v", len(p.rows), p.names)
	}
}

func TestParquetRefuses(t *testing.T) {
	m := Manifest{Complete: false, Parameters: []Parameter{{"a", "x.a"}}}
	files := map[string]string{RunsFile: "point,condition,a\n", PointsFile: "point,condition,a\n", TimeseriesFile: "point,condition,a\n"}
	if _, err := WriteParquet(writeFolder(t, m, files)); err == nil || !strings.Contains(err.Error(), "not a finished sweep") {
		t.Errorf("unfinished sweep: %v", err)
	}
	m.Complete = true
	files[RunsFile] = "point,condition,b\n"
	if _, err := WriteParquet(writeFolder(t, m, files)); err == nil || !strings.Contains(err.Error(), "manifest.json") {
		t.Errorf("columns unlike the manifest: %v", err)
	}
	if _, err := WriteParquet(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a sweep folder") {
		t.Errorf("not a sweep folder: %v", err)
	}
	files[RunsFile] = "point,condition,a\n0,one\n"
	if _, err := WriteParquet(writeFolder(t, m, files)); err == nil || !strings.Contains(err.Error(), "wrong number of fields") {
		t.Errorf("short row: %v", err)
	}
}
