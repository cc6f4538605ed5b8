#!/usr/bin/python3
"""Peer comparison for connact's performance section (issue 5).

Run from anywhere with Debian's Python, which has the packages:

    /usr/bin/python3 sim/testdata/peers/peers.py [--markdown] [--networkx]

It measures, in one run on one machine, and prints one table
(what | connact | peer | ratio = peer / connact; > 1 means connact is faster):

1. The fractional threshold step (Watts 2002) on G(n,m) with n = 10^6,
   m = 5·10^6 (mean degree 10), thresholds uniform on [0.1, 0.4], 30 % of
   the agents seeded active, as ns per neighbour entry of the adjacency
   (time per step / 2E):
   - connact: the Go benchmark BenchmarkThresholdStep/agents=1000000 in
     ./sim (metric ns/neighbour-visit: ns per StepOnce over all agents
     divided by len(Net.Adj) = 2E);
   - scipy.sparse: y = A @ x on the symmetric CSR adjacency (float32 data,
     int32 indices), share = y / deg, active' = active | (share >= theta);
   - a tight C loop (threshold.c here, gcc -O2) over the very same CSR
     arrays: the same rule with an integer count per node.
   scipy and C start from the same x and, after the same number of steps,
   must agree on the number of active nodes; the script checks this.
2. Graph construction, seconds per graph:
   - Barabási–Albert, n = 10^6, m = 10: connact BenchmarkTargets/BA/n=1e6/m=10
     (./sim/network) against igraph Graph.Barabasi(1_000_000, 10);
   - G(n,m), n = 10^6, m = 5·10^6: connact BenchmarkTargets/GNM/n=1e6/m=5e6
     against igraph Graph.Erdos_Renyi(n=1_000_000, m=5_000_000);
   - with --networkx only (20-35 s per build here): BA with
     n = 10^6, m = 5: connact BenchmarkBarabasiAlbert/n=1000000 against
     networkx.barabasi_albert_graph(1_000_000, 5).

Fairness:
- Same model and same sizes on both sides, but not the same random draw:
  connact draws its graphs, thresholds and seeds from its own RNG streams
  (math/rand/v2), the peers from numpy's and igraph's generators. That does
  not matter for the timings: the work of a step is set by n and by the
  number of adjacency entries (2E, identical: exactly 10^7 for G(n,m)), and
  the cost per entry depends on the degree distribution and the memory
  access pattern, which are those of the model (a uniformly random graph)
  in every draw. The generators' costs likewise depend on n and m, not on
  which graph comes out.
- Graph construction is excluded from the step timings on both sides (the
  Go benchmark builds its model before the timer starts; here the CSR is
  built before timing).
- Every step timing starts after a warm-up step (the Go benchmark runs 12
  steps first) and is the median of several steps; the Go figure is the
  median over --go-count runs of the benchmark (20 steps each, a new model
  per run, after 12 untimed steps). Build times are the median of --builds
  builds (Go: --go-count runs of one build). Each cell shows the median and, in brackets, the
  range (min–max) of the samples; the ratio is that of the medians. The
  range matters. On the 2-core development VM, separate Go runs of the
  step on an idle machine (same seed, hence the same graph) ranged from
  1.5 to 3.2 ns per visit, while the scipy and C figures varied much less.
  Hence the default of 10 Go runs.
- Everything here is single-threaded (scipy's CSR matvec, numpy, igraph,
  networkx, the C loop). The connact step is single-threaded too; connact's
  graph generators sort the neighbour lists on GOMAXPROCS goroutines, so on
  these 2-core machines part of their build may use both cores.
- What "per neighbour visit" means differs by side: scipy and C
  read all 2E entries every step; connact keeps the active-neighbour counts
  up to date incrementally (it reads the lists of the agents that changed),
  so its figure is its whole step time divided by 2E. The Go benchmark
  makes every aware agent decide at every step (the dense mode, like a
  vectorised step), but each decision reads a kept count in O(1) and the
  ties are walked only for agents whose activity changed; once the cascade
  has saturated, a connact step costs O(n), where scipy and the C loop pay
  O(n + 2E). The ratio is therefore the ratio of the time a full
  synchronous step takes on the same graph, which is what a user waits
  for. A ratio above 1 against the C loop reflects that algorithmic
  difference, not a faster neighbour loop.
- The connact figures are those of the Go code in the working tree the
  script is run from, at the time it runs.
- The script reports how much CPU other processes used during the run
  (from /proc/stat, minus its own and its children's CPU time). It warns
  when that exceeds 5 % of the wall time, because on a 2-core machine a
  concurrent job distorts these memory-bound timings.

The Go benchmark names and regexes are constants at the top of the script.
If a benchmark named there is missing from the output, the row shows n/a
and the script says which sub-benchmark it looked for.
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# ---------------------------------------------------------------------------
# Go benchmarks: packages, -bench regexes, names as printed, metrics.
# Names are printed without the -GOMAXPROCS suffix, which is stripped.
GO_STEP_PKG = "./sim"
GO_STEP_BENCH = "^BenchmarkThresholdStep$/^agents=1000000$"
GO_STEP_NAME = "BenchmarkThresholdStep/agents=1000000"
GO_STEP_METRIC = "ns/neighbour-visit"
GO_STEP_BENCHTIME = "20x"

GO_GEN_PKG = "./sim/network"
GO_GEN_BENCH = "^BenchmarkTargets$"
GO_BA_NAME = "BenchmarkTargets/BA/n=1e6/m=10"
GO_GNM_NAME = "BenchmarkTargets/GNM/n=1e6/m=5e6"
GO_GEN_METRIC = "ns/op"
GO_GEN_BENCHTIME = "1x"  # one build per run; --go-count runs

# Only with --networkx: connact's BA ladder uses m = 5.
GO_NX_BENCH = "^BenchmarkBarabasiAlbert$/^n=1000000$"
GO_NX_NAME = "BenchmarkBarabasiAlbert/n=1000000"

# ---------------------------------------------------------------------------
# Sizes (the same as the Go benchmarks').
N = 1_000_000
M_GNM = 5_000_000  # mean degree 10
BA_M = 10
NX_BA_M = 5
THETA_MIN, THETA_MAX = 0.1, 0.4
SEED_SHARE = 0.3

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))  # sim/testdata/peers -> repo


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --------------------------------------------------------------------- Go side
def go_bench(pkg, bench, benchtime, count):
    """Runs one go test -bench command at the repository root and returns
    {name: {unit: [values, one per run]}}."""
    cmd = ["go", "test", pkg, "-run", "^$", "-bench", bench,
           "-benchtime", benchtime, "-count", str(count)]
    log("$", " ".join(cmd))
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    log(f"  ({time.perf_counter() - t0:.0f} s)")
    if p.returncode != 0:
        log(p.stdout)
        log(p.stderr)
        raise SystemExit(f"go test failed ({p.returncode})")
    return parse_bench(p.stdout)


def parse_bench(out):
    res = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) < 4 or not f[0].startswith("Benchmark") or not f[1].isdigit():
            continue
        name = re.sub(r"-\d+$", "", f[0])
        metrics = res.setdefault(name, {})
        for val, unit in zip(f[2::2], f[3::2]):
            try:
                metrics.setdefault(unit, []).append(float(val))
            except ValueError:
                pass
    return res


def summary(vals):
    """(median, min, max) of a list of samples."""
    return statistics.median(vals), min(vals), max(vals)


def scaled(st, f):
    return None if st is None else tuple(v * f for v in st)


def pick(res, name, unit):
    """(median, min, max) of unit over the runs of name, or None (with a
    warning)."""
    vals = res.get(name, {}).get(unit)
    if not vals:
        have = ", ".join(sorted(res)) or "none"
        log(f"WARNING: Go benchmark {name} ({unit}) not in the output; "
            f"present: {have}. Add that sub-benchmark or change the constants "
            f"at the top of {os.path.relpath(__file__, ROOT)}.")
        return None
    return summary(vals)


# ----------------------------------------------------------------- Python side
def gnm_csr(n, m, rng):
    """Uniform G(n,m): m distinct edges among the n(n-1)/2 pairs, no loops,
    as a symmetric CSR matrix (float32 ones, int32 indices, sorted)."""
    import numpy as np
    import scipy.sparse as sp

    keys = np.empty(0, dtype=np.int64)
    while keys.size < m:
        k = int((m - keys.size) * 1.05) + 1000
        u = rng.integers(0, n, k, dtype=np.int64)
        v = rng.integers(0, n, k, dtype=np.int64)
        ok = u != v
        u, v = u[ok], v[ok]
        keys = np.unique(np.concatenate([keys, np.minimum(u, v) * n + np.maximum(u, v)]))
    keys = rng.permutation(keys)[:m]  # a uniform m-subset of distinct pairs
    u, v = keys // n, keys % n
    rows = np.concatenate([u, v]).astype(np.int32)
    cols = np.concatenate([v, u]).astype(np.int32)
    a = sp.csr_matrix((np.ones(2 * m, dtype=np.float32), (rows, cols)), shape=(n, n))
    a.sum_duplicates()
    a.sort_indices()
    assert a.nnz == 2 * m
    return a


def scipy_step_bench(steps, seed):
    """Returns (ns per adjacency entry, active count after 1 + steps steps,
    the CSR arrays and start state for the C loop)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    log(f"scipy: building G(n={N}, m={M_GNM}) as CSR ...")
    t0 = time.perf_counter()
    a = gnm_csr(N, M_GNM, rng)
    log(f"  ({time.perf_counter() - t0:.1f} s, not timed)")
    theta = rng.uniform(THETA_MIN, THETA_MAX, N).astype(np.float32)
    active0 = rng.random(N) < SEED_SHARE
    deg = np.diff(a.indptr).astype(np.float32)
    deg[deg == 0] = 1  # isolated: y = 0, share 0
    nnz = a.nnz

    def step(active):
        x = active.astype(np.float32)
        y = a @ x
        np.divide(y, deg, out=y)
        new = y >= theta
        np.logical_or(new, active, out=new)
        return new

    active = step(active0)  # warm-up
    times = []
    for _ in range(steps):
        t0 = time.perf_counter_ns()
        active = step(active)
        times.append(time.perf_counter_ns() - t0)
    ns = summary([t / nnz for t in times])
    log(f"scipy: {ns[0]:.3f} ns per entry (median of {steps} steps, range "
        f"{ns[1]:.3f}-{ns[2]:.3f}; {statistics.median(times) / 1e6:.1f} ms per step), "
        f"active {int(active.sum())}/{N}")
    return ns, int(active.sum()), (a, theta, active0)


