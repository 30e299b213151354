"""`kg query`: run SPARQL (text, a .rq file or a named query) over graph files."""

import argparse
import sys

DEFAULT_GRAPH = "graphs/graph.ttl"


def register(subparsers):
    p = subparsers.add_parser(
        "query",
        help="run a read-only SPARQL query or a named query over a graph",
        description="Run a read-only SPARQL query over graph files with pyoxigraph. Parameters are "
        "bound as RDF terms (never pasted into the query text). SPARQL Update, LOAD and SERVICE "
        "are refused.",
        epilog="Examples: kg query --list | kg query --name person_meetings --param name=李明华 | "
        "kg query 'SELECT ?p WHERE { ?p a <https://schema.org/Person> }' --format csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("sparql", nargs="?", help="the SPARQL query text")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--file", "-f", metavar="Q.rq", help="read the query from a file")
    src.add_argument("--name", "-n", metavar="NAME", help="run a named query (see --list)")
    src.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    p.add_argument("--param", "-p", action="append", default=[], metavar="K=V",
                   help="bind ?K to V (named queries use the declared type; otherwise <iri>, "
                   "prefix:local, an integer, text@zh or plain text)")
    p.add_argument("--graph", "-g", action="append", metavar="FILE",
                   help=f"graph file(s) to load, repeatable (default: {DEFAULT_GRAPH})")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format (default: table)")
    p.add_argument("--allow-service", action="store_true",
                   help="allow SERVICE (federated queries reach other endpoints over the network)")
    p.set_defaults(run=run)


def _params(pairs):
    from kg.errors import QueryError

    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {pair!r}: expected K=V")
        out[key.strip()] = value
    return out


def _list():
    from kg.sparql import named_queries

    for name, q in named_queries().items():
        print(name)
        print(f"    {q.description}")
        for p in q.params:
            print(f"    --param {p.describe()}")
    return 0


def run(args):
    from kg.errors import QueryError
    from kg.sparql import NamedQuery, Store, format_rows, named_queries, read_query_file

    if args.list:
        return _list()
    given = [x for x in (args.sparql, args.file, args.name) if x]
    if len(given) != 1:
        raise QueryError("give exactly one of: a query text, --file Q.rq, --name NAME (or --list)")
    if args.name:
        queries = named_queries()
        if args.name not in queries:
            raise QueryError(f"no named query {args.name!r}; try one of: {', '.join(queries)}")
        q = queries[args.name]
    elif args.file:
        q = read_query_file(args.file)
    else:
        q = NamedQuery("query", args.sparql)
    binds = q.bindings(_params(args.param))
    store = Store.load(args.graph or [DEFAULT_GRAPH])
    rows, columns = store.select(q.text_for(binds), allow_service=args.allow_service,
                                 source=q.path or q.name, **binds)
    sys.stdout.write(format_rows(rows, args.format, columns))
    return 0
