"""Accuracy: score a graph against a gold annotation of pages, and `kg ner` mentions against CLUENER spans.

Two scorers, both pure functions returning frozen reports:

- `score_graph(graph, gold)` follows the rules of the referee scorer described in
  GRAPH_CONTRACT.md ("How eval/score.py reads a graph") and gives the same numbers on the
  same inputs. The gold format is documented in docs/eval.md.
- `score_ner(pred_lines, gold_lines)` scores `kg ner` output (JSON lines, exclusive ends)
  against CLUENER2020 lines (inclusive ends), exact span and type.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from kg.errors import GraphError, InputError, KGError

__all__ = [
    "ENTITY_KINDS",
    "NER_TYPES",
    "CLUENER_TYPES",
    "cluener_spans",
    "PRF",
    "Recall",
    "EventScore",
    "Resolution",
    "GraphReport",
    "NerReport",
    "normalize",
    "title_matches",
    "read_gold",
    "load_graph",
    "score_graph",
    "score_ner",
]

# The kinds a node can count as, in the order that decides a node typed with several:
# a hospital typed MedicalOrganization and CivicStructure is an Organization, not a Place.
_KIND_ORDER = ("Person", "Event", "Organization", "Place")
_KIND_CLASSES = {
    "Person": frozenset({"Person"}),
    "Event": frozenset({"Event"}),
    "Organization": frozenset({
        "Organization", "GovernmentOrganization", "Corporation", "NGO", "EducationalOrganization",
        "MedicalOrganization", "Hospital", "NewsMediaOrganization", "PoliticalParty",
    }),
    "Place": frozenset({
        "Place", "AdministrativeArea", "City", "Country", "State", "Residence", "CivicStructure", "Airport",
    }),
}
ENTITY_KINDS = ("Person", "Organization", "Place")

_SCHEMA = ("https://schema.org/", "http://schema.org/")
_DCT_SOURCE = "http://purl.org/dc/terms/source"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ORG = "http://www.w3.org/ns/org#"
_AFFILIATION_PROPS = ("affiliation", "worksFor", "memberOf")

_GOLD_KEYS = ("docs", "entities", "events", "affiliations", "containment")


def normalize(text) -> str:
    """A name as compared: NFKC, all whitespace removed.

    >>> normalize("县 卫健局\\n副局长")
    '县卫健局副局长'
    >>> normalize("ＡＢＣ１")
    'ABC1'
    """
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def title_matches(gold: str, pred: str) -> bool:
    """Whether a predicted post names the gold post: the same post, or the post after a
    qualifier that does not make it a deputy one.

    >>> title_matches("副局长", "县卫健局副局长")
    True
    >>> title_matches("县长", "副县长")
    False
    >>> title_matches("书记", "县委副书记")
    False
    """
    if pred == gold:
        return True
    if not pred.endswith(gold):
        return False
    qualifier = pred[: len(pred) - len(gold)] if gold else ""
    return not qualifier.endswith("副")


# --------------------------------------------------------------------------- reports


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts of true positives, false positives and false negatives, with P/R/F1 from them.

    >>> s = PRF(tp=3, fp=1, fn=1)
    >>> (s.precision, s.recall, s.f1)
    (0.75, 0.75, 0.75)
    >>> PRF(0, 0, 0).f1
    0.0
    """

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True, slots=True)
class Recall:
    """How many gold facts the graph states; recall is None when the gold has none."""

    found: int
    gold: int

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None


@dataclass(frozen=True, slots=True)
class EventScore:
    """Gold events found, and of the found ones how many organizers and attendees are right."""

    found: int
    gold: int
    organizers_found: int
    organizers: int
    attendees_found: int
    attendees: int

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def organizer_recall(self) -> float:
        return self.organizers_found / self.organizers if self.organizers else 0.0

    @property
    def attendee_recall(self) -> float:
        return self.attendees_found / self.attendees if self.attendees else 0.0


