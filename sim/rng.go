package sim

import (
	"math/rand/v2"

	"github.com/connact/connact/sim/internal/mix"
)

// Stream labels keep the random streams of one run apart: the population,
// the network and the dynamics draw from independent generators, so that a
// change in how one is drawn cannot shift the others.
type Stream uint64

// The streams of one run. The population, network and statistics streams
// are seeded from the replicate's PairedSeed, the dynamics from its RunSeed.
const (
	StreamPopulation Stream = 0x706f70 // "pop"
	StreamNetwork    Stream = 0x6e6574 // "net"
	StreamDynamics   Stream = 0x64796e // "dyn"
	StreamStats      Stream = 0x737461 // "sta"
	streamRun        Stream = 0x72756e // "run": RunSeed's path
)

// Derive hashes a seed and a path of integers into a new seed. Seeds derived
// from different paths are, for practical purposes, independent (SplitMix64
// finaliser; Steele, Lea & Flood 2014); the same path always gives the same
// seed, whatever order runs are executed in.
func Derive(seed uint64, path ...uint64) uint64 { return mix.Derive(seed, path...) }

// seedMask keeps derived seeds below 2^53, so that every tool reads the seed
// column exactly: R's read.csv and JavaScript turn large integers into
// doubles, which hold integers exactly only up to 2^53.
const seedMask = 1<<53 - 1

// RunSeed is the seed of one run's dynamics: replicate r of arm p under
// scenario seed s, where a study numbers its arms p = point·conditions +
// condition (sim/runner; a plain run has the one point 0). It is written on
// every output row.
func RunSeed(s uint64, point, replicate int) uint64 {
	return Derive(s, uint64(streamRun), uint64(point), uint64(replicate)) & seedMask
}

// PairedSeed is the seed of the population and network of replicate r. It does
// not depend on the point, so that every condition and sweep point of one
// replicate meets the same people on the same network (common random numbers;
// Law 2015, Simulation Modeling and Analysis, §11.2).
func PairedSeed(s uint64, replicate int) uint64 {
	return Derive(s, uint64(StreamPopulation), uint64(replicate)) & seedMask
}

// NewRand returns a PCG generator (O'Neill 2014) seeded from seed and a
// stream label.
func NewRand(seed uint64, stream Stream) *rand.Rand {
	return rand.New(rand.NewPCG(Derive(seed, uint64(stream)), Derive(seed, uint64(stream), 1)))
}
