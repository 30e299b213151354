"""kg.analysis: projections and centralities against values worked out by hand on small graphs."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest

pd = pytest.importorskip("pandas")

from kg import analysis as A  # noqa: E402
from kg.errors import KGError  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "analysis_small.ttl"
ID = "https://w3id.org/kgzh/id/"


def P(name):
    return f"{ID}person/{name}"


def O(name):
    return f"{ID}org/{name}"


def tiny(edges, people=(), events=()):
    """A MultiDiGraph shaped like read_graph's: (u, v, relation[, weight]) edges; kinds from the IRI."""
    G = nx.MultiDiGraph()
    kinds = {"person": "Person", "org": "Organization", "event": "Event", "place": "Place"}
    for u, v, rel, *w in edges:
        for n in (u, v):
            G.add_node(n, kind=kinds[n.split("/")[0]], name=n.split("/")[-1])
        G.add_edge(u, v, key=rel, relation=rel, weight=w[0] if w else 1, cooccurrence=rel == "coOccursWith")
    for n in people:
        G.add_node(n, kind="Person", name=n.split("/")[-1])
    return G


@pytest.fixture(params=["built", "turtle"])
def example(request):
    """The example graph, built directly and read back from its Turtle twin: both must agree."""
    if request.param == "built":
        return A.example_graph()
    pytest.importorskip("rdflib")
    return A.load(FIXTURE)


# ---- measures on textbook graphs -----------------------------------------------------------


def test_path_betweenness_of_the_middle_is_one():
    G = nx.path_graph("abc")
    # a–c is the only pair whose shortest path passes through b
    assert A.betweenness(G, weight=None, normalized=False) == {"a": 0.0, "b": 1.0, "c": 0.0}
    assert A.betweenness(G, weight=None, normalized=True)["b"] == 1.0


def test_star_centre_lies_on_every_leaf_pair():
    G = nx.star_graph(3)  # centre 0, leaves 1..3: C(3, 2) = 3 leaf pairs
    b = A.betweenness(G, weight=None, normalized=False)
    assert b == {0: 3.0, 1: 0.0, 2: 0.0, 3: 0.0}
    assert A.betweenness(G, weight=None)[0] == 1.0  # 3 / C(3, 2)


def test_path_closeness():
    c = A.closeness(nx.path_graph("abc"), weight=None)
    assert c["b"] == 1.0  # 2 / (1 + 1)
    assert c["a"] == pytest.approx(2 / 3)  # 2 / (1 + 2)


def test_closeness_scales_by_reachable_share():
    G = nx.Graph([("a", "b")])
    G.add_node("c")
    c = A.closeness(G, weight=None)
    # a reaches 1 of 2 others at distance 1: (1 / 1) * (1 / 2)
    assert c == {"a": 0.5, "b": 0.5, "c": 0.0}


def test_strong_ties_are_short_paths():
    # a–b–c with strong ties (weight 4 → distance 0.25) beats the weak direct tie a–c (distance 1)
    G = nx.Graph()
    G.add_edge("a", "b", weight=4, distance=0.25)
    G.add_edge("b", "c", weight=4, distance=0.25)
    G.add_edge("a", "c", weight=1, distance=1.0)
    assert A.betweenness(G, normalized=False)["b"] == 1.0
    assert A.betweenness(G, weight=None, normalized=False)["b"] == 0.0  # by hops, a–c is direct


def test_path_pagerank_and_eigenvector():
    df = A.centrality(nx.path_graph("abc"), kind=None, measures=["pagerank", "eigenvector"])
    # pagerank: a = 0.05 + 0.85 * b / 2, b = 0.05 + 0.85 * 2a  →  a = 0.07125 / 0.2775
    a = 0.07125 / 0.2775
    assert df.loc["a", "pagerank"] == pytest.approx(a, abs=1e-5)
    assert df.loc["b", "pagerank"] == pytest.approx(0.05 + 1.7 * a, abs=1e-5)
    # eigenvector of the path's adjacency for λ = √2: (1, √2, 1) / 2
    assert df.loc["b", "eigenvector"] == pytest.approx(1 / math.sqrt(2), abs=1e-5)
    assert df.loc["a", "eigenvector"] == pytest.approx(0.5, abs=1e-5)
    assert list(df.index) == ["b", "a", "c"]


