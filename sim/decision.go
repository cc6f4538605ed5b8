package sim

import (
	"math"
	"math/bits"

	"github.com/connact/connact/sim/internal/agents"
	"github.com/connact/connact/sim/internal/par"
)

// The decision (step 3). For each aware agent i the motivation is
//
//	M_i = β_id·ι_i·a_i·fit_i + β_soc·(s_i − θ_i) + β_inc·I_i − β_cost·c/r_i − β_fr·f_i·(1 − e_i) [+ β_com·κ_i]
//
// (the last term with decision.commitment only: κ_i is the agent's
// commitment, commitment.go)
// with fit_i = max(0, 1 − |x_i − centre_i|/width) for the frame it holds,
// s_i the share (fractional mode) or number (absolute mode) of its neighbours
// active at t-1 (complex contagion, Centola & Macy 2007; Granovetter 1978),
// the share over the ties it had before any removal unless
// decision.tie_loss is renormalise (tieDenominator),
// I_i the selective incentive of its organisation when it holds that
// organisation's frame as a member (Olson 1965), as far as the
// organisation's budget pays for it (organisation.go, "Economy"), c the mechanism's cost per
// step, and e_i = min(1, (n_ref/n_rel)^γ) the perceived efficacy (see
// relevantGroup; for personal expression, personalEfficacy). The agent participates at t iff r_i ≥ c and M_i ≥ 0 (ties
// join, "at least θ"); with temperature T > 0 it participates with
// probability 1/(1+exp(−M_i/T)), so that active agents may also drop out.
//
// Aware agents holding an acting organisation's frame who are not members
// join it when fit_i > 0, r_i ≥ dues and M_i ≥ 0, M_i weighed as a member
// would (with the incentive I_i, efficacy against the membership it joins);
// they then decide on participation as members.
//
// Special rules, each a switch in the scenario:
//   - seeds are committed in the step they are seeded;
//   - active_steps > 0 ends participation after that many steps (with
//     rejoin: false the agent is removed: the SIR / independent cascade);
//   - permanent: participation never lapses (the monotone threshold models of
//     Granovetter 1978 and Watts 2002).
//
// Participation ends ("lapses") when the rule above fails for an active agent;
// with rejoin: false a lapsed agent never participates again.
//
// Only the agents whose decision can differ from their last one are visited
// (event-driven updating, as in the event-driven threshold models of
// Watts 2002, §4): with temperature 0 the decision is a function of the
// agent's own state and of a few quantities its mechanism shares, so an agent
// none of whose inputs changed decides as it did. An agent's own inputs
// are marked by the transitions of sim/internal/agents, the only code that
// can change them, wherever a mechanism calls them: a neighbour's activity
// (AddActiveNbr, Seed), a tie lost (Remove), a frame held or refreshed
// (Hold, Renew), attention decaying (Decay), resources moving (SetResources),
// membership (Join, Leave), commitment (Commit); that package's TestTransitionsMark and
// TestMutationsCaught check every mark. The shared inputs — cost,
// membership size, the population left, whether the organisation acts,
// the incentive it can pay —
// are compared per mechanism each step (mechanismsChanged). Agents whose
// decision depends on the clock (seeded this step, active_steps) stay
// marked (agents.State.Mark). With temperature > 0 every aware agent
// draws every step, as before. TestEventDrivenExact checks that visiting
// every aware agent gives byte-identical runs on every shipped scenario.
func (m *Model) decide() {
	for k := range m.orgs {
		m.memberCount[k] = m.ag.Members(k)
	}
	shared := m.mechanismsChanged()
	// The words of the aware set are cut into one range per goroutine.
	// Each decision writes only its own agent's state (its bits of the
	// sets included, and ranges are whole words); what it changes beyond
	// (tallies, counts, the changed list, memberships) goes to its range's
	// decider, merged below in agent order. Decisions at temperature > 0
	// draw keyed by agent and step (rng.go), so they too may be made in
	// any order on any number of goroutines.
	parts := 1
	if m.threads > 1 && m.Pop.N >= m.parallelMin {
		parts = m.threads
	}
	decs := m.deciders(parts)
	m.ph = phase{parts: parts, shared: shared}
	if m.temp > 0 {
		m.ph.decideKey = m.stepKey(purposeDecide, m.t)
	}
	par.ForPartsWith(parts, m, (*Model).decideRange)
	for p := range decs {
		m.merge(&decs[p])
	}
	// Synchronous update: the counts the loop read were those of t−1; now
	// that every decision is made, they move to t. Each decider lists the
	// updates of its changed agents on its own goroutine, a round of at
	// most drawBatch in all at a time; integer sums and marks do not depend
	// on the order they are applied in.
	if m.actSt != nil && m.actSt.organise != 0 {
		m.organiserUpdates()
	}
	for {
		par.ForPartsWith(parts, m, (*Model).listUpdates)
		done := true
		for p := range decs {
			if len(decs[p].updates) > 0 {
				m.applyCounts(decs[p].updates)
				done = false
			}
		}
		if done {
			return
		}
	}
}

