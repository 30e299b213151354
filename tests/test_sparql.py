"""Tests of kg.sparql and `kg query` / `kg export`: the store, safe parameters, every named query
on the hand-written fixture graph, and deterministic round-tripping exports."""

import json
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import to_isomorphic

from kg.cli import main
from kg.errors import GraphError, QueryError
from kg.sparql import (
    FORMATS,
    PROVENANCE_GRAPH,
    Store,
    bind_params,
    check_query,
    iri,
    literal,
    named_queries,
    read_query_file,
    serialize,
)

FIXTURE = Path(__file__).parent / "fixtures" / "graph_small.ttl"
REAL_GRAPH = Path(__file__).resolve().parents[1] / "graphs" / "graph.ttl"
KGID = "https://w3id.org/kgzh/id/"
SCHEMA = "https://schema.org/"

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def store():
    return Store.load(FIXTURE)


def pick(rows, *columns):
    return [tuple(row[c] for c in columns) for row in rows]


# ---- the store -------------------------------------------------------------------------------


def test_load_counts_triples(store):
    assert len(store) == len(rdflib.Graph().parse(FIXTURE))


def test_query_returns_plain_python_rows(store):
    rows = store.query(
        "PREFIX schema: <https://schema.org/> "
        "SELECT ?p ?n ?w WHERE { ?c <https://w3id.org/kgzh/ns#participant> ?p ; "
        "<https://w3id.org/kgzh/ns#weight> ?w . ?p schema:name ?n } ORDER BY DESC(?w) ?n LIMIT 2"
    )
    assert rows == [
        {"p": KGID + "person/张新伟", "n": "张新伟", "w": 3},
        {"p": KGID + "person/韦韬", "n": "韦韬", "w": 3},
    ]


def test_ask_and_construct(store):
    assert store.query("ASK { ?s a <https://schema.org/Event> }") == [{"result": True}]
    triples = store.query(
        "CONSTRUCT { ?e <https://schema.org/organizer> ?o } WHERE { ?e <https://schema.org/organizer> ?o }"
    )
    assert {t["object"] for t in triples} == {KGID + "person/韦韬", KGID + "person/王宏伟"}


def test_parameters_are_rdf_terms(store):
    q = "SELECT ?p WHERE { ?p <https://schema.org/name> ?n }"
    assert store.query(q, n=literal("韦韬", "zh")) == [{"p": KGID + "person/韦韬"}]
    assert store.query(q, n="韦韬") == []  # a plain string is not the @zh literal
    rows = store.query("SELECT ?n WHERE { ?p <https://schema.org/name> ?n }", p=iri("kgid:person/韦韬"))
    assert rows == [{"n": "韦韬"}]
    rows = store.query("SELECT ?n WHERE { ?p <https://schema.org/name> ?n }",
                       p=rdflib.URIRef(KGID + "person/王宏伟"))
    assert rows == [{"n": "王宏伟"}]


@pytest.mark.parametrize("evil", [
    '韦韬"@zh ) } } DROP ALL #',
    "韦韬'} ; INSERT DATA { <a> <b> <c> }",
    '"""\n} SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } #',
    "\\\" } } #",
])
def test_user_text_never_becomes_query_syntax(store, evil):
    before = len(store)
    assert store.named("person_meetings", name=evil) == []
    assert store.query("SELECT ?p WHERE { ?p ?q ?n }", n=evil) == []
    assert len(store) == before


def test_bind_params_values_block():
    text = bind_params("SELECT ?x WHERE { ?x ?p ?v }", {"v": literal("a", "zh")})
    assert 'VALUES (?v) { ("a"@zh) }' in text
    # the template of a CONSTRUCT is not the WHERE group
    text = bind_params("CONSTRUCT { ?x ?p ?v } WHERE { ?x ?p ?v }", {"v": literal(1)})
    assert text.startswith("CONSTRUCT { ?x ?p ?v } WHERE { VALUES")
    with pytest.raises(QueryError, match="bad parameter name"):
        bind_params("SELECT * WHERE { ?x ?p ?o }", {"o) {} #": literal("x")})


@pytest.mark.parametrize("query, word", [
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://example.org/x.ttl>", "LOAD"),
    ("clear default", "CLEAR"),
    ("DROP ALL", "DROP"),
    ("PREFIX s: <https://schema.org/> SELECT * WHERE { ?s ?p ?o } ; drop all", "DROP"),
])
def test_updates_are_refused(store, query, word):
    with pytest.raises(QueryError, match=f"Update \\({word}\\)"):
        store.query(query)


