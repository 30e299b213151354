"""Load `kg serve`: many concurrent clients issuing the named queries on loopback for a fixed time.

    .venv/bin/python bench/load_serve.py                          # 200 clients, 60 s, graphs/graph.ttl
    .venv/bin/python bench/load_serve.py --clients 20 --seconds 10

Starts `python -m kg serve GRAPH` on a free 127.0.0.1 port, reads names from the graph, then
runs --clients threads, each on its own keep-alive connection, sending random named queries
(kg/queries/*.rq, parameters bound as RDF terms as `kg query` binds them) until --seconds
pass or --max-requests are sent. Every answer must be HTTP 200 with parseable SPARQL JSON.
The server's memory (resident set of `kg serve` and its oxigraph child) is sampled throughout.

Prints requests, throughput, latency percentiles, errors by kind and RSS at start / peak / end;
exit status 0 when there was no error and the peak RSS stayed under --max-rss-mb, else 1.
Stops by itself: the server is terminated and every client joined before it returns.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.errors import GraphError  # noqa: E402
from kg.server import ServeCommand, free_port  # noqa: E402
from kg.sparql import bind_params, named_queries  # noqa: E402

ACCEPT = "application/sparql-results+json"


# ---- the server and its memory ------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    try:
        import psutil

        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except ImportError:
        out = []
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            out += [int(x) for x in task.read_text().split()]
        return out + [g for c in out for g in _children(c)]
    except Exception:
        return []


def _rss(pid: int) -> int:
    """Resident set of a process, bytes (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def server_rss(pid: int) -> int:
    return _rss(pid) + sum(_rss(c) for c in _children(pid))


def start_server(graph: Path, port: int) -> ServeCommand:
    try:
        return ServeCommand(graph, port=port, cwd=ROOT).start()
    except GraphError as exc:
        raise SystemExit(f"load_serve: {exc}") from None


def stop_server(server: ServeCommand) -> int:
    return server.stop()


# ---- queries ----------------------------------------------------------------------------------------

def post(conn: http.client.HTTPConnection, sparql: str) -> dict:
    conn.request("POST", "/query", body=sparql.encode("utf-8"),
                 headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT})
    resp = conn.getresponse()
    body = resp.read()
    if resp.status != 200:
        raise RuntimeError(f"HTTP {resp.status}: {body[:120]!r}")
    return json.loads(body)


