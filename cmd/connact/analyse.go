package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/connact/connact/sim/analyse"
)

// analyseOptions are the flags of one invocation of analyse.
type analyseOptions struct {
	out       string
	metrics   listFlag
	charts    string
	resamples int
	level     float64
	contrasts bool
	force     bool
}

var cmdAnalyse = newCommand(command{
	Name:      "analyse",
	UsageLine: "analyse DIR [--out DIR] [--metric M]... [--charts svg,png,pdf] [--resamples N] [--level L] [--contrasts] [--force]",
	Short:     "sensitivity analysis of a finished sweep: which parameters drive each metric",
	Long: `
Analyse reads a finished sweep folder DIR (every shard merged) and computes,
per metric of runs.csv and per condition, on the means of each point's
replicates: for a sobol design the first-order and total Sobol' indices
(Saltelli et al. 2010, Jansen 1999) with bootstrap intervals; for a morris
design μ*, μ and σ of the elementary effects (Morris 1991, Campolongo et
al. 2007); for every design the partial rank correlation (PRCC, with its
Fisher z interval) and the standardised rank regression (SRRC, with r²).
Replicate noise is reported beside them: the share of the runs' variance
between a point's replicates, and per parameter the index that noise alone
would give (ST_noise, mu_star_noise), which the charts mark.

With --contrasts, the paired difference of each condition after the first
from the first ("B vs A": the runs of one replicate differ only in the
condition) is analysed as one more condition, so that the indices say
which parameters drive the contrast itself, and two more statistics say
where it holds: the shares of the points at which its t interval lies
above or below zero, with Wilson intervals (in a random or lhs design, an
estimate of the share of the parameters' box where the contrast has that
sign). Give the sweep common_random_numbers: true to pair the dynamics
as well as the people and network.

It writes the folder --out (default DIR/sensitivity): sensitivity.csv (one
statistic a row), datapackage.json, meta.json and the charts (indices as
dots with whiskers; for morris the μ*–σ plane), under a temporary name
renamed into place when complete. The same folder always gives the same
bytes. An existing --out is refused unless --force is given, and then
replaced only if it is an analysis folder connact wrote. An unfinished,
sharded or edited sweep folder is refused (exit status 2), naming what is
wrong. go doc ./sim/analyse says what each statistic means and when to
trust it.`,
}, (*analyseOptions).register, runAnalyse)

// register defines analyse's flags on fs, into o.
func (o *analyseOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.out, "out", "", "analysis folder (default DIR/sensitivity)")
	fs.Var(&o.metrics, "metric", "a metric of runs.csv to analyse (repeatable; default every metric)")
	fs.StringVar(&o.charts, "charts", "", "chart formats, comma-separated: svg, png, pdf (default the scenario's outputs.formats)")
	fs.IntVar(&o.resamples, "resamples", analyse.DefaultResamples, "bootstrap resamples of the intervals")
	fs.Float64Var(&o.level, "level", analyse.DefaultLevel, "level of the confidence intervals, in (0, 1)")
	fs.BoolVar(&o.contrasts, "contrasts", false, "also analyse each condition's paired difference from the first")
	fs.BoolVar(&o.force, "force", false, "replace an existing analysis folder connact wrote")
}

// runAnalyse is analyse, with the options o of this invocation.
func runAnalyse(ctx context.Context, e *env, o *analyseOptions, args []string) error {
	if len(args) != 1 {
		return usagef("analyse: need exactly one sweep folder, got %d arguments", len(args))
	}
	dir := args[0]
	opt := analyse.Options{Out: o.out, Force: o.force, Metrics: o.metrics, Resamples: o.resamples, Level: o.level, Contrasts: o.contrasts}
	if o.charts != "" {
		formats, err := parseFormats(o.charts)
		if err != nil {
			return err
		}
		opt.Formats = formats
	}
	out := opt.Out
	if out == "" {
		out = filepath.Join(dir, "sensitivity")
	}
	removeLeftovers(e, out)
	// Analysis reads a folder and writes a new one beside its place,
	// renamed in when complete: abandoned at once on Ctrl-C, it leaves
	// only a temporary folder, which the next analysis removes.
	rep, err := interruptible(ctx, func() (*analyse.Report, error) { return analyse.Analyse(dir, opt) })
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "analysed %s (%s design): %d metric(s), %d rows in %s\n",
		dir, rep.Design, len(rep.Metrics), rep.Rows, filepath.Join(rep.Dir, "sensitivity.csv"))
	for _, c := range rep.Charts {
		fmt.Fprintln(e.stdout, "chart:", c)
	}
	return nil
}
