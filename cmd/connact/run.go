package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
	"github.com/connact/connact/sim/sweep"
)

// runOptions are the flags of one invocation of run.
type runOptions struct {
	studyOptions
	out        string
	replicates int
	charts     string
	format     string // the old name of --charts
	force      bool
	// --network-out: one run's network with its agents' final state
	// (output.WriteNetworkRun), of condition netCond (default: the first)
	// and replicate netRep.
	netOut  string
	netCond string
	netRep  int
	// --agents: the steps of the agent snapshots (agents.csv).
	agents string
}

// studyOptions are the flags that run and sweep share, with the same
// meaning and words.
type studyOptions struct {
	workers   int
	set       listFlag
	seed      string
	maxMemory string
	profile   string
}

// load loads the scenario file with the invocation's --set overrides and
// --seed (checked), giving up at once on Ctrl-C: how sweep and fit start.
func (o *studyOptions) load(ctx context.Context, file string) (*scenario.Loaded, error) {
	set, err := withSeed(append([]string{}, o.set...), o.seed)
	if err != nil {
		return nil, err
	}
	return interruptible(ctx, func() (*scenario.Loaded, error) { return scenario.LoadWithSet(file, set) })
}

// setUsage is the words of --set in run, sweep and validate.
const setUsage = "override a scenario field: path=value, e.g. frames.0.width=0.8 (repeatable)"

// register defines the shared flags on fs, into o.
func (o *studyOptions) register(fs *flag.FlagSet) {
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(), "runs in parallel")
	fs.Var(&o.set, "set", setUsage)
	fs.StringVar(&o.seed, "seed", "", "scenario seed (default: the scenario's)")
	fs.StringVar(&o.maxMemory, "max-memory", "", "refuse to start above this much memory, e.g. 8G (default: what the machine has available)")
	fs.StringVar(&o.profile, "profile", "", profileUsage)
}

var cmdRun = newCommand(command{
	Name:      "run",
	UsageLine: "run FILE [--out DIR] [--replicates N] [--seed S] [--workers N] [--set path=value]... [--charts svg,png,pdf] [--force] [--max-memory SIZE] [--profile PREFIX] [--agents STEPS] [--network-out FILE.graphml|.gexf|.csv [--network-condition NAME] [--network-replicate N]]",
	Short:     "run a scenario and chart participation",
	Long: `
Run runs every condition and replicate of the scenario in FILE, in parallel,
and writes a run folder (results/<scenario name> unless --out says otherwise):
timeseries.csv, groups.csv, summary.csv, aggregate.csv, summary_aggregate.csv,
contrasts.csv (with common_random_numbers: true and two conditions or more),
scenario.yaml (resolved), datapackage.json, meta.json and the charts participation, cumulative
and members in each chart format. The CSV files are byte-identical for the
same scenario and seed whatever the number of workers.

An existing run folder is never replaced unless --force is given. Output is
written to a temporary folder and renamed into place only when complete.
--set overrides any scenario field by its dotted path, with the same checks
as the file (e.g. --set population.size=5000 --set frames.0.width=0.8; the
form frames[0].width also works, quoted in zsh).

--charts names the chart formats, as in sweep, merge and plot; --format is
its old name in run, still accepted (in sweep and merge, --format is the
old name of --tables).

Progress goes to stderr: a bar on a terminal, a line every few seconds in a
log. datapackage.json describes every CSV file's columns (type,
description, unit) as a Frictionless Data Package. --max-memory SIZE
refuses to start above that much memory (default: what the machine has
available).

--profile PREFIX writes a CPU profile of the whole command to
PREFIX.cpu.pprof and a heap profile at its end to PREFIX.mem.pprof, for go
tool pprof. Existing profile files are not replaced unless --force is
given (which also replaces the run folder), and a mistake in the input
writes no profile.

--network-out FILE exports one run's network, each agent a node with its
attributes and its state at the last step (id, group, position, identity,
resources, free_riding, threshold, degree, core, state, frame,
organisation, ever_active, attention, commitment, first_active), in the
format FILE's extension names: .graphml (GraphML), .gexf (GEXF 1.3 for
Gephi, with a dynamic attribute, participated, that turns true at each
agent's first step of participation, so that Gephi's timeline animates
the spread) or .csv (FILE the edge list source,target, which a file
network reads back, and FILE's stem + .nodes.csv the node table). The run
is replicate 0 of the first condition, or --network-replicate N of
--network-condition NAME: the same run as in the run folder, run again
with its seeds. An existing file is replaced only with --force, and only
if connact wrote it; the check is made before anything runs.

--agents STEPS adds agents.csv to the run folder: one row per (condition,
replicate, step, agent) at the steps listed, e.g. --agents 0,10,50,final
(final: the last step), with the run's seed and the columns of
--network-out. It overrides the scenario's outputs.agents, which asks for
the same file (outputs: {agents: {steps: [0, 10, final]}}). The snapshots
are written as the runs reach their steps, in the same pass, through a
spool file per run that is appended in run order: the study takes hardly
longer, memory does not grow with the snapshots, and the file is the same
whatever --workers. A file estimated above 4 GB is refused before
anything runs, with the estimate.`,
}, (*runOptions).register, runRun)

