// Package agents owns the dynamic state of a run's agents: what each holds,
// whether it acts, its attention, resources, membership, remaining and
// active ties, and the sets and counts kept as they change. The model in
// package sim reads the state through accessors and changes it only
// through the transitions below (Hold, Forget, Start, Seed, Lapse, Join,
// Leave, SetResources, Decay, Commit, Renew, AddActiveNbr, Remove, Aggrieve,
// Choose, AddOrgNbr), so that what every
// change implies is done in one place, whatever mechanism asks for it:
//
//   - the dirty mark. The model decides again only for the agents whose
//     inputs to the decision changed since their last one (event-driven
//     updating, as in Watts 2002, §4; package sim, decide). Every
//     transition that changes an input of an agent's decision — the frame it
//     holds or its attention, its resources, its membership, its remaining
//     or active ties — marks that agent (and, for a removal, its
//     neighbours), so that no mechanism can forget to. The fields are
//     unexported: package sim cannot write them, and the compiler enforces
//     this; TestTransitionsMark checks the marks of every transition and
//     TestNothingWritesAround that nothing outside this package can.
//   - the gone set. An agent removed, or done for good, is added to every
//     frame's seen set, so that peer sharing ignores it in one bit test.
//   - the counts by group and mechanism (Counts) and the step's tallies
//     (Tally), which observation reads instead of visiting every agent.
//
// What an agent holds is one mechanism's frame (held, -1 for none). With a
// repertoire of actions (package sim, "Actions") it also does one action a
// step (Choose), keeps the set of actions it has done, and counts in its
// ties' signal only when its action is visible (Shown); the ties of an
// agent who organises count it (OrgNbr).
package agents

import (
	"math/bits"

	"github.com/connact/connact/sim/internal/par"
	"github.com/connact/connact/sim/network"
)

// Config is what the state needs to know of a run, fixed while it runs.
type Config struct {
	Group     []int32   // each agent's identity group
	Groups    int       // number of groups
	Resources []float32 // each agent's resources at the start
	Income    []float32 // earned per step
	Cap       []float32 // maximum resources
	Net       *network.Graph
	// Per mechanism: whether attention to its frame fades (half-life > 0),
	// and the index of its peer frame's seen set, or -1 (organisations).
	Fades []bool
	Frame []int
	// Commitment: the run keeps a commitment κ_i per agent (decision.
	// commitment given); Renews: per peer frame, whether re-exposure
	// renews attention with decaying novelty (frames[].novelty: decay),
	// which needs a count of re-exposures per agent. Both off: nothing
	// more is allocated.
	Commitment bool
	Renews     []bool
	// Backlash: the run keeps a backlash b_i per agent, the motivation
	// added by the repression it has seen (some event carries a backlash).
	Backlash bool
	// Frames is the number of peer frames (seen sets), Organisations the
	// number of organisations (member lists).
	Frames, Organisations int
	// Actions is the number of actions of a repertoire (at most 16; 0:
	// none, and nothing more is allocated): each agent then keeps the
	// action it does, the set of actions it has done, and whether its
	// action is hidden from its ties (package sim, "Actions").
	Actions int
	// Organises, per action, says whether doing it organises one's ties
	// (effect: organise): each agent then keeps the number of its ties
	// organising (OrgNbr). Nil: no action organises.
	Organises []bool
}

