package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"math"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/plot"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// maxStateBytes bounds the agents' states per step that one run streams
// (one byte an agent a step).
const maxStateBytes = 32 << 20

// errBusy refuses a run while MaxConcurrent others are running.
var errBusy = errors.New("busy")

// capError is a request above one of the server's caps.
type capError struct{ msg string }

func (e *capError) Error() string { return e.msg }

// forbidden are the override paths the page may not send: those that name
// files to read (network.file, sweep.design, fit.data), that would let a
// condition set them, or that change what the server writes (outputs).
// Everything else is checked by the scenario package as --set is.
var forbidden = []string{"network.file", "sweep", "fit", "conditions", "outputs"}

// checkOverride refuses an override whose path is, or lies under, a
// forbidden one.
func checkOverride(a string) error {
	p, _, ok := strings.Cut(a, "=")
	if !ok {
		return nil // the scenario package says what is wrong with it
	}
	p = strings.TrimSpace(p)
	for _, f := range forbidden {
		if p == f || strings.HasPrefix(p, f+".") || strings.HasPrefix(p, f+"[") {
			return fmt.Errorf("--set %s: %s cannot be changed from the explorer (it names files or outputs); edit the scenario file instead", scenario.Echo(a), f)
		}
	}
	return nil
}

// load reads the scenario file name (relative to the folder) and applies
// the overrides set, with the scenario package's own rules and messages:
// the same as connact run FILE --set ... .
func (s *Server) load(name string, set []string) (*scenario.Loaded, error) {
	data, err := s.readScenario(name)
	if err != nil {
		return nil, err
	}
	for _, a := range set {
		if err := checkOverride(a); err != nil {
			return nil, err
		}
	}
	// The file's folder, for relative network files; name is clean.
	dir := filepath.Join(s.dir, filepath.FromSlash(path.Dir(name)))
	l, err := scenario.Parse(name, data, dir)
	if err != nil {
		return nil, err
	}
	if len(set) > 0 {
		if err := scenario.ApplySet(l, set); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// study checks the caps and the files of l's conditions and opens its
// study (its network file read, if it has one).
func (s *Server) study(l *scenario.Loaded) (*runner.Study, error) {
	sc := l.Scenario
	if n := len(l.ConditionNames()) * sc.Replicates; n > s.opt.MaxRuns {
		return nil, &capError{fmt.Sprintf("%d runs (conditions × replicates) is above the explorer's cap of %d: lower replicates, or use connact run", n, s.opt.MaxRuns)}
	}
	if sc.Steps > s.opt.MaxSteps {
		return nil, &capError{fmt.Sprintf("%d steps is above the explorer's cap of %d: use connact run", sc.Steps, s.opt.MaxSteps)}
	}
	st, err := runner.OpenStudy(l, false)
	if err != nil {
		return nil, err
	}
	file := false
	for _, c := range st.Conditions {
		if c.Scenario.Population.Size > s.opt.MaxAgents {
			return nil, &capError{fmt.Sprintf("condition %s: population.size %d is above the explorer's cap of %d agents: use connact run", c.Name, c.Scenario.Population.Size, s.opt.MaxAgents)}
		}
		if f := c.Scenario.Network.File; f != "" {
			if !s.inside(f) {
				return nil, fmt.Errorf("condition %s: network.file %s is not a file in the scenarios folder", c.Name, filepath.Base(f))
			}
			file = true
		}
	}
	if file {
		if err := st.ReadNetwork(); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// event is one server-sent event.
type event struct {
	w http.ResponseWriter
	f http.Flusher
}

// send writes one event of the given name with v as JSON, and flushes it.
func (e event) send(name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(e.w, "event: %s\ndata: %s\n\n", name, b); err != nil {
		return err
	}
	e.f.Flush()
	return nil
}

// runStart opens a run's stream.
type runStart struct {
	Scenario   string   `json:"scenario"`
	Conditions []string `json:"conditions"`
	Colours    []string `json:"colours"` // per condition, as sim/plot draws it
	Replicates int      `json:"replicates"`
	Steps      int      `json:"steps"`
	TimeUnit   string   `json:"timeUnit"`
	Agents     int      `json:"agents"`
	Network    bool     `json:"network"` // states per step follow
}

// stepEvent is one step of replicate 0 of a condition, as it runs.
type stepEvent struct {
	Condition int     `json:"c"`
	Step      int     `json:"t"`
	Share     float64 `json:"share"` // active / alive, as active_share
	// States has one digit per agent, its sim.AgentStatus (0 inactive,
	// 1 aware, 2 active, 3 member, 4 lapsed, 5 removed), when the
	// network is shown.
	States string `json:"states,omitempty"`
}

// band is one condition's participation across replicates.
type band struct {
	Condition string    `json:"condition"`
	Step      []float64 `json:"step"`
	Mean      []float64 `json:"mean"`
	Lo        []float64 `json:"lo"`
	Hi        []float64 `json:"hi"`
}

// metricCI is one metric's mean and 95% CI, as connact run prints it.
type metricCI struct {
	Mean *float64 `json:"mean"` // nil (null) for NA
	Lo   *float64 `json:"lo"`
	Hi   *float64 `json:"hi"`
}

// done closes a run's stream: the run's number for its files, the files,
// and the headline metrics per condition.
type done struct {
	ID      int                            `json:"id"`
	Files   []string                       `json:"files"`
	Summary map[string]map[string]metricCI `json:"summary"`
	Hash    string                         `json:"hash"`
}

// handleRun runs a scenario with overrides and streams it as server-sent
// events: start, network (small runs), step (replicate 0 of each
// condition, step by step), progress (replicates done), bands (mean and
// 95% CI across replicates), done; or problem with the messages. The run
// is the request's: when the page closes the stream, the request's
// context is cancelled, which stops the run between two steps and removes
// its folder.
func (s *Server) handleRun(w http.ResponseWriter, r *http.Request) {
	f, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	ev := event{w, f}
	if err := s.stream(r.Context(), ev, r.URL.Query().Get("scenario"), r.URL.Query()["set"]); err != nil && r.Context().Err() == nil {
		msgs := messages(err)
		if errors.Is(err, errBusy) {
			msgs = []string{fmt.Sprintf("%d runs are already going, the explorer's cap: wait for one to finish or close its page", s.opt.MaxConcurrent)}
		}
		ev.send("problem", problem{Errors: msgs})
	}
}

// stream is handleRun's work; it returns the first mistake or failure.
func (s *Server) stream(ctx context.Context, ev event, name string, set []string) error {
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	default:
		return errBusy
	}
	l, err := s.load(name, set)
	if err != nil {
		return err
	}
	st, err := s.study(l)
	if err != nil {
		return err
	}
	names := l.ConditionNames()
	cols := plot.Colours(names)
	start := runStart{Scenario: l.Scenario.Name, Conditions: names, Replicates: st.Replicates,
		Steps: l.Scenario.Steps, TimeUnit: l.Scenario.TimeUnit}
	for _, n := range names {
		start.Colours = append(start.Colours, hexColour(plot.Palette[cols[n]%len(plot.Palette)]))
	}

	// Replicate 0 of each condition, run first with an observer so that
	// the page sees it step by step; the study below runs it again with
	// the same seeds, so the two agree. States per step go to the page
	// for as many conditions as fit in maxStateBytes, which bounds what
	// the stream and the page hold (2,000 agents × 5,000 steps is 10 MB
	// a condition).
	statesLeft := maxStateBytes
	for c := range names {
		m, _, err := st.Model(c * st.Replicates)
		if err != nil {
			return err
		}
		n := m.Pop.N
		if n > s.opt.MaxAgents { // a network file's own size
			return &capError{fmt.Sprintf("the network has %d agents, above the explorer's cap of %d: use connact run", n, s.opt.MaxAgents)}
		}
		show := n <= s.opt.NetworkView
		states := n * (l.Scenario.Steps + 1)
		if show && states > statesLeft {
			show = false
		}
		if show {
			statesLeft -= states
		}
		if c == 0 {
			start.Agents, start.Network = n, show
			if err := ev.send("start", start); err != nil {
				return err
			}
			if show {
				// Replicate 0 of every condition has the same network.
				if err := ev.send("network", layoutOf(m, l.Scenario.Seed)); err != nil {
					return err
				}
			}
		}
		obs := m.Observations()
		digits := make([]byte, n)
		var sendErr error
		m.Observe(func(v sim.View) {
			if sendErr != nil {
				return
			}
			t := v.Step()
			e := stepEvent{Condition: c, Step: t, Share: ratio(obs.Total.Active[t], obs.Total.Alive[t])}
			if show {
				for i := range digits {
					digits[i] = '0' + byte(v.Status(i))
				}
				e.States = string(digits)
			}
			sendErr = ev.send("step", e)
		})
		if err := m.RunContext(ctx); err != nil {
			return err
		}
		if sendErr != nil {
			return sendErr
		}
	}

	// The whole study, written by the same code as connact run.
	s.mu.Lock()
	id := s.next
	s.next++
	s.mu.Unlock()
	dir := filepath.Join(s.tmp, fmt.Sprintf("%s-%d", l.Scenario.Name, id))
	rep, err := output.WriteRun(ctx, st, output.RunOptions{Dir: dir, Workers: s.opt.Workers, Formats: []string{"svg", "png"},
		Progress: func(done, total int) { ev.send("progress", map[string]int{"done": done, "total": total}) }})
	if err != nil {
		return err
	}
	s.keep(id, dir)
	agg, err := output.ReadAggregate(dir)
	if err != nil {
		return err
	}
	var bands []band
	for _, c := range agg.Conditions {
		if a := agg.Vars[c]["active_share"]; a != nil {
			bands = append(bands, band{c, a.Step, a.Mean, a.Lo, a.Hi})
		}
	}
	if err := ev.send("bands", bands); err != nil {
		return err
	}
	d := done{ID: id, Summary: map[string]map[string]metricCI{}, Hash: l.Hash()}
	for _, c := range rep.Conditions {
		m := map[string]metricCI{}
		for _, k := range []string{"peak_share", "peak_step", "final_share", "cumulative_share", "sustainability"} {
			x := c.Metrics[k]
			m[k] = metricCI{finite(x.Mean), finite(x.Lo), finite(x.Hi)}
		}
		d.Summary[c.Name] = m
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if fileName.MatchString(e.Name()) && e.Type().IsRegular() {
			d.Files = append(d.Files, e.Name())
		}
	}
	slices.Sort(d.Files)
	return ev.send("done", d)
}

// keep records a finished run's folder and deletes the oldest beyond Keep.
func (s *Server) keep(id int, dir string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.runs[id] = dir
	s.order = append(s.order, id)
	for len(s.order) > s.opt.Keep {
		old := s.order[0]
		s.order = s.order[1:]
		os.RemoveAll(s.runs[old])
		delete(s.runs, old)
	}
}

// ratio is a/b, 0 for b = 0 (everyone removed).
func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// finite is x, or nil for NaN (an interval of one replicate, a metric
// without a value), which JSON cannot carry and the page shows as "NA".
func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func hexColour(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return "#" + strconv.FormatUint(uint64(r>>8)<<16|uint64(g>>8)<<8|uint64(b>>8)|1<<24, 16)[1:]
}
