"""The fast build path gives rdflib's bytes: plain triples, their Turtle and networkx view, the
segmenter's own jieba route, rendering in a forked child, stale temporary files."""

import os
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, Namespace, URIRef

import kg.segment
from kg.build import build_graph, write_outputs
from kg.graph import to_networkx
from kg.rdf import ORG, SDO, Triples, build_rdf, build_triples, turtle_bytes
from kg.records import ArticleFacts, Entity, Event, Evidence, Relation

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ("graph.ttl", "graph.json", "graph.graphml", "graph.html")


@pytest.fixture(scope="module")
def seeds_graph():
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return build_graph(["seeds"], jobs=1)[0]
    finally:
        os.chdir(cwd)


def _view(G: nx.MultiDiGraph):
    return (sorted(G.nodes(data=True), key=lambda n: n[0]),
            sorted(((u, v, k, a) for u, v, k, a in G.edges(keys=True, data=True)), key=lambda e: e[:3]))


def test_the_build_makes_plain_triples_that_rdflib_agrees_with(seeds_graph):
    assert isinstance(seeds_graph, Triples)
    g = seeds_graph.to_rdflib()
    assert len(g) == len(seeds_graph)
    back = Triples.from_rdflib(g)
    assert set(back) == set(seeds_graph)


def test_the_view_of_plain_triples_is_the_view_of_the_saved_turtle(seeds_graph):
    parsed = Graph().parse(data=turtle_bytes(seeds_graph).decode("utf-8"), format="turtle")
    assert _view(to_networkx(seeds_graph)) == _view(to_networkx(parsed))


NASTY = st.text(alphabet=st.sampled_from(list('王宏伟县委"\\\n\r\t <>&\'#%/·a1　')), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NASTY, NASTY, NASTY, st.sampled_from(["2021-03-02", "--03-02", "2021-02-30", ""]))
def test_plain_turtle_is_rdflibs_turtle_for_any_strings(name, alias, sentence, date):
    src = "dir/a b.txt"
    key = f"{src}#0"
    ev = Evidence(key, src, 0, 5, sentence, headline=alias)
    ents = (Entity(f"person:{name}", "Person", name, (alias, sentence), titles=(sentence, alias)),
            Entity(f"org:{alias}", "Organization", alias, (name,), "GovernmentOrganization"))
    rels = (Relation(f"person:{name}", "worksFor", f"org:{alias}", "rule", 0.9, ev),
            Relation(f"person:{name}", "jobTitle", sentence, "rule-b", 0.8, ev),
            Relation(f"person:{name}", "jobTitle", sentence, "rule-a", 0.7, None))
    event = Event(f"event:{src}#3", "Meeting", name, date, (f"person:{name}",), evidence=ev)
    af = ArticleFacts(key, src, 0, 9, alias, date, ents, rels, (event,),
                      ((f"person:{name}", f"org:{alias}", ev),), (f"person:{name}",), (f"org:{alias}",))
    plain = build_triples([af])
    assert turtle_bytes(plain) == build_rdf([af]).serialize(format="turtle", encoding="utf-8")


def test_memberof_is_read_from_both_vocabularies_and_not_drawn_twice():
    kgid = Namespace("https://w3id.org/kgzh/id/")
    a, b, c = kgid["person/a"], kgid["org/b"], kgid["org/c"]
    g = Graph()
    for s, t in ((a, SDO.Person), (b, SDO.Organization), (c, SDO.Organization)):
        g.add((s, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), t))
        g.add((s, SDO.name, Literal(str(s)[-1])))
    g.add((a, SDO.worksFor, b))
    g.add((a, ORG.memberOf, b))  # what kg writes beside worksFor: one edge, worksFor
    g.add((a, ORG.memberOf, c))  # another graph's own membership: a memberOf edge
    edges = sorted((u[-1], v[-1], k) for u, v, k in to_networkx(g).edges(keys=True))
    assert edges == [("a", "b", "worksFor"), ("a", "c", "memberOf")]


# ---- the segmenter ---------------------------------------------------------------------------

def _jieba_reference():
    """jieba's own Tokenizer over the segmenter's dictionary: the algorithm `_cut` must match."""
    import jieba

    seg = kg.segment.get_segmenter()
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = seg._freq, seg._total, True
    return seg, tok


