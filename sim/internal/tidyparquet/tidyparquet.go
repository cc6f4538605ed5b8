// Package tidyparquet writes a tidy CSV file as Parquet, streaming row
// groups so that no file is ever held in memory: the sweeps' tables
// (sim/sweep, WriteParquet) and the agent snapshots (sim/output) share it.
// Columns keep the CSV's names and order and rows its order; numeric
// columns are optional (NA is null), strings dictionary-encoded, and the
// file is zstd-compressed, written to a temporary name and renamed into
// place. The same CSV gives the same Parquet bytes.
package tidyparquet

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
)

// RowGroup is the number of rows in a row group of the Parquet files
// written by WriteParquet (65,536): the most rows held in memory while
// converting. Tests lower it.
var RowGroup int64 = 1 << 16

// Column types of the Parquet files.
type Kind uint8

const (
	Int64  Kind = iota // optional INT64
	Double             // optional DOUBLE
	String             // required BYTE_ARRAY (STRING), dictionary-encoded
)

func (k Kind) String() string {
	return [...]string{"INT64", "DOUBLE", "STRING"}[k]
}

// Column is one column of a file being converted.
type Column struct {
	Name string
	Kind Kind
	Dict bool // few distinct values (a sweep parameter): dictionary-encoded when numeric
}

// kindError reports a value that does not fit its column's type.
type kindError struct {
	Col   int
	Value string
}

func (e *kindError) Error() string { return fmt.Sprintf("column %d: %q", e.Col, e.Value) }

// wider returns the narrowest type wider than k that holds v.
func wider(k Kind, v string) Kind {
	if k == Int64 {
		_, ierr := strconv.ParseInt(v, 10, 64)
		if _, err := strconv.ParseFloat(v, 64); err == nil && !errors.Is(ierr, strconv.ErrRange) {
			return Double // e.g. 1.5 or Inf; an integer beyond int64 stays exact as a string
		}
	}
	return String
}

// schema is the schema of cols, in their order.
func schema(cols []Column) *parquet.Schema {
	g := make(orderedGroup, len(cols))
	for i, c := range cols {
		var n parquet.Node
		switch c.Kind {
		case Int64:
			n = parquet.Optional(parquet.Leaf(parquet.Int64Type))
		case Double:
			n = parquet.Leaf(parquet.DoubleType)
			if c.Dict { // few distinct values, repeated on every row
				n = parquet.Encoded(n, &parquet.RLEDictionary)
			}
			n = parquet.Optional(n)
		default:
			n = parquet.Encoded(parquet.String(), &parquet.RLEDictionary)
		}
		g[i] = &orderedField{Node: n, name: c.Name, index: i}
	}
	return parquet.NewSchema("connact", g)
}

// Convert writes the CSV file src as the Parquet file dst, with the
// columns cols (names and types, in the CSV's order). A value that does
// not fit its column's type widens that column, INT64 → DOUBLE → STRING,
// never rounded, and the file is written again; cols then holds the types
// written.
func Convert(src, dst string, cols []Column, meta map[string]string) error {
	for {
		err := writeFile(src, dst, cols, meta)
		var ke *kindError
		if !errors.As(err, &ke) {
			return err
		}
		cols[ke.Col].Kind = wider(cols[ke.Col].Kind, ke.Value)
	}
}

// writeFile writes the rows of src to dst through a temporary file.
func writeFile(src, dst string, cols []Column, meta map[string]string) (err error) {
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
		schema(cols),
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(RowGroup),
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
			v, err := value(cols[i].Kind, s)
			if err != nil {
				return &kindError{Col: i, Value: s}
			}
			switch {
			case cols[i].Kind == String:
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

// value parses one CSV field as a value of kind k; NA is null in
// numeric columns.
func value(k Kind, s string) (parquet.Value, error) {
	switch k {
	case String:
		return parquet.ByteArrayValue([]byte(s)), nil
	case Int64:
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
