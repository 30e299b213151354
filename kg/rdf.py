"""RDF: the facts of a corpus as a schema.org graph with evidence, written as deterministic Turtle."""

from __future__ import annotations

import hashlib
from decimal import Decimal
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.plugins.serializers.turtle import TurtleSerializer

from kg.records import ArticleFacts, Evidence

__all__ = ["SDO", "KG", "KGID", "ORG", "iri", "build_rdf", "write_turtle", "turtle_bytes", "write_atomic", "write_atomic_many", "bind_prefixes"]

SDO = Namespace("https://schema.org/")
KG = Namespace("https://w3id.org/kgzh/ns#")
KGID = Namespace("https://w3id.org/kgzh/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
_KGID_BASE = str(KGID)

_KIND_PATH = {"person": "person", "org": "org", "place": "place", "event": "event", "article": "article"}
_SAFE = re.compile(r"[A-Za-z0-9_.~\-\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ORG_CLASSES = {"GovernmentOrganization", "Corporation", "NGO", "EducationalOrganization", "MedicalOrganization",
                "Hospital", "NewsMediaOrganization", "PoliticalParty"}
_EVENT_CLASSES = {"Meeting", "Inspection", "Visit", "Donation", "PressConference", "Drill", "Activity"}
MAX_EVIDENCE = 5  # sentences kept per fact: enough to check it, bounded for huge corpora


def _encode(text: str) -> str:
    """Keep CJK and unreserved characters readable; percent-encode everything else (UTF-8)."""
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


def _date_literal(date: str) -> Literal | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return Literal(date, datatype=XSD.date)
    if re.fullmatch(r"--\d{2}-\d{2}", date):
        return Literal(date, datatype=XSD.gMonthDay)
    return None


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _source_ref(source: str, start: int, end: int) -> Literal:
    return Literal(f"{source}#char={start},{end}")


def build_rdf(facts: Iterable[ArticleFacts]) -> Graph:
    """One graph for the facts of many articles: entities merged by key across articles,
    relations with their evidence, co-occurrence kept apart and weighted. `facts` is read
    once, so a build can stream its files' facts through without holding them all."""
    g = bind_prefixes(Graph())
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
            slot = relations.setdefault((r.subject, r.predicate, r.object), {"rules": set(), "conf": 0.0, "ev": []})
            slot["rules"].add(r.rule)
            slot["conf"] = max(slot["conf"], r.confidence)
            if r.evidence is not None:
                slot["ev"].append(r.evidence)
        for a, b, ev in af.cooccurrences:
            cooc[(a, b)].append(ev)
        for ev in af.events:
            events[ev.key] = ev

    # pages sharing a file name in different folders (2021-01-01/01.txt, 2021-01-02/01.txt)
    # would share article and event IRIs, merging their articles
    iri = _page_iri({a[2] for a in articles})

    # articles
    for key, headline, source, start, end, date, mentioned, event_keys, authors in articles:
        a = iri(f"article:{key}")
        g.add((a, RDF.type, SDO.NewsArticle))
        if headline:
            g.add((a, SDO.headline, _zh(headline)))
        g.add((a, DCTERMS.source, _source_ref(source, start, end)))
        d = _date_literal(date)
        if d is not None:
            g.add((a, SDO.datePublished, d))
        for k in mentioned:
            g.add((a, SDO.mentions, iri(k)))
        for k in event_keys:
            g.add((a, SDO.mentions, iri(k)))
        for k in authors:
            g.add((a, SDO.author, iri(k)))

    # entities
    for key, e in entities.items():
        s = iri(key)
        g.add((s, RDF.type, SDO[e.kind]))
        g.add((s, SDO.name, _zh(e.name)))
        g.add((s, RDFS.label, _zh(e.name)))
        for al in e.aliases:
            if al != e.name:
                g.add((s, SDO.alternateName, _zh(al)))
        if e.kind == "Organization" and e.subtype in _ORG_CLASSES:
            g.add((s, RDF.type, SDO[e.subtype]))
        if e.kind == "Place":
            if e.adcode:
                g.add((s, RDF.type, SDO.AdministrativeArea))
                g.add((s, KG.adcode, Literal(e.adcode)))
            if e.subtype:
                g.add((s, KG.adminLevel, Literal(e.subtype)))
        for t in e.titles:
            g.add((s, SDO.jobTitle, _zh(t)))

    # typed relations, each with a statement node carrying its evidence
    for (s_key, pred, o_key), slot in sorted(relations.items()):
        s = iri(s_key)
        p = SDO[pred]
        o = _zh(o_key) if pred == "jobTitle" else iri(o_key)
        g.add((s, p, o))
        if pred == "worksFor":
            g.add((s, ORG.memberOf, o))
        _statement(g, s, p, o, sorted(slot["rules"]), slot["conf"], slot["ev"], iri=iri)

    # events
    for key, ev in sorted(events.items()):
        s = iri(key)
        g.add((s, RDF.type, SDO.Event))
        if ev.kind in _EVENT_CLASSES:
            g.add((s, RDF.type, KG[ev.kind]))
        g.add((s, SDO.name, _zh(ev.name)))
        d = _date_literal(ev.date)
        if d is not None:
            g.add((s, SDO.startDate, d))
        roles = (("organizer", ev.organizers), ("attendee", ev.attendees), ("location", ev.locations),
                 ("funder", ev.donors), ("recipient", ev.recipients))
        for prop, keys in roles:
            for k in keys:
                o = iri(k)
                g.add((s, SDO[prop], o))
                if prop == "funder":
                    g.add((s, KG.donor, o))
                _statement(g, s, SDO[prop], o, [ev.rule], ev.confidence, [ev.evidence] if ev.evidence else [], iri=iri)
        if ev.evidence:
            g.add((s, KG.sentence, _zh(ev.evidence.sentence)))
            g.add((s, DCTERMS.source, _source_ref(ev.evidence.source, ev.evidence.start, ev.evidence.end)))
        g.add((s, KG.confidence, _decimal(ev.confidence)))

    # co-occurrence, apart from the typed relations
    for (a, b), evs in sorted(cooc.items()):
        ia, ib = iri(a), iri(b)
        g.add((ia, KG.coOccursWith, ib))
        c = KGID[f"cooc/{_hash(a, b)}"]
        g.add((c, RDF.type, KG.CoOccurrence))
        g.add((c, KG.participant, ia))
        g.add((c, KG.participant, ib))
        g.add((c, KG.weight, Literal(len(evs))))
        _evidence_nodes(g, c, evs, iri=iri)
    return g


def _decimal(x: float) -> Literal:
    """Confidence as xsd:decimal with three places, as the ontology declares it."""
    return Literal(Decimal(f"{x:.3f}"), datatype=XSD.decimal)


def _statement(g, s, p, o, rules, conf, evs, *, iri=iri):
    st = KGID[f"stmt/{_hash(str(s), str(p), str(o))}"]
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.type, KG.Assertion))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    for r in rules:
        g.add((st, KG.rule, Literal(r)))
    n = len({(e.article, e.start) for e in evs})
    # more independent sentences saying the same thing make it surer
    g.add((st, KG.confidence, _decimal(min(0.99, conf + 0.05 * max(0, n - 1)))))
    g.add((st, KG.evidenceCount, Literal(n)))
    for art in sorted({e.article for e in evs}):
        g.add((st, PROV.wasDerivedFrom, iri(f"article:{art}")))
    _evidence_nodes(g, st, evs, iri=iri)


