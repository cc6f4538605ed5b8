package sensitivity

import (
	"fmt"
	"math/rand/v2"
)

// SaltelliDesign returns the N·(k+2) points in [0,1)^k at which a model of
// k parameters must be run to estimate its first-order and total Sobol'
// indices with the scheme of Saltelli et al. (2010, "Variance based
// sensitivity analysis of model output. Design and estimator for the total
// sensitivity index", Comput. Phys. Commun. 181:259-270, section 4).
//
// The first n points of a 2k-dimensional Sobol' sequence (scrambled with
// rng when rng != nil, see NewSobol) give two independent-looking matrices:
// A, their first k coordinates, and B, their last k. For each parameter i,
// A_B^i is A with column i taken from B. The points come in this fixed
// order, n rows per block, which SobolIndices relies on:
//
//	rows 0 .. n-1:               A
//	rows n .. 2n-1:              B
//	rows (2+i)n .. (3+i)n-1:     A_B^i, i = 0..k-1
//
// so row j of A, of B and of A_B^i are points j, n+j and (2+i)n+j (see
// SaltelliRow). The caller maps each coordinate u to its parameter's range
// (for a uniform parameter on [lo, hi], lo + u·(hi-lo)) and runs the model
// once per point. A power of two for n keeps the balance of the Sobol' net;
// other values are allowed. Unscrambled, row 0 of A and B is the origin
// (NewSobol does not skip it), so all k+2 runs of row 0 coincide: this is
// a wasted row, not a bias; scrambling avoids it.
//
// It returns an error if k < 1, 2k > MaxSobolDim or n < 2 (the estimators
// need a variance).
func SaltelliDesign(k, n int, rng *rand.Rand) ([][]float64, error) {
	if k < 1 || 2*k > MaxSobolDim {
		return nil, fmt.Errorf("sensitivity: bad number of parameters: k=%d (want 1..%d)", k, MaxSobolDim/2)
	}
	if n < 2 {
		return nil, fmt.Errorf("sensitivity: bad number of base points: n=%d (want at least 2)", n)
	}
	s, err := NewSobol(2*k, rng)
	if err != nil {
		return nil, err
	}
	flat := make([]float64, n*(k+2)*k)
	pts := make([][]float64, n*(k+2))
	for r := range pts {
		pts[r] = flat[r*k : (r+1)*k : (r+1)*k]
	}
	ab := make([]float64, 2*k)
	for j := range n {
		s.Next(ab)
		a, b := ab[:k], ab[k:]
		copy(pts[j], a)
		copy(pts[n+j], b)
		for i := range k {
			row := pts[(2+i)*n+j]
			copy(row, a)
			row[i] = b[i]
		}
	}
	return pts, nil
}

// Saltelli blocks, for SaltelliRow.
const (
	BlockA = -2 // the matrix A
	BlockB = -1 // the matrix B
	// Block i >= 0 is A_B^i, A with column i from B.
)

// SaltelliRow returns the index, in the points of SaltelliDesign(k, n, ·)
// and in the outputs passed to SobolIndices, of row j of block: BlockA,
// BlockB, or i in 0..k-1 for A_B^i. It panics on a block or row out of range
// (a programmer mistake).
func SaltelliRow(block, j, k, n int) int {
	if block < BlockA || block >= k || j < 0 || j >= n {
		panic(fmt.Sprintf("sensitivity: SaltelliRow: block=%d j=%d out of range for k=%d n=%d", block, j, k, n))
	}
	return (block+2)*n + j
}
