"""Resolution: the paper's locale, canonical names and stable keys for the mentions of a page."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from kg.gazetteer import LEVEL_CHARACTERS, Division, load_gazetteer
from kg.lexicon import load_lexicon
from kg.records import Entity, Mention

__all__ = ["Locale", "article_locale", "infer_locale", "Resolver"]

_LEVEL_CHAR = {"省": "province", "市": "prefecture", "州": "prefecture", "盟": "prefecture", "县": "county",
               "区": "county", "旗": "county"}
# words that open with a level character without being one (市场监督管理局 is no 市 + 场…)
_NOT_LEVEL_PREFIX = {"市场", "市民", "市区", "市政", "县城", "区域", "省份", "州府", "市县", "省市", "县区", "区县", "县市"}
_PARTY_BODY = re.compile(r"^(省委|市委|县委|区委|州委|地委)$")
# what a body may open with that only says its level, not which one it is (县|妇联, 自治区|党委)
_LEVEL_HEADS = ("自治区", "自治州", "特区", *LEVEL_CHARACTERS, "地")


@functools.lru_cache(maxsize=1)
def _abbreviation_lengths() -> tuple[int, ...]:
    """The lengths of abbreviations.tsv's short forms, longest first."""
    return tuple(sorted({len(x) for x in load_lexicon().abbreviations}, reverse=True))


@dataclass(frozen=True, slots=True)
class Locale:
    """The divisions a page calls 我省/我市/我县 (and 省/市/县 before an agency word)."""

    province: Division | None = None
    prefecture: Division | None = None
    county: Division | None = None
    # the most named county of the prefecture, for 区/县 before an agency when the page never
    # says 我县: weaker evidence than `county`, so it names no 我县
    nearby_county: Division | None = None

    def at(self, level: str) -> Division | None:
        return {"province": self.province, "prefecture": self.prefecture, "county": self.county}.get(level)


# words of a text about a county of its own: its committee, government, head (县委, 我区…)
_COUNTY_SPEECH = re.compile(r"我县|全县|本县|县委|县政府|县长|我区|全区|区委|区政府")


def infer_locale(text: str) -> Locale:
    """The divisions a page is about: the most named county (when the page speaks of 我县/县委…),
    prefecture and province, made consistent top-down so that a county's own city and
    province beat others named in passing. A namesake county counts for each of its cities.

    >>> loc = infer_locale("阳曲县医改。阳曲县在太原市。我县")
    >>> loc.county.name, loc.prefecture.name, loc.province.name
    ('阳曲县', '太原市', '山西省')
    """
    gaz = load_gazetteer()
    direct = gaz.count_mentions(text)
    home = _paper_home(text, gaz)
    if home is not None:  # the masthead's county weighs as a county named three times
        direct[home.code] = direct.get(home.code, 0) + 3
    counts: Counter = Counter(direct)
    for code, n in direct.items():
        for a in gaz.ancestors(gaz.by_code[code]):  # a county's mentions speak for its city too
            counts[a.code] += 0.5 * n
    first = {code: text.find(gaz.by_code[code].name) % (len(text) + 1) for code in counts}

    def best(level, within=None):
        cands = [c for c in counts if gaz.by_code[c].level == level
                 and (within is None or gaz.contains(within, gaz.by_code[c]))]
        if not cands:
            return None
        return gaz.by_code[max(cands, key=lambda c: (counts[c], -first[c]))]

    county = best("county")
    wants_county = _COUNTY_SPEECH.search(text) is not None
    if county is not None and not wants_county and direct.get(county.code, 0) < 3:
        county = None  # a district named in passing is not the paper's home
    prefecture = province = None
    if county is not None:
        for a in gaz.ancestors(county):
            if a.level == "prefecture":
                prefecture = a
            elif a.level == "province":
                province = a
    if prefecture is None:
        prefecture = best("prefecture", province)
    if province is None and prefecture is not None:
        province = gaz.parent(prefecture)
    if province is None:
        province = best("province")
    if prefecture is not None and county is None and wants_county:
        county = best("county", prefecture)
    nearby = county or (best("county", prefecture) if prefecture is not None else None)
    return Locale(province, prefecture, county, nearby)


def article_locale(page: Locale, text: str) -> Locale:
    """The locale of one article of a page: the page's, but for an article about a county of its
    own (a city paper's 某县：… among other counties' news), whose 县委 and 县某局 are that county's.
    The county must be the one the article names most, by its full name, inside the page's city.

    >>> page = infer_locale("邢台市。清河县委书记。清河县。威县县长。威县")
    >>> article_locale(page, "威县县长到某镇调研。县农业农村局局长参加").county.name
    '威县'
    """
    if not _COUNTY_SPEECH.search(text):
        return page  # an article that speaks of no county's bodies needs no county of its own
    gaz = load_gazetteer()
    counties = {c: n for c, n in gaz.count_mentions(text).items() if gaz.by_code[c].level == "county"}
    if not counties:
        return page
    top = max(counties.values())
    best = [c for c, n in counties.items() if n == top]
    if len(best) != 1 or (page.county is not None and best[0] == page.county.code):
        return page
    county = gaz.by_code[best[0]]
    if page.prefecture is not None and not gaz.contains(page.prefecture, county):
        return page  # a county far from the paper's city, named in passing
    up = {a.level: a for a in gaz.ancestors(county)}
    return Locale(up.get("province", page.province), up.get("prefecture", page.prefecture), county, county)