@dataclass(frozen=True, slots=True)
class Resolution:
    """Cross-page resolution: gold entities (on several pages) split over nodes, nodes merging
    several gold entities."""

    cross_page_entities: int
    splits: int
    merges: int


def _freeze_errors(errors: Mapping[str, list]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in errors.items()})


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _errors_text(errors: Mapping[str, tuple[str, ...]], limit: int) -> list[str]:
    lines = []
    for name, examples in errors.items():
        if examples:
            lines.append(f"\n{name} ({len(examples)}):")
            lines.extend(f"  {x}" for x in examples[:limit])
    return lines


@dataclass(frozen=True)
class GraphReport:
    """The score of a graph against a gold annotation.

    `entities` maps Person/Organization/Place to a `PRF`; `errors` maps an error class
    ("Person missed", "Organization false positives", "titles wrong", "splits", …) to examples.
    `report["Person"]`, `report["titles"]` etc. give the referee's dict form.
    """

    docs: int
    docs_found: int
    entities: Mapping[str, PRF]
    titles: PRF
    events: EventScore
    affiliations: Recall
    containment: Recall
    resolution: Resolution
    errors: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @property
    def entity_f1(self) -> float:
        """The mean F1 of the three entity kinds."""
        return sum(self.entities[k].f1 for k in ENTITY_KINDS) / len(ENTITY_KINDS)

    def to_dict(self) -> dict:
        """The report as the referee's JSON writes it (`report` part)."""
        out: dict[str, Any] = {"docs_found": self.docs_found, "docs": self.docs}
        for kind in ENTITY_KINDS:
            out[kind] = self.entities[kind].to_dict()
        out["titles"] = self.titles.to_dict()
        ev = self.events
        out["events"] = {"recall": ev.recall, "found": ev.found, "gold": ev.gold,
                         "organizer_recall": ev.organizer_recall, "attendee_recall": ev.attendee_recall}
        out["affiliations"] = {"recall": self.affiliations.recall}
        out["containment"] = {"recall": self.containment.recall}
        r = self.resolution
        out["resolution"] = {"cross_page_entities": r.cross_page_entities, "splits": r.splits, "merges": r.merges}
        return out

    def __getitem__(self, key: str):
        return self.to_dict()[key]

    def summary(self) -> str:
        """The one SUMMARY line the referee prints last."""
        r = self.resolution
        return (f"SUMMARY entity_f1={self.entity_f1:.3f} title_f1={self.titles.f1:.3f} "
                f"event_recall={_fmt(self.events.recall)} splits={r.splits} merges={r.merges}")

    def to_text(self, show_errors: bool = False, limit: int = 60) -> str:
        """The table the referee prints, then (optionally) errors, then the SUMMARY line."""
        lines = [f"pages with articles found: {self.docs_found}/{self.docs}",
                 f"{'':14}{'precision':>10}{'recall':>8}{'F1':>7}"]
        rows = [(k, self.entities[k]) for k in ENTITY_KINDS] + [("titles", self.titles)]
        for name, s in rows:
            lines.append(f"{name:14}{s.precision:10.3f}{s.recall:8.3f}{s.f1:7.3f}   tp={s.tp} fp={s.fp} fn={s.fn}")
        ev = self.events
        lines.append(f"events        recall {_fmt(ev.recall)} ({ev.found}/{ev.gold}), "
                     f"organizer {ev.organizer_recall:.3f}, attendees {ev.attendee_recall:.3f}")
        lines.append(f"affiliations  recall {_fmt(self.affiliations.recall)}")
        lines.append(f"containment   recall {_fmt(self.containment.recall)}")
        r = self.resolution
        lines.append(f"resolution    {r.splits} splits of {r.cross_page_entities} cross-page entities, "
                     f"{r.merges} merges")
        if show_errors:
            lines.extend(_errors_text(self.errors, limit))
        lines.append(self.summary())
        return "\n".join(lines)


# --------------------------------------------------------------------------- reading


