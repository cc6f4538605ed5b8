package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEdgeLists runs connact run on scenarios whose network is an edge list
// (testdata/edgelists, chosen with --set network.file=FILE, relative to
// the scenario's folder), as a user meets them. The policy is
// network.ReadEdgeList's: labels are text (any label, any length, compared
// exactly), self loops and repeated edges are dropped and counted, and
// everything else that is not two fields on a line is an error. An error
// exits 2, names the edge list and its line, and writes nothing; a file
// that is read runs, with the nodes and edges the policy gives.
func TestEdgeLists(t *testing.T) {
	abs, err := filepath.Abs("testdata/edgelists")
	if err != nil {
		t.Fatal(err)
	}
	// Made here: a compressed edge list (binary), and one nobody may read.
	gen := t.TempDir()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("1,2\n2,3\n3,1\n"))
	zw.Close()
	if err := os.WriteFile(filepath.Join(gen, "edges.csv.gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	unreadable := filepath.Join(gen, "unreadable.csv")
	if err := os.WriteFile(unreadable, []byte("1,2\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		scenario string   // default edgelists/scenario.yaml
		set      []string // --set assignments
		want     string   // regexp on stderr; empty for a run that succeeds
		// For a run that succeeds: the network of summary.csv.
		nodes, edges string
		note         string // on stderr
		root         bool   // the case means nothing as root, who reads anything
	}{
		{name: "ok, with a header and comments", nodes: "6", edges: "7"},
		{name: "missing file", set: []string{"network.file=no-such-edges.csv"},
			want: `network\.file: no such file: ` + regexp.QuoteMeta(filepath.Join(abs, "no-such-edges.csv"))},
		{name: "unreadable file", set: []string{"network.file=" + unreadable}, root: true,
			want: `network\.file: open ` + regexp.QuoteMeta(unreadable) + `: permission denied`},
		{name: "ragged line", set: []string{"network.file=ragged.csv"},
			want: `network\.file: \S*ragged\.csv:4: need two fields, got 1$`},
		{name: "ragged line, from the scenario file", scenario: "ragged.yaml",
			want: `^connact: \S*ragged\.yaml:3:30: network\.file: \S*ragged\.csv:4: need two fields, got 1$`},
		{name: "unknown separator", set: []string{"network.file=semicolons.csv"},
			want: `\S*semicolons\.csv:1: need two fields, got 1$`},
		{name: "mixed separators", set: []string{"network.file=mixed.csv"},
			want: `\S*mixed\.csv:3: mixed separators: line has tabs, file uses commas$`},
		{name: "empty label", set: []string{"network.file=empty-field.csv"},
			want: `\S*empty-field\.csv:2: empty label in field 2$`},
		{name: "compressed (binary) file", set: []string{"network.file=" + filepath.Join(gen, "edges.csv.gz")},
			want: `edges\.csv\.gz:1: binary content \(a NUL byte\): an edge list must be text \(is the file compressed\?\)$`},
		{name: "only comments: no edges", set: []string{"network.file=empty.csv"},
			want: `\S*empty\.csv: no edges$`},
		{name: "zero bytes: no edges", set: []string{"network.file=zero-bytes.csv"},
			want: `\S*zero-bytes\.csv: no edges$`},
		{name: "only self loops: no edges", set: []string{"network.file=only-loops.csv"},
			want: `\S*only-loops\.csv: no edges \(2 self loops dropped\)$`},
		{name: "size that is not the file's", set: []string{"population.size=10"},
			want: `population\.size: 10 does not match the 6 nodes of \S*ok\.csv \(leave size out to take it from the file\)$`},
		// Labels are text: names, and integers too large for any integer
		// type ("007" and "7" are two people).
		{name: "text labels", set: []string{"network.file=names.csv"}, nodes: "4", edges: "4"},
		{name: "huge ids", set: []string{"network.file=huge-ids.csv"}, nodes: "4", edges: "4"},
		// 10 lines: 5 edges, 2 self loops and 3 repeats dropped, and said.
		{name: "self loops and repeated edges", set: []string{"network.file=loops-dups.csv"}, nodes: "5", edges: "5",
			note: `connact: note: \S*loops-dups\.csv: dropped 2 self loop\(s\) and 3 repeated edge\(s\) \(the network is a simple graph\)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.root && os.Geteuid() == 0 {
				t.Skip("root reads any file")
			}
			base := t.TempDir()
			out := filepath.Join(base, "out")
			scen := filepath.Join("testdata", "edgelists", "scenario.yaml")
			if tc.scenario != "" {
				scen = filepath.Join("testdata", "edgelists", tc.scenario)
			}
			args := []string{"run", scen, "--out", out, "--workers", "2"}
			for _, s := range tc.set {
				args = append(args, "--set", s)
			}
			_, stderr, code := connact(t, args...)
			stderr = strings.TrimSpace(stderr)
			if tc.want != "" {
				if code != 2 {
					t.Errorf("exit %d, want 2 (%s)", code, stderr)
				}
				if !regexp.MustCompile(tc.want).MatchString(stderr) {
					t.Errorf("stderr %q does not match %q", stderr, tc.want)
				}
				if ents, _ := os.ReadDir(base); len(ents) != 0 {
					t.Errorf("wrote %d entries", len(ents))
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			stderr = progressLine.ReplaceAllString(stderr, "") // run's progress, not a note
			if tc.note == "" && stderr != "" || tc.note != "" && !regexp.MustCompile(tc.note).MatchString(stderr) {
				t.Errorf("stderr %q, want %q", stderr, tc.note)
			}
			nodes, edges := networkOf(t, filepath.Join(out, "summary.csv"))
			if nodes != tc.nodes || edges != tc.edges {
				t.Errorf("summary.csv: %s nodes and %s edges, want %s and %s", nodes, edges, tc.nodes, tc.edges)
			}
		})
	}
}

// networkOf returns the nodes and edges columns of the first run of a
// summary.csv.
func networkOf(t *testing.T, path string) (nodes, edges string) {
	t.Helper()
	rows := csvRows(t, path)
	for i, col := range rows[0] {
		switch col {
		case "nodes":
			nodes = rows[1][i]
		case "edges":
			edges = rows[1][i]
		}
	}
	return nodes, edges
}

// csvRows reads a CSV file of a header and at least one row.
func csvRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %v, %d rows", path, err, len(rows))
	}
	return rows
}

// progressLine is a line of run's progress report on stderr (not a terminal).
var progressLine = regexp.MustCompile(`(?m)^connact: \d+/\d+ runs \(.*(\n|$)`)
