package scenario

import "fmt"

// Typed modes. Each closed set of words a scenario chooses from is a named
// string type with one constant per word and one table, from which
// validation takes the allowed words (in messages and "did you mean"
// suggestions) and every rule that depends on the choice. The types are
// strings underneath, so YAML reads and writes them exactly as plain
// strings (decode.go and resolved.go go by reflect.Kind), and comparisons
// with the words written out still compile.

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
	edges           edgeRule
}

// networkModelTable is the table of network models, in the order
// messages list them.
var networkModelTable = []networkModelRow{
	{model: NetworkErdosRenyi, degreeBelowSize: true, edges: edgesByDegree},
	{model: NetworkGNM, degreeBelowSize: true, edges: edgesByDegree},
	{model: NetworkWattsStrogatz, evenDegree: true, degreeBelowSize: true, edges: edgesByDegree},
	{model: NetworkBarabasiAlbert, attachBelowSize: true, edges: edgesByAttach},
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
