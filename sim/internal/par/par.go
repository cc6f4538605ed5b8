// Package par holds the few patterns connact's large runs and large graphs
// share out among goroutines: a fan-out over parts (ForParts), grouping
// scattered work by blocks of ids before applying it (GroupByBlock,
// ApplyGrouped), and per-goroutine counters kept off each other's cache
// lines (Padded). Every result is the same whatever the number of parts.
//
// A panic on one of the goroutines they start is not lost with the
// process: it is recovered, with its stack, and panics again as a
// *PanicError on the goroutine that called them (Go, Recover).
package par

import (
	"fmt"
	"math/bits"
	"runtime/debug"
	"sort"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Work scattered over ids (sharing's draws and the neighbour counts of
// agents whose activity changed, in sim; the second endpoints of a graph's
// edges, in sim/network) is grouped by blocks of ids before it is applied:
// the items for one block then touch a few dozen kilobytes of state rather
// than the whole population's, which turns random access at 10^7 ids (a
// cache miss an item) into streaming (the partitioning step of a radix
// join; Manegold, Boncz & Kersten 2000). Blocks are whole 64-bit words of
// id bitsets, so the blocks may be shared out among goroutines with no two
// writing the same word or id.

// Blocks is the scratch of one grouping, reused from call to call.
type Blocks struct {
	start []int
	pos   [][]int // per part: where its next item of each block goes
}

// BlockShift is log₂ of the ids in a block for n ids: at least a word
// of bits, at most 128 blocks (a partition pass writes to one stream per
// block: a few hundred streams would miss the cache themselves).
func BlockShift(n int) int { return max(6, bits.Len(uint(max(n, 1)-1))-7) }

// GroupByBlock writes src into dst grouped by block of key (a stable
// counting sort) and returns the start of each block in dst (n+1 entries).
// With parts > 1 the source is cut into parts contiguous pieces, each
// counted and scattered on its own goroutine; piece p's items of a block
// go after those of pieces before it, so the result is the same. With one
// part it allocates nothing once b has grown.
func GroupByBlock[T any](b *Blocks, dst, src []T, n, parts int, key func(T) int32) []int {
	shift := BlockShift(n)
	nb := (n-1)>>shift + 1
	for len(b.pos) < parts {
		b.pos = append(b.pos, nil)
	}
	g := grouping[T]{b: b, dst: dst, src: src, parts: parts, shift: shift, nb: nb, key: key}
	// One part runs on g in place; goroutines get a copy on the heap, so
	// that g itself never escapes.
	var gp *grouping[T]
	if parts <= 1 {
		g.count(0)
	} else {
		gp = new(grouping[T])
		*gp = g
		ForPartsWith(parts, gp, (*grouping[T]).count)
	}
	// Block k of piece p starts after blocks < k of every piece and block
	// k of pieces < p.
	start := append(b.start[:0], make([]int, nb+1)...)
	at := 0
	for k := range nb {
		start[k] = at
		for p := range parts {
			c := b.pos[p][k]
			b.pos[p][k] = at
			at += c
		}
	}
	start[nb] = at
	b.start = start
	if parts <= 1 {
		g.scatter(0)
	} else {
		ForPartsWith(parts, gp, (*grouping[T]).scatter)
	}
	return start
}

// grouping is one GroupByBlock call, handed to its goroutines.
type grouping[T any] struct {
	b         *Blocks
	dst, src  []T
	parts     int
	shift, nb int
	key       func(T) int32
}

func (g *grouping[T]) piece(p int) []T {
	return g.src[p*len(g.src)/g.parts : (p+1)*len(g.src)/g.parts]
}

// count counts piece p's items per block.
func (g *grouping[T]) count(p int) {
	cnt := append(g.b.pos[p][:0], make([]int, g.nb)...)
	for _, x := range g.piece(p) {
		cnt[g.key(x)>>g.shift]++
	}
	g.b.pos[p] = cnt
}

// scatter writes piece p's items to their places.
func (g *grouping[T]) scatter(p int) {
	pos := g.b.pos[p]
	for _, x := range g.piece(p) {
		k := g.key(x) >> g.shift
		g.dst[pos[k]] = x
		pos[k]++
	}
}

// ApplyGrouped applies items with apply(part, items): a batch below min
// as it is, in one part; a larger one grouped by blocks of key (buf is the
// scratch it is grouped into) and cut at block boundaries into parts of
// about equal size, each on its own goroutine.
func ApplyGrouped[T any](b *Blocks, buf *[]T, items []T, n, parts, min int, key func(T) int32, apply func(part int, items []T)) {
	ApplyGroupedWith(b, buf, items, n, parts, min, key, apply, func(apply func(int, []T), p int, items []T) { apply(p, items) })
}

// ApplyGroupedWith is ApplyGrouped with apply(c, part, items): with a
// function that captures nothing (a method expression) and c a pointer,
// a call on one part allocates nothing, which keeps a model step free of
// allocations.
func ApplyGroupedWith[T, C any](b *Blocks, buf *[]T, items []T, n, parts, min int, key func(T) int32, c C, apply func(c C, part int, items []T)) {
	if len(items) < min || len(items) == 0 {
		apply(c, 0, items)
		return
	}
	if cap(*buf) < len(items) {
		*buf = make([]T, len(items))
	}
	sorted := (*buf)[:len(items)]
	start := GroupByBlock(b, sorted, items, n, parts, key)
	if parts <= 1 {
		apply(c, 0, sorted)
		return
	}
	// Part p ends at the first block boundary at or after p/parts of the items.
	cut := func(p int) int {
		if p == parts {
			return len(items)
		}
		return start[sort.SearchInts(start, p*len(items)/parts)]
	}
	ForParts(parts, func(p int) { apply(c, p, sorted[cut(p):max(cut(p), cut(p+1))]) })
}

// CacheLine is the span of memory two cores cannot both write without
// passing it back and forth (64 bytes on x86-64 and most arm64).
const CacheLine = 64

// Padded returns a slice of n zero values followed by a cache line of
// spare capacity. Goroutines' own counters are tiny (a count per group)
// and, made one after another, would share cache lines: every increment
// on one core would then evict the line from the other (false sharing).
// The spare line keeps the next allocation's counters off this one's.
func Padded[T any](n int) []T {
	var z T
	return make([]T, n, n+CacheLine/max(1, int(unsafe.Sizeof(z)))+1)
}

// ForParts calls f(p) for p in 0..parts-1, each on its own goroutine when
// there is more than one.
func ForParts(parts int, f func(p int)) {
	ForPartsWith(parts, f, func(f func(int), p int) { f(p) })
}

// ForPartsWith is ForParts with f(c, p): with a function that captures
// nothing (a method expression such as (*Model).decideRange) and c a
// pointer, one part is a plain call and allocates nothing; a closure
// handed to goroutines is allocated on every call.
func ForPartsWith[C any](parts int, c C, f func(c C, p int)) {
	if parts <= 1 {
		f(c, 0)
		return
	}
	var wg sync.WaitGroup
	var crash atomic.Pointer[PanicError]
	for p := range parts {
		wg.Go(func() {
			defer catch(&crash)
			f(c, p)
		})
	}
	wg.Wait()
	if pe := crash.Load(); pe != nil {
		panic(pe) // on the caller's goroutine, where it can be recovered
	}
}

// PanicError is a panic recovered on a goroutine: a bug in connact, not a
// mistake of the user's. It keeps the panic's value and the stack of the
// goroutine that panicked, which the goroutine that reports it does not
// have.
type PanicError struct {
	Value any    // what was passed to panic
	Stack []byte // the panicking goroutine's stack, as debug.Stack prints it
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Recovered turns v, a value recover returned, into a *PanicError with the
// current stack; called in the deferred function that recovered, that is
// the stack of the panic. A *PanicError passed on from another goroutine
// (ForParts) keeps its own stack. Nil stays nil.
func Recovered(v any) *PanicError {
	if v == nil {
		return nil
	}
	if pe, ok := v.(*PanicError); ok {
		return pe
	}
	return &PanicError{Value: v, Stack: debug.Stack()}
}

// Recover, deferred, turns a panic of the function that defers it into
// *errp = a *PanicError: deferred in the body of a goroutine, it keeps the
// panic from ending the process and hands it to whoever waits for the
// goroutine's result.
func Recover(errp *error) {
	if pe := Recovered(recover()); pe != nil {
		*errp = pe
	}
}

// catch, deferred in a goroutine of ForParts, keeps the first panic of its
// parts in crash.
func catch(crash *atomic.Pointer[PanicError]) {
	if pe := Recovered(recover()); pe != nil {
		crash.CompareAndSwap(nil, pe)
	}
}

// Go runs f on a goroutine of its own and returns a channel that receives
// f's error, or a *PanicError if f panicked, once f has returned.
func Go(f func() error) <-chan error {
	done := make(chan error, 1)
	go func() {
		var err error
		defer func() { done <- err }()
		defer Recover(&err)
		err = f()
	}()
	return done
}
