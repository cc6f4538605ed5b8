package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const designBase = `name: d
seed: 3
steps: 10
replicates: 1
population: {size: 200}
network: {model: erdos_renyi, mean_degree: 6}
frames: [{name: tag, seeds: 5}]
`

// TestDesignFile: sweep.design replays an external design, one point a
// row: it loads to the same plan, resolved scenario and hash as the same
// points written inline as a zip group, so that a sweep folder does not
// depend on the file; and a single column is a plain parameter.
func TestDesignFile(t *testing.T) {
	dir := t.TempDir()
	csv := "frames.0.share,frames[0].width, population.size\n0.1,0.2,200\n0.3,0.5,400\n# a comment\n0.25,0.35,300\n"
	os.WriteFile(filepath.Join(dir, "design.csv"), []byte(csv), 0o644)
	file, err := Parse("d.yaml", []byte(designBase+"sweep: {design: design.csv}\n"), dir)
	if err != nil {
		t.Fatal(err)
	}
	inline, err := Parse("d.yaml", []byte(designBase+`sweep:
  zip:
    - - {path: frames.0.share, values: [0.1, 0.3, 0.25]}
      - {path: "frames[0].width", values: [0.2, 0.5, 0.35]}
      - {path: population.size, values: [200, 400, 300]}
`), dir)
	if err != nil {
		t.Fatal(err)
	}
	if string(file.Resolved()) != string(inline.Resolved()) || file.Hash() != inline.Hash() {
		t.Errorf("design file resolves to\n%s\nthe inline zip to\n%s", file.Resolved(), inline.Resolved())
	}
	if strings.Contains(string(file.Resolved()), "design") {
		t.Error("the resolved scenario names the design file")
	}
	p, err := file.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if p.Points() != 3 || strings.Join(p.Values(1), " ") != "0.3 0.5 400" {
		t.Errorf("%d points, point 1 %v; want 3 and 0.3 0.5 400", p.Points(), p.Values(1))
	}
	os.WriteFile(filepath.Join(dir, "one.csv"), []byte("frames.0.share\n0.1\n0.2\n"), 0o644)
	one, err := Parse("d.yaml", []byte(designBase+"sweep: {design: one.csv}\n"), dir)
	if err != nil {
		t.Fatal(err)
	}
	if sw := one.Scenario.Sweep; len(sw.Parameters) != 1 || len(sw.Zip) != 0 || len(sw.Parameters[0].Values) != 2 {
		t.Errorf("one column: %+v, want one parameter of 2 values", sw)
	}
}

// TestDesignFileErrors: a design file's mistakes are reported at
// sweep.design with the file's own line, and nothing loads.
func TestDesignFileErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, csv, sweep, want string }{
		{"missing", "", "{design: nowhere.csv}", "nowhere.csv"},
		{"empty", "", "{design: x.csv}", "is empty"},
		{"header only", "frames.0.share\n", "{design: x.csv}", "no point"},
		{"ragged", "frames.0.share,frames.0.width\n0.1,0.2\n0.3\n", "{design: x.csv}", "line 3"},
		{"empty cell", "frames.0.share,frames.0.width\n0.1, \n", "{design: x.csv}", "x.csv:2: no value for frames.0.width"},
		{"unnamed column", "frames.0.share,\n0.1,0.2\n", "{design: x.csv}", "column 2 has no name"},
		{"twice", "frames.0.share,frames.0.share\n0.1,0.2\n", "{design: x.csv}", "given twice"},
		{"with sample", "frames.0.share\n0.1\n", "{design: x.csv, sample: {method: lhs, points: 4}, parameters: [{path: frames.0.width, from: 0.1, to: 0.5}]}", "two designs"},
		{"unknown path", "frames.0.colour\n0.1\n", "{design: x.csv}", "colour"},
		{"bad value", "frames.0.share\n1.5\n", "{design: x.csv}", "share"},
	} {
		if tc.name != "missing" {
			os.WriteFile(filepath.Join(dir, "x.csv"), []byte(tc.csv), 0o644)
		}
		l, err := Parse("d.yaml", []byte(designBase+"sweep: "+tc.sweep+"\n"), dir)
		if err == nil {
			_, err = l.Plan()
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || !IsUserError(err) {
			t.Errorf("%s: %v; want a user error naming %q", tc.name, err, tc.want)
		}
	}
}
