package sim

import (
	"math"
	"math/bits"

	"github.com/connact/connact/sim/scenario"
)

// Actions: a community of action (opt-in, scenario actions; issue 18).
//
// Without actions every agent has one action, participation. With them, a
// community has a repertoire — sign, share, donate, march, organise — and
// each step an aware agent who takes part does one of its actions. For
// agent i holding the frame of mechanism k, with M_i its motivation
// (decision.go), action a is worth
//
//	M_ia = M_i − β_cost·(c_a/r_i + e_a) + σ_ia + Σ_{b ∈ D_i} λ_ba
//
// with c_a the action's resource cost per step (paid on top of the frame's
// cost c_k), e_a the time and attention it takes, σ_ia i's skill at it
// (Population.Skill, drawn per group), D_i the actions i has done before
// and λ_ba the rung of a's ladder from b: public when b is visible,
// private when it is not. Among the available actions it can pay for,
// r_i ≥ c_k + c_a, i chooses the one of highest M_ia (the first of
// equals) and takes part iff that M_ia ≥ 0 (at temperature T > 0 with
// probability 1/(1+exp(−M_ia/T))). One action a step is the rule: a
// budget of attention shared across actions would need a divisible
// effort, which the binary participation of every other part of the model
// does not have.
//
// Roles emerge from skills: an agent's role is the action it is most
// skilled at (Population.Role), and who does what follows from skills,
// resources, costs and the ladders, not from an assignment.
//
// Ladders: having done a cheap action changes the motivation for a costly
// one, with the sign the scenario sets: λ > 0 is the foot in the door
// (Freedman & Fraser 1966, J. Personality and Social Psychology 4(2)),
// λ < 0 crowding out, token support as a moral licence. Kristofferson,
// White & Peloza (2014, J. Consumer Research 40(6)) find that the
// visibility of the token sets the sign: token support given in private
// raises later meaningful help, support given in public does not (it
// satisfies the wish to be seen to help). The rung's public and private
// values encode that finding; the model does not explain it.
//
// Visibility: an action is visible (the default) or private. Only an
// agent doing a visible action counts in its ties' social signal
// (agents.State.Shown); a private one is invisible to them.
//
// Spreading: only agents doing an action that spreads (the default) pass
// their frame on to their ties (frame.go). Seeds do the first available
// action that spreads.
//
// Impact from the mix. With an outcome, each action contributes X_a(t) =
// C_a(t)/(effort·N), C_a the person-steps of a so far, weighted by its
// contribution w_a (W = Σ w_a, π_a = w_a/W), and outcome.combine makes
// u(t) of them:
//
//	additive   u = Σ_a w_a·X_a
//	ces        u = W·(Σ_a π_a·X_a^ρ)^(1/ρ)      ρ < 1, ρ ≠ 0 (Arrow et al. 1961)
//	leontief   u = W·min_{a: w_a > 0} X_a        (the limit ρ → −∞)
//
// each capped at 1. All three agree when every action has the same X_a;
// under ces with ρ < 0 and under leontief the actions are complements,
// so that marches without organisers achieve little, and the diversity of
// the roles, not only their number, decides the outcome. With one action
// of contribution 1 every rule is the model without actions.

// maxActions is the largest repertoire (agents keep the actions they have
// done as a 16-bit set; scenario validation enforces it).
const maxActions = 16

// actionRule is one action of the repertoire at run time.
type actionRule struct {
	name                        string
	cost, effort                float64
	visible, spreads, available bool
	start, end                  int // steps open, end 0: to the last
	donates, organises          bool
	amount                      float64 // organise: effort taken off per organising tie
	contrib                     float64
	// ladder: the rungs into this action, each from an earlier action
	// with the gain its visibility selects.
	ladder []rungRule
	// skill is σ_ia per agent (Population.Skill[a]).
	skill []float32
}

// rungRule: once an agent has done action from, this action's
// motivation gains gain.
type rungRule struct {
	from int
	gain float64
}

// actionState is what a run with actions keeps beyond its agents: the
// actions open now, the agents who have ever done each action, what an
// organising tie takes off, and the person-steps of each action.
type actionState struct {
	// open is the set of actions that can be done at the current step
	// (available, between start and end), a shared input of every
	// decision (mechanismsChanged).
	open uint16
	did  []int64 // per action: agents who have ever done it
	// organise is the effort an organising tie takes off, 0 when no
	// action organises.
	organise float64
	// byAct: person-steps of each action so far, C_a (outcome).
	byAct []float64
}

// newActions makes the run-time repertoire of a scenario, nil without one.
func newActions(acts []scenario.Action, pop *Population) ([]actionRule, *actionState) {
	if len(acts) == 0 {
		return nil, nil
	}
	out := make([]actionRule, len(acts))
	index := map[string]int{}
	for a := range acts {
		index[acts[a].Name] = a
	}
	st := &actionState{did: make([]int64, len(acts)), byAct: make([]float64, len(acts))}
	for a := range acts {
		x := &acts[a]
		out[a] = actionRule{name: x.Name, cost: x.Cost, effort: x.Effort, visible: x.IsVisible(),
			spreads: x.Spreading(), available: x.IsAvailable(), contrib: x.Contribution, skill: pop.Skill[a],
			start: x.Start, end: x.End, donates: x.Effect == scenario.EffectDonate,
			organises: x.Effect == scenario.EffectOrganise, amount: x.Amount}
		if out[a].organises {
			st.organise = out[a].amount
		}
		for _, r := range x.Ladder {
			b := index[r.From]
			gain := r.Public
			if !acts[b].IsVisible() {
				gain = r.Private
			}
			if gain != 0 {
				out[a].ladder = append(out[a].ladder, rungRule{from: b, gain: gain})
			}
		}
	}
	return out, st
}

