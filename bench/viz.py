"""Time-to-interactive of kg's HTML view against plain pyvis, on the same graph, in headless Chromium.

    .venv/bin/python bench/viz.py                 # synthetic graphs of 300 and 3000 nodes
    .venv/bin/python bench/viz.py --nodes 6000 --timeout 30
    .venv/bin/python bench/viz.py --graph graphs/graph.ttl

"Interactive" means the network is drawn and no longer moving, timed from navigation start:
- kg: the first frame drawn (positions are computed in Python, physics is off);
- pyvis (the peer, `Network(directed=True, cdn_resources="in_line")`, all other options at their
  defaults; "in_line" because its default "local" loads vis-network from a CDN): the end of
  vis-network's stabilisation (its loading bar goes away), and separately the moment physics
  comes to rest. pyvis still asks a CDN for Bootstrap; that request is aborted here.
Also measured: one full redraw (what every pan and zoom costs) and the page's size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import launch, open_page, synthetic_graph  # noqa: E402

COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Place": "#59a14f", "Event": "#f28e2b"}

REDRAW_JS = """(net) => { const t0 = performance.now(); for (let i = 0; i < 5; i++) net.redraw();
                          return (performance.now() - t0) / 5; }"""


def write_pyvis(graph, path: Path) -> None:
    """The peer: the same nodes and edges through pyvis's own API and template."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    ids = {n: i for i, n in enumerate(sorted(graph))}
    for n, i in ids.items():
        a = graph.nodes[n]
        net.add_node(i, label=a.get("name", n), title=f"{a.get('kind', '')} {a.get('name', '')}",
                     color=COLOURS.get(a.get("kind"), "#999"))
    for u, v, k, a in sorted(graph.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2])):
        net.add_edge(ids[u], ids[v], label="" if a.get("cooccurrence") else a.get("relation", k),
                     title=a.get("relation", k))
    cwd = os.getcwd()
    os.chdir(path.parent)  # pyvis writes next to the working folder; keep it out of the project
    try:
        net.write_html(path.name)
    finally:
        os.chdir(cwd)


def time_kg(browser, path: Path, timeout_s: float) -> dict:
    page, watch = open_page(browser, path, timeout_ms=int(timeout_s * 1000))
    tti = page.evaluate("window.kgReadyAt")
    redraw = page.evaluate(f"({REDRAW_JS})(kg.network)")
    drawn = page.evaluate("kg.nodes.length")
    page.context.close()
    return {"tti_ms": tti, "settled_ms": tti, "redraw_ms": redraw, "nodes": drawn, "external": len(watch.requests),
            "errors": len(watch.console_errors) + len(watch.page_errors)}


def time_pyvis(browser, path: Path, timeout_s: float) -> dict:
    """Times are from navigation start; `timeout_s` bounds the whole page visit."""
    start = time.monotonic()
    left = lambda: max(1.0, timeout_s - (time.monotonic() - start)) * 1000  # noqa: E731
    # "commit": pyvis's page may not even fire `load` within the time limit
    page, watch = open_page(browser, path, wait_ready=False, wait_until="commit", timeout_ms=int(timeout_s * 1000))
    out = {"tti_ms": None, "settled_ms": None, "redraw_ms": None, "nodes": None}
    try:
        page.wait_for_function(
            """() => { const b = document.getElementById('loadingBar');
                       const done = b ? b.style.opacity === '0'
                                      : (typeof network !== 'undefined' && network && network.physics.ready);
                       if (done && !window.__benchTti) window.__benchTti = performance.now();
                       return done; }""", polling="raf", timeout=left())
        out["tti_ms"] = page.evaluate("window.__benchTti")
        out["redraw_ms"] = page.evaluate(f"({REDRAW_JS})(network)")
        page.wait_for_function(
            """() => { const done = network.physics.stabilized === true || network.physics.options.enabled === false;
                       if (done && !window.__benchSettled) window.__benchSettled = performance.now();
                       return done; }""", polling="raf", timeout=left())
        out["settled_ms"] = page.evaluate("window.__benchSettled")
    except Exception as exc:  # a timeout is a result: the peer did not get there in time
        print(f"  pyvis: {type(exc).__name__} at {time.monotonic() - start:.0f} s", file=sys.stderr)
    if out["tti_ms"] is not None:  # otherwise the page may still be busy and would not answer
        out["nodes"] = page.evaluate("nodes.length")
    out["external"] = len(watch.requests)
    out["errors"] = len(watch.console_errors) + len(watch.page_errors)
    page.context.close()
    return out


