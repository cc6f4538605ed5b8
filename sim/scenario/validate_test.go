package scenario

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// audienceHead is a scenario whose network has an audience layer, the
// layer's fields to follow.
const audienceHead = "name: x\npopulation: {size: 100}\nframes: [{name: f}]\nnetwork:\n  model: ring\n  mean_degree: 4\n  audience:\n"

func TestValidationErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"frame name making a fixed column", "name: x\npopulation: {size: 100}\nframes: [{name: share}]\n",
			`s.yaml:3:17: frames[0].name: name "share" makes column active_share of timeseries.csv, which is already a column of its own: choose another name`},
		{"organisation name making a fixed column", "name: x\npopulation: {size: 100}\norganisations: [{name: share}]\n",
			`s.yaml:3:24: organisations[0].name: name "share" makes column active_share of timeseries.csv, which is already a column of its own: choose another name`},
		{"frame names making one column", "name: x\npopulation: {size: 100}\nframes: [{name: tag}, {name: share_tag}]\n",
			`s.yaml:3:30: frames[1].name: name "share_tag" makes column active_share_tag of timeseries.csv, which is already the column of frames[0].name "tag": choose another name`},
		{"organisation and frame names making one column", "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: share_u}]\n",
			`s.yaml:4:17: frames[0].name: name "share_u" makes column active_share_u of timeseries.csv, which is already the column of organisations[0].name "u": choose another name`},
		{"commitment decay above 1", "name: x\npopulation: {size: 100}\ndecision:\n  commitment: {decay: 1.5}\nframes: [{name: f}]\n",
			`s.yaml:4:23: decision.commitment.decay: 1.5 is out of range (allowed: [0, 1])`},
		{"negative commitment weight", "name: x\npopulation: {size: 100}\ndecision: {commitment: {weight: -1}}\nframes: [{name: f}]\n",
			`s.yaml:3:33: decision.commitment.weight: -1 is out of range (allowed: >= 0)`},
		{"unknown novelty", "name: x\npopulation: {size: 100}\nframes: [{name: f, novelty: decai}]\n",
			`s.yaml:3:29: frames[0].novelty: unknown novelty "decai" (did you mean "decay"?)`},
		{"novelty factor 1", "name: x\npopulation: {size: 100}\nframes: [{name: f, novelty: decay, novelty_factor: 1}]\n",
			`s.yaml:3:52: frames[0].novelty_factor: 1 is out of range (allowed: (0, 1))`},
		{"common random numbers in a condition", "name: x\npopulation: {size: 100}\nframes: [{name: f}]\nconditions: [{name: a, set: {common_random_numbers: true}}]\n",
			`s.yaml:4:29: conditions[0].set.common_random_numbers: common_random_numbers applies to every condition and sweep point at once: set it at the top of the scenario (or with --set), not here`},
		{"snapshot step beyond the run", "name: x\nsteps: 20\npopulation: {size: 100}\nframes: [{name: f}]\noutputs:\n  agents: {steps: [0, 30, final]}\n",
			`s.yaml:6:23: outputs.agents.steps[1]: "30" is beyond the run's length: a snapshot step is a whole number from 0 to 20 (steps) or final`},
		{"snapshot step not a step", "name: x\nsteps: 20\npopulation: {size: 100}\nframes: [{name: f}]\noutputs:\n  agents:\n    steps: [0, last]\n",
			`s.yaml:7:16: outputs.agents.steps[1]: "last" is not a whole step: a snapshot step is a whole number from 0 to 20 (steps) or final`},
		{"negative snapshot step", "name: x\nsteps: 20\npopulation: {size: 100}\nframes: [{name: f}]\noutputs: {agents: {steps: [-1]}}\n",
			`s.yaml:5:28: outputs.agents.steps[0]: "-1" is negative: a snapshot step is a whole number from 0 to 20 (steps) or final`},
		{"no snapshot steps", "name: x\npopulation: {size: 100}\nframes: [{name: f}]\noutputs: {agents: {format: csv}}\n",
			`s.yaml:4:19: outputs.agents.steps: at least one step is required, e.g. [0, 10, final]`},
		{"snapshot steps beyond a condition's run", "name: x\nsteps: 20\npopulation: {size: 100}\nframes: [{name: f}]\nconditions: [{name: short, set: {steps: 5}}]\noutputs: {agents: {steps: [10]}}\n",
			`s.yaml:6:28: outputs.agents.steps[0]: in condition "short": "10" is beyond the run's length: a snapshot step is a whole number from 0 to 5 (steps) or final`},
		{"snapshots in another format", "name: x\npopulation: {size: 100}\nframes: [{name: f}]\noutputs: {agents: {steps: [0], format: json}}\n",
			`s.yaml:4:40: outputs.agents.format: unknown format "json" (allowed: csv, parquet)`},
		{"unknown snapshot key", "name: x\npopulation: {size: 100}\nframes: [{name: f}]\noutputs: {agents: {steps: [0], every: 2}}\n",
			`s.yaml:4:32: outputs.agents: unknown key "every" (allowed: steps, format)`},
		{"negative size", "name: x\npopulation: {size: -5}\nframes: [{name: f}]\n",
			`s.yaml:2:20: population.size: -5 is out of range (allowed: 1..2147483647)`},
		{"missing size", "name: x\nframes: [{name: f}]\n",
			`s.yaml:1:1: population.size: required: the number of agents (1..2147483647)`},
		{"missing name", "population: {size: 100}\nframes: [{name: f}]\n",
			`s.yaml:1:1: name: required`},
		{"name with a slash", "name: a/b\npopulation: {size: 100}\nframes: [{name: f}]\n",
			`s.yaml:1:7: name: "a/b" is not a valid name (allowed: letters, digits, '.', '_' and '-', starting with a letter or digit, without '..')`},
		{"name with ..", "name: a..b\npopulation: {size: 100}\nframes: [{name: f}]\n",
			`s.yaml:1:7: name: "a..b" is not a valid name (allowed: letters, digits, '.', '_' and '-', starting with a letter or digit, without '..')`},
		{"zero steps", base + "steps: 0\n",
			`s.yaml:4:8: steps: 0 is out of range (allowed: 1..1000000)`},
		{"too many replicates", base + "replicates: 1e7\n",
			`s.yaml:4:13: replicates: 10000000 is out of range (allowed: 1..1000000)`},
		{"shares not summing to 1", "name: x\npopulation:\n  size: 100\n  groups:\n    - {name: a, share: 0.5}\n    - {name: b, share: 0.4}\nframes: [{name: f}]\n",
			`s.yaml:5:5: population.groups: group shares sum to 0.9, not 1`},
		{"share missing with several groups", "name: x\npopulation:\n  size: 100\n  groups:\n    - {name: a, share: 1}\n    - {name: b}\nframes: [{name: f}]\n",
			`s.yaml:6:7: population.groups[1].share: required when there are several groups`},
		{"duplicate group", "name: x\npopulation:\n  size: 100\n  groups:\n    - {name: a, share: 0.5}\n    - {name: a, share: 0.5}\nframes: [{name: f}]\n",
			`s.yaml:6:14: population.groups[1].name: duplicate group name "a" (also population.groups[0].name)`},
		{"centre out of range", "name: x\npopulation:\n  size: 100\n  groups: [{name: a, centre: 1.5}]\nframes: [{name: f}]\n",
			`s.yaml:4:30: population.groups[0].centre: 1.5 is out of range (allowed: [0, 1])`},
		{"wrong-family parameter", "name: x\npopulation: {size: 100, identity: {dist: uniform, min: 0, max: 1, sd: 0.1}}\nframes: [{name: f}]\n",
			`s.yaml:2:71: population.identity.sd: sd is not a parameter of uniform (uniform takes min and max)`},
		{"unknown family", "name: x\npopulation: {size: 100, identity: {dist: unifrom}}\nframes: [{name: f}]\n",
			`s.yaml:2:42: population.identity.dist: unknown distribution "unifrom" (did you mean "uniform"?)`},
		{"mapping without dist", "name: x\npopulation: {size: 100, identity: {min: 0}}\nframes: [{name: f}]\n",
			`s.yaml:2:35: population.identity.dist: required: which distribution (one of constant, uniform, normal, beta, lognormal, empirical)`},
		{"uniform min > max", "name: x\npopulation: {size: 100, identity: {dist: uniform, min: 0.8, max: 0.2}}\nframes: [{name: f}]\n",
			`s.yaml:2:66: population.identity.max: max 0.2 is less than min 0.8`},
		{"constant out of the attribute's range", "name: x\npopulation: {size: 100, free_riding: 1.5}\nframes: [{name: f}]\n",
			`s.yaml:2:38: population.free_riding.value: 1.5 is out of range for free_riding (allowed: [0, 1])`},
		{"empirical value out of range", "name: x\npopulation: {size: 100, threshold: {dist: empirical, values: [0.5, 2]}}\nframes: [{name: f}]\n",
			`s.yaml:2:68: population.threshold.values[1]: 2 is out of range for threshold (allowed: [0, 1])`},
		{"absolute thresholds may exceed 1", "name: x\npopulation: {size: 100, threshold: {dist: empirical, values: [0.5, 2]}}\nframes: [{name: f}]\ndecision: {social_mode: absolute}\n", ""},
		{"empty empirical", "name: x\npopulation: {size: 100, income: {dist: empirical, values: []}}\nframes: [{name: f}]\n",
			`s.yaml:2:59: population.income.values: empirical needs a non-empty list of values`},
		{"bad draw", "name: x\npopulation: {size: 100, income: {dist: empirical, values: [1], draw: sequense}}\nframes: [{name: f}]\n",
			`s.yaml:2:70: population.income.draw: unknown draw "sequense" (did you mean "sequence"?)`},
		{"beta parameter", "name: x\npopulation: {size: 100, identity: {dist: beta, a: 0, b: 1}}\nframes: [{name: f}]\n",
			`s.yaml:2:51: population.identity.a: 0 is out of range (allowed: > 0)`},
		{"negative sd", "name: x\npopulation: {size: 100, identity: {dist: normal, mean: 0.5, sd: -1}}\nframes: [{name: f}]\n",
			`s.yaml:2:65: population.identity.sd: -1 is out of range (allowed: >= 0)`},
		{"lognormal for a bounded attribute", "name: x\npopulation: {size: 100, identity: {dist: lognormal, mu: 0, sigma: 1}}\nframes: [{name: f}]\n",
			`s.yaml:2:42: population.identity.dist: lognormal is unbounded, but identity must lie in [0, 1] (use beta, or normal, which is truncated)`},
		{"zero cap", "name: x\npopulation: {size: 100, cap: 0}\nframes: [{name: f}]\n",
			`s.yaml:2:30: population.cap.value: 0 is out of range for cap (allowed: > 0)`},
		{"group distribution", "name: x\npopulation:\n  size: 100\n  groups: [{name: a, identity: 2}]\nframes: [{name: f}]\n",
			`s.yaml:4:32: population.groups[0].identity.value: 2 is out of range for identity (allowed: [0, 1])`},
		{"unknown model", base + "network: {model: small_world}\n",
			`s.yaml:4:18: network.model: unknown network model "small_world" (allowed: erdos_renyi, gnm, watts_strogatz, barabasi_albert, configuration, block, ring, complete, file)`},
		{"mean_degree >= size", "name: x\npopulation: {size: 5}\nnetwork: {mean_degree: 10}\nframes: [{name: f, seeds: 1}]\n",
			`s.yaml:3:24: network.mean_degree: mean_degree 10 must be < population.size 5`},
		{"default mean_degree >= size", "name: x\npopulation: {size: 5}\nframes: [{name: f, seeds: 1}]\n",
			`s.yaml:2:20: network.mean_degree: mean_degree 10 (the default) must be < population.size 5`},
		{"odd ring degree", base + "network: {model: ring, mean_degree: 5}\n",
			`s.yaml:4:37: network.mean_degree: 5 must be an even integer >= 2 for model ring (each node links to k/2 neighbours on each side)`},
		{"rewire out of range", base + "network: {model: watts_strogatz, rewire: 1.5}\n",
			`s.yaml:4:42: network.rewire: 1.5 is out of range (allowed: [0, 1])`},
		{"attach >= size", base + "network: {model: barabasi_albert, attach: 100}\n",
			`s.yaml:4:43: network.attach: attach 100 must be < population.size 100`},
		{"configuration exponent", base + "network: {model: configuration, exponent: 2}\n",
			`s.yaml:4:43: network.exponent: 2 is out of range (allowed: > 2)`},
		{"configuration min_degree 0", base + "network: {model: configuration, min_degree: 0}\n",
			`s.yaml:4:45: network.min_degree: 0 is out of range (allowed: >= 1)`},
		{"configuration min_degree >= size", base + "network: {model: configuration, min_degree: 100}\n",
			`s.yaml:4:45: network.min_degree: min_degree 100 must be < population.size 100`},
		{"configuration default min_degree >= size", "name: x\npopulation: {size: 2}\nnetwork: {model: configuration}\nframes: [{name: f, seeds: 1}]\n",
			`s.yaml:2:20: network.min_degree: min_degree 2 (the default) must be < population.size 2`},
		{"configuration too large", "name: x\npopulation: {size: 1000000000}\nnetwork: {model: configuration, min_degree: 3}\nframes: [{name: f}]\n",
			`s.yaml:3:45: network.min_degree: population.size 1000000000 with min_degree 3 and exponent 2.5 gives 7.55e+09 edge ends (twice the edges), more than the limit of 4e+09: the network would not fit in memory`},
		// network.audience: the network's rules under its own path; no file,
		// node table, model file or nested audience; its edges counted with
		// the network's.
		{"audience: unknown key", audienceHead + "    model: ring\n    mean_degre: 4\n",
			`s.yaml:9:5: network.audience: unknown key "mean_degre" (did you mean "mean_degree"?)`},
		{"audience: unknown model", audienceHead + "    model: scale_free\n",
			`s.yaml:8:12: network.audience.model: unknown network model "scale_free" (allowed: erdos_renyi, gnm, watts_strogatz, barabasi_albert, configuration, block, ring, complete, file)`},
		{"audience: negative mean degree", audienceHead + "    mean_degree: -3\n",
			`s.yaml:8:18: network.audience.mean_degree: -3 is out of range (allowed: >= 0)`},
		{"audience: mean degree as large as the population", audienceHead + "    mean_degree: 100\n",
			`s.yaml:8:18: network.audience.mean_degree: mean_degree 100 must be < population.size 100`},
		{"audience: odd ring degree", audienceHead + "    model: ring\n    mean_degree: 3\n",
			`s.yaml:9:18: network.audience.mean_degree: 3 must be an even integer >= 2 for model ring (each node links to k/2 neighbours on each side)`},
		{"audience: exponent not above 2", audienceHead + "    model: configuration\n    exponent: 2\n",
			`s.yaml:9:15: network.audience.exponent: 2 is out of range (allowed: > 2)`},
		{"audience: a file", audienceHead + "    model: ring\n    file: edges.csv\n",
			`s.yaml:9:11: network.audience.file: not allowed in the audience layer, which is generated over the agents of network (with its model, mean_degree, exponent, min_degree, rewire, attach, homophily)`},
		{"audience: a node table", audienceHead + "    nodes: nodes.csv\n",
			`s.yaml:8:12: network.audience.nodes: not allowed in the audience layer, which is generated over the agents of network (with its model, mean_degree, exponent, min_degree, rewire, attach, homophily)`},
		{"audience: model file", audienceHead + "    model: file\n",
			`s.yaml:8:12: network.audience.model: the audience layer is generated over the agents, not read from a file (one of erdos_renyi, gnm, watts_strogatz, barabasi_albert, configuration, block, ring, complete); give a network file as network.file`},
		{"audience: an audience of the audience", audienceHead + "    audience: {model: ring}\n",
			`s.yaml:8:15: network.audience.audience: not allowed in the audience layer, which is generated over the agents of network (with its model, mean_degree, exponent, min_degree, rewire, attach, homophily)`},
		{"audience: the two layers too large together", "name: x\npopulation: {size: 1000000}\nframes: [{name: f}]\nnetwork:\n  model: gnm\n  mean_degree: 3000\n  audience: {model: gnm, mean_degree: 2000}\n",
			`s.yaml:7:39: network.audience.mean_degree: population.size 1000000 with mean_degree 2000 gives 2e+09 edge ends (twice the edges), 5e+09 with the interaction network's, more than the limit of 4e+09: the network would not fit in memory`},
		{"configuration mean_degree ignored", base + "network: {model: configuration, mean_degree: 500}\n", ""},
		{"too many edges", "name: x\npopulation: {size: 100000000}\nnetwork: {mean_degree: 50}\nframes: [{name: f}]\n",
			`s.yaml:3:24: network.mean_degree: population.size 100000000 with mean_degree 50 gives 5e+09 edge ends (twice the edges), more than the limit of 4e+09: the network would not fit in memory`},
		{"complete graph too large", "name: x\npopulation: {size: 100000}\nnetwork: {model: complete}\nframes: [{name: f}]\n",
			`s.yaml:3:18: network.model: population.size 100000 with a complete graph gives 1e+10 edge ends (twice the edges), more than the limit of 4e+09: the network would not fit in memory`},
		{"barabasi_albert too large", "name: x\npopulation: {size: 1000000000}\nnetwork: {model: barabasi_albert, attach: 3}\nframes: [{name: f}]\n",
			`s.yaml:3:43: network.attach: population.size 1000000000 with attach 3 gives 6e+09 edge ends (twice the edges), more than the limit of 4e+09: the network would not fit in memory`},
		{"ring degree >= size", base + "network: {model: ring, mean_degree: 100}\n",
			`s.yaml:4:37: network.mean_degree: mean_degree 100 must be < population.size 100`},
		{"odd watts_strogatz degree", base + "network: {model: watts_strogatz, mean_degree: 2.5}\n",
			`s.yaml:4:47: network.mean_degree: 2.5 must be an even integer >= 2 for model watts_strogatz (each node links to k/2 neighbours on each side)`},
		{"block degree >= size", base + "network: {model: block, mean_degree: 100}\n",
			`s.yaml:4:38: network.mean_degree: mean_degree 100 must be < population.size 100`},
		{"barabasi_albert degree may reach size", base + "network: {model: barabasi_albert, mean_degree: 100, attach: 2}\n", ""},
		{"complete degree may reach size", base + "network: {model: complete, mean_degree: 100}\n", ""},
		{"misspelt model", base + "network: {model: watts_strogaz}\n",
			`s.yaml:4:18: network.model: unknown network model "watts_strogaz" (did you mean "watts_strogatz"?)`},
		{"misspelt social mode", base + "decision: {social_mode: absolut}\n",
			`s.yaml:4:25: decision.social_mode: unknown social_mode "absolut" (did you mean "absolute"?)`},
		{"arrest without by", "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: f}]\nevents:\n  - {step: 1, type: arrest, count: 3}\n",
			`s.yaml:6:5: events[0].by: required (one of activity, degree, random)`},
		{"arrest by a misspelt target", "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: f}]\nevents:\n  - {step: 1, type: arrest, by: degre, count: 3}\n",
			`s.yaml:6:33: events[0].by: unknown by "degre" (did you mean "degree"?)`},
		{"arrest with count and share", "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: f}]\nevents:\n  - {step: 1, type: arrest, by: random, count: 3, share: 0.1}\n",
			`s.yaml:6:5: events[0]: arrest takes count or share, not both`},
		{"arrest of an unknown mechanism", "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: f}]\nevents:\n  - {step: 1, type: arrest, by: random, share: 0.1, mechanism: tag}\n",
			`s.yaml:6:64: events[0].mechanism: unknown mechanism "tag" (allowed: u, f)`},
		{"throttle factor 1", "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: f}]\nevents:\n  - {step: 1, type: throttle, frame: f, factor: 1, duration: 3}\n",
			`s.yaml:6:49: events[0].factor: 1 is out of range (allowed: [0, 1))`},
		{"throttle without duration", "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: f}]\nevents:\n  - {step: 1, type: throttle, frame: f, factor: 0.5}\n",
			`s.yaml:6:5: events[0]: throttle needs duration (>= 1 steps)`},
		{"shutdown of an organisation", "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: f}]\nevents:\n  - {step: 1, type: shutdown, frame: u, duration: 2}\n",
			`s.yaml:6:38: events[0].frame: unknown frame "u" (allowed: f)`},
		{"shutdown with a factor", "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: f}]\nevents:\n  - {step: 1, type: shutdown, frame: f, factor: 0, duration: 2}\n",
			`s.yaml:6:49: events[0].factor: factor is not used by a shutdown event (shutdown takes frame and duration and backlash)`},
		{"raise_cost with a negative cost", "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: f}]\nevents:\n  - {step: 1, type: raise_cost, mechanism: u, cost: -0.1}\n",
			`s.yaml:6:53: events[0].cost: -0.1 is out of range (allowed: >= 0)`},
		{"backlash on a removal", "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: f}]\nevents:\n  - {step: 1, type: remove_random, share: 0.1, backlash: 1}\n",
			`s.yaml:6:58: events[0].backlash: backlash is not used by a remove_random event (remove_random takes share)`},
		{"infinite backlash", "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\nframes: [{name: f}]\nevents:\n  - {step: 1, type: raise_cost, mechanism: u, cost: 0.1, backlash: .inf}\n",
			`s.yaml:6:68: events[0].backlash: expected a finite number, got .inf`},
		{"outcome without production", "name: x\npopulation: {size: 100, groups: [{name: a, share: 0.5}, {name: b, share: 0.5}]}\nframes: [{name: f}]\noutcome: {effort: 2}\n",
			`s.yaml:4:10: outcome.production: required (one of linear, accelerating, decelerating, step)`},
		{"outcome with a misspelt production", "name: x\npopulation: {size: 100, groups: [{name: a, share: 0.5}, {name: b, share: 0.5}]}\nframes: [{name: f}]\noutcome: {production: decellerating, effort: 2}\n",
			`s.yaml:4:23: outcome.production: unknown production "decellerating" (did you mean "decelerating"?)`},
		{"outcome without effort", "name: x\npopulation: {size: 100, groups: [{name: a, share: 0.5}, {name: b, share: 0.5}]}\nframes: [{name: f}]\noutcome: {production: linear}\n",
			`s.yaml:4:10: outcome.effort: 0 is out of range (allowed: > 0)`},
		{"accelerating exponent 1", "name: x\npopulation: {size: 100, groups: [{name: a, share: 0.5}, {name: b, share: 0.5}]}\nframes: [{name: f}]\noutcome: {production: accelerating, effort: 2, exponent: 1}\n",
			`s.yaml:4:58: outcome.exponent: 1 is out of range (allowed: > 1)`},
		{"step without threshold", "name: x\npopulation: {size: 100, groups: [{name: a, share: 0.5}, {name: b, share: 0.5}]}\nframes: [{name: f}]\noutcome: {production: step, effort: 2}\n",
			`s.yaml:4:10: outcome.threshold: 0 is out of range (allowed: (0, 1])`},
		{"one value for two groups", "name: x\npopulation: {size: 100, groups: [{name: a, share: 0.5}, {name: b, share: 0.5}]}\nframes: [{name: f}]\noutcome: {production: linear, effort: 2, values: [1]}\n",
			`s.yaml:4:50: outcome.values: 1 values for 2 groups: give one per group of population.groups, in order`},
		{"outcome efficacy misspelt", "name: x\npopulation: {size: 100, groups: [{name: a, share: 0.5}, {name: b, share: 0.5}]}\nframes: [{name: f}]\noutcome: {production: linear, effort: 2, efficacy: progres}\n",
			`s.yaml:4:52: outcome.efficacy: unknown efficacy "progres" (did you mean "progress"?)`},
		{"target without a level", "name: x\npopulation: {size: 100, groups: [{name: a, share: 0.5}, {name: b, share: 0.5}]}\nframes: [{name: f}]\noutcome: {production: linear, effort: 2, target: {name: government}}\n",
			`s.yaml:4:50: outcome.target: a target needs good or share (> 0): the level at which it concedes`},
		{"target share above 1", "name: x\npopulation: {size: 100, groups: [{name: a, share: 0.5}, {name: b, share: 0.5}]}\nframes: [{name: f}]\noutcome: {production: linear, effort: 2, target: {share: 1.5}}\n",
			`s.yaml:4:58: outcome.target.share: 1.5 is out of range (allowed: [0, 1])`},
		{"misspelt tie loss", base + "decision: {tie_loss: count}\n",
			`s.yaml:4:22: decision.tie_loss: unknown tie_loss "count" (did you mean "counts"?)`},
		{"unknown personal efficacy", base + "decision: {personal_efficacy: audience}\n",
			`s.yaml:4:31: decision.personal_efficacy: unknown personal_efficacy "audience" (allowed: joint, active_ties, ties)`},
		{"absolute thresholds with an unknown social mode", "name: x\npopulation: {size: 100, threshold: 2}\nframes: [{name: f}]\ndecision: {social_mode: count}\n",
			`s.yaml:2:36: population.threshold.value: 2 is out of range for threshold (allowed: [0, 1])
s.yaml:4:25: decision.social_mode: unknown social_mode "count" (allowed: fractional, absolute)`},
		{"missing network file", base + "network: {model: file, file: nope.csv}\n",
			`s.yaml:4:30: network.file: no such file: DIR/nope.csv`},
		{"network file without model file", base + "network: {file: nope.csv}\n",
			`s.yaml:4:17: network.file: a file is read only with model: file (model is erdos_renyi)`},
		{"model file without file", base + "network: {model: file}\n",
			`s.yaml:4:10: network.file: required with model file`},
		{"negative weight", base + "decision: {cost: -1}\n",
			`s.yaml:4:18: decision.cost: -1 is out of range (allowed: >= 0)`},
		{"attention floor 1", base + "decision: {attention_floor: 1}\n",
			`s.yaml:4:29: decision.attention_floor: 1 is out of range (allowed: [0, 1))`},
		{"social mode", base + "decision: {social_mode: relative}\n",
			`s.yaml:4:25: decision.social_mode: unknown social_mode "relative" (allowed: fractional, absolute)`},
		{"organisation named like a frame", base + "organisations: [{name: f}]\n",
			`s.yaml:3:17: frames[0].name: duplicate name "f" (also organisations[0].name; organisations and frames share one namespace)`},
		{"organisation named crowd", base + "organisations: [{name: crowd}]\n",
			`s.yaml:4:24: organisations[0].name: "crowd" is reserved for frames without a sponsoring organisation`},
		{"tolerance 0", base + "organisations: [{name: o, tolerance: 0}]\n",
			`s.yaml:4:38: organisations[0].tolerance: 0 is out of range (allowed: (0, 1])`},
		{"organisation starts after the end", base + "organisations: [{name: o, start: 101}]\n",
			`s.yaml:4:34: organisations[0].start: 101 is out of range (allowed: 0..100)`},
		{"unknown sponsor", "name: x\npopulation: {size: 100}\norganisations: [{name: ngo}]\nframes: [{name: f, sponsor: nog}]\n",
			`s.yaml:4:29: frames[0].sponsor: unknown sponsor (crowd or an organisation) "nog" (did you mean "ngo"?)`},
		{"amplify without organisation", "name: x\npopulation: {size: 100}\nframes: [{name: f, amplify: 3}]\n",
			`s.yaml:3:29: frames[0].amplify: amplify needs an organisation as sponsor (sponsor is crowd)`},
		{"width 0", "name: x\npopulation: {size: 100}\nframes: [{name: f, width: 0}]\n",
			`s.yaml:3:27: frames[0].width: 0 is out of range (allowed: (0, 1])`},
		{"background without mechanism", base + "background: {rate: 0.1}\n",
			`s.yaml:4:13: background.mechanism: required: the name of an organisation or a frame`},
		{"event after the last step", base + "events: [{step: 101, type: media_shock, share: 0.1, mechanism: f}]\n",
			`s.yaml:4:17: events[0].step: 101 is after the last step 100 (allowed: 0..100)`},
		{"unknown mechanism in an event", base + "events: [{step: 10, type: media_shock, share: 0.1, mechanism: hashtag}]\n",
			`s.yaml:4:63: events[0].mechanism: unknown mechanism "hashtag" (allowed: f)`},
		{"unknown event type", base + "events: [{step: 10, type: supress}]\n",
			`s.yaml:4:27: events[0].type: unknown event type "supress" (did you mean "suppress"?)`},
		{"field of another event type", base + "organisations: [{name: o}]\nevents: [{step: 1, type: suppress, organisations: [o], count: 3}]\n",
			`s.yaml:5:63: events[0].count: count is not used by a suppress event (suppress takes organisations)`},
		{"suppress an unknown organisation", base + "organisations: [{name: union}]\nevents: [{step: 1, type: suppress, organisations: [unoin]}]\n",
			`s.yaml:5:52: events[0].organisations[0]: unknown organisation "unoin" (did you mean "union"?)`},
		{"remove_hubs with both", base + "events: [{step: 1, type: remove_hubs, count: 3, share: 0.1}]\n",
			`s.yaml:4:10: events[0]: remove_hubs takes count or share, not both`},
		{"remove_hubs with neither", base + "events: [{step: 1, type: remove_hubs}]\n",
			`s.yaml:4:10: events[0]: remove_hubs needs count (>= 1) or share (0, 1]`},
		{"remove_random share", base + "events: [{step: 1, type: remove_random, share: 0}]\n",
			`s.yaml:4:48: events[0].share: 0 is out of range (allowed: (0, 1])`},
		{"seed_frame without count", base + "events: [{step: 1, type: seed_frame, frame: f}]\n",
			`s.yaml:4:10: events[0]: seed_frame needs count (>= 1)`},
		{"seed_frame of an organisation", base + "organisations: [{name: o}]\nevents: [{step: 1, type: seed_frame, frame: o, count: 1}]\n",
			`s.yaml:5:45: events[0].frame: unknown frame "o" (allowed: f)`},
		{"duplicate condition", base + "conditions: [{name: a}, {name: a}]\n",
			`s.yaml:4:32: conditions[1].name: duplicate condition name "a" (also conditions[0].name)`},
		{"condition with an unknown mechanism", base + "conditions: [{name: a, mechanisms: [g]}]\n",
			`s.yaml:4:37: conditions[0].mechanisms[0]: unknown mechanism "g" (allowed: f)`},
		{"condition set with a bad path", base + "conditions: [{name: c, set: {population.sizee: 10}}]\n",
			`s.yaml:4:48: conditions[0].set["population.sizee"]: unknown field "sizee" (did you mean "size"?)`},
		{"condition set with a bad value", base + "conditions: [{name: c, set: {population.size: -1}}]\n",
			`s.yaml:4:47: population.size: in condition "c": -1 is out of range (allowed: 1..2147483647)`},
		{"condition set changing conditions", base + "conditions: [{name: c, set: {conditions: []}}]\n",
			`s.yaml:4:42: conditions[0].set["conditions"]: a condition cannot change the conditions`},
		{"chart format", base + "outputs: {formats: [svg, jpg]}\n",
			`s.yaml:4:26: outputs.formats[1]: unknown chart format "jpg" (allowed: svg, png, pdf)`},
		{"quantile", base + "outputs: {quantiles: [0.5, 1.5]}\n",
			`s.yaml:4:28: outputs.quantiles[1]: 1.5 is out of range (allowed: [0, 1])`},
		{"cascade level 0", base + "outputs: {cascade_level: 0}\n",
			`s.yaml:4:26: outputs.cascade_level: 0 is out of range (allowed: (0, 1])`},
		{"no mechanism", "name: x\npopulation: {size: 100}\n",
			`s.yaml:1:1: nothing can ever become active: there is no organisation and no frame`},
		{"no way to start", "name: x\npopulation: {size: 100}\nframes: [{name: f, seeds: 0}]\n",
			`s.yaml:3:9: frames: nothing can ever become active: no frame has seeds, seed_share or aware, and there is no organisation, background rate, media_shock or seed_frame event`},
		{"started by an event", "name: x\npopulation: {size: 100}\nframes: [{name: f, seeds: 0}]\nevents: [{step: 5, type: seed_frame, frame: f, count: 1}]\n", ""},
	} {
		dir := t.TempDir()
		_, err := Parse("s.yaml", []byte(tc.src), dir)
		got := ""
		if err != nil {
			got = err.Error()
			if !IsUserError(err) {
				t.Errorf("%s: %v is not a user error", tc.name, err)
			}
		}
		want := tc.want
		if abs, err := filepath.Abs(dir); err == nil {
			want = replaceAll(want, "DIR", abs)
		}
		if got != want {
			t.Errorf("%s:\n got: %s\nwant: %s", tc.name, got, want)
		}
	}
}

