"""The networkx view of a kg graph, read back from its RDF so every tool sees what was saved."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
from rdflib import RDF, Graph
from rdflib.namespace import DCTERMS

from kg.errors import GraphError
from kg.rdf import KG, ORG, SDO, Blank, Lit, Triples

__all__ = ["read_graph", "to_networkx", "load_rdf", "KINDS", "RELATIONS"]

KINDS = ("Person", "Event", "Organization", "Place")  # the order a node's kind is decided in
RELATIONS = ("worksFor", "memberOf", "affiliation", "organizer", "attendee", "location", "containedInPlace",
             "parentOrganization", "recipient", "funder")
_SUBKINDS = {"GovernmentOrganization", "Corporation", "NGO", "EducationalOrganization", "MedicalOrganization",
             "Hospital", "NewsMediaOrganization", "PoliticalParty", "AdministrativeArea"}
_ORG_SUBKINDS = _SUBKINDS - {"AdministrativeArea"}


def load_rdf(path_or_graph) -> Graph:
    """An rdflib Graph from a path (Turtle, N-Triples, JSON-LD, TriG, N-Quads) or a Graph."""
    if isinstance(path_or_graph, Graph):
        return path_or_graph
    path = Path(path_or_graph)
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file")
    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig",
           ".nq": "nquads"}.get(path.suffix, "turtle")
    if fmt == "json-ld":
        from kg.rdf import refuse_remote_contexts

        refuse_remote_contexts(path)
    g = Graph()
    try:
        g.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many kinds; the user needs the file and the reason
        raise GraphError(f"{path}: cannot parse as {fmt}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
    return g


def _str(t) -> str:
    return t.text if isinstance(t, Lit) else str(t)


def _local(u) -> str:
    t = _str(u)
    return t[max(t.rfind("/"), t.rfind("#")) + 1:]  # after the last / or #


def _text_of(objs) -> str:
    """The least literal among `objs` (a predicate's objects), or ""."""
    if not objs:
        return ""
    if len(objs) == 1:  # nearly always
        o = objs[0]
        return o.text if isinstance(o, Lit) else ""
    vals = [o.text for o in objs if isinstance(o, Lit)]
    return min(vals) if vals else ""


def _order(t):
    """rdflib's order of terms, as far as the view needs it: blank nodes, IRIs, literals."""
    return (0, t) if isinstance(t, Blank) else (2, t.text) if isinstance(t, Lit) else (1, t)


def to_networkx(g) -> nx.MultiDiGraph:
    """Entities and events as nodes (IRI strings), typed relations and co-occurrence as edges,
    from a build's `kg.rdf.Triples` or any rdflib Graph.

    >>> from kg.rdf import build_rdf, build_triples
    >>> to_networkx(build_rdf([])).number_of_nodes(), to_networkx(build_triples([])).number_of_nodes()
    (0, 0)
    """
    t = g if isinstance(g, Triples) else Triples.from_rdflib(g)
    subjects = t.subjects
    empty: dict = {}
    a, mentions, s_name, s_alt, s_title, s_start, level = (
        str(RDF.type), str(SDO.mentions), str(SDO.name), str(SDO.alternateName), str(SDO.jobTitle),
        str(SDO.startDate), str(KG.adminLevel))
    source, headline, sentence, evidence_p = str(DCTERMS.source), str(SDO.headline), str(KG.sentence), str(KG.evidence)

    def lit(s, p) -> str:
        return _text_of(subjects.get(s, empty).get(p))

    def value(s, p):
        objs = subjects.get(s, empty).get(p)
        return objs[0] if objs else None

    def evidence_of(props) -> list[dict]:
        out = []
        evs = props.get(evidence_p, ())
        for e in sorted(evs, key=_order) if len(evs) > 1 else evs:  # nearly always one
            ep = subjects.get(e, empty)
            out.append({"sentence": _text_of(ep.get(sentence)), "source": _text_of(ep.get(source)),
                        "headline": _text_of(ep.get(headline))})
        return out

    G = nx.MultiDiGraph()
    kind_of = {}
    statements, cooccurrences = [], []
    statement, cooc_class = str(RDF.Statement), str(KG.CoOccurrence)
    kinds: dict = {}  # the few distinct lists of types -> (kind, local names), worked out once each
    articles = defaultdict(list)  # the articles that mention each node, with their headline and source
    relation_of = {str(SDO[rel]): rel for rel in RELATIONS}
    found: dict = {rel: [] for rel in RELATIONS}  # each relation's (subject, object) pairs
    org_member: list = []
    works_for, member_of = str(SDO.worksFor), str(ORG.memberOf)
    for s, props in subjects.items():  # one pass over the graph for all of these
        for p, objs in props.items():
            rel = relation_of.get(p)
            if rel is not None:
                found[rel].extend((s, o) for o in objs)
            elif p == member_of:
                org_member.append((s, props))
        named = props.get(mentions)
        if named:
            iri_s, src, head = str(s), _text_of(props.get(source)), _text_of(props.get(headline))
            for n in named:
                articles[n].append({"iri": iri_s, "source": src, "headline": head})
        typed = props.get(a)
        if not typed:
            continue
        if statement in typed:
            statements.append(s)
        if cooc_class in typed:
            cooccurrences.append(s)
        if isinstance(s, Blank):
            continue
        key = tuple(typed)
        got = kinds.get(key, False)
        if got is False:
            got = None
            types = {_local(x) for x in typed}
            for k in KINDS:
                if k in types or (k == "Organization" and types & _ORG_SUBKINDS):
                    got = (k, types)
                    break
            kinds[key] = got
        if got is not None:
            kind_of[s] = got
    for s, (kind, types) in sorted(kind_of.items()):
        props = subjects[s]
        sub = sorted(x for x in types if x not in ("Person", "Event", "Organization", "Place", "Assertion"))
        G.add_node(
            s, kind=kind, subkind=(sub[0] if sub else lit(s, level)),
            name=lit(s, s_name) or _local(s),
            aliases=sorted({_str(o) for o in props.get(s_alt, ())}),
            titles=sorted({_str(o) for o in props.get(s_title, ())}),
            date=lit(s, s_start),
            articles=sorted(articles.get(s, []), key=lambda x: (x["source"], x["iri"])),
        )
    # evidence of each typed relation, from its statement node
    evidence = {}
    r_subject, r_predicate, r_object = str(RDF.subject), str(RDF.predicate), str(RDF.object)
    confidence, rule_p = str(KG.confidence), str(KG.rule)
    for st in statements:
        props = subjects[st]
        key = (value(st, r_subject), value(st, r_predicate), value(st, r_object))
        conf = value(st, confidence)
        evidence[key] = (evidence_of(props), float(_str(conf)) if conf is not None else 1.0,
                         ",".join(sorted(_str(r) for r in props.get(rule_p, ()))))

    def pair_order(so):
        return _order(so[0]), _order(so[1])

    for rel in RELATIONS:
        p = str(SDO[rel])
        pairs = sorted(found[rel], key=pair_order)
        if rel == "memberOf":
            # org:memberOf, the W3C organization ontology's word: kg writes it beside every
            # schema:worksFor, which is drawn already; other graphs may have it alone
            pairs = sorted(set(pairs) | {(s, o) for s, props in org_member for o in props[member_of]
                                         if o not in props.get(works_for, ())},
                           key=pair_order)
        for s, o in pairs:
            if s in G and o in G and not isinstance(o, Lit):
                evs, conf, rule = evidence.get((s, p, o), ([], 1.0, ""))
                G.add_edge(s, o, key=rel, relation=rel, weight=1, cooccurrence=False,
                           confidence=conf, rule=rule, evidence=evs)
    participant, weight = str(KG.participant), str(KG.weight)
    plain = all(type(c) is str for c in cooccurrences)  # IRIs, no blank nodes: ordered as strings
    for c in sorted(cooccurrences) if plain else sorted(cooccurrences, key=_order):
        props = subjects[c]
        parts = props.get(participant, ())
        if len(parts) == 2 and type(parts[0]) is str and type(parts[1]) is str:  # two IRIs, as kg writes them
            parts = parts if parts[0] <= parts[1] else parts[::-1]
        else:
            parts = sorted(_str(x) for x in parts)
        if len(parts) != 2 or parts[0] not in G or parts[1] not in G:
            continue
        w = value(c, weight)
        G.add_edge(parts[0], parts[1], key="coOccursWith", relation="coOccursWith",
                   weight=int(_str(w)) if w is not None else 1,
                   cooccurrence=True, confidence=1.0, rule="same-sentence", evidence=evidence_of(props))
    return G


def read_graph(path_or_graph) -> nx.MultiDiGraph:
    """The networkx graph of a kg RDF file (or rdflib Graph); see docs/DESIGN.md for attributes."""
    return to_networkx(load_rdf(path_or_graph))
