package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/sweep"
)

// plotOptions are the flags of one invocation of plot.
type plotOptions struct {
	compare listFlag
	metric  string
	charts  string
	format  string
	out     string
	x, y    string
	lines   string
	facet   string
	zmin    string
	zmax    string
	force   bool
	// --network and its options (run folders).
	network   bool
	degree    bool
	steps     string
	colour    string
	condition string
	replicate int
	files     string
}

var cmdPlot = newCommand(command{
	Name:      "plot",
	UsageLine: "plot DIR [--compare DIR]... [--metric M] [--x P] [--y P] [--lines P] [--facet P] [--zmin Z] [--zmax Z] [--network [--steps STEPS] [--colour state|group] [--condition NAME] [--replicate N] [--degree] [--files DIR]] [--charts svg,png,pdf] [--out FILE] [--force]",
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
the metric chart as small multiples, one panel per value of P (in pages
of 20 panels, _p1, _p2, ..., beyond that). The heatmaps of a folder share
one colour scale, from the lowest to the highest value of all of them;
--zmin and --zmax fix either end (to compare folders on one scale).
A parameter or metric the sweep does not have is an error listing those
it has.

With --network it draws the network of one run of a run folder: the run
is run again from the folder's scenario.yaml, which holds its seeds (the
same run as in the folder; replicate 0 of the first condition, or
--condition NAME and --replicate N), and drawn at the steps of --steps
(default 0, the middle step and the last; e.g. --steps 0,10,final) as
small multiples: a force-directed layout (Fruchterman-Reingold, seeded:
the same picture every time), nodes sized by degree and coloured by state
(inactive, aware, active, member, lapsed, removed), or with --colour group
by the group of the agents active at the step. A network of more than
2,000 agents, or any with --degree, gets two charts instead: the share of
agents ever active by degree and by k-core number in the network as
built, for replicate N of every condition, with Wilson 95% intervals over
each bin's agents. The charts are network.*, or network_degree.* and
network_core.*, in DIR (or --out FILE, without extension, for the first).
For a file network, --files DIR names the original scenario's folder,
which network.file and network.nodes are relative to.

An existing --compare chart is not replaced unless --force is given, and
then only if it is a chart (SVG, PNG or PDF, as its extension says): never
a link, a device or another file. Charts are written under temporary names
and renamed into place.`,
}, (*plotOptions).register, runPlot)

// register defines plot's flags on fs, into o.
func (o *plotOptions) register(fs *flag.FlagSet) {
	fs.Var(&o.compare, "compare", "another run folder to overlay (repeatable)")
	fs.StringVar(&o.metric, "metric", "", "run folders, with --compare: "+strings.Join(output.MetricNames(), ", ")+" (default active); sweep folders: a metric of runs.csv (default peak_share)")
	fs.StringVar(&o.charts, "charts", "svg,png", "chart formats, comma-separated: svg, png, pdf")
	fs.StringVar(&o.format, "format", "svg,png", "old name of --charts, still accepted")
	fs.StringVar(&o.out, "out", "", "chart file (without or with extension) for --compare")
	fs.StringVar(&o.x, "x", "", "sweep folders: parameter on the x axis")
	fs.StringVar(&o.y, "y", "", "sweep folders: the heatmap's second parameter")
	fs.StringVar(&o.lines, "lines", "", "sweep folders: parameter drawn as one line per value")
	fs.StringVar(&o.facet, "facet", "", "sweep folders: draw the metric chart as one panel per value of this parameter")
	fs.StringVar(&o.zmin, "zmin", "", "sweep folders: lowest value of the heatmaps' colour scale (default: the lowest value)")
	fs.StringVar(&o.zmax, "zmax", "", "sweep folders: highest value of the heatmaps' colour scale (default: the highest value)")
	fs.BoolVar(&o.force, "force", false, "replace existing --compare or --out chart files (only charts)")
	fs.BoolVar(&o.network, "network", false, "run folders: draw the network of one run at --steps (re-run from scenario.yaml)")
	fs.BoolVar(&o.degree, "degree", false, "with --network: draw the share ever active by degree and core number instead, at any size")
	fs.StringVar(&o.steps, "steps", "", "with --network: the steps drawn, e.g. 0,10,final (default 0, the middle and the last)")
	fs.StringVar(&o.colour, "colour", "state", "with --network: colour nodes by state or group")
	fs.StringVar(&o.condition, "condition", "", "with --network: the condition of the run drawn (default the first)")
	fs.IntVar(&o.replicate, "replicate", 0, "with --network: the replicate drawn")
	fs.StringVar(&o.files, "files", "", "with --network, for a file network: the original scenario's folder, which network.file is relative to")
}

// runPlot is plot, with the options f of this invocation.
func runPlot(ctx context.Context, e *env, f *plotOptions, args []string) error {
	if len(args) != 1 {
		return usagef("plot: need exactly one run folder, got %d arguments", len(args))
	}
	formats, err := chartFormats(e.flags, f.charts, f.format)
	if err != nil {
		return err
	}
	var zlim [2]*float64
	for i, z := range []struct{ flag, v string }{{"zmin", f.zmin}, {"zmax", f.zmax}} {
		if z.v == "" {
			continue
		}
		v, err := strconv.ParseFloat(z.v, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return usagef("-%s must be a finite number, got %q", z.flag, z.v)
		}
		zlim[i] = &v
	}
	if f.network {
		return plotNetwork(ctx, e, f, args[0], formats)
	}
	colourGiven := false
	e.flags.Visit(func(fl *flag.Flag) { colourGiven = colourGiven || fl.Name == "colour" })
	if f.degree || f.steps != "" || f.condition != "" || f.replicate != 0 || f.files != "" || colourGiven {
		return usagef("--degree, --steps, --colour, --condition, --replicate and --files go with --network")
	}
	if _, err := os.Stat(filepath.Join(args[0], sweep.ManifestFile)); err == nil {
		if len(f.compare) > 0 {
			return usagef("plot: --compare is for run folders; %s is a sweep", args[0])
		}
		files, err := writeCharts(e, args[0], true, func(tmp string) ([]string, error) {
			files, err := sweep.DrawSweep(args[0], tmp, formats, sweep.ChartOptions{Metric: f.metric, X: f.x, Y: f.y, Lines: f.lines, Facet: f.facet, ZMin: zlim[0], ZMax: zlim[1]})
			if err != nil {
				return nil, usagef("plot: %v", err)
			}
			return files, nil
		}, nil)
		if err != nil {
			return err
		}
		for _, p := range files {
			fmt.Fprintf(e.stdout, "chart: %s\n", p)
		}
		return nil
	}
	for _, o := range []struct{ flag, v string }{{"x", f.x}, {"y", f.y}, {"lines", f.lines}, {"facet", f.facet}, {"zmin", f.zmin}, {"zmax", f.zmax}} {
		if o.v != "" {
			return usagef("-%s is for sweep folders; %s is a run folder", o.flag, args[0])
		}
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
		files, err = writeCharts(e, dir, true, func(tmp string) ([]string, error) {
			return output.DrawRun(dir, tmp, formats)
		}, nil)
	} else {
		out := f.out
		if out == "" {
			out = filepath.Join(dir, "compare_"+f.metric)
		}
		if fi, err := os.Stat(out); (err == nil && fi.IsDir()) || strings.HasSuffix(out, string(filepath.Separator)) {
			return usagef("plot: --out %s is a folder; --out names the chart file to write, as in --out results/compare.svg", out)
		}
		base := strings.TrimSuffix(out, filepath.Ext(out))
		files, err = writeCharts(e, base, f.force, func(tmp string) ([]string, error) {
			return output.DrawCompare(append([]string{dir}, f.compare...), f.metric, formats, filepath.Join(tmp, "chart"))
		}, func(chart string) string { return base + filepath.Ext(chart) })
	}
	if err != nil {
		return err
	}
	for _, p := range files {
		fmt.Fprintf(e.stdout, "chart: %s\n", p)
	}
	return nil
}

// plotNetwork is plot --network on the run folder dir.
func plotNetwork(ctx context.Context, e *env, f *plotOptions, dir string, formats []string) error {
	if _, err := os.Stat(filepath.Join(dir, sweep.ManifestFile)); err == nil {
		return usagef("plot: --network is for run folders; %s is a sweep", dir)
	}
	if len(f.compare) > 0 || f.metric != "" {
		return usagef("plot: --network draws one folder's network: --compare and --metric do not go with it")
	}
	opt := output.NetworkPlotOptions{Condition: f.condition, Replicate: f.replicate, Colour: f.colour, Degree: f.degree, Files: f.files}
	if f.steps != "" {
		opt.StepsText = f.steps
	}
	draw := func(tmp string) ([]string, error) { return output.DrawNetwork(ctx, dir, tmp, formats, opt) }
	var files []string
	var err error
	if f.out == "" {
		files, err = writeCharts(e, dir, true, draw, nil)
	} else {
		base := strings.TrimSuffix(f.out, filepath.Ext(f.out))
		files, err = writeCharts(e, base, f.force, draw, func(chart string) string {
			// The first chart takes --out's name; the core chart of
			// --degree takes it with _core.
			if strings.HasPrefix(filepath.Base(chart), output.CoreChart) {
				return base + "_core" + filepath.Ext(chart)
			}
			return base + filepath.Ext(chart)
		})
	}
	if err != nil {
		return err
	}
	for _, p := range files {
		fmt.Fprintf(e.stdout, "chart: %s\n", p)
	}
	return nil
}

// writeCharts draws charts into a locked temporary folder beside near
// (draw gets its path and returns the files drawn) and renames each to
// final(file), by default the file's name in the folder near: an existing
// file is replaced only with force and only if it is a chart
// (output.CheckFile), every file is checked before any is replaced, and
// nothing is written through a link. Leftovers of killed commands beside
// near are removed first.
func writeCharts(e *env, near string, force bool, draw func(tmp string) ([]string, error), final func(string) string) ([]string, error) {
	if final == nil {
		dir := near
		final = func(chart string) string { return filepath.Join(dir, filepath.Base(chart)) }
		near = filepath.Join(dir, "charts")
	}
	if _, err := os.Stat(filepath.Dir(near)); err != nil {
		return nil, err // a missing folder is not made for a chart
	}
	output.RemoveLeftovers(filepath.Dir(near), e.stderr)
	td, err := output.NewTempDir(near)
	if err != nil {
		return nil, err
	}
	defer td.Remove()
	drawn, err := draw(td.Path)
	if err != nil {
		return nil, err
	}
	for _, c := range drawn {
		if err := output.CheckFile(final(c), force, "chart", output.IsChart); err != nil {
			return nil, err
		}
	}
	var files []string
	for _, c := range drawn {
		if err := td.InstallFile(filepath.Base(c), final(c), force, "chart", output.IsChart); err != nil {
			return files, err
		}
		files = append(files, final(c))
	}
	return files, nil
}
