package runner

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestOrderedParallelPanic: a panic in work, on a worker goroutine, is
// returned as a *PanicError with the panic's value and the stack of the
// goroutine that panicked, whatever the number of workers, instead of
// ending the process (where main could not report it as a crash).
func TestOrderedParallelPanic(t *testing.T) {
	for _, workers := range []int{1, 2, 4} {
		var emitted []int
		err := OrderedParallel(context.Background(), 20, workers,
			func(i int) (int, error) {
				if i == 7 {
					panicInWork(i)
				}
				return i, nil
			},
			func(i, v int) error { emitted = append(emitted, v); return nil })
		var pe *PanicError
		if !errors.As(err, &pe) {
			t.Errorf("workers %d: error %v, want a *PanicError", workers, err)
			continue
		}
		if pe.Value != "work 7 broke" || !strings.Contains(string(pe.Stack), "panicInWork") {
			t.Errorf("workers %d: panic %v with stack\n%s\nwant the value and the stack of panicInWork", workers, pe.Value, pe.Stack)
		}
		if len(emitted) > 7 {
			t.Errorf("workers %d: emitted %v, past the run that panicked", workers, emitted)
		}
	}
}

func panicInWork(i int) { panic(fmt.Sprintf("work %d broke", i)) }

// longRun is one run of many steps: tens of seconds to the end.
const longRun = `name: long
steps: 1000000
replicates: 1
population: {size: 3000}
network: {model: gnm, mean_degree: 8}
frames:
  - {name: f, seeds: 30, share: 0.3, width: 0.5}
`

// TestRunContextStopsBetweenSteps: a run, alone or under RunAll with its
// fan-outs, returns ctx's error soon after ctx is cancelled, between two
// steps, rather than at its last step.
func TestRunContextStopsBetweenSteps(t *testing.T) {
	// The abandoned runs end by themselves at their next step; wait for
	// them, so that they do not run on into other tests (TestEstimateMemory
	// measures the heap).
	defer waitGoroutines(t, runtime.NumGoroutine())
	st := study(t, longRun)
	for _, tc := range []struct {
		name string
		run  func(ctx context.Context) error
	}{
		{"RunContext", func(ctx context.Context) error { _, err := st.RunContext(ctx, 0); return err }},
		{"RunAll, 2 workers on one run", func(ctx context.Context) error {
			return st.RunAll(ctx, 2, func(*Result) error { return errors.New("a run finished") })
		}},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- tc.run(ctx) }()
		time.Sleep(300 * time.Millisecond) // into the steps
		cancel()
		start := time.Now()
		select {
		case err := <-done:
			t.Logf("%s: returned %v after cancellation", tc.name, time.Since(start))
			if !errors.Is(err, context.Canceled) {
				t.Errorf("%s: error %v, want context.Canceled", tc.name, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: still running 5s after cancellation", tc.name)
		}
	}
	// Cancelled before it starts, a run builds nothing.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := st.RunContext(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before the start: error %v, want context.Canceled", err)
	}
}

// waitGoroutines waits up to 10 s for the goroutines to fall back to n.
func waitGoroutines(t *testing.T, n int) {
	for deadline := time.Now().Add(10 * time.Second); runtime.NumGoroutine() > n; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Errorf("%d goroutines 10 s after the runs were cancelled, %d before", runtime.NumGoroutine(), n)
			return
		}
	}
}
