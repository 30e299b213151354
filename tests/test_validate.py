"""Tests of the SHACL shapes and `kg validate`: the fixture conforms, broken graphs are rejected
with a readable line naming the focus node, the path and the reason."""

from pathlib import Path

import pytest
import rdflib

from kg.cli import main
from kg.errors import ValidationError
from kg.sparql import ONTOLOGY, SHAPES, check_valid, format_violation, validate_graph

FIXTURE = Path(__file__).parent / "fixtures" / "graph_small.ttl"
REAL_GRAPH = Path(__file__).resolve().parents[1] / "graphs" / "graph.ttl"

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def broken(tmp_path, old, new):
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "broken.ttl"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_shapes_and_ontology_parse():
    shapes = rdflib.Graph().parse(SHAPES)
    onto = rdflib.Graph().parse(ONTOLOGY)
    kg = rdflib.Namespace("https://w3id.org/kgzh/ns#")
    for kind in ("Meeting", "Inspection", "Visit", "Donation", "PressConference", "Drill"):
        assert (kg[kind], rdflib.RDFS.subClassOf, rdflib.URIRef("https://schema.org/Event")) in onto
    for term in set(onto.subjects(rdflib.RDF.type, None)):
        if str(term).startswith(str(kg)):
            langs = {l.language for l in onto.objects(term, rdflib.RDFS.label)}
            assert {"zh", "en"} <= langs, term
            assert onto.value(term, rdflib.RDFS.comment) is not None, term
    assert len(shapes) > 100


def test_fixture_conforms():
    assert validate_graph(FIXTURE) == []
    check_valid(FIXTURE)


BROKEN_CASES = [
    # a Person with no schema:name
    ('schema:name "刘晓东"@zh ;', "", "kgid:person/刘晓东", "schema:name", "exactly one schema:name"),
    # an IRI where a literal belongs
    ('schema:name "韦韬"@zh ;', "schema:name kgid:place\\/太原市 ;", "kgid:person/韦韬", "schema:name",
     "a literal"),
    # a name without the @zh tag
    ('schema:name "阳曲县"@zh ;', 'schema:name "阳曲县" ;', "kgid:place/阳曲县", "schema:name", "@zh"),
    # a startDate that is not a date
    ('schema:startDate "2021-11-30"^^xsd:date ;', 'schema:startDate "2021年11月30日" ;',
     "kgid:event/001_test/35", "schema:startDate", "xsd:date"),
    ('schema:startDate "2021-12-02"^^xsd:date ;', 'schema:startDate "2021-13-45"^^xsd:date ;',
     "kgid:event/002_test/410", "schema:startDate", "xsd:date"),
    # an article without dcterms:source
    ('dcterms:source "seeds/002_test.txt#char=0,905" ;', "", "kgid:article/002_test/0",
     "dcterms:source", "dcterms:source"),
    # an absolute path in dcterms:source
    ('dcterms:source "seeds/001_test.txt#char=640,1210" ;',
     'dcterms:source "/home/me/seeds/001_test.txt#char=640,1210" ;', "kgid:article/001_test/640",
     "dcterms:source", "absolute path"),
    # an organizer that is a literal
    ("schema:organizer kgid:person\\/王宏伟 ;", 'schema:organizer "王宏伟"@zh ;',
     "kgid:event/002_test/410", "schema:organizer", "schema:Person"),
    # an event kind without the contract's base class
    ("kgid:event\\/002_test\\/22 a schema:Event, kg:Inspection ;", "kgid:event\\/002_test\\/22 a kg:Inspection ;",
     "kgid:event/002_test/22", "rdf:type", "schema:Event"),
    # a place contained in something that is not a place
    ("schema:containedInPlace kgid:place\\/阳曲县 .", "schema:containedInPlace kgid:org\\/中共阳曲县委 .",
     "kgid:place/黄寨镇", "schema:containedInPlace", "schema:Place"),
    # bad admin level and adcode
    ('kg:adminLevel "county" ;', 'kg:adminLevel "县" ;', "kgid:place/阳曲县", "kg:adminLevel", "county"),
    ('kg:adcode "140122" ;', 'kg:adcode 140122 ;', "kgid:place/阳曲县", "kg:adcode", "digits"),
    # evidence and co-occurrence
    ("kg:confidence 0.95 ;", "kg:confidence 1.5 ;", "kgid:stmt/0e77a2d4c3b1f590", "kg:confidence",
     "between 0 and 1"),
    ("kg:participant kgid:person\\/李俊明, kgid:person\\/王宏伟 ;", "kg:participant kgid:person\\/李俊明 ;",
     "kgid:cooc/e4b7290d1c6f8a53", "kg:participant", "two"),
    ("kg:weight 3 ;", 'kg:weight "3" ;', "kgid:cooc/1d5e8a90c7f3b246", "kg:weight", "integer"),
    ("kgid:cooc\\/7f20b3c1e9d4a658 a kg:CoOccurrence, kg:FrequentCoOccurrence ;",
     "kgid:cooc\\/7f20b3c1e9d4a658 a kg:FrequentCoOccurrence ;", "kgid:cooc/7f20b3c1e9d4a658", "",
     "also typed kg:CoOccurrence"),
    # an assertion with evidence but no article; a misspelled admin level
    ("""    prov:wasDerivedFrom kgid:article\\/001_test\\/0 ;
    kg:evidence kgid:stmt\\/9a41d8e26f0b7c35\\/1 .""", "    kg:evidence kgid:stmt\\/9a41d8e26f0b7c35\\/1 .",
     "kgid:stmt/9a41d8e26f0b7c35", "", "must be prov:wasDerivedFrom an article"),
    # a mentioned node without a base class
    ("kgid:person\\/李俊明 a schema:Person ;", "kgid:person\\/李俊明 a schema:Thing ;",
     "kgid:person/李俊明", "", "mentioned node"),
]


