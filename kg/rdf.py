"""RDF: the facts of a corpus as a schema.org graph with evidence, written as deterministic Turtle."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import Iterable, NamedTuple

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.plugins.serializers.turtle import TurtleSerializer

from kg.records import ArticleFacts, Evidence, post_parts

__all__ = ["SDO", "KG", "KGID", "ORG", "iri", "build_rdf", "build_triples", "Triples", "Lit", "write_turtle", "turtle_bytes",
           "write_atomic", "write_atomic_many", "StagedFiles", "Forked", "can_fork", "bind_prefixes"]

SDO = Namespace("https://schema.org/")
KG = Namespace("https://w3id.org/kgzh/ns#")
KGID = Namespace("https://w3id.org/kgzh/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
_KGID_BASE = str(KGID)

_KIND_PATH = {"person": "person", "org": "org", "place": "place", "event": "event", "article": "article", "post": "post"}
_SAFE = re.compile(r"[A-Za-z0-9_.~\-\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ALL_SAFE = re.compile(r"[A-Za-z0-9_.~\-\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]*")
_ORG_CLASSES = {"GovernmentOrganization", "Corporation", "NGO", "EducationalOrganization", "MedicalOrganization",
                "Hospital", "NewsMediaOrganization", "PoliticalParty"}
_EVENT_CLASSES = {"Meeting", "Inspection", "Visit", "Donation", "PressConference", "Drill", "Activity"}
MAX_EVIDENCE = 5  # sentences kept per fact: enough to check it, bounded for huge corpora


def _encode(text: str) -> str:
    """Keep CJK and unreserved characters readable; percent-encode everything else (UTF-8)."""
    if _ALL_SAFE.fullmatch(text):
        return text  # the common case: nothing to encode
    out = []
    for ch in text:
        if _SAFE.match(ch):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def iri(key: str) -> URIRef:
    """The stable IRI of an entity, event or article key.

    >>> str(iri("person:李明华"))
    'https://w3id.org/kgzh/id/person/李明华'
    >>> str(iri("org:A<B> C"))
    'https://w3id.org/kgzh/id/org/A%3CB%3E%20C'
    """
    kind, _, rest = key.partition(":")
    if kind in ("event", "article"):
        source, _, pos = rest.rpartition("#")
        return KGID[f"{kind}/{_encode(_stem(source))}/{_encode(pos)}"]
    return KGID[f"{_KIND_PATH.get(kind, 'thing')}/{_encode(rest)}"]


def _stem(source: str) -> str:
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".txt") else name


def _page_iri(sources):
    """`iri`, except that pages whose file names collide get `~` and 8 hex digits of their
    source after the stem (`kgid:article/01~3fa2c1d0/0`); the IRIs of other pages are as ever.

    >>> f = _page_iri({"a/01.txt", "b/01.txt", "c/02.txt"})
    >>> str(f("article:c/02.txt#0")), str(f("article:a/01.txt#0")) != str(f("article:b/01.txt#0"))
    ('https://w3id.org/kgzh/id/article/02/0', True)
    """
    by_stem = defaultdict(set)
    for source in sources:
        by_stem[_stem(source)].add(source)
    renamed = {src: f"{stem}~{_hash(src)[:8]}" for stem, group in by_stem.items() if len(group) > 1 for src in group}
    if not renamed:
        return iri

    def page_iri(key: str) -> URIRef:
        kind, _, rest = key.partition(":")
        source, _, pos = rest.rpartition("#")
        if kind in ("event", "article") and source in renamed:
            return KGID[f"{kind}/{_encode(renamed[source])}/{_encode(pos)}"]
        return iri(key)

    return page_iri


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def bind_prefixes(g: Graph) -> Graph:
    g.bind("schema", SDO, override=True, replace=True)
    g.bind("kg", KG)
    g.bind("kgid", KGID)
    g.bind("org", ORG)
    g.bind("dcterms", DCTERMS)
    g.bind("prov", PROV)
    return g


class Lit(NamedTuple):
    """An RDF literal as plain data: lexical form, language tag, datatype IRI ("" for none)."""

    text: str
    lang: str = ""
    datatype: str = ""


class Triples:
    """A graph as plain data, for building and writing: subject IRI → predicate IRI → objects
    (IRIs as `str`, literals as `Lit`), each in the order first added, no triple twice.

    A build makes one of these instead of an rdflib Graph: adding ~340,000 triples to rdflib's
    store, with its three indexes, context bookkeeping and events, and reading them back took
    longer than extracting the facts. `to_rdflib()` gives the same graph as rdflib's, for
    SPARQL, validation and the tests' isomorphism checks.

    >>> t = build_triples([])
    >>> len(t), turtle_bytes(t)
    (0, b'\\n')
    """

    __slots__ = ("subjects", "_count", "has_blanks")

    def __init__(self, subjects: dict, count: int | None = None, *, has_blanks: bool = False):
        self.subjects = subjects
        self._count = sum(map(len, chain.from_iterable(map(dict.values, subjects.values())))) \
            if count is None else count
        self.has_blanks = has_blanks  # only a graph read from elsewhere has them (`from_rdflib`)

    def __len__(self) -> int:
        return self._count

    def __iter__(self):
        for s, props in self.subjects.items():
            for p, objs in props.items():
                for o in objs:
                    yield s, p, o

    def objects(self, s: str, p: str):
        props = self.subjects.get(s)
        return props.get(p, ()) if props is not None else ()

    @classmethod
    def from_rdflib(cls, g: Graph) -> "Triples":
        """The plain form of an rdflib graph; blank nodes become `Blank`s."""
        from rdflib import BNode

        subjects: dict = {}
        terms: dict = {}

        def plain(t):
            got = terms.get(t)
            if got is None:
                if isinstance(t, Literal):
                    got = Lit(str(t), t.language or "", str(t.datatype) if t.datatype is not None else "")
                    if t.datatype is not None:
                        _RDFLIB_LITERALS.setdefault(got, t)
                elif isinstance(t, BNode):
                    got = Blank(t)
                else:
                    got = str(t)
                terms[t] = got
            return got

        n = 0
        for s, p, o in g.triples((None, None, None)):
            props = subjects.setdefault(plain(s), {})
            objs = props.setdefault(plain(p), [])
            o = plain(o)
            if o not in objs:
                objs.append(o)
                n += 1
        return cls(subjects, n, has_blanks=any(isinstance(t, Blank) for t in terms.values()))

    def to_rdflib(self) -> Graph:
        """The same graph in rdflib, with kg's prefixes bound."""
        g = bind_prefixes(Graph())
        g.addN((_rdflib_term(s), _rdflib_term(p), _rdflib_term(o), g) for s, p, o in self)
        return g

    def serialize(self, *args, **kwargs):
        """rdflib's `Graph.serialize` of this graph (`turtle_bytes` writes the same Turtle faster)."""
        return self.to_rdflib().serialize(*args, **kwargs)


