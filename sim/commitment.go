package sim

import "math"

// Commitment (decision.commitment; issue 20, item 1): one law for both
// logics. Durability that the half-lives set by hand (a union's 30 steps,
// a hashtag's 3) is here produced by a state every mechanism feeds the
// same way. Each agent has a commitment κ_i in [0,1], updated once a step
// after resources (step 5 of "One step" in the package doc) from the
// state at t:
//
//	κ_i(t) = min(1, (1−δ)·κ_i(t−1) + (1−κ_i(t−1))·min(1, g_i(t)))
//	g_i = η_habit·active_i + η_sol·s_i·aware_i + η_fit·fit_i·a_i + η_org·member_i
//
// with each term resting on what it is cited for:
//   - habit: participation itself builds commitment; prior activism is
//     the best predictor of further activism (McAdam 1986 on high-risk
//     activism and biographical availability; McAdam 1989 on its
//     biographical consequences);
//   - solidarity: s_i, the share of one's remaining ties who are active
//     (whatever decision.social_mode), for an agent who holds a frame:
//     ties to other participants pull one in and keep one there (McAdam
//     1986; Klandermans 1997, ch. 4 on social embeddedness);
//   - fit: identity fit times attention, fit_i·a_i: commitment grows with
//     identification with the cause one attends to (Klandermans 1997 on
//     affective commitment; Bennett & Segerberg 2012 on the thin
//     engagement a personal frame asks for, which fit alone rarely makes
//     thick);
//   - organisation: membership is standing organisational contact —
//     members are reminded, socialised and given roles (Klandermans 1997,
//     ch. 5, on organisational commitment and the persistence of
//     participation; Bennett & Segerberg 2012 on the thick engagement of
//     organisationally brokered collective action).
//
// One decay δ for everyone: whatever logic brought an agent in, what keeps
// it there is the same law. The factor (1−κ) makes growth saturate, so κ
// stays in [0,1]; a commitment below the attention floor counts as none
// (the agent leaves the committed set, which settle visits).
//
// κ enters the decision in two ways: +β_com·κ_i in the motivation
// (motivation), and attention to the frame held decays more slowly,
// a ← a·2^(−(1−σ·κ_i)/h) (settleWord): σ = 1 and κ_i = 1 is attention that
// no longer fades. Commitment is off (nil) unless decision.commitment is
// given, and the model is then the one without it, number for number.
//
// References: Klandermans, B. (1997). The Social Psychology of Protest.
// Blackwell. McAdam, D. (1986). Recruitment to high-risk activism: the
// case of Freedom Summer. American Journal of Sociology 92(1), 64–90.
// McAdam, D. (1989). The biographical consequences of activism. American
// Sociological Review 54(5), 744–760.

// commit updates agent i's commitment at the end of the step (settleWord)
// and returns it; member and active are i's membership (after its dues)
// and participation at t. The result is added to st's sum for the mean.
func (m *Model) commit(st *settler, i int32, member, active bool) float32 {
	c := m.com
	var g float64
	if active {
		g += c.Habit
	}
	if member {
		g += c.Organisation
	}
	if k := m.ag.Held(i); k >= 0 {
		if c.Solidarity != 0 {
			if deg := m.tieDenominator(i); deg > 0 {
				g += c.Solidarity * float64(m.ag.ActiveNbr(i)) / float64(deg)
			}
		}
		if c.Fit != 0 {
			g += c.Fit * m.fit(i, k) * float64(m.ag.Attention(i))
		}
	}
	k0 := float64(m.ag.Commitment(i))
	k := min(1, (1-c.Decay)*k0+(1-k0)*min(1, g))
	if float32(k) < m.floor || k <= 0 {
		k = 0
	}
	kk := float32(k) // the agent's state is float32 (memory); the mean is of what it holds
	m.ag.Commit(i, kk)
	st.commitment += float64(kk)
	return kk
}

// sustained is the attention factor of a step for an agent holding
// mechanism mc with commitment κ: 2^(−(1−σ·κ)/h), the frame's own factor
// when κ or σ is 0.
func (m *Model) sustained(mc *mechanism, kappa float32) float32 {
	if kappa == 0 || m.com.Sustain == 0 {
		return mc.decay
	}
	return float32(math.Exp2(mc.rate * (1 - m.com.Sustain*float64(kappa))))
}
