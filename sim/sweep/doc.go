// Package sweep runs a scenario's sweep (every point of its design, for
// every condition and replicate) into a sweep folder, resumes it after an
// interruption, runs it in shards and merges them, converts its tables to
// Parquet, draws its charts and writes job scripts for clusters.
//
// # A sweep folder
//
// Run streams results to disk in run order, whatever the number of
// workers, so that memory does not grow with the number of runs and the
// files are byte-identical for the same scenario:
//
//	runs.csv              one row per (point, condition, replicate): the parameters' values,
//	                      the seed and every per-run metric
//	points.csv            one row per (point, condition, metric): n, mean, sd, 95% CI
//	point_timeseries.csv  one row per (point, condition, step, variable): the shares active,
//	                      ever active, aware and in organisations, with n, mean, sd, 95% CI
//	runs_timeseries.csv   with Options.RunTimeseries: one row per (point, condition,
//	                      replicate, step), the counts and shares of every run
//	scenario.yaml         the resolved scenario
//	manifest.json         what the folder holds; once complete, every data file's size,
//	                      rows and SHA-256 (FileSum), which Merge verifies
//	progress.json         the checkpoint, while the sweep is not complete
//	meta.json             build, times and workers (the one file that differs between runs)
//	datapackage.json      every CSV file's columns, with type, description and unit
//	sweep_*, heatmap_*, participation.*  the charts of a whole sweep (DrawSweep)
//
// # One declaration, one writer
//
// The columns are those of a run folder (sim/output) of the same names:
// every metric and series is declared once in sim/observable (name, unit,
// description, how it is computed), from which runs.csv, points.csv,
// point_timeseries.csv and runs_timeseries.csv take their columns and
// values and datapackage.json its fields. Every CSV file is written
// through output.Table, the one CSV writer of run and sweep folders: the
// same row and number formatting (output.FormatNumber), the same summary
// rows, and the file's size at every row boundary for the checkpoint.
//
// The two folders keep two layouts because they summarise replicates in
// two ways. A run folder keeps every replicate's values of a condition
// until its last replicate is in, for the quantiles of aggregate.csv and
// the two-pass summaries of runner.Summarise. A sweep keeps no values: the
// point and condition in progress have running means (runner.Welford,
// whose state a checkpoint stores bit for bit), so that a sweep of 10^6
// runs holds one point's accumulators at a time and resumes exactly. The
// writer type has the run folder's stages (emit: accumulate, writeRun,
// writeRunSeries, then summarise after a condition's last replicate) and
// adds create, resume, checkpoint and finish.
//
// # Checkpoints, resume, shards and merge
//
// Every few seconds (Options.CheckpointEvery) the files are synced and
// progress.json records the runs done, every file's size and the running
// means, written beside and renamed into place. Run with Resume cuts the
// files back to the checkpoint and carries on: anything written after it
// is written again, byte for byte, since runs are deterministic. A shard
// (Shard, ParseShard) runs the points p with p mod N == I, whole points,
// so that each computes its points' summaries as one machine would; Merge
// interleaves the shards' rows, verified against their manifests, into the
// folder a single machine would write. EmitSlurm and EmitK8s write the job
// scripts of a sharded sweep; WriteParquet converts a complete folder's
// tables.
package sweep
