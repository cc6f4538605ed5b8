package sim

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/connact/connact/sim/scenario"
)

// Events (step 1) happen at the start of their step, before
// exposure, in the order the scenario lists them:
//
//   - suppress: the organisations stop acting for good (no contact, no
//     recruitment, no dues); their members are released. Participants go on
//     while their motivation holds, now without incentive and judging their
//     efficacy against the whole population.
//   - remove_hubs: the count (or share) of remaining agents with the most
//     remaining ties are removed from the network (a targeted attack,
//     Albert, Jeong & Barabási 2000); ties broken by lower id.
//   - remove_periphery: the count (or share) of remaining agents with the
//     fewest remaining ties (the periphery; Barberá et al. 2015); ties
//     broken by lower id.
//   - remove_random: a share of the remaining agents, uniformly at random.
//   - set_cost: the participation cost of a mechanism changes (repression).
//   - media_shock: a share of the remaining agents, uniformly at random,
//     become aware of a mechanism's generic frame (an organisation's frame at
//     its position; a frame at its centre), whatever their distance to it.
//   - seed_frame: count agents start acting on a frame, as its seeds do.
//
// Repression aimed at connective action (issue 17), each with an
// optional backlash b (events[].backlash, 0 by default):
//
//   - arrest: count (or a share) of the participants (of one mechanism,
//     or all) are removed: by activity, those active longest in their
//     current spell; by degree, those with the most remaining ties (the
//     most visible sharers); or at random among them. Ties break to the
//     lower id. Each remaining tie of an arrested agent sees the arrest.
//   - throttle: a frame's share probability is multiplied by factor for
//     duration steps (platform moderation).
//   - shutdown: a frame is not shared at all, nor amplified, for duration
//     steps (an internet shutdown).
//   - raise_cost: cost is added to a mechanism's participation cost, for
//     duration steps or for good (duration 0).
//
// The agents holding a throttled, shut down or costlier frame see that
// repression. Each agent that sees a repression has b added to its
// backlash b_i, which enters its motivation as + b_i for the rest of the
// run (decision.go): repression seen among one's ties can mobilise
// (b > 0; Opp & Roehl 1990, micro-mobilisation by the repression of
// acquaintances) or deter (b < 0); which of the two it does, and how
// much, depends on the network and on who is repressed (Siegel 2011), so
// the sign and size are the scenario's. The backlash does not decay. The
// throttles, shutdowns and cost raises in force are made again each step
// (repress), so that they overlap and end without drift.
//
// Removed agents leave the population: they are no longer counted, share,
// decide or hold memberships. Their neighbours keep the lost tie in their
// shares as a tie that no longer acts (decision.tie_loss: counts, the
// default), or compute them over the ties that remain (renormalise, the
// rule before model 2.0); see tieDenominator.
//
// An event's random choices come from its own stream, keyed by its index
// and the step (rng.go, "Keyed draws").
func (m *Model) applyEvent(ei int) {
	e := &m.sc.Events[ei]
	switch e.Type {
	case scenario.EventSuppress:
		for k := range m.orgs {
			if len(e.Organisations) == 0 || slices.Contains(e.Organisations, m.orgs[k].cfg.Name) {
				m.suppress(k)
			}
		}
	case scenario.EventRemoveHubs, scenario.EventRemovePeriphery:
		// The count, or the share of the agents remaining.
		n := e.Count
		if e.Share > 0 {
			n = int(math.Round(e.Share * float64(m.ag.Alive())))
		}
		pick := m.hubs
		if e.Type == scenario.EventRemovePeriphery {
			pick = m.periphery
		}
		for _, i := range pick(n) {
			m.remove(i)
		}
	case scenario.EventRemoveRandom:
		cand := m.aliveAgents()
		n := min(int(math.Round(e.Share*float64(len(cand)))), len(cand))
		for _, i := range sample(m.stream(purposeEvent, uint64(ei)), cand, n) {
			m.remove(i)
		}
	case scenario.EventSetCost:
		if k := m.mechanismIndex(e.Mechanism); k >= 0 {
			m.mechs[k].cost = e.Cost
			m.mechs[k].baseCost = e.Cost // what raise_cost adds to (repress)
		}
	case scenario.EventMediaShock:
		k := m.mechanismIndex(e.Mechanism)
		if k < 0 || !m.mechs[k].enabled {
			return
		}
		cand := m.aliveAgents()
		n := min(int(math.Round(e.Share*float64(len(cand)))), len(cand))
		c := float32(m.mechs[k].centre)
		for _, i := range sample(m.stream(purposeEvent, uint64(ei)), cand, n) {
			if !m.ag.Done(i) {
				m.hold(i, k, c)
			}
		}
	case scenario.EventSeedFrame:
		if k := m.mechanismIndex(e.Frame); k >= 0 && m.mechs[k].enabled {
			m.seedFrame(k, e.Count)
		}
	case scenario.EventArrest:
		m.arrest(ei)
	case scenario.EventThrottle, scenario.EventShutdown:
		// The share probability changes in repress, for the event's
		// duration; those who hold the frame see it happen.
		m.aggrieveHolders(m.mechanismIndex(e.Frame), e.Backlash)
	case scenario.EventRaiseCost:
		m.aggrieveHolders(m.mechanismIndex(e.Mechanism), e.Backlash)
	default:
		panic("sim: unknown event type " + string(e.Type)) // the scenario validation lets none through
	}
}

