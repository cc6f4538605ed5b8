package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
	"github.com/connact/connact/sim/sweep"
)

// sweepOptions are the flags of one invocation of sweep.
type sweepOptions struct {
	studyOptions
	out, shard, tables, format, charts, emit, timeseries string
	shards                                               int
	resume, force                                        bool
	memory, time, image                                  string
	checkpoint                                           time.Duration
}

var cmdSweep = newCommand(command{
	Name:      "sweep",
	UsageLine: "sweep FILE [--out DIR] [--workers N] [--shard I/N | --shard auto [--shards N]] [--resume] [--force] [--timeseries points|runs] [--tables csv|parquet] [--charts svg,png,pdf] [--set path=value]... [--seed S] [--checkpoint D] [--max-memory SIZE] [--emit slurm|k8s [--shards N] [--memory M] [--time T] [--image I]] [--profile PREFIX]",
	Short:     "run a scenario's sweep: many points, replicates, resumable, sharded",
	Long: `
Sweep runs every point of the scenario's sweep section, for every condition
and replicate, in parallel, and writes a sweep folder (results/<name>-sweep
unless --out says otherwise): runs.csv (one row per point, condition and
replicate, with the parameters as columns, the seed and every per-run
metric), points.csv (per point, condition and metric: n, mean, sd, 95% CI),
point_timeseries.csv (per point, condition and step: the shares active,
ever active, aware and in organisations, with their CI), runs_timeseries.csv
with --timeseries runs, scenario.yaml, manifest.json, meta.json and charts.

--tables parquet also writes zstd-compressed Parquet copies of the tables
(runs.parquet, points.parquet, ...) when the sweep is complete; the CSV files
stay, since resume and merge work on them. --format is the old name of
--tables, still accepted (in run, --format is the old name of --charts).
datapackage.json describes every CSV file's columns (type, description,
unit) as a Frictionless Data Package.

--set overrides a scenario field by its dotted path, as in run (e.g.
--set frames.0.width=0.8; frames[0].width also works, quoted in zsh).
--checkpoint D is the longest time between checkpoints (default 2s).
--max-memory SIZE refuses to start above that much memory (default: what
the machine has available).

Results stream to disk in run order and are checkpointed every two seconds:
memory does not grow with the number of runs, and an interrupted sweep
(Ctrl-C, SIGTERM, kill -9, power cut) continues with --resume, ending
byte-identical to an uninterrupted one, whatever the number of workers.
--resume also starts an empty folder, and starts over a folder of this
sweep stopped before its first checkpoint (or whose checkpoint a full disk
spoiled), saying so; it refuses a folder of another scenario, shard or
connact version, and one holding files that connact did not write. A
complete sweep's manifest.json records every data file's size, rows and
SHA-256, which connact merge verifies.

--shard I/N runs the points p with p mod N == I into its own folder;
--shard auto reads the shard from a Slurm job array (SLURM_ARRAY_TASK_ID,
_MIN, _STEP, _COUNT) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX and
--shards N). connact merge combines shard folders. --emit slurm|k8s prints a
ready job script for the scenario and exits: --shards N tasks (required),
--workers N CPUs per task (default 1), --out DIR, --memory, --time, --image.

--profile PREFIX writes a CPU profile of the whole command to
PREFIX.cpu.pprof and a heap profile at its end to PREFIX.mem.pprof, for go
tool pprof, also when the sweep is interrupted. Existing profile files are
not replaced unless --force is given (which also replaces the sweep folder,
unless --resume continues it), and a mistake in the input writes no
profile.`,
}, (*sweepOptions).register, runSweep)

// register defines sweep's flags on fs, into o.
func (o *sweepOptions) register(fs *flag.FlagSet) {
	o.studyOptions.register(fs)
	fs.StringVar(&o.out, "out", "", "sweep folder (default results/<scenario name>-sweep)")
	fs.StringVar(&o.shard, "shard", "", "run one shard: I/N, or auto (Slurm array or Kubernetes Indexed Job)")
	fs.IntVar(&o.shards, "shards", 0, "number of shards for --shard auto under Kubernetes, and for --emit")
	fs.BoolVar(&o.resume, "resume", false, "continue an interrupted sweep folder (or start it)")
	fs.BoolVar(&o.force, "force", false, "replace an existing sweep folder (and --profile files)")
	fs.StringVar(&o.timeseries, "timeseries", "points", "per-step series: points (aggregated per point) or runs (also every run's)")
	fs.StringVar(&o.tables, "tables", "csv", "tables: csv, or parquet to also write zstd-compressed Parquet copies")
	fs.StringVar(&o.format, "format", "csv", "old name of --tables, still accepted")
	fs.StringVar(&o.charts, "charts", "", "chart formats: svg, png, pdf (default: the scenario's outputs.formats)")
	fs.StringVar(&o.emit, "emit", "", "print a job script instead of running: slurm or k8s")
	fs.StringVar(&o.memory, "memory", "", "with --emit: memory per task, e.g. 2G")
	fs.StringVar(&o.time, "time", "", "with --emit: time limit per task, e.g. 01:00:00")
	fs.StringVar(&o.image, "image", "", "with --emit k8s: container image")
	fs.DurationVar(&o.checkpoint, "checkpoint", 2*time.Second, "longest time between checkpoints (work lost to a crash is at most this)")
}

