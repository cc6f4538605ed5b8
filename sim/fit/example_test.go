package fit_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/connact/connact/sim/fit"
	"github.com/connact/connact/sim/scenario"
)

// Fit a connective frame's share probability and attention half-life to a
// synthetic petition curve (testdata/small-signatures.csv, made by connact
// at share 0.2 and half-life 3), and read the posterior's summary. The
// half-life's interval holds the truth; the share's misses it just below
// its lower end, as a 90% interval does about one time in ten. One curve
// of 300 people says little about the half-life.
func ExampleRun() {
	l, err := scenario.LoadWithSet("testdata/small.yaml", []string{"fit.predictive=0", "fit.particles=100", "fit.max_generations=6"})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "fit-example")
	defer os.RemoveAll(dir)
	rep, err := fit.Run(context.Background(), l, fit.Options{Dir: filepath.Join(dir, "fit"), Workers: 2, Formats: []string{}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range rep.Generations {
		fmt.Printf("generation %d: %d proposals, %d kept\n", g.Index, g.Proposals, g.Accepted)
	}
	for _, s := range rep.Summary {
		fmt.Printf("%s: 90%% credible interval [%.3f, %.3f], truth %g\n", s.Name, s.Q05, s.Q95, s.Truth)
	}
	// Output:
	// generation 0: 100 proposals, 50 kept
	// generation 1: 50 proposals, 21 kept
	// generation 2: 50 proposals, 17 kept
	// generation 3: 50 proposals, 10 kept
	// generation 4: 50 proposals, 14 kept
	// generation 5: 50 proposals, 14 kept
	// frames_0_share: 90% credible interval [0.203, 0.471], truth 0.2
	// frames_0_half_life: 90% credible interval [1.651, 10.740], truth 3
}
