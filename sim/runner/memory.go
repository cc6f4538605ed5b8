package runner

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/connact/connact/sim/internal/sat"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/connact/connact/sim/scenario"
)

// Bytes per agent and per edge of one run, counted from the data
// structures (README, Performance): the population's attributes (a group id
// and seven float32s), the dynamic state (attention, frame, centre, flags,
// start step, membership, resources, remaining and active neighbour counts,
// and a byte of bitsets: aware, active, fading, members, earning, dirty,
// seen per frame) and scratch lists; the network statistics' search queue, computed
// beside the run (4 bytes); the network's CSR offsets per agent, and per
// undirected edge its two int32 entries plus the builders' edge buffers,
// which exist while the graph is made.
const (
	bytesPerAgent = 32 + 37 + 8 + 8 + 8 + 4
	bytesPerEdge  = 8 + 12
)

// MaxWorkers bounds --workers: far more cores than any one machine has,
// and few enough that the goroutines and channels sized by it stay small.
// Runs are never given more workers than there are runs.
const MaxWorkers = 4096

// EstimateMemory is the peak memory of one run of sc, in bytes: an upper
// estimate made before anything is allocated, so that an absurd scenario is
// refused with a message instead of being killed by the kernel. For a file
// network, fileNodes and fileEdges are the file's; its graph, read once and
// shared by every run, is counted here too (MemoryNeed counts it once). An
// audience layer (network.audience) is counted like a network of its own.
func EstimateMemory(sc *scenario.Scenario, fileNodes int, fileEdges int64) int64 {
	n := int64(sc.Population.Size)
	// Exact in float64 for every scenario that passes validation, whose
	// networks have at most 2e9 edges.
	edges := int64(sc.Network.ExpectedEdges(sc.Population.Size))
	if sc.Network.Model == scenario.NetworkFile {
		n, edges = int64(fileNodes), fileEdges
	}
	if a := sc.Network.Audience; a != nil {
		// The audience layer is generated for every run, over the agents
		// (a file network's nodes too).
		edges = sat.Add(edges, int64(a.ExpectedEdges(int(n))))
	}
	frames := int64(len(sc.Frames))
	// Commitment (decision.commitment): κ (float32) and its set; a frame
	// renewing with decaying novelty: a byte of re-exposures per agent.
	opt := int64(0)
	if sc.Decision.Commitment != nil {
		opt += 4*n + n/8
	}
	for _, f := range sc.Frames {
		if f.Novelty == "decay" {
			opt += n
		}
	}
	if a := int64(len(sc.Actions)); a > 0 {
		// Actions: each agent's skill at each (float32), its role and
		// action (a byte each), the actions it has done (2 bytes), its
		// hidden bit (a byte, generously) and, when an action organises,
		// its count of organising ties (4 bytes).
		opt = sat.Add(opt, sat.Mul(n, 4*a+9))
	}
	return sat.Add(sat.Mul(n, bytesPerAgent), n*frames/8, opt, sat.Mul(edges, bytesPerEdge), observationBytes(sc))
}

// observationBytes is a run's Observations (observe.go): per step the
// eight series of the total and of each group (8 bytes each), active and
// aware counts per mechanism, members and budget per organisation, and the
// resources spent. A finished run's observations outlive its model until
// the run is written.
func observationBytes(sc *scenario.Scenario) int64 {
	steps := int64(sc.Steps) + 1
	groups := int64(len(sc.Population.Groups))
	orgs := int64(len(sc.Organisations))
	mechs := orgs + int64(len(sc.Frames))
	accounts := int64(0) // incentives, overhead, converted, churned
	for k := range sc.Organisations {
		if sc.Organisations[k].KeepsAccounts() {
			accounts++
		}
	}
	b := sat.Mul(steps, (groups+1)*8*8+mechs*16+orgs*16+8+accounts*accountSeries*8)
	if sc.Decision.Commitment != nil {
		b = sat.Add(b, steps*8) // mean commitment
	}
	if sc.Outcome != nil {
		b = sat.Add(b, steps*8) // the public good
	}
	// Per action: its participants, its role's and those who did it.
	b = sat.Add(b, sat.Mul(steps, int64(len(sc.Actions))*3*8))
	return b
}

// Aggregation is what a study's results are written into, which decides
// what is kept across runs (MemoryNeed).
type Aggregation int

const (
	// KeepReplicates is a run folder (sim/output): every series value of
	// every replicate of a condition is kept until its last replicate is
	// in, for the quantiles of aggregate.csv.
	KeepReplicates Aggregation = iota
	// StreamPoints is a sweep folder (sim/sweep): running means per step
	// of the point and condition in progress, and their checkpoint.
	StreamPoints
)

