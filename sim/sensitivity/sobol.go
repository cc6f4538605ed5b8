package sensitivity

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
)

// MaxSobolDim is the largest dimension NewSobol accepts: dimension 1 plus the
// 999 rows of Joe and Kuo's table embedded in joeKuo.
const MaxSobolDim = len(joeKuo) + 1

// sobolBits is the number of binary digits of every coordinate. 52 digits
// make x/2^52 exact in a float64 (52-bit mantissa) and allow 2^52 points,
// far beyond any sweep; scipy's default is 30 digits, which gives the same
// first 2^30 unscrambled points.
const sobolBits = 52

// sobolScale is 2^-52, the weight of the last binary digit.
const sobolScale = 1.0 / (1 << sobolBits)

// joeKuoRow is one line of the Joe-Kuo table: the degree s of the primitive
// polynomial, its inner coefficients a (a_1 is bit s-2, a_{s-1} bit 0) and the
// initial direction integers m_1..m_s.
type joeKuoRow struct {
	s, a uint32
	m    []uint32
}

// Sobol generates Sobol' (1967) low-discrepancy points in [0,1)^dim with the
// direction numbers of Joe & Kuo (2008), optionally scrambled. Use NewSobol;
// a Sobol is not safe for concurrent use.
type Sobol struct {
	dim int
	v   [][sobolBits]uint64 // v[j][k]: direction number V_{k+1} of dimension j, times 2^52
	x   []uint64            // current point, times 2^52
	// shift is the digital shift (zero when unscrambled): x_0 = shift.
	shift []uint64
	n     uint64 // index of the point Next returns next
}

// NewSobol returns a generator of the dim-dimensional Sobol' sequence.
//
// With rng == nil the sequence is the plain one of Bratley & Fox (1988) and
// Joe & Kuo (2008), identical to scipy.stats.qmc.Sobol(dim, scramble=False):
// its first point is the origin, and it is returned, not skipped (scipy
// returns it too; Owen 2022, "On dropping the first Sobol' point", MCQMC 2020, shows
// that skipping it spoils the net property). With rng != nil every dimension
// is scrambled as in scipy: a random linear matrix scramble (Matoušek 1998,
// "On the L2-discrepancy for anchored boxes", J. Complexity 14:527-556)
// multiplies the direction numbers by a random lower-triangular binary
// matrix with unit diagonal, and a random digital shift (Owen 2003,
// "Variance with alternative scramblings of digital nets", ACM TOMACS
// 13:363-378) is XORed into every point. The scrambled points keep the
// (t,m,s)-net structure and make estimates unbiased, with a spread that
// independent seeds can measure. The generator draws its random numbers
// from rng only here.
//
// It returns an error if dim is outside 1..MaxSobolDim.
func NewSobol(dim int, rng *rand.Rand) (*Sobol, error) {
	if dim < 1 || dim > MaxSobolDim {
		return nil, fmt.Errorf("sensitivity: bad Sobol' dimension: dim=%d (want 1..%d)", dim, MaxSobolDim)
	}
	s := &Sobol{
		dim:   dim,
		v:     make([][sobolBits]uint64, dim),
		x:     make([]uint64, dim),
		shift: make([]uint64, dim),
	}
	for j := range dim {
		s.v[j] = directions(j)
		if rng != nil {
			s.v[j] = linearScramble(s.v[j], rng)
			s.shift[j] = rng.Uint64() >> (64 - sobolBits)
		}
	}
	copy(s.x, s.shift)
	return s, nil
}

// directions returns the direction numbers V_1..V_52 of dimension j
// (0-based), scaled by 2^52. Dimension 0 has m_k = 1, V_k = 2^-k (van der
// Corput). The others follow Bratley & Fox (1988) eq. (3) in Joe & Kuo's
// shifted form (Joe & Kuo 2008, section 2):
//
//	V_k = a_1 V_{k-1} ⊕ a_2 V_{k-2} ⊕ … ⊕ a_{s-1} V_{k-s+1} ⊕ V_{k-s} ⊕ (V_{k-s} >> s),  k > s,
//
// with V_k = m_k / 2^k for k <= s.
func directions(j int) [sobolBits]uint64 {
	var v [sobolBits]uint64
	if j == 0 {
		for k := range sobolBits {
			v[k] = 1 << (sobolBits - 1 - k)
		}
		return v
	}
	row := joeKuo[j-1]
	s := int(row.s)
	for k := 0; k < s && k < sobolBits; k++ {
		v[k] = uint64(row.m[k]) << (sobolBits - 1 - k)
	}
	for k := s; k < sobolBits; k++ {
		v[k] = v[k-s] ^ (v[k-s] >> s)
		for i := 1; i < s; i++ {
			if (row.a>>(s-1-i))&1 == 1 {
				v[k] ^= v[k-i]
			}
		}
	}
	return v
}

