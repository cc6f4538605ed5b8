package sim

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sync/atomic"

	"github.com/connact/connact/sim/internal/par"
	"github.com/connact/connact/sim/network"
	"github.com/connact/connact/sim/scenario"
)

// mechKind tells how a mechanism's frame is judged (step 3 of "One step" in the package doc).
type mechKind uint8

const (
	// kindOrganisation: the fixed collective frame of an organisation;
	// efficacy is judged against its membership.
	kindOrganisation mechKind = iota
	// kindPersonal: a personalised action frame; efficacy is judged against
	// the agent's own ties (personal expression escapes Olson's group-size effect).
	kindPersonal
	// kindCollective: an unorganised collective frame; efficacy is judged
	// against the whole population (Olson 1965).
	kindCollective
)

// mechanism is one organisation's collective frame or one peer-to-peer frame.
// Mechanisms 0..O-1 are the organisations in scenario order, O..O+F-1 the frames.
type mechanism struct {
	name    string
	kind    mechKind
	org     int     // organisation index (kindOrganisation), sponsor index or -1 (frames)
	frame   int     // frame index, or -1
	cost    float64 // participation cost c per step (changed by set_cost events)
	decay   float32 // attention factor per step, 2^(-1/h); 1 when h = 0
	width   float64 // tolerance τ_o or frame width w
	centre  float64 // centre of the generic frame (media, amplification)
	share   float64 // p_share (frames)
	lambda  float64 // −ln(1 − p_share), the rate of geometric skipping (frame.go)
	enabled bool
}

// organisation is the run-time state of one organisation.
type organisation struct {
	cfg        *scenario.Organisation
	mech       int
	budget     float64
	suppressed bool
	membership bool
	members    []int32 // dense list; memberPos[i] is i's index in it
}

// Model is one run: a population on a network under the scenario's
// mechanisms, advanced one synchronous step at a time. Agent state is a
// struct of arrays; nothing is allocated per step once the model is built.
type Model struct {
	sc  *scenario.Scenario
	Pop *Population
	Net *network.Graph
	rnd *rand.Rand
	t   int

	mechs   []mechanism
	orgs    []organisation
	frames  []int // frame index -> mechanism index
	bgMech  int   // mechanism of background awareness, -1 none
	sharing bool  // some enabled frame is shared peer to peer

	absolute  bool    // absolute (count) thresholds
	temp      float64 // decision temperature
	permanent bool
	rejoin    bool
	floor     float32 // attention floor

	// Dynamic agent state.
	attention []float32
	held      []int16   // mechanism whose frame the agent holds, -1 none
	centre    []float32 // centre of the held frame
	ever      []bool    // has ever participated
	removed   []bool    // removed from the network by an event
	done      []bool    // participation ended for good (rejoin: false)
	since     []int32   // step at which current participation started
	member    []int16   // organisation, -1 none
	memberPos []int32
	resources []float32
	aliveDeg  []int32 // neighbours not removed
	// activeNbr[i] counts i's neighbours active in the state decisions read
	// (t−1): kept up to date as activity changes, so that the social signal
	// costs O(1) instead of a scan of i's ties, and a step's cost follows
	// the changes rather than the number of ties (event-driven updating).
	activeNbr              []int32
	leaveDues, leaveForgot []int32 // memberships ending in settle
	alive                  int
	// seen[f] is the set of agents who have held peer frame f: a frame
	// loses its novelty for them and peers cannot bring it back (frame.go).
	// It also holds the agents gone, whom no peer reaches either, so that
	// sharing makes one test a draw, in one bit an agent (markGone).
	seen []bitset

	// The sets a step visits instead of all agents (bitset.go). aware holds
	// the agents holding a frame (held ≥ 0; every active agent is aware),
	// members the members of an organisation, earning the agents whose
	// resources still grow without their doing anything (income > 0, below
	// the cap). Outside aware ∪ members ∪ earning nothing changes from step
	// to step but the counts kept in aliveIn and everIn.
	aware, members, earning bitset
	// active holds the participants: state t−1 until decide writes state t
	// in place.
	active bitset
	// fading holds the aware agents whose frame decays (half-life > 0): the
	// only ones whose attention changes by itself. Every other aware agent
	// has attention exactly 1 (hold), so the observed mean needs only
	// their number.
	fading bitset
	// count is the state's per-group and per-mechanism counts, kept as
	// agents change, so that observing a step visits only the agents who
	// change by themselves.
	count stateCounts
	// dirty holds the aware agents whose inputs to the decision changed
	// since their last one (see decide): the others would decide as before.
	dirty     bitset
	evalAll   bool        // decide over every aware agent (temperature > 0, or the dense benchmark)
	mechState []mechInput // each mechanism's shared inputs at the last decide
	mechDirty []bool      // they changed since
	aliveIn   []int64     // per group: agents not removed
	everIn    []int64     // per group: agents who have ever participated
	// eff caches the efficacy e(n) for small groups (one's own ties), where
	// the power would otherwise be taken for every agent at every step.
	eff []float64

	// threads is the number of goroutines a step may use (deliver); the
	// run is the same whatever it is.
	threads     int
	blockMin    int // draws from which deliver groups them by target
	parallelMin int // agents from which decisions use the goroutines
	spanWords   int // words of a span of settle
	shareWords  int // words of a span of sharing, each with its own stream

	// Scratch, reused every step.
	draws       []draw
	drawers     []*drawer // per goroutine of share
	ph          phase
	sorted      []draw
	updates     []uint32 // neighbour count changes: agent id | negative bit
	sortedUp    []uint32
	blocks      par.Blocks
	partCount   []stateCounts
	decs        []decider
	sts         []settler
	pick        []int32
	memberCount []int // snapshot of membership sizes for efficacy

	// Per-step tallies written by the phases and read by observe.
	stepNew, stepLapsed []int64 // per group
	stepSpent           float64
	fadingIn            []fadingTally // per group

	obs *Observations
}

