package output

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/scenario"
)

// netScenario has an organisation and a frame, commitment and a removal,
// so that the export's attributes are not all the same.
const netScenario = `name: net
seed: 4
steps: 12
population: {size: 150, groups: [{name: a, share: 0.5, centre: 0.4}, {name: b, share: 0.5, centre: 0.6}]}
network: {model: barabasi_albert, attach: 2}
decision: {active_steps: 4, commitment: {weight: 0.5, decay: 0.02, habit: 0.03}}
organisations:
  - {name: union, reach: 40, members: 0.1}
frames:
  - {name: tag, seeds: 5, share: 0.3, width: 0.4, half_life: 4}
events:
  - {step: 6, type: remove_hubs, share: 0.02}
`

// netModel is the scenario's replicate 0 at step 0.
func netModel(t *testing.T) *sim.Model {
	t.Helper()
	l, err := scenario.Parse("net.yaml", []byte(netScenario), ".")
	if err != nil {
		t.Fatal(err)
	}
	sc := l.Scenario
	m, err := sim.NewRun(context.Background(), sc, nil, nil, sim.PairedSeed(sc.Seed, 0), sim.RunSeed(sc.Seed, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// exportAll writes the three formats into dir, n.graphml, n.gexf, n.csv
// (and n.nodes.csv).
func exportAll(t *testing.T, dir string) {
	t.Helper()
	for _, ext := range NetworkFormats {
		if err := WriteNetworkRun(context.Background(), netModel(t), filepath.Join(dir, "n"+ext), false); err != nil {
			t.Fatal(err)
		}
	}
}

// attValue is a GEXF node's attvalue.
type attValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
	Start string `xml:"start,attr"`
	End   string `xml:"end,attr"`
}

// xmlGraph is what the GraphML and GEXF files hold, read with
// encoding/xml.
type xmlGraph struct {
	Nodes []struct {
		ID   string `xml:"id,attr"`
		Data []struct {
			Key   string `xml:"key,attr"`
			Value string `xml:",chardata"`
		} `xml:"data"`
	} `xml:"graph>node"`
	GEXFNodes []struct {
		ID  string     `xml:"id,attr"`
		Att []attValue `xml:"attvalues>attvalue"`
	} `xml:"graph>nodes>node"`
	Edges     []xmlEdge `xml:"graph>edge"`
	GEXFEdges []xmlEdge `xml:"graph>edges>edge"`
}

// xmlEdge is an edge of either format.
type xmlEdge struct {
	Source string `xml:"source,attr"`
	Target string `xml:"target,attr"`
}

// TestNetworkExport: the GraphML, GEXF and CSV exports of one run hold
// the same nodes, attributes and edges — the run's network and its
// agents' state at the last step (sim.View) — read back with
// encoding/xml and encoding/csv; GEXF's dynamic attribute turns true at
// each agent's first step of participation; the bytes are the same when
// written again.
func TestNetworkExport(t *testing.T) {
	dir := t.TempDir()
	exportAll(t, dir)
	m := netModel(t)
	m.Run()
	g := m.Net
	var want [][]string
	m.Observe(func(v sim.View) {
		for i := range v.N() {
			a := v.Agent(i)
			want = append(want, nodeValues(&a, nil))
		}
	})
	f, err := os.Open(filepath.Join(dir, "n.nodes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(NodeColumns, ",") || len(rows)-1 != g.N() {
		t.Fatalf("node table: header %v, %d rows; want %v, %d", rows[0], len(rows)-1, NodeColumns, g.N())
	}
	states := map[string]bool{}
	for i, r := range rows[1:] {
		// FirstActive: the model watched after the run knows none (Observe
		// after step 0), so it is compared with ever_active only.
		if strings.Join(r[:15], ",") != strings.Join(want[i][:15], ",") {
			t.Fatalf("node %d: %v, want %v", i, r, want[i])
		}
		if (r[12] == "true") != (r[15] != "-1") {
			t.Fatalf("node %d: ever_active %s, first_active %s", i, r[12], r[15])
		}
		states[r[9]] = true
	}
	if len(states) < 4 {
		t.Errorf("only states %v occur: the scenario tests too little", states)
	}
	edges := map[[2]int]bool{}
	for i := range int32(g.N()) {
		for _, j := range g.Neighbours(i) {
			if i < j {
				edges[[2]int{int(i), int(j)}] = true
			}
		}
	}
	checkEdges := func(what string, pairs [][2]string) {
		if len(pairs) != len(edges) {
			t.Errorf("%s: %d edges, want %d", what, len(pairs), len(edges))
		}
		for _, p := range pairs {
			a, _ := strconv.Atoi(p[0])
			b, _ := strconv.Atoi(p[1])
			if !edges[[2]int{a, b}] {
				t.Errorf("%s: edge %d-%d is not in the network", what, a, b)
				return
			}
		}
	}
	f, _ = os.Open(filepath.Join(dir, "n.csv"))
	er, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || strings.Join(er[0], ",") != "source,target" {
		t.Fatalf("edge table: %v %v", err, er[:1])
	}
	var pairs [][2]string
	for _, r := range er[1:] {
		pairs = append(pairs, [2]string{r[0], r[1]})
	}
	checkEdges("csv", pairs)

	for _, ext := range []string{".graphml", ".gexf"} {
		b, err := os.ReadFile(filepath.Join(dir, "n"+ext))
		if err != nil {
			t.Fatal(err)
		}
		var x xmlGraph
		if err := xml.Unmarshal(b, &x); err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		pairs = pairs[:0]
		for _, e := range append(x.Edges, x.GEXFEdges...) {
			pairs = append(pairs, [2]string{e.Source, e.Target})
		}
		checkEdges(ext, pairs)
		n := len(x.Nodes) + len(x.GEXFNodes)
		if n != g.N() {
			t.Fatalf("%s: %d nodes, want %d", ext, n, g.N())
		}
		for i := range n {
			var id string
			got := make([]string, len(NodeColumns))
			dyn := ""
			if ext == ".graphml" {
				id = x.Nodes[i].ID
				for _, d := range x.Nodes[i].Data {
					k, _ := strconv.Atoi(strings.TrimPrefix(d.Key, "d"))
					got[k] = d.Value
				}
			} else {
				id = x.GEXFNodes[i].ID
				for _, a := range x.GEXFNodes[i].Att {
					if a.For == "ea" {
						if a.Value == "true" {
							dyn = a.Start
						}
						continue
					}
					k, _ := strconv.Atoi(a.For)
					got[k] = a.Value
				}
				if first := rows[i+1][15]; (first == "-1" && dyn != "") || (first != "-1" && dyn != first) {
					t.Fatalf("gexf node %d: participated from %q, first_active %s", i, dyn, first)
				}
			}
			got[0] = id
			if strings.Join(got, ",") != strings.Join(rows[i+1], ",") {
				t.Fatalf("%s node %d: %v, want %v", ext, i, got, rows[i+1])
			}
		}
	}

	again := t.TempDir()
	exportAll(t, again)
	for _, name := range []string{"n.graphml", "n.gexf", "n.csv", "n.nodes.csv"} {
		a, _ := os.ReadFile(filepath.Join(dir, name))
		b, _ := os.ReadFile(filepath.Join(again, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs when written again", name)
		}
	}
}

// TestNetworkExportRefuses: an unknown extension, a missing folder, an
// existing file without --force and, even with it, a file connact did not
// write are refused before the run (a *RefusedError: exit code 2), and
// nothing is written; an export connact wrote is replaced with force.
func TestNetworkExportRefuses(t *testing.T) {
	dir := t.TempDir()
	exportAll(t, dir)
	os.WriteFile(filepath.Join(dir, "mine.gexf"), []byte("<gexf>my own</gexf>"), 0o644)
	os.WriteFile(filepath.Join(dir, "x.nodes.csv"), []byte("my,own\n"), 0o644)
	for path, force := range map[string]bool{
		"n.txt": true, "none/n.gexf": false, "n.graphml": false, "n.csv": false, "mine.gexf": true, "x.csv": true,
	} {
		err := WriteNetworkRun(context.Background(), netModel(t), filepath.Join(dir, path), force)
		var re *RefusedError
		if !errors.As(err, &re) {
			t.Errorf("%s (force %v): %v, want a refusal", path, force, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "mine.gexf n.csv n.gexf n.graphml n.nodes.csv x.nodes.csv" {
		t.Errorf("folder holds %s after the refusals", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "mine.gexf")); string(b) != "<gexf>my own</gexf>" {
		t.Error("a file of the user's was changed")
	}
	for _, ext := range NetworkFormats {
		if err := WriteNetworkRun(context.Background(), netModel(t), filepath.Join(dir, "n"+ext), true); err != nil {
			t.Errorf("replacing n%s with force: %v", ext, err)
		}
	}
}

// TestNetworkExportPython: Debian's python3-networkx and python3-igraph
// read the exports back with the same nodes, edges and attributes
// (testdata/netexport/check.py). Skipped when /usr/bin/python3 lacks
// them, unless CONNACT_PYGRAPH=1 (.ci/run installs them and sets it).
func TestNetworkExportPython(t *testing.T) {
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import networkx, igraph").Run(); err != nil {
		if os.Getenv("CONNACT_PYGRAPH") == "1" {
			t.Fatalf("%s cannot import networkx and igraph: %v", py, err)
		}
		t.Skipf("%s cannot import networkx and igraph (apt-get install python3-networkx python3-igraph)", py)
	}
	dir := t.TempDir()
	exportAll(t, dir)
	out, err := exec.Command(py, filepath.Join("testdata", "netexport", "check.py"), dir).CombinedOutput()
	if err != nil {
		t.Fatalf("check.py: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

// TestGEXFSchema validates the .gexf export against the GEXF 1.3 XML
// schema (testdata/gexf, from github.com/gephi/gexf) with xmllint. It
// skips when xmllint is missing (apt-get install libxml2-utils), and
// fails then with CONNACT_XMLLINT=1, as CI sets it.
func TestGEXFSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CONNACT_XMLLINT") == "1" {
			t.Fatalf("xmllint not found: %v", err)
		}
		t.Skip("xmllint not found (apt-get install libxml2-utils)")
	}
	path := filepath.Join(t.TempDir(), "n.gexf")
	if err := WriteNetworkRun(context.Background(), netModel(t), path, false); err != nil {
		t.Fatal(err)
	}
	schema := filepath.Join("testdata", "gexf", "gexf.xsd")
	if out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", schema, path).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
	// The check can fail: an element the schema does not know is refused.
	b, _ := os.ReadFile(path)
	bad := filepath.Join(t.TempDir(), "bad.gexf")
	os.WriteFile(bad, bytes.Replace(b, []byte("<nodes"), []byte("<knots/><nodes"), 1), 0o644)
	if err := exec.Command(xmllint, "--noout", "--nonet", "--schema", schema, bad).Run(); err == nil {
		t.Error("xmllint accepts a GEXF file with an unknown element: the schema is not checked")
	}
}
