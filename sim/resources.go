package sim

// Resources (DESIGN.md step 4; the "lack of resources" of seed 000). Each step
// every participant pays the cost c of the mechanism it acts on, every member
// pays its organisation's dues into the organisation's budget (a member who
// cannot pay them leaves), organisations receive their other income, and
// every agent earns its income up to its cap. Costs are paid before income,
// so an agent can only act on what it held at the start of the step (the
// decision checked r_i ≥ c).
func (m *Model) payAndEarn() {
	for k := range m.orgs {
		if m.acting(k) {
			m.orgs[k].budget += m.orgs[k].cfg.Income
		}
	}
	for n := range m.Pop.N {
		if m.removed[n] {
			continue
		}
		i := int32(n)
		r := m.resources[i]
		// Agents' resources are float32 (memory); what organisations receive
		// and the totals reported are summed in float64 from the scenario's
		// own values, so budgets and spending read as the numbers entered.
		if m.active[i] {
			c := m.mechs[m.held[i]].cost
			r -= float32(c)
			m.stepSpent += c
		}
		if k := m.member[i]; k >= 0 {
			o := &m.orgs[k]
			if dues := float32(o.cfg.Dues); r >= dues {
				r -= dues
				o.budget += o.cfg.Dues
				m.stepSpent += o.cfg.Dues
			} else {
				m.leave(i)
			}
		}
		r += m.Pop.Income[i]
		if r > m.Pop.Cap[i] {
			r = m.Pop.Cap[i]
		}
		if r < 0 { // float32 rounding only
			r = 0
		}
		m.resources[i] = r
	}
}

// decayAttention (DESIGN.md step 5): attention decays by 2^(−1/h) a step, h
// the half-life of the mechanism whose frame the agent holds; contact and
// sharing refreshed it to 1 earlier in the step. An agent who is not active
// and whose attention falls below the floor forgets the frame; a member who
// forgets its organisation leaves it, which is how an organisation that can
// no longer afford to contact its members declines.
func (m *Model) decayAttention() {
	for n, k := range m.held {
		if k < 0 {
			continue
		}
		i := int32(n)
		a := m.attention[i] * m.mechs[k].decay
		m.attention[i] = a
		if a < m.floor && !m.active[i] {
			if mk := m.member[i]; mk >= 0 && int(mk) == m.mechs[k].org && m.mechs[k].kind == kindOrganisation {
				m.leave(i)
			}
			m.forget(i)
		}
	}
}
