package output

import (
	"bufio"
	"encoding/csv"
	"math"
	"os"
	"strconv"
)

// table is a CSV file being written: RFC 4180 through encoding/csv (names
// are quoted when they need it), numbers in their shortest exact decimal
// form, NaN as NA (read as missing by pandas, R and polars alike).
type table struct {
	f   *os.File
	buf *bufio.Writer
	w   *csv.Writer
	row []string
}

func createTable(path string, header []string) (*table, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	buf := bufio.NewWriterSize(f, 1<<16)
	t := &table{f: f, buf: buf, w: csv.NewWriter(buf)}
	if err := t.w.Write(header); err != nil {
		f.Close()
		return nil, err
	}
	return t, nil
}

// FormatNumber writes v as an integer column or in the shortest form that
// parses back to the same float64; NaN is NA.
func FormatNumber(v float64, integer bool) string {
	switch {
	case math.IsNaN(v):
		return "NA"
	case math.IsInf(v, 1):
		return "Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case integer:
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// ParseNumber reads back what FormatNumber writes: NA is NaN.
func ParseNumber(s string) (float64, error) {
	if s == "NA" {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

func (t *table) begin() { t.row = t.row[:0] }

func (t *table) str(s string) { t.row = append(t.row, s) }

func (t *table) num(v float64, integer bool) { t.row = append(t.row, FormatNumber(v, integer)) }

func (t *table) end() error { return t.w.Write(t.row) }

// close flushes, syncs and closes the file.
func (t *table) close() error {
	t.w.Flush()
	err := t.w.Error()
	if e := t.buf.Flush(); err == nil {
		err = e
	}
	if e := t.f.Sync(); err == nil {
		err = e
	}
	if e := t.f.Close(); err == nil {
		err = e
	}
	return err
}

// abort closes the file after a failure, ignoring further errors.
func (t *table) abort() {
	if t != nil {
		t.f.Close()
	}
}
