#!/usr/bin/env bash
# A real one-node Slurm cluster test of `connact sweep --emit slurm`, shards and
# `connact merge`.
#
# It brings up a private Slurm cluster (its own munged, slurmctld and slurmd,
# its own key, sockets, ports, state and logs, all in a temporary folder, so a
# Slurm or munge already on the machine is not touched), then:
#   1. checks the cluster with `sbatch --wait --wrap hostname` and a 3-task array;
#   2. builds connact, emits the job script for .ci/testdata/sweep-small.yaml
#      (paths with spaces on purpose), submits it with `sbatch --wait`, and
#      checks every array task;
#   3. runs the merge as the script's comment says, as a job that depends on
#      the array (afterok), and also directly;
#   4. runs the same shards through `--shard auto` in an array with MIN=10 and
#      STEP=2, and merges them;
#   5. runs the whole sweep in one process, and compares every CSV file of
#      the three merges with it, byte for byte.
# It prints PASS/FAIL lines, dumps the daemons' logs on failure, and always
# stops the daemons and cancels its jobs.
#
# Usage (as root: slurmd must run as root to start jobs; CI runs as root):
#   .ci/slurm-test.sh                  # about 50 s once Slurm is installed
#   KEEP=1 .ci/slurm-test.sh           # keep the temporary folder afterwards
# Missing packages (slurm-wlm, munge) are installed with apt-get.
# Environment: SHARDS (array size, default 3), SLURM_TEST_TIMEOUT (seconds
# per job, default 300), KEEP=1.
# shellcheck disable=SC2016 # $VARIABLES in single quotes are for the jobs' shells
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
scenario=$repo/.ci/testdata/sweep-small.yaml
shards=${SHARDS:-3}
job_timeout=${SLURM_TEST_TIMEOUT:-300}
started=$SECONDS

say() { echo "slurm-test: $*"; }
pass() { echo "PASS: $*"; }
fail() {
	echo "FAIL: $*"
	failed=1
	exit 1
}

if [ "$(id -u)" != 0 ]; then
	echo "FAIL: run this as root (sudo $0): slurmd starts the jobs and must be root"
	exit 1
fi

