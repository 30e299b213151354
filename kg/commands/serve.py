"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint (the oxigraph server) for a graph."""


def register(subparsers):
    p = subparsers.add_parser(
        "serve",
        help="serve a graph over the SPARQL 1.1 Protocol (read-only, oxigraph)",
        description="Load graph files into an oxigraph store and run `oxigraph serve-read-only` "
        "on HOST:PORT until interrupted. Queries: POST/GET /query; updates are refused (403). "
        "Needs the server extra: pip install 'kg[server]'.",
        epilog="Example: kg serve graphs/graph.ttl --port 7878  "
        "(then: curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE {?s ?p ?o} LIMIT 5' "
        "http://127.0.0.1:7878/query)",
    )
    p.add_argument("graph", nargs="+", metavar="GRAPH", help="graph file(s) to serve")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    p.add_argument("--store", metavar="DIR",
                   help="keep the oxigraph store in DIR (default: a temporary directory, removed on exit)")
    p.set_defaults(run=run)


def run(args):
    import signal
    import sys

    from kg.server import Server

    def stop(signum, frame):  # SIGTERM: leave through the with-block so oxigraph is stopped too
        raise SystemExit(0)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        return _serve(args, Server, sys)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _serve(args, Server, sys):
    server = Server(args.graph, host=args.host, port=args.port or None, location=args.store)
    with server:
        print(f"SPARQL endpoint: {server.query_url} (read-only; Ctrl-C to stop)", file=sys.stderr)
        try:
            code = server.wait()
        except KeyboardInterrupt:
            return 0
    return 0 if code in (0, None, -15) else 1