def test_degree_and_weighted_degree():
    G = nx.Graph()
    G.add_edge("a", "b", weight=3)
    G.add_edge("a", "c", weight=1)
    G.add_node("d")
    df = A.centrality(G, kind=None, measures=["degree", "weighted_degree"])
    assert df[["degree", "weighted_degree"]].to_dict("index") == {
        "a": {"degree": 2, "weighted_degree": 4}, "b": {"degree": 1, "weighted_degree": 3},
        "c": {"degree": 1, "weighted_degree": 1}, "d": {"degree": 0, "weighted_degree": 0}}


def test_empty_graph():
    df = A.centrality(nx.MultiDiGraph())
    assert list(df.columns) == ["name", "kind", *A.MEASURES] and df.empty


# ---- projections ---------------------------------------------------------------------------


def test_coattendance_counts_events_once_per_pair():
    G = tiny([
        ("event/1", "person/a", "organizer"), ("event/1", "person/a", "attendee"),  # a in both roles: once
        ("event/1", "person/b", "attendee"), ("event/1", "person/c", "attendee"),
        ("event/2", "person/a", "organizer"), ("event/2", "person/b", "attendee"),
        ("event/2", "place/x", "location"),  # not a person
        ("person/a", "person/b", "coOccursWith", 5),
        ("person/c", "org/o", "coOccursWith", 7),  # not person–person
    ])
    H = A.person_person(G)
    assert {(u, v): (d["events"], d["cooccurrence"], d["weight"]) for u, v, d in H.edges(data=True)} == {
        ("person/a", "person/b"): (2, 5, 7),  # events 1 and 2, plus 5 co-occurrences
        ("person/a", "person/c"): (1, 0, 1),
        ("person/b", "person/c"): (1, 0, 1),
    }
    assert H["person/a"]["person/b"]["distance"] == pytest.approx(1 / 7)
    assert A.person_person(G, cooccurrence=False)["person/a"]["person/b"]["weight"] == 2
    assert A.person_person(G, events=False).number_of_edges() == 1


def test_same_named_events_are_both_counted():
    G = tiny([("event/1", "person/a", "organizer"), ("event/1", "person/b", "attendee"),
              ("event/2", "person/a", "organizer"), ("event/2", "person/b", "attendee")])
    for ev, date in (("event/1", "2021-01-05"), ("event/2", "")):
        G.nodes[ev].update(name="会议", date=date)
    tie = A.person_person(G)["person/a"]["person/b"]
    assert tie["events"] == 2 and tie["via"] == ["会议", "会议 (2021-01-05)"]


def test_example_person_person(example):
    H = A.person_person(example)
    w = {frozenset((H.nodes[u]["name"], H.nodes[v]["name"])): d["weight"] for u, v, d in H.edges(data=True)}
    # 张三 chairs 2 meetings 李四 attends; 王五 attends the first; 王五–赵六 co-occur twice
    assert w == {frozenset(("张三", "李四")): 2, frozenset(("张三", "王五")): 1,
                 frozenset(("李四", "王五")): 1, frozenset(("王五", "赵六")): 2}
    assert "钱七" in {d["name"] for _, d in H.nodes(data=True)}  # untied persons are still ranked


def test_example_organization_organization(example):
    H = A.organization_organization(example)
    got = {frozenset((H.nodes[u]["name"], H.nodes[v]["name"])): (d["events"], d["cooccurrence"], d["relations"])
           for u, v, d in H.edges(data=True)}
    assert got == {
        frozenset(("甲市卫生健康委员会", "甲市人民政府")): (0, 0, 1),  # parentOrganization
        frozenset(("乙县红十字会", "甲市卫生健康委员会")): (1, 0, 0),  # donor and recipient of one donation
        frozenset(("乙县红十字会", "甲市人民政府")): (0, 1, 0),
    }


