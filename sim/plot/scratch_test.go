package plot_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/connact/connact/sim/plot"
)

func panel(title string, nseries int, scale float64) plot.Chart {
	c := plot.Chart{Title: title, XLabel: "Time (days)", YLabel: "Share active"}
	for s := range nseries {
		sr := plot.Series{Label: fmt.Sprintf("series %d", s)}
		for t := 0; t <= 100; t++ {
			x := float64(t)
			m := scale * (0.5 + 0.4*math.Sin(x/10+float64(s)))
			sr.X = append(sr.X, x)
			sr.Mean = append(sr.Mean, m)
			sr.Lo = append(sr.Lo, m-0.05*scale)
			sr.Hi = append(sr.Hi, m+0.05*scale)
		}
		c.Series = append(c.Series, sr)
	}
	return c
}

func TestScratch(t *testing.T) {
	ExampleFacets()
	for _, n := range []int{1, 4, 7, 9, 16, 36} {
		f := plot.Facets{Title: fmt.Sprintf("Participation: scenario (%d points)", n)}
		for i := range n {
			f.Panels = append(f.Panels, panel(fmt.Sprintf("degree=%d, threshold=0.%02d", 2<<(i%6), 5*(i/6)), 1+i%2, 1+float64(i)/8))
		}
		if err := f.Save(fmt.Sprintf("/tmp/plots/facets%d.png", n), 0, 0); err != nil {
			t.Fatal(err)
		}
		f.SeparateY = true
		if err := f.Save(fmt.Sprintf("/tmp/plots/facets%d_sep.png", n), 0, 0); err != nil {
			t.Fatal(err)
		}
		for i := range f.Panels {
			f.Panels[i].LogX = true
			for k := range f.Panels[i].Series {
				f.Panels[i].Series[k].X[0] = 0.5
			}
		}
		if err := f.Save(fmt.Sprintf("/tmp/plots/facets%d_logx.png", n), 0, 0); err != nil {
			t.Fatal(err)
		}
	}
}
