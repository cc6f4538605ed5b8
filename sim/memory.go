package sim

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

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
// refused with a message instead of being killed by the kernel.
func EstimateMemory(sc *scenario.Scenario, fileNodes int, fileEdges int64) int64 {
	n := int64(sc.Population.Size)
	edges := int64(float64(n) * sc.Network.MeanDegree / 2)
	switch sc.Network.Model {
	case "file":
		n, edges = int64(fileNodes), fileEdges
	case "complete":
		edges = n * (n - 1) / 2
	case "barabasi_albert":
		edges = n * int64(sc.Network.Attach)
	}
	frames := int64(len(sc.Frames))
	steps := int64(sc.Steps + 1)
	groups := int64(len(sc.Population.Groups))
	mechs := int64(len(sc.Organisations)) + frames
	obs := steps * (groups*8*8 + mechs*16 + 16)
	return n*bytesPerAgent + n*frames/8 + edges*bytesPerEdge + obs
}

// MemoryNeed estimates the peak memory of a study run on workers
// goroutines: one run per worker, at the largest of the plan's first and
// last points (the sweep's ends, where sizes are extreme).
func (st *Study) MemoryNeed(workers int) (perRun int64, total int64, err error) {
	points := []int{0}
	if last := st.Plan.Points() - 1; last > 0 {
		points = append(points, last)
	}
	var fileNodes int
	var fileEdges int64
	if st.fileGraph != nil {
		fileNodes, fileEdges = st.fileGraph.N(), st.fileGraph.Edges()
	}
	for _, p := range points {
		conds, err := st.pointConditions(p)
		if err != nil {
			return 0, 0, err
		}
		for _, c := range conds {
			perRun = max(perRun, EstimateMemory(c.Scenario, fileNodes, fileEdges))
		}
	}
	runs := int64(st.Runs())
	return perRun, perRun * min(int64(workers), max(runs, 1)), nil
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
		return 0, fmt.Errorf("%q is not a size: want digits with an optional fraction and unit, at most 4096P (examples: 512M, 4G, 1.5T)", cut(s))
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

// cut shortens a value echoed in a message to a readable length.
func cut(s string) string {
	const keep = 60
	if len(s) <= keep {
		return s
	}
	i := keep
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:i], len(s))
}

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
