"""Tests of the ingest stage: decoding, finding files, the cleaned view and its offsets, article and sentence splitting."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import (
    Page,
    clean_text,
    decode_bytes,
    iter_input_files,
    list_input_files,
    page_year,
    read_articles,
    read_page,
    split_articles,
)
from kg.ingest import _cut_view, _furniture_spans, _keeps_space

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"


def seed(prefix: str) -> Page:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return Page.from_file(path, f"seeds/{path.name}")


# --------------------------------------------------------------------------------------------
# Decoding

SAMPLE = "县委书记主持召开会议，研究部署冬季工作。\n第二段 ABC 123。\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-8-sig"), "utf-8"),
        (SAMPLE.encode("utf-16"), "utf-16-le"),  # Python writes the BOM in native (little) order
        (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-32"), "utf-32-le"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
    ],
)
def test_decode_bytes_reads_each_encoding(data, encoding):
    text, name, replaced = decode_bytes(data)
    assert text == SAMPLE
    assert name == encoding
    assert replaced == 0


def test_decode_bytes_keeps_a_damaged_utf8_file_as_utf8():
    data = SAMPLE.encode("utf-8") * 5
    damaged = data[:30] + b"\xff" + data[30:]
    text, name, replaced = decode_bytes(damaged)
    assert name == "utf-8"
    assert replaced == 1
    assert text.replace("\ufffd", "") == SAMPLE * 5


def test_decode_bytes_does_not_count_a_real_replacement_character():
    text, _, replaced = decode_bytes("a\ufffdb".encode("utf-8"))
    assert text == "a\ufffdb" and replaced == 0


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 9)) * 50 + b"text", "binary"),
        (b"\xef\xbb\xbf", "empty"),
        (bytes([0x80, 0xFF]) * 200, "cannot decode"),
    ],
)
def test_decode_bytes_refuses_what_is_not_text(data, reason):
    with pytest.raises(ValueError, match=reason):
        decode_bytes(data)


def test_from_file_keeps_the_source_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("d").mkdir()
    Path("d/a.txt").write_bytes(SAMPLE.encode("gb18030"))
    page = Page.from_file("d/a.txt")
    assert page.source == "d/a.txt"
    assert page.text == SAMPLE and page.encoding == "gb18030"
    assert read_page("d/a.txt", "custom").source == "custom"


@pytest.mark.parametrize(
    "setup, reason",
    [
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_bytes(b"\x00\x01binary"), "binary file"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes("长".encode() * 100), "over the 200-byte limit"),
    ],
)
def test_from_file_raises_input_error_naming_file_and_reason(tmp_path, setup, reason):
    path = tmp_path / "page.txt"
    setup(path)
    with pytest.raises(InputError, match=reason) as info:
        Page.from_file(path, max_bytes=200)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)


# --------------------------------------------------------------------------------------------
# Finding input files


def test_iter_input_files_walks_sorted_and_reports_skips(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = Path("in")
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text("一", encoding="utf-8")
    (root / "b" / "c.txt").write_text("二", encoding="utf-8")
    (root / "b" / "notes.md").write_text("skip", encoding="utf-8")
    (root / "dir.txt").mkdir()
    (root / "dir.txt" / "inner.txt").write_text("三", encoding="utf-8")
    (root / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    os.symlink("nowhere.txt", root / "broken.txt")
    os.symlink("..", root / "b" / "loop")
    os.symlink("a.txt", root / "same.txt")
    Path("other.dat").write_text("四", encoding="utf-8")

    files, skips = list_input_files(["in", "other.dat", "missing.txt"], max_bytes=1000)
    assert [source for _, source in files] == ["in/a.txt", "in/b/c.txt", "other.dat"]
    assert all(isinstance(path, Path) for path, _ in files)
    reasons = {skip.path: skip.reason for skip in skips}
    assert reasons["in/broken.txt"] == "broken symbolic link"
    assert "loop" in reasons["in/b/loop"]
    assert "directory" in reasons["in/dir.txt"]
    assert reasons["in/empty.txt"] == "empty file"
    assert reasons["in/same.txt"] == "same file as in/a.txt"
    assert reasons["missing.txt"] == "no such file or directory"
    assert not any("hidden" in p for p in reasons)


def test_iter_input_files_skips_oversized_files(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 50)
    skips = []
    assert list(iter_input_files([big], max_bytes=10, on_skip=skips.append)) == []
    assert "50 bytes" in skips[0].reason


# --------------------------------------------------------------------------------------------
# Cleaning: one table row per rule, hand-written


@pytest.mark.parametrize(
    "original, cleaned",
    [
        # lines broken mid-sentence, with or without blank lines between, are joined
        ("县委书记主持召\n开常委会会议。", "县委书记主持召开常委会会议。"),
        ("县委书记主持召\n\n\n开常委会会议。", "县委书记主持召开常委会会议。"),
        ("县委书记主持召\r\n\r\n开常委会会议。", "县委书记主持召开常委会会议。"),
        # OCR letter-spacing inside Chinese is closed up, numbers included
        ("青 山 县 防 汛 指 挥 部", "青山县防汛指挥部"),
        ("10 月 18 日", "10月18日"),
        ("第 3 次 会 议", "第3次会议"),
        ("公司 (ABC) ，为", "公司(ABC),为"),
        # one space stays between Latin words and between numbers, whatever the run was
        ("open  source\n\nsoftware", "open source software"),
        ("2020 2021", "2020 2021"),
        ("Hello, world", "Hello, world"),
        ("4K 高清视频", "4K高清视频"),
        # NFKC per character: full-width digits, letters, punctuation become ASCII
        ("（记者　王明）１２３ＡＢＣ", "(记者王明)123ABC"),
        ("等待……", "等待......"),
        ("№５", "No5"),
        # ideographic space, tabs, zero-width characters are whitespace
        ("市\u3000委\t书\u200b记", "市委书记"),
        # the ends are stripped
        ("\n\n  本报讯  \n", "本报讯"),
        ("", ""),
        (" \n\t ", ""),
    ],
)
def test_clean_text_rules(original, cleaned):
    assert clean_text(original).text == cleaned


def test_clean_text_maps_to_the_original_exactly():
    text = "本报讯 １２ 月\n\n３ 日，县长 王 明"
    view = clean_text(text)
    assert view.text == "本报讯12月3日,县长王明"
    i = view.text.index("王明")
    s, e = view.to_original(i, i + 2)
    assert text[s:e] == "王 明"
    i = view.text.index("12月3日")
    s, e = view.to_original(i, i + 5)
    assert text[s:e] == "１２ 月\n\n３ 日"
    assert view.to_original(0, 0) == (0, 0)
    assert view.offsets[-1] == len(text)


def test_clean_text_expansion_maps_all_its_characters_to_one_index():
    text = "甲…乙"
    view = clean_text(text)
    assert view.text == "甲...乙"
    assert view.offsets == (0, 1, 1, 1, 2, 3)
    assert view.to_original(1, 4) == (1, 2)
    assert view.to_original(2, 3) == (1, 2)  # inside an expansion: the whole character


def test_clean_text_of_a_span_indexes_the_whole_text():
    text = "标题\n\n本报讯 会议 召开。"
    view = clean_text(text, 4, len(text))
    assert view.text == "本报讯会议召开。"
    assert view.offsets[0] == 4
    assert view.to_original(3, 5) == (8, 10)


def test_to_original_rejects_spans_outside_the_view():
    with pytest.raises(IndexError):
        clean_text("会议").to_original(0, 3)


# --------------------------------------------------------------------------------------------
# Properties over arbitrary text

# Mostly the characters OCR pages are made of, plus anything at all.
PAGE_CHARS = st.sampled_from(list("县委书记会议召开本报讯记者。，、；：！？“”（）()1２3 \n\n\u3000AbＣ…·—"))
TEXTS = st.one_of(st.text(), st.text(PAGE_CHARS), st.lists(st.one_of(PAGE_CHARS, st.characters()), max_size=80).map("".join))


def _aligned(view, i: int) -> bool:
    """A view index that neither cuts an NFKC expansion nor sits next to a joined-run space."""
    offs, t = view.offsets, view.text
    return i == 0 or i == len(t) or offs[i] != offs[i - 1]


def _synthetic(view, text, i) -> bool:
    """A view space standing for a whitespace run (its original character is not a space)."""
    return view.text[i] == " " and bool(re.match(r"[\s\u200b-\u200d\u2060\ufeff]", text[view.offsets[i]]))


def _reference(text: str) -> str:
    """Cleaning written the slow, obvious way: per character, no fast paths."""

    out = []
    chunks = re.split(r"([\s\u200b-\u200d\u2060\ufeff]+)", text)
    for k, chunk in enumerate(chunks):
        if k % 2:
            if 0 < k < len(chunks) - 1 and chunks[k - 1] and chunks[k + 1]:
                if _keeps_space(chunks[k - 1][-1], chunks[k + 1][0]):
                    out.append(" ")
        else:
            out.extend(unicodedata.normalize("NFKC", c) for c in chunk)
    return "".join(out)


@given(TEXTS)
@settings(max_examples=400, deadline=None)
def test_view_offsets_are_well_formed(text):
    view = clean_text(text)
    assert len(view.offsets) == len(view.text) + 1
    assert list(view.offsets) == sorted(view.offsets)
    assert all(0 <= o < len(text) for o in view.offsets[:-1])
    assert view.offsets[-1] <= len(text)
    assert view.text == _reference(text)


@given(TEXTS, st.data())
@settings(max_examples=400, deadline=None)
def test_view_spans_round_trip_through_the_original(text, data):
    view = clean_text(text)
    n = len(view.text)
    # span ends that neither cut an NFKC expansion nor leave a joined-run space at an edge
    starts = [i for i in range(n + 1) if _aligned(view, i) and not (i < n and _synthetic(view, text, i))]
    i = data.draw(st.sampled_from(starts))
    ends = [j for j in range(i, n + 1) if _aligned(view, j) and not (j > i and _synthetic(view, text, j - 1))]
    j = data.draw(st.sampled_from(ends))
    s, e = view.to_original(i, j)
    assert 0 <= s <= e <= len(text)
    assert clean_text(text, s, e).text == view.text[i:j]
    assert clean_text(text[s:e]).text == view.text[i:j]


@given(TEXTS, st.data())
@settings(max_examples=400, deadline=None)
def test_cut_view_equals_cleaning_the_span(text, data):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    whole = clean_text(text)
    assert _cut_view(whole, text, a, b) == clean_text(text, a, b)


@given(st.lists(st.one_of(TEXTS, st.sampled_from(["\n\n", "本报讯 ", "记者 王明\n", "2020年 1月 2日\n"])), max_size=12))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_split_articles_on_any_text_keeps_sentences_faithful(parts):
    text = "".join(parts)
    page = Page.from_text(text)
    articles = split_articles(page)
    last_end = 0
    for k, article in enumerate(articles):
        assert article.index == k
        assert last_end <= article.start <= article.end <= len(text)
        last_end = article.end
        for s in article.sentences:
            assert article.start <= s.start < s.end <= article.end
            whole = clean_text(text, s.start, s.end)
            if s.view != whole:  # page furniture cutting a sentence is left out, nothing else
                cut = _furniture_spans(text)
                kept = set(s.view.offsets)
                assert kept <= set(whole.offsets)
                assert all(any(a <= o < b for a, b in cut) for o in set(whole.offsets[:-1]) - kept)
            assert s.text and s.view.offsets[0] == s.start and s.view.offsets[-1] == s.end
        for b in article.bylines:
            assert unicodedata.normalize("NFKC", text[b.start : b.end]) == b.name


# --------------------------------------------------------------------------------------------
# Splitting hand-written pages


def test_narrow_page_splits_into_its_articles():
    articles = read_articles(FIXTURES / "narrow_page.txt", "narrow_page.txt")
    assert [a.headline for a in articles] == [
        "青山县举办秋季农产品展销会助力乡村振兴",
        "县人民医院组织专家开展义诊进社区活动",
        "青山县防汛抗旱指挥部通告",
        None,
    ]
    assert [a.lead for a in articles] == ["本报讯", "本报讯", None, "本报讯"]
    assert [a.date for a in articles] == ["2021-10-18", "2021-10-20", "2021-10-19", "2021-10-21"]
    first = articles[0]
    assert [(b.name, b.role) for b in first.bylines] == [("刘明", "")]
    assert [s.text for s in first.sentences] == [
        "本报讯10月18日,青山县第三届秋季农产品展销会在县体育中心开幕,来自全县十二个乡镇的八十余家合作社参加展销。",
        "县委副书记、县长陈立新出席开幕式并致辞。",
        "他指出,要持续擦亮本地农产品品牌,拓宽群众增收渠道。",
    ]
    assert first.source == "narrow_page.txt"
    assert first.headline_sentence.text == first.headline


def test_wide_page_splits_headlines_bylines_captions_and_duplicates():
    articles = read_articles(FIXTURES / "wide_page.txt")
    assert [a.headline for a in articles] == [
        "全市召开秋季森林防火工作会议 压实责任 严防火灾",
        "城区新建三座口袋公园",
        None,  # a photo caption between two articles
        "社区开展垃圾分类宣传",
    ]
    assert [(b.name, b.role) for b in articles[0].bylines] == [("李文", "记者"), ("赵强", "通讯员")]
    assert [(b.name, b.role) for b in articles[2].bylines] == [("周芳", "摄影")]
    texts = [s.text for s in articles[0].sentences]
    assert texts.count("会议要求,各地要加强巡查值守,及时消除隐患;") == 1  # printed twice, read once
    assert articles[3].lead is None and articles[3].sentences[0].text.startswith("近日")


@pytest.mark.parametrize(
    "text, headline, lead, bylines",
    [
        ("标题一行\n\n新华社北京1月5日电 (记者 王明)会议召开。\n", "标题一行", "新华社北京1月5日电", [("王明", "记者")]),
        ("标题\n\n本报综合报道 (某某日报记者李明 张华)会议召开。\n", "标题", "本报综合报道", [("李明", "记者"), ("张华", "记者")]),
        ("标题\n\n(记者 王明)1月2日,会议召开。\n", "标题", None, [("王明", "记者")]),
        ("标题\n\n本 报 讯 会议召开。\n", "标题", "本报讯", []),
        ("标题\n\n本报讯(首席记者 陈红、刘洋)会议召开。\n", "标题", "本报讯", [("陈红", "首席记者"), ("刘洋", "首席记者")]),
    ],
)
def test_leads_and_their_bylines(text, headline, lead, bylines):
    (article,) = split_articles(Page.from_text(text))
    assert article.headline == headline
    assert article.lead == lead
    assert [(b.name, b.role) for b in article.bylines] == bylines
    for b in article.bylines:
        assert text[b.start : b.end] == b.name


@pytest.mark.parametrize(
    "credit, expected",
    [
        ("记者 王明", [("王明", "记者")]),
        ("记者 王明 通讯员 李华", [("王明", "记者"), ("李华", "通讯员")]),
        ("本报记者 王明 摄", [("王明", "摄影")]),
        ("王明 李华/摄", [("王明", "摄影"), ("李华", "摄影")]),
        ("(王明 李华 陈红)", [("王明", ""), ("李华", ""), ("陈红", "")]),
    ],
)
def test_credit_lines_end_an_article(credit, expected):
    text = f"会议标题\n\n本报讯 会议今天召开,研究部署工作。\n\n{credit}\n"
    (article,) = split_articles(Page.from_text(text))
    assert [(b.name, b.role) for b in article.bylines] == expected
    assert [s.text for s in article.sentences] == ["本报讯会议今天召开,研究部署工作。"]


@pytest.mark.parametrize(
    "text",
    [
        "会议标题\n\n本报讯 会议召开。\n\n王明\n\n下一个会议标题\n\n本报讯 又一个会议召开。\n",
        "会议标题\n\n本报讯 会议召开。 王明\n\n下一个会议标题\n\n本报讯 又一个会议召开。\n",
        "会议标题\n\n本报讯 会议召开。\n\n王明\n",
    ],
)
def test_a_bare_name_after_the_last_sentence_signs_the_article(text):
    articles = split_articles(Page.from_text(text))
    assert [(b.name, b.role) for b in articles[0].bylines] == [("王明", "")]
    assert [s.text for s in articles[0].sentences] == ["本报讯会议召开。"]
    assert [a.headline for a in articles] == ["会议标题", "下一个会议标题"][: len(articles)]


def test_a_one_word_kicker_above_a_lead_is_a_headline():
    text = "本报讯 会议召开。\n\n周口\n\n本报讯 又一个会议召开。\n"
    articles = split_articles(Page.from_text(text))
    assert [a.headline for a in articles] == [None, "周口"]
    assert articles[0].bylines == ()


def test_an_author_under_the_headline_is_a_byline():
    text = "前一篇的最后一句。\n农家小院里的新年\n孙丽华\n腊月里，村里家家户户忙着准备年货，院子里晒满了腊肉和香肠。\n"
    articles = split_articles(Page.from_text(text))
    assert articles[-1].headline == "农家小院里的新年"
    assert [(b.name, b.role) for b in articles[-1].bylines] == [("孙丽华", "")]


@pytest.mark.parametrize("author", ["黄团贵", "董其中"])
def test_a_common_surname_under_the_headline_makes_an_unusual_given_name_an_author(author):
    text = f"前一篇的最后一句。\n我爱逛菜市场\n{author}\n这几年，我每天早上都要去菜市场转一转，看看新上市的蔬菜。\n"
    articles = split_articles(Page.from_text(text))
    assert [(b.name, b.role) for b in articles[-1].bylines] == [(author, "")]


@pytest.mark.parametrize("author", ["木禾", "钟行"])
def test_a_pen_name_under_the_headline_is_a_byline(author):
    # a pen name need not open with a surname nor be spelt with name characters
    text = f"前一篇的最后一句。\n山村的冬天\n{author}\n北风一吹，山里的日子就慢了下来，老人们围着火塘说起往年的收成。\n"
    articles = split_articles(Page.from_text(text))
    assert [(b.name, b.role) for b in articles[-1].bylines] == [(author, "")]


def test_a_word_under_the_headline_that_the_body_explains_is_no_author():
    text = "前一篇的最后一句。\n学一点金融\n汇率\n汇率是两种货币之间兑换的比价，随市场供求变动。\n"
    articles = split_articles(Page.from_text(text))
    assert articles[-1].bylines == ()


def test_a_credit_in_brackets_closing_the_page_is_no_headline():
    text = "会议标题\n\n本报讯 会议召开，代表们讨论了工作报告。\n\n（湖北宜昌市夷陵区许晓峰 陈卫东）\n"
    articles = split_articles(Page.from_text(text))
    assert [a.headline for a in articles] == ["会议标题"]


def test_a_place_under_the_headline_stays_in_the_headline():
    text = "前一篇的最后一句。\n春耕备耕正当时\n开封\n连日来，全市各地抢抓农时，田间地头一派繁忙景象，农民们忙着播种。\n"
    articles = split_articles(Page.from_text(text))
    assert articles[-1].bylines == ()


def test_a_list_of_names_in_prose_is_not_a_credit():
    text = "本报讯 会议由县长主持,王明、李华、\n陈红、刘洋\n等参加会议。\n"
    (article,) = split_articles(Page.from_text(text))
    assert article.bylines == ()
    assert [s.text for s in article.sentences] == ["本报讯会议由县长主持,王明、李华、陈红、刘洋等参加会议。"]


def test_a_body_line_broken_mid_sentence_is_not_a_headline():
    text = (
        "一年来全县发展态势良好\n\n本报讯 今年以来,全县经济运行总体平稳,\n\n主要指标好于预期。\n\n"
        "全县上下凝心聚力推动高\n\n质量发展,各项事业取得新进展。\n"
    )
    (article,) = split_articles(Page.from_text(text))
    assert article.headline == "一年来全县发展态势良好"
    assert article.sentences[-1].text == "全县上下凝心聚力推动高质量发展,各项事业取得新进展。"


def test_long_sentences_are_cut_at_a_comma():
    body = ",".join(["各地要加强巡查值守及时消除隐患"] * 20) + "。"
    (article,) = split_articles(Page.from_text("本报讯 " + body))
    assert len(article.sentences) > 1
    assert all(len(s.text) <= 160 for s in article.sentences)
    assert "".join(s.text for s in article.sentences) == "本报讯" + body


def test_headline_only_article_at_the_end_of_a_page():
    text = "本报讯 会议召开。\n\n下期预告\n\n新的标题在此\n"
    articles = split_articles(Page.from_text(text))
    assert [a.headline for a in articles] == [None, "下期预告 新的标题在此"]
    assert articles[1].sentences == ()


def test_empty_and_blank_pages_have_no_articles():
    assert split_articles(Page.from_text("")) == ()
    assert split_articles(Page.from_text("\n \n\u3000\n")) == ()


@pytest.mark.parametrize(
    "text, year",
    [
        ("2020年11月22日 与 2020年 11 月 23 日 及 2019年1月1日", 2020),
        ("１９９９年１２月３１日", 1999),
        ("1994年开始 11月26日", None),
        ("2020年2月30日", None),  # not a date
        ("2019年1月1日 2021年1月1日", 2021),  # a tie goes to the later year
    ],
)
def test_page_year(text, year):
    assert page_year(Page.from_text(text)) == year


# --------------------------------------------------------------------------------------------
# The seed pages


def test_seed_000_splits_into_its_four_articles():
    articles = split_articles(seed("000"))
    assert [a.headline for a in articles] == [
        "比利时亿比亚公司向绛县红十字会捐赠肿瘤放疗患者救助金",
        "省卫健委专家组对我县妇幼信息进行质控",
        "绛县新冠肺炎疫情防控指挥部通告",
        None,
    ]
    assert [a.date for a in articles] == ["2020-11-27", "2020-11-25", "2020-11-22", "2020-11-26"]
    assert [(b.name, b.role) for b in articles[0].bylines] == [("张广瑞", "")]
    assert articles[0].sentences[-1].text.endswith("表示感谢。")
    assert articles[3].bylines == ()
    assert articles[3].sentences[0].text.startswith("本报讯11月26日,县委书记王宏伟主持召开")
    assert page_year(seed("000")) == 2020


def test_seed_001_reads_the_repeated_block_once():
    page = seed("001")
    articles = split_articles(page)
    for article in articles:
        texts = [s.text for s in article.sentences]
        assert len(texts) == len(set(texts))
    sentences = [s.text for a in articles for s in a.sentences]
    assert sum("全力维护市场秩序" in s for s in sentences) == 1
    heads = [a.headline for a in articles]
    assert heads[0] == "我市举行新冠肺炎疫情防控第八场新闻发布会 第二轮核酸检测有序推进"
    assert "严格监管调度 杜绝医疗废物流失泄漏扩散" in heads
    assert [(b.name, b.role) for b in articles[heads.index("严格监管调度 杜绝医疗废物流失泄漏扩散")].bylines] == [
        ("王宠", "记者"),
        ("郭运洲", "通讯员"),
    ]


def test_seed_002_has_two_articles_and_a_photo_credit():
    articles = split_articles(seed("002"))
    assert len(articles) == 2
    assert articles[1].headline.startswith("韦韬主持召开市疫情防控工作领导小组第125次会议")
    assert ("梁琛", "摄影") in [(b.name, b.role) for b in articles[0].bylines]
    assert articles[0].sentences[0].text.startswith("本报讯(记者殷雪莺梁涛)7月21日")


def test_seed_003_city_reports_have_one_word_headlines():
    heads = [a.headline for a in split_articles(seed("003"))]
    assert "周口" in heads and "漯河" in heads and "修武" in heads
    assert not any(h and "全国优秀医药健康类报纸" in h for h in heads)  # page banner


def test_seed_004_caption_and_cut_off_headline():
    articles = split_articles(seed("004"))
    assert articles[1].headline is None and [(b.name, b.role) for b in articles[1].bylines] == [("邓寅明", "摄影")]
    assert articles[-1].sentences == () and articles[-1].headline.endswith("推进国家治理体系和治理能力现代化")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_sentences_map_to_page_offsets(prefix):
    page = seed(prefix)
    for article in split_articles(page):
        assert article.source.startswith("seeds/")
        if article.headline_span:
            s, e = article.headline_span
            assert clean_text(page.text, s, e).text.replace(" ", "") == article.headline.replace(" ", "")
        for s in article.sentences:
            assert clean_text(page.text[s.start : s.end]).text == s.text
            for i in range(0, len(s.text), 7):
                a, b = s.view.to_original(i, min(i + 5, len(s.text)))
                assert s.start <= a <= b <= s.end


@given(st.one_of(TEXTS, st.lists(st.sampled_from(list("，。１２ＡＢ（）：；＂ａ\u0301\u0308①㈠½ﾞﾟｶ县委书记 ")), max_size=30).map("".join)))
@settings(max_examples=400, deadline=None)
def test_full_width_runs_cleaned_in_one_go_equal_character_by_character(text):
    from kg.ingest import _emit, _emit_by_parts

    fast_out, fast_offs, slow_out, slow_offs = [], [], [], []
    _emit(text, 7, fast_out, fast_offs)
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        _emit(text, 7, slow_out, slow_offs)  # copied as it is by both
    else:
        _emit_by_parts(text, 7, slow_out, slow_offs)
    assert "".join(fast_out) == "".join(slow_out) and fast_offs == slow_offs


@pytest.mark.parametrize("ending, author", [("意见。（勇庆）", "勇庆"), ("意见。\n（忠辉）", "忠辉"), ("意见。（有删节）", None), ("意见。（待续）", None)])
def test_a_pen_name_in_parentheses_signs_the_article(ending, author):
    text = f"前一篇的最后一句。\n短评的标题\n今天的会议开得很好，大家都发表了{ending}\n"
    article = split_articles(Page.from_text(text))[-1]
    assert [b.name for b in article.bylines] == ([author] if author else [])
    assert all("勇庆" not in s.text for s in article.sentences)


# OCR page layout: titles set one character apart, body hard-wrapped at a narrow column
@pytest.mark.parametrize(
    "page, headline, bylines",
    [
        # a letter-spaced title as long as the column, a pen name in ordinary setting below
        ("青 山 县 冬 季 农 田 水 利 建 设 见 闻\n晓风\n"
         "入冬以来,青山县各乡镇干部群众\n纷纷走上工地,修渠筑坝,清淤疏浚\n,一派热火朝天的景象。\n",
         "青山县冬季农田水利建设见闻", [("晓风", "")]),
        # a title hard-wrapped at the column: the short line is the end of its last word
        ("新年寄语\n青山县农业农村局局长赵\n明远\n"
         "回首过去一年,全县农业\n农村工作取得新进展,粮\n食生产再获丰收,农民收\n入稳步增长。\n",
         "新年寄语 青山县农业农村局局长赵明远", []),
    ],
)
def test_ocr_layout_headline_decks(page, headline, bylines):
    first = split_articles(Page.from_text(page))[0]
    assert first.headline == headline
    assert [(b.name, b.role) for b in first.bylines] == bylines


def test_ocr_layout_body_first_line_wrapped_before_its_comma_is_not_title():
    page = ("冬季水利见闻\n入冬以来青山县各乡镇干部群众纷纷\n走上工地,修渠筑坝,清淤疏浚,一派\n"
            "热火朝天的景象。全县已完成土方十\n二万立方米。\n")
    first = split_articles(Page.from_text(page))[0]
    assert first.headline == "冬季水利见闻"
    assert first.sentences[0].text.startswith("入冬以来青山县")


@pytest.mark.parametrize("furniture", ["3", "- 12 -", "第3版", "第 三 版", "2021年10月19日"])
def test_ocr_layout_page_furniture_inside_a_sentence_is_skipped(furniture):
    page = ("青山县召开冬季水利工作会议\n本报讯10月18日,县委副书记、县长王\n"
            f"{furniture}\n立新在会上强调,要抓好冬季农田水利建\n设,确保明年春耕用水。\n")
    first = split_articles(Page.from_text(page))[0]
    assert [s.text for s in first.sentences] == [
        "本报讯10月18日,县委副书记、县长王立新在会上强调,要抓好冬季农田水利建设,确保明年春耕用水。"
    ]


def test_ocr_layout_dateline_under_a_title_stays():
    page = "青山县召开冬季水利工作会议\n2021年10月19日\n本报讯县里召开冬季农田水利建设会议。\n"
    assert split_articles(Page.from_text(page))[0].date == "2021-10-19"
