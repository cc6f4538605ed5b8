package sim

import "github.com/connact/connact/sim/internal/agents"

// Observations are a run's per-step counts (see "Observations" in the package doc of sim), one
// entry per step 0..steps, stored as a struct of arrays. Step 0 is the
// initial state after the start-up seeds and step-0 events.
type Observations struct {
	Steps int
	// Mechanisms and Organisations name the columns of the per-mechanism
	// and per-organisation series, in scenario order.
	Mechanisms    []string
	Organisations []string

	Total  Counts
	Groups []Counts // by identity group
	// GroupSize is each group's initial size, the base of its cumulative share.
	GroupSize []int64

	ActiveBy  [][]int64   // [mechanism][step] agents acting on it
	AwareBy   [][]int64   // [mechanism][step] agents holding its frame
	MembersBy [][]int64   // [organisation][step]
	Budget    [][]float64 // [organisation][step] budget at the end of the step
	Spent     []float64   // resources spent on costs and dues in the step
	// MeanCommitment is the mean commitment κ of the agents present per
	// step, nil when the run keeps no commitment (decision.commitment
	// absent).
	MeanCommitment []float64
	// Good is G(t), the level of the public good (outcome.go), nil when
	// the run has no outcome; Concession is the step at which the target
	// conceded, -1 if it has not (or there is none).
	Good       []float64
	Concession int

	// Actions name the actions of a community of action (actions.go), in
	// scenario order; nil without actions, and so are the series below.
	// ActingBy[a][t] counts the agents doing action a at step t, RoleBy
	// the participants whose role (the action they are most skilled at)
	// is a, DidBy the agents who have ever done a, up to t.
	Actions                 []string
	ActingBy, RoleBy, DidBy [][]int64

	// Accounts name the organisations that keep an economy (incentive
	// cost, overhead, churn or conversion; organisation.go, "Economy"),
	// in scenario order. The series below are indexed by organisation,
	// like MembersBy, and hold a series only for those organisations
	// (nil for the others, which spend nothing on incentives or overhead
	// and convert or lose no one by churn); runs without any have none.
	Accounts   []string
	Incentives [][]float64 // [organisation][step] budget spent on selective incentives
	Overhead   [][]float64 // [organisation][step] budget spent on overhead
	Converted  [][]int64   // [organisation][step] sharers converted to members
	Churned    [][]int64   // [organisation][step] members who left by churn
}

// addAccount adds the series of organisation k's account (of orgs).
func (o *Observations) addAccount(k, orgs int) {
	n := o.Steps + 1
	if o.Incentives == nil {
		o.Incentives, o.Overhead = make([][]float64, orgs), make([][]float64, orgs)
		o.Converted, o.Churned = make([][]int64, orgs), make([][]int64, orgs)
	}
	o.Accounts = append(o.Accounts, o.Organisations[k])
	o.Incentives[k], o.Overhead[k] = make([]float64, n), make([]float64, n)
	o.Converted[k], o.Churned[k] = make([]int64, n), make([]int64, n)
}

// addActions adds the series of a repertoire of actions.
func (o *Observations) addActions(acts []actionRule) {
	n := o.Steps + 1
	for _, a := range acts {
		o.Actions = append(o.Actions, a.name)
		o.ActingBy = append(o.ActingBy, make([]int64, n))
		o.RoleBy = append(o.RoleBy, make([]int64, n))
		o.DidBy = append(o.DidBy, make([]int64, n))
	}
}

// Counts are the per-step counts over all agents or one group.
type Counts struct {
	Alive         []int64   // agents not removed
	Aware         []int64   // holding a frame
	Active        []int64   // participating
	Members       []int64   // members of an organisation
	NewActive     []int64   // started participating in the step
	Cumulative    []int64   // have ever participated, removed agents included
	Lapsed        []int64   // stopped participating in the step
	MeanAttention []float64 // mean attention over agents not removed
}

func newCounts(n int) Counts {
	return Counts{
		Alive: make([]int64, n), Aware: make([]int64, n), Active: make([]int64, n),
		Members: make([]int64, n), NewActive: make([]int64, n), Cumulative: make([]int64, n),
		Lapsed: make([]int64, n), MeanAttention: make([]float64, n),
	}
}

