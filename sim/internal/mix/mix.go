// Package mix derives independent random seeds from a seed and a path of
// integers. It is shared by sim (run, population and span streams) and
// sim/network (the streams of a large graph's row spans).
package mix

// Mix64 is the SplitMix64 finaliser (Steele, Lea & Flood 2014), a bijection
// on uint64 with full avalanche: every output bit depends on every input bit.
func Mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Derive hashes a seed and a path of integers into a new seed. Seeds derived
// from different paths are, for practical purposes, independent; the same
// path always gives the same seed, whatever order runs are executed in.
func Derive(seed uint64, path ...uint64) uint64 {
	h := Mix64(seed)
	for _, p := range path {
		h = Mix64(h ^ Mix64(p+0x632be59bd9b4e019))
	}
	return h
}
