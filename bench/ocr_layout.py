"""Render clean article files the way OCR'd county and city newspaper pages look, to measure
how much of kg's accuracy survives page layout (used by bench/accuracy.py, or on its own):

    .venv/bin/python bench/ocr_layout.py CORPUS_DIR OUT_DIR [--seed N]

What a page gets (deterministic for a seed and file name):
  - body lines hard-wrapped at one column width per page (12-30 characters), mid-sentence,
    mid-word and mid-name;
  - the headline sometimes spaced out one character apart (某 某 县 召 开 …), sometimes
    wrapped over two lines;
  - digits and common punctuation flipped between full-width and half-width, per run;
  - now and then a line of page furniture between two wrapped lines: a page number, 第N版,
    a date line.
No character of the text is replaced by another except full-width/half-width twins (which
NFKC, and so the referee scorer, treats as the same); only whitespace and furniture lines are
added, so every gold name is still on the page, at most spaced or broken by whitespace.
One page per article file, with the same file name, so gold documents still match.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from pathlib import Path

# full-width twins that OCR output mixes with their ASCII forms
_FLIP = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
_FLIP.update({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "％": "%", "．": "."})
_FLIP.update({v: k for k, v in list(_FLIP.items())})


def _rng(seed: int, name: str) -> random.Random:
    # hash, not hash(): str hashes are salted per process, the bench must repeat
    return random.Random(int(hashlib.sha256(f"{seed}:{name}".encode()).hexdigest()[:16], 16))


def _flip_widths(line: str, rng: random.Random, rate: float) -> str:
    if rate <= 0:
        return line
    out, flip = [], False
    for c in line:
        if c in _FLIP:
            if not out or out[-1] not in _FLIP and out[-1] not in _FLIP.values():
                flip = rng.random() < rate  # one decision per run, as an OCR engine makes it
            out.append(_FLIP[c] if flip else c)
        else:
            out.append(c)
    return "".join(out)


def _furniture(rng: random.Random, page_no: int) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return str(page_no)
    if kind == 1:
        return f"第{page_no}版"
    if kind == 2:
        return f"- {page_no} -"
    return f"1998年1月{rng.randrange(1, 16)}日"


def _wrap(line: str, width: int) -> list[str]:
    return [line[i : i + width] for i in range(0, len(line), width)] or [""]


def render(text: str, name: str, seed: int = 1) -> str:
    """The OCR-layout version of one clean article file."""
    rng = _rng(seed, name)
    width = rng.randint(12, 30)
    flip_rate = rng.choice((0.0, 0.3, 0.6))
    furniture_rate = rng.choice((0.0, 0.02, 0.05))
    page_no = rng.randint(1, 16)
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    out: list[str] = []
    for i, line in enumerate(lines):
        line = _flip_widths(line, rng, flip_rate)
        if i == 0:  # the headline
            style = rng.randrange(3)
            if style == 0:
                out.append(" ".join(line))
                continue
            if style == 1 and len(line) > width:
                out.extend(_wrap(line, max(width, (len(line) + 1) // 2)))
                continue
            out.append(line)
            continue
        for piece in _wrap(line, width):
            out.append(piece)
            if rng.random() < furniture_rate:
                out.append(_furniture(rng, page_no))
    return "\n".join(out) + "\n"


def render_corpus(src: Path, dst: Path, seed: int = 1) -> int:
    """Render every .txt of `src` into `dst` under the same name; the number of files."""
    dst.mkdir(parents=True, exist_ok=True)
    n = 0
    for path in sorted(src.glob("*.txt")):
        (dst / path.name).write_text(render(path.read_text(encoding="utf-8"), path.name, seed), encoding="utf-8")
        n += 1
    return n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    print(render_corpus(a.src, a.dst, a.seed), "pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
