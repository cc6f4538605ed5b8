package network

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// NodeTable is what a node table says about the nodes of an edge list
// (ReadNodeTable): each node's group label and numbers, indexed by node id.
type NodeTable struct {
	// Group[id] is node id's group label; nil when the table has no group
	// column.
	Group []string
	// Numbers[column][id] is node id's value in a numeric column, for
	// the columns asked for (NodeTableOptions.Numeric) that the table has.
	Numbers map[string][]float64
	// Columns are the table's column names, in order; Line[id] is the
	// line of node id's row, and Col[column] its column, from 1, for
	// messages about a value that is read fine but wrong for the model.
	Columns []string
	Line    []int64
	Col     map[string]int
	Name    string // the source name given in NodeTableOptions
}

// NodeTableOptions configures ReadNodeTable.
type NodeTableOptions struct {
	Name string // source name for error messages, e.g. the file path
	// Labels are the edge list's node labels (ReadInfo.Labels): the ids
	// of the table's rows.
	Labels []string
	// Numeric names the columns read as numbers; other columns but id
	// and group are not read.
	Numeric []string
}

// ReadNodeTable reads a node table for an edge list: a CSV file (RFC 4180,
// quotes allowed) with a header naming its columns, one row per node.
// Column id is required and holds the node's label as the edge list writes
// it; column group, if present, the node's group label (not empty); the
// columns of opts.Numeric, each if present, finite numbers. Further columns
// are allowed and ignored. Lines starting with '#' are comments.
//
// Every node of the edge list must have exactly one row, and every row's
// id must be a node of the edge list. Errors name the source, line and
// column: "nodes.csv:12: column position (3): "x" is not a number".
func ReadNodeTable(r io.Reader, opts NodeTableOptions) (*NodeTable, error) {
	name := opts.Name
	if name == "" {
		name = "input"
	}
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1 // checked here, with a clearer message
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty: a node table needs a header with an id column", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff") // a byte-order mark
	}
	t := &NodeTable{Name: name, Col: map[string]int{}, Numbers: map[string][]float64{}}
	for i, h := range header {
		h = strings.TrimSpace(h)
		header[i] = h
		if first, dup := t.Col[h]; dup {
			return nil, fmt.Errorf("%s:1: column %q appears twice (columns %d and %d)", name, h, first, i+1)
		}
		t.Col[h] = i + 1
	}
	t.Columns = header
	idCol, ok := t.Col["id"]
	if !ok {
		return nil, fmt.Errorf("%s:1: no id column (the columns are %s): id holds each node's label as the edge list writes it", name, strings.Join(header, ", "))
	}
	n := len(opts.Labels)
	ids := make(map[string]int32, n)
	for i, l := range opts.Labels {
		ids[l] = int32(i)
	}
	t.Line = make([]int64, n)
	groupCol := t.Col["group"]
	if groupCol > 0 {
		t.Group = make([]string, n)
	}
	var numeric []string
	for _, c := range opts.Numeric {
		if t.Col[c] > 0 {
			numeric = append(numeric, c)
			t.Numbers[c] = make([]float64, n)
		}
	}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(row) != len(header) {
			return nil, fmt.Errorf("%s:%d: %d fields, but the header has %d", name, line, len(row), len(header))
		}
		label := strings.TrimSpace(row[idCol-1])
		id, ok := ids[label]
		if !ok {
			return nil, fmt.Errorf("%s:%d: column id (%d): %q is not a node of the edge list", name, line, idCol, label)
		}
		if first := t.Line[id]; first != 0 {
			return nil, fmt.Errorf("%s:%d: column id (%d): node %q again (first on line %d)", name, line, idCol, label, first)
		}
		t.Line[id] = int64(line)
		if groupCol > 0 {
			g := strings.TrimSpace(row[groupCol-1])
			if g == "" {
				return nil, fmt.Errorf("%s:%d: column group (%d): empty: every node needs a group", name, line, groupCol)
			}
			t.Group[id] = g
		}
		for _, c := range numeric {
			k := t.Col[c]
			s := strings.TrimSpace(row[k-1])
			x, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("%s:%d: column %s (%d): %q is not a number", name, line, c, k, s)
			}
			t.Numbers[c][id] = x
		}
	}
	if missing := slices.Index(t.Line, 0); missing >= 0 {
		count := 0
		for _, l := range t.Line {
			if l == 0 {
				count++
			}
		}
		return nil, fmt.Errorf("%s: node %q of the edge list has no row (%d node(s) missing in all): give every node of the network a row", name, opts.Labels[missing], count)
	}
	return t, nil
}

// csvError is an encoding/csv error with the source's name in front, in
// the form name:line: message.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: column %d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %v", name, err)
}