def read_gold(gold) -> dict:
    """The gold annotation from a path or an already-parsed dict, checked for its five keys."""
    if isinstance(gold, Mapping):
        data, where = gold, "gold"
    else:
        where = str(gold)
        try:
            data = json.loads(Path(gold).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(gold, f"cannot read the gold file ({exc.strerror or exc})") from exc
        except json.JSONDecodeError as exc:
            raise InputError(gold, f"not JSON: {exc.msg} at line {exc.lineno}; see docs/eval.md") from exc
    if not isinstance(data, Mapping):
        raise InputError(where, "the gold must be a JSON object; see docs/eval.md")
    missing = [k for k in _GOLD_KEYS if k not in data]
    if missing:
        raise InputError(where, f"the gold lacks {', '.join(missing)}; see docs/eval.md for the format")
    return dict(data)


_FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
            ".nq": "nquads", ".trig": "trig"}


def load_graph(path):
    """Every graph in an RDF file, named or default, read into one rdflib Graph (a TriG file
    scores like the same triples in Turtle)."""
    import warnings

    from rdflib import Dataset, Graph

    path = str(path)
    ds = Dataset()
    fmt = next((f for ext, f in _FORMATS.items() if path.endswith(ext)), None)
    if fmt in (None, "json-ld") or path.endswith((".json", ".jsonld")):
        from kg.rdf import refuse_remote_contexts

        refuse_remote_contexts(path)
    try:
        with warnings.catch_warnings():
            # rdflib 7 warns about its own use of Dataset.default_context while parsing
            warnings.simplefilter("ignore", DeprecationWarning)
            ds.parse(path, format=fmt)
            triples = [(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))]
    except FileNotFoundError as exc:
        raise GraphError(f"{path}: no such file; give the graph.ttl that `kg build` wrote") from exc
    except Exception as exc:  # rdflib raises many kinds of parse errors
        raise GraphError(f"{path}: cannot read as RDF ({type(exc).__name__}: {exc})") from exc
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


class _View:
    """Read access to an rdflib graph in the terms the scorer uses, with the per-node answers cached."""

    def __init__(self, graph):
        from rdflib import Literal, URIRef

        self.g = graph
        self._literal = Literal
        self._uri = URIRef
        self._kind: dict = {}
        self._names: dict = {}

    def schema(self, node, prop: str) -> list:
        out = []
        for base in _SCHEMA:
            out.extend(self.g.objects(node, self._uri(base + prop)))
        return out

    def has(self, s, p: str, o) -> bool:
        return (s, self._uri(p), o) in self.g

    def kind(self, node) -> str | None:
        if node not in self._kind:
            local = {re.split(r"[/#]", str(t))[-1] for t in self.g.objects(node, self._uri(_RDF_TYPE))}
            self._kind[node] = next((k for k in _KIND_ORDER if local & _KIND_CLASSES[k]), None)
        return self._kind[node]

    def names(self, node) -> frozenset[str]:
        if node not in self._names:
            lits = self.schema(node, "name") + self.schema(node, "alternateName")
            lits += list(self.g.objects(node, self._uri(_RDFS_LABEL)))
            self._names[node] = frozenset(normalize(x) for x in lits if isinstance(x, self._literal))
        return self._names[node]

    def affiliated(self, person, org) -> bool:
        if any(org in self.schema(person, p) for p in _AFFILIATION_PROPS):
            return True
        if self.has(person, _ORG + "memberOf", org) or self.has(person, _ORG + "headOf", org):
            return True
        if any(self.has(post, _ORG + "postIn", org) for post in self.g.objects(person, self._uri(_ORG + "holds"))):
            return True
        memberships = self.g.subjects(self._uri(_ORG + "member"), person)
        return any(self.has(m, _ORG + "organization", org) for m in memberships)

    def ancestors(self, place) -> set:
        seen: set = set()
        todo = [place]
        while todo:
            for parent in self.schema(todo.pop(), "containedInPlace"):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen


def _page_of(source: str, docs: list[str]) -> str | None:
    # the doc name must stand as a whole path component, optionally with .txt, before any fragment
    for doc in docs:
        if re.search(r"(^|[/\\:])" + re.escape(doc) + r"(\.txt)?($|[#?:])", source):
            return doc
    return None


def _month_day(value) -> tuple[str | None, str | None]:
    """(year, "MM-DD") of an xsd:date or --MM-DD literal; (None, None) when neither."""
    s = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return m.group(1), f"{m.group(2)}-{m.group(3)}"
    m = re.match(r"^-{0,2}(\d{2})-(\d{2})$", s)
    if m:
        return None, f"{m.group(1)}-{m.group(2)}"
    return None, None


def _date_matches(gold: str | None, predicted: list) -> bool:
    if gold is None:
        return True
    # a gold "11-26" is a month-day; "2020-11-26" a full date
    year, md = _month_day(gold if len(gold) > 5 else "--" + gold)
    for value in predicted:
        y, d = _month_day(value)
        if d == md and (year is None or y is None or y == year):
            return True
    return False


# --------------------------------------------------------------------------- graph scoring


def score_graph(graph_or_path, gold) -> GraphReport:
    """Score a graph (an rdflib graph, or a path to any RDF file) against a gold annotation
    (a dict or a path to its JSON; format in docs/eval.md)."""
    gold = read_gold(gold)
    graph = load_graph(graph_or_path) if isinstance(graph_or_path, (str, Path)) else graph_or_path
    view = _View(graph)
    docs: list[str] = list(gold["docs"])
    by_id = {e["id"]: e for e in gold["entities"]}
    errors: dict[str, list[str]] = defaultdict(list)

    # pages -> the nodes their articles mention, in a fixed order
    articles: dict[str, set] = defaultdict(set)
    for article, source in graph.subject_objects(view._uri(_DCT_SOURCE)):
        doc = _page_of(str(source), docs)
        if doc:
            articles[doc].add(article)
    mentioned: dict[str, list] = {}
    for doc, arts in articles.items():
        nodes = {n for a in arts for n in view.schema(a, "mentions")}
        mentioned[doc] = sorted(nodes, key=str)

    # gold entities by (page, kind), each once, in gold order
    on_page: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in gold["entities"]:
        for doc in dict.fromkeys(e["docs"]):
            on_page[doc, e["type"]].append(e)

    match: dict[tuple[str, str], Any] = {}  # (page, gold id) -> the node that scored it
    node_golds: dict[Any, set] = defaultdict(set)  # every gold id a node's names hit
    gold_nodes: dict[str, set] = defaultdict(set)
    entities = {}
    for kind in ENTITY_KINDS:
        tp = fp = fn = 0
        for doc in docs:
            golds = on_page.get((doc, kind), [])
            optional = {e["id"] for e in golds if e.get("optional") or doc in e.get("optional_docs", ())}
            by_name: dict[str, list[dict]] = defaultdict(list)
            for e in golds:
                for name in e["names"]:
                    by_name[normalize(name)].append(e)
            scored: set[str] = set()
            for node in mentioned.get(doc, ()):
                if view.kind(node) != kind:
                    continue
                names = sorted(view.names(node))
                hits = {e["id"]: e for n in names for e in by_name.get(n, ())}
                if not hits:
                    fp += 1
                    errors[f"{kind} false positives"].append(f"{doc} {names[0] if names else '(no name)'}")
                    continue
                for gid in hits:
                    node_golds[node].add(gid)
                    gold_nodes[gid].add(node)
                required = sorted(gid for gid in hits if gid not in optional)
                if not required:
                    continue  # an optional entity: neither credit nor blame
                gid = required[0]
                if gid in scored:
                    fp += 1  # a second node for one thing on one page
                    errors[f"{kind} duplicate nodes"].append(f"{doc} {hits[gid]['names'][0]}")
                    continue
                scored.add(gid)
                match[doc, gid] = node
                tp += 1
            for e in golds:
                if e["id"] not in optional and e["id"] not in scored:
                    fn += 1
                    errors[f"{kind} missed"].append(f"{doc} {e['names'][0]}")
        entities[kind] = PRF(tp, fp, fn)

    titles = _score_titles(view, match, by_id, errors)
    events = _score_events(view, gold["events"], mentioned, match, errors)

    found = 0
    for pid, oid in gold["affiliations"]:
        ok = any(view.affiliated(p, o) for p in gold_nodes.get(pid, ()) for o in gold_nodes.get(oid, ()))
        found += ok
        if not ok:
            errors["affiliations missed"].append(f"{by_id[pid]['names'][0]} -> {by_id[oid]['names'][0]}")
    affiliations = Recall(found, len(gold["affiliations"]))

    found = 0
    for cid, pid in gold["containment"]:
        parents = gold_nodes.get(pid, set())
        ok = any(parents & view.ancestors(c) for c in gold_nodes.get(cid, ()))
        found += ok
        if not ok:
            errors["containment missed"].append(f"{by_id[cid]['names'][0]} in {by_id[pid]['names'][0]}")
    containment = Recall(found, len(gold["containment"]))

    cross_page = [e for e in gold["entities"] if len(e["docs"]) > 1 and not e.get("optional")]
    splits = [e["names"][0] for e in cross_page if len(gold_nodes.get(e["id"], ())) > 1]
    merges = ["+".join(sorted(by_id[g]["names"][0] for g in gids)) for gids in node_golds.values() if len(gids) > 1]
    errors["splits"] = splits
    errors["merges"] = merges

    return GraphReport(
        docs=len(docs),
        docs_found=sum(1 for d in docs if articles.get(d)),
        entities=MappingProxyType(entities),
        titles=titles,
        events=events,
        affiliations=affiliations,
        containment=containment,
        resolution=Resolution(len(cross_page), len(splits), len(merges)),
        errors=_freeze_errors(errors),
    )


