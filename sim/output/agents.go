package output

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/runner"
)

// AgentsFile holds the agent snapshots of a run folder (RunOptions.Agents,
// connact run --agents): one row per (condition, replicate, step, agent)
// at the steps asked for, with the run's seed and NodeColumns.
const AgentsFile = "agents.csv"

// Final stands for a run's last step in a list of snapshot steps.
const Final = -1

// ParseAgentSteps reads a list of snapshot steps such as "0,10,50,final"
// (final: the run's last step), each a step from 0 to steps; the list is
// returned sorted without repeats, Final last.
func ParseAgentSteps(s string, steps int) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "final" {
			out = append(out, Final)
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 || n > steps {
			return nil, fmt.Errorf("agent snapshot step %q is not a step from 0 to %d or final", f, steps)
		}
		if n == steps {
			n = Final
		}
		out = append(out, n)
	}
	// Final sorts after every step.
	slices.SortFunc(out, func(a, b int) int { return cmp.Compare(uint(a), uint(b)) })
	return slices.Compact(out), nil
}

// agentRowBytes is a generous size of one row of agents.csv, for the
// estimate (a row is about 130 bytes).
const agentRowBytes = 160

// MaxAgentsBytes is the largest agents.csv a run writes: an estimate
// above it is refused before anything runs (CheckAgents).
const MaxAgentsBytes = 4 << 30

// AgentsEstimate is the number of rows of agents.csv for snapshots at
// steps of every run of the study, and about how many bytes they take.
func AgentsEstimate(st *runner.Study, steps []int) (rows, bytes int64) {
	n := int64(st.Scenario.Population.Size)
	if info := st.NetworkFileInfo(); len(info.Labels) > 0 {
		n = int64(len(info.Labels))
	}
	rows = int64(st.Runs()) * int64(len(steps)) * n
	return rows, rows * agentRowBytes
}

// CheckAgents refuses snapshots whose file would exceed MaxAgentsBytes,
// with the estimate and what makes it smaller.
func CheckAgents(st *runner.Study, steps []int) error {
	rows, bytes := AgentsEstimate(st, steps)
	if bytes > MaxAgentsBytes {
		return &RefusedError{Path: AgentsFile, Why: fmt.Sprintf("would hold %d rows (%d runs × %d steps × agents), about %.1f GB, above the %d GB connact writes; ask for fewer steps, fewer replicates (--replicates) or a smaller population",
			rows, st.Runs(), len(steps), float64(bytes)/1e9, MaxAgentsBytes>>30)}
	}
	return nil
}

// agentFields are agents.csv's columns.
func agentFields() []Field {
	descr := map[string]string{
		"id": "agent id, from 0 (a node of the network)", "group": "identity group (population.groups[].name)",
		"position": "position x_i in [0,1]", "identity": "identity strength ι_i in [0,1]",
		"resources": "resources r_i at the step", "free_riding": "tendency to free-ride f_i in [0,1]",
		"threshold": "threshold θ_i (a share, or a count with absolute thresholds)",
		"degree":    "ties in the network as built", "core": "core number (k-core) in the network as built",
		"state":        "inactive, aware, active, member, lapsed or removed (sim.AgentStatus)",
		"frame":        "mechanism whose frame the agent holds, empty for none",
		"organisation": "organisation the agent is a member of, empty for none",
		"ever_active":  "true if the agent has participated at or before the step",
		"attention":    "attention a_i to the frame held, 0 for none", "commitment": "commitment κ_i (0 without decision.commitment)",
		"first_active": "step of the agent's first participation, -1 for none so far",
	}
	fs := IDFields("condition", "replicate", "seed", "step")
	for k, c := range NodeColumns {
		t := map[string]string{"int": TypeInteger, "double": TypeNumber, "string": TypeString, "boolean": TypeString}[nodeTypes[k]]
		fs = append(fs, Field{Name: c, Type: t, Description: descr[c]})
	}
	return fs
}

// writeAgents writes agents.csv into dir: every run of the study run
// again from its seeds, one at a time and in run order (the same runs as
// the folder's tables; memory stays that of one run), its agents written
// at each of steps as it reaches them (sim.Model.Observe). It then adds
// the file to dir's datapackage.json.
func writeAgents(ctx context.Context, st *runner.Study, dir string, steps []int, workers int) error {
	t, err := CreateTable(filepath.Join(dir, AgentsFile), FieldNames(agentFields()))
	if err != nil {
		return err
	}
	defer t.Abort()
	var row []string
	for i := range st.Runs() {
		_, c, r := st.Locate(i)
		m, seed, err := st.Model(i)
		if err != nil {
			return err
		}
		m.SetThreads(workers)
		last := m.Scenario().Steps
		cond, seedText := st.Conditions[c].Name, strconv.FormatUint(seed, 10)
		var werr error
		m.Observe(func(v sim.View) {
			s := v.Step()
			if werr != nil || !(slices.Contains(steps, s) || (s == last && slices.Contains(steps, Final))) {
				return
			}
			for a := range v.N() {
				st := v.Agent(a)
				row = nodeValues(&st, row)
				t.Begin()
				t.Text(cond)
				t.Int(r)
				t.Text(seedText)
				t.Int(s)
				for _, x := range row {
					t.Text(x)
				}
				if werr = t.End(); werr != nil {
					return
				}
			}
		})
		if err := m.RunContext(ctx); err != nil {
			return err
		}
		if werr != nil {
			return werr
		}
	}
	if err := t.Close(); err != nil {
		return err
	}
	path := filepath.Join(dir, DataPackageFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var pkg DataPackage
	if err := json.Unmarshal(b, &pkg); err != nil {
		return err
	}
	pkg.Resources = append(pkg.Resources, CSVResource(AgentsFile, agentFields()))
	return WriteJSON(path, pkg)
}