// State is the dynamic state of a run's agents, a struct of arrays indexed
// by agent id; nothing is allocated once it is made.
type State struct {
	n      int
	group  []int32
	income []float32
	cap    []float32
	net    *network.Graph
	fades  []bool
	frame  []int

	attention []float32
	held      []int16   // mechanism whose frame the agent holds, -1 none
	centre    []float32 // centre of the held frame
	ever      []bool    // has ever participated
	removed   []bool    // removed from the network by an event
	done      []bool    // participation ended for good (rejoin: false)
	since     []int32   // step at which current participation started
	member    []int16   // organisation, -1 none
	memberPos []int32   // index in its organisation's member list
	resources []float32
	aliveDeg  []int32 // neighbours not removed
	// activeNbr[i] counts i's neighbours active in the state decisions read
	// (t−1): kept up to date as activity changes (AddActiveNbr), so that
	// the social signal costs O(1) instead of a scan of i's ties.
	activeNbr []int32
	members   [][]int32 // per organisation: its members, in a dense list
	// commitment[i] is κ_i in [0,1] (nil when the run keeps none), and
	// committed the agents with κ_i > 0. exposures[f][i] counts i's
	// re-exposures to peer frame f (nil unless f renews with decaying
	// novelty), saturating at 255.
	commitment []float32
	committed  bitset
	exposures  [][]uint8
	// backlash[i] is b_i, the motivation added by the repression i has
	// seen (nil when no event carries a backlash).
	backlash []float32
	// act[i] is the action i does or last did (-1 none), did[i] the set
	// of actions it has ever done, hidden the agents whose action its
	// ties do not see (a private action): an active agent counts in its
	// neighbours' activeNbr only when not hidden (Shown). All nil
	// without actions.
	act    []int8
	did    []uint16
	hidden bitset
	// orgNbr[i] counts i's neighbours doing an action that organises,
	// in the state decisions read (t−1), like activeNbr; organises says
	// which actions do. Both nil when none does.
	orgNbr    []int32
	organises []bool

	// aware holds the agents holding a frame (every active agent is aware),
	// active the participants, fading the aware agents whose attention
	// decays by itself, inOrg the members of an organisation, earning the
	// agents whose resources still grow by themselves (income > 0, below
	// the cap), dirty the agents to decide again. seen[f] holds the agents
	// who have held peer frame f, and the agents gone.
	aware, active, fading, inOrg, earning, dirty bitset
	seen                                         []bitset

	alive  int
	tally  Tally   // the model's own: counts, step tallies, ever active
	aliveN []int64 // per group: agents not removed
}

// Init makes s the state of n = len(cfg.Group) agents at the start: no
// one holds a frame or is a member; every agent has its initial resources.
// A State lives inside its model (one pointer less on every access in a
// step) and must not be copied once in use.
func (s *State) Init(cfg Config) {
	n := len(cfg.Group)
	*s = State{
		n: n, group: cfg.Group, income: cfg.Income, cap: cfg.Cap, net: cfg.Net,
		fades: cfg.Fades, frame: cfg.Frame,
		attention: make([]float32, n),
		held:      make([]int16, n),
		centre:    make([]float32, n),
		ever:      make([]bool, n),
		removed:   make([]bool, n),
		done:      make([]bool, n),
		since:     make([]int32, n),
		member:    make([]int16, n),
		memberPos: make([]int32, n),
		resources: make([]float32, n),
		aliveDeg:  make([]int32, n),
		activeNbr: make([]int32, n),
		members:   make([][]int32, cfg.Organisations),
		aware:     newBitset(n),
		active:    newBitset(n),
		fading:    newBitset(n),
		inOrg:     newBitset(n),
		earning:   newBitset(n),
		dirty:     newBitset(n),
		alive:     n,
		tally:     NewTally(cfg.Groups, len(cfg.Fades)),
		aliveN:    make([]int64, cfg.Groups),
	}
	for f := range cfg.Frames {
		s.seen = append(s.seen, newBitset(n))
		var e []uint8
		if f < len(cfg.Renews) && cfg.Renews[f] {
			e = make([]uint8, n)
		}
		s.exposures = append(s.exposures, e)
	}
	if cfg.Commitment {
		s.commitment = make([]float32, n)
		s.committed = newBitset(n)
	}
	if cfg.Backlash {
		s.backlash = make([]float32, n)
	}
	if cfg.Actions > 0 {
		s.act, s.did, s.hidden = make([]int8, n), make([]uint16, n), newBitset(n)
		for i := range s.act {
			s.act[i] = -1
		}
	}
	if cfg.Organises != nil {
		s.orgNbr, s.organises = make([]int32, n), cfg.Organises
	}
	copy(s.resources, cfg.Resources)
	for i := range n {
		s.held[i] = -1
		s.member[i] = -1
		s.aliveDeg[i] = int32(cfg.Net.Degree(int32(i)))
		s.aliveN[s.group[i]]++
		s.updateEarning(int32(i))
	}
}

