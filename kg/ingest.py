"""Reading pages: decode input files, clean OCR text with an exact offset map, split pages into articles and sentences."""

from __future__ import annotations

import codecs
import errno
import functools
import os
import re
import stat
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date as _date
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.errors import InputError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Page",
    "View",
    "Sentence",
    "Byline",
    "Article",
    "Skip",
    "clean_text",
    "decode_bytes",
    "read_page",
    "split_articles",
    "read_articles",
    "page_year",
    "iter_input_files",
    "list_input_files",
]

#: Files larger than this are refused: a newspaper page is tens of kilobytes, so anything this
#: big is a dump or a wrong path, and reading it whole would hold the worker's memory hostage.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


# ---------------------------------------------------------------------------------------------
# Reading and decoding


@dataclass(frozen=True, slots=True)
class Page:
    """One input file: its decoded text (never changed afterwards) and where it came from.

    `source` is the path as given on the command line (relative stays relative); it names the
    page in the graph. `replaced` counts undecodable bytes shown as U+FFFD (see `decode_bytes`).
    """

    source: str
    text: str = field(repr=False)
    encoding: str
    replaced: int = 0

    @classmethod
    def from_file(cls, path, source: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Page:
        """Read and decode `path`; raise `InputError` naming the file when it can't be read."""
        data = _read_bytes(path, max_bytes)
        try:
            text, encoding, replaced = decode_bytes(data)
        except ValueError as exc:
            raise InputError(path, str(exc)) from None
        return cls(source=str(path) if source is None else source, text=text, encoding=encoding, replaced=replaced)

    @classmethod
    def from_text(cls, text: str, source: str = "<text>") -> Page:
        """A page from a string already in memory (tests, notebooks, other pipelines)."""
        return cls(source=source, text=text, encoding="utf-8")


def read_page(path, source: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Page:
    """The `read` stage: `Page.from_file` under the pipeline's verb."""
    return Page.from_file(path, source, max_bytes=max_bytes)


def _read_bytes(path, max_bytes: int) -> bytes:
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(path, "is a directory, not a file")
        if st.st_size > max_bytes:
            raise InputError(path, f"file is {st.st_size} bytes, over the {max_bytes}-byte limit; split it or raise max_bytes")
        with open(path, "rb") as fh:
            # read one byte past the cap: FIFOs and /proc files report size 0
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise InputError(path, f"file is over the {max_bytes}-byte limit; split it or raise max_bytes")
    if not data:
        raise InputError(path, "empty file")
    return data


_BOMS = (  # longest first: the UTF-32-LE BOM begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# C0/C1 controls other than the whitespace ones a text file legitimately holds
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes) -> tuple[str, str, int]:
    """Decode a page's bytes: `(text, encoding, replaced)`; raise ValueError with the reason.

    Policy, in order: a BOM decides (UTF-8, UTF-16, UTF-32; the BOM is not part of the text);
    NUL bytes without a BOM mean a binary file; strict UTF-8; UTF-8 with a few damaged bytes
    (at most one per 20 good non-ASCII characters) is still UTF-8, the damage shown as U+FFFD
    and counted in `replaced`; strict GB18030 (a superset of GBK and GB2312); otherwise the
    better of the two with replacement if under 1% of the characters are damaged. A text that
    is more than 5% control characters is refused as binary.

    UTF-8 is tried before GB18030 because GB18030 accepts most UTF-8 byte strings as mojibake.

    >>> decode_bytes("本报讯".encode("gb18030"))
    ('本报讯', 'gb18030', 0)
    """
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            if not text:
                raise ValueError("empty file")
            return _check_text(text, name, text.count("\ufffd") - _count_real_replacements(data, name))
    if b"\x00" in data:
        raise ValueError("binary file (NUL bytes)")
    try:
        return _check_text(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for c in loose if ord(c) > 127) - bad
    if bad * 20 <= good:
        return _check_text(loose, "utf-8", bad)
    try:
        return _check_text(data.decode("gb18030"), "gb18030", 0)
    except UnicodeDecodeError:
        pass
    gb = data.decode("gb18030", errors="replace")
    gb_bad = gb.count("\ufffd")
    text, name, n = (loose, "utf-8", bad) if bad <= gb_bad else (gb, "gb18030", gb_bad)
    if n * 100 > len(text):
        raise ValueError("cannot decode: not UTF-8, UTF-16 or GB18030 text")
    return _check_text(text, name, n)


def _count_real_replacements(data: bytes, name: str) -> int:
    # U+FFFD genuinely present in the file is not damage
    return data.count("\ufffd".encode(name))


def _check_text(text: str, encoding: str, replaced: int) -> tuple[str, str, int]:
    if len(_CONTROL.findall(text)) * 20 > len(text):
        raise ValueError("binary file (control characters)")
    return text, encoding, replaced


# ---------------------------------------------------------------------------------------------
# Finding input files


@dataclass(frozen=True, slots=True)
class Skip:
    """An input path that was not read, and why."""

    path: str
    reason: str


def iter_input_files(
    paths: Iterable,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skip], object] | None = None,
) -> Iterator[tuple[Path, str]]:
    """The files to read, as `(path, source)`: files given are taken whatever their name;
    directories are walked for `*.txt` in sorted order (hidden entries ignored).

    `source` is the path as given plus the path inside a walked directory, so relative stays
    relative. What is passed over (missing paths, broken links, link loops, a directory named
    `x.txt`, special files, empty or oversized files, the same file reached twice) is reported
    to `on_skip` with a reason; decoding errors surface later, from `Page.from_file`.
    """
    report = on_skip or (lambda skip: None)
    seen: dict[tuple[int, int], str] = {}

    def take(path: str, st: os.stat_result) -> Iterator[tuple[Path, str]]:
        if not stat.S_ISREG(st.st_mode):
            report(Skip(path, "not a regular file"))
        elif st.st_size == 0:
            report(Skip(path, "empty file"))
        elif st.st_size > max_bytes:
            report(Skip(path, f"file is {st.st_size} bytes, over the {max_bytes}-byte limit"))
        elif (st.st_dev, st.st_ino) in seen:
            report(Skip(path, f"same file as {seen[(st.st_dev, st.st_ino)]}"))
        else:
            seen[(st.st_dev, st.st_ino)] = path
            yield Path(path), path

    def walk(folder: str, ancestors: frozenset) -> Iterator[tuple[Path, str]]:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            report(Skip(folder, f"cannot list directory: {exc.strerror or exc}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(folder, entry.name)
            try:
                st = os.stat(path)
            except FileNotFoundError:
                report(Skip(path, "broken symbolic link"))
                continue
            except OSError as exc:
                reason = "symbolic link loop" if exc.errno == errno.ELOOP else (exc.strerror or str(exc))
                report(Skip(path, reason))
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in ancestors:
                    report(Skip(path, "symbolic link loop (a directory inside itself)"))
                elif entry.name.lower().endswith(".txt"):
                    report(Skip(path, "is a directory named like a page; rename it to walk it"))
                else:
                    yield from walk(path, ancestors | {key})
            elif entry.name.lower().endswith(".txt"):
                yield from take(path, st)

    for given in paths:
        given = os.fspath(given)
        try:
            st = os.stat(given)
        except FileNotFoundError:
            report(Skip(given, "broken symbolic link" if os.path.islink(given) else "no such file or directory"))
            continue
        except OSError as exc:
            report(Skip(given, "symbolic link loop" if exc.errno == errno.ELOOP else (exc.strerror or str(exc))))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from walk(given, frozenset({(st.st_dev, st.st_ino)}))
        else:
            yield from take(given, st)


def list_input_files(paths: Iterable, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[tuple[Path, str]], list[Skip]]:
    """`iter_input_files` collected: the files to read and the skips."""
    skips: list[Skip] = []
    files = list(iter_input_files(paths, max_bytes=max_bytes, on_skip=skips.append))
    return files, skips


# ---------------------------------------------------------------------------------------------
# Cleaning: the view


@dataclass(frozen=True, slots=True)
class View:
    """Cleaned text of a span of an original text, with the map back.

    `offsets[i]` is the index in the original text of view character `i`; `offsets[-1]` is the
    end sentinel (one past the last original character kept). A character whose NFKC form is
    several characters maps them all to its own index; a space kept between two Latin words
    maps to the first whitespace character it replaces.
    """

    text: str
    offsets: tuple[int, ...] = field(repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The smallest original span `[s, e)` holding view span `[start, end)`.

        Exact for spans that neither cut an NFKC expansion nor begin or end with a space that
        stands for a whitespace run: then cleaning `original[s:e]` gives `text[start:end]`.
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"view span [{start}, {end}) outside [0, {len(self.text)}]")
        if start == end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    @property
    def start(self) -> int:
        """Where the view begins in the original."""
        return self.offsets[0]

    @property
    def end(self) -> int:
        """Where the view ends in the original (exclusive)."""
        return self.offsets[-1]


# zero-width characters OCR and web copy leave behind count as whitespace
_WS = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")
# the Halfwidth and Fullwidth Forms block: the usual reason a CJK run is not NFKC already
_FULLWIDTH = re.compile(r"[\uff01-\uffef]+")


@functools.lru_cache(maxsize=8192)
def _normalize_char(c: str) -> str:
    return unicodedata.normalize("NFKC", c)


@functools.lru_cache(maxsize=8192)
def _is_wide(c: str) -> bool:
    # ambiguous-width punctuation (“ ” — …) behaves as CJK; ambiguous letters (Greek) as Latin
    w = unicodedata.east_asian_width(c)
    return w in "WF" or (w == "A" and not c.isalnum())


def _keeps_space(a: str, b: str) -> bool:
    """Whether a whitespace run between original characters `a` and `b` stays as one space."""
    return not _is_wide(a) and not _is_wide(b) and (a.isalnum() or b.isalnum())


# the full-width forms whose NFKC form is one character (，→ , and １ → 1): Chinese text is
# full of them, and a run holding nothing else that changes is cleaned by one str.translate
_ONE_FOR_ONE = {c: n for c in range(0xFF01, 0xFFF0) if len(n := unicodedata.normalize("NFKC", chr(c))) == 1}


def _emit(chunk: str, base: int, out: list, offs: list) -> None:
    # a run that is NFKC as a whole is NFKC character by character, so it is copied in one go
    if chunk.isascii() or unicodedata.is_normalized("NFKC", chunk):
        out.append(chunk)
        offs.extend(range(base, base + len(chunk)))
        return
    one = chunk.translate(_ONE_FOR_ONE)
    if unicodedata.is_normalized("NFKC", one):  # only full-width forms changed, each one for one
        out.append(one)
        offs.extend(range(base, base + len(chunk)))
        return
    _emit_by_parts(chunk, base, out, offs)


def _emit_by_parts(chunk: str, base: int, out: list, offs: list) -> None:
    pos = 0
    for m in _FULLWIDTH.finditer(chunk):
        if m.start() > pos:
            _emit_chars(chunk, pos, m.start(), base, out, offs, check=True)
        _emit_chars(chunk, m.start(), m.end(), base, out, offs, check=False)
        pos = m.end()
    if pos < len(chunk):
        _emit_chars(chunk, pos, len(chunk), base, out, offs, check=True)


def _emit_chars(chunk: str, i: int, j: int, base: int, out: list, offs: list, check: bool) -> None:
    piece = chunk[i:j]
    if check and unicodedata.is_normalized("NFKC", piece):
        out.append(piece)
        offs.extend(range(base + i, base + j))
        return
    for k, c in enumerate(piece, base + i):
        n = _normalize_char(c)
        out.append(n)
        offs.extend((k,) * len(n))


def clean_text(text: str, start: int = 0, end: int | None = None) -> View:
    """The cleaned view of `text[start:end]`; offsets index `text` itself, not the span.

    Whitespace runs (spaces, newlines, blank lines, U+3000, zero-width characters) vanish,
    except that one space stays between two Latin letters or digits, so lines broken
    mid-sentence are joined and OCR letter-spacing (`市 委 书 记`, `3 月`) is closed up; the ends
    are stripped; each character is NFKC-normalized on its own (full-width digits, letters and
    punctuation become ASCII), never merged with its neighbours, so the map stays exact.

    >>> v = clean_text("本报讯 １２ 月\\n\\n３ 日， ABC  team")
    >>> v.text
    '本报讯12月3日,ABC team'
    >>> v.to_original(3, 8)  # 12月3日
    (4, 13)
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, min(start, end))
    out: list[str] = []
    offs: list[int] = []
    pos = start
    for m in _WS.finditer(text, start, end):
        s, e = m.span()
        if s > pos:
            _emit(text[pos:s], pos, out, offs)
        if s > start and e < end and _keeps_space(text[s - 1], text[e]):
            out.append(" ")
            offs.append(s)
        pos = e
    if pos < end:
        _emit(text[pos:end], pos, out, offs)
    offs.append(offs[-1] + 1 if offs else start)
    return View("".join(out), tuple(offs))


def _cut_view(view: View, text: str, start: int, end: int) -> View:
    """`clean_text(text, start, end)` cut out of `view = clean_text(text)`, without re-cleaning.

    Cleaning is local (each character on its own, each whitespace run by its two neighbours),
    so the sub-view is the slice of view characters from `[start, end)`, less a space at
    either edge that stands for a whitespace run the span cuts.
    """
    offs = view.offsets
    i = bisect_left(offs, start, 0, len(offs) - 1)
    j = bisect_left(offs, end, i, len(offs) - 1)
    while i < j and view.text[i] == " " and _WS.match(text, offs[i]):
        i += 1
    while j > i and view.text[j - 1] == " " and _WS.match(text, offs[j - 1]):
        j -= 1
    if i == j:
        return View("", (max(0, min(start, end, len(text))),))
    return View(view.text[i:j], offs[i:j] + (offs[j - 1] + 1,))


# ---------------------------------------------------------------------------------------------
# Records of a split page


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article body; `start`/`end` and `view.offsets` index the page text."""

    start: int
    end: int
    view: View

    @property
    def text(self) -> str:
        """The cleaned sentence."""
        return self.view.text


@dataclass(frozen=True, slots=True)
class Byline:
    """A credited name: `role` is the role word as printed (记者, 首席记者, 通讯员, 本报记者…),
    `摄影` for a photo credit (… 摄), or '' for a bare name; `start`/`end` index the page text."""

    name: str
    role: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """One article of a page.

    `headline` is the cleaned headline: the lines of one deck joined, decks (kicker, main
    title, subtitle) and the phrases a title spaces apart separated by one space; it is not in
    `sentences`, which hold the body only (`headline_sentence` gives the headline as a
    sentence). `lead` is the dateline word the body opens with (本报讯, 本报综合报道,
    新华社北京1月5日电), `date` the ISO date the article states or its lead implies.
    """

    page: Page = field(repr=False)
    index: int
    start: int
    end: int
    headline: str | None
    headline_span: tuple[int, int] | None
    lead: str | None
    bylines: tuple[Byline, ...]
    date: str | None
    sentences: tuple[Sentence, ...] = field(repr=False)
    # spans of the credit lines ((新华社记者王明摄), 记者 李华): read for the agencies they name
    credits: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    @property
    def source(self) -> str:
        """The input file as given."""
        return self.page.source

    @property
    def text(self) -> str:
        """The article's original text."""
        return self.page.text[self.start : self.end]

    @property
    def headline_sentence(self) -> Sentence | None:
        """The headline as a sentence (all its lines, cleaned with no separators), or None."""
        if self.headline_span is None:
            return None
        s, e = self.headline_span
        return Sentence(s, e, clean_text(self.page.text, s, e))


# ---------------------------------------------------------------------------------------------
# Lines of a page


def _spaced_pattern(word: str) -> str:
    # OCR letter-spaces headlines and leads: 本 报 讯
    return r"\s*".join(re.escape(c) for c in word)


# The dateline words a news body opens with; a page convention, so it lives with the splitter.
_LEAD_WORDS = ("本报讯", "本报综合报道", "本报综合消息", "本报消息", "本报专讯", "本刊讯")
_AGENCIES = ("本报", "新华社", "中新社", "中新网", "人民网", "新华网", "央视网", "央广网", "光明网", "中国新闻网")
_LEAD = re.compile(
    r"[ \t\u3000]*(?P<lead>"
    + "|".join(_spaced_pattern(w) for w in sorted(_LEAD_WORDS, key=len, reverse=True))
    # an agency dateline: 新华社北京1月5日电, 本报华盛顿 3 月 2 日电
    + r"|(?:" + "|".join(re.escape(a) for a in _AGENCIES) + r")[^\W\d_]{0,8}?"
    + r"[\s\d０-９]{1,6}月[\s\d０-９]{1,6}日\s*电"
    + r")(?P<paren>\s*[（(][^()（）\n]{1,60}[)）])?"
)
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_NAME = re.compile(rf"[{_CJK}][{_CJK}·•]{{1,3}}")
_SEP = re.compile(r"[\s、，,/／;；]+")
_PHOTO = re.compile(r"(?:[/／]\s*)?摄(?:影)?\s*$")
_FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\r?\n|\r[^\S\r\n]*\r")
_CLOSE_PAREN = re.compile(r"[)）]")
_MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
# a dateline, as a masthead prints it too: with the weekday and the lunar date (星期五 农历正月廿二)
_DATE_LINE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?(?:\s*(?:星期|礼拜|周)[一二三四五六日天])?"
                        r"(?:\s*农历[\u4e00-\u9fff]{2,10})?")
_ENDERS = "。！？!?；;"
_CLOSERS = "”’」』）)]】》"
# a sentence ends after its punctuation and any closing quotes or brackets that follow it
_SENT_END = re.compile(r"[。！？!?；;]+[”’」』）)\]】]*")
# an inline credit after a finished sentence: 。 王明 摄 / 。 李华
_TRAILING_CREDIT = re.compile(
    rf"(?<=[。！？!?”])[ \t\u3000]+(?P<names>[{_CJK}]{{2,4}}(?:[ \t\u3000、]+[{_CJK}]{{2,4}})*)"
    r"(?P<photo>\s*[/／]?\s*摄(?:影)?)?[ \t\u3000]*$"
)
_TRAILING_PEN_NAME = re.compile(rf"(?<=[。！？!?”])[ \t\u3000]*[(（](?P<name>[{_CJK}]{{2,3}})[)）][ \t\u3000]*$")
_MAX_DECKS = 2  # kicker + title, or title + subtitle; lines above them end the article before
_MAX_HEADLINE = 64  # cleaned characters in one headline line
_MAX_SENTENCE = 160  # cleaned characters before a long sentence is cut at a comma
# no sentence runs longer than this: a run with no comma is cut at a pause or, failing that,
# here; mention and relation rules are quadratic within a sentence, so this bounds their cost
_HARD_SENTENCE = 4 * _MAX_SENTENCE


@functools.lru_cache(maxsize=1)
def _load_vocabulary() -> tuple[re.Pattern, frozenset[str]]:
    # the byline role words and surnames are the lexicon's data, read here without loading it
    from kg.lexicon import read_resource_lines

    roles = {row[0] for row in read_resource_lines("byline_roles.tsv") if row[0] not in ("摄", "报道")}
    surnames = frozenset(w for row in read_resource_lines("surnames.txt") for w in row)
    role_re = re.compile("|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True)))
    return role_re, surnames


def _is_name(word: str, surnames: frozenset[str]) -> bool:
    return bool(_NAME.fullmatch(word)) and (word[:1] in surnames or word[:2] in surnames)


def _is_bare_name(line: _Line, surnames: frozenset[str]) -> bool:
    """A line that is one short personal name and nothing else: a sign-off, or a place kicker."""
    return line.kind == "body" and line.size <= 3 and _is_name(line.text, surnames)


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # original span, whitespace stripped
    end: int
    text: str  # cleaned
    kind: str  # body | lead | date | credit | dup
    ends: bool  # ends a sentence (ignoring a trailing credit)
    body_end: int  # where the body text of the line ends (before a trailing credit)
    credits: tuple[Byline, ...] = ()  # credit lines; trailing credits that say 摄
    bare: tuple[Byline, ...] = ()  # a trailing bare name: a byline only at an article's end
    lead: str | None = None
    photo: bool = False
    gap: bool = False  # a blank line separates it from the line above

    @property
    def size(self) -> int:
        return len(self.text)


def _ends_sentence(cleaned: str) -> bool:
    t = cleaned.rstrip(_CLOSERS)
    return bool(t) and t[-1] in _ENDERS


def _parse_names(text: str, start: int, end: int, role: str, surnames, strict: bool) -> list[Byline] | None:
    """Names in `text[start:end]` separated by spaces or 、; None if a token is not a name."""
    out = []
    pos = start
    for m in list(_SEP.finditer(text, start, end)) + [None]:
        s = m.start() if m else end
        if s > pos:
            word = text[pos:s]
            if not _NAME.fullmatch(word) or (strict and not _is_name(word, surnames)):
                return None
            out.append(Byline(word, role, pos, s))
        pos = m.end() if m else end
    return out


def _parse_credit(text: str, start: int, end: int) -> list[Byline] | None:
    """Bylines of a credit: `记者 王明`, `本报记者 李华 摄`, `王明 李华/摄`, `(王明 李华)`.

    A role-less list of names counts only in parentheses, with 摄, or as two or more names
    that all begin with a surname; None when the text is not a credit.
    """
    role_re, surnames = _load_vocabulary()
    s, e = start, end
    parens = text[s : s + 1] in "(（" and text[e - 1 : e] in ")）" and e - s > 2
    if parens:
        s, e = s + 1, e - 1
    photo = _PHOTO.search(text, s, e)
    if photo:
        e = photo.start()
    out: list[Byline] = []
    roles = list(role_re.finditer(text, s, e))
    if roles and text[s:roles[0].start()].strip():
        # an outlet before the first role (某某日报记者) is allowed inside a lead's parentheses
        if not parens:
            return None
    if not roles:
        bare = not (parens or photo)
        # bare names stand apart by spaces on a line of their own; 、 lists them in prose
        if bare and re.search(r"[、，,]", text[s:e]):
            return None
        names = _parse_names(text, s, e, "", surnames, strict=bare)
        if not names or (bare and len(names) < 2):
            return None
        out = names
    for k, m in enumerate(roles):
        stop = roles[k + 1].start() if k + 1 < len(roles) else e
        names = _parse_names(text, m.end(), stop, m.group(), surnames, strict=False)
        if names is None:
            return None
        out.extend(names)
    if not out:
        return None
    if photo:
        out = [Byline(b.name, "摄影", b.start, b.end) for b in out]
    return [Byline(unicodedata.normalize("NFKC", b.name), b.role, b.start, b.end) for b in out]


def _read_lines(text: str, pv: View) -> list[_Line]:
    """The non-blank lines of a page, classified; `pv` is the cleaned page."""
    lines: list[_Line] = []
    for m in re.finditer(r"[^\r\n]+", text):
        view = _cut_view(pv, text, m.start(), m.end())
        if view.text:
            gap = bool(lines) and _BLANK_LINE.search(text, lines[-1].end, view.start) is not None
            line = _classify(text, pv, view)  # (gap=False: copied only for the few after a blank line)
            lines.append(replace(line, gap=True) if gap else line)
    return _drop_duplicates(lines)


# the columns of a running head, set apart by two or more spaces (３ 版    某某报    2022年6月8日)
_COLUMN_GAP = re.compile(r"(?:[ \t]{2,}|\u3000+)")


def _masthead_date(raw: str) -> re.Match | None:
    """The date of a running head: a line of short columns with no sentence in them (an edition
    mark, the paper's name, the date), one of which is the date alone. Such a line is the page's
    furniture, never a headline's deck."""
    if "年" not in raw or not _COLUMN_GAP.search(raw):
        return None
    parts = [_WS.sub("", p) for p in _COLUMN_GAP.split(raw.strip())]
    parts = [p for p in parts if p]
    if len(parts) < 2 or any(len(p) > 16 or any(c in "，,。；;：:！？!?、" for c in p) for p in parts):
        return None
    return next((m for m in map(_DATE_LINE.fullmatch, parts) if m), None)


def _classify(text: str, pv: View, view: View) -> _Line:
    """One line: a lead, a dateline, a credit, or body text; a lead or body may end in a credit."""
    s, e, cleaned = view.start, view.end, view.text
    date = _DATE_LINE.fullmatch(cleaned) or _masthead_date(text[s:e])
    if date and _to_iso(*date.groups()):
        return _Line(s, e, cleaned, "date", True, e)
    if len(cleaned) <= 48 and not _LEAD.match(text, s, e):
        credits = _parse_credit(text, s, e)
        if credits:
            return _Line(s, e, cleaned, "credit", True, e, tuple(credits), photo=cleaned.endswith(("摄", "摄影")))
    line = _Line(s, e, cleaned, "body", _ends_sentence(cleaned), e)
    lead = _LEAD.match(text, s, e)
    if lead:
        bylines = ()
        if lead.group("paren"):
            p = lead.end("paren") - len(lead.group("paren").lstrip())
            bylines = tuple(_parse_credit(text, p, lead.end("paren")) or ())
        word = _cut_view(pv, text, lead.start("lead"), lead.end("lead")).text
        line = replace(line, kind="lead", credits=bylines, lead=word)
    elif text[s] in "(（":
        close = _CLOSE_PAREN.search(text, s, min(e, s + 64))
        credits = close and _parse_credit(text, s, close.end())
        if credits and close.end() < e and any(b.role for b in credits):
            # a body opening with its byline in parentheses: (记者 王明)3月2日…
            line = replace(line, kind="lead", credits=tuple(credits))
    pen = _TRAILING_PEN_NAME.search(text, s, e)
    if pen and _pen_name_ok(pen.group("name")):
        # 。(某庆) closing the line: the author's signature, a byline only at the article's end
        ends = _ends_sentence(_cut_view(pv, text, s, pen.start()).text)
        byline = Byline(pen.group("name"), "", pen.start("name"), pen.end("name"))
        return replace(line, ends=ends, body_end=pen.start(), bare=(byline,))
    trailing = _TRAILING_CREDIT.search(text, s, e)
    if trailing:
        photo = bool(trailing.group("photo"))
        names = _parse_names(text, trailing.start("names"), trailing.end("names"), "摄影" if photo else "",
                             _load_vocabulary()[1], strict=not photo)
        if names:
            ends = _ends_sentence(_cut_view(pv, text, s, trailing.start()).text)
            line = replace(line, ends=ends, body_end=trailing.start())
            if photo:
                return replace(line, credits=line.credits + tuple(names), photo=True)
            return replace(line, bare=tuple(names))
    return line


def _drop_duplicates(lines: list[_Line]) -> list[_Line]:
    """Mark paragraphs printed twice on a page (OCR of a repeated block) so they are read once.

    A line of 16+ cleaned characters seen before is a duplicate; so are the shorter lines
    around it that repeat the neighbours of its first copy.
    """
    first: dict[str, int] = {}
    dup = [False] * len(lines)
    for i, line in enumerate(lines):
        if line.size >= 16 and line.kind == "body":
            if line.text in first:
                dup[i] = True
                j, k = i + 1, first[line.text] + 1
                while j < len(lines) and k < i and lines[j].text == lines[k].text and not dup[j]:
                    dup[j] = True
                    j, k = j + 1, k + 1
            else:
                first[line.text] = i
    return [replace(line, kind="dup", credits=(), bare=(), photo=False) if d else line for line, d in zip(lines, dup)]


# ---------------------------------------------------------------------------------------------
# Splitting a page into articles


def _measure_lines(lines: list[_Line]) -> int:
    # the 75th percentile, so captions, bylines and headlines don't drag it down
    sizes = sorted(line.size for line in lines if line.kind in ("body", "lead"))
    return sizes[3 * len(sizes) // 4] if sizes else 20


def _headline_like(line: _Line, loose: bool) -> bool:
    """A line that could be (part of) a headline: short, no sentence punctuation.

    `loose` allows commas and enumeration marks, for the lines right above a lead, where
    position alone says they are a headline.
    """
    if line.kind != "body" or line.bare or line.credits or not 0 < line.size <= _MAX_HEADLINE:
        return False
    t = line.text
    if any(c in _ENDERS for c in t):
        return False
    if t[-1] in ":：":
        return line.size <= 8  # a kicker naming a place or a series: 某某村：
    if t[-1] in "，,、":
        return False
    return loose or not any(c in "，,、" for c in t)


def _is_boundary(line: _Line | None) -> bool:
    """Whether a new article may begin right after `line`."""
    return line is None or line.kind in ("date", "credit", "dup") or line.ends


def _indent(text: str, line: _Line) -> bool:
    """A line opening with a full-width space (a paragraph's indent, 　　)."""
    begin = text.rfind("\n", 0, line.start) + 1
    return "\u3000" in text[begin : line.start]


def _find_headlines(lines: list[_Line], typical: int, text: str | None = None) -> dict[int, list[int]]:
    """Headline runs, keyed by the index of their first line: the lines right above a lead,
    or a run of short lines after a finished sentence followed by a body line or the page end."""
    runs: dict[int, list[int]] = {}
    claimed: set[int] = set()
    _, surnames = _load_vocabulary()
    for i, line in enumerate(lines):
        if line.kind != "lead":
            continue
        run = []
        j = i - 1
        while j >= 0 and j not in claimed and _headline_like(lines[j], loose=True):
            run.insert(0, j)
            j -= 1
        if run:
            runs[run[0]] = run
            claimed.update(run)
    i = 0
    while i < len(lines):
        if i in claimed or not _headline_like(lines[i], loose=False) or not _is_boundary(lines[i - 1] if i else None):
            i += 1
            continue
        run = [i]
        while run[-1] + 1 < len(lines) and run[-1] + 1 not in claimed and _headline_like(lines[run[-1] + 1], False):
            nxt = run[-1] + 2
            if lines[nxt - 1].size >= typical and nxt < len(lines) and lines[nxt].kind == "body" \
                    and not _headline_like(lines[nxt], False):
                # a line filling the column, punctuated text running on below it: the body's
                # first line hard-wrapped before its first comma, not one more line of the title
                break
            run.append(run[-1] + 1)
        nxt = run[-1] + 1
        if nxt == len(lines):
            # a headline whose body the page cut off; a lone name there signs the last article,
            # and a lone line in brackets is its credit or note ((某县某某 王某), (待续))
            ok = not (len(run) == 1 and (_is_bare_name(lines[i], surnames)
                                         or lines[i].text[:1] in "(（" and lines[i].text[-1:] in ")）"))
        else:
            after = lines[nxt]
            ok = (
                after.kind == "body"
                and nxt not in claimed
                and (lines[run[-1]].size < 0.6 * typical
                     # a long title all the same, set flush after a blank line above a paragraph
                     # indented by full-width spaces (a narrow column's lines are not much longer)
                     or (text is not None and lines[i].gap and _indent(text, after) and not any(_indent(text, lines[j]) for j in run)))
                and (after.size >= 0.5 * typical or after.ends)
            )
        if ok:
            runs[run[0]] = run
            claimed.update(run)
        i = nxt
    # A bare name opening a run is the byline of the article above (… 会议结束。 / 王明 /
    # next headline), unless it is the whole headline (a one-word place kicker).
    out: dict[int, list[int]] = {}
    for first, run in runs.items():
        if len(run) > 1 and _is_bare_name(lines[first], surnames):
            run = run[1:]
        out[run[0]] = run
    return out


def _letter_spaced(text: str, line: _Line) -> bool:
    """A line set one character apart (某 某 县 召 开): mostly single characters between spaces."""
    words = text[line.start : line.end].split()
    return len(words) >= 2 and sum(len(w) == 1 for w in words) * 2 >= len(words)


def _group_decks(text: str, lines: list[_Line], run: list[int], typical: int) -> list[list[int]]:
    """Group headline lines into decks (kicker, title, subtitle); a deck's own lines wrapped.

    A line continues the deck above when no blank line parts them on a page whose lines are
    blank-separated, or when the line above is nearly as long as the page's lines (wrapped).
    """
    spaced = sum(line.gap for line in lines) * 2 > len(lines)
    decks: list[list[int]] = []
    for k, i in enumerate(run):
        above = lines[run[k - 1]] if k else None
        wrapped = above is not None and (
            (spaced and not lines[i].gap) or (above.size >= 8 and above.size >= (0.8 if lines[i].gap else 0.6) * typical)
        )
        if wrapped and _letter_spaced(text, above) != _letter_spaced(text, lines[i]):
            # a title set one character apart (某 某 县 召 开) is a deck of its own: the line
            # under it in ordinary setting (the author, a subtitle) does not continue it
            wrapped = False
        if wrapped:
            decks[-1].append(i)
        else:
            decks.append([i])
    return decks


def _join_headline(text: str, lines: list[_Line], decks: list[list[int]]) -> str:
    parts = []
    for deck in decks:
        phrases = []
        for i in deck:
            words = text[lines[i].start : lines[i].end].split()
            # spaces between phrases are typography; spaces between single characters are OCR
            if sum(len(w) == 1 for w in words) * 2 >= len(words):
                words = ["".join(words)]
            if phrases:
                phrases[-1] += words[0]
                words = words[1:]
            phrases.extend(words)
        parts.append(" ".join(clean_text(p).text for p in phrases))
    return " ".join(p for p in parts if p)


def _find_captions(lines: list[_Line], heads: dict[int, list[int]]) -> set[int]:
    """Photo captions standing between two articles: a paragraph after a finished sentence,
    closed by a photo credit, with a new article (or the page end) right after the credit."""
    in_heads = {i for run in heads.values() for i in run}
    starts = set()
    for i, line in enumerate(lines):
        if not line.photo:
            continue
        nxt = i + 1
        if nxt < len(lines) and not (nxt in heads or lines[nxt].kind == "lead"):
            continue
        first = i if line.kind == "body" else i - 1
        if first < 0 or lines[first].kind != "body" or first in in_heads:
            continue
        while first > 0 and lines[first - 1].kind == "body" and not lines[first - 1].ends and first - 1 not in in_heads:
            first -= 1
        if first > 0 and _is_boundary(lines[first - 1]) and lines[first - 1].kind != "dup":
            starts.add(first)
    return starts


def split_articles(page: Page) -> tuple[Article, ...]:
    """The `split` stage: the articles of a page, in page order.

    An article begins at a headline (the short lines above a lead such as 本报讯, or short
    unpunctuated lines after a finished sentence and before a body), at a lead with no
    headline, or at a photo caption standing between two articles. Bylines come from the
    lead's parentheses, credit lines (记者 王明, … 摄) and a bare name closing the article.
    Headline-like lines above the two decks of a title end the article before them (at the
    top of the page they are a banner and belong to no article); a paragraph printed twice
    is read once. Text before the first headline or lead is an article without a headline.
    """
    text = page.text
    pv = _page_view(text)
    lines = _read_lines(text, pv)
    if not lines:
        return ()
    typical = _measure_lines(lines)
    heads = _find_headlines(lines, typical, text)
    captions = _find_captions(lines, heads)
    year = _find_year(pv.text)

    groups: list[tuple[list[list[int]], list[int]]] = []  # (headline decks, body line indices)
    i = 0
    while i < len(lines):
        if i in heads:
            decks = _group_decks(text, lines, heads[i], typical)
            extra = [j for deck in decks[:-_MAX_DECKS] for j in deck]
            if extra and groups:
                # more decks than a headline has: the unfinished end of the article above
                groups[-1][1].extend(extra)
            groups.append((decks[-_MAX_DECKS:], []))
            i = heads[i][-1] + 1
            if i < len(lines) and lines[i].kind == "lead":
                groups[-1][1].append(i)
                i += 1
            continue
        if lines[i].kind == "lead" or i in captions or not groups:
            groups.append(([], []))
        groups[-1][1].append(i)
        i += 1

    articles = []
    for decks, body in groups:
        kept = [i for i in body if lines[i].kind != "dup"]
        if not decks and not kept:
            continue
        articles.append(_make_article(page, pv, len(articles), lines, decks, kept, year, typical))
    return tuple(articles)


def _make_article(page, pv, index, lines, decks, body, year, typical: int = 0) -> Article:
    text = page.text
    headline = headline_span = None
    if decks:
        headline = _join_headline(text, lines, decks)
        headline_span = (lines[decks[0][0]].start, lines[decks[-1][-1]].end)
    span_lines = [i for deck in decks for i in deck] + body
    start = min(lines[i].start for i in span_lines)
    end = max(lines[i].end for i in span_lines)

    lead = None
    bylines: list[Byline] = []
    author = _author_under_headline(lines, decks, body, typical)
    if author is not None:
        # the author's name printed on its own line under the title: a byline, not title text
        line = lines[author]
        bylines.append(Byline(line.text, "", line.start, line.end))
        decks = [[i for i in deck if i != author] for deck in decks]
        decks = [deck for deck in decks if deck]
        headline = _join_headline(text, lines, decks)
        headline_span = (lines[decks[0][0]].start, lines[decks[-1][-1]].end)
    for k, i in enumerate(body):
        line = lines[i]
        if line.kind == "lead" and k == 0:
            lead = line.lead
        bylines.extend(line.credits)
    signed, sign_offs = _find_sign_off(lines, body)
    bylines.extend(sign_offs)
    sentences = _split_sentences(text, pv, lines, body, signed)
    return Article(
        page=page,
        index=index,
        start=start,
        end=end,
        headline=headline,
        headline_span=headline_span,
        lead=lead,
        bylines=tuple(bylines),
        date=_find_article_date(lines, body, sentences, year),
        sentences=sentences,
        credits=tuple((lines[i].start, lines[i].end) for i in body if lines[i].kind == "credit"),
    )


def _author_under_headline(lines: list[_Line], decks: list[list[int]], body: list[int] = (), typical: int = 0) -> int | None:
    """The line of a bare name closing a headline of two or more lines (title / 王明 / body):
    the article's author. Its given-name characters must be name characters, so a short
    place or word under a title (… / 李村) stays title text; or else it is a pen name (title /
    某某 / body): two or three characters the body never writes again, under a real title."""
    heads = [i for deck in decks for i in deck]
    if len(heads) < 2:
        return None
    last = lines[heads[-1]]
    surnames, given = _load_vocabulary()[1], _given_chars()
    if not (2 <= last.size <= 3 and _NAME.fullmatch(last.text) and "·" not in last.text and last.kind == "body"):
        return None
    above = lines[heads[-2]]
    if typical and len(decks[-1]) > 1 and above.size >= typical and "\u4e00" <= above.text[-1] <= "\u9fff":
        # the line above fills the column and stops on a character: a hard wrap, and the
        # short line is the rest of its last word (…局长某 / 某某), not a name of its own
        return None
    from kg.gazetteer import load_gazetteer

    # a place kicker under the title (… / 郑州 / 本报讯…) is no author
    if load_gazetteer().lookup(last.text):
        return None
    if _is_bare_name(last, surnames) and _name_like(last.text, surnames, given):
        return heads[-1]
    # (a line wrapped from the title's deck is the title's end: 某某指挥部 / 通告)
    return heads[-1] if len(decks[-1]) == 1 and _pen_name_under(lines, heads, body) else None


def _name_like(text: str, surnames, given) -> bool:
    sl = 2 if text[:2] in surnames and len(text) == 3 else 1
    if all(c in given for c in text[sl:]):
        return True
    from kg.names import load_name_model

    # one of the hundred commonest surnames opening three characters alone on the line
    # below a title is most likely its author even when the given name is unusual
    limit = 0.0 if len(text) == 3 and sl == 1 and text[0] in _common_surnames() else 1.0
    return load_name_model().score(text) >= limit  # else neither name characters nor statistics


def _pen_name_under(lines: list[_Line], heads: list[int], body: list[int]) -> bool:
    """Whether the short line closing a headline signs it with a pen name (title / 某某 / body),
    which need not open with a surname: a word the body writes again is the topic the title
    introduces (学金融 / 汇率 / 汇率是…), and the lines above must hold a title's words, not a
    separator (＊＊＊ / 编后). A place's or a body's ending (… / 李村) is title text too."""
    from kg.lexicon import load_lexicon

    name = lines[heads[-1]].text
    if not all("\u4e00" <= c <= "\u9fff" for c in name):
        return False
    lex = load_lexicon()
    if name in lex.world_places or name[-1] in lex.place_suffixes or lex.org_suffix_re.fullmatch(name[-1:]):
        return False
    if not any(sum("\u4e00" <= c <= "\u9fff" for c in lines[i].text) >= 4 for i in heads[:-1]):
        return False
    return not any(name in lines[i].text for i in body)


@functools.lru_cache(maxsize=1)
def _common_surnames() -> frozenset[str]:
    # surnames.txt lists surnames by frequency: the first hundred name most people
    from kg.lexicon import read_resource_lines

    ordered = [w for row in read_resource_lines("surnames.txt") for w in row if len(w) == 1]
    return frozenset(ordered[:100])


@functools.lru_cache(maxsize=1)
def _given_chars() -> frozenset[str]:
    from kg.lexicon import read_resource_lines

    return frozenset(c for row in read_resource_lines("given_chars.txt") for w in row for c in w)


def _find_sign_off(lines: list[_Line], body: list[int]) -> tuple[int | None, list[Byline]]:
    """A bare name signing the article after its last sentence (… 会议结束。 王明, or the name
    on a line of its own): the line it is on, and the byline."""
    tail = [i for i in body if lines[i].kind != "credit"]
    if not tail:
        return None, []
    last = lines[tail[-1]]
    if last.bare:
        return tail[-1], list(last.bare)
    if len(tail) > 1 and lines[tail[-2]].ends and _is_bare_name(last, _load_vocabulary()[1]):
        return tail[-1], [Byline(last.text, "", last.start, last.end)]
    if len(tail) > 1 and lines[tail[-2]].ends and _is_pen_name(last):
        return tail[-1], [Byline(last.text[1:-1], "", last.start + 1, last.end - 1)]
    return None, []


_PEN_NAME = re.compile(rf"[(（]([{_CJK}]{{2,3}})[)）]")


def _is_pen_name(line: _Line) -> bool:
    """A short name in parentheses on the article's last line, after its last sentence: the
    author signing a commentary, often with a pen name that opens with no surname (（某庆）).
    Not a word the dictionary knows for something else (（待续）, （摘要）) nor a place."""
    m = _PEN_NAME.fullmatch(line.text)
    if m is None or line.end - line.start != len(line.text):
        return False  # spaced out or broken: not the compact signature
    return _pen_name_ok(m.group(1))


def _pen_name_ok(name: str) -> bool:
    """Whether two or three characters signing an article can be a (pen) name: one word jieba
    does not know or calls a name, or words none of which is a verb, a numeral or a function
    word ((待续), (有删节), (一版) are not); never a place."""
    from kg.gazetteer import load_gazetteer
    from kg.lexicon import load_lexicon
    from kg.segment import get_segmenter

    if name.endswith("摄"):
        return False  # 。(某某摄): a photo credit, whose name stops before 摄; the credit rules read it
    words = get_segmenter().tokens(name)
    if len(words) == 1:
        if words[0].tag not in ("oov", "nr", "nrfg", "nrt", "ns"):
            return False
    elif any(w.tag in _NOT_PEN_NAME_TAGS for w in words) or len(words) > 2:
        return False
    return not load_gazetteer().lookup(name) and name not in load_lexicon().world_places


_NOT_PEN_NAME_TAGS = frozenset(("v", "vn", "d", "p", "c", "u", "uj", "ul", "m", "q", "r", "f", "t", "nz", "nt"))


def _split_sentences(text: str, pv: View, lines: list[_Line], body: list[int], signed: int | None) -> tuple[Sentence, ...]:
    """Sentences of the body lines: a paragraph runs on across line breaks until a line ends a
    sentence or a colon, and never across a credit, a caption, a dateline or a skipped line.
    `signed` is the line that ends in (or is) the article's sign-off."""
    out: list[Sentence] = []
    para: tuple[int, int] | None = None  # the original span of the paragraph being gathered
    prev = -2
    for i in body:
        line = lines[i]
        if line.kind == "credit" or (i == signed and not line.bare):
            _split_paragraph(text, pv, para, out)
            para = None
            continue
        stops = line.photo or i == signed  # a credit closes the line
        end = line.body_end if stops else line.end
        if para is not None and prev == i - 1 and _runs_on(lines[prev], line):
            para = (para[0], end)
        else:
            _split_paragraph(text, pv, para, out)
            para = (line.start, end)
        if stops or line.kind == "date":
            _split_paragraph(text, pv, para, out)
            para = None
        prev = i
    _split_paragraph(text, pv, para, out)
    return tuple(out)


def _runs_on(before: _Line, line: _Line) -> bool:
    """Whether `line` continues the sentence `before` left unfinished (a wrapped OCR line)."""
    return (
        before.kind in ("body", "lead")
        and line.kind == "body"
        and not before.ends
        and not before.photo
        and not before.text.endswith((":", "："))
    )


def _split_paragraph(text: str, pv: View, para: tuple[int, int] | None, out: list[Sentence]) -> None:
    if para is None:
        return
    a, b = para
    pos = a
    for m in _SENT_END.finditer(text, a, b):
        _add_sentence(text, pv, pos, m.end(), out)
        pos = m.end()
    if pos < b:
        _add_sentence(text, pv, pos, b, out)


def _add_sentence(text: str, pv: View, a: int, b: int, out: list[Sentence]) -> None:
    # A loop over a window just past the limit, not recursion over the whole rest: a megabyte
    # line of comma-separated clauses must neither exhaust the stack nor be copied per clause.
    offs = pv.offsets
    while True:
        # the window holds over _HARD_SENTENCE characters even after trimming a space at each end
        w = bisect_left(offs, a, 0, len(offs) - 1) + _HARD_SENTENCE + 4
        short = not (w < len(offs) - 1 and offs[w] < b)
        view = _cut_view(pv, text, a, b if short else offs[w])
        if not view.text:
            return
        cut = None
        if len(view.text) > _MAX_SENTENCE:
            # cut at the last comma that keeps the first part under the limit, then go on
            cut = max((k for k, c in enumerate(view.text[:_MAX_SENTENCE]) if c in ",，:：" and k > 20), default=None)
        if cut is None and len(view.text) > _HARD_SENTENCE:
            cut = max((k for k, c in enumerate(view.text[:_HARD_SENTENCE]) if c in "、;； " and k > 20),
                      default=_HARD_SENTENCE - 1)
        if cut is None:  # only when short: a window is always cut
            out.append(Sentence(view.start, view.end, view))
            return
        mid = view.offsets[cut] + 1
        head = _cut_view(pv, text, view.start, mid)
        if head.text:
            out.append(Sentence(head.start, head.end, head))
        a = mid


# ---------------------------------------------------------------------------------------------
# Dates


def _to_iso(y, m, d) -> str | None:
    try:
        return _date(int(y), int(m), int(d)).isoformat() if 1900 <= int(y) <= 2100 else None
    except ValueError:
        return None


@functools.lru_cache(maxsize=1)  # (the split stage asks it twice of the same cleaned page)
def _find_year(view: str) -> int | None:
    years = Counter(int(y) for y, m, d in _FULL_DATE.findall(view) if _to_iso(y, m, d))
    if not years:
        return None
    # most common; the later year breaks a tie (a page reports news, not history)
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]


def page_year(page: Page) -> int | None:
    """The year of the page: the most common year among its full dates (2021年3月2日).

    Extraction uses it to give a month-day (3月5日) a year.

    >>> page_year(Page.from_text("通告\\n2021年 3月 2日\\n本报讯 3月5日，会议召开。"))
    2021
    """
    return _find_year(_page_view(page.text).text)


@functools.lru_cache(maxsize=1)
def _page_view(text: str) -> View:
    """The cleaned page. The split stage reads it twice, for the articles and for the year
    (`split_articles`, then `page_year`), and cleaning it again was a sixth of the stage.

    Page furniture an OCR engine leaves between two lines of a sentence (a page number,
    第3版, a running date) is left out of the view, so the sentence and the name it cuts
    join up again (…记者某 / 第3版 / 某报道); the original text keeps it.
    """
    view = clean_text(text)
    if not _FURNITURE.search(text):
        return view
    cut = _furniture_spans(text)
    if not cut:
        return view
    keep = [k for k, o in enumerate(view.offsets[:-1]) if not any(a <= o < b for a, b in cut)]
    return View("".join(view.text[k] for k in keep), tuple(view.offsets[k] for k in keep) + (view.offsets[-1],))


# a page number (3, - 3 -), an edition mark (第3版, 第三版) or a date alone on its line
_FURNITURE = re.compile(
    r"^[^\S\n]*(?:[-－—]?[^\S\n]*[0-9０-９]{1,3}[^\S\n]*[-－—]?|第[^\S\n]*[0-9０-９一二三四五六七八九十]{1,3}[^\S\n]*版"
    r"|[0-9０-９]{4}[^\S\n]*年[^\S\n]*[0-9０-９]{1,2}[^\S\n]*月[^\S\n]*[0-9０-９]{1,2}[^\S\n]*日)[^\S\n]*\r?$",
    re.M,
)


def _furniture_spans(text: str) -> list[tuple[int, int]]:
    """Furniture lines that cut a sentence: the line above is a full column line (as long as
    most lines of the page) that does not end a sentence, and text follows below."""
    lines = [(m.start(), m.end(), _WS.sub("", m.group())) for m in re.finditer(r"[^\r\n]*\S[^\r\n]*", text)]
    sizes = sorted(len(t) for _, _, t in lines)
    typical = sizes[3 * len(sizes) // 4]
    out = []
    for k in range(1, len(lines) - 1):
        a, b, t = lines[k]
        above = lines[k - 1][2]
        if not _FURNITURE.fullmatch(text, a, b) or len(above) < max(8, 0.8 * typical):
            continue
        if above[-1] in _ENDERS or above[-1] in _CLOSERS or above[-1] in ":：":
            continue
        out.append((a, b))
    return out


def _find_article_date(lines, body, sentences, year) -> str | None:
    """The article's own full date (a dateline such as 2021年3月2日 on its own line, or one
    in the lead sentence), else the page year with the lead's month-day, else None."""
    for i in body:
        if lines[i].kind == "date":
            return _to_iso(*_DATE_LINE.search(lines[i].text).groups())  # (a running head's date among its columns)
    if not sentences:
        return None
    opening = sentences[0].text[:80]
    full = _FULL_DATE.search(opening)
    if full and _to_iso(*full.groups()):
        return _to_iso(*full.groups())
    md = _MONTH_DAY.search(opening)
    if md and year:
        return _to_iso(year, *md.groups())
    return None


def read_articles(path, source: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Article, ...]:
    """Read a file and split it: `split_articles(Page.from_file(path, source))`."""
    return split_articles(Page.from_file(path, source, max_bytes=max_bytes))
