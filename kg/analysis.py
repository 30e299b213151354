"""Centrality and communities of officials and agencies: weighted projections of a kg graph, ranked as DataFrames."""

from __future__ import annotations

import math
import os
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import networkx as nx

from kg.errors import KGError

__all__ = [
    "MEASURES", "LARGE", "example_graph", "load", "person_person", "person_organization",
    "organization_organization", "projection", "betweenness", "closeness", "centrality", "ties",
    "communities", "find_graph", "use_cjk_font",
]

MEASURES = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank")
LARGE = 10_000  # past this many nodes, exact betweenness in pure Python takes minutes: sample or use igraph
SAMPLE = 500  # betweenness sources sampled on large graphs when igraph is absent

PERSON_ORG = ("worksFor", "memberOf", "affiliation")
ATTENDANCE = ("organizer", "attendee")
# parties to an event an organization can be: donations name donors and recipients, not attendees
ORG_EVENT = ("organizer", "attendee", "recipient", "donor", "funder")
COOCCURRENCE = "coOccursWith"


# ---- loading -------------------------------------------------------------------------------


def example_graph() -> nx.MultiDiGraph:
    """A tiny graph shaped like `kg.graph.read_graph`'s output, for examples and tests.

    Five persons, three organizations, a place and three events: 张三 chairs two meetings that
    李四 attends and one that 王五 attends too; 王五 and 赵六 co-occur twice; 钱七 is alone.

    >>> G = example_graph()
    >>> G.number_of_nodes(), G.number_of_edges()
    (12, 17)
    >>> sorted(d["name"] for _, d in G.nodes(data=True) if d["kind"] == "Person")
    ['张三', '李四', '王五', '赵六', '钱七']
    """
    G = nx.MultiDiGraph()
    ns = "https://w3id.org/kgzh/id/"

    def node(kind, key, name, subkind="", **extra):
        G.add_node(f"{ns}{kind.lower() if kind != 'Organization' else 'org'}/{key}", kind=kind, subkind=subkind,
                   name=name, aliases=[], titles=extra.get("titles", []), date=extra.get("date", ""), articles=[])

    for key, title in (("张三", "市长"), ("李四", "局长"), ("王五", "副局长"), ("赵六", "会长"), ("钱七", "")):
        node("Person", key, key, titles=[title] if title else [])
    node("Organization", "甲市人民政府", "甲市人民政府", "GovernmentOrganization")
    node("Organization", "甲市卫生健康委员会", "甲市卫生健康委员会", "GovernmentOrganization")
    node("Organization", "乙县红十字会", "乙县红十字会", "NGO")
    node("Place", "甲市", "甲市", "prefecture")
    node("Event", "t/10", "甲市常务会议", "Meeting", date="2021-11-30")
    node("Event", "t/90", "甲市卫生工作检查", "Inspection", date="2021-12-02")
    node("Event", "t/200", "乙县红十字会捐赠", "Donation", date="2021-12-05")

    def edge(u, v, rel, weight=1):
        G.add_edge(ns + u, ns + v, key=rel, relation=rel, weight=weight, cooccurrence=rel == COOCCURRENCE,
                   confidence=1.0, rule="example", evidence=[])

    edge("event/t/10", "person/张三", "organizer")
    edge("event/t/10", "person/李四", "attendee")
    edge("event/t/10", "person/王五", "attendee")
    edge("event/t/10", "place/甲市", "location")
    edge("event/t/90", "person/张三", "organizer")
    edge("event/t/90", "person/李四", "attendee")
    edge("event/t/90", "org/甲市卫生健康委员会", "attendee")
    edge("event/t/200", "org/乙县红十字会", "funder")
    edge("event/t/200", "org/甲市卫生健康委员会", "recipient")
    edge("person/张三", "org/甲市人民政府", "worksFor")
    edge("person/李四", "org/甲市卫生健康委员会", "worksFor")
    edge("person/王五", "org/甲市卫生健康委员会", "worksFor")
    edge("person/赵六", "org/乙县红十字会", "memberOf")
    edge("org/甲市卫生健康委员会", "org/甲市人民政府", "parentOrganization")
    edge("person/王五", "person/赵六", COOCCURRENCE, 2)
    edge("org/甲市人民政府", "person/张三", COOCCURRENCE, 3)
    edge("org/乙县红十字会", "org/甲市人民政府", COOCCURRENCE, 1)
    return G


