// Package output writes and reads connact's run folders, and draws their
// charts.
//
// # A network export
//
// WriteNetworkRun runs one model to its end, watching it (sim.Model.Observe),
// and writes its network with the agents' state at the last step as GraphML,
// GEXF 1.3 (with a dynamic attribute for Gephi's timeline) or CSV tables
// (NetworkPaths, NodeColumns): connact run --network-out. It is written like
// a chart, into a temporary folder and renamed into place, replacing an
// existing file only with force and only if connact wrote it
// (CheckNetworkOut, IsNetworkExport).
//
// # A run folder
//
// WriteRun runs a study and writes, into a hidden temporary folder beside
// the target that is renamed into place only when everything is written (an
// interrupted or failed run leaves nothing behind; an existing folder is
// replaced only with Force, only if connact wrote it (CheckDir), and then
// only once the new one is complete):
//
//	timeseries.csv         one row per (condition, replicate, step): seed, counts, shares,
//	                       per-mechanism and per-organisation columns
//	groups.csv             one row per (condition, replicate, step, group)
//	summary.csv            one row per (condition, replicate): the per-run metrics and the
//	                       network's statistics
//	aggregate.csv          one row per (condition, step, variable) across replicates: n, mean,
//	                       sd, 95% CI, quantiles (tidy long form)
//	summary_aggregate.csv  one row per (condition, metric) across replicates, same columns
//	contrasts.csv          with common_random_numbers and two conditions or more: one row per
//	                       (condition after the first, metric): paired difference from the
//	                       first condition, its paired t and Welch's unpaired 95% CI
//	scenario.yaml          the resolved scenario, every default explicit
//	meta.json              versions, VCS revision (stamped by go build and go install in a
//	                       git checkout; go run and go test stamp none), scenario hash,
//	                       seeds, times, network
//	datapackage.json       Frictionless Data Package: every CSV file's columns, in order,
//	                       with type, description and unit (Field, from the same
//	                       declarations as the headers; no times: byte-identical)
//	agents.csv             with RunOptions.Agents: one row per (condition, replicate, step,
//	                       agent) at those steps, taken in the same pass as the runs
//	                       (agentWriter: a spool per run, appended in run order);
//	                       agents.parquet instead with RunOptions.AgentsFormat parquet
//	participation.*        share active over time, mean and 95% CI band (svg, png, pdf)
//	cumulative.*           share who ever participated
//	members.*              share in an organisation (when organisations had members)
//
// # One declaration, one writer
//
// Every column after the identifiers is declared once, in sim/observable,
// with its unit, description and how it is computed: timeseries.csv's
// series (observable.SeriesOf), groups.csv's (observable.GroupSeries) and
// summary.csv's metrics (observable.MetricsOf); aggregate.csv summarises
// timeseries.csv's columns, and summary_aggregate.csv summary.csv's. The
// headers, the values and datapackage.json's fields (SeriesFields,
// MetricFields) come from these declarations, and so do the metrics'
// chart labels (ChartInfo.MetricLabel) and a sweep's columns of the same
// names. Every CSV file of run and sweep folders is written through Table,
// which formats numbers with FormatNumber.
//
// WriteRun's writer works in stages: the first result fixes the columns
// (its mechanisms and organisations) and creates the files; each run, in
// run order, adds its rows of timeseries.csv, groups.csv and summary.csv;
// after a condition's last replicate its rows of aggregate.csv and
// summary_aggregate.csv follow; datapackage.json comes last. A sweep
// (sim/sweep) has the same stages but another layout, for a reason: a run
// folder keeps every replicate's values of the condition in progress, for
// the quantiles and two-pass summaries of runner.Summarise, whereas a
// sweep, which may have millions of runs and must resume from a
// checkpoint, keeps only running means (runner.Welford) and writes no
// quantiles.
//
// # Conventions
//
// The CSV files are tidy (Wickham 2014, J. Stat. Softw. 59(10)): one
// observation per row, one variable per column, identifiers first, a header
// row, RFC 4180 quoting, "." as decimal point, numbers in the shortest form
// that reads back to the same float64, and NA for a value that does not exist
// (pandas, R and polars read NA as missing without options). Seeds are below
// 2^53 so that R and JavaScript read them exactly. Rows are written in run
// order (condition, replicate, step), whatever the number of workers, so the
// CSV files and scenario.yaml are byte-identical for the same scenario and
// seed; meta.json, which records times, is the only file that differs.
//
// Shares are of the agents not removed at that step; cumulative_share is of
// the initial population (removed participants still count as having taken
// part). Counts of steps (step, peak_step, half_life) are in steps, not in
// the scenario's time unit. The 95% confidence interval is Student's t
// interval of the mean across replicates, and Wilson's score interval for a
// binary metric such as cascade, whose mean is a share of runs (see sim's
// "Intervals across replicates"); quantiles follow Hyndman & Fan's
// definition 7, as R, numpy and pandas do by default (see runner.Summarise).
//
// # Charts
//
// DrawRun draws a folder's charts from its aggregate.csv (the same path serves
// `connact run` and `connact plot`, so a redrawn chart is identical to the
// first). One line per condition when there are several; otherwise, for
// participation, one line per mechanism that had participants. DrawCompare
// overlays one metric of several folders. Titles say what is shown
// ("Share of the population active over time"), the scenario's events are
// marked on the time axis ("repression", "hub removal"; "intervention"
// when conditions change the event's type), and a line's colour follows
// its name (plot.Colours) across a folder's charts and a comparison.
// ChartInfo gives the charts of run and sweep folders their words: labels
// of swept fields ("Selective incentive (union)", a sweep parameter's own
// label first) and of metrics with their units ("Time of peak (days)").
//
// # Replacing outputs
//
// replace.go is the one place that decides what connact may write over:
// CheckDir and CheckFile refuse (RefusedError) the root, home and working
// folders, links, devices and anything connact did not write; TempDir
// writes beside the target under a flock and Install moves an old folder
// aside and removes it only after the new one is in place; RemoveLeftovers
// removes what killed processes left. Run, sweep, merge, plot and the
// profiles all use it.
package output
