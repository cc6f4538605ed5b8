package scenario

// The schema: one Go type per YAML mapping. Field tags give the YAML key; every
// field is documented with its meaning, unit, range and default, and defaults.go
// sets the defaults in one place. Optional numbers that must be told apart from
// zero are pointers.

// Scenario is one whole study: population, network, mechanisms, events and
// outputs, run for a number of steps and replicates, possibly under several
// named conditions (arms) that share population and network draws.
type Scenario struct {
	Name        string `yaml:"name"`        // required; [A-Za-z0-9._-], names the results folder
	Description string `yaml:"description"` // free text
	Seed        uint64 `yaml:"seed"`        // scenario seed; every run seed derives from it (default 1)
	Steps       int    `yaml:"steps"`       // number of steps after the initial state (default 100; 1..1e6)
	Replicates  int    `yaml:"replicates"`  // replicates per condition (default 10; 1..1e6)
	TimeUnit    string `yaml:"time_unit"`   // what one step is, for axis labels (default "day")
	// CommonRandomNumbers makes every condition of a replicate at a sweep
	// point draw its dynamics from the same run seed, RunSeed(seed, point,
	// replicate), instead of one seed per condition: two arms are then
	// identical until the step they first differ, and their paired
	// differences (contrasts.csv) are estimated with common random numbers
	// (Law 2015, Simulation Modeling and Analysis, §11.2). Default false.
	CommonRandomNumbers bool `yaml:"common_random_numbers"`

	Population    Population     `yaml:"population"`
	Network       Network        `yaml:"network"`
	Decision      Decision       `yaml:"decision"`
	Organisations []Organisation `yaml:"organisations"`
	Frames        []Frame        `yaml:"frames"`
	Background    Background     `yaml:"background"`
	Events        []Event        `yaml:"events"`
	Conditions    []Condition    `yaml:"conditions"`
	Outputs       Outputs        `yaml:"outputs"`
	// Outcome is the public good the movement produces and the target
	// that concedes it (absent: no outcome, the model as before; see
	// Outcome).
	Outcome *Outcome `yaml:"outcome"`
	// Actions are the repertoire of a community of action (absent: one
	// action, participation, the model as before; see Action).
	Actions []Action `yaml:"actions"`
	// Sweep varies fields across points (connact sweep); connact run
	// ignores it and runs the scenario as written.
	Sweep *Sweep `yaml:"sweep"`
	// Fit calibrates some fields to observed data (connact fit; package
	// sim/fit); run and sweep ignore it. A scenario has a fit or a sweep,
	// not both: a fit makes its own sweeps, one per generation.
	Fit *Fit `yaml:"fit"`
}

// Population describes the N agents and how their attributes are drawn.
type Population struct {
	// Size is the number of agents N (1..2^31-1). With network.model: file it
	// may be 0 (the default), and is then the number of nodes in the file.
	Size int `yaml:"size"`
	// Groups are the identity groups; shares must sum to 1. Default: one group
	// "all" with share 1 and centre 0.5.
	Groups []Group `yaml:"groups"`
	// GroupCount > 0 makes the groups, when none are given, that many groups
	// g1..gG of equal share with centres evenly spaced over CentreSpread
	// around 0.5: diversity as one number that a sweep can vary (default 0:
	// one group "all" unless groups are given). Given together with groups
	// it must equal their number.
	GroupCount int `yaml:"group_count"`
	// CentreSpread is the distance between the outermost generated group
	// centres, in [0,1] (default 0.5).
	CentreSpread float64 `yaml:"centre_spread"`
	// PositionSpread is σ_x, the standard deviation of positions around the
	// group centre (normal truncated to [0,1]; default 0.15).
	PositionSpread float64 `yaml:"position_spread"`

	Identity   Dist `yaml:"identity"`    // ι_i in [0,1] (default uniform 0..1)
	Resources  Dist `yaml:"resources"`   // r_i at start, ≥ 0 (default constant 1)
	Income     Dist `yaml:"income"`      // resources earned per step, ≥ 0 (default constant 0.1)
	Cap        Dist `yaml:"cap"`         // maximum resources, > 0 (default constant 2)
	FreeRiding Dist `yaml:"free_riding"` // f_i in [0,1] (default uniform 0..1)
	Threshold  Dist `yaml:"threshold"`   // θ_i in [0,1] (fractional) or ≥ 0 (absolute) (default uniform 0..1)
}

// Group is one identity group. Any attribute given here overrides the
// population-wide distribution for agents of this group.
type Group struct {
	Name           string   `yaml:"name"`            // required, unique
	Share          float64  `yaml:"share"`           // s_g in (0,1]; shares sum to 1
	Centre         float64  `yaml:"centre"`          // centre of positions in [0,1] (default 0.5)
	PositionSpread *float64 `yaml:"position_spread"` // overrides population.position_spread

	Identity   *Dist `yaml:"identity"`
	Resources  *Dist `yaml:"resources"`
	Income     *Dist `yaml:"income"`
	Cap        *Dist `yaml:"cap"`
	FreeRiding *Dist `yaml:"free_riding"`
	Threshold  *Dist `yaml:"threshold"`
}