def load(graph) -> nx.MultiDiGraph | nx.Graph:
    """The graph to analyse: a path to an RDF file (read with `kg.graph.read_graph`), an rdflib
    Graph, or a networkx graph, returned as is.

    >>> load(example_graph()).number_of_nodes()
    12
    >>> load("no/such/graph.ttl")
    Traceback (most recent call last):
    ...
    kg.errors.GraphError: no/such/graph.ttl: no such graph file
    """
    if isinstance(graph, nx.Graph):
        return graph
    from kg.graph import read_graph  # rdflib is heavy; only paths need it

    return read_graph(graph)


def _kind(G, n) -> str:
    return G.nodes[n].get("kind", "")


def _nodes_of(G, *kinds):
    return sorted(n for n, d in G.nodes(data=True) if d.get("kind") in kinds)


def _new_projection(G, nodes) -> nx.Graph:
    H = nx.Graph()
    for n in nodes:
        d = G.nodes[n]
        H.add_node(n, kind=d.get("kind", ""), subkind=d.get("subkind", ""), name=d.get("name") or n)
    return H


def _add(H, u, v, attr, amount, label=None):
    """Adds `amount` to the tie u–v's `attr` and its `weight`; `label` goes in its `via` list."""
    if u == v:
        return
    if not H.has_edge(u, v):
        H.add_edge(u, v, weight=0, events=0, cooccurrence=0, relations=0, via=[])
    e = H[u][v]
    e[attr] += amount
    e["weight"] += amount
    if label is not None:
        e["via"].append(label)


def _finish(H) -> nx.Graph:
    for _, _, e in H.edges(data=True):
        e["via"] = sorted(e["via"])  # one label per event: two meetings both named 会议 are both listed
        e["distance"] = 1.0 / e["weight"]  # strong ties are short: shortest paths follow them
    return H


def _event_parties(G, roles, kinds):
    """{event: set of parties of `kinds` linked to it by one of `roles`}, in either direction."""
    parties = defaultdict(set)
    for u, v, d in G.edges(data=True):
        if d.get("relation") not in roles:
            continue
        for ev, p in ((u, v), (v, u)):
            if _kind(G, ev) == "Event" and _kind(G, p) in kinds:
                parties[ev].add(p)
    return parties


def _event_label(G, ev):
    d = G.nodes[ev]
    name = d.get("name") or ev
    return f"{name} ({d['date']})" if d.get("date") else name


# ---- projections ---------------------------------------------------------------------------


def person_person(graph, *, events: bool = True, cooccurrence: bool = True) -> nx.Graph:
    """Persons tied by co-attendance (organizer or attendee of the same event, 1 per event) and
    by co-occurrence (`coOccursWith`, its count). Every person is a node, tied or not.

    Edge attributes: `weight` (events + cooccurrence), `events`, `cooccurrence`, `via` (the
    shared events' names), `distance` (1 / weight, for shortest paths).

    >>> H = person_person(example_graph())
    >>> def tie(a, b): return {k: H[f"https://w3id.org/kgzh/id/person/{a}"][f"https://w3id.org/kgzh/id/person/{b}"][k]
    ...                          for k in ("weight", "events", "cooccurrence")}
    >>> tie("张三", "李四"), tie("王五", "赵六")
    ({'weight': 2, 'events': 2, 'cooccurrence': 0}, {'weight': 2, 'events': 0, 'cooccurrence': 2})
    >>> H.number_of_nodes(), H.number_of_edges()
    (5, 4)
    """
    G = load(graph)
    H = _new_projection(G, _nodes_of(G, "Person"))
    if events:
        for ev, people in sorted(_event_parties(G, ATTENDANCE, ("Person",)).items()):
            for a, b in combinations(sorted(people), 2):
                _add(H, a, b, "events", 1, _event_label(G, ev))
    if cooccurrence:
        for u, v, d in G.edges(data=True):
            if d.get("relation") == COOCCURRENCE and _kind(G, u) == _kind(G, v) == "Person":
                _add(H, u, v, "cooccurrence", d.get("weight", 1))
    return _finish(H)


