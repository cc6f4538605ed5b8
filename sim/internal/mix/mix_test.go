package mix

import "testing"

// TestMix64Reference: Mix64(0) is the first output of SplitMix64 seeded with
// 0 (Steele, Lea & Flood 2014; Vigna's reference splitmix64.c).
func TestMix64Reference(t *testing.T) {
	if got := Mix64(0); got != 0xe220a8397b1dcdaf {
		t.Errorf("Mix64(0) = %#x, want 0xe220a8397b1dcdaf", got)
	}
}

// TestDerive: a function of seed and path, different for different paths
// (including paths that differ only in length or order).
func TestDerive(t *testing.T) {
	paths := [][]uint64{nil, {0}, {1}, {0, 0}, {0, 1}, {1, 0}, {2, 3, 4}}
	seen := map[uint64][]uint64{}
	for _, p := range paths {
		d := Derive(42, p...)
		if d != Derive(42, p...) {
			t.Errorf("Derive(42, %v) is not deterministic", p)
		}
		if q, ok := seen[d]; ok {
			t.Errorf("Derive(42, %v) = Derive(42, %v)", p, q)
		}
		seen[d] = p
		if Derive(43, p...) == d {
			t.Errorf("Derive ignores the seed for path %v", p)
		}
	}
}
