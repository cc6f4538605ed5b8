package sim

import (
	"math"
	"math/bits"
	"math/rand/v2"

	"github.com/connact/connact/sim/internal/agents"
	"github.com/connact/connact/sim/internal/par"
)

// Peer-to-peer frames: connective action through personalised action frames
// (Bennett & Segerberg 2012; step 2, "Peer sharing").
//
// Each agent active on a frame f at t-1 passes it to each neighbour with
// probability p_share: its neighbours in the audience layer when the
// scenario has one (network.audience, Model.Audience; the followers who see
// a post, most of whom never take part, Barberá et al. 2015), in the one
// network otherwise. What the receiver sees is the sharer's personal
// version: a frame centred on the sharer's own position x_j, of width w. If
// |x_i − x_j| ≤ w the receiver becomes aware with attention 1 and holds the
// frame centred on x_j. Every hop re-centres the frame on the sharer, which
// is how a personalised frame travels across positions that a fixed
// collective frame, centred on an organisation, never reaches.
//
// Frames are seeded by the crowd (random agents, each holding the frame
// centred on itself) or by an organisation (organisationally enabled
// connective action): seeds are then drawn among agents within w of the
// organisation, and the organisation may pay to amplify the frame, contacting
// amplify agents a step through media at its contact cost, with no
// membership or dues. Such paid contacts renew attention as an organisation's
// contacts do, which is what the hybrid adds to crowd-enabled action.

// geomSkip returns how many Bernoulli(p) failures precede the next success,
// drawn directly from the geometric distribution, so that sharing costs one
// draw per success rather than one per tie (Batagelj & Brandes 2005 use the
// same device for G(n,p)). With E ~ Exp(1), ⌊E/λ⌋ for λ = −ln(1−p) is
// geometric: P(⌊E/λ⌋ ≥ k) = e^{−kλ} = (1−p)^k. E comes from the ziggurat
// (rand.ExpFloat64), which needs no logarithm for 99% of draws; the
// logarithm of a uniform draw, ⌊ln U / ln(1−p)⌋, cost a tenth of a full
// step (issue 5 profile).
func geomSkip(r *rand.Rand, lambda float64) int {
	s := math.Floor(r.ExpFloat64() / lambda)
	if s > math.MaxInt32 {
		return math.MaxInt32
	}
	return int(s)
}

// share runs peer sharing from the agents active on a frame at t-1.
//
// The draws are made first, in sharer order, and delivered afterwards
// (deliver). Delivery to different agents does not interact within the
// phase: whether a draw makes its target aware depends only on the target's
// own state and on the sharer's frame, which is fixed while it is active. So
// the draws may be delivered grouped by blocks of target ids, each target's
// draws still in the order they were made, with the same result as one by
// one.
//
// A population of more than one span of agents (Model.shareWords words,
// 262,144 agents) is drawn a round of spans at a time on several
// goroutines, delivered in span order. Every sharer draws from its own
// stream, keyed by the step and its id (rng.go, "Keyed draws"), so the
// draws do not depend on how the spans are shared out, and an agent that
// shares in two arms of a study reaches the same ties in both.
func (m *Model) share() {
	if !m.sharing {
		return
	}
	words, sw := m.ag.Words(), m.shareWords
	spans := max(1, (words+sw-1)/sw)
	parts := min(m.threads, spans)
	for len(m.drawers) < parts {
		dr := &drawer{}
		dr.rnd = rand.New(&dr.pcg)
		m.drawers = append(m.drawers, dr)
	}
	key := m.stepKey(purposeShare, m.t)
	for first := 0; first < spans; first += parts {
		n := min(parts, spans-first)
		m.ph = phase{parts: n, spans: spans, first: first, key: key}
		par.ForPartsWith(n, m, (*Model).drawPart)
		d := m.drawers[0].d
		if n > 1 {
			d = m.draws[:0]
			for _, dr := range m.drawers[:n] {
				d = append(d, dr.d...)
			}
			m.draws = d[:0]
		}
		m.deliver(d)
	}
}

// drawer is one goroutine's sharer streams and draws in share. Each is
// allocated on its own, padded past a cache line, so that two cores
// advancing their generators do not write the same line (false sharing
// made the parallel draws four times slower than one core's).
type drawer struct {
	pcg rand.PCG
	rnd *rand.Rand
	d   []draw
	_   [par.CacheLine]byte
}

// drawPart makes the draws of span first+p of the round (share).
func (m *Model) drawPart(p int) {
	ph, words, sw := &m.ph, m.ag.Words(), m.shareWords
	s, dr := ph.first+p, m.drawers[p]
	// One goroutine alone may deliver as it goes, which bounds the draws it
	// holds; several hold a span's draws each.
	dr.d = m.drawSpan(dr, ph.key, s*sw, min(words, (s+1)*sw), dr.d[:0], ph.parts == 1)
}