def c_step_bench(arrays, steps, tmp):
    import numpy as np

    a, theta, active0 = arrays
    np.array([a.shape[0], a.nnz], dtype="<i8").tofile(os.path.join(tmp, "meta"))
    a.indptr.astype("<i4").tofile(os.path.join(tmp, "indptr"))
    a.indices.astype("<i4").tofile(os.path.join(tmp, "indices"))
    theta.astype("<f4").tofile(os.path.join(tmp, "theta"))
    active0.astype(np.uint8).tofile(os.path.join(tmp, "x"))
    exe = os.path.join(tmp, "threshold")
    cmd = ["gcc", "-O2", "-std=c11", "-o", exe, os.path.join(HERE, "threshold.c")]
    log("$", " ".join(cmd))
    subprocess.run(cmd, check=True)
    out = subprocess.run([exe, tmp, str(steps)], check=True, capture_output=True, text=True).stdout
    med, lo, hi, active = out.split()
    ns = (float(med), float(lo), float(hi))
    log(f"C: {ns[0]:.3f} ns per entry (median of {steps} steps, range "
        f"{ns[1]:.3f}-{ns[2]:.3f}), active {active}/{N}")
    return ns, int(active)


def time_builds(label, build, reps):
    times = []
    for r in range(reps):
        t0 = time.perf_counter()
        g = build()
        times.append(time.perf_counter() - t0)
        log(f"{label}: build {r + 1}/{reps}: {times[-1]:.2f} s")
        del g
    return summary(times)


