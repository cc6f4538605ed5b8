package network

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchSizes is the ladder of node counts; every generator targets mean
// degree 10, so the edge count is about 5n.
var benchSizes = []int{1e4, 1e5, 1e6}

// benchmarkGenerator runs gen over the size ladder and reports the cost per
// edge, which should stay flat for a linear-time generator.
func benchmarkGenerator(b *testing.B, gen func(n int, rnd *rand.Rand) (*Graph, error)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			rnd := newRand(1)
			var edges int64
			for b.Loop() {
				g, err := gen(n, rnd)
				if err != nil {
					b.Fatal(err)
				}
				edges += g.Edges()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(edges), "ns/edge")
		})
	}
}

func BenchmarkGNP(b *testing.B) {
	benchmarkGenerator(b, func(n int, rnd *rand.Rand) (*Graph, error) {
		return ErdosRenyiGNP(n, 10/float64(n-1), rnd)
	})
}

func BenchmarkGNM(b *testing.B) {
	benchmarkGenerator(b, func(n int, rnd *rand.Rand) (*Graph, error) {
		return ErdosRenyiGNM(n, int64(5*n), rnd)
	})
}

func BenchmarkBarabasiAlbert(b *testing.B) {
	benchmarkGenerator(b, func(n int, rnd *rand.Rand) (*Graph, error) {
		return BarabasiAlbert(n, 5, rnd)
	})
}

func BenchmarkWattsStrogatz(b *testing.B) {
	benchmarkGenerator(b, func(n int, rnd *rand.Rand) (*Graph, error) {
		return WattsStrogatz(n, 10, 0.1, rnd)
	})
}

func BenchmarkStochasticBlock(b *testing.B) {
	groups := make(map[int][]int32)
	benchmarkGenerator(b, func(n int, rnd *rand.Rand) (*Graph, error) {
		if groups[n] == nil {
			groups[n] = make([]int32, n)
			for i := range groups[n] {
				groups[n][i] = int32(i % 5)
			}
		}
		return StochasticBlock(groups[n], 5, 10, 0.7, rnd)
	})
}

func BenchmarkComputeStats(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			g, err := BarabasiAlbert(n, 5, newRand(1))
			if err != nil {
				b.Fatal(err)
			}
			rnd := newRand(2)
			for b.Loop() {
				ComputeStats(g, rnd)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(int64(b.N)*g.Edges()), "ns/edge")
		})
	}
}

// BenchmarkTargets measures the two sizes named in the package's performance
// targets: BA with n = 10^6, m = 10, and G(n,m) with 5·10^6 edges.
func BenchmarkTargets(b *testing.B) {
	b.Run("BA/n=1e6/m=10", func(b *testing.B) {
		rnd := newRand(1)
		for b.Loop() {
			if _, err := BarabasiAlbert(1e6, 10, rnd); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("GNM/n=1e6/m=5e6", func(b *testing.B) {
		rnd := newRand(1)
		for b.Loop() {
			if _, err := ErdosRenyiGNM(1e6, 5e6, rnd); err != nil {
				b.Fatal(err)
			}
		}
	})
}