class Blank(str):
    """A blank node's id in a `Triples` read from a graph that has them (kg writes none)."""

    __slots__ = ()


# literals with a datatype, as rdflib made them: their lexical form is rdflib's normalisation,
# and Turtle and ordering go through rdflib itself (there are few distinct ones: dates, scores)
_RDFLIB_LITERALS: dict = {}


def _rdflib_term(t):
    if isinstance(t, Lit):
        lit = _RDFLIB_LITERALS.get(t)
        if lit is None:
            lit = Literal(t.text, lang=t.lang or None, datatype=URIRef(t.datatype) if t.datatype else None)
        return lit
    if isinstance(t, Blank):
        from rdflib import BNode

        return BNode(str(t))
    return URIRef(t)


def _typed(value, datatype) -> Lit:
    lit = Literal(value, datatype=datatype)
    plain = Lit(str(lit), "", str(lit.datatype))
    _RDFLIB_LITERALS.setdefault(plain, lit)
    return plain


@functools.lru_cache(maxsize=4096)
def _date_literal(date: str) -> Lit | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return _typed(date, XSD.date)
    if re.fullmatch(r"--\d{2}-\d{2}", date):
        return _typed(date, XSD.gMonthDay)
    return None


_new_tuple = tuple.__new__  # a Lit without the Python-level __new__ of a named tuple: 10^5 are made


def _zh(text: str) -> Lit:
    return _new_tuple(Lit, (text, "zh", ""))


def _source_ref(source: str, start: int, end: int) -> Lit:
    return _new_tuple(Lit, (f"{source}#char={start},{end}", "", ""))


@functools.lru_cache(maxsize=1024)
def _decimal(x: float) -> Lit:
    """Confidence as xsd:decimal with three places, as the ontology declares it."""
    return _typed(Decimal(f"{x:.3f}"), XSD.decimal)


@functools.lru_cache(maxsize=4096)
def _integer(n: int) -> Lit:
    return _typed(n, None)


# the IRIs the graph is made of, as plain strings (a Namespace look-up per triple is slow)
_A, _LABEL = str(RDF.type), str(RDFS.label)
_HOLDS, _POST, _POST_IN = str(ORG.holds), str(ORG.Post), str(ORG.postIn)
_S = {name: str(SDO[name]) for name in (
    "NewsArticle", "headline", "datePublished", "mentions", "author", "name", "alternateName", "jobTitle",
    "AdministrativeArea", "Event", "startDate", "organizer", "attendee", "location", "funder", "recipient")}
_K = {name: str(KG[name]) for name in (
    "adcode", "adminLevel", "donor", "sentence", "confidence", "coOccursWith", "CoOccurrence", "participant",
    "weight", "rule", "evidenceCount", "evidence", "Evidence", "Assertion", "FrequentCoOccurrence")}
_R = {name: str(RDF[name]) for name in ("Statement", "subject", "predicate", "object")}
_SOURCE, _DERIVED, _MEMBER_OF = str(DCTERMS.source), str(PROV.wasDerivedFrom), str(ORG.memberOf)


@functools.lru_cache(maxsize=None)
def _sdo(name: str) -> str:
    return str(SDO[name])


@functools.lru_cache(maxsize=None)
def _kg(name: str) -> str:
    return str(KG[name])


def build_rdf(facts: Iterable[ArticleFacts]) -> Graph:
    """`build_triples` as an rdflib Graph.

    >>> len(build_rdf([]))
    0
    """
    return build_triples(facts).to_rdflib()


