"""Benchmark: rdflib's default store vs kg (pyoxigraph) on a >=1M-triple kg graph.

One command builds the graph: `kg build` of the People's Daily articles in ../shared (real
extraction, about 0.55M triples; with --source seeds or without ../shared: graphs/graph.ttl, else
tests/fixtures/graph_small.ttl), replicated with IRI suffixes up to the size asked for. It picks
each named query's parameters from the source graph (among the most mentioned entities, the name
that gives the most rows, so no query is timed on an empty answer), then runs each engine in its own
subprocess (so peak memory is that engine's alone) to measure: Turtle load, Turtle serialisation,
p50/p95 per named query, peak RSS. Prints a table and the rdflib/kg ratios.

kg's numbers are what the Python API (kg.sparql.Store) gives, the same calls `kg query` makes:
- "first run" evaluates the query every time (the store's result reuse is cleared before each run);
- "repeat" runs the same query again on the unchanged store, which kg answers from the rows of
  its first run (Store keeps them until the store changes).
Queries with an optional name are timed twice: over the whole graph, and with a name.

    .venv/bin/python bench/sparql.py                    # 1M triples, about 15 minutes (mostly rdflib)
    .venv/bin/python bench/sparql.py --triples 200000   # quicker
    .venv/bin/python bench/sparql.py --json out.json    # also write every number
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KGID = "https://w3id.org/kgzh/id/"
KG = "https://w3id.org/kgzh/ns#"
SHARED = ROOT.parent / "shared"
PD = SHARED / "data" / "pd1998" / "articles_19980101-15.jsonl"
PD_GOLD = SHARED / "eval" / "pd_gold.py"
NAME_PREDICATES = {
    "https://schema.org/name",
    "https://schema.org/alternateName",
    "http://www.w3.org/2000/01/rdf-schema#label",
}


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# ---- building the big graph --------------------------------------------------------------------


def build_people_daily(work):
    """graph.ttl of a `kg build` of every People's Daily article (real extraction of 1,480
    articles, about 0.55M triples), or None when ../shared is not beside the checkout."""
    if not (PD.is_file() and PD_GOLD.is_file()):
        return None
    subprocess.run([sys.executable, str(PD_GOLD), str(PD), str(work / "pd")], check=True, capture_output=True)
    out = work / "pd_graph"
    subprocess.run([sys.executable, "-m", "kg", "build", str(work / "pd" / "corpus"), "-o", str(out), "-q",
                    "--no-html", "--no-cache"], cwd=ROOT, check=True)
    return out / "graph.ttl"


def build(source, target, triples_wanted):
    """Write target (Turtle): copy 0 is the source as is; copy i suffixes every kgid IRI path with
    /r{i} and every name with ·i, so name lookups stay selective and copies never link up.
    The kg:FrequentCoOccurrence marks are made again over all copies, as one build of that many
    articles would make them."""
    import pyoxigraph as ox

    from kg.rdf import frequent_pairs
    from kg.sparql import PREFIXES

    store = ox.Store()
    store.bulk_load(path=str(source), format=ox.RdfFormat.TURTLE)
    frequent = ox.NamedNode(KG + "FrequentCoOccurrence")
    base = [q.triple for q in store if q.object != frequent]
    copies = max(1, -(-triples_wanted // len(base)))

    def node(term, i):
        if isinstance(term, ox.NamedNode) and term.value.startswith(KGID):
            return ox.NamedNode(f"{KGID}r{i}/{term.value[len(KGID):]}")
        return term

    out = []
    for i in range(copies):
        for t in base:
            if i == 0:
                out.append(t)
                continue
            o = t.object
            if isinstance(o, ox.Literal) and t.predicate.value in NAME_PREDICATES:
                o = ox.Literal(f"{o.value}·{i}", language=o.language) if o.language else ox.Literal(f"{o.value}·{i}")
            else:
                o = node(o, i)
            out.append(ox.Triple(node(t.subject, i), t.predicate, o))
    weights, participants = {}, {}
    for t in out:
        if t.predicate.value == KG + "weight":
            weights[t.subject] = int(t.object.value)
        elif t.predicate.value == KG + "participant":
            participants.setdefault(t.subject, set()).add(t.object)
    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    marked = frequent_pairs((c, w) for c, w in weights.items() if len(participants.get(c, ())) == 2)
    out.extend(ox.Triple(c, rdf_type, frequent) for c in sorted(marked, key=str))
    ox.serialize(out, str(target), ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return len(out), copies


def pick_params(source):
    """case label -> (query name, {param: value}): per named query, the name (or alias) in the source
    graph with the most rows (ties: the first name in code point order); queries whose name is
    optional also get a whole-graph case."""
    from kg.sparql import Store, named_queries

    store = Store.load(source, cache=False)
    # the names of the 150 most mentioned entities of each class (every name of a small graph):
    # trying every name of a large one would take longer than the benchmark
    names = sorted({r["n"] for cls in ("Person", "Organization", "Place") for r in store.query(
        "SELECT ?n (COUNT(?a) AS ?k) WHERE { ?e a <https://schema.org/%s> ; <https://schema.org/name> ?n . "
        "OPTIONAL { ?a <https://schema.org/mentions> ?e } } GROUP BY ?n ORDER BY DESC(?k) ?n LIMIT 150" % cls)})
    cases = {}
    for qname, q in sorted(named_queries().items()):
        declared = {p.name: p for p in q.params}
        if "name" not in declared:
            cases[qname] = (qname, {})
            continue
        best = max(names, key=lambda n: (len(store.named(qname, name=n)), [-ord(c) for c in n]))
        if declared["name"].required:
            cases[qname] = (qname, {"name": best})
        else:
            cases[f"{qname} (whole graph)"] = (qname, {})
            cases[f"{qname} (a name)"] = (qname, {"name": best})
    return cases


# ---- workers (one engine per process) ----------------------------------------------------------


class Timeout(BaseException):
    """Not an Exception: rdflib's evaluator catches those in places and would run on."""


