package network

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// generatorCase is one generator call for the shared invariant tests.
type generatorCase struct {
	name string
	gen  func(rnd *rand.Rand) (*Graph, error)
	n    int
}

func allGenerators() []generatorCase {
	groups := make([]int32, 3000)
	for i := range groups {
		groups[i] = int32(i % 3)
	}
	return []generatorCase{
		{"GNP", func(r *rand.Rand) (*Graph, error) { return ErdosRenyiGNP(3000, 0.003, r) }, 3000},
		{"GNP dense", func(r *rand.Rand) (*Graph, error) { return ErdosRenyiGNP(200, 0.7, r) }, 200},
		{"GNP p=1", func(r *rand.Rand) (*Graph, error) { return ErdosRenyiGNP(50, 1, r) }, 50},
		{"GNM", func(r *rand.Rand) (*Graph, error) { return ErdosRenyiGNM(3000, 4500, r) }, 3000},
		{"GNM dense", func(r *rand.Rand) (*Graph, error) { return ErdosRenyiGNM(100, 4900, r) }, 100},
		{"WS beta=0.1", func(r *rand.Rand) (*Graph, error) { return WattsStrogatz(3000, 6, 0.1, r) }, 3000},
		{"WS beta=1", func(r *rand.Rand) (*Graph, error) { return WattsStrogatz(3000, 6, 1, r) }, 3000},
		{"WS small dense", func(r *rand.Rand) (*Graph, error) { return WattsStrogatz(9, 6, 0.8, r) }, 9},
		{"BA m=1", func(r *rand.Rand) (*Graph, error) { return BarabasiAlbert(3000, 1, r) }, 3000},
		{"BA m=4", func(r *rand.Rand) (*Graph, error) { return BarabasiAlbert(3000, 4, r) }, 3000},
		{"BA m=40 (mark array path)", func(r *rand.Rand) (*Graph, error) { return BarabasiAlbert(2000, 40, r) }, 2000},
		{"SBM", func(r *rand.Rand) (*Graph, error) { return StochasticBlock(groups, 3, 6, 0.7, r) }, 3000},
		{"ring", func(*rand.Rand) (*Graph, error) { return RingLattice(3000, 6) }, 3000},
		{"ring wrap", func(*rand.Rand) (*Graph, error) { return RingLattice(7, 6) }, 7},
		{"complete", func(*rand.Rand) (*Graph, error) { return Complete(40) }, 40},
		{"power-law configuration", func(r *rand.Rand) (*Graph, error) { return PowerLawConfiguration(3000, 2, 2.5, r) }, 3000},
		{"power-law configuration small", func(r *rand.Rand) (*Graph, error) { return PowerLawConfiguration(5, 4, 2.1, r) }, 5},
	}
}

// TestGeneratorsSimple checks the Graph invariants for every generator, and
// that the same seed gives the same graph.
func TestGeneratorsSimple(t *testing.T) {
	for _, tc := range allGenerators() {
		g, err := tc.gen(newRand(7))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if g.N() != tc.n {
			t.Errorf("%s: N=%d, want %d", tc.name, g.N(), tc.n)
		}
		checkSimple(t, tc.name, g)
		again, _ := tc.gen(newRand(7))
		if !slices.Equal(g.Offsets, again.Offsets) || !slices.Equal(g.Adj, again.Adj) {
			t.Errorf("%s: same seed gave a different graph", tc.name)
		}
	}
}

func TestGNPMeanDegree(t *testing.T) {
	// The edge count is Binomial(n(n-1)/2, p) with mean 10^5 and sd
	// sqrt(10^5(1-p)) ≈ 316, so <k> = 2E/n has sd ≈ 0.032: 5 sd ≈ 0.16.
	const n, k, tol = 20000, 10.0, 0.16
	p := k / (n - 1)
	for _, seed := range []uint64{1, 2, 3} {
		g, err := ErdosRenyiGNP(n, p, newRand(seed))
		if err != nil {
			t.Fatal(err)
		}
		got := 2 * float64(g.Edges()) / n
		if math.Abs(got-k) > tol {
			t.Errorf("seed %d: <k>=%.4f, want %v ± %v", seed, got, k, tol)
		}
	}
}

func TestGNPEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name  string
		n     int
		p     float64
		edges int64
	}{
		{"p=0", 100, 0, 0},
		{"p=1", 30, 1, 30 * 29 / 2},
		{"n=0", 0, 0.5, 0},
		{"n=1", 1, 1, 0},
		{"tiny p", 1000, 1e-300, 0}, // gap far beyond the int64 range: must stop, not overflow
	} {
		g, err := ErdosRenyiGNP(tc.n, tc.p, newRand(1))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if g.N() != tc.n || g.Edges() != tc.edges {
			t.Errorf("%s: N=%d E=%d, want %d, %d", tc.name, g.N(), g.Edges(), tc.n, tc.edges)
		}
	}
}

