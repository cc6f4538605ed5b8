// Package memwatch samples the heap for the benchmarks that show memory
// stays flat in the number of runs (sim/sweep, sim/fit).
package memwatch

import (
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// Peak samples the bytes of heap objects every millisecond, keeping the
// largest in peak, until stop is closed.
func Peak(stop <-chan struct{}, peak *atomic.Uint64) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for {
		metrics.Read(s)
		if v := s[0].Value.Uint64(); v > peak.Load() {
			peak.Store(v)
		}
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}