def _alarm(signum, frame):
    raise Timeout()


def time_query(run, reps, budget, timeout):
    times, rows = [], None
    spent = 0.0
    for _ in range(reps):
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout, 1.0)  # again every second, should one be swallowed
        t0 = time.perf_counter()
        try:
            rows = run()
        except Timeout:
            return {"timeout": timeout, "times": times, "rows": rows}
        except Exception as exc:  # an engine that cannot run the query: reported, not fatal
            return {"error": f"{type(exc).__name__}: {exc}"[:200], "times": times, "rows": rows}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        dt = time.perf_counter() - t0
        times.append(dt)
        spent += dt
        if spent > budget and len(times) >= 1:
            break
    return {"times": times, "rows": rows}


def worker(engine, path, cases, reps, budget, timeout, serialize_timeout=600):
    from kg.sparql import named_queries

    result = {"engine": engine}
    queries = named_queries()
    prepared = {}
    for label, (qname, values) in cases.items():
        q = queries[qname]
        binds = q.bindings(values)
        prepared[label] = (q.text_for(binds), binds)  # the text kg runs; rdflib gets the same
    if engine == "pyoxigraph":
        from kg.sparql import Store, serialize

        t0 = time.perf_counter()
        store = Store.load(path)  # bulk_load of the Turtle file
        result["load_s"] = time.perf_counter() - t0
        result["triples"] = len(store)
        result["rss_after_load_mb"] = peak_rss_mb()
        t0 = time.perf_counter()
        data = serialize(store, "turtle")  # sorted, deterministic: what `kg export` does
        result["serialize_s"] = time.perf_counter() - t0
        del data

        def first_run(text, binds):
            def run():
                store.clear_cache()
                return len(store.query(text, **binds))
            return run

        def repeat(text, binds):
            return lambda: len(store.query(text, **binds))

        runners = {"queries": first_run, "repeats": repeat}
    else:
        import rdflib

        t0 = time.perf_counter()
        g = rdflib.Graph()
        g.parse(path, format="turtle")
        result["load_s"] = time.perf_counter() - t0
        result["triples"] = len(g)
        result["rss_after_load_mb"] = peak_rss_mb()
        # rdflib's Turtle writer can take most of an hour on a real 1M-triple kg graph (it looks
        # up a prefix for every IRI): bounded like a query, reported as "over N s"
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, serialize_timeout, 1.0)
        t0 = time.perf_counter()
        try:
            g.serialize(format="turtle")
            result["serialize_s"] = time.perf_counter() - t0
        except Timeout:
            result["serialize_s"], result["serialize_timeout"] = float("nan"), serialize_timeout
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

        def to_rdflib(term):
            import pyoxigraph as ox

            if isinstance(term, ox.NamedNode):
                return rdflib.URIRef(term.value)
            if term.language:
                return rdflib.Literal(term.value, lang=term.language)
            return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))

        def evaluate(text, binds):
            init = {rdflib.Variable(k): to_rdflib(v) for k, v in binds.items()}
            return lambda: len(list(g.query(text, initBindings=init)))

        runners = {"queries": evaluate}

    for key in runners:
        result[key] = {}
    for label, (text, binds) in sorted(prepared.items()):
        for key, make in runners.items():  # kg: first runs, then (their rows kept) the repeats
            result[key][label] = time_query(make(text, binds), reps, budget, timeout)
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


