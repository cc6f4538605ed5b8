package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/runner"
)

// crashHint is the line that follows a crash's stack: it says the crash is
// connact's fault, not the input's, and what a report needs.
const crashHint = "please report it to the connact developers with the command line, the scenario and this message"

// crashed turns v, a value recover returned on a goroutine of cmd, into
// the *runner.PanicError that exitCode reports as a crash (exit 3), with the
// stack of the panic: called in the deferred function that recovered. A
// *runner.PanicError passed on from sim's goroutines keeps its own stack.
func crashed(v any) error {
	if pe, ok := v.(*runner.PanicError); ok {
		return pe
	}
	return &runner.PanicError{Value: v, Stack: debug.Stack()}
}

// reportCrash reports a crash, a panic that reached run, on stderr: the
// panic, its stack, and what to do about it. It is a bug, never the
// user's mistake, hence exit status 3 rather than 2 (which a Go crash
// would exit with by itself).
func reportCrash(stderr io.Writer, err error) (int, bool) {
	var pe *runner.PanicError
	if !errors.As(err, &pe) {
		return 0, false
	}
	fmt.Fprintf(stderr, "connact: %v\n\n%s\n", pe, pe.Stack)
	fmt.Fprintf(stderr, "connact: this is a bug in connact %s, not a mistake in the input; %s\n", sim.Version, crashHint)
	return 3, true
}

// interruptible runs f — loading a scenario, reading its edge list,
// preparing a study, timing a run for validate's estimate: work that
// writes nothing — on a goroutine of its own, and returns its result, or
// ctx's error as soon as ctx is done. Ctrl-C then ends the command at
// once, not when a 500-condition scenario or a big edge list is read;
// abandoning f is safe since it writes nothing and the process is about
// to end. A panic in f is returned as a *runner.PanicError.
func interruptible[T any](ctx context.Context, f func() (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if v := recover(); v != nil {
				r = result{err: crashed(v)}
			}
			done <- r
		}()
		r.v, r.err = f()
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}
