package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/connact/connact/sim/network"
	"github.com/connact/connact/sim/scenario"
)

// Population holds the agents' fixed attributes as a struct of arrays: one
// slice per attribute, indexed by agent id, so that a step streams through
// memory and 10^7 agents cost tens of bytes each (float32 is ample for
// attributes drawn from distributions with a handful of significant digits).
type Population struct {
	N          int
	Groups     []string  // group names, index = group id
	Group      []int32   // g_i
	Position   []float32 // x_i ∈ [0,1]
	Identity   []float32 // ι_i ∈ [0,1]
	Resources  []float32 // r_i at the start, ≥ 0, ≤ Cap
	Income     []float32 // earned per step
	Cap        []float32 // maximum resources
	FreeRiding []float32 // f_i ∈ [0,1]
	Threshold  []float32 // θ_i: a share (fractional) or a count (absolute)
	// Skill[a][i] is σ_ia, agent i's skill at action a, and Role[i] the
	// action it is most skilled at (the first of equals): the role it is
	// able to take in a community of action. Both nil without actions
	// (DrawSkills).
	Skill [][]float32
	Role  []int8
}

// DrawSkills draws every agent's skill at each action from the action's
// distribution (its group's, when skills are given per group), action by
// action in agent order, with rnd, and gives each agent its role. NewRun
// draws them from the population's stream after every other attribute, so
// that a scenario without actions draws what it drew before they existed.
func (pop *Population) DrawSkills(actions []scenario.Action, rnd *rand.Rand) error {
	if len(actions) == 0 {
		return nil
	}
	skillRange := attrRange{-1, 1}
	pop.Skill = make([][]float32, len(actions))
	for a := range actions {
		act := &actions[a]
		samplers := make([]sampler, len(pop.Groups))
		for g := range samplers {
			d := scenario.Dist{Kind: scenario.DistConstant}
			switch {
			case g < len(act.Skills):
				d = act.Skills[g]
			case act.Skill != nil:
				d = *act.Skill
			}
			s, err := newSampler(d, skillRange)
			if err != nil {
				return err
			}
			samplers[g] = s
		}
		pop.Skill[a] = make([]float32, pop.N)
		for i := range pop.N {
			pop.Skill[a][i] = float32(samplers[pop.Group[i]].draw(i, rnd))
		}
	}
	pop.Role = make([]int8, pop.N)
	for i := range pop.N {
		for a := range actions {
			if pop.Skill[a][i] > pop.Skill[pop.Role[i]][i] {
				pop.Role[i] = int8(a)
			}
		}
	}
	return nil
}

// groupSizes splits n agents into groups by their shares with the largest
// remainder (Hamilton) method, so sizes are exact integers summing to n and
// each differs from n·s_g by less than one.
func groupSizes(n int, shares []float64) []int {
	sizes := make([]int, len(shares))
	rem := make([]float64, len(shares))
	total := 0
	for g, s := range shares {
		x := float64(n) * s
		sizes[g] = int(math.Floor(x))
		rem[g] = x - float64(sizes[g])
		total += sizes[g]
	}
	for total < n {
		best := 0
		for g := range rem {
			if rem[g] > rem[best] {
				best = g
			}
		}
		sizes[best]++
		rem[best] = -1
		total++
	}
	return sizes
}

// attrRange is the admissible range of an attribute; normal and lognormal
// draws are truncated to it.
type attrRange struct{ lo, hi float64 }

var (
	unitRange     = attrRange{0, 1}
	positiveRange = attrRange{0, math.Inf(1)}
)

// NewPopulation draws n agents from the scenario's population section with
// rnd. Group membership is assigned by exact group sizes and then shuffled,
// so that agent ids carry no group order (a ring lattice over ids is then not
// segregated by accident). Attributes are drawn agent by agent in id order.
func NewPopulation(p *scenario.Population, n int, absoluteThreshold bool, rnd *rand.Rand) (*Population, error) {
	return NewPopulationNodes(p, n, absoluteThreshold, nil, rnd)
}

// NodeColumns are the columns of a node table (scenario network.nodes)
// that replace an attribute's draw, each agent's value read from the file.
var NodeColumns = []string{"position", "identity", "resources", "free_riding", "threshold"}