def _evidence_nodes(g, owner, evs, *, iri=iri):
    uniq = sorted({(e.source, e.start, e.end): e for e in evs}.values(), key=lambda e: (e.source, e.start))
    for i, e in enumerate(uniq[:MAX_EVIDENCE], 1):
        n = URIRef(f"{owner}/{i}")
        g.add((owner, KG.evidence, n))
        g.add((n, RDF.type, KG.Evidence))
        g.add((n, KG.sentence, _zh(e.sentence)))
        g.add((n, DCTERMS.source, _source_ref(e.source, e.start, e.end)))
        g.add((n, PROV.wasDerivedFrom, iri(f"article:{e.article}")))
        if e.headline:
            g.add((n, SDO.headline, _zh(e.headline)))


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename: readers never see half a file,
    and a failed write leaves the old file as it was."""
    write_atomic_many([(path, data)])


def write_atomic_many(files) -> None:
    """Write several files as one: all of them or (on an error or an interrupt) none.

    Each `(path, bytes)` goes to a dot-prefixed temporary file beside its target
    (`.graph.ttl.XXXX.tmp`), flushed to disk; only when every one is written are they renamed
    into place, with SIGINT and SIGTERM held back until the last rename. A failure before that
    removes the temporary files and leaves every old file as it was; only SIGKILL or a power
    cut during the renames themselves (microseconds) can mix old and new files.

    `KG_TEST_WRITE_PAUSE=SECONDS` (for tests only: tests/test_reliability.py kills a build in
    this window) sleeps after the temporary files are written, before the renames.
    """
    files = [(Path(p), d) for p, d in files]
    umask = os.umask(0)
    os.umask(umask)
    temps: list[str] = []
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append(tmp)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        pause = os.environ.get("KG_TEST_WRITE_PAUSE")
        if pause:
            import time

            time.sleep(float(pause))
        with _signals_deferred():
            for (path, _), tmp in zip(files, temps):
                os.replace(tmp, path)
            temps = []
    except BaseException:
        for tmp in temps:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        raise


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


def write_turtle(g: Graph, path: str | Path) -> None:
    """Deterministic Turtle: rdflib sorts subjects and predicates; no blank nodes are used."""
    write_atomic(path, turtle_bytes(g))


def turtle_bytes(g: Graph) -> bytes:
    """rdflib's Turtle of `g`, byte for byte, without its quadratic prefix search.

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

    if g.base is not None or any(str(ns).startswith(_KGID_BASE) and str(ns) != _KGID_BASE for _, ns in g.namespaces()):
        return g.serialize(format="turtle", encoding="utf-8")  # a prefix below kgid: rdflib's own way
    fast = _flat_turtle(g)
    if fast is not None:
        return fast
    out = io.BytesIO()
    _KgidTurtleSerializer(g).serialize(out, encoding="utf-8")
    return out.getvalue()


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