def test_example_person_organization(example):
    H = A.person_organization(example)
    pairs = {frozenset((H.nodes[u]["name"], H.nodes[v]["name"])) for u, v in H.edges()}
    assert pairs == {frozenset(p) for p in [("张三", "甲市人民政府"), ("李四", "甲市卫生健康委员会"),
                                            ("王五", "甲市卫生健康委员会"), ("赵六", "乙县红十字会")]}
    with_cooc = A.person_organization(example, cooccurrence=True)
    assert with_cooc[P("张三")][O("甲市人民政府")]["weight"] == 1 + 3


# ---- centrality tables ---------------------------------------------------------------------


def test_centrality_table_of_persons(example):
    df = A.centrality(example, "Person")
    assert list(df.columns) == ["name", "kind", *A.MEASURES]
    assert df.index.name == "node" and set(df["kind"]) == {"Person"}
    assert list(df["name"]) == ["王五", "张三", "李四", "赵六", "钱七"]  # by degree, ties by name
    # 王五 is the only bridge: 赵六 reaches 张三 and 李四 through it; 2 of C(4, 2) = 6 pairs
    assert df.loc[P("王五"), "betweenness"] == pytest.approx(2 / 6)
    assert df.loc[P("钱七"), ["degree", "closeness", "betweenness"]].tolist() == [0, 0.0, 0.0]
    assert df["pagerank"].sum() == pytest.approx(1.0)


def test_agencies_ranked_by_their_officials(example):
    df = A.centrality(example, "Organization", ["degree"], on="person-organization")
    assert df["degree"].to_dict() == {O("甲市卫生健康委员会"): 2, O("乙县红十字会"): 1, O("甲市人民政府"): 1}


def test_sorted_by_first_measure(example):
    df = A.centrality(example, "Person", ["betweenness", "degree"])
    assert df["betweenness"].is_monotonic_decreasing


def test_ties_explain_a_rank(example):
    df = A.ties(example, "张三")
    assert df.to_dict("list") == {
        "name": ["李四", "王五"], "kind": ["Person", "Person"], "weight": [2, 1], "events": [2, 1],
        "cooccurrence": [0, 0], "relations": [0, 0],
        "via": [["甲市卫生工作检查 (2021-12-02)", "甲市常务会议 (2021-11-30)"], ["甲市常务会议 (2021-11-30)"]]}
    with pytest.raises(KGError, match="'无名氏': no such node"):
        A.ties(example, "无名氏")


def test_bad_arguments(example):
    with pytest.raises(ValueError, match="unknown measure 'fame'"):
        A.centrality(example, measures=["fame"])
    with pytest.raises(ValueError, match="backend 'gpu'"):
        A.centrality(example, backend="gpu")
    with pytest.raises(ValueError, match="no projection for kind 'Event'"):
        A.centrality(example, "Event")


# ---- communities ---------------------------------------------------------------------------


def two_triangles():
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    nx.set_edge_attributes(G, 1, "weight")
    for n in G:
        G.nodes[n].update(kind="Person", name=n)
    return G


def test_louvain_splits_two_triangles():
    df = A.communities(two_triangles())
    assert df.groupby("community")["name"].apply(list).to_dict() == {0: ["a", "b", "c"], 1: ["d", "e", "f"]}
    # m = 7; each side has 3 inner edges and degree sum 7: 2 * (3/7 - (7/14)^2)
    assert df.attrs["modularity"] == pytest.approx(6 / 7 - 0.5)
    assert df.equals(A.communities(two_triangles()))  # fixed seed: same answer every run


def test_leiden_agrees_on_two_triangles():
    pytest.importorskip("igraph")
    df = A.communities(two_triangles(), method="leiden")
    assert df.groupby("community")["name"].apply(list).to_dict() == {0: ["a", "b", "c"], 1: ["d", "e", "f"]}


def test_communities_of_the_example(example):
    df = A.communities(example)
    assert df.groupby("community")["name"].apply(list).to_dict() == {0: ["张三", "李四"], 1: ["王五", "赵六"]}
    assert "钱七" in set(A.communities(example, isolates=True)["name"])


