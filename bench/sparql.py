"""Benchmark: rdflib's default store vs pyoxigraph on a >=1M-triple kg graph.

One command builds the graph by replicating tests/fixtures/graph_small.ttl (or graphs/graph.ttl
when it exists) with IRI suffixes, then runs each engine in its own subprocess (so peak memory
is that engine's alone) to measure: Turtle load time, Turtle serialisation time, p50/p95 per named
query (parameters from the `e.g.` examples in the query headers), peak RSS. Prints a table and
the rdflib/pyoxigraph ratios.

    .venv/bin/python bench/sparql.py                    # 1M triples, about 3-5 minutes
    .venv/bin/python bench/sparql.py --triples 200000   # quicker
"""

from __future__ import annotations

import argparse
import json
import re
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
NAME_PREDICATES = {
    "https://schema.org/name",
    "https://schema.org/alternateName",
    "http://www.w3.org/2000/01/rdf-schema#label",
}


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# ---- building the big graph --------------------------------------------------------------------


def build(source, target, triples_wanted):
    """Write target (Turtle): copy 0 is the source as is; copy i suffixes every kgid IRI path with
    /r{i} and every name with ·i, so name lookups stay selective and copies never link up."""
    import pyoxigraph as ox

    from kg.sparql import PREFIXES

    store = ox.Store()
    store.bulk_load(path=str(source), format=ox.RdfFormat.TURTLE)
    base = [q.triple for q in store]
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
    ox.serialize(out, str(target), ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return len(out), copies


def bench_params():
    """name -> (query text, {var: pyoxigraph term}) from each query's header examples."""
    from kg.sparql import named_queries

    out = {}
    for name, q in named_queries().items():
        values = {}
        for p in q.params:
            m = re.search(r"e\.g\.\s*(\S+)", p.help)
            if p.required and m:
                values[p.name] = m.group(1)
        out[name] = (q.text, q.bindings(values))
    return out


# ---- workers (one engine per process) ----------------------------------------------------------


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def time_query(run, reps, budget, timeout):
    times, rows = [], None
    spent = 0.0
    for _ in range(reps):
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        t0 = time.perf_counter()
        try:
            rows = run()
        except Timeout:
            return {"timeout": timeout, "times": times, "rows": rows}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        dt = time.perf_counter() - t0
        times.append(dt)
        spent += dt
        if spent > budget and len(times) >= 1:
            break
    return {"times": times, "rows": rows}


def worker(engine, path, reps, budget, timeout):
    result = {"engine": engine}
    params = bench_params()
    if engine == "pyoxigraph":
        from kg.sparql import Store, serialize

        t0 = time.perf_counter()
        store = Store()
        store.add_file(path)  # bulk_load of the Turtle file
        result["load_s"] = time.perf_counter() - t0
        result["triples"] = len(store)
        result["rss_after_load_mb"] = peak_rss_mb()
        t0 = time.perf_counter()
        data = serialize(store, "turtle")  # sorted, deterministic: what `kg export` does
        result["serialize_s"] = time.perf_counter() - t0
        del data
        t0 = time.perf_counter()
        import pyoxigraph as ox

        ox.serialize((q.triple for q in store.quads()), format=ox.RdfFormat.TURTLE)
        result["serialize_unsorted_s"] = time.perf_counter() - t0

        def runner(text, binds):
            return lambda: len(store.query(text, **binds))
    else:
        import rdflib

        t0 = time.perf_counter()
        g = rdflib.Graph()
        g.parse(path, format="turtle")
        result["load_s"] = time.perf_counter() - t0
        result["triples"] = len(g)
        result["rss_after_load_mb"] = peak_rss_mb()
        t0 = time.perf_counter()
        data = g.serialize(format="turtle")
        result["serialize_s"] = time.perf_counter() - t0
        del data

        def to_rdflib(term):
            import pyoxigraph as ox

            if isinstance(term, ox.NamedNode):
                return rdflib.URIRef(term.value)
            if term.language:
                return rdflib.Literal(term.value, lang=term.language)
            return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))

        def runner(text, binds):
            init = {rdflib.Variable(k): to_rdflib(v) for k, v in binds.items()}
            return lambda: len(list(g.query(text, initBindings=init)))

    result["queries"] = {}
    for name, (text, binds) in sorted(params.items()):
        result["queries"][name] = time_query(runner(text, binds), reps, budget, timeout)
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


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the graph (default 1M)")
    ap.add_argument("--source", help="graph to replicate (default graphs/graph.ttl, else the test fixture)")
    ap.add_argument("--reps", type=int, default=20, help="runs per query for pyoxigraph (default 20)")
    ap.add_argument("--rdflib-reps", type=int, default=3, help="runs per query for rdflib (default 3)")
    ap.add_argument("--budget", type=float, default=10, help="seconds of runs per query before stopping early (default 10)")
    ap.add_argument("--timeout", type=float, default=10, help="seconds before one query run is abandoned (default 10)")
    ap.add_argument("--keep", metavar="FILE", help="also keep the generated Turtle file here")
    ap.add_argument("--worker", choices=("pyoxigraph", "rdflib"), help=argparse.SUPPRESS)
    ap.add_argument("--file", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        reps = args.reps if args.worker == "pyoxigraph" else args.rdflib_reps
        worker(args.worker, args.file, reps, args.budget, args.timeout)
        return 0

    source = Path(args.source) if args.source else (
        ROOT / "graphs" / "graph.ttl" if (ROOT / "graphs" / "graph.ttl").exists()
        else ROOT / "tests" / "fixtures" / "graph_small.ttl")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        big = Path(args.keep) if args.keep else Path(tmp) / "big.ttl"
        t0 = time.perf_counter()
        n, copies = build(source, big, args.triples)
        print(f"graph: {n:,} triples ({copies} copies of {source.relative_to(ROOT) if source.is_relative_to(ROOT) else source}), "
              f"{big.stat().st_size / 1e6:.0f} MB Turtle, built in {time.perf_counter() - t0:.1f} s", flush=True)
        results = {}
        for engine in ("pyoxigraph", "rdflib"):
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, __file__, "--worker", engine, "--file", str(big),
                 "--reps", str(args.reps), "--rdflib-reps", str(args.rdflib_reps),
                 "--budget", str(args.budget), "--timeout", str(args.timeout)],
                capture_output=True, text=True,
            )
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 1
            results[engine] = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"{engine}: done in {time.perf_counter() - t0:.0f} s", flush=True)

    ox_r, rl_r = results["pyoxigraph"], results["rdflib"]
    print()
    print(f"{'measure':<34}{'rdflib':>14}{'pyoxigraph':>14}{'rdflib/oxi':>12}")
    rows = [
        ("load Turtle", rl_r["load_s"], ox_r["load_s"]),
        ("serialise Turtle", rl_r["serialize_s"], ox_r["serialize_s"]),
    ]
    for label, a, b in rows:
        print(f"{label:<34}{fmt_s(a):>14}{fmt_s(b):>14}{ratio(a, b):>12}")
    print(f"{'  (oxigraph unsorted)':<34}{'':>14}{fmt_s(ox_r['serialize_unsorted_s']):>14}")
    for name in sorted(ox_r["queries"]):
        qa, qb = rl_r["queries"][name], ox_r["queries"][name]
        for label, q in (("p50", 0.5), ("p95", 0.95)):
            a = float("nan") if "timeout" in qa and not qa["times"] else pct(qa["times"], q)
            b = pct(qb["times"], q)
            shown_a = f">{qa['timeout']:.0f} s" if "timeout" in qa and not qa["times"] else fmt_s(a)
            print(f"{name + ' ' + label:<34}{shown_a:>14}{fmt_s(b):>14}{ratio(a, b):>12}")
        if qa.get("rows") is not None and qa["rows"] != qb["rows"]:
            print(f"  note: {name}: rdflib {qa['rows']} rows, pyoxigraph {qb['rows']} rows")
    for label, key in (("peak RSS after load", "rss_after_load_mb"), ("peak RSS overall", "peak_rss_mb")):
        a, b = rl_r[key], ox_r[key]
        print(f"{label:<34}{a:>11.0f} MB{b:>11.0f} MB{ratio(a, b):>12}")
    print(f"(query runs: pyoxigraph up to {args.reps}, rdflib up to {args.rdflib_reps}; "
          f"each stops after {args.budget:.0f} s of runs; rows per query: "
          + ", ".join(f"{k}={v['rows']}" for k, v in sorted(ox_r["queries"].items())) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
