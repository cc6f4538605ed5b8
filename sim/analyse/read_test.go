package analyse

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// base is a scenario for designs that the tests build but never run.
const base = `name: synthetic
seed: 3
steps: 10
replicates: 2
population: {size: 100}
network: {model: erdos_renyi, mean_degree: 4}
frames:
  - {name: tag, seeds: 5, share: 0.3, width: 0.4}
`

// plan parses base with the sweep section given.
func plan(t *testing.T, sweepYAML string) (*scenario.Loaded, *scenario.Plan) {
	t.Helper()
	l, err := scenario.Parse("s.yaml", []byte(base+sweepYAML), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p, err := l.Plan()
	if err != nil {
		t.Fatal(err)
	}
	return l, p
}

// runsCSV writes a runs.csv for the design p, one condition (default),
// with metrics a and b of replicate r at point i given by val, and returns
// its path and layout.
func runsCSV(t *testing.T, p *scenario.Plan, val func(i, r int) (a, b string)) (string, layout) {
	t.Helper()
	var sb strings.Builder
	sb.WriteString("point,condition," + strings.Join(p.Names, ",") + ",replicate,seed,a,b\n")
	cond := p.ConditionNames()[0]
	for i := range p.Points() {
		for r := range p.Replicates {
			a, b := val(i, r)
			fmt.Fprintf(&sb, "%d,%s,%s,%d,%d,%s,%s\n", i, cond, strings.Join(p.Values(i), ","), r, 1000+i*10+r, a, b)
		}
	}
	path := filepath.Join(t.TempDir(), "runs.csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	lay := layout{params: p.Names, conditions: p.ConditionNames(), points: p.Points(), replicates: p.Replicates, values: p.Values}
	designPairs(&lay, p)
	return path, lay
}

func noCheck(string, int64) error { return nil }

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*max(1, math.Abs(b)) }

// TestReadRuns reads a runs.csv of a sobol design (N = 2, k = 1: points
// A_0, A_1, B_0, B_1, A_B_0, A_B_1) with 3 replicates, whose metric a is
// NA in some runs, and checks the means, the noise and the paired noise
// against sums done by hand.
func TestReadRuns(t *testing.T) {
	_, p := plan(t, "sweep:\n  replicates: 3\n  sample: {method: sobol, points: 2}\n  parameters:\n    - {path: frames.0.share, from: 0, to: 1}\n")
	if p.Points() != 6 || p.Design() != "sobol" {
		t.Fatalf("%d points, design %s", p.Points(), p.Design())
	}
	a := [][]float64{ // a[point][replicate]
		{1, 2, 3},
		{4, math.NaN(), 6},
		{math.NaN(), math.NaN(), math.NaN()},
		{2, 2, 2},
		{2, 4, 9},
		{5, 7, 6},
	}
	path, lay := runsCSV(t, p, func(i, r int) (string, string) {
		v := "NA"
		if !math.IsNaN(a[i][r]) {
			v = fmt.Sprint(a[i][r])
		}
		return v, "7"
	})
	res, err := readRunsFile(path, lay, noCheck)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.metrics, ",") != "a,b" {
		t.Fatalf("metrics %v", res.metrics)
	}
	wantMeans := []float64{2, 5, math.NaN(), 2, 5, 6}
	for i, w := range wantMeans {
		if got := res.means[0][0][i]; !(near(got, w) || math.IsNaN(w) && math.IsNaN(got)) {
			t.Errorf("mean of a at point %d: %v, want %v", i, got, w)
		}
	}
	nz := res.noise[0][0]
	// Squared deviations: 2, 2, 0, 26, 2 over 2+1+2+2+2 degrees of
	// freedom; 1/n over the five points with a value.
	if nz.Runs != 14 || !near(nz.Within, 32.0/9) || !near(nz.InvReplicates, (1.0/3*4+0.5)/5) {
		t.Errorf("noise %+v", nz)
	}
	// The complete points 0, 3, 4, 5 in a points × replicates layout:
	// rows 1 2 3 / 2 2 2 / 2 4 9 / 5 7 6.
	if nz.Complete != 4 || !near(nz.MeansVar, variance([]float64{2, 2, 5, 6})) || !near(nz.Residual, twoWayResidual([][]float64{a[0], a[3], a[4], a[5]})) {
		t.Errorf("two-way layout: %+v", nz)
	}
	// A_B^0 row 0 (point 4) pairs with A row 0 (point 0): differences
	// 1, 2, 6; row 1 (point 5) with point 1: differences 1 and 0, the
	// second replicate NA.
	pair := res.pairs[0][0][0]
	if !near(pair[0], variance([]float64{1, 2, 6})/3) || !near(pair[1], variance([]float64{1, 0})/2) {
		t.Errorf("paired noise %v", pair)
	}
	if b := res.noise[1][0]; b.Within != 0 || b.Residual != 0 || b.MeansVar != 0 {
		t.Errorf("constant metric b: noise %+v", b)
	}
}