// decideRange makes the decisions of part p of the aware set's words.
func (m *Model) decideRange(p int) {
	dc, parts, words, t := &m.decs[p], m.ph.parts, m.ag.Words(), int32(m.t)
	for w := p * words / parts; w < (p+1)*words/parts; w++ {
		x := m.ag.AwareWord(w)
		if !m.evalAll && !m.ph.shared {
			x &= m.ag.DirtyWord(w)
		}
		for x != 0 {
			b := uint32(bits.TrailingZeros64(x))
			x &= x - 1
			i := int32(w<<6) | int32(b)
			if !m.evalAll && m.ag.DirtyWord(w)&(1<<b) == 0 && !m.mechDirty[m.ag.Held(i)] {
				continue
			}
			m.ag.Undirty(i)
			m.decideOne(dc, i, t)
		}
	}
}

// listUpdates lists the next round of neighbour-count updates of decider
// p's changed agents (decide).
func (m *Model) listUpdates(p int) {
	dc := &m.decs[p]
	u := dc.updates[:0]
	for ; dc.next < len(dc.changed) && len(u) < drawBatch/m.ph.parts; dc.next++ {
		i := dc.changed[dc.next]
		var neg uint32
		if !m.ag.Shown(i) {
			neg = lapsedBit
		}
		for _, j := range m.Net.Neighbours(i) {
			u = append(u, uint32(j)|neg)
		}
	}
	dc.updates = u
}

// orgUpdate is the organising-count update of agent i: started (now) or
// stopped.
func orgUpdate(i int32, now bool) uint32 {
	if now {
		return uint32(i)
	}
	return uint32(i) | lapsedBit
}

// lapsedBit marks a neighbour count update as a decrement (agent ids are
// below 2^31).
const lapsedBit = 1 << 31

// applyCounts applies neighbour count updates (an agent id, with lapsedBit
// for −1) and marks those agents for their next decision. Integer sums
// do not depend on order, so a large batch is applied grouped by blocks
// (par.ApplyGrouped) on the run's goroutines.
func (m *Model) applyCounts(u []uint32) {
	par.ApplyGroupedWith(&m.blocks, &m.sortedUp, u, m.Pop.N, m.threads, m.blockMin, updateTarget, m, (*Model).applyUpdates)
}

func updateTarget(x uint32) int32 { return int32(x &^ lapsedBit) }

// applyUpdates applies a part of the neighbour count updates.
func (m *Model) applyUpdates(_ int, u []uint32) {
	for _, x := range u {
		if x&lapsedBit != 0 {
			m.ag.AddActiveNbr(int32(x&^lapsedBit), -1)
		} else {
			m.ag.AddActiveNbr(int32(x), 1)
		}
	}
}

// mechInput is what the holders of one mechanism's frame share in their
// decisions besides their own state.
type mechInput struct {
	cost               float64
	members, alive     int
	acting, suppressed bool
	incentive          float64 // the selective incentive paid now (organisation.go, "Economy")
	progress           float64 // m(t), the outcome's marginal product (outcome.go)
	open               uint16  // the actions open now (actions.go)
}

// mechanismsChanged records which mechanisms' shared inputs changed since
// the last decision and reports whether any did.
func (m *Model) mechanismsChanged() bool {
	any := false
	for k := range m.mechs {
		mc := &m.mechs[k]
		in := mechInput{cost: mc.cost, alive: m.ag.Alive()}
		if m.out != nil {
			in.progress = m.out.marginal
		}
		if m.actSt != nil {
			in.open = m.actSt.open
		}
		if mc.kind.organised() {
			in.members = m.memberCount[mc.org]
			in.acting = m.acting(mc.org)
			in.suppressed = m.orgs[mc.org].suppressed
			in.incentive = m.orgs[mc.org].incentive
		}
		m.mechDirty[k] = in != m.mechState[k]
		m.mechState[k] = in
		any = any || m.mechDirty[k]
	}
	return any
}

