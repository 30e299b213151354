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
    # (the pattern needs 月, which most sentences lack: no scan of them at every character)
    for m in _DATE.finditer(text) if "月" in text else ():
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


# Words that open a clause before an event's name without being part of it (传达贯彻…会议精神)
_NAME_LEAD = re.compile(r"^.*?(?:传达贯彻|传达学习|学习贯彻|贯彻落实|认真落实|贯彻|落实|传达|学习|记者从|获悉|据|从|在|对|要|将|于|参加|出席|召开|举行|主持|了)")
_GENERIC_EVENT = {"会议", "会", "大会", "本次会议", "视频会", "专题会"}
# an inspection verb used as a noun (质控工作, 检查中, 调研报告) is no event
# (捐赠企业, 捐赠单位, 捐赠方: who gave, named by the verb; 慰问品, 捐赠品: what was given)
_VERB_AS_NOUN = re.compile(r"^(?:工作|设备|中|的|时|报告|结果|组|机构|人员|能力|体系|制度|企业|单位|方[，。、]|者|证书|品)")


_TRIGGER_RE: list = [None, None]  # (lexicon, its trigger pattern): built once, not per sentence


def _trigger_re(lex) -> re.Pattern:
    if _TRIGGER_RE[0] is not lex:
        triggers = sorted(lex.event_triggers, key=len, reverse=True)
        _TRIGGER_RE[:] = [lex, re.compile("|".join(re.escape(t) for t in triggers))]
    return _TRIGGER_RE[1]


def find_event_candidates(s: str, mentions: list[Mention]) -> list[EventCandidate]:
    """Event phrases of one sentence: a trigger verb with the event noun it governs
    (主持召开…第24次专题会议), a noun with 召开/举行 after it (会议以视频形式召开), an
    inspection or donation verb with its object, or a named press conference or drill."""
    lex = load_lexicon()
    out: list[EventCandidate] = []
    taken: list[tuple[int, int]] = []
    trig_re = _trigger_re(lex)
    nouns = [m for m in mentions if m.type == "event"]
    anchors = [m for m in mentions if m.type in ("organization", "place")]
    for noun in nouns:
        cs = _clause_start(s, noun.start)
        best = None
        for t in trig_re.finditer(s, cs, noun.start):
            kind, role = lex.event_triggers[t.group()]
            if kind in ("Meeting", "PressConference", "Drill", "Donation", "Activity"):
                best = t
        after = re.match(r"[^，。；,;]{0,16}?(?:召开|举行|举办|开幕|闭幕)", s[noun.end :])
        name_start = best.end() if best else cs
        # the name opens after lead verbs (传达贯彻, 记者从), or at the place or body it names
        lead = _NAME_LEAD.match(s[name_start : noun.start])
        if lead:
            name_start += lead.end()
        for a in anchors:
            if name_start <= a.start < noun.start and s[name_start : a.start].strip() and not _ORDINAL.search(s[name_start : a.start]):
                name_start = a.start
                break
        while name_start < noun.start and s[name_start] in "了在于的":
            name_start += 1
        name = s[name_start : noun.end]
        if len(name) > 40:
            name_start = noun.end - 40
            name = s[name_start : noun.end]
        named = bool(_ORDINAL.search(name)) or any(name_start <= a.start < noun.start for a in anchors)
        if best is None and after is None and not (named and len(name) >= 6):
            continue  # a meeting talked about, not held
        if best is None and after is None and s[noun.end : noun.end + 2] in ("精神", "要求", "部署"):
            continue
        if re.match(r"^[^，。；,;]{0,24}?(?:精神|讲话|要求|部署)", s[noun.end :]) and not s.startswith("并", noun.end):
            continue  # 传达…会议精神: a meeting reported on, held elsewhere (出席会议|并讲话 is no report)
        role = lex.event_triggers[best.group()][1] if best else "none"
        if best is not None and best.group() in ("出席", "参加"):
            role = "attendee"
        trig = best.start() if best else noun.start
        out.append(EventCandidate(noun.subtype, name_start, noun.end, name, trig, role))
        taken.append((trig, noun.end))
    # verbs that are events themselves: 调研, 看望, 捐赠, 检查 …
    for t in trig_re.finditer(s):
        kind, role = lex.event_triggers[t.group()]
        if kind not in ("Inspection", "Visit", "Donation"):
            continue
        if any(a <= t.start() < b for a, b in taken):
            continue
        if s[max(0, t.start() - 1) : t.start()] in ("的", "和", "及", "是") or _VERB_AS_NOUN.match(s[t.end() :]):
            continue  # 检查的, 质控工作: noun uses
        if s[max(0, t.start() - 2) : t.start()] in ("陪同", "一同", "随同"):
            continue  # 县委书记某某陪同调研: the outing told before, with one more taking part
        end = t.end()
        while end < len(s) and not _NAME_LEFT_STOP.match(s[end]) and end - t.end() < 20:
            end += 1
        cs = _clause_start(s, t.start())
        out.append(EventCandidate(kind, cs, end, s[cs:end], t.start(), role))
        taken.append((cs, end))
    return out


def is_generic_event_name(name: str) -> bool:
    """会议, 本次会议, 新闻发布会: a name that only says what kind of event it is."""
    return name in _GENERIC_EVENT or len(name) <= 3 or name.startswith(("会议以", "会议在", "本次", "此次")) \
        or name in load_lexicon().event_nouns


def without_ordinal(name: str) -> str:
    """The name without its number (某政府第32次常务会议 → 某政府常务会议)."""
    return _ORDINAL.sub("", name)


def ordinal_of(name: str) -> str:
    m = _ORDINAL.search(name)
    return m.group() if m else ""
