// Package fuzzguard gives fuzz targets the per-input time limit that Go's
// fuzzer lacks, so that a hang (or a super-linear blow-up) is reported like
// a crash instead of showing only as a stalled exec count.
package fuzzguard

import (
	"fmt"
	"runtime"
	"time"
)

// Limit is how long one fuzz input may run. Every input of the project's
// fuzz targets takes milliseconds, so one that takes this long is a hang.
const Limit = 10 * time.Second

// Start crashes the test binary, with every goroutine's stack, if the
// current input runs longer than Limit; call the returned function when the
// input is done. Under -fuzz the worker dies and the fuzzer records the
// input in testdata/fuzz, as it does for a panic.
func Start() (stop func()) {
	timer := time.AfterFunc(Limit, func() {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		panic(fmt.Sprintf("fuzz input still running after %v (hang):\n%s", Limit, buf))
	})
	return func() { timer.Stop() }
}
