// Package sensitivity holds the statistics of global sensitivity analysis
// for connact's parameter sweeps: which of a model's k parameters drive the
// variance of an output. It is self-contained: pure functions on float64
// slices, no I/O, no dependency on the rest of connact. Random numbers come
// only from a source the caller passes (*rand.Rand or rand.Source), so a seed fixes every result.
// All designs are points in the unit cube [0,1)^k; the caller maps each
// coordinate u to its parameter (lo + u·(hi−lo) for a uniform range, or a
// quantile function) and runs the model once per point, in order.
//
// # Sobol' sequences (sobol.go)
//
// A Sobol' (1967) sequence fills [0,1)^d far more evenly than random
// points: in base 2, coordinate j of point n is x_n = ⊕_k g_k V_k, where g
// is the Gray code n ⊕ (n >> 1) (Antonov & Saleev 1979) and the direction
// numbers V_k = m_k / 2^k come from a primitive polynomial of degree s over
// GF(2), x^s + a_1 x^{s−1} + … + a_{s−1} x + 1, by the recurrence
// (Bratley & Fox 1988, "Algorithm 659", ACM TOMS 14:88-100, eq. 3)
//
//	V_k = a_1 V_{k−1} ⊕ … ⊕ a_{s−1} V_{k−s+1} ⊕ V_{k−s} ⊕ (V_{k−s} >> s),  k > s.
//
// The polynomials and initial m_1..m_s are those of Joe & Kuo (2008,
// "Constructing Sobol sequences with better two-dimensional projections",
// SIAM J. Sci. Comput. 30:2635-2654), table new-joe-kuo-6.21201, embedded
// for 1000 dimensions; coordinates have 52 bits. The first 2^m points put
// one point in each interval [i/2^m, (i+1)/2^m) of every coordinate. The
// plain sequence matches scipy.stats.qmc.Sobol(d, scramble=False) and starts
// at the origin, which is kept. Optional scrambling (a random linear matrix
// scramble, Matoušek 1998, plus a digital shift, Owen 2003) keeps this
// structure and gives unbiased, randomisable estimates.
//
// # Sobol' indices (saltelli.go, indices.go)
//
// With Y = f(X_1..X_k) and independent inputs, the variance decomposes
// (Sobol' 1993) as V = Σ_i V_i + Σ_{i<j} V_ij + …; the first-order index
// S_i = V_i / V = Var(E[Y|X_i]) / V is the share of variance X_i explains
// alone, the total index ST_i = E[Var(Y|X_~i)] / V (Homma & Saltelli 1996)
// the share it has a hand in, interactions included. ST_i − S_i measures
// X_i's interactions; ST_i ≈ 0 means X_i can be fixed anywhere.
//
// SaltelliDesign builds the scheme of Saltelli et al. (2010, "Variance based
// sensitivity analysis of model output. Design and estimator for the total
// sensitivity index", Comput. Phys. Commun. 181:259-270): from a 2k-
// dimensional Sobol' sequence, matrices A and B of N rows and, for each i,
// A_B^i (A with column i from B): N·(k+2) runs. SobolIndices estimates
//
//	S_i  = (1/N) Σ_j f(B)_j (f(A_B^i)_j − f(A)_j) / V      (Saltelli et al. 2010, Table 2 (b))
//	ST_i = (1/2N) Σ_j (f(A)_j − f(A_B^i)_j)² / V           (Jansen 1999, Table 2 (f))
//
// with V the variance of f over A and B, and bootstrap percentile intervals
// over the N rows. Verified on the Ishigami function (Ishigami & Homma 1990)
// against its analytic indices S = 0.3139, 0.4424, 0 and ST = 0.5576,
// 0.4424, 0.2437.
//
// # Morris elementary effects (morris.go)
//
// Morris (1991, "Factorial sampling plans for preliminary computational
// experiments", Technometrics 33:161-174) screens many parameters cheaply:
// r trajectories of k+1 points on a p-level grid, each step moving one
// parameter by Δ = p/(2(p−1)); the elementary effect of X_i on a trajectory
// is EE_i = (f(x + Δ e_i) − f(x)) / Δ. Over the r trajectories, the mean of
// |EE_i|, μ*_i (Campolongo, Cariboni & Saltelli 2007, "An effective
// screening design for sensitivity analysis of large models", Environ.
// Model. Softw. 22:1509-1518), ranks overall influence, and the standard
// deviation σ_i flags non-linearity or interactions: r(k+1) runs instead of
// N(k+2).
//
// # Partial rank correlation (prcc.go)
//
// The partial rank correlation coefficient (Blower & Dowlatabadi 1994,
// "Sensitivity and uncertainty analysis of complex models of disease
// transmission", Int. Stat. Rev. 62:229-243; Marino et al. 2008, "A
// methodology for performing global uncertainty and sensitivity analysis in
// systems biology", J. Theor. Biol. 254:178-196) measures the monotone
// association of X_i with Y once the other parameters are accounted for:
// rank-transform inputs and output, regress the ranks of X_i and of Y on the
// ranks of the other inputs, and correlate the two residuals. It works on
// any sample (e.g. a Latin hypercube), needs monotone relations, and can be
// tested against 0 with t = r √((n−2−p)/(1−r²)), n−2−p degrees of freedom
// (p the number of other inputs controlled for). Standardised rank
// regression coefficients (SRRC, regression of the ranks of Y on those of
// all inputs at once) give a quicker ranking when the inputs are sampled
// independently.
package sensitivity
