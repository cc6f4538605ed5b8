package sim

import (
	"math/bits"

	"github.com/connact/connact/sim/internal/agents"
	"github.com/connact/connact/sim/internal/par"
)

// Resources (step 4 of "One step" in the package doc: the "lack of
// resources" that keeps people out of collective action). Each step every
// participant pays the cost c of the mechanism it acts on, every member
// pays its organisation's dues into the organisation's budget (a member who
// cannot pay them leaves), organisations receive their other income, and
// every agent earns its income up to its cap. Costs are paid before income,
// so an agent can only act on what it held at the start of the step (the
// decision checked r_i ≥ c).
//
// decayAttention (step 5): attention decays by 2^(−1/h) a step, h
// the half-life of the mechanism whose frame the agent holds (with
// commitment, 2^(−(1−σ·κ_i)/h), after κ_i is updated: commitment.go); contact and
// sharing refreshed it to 1 earlier in the step. An agent who is not active
// and whose attention falls below the floor forgets the frame; a member who
// forgets its organisation leaves it, which is how an organisation that can
// no longer afford to contact its members declines.
//
// settle runs steps 4 to 6 (resources, attention, observation) in a single
// pass over the agents: each is per agent, so fusing them changes nothing
// but the number of times the agents' arrays stream through the cache.
// Memberships that end are applied after the pass, the dues' first and the
// forgotten ones' second, each in agent order, exactly as separate passes
// would.
// Only the agents who change by themselves are visited: members (dues),
// earning agents (income), participants when a mechanism costs something,
// and agents whose frame fades. Every other agent pays nothing, earns
// nothing and keeps its attention; it is counted by the per-group and
// per-mechanism counts kept as agents change (stateCounts). An agent whose
// resources or attention move is marked for the next decision (decide).
//
// The pass is cut into spans of settleWords words (262,144 agents), each
// with its own settler: spending, dues paid, attention sums, memberships
// ending and counts. Spans are merged in order, so the sums do not depend
// on how many goroutines run the spans, and a population within one span
// sums exactly as one pass in agent order.
func (m *Model) settle() {
	for k := range m.orgs {
		if m.acting(k) {
			m.orgs[k].budget += m.orgs[k].cfg.Income
		}
	}
	costly := false
	for k := range m.mechs {
		costly = costly || m.mechs[k].cost != 0
	}
	for a := range m.acts {
		costly = costly || m.acts[a].cost != 0
	}
	m.beginObserve()
	words, sw := m.ag.Words(), m.spanWords
	spans := (words + sw - 1) / sw
	sts := m.settlers(spans)
	parts := 1
	if m.Pop.N >= m.parallelMin {
		parts = min(m.threads, spans)
	}
	m.ph = phase{parts: parts, spans: spans, costly: costly}
	par.ForPartsWith(parts, m, (*Model).settleRanges)
	payLeave, decayLeave := m.leaveDues[:0], m.leaveForgot[:0]
	for s := range sts {
		st := &sts[s]
		m.stepSpent += st.spent
		m.commitSum += st.commitment
		for k := range m.orgs {
			for range st.dues[k] { // one addition per member, as paid
				m.orgs[k].budget += m.orgs[k].cfg.Dues
			}
		}
		// Donations (actions.go) are added one at a time in agent order,
		// as dues are, so that a budget is the same however the agents
		// are cut into spans: a budget that differed in its last bit
		// could buy one contact less (contacts rounds down).
		for _, d := range st.donations {
			m.orgs[d.org].budget += d.amount
		}
		for g := range m.fadingIn {
			m.fadingIn[g].attention += st.fading[g].attention
			m.fadingIn[g].n += st.fading[g].n
		}
		m.ag.Tally().Counts().Add(&st.count)
		payLeave = append(payLeave, st.payLeave...)
		decayLeave = append(decayLeave, st.decayLeave...)
	}
	for _, i := range payLeave {
		m.ag.Leave(i)
	}
	for _, i := range decayLeave {
		m.ag.Leave(i)
	}
	m.leaveDues, m.leaveForgot = payLeave, decayLeave
	m.endObserve()
}

// settleRanges settles part p of the spans (settle).
func (m *Model) settleRanges(p int) {
	words, sw, ph := m.ag.Words(), m.spanWords, &m.ph
	for s := p * ph.spans / ph.parts; s < (p+1)*ph.spans/ph.parts; s++ {
		m.settleSpan(&m.sts[s], s*sw, min((s+1)*sw, words), ph.costly)
	}
}

// settleWords is the span of agent-set words settle keeps apart
// (Model.spanWords, which tests lower).
const settleWords = 1 << 12

// settler is what settling a span of agents adds up beyond the agents
// themselves.
type settler struct {
	spent                float64
	commitment           float64       // commitment summed over the span (commitment.go)
	dues                 []int64       // per organisation: members who paid
	donations            []donation    // donations made, in agent order (actions.go)
	fading               []fadingTally // per group
	payLeave, decayLeave []int32
	count                agents.Counts       // forgotten frames
	_                    [par.CacheLine]byte // off the next settler's line (decider)
}