// drawSpan makes the sharing draws of the sharers in words [lo, hi) of the
// agent sets, in id order, each sharer from its stream under the step's
// key, appending them to d. With flush it delivers every drawBatch draws
// and returns what is left.
func (m *Model) drawSpan(dr *drawer, key uint64, lo, hi int, d []draw, flush bool) []draw {
	r := dr.rnd
	for w := lo; w < hi; w++ {
		for x := m.ag.ActiveWord(w); x != 0; x &= x - 1 {
			j := int32(w<<6 | bits.TrailingZeros64(x))
			k := m.ag.Held(j)
			if k < 0 || m.mechs[k].kind.organised() || m.mechs[k].share <= 0 {
				continue
			}
			if m.acts != nil && !m.acts[m.ag.Act(j)].spreads {
				continue // its action does not pass the frame on (actions.go)
			}
			c := m.Pop.Position[j]
			nb := m.shareNet.Neighbours(j) // the audience layer, when there is one
			// A draw whose target has already seen the frame, or is
			// gone (both in seen: agents.State), is one receive would
			// ignore: the set loses no members during the phase, so the
			// draw is dropped here, after its random draw, and the run
			// is unchanged. Once a frame has travelled this is most
			// draws, and dropping them spares their grouping and
			// delivery. Every sharer holds a peer frame (organisations
			// do not share), so seen is always there.
			// A frame that renews with decaying novelty still reaches
			// those who have seen it (receive, renew): only the gone are
			// dropped.
			seen, renews := m.ag.SeenSet(m.mechs[k].frame), m.mechs[k].novelty > 0
			if m.mechs[k].share >= 1 {
				for _, i := range nb {
					if !seen.Has(i) || renews && !m.ag.Gone(i) {
						d = append(d, draw{target: i, centre: c, mech: int16(k)})
					}
				}
			} else {
				lambda := m.mechs[k].lambda
				seedFrom(&dr.pcg, keyed(key, uint64(j)))
				for a := geomSkip(r, lambda); a < len(nb); a += 1 + geomSkip(r, lambda) {
					if i := nb[a]; !seen.Has(i) || renews && !m.ag.Gone(i) {
						d = append(d, draw{target: i, centre: c, mech: int16(k)})
					}
				}
			}
			if flush && len(d) >= drawBatch {
				m.deliver(d)
				d = d[:0]
			}
		}
	}
	return d
}

// draw is one success of peer sharing: a sharer shows its version of frame
// mech, centred on its own position, to target.
type draw struct {
	target int32
	centre float32
	mech   int16
}

// drawBatch bounds the draws held before delivery (12 MiB), and
// blockDraws is the batch below which grouping by target does not pay
// (Model.blockMin, which tests lower).
const (
	drawBatch  = 1 << 20
	blockDraws = 1 << 14
)

// deliver applies a batch of draws, a large one grouped by blocks of target
// ids (par.ApplyGrouped), on the run's goroutines, each keeping its own counts.
func (m *Model) deliver(d []draw) {
	parts := m.partCounts(m.threads)
	par.ApplyGroupedWith(&m.blocks, &m.sorted, d, m.Pop.N, m.threads, m.blockMin, drawTarget, m, (*Model).receiveAll)
	for p := range parts {
		m.ag.Tally().Counts().Add(&parts[p])
	}
}

func drawTarget(x draw) int32 { return x.target }

// receiveAll delivers draws d on goroutine p, with its own counts.
func (m *Model) receiveAll(p int, d []draw) {
	for _, x := range d {
		m.receive(&m.partCount[p], x.target, int(x.mech), x.centre)
	}
}

// receive: agent i is shown frame k centred on c by a peer. With
// frames[].novelty: once (the default) a frame is news only once: meeting
// again a frame one holds, or has held and forgotten, renews nothing.
// Collective attention to a novelty fades however often it is repeated
// (Wu & Huberman 2007, PNAS 104(45); Yasseri, Hale & Margetts 2017), which
// is why connective mobilisation decays unless new people keep being
// reached. With novelty: decay, re-exposure renews attention by the novelty
// left, which shrinks by ν per re-exposure (renew). Organisations, by
// contrast, renew their members' attention with every contact they pay
// for, and media shocks (events) make even those who have seen a frame aware
// of it again.
func (m *Model) receive(cnt *agents.Counts, i int32, k int, c float32) {
	// Gone agents are in seen too (agents.State), so this is the one test.
	if m.hasSeen(i, k) {
		if m.mechs[k].novelty > 0 && !m.ag.Gone(i) {
			m.renew(cnt, i, k, c)
		}
		return
	}
	if math.Abs(float64(m.Pop.Position[i]-c)) <= m.mechs[k].width {
		m.ag.Hold(cnt, i, k, c)
	}
}

