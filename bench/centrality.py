"""Times every centrality of kg.analysis on one large graph, with betweenness three ways in the same run.

Usage:
    .venv/bin/python bench/centrality.py                          # random graph, 12,000 nodes, 36,000 edges
    .venv/bin/python bench/centrality.py --nodes 20000 --edges 60000
    .venv/bin/python bench/centrality.py --graph graphs/graph.ttl --on Person
    .venv/bin/python bench/centrality.py --json bench/centrality.json

Betweenness is timed as exact networkx, networkx sampling `--k` sources (seed fixed) and exact
igraph (if installed), on the same graph; the sampled estimate's error and top-20 overlap
against the exact values are reported with the speed-ups. `--no-exact` skips exact networkx
betweenness (minutes past ~20k nodes) and estimates its time from the sampled run (n / k ×).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg import analysis as A  # noqa: E402


def random_graph(nodes: int, edges: int, seed: int) -> nx.Graph:
    """A random weighted graph like a projection: `weight` 1–4 and `distance` = 1 / weight."""
    G = nx.gnm_random_graph(nodes, edges, seed=seed)
    for i, (u, v) in enumerate(G.edges()):
        w = 1 + (i * 7919) % 4
        G[u][v].update(weight=w, distance=1.0 / w)
    nx.set_node_attributes(G, "Person", "kind")
    nx.set_node_attributes(G, {n: f"n{n}" for n in G}, "name")
    return G


def whole_graph(G) -> nx.Graph:
    """Every kg node and relation as one undirected weighted graph (co-occurrence counts summed)."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        if u != v:
            w = H[u][v]["weight"] if H.has_edge(u, v) else 0
            H.add_edge(u, v, weight=w + d.get("weight", 1))
    for _, _, d in H.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    return H


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", help="an RDF graph file (e.g. graphs/graph.ttl); else a random graph")
    ap.add_argument("--on", default="all", help="projection of --graph: Person, Organization, person-organization, "
                                                "or all (every node and relation); default all")
    ap.add_argument("--nodes", type=int, default=12_000)
    ap.add_argument("--edges", type=int, default=36_000)
    ap.add_argument("--k", type=int, default=A.SAMPLE, help=f"betweenness sources sampled (default {A.SAMPLE})")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-exact", action="store_true", help="skip exact networkx betweenness")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args(argv)

    if args.graph:
        (G, t_load) = timed(lambda: A.load(args.graph))
        H = whole_graph(G) if args.on == "all" else A.projection(G, args.on)
        source = f"{args.graph} ({args.on}; read in {t_load:.1f} s)"
    else:
        H = random_graph(args.nodes, args.edges, args.seed)
        source = f"random G(n={args.nodes}, m={args.edges}, seed={args.seed})"
    n, m = H.number_of_nodes(), H.number_of_edges()
    print(f"graph: {source}: {n} nodes, {m} edges")
    print(f"python {platform.python_version()}, networkx {nx.__version__}, "
          f"igraph {getattr(A._igraph(), '__version__', 'not installed')}")

    times = {}
    for measure in ("degree", "weighted_degree", "eigenvector", "pagerank"):
        _, times[measure] = timed(lambda: A._measure(H, measure, "networkx", None, args.seed))
    _, times["closeness (networkx)"] = timed(lambda: A.closeness(H, backend="networkx"))
    if A._igraph():
        _, times["closeness (igraph)"] = timed(lambda: A.closeness(H, backend="igraph"))

    k = min(args.k, n)
    sampled, times[f"betweenness (networkx, k={k})"] = timed(
        lambda: A.betweenness(H, k=k, seed=args.seed, backend="networkx"))
    exact = None
    if not args.no_exact:
        exact, times["betweenness (networkx, exact)"] = timed(lambda: A.betweenness(H, backend="networkx"))
    if A._igraph():
        ig_exact, times["betweenness (igraph, exact)"] = timed(lambda: A.betweenness(H, backend="igraph"))
        exact = exact or ig_exact
    auto_backend = A._choose_backend(H, "auto", None)

    width = max(map(len, times))
    print()
    for name, t in times.items():
        print(f"  {name:<{width}}  {t:9.2f} s")
    nx_exact = times.get("betweenness (networkx, exact)")
    estimated = nx_exact is None
    if estimated:
        nx_exact = times[f"betweenness (networkx, k={k})"] * n / k
    print()
    label = "exact networkx betweenness" + (" (estimated, n/k × sampled)" if estimated else "")
    print(f"  {label}: {nx_exact:.2f} s")
    result = {"graph": source, "nodes": n, "edges": m, "k": k, "seconds": times,
              "networkx_exact_estimated": estimated, "auto_backend": list(auto_backend)}
    result["speedup_sampling"] = nx_exact / times[f"betweenness (networkx, k={k})"]
    print(f"  speed-up, sampling k={k} vs exact networkx: {result['speedup_sampling']:.1f}×")
    if "betweenness (igraph, exact)" in times:
        result["speedup_igraph"] = nx_exact / times["betweenness (igraph, exact)"]
        print(f"  speed-up, igraph vs exact networkx:         {result['speedup_igraph']:.1f}×")
        result["speedup_igraph_closeness"] = times["closeness (networkx)"] / times["closeness (igraph)"]
        print(f"  speed-up, igraph vs networkx closeness:     {result['speedup_igraph_closeness']:.1f}×")
    if exact:
        err = max(abs(sampled[v] - exact[v]) for v in H)
        top = lambda d: set(sorted(d, key=d.get, reverse=True)[:20])  # noqa: E731
        result["sampling_max_abs_error"] = err
        result["sampling_top20_overlap"] = len(top(sampled) & top(exact))
        print(f"  sampling accuracy: max |error| {err:.2e}, top-20 overlap {result['sampling_top20_overlap']}/20")
    print(f"  backend='auto' here: {auto_backend[0]}" + (f" sampling k={auto_backend[1]}" if auto_backend[1] else ""))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
