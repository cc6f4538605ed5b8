package fit

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// TestArcsineDistance: known values of √(R·Σ(2·asin√p̂ − 2·asin√p)²).
func TestArcsineDistance(t *testing.T) {
	for _, tc := range []struct {
		name      string
		sim, data []float64
		r         int
		want      float64
	}{
		{"equal", []float64{0.01, 0.001}, []float64{0.01, 0.001}, 100, 0},
		// 2·asin(0.1) = 0.2003348423, ×√100.
		{"none of 100 runs, 1% observed", []float64{0}, []float64{0.01}, 100, 2.003348423231196},
		// 2·asin(½) = π/3, ×√4.
		{"a quarter, none observed", []float64{0.25}, []float64{0}, 4, 2 * math.Pi / 3},
		// φ(1) − φ(½) = π − π/2; with the term above: √(4·(π²/4 + π²/9)).
		{"two shares", []float64{1, 0.25}, []float64{0.5, 0}, 4, 2 * math.Sqrt(math.Pi*math.Pi/4+math.Pi*math.Pi/9)},
		{"NA", []float64{math.NaN(), 0.5}, []float64{0.5, 0.5}, 10, math.Inf(1)},
	} {
		if got := arcsineDistance(tc.sim, tc.data, tc.r); math.Abs(got-tc.want) > 1e-12 && got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	// Variance stabilising: a miss of one standard error of a binomial
	// share, √(p(1−p)/R), is about 1 whatever p (for p in
	// [0.05, 0.5], R = 400, within 5%: the delta method is exact only as
	// R grows, and worst near 0 (0.953 at p = 0.05)).
	for _, p := range []float64{0.05, 0.2, 0.5} {
		se := math.Sqrt(p * (1 - p) / 400)
		if got := arcsineDistance([]float64{p + se}, []float64{p}, 400); math.Abs(got-1) > 0.05 {
			t.Errorf("one standard error at p = %v is %v, want about 1", p, got)
		}
	}
}

// TestReadShares: the fraction of each point's runs reaching each
// threshold, NA runs left out, and a point with the wrong number of runs
// refused.
func TestReadShares(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "runs.csv")
	runs := "point,replicate,cumulative_share,peak_share\n" +
		"0,0,0.005,0.001\n0,1,0.01,0.002\n0,2,0.2,0.1\n0,3,0.0,0.0\n" +
		"1,0,0.5,0.3\n1,1,NA,NA\n1,2,0.02,0.01\n1,3,0.1,0.05\n"
	if err := os.WriteFile(path, []byte(runs), 0o644); err != nil {
		t.Fatal(err)
	}
	shares := []scenario.FitShare{{Metric: "cumulative_share", AtLeast: 0.01}, {Metric: "cumulative_share", AtLeast: 0.1}, {Metric: "peak_share", AtLeast: 0.05}}
	got, err := readShares(path, shares, 2, 4)
	if err != nil {
		t.Fatal(err)
	}
	// Point 0: 2 of 4 reach 0.01, 1 of 4 reaches 0.1, 1 of 4 peaks at
	// 0.05. Point 1 (one NA run, 3 left): 3, 2 and 2 of 3.
	want := [][]float64{{0.5, 0.25, 0.25}, {1, 2.0 / 3, 2.0 / 3}}
	for p := range want {
		for k := range want[p] {
			if math.Abs(got[p][k]-want[p][k]) > 1e-15 {
				t.Errorf("point %d, share %d: %v, want %v", p, k, got[p][k], want[p][k])
			}
		}
	}
	if _, err := readShares(path, shares, 2, 5); err == nil || !strings.Contains(err.Error(), "has 4 rows of point 0, not the 5 replicates") {
		t.Errorf("5 replicates: %v", err)
	}
	if _, err := readShares(path, shares, 1, 4); err == nil || !strings.Contains(err.Error(), `a row of point "1"`) {
		t.Errorf("a point past the last: %v", err)
	}
}

// sharesSet turns testdata/small.yaml into a fit by shares of runs: one
// seed, 6 runs a proposal, 12 particles, 2 generations, 4 predictive
// proposals (12·6 + 6·6 + 4·6 = 132 runs of 300 people, 20 steps).
var sharesSet = []string{"fit.data=", "fit.observe.series=", "fit.observe.scale=", "fit.observe.time=", "fit.observe.value=", "fit.distance=",
	"frames.0.seeds=1", "fit.particles=12", "fit.max_generations=2", "fit.predictive=4", "fit.observe.replicates=6",
	"fit.observe.shares=[{metric: cumulative_share, at_least: 0.05, value: 0.3}, {metric: cumulative_share, at_least: 0.5, value: 0.1}]"}

// TestSharesFit: a fit by shares of runs runs R replicates a proposal,
// is byte-identical with 1 and 2 workers and after a stop halfway through
// generation 1 and a resume, and writes the shares' predictive check.
func TestSharesFit(t *testing.T) {
	base := t.TempDir()
	l, err := scenario.LoadWithSet("testdata/small.yaml", sharesSet)
	if err != nil {
		t.Fatal(err)
	}
	stopHalfway(t, l, Options{Dir: filepath.Join(base, "0"), Workers: 2, Formats: []string{"svg"}})
	if _, err := Run(context.Background(), l, Options{Dir: filepath.Join(base, "0"), Workers: 1, Resume: true, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	var reps []*Report
	for _, w := range []int{1, 2} {
		l, err := scenario.LoadWithSet("testdata/small.yaml", sharesSet)
		if err != nil {
			t.Fatal(err)
		}
		if l.Scenario.Fit.Distance != "arcsine" {
			t.Fatalf("distance %q, want arcsine", l.Scenario.Fit.Distance)
		}
		rep, err := Run(context.Background(), l, Options{Dir: filepath.Join(base, string(rune('0'+w))), Workers: w, Formats: []string{"svg"}})
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, rep)
	}
	if rep := reps[0]; rep.Runs != 132 || len(rep.Generations) != 2 || rep.Particles != 6 {
		t.Errorf("%d runs, %d generations, %d particles; want 132, 2 and 6", rep.Runs, len(rep.Generations), rep.Particles)
	}
	for _, f := range []string{PosteriorFile, SummaryFile, GenerationsFile, PredictiveFile, ManifestFile, ScenarioFile, filepath.Join(GenerationDir(1), "runs.csv")} {
		a, err1 := os.ReadFile(filepath.Join(base, "1", f))
		b, err2 := os.ReadFile(filepath.Join(base, "2", f))
		c, err3 := os.ReadFile(filepath.Join(base, "0", f))
		if err1 != nil || err2 != nil || string(a) != string(b) {
			t.Errorf("%s differs between 1 and 2 workers (%v, %v)", f, err1, err2)
		}
		if err3 != nil || string(a) != string(c) {
			t.Errorf("%s differs between the resumed fit and the whole one (%v)", f, err3)
		}
	}
	pred, err := os.ReadFile(filepath.Join(base, "1", PredictiveFile))
	if err != nil || !strings.HasPrefix(string(pred), "statistic,observed,q05,q50,q95\ncumulative_share>=0.05,0.3,") || strings.Count(string(pred), "\n") != 3 {
		t.Errorf("predictive.csv: %v\n%s", err, pred)
	}
}
