package network

import (
	"os"
	"testing"
	"time"
)

func (le *lowerEdges) graphSeq() *Graph {
	n := len(le.cnt)
	b := newCSRBuilder(n)
	pos := 0
	for v, c := range le.cnt {
		b.off[v+2] += int64(c)
		for _, w := range le.lo[pos : pos+int(c)] {
			b.off[int(w)+2]++
		}
		pos += int(c)
	}
	b.allocate()
	pos = 0
	for v, c := range le.cnt {
		for _, w := range le.lo[pos : pos+int(c)] {
			b.add(int32(v), w)
		}
		pos += int(c)
	}
	g, _ := b.finish(false)
	return g
}

func TestZZAB(t *testing.T) {
	if os.Getenv("AB") == "" {
		t.Skip()
	}
	le := sampleLower(1e6, 10.0/(1e6-1), newRand(1))
	var ta, tb time.Duration
	for range 6 {
		s := time.Now()
		le.graphSeq()
		ta += time.Since(s)
		s = time.Now()
		le.graph()
		tb += time.Since(s)
	}
	t.Log("seq", ta/6, "par", tb/6)
	s := time.Now()
	for range 6 {
		sampleLower(1e6, 10.0/(1e6-1), newRand(1))
	}
	t.Log("sample", time.Since(s)/6)
}