// twoWayResidual is the residual mean square of rows × columns without
// replication, from the fitted effects.
func twoWayResidual(y [][]float64) float64 {
	p, r := len(y), len(y[0])
	rowMean, colMean := make([]float64, p), make([]float64, r)
	var all float64
	for i, row := range y {
		for j, v := range row {
			rowMean[i] += v / float64(r)
			colMean[j] += v / float64(p)
			all += v / float64(p*r)
		}
	}
	var ss float64
	for i, row := range y {
		for j, v := range row {
			e := v - rowMean[i] - colMean[j] + all
			ss += e * e
		}
	}
	return ss / float64((p-1)*(r-1))
}

// TestReadRunsMorrisPairs: a morris design pairs each step's two points.
// Replicate r of point q has r·(q+1)², so the runs of the step from q to
// q+1 differ by r·(2q+3): variance (2q+3)²/2 over the two replicates, and
// (2q+3)²/4 in the difference of the means.
func TestReadRunsMorrisPairs(t *testing.T) {
	_, p := plan(t, "sweep:\n  sample: {method: morris, points: 2}\n  parameters:\n    - {path: frames.0.share, from: 0, to: 1}\n    - {path: frames.0.width, from: 0.1, to: 0.9}\n")
	path, lay := runsCSV(t, p, func(i, r int) (string, string) { return fmt.Sprint(r * (i + 1) * (i + 1)), "0" })
	res, err := readRunsFile(path, lay, noCheck)
	if err != nil {
		t.Fatal(err)
	}
	d := p.Morris()
	for tr := range d.R {
		for j := range d.K {
			q := float64(tr*(d.K+1) + j) // the step from q to q+1
			if got, want := res.pairs[0][0][d.Factor[tr*d.K+j]][tr], (2*q+3)*(2*q+3)/4; !near(got, want) {
				t.Errorf("trajectory %d step %d: paired noise %v, want %v", tr, j, got, want)
			}
		}
	}
}

// TestReadRunsErrors: what is wrong in runs.csv is named with its file,
// line and column.
func TestReadRunsErrors(t *testing.T) {
	_, p := plan(t, "sweep:\n  parameters:\n    - {path: frames.0.share, values: [0.1, 0.2]}\n")
	good, lay := runsCSV(t, p, func(i, r int) (string, string) { return "1", "2" })
	b, _ := os.ReadFile(good)
	text := string(b)
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"order", "0,default,0.1,1,", "0,default,0.1,7,", ":3: run of point 0, condition default, replicate 7 where the sweep's run order has point 0, condition default, replicate 1"},
		{"value", "1,default,0.2,0,", "1,default,0.25,0,", ":4: column 3 (frames_0_share) holds 0.25, but point 1 of the design has 0.2"},
		{"number", "1,default,0.2,1,1011,1,2", "1,default,0.2,1,1011,x,2", `:5: column 6 (a): "x" is not a number`},
		{"column", "frames_0_share", "share", ":1: no column frames_0_share"},
		{"short", "1,default,0.2,1,1011,1,2\n", "", "has 3 runs, but the sweep has 4"},
		{"long", "1,default,0.2,1,1011,1,2\n", "1,default,0.2,1,1011,1,2\n1,default,0.2,2,1012,1,2\n", ":6: more runs than the sweep's 4"},
		{"fields", "1,default,0.2,1,1011,1,2", "1,default,0.2,1,1011,1", "wrong number of fields"},
	} {
		if !strings.Contains(text, tc.old) {
			t.Fatalf("%s: no %q in %s", tc.name, tc.old, text)
		}
		path := filepath.Join(t.TempDir(), "runs.csv")
		os.WriteFile(path, []byte(strings.Replace(text, tc.old, tc.new, 1)), 0o644)
		_, err := readRunsFile(path, lay, noCheck)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), path) {
			t.Errorf("%s: %v, want an error naming %s with %q", tc.name, err, path, tc.want)
		}
	}
	if _, err := readRunsFile(good, lay, func(string, int64) error { return fmt.Errorf("checked") }); err == nil || err.Error() != "checked" {
		t.Errorf("the check of the digest: %v", err)
	}
}

