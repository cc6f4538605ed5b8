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
	analyse   sensitivity analysis of a finished sweep: which parameters drive each metric
	fit       calibrate a scenario's parameters to data (ABC-SMC)
	plot      redraw charts from a run or sweep folder, or overlay several runs
	serve     explore scenarios in the browser: change parameters, run, watch the cascade
	validate  check a scenario and print it fully resolved
	version   print connact's version, Go version and VCS revision
	help      show help for a command

Flags may come before or after the scenario file. connact --help (-h,
help) and every command's -h or --help print the usage on stdout and exit 0.
Each command's section below ends with its flags, as connact help COMMAND
lists them.

--set path=value (run, sweep, fit, validate; repeatable) overrides any scenario
field by its dotted path, with the same checks as the file: --set
population.size=5000 --set frames.0.width=0.8. frames[0].width means the
same, but needs quoting in zsh ('frames[0].width=0.8').

--charts names chart formats (svg, png, pdf) in run, sweep, merge and plot;
--tables the table format (csv, or parquet for Parquet copies too) in sweep
and merge. --format is the old name of --charts in run and plot, and of
--tables in sweep and merge, still accepted; giving both names with
different values is refused.

# run

	connact run FILE [--out DIR] [--replicates N] [--seed S] [--workers N]
	    [--set path=value]... [--charts svg,png,pdf] [--force] [--max-memory SIZE]
	    [--profile PREFIX] [--agents STEPS]
	    [--network-out FILE.graphml|.gexf|.csv [--network-condition NAME] [--network-replicate N]]

Runs every condition and replicate of the scenario, in parallel, and writes
a run folder, results/<scenario name> by default (see package
github.com/connact/connact/sim/output for its files). It prints the mean and
95% confidence interval, across replicates, of the peak share, the step of
the peak, the final share, the cumulative share and the sustainability, for
each condition, and its progress on stderr (a bar on a terminal, a line every
few seconds in a log). Examples:

	connact run scenarios/comparison.yaml
	connact run scenarios/connective.yaml --replicates 40 --set frames.0.width=0.5 --out results/connective-wide
	connact run scenarios/collective.yaml --seed 7 --workers 1 --charts svg,pdf

