"""The short cuts the mention finder takes for speed find what the plain rules would."""

import subprocess
import sys

import pytest

from kg.lexicon import load_lexicon
from kg.mentions import MentionFinder, _tables


@pytest.mark.parametrize("text", [
    "县委书记周文博主持召开会议",
    "常务副市长李明华、副县长王芳出席",
    "市卫健委党委副书记、主任张伟",
    "委员会主任委员副主任医师",
    "副",
    "",
])
def test_title_pattern_matches_the_lexicons(text):
    # the look-ahead only skips positions no post can start at
    fast, plain = _tables().title_re, load_lexicon().title_re
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("text, name, want", [
    ("周文博说，周文博周文博都到了", "周文博", {(0, 3), (5, 8), (8, 11)}),
    ("记者陈思远报道", "陈思远", {(2, 5)}),
])
def test_known_names_found_at_every_occurrence(text, name, want):
    got = {(m.start, m.end) for m in MentionFinder().find(text, frozenset({name})) if m.type == "person"}
    assert want <= got


def test_finding_mentions_never_imports_jiebas_tagger():
    # jieba.posseg builds a global tagger at import: a second of start-up per worker
    code = (
        "import sys\n"
        "from kg.segment import get_segmenter\n"
        "get_segmenter()\n"  # a cold segmenter cache reads jieba's tags through jieba.posseg
        "for m in [m for m in sys.modules if m.startswith('jieba.posseg')]:\n"
        "    del sys.modules[m]\n"
        "from kg.mentions import find_mentions\n"
        "find_mentions('县委书记周文博主持召开会议，王力军报道')\n"
        "print('jieba.posseg' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
