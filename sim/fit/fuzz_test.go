package fit

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// FuzzReadData: no data file makes ReadData panic or hang, every mistake
// is a scenario mistake (exit 2 on the command line), and what it accepts
// is finite, on whole steps in 0..steps, each step once.
func FuzzReadData(f *testing.F) {
	for _, seed := range []string{
		"day,signatures\n0,5\n1,10\n",
		"# comment\nday,signatures\n20,238\n",
		"signatures,day\n5,0\n",
		"day,signatures\n0.5,5\n",
		"day,signatures\n1,5\n1,6\n",
		"day,signatures\n1,\"5\n",
		"\ufeffday,signatures\r\n3,4\r\n",
		"day,x,signatures\n1,5\n",
		"",
	} {
		f.Add(seed)
	}
	l, err := scenario.Load("testdata/small.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "small-signatures.csv"), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		c := *l
		c.Dir = dir
		d, err := ReadData(&c)
		if err != nil {
			if !scenario.IsUserError(err) {
				t.Fatalf("not a user error: %v", err)
			}
			return
		}
		seen := map[int]bool{}
		for k, v := range d.Values {
			s := d.Steps[k]
			if math.IsNaN(v) || math.IsInf(v, 0) || s < 0 || s > l.Scenario.Steps || seen[s] {
				t.Fatalf("accepted value %v at step %d", v, s)
			}
			seen[s] = true
		}
	})
}