// decideOne is the decision of aware agent i at step t: it writes i's state
// at t in place (no decision reads another agent's activity, only the
// counts, which move after the loop).
func (m *Model) decideOne(dc *decider, i int32, t int32) {
	d := &m.sc.Decision
	ag := &m.ag
	was := ag.Active(i)
	switch {
	case ag.Gone(i): // never active (remove, lapse)
		return
	case was && ag.Since(i) == t: // seeded this step: committed, decides next step
		ag.Mark(i)
		return
	case was && d.ActiveSteps > 0 && int(t-ag.Since(i)) >= d.ActiveSteps:
		// The clock, not its inputs, ended i's participation: next step it
		// decides afresh whether to rejoin.
		m.lapse(dc, i)
		ag.Mark(i)
		return
	case was && m.permanent:
		if d.ActiveSteps > 0 {
			ag.Mark(i)
		}
		return
	case ag.Attention(i) < m.floor:
		// Not aware any more: attention has run out, and with it
		// participation, unless contact renewed it this step.
		if was {
			m.lapse(dc, i)
		}
		return
	}
	k := ag.Held(i)
	mc := &m.mechs[k]
	mot, fit := m.motivation(i, k, false)
	r := float64(ag.Resources(i))
	if mc.kind.organised() && ag.Member(i) < 0 && fit > 0 {
		// A prospect weighs the organisation as a member would: with
		// its selective incentive, its contribution seen by the
		// membership. Joining is what makes the incentive count
		// (Olson 1965, ch. I.F: selective incentives work only for
		// those inside).
		o := &m.orgs[mc.org]
		if o.membership && m.acting(mc.org) && r >= o.cfg.Dues {
			if as, _ := m.motivation(i, k, true); as >= 0 {
				dc.joins = append(dc.joins, i) // i joins its organisation after the decisions
				mot = as
			}
		}
	}
	part, act := r >= mc.cost, -1
	if part && m.acts != nil {
		// A community of action: the best action i can pay for
		// (actions.go), whose worth decides.
		act, mot = m.choose(i, mot, r, mc.cost)
		part = act >= 0
	}
	if part {
		if m.temp > 0 {
			part = unit(m.ph.decideKey, uint64(i)) < 1/(1+math.Exp(-mot/m.temp))
		} else {
			part = mot >= 0
		}
	}
	switch {
	case part && m.acts != nil:
		// Its ties' counts move when what they see of i changes: it
		// starts or stops a visible action, or switches between a
		// visible and a private one; likewise when it starts or stops
		// organising.
		shown, organising := ag.Shown(i), ag.Organising(i)
		m.doAction(i, act, dc.did[:])
		if !was {
			ag.Start(&dc.tally, i, t)
		}
		if ag.Shown(i) != shown {
			dc.changed = append(dc.changed, i)
		}
		if now := ag.Organising(i); now != organising {
			dc.orgChanged = append(dc.orgChanged, orgUpdate(i, now))
		}
	case part && !was:
		ag.Start(&dc.tally, i, t)
		dc.changed = append(dc.changed, i)
	case !part && was:
		m.lapse(dc, i)
	}
	if part && d.ActiveSteps > 0 {
		ag.Mark(i) // its participation runs out with the clock
	}
}

// parallelAgents is the population from which decisions are shared out
// among a run's goroutines (below it a goroutine costs more than it saves;
// Model.parallelMin, which tests lower).
const parallelAgents = 1 << 16

// decider gathers what decisions change beyond the deciding agent itself:
// tallies, the agents whose activity changed, the prospects who join.
type decider struct {
	tally   agents.Tally
	changed []int32
	joins   []int32
	// updates are the neighbour-count changes of changed[:next], made on
	// the decider's goroutine (decide).
	updates []uint32
	next    int
	// did counts the agents who did an action for the first time, and
	// orgChanged lists the agents who started (id) or stopped (id |
	// lapsedBit) organising (actions.go).
	did        [maxActions]int64
	orgChanged []uint32
	// Deciders sit side by side in a slice, each written by its own
	// goroutine: the pad keeps one's slice headers off the next one's
	// cache line.
	_ [par.CacheLine]byte
}

// deciders returns n deciders with empty tallies and lists.
func (m *Model) deciders(n int) []decider {
	for len(m.decs) < n {
		m.decs = append(m.decs, decider{tally: agents.NewTally(len(m.Pop.Groups), len(m.mechs))})
	}
	d := m.decs[:n]
	for p := range d {
		d[p].tally.Clear()
		d[p].changed, d[p].joins, d[p].next = d[p].changed[:0], d[p].joins[:0], 0
		d[p].did, d[p].orgChanged = [maxActions]int64{}, d[p].orgChanged[:0]
	}
	return d
}

// merge adds a decider's tallies to the model's and applies its joins, in
// agent order (decide then updates the neighbours of its changed agents).
func (m *Model) merge(dc *decider) {
	m.ag.Merge(&dc.tally)
	if m.actSt != nil {
		for a := range m.actSt.did {
			m.actSt.did[a] += dc.did[a]
		}
	}
	for _, i := range dc.joins {
		m.ag.Join(i, m.mechs[m.ag.Held(i)].org)
	}
}

