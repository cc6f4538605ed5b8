package network

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
)

// labelEdges lists the edges of g as "a-b" label pairs in id order.
func labelEdges(g *Graph, labels []string) []string {
	var out []string
	for u := range int32(g.N()) {
		for _, v := range g.Neighbours(u) {
			if u < v {
				out = append(out, labels[u]+"-"+labels[v])
			}
		}
	}
	return out
}

func TestReadEdgeList(t *testing.T) {
	for _, tc := range []struct {
		name      string
		in        string
		header    HeaderMode
		labels    []string
		edges     []string
		selfLoops int64
		dups      int64
		lines     int64
	}{
		{
			name:   "csv with auto header and weights",
			in:     "source,target,weight\n1,2,0.5\n2,3,1\n",
			labels: []string{"1", "2", "3"}, edges: []string{"1-2", "2-3"}, lines: 3,
		},
		{
			name:   "tsv string labels, first line is data",
			in:     "a\tb\nb\tc\n",
			labels: []string{"a", "b", "c"}, edges: []string{"a-b", "b-c"}, lines: 2,
		},
		{
			name:   "whitespace runs, comments and blank lines",
			in:     "# a triangle\n\n10   20\n20\t 30\n   30 10  \n  # indented comment\n",
			labels: []string{"10", "20", "30"}, edges: []string{"10-20", "10-30", "20-30"}, lines: 6,
		},
		{
			name:   "explicit header with string labels",
			in:     "from to\nx y\ny z\n",
			header: HeaderYes,
			labels: []string{"x", "y", "z"}, edges: []string{"x-y", "y-z"}, lines: 3,
		},
		{
			name:   "auto keeps string first line when second is strings too",
			in:     "from to\nx y\n",
			labels: []string{"from", "to", "x", "y"}, edges: []string{"from-to", "x-y"}, lines: 2,
		},
		{
			name:   "header no reads a text first line as an edge",
			in:     "u,v\n1,2\n",
			header: HeaderNo,
			labels: []string{"u", "v", "1", "2"}, edges: []string{"u-v", "1-2"}, lines: 2,
		},
		{
			name:   "auto with integer first line has no header",
			in:     "5 6\n6 7\n",
			labels: []string{"5", "6", "7"}, edges: []string{"5-6", "6-7"}, lines: 2,
		},
		{
			name:   "single text line is an edge",
			in:     "alice bob",
			labels: []string{"alice", "bob"}, edges: []string{"alice-bob"}, lines: 1,
		},
		{
			name:   "self loops and duplicates dropped and counted",
			in:     "1 2\n2 1\n1 1\n1 2\n3 3\n2 3\n",
			labels: []string{"1", "2", "3"}, edges: []string{"1-2", "2-3"}, selfLoops: 2, dups: 2, lines: 6,
		},
		{
			name:   "CRLF and byte-order mark",
			in:     "\uFEFFsrc,dst\r\n1,2\r\n2,3\r\n",
			labels: []string{"1", "2", "3"}, edges: []string{"1-2", "2-3"}, lines: 3,
		},
		// Line ends: LF, CRLF and a lone CR (classic Mac OS) each end a
		// line, in any mixture; no CR is left in a label.
		{
			name:   "CR line ends (old Mac)",
			in:     "src,dst\r1,2\r2,3\r3,1\r",
			labels: []string{"1", "2", "3"}, edges: []string{"1-2", "1-3", "2-3"}, lines: 4,
		},
		{
			name:   "CR line ends, no final line end, text labels",
			in:     "a b\rb c\rc a",
			labels: []string{"a", "b", "c"}, edges: []string{"a-b", "a-c", "b-c"}, lines: 3,
		},
		{
			name:   "mixed LF, CRLF and CR line ends, blank lines between",
			in:     "# comment\r1\t2\r\n\r2\t3\n\r\n3\t4\r",
			labels: []string{"1", "2", "3", "4"}, edges: []string{"1-2", "2-3", "3-4"}, lines: 6,
		},
		{
			name:   "CR CR LF is two line ends",
			in:     "1 2\r\r\n2 3\r\r\n",
			labels: []string{"1", "2", "3"}, edges: []string{"1-2", "2-3"}, lines: 4,
		},
		{
			name:   "csv labels with inner spaces, trimmed edges",
			in:     "New York, Boston\nBoston ,Chicago,3\n",
			labels: []string{"New York", "Boston", "Chicago"}, edges: []string{"New York-Boston", "Boston-Chicago"}, lines: 2,
		},
		{
			name:   "labels compared as text",
			in:     "7 07\n007 7\n",
			labels: []string{"7", "07", "007"}, edges: []string{"7-07", "7-007"}, lines: 2,
		},
		{
			name:   "signed integers and header on a comment-led file",
			in:     "# exported\nnode_a\tnode_b\n-1\t+2\n",
			labels: []string{"-1", "+2"}, edges: []string{"-1-+2"}, lines: 3,
		},
	} {
		g, info, err := ReadEdgeList(strings.NewReader(tc.in), ReadOptions{Name: "t", Header: tc.header})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		checkSimple(t, tc.name, g)
		if !slices.Equal(info.Labels, tc.labels) {
			t.Errorf("%s: labels %q, want %q", tc.name, info.Labels, tc.labels)
		}
		if got := labelEdges(g, info.Labels); !slices.Equal(got, tc.edges) {
			t.Errorf("%s: edges %q, want %q", tc.name, got, tc.edges)
		}
		if info.SelfLoops != tc.selfLoops || info.Duplicates != tc.dups || info.Lines != tc.lines {
			t.Errorf("%s: self loops %d, duplicates %d, lines %d; want %d, %d, %d",
				tc.name, info.SelfLoops, info.Duplicates, info.Lines, tc.selfLoops, tc.dups, tc.lines)
		}
	}
}