def _score_titles(view: _View, match, by_id, errors) -> PRF:
    """Posts of matched persons: each gold post found counts a tp, each missing one a fn, each
    predicted post that is neither a gold nor an optional post a fp."""
    tp = fp = fn = 0
    for (doc, gid), node in sorted(match.items(), key=lambda kv: (kv[0], str(kv[1]))):
        e = by_id[gid]
        if e["type"] != "Person":
            continue
        predicted = {normalize(t) for t in view.schema(node, "jobTitle")}
        wanted = [normalize(t) for t in e.get("titles", [])]
        for t in wanted:
            if any(title_matches(t, p) for p in predicted):
                tp += 1
            else:
                fn += 1
                errors["titles missed"].append(f"{doc} {e['names'][0]}:{t}")
        allowed = wanted + [normalize(t) for t in e.get("optional_titles", [])]
        for p in sorted(predicted):
            if not any(title_matches(t, p) for t in allowed):
                fp += 1
                errors["titles wrong"].append(f"{doc} {e['names'][0]}:{p}")
    return PRF(tp, fp, fn)


def _score_events(view: _View, gold_events, mentioned, match, errors) -> EventScore:
    """Each gold event takes at most one predicted event node on its page: the date's month-day
    must agree, then the organizer (when the gold names one), and among those left the one
    sharing most attendees wins (the first in IRI order on a tie)."""
    used: set = set()
    found = org_found = org_total = att_found = att_total = 0
    for ev in gold_events:
        doc = ev["doc"]
        attendees = {match.get((doc, a)) for a in ev["attendees"]} - {None}
        organizer = match.get((doc, ev["organizer"])) if ev["organizer"] else None
        best = None  # (attendees shared, node)
        for node in mentioned.get(doc, ()):
            if node in used or view.kind(node) != "Event":
                continue
            if not _date_matches(ev["date"], view.schema(node, "startDate")):
                continue
            shared = len(attendees & set(view.schema(node, "attendee")))
            if ev["organizer"]:
                if organizer is None or organizer not in view.schema(node, "organizer"):
                    continue
            elif not ev["date"]:
                # neither date nor organizer: half the gold attendees must be there
                if not attendees or shared / len(attendees) < 0.5:
                    continue
            if best is None or shared > best[0]:
                best = (shared, node)
        org_total += bool(ev["organizer"])
        att_total += len(ev["attendees"])
        if best is None:
            errors["events missed"].append(f"{doc} {ev['name']}")
            continue
        used.add(best[1])
        found += 1
        org_found += bool(ev["organizer"])
        att_found += best[0]
    return EventScore(found, len(gold_events), org_found, org_total, att_found, att_total)