// Dist is a distribution of one agent attribute. In YAML it is either a bare
// number (a constant) or a mapping with key dist and that family's parameters:
//
//	0.3
//	{dist: constant, value: 0.3}
//	{dist: uniform, min: 0, max: 1}
//	{dist: normal, mean: 0.5, sd: 0.1}        # truncated to the attribute's range
//	{dist: normal, mean: 25, sd: 12, bounds: clamp}  # censored at the range's bounds
//	{dist: beta, a: 2, b: 5}
//	{dist: lognormal, mu: 0, sigma: 0.5}      # parameters of the underlying normal
//	{dist: empirical, values: [..], draw: sample|sequence}
//
// draw: sample (default) draws values uniformly with replacement; sequence
// gives agent i values[i mod len] (agents are in group order), which is how a
// fixed threshold list such as Granovetter's 0..99 is entered.
type Dist struct {
	Kind   DistKind  `yaml:"dist"`
	Value  float64   `yaml:"value"`
	Min    float64   `yaml:"min"`
	Max    float64   `yaml:"max"`
	Mean   float64   `yaml:"mean"`
	SD     float64   `yaml:"sd"`
	A      float64   `yaml:"a"`
	B      float64   `yaml:"b"`
	Mu     float64   `yaml:"mu"`
	Sigma  float64   `yaml:"sigma"`
	Values []float64 `yaml:"values"`
	Draw   string    `yaml:"draw"`
	// Bounds (normal only) says what happens to draws outside the
	// attribute's range: truncate (default) draws again, so the density is
	// the normal's restricted to the range; clamp sets them to the nearest
	// bound (a censored normal), which puts the mass below 0 at 0 —
	// Granovetter's (1978) convention for thresholds, where everyone whose
	// draw is negative is an instigator.
	Bounds string `yaml:"bounds"`
}

// Network chooses the social network generator.
type Network struct {
	// Model is the generator, one of NetworkModels (the NetworkModel
	// constants say what each makes).
	Model      NetworkModel `yaml:"model"`       // default erdos_renyi
	MeanDegree float64      `yaml:"mean_degree"` // expected mean degree <k> (default 10); ring/watts_strogatz: k, even
	Rewire     float64      `yaml:"rewire"`      // watts_strogatz rewiring probability β in [0,1] (default 0.1)
	Attach     int          `yaml:"attach"`      // barabasi_albert edges per new node m (default mean_degree/2)
	// Exponent γ > 2 and MinDegree k_min ≥ 1 (configuration model): degrees
	// are drawn from P(k) ∝ k^-γ for k_min ≤ k < size (defaults 2.5 and 2).
	Exponent  float64 `yaml:"exponent"`
	MinDegree int     `yaml:"min_degree"`
	// Homophily (block model): expected share of a node's ties inside its own
	// group, in [0,1]; 1/G is no homophily (default 0.8).
	Homophily float64 `yaml:"homophily"`
	// File is an edge list (CSV, TSV or whitespace; optional header; # comments),
	// relative to the scenario file.
	File string `yaml:"file"`
	// Nodes is an optional node table for the file's nodes (CSV with a
	// header: id, and optionally group, position, identity, resources,
	// free_riding, threshold; other columns are ignored), relative to the
	// scenario file: its groups become the agents' identity groups (each
	// a name of population.groups, whose shares are then not used) and
	// its numbers replace the agents' drawn values. Only with model: file.
	Nodes string `yaml:"nodes"`
	// Audience is an optional second layer over the same agents, through
	// which frames are shown (peer sharing) instead of through the ties
	// above (absent: one network does both, the model before it existed).
	// Barberá et al. (2015, PLoS ONE 10(11) e0143611) take k-cores from
	// the protest's interaction (retweet) network but count reach over
	// followers, most of whom never take part: the interaction network
	// carries the social signal, the audience the messages. It is
	// generated (a model and its fields as above; not file or nodes, and
	// no audience of its own) from a random stream of its own, so that
	// its ties are independent of the interaction network's. Its fields
	// default as the network's do.
	Audience *Network `yaml:"audience"`
}