func TestGNMExactCount(t *testing.T) {
	for _, tc := range []struct {
		n int
		m int64
	}{
		{2, 1}, {10, 45}, {10, 44}, {10, 1}, {1000, 1}, {1000, 5000}, {200, 19000}, {50000, 250000},
	} {
		g, err := ErdosRenyiGNM(tc.n, tc.m, newRand(3))
		if err != nil {
			t.Fatalf("n=%d m=%d: %v", tc.n, tc.m, err)
		}
		checkSimple(t, "GNM", g)
		if g.N() != tc.n || g.Edges() != tc.m {
			t.Errorf("n=%d m=%d: got N=%d E=%d", tc.n, tc.m, g.N(), g.Edges())
		}
	}
}

// TestGNMUniform checks that G(4,2) hits each of the C(6,2) = 15 edge pairs
// equally often, which tests the oversample-and-delete construction.
func TestGNMUniform(t *testing.T) {
	// 30000 draws: each count is Binomial(30000, 1/15), mean 2000, sd ≈ 43.
	// 5 sd = 216 bounds all 15 counts with false alarm probability ~1e-5.
	const draws, want, tol = 30000, 2000, 216
	rnd := newRand(11)
	counts := make(map[string]int)
	for range draws {
		g, err := ErdosRenyiGNM(4, 2, rnd)
		if err != nil {
			t.Fatal(err)
		}
		counts[strings.Join(edgeSet(g), " ")]++
	}
	if len(counts) != 15 {
		t.Errorf("saw %d distinct edge sets, want 15", len(counts))
	}
	for set, c := range counts {
		if math.Abs(float64(c-want)) > tol {
			t.Errorf("edge set %s drawn %d times, want %d ± %d", set, c, want, tol)
		}
	}
}

func TestRingLatticeExact(t *testing.T) {
	for _, tc := range []struct{ n, k int }{{10, 0}, {10, 2}, {7, 6}, {1000, 10}, {5, 4}} {
		g, err := RingLattice(tc.n, tc.k)
		if err != nil {
			t.Fatalf("n=%d k=%d: %v", tc.n, tc.k, err)
		}
		checkSimple(t, "ring", g)
		if g.Edges() != int64(tc.n*tc.k/2) {
			t.Errorf("n=%d k=%d: E=%d, want %d", tc.n, tc.k, g.Edges(), tc.n*tc.k/2)
		}
		for i := range int32(tc.n) {
			if g.Degree(i) != tc.k {
				t.Fatalf("n=%d k=%d: degree(%d)=%d", tc.n, tc.k, i, g.Degree(i))
			}
			for _, j := range g.Neighbours(i) {
				d := min((int(j)-int(i)+tc.n)%tc.n, (int(i)-int(j)+tc.n)%tc.n)
				if d > tc.k/2 {
					t.Fatalf("n=%d k=%d: %d-%d at ring distance %d", tc.n, tc.k, i, j, d)
				}
			}
		}
	}
	g, _ := RingLattice(7, 4)
	if got := g.Neighbours(0); !slices.Equal(got, []int32{1, 2, 5, 6}) {
		t.Errorf("RingLattice(7,4) neighbours of 0 = %v, want [1 2 5 6]", got)
	}
	if got := g.Neighbours(5); !slices.Equal(got, []int32{0, 3, 4, 6}) {
		t.Errorf("RingLattice(7,4) neighbours of 5 = %v, want [0 3 4 6]", got)
	}
}

func TestCompleteExact(t *testing.T) {
	for _, n := range []int{0, 1, 2, 5, 60} {
		g, err := Complete(n)
		if err != nil {
			t.Fatal(err)
		}
		checkSimple(t, "complete", g)
		if g.N() != n || g.Edges() != int64(n*(n-1)/2) {
			t.Errorf("n=%d: N=%d E=%d", n, g.N(), g.Edges())
		}
		for i := range int32(n) {
			if g.Degree(i) != n-1 {
				t.Fatalf("n=%d: degree(%d)=%d, want %d", n, i, g.Degree(i), n-1)
			}
		}
	}
}

