package output

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/connact/connact/sim/observable"
)

// DataPackageFile describes the CSV files of a run, sweep or merged folder
// as a Frictionless Data Package (https://specs.frictionlessdata.io/): one
// resource per CSV file, each with its Table Schema. It is written from the
// same column definitions that write the CSV headers, so the two cannot
// drift, and holds no times: it is byte-identical for the same scenario.
const DataPackageFile = "datapackage.json"

// Field is one column of a CSV file: its Table Schema field. Unit is a
// custom property (the Table Schema has none): what the number counts
// (observable's Unit constants).
type Field struct {
	Name        string `json:"name"`
	Type        string `json:"type"` // integer, number or string
	Description string `json:"description,omitempty"`
	Unit        string `json:"unit,omitempty"`
}

// Field types of the Table Schema.
const (
	TypeInteger = "integer"
	TypeNumber  = "number"
	TypeString  = "string"
)

// Resource is one CSV file of a data package.
type Resource struct {
	Name      string  `json:"name"`
	Path      string  `json:"path"`
	Format    string  `json:"format"`
	Mediatype string  `json:"mediatype"`
	Encoding  string  `json:"encoding"`
	Dialect   Dialect `json:"dialect"`
	Schema    Schema  `json:"schema"`
}

// Dialect is a CSV file's CSV Dialect.
type Dialect struct {
	Header    bool   `json:"header"`
	Delimiter string `json:"delimiter"`
}

// Schema is a resource's Table Schema.
type Schema struct {
	Fields        []Field  `json:"fields"`
	MissingValues []string `json:"missingValues"`
}

// DataPackage is datapackage.json.
type DataPackage struct {
	Profile     string     `json:"profile"`
	Name        string     `json:"name"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description,omitempty"`
	Resources   []Resource `json:"resources"`
}

// CSVResource describes the CSV file name (written by connact: comma,
// header row, UTF-8, NA for a missing value) with its fields.
func CSVResource(name string, fields []Field) Resource {
	return Resource{
		Name:      strings.ToLower(strings.TrimSuffix(name, ".csv")),
		Path:      name,
		Format:    "csv",
		Mediatype: "text/csv",
		Encoding:  "utf-8",
		Dialect:   Dialect{Header: true, Delimiter: ","},
		Schema:    Schema{Fields: fields, MissingValues: []string{"NA"}},
	}
}

// NewDataPackage is the package of a folder of the scenario named scenario.
func NewDataPackage(scenario, description string, resources []Resource) DataPackage {
	return DataPackage{
		Profile:     "tabular-data-package",
		Name:        packageName(scenario),
		Title:       scenario,
		Description: description,
		Resources:   resources,
	}
}

// packageName is a valid Data Package name: lower case letters, digits and
// . _ - (scenario names are [A-Za-z0-9._-]).
func packageName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '-'
	}, s)
	if s == "" {
		return "connact"
	}
	return s
}

// JSON is the package as written: indented, with a final newline.
func (p DataPackage) JSON() ([]byte, error) { return IndentJSON(p) }

