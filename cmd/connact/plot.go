package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/connact/connact/sim/output"
)

var plotFlags struct {
	compare listFlag
	metric  string
	format  string
	out     string
}

var cmdPlot = &command{
	Name:      "plot",
	UsageLine: "plot DIR [--compare DIR]... [--metric active|cumulative|members|aware] [--format svg,png,pdf] [--out FILE]",
	Short:     "redraw charts from a run folder, or overlay several",
	Long: `
Plot redraws charts from a run folder's aggregate.csv without re-running.

Without --compare it redraws the run's standard charts into DIR (the charts
are connact's own derived files; the CSV files are never touched). With
--compare it overlays the chosen metric of DIR and every --compare folder on
one chart, one line per folder (and per condition where a folder has
several), written to --out (default DIR/compare_<metric>) in each format.`,
	Flags: func(fs *flag.FlagSet) {
		fs.Var(&plotFlags.compare, "compare", "another run folder to overlay (repeatable)")
		fs.StringVar(&plotFlags.metric, "metric", "active", "what to draw with --compare: "+strings.Join(output.MetricNames(), ", "))
		fs.StringVar(&plotFlags.format, "format", "svg,png", "chart formats, comma-separated: svg, png, pdf")
		fs.StringVar(&plotFlags.out, "out", "", "chart file (without or with extension) for --compare")
	},
	Run: runPlot,
}

func runPlot(ctx context.Context, e *env, args []string) error {
	f := plotFlags
	plotFlags.compare, plotFlags.metric, plotFlags.format, plotFlags.out = nil, "active", "svg,png", ""
	if len(args) != 1 {
		return usagef("plot: need exactly one run folder, got %d arguments", len(args))
	}
	formats, err := parseFormats(f.format)
	if err != nil {
		return err
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
