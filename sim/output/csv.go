package output

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/connact/connact/sim/runner"
)

// Table is a CSV file being written row by row, the one writer of every
// CSV file of run and sweep folders: RFC 4180 through encoding/csv (names
// are quoted when they need it), numbers as FormatNumber writes them (NaN
// as NA, read as missing by pandas, R and polars alike). It is append-only
// and knows its size at every row boundary, so that a sweep's checkpoint
// can record it and a resume can cut the file back to it (AppendTable):
// anything written after the last checkpoint is written again, byte for
// byte, since runs are deterministic.
type Table struct {
	f    *os.File
	buf  *bufio.Writer
	size *countWriter
	w    *csv.Writer
	row  []string
}

// countWriter counts the bytes that reach the buffered writer.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// CreateTable starts the file at path, replacing any, with its header.
func CreateTable(path string, header []string) (*Table, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	t := newTable(f, 0)
	if err := t.w.Write(header); err != nil {
		f.Close()
		return nil, err
	}
	return t, nil
}

// AppendTable opens the existing file at path for appending after cutting
// it back to size bytes (the size a checkpoint recorded). A file shorter
// than size was changed outside connact: an error.
func AppendTable(path string, size int64) (*Table, error) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil && st.Size() < size {
		err = fmt.Errorf("%s is shorter (%d bytes) than its checkpoint (%d bytes): the folder was changed outside connact", path, st.Size(), size)
	}
	if err == nil {
		err = f.Truncate(size)
	}
	if err == nil {
		_, err = f.Seek(size, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return newTable(f, size), nil
}

func newTable(f *os.File, size int64) *Table {
	t := &Table{f: f, buf: bufio.NewWriterSize(f, 1<<16)}
	t.size = &countWriter{w: t.buf, n: size}
	t.w = csv.NewWriter(t.size)
	return t
}

// RowSize is the number of bytes a Table writes for a row of these cells
// (a header, say): a sweep's checkpoint must give every file at least its
// header's.
func RowSize(cells []string) int64 {
	c := &countWriter{w: io.Discard}
	w := csv.NewWriter(c)
	w.Write(cells) // into io.Discard: no error
	w.Flush()
	return c.n
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

// Begin starts a row.
func (t *Table) Begin() { t.row = t.row[:0] }

// Text adds a text cell to the row.
func (t *Table) Text(s string) { t.row = append(t.row, s) }

// Number adds a number to the row, as FormatNumber writes it.
func (t *Table) Number(v float64, integer bool) { t.row = append(t.row, FormatNumber(v, integer)) }

// Int adds a whole number to the row (through FormatNumber, as Number).
func (t *Table) Int(n int) { t.Number(float64(n), true) }

// Summary adds the cells of a summary across replicates, in the order of
// SummaryFields: n, mean, sd, ci95_lo, ci95_hi and the quantiles.
func (t *Table) Summary(s runner.Summary) {
	t.Int(s.N)
	t.Number(s.Mean, false)
	t.Number(s.SD, false)
	t.Number(s.Lo, false)
	t.Number(s.Hi, false)
	for _, q := range s.Quantiles {
		t.Number(q, false)
	}
}

// End writes the row.
func (t *Table) End() error { return t.w.Write(t.row) }

// Sync makes everything written so far durable and returns the file's size.
func (t *Table) Sync() (int64, error) {
	if err := t.flush(); err != nil {
		return 0, err
	}
	return t.size.n, t.f.Sync()
}

// flush hands everything written so far to the file, without waiting for
// the disk (a spool that is read back at once needs no more).
func (t *Table) flush() error {
	t.w.Flush()
	if err := t.w.Error(); err != nil {
		return err
	}
	return t.buf.Flush()
}

// appendFrom copies r, whole rows that another Table wrote (a spool),
// after the rows written so far.
func (t *Table) appendFrom(r io.Reader) error {
	t.w.Flush()
	if err := t.w.Error(); err != nil {
		return err
	}
	_, err := io.Copy(t.size, r)
	return err
}

// Close syncs and closes the file.
func (t *Table) Close() error {
	_, err := t.Sync()
	if e := t.f.Close(); err == nil {
		err = e
	}
	return err
}

// Abort closes the file after a failure, ignoring further errors; a nil
// Table is left alone.
func (t *Table) Abort() {
	if t != nil {
		t.f.Close()
	}
}

// WriteFileSynced writes b to path through path.tmp, synced to disk, and a
// rename: the file is whole or absent, also after a power cut (the files
// of sweep and fit folders that a resume reads).
func WriteFileSynced(path string, b []byte) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if e := f.Close(); err == nil {
		err = e
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
