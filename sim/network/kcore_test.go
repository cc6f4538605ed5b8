package network

import (
	"math/rand/v2"
	"testing"
)

// naiveCores peels the graph k by k: the reference for CoreNumbers.
func naiveCores(g *Graph) []int32 {
	n := g.N()
	core := make([]int32, n)
	in := make([]bool, n)
	for i := range in {
		in[i] = true
	}
	for k := int32(1); ; k++ {
		any := false
		for changed := true; changed; {
			changed = false
			for v := range n {
				if !in[v] {
					continue
				}
				d := int32(0)
				for _, u := range g.Neighbours(int32(v)) {
					if in[u] {
						d++
					}
				}
				if d < k {
					in[v] = false
					changed = true
				}
			}
		}
		for v := range n {
			if in[v] {
				core[v] = k
				any = true
			}
		}
		if !any {
			return core
		}
	}
}

// TestCoreNumbers: CoreNumbers agrees with peeling k by k on random graphs,
// and a complete graph K_5 with a pendant node has cores 4 and 1.
func TestCoreNumbers(t *testing.T) {
	for seed := range uint64(20) {
		rnd := rand.New(rand.NewPCG(seed, 7))
		g, err := ErdosRenyiGNP(80, rnd.Float64()*0.15, rnd)
		if err != nil {
			t.Fatal(err)
		}
		got, want := CoreNumbers(g), naiveCores(g)
		for v := range want {
			if got[v] != want[v] {
				t.Fatalf("seed %d: node %d has core %d, want %d", seed, v, got[v], want[v])
			}
		}
	}
	g := FromEdges(6, []int32{0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4}, []int32{1, 2, 3, 4, 2, 3, 4, 3, 4, 4, 5})
	got := CoreNumbers(g)
	for v, want := range []int32{4, 4, 4, 4, 4, 1} {
		if got[v] != want {
			t.Errorf("K5 + pendant: node %d core %d, want %d", v, got[v], want)
		}
	}
}