// register defines run's flags on fs, into o.
func (o *runOptions) register(fs *flag.FlagSet) {
	o.studyOptions.register(fs)
	fs.StringVar(&o.out, "out", "", "run folder to write (default results/<scenario name>)")
	fs.IntVar(&o.replicates, "replicates", 0, "replicates per condition (default: the scenario's)")
	fs.StringVar(&o.charts, "charts", "", "chart formats, comma-separated: svg, png, pdf (default: the scenario's outputs.formats)")
	fs.StringVar(&o.format, "format", "", "old name of --charts, still accepted")
	fs.BoolVar(&o.force, "force", false, "replace an existing run folder (and --profile and --network-out files)")
	fs.StringVar(&o.netOut, "network-out", "", "export one run's network with its agents' final state: FILE.graphml, .gexf or .csv")
	fs.StringVar(&o.netCond, "network-condition", "", "condition of the --network-out run (default: the first)")
	fs.IntVar(&o.netRep, "network-replicate", 0, "replicate of the --network-out run")
	fs.StringVar(&o.agents, "agents", "", "write agents.csv, the agents' state at these steps of every run, e.g. 0,10,50,final (overrides outputs.agents)")
}

// runRun is run, with the options f of this invocation.
func runRun(ctx context.Context, e *env, f *runOptions, args []string) (err error) {
	stop, err := startCommand("run", args, f.workers, f.profile, f.force)
	if err != nil {
		return err
	}
	defer func() { err = stop(err) }() // err: the command's result
	set := append([]string{}, f.set...)
	if f.replicates != 0 {
		if f.replicates < 1 {
			return usagef("-replicates must be at least 1, got %d", f.replicates)
		}
		set = append(set, "replicates="+strconv.Itoa(f.replicates))
	}
	if set, err = withSeed(set, f.seed); err != nil {
		return err
	}
	formats, err := chartFormats(e.flags, f.charts, f.format)
	if err != nil {
		return err
	}
	l, err := interruptible(ctx, func() (*scenario.Loaded, error) { return scenario.LoadWithSet(args[0], set) })
	if err != nil {
		return err
	}
	st, err := interruptible(ctx, func() (*runner.Study, error) { return openStudy(l, false, f.workers, f.maxMemory) })
	if err != nil {
		return err
	}
	noteNetworkFile(e.stderr, st)
	netRun, err := networkRun(st, f)
	if err != nil {
		return err
	}
	agents, err := output.AgentSteps(l.Scenario, f.agents)
	if err != nil {
		return usagef("--agents: %v", err)
	}
	if agents != nil {
		if err := output.CheckAgents(st, agents); err != nil {
			return err
		}
	}
	dir := f.out
	if dir == "" {
		dir = filepath.Join("results", l.Scenario.Name)
	}
	removeLeftovers(e, dir)
	prog := sweep.NewProgress(e.stderr, isTerminal(e.stderr))
	agentsFormat := ""
	if a := l.Scenario.Outputs.Agents; a != nil {
		agentsFormat = a.Format
	}
	rep, err := output.WriteRun(ctx, st, output.RunOptions{Dir: dir, Force: f.force, Workers: f.workers, Formats: formats, Progress: prog.Update, Agents: agents, AgentsFormat: agentsFormat})
	prog.Done()
	if err != nil {
		return err
	}
	printReport(e.stdout, l.Scenario.Name, st, rep, f.workers)
	if netRun >= 0 {
		m, _, err := st.Model(netRun)
		if err != nil {
			return err
		}
		m.SetThreads(f.workers)
		if err := output.WriteNetworkRun(ctx, m, f.netOut, f.force); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "network: %s\n", f.netOut)
	}
	return nil
}

