package sim

import (
	"math"
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
//   - remove_random: a share of the remaining agents, uniformly at random.
//   - set_cost: the participation cost of a mechanism changes (repression).
//   - media_shock: a share of the remaining agents, uniformly at random,
//     become aware of a mechanism's generic frame (an organisation's frame at
//     its position; a frame at its centre), whatever their distance to it.
//   - seed_frame: count agents start acting on a frame, as its seeds do.
//
// Removed agents leave the population: they are no longer counted, share,
// decide or hold memberships. Their neighbours keep the lost tie in their
// shares as a tie that no longer acts (decision.tie_loss: counts, the
// default), or compute them over the ties that remain (renormalise, the
// rule before model 2.0); see tieDenominator.
func (m *Model) applyEvent(e *scenario.Event) {
	switch e.Type {
	case scenario.EventSuppress:
		for k := range m.orgs {
			if len(e.Organisations) == 0 || slices.Contains(e.Organisations, m.orgs[k].cfg.Name) {
				m.suppress(k)
			}
		}
	case scenario.EventRemoveHubs:
		n := e.Count
		if e.Share > 0 {
			n = int(math.Round(e.Share * float64(m.ag.Alive())))
		}
		for _, i := range m.hubs(n) {
			m.ag.Remove(i)
		}
	case scenario.EventRemoveRandom:
		cand := m.aliveAgents()
		n := min(int(math.Round(e.Share*float64(len(cand)))), len(cand))
		for _, i := range m.sample(cand, n) {
			m.ag.Remove(i)
		}
	case scenario.EventSetCost:
		if k := m.mechanismIndex(e.Mechanism); k >= 0 {
			m.mechs[k].cost = e.Cost
		}
	case scenario.EventMediaShock:
		k := m.mechanismIndex(e.Mechanism)
		if k < 0 || !m.mechs[k].enabled {
			return
		}
		cand := m.aliveAgents()
		n := min(int(math.Round(e.Share*float64(len(cand)))), len(cand))
		c := float32(m.mechs[k].centre)
		for _, i := range m.sample(cand, n) {
			if !m.ag.Done(i) {
				m.hold(i, k, c)
			}
		}
	case scenario.EventSeedFrame:
		if k := m.mechanismIndex(e.Frame); k >= 0 && m.mechs[k].enabled {
			m.seedFrame(k, e.Count)
		}
	default:
		panic("sim: unknown event type " + string(e.Type)) // the scenario validation lets none through
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
// Fisher–Yates), reordering cand in place.
func (m *Model) sample(cand []int32, n int) []int32 {
	for a := range n {
		b := a + m.rnd.IntN(len(cand)-a)
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
