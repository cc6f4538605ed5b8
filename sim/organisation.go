package sim

import (
	"math"
	"math/bits"

	"github.com/connact/connact/sim/scenario"
)

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

// # Economy
//
// An organisation's budget B_o is an account (resource mobilisation:
// McCarthy & Zald 1977): dues d_o from each member and outside income
// flow in (settle, step 4), and it pays for outreach (contacts at
// contact_cost, amplification, conversion; Oliver & Marwell 1988 on
// organisers' budgets), for the selective incentive and for a fixed
// overhead. Each step, before outreach, an acting organisation pays its
// overhead H_o (staff) first, as far as the budget goes, and then, in the
// order of its allocation rule, the selective incentives of its M_o
// members and its outreach from what is left:
//
//	incentives_first: the incentives before outreach (Olson 1965, ch. VI:
//	    the by-product organisation exists to sell its selective
//	    incentive, so it keeps paying it and cuts contacts);
//	contacts_first: outreach first, the incentives from what is left
//	    after the step's contacts, amplification and conversions.
//
// The incentives cost c_I per member per step. When the budget B cannot
// cover the bill c_I·M_o they are paid pro rata: every member receives
//
//	I_o(t) = I_o · π_o(t),  π_o(t) = min(1, B / (c_I·max(M_o, 1)))
//
// which is what the incentive term β_inc·I_i of the motivation reads
// (decision.go; a prospect weighs what a member would receive now). A
// broke organisation's members thus lose their selective incentive, their
// motivation falls and they stop acting; as it can no longer pay for
// contact they forget it or, with churn δ > 0, leave: each step every
// member due a contact (its attention at half or below, or holding
// another frame: broadcast) whom the organisation does not reach in the
// step leaves with probability δ. An organisation that reaches every
// member when due loses none this way; with half_life 0 no member is ever
// due. Members who are not serviced lapse: union-retention studies find
// that members leave when the union stops being present for them
// (Waddington & Kerr 1999; Visser 2002). connact ships no empirical
// default (δ = 0: off); an annual retention rate R converts to a per-step
// δ = 1 − R^(1/s) for s steps a year.
//
// Conversion (the hybrid feeding the organisation: organisationally
// enabled connective action, Bennett & Segerberg 2012, whose middle type
// has organisations that stay in the background yet benefit from the
// networks they enable): an organisation with members that amplifies a
// frame it sponsors may recruit the frame's active sharers. Each step,
// after its amplification, every agent active on the frame, within the
// organisation's tolerance τ_o of x_o and a member of no organisation,
// joins with probability κ (convert), each conversion costing convert_cost
// from the budget while it lasts. A converted sharer keeps acting on the
// frame it shares (an active agent keeps its frame) and pays dues from the
// step's settle; the organisation's next contact gives it the collective
// frame once it no longer acts on the other.
//
// With incentive_cost, overhead, churn and convert all 0 (the defaults)
// none of this runs: I_o(t) = I_o and the run is as before.

// accountStep is what an organisation that keeps accounts spent and
// counted in the current step (Observations' account series).
type accountStep struct {
	incentives, overhead float64
	converted, churned   int64
}

// withdraw takes up to x from o's budget and returns what it took.
func (o *organisation) withdraw(x float64) float64 {
	x = min(x, o.budget)
	o.budget -= x
	return x
}

// payFirst makes the payments that come before outreach: each acting
// organisation's overhead, and its members' incentives under
// incentives_first.
func (m *Model) payFirst() {
	for k := range m.orgs {
		o := &m.orgs[k]
		if !o.accounts {
			continue
		}
		o.step = accountStep{}
		if !m.acting(k) {
			continue
		}
		o.step.overhead = o.withdraw(o.cfg.Overhead)
		if o.cfg.Allocation != scenario.AllocationContactsFirst {
			m.payIncentives(k)
		}
	}
}

// payAfter pays the incentives of the acting organisations whose
// allocation puts outreach first.
func (m *Model) payAfter() {
	for k := range m.orgs {
		if o := &m.orgs[k]; o.accounts && o.cfg.Allocation == scenario.AllocationContactsFirst && m.acting(k) {
			m.payIncentives(k)
		}
	}
}

// payIncentives pays organisation k's members their selective incentive,
// pro rata when the budget falls short, and sets the incentive I_o·π_o
// they receive.
func (m *Model) payIncentives(k int) {
	o := &m.orgs[k]
	c := o.cfg.IncentiveCost
	if c <= 0 || !o.membership {
		return
	}
	n := m.ag.Members(k)
	bill := c * float64(max(n, 1))
	pi := 1.0
	if o.budget < bill {
		pi = o.budget / bill
	}
	if n > 0 {
		o.step.incentives = o.withdraw(bill)
	}
	o.incentive = o.cfg.Incentive * pi
}