// settlers returns n settlers, emptied.
func (m *Model) settlers(n int) []settler {
	for len(m.sts) < n {
		m.sts = append(m.sts, settler{
			dues:   par.Padded[int64](len(m.orgs)),
			fading: par.Padded[fadingTally](len(m.Pop.Groups)),
			count:  agents.NewCounts(len(m.Pop.Groups), len(m.mechs)),
		})
	}
	sts := m.sts[:n]
	for s := range sts {
		st := &sts[s]
		st.spent, st.commitment = 0, 0
		clear(st.dues)
		st.donations = st.donations[:0]
		clear(st.fading)
		st.count.Clear()
		st.payLeave, st.decayLeave = st.payLeave[:0], st.decayLeave[:0]
	}
	return sts
}

// settleSpan settles the agents of words lo..hi-1 of the sets who change
// by themselves.
func (m *Model) settleSpan(st *settler, lo, hi int, costly bool) {
	for w := lo; w < hi; w++ {
		x := m.ag.MemberWord(w) | m.ag.EarningWord(w) | m.ag.FadingWord(w)
		if costly {
			x |= m.ag.ActiveWord(w)
		}
		if m.com != nil { // commitment moves for the committed and the aware
			x |= m.ag.CommittedWord(w) | m.ag.AwareWord(w)
		}
		if x != 0 {
			m.settleWord(st, w, x)
		}
	}
}

// settleWord settles the agents x of word w.
func (m *Model) settleWord(st *settler, w int, x uint64) {
	ag := &m.ag
	earning, active, fading := ag.EarningWord(w), ag.ActiveWord(w), ag.FadingWord(w)
	for ; x != 0; x &= x - 1 {
		b := uint64(1) << bits.TrailingZeros64(x)
		i := int32(w<<6) | int32(bits.TrailingZeros64(x))
		member := ag.Member(i) >= 0
		if member || earning&b != 0 || (active&b != 0 && (m.mechs[ag.Held(i)].cost != 0 || m.actionCost(i) != 0)) {
			member = m.settleResources(st, i, member, active&b != 0)
		}
		var kappa float32
		if m.com != nil {
			kappa = m.commit(st, i, member, active&b != 0)
		}
		if fading&b == 0 {
			continue
		}
		// Attention decays by the half-life of the frame held (slowed by
		// commitment, commitment.go); below the floor a non-participant
		// forgets it.
		k := ag.Held(i)
		mc := &m.mechs[k]
		f := mc.decay
		if kappa != 0 {
			f = m.sustained(mc, kappa)
		}
		a := ag.Decay(i, f)
		if a < m.floor && active&b == 0 {
			if member && ag.Member(i) == mc.org && mc.kind.organised() {
				st.decayLeave = append(st.decayLeave, i)
			}
			ag.Forget(&st.count, i)
			continue
		}
		t := &st.fading[m.Pop.Group[i]]
		t.attention += float64(a)
		t.n++
	}
}

// settleResources is step 4 for agent i: it pays its cost (if active) and
// dues and earns its income. A member who cannot pay its dues is listed in
// payLeave and is no longer counted as one; the result says whether i
// remains a member. What it pays is added up in st (settle adds the dues
// to the budgets). An agent who neither pays (no cost, or not active; no
// membership) nor earns (income 0, or at its cap: resources never exceed
// it) keeps its resources and is not visited.
func (m *Model) settleResources(st *settler, i int32, member, active bool) bool {
	r := m.ag.Resources(i)
	// Agents' resources are float32 (memory); what organisations
	// receive and the totals reported are summed in float64 from
	// the scenario's own values, so budgets and spending read as
	// the numbers entered.
	if active {
		c := m.mechs[m.ag.Held(i)].cost
		if m.acts != nil {
			// The action's cost on top of the frame's (actions.go); a
			// donation goes to an organisation's budget.
			c += m.actionCost(i)
			if d, k := m.donationOf(i); k >= 0 {
				st.donations = append(st.donations, donation{org: k, amount: d})
			}
		}
		r -= float32(c)
		st.spent += c
	}
	if k := m.ag.Member(i); k >= 0 {
		o := &m.orgs[k]
		if dues := float32(o.cfg.Dues); r >= dues {
			r -= dues
			st.dues[k]++
			st.spent += o.cfg.Dues
		} else {
			st.payLeave = append(st.payLeave, i)
			member = false
		}
	}
	r += m.Pop.Income[i]
	if r > m.Pop.Cap[i] {
		r = m.Pop.Cap[i]
	}
	if r < 0 { // float32 rounding only
		r = 0
	}
	m.ag.SetResources(i, r)
	return member
}
