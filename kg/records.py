"""Immutable records of what extraction finds: mentions, entities, relations, events and their evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["MENTION_TYPES", "Mention", "Evidence", "Entity", "Relation", "Event", "ArticleFacts", "Extraction", "post_key", "post_parts"]

MENTION_TYPES = ("person", "organization", "place", "position", "event")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text naming something. `start`/`end` index the text the finder was given
    (a sentence view); the pipeline maps them to the original file."""

    start: int
    end: int
    text: str
    type: str  # one of MENTION_TYPES
    subtype: str = ""  # e.g. Hospital, county, Meeting, or the role of a byline
    rule: str = ""  # which rule found it: the reason, for error analysis and confidence


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the article, and the sentence's span in the original file."""

    article: str  # the article's IRI key (source#index)
    source: str  # the input file as given
    start: int
    end: int
    sentence: str  # the cleaned sentence text
    headline: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organization or place after resolution: one node of the graph."""

    key: str  # kind + canonical key; stable across runs
    kind: str  # Person | Organization | Place
    name: str
    aliases: tuple[str, ...] = ()
    subtype: str = ""  # schema class (GovernmentOrganization, Hospital…) or admin level
    titles: tuple[str, ...] = ()
    adcode: str = ""
    parent: str = ""  # for places: the key of the containing place; for orgs: the locale place key


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed fact between two entities (or an entity and a literal, for jobTitle)."""

    subject: str  # entity key
    predicate: str  # worksFor | containedInPlace | jobTitle | parentOrganization | location | holds (a post_key)
    object: str  # entity key, or the literal for jobTitle
    rule: str
    confidence: float
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Event:
    key: str
    kind: str  # Meeting | Inspection | Visit | Donation | PressConference | Drill | Activity
    name: str
    date: str = ""  # 2020-11-26 or --11-26
    organizers: tuple[str, ...] = ()
    attendees: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    donors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    rule: str = ""
    confidence: float = 0.5
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """Everything one article contributes to the graph."""

    key: str  # source#index
    source: str
    start: int
    end: int
    headline: str
    date: str
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    events: tuple[Event, ...]
    cooccurrences: tuple[tuple[str, str, Evidence], ...]
    authors: tuple[str, ...] = ()
    mentioned: tuple[str, ...] = ()  # keys of the entities the article itself names


@dataclass(frozen=True, slots=True)
class Extraction:
    """The facts of a whole corpus, ready to become a graph."""

    articles: tuple[ArticleFacts, ...] = field(default_factory=tuple)


def post_key(body: str, title: str) -> str:
    """The key of a post: its body's key and the title as the text states it.

    >>> post_key("org:某县/公安局", "局长"), post_parts(post_key("org:某县/公安局", "局长"))
    ('post:org:某县/公安局|局长', ('org:某县/公安局', '局长'))
    """
    return f"post:{body}|{title}"


def post_parts(key: str) -> tuple[str, str]:
    body, _, title = key.partition(":")[2].rpartition("|")
    return body, title