# ------------------------------------------------------------------- reporting
def cpu_busy_seconds():
    """Machine-wide busy CPU time (all cores) from /proc/stat, or None."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")  # minus idle, iowait


def own_cpu_seconds():
    """CPU time of this process and its waited-for children (go test, the
    benchmark binaries, gcc, the C loop)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return cpu, os.cpu_count()


def versions(with_networkx):
    import numpy
    import scipy
    import igraph

    go = subprocess.run(["go", "version"], capture_output=True, text=True).stdout.split()
    gcc = subprocess.run(["gcc", "-dumpfullversion"], capture_output=True, text=True).stdout.strip()
    return (f"{go[2] if len(go) > 2 else 'go ?'}, Python {platform.python_version()}, "
            f"numpy {numpy.__version__}, scipy {scipy.__version__}, "
            f"python-igraph {igraph.__version__}, "
            + (f"networkx {__import__('networkx').__version__}, " if with_networkx else "")
            + f"gcc {gcc}")


def fmt(st, unit):
    """median, with the range (min–max) when there are several samples."""
    if st is None:
        return "n/a"
    f = lambda v: f"{v:.2f}"
    med, lo, hi = st
    rng = f" ({f(lo)}–{f(hi)})" if f(lo) != f(hi) else ""
    return f"{f(med)} {unit}{rng}"


