package output

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connact/connact/sim/observable"
)

// TestDataPackage reads every CSV file of a run folder and checks that
// datapackage.json describes every column of every file, in order, with a
// type its values have and a description; then spoils a copy of the folder
// in each way CheckDataPackage must notice (the check cannot pass blindly).
func TestDataPackage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "small")
	writeRun(t, dir, 2)
	if err := CheckDataPackage(dir); err != nil {
		t.Fatal(err)
	}
	var pkg DataPackage
	b, _ := os.ReadFile(filepath.Join(dir, DataPackageFile))
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	units := map[string]string{}
	for _, r := range pkg.Resources {
		if r.Path == SummaryFile {
			for _, f := range r.Schema.Fields {
				units[f.Name] = f.Unit
			}
		}
	}
	for name, want := range map[string]string{"peak_step": observable.UnitSteps, "half_life": observable.UnitSteps, "final_share": observable.UnitShareAlive, "cascade": observable.UnitRuns} {
		if units[name] != want {
			t.Errorf("summary.csv column %s has unit %q, want %q", name, units[name], want)
		}
	}
	for _, tc := range []struct {
		name  string
		spoil func(dir string)
		want  string
	}{
		{"header renamed", func(d string) { edit(t, d, SummaryFile, "peak_share", "peak") }, "header"},
		{"integer column holds a fraction", func(d string) { edit(t, d, SummaryFile, "\ncollective,0,", "\ncollective,0.5,") }, "not a Table Schema integer"},
		{"number column holds text", func(d string) { editLine(t, d, TimeseriesFile, 1, ",", ",x", -1) }, "not a Table Schema"},
		{"CSV file not described", func(d string) { os.WriteFile(filepath.Join(d, "extra.csv"), []byte("a\n1\n"), 0o644) }, "extra.csv is not described"},
		{"field without description", func(d string) {
			edit(t, d, DataPackageFile, `"description": "agents present (not removed) at the step"`, `"description": ""`)
		}, "no description"},
		{"unknown type", func(d string) { edit(t, d, DataPackageFile, `"type": "string"`, `"type": "text"`) }, "not integer, number or string"},
		{"described file missing", func(d string) { os.Remove(filepath.Join(d, GroupsFile)) }, GroupsFile},
		{"not JSON", func(d string) { os.WriteFile(filepath.Join(d, DataPackageFile), []byte("{"), 0o644) }, DataPackageFile},
	} {
		d := filepath.Join(t.TempDir(), "copy")
		os.CopyFS(d, os.DirFS(dir))
		tc.spoil(d)
		if err := CheckDataPackage(d); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error naming %q", tc.name, err, tc.want)
		}
	}
}

// edit replaces the first old in dir/name with new, failing if it is absent.
func edit(t *testing.T, dir, name, old, new string) {
	t.Helper()
	p := filepath.Join(dir, name)
	b, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q (%v)", p, old, err)
	}
	os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
}

// editLine replaces old with new n times in line k (0 = the header) of dir/name.
func editLine(t *testing.T, dir, name string, k int, old, new string, n int) {
	t.Helper()
	p := filepath.Join(dir, name)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	lines[k] = strings.Replace(lines[k], old, new, n)
	os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
}