Flags:

	--agents string
	    write agents.csv, the agents' state at these steps of every run, e.g. 0,10,50,final (overrides outputs.agents)
	--charts string
	    chart formats, comma-separated: svg, png, pdf (default: the scenario's outputs.formats)
	--force
	    replace an existing run folder (and --profile and --network-out files)
	--format string
	    old name of --charts, still accepted
	--max-memory string
	    refuse to start above this much memory, e.g. 8G (default: what the machine has available)
	--network-condition string
	    condition of the --network-out run (default: the first)
	--network-out string
	    export one run's network with its agents' final state: FILE.graphml, .gexf or .csv
	--network-replicate int
	    replicate of the --network-out run
	--out string
	    run folder to write (default results/<scenario name>)
	--profile PREFIX
	    write a CPU profile of the whole command to PREFIX.cpu.pprof and a heap profile at its end to PREFIX.mem.pprof (for go tool pprof)
	--replicates int
	    replicates per condition (default: the scenario's)
	--seed string
	    scenario seed (default: the scenario's)
	--set value
	    override a scenario field: path=value, e.g. frames.0.width=0.8 (repeatable)
	--workers int
	    runs in parallel (default the number of CPUs)

# sweep

	connact sweep FILE [--out DIR] [--workers N]
	    [--shard I/N | --shard auto [--shards N]] [--resume] [--force]
	    [--timeseries points|runs] [--tables csv|parquet] [--charts svg,png,pdf]
	    [--set path=value]... [--seed S] [--checkpoint D] [--max-memory SIZE]
	    [--emit slurm|k8s [--shards N] [--memory M] [--time T] [--image I]]
	    [--profile PREFIX]

Runs every point of the scenario's sweep section for every condition and
replicate and writes a sweep folder, results/<name>-sweep by default:
runs.csv, points.csv, point_timeseries.csv, datapackage.json, charts and,
with --tables parquet, Parquet copies. --checkpoint D is the longest time
between checkpoints (default 2s): what a crash can lose. Results stream to disk and are checkpointed, so
--resume continues an interrupted sweep byte-identically, from any moment
it was stopped (a folder with no usable checkpoint yet is started over; one
of another scenario, shard or connact version, or holding files connact did
not write, is refused); --shard runs a slice of the points; --emit prints a
Slurm array script or a Kubernetes Indexed Job, with --memory, --time and
(Kubernetes) --image per task. Example:

	connact sweep scenarios/sweeps/group-size-diversity.yaml --set sweep.replicates=3 --out results/gsd

Flags:

	--charts string
	    chart formats: svg, png, pdf (default: the scenario's outputs.formats)
	--checkpoint duration
	    longest time between checkpoints (work lost to a crash is at most this) (default 2s)
	--emit string
	    print a job script instead of running: slurm or k8s
	--force
	    replace an existing sweep folder (and --profile files)
	--format string
	    old name of --tables, still accepted (default "csv")
	--image string
	    with --emit k8s: container image
	--max-memory string
	    refuse to start above this much memory, e.g. 8G (default: what the machine has available)
	--memory string
	    with --emit: memory per task, e.g. 2G
	--out string
	    sweep folder (default results/<scenario name>-sweep)
	--profile PREFIX
	    write a CPU profile of the whole command to PREFIX.cpu.pprof and a heap profile at its end to PREFIX.mem.pprof (for go tool pprof)
	--resume
	    continue an interrupted sweep folder (or start it)
	--seed string
	    scenario seed (default: the scenario's)
	--set value
	    override a scenario field: path=value, e.g. frames.0.width=0.8 (repeatable)
	--shard string
	    run one shard: I/N, or auto (Slurm array or Kubernetes Indexed Job)
	--shards int
	    number of shards for --shard auto under Kubernetes, and for --emit
	--tables string
	    tables: csv, or parquet to also write zstd-compressed Parquet copies (default "csv")
	--time string
	    with --emit: time limit per task, e.g. 01:00:00
	--timeseries string
	    per-step series: points (aggregated per point) or runs (also every run's) (default "points")
	--workers int
	    runs in parallel (default the number of CPUs)

# merge

	connact merge DIR... --out DIR [--force] [--charts svg,png,pdf]
	    [--tables csv|parquet]

Combines the shard folders of one sweep into exactly what a single machine
would have written, after checking that they are complete shards of the same
scenario and connact version, that none is missing or duplicated, and that
every file is as its shard completed it (size, rows and SHA-256 recorded in
its manifest.json); shards written before connact recorded these are
refused. Example: the sweep above run as two shards (on two machines, say)
and merged into a folder whose tables are those of the sweep example's:

	connact sweep scenarios/sweeps/group-size-diversity.yaml --set sweep.replicates=3 --shard 0/2 --out results/gsd-0
	connact sweep scenarios/sweeps/group-size-diversity.yaml --set sweep.replicates=3 --shard 1/2 --out results/gsd-1
	connact merge results/gsd-0 results/gsd-1 --out results/gsd-merged

Flags:

	--charts string
	    chart formats (default "svg,png")
	--force
	    replace an existing folder
	--format string
	    old name of --tables, still accepted (default "csv")
	--out string
	    the merged sweep folder (required)
	--tables string
	    tables: csv, or parquet to also write Parquet copies (default "csv")

# analyse

	connact analyse DIR [--out DIR] [--metric M]... [--charts svg,png,pdf]
	    [--resamples N] [--level L] [--contrasts] [--force]

Reads a finished sweep folder (every shard merged) and writes its
sensitivity analysis to DIR/sensitivity: which swept parameters drive each
metric of runs.csv, per condition. For a sobol design (sweep.sample.method
sobol) the first-order and total Sobol' indices with bootstrap intervals;
for a morris design μ*, μ and σ of the elementary effects; for every design
the partial rank correlations (PRCC) and standardised rank regression
(SRRC). Replicate noise is reported beside the indices, and marked on the
charts: an index near it cannot be told from noise. sensitivity.csv holds
one statistic a row; datapackage.json describes it. An unfinished, sharded
or edited sweep folder is refused (exit status 2). go doc ./sim/analyse says
what each statistic means and when to trust it. Example, after the sweep
example above:

	connact analyse results/gsd --metric peak_share --charts svg

Flags:

	--charts string
	    chart formats, comma-separated: svg, png, pdf (default the scenario's outputs.formats)
	--contrasts
	    also analyse each condition's paired difference from the first
	--force
	    replace an existing analysis folder connact wrote
	--level float
	    level of the confidence intervals, in (0, 1) (default 0.95)
	--metric value
	    a metric of runs.csv to analyse (repeatable; default every metric)
	--out string
	    analysis folder (default DIR/sensitivity)
	--resamples int
	    bootstrap resamples of the intervals (default 1000)

# fit

	connact fit FILE [--out DIR] [--workers N] [--resume] [--force] [--prepare]
	    [--charts svg,png,pdf] [--set path=value]... [--seed S] [--checkpoint D]
	    [--max-memory SIZE] [--profile PREFIX]

Calibrates the fields named in the scenario's fit section to its data (a
time series such as cumulative signatures, summary statistics, or shares
of runs: the fraction of each proposal's fit.observe.replicates runs whose
metric reaches a threshold, as in "1% of petitions reach 10,000") by
approximate Bayesian computation with sequential Monte Carlo (ABC-SMC):
each generation proposes parameters from the last one's particles, moved
by a Gaussian kernel of twice their weighted covariance (Beaumont et al.
2009), keeps the best half (fit.alpha) of old and new, so that the
tolerance adapts (Lenormand, Jabot & Deffuant 2013), and stops when fewer
than fit.min_acceptance of the proposals are kept, or after
fit.max_generations. Each generation is a sweep folder of its own inside
the fit folder (results/<name>-fit by default): parallel, checkpointed,
resumable with --resume after Ctrl-C or kill -9, and byte-identical
whatever --workers. The fit folder holds posterior.csv (one particle a row,
with its weight), posterior_summary.csv, generations.csv (tolerance,
acceptance rate, effective sample size), predictive.csv and the charts
posterior_marginal_<parameter>, posterior_pair_<a>_vs_<b> and
posterior_predictive. A mistake in the
fit section or the data file exits 2, naming FILE:LINE:COL and the field,
and writes nothing. go doc ./sim/fit gives the algorithm. Example, on the
shipped petition curve (synthetic data made by connact at known values):

	connact fit scenarios/fit/petition.yaml --out results/petition-fit

Flags:

	--charts string
	    chart formats: svg, png, pdf (default: the scenario's outputs.formats)
	--checkpoint duration
	    longest time between checkpoints of a generation's sweep (default 2s)
	--force
	    replace an existing fit folder (and --profile files)
	--max-memory string
	    refuse to start above this much memory, e.g. 8G (default: what the machine has available)
	--out string
	    fit folder (default results/<scenario name>-fit)
	--prepare
	    run no sweep: write the next generation's sweep scenario into the fit folder, for connact sweep on a cluster
	--profile PREFIX
	    write a CPU profile of the whole command to PREFIX.cpu.pprof and a heap profile at its end to PREFIX.mem.pprof (for go tool pprof)
	--resume
	    continue an interrupted fit folder (or start it)
	--seed string
	    scenario seed (default: the scenario's)
	--set value
	    override a scenario field: path=value, e.g. frames.0.width=0.8 (repeatable)
	--workers int
	    runs in parallel (default the number of CPUs)

# plot

	connact plot DIR [--compare DIR]... [--metric M] [--x P] [--y P] [--lines P]
	    [--facet P] [--zmin Z] [--zmax Z]
	    [--network [--steps STEPS] [--colour state|group] [--condition NAME] [--replicate N] [--degree] [--files DIR]]
	    [--charts svg,png,pdf] [--out FILE] [--force]

Redraws a run folder's charts from its aggregate.csv, or overlays one metric
of several run folders on one chart. An existing --out chart is replaced only
with --force, and only if it is a chart. On a sweep folder, --metric (a
metric of runs.csv), --x, --y, --lines and --facet choose what its charts
show, and --zmin, --zmax fix the heatmaps' shared colour scale; a name the
sweep does not have is an error listing those it has. Examples, on the
folders the examples above write:

	connact plot results/collective --compare results/connective-wide --metric cumulative
	connact plot results/gsd --metric final_share --x population_size --facet population_group_count

Flags:

	--charts string
	    chart formats, comma-separated: svg, png, pdf (default "svg,png")
	--colour string
	    with --network: colour nodes by state or group (default "state")
	--compare value
	    another run folder to overlay (repeatable)
	--condition string
	    with --network: the condition of the run drawn (default the first)
	--degree
	    with --network: draw the share ever active by degree and core number instead, at any size
	--facet string
	    sweep folders: draw the metric chart as one panel per value of this parameter
	--files string
	    with --network, for a file network: the original scenario's folder, which network.file is relative to
	--force
	    replace existing --compare or --out chart files (only charts)
	--format string
	    old name of --charts, still accepted (default "svg,png")
	--lines string
	    sweep folders: parameter drawn as one line per value
	--metric string
	    run folders, with --compare: active, cumulative, members, aware (default active); sweep folders: a metric of runs.csv (default peak_share)
	--network
	    run folders: draw the network of one run at --steps (re-run from scenario.yaml)
	--out string
	    chart file (without or with extension) for --compare
	--replicate int
	    with --network: the replicate drawn
	--steps string
	    with --network: the steps drawn, e.g. 0,10,final (default 0, the middle and the last)
	--x string
	    sweep folders: parameter on the x axis
	--y string
	    sweep folders: the heatmap's second parameter
	--zmax string
	    sweep folders: highest value of the heatmaps' colour scale (default: the highest value)
	--zmin string
	    sweep folders: lowest value of the heatmaps' colour scale (default: the lowest value)

# serve

	connact serve [--addr 127.0.0.1:8080] [--scenarios DIR]

Starts the explorer, a local web page for the scenarios under DIR
(./scenarios by default): change a scenario's key parameters (the --set
paths, with the same checks and messages), run it, watch the share active
stream in step by step and, up to 2,000 agents, the cascade on the
network; earlier runs stay on the chart, faded, with their differences.
Each run's CSV files, resolved scenario.yaml (connact run on it reproduces
the run) and charts can be downloaded. It listens on loopback only unless
--addr says otherwise (with a warning), caps a request at 20,000 agents,
200 runs and 5,000 steps with 2 at once, stops a run when its page closes,
reads nothing outside DIR and writes nothing into it. Ctrl-C stops it.
Example:

	connact serve --scenarios scenarios --addr 127.0.0.1:8080

Flags:

	--addr string
	    address to listen on, host:port (a non-loopback host is reachable from other machines) (default "127.0.0.1:8080")
	--scenarios string
	    folder of scenario files to explore (read only) (default "scenarios")

# validate

	connact validate FILE [--set path=value]... [--no-estimate]

Checks the scenario with the same rules as run and prints it with every
default explicit (a sweep's replicates, parameter names and metric too),
then the number of runs, the scenario hash and the memory estimate; for a
sweep, an estimate of its time and disk use from one or two timed runs,
which --no-estimate skips. Example:

	connact validate scenarios/comparison.yaml --set population.size=2000

Flags:

	--no-estimate
	    for a sweep, do not time a run to estimate the sweep's cost
	--set value
	    override a scenario field: path=value, e.g. frames.0.width=0.8 (repeatable)

# version

	connact version

Prints connact's version, the Go version and the VCS revision, one a line
(also connact --version). go build and go install in a git checkout stamp
the revision into the binary; go run and go test do not, so meta.json (which
records the same) names a commit only for a built binary.

# help

	connact help [command]

Prints the usage of connact, or of one command: its synopsis, what it does
and its flags, as listed here. connact -h and --help, and every command's
-h or --help, print the same on stdout and exit 0.

# Outputs

Every run, sweep and merged folder holds datapackage.json, a Frictionless
Data Package (https://specs.frictionlessdata.io/) describing each CSV file's
columns in order: Table Schema type, description and unit (steps for
peak_step and half_life, not the scenario's time unit), NA as the missing
value. It is written from the definitions that write the headers and is
byte-identical for the same scenario. Run and merge folders are made 0755
(less the umask), like sweep folders.

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
