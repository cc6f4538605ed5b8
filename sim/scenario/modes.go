package scenario

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/connact/connact/sim/network"
)

// Typed modes. Each closed set of words a scenario chooses from that more
// than one place acts on is a named string type with one constant per
// word and one table, from which validation takes the allowed words (in
// messages and "did you mean" suggestions) and every rule that depends on
// the choice. The types are strings underneath, so YAML reads and writes
// them exactly as plain strings (decode.go and resolved.go go by
// reflect.Kind), and comparisons with the words written out still
// compile. The sets read in one place only (draw, bounds, expression,
// seeding, scale, chart formats) stay lists of words in validate.go and
// sweep.go.

// SocialMode is how the social term β_soc·(s_i − θ_i) of the motivation
// counts active neighbours (decision.social_mode).
type SocialMode string

const (
	// SocialFractional: s_i is the share of i's neighbours that are
	// active and θ_i a share in [0, 1] (Granovetter 1978, Watts 2002).
	SocialFractional SocialMode = "fractional"
	// SocialAbsolute: s_i is the number of i's active neighbours and θ_i
	// a count >= 0 (Centola & Macy 2007).
	SocialAbsolute SocialMode = "absolute"
)

// socialModeRow is one social mode's row of socialModeTable.
type socialModeRow struct {
	mode SocialMode
	// threshold is the range of θ_i, which population.threshold's
	// distribution must give.
	threshold interval
}

// socialModeTable is the table of social modes, in the order messages
// list them.
var socialModeTable = []socialModeRow{
	{SocialFractional, unit},
	{SocialAbsolute, nonNegative},
}

// SocialModes lists the social modes a scenario may give.
func SocialModes() []SocialMode { return modesOf(socialModeTable, socialModeRow.key) }

func (r socialModeRow) key() SocialMode { return r.mode }

// PersonalEfficacy is the law of the perceived efficacy of personal
// expression (decision.personal_efficacy): e_i in the free-riding term
// β_fr·f_i·(1 − e_i) of an agent holding a personal frame.
type PersonalEfficacy string

const (
	// EfficacyJoint: e_i = min(1, (n_ref/k̄)^γ), k̄ the network's mean
	// degree, the same for every agent. A personal message costs its
	// sender the same however many ties see it (jointness of supply),
	// and a hub's voice reaches its k_i ties as anyone's reaches theirs,
	// so the size of one's own audience does not dilute one's
	// contribution (Oliver & Marwell 1988: with jointness of supply,
	// group size does not lower the chance of provision); the law is
	// the old one at the typical audience. The default.
	EfficacyJoint PersonalEfficacy = "joint"
	// EfficacyActiveTies: e_i = min(1, ((1 + A_i)/n_ref)^γ), A_i the
	// number of i's ties active at t−1: one's expression feels effective
	// as far as one sees others act with it (Klandermans 1984, the
	// expected participation of others). It rises with one's active ties.
	EfficacyActiveTies PersonalEfficacy = "active_ties"
	// EfficacyTies: e_i = min(1, (n_ref/k_i)^γ) over one's k_i ties, the
	// law before model 2.0: one's ties as the group one's contribution is
	// lost in (Olson 1965), which makes hubs the least active.
	EfficacyTies PersonalEfficacy = "ties"
)

// PersonalEfficacies lists the personal efficacy laws a scenario may give.
func PersonalEfficacies() []PersonalEfficacy {
	return []PersonalEfficacy{EfficacyJoint, EfficacyActiveTies, EfficacyTies}
}

// TieLoss is how a tie lost to a removal counts (decision.tie_loss).
type TieLoss string

const (
	// TieLossCounts: a removed neighbour is a lost tie that no longer
	// acts; shares are over the ties one had, so removing agents never
	// raises anyone's social signal or efficacy.
	TieLossCounts TieLoss = "counts"
	// TieLossRenormalise: shares are over the ties that remain (the rule
	// before model 2.0): removing an inactive neighbour raises one's share
	// of active ties.
	TieLossRenormalise TieLoss = "renormalise"
)