// Decision holds the weights of the motivation (step 3 of "One step" in the package doc):
//
//	M_i = β_id·ι_i·a_i·fit_i + β_soc·(s_i − θ_i) + β_inc·I_i − β_cost·c/r_i − β_fr·f_i·(1 − e_i)
type Decision struct {
	Identity    float64 `yaml:"identity"`    // β_id (default 1)
	Social      float64 `yaml:"social"`      // β_soc (default 1)
	Incentive   float64 `yaml:"incentive"`   // β_inc (default 1)
	Cost        float64 `yaml:"cost"`        // β_cost (default 1)
	FreeRiding  float64 `yaml:"free_riding"` // β_fr (default 1)
	Temperature float64 `yaml:"temperature"` // T ≥ 0; 0 is the deterministic rule (default 0)
	// SocialMode: fractional (s_i = share of active neighbours, θ_i a share;
	// Granovetter 1978, Watts 2002) or absolute (s_i = number of active
	// neighbours, θ_i a count; Centola & Macy 2007); see SocialModes.
	// Default fractional.
	SocialMode SocialMode `yaml:"social_mode"`
	// EfficacyRef n_ref and EfficacyExponent γ of e_i = min(1, (n_ref/n_rel)^γ)
	// (defaults 10 and 0.5), and of the personal efficacy law.
	EfficacyRef      float64 `yaml:"efficacy_ref"`
	EfficacyExponent float64 `yaml:"efficacy_exponent"`
	// PersonalEfficacy is the law of the perceived efficacy of personal
	// expression (frames with expression: personal): joint (default),
	// e_i = min(1, (n_ref/k̄)^γ) at the network's mean degree k̄, the same
	// for every agent; active_ties, e_i = min(1, ((1 + A_i)/n_ref)^γ) with
	// A_i one's active ties; or ties, the law before model 2.0,
	// e_i = min(1, (n_ref/k_i)^γ) over one's own k_i ties, which makes the
	// best-connected the least efficacious. See PersonalEfficacies.
	PersonalEfficacy PersonalEfficacy `yaml:"personal_efficacy"`
	// TieLoss is how a tie lost to a removal enters the social signal
	// and the ties of personal efficacy: counts (default; a removed
	// neighbour is a lost, inactive tie, the denominator stays the ties
	// one had) or renormalise (the share is over the ties that remain,
	// the rule before model 2.0). See TieLosses.
	TieLoss TieLoss `yaml:"tie_loss"`
	// Permanent: participation never lapses (monotone canonical models).
	Permanent bool `yaml:"permanent"`
	// ActiveSteps > 0 ends participation after that many steps (1 with
	// rejoin: false is the independent cascade / SIR). Default 0: unlimited.
	ActiveSteps int `yaml:"active_steps"`
	// Rejoin: may an agent whose participation ended become active again
	// (default true; false makes it "removed" as in SIR).
	Rejoin *bool `yaml:"rejoin"`
	// AttentionFloor: attention below which a frame is forgotten (default 0.01).
	AttentionFloor float64 `yaml:"attention_floor"`
	// Commitment is the one commitment law of both logics (absent: no
	// commitment, the model as before; see Commitment).
	Commitment *Commitment `yaml:"commitment"`
}

// Commitment (decision.commitment) gives every agent a commitment
// κ_i in [0,1] that every mechanism feeds the same way and that decays at
// one rate for all (step 5 of "One step" in sim's package doc):
//
//	κ_i(t) = min(1, (1−δ)·κ_i(t−1) + (1−κ_i(t−1))·g_i(t)),
//	g_i = η_habit·active_i + η_sol·s_i·aware_i + η_fit·fit_i·a_i + η_org·member_i
//
// and κ_i enters the motivation as +β_com·κ_i and slows the decay of
// attention, a ← a·2^(−(1−σ·κ_i)/h). Every field is 0 when not given, and
// the block absent is the model without commitment (its resolved
// scenario leaves the block out).
type Commitment struct {
	Weight       float64 `yaml:"weight"`       // β_com ≥ 0: commitment's weight in the motivation
	Decay        float64 `yaml:"decay"`        // δ in [0,1]: share of commitment lost per step, the same for every mechanism
	Habit        float64 `yaml:"habit"`        // η_habit in [0,1]: growth per step of participation (McAdam 1986)
	Solidarity   float64 `yaml:"solidarity"`   // η_sol in [0,1]: growth with the share of one's ties active (s_i, fractional)
	Fit          float64 `yaml:"fit"`          // η_fit in [0,1]: growth with identity fit times attention, fit_i·a_i
	Organisation float64 `yaml:"organisation"` // η_org in [0,1]: growth per step of membership (Klandermans 1997)
	Sustain      float64 `yaml:"sustain"`      // σ in [0,1]: how far commitment slows attention's decay
}

