package sat

import (
	"math"
	"testing"
)

func TestMulAdd(t *testing.T) {
	const max = math.MaxInt64
	for _, tc := range []struct{ a, b, mul, add int64 }{
		{0, 5, 0, 5},
		{3, 5, 15, 8},
		{2e9, 1e6, 2e15, 2e9 + 1e6}, // the tester's 2e9 points × 1e6 replicates
		{max, 2, max, max},          // saturates instead of wrapping
		{1 << 32, 1 << 31, 1<<63 - 1, 1<<32 + 1<<31}, // 2^63 is one past MaxInt64
		{max - 1, 1, max - 1, max},
	} {
		if got := Mul(tc.a, tc.b); got != tc.mul {
			t.Errorf("Mul(%d, %d) = %d, want %d", tc.a, tc.b, got, tc.mul)
		}
		if got := Add(tc.a, tc.b); got != tc.add {
			t.Errorf("Add(%d, %d) = %d, want %d", tc.a, tc.b, got, tc.add)
		}
	}
}