// phase is what a phase hands its goroutines besides the model: a method
// expression such as (*Model).decideRange and the model itself go to
// par.ForPartsWith, so that a step builds no closure and, on one goroutine,
// allocates nothing (the step benchmarks report 0 allocations).
type phase struct {
	parts  int
	spans  int    // settle, share: spans of agents
	costly bool   // settle: some mechanism costs
	shared bool   // decide: a mechanism's shared inputs changed
	first  int    // share: the round's first span
	key    uint64 // share: the step's key for the span streams
}

// Step returns the current step (0 before the first call to Step).
func (m *Model) Step() int { return m.t }

// NewModel builds the run-time model for a resolved scenario, a population
// and a network over it. enabled selects the mechanisms by name (nil: all),
// as a condition does. rnd drives the dynamics only.
func NewModel(sc *scenario.Scenario, pop *Population, g *network.Graph, enabled []string, rnd *rand.Rand) (*Model, error) {
	n := pop.N
	if g.N() != n {
		return nil, fmt.Errorf("sim: network has %d nodes, population %d agents", g.N(), n)
	}
	m := &Model{
		sc: sc, Pop: pop, Net: g, rnd: rnd,
		absolute:    sc.Decision.SocialMode == "absolute",
		temp:        sc.Decision.Temperature,
		permanent:   sc.Decision.Permanent,
		rejoin:      sc.Decision.Rejoin == nil || *sc.Decision.Rejoin,
		floor:       float32(sc.Decision.AttentionFloor),
		attention:   make([]float32, n),
		held:        make([]int16, n),
		centre:      make([]float32, n),
		ever:        make([]bool, n),
		removed:     make([]bool, n),
		done:        make([]bool, n),
		since:       make([]int32, n),
		member:      make([]int16, n),
		memberPos:   make([]int32, n),
		resources:   make([]float32, n),
		aliveDeg:    make([]int32, n),
		activeNbr:   make([]int32, n),
		alive:       n,
		aware:       newBitset(n),
		active:      newBitset(n),
		fading:      newBitset(n),
		members:     newBitset(n),
		earning:     newBitset(n),
		dirty:       newBitset(n),
		evalAll:     sc.Decision.Temperature > 0,
		threads:     1,
		blockMin:    blockDraws,
		parallelMin: parallelAgents,
		spanWords:   settleWords,
		shareWords:  settleWords,
	}
	if len(sc.Organisations)+len(sc.Frames) > math.MaxInt16 {
		return nil, fmt.Errorf("sim: at most %d organisations and frames", math.MaxInt16)
	}
	copy(m.resources, pop.Resources)
	maxDeg := int32(0)
	for i := range n {
		m.held[i] = -1
		m.member[i] = -1
		m.aliveDeg[i] = int32(g.Degree(int32(i)))
		maxDeg = max(maxDeg, m.aliveDeg[i])
		m.updateEarning(int32(i))
	}
	on := func(name string) bool {
		if enabled == nil {
			return true
		}
		for _, e := range enabled {
			if e == name {
				return true
			}
		}
		return false
	}
	orgIndex := map[string]int{}
	for k := range sc.Organisations {
		o := &sc.Organisations[k]
		orgIndex[o.Name] = k
		m.mechs = append(m.mechs, mechanism{
			name: o.Name, kind: kindOrganisation, org: k, frame: -1,
			cost: o.Cost, decay: decayFactor(o.HalfLife), width: o.Tolerance,
			centre: o.Position, enabled: on(o.Name),
		})
		m.orgs = append(m.orgs, organisation{
			cfg: o, mech: k, budget: o.Budget,
			membership: o.Membership == nil || *o.Membership,
		})
	}
	for k := range sc.Frames {
		f := &sc.Frames[k]
		kind, sponsor, centre := kindPersonal, -1, f.Centre
		if f.Expression == "collective" {
			kind = kindCollective
		}
		if f.Sponsor != "" && f.Sponsor != "crowd" {
			s, ok := orgIndex[f.Sponsor]
			if !ok {
				return nil, fmt.Errorf("sim: frame %q: unknown sponsor %q", f.Name, f.Sponsor)
			}
			// An organisation seeds the frame at its own position.
			sponsor, centre = s, sc.Organisations[s].Position
		}
		m.frames = append(m.frames, len(m.mechs))
		m.seen = append(m.seen, newBitset(n))
		m.mechs = append(m.mechs, mechanism{
			name: f.Name, kind: kind, org: sponsor, frame: k,
			cost: f.Cost, decay: decayFactor(f.HalfLife), width: f.Width,
			centre: centre, share: f.Share, lambda: -math.Log1p(-f.Share), enabled: on(f.Name),
		})
	}
	m.bgMech = m.mechanismIndex(sc.Background.Mechanism)
	for _, mc := range m.mechs {
		m.sharing = m.sharing || (mc.enabled && mc.kind != kindOrganisation && mc.share > 0)
	}
	m.memberCount = make([]int, len(m.orgs))
	m.mechState = make([]mechInput, len(m.mechs))
	m.mechDirty = make([]bool, len(m.mechs))
	m.eff = make([]float64, min(int(maxDeg), 1<<16)+2) // filled below
	G := len(pop.Groups)
	m.stepNew = make([]int64, G)
	m.stepLapsed = make([]int64, G)
	m.obs = newObservations(sc.Steps, G, m.mechs, len(m.orgs))
	m.obs.GroupSize = make([]int64, G)
	for _, g := range pop.Group {
		m.obs.GroupSize[g]++
	}
	m.aliveIn = append([]int64{}, m.obs.GroupSize...)
	m.everIn = make([]int64, G)
	m.count = newStateCounts(G, len(m.mechs))
	for d := range m.eff { // filled before decisions may run on several goroutines
		m.eff[d] = m.efficacyOf(d)
	}
	m.start()
	return m, nil
}