def test_service_is_refused_unless_allowed(store):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match="SERVICE"):
        store.query(q)
    assert check_query(q, allow_service=True) == "SELECT"


def test_keywords_inside_strings_iris_and_comments_are_fine(store):
    q = ('# DROP ALL, LOAD, SERVICE\nSELECT ?x WHERE { ?x <http://example.org/delete> "INSERT SERVICE" '
         "OPTIONAL { ?x <https://w3id.org/kgzh/ns#load> ?y } }")
    assert store.query(q) == []


def test_bad_query_is_a_one_line_query_error(store):
    with pytest.raises(QueryError) as info:
        store.query("SELECT ?x WHERE { ?x ?p }")
    assert "\n" not in str(info.value)


def test_missing_and_unknown_parameters(store):
    with pytest.raises(QueryError, match="missing parameter 'name'"):
        store.named("person_posts")
    with pytest.raises(QueryError, match="unknown parameter 'who'"):
        store.named("person_posts", name="韦韬", who="x")
    with pytest.raises(QueryError, match="not an xsd:integer"):
        store.named("top_cooccurrence", min_weight="three")
    with pytest.raises(QueryError, match="no named query"):
        store.named("nope")


def test_load_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(GraphError, match="bad.ttl: cannot parse"):
        Store.load(bad)
    with pytest.raises(GraphError, match="no such graph file"):
        Store.load(tmp_path / "missing.ttl")
    with pytest.raises(GraphError, match="unknown RDF format"):
        Store.load(bad.rename(tmp_path / "graph.txt"))


def test_dataframe(store):
    pytest.importorskip("pandas")
    df = store.dataframe(
        "SELECT ?name WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?name } ORDER BY ?name")
    assert list(df.columns) == ["name"]
    assert sorted(df["name"]) == sorted(["韦韬", "张新伟", "李俊明", "王宏伟", "刘晓东"])


# ---- named queries: each has expected rows on the fixture -------------------------------------

NAMED_CASES = [
    ("person_posts", {"name": "张新伟"}, ("title", "bodyName"),
     [("市委副书记", None), ("市长", "太原市人民政府")]),
    ("person_posts", {"name": "韦书记"}, ("person", "title", "body"),
     [(KGID + "person/韦韬", "市委书记", KGID + "org/中共太原市委")]),
    ("agency_officials", {"name": "太原市人民政府"}, ("personName", "title"), [("张新伟", "市长")]),
    ("agency_officials", {"name": "市卫健委"}, ("personName", "title"), [("李俊明", "市卫健委主任")]),
    ("person_meetings", {"name": "韦韬"}, ("meeting", "date", "role"), [
        ("市疫情防控工作领导小组第八十八次会议", "2021-11-30", "organizer"),
        ("市委常委会会议", "--12-02", "organizer"),
    ]),
    ("person_meetings", {"name": "李俊明", "role": "attendee"}, ("event", "date"), [
        (KGID + "event/001_test/35", "2021-11-30"),
        (KGID + "event/002_test/410", "2021-12-02"),
    ]),
    ("person_meetings", {"name": "李俊明", "role": "organizer"}, ("event",), []),
    ("meeting_partners", {"name": "韦韬"}, ("otherName", "meetings"), [("张新伟", 2), ("李俊明", 1)]),
    ("meeting_partners", {}, ("personName", "otherName", "meetings"), [
        ("张新伟", "韦韬", 2), ("韦韬", "张新伟", 2), ("张新伟", "李俊明", 1), ("李俊明", "张新伟", 1),
        ("李俊明", "王宏伟", 1), ("李俊明", "韦韬", 1), ("王宏伟", "李俊明", 1), ("韦韬", "李俊明", 1),
    ]),
    ("place_contents", {"name": "阳曲县"}, ("kind", "thingName", "where"), [
        ("Event", "山西晋阳药业有限公司向阳曲县人民医院捐赠防疫物资", "黄寨镇"),
        ("Event", "阳曲县疫情防控工作推进会", "阳曲县"),
        ("Event", "韦韬调研阳曲县疫情防控工作", "阳曲县"),
        ("Organization", "中共阳曲县委", "阳曲县"),
        ("Organization", "阳曲县人民医院", "黄寨镇"),
    ]),
    ("relation_evidence", {"name": "韦韬", "predicate": "schema:jobTitle", "object": "市委书记"},
     ("rule", "confidence", "source"), [
        ("title-before-name", 0.9, "seeds/001_test.txt#char=35,81"),
        ("title-before-name", 0.9, "seeds/001_test.txt#char=668,691"),
    ]),
    ("relation_evidence", {"name": "市疫情防控工作领导小组第八十八次会议"},
     ("predicate", "objectLabel", "sentence"), [
        (SCHEMA + "organizer", "韦韬", "11月30日，市委书记、市疫情防控工作领导小组组长韦韬主持召开领导小组第八十八次会议。"),
        (SCHEMA + "attendee", "张新伟", "市委副书记、市长张新伟，市卫健委主任李俊明参加会议。"),
    ]),
    ("relation_evidence", {"name": "阳曲县", "object": "太原市"}, ("predicate", "sentence"), [
        (SCHEMA + "containedInPlace", "12月1日，市委书记韦韬深入阳曲县调研疫情防控工作。"),
    ]),
    ("top_cooccurrence", {}, ("entityName", "otherName", "weight"), [
        ("张新伟", "韦韬", 3), ("中共太原市委", "韦韬", 2), ("王宏伟", "韦韬", 2), ("李俊明", "王宏伟", 1),
    ]),
    ("top_cooccurrence", {"name": "王宏伟"}, ("otherName", "weight"), [("韦韬", 2), ("李俊明", 1)]),
    ("top_cooccurrence", {"min_weight": "2", "name": "韦韬"}, ("otherName", "weight"), [
        ("张新伟", 3), ("中共太原市委", 2), ("王宏伟", 2),
    ]),
    ("entity_mentions", {"name": "张新伟"}, ("headline", "published"), [
        ("市疫情防控工作领导小组召开第八十八次会议", "2021-12-01"),
        ("韦韬主持召开市委常委会会议", "2021-12-03"),
    ]),
]


