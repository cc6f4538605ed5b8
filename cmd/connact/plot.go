package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/sweep"
)

var plotFlags struct {
	compare listFlag
	metric  string
	format  string
	out     string
	x, y    string
	lines   string
	facet   string
}

var cmdPlot = &command{
	Name:      "plot",
	UsageLine: "plot DIR [--compare DIR]... [--metric M] [--x P] [--y P] [--lines P] [--format svg,png,pdf] [--out FILE]",
	Short:     "redraw charts from a run or sweep folder, or overlay several runs",
	Long: `
Plot redraws charts from a run folder's aggregate.csv without re-running.

Without --compare it redraws the run's standard charts into DIR (the charts
are connact's own derived files; the CSV files are never touched). With
--compare it overlays the chosen metric of DIR and every --compare folder on
one chart, one line per folder (and per condition where a folder has
several), written to --out (default DIR/compare_<metric>) in each format.

On a sweep folder (connact sweep) it redraws the sweep's charts from
points.csv and point_timeseries.csv: --metric names a per-run metric of
runs.csv (default peak_share), --x the parameter on the x axis (default the
first), --y the heatmap's second parameter (default the second) and --lines
the parameter drawn as one line per value (default --y); --facet P draws
the metric chart as small multiples, one panel per value of P.`,
	Flags: func(fs *flag.FlagSet) {
		fs.Var(&plotFlags.compare, "compare", "another run folder to overlay (repeatable)")
		fs.StringVar(&plotFlags.metric, "metric", "", "run folders, with --compare: "+strings.Join(output.MetricNames(), ", ")+" (default active); sweep folders: a metric of runs.csv (default peak_share)")
		fs.StringVar(&plotFlags.format, "format", "svg,png", "chart formats, comma-separated: svg, png, pdf")
		fs.StringVar(&plotFlags.out, "out", "", "chart file (without or with extension) for --compare")
		fs.StringVar(&plotFlags.x, "x", "", "sweep folders: parameter on the x axis")
		fs.StringVar(&plotFlags.y, "y", "", "sweep folders: the heatmap's second parameter")
		fs.StringVar(&plotFlags.lines, "lines", "", "sweep folders: parameter drawn as one line per value")
		fs.StringVar(&plotFlags.facet, "facet", "", "sweep folders: draw the metric chart as one panel per value of this parameter")
	},
	Run: runPlot,
}

func runPlot(ctx context.Context, e *env, args []string) error {
	f := plotFlags
	plotFlags.compare, plotFlags.metric, plotFlags.format, plotFlags.out = nil, "", "svg,png", ""
	plotFlags.x, plotFlags.y, plotFlags.lines, plotFlags.facet = "", "", "", ""
	if len(args) != 1 {
		return usagef("plot: need exactly one run folder, got %d arguments", len(args))
	}
	formats, err := parseFormats(f.format)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(args[0], sweep.ManifestFile)); err == nil {
		if len(f.compare) > 0 {
			return usagef("plot: --compare is for run folders; %s is a sweep", args[0])
		}
		files, err := sweep.DrawSweep(args[0], args[0], formats, sweep.ChartOptions{Metric: f.metric, X: f.x, Y: f.y, Lines: f.lines, Facet: f.facet})
		if err != nil {
			return usagef("plot: %v", err)
		}
		for _, p := range files {
			fmt.Fprintf(e.stdout, "chart: %s\n", p)
		}
		return nil
	}
	if f.metric == "" {
		f.metric = "active"
	}
	if !slices.Contains(output.MetricNames(), f.metric) {
		return usagef("-metric: unknown metric %q (allowed: %s)", f.metric, strings.Join(output.MetricNames(), ", "))
	}
	dir := args[0]
	var files []string
	if len(f.compare) == 0 && f.out == "" {
		files, err = output.DrawRun(dir, dir, formats)
	} else {
		out := f.out
		if out == "" {
			out = filepath.Join(dir, "compare_"+f.metric)
		}
		files, err = output.DrawCompare(append([]string{dir}, f.compare...), f.metric, formats, out)
	}
	if err != nil {
		return err
	}
	for _, p := range files {
		fmt.Fprintf(e.stdout, "chart: %s\n", p)
	}
	return nil
}