def person_organization(graph, *, relations=PERSON_ORG, cooccurrence: bool = False) -> nx.Graph:
    """Persons tied to the organizations they work for, are members of or affiliated with (1 per
    relation); with `cooccurrence=True` also person–organization co-occurrence counts.
    Bipartite: node attribute `kind` says which side.

    >>> H = person_organization(example_graph())
    >>> official = "https://w3id.org/kgzh/id/person/李四"
    >>> [(H.nodes[o]["name"], d["via"]) for o, d in H[official].items()]
    [('甲市卫生健康委员会', ['worksFor'])]
    >>> H.number_of_edges(), person_organization(example_graph(), cooccurrence=True).number_of_edges()
    (4, 4)
    """
    G = load(graph)
    H = _new_projection(G, _nodes_of(G, "Person", "Organization"))
    for u, v, d in G.edges(data=True):
        rel = d.get("relation")
        if {_kind(G, u), _kind(G, v)} != {"Person", "Organization"}:
            continue
        if rel in relations:
            _add(H, u, v, "relations", 1, rel)
        elif cooccurrence and rel == COOCCURRENCE:
            _add(H, u, v, "cooccurrence", d.get("weight", 1))
    return _finish(H)


def organization_organization(graph, *, events: bool = True, cooccurrence: bool = True,
                              parents: bool = True) -> nx.Graph:
    """Organizations tied by co-occurrence (its count), `parentOrganization` (1) and joint events
    (both organizer, attendee, donor or recipient of one event: 1 per event).

    >>> H = organization_organization(example_graph())
    >>> sorted((H.nodes[u]["name"], H.nodes[v]["name"], d["weight"], d["via"]) for u, v, d in H.edges(data=True))
    [('乙县红十字会', '甲市人民政府', 1, []), ('乙县红十字会', '甲市卫生健康委员会', 1, ['乙县红十字会捐赠 (2021-12-05)']),
     ('甲市人民政府', '甲市卫生健康委员会', 1, ['parentOrganization'])]
    """
    G = load(graph)
    H = _new_projection(G, _nodes_of(G, "Organization"))
    if events:
        for ev, orgs in sorted(_event_parties(G, ORG_EVENT, ("Organization",)).items()):
            for a, b in combinations(sorted(orgs), 2):
                _add(H, a, b, "events", 1, _event_label(G, ev))
    for u, v, d in G.edges(data=True):
        if not _kind(G, u) == _kind(G, v) == "Organization":
            continue
        rel = d.get("relation")
        if parents and rel == "parentOrganization":
            _add(H, u, v, "relations", 1, rel)
        elif cooccurrence and rel == COOCCURRENCE:
            _add(H, u, v, "cooccurrence", d.get("weight", 1))
    return _finish(H)


_PROJECTIONS = {
    "Person": person_person,
    "Organization": organization_organization,
    "person-person": person_person,
    "person-organization": person_organization,
    "organization-organization": organization_organization,
}


def projection(graph, kind: str = "Person") -> nx.Graph:
    """The weighted projection for `kind`: "Person" (person–person), "Organization"
    (organization–organization), or "person-organization". A simple `nx.Graph` is taken as an
    already projected graph and returned as is.

    >>> projection(example_graph(), "Organization").number_of_nodes()
    3
    >>> projection(example_graph(), "Place")
    Traceback (most recent call last):
    ...
    ValueError: no projection for kind 'Place'; use one of Person, Organization, person-person, person-organization, organization-organization
    """
    G = load(graph)
    if not G.is_multigraph() and not G.is_directed():
        return G
    if kind not in _PROJECTIONS:
        raise ValueError(f"no projection for kind {kind!r}; use one of {', '.join(_PROJECTIONS)}")
    return _PROJECTIONS[kind](G)