def names_by_kind(port: int) -> dict[str, list[str]]:
    """Names the graph holds, by the kind a query's `name` parameter asks for."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    out = {}
    for kind, cls in (("person", "Person"), ("agency", "Organization"), ("place", "Place"), ("entity", "Thing")):
        where = "?e schema:name ?n" if cls == "Thing" else f"?e a schema:{cls} ; schema:name ?n"
        rows = post(conn, f"PREFIX schema: <https://schema.org/> SELECT DISTINCT ?n WHERE {{ {where} }} "
                          "ORDER BY ?n LIMIT 300")["results"]["bindings"]
        out[kind] = [r["n"]["value"] for r in rows]
    conn.close()
    out["subject"] = out["entity"]
    return out


def query_makers(names: dict[str, list[str]]):
    """Functions rng -> (query name, SPARQL text), one per named query, parameters bound."""
    makers = []
    for name, q in sorted(named_queries().items()):
        def make(rng, q=q, name=name):
            values = {}
            for p in q.params:
                if p.name == "name" and (p.required or rng.random() < 0.7):
                    kind = next((k for k in names if re.search(rf"\b{k}'s\b", p.help)), "entity")
                    pool = names.get(kind) or names["entity"]
                    values["name"] = rng.choice(pool) if pool else "韦韬"
                elif p.name == "role" and rng.random() < 0.3:
                    values["role"] = rng.choice(["organizer", "attendee"])
            binds = q.bindings(values)
            return name, bind_params(q.text_for(binds), binds, source=name)  # what `kg query` runs
        makers.append(make)
    return makers


# ---- the run ----------------------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graph", default=str(ROOT / "graphs" / "graph.ttl"), help="graph to serve (default graphs/graph.ttl)")
    ap.add_argument("--clients", type=int, default=200, help="concurrent clients (default 200)")
    ap.add_argument("--seconds", type=float, default=60.0, help="how long to run (default 60)")
    ap.add_argument("--max-requests", type=int, default=2_000_000, help="stop after this many requests in all")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds one request may take (default 30)")
    ap.add_argument("--max-rss-mb", type=float, default=1024.0, help="fail if the server's peak RSS exceeds this")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = ap.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0:
        ap.error("--clients and --seconds must be positive")

    port = free_port()
    server = start_server(Path(args.graph), port)
    lock = threading.Lock()
    latencies: list[float] = []
    per_query: Counter = Counter()
    errors: Counter = Counter()
    sent = [0]
    rss = {"start": 0, "peak": 0, "end": 0, "samples": []}
    stop = threading.Event()
    try:
        names = names_by_kind(port)
        makers = query_makers(names)
        rss["start"] = rss["peak"] = server_rss(server.pid)

        def client(i: int) -> None:
            rng = random.Random(args.seed * 100003 + i)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=args.timeout)
            mine: list[float] = []
            try:
                while not stop.is_set():
                    with lock:
                        if sent[0] >= args.max_requests:
                            break
                        sent[0] += 1
                    qname, text = rng.choice(makers)(rng)
                    t0 = time.perf_counter()
                    try:
                        post(conn, text)
                        mine.append(time.perf_counter() - t0)
                        with lock:
                            per_query[qname] += 1
                    except Exception as exc:  # counted, reported, and the connection renewed
                        with lock:
                            errors[f"{qname}: {type(exc).__name__}: {str(exc)[:80]}"] += 1
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=args.timeout)
            finally:
                conn.close()
                with lock:
                    latencies.extend(mine)

        threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(args.clients)]
        t_start = time.monotonic()
        for t in threads:
            t.start()
        deadline = t_start + args.seconds
        while time.monotonic() < deadline and any(t.is_alive() for t in threads):
            r = server_rss(server.pid)
            rss["peak"] = max(rss["peak"], r)
            rss["samples"].append(r)
            if server.poll() is not None:
                errors["the server exited"] += 1
                break
            time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join(timeout=args.timeout + 5)
        elapsed = time.monotonic() - t_start
        hung = sum(t.is_alive() for t in threads)
        if hung:
            errors[f"{hung} client(s) still waiting after the run"] += hung
        rss["end"] = server_rss(server.pid)
    finally:
        stop.set()
        code = stop_server(server)

    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else float("nan")

    samples = rss.pop("samples")
    quarter = samples[len(samples) // 4] if samples else 0
    result = {
        "graph": args.graph, "clients": args.clients, "seconds": round(elapsed, 1),
        "requests": len(latencies) + sum(errors.values()), "ok": len(latencies), "errors": sum(errors.values()),
        "requests_per_s": round(len(latencies) / elapsed, 1) if elapsed else 0,
        "latency_ms": {"p50": round(pct(50), 1), "p95": round(pct(95), 1), "p99": round(pct(99), 1),
                       "max": round(latencies[-1] * 1000, 1) if latencies else None},
        "server_rss_mb": {k: round(v / 2**20, 1) for k, v in rss.items()} | {"at_quarter": round(quarter / 2**20, 1)},
        "per_query": dict(sorted(per_query.items())),
        "error_kinds": dict(errors.most_common(10)),
        "server_exit": code,
    }
    ok = not errors and rss["peak"] <= args.max_rss_mb * 2**20
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        m = result["server_rss_mb"]
        lat = result["latency_ms"]
        print(f"kg serve under load: {args.clients} clients, {result['seconds']} s, {args.graph}")
        print(f"  requests  {result['requests']} ({result['ok']} ok, {result['errors']} errors), "
              f"{result['requests_per_s']} answers/s")
        print(f"  latency   p50 {lat['p50']} ms, p95 {lat['p95']} ms, p99 {lat['p99']} ms, max {lat['max']} ms")
        print(f"  server RSS start {m['start']} MB, after a quarter {m['at_quarter']} MB, peak {m['peak']} MB, "
              f"end {m['end']} MB (kg serve + oxigraph)")
        print("  per query " + ", ".join(f"{k} {v}" for k, v in result["per_query"].items()))
        for kind, n in result["error_kinds"].items():
            print(f"  ERROR x{n}: {kind}")
        print("  result: " + ("ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
