//go:build race

package sim

// raceEnabled: the race detector changes what allocates, so allocation
// counts are not checked under it (TestStepAllocatesNothing).
const raceEnabled = true