// runSweep is sweep, with the options f of this invocation.
func runSweep(ctx context.Context, e *env, f *sweepOptions, args []string) (err error) {
	given := givenFlags(e.flags) // before f.tables and f.workers are settled below
	stop, err := startCommand("sweep", args, f.workers, f.profile, f.force)
	if err != nil {
		return err
	}
	defer func() { err = stop(err) }() // err: the command's result
	if f.timeseries != "points" && f.timeseries != "runs" {
		return usagef("-timeseries must be points or runs, got %q", f.timeseries)
	}
	formats, err := parseFormats(f.charts)
	if err != nil {
		return err
	}
	if f.tables, err = tablesFlag(e.flags, f.tables, f.format); err != nil {
		return err
	}
	l, err := f.load(ctx, args[0])
	if err != nil {
		return err
	}
	if l.Scenario.Sweep == nil {
		return usagef("sweep: %s has no sweep section (see connact help sweep; connact run runs a single scenario)", args[0])
	}
	dir := f.out
	if dir == "" {
		dir = filepath.Join("results", l.Scenario.Name+"-sweep")
	}
	if f.emit != "" {
		workersGiven := false
		e.flags.Visit(func(fl *flag.Flag) { workersGiven = workersGiven || fl.Name == "workers" })
		if !workersGiven {
			f.workers = 1 // this machine's core count says nothing about a cluster node's
		}
		return emitJob(e.stdout, l, args[0], dir, f)
	}
	sh, err := sweep.ParseShard(f.shard, f.shards, os.Getenv)
	if err != nil {
		return usagef("%v", err)
	}
	st, err := interruptible(ctx, func() (*runner.Study, error) { return openStudy(l, true, f.workers, f.maxMemory) })
	if err != nil {
		return err
	}
	noteNetworkFile(e.stderr, st)
	if st.Scenario.Outputs.Agents != nil {
		fmt.Fprintf(e.stderr, "connact: note: outputs.agents is written by connact run only: this sweep writes no agent snapshots\n")
	}
	removeLeftovers(e, dir)
	prog := sweep.NewProgress(e.stderr, isTerminal(e.stderr))
	rep, err := sweep.Run(ctx, st, sweep.Options{
		Dir: dir, Workers: f.workers, Shard: sh, Resume: f.resume, Force: f.force,
		RunTimeseries: f.timeseries == "runs", Formats: formats, Progress: prog.Update, CheckpointEvery: f.checkpoint,
		Note: func(msg string) { fmt.Fprintf(e.stderr, "connact: note: %s\n", msg) },
	})
	prog.Done()
	if err != nil {
		if errors.Is(err, context.Canceled) && rep != nil {
			fmt.Fprintf(e.stderr, "connact: stopped after %d of %d runs; everything done is kept. Resume with:\n  %s\n", rep.Done, rep.Runs, resumeCommand("sweep", given, args[0], dir))
			return errInterrupted
		}
		var re *sweep.ResumeError
		if errors.As(err, &re) {
			return usagef("%v", err)
		}
		return err
	}
	what := "sweep"
	if !sh.Whole() {
		what = "shard " + sh.String()
	}
	if rep.Resumed == rep.Runs && rep.Resumed > 0 {
		fmt.Fprintf(e.stdout, "%s: %s already complete in %s\n", l.Scenario.Name, what, rep.Dir)
		return nil
	}
	fmt.Fprintf(e.stdout, "%s: %s of %d points × %d condition(s) × %d replicate(s) = %d runs (%d resumed) in %.2fs (%d workers)\nresults: %s\n",
		l.Scenario.Name, what, rep.Points, st.Plan.Conditions(), st.Replicates, rep.Runs, rep.Resumed, rep.Wall.Seconds(), f.workers, rep.Dir)
	if err := writeTables(e.stdout, rep.Dir, f.tables); err != nil {
		return err
	}
	for _, c := range rep.Charts {
		fmt.Fprintf(e.stdout, "chart: %s\n", c)
	}
	return nil
}

// tablesFlag is the table format that --tables, or its old name --format,
// gives in sweep and merge: csv, or parquet for Parquet copies too.
func tablesFlag(fs *flag.FlagSet, tables, format string) (string, error) {
	t, err := renamedFlag(fs, "tables", tables, "format", format)
	if err != nil {
		return "", err
	}
	if t != "csv" && t != "parquet" {
		return "", usagef("-tables must be csv or parquet, got %q", t)
	}
	return t, nil
}

// writeTables writes the Parquet copies of the complete sweep folder
// dir's tables when the table format is parquet, and names each on w.
func writeTables(w io.Writer, dir, format string) error {
	if format != "parquet" {
		return nil
	}
	files, err := sweep.WriteParquet(dir)
	if err != nil {
		return err
	}
	for _, p := range files {
		fmt.Fprintf(w, "table: %s\n", p)
	}
	return nil
}

