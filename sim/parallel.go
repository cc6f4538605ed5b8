package sim

import (
	"context"
	"sync"
)

// OrderedParallel computes work(i) for i = 0..n-1 on up to workers goroutines
// and hands the results to emit strictly in index order, so that what is
// written never depends on the number of workers or on scheduling. At most
// 2·workers results wait to be emitted at any time, so memory stays flat
// however large n is. The first error (from work, emit or ctx) stops the
// dispatch of new work and is returned once the workers have finished.
func OrderedParallel[T any](ctx context.Context, n, workers int, work func(i int) (T, error), emit func(i int, v T) error) error {
	// More workers than items would only wait: min(workers, n) of them
	// are started, so that a huge --workers costs nothing.
	workers = max(min(workers, n), 1)
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
				v, err := work(i)
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
	for r := range results {
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
	if first == nil && next < n {
		first = ctx.Err()
		if first == nil {
			first = context.Canceled
		}
	}
	return first
}