// lapse records that i's participation ended at this step (its neighbours'
// counts are updated by decide once all decisions are made).
func (m *Model) lapse(dc *decider, i int32) {
	shown := m.ag.Shown(i) // a private action's end is not seen
	if m.ag.Organising(i) {
		dc.orgChanged = append(dc.orgChanged, orgUpdate(i, false))
	}
	m.ag.Lapse(&dc.tally, i, m.rejoin)
	if shown {
		dc.changed = append(dc.changed, i)
	}
}

// motivation returns M_i and fit_i for agent i holding mechanism k; with
// prospect it is weighed as if i were already a member of k's organisation.
func (m *Model) motivation(i int32, k int, prospect bool) (mot, fit float64) {
	d := &m.sc.Decision
	mc := &m.mechs[k]
	// fit enters the identity term and, for an organisation's frame, the
	// prospect's test; without either the division is not needed (and
	// β_id = 0 makes the term +0, as computing it would).
	if d.Identity != 0 || mc.kind.organised() {
		fit = m.fit(i, k)
		mot = d.Identity * float64(m.Pop.Identity[i]) * float64(m.ag.Attention(i)) * fit
	}
	if d.Social != 0 {
		// Compared in float32, the precision thresholds are stored in, so
		// that a tie such as 1/5 active against θ = 0.2 joins as it should.
		mot += d.Social * float64(float32(m.socialSignal(i))-m.Pop.Threshold[i])
	}
	if d.Incentive != 0 && mc.kind.organised() && (prospect || m.ag.Member(i) == mc.org) {
		// The incentive the organisation can pay now: cfg.Incentive
		// itself unless its budget falls short (organisation.go).
		mot += d.Incentive * m.orgs[mc.org].incentive
	}
	if d.Cost != 0 && mc.cost > 0 {
		r := float64(m.ag.Resources(i))
		if r <= 0 {
			return math.Inf(-1), fit
		}
		mot -= d.Cost * mc.cost / r
	}
	if d.FreeRiding != 0 {
		var e float64 // perceived efficacy e_i
		if m.out != nil && m.out.progress {
			e = m.out.marginal // read from observed progress (outcome.go)
		} else if kinds[mc.kind].efficacy == ofTies {
			e = m.personalEfficacy(i)
		} else {
			e = m.efficacy(m.relevantGroup(i, k))
		}
		mot -= d.FreeRiding * float64(m.Pop.FreeRiding[i]) * (1 - e)
	}
	if m.com != nil && m.com.Weight != 0 {
		mot += m.com.Weight * float64(m.ag.Commitment(i)) // commitment.go
	}
	if m.backlash {
		mot += float64(m.ag.Backlash(i)) // the repression i has seen (events.go, "Repression")
	}
	if m.out != nil && m.out.cfg.Weight != 0 {
		// The value of one's contribution: one's group's value of the
		// good times the progress it can still make (outcome.go).
		mot += m.out.cfg.Weight * m.out.values[m.Pop.Group[i]] * m.out.marginal
	}
	return mot, fit
}

// fit is fit_i = max(0, 1 − |x_i − centre_i|/width) for the frame of
// mechanism k that i holds.
func (m *Model) fit(i int32, k int) float64 {
	return max(0, 1-math.Abs(float64(m.Pop.Position[i]-m.ag.Centre(i)))/m.mechs[k].width)
}

// socialSignal is s_i: the number (absolute mode) or the share (fractional
// mode) of i's neighbours who were active at t-1, the share over
// tieDenominator. An agent with no ties sees 0.
func (m *Model) socialSignal(i int32) float64 {
	c := m.ag.ActiveNbr(i)
	if m.absolute {
		return float64(c)
	}
	deg := m.tieDenominator(i)
	if deg == 0 {
		return 0
	}
	return float64(c) / float64(deg)
}

// tieDenominator is the number of ties i's shares of active ties are
// taken over (decision.tie_loss). With counts, the default, it is every
// tie i had: a neighbour removed by an event is a lost tie that no longer
// acts, so a removal lowers the shares of the removed agent's active
// neighbours and leaves the others' as they were, and removing agents can
// never raise anyone's social signal. With renormalise it is the ties that
// remain, the rule before model 2.0, under which removing an inactive
// neighbour raises one's share: removing the least active hubs then raised
// participation (issue 17).
//
// Until the first removal every tie remains and the two rules agree, so
// the count of remaining ties is read (tiesLost is set by remove under
// counts): it sits beside the other decision inputs, and the check is
// small enough for socialSignal to stay inlined (BenchmarkThresholdStep).
func (m *Model) tieDenominator(i int32) int32 {
	if m.tiesLost {
		return int32(m.Net.Degree(i))
	}
	return m.ag.AliveDeg(i)
}

// remove takes agent i out of the run (an event), and from then on shares
// of active ties are over the ties one had, unless tie_loss is renormalise.
func (m *Model) remove(i int32) {
	m.ag.Remove(i)
	m.tiesLost = !m.renormalise
}
