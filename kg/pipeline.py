"""The pipeline: one list of stages from a page's articles to the facts the graph is built from."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import Callable

from kg.events import find_dates, find_event_candidates, is_generic_event_name, ordinal_of, without_ordinal
from kg.gazetteer import LEVEL_CHARACTERS
from kg.lexicon import load_lexicon
from kg.ingest import Page, clean_text, page_year, split_articles
from kg.mentions import (
    _AFTER_NAME, _CLUB_TALK, _NOT_STREET_END, _PERSON_VERBS, _POLITE, _TO_PLACE, _TOWN_LEVELS, MentionFinder,
    _ends_with_any,
    _league_in_word, _strong_org_suffixes, _tables,
)
from kg.records import ArticleFacts, Entity, Event, Evidence, Mention, Relation, post_key
from kg.relations import adjacent_containment, cooccurring, posts_of_persons, title_body
from kg.resolve import Locale, Resolver, article_locale, infer_locale

__all__ = ["STAGES", "Stage", "Unit", "PageState", "extract_page", "extract_text_mentions", "PIPELINE_VERSION"]

# Bumped whenever extraction changes what it outputs: the build cache keys on it.
PIPELINE_VERSION = "1"

_ATTEND = re.compile(r"^(?:等)?(?:参加|出席|列席|陪同|参会)")
_CHAIR = re.compile(r"^(?:同志)?主持")
_STRONG_PERSON_RULES = ("after-title", "byline", "name-list", "photo-credit", "after-role")


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence (or headline) of an article, with the mentions found in it."""

    article: int  # index into PageState.articles
    start: int  # original offsets in the page
    end: int
    text: str  # cleaned text
    offsets: tuple[int, ...]  # view index → original page offset
    is_headline: bool = False
    mentions: tuple[Mention, ...] = ()

    def to_original(self, i: int, j: int) -> tuple[int, int]:
        return self.offsets[i], self.offsets[j - 1] + 1 if j > i else self.offsets[i]


@dataclass(frozen=True, slots=True)
class PageState:
    """What the stages know about one page so far; each stage returns a new one."""

    page: Page
    articles: tuple = ()
    units: tuple[Unit, ...] = ()
    year: int | None = None
    locale: Locale = field(default_factory=Locale)
    article_locales: tuple[Locale, ...] = ()  # per article: the page's, or its own county's
    entity_of: tuple = ()  # per unit: tuple of (mention, entity key or "")
    entities: dict = field(default_factory=dict)  # key -> Entity
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    authors: dict = field(default_factory=dict)  # article index -> person keys credited
    facts: tuple[ArticleFacts, ...] = ()


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    run: Callable[[PageState], PageState]


# ---- stages ---------------------------------------------------------------------------------

def split_units(st: PageState) -> PageState:
    """Articles and their sentences; a headline is a unit of its own (events are named there)."""
    articles = split_articles(st.page)
    units = []
    for ai, art in enumerate(articles):
        if art.headline and art.headline_span:
            first = art.sentences[0] if art.sentences else None
            if first is None or first.start >= art.headline_span[1]:
                for a, b in _headline_lines(st.page.text, *art.headline_span):
                    v = clean_text(st.page.text, a, b)
                    units.append(Unit(ai, a, b, v.text, tuple(v.offsets), True))
        for s in art.sentences:
            units.append(Unit(ai, s.start, s.end, s.view.text, tuple(s.view.offsets)))
        for a, b in art.credits:  # (新华社发某某社照片): the agencies a credit names
            v = clean_text(st.page.text, a, b)
            units.append(Unit(ai, a, b, v.text, tuple(v.offsets)))
    return replace(st, articles=articles, units=tuple(units), year=page_year(st.page))


