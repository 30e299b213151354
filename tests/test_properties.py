"""Property tests: offsets slice the original text, and graphs survive a Turtle round trip."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.ingest import Page
from kg.pipeline import extract_page, extract_text_mentions
from kg.rdf import build_rdf, iri

CHINESE = st.text(alphabet=st.sampled_from(list("县委书记王宏伟主持召开会议市长副局长卫健委石家庄太原阳曲县镇村、，。 \n　１２３年月日记者摄<>&\"'")),
                  max_size=80)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(CHINESE, st.text(max_size=60)))
def test_mentions_slice_the_original_text(text):
    for m in extract_text_mentions(text):
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start : m.end] == m.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(CHINESE, st.text(max_size=80)))
def test_pages_never_crash_and_round_trip_through_turtle(text):
    facts = extract_page(Page.from_text(text, "t/x.txt"))
    for af in facts:
        for r in af.relations:
            if r.evidence:
                assert 0 <= r.evidence.start <= r.evidence.end <= len(text)
    g = build_rdf(list(facts))
    back = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert isomorphic(g, back)


@given(st.text(min_size=1, max_size=30))
def test_any_name_makes_a_valid_iri(name):
    for kind in ("person", "org", "place"):
        u = iri(f"{kind}:{name}")
        assert not any(c in str(u) for c in ' <>"{}|\\^`\n\t')
        g = Graph()
        from rdflib import RDF, Namespace
        g.add((u, RDF.type, Namespace("https://schema.org/").Person))
        assert isomorphic(g, Graph().parse(data=g.serialize(format="turtle"), format="turtle"))
