package par

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// item is a key and its place in the input, to check stability.
type item struct{ key, at int32 }

func items(n, count int) []item {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]item, count)
	for i := range out {
		out[i] = item{key: int32(r.IntN(n)), at: int32(i)}
	}
	return out
}

// TestGroupByBlock: the result is grouped by block of key, stable (items of
// one block keep their input order) and the same for any number of parts.
func TestGroupByBlock(t *testing.T) {
	for _, n := range []int{1, 63, 64, 1000, 1 << 20} {
		src := items(n, 5000)
		var want []item
		for parts := 1; parts <= 5; parts++ {
			var b Blocks
			dst := make([]item, len(src))
			start := GroupByBlock(&b, dst, src, n, parts, func(x item) int32 { return x.key })
			shift := BlockShift(n)
			for k := 0; k+1 < len(start); k++ {
				for i := start[k]; i < start[k+1]; i++ {
					if int(dst[i].key)>>shift != k {
						t.Fatalf("n=%d parts=%d: item %d with key %d in block %d", n, parts, i, dst[i].key, k)
					}
					if i > start[k] && dst[i].at <= dst[i-1].at {
						t.Fatalf("n=%d parts=%d: block %d not in input order", n, parts, k)
					}
				}
			}
			if start[len(start)-1] != len(src) {
				t.Fatalf("n=%d parts=%d: %d items grouped of %d", n, parts, start[len(start)-1], len(src))
			}
			if parts == 1 {
				want = dst
			} else if !slices.Equal(dst, want) {
				t.Fatalf("n=%d: %d parts group differently from one", n, parts)
			}
		}
	}
}

// TestApplyGrouped: every item is applied once; parts hold disjoint blocks,
// so that no two goroutines touch the same key; within a key the input
// order is kept.
func TestApplyGrouped(t *testing.T) {
	const n = 1 << 16
	src := items(n, 20000)
	for _, parts := range []int{1, 2, 3, 8} {
		var b Blocks
		var buf []item
		var mu sync.Mutex
		owner := map[int32]int{}
		last := map[int32]int32{}
		applied := 0
		ApplyGrouped(&b, &buf, src, n, parts, 1, func(x item) int32 { return x.key }, func(p int, d []item) {
			mu.Lock()
			defer mu.Unlock()
			for _, x := range d {
				blk := x.key >> BlockShift(n)
				if o, ok := owner[blk]; ok && o != p {
					t.Errorf("parts=%d: block %d applied by parts %d and %d", parts, blk, o, p)
				}
				owner[blk] = p
				if l, ok := last[x.key]; ok && l >= x.at {
					t.Errorf("parts=%d: key %d out of input order", parts, x.key)
				}
				last[x.key] = x.at
				applied++
			}
		})
		if applied != len(src) {
			t.Errorf("parts=%d: %d applied of %d", parts, applied, len(src))
		}
	}
}

// TestPadded: n zeros and at least a cache line of spare capacity.
func TestPadded(t *testing.T) {
	for _, n := range []int{0, 1, 3, 17} {
		a := Padded[int64](n)
		if len(a) != n || (cap(a)-n)*8 < CacheLine {
			t.Errorf("Padded[int64](%d): len %d cap %d", n, len(a), cap(a))
		}
		b := Padded[[3]float64](n)
		if len(b) != n || (cap(b)-n)*24 < CacheLine {
			t.Errorf("Padded[[3]float64](%d): len %d cap %d", n, len(b), cap(b))
		}
	}
}

// TestPanicsReachTheCaller: a panic on a goroutine of ForParts panics
// again on the caller's goroutine, as a *PanicError with the value and
// the stack of the part that panicked, after every part has ended (a
// panic on a bare goroutine would end the process, past any recover); one
// part is a plain call. Go returns a panic of its function as its error,
// and Recover turns one into the error of the function that defers it.
func TestPanicsReachTheCaller(t *testing.T) {
	for _, parts := range []int{1, 2, 5} {
		var ended sync.WaitGroup
		ended.Add(parts)
		pe := func() (pe *PanicError) {
			defer func() { pe = Recovered(recover()) }()
			ForParts(parts, func(p int) {
				defer ended.Done()
				if p == parts-1 {
					partPanics(p)
				}
			})
			return nil
		}()
		ended.Wait()
		if pe == nil || pe.Value != "part broke" || !strings.Contains(string(pe.Stack), "partPanics") {
			t.Errorf("parts %d: recovered %v, want the *PanicError of partPanics", parts, pe)
		}
	}
	err := <-Go(func() error { partPanics(0); return nil })
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Value != "part broke" || !strings.Contains(string(pe.Stack), "partPanics") || err.Error() != "panic: part broke" {
		t.Errorf("Go: error %v, want the *PanicError of partPanics", err)
	}
	if err := <-Go(func() error { return errors.New("plain") }); err == nil || err.Error() != "plain" {
		t.Errorf("Go: error %v, want f's own error", err)
	}
	if pe := Recovered(nil); pe != nil {
		t.Errorf("Recovered(nil) = %v, want nil", pe)
	}
}

func partPanics(int) { panic("part broke") }
