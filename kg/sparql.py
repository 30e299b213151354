"""SPARQL over kg graphs: a pyoxigraph store, safe parameters, named queries, exports, SHACL checks.

>>> store = Store.from_text('''
...     @prefix schema: <https://schema.org/> .
...     <https://w3id.org/kgzh/id/person/李明华> a schema:Person ; schema:name "李明华"@zh .
... ''')
>>> store.query('SELECT ?p WHERE { ?p <https://schema.org/name> ?n }', n=literal("李明华", "zh"))
[{'p': 'https://w3id.org/kgzh/id/person/李明华'}]
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from kg.errors import GraphError, QueryError, ValidationError

__all__ = [
    "PREFIXES",
    "PROVENANCE_GRAPH",
    "FACTS_GRAPH",
    "FORMATS",
    "Store",
    "NamedQuery",
    "Param",
    "Violation",
    "check_query",
    "bind_params",
    "literal",
    "iri",
    "compact",
    "named_queries",
    "read_query_file",
    "format_rows",
    "serialize",
    "jsonld_context",
    "validate_graph",
    "format_violation",
]

PREFIXES = {
    "kg": "https://w3id.org/kgzh/ns#",
    "kgid": "https://w3id.org/kgzh/id/",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": "http://www.w3.org/ns/shacl#",
}
PROVENANCE_GRAPH = "https://w3id.org/kgzh/graph/provenance"
FACTS_GRAPH = "https://w3id.org/kgzh/graph/facts"
# Subjects typed with one of these are evidence/provenance, not facts about the world.
PROVENANCE_CLASSES = frozenset(
    PREFIXES["kg"] + name for name in ("Assertion", "Evidence", "CoOccurrence", "FrequentCoOccurrence")
) | {PREFIXES["rdf"] + "Statement"}

_XSD = PREFIXES["xsd"]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_PACKAGE = Path(__file__).resolve().parent
QUERY_DIR = _PACKAGE / "queries"
ONTOLOGY = _PACKAGE / "ontology.ttl"
SHAPES = _PACKAGE / "shapes.ttl"

# file extension -> (pyoxigraph RdfFormat attribute name, rdflib format name)
_EXTENSIONS = {
    ".ttl": ("TURTLE", "turtle"),
    ".turtle": ("TURTLE", "turtle"),
    ".nt": ("N_TRIPLES", "nt"),
    ".nq": ("N_QUADS", "nquads"),
    ".trig": ("TRIG", "trig"),
    ".jsonld": ("JSON_LD", "json-ld"),
    ".json": ("JSON_LD", "json-ld"),
    ".rdf": ("RDF_XML", "xml"),
    ".owl": ("RDF_XML", "xml"),
    ".n3": ("N3", "n3"),
}
FORMATS = ("turtle", "nt", "jsonld", "trig", "nquads")


# --------------------------------------------------------------------------------------------
# Terms


def literal(value, lang=None, datatype=None):
    """An RDF literal for a parameter: ``literal("李明华", "zh")``, ``literal("3", datatype="xsd:integer")``.

    >>> str(literal("李明华", "zh"))
    '"李明华"@zh'
    """
    import pyoxigraph as ox

    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype:
        return ox.Literal(str(value), datatype=ox.NamedNode(_expand(datatype)))
    return ox.Literal(str(value))


def iri(value):
    """An IRI for a parameter, full or with a known prefix: ``iri("kgid:person/李明华")``.

    >>> str(iri("schema:organizer"))
    '<https://schema.org/organizer>'
    """
    import pyoxigraph as ox

    text = str(value).strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    try:
        return ox.NamedNode(_expand(text))
    except ValueError as exc:
        raise QueryError(f"not an IRI: {value!r} ({exc})") from None


def _expand(text):
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return text


def compact(value):
    """Shorten an IRI with the known prefixes (for display).

    >>> compact("https://w3id.org/kgzh/id/person/李明华")
    'kgid:person/李明华'
    """
    best = ""
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{value[len(PREFIXES[best]):]}" if best else value


def _to_term(value, kind=None):
    """A Python value or pyoxigraph/rdflib term as a pyoxigraph term (never query text)."""
    import pyoxigraph as ox

    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if kind is None and type(value).__module__.startswith("rdflib"):
        return _from_rdflib(value)
    if kind == "iri":
        return iri(value)
    if kind == "zh":
        return ox.Literal(str(value), language="zh")
    if kind in ("integer", "decimal", "date", "boolean", "double"):
        text = str(value).lower() if kind == "boolean" else str(value)
        term = ox.Literal(text, datatype=ox.NamedNode(_XSD + kind))
        _check_lexical(term, kind, value)
        return term
    if kind in ("string", None) and isinstance(value, str):
        return ox.Literal(value)
    if isinstance(value, bool):
        return ox.Literal(value)
    if isinstance(value, int):
        return ox.Literal(value)
    if isinstance(value, (float, Decimal)):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "decimal"))
    if isinstance(value, _dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "date"))
    raise QueryError(f"cannot bind a {type(value).__name__} ({value!r}) as an RDF term")


def _check_lexical(term, kind, value):
    pattern = {
        "integer": r"[+-]?\d+",
        "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
        "double": r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|NaN|[+-]?INF",
        "date": r"-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?",
        "boolean": r"true|false|1|0",
    }[kind]
    if not re.fullmatch(pattern, term.value):
        raise QueryError(f"parameter value {value!r} is not an xsd:{kind}")


def _from_rdflib(term):
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot bind {term!r} as an RDF term")


def _to_python(term):
    """A result term as a plain Python value: IRIs as strings, numbers as numbers."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.startswith(_XSD):
            local = dt[len(_XSD):]
            try:
                if local in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                             "positiveInteger", "unsignedInt", "unsignedLong"):
                    return int(term.value)
                if local in ("decimal", "double", "float"):
                    return float(term.value)
            except ValueError:
                return term.value
            if local == "boolean":
                return term.value in ("true", "1")
        return term.value
    return str(term)