// NewPopulationNodes is NewPopulation for a file network with a node table
// (nil: none, NewPopulation). With a group column, each agent's group is
// its node's (a name of p.Groups; the shares are not used) instead of a
// shuffled split by shares; then every attribute is drawn as usual, from
// its group's distributions, and the table's NodeColumns replace the
// draws (resources still capped by the cap). Drawing first keeps the
// other attributes' draws the same whichever columns the table has.
func NewPopulationNodes(p *scenario.Population, n int, absoluteThreshold bool, nodes *network.NodeTable, rnd *rand.Rand) (*Population, error) {
	if n <= 0 {
		return nil, fmt.Errorf("population: size %d must be positive", n)
	}
	pop := &Population{
		N:          n,
		Group:      make([]int32, n),
		Position:   make([]float32, n),
		Identity:   make([]float32, n),
		Resources:  make([]float32, n),
		Income:     make([]float32, n),
		Cap:        make([]float32, n),
		FreeRiding: make([]float32, n),
		Threshold:  make([]float32, n),
	}
	shares := make([]float64, len(p.Groups))
	for g, gr := range p.Groups {
		pop.Groups = append(pop.Groups, gr.Name)
		shares[g] = gr.Share
	}
	if nodes != nil && nodes.Group != nil {
		if err := GroupsFromNodes(pop, nodes); err != nil {
			return nil, err
		}
	} else {
		i := 0
		for g, size := range groupSizes(n, shares) {
			for k := 0; k < size; k++ {
				pop.Group[i] = int32(g)
				i++
			}
		}
		rnd.Shuffle(n, func(a, b int) { pop.Group[a], pop.Group[b] = pop.Group[b], pop.Group[a] })
	}

	thrRange := unitRange
	if absoluteThreshold {
		thrRange = positiveRange
	}
	type attr struct {
		dst  []float32
		def  scenario.Dist
		over func(g *scenario.Group) *scenario.Dist
		rng  attrRange
	}
	attrs := []attr{
		{pop.Identity, p.Identity, func(g *scenario.Group) *scenario.Dist { return g.Identity }, unitRange},
		{pop.Resources, p.Resources, func(g *scenario.Group) *scenario.Dist { return g.Resources }, positiveRange},
		{pop.Income, p.Income, func(g *scenario.Group) *scenario.Dist { return g.Income }, positiveRange},
		{pop.Cap, p.Cap, func(g *scenario.Group) *scenario.Dist { return g.Cap }, positiveRange},
		{pop.FreeRiding, p.FreeRiding, func(g *scenario.Group) *scenario.Dist { return g.FreeRiding }, unitRange},
		{pop.Threshold, p.Threshold, func(g *scenario.Group) *scenario.Dist { return g.Threshold }, thrRange},
	}
	// One sampler per attribute and group, built once.
	G := len(p.Groups)
	for _, a := range attrs {
		samplers := make([]sampler, G)
		for g := range p.Groups {
			d := a.def
			if o := a.over(&p.Groups[g]); o != nil {
				d = *o
			}
			s, err := newSampler(d, a.rng)
			if err != nil {
				return nil, err
			}
			samplers[g] = s
		}
		for i := 0; i < n; i++ {
			a.dst[i] = float32(samplers[pop.Group[i]].draw(i, rnd))
		}
	}
	for i := 0; i < n; i++ {
		gr := &p.Groups[pop.Group[i]]
		sd := p.PositionSpread
		if gr.PositionSpread != nil {
			sd = *gr.PositionSpread
		}
		pop.Position[i] = float32(truncNormal(gr.Centre, sd, unitRange, rnd))
		if pop.Resources[i] > pop.Cap[i] {
			pop.Resources[i] = pop.Cap[i]
		}
	}
	if nodes != nil {
		dst := map[string][]float32{"position": pop.Position, "identity": pop.Identity, "resources": pop.Resources,
			"free_riding": pop.FreeRiding, "threshold": pop.Threshold}
		for _, c := range NodeColumns {
			for i, x := range nodes.Numbers[c] {
				dst[c][i] = float32(x)
			}
		}
		for i := range n {
			pop.Resources[i] = min(pop.Resources[i], pop.Cap[i])
		}
	}
	return pop, nil
}

