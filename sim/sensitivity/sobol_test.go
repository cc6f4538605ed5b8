package sensitivity

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSobolFirstPoints checks the unscrambled points against values that do
// not come from this code: the 8 two-dimensional points of scipy's test
// suite (scipy/stats/tests/test_qmc.py, TestSobol.unscramble_nd, which is
// qmc.Sobol(2, scramble=False)), and the first 5 points of dimensions 3..5
// worked out by hand from the table rows "3 2 1 1 3", "4 3 1 1 3 1" and
// "5 3 2 1 1 1" (V_1=1/2, V_2=m_2/4, V_3 by the recurrence; x_1=V_1,
// x_2=x_1⊕V_2, x_3=x_2⊕V_1, x_4=x_3⊕V_3). All are dyadic, so equality is exact.
func TestSobolFirstPoints(t *testing.T) {
	cases := []struct {
		name string
		dim  int
		want [][]float64
	}{
		{"scipy d=2", 2, [][]float64{{0, 0}, {0.5, 0.5}, {0.75, 0.25}, {0.25, 0.75},
			{0.375, 0.375}, {0.875, 0.875}, {0.625, 0.125}, {0.125, 0.625}}},
		{"hand d=5", 5, [][]float64{
			{0, 0, 0, 0, 0},
			{0.5, 0.5, 0.5, 0.5, 0.5},
			{0.75, 0.25, 0.25, 0.25, 0.75},
			{0.25, 0.75, 0.75, 0.75, 0.25},
			{0.375, 0.375, 0.625, 0.875, 0.375}}},
	}
	for _, c := range cases {
		got, err := SobolPoints(len(c.want), c.dim, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for i := range c.want {
			for j := range c.want[i] {
				if got[i][j] != c.want[i][j] {
					t.Errorf("%s: point %d coordinate %d = %v, want %v", c.name, i, j, got[i][j], c.want[i][j])
				}
			}
		}
	}
}

// TestSobolDirectionsRecurrence recomputes every direction integer m_k,
// k = 1..52, of all MaxSobolDim dimensions with the integer form of the
// recurrence (Bratley & Fox 1988, eq. 3):
//
//	m_k = 2 a_1 m_{k-1} ⊕ 4 a_2 m_{k-2} ⊕ … ⊕ 2^{s-1} a_{s-1} m_{k-s+1} ⊕ 2^s m_{k-s} ⊕ m_{k-s},
//
// and checks V_k = m_k 2^{52-k} and that m_k is odd and below 2^k (else the
// table row was mistyped or misread).
func TestSobolDirectionsRecurrence(t *testing.T) {
	for j := range MaxSobolDim {
		v := directions(j)
		m := make([]uint64, sobolBits+1) // m[k], 1-based
		if j == 0 {
			for k := 1; k <= sobolBits; k++ {
				m[k] = 1
			}
		} else {
			row := joeKuo[j-1]
			s := int(row.s)
			if len(row.m) != s {
				t.Fatalf("dimension %d: %d initial numbers for degree %d", j+1, len(row.m), s)
			}
			for k := 1; k <= s; k++ {
				m[k] = uint64(row.m[k-1])
			}
			for k := s + 1; k <= sobolBits; k++ {
				x := m[k-s]<<s ^ m[k-s]
				for i := 1; i < s; i++ {
					ai := uint64(row.a>>(s-1-i)) & 1
					x ^= ai * m[k-i] << i
				}
				m[k] = x
			}
		}
		for k := 1; k <= sobolBits; k++ {
			if m[k]&1 != 1 || m[k] >= 1<<k {
				t.Fatalf("dimension %d: m_%d = %d is not odd and below 2^%d", j+1, k, m[k], k)
			}
			if want := m[k] << (sobolBits - k); v[k-1] != want {
				t.Fatalf("dimension %d: V_%d = %#x, want m_k 2^(52-k) = %#x", j+1, k, v[k-1], want)
			}
		}
	}
}

// TestSobolStratified checks the net property that makes Sobol' points
// better than random ones. For every dimension, the first 2^10 points put
// exactly one point in each interval [i/1024, (i+1)/1024) (each coordinate of
// a Sobol' sequence is a (0,1)-sequence), scrambled or not. For dimensions
// 1 and 2, which form a (0,m,2)-net (Sobol' 1967; t = 0 for the first two
// coordinates), the first 2^8 points put exactly one point in every
// elementary box [a/2^p,(a+1)/2^p) × [b/2^q,(b+1)/2^q) with p+q = 8.
func TestSobolStratified(t *testing.T) {
	for _, c := range []struct {
		name string
		rng  *rand.Rand
	}{{"plain", nil}, {"scrambled seed 1", rand.New(rand.NewPCG(1, 2))}} {
		const m = 10
		pts, err := SobolPoints(1<<m, MaxSobolDim, c.rng)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for j := range MaxSobolDim {
			seen := make([]bool, 1<<m)
			for i, p := range pts {
				if p[j] < 0 || p[j] >= 1 {
					t.Fatalf("%s: point %d coordinate %d = %v outside [0,1)", c.name, i, j, p[j])
				}
				cell := int(p[j] * (1 << m))
				if seen[cell] {
					t.Fatalf("%s: dimension %d: two of the first 1024 points in cell %d", c.name, j+1, cell)
				}
				seen[cell] = true
			}
		}
		const m2 = 8
		for p := 0; p <= m2; p++ {
			q := m2 - p
			seen := make(map[[2]int]bool)
			for i := range 1 << m2 {
				box := [2]int{int(pts[i][0] * float64(int(1)<<p)), int(pts[i][1] * float64(int(1)<<q))}
				if seen[box] {
					t.Fatalf("%s: two of the first 256 points in the elementary box %v of size 2^-%d x 2^-%d", c.name, box, p, q)
				}
				seen[box] = true
			}
		}
	}
}

// TestSobolSeekAndScramble checks that Seek (Gray code of n, computed
// directly) lands where n calls of Next do, plain and scrambled, and that a
// scrambled sequence is reproducible from its seed and differs from the
// plain one.
func TestSobolSeekAndScramble(t *testing.T) {
	for _, c := range []struct {
		name string
		seed uint64 // 0: plain
		n    uint64
	}{{"plain n=1", 0, 1}, {"plain n=777", 0, 777}, {"scrambled n=0", 7, 0}, {"scrambled n=1000", 7, 1000}} {
		mk := func() *Sobol {
			var rng *rand.Rand
			if c.seed != 0 {
				rng = rand.New(rand.NewPCG(c.seed, 0))
			}
			s, err := NewSobol(40, rng)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			return s
		}
		walk, seek := mk(), mk()
		for range c.n {
			walk.Next(nil)
		}
		seek.Seek(c.n)
		a, b := walk.Next(nil), seek.Next(nil)
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("%s: Next after walking = %v, after Seek = %v", c.name, a, b)
		}
		if c.seed != 0 {
			plain, _ := NewSobol(40, nil)
			plain.Seek(c.n)
			if p := plain.Next(nil); fmt.Sprint(p) == fmt.Sprint(a) {
				t.Errorf("%s: scrambled point equals the plain one %v", c.name, p)
			}
		}
	}
}

