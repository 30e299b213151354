"""The networkx view of a kg graph, read back from its RDF so every tool sees what was saved."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.errors import GraphError
from kg.rdf import KG, SDO

__all__ = ["read_graph", "to_networkx", "load_rdf", "KINDS", "RELATIONS"]

KINDS = ("Person", "Event", "Organization", "Place")  # the order a node's kind is decided in
RELATIONS = ("worksFor", "memberOf", "affiliation", "organizer", "attendee", "location", "containedInPlace",
             "parentOrganization", "recipient", "funder")
_SUBKINDS = {"GovernmentOrganization", "Corporation", "NGO", "EducationalOrganization", "MedicalOrganization",
             "Hospital", "NewsMediaOrganization", "PoliticalParty", "AdministrativeArea"}


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


def _local(u) -> str:
    return re.split(r"[/#]", str(u))[-1]


def _lit(g, s, p) -> str:
    vals = sorted(str(o) for o in g.objects(s, p) if isinstance(o, Literal))
    return vals[0] if vals else ""


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Entities and events as nodes (IRI strings), typed relations and co-occurrence as edges.

    >>> from kg.rdf import build_rdf
    >>> to_networkx(build_rdf([])).number_of_nodes()
    0
    """
    G = nx.MultiDiGraph()
    kind_of = {}
    for s, o in g.subject_objects(RDF.type):
        if not isinstance(s, URIRef):
            continue
        types = {_local(t) for t in g.objects(s, RDF.type)}
        for k in KINDS:
            if k in types or (k == "Organization" and types & (_SUBKINDS - {"AdministrativeArea"})):
                kind_of[s] = (k, types)
                break
    # articles that mention each node, with their headline and source
    articles = defaultdict(list)
    for a, n in g.subject_objects(SDO.mentions):
        articles[n].append({"iri": str(a), "source": _lit(g, a, DCTERMS.source), "headline": _lit(g, a, SDO.headline)})
    for s, (kind, types) in sorted(kind_of.items()):
        sub = sorted(t for t in types if t not in ("Person", "Event", "Organization", "Place", "Assertion"))
        G.add_node(
            str(s), kind=kind, subkind=(sub[0] if sub else _lit(g, s, KG.adminLevel)),
            name=_lit(g, s, SDO.name) or _local(s),
            aliases=sorted({str(o) for o in g.objects(s, SDO.alternateName)}),
            titles=sorted({str(o) for o in g.objects(s, SDO.jobTitle)}),
            date=_lit(g, s, SDO.startDate),
            articles=sorted(articles.get(s, []), key=lambda a: (a["source"], a["iri"])),
        )
    # evidence of each typed relation, from its statement node
    evidence = {}
    for st in g.subjects(RDF.type, RDF.Statement):
        key = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        evs = []
        for e in sorted(g.objects(st, KG.evidence)):
            evs.append({"sentence": _lit(g, e, KG.sentence), "source": _lit(g, e, DCTERMS.source),
                        "headline": _lit(g, e, SDO.headline)})
        conf = g.value(st, KG.confidence)
        evidence[key] = (evs, float(conf) if conf is not None else 1.0, ",".join(sorted(str(r) for r in g.objects(st, KG.rule))))
    for rel in RELATIONS:
        p = SDO[rel]
        for s, o in sorted(g.subject_objects(p)):
            if str(s) in G and str(o) in G:
                evs, conf, rule = evidence.get((s, p, o), ([], 1.0, ""))
                G.add_edge(str(s), str(o), key=rel, relation=rel, weight=1, cooccurrence=False,
                           confidence=conf, rule=rule, evidence=evs)
    for c in sorted(g.subjects(RDF.type, KG.CoOccurrence)):
        parts = sorted(str(p) for p in g.objects(c, KG.participant))
        if len(parts) != 2 or parts[0] not in G or parts[1] not in G:
            continue
        w = g.value(c, KG.weight)
        evs = [{"sentence": _lit(g, e, KG.sentence), "source": _lit(g, e, DCTERMS.source),
                "headline": _lit(g, e, SDO.headline)} for e in sorted(g.objects(c, KG.evidence))]
        G.add_edge(parts[0], parts[1], key="coOccursWith", relation="coOccursWith", weight=int(w) if w is not None else 1,
                   cooccurrence=True, confidence=1.0, rule="same-sentence", evidence=evs)
    return G


def read_graph(path_or_graph) -> nx.MultiDiGraph:
    """The networkx graph of a kg RDF file (or rdflib Graph); see docs/DESIGN.md for attributes."""
    return to_networkx(load_rdf(path_or_graph))