// due reports whether member i of organisation o is due a contact: its
// attention has fallen to half or below, or it holds another frame.
func (m *Model) due(o *organisation, i int32) bool {
	return m.ag.Attention(i) <= 0.5 || m.ag.Held(i) != o.mech
}

// churn lists in m.churned the members of organisation k who leave
// because they were due a contact and it did not reach them in the step
// (missed, in the order broadcast left them): each with probability churn.
func (m *Model) churn(k int, missed []int32) {
	o := &m.orgs[k]
	out := m.churned[:0]
	key := m.keyOf(purposeChurn, m.t, uint64(k))
	for _, i := range missed {
		if unit(key, uint64(i)) < o.cfg.Churn {
			out = append(out, i)
		}
	}
	m.churned = out
	o.step.churned += int64(len(out))
}

// convert lets organisation org recruit the active sharers of frame
// mechanism k within its tolerance who are members of no organisation
// (organisation.go, "Economy"), in agent order, while its budget pays
// for them.
func (m *Model) convert(k, org int) {
	o := &m.orgs[org]
	cost := o.cfg.ConvertCost
	key := m.keyOf(purposeConvert, m.t, uint64(org))
	for w := range m.ag.Words() {
		for x := m.ag.ActiveWord(w); x != 0; x &= x - 1 {
			i := int32(w<<6 | bits.TrailingZeros64(x))
			if m.ag.Held(i) != k || m.ag.Member(i) >= 0 || math.Abs(float64(m.Pop.Position[i])-o.cfg.Position) > o.cfg.Tolerance {
				continue
			}
			if o.budget < cost {
				return
			}
			if unit(key, uint64(i)) < o.cfg.Convert {
				o.withdraw(cost)
				m.ag.Join(i, org)
				o.step.converted++
			}
		}
	}
}

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
	m.payFirst()
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
			if i := m.ag.MemberAt(k, j); m.due(o, i) {
				due = append(due, i)
			}
		}
		km := min(n, len(due))
		reached := sample(m.stream(purposeContact, uint64(k)), due, km)
		if o.cfg.Churn > 0 {
			m.churn(k, due[km:])
		}
		for _, i := range reached {
			m.hold(i, o.mech, pos)
		}
		m.pick = due
		if o.cfg.Churn > 0 {
			for _, i := range m.churned {
				m.ag.Leave(i)
			}
		}
		// 2. Recruitment through members' ties and through media.
		r := m.stream(purposeRecruit, uint64(k))
		for range n - km {
			i := int32(-1)
			if nm := m.ag.Members(k); nm > 0 && r.Float64() < o.cfg.Brokerage {
				j := m.ag.MemberAt(k, r.IntN(nm))
				if nb := m.Net.Neighbours(j); len(nb) > 0 {
					i = nb[r.IntN(len(nb))]
				}
			}
			if i < 0 {
				i = int32(r.IntN(m.Pop.N))
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
		return int(m.tieDenominator(i))
	}
}

// personalEfficacy is e_i for agent i holding a personal frame
// (decision.personal_efficacy). Under joint, the default, it is
// min(1, (n_ref/k̄)^γ) at the network's mean degree k̄ for everyone: a
// personal message is a good with jointness of supply (it costs the same
// however many ties see it, and a hub's reaches its k_i ties as anyone's
// reaches theirs), and with jointness of supply the size of the group does
// not lower the worth of one's contribution (Oliver & Marwell 1988). Under
// the law before model 2.0 (ties), e(k_i) = min(1, (n_ref/k_i)^γ) over
// one's own ties, hubs were the least efficacious and, in Barabási–Albert
// networks, the least active, against Barberá et al. (2015), who find
// core users the most active (issue 17). Under active_ties it is
// min(1, ((1 + A_i)/n_ref)^γ), A_i the ties active at t−1: one counts as
// far as one sees others act (Klandermans 1984). Neither joint nor
// active_ties can rise when agents are removed.
func (m *Model) personalEfficacy(i int32) float64 {
	switch m.effLaw {
	case scenario.EfficacyTies:
		return m.efficacy(int(m.tieDenominator(i)))
	case scenario.EfficacyActiveTies:
		if a := int(m.ag.ActiveNbr(i)); a < len(m.effActive) {
			return m.effActive[a]
		}
		return m.activeTiesEfficacy(int(m.ag.ActiveNbr(i)))
	}
	return m.effJoint // joint, the default (also when not resolved: "")
}

// activeTiesEfficacy is min(1, ((1 + a)/n_ref)^γ) (personalEfficacy).
func (m *Model) activeTiesEfficacy(a int) float64 {
	return math.Min(1, math.Pow(float64(1+max(a, 0))/m.sc.Decision.EfficacyRef, m.sc.Decision.EfficacyExponent))
}
