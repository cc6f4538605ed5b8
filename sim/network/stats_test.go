package network

import (
	"math"
	"testing"
)

// graphOf builds a graph on n nodes from "u v" pairs.
func graphOf(n int, pairs ...int32) *Graph {
	var src, dst []int32
	for i := 0; i+1 < len(pairs); i += 2 {
		src = append(src, pairs[i])
		dst = append(dst, pairs[i+1])
	}
	return FromEdges(n, src, dst)
}

func TestComputeStatsSmallGraphs(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    *Graph
		want Stats
	}{
		{
			name: "triangle",
			g:    graphOf(3, 0, 1, 1, 2, 2, 0),
			want: Stats{Nodes: 3, Edges: 3, MeanDegree: 2, SDDegree: 0, MeanSqDegree: 4, MinDegree: 2, MaxDegree: 2,
				GiantComponent: 3, GiantShare: 1, Components: 1, Clustering: 1, AvgLocalClustering: 1, ClusteringExact: true},
		},
		{
			// Degrees 4,1,1,1,1: <k> = 1.6, <k²> = 20/5 = 4, sd = sqrt(4-2.56) = 1.2.
			name: "star",
			g:    graphOf(5, 0, 1, 0, 2, 0, 3, 0, 4),
			want: Stats{Nodes: 5, Edges: 4, MeanDegree: 1.6, SDDegree: 1.2, MeanSqDegree: 4, MinDegree: 1, MaxDegree: 4,
				GiantComponent: 5, GiantShare: 1, Components: 1, ClusteringExact: true},
		},
		{
			// Degrees 1,2,2,1: <k> = 1.5, <k²> = 2.5, sd = 0.5.
			name: "path",
			g:    graphOf(4, 0, 1, 1, 2, 2, 3),
			want: Stats{Nodes: 4, Edges: 3, MeanDegree: 1.5, SDDegree: 0.5, MeanSqDegree: 2.5, MinDegree: 1, MaxDegree: 2,
				GiantComponent: 4, GiantShare: 1, Components: 1, ClusteringExact: true},
		},
		{
			// Triangle, an edge and an isolated node: degrees 2,2,2,1,1,0.
			// <k> = 8/6, <k²> = 14/6, sd = sqrt(14/6 - 64/36) = sqrt(5)/3.
			// The 3 wedges are all closed (C = 1); local clustering is 1 on
			// the triangle and 0 elsewhere, so the average is 3/6.
			name: "two components and an isolate",
			g:    graphOf(6, 0, 1, 1, 2, 2, 0, 3, 4),
			want: Stats{Nodes: 6, Edges: 4, MeanDegree: 8.0 / 6, SDDegree: math.Sqrt(5) / 3, MeanSqDegree: 14.0 / 6,
				MinDegree: 0, MaxDegree: 2, Isolated: 1, GiantComponent: 3, GiantShare: 0.5, Components: 3,
				Clustering: 1, AvgLocalClustering: 0.5, ClusteringExact: true},
		},
		{
			// Triangle 0-1-2 with pendant 3 on node 0: wedges 3+1+1 = 5, one
			// triangle, C = 3/5; local 1/3, 1, 1, 0, average 7/12.
			name: "paw",
			g:    graphOf(4, 0, 1, 1, 2, 2, 0, 0, 3),
			want: Stats{Nodes: 4, Edges: 4, MeanDegree: 2, SDDegree: math.Sqrt(0.5), MeanSqDegree: 4.5, MinDegree: 1, MaxDegree: 3,
				GiantComponent: 4, GiantShare: 1, Components: 1, Clustering: 0.6, AvgLocalClustering: 7.0 / 12, ClusteringExact: true},
		},
		{
			// K5: every wedge closed.
			name: "complete K5",
			g:    mustGraph(Complete(5)),
			want: Stats{Nodes: 5, Edges: 10, MeanDegree: 4, MeanSqDegree: 16, MinDegree: 4, MaxDegree: 4,
				GiantComponent: 5, GiantShare: 1, Components: 1, Clustering: 1, AvgLocalClustering: 1, ClusteringExact: true},
		},
		{
			name: "isolated nodes only",
			g:    empty(4),
			want: Stats{Nodes: 4, Isolated: 4, GiantComponent: 1, GiantShare: 0.25, Components: 4, ClusteringExact: true},
		},
	} {
		got := ComputeStats(tc.g, nil)
		if !statsClose(got, tc.want, 1e-12) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
}