// Bytes kept across runs per step and series (see storeBytes).
const (
	// sim/output's condStore: a slice header per step and series, plus a
	// float64 per replicate in a list grown by append.
	replicateListBytes = 24
	// sim/sweep: a welford (24 bytes) per step and series variable, its
	// checkpoint copy (24) and that copy as indented JSON, marshalled
	// compact and then indented (about 75 and 110 bytes, in buffers that
	// grow by doubling): 24 + 24 + 2·(75+110) ≈ 420, rounded up.
	pointSeriesBytes = 456
	// The series variables a sweep aggregates per point (sim/sweep's
	// pointSeries).
	pointSeriesVars = 4
	// The series of timeseries.csv besides 3 per mechanism, 2 per
	// organisation and 4 per organisation keeping accounts
	// (observable.SeriesOf).
	totalSeries   = 13
	accountSeries = 4
)

// storeBytes is what the writer of agg keeps across the runs of sc with
// replicates replicates per condition, accounts the study's organisations
// keeping accounts (Study.Accounts).
func storeBytes(sc *scenario.Scenario, accounts, replicates int, agg Aggregation) int64 {
	steps := int64(sc.Steps) + 1
	if agg == StreamPoints {
		return sat.Mul(steps, pointSeriesVars*pointSeriesBytes)
	}
	orgs := int64(len(sc.Organisations))
	mechs := orgs + int64(len(sc.Frames))
	series := totalSeries + 3*mechs + 2*orgs + accountSeries*int64(accounts)
	if sc.Decision.Commitment != nil {
		series++ // mean_commitment (observable.SeriesFor)
	}
	if sc.Outcome != nil {
		series++ // good (observable.Optional)
	}
	series += 4 * int64(len(sc.Actions)) // doing_, doing_share_, role_, did_
	// Go's size classes round an allocation up by at most an eighth.
	list := sat.Add(replicateListBytes, sat.Mul(appendCap(replicates), 8*9/8))
	return sat.Mul(sat.Mul(series, steps), list)
}

// appendCap is the capacity a list reaches when n elements of 8 bytes are
// appended one by one (runtime.growslice: doubling up to 256 elements,
// then growing by a quarter plus 192).
func appendCap(n int) int64 {
	c := int64(0)
	for c < int64(n) {
		switch {
		case c == 0:
			c = 1
		case c < 256:
			c *= 2
		default:
			c += (c + 3*256) / 4
		}
	}
	return c
}

// Memory is the peak memory a study needs, by part, in bytes.
type Memory struct {
	PerRun   int64 // one run: its model, network and observations
	Parallel int   // runs at once: min(workers, runs)
	Results  int64 // finished runs' observations waiting to be written in run order
	Store    int64 // what the writer keeps across runs (see Aggregation)
	Network  int64 // a file network, read once and shared by every run
	Total    int64
	// FromFileSize says that Network was estimated from the size of the
	// edge list, which has not been read yet (OpenStudy, before ReadNetwork).
	FromFileSize bool
}

// MemoryNeed estimates the peak memory of a study run on workers
// goroutines whose results go to agg: one run per worker at the largest
// of the plan's first and last points (the sweep's ends, where sizes are
// extreme); up to as many finished runs' observations waiting to be
// written in run order (OrderedParallel keeps 2·workers results in
// flight); what the writer keeps; and a file network once. Before the
// file network is read (OpenStudy), its nodes and edges are estimated
// from the file (estimateEdgeList), so that a study too large for the
// machine is refused before the file is read.
func (st *Study) MemoryNeed(workers int, agg Aggregation) (Memory, error) {
	points := []int{0}
	if last := st.Plan.Points() - 1; last > 0 {
		points = append(points, last)
	}
	var m Memory
	var fileNodes int
	var fileEdges int64
	if st.Scenario.Network.Model == scenario.NetworkFile {
		if st.fileGraph != nil {
			fileNodes, fileEdges = st.fileGraph.N(), st.fileGraph.Edges()
		} else {
			var err error
			if fileNodes, fileEdges, err = estimateEdgeList(st.Scenario.Network.File, st.Scenario.Population.Size); err != nil {
				return m, st.Loaded.Errorf("network.file", "%v", err)
			}
			m.FromFileSize = true
		}
		// The graph is shared (its edges; each run's CSR offsets are in
		// bytesPerAgent); while it is read, the reader's label map and
		// pair list come on top (network.ReadEdgeList).
		m.Network = sat.Add(sat.Mul(fileEdges, bytesPerEdge+readBytesPerEdge), sat.Mul(int64(fileNodes), readBytesPerNode))
	}
	var obs, store int64
	for _, p := range points {
		conds, err := st.pointConditions(p)
		if err != nil {
			return m, err
		}
		for _, c := range conds {
			run := EstimateMemory(c.Scenario, fileNodes, fileEdges)
			if c.Scenario.Network.Model == scenario.NetworkFile {
				run -= sat.Mul(fileEdges, bytesPerEdge) // counted once, in Network
			}
			m.PerRun = max(m.PerRun, run)
			obs = max(obs, observationBytes(c.Scenario))
			store = max(store, storeBytes(c.Scenario, len(st.Accounts()), st.Replicates, agg))
		}
		if st.Scenario.Network.Model == scenario.NetworkFile {
			break // the network is the same at every point
		}
	}
	runs := max(int64(st.Plan.Runs()), 1)
	m.Parallel = int(min(int64(max(workers, 1)), runs))
	m.Results = sat.Mul(int64(m.Parallel), obs)
	m.Store = store
	m.Total = sat.Add(sat.Mul(int64(m.Parallel), m.PerRun), m.Results, m.Store, m.Network)
	return m, nil
}

