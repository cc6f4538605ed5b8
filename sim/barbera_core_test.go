package sim_test

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/network"
)

// coreRun is what one run of a Barberá study keeps: its condition and
// replicate, the share of the population who ever took part, and, for the
// intact network, the k-core profile and the reach counterfactuals.
type coreRun struct {
	cond, rep int
	everShare float64
	prof      coreProfile
}

// coreProfile is one intact run's k-core profile (Barberá et al. 2015,
// Fig. 4): who takes part and how much, by core number, and what share of
// the participants' audience the periphery carries.
type coreProfile struct {
	// Share ever active and mean steps active per agent, in the periphery
	// (core number at most the population's median) and in the inner core
	// (core number at least the 90th percentile).
	everPeriph, everCore   float64
	stepsPeriph, stepsCore float64
	// periphShare: the periphery's share of the population; its share of
	// the participants; its share of all steps of activity.
	periphShare, periphParticipants, periphActivity float64
	// Reach (Barberá et al.'s Fig. 1): the share of the population with at
	// least one participant among its ties, the participants' audience:
	// ties of the audience layer when the run has one (their followers),
	// of the one network otherwise.
	// lossPeriph is the share of it lost when the peripheral participants
	// are taken out of the participants (Fig. 4C's counterfactual);
	// lossRandom the same for as many participants taken at random (the
	// mean of 20 draws; their permutation benchmark).
	reach, lossPeriph, lossRandom float64
	// Who came first: among the participants who joined after step 0,
	// the share with a peripheral tie (of the graph frames travel over:
	// the audience layer when there is one) active before them (viaPeriph), and
	// with only peripheral ties active before them (onlyPeriph): a bound
	// on the periphery's part in bringing them in, computed without
	// attributing any activation to anyone.
	viaPeriph, onlyPeriph float64
	byCore                map[int32][3]float64 // core → agents, ever active, active steps
}

// runCoreStudy runs every run of a scenario of scenarios/classics (with
// overrides), watching the intact condition's agents step by step (every
// condition's when intact is "").
func runCoreStudy(t *testing.T, file, intact string, set ...string) (names []string, runs []coreRun) {
	t.Helper()
	st := classicStudy(t, file, set...)
	names = st.Plan.ConditionNames()
	runs = make([]coreRun, st.Runs())
	var wg sync.WaitGroup
	next := make(chan int)
	errs := make([]error, st.Runs())
	for range 2 { // the machine's two cores
		wg.Go(func() {
			for i := range next {
				_, c, r := st.Locate(i)
				m, _, err := st.Model(i)
				if err != nil {
					errs[i] = err
					continue
				}
				watched := intact == "" || names[c] == intact
				var steps []int32 // steps active per agent, intact runs only
				if watched {
					steps = make([]int32, m.Pop.N)
					m.Observe(func(v sim.View) {
						if v.Step() == 0 {
							return
						}
						for a := range v.N() {
							if v.Status(a) == sim.Active {
								steps[a]++
							}
						}
					})
				}
				m.Run()
				runs[i] = coreRun{cond: c, rep: r, everShare: everShare(m)}
				if watched {
					runs[i].prof = profile(m, steps, uint64(r))
				}
			}
		})
	}
	for i := range st.Runs() {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return names, runs
}

// everShare is the share of the population who ever took part.
func everShare(m *sim.Model) float64 {
	n := 0
	m.Observe(func(v sim.View) {
		for a := range v.N() {
			if v.Agent(a).EverActive {
				n++
			}
		}
	})
	return float64(n) / float64(m.Pop.N)
}

// profile is an intact run's coreProfile. The k-cores are the interaction
// network's (m.Net: the retweet network of Barberá et al.), the reach the
// audience layer's when there is one (m.Audience: their followers).
func profile(m *sim.Model, steps []int32, seed uint64) coreProfile {
	core := network.CoreNumbers(m.Net)
	g := m.Net // the ties frames are shown over, and reach counted over
	if m.Audience != nil {
		g = m.Audience
	}
	sorted := slices.Clone(core)
	slices.Sort(sorted)
	median, top := sorted[len(sorted)/2], sorted[len(sorted)*9/10]
	ever := make([]bool, m.Pop.N)
	first := make([]int, m.Pop.N)
	m.Observe(func(v sim.View) {
		for a := range v.N() {
			ag := v.Agent(a)
			ever[a], first[a] = ag.EverActive, ag.FirstActive
		}
	})
	var p coreProfile
	p.byCore = map[int32][3]float64{}
	var nP, nC, eP, eC, sP, sC, parts, partsP, act, actP float64
	var participants, periphParts []int32
	for a := range int32(m.Pop.N) {
		b := p.byCore[core[a]]
		b[0]++
		if ever[a] {
			b[1]++
			participants = append(participants, a)
			parts++
		}
		b[2] += float64(steps[a])
		p.byCore[core[a]] = b
		act += float64(steps[a])
		if core[a] <= median {
			nP++
			sP += float64(steps[a])
			actP += float64(steps[a])
			if ever[a] {
				eP++
				partsP++
				periphParts = append(periphParts, a)
			}
		}
		if core[a] >= top {
			nC++
			sC += float64(steps[a])
			if ever[a] {
				eC++
			}
		}
	}
	p.everPeriph, p.everCore = eP/nP, eC/nC
	p.stepsPeriph, p.stepsCore = sP/nP, sC/nC
	p.periphShare, p.periphParticipants, p.periphActivity = nP/float64(m.Pop.N), partsP/parts, actP/act
	isPeriph := func(a int32) bool { return core[a] <= median }
	var later, via, only float64
	for _, a := range participants {
		if first[a] <= 0 {
			continue
		}
		later++
		anyP, anyC := false, false
		for _, b := range g.Neighbours(a) {
			if first[b] >= 0 && first[b] < first[a] {
				if isPeriph(b) {
					anyP = true
				} else {
					anyC = true
				}
			}
		}
		if anyP {
			via++
			if !anyC {
				only++
			}
		}
	}
	if later > 0 {
		p.viaPeriph, p.onlyPeriph = via/later, only/later
	}
	// Audience of a set of participants: the agents with a tie to one.
	mark := make([]bool, m.Pop.N)
	audience := func(drop func(a int32) bool) float64 {
		clear(mark)
		n := 0
		for _, a := range participants {
			if drop(a) {
				continue
			}
			for _, b := range g.Neighbours(a) {
				if !mark[b] {
					mark[b] = true
					n++
				}
			}
		}
		return float64(n)
	}
	all := audience(func(int32) bool { return false })
	p.reach = all / float64(m.Pop.N)
	if all == 0 {
		return p
	}
	isP := make([]bool, m.Pop.N)
	for _, a := range periphParts {
		isP[a] = true
	}
	p.lossPeriph = 1 - audience(func(a int32) bool { return isP[a] })/all
	rnd := rand.New(rand.NewPCG(seed, 2015))
	const draws = 20
	drop := make([]bool, m.Pop.N)
	for range draws {
		perm := rnd.Perm(len(participants))
		clear(drop)
		for _, j := range perm[:len(periphParts)] {
			drop[participants[j]] = true
		}
		p.lossRandom += (1 - audience(func(a int32) bool { return drop[a] })/all) / draws
	}
	return p
}
