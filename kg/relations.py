"""Relations read from one sentence's mentions: posts, affiliations, containment and co-occurrence."""

from __future__ import annotations

import re
from itertools import combinations

from kg.lexicon import load_lexicon
from kg.records import Mention

__all__ = ["posts_of_persons", "title_body", "adjacent_containment", "cooccurring"]

_GAP_TITLE_PERSON = re.compile(r"^[\s\u3000]*$")
_BYLINE_GAP = re.compile(r"^[\s\u3000、]*$")
_ORG_TITLE_GAP = re.compile(r"^[\u3400-\u9fff]{0,10}$")


def posts_of_persons(s: str, mentions: list[Mention]) -> list[tuple[Mention, Mention, Mention | None]]:
    """(person, post, organization-before-the-post) triples: 县委副书记、县长赵国强 gives 赵国强 both
    posts; 湖北日报记者许峰 宋佳 gives both reporters 记者 at 湖北日报.

    >>> from kg.mentions import find_mentions
    >>> s = "县委副书记、县长赵国强讲话"
    >>> [(p.text, t.text) for p, t, o in posts_of_persons(s, find_mentions(s))]
    [('赵国强', '县委副书记'), ('赵国强', '县长')]
    """
    ms = sorted(mentions, key=lambda m: m.start)
    out = []
    prev_titles: list[Mention] = []  # the chain of posts that applies to a run of bylined names
    prev_org: Mention | None = None
    for idx, m in enumerate(ms):
        if m.type != "person":
            continue
        chain: list[Mention] = []
        body_of: dict[int, Mention] = {}  # a post in the chain -> the body written right before it
        j = idx - 1
        cursor = m.start
        while j >= 0:
            t = ms[j]
            gap = s[t.end : cursor]
            if t.type == "position" and (_GAP_TITLE_PERSON.match(gap) or (chain and gap == "、")):
                chain.insert(0, t)
                cursor = t.start
                j -= 1
                continue
            if t.type == "organization" and chain and not gap and j > 0 and ms[j - 1].type == "position" \
                    and s[ms[j - 1].end : t.start] == "、":
                # 县长、|县疫情防控指挥部|总指挥|某某: a post of a body in the chain, the posts before it go on
                body_of[id(chain[0])] = t
                cursor = t.start
                j -= 1
                continue
            break
        if not chain and prev_titles and idx > 0 and ms[idx - 1].type == "person" \
                and _BYLINE_GAP.match(s[ms[idx - 1].end : m.start]) \
                and ms[idx - 1].rule in ("byline", "after-title", "name-list") \
                and m.rule in ("byline", "after-title", "name-list", "jieba-nr", "known-name"):
            # 记者 许峰 宋佳, 副县长某某、某某、某某: the role covers the whole run (a name the run
            # itself vouched for passes it on to the next)
            chain = prev_titles
        org = None
        if chain:
            k = ms.index(chain[0]) - 1
            if k >= 0 and ms[k].type == "organization" and _ORG_TITLE_GAP.match(s[ms[k].end : chain[0].start]):
                org = ms[k]
            elif prev_titles is chain:
                org = prev_org
        if not chain and idx + 1 < len(ms) and _NAMED_TO.match(s, m.end, ms[idx + 1].start):
            given = _post_named_to(s, ms, idx + 1)  # 任命某某为县某局局长: the posts after the name
            chain = [t for t, _ in given]
            body_of.update((id(t), o) for t, o in given if o is not None)
        if not chain and idx + 1 < len(ms) and ms[idx + 1].type == "position" and ms[idx + 1].start == m.end \
                and ms[idx + 1].text in load_lexicon().title_heads:
            chain = [ms[idx + 1]]  # 赵乐平总书记, 李明华书记: the bare post after the name
        for t in chain:
            out.append((m, t, body_of.get(id(t), org)))
        prev_titles = chain
        prev_org = org if chain else None
    return out


# 某某同志为…, 任命某某为…, 某某任…: the post after the name is the one given to them
_NAMED_TO = re.compile(r"(?:同志)?(?:为|任|担任)$")
# what closes the post so given: the clause's end, not 候选人 or a noun the post qualifies
_POST_CLOSED = re.compile(r"[，。；,;]|$")


def _post_named_to(s: str, ms: list[Mention], k: int) -> list[tuple[Mention, Mention | None]]:
    """(post, its body) from ms[k] on, each maybe after its body (为|县某局|副局长、|县委某部|部长), the
    last closed by the clause's end; [] when no post stands there."""
    out = []
    while k < len(ms):
        org = None
        if ms[k].type == "organization" and k + 1 < len(ms) and ms[k + 1].start == ms[k].end:
            org, k = ms[k], k + 1
        if ms[k].type != "position":
            break
        out.append((ms[k], org))
        if k + 1 < len(ms) and s[ms[k].end : ms[k + 1].start] == "、":
            k += 1
            continue
        break
    if not out or not _POST_CLOSED.match(s, out[-1][0].end):
        return []
    return out


def title_body(title: str) -> str:
    """The body a post names before its head word (县卫健局副局长 → 县卫健局, 市委书记 → 市委)."""
    lex = load_lexicon()
    m = None
    for m in lex.title_re.finditer(title):
        pass
    if m is None or m.end() != len(title):
        return ""
    return title[: m.start()]


_LEVEL_ORDER = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "township": 4, "village": 5, "other": 6}


def adjacent_containment(mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(child, parent) for places written one after the other (藁城区西关镇), outer first."""
    order = _LEVEL_ORDER
    places = [m for m in mentions if m.type == "place"]
    if len(places) < 2:
        return []  # (most sentences: asked twice for each by the resolve stage)
    places.sort(key=lambda m: m.start)
    out = []
    for a, b in zip(places, places[1:]):
        if a.end == b.start and order.get(a.subtype, 6) < order.get(b.subtype, 6):
            out.append((b, a))
    return out


def cooccurring(keys: list[str]) -> list[tuple[str, str]]:
    """Unordered pairs of distinct entity keys, each once, in sorted order."""
    return list(combinations(sorted(set(keys)), 2))
