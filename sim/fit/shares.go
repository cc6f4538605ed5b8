package fit

import (
	"fmt"
	"math"
	"strconv"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/scenario"
)

// A fit by shares of runs (observe.replicates, observe.shares) compares
// distributions over campaigns, not one campaign: each proposal runs R
// replicates, and each observed share is the fraction of them whose
// per-run metric reaches a threshold. Published targets of this kind are
// shares of petitions ("over 99% never reach 10,000 signatures": Yasseri,
// Hale & Margetts 2017, EPJ Data Science 6:20).

// arcsineDistance is the distance between simulated shares p̂ (each the
// fraction of R runs) and observed shares p on the variance-stabilising
// arcsine scale,
//
//	d = √( Σ_k R·(φ(p̂_k) − φ(p_k))² ),   φ(p) = 2·arcsin(√p).
//
// A binomial fraction of R runs has Var φ(p̂) ≈ 1/R whatever p (Fisher
// 1922; Bartlett 1947, "The use of transformations", Biometrics 3:39-52),
// so each term is the discrepancy in Monte Carlo standard errors: shares
// near 0 and near ½ weigh alike, which a plain difference would not (a
// miss of 0.01 at p = 0.01 is a factor of two; at p = 0.5 it is noise),
// and a distance near √K (K shares) means the proposal matches the data
// as well as R runs can tell. Unlike the logit, φ is finite at 0 and 1,
// so a share of 0 or 1 among R runs needs no continuity correction; but
// it is resolved no finer than the runs allow: 0 of R runs is consistent
// with any true share below about 3/R (the rule of three; Hanley &
// Lippman-Hand 1983, JAMA 249:1743-1745), and φ(0.001) lies 0.063·√R
// standard errors from φ(0), under one for R ≤ 250. The scale needs no
// prior-predictive pilot (unlike the MADs of Prangle 2017), so it is the
// same in every generation. A NaN share (no run with a value) is +Inf.
func arcsineDistance(sim, data []float64, replicates int) float64 {
	var s float64
	for k, p := range data {
		q := sim[k]
		if math.IsNaN(q) {
			return math.Inf(1)
		}
		d := 2 * (math.Asin(math.Sqrt(q)) - math.Asin(math.Sqrt(p)))
		s += d * d
	}
	return math.Sqrt(float64(replicates) * s)
}

// readShares reads a sweep's runs.csv (points × replicates rows) and
// returns, per point, the fraction of its runs whose metric reaches each
// share's threshold. It streams the file and keeps two counts per point
// and share: memory is points × shares, whatever the replicates. Runs
// whose metric is NA (undefined for that run) are left out of the
// fraction; a point with none is NaN. Every point must have exactly
// replicates rows.
func readShares(path string, shares []scenario.FitShare, points, replicates int) ([][]float64, error) {
	metrics := make([]string, 0, len(shares))
	col := map[string]int{}
	for _, sh := range shares {
		if _, ok := col[sh.Metric]; !ok {
			col[sh.Metric] = len(metrics)
			metrics = append(metrics, sh.Metric)
		}
	}
	hits := make([][]int, points)
	valid := make([][]int, points)
	rows := make([]int, points)
	for p := range hits {
		hits[p], valid[p] = make([]int, len(shares)), make([]int, len(shares))
	}
	vals := make([]float64, len(metrics))
	err := eachRow(path, append([]string{"point"}, metrics...), func(rec []string, c []int) error {
		p, err := strconv.Atoi(rec[c[0]])
		if err != nil || p < 0 || p >= points {
			return fmt.Errorf("fit: %s: a row of point %q", path, rec[c[0]])
		}
		rows[p]++
		for m := range metrics {
			if vals[m], err = output.ParseNumber(rec[c[m+1]]); err != nil {
				return fmt.Errorf("fit: %s: %v", path, err)
			}
		}
		for k, sh := range shares {
			x := vals[col[sh.Metric]]
			if math.IsNaN(x) {
				continue
			}
			valid[p][k]++
			if x >= sh.AtLeast {
				hits[p][k]++
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([][]float64, points)
	for p := range out {
		if rows[p] != replicates {
			return nil, fmt.Errorf("fit: %s has %d rows of point %d, not the %d replicates", path, rows[p], p, replicates)
		}
		out[p] = make([]float64, len(shares))
		for k := range shares {
			out[p][k] = math.NaN()
			if valid[p][k] > 0 {
				out[p][k] = float64(hits[p][k]) / float64(valid[p][k])
			}
		}
	}
	return out, nil
}
