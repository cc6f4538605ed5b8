// Package scenario reads, completes and checks connact scenario files.
//
// A scenario is a YAML file describing one study: the population and its
// identity groups, the network, the weights of the decision rule, the
// organisations (collective action) and action frames (connective action),
// scheduled events, the conditions (arms) to compare and the outputs. The
// schema is schema.go: one Go type per YAML mapping, every field documented
// with its meaning, unit, range and default. The model and its references
// are documented in package sim.
//
//	l, err := scenario.LoadWithSet("scenarios/hybrid.yaml", []string{"population.size=500"})
//	if scenario.IsUserError(err) { ... exit code 2 ... }
//	for i := range l.ConditionNames() {
//		sc, _ := l.Condition(i) // the scenario with condition i's overrides
//		...
//	}
//
// Loading runs four stages: a strict decoder (decode.go) turns the YAML into
// a Scenario and records where every value was given; the defaults
// (defaults.go) fill what was not given; validation (validate.go) checks
// every range and every reference; and each condition's overrides
// (set.go) are applied to a copy and validated in turn, so that a scenario
// that loads can run every condition.
//
// The modes a scenario chooses from and that more than one place acts on
// are typed (modes.go): NetworkModel, SocialMode, DistKind, EventType and
// SampleMethod are string types with a constant per word, each with one
// table from which validation takes the allowed words, its suggestions and
// the rules that depend on the choice. NetworkModels, SocialModes,
// DistKinds, EventTypes and SampleMethods list them for the packages that
// act on them (sim generates the networks, samples the distributions and
// applies the events; tests there check that they cover the tables).
//
// # The file
//
// One YAML document whose top level is a mapping. Only name, population.size
// and one frame or organisation are needed:
//
//	name: minimal
//	population: {size: 1000}
//	frames:
//	  - name: hashtag
//
// A complete example, with every section (testdata/full.yaml; a test checks
// that the two agree and that it loads):
//
//	# A complete scenario: every section, with the meaning of each key.
//	# Keys left out take their defaults (see the table in doc.go).
//	name: protest-2024               # names the results folder: letters, digits, . _ -
//	description: |
//	  Crowd, organisation and hybrid mobilisation for one cause.
//	seed: 42                         # every run's seed derives from it
//	steps: 200                       # steps after the initial state (1..1e6)
//	replicates: 20                   # runs per condition (1..1e6)
//	time_unit: day                   # what one step is, for axis labels
//
//	population:
//	  size: 2000                     # agents N
//	  position_spread: 0.15          # σ_x of positions around the group centre
//	  groups:                        # identity groups; shares sum to 1
//	    - name: students
//	      share: 0.3
//	      centre: 0.3                # centre of the group's positions in [0,1]
//	      identity: {dist: beta, a: 4, b: 2}   # overrides the population's
//	    - name: workers
//	      share: 0.7
//	      centre: 0.6
//	      position_spread: 0.1
//	  identity: {dist: uniform, min: 0, max: 1}      # ι_i in [0,1]
//	  resources: {dist: lognormal, mu: 0, sigma: 0.5} # r_i at start, ≥ 0
//	  income: 0.1                    # a bare number is a constant
//	  cap: {dist: constant, value: 3}                # maximum resources, > 0
//	  free_riding: {dist: normal, mean: 0.4, sd: 0.2} # truncated to [0,1]
//	  threshold: {dist: empirical, values: [0.1, 0.2, 0.3, 0.5], draw: sample}
//
//	network:
//	  model: watts_strogatz          # erdos_renyi gnm watts_strogatz barabasi_albert configuration block ring complete file
//	  mean_degree: 8                 # ring and watts_strogatz: an even integer
//	  rewire: 0.05                   # watts_strogatz β
//	  homophily: 0.8                 # block: share of ties inside one's group
//	  # configuration: degrees P(k) ∝ k^-exponent, min_degree ≤ k < size
//	  # exponent: 2.5  min_degree: 2
//
//	decision:                        # M_i = β_id·ι·a·fit + β_soc·(s − θ) + β_inc·I − β_cost·c/r − β_fr·f·(1 − e)
//	  identity: 1
//	  social: 1.5
//	  incentive: 1
//	  cost: 1
//	  free_riding: 0.5
//	  temperature: 0.05              # 0: deterministic rule
//	  social_mode: fractional        # or absolute (θ a number of neighbours)
//	  efficacy_ref: 10               # e = min(1, (n_ref/n_rel)^γ)
//	  efficacy_exponent: 0.5
//	  personal_efficacy: joint       # personal frames: e at the mean degree; or active_ties, ties (before 2.0)
//	  tie_loss: counts               # a removed tie counts as lost; or renormalise (before 2.0)
//	  permanent: false               # true: participation never lapses
//	  active_steps: 0                # > 0: participation ends after that many steps
//	  rejoin: true
//	  attention_floor: 0.01
//
//	organisations:
//	  - name: union
//	    position: 0.6
//	    tolerance: 0.25
//	    budget: 100
//	    income: 1                    # grants per step, besides dues
//	    dues: 0.02
//	    contact_cost: 0.05
//	    reach: 100
//	    incentive: 0.3
//	    brokerage: 0.7
//	    cost: 0.1
//	    half_life: 30
//	    membership: true
//	    start: 0
//	    members: 0.05
//	  - name: ngo
//	    membership: false            # enables connective action: no members, no dues
//
//	frames:
//	  - name: hashtag
//	    sponsor: crowd
//	    expression: personal
//	    seeds: 10                    # agents active with the frame at start
//	    seeding: random              # or neighbourhood: each seed brings its neighbours
//	    start: 0
//	    share: 0.2
//	    width: 0.5
//	    cost: 0.01
//	    half_life: 3
//	  - name: petition
//	    sponsor: ngo
//	    seed_share: 0.005
//	    centre: 0.5
//	    amplify: 40
//
//	background:
//	  rate: 0.0005
//	  mechanism: hashtag
//
//	events:
//	  - {step: 50, type: media_shock, share: 0.1, mechanism: hashtag}
//	  - {step: 80, type: set_cost, mechanism: union, cost: 0.3}
//	  - {step: 120, type: suppress, organisations: [union]}
//	  - {step: 150, type: remove_hubs, count: 20}
//	  - {step: 160, type: remove_random, share: 0.05}
//	  - {step: 170, type: seed_frame, frame: petition, count: 5}
//
//	conditions:
//	  - name: crowd
//	    mechanisms: [hashtag]
//	  - name: organised
//	    mechanisms: [union]
//	    set:
//	      organisations[0].reach: 200
//	  - name: costly
//	    set:
//	      frames[0].cost: 0.05
//	      population.threshold: {dist: normal, mean: 0.2, sd: 0.05}
//
//	outputs:
//	  formats: [svg, png, pdf]
//	  cascade_level: 0.1
//	  quantiles: [0.05, 0.5, 0.95]
//
// An organisation's economy is off unless given (sim's package doc and the
// README, "The model", give its equations). Its fields default to 0 and
// incentives_first, and the resolved scenario shows them only when
// they differ from those defaults.
//
//	organisations:
//	  - name: union
//	    incentive_cost: 0.03         # budget per member per step for the selective incentive
//	    overhead: 1                  # fixed budget per step (staff), paid first
//	    allocation: incentives_first # or contacts_first: what the rest pays first
//	    churn: 0.01                  # per-step chance that a member due a contact and not reached leaves
//	    convert: 0.05                # per-step chance that a sharer of a frame it amplifies joins
//	    convert_cost: 0.5            # budget per sharer converted
//
// # Reading rules
//
// The decoder is strict, so that a typing mistake is an error and not a
// silently ignored key or a default:
//
//   - Unknown keys are errors, with a suggestion when an allowed key is
//     within edit distance 2 or starts with what was typed ("did you mean
//     size?"), and the list of allowed keys otherwise.
//   - Duplicate keys are errors. Anchors, aliases and merge keys (<<: *base)
//     may be used; explicit keys win over merged ones.
//   - Numbers: integers for integer fields (1e3 is accepted, 2.5 is not, nor
//     a value that overflows); any finite number for the others (.nan and
//     .inf are refused); seed is a non-negative 64-bit integer. Booleans are
//     true or false only (not yes, no, on, off, 1 or 0). Strings take any
//     scalar's text. Lists must be YAML lists, even of one element.
//   - A key with an empty or null value (steps: or steps: ~) is the same as
//     leaving the key out: the default applies.
//   - A distribution is a mapping {dist: family, ...parameters} or a bare
//     number, short for {dist: constant, value: N}. A parameter left out is
//     0; a parameter of another family (sd on a uniform) is an error.
//   - A condition's set is a mapping from field paths (see Overrides) to any
//     YAML value, which is kept as text: a plain scalar as written, anything
//     else (quoted strings, lists, mappings) as flow YAML. In a flow mapping
//     ({...}) a path with an index must be quoted: {"frames[0].width": 0.9}.
//   - Only tags of the YAML core schema are accepted; custom tags (!foo) are
//     errors.
//   - The file must be UTF-8 text of at most 8 MiB (MaxFileSize), hold one
//     YAML document (no second document after ---) whose top level is a
//     mapping; an empty file is an error. Nesting deeper than 64 levels, and
//     aliases that expand to more than 100 000 values or mostly to aliased
//     values (a "billion laughs" file), are refused before any work
//     proportional to the expansion is done.
//
// # Defaults
//
// Defaults are set in one place, the table in defaults.go, shown here (a
// test keeps the two equal). A field takes its default only when it was not
// given: a field given in the file or by --set keeps its value, even 0
// (decision.identity: 0 switches the identity term off, while leaving
// decision.identity out gives 1). "[]" is every element of a list; *.draw is
// the draw of every empirical distribution and *.bounds the bounds of every
// normal; population.groups applies when
// the list is empty or left out. Defaults are recomputed after
// overrides, so network.attach follows an overridden mean_degree unless
// attach itself was given. Defaults(s) fills a Scenario built in Go, where a
// field at its zero value counts as not given.
//
//	seed                         1
//	steps                        100
//	replicates                   10
//	time_unit                    day
//	common_random_numbers        false
//	population.group_count       0
//	population.centre_spread     0.5
//	population.groups            [{name: all}], or g1..gG with group_count G
//	population.groups[].share    1 if it is the only group; 1/G with group_count G
//	population.groups[].centre   0.5; with group_count G, evenly spaced over centre_spread around 0.5
//	population.position_spread   0.15
//	population.identity          {dist: uniform, min: 0, max: 1}
//	population.resources         {dist: constant, value: 1}
//	population.income            {dist: constant, value: 0.1}
//	population.cap               {dist: constant, value: 2}
//	population.free_riding       {dist: uniform, min: 0, max: 1}
//	population.threshold         {dist: uniform, min: 0, max: 1}
//	*.draw                       sample
//	*.bounds                     truncate
//	network.model                erdos_renyi
//	network.mean_degree          10
//	network.rewire               0.1
//	network.attach               max(1, round(mean_degree/2))
//	network.homophily            0.8
//	network.exponent             2.5
//	network.min_degree           2
//	decision.identity            1
//	decision.social              1
//	decision.incentive           1
//	decision.cost                1
//	decision.free_riding         1
//	decision.temperature         0
//	decision.social_mode         fractional
//	decision.efficacy_ref        10
//	decision.efficacy_exponent   0.5
//	decision.personal_efficacy   joint
//	decision.tie_loss            counts
//	decision.permanent           false
//	decision.active_steps        0
//	decision.rejoin              true
//	decision.attention_floor     0.01
//	organisations[].position     0.5
//	organisations[].tolerance    0.25
//	organisations[].budget       100
//	organisations[].income       0
//	organisations[].dues         0.02
//	organisations[].contact_cost 0.05
//	organisations[].reach        100
//	organisations[].incentive    0.3
//	organisations[].brokerage    0.7
//	organisations[].cost         0.1
//	organisations[].half_life    30
//	organisations[].membership   true
//	organisations[].start        0
//	organisations[].members      0
//	organisations[].incentive_cost 0
//	organisations[].overhead     0
//	organisations[].allocation   incentives_first
//	organisations[].churn        0
//	organisations[].convert      0
//	organisations[].convert_cost 0
//	frames[].sponsor             crowd
//	frames[].expression          personal
//	frames[].seeds               10
//	frames[].seed_share          0
//	frames[].seeding             random
//	frames[].start               0
//	frames[].aware               0
//	frames[].centre              0.5
//	frames[].share               0.2
//	frames[].width               0.5
//	frames[].cost                0.01
//	frames[].half_life           3
//	frames[].amplify             0
//	frames[].novelty             once
//	frames[].novelty_factor      0.5
//	background.rate              0
//	outputs.formats              [svg, png]
//	outputs.cascade_level        0.1
//	outputs.quantiles            [0.05, 0.25, 0.5, 0.75, 0.95]
//
// Fields with no default: name (required), description, population.size
// (required, except with network.model: file where 0 means the number of
// nodes in the file), group and mechanism names, network.file, the fields
// of events (each type needs its own), background.mechanism and the
// conditions, decision.commitment (see Commitment below), outcome (see
// Outcome below) and network.audience (see Audience layer below), whose
// fields, when it is given, default as network's. A group's
// distributions and position_spread default to the population's. population.threshold keeps its default uniform 0..1 under
// social_mode: absolute, where thresholds are counts: give one explicitly.
//
// # Node table (opt-in)
//
// With network.model: file, network.nodes names a node table (CSV with a
// header, relative to the scenario): column id, the node's label in the
// edge list, and optionally group (a name of population.groups; shares
// are then neither required nor used, the table sizing the groups),
// position, identity, resources, free_riding and threshold (numbers that
// replace the draws). Other columns are ignored. The table is read with
// the edge list, before any run (runner.Study.ReadNetwork), and every
// mistake is reported at network.nodes with the table's line and column.
// Absent, the resolved scenario leaves it out.
//
//	network: {model: file, file: karate-edges.csv, nodes: karate-nodes.csv}
//
// # Audience layer (opt-in)
//
// network.audience is a second network over the same agents, the
// followers a sharer's frame is shown to instead of its ties (Barberá et
// al. 2015, PLoS ONE 10(11) e0143611: k-cores of the retweet network,
// reach over followers). It takes the network's generator fields (model,
// mean_degree, exponent, min_degree, rewire, attach, homophily), with the
// same defaults (attach from its own mean_degree) and the same checks under
// its own path; file, nodes, model: file and an audience of its own are
// refused, as it is generated (over a file network's nodes too). The
// memory limit counts its edges with the network's. sim generates it from
// a random stream of its own; only peer sharing reads it. Absent, the
// resolved scenario leaves it out; a condition or --set removes it with
// network.audience: null, and --set network.audience.mean_degree=20 adds
// one (an erdos_renyi layer, the default model) or changes it.
//
//	network:
//	  model: configuration
//	  exponent: 2.3
//	  min_degree: 3
//	  audience: {model: configuration, exponent: 2.1, min_degree: 3}
//
// # Agent snapshots (opt-in)
//
// outputs.agents asks connact run to write agents.csv, every agent's
// state at the steps listed, as --agents does (which overrides it):
//
//	outputs:
//	  agents: {steps: [0, 10, 50, final], format: csv}   # or parquet
//
// steps is required: whole steps from 0 to steps (in every condition), or
// final, the run's last step. format is csv (agents.csv, the default) or
// parquet (agents.parquet: the same columns and rows, zstd-compressed).
// Absent, the resolved scenario and its hash leave the block out, as
// before it existed; given, the resolved scenario shows it with its
// format. connact sweep writes no snapshots (it says so on stderr), nor does connact fit.
//
// # Ties lost and personal efficacy (model 2.0)
//
// decision.tie_loss (counts, the default, or renormalise) says whether a
// tie lost to a removal still counts in the share of one's active ties, as
// a tie that no longer acts, or drops out of it (the rule before model
// 2.0). decision.personal_efficacy (joint, the default; active_ties; ties,
// the law before model 2.0) is the law of the perceived efficacy of
// personal expression; see package sim, "Efficacy and group size" and
// "Ties lost to removals".
//
// # Repression (opt-in events)
//
// Four event types repress connective action (issue 17; package sim,
// events.go, "Repression"), each with an optional backlash added to the
// motivation of those who see it (positive mobilises, negative deters):
//
//	events:
//	  - {step: 8, type: arrest, by: degree, share: 0.02, backlash: 0.3}      # or by: activity, random; count: k
//	  - {step: 8, type: throttle, frame: hashtag, factor: 0.2, duration: 10} # platform moderation
//	  - {step: 8, type: shutdown, frame: hashtag, duration: 10}              # an internet shutdown
//	  - {step: 8, type: raise_cost, mechanism: hashtag, cost: 0.1}           # duration: 0 (for good) by default
//
// A scenario without them runs as before.
//
// # Outcome (opt-in)
//
// outcome makes participation produce a public good and, optionally, a
// target concede it (see Outcome; package sim, "Outcome"):
//
//	outcome:
//	  production: decelerating   # linear, accelerating, decelerating or step
//	  exponent: 4                # k of accelerating and decelerating (> 1)
//	  effort: 3                  # person-steps per person that make the whole good
//	  weight: 0.5                # β_good: + β_good·v_g·m(t) in the motivation
//	  values: [1, 0.2]           # v_g per group, in population order (default 1)
//	  efficacy: progress         # or fixed: e_i is m(t) for everyone
//	  target: {name: government, good: 0.8, share: 0}   # concedes at G >= 0.8
//
// The block has no defaults: a field not given is 0 (values: 1 each,
// efficacy: fixed), and the block absent is the model without an outcome
// (and left out of the resolved scenario). Rules: production required;
// effort > 0; exponent > 1 for accelerating and decelerating; threshold in
// (0, 1] for step; weight >= 0; values finite, one per group; target's good
// and share in [0, 1], not both 0.
//
// # Actions: a community of action (opt-in)
//
// actions gives a community a repertoire; each step an aware agent who
// takes part does the one open action worth most to it (see Action;
// package sim, "Communities of action"):
//
//	actions:
//	  - name: sign
//	    effort: 0.02            # time and attention, in units of the cost term
//	    visible: false          # ties do not see it (default true)
//	    spreads: false          # does not pass the frame on (default true)
//	    contribution: 0.1       # weight w_a in the outcome
//	    end: 20                 # open from start (default 0) to end (0: the last step)
//	  - name: donate
//	    cost: 0.1               # resources per step, on top of the frame's cost
//	    effect: donate          # the cost goes to the frame's organisation's budget
//	    skill: {dist: normal, mean: 0, sd: 0.1}   # σ_ia in [-1, 1], for everyone
//	  - name: march
//	    effort: 0.3
//	    skills: [0.2, 0, -0.1]  # per group of population.groups, in order
//	    ladder: [{from: sign, public: 0, private: 0.1}]   # by sign's visibility
//	  - {name: organise, effort: 0.4, effect: organise, amount: 0.1}  # takes 0.1 off each tie's effort
//	outcome: {production: linear, effort: 10, combine: ces, substitution: -0.5}
//
// Fields not given are 0 (visible, spreads and available: true; skill:
// 0; effect: none), and the list absent is the model without actions (and
// left out of the resolved scenario). Rules: at most 16 actions, names
// unique and column-safe; cost, effort, contribution and amount >= 0;
// amount only with effect: organise, and at most one action organises;
// skills one per group; skill values in [-1, 1]; start and end >= 0, end
// not before start; a ladder's from is another action; at least one
// action available; no two actions' names making the same column
// (share_x's doing_share_x is x's share doing). outcome.combine (additive,
// ces or leontief) needs actions; substitution ρ < 1 and not 0, read with
// ces only (ignored with another combine). Conditions may
// change the actions' fields but not their names or number (they name the
// output's columns: doing_, doing_share_, role_ and did_ in timeseries.csv,
// ever_ in summary.csv).
//
// # Commitment and novelty (opt-in)
//
// decision.commitment gives every agent a commitment κ_i in [0,1], one
// law for both logics (issue 20, item 1; the equation is in package sim,
// "Commitment", and in Commitment's doc):
//
//	decision:
//	  commitment:
//	    weight: 1          # β_com: +β_com·κ_i in the motivation
//	    decay: 0.02        # δ: share lost per step, the same for every mechanism
//	    habit: 0.05        # η_habit: growth per step of participation
//	    solidarity: 0      # η_sol: growth with the share of one's ties active
//	    fit: 0             # η_fit: growth with fit_i·a_i
//	    organisation: 0.05 # η_org: growth per step of membership
//	    sustain: 1         # σ: attention decays by 2^(−(1−σ·κ_i)/h)
//
// The block has no defaults: a field not given is 0, and the block absent
// is the model without commitment (and left out of the resolved scenario).
//
// frames[].novelty: once (the default) makes a frame news only once: a
// peer showing it again to someone who has held it renews nothing. decay
// lets the n-th re-exposure renew attention by the novelty left,
// a ← a + (1−a)·ν^n with ν = novelty_factor (Wu & Huberman 2007); someone
// who forgot the frame holds it again with attention ν^n. novelty and
// novelty_factor are written in the resolved scenario only for decay.
//
// # Common random numbers (opt-in)
//
// common_random_numbers: true (top level; default false) makes every
// condition of a replicate at a sweep point draw its dynamics from the
// same run seed, so that arms are identical until the step at which they
// first draw differently (an event at step 30: identical through step 29),
// and adds contrasts.csv, the paired differences between conditions, to a
// run folder (issue 20, item 4; Law 2015, Simulation Modeling and
// Analysis, §11.2). It is read from the scenario (with --set), not from a
// condition's set or a sweep parameter, which would not change the seeds.
// It is written in the resolved scenario only when true, so that existing
// scenarios keep their hash.
//
// # Validation
//
// Every error is positioned at the field it concerns, or, when the field
// was not given, at its nearest given parent or at the given field that
// makes it wrong. Ranges are written [a, b] (closed), (a, b] (open at a),
// >= a, or a..b for integers.
//
//   - name: required, letters, digits, '.', '_' and '-', starting with a
//     letter or digit, without "..", at most 100 characters (it names the
//     results folder). The same rule holds for group, organisation, frame
//     and condition names.
//   - steps and replicates: 1..1000000; time_unit not empty.
//   - population.size: 1..2147483647 (0 allowed only with network.model:
//     file). population.position_spread >= 0.
//   - groups: unique names; share in (0, 1], required when there are
//     several groups, shares summing to 1 within 1e-9; centre in [0, 1];
//     position_spread >= 0.
//   - Distributions (population and groups): family one of constant,
//     uniform, normal, beta, lognormal, empirical; only that family's
//     parameters; uniform min <= max; normal and lognormal sd, sigma >= 0;
//     beta a, b > 0; empirical values not empty and draw sample or
//     sequence. Values must lie in the attribute's range: identity and
//     free_riding [0, 1]; threshold [0, 1] with social_mode fractional and
//     >= 0 with absolute; resources and income >= 0; cap > 0. This is
//     checked on a constant's value, a uniform's min and max and every
//     empirical value; a normal is truncated to the range, so only its mean
//     must be finite; beta lies in [0, 1]; lognormal is refused for
//     attributes bounded above.
//   - network.model one of erdos_renyi, gnm, watts_strogatz,
//     barabasi_albert, configuration, block, ring, complete, file.
//     mean_degree >= 0 and, for erdos_renyi, gnm, watts_strogatz, block and
//     ring, < population.size; watts_strogatz and ring need an even integer
//     mean_degree >= 2. rewire and homophily in [0, 1]; attach >= 1, and
//     < population.size for barabasi_albert. exponent > 2; min_degree >= 1,
//     and < population.size (which must be >= 2) for configuration, whose
//     mean degree follows from the two (mean_degree is not used). file
//     is required with model file, relative to the
//     scenario's folder, and must exist (Scenario.Network.File then holds
//     the absolute path); a file with another model is an error. Networks
//     with more than 4e9 edge ends (size × mean degree; size × (size − 1)
//     for complete; 2 × size × attach for barabasi_albert; size × the mean
//     of the degree law for configuration) are refused: they
//     would not fit in memory. network.audience follows the same rules
//     under its own path, its edge ends counted with the network's against
//     the limit; it takes no file, nodes, audience or model file.
//   - decision: the weights identity, social, incentive, cost and
//     free_riding >= 0 (the signs are in the motivation equation; 0 switches
//     a term off); temperature >= 0; social_mode fractional or absolute;
//     efficacy_ref > 0; efficacy_exponent >= 0; personal_efficacy joint,
//     active_ties or ties; tie_loss counts or renormalise; active_steps >= 0;
//     attention_floor in [0, 1). commitment, when given: weight >= 0;
//     decay, habit, solidarity, fit, organisation and sustain in [0, 1].
//   - organisations: names unique across organisations and frames (events
//     and conditions refer to both by name), and not "crowd"; position in
//     [0, 1]; tolerance in (0, 1]; budget, income, dues, contact_cost, cost,
//     half_life and reach >= 0; incentive finite; brokerage and members in
//     [0, 1]; start in 0..steps; incentive_cost, overhead and convert_cost
//     >= 0; churn and convert in [0, 1]; allocation incentives_first or
//     contacts_first; convert > 0 only with membership true and a frame
//     it sponsors with amplify > 0.
//   - frames: sponsor crowd or an organisation; expression personal or
//     collective; seeding random or neighbourhood; seeds >= 0 and at most
//     population.size; seed_share, aware, centre and share in [0, 1]; width
//     in (0, 1]; cost, half_life >= 0; start in 0..steps; amplify >= 0, and
//     > 0 only with an organisation as sponsor; novelty once or decay, and
//     with decay novelty_factor in (0, 1).
//   - background: rate in [0, 1]; mechanism, an organisation or a frame,
//     required when rate > 0.
//   - events: step in 0..steps (the last step); type one of suppress
//     (organisations: names, empty for all), remove_hubs (count >= 1 or
//     share in (0, 1], not both), remove_random (share in (0, 1]), set_cost
//     (mechanism, cost >= 0), media_shock (share in (0, 1], mechanism),
//     seed_frame (frame, count >= 1), remove_periphery (count >= 1 or
//     share in (0, 1], not both), arrest (by activity, degree or
//     random; count >= 1 or share in (0, 1], not both; mechanism,
//     optional; backlash), throttle (frame, factor in [0, 1), duration >=
//     1, backlash), shutdown (frame, duration >= 1, backlash), raise_cost
//     (mechanism, cost >= 0, duration >= 0, backlash); the last four, the
//     repression of connective action, take a backlash, any finite number
//     (default 0). A field of another type is an error.
//   - conditions: unique names; mechanisms name organisations or frames;
//     every set entry must apply (see Overrides) and give a valid scenario.
//   - outputs: formats each svg, png or pdf, no repeats; cascade_level in
//     (0, 1]; quantiles in [0, 1]; agents.steps at least one, each a whole
//     step from 0 to steps or final; agents.format csv.
//   - sweep: each path names a field that --set accepts, other than name,
//     conditions and sweep; each value (of a range, its first and last)
//     must give a valid scenario on its own. Then the corners of the design
//     (every factor at its first or last value, a zip group at its first or
//     last row, a sampled parameter at from or to; at most 16 of them)
//     must be valid together, so that values that are fine alone but not
//     together (population.size 20 with network.mean_degree 30) are
//     refused before anything runs, reported at sweep. Another point that
//     is invalid stops the sweep when it comes to it, with the same message.
//     A parameter's optional label (its name on charts, e.g. label:
//     "Selective incentive to members") is one line of at most 80
//     characters; it is left out of the resolved scenario when not given.
//     A parameter's column name (name, or the path made a column name)
//     must not be a column runs.csv already has: point, condition,
//     replicate, seed or a metric (half_life, members_end_union, ...).
//     A parameter's optional also is a list of further fields set to its
//     value at every point ({path: organisations.0.half_life, also:
//     [frames.0.half_life], from: 2, to: 30}: one input shared by two
//     mechanisms, which a design varies without breaking their equal
//     footing); each must be sweepable, of the same kind (whole numbers
//     or any number) and not varied elsewhere in the sweep. The outputs
//     have the parameter's column only.
//   - sweep.sample: method random, lhs, sobol or morris; points in
//     1..1000000. sobol runs the Saltelli et al. (2010) design for Sobol'
//     indices: points is N, the base points (at least 2), and the sweep has
//     N·(k+2) points for k parameters, in blocks A, B, A_B^1..A_B^k of N
//     points each (package sensitivity, SaltelliDesign and SaltelliRow),
//     from a Sobol' sequence scrambled from the scenario seed. morris runs
//     Morris (1991) trajectories: points is r, the trajectories, each of
//     k+1 points moving one parameter at a time on a grid of levels values
//     (even, default 4, made explicit in the resolved scenario). Either
//     design has at most 1000000 points; levels is for morris only.
//   - sweep.design: an external design (SALib, R or by hand), a CSV file
//     relative to the scenario: a header of parameter paths as in --set,
//     then one point a row (lines starting with # are comments); at most
//     1000 columns and 1000000 rows, no empty cell, each path once; not
//     with sample. Loading turns it into one more zip group of those
//     parameters (a plain parameter for one column), so the resolved
//     scenario holds the design's values and names no file; its mistakes
//     are reported at sweep.design with the file's line (x.csv:3: ...).
//   - sweep.populations: shared (the default: replicate r of every point
//     meets the same population on the same network) or per_point (each
//     point draws its own, from sim.PairedSeed(sim.Derive(seed, point), r);
//     connact fit's generations use it). Written in the resolved scenario
//     only when per_point.
//   - fit (connact fit; package sim/fit): not with a sweep, and for at
//     most one condition. parameters: 1..20, each a path that a sweep
//     could vary, holding a real number (not a whole number), fitted once;
//     name a column name (default from the path, as a sweep's); label one
//     line of at most 80 characters; prior.dist uniform, loguniform,
//     normal or beta, with only its own keys: uniform and loguniform need
//     min < max (loguniform min > 0), normal mean, sd > 0, min and max
//     (truncation), beta a, b > 0 and optional min, max (default 0, 1);
//     the support's ends, min and max, must be values the field accepts
//     (checked as --set would, so a share prior reaching 1.2 is refused
//     here); truth, optional, inside the support. data: required, a CSV
//     file relative to the scenario, read by connact fit and validate (its
//     mistakes are reported at fit.data with the file's line). observe:
//     series cumulative_share (default), active_share, aware_share,
//     members_share or new_participants, or statistics (per-run metrics),
//     not both; scale > 0 (default 1); steps_per_unit >= 1 (default 1);
//     offset 0..steps; time and value column names (default time, value).
//     distance rmse for a series (default), standardised for statistics
//     (default). particles 4..1000000 (default 200); alpha in (0, 1)
//     (default 0.5), keeping at least 2 and fewer than particles;
//     min_acceptance in [0, 1) (default 0.05); max_generations 1..100
//     (default 8); predictive 0..1000000 (default 50). The defaults are
//     written in the resolved scenario. Shares of runs instead of data:
//     observe.replicates 2..100000 (required with shares, refused
//     without) and observe.shares, 1..20 of {metric, at_least, value}:
//     metric a per-run metric (MetricNames, members_end_<organisation>),
//     at_least finite and, for a *_share metric, in (0, 1]; value the
//     observed share of runs reaching it, in [0, 1]; each (metric,
//     at_least) once. Such a fit takes no data file, no series or
//     statistics, no scale, steps_per_unit, offset, time or value;
//     distance arcsine (the default and only one). replicates and shares
//     are written in the resolved scenario only when given, and then
//     without the keys a shares fit refuses, so fits without them keep
//     their hash.
//   - Something must be able to start: at least one organisation or frame,
//     and an organisation, a background rate, a frame with seeds, seed_share
//     or aware, or a media_shock or seed_frame event; otherwise "nothing can
//     ever become active".
//   - Limits: at most 1000 organisations, 1000 frames, 1000 conditions,
//     10 000 events and 10 000 groups ("frames: 1001 entries, at most 1000
//     allowed"). The work a plan sizes is computed without overflow and
//     bounded: at most 10^12 runs (points × conditions × replicates),
//     10^15 run-steps (runs × (steps+1)) and 10^18 agent-steps (run-steps ×
//     population.size, the base scenario's), reported at replicates or at
//     sweep.
//
// Loading is linear in the file's size: a condition (and a sweep level or
// corner) is a copy on write of the validated scenario, whose defaults and
// checks run again only for the sections that read what it changes; only
// the names of organisations and frames are collected again for each, a
// map entry per name. A --set argument repeated in a message is cut to its
// first 60 bytes and its length.
//
// # Overrides
//
// ApplySet, the --set flag of the command line and the set of each
// condition take assignments path=value. The path names a field with keys
// and list indices joined by dots: population.size, organisations.0.reach,
// frames.1.width, population.groups.0.identity. An index may also be
// written [i] (frames[1].width), which a shell such as zsh needs quoted;
// the dotted form needs no quoting. The element must exist (an index out
// of range is an error); a whole list or distribution may be replaced. The
// value is one YAML value, read with the rules above:
//
//	--set population.size=5000
//	--set frames.0.width=0.8
//	--set 'population.threshold={dist: normal, mean: 0.2, sd: 0.05}'
//	--set 'outputs.formats=[svg, pdf]'
//	--set network.attach=      # empty or null: back to the default
//
// An overridden field counts as given. Assignments apply in order (a
// condition's in sorted key order) before the defaults and validation run
// again. A condition's set may not change conditions.
//
// # Errors
//
// Mistakes in a scenario or an override are returned as an *Error, or an
// ErrorList of at most 20 sorted by position; IsUserError recognises both,
// and the command line maps them to exit code 2. Each reads
// FILE:LINE:COL: path: message, and for an override
// --set path=value: path: message:
//
//	protest.yaml:4:9: population.size: -5 is out of range (allowed: 1..2147483647)
//	protest.yaml:2:3: population: unknown key "sizee" (did you mean "size"?)
//	protest.yaml:7:10: steps: expected an integer, got string "abc"
//	protest.yaml:12:1: duplicate key "steps" (first at line 3)
//	protest.yaml:30:15: events[0].step: 150 is after the last step 100 (allowed: 0..100)
//	--set population.sizee=5000: unknown field "sizee" (did you mean "size"?)
//
// YAML syntax errors carry the parser's position. Errors that come from a
// condition's overrides say "in condition NAME".
//
// # Resolved scenario and hash
//
// Loaded.Resolved writes the scenario as loaded: every default explicit,
// keys in schema order, distributions as mappings with only their family's
// parameters, events with only their type's fields, network.file and
// network.nodes relative to the scenario's folder. Parse accepts it back and gives an identical
// Scenario; it is what a run records next to its results. Loaded.Hash, the
// SHA-256 of it, identifies the scenario whatever its formatting, comments
// or left-out defaults. It does not cover the content of a network file.
package scenario
