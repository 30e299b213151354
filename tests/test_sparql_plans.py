"""Plans (kg/queries/NAME+PARAM.rq, NAME-PARAM.rq) answer exactly what their query answers, and a Store's reuse of
earlier results never returns stale or shared rows."""

from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.sparql import QUERY_DIR, Store, named_queries

ROOT = Path(__file__).resolve().parents[1]
GRAPHS = [ROOT / "tests" / "fixtures" / "graph_small.ttl", ROOT / "graphs" / "graph.ttl"]


@pytest.fixture(scope="module", params=[g for g in GRAPHS if g.exists()], ids=lambda p: p.name)
def store(request):
    return Store.load(request.param, cache=False)


def _names(store):
    return [r["n"] for r in store.query(
        "SELECT DISTINCT ?n WHERE { ?e <https://schema.org/name>|<https://schema.org/alternateName> ?n } ORDER BY ?n")]


def _value_sets(store, q, names):
    """Parameter values to try: every name (and alias) in the graph, with each optional value."""
    objects = [r["o"] for r in store.query(
        "SELECT DISTINCT ?o WHERE { ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?x . "
        "OPTIONAL { ?x <https://schema.org/name> ?n } BIND(STR(COALESCE(?n, ?x)) AS ?o) } ORDER BY ?o LIMIT 40")]
    predicates = [r["p"] for r in store.query(
        "SELECT DISTINCT ?p WHERE { ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p } ORDER BY ?p")]
    declared = {p.name for p in q.params}
    if not any(p.required for p in q.params):  # the whole graph, where plans for absent names apply
        yield {}
        if "min_weight" in declared:
            for weight in ("2", "3", "1000"):
                yield {"min_weight": weight}
    for name in names:
        yield {"name": name}
        if "min_weight" in declared:
            yield {"name": name, "min_weight": "2"}
        if "predicate" in declared:
            for p in predicates:
                yield {"name": name, "predicate": p}
    if "object" in declared:
        for name in names[:60]:
            for o in objects:
                yield {"name": name, "object": o}
                yield {"name": name, "object": o, "predicate": predicates[0]}


def test_there_are_plans():
    plans = {name: q.plans for name, q in named_queries().items() if q.plans}
    assert set(plans) >= {"top_cooccurrence", "meeting_partners", "relation_evidence"}
    assert not any("+" in name or "-" in name for name in named_queries())
    top = named_queries()["top_cooccurrence"]
    assert top.text_for({"min_weight": 1}) != top.text != top.text_for({"name": "x", "min_weight": 1})


def test_a_plan_for_an_absent_parameter_is_picked_only_without_it(tmp_path):
    (tmp_path / "q.rq").write_text("# param: name (zh, optional) x\nSELECT * WHERE { ?s ?p ?o }\n")
    (tmp_path / "q-name.rq").write_text("SELECT * WHERE { ?s a ?o }\n")
    (tmp_path / "q+name.rq").write_text("SELECT * WHERE { ?s ?p ?name }\n")
    q = named_queries(tmp_path)["q"]
    assert q.text_for({}) == "SELECT * WHERE { ?s a ?o }\n"
    assert q.text_for({"name": "x"}) == "SELECT * WHERE { ?s ?p ?name }\n"
    (tmp_path / "q-colour.rq").write_text("SELECT * WHERE { ?s ?p ?colour }\n")
    with pytest.raises(QueryError, match="does not declare"):
        named_queries(tmp_path)


@pytest.mark.parametrize("name", sorted(n for n, q in named_queries().items() if q.plans))
def test_plans_answer_what_the_query_answers(store, name):
    q = named_queries()[name]
    names = _names(store)
    checked = nonempty = 0
    for values in _value_sets(store, q, names):
        binds = q.bindings(values)
        plan = q.text_for(binds)
        if plan == q.text:
            continue
        expected = store.query(q.text, **binds)
        assert store.query(plan, **binds) == expected, (name, values)
        checked += 1
        nonempty += bool(expected)
    assert checked and nonempty, name


