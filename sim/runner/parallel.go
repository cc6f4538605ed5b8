package runner

import (
	"context"
	"sync"

	"github.com/connact/connact/sim/internal/par"
)

// PanicError is a panic recovered on one of sim's goroutines (a run of
// OrderedParallel or RunAll, or one of a run's or a graph's fan-outs): a
// bug, reported as an error that keeps the panic's value and stack. The
// goroutine that panicked has ended; whoever called the fan-out gets the
// error (or, from a fan-out inside a run, the panic again, carried up to
// the run's worker).
type PanicError = par.PanicError

// safely calls work(i), turning a panic into a *PanicError.
func safely[T any](work func(int) (T, error), i int) (v T, err error) {
	defer par.Recover(&err)
	return work(i)
}

// OrderedParallel computes work(i) for i = 0..n-1 on up to workers goroutines
// and hands the results to emit strictly in index order, so that what is
// written never depends on the number of workers or on scheduling. At most
// 2·workers results wait to be emitted at any time, so memory stays flat
// however large n is. The first error (from work, emit or ctx) stops the
// dispatch of new work and is returned once the workers have finished;
// when ctx is cancelled it is returned at once, and work still running is
// abandoned (its result is dropped, so work must write nothing else). A
// panic in work is returned as a *PanicError, with its stack, instead of
// ending the process from a worker goroutine that no caller can recover.
func OrderedParallel[T any](ctx context.Context, n, workers int, work func(i int) (T, error), emit func(i int, v T) error) error {
	// More workers than items would only wait: min(workers, n) of them
	// are started, so that a huge --workers costs nothing.
	workers = max(min(workers, n), 1)
	interrupted := ctx.Done() // the caller's ctx, not the one cancelled on an error below
	parentErr := ctx.Err
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		i   int
		v   T
		err error
	}
	window := make(chan struct{}, 2*workers) // tokens for results in flight
	jobs := make(chan int)
	results := make(chan result, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				v, err := safely(work, i)
				results <- result{i, v, err}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := 0; i < n; i++ {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	pending := make(map[int]T)
	next := 0
	var first error
	for {
		var r result
		select {
		case got, ok := <-results:
			if !ok {
				return finished(ctx, first, next, n)
			}
			r = got
		case <-interrupted:
			// Work in progress is abandoned, not waited for: a run of 10^7
			// agents may be seconds from its next look at ctx, inside one
			// phase (a network), and Ctrl-C should not wait for it. Work
			// writes nothing but its result, which is dropped; the workers
			// end by themselves (no send blocks: the window bounds the
			// results in flight by the channel's room).
			if first == nil {
				first = parentErr()
			}
			return first
		}
		if first != nil {
			continue // drain
		}
		if r.err != nil {
			first = r.err
			cancel()
			continue
		}
		pending[r.i] = r.v
		for {
			v, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if err := ctx.Err(); err != nil { // interrupted: emit nothing more
				first = err
				break
			}
			if err := emit(next, v); err != nil {
				first = err
				cancel()
				break
			}
			next++
			<-window
		}
	}
}

// finished is OrderedParallel's result once every worker has ended.
func finished(ctx context.Context, first error, next, n int) error {
	if first == nil && next < n {
		first = ctx.Err()
		if first == nil {
			first = context.Canceled
		}
	}
	return first
}