# --------------------------------------------------------------------------------------------
# Query text: a small lexer so checks and bindings never look inside strings, IRIs or comments.

_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                   |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
      | (?P<word>[A-Za-z_\u00c0-\uffff][\w\-.\u00b7\u00c0-\uffff]*(?::[^\s{}()<>,;"'\[\]]*)?|:[^\s{}()<>,;"'\[\]]*)
      | (?P<punct>[{}])
      | (?P<other>\s+|.)""",
    re.VERBOSE | re.DOTALL,
)
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH"}
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _tokens(sparql):
    for m in _TOKEN.finditer(sparql):
        kind = m.lastgroup
        if kind in ("comment", "other"):
            continue
        yield kind, m.group(), m.start()


def check_query(sparql, *, allow_service=False, source="query"):
    """Refuse what a read-only query must not do; return its form (SELECT, ASK, ...).

    >>> check_query("SELECT * WHERE { ?s ?p ?o }")
    'SELECT'
    >>> check_query("DROP ALL")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: query: SPARQL Update (DROP) is not allowed; kg only reads graphs
    """
    form = None
    for kind, text, _ in _tokens(sparql):
        if kind != "word" or ":" in text:
            continue
        word = text.upper()
        if word in _UPDATE_WORDS:
            raise QueryError(f"{source}: SPARQL Update ({word}) is not allowed; kg only reads graphs")
        if word == "SERVICE" and not allow_service:
            raise QueryError(
                f"{source}: SERVICE (federated query) is not allowed; pass --allow-service to permit it"
            )
        if word in _FORMS and form is None:
            form = word
    if form is None:
        raise QueryError(f"{source}: not a SPARQL query (expected SELECT, ASK, CONSTRUCT or DESCRIBE)")
    return form


def _where_brace(sparql, form):
    """Offset just after the '{' that opens the query's WHERE group."""
    seen_where = False
    for kind, text, start in _tokens(sparql):
        if kind == "word" and text.upper() == "WHERE":
            seen_where = True
        elif kind == "punct" and text == "{" and (seen_where or form != "CONSTRUCT"):
            return start + 1
    return None


def bind_params(sparql, params, *, form=None, source="query"):
    """Bind parameters with a VALUES block at the start of the WHERE group.

    Values are pyoxigraph terms, written in their N-Triples form (quotes and escapes done by
    pyoxigraph), so user text can never become query syntax.

    >>> bind_params("SELECT ?p WHERE { ?p ?q ?n }", {"n": literal('x" } DROP ALL #', "zh")})
    'SELECT ?p WHERE { VALUES (?n) { ("x\\\\" } DROP ALL #"@zh) }\\n ?p ?q ?n }'
    """
    if not params:
        return sparql
    form = form or check_query(sparql, allow_service=True, source=source)
    names = sorted(params)
    for name in names:
        if not _VARNAME.match(name):
            raise QueryError(f"{source}: bad parameter name {name!r} (letters, digits, _)")
    at = _where_brace(sparql, form)
    if at is None:
        raise QueryError(f"{source}: cannot bind parameters, the query has no WHERE group")
    terms = [_to_term(params[n]) for n in names]
    block = " VALUES ({}) {{ ({}) }}\n".format(
        " ".join("?" + n for n in names), " ".join(str(t) for t in terms)
    )
    return sparql[:at] + block + sparql[at:]


# --------------------------------------------------------------------------------------------
# Named queries: kg/queries/*.rq with a comment header
#   # description: what it answers
#   # param: name (zh, required) help text
#   # param: min_weight (integer, default 1) help text

_PLAN_PART = re.compile(r"([+-])")  # NAME+GIVEN-ABSENT: the plan's marks, with their signs
_KINDS = ("zh", "string", "iri", "integer", "decimal", "double", "date", "boolean")
_PARAM_LINE = re.compile(r"#\s*param:\s*(\w+)\s*\(([^)]*)\)\s*(.*)")


@dataclass(frozen=True, slots=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    kind: str = "string"
    required: bool = False
    default: str | None = None
    help: str = ""

    def describe(self):
        flag = "required" if self.required else (
            f"default {self.default}" if self.default is not None else "optional")
        return f"{self.name} ({self.kind}, {flag}) {self.help}".rstrip()


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A SPARQL query file with its description and declared parameters."""

    name: str
    text: str
    description: str = ""
    params: tuple = field(default_factory=tuple)
    path: str = ""
    # (frozenset of parameter names given, frozenset of names not given, query text, path): the
    # same question written for when those parameters are (or are not) given, so the engine can
    # start from them (kg/queries/NAME+GIVEN-ABSENT.rq)
    plans: tuple = field(default_factory=tuple)

    def text_for(self, bound):
        """The query text to run when the parameters in bound are given: the most specific plan
        whose parameters are all given, else the query itself. Every plan answers exactly what
        the query answers (tests/test_sparql_plans.py checks it on every name of the fixture).

        >>> q = named_queries()["top_cooccurrence"]
        >>> sorted(Path(path).name for *_, path in q.plans)  # NAME+P: P given; NAME-P: P absent
        ['top_cooccurrence+name.rq', 'top_cooccurrence-name.rq']
        >>> len({q.text, q.text_for({"name": 1}), q.text_for({})})
        3
        """
        best, bound = None, set(bound)
        for needs, absent, text, _ in self.plans:
            fit = len(needs) + len(absent)
            if needs <= bound and not absent & bound and (best is None or fit > best[0]):
                best = (fit, text)
        return best[1] if best else self.text

    def bindings(self, values):
        """Turn user values (strings from the CLI, or Python values) into typed RDF terms."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown and self.params:
            raise QueryError(
                f"{self.path or self.name}: unknown parameter {unknown[0]!r}; "
                f"it takes: {', '.join(declared) or 'none'}"
            )
        out = {}
        for p in self.params:
            if p.name in values and values[p.name] is not None:
                out[p.name] = _to_term(values[p.name], p.kind)
            elif p.default is not None:
                out[p.name] = _to_term(p.default, p.kind)
            elif p.required:
                raise QueryError(
                    f"{self.path or self.name}: missing parameter {p.name!r}: {p.describe()}"
                )
        for name in unknown:  # a query file without a header: infer the term
            out[name] = _guess_term(values[name])
        return out


def _parse_header(name, text, path=""):
    description = []
    params = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        m = _PARAM_LINE.match(stripped)
        if m:
            pname, spec, helptext = m.groups()
            kind, required, default = "string", False, None
            for part in (s.strip() for s in spec.split(",")):
                if part in _KINDS:
                    kind = part
                elif part == "required":
                    required = True
                elif part.startswith("default "):
                    default = part[len("default "):].strip()
                elif part and part != "optional":
                    raise QueryError(f"{path or name}: bad parameter spec {spec!r} for {pname}")
            params.append(Param(pname, kind, required, default, helptext.strip()))
            continue
        body = stripped.lstrip("#").strip()
        if body.lower().startswith("description:"):
            description.append(body.split(":", 1)[1].strip())
        elif body.lower().startswith("name:"):
            name = body.split(":", 1)[1].strip()
    return NamedQuery(name, text, " ".join(description), tuple(params), str(path))


def read_query_file(path):
    """A NamedQuery read from a .rq file (its header, if any, declares the parameters)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query ({exc.__class__.__name__}: {exc})") from None
    return _parse_header(path.stem, text, path)


def named_queries(directory=None):
    """The named queries shipped in kg/queries, by name.

    A file ``NAME+P1+P2.rq`` is not a query of its own but a plan of NAME: the same question,
    written to start from parameters P1 and P2 when they are given (see NamedQuery.text_for);
    ``NAME-P.rq`` is a plan for when P is not given.

    >>> sorted(named_queries())[:2]
    ['agency_officials', 'entity_mentions']
    """
    directory = Path(directory) if directory else QUERY_DIR
    key = (str(directory), tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                                 for p in sorted(directory.glob("*.rq"))))
    cached = _NAMED_CACHE.get(key)
    if cached is not None:
        return dict(cached)
    out, plans = {}, {}
    for path in sorted(directory.glob("*.rq")):
        base, *marks = _PLAN_PART.split(path.stem)
        if marks:
            needs = frozenset(n for sign, n in zip(marks[::2], marks[1::2]) if sign == "+")
            absent = frozenset(n for sign, n in zip(marks[::2], marks[1::2]) if sign == "-")
            text = path.read_text(encoding="utf-8")
            plans.setdefault(base, []).append((needs, absent, text, str(path)))
            continue
        q = read_query_file(path)
        out[q.name] = q
    for base, found in plans.items():
        q = out.get(base)
        declared = {p.name for p in q.params} if q else set()
        for needs, absent, _, path in found:
            if q is None or not (needs | absent) <= declared:
                raise QueryError(f"{path}: a plan of {base!r} for parameters it does not declare")
        out[base] = replace(q, plans=tuple(sorted(found, key=lambda f: (sorted(f[0]), sorted(f[1])))))
    _NAMED_CACHE.clear()
    _NAMED_CACHE[key] = out
    return dict(out)


_NAMED_CACHE = {}


def _guess_term(text):
    """A CLI value for an ad-hoc query: <iri> or prefix:local -> IRI; 12 -> integer;
    text@zh -> language-tagged literal; anything else a plain string."""
    if not isinstance(text, str):
        return _to_term(text)
    if text.startswith("<") and text.endswith(">"):
        return iri(text)
    prefix, sep, _ = text.partition(":")
    if sep and prefix in PREFIXES:
        return iri(text)
    if re.fullmatch(r"[+-]?\d+", text):
        return _to_term(text, "integer")
    m = re.fullmatch(r"(.*)@([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", text, re.DOTALL)
    if m:
        return literal(m.group(1), m.group(2))
    return literal(text)


# --------------------------------------------------------------------------------------------
# The store


def _rdf_format(path, fmt=None):
    import pyoxigraph as ox

    if fmt:
        name = {"turtle": "TURTLE", "nt": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG",
                "jsonld": "JSON_LD"}.get(fmt, fmt.upper())
        return getattr(ox.RdfFormat, name)
    suffix = Path(path).suffix.lower()
    if suffix not in _EXTENSIONS:
        raise GraphError(
            f"{path}: unknown RDF format {suffix or '(no extension)'}; "
            f"use one of {', '.join(sorted(_EXTENSIONS))}"
        )
    return getattr(ox.RdfFormat, _EXTENSIONS[suffix][0])


def _as_paths(path_or_paths):
    if isinstance(path_or_paths, (str, Path)):
        return [Path(path_or_paths)]
    return [Path(p) for p in path_or_paths]


class Store:
    """An in-memory RDF store (pyoxigraph) that answers SPARQL with plain Python rows.

    Queries see the union of the default graph and all named graphs, so a TriG export
    (facts and provenance in separate graphs) answers the same as graph.ttl.

    A query text (parameters bound) asked again is answered with the rows of its first run, as
    long as the store has not changed: add_file forgets them, and once the raw store has been
    handed out (the oxigraph property) none are kept. Store.load(..., cache=False) turns it off.
    """

    def __init__(self, store=None, *, cache=True):
        import pyoxigraph as ox

        self._store = store if store is not None else ox.Store()
        # rows of earlier queries on this store, by query text after binding (see _select)
        self._results = {} if cache and store is None else None
        self._cells = 0

    @classmethod
    def load(cls, path_or_paths, *, ontology=False, cache=True):
        """A store holding the given files (Turtle, N-Triples, TriG, N-Quads, JSON-LD).

        With cache (the default) a query run again on the unchanged store is answered with the
        rows of its first run; cache=False evaluates every query."""
        store = cls(cache=cache)
        for path in _as_paths(path_or_paths):
            store.add_file(path)
        if ontology:
            store.add_file(ONTOLOGY)
        return store

    @classmethod
    def from_text(cls, text, fmt="turtle"):
        store = cls()
        try:
            store._store.load(input=text, format=_rdf_format("", fmt))
        except (SyntaxError, ValueError) as exc:
            raise GraphError(f"<text>: not valid {fmt}: {_one_line(exc)}") from None
        return store

    def add_file(self, path):
        path = Path(path)
        if not path.is_file():
            raise GraphError(f"{path}: no such graph file")
        fmt = _rdf_format(path)
        self.clear_cache()
        try:
            self._store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError) as exc:
            raise GraphError(f"{path}: cannot parse: {_one_line(exc)}") from None
        except OSError as exc:
            raise GraphError(f"{path}: cannot read: {_one_line(exc)}") from None

    def __len__(self):
        return len(self._store)

    @property
    def oxigraph(self):
        """The underlying pyoxigraph.Store. Whoever holds it can change the store behind kg's
        back, so from then on this Store no longer reuses earlier results."""
        self._results = None
        return self._store

    def clear_cache(self):
        """Forget the results of earlier queries (they are kept only while the store is unchanged)."""
        if self._results is not None:
            self._results.clear()
        self._cells = 0

    def quads(self):
        return iter(self._store.quads_for_pattern(None, None, None, None))

    def query(self, sparql, /, *, allow_service=False, source="query", **params):
        """Run a read-only SPARQL query; parameters are bound as RDF terms.

        SELECT gives one dict per solution (every projected variable, None when unbound);
        ASK gives ``[{"result": bool}]``; CONSTRUCT/DESCRIBE give subject/predicate/object dicts.
        The rows are new lists and dicts on every call, so changing them changes nothing here.
        """
        return self._select(sparql, params, allow_service, source)[0]

    def named(self, query_name, /, **values):
        """Run a named query from kg/queries with its declared parameters."""
        queries = named_queries()
        if query_name not in queries:
            raise QueryError(
                f"no named query {query_name!r}; try one of: {', '.join(sorted(queries))}")
        q = queries[query_name]
        binds = q.bindings(values)
        return self.query(q.text_for(binds), source=q.path, **binds)

    def run(self, q, /, *, allow_service=False, **values):
        """Run a NamedQuery (e.g. from read_query_file) with user values."""
        binds = q.bindings(values)
        return self.query(q.text_for(binds), allow_service=allow_service, source=q.path or q.name,
                          **binds)

    def dataframe(self, sparql, /, **params):
        """The rows of a SELECT query as a pandas DataFrame (needs pandas)."""
        try:
            import pandas as pd
        except ImportError:
            raise QueryError("Store.dataframe needs pandas: pip install pandas") from None
        rows, columns = self._select(sparql, params)
        return pd.DataFrame(rows, columns=columns)

    def select(self, sparql, /, *, allow_service=False, source="query", **params):
        """(rows, columns) of a SELECT query, columns in projection order."""
        return self._select(sparql, params, allow_service, source)

    def _select(self, sparql, params, allow_service=False, source="query"):
        form = check_query(sparql, allow_service=allow_service, source=source)
        text = bind_params(sparql, params, form=form, source=source)
        # A store loaded from files and changed only through this class answers a query text the
        # same way every time, so a repeated query is answered from the rows of the first run.
        # Never with SERVICE allowed: those rows come from elsewhere.
        cache = self._results if not allow_service else None
        hit = cache.get(text) if cache is not None else None
        if hit is None:
            result = self._run(text, source)
            columns = [v.value for v in getattr(result, "variables", [])] or None
            rows = self._read(result, source)
            if cache is not None and len(rows) * len(columns or (1,)) <= _RESULT_CACHE_CELLS // 4:
                cells = sum(len(r) for r in rows)
                while cache and (len(cache) >= _RESULT_CACHE_SIZE
                                 or self._cells + cells > _RESULT_CACHE_CELLS):
                    old = cache.pop(next(iter(cache)))  # least recently used first
                    self._cells -= sum(len(r) for r in old[0])
                cache[text] = ([r.copy() for r in rows], columns)  # kg's own copy: callers may edit theirs
                self._cells += cells
            return rows, columns
        try:
            cache[text] = cache.pop(text)  # most recently used last
        except KeyError:  # evicted meanwhile by another thread: hit is still the right answer
            pass
        return [r.copy() for r in hit[0]], (list(hit[1]) if hit[1] else None)

    def _run(self, text, source):
        try:
            return self._store.query(text, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"{source}: {_one_line(exc)}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"{source}: the query failed: {_one_line(exc)}") from None

    @classmethod
    def _read(cls, result, source):
        # results are lazy: SERVICE and some evaluation errors surface only while rows are read
        try:
            return cls._rows(result)
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"{source}: the query failed: {_one_line(exc)}") from None

    @staticmethod
    def _rows(result):
        import pyoxigraph as ox

        if isinstance(result, ox.QueryBoolean) or isinstance(result, bool):
            return [{"result": bool(result)}]
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            named, lit, xsd_string = ox.NamedNode, ox.Literal, _XSD + "string"
            rows = []
            for sol in result:
                row = {}
                for n, term in zip(names, sol):  # IRIs and plain strings (most cells) inline
                    kind = type(term)
                    if kind is named or (kind is lit and term.datatype.value == xsd_string):
                        row[n] = term.value
                    else:
                        row[n] = _to_python(term)
                rows.append(row)
            return rows
        return [
            {"subject": _to_python(t.subject), "predicate": _to_python(t.predicate),
             "object": _to_python(t.object)}
            for t in result
        ]


_RESULT_CACHE_SIZE = 64  # query texts whose rows a Store keeps
_RESULT_CACHE_CELLS = 4_000_000  # and at most this many cells in all (a larger result is not kept)


def _one_line(exc):
    return " ".join(str(exc).split())


# --------------------------------------------------------------------------------------------
# Output of query rows


def format_rows(rows, fmt="table", columns=None):
    """Rows as a text table (IRIs shortened), CSV or JSON (full IRIs)."""
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
        return buf.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown output format {fmt!r}; use table, csv or json")

    def cell(v):
        if v is None:
            return ""
        text = compact(v) if isinstance(v, str) and v.startswith(("http://", "https://")) else str(v)
        return " ".join(text.split())

    table = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in table]) for i, c in enumerate(columns)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(v, w) for v, w in zip(r, widths)).rstrip() for r in table]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _width(text):
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text, width):
    return text + " " * (width - _width(text))


# --------------------------------------------------------------------------------------------
# Serialisation: deterministic, sorted; TriG/N-Quads split facts from provenance.


def _sorted_text(store):
    """Distinct triples of all graphs as sorted N-Triples bytes (subject, predicate, object order).

    pyoxigraph writes and parses the lines; Python only sorts strings, which is fast."""
    import pyoxigraph as ox

    raw = store._store
    single = next(iter(raw.named_graphs()), None) is None
    if single:  # one graph: a set of triples, no line twice
        data = raw.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    else:
        data = ox.serialize((q.triple for q in store.quads()), format=ox.RdfFormat.N_TRIPLES)
    lines = data.splitlines()
    del data
    # UTF-8 bytes sort in code point order. The dump comes in long already-ordered runs, which
    # an in-place sort merges in a fraction of the time it takes to sort a shuffled set.
    lines.sort()
    if not single:  # the same triple in several graphs: keep one
        lines = [line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1]]
    return b"\n".join(lines) + b"\n" if lines else b""


def _parse_nt(data):
    import pyoxigraph as ox

    return ox.parse(input=data, format=ox.RdfFormat.N_TRIPLES)


def _split(triples, facts_graph=None):
    """Quads: provenance-node triples in PROVENANCE_GRAPH, the rest in the default (or facts) graph."""
    import pyoxigraph as ox

    prov_nodes = {
        str(t.subject) for t in triples
        if t.predicate.value == _RDF_TYPE and isinstance(t.object, ox.NamedNode)
        and t.object.value in PROVENANCE_CLASSES
    }
    prov = ox.NamedNode(PROVENANCE_GRAPH)
    facts = ox.NamedNode(facts_graph) if facts_graph else ox.DefaultGraph()
    quads = [ox.Quad(t.subject, t.predicate, t.object, prov if str(t.subject) in prov_nodes else facts)
             for t in triples]
    # default graph first, then named graphs; inside each, the triple order
    return sorted(quads, key=lambda q: (not isinstance(q.graph_name, ox.DefaultGraph),
                                        str(q.graph_name)))


def jsonld_context():
    """The JSON-LD @context kg writes: schema: is https://schema.org/ (never http)."""
    return dict(PREFIXES)


def _jsonld(triples):
    import pyoxigraph as ox

    def ref(term):
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        return compact(term.value)

    def value(term):
        if isinstance(term, (ox.NamedNode, ox.BlankNode)):
            return {"@id": ref(term)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        dt = term.datatype.value
        if dt == _XSD + "string":
            return term.value
        if dt == _XSD + "integer" and re.fullmatch(r"-?[1-9]\d{0,14}|0", term.value):
            return int(term.value)
        if dt == _XSD + "boolean" and term.value in ("true", "false"):
            return term.value == "true"
        return {"@value": term.value, "@type": compact(dt)}

    nodes = {}
    for t in triples:
        node = nodes.setdefault(str(t.subject), {"@id": ref(t.subject)})
        if t.predicate.value == _RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(t.object.value))
        else:
            node.setdefault(compact(t.predicate.value), []).append(value(t.object))
    graph = []
    for node in nodes.values():
        graph.append({k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in node.items()})
    doc = {"@context": jsonld_context(), "@graph": graph}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def serialize(store, fmt="turtle", *, facts_graph=None):
    """The store's triples as bytes in fmt (turtle, nt, jsonld, trig, nquads), sorted by
    subject, predicate, object (as N-Triples text), so the bytes are the same on every run.

    Turtle, N-Triples and JSON-LD hold every triple in one graph; TriG and N-Quads put the
    kg:Assertion / rdf:Statement / kg:Evidence / kg:CoOccurrence nodes in the provenance graph
    and the rest in the default graph (or in facts_graph when given).
    """
    import pyoxigraph as ox

    if fmt not in FORMATS:
        raise GraphError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    text = _sorted_text(store)
    if fmt == "nt":
        return text
    prefixes = {p: ns for p, ns in PREFIXES.items() if f"<{ns}".encode("utf-8") in text}
    if fmt == "turtle":
        return ox.serialize(_parse_nt(text), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    triples = list(_parse_nt(text))
    if fmt == "jsonld":
        return _jsonld(triples)
    quads = _split(triples, facts_graph)
    if fmt == "nquads":
        return "".join(f"{q} .\n" for q in quads).encode("utf-8")
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes)


# --------------------------------------------------------------------------------------------
# SHACL validation (pyshacl)


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    """One SHACL result, ready to print."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"


def format_violation(v):
    """``Violation kgid:person/x schema:name: a person needs one schema:name``."""
    value = f" (value: {v.value})" if v.value else ""
    path = f" {v.path}" if v.path else ""
    return f"{v.severity} {v.focus}{path}: {v.message}{value}"


def _rdflib_graph(paths):
    import rdflib

    graph = rdflib.Graph()
    for path in _as_paths(paths):
        if not path.is_file():
            raise GraphError(f"{path}: no such graph file")
        suffix = path.suffix.lower()
        if suffix not in _EXTENSIONS:
            raise GraphError(f"{path}: unknown RDF format {suffix or '(no extension)'}")
        fmt = _EXTENSIONS[suffix][1]
        if fmt == "json-ld":
            from kg.rdf import refuse_remote_contexts

            refuse_remote_contexts(path)
        try:
            if fmt in ("trig", "nquads"):
                ds = rdflib.Dataset()
                ds.parse(path, format=fmt)
                for s, p, o, _ in ds.quads((None, None, None, None)):
                    graph.add((s, p, o))
            else:
                graph.parse(path, format=fmt)
        except Exception as exc:  # rdflib raises many parser-specific types
            raise GraphError(f"{path}: cannot parse: {_one_line(exc)}") from None
    return graph


def validate_graph(paths, shapes=None):
    """SHACL results (violations and warnings) of the graph file(s) against kg/shapes.ttl, sorted."""
    import pyshacl
    import rdflib
    from rdflib.namespace import SH

    data = _rdflib_graph(paths)
    shapes_graph = rdflib.Graph().parse(shapes or SHAPES, format="turtle")
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none",
                                    abort_on_first=False, allow_warnings=True, advanced=True)

    def show(term):
        if term is None:
            return ""
        if isinstance(term, rdflib.URIRef):
            return compact(str(term))
        if isinstance(term, rdflib.BNode):
            return _path_text(report, term)
        return term.n3()

    out = set()
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        message = report.value(result, SH.resultMessage)
        out.add(Violation(
            focus=show(report.value(result, SH.focusNode)),
            path=show(report.value(result, SH.resultPath)),
            message=" ".join(str(message or "does not conform").split()),
            value=show(report.value(result, SH.value)),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        ))
    return sorted(out, key=lambda v: (v.severity != "Violation", v.focus, v.path, v.message, v.value))


def _path_text(graph, node):
    import rdflib
    from rdflib.namespace import SH

    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return f"^{compact(str(inverse))}"
    items = list(rdflib.collection.Collection(graph, node)) if graph.value(node, rdflib.RDF.first) else []
    if items:
        return "/".join(compact(str(i)) for i in items)
    return "[path]"


def check_valid(paths, shapes=None):
    """Raise ValidationError naming the first violation when the graph does not conform."""
    found = [v for v in validate_graph(paths, shapes) if v.severity == "Violation"]
    if found:
        raise ValidationError(
            f"{_as_paths(paths)[0]}: {len(found)} SHACL violation(s), first: {format_violation(found[0])}"
        )
