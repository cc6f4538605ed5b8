package sim

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sync/atomic"

	"github.com/connact/connact/sim/internal/agents"
	"github.com/connact/connact/sim/internal/par"
	"github.com/connact/connact/sim/network"
	"github.com/connact/connact/sim/scenario"
)

// mechKind tells how a mechanism's frame works (step 3 of "One step" in
// the package doc); kinds is the one table of what each kind does.
type mechKind uint8

const (
	kindOrganisation mechKind = iota // an organisation's fixed collective frame
	kindPersonal                     // a personalised action frame (Bennett & Segerberg 2012)
	kindCollective                   // an unorganised collective frame
)

// kindRule is what a kind of mechanism does.
type kindRule struct {
	// organised: the frame of an organisation, which broadcasts it (its
	// peers do not pass it on); its members pay dues and receive its
	// selective incentive, prospects who hold it may join, and a member
	// who forgets it leaves.
	organised bool
	// efficacy is the group against which one's own contribution is
	// judged (relevantGroup).
	efficacy efficacyGroup
	// expression is the value of frames[].expression that selects the
	// kind ("" for organisations, which are not frames).
	expression string
}

// efficacyGroup is the reference group n_rel of the perceived efficacy
// e_i = min(1, (n_ref/n_rel)^γ).
type efficacyGroup uint8

const (
	// ofMembership: the organisation's membership (or the whole
	// population when it has none or is suppressed).
	ofMembership efficacyGroup = iota
	// ofTies: personal expression, which escapes Olson's group-size
	// effect; its law is decision.personal_efficacy (personalEfficacy).
	ofTies
	// ofPopulation: the whole population (Olson 1965).
	ofPopulation
)

var kinds = [...]kindRule{
	kindOrganisation: {organised: true, efficacy: ofMembership},
	kindPersonal:     {efficacy: ofTies, expression: "personal"},
	kindCollective:   {efficacy: ofPopulation, expression: "collective"},
}

// organised reports whether k is an organisation's frame (kindRule).
func (k mechKind) organised() bool { return kinds[k].organised }

// frameKind is the kind of a frame of the given expression: personal
// unless the scenario says otherwise.
func frameKind(expression string) mechKind {
	for k, r := range kinds {
		if !r.organised && r.expression == expression {
			return mechKind(k)
		}
	}
	return kindPersonal
}

// mechanism is one organisation's collective frame or one peer-to-peer frame.
// Mechanisms 0..O-1 are the organisations in scenario order, O..O+F-1 the frames.
type mechanism struct {
	name    string
	kind    mechKind
	org     int     // organisation index (kindOrganisation), sponsor index or -1 (frames)
	frame   int     // frame index, or -1
	cost    float64 // participation cost c per step (changed by set_cost events)
	decay   float32 // attention factor per step, 2^(-1/h); 1 when h = 0
	rate    float64 // −1/h (0 when h = 0): log2 of decay, which commitment's sustain scales
	novelty float64 // ν of frames[].novelty: decay, 0 for once (news only once)
	width   float64 // tolerance τ_o or frame width w
	centre  float64 // centre of the generic frame (media, amplification)
	share   float64 // p_share (frames)
	lambda  float64 // −ln(1 − p_share), the rate of geometric skipping (frame.go)
	enabled bool
	// Repression with a duration (events.go, "Repression"): the cost set
	// by the scenario or set_cost, and the share probability of the
	// scenario, which raise_cost, throttle and shutdown change while
	// they last; shutdown: the frame is shut down (no sharing, no
	// amplification).
	baseCost, baseShare float64
	shutdown            bool
}

// organisation is the run-time state of one organisation.
type organisation struct {
	cfg        *scenario.Organisation
	mech       int
	budget     float64
	suppressed bool
	membership bool // it has members (its members are in ag)
	// incentive is the selective incentive a member receives now:
	// cfg.Incentive times the share of the members' incentives the
	// budget paid at the last payment (cfg.Incentive itself when
	// incentives are free). See organisation.go, "Economy".
	incentive float64
	// accounts: it keeps an economy (Observations.Accounts); step is
	// what it spent and counted in the current step.
	accounts bool
	step     accountStep
}

