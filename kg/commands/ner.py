"""`kg ner`: the mentions kg finds, one JSON object per input line."""

import argparse
import json
import sys

HELP = """Print the mentions found in each line of FILE (or - for stdin) as JSON lines:
{"text": ..., "mentions": [{"start": s, "end": e, "text": ..., "type": t}]}
with end exclusive and t one of person, organization, place, position, event.

example:
  echo "县委书记周文博主持召开会议" | kg ner -
"""


def register(sub):
    p = sub.add_parser("ner", help="print the mentions found in each line", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", metavar="FILE", help="text file, one item per line ('-' for stdin)")
    p.add_argument("--lac", action="store_true",
                   help="also add the persons Baidu's LAC model finds where kg finds none "
                        "(optional extra: pip install 'kg[lac]'; docs/lac.md)")
    p.set_defaults(run=run)


def run(args):
    from kg.errors import InputError, KGError
    from kg.pipeline import extract_text_mentions

    if args.lac:
        from kg.lac import available

        if not available():
            raise KGError("--lac needs the optional extra: pip install 'kg[lac]'")

    if args.file == "-":
        lines = sys.stdin.read().splitlines()
    else:
        try:
            with open(args.file, encoding="utf-8-sig") as f:
                lines = f.read().splitlines()
        except FileNotFoundError:
            raise InputError(args.file, "no such file")
        except UnicodeDecodeError as exc:
            raise InputError(args.file, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    out = sys.stdout
    for line in lines:
        ms = extract_text_mentions(line, lac=args.lac)
        rec = {"text": line, "mentions": [{"start": m.start, "end": m.end, "text": m.text, "type": m.type} for m in ms]}
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0
