"""The HTML view of a kg graph: one self-contained, offline, deterministic page (vis-network inlined).

pyvis is not used to write the page: its templates fetch vis-network or Bootstrap from a CDN
whatever `cdn_resources` says, write a `lib/` folder into the working directory, insert node
titles with innerHTML and run a physics simulation that stalls past a thousand or two nodes.
Only its bundled vis-network build is reused, vendored in `kg/static/`.

What the page gets, and why:

- the layout is computed here (force-directed, fixed seed, per connected component, packed)
  and drawn with physics off, so thousands of nodes are interactive as soon as they are drawn;
- all data sits in one ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
  written as ``\\u003c`` etc., and the page's script puts text into the DOM with
  ``textContent`` only, so an article holding ``<script>`` shows it and runs nothing;
- a Content-Security-Policy allows exactly the page's own scripts (by hash) and no
  requests, so even a mistake elsewhere cannot load or run anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources

import networkx as nx

from kg.errors import GraphError

__all__ = ["render_html", "write_html", "select_subgraph", "find_nodes", "layout_positions", "KIND_STYLES", "FONT_STACK"]

FONT_STACK = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
              '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif')

# kind -> how it is drawn; vis-network shape names. Colours: Tableau 10, readable on white.
KIND_STYLES = {
    "Person": {"label": "人物 Person", "shape": "dot", "color": "#e15759", "border": "#a83234"},
    "Organization": {"label": "机构 Organization", "shape": "square", "color": "#4e79a7", "border": "#2e4f73"},
    "Place": {"label": "地点 Place", "shape": "triangle", "color": "#59a14f", "border": "#3a7032"},
    "Event": {"label": "事件 Event", "shape": "diamond", "color": "#f28e2b", "border": "#b5651a"},
}
_OTHER_STYLE = {"label": "其他 Other", "shape": "dot", "color": "#9d9d9d", "border": "#6b6b6b"}

# Past these sizes the page trades looks for speed: straight edges, edges hidden while dragging.
_BIG_NODES = 1000
_BIG_EDGES = 2000
_UNIT = 140.0  # vis-network pixels per ideal edge length
_SEED = 7


# ---------------------------------------------------------------------------------------------
# choosing what to show


def _degrees(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Distinct neighbours of each node, typed and co-occurrence edges alike, direction ignored."""
    nbrs: dict[str, set] = {n: set() for n in graph}
    for u, v in graph.edges():
        if u != v:
            nbrs[u].add(v)
            nbrs[v].add(u)
    return {n: len(s) for n, s in nbrs.items()}


def _ranked(graph: nx.MultiDiGraph, degree: dict[str, int]) -> list[str]:
    """Nodes by centrality, ties by IRI so the order never depends on insertion."""
    return sorted(graph, key=lambda n: (-degree[n], str(n)))