// givenFlags lists the flags given on the command line, shell-quoted, as
// the resume command repeats them: every flag (the seed, formats,
// overrides... make the scenario and the outputs) but --out and --resume,
// which it gives itself, --force, which would start the sweep over, and
// --profile, whose files then exist.
func givenFlags(fs *flag.FlagSet) []string {
	var args []string
	fs.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "out", "resume", "force", "profile", "prepare":
			return
		}
		if l, ok := fl.Value.(*listFlag); ok {
			for _, v := range *l {
				args = append(args, "--"+fl.Name, sweep.ShellQuote(v))
			}
			return
		}
		if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			args = append(args, "--"+fl.Name+"="+fl.Value.String())
			return
		}
		args = append(args, "--"+fl.Name, sweep.ShellQuote(fl.Value.String()))
	})
	return args
}

// resumeCommand is the command that resumes an interrupted sweep (or fit,
// the command name) of file into dir with the flags given.
func resumeCommand(name string, given []string, file, dir string) string {
	cmd := append([]string{"connact " + name, "--out", sweep.ShellQuote(dir), "--resume"}, given...)
	if strings.HasPrefix(file, "-") { // not to be taken for a flag
		cmd = append(cmd, "--")
	}
	return strings.Join(append(cmd, sweep.ShellQuote(file)), " ")
}

// errInterrupted is an interruption already explained on stderr.
var errInterrupted = fmt.Errorf("interrupted: %w", context.Canceled)

// emitJob prints a Slurm or Kubernetes job for the sweep.
func emitJob(w io.Writer, l *scenario.Loaded, file, dir string, f *sweepOptions) error {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return a
	}
	bin, err := os.Executable()
	if err != nil {
		return err
	}
	shards := f.shards
	if shards < 1 {
		return usagef("--emit %s needs --shards N: the number of array tasks (pods)", f.emit)
	}
	o := sweep.EmitOptions{
		Scenario: abs(file), Name: l.Scenario.Name, Hash: l.Hash(), Shards: shards, Workers: f.workers,
		Out: abs(dir), Binary: bin, Memory: f.memory, Time: f.time, Image: f.image,
	}
	switch f.emit {
	case "slurm":
		err = sweep.EmitSlurm(w, o)
	case "k8s":
		err = sweep.EmitK8s(w, o)
	default:
		return usagef("-emit must be slurm or k8s, got %q", f.emit)
	}
	if err != nil {
		return usagef("%v", err)
	}
	return nil
}

// isTerminal reports whether w is a terminal (character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// mergeOptions are the flags of one invocation of merge.
type mergeOptions struct {
	out                    string
	force                  bool
	charts, tables, format string
}

var cmdMerge = newCommand(command{
	Name:      "merge",
	UsageLine: "merge DIR... --out DIR [--force] [--charts svg,png,pdf] [--tables csv|parquet]",
	Short:     "merge the shard folders of a sweep",
	Long: `
Merge combines the shard folders of one sweep (connact sweep --shard) into
one sweep folder, byte-identical in its CSV files to what a single-machine
sweep writes. It checks that the folders are complete shards of the same
scenario (by hash), connact version and shard count, that every file is as
its shard completed it (size, rows and SHA-256 in the shard's
manifest.json), and reports missing or duplicated shards and runs; then it
draws the sweep's charts. Any mismatch exits with status 2, naming the
file, and writes nothing. Shards written by a connact from before the
checksums are refused: merge them with the connact that wrote them.
--tables parquet also writes Parquet copies of the tables; --format is its
old name, still accepted.`,
}, (*mergeOptions).register, runMerge)

// register defines merge's flags on fs, into o.
func (o *mergeOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.out, "out", "", "the merged sweep folder (required)")
	fs.BoolVar(&o.force, "force", false, "replace an existing folder")
	fs.StringVar(&o.charts, "charts", "svg,png", "chart formats")
	fs.StringVar(&o.tables, "tables", "csv", "tables: csv, or parquet to also write Parquet copies")
	fs.StringVar(&o.format, "format", "csv", "old name of --tables, still accepted")
}

// runMerge is merge, with the options f of this invocation.
func runMerge(ctx context.Context, e *env, f *mergeOptions, args []string) error {
	if len(args) == 0 {
		return usagef("merge: give the shard folders")
	}
	if f.out == "" {
		return usagef("merge: --out DIR is required")
	}
	formats, err := parseFormats(f.charts)
	if err != nil {
		return err
	}
	if f.tables, err = tablesFlag(e.flags, f.tables, f.format); err != nil {
		return err
	}
	removeLeftovers(e, f.out)
	rep, err := sweep.Merge(args, f.out, f.force, formats)
	var me *sweep.MergeError
	if errors.As(err, &me) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "merged %d shards: %d points, %d runs\nresults: %s\n", rep.Shards, rep.Points, rep.Runs, rep.Dir)
	for _, c := range rep.Charts {
		fmt.Fprintf(e.stdout, "chart: %s\n", c)
	}
	if err := writeTables(e.stdout, rep.Dir, f.tables); err != nil {
		return err
	}
	return nil
}