// synthetic is a sweep of the design of sweepYAML whose metric y is f of
// the parameters' values at each point, without noise.
func synthetic(t *testing.T, sweepYAML string, f func(x []float64) float64) *Sweep {
	t.Helper()
	l, p := plan(t, sweepYAML)
	s := &Sweep{Dir: "synthetic", Metrics: []string{"y"}}
	s.setPlan(l, p)
	y := make([]float64, p.Points())
	for i := range y {
		y[i] = f(s.X[i])
	}
	s.Means = [][][]float64{{y}}
	s.Noise = [][]Noise{{{Within: 0, InvReplicates: 0.5, Residual: 0, MeansVar: variance(y), Complete: len(y), Runs: 2 * len(y)}}}
	return s
}

// TestSyntheticSobol: for y = 3·x1 + x2 + 0·x3 with x uniform on [0, 1],
// V_i = a_i²/12, so S1 = ST = 0.9, 0.1, 0 (Saltelli et al. 2010, §2); with
// N = 512 the estimates are within 0.05, their intervals cover them, and
// an NA at one point drops its base row, which n and the note report.
func TestSyntheticSobol(t *testing.T) {
	const sw = "sweep:\n  sample: {method: sobol, points: 512}\n  parameters:\n    - {path: frames.0.share, from: 0, to: 1}\n    - {path: frames.0.cost, from: 0, to: 1}\n    - {path: frames.0.width, from: 0.1, to: 0.9}\n"
	s := synthetic(t, sw, func(x []float64) float64 { return 3*x[0] + x[1] })
	s.Means[0][0][2*512+7] = math.NaN() // A_B^0, row 7
	rows, err := s.Indices(nil, 500, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"frames_0_share": 0.9, "frames_0_cost": 0.1, "frames_0_width": 0}
	for p, w := range want {
		for _, st := range []string{StatS1, StatST} {
			r := find(t, rows, "y", st, p)
			if math.Abs(r.Estimate-w) > 0.05 || !covers(r, w) || r.N != 511 || r.Note != "1 of 512 base rows left out: NA at one of their points" {
				t.Errorf("%s of %s: %v [%v, %v], n %d, %q; want %v", st, p, r.Estimate, r.Lo, r.Hi, r.N, r.Note, w)
			}
		}
	}
	if r := find(t, rows, "y", StatSTNoise, "frames_0_share"); !isNA(r) {
		t.Errorf("ST_noise without replicates: %+v", r)
	}
	if r := find(t, rows, "y", StatPRCC, "frames_0_share"); r.N != 5*512-1 || !strings.Contains(r.Note, "1 of 2560 points left out") {
		t.Errorf("PRCC: n %d, note %q", r.N, r.Note)
	}
}

