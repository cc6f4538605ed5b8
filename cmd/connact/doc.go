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
	plot      redraw charts from a run folder, or overlay several
	validate  check a scenario and print it fully resolved
	help      show help for a command

Flags may come before or after the scenario file.

# run

	connact run FILE [--out DIR] [--replicates N] [--seed S] [--workers N]
	    [--set path=value]... [--format svg,png,pdf] [--force]

Runs every condition and replicate of the scenario, in parallel, and writes
a run folder, results/<scenario name> by default (see package
github.com/connact/connact/sim/output for its files). It prints the mean and
95% confidence interval, across replicates, of the peak share, the step of
the peak, the final share, the cumulative share and the sustainability, for
each condition. Examples:

	connact run scenarios/comparison.yaml
	connact run scenarios/connective.yaml --replicates 40 --set frames[0].width=0.5 --out results/wide
	connact run scenarios/collective.yaml --seed 7 --workers 1 --format svg,pdf

# plot

	connact plot DIR [--compare DIR]... [--metric active|cumulative|members|aware]
	    [--format svg,png,pdf] [--out FILE]

Redraws a run folder's charts from its aggregate.csv, or overlays one metric
of several run folders on one chart. Example:

	connact plot results/collective --compare results/connective --metric cumulative

# validate

	connact validate FILE [--set path=value]...

Checks the scenario with the same rules as run and prints it with every
default explicit, then the number of runs and the scenario hash. Example:

	connact validate scenarios/comparison.yaml --set population.size=2000

# Exit status

0 on success; 2 for a mistake in what was given (command line, scenario,
network file, an existing output folder without --force), with the scenario
errors as FILE:LINE:COL: field.path: message; 130 when interrupted (Ctrl-C or
SIGTERM: nothing is written); 1 for any other failure.
*/
package main