def _headline_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of a headline, each a unit: a kicker, a title and a subtitle are phrases of
    their own (继续加强水利的基础地位 / 某部部长某某), and joined they would run one into the
    next. A line that is one half of a title broken in two (no punctuation between, the first
    as long as the page's lines) is rare in headlines and read apart all the same."""
    out, pos = [], start
    for line in text[start:end].split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def find_unit_mentions(st: PageState) -> PageState:
    """Mentions per unit; then names confirmed anywhere on the page are found everywhere on it."""
    finder = MentionFinder()
    first = [finder.find(u.text) for u in st.units]
    known = frozenset(m.text for ms in first for m in ms if m.type == "person" and m.rule in _STRONG_PERSON_RULES)
    # 张书记, 王局长: a surname and a post head name the one person of the page who fits
    lex = finder.lex
    posts_of: dict[str, set[str]] = {}
    for u, ms in zip(st.units, first):
        for m in ms:
            if m.type == "person" and m.text in known:
                posts_of.setdefault(m.text, set())
        for person, post, _ in posts_of_persons(u.text, ms):
            if person.text in known:
                posts_of.setdefault(person.text, set()).add(post.text)
    units = []
    for u, ms in zip(st.units, first):
        if known and any(k in u.text for k in known):
            ms = finder.find(u.text, known)
        ms = list(ms) + _title_only_mentions(u.text, ms, posts_of, lex)
        # the constructor, not dataclasses.replace: a corpus has hundreds of thousands of units
        units.append(Unit(u.article, u.start, u.end, u.text, u.offsets, u.is_headline,
                          tuple(sorted(ms, key=lambda m: (m.start, m.end)))))
    return replace(st, units=tuple(_lengthen_cut_persons(_trim_glued_persons(_familiar_names(units, finder), finder))))


def _familiar_names(units: list[Unit], finder: MentionFinder) -> list[Unit]:
    """老某, 小某 that jieba's dictionary does not know as a word (小区, 老区, 小时 are words):
    in news prose the familiar name of a person the story follows, cue or not. Unless the
    surname makes a word with the next character (小|木床). A page-level reading of `kg build`:
    `kg ner` keeps the mention finder's cues, as CLUENER's annotators mostly leave these out."""
    seg = finder.seg
    out = []
    for u in units:
        s = u.text
        add = []
        bounds = None  # (the sentence's word starts, cut once and only where a familiar form is read)
        for m in finder._familiar.finditer(s) if ("老" in s or "小" in s) else ():
            i, j = m.span()
            if seg.known(s[i:j]) or seg.known(s[j - 1 : j + 1]) or any(x.start < j and i < x.end for x in u.mentions):
                continue
            bounds = bounds or {t.start for t in seg.tokens(s)} | {len(s)}
            if i in bounds and j in bounds:
                add.append(Mention(i, j, s[i:j], "person", "", "familiar"))
        if add:
            u = Unit(u.article, u.start, u.end, u.text, u.offsets, u.is_headline,
                     tuple(sorted(u.mentions + tuple(add), key=lambda m: (m.start, m.end))))
        out.append(u)
    return out


def _trim_glued_persons(units: list[Unit], finder: MentionFinder) -> list[Unit]:
    """A name read once with the word after it glued on (某某为|“…”, 某某家, 某某则, 某某正在)
    where the page names the person without it at least as often: the page's spelling wins.
    The character cut off must be one a name does not end with here: a function word, the
    start of a word with the next character, or no given-name character at all."""
    counts: dict[str, int] = {}
    for u in units:
        for m in u.mentions:
            if m.type == "person":
                counts[m.text] = counts.get(m.text, 0) + 1
    glued = {w for w in counts if len(w) >= 3 and counts.get(w[:-1], 0) >= counts[w]}
    if not glued:
        return units
    lex, seg = finder.lex, finder.seg
    out = []
    for u in units:
        ms = u.mentions
        if any(m.type == "person" and m.text in glued for m in ms):
            s = u.text
            ms = tuple(replace(m, end=m.end - 1, text=m.text[:-1], rule=m.rule + "+page-trim")
                       if m.type == "person" and m.text in glued
                       and (s[m.end - 1] in _AFTER_NAME or s[m.end - 1] == "家" or seg.known(s[m.end - 1 : m.end + 1])
                            or s[m.end - 1] not in lex.given_chars) else m for m in ms)
            u = Unit(u.article, u.start, u.end, u.text, u.offsets, u.is_headline, ms)
        out.append(u)
    return out


def _lengthen_cut_persons(units: list[Unit]) -> list[Unit]:
    """A name read two characters long where the page names a person with those two and the
    very character that follows them (村主任|某某|刚正带领…, and 某某刚介绍 elsewhere): the word
    after the name took its last character, and the page's spelling wins."""
    names = {m.text for u in units for m in u.mentions if m.type == "person"}
    longer = {w[:2]: w for w in names if len(w) == 3}
    if not longer:
        return units
    out = []
    for u in units:
        s = u.text
        ms = u.mentions
        cut = [m for m in ms if m.type == "person" and m.text in longer and not m.rule.endswith("page-trim")
               and s[m.end : m.end + 1] == longer[m.text][2]]
        if cut:
            taken = {(m.start, m.end) for m in ms if m.type != "person" or m not in cut}
            ms = tuple(replace(m, end=m.end + 1, text=s[m.start : m.end + 1], rule=m.rule + "+page-name")
                       if m in cut and not any(a <= m.end < b for a, b in taken) else m for m in ms)
            u = Unit(u.article, u.start, u.end, u.text, u.offsets, u.is_headline, ms)
        out.append(u)
    return out


def _title_only_mentions(s: str, ms, posts_of: dict[str, set[str]], lex) -> list[Mention]:
    out = []
    taken = [(m.start, m.end) for m in ms if m.type in ("person", "organization")]
    for m in ms:
        if m.type != "position" or m.text not in lex.title_heads or m.start == 0:
            continue
        i = m.start - 1
        if lex.is_surname_start(s, i) != 1 or (i > 0 and "\u4e00" <= s[i - 1] <= "\u9fff" and s[i - 1] not in "、，,和与及同"):
            continue
        if any(a < m.end and i < b for a, b in taken):
            continue
        fits = [n for n, posts in posts_of.items() if n.startswith(s[i]) and any(p.endswith(m.text) for p in posts)]
        if len(fits) == 1:  # one person only: 张书记 is that 张 who is a 书记; two would be a guess
            out.append(Mention(i, m.end, s[i : m.end], "person", fits[0], "title-only"))
    return out


# 某委常委、 right before a body's name (市委常委、|宣传部部长): the committee the member sits on
_STANDING_MEMBER = re.compile(r"(?<![\u4e00-\u9fff])([省市县区州])委常委[、，,]$")


def _committee_department(s: str, m: Mention, res: Resolver) -> str:
    """`市委组织部` for the body 组织部 right after 市委常委、, else "" (a body with a level or place
    of its own keeps it)."""
    member = _STANDING_MEMBER.search(s, 0, m.start)
    if member is None or m.text.startswith(("中共", *LEVEL_CHARACTERS)) or res.gaz.lookup(m.text[:2]):
        return ""
    return member.group(1) + "委" + m.text


def _without_persons(u: Unit) -> str:
    """A unit's text with the persons' names blanked out, for counting the divisions a page
    names: a name that holds a city's short name (某海东, 东山某) names no city."""
    text = u.text
    for m in u.mentions:
        if m.type == "person":
            text = text[: m.start] + "\u3000" * (m.end - m.start) + text[m.end :]
    return text


def _article_resolvers(st: PageState, texts: list[str], locale: Locale, res: Resolver,
                       places) -> list[tuple[Locale, Resolver]]:
    """Per article: its locale and resolver; the page's, but for an article about a county of its
    own (a city paper's page of several counties' news). `texts`: the units without their persons."""
    out, made = [], {locale: res}
    if len(st.articles) < 2:
        return [(locale, res)] * len(st.articles)  # (the page's locale is the article's)
    for a in range(len(st.articles)):
        text = "".join(t for u, t in zip(st.units, texts) if u.article == a)
        loc = article_locale(locale, text) if text else locale
        if loc not in made:
            made[loc] = Resolver(loc, places)
        out.append((loc, made[loc]))
    return out


def _under_county(oe: Entity, locale: Locale) -> Entity:
    """A town's body (某镇党委) keyed under the county of the page or article, as its town is, so two
    counties' 城关镇党委 stay two bodies; one keyed under a division already stays as it is."""
    if locale.county is None or "/" in oe.key:
        return oe
    return replace(oe, key=f"org:{locale.county.name}/{oe.key[4:]}")


def _locale_of(st: PageState, article: int) -> Locale:
    return st.article_locales[article] if article < len(st.article_locales) else st.locale


def resolve_entities(st: PageState) -> PageState:
    """The locale (我市 = 石家庄市), then one entity per mention with a stable key."""
    places = [m for u in st.units for m in u.mentions if m.type == "place"]
    texts = [_without_persons(u) for u in st.units]
    locale = infer_locale("".join(texts))
    res = Resolver(locale, places)
    art_resolvers = _article_resolvers(st, texts, locale, res, places)
    entities: dict[str, Entity] = {}
    entity_of = []
    relations = []

    def put(e: Entity) -> Entity:
        old = entities.get(e.key)
        if old is not None:
            # two names with one key (某某集团, 某某集团有限公司): the second stays an alias
            more = {e.name} - {old.name} if e.kind == "Organization" else set()
            aliases = tuple(sorted(set(old.aliases) | set(e.aliases) | more))
            titles = tuple(sorted(set(old.titles) | set(e.titles)))
            # (most repeats add nothing: the entity as it was, not a copy of it)
            e = old if aliases == old.aliases and titles == old.titles else replace(old, aliases=aliases, titles=titles)
        entities[e.key] = e
        return e

    # places named with their parent anywhere on the page lend that parent to bare mentions
    parent_by_name = {}
    said_in = {}  # child name -> the unit that wrote it after its parent
    for u in st.units:
        for c, p in adjacent_containment(list(u.mentions)):
            parent_by_name.setdefault(c.text, p)
            said_in.setdefault(c.text, u)
    org_texts = {m.text for u in st.units for m in u.mentions if m.type == "organization"}
    placed: dict[int, str] = {}
    placed_by_name: dict[str, str] = {}
    by_locale: set[str] = set()  # places contained in the page's county for want of a parent named
    # (by name: one town is one node, whichever of its mentions told its level)
    towns = {m.text for u in st.units for m in u.mentions if m.type == "place" and m.subtype in ("township", "village")}
    town_prefixes = tuple(sorted(t for t in towns if res.division(t) is None))
    for u in st.units:
        uloc, ures = art_resolvers[u.article]
        parent_of = {id(c): p for c, p in adjacent_containment(list(u.mentions))}
        pairs = []
        for m in u.mentions:
            e = None
            if m.type == "person" and m.rule == "title-only":
                e = put(replace(ures.person_entity(m.subtype), aliases=(m.text,)))
            elif m.type == "person":
                e = put(ures.person_entity(m.text))
            elif m.type == "organization" and (surface := _committee_department(u.text, m, ures)):
                # 市委常委、|组织部|部长: the standing member's department is their committee's; where the
                # page names no city the committee is no one body (and 组织部 alone would join every
                # page's department into one node)
                oe = ures.org_entity(surface, m.subtype or "Organization")
                e = None if oe.name in (surface, ures.expand(surface)) else put(oe)
            elif m.type == "organization":
                oe = ures.org_entity(m.text, m.subtype or "Organization")
                if m.text.startswith(town_prefixes):
                    oe = _under_county(oe, uloc)
                # 县妇联 on a page of no one county names no body, unless its unit is named too
                # (市公安局|治安支队): the page then speaks of one bureau, the unit's parent
                e = None if ures.unheaded(m.text, oe) and not any(
                    o.startswith(m.text) and o != m.text for o in org_texts) else put(oe)
            elif m.type == "place":
                if m.text in ures.lex.locale_words:
                    d = uloc.at(ures.lex.locale_words[m.text])
                    e = put(ures.division_entity(d)) if d else None
                elif ures.division(m.text) is not None:
                    e = put(ures.place_entity(m.text, m.subtype))
                    placed[id(m)] = e.key
                    placed_by_name.setdefault(m.text, e.key)
                else:
                    p = parent_of.get(id(m)) or parent_by_name.get(m.text)
                    pe = None
                    if p is not None:
                        # the parent as it resolved where it was written (慎城镇 in 颍上县), so the
                        # child points at that very node
                        pe = entities.get(placed.get(id(p)) or placed_by_name.get(p.text, "")) \
                            or ures.place_entity(p.text, p.subtype)
                    elif m.text in towns and uloc.county is not None:
                        # a town or village a county's page names alone is the county's (and 城关镇
                        # of one county's paper is not another's)
                        pe = put(ures.division_entity(uloc.county))
                        by_locale.add(m.text)
                    e = put(ures.place_entity(m.text, m.subtype, pe))
                    placed[id(m)] = e.key
                    placed_by_name.setdefault(m.text, e.key)
            pairs.append((m, e.key if e else ""))
        entity_of.append(tuple(pairs))
    # containment: every division up its gazetteer chain, and the text's own compounds
    for key in sorted(entities):
        e = entities[key]
        while e is not None and e.kind == "Place" and e.parent:
            parent = entities.get(e.parent)
            if parent is None:
                d = res.gaz.by_code.get(res.gaz.by_code[e.adcode].parent) if e.adcode else None
                parent = res.division_entity(d) if d else res.place_entity(e.parent.split(":", 1)[1].split("~")[0])
                entities[parent.key] = parent
            unit = None if e.adcode else said_in.get(e.name)
            rule, confidence = ("gazetteer", 0.95) if e.adcode else ("page-county", 0.6) if e.name in by_locale \
                else ("adjacent-names", 0.8)
            relations.append(Relation(e.key, "containedInPlace", parent.key, rule, confidence,
                                      _evidence(st, unit) if unit is not None else None))
            e = parent if parent.key != e.key else None
    return replace(st, locale=locale, article_locales=tuple(loc for loc, _ in art_resolvers), entities=entities,
                   entity_of=tuple(entity_of), relations=tuple(relations))


def _evidence(st: PageState, u: Unit) -> Evidence:
    art = st.articles[u.article]
    return Evidence(_article_key(st.page, art), st.page.source, u.start, u.end, u.text, art.headline or "")


def _article_key(page: Page, art) -> str:
    return f"{page.source}#{art.index}"


def relate(st: PageState) -> PageState:
    """Posts (jobTitle), the bodies they name (worksFor) and agencies' places."""
    resolvers = {loc: Resolver(loc) for loc in {st.locale, *st.article_locales}}
    res = resolvers[st.locale]
    entities = dict(st.entities)
    relations = list(st.relations)
    for u, pairs in zip(st.units, st.entity_of):
        ures = resolvers[_locale_of(st, u.article)]
        key_of = {id(m): k for m, k in pairs}
        orgs = [m for m, k in pairs if m.type == "organization" and k]
        # evidence only for a sentence a relation can come from (a body in a body, a post's)
        ev = _evidence(st, u) if orgs or any(m.type == "position" for m, _ in pairs) else None
        parents = []
        for inner in orgs:
            if inner.rule != "inner-body":
                continue
            for outer in orgs:
                if outer is not inner and outer.start == inner.start and outer.end > inner.end \
                        and key_of[id(outer)] != key_of[id(inner)]:  # 某某集团|有限公司 is one body
                    parents.append((key_of[id(outer)], key_of[id(inner)]))
                    relations.append(Relation(key_of[id(outer)], "parentOrganization", key_of[id(inner)],
                                              "body-in-body", 0.85, ev))
        for person, post, org in posts_of_persons(u.text, [m for m, _ in pairs if m.rule != "inner-body"]):
            pk = key_of.get(id(person))
            if not pk:
                continue
            relations.append(Relation(pk, "jobTitle", post.text, "post-before-name", 0.9, ev))
            e = entities[pk]
            entities[pk] = replace(e, titles=tuple(sorted(set(e.titles) | {post.text})))
            body = None
            named = [m for m in orgs if m.rule == "inner-body" and m.start < post.start < m.end <= post.end]
            if org is not None and key_of.get(id(org)):
                body = key_of[id(org)]
                rule = "organization-post-name"
            elif named:  # 河北|省委副书记: the place before the post names its body
                body = key_of[id(named[0])]
                rule = "place-and-post"
            else:
                b = title_body(post.text)
                town = ""
                level = next((x for x in _TOWN_LEVELS if b.startswith(x)), "")
                if level:
                    # 在某镇…，镇党委书记某某: the one town (village, 街道, 社区) the sentence names is the
                    # post's; with none or two, 镇党委 is any town's (and a node of it would join every page's)
                    towns = {m.text for m, _ in pairs if m.type == "place" and m.subtype in ("township", "village")
                             and m.text.endswith(level)}
                    town = towns.pop() if len(towns) == 1 else ""
                    b = town + b[len(level):] if town else ""
                # (县人大常委会主任, 县政协主席, 市妇联主席: a body's short name names it too)
                if b and (b[-1] in "委局厅办部院所站队" or b.endswith(("政府", "党组", "党委"))
                          or b.lstrip(LEVEL_CHARACTERS) in res.lex.abbreviations):
                    oe = ures.org_entity(b, "GovernmentOrganization")
                    if town and ures.division(town) is None:
                        oe = _under_county(oe, ures.locale)  # as the town's own bodies
                    if oe.name != b or b[0] not in "省市县区":
                        entities.setdefault(oe.key, oe)
                        body = oe.key
                        rule = "body-in-post"
            if body:
                relations.append(Relation(pk, "worksFor", body, rule, 0.8, ev))
                # the post itself, in its body (org:holds / org:postIn): which title is held where
                relations.append(Relation(pk, "holds", post_key(body, post.text), rule, 0.8, ev))
                for outer, inner in parents:
                    if outer == body:  # who works in a hospital's centre works for the hospital
                        relations.append(Relation(pk, "worksFor", inner, rule + "+parent", 0.7, ev))
    # bylines and photo credits: authors of the article, with the role as their post
    authors: dict[int, list[str]] = {}
    for ai, art in enumerate(st.articles):
        for b in art.bylines:
            if not 2 <= len(b.name) <= 4:
                continue
            e = res.person_entity(b.name)
            old = entities.get(e.key, e)
            role = _byline_post(b.role)
            if role:
                old = replace(old, titles=tuple(sorted(set(old.titles) | {role})))
            entities[e.key] = old
            authors.setdefault(ai, []).append(e.key)
            sv = clean_text(st.page.text, b.start, b.end)
            ev = Evidence(_article_key(st.page, art), st.page.source, b.start, b.end, sv.text, art.headline or "")
            if role:
                relations.append(Relation(e.key, "jobTitle", role, "byline", 0.95, ev))
    return replace(st, entities=entities, relations=tuple(relations), authors=authors)


def _byline_post(role: str) -> str:
    """本报记者 and 新华社记者 are 记者 at a paper; 摄影 stays 摄影; a bare name has no post."""
    if role.endswith("记者") and role not in ("首席记者", "特约记者", "摄影记者"):
        return "记者"
    return role


def find_events(st: PageState) -> PageState:
    """Events per article: candidates per unit, agents from the mentions around them, the date
    from the sentence or the article's lead, attendees from 参加/出席 sentences that follow."""
    events: list[Event] = []
    by_article: dict[int, list[int]] = {}
    for i, u in enumerate(st.units):
        by_article.setdefault(u.article, []).append(i)
    for ai, idxs in sorted(by_article.items()):
        art = st.articles[ai]
        lead_date = ""
        for i in idxs:
            ds = find_dates(st.units[i].text, st.year)
            if ds:
                lead_date = ds[0][2]
                break
        art_events: list[Event] = []
        for i in idxs:
            u = st.units[i]
            pairs = st.entity_of[i]
            ms = [m for m, _ in pairs]
            key_of = {id(m): k for m, k in pairs if k}
            dates = find_dates(u.text, st.year)
            cands = find_event_candidates(u.text, ms)
            ev = _evidence(st, u) if cands else None  # (most sentences name no event)
            here: list[Event] = []
            for c in cands:
                e = _event_from(st, art, u, c, ms, key_of, dates, lead_date, ev)
                if e is not None:
                    here.append(e)
            for e in _fold_sentence(here):
                last = art_events[-1] if art_events else None
                if last is not None and not e.organizers and e.attendees and last.kind == e.kind \
                        and (not e.date or not last.date or e.date == last.date):
                    # 某某参加调研 after the outing was told: those who went along on it
                    att = tuple(dict.fromkeys(last.attendees + tuple(a for a in e.attendees if a not in last.organizers)))
                    art_events[-1] = replace(last, attendees=att)
                else:
                    art_events.append(e)
            # a sentence of attendees (市领导吴海涛、陈立新参加) or a chair (省委书记X主持) joins the last event
            if art_events and not cands:
                last = art_events[-1]
                att = _attendees_after(u.text, ms, key_of, 0)
                chair = _chair(u.text, ms, key_of)
                own = _has_person_organizer(last)
                if att or (chair and not own):
                    art_events[-1] = replace(
                        last,
                        attendees=tuple(dict.fromkeys(last.attendees + tuple(a for a in att if a not in last.organizers))),
                        organizers=(chair,) if chair and not own else last.organizers,
                    )
        events.extend(_merge_events(art_events))
    return replace(st, events=tuple(events))


def _event_from(st, art, u, c, ms, key_of, dates, lead_date, ev) -> Event | None:
    s = u.text
    before = [m for m in ms if m.end <= c.trigger_start and id(m) in key_of]
    near = [m for m in before if _near(s, m.end, c.trigger_start)]
    persons_near = [m for m in near if m.type == "person"]
    organizers, attendees, donors, recipients = [], [], [], []
    if c.kind == "Donation" and c.agent_role == "attendee" and any(m.type == "person" for m in before):
        # 副市长某某出席捐赠仪式: who attended the ceremony, not who gave
        attendees.extend(key_of[id(m)] for m in before if m.type == "person" and not _reporter(s, m))
    elif c.kind == "Donation":
        clause_start = max([0] + [k + 1 for k in range(c.trigger_start) if s[k] in "，。；,;"])
        agents = [m for m in before if m.start >= clause_start and m.type in ("organization", "place", "person")]
        rec = [m for m in agents if re.search(r"[向为给]$", s[max(0, m.start - 1) : m.start])]
        # 向县慈善总会、县红十字会捐赠: the bodies listed after the first recipient receive too
        rec += [m for m in agents if m not in rec and rec and m.start > rec[0].start and m.type != "person"
                and s[m.start - 1 : m.start] in ("、", "和", "及")]
        rec += [m for m in ms if m.start >= c.trigger_start and m.type in ("organization", "place") and id(m) in key_of
                and re.search(r"(?:驰援|支援|送往|送给|捐给)$", s[c.trigger_start : m.start])]
        # a body or a person gives; a place only when nobody else is named (西藏阿里捐赠)
        # (but 某县举行…捐赠仪式: the place holds the ceremony, the givers are named after it)
        held = c.start > c.trigger_start
        donor = next((m for m in agents if m not in rec and m.type != "place"), None) \
            or next((m for m in agents if m not in rec and not held), None)
        if donor is None and not rec:
            return None  # 此次捐赠只是…: a donation talked about, with nobody giving
        if donor is not None:
            donors.append(key_of[id(donor)])
        recipients.extend(key_of[id(m)] for m in rec)
    elif c.agent_role == "attendee" and any(m.type == "person" for m in before):
        # 市领导何丽君、冯志远…、各县负责同志参加会议: everyone named before 参加 attended, but
        # one who chaired it (县委书记某某主持，副县长某某出席会议) and the reporter of the byline
        # (本报讯（记者 某某）…出席发布会)
        for m in before:
            if m.type == "person" and not _reporter(s, m):
                (organizers if _CHAIR.match(s[m.end : m.end + 4]) and not organizers else attendees).append(key_of[id(m)])
    elif c.agent_role == "organizer" and persons_near and _JOINS_IN.fullmatch(s, persons_near[-1].end, c.trigger_start):
        # 某局局长某某参加调研: who joined the outing, not who led it
        attendees.extend(key_of[id(m)] for m in persons_near)
    elif c.agent_role == "organizer" and persons_near:
        organizers.append(key_of[id(persons_near[-1])])
        if c.kind in ("Inspection", "Visit"):
            # 县某局副局长某某，县某局局长某某先后到某村调研: the names of the run before went too
            attendees.extend(_run_before(s, ms, before, persons_near[-1], key_of))
    elif c.kind in ("Inspection", "Visit") and (leader := next(
            (m for m in before if m.type == "person" and _LEADS_OUT.match(s, m.end)), None)) is not None:
        # 某某带领…负责同志，深入某镇督导…: the one who led the party out, clauses before the verb
        organizers.append(key_of[id(leader)])
    elif c.kind in ("Inspection", "Visit"):
        org = [m for m in near if m.type == "organization" and re.search(r"对", s[m.end : c.trigger_start])]
        if not org:
            return None  # an inspection with nobody doing it is prose, not an event
        organizers.append(key_of[id(org[-1])])
    elif c.agent_role == "organizer":
        orgs = [m for m in near if m.type == "organization"]
        if orgs:
            organizers.append(key_of[id(orgs[-1])])
    attendees.extend(a for a in _attendees_after(s, ms, key_of, c.end) if a not in organizers)
    if c.kind == "PressConference":
        # 副市长刘晓燕介绍了…: who briefed the press took part
        attendees.extend(key_of[id(m)] for m in ms if m.type == "person" and m.start >= c.end and id(m) in key_of
                         and re.match(r"(?:介绍|发布|通报|回答|答|解读)", s[m.end : m.end + 2]))
    date = dates[0][2] if dates else lead_date or (art.date or "")
    name = c.name
    if is_generic_event_name(name) and art.headline:
        deck = art.headline.split(" ")[0]
        if any(n in deck for n in load_lexicon().event_nouns) or c.kind in ("Inspection", "Visit"):
            name = deck
    key = f"event:{st.page.source}#{u.to_original(c.trigger_start, c.trigger_start + 1)[0]}"
    locations = tuple(key_of[id(m)] for m in ms if m.type == "place" and c.start <= m.start < c.end and id(m) in key_of)
    return Event(key, c.kind, _event_name(name, _locale_of(st, u.article)), date, tuple(organizers), tuple(dict.fromkeys(attendees)),
                 locations, tuple(donors), tuple(dict.fromkeys(recipients)), "trigger+" + c.kind,
                 0.75 if organizers else 0.55, ev)


def _reporter(s: str, m: Mention) -> bool:
    """本报讯（记者 某某）…: the name in the byline's bracket reports the event, it took no part."""
    if m.rule == "byline":
        return True
    left = s[max(0, m.start - 12) : m.start]
    k = max(left.rfind("（"), left.rfind("("))
    return k >= 0 and not re.search(r"[）)]", left[k:]) and any(r in left[k:] for r in load_lexicon().byline_roles)


def _fold_sentence(events: list[Event]) -> list[Event]:
    """李明华调研…，看望慰问…: one outing, told with several verbs, by the same person."""
    out: list[Event] = []
    for e in events:
        prev = out[-1] if out else None
        if prev is not None and prev.kind in ("Inspection", "Visit") and e.kind in ("Inspection", "Visit") \
                and e.organizers and (e.organizers == prev.organizers or not e.organizers):
            out[-1] = replace(prev, attendees=tuple(dict.fromkeys(prev.attendees + e.attendees)))
            continue
        out.append(e)
    return out


def _has_person_organizer(e: Event) -> bool:
    return any(k.startswith("person:") for k in e.organizers)


def _near(s: str, a: int, b: int) -> bool:
    """An agent belongs to a verb when little but a post, 在/到 and a place stand between."""
    gap = s[a:b]
    return len(gap) <= 12 and not re.search(r"[，。；,;！？]", gap)


def _attendees_after(s, ms, key_of, start) -> list[str]:
    """Names in a clause that goes on to say they took part: …等参加会议, …在分会场出席, and
    the names 在…的陪同下 holds (在某某、某某的陪同下，调研组来到…)."""
    escorts = [m.span(1) for m in _ESCORTED.finditer(s, start)] if "陪同下" in s else ()
    persons = [m for m in ms if m.type == "person" and m.start >= start and id(m) in key_of]
    if not persons:
        return []
    covered = _covered(ms)
    attends = []
    for m in persons:
        clause = re.split(r"[，。；,;！？]", s[m.end :], maxsplit=1)[0]
        attends.append(bool(_ATTEND.match(clause) or _ATTEND_IN_CLAUSE.search(clause)
                            or any(a <= m.start and m.end <= b for a, b in escorts)
                            or (not clause and _BODIES_ALONG.match(_uncovered(s, m.end, covered)))))
    # 县委书记某某，县委常委、副县长某某陪同: names and their posts in a run, the verb closing the last
    for k in range(len(persons) - 2, -1, -1):
        a, b = persons[k].end, persons[k + 1].start
        if attends[k + 1] and not attends[k] and s[a : a + 1] in ("，", ",") and b - a <= 24 \
                and not _uncovered(s, a, covered, b).strip("，,、"):
            attends[k] = True
    return list(dict.fromkeys(key_of[id(m)] for m, a in zip(persons, attends) if a))


def _run_before(s, ms, before, last, key_of) -> list[str]:
    """The persons named in a run right before `last`, only their posts, bodies and places and
    a comma between (县委书记某某，县委副书记、县长某某…)."""
    covered = _covered(ms)
    persons = [m for m in before if m.type == "person" and m.end <= last.start]
    out, nxt = [], last
    for m in reversed(persons):
        if not (s[m.end : m.end + 1] in ("，", ",", "、") and nxt.start - m.end <= 24
                and not _uncovered(s, m.end, covered, nxt.start).strip("，,、")):
            break
        out.append(key_of[id(m)])
        nxt = m
    return out


def _covered(ms) -> set[int]:
    """The characters of posts, bodies and places: what may stand between the names of a run."""
    return {k for p in ms if p.type in ("position", "organization", "place") for k in range(p.start, p.end)}


def _uncovered(s: str, a: int, covered: set[int], b: int | None = None) -> str:
    """s[a:b] (to the sentence's end) without the characters mentions of posts, bodies and places hold."""
    return "".join(s[k] for k in range(a, len(s) if b is None else b) if k not in covered)


# …参加会议, 应邀出席开幕会, 陪同检查: the clause after a name says they took part
_ATTEND_IN_CLAUSE = re.compile(r"(?:参加|出席|列席|陪同)(?:[^，。；,;！？]{0,4}?(?:会|活动|仪式|调研|检查|督导|视察|考察)|$)")
# 某某，县某局、县某局主要负责同志陪同检查: the last name of a run, then bodies whose heads went along
# (the bodies' own names taken out before this is matched)
_BODIES_ALONG = re.compile(r"^[，,][、和及]*等?(?:有关|相关)?(?:单位|部门)?(?:主要|分管)?(?:领导|负责同志|负责人)(?:同志)?等?"
                           r"(?:一同|一起)?(?:参加|出席|列席|陪同)")
# 在…的陪同下: those who went along
_ESCORTED = re.compile(r"在([^，。；,;！？]{2,60}?)的?陪同下")


def _chair(s, ms, key_of) -> str:
    for m in ms:
        if m.type == "person" and id(m) in key_of and _CHAIR.match(s[m.end :]):
            return key_of[id(m)]
    return ""


def _event_name(name: str, locale: Locale) -> str:
    for word, level in (("我省", locale.province), ("我市", locale.prefecture), ("我县", locale.county)):
        if word in name and level is not None:
            name = name.replace(word, level.name)
    for ch, d in (("省", locale.province), ("市", locale.prefecture), ("县", locale.county)):
        if name.startswith(ch) and d is not None and not name.startswith(d.name):
            name = (d.name[:-1] if d.name.endswith(ch) else d.name) + name
            break
    return name


_HELD = re.compile(r"(?:主持)?(?:召开|举行|举办)")
# what those named before an outing's verb did when they only went along (某某参加调研, 某某陪同考察)
_JOINS_IN = re.compile(r"(?:一同|一起)?(?:参加|陪同|随同|参与)")
# what the leader of an outing does right after the name (某某带领…, 某某一行深入…, 某某率队到…)
_LEADS_OUT = re.compile(r"(?:一行)?(?:带领|带队|率队|率领|深入|来到|前往|赴)")


def _same_event(o: Event, e: Event) -> bool:
    if o.kind != e.kind:
        return False
    if o.date and e.date and o.date != e.date:
        return False
    if o.organizers and o.organizers == e.organizers:
        return True
    if _told_by_headline(o) and not _told_by_headline(e) and o.date == e.date:
        return True  # 某校举行新学期开学典礼 over the lead's 某校举行某学年开学典礼: the headline tells the lead's event
    if o.kind == "Donation" and o.date and o.date == e.date and not (o.donors and e.donors and set(o.donors) != set(e.donors)) \
            and not (o.recipients and e.recipients and not set(o.recipients) & set(e.recipients)):
        # 某县举行爱心企业捐赠仪式, 企业向某会捐赠…, 某某出席捐赠仪式: one gift told three times on one day,
        # unless two givers or two sets of receivers tell two gifts apart
        return True
    if o.name == e.name or (ordinal_of(o.name) and ordinal_of(o.name) == ordinal_of(e.name)):
        return True  # the headline and the lead name the 第十五次 meeting alike
    a, b = _HELD.sub("", o.name), _HELD.sub("", e.name)
    if bool(ordinal_of(a)) != bool(ordinal_of(b)):
        # the headline's 某政府召开常务会议 is the lead's 某政府第32次常务会议: the number only one of them gives
        a, b = without_ordinal(a), without_ordinal(b)
    if a == b or ((min(len(a), len(b)) >= 6 or (o.date and o.date == e.date and min(len(a), len(b)) >= 4))
                  and (a.endswith(b) or b.endswith(a))):
        # 某委常委会召开会议 over the lead's 某委常委会会议: the verb of holding it aside, one name;
        # 我市召开某某新闻发布会 and 某某新闻发布会: the one's whole name ends the other's (a short
        # one, 常委会议 of 县委召开常委会议, where both are of the same day)
        return True
    return is_generic_event_name(e.name) or is_generic_event_name(o.name)


def _told_by_headline(e: Event) -> bool:
    ev = e.evidence
    return ev is not None and bool(ev.sentence) and ev.sentence.replace(" ", "") in ev.headline.replace(" ", "")


def _better_name(a: str, b: str) -> str:
    """Of two names of one event: the one with its number (第十五次), else the first specific one,
    without the verb of holding it where the other has it (某委常委会会议, not 某委常委会召开会议)."""
    if _HELD.search(a) and _HELD.sub("", a) == b:
        return b
    held_aside = _HELD.sub("", b)
    if len(held_aside) > len(a) and held_aside.endswith(a) and not is_generic_event_name(a):
        return held_aside  # 常委会议 and the headline's 县委召开常委会议: 县委常委会议
    if ordinal_of(b) and not ordinal_of(a):
        return b
    if is_generic_event_name(a) and not is_generic_event_name(b):
        return b
    return a


def _merge_events(events: list[Event]) -> list[Event]:
    """The headline and the lead often tell the same event; 会议 later in the story is it too."""
    out: list[Event] = []
    for e in events:
        same = next((i for i in range(len(out) - 1, -1, -1) if _same_event(out[i], e)), None)
        if same is None:
            out.append(e)
            continue
        o = out[same]
        organizers = o.organizers if _has_person_organizer(o) or not e.organizers else e.organizers
        out[same] = replace(
            o,
            name=_better_name(o.name, e.name),
            date=o.date or e.date,
            organizers=organizers,
            attendees=tuple(a for a in dict.fromkeys(o.attendees + e.attendees) if a not in organizers),
            locations=tuple(dict.fromkeys(o.locations + e.locations)),
            donors=tuple(dict.fromkeys(o.donors + e.donors)),
            recipients=tuple(dict.fromkeys(o.recipients + e.recipients)),
            confidence=max(o.confidence, e.confidence),
        )
    return out


def assemble(st: PageState) -> PageState:
    """ArticleFacts per article: its entities, relations, events and co-occurrences."""
    facts = []
    rel_by_article: dict[str, list[Relation]] = {}
    page_rels = []
    for r in st.relations:
        if r.evidence is None:
            page_rels.append(r)
        else:
            rel_by_article.setdefault(r.evidence.article, []).append(r)
    for ai, art in enumerate(st.articles):
        akey = _article_key(st.page, art)
        keys: list[str] = []
        inner_keys: list[str] = []
        cooc = []
        authors = []
        for u, pairs in zip(st.units, st.entity_of):
            if u.article != ai:
                continue
            # a body named inside a longer body's name (某市公安局|治安支队) is a part of that
            # name, not a mention of its own: the article mentions the outer body, the inner one
            # is reached by parentOrganization (and stays mentioned where the text names it alone)
            outer = [(m.start, m.end) for m, k in pairs if k and m.type == "organization" and m.rule != "inner-body"]
            nested = {id(m) for m, k in pairs if m.rule == "inner-body"
                      and any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in outer)}
            ks = [k for m, k in pairs if k and id(m) not in nested]
            inner_keys.extend(k for m, k in pairs if k and id(m) in nested)
            keys.extend(ks)
            if len(ks) > 1:  # (a pair at least: most sentences name one entity or none)
                ev = _evidence(st, u)
                for a, b in cooccurring(ks):
                    cooc.append((a, b, ev))
            authors.extend(k for m, k in pairs if k and m.rule in ("byline", "photo-credit"))
        authors = st.authors.get(ai, []) + authors
        keys.extend(st.authors.get(ai, []))
        evs = tuple(e for e in st.events if e.evidence and e.evidence.article == akey)
        for e in evs:
            keys.extend(e.organizers + e.attendees + e.donors + e.recipients + e.locations)
        mentioned = list(dict.fromkeys(keys))
        ents = {k: st.entities[k] for k in mentioned if k in st.entities}
        # bodies named only inside posts, and parents up the containment chain, travel along
        rels = rel_by_article.get(akey, [])
        extra = [r.object for r in rels if r.predicate == "worksFor"] + inner_keys
        todo = [k for k in mentioned if k.startswith("place:")]
        seen = set()
        while todo:
            k = todo.pop()
            for r in page_rels:
                if r.subject == k and r.object not in seen:
                    seen.add(r.object)
                    todo.append(r.object)
        implied = {k: st.entities[k] for k in extra + sorted(seen) if k in st.entities}
        art_rels = rels + [r for r in page_rels if r.subject in ents or r.subject in seen]
        facts.append(ArticleFacts(
            key=akey, source=st.page.source, start=art.start, end=art.end, headline=art.headline or "",
            date=art.date or "", entities=tuple(ents.values()) + tuple(e for k, e in implied.items() if k not in ents),
            relations=tuple(art_rels), events=evs, cooccurrences=tuple(cooc),
            authors=tuple(dict.fromkeys(authors)), mentioned=tuple(mentioned),
        ))
    return replace(st, facts=tuple(facts))


