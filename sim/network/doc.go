// Package network holds the social network of a connact run: a compact
// undirected graph, seeded random generators, an edge-list reader for real
// networks, and the summary statistics reported with every run.
//
// # Representation
//
// A Graph is compressed sparse row (CSR): Offsets (int64, N+1 entries) and
// Adj (int32 node ids, two entries per edge), each neighbour list sorted
// ascending, no self loops and no multi-edges. A graph with N = 10^7 nodes and
// E = 10^8 edges takes 8(N+1) + 8E ≈ 0.9 GB and holds no pointers, so the
// garbage collector never scans it. Ids are int32, so N ≤ 2^31-1; edge counts
// are int64.
//
// Every builder goes through one counting sort: count degrees, prefix-sum them
// into offsets, scatter each edge into both endpoints' lists, then sort any
// list that is not already sorted and (when the input may have repeats) drop
// duplicates in place while compacting Offsets. No maps and no per-node
// slices are used. Generators that emit edges in (larger id, smaller id)
// lexicographic order — G(n,p), G(n,m), Barabási–Albert — get sorted lists
// from the scatter for free; the others sort short lists in parallel.
// Generators that hold the lower triangle (G(n,p), G(n,m), Watts–Strogatz)
// write each node's lower neighbours as a block and its upper neighbours by
// transposing, a round of 4M edges at a time grouped by blocks of node ids
// on all cores (sim/internal/par): written edge by edge, the transpose was a
// cache miss per edge and two thirds of building 10^8 edges.
//
// # Randomness
//
// Every generator takes a *rand.Rand (math/rand/v2) and uses nothing else, so
// a graph is a pure function of its parameters and the generator's state.
// G(n,p) and G(n,m) on more than 262,144 nodes take one number from it as a
// key and draw each span of 262,144 rows (node v and its pairs w < v) from a
// PCG seeded by (key, span) through SplitMix64, on all cores: the trials are
// independent, so the law is unchanged and the graph is the same on any
// number of cores. Smaller graphs draw from the generator itself.
//
// # Generators and their costs
//
// Gilbert's G(n,p) (Gilbert 1959): each of the n(n-1)/2 pairs is an edge
// independently with probability p. Rather than flipping n²/2 coins,
// ErdosRenyiGNP draws the gap between successive edges in the row-by-row
// enumeration of the lower triangle, which is geometric:
//
//	P(gap ≥ j) = (1-p)^j,  gap = ⌊E/λ⌋,  E ~ Exp(1),  λ = -ln(1-p)
//
// (Batagelj & Brandes 2005). Time O(n + E), one exponential draw per edge.
//
// Erdős–Rényi G(n,m) (Erdős & Rényi 1959): a uniformly random set of exactly m
// edges. ErdosRenyiGNM draws a G(n,q) sample with q = (m + 4√m + 16)/(n(n-1)/2),
// which has m' ≥ m edges except with probability about 3·10^-5 (then it
// redraws), and deletes a uniform random m'-m of them. A Bernoulli sample
// conditioned on its size m' is uniform over m'-sets, and a uniform m-subset of
// a uniform m'-set is a uniform m-set, so the result is exactly G(n,m). Time
// O(n + m) expected, a bitset for the deletions instead of a hash set of edges.
//
// Ring lattice: node i is tied to i±1, …, i±k/2 (mod n), k even and k < n so
// that the two sides never meet. Every degree is k, and the clustering of
// every node (hence also the transitivity) is
//
//	C(k) = 3(k-2) / (4(k-1))          (valid for k < 2n/3)
//
// Watts–Strogatz (Watts & Strogatz 1998): start from the ring lattice and go
// round it k/2 times; in lap j each edge {u, u+j} keeps u and has its far end
// moved, with probability β, to a node w chosen uniformly among those that
// are neither u nor already tied to u. The degree sum is unchanged (mean degree
// exactly k), clustering falls from C(k) towards k/n as β grows while the path
// length collapses already at small β. Time O(n + nkβ) after the lattice; the
// rewired edges are found by geometric skipping and membership tests use a
// bitset of removed lattice slots and short linked lists of added edges.
//
// Barabási–Albert (Barabási & Albert 1999): nodes arrive one at a time and
// attach m edges to distinct earlier nodes chosen with probability
// proportional to degree. Start: the complete graph on m0 = m+1 nodes, so the
// edge count is exactly m(m+1)/2 + m(n-m-1). Sampling uses the Batagelj &
// Brandes (2005) edge array: a uniform entry of the list of all edge endpoints
// is a degree-proportional node, O(1) per draw; a target already chosen by the
// same newcomer is redrawn to keep the graph simple. For large n the degree
// distribution is P(k) = 2m(m+1)/(k(k+1)(k+2)), so the tail is
// P(K ≥ x) = m(m+1)/(x(x+1)) ∝ x^-2. Time O(nm) expected.
//
// Configuration model with power-law degrees (Molloy & Reed 1995; Newman
// 2003, §IV.B): each node draws a degree from P(k) ∝ k^-γ, kMin ≤ k ≤ n-1
// (γ > 2), by the discrete approximation of Clauset, Shalizi & Newman (2009,
// appendix D), k = ⌊(kMin - ½)(1-u)^(-1/(γ-1)) + ½⌋; the stubs are shuffled
// and paired, and self loops and multi-edges are erased (Britton, Deijfen &
// Martin-Löf 2006). Its core numbers spread over many shells, the innermost
// deepening with n (Dorogovtsev, Goltsev & Mendes 2006): at n = 10^5, kMin
// 2 and γ = 2.5 there are 11 shells, where a BA graph has one. Time and
// memory O(n + E).
//
// Complete graph: n(n-1)/2 edges, written directly; O(n²) time and memory, so
// only for small n (Granovetter's threshold model is defined on it).
//
// # Stochastic block model with homophily
//
// Holland, Laskey & Leinhardt (1983). Node i belongs to group g_i (the
// population's identity groups, so diversity and segregation are one knob);
// a pair inside group g is an edge with probability p_in(g), a pair across
// groups with the common probability p_out. The two user parameters are the
// mean degree k̄ and the homophily h, the expected share of all ties that lie
// inside a group. With group sizes n_g and n = Σ n_g, ask that every node have
// expected degree k̄. A node of group g has expected cross-group degree
// p_out·(n - n_g), so the expected number of cross-group tie ends is
//
//	Σ_g n_g·p_out·(n - n_g) = p_out·(n² - Σ_g n_g²),
//
// and setting it to the share (1-h) of all n·k̄ tie ends gives
//
//	p_out   = (1-h)·n·k̄ / (n² - Σ_g n_g²),
//	p_in(g) = (k̄ - p_out·(n - n_g)) / (n_g - 1),
//
// the second from making the node's expected degree
// p_in(g)(n_g - 1) + p_out(n - n_g) equal k̄. Then every node's expected degree
// is k̄ and the expected within-group share of ties is exactly h. Each group's
// own within share is 1 - p_out(n-n_g)/k̄: equal to h when groups are equal,
// higher for large groups and lower for small ones. With G equal groups of
// size n/G the model is Erdős–Rényi when p_in = p_out, i.e. at
// h = (n/G - 1)/(n - 1) ≈ 1/G; h above that is homophily, below it
// heterophily. The request is infeasible, and StochasticBlock returns an error
// naming the group, when p_out > 1 or some p_in(g) leaves [0, 1]: h too low for
// a small group (its members would need more cross ties than k̄) or k̄·h too
// large for a small group to hold inside. A group of one member has no
// internal pairs and is feasible only when its need k̄ - p_out(n-1) is 0. With
// a single non-empty group there are no cross pairs; h is then ignored.
// Sampling: each group's internal triangle and the rectangle between the
// group and all later groups (one rectangle, since p_out is shared) are
// sampled by geometric skipping, O(n + G + E) time.
//
// # Edge lists
//
// ReadEdgeList reads CSV, TSV or whitespace-separated edge lists with optional
// header, comments and extra columns, maps arbitrary labels to dense ids in
// order of first appearance, and drops self loops and duplicate edges,
// counting them. See its documentation for the exact rules.
//
// Layout places the nodes in the unit square for drawing (Fruchterman &
// Reingold 1991), seeded, with repulsion counted within a grid of cells.
//
// ReadNodeTable reads a node table for an edge list (CSV with a header,
// one row per node, matched by label): each node's group and the numeric
// columns asked for, with errors naming file, line and column.
//
// # Statistics
//
// ComputeStats reports the degree moments, the number of isolated nodes, the
// connected components (iterative BFS) and the giant component share, and two
// clustering coefficients: the transitivity 3·triangles/connected triples
// (Newman 2003) and the Watts–Strogatz average local clustering
// (1/N)·Σ_i t_i/(k_i(k_i-1)/2), where nodes of degree < 2 count as 0 (as in
// NetworkX; the alternative of averaging only over degree ≥ 2 would inflate
// it for sparse graphs). Up to ExactWedgeLimit connected triples both are
// exact (forward triangle counting over sorted lists); above it both are
// estimated from ClusteringSamples samples (Schank & Wagner 2005), standard
// error ≤ 0.0011.
//
// # References
//
//   - Barabási, A.-L. & Albert, R. (1999). Emergence of scaling in random
//     networks. Science 286, 509–512.
//   - Batagelj, V. & Brandes, U. (2005). Efficient generation of large random
//     networks. Physical Review E 71, 036113.
//   - Britton, T., Deijfen, M. & Martin-Löf, A. (2006). Generating simple
//     random graphs with prescribed degree distribution. Journal of
//     Statistical Physics 124(6), 1377–1397.
//   - Clauset, A., Shalizi, C. R. & Newman, M. E. J. (2009). Power-law
//     distributions in empirical data. SIAM Review 51(4), 661–703.
//   - Dorogovtsev, S. N., Goltsev, A. V. & Mendes, J. F. F. (2006). k-core
//     organization of complex networks. Physical Review Letters 96, 040601.
//   - Erdős, P. & Rényi, A. (1959). On random graphs I. Publicationes
//     Mathematicae Debrecen 6, 290–297.
//   - Fruchterman, T. M. J. & Reingold, E. M. (1991). Graph drawing by
//     force-directed placement. Software: Practice and Experience 21(11),
//     1129–1164.
//   - Gilbert, E. N. (1959). Random graphs. Annals of Mathematical Statistics
//     30(4), 1141–1144.
//   - Holland, P. W., Laskey, K. B. & Leinhardt, S. (1983). Stochastic
//     blockmodels: first steps. Social Networks 5(2), 109–137.
//   - Molloy, M. & Reed, B. (1995). A critical point for random graphs with
//     a given degree sequence. Random Structures & Algorithms 6(2–3),
//     161–180.
//   - Newman, M. E. J. (2003). The structure and function of complex
//     networks. SIAM Review 45(2), 167–256.
//   - Schank, T. & Wagner, D. (2005). Approximating clustering coefficient
//     and transitivity. Journal of Graph Algorithms and Applications 9(2),
//     265–275.
//   - Zachary, W. W. (1977). An information flow model for conflict and
//     fission in small groups. Journal of Anthropological Research 33(4),
//     452–473 (the karate club of scenarios/networks).
//   - Watts, D. J. & Strogatz, S. H. (1998). Collective dynamics of
//     'small-world' networks. Nature 393, 440–442.
package network