def build_triples(facts: Iterable[ArticleFacts]) -> Triples:
    """One graph for the facts of many articles: entities merged by key across articles,
    relations with their evidence, co-occurrence kept apart and weighted. `facts` is read
    once, so a build can stream its files' facts through without holding them all."""
    entities: dict = {}
    relations: dict[tuple[str, str, str], dict] = {}
    cooc: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    events = {}
    articles = []  # what the article nodes need, so that `facts` may be a stream read once
    for af in facts:
        articles.append((af.key, af.headline, af.source, af.start, af.end, af.date, af.mentioned,
                         tuple(ev.key for ev in af.events), af.authors))
        for e in af.entities:
            old = entities.get(e.key)
            if old is None:
                entities[e.key] = e
            else:
                entities[e.key] = type(e)(
                    e.key, e.kind, old.name, tuple(sorted(set(old.aliases) | set(e.aliases))),
                    old.subtype or e.subtype, tuple(sorted(set(old.titles) | set(e.titles))),
                    old.adcode or e.adcode, old.parent or e.parent,
                )
        for r in af.relations:
            slot = relations.get((r.subject, r.predicate, r.object))
            if slot is None:
                slot = relations[(r.subject, r.predicate, r.object)] = {"rules": set(), "conf": 0.0, "ev": []}
            slot["rules"].add(r.rule)
            if r.confidence > slot["conf"]:
                slot["conf"] = r.confidence
            if r.evidence is not None:
                slot["ev"].append(r.evidence)
        for a, b, ev in af.cooccurrences:
            cooc[(a, b)].append(ev)
        for ev in af.events:
            events[ev.key] = ev

    # pages sharing a file name in different folders (2021-01-01/01.txt, 2021-01-02/01.txt)
    # would share article and event IRIs, merging their articles
    page_iri = _page_iri({a[2] for a in articles})
    iris: dict[str, str] = {}

    def iri(key: str) -> str:  # each key's IRI made once: entities recur in thousands of triples
        got = iris.get(key)
        if got is None:
            got = iris[key] = str(page_iri(key))
        return got

    article_iris: dict[str, str] = {}

    def article_iri(article: str) -> str:  # an evidence's article, by its key alone
        got = article_iris.get(article)
        if got is None:
            got = article_iris[article] = iri(f"article:{article}")
        return got

    subjects: dict[str, dict[str, list]] = {}

    def add(s: str, p: str, o) -> None:
        props = subjects.get(s)
        if props is None:
            subjects[s] = {p: [o]}
        else:
            objs = props.get(p)
            if objs is None:
                props[p] = [o]
            elif o not in objs:  # a graph is a set of triples
                objs.append(o)

    S, K = _S, _K
    # articles
    for key, headline, source, start, end, date, mentioned, event_keys, authors in articles:
        a = iri(f"article:{key}")
        add(a, _A, S["NewsArticle"])
        if headline:
            add(a, S["headline"], _zh(headline))
        add(a, _SOURCE, _source_ref(source, start, end))
        d = _date_literal(date)
        if d is not None:
            add(a, S["datePublished"], d)
        for k in mentioned:
            add(a, S["mentions"], iri(k))
        for k in event_keys:
            add(a, S["mentions"], iri(k))
        for k in authors:
            add(a, S["author"], iri(k))

    # entities
    for key, e in entities.items():
        s = iri(key)
        add(s, _A, _sdo(e.kind))
        add(s, S["name"], _zh(e.name))
        add(s, _LABEL, _zh(e.name))
        for al in e.aliases:
            if al != e.name:
                add(s, S["alternateName"], _zh(al))
        if e.kind == "Organization" and e.subtype in _ORG_CLASSES:
            add(s, _A, _sdo(e.subtype))
        if e.kind == "Place":
            if e.adcode:
                add(s, _A, S["AdministrativeArea"])
                add(s, K["adcode"], Lit(e.adcode))
            if e.subtype:
                add(s, K["adminLevel"], Lit(e.subtype))
        for t in e.titles:
            add(s, S["jobTitle"], _zh(t))

    # typed relations, each with a statement node carrying its evidence
    for (s_key, pred, o_key), slot in sorted(relations.items()):
        s = iri(s_key)
        if pred == "holds":
            # a post the text ties to a body: an org:Post node labelled with the title, in the body
            # (its evidence is the worksFor and jobTitle statements of the same sentence)
            body, title = post_parts(o_key)
            post = iri(o_key)
            add(s, _HOLDS, post)
            add(post, _A, _POST)
            add(post, _LABEL, _zh(title))
            add(post, _POST_IN, iri(body))
            continue
        p = _sdo(pred)
        o = _zh(o_key) if pred == "jobTitle" else iri(o_key)
        add(s, p, o)
        if pred == "worksFor":
            add(s, _MEMBER_OF, o)
        _statement(add, s, p, o, sorted(slot["rules"]), slot["conf"], slot["ev"], article_iri=article_iri,
                   subjects=subjects)

    # events
    for key, ev in sorted(events.items()):
        s = iri(key)
        add(s, _A, S["Event"])
        if ev.kind in _EVENT_CLASSES:
            add(s, _A, _kg(ev.kind))
        add(s, S["name"], _zh(ev.name))
        d = _date_literal(ev.date)
        if d is not None:
            add(s, S["startDate"], d)
        roles = (("organizer", ev.organizers), ("attendee", ev.attendees), ("location", ev.locations),
                 ("funder", ev.donors), ("recipient", ev.recipients))
        for prop, keys in roles:
            for k in keys:
                o = iri(k)
                add(s, S[prop], o)
                if prop == "funder":
                    add(s, K["donor"], o)
                _statement(add, s, S[prop], o, [ev.rule], ev.confidence, [ev.evidence] if ev.evidence else [],
                           article_iri=article_iri, subjects=subjects)
        if ev.evidence:
            add(s, K["sentence"], _zh(ev.evidence.sentence))
            add(s, _SOURCE, _source_ref(ev.evidence.source, ev.evidence.start, ev.evidence.end))
        add(s, K["confidence"], _decimal(ev.confidence))

    # co-occurrence, apart from the typed relations: tens of thousands of pairs, each with
    # its node and evidence nodes, made here directly as the adds and `_evidence_nodes` would
    # make them (the general way only where two pairs' hashes meet)
    p_cooc, c_cooc, p_part, p_weight = K["coOccursWith"], K["CoOccurrence"], K["participant"], K["weight"]
    p_evidence, c_evidence, p_sentence, p_headline = K["evidence"], K["Evidence"], K["sentence"], S["headline"]
    cooc_base, sha1 = f"{_KGID_BASE}cooc/", hashlib.sha1
    linked: set = set()  # (ia, ib) already under coOccursWith: a hub's list is long to search
    weights = []  # (node, weight) of every pair of two IRIs, for kg:FrequentCoOccurrence
    for (a, b), evs in sorted(cooc.items()):
        ia, ib = iri(a), iri(b)
        if (ia, ib) not in linked:  # add(ia, coOccursWith, ib)
            linked.add((ia, ib))
            props = subjects.get(ia)
            if props is None:
                subjects[ia] = {p_cooc: [ib]}
            else:
                objs = props.get(p_cooc)
                if objs is None:
                    props[p_cooc] = [ib]
                else:
                    objs.append(ib)
        c = cooc_base + sha1(f"{a}\x1f{b}".encode("utf-8")).hexdigest()[:16]  # _hash(a, b)
        if ia != ib:
            weights.append((c, len(evs)))
        if c in subjects:  # two pairs with one hash: the adds, which keep a set of triples
            add(c, _A, c_cooc)
            add(c, p_part, ia)
            add(c, p_part, ib)
            add(c, p_weight, _integer(len(evs)))
            _evidence_nodes(add, c, evs, article_iri=article_iri, subjects=subjects)
            continue
        props = subjects[c] = {_A: [c_cooc], p_part: [ia] if ia == ib else [ia, ib], p_weight: [_integer(len(evs))]}
        uniq = evs if len(evs) == 1 else sorted({(e.source, e.start, e.end): e for e in evs}.values(),
                                                key=_source_start)
        if not uniq:
            continue
        refs = props[p_evidence] = []
        for i, e in enumerate(uniq[:MAX_EVIDENCE], 1):
            n = f"{c}/{i}"
            refs.append(n)
            if n in subjects:
                add(n, _A, c_evidence)
                add(n, p_sentence, _zh(e.sentence))
                add(n, _SOURCE, _source_ref(e.source, e.start, e.end))
                add(n, _DERIVED, article_iri(e.article))
                if e.headline:
                    add(n, p_headline, _zh(e.headline))
                continue
            ep = subjects[n] = {_A: [c_evidence], p_sentence: [_new_tuple(Lit, (e.sentence, "zh", ""))],
                                _SOURCE: [_new_tuple(Lit, (f"{e.source}#char={e.start},{e.end}", "", ""))],
                                _DERIVED: [article_iri(e.article)]}
            if e.headline:
                ep[p_headline] = [_new_tuple(Lit, (e.headline, "zh", ""))]
    for c in sorted(frequent_pairs(weights)):
        add(c, _A, K["FrequentCoOccurrence"])
    return Triples(subjects)


