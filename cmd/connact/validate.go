package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"time"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/scenario"
	"github.com/connact/connact/sim/sweep"
)

var validateFlags struct {
	set        listFlag
	noEstimate bool
}

var cmdValidate = &command{
	Name:      "validate",
	UsageLine: "validate FILE [--set path=value]...",
	Short:     "check a scenario and print it fully resolved",
	Long: `
Validate checks the scenario in FILE (and any --set overrides) with the same
rules as run, and prints the fully resolved scenario, every default made
explicit, followed by the number of conditions, replicates and runs. For a
sweep it also prints the number of points and runs and an estimate of the
sweep's time and disk use, from one or two runs it times (--no-estimate
skips them).
Mistakes are reported as FILE:LINE:COL: field.path: message, exit status 2.`,
	Flags: func(fs *flag.FlagSet) {
		fs.Var(&validateFlags.set, "set", "override a scenario field: path=value (repeatable)")
		fs.BoolVar(&validateFlags.noEstimate, "no-estimate", false, "for a sweep, do not time a run to estimate the sweep's cost")
	},
	Run: func(ctx context.Context, e *env, args []string) error {
		set := validateFlags.set
		defer func() { validateFlags.set, validateFlags.noEstimate = nil, false }()
		if len(args) != 1 {
			return usagef("validate: need exactly one scenario file, got %d arguments", len(args))
		}
		// Validate writes nothing: loading, preparing and timing are
		// abandoned at once on Ctrl-C.
		l, err := interruptible(ctx, func() (*scenario.Loaded, error) { return scenario.LoadWithSet(args[0], set) })
		if err != nil {
			return err
		}
		e.stdout.Write(l.Resolved())
		n := len(l.ConditionNames())
		fmt.Fprintf(e.stdout, "# %d condition(s) × %d replicate(s) = %d runs of %d steps; scenario hash %s\n",
			n, l.Scenario.Replicates, n*l.Scenario.Replicates, l.Scenario.Steps, l.Hash())
		base, err := interruptible(ctx, func() (*sim.Study, error) { return sim.NewStudy(l) })
		if err != nil {
			return err
		}
		perRun, total, err := base.MemoryNeed(runtime.NumCPU())
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "# memory: about %s a run, %s with %d workers (%s available)\n",
			sim.FormatBytes(perRun), sim.FormatBytes(total), runtime.NumCPU(), sim.FormatBytes(sim.AvailableMemory()))
		if l.Scenario.Sweep == nil {
			return nil
		}
		st, err := interruptible(ctx, func() (*sim.Study, error) { return sim.NewSweepStudy(l) })
		if err != nil {
			return err
		}
		p := st.Plan
		fmt.Fprintf(e.stdout, "# sweep: %d point(s) × %d condition(s) × %d replicate(s) = %d runs\n", p.Points(), p.Conditions(), p.Replicates, p.Runs())
		if validateFlags.noEstimate {
			return nil
		}
		workers := runtime.NumCPU()
		est, err := interruptible(ctx, func() (sweep.Estimate, error) { return sweep.EstimateCost(st, workers) })
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "# estimate: %s a run (%d timed), about %s on %d cores; about %s of CSV (%s more with --timeseries runs)\n",
			est.PerRun.Round(time.Millisecond), est.MeasuredRun, est.Wall.Round(time.Second), workers, sim.FormatBytes(est.Bytes), sim.FormatBytes(est.RunSeries))
		return nil
	},
}