def fmt(ms) -> str:
    return "timeout" if ms is None else f"{ms / 1000:.2f} s"


def bench_one(browser, graph, label: str, args) -> None:
    from kg.viz import write_html

    print(f"graph: {label}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
          f"({sum(1 for *_, c in graph.edges(data='cooccurrence') if c)} co-occurrence)")
    with tempfile.TemporaryDirectory(prefix="kg-bench-viz-") as tmp:
        out = Path(args.keep or tmp)
        out.mkdir(parents=True, exist_ok=True)
        kg_html, peer_html = out / f"kg-{graph.number_of_nodes()}.html", out / f"pyvis-{graph.number_of_nodes()}.html"
        t0 = time.perf_counter()
        write_html(graph, kg_html, title="bench")
        kg_write = time.perf_counter() - t0
        t0 = time.perf_counter()
        write_pyvis(graph, peer_html)
        peer_write = time.perf_counter() - t0
        print(f"  write: kg {kg_write:.2f} s ({kg_html.stat().st_size / 1e6:.1f} MB), "
              f"pyvis {peer_write:.2f} s ({peer_html.stat().st_size / 1e6:.1f} MB)")
        kg_runs = [time_kg(browser, kg_html, args.timeout) for _ in range(args.runs)]
        peer_runs = [time_pyvis(browser, peer_html, args.timeout)]
        while len(peer_runs) < args.peer_runs and peer_runs[-1]["tti_ms"] is not None:
            peer_runs.append(time_pyvis(browser, peer_html, args.timeout))

    def med(runs, key):
        vals = [r[key] for r in runs]
        return None if any(v is None for v in vals) else statistics.median(vals)

    print(f"  {'':8}{'interactive':>13}{'settled':>11}{'redraw':>10}{'drawn':>8}{'external req':>14}{'errors':>8}")
    for name, runs in (("kg", kg_runs), ("pyvis", peer_runs)):
        rd = med(runs, "redraw_ms")
        print(f"  {name:8}{fmt(med(runs, 'tti_ms')):>13}{fmt(med(runs, 'settled_ms')):>11}"
              f"{'-' if rd is None else f'{rd:.0f} ms':>10}{runs[0]['nodes'] or '-':>8}"
              f"{runs[0]['external']:>14}{runs[0]['errors']:>8}")
    kt, pt = med(kg_runs, "tti_ms"), med(peer_runs, "tti_ms")
    ks, ps = med(kg_runs, "settled_ms"), med(peer_runs, "settled_ms")
    if pt is not None:
        print(f"  ratio interactive (pyvis / kg): {pt / kt:.1f}x")
    else:
        print(f"  ratio interactive (pyvis / kg): > {args.timeout * 1000 / kt:.0f}x (pyvis not interactive "
              f"within {args.timeout:.0f} s)")
    if ps is not None:
        print(f"  ratio settled (pyvis / kg): {ps / ks:.1f}x")
    else:
        print(f"  ratio settled (pyvis / kg): > {args.timeout * 1000 / ks:.0f}x (pyvis still moving at {args.timeout:.0f} s)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", default="300,3000",
                    help="synthetic graph sizes, comma-separated (default 300,3000: one pyvis can finish, one it cannot)")
    ap.add_argument("--graph", help="a kg graph file to use instead of synthetic graphs")
    ap.add_argument("--top", type=int, default=None, help="keep the N most connected nodes (both renderers)")
    ap.add_argument("--runs", type=int, default=3, help="page loads of kg's view; the median is reported")
    ap.add_argument("--peer-runs", type=int, default=1, help="page loads of the pyvis page (default 1: it is slow)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before a page counts as never ready")
    ap.add_argument("--keep", metavar="DIR", help="keep the HTML files in DIR")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from kg.viz import select_subgraph

    if args.graph:
        from kg.graph import read_graph

        graphs = [(args.graph, read_graph(args.graph))]
    else:
        graphs = [(f"synthetic, seed 1998", synthetic_graph(int(n))) for n in args.nodes.split(",") if n.strip()]
    with sync_playwright() as p:
        browser = launch(p)
        try:
            for label, graph in graphs:
                bench_one(browser, select_subgraph(graph, top=args.top), label, args)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
