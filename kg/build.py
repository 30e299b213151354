"""Building: input files through the pipeline into graph.ttl, graph.html, graph.json and graph.graphml."""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, KGError

__all__ = ["BuildReport", "extract_file", "extract_batch", "build_graph", "write_outputs", "build_state", "record_build",
           "outputs_current"]

# Files per task sent to a worker: enough to amortise the hand-over, few enough to balance.
_MAX_BATCH = 16


@dataclass(slots=True)
class BuildReport:
    files: int = 0
    articles: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    # of `files`, those run through the pipeline in this build and those whose facts came from the
    # cache (a file skipped as binary by the pipeline is neither: it is in `skipped`)
    extracted: int = 0
    cached: int = 0


def extract_file(path_and_source):
    """Worker: one file's article facts, or the reason it was skipped."""
    from kg.ingest import Page
    from kg.pipeline import extract_page

    path, source, *rest = path_and_source  # (path, source) or (path, source, max_bytes)
    try:
        page = Page.from_file(path, source=source, **({"max_bytes": rest[0]} if rest else {}))
        return source, extract_page(page), None
    except InputError as exc:
        return source, (), exc.reason
    except OSError as exc:  # vanished or unreadable mid-run
        return source, (), f"cannot read: {exc.strerror or exc}"
    except Exception as exc:  # a bug on one odd page must not sink the others; --strict still fails
        return source, (), f"internal error, please report it: {type(exc).__name__}: {exc}"


def extract_batch(batch, lac: bool = False):
    """Worker (process pool or Dask): `[(source, bytes), ...]` → `(PIPELINE_VERSION, [(source,
    facts, skip reason), ...])`. Bytes, not paths, so a cluster's workers need no shared disk.
    `lac` adds the optional LAC persons (`kg.lac`)."""
    from kg.ingest import Page, decode_bytes
    from kg.pipeline import PIPELINE_VERSION, extract_page

    out = []
    for source, data in batch:
        try:
            text, encoding, replaced = decode_bytes(data)
        except ValueError as exc:
            out.append((source, (), str(exc)))
            continue
        page = Page(source=source, text=text, encoding=encoding, replaced=replaced)
        try:
            out.append((source, extract_page(page, lac=lac), None))
        except Exception as exc:  # a bug on one odd page must not sink the others; --strict still fails
            out.append((source, (), f"internal error, please report it: {type(exc).__name__}: {exc}"))
    return PIPELINE_VERSION, out


def _warm_worker():
    # what every page needs and takes a second or more to load: the tokenizer, the vocabulary,
    # the name model (a MentionFinder loads them all, once per process)
    from kg.mentions import MentionFinder

    MentionFinder()


def _inputs(paths, report: BuildReport, max_bytes: int):
    from kg.ingest import iter_input_files

    # paths walked over (missing, broken links, loops, `x.txt/` folders, empty or oversized
    # files) are reported through on_skip; without it they would vanish without a word
    out = [(str(path), source) for path, source in
           iter_input_files(paths, max_bytes=max_bytes, on_skip=lambda s: report.skipped.append((s.path, s.reason)))]
    return sorted(out, key=lambda x: x[1])


