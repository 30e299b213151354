"""End to end on seeds/: the committed graph equals a fresh build, and says what the pages say."""

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace

ROOT = Path(__file__).resolve().parents[1]
SDO = Namespace("https://schema.org/")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    out = tmp_path_factory.mktemp("graphs")
    subprocess.run([sys.executable, "-m", "kg", "build", "seeds", "-o", str(out), "-q", "-j", "2"],
                   cwd=ROOT, check=True)
    return out


def test_committed_graphs_equal_a_fresh_build(fresh):
    for name in ("graph.ttl", "graph.json", "graph.graphml", "graph.html"):
        assert filecmp.cmp(fresh / name, ROOT / "graphs" / name, shallow=False), f"graphs/{name} is stale: run scripts/build-seeds"


def test_build_is_deterministic_across_jobs_and_hash_seeds(fresh, tmp_path):
    env = {"PYTHONHASHSEED": "123", "PATH": "/usr/bin:/bin", "LC_ALL": "C"}
    subprocess.run([sys.executable, "-m", "kg", "build", "seeds", "-o", str(tmp_path), "-q", "-j", "1"],
                   cwd=ROOT, check=True, env=env)
    assert (tmp_path / "graph.ttl").read_bytes() == (fresh / "graph.ttl").read_bytes()


@pytest.fixture(scope="module")
def graph(fresh):
    return Graph().parse(fresh / "graph.ttl")


def node(graph, name):
    hits = list(graph.subjects(SDO.name, Literal(name, lang="zh")))
    assert hits, f"no node named {name}"
    return hits[0]


def test_weitao_chairs_meetings(graph):
    wt = node(graph, "韦韬")
    meetings = list(graph.subjects(SDO.organizer, wt))
    assert len(meetings) >= 2
    assert {"省委常委", "市委书记"} <= {str(t) for t in graph.objects(wt, SDO.jobTitle)}


def test_county_head_holds_both_posts(graph):
    assert {"县委副书记", "县长"} <= {str(t) for t in graph.objects(node(graph, "薛玉马"), SDO.jobTitle)}


def test_relative_agency_names_resolve_to_the_papers_city(graph):
    assert node(graph, "石家庄市卫生健康委员会") != node(graph, "太原市卫生健康委员会")


def test_containment_through_the_gazetteer(graph):
    assert (node(graph, "阳曲县"), SDO.containedInPlace, node(graph, "太原市")) in graph


def test_every_article_has_a_relative_source(graph):
    from rdflib.namespace import DCTERMS

    sources = [str(o) for o in graph.objects(None, DCTERMS.source)]
    assert sources and all(s.startswith("seeds/") for s in sources)