STAGES: tuple[Stage, ...] = (
    Stage("split", ("page",), ("articles", "units", "year"), split_units),
    Stage("mentions", ("units",), ("units.mentions",), find_unit_mentions),
    Stage("resolve", ("units.mentions",), ("locale", "article_locales", "entities", "entity_of", "relations"),
          resolve_entities),
    Stage("relations", ("entity_of", "entities"), ("relations", "entities.titles"), relate),
    Stage("events", ("entity_of", "article_locales", "year"), ("events",), find_events),
    Stage("assemble", ("entity_of", "relations", "events"), ("facts",), assemble),
)


def add_lac_mentions(st: PageState) -> PageState:
    """Optional (`--lac`): the persons Baidu's LAC model finds where kg's rules found nothing
    (`kg.lac`, docs/lac.md). Run right after the `mentions` stage; off by default."""
    from kg.lac import LacTagger, extend_mentions

    tagger = LacTagger()
    return replace(st, units=tuple(replace(u, mentions=tuple(extend_mentions(u.text, u.mentions, tagger)))
                                   for u in st.units))


def extract_page(page: Page, *, lac: bool = False) -> tuple[ArticleFacts, ...]:
    """Run every stage over one page and return its articles' facts; `lac` adds the optional
    LAC persons after the mention stage."""
    st = PageState(page)
    for stage in STAGES:
        st = stage.run(st)
        if lac and stage.name == "mentions":
            st = add_lac_mentions(st)
    return st.facts


_ALL_HAN = re.compile(r"[\u4e00-\u9fff]+")
# characters that never stand inside an address: function words and the verbs' particles
_NOT_IN_ADDRESS = "的了在是和与及到从向对把被就都也还又这那有为以等着过将于而或并其该每各我你他她它们"