SENTENCES = [
    "县委书记王宏伟主持召开县委常委会会议。",
    "新华社北京3月8日电 外交部发言人林志远今天说，",
    "市卫健委主任张华到阳曲县调研疫情防控工作",
    "ABC公司2021年营收12.5%增长，C++ 和 Python 3.11",
    "（记者 林雨桐 韩冰）\r\n第二段\t制表",
    "",
]


@pytest.mark.parametrize("text", SENTENCES + [
    "2003-04赛季，F-22和rs-12m型导弹，6.71B的Dota更新于2019-03-05",  # runs jieba-rs's HMM would keep whole
    "张㐀明和豈、𠀀都是扩展区的字，鿖也是",  # characters jieba-rs counts as Chinese and jieba does not
    "开开开11与",  # a character three times over: two cuts that tie up to a float's last bit
])
def test_segmenter_cuts_as_jieba_does(text):
    seg, tok = _jieba_reference()
    assert seg._rust is not None  # rjieba is a dependency: the fast path is the one in use
    assert seg._cut(text) == seg._cut_python(text) == list(tok.cut(text, HMM=True))
    words = [t.word for t in seg.tokens(text)]
    assert "".join(words) == text and all(text[t.start:t.end] == t.word for t in seg.tokens(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("县委书记王宏伟主持召开会议市长副局长卫健委石家庄太原阳曲镇村、，。 \n　１２年月日"
                                             "记者摄abAB12.-%#+_\r\t的了是在和与")), max_size=40))
def test_segmenter_cuts_any_text_as_jieba_does(text):
    seg, tok = _jieba_reference()
    assert seg._cut(text) == seg._cut_python(text) == list(tok.cut(text, HMM=True))


def test_the_rust_cut_splits_runs_at_jiebas_own_skip_pattern_and_trusts_jieba_rs_dictionary():
    import jieba.finalseg

    assert kg.segment._HMM_SKIP.pattern == jieba.finalseg.re_skip.pattern
    seg = kg.segment.get_segmenter()
    # jieba-rs ships jieba's dictionary: only kg's additions are handed over
    assert not seg._state.full and 0 < len(seg._state.delta) < 20000


def test_jieba_rs_handed_every_word_cuts_the_same():
    """The path taken when jieba-rs's own dictionary does not cut as jieba's (`full`)."""
    from dataclasses import replace

    seg = kg.segment.get_segmenter()
    rust = kg.segment._rust_tokenizer(replace(seg._state, full=True), seg._freq)
    for text in SENTENCES:
        assert kg.segment._rust_cut(rust, text, seg._state.nonhan) == seg._cut_python(text)


def test_segmenter_without_rjieba_cuts_the_same_in_python():
    python = kg.segment.Segmenter(engine="python")
    assert python._rust is None
    for text in SENTENCES:
        assert python._cut(text) == kg.segment.get_segmenter()._cut(text)


def test_segmenter_state_is_kept_on_disk_and_a_bad_file_is_made_again(tmp_path, monkeypatch):
    path = tmp_path / "state.marshal"
    monkeypatch.setattr(kg.segment, "_state_path", lambda: path)
    monkeypatch.setenv("KG_SEGMENTER_CACHE", "1")
    built = kg.segment.Segmenter()
    assert path.is_file()
    text = "县委书记王宏伟主持召开会议"
    read = kg.segment.Segmenter()
    assert read.tokens(text) == built.tokens(text) and read._tags == built._tags
    assert read._state.freq is None and read._freq == built._freq  # read on first use
    assert read._state.tags is read._tags  # (the tags are not read again with them)
    path.write_bytes(b"\x00garbage")
    again = kg.segment.Segmenter()
    assert again.tokens(text) == built.tokens(text)


# ---- writing ---------------------------------------------------------------------------------

@pytest.fixture
def small_graph(write_pages):
    from conftest import SMALL_PAGES

    return build_graph([write_pages(SMALL_PAGES)], jobs=1)[0]


@pytest.mark.parametrize("html", [True, False])
def test_rendering_in_a_forked_child_writes_the_same_bytes(small_graph, tmp_path, html):
    one = write_outputs(small_graph, tmp_path / "one", html=html, jobs=1)
    two = write_outputs(small_graph, tmp_path / "two", html=html, jobs=2)
    assert [p.name for p in one] == [p.name for p in two]
    for a, b in zip(one, two):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_an_error_in_the_forked_child_is_raised_and_nothing_written(small_graph, tmp_path, monkeypatch):
    import kg.viz

    def broken(*args, **kwargs):
        raise MemoryError("out of memory while rendering")

    monkeypatch.setattr(kg.viz, "render_html", broken)
    with pytest.raises(MemoryError):
        write_outputs(small_graph, tmp_path / "out", jobs=2)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def _dead_pid() -> int:
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except OSError:
            pass
        pid -= 1