type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		r.n++
		return copy(p, "1 2\n3 4"), nil
	}
	return 0, errors.New("disk on fire")
}

func TestReadEdgeListErrors(t *testing.T) {
	long := "1 " + strings.Repeat("x", maxLineBytes) + "\n"
	for _, tc := range []struct {
		name   string
		in     io.Reader
		header HeaderMode
		want   string
	}{
		{"ragged line", strings.NewReader("1,2\n3\n"), HeaderAuto, "edges.csv:2: need two fields, got 1"},
		{"ragged first line", strings.NewReader("1\n2 3\n"), HeaderAuto, "edges.csv:1: need two fields, got 1"},
		{"ragged after comment", strings.NewReader("# c\n1 2\n\n4\n"), HeaderAuto, "edges.csv:4: need two fields, got 1"},
		{"comma file, space line", strings.NewReader("1,2\n3 4\n"), HeaderAuto, "edges.csv:2: mixed separators: line has spaces, file uses commas"},
		{"comma file, tab line", strings.NewReader("1,2\n3\t4\n"), HeaderAuto, "edges.csv:2: mixed separators: line has tabs, file uses commas"},
		{"tab file, comma line", strings.NewReader("1\t2\n3,4\n"), HeaderAuto, "edges.csv:2: mixed separators: line has commas, file uses tabs"},
		{"tab file, space line", strings.NewReader("1\t2\n3 4\n"), HeaderAuto, "edges.csv:2: mixed separators: line has spaces, file uses tabs"},
		{"space file, comma line", strings.NewReader("1 2\n3,4\n"), HeaderAuto, "edges.csv:2: mixed separators: line has commas, file uses spaces"},
		{"empty field", strings.NewReader("1,,2\n"), HeaderAuto, "edges.csv:1: empty label in field 2"},
		{"no edges", strings.NewReader("# nothing\n\n"), HeaderAuto, "edges.csv: no edges"},
		{"empty input", strings.NewReader(""), HeaderAuto, "edges.csv: no edges"},
		{"header only", strings.NewReader("source,target\n"), HeaderYes, "edges.csv: no edges"},
		{"only self loops", strings.NewReader("1 1\n2 2\n"), HeaderAuto, "edges.csv: no edges (2 self loops dropped)"},
		{"line too long", strings.NewReader(long), HeaderAuto, "edges.csv:1: line longer than 1048576 bytes"},
		{"read error", &failingReader{}, HeaderAuto, "edges.csv:2: disk on fire"},
		{"ragged line after CR line ends", strings.NewReader("1,2\r3\r4,5\r"), HeaderAuto, "edges.csv:2: need two fields, got 1"},
		{"line too long, CR line ends", strings.NewReader("1 2\r" + strings.ReplaceAll(long, "\n", "\r")), HeaderAuto, "edges.csv:2: line longer than 1048576 bytes"},
		{"binary", strings.NewReader("1 2\n\x1f\x8b\x08\x00 x\n"), HeaderAuto, "edges.csv:2: binary content (a NUL byte): an edge list must be text (is the file compressed?)"},
		{"NUL in a comment", strings.NewReader("# a\x00b\n1 2\n"), HeaderAuto, "edges.csv:1: binary content (a NUL byte): an edge list must be text (is the file compressed?)"},
	} {
		_, _, err := ReadEdgeList(tc.in, ReadOptions{Name: "edges.csv", Header: tc.header})
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestReadEdgeListDefaultName(t *testing.T) {
	_, _, err := ReadEdgeList(strings.NewReader("1\n"), ReadOptions{})
	if err == nil || err.Error() != "input:1: need two fields, got 1" {
		t.Errorf("error %v, want input:1: need two fields, got 1", err)
	}
}

// TestReadEdgeListRoundTrip writes a generated graph as an edge list with
// shuffled line order and reversed pairs, reads it back, and checks that the
// relabelled graph has the same edges.
func TestReadEdgeListRoundTrip(t *testing.T) {
	g, err := ErdosRenyiGNM(2000, 8000, newRand(4))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for u := range int32(g.N()) {
		for _, v := range g.Neighbours(u) {
			if u < v {
				lines = append(lines, fmt.Sprintf("n%d\tn%d\t1.0", v, u))
			}
		}
	}
	rnd := newRand(5)
	rnd.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	h, info, err := ReadEdgeList(strings.NewReader(strings.Join(lines, "\n")), ReadOptions{Name: "rt"})
	if err != nil {
		t.Fatal(err)
	}
	if h.Edges() != g.Edges() || info.Duplicates != 0 || info.SelfLoops != 0 {
		t.Fatalf("read %d edges (%d dups, %d loops), want %d", h.Edges(), info.Duplicates, info.SelfLoops, g.Edges())
	}
	for u := range int32(h.N()) {
		var a int32
		fmt.Sscanf(info.Labels[u], "n%d", &a)
		for _, v := range h.Neighbours(u) {
			var b int32
			fmt.Sscanf(info.Labels[v], "n%d", &b)
			if _, ok := slices.BinarySearch(g.Neighbours(a), b); !ok {
				t.Fatalf("read edge %d-%d not in the original", a, b)
			}
		}
	}
}
