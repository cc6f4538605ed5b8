package runner

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/internal/inputfile"
	"github.com/connact/connact/sim/internal/par"
	"github.com/connact/connact/sim/network"
	"github.com/connact/connact/sim/observable"
	"github.com/connact/connact/sim/scenario"
)

// Study is a loaded scenario ready to run: the runs of its plan (sweep
// points × conditions × replicates, or conditions × replicates for a plain
// run), with any edge-list network read once and shared, read-only, by
// every run.
type Study struct {
	Loaded     *scenario.Loaded
	Plan       *scenario.Plan
	Scenario   *scenario.Scenario // the base scenario
	Conditions []Condition        // of point 0 (a plain run has no other)
	Seed       uint64
	Replicates int

	fileGraph *network.Graph
	fileInfo  network.ReadInfo
	fileNodes *network.NodeTable // the node table of network.nodes, nil for none

	mu    sync.Mutex
	cache map[int][]Condition // recent points' conditions
	order []int               // points in the cache, oldest first
}

// Condition is one arm of the study.
type Condition struct {
	Name     string
	Scenario *scenario.Scenario // with the point's values and the condition's overrides applied
	Enabled  []string           // mechanisms enabled; nil = all
}

// Commitment reports whether some condition of the study keeps a
// commitment (decision.commitment given): its run folder then has the
// mean_commitment series (observable.SeriesFor), NA for the conditions
// without one.
func (st *Study) Commitment() bool {
	for _, c := range st.Conditions {
		if c.Scenario.Decision.Commitment != nil {
			return true
		}
	}
	return false
}

// Outcome reports whether some condition of the study has an outcome
// (scenario outcome): its run folder then has the good series and the
// time_to_concession and final_good metrics, NA for the conditions
// without one.
func (st *Study) Outcome() bool {
	for _, c := range st.Conditions {
		if c.Scenario.Outcome != nil {
			return true
		}
	}
	return false
}

// Actions name the actions of the study's community of action (scenario
// actions): those of its conditions that have any, which validation keeps
// the same (Validate); nil when none has.
func (st *Study) Actions() []string {
	for _, c := range st.Conditions {
		if len(c.Scenario.Actions) > 0 {
			return scenario.ActionNames(c.Scenario)
		}
	}
	return nil
}

// Optional are the opt-in mechanisms some condition of the study uses,
// which add columns to its run folder (observable.Optional).
func (st *Study) Optional() observable.Optional {
	return observable.Optional{Commitment: st.Commitment(), Outcome: st.Outcome(), Actions: st.Actions()}
}

// GroupNames are the condition's identity groups, in order.
func (c *Condition) GroupNames() []string {
	var s []string
	for _, g := range c.Scenario.Population.Groups {
		s = append(s, g.Name)
	}
	return s
}

// Result is one finished run.
type Result struct {
	Index     int // run number in the plan
	Point     int // sweep point (0 for a plain run)
	Condition int
	Replicate int
	Seed      uint64 // the run seed (dynamics); see sim.RunSeed and sim.PairedSeed
	N         int    // initial population
	Obs       *sim.Observations
	Metrics   sim.Metrics
	Network   network.Stats
}

// NewStudy prepares the scenario as written for running, ignoring any sweep
// section (connact run).
func NewStudy(l *scenario.Loaded) (*Study, error) {
	return readStudy(OpenStudy(l, false))
}

// NewSweepStudy prepares the scenario's sweep for running.
func NewSweepStudy(l *scenario.Loaded) (*Study, error) {
	return readStudy(OpenStudy(l, true))
}

func readStudy(st *Study, err error) (*Study, error) {
	if err != nil {
		return nil, err
	}
	if err := st.ReadNetwork(); err != nil {
		return nil, err
	}
	return st, nil
}