// TestWattsStrogatzClustering checks that β=0 gives the lattice clustering
// 3(k-2)/(4(k-1)) exactly (to float rounding, 1e-12), that rewiring keeps
// the edge count nk/2, and that clustering falls as β grows.
func TestWattsStrogatzClustering(t *testing.T) {
	const n, k = 2000, 8
	lattice := 3.0 * (k - 2) / (4 * (k - 1))
	prev := math.Inf(1)
	for _, beta := range []float64{0, 0.01, 0.1, 0.5, 1} {
		g, err := WattsStrogatz(n, k, beta, newRand(5))
		if err != nil {
			t.Fatal(err)
		}
		if g.Edges() != n*k/2 {
			t.Errorf("beta=%v: E=%d, want %d", beta, g.Edges(), n*k/2)
		}
		st := ComputeStats(g, nil)
		if !st.ClusteringExact {
			t.Fatalf("beta=%v: clustering not exact", beta)
		}
		if beta == 0 {
			if math.Abs(st.Clustering-lattice) > 1e-12 || math.Abs(st.AvgLocalClustering-lattice) > 1e-12 {
				t.Errorf("beta=0: clustering %v / %v, want %v", st.Clustering, st.AvgLocalClustering, lattice)
			}
		} else if st.Clustering >= prev {
			t.Errorf("beta=%v: clustering %v did not fall below %v", beta, st.Clustering, prev)
		}
		prev = st.Clustering
	}
	// At β=1 every lattice edge has been rewired, so the graph is close to
	// random, with clustering of order k/n = 0.004; 0.02 is five times that.
	if prev > 0.02 {
		t.Errorf("beta=1: clustering %v, want < 0.02 (random graph ≈ k/n = %v)", prev, float64(k)/n)
	}
}

// TestBarabasiAlbert checks the exact edge count, the k^-3 degree tail and
// the hubs.
func TestBarabasiAlbert(t *testing.T) {
	const n = 100000
	for _, m := range []int{2, 3, 5} {
		g, err := BarabasiAlbert(n, m, newRand(uint64(m)))
		if err != nil {
			t.Fatal(err)
		}
		// Seed clique on m+1 nodes, then m edges per later node.
		wantE := int64(m*(m+1)/2 + m*(n-m-1))
		if g.Edges() != wantE {
			t.Errorf("m=%d: E=%d, want %d", m, g.Edges(), wantE)
		}
		st := ComputeStats(g, nil)
		if st.MinDegree != m {
			t.Errorf("m=%d: min degree %d, want m", m, st.MinDegree)
		}
		// Expected maximum degree grows like m·sqrt(n) ≈ 316m; 20m is a
		// conservative floor that a Poisson-like graph (max ≈ 2m+few) misses.
		if st.MaxDegree < 20*m {
			t.Errorf("m=%d: max degree %d, want ≥ %d (hubs)", m, st.MaxDegree, 20*m)
		}
		// P(K ≥ x) = m(m+1)/(x(x+1)) for the BA model, so
		// P(K ≥ 4m)/P(K ≥ 2m) = 2m(2m+1)/(4m(4m+1)) ≈ 1/4 (x^-2 tail).
		var ge2, ge4 int
		for i := range int32(n) {
			d := g.Degree(i)
			if d >= 2*m {
				ge2++
			}
			if d >= 4*m {
				ge4++
			}
		}
		ratio := float64(ge4) / float64(ge2)
		want := float64(2*m*(2*m+1)) / float64(4*m*(4*m+1))
		t.Logf("m=%d: max degree %d, P(k≥4m)/P(k≥2m) = %.4f (theory %.4f), P(k≥2m) = %.4f (theory %.4f)",
			m, st.MaxDegree, ratio, want, float64(ge2)/n, float64(m+1)/float64(2*(2*m+1)))
		// Sampling sd of the ratio is about sqrt(r(1-r)/ge2) ≤ 0.005 here
		// (degrees are weakly dependent); 0.02 is 4 sd, which also covers
		// finite-n corrections to the asymptotic law (observed < 0.003).
		if math.Abs(ratio-want) > 0.02 {
			t.Errorf("m=%d: P(k≥4m)/P(k≥2m) = %d/%d = %.4f, want %.4f ± 0.02", m, ge4, ge2, ratio, want)
		}
	}
}

// TestDivider checks the reciprocal division used by BarabasiAlbert against
// the hardware division at and around multiples of d, where a rounded
// reciprocal would be off by one.
func TestDivider(t *testing.T) {
	for _, d := range []uint64{1, 2, 3, 7, 10, 33, 1000, 1<<31 - 1} {
		q := newDivider(d)
		for _, base := range []uint64{0, 1e6, 1e9, 1e12, 1 << 40, 1<<51 - 1} {
			for k := base / d; k <= base/d+3; k++ {
				for x := max(k*d, 3) - 3; x <= k*d+3; x++ {
					if got := q.div(x); got != x/d {
						t.Fatalf("%d/%d = %d, want %d", x, d, got, x/d)
					}
				}
			}
		}
	}
}