// Organisation is a formal organisation brokering collective action.
type Organisation struct {
	Name        string  `yaml:"name"`         // required, unique among organisations and frames
	Position    float64 `yaml:"position"`     // x_o in [0,1] (default 0.5)
	Tolerance   float64 `yaml:"tolerance"`    // τ_o: contacts within τ_o of x_o become aware; also the width of its frame (default 0.25)
	Budget      float64 `yaml:"budget"`       // starting budget (default 100)
	Income      float64 `yaml:"income"`       // budget earned per step besides dues, e.g. grants (default 0)
	Dues        float64 `yaml:"dues"`         // paid per step by each member into the budget (default 0.02)
	ContactCost float64 `yaml:"contact_cost"` // budget spent per agent contacted (default 0.05)
	Reach       int     `yaml:"reach"`        // maximum agents contacted per step (default 100)
	Incentive   float64 `yaml:"incentive"`    // selective incentive I to members (default 0.3)
	Brokerage   float64 `yaml:"brokerage"`    // share of recruitment contacts made through members' ties, rest through media (default 0.7)
	Cost        float64 `yaml:"cost"`         // participation cost c of its collective action per step (default 0.1)
	HalfLife    float64 `yaml:"half_life"`    // attention half-life h in steps; 0 = no decay (default 30)
	// Membership: false makes it an enabler of connective action that asks no
	// membership or dues and only seeds and amplifies frames it sponsors
	// (Bennett & Segerberg 2012). Default true.
	Membership *bool `yaml:"membership"`
	Start      int   `yaml:"start"` // first step it acts (default 0)
	// Members: share of agents within tolerance who are members at the start (default 0).
	Members float64 `yaml:"members"`

	// The organisation's economy (all off by default; the resolved
	// scenario shows these fields only when they differ from their
	// defaults, so that scenarios without them resolve as before).
	// IncentiveCost is the budget spent per member per step to provide
	// the selective incentive; while the budget cannot cover it the
	// incentive is paid pro rata (default 0: the incentive is free).
	IncentiveCost float64 `yaml:"incentive_cost"`
	// Overhead is a fixed budget spent per step (staff), paid first
	// (default 0).
	Overhead float64 `yaml:"overhead"`
	// Allocation is the order in which the budget left after overhead
	// pays for the selective incentives and for outreach (contacts,
	// amplification, conversion): incentives_first (default) or
	// contacts_first.
	Allocation string `yaml:"allocation"`
	// Churn is the per-step probability that a member due a contact
	// (attention at half or below) whom the organisation does not reach
	// in the step leaves it (default 0).
	Churn float64 `yaml:"churn"`
	// Convert is the per-step probability that an active sharer of a
	// frame the organisation sponsors and amplifies, within its
	// tolerance and a member of no organisation, joins it as a member
	// (default 0); ConvertCost is the budget each conversion costs
	// (default 0).
	Convert     float64 `yaml:"convert"`
	ConvertCost float64 `yaml:"convert_cost"`
}

// KeepsAccounts reports whether the organisation has an economy: an
// incentive cost, an overhead, churn or conversion. Such an organisation's
// spending and the members it converts and loses are written as series of
// their own (sim.Observations.Accounts).
func (o *Organisation) KeepsAccounts() bool {
	return o.IncentiveCost > 0 || o.Overhead > 0 || o.Churn > 0 || o.Convert > 0
}

// Allocation rules of organisations[].allocation: what the budget left
// after overhead pays first.
const (
	AllocationIncentivesFirst = "incentives_first"
	AllocationContactsFirst   = "contacts_first"
)

// Frame is an action frame spread peer to peer.
type Frame struct {
	Name string `yaml:"name"` // required, unique
	// Sponsor: "crowd" (default; crowd-enabled connective action) or the name
	// of an organisation (organisationally enabled connective action).
	Sponsor string `yaml:"sponsor"`
	// Expression: personal (default; personalised action frame, efficacy judged
	// against one's own ties) or collective (an unorganised collective frame,
	// efficacy judged against the whole population; Olson 1965).
	Expression string  `yaml:"expression"`
	Seeds      int     `yaml:"seeds"`      // agents made active with the frame at start (default 10)
	SeedShare  float64 `yaml:"seed_share"` // alternatively a share of agents (overrides seeds when > 0)
	// Seeding: random (default: seeds drawn uniformly) or neighbourhood (each
	// seed brings its whole neighbourhood along, the clustered seeding of
	// Centola & Macy 2007).
	Seeding  string  `yaml:"seeding"`
	Start    int     `yaml:"start"`     // step at which seeds start (default 0)
	Aware    float64 `yaml:"aware"`     // share of agents aware of the frame at start, holding it centred on centre (default 0)
	Centre   float64 `yaml:"centre"`    // centre of the generic frame (media, amplification, aware) (default 0.5)
	Share    float64 `yaml:"share"`     // p_share: probability an active holder passes it to each neighbour per step (default 0.2)
	Width    float64 `yaml:"width"`     // w: inclusiveness; receivers within w of the sharer's centre become aware (default 0.5)
	Cost     float64 `yaml:"cost"`      // participation cost c per step (default 0.01)
	HalfLife float64 `yaml:"half_life"` // attention half-life in steps; 0 = no decay (default 3)
	Amplify  int     `yaml:"amplify"`   // agents contacted per step by the sponsoring organisation (default 0; needs an organisation sponsor)
	// Novelty: once (default) makes the frame news only once, so that a
	// peer's re-exposure renews nothing; decay lets the n-th re-exposure
	// renew attention by the novelty left, ν^n (Wu & Huberman 2007). The
	// resolved scenario writes novelty and novelty_factor only for decay.
	Novelty       string  `yaml:"novelty"`
	NoveltyFactor float64 `yaml:"novelty_factor"` // ν in (0,1): novelty kept per re-exposure (default 0.5)
}

// Background is spontaneous awareness.
type Background struct {
	Rate      float64 `yaml:"rate"`      // per-step probability an unaware agent becomes aware (default 0)
	Mechanism string  `yaml:"mechanism"` // organisation or frame it becomes aware of (required when rate > 0)
}

