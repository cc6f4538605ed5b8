package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"runtime"
	"time"

	"github.com/connact/connact/sim/fit"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
	"github.com/connact/connact/sim/sweep"
)

// validateOptions are the flags of one invocation of validate.
type validateOptions struct {
	set        listFlag
	noEstimate bool
}

var cmdValidate = newCommand(command{
	Name:      "validate",
	UsageLine: "validate FILE [--set path=value]... [--no-estimate]",
	Short:     "check a scenario and print it fully resolved",
	Long: `
Validate checks the scenario in FILE (and any --set overrides) with the same
rules as run, and prints the fully resolved scenario, every default made
explicit (a sweep's replicates, parameter names and metric too, which the
scenario.yaml of an output folder keeps as written), followed by the number of conditions, replicates and runs. For a
sweep it also prints the number of points and runs and an estimate of the
sweep's time and disk use, from one or two runs it times (--no-estimate
skips them).
Mistakes are reported as FILE:LINE:COL: field.path: message, exit status 2.`,
}, (*validateOptions).register, runValidate)

// register defines validate's flags on fs, into o.
func (o *validateOptions) register(fs *flag.FlagSet) {
	fs.Var(&o.set, "set", setUsage)
	fs.BoolVar(&o.noEstimate, "no-estimate", false, "for a sweep, do not time a run to estimate the sweep's cost")
}

// runValidate is validate, with the options f of this invocation: it
// writes nothing.
func runValidate(ctx context.Context, e *env, f *validateOptions, args []string) error {
	set := f.set
	if len(args) != 1 {
		return usagef("validate: need exactly one scenario file, got %d arguments", len(args))
	}
	// Validate writes nothing: loading, preparing and timing are
	// abandoned at once on Ctrl-C.
	l, err := interruptible(ctx, func() (*scenario.Loaded, error) { return scenario.LoadWithSet(args[0], set) })
	if err != nil {
		return err
	}
	e.stdout.Write(l.Shown())
	n := len(l.ConditionNames())
	fmt.Fprintf(e.stdout, "# %d condition(s) × %d replicate(s) = %d runs of %d steps; scenario hash %s\n",
		n, l.Scenario.Replicates, n*l.Scenario.Replicates, l.Scenario.Steps, l.Hash())
	// The network file is read and checked with the same rules as run.
	base, err := interruptible(ctx, func() (*runner.Study, error) {
		st, err := runner.OpenStudy(l, false)
		if err != nil {
			return nil, err
		}
		return st, st.ReadNetwork()
	})
	if err != nil {
		return err
	}
	m, err := base.MemoryNeed(runtime.NumCPU(), runner.KeepReplicates)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "# memory: about %s a run, %s with %d workers (%s); %s available\n",
		runner.FormatBytes(m.PerRun), runner.FormatBytes(m.Total), runtime.NumCPU(), memoryParts(m, runner.KeepReplicates), runner.FormatBytes(runner.AvailableMemory()))
	if fs := l.Scenario.Fit; fs != nil {
		// The data are read and checked as fit reads them.
		d, err := fit.ReadData(l)
		if err != nil {
			return err
		}
		keep := int(fs.Alpha * float64(fs.Particles))
		proposals := fs.Particles + (fs.Particles-keep)*(fs.MaxGenerations-1)
		if r := fs.Observe.Replicates; len(fs.Observe.Shares) > 0 {
			fmt.Fprintf(e.stdout, "# fit: %d parameter(s), %d share(s) of runs; at most %d runs (%d proposals (%d + %d × %d generations) × %d replicates) and %d predictive (%d × %d)\n",
				len(fs.Parameters), len(d.Values), proposals*r, proposals, fs.Particles, fs.Particles-keep, fs.MaxGenerations-1, r, fs.Predictive*r, fs.Predictive, r)
		} else {
			fmt.Fprintf(e.stdout, "# fit: %d parameter(s), %d observation(s) in %s; at most %d runs (%d + %d × %d generations) and %d predictive\n",
				len(fs.Parameters), len(d.Values), fs.Data, proposals, fs.Particles, fs.Particles-keep, fs.MaxGenerations-1, fs.Predictive)
		}
	}
	if l.Scenario.Sweep == nil {
		return nil
	}
	st, err := interruptible(ctx, func() (*runner.Study, error) { return runner.OpenStudy(l, true) })
	if err != nil {
		return err
	}
	p := st.Plan
	fmt.Fprintf(e.stdout, "# sweep: %d point(s) × %d condition(s) × %d replicate(s) = %d runs\n", p.Points(), p.Conditions(), p.Replicates, p.Runs())
	if f.noEstimate {
		return nil
	}
	st.ShareNetwork(base) // read above, with the same rules
	workers := runtime.NumCPU()
	est, err := interruptible(ctx, func() (sweep.Estimate, error) { return sweep.EstimateCost(st, workers) })
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "# estimate: %s a run (%d timed), about %s on %d cores; about %s of CSV (%s more with --timeseries runs)\n",
		est.PerRun.Round(time.Millisecond), est.MeasuredRun, formatWall(est.WallSeconds), workers, runner.FormatBytes(est.Bytes), runner.FormatBytes(est.RunSeries))
	return nil
}

// formatWall writes a time in seconds as a duration (1h2m3s), or in years
// when it is longer than a time.Duration holds.
func formatWall(seconds float64) string {
	if seconds < float64(math.MaxInt64/int64(time.Second))/2 {
		return (time.Duration(seconds * float64(time.Second))).Round(time.Second).String()
	}
	return fmt.Sprintf("%.3g years", seconds/(365.25*24*3600))
}
