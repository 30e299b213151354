"""`kg eval` and `kg eval-ner`: accuracy of a graph against a gold annotation, and of `kg ner` against CLUENER."""

import argparse

EVAL_EXAMPLE = """\
example:
  kg build seeds -o graphs
  kg eval graphs/graph.ttl --gold gold.json --show-errors

The gold format is described in docs/eval.md. Prints precision/recall/F1 per entity type,
posts (titles), events, affiliations, containment and resolution, then one SUMMARY line."""

EVAL_NER_EXAMPLE = """\
example:
  kg ner sentences.txt > pred.jsonl
  kg eval-ner pred.jsonl --gold cluener/dev.json --show-errors

GOLD is CLUENER2020 JSON lines (inclusive ends); line N of PRED must be the `kg ner` output
for the text of gold line N. Scored: name→person, government/organization/company→organization,
address→place, position→position (exact span and type)."""


def register(subparsers):
    p = subparsers.add_parser(
        "eval",
        help="score a graph against a gold annotation (e.g. kg eval graphs/graph.ttl --gold gold.json)",
        description="Score a graph (any RDF file) against a gold annotation of pages.",
        epilog=EVAL_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("graph", help="the graph file (graph.ttl, or any RDF that rdflib reads)")
    p.add_argument("--gold", required=True, help="the gold annotation (JSON, see docs/eval.md)")
    p.add_argument("--json", metavar="OUT", help="also write the report and the errors as JSON here")
    p.add_argument("--show-errors", action="store_true", help="list examples of each error class")
    p.set_defaults(run=run_eval)

    p = subparsers.add_parser(
        "eval-ner",
        help="score `kg ner` output against CLUENER spans (e.g. kg eval-ner pred.jsonl --gold dev.json)",
        description="Score `kg ner` mentions against CLUENER2020 gold spans, exact span and type.",
        epilog=EVAL_NER_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("pred", metavar="PRED.jsonl", help="`kg ner` output, one JSON line per text")
    p.add_argument("--gold", required=True, help="CLUENER JSON lines, aligned with PRED line by line")
    p.add_argument("--json", metavar="OUT", help="also write the report and the errors as JSON here")
    p.add_argument("--show-errors", action="store_true", help="list examples of each error class")
    p.set_defaults(run=run_eval_ner)


def _write_json(path, report):
    import json

    from kg.errors import InputError

    data = {"report": report.to_dict(), "errors": {k: list(v) for k, v in report.errors.items()}}
    try:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
    except OSError as exc:
        raise InputError(path, f"cannot write the report ({exc.strerror or exc})") from exc


def _read_lines(path):
    from kg.errors import InputError

    try:
        # file iteration splits on newlines only; str.splitlines would also split on U+2028 inside a JSON string
        with open(path, encoding="utf-8") as f:
            return list(f)
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 at byte {exc.start}") from exc


def run_eval(args) -> int:
    from kg.evaluate import read_gold, score_graph

    report = score_graph(args.graph, read_gold(args.gold))
    if args.json:
        _write_json(args.json, report)
    print(report.to_text(show_errors=args.show_errors))
    return 0


def run_eval_ner(args) -> int:
    from kg.evaluate import score_ner

    report = score_ner(_read_lines(args.pred), _read_lines(args.gold))
    if args.json:
        _write_json(args.json, report)
    print(report.to_text(show_errors=args.show_errors))
    return 0
