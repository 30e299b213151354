"""Events: meetings, inspections, visits, donations, press conferences and drills, with their dates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.lexicon import load_lexicon
from kg.records import Mention

__all__ = ["find_dates", "normalise_date", "EventCandidate", "find_event_candidates"]

_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# What may stand between an agent and its verb: 来到/深入/在 X, 一行, 带队 …
_BETWEEN_AGENT_VERB = re.compile(r"^(?:[一-龥]{0,2}(?:一行|带队|率队|先后|专程|深入|来到|前往|到|赴|在)[^，。；,;]{0,20}?|)$")
_NAME_LEFT_STOP = re.compile(r"[，。；,;：:！？!?“”\"、（）()]")
_ORDINAL = re.compile(r"第[0-9一二三四五六七八九十百零〇两]+[次场届]")


def normalise_date(year: str | int | None, month: str | int, day: str | int) -> str:
    """ISO date when the year is known, else xsd:gMonthDay.

    >>> normalise_date(2020, 11, 26), normalise_date(None, "1", "2")
    ('2020-11-26', '--01-02')
    """
    m, d = int(month), int(day)
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return ""
    return f"{int(year):04d}-{m:02d}-{d:02d}" if year else f"--{m:02d}-{d:02d}"


def find_dates(text: str, default_year: int | None = None) -> list[tuple[int, int, str]]:
    """Dates written 2020年11月26日 or 11月26日, as (start, end, normalised)."""
    out = []
    for m in _DATE.finditer(text):
        y = m.group(1) or default_year
        norm = normalise_date(y, m.group(2), m.group(3))
        if norm:
            out.append((m.start(), m.end(), norm))
    return out


@dataclass(frozen=True, slots=True)
class EventCandidate:
    kind: str
    start: int  # the name's span in the sentence
    end: int
    name: str
    trigger_start: int
    agent_role: str  # what the agent before the trigger is: organizer | attendee | none


def _clause_start(s: str, i: int) -> int:
    j = i
    while j > 0 and not _NAME_LEFT_STOP.match(s[j - 1]):
        j -= 1
    return j


def find_event_candidates(s: str, mentions: list[Mention]) -> list[EventCandidate]:
    """Event phrases of one sentence: a trigger verb with the event noun it governs
    (主持召开…第24次专题会议), an inspection or donation verb with its object, or a
    press conference or drill named on its own."""
    lex = load_lexicon()
    out: list[EventCandidate] = []
    taken: list[tuple[int, int]] = []
    triggers = sorted(lex.event_triggers, key=len, reverse=True)
    trig_re = re.compile("|".join(re.escape(t) for t in triggers))
    nouns = [m for m in mentions if m.type == "event"]
    # (1) nouns governed by a trigger in the same clause: 召开 … 会议
    for noun in nouns:
        cs = _clause_start(s, noun.start)
        best = None
        for t in trig_re.finditer(s, cs, noun.start):
            kind, role = lex.event_triggers[t.group()]
            if kind in ("Meeting", "PressConference", "Drill", "Donation") or t.group() in ("举行",):
                best = t
        name_start = best.end() if best else cs
        # names open after particles and lead words: 召开了, 在…举行
        while name_start < noun.start and s[name_start] in "了在于":
            name_start += 1
        name = s[name_start : noun.end]
        has_trigger = best is not None
        # a noun with no trigger is an event only if it is named (ordinal, or a long proper name)
        if not has_trigger and not _ORDINAL.search(name) and len(name) < 8:
            continue
        if len(name) > 40:
            name_start = noun.end - 40
            name = s[name_start : noun.end]
        kind = noun.subtype
        role = lex.event_triggers[best.group()][1] if best else "none"
        if best is not None and best.group() in ("出席", "参加"):
            role = "attendee"
        out.append(EventCandidate(kind, name_start, noun.end, name, best.start() if best else noun.start, role))
        taken.append((best.start() if best else name_start, noun.end))
    # (2) verbs that are events themselves: 调研, 看望, 捐赠, 检查 …
    for t in trig_re.finditer(s):
        kind, role = lex.event_triggers[t.group()]
        if kind not in ("Inspection", "Visit", "Donation"):
            continue
        if any(a <= t.start() < b for a, b in taken):
            continue
        if s[max(0, t.start() - 1) : t.start()] in ("的", "和", "及"):
            continue  # 检查的, a noun use
        # the object runs to the end of the clause
        end = t.end()
        while end < len(s) and not _NAME_LEFT_STOP.match(s[end]) and end - t.end() < 20:
            end += 1
        cs = _clause_start(s, t.start())
        out.append(EventCandidate(kind, cs, end, s[cs:end], t.start(), role))
        taken.append((cs, end))
    return out