# --- Packages ---------------------------------------------------------------
export PATH=$PATH:/usr/sbin:/sbin
missing=()
for c in slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client munged:munge; do
	command -v "${c%%:*}" >/dev/null 2>&1 || missing+=("${c#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
	say "installing slurm-wlm and munge with apt-get (missing: ${missing[*]})"
	apt-get update -qq
	# The packages' maintainer scripts try to start the services; without
	# systemd (or with a policy-rc.d that denies it) that is skipped, which is
	# what we want: this script starts its own daemons.
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
# (sbatch --version needs a slurm.conf: without one it looks for a configless
# controller in DNS; the daemons' -V does not.)
slurm_version=$(slurmctld -V | awk '{print $2}')
say "Slurm $slurm_version, $(munged --version 2>&1 | head -1)"

# --- A private cluster in a temporary folder ----------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/connact-slurm.XXXXXX")
# munged refuses a socket whose folder, or any folder above it, is not
# searchable by everyone (mktemp makes 0700 folders).
chmod 755 "$work"
mkdir -p "$work/munge" "$work/munge-socket" "$work/state" "$work/spool" "$work/log" "$work/jobs"
chmod 700 "$work/munge"
chmod 755 "$work/munge-socket"

# Leave no job environment of an enclosing Slurm job (or a developer's
# SBATCH_* defaults) to leak into our submissions.
while read -r v; do unset "$v"; done < <(compgen -e | grep -E '^(SLURM|SBATCH|SALLOC|SRUN|SQUEUE|SINFO|SCONTROL)_' || true)
export SLURM_CONF=$work/slurm.conf

pids=()
ctld_pid=""
failed=0
cleanup() {
	rc=$?
	trap - EXIT INT TERM
	set +e
	# Cancel our jobs while slurmctld is still there to do it.
	if [ -n "$ctld_pid" ] && kill -0 "$ctld_pid" 2>/dev/null; then
		jobs_left=$(timeout 10 squeue -h -o %A 2>/dev/null | sort -u)
		if [ -n "$jobs_left" ]; then
			say "cancelling jobs still queued or running: ${jobs_left//$'\n'/ }"
			# shellcheck disable=SC2086
			timeout 10 scancel $jobs_left 2>/dev/null
			for _ in $(seq 20); do
				[ -z "$(timeout 10 squeue -h -o %A 2>/dev/null)" ] && break
				sleep 0.5
			done
		fi
	fi
	if [ "$rc" != 0 ] || [ "$failed" = 1 ]; then
		for f in "$work"/log/slurmctld.log "$work"/log/slurmd.log "$work"/munge/munged.log; do
			[ -f "$f" ] && { echo "----- last lines of $f"; tail -n 60 "$f"; }
		done
		for f in "$work"/jobs/*.out "$work"/submit/*.out; do
			[ -f "$f" ] && { echo "----- $f"; tail -n 30 "$f"; }
		done
	fi
	# Stop the daemons we started (slurmd, slurmctld, then munged), by pid.
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		kill "${pids[i]}" 2>/dev/null
	done
	for p in "${pids[@]}"; do
		for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$p" 2>/dev/null
	done
	if [ -f "$work/munge/munged.pid" ]; then
		kill "$(cat "$work/munge/munged.pid")" 2>/dev/null
	fi
	if [ "$rc" = 0 ] && [ "${KEEP:-}" != 1 ]; then
		rm -rf "$work"
	else
		say "files kept in $work"
	fi
	say "took $((SECONDS - started)) s"
	if [ "$rc" = 0 ]; then echo "PASS: slurm-test"; else echo "FAIL: slurm-test"; fi
	exit "$rc"
}
trap cleanup EXIT
trap 'echo "FAIL: interrupted"; exit 130' INT TERM

# munge: our own key and daemon. munged runs as root here (it accepts that
# when the key, its folder and the socket's folder belong to root), and its
# socket is named in slurm.conf (AuthInfo=socket=...), which every Slurm
# command and daemon reading this slurm.conf then uses.
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munge_socket=$work/munge-socket/munge.socket
munged --socket="$munge_socket" --key-file="$work/munge/munge.key" \
	--log-file="$work/munge/munged.log" --pid-file="$work/munge/munged.pid" \
	--seed-file="$work/munge/munged.seed" ||
	fail "munged did not start"
munge -n -S "$munge_socket" | unmunge -S "$munge_socket" >/dev/null || fail "munge cannot encode and decode a credential"
pass "munged runs with a private key ($munge_socket)"

# Two free TCP ports, so that a Slurm already running here (6817/6818) is left alone.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ctld_port=16817
while ! port_free "$ctld_port" || ! port_free $((ctld_port + 1)); do
	ctld_port=$((ctld_port + 2))
	[ "$ctld_port" -lt 17817 ] || fail "no free pair of ports in 16817..17817"
done

cpus=$(nproc)
mem_mb=$(awk '/^MemTotal:/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
: >"$work/plugstack.conf"
cat >"$work/slurm.conf" <<EOF
# One-node test cluster of .ci/slurm-test.sh (Slurm $slurm_version).
ClusterName=connactci
# Controller and node are "localhost" at 127.0.0.1, and slurmd is started
# with -N localhost: nothing depends on the machine's hostname or on DNS.
# slurmctld accepts SlurmctldHost=localhost as its own name.
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$((ctld_port + 1))
# Everything runs as root: no slurm user is needed, and jobs are submitted
# by root.
SlurmUser=root
SlurmdUser=root
# Our private munged (see above).
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$munge_socket
# State, spool, pid and log files in the temporary folder.
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups (CI machines and containers have no systemd and may lack a
# writable cgroup tree): track job processes through /proc, bind no tasks.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
# No slurmdbd, so no accounting (sacct does not work): jobs are checked
# through sbatch --wait's exit status (the highest of the array's tasks),
# scontrol while they are in memory (MinJobAge), and their files.
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MinJobAge=600
MpiDefault=none
# Plugins of the machine's own /etc/slurm/plugstack.conf are not loaded.
PlugStackConfig=$work/plugstack.conf
# cons_tres with cores as the consumable: array tasks of one CPU each share
# the node, $cpus at a time (select/linear would give each task the whole node).
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# The node is what we say: slurmd does not drain it when it counts sockets,
# cores or memory differently (VMs, containers).
SlurmdParameters=config_overrides
# A node that was down comes back as soon as its slurmd registers.
ReturnToService=2
MailProg=/bin/true
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF

# -D: stay in the foreground, so that we know (and stop) their pids.
# -c: start with no saved state. PMIx errors in their logs are harmless
# (Debian's slurm-wlm has the plugin but, without recommends, not libpmix).
# setsid: a Ctrl-C on this script must not kill them before the cleanup has
# cancelled the jobs (it stops them by pid afterwards).
setsid slurmctld -D -c -f "$SLURM_CONF" >"$work/log/slurmctld.out" 2>&1 </dev/null &
ctld_pid=$!
pids+=("$ctld_pid")
setsid slurmd -D -N localhost -f "$SLURM_CONF" >"$work/log/slurmd.out" 2>&1 </dev/null &
pids+=($!)

state=""
for _ in $(seq 120); do
	for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || fail "a Slurm daemon exited: $(cat "$work"/log/*.out)"; done
	state=$(sinfo -h -N -n localhost -o %T 2>/dev/null || true)
	[ "$state" = idle ] && break
	sleep 0.5
done
[ "$state" = idle ] || fail "the node is not idle after 60 s (state: '${state}'; $(sinfo -R 2>&1 | tail -n +2))"
pass "slurmctld and slurmd run; node localhost is idle with $cpus CPUs (ports $ctld_port, $((ctld_port + 1)))"

# submit ARGS...: sbatch --wait with a time limit; prints sbatch's output.
# (--foreground keeps sbatch in our process group, so Ctrl-C reaches it.)
submit() { timeout --foreground "$job_timeout" sbatch --wait "$@"; }

# --- 1. A job and an array -----------------------------------------------------
cd "$work/jobs"
submit --parsable --output=hostname-%j.out --wrap 'hostname' >/dev/null || fail "sbatch --wait --wrap hostname"
[ -s "$(ls hostname-*.out)" ] || fail "the hostname job wrote nothing"
pass "sbatch --wait --wrap hostname ($(cat hostname-*.out))"

jid=$(submit --parsable --array=0-2 --cpus-per-task=1 --output=array-%A_%a.out \
	--wrap 'echo "task $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_TASK_COUNT"') || fail "sbatch --wait --array=0-2"
for i in 0 1 2; do
	grep -qx "task $i of 3" "array-${jid}_$i.out" || fail "array task $i: $(cat "array-${jid}_$i.out" 2>&1)"
done
pass "3-task array $jid"

# sbatch --wait must report a failed task.
if submit --parsable --array=0-1 --output=fail-%A_%a.out --wrap '[ "$SLURM_ARRAY_TASK_ID" = 0 ]' >/dev/null 2>&1; then
	fail "sbatch --wait exited 0 although array task 1 failed"
fi
pass "sbatch --wait exits non-zero when an array task fails"

# --- 2. The sweep's job array --------------------------------------------------
# Paths with spaces and a quote check the script's quoting for real.
files="$work/connact files"
bin="$files/bin dir/connact"
out="$files/it's out"
mkdir -p "$(dirname "$bin")" "$work/submit"
say "building connact"
(cd "$repo" && go build -o "$bin" ./cmd/connact) || fail "go build ./cmd/connact"
"$bin" help sweep >/dev/null 2>&1 || fail "connact has no sweep command"
"$bin" help merge >/dev/null 2>&1 || fail "connact has no merge command"

cd "$work/submit"
job=$work/submit/sweep.sbatch
"$bin" sweep "$scenario" --emit slurm --shards "$shards" --workers 1 --out "$out" >"$job" || fail "connact sweep --emit slurm"
bash -n "$job" || fail "the emitted script is not valid bash"
grep -qx "#SBATCH --array=0-$((shards - 1))" "$job" || fail "the emitted script has no --array=0-$((shards - 1)): $(cat "$job")"
pass "connact sweep --emit slurm wrote a job script of $shards shards"

t0=$SECONDS
jid=$(submit --parsable "$job") || fail "the sweep's job array failed (sbatch --wait exited non-zero)"
jid=${jid%%;*}
pass "sbatch --wait: sweep array $jid ran in $((SECONDS - t0)) s"
# Every task: COMPLETED with exit code 0 (scontrol knows the array for
# MinJobAge seconds), a log, and a complete shard folder.
states=$(scontrol -o show job "$jid" | grep -o 'JobState=[A-Z_]* .*ExitCode=[0-9:]*' | awk '{print $1, $NF}' | sort | uniq -c)
done_tasks=$(scontrol -o show job "$jid" | grep -c 'JobState=COMPLETED .*ExitCode=0:0' || true)
[ "$done_tasks" = "$shards" ] || fail "array $jid: $done_tasks of $shards tasks completed with exit code 0: $states"
for ((i = 0; i < shards; i++)); do
	log=connact-sweep-small-${jid}_$i.out
	[ -f "$log" ] || fail "no log $log for task $i"
	for f in manifest.json runs.csv points.csv point_timeseries.csv; do
		[ -s "$out/shard-$i/$f" ] || fail "task $i: no $out/shard-$i/$f (log: $(cat "$log"))"
	done
done
pass "all $shards array tasks COMPLETED with exit code 0; each wrote its shard folder and log"

# A task submitted again on its own (sbatch --array=I, as the script's
# comment says for a failed task) redoes its shard, and only its shard.
if [ "$shards" -ge 2 ]; then
	rm -rf "$out/shard-1"
	rid=$(submit --parsable --array=1 "$job") || fail "task 1 submitted again on its own failed"
	rid=${rid%%;*}
	[ -s "$out/shard-1/runs.csv" ] || fail "task 1 submitted again wrote no shard-1: $(cat "connact-sweep-small-${rid}_1.out")"
	pass "task 1 submitted again on its own (sbatch --array=1) rewrote shard-1"
fi

# --- 3. Merge: as the dependent job the script shows, and directly --------------
dep=$(sed -n 's/^#[[:space:]]*\(sbatch --dependency=afterok:\$jid .*\)$/\1/p' "$job")
[ -n "$dep" ] || fail "the script shows no dependent merge job"
# The line as the user copies it, with sbatch --wait so that we can wait.
eval "timeout --foreground $job_timeout ${dep/sbatch /sbatch --wait }" >/dev/null || fail "the dependent merge job failed: $dep"
[ -s "$out/merged/runs.csv" ] || fail "the merge job wrote no $out/merged/runs.csv"
pass "merge as a job after the array (sbatch --dependency=afterok:$jid --wrap ...)"

"$bin" merge "$out"/shard-* --out "$work/merged-here" >/dev/null || fail "connact merge of the shards"
pass "connact merge of the shards, outside Slurm"

# --- 4. --shard auto under Slurm: an array whose ids are 10, 12, 14 ---------------
auto=$files/auto
mkdir -p "$auto"
last=$((10 + 2 * (shards - 1)))
q() { printf '%q' "$1"; }
submit --parsable --array=10-$last:2 --cpus-per-task=1 --output="$work/jobs/auto-%A_%a.out" \
	--wrap "exec $(q "$bin") sweep $(q "$scenario") --shard auto --workers 1 --out $(q "$auto")/task-\$SLURM_ARRAY_TASK_ID" >/dev/null ||
	fail "the --shard auto array (--array=10-$last:2) failed"
"$bin" merge "$auto"/task-* --out "$work/merged-auto" >/dev/null || fail "connact merge of the --shard auto folders"
pass "--shard auto in an array with MIN=10, STEP=2, COUNT=$shards, merged"

# --- 5. Compare with one process -------------------------------------------------
"$bin" sweep "$scenario" --workers 2 --out "$work/single" >/dev/null 2>&1 || fail "connact sweep (one process)"
csv_names() { local f; for f in "$1"/*.csv; do if [ -f "$f" ]; then printf '%s ' "${f##*/}"; fi; done; }
read -ra csvs <<<"$(csv_names "$work/single")"
[ ${#csvs[@]} -ge 3 ] || fail "the single-process sweep wrote only ${#csvs[@]} CSV files"
for m in "$out/merged" "$work/merged-here" "$work/merged-auto"; do
	have=$(csv_names "$m")
	[ "$have" = "${csvs[*]} " ] || fail "$m has CSV files [$have], one process wrote [${csvs[*]}]"
	for f in "${csvs[@]}"; do
		cmp "$work/single/$f" "$m/$f" || fail "$m/$f differs from the single-process sweep's"
	done
done
pass "every CSV file (${csvs[*]}) of the three merges is byte-identical to the single-process sweep's"
