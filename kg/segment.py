"""Word segmentation: a private jieba tokenizer that knows kg's vocabulary, with dictionary POS tags."""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, replace
from math import log
from typing import NamedTuple

from kg.gazetteer import load_gazetteer
from kg.lexicon import load_lexicon

__all__ = ["Token", "Segmenter", "get_segmenter"]


_UNSEEN = object()
_NOT_A_PREFIX = False
_MAX_REMEMBERED = 1 << 21  # strings that start no word are remembered up to this many entries


class Token(NamedTuple):
    """A word of a sentence: `[start, end)` into it. A named tuple, not a dataclass: a corpus
    makes millions of them, and a frozen dataclass takes five times as long to make."""

    start: int
    end: int
    word: str
    tag: str  # jieba's dictionary tag; "oov" for words the HMM found that no dictionary lists


class Segmenter:
    """jieba's segmentation with a dictionary of its own (never the global tokenizer's), plus a
    tag look-up.

    The cutting is jieba-rs's (`rjieba`, `engine="rust"`) over the very same dictionary, and
    jieba's algorithm re-implemented in Python (`engine="python"`, also the fallback when
    rjieba is missing): both give `jieba.Tokenizer.cut(HMM=True)`'s words, checked in tests.
    Plain `cut` with a dictionary tag look-up runs ~5x faster than jieba.posseg in Python and
    ~20x through jieba-rs, and gives the same tags for dictionary words; for the words it does
    not know (the HMM's new words, where most unseen names are) the tag is "oov" and the
    mention rules decide.

    >>> seg = get_segmenter()
    >>> [t.word for t in seg.tokens("县委书记主持召开会议")][:2]
    ['县委书记', '主持']
    """

    def __init__(self, engine: str = "rust"):
        rust = engine == "rust" and _has_rjieba()
        state = _read_state(with_freq=not rust)
        if state is None:
            state = self._build_state()
            _write_state(state)
        self._state = state
        # what `_cut` needs of the tokenizer: the total of the frequencies, every word's tag,
        # and (the Python cut only, read on first use) every word's frequency, 0 for the
        # starts of words
        self._total, self._tags = state.total, state.tags
        self._logtotal = log(self._total)
        # each string's log-probability (None: only the start of words; _NOT_A_PREFIX: not even that)
        self._logp: dict[str, float | None | bool] = {}
        self._hmm: dict[str, tuple[str, ...]] = {}
        # jieba itself (0.15 s to import, for pkg_resources) only for the Python cut
        self._re_han = self._re_skip = self._hmm_cut = None
        self._rust = _rust_tokenizer(state, self._freq if state.full else None) if rust else None
        if self._rust is None:
            self._load_python_cut()

    def _load_python_cut(self) -> None:
        import jieba
        import jieba.finalseg

        # jieba configures a DEBUG stderr handler at import; keep its start-up chatter quiet
        jieba.setLogLevel(logging.WARNING)
        self._re_han, self._re_skip = jieba.re_han_default, jieba.re_skip_default
        self._hmm_cut = jieba.finalseg.cut

    @property
    def _freq(self) -> dict:
        if self._state.freq is None:  # the rust cut needs none; the Python cut reads them now
            self._state = _read_state(with_freq=True, tags=self._state.tags) or self._build_state()
        return self._state.freq

    def _build_state(self) -> _State:
        """A private jieba.Tokenizer with kg's vocabulary added: its frequencies, total, tags,
        and what it adds to jieba's own dictionary (which jieba-rs ships too)."""
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self._tok = tok = jieba.Tokenizer()
        tok.initialize()
        base = {w: f for w, f in tok.FREQ.items() if f}
        base_total = tok.total
        self._tags = dict(jieba.posseg.POSTokenizer(tok).word_tag_tab)
        self._add_vocabulary()
        del self._tok
        freq, total = tok.FREQ, tok.total
        delta = {w: f for w, f in freq.items() if f and base.get(w) != f}
        # jieba-rs adds the change of a word's frequency to its total; jieba adds the whole
        # frequency again, so its total runs ahead: the difference goes to a padding word
        padding = total - base_total - sum(f - base.get(w, 0) for w, f in delta.items())
        nonhan = frozenset(w for w, f in freq.items() if f and not "\u4e00" <= w[0] <= "\u9fd5")
        state = _State(total, self._tags, delta, padding, nonhan, False, freq)
        # jieba-rs's own copy of the dictionary is taken on trust only if it cuts as jieba
        # does; otherwise every word is handed to it (slower to start, same cuts)
        return replace(state, full=padding < 0 or not _rust_cuts_as(tok, state))

    def _add(self, word: str, tag: str, freq: int | None = None) -> None:
        self._tok.add_word(word, freq=freq, tag=tag)
        self._tags[word] = tag

    def _add_vocabulary(self) -> None:
        lex = load_lexicon()
        gaz = load_gazetteer()
        for d in gaz.by_code.values():
            self._add(d.name, "ns")
            if d.short and d.level in ("province", "prefecture"):
                self._tags.setdefault(d.short, "ns")
        for short, full in lex.abbreviations.items():
            self._add(short, "nt")
            self._add(full, "nt")
        for head in lex.title_heads:
            for w in (head, "副" + head):
                if len(w) >= 2 and w not in self._tags:
                    self._add(w, "nnt")
        for word in lex.org_names:
            self._add(word, "nt")
        for word in lex.world_places:
            self._add(word, "ns")
        for word, tag in lex.domain_words.items():
            self._add(word, tag)
        for noun in lex.event_nouns:
            if noun not in self._tags:
                self._add(noun, "n")
        for suffix in lex.org_suffixes:
            if len(suffix) >= 3 and suffix not in self._tags:
                self._add(suffix, "n")

    def tag(self, word: str) -> str:
        return self._tags.get(word, "oov")

    def known(self, word: str) -> bool:
        return word in self._tags

    def tokens(self, text: str) -> list[Token]:
        # a page's sentences are segmented again once its names are known, and agency heads
        # over and over: the recent ones are remembered
        return list(self._tokens(text))

    @functools.lru_cache(maxsize=4096)
    def _tokens(self, text: str) -> tuple[Token, ...]:
        out = []
        i = 0
        tags = self._tags
        new = tuple.__new__  # Token's own __new__ without its Python-level call
        for w in self._cut(text):
            j = i + len(w)
            out.append(new(Token, (i, j, w, tags.get(w, "oov"))))
            i = j
        return tuple(out)

    def _cut(self, text: str) -> list[str]:
        """`jieba.Tokenizer.cut(text, HMM=True)` of this segmenter's tokenizer, word for word."""
        if self._rust is None or _NOT_HAN_FOR_PYTHON.search(text) or _TRIPLED.search(text):
            return self._cut_python(text)
        return _rust_cut(self._rust, text, self._state.nonhan)

    def _cut_python(self, text: str) -> list[str]:
        """`jieba.Tokenizer.cut(text, HMM=True)` of this segmenter's tokenizer, word for word:
        the same blocks, the same dictionary route (the same floating-point sums in the same
        order, ties to the longer word), the same HMM for runs of single characters. Only
        faster: each word's log-probability is worked out once, the route in one pass, and the
        HMM's answer for a run (often a name) remembered."""
        if self._hmm_cut is None:
            self._load_python_cut()
        out: list[str] = []
        re_han, re_skip = self._re_han, self._re_skip
        for blk in re_han.split(text):
            if not blk:
                continue
            if re_han.match(blk):
                self._cut_block(blk, out)
            else:
                for x in re_skip.split(blk):
                    if re_skip.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _cut_block(self, blk: str, out: list[str]) -> None:
        freq, logp, logtotal = self._freq, self._logp, self._logtotal
        get = logp.get
        n = len(blk)
        # best route from each position to the end: its log-probability and where its first
        # word ends (jieba's `calc` over `get_DAG`: max of (probability, end), so a tie goes
        # to the later end)
        prob = [0.0] * (n + 1)
        last = [0] * n
        for k in range(n - 1, -1, -1):
            best = None
            end = k
            i = k
            frag = blk[k]
            while True:
                lp = get(frag, _UNSEEN)
                if lp is _UNSEEN:
                    f = freq.get(frag)
                    lp = _NOT_A_PREFIX if f is None else (log(f) - logtotal) if f else None
                    if f is not None or len(logp) < _MAX_REMEMBERED:
                        logp[frag] = lp
                if lp is _NOT_A_PREFIX:
                    break
                if lp is not None:  # a word, not only the start of one
                    p = lp + prob[i + 1]
                    if best is None or p >= best:
                        best, end = p, i
                i += 1
                if i >= n:
                    break
                frag = blk[k:i + 1]
            if best is None:  # no dictionary word starts here: the character alone
                best = (log(freq.get(blk[k]) or 1) - logtotal) + prob[k + 1]
            prob[k] = best
            last[k] = end
        x = 0
        buf = ""
        while x < n:
            y = last[x] + 1
            if y - x == 1:
                buf += blk[x]
            else:
                if buf:
                    self._flush(buf, out)
                    buf = ""
                out.append(blk[x:y])
            x = y
        if buf:
            self._flush(buf, out)

    def _flush(self, buf: str, out: list[str]) -> None:
        """A run of single characters: the HMM finds the words jieba does not know."""
        if len(buf) == 1:
            out.append(buf)
        elif not self._freq.get(buf):
            words = self._hmm.get(buf)
            if words is None:
                words = tuple(self._hmm_cut(buf))
                if len(self._hmm) < _MAX_REMEMBERED:
                    self._hmm[buf] = words
            out.extend(words)
        else:
            out.extend(buf)


