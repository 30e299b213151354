"""`kg build`: newspaper pages in, graph files out."""

import os
import sys

HELP = """Build a knowledge graph from .txt pages (files or folders, UTF-8 or GB18030/GBK).

Writes OUTDIR/graph.ttl (Turtle, schema.org), graph.html (interactive view),
graph.json (networkx node-link) and graph.graphml (Gephi). Unreadable files are
skipped with one line each on stderr; --strict makes any skip an error.

example:
  kg build seeds -o graphs
  kg build paper/2021/ more.txt -o out -j 2
"""


def register(sub):
    p = sub.add_parser("build", help="build a graph from text pages", description=HELP,
                       formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt files or folders of them")
    p.add_argument("-o", "--out", required=True, metavar="OUTDIR", help="folder for the graph files")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    p.add_argument("--strict", action="store_true", help="fail (exit 3) if any input is skipped")
    p.add_argument("--max-bytes", type=_size, default=None, metavar="N",
                   help="skip files larger than N bytes (suffixes K, M, G; default 20M)")
    p.add_argument("--no-html", action="store_true", help="skip graph.html")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    p.set_defaults(run=run)


def _size(text):
    import argparse

    units = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
    t = text.strip().upper().removesuffix("B").removesuffix("I")
    num, unit = (t[:-1], t[-1]) if t[-1:] in units else (t, "")
    try:
        n = int(float(num) * units[unit])
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (e.g. 5000000, 512K, 20M)") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: the size cap must be at least 1 byte")
    return n


def run(args):
    from kg.build import BuildReport, build_graph, write_outputs
    from kg.errors import InputError

    report = BuildReport()
    show = not args.quiet and sys.stderr.isatty()

    def progress(i, n):
        if show and (i == n or i % 20 == 0):
            print(f"\rkg build: {i}/{n} files", end="" if i < n else "\n", file=sys.stderr, flush=True)

    g, report = build_graph(args.paths, jobs=max(1, args.jobs), progress=progress, report=report,
                            max_bytes=args.max_bytes)
    for source, reason in report.skipped:
        print(f"kg: skipped {source}: {reason}", file=sys.stderr)
    if report.files == 0:
        raise InputError(" ".join(args.paths), "no readable .txt input")
    if args.strict and report.skipped:
        print(f"kg: error: {len(report.skipped)} input(s) skipped and --strict is set; nothing written", file=sys.stderr)
        return 3
    written = write_outputs(g, args.out, html=not args.no_html)
    if not args.quiet:
        print(f"kg build: {report.files} files, {report.articles} articles, {len(g)} triples -> "
              + ", ".join(str(p) for p in written), file=sys.stderr)
    return 0
