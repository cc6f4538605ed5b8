package sim

import (
	"math"

	"github.com/connact/connact/sim/scenario"
)

// The outcome (opt-in, scenario.Outcome; issue 17, item 3): a public good
// that participation produces, in the manner of Oliver, Marwell & Teixeira
// (1985) and Marwell & Oliver (1993), and a target that concedes it.
//
// Participation is the contribution: C(t) = Σ_{s≤t} active(s) person-steps,
// and u(t) = min(1, C(t)/(effort·N)) the share of the effort that makes the
// whole good (N the initial population). The good is G(t) = P(u(t)) for the
// production function P the scenario chooses:
//
//	linear        P(u) = u
//	accelerating  P(u) = u^k                 (k > 1: convex)
//	decelerating  P(u) = 1 − (1 − u)^k       (k > 1: concave)
//	step          P(u) = 0 for u < θ, 1 from θ on
//
// (Oliver, Marwell & Teixeira 1985, pp. 528–531: the general third-order
// curve and its decelerating and accelerating segments; the step is their
// lumpy good.) The progress one's contribution can still make is the
// marginal product of the next twentieth of the effort,
//
//	m(t) = min(1, (P(min(1, u + w)) − P(u))/w),  w = 0.05,
//
// high at the start of a decelerating function and falling as the good
// fills, near 0 at the start of an accelerating one and rising once the
// start-up costs are paid, and 1 throughout for a linear one. It enters the
// decision of the next step, which reads the state of this one, as
// + β_good·v_g·m(t) (the value of one's contribution to one's group: OMT's
// interest times marginal return) and, with outcome.efficacy: progress, as
// the perceived efficacy e_i of every mechanism in the free-riding term,
// in place of the group-size law: efficacy read from observed progress.
// A target concedes at the first step at which G ≥ its good level or the
// share active ≥ its share level; from then the good is provided, G = 1,
// and there is nothing left to produce (m = 0).

// marginalWindow is w of m(t): the next twentieth of the effort, fine
// enough to follow the curve and coarse enough that a step function's
// threshold is seen coming (its marginal product is 1/w times the jump
// within w of it, and 0 elsewhere: only pivotal contributions count).
const marginalWindow = 0.05

// outcomeState is a run's public good.
type outcomeState struct {
	cfg      *scenario.Outcome
	values   []float64 // v_g per group
	effort   float64   // effort·N person-steps for the whole good
	w        float64   // the window of m
	progress bool      // outcome.efficacy: progress
	contrib  float64   // C(t)
	good     float64   // G(t)
	marginal float64   // m(t), read by the decisions of step t+1
	conceded int       // step of the target's concession, -1 none
}

// newOutcome prepares the outcome of a run of n agents in groups groups,
// nil when the scenario has none.
func newOutcome(o *scenario.Outcome, n, groups int) *outcomeState {
	if o == nil {
		return nil
	}
	s := &outcomeState{cfg: o, effort: o.Effort * float64(n), w: marginalWindow,
		progress: o.Efficacy == "progress", conceded: -1}
	s.values = make([]float64, groups)
	for g := range s.values {
		s.values[g] = 1
		if g < len(o.Values) {
			s.values[g] = o.Values[g]
		}
	}
	return s
}

// production is P(u).
func (s *outcomeState) production(u float64) float64 {
	k := s.cfg.Exponent
	switch s.cfg.Production {
	case scenario.ProductionAccelerating:
		return math.Pow(u, k)
	case scenario.ProductionDecelerating:
		return 1 - math.Pow(1-u, k)
	case scenario.ProductionStep:
		if u >= s.cfg.Threshold {
			return 1
		}
		return 0
	}
	return u
}

// produce adds step t's participation to the contributions, makes G(t)
// and m(t), lets the target concede, and records G(t). It runs after the
// step's observation, whose counts it reads.
func (m *Model) produce() {
	s := m.out
	if s == nil {
		return
	}
	t, tot := m.t, &m.obs.Total
	s.contrib += float64(tot.Active[t])
	if m.acts != nil {
		for a := range m.acts {
			m.actSt.byAct[a] += float64(m.obs.ActingBy[a][t])
		}
	}
	if s.conceded >= 0 {
		s.good, s.marginal = 1, 0
	} else {
		u := 0.0
		switch {
		case m.acts != nil:
			u = m.combine(s.effort) // the actions' mix (actions.go)
		case s.effort > 0:
			u = min(1, s.contrib/s.effort)
		}
		s.good = s.production(u)
		s.marginal = min(1, (s.production(min(1, u+s.w))-s.good)/s.w)
		if tg := s.cfg.Target; tg != nil {
			share := 0.0
			if tot.Alive[t] > 0 {
				share = float64(tot.Active[t]) / float64(tot.Alive[t])
			}
			if (tg.Good > 0 && s.good >= tg.Good) || (tg.Share > 0 && share >= tg.Share) {
				s.conceded, s.good, s.marginal = t, 1, 0
			}
		}
	}
	m.obs.Good[t] = s.good
	m.obs.Concession = s.conceded
}