// N is the number of agents.
func (s *State) N() int { return s.n }

// Reading one agent.

// Attention is a_i, the attention i pays to the frame it holds (0 if none).
func (s *State) Attention(i int32) float32 { return s.attention[i] }

// Held is the mechanism whose frame i holds, or -1.
func (s *State) Held(i int32) int { return int(s.held[i]) }

// Centre is the centre of the frame i holds.
func (s *State) Centre(i int32) float32 { return s.centre[i] }

// Ever reports whether i has ever participated.
func (s *State) Ever(i int32) bool { return s.ever[i] }

// Removed reports whether i has been removed from the network.
func (s *State) Removed(i int32) bool { return s.removed[i] }

// Done reports whether i's participation has ended for good.
func (s *State) Done(i int32) bool { return s.done[i] }

// Gone reports whether i is removed or done for good: it takes no part
// any more.
func (s *State) Gone(i int32) bool { return s.removed[i] || s.done[i] }

// Since is the step at which i's current participation started.
func (s *State) Since(i int32) int32 { return s.since[i] }

// Member is the organisation i is a member of, or -1.
func (s *State) Member(i int32) int { return int(s.member[i]) }

// Resources is r_i.
func (s *State) Resources(i int32) float32 { return s.resources[i] }

// AliveDeg is the number of i's neighbours not removed.
func (s *State) AliveDeg(i int32) int32 { return s.aliveDeg[i] }

// ActiveNbr is the number of i's neighbours active at t−1.
func (s *State) ActiveNbr(i int32) int32 { return s.activeNbr[i] }

// Active reports whether i participates.
func (s *State) Active(i int32) bool { return s.active.has(i) }

// Shown reports whether i participates where its ties see it: active, in
// an action that is not hidden (every active agent without actions).
func (s *State) Shown(i int32) bool {
	return s.active.has(i) && (s.hidden == nil || !s.hidden.has(i))
}

// Act is the action i does or last did, -1 if none (always -1 without
// actions).
func (s *State) Act(i int32) int {
	if s.act == nil {
		return -1
	}
	return int(s.act[i])
}

// Organising reports whether i is active in an action that organises.
func (s *State) Organising(i int32) bool {
	return s.organises != nil && s.active.has(i) && s.act[i] >= 0 && s.organises[s.act[i]]
}

// OrgNbr is the number of i's neighbours organising at t−1 (0 when no
// action organises).
func (s *State) OrgNbr(i int32) int32 {
	if s.orgNbr == nil {
		return 0
	}
	return s.orgNbr[i]
}

// AddOrgNbr adds delta to j's count of organising neighbours.
func (s *State) AddOrgNbr(j int32, delta int32) {
	s.orgNbr[j] += delta
	s.dirty.set(j)
}

// orgCounts adds delta to the organising-neighbour count of each of i's
// neighbours, when i organises.
func (s *State) orgCounts(i int32, delta int32) {
	if !s.Organising(i) {
		return
	}
	for _, j := range s.net.Neighbours(i) {
		s.AddOrgNbr(j, delta)
	}
}

// Did is the set of actions i has ever done (bit a: action a).
func (s *State) Did(i int32) uint16 {
	if s.did == nil {
		return 0
	}
	return s.did[i]
}

// Aware reports whether i holds a frame.
func (s *State) Aware(i int32) bool { return s.aware.has(i) }

// Dirty reports whether i is marked for its next decision.
func (s *State) Dirty(i int32) bool { return s.dirty.has(i) }

// HasSeen reports whether i has held peer frame f before, or is gone.
func (s *State) HasSeen(f int, i int32) bool { return s.seen[f].has(i) }

// SeenSet is peer frame f's seen set, read-only, for a loop over many
// agents.
func (s *State) SeenSet(f int) Seen { return Seen{s.seen[f]} }

// Seen is a read-only view of a seen set.
type Seen struct{ b bitset }

// Has reports whether i is in the set.
func (v Seen) Has(i int32) bool { return v.b.has(i) }

// Commitment is κ_i (0 when the run keeps no commitment).
func (s *State) Commitment(i int32) float32 {
	if s.commitment == nil {
		return 0
	}
	return s.commitment[i]
}