# ---- measures ------------------------------------------------------------------------------


def _igraph():
    try:
        import igraph
    except ImportError:
        return None
    return igraph


def _choose_backend(H, backend: str, k):
    if backend not in ("auto", "networkx", "igraph"):
        raise ValueError(f"backend {backend!r}: use 'auto', 'networkx' or 'igraph'")
    if backend == "igraph":
        if _igraph() is None:
            raise KGError("backend 'igraph' needs python-igraph: pip install igraph (or use backend='networkx')")
        if k is not None:
            raise ValueError("k (sampled sources) is a networkx option; igraph computes betweenness exactly")
        return "igraph", None
    if backend == "networkx" or k is not None or H.number_of_nodes() <= LARGE:
        return "networkx", k
    if _igraph() is not None:
        return "igraph", None
    return "networkx", min(SAMPLE, H.number_of_nodes())


def _to_igraph(H, weight):
    ig = _igraph()
    nodes = list(H)
    index = {n: i for i, n in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in H.edges()], directed=False)
    weights = [d.get(weight, 1) for _, _, d in H.edges(data=True)] if weight else None
    return g, nodes, weights


def betweenness(graph, *, weight: str | None = "distance", normalized: bool = True, k: int | None = None,
                seed: int = 0, backend: str = "auto") -> dict:
    """Betweenness centrality of each node of a (projected, undirected) graph.

    Shortest paths follow `weight` as a length (projections set `distance` = 1 / weight, so
    strong ties are short); `weight=None` counts hops. `k` samples that many source nodes with
    a fixed `seed` (networkx). `backend="auto"` is exact networkx up to `LARGE` nodes; past it,
    exact igraph if installed, else networkx sampling `SAMPLE` sources.

    >>> betweenness(nx.path_graph("abc"), weight=None, normalized=False)
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    >>> betweenness(nx.star_graph(3), weight=None)[0]
    1.0
    """
    H = projection(graph)
    backend, k = _choose_backend(H, backend, k)
    n = H.number_of_nodes()
    if backend == "networkx":
        if k is not None:
            k = min(k, n)
        return nx.betweenness_centrality(H, k=k, normalized=normalized, weight=weight, seed=seed)
    g, nodes, weights = _to_igraph(H, weight)
    values = g.betweenness(directed=False, weights=weights)
    scale = 2.0 / ((n - 1) * (n - 2)) if normalized and n > 2 else 1.0
    return {node: float(v) * scale for node, v in zip(nodes, values)}


def closeness(graph, *, weight: str | None = "distance", backend: str = "auto") -> dict:
    """Closeness centrality, scaled by the share of the graph a node reaches (Wasserman–Faust,
    as networkx does), so isolated officials score 0 rather than dominate.

    >>> {n: round(c, 3) for n, c in closeness(nx.path_graph("abc"), weight=None).items()}
    {'a': 0.667, 'b': 1.0, 'c': 0.667}
    """
    H = projection(graph)
    backend, _ = _choose_backend(H, backend, None)
    if backend == "networkx":
        return nx.closeness_centrality(H, distance=weight)
    g, nodes, weights = _to_igraph(H, weight)
    n = len(nodes)
    # igraph's closeness counts only the reachable nodes; rescale by the reachable share as networkx does
    values = g.closeness(weights=weights, normalized=True)
    sizes = g.connected_components().sizes()
    membership = g.connected_components().membership
    out = {}
    for i, node in enumerate(nodes):
        r = sizes[membership[i]] - 1
        v = values[i]
        out[node] = 0.0 if r == 0 or v is None or math.isnan(v) else float(v) * r / (n - 1)
    return out


def _eigenvector(H) -> dict:
    if H.number_of_edges() == 0:
        return {n: 0.0 for n in H}
    try:
        return nx.eigenvector_centrality(H, weight="weight", max_iter=1000, tol=1e-08)
    except nx.PowerIterationFailedConvergence:
        return {n: float("nan") for n in H}