// Model is one run: a population on a network under the scenario's
// mechanisms, advanced one synchronous step at a time. Agent state is a
// struct of arrays; nothing is allocated per step once the model is built.
type Model struct {
	sc  *scenario.Scenario
	Pop *Population
	Net *network.Graph
	// Audience is the audience layer (network.audience), nil when there is
	// none: the ties over which a sharer's frame is shown (frame.go). Net
	// keeps everything else: the social signal, personal efficacy by ties,
	// neighbourhood seeding, backlash, recruitment through members' ties,
	// and removal by degree. Barberá et al. (2015) count a protest's reach
	// over followers, most of whom never take part, and its k-cores over
	// the interaction (retweet) network. shareNet is Audience when there
	// is one and Net otherwise, chosen once so that sharing reads one graph
	// without a branch per draw.
	Audience *network.Graph
	shareNet *network.Graph
	// key keys every draw of the dynamics (rng.go, "Keyed draws"); pcg
	// and rnd are the generator that stream reseeds for each purpose.
	key uint64
	pcg rand.PCG
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
	// com is decision.commitment, nil when the run keeps no commitment
	// (commitment.go).
	com *scenario.Commitment
	// timed: some event represses for a duration (throttle, shutdown,
	// raise_cost), so each step's cost and share probability are made
	// again from the events in force (repress). backlash: some event
	// carries a backlash, which the agents keep and the motivation adds.
	timed, backlash bool
	// out is the run's public good (outcome.go), nil without an outcome.
	out *outcomeState
	// acts is the repertoire of actions and actSt its counts (actions.go),
	// both nil without actions.
	acts  []actionRule
	actSt *actionState

	// ag is the agents' dynamic state; mechanisms read it and change it
	// only through its transitions (sim/internal/agents), which keep the
	// marks for the next decision, the sets and the counts.
	ag agents.State

	// evalAll: decide over every aware agent (temperature > 0, or the
	// dense benchmark). Otherwise only the agents marked since their last
	// decision are visited (decide).
	evalAll   bool
	mechState []mechInput // each mechanism's shared inputs at the last decide
	mechDirty []bool      // they changed since
	// eff caches the efficacy e(n) for small groups (one's own ties), where
	// the power would otherwise be taken for every agent at every step.
	// effLaw is decision.personal_efficacy; effJoint the efficacy of
	// personal expression under joint, e at the mean degree; effActive
	// caches that of A active ties under active_ties (personalEfficacy).
	eff       []float64
	effLaw    scenario.PersonalEfficacy
	effJoint  float64
	effActive []float64
	// renormalise: decision.tie_loss: renormalise, shares over the ties
	// that remain; otherwise over the ties one had (tieDenominator).
	renormalise bool
	// tiesLost: an agent has been removed and shares are over the ties
	// one had (tieDenominator).
	tiesLost bool

	// threads is the number of goroutines a step may use (deliver); the
	// run is the same whatever it is.
	threads     int
	blockMin    int // draws from which deliver groups them by target
	parallelMin int // agents from which decisions use the goroutines
	spanWords   int // words of a span of settle
	shareWords  int // words of a span of sharing, drawn on one goroutine

	// Scratch, reused every step.
	draws       []draw
	drawers     []*drawer // per goroutine of share
	ph          phase
	sorted      []draw
	updates     []uint32 // neighbour count changes: agent id | negative bit
	sortedUp    []uint32
	blocks      par.Blocks
	partCount   []agents.Counts
	decs        []decider
	sts         []settler
	pick        []int32
	churned     []int32 // members leaving by churn (broadcast)
	memberCount []int   // snapshot of membership sizes for efficacy
	// memberships ending in settle: dues unpaid, frame forgotten
	leaveDues, leaveForgot []int32

	// Per-step tallies written by the phases and read by observe (the
	// agents' own are in ag's Tally).
	stepSpent float64
	fadingIn  []fadingTally // per group
	commitSum float64       // commitment summed over the agents (commitment.go)

	obs *Observations
	// watch is what observers keep (view.go), nil when nobody observes.
	watch *watch
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
	key    uint64 // share: the step's key of the sharers' streams
	// decideKey is decide's step key at temperature > 0 (rng.go).
	decideKey uint64
}

// Step returns the current step (0 before the first call to Step).
func (m *Model) Step() int { return m.t }

// NewModel builds the run-time model for a resolved scenario, a population
// and a network over it. enabled selects the mechanisms by name (nil: all),
// as a condition does. rnd drives the dynamics only: the model takes one
// key from it, from which every draw is keyed (rng.go, "Keyed draws").
func NewModel(sc *scenario.Scenario, pop *Population, g *network.Graph, enabled []string, rnd *rand.Rand) (*Model, error) {
	return NewModelAudience(sc, pop, g, nil, enabled, rnd)
}

