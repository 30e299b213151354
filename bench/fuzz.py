"""Fuzz ingest and extraction for a fixed time: random bytes decoded, random Unicode and mangled
newspaper text through `kg.ingest` and `kg.pipeline`, with Hypothesis generating and shrinking.

    .venv/bin/python bench/fuzz.py --minutes 10             # prints what it found
    .venv/bin/python bench/fuzz.py --minutes 1 --seed 7 --out /tmp/kg-fuzz

Each round runs every target below for a batch of examples under its own seed; a failure is
shrunk by Hypothesis to a small input, reported once per (target, error, place in kg) and
saved in --out as a `.py` reproducer plus the raw input. What counts as a failure:

- any exception from `decode_bytes` other than ValueError, or from `Page.from_file` other
  than `kg.errors.InputError` (the documented ways to refuse a file);
- any exception from `extract_page` or `extract_text_mentions` on text that was accepted;
- a mention whose offsets do not slice the original text to the mention's text, or a
  relation's evidence span outside the page;
- a graph whose Turtle does not parse back isomorphic;
- one example taking longer than --slow seconds (reported as slow: a super-linear path; the
  long-line target's 40,000 characters take a few seconds when extraction is linear).

Exit status: 0 when nothing was found, 1 otherwise. Stops by itself after --minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kg.errors import InputError  # noqa: E402
from kg.ingest import Page, decode_bytes  # noqa: E402
from kg.pipeline import extract_page, extract_text_mentions  # noqa: E402
from kg.rdf import build_rdf, turtle_bytes  # noqa: E402

# ---- inputs ----------------------------------------------------------------------------------

_NEWS = list("县委书记王宏伟主持召开会议市长副局长卫健委石家庄太原阳曲县镇村乡街道办事处党组党委政府人民医院"
             "参加出席调研慰问捐赠新闻发布会演练年月日本报讯记者摄通讯员、，。；：！？“”《》（）()")
_OCR = list(" \n\n\u3000\t\u200b\ufeff１２３０ＡＢａ－—…·•\ufffd")
_NASTY = ["<script>alert(1)</script>", "\"", "'", ">", "\\", "\u202e", "\x00", "\x1b[31m", "%", "#", "@zh",
          "\r\n", "\r", "\u2028", "\u0085", "\U0001f600", "\U00020000", "ﬁ", "ｶ", "㍿", "\u0301"]


def _seed_lines() -> list[str]:
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip()] or ["本报讯 县委书记王宏伟主持召开会议。"]


SEED_LINES = _seed_lines()

# arbitrary Unicode without lone surrogates (no decoder produces them, and no file holds them)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)
news_text = st.text(st.sampled_from(_NEWS + _OCR), max_size=600)
tokens = st.one_of(st.sampled_from(_NEWS), st.sampled_from(_OCR), st.sampled_from(_NASTY),
                   st.sampled_from(SEED_LINES), st.characters(exclude_categories=("Cs",)))
mixed_text = st.lists(tokens, max_size=120).map("".join)


@st.composite
def mangled_page(draw):
    """Seed lines shuffled, cut, doubled, spaced out and broken mid-line: OCR at its worst."""
    lines = draw(st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=25))
    out = []
    for ln in lines:
        op = draw(st.integers(0, 7))
        if op == 0 and len(ln) > 2:
            k = draw(st.integers(1, len(ln) - 1))
            out += [ln[:k], ln[k:]]
        elif op == 1:
            out.append(" ".join(ln))
        elif op == 2:
            out += [ln, ln]
        elif op == 3:
            out.append(ln + draw(st.sampled_from(_NASTY)))
        elif op == 4:
            out.append("")
        else:
            out.append(ln)
    return draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(out)


@st.composite
def long_run(draw):
    """A short pattern repeated into one long line (5,000-40,000 characters): finds paths that
    grow faster than the text, which short examples never show."""
    unit = draw(st.lists(tokens, min_size=1, max_size=8).map("".join).filter(bool))
    n = draw(st.integers(5000, 40000))
    return (unit * (n // len(unit) + 1))[:n]


@st.composite
def file_bytes(draw):
    """What a file may hold: random bytes, or text in some encoding, possibly damaged."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.binary(max_size=2000))
    text = draw(st.one_of(news_text, mixed_text, mangled_page()))
    enc = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-32", "big5"]))
    data = text.encode(enc, errors="replace")
    if kind == 3 and data:
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(data) - 1))
            data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1:]
    return data


# ---- checks ----------------------------------------------------------------------------------

def check_mentions(text: str) -> None:
    for m in extract_text_mentions(text):
        assert 0 <= m.start <= m.end <= len(text), (m.start, m.end, len(text))
        assert text[m.start:m.end] == m.text, (m, text[m.start:m.end])


def check_page(text: str, *, turtle: bool = False) -> None:
    facts = extract_page(Page.from_text(text, "fuzz/page.txt"))
    for af in facts:
        assert 0 <= af.start <= af.end <= len(text), (af.start, af.end, len(text))
        for r in af.relations:
            if r.evidence is not None:
                assert 0 <= r.evidence.start <= r.evidence.end <= len(text), r.evidence
    if turtle:
        from rdflib import Graph
        from rdflib.compare import isomorphic

        g = build_rdf(list(facts))
        back = Graph().parse(data=turtle_bytes(g).decode("utf-8"), format="turtle")
        assert isomorphic(g, back), "Turtle round trip is not isomorphic"