# ---- the driver --------------------------------------------------------------------------------


def pct(times, q):
    if not times:
        return float("nan")
    ordered = sorted(times)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def fmt_s(x):
    if x != x:  # nan
        return "-"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def ratio(a, b):
    return f"{a / b:,.1f}x" if a == a and b == b and b > 0 else "-"


def cli_runs(graph, cases, runs=3):
    """Wall-clock seconds of `kg query --name ...` end to end (a new process: start, load the
    graph, run, print CSV), the median of runs, for the whole-graph cases and one with a name."""
    out = {}
    picked = [label for label in cases if "whole graph" in label] + ["relation_evidence"]
    for label in picked:
        if label not in cases:
            continue
        qname, values = cases[label]
        cmd = [sys.executable, "-m", "kg", "query", "--name", qname, "--graph", str(graph), "--format", "csv"]
        for k, v in values.items():
            cmd += ["--param", f"{k}={v}"]
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - t0)
        out[label] = statistics.median(times)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the graph (default 1M)")
    ap.add_argument("--source", help="graph to replicate: a Turtle file, 'pd' (a kg build of the People's Daily "
                    "articles in ../shared, the default when they are there) or 'seeds' (graphs/graph.ttl, the "
                    "default otherwise, else the test fixture)")
    ap.add_argument("--reps", type=int, default=20, help="runs per query for kg (default 20)")
    ap.add_argument("--rdflib-reps", type=int, default=3, help="runs per query for rdflib (default 3)")
    ap.add_argument("--budget", type=float, default=10, help="seconds of runs per query before stopping early (default 10)")
    ap.add_argument("--timeout", type=float, default=30, help="seconds before one query run is abandoned (default 30)")
    ap.add_argument("--serialize-timeout", type=float, default=600,
                    help="seconds before rdflib's Turtle serialisation is abandoned (default 600)")
    ap.add_argument("--keep", metavar="FILE", help="also keep the generated Turtle file here")
    ap.add_argument("--json", metavar="FILE", help="write every measurement here as JSON")
    ap.add_argument("--worker", choices=("pyoxigraph", "rdflib"), help=argparse.SUPPRESS)
    ap.add_argument("--file", help=argparse.SUPPRESS)
    ap.add_argument("--cases", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        reps = args.reps if args.worker == "pyoxigraph" else args.rdflib_reps
        worker(args.worker, args.file, json.loads(args.cases), reps, args.budget, args.timeout, args.serialize_timeout)
        return 0

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        source = Path(args.source) if args.source not in (None, "pd", "seeds") else None
        if source is None and args.source != "seeds":
            t0 = time.perf_counter()
            source = build_people_daily(Path(tmp))
            if source is not None:
                print(f"source: kg build of People's Daily 1998-01-01..15 in {time.perf_counter() - t0:.0f} s", flush=True)
            elif args.source == "pd":
                print(f"bench/sparql.py: --source pd needs {PD} and {PD_GOLD}", file=sys.stderr)
                return 1
        if source is None:
            source = (ROOT / "graphs" / "graph.ttl" if (ROOT / "graphs" / "graph.ttl").exists()
                      else ROOT / "tests" / "fixtures" / "graph_small.ttl")
        shown = source.relative_to(ROOT) if source.resolve().is_relative_to(ROOT) else (
            "the People's Daily graph" if source.is_relative_to(tmp) else source)
        cases = pick_params(source)
        big = Path(args.keep) if args.keep else Path(tmp) / "big.ttl"
        t0 = time.perf_counter()
        n, copies = build(source, big, args.triples)
        print(f"graph: {n:,} triples ({copies} copies of {shown}), "
              f"{big.stat().st_size / 1e6:.0f} MB Turtle, built in {time.perf_counter() - t0:.1f} s", flush=True)
        print("parameters: " + "; ".join(f"{label}: {v or 'none'}" for label, (_, v) in cases.items()), flush=True)
        results = {}
        for engine in ("pyoxigraph", "rdflib"):
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, __file__, "--worker", engine, "--file", str(big),
                 "--cases", json.dumps(cases, ensure_ascii=False),
                 "--reps", str(args.reps), "--rdflib-reps", str(args.rdflib_reps),
                 "--budget", str(args.budget), "--timeout", str(args.timeout),
                 "--serialize-timeout", str(args.serialize_timeout)],
                capture_output=True, text=True,
            )
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 1
            results[engine] = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"{'kg' if engine == 'pyoxigraph' else engine}: done in {time.perf_counter() - t0:.0f} s", flush=True)
        results["cli"] = cli_runs(big, cases)

    ox_r, rl_r = results["pyoxigraph"], results["rdflib"]
    print()
    print(f"{'measure':<44}{'rdflib':>12}{'kg':>12}{'rdflib/kg':>12}{'kg repeat':>12}")
    for label, key in (("load Turtle", "load_s"), ("serialise Turtle (kg: sorted, kg export)", "serialize_s")):
        a, b = rl_r[key], ox_r[key]
        if key == "serialize_s" and "serialize_timeout" in rl_r:
            over = rl_r["serialize_timeout"]
            print(f"{label:<44}{f'>{over:.0f} s':>12}{fmt_s(b):>12}{f'>{over / b:,.0f}x':>12}")
            continue
        print(f"{label:<44}{fmt_s(a):>12}{fmt_s(b):>12}{ratio(a, b):>12}")
    for label in sorted(ox_r["queries"]):
        qa, qb, qr = rl_r["queries"][label], ox_r["queries"][label], ox_r["repeats"][label]
        for tag, q in (("p50", 0.5), ("p95", 0.95)):
            none = ("timeout" in qa or "error" in qa) and not qa["times"]
            a = float("nan") if none else pct(qa["times"], q)
            b, r = pct(qb["times"], q), pct(qr["times"], q)
            shown_a = (f">{qa['timeout']:.0f} s" if "timeout" in qa else "error") if none else fmt_s(a)
            print(f"{label + ' ' + tag:<44}{shown_a:>12}{fmt_s(b):>12}{ratio(a, b):>12}{fmt_s(r):>12}")
        if "error" in qa:
            print(f"  note: {label}: rdflib failed: {qa['error']}")
        if qa.get("rows") is not None and qa["rows"] != qb["rows"]:
            print(f"  note: {label}: rdflib {qa['rows']} rows, kg {qb['rows']} rows")
    for label, seconds in results["cli"].items():
        print(f"{'kg query CLI, ' + label:<44}{'':>12}{fmt_s(seconds):>12}{'':>12}{'':>12}")
    for label, key in (("peak RSS after load", "rss_after_load_mb"), ("peak RSS overall", "peak_rss_mb")):
        a, b = rl_r[key], ox_r[key]
        print(f"{label:<44}{a:>9.0f} MB{b:>9.0f} MB{ratio(a, b):>12}")
    print(f"(kg = kg.sparql.Store on pyoxigraph; 'kg' column: each run evaluates the query; 'kg repeat': "
          f"the same query again on the unchanged store; 'kg query CLI': a new process that loads the graph, "
          f"runs the query once and prints CSV, median of 3. Runs per query: kg up to {args.reps}, rdflib up to "
          f"{args.rdflib_reps}, each stopping after {args.budget:.0f} s of runs. Rows: "
          + ", ".join(f"{k}={v['rows']}" for k, v in sorted(ox_r["queries"].items())) + ")")
    if args.json:
        Path(args.json).write_text(json.dumps({"source": str(shown), "triples": n, "copies": copies,
                                               "cases": cases, "results": results}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