# --------------------------------------------------------------------------- NER scoring

NER_TYPES = ("person", "organization", "place", "position")
# CLUENER labels scored, and what kg calls them; book, game, movie and scene are not scored.
CLUENER_TYPES = MappingProxyType({
    "name": "person", "government": "organization", "organization": "organization", "company": "organization",
    "address": "place", "position": "position",
})


def cluener_spans(record: Mapping, types: Mapping[str, str] = CLUENER_TYPES) -> tuple[set, set]:
    """`(gold, unscored)` of one CLUENER JSON record: `(start, end, kg type)` for the labels in
    `types`, `(start, end)` for the others; ends made exclusive (CLUENER's are inclusive)."""
    gold: set[tuple[int, int, str]] = set()
    unscored: set[tuple[int, int]] = set()
    for label, entities in (record.get("label") or {}).items():
        for spans in entities.values():
            for start, end in spans:
                if label in types:
                    gold.add((start, end + 1, types[label]))
                else:
                    unscored.add((start, end + 1))
    return gold, unscored


@dataclass(frozen=True)
class NerReport:
    """The score of `kg ner` mentions against CLUENER spans: exact span and type, micro-averaged.

    `ignored` counts predictions not scored: kg's event mentions, other types, and predictions
    on exactly a span CLUENER labels book/game/movie/scene. `errors` maps an error class
    ("person missed", "place spurious", "organization boundary", "wrong type: organization as
    place", "wrong type and boundary") to examples; a boundary or type error is one fp and one fn.
    """

    sentences: int
    types: Mapping[str, PRF]
    ignored: int = 0
    errors: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @property
    def overall(self) -> PRF:
        total = PRF(0, 0, 0)
        for s in self.types.values():
            total = total + s
        return total

    def __getitem__(self, key: str):
        return self.to_dict()[key]

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"sentences": self.sentences, "ignored": self.ignored}
        for t, s in self.types.items():
            out[t] = s.to_dict()
        out["overall"] = self.overall.to_dict()
        return out

    def summary(self) -> str:
        parts = " ".join(f"{t}_f1={s.f1:.3f}" for t, s in self.types.items())
        return f"SUMMARY ner_f1={self.overall.f1:.3f} {parts}"

    def error_counts(self) -> list[tuple[str, int]]:
        """Error classes, most frequent first."""
        return sorted(((k, len(v)) for k, v in self.errors.items() if v), key=lambda kv: (-kv[1], kv[0]))

    def to_text(self, show_errors: bool = False, limit: int = 30) -> str:
        lines = [f"sentences: {self.sentences}", f"{'':14}{'precision':>10}{'recall':>8}{'F1':>7}"]
        for name, s in list(self.types.items()) + [("overall", self.overall)]:
            lines.append(f"{name:14}{s.precision:10.3f}{s.recall:8.3f}{s.f1:7.3f}   tp={s.tp} fp={s.fp} fn={s.fn}")
        if self.ignored:
            lines.append(f"not scored    {self.ignored} predictions (events, other types, CLUENER book/game/movie/scene)")
        counts = self.error_counts()
        if counts:
            lines.append("errors        " + ", ".join(f"{k} {n}" for k, n in counts[:8]))
        if show_errors:
            lines.extend(_errors_text({k: self.errors[k] for k, _ in counts}, limit))
        lines.append(self.summary())
        return "\n".join(lines)