// TieLosses lists the tie-loss rules a scenario may give.
func TieLosses() []TieLoss { return []TieLoss{TieLossCounts, TieLossRenormalise} }

// NetworkModel is the generator of the social network (network.model).
type NetworkModel string

const (
	// NetworkErdosRenyi is G(n, p) with p = mean_degree/(n−1) (Erdős &
	// Rényi 1959, Gilbert 1959).
	NetworkErdosRenyi NetworkModel = "erdos_renyi"
	// NetworkGNM is G(n, m) with m = round(mean_degree·n/2) edges.
	NetworkGNM NetworkModel = "gnm"
	// NetworkWattsStrogatz is the small world: the ring lattice with
	// each edge rewired with probability rewire (Watts & Strogatz 1998).
	NetworkWattsStrogatz NetworkModel = "watts_strogatz"
	// NetworkBarabasiAlbert is preferential attachment with attach edges
	// per new node (Barabási & Albert 1999).
	NetworkBarabasiAlbert NetworkModel = "barabasi_albert"
	// NetworkConfiguration is the erased configuration model with
	// power-law degrees, P(k) ∝ k^-exponent for min_degree ≤ k <
	// population.size (Molloy & Reed 1995): heavy-tailed like
	// barabasi_albert, but with a spread of k-core numbers.
	NetworkConfiguration NetworkModel = "configuration"
	// NetworkBlock is the stochastic block model over the population's
	// groups, with homophily the expected share of ties inside one's group
	// (Holland, Laskey & Leinhardt 1983).
	NetworkBlock NetworkModel = "block"
	// NetworkRing is the ring lattice: each node linked to the
	// mean_degree/2 nearest on each side.
	NetworkRing NetworkModel = "ring"
	// NetworkComplete links every pair of agents.
	NetworkComplete NetworkModel = "complete"
	// NetworkFile reads the network from network.file, an edge list.
	NetworkFile NetworkModel = "file"
)

// networkModelRow is one network model's row of networkModelTable: what
// validation asks of its parameters and how many edges it makes, for the
// memory guard (validation's limit on edge ends and the runner's
// EstimateMemory). How each is generated is in sim (BuildNetwork), whose
// table of generators a test there checks against NetworkModels.
type networkModelRow struct {
	model NetworkModel
	// evenDegree: mean_degree is the k of a ring lattice, an even integer
	// >= 2, as each node links to k/2 neighbours on each side.
	evenDegree bool
	// degreeBelowSize: mean_degree must be < population.size, as a node
	// has at most size − 1 neighbours.
	degreeBelowSize bool
	// attachBelowSize: attach must be < population.size, as each new node
	// links to attach distinct earlier ones.
	attachBelowSize bool
	// minDegreeBelowSize: min_degree must be < population.size, as a node
	// has at most size − 1 neighbours.
	minDegreeBelowSize bool
	edges              edgeRule
}

// networkModelTable is the table of network models, in the order
// messages list them.
var networkModelTable = []networkModelRow{
	{model: NetworkErdosRenyi, degreeBelowSize: true, edges: edgesByDegree},
	{model: NetworkGNM, degreeBelowSize: true, edges: edgesByDegree},
	{model: NetworkWattsStrogatz, evenDegree: true, degreeBelowSize: true, edges: edgesByDegree},
	{model: NetworkBarabasiAlbert, attachBelowSize: true, edges: edgesByAttach},
	{model: NetworkConfiguration, minDegreeBelowSize: true, edges: edgesByPowerLaw},
	{model: NetworkBlock, degreeBelowSize: true, edges: edgesByDegree},
	{model: NetworkRing, evenDegree: true, degreeBelowSize: true, edges: edgesByDegree},
	{model: NetworkComplete, edges: edgesAllPairs},
	{model: NetworkFile, edges: edgesFromFile},
}

// NetworkModels lists the network models a scenario may give.
func NetworkModels() []NetworkModel { return modesOf(networkModelTable, networkModelRow.key) }

func (r networkModelRow) key() NetworkModel { return r.model }