class _Done:
    """A finished result that looks like a future."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def done(self):
        return True

    def result(self):
        return self.value


def _ordered_results(files, *, max_bytes, cache, submit, window, batch_size, report):
    """`(source, facts, reason)` for every file, in the order of `files`: from the cache where
    it has them, else from `submit(batch)` futures, at most `window` of them in flight, so a
    corpus streams through and only the files being worked on are in memory."""
    from kg.ingest import _read_bytes
    from kg.pipeline import PIPELINE_VERSION

    queue: deque = deque()  # ("done", results) | ("future", future, cache keys)
    inflight = 0
    batch: list = []
    keys: list = []

    def send():
        nonlocal inflight, batch, keys
        if batch:
            queue.append(("future", submit(batch), keys))
            inflight += 1
            batch, keys = [], []

    def pop():
        nonlocal inflight
        item = queue.popleft()
        if item[0] == "done":
            return item[1]
        version, results = item[1].result()
        inflight -= 1
        if version != PIPELINE_VERSION:
            raise KGError(f"a worker runs kg with PIPELINE_VERSION {version}, this client {PIPELINE_VERSION}: "
                          "install the same kg on the cluster's workers")
        report.extracted += sum(reason is None for _, _, reason in results)
        if cache is not None:
            for key, (source, facts, reason) in zip(item[2], results):
                cache.put(key, (facts, reason))
        return results

    def ready():
        return queue and (queue[0][0] == "done" or queue[0][1].done())

    for path, source in files:
        try:
            data = _read_bytes(path, max_bytes)
        except InputError as exc:
            send()
            queue.append(("done", [(source, (), exc.reason)]))
            continue
        key = cache.key(data, source) if cache is not None else None
        hit = cache.get(key) if cache is not None else None
        if hit is not None:
            send()  # what came before goes first, so results stay in order
            report.cached += hit[1] is None
            queue.append(("done", [(source, *hit)]))
        else:
            batch.append((source, data))
            keys.append(key)
            if len(batch) >= batch_size:
                send()
        while inflight >= window or ready():
            yield from pop()
    send()
    while queue:
        yield from pop()


def build_graph(paths, *, jobs: int = 1, progress=None, report: BuildReport | None = None, max_bytes: int | None = None,
                cache=None, scheduler: str | None = None, lac: bool = False):
    """The RDF graph (`kg.rdf.Triples`) of every readable file under `paths`; skips are
    recorded in `report`.

    Files over `max_bytes` (default `kg.ingest.DEFAULT_MAX_BYTES`) are skipped, not read.
    `jobs` > 1 extracts in that many worker processes; `scheduler` (`tcp://host:8786`, or a
    `distributed.Client`) on a Dask cluster instead. `cache` (a `kg.cache.FactCache`) supplies
    the facts of files seen before and keeps those of the others (give it a cache whose
    version says `+lac` when `lac` is on). Whatever runs it, the graph is the same: results are
    merged in the order of the sorted file names.
    """
    from kg.ingest import DEFAULT_MAX_BYTES

    report = report if report is not None else BuildReport()
    max_bytes = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    files = _inputs(paths, report, max_bytes)
    n = len(files)
    with contextlib.ExitStack() as stack:
        if scheduler is not None:
            from kg.cluster import dask_submitter

            submit, workers = dask_submitter(scheduler, stack, lac=lac)
            window, batch_size = 4 * workers, max(1, min(4, n // (workers * 8) or 1))
        elif jobs > 1 and n > 1:
            submit = _LazyPool(jobs, stack, functools.partial(extract_batch, lac=lac))
            window, batch_size = 3 * jobs, max(1, min(_MAX_BATCH, n // (jobs * 8) or 1))
        else:
            submit, window, batch_size = (lambda batch: _Done(extract_batch(batch, lac=lac))), 1, 1
        results = _ordered_results(files, max_bytes=max_bytes, cache=cache, submit=submit, window=window,
                                   batch_size=batch_size, report=report)
        if window > 1:
            # the first batches are out: load what merging and writing need (rdflib, networkx;
            # a tenth of a second) while the workers extract, not before they start
            first = next(results, None)
            results = itertools.chain([] if first is None else [first], results)
            _load_writers()
        from kg.rdf import build_triples

        g = build_triples(_facts(results, report, progress, n))
    return g, report


def _load_writers() -> None:
    import kg.graph  # noqa: F401 (networkx)
    import kg.rdf  # noqa: F401 (rdflib)


def _facts(results, report, progress, n):
    for i, (source, page_facts, reason) in enumerate(results, 1):
        if reason:
            report.skipped.append((source, reason))
        else:
            report.files += 1
            report.articles += len(page_facts)
            yield from page_facts
        if progress:
            progress(i, n)


class _LazyPool:
    """`submit(batch)` to a process pool started on first use: a build served wholly from
    the cache starts no workers."""

    def __init__(self, jobs, stack, work=extract_batch):
        self.jobs, self.stack, self.work, self.pool = jobs, stack, work, None

    def __call__(self, batch):
        if self.pool is None:
            self.pool = self.stack.enter_context(_process_pool(self.jobs))
        return self.pool.submit(self.work, batch)


def _process_pool(jobs: int) -> ProcessPoolExecutor:
    import multiprocessing

    # fork where there is one: each worker starts with the parent's tokenizer already loaded,
    # instead of spending a second of its own building it
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        _warm_worker()
        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(max_workers=jobs, initializer=_warm_worker)


def write_outputs(g, outdir, *, html: bool = True, jobs: int = 1) -> list[Path]:
    """graph.ttl, graph.json (node-link), graph.graphml and graph.html, written as one
    (`kg.rdf.StagedFiles`): each file goes to a temporary file as soon as it is rendered, and
    all are renamed into place at the end, so a failed or interrupted build leaves the previous
    set whole, never a new graph.ttl beside an old graph.html.

    `g` is a build's `kg.rdf.Triples` (or an rdflib Graph). With `jobs` > 1 the Turtle, the
    GraphML and the page are rendered and written by forked children while this process makes
    the networkx view and the JSON (written by a forked child as well): the same bytes, in well
    under half the time on two cores."""
    from kg.graph import to_networkx
    from kg.rdf import Forked, StagedFiles, can_fork, turtle_bytes

    outdir = Path(outdir)
    fork = jobs > 1 and can_fork()
    names = ["graph.ttl", "graph.json", "graph.graphml"] + (["graph.html"] if html else [])
    with StagedFiles() as staged:

        def render(name, make):
            if fork:
                staged.adopt(Forked(make, into=staged.reserve(outdir / name)).__enter__())
            else:
                staged.write(outdir / name, make())

        render("graph.ttl", lambda: turtle_bytes(g))  # needs no view: started first
        G = to_networkx(g)
        if html:
            render("graph.html", lambda: _html_bytes(G))  # the longest: the layout
        render("graph.graphml", lambda: _graphml_bytes(G))
        staged.write(outdir / "graph.json", _json_bytes(G), background=fork)
        staged.commit()
    return [outdir / name for name in names]


def _json_bytes(G) -> bytes:
    """`nx.node_link_data(G, edges="links")` as `_indented_json` writes it."""
    text = _view_json(G)
    if text is None:
        import networkx as nx

        text = _indented_json(nx.node_link_data(G, edges="links"))
    return text.encode("utf-8")


_NODE_KEYS = frozenset(("aliases", "articles", "date", "kind", "name", "subkind", "titles"))
_EDGE_KEYS = frozenset(("confidence", "cooccurrence", "evidence", "relation", "rule", "weight"))
_ARTICLE_KEYS = frozenset(("headline", "iri", "source"))
_EVIDENCE_KEYS = frozenset(("headline", "sentence", "source"))


def _view_json(G) -> str | None:
    """The node-link JSON of a view made by `kg.graph.to_networkx`, character for character
    what `_indented_json(nx.node_link_data(G, edges="links"))` writes, about three times as
    fast: kg's attributes are known, so each node and edge is one template, its strings left to
    the C escaper. None for a graph with anything else (other attributes, types, graph data):
    that goes the general way."""
    import math
    from json.encoder import encode_basestring as e

    if not (G.is_directed() and G.is_multigraph()) or G.graph:
        return None

    def strings(values) -> str:  # a list of strings one level below a node's items
        return "[\n    " + ",\n    ".join(map(e, values)) + "\n   ]" if values else "[]"

    def records(items, keys) -> str | None:  # a list of flat string records (articles, evidence)
        if not items:
            return "[]"
        if any(x.keys() != keys for x in items):
            return None
        order = sorted(keys)
        return "[\n" + ",\n".join(
            "    {\n" + ",\n".join([f'     "{k}": {e(x[k])}' for k in order]) + "\n    }" for x in items) + "\n   ]"

    try:
        nodes = []
        for n, a in G.nodes(data=True):
            if a.keys() != _NODE_KEYS or type(n) is not str:
                return None
            arts = records(a["articles"], _ARTICLE_KEYS)
            if arts is None:
                return None
            nodes.append(f'  {{\n   "aliases": {strings(a["aliases"])},\n   "articles": {arts},\n'
                         f'   "date": {e(a["date"])},\n   "id": {e(n)},\n   "kind": {e(a["kind"])},\n'
                         f'   "name": {e(a["name"])},\n   "subkind": {e(a["subkind"])},\n'
                         f'   "titles": {strings(a["titles"])}\n  }}')
        links = []
        for u, v, k, a in G.edges(keys=True, data=True):
            conf, co, w = a["confidence"], a["cooccurrence"], a["weight"]
            if (a.keys() != _EDGE_KEYS or type(conf) is not float or not math.isfinite(conf) or type(co) is not bool
                    or type(w) is not int or type(u) is not str or type(v) is not str):
                return None
            evs = records(a["evidence"], _EVIDENCE_KEYS)
            if evs is None:
                return None
            links.append(f'  {{\n   "confidence": {float.__repr__(conf)},\n   "cooccurrence": {"true" if co else "false"},\n'
                         f'   "evidence": {evs},\n   "key": {e(k)},\n   "relation": {e(a["relation"])},\n'
                         f'   "rule": {e(a["rule"])},\n   "source": {e(u)},\n   "target": {e(v)},\n'
                         f'   "weight": {int.__repr__(w)}\n  }}')
    except (TypeError, AttributeError):  # a value that is not a string, a list or a dict where kg puts one
        return None
    return ('{\n "directed": true,\n "graph": {},\n "links": '
            + ("[\n" + ",\n".join(links) + "\n ]" if links else "[]")
            + ',\n "multigraph": true,\n "nodes": '
            + ("[\n" + ",\n".join(nodes) + "\n ]" if nodes else "[]") + "\n}")


def _indented_json(obj) -> str:
    """`json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1)`, character for character.

    With `indent` the json module gives up its C encoder for a pure-Python one made of nested
    generators; this walks the data once and leaves the strings to the C escaper, about three
    times as fast. Anything but str-keyed dicts, lists, strings, numbers, booleans and None
    goes to json.dumps itself."""
    from json.encoder import encode_basestring

    parts: list[str] = []
    append = parts.append
    inf = float("inf")

    def emit(o, indent: str) -> None:
        if isinstance(o, str):
            append(encode_basestring(o))
        elif o is None:
            append("null")
        elif o is True:
            append("true")
        elif o is False:
            append("false")
        elif isinstance(o, int):
            append(int.__repr__(o))
        elif isinstance(o, float):
            append("NaN" if o != o else "Infinity" if o == inf else "-Infinity" if o == -inf else float.__repr__(o))
        elif isinstance(o, (list, tuple)):
            if not o:
                append("[]")
                return
            inner = indent + " "
            lead, sep = "[\n" + inner, ",\n" + inner
            if type(o[0]) is str:
                try:  # a list of strings in one piece (encode_basestring refuses anything else)
                    append(lead + sep.join(map(encode_basestring, o)) + "\n" + indent + "]")
                    return
                except TypeError:
                    pass
            for v in o:
                # strings (most values) written here, without a call per value
                if type(v) is str:
                    append(lead + encode_basestring(v))
                else:
                    append(lead)
                    emit(v, inner)
                lead = sep
            append("\n" + indent + "]")
        elif isinstance(o, dict):
            if not o:
                append("{}")
                return
            inner = indent + " "
            lead, sep = "{\n" + inner, ",\n" + inner
            for k, v in sorted(o.items()):
                if type(k) is not str:
                    raise _NotPlain
                t = type(v)
                if t is str:
                    append(lead + encode_basestring(k) + ": " + encode_basestring(v))
                elif t is int:
                    append(lead + encode_basestring(k) + ": " + int.__repr__(v))
                else:
                    append(lead + encode_basestring(k) + ": ")
                    emit(v, inner)
                lead = sep
            append("\n" + indent + "}")
        else:
            raise _NotPlain

    try:
        emit(obj, "")
    except (_NotPlain, RecursionError, TypeError):
        return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1)
    return "".join(parts)


class _NotPlain(Exception):
    """Data `_indented_json` leaves to json.dumps."""


def _graphml_bytes(G) -> bytes:
    """`_networkx_graphml_bytes(G)`, byte for byte, about six times as fast.

    networkx builds an ElementTree of the whole document (an element per node, edge and
    value, then an indenting pass) before writing a line; this writes the same text straight
    from the view, through ElementTree's own escaping, and leaves a view with values of other
    types than kg's (str node attributes, str relation, int weight) to networkx."""
    try:
        from xml.etree.ElementTree import _escape_attrib, _escape_cdata  # the escaping networkx's writer uses
    except ImportError:  # a Python without them: networkx's way
        return _networkx_graphml_bytes(G)
    from networkx.readwrite.graphml import GraphML

    nodes = []
    for n, a in G.nodes(data=True):
        values = (a["name"], a["kind"], a["subkind"] or "", "、".join(a["titles"]))
        if not isinstance(n, str) or any(type(v) is not str for v in values):
            return _networkx_graphml_bytes(G)
        nodes.append((n, values))
    edges = []
    for u, v, k, a in G.edges(keys=True, data=True):
        rel, w = a["relation"], a["weight"]
        if type(rel) is not str or type(w) is not int:
            return _networkx_graphml_bytes(G)
        edges.append((u, v, k, rel, w))

    # the layout of networkx's indent(): a child's tail is the indentation of the next
    # sibling, the last child's that of its parent's closing tag
    out = [f'<graphml xmlns="{GraphML.NS_GRAPHML}" xmlns:xsi="{GraphML.NS_XSI}" '
           f'xsi:schemaLocation="{GraphML.SCHEMALOCATION}">']
    append = out.append
    # keys in the order networkx makes them (first node's attributes, then the first edge's),
    # each inserted before the others
    keys = []
    if nodes:
        keys += [("node", "label", "string"), ("node", "kind", "string"), ("node", "subkind", "string"),
                 ("node", "titles", "string")]
    if edges:
        keys += [("edge", "relation", "string"), ("edge", "weight", "long")]
    for i in reversed(range(len(keys))):
        scope, name, kind = keys[i]
        append(f'\n  <key id="d{i}" for="{scope}" attr.name="{name}" attr.type="{kind}" />')
    if not nodes and not edges:
        append('\n  <graph edgedefault="directed" />\n</graphml>\n')
    else:
        append('\n  <graph edgedefault="directed">')

        def data(values, first) -> str:
            return "".join(f'\n      <data key="d{first + i}">{_escape_cdata(v)}</data>' if v else
                           f'\n      <data key="d{first + i}" />' for i, v in enumerate(values))

        for n, values in nodes:
            append(f'\n    <node id="{_escape_attrib(str(n))}">{data(values, 0)}\n    </node>')
        for u, v, k, rel, w in edges:
            append(f'\n    <edge source="{_escape_attrib(str(u))}" target="{_escape_attrib(str(v))}" '
                   f'id="{_escape_attrib(str(k))}">{data((rel, str(w)), 4)}\n    </edge>')
        append("\n  </graph>\n</graphml>\n")
    # ElementTree writes US-ASCII with character references, which networkx splits into lines
    text = "".join(out).encode("ascii", "xmlcharrefreplace").decode("ascii")
    return "\n".join(text.splitlines()).encode("utf-8")