// arrest removes the participants an arrest event takes (events.go,
// "Repression"), after their remaining ties have seen it happen.
func (m *Model) arrest(ei int) {
	e := &m.sc.Events[ei]
	k := -1
	if e.Mechanism != "" {
		if k = m.mechanismIndex(e.Mechanism); k < 0 {
			return
		}
	}
	cand := m.pick[:0]
	for i := range int32(m.Pop.N) {
		if m.ag.Active(i) && !m.ag.Removed(i) && (k < 0 || m.ag.Held(i) == k) {
			cand = append(cand, i)
		}
	}
	m.pick = cand
	n := e.Count
	if n == 0 {
		n = int(math.Round(e.Share * float64(len(cand))))
	}
	n = min(n, len(cand))
	switch e.By {
	case scenario.ArrestActivity:
		// The longest participating first: an earlier start of the
		// current spell; ties to the lower id (cand is in id order).
		slices.SortStableFunc(cand, func(a, b int32) int { return int(m.ag.Since(a)) - int(m.ag.Since(b)) })
	case scenario.ArrestDegree:
		slices.SortStableFunc(cand, func(a, b int32) int { return int(m.ag.AliveDeg(b) - m.ag.AliveDeg(a)) })
	default: // random
		cand = sample(m.stream(purposeEvent, uint64(ei)), cand, n)
	}
	b := float32(e.Backlash)
	for _, i := range cand[:n] {
		if b != 0 {
			for _, j := range m.Net.Neighbours(i) {
				m.ag.Aggrieve(j, b) // nothing for the removed
			}
		}
		m.remove(i)
	}
}

// aggrieveHolders adds backlash b to every remaining agent holding
// mechanism k's frame: they see the frame throttled, shut down or made
// costlier.
func (m *Model) aggrieveHolders(k int, b float64) {
	if b == 0 || k < 0 {
		return
	}
	for i := range int32(m.Pop.N) {
		if m.ag.Held(i) == k {
			m.ag.Aggrieve(i, float32(b))
		}
	}
}