func TestSobolErrors(t *testing.T) {
	for _, c := range []struct {
		n, dim int
		want   string
	}{
		{1, 0, "dim=0"},
		{1, MaxSobolDim + 1, fmt.Sprintf("dim=%d", MaxSobolDim+1)},
		{0, 2, "n=0"},
		{-3, 2, "n=-3"},
	} {
		_, err := SobolPoints(c.n, c.dim, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SobolPoints(%d, %d): error %v, want one naming %q", c.n, c.dim, err, c.want)
		}
	}
	s, _ := NewSobol(3, nil)
	defer func() {
		if recover() == nil {
			t.Errorf("Next with len(dst)=2 on a 3-dimensional generator did not panic")
		}
	}()
	s.Next(make([]float64, 2))
}

func ExampleSobolPoints() {
	pts, err := SobolPoints(4, 3, nil)
	if err != nil {
		panic(err)
	}
	for _, p := range pts {
		fmt.Println(p)
	}
	// Output:
	// [0 0 0]
	// [0.5 0.5 0.5]
	// [0.75 0.25 0.25]
	// [0.25 0.75 0.75]
}

func ExampleNewSobol() {
	// A scrambled sequence: the seed fixes the random scramble.
	s, err := NewSobol(2, rand.New(rand.NewPCG(2026, 14)))
	if err != nil {
		panic(err)
	}
	in := 0
	for range 1 << 12 {
		p := s.Next(nil)
		if p[0]*p[0]+p[1]*p[1] < 1 {
			in++
		}
	}
	// The error, 0.005, is a fifth of the Monte Carlo standard error with
	// 4096 random points, sqrt(π(4-π)/4096) = 0.026.
	fmt.Printf("pi ≈ %.3f\n", 4*float64(in)/(1<<12))
	// Output:
	// pi ≈ 3.137
}

func ExampleSobol_Seek() {
	// Seek jumps to point n directly, e.g. to resume a sweep: points 4..6.
	s, err := NewSobol(2, nil)
	if err != nil {
		panic(err)
	}
	s.Seek(4)
	for range 3 {
		fmt.Println(s.Index(), s.Next(nil))
	}
	// Output:
	// 4 [0.375 0.375]
	// 5 [0.875 0.875]
	// 6 [0.625 0.125]
}

// BenchmarkSobolNext measures one 10-dimensional point (a Saltelli design
// for k = 5 parameters).
func BenchmarkSobolNext(b *testing.B) {
	s, err := NewSobol(10, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]float64, 10)
	for b.Loop() {
		s.Next(dst)
	}
}