def _pagerank(H) -> dict:
    if H.number_of_nodes() == 0:
        return {}
    try:
        return nx.pagerank(H, weight="weight")
    except ImportError:  # networkx's fast path needs scipy; the pure-Python one gives the same numbers
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return _pagerank_python(H, weight="weight")


def _measure(H, m, backend, k, seed):
    if m == "degree":
        return dict(H.degree())
    if m == "weighted_degree":
        return dict(H.degree(weight="weight"))
    if m == "betweenness":
        return betweenness(H, k=k, seed=seed, backend=backend)
    if m == "closeness":
        return closeness(H, backend=backend)
    if m == "eigenvector":
        return _eigenvector(H)
    if m == "pagerank":
        return _pagerank(H)
    raise ValueError(f"unknown measure {m!r}; use some of {', '.join(MEASURES)}")


def _frame(H, rows, columns):
    import pandas as pd

    df = pd.DataFrame(rows, columns=["node", "name", "kind", *columns]).set_index("node")
    return df


def centrality(graph, kind: str | None = "Person", measures=MEASURES, *, on: str | None = None,
               backend: str = "auto", k: int | None = None, seed: int = 0):
    """A DataFrame of centrality measures for the nodes of `kind`, indexed by node IRI, with
    columns name, kind and one per measure, sorted by the first measure (highest first), then name.

    The measures are computed on the weighted projection `on` (default: the one for `kind`,
    see `projection`); pass `on="person-organization"` to rank agencies by the officials tied
    to them. A simple `nx.Graph` is used as it is. `kind=None` keeps every node.

    degree: neighbours; weighted_degree: sum of tie weights; betweenness (normalised) and
    closeness: shortest paths over `distance` = 1 / weight; eigenvector and pagerank: weighted.

    >>> df = centrality(example_graph(), "Person", ["degree", "weighted_degree", "betweenness"])
    >>> df.reset_index(drop=True)
      name    kind  degree  weighted_degree  betweenness
    0   王五  Person       3                4     0.333333
    1   张三  Person       2                3     0.000000
    2   李四  Person       2                3     0.000000
    3   赵六  Person       1                2     0.000000
    4   钱七  Person       0                0     0.000000
    """
    H = projection(graph, on or kind or "Person")
    measures = list(measures)
    values = {m: _measure(H, m, backend, k, seed) for m in measures}
    rows = []
    for n, d in H.nodes(data=True):
        if kind is None or d.get("kind") == kind:
            rows.append([n, d.get("name", n), d.get("kind", ""), *(values[m].get(n, 0.0) for m in measures)])
    df = _frame(H, rows, measures)
    if measures:
        df = df.sort_values([measures[0], "name"], ascending=[False, True], kind="stable")
    else:
        df = df.sort_values("name", kind="stable")
    return df


def ties(graph, node: str, *, kind: str = "Person", top: int | None = 10):
    """Why a node is central: its ties in the projection for `kind`, strongest first, with what
    makes each (shared events, co-occurrence count, typed relations, the events' names).

    `node` is an IRI or a name.

    >>> ties(example_graph(), "王五").reset_index(drop=True)
      name    kind  weight  events  cooccurrence  relations                    via
    0   赵六  Person       2       0             2          0                     []
    1   张三  Person       1       1             0          0  [甲市常务会议 (2021-11-30)]
    2   李四  Person       1       1             0          0  [甲市常务会议 (2021-11-30)]
    """
    H = projection(graph, kind)
    if node not in H:
        named = sorted(n for n, d in H.nodes(data=True) if d.get("name") == node)
        if not named:
            raise KGError(f"{node!r}: no such node in the {kind} projection; give an IRI or a name from its 'name' column")
        node = named[0]
    cols = ["weight", "events", "cooccurrence", "relations", "via"]
    rows = [[m, H.nodes[m].get("name", m), H.nodes[m].get("kind", ""), *(e[c] for c in cols)]
            for m, e in H[node].items()]
    df = _frame(H, rows, cols).sort_values(["weight", "name"], ascending=[False, True], kind="stable")
    return df if top is None else df.head(top)