def test_a_plan_for_an_undeclared_parameter_is_refused(tmp_path):
    (tmp_path / "q.rq").write_text("# param: name (zh, required) x\nSELECT * WHERE { ?s ?p ?name }\n")
    (tmp_path / "q+colour.rq").write_text("SELECT * WHERE { ?s ?p ?colour }\n")
    with pytest.raises(QueryError, match="does not declare"):
        named_queries(tmp_path)


def test_named_queries_reread_changed_files(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("# description: one\nSELECT * WHERE { ?s ?p ?o }\n")
    assert named_queries(tmp_path)["q"].description == "one"
    path.write_text("# description: two, longer\nSELECT * WHERE { ?s ?p ?o }\n")
    assert named_queries(tmp_path)["q"].description == "two, longer"
    assert named_queries(QUERY_DIR).keys() == named_queries().keys()


# ---- results reused while the store is unchanged ------------------------------------------------

FIXTURE = GRAPHS[0]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_repeated_queries_give_equal_but_separate_rows():
    store = Store.load(FIXTURE)
    first = store.named("meeting_partners")
    first[0]["personName"] = "changed"
    first.append({})
    again = store.named("meeting_partners")
    assert again == Store.load(FIXTURE, cache=False).named("meeting_partners")
    assert again[0]["personName"] != "changed"


def test_results_are_not_reused_once_the_store_changes(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text("<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n")
    store = Store.load(FIXTURE)
    n = store.query(COUNT)[0]["n"]
    store.add_file(extra)
    assert store.query(COUNT)[0]["n"] == n + 1
    import pyoxigraph as ox

    store.oxigraph.add(ox.Quad(ox.NamedNode("http://a.example/s2"), ox.NamedNode("http://a.example/p"),
                               ox.NamedNode("http://a.example/o")))
    assert store.query(COUNT)[0]["n"] == n + 2  # whoever holds the raw store turns reuse off


def test_parameters_are_part_of_what_is_reused():
    store = Store.load(FIXTURE)
    a = store.named("person_meetings", name="韦韬")
    b = store.named("person_meetings", name="李俊明")
    assert a != b and store.named("person_meetings", name="韦韬") == a


def test_large_results_are_not_kept(monkeypatch):
    import kg.sparql as sparql

    monkeypatch.setattr(sparql, "_RESULT_CACHE_CELLS", 40)
    store = Store.load(FIXTURE)
    store.query("SELECT * WHERE { ?s ?p ?o }")
    assert store._results == {}
    store.query(COUNT)
    assert len(store._results) == 1 and store._cells == 1


@pytest.mark.parametrize("path", [g for g in GRAPHS if g.exists()], ids=lambda p: p.name)
def test_the_heaviest_pairs_are_marked(path):
    """The build's kg:FrequentCoOccurrence marks are exactly kg.rdf.frequent_pairs of the weights,
    which is what top_cooccurrence-name.rq relies on."""
    from kg.rdf import TOP_PAIRS, frequent_pairs

    store = Store.load(path, cache=False)
    rows = store.query("SELECT ?c ?w (COUNT(DISTINCT ?e) AS ?n) WHERE { ?c a <https://w3id.org/kgzh/ns#CoOccurrence> ;"
                       " <https://w3id.org/kgzh/ns#weight> ?w ; <https://w3id.org/kgzh/ns#participant> ?e } GROUP BY ?c ?w")
    marked = {r["c"] for r in store.query(
        "SELECT ?c WHERE { ?c a <https://w3id.org/kgzh/ns#FrequentCoOccurrence> }")}
    assert marked == frequent_pairs((r["c"], r["w"]) for r in rows if r["n"] == 2)
    assert len(marked) >= min(TOP_PAIRS, len(rows))