func TestBarabasiAlbertSmall(t *testing.T) {
	// n = m+1 is just the seed clique.
	g, err := BarabasiAlbert(5, 4, newRand(1))
	if err != nil {
		t.Fatal(err)
	}
	if g.Edges() != 10 {
		t.Errorf("BA(5,4): E=%d, want the K5's 10", g.Edges())
	}
}

func TestGeneratorErrors(t *testing.T) {
	rnd := newRand(1)
	groups := []int32{0, 1, 0, 1}
	for _, tc := range []struct {
		name string
		call func() (*Graph, error)
		want string
	}{
		{"GNP p>1", func() (*Graph, error) { return ErdosRenyiGNP(10, 1.5, rnd) }, "network: bad probability: p=1.5"},
		{"GNP p<0", func() (*Graph, error) { return ErdosRenyiGNP(10, -0.1, rnd) }, "network: bad probability: p=-0.1"},
		{"GNP NaN", func() (*Graph, error) { return ErdosRenyiGNP(10, math.NaN(), rnd) }, "network: bad probability: p=NaN"},
		{"GNP n<0", func() (*Graph, error) { return ErdosRenyiGNP(-1, 0.1, rnd) }, "network: n=-1 must be in [0, 2147483647]"},
		{"GNP n too big", func() (*Graph, error) { return ErdosRenyiGNP(1<<31, 0.1, rnd) }, "network: n=2147483648"},
		{"GNM m too big", func() (*Graph, error) { return ErdosRenyiGNM(10, 46, rnd) }, "network: bad edge count: m=46 must be in [0, n(n-1)/2=45]"},
		{"GNM m<0", func() (*Graph, error) { return ErdosRenyiGNM(10, -1, rnd) }, "network: bad edge count: m=-1"},
		{"ring odd k", func() (*Graph, error) { return RingLattice(10, 3) }, "network: k=3 must be even and < n=10"},
		{"ring k=n", func() (*Graph, error) { return RingLattice(10, 10) }, "network: k=10 must be even and < n=10"},
		{"ring k<0", func() (*Graph, error) { return RingLattice(10, -2) }, "network: k=-2 must be non-negative"},
		{"WS odd k", func() (*Graph, error) { return WattsStrogatz(10, 3, 0.1, rnd) }, "network: k=3 must be even and < n=10"},
		{"WS beta", func() (*Graph, error) { return WattsStrogatz(10, 2, 2, rnd) }, "network: bad probability: beta=2"},
		{"BA m=0", func() (*Graph, error) { return BarabasiAlbert(10, 0, rnd) }, "network: m=0 must be ≥ 1 and < n=10"},
		{"BA m=n", func() (*Graph, error) { return BarabasiAlbert(10, 10, rnd) }, "network: m=10 must be ≥ 1 and < n=10"},
		{"config n<2", func() (*Graph, error) { return PowerLawConfiguration(1, 1, 2.5, rnd) }, "network: n=1 must be ≥ 2"},
		{"config kMin=0", func() (*Graph, error) { return PowerLawConfiguration(10, 0, 2.5, rnd) }, "network: kMin=0 must be ≥ 1 and ≤ n-1=9"},
		{"config kMin=n", func() (*Graph, error) { return PowerLawConfiguration(10, 10, 2.5, rnd) }, "network: kMin=10 must be ≥ 1 and ≤ n-1=9"},
		{"config gamma=2", func() (*Graph, error) { return PowerLawConfiguration(10, 1, 2, rnd) }, "network: exponent gamma=2 must be a finite number > 2"},
		{"config gamma NaN", func() (*Graph, error) { return PowerLawConfiguration(10, 1, math.NaN(), rnd) }, "network: exponent gamma=NaN"},
		{"complete n<0", func() (*Graph, error) { return Complete(-3) }, "network: n=-3"},
		{"SBM group", func() (*Graph, error) { return StochasticBlock([]int32{0, 2}, 2, 1, 0.5, rnd) }, "network: groups[1]=2 outside [0, 2)"},
		{"SBM nGroups", func() (*Graph, error) { return StochasticBlock(groups, 0, 1, 0.5, rnd) }, "network: nGroups=0 must be ≥ 1"},
		{"SBM degree", func() (*Graph, error) { return StochasticBlock(groups, 2, -1, 0.5, rnd) }, "network: bad mean degree: meanDegree=-1"},
		{"SBM homophily", func() (*Graph, error) { return StochasticBlock(groups, 2, 1, 1.2, rnd) }, "network: bad homophily: homophily=1.2"},
	} {
		g, err := tc.call()
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: got (%v, %v), want error starting %q", tc.name, g, err, tc.want)
		}
	}
}
