package network

import (
	"math"
	"testing"
	"time"
)

// TestPowerLawConfiguration checks the degree tail against the drawn law,
// the mean degree against ExpectedPowerLawDegree, and that the core numbers
// spread over several shells, which Barabási–Albert graphs lack (every node
// there has core number m).
func TestPowerLawConfiguration(t *testing.T) {
	const n = 100000
	for _, tc := range []struct {
		kMin   int
		gamma  float64
		shells int // the fewest distinct core numbers expected (γ ≥ 3 has few)
	}{{1, 2.5, 6}, {2, 2.5, 6}, {3, 2.2, 20}, {2, 3, 2}} {
		g, err := PowerLawConfiguration(n, tc.kMin, tc.gamma, newRand(uint64(tc.kMin)))
		if err != nil {
			t.Fatal(err)
		}
		checkSimple(t, "config", g)
		// Tail: P(K ≥ x) ≈ ((x - ½)/(kMin - ½))^-(γ-1), at x = 4·kMin and
		// 16·kMin where the expected count is ≥ 200, so that a relative
		// tolerance of 25% is over 3.5 Poisson standard deviations (counts
		// of a shared tail are correlated, hence the margin); erasure lowers
		// the largest hubs' degrees, which these moderate degrees hardly
		// feel (observed within 7%).
		for _, mult := range []int{4, 16} {
			x := mult * tc.kMin
			want := float64(n) * math.Pow((float64(x)-0.5)/(float64(tc.kMin)-0.5), -(tc.gamma-1))
			if want < 200 {
				continue
			}
			got := 0
			for i := range int32(n) {
				if g.Degree(i) >= x {
					got++
				}
			}
			t.Logf("kMin=%d γ=%g: #{K ≥ %d} = %d, drawn law %.0f", tc.kMin, tc.gamma, x, got, want)
			if math.Abs(float64(got)-want) > 0.25*want {
				t.Errorf("kMin=%d γ=%g: #{K ≥ %d} = %d, want %.0f ± 25%%", tc.kMin, tc.gamma, x, got, want)
			}
		}
		// The mean: erasure only removes edges, and the drawn mean of a
		// heavy tail has a large variance (γ < 3: one hub of 18,698 ties
		// adds 0.19 to it), so an upper bound with 10% slack and a lower
		// bound at 70% of the law's mean.
		st := ComputeStats(g, nil)
		est := ExpectedPowerLawDegree(n, tc.kMin, tc.gamma)
		t.Logf("kMin=%d γ=%g: mean degree %.3f (estimate before erasure %.3f), max %d", tc.kMin, tc.gamma, st.MeanDegree, est, st.MaxDegree)
		if st.MeanDegree > 1.1*est || st.MeanDegree < 0.7*est {
			t.Errorf("kMin=%d γ=%g: mean degree %.3f, estimate %.3f", tc.kMin, tc.gamma, st.MeanDegree, est)
		}
		if st.MinDegree > tc.kMin {
			t.Errorf("kMin=%d: min degree %d", tc.kMin, st.MinDegree)
		}
		// Core numbers spread over shells (observed: 11, 11, 72 and 3
		// shells), which a BA graph never has; γ = 3 has few.
		core := CoreNumbers(g)
		shells := map[int32]int{}
		maxCore := int32(0)
		for _, c := range core {
			shells[c]++
			maxCore = max(maxCore, c)
		}
		t.Logf("kMin=%d γ=%g: %d shells, max core %d, shell sizes %v", tc.kMin, tc.gamma, len(shells), maxCore, shells)
		if len(shells) < tc.shells {
			t.Errorf("kMin=%d γ=%g: %d shells (max core %d), want ≥ %d", tc.kMin, tc.gamma, len(shells), maxCore, tc.shells)
		}
	}
}

// TestPowerLawConfigurationLarge builds 10^6 nodes once, to show that the
// cost is linear: it is not a benchmark, only a guard against a quadratic
// step (which would take minutes), with a bound loose enough for a loaded
// machine.
func TestPowerLawConfigurationLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a graph of 10^6 nodes")
	}
	start := time.Now()
	g, err := PowerLawConfiguration(1_000_000, 2, 2.5, newRand(1))
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	t.Logf("10^6 nodes, %d edges in %v", g.Edges(), el)
	if el > 20*time.Second {
		t.Errorf("10^6 nodes took %v", el)
	}
	if g.N() != 1_000_000 || g.Edges() < 2_000_000 {
		t.Errorf("N=%d E=%d", g.N(), g.Edges())
	}
}

// TestExpectedPowerLawDegree checks the mean against a direct sum over
// the law, on a size where the sum is exact and on one where its tail is
// an integral, and against the continuous limit (kMin - ½)(γ-1)/(γ-2),
// which it approaches for large kMin.
func TestExpectedPowerLawDegree(t *testing.T) {
	direct := func(n, kMin int, gamma float64) float64 {
		a := float64(kMin) - 0.5
		S := func(y float64) float64 { return math.Pow(y/a, 1-gamma) }
		z, m := 1-S(float64(n)-0.5), 0.0
		for k := kMin; k < n; k++ {
			m += float64(k) * (S(float64(k)-0.5) - S(float64(k)+0.5)) / z
		}
		return m
	}
	for _, tc := range []struct {
		n, kMin int
		gamma   float64
	}{{10, 2, 2.5}, {3000, 1, 2.5}, {3000, 3, 2.2}, {2_000_000, 2, 2.5}} {
		got, want := ExpectedPowerLawDegree(tc.n, tc.kMin, tc.gamma), direct(tc.n, tc.kMin, tc.gamma)
		if math.Abs(got-want) > 1e-4*want {
			t.Errorf("n=%d kMin=%d γ=%g: %v, direct sum %v", tc.n, tc.kMin, tc.gamma, got, want)
		}
	}
	if got, want := ExpectedPowerLawDegree(1<<30, 50, 3), 49.5*2.0; math.Abs(got-want) > 0.01*want {
		t.Errorf("n→∞, kMin 50, γ 3: %v, continuous limit %v", got, want)
	}
}