# jieba's Chinese characters are U+4E00..U+9FD5; jieba-rs also counts the extension blocks
# and compatibility ideographs as Chinese, and would join them into words where jieba cuts
_NOT_HAN_FOR_PYTHON = re.compile("[\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0002FA1F]")
# a character three times over (开开开): its two cuts 开开|开 and 开|开开 score the same up to the
# last bit of a float, which jieba and jieba-rs round apart once other words follow
_TRIPLED = re.compile(r"([\u4e00-\u9fff])\1\1")
# a word no text can contain (private-use characters, never Chinese to either tokenizer)
_PADDING_WORD = "\ue000\ue001"


@functools.lru_cache(maxsize=1)
def jieba_dir():
    """jieba's package folder (its dictionary and models), found without importing jieba."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("jieba")
    return Path(next(iter(spec.submodule_search_locations)))


@functools.lru_cache(maxsize=1)
def jieba_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jieba")
    except PackageNotFoundError:
        return "?"


@functools.lru_cache(maxsize=1)
def _has_rjieba() -> bool:
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class _State:
    """What a segmenter is made of, as kept on disk."""

    total: int  # jieba's total of the frequencies
    tags: dict  # word -> jieba's tag, kg's vocabulary included
    delta: dict  # word -> frequency, for the words kg adds or changes in jieba's dictionary
    padding: int  # the frequency jieba's total counts beyond jieba-rs's
    nonhan: frozenset  # dictionary words opening with a character that is not Chinese (C++, A股)
    full: bool  # jieba-rs needs every word handed over, not only the delta
    freq: dict | None  # word -> frequency, 0 for the starts of words: the Python cut's


def _rust_tokenizer(state: _State, freq: dict | None = None):
    """jieba-rs (through rjieba) over exactly this segmenter's dictionary: the same words, the
    same frequencies, the same total, so the same cuts as `_cut_python` at ~12x the speed.
    jieba-rs ships jieba's dictionary: kg's additions are handed over (about 4,000 words, a
    tenth of a second), or, when the state is `full`, every word of `freq` (a third of a
    second)."""
    import rjieba

    if state.full:
        rust = rjieba.Jieba.empty()
        words = ((w, f) for w, f in freq.items() if f)  # 0: only the start of longer words
        padding = state.total - sum(freq.values())
    else:
        rust = rjieba.Jieba()
        words, padding = state.delta.items(), state.padding
    tags = state.tags
    for word, f in words:
        rust.add_word(word, f, tags.get(word))
    if padding > 0:
        rust.add_word(_PADDING_WORD, padding, "x")
    return rust


# jieba.finalseg.re_skip, the pattern jieba's HMM splits runs that are not Chinese at
# (tests check it is jieba's); written here so the rust cut needs no jieba import
_HMM_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


def _rust_cut(rust, text: str, nonhan: frozenset) -> list[str]:
    words = rust.cut(text, True)
    if _HMM_SKIP.search(text) is None:
        return words  # no Latin letter nor digit: the skip pattern splits nothing (3 sentences in 4)
    out: list[str] = []
    for w in words:
        # jieba-rs's HMM keeps a run such as 2003-04 or f-22 whole; jieba's splits runs
        # that are not Chinese at its skip pattern (2003|-|04). A dictionary word stays; a
        # word the HMM found is all Chinese or all not.
        if len(w) > 1 and not "\u4e00" <= w[0] <= "\u9fd5" and w not in nonhan:
            out.extend(x for x in _HMM_SKIP.split(w) if x)
        else:
            out.append(w)
    return out


def _rust_cuts_as(tok, state: _State) -> bool:
    """Whether jieba-rs's dictionary with kg's additions cuts as jieba's tokenizer `tok`
    does: every 40th word of the dictionary and every added one, run together in lines."""
    if not _has_rjieba():
        return True  # nothing to check: the Python cut is used
    rust = _rust_tokenizer(replace(state, full=False))
    words = sorted(w for w, f in state.freq.items() if f)
    probe = words[::40] + sorted(state.delta)
    for k in range(0, len(probe), 60):
        line = "，".join(probe[k : k + 60])
        if _rust_cut(rust, line, state.nonhan) != list(tok.cut(line, HMM=True)):
            return False
    return True


# ---- the tokenizer's state on disk ------------------------------------------------------------
# Building it (jieba's dictionary, its tag table, kg's vocabulary) takes a second or two, in
# every `kg` process before any text is read; read back with marshal, about a fifth of that.
# Keyed by everything it is made of: jieba's version and dictionary, kg's vocabulary files
# and the code that adds them. Like jieba's own cache it lives in the temporary folder; a
# file that is not ours, or not readable, is ignored and made again.

_STATE_FORMAT = 3


@functools.lru_cache(maxsize=1)
def _state_path():
    import hashlib
    import os
    import sys
    import tempfile
    from importlib import resources
    from pathlib import Path

    from kg.cache import _hash_tree

    h = hashlib.sha256(f"kg-segmenter/{_STATE_FORMAT}/py{sys.version_info[:2]}/jieba {jieba_version()}".encode())
    dictionary = jieba_dir() / "dict.txt"
    st = dictionary.stat()
    h.update(f"{dictionary}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    _hash_tree(h, resources.files("kg.resources"))
    pkg = resources.files("kg")
    for module in ("segment", "lexicon", "gazetteer"):
        h.update(pkg.joinpath(f"{module}.py").read_bytes())
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"kg-segmenter-{uid}-{h.hexdigest()[:24]}.marshal"


def _read_state(with_freq: bool, tags: dict | None = None) -> _State | None:
    """The state on disk: a header, the tags, then the frequencies, read only when asked for
    (the rust cut needs none of them, and they are half the reading time). `tags`: the tags
    read already, when the Python cut wants the frequencies later; they are skipped on disk
    (reading them again took as long as the frequencies themselves)."""
    import marshal
    import os

    if os.environ.get("KG_SEGMENTER_CACHE", "1") == "0":
        return None
    try:
        path = _state_path()
        with open(path, "rb") as f:
            if hasattr(os, "getuid") and os.fstat(f.fileno()).st_uid != os.getuid():
                return None  # someone else's file in a shared folder: not trusted
            # three length-prefixed marshal blobs; marshal.loads of bytes is several times
            # faster than marshal.load of a file
            parts = []
            for k in range(3 if with_freq else 2):
                size = int.from_bytes(f.read(8), "little")
                if k == 1 and tags is not None:
                    f.seek(size, os.SEEK_CUR)
                    parts.append(tags)
                else:
                    parts.append(marshal.loads(f.read(size)))
        header, tags, freq = parts if with_freq else (*parts, None)
        if header.get("format") == _STATE_FORMAT and isinstance(tags, dict) and (freq is None or isinstance(freq, dict)):
            return _State(header["total"], tags, header["delta"], header["padding"], header["nonhan"], header["full"], freq)
    except Exception:  # missing, truncated, another Python's format: made again
        pass
    return None


def _write_state(state) -> None:
    import marshal
    import os

    from kg.cache import replace_file

    if os.environ.get("KG_SEGMENTER_CACHE", "1") == "0":
        return
    try:
        path = _state_path()
        header = {"format": _STATE_FORMAT, "total": state.total, "delta": state.delta, "padding": state.padding,
                  "nonhan": state.nonhan, "full": state.full}
        data = b"".join(len(b).to_bytes(8, "little") + b
                        for b in (marshal.dumps(header), marshal.dumps(state.tags), marshal.dumps(state.freq)))
        replace_file(path, data, prefix=path.name + ".")
        # the states of earlier vocabularies (15 MB each) are of little use: the newest few
        # are kept, for two checkouts of kg used side by side
        stem = path.name.rsplit("-", 1)[0] + "-"
        others = sorted((p for p in path.parent.glob(stem + "*.marshal") if p != path),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[2:]:
            try:
                old.unlink()
            except OSError:
                pass
    except Exception:  # a read-only temporary folder: build it each time, as before
        pass


@functools.lru_cache(maxsize=1)
def get_segmenter() -> Segmenter:
    """The process's segmenter, built on first use (about a second: jieba's dictionary)."""
    return Segmenter()
