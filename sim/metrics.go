package sim

import "math"

// Metrics are the per-run outcomes of the model's observations (package doc of sim). Shares are of
// the agents not removed at that step, except CumulativeShare, which is of
// the initial population. NaN marks a metric that does not exist for the run
// (written NA).
type Metrics struct {
	PeakShare       float64 // max_t active_t / alive_t
	PeakStep        int     // first step at the peak
	FinalShare      float64 // share active at the last step
	CumulativeShare float64 // share who ever participated
	// HalfLife is the number of steps from the peak until the share active
	// first falls to half the peak or below; NaN if it never does (or no
	// one was ever active).
	HalfLife float64
	// Sustainability is FinalShare / PeakShare: 1 for a movement still at its
	// peak at the end, 0 for one that has vanished; NaN without a peak.
	Sustainability float64
	// GroupReach is the share of identity groups with at least one participant.
	GroupReach float64
	// GroupEntropy is the Shannon entropy of the participants' groups over
	// ln G (Pielou's evenness, 1966): 0 when all come from one group, 1 when
	// they are spread evenly; NaN with one group or no participants.
	GroupEntropy float64
	MembersEnd   int64   // members of any organisation at the last step
	MembersEndBy []int64 // per organisation
	// Cascade: CumulativeShare reached the scenario's cascade level.
	Cascade bool
	// FinalGood is G at the last step, NaN without an outcome;
	// TimeToConcession the step at which the target conceded, NaN if it
	// did not (or there is none).
	FinalGood, TimeToConcession float64
	// EverBy is, per action, the share of the initial population who ever
	// did it; nil without actions.
	EverBy []float64
}

// ComputeMetrics derives a run's metrics from its observations; n is the
// initial population and cascade the cascade level.
func ComputeMetrics(o *Observations, n int, cascade float64) Metrics {
	var mt Metrics
	T := o.Steps
	share := func(t int) float64 {
		if o.Total.Alive[t] == 0 {
			return 0
		}
		return float64(o.Total.Active[t]) / float64(o.Total.Alive[t])
	}
	for t := 0; t <= T; t++ {
		if s := share(t); s > mt.PeakShare {
			mt.PeakShare, mt.PeakStep = s, t
		}
	}
	mt.FinalShare = share(T)
	mt.CumulativeShare = float64(o.Total.Cumulative[T]) / float64(n)
	mt.HalfLife, mt.Sustainability = math.NaN(), math.NaN()
	if mt.PeakShare > 0 {
		mt.Sustainability = mt.FinalShare / mt.PeakShare
		for t := mt.PeakStep + 1; t <= T; t++ {
			if share(t) <= mt.PeakShare/2 {
				mt.HalfLife = float64(t - mt.PeakStep)
				break
			}
		}
	}
	G := len(o.Groups)
	var reached int
	var total float64
	for g := range o.Groups {
		if c := o.Groups[g].Cumulative[T]; c > 0 {
			reached++
			total += float64(c)
		}
	}
	mt.GroupReach = float64(reached) / float64(G)
	mt.GroupEntropy = math.NaN()
	if G > 1 && total > 0 {
		h := 0.0
		for g := range o.Groups {
			if c := float64(o.Groups[g].Cumulative[T]); c > 0 {
				p := c / total
				h -= p * math.Log(p)
			}
		}
		mt.GroupEntropy = h / math.Log(float64(G))
	}
	mt.MembersEnd = o.Total.Members[T]
	for k := range o.MembersBy {
		mt.MembersEndBy = append(mt.MembersEndBy, o.MembersBy[k][T])
	}
	mt.Cascade = mt.CumulativeShare >= cascade
	mt.FinalGood, mt.TimeToConcession = math.NaN(), math.NaN()
	if o.Good != nil {
		mt.FinalGood = o.Good[T]
	}
	if o.Good != nil && o.Concession >= 0 {
		mt.TimeToConcession = float64(o.Concession)
	}
	for a := range o.DidBy {
		mt.EverBy = append(mt.EverBy, float64(o.DidBy[a][T])/float64(n))
	}
	return mt
}