// Event is something scheduled at a step (step 1 of "One step" in the package doc).
type Event struct {
	Step int `yaml:"step"` // 0..steps
	// Type is one of EventTypes: suppress, remove_hubs, remove_random,
	// set_cost, media_shock, seed_frame, and the repression of connective
	// action (issue 17): arrest, throttle, shutdown, raise_cost.
	Type EventType `yaml:"type"`
	// suppress: organisations to suppress (empty = all).
	Organisations []string `yaml:"organisations"`
	Count         int      `yaml:"count"`     // remove_hubs: k top-degree agents; seed_frame: seeds; arrest: participants arrested
	Share         float64  `yaml:"share"`     // remove_hubs/remove_random: share of agents; media_shock: share made aware; arrest: share of the participants
	Mechanism     string   `yaml:"mechanism"` // set_cost, media_shock, raise_cost: organisation or frame; arrest: only its participants (optional)
	Frame         string   `yaml:"frame"`     // seed_frame, throttle, shutdown
	Cost          float64  `yaml:"cost"`      // set_cost: new participation cost; raise_cost: cost added
	// By is whom an arrest takes first: activity (the longest
	// participating now), degree (the most ties: the most visible) or
	// random (uniformly among the participants).
	By ArrestBy `yaml:"by"`
	// Factor multiplies a throttled frame's share probability, in [0, 1).
	Factor float64 `yaml:"factor"`
	// Duration is the number of steps a throttle or shutdown lasts (>= 1),
	// or a raise_cost (0: for good).
	Duration int `yaml:"duration"`
	// Backlash is added to the motivation of each agent who sees the
	// repression: each remaining tie of an arrested agent (once per arrest
	// it sees), every holder of a throttled, shut down or costlier frame.
	// Positive: repression mobilises (Opp & Roehl 1990); negative: it
	// deters (Siegel 2011). Default 0.
	Backlash float64 `yaml:"backlash"`
}

// Condition is a named arm of the study: the mechanisms it enables and
// overrides of other fields by dotted path (the same syntax as --set).
type Condition struct {
	Name string `yaml:"name"`
	// Mechanisms enabled in this arm, by name (empty = all). Organisations
	// not enabled do nothing; frames not enabled are never seeded.
	Mechanisms []string          `yaml:"mechanisms"`
	Set        map[string]string `yaml:"set"`
}

// Outputs controls what a run writes.
type Outputs struct {
	Formats      []string  `yaml:"formats"`       // chart formats: svg, png, pdf (default [svg, png])
	CascadeLevel float64   `yaml:"cascade_level"` // cumulative share counted as a cascade (default 0.1)
	Quantiles    []float64 `yaml:"quantiles"`     // quantiles in aggregate.csv (default [0.05, 0.25, 0.5, 0.75, 0.95])
	// Agents, when given, asks connact run for agent snapshots
	// (agents.csv) at some steps of every run, as --agents does (which
	// overrides it). Absent, the resolved scenario and its hash leave it
	// out, as before it existed.
	Agents *AgentsOutput `yaml:"agents"`
}

// AgentsOutput (outputs.agents) lists the steps at which every agent's
// state is written: whole steps from 0 to the run's steps, or final for
// the last step, e.g. [0, 10, 50, final].
type AgentsOutput struct {
	Steps  []SnapshotStep `yaml:"steps"`  // required, at least one
	Format string         `yaml:"format"` // csv (the default) or parquet
}

// SnapshotStep is one step of outputs.agents.steps: a whole number or
// final. It is kept as written and encoded back as the YAML it holds (an
// integer stays an integer in the resolved scenario).
type SnapshotStep string

// Sweep is a design over scenario fields: each point of the design is the
// scenario with the point's values applied as --set overrides (and the same
// checks), run for every condition and replicate.
type Sweep struct {
	// Parameters are the factors of a full factorial design, the first
	// varying slowest; with sample, they give the bounds instead.
	Parameters []SweepParam `yaml:"parameters"`
	// Zip lists groups of parameters varied together: each group is one more
	// factor whose levels are its parameters' values taken side by side
	// (all of the group's parameters have the same number of values).
	Zip [][]SweepParam `yaml:"zip"`
	// Sample replaces the factorial by random or Latin hypercube points
	// within each parameter's from..to bounds.
	Sample *SweepSample `yaml:"sample"`
	// Design is an external design, made in SALib, R or by hand: a CSV
	// file (relative to the scenario's folder), one point a row, one
	// column a parameter named by its path as in --set
	// (frames.0.width), each cell any value the field takes. Loading
	// reads it into one more zip group of those parameters (a plain
	// parameter for a single column) and clears Design, so that the
	// resolved scenario.yaml of a sweep folder holds the design itself
	// and the folder does not depend on the file.
	Design string `yaml:"design"`
	// Replicates per point and condition; 0 keeps the scenario's replicates.
	Replicates int `yaml:"replicates"`
	// Metric is the per-run metric the sweep's charts show (default
	// peak_share): one of the columns of summary.csv / runs.csv.
	Metric string `yaml:"metric"`
	// Populations is shared (the default) or per_point. Shared: replicate
	// r of every point meets the same population on the same network
	// (common random numbers, sim.PairedSeed), so that points differ only
	// by their values. per_point: each point draws its own population
	// and network, from sim.PairedSeed(sim.Derive(seed, point), r), as
	// independent simulations must for approximate Bayesian computation
	// (connact fit), where sharing one network across all proposals
	// would condition the posterior on that one draw. Written in the
	// resolved scenario only when per_point.
	Populations string `yaml:"populations"`
}

