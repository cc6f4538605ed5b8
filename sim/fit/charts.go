package fit

import (
	"fmt"
	"math"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/plot"
)

// Chart files of a fit folder, each in every format asked for.
const (
	MarginalChart   = "posterior_marginal" // _<parameter>
	PairChart       = "posterior_pair"     // _<parameter>_vs_<parameter>
	PredictiveChart = "posterior_predictive"
)

// drawn, when set (by tests), is shown every chart before it is saved.
var drawn func(name string, c any)

// figure is a chart that saves itself: plot.Chart, plot.Cloud.
type figure interface {
	Save(path string, w, h float64) error
}

// save writes chart c as name in each format and returns the files.
func (ft *fitter) save(name string, c figure, formats []string, files []string) ([]string, error) {
	if drawn != nil {
		drawn(name, c)
	}
	for _, f := range formats {
		path := ft.chartPath(name, f)
		if err := c.Save(path, 0, 0); err != nil {
			return files, err
		}
		files = append(files, path)
	}
	return files, nil
}

// marginalBins is the number of histogram bins of a marginal: about √N for
// the 100-1000 particles of a typical fit, fixed so that charts compare.
const marginalBins = 20

// charts draws the marginal posteriors, one panel a parameter, with the
// prior's density and the truth when known, and the posterior predictive
// band with the data drawn over it.
func (ft *fitter) charts(pop []*particle, ws []float64, pred *predictiveBand, formats []string) ([]string, error) {
	ci := &output.ChartInfo{Scenario: ft.l.Scenario.Name, TimeUnit: ft.l.Scenario.TimeUnit, Labels: map[string]string{}}
	var files []string
	for j, fp := range ft.f.Parameters {
		if fp.Label != "" {
			ci.Labels[fp.Name] = fp.Label
		}
		pr := &ft.priors[j]
		xs := make([]float64, len(pop))
		for i, p := range pop {
			xs[i] = pr.fromZ(p.z[j])
		}
		post, prior := marginal(xs, ws, pr)
		// One chart a parameter, not small multiples: each has its own
		// range (and scale: log for a loguniform prior), which facets,
		// sharing one x axis, would squash.
		c := plot.Chart{Title: fmt.Sprintf("%s: posterior of %d particles (weighted) and prior", ft.l.Scenario.Name, len(pop)),
			XLabel: ci.ParamLabel(fp.Name, fp.Path), YLabel: "Probability density", Series: []plot.Series{post, prior},
			LogX: pr.logScale, Colours: plot.Colours([]string{"posterior", "prior"})}
		if fp.Truth != nil {
			c.Events = []plot.Event{{X: *fp.Truth, Label: "truth"}}
		}
		var err error
		if files, err = ft.save(MarginalChart+"_"+fp.Name, c, formats, files); err != nil {
			return files, err
		}
	}
	// Pairs: each pair of parameters, the particles as discs whose area
	// is their weight, and the truth when known.
	for a := range ft.f.Parameters {
		for b := a + 1; b < len(ft.f.Parameters); b++ {
			pa, pb := ft.f.Parameters[a], ft.f.Parameters[b]
			c := plot.Cloud{Title: fmt.Sprintf("%s: posterior of %d particles (disc area: weight)", ft.l.Scenario.Name, len(pop)),
				XLabel: ci.ParamLabel(pa.Name, pa.Path), YLabel: ci.ParamLabel(pb.Name, pb.Path), Weight: ws,
				LogX: ft.priors[a].logScale, LogY: ft.priors[b].logScale}
			for _, p := range pop {
				c.X = append(c.X, ft.priors[a].fromZ(p.z[a]))
				c.Y = append(c.Y, ft.priors[b].fromZ(p.z[b]))
			}
			if pa.Truth != nil && pb.Truth != nil {
				c.Mark = &plot.CloudMark{X: *pa.Truth, Y: *pb.Truth, Label: "truth"}
			}
			var err error
			if files, err = ft.save(PairChart+"_"+pa.Name+"_vs_"+pb.Name, c, formats, files); err != nil {
				return files, err
			}
		}
	}
	if pred == nil || len(ft.data.Statistics) > 0 {
		return files, nil
	}
	o := ft.f.Observe
	unit := ci.Units()
	ylabel := seriesLabel(o.Series)
	if o.Scale != 1 {
		ylabel = seriesCountLabel(o.Series, unit)
	}
	band := plot.Series{Label: "model: median and 90% of posterior predictive runs", Key: "model", X: pred.X, Mean: pred.Median, Lo: pred.Lo, Hi: pred.Hi}
	var dx, dy []float64
	for i, y := range pred.Observed {
		if !math.IsNaN(y) {
			dx, dy = append(dx, pred.X[i]), append(dy, y)
		}
	}
	// The data as a dotted line over the band: drawn after it, so on top.
	data := plot.Series{Label: "data", Key: "data", X: dx, Mean: dy}
	c := plot.Chart{Title: ft.l.Scenario.Name + ": posterior predictive check", XLabel: fmt.Sprintf("Time (%s)", dataUnit(o.StepsPerUnit, unit)),
		YLabel: ylabel, Series: []plot.Series{band, data}, Colours: plot.Colours([]string{"model", "data"})}
	return ft.save(PredictiveChart, c, formats, files)
}

// marginal is a parameter's weighted histogram as a density over the
// prior's support (a step line through the bins' centres), and the prior's
// density at the same points.
func marginal(xs, ws []float64, pr *prior) (post, prior plot.Series) {
	lo, hi := pr.lo, pr.hi
	log := pr.logScale
	if log {
		lo, hi = math.Log(lo), math.Log(hi)
	}
	width := (hi - lo) / marginalBins
	dens := make([]float64, marginalBins)
	for i, x := range xs {
		v := x
		if log {
			v = math.Log(x)
		}
		b := min(int((v-lo)/width), marginalBins-1)
		dens[max(b, 0)] += ws[i]
	}
	post = plot.Series{Label: "posterior", Key: "posterior"}
	prior = plot.Series{Label: "prior", Key: "prior"}
	for b := range marginalBins {
		a, c := lo+float64(b)*width, lo+float64(b+1)*width
		if log {
			a, c = math.Exp(a), math.Exp(c)
		}
		d := dens[b] / (c - a) // density in θ
		// Two points a bin: a histogram's flat top.
		for _, x := range []float64{a, c} {
			post.X = append(post.X, x)
			post.Mean = append(post.Mean, d)
		}
		mid := (a + c) / 2
		prior.X = append(prior.X, mid)
		prior.Mean = append(prior.Mean, pr.density(mid))
	}
	return post, prior
}

func seriesLabel(s string) string {
	switch s {
	case "active_share":
		return "Share of population active"
	case "aware_share":
		return "Share of population aware"
	case "members_share":
		return "Share of population in organisations"
	case "new_participants":
		return "New participants (share of population)"
	}
	return "Share of population ever active"
}

func seriesCountLabel(s, unit string) string {
	switch s {
	case "active_share":
		return "Active participants"
	case "aware_share":
		return "People aware"
	case "members_share":
		return "Members"
	case "new_participants":
		return "New participants per " + unit
	}
	return "Participants so far (cumulative)"
}

// dataUnit names the data's time unit: the scenario's, or so many steps.
func dataUnit(stepsPer int, units string) string {
	if stepsPer == 1 {
		return units
	}
	return fmt.Sprintf("units of %d %s", stepsPer, units)
}
