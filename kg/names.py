"""How much a string looks like a Chinese personal name, by character statistics jieba ships.

jieba's part-of-speech HMM (`jieba.posseg.prob_emit`, trained on tagged news) gives for every
character its probability of opening (B), continuing (M) and closing (E) a personal name. Set
against the character's frequency in jieba's own dictionary, that says how much more often a
character turns up in names than in text at large: 刘 and 烨 far more, 于 and 是 far less. No list
of people, no download: the model is part of the tokenizer kg already depends on.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

__all__ = ["NameModel", "load_name_model"]

_UNSEEN = -20.0  # log-probability of a character the name states never emit


class NameModel:
    """`score(word)`: the mean per-character log-likelihood ratio of the word as a name versus as
    ordinary text; above about 1 for 3-character names, about 2 for 2-character ones.

    >>> m = load_name_model()
    >>> m.score("刘明华") > 1.0 > m.score("于是")
    True
    """

    def __init__(self, emit: dict, char_freq: dict[str, int], total: int):
        self._b = emit.get(("B", "nr"), {})
        self._m = emit.get(("M", "nr"), {})
        self._e = emit.get(("E", "nr"), {})
        self._bg = {c: math.log((f + 1) / (total + 1)) for c, f in char_freq.items()}
        self._bg_unseen = math.log(1 / (total + 1))

    def background_logp(self, c: str) -> float:
        """log P(c) in running text (jieba's dictionary): how common the character is at all."""
        return self._bg.get(c, self._bg_unseen)

    def end_logp(self, c: str) -> float:
        """log P(c | the last character of a personal name) in jieba's HMM: how often a name
        closes with c."""
        return self._e.get(c, _UNSEEN)

    def score(self, word: str) -> float:
        if len(word) < 2:
            return _UNSEEN
        s = self._b.get(word[0], _UNSEEN) + self._e.get(word[-1], _UNSEEN)
        s += sum(self._m.get(c, _UNSEEN) for c in word[1:-1])
        s -= sum(self._bg.get(c, self._bg_unseen) for c in word)
        return s / len(word)


def char_frequencies() -> tuple[dict[str, int], int]:
    """Each character's count in jieba's dictionary, words weighted by their frequency, and
    the total: what `scripts/make-char-freq` writes to kg/resources/char_freq.tsv."""
    import jieba

    freq: dict[str, int] = {}
    total = 0
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            w, n = parts[0], int(parts[1])
            for c in w:
                freq[c] = freq.get(c, 0) + n
            total += n * len(w)
    return freq, total


def _name_emissions() -> dict:
    """jieba's part-of-speech HMM emission table, read from its module file: importing
    `jieba.posseg` itself would build jieba's global tagger, which kg never uses."""
    import importlib.util

    from kg.segment import jieba_dir

    path = jieba_dir() / "posseg" / "prob_emit.py"
    spec = importlib.util.spec_from_file_location("kg_jieba_prob_emit", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.P


@functools.lru_cache(maxsize=1)
def load_name_model() -> NameModel:
    from kg.lexicon import read_resource_lines

    rows = read_resource_lines("char_freq.tsv")
    total = int(rows[0][1])
    freq = {c: int(n) for c, n in rows[1:]}
    return NameModel(_name_emissions(), freq, total)
