// Package analyse runs a global sensitivity analysis on a finished sweep
// folder: which swept parameters drive each per-run metric, and by how
// much, under each condition. It reads the folder (ReadSweep), rebuilds
// the design from its scenario.yaml, averages each point's replicates,
// computes the statistics with package sensitivity (Sweep.Indices) and
// writes them with their charts to a new folder (Analyse), by default
// DIR/sensitivity:
//
//   - sensitivity.csv, tidy: one row per metric, condition, method,
//     parameter and statistic, with the estimate, its confidence interval
//     (ci_lo, ci_hi), n and a note saying why a value is NA;
//   - datapackage.json, describing it as the sweep's tables are;
//   - meta.json: the connact build, the folder analysed, its scenario
//     hash and seed, the options (no time: the folder is byte-identical
//     for the same input);
//   - indices_<metric>[_<condition>].svg (and .png, .pdf): the indices as
//     dots with whiskers over their intervals, parameters sorted by the
//     index; morris_<metric>[_<condition>] for a morris design: the
//     parameters in the plane of μ* and σ.
//
// It is a package of its own, not part of sensitivity, because it reads
// and writes folders, scenarios and charts: sensitivity stays a library
// of pure functions on numbers, with no dependency on the rest of connact.
//
// # The metric analysed
//
// Each point of the design runs every condition with R replicates; the
// statistics are computed, per condition, on the mean of the metric over
// the replicates of each point that have a value. A point whose replicates
// are all NA (half_life when participation never halves) is left out:
// for a sobol design with its base row (the k+2 points of a row go
// together), for a morris design with its trajectory, for the rank
// statistics alone. n says how many remained, and the note how many were
// left out. A metric with the same mean at every point (nodes when the
// population size is not swept, a member count without organisations)
// has nothing to apportion: its indices are NA, with a note.
//
// # Sobol' indices (method sobol: S1, ST, ST_noise)
//
// For a sobol design (sweep.sample.method sobol, N base points, run as
// the N·(k+2) points of the blocks A, B and A_B^1..A_B^k), the
// first-order index S1_i, the share of the variance of the metric that
// parameter i explains alone, is estimated as in Saltelli et al. (2010,
// "Variance based sensitivity analysis of model output. Design and
// estimator for the total sensitivity index", Comput. Phys. Commun.
// 181:259-270, Table 2 (b)), and the total index ST_i, its share with all
// its interactions, with the estimator of Jansen (1999, "Analysis of
// variance designs for model output", Comput. Phys. Commun. 117:35-43). An
// ST near 0 means the parameter can be fixed anywhere in its range; ST −
// S1 measures its interactions. Estimates can fall a little outside [0,
// 1] from sampling error, and far outside it when a few runs carry all the
// variance (a metric that is 0 almost everywhere): replicate_noise_means
// then shows that the variance is noise.
//
// The intervals are bootstrap percentile intervals over the base rows
// (1000 resamples by default, at 95%). They treat the rows as independent,
// which is conservative for a Sobol' sequence; what they show is whether N
// was large enough. S1 needs more base points than ST; N of a few hundred
// to a few thousand is common (on the Ishigami function, package
// sensitivity reaches 0.003 of the analytic indices at N = 2^13), while
// with N = 16 the interval of a strong parameter is half of [0, 1] wide.
//
// # Morris screening (method morris: mu_star, mu, sigma, mu_star_noise)
//
// For a morris design (R trajectories of k+1 points on a p-level grid),
// the elementary effect of parameter i on a trajectory is the change of
// the metric when i moves by Δ = p/(2(p−1)) of its range, divided by Δ
// (Morris 1991, "Factorial sampling plans for preliminary computational
// experiments", Technometrics 33:161-174): it is in the metric's unit per
// whole range of the parameter (from..to, on a log scale where the
// parameter has one). μ*, the mean absolute effect (Campolongo, Cariboni
// & Saltelli 2007, "An effective screening design for sensitivity
// analysis of large models", Environ. Model. Softw. 22:1509-1518), ranks
// the parameters as ST does; μ, the mean effect, gives the direction when
// it is close to ±μ*; σ, the standard deviation of the effects, flags
// non-linear effects and interactions. μ* has a bootstrap interval over
// trajectories, whose width says whether R was enough (10 to 20 is a
// common choice for screening).
//
// # Rank correlation (method rank: prcc, srrc, srrc_r2)
//
// For every design (grid, random, lhs, sobol, morris), the partial rank
// correlation coefficient of each parameter with the metric over the
// points (Marino, Hogue, Ray & Kirschner 2008, "A methodology for
// performing global uncertainty and sensitivity analysis in systems
// biology", J. Theor. Biol. 254:178-196) gives a cheap screen: its sign
// is the direction of a monotone effect, its size the strength once the
// other parameters are accounted for. Its interval is Fisher's z interval,
// tanh(atanh r ± z_{(1+level)/2}/√(n − 3 − (k − 1))), which assumes
// independent points: right for random and lhs designs, approximate for
// the others, whose points share coordinates. The standardised rank
// regression coefficients and their r² are a second screen; they mean
// little when r² is low (below about 0.7; Saltelli et al. 2004,
// "Sensitivity analysis in practice", ch. 1). Parameters whose values are
// not numbers, that are constant, or that move in step with another (a
// zip group) are left out, with a note. PRCC is NA for a parameter when
// the others explain the metric's ranks exactly (for nodes, when only the
// population size matters).
//
// # Replicate noise
//
// The runs of one point differ only in their random numbers, so the
// spread between them is noise, and some of it stays in every point
// mean. Replicate r of every point meets the same population on the same
// network (sim.PairedSeed, common random numbers): that shared part of
// the noise cancels between points, the rest does not. Four statistics
// say how much of an index may be noise:
//
//   - replicate_noise (method replicates) is the share of the variance of
//     the runs that lies between the replicates of a point: W / (W + B),
//     with W the pooled variance between replicates and B = Var(ȳ_p) −
//     W·mean(1/n_p), truncated at 0, the variance of the points' true
//     values (the one-way random-effects estimators; Searle, Casella &
//     McCulloch 1992, Variance Components, ch. 3). It is 0 for a
//     deterministic metric and 1 for one the parameters do not touch.
//   - replicate_noise_means (method replicates) is the share of the
//     variance of the point means that the noise makes: the residual
//     variance of the points × replicates layout over R (the noise of a
//     mean that does not cancel between points), over the variance of
//     the means, on the points with a value in every replicate. Near 1,
//     no index of the metric is more than noise.
//   - ST_noise (method sobol), per parameter, is the part of Jansen's ST
//     that the noise makes: (1/2N) Σ_j v_j / V, v_j the noise variance
//     of the difference between the means of A_j and A_B^i_j, estimated
//     from the variance over replicates of their paired runs. It is the
//     ST the parameter would show without any effect; an ST near it is
//     noise (the charts mark the largest).
//   - mu_star_noise (method morris), per parameter, is the μ* the noise
//     alone would give it: the mean over its steps of √(2/π)·√v_t / Δ,
//     the mean absolute value of a normal noise of variance v_t, the
//     noise of the step's difference estimated from its paired runs.
//
// More replicates lower them all: the noise in a mean falls as 1/R.
package analyse
