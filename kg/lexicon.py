"""Vocabulary as data: the resource files under kg/resources, loaded once into immutable tables."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

__all__ = ["Lexicon", "load_lexicon", "read_resource_lines"]


def read_resource_lines(name: str) -> list[list[str]]:
    """The non-comment lines of a resource file, split on tabs (or on spaces for word lists)."""
    text = resources.files("kg.resources").joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        rows.append(line.split("\t") if "\t" in line else line.split())
    return rows


def _words(name: str) -> frozenset[str]:
    return frozenset(w for row in read_resource_lines(name) for w in row)


def _alternation(words) -> str:
    # longest first, so 首席记者 beats 记者 and 人大常委会 beats 人大
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True, slots=True)
class Lexicon:
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    given_chars: frozenset[str]
    translit_chars: frozenset[str]  # characters of transliterated foreign names
    translit_core_chars: frozenset[str]  # the narrow set: seldom in a Chinese word
    japanese_surnames: frozenset[str]  # 佐藤, 桥本: Japanese family names
    japanese_given_chars: frozenset[str]  # 郎, 子, 惠: what Japanese given names are spelt with
    title_heads: dict  # head word -> class
    title_bodies: frozenset[str]
    org_suffixes: dict  # suffix -> (schema class, strong?)
    abbreviations: dict  # short -> full
    agency_words: frozenset[str]
    org_stoplist: frozenset[str]
    org_false_tails: frozenset[str]  # 格局, 部署: words ending like an agency that are none
    org_sent_groups: frozenset[str]  # 代表团, 专家组: groups a sender names, no bodies of their own
    org_line_heads: frozenset[str]  # 总公司, 出版社: heads a line of work alone makes a name with
    event_triggers: dict  # trigger -> (kind, role)
    event_nouns: dict  # noun -> kind
    place_suffixes: dict  # suffix -> level
    locale_words: dict  # 我市 -> prefecture
    byline_roles: dict  # role -> before|after
    person_nouns: tuple[str, ...]  # 村民, 业主: nouns a name often follows
    not_person_words: frozenset[str]  # 卢布, 塔利班, 厄尔尼诺: words that look like names and name no person
    given_name_words: frozenset[str]  # 建设, 解放: verbs that are common given names too
    person_cues_before: tuple[str, ...]  # 新秀, 主力中场: words right before a foreign name, longest first
    person_cues_after: tuple[str, ...]  # 伤愈, 执导: words right after one, longest first
    person_cues_between: tuple[str, ...]  # 也将, 日前: adverbs between a name and its cue after, longest first
    domain_words: dict  # word -> POS tag, for the tokenizer
    org_optional_words: tuple[str, ...]
    world_places: dict  # name -> country | region | city
    region_endings: frozenset[str]  # 盆地, 流域, 地区: what a region's name ends with
    place_homographs: frozenset[str]  # 来宾, 日照, 长达: everyday words a place only with a cue
    site_kinds: tuple[str, ...]  # 火山, 海滩, 城堡: sites named right before them, longest first
    collected_works: frozenset[str]  # 文选, 传, 年谱: a title holding them is about a person
    org_names: dict  # well-known short names of bodies -> schema class
    league_words: frozenset[str]  # 足彩, 上轮, 主场: words of a football report
    continents: frozenset[str]  # 亚洲, 北美, 东南亚: world_places' continents and their parts
    column_verbs: tuple[str, ...]  # 推荐, 解盘: close a column's name before its colon (某某火线解盘：)
    column_parts: tuple[str, ...]  # 火线, 足彩: words of a column's name after its writer's, longest first
    org_subunits: dict  # 分会, 系 -> the endings the body before them must have (empty: any)
    body_kind_nouns: frozenset[str]  # 企业, 机构: a description's kind before a body's name in apposition
    numbered_units: dict  # 厂, 医院, 支队 -> schema class: units a body numbers (某公司|三|厂)
    title_re: re.Pattern
    org_suffix_re: re.Pattern
    event_noun_re: re.Pattern
    place_suffix_re: re.Pattern

    def person_word_after(self, text: str, j: int, verbs: tuple[str, ...] = ()) -> bool:
        """A word of what a person is or does at text[j] (某某|伤愈, 某某|表示; `verbs` adds the
        caller's verbs of speech), there or after one adverb or time word (某某|也将|缺席, 某某|
        日前|透露): the adverb says when or how, the verb still says who does it."""
        if text.startswith(self.person_cues_after, j) or text.startswith(verbs, j):
            return True
        if not text.startswith(self.person_cues_between, j):
            return False
        for a in self.person_cues_between:  # (longest first: 也将 before 也)
            if text.startswith(a, j):
                k = j + len(a)
                return text.startswith(self.person_cues_after, k) or text.startswith(verbs, k)
        return False

    def person_cued(self, text: str, start: int, end: int, verbs: tuple[str, ...] = ()) -> bool:
        """Whether the words around text[start:end] say a person: a word of what one is or does
        after it (`person_word_after`), or a cue before it (队友|某某, 父亲|某某)."""
        return self.person_word_after(text, end, verbs) or text.endswith(self.person_cues_before, 0, start)

    def is_surname_start(self, text: str, i: int) -> int:
        """Length of the surname starting at text[i] (2 for 欧阳, 1 for 王), or 0."""
        if text[i : i + 2] in self.compound_surnames:
            return 2
        return 1 if text[i : i + 1] in self.surnames else 0


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    surnames = _words("surnames.txt")
    title_heads = {r[0]: r[1] for r in read_resource_lines("titles.tsv")}
    org_suffixes = {r[0]: (r[1], r[2] == "strong") for r in read_resource_lines("org_suffixes.tsv")}
    event_nouns = {r[0]: r[1] for r in read_resource_lines("event_nouns.tsv")}
    place_suffixes = {r[0]: r[1] for r in read_resource_lines("place_suffixes.tsv")}
    person_cues = read_resource_lines("person_cues.tsv")
    column_words = read_resource_lines("column_words.tsv")
    return Lexicon(
        surnames=frozenset(s for s in surnames if len(s) == 1),
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        given_chars=frozenset("".join(_words("given_chars.txt"))),
        translit_chars=frozenset("".join(_words("translit_chars.txt"))),
        translit_core_chars=frozenset("".join(_words("translit_core_chars.txt"))),
        japanese_surnames=_words("japanese_surnames.txt"),
        japanese_given_chars=frozenset("".join(_words("japanese_given_chars.txt"))),
        title_heads=title_heads,
        title_bodies=_words("title_bodies.txt"),
        org_suffixes=org_suffixes,
        abbreviations={r[0]: r[1] for r in read_resource_lines("abbreviations.tsv")},
        agency_words=_words("agency_words.txt"),
        org_stoplist=_words("org_stoplist.txt"),
        org_false_tails=_words("org_false_tails.txt"),
        org_sent_groups=_words("org_sent_groups.txt"),
        org_line_heads=_words("org_line_heads.txt"),
        event_triggers={r[0]: (r[1], r[2]) for r in read_resource_lines("event_triggers.tsv")},
        event_nouns=event_nouns,
        place_suffixes=place_suffixes,
        locale_words={r[0]: r[1] for r in read_resource_lines("locale_words.tsv")},
        byline_roles={r[0]: r[1] for r in read_resource_lines("byline_roles.tsv")},
        person_nouns=tuple(sorted(_words("person_nouns.txt"), key=lambda w: (-len(w), w))),
        not_person_words=_words("not_person_words.txt"),
        given_name_words=_words("given_name_words.txt"),
        person_cues_before=tuple(sorted((r[0] for r in person_cues if r[1] == "before"), key=lambda w: (-len(w), w))),
        person_cues_after=tuple(sorted((r[0] for r in person_cues if r[1] == "after"), key=lambda w: (-len(w), w))),
        person_cues_between=tuple(sorted((r[0] for r in person_cues if r[1] == "between"), key=lambda w: (-len(w), w))),
        domain_words={r[0]: r[1] for r in read_resource_lines("domain_words.tsv")},
        world_places={r[0]: r[1] for r in read_resource_lines("world_places.tsv")},
        region_endings=_words("region_endings.txt"),
        place_homographs=_words("place_homographs.txt"),
        site_kinds=tuple(sorted(_words("site_kinds.txt"), key=lambda w: (-len(w), w))),
        collected_works=_words("collected_works.txt"),
        org_names={r[0]: r[1] for r in read_resource_lines("org_names.tsv")},
        league_words=_words("league_words.txt"),
        continents=frozenset(r[0] for r in read_resource_lines("world_places.tsv") if r[2:] == ["continent"]),
        column_verbs=tuple(r[0] for r in column_words if r[1] == "verb"),
        column_parts=tuple(sorted((r[0] for r in column_words if r[1] == "part"), key=lambda w: (-len(w), w))),
        org_subunits={r[0]: tuple(r[1].split()) if len(r) > 1 else () for r in read_resource_lines("org_subunits.tsv")},
        body_kind_nouns=_words("body_kind_nouns.txt"),
        numbered_units={r[0]: r[1] for r in read_resource_lines("numbered_units.tsv")},
        org_optional_words=tuple(sorted(_words("org_optional_words.txt"), key=len, reverse=True)),
        title_re=re.compile(f"(?:常务)?(?:副)?(?:{_alternation(title_heads)})"),
        org_suffix_re=re.compile(_alternation(org_suffixes)),
        event_noun_re=re.compile(_alternation(event_nouns)),
        place_suffix_re=re.compile(_alternation(place_suffixes)),
    )