# a paper's name in the running head a page opens with (３版  某某日报  2022年8月16日): a county
# paper is named by its county's short name, which the page's text rarely prints otherwise.
# (The text comes without its spaces: 3版某某日报2022年…, so the name is read back from the paper word.)
_PAPER = re.compile(r"(?:日报|晚报|时报|报)(?![\u4e00-\u9fff])")


def _paper_home(text: str, gaz) -> Division | None:
    """The county a county paper's masthead names (某某日报 for 某某县), where the short name is
    one county's of the kind the page speaks of (县委, 县医院… for a 县 or 旗; 区委… for a 区).

    >>> _paper_home("3版某河日报2022年8月16日县委书记", load_gazetteer()) is None
    True
    """
    kind = ("县", "旗") if text.count("县") > text.count("区") else ("区",) if text.count("区") > text.count("县") else ()
    for paper in _PAPER.finditer(text, 0, 80):
        for n in (2, 3, 4):
            found = gaz.lookup(text[max(paper.start() - n, 0) : paper.start()])
            if any(d.level != "county" for d in found):
                return None  # 某某日报 of a city or a province (whose name a county may share): no county's paper
            if len(found) > 1:
                found = [d for d in found if d.name.endswith(kind)] if kind else []
            if len(found) == 1:
                return found[0]
    return None


def _by_county_short_name(d: Division, name: str) -> bool:
    """Whether `name` found the county `d` by its short name only (东河 for 某市东河区)."""
    return d.level == "county" and d.name != name


