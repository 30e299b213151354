"""`kg publish`: upload a graph to a SPARQL 1.1 Graph Store (HTTP PUT/POST of Turtle)."""


def register(subparsers):
    p = subparsers.add_parser(
        "publish",
        help="push a graph to a SPARQL 1.1 Graph Store endpoint (Fuseki, oxigraph, ...)",
        description="Send graph files as Turtle to a SPARQL 1.1 Graph Store Protocol endpoint: "
        "PUT replaces the target graph, --append POSTs (merges). The target is the default graph "
        "unless --graph-iri names one. Credentials for HTTP Basic auth come from the environment "
        "variables KG_PUBLISH_USER and KG_PUBLISH_PASSWORD.",
        epilog="Example: kg publish graphs/graph.ttl --endpoint http://localhost:3030/kg/data "
        "--graph-iri https://w3id.org/kgzh/graph/facts",
    )
    p.add_argument("graph", nargs="+", metavar="GRAPH", help="graph file(s) to send")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the Graph Store URL (oxigraph: http://HOST:7878/store; Fuseki: http://HOST:3030/DATASET/data)")
    p.add_argument("--graph-iri", metavar="IRI", help="the named graph to write (default: the default graph)")
    p.add_argument("--append", action="store_true", help="POST (add to the graph) instead of PUT (replace it)")
    p.add_argument("--timeout", type=float, default=120, help="seconds to wait for the server (default: 120)")
    p.set_defaults(run=run)


def run(args):
    import os

    from kg.server import publish

    user = os.environ.get("KG_PUBLISH_USER")
    auth = (user, os.environ.get("KG_PUBLISH_PASSWORD", "")) if user else None
    status = publish(args.graph, args.endpoint, graph_iri=args.graph_iri, append=args.append,
                     timeout=args.timeout, auth=auth)
    target = f"<{args.graph_iri}>" if args.graph_iri else "the default graph"
    print(f"{args.endpoint}: {'appended to' if args.append else 'replaced'} {target} (HTTP {status})")
    return 0