// Backlash is b_i, the motivation added by the repression i has seen (0
// when the run keeps none).
func (s *State) Backlash(i int32) float32 {
	if s.backlash == nil {
		return 0
	}
	return s.backlash[i]
}

// Exposures is the number of times i has been shown peer frame f again
// since it first held it (0 unless f renews with decaying novelty).
func (s *State) Exposures(f int, i int32) int {
	if s.exposures[f] == nil {
		return 0
	}
	return int(s.exposures[f][i])
}

// Reading many agents: the sets a step visits, 64 agents a word, so that a
// phase can skip the words with no agent it concerns.

// Words is the number of words of a set.
func (s *State) Words() int { return len(s.aware) }

// AwareWord is word w of the aware set.
func (s *State) AwareWord(w int) uint64 { return s.aware[w] }

// ActiveWord is word w of the active set.
func (s *State) ActiveWord(w int) uint64 { return s.active[w] }

// DirtyWord is word w of the dirty set.
func (s *State) DirtyWord(w int) uint64 { return s.dirty[w] }

// FadingWord is word w of the set of aware agents whose attention fades.
func (s *State) FadingWord(w int) uint64 { return s.fading[w] }

// EarningWord is word w of the set of agents whose resources grow by
// themselves.
func (s *State) EarningWord(w int) uint64 { return s.earning[w] }

// CommittedWord is word w of the set of agents with commitment κ_i > 0
// (0 when the run keeps no commitment).
func (s *State) CommittedWord(w int) uint64 {
	if s.committed == nil {
		return 0
	}
	return s.committed[w]
}

// MemberWord is word w of the set of members of an organisation.
func (s *State) MemberWord(w int) uint64 { return s.inOrg[w] }

// EachFading calls f for every aware agent whose attention fades, in id
// order.
func (s *State) EachFading(f func(i int32)) { s.fading.each(f) }

// Members is the number of members of organisation k.
func (s *State) Members(k int) int { return len(s.members[k]) }

// MemberAt is member j of organisation k (list order changes as members
// leave).
func (s *State) MemberAt(k, j int) int32 { return s.members[k][j] }

// Alive is the number of agents not removed, AliveIn that of group g.
func (s *State) Alive() int          { return s.alive }
func (s *State) AliveIn(g int) int64 { return s.aliveN[g] }

// Tally is the model's own tally: the counts of the state and the step's
// tallies.
func (s *State) Tally() *Tally { return &s.tally }

// Transitions. Each changes one agent (and what that implies for others)
// and marks every agent whose inputs to the decision it changes.

// Mark marks i for its next decision although none of its inputs changed:
// for decisions that depend on the clock (a seed committed for its step,
// participation that ends after active_steps).
func (s *State) Mark(i int32) { s.dirty.set(i) }

// Undirty takes i's mark off as i decides (package sim, decide).
func (s *State) Undirty(i int32) { s.dirty.clear(i) }

// Hold makes i aware of mechanism k's frame centred at c, with full
// attention, counted in cnt (a goroutine's own during parallel delivery).
// An active agent keeps the frame it acts on (it is committed): meeting
// that same mechanism again only refreshes its attention.
func (s *State) Hold(cnt *Counts, i int32, k int, c float32) {
	if s.active.has(i) {
		if int(s.held[i]) == k {
			s.attention[i] = 1
			s.dirty.set(i)
		}
		return
	}
	if old := s.held[i]; old < 0 {
		cnt.aware[s.group[i]]++
	} else {
		cnt.awareBy[old]--
	}
	cnt.awareBy[k]++
	s.held[i] = int16(k)
	s.centre[i] = c
	s.attention[i] = 1
	s.aware.set(i)
	if s.fades[k] {
		s.fading.set(i)
	} else {
		s.fading.clear(i)
	}
	s.dirty.set(i)
	if f := s.frame[k]; f >= 0 {
		s.seen[f].set(i)
	}
}

