package sim_test

import (
	"context"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// The economy of organisations (issue 20, items 2 and 3; organisation.go,
// "Economy"): scenarios/economy.yaml and scenarios/conversion.yaml each
// run their mechanism in one condition and switch it off in the other.
// A claim holds when the 95% confidence intervals across replicates do
// not overlap.

// economyRuns runs every condition and replicate of scenarios/<name>.yaml,
// with the overrides set, and returns the observations of conditions on
// and off, in replicate order.
func economyRuns(t *testing.T, name, on, off string, set ...string) (onRuns, offRuns []*sim.Observations) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs a whole study")
	}
	l, err := scenario.LoadWithSet(filepath.Join("..", "scenarios", name+".yaml"), set)
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.NewStudy(l)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]*sim.Observations{}
	err = st.RunAll(context.Background(), runtime.GOMAXPROCS(0), func(r *runner.Result) error {
		c := st.Conditions[r.Condition].Name
		out[c] = append(out[c], r.Obs)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out[on]) == 0 || len(out[off]) == 0 {
		t.Fatalf("%s: no runs of %s or %s: %v", name, on, off, out)
	}
	return out[on], out[off]
}

// across summarises f over the runs.
func across(runs []*sim.Observations, f func(o *sim.Observations) float64) ctEstimate {
	var xs []float64
	for _, o := range runs {
		xs = append(xs, f(o))
	}
	return ctEstimate{runner.Summarise(xs, nil)}
}

// members is the first organisation's membership at step t.
func members(t int) func(o *sim.Observations) float64 {
	return func(o *sim.Observations) float64 { return float64(o.MembersBy[0][t]) }
}

// below reports whether a's interval lies wholly below b's.
func below(a, b ctEstimate) bool { return a.Hi < b.Lo }

// TestEconomyDecline: a union whose dues do not cover its incentives and
// overhead spends its reserve on them (incentive spending appears in its
// accounts and its budget falls), then pays them pro rata; its members
// stop acting and, no longer contacted, leave, so that membership and
// budget fall from their peak. The same union with the economy off
// (free_incentives) keeps growing, and its budget with it.
func TestEconomyDecline(t *testing.T) {
	eco, free := economyRuns(t, "economy", "economy", "free_incentives")
	last := eco[0].Steps
	peak := func(o *sim.Observations) float64 { return float64(slices.Max(o.MembersBy[0])) }
	budget := func(t int) func(o *sim.Observations) float64 {
		return func(o *sim.Observations) float64 { return o.Budget[0][t] }
	}
	spent := func(o *sim.Observations) float64 {
		s := 0.0
		for _, x := range o.Incentives[0] {
			s += x
		}
		return s
	}
	for _, o := range eco {
		if !slices.Equal(o.Accounts, []string{"union"}) || o.Incentives[0][1] <= 0 || o.Overhead[0][1] != 0.5 {
			t.Fatalf("economy: accounts %v, incentives at step 1 %v, overhead %v", o.Accounts, o.Incentives[0][1], o.Overhead[0][1])
		}
	}
	for _, o := range free {
		if len(o.Accounts) != 0 {
			t.Fatalf("free_incentives keeps accounts %v", o.Accounts)
		}
	}
	ecoPeak, ecoEnd := across(eco, peak), across(eco, members(last))
	freeEnd := across(free, members(last))
	ecoB0, ecoB1, ecoBEnd := across(eco, budget(0)), across(eco, budget(1)), across(eco, budget(last))
	freeB1, freeBEnd := across(free, budget(1)), across(free, budget(last))
	t.Logf("economy: members peak %v, end %v; budget %v → %v (step 1) → %v; incentives paid %v", ecoPeak, ecoEnd, ecoB0, ecoB1, ecoBEnd, across(eco, spent))
	t.Logf("free_incentives: members end %v; budget step 1 %v, end %v", freeEnd, freeB1, freeBEnd)
	if !below(ecoB1, freeB1) {
		t.Errorf("incentive spending does not show in the budget at step 1: %v with it, %v without", ecoB1, freeB1)
	}
	if !(ecoEnd.Hi < ecoPeak.Lo/2) {
		t.Errorf("members do not fall below half their peak: peak %v, end %v", ecoPeak, ecoEnd)
	}
	if !(ecoBEnd.Hi < ecoB0.Mean) {
		t.Errorf("the budget does not fall: %v at the start, %v at the end", ecoB0, ecoBEnd)
	}
	if !below(ecoEnd, freeEnd) || !(freeBEnd.Lo > ecoB0.Mean) {
		t.Errorf("switching the economy off does not remove the decline: members at the end %v with it, %v without; budget at the end without %v", ecoEnd, freeEnd, freeBEnd)
	}
	// The incentive's cost alone drives the decline: with overhead and
	// churn still on, free incentives keep the union growing. (Without
	// churn, or without overhead, it still declines: its unreached
	// members forget it and leave.)
	freeInc, _ := economyRuns(t, "economy", "economy", "free_incentives", "organisations[0].incentive_cost=0")
	if end := across(freeInc, members(last)); !below(ecoEnd, end) || !(end.Lo > ecoPeak.Hi) {
		t.Errorf("incentives free, overhead and churn on: members at the end %v, want above %v (the peak with the incentive's cost)", end, ecoPeak)
	}
}

// TestConversionRecruits: an NGO that amplifies a personalised frame and
// converts its sharers gains members over time, recruited from the
// sharers (the accounts count them); with convert 0 it never has one.
func TestConversionRecruits(t *testing.T) {
	conv, off := economyRuns(t, "conversion", "convert", "no_convert")
	last := conv[0].Steps
	converted := func(o *sim.Observations) float64 {
		s := int64(0)
		for _, x := range o.Converted[0] {
			s += x
		}
		return float64(s)
	}
	m10, m30, mEnd := across(conv, members(10)), across(conv, members(30)), across(conv, members(last))
	t.Logf("convert: members %v (day 10), %v (day 30), %v (day %d); converted in all %v", m10, m30, mEnd, last, across(conv, converted))
	if !(m10.Lo > 0) || !below(m10, m30) || !below(m30, mEnd) {
		t.Errorf("members do not rise over time: %v, %v, %v", m10, m30, mEnd)
	}
	for _, o := range conv {
		if c := converted(o); c < float64(o.MembersBy[0][last]) {
			t.Errorf("%v members at the end but only %v converted: members come from elsewhere", o.MembersBy[0][last], c)
		}
	}
	for _, o := range off {
		if slices.Max(o.MembersBy[0]) != 0 {
			t.Errorf("no_convert: the NGO gained members (%d at most)", slices.Max(o.MembersBy[0]))
		}
	}
}