func replaceAll(s, old, new string) string {
	out := ""
	for {
		i := indexOf(s, old)
		if i < 0 {
			return out + s
		}
		out += s[:i] + new
		s = s[i+len(old):]
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// TestNetworkFile checks that the file is found relative to the scenario,
// kept as an absolute path, and written back relative to the scenario.
func TestNetworkFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "nets"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "nets", "g.csv"), []byte("0,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "name: x\nnetwork: {model: file, file: nets/g.csv}\nframes: [{name: f, seeds: 1}]\n"
	if err := os.WriteFile(filepath.Join(dir, "s.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Load(filepath.Join(dir, "s.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "nets", "g.csv")
	if got := l.Scenario.Network.File; got != want {
		t.Errorf("network.file = %q, want %q", got, want)
	}
	if l.Scenario.Population.Size != 0 {
		t.Errorf("population.size = %d, want 0 (from the file)", l.Scenario.Population.Size)
	}
	if !contains(string(l.Resolved()), "file: nets/g.csv\n") {
		t.Errorf("resolved scenario does not hold the relative path:\n%s", l.Resolved())
	}
	back, err := Parse("resolved.yaml", l.Resolved(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if back.Scenario.Network.File != want {
		t.Errorf("after a round trip network.file = %q, want %q", back.Scenario.Network.File, want)
	}
}

func contains(s, sub string) bool { return indexOf(s, sub) >= 0 }

// TestCommonRandomNumbersSweep: a sweep cannot vary common_random_numbers
// (it chooses every point's seeds at once), and the field is written in
// the resolved scenario only when true.
func TestCommonRandomNumbersSweep(t *testing.T) {
	src := "name: x\npopulation: {size: 100}\nframes: [{name: f}]\nsweep: {parameters: [{path: common_random_numbers, values: [true, false]}]}\n"
	l, err := Parse("s.yaml", []byte(src), t.TempDir())
	if err == nil {
		_, err = l.Plan()
	}
	want := "s.yaml:4:29: sweep.parameters[0].path: common_random_numbers applies to every condition and sweep point at once: set it at the top of the scenario (or with --set), not here"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	for _, tc := range []struct {
		src  string
		want bool
	}{{"", false}, {"common_random_numbers: false\n", false}, {"common_random_numbers: true\n", true}} {
		l, err := Parse("s.yaml", []byte("name: x\npopulation: {size: 100}\nframes: [{name: f}]\n"+tc.src), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(l.Resolved()), "common_random_numbers: true"); got != tc.want || strings.Contains(string(l.Resolved()), "common_random_numbers: false") {
			t.Errorf("%q resolves to\n%s", tc.src, l.Resolved())
		}
		if l.Scenario.CommonRandomNumbers != tc.want {
			t.Errorf("%q: CommonRandomNumbers = %v", tc.src, l.Scenario.CommonRandomNumbers)
		}
	}
}

// TestOutputsAgents: outputs.agents is in the resolved scenario, with its
// default format and its steps as integers, only when given: a scenario
// without it resolves, and hashes, exactly as before the field existed.
func TestOutputsAgents(t *testing.T) {
	base := "name: x\nsteps: 20\npopulation: {size: 100}\nframes: [{name: f}]\n"
	without, err := Parse("s.yaml", []byte(base), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(without.Resolved()), "agents") {
		t.Errorf("outputs.agents written when not given:\n%s", without.Resolved())
	}
	with, err := Parse("s.yaml", []byte(base+"outputs:\n  agents: {steps: [final, 0, 10]}\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := "  agents:\n    steps: [final, 0, 10]\n    format: csv\n"
	if !strings.Contains(string(with.Resolved()), want) {
		t.Errorf("resolved scenario lacks\n%s\ngot:\n%s", want, with.Resolved())
	}
	if with.Hash() == without.Hash() {
		t.Error("outputs.agents does not change the hash")
	}
	again, err := Parse("r.yaml", with.Resolved(), t.TempDir())
	if err != nil || again.Hash() != with.Hash() {
		t.Errorf("the resolved scenario does not read back to the same hash: %v", err)
	}
	steps, err := ParseSnapshotSteps(with.Scenario.Outputs.Agents.Steps, 20)
	if err != nil || fmt.Sprint(steps) != "[0 10 -1]" {
		t.Errorf("ParseSnapshotSteps = %v, %v; want [0 10 -1] (sorted, final last)", steps, err)
	}
	if steps, _ := ParseSnapshotSteps([]SnapshotStep{"20", "final", "3"}, 20); fmt.Sprint(steps) != "[3 -1]" {
		t.Errorf("the last step and final are one snapshot: %v", steps)
	}
}
