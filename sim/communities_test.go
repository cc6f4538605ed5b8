package sim_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/runner"
)

// byCondition runs every run of st and returns f of each run, by condition
// name, replicates in order (classicRuns keeps run order).
func byCondition(t *testing.T, st *runner.Study, f func(r *runner.Result) float64) map[string][]float64 {
	t.Helper()
	out := map[string][]float64{}
	for _, r := range classicRuns(t, st) {
		c := st.Conditions[r.Condition].Name
		out[c] = append(out[c], f(r))
	}
	return out
}

// everDid is the share of the initial population who ever did action a.
func everDid(a int) func(r *runner.Result) float64 {
	return func(r *runner.Result) float64 { return float64(r.Obs.DidBy[a][r.Obs.Steps]) / float64(r.N) }
}

// TestClassicKristofferson runs scenarios/classics/kristofferson-
// slacktivism.yaml: Kristofferson, White & Peloza (2014, J. Consumer
// Research 40(6)) find that token support given in private leads to more
// meaningful help later than token support given in public, and that public
// token support does not raise later help over giving no token at all:
// private > public ≈ none. The model encodes their mechanism: the ladder from
// token to help gains +0.15 when the token was private and 0 when public.
//
// Asserted (share who ever helped, paired 95%): private > none; public −
// none contains 0; the knock-out (the private rung at 0) takes private's
// advantage away. Reported: how much of private's advantage is among those
// who never gave the token (help spreading by social proof, the part the
// network adds), and the sensitivity to the public rung and to the day
// between the token and the request for help.
func TestClassicKristofferson(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 5 studies of 60 runs")
	}
	const file = "kristofferson-slacktivism.yaml"
	const token, help = 0, 1
	diffs := func(set ...string) (ever map[string][]float64, pub, priv runner.Paired) {
		ever = byCondition(t, classicStudy(t, file, set...), everDid(help))
		return ever, runner.PairedDiff(ever["none"], ever["public"]), runner.PairedDiff(ever["none"], ever["private"])
	}
	ever, pub, priv := diffs()
	t.Logf("share who ever helped: none %.3f, public %.3f, private %.3f", mean(ever["none"]), mean(ever["public"]), mean(ever["private"]))
	t.Logf("public − none %+.4f [%.4f, %.4f]; private − none %+.4f [%.4f, %.4f] (paired 95%%)", pub.Mean, pub.Lo, pub.Hi, priv.Mean, priv.Lo, priv.Hi)
	if !(priv.Lo > 0) {
		t.Errorf("private − none = %+.4f [%.4f, %.4f], want > 0", priv.Mean, priv.Lo, priv.Hi)
	}
	if !(pub.Lo <= 0 && pub.Hi >= 0) {
		t.Errorf("public − none = %+.4f [%.4f, %.4f], want an interval holding 0", pub.Mean, pub.Lo, pub.Hi)
	}
	tokens := byCondition(t, classicStudy(t, file), everDid(token))
	t.Logf("share who gave the token: public %.3f, private %.3f (a public token spreads by social proof)", mean(tokens["public"]), mean(tokens["private"]))

	// Who helps in private: those who gave the token and, through help's
	// social proof, those who did not.
	st := classicStudy(t, file)
	var spill []float64
	for r := range st.Replicates {
		helpers := func(cond int) (all, noToken []bool) {
			m, _, err := st.Model(cond*st.Replicates + r)
			if err != nil {
				t.Fatal(err)
			}
			m.Run()
			all, noToken = make([]bool, m.Pop.N), make([]bool, m.Pop.N)
			m.Observe(func(v sim.View) {
				for i := range v.N() {
					a := v.Agent(i)
					all[i] = a.Did&(1<<help) != 0
					noToken[i] = a.Did&(1<<token) == 0
				}
			})
			return all, noToken
		}
		none, _ := helpers(0)
		priv, noToken := helpers(2)
		n, more := 0, 0
		for i := range none {
			if noToken[i] {
				n++
				if priv[i] {
					more++
				}
				if none[i] {
					more--
				}
			}
		}
		spill = append(spill, float64(more)/float64(len(none)))
	}
	s := runner.Summarise(spill, nil)
	t.Logf("of private − none, %.4f [%.4f, %.4f] of the population are people who gave no token (help spreading by social proof)", s.Mean, s.Lo, s.Hi)

	_, _, off := diffs("actions[1].ladder[0].private=0")
	t.Logf("knock-out, private rung 0: private − none %+.4f [%.4f, %.4f]", off.Mean, off.Lo, off.Hi)
	if !(off.Lo <= 0 && off.Hi >= 0) {
		t.Errorf("with the private rung at 0, private − none = %+.4f [%.4f, %.4f], want an interval holding 0", off.Mean, off.Lo, off.Hi)
	}
	_, lic, _ := diffs("actions[1].ladder[0].public=-0.1")
	t.Logf("sensitivity, public rung −0.1 (a moral licence): public − none %+.4f [%.4f, %.4f]", lic.Mean, lic.Lo, lic.Hi)
	if !(lic.Hi < 0) {
		t.Errorf("with a public rung of −0.1, public − none = %+.4f [%.4f, %.4f], want < 0", lic.Mean, lic.Lo, lic.Hi)
	}
	_, soon, soonPriv := diffs("actions[1].start=6")
	t.Logf("sensitivity, help asked the day after the token: public − none %+.4f [%.4f, %.4f], private − none %+.4f [%.4f, %.4f]",
		soon.Mean, soon.Lo, soon.Hi, soonPriv.Mean, soonPriv.Lo, soonPriv.Hi)
	if !(soon.Lo > 0) {
		t.Errorf("help asked the day after: public − none = %+.4f [%.4f, %.4f], want > 0 (the token's social proof)", soon.Mean, soon.Lo, soon.Hi)
	}
}