// openActions is the set of actions that can be done at step t.
func (m *Model) openActions(t int) uint16 {
	var open uint16
	for a := range m.acts {
		if x := &m.acts[a]; x.available && t >= x.start && (x.end == 0 || t <= x.end) {
			open |= 1 << a
		}
	}
	return open
}

// choose is the action agent i does given its motivation mot for the
// frame of cost c it holds and its resources r: the available action of
// highest M_ia among those it can pay for, and M_ia; -1 when it can pay
// for none.
func (m *Model) choose(i int32, mot, r, c float64) (int, float64) {
	bc := m.sc.Decision.Cost
	did := m.ag.Did(i)
	// What the organisers among i's ties take off its effort.
	lift := m.actSt.organise * float64(m.ag.OrgNbr(i))
	best, bestMot := -1, math.Inf(-1)
	for a := range m.acts {
		x := &m.acts[a]
		if m.actSt.open&(1<<a) == 0 || r < c+x.cost {
			continue
		}
		v := mot + float64(x.skill[i])
		if bc != 0 && (x.cost > 0 || x.effort > 0) {
			if x.cost > 0 {
				v -= bc * x.cost / r // r > 0 here: r >= c + cost > 0
			}
			v -= bc * max(0, x.effort-lift)
		}
		for _, g := range x.ladder {
			if did&(1<<g.from) != 0 {
				v += g.gain
			}
		}
		if best < 0 || v > bestMot {
			best, bestMot = a, v
		}
	}
	return best, bestMot
}

// doAction records that i does action a this step (decide, seedOne),
// counting the first time in did.
func (m *Model) doAction(i int32, a int, did []int64) {
	if m.ag.Choose(i, a, m.acts[a].visible) {
		did[a]++
	}
}

// seedAction is the action a seed does at the current step: the first
// open action that spreads, else the first open one, else the first
// available (a seed is committed in its step whatever is open).
func (m *Model) seedAction() int {
	open := func(a int) bool { return m.actSt.open&(1<<a) != 0 }
	for _, ok := range []func(a int) bool{
		func(a int) bool { return open(a) && m.acts[a].spreads },
		open,
		func(a int) bool { return m.acts[a].available },
	} {
		for a := range m.acts {
			if ok(a) {
				return a
			}
		}
	}
	return 0
}

// organiserUpdates moves the organising-neighbour counts of the agents
// whose organising changed in the step's decisions (decide), after every
// decision is made, as the active counts move.
func (m *Model) organiserUpdates() {
	for p := range m.ph.parts {
		for _, x := range m.decs[p].orgChanged {
			i, delta := int32(x&^lapsedBit), int32(1)
			if x&lapsedBit != 0 {
				delta = -1
			}
			for _, j := range m.Net.Neighbours(i) {
				m.ag.AddOrgNbr(j, delta)
			}
		}
	}
}

// donation is one agent's donation to organisation org in a step.
type donation struct {
	org    int
	amount float64
}

// donationOf is what active agent i gives to the budget of the organisation
// whose frame it holds (effect: donate), and that organisation (-1: none).
func (m *Model) donationOf(i int32) (float64, int) {
	x := &m.acts[m.ag.Act(i)]
	if !x.donates || x.cost == 0 {
		return 0, -1
	}
	return x.cost, m.mechs[m.ag.Held(i)].org
}

// actionCost is what an active agent i pays for its action beyond its
// frame's cost (0 without actions).
func (m *Model) actionCost(i int32) float64 {
	if m.acts == nil {
		return 0
	}
	return m.acts[m.ag.Act(i)].cost
}

// observeActions records the participants of each action and of each
// role at the current step, and the agents who have ever done each.
func (m *Model) observeActions() {
	o, t := m.obs, m.t
	for a := range m.acts {
		o.ActingBy[a][t], o.RoleBy[a][t] = 0, 0
		o.DidBy[a][t] = m.actSt.did[a]
	}
	for w := range m.ag.Words() {
		for x := m.ag.ActiveWord(w); x != 0; x &= x - 1 {
			i := int32(w<<6 | bits.TrailingZeros64(x))
			o.ActingBy[m.ag.Act(i)][t]++
			o.RoleBy[m.Pop.Role[i]][t]++
		}
	}
}

// combine is u(t) of the actions' contributions so far (outcome.combine),
// effort the person-steps of the whole good.
func (m *Model) combine(effort float64) float64 {
	st, acts := m.actSt, m.acts
	W := 0.0
	for a := range acts {
		W += acts[a].contrib
	}
	if effort <= 0 || W == 0 {
		return 0
	}
	var u float64
	switch m.out.cfg.Combine {
	case scenario.CombineLeontief:
		u = math.Inf(1)
		for a := range acts {
			if acts[a].contrib > 0 {
				u = min(u, st.byAct[a]/effort)
			}
		}
		u *= W
	case scenario.CombineCES:
		rho := m.out.cfg.Substitution
		s := 0.0
		for a := range acts {
			if w := acts[a].contrib; w > 0 {
				x := st.byAct[a] / effort
				if x == 0 && rho < 0 {
					return 0 // a missing complement: the good is not made
				}
				s += w / W * math.Pow(x, rho)
			}
		}
		if s > 0 {
			u = W * math.Pow(s, 1/rho)
		}
	default:
		for a := range acts {
			u += acts[a].contrib * st.byAct[a] / effort
		}
	}
	return min(1, u)
}