# How many pairs top_cooccurrence lists (its LIMIT): the build marks at least this many.
TOP_PAIRS = 100


def frequent_pairs(weights: Iterable[tuple[str, int]], top: int = TOP_PAIRS) -> set[str]:
    """The co-occurrence nodes to type kg:FrequentCoOccurrence: every pair at least as heavy as
    the top-th heaviest, ties included, so that the graph's `top` heaviest pairs are among them
    however the names order them. A whole-graph top list then reads these few nodes instead of
    ranking every pair (kg/queries/top_cooccurrence-name.rq). In a union of graphs built apart a
    pair in the union's top `top` is in its own graph's top `top`, so the union's marks still
    hold the union's top list. Self-pairs (two keys, one IRI) give no row and are left out.

    >>> sorted(frequent_pairs([("a", 5), ("b", 3), ("c", 3), ("d", 1)], top=2))
    ['a', 'b', 'c']
    """
    pairs = list(weights)
    if len(pairs) <= top:
        return {c for c, _ in pairs}
    floor = sorted((w for _, w in pairs), reverse=True)[top - 1]
    return {c for c, w in pairs if w >= floor}


def _statement(add, s, p, o, rules, conf, evs, *, article_iri, subjects):
    st = f"{_KGID_BASE}stmt/{_hash(s, p, o.text if isinstance(o, Lit) else o)}"
    K, R = _K, _R
    add(st, _A, R["Statement"])
    add(st, _A, K["Assertion"])
    add(st, R["subject"], s)
    add(st, R["predicate"], p)
    add(st, R["object"], o)
    for r in rules:
        add(st, K["rule"], Lit(r))
    n = len({(e.article, e.start) for e in evs})
    # more independent sentences saying the same thing make it surer
    add(st, K["confidence"], _decimal(min(0.99, conf + 0.05 * max(0, n - 1))))
    add(st, K["evidenceCount"], _integer(n))
    for art in sorted({e.article for e in evs}):
        add(st, _DERIVED, article_iri(art))
    _evidence_nodes(add, st, evs, article_iri=article_iri, subjects=subjects)


