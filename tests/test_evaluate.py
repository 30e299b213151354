"""Tests of kg.evaluate: every rule of the graph scorer on a hand-made graph, agreement with the
referee scorer, and the NER scorer on hand-made CLUENER lines."""

import importlib.util
import json
import random
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.cli import main
from kg.errors import GraphError, InputError, KGError
from kg.evaluate import PRF, read_gold, score_graph, score_ner, title_matches

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
GRAPH = FIXTURES / "graph.ttl"
GOLD = FIXTURES / "gold.json"
SHARED = Path(__file__).resolve().parents[2] / "shared"
REFEREE = SHARED / "eval" / "score.py"

SDO = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
EX = Namespace("https://example.org/id/")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

# the referee reads graphs with rdflib's Dataset, which warns about its own deprecated internals
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def report():
    return score_graph(GRAPH, GOLD)


def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


def fixture_graph():
    g = Graph()
    g.parse(GRAPH, format="turtle")
    return g


# --------------------------------------------------------------------------- the graph scorer


@pytest.mark.parametrize("kind, tp, fp, fn", [
    ("Person", 5, 1, 1),  # 周九 not in the gold; 孙八 only on a page whose name merely starts like page_a
    ("Organization", 5, 2, 1),  # a second 县医院 node; 某某委员会; the 甲/乙 merge scores one of them
    ("Place", 5, 0, 1),  # 運河市 is optional on page_b; 西村 is missed
])
def test_entity_counts(report, kind, tp, fp, fn):
    assert report.entities[kind] == PRF(tp, fp, fn)
    assert report[kind]["tp"] == tp


def test_pages_found_by_file_name_in_source(report):
    assert (report.docs_found, report.docs) == (2, 2)
    assert "page_a 孙八" in report.errors["Person missed"]  # page_ab.txt is not page_a


def test_optional_entity_gives_neither_credit_nor_blame(report):
    listed = [x for k, v in report.errors.items() for x in v]
    assert not any("钱七" in x for x in listed)


def test_optional_on_one_page_only():
    # 运河市 is required on page_a, optional on page_b: dropping it from page_a's article costs a miss
    g = fixture_graph()
    g.remove((EX.art_a0, SDO.mentions, EX.l_yun))
    r = score_graph(g, gold())
    assert r.entities["Place"] == PRF(4, 0, 2)
    assert "page_a 运河市" in r.errors["Place missed"]


def test_duplicate_node_is_a_false_positive(report):
    assert report.errors["Organization duplicate nodes"] == ("page_a 绛北县人民医院",)


def test_hospital_typed_as_building_counts_as_organization_only(report):
    assert not any("医院" in x for x in report.errors.get("Place false positives", ()))


def test_names_are_compared_after_nfkc_and_whitespace_removal(report):
    # page_b's person is written "张 三" and still matches 张三
    assert not any("张" in x for x in report.errors.get("Person false positives", ()))


@pytest.mark.parametrize("gold_title, predicted, ok", [
    ("县委书记", "县委书记", True),
    ("副局长", "县卫健局副局长", True),  # a qualifier before the post
    ("县长", "副县长", False),  # a deputy is not the post
    ("书记", "县委副书记", False),
    ("局长", "副局长", False),
    ("县长", "县长助理", False),
    ("常委", "县委常委", True),
])
def test_title_rule(gold_title, predicted, ok):
    assert title_matches(gold_title, predicted) is ok


def test_titles(report):
    assert report.titles == PRF(2, 2, 3)
    assert "page_a 王五:副县长" in report.errors["titles wrong"]  # 副县长 is not 县长
    assert "page_a 王五:县长" in report.errors["titles missed"]
    assert not any("领导" in x for x in report.errors["titles wrong"])  # an optional title


def test_events(report):
    ev = report.events
    assert (ev.found, ev.gold) == (3, 4)
    assert ev.recall == 0.75
    assert ev.organizer_recall == 0.5  # 四月会议's date is off by a day
    # the meeting takes the --03-05 event sharing both attendees, not the first one in IRI order
    assert ev.attendee_recall == 1.0
    assert report.errors["events missed"] == ("page_b 四月会议",)