// IndentJSON is v as connact writes its JSON files (meta.json,
// datapackage.json, manifest.json): indented by two spaces, with a final
// newline.
func IndentJSON(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// WriteJSON writes v to path as IndentJSON gives it, for a file of a
// folder being written under its temporary name (TempDir).
func WriteJSON(path string, v any) error {
	b, err := IndentJSON(v)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// FieldNames are the names of fs: a CSV header.
func FieldNames(fs []Field) []string {
	out := make([]string, len(fs))
	for k, f := range fs {
		out[k] = f.Name
	}
	return out
}

// idFields describe the identifier columns that the tables share.
var idFields = map[string]Field{
	"condition": {Name: "condition", Type: TypeString, Description: "condition (scenario.conditions[].name; baseline when there are none)"},
	"replicate": {Name: "replicate", Type: TypeInteger, Description: "replicate number, from 0"},
	"seed":      {Name: "seed", Type: TypeInteger, Description: "the run's seed (below 2^53)"},
	"step":      {Name: "step", Type: TypeInteger, Description: "simulation step, from 0 (the initial state)", Unit: observable.UnitSteps},
	"group":     {Name: "group", Type: TypeString, Description: "population group (population.groups[].name)"},
	"point":     {Name: "point", Type: TypeInteger, Description: "point of the sweep design, from 0"},
	"baseline":  {Name: "baseline", Type: TypeString, Description: "the condition compared with: the first condition (contrasts.csv)"},
	"metric":    {Name: "metric", Type: TypeString, Description: "per-run metric summarised (a column of the per-run table; its unit is that column's)"},
	"variable":  {Name: "variable", Type: TypeString, Description: "per-step variable summarised (a column of the time series; its unit is that column's)"},
}

// IDFields are the identifier fields of the given names.
func IDFields(names ...string) []Field {
	out := make([]Field, len(names))
	for k, n := range names {
		f, ok := idFields[n]
		if !ok {
			panic("output: no identifier field " + n)
		}
		out[k] = f
	}
	return out
}

// SummaryFields are the summary columns across replicates: n, mean, sd,
// ci95_lo, ci95_hi and one column per quantile level qs (nil for none).
func SummaryFields(qs []float64) []Field {
	fs := []Field{
		{Name: "n", Type: TypeInteger, Description: "replicates with a value (missing values left out)", Unit: observable.UnitReplicates},
		{Name: "mean", Type: TypeNumber, Description: "mean across replicates, in the unit of the metric or variable"},
		{Name: "sd", Type: TypeNumber, Description: "sample standard deviation (n-1); NA for n < 2"},
		{Name: "ci95_lo", Type: TypeNumber, Description: "lower end of the 95% confidence interval of the mean: Wilson score interval for binary metrics, Student's t interval otherwise (see the sim package documentation); NA for n < 2"},
		{Name: "ci95_hi", Type: TypeNumber, Description: "upper end of the 95% confidence interval of the mean (as ci95_lo)"},
	}
	for _, q := range qs {
		fs = append(fs, Field{Name: QuantileColumn(q), Type: TypeNumber,
			Description: "quantile at level " + strings.TrimPrefix(QuantileColumn(q), "q") + "% across replicates (Hyndman & Fan definition 7)"})
	}
	return fs
}

// ContrastFields are the columns of contrasts.csv after its identifiers:
// the paired difference condition − baseline of a per-run metric across
// replicates that share their random numbers (common_random_numbers;
// runner.PairedDiff), with the unpaired interval for comparison.
func ContrastFields() []Field {
	return []Field{
		{Name: "n", Type: TypeInteger, Description: "replicates with a value in both conditions (pairs with a missing value left out)", Unit: observable.UnitReplicates},
		{Name: "mean_difference", Type: TypeNumber, Description: "mean over replicates of the condition's value minus the baseline's in the same replicate, in the unit of the metric"},
		{Name: "sd_difference", Type: TypeNumber, Description: "sample standard deviation (n-1) of the paired differences; NA for n < 2"},
		{Name: "ci95_lo", Type: TypeNumber, Description: "lower end of the paired Student t 95% confidence interval of the mean difference; NA for n < 2"},
		{Name: "ci95_hi", Type: TypeNumber, Description: "upper end of the paired 95% confidence interval (as ci95_lo)"},
		{Name: "unpaired_ci95_lo", Type: TypeNumber, Description: "lower end of Welch's t 95% confidence interval of the difference of the means, ignoring the pairing (for comparison); NA for n < 2 or two constant conditions"},
		{Name: "unpaired_ci95_hi", Type: TypeNumber, Description: "upper end of Welch's interval (as unpaired_ci95_lo)"},
	}
}

// QuantileColumn is the column name of quantile level q: q5 for 0.05, q2.5 for 0.025.
func QuantileColumn(q float64) string {
	// Rounded to 6 decimals first: 0.95·100 is 94.99999999999999 in binary.
	s := strconv.FormatFloat(q*100, 'f', 6, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return "q" + s
}

// CheckDataPackage checks dir's datapackage.json against its CSV files:
// every CSV file of dir is a resource, and every resource's fields are its
// header, in order, with every value of the column of the field's type (or
// a missing value). It reads every file whole: a check for tests and for
// users who doubt a folder, not for the write path.
func CheckDataPackage(dir string) error {
	pp := filepath.Join(dir, DataPackageFile)
	b, err := os.ReadFile(pp)
	if err != nil {
		return err
	}
	var pkg DataPackage
	if err := json.Unmarshal(b, &pkg); err != nil {
		return fmt.Errorf("%s: %v", pp, err)
	}
	described := map[string]bool{}
	for _, r := range pkg.Resources {
		described[r.Path] = true
		if err := checkResource(dir, r); err != nil {
			return err
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".csv") && !described[e.Name()] {
			return fmt.Errorf("%s: %s is not described", pp, e.Name())
		}
	}
	return nil
}

func checkResource(dir string, r Resource) error {
	path := filepath.Join(dir, r.Path)
	if r.Format != "csv" || r.Mediatype != "text/csv" || r.Encoding != "utf-8" || !r.Dialect.Header || r.Dialect.Delimiter != "," {
		return fmt.Errorf("%s: resource %s is not described as connact's CSV (format, mediatype, encoding, dialect)", DataPackageFile, r.Path)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	cr := csv.NewReader(bufio.NewReader(f))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	fs := r.Schema.Fields
	if !slices.Equal(header, FieldNames(fs)) {
		return fmt.Errorf("%s: header %v, but %s describes %v", path, header, DataPackageFile, FieldNames(fs))
	}
	for _, fl := range fs {
		if fl.Description == "" {
			return fmt.Errorf("%s: column %s has no description", path, fl.Name)
		}
		if fl.Type != TypeInteger && fl.Type != TypeNumber && fl.Type != TypeString {
			return fmt.Errorf("%s: column %s has type %q, not integer, number or string", path, fl.Name, fl.Type)
		}
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		for k, v := range rec {
			if slices.Contains(r.Schema.MissingValues, v) {
				continue
			}
			ok := true
			switch fs[k].Type {
			case TypeInteger:
				_, err := strconv.ParseInt(v, 10, 64)
				ok = err == nil
			case TypeNumber:
				// Table Schema numbers: decimal with exponent, NaN, INF,
				// -INF (not Go's Inf, hex or underscores).
				_, err := strconv.ParseFloat(v, 64)
				ok = v == "INF" || v == "-INF" || err == nil && !strings.ContainsAny(v, "xX_iI")
			}
			if !ok {
				return fmt.Errorf("%s:%d: column %s holds %q, not a Table Schema %s", path, line, fs[k].Name, v, fs[k].Type)
			}
		}
	}
}
