// Package runner runs the studies that scenarios describe: every run of a
// scenario's plan, on as many workers as asked, with the results handed to
// their writer in run order; the estimate of the memory a study needs,
// checked before anything is allocated; and the statistics that describe
// a quantity across replicates. The model itself, one run, is package sim;
// the writers of run and sweep folders are sim/output and sim/sweep.
//
// # Studies
//
// A Study is a loaded scenario (sim/scenario) ready to run. NewStudy
// prepares the scenario as written, conditions × replicates, ignoring any
// sweep section (connact run); NewSweepStudy prepares its sweep, points ×
// conditions × replicates (connact sweep). An edge-list network is read
// once and shared, read-only, by every run; OpenStudy prepares a study
// without reading it yet, so that the memory guard below can refuse a
// study before a large file is read, and ReadNetwork then reads it.
//
// Study.Model builds one run at step 0 (sim.NewRun), Study.Run and
// RunContext run it to its last step, and Study.RunAll runs them all. Each
// finished run is a Result: the run's observations, its metrics
// (sim.ComputeMetrics) and its network's statistics, computed beside the
// run on a core of their own when one is free, since the run never
// changes its graph.
//
// # Run numbers
//
// The runs of a study are numbered 0 to Runs()−1 point-major, then by
// condition, then by replicate: with C conditions and R replicates, run
// i = (p·C + c)·R + r is replicate r of condition c at sweep point p (a
// plain run has the one point 0), and Locate splits i back into (p, c, r).
// A run depends on its number and the scenario only, never on which
// worker, process or machine runs it or when; this is what lets a sweep be
// cut into shards, interrupted and resumed (sim/sweep), and still write
// the bytes that one uninterrupted process would.
//
// # Seeds
//
// Run i's dynamics draw from the run seed sim.RunSeed(s, p·C + c, r),
// where s is the scenario's seed; it is written on every output row
// (Result.Seed), so that any run can be repeated alone. Its population, its
// network and the network's statistics draw from the replicate's
// sim.PairedSeed(s, r), which depends on the replicate only: every
// condition and every sweep point of replicate r meets the same people on
// the same ties (as far as the condition leaves the population and
// network unchanged), and only the condition's settings and the dynamics
// differ. These are common random numbers (Law 2015, Simulation Modeling
// and Analysis, §11.2): the outcomes of two arms on the same draws are
// positively correlated, so the variance of their difference,
// Var X + Var Y − 2 Cov(X, Y), is smaller than with independent draws, and
// a comparison of conditions needs fewer replicates. Each stream of a run
// is a separate generator (sim.NewRand with sim.StreamPopulation,
// StreamNetwork, StreamAudience for the audience layer, StreamDynamics,
// StreamStats).
//
// With the scenario's common_random_numbers: true (off by default), the
// dynamics share the draws too: every condition of replicate r at point p
// runs on the run seed sim.RunSeed(s, p, r) (Study.RunSeed). Each stream
// is one sequential PCG generator, so two arms on the same seed take the
// same numbers in the same order for as long as they make the same draws,
// that is until the first step at which their settings lead them to draw
// differently: two arms that differ only from an event at step 30 give
// identical rows up to step 29, and diverge from there. Arms that differ
// from step 0 (other mechanisms enabled, another share or cost) consume
// the draws differently at once and are not identical at any step; their
// outcomes are still positively correlated when the shared draws play the
// same roles. With two conditions or more, the run folder then has
// contrasts.csv: each condition's paired differences from the first
// (PairedDiff).
//
// # Workers and run order
//
// RunAll runs a study on up to the given number of workers (never more
// than there are runs; connact's --workers takes at most MaxWorkers) and
// hands the results to emit strictly in run order, through
// OrderedParallel: a run that
// finishes early waits for those before it, and at most 2·workers results
// are computed or waiting at any time, so memory stays flat however many
// runs there are. What is written is therefore the same, byte for byte,
// whatever the number of workers and however the runs are scheduled. When
// there are fewer runs than workers, the spare workers go to each run's
// own phases that can use them (sim.Model.SetThreads), which does not
// change the run either. The first error stops the dispatch of new runs;
// a cancelled context returns at once, and the runs in progress stop
// between two steps or two phases of building the run; a panic in a run
// is returned as a *PanicError with its stack.
//
// RunAllAttached also hands each run's model, on its worker and before
// its first step, to an Attach, which may observe it (sim.Model.Observe)
// and write what it sees to a place of the run's own; the writer takes
// that up when the run's Result is emitted, in run order. This is how
// agent snapshots are written in the same pass (sim/output).
//
// # The memory guard
//
// A scenario can ask for more memory than the machine has (10^8 agents, a
// complete graph of 10^6). Before anything is allocated, Study.MemoryNeed
// estimates the study's peak: one run per worker (EstimateMemory, counted
// from the bytes per agent and per edge of the model's data structures
// and its observations) at the larger of the plan's first and last
// points, where sizes are extreme; the finished runs' observations waiting
// to be written in run order; what the writer keeps across runs, which
// depends on where the results go (Aggregation: every replicate's series
// for a run folder's quantiles, running means for a sweep); and a file
// network once, estimated from the file's size while it is not yet read.
// connact run and sweep refuse a study whose total is above the memory
// available (AvailableMemory) or --max-memory (ParseBytes), with a message
// and exit status 2 rather than the kernel's out-of-memory killer; with a
// network file they check twice, before reading it (from its size) and
// after (from its counts). connact validate prints the estimate
// (FormatBytes).
//
// # Statistics across replicates
//
// Summarise describes one quantity across replicates: its mean, its
// sample standard deviation, Student's t 95% confidence interval of the
// mean (CI95: mean ± t_{0.975, n−1}·sd/√n, honest for the handful of
// replicates a simulation runs, where a normal interval is too narrow),
// and quantiles by Hyndman & Fan's (1996) definition 7, the default of R,
// numpy and pandas. Values that are NaN (a metric that does not exist for
// a run) are left out. A 0/1 outcome per run, the cascade metric, has a
// proportion of runs as its mean: SummariseBinary gives it the Wilson
// (1927) score interval (WilsonCI95), which stays inside [0, 1] and keeps
// close to 95% coverage for few runs and proportions near 0 or 1 (Brown,
// Cai & DasGupta 2001), where Student's t gives impossible bounds (9
// cascades in 10 runs: [0.67, 1.13]) and a zero-width interval when every
// run agrees. The t interval of any other quantity is not clipped to
// [0, 1]: a bound outside it says that the replicates are too few or too
// skewed for a symmetric interval. sim/sweep's one-pass accumulators use
// the same two intervals.
//
// # References
//
// Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for a
// binomial proportion. Statistical Science 16(2), 101–133.
//
// Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical
// packages. The American Statistician 50(4), 361–365.
//
// Law, A. M. (2015). Simulation Modeling and Analysis, 5th ed. McGraw-Hill.
//
// Wilson, E. B. (1927). Probable inference, the law of succession, and
// statistical inference. Journal of the American Statistical Association
// 22(158), 209–212.
package runner
