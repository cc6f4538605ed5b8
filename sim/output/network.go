package output

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/network"
)

// A network export (connact run --network-out FILE) is one run's network
// with each agent's attributes and state at the run's last step, in the
// format FILE's extension names:
//
//   - .graphml: GraphML, one node per agent (id = agent id) with the
//     attributes of NodeColumns as typed keys, one undirected edge per tie.
//   - .gexf: GEXF 1.3 for Gephi, the same nodes and edges and, besides the
//     static attributes, a dynamic one, participated, false until the
//     agent's first step of participation and true from it on, so that
//     Gephi's timeline animates the spread (timeformat integer: steps).
//   - .csv: two tables, FILE the edges (source,target: an edge list that
//     network: {model: file} reads back) and FILE's stem + .nodes.csv the
//     nodes (NodeColumns, one row per agent).
//
// Everything is written in agent and edge order from the run's state, so
// that the same scenario and seed give the same bytes.

// NetworkFormats are the extensions a network export may have.
var NetworkFormats = []string{".graphml", ".gexf", ".csv"}

// NodeColumns are the attributes of a network export's nodes, in order
// (sim.AgentState): id, identity group, position, identity, resources at
// the last step, free-riding, threshold, degree, core number, state
// (inactive, aware, active, member, lapsed or removed), held frame and
// organisation ("" for none), whether it ever participated, attention,
// commitment and first step of participation (-1: never).
var NodeColumns = []string{"id", "group", "position", "identity", "resources", "free_riding", "threshold",
	"degree", "core", "state", "frame", "organisation", "ever_active", "attention", "commitment", "first_active"}

// nodeTypes are NodeColumns' types, as GraphML and GEXF name them.
var nodeTypes = []string{"int", "string", "double", "double", "double", "double", "double",
	"int", "int", "string", "string", "string", "boolean", "double", "double", "int"}

// NetworkPaths checks path's extension and returns the files an export to
// it writes: path, and for .csv the node table beside it. An unknown
// extension is a *RefusedError.
func NetworkPaths(path string) ([]string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".graphml", ".gexf":
		return []string{path}, nil
	case ".csv":
		return []string{path, NodesPath(path)}, nil
	}
	return nil, &RefusedError{Path: path, Why: "has no network format's extension; use .graphml, .gexf or .csv"}
}

// NodesPath is the node table of a CSV network export to path: its stem
// + .nodes.csv (net.csv: net.nodes.csv).
func NodesPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".nodes.csv"
}

// IsNetworkExport reports whether a file called name, starting with head,
// is a network export connact could have written (what --force may
// replace): GraphML or GEXF whose first bytes say connact wrote it, or a
// CSV table with an export's header.
func IsNetworkExport(name string, head []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		if strings.HasSuffix(strings.ToLower(name), ".nodes.csv") {
			return starts(head, strings.Join(NodeColumns, ",")+"\n")
		}
		return starts(head, edgeHeader)
	case ".graphml", ".gexf":
		return starts(head, xmlHead)
	}
	return false
}

// starts reports whether head begins with want, or, shorter than want
// (CheckFile reads 64 bytes), is a long enough start of it.
func starts(head []byte, want string) bool {
	n := min(len(head), len(want))
	return n >= min(len(want), 32) && string(head[:n]) == want[:n]
}

const (
	edgeHeader = "source,target\n"
	// xmlHead starts the XML exports; IsNetworkExport recognises them by it.
	xmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- connact network export -->\n"
)

// CheckNetworkOut checks, before a run, that path may be written as a
// network export (NetworkPaths, CheckFile for each of its files).
func CheckNetworkOut(path string, force bool) error {
	paths, err := NetworkPaths(path)
	if err != nil {
		return err
	}
	for _, p := range paths {
		if err := CheckFile(p, force, "network export", IsNetworkExport); err != nil {
			return err
		}
	}
	if fi, err := os.Stat(filepath.Dir(filepath.Clean(path))); err != nil || !fi.IsDir() {
		return &RefusedError{Path: path, Why: "is in no existing folder; create " + filepath.Dir(path) + " first"}
	}
	return nil
}