// TestSyntheticMorris: for y = 2·x1 − x2 on [0, 1] and [0.1, 0.9], every
// elementary effect per whole range is the slope times the range: μ* =
// 2, 0.8, 0; μ = 2, −0.8, 0; σ = 0.
func TestSyntheticMorris(t *testing.T) {
	const sw = "sweep:\n  sample: {method: morris, points: 10}\n  parameters:\n    - {path: frames.0.share, from: 0, to: 1}\n    - {path: frames.0.width, from: 0.1, to: 0.9}\n    - {path: frames.0.cost, from: 0, to: 1}\n"
	s := synthetic(t, sw, func(x []float64) float64 { return 2*x[0] - x[1] })
	rows, err := s.Indices(nil, 100, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	for p, w := range map[string][3]float64{"frames_0_share": {2, 2, 0}, "frames_0_width": {0.8, -0.8, 0}, "frames_0_cost": {0, 0, 0}} {
		for k, st := range []string{StatMuStar, StatMu, StatSigma} {
			if r := find(t, rows, "y", st, p); math.Abs(r.Estimate-w[k]) > 1e-9 || r.N != 10 {
				t.Errorf("%s of %s: %v over %d, want %v over 10", st, p, r.Estimate, r.N, w[k])
			}
		}
	}
}

// TestConstantMetric: a metric with one mean at every point, or none, has
// NA indices with a note, and no chart.
func TestConstantMetric(t *testing.T) {
	const sw = "sweep:\n  sample: {method: sobol, points: 8}\n  parameters:\n    - {path: frames.0.share, from: 0, to: 1}\n"
	for _, tc := range []struct {
		v    float64
		want string
	}{{4, "every point has the same mean (4)"}, {math.NaN(), "no value at any point"}} {
		s := synthetic(t, sw, func([]float64) float64 { return tc.v })
		rows, err := s.Indices(nil, 10, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.Method != "replicates" && !(isNA(r) && strings.Contains(r.Note, tc.want)) {
				t.Errorf("y = %v: %s %s: %v, %q; want NA with %q", tc.v, r.Statistic, r.Parameter, r.Estimate, r.Note, tc.want)
			}
		}
	}
}

// TestRankDesigns: PRCC on grid designs leaves out, with a note, a
// parameter zipped with another (their ranks move together) and one whose
// values are distributions; on a random design it gives the signs of a
// monotone model.
func TestRankDesigns(t *testing.T) {
	zip := "sweep:\n  parameters:\n    - {path: frames.0.share, values: [0.1, 0.2, 0.3]}\n    - {path: population.threshold, values: [0.1, {dist: uniform, min: 0, max: 0.5}]}\n" +
		"  zip:\n    - - {path: frames.0.width, values: [0.2, 0.5, 0.8]}\n      - {path: frames.0.cost, values: [0.3, 0.2, 0.1]}\n"
	s := synthetic(t, zip, func(x []float64) float64 { return x[0] + x[2] })
	rows, err := s.Indices(nil, 10, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	if r := find(t, rows, "y", StatPRCC, "population_threshold"); !isNA(r) || !strings.Contains(r.Note, "not numbers") {
		t.Errorf("a distribution-valued parameter: %v, %q", r.Estimate, r.Note)
	}
	if r := find(t, rows, "y", StatPRCC, "frames_0_cost"); !isNA(r) || !strings.Contains(r.Note, "in step with frames_0_width") {
		t.Errorf("a zipped parameter: %v, %q", r.Estimate, r.Note)
	}
	if r := find(t, rows, "y", StatPRCC, "frames_0_share"); !(r.Estimate > 0.99) {
		t.Errorf("PRCC of share: %v", r.Estimate)
	}

	random := "sweep:\n  sample: {method: random, points: 60}\n  parameters:\n    - {path: frames.0.share, from: 0, to: 1}\n    - {path: frames.0.width, from: 0.1, to: 0.9}\n    - {path: frames.0.cost, from: 0, to: 1}\n"
	s = synthetic(t, random, func(x []float64) float64 { return math.Exp(x[0]) - 3*x[1]*x[1] + 0.1*math.Sin(40*x[2]) })
	rows, err = s.Indices(nil, 10, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	if r := find(t, rows, "y", StatPRCC, "frames_0_share"); !(r.Lo > 0) {
		t.Errorf("PRCC of an increasing effect: %v [%v, %v]", r.Estimate, r.Lo, r.Hi)
	}
	if r := find(t, rows, "y", StatPRCC, "frames_0_width"); !(r.Hi < 0) {
		t.Errorf("PRCC of a decreasing effect: %v [%v, %v]", r.Estimate, r.Lo, r.Hi)
	}
	if r := find(t, rows, "y", StatSRRCR2, ""); !(r.Estimate > 0.7 && r.Estimate <= 1) {
		t.Errorf("SRRC r² of a nearly monotone model: %v", r.Estimate)
	}
}

// TestIndicesOptions: unknown metrics and bad options are errors.
func TestIndicesOptions(t *testing.T) {
	s := synthetic(t, "sweep:\n  sample: {method: lhs, points: 8}\n  parameters:\n    - {path: frames.0.share, from: 0, to: 1}\n", func(x []float64) float64 { return x[0] })
	for _, tc := range []struct {
		metrics   []string
		resamples int
		level     float64
		want      string
	}{
		{[]string{"z"}, 10, 0.9, `no metric "z" (it has y)`},
		{nil, 0, 0.9, "0 bootstrap resamples"},
		{nil, 10, 1, "confidence level 1"},
	} {
		var oe *OptionError
		if _, err := s.Indices(tc.metrics, tc.resamples, tc.level); !errors.As(err, &oe) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v %d %v: %v, want %q", tc.metrics, tc.resamples, tc.level, err, tc.want)
		}
	}
	var oe *OptionError
	if _, err := Analyse(t.TempDir(), Options{Formats: []string{"gif"}}); !errors.As(err, &oe) || !strings.Contains(err.Error(), `unknown chart format "gif"`) {
		t.Errorf("format gif: %v", err)
	}
}
