package output

import (
	"context"
	"fmt"
	"image/color"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/network"
	"github.com/connact/connact/sim/plot"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// NetworkFigureMax is the largest network that DrawNetwork draws node by
// node: the layout of 2,000 nodes takes a few seconds, and more nodes are
// no longer told apart on a page. Above it DrawNetwork draws the
// degree-by-activation charts instead.
const NetworkFigureMax = 2000

// OptionError is a DrawNetwork option that the run folder does not have
// (a condition, a replicate) or that is not one: a user mistake.
type OptionError struct{ Msg string }

func (e *OptionError) Error() string { return e.Msg }

// NetworkPlotOptions choose what DrawNetwork draws.
type NetworkPlotOptions struct {
	// Condition (default the first) and Replicate choose the run of the
	// network figure; the degree charts take Replicate of every condition.
	Condition string
	Replicate int
	// StepsText are the panels' steps as --steps gives them, e.g.
	// "0,10,final" (ParseAgentSteps); empty means 0, the middle step and
	// the last.
	StepsText string
	// Colour is "state" (the default) or "group".
	Colour string
	// Degree draws the degree-by-activation charts whatever the size.
	Degree bool
	// Files is the folder that a file network's network.file and
	// network.nodes are relative to: the original scenario's folder
	// (the run folder's scenario.yaml writes them relative to it). Empty
	// means the run folder.
	Files string
}

// Network chart files, beside the run folder's other charts.
const (
	NetworkChart = "network"        // the network at the chosen steps
	DegreeChart  = "network_degree" // share ever active by degree
	CoreChart    = "network_core"   // share ever active by core number
)

// layoutStream seeds the layout's start positions from the replicate's
// paired seed: the same picture for the same folder, drawn from a stream
// that no run uses.
const layoutStream = 0x6c61796f7574 // "layout"

// stateColours are the colours of the agent states, sim.AgentStatus
// order: inactive light grey (no data), aware sky blue, active
// vermillion (connective action's colour: taking part), member blue
// (collective action's), lapsed orange, removed black.
var stateColours = []color.Color{color.Gray{Y: 0xCC}, plot.Palette[5], plot.Palette[1], plot.Palette[0], plot.Palette[4], plot.Palette[6]}

// DrawNetwork draws the network of one run of the run folder dir, from
// its scenario.yaml, which holds the seeds: the run is run again (as
// --network-out does), the same run as in the folder, and its agents are
// observed at opt.Steps. A network of at most NetworkFigureMax agents is
// drawn node by node (NetworkChart: a force-directed layout,
// network.Layout, seeded; nodes coloured by state or group and sized by
// degree, one panel per step). A larger one, or any with opt.Degree,
// gets the degree-by-activation charts instead (DegreeChart and
// CoreChart: the share of agents ever active by degree and by core
// number in the network as built, per condition, replicate
// opt.Replicate, with Wilson 95% intervals over the agents of each bin).
// Charts are written to outDir in each format; the files are returned.
func DrawNetwork(ctx context.Context, dir, outDir string, formats []string, opt NetworkPlotOptions) ([]string, error) {
	path := filepath.Join(dir, ScenarioFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s is not a run folder connact can run again: %w", dir, err)
	}
	files := opt.Files
	if files == "" {
		files = dir
	}
	l, err := scenario.Parse(path, data, files)
	if err != nil {
		if opt.Files == "" && strings.Contains(err.Error(), "no such file") {
			err = fmt.Errorf("%w\n(a file network is read relative to the original scenario's folder: give it with --files DIR)", err)
		}
		return nil, err
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		return nil, err
	}
	c := 0
	if opt.Condition != "" {
		c = slices.IndexFunc(st.Conditions, func(k runner.Condition) bool { return k.Name == opt.Condition })
		if c < 0 {
			return nil, &OptionError{Msg: fmt.Sprintf("--condition: no condition %q (the run's: %s)", opt.Condition, strings.Join(l.ConditionNames(), ", "))}
		}
	}
	if opt.Replicate < 0 || opt.Replicate >= st.Replicates {
		return nil, &OptionError{Msg: fmt.Sprintf("--replicate: %d is not a replicate (0..%d)", opt.Replicate, st.Replicates-1)}
	}
	switch opt.Colour {
	case "", "state", "group":
	default:
		return nil, &OptionError{Msg: fmt.Sprintf("--colour: %q is not state or group", opt.Colour)}
	}
	steps := []int{0, st.Scenario.Steps / 2, Final}
	if opt.StepsText != "" {
		if steps, err = ParseAgentSteps(opt.StepsText, st.Scenario.Steps); err != nil {
			return nil, &OptionError{Msg: "--steps: " + err.Error()}
		}
	}
	m, _, err := st.Model(c*st.Replicates + opt.Replicate)
	if err != nil {
		return nil, err
	}
	if opt.Degree || m.Pop.N > NetworkFigureMax {
		deg, core, err := degreeCharts(ctx, st, opt.Replicate)
		if err != nil {
			return nil, err
		}
		return saveCharts(outDir, formats, []string{DegreeChart, CoreChart}, deg, core)
	}
	nf, err := networkFigure(ctx, st, m, c, opt, steps)
	if err != nil {
		return nil, err
	}
	return saveCharts(outDir, formats, []string{NetworkChart}, nf)
}

// saveCharts saves figs[k] as names[k] in each format into dir.
func saveCharts(dir string, formats, names []string, figs ...interface {
	Save(string, float64, float64) error
}) ([]string, error) {
	var files []string
	for k, f := range figs {
		for _, format := range formats {
			path := filepath.Join(dir, names[k]+"."+format)
			if err := f.Save(path, 0, 0); err != nil {
				return files, fmt.Errorf("%s: %w", path, err)
			}
			files = append(files, path)
		}
	}
	return files, nil
}

// networkFigure runs m, run (c, opt.Replicate) of st, and draws its
// network at steps.
func networkFigure(ctx context.Context, st *runner.Study, m *sim.Model, c int, opt NetworkPlotOptions, steps []int) (plot.Network, error) {
	g := m.Net
	n := m.Pop.N
	fig := plot.Network{
		Title: fmt.Sprintf("%s: %s, replicate %d (%d agents)", st.Scenario.Name, st.Conditions[c].Name, opt.Replicate, n),
		Size:  make([]float64, n),
	}
	for i := range n {
		fig.Size[i] = float64(g.Degree(int32(i)))
	}
	eachEdge(g, func(_ int64, i, j int32) {
		fig.Src, fig.Dst = append(fig.Src, i), append(fig.Dst, j)
	})
	fig.X, fig.Y = network.Layout(g, network.LayoutIterations, rand.New(rand.NewPCG(st.PairedSeed(0, opt.Replicate), layoutStream)))
	if opt.Colour == "group" {
		// An agent who takes part at the step in its group's colour, any
		// other in light grey: which groups are taking part, and where.
		fig.Categories = []string{"not active"}
		fig.Colours = []color.Color{stateColours[sim.Inactive]}
		cm := plot.Colours(m.Pop.Groups)
		for _, name := range m.Pop.Groups {
			fig.Categories = append(fig.Categories, "active, "+name)
			fig.Colours = append(fig.Colours, plot.Palette[cm[name]%len(plot.Palette)])
		}
	} else {
		for s := sim.Inactive; s <= sim.Removed; s++ {
			fig.Categories = append(fig.Categories, s.String())
		}
		fig.Colours = stateColours
	}
	last := m.Scenario().Steps
	unit := st.Scenario.TimeUnit
	m.Observe(func(v sim.View) {
		s := v.Step()
		if !slices.Contains(steps, s) && !(s == last && slices.Contains(steps, Final)) {
			return
		}
		p := plot.NetworkPanel{Title: unit + " " + strconv.Itoa(s), Category: make([]int, n)}
		if s == last {
			p.Title += " (last)"
		}
		for i := range n {
			if opt.Colour == "group" {
				if v.Status(i) == sim.Active {
					p.Category[i] = 1 + int(m.Pop.Group[i])
				}
			} else {
				p.Category[i] = int(v.Status(i))
			}
		}
		fig.Panels = append(fig.Panels, p)
	})
	return fig, m.RunContext(ctx)
}

// degreeCharts runs replicate r of every condition of st and returns the
// share of agents ever active by the last step, per condition, by degree
// bin and by core number in the network as built (network.CoreNumbers),
// each with its Wilson 95% interval over the bin's agents.
func degreeCharts(ctx context.Context, st *runner.Study, r int) (deg, core plot.Dots, err error) {
	type bins struct{ n, active map[int]int }
	byDeg, byCore := make([]bins, len(st.Conditions)), make([]bins, len(st.Conditions))
	for c := range st.Conditions {
		m, _, err := st.Model(c*st.Replicates + r)
		if err != nil {
			return deg, core, err
		}
		d, k := bins{map[int]int{}, map[int]int{}}, bins{map[int]int{}, map[int]int{}}
		last := m.Scenario().Steps
		m.Observe(func(v sim.View) {
			if v.Step() != last {
				return
			}
			for i := range v.N() {
				a := v.Agent(i)
				db, kb := a.Degree, a.Core
				d.n[db]++
				k.n[kb]++
				if a.EverActive {
					d.active[db]++
					k.active[kb]++
				}
			}
		})
		if err := m.RunContext(ctx); err != nil {
			return deg, core, err
		}
		byDeg[c], byCore[c] = d, k
	}
	chart := func(raw []bins, what string) plot.Dots {
		// Exact values when there are few (core numbers, mostly), else
		// doubling bins (degrees).
		var distinct []int
		for _, x := range raw {
			for key := range x.n {
				if !slices.Contains(distinct, key) {
					distinct = append(distinct, key)
				}
			}
		}
		bin, label := degreeBin, binLabel
		if len(distinct) <= maxExactRows {
			bin, label = func(k int) int { return k }, strconv.Itoa
		}
		b := make([]bins, len(raw))
		var keys []int
		for c, x := range raw {
			b[c] = bins{map[int]int{}, map[int]int{}}
			for key, n := range x.n {
				k := bin(key)
				b[c].n[k] += n
				b[c].active[k] += x.active[key]
				if !slices.Contains(keys, k) {
					keys = append(keys, k)
				}
			}
		}
		slices.Sort(keys)
		slices.Reverse(keys) // the best connected on top
		dots := plot.Dots{
			Title:  fmt.Sprintf("%s: share ever active by %s (replicate %d)", st.Scenario.Name, what, r),
			XLabel: "Share of agents ever active (95% Wilson interval)",
			XMin:   0, XMax: 1,
		}
		for _, key := range keys {
			dots.Rows = append(dots.Rows, what+" "+label(key))
		}
		for c, x := range b {
			s := plot.DotSeries{Label: st.Conditions[c].Name}
			for _, key := range keys {
				n := x.n[key]
				p := float64(x.active[key]) / float64(n)
				lo, hi := runner.WilsonCI95(n, p)
				s.Value, s.Lo, s.Hi = append(s.Value, p), append(s.Lo, lo), append(s.Hi, hi)
			}
			dots.Series = append(dots.Series, s)
		}
		return dots
	}
	return chart(byDeg, "degree"), chart(byCore, "core"), nil
}

// maxExactRows is the most distinct degrees or core numbers that the
// degree charts show one row each; more are put in doubling bins.
const maxExactRows = 12

// degreeBin is the bin of a degree or core number k: k itself up to 3,
// then doubling bins 4–7, 8–15, ..., named by their lower end.
func degreeBin(k int) int {
	if k < 4 {
		return k
	}
	b := 4
	for b*2 <= k {
		b *= 2
	}
	return b
}

// binLabel names a bin of degreeBin: "2", or "8–15".
func binLabel(b int) string {
	if b < 4 {
		return strconv.Itoa(b)
	}
	return fmt.Sprintf("%d–%d", b, 2*b-1)
}