// WriteNetworkRun runs m (at step 0) to its last step, watching it
// (sim.Model.Observe), and exports its network with the agents' state at
// the last step to path (NetworkPaths): written into a temporary folder
// beside it and renamed into place once complete, so that an error or an
// interruption leaves nothing half-written; an existing file is replaced
// only with force, and only if connact wrote it (CheckNetworkOut).
func WriteNetworkRun(ctx context.Context, m *sim.Model, path string, force bool) error {
	path = filepath.Clean(path)
	paths, err := NetworkPaths(path)
	if err != nil {
		return err
	}
	if err := CheckNetworkOut(path, force); err != nil {
		return err
	}
	td, err := NewTempDir(path)
	if err != nil {
		return err
	}
	defer td.Remove()
	last := m.Scenario().Steps
	var werr error
	m.Observe(func(v sim.View) {
		if v.Step() == last {
			werr = writeNetworkFiles(td.Path, paths, m.Net, v, last)
		}
	})
	if err := m.RunContext(ctx); err != nil {
		return err
	}
	if werr != nil {
		return werr
	}
	for _, p := range paths {
		if err := td.InstallFile(filepath.Base(p), p, force, "network export", IsNetworkExport); err != nil {
			return err
		}
	}
	return nil
}

// writeNetworkFiles writes the export's files into dir, under their base
// names.
func writeNetworkFiles(dir string, paths []string, g *network.Graph, v sim.View, steps int) error {
	write := func(p string, f func(w *bufio.Writer) error) error {
		out, err := os.Create(filepath.Join(dir, filepath.Base(p)))
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(out, 1<<16)
		err = f(w)
		if err == nil {
			err = w.Flush()
		}
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		return err
	}
	switch strings.ToLower(filepath.Ext(paths[0])) {
	case ".graphml":
		return write(paths[0], func(w *bufio.Writer) error { return WriteGraphML(w, g, v) })
	case ".gexf":
		return write(paths[0], func(w *bufio.Writer) error { return WriteGEXF(w, g, v, steps) })
	}
	if err := write(paths[0], func(w *bufio.Writer) error { return WriteEdgeCSV(w, g) }); err != nil {
		return err
	}
	return write(paths[1], func(w *bufio.Writer) error { return WriteNodeCSV(w, v) })
}

// nodeValues are agent a's values of NodeColumns, as text.
func nodeValues(a *sim.AgentState, row []string) []string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 32) }
	return append(row[:0], strconv.Itoa(a.ID), a.Group, f(a.Position), f(a.Identity), f(a.Resources),
		f(a.FreeRiding), f(a.Threshold), strconv.Itoa(a.Degree), strconv.Itoa(a.Core), a.Status.String(),
		a.Frame, a.Organisation, strconv.FormatBool(a.EverActive), f(a.Attention), f(a.Commitment),
		strconv.Itoa(a.FirstActive))
}

// WriteNodeCSV writes the node table: NodeColumns, one row per agent.
func WriteNodeCSV(w io.Writer, v sim.View) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(NodeColumns); err != nil {
		return err
	}
	var row []string
	for i := range v.N() {
		a := v.Agent(i)
		row = nodeValues(&a, row)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteEdgeCSV writes the edges, source,target with source < target, in
// order.
func WriteEdgeCSV(w io.Writer, g *network.Graph) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(edgeHeader)
	eachEdge(g, func(_ int64, i, j int32) {
		bw.WriteString(strconv.Itoa(int(i)))
		bw.WriteByte(',')
		bw.WriteString(strconv.Itoa(int(j)))
		bw.WriteByte('\n')
	})
	return bw.Flush()
}

// eachEdge calls f for every edge {i, j}, i < j, numbered in order.
func eachEdge(g *network.Graph, f func(e int64, i, j int32)) {
	e := int64(0)
	for i := range int32(g.N()) {
		for _, j := range g.Neighbours(i) {
			if i < j {
				f(e, i, j)
				e++
			}
		}
	}
}