// TestDiverseRoles runs scenarios/communities/diverse-roles.yaml: with
// complementary actions (leontief) a community diverse in skills reaches a
// higher outcome than a homogeneous one of the same size and resources,
// and the effect vanishes when the actions are substitutes (additive), the
// knock-out that shows the mechanism: the mix of roles, not the number of
// participants. Reported: the effect along a ces sweep between the two.
func TestDiverseRoles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 2 studies of 80 runs")
	}
	const file = "../scenarios/communities/diverse-roles.yaml"
	good := func(r *runner.Result) float64 { return r.Metrics.FinalGood }
	study := func(set ...string) *runner.Study { return loadStudy(t, file, set...) }
	g := byCondition(t, study(), good)
	part := byCondition(t, study(), func(r *runner.Result) float64 { return r.Metrics.CumulativeShare })
	comp := runner.PairedDiff(g["homogeneous"], g["diverse"])
	add := runner.PairedDiff(g["homogeneous-additive"], g["diverse-additive"])
	pd := runner.PairedDiff(part["homogeneous"], part["diverse"])
	t.Logf("final good, leontief: diverse %.3f, homogeneous %.3f, diverse − homogeneous %+.4f [%.4f, %.4f]", mean(g["diverse"]), mean(g["homogeneous"]), comp.Mean, comp.Lo, comp.Hi)
	t.Logf("final good, additive: diverse %.3f, homogeneous %.3f, diverse − homogeneous %+.4f [%.4f, %.4f]", mean(g["diverse-additive"]), mean(g["homogeneous-additive"]), add.Mean, add.Lo, add.Hi)
	t.Logf("share who ever took part: diverse − homogeneous %+.4f [%.4f, %.4f]", pd.Mean, pd.Lo, pd.Hi)
	if !(comp.Lo > 0) {
		t.Errorf("leontief: diverse − homogeneous = %+.4f [%.4f, %.4f], want > 0", comp.Mean, comp.Lo, comp.Hi)
	}
	if math.Abs(add.Mean) > 0.05*comp.Mean {
		t.Errorf("additive: diverse − homogeneous = %+.4f [%.4f, %.4f], want it to vanish (|d| < 5%% of leontief's %+.4f)", add.Mean, add.Lo, add.Hi, comp.Mean)
	}
	// Between the two: ces with ρ from strong complements to near
	// substitutes; the effect shrinks as ρ rises towards 1 (additive).
	prev := math.Inf(1)
	for _, rho := range []float64{-4, -1, -0.25, 0.5, 0.9} {
		st := study("outcome.combine=ces", fmt.Sprintf("outcome.substitution=%g", rho), `conditions=[{name: diverse}, {name: homogeneous, set: {"actions[0].skills[1]": {dist: normal, mean: 0.1, sd: 0.15}, "actions[1].skills[1]": {dist: normal, mean: -0.1, sd: 0.15}}}]`)
		gc := byCondition(t, st, good)
		d := runner.PairedDiff(gc["homogeneous"], gc["diverse"])
		t.Logf("ces ρ = %5.2f: diverse %.3f, homogeneous %.3f, diverse − homogeneous %+.4f [%.4f, %.4f]", rho, mean(gc["diverse"]), mean(gc["homogeneous"]), d.Mean, d.Lo, d.Hi)
		if d.Mean > prev+1e-9 {
			t.Errorf("ces ρ = %g: the effect %+.4f grew from %+.4f as ρ rose", rho, d.Mean, prev)
		}
		prev = d.Mean
	}
}

func mean(x []float64) float64 { return runner.Summarise(x, nil).Mean }