def _networkx_graphml_bytes(G) -> bytes:
    import networkx as nx

    gml = nx.MultiDiGraph()
    for n, a in G.nodes(data=True):
        gml.add_node(n, label=a["name"], kind=a["kind"], subkind=a["subkind"] or "", titles="、".join(a["titles"]))
    for u, v, k, a in G.edges(keys=True, data=True):
        gml.add_edge(u, v, key=k, relation=a["relation"], weight=a["weight"])
    return "\n".join(nx.generate_graphml(gml)).encode("utf-8")


def _html_bytes(G) -> bytes:
    from kg.viz import render_html

    return render_html(G, title="kg").encode("utf-8")


# ---- unchanged builds ------------------------------------------------------------------------
# A build whose inputs, options and kg are those of the last build into the same folder, with
# that build's files still in place, has nothing to do. What was built is recorded in the
# cache folder (`builds/<hash of the output folder>.json`), never in the output folder.

_OUTPUT_NAMES = ("graph.ttl", "graph.json", "graph.graphml", "graph.html")


@functools.lru_cache(maxsize=1)
def _kg_code_hash() -> str:
    import hashlib
    from importlib import resources

    from kg.cache import _hash_tree

    h = hashlib.sha256()
    _hash_tree(h, resources.files("kg"))  # code, vocabulary, static files of the HTML view
    return h.hexdigest()


