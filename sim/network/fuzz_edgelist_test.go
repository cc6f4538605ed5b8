package network

import (
	"bytes"
	"fmt"
	"github.com/connact/connact/sim/internal/fuzzguard"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// FuzzReadEdgeList feeds arbitrary bytes to ReadEdgeList under each header
// mode (and one undefined mode, 3). The result must be an error that names
// the source, or a graph that keeps every Graph invariant (offsets from 0
// to len(Adj) and monotone, len(Adj) even, neighbour lists sorted without
// self loops or duplicates, symmetric) with one distinct, non-empty label
// per node, a line count equal to the input's, and no more edges, loops and
// duplicates than lines. Reading one byte at a time, with the final EOF
// arriving with the last byte, must give the same result. A graph whose
// labels can be written back as a tab-separated list must read back with
// the same labelled edges.
func FuzzReadEdgeList(f *testing.F) {
	// The inputs of edgelist_test.go, then a few more.
	for _, s := range []string{
		"source,target,weight\n1,2,0.5\n2,3,1\n",
		"a\tb\nb\tc\n",
		"# a triangle\n\n10   20\n20\t 30\n   30 10  \n  # indented comment\n",
		"from to\nx y\ny z\n",
		"from to\nx y\n",
		"u,v\n1,2\n",
		"5 6\n6 7\n",
		"alice bob",
		"1 2\n2 1\n1 1\n1 2\n3 3\n2 3\n",
		"\uFEFFsrc,dst\r\n1,2\r\n2,3\r\n",
		"New York, Boston\nBoston ,Chicago,3\n",
		"7 07\n007 7\n",
		"# exported\nnode_a\tnode_b\n-1\t+2\n",
		"1,2\n3\n", "1\n2 3\n", "# c\n1 2\n\n4\n",
		"1,2\n3 4\n", "1,2\n3\t4\n", "1\t2\n3,4\n", "1\t2\n3 4\n", "1 2\n3,4\n",
		"1,,2\n", "# nothing\n\n", "", "source,target\n", "1 1\n2 2\n", "1\n",
		"a b\n\r\n", "x,y\r", "1 2\n\x00 \xff\n", "\uFEFF# c\n\uFEFF1 2\n", "a\t\tb\n", " ,a\n", "#\n1\t2\t\n",
		"1 2 3 4 5\n", "\t1\t2\n", "1,2,\n", "1 2\r\r\n", "# only\r\n",
		"a,b\rb,c\rc,a", "a b\r\nb c\rc a\n\rd e\r", "\r\r\n\n1 2\r",
	} {
		for h := range 3 {
			f.Add([]byte(s), uint8(h))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, header uint8) {
		defer fuzzguard.Start()()
		opts := ReadOptions{Name: "fuzz", Header: HeaderMode(header % 4)}
		g, info, err := ReadEdgeList(bytes.NewReader(data), opts)

		g1, info1, err1 := ReadEdgeList(iotest.DataErrReader(iotest.OneByteReader(bytes.NewReader(data))), opts)
		if fmt.Sprint(err) != fmt.Sprint(err1) || !reflect.DeepEqual(g, g1) || !reflect.DeepEqual(info, info1) {
			t.Fatalf("reading a byte at a time differs:\n%v %+v\n%v %+v", err, info, err1, info1)
		}

		if err != nil {
			if g != nil {
				t.Fatalf("error %v with a graph", err)
			}
			if !strings.HasPrefix(err.Error(), "fuzz:") {
				t.Fatalf("error %q does not name the source", err)
			}
			return
		}
		checkReadGraph(t, g, info, data)
		roundTripLabels(t, g, info)
	})
}

// checkReadGraph checks what ReadEdgeList returned for data without error.
func checkReadGraph(t *testing.T, g *Graph, info ReadInfo, data []byte) {
	t.Helper()
	if g == nil {
		t.Fatal("no error and no graph")
	}
	n := g.N()
	if len(g.Offsets) != n+1 || g.Offsets[0] != 0 || g.Offsets[n] != int64(len(g.Adj)) {
		t.Fatalf("bad offsets: len %d, first %d, last %d, len(Adj) %d", len(g.Offsets), g.Offsets[0], g.Offsets[n], len(g.Adj))
	}
	if len(g.Adj)%2 != 0 || len(g.Adj) == 0 {
		t.Fatalf("adjacency length %d: want even and > 0 (a graph is read only with edges)", len(g.Adj))
	}
	for i := range n {
		if g.Offsets[i+1] < g.Offsets[i] {
			t.Fatalf("offsets decrease at %d: %d then %d", i, g.Offsets[i], g.Offsets[i+1])
		}
		nb := g.Neighbours(int32(i))
		for p, v := range nb {
			switch {
			case v < 0 || int(v) >= n:
				t.Fatalf("node %d has neighbour %d outside [0,%d)", i, v, n)
			case int(v) == i:
				t.Fatalf("self loop at %d", i)
			case p > 0 && nb[p-1] >= v:
				t.Fatalf("neighbours of %d not strictly increasing (unsorted or duplicate): %v", i, nb)
			}
			if _, ok := slices.BinarySearch(g.Neighbours(v), int32(i)); !ok {
				t.Fatalf("edge %d->%d has no mirror", i, v)
			}
		}
	}

	if len(info.Labels) != n {
		t.Fatalf("%d labels for %d nodes", len(info.Labels), n)
	}
	seen := make(map[string]bool, n)
	for id, l := range info.Labels {
		if l == "" || strings.ContainsAny(l, "\r\n") || seen[l] {
			t.Fatalf("label %d is %q: want non-empty, one line (no CR or LF), and distinct", id, l)
		}
		seen[l] = true
	}
	if len(data) <= 1<<12 { // labels come from the input (quadratic, so small inputs only)
		for id, l := range info.Labels {
			if !bytes.Contains(data, []byte(l)) {
				t.Fatalf("label %d %q is not in the input", id, l)
			}
		}
	}

	// Success reads the whole input: every physical line counts, ended by
	// LF, CRLF or a lone CR.
	lines := int64(bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")))
	if len(data) > 0 && data[len(data)-1] != '\n' && data[len(data)-1] != '\r' {
		lines++
	}
	if info.Lines != lines {
		t.Fatalf("ReadInfo.Lines %d, but the input has %d lines", info.Lines, lines)
	}
	if info.SelfLoops < 0 || info.Duplicates < 0 || g.Edges()+info.SelfLoops+info.Duplicates > info.Lines {
		t.Fatalf("%d edges + %d self loops + %d duplicates from %d lines", g.Edges(), info.SelfLoops, info.Duplicates, info.Lines)
	}
}

// roundTripLabels writes g as a tab-separated edge list of its labels and
// reads it back, when every label survives that format: the labelled edges
// must be the same.
func roundTripLabels(t *testing.T, g *Graph, info ReadInfo) {
	t.Helper()
	for _, l := range info.Labels {
		if strings.ContainsAny(l, "\t,\r\n") || strings.TrimSpace(l) != l || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "\uFEFF") {
			return // not representable in a tab-separated file
		}
	}
	var b strings.Builder
	want := make(map[[2]string]bool)
	for u := range int32(g.N()) {
		for _, v := range g.Neighbours(u) {
			if u < v {
				fmt.Fprintf(&b, "%s\t%s\n", info.Labels[u], info.Labels[v])
				want[[2]string{info.Labels[u], info.Labels[v]}] = true
			}
		}
	}
	h, hinfo, err := ReadEdgeList(strings.NewReader(b.String()), ReadOptions{Name: "back", Header: HeaderNo})
	if err != nil {
		t.Fatalf("written back, the edge list does not read: %v\n%s", err, b.String())
	}
	if h.Edges() != g.Edges() || hinfo.SelfLoops != 0 || hinfo.Duplicates != 0 {
		t.Fatalf("read back %d edges (%d self loops, %d duplicates), want %d", h.Edges(), hinfo.SelfLoops, hinfo.Duplicates, g.Edges())
	}
	for u := range int32(h.N()) {
		for _, v := range h.Neighbours(u) {
			a, c := hinfo.Labels[u], hinfo.Labels[v]
			if !want[[2]string{a, c}] && !want[[2]string{c, a}] {
				t.Fatalf("read back an edge %q-%q that was not written", a, c)
			}
		}
	}
}