func mustGraph(g *Graph, err error) *Graph {
	if err != nil {
		panic(err)
	}
	return g
}

// statsClose compares the integer fields exactly and the float fields to
// tol, which only has to absorb float rounding.
func statsClose(a, b Stats, tol float64) bool {
	fa := []float64{a.MeanDegree, a.SDDegree, a.MeanSqDegree, a.GiantShare, a.Clustering, a.AvgLocalClustering}
	fb := []float64{b.MeanDegree, b.SDDegree, b.MeanSqDegree, b.GiantShare, b.Clustering, b.AvgLocalClustering}
	for i := range fa {
		if math.Abs(fa[i]-fb[i]) > tol {
			return false
		}
	}
	a.MeanDegree, a.SDDegree, a.MeanSqDegree, a.GiantShare, a.Clustering, a.AvgLocalClustering = 0, 0, 0, 0, 0, 0
	b.MeanDegree, b.SDDegree, b.MeanSqDegree, b.GiantShare, b.Clustering, b.AvgLocalClustering = 0, 0, 0, 0, 0, 0
	return a == b
}

// TestComputeStatsSampled forces the wedge-sampling path and compares it with
// the exact values on graphs with different clustering.
func TestComputeStatsSampled(t *testing.T) {
	ws := mustGraph(WattsStrogatz(20000, 10, 0.1, newRand(1)))
	ba := mustGraph(BarabasiAlbert(20000, 4, newRand(2)))
	for _, tc := range []struct {
		name string
		g    *Graph
	}{{"WS", ws}, {"BA", ba}} {
		exact := ComputeStats(tc.g, nil)
		if !exact.ClusteringExact {
			t.Fatalf("%s: reference not exact", tc.name)
		}
		est := computeStats(tc.g, newRand(3), 0, ClusteringSamples)
		again := computeStats(tc.g, newRand(3), 0, ClusteringSamples)
		if est != again {
			t.Errorf("%s: same seed gave different estimates", tc.name)
		}
		if est.ClusteringExact {
			t.Errorf("%s: ClusteringExact true on the sampling path", tc.name)
		}
		// Each estimate is a mean of ClusteringSamples Bernoulli
		// indicators: sd ≤ 0.5/sqrt(2e5) ≈ 0.0011, so allow 5 sd = 0.0056.
		const tol = 0.0056
		if math.Abs(est.Clustering-exact.Clustering) > tol {
			t.Errorf("%s: sampled transitivity %.4f, exact %.4f ± %v", tc.name, est.Clustering, exact.Clustering, tol)
		}
		if math.Abs(est.AvgLocalClustering-exact.AvgLocalClustering) > tol {
			t.Errorf("%s: sampled local clustering %.4f, exact %.4f ± %v", tc.name, est.AvgLocalClustering, exact.AvgLocalClustering, tol)
		}
		// Everything but clustering is exact on both paths.
		est.Clustering, est.AvgLocalClustering, est.ClusteringExact = exact.Clustering, exact.AvgLocalClustering, true
		if est != exact {
			t.Errorf("%s: non-clustering fields differ:\n%+v\n%+v", tc.name, est, exact)
		}
	}
}

// TestComputeStatsLongPath checks the component search on a path of 10^6
// nodes, the worst case for depth (a recursive search would nest 10^6 deep).
func TestComputeStatsLongPath(t *testing.T) {
	const n = 1000000
	src, dst := make([]int32, n-1), make([]int32, n-1)
	for i := range n - 1 {
		src[i], dst[i] = int32(i), int32(i+1)
	}
	st := ComputeStats(FromEdges(n, src, dst), nil)
	if st.Components != 1 || st.GiantComponent != n || st.Clustering != 0 {
		t.Errorf("path: components %d giant %d clustering %v", st.Components, st.GiantComponent, st.Clustering)
	}
}