# ---- communities ---------------------------------------------------------------------------


def communities(graph, kind: str = "Person", *, method: str = "louvain", seed: int = 0,
                resolution: float = 1.0, isolates: bool = False):
    """Communities of the projection for `kind`: a DataFrame indexed by node IRI with columns
    name, kind, community (0 = the largest) and size, sorted by community then name. The
    partition's modularity is in `df.attrs["modularity"]`.

    `method="louvain"` uses networkx with a fixed `seed`; `method="leiden"` needs igraph.
    Isolated nodes (no ties) are left out unless `isolates=True` (each is then its own community).

    >>> df = communities(example_graph(), "Person")
    >>> df.reset_index(drop=True)
      name    kind  community  size
    0   张三  Person          0     2
    1   李四  Person          0     2
    2   王五  Person          1     2
    3   赵六  Person          1     2
    >>> round(df.attrs["modularity"], 3)
    0.167
    """
    H = projection(graph, kind)
    if not isolates:
        H = H.subgraph([n for n in H if H.degree(n) > 0])
    if H.number_of_edges() == 0:
        parts = [{n} for n in H]
    elif method == "louvain":
        parts = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    elif method == "leiden":
        parts = _leiden(H, resolution, seed)
    else:
        raise ValueError(f"method {method!r}: use 'louvain' or 'leiden'")
    parts = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p))
    rows = []
    for i, p in enumerate(parts):
        for n in p:
            d = H.nodes[n]
            rows.append([n, d.get("name", n), d.get("kind", ""), i, len(p)])
    df = _frame(H, rows, ["community", "size"]).sort_values(["community", "name"], kind="stable")
    df.attrs["modularity"] = nx.community.modularity(H, parts, weight="weight") if H.number_of_edges() else 0.0
    return df


def _leiden(H, resolution, seed):
    ig = _igraph()
    if ig is None:
        raise KGError("method 'leiden' needs python-igraph: pip install igraph (or use method='louvain')")
    import random

    g, nodes, weights = _to_igraph(H, "weight")
    ig.set_random_number_generator(random.Random(seed))
    try:
        part = g.community_leiden(objective_function="modularity", weights=weights, resolution=resolution,
                                  n_iterations=-1)
    finally:
        ig.set_random_number_generator(random)
    return [{nodes[i] for i in c} for c in part]


# ---- notebooks -----------------------------------------------------------------------------


def find_graph(name: str = "graphs/graph.ttl", start=None) -> Path | None:
    """The graph file a notebook should read: `$KG_GRAPH` if set, else `name` in `start` (default
    the working directory) or the nearest parent that has it; None if there is none.

    >>> find_graph("no/such/file.ttl", start="/") is None
    True
    """
    env = os.environ.get("KG_GRAPH")
    if env:
        return Path(env).resolve()
    here = Path(start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / name).is_file():
            return d / name
    return None


CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans SC", "Source Han Sans SC",
             "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei", "PingFang SC")


def use_cjk_font() -> str | None:
    """Points matplotlib's sans-serif font at the first installed CJK font so Chinese labels
    render (not boxes); returns its family name, or None if none is installed
    (Debian: apt-get install fonts-noto-cjk).

    >>> family = use_cjk_font()
    >>> family is None or family in CJK_FONTS
    True
    """
    import matplotlib
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    if not installed & set(CJK_FONTS):
        # fonts installed after matplotlib built its cache are found by scanning the system again
        for path in font_manager.findSystemFonts():
            if "cjk" in path.lower() or "wqy" in path.lower():
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError):
                    continue
        installed = {f.name for f in font_manager.fontManager.ttflist}
    family = next((f for f in CJK_FONTS if f in installed), None)
    if family:
        rest = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
        matplotlib.rcParams["font.sans-serif"] = [family, *rest]
        matplotlib.rcParams["font.family"] = "sans-serif"
        matplotlib.rcParams["axes.unicode_minus"] = False  # CJK fonts lack U+2212
    return family