// escape is s escaped for XML text and attribute values.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// WriteGraphML writes the network in GraphML with NodeColumns (but id,
// the node's own id) as node keys d1..d15.
func WriteGraphML(w io.Writer, g *network.Graph, v sim.View) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xmlHead)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for k := 1; k < len(NodeColumns); k++ {
		fmt.Fprintf(bw, "  <key id=\"d%d\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", k, NodeColumns[k], nodeTypes[k])
	}
	bw.WriteString("  <graph id=\"G\" edgedefault=\"undirected\">\n")
	var row []string
	for i := range v.N() {
		a := v.Agent(i)
		row = nodeValues(&a, row)
		fmt.Fprintf(bw, "    <node id=\"%d\">", i)
		for k := 1; k < len(row); k++ {
			fmt.Fprintf(bw, "<data key=\"d%d\">%s</data>", k, escape(row[k]))
		}
		bw.WriteString("</node>\n")
	}
	eachEdge(g, func(e int64, i, j int32) {
		fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"%d\" target=\"%d\"/>\n", e, i, j)
	})
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

// gexfTypes are nodeTypes as GEXF names them.
var gexfTypes = map[string]string{"int": "integer", "double": "double", "string": "string", "boolean": "boolean"}

// WriteGEXF writes the network in GEXF 1.3: NodeColumns (but id) as
// static node attributes 1..15 and the dynamic attribute participated
// ("ea"), false from step 0 until the first step of participation and
// true from it to the last step, steps.
func WriteGEXF(w io.Writer, g *network.Graph, v sim.View, steps int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xmlHead)
	bw.WriteString(`<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
	bw.WriteString("  <meta><creator>connact</creator></meta>\n")
	fmt.Fprintf(bw, "  <graph defaultedgetype=\"undirected\" mode=\"dynamic\" timeformat=\"integer\" timerepresentation=\"interval\" start=\"0\" end=\"%d\">\n", steps)
	bw.WriteString("    <attributes class=\"node\" mode=\"static\">\n")
	for k := 1; k < len(NodeColumns); k++ {
		fmt.Fprintf(bw, "      <attribute id=\"%d\" title=\"%s\" type=\"%s\"/>\n", k, NodeColumns[k], gexfTypes[nodeTypes[k]])
	}
	bw.WriteString("    </attributes>\n    <attributes class=\"node\" mode=\"dynamic\">\n")
	bw.WriteString("      <attribute id=\"ea\" title=\"participated\" type=\"boolean\"/>\n    </attributes>\n")
	bw.WriteString("    <nodes>\n")
	var row []string
	for i := range v.N() {
		a := v.Agent(i)
		row = nodeValues(&a, row)
		fmt.Fprintf(bw, "      <node id=\"%d\" label=\"%d\"><attvalues>", i, i)
		for k := 1; k < len(row); k++ {
			fmt.Fprintf(bw, "<attvalue for=\"%d\" value=\"%s\"/>", k, escape(row[k]))
		}
		switch f := a.FirstActive; {
		case f < 0:
			fmt.Fprintf(bw, "<attvalue for=\"ea\" value=\"false\" start=\"0\" end=\"%d\"/>", steps)
		case f == 0:
			fmt.Fprintf(bw, "<attvalue for=\"ea\" value=\"true\" start=\"0\" end=\"%d\"/>", steps)
		default:
			// Closed intervals of whole steps: [0, f−1] then [f, steps].
			fmt.Fprintf(bw, "<attvalue for=\"ea\" value=\"false\" start=\"0\" end=\"%d\"/><attvalue for=\"ea\" value=\"true\" start=\"%d\" end=\"%d\"/>", f-1, f, steps)
		}
		bw.WriteString("</attvalues></node>\n")
	}
	bw.WriteString("    </nodes>\n    <edges>\n")
	eachEdge(g, func(e int64, i, j int32) {
		fmt.Fprintf(bw, "      <edge id=\"%d\" source=\"%d\" target=\"%d\"/>\n", e, i, j)
	})
	bw.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return bw.Flush()
}