class Resolver:
    """Turns mentions into entities with canonical names and stable keys for one page."""

    def __init__(self, locale: Locale, page_places: list[Mention] = ()):
        self.locale = locale
        self.gaz = load_gazetteer()
        self.lex = load_lexicon()
        # divisions named on the page, to choose between namesakes (three 桥西区 in 河北)
        self._context = set()
        for m in page_places:
            found = self.gaz.lookup(m.text)
            if len(found) == 1 and not _by_county_short_name(found[0], m.text):
                self._context.add(found[0].code)  # (a county's short name alone vouches for nothing)
        for d in (locale.province, locale.prefecture, locale.county):
            if d is not None:
                self._context.add(d.code)

    # ---- places --------------------------------------------------------------------------
    def division(self, name: str) -> Division | None:
        # a county's short name (东河 of 某市东河区) stands for it only where the page names the
        # county or a division above it: else 东河 is a river as often, far from any such city
        cands = [d for d in self.gaz.lookup(name) if not _by_county_short_name(d, name) or d.code in self._context
                 or any(a.code in self._context for a in self.gaz.ancestors(d))]
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        # prefer a full-name match, then the namesake inside a division the page names
        full = [d for d in cands if d.name == name] or list(cands)
        for d in full:
            if any(a.code in self._context for a in self.gaz.ancestors(d)):
                return d
        # a short form equal to both a prefecture and a county (恩施): the higher level
        order = {"province": 0, "prefecture": 1, "county": 2}
        return sorted(full, key=lambda d: (order[d.level], d.code))[0]

    def place_entity(self, name: str, level: str = "", parent: Entity | None = None) -> Entity:
        d = self.division(name)
        if d is not None:
            return self.division_entity(d, alias=name)
        pkey = parent.key if parent else ""
        suffix = f"~{parent.name}" if parent else ""
        return Entity(f"place:{name}{suffix}", "Place", name, (), level or "other", (), "", pkey)

    def division_entity(self, d: Division, alias: str = "") -> Entity:
        namesakes = len([x for x in self.gaz.lookup(d.name) if x.name == d.name]) > 1
        parent = self.gaz.parent(d)
        key = f"place:{d.name}" + (f"~{parent.name}" if namesakes and parent else "")
        aliases = tuple(sorted({a for a in (d.short, alias) if a and a != d.name}))
        pkey = ""
        if parent is not None:
            pnames = len([x for x in self.gaz.lookup(parent.name) if x.name == parent.name]) > 1
            gp = self.gaz.parent(parent)
            pkey = f"place:{parent.name}" + (f"~{gp.name}" if pnames and gp else "")
        return Entity(key, "Place", d.name, aliases, d.level, (), d.code, pkey)

    def locale_name(self, level_char: str) -> Division | None:
        level = _LEVEL_CHAR.get(level_char, "")
        d = self.locale.at(level)
        if d is None and level == "county":
            d = self.locale.nearby_county
        if d is not None and level == "county" and not d.name.endswith(level_char):
            return None  # 县供电局 on a page of 某某区: a district's bureaus are 区's, the county meant is another
        return d

    # ---- organizations -------------------------------------------------------------------
    def org_entity(self, surface: str, subtype: str = "Organization") -> Entity:
        """`市卫健委` on a 石家庄 page → 石家庄市卫生健康委员会, with its short forms as aliases."""
        name = surface
        aliases = {surface}
        if name.startswith("我") and name[1:2] in _LEVEL_CHAR:
            d = self.locale_name(name[1])
            if d is not None:
                name = d.name + name[2:]
        elif (name[:1] in _LEVEL_CHAR and not self.gaz.lookup(name[:2]) and len(name) > 2
              and (name[:2] not in _NOT_LEVEL_PREFIX or name.startswith("市政府"))) or _PARTY_BODY.match(name):
            # (市政|工程 is no city's, but 市|政府|新闻办 is the page's city government's)
            d = self.locale_name(name[0])
            if d is not None:
                # 县委 → 平遥县县委, 市委 → 太原市委 (the short form before 市委, the full name before 县委)
                stem = d.short if (d.short and _PARTY_BODY.match(name)) else d.name
                if not _PARTY_BODY.match(name) and d.name.endswith(name[0]):
                    stem = d.name[:-1]
                name = stem + name
        aliases.add(name)
        full = self.expand(name)
        if _PARTY_BODY.match(surface) and name != surface:
            full = "中共" + name
        aliases.add(full)
        aliases.discard(full)
        # relative forms (市卫健委) name different bodies on different pages: keep them only
        # when they did not resolve, or they would merge namesakes across pages
        aliases = {a for a in aliases if not a.startswith("我")}
        return Entity(self.org_key(full), "Organization", full, tuple(sorted(aliases)), subtype)

    def unheaded(self, surface: str, org: Entity) -> bool:
        """A body written by its level and its kind alone (县妇联, 市公安局, 乡党委, 特区政府) that
        the page's locale did not name: any county's federation, no one body to make a node of."""
        lex = self.lex
        level = next((h for h in _LEVEL_HEADS if surface.startswith(h)), "")
        kind = surface[len(level):]
        if not level or not kind or org.name not in (surface, self.expand(surface)) or self.gaz.lookup(surface[:2]):
            return False
        if kind in lex.org_suffixes or kind in lex.abbreviations or kind in lex.org_names or kind in lex.org_stoplist:
            return True
        # a function and an agency word: 公安|局, 民政|局, 卫生|厅
        return any(kind.startswith(w) and kind[len(w):] in lex.org_suffixes for w in lex.agency_words)

    def org_key(self, full: str) -> str:
        """One key for the names of one body: the innermost division it opens with (石家庄市桥西区
        → 桥西区, with its city where 桥西区 has namesakes) and the rest without optional words."""
        prefix = "中共" if full.startswith("中共") else ""
        rest = full[len(prefix):]
        inner = None
        while True:
            for j in range(min(len(rest), 10), 1, -1):
                d = self.division(rest[:j])
                if d is not None and (d.name == rest[:j] or (d.short == rest[:j] and len(rest) > j + 1)) \
                        and len(rest) > j and (inner is None or self.gaz.contains(inner, d)):
                    # (a second division only inside the first, and a short name before more than
                    # one character: 邯郸县|公安|局 and 公安|局 are no 公安县's bodies)
                    inner, rest = d, rest[j:]
                    break
            else:
                break
        for w in self.lex.org_optional_words:
            if w in rest and rest != w:
                rest = rest.replace(w, "")
        if inner is None:
            return f"org:{prefix}{rest}"
        if rest == "委":
            prefix = "中共"  # 某县委 and 中共某县委: one committee, whichever way the page writes it
        namesakes = len([x for x in self.gaz.lookup(inner.name) if x.name == inner.name]) > 1
        parent = self.gaz.parent(inner)
        where = inner.name + (f"~{parent.name}" if namesakes and parent else "")
        return f"org:{prefix}{where}/{rest}"

    def expand(self, name: str) -> str:
        """Full form of an abbreviated agency name (太原市卫健委 → 太原市卫生健康委员会)."""
        # the longest abbreviation the name ends with: each length looked up once, not every
        # abbreviation tried (one of a length can end it)
        abbreviations = self.lex.abbreviations
        for n in _abbreviation_lengths():
            short = name[len(name) - n :]
            if n <= len(name) and short in abbreviations:
                return name[: len(name) - n] + abbreviations[short]
        return name

    def place_of_org(self, org: Entity) -> Division | None:
        """The division an agency belongs to, from its resolved name."""
        name = org.name[2:] if org.name.startswith("中共") else org.name
        for j in range(min(len(name), 12), 1, -1):
            d = self.division(name[:j])
            if d is not None and d.name == name[:j] or (d is not None and d.short == name[:j]):
                return d
        return None

    # ---- persons -------------------------------------------------------------------------
    @staticmethod
    def person_entity(name: str, titles=()) -> Entity:
        return Entity(f"person:{name}", "Person", name, (), "", tuple(titles))
