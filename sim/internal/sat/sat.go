// Package sat has saturating arithmetic on non-negative int64 sizes: the
// products and sums that size work (runs × steps × agents, bytes per run ×
// runs) are computed without overflow, so that an absurd plan is refused
// with a message naming its size instead of wrapping to a negative number.
package sat

import (
	"math"
	"math/bits"
)

// Mul is a·b for a, b >= 0, saturated at math.MaxInt64; 0 when either is
// not positive.
func Mul(a, b int64) int64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(lo)
}

// Add is the sum of non-negative xs, saturated at math.MaxInt64.
func Add(xs ...int64) int64 {
	var s int64
	for _, x := range xs {
		if x > math.MaxInt64-s {
			return math.MaxInt64
		}
		s += x
	}
	return s
}