// SweepParam is one varied field: a list of values, or a range.
type SweepParam struct {
	Path string `yaml:"path"` // the field, as in --set: population.size, frames[0].width
	// Name is the column name in the outputs (default: the path with every
	// run of characters other than letters and digits turned into "_",
	// e.g. frames_0_width), which pandas and R read without quoting.
	Name string `yaml:"name"`
	// Label is the parameter's name on charts (axis, legend and panel
	// titles), e.g. "Selective incentive to members"; default: a built-in
	// label for common paths, else the column name. At most 80
	// characters, on one line.
	Label string `yaml:"label"`
	// Also are further fields set to the parameter's value at every point,
	// as in --set (e.g. [frames.0.half_life] with path
	// organisations.0.half_life): one input shared by several mechanisms,
	// so that a design varies it without breaking their equal footing. Each
	// must be a field of the same kind (integer or not), named once in the
	// sweep. The outputs have one column, the parameter's.
	Also []string `yaml:"also"`
	// Values are the levels, each any YAML value the field accepts (numbers,
	// words, distributions such as {dist: normal, mean: 0.2, sd: 0.1}).
	Values []Value `yaml:"values"`
	// A range instead of values: from, to and either step (linear only) or
	// count (evenly spaced on the scale). Values are rounded to 12
	// significant digits, and to whole numbers for integer fields.
	From  *float64 `yaml:"from"`
	To    *float64 `yaml:"to"`
	Step  float64  `yaml:"step"`
	Count int      `yaml:"count"`
	Scale string   `yaml:"scale"` // linear (default) or log
}

// SweepSample draws the design's points within the parameters' bounds:
// independently uniform (random); a Latin hypercube (lhs; McKay, Beckman &
// Conover 1979), which stratifies every parameter into Points equal
// intervals and takes each interval once; the Saltelli et al. (2010) design
// for Sobol' indices (sobol: Points base points from a scrambled Sobol'
// sequence, run as the N·(k+2) points of blocks A, B and A_B^1..A_B^k, see
// package sensitivity); or Morris (1991) trajectories for elementary
// effects (morris: Points trajectories of k+1 points on a Levels-level grid,
// Levels even, default 4). Draws derive from the scenario seed, so the
// points are the same on every machine.
type SweepSample struct {
	Method SampleMethod `yaml:"method"`           // one of SampleMethods: random, lhs, sobol or morris
	Points int          `yaml:"points"`           // points; base points for sobol; trajectories for morris (1..1e6)
	Levels int          `yaml:"levels,omitempty"` // morris: grid levels, even (default 4)
}

// Value is the YAML text of one value, kept as written so that it can be
// applied to any field (see ApplySet).
type Value string

// Fit calibrates fields of the scenario to observed data by approximate
// Bayesian computation (connact fit; package sim/fit, whose doc gives the
// algorithm): the parameters and their priors, the data, how the model's
// output is compared with them (observe), the distance and the settings
// of the sequential Monte Carlo. Zero values take the defaults of sim/fit,
// written out in the resolved scenario.
type Fit struct {
	Parameters []FitParam `yaml:"parameters"` // the fields fitted (1..20)
	// Data is a CSV file, relative to the scenario's folder: a time series
	// (columns observe.time and observe.value) or summary statistics
	// (columns statistic and value, with observe.statistics).
	Data     string     `yaml:"data"`
	Observe  FitObserve `yaml:"observe"`
	Distance string     `yaml:"distance"` // rmse (a series) or standardised (statistics)
	// Particles is N, the simulations of the first generation; Alpha
	// keeps ⌊αN⌋ particles each generation (the posterior sample) and
	// proposes N − ⌊αN⌋ new ones (Lenormand, Jabot & Deffuant 2013).
	Particles int     `yaml:"particles"`
	Alpha     float64 `yaml:"alpha"`
	// MinAcceptance stops the fit when fewer than this share of a
	// generation's proposals are accepted (Lenormand et al.'s p_acc_min).
	MinAcceptance  float64 `yaml:"min_acceptance"`
	MaxGenerations int     `yaml:"max_generations"` // stops the fit after this many generations
	Predictive     int     `yaml:"predictive"`      // runs of the posterior predictive check (0: none)
}

// FitParam is one fitted field and its prior.
type FitParam struct {
	Path  string `yaml:"path"`  // the field, as in --set: frames.0.share
	Name  string `yaml:"name"`  // column name (default: from the path, as a sweep's)
	Label string `yaml:"label"` // its name on charts (default: built in, else the column)
	Prior Prior  `yaml:"prior"`
	// Truth is the value that made synthetic data, when known: drawn on
	// the charts, and what a recovery check compares the posterior with.
	Truth *float64 `yaml:"truth"`
}

