#!/usr/bin/env bash
# Regenerates every chart in results/examples/ from the shipped scenarios,
# with their seeds and replicates, so that the images the READMEs show are
# what connact draws today. Run from anywhere:
#
#   results/examples/make.sh [WORKDIR]
#
# Run and sweep folders go to WORKDIR (default: a new temporary folder,
# kept so that the CSV files behind each image can be looked at); only the
# PNG files are copied into results/examples/. Takes about 15 minutes on
# 2 cores. Nothing else in the repository is written.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/results/examples"
work=${1:-$(mktemp -d "${TMPDIR:-/tmp}/connact-examples.XXXXXX")}
mkdir -p "$work"
bin="$work/connact"
cd "$root"
go build -o "$bin" ./cmd/connact
echo "work folder: $work"

# take FOLDER/CHART.png NAME copies a chart into results/examples/NAME.png.
take() {
	cp "$1.png" "$out/$2.png"
	echo "results/examples/$2.png  <-  $1.png"
}

# Single runs (scenarios/README.md, README.md).
for s in collective connective hybrid comparison; do
	"$bin" run "scenarios/$s.yaml" --out "$work/$s" >/dev/null
done
take "$work/collective/participation" collective-participation
take "$work/connective/participation" connective-participation
take "$work/hybrid/participation" hybrid-participation
take "$work/comparison/participation" comparison-participation
take "$work/comparison/cumulative" comparison-cumulative
take "$work/comparison/members" comparison-members

# Sweeps of scenarios/sweeps/ (scenarios/README.md, README.md).
sweep() { "$bin" sweep "$@" >/dev/null; }
plot() { "$bin" plot "$@" --charts svg,png >/dev/null; }

sweep scenarios/sweeps/group-size-diversity.yaml --out "$work/group-size-diversity-sweep"
plot "$work/group-size-diversity-sweep" --x population_size --facet population_group_count
take "$work/group-size-diversity-sweep/sweep_cumulative_share_by_population_group_count" group-size-diversity-facets
take "$work/group-size-diversity-sweep/heatmap_cumulative_share_collective" group-size-diversity-collective
take "$work/group-size-diversity-sweep/heatmap_cumulative_share_connective" group-size-diversity-connective

sweep scenarios/sweeps/olson-cost-incentive.yaml --out "$work/olson-cost-incentive-sweep"
take "$work/olson-cost-incentive-sweep/heatmap_final_share" olson-cost-incentive

sweep scenarios/sweeps/speed-sustainability.yaml --out "$work/speed-sustainability-sweep"
take "$work/speed-sustainability-sweep/heatmap_peak_share" speed-sustainability
take "$work/speed-sustainability-sweep/sweep_peak_share" speed-sustainability-lines

# Contrasts (scenarios/contrasts/README.md).
c="$work/contrast"
sweep scenarios/contrasts/speed-sustainability.yaml --out "$c-speed-sustainability-sweep"
take "$c-speed-sustainability-sweep/participation" contrasts-speed-sustainability

sweep scenarios/contrasts/distributed-power.yaml --set events.0.step=8 --out "$c-distributed-power-sweep"
take "$c-distributed-power-sweep/sweep_cumulative_share" contrasts-distributed-power

sweep scenarios/contrasts/diversity.yaml --out "$c-diversity-sweep"
plot "$c-diversity-sweep" --metric group_entropy --x population_centre_spread --facet population_group_count
take "$c-diversity-sweep/sweep_group_entropy_by_population_group_count" contrasts-diversity

sweep scenarios/contrasts/free-riding.yaml --out "$c-free-riding-sweep"
plot "$c-free-riding-sweep" --x population_free_riding_a --facet organisations_0_incentive
take "$c-free-riding-sweep/sweep_peak_share_by_organisations_0_incentive" contrasts-free-riding

sweep scenarios/contrasts/resources.yaml --out "$c-resources-sweep"
plot "$c-resources-sweep" --x population_income --facet population_resources_mu
take "$c-resources-sweep/sweep_peak_share_by_population_resources_mu" contrasts-resources

sweep scenarios/contrasts/identity.yaml --out "$c-identity-sweep"
plot "$c-identity-sweep" --x population_identity_a --facet organisations_0_incentive
take "$c-identity-sweep/sweep_peak_share_by_organisations_0_incentive" contrasts-identity

sweep scenarios/contrasts/hybrid.yaml --out "$c-hybrid-sweep"
take "$c-hybrid-sweep/participation" contrasts-hybrid