// linearScramble returns L·V for a random lower-triangular binary matrix L
// with unit diagonal (Matoušek 1998): digit r (r = 0 the most significant)
// of every scrambled direction number is the parity of digits 0..r of the
// original one selected by row r of L. Because L is invertible the digital
// net property is kept.
func linearScramble(v [sobolBits]uint64, rng *rand.Rand) [sobolBits]uint64 {
	var rows [sobolBits]uint64
	for r := range sobolBits {
		diag := uint64(1) << (sobolBits - 1 - r)
		above := ^(diag<<1 - 1) & (1<<sobolBits - 1) // digits 0..r-1
		rows[r] = diag | rng.Uint64()&above
	}
	var out [sobolBits]uint64
	for k, vk := range v {
		var w uint64
		for r := range sobolBits {
			w |= uint64(bits.OnesCount64(rows[r]&vk)&1) << (sobolBits - 1 - r)
		}
		out[k] = w
	}
	return out
}

// Dim returns the dimension of the points.
func (s *Sobol) Dim() int { return s.dim }

// Index returns the index (0-based) of the point the next call to Next returns.
func (s *Sobol) Index() uint64 { return s.n }

// Next writes the next point into dst and returns it; dst is allocated when
// nil. The points follow the Gray-code order of Antonov & Saleev (1979):
// x_{n+1} = x_n ⊕ V_c, c the position of the lowest zero bit of n, which
// visits the same points as the natural order but each 2^m-block as a whole.
//
// Next panics if len(dst) is neither 0 (nil) nor Dim(), or if all 2^52
// points have been used: both are programmer mistakes.
func (s *Sobol) Next(dst []float64) []float64 {
	if dst == nil {
		dst = make([]float64, s.dim)
	}
	if len(dst) != s.dim {
		panic(fmt.Sprintf("sensitivity: Sobol.Next: len(dst)=%d, want %d", len(dst), s.dim))
	}
	if s.n >= 1<<sobolBits {
		panic("sensitivity: Sobol.Next: the 2^52 points of the sequence are used up")
	}
	c := bits.TrailingZeros64(^s.n)
	for j := range s.dim {
		dst[j] = float64(s.x[j]) * sobolScale
		if c < sobolBits {
			s.x[j] ^= s.v[j][c]
		}
	}
	s.n++
	return dst
}

// Seek positions the generator so that Next returns point n (0-based), as
// x_n = shift ⊕ ⊕_k g_k V_{k+1} with g = n ⊕ (n >> 1) the Gray code of n.
// It panics if n >= 2^52 (a programmer mistake).
func (s *Sobol) Seek(n uint64) {
	if n >= 1<<sobolBits {
		panic(fmt.Sprintf("sensitivity: Sobol.Seek: n=%d beyond the 2^52 points", n))
	}
	g := n ^ (n >> 1)
	for j := range s.dim {
		x := s.shift[j]
		for k := 0; g>>k != 0; k++ {
			if (g>>k)&1 == 1 {
				x ^= s.v[j][k]
			}
		}
		s.x[j] = x
	}
	s.n = n
}

// SobolPoints returns the first n points of the dim-dimensional Sobol'
// sequence, scrambled with rng when rng != nil (see NewSobol), as n rows of
// dim coordinates in [0,1). Powers of two keep the balance of the net: every
// one-dimensional projection of the first 2^m points has exactly one point
// in each interval [i/2^m, (i+1)/2^m).
//
// It returns an error if n < 1 or dim is outside 1..MaxSobolDim.
func SobolPoints(n, dim int, rng *rand.Rand) ([][]float64, error) {
	if n < 1 {
		return nil, fmt.Errorf("sensitivity: bad number of points: n=%d", n)
	}
	s, err := NewSobol(dim, rng)
	if err != nil {
		return nil, err
	}
	flat := make([]float64, n*dim)
	pts := make([][]float64, n)
	for i := range pts {
		pts[i] = s.Next(flat[i*dim : (i+1)*dim : (i+1)*dim])
	}
	return pts, nil
}
