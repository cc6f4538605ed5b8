#!/usr/bin/env python3
"""Reads connact's network exports back with Debian's python3-networkx and
python3-igraph and checks that both see the same nodes, edges and node
attributes as the CSV tables.

usage: check.py DIR  (DIR holds n.graphml, n.gexf, n.csv and n.nodes.csv of
one run, as TestNetworkExportPython writes them)

networkx reads GEXF up to 1.2draft only: the 1.3 namespace is swapped for
1.2draft's before it reads the file (the elements used are the same).
igraph has no GEXF reader; it reads GraphML and the CSV tables.
"""
import csv
import io
import os
import sys

import igraph
import networkx as nx

d = sys.argv[1]
with open(os.path.join(d, "n.nodes.csv"), newline="") as f:
    nodes = list(csv.DictReader(f))
with open(os.path.join(d, "n.csv"), newline="") as f:
    edges = {(int(r["source"]), int(r["target"])) for r in csv.DictReader(f)}
N = len(nodes)
types = {"degree": int, "core": int, "first_active": int,
         "position": float, "identity": float, "resources": float, "free_riding": float,
         "threshold": float, "attention": float, "commitment": float,
         "ever_active": lambda s: s == "true"}
want = {int(r["id"]): {k: types.get(k, str)(v) for k, v in r.items() if k != "id"} for r in nodes}
fails = []


def check(what, n, es, attrs):
    if n != N:
        fails.append(f"{what}: {n} nodes, want {N}")
    es = {(min(a, b), max(a, b)) for a, b in es}
    if es != edges:
        fails.append(f"{what}: {len(es)} edges, want {len(edges)} ({len(es ^ edges)} differ)")
    for i, a in attrs.items():
        for k, v in want[i].items():
            got = a.get(k)
            if isinstance(v, float):
                ok = got is not None and abs(float(got) - v) <= 1e-6 * max(1, abs(v))
            elif isinstance(v, bool):
                ok = got in (v, str(v).lower(), int(v))
            else:
                ok = got == v or (v == "" and got in (None, ""))
            if not ok:
                fails.append(f"{what}: node {i} {k} = {got!r}, want {v!r}")
                return


# networkx: GraphML
g = nx.read_graphml(os.path.join(d, "n.graphml"))
check("networkx graphml", g.number_of_nodes(), [(int(a), int(b)) for a, b in g.edges()],
      {int(i): a for i, a in g.nodes(data=True)})

# networkx: GEXF 1.3, read as 1.2draft
with open(os.path.join(d, "n.gexf"), encoding="utf-8") as f:
    text = f.read().replace("http://gexf.net/1.3", "http://www.gexf.net/1.2draft").replace('version="1.3"', 'version="1.2"')
g = nx.read_gexf(io.BytesIO(text.encode()), node_type=int)
check("networkx gexf", g.number_of_nodes(), list(g.edges()), {i: a for i, a in g.nodes(data=True)})
# the dynamic attribute: false before the first step of participation, true from it
for i, a in g.nodes(data=True):
    spells = a.get("participated")
    first = want[i]["first_active"]
    trues = [s for s in (spells or []) if s[0] is True or s[0] == "true"]
    if first < 0 and trues:
        fails.append(f"networkx gexf: node {i} never participated but participated is true {spells}")
    if first >= 0 and (not trues or int(trues[0][1]) != first):
        fails.append(f"networkx gexf: node {i} first active at {first}, participated {spells}")
        break

# networkx: the CSV tables
g = nx.Graph()
g.add_nodes_from(want)
g.add_edges_from(edges)
check("networkx csv", g.number_of_nodes(), list(g.edges()), {i: want[i] for i in g.nodes})

# igraph: GraphML (node ids in the "id" attribute)
ig = igraph.Graph.Read_GraphML(os.path.join(d, "n.graphml"))
ids = [int(x) for x in ig.vs["id"]]
check("igraph graphml", ig.vcount(), [(ids[e.source], ids[e.target]) for e in ig.es],
      {ids[v.index]: v.attributes() for v in ig.vs})

# igraph: the CSV tables
with open(os.path.join(d, "n.nodes.csv"), newline="") as f:
    vs = list(csv.DictReader(f))
with open(os.path.join(d, "n.csv"), newline="") as f:
    es = [(r["source"], r["target"]) for r in csv.DictReader(f)]
ig = igraph.Graph.DictList(vs, [{"source": a, "target": b} for a, b in es], vertex_name_attr="id")
ids = [int(x) for x in ig.vs["id"]]
check("igraph csv", ig.vcount(), [(ids[e.source], ids[e.target]) for e in ig.es],
      {ids[v.index]: {k: types.get(k, str)(x) for k, x in v.attributes().items()} for v in ig.vs})

if fails:
    print("\n".join(fails[:20]))
    sys.exit(1)
print(f"ok: {N} nodes, {len(edges)} edges, read back by networkx {nx.__version__} and igraph {igraph.__version__}")
