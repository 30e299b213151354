"""`kg validate`: check a graph against the contract's SHACL shapes (kg/shapes.ttl)."""


def register(subparsers):
    p = subparsers.add_parser(
        "validate",
        help="check a graph against the SHACL shapes; non-zero exit on any violation",
        description="Validate graph files with pyshacl against kg/shapes.ttl (the graph contract "
        "and the kg ontology). Prints one line per result: severity, focus node, path, message.",
        epilog="Example: kg validate graphs/graph.ttl",
    )
    p.add_argument("graph", nargs="+", metavar="GRAPH", help="graph file(s): .ttl, .nt, .trig, .nq, .jsonld")
    p.add_argument("--shapes", metavar="FILE", help="a SHACL shapes file (default: kg/shapes.ttl)")
    p.set_defaults(run=run)


def run(args):
    from kg.errors import ValidationError
    from kg.sparql import format_violation, validate_graph

    results = validate_graph(args.graph, shapes=args.shapes)
    for v in results:
        print(format_violation(v))
    violations = sum(1 for v in results if v.severity == "Violation")
    if violations:
        raise ValidationError(
            f"{args.graph[0]}: {violations} SHACL violation(s) of {args.shapes or 'kg/shapes.ttl'}")
    warnings = len(results) - violations
    print(f"{args.graph[0]}: conforms" + (f" ({warnings} warning(s))" if warnings else ""))
    return 0