# The complementary CDF of campaign sizes is drawn by the contrast's test
# from the sweep's runs.csv (scenarios/contrasts/README.md, section 6).
sweep scenarios/contrasts/heavy-tail.yaml --out "$c-heavy-tail-sweep"
go test ./sim -count=1 -run 'TestContrastHeavyTail$' -args -contrasts.heavy-tail="$c-heavy-tail-sweep" >/dev/null
take "$c-heavy-tail-sweep/ccdf_size" contrasts-heavy-tail

# Sensitivity of the speed-sustainability contrast (scenarios/contrasts/README.md,
# "Which inputs drive it").
sweep scenarios/sweeps/speed-sustainability-sobol.yaml --out "$work/ss-sobol"
"$bin" analyse "$work/ss-sobol" --metric peak_step --metric peak_share --metric sustainability --charts svg,png >/dev/null
take "$work/ss-sobol/sensitivity/indices_peak_step_connective" sensitivity-peak-step-connective
take "$work/ss-sobol/sensitivity/indices_peak_step_collective" sensitivity-peak-step-collective

# The contrasts on equal footing (scenarios/contrasts/README.md, "The
# contrasts on equal footing").
sweep scenarios/sweeps/equal-footing-screen.yaml --out "$work/equal-footing"
"$bin" analyse "$work/equal-footing" --contrasts --metric peak_step --metric sustainability --metric cumulative_share --charts svg,png >/dev/null
take "$work/equal-footing/sensitivity/indices_sustainability_connective_vs_collective" equal-footing-sustainability

# Calibration (README.md, Calibration): the petition curve fitted.
"$bin" fit scenarios/fit/petition.yaml --out "$work/fit-petition-fit" >/dev/null 2>&1
take "$work/fit-petition-fit/posterior_predictive" fit-petition-predictive
take "$work/fit-petition-fit/posterior_marginal_frames_0_share" fit-petition-share
take "$work/fit-petition-fit/posterior_marginal_frames_0_half_life" fit-petition-half-life
take "$work/fit-petition-fit/posterior_pair_frames_0_share_vs_frames_0_half_life" fit-petition-pair

# Calibration to shares of campaigns (README.md, Calibration): the Yasseri targets.
"$bin" fit scenarios/fit/petition-targets.yaml --out "$work/fit-petition-targets-fit" >/dev/null 2>&1
take "$work/fit-petition-targets-fit/posterior_pair_frames_0_share_vs_frames_0_half_life" fit-petition-targets-pair

# Classics (scenarios/classics/README.md).
sweep scenarios/classics/olson-group-size.yaml --out "$work/classics-olson-group-size-sweep"
take "$work/classics-olson-group-size-sweep/sweep_final_share" classics-olson-group-size

sweep scenarios/classics/oliver-marwell-critical-mass.yaml --out "$work/classics-oliver-marwell-sweep"
take "$work/classics-oliver-marwell-sweep/sweep_cascade" classics-oliver-marwell

# Networks (README.md, Outputs; scenarios/contrasts/README.md, section 2):
# one run of the comparison at 2,000 agents drawn node by node, and the
# hub removal's share ever active by degree (replicate 0 of each arm).
"$bin" run scenarios/comparison.yaml --set population.size=2000 --replicates 1 --charts svg --out "$work/comparison-network" >/dev/null
plot "$work/comparison-network" --network --condition connective --steps 0,5,10,final
take "$work/comparison-network/network" network-comparison
"$bin" run scenarios/contrasts/distributed-power.yaml --set events.0.step=8 --replicates 1 --charts svg --out "$c-distributed-power-network" >/dev/null
plot "$c-distributed-power-network" --network --degree
take "$c-distributed-power-network/network_degree" contrasts-distributed-power-degree

# Communities of action (README.md, "Communities of action";
# scenarios/communities/README.md): the action mix over time.
for s in repertoire diverse-roles; do
	"$bin" run "scenarios/communities/$s.yaml" --out "$work/communities-$s" >/dev/null
done
take "$work/communities-repertoire/actions" communities-repertoire-actions
take "$work/communities-diverse-roles/actions" communities-diverse-roles-actions
"$bin" run scenarios/classics/kristofferson-slacktivism.yaml --out "$work/classics-kristofferson" >/dev/null
take "$work/classics-kristofferson/actions" classics-kristofferson-actions

# The explorer (README.md, Explorer in the browser): a screenshot taken by
# its browser test, which needs chromium.
CONNACT_SCREENSHOT="$out/serve.png" go test -count=1 -tags browser ./sim/serve/ -run TestBrowser >/dev/null
echo "results/examples/serve.png  <-  the browser test of sim/serve"

echo "done: $(ls "$out"/*.png | wc -l) charts in results/examples/"
