// Package sim is connact's model core: agents with identity, resources and a
// tendency to free-ride, living on a social network, mobilised either by
// organisations (collective action) or by personalised action frames that
// spread peer to peer (connective action), or by organisations that seed such
// frames without asking for membership (the hybrid, "organisationally enabled
// connective action"; Bennett & Segerberg 2012).
//
// # Data flow
//
// scenario → Population (NewPopulation) + network (BuildNetwork; and the
// audience layer, with network.audience) → Model
// (NewModel, or NewRun for one run of a study, seeded; StepOnce) →
// Observations → Metrics (ComputeMetrics). Package sim is the model and
// nothing else: running studies (every condition, replicate and sweep
// point on a number of workers, handed over in run order, the memory guard,
// replicate statistics) is sim/runner's; writing them is sim/output's and
// sim/sweep's.
//
// # The house
//
// The model's files follow the step: model.go (the Model, mechanisms and
// their kinds, one table: kinds), events.go (step 1), organisation.go and
// frame.go (step 2: broadcast, amplification, sharing, background;
// efficacy's reference group; the organisations' economy and conversion),
// decision.go (step 3), resources.go (steps 4 and 5), commitment.go (the
// opt-in commitment law, kept in step 5's pass), observe.go (step 6),
// metrics.go, population.go, build.go (a
// run's population, network and model from its seeds), rng.go (the
// random streams) and view.go (Model.Observe: observers called after each
// step with a read-only View of the agents, AgentState copies; nothing is
// kept, and the step costs nothing more, while nobody observes). The agents' dynamic state is in sim/internal/agents
// (see "Performance" below): mechanisms change it only through its
// transitions.
//
// # Agents
//
// Agents are a struct of arrays (Population for the fixed attributes,
// sim/internal/agents for the dynamic state), never a slice of pointers. Attributes are
// float32: they come from distributions with a few significant digits, and
// halving their memory matters at 10^7 agents. Group sizes are exact (largest
// remainder on the shares) and group labels are then shuffled, so that agent
// ids carry no group order. Positions are normal around the group centre,
// truncated to [0,1]; every other attribute comes from its distribution
// (constant, uniform, truncated normal, beta, lognormal truncated to the
// attribute's range by rejection, or an empirical list drawn with
// replacement or in sequence), per group where the group overrides it.
// Initial resources are capped at the agent's cap.
//
// # One step
//
// State 0 is the initial state: initial members (each agent within an
// organisation's tolerance joins with probability members), initial
// awareness of frames (aware), frames seeded at step 0 and events at step 0.
// Step t then computes state t from state t−1 synchronously: every decision
// reads activity at t−1 and writes activity at t.
//
//  1. Events scheduled at t (events.go), and frames whose start is t are
//     seeded; the repression in force (throttles, shutdowns, raised costs)
//     sets each mechanism's share probability and cost for the step.
//  2. Exposure: organisation broadcast and amplification (organisation.go,
//     frame.go), peer sharing from agents active at t−1 (frame.go; over the
//     audience layer when there is one, below), background
//     awareness. Organisations with an economy (opt-in) first pay their
//     overhead and, in their allocation's order, their members' incentives,
//     lose members due a contact they do not reach (churn) and convert
//     the sharers of frames they amplify (organisation.go, "Economy").
//  3. Decision (decision.go): the motivation
//     M_i = β_id·ι_i·a_i·fit_i + β_soc·(s_i − θ_i) + β_inc·I_i − β_cost·c/r_i − β_fr·f_i·(1 − e_i),
//     with e_i the perceived efficacy ("Efficacy and group size") and s_i
//     over the ties i had ("Ties lost to removals"); participation iff r_i ≥ c and M_i ≥ 0 (or with probability
//     1/(1+e^(−M_i/T)) at temperature T > 0), and joining organisations.
//  4. Resources (resources.go): costs, dues, income, cap.
//  5. Commitment κ_i is updated (with decision.commitment only; below);
//     attention decays by 2^(−1/h), or 2^(−(1−σ·κ_i)/h) with commitment;
//     forgotten frames are dropped.
//  6. Observe (observe.go); with an outcome, the public good G(t), its
//     marginal product m(t) and the target's concession (outcome.go).
//
// An agent holds at most one frame at a time: the last one it met, unless it
// is active, in which case it stays with the frame it acts on and meeting
// that frame again refreshes its attention. This is the simplest rule under
// which a committed participant is not poached by every passing frame, and it
// makes the sharers' frames fixed during a step, so that exposure needs no
// double buffer.
//
// # Repression and backlash (opt-in)
//
// Repression aimed at connective action (events.go, "Repression"; issue
// 17): arrest (remove the participants with the longest current spell,
// the most ties, or at random), throttle a frame's share probability by a
// factor for k steps (platform moderation), shut a frame down for k steps
// (no sharing, no amplification: an internet shutdown), and raise the
// cost of acting. Each may carry a backlash b: every agent who sees the
// repression (the remaining ties of an arrested agent, once per arrest;
// the holders of a throttled, shut down or costlier frame) has b added
// to its backlash b_i, and M_i gains + b_i for the rest of the run. Its
// sign and size are the scenario's: repression of one's acquaintances
// can radicalise (Opp & Roehl 1990), or deter, depending on the network
// and on whom it strikes (Siegel 2011). scenarios/repression.yaml shows
// each against both logics (TestRepressionScenario).
//
// # Outcome (opt-in)
//
// With the scenario's outcome block (outcome.go; issue 17, item 3)
// participation produces a public good, G(t) = P(u(t)), u the person-steps
// of participation so far over the effort that makes the whole good, P
// linear, accelerating (u^k), decelerating (1 − (1 − u)^k) or a step at a
// threshold (Oliver, Marwell & Teixeira 1985; Marwell & Oliver 1993). Its
// marginal product m(t), the progress the next twentieth of the effort
// would make, adds β_good·v_g·m(t) to M_i (v_g the good's value to i's
// group) and, with efficacy: progress, replaces e_i for every mechanism:
// efficacy read from observed progress instead of a group's size. A target
// concedes when G or the share active reaches its level; then G = 1 and
// m = 0. m(t) is a shared input of the decision (mechanismsChanged).
//
// # Communities of action (opt-in)
//
// With the scenario's actions (actions.go; issue 18) a community has a
// repertoire — sign, share, donate, march, organise — and an aware agent
// who takes part does one action a step: among the actions open now that
// it can pay for (r_i ≥ c_k + c_a), the one of highest
//
//	M_ia = M_i − β_cost·(c_a/r_i + max(0, e_a − λ_org·O_i)) + σ_ia + Σ_{b done} λ_ba
//
// (c_a and e_a the action's resource cost and effort, O_i the ties
// organising at t−1 and λ_org what each takes off, σ_ia the agent's skill
// at the action, drawn per group, and λ_ba the rung of the action's ladder
// from an action b done before, its public or private value by b's
// visibility). It takes part iff that M_ia ≥ 0. Roles emerge: an agent's
// role is the action it is most skilled at. A private action does not count
// in its ties' social signal; only actions that spread pass the frame on; a
// donation goes to the budget of the organisation whose frame one holds;
// organising lowers the effort of one's ties. Ladders are foot-in-the-door
// (λ > 0; Freedman & Fraser 1966) or crowding out (λ < 0); that the
// visibility of token support sets their sign (Kristofferson, White &
// Peloza 2014) is encoded, not explained. With an outcome, the actions'
// person-steps X_a (over the effort of the whole good) combine additively,
// by CES of substitution ρ (Arrow, Chenery, Minhas & Solow 1961) or by
// Leontief's minimum, so that complementary roles, not only numbers, make
// the good. One action of no cost of its own is the model without actions
// (TestOneActionIsTheModel, on every shipped scenario). What an agent does
// and has done (agents.State.Choose), the actions open (a shared input)
// and the counts of shown and organising ties are decision inputs, kept
// and marked like the others (TestEventDrivenExact recounts them).
//
// # Commitment and novelty (opt-in)
//
// One commitment law for both logics (commitment.go; issue 20, item 1).
// With decision.commitment every agent has a commitment κ_i in [0,1],
// fed the same way by every mechanism and decaying at one rate δ:
//
//	κ_i(t) = min(1, (1−δ)·κ_i(t−1) + (1−κ_i(t−1))·min(1, g_i)),
//	g_i = η_habit·active_i + η_sol·s_i·aware_i + η_fit·fit_i·a_i + η_org·member_i
//
// habit (McAdam 1986, 1989), solidarity with active ties (McAdam 1986;
// Klandermans 1997), identity fit times attention, and membership as
// standing organisational contact (Klandermans 1997; thick against thin
// engagement, Bennett & Segerberg 2012), s_i being the share of active
// ties. κ_i adds β_com·κ_i to M_i and slows attention's decay to
// 2^(−(1−σ·κ_i)/h). A commitment below the attention floor counts as 0.
// Without the block the model is the one without commitment, number for
// number.
//
// Novelty: with frames[].novelty: once (the default) a frame is news only
// once (frame.go, receive). With decay, the n-th re-exposure from a peer
// renews attention by the novelty left, a ← a + (1−a)·ν^n, and an agent who
// forgot the frame holds it again with attention ν^n (Wu & Huberman 2007:
// the novelty of an item decays with every exposure); once ν^n is below
// the attention floor, re-exposure renews nothing. Sharing then keeps the
// draws to agents who have seen the frame (only the gone are dropped).
//
// # Performance: what a step visits
//
// The step is event-driven (issue 5; README "Performance"), and every
// shortcut gives the same run as visiting every agent (TestEventDrivenExact,
// which also recounts the observations from scratch at every step):
//   - The agents' dynamic state lives in sim/internal/agents, behind its
//     transitions (Hold, Forget, Start, Seed, Lapse, Join, Leave,
//     SetResources, Decay, Commit, Renew, AddActiveNbr, Remove, Choose,
//     AddOrgNbr): the model reads it and
//     changes it only through them, so the marks for the next decision,
//     the sets and the counts below are kept in one place, which the
//     compiler enforces (the state's fields are unexported there).
//   - Sets of agents are bitsets: aware, active, members,
//     earning (resources below the cap with income), fading (a frame with a
//     half-life), dirty (decision inputs changed), and for each frame who
//     has seen it or is gone (removed or done). A phase walks the words of the sets it
//     needs: one word read per 64 agents for the rest.
//   - Each agent's number of active neighbours is kept up to date as activity
//     changes, so the social signal is O(1) and ties are walked only for the
//     agents whose activity changed.
//   - An agent decides only when an input of its decision changed (decide):
//     a neighbour's activity, a tie lost, a frame held, attention, resources,
//     membership, or its mechanism's shared inputs; with temperature > 0 every
//     aware agent draws every step.
//   - Observation counts are kept as agents change (agents.Counts); settle
//     visits only members, earning agents, paying participants and fading
//     frames' holders (with commitment, also the aware and the committed). A fractional-threshold step in which nothing changes
//     costs N/64 word reads.
//   - Sharing draws one geometric skip per success, from the ziggurat
//     exponential (no logarithm for 99% of draws), in sharer order, and
//     drops at once the draws whose target has seen the frame or is gone
//     (receive would ignore them; gone agents are in every frame's seen
//     set, so this is one bit test). The rest, and the neighbour-count
//     updates, are applied grouped by blocks of agent ids (sim/internal/par),
//     which turns cache misses into streaming.
//   - A run with spare cores (fewer runs than workers) shares out its
//     decisions (ranges of whole words, merged in agent order), sharing
//     (spans of 262,144 agents, each sharer with its own keyed stream, see
//     Randomness),
//     deliveries, neighbour counts and settling (the same spans with their
//     own sums, merged in order). Nothing depends on the number of
//     goroutines. Per-goroutine counters are padded past a cache line
//     (par.Padded): adjacent, they made two cores slower than one.
//
// Profiles of the full model at 10^7 agents (README) show what remains: the
// random access of the dynamics themselves (decisions reading neighbours'
// counts, deliveries, neighbour-count updates) and the network statistics
// computed beside the run.
//
// # Efficacy and group size
//
// e_i = min(1, (n_ref/n_rel)^γ) with n_rel the group one's contribution is
// visible to: the organisation's membership for members (membership + 1 for
// a prospect), the whole population for unorganised collective action (a
// frame with expression: collective, or the frame of a suppressed
// organisation). With free-riding weight β_fr > 0 this is Olson's (1965)
// group-size effect.
//
// Personal expression (decision.personal_efficacy) escapes it. By default
// (joint) its efficacy is the same for every agent, e = min(1, (n_ref/k̄)^γ)
// at the network's mean degree k̄: a personal message is a good with
// jointness of supply, which costs its sender the same however many ties
// see it, and with jointness of supply the size of the group does not lower
// the worth of one's contribution (Oliver & Marwell 1988). Before model 2.0
// the group was one's own k_i ties, e = min(1, (n_ref/k_i)^γ), still
// available as personal_efficacy: ties; it made the best-connected the least
// efficacious and, on heavy-tailed networks, the least active (share ever
// active 0.49 at degree 6–10, 0.20 at degree ≥ 100), against Barberá et al.
// (2015), who find core users the most active (issue 17). active_ties,
// e = min(1, ((1 + A_i)/n_ref)^γ) with A_i one's ties active at t−1, makes
// expression feel effective as far as one sees others act (Klandermans
// 1984).
//
// # Ties lost to removals
//
// A removed agent's neighbours lose a tie. With decision.tie_loss: counts,
// the default, the lost tie counts as a tie that no longer acts: the share
// of active ties s_i (and the commitment's solidarity share, and the ties of
// personal_efficacy: ties) is over the ties i had, so a removal lowers the
// share of the removed agent's active neighbours and changes no one else's,
// and removing agents never raises a social signal or an efficacy. With
// renormalise, the rule before model 2.0, shares are over the ties that
// remain, so losing an inactive neighbour raises one's share of active ties:
// with the old efficacy law, removing the top 5% hubs then raised
// connective participation (0.462 → 0.550 in scenarios/contrasts/README.md),
// which no account of repression predicts. TestRemovalNeverRaisesParticipation
// checks, over the shipped contrasts' removal arms on common random numbers,
// that removing hubs no longer raises participation.
//
// # Core and periphery; added ties
//
// Two network-structure results of issue 17, each checked by a test on a
// scenario of scenarios/classics (whose README gives the numbers).
// Barberá et al. (2015) find activity per person rising with the k-core
// number and the periphery carrying much of a protest's reach. On a
// power-law configuration network (network.model: configuration, whose
// core numbers spread over many shells) the model reproduces the first:
// the inner core is more often and longer active, because an agent with
// more ties is reached by more sharers; with everyone aware from the start
// the rise is gone (TestClassicBarbera). On one network it does not
// reproduce the second: a participant's audience is then its ties in the
// same network, and the periphery's ties lead mostly to agents the core
// already reaches, so the peripheral participants add less audience than
// as many random ones. In the paper the k-cores come from the protest's
// retweet network while reach counts followers, most of them outside it.
// With an audience layer of followers (below) the second claim holds and
// the first goes: exposure through followers independent of the cores no
// longer rises with the core number. Siegel (2009) finds that added ties can lower
// participation, depending on motivations: under the fractional threshold
// rule (θ_i = 1 − β_i, β_i one's internal motivation) the same weakly
// motivated people with 12 ties instead of 4 take part less, as each
// self-starter becomes a smaller share of her neighbours' ties, while a
// motivated population takes part more; with count thresholds
// (social_mode: absolute) the decrease is gone (TestClassicSiegel).
//
// # The audience layer (opt-in)
//
// With network.audience a run has a second network over the same agents
// (Model.Audience), generated by any of the network's models from a random
// stream of its own (StreamAudience, from the replicate's paired seed, so
// that every arm of a replicate shares it and its ties are independent of
// the interaction network's). Peer sharing shows a sharer's frame to its
// neighbours in the audience instead of its ties: the followers who see a
// post, most of whom never take part (Barberá et al. 2015, who take
// k-cores from the retweet network and count reach over followers).
// Everything else stays on the interaction network (Model.Net): the social
// signal s_i and the ties lost to removals, personal efficacy by ties and
// its mean degree, neighbourhood seeding, backlash seen by one's ties,
// recruitment through members' ties, removal by degree (remove_hubs,
// remove_periphery, arrest by degree) and View's degree and core number.
// A removed agent is gone from both layers: it neither shares nor receives.
// Without the block the model is the one network's, number for number.
//
// # Canonical special cases
//
// Reachable by configuration alone (see the tests):
//   - Fractional threshold model (Granovetter 1978; Watts 2002): every agent
//     aware of a frame (frames[].aware: 1), only the social weight
//     (decision.social: 1, all other weights 0), permanent: true. Agent i
//     joins at t iff the share of its neighbours active at t−1 is ≥ θ_i.
//     Granovetter's thresholds are numbers of people: with social_mode:
//     absolute on a complete graph the threshold list 0..99 is entered as is.
//   - Independent cascade / SIR (Kermack & McKendrick 1927; Newman 2002):
//     all weights 0 (so M_i = 0 ≥ 0: whoever is reached joins), share = the
//     transmissibility T, active_steps: 1, rejoin: false. Each active agent
//     passes the frame to each neighbour with probability T once, then is
//     removed. On G(n,p) the final size r solves r = 1 − exp(−R0·r), R0 = T·⟨k⟩.
//   - Absolute-threshold complex contagion (Centola & Macy 2007): social_mode:
//     absolute, permanent, ring lattices and small worlds.
//
// # Randomness
//
// math/rand/v2 PCG sources only, no global source. The run seed is
// RunSeed(scenario seed, arm, replicate) = Derive(scenario seed, "run",
// arm, replicate), the arm numbering a study's points and conditions
// (point·conditions + condition), written on every output row; it drives
// the dynamics. The population and the network of replicate r
// come from PairedSeed(scenario seed, r), the same for every condition and
// sweep point, so that arms are compared on the same people and ties (common
// random numbers). Within a run the population, network, dynamics and
// statistics streams are separate generators.
//
// The dynamics draw nothing from a stream in the order the step happens to
// make its draws: every draw is keyed by its purpose, the step and the
// agent, organisation, frame or event it concerns, hashed with a key the
// model takes from the run's dynamics generator (rng.go, "Keyed draws";
// counter-based random numbers, Salmon et al. 2011). A single draw per
// agent (a decision at temperature > 0, churn, conversion, initial
// membership or awareness) is the hash itself; a purpose that makes
// several draws (a sharer's geometric skips over its ties, an
// organisation's contacts, a frame's seeds, an event's sample) reseeds a
// PCG generator from its key. So the draws do not depend on the order
// agents are visited in, nor on how many goroutines share them out, and
// with the scenario's common_random_numbers (opt-in), under which every
// condition of a replicate at a sweep point shares the dynamics' seed,
// RunSeed(scenario seed, point, replicate), two arms are identical up to
// the first step at which their settings differ (an event at step 30:
// identical through step 29), and after it every agent the event left
// alone makes the same draws in both.
//
// G(n,p) and G(n,m) networks of more than 262,144 nodes draw the pairs of
// each span of rows from their own generator, seeded by Derive(key, s)
// (sim/network), so that they can be drawn on several cores with the same
// result on any number of them.
//
// # Intervals across replicates
//
// How a quantity is summarised across replicates (Student's t for means,
// Wilson's score interval for the 0/1 cascade metric, quantiles by Hyndman
// & Fan's definition 7) is sim/runner's; see its package doc.
//
// # References
//
// Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for a
// binomial proportion. Statistical Science 16(2), 101–133.
//
// Arrow, K. J., Chenery, H. B., Minhas, B. S. & Solow, R. M. (1961).
// Capital-labor substitution and economic efficiency. Review of Economics
// and Statistics 43(3), 225–250.
// Barberá, P., Wang, N., Bonneau, R., Jost, J. T., Nagler, J., Tucker, J. &
// González-Bailón, S. (2015). The critical periphery in the growth of social
// protests. PLoS ONE 10(11), e0143611.
// Bennett, W. L. & Segerberg, A. (2012). The logic of connective action.
// Information, Communication & Society 15(5), 739–768.
// Centola, D. & Macy, M. (2007). Complex contagions and the weakness of long
// ties. American Journal of Sociology 113(3), 702–734.
// Freedman, J. L. & Fraser, S. C. (1966). Compliance without pressure: the
// foot-in-the-door technique. Journal of Personality and Social Psychology
// 4(2), 195–202.
// Granovetter, M. (1978). Threshold models of collective behavior. American
// Journal of Sociology 83(6), 1420–1443.
// Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages.
// The American Statistician 50(4), 361–365.
// Kristofferson, K., White, K. & Peloza, J. (2014). The nature of
// slacktivism: how the social observability of an initial act of token
// support affects subsequent prosocial action. Journal of Consumer Research
// 40(6), 1149–1166.
// Klandermans, B. (1984). Mobilization and participation: social-psychological
// expansions of resource mobilization theory. American Sociological Review
// 49(5), 583–600.
// Klandermans, B. (1997). The Social Psychology of Protest. Blackwell.
// McAdam, D. (1986). Recruitment to high-risk activism: the case of
// Freedom Summer. American Journal of Sociology 92(1), 64–90.
// McAdam, D. (1989). The biographical consequences of activism. American
// Sociological Review 54(5), 744–760.
// McCarthy, J. D. & Zald, M. N. (1977). Resource mobilization and social
// movements: a partial theory. American Journal of Sociology 82(6),
// 1212–1241.
// Marwell, G. & Oliver, P. (1993). The Critical Mass in Collective Action: A
// Micro-Social Theory. Cambridge University Press.
// Newman, M. E. J. (2002). Spread of epidemic disease on networks. Physical
// Review E 66, 016128.
// Opp, K.-D. & Roehl, W. (1990). Repression, micromobilization, and political
// protest. Social Forces 69(2), 521–547.
// Oliver, P., Marwell, G. & Teixeira, R. (1985). A theory of the critical
// mass I. American Journal of Sociology 91(3), 522–556.
// Oliver, P. & Marwell, G. (1988). The paradox of group size in collective
// action. American Sociological Review 53(1), 1–8.
// Olson, M. (1965). The Logic of Collective Action. Harvard University Press.
// Salmon, J. K., Moraes, M. A., Dror, R. O. & Shaw, D. E. (2011). Parallel
// random numbers: as easy as 1, 2, 3. Proceedings of SC'11, article 16,
// doi:10.1145/2063384.2063405.
// Siegel, D. A. (2009). Social networks and collective action. American
// Journal of Political Science 53(1), 122–138.
// Siegel, D. A. (2011). When does repression work? Collective action in
// social networks. The Journal of Politics 73(4), 993–1010.
// Visser, J. (2002). Why fewer workers join unions in Europe: a social
// custom explanation of membership trends. British Journal of Industrial
// Relations 40(3), 403–430.
// Waddington, J. & Kerr, A. (1999). Trying to stem the flow: union
// membership turnover in the public sector. Industrial Relations Journal
// 30, doi:10.1111/1468-2338.00119.
// Watts, D. J. (2002). A simple model of global cascades on random networks.
// PNAS 99(9), 5766–5771.
// Wilson, E. B. (1927). Probable inference, the law of succession, and
// statistical inference. Journal of the American Statistical Association
// 22(158), 209–212.
// Wu, F. & Huberman, B. A. (2007). Novelty and collective attention. PNAS
// 104(45), 17599–17601.
// Yasseri, T., Hale, S. A. & Margetts, H. (2017). Rapid rise and decay in
// petition signing. EPJ Data Science 6, 20.
package sim
