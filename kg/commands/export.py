"""`kg export`: write a graph as Turtle, N-Triples, JSON-LD, TriG or N-Quads, sorted."""

import sys


def register(subparsers):
    p = subparsers.add_parser(
        "export",
        help="convert a graph to turtle, nt, jsonld, trig or nquads (deterministic)",
        description="Serialise graph files, sorted so the output is byte-identical across runs. "
        "TriG and N-Quads put evidence and provenance nodes (kg:Assertion, rdf:Statement, "
        "kg:Evidence, kg:CoOccurrence) in the graph https://w3id.org/kgzh/graph/provenance and the "
        "rest in the default graph. JSON-LD maps schema: to https://schema.org/ in its @context.",
        epilog="Example: kg export graphs/graph.ttl --format trig -o graphs/graph.trig",
    )
    p.add_argument("graph", nargs="+", metavar="GRAPH", help="graph file(s) to read")
    p.add_argument("--format", "-t", choices=("turtle", "nt", "jsonld", "trig", "nquads"),
                   default="turtle", help="output format (default: turtle)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--facts-graph", nargs="?", const="https://w3id.org/kgzh/graph/facts",
                   metavar="IRI", help="trig/nquads: put the facts in this named graph instead of "
                   "the default graph (default IRI: https://w3id.org/kgzh/graph/facts)")
    p.set_defaults(run=run)


def run(args):
    from kg.errors import GraphError
    from kg.rdf import write_atomic
    from kg.sparql import Store, serialize

    data = serialize(Store.load(args.graph), args.format, facts_graph=args.facts_graph)
    if args.output:
        try:
            write_atomic(args.output, data)  # an interrupted export leaves the old file whole
        except OSError as exc:
            raise GraphError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
