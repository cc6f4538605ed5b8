package scenario

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/connact/connact/sim/internal/inputfile"
)

// Limits of an external design (sweep.design), like the other lists of a
// scenario: the plan's own caps on points and runs apply after.
const (
	maxDesignColumns = 1000
	maxDesignRows    = 1000000
)

// readDesign reads the sweep's external design, if it names one, into one
// more zip group of its columns' parameters (a plain parameter for a
// single column), and clears sweep.design (see Sweep.Design). Mistakes in
// the file are reported at sweep.design, with the file's own line.
func (l *Loaded) readDesign() error {
	sw := l.Scenario.Sweep
	if sw == nil || sw.Design == "" {
		return nil
	}
	if sw.Sample != nil {
		return l.Errorf("sweep.design", "a design file and sample are two designs: give one of them")
	}
	name := sw.Design
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(l.Dir, filepath.FromSlash(path))
	}
	f, _, err := inputfile.Open(path)
	if err != nil {
		return l.Errorf("sweep.design", "%v", err)
	}
	defer f.Close()
	group, err := readDesignCSV(f, name)
	if err != nil {
		return l.Errorf("sweep.design", "%v", err)
	}
	if len(group) == 1 {
		sw.Parameters = append(sw.Parameters, group[0])
	} else {
		sw.Zip = append(sw.Zip, group)
	}
	sw.Design = ""
	return nil
}

// readDesignCSV reads a design: a header of parameter paths, then one
// point a row; name is the file as the scenario gives it, for messages.
func readDesignCSV(r io.Reader, name string) ([]SweepParam, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s is empty: want a header of parameter paths (frames.0.width, ...) and one point a row", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(header) > maxDesignColumns {
		return nil, fmt.Errorf("%s: %d columns, at most %d", name, len(header), maxDesignColumns)
	}
	group := make([]SweepParam, len(header))
	seen := map[string]bool{}
	for k, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) // a spreadsheet's byte-order mark
		if h == "" {
			return nil, fmt.Errorf("%s:1: column %d has no name: name each column by its parameter's path, as in --set", name, k+1)
		}
		if seen[h] {
			return nil, fmt.Errorf("%s:1: column %s is given twice", name, Echo(h))
		}
		seen[h] = true
		group[k].Path = h
	}
	rows := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if rows++; rows > maxDesignRows {
			return nil, fmt.Errorf("%s: more than %d points", name, maxDesignRows)
		}
		for k, c := range rec {
			c = strings.TrimSpace(c)
			if c == "" {
				line, _ := cr.FieldPos(k)
				return nil, fmt.Errorf("%s:%d: no value for %s", name, line, group[k].Path)
			}
			group[k].Values = append(group[k].Values, Value(c))
		}
	}
	if rows == 0 {
		return nil, fmt.Errorf("%s has a header but no point", name)
	}
	return group, nil
}
