"""The pipeline: one list of stages from a page's articles to the facts the graph is built from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from kg.events import find_dates, find_event_candidates
from kg.ingest import Page, clean_text, page_year, split_articles
from kg.mentions import MentionFinder
from kg.records import ArticleFacts, Entity, Event, Evidence, Mention, Relation
from kg.relations import adjacent_containment, cooccurring, posts_of_persons, title_body
from kg.resolve import Locale, Resolver, infer_locale

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
                v = clean_text(st.page.text, *art.headline_span)
                units.append(Unit(ai, art.headline_span[0], art.headline_span[1], v.text, tuple(v.offsets), True))
        for s in art.sentences:
            units.append(Unit(ai, s.start, s.end, s.view.text, tuple(s.view.offsets)))
    return replace(st, articles=articles, units=tuple(units), year=page_year(st.page))


def find_unit_mentions(st: PageState) -> PageState:
    """Mentions per unit; then names confirmed anywhere on the page are found everywhere on it."""
    finder = MentionFinder()
    first = [finder.find(u.text) for u in st.units]
    known = frozenset(m.text for ms in first for m in ms if m.type == "person" and m.rule in _STRONG_PERSON_RULES)
    units = []
    for u, ms in zip(st.units, first):
        if known and any(k in u.text for k in known):
            ms = finder.find(u.text, known)
        units.append(replace(u, mentions=tuple(ms)))
    return replace(st, units=tuple(units))


def resolve_entities(st: PageState) -> PageState:
    """The locale (我市 = 石家庄市), then one entity per mention with a stable key."""
    places = [m for u in st.units for m in u.mentions if m.type == "place"]
    locale = infer_locale("".join(u.text for u in st.units))
    res = Resolver(locale, places)
    entities: dict[str, Entity] = {}
    entity_of = []
    relations = []

    def put(e: Entity) -> Entity:
        old = entities.get(e.key)
        if old is not None:
            e = replace(old, aliases=tuple(sorted(set(old.aliases) | set(e.aliases))),
                        titles=tuple(sorted(set(old.titles) | set(e.titles))))
        entities[e.key] = e
        return e

    # places named with their parent anywhere on the page lend that parent to bare mentions
    parent_by_name = {}
    for u in st.units:
        for c, p in adjacent_containment(list(u.mentions)):
            parent_by_name.setdefault(c.text, p)
    for u in st.units:
        parent_of = {id(c): p for c, p in adjacent_containment(list(u.mentions))}
        pairs = []
        for m in u.mentions:
            e = None
            if m.type == "person":
                e = put(res.person_entity(m.text))
            elif m.type == "organization":
                e = put(res.org_entity(m.text, m.subtype or "Organization"))
            elif m.type == "place":
                if m.text in res.lex.locale_words:
                    d = locale.at(res.lex.locale_words[m.text])
                    e = put(res.division_entity(d)) if d else None
                else:
                    p = parent_of.get(id(m)) or parent_by_name.get(m.text)
                    pe = None
                    if p is not None:
                        pe = res.place_entity(p.text, p.subtype)
                    e = put(res.place_entity(m.text, m.subtype, pe))
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
            relations.append(Relation(e.key, "containedInPlace", parent.key,
                                      "gazetteer" if e.adcode else "adjacent-names", 0.95 if e.adcode else 0.8))
            e = parent if parent.key != e.key else None
    return replace(st, locale=locale, entities=entities, entity_of=tuple(entity_of), relations=tuple(relations))


def _evidence(st: PageState, u: Unit) -> Evidence:
    art = st.articles[u.article]
    return Evidence(_article_key(st.page, art), st.page.source, u.start, u.end, u.text, art.headline or "")


def _article_key(page: Page, art) -> str:
    return f"{page.source}#{art.index}"


def relate(st: PageState) -> PageState:
    """Posts (jobTitle), the bodies they name (worksFor) and agencies' places."""
    res = Resolver(st.locale)
    entities = dict(st.entities)
    relations = list(st.relations)
    for u, pairs in zip(st.units, st.entity_of):
        key_of = {id(m): k for m, k in pairs}
        ev = _evidence(st, u)
        for person, post, org in posts_of_persons(u.text, [m for m, _ in pairs]):
            pk = key_of.get(id(person))
            if not pk:
                continue
            relations.append(Relation(pk, "jobTitle", post.text, "post-before-name", 0.9, ev))
            e = entities[pk]
            entities[pk] = replace(e, titles=tuple(sorted(set(e.titles) | {post.text})))
            body = None
            if org is not None and key_of.get(id(org)):
                body = key_of[id(org)]
                rule = "organization-post-name"
            else:
                b = title_body(post.text)
                if b and (b[-1] in "委局厅办部院所站队" or b.endswith(("政府", "党组", "党委"))):
                    oe = res.org_entity(b, "GovernmentOrganization")
                    if oe.name != b or b[0] not in "省市县区":
                        entities.setdefault(oe.key, oe)
                        body = oe.key
                        rule = "body-in-post"
            if body:
                relations.append(Relation(pk, "worksFor", body, rule, 0.8, ev))
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
        for pos, i in enumerate(idxs):
            u = st.units[i]
            pairs = st.entity_of[i]
            ms = [m for m, _ in pairs]
            key_of = {id(m): k for m, k in pairs}
            ev = _evidence(st, u)
            dates = find_dates(u.text, st.year)
            for c in find_event_candidates(u.text, ms):
                before = [m for m in ms if m.end <= c.trigger_start and key_of.get(id(m))]
                organizers, attendees, donors, recipients = [], [], [], []
                person_before = [m for m in before if m.type == "person" and _near(u.text, m.end, c.trigger_start)]
                agent_before = [m for m in before if m.type in ("organization", "place") and _near(u.text, m.end, c.trigger_start)]
                if c.kind == "Donation":
                    donor = (person_before or agent_before or [None])[-1]
                    if donor is None:
                        cands = [m for m in before if m.type in ("organization", "place", "person")]
                        donor = cands[0] if cands else None
                    if donor is not None:
                        donors.append(key_of[id(donor)])
                    rec = [m for m in before if m.type in ("organization", "place", "person")
                           and re.search(r"[向为给]$", u.text[max(0, m.start - 1) : m.start]) and m is not donor]
                    rec += [m for m in ms if m.start >= c.trigger_start and m.type in ("organization", "place")
                            and key_of.get(id(m)) and u.text[c.trigger_start:m.start].endswith(("驰援", "支援"))]
                    recipients.extend(key_of[id(m)] for m in rec)
                elif c.agent_role == "organizer" and person_before:
                    organizers.append(key_of[id(person_before[-1])])
                elif c.agent_role == "attendee" and person_before:
                    attendees.extend(key_of[id(m)] for m in person_before)
                elif c.agent_role == "organizer" and agent_before:
                    organizers.append(key_of[id(agent_before[-1])])
                elif c.kind in ("Inspection", "Visit"):
                    continue  # an inspection with nobody doing it is prose, not an event
                # attendees in the same sentence after the name: …等参加会议
                attendees.extend(_attendees_after(u.text, ms, key_of, c.end))
                date = dates[0][2] if dates else lead_date or (art.date or "")
                name = _event_name(c.name, st.locale)
                key = f"event:{st.page.source}#{u.start + c.trigger_start if c.trigger_start < len(u.offsets) else u.start}"
                key = f"event:{st.page.source}#{u.to_original(c.trigger_start, c.trigger_start + 1)[0]}"
                art_events.append(Event(key, c.kind, name, date, tuple(organizers), tuple(dict.fromkeys(attendees)),
                                        tuple(k for m, k in pairs if m.type == "place" and c.start <= m.start < c.end and k),
                                        tuple(donors), tuple(dict.fromkeys(recipients)),
                                        "trigger+" + c.kind, 0.7 if organizers else 0.5, ev))
            # a sentence of attendees (市领导裴耀军、尚建军参加) or a chair (省委书记X主持) joins the last event
            if art_events and not find_event_candidates(u.text, ms):
                last = art_events[-1]
                att = _attendees_after(u.text, ms, key_of, 0)
                chair = _chair(u.text, ms, key_of)
                if att or (chair and not _has_person_organizer(last, st.entities)):
                    art_events[-1] = replace(
                        last,
                        attendees=tuple(dict.fromkeys(last.attendees + tuple(att))),
                        organizers=(chair,) if chair and not _has_person_organizer(last, st.entities) else last.organizers,
                    )
        events.extend(_merge_events(art_events, st.entities))
    return replace(st, events=tuple(events))