// OpenStudy is NewSweepStudy (sweep) or NewStudy without reading a file
// network: MemoryNeed then estimates the network from the file's size, so
// that a study too large for the machine is refused before a large edge
// list is read. ReadNetwork reads it; no run can be made before.
func OpenStudy(l *scenario.Loaded, sweep bool) (*Study, error) {
	p := l.BasePlan()
	if sweep {
		var err error
		if p, err = l.Plan(); err != nil {
			return nil, err
		}
	}
	st := &Study{Loaded: l, Plan: p, Scenario: l.Scenario, Seed: l.Scenario.Seed, Replicates: p.Replicates, cache: map[int][]Condition{}}
	conds, err := st.pointConditions(0)
	if err != nil {
		return nil, err
	}
	st.Conditions = conds
	// The actions name columns of the run folder: the conditions that
	// have actions must have the same ones (a condition may leave them
	// out, and its columns are then NA).
	var names []string
	for _, c := range conds {
		if len(c.Scenario.Actions) == 0 {
			continue
		}
		got := scenario.ActionNames(c.Scenario)
		if names == nil {
			names = got
		} else if !slices.Equal(got, names) {
			return nil, l.Errorf("conditions", "condition %q has actions %s, another %s: conditions may change what the actions are, not their names or number (they name the output's columns)", c.Name, strings.Join(got, ", "), strings.Join(names, ", "))
		}
	}
	return st, nil
}

// ReadNetwork reads the scenario's network file, if it has one and it has
// not been read yet.
func (st *Study) ReadNetwork() error {
	l := st.Loaded
	if l.Scenario.Network.Model != scenario.NetworkFile || st.fileGraph != nil {
		return nil
	}
	// Problems with the edge list are the user's to fix: reported at
	// network.file in the scenario, with the edge list's own line. Only a
	// regular file: a named pipe or a device is refused at once (validation
	// has checked the name; this checks what is opened).
	f, _, err := inputfile.Open(l.Scenario.Network.File)
	if err != nil {
		return l.Errorf("network.file", "%v", err)
	}
	defer f.Close()
	g, info, err := network.ReadEdgeList(f, network.ReadOptions{Name: l.Scenario.Network.File})
	if err != nil {
		return l.Errorf("network.file", "%v", err)
	}
	if n := l.Scenario.Population.Size; n != 0 && n != g.N() {
		return l.Errorf("population.size", "%d does not match the %d nodes of %s (leave size out to take it from the file)", n, g.N(), l.Scenario.Network.File)
	}
	st.fileGraph, st.fileInfo = g, info
	if l.Scenario.Network.Nodes != "" {
		nodes, err := readNodes(l, info.Labels)
		if err != nil {
			return err
		}
		st.fileNodes = nodes
	}
	return nil
}

// readNodes reads the scenario's node table for the edge list's nodes
// and checks what the file format cannot: groups that are the
// population's, and values inside each attribute's range. Errors are
// reported at network.nodes, with the table's line and column.
func readNodes(l *scenario.Loaded, labels []string) (*network.NodeTable, error) {
	path := l.Scenario.Network.Nodes
	f, _, err := inputfile.Open(path)
	if err != nil {
		return nil, l.Errorf("network.nodes", "%v", err)
	}
	defer f.Close()
	t, err := network.ReadNodeTable(f, network.NodeTableOptions{Name: path, Labels: labels, Numeric: sim.NodeColumns})
	if err != nil {
		return nil, l.Errorf("network.nodes", "%v", err)
	}
	hi := map[string]float64{"position": 1, "identity": 1, "free_riding": 1, "threshold": 1, "resources": math.Inf(1)}
	if l.Scenario.Decision.SocialMode == scenario.SocialAbsolute {
		hi["threshold"] = math.Inf(1) // a count of active ties
	}
	for _, c := range sim.NodeColumns {
		for i, x := range t.Numbers[c] {
			if x < 0 || x > hi[c] {
				allowed := "0..1"
				if math.IsInf(hi[c], 1) {
					allowed = ">= 0"
				}
				return nil, l.Errorf("network.nodes", "%s:%d: column %s (%d): %v is out of range (allowed: %s)", path, t.Line[i], c, t.Col[c], x, allowed)
			}
		}
	}
	if t.Group != nil {
		// The same check as the population's, made now, before any run.
		pop := &sim.Population{N: len(labels), Group: make([]int32, len(labels))}
		for _, g := range l.Scenario.Population.Groups {
			pop.Groups = append(pop.Groups, g.Name)
		}
		if err := sim.GroupsFromNodes(pop, t); err != nil {
			return nil, l.Errorf("network.nodes", "%v", err)
		}
	}
	return t, nil
}

// ShareNetwork gives st the network file that from, a study of the same
// loaded scenario, has read, so that it is not read twice (ReadNetwork is
// then a no-op). It panics if from is of another scenario.
func (st *Study) ShareNetwork(from *Study) {
	if from.Loaded != st.Loaded {
		panic("sim: ShareNetwork between studies of different scenarios")
	}
	st.fileGraph, st.fileInfo, st.fileNodes = from.fileGraph, from.fileInfo, from.fileNodes
}

