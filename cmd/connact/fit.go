package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"time"

	"github.com/connact/connact/sim/fit"
	"github.com/connact/connact/sim/sweep"
)

// fitOptions are the flags of one invocation of fit.
type fitOptions struct {
	studyOptions
	out, charts            string
	resume, force, prepare bool
	checkpoint             time.Duration
}

var cmdFit = newCommand(command{
	Name:      "fit",
	UsageLine: "fit FILE [--out DIR] [--workers N] [--resume] [--force] [--prepare] [--charts svg,png,pdf] [--set path=value]... [--seed S] [--checkpoint D] [--max-memory SIZE] [--profile PREFIX]",
	Short:     "calibrate a scenario's parameters to data (ABC-SMC)",
	Long: `
Fit calibrates the parameters named in the scenario's fit section to its
observed data (a time series, summary statistics, or shares of runs: the
fraction of each proposal's fit.observe.replicates runs reaching a
threshold) by approximate Bayesian computation with sequential Monte Carlo: adaptive tolerances and a Gaussian
kernel of twice the population's weighted covariance (Lenormand, Jabot &
Deffuant 2013; Beaumont et al. 2009). It writes a fit folder
(results/<name>-fit unless --out says otherwise): posterior.csv (the
posterior sample, one particle a row, with its weight), posterior_summary.csv
(weighted mean, sd and 5%, 50%, 95% quantiles per parameter),
generations.csv (tolerance, acceptance rate and effective sample size per
generation), predictive.csv and the charts posterior_marginal_<parameter>,
posterior_pair_<a>_vs_<b> and posterior_predictive, fit.json and
scenario.yaml.

Each generation is an ordinary sweep folder inside it (generation-0, ...;
predictive for the posterior predictive runs): parallel, checkpointed, and
byte-identical whatever --workers. After Ctrl-C or kill -9, --resume
continues the fit where it stopped, ending byte-identical to an
uninterrupted one. A fit folder is replaced only with --force, and only
when connact wrote everything in it.

--prepare runs no sweep: it stops at the first generation (or the
predictive runs) not yet complete and writes its sweep's scenario into the
fit folder (generation-K.yaml), with the commands to run it as a sharded
sweep on a cluster (connact sweep --emit slurm|k8s), to put the merged
shards in place as generation-K, and to prepare the next with --resume
--prepare. A fit run this way ends byte-identical to one run on one
machine.

--set overrides a scenario field, the fit's included (--set
fit.particles=400); --seed the scenario seed, from which every proposal and
run derives.`,
}, (*fitOptions).register, runFit)

// register defines fit's flags on fs, into o.
func (o *fitOptions) register(fs *flag.FlagSet) {
	o.studyOptions.register(fs)
	fs.StringVar(&o.out, "out", "", "fit folder (default results/<scenario name>-fit)")
	fs.BoolVar(&o.resume, "resume", false, "continue an interrupted fit folder (or start it)")
	fs.BoolVar(&o.force, "force", false, "replace an existing fit folder (and --profile files)")
	fs.BoolVar(&o.prepare, "prepare", false, "run no sweep: write the next generation's sweep scenario into the fit folder, for connact sweep on a cluster")
	fs.StringVar(&o.charts, "charts", "", "chart formats: svg, png, pdf (default: the scenario's outputs.formats)")
	fs.DurationVar(&o.checkpoint, "checkpoint", 2*time.Second, "longest time between checkpoints of a generation's sweep")
}

// runFit is fit, with the options f of this invocation.
func runFit(ctx context.Context, e *env, f *fitOptions, args []string) (err error) {
	given := givenFlags(e.flags) // what the resume command must repeat
	stop, err := startCommand("fit", args, f.workers, f.profile, f.force)
	if err != nil {
		return err
	}
	defer func() { err = stop(err) }()
	formats, err := parseFormats(f.charts)
	if err != nil {
		return err
	}
	l, err := f.load(ctx, args[0])
	if err != nil {
		return err
	}
	if l.Scenario.Fit == nil {
		return usagef("fit: %s has no fit section (see connact help fit and the README, Calibration)", args[0])
	}
	if _, err := fit.ReadData(l); err != nil {
		return err
	}
	// The memory one run of the scenario needs, per worker, as a sweep
	// streams it: each generation is such a sweep.
	if _, err := openStudy(l, false, f.workers, f.maxMemory); err != nil {
		return err
	}
	dir := f.out
	if dir == "" {
		dir = filepath.Join("results", l.Scenario.Name+"-fit")
	}
	removeLeftovers(e, dir)
	prog := sweep.NewProgress(e.stderr, isTerminal(e.stderr))
	rep, err := fit.Run(ctx, l, fit.Options{
		Dir: dir, Workers: f.workers, Resume: f.resume, Force: f.force, Formats: formats,
		CheckpointEvery: f.checkpoint, Progress: prog.Update, Log: e.stderr, Prepare: f.prepare,
		Generation: func(g fit.Generation) {
			prog.Done()
			fmt.Fprintf(e.stderr, "connact: generation %d: %d proposals, %d accepted (%.3g), tolerance %.4g, ESS %.1f\n",
				g.Index, g.Proposals, g.Accepted, g.Acceptance, g.Tolerance, g.ESS)
		},
	})
	prog.Done()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintf(e.stderr, "connact: fit stopped; every generation done and the runs of the current one are kept. Resume with:\n  %s\n", resumeCommand("fit", given, args[0], dir))
			return errInterrupted
		}
		var re *fit.ResumeError
		var se *sweep.ResumeError
		if errors.As(err, &re) || errors.As(err, &se) {
			return usagef("%v", err)
		}
		return err
	}
	if rep.Next != "" {
		next := strings.TrimSuffix(rep.Next, ".yaml")
		q := sweep.ShellQuote
		fmt.Fprintf(e.stdout, "%s: the next sweep of the fit is prepared: %s\n", l.Scenario.Name, rep.Next)
		fmt.Fprintf(e.stdout, "run it, in shards on a cluster if you like, into %s, then prepare the next:\n", next)
		fmt.Fprintf(e.stdout, "  connact sweep %s --emit slurm --shards 16 --out %s > sweep.sbatch   # its merge job writes %s\n", q(rep.Next), q(next+"-shards"), q(filepath.Join(next+"-shards", "merged")))
		fmt.Fprintf(e.stdout, "  mv %s %s\n", q(filepath.Join(next+"-shards", "merged")), q(next))
		fmt.Fprintf(e.stdout, "  %s\n", resumeCommand("fit", append(given, "--prepare"), args[0], dir))
		return nil
	}
	fmt.Fprintf(e.stdout, "%s: fit of %d parameter(s), %d generation(s), %d runs, %d particles\n",
		l.Scenario.Name, len(rep.Summary), len(rep.Generations), rep.Runs, rep.Particles)
	fmt.Fprintf(e.stdout, "%-22s %10s %10s %22s %10s\n", "parameter", "mean", "sd", "90% credible interval", "truth")
	for _, s := range rep.Summary {
		truth := "-"
		if !math.IsNaN(s.Truth) {
			truth = fmt.Sprintf("%.4g", s.Truth)
		}
		fmt.Fprintf(e.stdout, "%-22s %10.4g %10.4g %22s %10s\n", s.Name, s.Mean, s.SD, fmt.Sprintf("[%.4g, %.4g]", s.Q05, s.Q95), truth)
	}
	fmt.Fprintf(e.stdout, "results: %s\n", rep.Dir)
	for _, c := range rep.Files {
		fmt.Fprintf(e.stdout, "chart: %s\n", c)
	}
	return nil
}
