package sweep

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"

	"github.com/connact/connact/sim/output"
)

// file is an append-only CSV file whose size is known at every row
// boundary, so that a checkpoint can record it and a resume can cut the
// file back to it (anything written after the last checkpoint is redone,
// byte for byte, since runs are deterministic).
type file struct {
	name string
	f    *os.File
	buf  *bufio.Writer
	cw   *countWriter
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

// createFile starts a new file with its header.
func createFile(path string, header []string) (*file, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	fl := wrapFile(path, f, 0)
	if err := fl.w.Write(header); err != nil {
		f.Close()
		return nil, err
	}
	return fl, nil
}

// reopenFile opens an existing file for appending after cutting it back to
// size bytes (the size recorded by the last checkpoint).
func reopenFile(path string, size int64) (*file, error) {
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
	return wrapFile(path, f, size), nil
}

func wrapFile(path string, f *os.File, size int64) *file {
	fl := &file{name: path, f: f}
	fl.buf = bufio.NewWriterSize(f, 1<<16)
	fl.cw = &countWriter{w: fl.buf, n: size}
	fl.w = csv.NewWriter(fl.cw)
	return fl
}

func (fl *file) begin()       { fl.row = fl.row[:0] }
func (fl *file) str(s string) { fl.row = append(fl.row, s) }
func (fl *file) num(v float64, integer bool) {
	fl.row = append(fl.row, output.FormatNumber(v, integer))
}
func (fl *file) end() error { return fl.w.Write(fl.row) }

// sync makes everything written so far durable and returns the file's size.
func (fl *file) sync() (int64, error) {
	fl.w.Flush()
	if err := fl.w.Error(); err != nil {
		return 0, err
	}
	if err := fl.buf.Flush(); err != nil {
		return 0, err
	}
	return fl.cw.n, fl.f.Sync()
}

func (fl *file) close() error {
	_, err := fl.sync()
	if e := fl.f.Close(); err == nil {
		err = e
	}
	return err
}
