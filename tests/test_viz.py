"""The HTML view without a browser: one self-contained file, escaped data, deterministic bytes,
nothing written but the page, --top/--focus, and the `kg viz` command."""

import base64
import hashlib
import json
import os
import re
from pathlib import Path

import networkx as nx
import pytest

from browser import small_graph, synthetic_graph
from kg.errors import GraphError
from kg.viz import layout_positions, render_html, select_subgraph, write_html

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "</script><script>window.__pwned=1</script>", "<!--<script>", "&lt;b&gt;&amp;"]
DATA_RE = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def data_of(page: str) -> dict:
    m = DATA_RE.search(page)
    assert m, "no data block"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def page():
    return render_html(small_graph(), title="测试")


def test_one_self_contained_utf8_file(page):
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page[:200]
    # nothing fetched: no external scripts, styles, images or frames
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href)\s*=", page, re.I)
    assert "@import" not in page and "url(http" not in page
    assert "sourceMappingURL" not in page
    # exactly three scripts: the data block, vis-network, the page's own
    assert page.count("</script>") == 3
    # the vendored vis-network keeps its licence header
    assert "@license" in page and "vis.js is dual licensed" in page
    # Chinese labels in a CJK font stack
    assert "Noto Sans CJK SC" in page and "韦韬" in page


def test_csp_allows_exactly_the_page_scripts_and_no_requests(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1).replace("&#x27;", "'")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-inline" not in csp.split(";")[1]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for s in scripts:
        digest = base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_vendored_vis_network_is_pyvis_copy_with_licence():
    static = Path(__file__).resolve().parent.parent / "kg" / "static" / "vis-network.min.js"
    text = static.read_text(encoding="utf-8")
    assert "@license" in text[:1000] and "@version 9.1.2" in text[:1000]


def test_data_is_json_with_markup_escaped():
    g = small_graph(evil=PAYLOADS[0] + PAYLOADS[1] + PAYLOADS[2] + PAYLOADS[3] + PAYLOADS[4])
    page = render_html(g, title=PAYLOADS[0])
    for p in PAYLOADS[:4]:
        assert p not in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    raw = DATA_RE.search(page).group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = data_of(page)
    names = {n["name"] for n in data["nodes"]}
    assert "韦韬" + "".join(PAYLOADS) in names  # the text survives, literally
    heads = {a["headline"] for a in data["articles"]}
    assert any(h.endswith("".join(PAYLOADS)) for h in heads)


def test_graph_content_reaches_the_page(page):
    data = data_of(page)
    g = small_graph()
    assert len(data["nodes"]) == g.number_of_nodes() and len(data["edges"]) == g.number_of_edges()
    wt = next(n for n in data["nodes"] if n["name"] == "韦韬")
    assert wt["kind"] == "Person" and wt["aliases"] == ["韦书记"] and wt["titles"] == ["市委书记"]
    assert [data["articles"][i]["headline"] for i in wt["articles"]] == [
        "市疫情防控工作领导小组召开第八十八次会议", "韦韬在阳曲县调研疫情防控工作"]
    rels = {e["relation"] for e in data["edges"]}
    assert {"worksFor", "organizer", "attendee", "location", "containedInPlace", "coOccursWith"} <= rels
    cooc = [e for e in data["edges"] if e["cooccurrence"]]
    assert len(cooc) == 1 and cooc[0]["weight"] == 2
    ev = next(e for e in data["edges"] if e["relation"] == "worksFor")["evidence"]
    assert ev == [{"sentence": "市委书记韦韬主持召开会议。", "headline": "市疫情防控工作领导小组召开第八十八次会议",
                   "source": "seeds/001_test.txt#char=0,640"}]
    # 韦韬 has the most connections, so the biggest node
    assert max(data["nodes"], key=lambda n: n["size"])["name"] == "韦韬"
    # co-occurrence is off by default: its checkbox is unchecked
    assert re.search(r'<input type="checkbox" id="show-cooc">', page)
    # a legend entry (and type filter) per kind
    for kind in ("Person", "Organization", "Place", "Event"):
        assert f'value="{kind}" checked' in page


def test_deterministic_bytes():
    g = small_graph()
    a = render_html(g)
    # the same graph built in another order renders the same bytes
    h = nx.MultiDiGraph()
    for n in reversed(list(g.nodes)):
        h.add_node(n, **g.nodes[n])
    for u, v, k, d in reversed(list(g.edges(keys=True, data=True))):
        h.add_edge(u, v, key=k, **d)
    assert render_html(h) == a == render_html(g)
    big = synthetic_graph(700, seed=3)
    assert render_html(big) == render_html(big)


