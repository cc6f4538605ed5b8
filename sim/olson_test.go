package sim_test

import (
	"context"
	"github.com/connact/connact/sim/runner"
	"math"
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// sweepMetric runs a shipped sweep and returns, per point, the values of one
// per-run metric across replicates.
func sweepMetric(t *testing.T, file string, metric func(*runner.Result) float64) [][]float64 {
	t.Helper()
	l, err := scenario.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewSweepStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]float64, st.Plan.Points())
	err = st.RunAll(context.Background(), 2, func(r *runner.Result) error {
		out[r.Point] = append(out[r.Point], metric(r))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestClassicOlsonGroupSize: in unorganised collective action without
// selective incentives and with costs growing as √N, the share
// contributing falls with group size (Olson 1965). Every step up in size
// must lower the mean, and the smallest and largest groups' 95% CIs must be
// far apart (30 replicates per size).
func TestClassicOlsonGroupSize(t *testing.T) {
	pts := sweepMetric(t, "../scenarios/classics/olson-group-size.yaml", func(r *runner.Result) float64 { return r.Metrics.FinalShare })
	var prev runner.Summary
	for i, xs := range pts {
		s := runner.Summarise(xs, nil)
		t.Logf("point %d: final share %.3f [%.3f, %.3f]", i, s.Mean, s.Lo, s.Hi)
		if i > 0 && !(s.Mean < prev.Mean) {
			t.Errorf("point %d: share %.3f did not fall below %.3f", i, s.Mean, prev.Mean)
		}
		prev = s
	}
	first, last := runner.Summarise(pts[0], nil), runner.Summarise(pts[len(pts)-1], nil)
	if !(last.Hi < first.Mean/10) {
		t.Errorf("largest group %.3f [%.3f, %.3f] is not an order of magnitude below the smallest %.3f", last.Mean, last.Lo, last.Hi, first.Mean)
	}
}

// wilson is the Wilson score 95% interval of k successes in n trials, which
// unlike the normal interval is honest at 0 and n (Wilson 1927).
func wilson(k, n int) (lo, hi float64) {
	const z = 1.959963984540054
	p := float64(k) / float64(n)
	d := 1 + z*z/float64(n)
	c := (p + z*z/(2*float64(n))) / d
	h := z * math.Sqrt(p*(1-p)/float64(n)+z*z/(4*float64(n)*float64(n))) / d
	return c - h, c + h
}

// TestClassicOliverMarwell: with heterogeneous interests and resources and
// jointly supplied goods, larger groups reach a critical mass more often
// (Oliver & Marwell 1988). The share of runs that tip rises from the small
// groups (≤ 100 people) to the largest (1,600), with Wilson 95% intervals
// that do not overlap (40 replicates per size), and never falls by more than
// sampling noise between neighbouring sizes.
func TestClassicOliverMarwell(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 280 simulations on complete graphs of up to 1,600 people")
	}
	pts := sweepMetric(t, "../scenarios/classics/oliver-marwell-critical-mass.yaml", func(r *runner.Result) float64 {
		if r.Metrics.Cascade {
			return 1
		}
		return 0
	})
	count := func(xs []float64) int {
		k := 0
		for _, x := range xs {
			k += int(x)
		}
		return k
	}
	small, n := 0, 0
	for _, xs := range pts[:3] { // 25, 50 and 100 people
		small += count(xs)
		n += len(xs)
	}
	large := count(pts[len(pts)-1])
	slo, shi := wilson(small, n)
	llo, lhi := wilson(large, len(pts[len(pts)-1]))
	t.Logf("groups ≤ 100: %d of %d tipped [%.3f, %.3f]; 1,600: %d of %d [%.3f, %.3f]", small, n, slo, shi, large, len(pts[len(pts)-1]), llo, lhi)
	if !(shi < llo) {
		t.Errorf("larger groups do not tip more often: small [%.3f, %.3f], large [%.3f, %.3f]", slo, shi, llo, lhi)
	}
	for i := 1; i < len(pts); i++ {
		a, b := count(pts[i-1]), count(pts[i])
		if _, hi := wilson(b, len(pts[i])); hi < float64(a)/float64(len(pts[i-1])) {
			t.Errorf("point %d: %d tipped, clearly fewer than the %d of the smaller group", i, b, a)
		}
	}
}
