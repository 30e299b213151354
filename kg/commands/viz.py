"""`kg viz`: a graph file in, one self-contained interactive HTML page out."""

import argparse

HELP = """Write an interactive HTML view of a kg graph: one file that works offline
(vis-network inlined, no requests), with a legend, search by name or alias, filters by
type and event date, a focus mode, and the articles and evidence behind every node and edge.

The layout is computed here and drawn without physics, so pages of thousands of nodes open
in seconds; --top keeps only the most connected nodes of very large graphs.

example:
  kg viz graphs/graph.ttl -o graphs/graph.html
  kg viz graphs/graph.ttl -o big.html --top 2000
  kg viz graphs/graph.ttl -o person.html --focus 李明华 --hops 2
"""


def register(sub):
    p = sub.add_parser("viz", help="write an interactive HTML view of a graph", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("graph", metavar="GRAPH", help="a graph file written by kg build (.ttl; .nt, .jsonld, .trig also read)")
    p.add_argument("-o", "--out", required=True, metavar="HTML", help="the page to write")
    p.add_argument("--top", type=int, default=None, metavar="N", help="keep only the N most connected nodes")
    p.add_argument("--focus", default=None, metavar="NAME",
                   help="keep only the neighbourhood of the node with this name, alias or IRI")
    p.add_argument("--hops", type=int, default=1, metavar="K", help="size of the --focus neighbourhood (default: 1)")
    p.add_argument("--title", default=None, help="page title (default: the graph file's name)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(run=run)


def run(args) -> int:
    import sys
    from pathlib import Path

    from kg.errors import KGError
    from kg.graph import read_graph
    from kg.viz import write_html

    if args.top is not None and args.top < 1:
        raise KGError(f"--top {args.top}: give a positive number of nodes")
    if args.hops < 0:
        raise KGError(f"--hops {args.hops}: give 0 or more")
    graph = read_graph(args.graph)
    title = args.title or Path(args.graph).name
    write_html(graph, args.out, title=title, top=args.top, focus=args.focus, hops=args.hops)
    if not args.quiet:
        print(f"kg viz: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges -> {args.out}", file=sys.stderr)
    return 0