def test_write_html_writes_only_the_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out" / "graph.html"
    write_html(small_graph(), out, title="kg")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["graph.html", "out"]  # no lib/, no temp files
    assert not (tmp_path / "lib").exists()
    assert out.read_bytes().decode("utf-8") == render_html(small_graph(), title="kg")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_write_html_is_atomic(tmp_path, monkeypatch):
    out = tmp_path / "graph.html"
    out.write_text("old", encoding="utf-8")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_html(small_graph(), out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_top_keeps_the_most_central():
    g = small_graph()
    data = data_of(render_html(g, top=3))
    assert len(data["nodes"]) == 3
    assert "韦韬" in {n["name"] for n in data["nodes"]}
    assert all(e["from"] < 3 and e["to"] < 3 for e in data["edges"])


def test_focus_keeps_the_neighbourhood():
    g = small_graph()
    one = {n["name"] for n in data_of(render_html(g, focus="阳曲县", hops=1))["nodes"]}
    assert one == {"阳曲县", "太原市", "韦韬调研阳曲县"}
    two = data_of(render_html(g, focus="阳曲", hops=2))  # an alias works too
    assert {"韦韬", "王宏伟", "阳曲县"} <= {n["name"] for n in two["nodes"]}
    assert [two["nodes"][i]["name"] for i in two["focus"]] == ["阳曲县"]
    assert sorted(select_subgraph(g, focus="kgid:person/王宏伟", hops=1)) == [
        "kgid:event/002_test/22", "kgid:person/王宏伟", "kgid:person/韦韬"]
    with pytest.raises(GraphError, match="张三"):
        render_html(g, focus="张三")


def test_layout_is_spread_and_deterministic():
    g = synthetic_graph(400, seed=5)
    pos = layout_positions(g)
    assert set(pos) == set(g) and pos == layout_positions(g)
    assert len(set(pos.values())) == len(pos)
    assert all(isinstance(c, int) for xy in pos.values() for c in xy)


def test_small_components_laid_out_together_move_as_each_would_alone():
    """The components of a size share their numpy calls (`_force_layouts`); every position is
    still, bit for bit, the one `_force_layout` gives the component alone."""
    import math
    import random

    import numpy as np

    from kg.viz import _force_layout, _force_layouts

    r = random.Random(4)
    for m in (2, 3, 9, 40):
        runs = []
        for seed in range(12):
            edges = sorted({(a, b, r.choice([1.0, 0.35])) for a, b in
                            ((r.randrange(m), r.randrange(m)) for _ in range(m + 2)) if a < b} | {(0, 1, 1.0)})
            rng = np.random.default_rng(seed)
            x = (rng.random(m) - 0.5) * math.sqrt(m) * 2.0
            y = (rng.random(m) - 0.5) * math.sqrt(m) * 2.0
            runs.append((edges, seed, x, y))
        assert _force_layouts(m, [(e, x, y) for e, _, x, y in runs]) == [_force_layout(m, e, s) for e, s, _, _ in runs]


def test_layout_without_numpy(monkeypatch):
    # numpy comes with the extras, not with kg itself: without it the page still gets a layout
    monkeypatch.setitem(__import__("sys").modules, "numpy", None)
    g = small_graph()
    pos = layout_positions(g)
    assert set(pos) == set(g) and len(set(pos.values())) == len(pos)
    assert data_of(render_html(g))["nodes"][0]["x"] == pos[sorted(g)[0]][0]


def test_unknown_kind_gets_a_style():
    g = nx.MultiDiGraph()
    g.add_node("kgid:thing/x", kind="Thing", name="x")
    data = data_of(render_html(g))
    assert data["nodes"][0]["kind"] == "Other" and data["kinds"][-1]["kind"] == "Other"


def test_empty_graph_renders():
    data = data_of(render_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == []


TTL = """\
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix kg: <https://w3id.org/kgzh/ns#> .
<https://w3id.org/kgzh/id/article/t/0> a schema:NewsArticle ;
    schema:headline "韦韬主持召开市委常委会会议"@zh ; dcterms:source "seeds/t.txt#char=0,100" ;
    schema:mentions <https://w3id.org/kgzh/id/person/韦韬>, <https://w3id.org/kgzh/id/org/中共太原市委> .
<https://w3id.org/kgzh/id/person/韦韬> a schema:Person ; schema:name "韦韬"@zh ;
    schema:alternateName "韦书记"@zh ; schema:jobTitle "市委书记"@zh ;
    schema:worksFor <https://w3id.org/kgzh/id/org/中共太原市委> .
<https://w3id.org/kgzh/id/org/中共太原市委> a schema:Organization ; schema:name "中共太原市委"@zh .
<https://w3id.org/kgzh/id/stmt/1> a rdf:Statement ;
    rdf:subject <https://w3id.org/kgzh/id/person/韦韬> ; rdf:predicate schema:worksFor ;
    rdf:object <https://w3id.org/kgzh/id/org/中共太原市委> ; kg:confidence 0.9 ; kg:rule "title-before-name" ;
    kg:evidence <https://w3id.org/kgzh/id/stmt/1/1> .
<https://w3id.org/kgzh/id/stmt/1/1> a kg:Evidence ; kg:sentence "市委书记韦韬主持会议。"@zh ;
    dcterms:source "seeds/t.txt#char=10,30" .
"""


def test_kg_viz_command(tmp_path, monkeypatch, capsys):
    from kg.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.ttl").write_text(TTL, encoding="utf-8")
    assert main(["viz", "g.ttl", "-o", "view/g.html", "--top", "5", "-q"]) == 0
    page = (tmp_path / "view" / "g.html").read_text(encoding="utf-8")
    data = data_of(page)
    assert {n["name"] for n in data["nodes"]} == {"韦韬", "中共太原市委"}
    assert data["edges"][0]["evidence"][0]["sentence"] == "市委书记韦韬主持会议。"
    assert not (tmp_path / "lib").exists()
    assert main(["viz", "g.ttl", "-o", "f.html", "--focus", "韦书记", "--hops", "1", "-q"]) == 0
    assert main(["viz", "g.ttl", "-o", "x.html", "--focus", "张三"]) == GraphError.exit_code
    assert "张三" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_kg_viz_help_has_an_example(capsys):
    from kg.cli import main

    with pytest.raises(SystemExit):
        main(["viz", "--help"])
    assert "kg viz graphs/graph.ttl -o" in capsys.readouterr().out