// Forget drops the frame i holds, counted in cnt. Only an agent who does
// not act forgets, and it has no decision left to make until it holds a
// frame again (Hold marks it then): it is not marked.
func (s *State) Forget(cnt *Counts, i int32) {
	if k := s.held[i]; k >= 0 {
		cnt.aware[s.group[i]]--
		cnt.awareBy[k]--
	}
	s.held[i] = -1
	s.attention[i] = 0
	s.aware.clear(i)
	s.fading.clear(i)
}

// Start records that i starts participating at step t on the frame it
// holds, in tl. Its neighbours' active counts move after every decision of
// the step is made (AddActiveNbr), since decisions read t−1.
func (s *State) Start(tl *Tally, i int32, t int32) {
	s.active.set(i)
	s.participate(tl, i)
	s.since[i] = t
}

// participate counts i's start in tl.
func (s *State) participate(tl *Tally, i int32) {
	g := s.group[i]
	tl.count.active[g]++
	tl.count.activeBy[s.held[i]]++
	if !s.ever[i] {
		s.ever[i] = true
		tl.everIn[g]++
	}
	tl.stepNew[g]++
}

// Choose records that i does action a, which its ties see when visible
// (call it before Start or Seed, and for an active agent that changes its
// action, whose neighbours' counts the caller then moves if Shown
// changed). The first time i does a it is marked: what one has done enters
// one's next decision (an action's ladder). It reports whether it was the
// first time.
func (s *State) Choose(i int32, a int, visible bool) (first bool) {
	s.act[i] = int8(a)
	if visible {
		s.hidden.clear(i)
	} else {
		s.hidden.set(i)
	}
	if bit := uint16(1) << a; s.did[i]&bit == 0 {
		s.did[i] |= bit
		s.dirty.set(i)
		return true
	}
	return false
}

// Seed makes i active now, at step t (a frame's seeds), counted in the
// state's own tally; its neighbours' counts move at once, since seeds act
// before anyone decides (unless its action is hidden from them).
func (s *State) Seed(i int32, t int32) {
	if !s.active.has(i) {
		s.participate(&s.tally, i)
		if s.hidden == nil || !s.hidden.has(i) {
			s.neighbourCounts(i, 1)
		}
		s.active.set(i)
		s.orgCounts(i, 1)
	}
	s.active.set(i)
	s.since[i] = t
}

// Lapse records that i's participation ended, in tl; with rejoin false it
// ended for good (i is gone for sharing too). Like Start it does not mark
// i: an agent's own activity enters its decision only through the clock,
// which the decision marks itself (Mark).
func (s *State) Lapse(tl *Tally, i int32, rejoin bool) {
	s.active.clear(i)
	g := s.group[i]
	tl.count.active[g]--
	tl.count.activeBy[s.held[i]]--
	tl.stepLapsed[g]++
	if !rejoin {
		s.done[i] = true
		s.markGone(i)
	}
}

// AddActiveNbr adds delta to j's count of active neighbours.
func (s *State) AddActiveNbr(j int32, delta int32) {
	s.activeNbr[j] += delta
	s.dirty.set(j)
}

// neighbourCounts adds delta to the active-neighbour count of each of i's
// neighbours.
func (s *State) neighbourCounts(i int32, delta int32) {
	for _, j := range s.net.Neighbours(i) {
		s.AddActiveNbr(j, delta)
	}
}

// Join makes i a member of organisation k.
func (s *State) Join(i int32, k int) {
	s.member[i] = int16(k)
	s.memberPos[i] = int32(len(s.members[k]))
	s.members[k] = append(s.members[k], i)
	s.inOrg.set(i)
	s.dirty.set(i)
	s.tally.count.members[s.group[i]]++
}

// Leave ends i's membership, if it has one (swap-remove from the member
// list).
func (s *State) Leave(i int32) {
	k := s.member[i]
	if k < 0 {
		return
	}
	list := s.members[k]
	p := s.memberPos[i]
	last := list[len(list)-1]
	list[p] = last
	s.memberPos[last] = p
	s.members[k] = list[:len(list)-1]
	s.member[i] = -1
	s.inOrg.clear(i)
	s.dirty.set(i)
	s.tally.count.members[s.group[i]]--
}

// SetResources sets r_i to r (paid and earned in the step) and keeps i in
// the earning set while its resources still grow by themselves.
func (s *State) SetResources(i int32, r float32) {
	if r != s.resources[i] {
		s.resources[i] = r
		s.dirty.set(i)
	}
	s.updateEarning(i)
}