def test_a_later_build_removes_the_temporary_files_a_killed_one_left(small_graph, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = out / f".graph.ttl.{_dead_pid()}.abcd1234.tmp"  # a build killed with SIGKILL
    live = out / f".graph.json.{os.getppid()}.abcd1234.tmp"  # a build still writing
    old_style = out / ".graph.html.k2j4h5g6.tmp"  # kg before process ids, long ago
    fresh_old_style = out / ".graph.graphml.z9y8x7w6.tmp"  # ... or a moment ago: left alone
    mine = out / ".graph.ttl.notes"  # not a name kg makes
    for p in (dead, live, old_style, fresh_old_style, mine):
        p.write_text("x")
    os.utime(old_style, (0, 0))
    write_outputs(small_graph, out, html=True)
    left = sorted(p.name for p in out.iterdir())
    assert left == sorted([*OUTPUTS, live.name, fresh_old_style.name, mine.name])


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(JSONISH)
def test_graph_json_is_what_json_dumps_writes(obj):
    import json

    from kg.build import _indented_json

    assert _indented_json(obj) == json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1)


NODES = st.lists(st.tuples(NASTY, NASTY, st.sampled_from(["", "Meeting", "县"]), st.lists(NASTY, max_size=2)),
                 max_size=4, unique_by=lambda n: n[0])


@settings(max_examples=150, deadline=None)
@given(NODES, st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), NASTY, st.integers(-2, 10**12)), max_size=5),
       st.sampled_from(['\x85\u2028\x0b\x0c\x1c𠀀', "&amp;", ""]))
def test_graphml_is_what_networkx_writes(nodes, edges, odd):
    from kg.build import _graphml_bytes, _networkx_graphml_bytes

    G = nx.MultiDiGraph()
    for iri, name, subkind, titles in nodes:
        G.add_node(iri + odd, name=name + odd, kind="Person", subkind=subkind or None, titles=titles)
    ids = list(G)
    for u, v, rel, weight in edges:
        if u < len(ids) and v < len(ids):
            G.add_edge(ids[u], ids[v], key=rel, relation=rel, weight=weight)
    assert _graphml_bytes(G) == _networkx_graphml_bytes(G)
    if ids:  # a float weight, which kg never writes: left to networkx
        G.add_edge(ids[0], ids[-1], key="x", relation="x", weight=0.5)
        assert _graphml_bytes(G) == _networkx_graphml_bytes(G)


ARTICLES = st.lists(st.fixed_dictionaries({"iri": NASTY, "source": NASTY, "headline": NASTY}), max_size=2)
EVIDENCE = st.lists(st.fixed_dictionaries({"sentence": NASTY, "source": NASTY, "headline": NASTY}), max_size=2)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NASTY, NASTY, st.lists(NASTY, max_size=2), ARTICLES), max_size=4, unique_by=lambda n: n[0]),
       st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), NASTY, st.floats(allow_nan=True, allow_infinity=True),
                          st.booleans(), st.integers(-2, 10**12), EVIDENCE), max_size=5))
def test_graph_json_of_a_view_is_what_node_link_data_gives(nodes, edges):
    """The JSON written from kg's own view in one template per node and edge is the general
    writer's, and a view with anything else in it (a NaN, another attribute) goes that way."""
    from kg.build import _indented_json, _json_bytes

    G = nx.MultiDiGraph()
    for iri, name, aliases, articles in nodes:
        G.add_node(iri, kind="Person", subkind="", name=name, aliases=aliases, titles=aliases[::-1], date="",
                   articles=articles)
    ids = list(G)
    for u, v, rel, conf, co, weight, evidence in edges:
        if u < len(ids) and v < len(ids):
            G.add_edge(ids[u], ids[v], key=rel, relation=rel, weight=weight, cooccurrence=co, confidence=conf,
                       rule=rel[::-1], evidence=evidence)
    want = _indented_json(nx.node_link_data(G, edges="links")).encode("utf-8")
    assert _json_bytes(G) == want
    if ids:
        G.nodes[ids[0]]["extra"] = 1
        assert _json_bytes(G) == _indented_json(nx.node_link_data(G, edges="links")).encode("utf-8")