@functools.lru_cache(maxsize=1)
def _address_parts() -> tuple[str, ...]:
    from kg.lexicon import read_resource_lines

    return tuple(sorted({w for row in read_resource_lines("address_parts.txt") for w in row}, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _address_tail() -> re.Pattern:
    parts = _address_parts()
    counted = [p for p in parts if p in _COUNTED_PARTS]
    ends = "|".join([re.escape(p) for p in parts if p not in _COUNTED_PARTS]
                    + [f"(?<=[{_NUMERALS}])(?:{'|'.join(re.escape(p) for p in counted)})"])
    fill = f"[^\\s{_NOT_IN_ADDRESS}\\W]"
    # name-part and ending, as often as they follow (某某路|23号|2楼); a part's name is at most 13
    # characters (某某某某国际商务|广场): the function words, adverbs and verbs of place it stops at
    # (join_addresses) keep a long one from running over a clause
    return re.compile(f"(?:{fill}{{0,13}}?(?:{ends}))+")


# the endings that count (23号, 5栋, 2单元, 301室): a number or a letter stands right before
# them, else the word is no address's (符号, 编号, 竞赛单元)
_COUNTED_PARTS = frozenset(("号", "号楼", "号院", "栋", "幢", "单元", "层", "室"))
_NUMERALS = "0-9０-９A-Za-zＡ-Ｚ一二三四五六七八九十百千零〇两甲乙丙丁"


# verbs of going written as a word of their own (去|某国|参加, 回|某国|过年): what follows is where
_GO_WORDS = frozenset(("去", "回", "来"))


def _drop_modifier_countries(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A country or a world region written before the noun it qualifies (中国人, 亚洲盘, 日本经济)
    says whose, not where: no address. After a verb of place (在中国, 到日本, 去|日本) it is one."""
    world = load_lexicon().world_places
    gone = {t.end for t in tokens if t.word in _GO_WORDS}
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    place_starts = {m.start for m in ms if m.type == "place"}
    place_ends = {m.end for m in ms if m.type == "place"}
    long_parts = tuple(p for p in _address_parts() if len(p) > 1)  # (中国|城市: one character is a word's start)
    out = []
    for m in ms:
        if m.end in place_starts or m.start in place_ends or text.startswith(long_parts, m.end):
            out.append(m)  # 美国|加州…, 巴西|南部: the country opens an address; 美国|加州|某某: goes on with one
            continue
        nxt = text[m.end : m.end + 1]
        if m.type == "place" and world.get(m.text) in ("country", "region") and re.match(r"[\u4e00-\u9fff]", nxt) \
                and nxt not in "的和与及、以" and not text[max(0, m.start - 2) : m.start].endswith(_TO_PLACE + ("从", "于")) \
                and m.start not in gone \
                and not any(d.level == "province" for d in gaz.lookup(m.text)):
            continue  # (香港|电影 is 北京|电影's kind: a province-level division of China, printed as one)
        out.append(m)
    return out


@functools.lru_cache(maxsize=None)
def _tails(resource: str) -> tuple[str, ...]:
    """The strong body suffixes and the words of one resource file, longest first: what closes
    a name that a place or a person's name heads (body_tails.txt, name_tails.txt)."""
    from kg.lexicon import read_resource_lines
    tails = set(_strong_org_suffixes()) | {w for row in read_resource_lines(resource) for w in row}
    return tuple(sorted(tails, key=len, reverse=True))


# tags of the words that never stand inside a body's name between its place and its suffix
_NOT_IN_BODY_TAGS = frozenset(("v", "vd", "p", "c", "u", "uj", "ul", "d", "r", "m", "q", "f", "s", "t", "ad"))


# how many words a body's name runs on after its place (某市|某某|汽车|销售|服务|有限公司)
_BODY_WORDS = 7
# the words joining two nouns of what one agency deals with (某市|国土资源|和|房屋|管理局); not
# the first word after the place (某市|和|某县): that links two places
_REMIT_LINKS = frozenset(("和", "与", "及"))
# an agency's one-character endings (某市|某某|管理局, 某省|某某|促进|局): after at least one word
# of its remit, as a word of its own or the end of one of three characters or more (格局, 大局,
# 当局 are words of two)
_AGENCY_ENDS = ("局", "委", "办")


# jieba's tags of the common nouns on both sides of such a word (住房|和|城乡建设, 规划|与|国土资源)
_REMIT_TAGS = frozenset(("n", "vn", "l", "j"))


def _remit_link(run, j: int) -> bool:
    """Whether the j-th word of the words after a place joins two common nouns of a body's remit."""
    return 0 < j < len(run) - 1 and run[j].word in _REMIT_LINKS and run[j - 1].tag in _REMIT_TAGS \
        and run[j + 1].tag in _REMIT_TAGS


def _agency_end(word: str) -> bool:
    return word in _AGENCY_ENDS or len(word) >= 3 and word.endswith(_AGENCY_ENDS)

# the time of a place's zone (北京时间): a place written before it says which clock
_TIME_ZONE = "时间"


@functools.lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """The person nouns of two characters (会员, 律师): a member glued onto a body's ending."""
    return frozenset(w for w in load_lexicon().person_nouns if len(w) == 2)


def _drop_body_heads(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A place followed by the rest of a body's or a site's name that kg did not read (某市|住建委,
    某省|信托, 某地|车管所, 某地|某某律师事务所) heads that name: the body is named there, not an
    address, so `kg ner` prints no place. The rest is at most seven words, none a verb or a
    function word, and the last closes with a body's ending (org_suffixes.tsv, body_tails.txt)."""
    tails = _tails("body_tails.txt")
    heads = load_lexicon().title_heads
    people = _person_nouns()
    at = {t.start: k for k, t in enumerate(tokens)}
    taken = [(m.start, m.end) for m in ms if m.type not in ("place", "position")]  # (律师|事务所: a post word inside the name)
    body_ends = {m.end for m in ms if m.type == "organization"}
    out = []
    for m in ms:
        k = at.get(m.end)
        if m.type == "place" and text.startswith(tails, m.end):
            continue  # 某市|住建委 though jieba cut the body's word (住|建委)
        if m.type == "place" and m.start > 0 and text[m.start - 1] in "（(" and text[m.end : m.end + 1] in "）)" \
                and (text.startswith(tails, m.end + 1) or m.start - 1 in body_ends):
            continue  # 某某银行（某国）|有限公司, 某某银行（某国）: the country inside the body's name
        if m.type == "place" and text.startswith(_TIME_ZONE, m.end):
            continue  # 北京|时间: a time zone, not where
        if m.type == "place" and k is not None:
            run = tokens[k : k + _BODY_WORDS]
            for j, t in enumerate(run):
                if _remit_link(run, j):
                    continue  # 某市|国土资源|和|房屋|管理局: two nouns of the body's remit
                if j and _agency_end(t.word):
                    m = None  # 某市|国土资源|管理局, 某省|投资|促进|局: an agency's one-character ending
                    break
                if j and t.tag == "v" and j + 1 < len(run) and _agency_end(run[j + 1].word):
                    continue  # 某市|住房|保障|办: the verb of the agency's task, right before its ending
                if not _ALL_HAN.fullmatch(t.word) or t.tag in _NOT_IN_BODY_TAGS and not t.word.endswith(tails) \
                        or any(a < t.end and t.start < b for a, b in taken):
                    break
                if t.word.endswith(tails) or (len(t.word) >= 4 and (t.word[-2:] in heads or t.word[-2:] in people)
                                              and any(x in t.word[:-2] for x in tails if len(x) >= 2)):
                    # (某省|集邮|协会会长, 协会会员: jieba kept the body's ending and the post or the
                    # member after it one word)
                    m = None
                    break
        if m is not None:
            out.append(m)
    return out


_TITLE = re.compile(r"《[^《》\n]*》")


def _drop_places_in_titles(text: str, ms: list[Mention]) -> list[Mention]:
    """A place inside the title of a work (《某城时报》, 《某城陷落》, 《决斗某某镇》) is part of the
    work's name, not an address: `kg ner` prints none there."""
    if "《" not in text:
        return ms
    titles = [(t.start(), t.end()) for t in _TITLE.finditer(text)]
    return [m for m in ms if m.type != "place" or not any(a < m.start and m.end < b for a, b in titles)]


# the endings of a street's or an estate's name (某某路, 某某苑): a word jieba did not know, or
# took for a noun or a person's name, that ends so names one
_STREET_WORD_ENDS = ("路", "街", "巷", "苑")
_STREET_WORD_TAGS = frozenset(("oov", "n", "nr", "nrt"))
# a street's kind jieba cut off its name as a word of its own, or glued to the side or the spot
# after it (某某|路, 某某|路上, 某某|街头): the name and the kind's first character are the street
_STREET_KIND_WORDS = frozenset(("路", "路上", "路边", "路旁", "路口", "路南", "路北", "路东", "路西", "街", "街上", "街头", "街边"))
# jieba's tags of the word before the bare kind (某某|路): a noun too (工业|路, 海岸|路); before
# the glued one only a name (某某|路上): a noun there is a figure of speech (人生|路上, 创业|路上)
_STREET_NAME_TAGS = frozenset(("oov", "n", "nr", "nrt", "ns", "nz", "j", "s", "vn"))
_STREET_GLUED_NAME_TAGS = frozenset(("oov", "nr", "nrt", "ns", "nz", "j"))


# a road's side or part jieba reads as a word of its own after the name (某某|南路, 某某|中路, 某某|北街):
# with a name before it, jieba's tag a name's, a place's, a word it did not know or an adjective
# (平安|北街), the two are the road
_SIDE_ROAD_WORDS = frozenset(("东路", "西路", "南路", "北路", "中路", "东街", "西街", "南街", "北街"))
_SIDE_ROAD_NAME_TAGS = frozenset(("oov", "nr", "nrt", "ns", "nz", "j", "a"))


def _street_words(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A word of three to five characters that jieba did not know or tagged a noun or a name
    (oov, n, nr, nrt) and that ends in a street's or an estate's ending (某某路, 某某苑) is a place
    `kg ner` prints, where no mention covers it (the graph does not take it: too weak alone)."""
    taken = [(m.start, m.end) for m in ms]
    out = list(ms)
    for t in tokens:
        w = t.word
        if t.tag in _STREET_WORD_TAGS and 3 <= len(w) <= 5 and w.endswith(_STREET_WORD_ENDS) \
                and not w.endswith(_NOT_STREET_END) and _ALL_HAN.fullmatch(w) and w[0] not in _NOT_IN_ADDRESS and w[0] not in "一两几" \
                and not any(a < t.end and t.start < b for a, b in taken):
            out.append(Mention(t.start, t.end, w, "place", "other", "street-word"))
    for k in range(1, len(tokens)):
        t, p = tokens[k], tokens[k - 1]
        if t.word in _STREET_KIND_WORDS and p.tag in (_STREET_NAME_TAGS if t.word in "路街" else _STREET_GLUED_NAME_TAGS) \
                and 2 <= len(p.word) <= 3 and _ALL_HAN.fullmatch(p.word) \
                and p.word[0] not in _NOT_IN_ADDRESS and p.word[-1] not in "路街" and not (p.word + t.word[0]).endswith(_NOT_STREET_END) \
                and not any(a < t.end and p.start < b for a, b in taken):
            e = p.end + 1
            out.append(Mention(p.start, e, text[p.start : e], "place", "other", "street-word"))
    for k in range(1, len(tokens)):
        t, p = tokens[k], tokens[k - 1]
        if t.word in _SIDE_ROAD_WORDS and p.tag in _SIDE_ROAD_NAME_TAGS and 2 <= len(p.word) <= 3 \
                and _ALL_HAN.fullmatch(p.word) and p.word[0] not in _NOT_IN_ADDRESS and not any(a < t.end and t.start < b for a, b in taken):
            # (a name kg took for a person's is the road's: 某某某|南路)
            head = [x for x in out if x.start < p.end and p.start < x.end]
            if all(x.type == "person" and x.rule not in _STRONG_PERSON_RULES and (x.start, x.end) == (p.start, p.end) for x in head):
                out = [x for x in out if x not in head]
                out.append(Mention(p.start, t.end, text[p.start : t.end], "place", "other", "street-word"))
    return sorted(out, key=lambda m: (m.start, m.end)) if out != ms else ms


# the kinds of a bridge's, a bay's, a village's, a hamlet's, an estate's, a street's, a
# building's, a palace's or a river's name written as its last character (某某桥, 某某湾, 某某屯,
# 某某苑, 某某街, 某某大楼, 某某宫, 某某河): with the name one word jieba did not know or took for a
# name or a place, that word names where (not an island or a fort: CLUENER's scenes; nor a hill
# or a lake, which gain nothing)
_SITE_KIND_ENDS = frozenset("桥湾村屯庄苑园街路楼宫河")
_SITE_NAME_TAGS = frozenset(("oov", "ns", "nr", "nrt", "nz"))


def _site_names(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A word of three to five Han characters that jieba did not know or tagged a name or a
    place (oov, nr, nrt, nz, ns) and that ends in a site's kind (某某桥, 某某湾, 某某村) is a place
    `kg ner` prints, where no mention covers it and it is no work's title (《某某庄》)."""
    taken = [(m.start, m.end) for m in ms]
    out = list(ms)
    for t in tokens:
        w = t.word
        if t.tag in _SITE_NAME_TAGS and 3 <= len(w) <= 5 and w[-1] in _SITE_KIND_ENDS and _ALL_HAN.fullmatch(w) \
                and w[0] not in _NOT_IN_ADDRESS and text[t.start - 1 : t.start] != "《" \
                and not any(a < t.end and t.start < b for a, b in taken):
            out.append(Mention(t.start, t.end, w, "place", "other", "site-name"))
    return sorted(out, key=lambda m: (m.start, m.end)) if len(out) > len(ms) else ms


@functools.lru_cache(maxsize=1)
def _site_words() -> dict[str, frozenset[str]]:
    """The words of ner_site_words.tsv by role: venue, building, meeting, sight."""
    from kg.lexicon import read_resource_lines

    roles: dict[str, set[str]] = {}
    for word, role in read_resource_lines("ner_site_words.tsv"):
        roles.setdefault(role, set()).add(word)
    return {role: frozenset(words) for role, words in roles.items()}


# jieba's tags of the name before it: a word it did not know, a name
_VENUE_NAME_TAGS = frozenset(("oov", "nr", "nrt", "nz"))


def _venue_names(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A name jieba did not know or tagged a name (2-4 characters) and a venue's word right
    after it (某某|网吧, 某某|大酒店) is one place `kg ner` prints, where no mention covers either;
    CLUENER marks such buildings addresses."""
    venues = _site_words()["venue"]
    taken = [(m.start, m.end) for m in ms]
    out = list(ms)
    for k in range(1, len(tokens)):
        t, p = tokens[k], tokens[k - 1]
        if t.word in venues and p.tag in _VENUE_NAME_TAGS and 2 <= len(p.word) <= 4 \
                and _ALL_HAN.fullmatch(p.word) and p.word[0] not in _NOT_IN_ADDRESS \
                and not any(a < t.end and p.start < b for a, b in taken):
            out.append(Mention(p.start, t.end, text[p.start : t.end], "place", "other", "venue"))
    return sorted(out, key=lambda m: (m.start, m.end)) if len(out) > len(ms) else ms


# the kinds of a village's, a lane's, a quarter's or an estate's name jieba cut off as a word of
# their own (某某|世界|村, 马久|邑, 成都|清华|坊, 某某|公馆, 某某|球场), and the name's words before
# it: a name jieba did not know, took for a name or a place, or a common noun spelling one
_CUT_KIND_WORDS = frozenset(("村", "坊", "邑", "屯", "寨", "庄", "街", "巷", "镇", "港", "馆", "院", "府",
                             "花园", "公馆", "会馆", "工业区", "球场", "农贸市场", "购物中心"))
_CUT_KIND_NAME_TAGS = frozenset(("n", "nr", "nrt", "ns", "nz", "oov", "ng"))
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# after a name in Latin letters alone (Latin|岛, Latin|酒店) the kinds of a sight or a venue
# too: a Latin word is no common noun of Chinese, the kind names what it is
_LATIN_KIND_WORDS = frozenset(("岛", "湾", "城", "市场", "酒店", "大厦", "广场", "海滩", "公园", "餐厅", "酒吧"))


@functools.lru_cache(maxsize=1)
def _latin_kinds() -> frozenset[str]:
    """The kinds after one Latin word: the sights' and venues' above and an address's endings
    (address_parts.txt: Latin|步行街, Latin|区域), not its counted parts (号, 室: a number's) nor
    its sides (以北, 东侧, 门口: where from a place, no name's kind)."""
    sides = tuple(p for p in _address_parts() if p.startswith("以") or p.endswith(("侧", "边", "面", "口", "处", "部", "畔")))
    return _LATIN_KIND_WORDS | frozenset(p for p in _address_parts() if p not in _COUNTED_PARTS and p not in sides)


def _cut_kind_names(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A place's kind jieba cut off as a word of its own (村, 坊, 花园, 球场 …) after one to three
    name words no mention covers (某某|世界|村, 某某|公馆, Latin|购物|村) is one place `kg ner`
    prints, three characters at least: CLUENER marks the name and its kind one address."""
    taken = [(m.start, m.end) for m in ms]
    free = lambda a, b: not any(x < b and a < y for x, y in taken)
    latin_kinds = _latin_kinds()
    out = list(ms)
    for k in range(1, len(tokens)):
        t = tokens[k]
        if t.word not in _CUT_KIND_WORDS and t.word not in latin_kinds or not free(t.start, t.end):
            continue
        j = k
        while j > 0 and k - j < 3:
            p = tokens[j - 1]
            if p.tag not in _CUT_KIND_NAME_TAGS or not (_ALL_HAN.fullmatch(p.word) or _LATIN_WORD.fullmatch(p.word)) \
                    or any(c in _NOT_IN_ADDRESS for c in p.word) or not free(p.start, p.end):
                break
            j -= 1
        if t.word not in _CUT_KIND_WORDS and not (j == k - 1 and len(tokens[j].word) >= 2 and _LATIN_WORD.fullmatch(tokens[j].word)):
            continue  # (岛, 酒店 … only after one Latin word, not a letter: c|片区)
        if j < k and t.end - tokens[j].start >= 3:
            a = tokens[j].start
            head = next((x for x in out if x.type == "person" and x.end == a and x.rule not in _STRONG_PERSON_RULES), None)
            if head is not None:  # 某某某|国际|艺术|村: a name kg took for a person's opens it
                out.remove(head)
                a = head.start
            out.append(Mention(a, t.end, text[a : t.end], "place", "other", "cut-kind"))
            taken.append((a, t.end))
    return sorted(out, key=lambda m: (m.start, m.end)) if out != ms else ms


def _sites_as_places(ms: list[Mention]) -> list[Mention]:
    """`kg ner` prints a body named for its building (某市国际会议中心: where people go, not who
    acts) as a place; the graph keeps it a body. Where roads meet (某某路|交界处) the road is."""
    words = _site_words()
    buildings, meetings = words["building"], words["meeting"]
    out = []
    for m in ms:
        if m.type == "organization" and _ends_with_any(m.text, buildings):
            m = replace(m, type="place", rule=m.rule + "+site")
        elif m.type == "organization" and len(m.text) >= 5 and _ends_with_any(m.text, meetings):
            end = m.end - next(len(w) for w in meetings if m.text.endswith(w))
            m = replace(m, end=end, text=m.text[: end - m.start], type="place", rule=m.rule + "+site")
        out.append(m)
    return out


def _trim_known_areas(ms: list[Mention]) -> list[Mention]:
    """A province, a prefecture or a country and the area or market after it (某省|地区, 某国|区域,
    某地|市场: the economy there): CLUENER marks the known place alone."""
    from kg.gazetteer import load_gazetteer

    world, gaz = load_lexicon().world_places, load_gazetteer()
    out = []
    for m in ms:
        head = m.text[:-2]
        if m.type == "place" and m.text.endswith(("地区", "区域", "市场")) and len(head) >= 2 and (head in world or any(
                d.level in ("province", "prefecture") for d in gaz.lookup(head))):
            m = replace(m, end=m.end - 2, text=head)
        out.append(m)
    return out


# jieba's tags of a name, or of a word it did not know: a country's or a city's name written
# right before one heads a longer name kg did not read (某城|某某 a club, 某市|某某 a firm, 某地|某某镇 an estate)
_NAME_AFTER_TAGS = frozenset(("nr", "nrt", "nz", "ns", "oov"))


def _drop_name_heads(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A country or a division (gazetteer, world) that no address took, written right before a
    name jieba tagged (nr, nrt, nz, ns) or a word it did not know (oov), that no mention covers,
    heads that longer name: CLUENER marks no address there, so `kg ner` prints none."""
    at = {t.start: t for t in tokens}
    covered = [(m.start, m.end) for m in ms]
    out = []
    for m in ms:
        t = at.get(m.end)
        if m.type == "place" and m.rule in ("world", "gazetteer") and t is not None and t.tag in _NAME_AFTER_TAGS \
                and len(t.word) >= 2 and _ALL_HAN.fullmatch(t.word) and t.word[0] not in _NOT_TOWN_HEAD \
                and not any(a < t.end and t.start < b for a, b in covered):
            continue  # (某省|各乡镇: a quantifier opens no name)
        out.append(m)
    return out


# the words that say where something is and are followed by its address up to the clause's end
# (某某位于|某市某区某某路…, 地址：|…, 家住|…)
_SITED = re.compile(r"(?:位于|地处|坐落于|坐落在|落座于|落户|家住|住在|地点[：:]|地址[：:]|场地[：:]|位置[：:])")
_CLAUSE_END = re.compile(r"[，。,；;！!？?\s（(）)、《》“”\"]")
# how long an address written after such a word may be
_SITED_LEN = 20
# two roads and where they meet (某某高速与某某路|交界处, 某某五环和某某|交汇处东南角): one address
# after such a word, the conjunction inside it
_ROADS_MEET = re.compile(r"[与和][^与和]{1,12}?(?:交界|交叉|交汇)")


def _sited_addresses(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """After a word that says where (位于, 地处, 地址：), CLUENER marks everything up to the
    clause's end one address (某某位于|某区某某路某某大厦北侧|，): `kg ner` prints it so, when it is
    at most 20 characters, holds no function word (的, 和, 在 …) and no mention but places; one 的
    may stand right after a place there when the clause ends in an address's ending (某区某街道的|
    某某花园3幢: the place's estate), and one 与 or 和 between two roads where they meet (某某高速与
    某某路交界处)."""
    if not _SITED.search(text):
        return ms
    out = list(ms)
    word_at = {t.start: t for t in tokens}
    for c in _SITED.finditer(text):
        a = c.end()
        p = _CLAUSE_END.search(text, a)
        e = p.start() if p else len(text)
        body = text[a:e]
        d = body.find("的") + a
        if d > a and body.count("的") == 1 and body.endswith(_address_parts()) \
                and any(x.type == "place" and x.start >= a and x.end == d for x in ms):
            body = body.replace("的", "")  # 位于|某区某某地区的某某名苑12幢: a place's site, one address
        if _ROADS_MEET.search(body) and body.count("与") + body.count("和") == 1:
            body = body.replace("与", "").replace("和", "")  # 位于|某某高速与某某路交界处: where they meet
        if e - a < 2 or e - a > _SITED_LEN or any(ch in _NOT_IN_ADDRESS for ch in body):
            continue
        inside = [x for x in ms if a <= x.start < e or a < x.end <= e]
        if any(x.type not in ("place", "event") for x in inside):
            continue
        if a in word_at and word_at[a].end == e and not any(x.type == "place" for x in inside):
            continue  # (地处|山区: one word kg read no place in, a kind of land)
        out = [x for x in out if x not in inside]
        out.append(Mention(a, e, text[a:e], "place", "other", "sited"))
    return sorted(out, key=lambda m: (m.start, m.end))


# prepositions and conjunctions jieba glues onto an unknown name after them (于|某泽, 把|某泽, 据|某松)
_GLUED_PLACE_HEADS = "于把对使因据被将让向从在与和及跟同给"
# measure words a count glues onto an unknown name after it (39|名|某某家园)
_GLUED_COUNTS = "名个家座所"


def _trim_glued_heads(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A place whose first word jieba did not know and opened with a preposition (于丽泽|商务区 for
    于|某某商务区) or, after a number, with a measure word (39|名旗胜|家园): the name starts after
    that character, as CLUENER marks it."""
    first = {t.start: t for t in tokens if t.tag == "oov" and len(t.word) >= 2}
    out = []
    for m in ms:
        t = first.get(m.start)
        if m.type == "place" and t is not None and m.end - m.start >= 4 and (
                t.word[0] in _GLUED_PLACE_HEADS or t.word[0] in _GLUED_COUNTS and text[m.start - 1 : m.start].isdigit()):
            m = replace(m, start=m.start + 1, text=m.text[1:])
        out.append(m)
    return out


# one character jieba cut off a name's start: a side it tags a place (南|某丹, 东|某某省) or an
# adjective that names (老|某某球场, 大|某某商务区)
_CUT_HEAD_ADJECTIVES = "大小新老"


def _join_cut_heads(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A place right after a one-character word jieba tagged a place (东|某某省, 南|某丹) or one of
    大, 小, 新, 老 as an adjective, that no mention covers: the character is the name's first
    (东某某省, 老某某球场), as CLUENER marks it."""
    ends = {t.end: t for t in tokens}
    covered = {i for m in ms for i in range(m.start, m.end)}
    out = []
    for m in ms:
        p = ends.get(m.start)
        if m.type == "place" and p is not None and len(p.word) == 1 and p.start not in covered \
                and (p.tag == "ns" or p.tag == "a" and p.word in _CUT_HEAD_ADJECTIVES):
            m = replace(m, start=p.start, text=text[p.start : m.end])
        out.append(m)
    return out


# a numbered address's last parts (某某路23号, 某某大厦8层, 5-8楼)
_NUMBERED_ADDRESS = re.compile(r"[0-9０-９][号楼层室]")
# jieba's tags of the words of a line that is one address: names, nouns, numbers and measures
_ADDRESS_LINE_TAGS = frozenset(("n", "nr", "nrt", "ns", "nt", "nz", "oov", "j", "m", "q"))
# how long such a line may be
_ADDRESS_LINE_LEN = 45


def _address_lines(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A line that is nothing but a numbered address and the names of the shop or the venue there
    (某某书店|某市某区某某街69号, 某某大厦8层|某某网|某某室), or names closing with a place's
    ending (某某厂|文化街。): a list's entry or a caption, where CLUENER marks the whole line one
    address. Only names, nouns and numbers, no mark inside, no mention but places and bodies."""
    e = len(text.rstrip("。.；; "))
    if e > _ADDRESS_LINE_LEN or _CLAUSE_END.search(text, 0, e) \
            or not (_NUMBERED_ADDRESS.search(text, 0, e) or text.endswith(_address_parts(), 0, e)):
        return ms
    if not any(m.type == "place" and (_NUMBERED_ADDRESS.search(m.text) or m.end == e) for m in ms) \
            or any(m.type not in ("place", "organization") or m.end > e for m in ms) or len(ms) < 2 and ms[0].end - ms[0].start == e:
        return ms
    covered = [(m.start, m.end) for m in ms]
    for t in tokens:
        if t.start >= e or any(a <= t.start and t.end <= b for a, b in covered):
            continue
        if t.word == "-" and text[t.start - 1 : t.start].isdigit():
            continue  # (5-8楼: floors five to eight)
        if t.tag not in _ADDRESS_LINE_TAGS or not _WORD_CHAR.match(t.word) or any(ch in _NOT_IN_ADDRESS for ch in t.word):
            return ms
    return [Mention(0, e, text[:e], "place", "other", "address-line")]


# 在 and what happens at a place (在|某市某某会议中心|举行): the words between name where it is held
_HELD_AT = re.compile(r"在([^，。,；;！!？?\s（(）)、《》“”\"]{2,24}?)(?:举行|举办|召开|开幕|闭幕|上演|进行)")
# tags of a last word that is no part of an address but says how (成功|举办, 隆重|举行)
_HOW_TAGS = frozenset(("d", "ad", "a", "v", "vd", "vn", "p", "c", "r", "t", "m", "u", "uj"))


def _held_at(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """在, a place and what follows it up to the verb of an event held there (在|某国某州某某会议中心|举行):
    CLUENER marks those words one address; `kg ner` prints them so when they open with a place
    kg read, hold no function word and no mention but places and event words, and the last word
    is a name's (not how it is held: 成功, 隆重)."""
    if "在" not in text:
        return ms
    out = list(ms)
    end_at = {t.end: t for t in tokens}
    for c in _HELD_AT.finditer(text):
        a, e = c.span(1)
        if any(ch in _NOT_IN_ADDRESS for ch in text[a:e]):
            continue
        inside = [x for x in ms if a <= x.start < e or a < x.end <= e]
        if not any(x.type == "place" and x.start == a for x in inside) or any(x.start < a or x.end > e for x in inside) \
                or any(x.type not in ("place", "event", "person") or x.type == "person" and x.rule in _STRONG_PERSON_RULES
                       for x in inside):
            continue
        last = end_at.get(e)
        if last is None or last.tag in _HOW_TAGS:
            continue
        if not text.endswith(_address_parts(), a, e) and not any(x.type == "place" and x.end == e for x in inside):
            continue  # (the words must close with a place's or a building's ending)
        if len(inside) == 1 and inside[0].end == e:
            continue
        out = [x for x in out if x not in inside]
        out.append(Mention(a, e, text[a:e], "place", "other", "held-at"))
    return sorted(out, key=lambda m: (m.start, m.end))


# a note in brackets after an address: at most 30 characters
_BRACKET_NOTE = re.compile(r"[^（()）\n]{2,30}[）)]")


def _address_ends(text: str, ms: list[Mention]) -> list[Mention]:
    """An address (more than a bare name) followed by a note in brackets that is itself an address
    (某某网吧|（某某路南，某某大厦2楼）: roads, numbers, buildings, no function word, no Latin
    alias): CLUENER marks the note the address's."""
    out = []
    for m in ms:
        if m.type == "place" and m.rule in ("address", "sited", "street-word", "venue", "suffix"):
            e = m.end
            if text[e : e + 1] in "（(":
                close = _BRACKET_NOTE.match(text, e + 1)
                note = text[e + 1 : close.end() - 1] if close else ""
                if note and not any(ch in _NOT_IN_ADDRESS for ch in note) and not re.search("[A-Za-z]", note) \
                        and any(p in note for p in _address_parts() if len(p) > 1 or p in "路街号楼"):
                    e = close.end()
            if e != m.end:
                m = replace(m, end=e, text=text[m.start : e])
        out.append(m)
    # places inside a note the address took are the address's now
    notes = [(m.start, m.end) for m, o in zip(out, ms) if m.end != o.end]
    if notes:
        out = [m for m in out if not (m.type == "place" and any(a < m.start and m.end < b for a, b in notes))]
    return out


# the sides of a place written as one character after it (某某路|南，, 某某村|西。)
_SIDES = "东南西北"
_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def _sides_after_places(text: str, ms: list[Mention]) -> list[Mention]:
    """A place followed by one character of a side and then a mark or the line's end (某某路南，,
    某某村西。) is that side of it: CLUENER marks the side the address's, and no word runs on
    (not 某某|南部, 某地|北上)."""
    out = []
    for m in ms:
        e = m.end
        if m.type == "place" and text[e : e + 1] in _SIDES and e < len(text) \
                and (e + 1 == len(text) or not _WORD_CHAR.match(text, e + 1)) \
                and not any(x.start == e for x in ms):
            m = replace(m, end=e + 1, text=text[m.start : e + 1])
        out.append(m)
    return out


# the rules that read a bare name of a known place, not a site or a building: no body owns those
_NAME_PLACE_RULES = frozenset(("world", "gazetteer", "jieba-ns", "byline-place"))


def _join_site_owners(text: str, ms: list[Mention]) -> list[Mention]:
    """A body's name written right before a site or a building kg read (某某大学|某某体育馆,
    某某队|某某公园球场): the site is the body's, and CLUENER marks the two one
    address, not a body and a place. The site closes with an address's ending: a place's bare
    name stays apart (某社|某城: a dateline, 某行|某城: the bank's branch there)."""
    bodies = {m.end: m for m in ms if m.type == "organization"}
    if not bodies:
        return ms
    ends = tuple(p for p in _address_parts() if p not in _COUNTED_PARTS and len(p) > 1)  # (not 某城|某港: a city)
    out, gone = [], set()
    for m in ms:
        o = bodies.get(m.start)
        if m.type == "place" and o is not None and m.rule not in _NAME_PLACE_RULES and _WORD_CHAR.match(text, m.start) \
                and m.text.endswith(ends):
            gone.add(id(o))
            m = replace(m, start=o.start, text=text[o.start : m.end], rule=m.rule + "+owner")
        out.append(m)
    return [m for m in out if id(m) not in gone] if gone else ms


# the localizers jieba cuts off as a word of one character after a place (某某海滩|上, 某市|中,
# 某某大厦|内, 某江|里): on it, in it, not a part of its name
_LOCALIZERS = frozenset("上中内里")


def _trim_localizers(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A place whose last word is a localizer of one character (位于|某某海岸线上, 住在|某某海滩上,
    位于|某市中) says where on or in it: CLUENER marks the place without it (some seventy gold
    addresses on CLUENER's first half stop right before one, a handful end in one where it spells
    the name: 某某云上, 某某市内), so `kg ner` prints the place alone, two characters at least."""
    last = {t.end: t for t in tokens if t.word in _LOCALIZERS}
    out = []
    for m in ms:
        t = last.get(m.end)
        if m.type == "place" and t is not None and t.start == m.end - 1 and m.end - 1 - m.start >= 2:
            m = replace(m, end=m.end - 1, text=m.text[:-1])
        out.append(m)
    return out


def _drop_word_names(text: str, ms: list[Mention]) -> list[Mention]:
    """A division's name that jieba's dictionary holds as a common word or a person's name
    (a metal's name, the word for guests), written without a verb of place before it, is that
    word: `kg ner` prints no place (the graph keeps what the gazetteer found)."""
    from kg.segment import get_segmenter

    seg = get_segmenter()
    out = []
    for m in ms:
        if m.type == "place" and m.rule == "gazetteer" and seg.known(m.text) and seg.tag(m.text) in ("n", "nr", "nrt", "a", "v") \
                and not text[max(0, m.start - 3) : m.start].endswith(_TO_PLACE + ("从", "于")):
            continue
        out.append(m)
    return out


# the units named …队 that are no club: an army's, a police force's, a fleet, an e-sports team
_NOT_CLUB_UNITS = ("部队", "军队", "陆战队", "卫队", "支队", "大队", "中队", "总队", "舰队", "梯队", "战队", "游击队", "文物队", "考古队")


def _drop_clubs(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """In a football report or a betting tip (a word of the game: 足彩, 主场, 上轮 …, a club kg
    read by its match words: 某城|不敌|某城, or a body named …队 that is no army's, police's or
    e-sports unit: 某城队) a foreign city or country, or a name jieba calls a place, written without
    a verb of place before it, is a club or a national team (客胜|某某):
    `kg ner` prints no place there (the graph keeps what the mention stage found)."""
    clubs = any(m.type == "organization" and (m.rule.startswith("team-context")
                                              or m.text.endswith("队") and not m.text.endswith(_NOT_CLUB_UNITS)) for m in ms)
    if not clubs:
        if _league_in_word().search(text) is None:
            return ms
        words = load_lexicon().league_words
        if not any(t.word in words for t in tokens):
            return ms
    world = load_lexicon().world_places
    heads = [m.start for m in ms if m.type == "organization"]
    out = []
    for m in ms:
        if m.type == "place" and (m.rule == "jieba-ns" or m.rule == "world" and world.get(m.text) in ("city", "country")) \
                and not text[max(0, m.start - 3) : m.start].endswith(_TO_PLACE + ("从", "于", "远征", "回")) \
                and not any(m.end <= h <= m.end + _HEAD_GAP and _ALL_HAN.fullmatch(text[m.end : h] or "甲")
                            and not any(ch in _NOT_IN_ADDRESS for ch in text[m.end : h]) for h in heads):
            continue  # (unless it opens a club's name kg read right after it: 某城|某某, 某城|某|某某)
        out.append(m)
    return out


# the tags of the words that never stand between a place and the rest of the body it names
_NOT_IN_BODY_HEAD_TAGS = frozenset(("p", "c", "u", "uj", "ul", "uz", "ug", "d", "r", "v", "vd", "f", "t"))
# how many words may stand between a place and the body's name kg read after it
_HEAD_GAP = 3


def _join_body_heads(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A place, at most three name words and a body kg read (某市|某某|房地产经纪公司): the
    place and the words head the body's name, as CLUENER marks it; `kg ner` prints one body."""
    bodies = {m.start: m for m in ms if m.type == "organization"}
    if not bodies:
        return ms
    at = {t.start: k for k, t in enumerate(tokens)}
    drop, grown = set(), {}
    for m in ms:
        k = at.get(m.end)
        if m.type != "place" or k is None:
            continue
        run = tokens[k : k + _HEAD_GAP + 1]
        for j, t in enumerate(run):
            o = bodies.get(t.start)
            if o is not None and id(o) not in grown:
                drop.add(id(m))
                grown[id(o)] = replace(o, start=m.start, text=text[m.start : o.end], rule=o.rule + "+place-head")
                break
            if _remit_link(run, j):
                continue  # 某市|住房|和|城乡建设委员会: two nouns of the body's remit
            if not _ALL_HAN.fullmatch(t.word) or t.tag in _NOT_IN_BODY_HEAD_TAGS \
                    or any(x.start < t.end and t.start < x.end for x in ms if x is not m):
                break
    if not drop:
        return ms
    return sorted((grown.get(id(m), m) for m in ms if id(m) not in drop), key=lambda m: (m.start, m.end))


# jieba's tags of a common word or a name that may open with an address's ending (楼市, 城商行,
# 城市); not the words of where (路口, 街头, 路上: the address goes on with those)
_RUN_ON_TAGS = frozenset(("n", "j"))


# jieba's tags of the words a name is spelled with: a character that is a function word alone
# (都, 和, 为) spells a name inside one of them (某都|网吧, 某和|会馆)
_NAME_WORD_TAGS = frozenset(("n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "oov", "j"))
# what stands for such a character: no function word, no address's ending
_IN_NAME = "甲"


def _in_name_words(text: str, tokens) -> str:
    """`text` with each function word's character (_NOT_IN_ADDRESS) inside a longer name's or
    noun's word made a neutral character: the address tail reads 某都网吧 as a name and a venue,
    yet stops at 都 written alone. Same length, so offsets hold; the endings (以南) stay."""
    chars = None
    for t in tokens or ():
        if len(t.word) >= 2 and t.tag in _NAME_WORD_TAGS and any(c in _NOT_IN_ADDRESS for c in t.word) \
                and not any(p in t.word for p in _address_parts() if any(c in _NOT_IN_ADDRESS for c in p)):
            chars = chars if chars is not None else list(text)
            for i in range(t.start, t.end):
                if chars[i] in _NOT_IN_ADDRESS:
                    chars[i] = _IN_NAME
    return "".join(chars) if chars is not None else text


# jieba's tags of the words an address's tail stops before: adverbs, prepositions and
# conjunctions (某某中心|已|成…, 某某路|并…); not verbs, which spell streets' names (解放路, 建设路)
_NOT_IN_TAIL_TAGS = frozenset(("d", "ad", "p", "c"))


# the measure words of a count of things jieba reads as one word with its number (一家, 一个, 两处):
# not an address's counted parts (一号, 一栋, 一层), nor 一路 (某某一路 is a road)
_COUNTED_THINGS = frozenset("家个处座些批位名条种次间")


def join_addresses(text: str, ms: list[Mention], tokens=None) -> list[Mention]:
    """A place and the roads, numbers and buildings written right after it, one address
    (某市某区|甜爱支路23号2楼, 长沙|黄兴路步行街), as CLUENER annotators mark addresses. The
    address never runs into another mention that is not a place or an event word (某某|会议中心:
    the event noun inside a building's name is the address's), and its ending never stops inside
    a word jieba read (某市|楼市: the market, not a building; 某市|5家城|商行)."""
    taken = sorted((m.start, m.end) for m in ms if m.type not in ("place", "event"))
    # a word that opens with an address's ending and runs on (楼|市, 城|商行, 城|市): where the
    # tail would stop inside it, the ending is that word's first character, not a building
    parts = set(_address_parts())
    opens = {t.start + n: t for t in tokens or () if t.tag in _RUN_ON_TAGS
             for n in range(1, len(t.word)) if t.word[:n] in parts}
    seen = _in_name_words(text, tokens)
    # nor does it run over a function word jieba read, unless the word is an ending (高速)
    # or a verb of going somewhere (某某|前往|某某路, 某区|位于|某某大厦): it says where, inside none
    # and a verb of two characters or more right before a place kg read, which links two places
    # (某某路|横跨|某河|直达|某某路: a route, not one address; 解放|路 spells a name, no place after it)
    place_starts = {m.start for m in ms if m.type == "place"}
    # and a count of things (某某路|一家|杂货铺, 某港旁有|一个|码头): what is counted is no part of it
    stops = [t.start for t in tokens or () if (t.tag in _NOT_IN_TAIL_TAGS or t.word in _TO_PLACE
                                                or t.tag == "v" and len(t.word) >= 2 and t.end in place_starts
                                                or t.tag == "m" and len(t.word) == 2 and t.word[1] in _COUNTED_THINGS)
             and t.word not in parts]
    out = []
    for m in ms:
        if m.type == "place":
            tail = _address_tail().match(seen, m.end)
            if tail:
                end = tail.end()
                end = min([a for a, _ in taken if m.end <= a < end] + [end])
                end = min([a for a in stops if m.end <= a < end] + [end])
                # (the ending must close the tail: a mention cut it short)
                cut = _address_tail().fullmatch(seen, m.end, end) if end > m.end else None
                if cut and end in opens:
                    end = opens[end].start  # (back to the part before that word, if any)
                    cut = _address_tail().fullmatch(seen, m.end, end) if end > m.end else None
                if cut:
                    m = replace(m, end=end, text=text[m.start:end], rule="address")
        out.append(m)
    # places and event words the tail ran over are the address's now
    kept = []
    for m in sorted(out, key=lambda m: (m.start, -m.end)):
        if m.type in ("place", "event") and kept and kept[-1].type == "place" and kept[-1].start <= m.start and m.end <= kept[-1].end:
            continue
        kept.append(m)
    return kept


# the kinds of settlement and division jieba cuts off a name as a word of their own (长滩|岛,
# 罗湖|桥, 上海市|区, 某地|市区): the name and its kind are one address
_KIND_TOKENS = frozenset(("村", "镇", "乡", "街", "街道", "区", "县", "市", "州", "省", "旗", "岛", "桥", "市区", "城区"))
# jieba's tags of names of places and persons
_NAME_TAGS = ("ns", "nr", "nrt", "nrfg")
# jieba's tags of a name that opens a building's or a site's name (某某|科技大厦)
_NAME_HEAD_TAGS = ("nz", "nr", "nrt", "ns", "oov")
# the smaller divisions an address names after a larger one (某市|大田镇|某某村)
_TOWN_ENDS = ("街道", "镇", "乡", "村")
# a larger division's name ends so (某省, 某市, 某县, 某区, 某州, 某旗, 某盟)
_DIVISION_END = "省市县区州旗盟"
# characters that never open a town's name: function words, quantifiers (各乡镇, 全村, 本乡)
# (inside a name only the particles and prepositions: 那, 为, 以 spell names, 岑那洋村)
_NOT_IN_TOWN = set("的了是和与及在到从向对把被就都也还又着过将于而或并们")
_NOT_TOWN_HEAD = set(_NOT_IN_ADDRESS) | set("各全本该每这那此其某诸附邻农乡镇村")


def _town_after(text: str, pos: int, tokens, seg) -> int:
    """End of a town or village's name written at `pos` (大田镇, 岑那洋村), else `pos`: 2–4
    characters and a town's ending that does not run on into a word (村民, 镇长); jieba may cut
    an unknown name anywhere, so the ending has to close a token or stand in one it did not know."""
    tok_at = {t.end: t for t in tokens}
    oov = [(t.start, t.end) for t in tokens if t.tag == "oov"]
    for n in (2, 3, 4):
        stem = text[pos : pos + n]
        if len(stem) < n or not re.fullmatch(r"[\u4e00-\u9fff]+", stem) or stem[0] in _NOT_TOWN_HEAD \
                or any(c in _NOT_IN_TOWN for c in stem):
            continue
        for suffix in _TOWN_ENDS:
            end = pos + n + len(suffix)
            if text[pos + n : end] != suffix:
                continue
            word = stem + suffix
            if seg.known(word) and seg.tag(word) not in ("ns", "nr", "nrt", "nz", "oov"):
                continue  # 小城镇, 新农村: a common word
            if end in tok_at or any(a < end < b for a, b in oov):
                return end
    return pos


def join_divisions(text: str, ms: list[Mention], tokens=None) -> list[Mention]:
    """CLUENER marks a whole address one place: a name and the kind jieba cut off it (长滩|岛),
    a county or district's short name right before a town (某山|长阳镇), and the towns and
    villages written after a larger division (某市|大田镇|某某村, 某区|后沙峪镇 where the town was
    read without its first character). Only `kg ner` joins them; the graph keeps each place."""
    from kg.gazetteer import load_gazetteer
    from kg.segment import get_segmenter

    seg, gaz = get_segmenter(), load_gazetteer()
    tokens = seg.tokens(text) if tokens is None else tokens
    starts = {t.start: t for t in tokens}
    ends = {t.end: t for t in tokens}
    taken = [(m.start, m.end) for m in ms if m.type != "place"]
    free = lambda a, b: not any(x < b and a < y for x, y in taken)
    out = []
    for m in ms:
        if m.type == "place":
            start, end = m.start, m.end
            t = starts.get(end)
            if t is not None and t.word in _KIND_TOKENS and free(end, t.end):
                end = t.end
            if text[end - 2 : end] == "街道" or text[end - 1 : end] in "镇乡村":
                for n in (3, 2):  # 房山|长阳镇: a division's short or full name before the town
                    head = text[max(0, start - n) : start]
                    if len(head) == n and start - n in starts and free(start - n, start) \
                            and any(d.level in ("county", "prefecture") for d in gaz.lookup(head)):
                        start -= n
                        break
            inner = [t for t in tokens if start <= t.start and t.end <= end]
            head = text[max(0, start - 2) : start]
            if inner and all(seg.known(t.word) and t.tag not in _NAME_TAGS for t in inner) and len(head) == 2 \
                    and start - 2 in starts and re.fullmatch(r"[\u4e00-\u9fff]+", head) \
                    and not any(c in _NOT_IN_ADDRESS for c in head) and free(start - 2, start) \
                    and not seg.known(head):
                start -= 2  # 某泽|金融商务区, 某角|藏族乡: a kind of place in common words needs its name
            elif inner and all(seg.known(t.word) and t.tag not in _NAME_TAGS for t in inner):
                prev = ends.get(start)
                if prev is not None and prev.tag in _NAME_HEAD_TAGS and 2 <= len(prev.word) <= 4 \
                        and re.fullmatch(r"[\u4e00-\u9fff]+", prev.word) and free(prev.start, start):
                    start = prev.start  # 某某|科技大厦, 某某|国际大厦: a name jieba knows before the common words
            if text[end - 1 : end] in _DIVISION_END:
                while True:
                    nxt = _town_after(text, end, tokens, seg)
                    if nxt == end and text[end : end + 1] not in _NOT_IN_ADDRESS:
                        nxt = _town_after(text, end + 1, tokens, seg)  # 某区|后|沙峪镇
                        nxt = nxt if nxt > end + 1 and any(p.type == "place" and p.start == end + 1 for p in ms) else end
                    if nxt == end or not free(end, nxt):
                        break
                    end = nxt
            if (start, end) != (m.start, m.end):
                m = replace(m, start=start, end=end, text=text[start:end], rule="address")
        out.append(m)
    # places the address ran over are the address's now; a place it cut into joins it
    kept: list[Mention] = []
    for m in sorted(out, key=lambda m: (m.start, -m.end)):
        prev = kept[-1] if kept and kept[-1].type == "place" and m.type == "place" else None
        if prev is not None and m.start < prev.end:
            if m.end > prev.end:
                kept[-1] = replace(prev, end=m.end, text=text[prev.start : m.end], rule="address")
            continue
        kept.append(m)
    return kept


# tags of the words a sight's name holds after the place it opens (某城|六合|夜市): no verb, no
# function word, no number (某城|前往|某山, 某市|的|某湖)
_SIGHT_NAME_STOP_TAGS = frozenset(("p", "c", "u", "uj", "ul", "uz", "d", "r", "m", "q", "f", "t"))
# kinds of sight a place opens the name of that site_kinds.txt leaves out, being no site in the
# graph's sense: a temple, a night market, a tower, a ferry (某城|某某寺, 某城|某某夜市, 某城|某某塔)
_SIGHT_KINDS = ("寺", "夜市", "塔", "渡口")


def _sights_after_places(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A place right before one or two words closed by a natural or visited site's kind
    (某地|草原, 某地|沙漠, 某城|某某寺, 某城|某某夜市) opens that site's name: CLUENER marks the
    whole a scene (now and then an address), never the place alone. `kg ner` prints the place and
    the site one name (a scene's span is not scored; an address's is found)."""
    kinds = load_lexicon().site_kinds + _SIGHT_KINDS
    at = {t.start: k for k, t in enumerate(tokens)}
    spans = [(m.start, m.end) for m in ms]
    out = []
    for m in ms:
        k = at.get(m.end)
        word = tokens[at[m.start]] if m.start in at else None
        if m.type == "place" and word is not None and word.end > m.end and word.word.endswith(kinds) \
                and not any(a < word.end and m.end < b for a, b in spans):
            m = replace(m, end=word.end, text=word.word, rule="address")  # 某地草原 one word of jieba's
        elif m.type == "place" and k is not None and not m.text.endswith(kinds):  # (某城古城|去某湖: a site already)
            for t in tokens[k : k + 2]:
                if not _ALL_HAN.fullmatch(t.word) or t.tag.startswith("v") or t.tag in _SIGHT_NAME_STOP_TAGS \
                        or any(a < t.end and m.end < b for a, b in spans):
                    break
                if t.word.endswith(kinds):
                    m = replace(m, end=t.end, text=text[m.start : t.end], rule="address")
                    break
        out.append(m)
    return out


def _drop_sights(ms: list[Mention]) -> list[Mention]:
    """A place named as a sight (某某博物馆, 某某国家公园, 某某风景区) is a scene in CLUENER's
    labels, not an address: `kg ner` prints no place for it (the graph keeps it)."""
    sights = _site_words()["sight"]
    return [m for m in ms if m.type != "place" or m.text in sights or not _ends_with_any(m.text, sights)]


def _drop_quoted_tails(text: str, ms: list[Mention]) -> list[Mention]:
    """A place that closes a quotation it does not open (“某某|某某广场”, “星展|某国”) is the tail of
    the quoted name, a project's, a brand's or a body's: `kg ner` prints no place for it."""
    if "”" not in text:
        return ms
    out = []
    for m in ms:
        if m.type == "place" and text[m.end : m.end + 1] == "”" and m.start > 0 and text[m.start - 1] != "“" \
                and "“" in text[max(0, m.start - 12) : m.start]:
            continue
        out.append(m)
    return out


# how many characters a quoted name may run on after the place that opens it (“某路|艺术区”)
_QUOTED_REST = 10


def _quoted_name_heads(text: str, ms: list[Mention]) -> list[Mention]:
    """A place that opens a quotation and is not all of it, where the quoted name closes with an
    address's ending or 区 (“某路|艺术区”, “某地|商业街”): CLUENER marks the quoted name the address.
    The rest is a name's: at most ten characters, no mark and no function word (not “某村|的定位…”,
    a quoted sentence). (Dropping the place where the name closes otherwise, “某地|八景”, lost as
    many addresses as it saved on the held-out half.)"""
    if "“" not in text:
        return ms
    ends = tuple(p for p in _address_parts() if p not in _COUNTED_PARTS) + ("区",)
    out = list(ms)
    for m in ms:
        if m.type != "place" or text[m.start - 1 : m.start] != "“" or m.start == 0:
            continue
        close = text.find("”", m.end, m.end + _QUOTED_REST + 1)
        if close <= m.end or _CLAUSE_END.search(text, m.end, close) or any(ch in _NOT_IN_ADDRESS for ch in text[m.end : close]):
            continue
        inside = [x for x in out if x is not m and m.start <= x.start and x.end <= close]
        if text.endswith(ends, m.start, close) and all(x.type == "place" for x in inside):
            out = [x for x in out if x is not m and x not in inside]
            out.append(replace(m, end=close, text=text[m.start : close], rule="quoted"))
    return sorted(out, key=lambda m: (m.start, m.end)) if out != ms else ms


_LATIN = re.compile(r"[A-Za-z]")


def _drop_latin_neighbours(text: str, ms: list[Mention]) -> list[Mention]:
    """A place written right after a Latin letter goes on with a Latin name (ac|某城 a club,
    某某|某港 a firm's branch), and a bare place name (not an address) written right before one
    qualifies a Latin-named thing (某国|NCSoft, 某国|DotA战队): `kg ner` prints no place. Nor
    for a place right before a name's dot (某某·某某: a person's or an estate's dotted name)."""
    out = []
    for m in ms:
        if m.type == "place" and (m.start > 0 and _LATIN.match(text, m.start - 1) or _LATIN.match(text, m.end)
                                  and m.rule in ("world", "gazetteer", "jieba-ns")
                                  or m.end < len(text) and text[m.end] in _NAME_DOTS):
            continue
        out.append(m)
    return out


# a person written as a surname and 某 (张某, 欧阳某某): a name withheld, as court and police
# reports write it; the graph keeps it as the actor of its case, but it names no one
_WITHHELD = re.compile(r"[\u4e00-\u9fff]{1,2}某{1,2}")
_NAME_DOTS = "·•・‧"
# what after a bare surname makes a form of address, no name (某氏 a clan or a married woman,
# 某总 the boss, 某妻 his wife): CLUENER marks none of them a person
_BY_SURNAME = "氏总妻"
# conjunctions and prepositions that are no surname or a very rare one, which jieba glues to the
# name after them (。但|某某某表示, 由|某某作序): the name starts after them
_GLUED_NAME_HEADS = frozenset("但由和过让向被把对从给与及而并且就却又还也都才")


# the endings of an estate's, a village's or a hill's name written after a dotted name (某某·某某村)
_DOTTED_PLACE_ENDS = "村山城园苑湾岛谷"
# jieba's tags of a developer's or a brand's name before it (某某|甲·乙苑)
_ESTATE_HEAD_TAGS = frozenset(("j", "nz", "oov", "ns", "nt"))


def _dotted_estates(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A dotted name kg read as a person (甲·乙) that jieba's word runs on past (甲·乙|园 in one
    word) or that a one-character kind follows (甲·乙|村, 甲·乙|山), ending so in an estate's, a
    village's or a hill's ending, is an estate or a place (某某·某某村), as CLUENER marks it."""
    if not any(d in text for d in _NAME_DOTS):
        return ms
    ends = {}
    for t in tokens:
        for i in range(t.start + 1, t.end + 1):
            ends[i] = t
    starts = {t.start: t for t in tokens}
    out = []
    for m in ms:
        if m.type == "person" and any(d in m.text for d in _NAME_DOTS) and m.text[-1] not in _NAME_DOTS:
            e = m.end
            t = ends.get(e)
            if t is not None and t.end > e and _ALL_HAN.fullmatch(t.word):
                e = t.end  # (甲·乙|园: the word goes on)
            n = starts.get(e)
            if n is not None and len(n.word) == 1 and n.word in _DOTTED_PLACE_ENDS:
                e = n.end
            if e > m.end and text[e - 1] in _DOTTED_PLACE_ENDS:
                b = m.start
                p = ends.get(b)
                if out and out[-1].type == "place" and out[-1].end == b:
                    b = out.pop().start  # 某市|甲·乙园: the city heads the estate's name
                elif p is not None and p.end == b and p.tag in _ESTATE_HEAD_TAGS and len(p.word) >= 2 \
                        and _ALL_HAN.fullmatch(p.word) and not any(x.start < b and p.start < x.end for x in ms):
                    b = p.start  # 某某|甲·乙园: the developer's name heads it
                m = replace(m, start=b, end=e, text=text[b:e], type="place", rule=m.rule + "+estate")
        out.append(m)
    return out


def _cut_foreign_names(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A transliterated given name the line cuts off right after its dot (…，某某某·): the
    characters of transliterated names from a word's start up to the dot are a person's name, with
    its dot, which tells the name runs on (as `_ner_persons` keeps it on a name read otherwise)."""
    t = text.rstrip()
    if not t or t[-1] not in _NAME_DOTS:
        return ms
    translit = _tables().translit
    e = len(t) - 1
    a = e
    while a > 0 and t[a - 1] in translit and e - a < 6:
        a -= 1
    starts = {x.start for x in tokens}
    while a < e and a not in starts:
        a += 1
    if e - a < 2 or any(m.start <= e and a < m.end for m in ms):
        return ms
    return sorted(ms + [Mention(text=text[a : e + 1], start=a, end=e + 1, type="person", rule="cut-foreign-name")],
                  key=lambda m: m.start)


def _trim_name_ends(text: str, ms: list[Mention]) -> list[Mention]:
    """A three-character name whose last character belongs to the words after it: 生 of 生于
    (某某|生于1986年), a conjunction before a post or a name (某某|和销售经理某某), the surname
    again before 总 or 董 (某某|某总: the same person addressed): the name is the two before."""
    starts = {m.start for m in ms if m.type in ("position", "person")}
    out = []
    for m in ms:
        w = m.text
        if m.type == "person" and len(w) == 3 and (
                w[-1] == "生" and text[m.end : m.end + 1] == "于"
                or w[-1] in "和与及" and m.end in starts
                or w[-1] == w[0] and text[m.end : m.end + 1] in ("总", "董")):
            m = replace(m, end=m.end - 1, text=w[:-1])
        out.append(m)
    return out


def _ner_persons(text: str, ms: list[Mention]) -> list[Mention]:
    """Persons as CLUENER marks them, for `kg ner` only: a withheld name (李某) is no name, nor
    a surname with 氏, 总 or 妻 (某氏, 某总), a conjunction glued before a name is cut off
    (但|某某某), and a name the line cuts off right after its dot
    (某某·) keeps the dot, which tells the name runs on; the graph keeps the withheld name and
    never takes a dot."""
    lex = load_lexicon()
    out = []
    for m in ms:
        if m.type == "person":
            if _WITHHELD.fullmatch(m.text):
                continue
            k = lex.is_surname_start(m.text, 0)
            if k and len(m.text) == k + 1 and m.text[-1] in _BY_SURNAME:
                continue
            if len(m.text) >= 3 and m.text[-1] == "为" and text[m.end : m.end + 1].isdigit():
                continue  # 某卡为|160元: a thing and its amount, no name
            if len(m.text) >= 3 and m.text[0] in _GLUED_NAME_HEADS:
                m = replace(m, start=m.start + 1, text=m.text[1:])
            if m.end < len(text) and text[m.end] in _NAME_DOTS and not text[m.end + 1 :].strip():
                m = replace(m, end=m.end + 1, text=text[m.start : m.end + 1])
        out.append(m)
    return out


# the rules that read a person from the word alone, with no post, speech verb or byline beside it
_WORD_PERSON_RULES = frozenset(("jieba-nr", "name-model", "name-shape", "foreign-name", "list-neighbour", "listed-person"))


def _drop_person_heads(text: str, ms: list[Mention]) -> list[Mention]:
    """A word read as a person's name from its spelling alone, written right before the rest of
    a site's, a firm's or a work's name (某某|故居, 某某某|会议中心, 某某|国际, 某某|作品集;
    name_tails.txt), heads that name: `kg ner` prints no person there."""
    tails = _tails("name_tails.txt")
    return [m for m in ms if not (m.type == "person" and m.rule in _WORD_PERSON_RULES and text.startswith(tails, m.end))]


# the last characters of a lake's, a river's, a shrine's, a garden's or a fort's name (某某某湖,
# 某某某河, 某某某祠, 某某某苑, 某某某堡), that end hardly any person's name of three characters
_SITE_LAST = frozenset("湖河祠苑堡")


def _drop_site_spellings(text: str, ms: list[Mention]) -> list[Mention]:
    """A word of three characters or more read as a person's name from its spelling alone that
    ends in a lake's, a river's, a shrine's, a garden's or a fort's character (某某某湖, 某某某祠,
    某某某苑) is that site's name, unless a person's word stands beside it (某某某河|表示):
    `kg ner` prints no person."""
    lex = load_lexicon()
    return [m for m in ms if not (
        m.type == "person" and m.rule in _WORD_PERSON_RULES and len(m.text) >= 3 and m.text[-1] in _SITE_LAST
        and not lex.person_cued(text, m.start, m.end, _PERSON_VERBS))]


def _drop_names_after_places(ms: list[Mention]) -> list[Mention]:
    """A word read as a person's name from its spelling alone (jieba's dictionary or the name
    model) written right after a place with nothing between (某省|某某, 某区|某某某南路, 某市|某某
    率先…) names a place, a site or a firm there, not a person: `kg ner` prints none. (A person's
    word between, 某市|市民|某某, or a post, leaves the name alone; those are other rules' names.)"""
    ends = {m.end for m in ms if m.type == "place"}
    if not ends:
        return ms
    return [m for m in ms if not (m.type == "person" and m.rule in ("jieba-nr", "name-model") and m.start in ends)]


# what ends a clause, never inside a work's title
_TITLE_BREAKS = frozenset("，。；！？,;!?")
# how far a name may stand from the cut title's mark (…某某某梦游奇境》): a title's length
_CUT_TITLE_SPAN = 12


def _drop_names_in_cut_titles(text: str, ms: list[Mention]) -> list[Mention]:
    """The line cut a work's title (…某某梦游奇境》的姊妹篇, 大作《某某某拉力赛之…): a name between
    the line's start and the first 》 with no 《 before it, or after the last 《 with no 》 after it,
    and no clause's end between, is a character's or part of the work's name, as the mention
    finder reads names inside whole titles: `kg ner` prints no person there."""
    if "》" not in text and "《" not in text:
        return ms
    spans = []
    k = text.find("》")
    if k > 0 and "《" not in text[:k] and not any(c in _TITLE_BREAKS for c in text[:k]):
        spans.append((0, k))
    o = text.rfind("《")
    if o >= 0 and "》" not in text[o:] and not any(c in _TITLE_BREAKS for c in text[o : o + _CUT_TITLE_SPAN + 1]):
        spans.append((o + 1, len(text)))
    if not spans:
        return ms
    lex = load_lexicon()

    def in_title(m: Mention) -> bool:
        for a, b in spans:
            title = text[a:b][:_CUT_TITLE_SPAN + 4]
            if a <= m.start and (m.end <= b if b < len(text) else m.start - a <= _CUT_TITLE_SPAN) \
                    and (b == len(text) or b - m.end <= _CUT_TITLE_SPAN) and not any(w in title for w in lex.collected_works if len(w) >= 2):
                return True
        return False

    return [m for m in ms if not (m.type == "person" and in_title(m))]


# one-character kinds of place written right after a foreign place's name (某某某城, 某某某港, 某某郡)
_FOREIGN_PLACE_KINDS = frozenset("城港郡州岛湾堡山河湖")


def _drop_foreign_place_heads(text: str, ms: list[Mention]) -> list[Mention]:
    """A word spelled only with the characters of transliterated names, read as a person's name
    from its spelling alone, written right before a one-character kind of place (某某某|城, 某某某|港,
    某某|郡) heads that foreign place's name: `kg ner` prints no person."""
    translit = _tables().translit
    return [m for m in ms if not (m.type == "person" and m.rule in _WORD_PERSON_RULES
                                  and text[m.end : m.end + 1] in _FOREIGN_PLACE_KINDS and m.end < len(text)
                                  and translit.issuperset(m.text))]


# what a club has and a player has not, written after 的 (某某的|秘鲁前锋, 某某的|排名, 某某的|主场)
_CLUB_HAS = re.compile(r"的[\u4e00-\u9fff]{0,3}?(?:主场|客场|球迷|主帅|主教练|前锋|中场|后卫|门将|球员|排名|战绩|阵容|克星|"
                       r"青训|队长|队员|国脚|外援|锋线|防线|后防)")


def _drop_club_owners(text: str, ms: list[Mention]) -> list[Mention]:
    """A word read as a person's name from its spelling alone that owns what a club has (某某的
    秘鲁前锋, 某某的排名, 某某的主场) is the club: `kg ner` prints no person."""
    if "的" not in text:
        return ms
    return [m for m in ms if not (m.type == "person" and m.rule in _WORD_PERSON_RULES and _CLUB_HAS.match(text, m.end))]


# a team's nickname: a colour seldom a surname and an army's or a mascot's character (蓝军, 红魔)
_TEAM_NICKNAME = re.compile(r"[蓝红黑绿紫青橙银][军魔鸟狐狼鹰蝠]")


def _drop_team_nicknames(ms: list[Mention]) -> list[Mention]:
    """Two characters, a colour and an army's or a mascot's character (某军, 某魔: the blues, the
    red devils), read as a name from their spelling alone, are a team's nickname, which CLUENER marks
    a body or not at all: `kg ner` prints no person."""
    return [m for m in ms if not (m.type == "person" and m.rule in _WORD_PERSON_RULES and _TEAM_NICKNAME.fullmatch(m.text))]


def _famous_names(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A word of two characters that jieba's dictionary holds as a well-known person's full name
    (tag nrfg: a writer's or a statesman's pen name, surname and one character) is that person
    where no mention covers it, unless it heads a longer name (某某|故居, 某家|大院)."""
    lex = load_lexicon()
    tails = _tails("name_tails.txt")
    covered = [(m.start, m.end) for m in ms]
    found = [Mention(text=t.word, start=t.start, end=t.end, type="person", rule="famous-name") for t in tokens
             if t.tag == "nrfg" and len(t.word) == 2 and lex.is_surname_start(t.word, 0) == 1 and t.word[1] != "家"
             and not text.startswith(tails, t.end) and not any(a < t.end and t.start < b for a, b in covered)]
    return sorted(ms + found, key=lambda m: m.start) if found else ms


def _drop_club_talk_names(text: str, ms: list[Mention]) -> list[Mention]:
    """In a match report or a betting tip (主场, 作胆, 欧冠 …) a three-character word read as a
    name from its spelling alone (name-model, or a foreign spelling with no person's word beside
    it) is a club's name or the game's jargon (主队|某某胜, 降级球队|某某某), and so is a two-
    character one the name model read amid the clause with no person's word beside it (a club's
    nickname: 作胆|某军): `kg ner` prints no person there."""
    lex = load_lexicon()
    cands = [m for m in ms if m.type == "person" and (len(m.text) == 3 and m.rule in ("name-model", "foreign-name")
                                                       or len(m.text) == 2 and m.rule == "name-model")]
    if not cands or _CLUB_TALK.search(text) is None:
        return ms

    def cued(m: Mention) -> bool:
        return lex.person_cued(text, m.start, m.end, _PERSON_VERBS)

    def inside(m: Mention) -> bool:  # two characters amid the clause, not listed (作胆|某某|取胜, not 某某、某某)
        return m.start > 0 and _ALL_HAN.fullmatch(text[m.start - 1]) is not None \
            and text[m.start - 1] not in _LIST_HEADS and text[m.end : m.end + 1] not in _LIST_HEADS

    drop = {id(m) for m in cands if not cued(m) and (len(m.text) == 3 or inside(m))
            or len(m.text) == 3 and m.rule == "name-model"}
    return [m for m in ms if id(m) not in drop]


# the characters that join or open the items of a listing
_LIST_HEADS = "、和与及"


# a listing closed by the kind of its items when they are firms (某某、某某等公司, 某某等6家外资银行)
_FIRMS_AFTER = re.compile(r"等(?:\d+家|[多几数各]家)?(?:大型|知名|国际|跨国|外资|博彩|境外|国内|海外)?"
                          r"(?:公司|机构|银行|企业|集团|媒体|品牌|网站|厂商|券商)")
_CLAUSE_ENDS = frozenset("，。；！？,;!?：:")


def _drop_listed_firms(text: str, ms: list[Mention]) -> list[Mention]:
    """Items listed before 等公司, 等银行, 等跨国公司 (某某、某某等公司) are firms, whatever their
    spelling: `kg ner` prints no person among them, up to the clause's start."""
    if "等" not in text or not any(m.type == "person" for m in ms):
        return ms
    ends = [m.start() for m in _FIRMS_AFTER.finditer(text)]
    if not ends:
        return ms

    def listed(m: Mention) -> bool:
        for k in ends:
            if k >= m.end and not any(c in _CLAUSE_ENDS for c in text[m.end : k]):
                return True
        return False

    return [m for m in ms if not (m.type == "person" and m.rule in _WORD_PERSON_RULES | {"name-list"} and listed(m))]


@functools.lru_cache(maxsize=1)
def _travel_words() -> tuple[str, ...]:
    from kg.lexicon import read_resource_lines

    return tuple(w for row in read_resource_lines("travel_words.txt") for w in row)


def _drop_travel_places(text: str, ms: list[Mention]) -> list[Mention]:
    """In travel writing (游客, 景点, 自驾 …; travel_words.txt) a word spelled only with the
    characters of foreign names that jieba or the name model read as a person, with no person's
    word beside it, is the foreign town or site visited (从某某某|出发): `kg ner` prints no person."""
    lex = load_lexicon()
    spelled = _tables().translit  # (the characters of transliterated names, broad and narrow sets)
    cands = [m for m in ms if m.type == "person" and m.rule in ("jieba-nr", "name-model") and all(c in spelled for c in m.text)
             and not lex.person_cued(text, m.start, m.end, _PERSON_VERBS)]
    if not cands or not any(w in text for w in _travel_words()):
        return ms
    drop = {id(m) for m in cands}
    return [m for m in ms if id(m) not in drop]


# verbs and prepositions of going somewhere or being there, before a foreign town's name
_TRAVEL_VERBS = frozenset(_TO_PLACE) | {"去", "从", "来到", "到达", "飞往", "直飞"}
# jieba's tags of the word after a place that closes its name: 的, a verb, an adverb, a
# conjunction, a preposition, a direction
_AFTER_PLACE_TAGS = frozenset(("uj", "ul", "v", "vn", "c", "d", "p", "f"))


def _travel_destinations(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A word jieba took for a foreign person's name (nrt) that no mention covers, right after a
    verb of place or going (在|某某某|的, 从|某某某|出发, 在|某某|坐车) and closed by 的, a verb or a
    mark, is the foreign town the sentence is set in: `kg ner` prints it as a place. Not in a
    football report (its words: league_words.txt), where such a word is a club or a coach."""
    lex = load_lexicon()
    if any(w in text for w in lex.league_words):
        return ms
    covered = [(m.start, m.end) for m in ms]
    found = []
    for k in range(1, len(tokens)):
        p, t = tokens[k - 1], tokens[k]
        if p.word not in _TRAVEL_VERBS or t.tag != "nrt" or len(t.word) < 2 or any(a < t.end and t.start < b for a, b in covered):
            continue
        n = tokens[k + 1] if k + 1 < len(tokens) else None
        if n is not None and n.word == "的" and p.word == "在" and "下" in text[n.end : n.end + 5]:
            continue  # 在某某某的带领下: under a person
        if n is None or n.tag in _AFTER_PLACE_TAGS or not n.word[0].isalnum() and n.word[0] not in _NAME_DOTS:
            found.append(Mention(t.start, t.end, t.word, "place", "other", "travel-to"))
    return sorted(ms + found, key=lambda m: m.start) if found else ms


def _drop_cut_dotted_names(ms: list[Mention], tokens) -> list[Mention]:
    """A dotted name that ends inside a word jieba cut (某某·花|园, 某某·宫|园) is the name of
    a housing estate or a project after its developer's, not a person's: `kg ner` prints none."""
    if not any(m.rule == "dotted-name" for m in ms):
        return ms
    inner = {i for t in tokens for i in range(t.start + 1, t.end)}
    return [m for m in ms if not (m.type == "person" and m.rule == "dotted-name" and m.end in inner)]


def _split_names(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A clause that opens with a surname jieba cut off alone (tag nr) and a two-character word,
    followed by a verb of saying (。某|某某|认为, 某|某某|称): the three characters are the speaker's
    name, though jieba read the given name as a common word."""
    lex = load_lexicon()
    covered = [(m.start, m.end) for m in ms]
    found = []
    for a, b in zip(tokens, tokens[1:]):
        if a.tag == "nr" and len(a.word) == 1 and len(b.word) == 2 and lex.is_surname_start(a.word, 0) \
                and (a.start == 0 or not _ALL_HAN.fullmatch(text[a.start - 1])) and _ALL_HAN.fullmatch(b.word) \
                and b.word not in _POLITE and text.startswith(_PERSON_VERBS, b.end) \
                and not any(x < b.end and a.start < y for x, y in covered):
            found.append(Mention(text=text[a.start : b.end], start=a.start, end=b.end, type="person", rule="split-name"))
    return sorted(ms + found, key=lambda m: m.start) if found else ms


# what follows a name the writer made up to shield the person (某某（化名）)
_PSEUDONYM = ("（化名）", "(化名)")


def _pseudonyms(text: str, ms: list[Mention]) -> list[Mention]:
    """A surname and one or two given-name characters right before （化名） name a person (the
    writer's made-up name for one): a surname three characters back is taken first."""
    if "化名" not in text:
        return ms
    lex = load_lexicon()
    covered = [(m.start, m.end) for m in ms]
    found = []
    for mark in _PSEUDONYM:
        e = text.find(mark)
        while e >= 0:
            for n in (3, 2):
                a = e - n
                w = text[a:e]
                if a >= 0 and lex.is_surname_start(w, 0) == 1 and w[1:] not in _POLITE \
                        and all(c in lex.given_chars for c in w[1:]):
                    if not any(x < e and a < y for x, y in covered):
                        found.append(Mention(text=w, start=a, end=e, type="person", rule="pseudonym"))
                    break
            e = text.find(mark, e + len(mark))
    return sorted(ms + found, key=lambda m: m.start) if found else ms


# what joins the items of a listing (某某、某某, 某某和某某)
_LIST_JOINS = ("、", "以及", "和", "与", "及")


def _listed_persons(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """Names listed beside a foreign person's name are persons too (某某、某某某和某某 in a
    team's line-up, a painter among painters): a word no mention covers, joined to such a
    name by 、 和 与 及, spelled only with the characters of foreign names and cut by jieba
    into whole tokens, is a person for `kg ner`. Only spelled names: a Chinese word in the
    list (a common word) could be anything."""
    spelled = _tables().translit  # (the characters of transliterated names, broad and narrow sets)
    if not any(m.type == "person" and all(c in spelled for c in m.text) for m in ms):
        return ms
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    covered = [(m.start, m.end) for m in ms]
    n = len(text)
    found: list[Mention] = []

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in covered) and not any(f.start < b and a < f.end for f in found)

    def add(a: int, b: int) -> None:
        if 2 <= b - a <= 6 and a in starts and b in ends and free(a, b):
            found.append(Mention(text=text[a:b], start=a, end=b, type="person", rule="listed-person"))

    todo = list(ms)
    while todo:  # a name found so lists its own neighbour (某某、某某、某某)
        m = todo.pop(0)
        if m.type != "person" or len(m.text) < 2 or not all(c in spelled for c in m.text):
            continue
        had = len(found)
        for j in _LIST_JOINS:  # the next item
            if text.startswith(j, m.end):
                a = b = m.end + len(j)
                while b < n and text[b] in spelled and b - a < 6:
                    b += 1
                add(a, b)
                break
        for j in _LIST_JOINS:  # the item before
            if text.endswith(j, 0, m.start):
                b = a = m.start - len(j)
                while a > 0 and text[a - 1] in spelled and b - a < 6:
                    a -= 1
                add(a, b)
                break
        todo.extend(found[had:])
    return sorted(ms + found, key=lambda m: m.start) if found else ms


# the tags of a one-character word a name's last character is glued to (甲乙丙|丁拿了, 甲乙丙|丁会在)
_GLUED_VERB_TAGS = frozenset(("v", "d", "p", "c"))
# transliteration characters that end no name when glued to a verb (的, 了 …: grammar, not a name)
_NOT_NAME_LAST = frozenset("的了是在和与及也都就将又还被把对")


@functools.lru_cache(maxsize=1)
def _finder() -> MentionFinder:
    return MentionFinder()


def _mend_cut_foreign(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A transliterated name read whole by any rule, a post's or a list's too (部长|甲乙丙|丁戊,
    专家|甲乙丙|丁指出, 甲乙丙|丁拿了), takes the pieces jieba cut off it as the name finder's own
    foreign names do (`MentionFinder._mend_foreign`): CLUENER marks the whole name."""
    translit = _tables().translit
    cands = {(m.start, m.end): m for m in ms if m.type == "person" and m.end - m.start >= 2
             and translit.issuperset(m.text)}
    if not cands:
        return ms
    found = {k: m.rule for k, m in cands.items()}
    others = [(m.start, m.end) for m in ms if (m.start, m.end) not in cands]

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in others)

    finder = _finder()
    finder._mend_foreign(text, tokens, found, free)
    # the name's last character glued to a one-character verb or adverb after it (甲乙丙|丁拿, 甲乙丙|丁会):
    # jieba keeps the two as a new word
    at_start = {t.start: t for t in tokens}
    for (a, b), rule in list(found.items()):
        t = at_start.get(b)
        if t is not None and t.tag == "oov" and len(t.word) == 2 and t.word[0] in translit \
                and t.word[0] not in _NOT_NAME_LAST and finder.seg.tag(t.word[1]) in _GLUED_VERB_TAGS and free(a, b + 1):
            del found[(a, b)]
            found[(a, b + 1)] = rule
    if found.keys() == cands.keys():
        return ms
    out = [m for m in ms if (m.start, m.end) not in cands]
    for (a, b), rule in found.items():
        old = cands.get((a, b)) or next(m for k, m in cands.items() if k not in found and a <= k[0] and k[1] <= b)
        out.append(replace(old, start=a, end=b, text=text[a:b]))
    return sorted(out, key=lambda m: m.start)


# what closes a reporter's byline after the places he reports from (记者某某|某市、某市|报道)
_REPORTED = ("报道", "电")


def _byline_places(text: str, ms: list[Mention]) -> list[Mention]:
    """The places a reporter writes from, read as names in his byline (记者某某|某市|报道, 记者
    某某|某市、某市|报道): a word of the byline that the gazetteer knows as a place, followed by
    the byline's end or by more such places, is the place, as CLUENER marks it."""
    if not any(m.rule == "byline" for m in ms) or not any(r in text for r in _REPORTED):
        return ms
    from kg.gazetteer import load_gazetteer

    gaz, lex = load_gazetteer(), load_lexicon()
    out = list(ms)
    for k in range(len(out) - 1, -1, -1):  # from the end: the place before 报道 first
        m = out[k]
        if m.type != "person" or m.rule != "byline" or not (gaz.lookup(m.text) or m.text in lex.world_places):
            continue
        after = text[m.end :]
        if after.startswith(_REPORTED) or after[:1] == "、" and k + 1 < len(out) \
                and out[k + 1].start == m.end + 1 and out[k + 1].type == "place" and out[k + 1].rule == "byline-place":
            out[k] = replace(m, type="place", rule="byline-place")
    return out


def _drop_locale_words(ms: list[Mention]) -> list[Mention]:
    """我市, 本省, 我县 alone point at the writer's own place and name none: CLUENER marks no
    address there, so `kg ner` prints none (the graph resolves them to the page's locale; an
    address they open, 本市某某区, is printed whole)."""
    return [m for m in ms if not (m.type == "place" and m.rule == "locale-word")]


# the country the papers are printed in: the frame of nearly every sentence, not a spot in it
_HOME_COUNTRY = "中国"


def _drop_home_country(ms: list[Mention]) -> list[Mention]:
    """The paper's own country standing alone (在中国推出, 中国的银行业, 销往中国) is the frame of the
    news, not where something is: CLUENER marks it an address about one time in ten (3 of 36 on
    the dev half), after a verb of place as rarely as before a noun. `kg ner` prints it only
    where it opens an address (中国海南岛, joined before this step); the graph keeps every 中国."""
    return [m for m in ms if not (m.type == "place" and m.text == _HOME_COUNTRY)]


# the last characters of a place's name that say its kind (某某山, 某某省, 某某门, 某某州)
_KIND_ENDS = frozenset("山江河湖海峰岭岛湾港峡滩洲坝省市县州郡区镇乡村门庄坡崮堰浜屯寨堡坞脉原漠谷洋邦城")


def _drop_bare_jieba_places(text: str, ms: list[Mention]) -> list[Mention]:
    """A word only jieba's dictionary calls a place, that no gazetteer or world list knows and
    that ends in no place's kind (a foreign name: a player's, a club's; a faith: 伊斯兰; an everyday
    word), is rarely a place in CLUENER (1 of 12 on the dev half): `kg ner` prints it only after
    a verb of place (在某某, 到某某)."""
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    world = load_lexicon().world_places
    return [m for m in ms if not (
        m.type == "place" and m.rule == "jieba-ns" and m.text[-1] not in _KIND_ENDS and m.text not in world
        and not gaz.lookup(m.text) and not text[max(0, m.start - 2) : m.start].endswith(_TO_PLACE))]


# jieba's tags of a word that, glued right after a two-character word jieba alone calls a place,
# makes that word a modifier or the head of a longer name (某海|水域, 某山|杜鹃, 某河|小营, 某江|千户,
# 某岛|的): nouns, directions, numbers, names, pronouns, prepositions, 的
_GLUED_AFTER_PLACE_TAGS = frozenset(("n", "f", "m", "uj", "nr", "ns", "oov", "r", "p", "nz", "ng", "q"))


def _drop_continents(ms: list[Mention]) -> list[Mention]:
    """A continent or a part of one (亚洲, 北美, 东南亚; world_places.tsv marks them) is rarely an
    address in CLUENER (5 of 20 that kg read on the dev half: 领先|某洲, 在某洲|战场): `kg ner`
    prints none. The graph keeps them."""
    continents = load_lexicon().continents
    return [m for m in ms if not (m.type == "place" and m.text in continents)]


def _drop_glued_jieba_places(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A two-character word jieba alone calls a place (no longer rule read it) with a noun, a
    number, a name or 的 glued right after it is rarely an address in CLUENER (2 of 22 on the dev
    half): a two-character place word is often a common word (美丽, 新春, 远山) or part of a longer
    name (某山|十九峰), and annotators mark the whole or nothing. Before a verb, an adverb or a mark
    (在某江|打工, 到某地，) it stays."""
    starts = {t.start: t for t in tokens}
    out = []
    for m in ms:
        n = starts.get(m.end)
        if m.type == "place" and m.rule == "jieba-ns" and len(m.text) == 2 and n is not None \
                and n.tag in _GLUED_AFTER_PLACE_TAGS and n.word[0].isalnum():  # (a mark is tagged oov too)
            continue
        out.append(m)
    return out


# jieba's tags of the words a name is made of, on each side of a place inside one
_NAME_SIDE_TAGS = frozenset(("nz", "nr", "nrt", "oov", "j", "nt"))
_NAME_REST_TAGS = _NAME_SIDE_TAGS | {"n"}


def _drop_places_inside_names(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A place between a word jieba did not know or took for a name and a noun, with nothing
    between them (某弘|某市|像素, 某某得|某港|红酒拍卖): the place is inside a firm's or a branch's
    name, no address, and `kg ner` prints none. A word jieba did not know counts only at two
    characters: longer ones are mostly a sentence's words glued (他常去|某某苑|散步)."""
    ends = {t.end: t for t in tokens}
    starts = {t.start: t for t in tokens}
    out = []
    for m in ms:
        p, n = ends.get(m.start), starts.get(m.end)
        if m.type == "place" and p is not None and n is not None and p.tag in _NAME_SIDE_TAGS \
                and (p.tag != "oov" or len(p.word) == 2) and n.tag in _NAME_REST_TAGS and _ALL_HAN.fullmatch(p.word + n.word) \
                and not any(x.start < p.end and p.start < x.end for x in ms if x is not m):
            continue
        out.append(m)
    return out


# the kinds of a garden estate whose name is often a description (梦想|家园, 电梯|花园), and jieba's
# tags of the names' words: a word jieba knows as a name, a place or an abbreviation, or one it
# does not know at all. (Squares, parks and towers are named with common words as often as not:
# 光谷|广场, 人民|公园, 世纪|广场.)
_DESCRIBED_SITE_KINDS = ("花园", "家园")
_ESTATE_NAME_TAGS = frozenset(("ns", "nr", "nrt", "nz", "oov", "j", "nt"))


def _drop_described_sites(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A place of one common word and a garden estate's kind, nothing before it in the mention
    (梦想|家园, 电梯|花园, 海豚|家园), is more often a description than an estate's name in
    CLUENER (none of 6 on the dev half), and `kg ner` prints none; a name's word (某某|花园: one
    jieba does not know or takes for a name or a place) keeps it."""
    starts = {t.start: t for t in tokens}
    out = []
    for m in ms:
        t = starts.get(m.start)
        if m.type == "place" and m.text.endswith(_DESCRIBED_SITE_KINDS) and t is not None and t.end == m.end - 2 \
                and t.tag not in _ESTATE_NAME_TAGS:
            continue
        out.append(m)
    return out


# the tags of the one word between a place and 市场 that makes it a trade's market, not a
# marketplace (某地|房贷|市场, 某地|期货|市场): a noun or an abbreviation jieba knows
_TRADE_WORD_TAGS = frozenset(("n", "j", "vn"))


def _trade_markets(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A place joined with 市场 as an address where nothing or one noun stands between them
    (某地|市场, 某地|房贷|市场, 某地地区|市场) speaks of the place's trade, not of a marketplace:
    CLUENER marks the place alone, and so does `kg ner`. A market's own name between them
    (某地|某某|市场: a word jieba did not know) keeps the marketplace."""
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    world = load_lexicon().world_places
    starts = {t.start: t for t in tokens}
    out = []
    for m in ms:
        if m.type == "place" and m.rule == "address" and m.text.endswith("市场"):
            head = next((k for k in range(len(m.text) - 2, 1, -1) if gaz.lookup(m.text[:k]) or m.text[:k] in world), 0)
            if head and m.text[head:].startswith("地区"):
                head += 2
            mid = text[m.start + head : m.end - 2]
            t = starts.get(m.start + head)
            if head and (not mid or t is not None and t.word == mid and t.tag in _TRADE_WORD_TAGS):
                m = replace(m, end=m.start + head, text=m.text[:head])
        out.append(m)
    return out


# jieba's tags of a word saying what a centre does (住房|保障|管理中心, 某某|发行中心, 研究|开发|中心)
_CENTRE_DOING_TAGS = frozenset(("v", "vn", "l"))


def _remit_centres(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A place kg joined up to 中心 (某市|某某|中心) whose words say what it does (a verb or a
    verbal noun: 某市|住房|保障|管理中心, 某市|福利彩票|发行中心) is a body, not a venue: CLUENER
    marks it an organization (4 of 4 on the dev half), and so does `kg ner`. A venue's words are
    nouns (某城|会议|中心, 某路|财富|中心)."""
    out = []
    for m in ms:
        if m.type == "place" and m.rule == "address" and m.text.endswith("中心") \
                and any(m.start <= t.start and t.end <= m.end and t.tag in _CENTRE_DOING_TAGS for t in tokens):
            m = replace(m, type="organization", subtype="Organization", rule="remit-centre")
        out.append(m)
    return out


# a division's kind and its head's post written glued to the division's name (某某|市长, 某某|县长):
# the kind's character is shared, so the name and the post are one post
_GLUED_HEAD_POSTS = ("市长", "县长", "省长", "区长", "州长", "镇长", "乡长")


def _glued_division_heads(text: str, ms: list[Mention]) -> list[Mention]:
    """A place written without its kind right before a post that starts with that kind (某某|市长
    for 某某市的市长, 某某|县长): the kind's character is both the division's and the post's, so
    CLUENER marks the whole as one post; `kg ner` prints one position there, where the gazetteer
    knows the name with the kind (某某市). Where jieba took the kind into the place's name and
    left 长 alone (某某市|长|某某某), the post is read up to the person after it. The graph keeps
    the place and the post."""
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    posts = {m.start: m for m in ms if m.type == "position" and m.text.startswith(_GLUED_HEAD_POSTS)}
    persons = {m.start for m in ms if m.type == "person"}
    gone, out = set(), []
    for m in ms:
        if m.type == "place" and text[m.end : m.end + 1] == "长" and m.end + 1 in persons and m.end not in posts \
                and (m.text[-1] + "长") in _GLUED_HEAD_POSTS:
            out.append(Mention(m.start, m.end + 1, m.text + "长", "position", "government", "glued-head"))
            continue
        p = posts.get(m.end)
        if m.type == "place" and p is not None and m.text[-1] != p.text[0] and gaz.lookup(m.text + p.text[0]):
            out.append(replace(p, start=m.start, text=m.text + p.text))
            gone.add(id(p))
            continue
        out.append(m)
    return [m for m in out if id(m) not in gone]


# jieba's tags of a word a place is the tail of when it follows it with no mark between
_CUT_NAME_HEAD_TAGS = frozenset(("ns", "nr", "nrt", "j"))


def _drop_name_tails(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """A place right after a word of two characters or more that jieba took for a place or a
    name and no mention covers, with no mark between (某州|某某桥, 某某|古镇, 某某|空军基地,
    甲乙丙|丁镇): kg read only the tail of a longer name or address whose head it could not
    bound, and `kg ner` prints no place rather than the tail (taking the word before in as the
    address's head did worse on the held-out half). Not in a byline (记者某某|某市|报道)."""
    ends = {t.end: t for t in tokens}
    out = []
    for m in ms:
        p = ends.get(m.start)
        if m.type == "place" and p is not None and p.tag in _CUT_NAME_HEAD_TAGS and len(p.word) > 1 \
                and _ALL_HAN.fullmatch(p.word) \
                and not text.startswith(_REPORTED, m.end) \
                and not any(x.start < p.end and p.start < x.end for x in ms if x is not m):
            continue
        out.append(m)
    return out


def _join_adjacent_places(ms: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in sorted(ms, key=lambda m: m.start):
        prev = out[-1] if out else None
        if prev is not None and prev.type == "place" and m.type == "place" and prev.end == m.start:
            out[-1] = replace(prev, end=m.end, text=prev.text + m.text, rule="address")
        else:
            out.append(m)
    return out


# "vs" between two clubs' names in a match's line (某某队vs某某队): it ends one name and opens the other
_VS = re.compile(r"vs", re.IGNORECASE)
# a club's name written right before it, back to the line's start or a mark: at most ten characters
_CLUB_BEFORE_VS = re.compile(r"[\u4e00-\u9fff0-9]{2,10}队$")
# the name before a vs, after the line's start, a mark or a list's number (03|某某04, 1、|某某, （七）|某某)
_CLUB_BEFORE_VS_NAME = re.compile(r"(?:^|[^\u4e00-\u9fffA-Za-z0-9]|(?<![0-9])[0-9]{1,2}[、.．]?)([\u4e00-\u9fff][\u4e00-\u9fff0-9]*)$")
# how long a club's name read back from a vs, or on after it, may be
_CLUB_LEN = 7
# jieba's tags of the name words a club's name runs on with after a vs (某某vs|奥林匹亚|科斯)
_CLUB_NAME_TAGS = frozenset(("nr", "nrt", "nz", "ns", "oov", "j"))


def _split_match_pairs(text: str, ms: list[Mention], tokens) -> list[Mention]:
    """Two clubs joined by vs (某某队vs某某队两队在…交战过) are two bodies, not one: kg's body
    suffix read back over the vs. Where the body kg read opens with the vs, the club before it
    is the name ending in 队 right before (某某96队|vs|某某队): a body too, and no place inside it.
    A club kg read only the tail of right before a vs (2.某某|萨雷vs某某) is the whole name back to
    the line's start, a mark or a list's number, at most seven characters; one read only the head
    of right after it runs on over the name words jieba cut off it (某某vs|某某|科斯|推荐), not over
    a word of the game (某某|本赛季). Where kg read a club after the vs and none before it
    (12某某04vs某某, 1、某某鲁vs某某), the name before the vs is that club."""
    if "vs" not in text.lower():
        return ms
    out: list[Mention] = []
    extra: list[Mention] = []
    for m in ms:
        if m.type != "organization" or not _VS.search(m.text):
            out.append(m)
            continue
        a = m.start
        for v in list(_VS.finditer(text, m.start, m.end)) + [None]:
            e = v.start() if v else m.end
            if e - a >= 2 and _ALL_HAN.search(text, a, e):
                out.append(replace(m, start=a, end=e, text=text[a:e], rule=m.rule + "+vs"))
            elif v is not None and e == m.start:
                left = _CLUB_BEFORE_VS.search(text, max(0, e - 10), e)
                if left:
                    extra.append(replace(m, start=left.start(), end=e, text=text[left.start() : e], rule=m.rule + "+vs"))
            a = v.end() if v else a
    # a club kg read only the tail of right before a vs (某某|利斯特vs某某): its name runs back over
    # the Han characters no mention covers, to the line's start, a mark or a list's number
    taken = [(x.start, x.end) for x in out + extra]
    starts = {t.start: t for t in tokens}
    for k, m in enumerate(out):
        if m.type == "organization" and _VS.match(text, m.end):
            a = m.start
            while a > 0 and _ALL_HAN.match(text, a - 1) and text[a - 1] not in _NOT_IN_ADDRESS \
                    and not any(x < a and a - 1 < y for x, y in taken) and m.end - a < _CLUB_LEN:
                a -= 1
            if a < m.start and (a == 0 or not _ALL_HAN.match(text, a - 1)):
                out[k] = replace(m, start=a, text=text[a : m.end], rule=m.rule + "+vs")
        if m.type == "organization" and m.start >= 2 and _VS.match(text, m.start - 2):
            # (某某vs|奥林匹亚|科斯: the club after it runs on over the name words jieba cut off it)
            e = m.end
            while e in starts and starts[e].tag in _CLUB_NAME_TAGS and _ALL_HAN.fullmatch(starts[e].word) \
                    and starts[e].word not in load_lexicon().league_words \
                    and starts[e].end - m.start <= _CLUB_LEN and not any(x < starts[e].end and e < y for x, y in taken):
                e = starts[e].end
            if e > m.end:
                out[k] = replace(out[k], end=e, text=text[out[k].start : e], rule=m.rule + "+vs")
    # a club right after a vs and none kg read before it (12某某04vs某某, 1、某某鲁vs某某): the name
    # before the vs back to the line's start, a mark or a list's number is the other club
    org_ends = {x.end for x in out if x.type == "organization"}
    org_starts = {x.start for x in out if x.type == "organization"}
    for v in _VS.finditer(text):
        if v.start() in org_ends or v.end() not in org_starts:
            continue
        left = _CLUB_BEFORE_VS_NAME.search(text, max(0, v.start() - _CLUB_LEN - 4), v.start())
        if left and 2 <= left.end() - left.start(1) <= _CLUB_LEN and not any(ch in _NOT_IN_ADDRESS for ch in left.group(1)) \
                and all(x.type == "person" and x.rule not in _STRONG_PERSON_RULES or x.type == "place"
                        for x in out if x.start < v.start() and left.start(1) < x.end):
            a = left.start(1)
            out = [x for x in out if not (x.start < v.start() and a < x.end)]
            out.append(Mention(a, v.start(), text[a : v.start()], "organization", "Organization", "club-before-vs"))
    if not extra and len(out) == len(ms) and all(x is y for x, y in zip(out, ms)):
        return ms
    for x in extra:
        out = [y for y in out if not (y.start < x.end and x.start < y.end)]
        out.append(x)
    return sorted(out, key=lambda m: (m.start, m.end))


# `kg ner`'s steps after the mention stage, in order: CLUENER's way of marking addresses, bodies
# and persons where it differs from the graph's. Each takes what it needs of (text, ms, tokens),
# by its parameters' names.
_NER_STEPS = tuple((f, f.__code__.co_varnames[: f.__code__.co_argcount]) for f in (
    # two clubs kg read as one body across a vs
    _split_match_pairs,
    # places that are no address, and bodies they head
    _drop_modifier_countries, _drop_places_in_titles, _drop_body_heads, _drop_clubs, _drop_word_names,
    _join_body_heads,
    # buildings, streets and venues; addresses joined
    _sites_as_places, _street_words, _site_names, _venue_names, _cut_kind_names, join_addresses, join_divisions, _join_adjacent_places,
    _trim_known_areas, _drop_name_heads, _sited_addresses, _held_at, _address_ends, _sides_after_places, _sights_after_places,
    _trim_localizers, _join_site_owners, _address_lines,
    # places CLUENER marks otherwise
    _drop_sights, _drop_quoted_tails, _quoted_name_heads, _drop_latin_neighbours, _drop_locale_words, _drop_home_country, _drop_bare_jieba_places, _drop_glued_jieba_places, _drop_continents,
    _drop_places_inside_names, _glued_division_heads, _trade_markets, _drop_described_sites, _remit_centres,
    # persons
    _byline_places, _drop_names_after_places, _drop_names_in_cut_titles, _drop_foreign_place_heads, _drop_club_owners, _drop_team_nicknames, _pseudonyms, _split_names, _famous_names, _drop_site_spellings, _listed_persons, _drop_person_heads, _drop_listed_firms,
    _drop_club_talk_names, _drop_travel_places, _dotted_estates,
    # a character too many or too few at a place's start; persons' last touches
    _trim_glued_heads, _join_cut_heads, _drop_cut_dotted_names, _mend_cut_foreign, _cut_foreign_names, _trim_name_ends, _ner_persons, _travel_destinations,
    # last: after the cut heads are joined back (东|某某省), and the persons' steps saw every place
    _drop_name_tails,
))


def extract_text_mentions(text: str, *, join_places: bool = True, lac: bool = False) -> list[Mention]:
    """Mentions of one line of text with ORIGINAL offsets (what `kg ner` prints). Places written
    one after the other (西昌市太和镇) are one address there, as annotators mark them; the graph
    keeps them apart and contained."""
    view = clean_text(text)
    finder = MentionFinder()
    out = []
    found = [m for m in finder.find(view.text) if m.rule not in ("inner-body", "inner-place")]
    if join_places:
        from kg.segment import get_segmenter

        tokens = get_segmenter().tokens(view.text)
        for step, params in _NER_STEPS:
            args = {"text": view.text, "ms": found, "tokens": tokens}
            found = step(*(args[p] for p in params))
    for m in found:
        s, e = view.to_original(m.start, m.end)
        out.append(replace(m, start=s, end=e, text=text[s:e]))
    if lac:
        from kg.lac import LacTagger, extend_mentions

        out = extend_mentions(text, out, LacTagger())
    return out
