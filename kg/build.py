"""Building: input files through the pipeline into graph.ttl, graph.html, graph.json and graph.graphml."""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, KGError

__all__ = ["BuildReport", "extract_file", "build_graph", "write_outputs"]


@dataclass(slots=True)
class BuildReport:
    files: int = 0
    articles: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)


def extract_file(path_and_source):
    """Worker: one file's article facts, or the reason it was skipped."""
    from kg.ingest import Page
    from kg.pipeline import extract_page

    path, source, *rest = path_and_source  # (path, source) or (path, source, max_bytes)
    try:
        page = Page.from_file(path, source=source, **({"max_bytes": rest[0]} if rest else {}))
        return source, extract_page(page), None
    except InputError as exc:
        return source, (), exc.reason
    except OSError as exc:  # vanished or unreadable mid-run
        return source, (), f"cannot read: {exc.strerror or exc}"


def _inputs(paths, report: BuildReport, max_bytes: int):
    from kg.ingest import iter_input_files

    # paths walked over (missing, broken links, loops, `x.txt/` folders, empty or oversized
    # files) are reported through on_skip; without it they would vanish without a word
    out = [(str(path), source) for path, source in
           iter_input_files(paths, max_bytes=max_bytes, on_skip=lambda s: report.skipped.append((s.path, s.reason)))]
    return sorted(out, key=lambda x: x[1])


def build_graph(paths, *, jobs: int = 1, progress=None, report: BuildReport | None = None, max_bytes: int | None = None):
    """The RDF graph of every readable file under `paths`; skips are recorded in `report`.

    Files over `max_bytes` (default `kg.ingest.DEFAULT_MAX_BYTES`) are skipped, not read."""
    from kg.ingest import DEFAULT_MAX_BYTES
    from kg.rdf import build_rdf

    report = report if report is not None else BuildReport()
    max_bytes = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    files = [(p, s, max_bytes) for p, s in _inputs(paths, report, max_bytes)]
    facts = []
    if jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = pool.map(extract_file, files, chunksize=max(1, min(32, len(files) // (jobs * 4) or 1)))
            for i, res in enumerate(results, 1):
                _collect(res, facts, report)
                if progress:
                    progress(i, len(files))
    else:
        for i, f in enumerate(files, 1):
            _collect(extract_file(f), facts, report)
            if progress:
                progress(i, len(files))
    return build_rdf(facts), report


def _collect(res, facts, report):
    source, page_facts, reason = res
    if reason:
        report.skipped.append((source, reason))
        return
    report.files += 1
    report.articles += len(page_facts)
    facts.extend(page_facts)


def write_outputs(g, outdir, *, html: bool = True) -> list[Path]:
    """graph.ttl, graph.json (node-link), graph.graphml and graph.html, each written atomically."""
    import networkx as nx

    from kg.graph import to_networkx
    from kg.rdf import write_atomic, write_turtle

    outdir = Path(outdir)
    written = []
    ttl = outdir / "graph.ttl"
    write_turtle(g, ttl)
    written.append(ttl)
    G = to_networkx(g)
    data = nx.node_link_data(G, edges="links")
    write_atomic(outdir / "graph.json", json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8"))
    written.append(outdir / "graph.json")
    gml = nx.MultiDiGraph()
    for n, a in G.nodes(data=True):
        gml.add_node(n, label=a["name"], kind=a["kind"], subkind=a["subkind"] or "", titles="、".join(a["titles"]))
    for u, v, k, a in G.edges(keys=True, data=True):
        gml.add_edge(u, v, key=k, relation=a["relation"], weight=a["weight"])
    write_atomic(outdir / "graph.graphml", "\n".join(nx.generate_graphml(gml)).encode("utf-8"))
    written.append(outdir / "graph.graphml")
    if html:
        from kg.viz import render_html

        write_atomic(outdir / "graph.html", render_html(G, title="kg").encode("utf-8"))
        written.append(outdir / "graph.html")
    return written