// decayFactor is the per-step attention factor for half-life h: after h
// steps without refresh attention has halved, a(t+h) = a(t)/2.
func decayFactor(h float64) float32 {
	if h <= 0 {
		return 1
	}
	return float32(math.Exp2(-1 / h))
}

// mechanismIndex returns the mechanism with the given name, or -1.
func (m *Model) mechanismIndex(name string) int {
	for k := range m.mechs {
		if m.mechs[k].name == name {
			return k
		}
	}
	return -1
}

// start sets up state 0: initial members, initial awareness, seeds and
// events scheduled at step 0, then records the initial observation.
func (m *Model) start() {
	for k := range m.orgs {
		o := &m.orgs[k]
		if !m.mechs[o.mech].enabled || !o.membership || o.cfg.Members <= 0 {
			continue
		}
		// Initial members: each agent within tolerance joins with
		// probability members, holding the organisation's frame.
		for i := range m.Pop.N {
			if math.Abs(float64(m.Pop.Position[i])-o.cfg.Position) <= o.cfg.Tolerance && m.member[i] < 0 && m.rnd.Float64() < o.cfg.Members {
				m.join(int32(i), k)
				m.hold(int32(i), o.mech, float32(o.cfg.Position))
			}
		}
	}
	for _, k := range m.frames {
		mc := &m.mechs[k]
		f := &m.sc.Frames[mc.frame]
		if !mc.enabled || f.Aware <= 0 {
			continue
		}
		for i := range m.Pop.N {
			if m.rnd.Float64() < f.Aware {
				m.hold(int32(i), k, float32(mc.centre))
			}
		}
	}
	m.beginStep()
	m.observe()
}

// beginStep runs the events and frame starts scheduled at the current step.
func (m *Model) beginStep() {
	for _, k := range m.frames {
		mc := &m.mechs[k]
		f := &m.sc.Frames[mc.frame]
		if mc.enabled && f.Start == m.t {
			n := f.Seeds
			if f.SeedShare > 0 {
				n = int(math.Round(f.SeedShare * float64(m.alive)))
			}
			m.seedFrame(k, n)
		}
	}
	for e := range m.sc.Events {
		if m.sc.Events[e].Step == m.t {
			m.applyEvent(&m.sc.Events[e])
		}
	}
}

