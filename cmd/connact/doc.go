/*
Connact simulates how people mobilise for a cause on a social network:
collective action brokered by organisations against connective action
through personalised frames that spread peer to peer, and the hybrid between
them. A scenario file (YAML) describes a whole study; see package
github.com/connact/connact/sim/scenario for its format.

Usage:

	connact <command> [arguments]

The commands are:

	run       run a scenario and chart participation
	sweep     run a scenario's sweep: many points, replicates, resumable, sharded
	merge     merge the shard folders of a sweep
	plot      redraw charts from a run or sweep folder, or overlay several runs
	validate  check a scenario and print it fully resolved
	help      show help for a command

Flags may come before or after the scenario file.

# run

	connact run FILE [--out DIR] [--replicates N] [--seed S] [--workers N]
	    [--set path=value]... [--format svg,png,pdf] [--force] [--profile PREFIX]

Runs every condition and replicate of the scenario, in parallel, and writes
a run folder, results/<scenario name> by default (see package
github.com/connact/connact/sim/output for its files). It prints the mean and
95% confidence interval, across replicates, of the peak share, the step of
the peak, the final share, the cumulative share and the sustainability, for
each condition. Examples:

	connact run scenarios/comparison.yaml
	connact run scenarios/connective.yaml --replicates 40 --set frames[0].width=0.5 --out results/wide
	connact run scenarios/collective.yaml --seed 7 --workers 1 --format svg,pdf

# sweep

	connact sweep FILE [--out DIR] [--workers N] [--shard I/N | --shard auto [--shards N]]
	    [--resume] [--force] [--timeseries points|runs] [--format csv|parquet]
	    [--charts svg,png,pdf] [--set path=value]... [--emit slurm|k8s] [--profile PREFIX]

Runs every point of the scenario's sweep section for every condition and
replicate and writes a sweep folder, results/<name>-sweep by default:
runs.csv, points.csv, point_timeseries.csv, charts and, with --format
parquet, Parquet copies. Results stream to disk and are checkpointed, so
--resume continues an interrupted sweep byte-identically, from any moment
it was stopped (a folder with no usable checkpoint yet is started over; one
of another scenario, shard or connact version, or holding files connact did
not write, is refused); --shard runs a slice of the points; --emit prints a
Slurm array script or a Kubernetes Indexed Job. Example:

	connact sweep scenarios/sweeps/group-size-diversity.yaml --set sweep.replicates=3 --out results/gsd

# merge

	connact merge DIR... --out DIR [--force] [--charts svg,png,pdf] [--format csv|parquet]

Combines the shard folders of one sweep into exactly what a single machine
would have written, after checking that they are complete shards of the same
scenario and connact version, that none is missing or duplicated, and that
every file is as its shard completed it (size, rows and SHA-256 recorded in
its manifest.json); shards written before connact recorded these are
refused.

# plot

	connact plot DIR [--compare DIR]... [--metric active|cumulative|members|aware]
	    [--format svg,png,pdf] [--out FILE] [--force]

Redraws a run folder's charts from its aggregate.csv, or overlays one metric
of several run folders on one chart. An existing --out chart is replaced only
with --force, and only if it is a chart. On a sweep folder, --metric (a
metric of runs.csv), --x, --y, --lines and --facet choose what its charts
show, and --zmin, --zmax fix the heatmaps' shared colour scale; a name the
sweep does not have is an error listing those it has. Example:

	connact plot results/collective --compare results/connective --metric cumulative

# validate

	connact validate FILE [--set path=value]...

Checks the scenario with the same rules as run and prints it with every
default explicit, then the number of runs and the scenario hash. Example:

	connact validate scenarios/comparison.yaml --set population.size=2000

# Limits

--workers is 1..4096, and no more workers start than there are runs.
Before anything is allocated, run and sweep estimate the memory the study
needs — each run at once, finished runs waiting to be written in order,
what is kept across runs (a run folder keeps every replicate's series of a
condition, for its quantiles; a sweep keeps running means per step), and a
network file, estimated from the file's size before it is read — and refuse
it, exit status 2, when it is more than the machine has available or
--max-memory allows (a size such as 512M or 4G; NaN, Inf and exponents are
refused). validate prints the estimate.

# Profiles

run and sweep take --profile PREFIX: a CPU profile of the whole command is
written to PREFIX.cpu.pprof, and a heap profile at its end, after a garbage
collection, to PREFIX.mem.pprof. Read them with go tool pprof:

	go tool pprof -top PREFIX.cpu.pprof
	go tool pprof -sample_index=alloc_space -top PREFIX.mem.pprof

Like a run folder, an existing profile is not replaced without --force (and
then only a profile, never a link or a device), and a mistake in the input
(exit status 2) writes no profile; an interrupted command still writes both.

# What --force replaces

--force replaces only what connact wrote: a real folder (not a link)
holding connact's meta.json or manifest.json and nothing connact does not
write, a chart, a profile. Anything else — a folder with a file of yours in
it, a link, a device, the root folder, the home folder, the working
directory or a folder containing it — is refused with exit status 2 and
left as it is. The old folder is moved aside and removed only once the new
one is in place. A killed connact leaves a hidden .NAME.tmp-* folder beside
its output; the next run, sweep, merge or plot there removes it and says so
on stderr (a folder a running connact holds is left alone).

# Exit status

0 on success; 2 for a mistake in what was given (command line, scenario,
network file, an existing output folder or profile without --force, an
output --force may not replace), with
the scenario errors as FILE:LINE:COL: field.path: message; 130 when
interrupted (Ctrl-C or SIGTERM: run writes nothing, sweep keeps the runs it
has finished for --resume), within a second wherever the command is; 3 for
a crash, a bug in connact (a panic on any of its goroutines), reported with
its stack and a request to report it; 1 for any other failure. A scenario
or network file must be a regular file: a named pipe, a device such as
/dev/zero, a socket or a folder is refused at once with status 2. Go
cannot recover from a fatal runtime error (out of memory, concurrent map
writes): the process then ends with Go's own status 2 and its report on
stderr.
*/
package main