// edgeRule is how a network model's edge count follows from the scenario.
type edgeRule struct {
	// count is the expected number of edges on n nodes.
	count func(nw *Network, n float64) float64
	// key is the network key that sets the count, where a network too
	// large to fit in memory is reported; what names its value in the
	// message.
	key  string
	what func(nw *Network) string
}

var (
	// edgesByDegree: n·k/2 edges for mean degree k.
	edgesByDegree = edgeRule{
		count: func(nw *Network, n float64) float64 { return n * nw.MeanDegree / 2 },
		key:   "mean_degree",
		what:  func(nw *Network) string { return "mean_degree " + fmtFloat(nw.MeanDegree) },
	}
	// edgesByAttach: attach edges per node (Barabási–Albert; the m+1
	// nodes of the starting clique make m(m+1)/2 fewer, which the
	// estimate ignores).
	edgesByAttach = edgeRule{
		count: func(nw *Network, n float64) float64 { return n * float64(nw.Attach) },
		key:   "attach",
		what:  func(nw *Network) string { return fmt.Sprintf("attach %d", nw.Attach) },
	}
	// edgesByPowerLaw: n·E[K]/2 edges for the configuration model's
	// degree law before erasure (network.ExpectedPowerLawDegree), an
	// upper estimate.
	edgesByPowerLaw = edgeRule{
		count: func(nw *Network, n float64) float64 {
			if !(nw.Exponent > 2) || nw.MinDegree < 1 || float64(nw.MinDegree) >= n || n > math.MaxInt32 {
				return 0 // refused by validation, which reports why
			}
			return n * network.ExpectedPowerLawDegree(int(n), nw.MinDegree, nw.Exponent) / 2
		},
		key: "min_degree",
		what: func(nw *Network) string {
			return fmt.Sprintf("min_degree %d and exponent %s", nw.MinDegree, fmtFloat(nw.Exponent))
		},
	}
	// edgesAllPairs: n(n−1)/2 edges, one per pair.
	edgesAllPairs = edgeRule{
		count: func(_ *Network, n float64) float64 { return n * (n - 1) / 2 },
		key:   "model",
		what:  func(*Network) string { return "a complete graph" },
	}
	// edgesFromFile: none counted here, so never too large to check (it
	// needs no key or what); a file's edges are counted when it is read,
	// or estimated from its size before (sim/runner).
	edgesFromFile = edgeRule{
		count: func(*Network, float64) float64 { return 0 },
	}
)

// edgeRule is the row's edge rule; a model not in the table (refused by
// validation) counts as given by its mean degree.
func (nw *Network) edgeRule() edgeRule {
	if r, ok := rowOf(networkModelTable, networkModelRow.key, nw.Model); ok {
		return r.edges
	}
	return edgesByDegree
}

// ExpectedEdges is the number of edges the network's model makes on size
// nodes, as the memory guard estimates it: size·mean_degree/2 for the
// models given a mean degree, size·attach for barabasi_albert,
// size·E[K]/2 for configuration (the mean of its degree law),
// size(size−1)/2 for complete, and 0 for a file network, whose edges are
// counted when it is read.
func (nw *Network) ExpectedEdges(size int) float64 {
	return nw.edgeRule().count(nw, float64(size))
}

// modesOf lists the modes of a table in its order.
func modesOf[M ~string, R any](table []R, key func(R) M) []M {
	out := make([]M, len(table))
	for i, r := range table {
		out[i] = key(r)
	}
	return out
}

// words lists modes as the words a scenario gives, for oneOf.
func words[M ~string](modes []M) []string {
	out := make([]string, len(modes))
	for i, m := range modes {
		out[i] = string(m)
	}
	return out
}

// rowsWhere lists the modes of a table whose rows satisfy has, in its
// order.
func rowsWhere[M ~string, R any](table []R, key func(R) M, has func(R) bool) []string {
	var out []string
	for _, r := range table {
		if has(r) {
			out = append(out, string(key(r)))
		}
	}
	return out
}

