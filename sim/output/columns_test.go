package output

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/connact/connact/sim/observable"
	"github.com/connact/connact/sim/scenario"
)

// TestOutputColumns checks that the scenario's list of the columns that
// names make (scenario.OutputColumns, which refuses clashing names at load)
// is the list of columns that timeseries.csv and summary.csv are written
// with, so that the check and the tables cannot drift apart.
func TestOutputColumns(t *testing.T) {
	for _, tc := range []struct{ orgs, frames []string }{
		{nil, nil},
		{[]string{"union"}, nil},
		{[]string{"union", "party"}, []string{"tag", "hashtag"}},
		{nil, []string{"tag"}},
	} {
		mechs := append(slices.Clone(tc.orgs), tc.frames...)
		written := map[string][]string{
			TimeseriesFile: append([]string{"condition", "replicate", "seed", "step"}, FieldNames(SeriesFields(observable.SeriesOf(mechs, tc.orgs)))...),
			SummaryFile:    append([]string{"condition", "replicate", "seed"}, FieldNames(MetricFields(observable.MetricsOf(tc.orgs)))...),
		}
		tabs := scenario.OutputColumns(mechs, tc.orgs)
		if len(tabs) != len(written) {
			t.Errorf("%v %v: scenario lists %d tables, output writes %d", tc.orgs, tc.frames, len(tabs), len(written))
		}
		for _, tab := range tabs {
			var names []string
			for _, c := range tab.Columns {
				names = append(names, c.Name)
			}
			if !slices.Equal(names, written[tab.File]) {
				t.Errorf("%v %v: %s\nscenario.OutputColumns %v\nwritten               %v", tc.orgs, tc.frames, tab.File, names, written[tab.File])
			}
		}
	}
}

// TestTempDirMode: a run or merge folder is as readable as the folder
// os.Mkdir makes with 0755 under the same umask (a sweep folder's mode),
// not 0700 as os.MkdirTemp makes.
func TestTempDirMode(t *testing.T) {
	base := t.TempDir()
	ref := filepath.Join(base, "ref")
	if err := os.Mkdir(ref, 0o755); err != nil {
		t.Fatal(err)
	}
	want, _ := os.Stat(ref)
	td, err := NewTempDir(filepath.Join(base, "run"))
	if err != nil {
		t.Fatal(err)
	}
	defer td.Remove()
	got, err := os.Stat(td.Path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Mode().Perm() != want.Mode().Perm() || got.Mode().Perm()&0o700 != 0o700 {
		t.Errorf("temporary folder mode %v, want %v (0755 less the umask)", got.Mode().Perm(), want.Mode().Perm())
	}
	if !leftoverName.MatchString(filepath.Base(td.Path)) {
		t.Errorf("temporary folder %s is not a name the leftover cleaner knows", filepath.Base(td.Path))
	}
}