// pointCacheSize bounds the points whose resolved conditions are kept:
// workers take runs in order, so only a few points are ever in flight.
const pointCacheSize = 64

// pointConditions resolves the conditions of sweep point p (cached).
func (st *Study) pointConditions(p int) ([]Condition, error) {
	st.mu.Lock()
	if c, ok := st.cache[p]; ok {
		st.mu.Unlock()
		return c, nil
	}
	st.mu.Unlock()
	pl, err := st.Plan.Point(p)
	if err != nil {
		return nil, err
	}
	var conds []Condition
	for i, name := range pl.ConditionNames() {
		sc, err := pl.Condition(i)
		if err != nil {
			return nil, err
		}
		var enabled []string
		if len(pl.Scenario.Conditions) > 0 && len(pl.Scenario.Conditions[i].Mechanisms) > 0 {
			enabled = pl.Scenario.Conditions[i].Mechanisms
		}
		conds = append(conds, Condition{Name: name, Scenario: sc, Enabled: enabled})
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.cache[p]; !ok {
		st.cache[p] = conds
		st.order = append(st.order, p)
		if len(st.order) > pointCacheSize {
			delete(st.cache, st.order[0])
			st.order = st.order[1:]
		}
	}
	return conds, nil
}

// Accounts are the organisations that keep accounts (an economy:
// scenario.Organisation.KeepsAccounts) in any of the study's conditions,
// in scenario order: the account series a run folder writes for every
// condition (observable.SeriesOf).
func (st *Study) Accounts() []string {
	var out []string
	for k, o := range st.Scenario.Organisations {
		for _, c := range st.Conditions {
			if k < len(c.Scenario.Organisations) && c.Scenario.Organisations[k].KeepsAccounts() {
				out = append(out, o.Name)
				break
			}
		}
	}
	return out
}

// Runs is the number of runs: points × conditions × replicates.
func (st *Study) Runs() int { return int(st.Plan.Runs()) }

// Locate splits run number i into its point, condition and replicate: runs
// are numbered point-major, then condition, then replicate.
func (st *Study) Locate(i int) (point, cond, rep int) {
	c := st.Plan.Conditions()
	return i / (c * st.Replicates), i / st.Replicates % c, i % st.Replicates
}

// Model builds run number i at step 0, with its population, network and
// seeded generators, and returns it with its run seed. The run seed hashes
// (scenario seed, point·conditions + condition, replicate); the population
// and network depend on the replicate only (PairedSeed).
func (st *Study) Model(i int) (*sim.Model, uint64, error) {
	return st.model(context.Background(), i)
}

// model is Model that gives up between its phases (population, network,
// model), which take seconds each at 10^7 agents, once ctx is done.
func (st *Study) model(ctx context.Context, i int) (*sim.Model, uint64, error) {
	p, c, r := st.Locate(i)
	conds, err := st.pointConditions(p)
	if err != nil {
		return nil, 0, err
	}
	cond := &conds[c]
	sc := cond.Scenario
	paired := st.PairedSeed(p, r)
	g := st.fileGraph
	if g == nil && sc.Network.Model == scenario.NetworkFile {
		return nil, 0, fmt.Errorf("sim: run %d: the network file has not been read (Study.ReadNetwork)", i)
	}
	seed := st.RunSeed(p, c, r)
	m, err := sim.NewRunNodes(ctx, sc, cond.Enabled, g, st.fileNodes, paired, seed)
	if err != nil && ctx.Err() == nil && st.Plan.Points() > 1 {
		err = fmt.Errorf("sweep point %d: %w", p, err)
	}
	return m, seed, err
}

// RunSeed is the run seed of replicate r of condition c at sweep point p:
// sim.RunSeed(seed, p·C + c, r), one per arm, or with the scenario's
// common_random_numbers sim.RunSeed(seed, p, r), the same for every
// condition of the replicate at that point (see "Seeds" in doc.go).
func (st *Study) RunSeed(p, c, r int) uint64 {
	if st.Scenario.CommonRandomNumbers {
		return sim.RunSeed(st.Seed, p, r)
	}
	return sim.RunSeed(st.Seed, p*st.Plan.Conditions()+c, r)
}

// PairedSeed is the seed of the population and network of replicate r at
// sweep point p: sim.PairedSeed(seed, r), the same at every point, or,
// with sweep.populations: per_point, sim.PairedSeed(sim.Derive(seed, p), r),
// a population and network of the point's own (independent simulations,
// as approximate Bayesian computation needs; see scenario.Sweep).
func (st *Study) PairedSeed(p, r int) uint64 {
	if sw := st.Scenario.Sweep; sw != nil && sw.Populations == "per_point" {
		return sim.PairedSeed(sim.Derive(st.Seed, uint64(p)), r)
	}
	return sim.PairedSeed(st.Seed, r)
}

// Run executes run number i to the last step (see Model for the numbering).
func (st *Study) Run(i int) (*Result, error) { return st.run(context.Background(), i, 1, nil) }

// RunContext is Run that stops, between two steps or two phases of
// building the run, once ctx is done, and then returns ctx's error.
func (st *Study) RunContext(ctx context.Context, i int) (*Result, error) {
	return st.run(ctx, i, 1, nil)
}

// run is RunContext with threads goroutines for the phases of a step that
// can use them, and attach, if not nil, called on the model before its
// first step.
func (st *Study) run(ctx context.Context, i, threads int, attach Attach) (*Result, error) {
	m, seed, err := st.model(ctx, i)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.SetThreads(threads)
	p, c, r := st.Locate(i)
	// The network's statistics need only the graph, which the run does not
	// change (removed agents are marked, not cut out): they are computed
	// beside the run, on a core of their own when one is free (a tenth of
	// a 10^7-agent run's time otherwise).
	// par.Go recovers a panic of its goroutine: it is returned here, not
	// the end of the process. An interrupted run does not wait for it.
	var stats network.Stats
	statsDone := par.Go(func() error {
		stats = network.ComputeStats(m.Net, sim.NewRand(st.PairedSeed(p, r), sim.StreamStats))
		return nil
	})
	var finish func() error
	if attach != nil {
		if finish, err = attach(i, m); err != nil {
			return nil, err
		}
	}
	if err := m.RunContext(ctx); err != nil {
		return nil, err
	}
	if finish != nil {
		if err := finish(); err != nil {
			return nil, err
		}
	}
	res := &Result{Index: i, Point: p, Condition: c, Replicate: r, Seed: seed, N: m.Pop.N, Obs: m.Observations()}
	res.Metrics = sim.ComputeMetrics(m.Observations(), m.Pop.N, m.Scenario().Outputs.CascadeLevel)
	if err := <-statsDone; err != nil {
		return nil, err
	}
	res.Network = stats
	return res, nil
}

// RunAll runs every run on workers goroutines and hands the results to emit
// in run order, whatever the number of workers.
func (st *Study) RunAll(ctx context.Context, workers int, emit func(*Result) error) error {
	return st.RunAllAttached(ctx, workers, nil, emit)
}

// Attach is called on a run's worker with run i's model before its first
// step, so that a writer can watch the run in the same pass
// (sim.Model.Observe) instead of running it again; the function it
// returns, if not nil, is called on the worker after the run's last step.
// Runs finish out of order: what an Attach writes must go to a place of
// run i's own, which the writer takes up when RunAll hands it run i's
// Result, in run order.
type Attach func(i int, m *sim.Model) (finish func() error, err error)

// RunAllAttached is RunAll with attach (nil: none) called on every run's
// model before its first step.
func (st *Study) RunAllAttached(ctx context.Context, workers int, attach Attach, emit func(*Result) error) error {
	// Workers left over when there are fewer runs than workers go to each
	// run's own phases that can use them (sharing's delivery): a single
	// large run uses the machine. The results do not depend on it.
	threads := 1
	if runs := st.Runs(); runs > 0 && runs < workers {
		threads = min(workers/runs, runtime.GOMAXPROCS(0))
	}
	run := func(i int) (*Result, error) { return st.run(ctx, i, threads, attach) }
	return OrderedParallel(ctx, st.Runs(), workers, run, func(_ int, r *Result) error { return emit(r) })
}

// NetworkFileInfo describes the edge list read for a file network: its node
// labels (index = agent id) and the self loops and duplicate edges dropped.
func (st *Study) NetworkFileInfo() network.ReadInfo { return st.fileInfo }