def build_state(paths, outdir, cache, *, html: bool = True, max_bytes: int | None = None) -> str:
    """A hash of everything a build into `outdir` depends on: the files (names and bytes),
    the options, kg's code and data, the extraction fingerprint."""
    import hashlib

    from kg.ingest import DEFAULT_MAX_BYTES, _read_bytes

    max_bytes = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    report = BuildReport()
    h = hashlib.sha256(f"{cache.fingerprint}\0{_kg_code_hash()}\0html={html}\0{max_bytes}\0".encode())
    for path, source in _inputs(paths, report, max_bytes):
        try:
            h.update(cache.key(_read_bytes(path, max_bytes), source).encode())
        except InputError as exc:
            h.update(f"skip\0{source}\0{exc.reason}".encode())
    for source, reason in report.skipped:
        h.update(f"skip\0{source}\0{reason}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _manifest(cache, outdir) -> Path:
    import hashlib

    return cache.root / "builds" / (hashlib.sha256(os.path.abspath(outdir).encode()).hexdigest()[:24] + ".json")


def _digest(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def outputs_current(state: str, outdir, cache) -> dict | None:
    """The recorded summary of the last build into `outdir` if it had this `state` and its
    files are still there unchanged; else None."""
    try:
        rec = json.loads(_manifest(cache, outdir).read_text(encoding="utf-8"))
        if rec.get("state") != state:
            return None
        for name, digest in rec["outputs"].items():
            if _digest(Path(outdir) / name) != digest:
                return None
        return rec
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def record_build(state: str, outdir, cache, written, report: BuildReport, triples: int) -> None:
    """Note what was built, for `outputs_current`; silently nothing if it cannot be written."""
    from kg.rdf import write_atomic

    rec = {"state": state, "outputs": {Path(p).name: _digest(Path(p)) for p in written},
           "files": report.files, "articles": report.articles, "triples": triples, "skipped": report.skipped}
    try:
        write_atomic(_manifest(cache, outdir), json.dumps(rec, ensure_ascii=False, indent=1).encode("utf-8"))
    except OSError:
        pass
