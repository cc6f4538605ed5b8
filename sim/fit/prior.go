package fit

import (
	"math"
	"math/rand/v2"

	"github.com/connact/connact/sim/scenario"
	"gonum.org/v1/gonum/stat/distuv"
)

// prior is one parameter's prior, worked on in its transformed space z:
// z = ln θ for a loguniform prior (so that the perturbation kernel moves
// proportionally across orders of magnitude), z = θ otherwise.
type prior struct {
	kind         string
	lo, hi       float64 // support of θ
	mean, sd     float64 // normal
	a, b         float64 // beta
	logScale     bool
	zlo, zhi     float64 // support of z
	logNorm      float64 // log of the density's normalising constant in z
	cdfLo, cdfHi float64 // normal: Φ at the standardised ends
}

func newPrior(p scenario.Prior) prior {
	lo, hi := p.Support()
	pr := prior{kind: p.Dist, lo: lo, hi: hi, mean: p.Mean, sd: p.SD, a: p.A, b: p.B}
	pr.zlo, pr.zhi = lo, hi
	switch p.Dist {
	case "uniform":
		pr.logNorm = -math.Log(hi - lo)
	case "loguniform":
		pr.logScale = true
		pr.zlo, pr.zhi = math.Log(lo), math.Log(hi)
		pr.logNorm = -math.Log(pr.zhi - pr.zlo)
	case "normal":
		pr.cdfLo = distuv.UnitNormal.CDF((lo - p.Mean) / p.SD)
		pr.cdfHi = distuv.UnitNormal.CDF((hi - p.Mean) / p.SD)
		// Truncation: the density is renormalised by the mass in [lo, hi].
		pr.logNorm = -math.Log(p.SD*math.Sqrt(2*math.Pi)) - math.Log(pr.cdfHi-pr.cdfLo)
	case "beta":
		lg := func(x float64) float64 { v, _ := math.Lgamma(x); return v }
		pr.logNorm = lg(p.A+p.B) - lg(p.A) - lg(p.B) - math.Log(hi-lo)
	}
	return pr
}

// toZ and fromZ map θ to the kernel's space and back.
func (p *prior) toZ(x float64) float64 {
	if p.logScale {
		return math.Log(x)
	}
	return x
}

func (p *prior) fromZ(z float64) float64 {
	if p.logScale {
		return math.Exp(z)
	}
	return z
}

// inSupport reports whether z lies in the prior's support.
func (p *prior) inSupport(z float64) bool { return z >= p.zlo && z <= p.zhi }

// logDensity is the log of the prior density of z (in z's space), −Inf
// outside the support.
func (p *prior) logDensity(z float64) float64 {
	if !p.inSupport(z) {
		return math.Inf(-1)
	}
	switch p.kind {
	case "normal":
		u := (z - p.mean) / p.sd
		return p.logNorm - u*u/2
	case "beta":
		x := (z - p.lo) / (p.hi - p.lo)
		if x <= 0 || x >= 1 {
			// The density's ends: 0 or unbounded; a proposal lands there
			// with probability 0, so either is harmless and finite is safer.
			x = math.Min(math.Max(x, 1e-300), 1-1e-16)
		}
		return p.logNorm + (p.a-1)*math.Log(x) + (p.b-1)*math.Log1p(-x)
	}
	return p.logNorm // uniform in z
}

// sample draws z from the prior by inversion of its CDF, one uniform
// number each, so that a design depends only on the seed.
func (p *prior) sample(rnd *rand.Rand) float64 {
	u := rnd.Float64()
	switch p.kind {
	case "normal":
		q := distuv.UnitNormal.Quantile(p.cdfLo + u*(p.cdfHi-p.cdfLo))
		return math.Min(math.Max(p.mean+p.sd*q, p.lo), p.hi)
	case "beta":
		x := distuv.Beta{Alpha: p.a, Beta: p.b}.Quantile(u)
		return p.lo + x*(p.hi-p.lo)
	}
	return p.zlo + u*(p.zhi-p.zlo)
}

// density is the prior density of θ (not z), for charts.
func (p *prior) density(x float64) float64 {
	z := p.toZ(x)
	d := math.Exp(p.logDensity(z))
	if p.logScale {
		d /= x // dz/dθ = 1/θ
	}
	return d
}