// NewModelAudience is NewModel with an audience layer aud over the same
// agents (nil: none), over which frames are shown instead of over g
// (Model.Audience).
func NewModelAudience(sc *scenario.Scenario, pop *Population, g, aud *network.Graph, enabled []string, rnd *rand.Rand) (*Model, error) {
	n := pop.N
	if g.N() != n {
		return nil, fmt.Errorf("sim: network has %d nodes, population %d agents", g.N(), n)
	}
	shareNet := g
	if aud != nil {
		if aud.N() != n {
			return nil, fmt.Errorf("sim: audience layer has %d nodes, population %d agents", aud.N(), n)
		}
		shareNet = aud
	}
	m := &Model{
		sc: sc, Pop: pop, Net: g, Audience: aud, shareNet: shareNet, key: rnd.Uint64(),
		absolute:    sc.Decision.SocialMode == scenario.SocialAbsolute,
		temp:        sc.Decision.Temperature,
		permanent:   sc.Decision.Permanent,
		rejoin:      sc.Decision.Rejoin == nil || *sc.Decision.Rejoin,
		floor:       float32(sc.Decision.AttentionFloor),
		com:         sc.Decision.Commitment,
		evalAll:     sc.Decision.Temperature > 0,
		renormalise: sc.Decision.TieLoss == scenario.TieLossRenormalise,
		threads:     1,
		blockMin:    blockDraws,
		parallelMin: parallelAgents,
		spanWords:   settleWords,
		shareWords:  settleWords,
	}
	m.rnd = rand.New(&m.pcg)
	if len(sc.Organisations)+len(sc.Frames) > math.MaxInt16 {
		return nil, fmt.Errorf("sim: at most %d organisations and frames", math.MaxInt16)
	}
	maxDeg := 0
	for i := range n {
		maxDeg = max(maxDeg, g.Degree(int32(i)))
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
			cost: o.Cost, decay: decayFactor(o.HalfLife), rate: decayRate(o.HalfLife), width: o.Tolerance,
			centre: o.Position, enabled: on(o.Name),
		})
		m.orgs = append(m.orgs, organisation{
			cfg: o, mech: k, budget: o.Budget,
			membership: o.Membership == nil || *o.Membership,
			incentive:  o.Incentive, accounts: o.KeepsAccounts(),
		})
	}
	for k := range sc.Frames {
		f := &sc.Frames[k]
		kind, sponsor, centre := frameKind(string(f.Expression)), -1, f.Centre
		if f.Sponsor != "" && f.Sponsor != scenario.Crowd {
			s, ok := orgIndex[f.Sponsor]
			if !ok {
				return nil, fmt.Errorf("sim: frame %q: unknown sponsor %q", f.Name, f.Sponsor)
			}
			// An organisation seeds the frame at its own position.
			sponsor, centre = s, sc.Organisations[s].Position
		}
		novelty := 0.0
		if f.Novelty == "decay" {
			novelty = f.NoveltyFactor
		}
		m.frames = append(m.frames, len(m.mechs))
		m.mechs = append(m.mechs, mechanism{
			name: f.Name, kind: kind, org: sponsor, frame: k, novelty: novelty,
			cost: f.Cost, decay: decayFactor(f.HalfLife), rate: decayRate(f.HalfLife), width: f.Width,
			centre: centre, share: f.Share, lambda: -math.Log1p(-f.Share), enabled: on(f.Name),
		})
	}
	m.bgMech = m.mechanismIndex(sc.Background.Mechanism)
	for k := range m.mechs {
		mc := &m.mechs[k]
		m.sharing = m.sharing || (mc.enabled && !mc.kind.organised() && mc.share > 0)
		mc.baseCost, mc.baseShare = mc.cost, mc.share
	}
	for _, e := range sc.Events {
		m.timed = m.timed || e.Type == scenario.EventThrottle || e.Type == scenario.EventShutdown || e.Type == scenario.EventRaiseCost
		m.backlash = m.backlash || (e.Type.Repression() && e.Backlash != 0)
	}
	if len(sc.Actions) > 0 {
		if len(pop.Skill) != len(sc.Actions) {
			return nil, fmt.Errorf("sim: the population has skills for %d actions, the scenario %d (Population.DrawSkills)", len(pop.Skill), len(sc.Actions))
		}
		m.acts, m.actSt = newActions(sc.Actions, pop)
	}
	m.memberCount = make([]int, len(m.orgs))
	m.mechState = make([]mechInput, len(m.mechs))
	m.mechDirty = make([]bool, len(m.mechs))
	m.eff = make([]float64, min(maxDeg, 1<<16)+2) // filled below
	G := len(pop.Groups)
	cfg := agents.Config{
		Group: pop.Group, Groups: G, Resources: pop.Resources, Income: pop.Income, Cap: pop.Cap, Net: g,
		Frames: len(m.frames), Organisations: len(m.orgs), Commitment: m.com != nil,
		Backlash: m.backlash, Actions: len(m.acts),
	}
	if m.actSt != nil && m.actSt.organise != 0 {
		for _, a := range m.acts {
			cfg.Organises = append(cfg.Organises, a.organises)
		}
	}
	for _, mc := range m.mechs {
		cfg.Fades = append(cfg.Fades, mc.decay != 1)
		cfg.Frame = append(cfg.Frame, mc.frame)
		if mc.frame >= 0 {
			cfg.Renews = append(cfg.Renews, mc.novelty > 0)
		}
	}
	m.ag.Init(cfg)
	m.obs = newObservations(sc.Steps, G, m.mechs, len(m.orgs))
	for k := range m.orgs {
		if m.orgs[k].accounts {
			m.obs.addAccount(k, len(m.orgs))
		}
	}
	if m.com != nil {
		m.obs.MeanCommitment = make([]float64, sc.Steps+1)
	}
	m.obs.Concession = -1
	if m.acts != nil {
		m.obs.addActions(m.acts)
	}
	if m.out = newOutcome(sc.Outcome, n, G); m.out != nil {
		m.obs.Good = make([]float64, sc.Steps+1)
	}
	m.obs.GroupSize = make([]int64, G)
	for g := range G {
		m.obs.GroupSize[g] = m.ag.AliveIn(g)
	}
	for d := range m.eff { // filled before decisions may run on several goroutines
		m.eff[d] = m.efficacyOf(d)
	}
	m.effLaw = sc.Decision.PersonalEfficacy
	// joint: at the mean degree k̄ = 2E/N of the network as built, so that
	// no removal changes it (personalEfficacy).
	m.effJoint = math.Min(1, math.Pow(sc.Decision.EfficacyRef/max(1, 2*float64(g.Edges())/float64(max(n, 1))), sc.Decision.EfficacyExponent))
	if m.effLaw == scenario.EfficacyActiveTies {
		m.effActive = make([]float64, len(m.eff))
		for a := range m.effActive {
			m.effActive[a] = m.activeTiesEfficacy(a)
		}
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

// decayRate is log2 of decayFactor(h): −1/h, 0 when h = 0.
func decayRate(h float64) float64 {
	if h <= 0 {
		return 0
	}
	return -1 / h
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
		key := m.keyOf(purposeMembers, 0, uint64(k))
		for i := range m.Pop.N {
			if math.Abs(float64(m.Pop.Position[i])-o.cfg.Position) <= o.cfg.Tolerance && m.ag.Member(int32(i)) < 0 && unit(key, uint64(i)) < o.cfg.Members {
				m.ag.Join(int32(i), k)
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
		key := m.keyOf(purposeAware, 0, uint64(k))
		for i := range m.Pop.N {
			if unit(key, uint64(i)) < f.Aware {
				m.hold(int32(i), k, float32(mc.centre))
			}
		}
	}
	m.beginStep()
	m.observe()
	m.produce()
}

// beginStep runs the events and frame starts scheduled at the current step.
func (m *Model) beginStep() {
	if m.actSt != nil {
		m.actSt.open = m.openActions(m.t)
	}
	for _, k := range m.frames {
		mc := &m.mechs[k]
		f := &m.sc.Frames[mc.frame]
		if mc.enabled && f.Start == m.t {
			n := f.Seeds
			if f.SeedShare > 0 {
				n = int(math.Round(f.SeedShare * float64(m.ag.Alive())))
			}
			m.seedFrame(k, n)
		}
	}
	for e := range m.sc.Events {
		if m.sc.Events[e].Step == m.t {
			m.applyEvent(e)
		}
	}
	if m.timed {
		m.repress()
	}
}

// hold makes agent i aware of mechanism k's frame centred at c
// (agents.State.Hold), counted in the agents' own counts.
func (m *Model) hold(i int32, k int, c float32) { m.ag.Hold(m.ag.Tally().Counts(), i, k, c) }

// hasSeen reports whether agent i has held frame mechanism k before, or is
// gone.
func (m *Model) hasSeen(i int32, k int) bool {
	f := m.mechs[k].frame
	return f >= 0 && m.ag.HasSeen(f, i)
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
	m.ag.Tally().BeginStep()
	m.stepSpent = 0
	m.beginStep()  // 1. events
	m.broadcast()  // 2a. organisations
	m.amplify()    //     organisations amplifying sponsored frames
	m.share()      // 2b. peer sharing
	m.background() // 2c. spontaneous awareness
	m.decide()     // 3. decisions
	m.settle()     // 4. resources, 5. attention, 6. observe (one pass)
	m.produce()    //    the public good, with an outcome (outcome.go)
	if m.watch != nil {
		m.watch.notify() // observers (view.go)
	}
}

// Scenario returns the resolved scenario the model runs.
func (m *Model) Scenario() *scenario.Scenario { return m.sc }

// SetThreads lets a step's phases that can use them (delivery, decisions,
// settling) run on n goroutines. The run is the same whatever n is; set it
// before the first step.
func (m *Model) SetThreads(n int) { m.threads = max(n, 1) }

// Observations returns what the run has recorded so far.
func (m *Model) Observations() *Observations { return m.obs }