def check_bytes(data: bytes) -> None:
    try:
        text, encoding, replaced = decode_bytes(data)
    except ValueError:
        return  # refused as not text: documented
    assert isinstance(text, str) and replaced >= 0 and (text or not data)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "page.txt")
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            page = Page.from_file(path)
        except InputError:
            return
        assert page.text == text
    check_page(text)


TARGETS = {
    "decode+extract(bytes)": (file_bytes(), check_bytes),
    "extract_text_mentions(unicode)": (st.one_of(any_text, mixed_text), check_mentions),
    "extract_page(unicode)": (st.one_of(any_text, news_text, mixed_text), check_page),
    "extract_page(mangled page)+turtle": (mangled_page(), lambda t: check_page(t, turtle=True)),
    "extract_page(long line)": (long_run(), check_page),
}


# ---- the run ---------------------------------------------------------------------------------

class Slow(AssertionError):
    pass


def _where(exc: BaseException) -> str:
    """The innermost frame inside kg (or the check), so one bug is reported once."""
    frames = traceback.extract_tb(exc.__traceback__)
    inside = [f for f in frames if "/kg/" in f.filename.replace("\\", "/")] or frames
    f = inside[-1]
    return f"{Path(f.filename).name}:{f.lineno} in {f.name}"


def run_round(name, strategy, check, round_seed, batch, slow_limit, stats, slowest):
    def body(x):
        t0 = time.perf_counter()
        check(x)
        dt = time.perf_counter() - t0
        stats[name] += 1
        size = len(x)
        slowest.append((dt, name, size))
        slowest.sort(reverse=True)
        del slowest[5:]
        if dt > slow_limit:
            raise Slow(f"{dt:.1f} s on an input of {size} characters/bytes")

    test = seed(round_seed)(settings(
        max_examples=batch, deadline=None, database=None, derandomize=False, print_blob=False,
        phases=(Phase.generate, Phase.shrink), suppress_health_check=list(HealthCheck),
    )(given(strategy)(body)))
    test()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    ap.add_argument("--seed", type=int, default=0, help="first round's seed (default 0; rounds count up)")
    ap.add_argument("--batch", type=int, default=50, help="examples per target per round (default 50)")
    ap.add_argument("--slow", type=float, default=20.0, help="seconds one example may take (default 20)")
    ap.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "kg-fuzz"),
                    help="folder for reproducers of what is found (default: $TMPDIR/kg-fuzz)")
    args = ap.parse_args(argv)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.minutes * 60
    stats: Counter = Counter()
    slowest: list = []
    found: dict[tuple[str, str, str], str] = {}
    started = time.monotonic()
    next_report = started + 60
    rnd = 0
    print(f"kg fuzz: {args.minutes:g} min, targets: {', '.join(TARGETS)}", flush=True)
    while time.monotonic() < deadline:
        for name, (strategy, check) in TARGETS.items():
            if time.monotonic() >= deadline:
                break
            round_seed = args.seed + rnd
            try:
                run_round(name, strategy, check, round_seed, args.batch, args.slow, stats, slowest)
            except Exception as exc:  # Hypothesis re-raises the shrunk example's error
                key = (name, type(exc).__name__, _where(exc))
                notes = "\n".join(getattr(exc, "__notes__", []))
                if key not in found:
                    found[key] = notes
                    stem = f"{len(found):03d}"
                    (out / f"{stem}.txt").write_text(
                        f"target: {name}\nseed: {round_seed}\nerror: {type(exc).__name__}: {exc}\n"
                        f"where: {key[2]}\n\n{notes}\n\n{''.join(traceback.format_exception(exc))}",
                        encoding="utf-8")
                    print(f"FOUND [{name}] {type(exc).__name__} at {key[2]}: {str(exc)[:200]}\n  {notes[:500]}\n"
                          f"  -> {out / (stem + '.txt')}", flush=True)
        rnd += 1
        if time.monotonic() >= next_report:  # progress once a minute
            next_report += 60
            print(f"kg fuzz: round {rnd}, {(time.monotonic() - started) / 60:.1f} min, "
                  f"{sum(stats.values())} examples, {len(found)} distinct problem(s)", flush=True)

    elapsed = time.monotonic() - started
    print(f"\nkg fuzz: done in {elapsed / 60:.1f} min, {rnd} rounds, {sum(stats.values())} examples passed checks")
    for name in TARGETS:
        print(f"  {stats[name]:8d}  {name}")
    print("  slowest examples: " + "; ".join(f"{dt:.2f} s ({n}, size {size})" for dt, n, size in slowest))
    if not found:
        print("nothing found")
        return 0
    print(f"{len(found)} distinct problem(s):")
    for (name, err, where) in found:
        print(f"  [{name}] {err} at {where}")
    print(f"reproducers in {out}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
