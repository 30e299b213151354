"""The name model: jieba's name emissions against dictionary character frequencies."""

from kg.lexicon import read_resource_lines
from kg.names import char_frequencies, load_name_model


def test_the_character_table_is_that_of_the_installed_jieba():
    rows = read_resource_lines("char_freq.tsv")
    freq, total = char_frequencies()
    assert int(rows[0][1]) == total
    assert {c: int(n) for c, n in rows[1:]} == {c: n for c, n in freq.items() if c.strip() and c != "#"}


def test_names_score_above_words():
    m = load_name_model()
    for name in ("刘明华", "陈思远", "孙丽"):
        assert m.score(name) > 1.0, name
    for word in ("于是", "应该", "周到"):
        assert m.score(word) < 0.5, word
