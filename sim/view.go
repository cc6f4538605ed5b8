package sim

import "github.com/connact/connact/sim/network"

// AgentStatus is where an agent stands at a step, one of six states named
// as in agent snapshots and network exports.
type AgentStatus uint8

// The states, in the order they are decided: a removed agent is removed
// whatever else holds; an agent who participates is active; a member of an
// organisation who does not participate is a member; one who has
// participated before but no longer does (and is no member) is lapsed; one
// who holds a frame but has never participated is aware; the rest are
// inactive.
const (
	Inactive AgentStatus = iota
	Aware
	Active
	Member
	Lapsed
	Removed
)

var statusNames = [...]string{Inactive: "inactive", Aware: "aware", Active: "active", Member: "member", Lapsed: "lapsed", Removed: "removed"}

// String is the state's name: inactive, aware, active, member, lapsed or
// removed.
func (s AgentStatus) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "unknown"
}

// AgentState is a copy of one agent's attributes and state at a step
// (View.Agent): plain values, nothing that reaches back into the run.
type AgentState struct {
	ID    int
	Group string // identity group name
	// Fixed attributes (Population): position x_i, identity ι_i, free-riding
	// f_i and threshold θ_i (a share, or a count with absolute thresholds).
	Position, Identity, FreeRiding, Threshold float64
	Resources                                 float64 // r_i now
	// Degree and Core are the agent's degree and core number (k-core,
	// network.CoreNumbers) in the network as built; removals do not
	// change them.
	Degree, Core int
	Status       AgentStatus
	Frame        string // mechanism whose frame it holds, "" for none
	Organisation string // organisation it is a member of, "" for none
	EverActive   bool
	Attention    float64 // a_i, 0 when it holds no frame
	Commitment   float64 // κ_i, 0 when the run keeps no commitment
	// FirstActive is the step at which it first participated, -1 if it
	// never has (or had already before Observe was called: see Observe).
	FirstActive int
	// With actions (a community of action): Action is the action it does,
	// "" when it does not participate; Role the action it is most skilled
	// at; Did the actions it has ever done, bit a for the scenario's
	// action a. Without actions all are empty.
	Action, Role string
	Did          uint16
}

// View is read-only access to a run's agents at the step it is handed
// over (Model.Observe). It is valid during the call only.
type View struct{ w *watch }

// watch is what observing a run keeps: the observers, each agent's first
// step of participation and, once asked for, the network's core numbers.
// A model nobody observes has none (Model.watch is nil) and its step pays
// one nil test.
type watch struct {
	m     *Model
	fns   []func(View)
	first []int32 // first step of participation, -1 never
	seen  int64   // agents with a first step recorded
	core  []int32
}

// Observe calls f with a View of the agents now, and again after each
// step (StepOnce, Run, RunContext), in the order observers were added. It
// is meant to be called before the first step, as f then sees step 0 and
// every agent's first step of participation is known; agents who had
// participated before the call have FirstActive -1. f must not keep the
// View or call the model's methods that step it.
//
// Nothing is kept for observers until the first call: a model nobody
// observes costs no memory for it, and its step no time.
func (m *Model) Observe(f func(View)) {
	if m.watch == nil {
		w := &watch{m: m, first: make([]int32, m.Pop.N)}
		for i := range w.first {
			w.first[i] = -1
		}
		// Agents already active: their participation may have started at
		// an earlier step; only at step 0 is it certainly now.
		if m.t == 0 {
			w.record()
		} else {
			w.seen = w.everActive()
		}
		m.watch = w
	}
	m.watch.fns = append(m.watch.fns, f)
	f(View{m.watch})
}

// everActive is the number of agents who have ever participated.
func (w *watch) everActive() int64 {
	n := int64(0)
	tl := w.m.ag.Tally()
	for g := range w.m.Pop.Groups {
		n += tl.Ever(g)
	}
	return n
}

// record notes the step of the agents who participated for the first time
// since the last call; it visits the agents only when there are some.
func (w *watch) record() {
	if w.everActive() == w.seen {
		return
	}
	m := w.m
	for i := range int32(m.Pop.N) {
		if w.first[i] < 0 && m.ag.Ever(i) {
			w.first[i] = int32(m.t)
			w.seen++
		}
	}
}

// notify hands the observers the step just taken.
func (w *watch) notify() {
	w.record()
	for _, f := range w.fns {
		f(View{w})
	}
}

// Step is the step the View shows (0: the initial state).
func (v View) Step() int { return v.w.m.t }

// N is the number of agents, ids 0..N-1.
func (v View) N() int { return v.w.m.Pop.N }

// Status is agent i's state, which Agent also gives, read without copying
// the rest.
func (v View) Status(i int) AgentStatus { return v.w.m.status(int32(i)) }

// Agent is a copy of agent i's attributes and state. It panics if i is
// not in 0..N-1.
func (v View) Agent(i int) AgentState {
	w := v.w
	m, id := w.m, int32(i)
	if w.core == nil {
		w.core = network.CoreNumbers(m.Net)
	}
	p := m.Pop
	a := AgentState{
		ID: i, Group: p.Groups[p.Group[i]],
		Position: float64(p.Position[i]), Identity: float64(p.Identity[i]),
		FreeRiding: float64(p.FreeRiding[i]), Threshold: float64(p.Threshold[i]),
		Resources: float64(m.ag.Resources(id)),
		Degree:    m.Net.Degree(id), Core: int(w.core[i]),
		Status:      m.status(id),
		EverActive:  m.ag.Ever(id),
		Attention:   float64(m.ag.Attention(id)),
		Commitment:  float64(m.ag.Commitment(id)),
		FirstActive: int(w.first[i]),
	}
	if k := m.ag.Held(id); k >= 0 {
		a.Frame = m.mechs[k].name
	}
	if k := m.ag.Member(id); k >= 0 {
		a.Organisation = m.mechs[m.orgs[k].mech].name
	}
	if m.acts != nil {
		if m.ag.Active(id) {
			a.Action = m.acts[m.ag.Act(id)].name
		}
		a.Role, a.Did = m.acts[p.Role[i]].name, m.ag.Did(id)
	}
	return a
}

// status is agent i's state (AgentStatus).
func (m *Model) status(i int32) AgentStatus {
	switch {
	case m.ag.Removed(i):
		return Removed
	case m.ag.Active(i):
		return Active
	case m.ag.Member(i) >= 0:
		return Member
	case m.ag.Ever(i):
		return Lapsed
	case m.ag.Aware(i):
		return Aware
	}
	return Inactive
}
