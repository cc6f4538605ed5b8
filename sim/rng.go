package sim

import (
	"math/rand/v2"

	"github.com/connact/connact/sim/internal/mix"
)

// Stream labels keep the random streams of one run apart: the population,
// the network and the dynamics draw from independent generators, so that a
// change in how one is drawn cannot shift the others.
type Stream uint64

// The streams of one run. The population, network, audience and statistics
// streams are seeded from the replicate's PairedSeed, the dynamics from its
// RunSeed.
const (
	StreamPopulation Stream = 0x706f70 // "pop"
	StreamNetwork    Stream = 0x6e6574 // "net"
	StreamAudience   Stream = 0x617564 // "aud": network.audience, independent of the interaction network
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

// Keyed draws. The dynamics do not read one random stream in the order the
// step happens to make its draws: every draw is keyed by what it is for
// (a purpose), the step, and the agent, organisation, frame or event it
// concerns, hashed with the run's key (counter-based random numbers;
// Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2, 3", SC'11).
// Two runs with the same key therefore make the same draw for the same
// agent at the same step whatever else differs between them: arms of a
// study that differ only from an event on (a hub attack, a repression)
// share their random numbers after it as well as before, for every agent
// the event left alone (common random numbers at the level of the draw;
// Law 2015, §11.2). A shared stream would shift every later draw once one
// arm made one draw more than the other.
//
// A purpose that makes several draws (an organisation's contacts, a
// sharer's ties) gets a PCG stream seeded from its key; a single draw per
// agent (a decision at temperature > 0, churn, conversion, initial
// membership and awareness) is the hash itself.
type purpose uint64

const (
	purposeDecide     purpose = iota + 1 // an aware agent's logit decision
	purposeShare                         // a sharer's draws over its ties
	purposeContact                       // an organisation's members to contact
	purposeRecruit                       // an organisation's recruitment contacts
	purposeChurn                         // a missed member's leaving
	purposeConvert                       // a sharer's conversion to member
	purposeAmplify                       // an organisation's media contacts for a frame
	purposeSeed                          // a frame's seeds
	purposeBackground                    // spontaneous awareness
	purposeEvent                         // an event's random choice
	purposeMembers                       // initial membership
	purposeAware                         // initial awareness
)

// stepKey is the key of purpose p at step t, from which the draws of
// every agent or object of that purpose at t are keyed.
func (m *Model) stepKey(p purpose, t int) uint64 {
	return mix.Derive(m.key, uint64(p), uint64(t))
}

// keyed hashes a step key and an index (an agent, an organisation) into a
// draw of 64 random bits.
func keyed(k uint64, i uint64) uint64 { return mix.Mix64(k ^ mix.Mix64(i)) }

// unit is keyed's draw as a uniform float64 in [0, 1), from its top 53
// bits as rand.Float64 does.
func unit(k uint64, i uint64) float64 { return float64(keyed(k, i)>>11) * (1.0 / (1 << 53)) }

// keyOf is the key of purpose p at step t for index i (an agent, an
// organisation, a frame, an event).
func (m *Model) keyOf(p purpose, t int, i uint64) uint64 { return keyed(m.stepKey(p, t), i) }

// seedFrom seeds a PCG generator from key k: the stream of a purpose that
// makes several draws.
func seedFrom(pcg *rand.PCG, k uint64) { pcg.Seed(k, mix.Mix64(k)) }

// stream reseeds the model's own generator for purpose p at the current
// step and index i and returns it. Its draws are valid until the next call.
func (m *Model) stream(p purpose, i uint64) *rand.Rand {
	seedFrom(&m.pcg, m.keyOf(p, m.t, i))
	return m.rnd
}