@pytest.mark.parametrize("old, new, focus, path, message", BROKEN_CASES,
                         ids=[c[3] or c[4] for c in BROKEN_CASES])
def test_broken_graph_is_rejected(tmp_path, old, new, focus, path, message):
    graph = broken(tmp_path, old, new)
    found = [v for v in validate_graph(graph) if v.severity == "Violation"]
    assert any(v.focus == focus and v.path == path and message in v.message for v in found), (
        [format_violation(v) for v in found])
    with pytest.raises(ValidationError, match="broken.ttl"):
        check_valid(graph)


def test_knowledge_from_outside_the_text_needs_no_article(tmp_path):
    graph = broken(tmp_path, """kg:rule "gazetteer" ; kg:confidence 0.98 ; kg:evidenceCount 1 ;
    prov:wasDerivedFrom kgid:article\\/002_test\\/0 ;""", 'kg:rule "gazetteer" ; kg:confidence 0.98 ; kg:evidenceCount 0 ;')
    assert validate_graph(graph) == []


def test_cli_validate_ok(capsys):
    assert main(["validate", str(FIXTURE)]) == 0
    assert "conforms" in capsys.readouterr().out


def test_cli_validate_prints_one_line_per_violation(tmp_path, capsys):
    graph = broken(tmp_path, 'schema:name "刘晓东"@zh ;', "")
    graph.write_text(graph.read_text(encoding="utf-8").replace(
        'schema:startDate "2021-11-30"^^xsd:date ;', 'schema:startDate "昨天" ;'), encoding="utf-8")
    assert main(["validate", str(graph)]) == ValidationError.exit_code
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert "Violation kgid:person/刘晓东 schema:name: needs exactly one schema:name, a literal tagged @zh" in lines
    assert any(line.startswith("Violation kgid:event/001_test/35 schema:startDate: ") and '"昨天"' in line
               for line in lines)
    assert "2 SHACL violation(s)" in captured.err


def test_warning_does_not_fail(tmp_path, capsys):
    graph = broken(tmp_path, 'schema:name "市委常委会会议"@zh ;', "")
    assert main(["validate", str(graph)]) == 0
    out = capsys.readouterr().out
    assert "Warning kgid:event/001_test/668 schema:name:" in out and "1 warning(s)" in out


@pytest.mark.skipif(not REAL_GRAPH.exists(), reason="graphs/graph.ttl is not built yet")
def test_real_graph_conforms():
    violations = [format_violation(v) for v in validate_graph(REAL_GRAPH) if v.severity == "Violation"]
    assert violations == []