// prose joins words as a sentence does: "a", "a or b", "a, b or c", with
// conj the last joint.
func prose(ws []string, conj string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " " + conj + " " + ws[len(ws)-1]
}

// rowOf returns the row of mode m in table, and false when there is none.
func rowOf[M ~string, R any](table []R, key func(R) M, m M) (R, bool) {
	for _, r := range table {
		if key(r) == m {
			return r, true
		}
	}
	var zero R
	return zero, false
}

// DistKind is the family of an attribute's distribution (dist).
type DistKind string

const (
	// DistConstant is one value for everyone (value).
	DistConstant DistKind = "constant"
	// DistUniform is uniform on [min, max].
	DistUniform DistKind = "uniform"
	// DistNormal is N(mean, sd²), truncated to the attribute's range or
	// clamped to it (bounds).
	DistNormal DistKind = "normal"
	// DistBeta is Beta(a, b).
	DistBeta DistKind = "beta"
	// DistLognormal is exp of N(mu, sigma²).
	DistLognormal DistKind = "lognormal"
	// DistEmpirical takes its values from a list (values), drawn or in
	// sequence (draw).
	DistEmpirical DistKind = "empirical"
)

// distKindRow is one family's row of distKindTable.
type distKindRow struct {
	kind DistKind
	// params are the family's keys besides dist, which a distribution of
	// another family may not give and the resolved scenario writes.
	params []string
}

// distKindTable is the table of distribution families, in the order
// messages list them.
var distKindTable = []distKindRow{
	{DistConstant, []string{"value"}},
	{DistUniform, []string{"min", "max"}},
	{DistNormal, []string{"mean", "sd", "bounds"}},
	{DistBeta, []string{"a", "b"}},
	{DistLognormal, []string{"mu", "sigma"}},
	{DistEmpirical, []string{"values", "draw"}},
}

// DistKinds lists the distribution families a scenario may give.
func DistKinds() []DistKind { return modesOf(distKindTable, distKindRow.key) }

func (r distKindRow) key() DistKind { return r.kind }

// takes reports whether a distribution of family k has parameter key.
func (k DistKind) takes(key string) bool {
	r, ok := rowOf(distKindTable, distKindRow.key, k)
	return ok && slices.Contains(r.params, key)
}

// Crowd is a frame's sponsor when no organisation sponsors it
// (crowd-enabled connective action); no organisation may take the name.
const Crowd = "crowd"

// EventType is what an event does (an event's type).
type EventType string

const (
	// EventSuppress suppresses organisations (all when none are named).
	EventSuppress EventType = "suppress"
	// EventRemoveHubs removes the count (or share) of top-degree agents.
	EventRemoveHubs EventType = "remove_hubs"
	// EventRemoveRandom removes a share of agents at random.
	EventRemoveRandom EventType = "remove_random"
	// EventSetCost sets a mechanism's participation cost.
	EventSetCost EventType = "set_cost"
	// EventMediaShock makes a share of agents aware of a mechanism.
	EventMediaShock EventType = "media_shock"
	// EventSeedFrame seeds a frame with count more active agents.
	EventSeedFrame EventType = "seed_frame"
	// EventRemovePeriphery removes the count (or share) of agents with
	// the fewest ties: the periphery (Barberá et al. 2015).
	EventRemovePeriphery EventType = "remove_periphery"
	// EventArrest removes count (or a share) of the participants, the
	// most active, the best connected or at random (by).
	EventArrest EventType = "arrest"
	// EventThrottle multiplies a frame's share probability by factor for
	// duration steps (platform moderation).
	EventThrottle EventType = "throttle"
	// EventShutdown stops a frame's peer sharing and amplification for
	// duration steps (an internet shutdown).
	EventShutdown EventType = "shutdown"
	// EventRaiseCost adds cost to a mechanism's participation cost, for
	// duration steps or for good.
	EventRaiseCost EventType = "raise_cost"
)

// ArrestBy is whom an arrest event takes first (events[].by).
type ArrestBy string