@pytest.mark.parametrize("name, params, columns, expected", NAMED_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(NAMED_CASES)])
def test_named_query(store, name, params, columns, expected):
    assert pick(store.named(name, **params), *columns) == expected


def test_every_named_query_is_tested_and_documented():
    queries = named_queries()
    assert {c[0] for c in NAMED_CASES} == set(queries)
    for q in queries.values():
        assert q.description, q.name
        assert all(p.help for p in q.params), q.name
    doc = (Path(__file__).resolve().parents[1] / "docs" / "sparql.md").read_text(encoding="utf-8")
    for name in queries:
        assert f"`{name}`" in doc, f"{name} missing from docs/sparql.md"


def test_named_queries_answer_the_same_on_a_trig_export(store, tmp_path):
    trig = tmp_path / "g.trig"
    trig.write_bytes(serialize(store, "trig"))
    other = Store.load(trig)
    for name, params, columns, expected in NAMED_CASES:
        assert pick(other.named(name, **params), *columns) == expected, name


def test_query_file_header_declares_parameters(tmp_path, store):
    path = tmp_path / "q.rq"
    path.write_text("# description: persons by name\n# param: n (zh, required) a name\n"
                    "SELECT ?p WHERE { ?p <https://schema.org/name> ?n }\n", encoding="utf-8")
    q = read_query_file(path)
    assert q.description == "persons by name" and q.params[0].kind == "zh"
    assert store.run(q, n="李俊明") == [{"p": KGID + "person/李俊明"}]


# ---- exports ---------------------------------------------------------------------------------


