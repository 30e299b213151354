"""`kg build`: newspaper pages in, graph files out."""

import os
import sys

HELP = """Build a knowledge graph from .txt pages (files or folders, UTF-8 or GB18030/GBK).

Writes OUTDIR/graph.ttl (Turtle, schema.org), graph.html (interactive view),
graph.json (networkx node-link) and graph.graphml (Gephi). Unreadable files are
skipped with one line each on stderr; --strict makes any skip an error.

Each file's facts are cached (in .kg-cache/ beside OUTDIR, or --cache-dir) under
its bytes and kg's extraction version: a rebuild extracts only new or changed files,
and a rebuild with nothing changed writes nothing. --scheduler runs extraction on a
Dask cluster (pip install 'kg[cluster]'); the graph is the same as with -j 1.

example:
  kg build seeds -o graphs
  kg build paper/2021/ more.txt -o out -j 2
  kg build paper/ -o out --scheduler tcp://10.0.0.5:8786
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
    p.add_argument("--no-cache", action="store_true", help="extract every file again; read and write no cache")
    p.add_argument("--cache-dir", metavar="DIR", default=None,
                   help="folder of the per-file cache (default: .kg-cache beside OUTDIR, or $KG_CACHE_DIR)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="extract on the Dask cluster of this scheduler (tcp://HOST:8786) instead of local processes")
    p.add_argument("--lac", action="store_true",
                   help="also add the persons Baidu's LAC model finds where kg finds none "
                        "(optional extra: pip install 'kg[lac]'; docs/lac.md)")
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
    from kg.build import BuildReport, build_graph, build_state, outputs_current, record_build, write_outputs
    from kg.errors import InputError

    report = BuildReport()
    show = not args.quiet and sys.stderr.isatty()
    html = not args.no_html

    def progress(i, n):
        if show and (i == n or i % 20 == 0):
            print(f"\rkg build: {i}/{n} files", end="" if i < n else "\n", file=sys.stderr, flush=True)

    if args.lac:
        from kg.errors import KGError
        from kg.lac import available

        if not available():
            raise KGError("--lac needs the optional extra: pip install 'kg[lac]'")
    cache = state = None
    if not args.no_cache:
        from kg.cache import FactCache, default_cache_dir
        from kg.pipeline import PIPELINE_VERSION

        # facts extracted with LAC are kept apart from those without
        cache = FactCache(args.cache_dir or default_cache_dir(args.out),
                          version=PIPELINE_VERSION + ("+lac" if args.lac else ""))
        state = build_state(args.paths, args.out, cache, html=html, max_bytes=args.max_bytes)
        done = outputs_current(state, args.out, cache)
        if done is not None and done["files"] and not (args.strict and done["skipped"]):
            for source, reason in done["skipped"]:
                print(f"kg: skipped {source}: {reason}", file=sys.stderr)
            if not args.quiet:
                print(f"kg build: {done['files']} files, {done['articles']} articles, {done['triples']} triples; "
                      f"nothing changed, {args.out} is up to date", file=sys.stderr)
            return 0

    _tune_collector()
    g, report = build_graph(args.paths, jobs=max(1, args.jobs), progress=progress, report=report,
                            max_bytes=args.max_bytes, cache=cache, scheduler=args.scheduler, lac=args.lac)
    for source, reason in report.skipped:
        print(f"kg: skipped {source}: {reason}", file=sys.stderr)
    if cache is not None and cache.write_failed and not args.quiet:
        print(f"kg: warning: cache not written ({cache.write_failed}); use --cache-dir or --no-cache", file=sys.stderr)
    if report.files == 0:
        raise InputError(" ".join(args.paths), "no readable .txt input")
    if args.strict and report.skipped:
        print(f"kg: error: {len(report.skipped)} input(s) skipped and --strict is set; nothing written", file=sys.stderr)
        return 3
    written = write_outputs(g, args.out, html=html, jobs=max(1, args.jobs))
    if cache is not None:
        record_build(state, args.out, cache, written, report, len(g))
        cache.prune()
    if not args.quiet:
        extracted = f" ({report.extracted} extracted, {report.cached} from the cache)" if cache is not None else ""
        print(f"kg build: {report.files} files{extracted}, {report.articles} articles, {len(g)} triples -> "
              + ", ".join(str(p) for p in written), file=sys.stderr)
    return 0


def _tune_collector() -> None:
    """A build makes millions of short-lived objects and keeps the tokenizer's and the
    gazetteer's large tables for its whole run: load those first and freeze them out of the
    collector's reach, and collect the youngest generation less often (about 10% less CPU,
    same output). Process-wide settings, so they live in the command, not in the library;
    forked workers inherit them."""
    import gc

    from kg.build import _warm_worker

    _warm_worker()
    gc.freeze()
    gc.set_threshold(20000, 20, 20)