const (
	// ArrestActivity: the participants active longest in their current
	// spell, ties to the lower id.
	ArrestActivity ArrestBy = "activity"
	// ArrestDegree: the participants with the most remaining ties (the
	// most visible sharers), ties to the lower id.
	ArrestDegree ArrestBy = "degree"
	// ArrestRandom: participants uniformly at random.
	ArrestRandom ArrestBy = "random"
)

// ArrestTargets lists the values of an arrest's by.
func ArrestTargets() []ArrestBy { return []ArrestBy{ArrestActivity, ArrestDegree, ArrestRandom} }

// Repression reports whether events of type t repress (issue 17): they
// may carry a backlash.
func (t EventType) Repression() bool {
	return t == EventArrest || t == EventThrottle || t == EventShutdown || t == EventRaiseCost
}

// eventTypeRow is one event type's row of eventTypeTable.
type eventTypeRow struct {
	typ EventType
	// fields are the event's keys besides step and type, which an event of
	// another type may not give and the resolved scenario writes.
	fields []string
	// starts: the event makes agents aware or active, so a scenario with
	// nothing else that does can still start (validator.canStart).
	starts bool
}

// eventTypeTable is the table of event types, in the order messages list
// them.
var eventTypeTable = []eventTypeRow{
	{EventSuppress, []string{"organisations"}, false},
	{EventRemoveHubs, []string{"count", "share"}, false},
	{EventRemoveRandom, []string{"share"}, false},
	{EventSetCost, []string{"mechanism", "cost"}, false},
	{EventMediaShock, []string{"share", "mechanism"}, true},
	{EventSeedFrame, []string{"frame", "count"}, true},
	{EventRemovePeriphery, []string{"count", "share"}, false},
	{EventArrest, []string{"by", "count", "share", "mechanism", "backlash"}, false},
	{EventThrottle, []string{"frame", "factor", "duration", "backlash"}, false},
	{EventShutdown, []string{"frame", "duration", "backlash"}, false},
	{EventRaiseCost, []string{"mechanism", "cost", "duration", "backlash"}, false},
}

// startingEvents names the event types that can start a scenario, for
// messages.
var startingEvents = prose(rowsWhere(eventTypeTable, eventTypeRow.key, func(r eventTypeRow) bool { return r.starts }), "or")

// EventTypes lists the event types a scenario may give.
func EventTypes() []EventType { return modesOf(eventTypeTable, eventTypeRow.key) }

func (r eventTypeRow) key() EventType { return r.typ }

// SampleMethod is how a sampled sweep design draws its points
// (sweep.sample.method).
type SampleMethod string

const (
	// SampleRandom draws each coordinate independently and uniformly.
	SampleRandom SampleMethod = "random"
	// SampleLHS is the Latin hypercube (McKay, Beckman & Conover 1979).
	SampleLHS SampleMethod = "lhs"
	// SampleSobol is the Saltelli et al. (2010) design for Sobol'
	// indices.
	SampleSobol SampleMethod = "sobol"
	// SampleMorris is Morris (1991) trajectories for elementary effects.
	SampleMorris SampleMethod = "morris"
)

// sampleMethodRow is one method's row of sampleMethodTable.
type sampleMethodRow struct {
	method SampleMethod
	// levels: the design is on a grid of sweep.sample.levels levels, which
	// other methods may not give and the resolved scenario writes only
	// for this one.
	levels bool
}

// sampleMethodTable is the table of sample methods, in the order messages
// list them.
var sampleMethodTable = []sampleMethodRow{
	{SampleRandom, false},
	{SampleLHS, false},
	{SampleSobol, false},
	{SampleMorris, true},
}

// gridMethods names the methods that take levels, for messages.
var gridMethods = prose(rowsWhere(sampleMethodTable, sampleMethodRow.key, func(r sampleMethodRow) bool { return r.levels }), "or")

// SampleMethods lists the sample methods a scenario may give.
func SampleMethods() []SampleMethod { return modesOf(sampleMethodTable, sampleMethodRow.key) }

func (r sampleMethodRow) key() SampleMethod { return r.method }