// renew is the n-th re-exposure of agent i, who has held frame k, to a
// peer's version centred on c, under novelty: decay (Wu & Huberman 2007:
// the novelty of an item decays with every exposure, r_n = ν^n, and the
// attention it draws with it). Within the frame's width, an agent holding
// the frame has its attention raised to a + (1−a)·ν^n, and one holding none
// holds it again with attention ν^n (agents.State.Renew); once ν^n is below
// the attention floor the frame is no longer news to i at all.
func (m *Model) renew(cnt *agents.Counts, i int32, k int, c float32) {
	mc := &m.mechs[k]
	if math.Abs(float64(m.Pop.Position[i]-c)) > mc.width {
		return
	}
	gain := float32(math.Pow(mc.novelty, float64(m.ag.Exposures(mc.frame, i)+1)))
	if gain <= 0 || gain < m.floor {
		return
	}
	m.ag.Renew(cnt, i, k, c, gain)
}

// seedFrame makes n agents active on frame mechanism k now; they start
// sharing in this step and are committed for it (decide skips them).
func (m *Model) seedFrame(k, n int) {
	mc := &m.mechs[k]
	cand := m.pick[:0]
	for i := range int32(m.Pop.N) {
		if m.ag.Gone(i) || m.ag.Active(i) {
			continue
		}
		if mc.org >= 0 && math.Abs(float64(m.Pop.Position[i])-mc.centre) > mc.width {
			continue
		}
		cand = append(cand, i)
	}
	if mc.org >= 0 && len(cand) < n {
		// Too few agents near the sponsor: fall back to anyone available.
		cand = cand[:0]
		for i := range int32(m.Pop.N) {
			if !m.ag.Gone(i) && !m.ag.Active(i) {
				cand = append(cand, i)
			}
		}
	}
	n = min(n, len(cand))
	hood := m.sc.Frames[mc.frame].Seeding == "neighbourhood"
	r := m.stream(purposeSeed, uint64(k))
	for a := range n {
		b := a + r.IntN(len(cand)-a)
		cand[a], cand[b] = cand[b], cand[a]
		i := cand[a]
		if m.ag.Active(i) { // already brought in by an earlier seed's neighbourhood
			continue
		}
		m.seedOne(i, k)
		if hood {
			for _, j := range m.Net.Neighbours(i) {
				if !m.ag.Gone(j) && !m.ag.Active(j) {
					m.seedOne(j, k)
				}
			}
		}
	}
	m.pick = cand
}

// seedOne makes i an active seed of frame mechanism k.
func (m *Model) seedOne(i int32, k int) {
	mc := &m.mechs[k]
	c := m.Pop.Position[i] // a crowd seed shares its own version
	if mc.org >= 0 {
		c = float32(mc.centre)
	}
	m.hold(i, k, c)
	if m.acts != nil {
		m.doAction(i, m.seedAction(), m.actSt.did)
	}
	m.ag.Seed(i, int32(m.t))
}

// amplify lets organisations push the frames they sponsor through media:
// amplify random agents a step, at the sponsor's contact cost, while its
// budget lasts; a sponsor that converts then recruits the frame's active
// sharers (convert), and organisations that put outreach first pay their
// incentives (payAfter; organisation.go, "Economy").
func (m *Model) amplify() {
	for _, k := range m.frames {
		mc := &m.mechs[k]
		f := &m.sc.Frames[mc.frame]
		if !mc.enabled || mc.org < 0 || f.Amplify <= 0 || !m.acting(mc.org) || m.t < f.Start || mc.shutdown {
			continue
		}
		o := &m.orgs[mc.org]
		n := m.contacts(o, f.Amplify)
		c := float32(mc.centre)
		r := m.stream(purposeAmplify, uint64(k))
		for range n {
			i := int32(r.IntN(m.Pop.N))
			// A paid contact, not a peer's post: like an organisation's
			// contact it renews attention, even of those who have seen
			// the frame before (the organisation keeps producing new
			// material), but only within the frame's width of it.
			if !m.ag.Gone(i) && math.Abs(float64(m.Pop.Position[i]-c)) <= mc.width {
				m.hold(i, k, c)
			}
		}
		m.spend(o, n)
		if o.cfg.Convert > 0 && o.membership {
			m.convert(k, mc.org)
		}
	}
	m.payAfter()
}

// background makes unaware agents aware of one mechanism at a fixed rate,
// visiting only the agents hit (geometric skipping over agent ids).
func (m *Model) background() {
	b := &m.sc.Background
	if b.Rate <= 0 {
		return
	}
	k := m.bgMech
	if k < 0 || !m.mechs[k].enabled {
		return
	}
	c := float32(m.mechs[k].centre)
	hit := func(i int32) {
		if !m.ag.Gone(i) && m.ag.Held(i) < 0 {
			m.hold(i, k, c)
		}
	}
	if b.Rate >= 1 {
		for i := range int32(m.Pop.N) {
			hit(i)
		}
		return
	}
	lambda := -math.Log1p(-b.Rate)
	r := m.stream(purposeBackground, uint64(k))
	for i := geomSkip(r, lambda); i < m.Pop.N; i += 1 + geomSkip(r, lambda) {
		hit(int32(i))
	}
}