// updateEarning keeps i in the earning set while its resources still grow
// by themselves.
func (s *State) updateEarning(i int32) {
	if !s.removed[i] && s.income[i] > 0 && s.resources[i] < s.cap[i] {
		s.earning.set(i)
	} else {
		s.earning.clear(i)
	}
}

// Decay multiplies i's attention by f and returns it.
func (s *State) Decay(i int32, f float32) float32 {
	a := s.attention[i] * f
	s.attention[i] = a
	s.dirty.set(i)
	return a
}

// Commit sets i's commitment κ_i to k (in [0,1]; 0 takes i out of the
// committed set). Commitment enters i's decision (package sim, motivation).
func (s *State) Commit(i int32, k float32) {
	if k != s.commitment[i] {
		s.commitment[i] = k
		s.dirty.set(i)
	}
	if k > 0 {
		s.committed.set(i)
	} else {
		s.committed.clear(i)
	}
}

// Aggrieve adds b to i's backlash b_i: i has seen repression (package sim,
// events.go; Opp & Roehl 1990, Siegel 2011). The backlash enters i's
// decision (motivation).
func (s *State) Aggrieve(i int32, b float32) {
	if b == 0 || s.removed[i] {
		return
	}
	s.backlash[i] += b
	s.dirty.set(i)
}

// Renew is a re-exposure of i to mechanism k's peer frame, centred at c,
// whose novelty is now gain (package sim, receive: ν^n at the n-th
// re-exposure; Wu & Huberman 2007), counted in cnt. An agent holding that
// frame has its attention raised by the novelty left, a ← a + (1−a)·gain;
// one holding no frame (it forgot this one) holds it again with attention
// gain; one holding another frame keeps it. Every re-exposure counts.
func (s *State) Renew(cnt *Counts, i int32, k int, c float32, gain float32) {
	f := s.frame[k]
	if e := s.exposures[f]; e[i] < 255 {
		e[i]++
	}
	switch s.held[i] {
	case int16(k):
		a := s.attention[i]
		s.attention[i] = a + (1-a)*gain
		s.dirty.set(i)
	case -1:
		s.Hold(cnt, i, k, c)
		s.attention[i] = gain
	}
}

// Remove takes agent i out of the population and the network: it stops
// acting, leaves its organisation, forgets its frame and earns nothing,
// and its neighbours, whose signals are now over fewer ties, are marked.
func (s *State) Remove(i int32) {
	if s.removed[i] {
		return
	}
	s.removed[i] = true
	s.markGone(i)
	s.alive--
	s.aliveN[s.group[i]]--
	if s.active.has(i) {
		if s.Shown(i) {
			s.neighbourCounts(i, -1)
		}
		s.orgCounts(i, -1)
		s.tally.count.active[s.group[i]]--
		s.tally.count.activeBy[s.held[i]]--
	}
	s.active.clear(i)
	s.Leave(i)
	s.Forget(&s.tally.count, i)
	s.earning.clear(i)
	if s.commitment != nil {
		s.commitment[i] = 0
		s.committed.clear(i)
	}
	for _, j := range s.net.Neighbours(i) {
		s.aliveDeg[j]--
		s.dirty.set(j)
	}
}

// markGone records that i is removed or done for good: no peer reaches it
// any more, as if it had seen every frame (one bit test a draw in sharing).
func (s *State) markGone(i int32) {
	for f := range s.seen {
		s.seen[f].set(i)
	}
}

// Counts are the state's counts by group and by mechanism, kept as agents
// change: hold and forget (aware), start and lapse (active), join and
// leave (members), remove. Parallel phases keep their own, added to the
// state's after (Add).
type Counts struct {
	aware, active, members []int64 // per group
	awareBy, activeBy      []int64 // per mechanism
}

// NewCounts returns zero counts for groups and mechanisms, each list
// padded off the next one's cache line.
func NewCounts(groups, mechs int) Counts {
	return Counts{
		aware: par.Padded[int64](groups), active: par.Padded[int64](groups), members: par.Padded[int64](groups),
		awareBy: par.Padded[int64](mechs), activeBy: par.Padded[int64](mechs),
	}
}