# ---- backends and sampling -----------------------------------------------------------------


def random_weighted(n=300, m=900, seed=1):
    G = nx.gnm_random_graph(n, m, seed=seed)
    G.add_nodes_from(range(n, n + 5))  # isolates: closeness must still agree
    for i, (u, v) in enumerate(G.edges()):
        G[u][v]["weight"] = 2 ** (i % 4)  # distances 1, 1/2, 1/4, 1/8 add up exactly: no float ties
        G[u][v]["distance"] = 1 / G[u][v]["weight"]
    return G


@pytest.mark.parametrize("weight", [None, "distance"])
def test_igraph_backend_matches_networkx(weight):
    pytest.importorskip("igraph")
    G = random_weighted()
    nxb = A.betweenness(G, weight=weight, backend="networkx")
    igb = A.betweenness(G, weight=weight, backend="igraph")
    assert max(abs(nxb[n] - igb[n]) for n in G) < 1e-9
    nxc = A.closeness(G, weight=weight, backend="networkx")
    igc = A.closeness(G, weight=weight, backend="igraph")
    assert max(abs(nxc[n] - igc[n]) for n in G) < 1e-9


def test_sampling_every_source_is_exact():
    G = random_weighted(80, 200)
    exact = A.betweenness(G, backend="networkx")
    sampled = A.betweenness(G, k=G.number_of_nodes(), backend="networkx")
    assert max(abs(exact[n] - sampled[n]) for n in G) < 1e-12


def test_sampling_is_seeded_and_close():
    G = random_weighted(400, 1600)
    a = A.betweenness(G, k=200, seed=7, backend="networkx")
    assert a == A.betweenness(G, k=200, seed=7, backend="networkx")
    exact = A.betweenness(G, backend="networkx")
    top = sorted(exact, key=exact.get, reverse=True)[:10]
    assert len(set(top) & set(sorted(a, key=a.get, reverse=True)[:20])) >= 7


def test_auto_backend_on_large_graphs(monkeypatch):
    G = random_weighted(60, 150)
    monkeypatch.setattr(A, "LARGE", 50)
    monkeypatch.setattr(A, "SAMPLE", 1000)  # more than the nodes: every one is a source, so exact
    exact = nx.betweenness_centrality(G, weight="distance")
    if A._igraph() is not None:
        assert A._choose_backend(G, "auto", None) == ("igraph", None)
    monkeypatch.setattr(A, "_igraph", lambda: None)
    assert A._choose_backend(G, "auto", None) == ("networkx", 65)
    got = A.betweenness(G)
    assert max(abs(exact[n] - got[n]) for n in G) < 1e-12
    with pytest.raises(KGError, match="pip install igraph"):
        A.betweenness(G, backend="igraph")


def test_small_graphs_stay_exact():
    assert A._choose_backend(nx.path_graph(5), "auto", None) == ("networkx", None)
    pytest.importorskip("igraph")
    with pytest.raises(ValueError, match="k .* networkx option"):
        A._choose_backend(nx.path_graph(5), "igraph", 3)


# ---- loading and notebook helpers ----------------------------------------------------------


def test_find_graph_walks_up(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_GRAPH", raising=False)
    (tmp_path / "graphs").mkdir()
    (tmp_path / "graphs" / "graph.ttl").write_text("")
    (tmp_path / "notebooks").mkdir()
    assert A.find_graph(start=tmp_path / "notebooks") == tmp_path / "graphs" / "graph.ttl"
    monkeypatch.setenv("KG_GRAPH", str(FIXTURE))
    assert A.find_graph(start="/") == FIXTURE.resolve()


def test_cjk_font_renders_chinese(tmp_path):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import warnings

    import matplotlib.pyplot as plt

    family = A.use_cjk_font()
    if family is None:
        pytest.skip("no CJK font installed (Debian: apt-get install fonts-noto-cjk)")
    fig, ax = plt.subplots()
    ax.set_title("卫生健康委员会")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" would be a warning
        fig.savefig(tmp_path / "cjk.png")
    plt.close(fig)
