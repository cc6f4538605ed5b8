package output

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/internal/tidyparquet"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// AgentsParquetFile holds them instead with outputs.agents.format: parquet.
const AgentsParquetFile = "agents.parquet"

// agentsParquet converts the finished agents.csv of dir into
// agents.parquet (sim/internal/tidyparquet: streamed in row groups, so
// memory stays flat however many snapshots there are), removes the CSV,
// and returns the file's Data Package resource. The columns keep
// agents.csv's names, order and types: integers INT64, numbers DOUBLE,
// the rest strings.
func agentsParquet(dir string, fields []Field) (Resource, error) {
	cols := make([]tidyparquet.Column, len(fields))
	for i, f := range fields {
		k := tidyparquet.String
		switch f.Type {
		case TypeInteger:
			k = tidyparquet.Int64
		case TypeNumber:
			k = tidyparquet.Double
		}
		cols[i] = tidyparquet.Column{Name: f.Name, Kind: k}
	}
	src, dst := filepath.Join(dir, AgentsFile), filepath.Join(dir, AgentsParquetFile)
	if err := tidyparquet.Convert(src, dst, cols, map[string]string{"connact.source": AgentsFile}); err != nil {
		return Resource{}, err
	}
	if err := os.Remove(src); err != nil {
		return Resource{}, err
	}
	return Resource{Name: "agents", Path: AgentsParquetFile, Format: "parquet", Mediatype: "application/vnd.apache.parquet",
		Schema: Schema{Fields: fields}}, nil
}

// AgentsFile holds the agent snapshots of a run folder (RunOptions.Agents,
// connact run --agents): one row per (condition, replicate, step, agent)
// at the steps asked for, with the run's seed and NodeColumns.
const AgentsFile = "agents.csv"

// Final stands for a run's last step in a list of snapshot steps.
const Final = scenario.FinalStep

// ParseAgentSteps reads a list of snapshot steps such as "0,10,50,final"
// (final: the run's last step), each a step from 0 to steps; the list is
// returned sorted without repeats, Final last (scenario.ParseSnapshotSteps).
func ParseAgentSteps(s string, steps int) ([]int, error) {
	var list []scenario.SnapshotStep
	for _, f := range strings.Split(s, ",") {
		list = append(list, scenario.SnapshotStep(f))
	}
	return scenario.ParseSnapshotSteps(list, steps)
}

// AgentSteps are the snapshot steps of a run of sc: those of flag (connact
// run --agents) when it is not empty, which override the scenario's
// outputs.agents, or else the scenario's; nil for none.
func AgentSteps(sc *scenario.Scenario, flag string) ([]int, error) {
	if flag != "" {
		return ParseAgentSteps(flag, sc.Steps)
	}
	if a := sc.Outputs.Agents; a != nil {
		return scenario.ParseSnapshotSteps(a.Steps, sc.Steps) // checked at load: no error
	}
	return nil, nil
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

// agentFields are agents.csv's columns; a study with actions (actions
// true) adds action and role after them.
func agentFields(actions bool) []Field {
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
	if actions {
		fs = append(fs,
			Field{Name: "action", Type: TypeString, Description: "action the agent does at the step (actions), empty if it does not take part"},
			Field{Name: "role", Type: TypeString, Description: "the action the agent is most skilled at (actions): its role"})
	}
	return fs
}

// agentWriter writes agents.csv in the same pass as the study's runs.
// Each run, on its worker, writes its snapshots as it reaches their steps
// (sim.Model.Observe) to a spool file of its own in the run folder; when
// RunAll hands over the run's Result, in run order, the spool is appended
// to agents.csv and removed. The rows are therefore in run order whatever
// the number of workers, as timeseries.csv's are, and memory does not
// grow with the snapshots: at most the runs in flight (runner.
// OrderedParallel's window) have a spool on disk.
type agentWriter struct {
	st    *runner.Study
	dir   string
	steps []int
	csv   *Table
	// actions: the study has actions, and agents.csv the action and role
	// columns (empty in a condition without actions).
	actions bool
}

// newAgentWriter creates agents.csv in dir with its header.
func newAgentWriter(st *runner.Study, dir string, steps []int) (*agentWriter, error) {
	actions := len(st.Actions()) > 0
	t, err := CreateTable(filepath.Join(dir, AgentsFile), FieldNames(agentFields(actions)))
	if err != nil {
		return nil, err
	}
	return &agentWriter{st: st, dir: dir, steps: steps, csv: t, actions: actions}, nil
}

// spool is run i's spool file: hidden, inside the temporary run folder,
// so that a failure or an interruption leaves nothing of it behind.
func (a *agentWriter) spool(i int) string {
	return filepath.Join(a.dir, fmt.Sprintf(".agents-%d.part", i))
}

// attach is the runner.Attach that writes run i's snapshots to its spool.
func (a *agentWriter) attach(i int, m *sim.Model) (func() error, error) {
	f, err := os.Create(a.spool(i))
	if err != nil {
		return nil, err
	}
	t := newTable(f, 0)
	p, c, r := a.st.Locate(i)
	cond, seedText := a.st.Conditions[c].Name, strconv.FormatUint(a.st.RunSeed(p, c, r), 10)
	last := m.Scenario().Steps
	var row []string
	var werr error
	m.Observe(func(v sim.View) {
		s := v.Step()
		if werr != nil || !(slices.Contains(a.steps, s) || (s == last && slices.Contains(a.steps, Final))) {
			return
		}
		for k := range v.N() {
			st := v.Agent(k)
			row = nodeValues(&st, row)
			t.Begin()
			t.Text(cond)
			t.Int(r)
			t.Text(seedText)
			t.Int(s)
			for _, x := range row {
				t.Text(x)
			}
			if a.actions {
				t.Text(st.Action)
				t.Text(st.Role)
			}
			if werr = t.End(); werr != nil {
				return
			}
		}
	})
	return func() error {
		if err := t.flush(); err != nil {
			f.Close()
			return err
		}
		if werr != nil {
			f.Close()
			return werr
		}
		return f.Close()
	}, nil
}

// add appends run r's spool, the next in run order, to agents.csv and
// removes it.
func (a *agentWriter) add(r *runner.Result) error {
	path := a.spool(r.Index)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = a.csv.appendFrom(f)
	f.Close()
	if err != nil {
		return err
	}
	return os.Remove(path)
}

// close closes agents.csv.
func (a *agentWriter) close() error {
	err := a.csv.Close()
	a.csv = nil
	return err
}

// abort closes agents.csv after a failure (the temporary folder goes with
// it and the spools); a nil writer is left alone.
func (a *agentWriter) abort() {
	if a != nil {
		a.csv.Abort()
	}
}