def _evidence_nodes(add, owner, evs, *, article_iri, subjects=None):
    """The first MAX_EVIDENCE distinct sentences of `evs` as evidence nodes of `owner`. Given
    the graph's `subjects`, a node not in it yet is made at once instead of through `add`."""
    if len(evs) == 1:
        uniq = evs
    else:
        uniq = sorted({(e.source, e.start, e.end): e for e in evs}.values(), key=_source_start)
    K = _K
    p_evidence, c_evidence, p_sentence, p_headline = K["evidence"], K["Evidence"], K["sentence"], _S["headline"]
    for i, e in enumerate(uniq[:MAX_EVIDENCE], 1):
        n = f"{owner}/{i}"
        add(owner, p_evidence, n)
        if subjects is not None and n not in subjects:
            props = subjects[n] = {_A: [c_evidence], p_sentence: [_zh(e.sentence)],
                                   _SOURCE: [_source_ref(e.source, e.start, e.end)],
                                   _DERIVED: [article_iri(e.article)]}
            if e.headline:
                props[p_headline] = [_zh(e.headline)]
            continue
        add(n, _A, c_evidence)
        add(n, p_sentence, _zh(e.sentence))
        add(n, _SOURCE, _source_ref(e.source, e.start, e.end))
        add(n, _DERIVED, article_iri(e.article))
        if e.headline:
            add(n, p_headline, _zh(e.headline))


def _source_start(e):
    return e.source, e.start


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename: readers never see half a file,
    and a failed write leaves the old file as it was."""
    write_atomic_many([(path, data)])


def write_atomic_many(files) -> None:
    """Write several files as one: all of them or (on an error or an interrupt) none
    (`StagedFiles`, each file written as it comes).

    `KG_TEST_WRITE_PAUSE=SECONDS` (for tests only: tests/test_reliability.py kills a build in
    this window) sleeps after the temporary files are written, before the renames.
    """
    with StagedFiles() as staged:
        for path, data in files:
            staged.write(path, data)
        staged.commit()


class StagedFiles:
    """Files written as one: all of them or (on an error or an interrupt) none.

    Each file goes to a dot-prefixed temporary file beside its target
    (`.graph.ttl.<pid>.XXXX.tmp`) as soon as it is given, flushed to disk; `commit()` renames
    them all into place, with SIGINT and SIGTERM held back until the last rename. Leaving the
    block without `commit()` (an error, an interrupt) removes the temporary files and leaves
    every old file as it was; only SIGKILL or a power cut during the renames themselves
    (microseconds) can mix old and new files.

    A build writes each output as soon as it is rendered, while the next one is rendered:
    `write(..., background=True)` hands the writing and the fsync to a forked child, and
    `reserve()` gives a temporary file for a forked renderer to fill itself (`Forked(...,
    into=...)`), so the bytes never travel back through this process."""

    def __init__(self):
        umask = os.umask(0)
        os.umask(umask)
        self.mode = 0o666 & ~umask  # mkstemp makes 0600; outputs are ordinary files
        self.staged: list[tuple[Path, str]] = []  # (target, temporary file), in the order given
        self.writers: list[Forked] = []

    def __enter__(self):
        return self

    def reserve(self, path) -> str:
        """A new, empty temporary file for `path`, renamed onto it by `commit()`."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(path)
        # the writer's process id in the name tells a later write whether it is still going
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        self.staged.append((path, tmp))
        try:
            os.fchmod(fd, self.mode)
        finally:
            os.close(fd)
        return tmp

    def write(self, path, data: bytes, *, background: bool = False) -> None:
        """Stage `data` for `path`; `background` writes it in a forked child (where there is fork)."""
        tmp = self.reserve(path)
        if background and can_fork():
            self.writers.append(Forked(lambda: data, into=tmp).__enter__())
        else:
            _write_synced(tmp, data)

    def adopt(self, writer: "Forked") -> None:
        """Wait for `writer` (a `Forked` filling a reserved file) before the renames."""
        self.writers.append(writer)

    def commit(self) -> None:
        for w in self.writers:
            w.result()
        pause = os.environ.get("KG_TEST_WRITE_PAUSE")
        if pause:
            time.sleep(float(pause))
        with _signals_deferred():
            for path, tmp in self.staged:
                os.replace(tmp, path)
            self.staged = []

    def __exit__(self, *exc):
        for w in self.writers:
            w.__exit__(None, None, None)  # a writer still going is not waited for: it is ended
        self.writers = []
        for _, tmp in self.staged:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        self.staged = []
        return False