// repress makes each mechanism's cost and share probability at step t from
// the repression in force (events.go, "Repression"): the cost is the base
// (the scenario's, or the last set_cost's) plus every raise_cost in force,
// in scenario order; the share probability is the scenario's times every
// throttle's factor in force, and 0 while a shutdown is, which also stops
// the frame's amplification. With none in force both are their base
// values, bit for bit.
func (m *Model) repress() {
	for k := range m.mechs {
		m.mechs[k].cost, m.mechs[k].shutdown = m.mechs[k].baseCost, false
		m.mechs[k].share = m.mechs[k].baseShare
	}
	for e := range m.sc.Events {
		ev := &m.sc.Events[e]
		if ev.Step > m.t || (ev.Duration > 0 && m.t >= ev.Step+ev.Duration) {
			continue
		}
		switch ev.Type {
		case scenario.EventRaiseCost:
			if k := m.mechanismIndex(ev.Mechanism); k >= 0 {
				m.mechs[k].cost += ev.Cost
			}
		case scenario.EventThrottle:
			if k := m.mechanismIndex(ev.Frame); k >= 0 {
				m.mechs[k].share *= ev.Factor
			}
		case scenario.EventShutdown:
			if k := m.mechanismIndex(ev.Frame); k >= 0 {
				m.mechs[k].share, m.mechs[k].shutdown = 0, true
			}
		}
	}
	for k := range m.mechs {
		if mc := &m.mechs[k]; mc.frame >= 0 {
			mc.lambda = -math.Log1p(-mc.share) // as NewModel makes it
		}
	}
}

// hubs returns the n remaining agents with the most remaining ties, most
// first, ties broken by lower id, in scratch space. Only the agents at or
// above the n-th largest degree (found from a histogram of degrees) are
// sorted, not the whole population.
func (m *Model) hubs(n int) []int32 {
	n = min(n, m.ag.Alive())
	if n <= 0 {
		return nil
	}
	maxDeg := int32(0)
	for i := range int32(m.Pop.N) {
		if !m.ag.Removed(i) {
			maxDeg = max(maxDeg, m.ag.AliveDeg(i))
		}
	}
	count := make([]int, maxDeg+1)
	for i := range int32(m.Pop.N) {
		if !m.ag.Removed(i) {
			count[m.ag.AliveDeg(i)]++
		}
	}
	// cut: the largest degree d with at least n agents of degree ≥ d.
	cut, above := maxDeg, 0
	for ; above+count[cut] < n; cut-- {
		above += count[cut]
	}
	take := n - above // agents of degree cut, the lowest ids first
	cand := m.pick[:0]
	for i := range int32(m.Pop.N) {
		if d := m.ag.AliveDeg(i); !m.ag.Removed(i) && (d > cut || (d == cut && take > 0)) {
			if d == cut {
				take--
			}
			cand = append(cand, i)
		}
	}
	slices.SortStableFunc(cand, func(a, b int32) int { return int(m.ag.AliveDeg(b) - m.ag.AliveDeg(a)) })
	m.pick = cand
	return cand
}

// periphery returns the n remaining agents with the fewest remaining ties,
// fewest first, ties broken by lower id, in scratch space: the periphery of
// Barberá et al. (2015), whom a removal of hubs spares.
func (m *Model) periphery(n int) []int32 {
	cand := m.aliveAgents()
	slices.SortStableFunc(cand, func(a, b int32) int { return int(m.ag.AliveDeg(a) - m.ag.AliveDeg(b)) })
	return cand[:min(n, len(cand))]
}

// aliveAgents lists the agents not removed, in id order, in scratch space.
func (m *Model) aliveAgents() []int32 {
	cand := m.pick[:0]
	for i := range int32(m.Pop.N) {
		if !m.ag.Removed(i) {
			cand = append(cand, i)
		}
	}
	m.pick = cand
	return cand
}

// sample returns n of cand chosen uniformly without replacement (partial
// Fisher–Yates) with r, reordering cand in place.
func sample(r *rand.Rand, cand []int32, n int) []int32 {
	for a := range n {
		b := a + r.IntN(len(cand)-a)
		cand[a], cand[b] = cand[b], cand[a]
	}
	return cand[:n]
}

// suppress stops organisation k and releases its members.
func (m *Model) suppress(k int) {
	o := &m.orgs[k]
	o.suppressed = true
	for n := m.ag.Members(k); n > 0; n = m.ag.Members(k) {
		m.ag.Leave(m.ag.MemberAt(k, n-1))
	}
}