def _has_person_organizer(e: Event, entities) -> bool:
    return any(k.startswith("person:") for k in e.organizers)


def _near(s: str, a: int, b: int) -> bool:
    """An agent belongs to a verb when little but a post, 在/到 and a place stand between."""
    gap = s[a:b]
    return len(gap) <= 12 and not re.search(r"[，。；,;！？]", gap)


def _attendees_after(s, ms, key_of, start) -> list[str]:
    persons = [m for m in ms if m.type == "person" and m.start >= start and key_of.get(id(m))]
    out = []
    for m in persons:
        tail = s[m.end :]
        # the run of names (with 、 between) ends in 等参加/出席
        k = m.end
        run = [m]
        for n in persons:
            if n.start > m.start and s[k:n.start] in ("、", "，", ",", "和", "及", "与"):
                run.append(n)
                k = n.end
        if _ATTEND.match(s[k:]) or _ATTEND.match(tail):
            out.extend(key_of[id(x)] for x in run)
    return list(dict.fromkeys(out))


def _chair(s, ms, key_of) -> str:
    for m in ms:
        if m.type == "person" and key_of.get(id(m)) and _CHAIR.match(s[m.end :]):
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


def _merge_events(events: list[Event], entities) -> list[Event]:
    """The headline and the lead often tell the same event: same kind and organizer and date."""
    out: list[Event] = []
    for e in events:
        same = None
        for i, o in enumerate(out):
            if o.kind == e.kind and (o.date == e.date or not o.date or not e.date) and (
                (o.organizers and o.organizers == e.organizers) or o.name == e.name
            ):
                same = i
                break
        if same is None:
            out.append(e)
            continue
        o = out[same]
        out[same] = replace(
            o,
            name=max((o.name, e.name), key=len),
            date=o.date or e.date,
            organizers=o.organizers or e.organizers,
            attendees=tuple(dict.fromkeys(o.attendees + e.attendees)),
            locations=tuple(dict.fromkeys(o.locations + e.locations)),
            donors=tuple(dict.fromkeys(o.donors + e.donors)),
            recipients=tuple(dict.fromkeys(o.recipients + e.recipients)),
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
        cooc = []
        authors = []
        for u, pairs in zip(st.units, st.entity_of):
            if u.article != ai:
                continue
            ks = [k for m, k in pairs if k]
            keys.extend(ks)
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
        extra = [r.object for r in rels if r.predicate == "worksFor"]
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
    Stage("resolve", ("units.mentions",), ("locale", "entities", "entity_of", "relations"), resolve_entities),
    Stage("relations", ("entity_of", "entities"), ("relations", "entities.titles"), relate),
    Stage("events", ("entity_of", "locale", "year"), ("events",), find_events),
    Stage("assemble", ("entity_of", "relations", "events"), ("facts",), assemble),
)


def extract_page(page: Page) -> tuple[ArticleFacts, ...]:
    """Run every stage over one page and return its articles' facts."""
    st = PageState(page)
    for stage in STAGES:
        st = stage.run(st)
    return st.facts


def extract_text_mentions(text: str) -> list[Mention]:
    """Mentions of one line of text with ORIGINAL offsets (what `kg ner` prints)."""
    view = clean_text(text)
    finder = MentionFinder()
    out = []
    for m in finder.find(view.text):
        s, e = view.to_original(m.start, m.end)
        out.append(replace(m, start=s, end=e, text=text[s:e]))
    return out