def _write_synced(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def can_fork() -> bool:
    """Whether `Forked` may fork here: Linux, and no other thread running."""
    import sys
    import threading

    # forking a process with other threads running can copy a lock some thread holds
    return hasattr(os, "fork") and sys.platform.startswith("linux") and threading.active_count() == 1


class Forked:
    """`render()` run in a forked child: the child starts with this process's graph in memory
    instead of being sent a pickle of it. Its bytes come back through a pipe, or, with `into`
    (a file, e.g. `StagedFiles.reserve`), the child writes them there itself and flushes them
    to disk. An exception in the child is raised again by `result()`; leaving the block early
    ends the child."""

    def __init__(self, render, *, into: str | None = None):
        self.render, self.into = render, into
        self.pid = self.fd = None

    def __enter__(self):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: render, send, and leave without running the parent's clean-up
            import gc

            # a collection would walk the whole inherited heap, copying every page it touches;
            # the child lives for one render
            gc.disable()
            status = 0
            try:
                os.close(r)
                try:
                    head, data = b"\0", self.render()
                    if self.into is not None:
                        _write_synced(self.into, data)
                        data = b""
                except BaseException as exc:  # noqa: BLE001 (told to the parent, which raises it)
                    head, data = b"\1", _pickled_error(exc)
                with os.fdopen(w, "wb") as f:
                    f.write(head)
                    f.write(data)
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        os.close(w)
        self.pid, self.fd = pid, r
        return self

    def result(self) -> bytes:
        """The child's bytes (b"" when it wrote them to `into`), once it is done."""
        import pickle

        if self.pid is None:
            return self.data
        with os.fdopen(self.fd, "rb") as f:
            data = f.read()
        self.fd = None
        os.waitpid(self.pid, 0)
        self.pid = None
        if data[:1] == b"\0":
            self.data = data[1:]
            return self.data
        if data[:1] == b"\1":
            raise pickle.loads(data[1:])
        from kg.errors import KGError

        raise KGError("a process rendering or writing the graph's files died before it finished")

    def __exit__(self, *exc):
        if self.pid is not None:  # left early (an error, an interrupt): the child's work is not needed
            import contextlib
            import signal

            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self.pid, 0)
            if self.fd is not None:
                os.close(self.fd)
                self.fd = None
            self.pid = None
        return False


def _pickled_error(exc: BaseException) -> bytes:
    import pickle

    try:
        return pickle.dumps(exc)
    except Exception:  # an exception that does not pickle: its type and message
        from kg.errors import KGError

        return pickle.dumps(KGError(f"{type(exc).__name__}: {exc}"))


_STALE_AFTER = 3600  # seconds: a temporary file of an older kg, whose name has no process id


def _remove_stale_temps(path: Path) -> None:
    """Remove the temporary files of `path` (`.graph.ttl.<pid>.XXXX.tmp`) that a write killed
    outright (SIGKILL, a power cut) left behind: those whose process is gone. Another
    process's write in progress is left alone, and nothing of any other name is touched."""
    prefix = f".{path.name}."
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        middle = name[len(prefix):-len(".tmp")].split(".")
        if len(middle) == 2 and middle[0].isdigit():
            if _process_exists(int(middle[0])):
                continue
        elif len(middle) != 1 or not re.fullmatch(r"[a-z0-9_]{8}", middle[0]):
            continue  # not a name write_atomic_many makes
        else:
            try:
                if os.stat(path.parent / name).st_mtime > time.time() - _STALE_AFTER:
                    continue
            except OSError:
                continue
        try:
            os.unlink(path.parent / name)
        except OSError:
            pass


def _process_exists(pid: int) -> bool:
    if pid == os.getpid() or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but is another user's
        return True
    return True


class _signals_deferred:
    """Hold SIGINT and SIGTERM while the block runs, then deliver them (main thread only)."""

    def __enter__(self):
        import signal
        import threading

        self.saved, self.caught = {}, []
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                if signal.getsignal(sig) is not None:  # None: set outside Python, cannot be restored
                    self.saved[sig] = signal.signal(sig, lambda signum, frame: self.caught.append(signum))
        return self

    def __exit__(self, *exc):
        import signal

        for sig, handler in self.saved.items():
            signal.signal(sig, handler)
        for sig in self.caught:
            os.kill(os.getpid(), sig)
        return False


def write_turtle(g, path: str | Path) -> None:
    """Deterministic Turtle: rdflib sorts subjects and predicates; no blank nodes are used."""
    write_atomic(path, turtle_bytes(g))