def test_event_matched_by_month_day_only():
    g = fixture_graph()
    g.remove((EX.ev3, SDO.startDate, None))
    g.add((EX.ev3, SDO.startDate, Literal("2020-03-06", datatype=XSD_DATE)))  # the gold has no year
    assert score_graph(g, gold()).events.found == 3
    g.set((EX.ev3, SDO.startDate, Literal("2020-03-07", datatype=XSD_DATE)))
    assert score_graph(g, gold()).events.found == 2


def test_event_year_must_agree_when_both_have_one():
    g = fixture_graph()
    for ev in (EX.ev1, EX.ev2):
        g.set((ev, SDO.startDate, Literal("2020-03-05", datatype=XSD_DATE)))
    r = score_graph(g, gold())
    assert "page_a 县委常委会" in r.errors["events missed"]


def test_affiliations(report):
    # schema:worksFor, org:holds a post in the body, and an org:Membership all count
    assert (report.affiliations.found, report.affiliations.gold) == (3, 4)
    assert report.errors["affiliations missed"] == ("李四 -> 绛北县卫生健康局",)


def test_containment_is_transitive(report):
    # 绛北县 in 山川省 holds through 运河市 (and an http://schema.org/ edge)
    assert (report.containment.found, report.containment.gold) == (2, 3)
    g = fixture_graph()
    g.remove((EX.l_yun, SDO.containedInPlace, EX.l_shan))
    assert score_graph(g, gold()).containment.found == 1


def test_containment_cycle_terminates():
    g = fixture_graph()
    g.add((EX.l_shan, SDO.containedInPlace, EX.l_dong))
    assert score_graph(g, gold()).containment.found == 2


def test_splits_and_merges(report):
    r = report.resolution
    assert (r.cross_page_entities, r.splits, r.merges) == (4, 2, 1)
    assert set(report.errors["splits"]) == {"张三", "绛北县人民医院"}
    assert report.errors["merges"] == ("乙公司+甲公司",)


def test_summary_line(report):
    assert report.summary() == "SUMMARY entity_f1=0.837 title_f1=0.444 event_recall=0.750 splits=2 merges=1"
    assert report.to_text().splitlines()[-1] == report.summary()


def test_report_is_frozen(report):
    with pytest.raises(AttributeError):
        report.docs = 3
    with pytest.raises(TypeError):
        report.errors["splits"] = ()


def test_named_graphs_score_like_the_default_graph(tmp_path, report):
    ds = Dataset()
    named = ds.graph(URIRef("https://example.org/graph/1"))
    for t in fixture_graph():
        named.add(t)
    path = tmp_path / "graph.trig"
    ds.serialize(path, format="trig")
    assert score_graph(path, GOLD).to_dict() == report.to_dict()


def test_empty_graph_scores_zero():
    r = score_graph(Graph(), gold())
    assert r.docs_found == 0
    assert r.entities["Person"] == PRF(0, 0, 6)  # 张三 is on two pages
    assert r.events.found == 0 and r.affiliations.recall == 0.0


def test_bad_inputs(tmp_path):
    with pytest.raises(GraphError, match="no such file"):
        score_graph(tmp_path / "missing.ttl", GOLD)
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(GraphError, match="bad.ttl"):
        score_graph(bad, GOLD)
    with pytest.raises(InputError, match="containment"):
        read_gold({"docs": [], "entities": [], "events": [], "affiliations": []})
    notjson = tmp_path / "gold.json"
    notjson.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="not JSON"):
        read_gold(notjson)


def test_cli_eval(tmp_path, capsys):
    out = tmp_path / "report.json"
    assert main(["eval", str(GRAPH), "--gold", str(GOLD), "--json", str(out), "--show-errors"]) == 0
    text = capsys.readouterr().out
    assert "Organization duplicate nodes (1)" in text
    assert text.strip().splitlines()[-1].startswith("SUMMARY entity_f1=0.837")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["report"]["Place"]["tp"] == 5
    assert data["errors"]["merges"] == ["乙公司+甲公司"]