def _rdflib_triples(data, fmt):
    if fmt in ("trig", "nquads"):
        ds = rdflib.Dataset()
        ds.parse(data=data, format=fmt)
        g = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return rdflib.Graph().parse(data=data, format={"jsonld": "json-ld"}.get(fmt, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_round_trips_and_is_deterministic(store, fmt):
    data = serialize(store, fmt)
    assert data == serialize(Store.load(FIXTURE), fmt)
    source = rdflib.Graph().parse(FIXTURE)
    assert to_isomorphic(_rdflib_triples(data, fmt)) == to_isomorphic(source)


def test_export_of_an_export_is_identical(store, tmp_path):
    for fmt in FORMATS:
        first = serialize(store, fmt)
        path = tmp_path / ("g." + {"turtle": "ttl", "jsonld": "jsonld"}.get(fmt, fmt.replace("nquads", "nq")))
        path.write_bytes(first)
        assert serialize(Store.load(path), fmt) == first, fmt


def test_jsonld_context_maps_schema_to_https(store):
    doc = json.loads(serialize(store, "jsonld"))
    assert doc["@context"]["schema"] == "https://schema.org/"
    assert "@vocab" not in doc["@context"]
    g = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    assert (rdflib.URIRef(KGID + "person/韦韬"), rdflib.RDF.type, rdflib.URIRef(SCHEMA + "Person")) in g


@pytest.mark.parametrize("facts_graph", [None, "https://w3id.org/kgzh/graph/facts"])
def test_trig_splits_provenance_into_a_named_graph(store, facts_graph):
    ds = rdflib.Dataset()
    ds.parse(data=serialize(store, "nquads", facts_graph=facts_graph), format="nquads")
    prov = ds.graph(rdflib.URIRef(PROVENANCE_GRAPH))
    kg = rdflib.Namespace("https://w3id.org/kgzh/ns#")
    types = {o for o in prov.objects(None, rdflib.RDF.type)}
    assert types == {kg.Assertion, kg.Evidence, kg.CoOccurrence, kg.FrequentCoOccurrence, rdflib.RDF.Statement}
    facts = ds.graph(rdflib.URIRef(facts_graph)) if facts_graph else ds.default_graph
    assert (rdflib.URIRef(KGID + "event/001_test/35"), rdflib.URIRef(SCHEMA + "organizer"),
            rdflib.URIRef(KGID + "person/韦韬")) in facts
    assert not set(facts.subjects()) & set(prov.subjects())
    assert len(facts) + len(prov) == len(store)


# ---- the CLI ---------------------------------------------------------------------------------


def test_cli_query_named_table(capsys):
    assert main(["query", "--graph", str(FIXTURE), "--name", "person_meetings",
                 "--param", "name=韦韬", "--param", "role=organizer"]) == 0
    out = capsys.readouterr().out
    assert "市疫情防控工作领导小组第八十八次会议" in out and "kgid:person/韦韬" in out
    assert "(2 rows)" in out


def test_cli_query_text_csv_json(capsys):
    q = "SELECT ?n WHERE { ?p a <https://schema.org/Place> ; <https://schema.org/name> ?n } ORDER BY ?n"
    assert main(["query", q, "--graph", str(FIXTURE), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "太原市", "山西省", "阳曲县", "黄寨镇"]
    assert main(["query", "SELECT ?p WHERE { ?p <https://schema.org/name> ?n }", "-g", str(FIXTURE),
                 "-p", "n=黄寨镇@zh", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"p": KGID + "place/黄寨镇"}]


def test_cli_query_file_and_list(tmp_path, capsys):
    path = tmp_path / "q.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/kgzh/ns#Meeting> }", encoding="utf-8")
    assert main(["query", "--file", str(path), "-g", str(FIXTURE), "--format", "csv"]) == 0
    assert capsys.readouterr().out == "n\n3\n"
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for name in named_queries():
        assert name in out
    assert "--param name (zh, required)" in out


def test_cli_query_refuses_updates_and_service(capsys):
    assert main(["query", "DROP ALL", "-g", str(FIXTURE)]) == QueryError.exit_code
    assert "not allowed" in capsys.readouterr().err
    assert main(["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                 "-g", str(FIXTURE)]) == QueryError.exit_code
    assert "--allow-service" in capsys.readouterr().err


def test_cli_export(tmp_path, capsys):
    out = tmp_path / "g.nq"
    assert main(["export", str(FIXTURE), "--format", "nquads", "-o", str(out)]) == 0
    assert f"<{PROVENANCE_GRAPH}>" in out.read_text(encoding="utf-8")
    assert main(["export", str(FIXTURE), "--format", "turtle"]) == 0
    assert "@prefix schema: <https://schema.org/> ." in capsys.readouterr().out


@pytest.mark.skipif(not REAL_GRAPH.exists(), reason="graphs/graph.ttl is not built yet")
def test_cli_query_finds_meetings_wei_tao_organised(capsys):
    assert main(["query", "--graph", str(REAL_GRAPH), "--name", "person_meetings",
                 "--param", "name=韦韬", "--param", "role=organizer", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows, "no meetings organised by 韦韬 in graphs/graph.ttl"
    assert all(r["role"] == "organizer" for r in rows)
    assert all(r["date"] for r in rows)
