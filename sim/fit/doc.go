// Package fit calibrates a scenario's parameters to observed data by
// approximate Bayesian computation with sequential Monte Carlo (ABC-SMC):
// connact fit. The scenario's fit section (scenario.Fit) names the
// parameters and their priors, the data, how the model's output is
// observed and the settings below; Run writes a fit folder.
//
//	fit:
//	  parameters:
//	    - {path: frames.0.share, prior: {dist: uniform, min: 0.02, max: 0.5}}
//	    - {path: frames.0.half_life, prior: {dist: loguniform, min: 1, max: 20}}
//	  data: petition-signatures.csv      # day,signatures
//	  observe: {series: cumulative_share, scale: 1000, time: day, value: signatures}
//	  particles: 100                     # N
//	  alpha: 0.5                         # keep ⌊αN⌋ each generation
//	  min_acceptance: 0.05               # stop below this acceptance rate
//	  max_generations: 8
//	  predictive: 50                     # posterior predictive runs
//
// # The algorithm
//
// ABC replaces the likelihood, which an agent-based model does not have in
// closed form, by simulation: parameters θ are kept when data simulated at
// θ fall within a tolerance ε of the observed data y, d(x(θ), y) ≤ ε, and
// the kept θ sample the ABC posterior π(θ | d ≤ ε), which tends to the
// posterior as ε → 0 when the distance compares the data themselves or
// sufficient statistics of them (Beaumont, Zhang & Balding 2002, Genetics
// 162(4):2025-2035). Sequential Monte Carlo lowers ε over generations, each
// proposing from the last, so that few simulations are wasted.
//
// Package fit runs the adaptive population Monte Carlo of Lenormand, Jabot
// & Deffuant (2013, "Adaptive approximate Bayesian computation for complex
// models", Computational Statistics 28:2777-2796), whose weights and kernel
// are those of Beaumont, Cornuet, Marin & Robert (2009, "Adaptive
// approximate Bayesian computation", Biometrika 96(4):983-990):
//
//  1. Generation 0 draws N parameter vectors from the prior and simulates
//     each once; the ⌊αN⌋ closest to the data are kept, with weight 1,
//     and the tolerance ε_0 is the distance of the last kept (the
//     α-quantile of the distances).
//  2. Generation t draws N − ⌊αN⌋ new vectors: a kept particle j chosen
//     with probability w_j/Σw, moved by a normal kernel of covariance
//     Σ = 2·Cov_w (twice the weighted covariance of the kept particles,
//     Beaumont et al. 2009; Filippi, Barnes, Cornebise & Stumpf 2013,
//     Stat. Appl. Genet. Mol. Biol. 12(1):87-107, discuss this choice and
//     local alternatives), drawn again until it lies in the
//     prior's support. Each new particle gets the importance weight
//     w = π(θ) / Σ_j (w_j/Σw) φ_Σ(θ − θ_j).
//  3. The ⌊αN⌋ closest of the kept and the new are kept; ε_t is the
//     distance of the last of them, so the tolerance falls (or stays) by
//     construction. p_acc, the share of the new particles kept, is the
//     generation's acceptance rate.
//  4. The fit stops when p_acc ≤ min_acceptance (Lenormand et al.'s
//     stopping rule: the population no longer improves) or after
//     max_generations.
//
// Why this variant rather than Beaumont et al.'s with a fixed schedule of
// tolerances or Del Moral, Doucet & Jasra's (2012) resampling: every
// generation simulates a fixed number of proposals, known before it runs,
// which is exactly what a sweep is: a design of points run in parallel,
// checkpointed, resumable and shardable. A scheme that simulates until N
// proposals are accepted has no design to write down in advance. The
// tolerance needs no schedule either: it is the α-quantile of the
// distances, and the posterior sample is the ⌊αN⌋ particles kept.
//
// The kernel works on a transformed scale: ln θ for a loguniform prior (so
// that it moves proportionally across orders of magnitude), θ itself
// otherwise; the prior densities in the weights are taken on the same
// scale. Weights stay on the scale π/q of each particle's own generation
// (1 for the prior's draws), so that kept and new particles compare.
//
// # Priors, observations and distances
//
// A prior is uniform or loguniform on [min, max], normal(mean, sd)
// truncated to [min, max], or beta(a, b) stretched onto [min, max]
// (default [0, 1]); the scenario refuses at load a support the field does
// not accept (a share above 1, a negative half-life), and fields that hold
// whole numbers. Draws from the prior invert its distribution function,
// one uniform number each, so that the proposals depend only on the seed.
//
// A time series is read from the data file's time and value columns. The
// observation model maps data time t to the model step offset +
// t·steps_per_unit and multiplies the model's share by scale (the
// population the data count: 1000 to compare with counts of 1000 people).
// The series is cumulative_share (people who ever took part: signatures),
// active_share, aware_share, members_share, or new_participants, the rise
// of cumulative_share over the data's time unit (new signatures per day).
// Its distance is the root mean square error over the data's times, in the
// data's units.
//
// Summary statistics name per-run metrics of runs.csv (peak_share,
// cumulative_share, peak_step, ...) in observe.statistics, with their
// observed values in a file of statistic,value rows. Their distance is
// Euclidean after each is divided by its scale, the median absolute
// deviation of its values over generation 0's simulations from the prior
// (Prangle 2017, "Adapting the ABC distance function", Bayesian Analysis
// 12(1):289-309), so that a statistic measured in steps does not swamp one
// measured in shares; the mean absolute deviation stands in when the MAD
// is 0, and 1 when that is 0 too. A missing value (NA) is an infinite
// distance.
//
// Shares of runs observe a distribution over campaigns rather than one
// campaign: published targets such as "over 99% of UK petitions never
// reach 10,000 signatures and 0.1% reach 100,000" (Yasseri, Hale &
// Margetts 2017, EPJ Data Science 6:20) are fractions of petitions.
// observe.replicates (R ≥ 2) runs each proposal R times (the sweep's
// replicates, each with its own seed) and observe.shares lists the
// targets, each the fraction of runs whose per-run metric reaches a
// threshold; the scenario holds the targets, and there is no data file:
//
//	observe:
//	  replicates: 100
//	  shares:
//	    - {metric: cumulative_share, at_least: 0.01, value: 0.01}   # 1% of campaigns reach 1% of the public
//	    - {metric: cumulative_share, at_least: 0.1, value: 0.001}
//
// Their distance (arcsine, the only one) compares the simulated fractions
// p̂ with the observed p on the variance-stabilising arcsine scale,
// d = √(R·Σ_k (2·asin√p̂_k − 2·asin√p_k)²): a binomial fraction of R runs
// has variance ≈ 1/R on that scale whatever p (Bartlett 1947, Biometrics
// 3:39-52), so each term counts Monte Carlo standard errors and shares of
// 1% and of 50% weigh alike, with no pilot run to estimate scales. The
// arcsine is finite at 0 and 1, so a share of 0 or 1 among R runs needs no
// continuity correction (the logit would); but 0 of R runs cannot tell a
// true share of 0.001 from 0 unless R is in the thousands (the rule of
// three: 0 of R is consistent with any share below about 3/R). A run
// whose metric is NA is left out of its fraction. Memory stays flat: runs
// are counted as runs.csv streams, two counts per proposal and share. A
// fit by shares costs R runs a proposal; the predictive check simulates
// each of its draws R times too and reports the fractions' quantiles.
//
// # The fit folder
//
//	fit.json               what the folder holds: scenario hash, data file and its SHA-256, complete
//	scenario.yaml          the resolved scenario, fit section included
//	generation-0/ ...      one sweep folder per generation (package sweep): runs.csv, point_timeseries.csv, ...
//	predictive/            the sweep of the posterior predictive runs
//	posterior.csv          the posterior sample: particle, one column per parameter, weight, distance, generation
//	posterior_summary.csv  per parameter: weighted mean, sd, 5%, 50%, 95% quantiles, truth, prior support
//	generations.csv        per generation: proposals, accepted, acceptance_rate, tolerance, ess, runs
//	predictive.csv         per step (or statistic, or share of runs): observed, and the 5%, 50% and 95% quantiles of the predictive runs
//	datapackage.json       the tables' columns
//	posterior_marginal_<parameter>.svg      the weighted histogram of a parameter, with the prior's density and the truth
//	posterior_pair_<a>_vs_<b>.svg           each pair of parameters: the particles, disc area by weight, the truth marked
//	posterior_predictive.svg                the predictive band with the data over it (and .png, .pdf of each)
//
// The posterior's weights are normalised to sum to 1; its effective sample
// size, (Σw)²/Σw² (Kong, Liu & Wong 1994), is in generations.csv. The
// credible intervals of posterior_summary.csv are the weighted 5% and 95%
// quantiles. The posterior predictive check resamples fit.predictive
// particles by weight (systematic resampling) and simulates each once with
// fresh seeds: the band the model predicts, over which the chart draws the
// data.
//
// # Seeds, resume and cost
//
// Every draw derives from the scenario seed: generation g's proposals from
// Derive(seed, "fit", g), its sweep's seed from Derive(seed, "gen", g).
// Each generation's sweep gives every proposal its own population and
// network (sweep.populations: per_point): the simulations of ABC must be
// independent, and a network shared by all proposals would make the
// posterior one of that network. Results are byte-identical whatever the
// number of workers. A fit stopped at any moment (Ctrl-C, kill -9) resumes
// with Options.Resume: the generations done are read back from their
// folders, the proposals of the next are drawn again (the same bytes), and
// its sweep resumes from its checkpoint. Memory holds N particles and one
// generation's observations, whatever the number of generations and runs;
// the sweeps stream to disk as any sweep does.
//
// A generation's folder is an ordinary sweep folder: its scenario.yaml
// holds the proposals as a zip group of the fitted fields, so connact
// sweep can run it in shards on a cluster and connact merge put the shards
// together into the generation's folder; a resumed fit reads the merged
// folder as its own (TestGenerationIsASweep: two shards merged give the
// generation's bytes, and the fit ends the same). Options.Prepare (connact
// fit --prepare) runs no sweep: it writes the next sweep's scenario,
// DIR/generation-K.yaml, for connact sweep --emit slurm|k8s, and each
// later --resume --prepare reads the merged generation and prepares the
// next (TestPrepare: sweep by sweep in two shards, the same bytes as one
// machine). A scenario with an edge-list network names it relative to the
// scenario's folder, so its prepared sweeps must be run from a copy of the
// scenario's folder layout (or with network.file made absolute).
//
// # Checking it
//
// TestCoverage fits data made by connact at parameters drawn from the
// prior (Synthetic) and counts how often the 90% credible interval holds
// the truth: a correct posterior does so 90% of the time (Cook, Gelman &
// Rubin 2006). Over 20 data sets of testdata/small.yaml (40 intervals) it
// was 87.5%, 35 of 40 (go test ./sim/fit -run TestCoverage -coverage.sets=20
// -v; the README gives the run). ABC errs conservative when ε stays above 0, and
// equal-tailed intervals miss a truth at the very edge of the prior.
package fit