def test_cli_eval_error_exit(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "none.ttl"), "--gold", str(GOLD)]) == GraphError.exit_code
    assert "none.ttl" in capsys.readouterr().err


# --------------------------------------------------------------------------- agreement with the referee


def load_referee():
    spec = importlib.util.spec_from_file_location("referee_score", REFEREE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


needs_referee = pytest.mark.skipif(not REFEREE.exists(), reason="../shared/eval/score.py is not here")


def assert_agree(referee, graph, gold_data):
    expected, expected_errors = referee.score(graph, gold_data)
    got = score_graph(graph, gold_data)
    assert got.to_dict() == expected
    counts = {k: len(v) for k, v in expected_errors.items() if v}
    assert {k: len(v) for k, v in got.errors.items() if v} == counts


@needs_referee
def test_agrees_with_referee_on_the_fixture():
    referee = load_referee()
    assert_agree(referee, referee.load(str(GRAPH)), gold())


@needs_referee
@pytest.mark.parametrize("change", ["no-yun-edge", "no-ev3-date", "no-mentions-b"])
def test_agrees_with_referee_on_variants(change):
    g = fixture_graph()
    if change == "no-yun-edge":
        g.remove((EX.l_yun, SDO.containedInPlace, None))
    elif change == "no-ev3-date":
        g.remove((EX.ev3, SDO.startDate, None))
    else:
        g.remove((EX.art_b, None, None))
    assert_agree(load_referee(), g, gold())


# Random small golds and graphs over a tiny name pool, so names collide, nodes merge and split,
# dates half agree and containment loops: the two scorers must still give the same numbers.
_POOL = {"Person": ["甲一", "乙二", "丙三", "丁 四", "甲"], "Organization": ["一局", "二局", "局", "一局党组"],
         "Place": ["甲县", "乙县", "甲", "乙县"], "Event": []}
_TITLES = ["县长", "副县长", "书记", "副书记", "县委书记", "局长", "县卫健局副局长", "记者"]
_DATES = ["2021-03-05", "--03-05", "2020-03-05", "--03-06", "bogus", "2021-03-06"]
_GOLD_DATES = [None, "03-05", "2021-03-05", "2020-03-05", "03-06", "--03-05"]
_TYPES = {"Person": [SDO.Person], "Organization": [SDO.Organization, SDO.Hospital],
          "Place": [SDO.Place, SDO.AdministrativeArea, SDO.CivicStructure], "Event": [SDO.Event]}


def random_case(seed):
    rnd = random.Random(seed)
    docs = ["d0", "d1", "d2"]
    ents = []
    for i in range(rnd.randint(0, 12)):
        typ = rnd.choice(["Person", "Organization", "Place"])
        e = {"id": f"{typ[0]}:{i}", "type": typ, "names": rnd.sample(_POOL[typ], rnd.randint(1, 2)),
             "docs": rnd.sample(docs, rnd.randint(1, 3))}
        if rnd.random() < 0.2:
            e["optional"] = True
        if rnd.random() < 0.2:
            e["optional_docs"] = [rnd.choice(e["docs"])]
        if typ == "Person" and rnd.random() < 0.6:
            e["titles"] = rnd.sample(_TITLES, rnd.randint(1, 2))
        if typ == "Person" and rnd.random() < 0.3:
            e["optional_titles"] = [rnd.choice(_TITLES)]
        ents.append(e)
    ids = {t: [e["id"] for e in ents if e["type"] == t] for t in ("Person", "Organization", "Place")}
    events = []
    for _ in range(rnd.randint(0, 4)):
        people = ids["Person"] + ids["Organization"]
        events.append({"doc": rnd.choice(docs), "kind": "Meeting", "date": rnd.choice(_GOLD_DATES),
                       "organizer": rnd.choice(people) if people and rnd.random() < 0.5 else None,
                       "attendees": rnd.sample(people, min(len(people), rnd.randint(0, 3))), "name": "会"})
    pairs = lambda a, b, n: [[rnd.choice(ids[a]), rnd.choice(ids[b])] for _ in range(n)] if ids[a] and ids[b] else []  # noqa: E731
    gold_data = {"docs": docs, "entities": ents, "events": events,
                 "affiliations": pairs("Person", "Organization", rnd.randint(0, 3)),
                 "containment": pairs("Place", "Place", rnd.randint(0, 3))}

    g = Graph()
    nodes = {k: [] for k in _TYPES}
    for i in range(rnd.randint(0, 16)):
        kind = rnd.choice(list(_TYPES))
        node = EX[f"n{i}"]
        nodes[kind].append(node)
        for t in rnd.sample(_TYPES[kind], rnd.randint(1, len(_TYPES[kind]))):
            g.add((node, RDF.type, t))
        if rnd.random() < 0.3:
            g.add((node, RDF.type, SDO.Place))  # a second kind: precedence decides
        for name in rnd.sample(_POOL[kind], min(len(_POOL[kind]), rnd.randint(0, 2))):
            g.add((node, rnd.choice([SDO.name, SDO.alternateName, RDFS.label]), Literal(name, lang="zh")))
        if kind == "Person":
            for t in rnd.sample(_TITLES, rnd.randint(0, 2)):
                g.add((node, SDO.jobTitle, Literal(t, lang="zh")))
    for i, doc in enumerate(docs):
        for j in range(rnd.randint(0, 2)):
            art = EX[f"a{i}_{j}"]
            g.add((art, DCTERMS.source, Literal(f"corpus/{doc}.txt#char={j},9")))
            everything = [n for ns in nodes.values() for n in ns]
            for n in rnd.sample(everything, min(len(everything), rnd.randint(0, 10))):
                g.add((art, SDO.mentions, n))
    for ev in nodes["Event"]:
        if rnd.random() < 0.7:
            g.add((ev, SDO.startDate, Literal(rnd.choice(_DATES))))
        people = nodes["Person"] + nodes["Organization"]
        for n in rnd.sample(people, min(len(people), rnd.randint(0, 3))):
            g.add((ev, rnd.choice([SDO.organizer, SDO.attendee]), n))
    for p in nodes["Person"]:
        for o in nodes["Organization"]:
            r = rnd.random()
            if r < 0.15:
                g.add((p, SDO.worksFor, o))
            elif r < 0.25:
                post = EX[f"post_{p.split('/')[-1]}_{o.split('/')[-1]}"]
                g.add((p, ORG.holds, post))
                g.add((post, ORG.postIn, o))
    for a in nodes["Place"]:
        for b in nodes["Place"]:
            if rnd.random() < 0.2:
                g.add((a, SDO.containedInPlace, b))
    return g, gold_data


@needs_referee
def test_agrees_with_referee_on_random_cases():
    referee = load_referee()
    for seed in range(300):
        g, gold_data = random_case(seed)
        try:
            assert_agree(referee, g, gold_data)
        except AssertionError as exc:
            raise AssertionError(f"the scorers disagree on random case {seed}") from exc


# --------------------------------------------------------------------------- the NER scorer

# CLUENER lines: spans with INCLUSIVE ends, as the CLUENER2020 files have them.
CLUENER = [
    # 浙0江1省2长3李4明5在6杭7州8市9政10府11讲12话13
    {"text": "浙江省长李明在杭州市政府讲话",
     "label": {"address": {"浙江": [[0, 1]]}, "position": {"省长": [[2, 3]]}, "name": {"李明": [[4, 5]]},
               "government": {"杭州市政府": [[7, 11]]}}},
    # 叶0老1桂2在3浙4商5银6行7工8作9，10玩11了12C13S14O15L16
    {"text": "叶老桂在浙商银行工作，玩了CSOL",
     "label": {"name": {"叶老桂": [[0, 2]]}, "company": {"浙商银行": [[4, 7]]}, "game": {"CSOL": [[13, 16]]}}},
    # 王0小1明2去3了4北5京6
    {"text": "王小明去了北京", "label": {"name": {"王小明": [[0, 2]]}, "address": {"北京": [[5, 6]]}}},
]


def m(text, start, end, typ):
    """A `kg ner` mention: EXCLUSIVE end."""
    return {"start": start, "end": end, "text": text[start:end], "type": typ}


def kg_ner_lines():
    t1, t2, t3 = (c["text"] for c in CLUENER)
    return [
        {"text": t1, "mentions": [m(t1, 0, 3, "place"), m(t1, 2, 4, "position"), m(t1, 4, 6, "person"),
                                  m(t1, 7, 12, "organization")]},
        {"text": t2, "mentions": [m(t2, 0, 3, "person"), m(t2, 4, 8, "place"), m(t2, 13, 17, "organization"),
                                  m(t2, 8, 10, "event")]},
        {"text": t3, "mentions": [m(t3, 0, 2, "person"), m(t3, 3, 5, "organization")]},
    ]


def test_cluener_fixture_has_inclusive_ends():
    for line in CLUENER:
        for spans in line["label"].values():
            for entity, positions in spans.items():
                for s, e in positions:
                    assert line["text"][s:e + 1] == entity


@pytest.fixture(scope="module")
def ner_report():
    preds = [json.dumps(x, ensure_ascii=False) for x in kg_ner_lines()]
    golds = [json.dumps(x, ensure_ascii=False) for x in CLUENER]
    return score_ner(preds, golds)


@pytest.mark.parametrize("typ, tp, fp, fn", [
    ("person", 2, 1, 1),  # 王小 for 王小明: one fp and one fn
    ("organization", 1, 1, 1),  # 浙商银行 typed place; 去了 spurious
    ("place", 0, 2, 2),  # 浙江省 for 浙江 (boundary), 浙商银行; 北京 missed
    ("position", 1, 0, 0),
])
def test_ner_counts(ner_report, typ, tp, fp, fn):
    assert ner_report.types[typ] == PRF(tp, fp, fn)


def test_ner_overall_is_micro(ner_report):
    assert ner_report.overall == PRF(4, 4, 4)
    assert ner_report.sentences == 3


def test_ner_unscored_labels_and_events_are_ignored(ner_report):
    # CSOL is a CLUENER game and 工作 a kg event: neither counts
    assert ner_report.ignored == 2


@pytest.mark.parametrize("error_class, needle", [
    ("place boundary", "浙江省"),
    ("person boundary", "王小"),
    ("wrong type: organization as place", "浙商银行"),
    ("place missed", "北京"),
    ("organization spurious", "去了"),
])
def test_ner_error_classes(ner_report, error_class, needle):
    (example,) = ner_report.errors[error_class]
    assert needle in example


def test_ner_a_boundary_error_is_not_also_a_miss(ner_report):
    assert "organization missed" not in ner_report.errors
    assert "person missed" not in ner_report.errors


def test_ner_unlabeled_repeat_is_a_false_positive_of_its_own_class():
    text = "李明说李明来了"
    gold_line = {"text": text, "label": {"name": {"李明": [[0, 1]]}}}  # only the first occurrence labeled
    pred = {"text": text, "mentions": [m(text, 0, 2, "person"), m(text, 3, 5, "person")]}
    r = score_ner([pred], [gold_line])
    assert r.types["person"] == PRF(1, 1, 0)
    assert len(r.errors["person unlabeled repeat"]) == 1


def test_ner_lines_must_align():
    preds = kg_ner_lines()
    with pytest.raises(KGError, match="2 lines and the gold 3"):
        score_ner(preds[:2], CLUENER)
    preds[1] = dict(preds[1], text="别的句子")
    with pytest.raises(KGError, match="line 2: the texts differ"):
        score_ner(preds, CLUENER)


def test_ner_rejects_bad_json():
    with pytest.raises(InputError, match="line 1 is not JSON"):
        score_ner(["{"], ['{"text": "x", "label": {}}'])


def test_cli_eval_ner(tmp_path, capsys):
    pred = tmp_path / "pred.jsonl"
    goldf = tmp_path / "gold.json"
    pred.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in kg_ner_lines()), encoding="utf-8")
    goldf.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in CLUENER), encoding="utf-8")
    assert main(["eval-ner", str(pred), "--gold", str(goldf), "--show-errors"]) == 0
    out = capsys.readouterr().out
    assert "wrong type: organization as place (1)" in out
    assert out.strip().splitlines()[-1].startswith("SUMMARY ner_f1=0.500")
