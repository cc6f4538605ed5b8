package sensitivity

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSaltelliDesignLayout checks the documented order against the
// 2k-dimensional Sobol' points the design is built from (same seed): row j
// of A is their first k coordinates, row j of B the last k, and row j of
// A_B^i is A's row with coordinate i from B, at the indices SaltelliRow gives.
func TestSaltelliDesignLayout(t *testing.T) {
	for _, c := range []struct {
		name string
		k, n int
		seed uint64 // 0: plain
	}{{"plain k=1 n=2", 1, 2, 0}, {"plain k=3 n=8", 3, 8, 0}, {"scrambled k=4 n=16", 4, 16, 9}, {"scrambled k=2 n=5", 2, 5, 3}} {
		rng := func() *rand.Rand {
			if c.seed == 0 {
				return nil
			}
			return rand.New(rand.NewPCG(c.seed, 0))
		}
		pts, err := SaltelliDesign(c.k, c.n, rng())
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(pts) != c.n*(c.k+2) {
			t.Fatalf("%s: %d points, want N(k+2) = %d", c.name, len(pts), c.n*(c.k+2))
		}
		sob, err := SobolPoints(c.n, 2*c.k, rng())
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for j := range c.n {
			a, b := sob[j][:c.k], sob[j][c.k:]
			check := func(block int, want []float64) {
				got := pts[SaltelliRow(block, j, c.k, c.n)]
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s: block %d row %d = %v, want %v", c.name, block, j, got, want)
				}
			}
			check(BlockA, a)
			check(BlockB, b)
			for i := range c.k {
				want := append([]float64(nil), a...)
				want[i] = b[i]
				check(i, want)
			}
		}
	}
}

func TestSaltelliDesignErrors(t *testing.T) {
	for _, c := range []struct {
		k, n int
		want string
	}{
		{0, 8, "k=0"},
		{MaxSobolDim/2 + 1, 8, fmt.Sprintf("k=%d", MaxSobolDim/2+1)},
		{2, 1, "n=1"},
		{2, 0, "n=0"},
	} {
		_, err := SaltelliDesign(c.k, c.n, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SaltelliDesign(%d, %d): error %v, want one naming %q", c.k, c.n, err, c.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Errorf("SaltelliRow(3, 0, 3, 4): block 3 of k=3 did not panic")
		}
	}()
	SaltelliRow(3, 0, 3, 4)
}

func ExampleSaltelliDesign() {
	// k = 2 parameters, N = 4 base points: 4·(2+2) = 16 runs, unscrambled.
	pts, err := SaltelliDesign(2, 4, nil)
	if err != nil {
		panic(err)
	}
	for _, block := range []int{BlockA, BlockB, 0, 1} {
		fmt.Print(block, ":")
		for j := range 4 {
			fmt.Print(" ", pts[SaltelliRow(block, j, 2, 4)])
		}
		fmt.Println()
	}
	// Output:
	// -2: [0 0] [0.5 0.5] [0.75 0.25] [0.25 0.75]
	// -1: [0 0] [0.5 0.5] [0.25 0.25] [0.75 0.75]
	// 0: [0 0] [0.5 0.5] [0.25 0.25] [0.75 0.75]
	// 1: [0 0] [0.5 0.5] [0.75 0.25] [0.25 0.75]
}