// Prior is a parameter's prior distribution: uniform or loguniform on
// [min, max], normal(mean, sd) truncated to [min, max], or beta(a, b)
// stretched onto [min, max] (default [0, 1]). Its support, [min, max],
// must be values the field accepts.
type Prior struct {
	Dist string   `yaml:"dist"` // uniform, loguniform, normal or beta
	Min  *float64 `yaml:"min"`
	Max  *float64 `yaml:"max"`
	Mean float64  `yaml:"mean"` // normal
	SD   float64  `yaml:"sd"`   // normal, > 0
	A    float64  `yaml:"a"`    // beta, > 0
	B    float64  `yaml:"b"`    // beta, > 0
}

// FitObserve says what of the model's output the data observe and how the
// model's steps and shares map to the data's time and counts.
type FitObserve struct {
	// Series is the per-step series observed: cumulative_share (default),
	// active_share, aware_share, members_share, or new_participants (the
	// step's rise in cumulative_share: first-time participants per step).
	Series string `yaml:"series"`
	// Statistics, instead of a series, lists per-run metrics (runs.csv
	// columns: peak_share, cumulative_share, ...) whose values the data
	// give, one a row.
	Statistics []string `yaml:"statistics"`
	// Scale multiplies the model's shares before they are compared with a
	// series: the population the data count (default 1: the data are
	// shares).
	Scale float64 `yaml:"scale"`
	// StepsPerUnit and Offset map the data's time t to the step
	// offset + t·steps_per_unit (defaults 1 and 0).
	StepsPerUnit int    `yaml:"steps_per_unit"`
	Offset       int    `yaml:"offset"`
	Time         string `yaml:"time"`  // the data's time column (default time)
	Value        string `yaml:"value"` // the data's value column (default value)
	// Replicates and Shares, instead of a series or statistics, observe a
	// distribution over runs: each proposal runs Replicates times (≥ 2)
	// and each share is the fraction of those runs whose per-run metric
	// reaches a threshold, compared with the observed fraction (a share of
	// campaigns, as in Yasseri, Hale & Margetts 2017). The targets are
	// the shares' values; such a fit has no data file.
	Replicates int        `yaml:"replicates"`
	Shares     []FitShare `yaml:"shares"`
}

// FitShare is one observed share of runs: the fraction Value of
// campaigns whose per-run Metric (a runs.csv column) is at least AtLeast.
type FitShare struct {
	Metric  string  `yaml:"metric"`   // per-run metric: cumulative_share, peak_share, ...
	AtLeast float64 `yaml:"at_least"` // threshold the metric must reach
	Value   float64 `yaml:"value"`    // observed share of runs reaching it, in [0, 1]
}

// Outcome (opt-in) is a public good G(t) in [0, 1] that participation
// produces (Oliver, Marwell & Teixeira 1985; Marwell & Oliver 1993), and
// optionally a target that concedes it (package sim, outcome.go):
//
//	u(t) = min(1, C(t)/(effort·N)),  C(t) = Σ_{s≤t} active(s)
//	G(t) = P(u(t)), or 1 once the target has conceded
//	m(t) = min(1, (P(min(1, u + w)) − P(u))/w),  w = 0.05
//
// C counts person-steps of participation and N is the initial
// population, so that effort is the steps of participation per agent
// that make the whole good. P is the production function: linear u;
// accelerating u^k; decelerating 1 − (1 − u)^k (k = exponent > 1); step,
// 0 below threshold and 1 from it. m(t) is the marginal product of the
// next twentieth of the effort: the progress one's contribution can still
// make. The motivation gains + weight·v_g·m(t) (v_g the value
// of the good to one's group, values; 1 when not given); with efficacy:
// progress, m(t) also replaces the perceived efficacy e_i of every
// mechanism in the free-riding term. Every field not given is 0 (or
// empty), and the block absent is the model without an outcome.
type Outcome struct {
	// Production is P: linear, accelerating, decelerating or step (required).
	Production Production `yaml:"production"`
	Effort     float64    `yaml:"effort"`    // person-steps per agent that make the whole good (> 0, required)
	Exponent   float64    `yaml:"exponent"`  // k of accelerating and decelerating (> 1)
	Threshold  float64    `yaml:"threshold"` // the step's u, in (0, 1]
	Weight     float64    `yaml:"weight"`    // β_good >= 0: the weight of v_g·m(t) in the motivation
	// Values are v_g, the value of the good to each group, in the order
	// of population.groups (empty: 1 for every group).
	Values []float64 `yaml:"values"`
	// Efficacy: fixed (the e_i of each mechanism; also when not given) or
	// progress (e_i = m(t) for every agent: efficacy read from observed
	// progress instead of a group's size).
	Efficacy string `yaml:"efficacy"`
	// Target is who concedes the good (absent: no one).
	Target *Target `yaml:"target"`
	// Combine is how the actions' contributions make u (with actions
	// only): additive (default), ces or leontief (package sim,
	// "Actions"); Substitution is ρ of ces, < 1 and not 0 (read with ces
	// only).
	Combine      string  `yaml:"combine"`
	Substitution float64 `yaml:"substitution"`
}

