package output

import (
	"encoding/json"
	"os"
	"time"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/network"
	"github.com/connact/connact/sim/runner"
)

// Meta is meta.json: what produced a run folder and how. It is the one file
// of a run folder that differs between repeated runs (times, host).
type Meta struct {
	sim.BuildInfo
	Scenario     string        `json:"scenario"`
	ScenarioHash string        `json:"scenario_hash"`
	ScenarioSeed uint64        `json:"scenario_seed"`
	Steps        int           `json:"steps"`
	Replicates   int           `json:"replicates"`
	Conditions   []string      `json:"conditions"`
	Runs         []MetaRun     `json:"runs"`
	Workers      int           `json:"workers"`
	Started      string        `json:"started"`
	Finished     string        `json:"finished"`
	WallSeconds  float64       `json:"wall_seconds"`
	Network      network.Stats `json:"network_first_run"`
	NetworkFile  string        `json:"network_file,omitempty"`
}

// MetaRun names one run and its seeds.
type MetaRun struct {
	Condition  string `json:"condition"`
	Replicate  int    `json:"replicate"`
	Seed       uint64 `json:"seed"`
	PairedSeed uint64 `json:"population_network_seed"`
}

func writeMeta(path string, st *runner.Study, rep *RunReport, start time.Time, workers int) error {
	m := Meta{
		BuildInfo:    sim.Build(),
		Scenario:     st.Scenario.Name,
		ScenarioHash: st.Loaded.Hash(),
		ScenarioSeed: st.Seed,
		Steps:        st.Scenario.Steps,
		Replicates:   st.Replicates,
		Workers:      workers,
		Started:      start.UTC().Format(time.RFC3339Nano),
		Finished:     time.Now().UTC().Format(time.RFC3339Nano),
		WallSeconds:  rep.Wall.Seconds(),
		Network:      rep.firstNetwork,
	}
	if st.Scenario.Network.Model == "file" {
		m.NetworkFile = st.Scenario.Network.File
	}
	for c, cond := range st.Conditions {
		m.Conditions = append(m.Conditions, cond.Name)
		for r := 0; r < st.Replicates; r++ {
			m.Runs = append(m.Runs, MetaRun{cond.Name, r, st.RunSeed(0, c, r), sim.PairedSeed(st.Seed, r)})
		}
	}
	return WriteJSON(path, m)
}

// ReadMeta reads a run folder's meta.json.
func ReadMeta(path string) (*Meta, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Meta
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return &m, nil
}
