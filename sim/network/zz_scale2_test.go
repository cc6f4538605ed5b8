package network

import (
	"os"
	"testing"
)

func TestZZProf(t *testing.T) {
	if os.Getenv("SCALE2") == "" {
		t.Skip()
	}
	n := 10_000_000
	switch os.Getenv("SCALE2") {
	case "ba":
		BarabasiAlbert(n, 10, newRand(1))
	case "sbm":
		groups := make([]int32, n)
		for i := range groups {
			groups[i] = int32(i % 5)
		}
		StochasticBlock(groups, 5, 20, 0.7, newRand(1))
	case "stats":
		g, _ := ErdosRenyiGNP(n, 20/float64(n-1), newRand(1))
		t.Log("gen done")
		for range 2 {
			ComputeStats(g, newRand(2))
		}
	}
}
