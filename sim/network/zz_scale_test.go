package network

import (
	"os"
	"runtime"
	"testing"
	"time"
)

func TestZZScale(t *testing.T) {
	if os.Getenv("SCALE") == "" {
		t.Skip()
	}
	n := 10_000_000
	groups := make([]int32, n)
	for i := range groups {
		groups[i] = int32(i % 5)
	}
	for _, tc := range []struct {
		name string
		f    func() (*Graph, error)
	}{
		{"GNP k=20", func() (*Graph, error) { return ErdosRenyiGNP(n, 20/float64(n-1), newRand(1)) }},
		{"GNM k=20", func() (*Graph, error) { return ErdosRenyiGNM(n, int64(10*n), newRand(1)) }},
		{"BA m=10", func() (*Graph, error) { return BarabasiAlbert(n, 10, newRand(1)) }},
		{"WS k=20", func() (*Graph, error) { return WattsStrogatz(n, 20, 0.1, newRand(1)) }},
		{"SBM k=20", func() (*Graph, error) { return StochasticBlock(groups, 5, 20, 0.7, newRand(1)) }},
	} {
		runtime.GC()
		start := time.Now()
		g, err := tc.f()
		if err != nil {
			t.Fatal(err)
		}
		gen := time.Since(start)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		start = time.Now()
		st := ComputeStats(g, newRand(2))
		t.Logf("%s: E=%d gen %v stats %v heapSys %.1f GB; %+v", tc.name, g.Edges(), gen, time.Since(start), float64(ms.HeapSys)/1e9, st)
	}
}