def table(rows, markdown):
    head = ("what", "connact", "peer", "ratio")
    cells = []
    for what, c, peer, p, unit in rows:
        ratio = f"{p[0] / c[0]:.2f}" if c and p else "n/a"
        cells.append((what, fmt(c, unit), f"{peer}: {fmt(p, unit)}", ratio))
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|---|---:|---|---:|"]
        out += ["| " + " | ".join(r) + " |" for r in cells]
        return "\n".join(out)
    w = [max(len(r[i]) for r in [head] + cells) for i in range(4)]
    line = lambda r: "  ".join(s.ljust(w[i]) if i in (0, 2) else s.rjust(w[i]) for i, s in enumerate(r))
    return "\n".join([line(head), "  ".join("-" * x for x in w)] + [line(r) for r in cells])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--networkx", action="store_true",
                    help="also time networkx BA m=5 against connact's (slow: ~30 s+ per build)")
    ap.add_argument("--go-count", type=int, default=10, help="go test -count (default 10)")
    ap.add_argument("--steps", type=int, default=11, help="timed steps for scipy and C (default 11)")
    ap.add_argument("--builds", type=int, default=3, help="igraph builds per graph (default 3)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    try:
        import numpy  # noqa: F401
        import scipy.sparse  # noqa: F401
        import igraph
    except ImportError as e:
        raise SystemExit(f"{e}: run with /usr/bin/python3 after "
                         "apt-get install python3-scipy python3-igraph")
    if args.networkx:
        try:
            import networkx
        except ImportError as e:
            raise SystemExit(f"{e}: apt-get install python3-networkx, or drop --networkx")
    for tool in ("go", "gcc"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} not on PATH")

    start = time.perf_counter()
    busy0, own0 = cpu_busy_seconds(), own_cpu_seconds()
    started = datetime.datetime.now().astimezone()

    # Go first, while nothing else holds memory.
    step_res = go_bench(GO_STEP_PKG, GO_STEP_BENCH, GO_STEP_BENCHTIME, args.go_count)
    gen_res = go_bench(GO_GEN_PKG, GO_GEN_BENCH, GO_GEN_BENCHTIME, args.go_count)
    go_step = pick(step_res, GO_STEP_NAME, GO_STEP_METRIC)
    go_ba = pick(gen_res, GO_BA_NAME, GO_GEN_METRIC)
    go_gnm = pick(gen_res, GO_GNM_NAME, GO_GEN_METRIC)
    go_ba, go_gnm = scaled(go_ba, 1e-9), scaled(go_gnm, 1e-9)
    go_nx = None
    if args.networkx:
        nx_res = go_bench(GO_GEN_PKG, GO_NX_BENCH, GO_GEN_BENCHTIME, args.go_count)
        go_nx = pick(nx_res, GO_NX_NAME, GO_GEN_METRIC)
        go_nx = scaled(go_nx, 1e-9)

    sp_ns, sp_active, arrays = scipy_step_bench(args.steps, args.seed)
    with tempfile.TemporaryDirectory(prefix="connact-peers-") as tmp:
        c_ns, c_active = c_step_bench(arrays, args.steps, tmp)
    del arrays
    if c_active != sp_active:
        log(f"WARNING: C and scipy disagree after {args.steps + 1} steps: "
            f"{c_active} vs {sp_active} active")

    ig_ba = time_builds(f"igraph Barabasi({N}, {BA_M})",
                        lambda: igraph.Graph.Barabasi(N, BA_M), args.builds)
    ig_gnm = time_builds(f"igraph Erdos_Renyi(n={N}, m={M_GNM})",
                         lambda: igraph.Graph.Erdos_Renyi(n=N, m=M_GNM), args.builds)
    nx_ba = None
    if args.networkx:
        nx_ba = time_builds(f"networkx barabasi_albert_graph({N}, {NX_BA_M})",
                            lambda: networkx.barabasi_albert_graph(N, NX_BA_M, seed=args.seed), 1)

    rows = [
        ("threshold step, G(n,m) n=1e6 m=5e6, per neighbour entry",
         go_step, "scipy.sparse", sp_ns, "ns"),
        ("threshold step, same graph size", go_step, "C loop (gcc -O2)", c_ns, "ns"),
        ("build BA n=1e6 m=10", go_ba, "igraph", ig_ba, "s"),
        ("build G(n,m) n=1e6 m=5e6", go_gnm, "igraph", ig_gnm, "s"),
    ]
    if args.networkx:
        rows.append((f"build BA n=1e6 m={NX_BA_M}", go_nx, "networkx", nx_ba, "s"))

    wall = time.perf_counter() - start
    other = None
    if busy0 is not None:
        other = max(0.0, (cpu_busy_seconds() - busy0) - (own_cpu_seconds() - own0))
        if other > 0.05 * wall:
            log(f"WARNING: other processes used {other:.0f} CPU-s during the {wall:.0f} s run; "
                "the timings are contended, rerun on an idle machine")
    cpu, cores = machine()
    print(table(rows, args.markdown))
    print()
    sep = "" if not args.markdown else "  "  # Markdown line break
    print(f"Machine: {cpu}, {cores} cores; {started:%Y-%m-%d %H:%M %Z}.{sep}")
    print(f"{versions(args.networkx)}.{sep}")
    print(f"Cells: median (min–max). ratio = peer / connact medians (> 1: connact faster). Step: median of "
          f"{args.go_count} Go runs of {GO_STEP_BENCHTIME} steps, median of {args.steps} "
          f"steps for scipy and C, after warm-up. Builds: median of {args.go_count} (Go) "
          f"and {args.builds} (igraph) builds{', 1 networkx build' if args.networkx else ''}. "
          f"Same models and sizes, different random draws. Total run "
          f"{wall:.0f} s" + (f"; other processes used {other:.0f} CPU-s meanwhile "
                             f"({100 * other / wall:.0f} % of one core)." if other is not None else "."))


if __name__ == "__main__":
    main()
