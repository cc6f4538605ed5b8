package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestNetworkOut: run --network-out writes the export of the run chosen
// by --network-condition and --network-replicate, the same bytes as the
// default run when they name it; a bad extension, a missing folder, an
// existing file without --force, an unknown condition or replicate exit 2
// before anything runs, writing nothing (no run folder either).
func TestNetworkOut(t *testing.T) {
	dir := t.TempDir()
	net := filepath.Join(dir, "n.gexf")
	stdout, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", filepath.Join(dir, "r"), "--workers", "1", "--network-out", net)
	if code != 0 || !strings.Contains(stdout, "network: "+net) {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	again := filepath.Join(dir, "again.gexf")
	if _, stderr, code = connact(t, "run", "testdata/tiny.yaml", "--out", filepath.Join(dir, "r2"), "--network-out", again, "--network-replicate", "0"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	a, _ := os.ReadFile(net)
	b, _ := os.ReadFile(again)
	if len(a) == 0 || string(a) != string(b) {
		t.Errorf("the same run exported twice differs (%d and %d bytes)", len(a), len(b))
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--network-out", filepath.Join(dir, "n.txt")}, "use .graphml, .gexf or .csv"},
		{[]string{"--network-out", filepath.Join(dir, "none", "n.csv")}, "in no existing folder"},
		{[]string{"--network-out", net}, "already exists"},
		{[]string{"--network-out", filepath.Join(dir, "x.csv"), "--network-condition", "nope"}, "no condition"},
		{[]string{"--network-out", filepath.Join(dir, "x.csv"), "--network-replicate", "9"}, "not a replicate"},
		{[]string{"--network-replicate", "1"}, "--network-out"},
	} {
		out := filepath.Join(dir, "refused")
		_, stderr, code := connact(t, append([]string{"run", "testdata/tiny.yaml", "--out", out}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, stderr, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: the run folder was written", c.args)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.csv")); err == nil {
		t.Error("a refused export was written")
	}
}

// TestAgentsFlag: run --agents writes agents.csv into the run folder; a
// step outside the run exits 2 before anything runs.
func TestAgentsFlag(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	if _, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", dir, "--workers", "1", "--agents", "0,final"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "agents.csv"))
	// 2 replicates × 2 steps × 200 agents, and the header.
	if err != nil || strings.Count(string(b), "\n") != 801 {
		t.Errorf("agents.csv: %v, %d lines", err, strings.Count(string(b), "\n"))
	}
	out := filepath.Join(t.TempDir(), "r")
	if _, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", out, "--agents", "0,99"); code != 2 || !strings.Contains(stderr, "beyond the run's length") {
		t.Errorf("--agents 0,99: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused --agents wrote the run folder")
	}
}

// TestAgentsScenarioField: outputs.agents in the scenario writes
// agents.csv at its steps, --agents overrides it, and a step beyond the
// run exits 2 naming file, line and field, writing nothing.
func TestAgentsScenarioField(t *testing.T) {
	src, err := os.ReadFile("testdata/tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	scen := filepath.Join(t.TempDir(), "tiny.yaml")
	// The outputs line of tiny.yaml is a flow mapping: rewrite it as a block.
	b := strings.Replace(string(src), "outputs: {formats: [svg]}\n", "outputs:\n  formats: [svg]\n  agents: {steps: [0, 4, final]}\n", 1)
	if err := os.WriteFile(scen, []byte(b), 0o644); err != nil {
		t.Fatal(err)
	}
	lines := func(dir string) int {
		b, err := os.ReadFile(filepath.Join(dir, "agents.csv"))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(string(b), "\n")
	}
	dir := filepath.Join(t.TempDir(), "r")
	if _, stderr, code := connact(t, "run", scen, "--out", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// 2 replicates × 3 steps × 200 agents, and the header.
	if n := lines(dir); n != 1201 {
		t.Errorf("outputs.agents: agents.csv has %d lines, want 1201", n)
	}
	// format: parquet writes the same table as agents.parquet, and no
	// agents.csv; datapackage.json describes it; --force replaces it.
	pq := filepath.Join(t.TempDir(), "r")
	for range 2 {
		if _, stderr, code := connact(t, "run", scen, "--out", pq, "--set", "outputs.agents.format=parquet", "--force"); code != 0 {
			t.Fatalf("format parquet: exit %d: %s", code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(pq, "agents.csv")); err == nil {
		t.Error("format parquet: agents.csv was written too")
	}
	if dp, err := os.ReadFile(filepath.Join(pq, "datapackage.json")); err != nil || !strings.Contains(string(dp), `"path": "agents.parquet"`) {
		t.Errorf("format parquet: datapackage.json does not describe agents.parquet (%v)", err)
	}
	want := csvRows(t, filepath.Join(dir, "agents.csv"))
	got := parquetRows(t, filepath.Join(pq, "agents.parquet"))
	if len(got) != len(want)-1 {
		t.Fatalf("agents.parquet has %d rows, agents.csv %d", len(got), len(want)-1)
	}
	for r, row := range want[1:] {
		for c, v := range row {
			if got[r][c] != v && !(v == "" && got[r][c] == "") {
				if x, err1 := strconv.ParseFloat(v, 64); err1 != nil || got[r][c] != strconv.FormatFloat(x, 'g', -1, 64) {
					t.Fatalf("row %d, %s: parquet %q, csv %q", r+1, want[0][c], got[r][c], v)
				}
			}
		}
	}
	over := filepath.Join(t.TempDir(), "r")
	if _, stderr, code := connact(t, "run", scen, "--out", over, "--agents", "final"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := lines(over); n != 401 {
		t.Errorf("--agents final over outputs.agents: agents.csv has %d lines, want 401", n)
	}
	bad := filepath.Join(t.TempDir(), "r")
	_, stderr, code := connact(t, "run", scen, "--out", bad, "--set", "steps=3")
	if want := "tiny.yaml:12:23: outputs.agents.steps[1]: \"4\" is beyond the run's length"; code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("steps=3: exit %d, %q; want 2 and %q", code, stderr, want)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a refused scenario wrote the run folder")
	}
	// A sweep writes no snapshots, and says so.
	sw := filepath.Join(t.TempDir(), "sweep.yaml")
	if err := os.WriteFile(sw, []byte(b+"sweep: {parameters: [{path: frames.0.share, values: [0.2, 0.4]}]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = connact(t, "sweep", sw, "--out", filepath.Join(t.TempDir(), "s"))
	if code != 0 || !strings.Contains(stderr, "outputs.agents is written by connact run only") {
		t.Errorf("sweep with outputs.agents: exit %d, %q; want 0 and a note", code, stderr)
	}
}

// parquetRows reads a Parquet file's rows as text: integers and strings as
// written, doubles in Go's shortest form.
func parquetRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, rg := range pf.RowGroups() {
		rows := rg.Rows()
		buf := make([]parquet.Row, 256)
		for {
			n, err := rows.ReadRows(buf)
			for _, r := range buf[:n] {
				rec := make([]string, len(r))
				for i, v := range r {
					switch v.Kind() {
					case parquet.Double:
						rec[i] = strconv.FormatFloat(v.Double(), 'g', -1, 64)
					case parquet.Int64:
						rec[i] = strconv.FormatInt(v.Int64(), 10)
					default:
						rec[i] = string(v.ByteArray())
					}
				}
				out = append(out, rec)
			}
			if err != nil {
				break
			}
		}
		rows.Close()
	}
	return out
}
