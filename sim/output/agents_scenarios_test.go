package output

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// TestAgentSnapshotsEveryScenario runs every shipped scenario, shortened,
// with agent snapshots at step 0, a middle step and the last, and checks
// that each snapshot's counts are the same step's counts in
// timeseries.csv (alive, aware, active, members, cumulative; active and
// aware per mechanism, members per organisation) and in groups.csv (the
// same by identity group). The snapshots and the tables come from one
// pass over the same runs, so any disagreement is a bug in one of them.
func TestAgentSnapshotsEveryScenario(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	more, _ := filepath.Glob("../../scenarios/*/*.yaml")
	files = append(files, more...)
	if len(files) < 10 {
		t.Fatalf("found %d scenarios, want the shipped ones", len(files))
	}
	for _, f := range files {
		name := strings.TrimPrefix(filepath.ToSlash(f), "../../scenarios/")
		t.Run(name, func(t *testing.T) {
			st := shortStudy(t, f)
			steps := []int{0, st.Scenario.Steps / 2, Final}
			dir := filepath.Join(t.TempDir(), "run")
			if _, err := WriteRun(context.Background(), st, RunOptions{Dir: dir, Workers: 2, Formats: []string{}, Agents: steps}); err != nil {
				t.Fatal(err)
			}
			snaps := countSnapshots(t, readCSV(t, filepath.Join(dir, AgentsFile)))
			if want := st.Runs() * len(steps); len(snaps) != want {
				t.Fatalf("%d snapshots, want %d runs × %d steps", len(snaps), st.Runs(), len(steps))
			}
			acts := st.Actions()
			compareCounts(t, snaps, readCSV(t, filepath.Join(dir, TimeseriesFile)), 4, "timeseries.csv", acts)
			compareCounts(t, snaps, readCSV(t, filepath.Join(dir, GroupsFile)), 5, "groups.csv", acts)
		})
	}
}

// shortStudy is scenario f made quick: one replicate, 400 agents (unless
// its network file or its events fix the size) and steps enough to reach
// its last scheduled event, frame or organisation start, plus two.
func shortStudy(t *testing.T, f string) *runner.Study {
	t.Helper()
	full, err := scenario.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	s := full.Scenario
	steps := 4
	for _, e := range s.Events {
		steps = max(steps, e.Step+2)
	}
	for _, fr := range s.Frames {
		steps = max(steps, fr.Start+2)
	}
	for _, o := range s.Organisations {
		steps = max(steps, o.Start+2)
	}
	set := []string{fmt.Sprintf("steps=%d", min(steps, s.Steps)), "replicates=1"}
	if s.Network.Model != scenario.NetworkFile && s.Population.Size > 400 {
		// Some scenarios tie counts (seeds, hubs removed) to their size:
		// they keep it if 400 agents do not validate.
		if l, err := scenario.LoadWithSet(f, append(set, "population.size=400")); err == nil {
			return openTestStudy(t, l)
		}
	}
	l, err := scenario.LoadWithSet(f, set)
	if err != nil {
		t.Fatal(err)
	}
	return openTestStudy(t, l)
}

func openTestStudy(t *testing.T, l *scenario.Loaded) *runner.Study {
	t.Helper()
	st, err := runner.NewStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// snapshot is one (condition, replicate, step) of agents.csv counted as
// the tables count: by column name of timeseries.csv, in total (group "")
// and by group.
type snapshot map[string]map[string]int // group -> column -> count

// countSnapshots counts agents.csv's rows by (condition, replicate, seed,
// step): alive (not removed), aware (holding a frame), active, members,
// cumulative (ever active), and per mechanism aware_M and active_M (the
// frame held) and per organisation members_O.
func countSnapshots(t *testing.T, rows [][]string) map[string]snapshot {
	t.Helper()
	col := func(name string) int {
		i := slices.Index(rows[0], name)
		if i < 0 {
			t.Fatalf("agents.csv has no column %s", name)
		}
		return i
	}
	group, state, frame, org, ever := col("group"), col("state"), col("frame"), col("organisation"), col("ever_active")
	// With actions: the action each active agent does and its role.
	action, role := slices.Index(rows[0], "action"), slices.Index(rows[0], "role")
	out := map[string]snapshot{}
	for _, r := range rows[1:] {
		key := strings.Join(r[:4], ",")
		s := out[key]
		if s == nil {
			s = snapshot{}
			out[key] = s
		}
		for _, g := range []string{"", r[group]} {
			c := s[g]
			if c == nil {
				c = map[string]int{"alive": 0, "aware": 0, "active": 0, "members": 0, "cumulative": 0}
				s[g] = c
			}
			if r[state] != "removed" {
				c["alive"]++
			}
			if r[state] == "active" {
				c["active"]++
				if g == "" && action >= 0 {
					c["doing_"+r[action]]++
					c["role_"+r[role]]++
				}
			}
			if r[ever] == "true" {
				c["cumulative"]++
			}
			if r[frame] != "" {
				c["aware"]++
				if g == "" {
					c["aware_"+r[frame]]++
					if r[state] == "active" {
						c["active_"+r[frame]]++
					}
				}
			}
			if r[org] != "" {
				c["members"]++
				if g == "" {
					c["members_"+r[org]]++
				}
			}
		}
	}
	return out
}

// compareCounts checks every snapshot against the table's row of the same
// (condition, replicate, seed, step) and, for groups.csv (ids = 5), group:
// each count the table has a column for, with a missing per-mechanism or
// per-organisation count meaning 0.
func compareCounts(t *testing.T, snaps map[string]snapshot, table [][]string, ids int, file string, actions []string) {
	t.Helper()
	header := table[0]
	found := 0
	for _, r := range table[1:] {
		s, ok := snaps[strings.Join(r[:4], ",")]
		if !ok {
			continue // a step without a snapshot
		}
		g := ""
		if ids == 5 {
			g = r[4]
		}
		c := s[g]
		if c == nil {
			c = map[string]int{} // a group without agents in the run
		}
		found++
		for i, name := range header[ids:] {
			if !countColumn(name, ids == 5, actions) {
				continue
			}
			if got, want := fmt.Sprint(c[name]), r[ids+i]; got != want {
				t.Errorf("%s row %s: %s = %s, agents.csv counts %s", file, strings.Join(r[:ids], ","), name, want, got)
			}
		}
	}
	if found == 0 {
		t.Errorf("%s: no row matches a snapshot (%v)", file, slices.Collect(maps.Keys(snaps)))
	}
}

// countColumn reports whether a table's column is a count that a snapshot
// gives: the state counts, and in timeseries.csv the per-mechanism and
// per-organisation ones and, with actions, each action's participants and
// role.
func countColumn(name string, groups bool, actions []string) bool {
	switch name {
	case "alive", "aware", "active", "members", "cumulative":
		return true
	}
	if groups {
		return false
	}
	for _, a := range actions { // doing_<a> and role_<a>
		if name == "doing_"+a || name == "role_"+a {
			return true
		}
	}
	for _, p := range []string{"aware_", "members_"} {
		if strings.HasPrefix(name, p) && !strings.HasPrefix(name, p+"share") {
			return true
		}
	}
	return strings.HasPrefix(name, "active_") && !strings.HasPrefix(name, "active_share")
}