// Effects of an action (actions[].effect).
const (
	EffectNone     = "none"
	EffectDonate   = "donate"
	EffectOrganise = "organise"
)

// Combines are the ways an outcome combines the actions' contributions
// (outcome.combine; package sim, "Actions").
const (
	CombineAdditive = "additive"
	CombineCES      = "ces"
	CombineLeontief = "leontief"
)

// Action (opt-in) is one action of a community's repertoire (package sim,
// "Actions"). Each step an aware agent who takes part does one action:
// among those it can pay for (r_i >= c + cost), the one of highest
//
//	M_ia = M_i − β_cost·(cost/r_i + effort) + σ_ia + Σ_{b done} λ_ba
//
// where M_i is the motivation of the frame it holds, σ_ia its skill at
// the action and λ_ba the rung of the action's ladder from an action b it
// has done before (public or private by b's visibility). It takes part iff
// that M_ia >= 0. Every field not given is 0 (visible, spreads and
// available: true; skill: 0 for everyone).
type Action struct {
	Name   string  `yaml:"name"`   // required, unique; names columns
	Cost   float64 `yaml:"cost"`   // resources per step, on top of the frame's cost (>= 0)
	Effort float64 `yaml:"effort"` // time and attention it takes, in units of the cost term (>= 0)
	// Visible: ties see it, so it counts in their social signal (default
	// true); a private action does not.
	Visible *bool `yaml:"visible"`
	// Spreads: one doing it passes the frame on to one's ties (peer
	// sharing; default true).
	Spreads *bool `yaml:"spreads"`
	// Available: false takes the action out of the repertoire (a
	// condition's way to compare with and without it; default true).
	Available *bool `yaml:"available"`
	// Start and End are the first and last steps at which the action can
	// be done (a petition open for a week, a march on one day): from
	// start (default 0) to end (0: to the last step).
	Start int `yaml:"start"`
	End   int `yaml:"end"`
	// Effect is what the action does beyond its contribution: none (the
	// default), donate (its cost goes to the budget of the organisation
	// whose frame one holds: its own, or the frame's sponsor) or organise
	// (each tie doing it takes Amount off the effort of one's actions, to
	// no less than 0: organisers lower the coordination cost of those
	// around them). At most one action organises.
	Effect string  `yaml:"effect"`
	Amount float64 `yaml:"amount"`
	// Contribution is the action's weight w_a in the outcome, per
	// person-step (>= 0).
	Contribution float64 `yaml:"contribution"`
	// Skill is σ_ia, in motivation units in [-1, 1], for every agent
	// (default constant 0); Skills, when given, one per group of
	// population.groups in order, replace it group by group.
	Skill  *Dist  `yaml:"skill"`
	Skills []Dist `yaml:"skills"`
	// Ladder: what having done an earlier action adds to this one's
	// motivation (foot in the door > 0, crowding out or moral licence < 0).
	Ladder []Rung `yaml:"ladder"`
}

// Rung is one step of an action's ladder: once an agent has done action
// From, the motivation for this action gains Public when From is visible
// and Private when it is not (Kristofferson, White & Peloza 2014: the
// visibility of token support sets what it does to later help).
type Rung struct {
	From    string  `yaml:"from"`
	Public  float64 `yaml:"public"`
	Private float64 `yaml:"private"`
}

// ActionNames are the names of s's actions, in order.
func ActionNames(s *Scenario) []string {
	out := make([]string, len(s.Actions))
	for a := range s.Actions {
		out[a] = s.Actions[a].Name
	}
	return out
}

// IsVisible, Spreading and IsAvailable read the action's switches with
// their defaults (true).
func (a *Action) IsVisible() bool   { return a.Visible == nil || *a.Visible }
func (a *Action) Spreading() bool   { return a.Spreads == nil || *a.Spreads }
func (a *Action) IsAvailable() bool { return a.Available == nil || *a.Available }

// Production is the production function of an outcome (outcome.production).
type Production string

const (
	ProductionLinear       Production = "linear"
	ProductionAccelerating Production = "accelerating"
	ProductionDecelerating Production = "decelerating"
	ProductionStep         Production = "step"
)

// Productions lists the production functions.
func Productions() []Production {
	return []Production{ProductionLinear, ProductionAccelerating, ProductionDecelerating, ProductionStep}
}

// Target (outcome.target) concedes the good at the first step at which
// G(t) >= good (when good > 0) or the share active >= share (when share
// > 0); from then G = 1.
type Target struct {
	Name  string  `yaml:"name"`  // what it is (a government, a firm), for the reader
	Good  float64 `yaml:"good"`  // level of G at which it concedes, in [0, 1] (0: not by G)
	Share float64 `yaml:"share"` // share active at which it concedes, in [0, 1] (0: not by participation)
}