def _records(lines: Iterable, what: str) -> list[dict]:
    out = []
    for i, line in enumerate(lines, 1):
        if isinstance(line, Mapping):
            rec = line
        elif not line.strip():
            continue
        else:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(what, f"line {i} is not JSON ({exc.msg})") from exc
        if not isinstance(rec, Mapping) or "text" not in rec:
            raise InputError(what, f"line {i} has no \"text\"")
        out.append(rec)
    return out


def _in_context(text: str, start: int, end: int, width: int = 8) -> str:
    left = text[max(0, start - width):start]
    return f"{text[start:end]} in …{left}[{text[start:end]}]{text[end:end + width]}…"


def score_ner(pred_lines: Iterable, gold_lines: Iterable) -> NerReport:
    """Score `kg ner` output against CLUENER lines, aligned by index.

    Each item is a JSON line (str) or an already-parsed dict.

    >>> gold = ['{"text": "王立新在东方银行", "label": {"name": {"王立新": [[0, 2]]}, "company": {"东方银行": [[4, 7]]}}}']
    >>> pred = ['{"text": "王立新在东方银行", "mentions": [{"start": 0, "end": 3, "text": "王立新", "type": "person"}]}']
    >>> r = score_ner(pred, gold)
    >>> (r.types["person"].tp, r.types["organization"].fn)
    (1, 1)
    """
    preds = _records(pred_lines, "predictions")
    golds = _records(gold_lines, "gold")
    if len(preds) != len(golds):
        raise KGError(f"the predictions have {len(preds)} lines and the gold {len(golds)}; "
                      "run `kg ner` on the gold's texts, one per line, in order")
    counts = {t: [0, 0, 0] for t in NER_TYPES}
    errors: dict[str, list[str]] = defaultdict(list)
    ignored = 0
    for i, (pred, gold) in enumerate(zip(preds, golds), 1):
        text = gold["text"]
        if pred["text"] != text:
            raise KGError(f"line {i}: the texts differ, prediction {pred['text'][:40]!r} vs gold {text[:40]!r}; "
                          "the lines must be aligned")
        gold_spans, unscored = cluener_spans(gold)
        pred_spans: set[tuple[int, int, str]] = set()
        for m in pred.get("mentions", ()):
            span = (int(m["start"]), int(m["end"]), m["type"])
            if span[2] not in counts or span[:2] in unscored:
                ignored += 1
            else:
                pred_spans.add(span)

        for s, e, t in gold_spans & pred_spans:
            counts[t][0] += 1
        for s, e, t in sorted(pred_spans - gold_spans):
            counts[t][1] += 1
            same_span = [g for g in gold_spans if g[:2] == (s, e)]
            overlapping = [g for g in gold_spans if g[0] < e and s < g[1]]
            example = f"{i}: {_in_context(text, s, e)}"
            if same_span:
                errors[f"wrong type: {same_span[0][2]} as {t}"].append(example)
            elif any(g[2] == t for g in overlapping):
                g = next(g for g in sorted(overlapping) if g[2] == t)
                errors[f"{t} boundary"].append(f"{example} (gold {text[g[0]:g[1]]})")
            elif overlapping:
                g = sorted(overlapping)[0]
                errors["wrong type and boundary"].append(f"{example} as {t} (gold {text[g[0]:g[1]]} {g[2]})")
            elif any(g[2] == t and text[g[0]:g[1]] == text[s:e] for g in gold_spans):
                # CLUENER sometimes labels one occurrence of a name and not its repeats
                errors[f"{t} unlabeled repeat"].append(example)
            else:
                errors[f"{t} spurious"].append(example)
        for s, e, t in sorted(gold_spans - pred_spans):
            counts[t][2] += 1
            if not any(p[0] < e and s < p[1] for p in pred_spans):
                errors[f"{t} missed"].append(f"{i}: {_in_context(text, s, e)}")
    return NerReport(
        sentences=len(golds),
        types=MappingProxyType({t: PRF(*c) for t, c in counts.items()}),
        ignored=ignored,
        errors=_freeze_errors(errors),
    )