// hold makes agent i aware of mechanism k's frame centred at c, with full
// attention. An active agent keeps the frame it acts on (it is committed);
// meeting that same mechanism again only refreshes its attention.
func (m *Model) hold(i int32, k int, c float32) { m.holdIn(&m.count, i, k, c) }

// holdIn is hold with the awareness counts kept in cnt (a goroutine's own
// during parallel delivery, see deliver).
func (m *Model) holdIn(cnt *stateCounts, i int32, k int, c float32) {
	if m.active.has(i) {
		if int(m.held[i]) == k {
			m.attention[i] = 1
			m.dirty.set(i)
		}
		return
	}
	if old := m.held[i]; old < 0 {
		cnt.aware[m.Pop.Group[i]]++
	} else {
		cnt.awareBy[old]--
	}
	cnt.awareBy[k]++
	m.held[i] = int16(k)
	m.centre[i] = c
	m.attention[i] = 1
	m.aware.set(i)
	if m.mechs[k].decay != 1 {
		m.fading.set(i)
	} else {
		m.fading.clear(i)
	}
	m.dirty.set(i)
	if f := m.mechs[k].frame; f >= 0 {
		m.seen[f].set(i)
	}
}

// markGone records that i is removed or done for good, for peer sharing:
// no peer reaches it any more, as if it had seen every frame (one bit test
// a draw, drawSpan).
func (m *Model) markGone(i int32) {
	for f := range m.seen {
		m.seen[f].set(i)
	}
}

// hasSeen reports whether agent i has held frame mechanism k before, or is
// gone (markGone).
func (m *Model) hasSeen(i int32, k int) bool {
	f := m.mechs[k].frame
	return f >= 0 && m.seen[f].has(i)
}

// forget drops the frame i holds.
func (m *Model) forget(i int32) { m.forgetIn(&m.count, i) }

// forgetIn is forget with the awareness counts kept in cnt.
func (m *Model) forgetIn(cnt *stateCounts, i int32) {
	if k := m.held[i]; k >= 0 {
		cnt.aware[m.Pop.Group[i]]--
		cnt.awareBy[k]--
	}
	m.held[i] = -1
	m.attention[i] = 0
	m.aware.clear(i)
	m.fading.clear(i)
}

// updateEarning keeps i in the earning set while its resources still grow
// by themselves.
func (m *Model) updateEarning(i int32) {
	if !m.removed[i] && m.Pop.Income[i] > 0 && m.resources[i] < m.Pop.Cap[i] {
		m.earning.set(i)
	} else {
		m.earning.clear(i)
	}
}

// Run advances the model to the scenario's last step.
func (m *Model) Run() {
	for m.t < m.sc.Steps {
		m.StepOnce()
	}
}

// RunContext is Run that stops between two steps once ctx is done, and
// then returns ctx's error: a run of 10^7 agents takes minutes, and Ctrl-C
// should not wait for it. The step reads one flag, which context.AfterFunc
// sets, rather than ctx itself, so that the check costs nothing beside a
// step.
func (m *Model) RunContext(ctx context.Context) error {
	var stop atomic.Bool
	defer context.AfterFunc(ctx, func() { stop.Store(true) })()
	for m.t < m.sc.Steps {
		if stop.Load() {
			return ctx.Err()
		}
		m.StepOnce()
	}
	return nil
}

// StepOnce advances the model by one synchronous step (the package doc, "One step"):
// every decision reads the state at t-1 and writes the state at t.
func (m *Model) StepOnce() {
	m.t++
	for g := range m.stepNew {
		m.stepNew[g], m.stepLapsed[g] = 0, 0
	}
	m.stepSpent = 0
	m.beginStep()  // 1. events
	m.broadcast()  // 2a. organisations
	m.amplify()    //     organisations amplifying sponsored frames
	m.share()      // 2b. peer sharing
	m.background() // 2c. spontaneous awareness
	m.decide()     // 3. decisions
	m.settle()     // 4. resources, 5. attention, 6. observe (one pass)
}

// Scenario returns the resolved scenario the model runs.
func (m *Model) Scenario() *scenario.Scenario { return m.sc }

// SetThreads lets a step's phases that can use them (delivery, decisions,
// settling) run on n goroutines. The run is the same whatever n is; set it
// before the first step.
func (m *Model) SetThreads(n int) { m.threads = max(n, 1) }

// Observations returns what the run has recorded so far.
func (m *Model) Observations() *Observations { return m.obs }