// Bytes of a file network beyond its graph while it is read
// (network.ReadEdgeList): per node the label map's entry (a string header,
// an int32 and the buckets' share, about 48 bytes), the label's bytes, and
// its slot in the labels list grown by append (16, doubled); per edge line
// its two int32 ids in the reader's pair list, grown by append.
const (
	readBytesPerNode = 48 + 16 + 32 + 16
	readBytesPerEdge = 16
)

// Sampling of an edge list before it is read (estimateEdgeList).
const (
	edgeListSample = 64 << 10
	// edgeListMargin is added to the edges extrapolated from the sample:
	// a quarter, for files whose later lines are shorter (labels are
	// often numbered, and longer numbers come later).
	edgeListMargin = 1.25
)

// estimateEdgeList estimates the nodes and edges of the edge list at path
// without reading it all: edges are the data lines of its first 64 KiB
// scaled to the file's size, plus a quarter; nodes are the distinct labels
// per data line of that sample times the edges (ids repeat more over the
// whole file than in its start, so this is usually above the truth), at
// most twice the edges, or population.size when it is given (it must then
// match). A file that fits in the sample is counted exactly.
func estimateEdgeList(path string, size int) (nodes int, edges int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	buf := make([]byte, edgeListSample)
	k, err := io.ReadFull(f, buf)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return 0, 0, err
	}
	buf = buf[:k]
	whole := int64(k) >= st.Size()
	if !whole {
		if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
			buf = buf[:i+1] // whole lines only
		}
	}
	lines, labels := 0, make(map[string]bool)
	for line := range bytes.Lines(buf) {
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		lines++
		fields := bytes.FieldsFunc(t, func(r rune) bool { return r == ',' || r == '\t' || r == ' ' })
		for _, fl := range fields[:min(len(fields), 2)] {
			labels[string(fl)] = true
		}
	}
	lines = max(lines, 1)
	edges = int64(lines)
	if !whole {
		edges = int64(math.Ceil(float64(st.Size()) * float64(lines) / float64(max(len(buf), 1)) * edgeListMargin))
	}
	n := min(float64(edges)*float64(len(labels))/float64(lines), 2*float64(edges), math.MaxInt32)
	nodes = int(math.Ceil(n))
	if size > 0 {
		nodes = size
	}
	return nodes, edges, nil
}

// AvailableMemory is the memory the kernel says is available for new
// allocations (MemAvailable in /proc/meminfo), or 0 when it cannot be read.
func AvailableMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err == nil {
				return kb * 1024
			}
		}
	}
	return 0
}

// MaxBytes is the largest size ParseBytes accepts: 2^62 bytes (4 EiB),
// far above any machine, and small enough that sums of sizes cannot
// overflow an int64.
const MaxBytes = 1 << 62

// ParseBytes reads a size such as 512M, 4G, 1.5T or 1000000 (bytes; units
// are powers of 1024, an optional trailing B or iB is allowed). The number
// is decimal digits with at most one decimal point: strconv.ParseFloat
// alone would also take NaN, Inf, 1e400 and hex floats, and NaN compares
// false with every limit, which would switch the memory guard off.
func ParseBytes(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "IB"), "B")
	mult := 1.0
	if t != "" {
		if i := strings.IndexByte("KMGTP", t[len(t)-1]); i >= 0 {
			for range i + 1 {
				mult *= 1024
			}
			t = t[:len(t)-1]
		}
	}
	bad := func() (int64, error) {
		return 0, fmt.Errorf("%q is not a size: want digits with an optional fraction and unit, at most 4096P (examples: 512M, 4G, 1.5T)", scenario.Echo(s))
	}
	if !sizeRE.MatchString(t) {
		return bad()
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || v < 0 || v*mult > MaxBytes {
		return bad()
	}
	return int64(v * mult), nil
}

// sizeRE is the number part of a size: digits, optionally a fraction.
var sizeRE = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$|^\.[0-9]+$`)

// FormatBytes writes a size in the largest binary unit under it.
func FormatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