// GroupsFromNodes sets pop.Group from the node table's group column, by
// the names of pop.Groups; a name that is not a group is an error naming
// the table's line and column (runner.Study.ReadNetwork reports it before
// any run).
func GroupsFromNodes(pop *Population, nodes *network.NodeTable) error {
	if len(nodes.Group) != pop.N {
		return fmt.Errorf("%s: %d nodes, but the population has %d agents", nodes.Name, len(nodes.Group), pop.N)
	}
	index := make(map[string]int32, len(pop.Groups))
	for g, name := range pop.Groups {
		index[name] = int32(g)
	}
	for i, name := range nodes.Group {
		g, ok := index[name]
		if !ok {
			return fmt.Errorf("%s:%d: column group (%d): %q is not a group of population.groups (%s)",
				nodes.Name, nodes.Line[i], nodes.Col["group"], name, strings.Join(pop.Groups, ", "))
		}
		pop.Group[i] = g
	}
	return nil
}

// sampler draws one attribute value for agent i.
type sampler struct {
	kind   scenario.DistKind
	a, b   float64
	rng    attrRange
	values []float64
	seq    bool
	clamp  bool
	beta   distuv.Beta
}

func newSampler(d scenario.Dist, r attrRange) (sampler, error) {
	s := sampler{kind: d.Kind, rng: r}
	switch d.Kind {
	case scenario.DistConstant, "":
		s.kind, s.a = scenario.DistConstant, d.Value
	case scenario.DistUniform:
		s.a, s.b = d.Min, d.Max
	case scenario.DistNormal:
		s.a, s.b, s.clamp = d.Mean, d.SD, d.Bounds == "clamp"
	case scenario.DistLognormal:
		s.a, s.b = d.Mu, d.Sigma
	case scenario.DistBeta:
		s.beta = distuv.Beta{Alpha: d.A, Beta: d.B}
	case scenario.DistEmpirical:
		if len(d.Values) == 0 {
			return s, fmt.Errorf("population: empirical distribution has no values")
		}
		s.values, s.seq = d.Values, d.Draw == "sequence"
	default:
		return s, fmt.Errorf("population: unknown distribution %q", d.Kind)
	}
	return s, nil
}

func (s *sampler) draw(i int, rnd *rand.Rand) float64 {
	switch s.kind {
	case scenario.DistConstant:
		return s.a
	case scenario.DistUniform:
		return s.a + (s.b-s.a)*rnd.Float64()
	case scenario.DistNormal:
		if s.clamp { // censored: draws outside the range take its nearest bound
			return math.Min(math.Max(s.a+s.b*rnd.NormFloat64(), s.rng.lo), s.rng.hi)
		}
		return truncNormal(s.a, s.b, s.rng, rnd)
	case scenario.DistLognormal:
		// Truncated to the attribute range by rejection; the scenario
		// validation keeps the range reachable.
		for range 1000 {
			x := math.Exp(s.a + s.b*rnd.NormFloat64())
			if x >= s.rng.lo && x <= s.rng.hi {
				return x
			}
		}
		return math.Min(math.Max(math.Exp(s.a), s.rng.lo), s.rng.hi)
	case scenario.DistBeta:
		// distuv.Beta needs a source; draw through a local copy that reads rnd.
		b := s.beta
		b.Src = rnd
		return b.Rand()
	case scenario.DistEmpirical:
		if s.seq {
			return s.values[i%len(s.values)]
		}
		return s.values[rnd.IntN(len(s.values))]
	}
	panic("sim: unknown sampler " + string(s.kind))
}

// truncNormal draws from N(mean, sd²) truncated to r. Rejection is exact and
// fast when the interval holds a fair share of the mass; otherwise the
// inverse-CDF method on the truncated interval is used (Robert 1995 discusses
// both). sd = 0 gives mean clamped to the range.
func truncNormal(mean, sd float64, r attrRange, rnd *rand.Rand) float64 {
	if sd <= 0 {
		return math.Min(math.Max(mean, r.lo), r.hi)
	}
	for range 16 {
		x := mean + sd*rnd.NormFloat64()
		if x >= r.lo && x <= r.hi {
			return x
		}
	}
	n := distuv.Normal{Mu: mean, Sigma: sd}
	plo, phi := n.CDF(r.lo), n.CDF(r.hi)
	if phi-plo < 1e-300 {
		// The whole interval lies far in one tail: the nearest bound is the
		// limit of the truncated distribution.
		if mean < r.lo {
			return r.lo
		}
		return r.hi
	}
	x := n.Quantile(plo + (phi-plo)*rnd.Float64())
	return math.Min(math.Max(x, r.lo), r.hi)
}
