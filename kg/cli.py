"""The `kg` command line: thin wrappers over plain functions, one module per command."""

import argparse
import importlib
import sys

from kg.errors import KGError

# One list says which commands exist; each module has register(subparsers) and keeps its
# heavy imports inside the function it runs, so `kg --help` stays fast.
COMMANDS = (
    "build",
    "ner",
    "eval",
    "viz",
    "query",
    "validate",
    "export",
    "serve",
    "publish",
)


def make_parser():
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph of officials, agencies, places and events from Chinese news.",
        epilog="Example: kg build seeds -o graphs",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"kg.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kg.commands.{name}":
                raise
            continue  # a command not built yet is simply absent
        module.register(sub)
    return parser


def main(argv=None):
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args) or 0
    except KGError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