func newObservations(steps, groups int, mechs []mechanism, orgs int) *Observations {
	n := steps + 1
	o := &Observations{Steps: steps, Total: newCounts(n), Spent: make([]float64, n)}
	for g := 0; g < groups; g++ {
		o.Groups = append(o.Groups, newCounts(n))
	}
	for k, mc := range mechs {
		o.Mechanisms = append(o.Mechanisms, mc.name)
		o.ActiveBy = append(o.ActiveBy, make([]int64, n))
		o.AwareBy = append(o.AwareBy, make([]int64, n))
		if k < orgs {
			o.Organisations = append(o.Organisations, mc.name)
			o.MembersBy = append(o.MembersBy, make([]int64, n))
			o.Budget = append(o.Budget, make([]float64, n))
		}
	}
	return o
}

// observe records the state at the current step (the initial state; later
// steps observe within settle).
func (m *Model) observe() {
	m.beginObserve()
	m.ag.EachFading(m.observeFading)
	m.endObserve()
}

// partCounts returns n zeroed counts for goroutines' own use (deliver).
func (m *Model) partCounts(n int) []agents.Counts {
	for len(m.partCount) < n {
		m.partCount = append(m.partCount, agents.NewCounts(len(m.Pop.Groups), len(m.mechs)))
	}
	p := m.partCount[:n]
	for i := range p {
		p[i].Clear()
	}
	return p
}

// fadingTally is one group's attention summed over its agents whose frame
// fades, in agent order, and their number.
type fadingTally struct {
	attention float64
	n         int64
}

// beginObserve clears the current step's attention tallies.
func (m *Model) beginObserve() {
	if m.fadingIn == nil {
		m.fadingIn = make([]fadingTally, len(m.obs.Groups))
	}
	clear(m.fadingIn)
	m.commitSum = 0
}

// observeFading adds the attention of aware agent i, whose frame fades.
func (m *Model) observeFading(i int32) {
	t := &m.fadingIn[m.Pop.Group[i]]
	t.attention += float64(m.ag.Attention(i))
	t.n++
}

// endObserve totals the groups and records organisations and spending.
func (m *Model) endObserve() {
	o, t := m.obs, m.t
	tl := m.ag.Tally()
	cnt := tl.Counts()
	tot := &o.Total
	tot.Alive[t], tot.Aware[t], tot.Active[t], tot.Members[t] = 0, 0, 0, 0
	tot.NewActive[t], tot.Cumulative[t], tot.Lapsed[t], tot.MeanAttention[t] = 0, 0, 0, 0
	for g := range o.Groups {
		c, f := &o.Groups[g], &m.fadingIn[g]
		c.Alive[t], c.Cumulative[t] = m.ag.AliveIn(g), tl.Ever(g)
		c.NewActive[t], c.Lapsed[t] = tl.New(g), tl.Lapsed(g)
		c.Aware[t], c.Active[t], c.Members[t] = cnt.Aware(g), cnt.Active(g), cnt.Members(g)
		// The attention of the fading frames' holders, summed in agent
		// order, and 1 for each other aware agent (the rest hold nothing:
		// 0); the sum of those ones is exact in float64.
		c.MeanAttention[t] = f.attention + float64(c.Aware[t]-f.n)
		tot.Alive[t] += c.Alive[t]
		tot.Aware[t] += c.Aware[t]
		tot.Active[t] += c.Active[t]
		tot.Members[t] += c.Members[t]
		tot.NewActive[t] += c.NewActive[t]
		tot.Cumulative[t] += c.Cumulative[t]
		tot.Lapsed[t] += c.Lapsed[t]
		tot.MeanAttention[t] += c.MeanAttention[t]
		if c.Alive[t] > 0 {
			c.MeanAttention[t] /= float64(c.Alive[t])
		}
	}
	if tot.Alive[t] > 0 {
		tot.MeanAttention[t] /= float64(tot.Alive[t])
	}
	for k := range m.mechs {
		o.AwareBy[k][t], o.ActiveBy[k][t] = cnt.AwareBy(k), cnt.ActiveBy(k)
	}
	for k := range m.orgs {
		org := &m.orgs[k]
		o.MembersBy[k][t] = int64(m.ag.Members(k))
		o.Budget[k][t] = org.budget
		if org.accounts {
			o.Incentives[k][t], o.Overhead[k][t] = org.step.incentives, org.step.overhead
			o.Converted[k][t], o.Churned[k][t] = org.step.converted, org.step.churned
		}
	}
	o.Spent[t] = m.stepSpent
	if m.acts != nil {
		m.observeActions()
	}
	if o.MeanCommitment != nil && tot.Alive[t] > 0 {
		o.MeanCommitment[t] = m.commitSum / float64(tot.Alive[t])
	}
}