def turtle_bytes(g) -> bytes:
    """rdflib's Turtle of `g` (a `Triples` or an rdflib Graph), byte for byte, without its
    quadratic prefix search.

    rdflib looks for a prefix for every IRI by walking a trie of all namespaces seen so far;
    every statement and evidence node (`kgid:stmt/<hash>/1`) adds a namespace under kgid, so
    that walk is linear and the whole serialisation quadratic: minutes for a newspaper's
    month. No prefix is ever bound below kgid, so such IRIs are always written in full, which
    is what `_KgidTurtleSerializer` says at once.

    >>> b = turtle_bytes(build_rdf([]))
    >>> b == build_rdf([]).serialize(format="turtle", encoding="utf-8")
    True
    """
    import io

    if isinstance(g, Triples):
        return _plain_turtle(g)
    if g.base is not None or any(str(ns).startswith(_KGID_BASE) and str(ns) != _KGID_BASE for _, ns in g.namespaces()):
        return g.serialize(format="turtle", encoding="utf-8")  # a prefix below kgid: rdflib's own way
    fast = _flat_turtle(g)
    if fast is not None:
        return fast
    out = io.BytesIO()
    _KgidTurtleSerializer(g).serialize(out, encoding="utf-8")
    return out.getvalue()


_PLAIN_SAFE = re.compile(r'[^"\\\n\r]*')


def _plain_turtle(t: Triples) -> bytes:
    """What rdflib's Turtle serializer writes for `t.to_rdflib()`, straight from the plain
    triples: the same steps as `_flat_turtle`, with rdflib asked only about the few IRIs that
    may have a prefixed name (classes, properties, datatypes) and the few typed literals."""
    if t.has_blanks:
        return turtle_bytes(t.to_rdflib())  # nested [ ] and lists: rdflib writes those itself
    from rdflib.term import _is_valid_uri

    ser = _KgidTurtleSerializer(bind_prefixes(Graph()))
    ser.reset()
    pnames: dict = {}

    def pname(node: str, gen: bool):
        key = (node, gen)
        got = pnames.get(key, False)
        if got is False:
            got = pnames[key] = ser.get_pname(URIRef(node), gen)
        return got

    kgid, kgid_len = _KGID_BASE, len(_KGID_BASE)

    def full(node: str) -> bool:  # an IRI below kgid: never a prefixed name (see _KgidTurtleSerializer)
        return node.startswith(kgid) and "/" in node[kgid_len:]

    a, nil, rdfs_class = _A, str(RDF.nil), str(RDFS.Class)
    refs: dict = {}  # IRI -> how often it is an object
    verbs_seen: set = set()
    # the prefixes rdflib's preprocessing notes, in its order (a generated prefix takes the
    # next free number): subject, verb (not `a`), object, datatype; each term once
    for s, props in t.subjects.items():
        if not (s.startswith(kgid) and s.find("/", kgid_len) >= 0):
            pname(s, False)
        for p, objs in props.items():
            if p not in verbs_seen:
                verbs_seen.add(p)
                if p != a:
                    pname(p, True)
            for o in objs:
                if type(o) is str:
                    n = refs.get(o)
                    if n is None:
                        refs[o] = 1
                        if not (o.startswith(kgid) and o.find("/", kgid_len) >= 0):
                            pname(o, False)
                    else:
                        refs[o] = n + 1
                elif o.datatype:
                    pname(o.datatype, False)
    labels: dict = {}  # IRI or Lit -> its Turtle
    verbs: dict = {}  # predicate IRI -> its Turtle

    def iri_label(node: str, verb: bool) -> str:
        if node == nil:
            return "()"
        if verb and node == a:
            return "a"
        text = None if full(node) else pname(node, verb)
        if not text:
            if not _is_valid_uri(node):
                raise Exception(f'"{node}" does not look like a valid URI, I cannot serialize this as '
                                "N3/Turtle. Perhaps you wanted to urlencode it?")
            text = f"<{node}>"
        return text

    def label(node) -> str:
        text = labels.get(node)
        if text is None:
            if type(node) is str:
                text = iri_label(node, False)
            elif not node.datatype and _PLAIN_SAFE.fullmatch(node.text):
                text = f'"{node.text}"@{node.lang}' if node.lang else f'"{node.text}"'
            else:
                text = _rdflib_term(node)._literal_n3(use_plain=True, qname_callback=lambda dt: pname(str(dt), False))
            labels[node] = text
        return text

    def ordered(objs):
        if any(type(o) is not str for o in objs):
            return sorted(objs, key=_rdflib_term)  # rdflib's order of literals (by value, type, language)
        return sorted(objs)  # IRIs: rdflib orders them as strings

    subjects = t.subjects
    top = sorted(s for s, props in subjects.items() if rdfs_class in props.get(a, ()))
    if top:
        seen = set(top)
        order = top + [s for _, s in sorted((refs.get(s, 0), s) for s in subjects if s not in seen)]
    else:  # by how often each is an object, then by IRI: two stable sorts
        order = sorted(subjects)
        order.sort(key=lambda s: refs.get(s, 0))
    out = [f"@prefix {prefix}: <{uri}> .\n" for prefix, uri in sorted(ser.namespaces.items())]
    append = out.append
    first_preds = (a, _LABEL)
    layouts: dict = {}  # a subject's predicates (as added) -> [(predicate, its lead-in)], in Turtle's order
    for s in order:
        props = subjects[s]
        key = tuple(props)
        layout = layouts.get(key)
        if layout is None:
            if len(props) > 1:
                first = [p for p in first_preds if p in props]
                preds = first + sorted(p for p in props if p not in first)
            else:
                preds = list(props)
            layout = layouts[key] = []
            lead = " "
            for p in preds:
                verb = verbs.get(p)
                if verb is None:
                    verb = verbs[p] = iri_label(p, True)
                layout.append((p, lead + verb + " "))
                lead = " ;\n    "
        append("\n" + (labels.get(s) or label(s)))
        for p, head in layout:
            objs = props[p]
            if len(objs) > 1:
                append(head + ",\n        ".join([labels.get(o) or label(o) for o in ordered(objs)]))
            else:
                o = objs[0]
                append(head + (labels.get(o) or label(o)))
        append(" .\n")
    append("\n")
    return "".join(out).encode("utf-8", "replace")