def find_nodes(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes whose IRI, name or an alias is exactly `name` (after trimming), sorted.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("kgid:person/李明华", kind="Person", name="李明华", aliases=["李书记"])
    >>> find_nodes(g, "李书记")
    ['kgid:person/李明华']
    """
    key = name.strip()
    hits = [n for n, a in graph.nodes(data=True)
            if key and (str(n) == key or a.get("name") == key or key in (a.get("aliases") or ()))]
    return sorted(hits, key=str)


def select_subgraph(graph: nx.MultiDiGraph, *, top: int | None = None, focus: str | None = None,
                    hops: int = 1) -> nx.MultiDiGraph:
    """The part of `graph` to draw: the `hops`-neighbourhood of `focus` (a name, alias or IRI;
    namesakes all count), then the `top` most central nodes of that (the focus always kept).

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> for n in g: g.nodes[n]["name"] = n
    >>> sorted(select_subgraph(g, focus="b", hops=1))
    ['a', 'b', 'c']
    >>> sorted(select_subgraph(g, top=2))
    ['b', 'c']
    """
    keep = set(graph)
    roots: list[str] = []
    if focus:
        roots = find_nodes(graph, focus)
        if not roots:
            near = sorted({a.get("name", "") for n, a in graph.nodes(data=True)
                           if focus.strip() and focus.strip() in (a.get("name") or "")})[:5]
            hint = f"; did you mean {'、'.join(near)}?" if near else "; give a node's exact name, alias or IRI"
            raise GraphError(f"--focus {focus!r}: no node has this name or alias{hint}")
        und = graph.to_undirected(as_view=True)
        keep = set()
        for r in roots:
            keep |= set(nx.single_source_shortest_path_length(und, r, cutoff=max(0, int(hops))))
    if top is not None and top >= 0 and len(keep) > top:
        degree = _degrees(graph)
        ranked = [n for n in _ranked(graph, degree) if n in keep]
        chosen = set(roots[:top]) if roots else set()
        for n in ranked:
            if len(chosen) >= top:
                break
            chosen.add(n)
        keep = chosen
    return graph.subgraph(keep).copy() if len(keep) != len(graph) else graph


# ---------------------------------------------------------------------------------------------
# layout


def _components(nodes: list[str], adj: dict[str, dict[str, float]]) -> list[list[str]]:
    seen: set = set()
    comps = []
    for n in nodes:  # nodes come sorted, so each component's order is deterministic
        if n in seen:
            continue
        comp, stack = [], [n]
        seen.add(n)
        while stack:
            x = stack.pop()
            comp.append(x)
            for y in sorted(adj[x]):
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        comps.append(sorted(comp))
    comps.sort(key=lambda c: (-len(c), c[0]))
    return comps


def _force_layout(n: int, edges: list[tuple[int, int, float]], seed: int):
    """Fruchterman–Reingold with numpy; repulsion exact up to 600 nodes, above that against a
    seeded random sample of 300 nodes per step (scaled up), which keeps a step O(n).
    Only elementwise operations and numpy's own sums, so a run is reproducible bit for bit."""
    import numpy as np

    rng = np.random.default_rng(seed)
    x = (rng.random(n) - 0.5) * math.sqrt(n) * 2.0
    y = (rng.random(n) - 0.5) * math.sqrt(n) * 2.0
    if not edges:
        return list(zip(x.tolist(), y.tolist()))
    if n <= _EXACT:
        return _force_layouts(n, [(edges, x, y)])[0]
    src = np.array([e[0] for e in edges])
    dst = np.array([e[1] for e in edges])
    w = np.array([e[2] for e in edges])
    iterations = 120 if n <= 2000 else 80
    t0 = math.sqrt(n) * 0.3
    sample = 300
    fx, fy = np.empty(n), np.empty(n)
    rows = max(1, _BLOCK // sample)
    for it in range(iterations):
        t = t0 * (1.0 - it / iterations) + 0.02
        idx = rng.choice(n, size=sample, replace=False)
        sx, sy, scale = x[idx], y[idx], n / sample
        # repulsion, a block of rows at a time in place: the same operations on the same
        # numbers as on the whole (n, sample) matrix, row sums included, in a fraction of
        # the memory traffic
        for lo in range(0, n, rows):
            dx = np.subtract.outer(x[lo:lo + rows], sx)
            dy = np.subtract.outer(y[lo:lo + rows], sy)
            _repel(np, dx, dy)
            dx.sum(1, out=fx[lo:lo + rows])
            dy.sum(1, out=fy[lo:lo + rows])
        fx *= scale
        fy *= scale
        _attract_and_move(np, x, y, fx, fy, src, dst, w, n, t)
    return list(zip(x.tolist(), y.tolist()))


_EXACT = 600  # components up to this size: repulsion between every pair of nodes
_BLOCK = 1 << 15  # matrix elements worked on at once (a few hundred kB: the processor's cache)


def _repel(np, dx, dy) -> None:
    """Offsets `dx`, `dy` to the repulsion they make, in place: `dx * inv`, `dy * inv` with
    `inv = 1.0 / np.maximum(dx * dx + dy * dy, 1e-4)`, the same operations on the same numbers."""
    inv = dx * dx
    inv += dy * dy
    np.maximum(inv, 1e-4, out=inv)
    np.divide(1.0, inv, out=inv)  # k = 1: repulsion k^2 / d along the unit vector
    np.multiply(dx, inv, out=dx)
    np.multiply(dy, inv, out=dy)


def _attract_and_move(np, x, y, fx, fy, src, dst, w, n, t) -> None:
    """One step's attraction along the edges, gravity, and the move, in place."""
    ex = x[src] - x[dst]
    ey = y[src] - y[dst]
    pull = np.sqrt(ex * ex + ey * ey) * w  # attraction d^2 / k along the unit vector
    fx += np.bincount(dst, ex * pull, n) - np.bincount(src, ex * pull, n)
    fy += np.bincount(dst, ey * pull, n) - np.bincount(src, ey * pull, n)
    # gentle gravity keeps loosely tied nodes from drifting away from their component
    fx -= 0.05 * x
    fy -= 0.05 * y
    length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-9)
    step = np.minimum(length, t) / length
    x += fx * step
    y += fy * step


def _force_layouts(m: int, runs):
    """The exact `_force_layout` of several components of `m` nodes (m <= _EXACT) at once:
    `runs` is `[(edges, x, y)]`, each with edges and its starting positions. A graph has hundreds of
    small components, and one numpy call per step for all of those of a size costs what one
    call for one of them did; every number is the one `_force_layout` computes alone (the
    same elementwise operations, each row summed on its own, each node's pulls added in the
    same order)."""
    import numpy as np

    out = []
    per = max(1, _BLOCK // (m * m))  # components per batch
    iterations = 120 if m <= 2000 else 80
    t0 = math.sqrt(m) * 0.3
    for first in range(0, len(runs), per):
        batch = runs[first:first + per]
        k = len(batch)
        x = np.concatenate([r[1] for r in batch])
        y = np.concatenate([r[2] for r in batch])
        # a component's edges, numbered among all the batch's nodes, in their own order
        src = np.concatenate([np.array([e[0] for e in r[0]], dtype=np.int64) + i * m for i, r in enumerate(batch)])
        dst = np.concatenate([np.array([e[1] for e in r[0]], dtype=np.int64) + i * m for i, r in enumerate(batch)])
        w = np.concatenate([np.array([e[2] for e in r[0]], dtype=np.float64) for r in batch])
        n = k * m
        xs, ys = x.reshape(k, m), y.reshape(k, m)  # views: x and y move with them
        for it in range(iterations):
            t = t0 * (1.0 - it / iterations) + 0.02
            dx = xs[:, :, None] - xs[:, None, :]
            dy = ys[:, :, None] - ys[:, None, :]
            _repel(np, dx, dy)
            fx = dx.sum(2).reshape(n) * 1.0
            fy = dy.sum(2).reshape(n) * 1.0
            _attract_and_move(np, x, y, fx, fy, src, dst, w, n, t)
        for i in range(k):
            out.append(list(zip(x[i * m:(i + 1) * m].tolist(), y[i * m:(i + 1) * m].tolist())))
    return out


def _spiral_layout(n: int):
    """Without numpy: nodes on a golden-angle spiral in the given order (central ones first)."""
    golden = math.pi * (3.0 - math.sqrt(5.0))
    return [(math.sqrt(i + 0.5) * math.cos(i * golden), math.sqrt(i + 0.5) * math.sin(i * golden)) for i in range(n)]


def _lay_out_components(comps: list[list[str]], adj, seed: int) -> dict[int, list]:
    """Component number -> its `_force_layout` points (components of two nodes or more); the
    small ones of a size laid out together (`_force_layouts`)."""
    import numpy as np

    laid: dict[int, list] = {}
    small: dict[int, list] = defaultdict(list)  # size -> [(component number, edges, x, y)]
    for ci, comp in enumerate(comps):
        m = len(comp)
        if m == 1:
            continue
        index = {n: i for i, n in enumerate(comp)}
        edges = sorted({(index[u], index[v], w) for u in comp for v, w in adj[u].items() if index[u] < index[v]})
        if m > _EXACT or not edges:
            laid[ci] = _force_layout(m, edges, seed + ci)
            continue
        rng = np.random.default_rng(seed + ci)  # the start _force_layout would make
        x = (rng.random(m) - 0.5) * math.sqrt(m) * 2.0
        y = (rng.random(m) - 0.5) * math.sqrt(m) * 2.0
        small[m].append((ci, edges, x, y))
    for m, runs in small.items():
        for (ci, *_), pts in zip(runs, _force_layouts(m, [r[1:] for r in runs])):
            laid[ci] = pts
    return laid


def layout_positions(graph: nx.MultiDiGraph, *, seed: int = _SEED) -> dict[str, tuple[int, int]]:
    """Integer x, y (vis-network pixels) for every node: each connected component laid out on its
    own, components packed in rows, largest first. Same graph and seed, same positions.

    >>> g = nx.MultiDiGraph([("a", "b")])
    >>> pos = layout_positions(g)
    >>> sorted(pos) == ["a", "b"] and pos == layout_positions(g)
    True
    """
    nodes = sorted(graph, key=str)
    adj: dict[str, dict[str, float]] = {n: {} for n in nodes}
    for u, v, a in graph.edges(data=True):
        if u == v:
            continue
        # typed relations pull harder than co-occurrence, which is hidden by default
        wt = 0.35 if a.get("cooccurrence") else 1.0
        adj[u][v] = max(adj[u].get(v, 0.0), wt)
        adj[v][u] = adj[u][v]
    try:
        import numpy  # noqa: F401
        have_numpy = True
    except ImportError:  # numpy comes with the test/notebook extras; the page still works without it
        have_numpy = False
    degree = {n: len(adj[n]) for n in nodes}
    comps = _components(nodes, adj)
    laid = _lay_out_components(comps, adj, seed) if have_numpy else {}
    boxes = []
    for ci, comp in enumerate(comps):
        m = len(comp)
        if m == 1:
            pts = [(0.0, 0.0)]
        elif have_numpy:
            pts = laid[ci]
        else:
            order = sorted(comp, key=lambda n: (-degree[n], n))
            sp = _spiral_layout(m)
            where = {n: sp[i] for i, n in enumerate(order)}
            pts = [where[n] for n in comp]
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        pts = [((x - cx) * _UNIT, (y - cy) * _UNIT) for x, y in pts]
        width = (max(xs) - min(xs)) * _UNIT + 2 * _UNIT
        height = (max(ys) - min(ys)) * _UNIT + 2 * _UNIT
        boxes.append((comp, pts, width, height))
    # shelf packing: rows about as wide as the whole drawing is tall
    total = sum(b[2] * b[3] for b in boxes)
    row_width = max(math.sqrt(total) * 1.2, max((b[2] for b in boxes), default=0.0))
    pos: dict[str, tuple[int, int]] = {}
    x = y = row_h = 0.0
    for comp, pts, wdt, hgt in boxes:
        if x > 0 and x + wdt > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        ox, oy = x + wdt / 2, y + hgt / 2
        for n, (px, py) in zip(comp, pts):
            pos[n] = (int(round(ox + px)), int(round(oy + py)))
        x += wdt
        row_h = max(row_h, hgt)
    return pos


# ---------------------------------------------------------------------------------------------
# the page


@lru_cache(maxsize=None)
def _static(name: str) -> str:
    text = resources.files("kg").joinpath("static", name).read_text(encoding="utf-8")
    # the HTML parser turns CR LF into LF, which would change the script's CSP hash
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if name.endswith(".js"):
        # a source-map comment would make developer tools fetch a file that is not there
        text = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", text)
        if re.search(r"</script|<!--", text, re.IGNORECASE):
            raise GraphError(f"kg/static/{name}: cannot be inlined, it contains '</script' or '<!--'")
    return text


def _script_json(obj) -> str:
    """JSON that is safe inside <script type="application/json">: no <, > or & left to end the
    element or open a comment, whatever the strings hold."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def _text(value) -> str:
    return "" if value is None else str(value)


def _payload(graph: nx.MultiDiGraph, *, title: str, focus_ids: list[str], hops: int) -> dict:
    nodes = sorted(graph, key=str)
    index = {n: i for i, n in enumerate(nodes)}
    degree = _degrees(graph)
    max_deg = max(degree.values(), default=0) or 1
    pos = layout_positions(graph)
    # articles are shared by many nodes: store each once
    art_key = {}
    for n in nodes:
        for a in graph.nodes[n].get("articles") or ():
            k = (_text(a.get("source")), _text(a.get("iri")), _text(a.get("headline")))
            art_key[k] = None
    articles = sorted(art_key)
    art_index = {k: i for i, k in enumerate(articles)}
    out_nodes = []
    for n in nodes:
        a = graph.nodes[n]
        kind = _text(a.get("kind")) if a.get("kind") in KIND_STYLES else "Other"
        arts = sorted({art_index[(_text(x.get("source")), _text(x.get("iri")), _text(x.get("headline")))]
                       for x in a.get("articles") or ()})
        size = 8 + 22 * math.sqrt(degree[n] / max_deg)
        out_nodes.append({
            "id": index[n], "iri": str(n), "name": _text(a.get("name")) or str(n), "kind": kind,
            "subkind": _text(a.get("subkind")), "aliases": sorted({_text(x) for x in a.get("aliases") or ()}),
            "titles": sorted({_text(x) for x in a.get("titles") or ()}), "date": _text(a.get("date")),
            "articles": arts, "degree": degree[n], "size": round(size, 2),
            "x": pos[n][0], "y": pos[n][1],
        })
    edge_rows = sorted(graph.edges(keys=True, data=True), key=lambda e: (index[e[0]], index[e[1]], str(e[2])))
    out_edges = []
    parallel: dict[tuple[int, int], int] = defaultdict(int)
    for i, (u, v, k, a) in enumerate(edge_rows):
        pair = (min(index[u], index[v]), max(index[u], index[v]))
        lane = parallel[pair]
        parallel[pair] += 1
        evidence = [{"sentence": _text(e.get("sentence")), "headline": _text(e.get("headline")),
                     "source": _text(e.get("source"))} for e in a.get("evidence") or ()]
        conf = a.get("confidence")
        out_edges.append({
            "id": i, "from": index[u], "to": index[v], "relation": _text(a.get("relation") or k),
            "cooccurrence": bool(a.get("cooccurrence")), "weight": a.get("weight", 1) or 1,
            "confidence": round(float(conf), 4) if conf is not None else None, "rule": _text(a.get("rule")),
            "evidence": evidence, "lane": lane,
        })
    kinds_present = {n["kind"] for n in out_nodes}
    kinds = [{"kind": k, **(KIND_STYLES.get(k) or _OTHER_STYLE)} for k in (*KIND_STYLES, "Other")
             if k in KIND_STYLES or k in kinds_present]
    big = len(out_nodes) > _BIG_NODES or len(out_edges) > _BIG_EDGES
    return {
        "title": title, "font": FONT_STACK, "kinds": kinds, "nodes": out_nodes, "edges": out_edges,
        "articles": [{"source": s, "iri": iri, "headline": h} for s, iri, h in articles],
        "focus": sorted(index[f] for f in focus_ids if f in index), "hops": max(1, int(hops)), "big": big,
    }


def _legend_html(payload: dict) -> str:
    count = defaultdict(int)
    for n in payload["nodes"]:
        count[n["kind"]] += 1
    rows = []
    for k in payload["kinds"]:
        rows.append(
            f'<label class="row"><input type="checkbox" class="kind-filter" value="{html.escape(k["kind"])}" checked>'
            f'<span class="swatch shape-{html.escape(k["shape"])}" style="--c:{html.escape(k["color"])};'
            f'--b:{html.escape(k["border"])}"></span>{html.escape(k["label"])} '
            f'<span class="n">{count[k["kind"]]}</span></label>')
    n_typed = sum(1 for e in payload["edges"] if not e["cooccurrence"])
    n_cooc = len(payload["edges"]) - n_typed
    rows.append(f'<div class="row"><span class="swatch edge-typed"></span>关系 typed relation '
                f'<span class="n">{n_typed}</span></div>')
    rows.append(f'<label class="row"><input type="checkbox" id="show-cooc"><span class="swatch edge-cooc"></span>'
                f'共现 co-occurrence <span class="n">{n_cooc}</span></label>')
    return "\n".join(rows)


def render_html(graph: nx.MultiDiGraph, *, title: str = "kg", top: int | None = None, focus: str | None = None,
                hops: int = 1) -> str:
    """The whole page as a string: one file, no network, same graph -> same bytes.

    `top` keeps the N most central nodes (distinct neighbours); `focus` (a name, alias or IRI)
    keeps its `hops`-neighbourhood and opens the page with it selected.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("kgid:person/x", kind="Person", name="<b>x</b>")
    >>> page = render_html(g, title="t")
    >>> page.startswith("<!DOCTYPE html>") and "<b>x</b>" not in page and "\\\\u003cb\\\\u003ex" in page
    True
    """
    sub = select_subgraph(graph, top=top, focus=focus, hops=hops)
    focus_ids = find_nodes(sub, focus) if focus else []
    payload = _payload(sub, title=title, focus_ids=focus_ids, hops=hops)
    vis_js = _static("vis-network.min.js")
    app_js = _static("viz.js")
    css = _static("viz.css")
    csp = ("default-src 'none'; script-src " + _csp_hash(vis_js) + " " + _csp_hash(app_js)
           + "; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
           "form-action 'none'; base-uri 'none'")
    t = html.escape(title)
    n_nodes, n_edges = len(payload["nodes"]), len(payload["edges"])
    total = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges in the graph"
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="kg">\n',
        f"<title>{t}</title>\n<style>\n:root {{ --font: {FONT_STACK}; }}\n{css}</style>\n</head>\n<body>\n",
        '<header>\n',
        f'<h1 title="{html.escape(total)}">{t}</h1>\n',
        '<div class="search"><input id="search" type="search" placeholder="搜索 find a name or alias…" '
        'autocomplete="off" aria-label="find a node by name or alias"><ul id="results" hidden></ul></div>\n',
        f'<label>hops <input id="hops" type="number" min="1" max="6" value="{payload["hops"]}"></label>\n',
        '<button id="focus-btn" type="button" disabled>focus</button>\n',
        '<button id="show-all" type="button">show all</button>\n',
        f'<span id="status">{n_nodes} nodes, {n_edges} edges</span>\n',
        '</header>\n<main>\n<aside id="filters">\n<h2>图例 Legend</h2>\n',
        _legend_html(payload),
        '\n<p class="hint">size: number of connections</p>\n',
        '<h2>日期 Event dates</h2>\n',
        '<label class="row">from <input id="date-from" type="date"></label>\n',
        '<label class="row">to <input id="date-to" type="date"></label>\n',
        '<p class="hint">events outside the range, or without a date, are hidden while a range is set</p>\n',
        '</aside>\n<div id="graph" role="img" aria-label="graph"></div>\n',
        '<aside id="details"><p class="hint">Click a node or an edge to see its articles and evidence. '
        'Hover for a summary.</p></aside>\n</main>\n<div id="tooltip" hidden></div>\n',
        f'<script type="application/json" id="kg-data">{_script_json(payload)}</script>\n',
        f"<script>{vis_js}</script>\n",
        f"<script>{app_js}</script>\n",
        "</body>\n</html>\n",
    ])


def write_html(graph: nx.MultiDiGraph, path, *, title: str = "kg", top: int | None = None, focus: str | None = None,
               hops: int = 1) -> None:
    """Write `render_html(...)` to `path` as UTF-8, atomically (a temp file in the same folder,
    then os.replace). Nothing else is written: no `lib/` folder, nothing in the working folder."""
    from kg.rdf import write_atomic

    write_atomic(path, render_html(graph, title=title, top=top, focus=focus, hops=hops).encode("utf-8"))