// networkRun checks the --network-out flags before anything runs and
// returns the number of the run to export (runner.Study.Locate), or -1
// without --network-out.
func networkRun(st *runner.Study, f *runOptions) (int, error) {
	if f.netOut == "" {
		if f.netCond != "" || f.netRep != 0 {
			return -1, usagef("--network-condition and --network-replicate choose the run of --network-out, which is not given")
		}
		return -1, nil
	}
	if err := output.CheckNetworkOut(f.netOut, f.force); err != nil {
		return -1, err
	}
	c := 0
	if f.netCond != "" {
		c = -1
		var names []string
		for k, cond := range st.Conditions {
			names = append(names, cond.Name)
			if cond.Name == f.netCond {
				c = k
			}
		}
		if c < 0 {
			return -1, usagef("--network-condition: no condition %q (the scenario's: %s)", f.netCond, strings.Join(names, ", "))
		}
	}
	if f.netRep < 0 || f.netRep >= st.Replicates {
		return -1, usagef("--network-replicate: %d is not a replicate (0..%d)", f.netRep, st.Replicates-1)
	}
	return c*st.Replicates + f.netRep, nil
}

// printReport writes the short text summary of a run: per condition, the
// mean and 95% CI across replicates of the headline metrics.
func printReport(w io.Writer, name string, st *runner.Study, rep *output.RunReport, workers int) {
	fmt.Fprintf(w, "%s: %d condition(s) × %d replicate(s) = %d runs of %d steps in %.2fs (%d workers)\n",
		name, len(st.Conditions), st.Replicates, rep.Runs, st.Scenario.Steps, rep.Wall.Seconds(), workers)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "condition\tpeak share\tpeak step\tfinal share\tcumulative\tsustainability\t")
	for _, c := range rep.Conditions {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", c.Name,
			ci(c.Metrics["peak_share"]), ci(c.Metrics["peak_step"]), ci(c.Metrics["final_share"]),
			ci(c.Metrics["cumulative_share"]), ci(c.Metrics["sustainability"]))
	}
	tw.Flush()
	fmt.Fprintf(w, "(mean [95%% CI] across replicates)\n")
	printContrasts(w, rep.Contrasts)
	fmt.Fprintf(w, "results: %s\n", rep.Dir)
	for _, c := range rep.Charts {
		fmt.Fprintf(w, "chart: %s\n", c)
	}
}

// contrastMetrics are the metrics whose paired differences a run prints.
var contrastMetrics = []string{"peak_share", "cumulative_share", "sustainability"}

// printContrasts writes, for a run with common random numbers, each
// condition's paired difference from the baseline in the headline
// metrics, with the paired and the unpaired 95% CI (contrasts.csv has
// every metric).
func printContrasts(w io.Writer, cs []output.ContrastReport) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintf(w, "paired differences from %s (common random numbers):\n", cs[0].Baseline)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "condition\tmetric\tdifference [paired 95% CI]\tunpaired 95% CI\t")
	for _, c := range cs {
		for _, m := range contrastMetrics {
			p := c.Metrics[m]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", c.Name, m,
				ci(runner.Summary{N: p.N, Mean: p.Mean, Lo: p.Lo, Hi: p.Hi}), interval(p.UnpairedLo, p.UnpairedHi))
		}
	}
	tw.Flush()
	fmt.Fprintf(w, "(condition − %s, replicate by replicate; all metrics in contrasts.csv)\n", cs[0].Baseline)
}

func interval(lo, hi float64) string {
	if math.IsNaN(lo) {
		return "NA"
	}
	return fmt.Sprintf("[%.3g, %.3g]", lo, hi)
}

func ci(s runner.Summary) string {
	if s.N == 0 || math.IsNaN(s.Mean) {
		return "NA"
	}
	if math.IsNaN(s.Lo) {
		return fmt.Sprintf("%.3g", s.Mean)
	}
	return fmt.Sprintf("%.3g [%.3g, %.3g]", s.Mean, s.Lo, s.Hi)
}
