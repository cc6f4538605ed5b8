package sim

import "math"

// Organisation broadcast: collective action brokered by formal organisations
// (step 2, "Organisation broadcast"; Olson 1965 on selective
// incentives, Oliver & Marwell 1988 on organisers' contact budgets).
//
// Each step an organisation that is enabled, not suppressed and past its
// start spends contact_cost per agent contacted, up to reach agents and as
// far as its budget allows:
//
//  1. members first, those whose attention has fallen to half or below (or
//     who hold another frame), in random order: their attention is refreshed
//     and they hold the organisation's frame;
//  2. the rest are recruitment contacts: with probability brokerage through a
//     random member's ties (a random neighbour of a random member), otherwise
//     through media (a uniformly random agent). A contacted agent within the
//     tolerance τ_o of the position x_o becomes aware of the collective frame.
//
// An organisation that cannot pay for contact reaches fewer agents; its
// members' attention then decays, they forget and leave (see attention.go),
// dues fall and the organisation declines.

// contacts returns how many agents organisation o can contact this step.
func (m *Model) contacts(o *organisation, want int) int {
	if o.cfg.ContactCost > 0 {
		afford := math.Floor(o.budget / o.cfg.ContactCost)
		if afford < float64(want) {
			want = int(afford)
		}
	}
	return max(want, 0)
}

// spend charges k contacts to o.
func (m *Model) spend(o *organisation, k int) {
	o.budget -= float64(k) * o.cfg.ContactCost
	if o.budget < 0 { // rounding only
		o.budget = 0
	}
}

// acting reports whether organisation k acts at this step.
func (m *Model) acting(k int) bool {
	o := &m.orgs[k]
	return m.mechs[o.mech].enabled && !o.suppressed && m.t >= o.cfg.Start
}

func (m *Model) broadcast() {
	for k := range m.orgs {
		o := &m.orgs[k]
		if !m.acting(k) || !o.membership {
			continue
		}
		n := m.contacts(o, o.cfg.Reach)
		pos := float32(o.cfg.Position)
		// 1. Members first: those whose attention has fallen to half or
		// below (about once a half-life), in random order when reach is
		// short. An organisation keeps its members engaged before it
		// recruits, but does not spend its reach on members who heard from
		// it yesterday.
		due := m.pick[:0]
		for j := range m.ag.Members(k) {
			if i := m.ag.MemberAt(k, j); m.ag.Attention(i) <= 0.5 || m.ag.Held(i) != o.mech {
				due = append(due, i)
			}
		}
		km := min(n, len(due))
		for _, i := range m.sample(due, km) {
			m.hold(i, o.mech, pos)
		}
		m.pick = due
		// 2. Recruitment through members' ties and through media.
		for range n - km {
			i := int32(-1)
			if nm := m.ag.Members(k); nm > 0 && m.rnd.Float64() < o.cfg.Brokerage {
				j := m.ag.MemberAt(k, m.rnd.IntN(nm))
				if nb := m.Net.Neighbours(j); len(nb) > 0 {
					i = nb[m.rnd.IntN(len(nb))]
				}
			}
			if i < 0 {
				i = int32(m.rnd.IntN(m.Pop.N))
			}
			m.recruit(i, k)
		}
		m.spend(o, n)
	}
}

// recruit is a recruitment contact of organisation k with agent i.
func (m *Model) recruit(i int32, k int) {
	o := &m.orgs[k]
	if m.ag.Gone(i) {
		return // a contact wasted on someone who is gone
	}
	if m.ag.Member(i) == k || math.Abs(float64(m.Pop.Position[i])-o.cfg.Position) <= o.cfg.Tolerance {
		m.hold(i, o.mech, float32(o.cfg.Position))
	}
}

// efficacy is e_i = min(1, (n_ref/n_rel)^γ) (step 3), the perceived
// weight of one's own contribution in a group of n_rel whose members see it.
// Small groups (one's own ties) are looked up in m.eff, filled when the
// model is made: the power is the same number either way, taken once.
func (m *Model) efficacy(nrel int) float64 {
	if nrel < len(m.eff) {
		return m.eff[max(nrel, 0)]
	}
	return m.efficacyOf(nrel)
}

// efficacyOf computes e for a group of nrel (at least 1).
func (m *Model) efficacyOf(nrel int) float64 {
	nrel = max(nrel, 1)
	return math.Min(1, math.Pow(m.sc.Decision.EfficacyRef/float64(nrel), m.sc.Decision.EfficacyExponent))
}

// relevantGroup is n_rel for agent i holding mechanism k: the organisation's
// membership for its members, that membership plus oneself for a prospect,
// the whole population for unorganised collective action (and for the frame
// of a suppressed organisation, which no longer organises anyone), and the
// agent's own ties for personal expression.
func (m *Model) relevantGroup(i int32, k int) int {
	mc := &m.mechs[k]
	switch kinds[mc.kind].efficacy {
	case ofMembership:
		o := &m.orgs[mc.org]
		if o.suppressed || !o.membership {
			return m.ag.Alive()
		}
		if m.ag.Member(i) == mc.org {
			return m.memberCount[mc.org]
		}
		return m.memberCount[mc.org] + 1
	case ofPopulation:
		return m.ag.Alive()
	default:
		return int(m.ag.AliveDeg(i))
	}
}