def _flat_turtle(g: Graph) -> bytes | None:
    """What rdflib's Turtle serializer writes for a graph without blank nodes, in one pass.

    The same steps as `TurtleSerializer.serialize` (prefixes of the names used, subjects by
    how often they are objects and then by IRI, rdf:type first, objects sorted by rdflib's own
    ordering, the same indentation), with each term's label made once instead of through
    rdflib's per-fragment machinery. None for a graph with blank nodes (nested `[ ]` and
    lists): rdflib writes those itself."""
    from rdflib import BNode

    ser = _KgidTurtleSerializer(g)
    ser.reset()
    a, nil, rdfs_label, rdfs_class = RDF.type, RDF.nil, RDFS.label, RDFS.Class  # namespace look-ups are slow
    subjects: dict = {}
    refs: dict = {}
    pnames: dict = {}

    def pname(node, gen):
        key = (node, gen)
        if key not in pnames:
            pnames[key] = ser.get_pname(node, gen)
        return pnames[key]

    for s, p, o in g.triples((None, None, None)):
        if isinstance(s, BNode) or isinstance(o, BNode) or isinstance(p, BNode):
            return None
        refs[o] = refs.get(o, 0) + 1
        props = subjects.get(s)
        if props is None:
            props = subjects[s] = {}
            pname(s, False)  # the prefixes rdflib's preprocessing notes: subject, verb (not `a`), object
        objs = props.get(p)
        if objs is None:
            objs = props[p] = []
            if p != a:
                pname(p, True)
        objs.append(o)
        if isinstance(o, Literal):
            if o.datatype:
                pname(o.datatype, False)
        else:
            pname(o, False)
    labels: dict = {}

    def label(node, verb=False):
        key = (node, verb)
        text = labels.get(key)
        if text is None:
            if node == nil:
                text = "()"
            elif verb and node == a:
                text = "a"
            elif isinstance(node, Literal):
                text = node._literal_n3(use_plain=True, qname_callback=lambda dt: pname(dt, False))
            else:
                text = pname(node, verb) or node.n3()
            labels[key] = text
        return text

    top = sorted(s for s, props in subjects.items() if rdfs_class in props.get(a, ()))
    seen = set(top)
    order = top + [s for _, _, s in sorted((False, refs.get(s, 0), s) for s in subjects if s not in seen)]
    out = [f"@prefix {prefix}: <{uri}> .\n" for prefix, uri in sorted(ser.namespaces.items())]
    for s in order:
        props = subjects[s]
        first = [p for p in (a, rdfs_label) if p in props]
        preds = first + sorted(p for p in props if p not in first) if len(props) > 1 else list(props)
        out.append("\n" + label(s))
        for i, p in enumerate(preds):
            out.append((" " if i == 0 else " ;\n    ") + label(p, True))
            objs = props[p]
            if len(objs) > 1:
                objs = sorted(objs)
            out.append(" " + label(objs[0]))
            for o in objs[1:]:
                out.append(",\n        " + label(o))
        out.append(" .\n")
    out.append("\n")
    return "".join(out).encode("utf-8", "replace")


class _KgidTurtleSerializer(TurtleSerializer):
    """rdflib's Turtle serializer, told up front that IRIs below kgid have no prefixed name."""

    def get_pname(self, uri, gen_prefix=True):
        # an IRI with a path below kgid (kgid:person/…, kgid:stmt/…/1): rdflib's split puts its
        # namespace under kgid, where nothing is bound, and so writes it in full
        if not gen_prefix and isinstance(uri, URIRef) and uri.startswith(_KGID_BASE) and "/" in uri[len(_KGID_BASE):]:
            return None
        return super().get_pname(uri, gen_prefix)


def refuse_remote_contexts(path: str | Path) -> None:
    """Raise GraphError if a JSON-LD file names a context by URL (`"@context": "http://…"`, a
    list holding one, or `"@import"`): rdflib would fetch it, and kg reads local files only.

    >>> import json, tempfile
    >>> f = tempfile.NamedTemporaryFile("w", suffix=".jsonld", delete=False)
    >>> _ = f.write(json.dumps({"@context": "https://schema.org/", "name": "x"})); f.close()
    >>> refuse_remote_contexts(f.name)
    Traceback (most recent call last):
    ...
    kg.errors.GraphError: ...: the JSON-LD names a remote @context (https://schema.org/); kg fetches nothing from the network, inline the context instead
    """
    import json

    from kg.errors import GraphError

    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return  # not readable JSON: the parser reports it with the file and the reason
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                refs = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] \
                    if isinstance(value, list) else []
                if key in ("@context", "@import") and refs:
                    raise GraphError(f"{path}: the JSON-LD names a remote {key} ({refs[0]}); kg fetches "
                                     "nothing from the network, inline the context instead")
                stack.append(value)