// Clear sets every count to 0.
func (c *Counts) Clear() {
	clear(c.aware)
	clear(c.active)
	clear(c.members)
	clear(c.awareBy)
	clear(c.activeBy)
}

// Add adds the counts in d to c.
func (c *Counts) Add(d *Counts) {
	for g := range d.aware {
		c.aware[g] += d.aware[g]
		c.active[g] += d.active[g]
		c.members[g] += d.members[g]
	}
	for k := range d.awareBy {
		c.awareBy[k] += d.awareBy[k]
		c.activeBy[k] += d.activeBy[k]
	}
}

// Aware, Active and Members are the counts of group g; AwareBy and
// ActiveBy those of mechanism k.
func (c *Counts) Aware(g int) int64    { return c.aware[g] }
func (c *Counts) Active(g int) int64   { return c.active[g] }
func (c *Counts) Members(g int) int64  { return c.members[g] }
func (c *Counts) AwareBy(k int) int64  { return c.awareBy[k] }
func (c *Counts) ActiveBy(k int) int64 { return c.activeBy[k] }

// Groups and Mechanisms are the lengths of the counts.
func (c *Counts) Groups() int     { return len(c.aware) }
func (c *Counts) Mechanisms() int { return len(c.awareBy) }

// Tally is what changes to agents add up beyond the agents themselves:
// the counts, and per group the step's new and lapsed participants and
// those who have ever participated. The state keeps its own; each
// goroutine deciding in parallel keeps one, added to the state's after
// (Merge).
type Tally struct {
	count                       Counts
	stepNew, stepLapsed, everIn []int64
}

// NewTally returns an empty tally.
func NewTally(groups, mechs int) Tally {
	return Tally{
		count:   NewCounts(groups, mechs),
		stepNew: par.Padded[int64](groups), stepLapsed: par.Padded[int64](groups), everIn: par.Padded[int64](groups),
	}
}

// Clear empties the tally.
func (tl *Tally) Clear() {
	tl.count.Clear()
	clear(tl.stepNew)
	clear(tl.stepLapsed)
	clear(tl.everIn)
}

// Counts are the tally's counts.
func (tl *Tally) Counts() *Counts { return &tl.count }

// New and Lapsed are group g's participants who started and stopped in
// the step; Ever those who have ever participated.
func (tl *Tally) New(g int) int64    { return tl.stepNew[g] }
func (tl *Tally) Lapsed(g int) int64 { return tl.stepLapsed[g] }
func (tl *Tally) Ever(g int) int64   { return tl.everIn[g] }

// BeginStep clears the step's tallies of new and lapsed participants.
func (tl *Tally) BeginStep() {
	clear(tl.stepNew)
	clear(tl.stepLapsed)
}

// Merge adds a goroutine's tally to the state's.
func (s *State) Merge(tl *Tally) {
	for g := range s.tally.stepNew {
		s.tally.stepNew[g] += tl.stepNew[g]
		s.tally.stepLapsed[g] += tl.stepLapsed[g]
		s.tally.everIn[g] += tl.everIn[g]
	}
	s.tally.count.Add(&tl.count)
}

// bitset is one bit per agent: a step visits only the agents a phase
// concerns, in agent order, at the cost of one word read per 64 agents for
// the rest (a sparse campaign on 10^7 agents reads 1.25 MB per set instead
// of walking 10^7 agents).
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i int32)      { b[i>>6] |= 1 << (uint32(i) & 63) }
func (b bitset) clear(i int32)    { b[i>>6] &^= 1 << (uint32(i) & 63) }
func (b bitset) has(i int32) bool { return b[i>>6]&(1<<(uint32(i)&63)) != 0 }

// each calls f for every agent in the set whose word, as read when the
// word is reached, has its bit; f may change the set (bits of later words
// are seen as changed, bits of the current word as they were).
func (b bitset) each(f func(i int32)) {
	for w, x := range b {
		for x != 0 {
			f(int32(w<<6 | bits.TrailingZeros64(x)))
			x &= x - 1
		}
	}
}
