package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNodeTables runs connact run on the edge list testdata/edgelists/ok.csv
// (six people, labels 1..6) with a node table, network.nodes, as a user
// meets it: its groups become the identity groups and its positions the
// agents' stances (checked in agents.csv, where agent id k is the k-th
// label of the edge list); a table with a missing node, an id that is no
// node, an unknown group or a bad number exits 2 naming the table, its
// line and column, and writes nothing.
func TestNodeTables(t *testing.T) {
	dir := t.TempDir()
	header := "id,group,position,note\n"
	good := header + "# a comment\n1,left,0.1,x\n2,left,0.2,y\n3,left,0.3,\n4,right,0.7,z\n5,right,0.8,\n6,right,0.9,\n"
	tables := map[string]string{
		"good.csv":        good,
		"missing.csv":     header + "1,left,0.1,\n2,left,0.2,\n3,left,0.3,\n4,right,0.7,\n5,right,0.8,\n",
		"stranger.csv":    good + "7,left,0.5,\n",
		"again.csv":       good + "3,left,0.5,\n",
		"group.csv":       strings.Replace(good, "5,right", "5,centre", 1),
		"number.csv":      strings.Replace(good, "0.8", "eight", 1),
		"range.csv":       strings.Replace(good, "0.8", "1.8", 1),
		"no-id.csv":       strings.Replace(good, "id,", "node,", 1),
		"short-row.csv":   strings.Replace(good, "2,left,0.2,y", "2,left", 1),
		"empty-group.csv": strings.Replace(good, "2,left", "2,", 1),
	}
	for name, text := range tables {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	groups := "population.groups=[{name: left}, {name: right}]"
	for _, tc := range []struct {
		name, table string
		set         []string
		want        string // regexp on stderr; empty for a run that succeeds
	}{
		{name: "groups and positions from the table", table: "good.csv", set: []string{groups}},
		{name: "a node without a row", table: "missing.csv", set: []string{groups},
			want: `network\.nodes: \S*missing\.csv: node "6" of the edge list has no row \(1 node\(s\) missing in all\)`},
		{name: "an id that is no node", table: "stranger.csv", set: []string{groups},
			want: `network\.nodes: \S*stranger\.csv:9: column id \(1\): "7" is not a node of the edge list$`},
		{name: "a node twice", table: "again.csv", set: []string{groups},
			want: `network\.nodes: \S*again\.csv:9: column id \(1\): node "3" again \(first on line 5\)$`},
		{name: "an unknown group", table: "group.csv", set: []string{groups},
			want: `network\.nodes: \S*group\.csv:7: column group \(2\): "centre" is not a group of population\.groups \(left, right\)$`},
		{name: "groups not in the scenario", table: "good.csv",
			want: `network\.nodes: \S*good\.csv:3: column group \(2\): "left" is not a group of population\.groups \(all\)$`},
		{name: "not a number", table: "number.csv", set: []string{groups},
			want: `network\.nodes: \S*number\.csv:7: column position \(3\): "eight" is not a number$`},
		{name: "out of range", table: "range.csv", set: []string{groups},
			want: `network\.nodes: \S*range\.csv:7: column position \(3\): 1\.8 is out of range \(allowed: 0\.\.1\)$`},
		{name: "no id column", table: "no-id.csv", set: []string{groups},
			want: `no-id\.csv:1: no id column \(the columns are node, group, position, note\)`},
		{name: "a short row", table: "short-row.csv", set: []string{groups},
			want: `short-row\.csv:4: 2 fields, but the header has 4$`},
		{name: "an empty group", table: "empty-group.csv", set: []string{groups},
			want: `empty-group\.csv:4: column group \(2\): empty: every node needs a group$`},
		{name: "no such table", table: "absent.csv", set: []string{groups},
			want: `network\.nodes: no such file: \S*absent\.csv$`},
		{name: "only with a file network", table: "good.csv", set: []string{groups, "network.model=erdos_renyi", "network.file=", "population.size=6", "network.mean_degree=2"},
			want: `network\.nodes: a node table is read only with model: file \(model is erdos_renyi\)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			out := filepath.Join(base, "out")
			args := []string{"run", filepath.Join("testdata", "edgelists", "scenario.yaml"), "--out", out, "--agents", "0",
				"--set", "network.nodes=" + filepath.Join(dir, tc.table)}
			for _, s := range tc.set {
				args = append(args, "--set", s)
			}
			_, stderr, code := connact(t, args...)
			stderr = strings.TrimSpace(stderr)
			if tc.want != "" {
				if code != 2 || !regexp.MustCompile(tc.want).MatchString(stderr) {
					t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
				}
				if ents, _ := os.ReadDir(base); len(ents) != 0 {
					t.Errorf("wrote %d entries", len(ents))
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			rows := csvRows(t, filepath.Join(out, "agents.csv"))
			want := map[string][2]string{"0": {"left", "0.1"}, "1": {"left", "0.2"}, "2": {"left", "0.3"}, "3": {"right", "0.7"}, "4": {"right", "0.8"}, "5": {"right", "0.9"}}
			for _, r := range rows[1:] { // condition,replicate,seed,step,id,group,position,...
				if w := want[r[4]]; r[5] != w[0] || r[6] != w[1] {
					t.Errorf("agent %s: group %s, position %s; the table says %s, %s", r[4], r[5], r[6], w[0], w[1])
				}
			}
		})
	}
}

// TestPlotNetwork: plot --network draws network.svg into a run folder
// (for a file network, with --files naming the scenario's folder, which
// it otherwise asks for), --degree the two degree charts, --out another
// name; the options of --network without it, a condition the folder
// lacks and a sweep folder exit 2.
func TestPlotNetwork(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	if _, stderr, code := connact(t, "run", "testdata/edgelists/scenario.yaml", "--out", dir); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if _, stderr, code := connact(t, "plot", dir, "--network"); code != 2 || !strings.Contains(stderr, "--files DIR") {
		t.Errorf("a file network without --files: exit %d, %q", code, stderr)
	}
	files := filepath.Join("testdata", "edgelists")
	stdout, stderr, code := connact(t, "plot", dir, "--network", "--files", files, "--steps", "0,final", "--charts", "svg")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "chart: " + filepath.Join(dir, "network.svg"); strings.TrimSpace(stdout) != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	out := filepath.Join(t.TempDir(), "deg")
	stdout, stderr, code = connact(t, "plot", dir, "--network", "--degree", "--files", files, "--charts", "svg", "--out", out)
	if code != 0 || !strings.Contains(stdout, out+".svg") || !strings.Contains(stdout, out+"_core.svg") {
		t.Errorf("--degree --out: exit %d, %q, %q", code, stdout, stderr)
	}
	for _, args := range [][]string{
		{"plot", dir, "--steps", "0"},
		{"plot", dir, "--colour", "group"},
		{"plot", dir, "--network", "--files", files, "--condition", "nope"},
		{"plot", dir, "--network", "--files", files, "--steps", "0,99"},
	} {
		if _, stderr, code := connact(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
}
