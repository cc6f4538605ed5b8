package sensitivity_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/connact/connact/sim/sensitivity"
)

// One trajectory of 3 factors on a 4-level grid: each row moves one factor
// by ±Δ = 2/3.
func ExampleNewMorrisDesign() {
	d, err := sensitivity.NewMorrisDesign(3, 4, 1, rand.New(rand.NewPCG(7, 8)))
	if err != nil {
		panic(err)
	}
	fmt.Printf("Delta = %.4f\n", d.Delta)
	for j, x := range d.Points {
		if j == 0 {
			fmt.Printf("%.4f start\n", x)
			continue
		}
		fmt.Printf("%.4f factor %d, sign %+.0f\n", x, d.Factor[j-1], d.Sign[j-1])
	}
	// Output:
	// Delta = 0.6667
	// [0.6667 0.6667 0.0000] start
	// [0.6667 0.0000 0.0000] factor 1, sign -1
	// [0.0000 0.0000 0.0000] factor 0, sign -1
	// [0.0000 0.0000 0.6667] factor 2, sign +1
}

// Screening a model with a linear, a non-linear and an inert factor: μ* ranks
// them, σ > 0 flags the non-linear one.
func ExampleMorrisEffects() {
	d, err := sensitivity.NewMorrisDesign(3, 4, 20, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		panic(err)
	}
	y := make([]float64, len(d.Points))
	for m, x := range d.Points {
		y[m] = 2*x[0] + math.Sin(6*x[1]) + 0*x[2]
	}
	res, err := sensitivity.MorrisEffects(d, y)
	if err != nil {
		panic(err)
	}
	for i := range res.MuStar {
		fmt.Printf("x%d: mu=%.3f mu*=%.3f sigma=%.3f\n", i+1, res.Mu[i], res.MuStar[i], res.Sigma[i])
	}
	// Output:
	// x1: mu=2.000 mu*=2.000 sigma=0.000
	// x2: mu=-1.362 mu*=1.362 sigma=0.317
	// x3: mu=0.000 mu*=0.000 sigma=0.000
}

// A bootstrap 95% interval for μ*, resampling trajectories.
func ExampleMorrisMuStarCI() {
	d, err := sensitivity.NewMorrisDesign(2, 4, 30, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		panic(err)
	}
	y := make([]float64, len(d.Points))
	for m, x := range d.Points {
		y[m] = x[0] * x[1]
	}
	res, err := sensitivity.MorrisEffects(d, y)
	if err != nil {
		panic(err)
	}
	lo, hi, err := sensitivity.MorrisMuStarCI(res, 0.95, 1000, rand.New(rand.NewPCG(3, 4)))
	if err != nil {
		panic(err)
	}
	for i := range lo {
		fmt.Printf("x%d: mu*=%.3f in [%.3f, %.3f]\n", i+1, res.MuStar[i], lo[i], hi[i])
	}
	// Output:
	// x1: mu*=0.544 in [0.400, 0.667]
	// x2: mu*=0.544 in [0.400, 0.689]
}

func ExampleRanks() {
	r, err := sensitivity.Ranks([]float64{3, 1, 4, 1, 5})
	if err != nil {
		panic(err)
	}
	fmt.Println(r)
	// Output: [3 1.5 4 1.5 5]
}

// PRCC of y = exp(2·x1) − x2² + noise with an inert x3, from 200 random
// points.
func ExamplePRCC() {
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([][]float64, 200)
	y := make([]float64, len(x))
	for m := range x {
		x[m] = []float64{rng.Float64(), rng.Float64(), rng.Float64()}
		y[m] = math.Exp(2*x[m][0]) - x[m][1]*x[m][1] + 0.3*rng.NormFloat64()
	}
	res, err := sensitivity.PRCC(x, y)
	if err != nil {
		panic(err)
	}
	for i := range res.Coef {
		fmt.Printf("x%d: PRCC=%+.3f p=%.2g\n", i+1, res.Coef[i], res.PValue[i])
	}
	fmt.Println("degrees of freedom:", res.DF)
	// Output:
	// x1: PRCC=+0.978 p=1.9e-134
	// x2: PRCC=-0.670 p=3.7e-27
	// x3: PRCC=-0.040 p=0.57
	// degrees of freedom: 196
}

// SRRC of the same kind of model, with the r² that says whether a
// rank-linear model describes it.
func ExampleSRRC() {
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([][]float64, 200)
	y := make([]float64, len(x))
	for m := range x {
		x[m] = []float64{rng.Float64(), rng.Float64(), rng.Float64()}
		y[m] = math.Exp(2*x[m][0]) - x[m][1]*x[m][1] + 0.3*rng.NormFloat64()
	}
	coef, r2, err := sensitivity.SRRC(x, y)
	if err != nil {
		panic(err)
	}
	fmt.Printf("SRRC = %+.3f, r2 = %.3f\n", coef, r2)
	// Output:
	// SRRC = [+0.953 -0.183 -0.008], r2 = 0.959
}
