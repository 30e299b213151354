"""Shared test helpers."""

import pytest

# Two small pages of the kind kg reads: a meeting with posts, a visit to a place.
SMALL_PAGES = {
    "a.txt": "本报讯 11月26日，县委书记王宏伟主持召开县委常委会会议。县长李明参加会议。\n",
    "b.txt": "本报讯 市卫健委主任张华到阳曲县调研疫情防控工作。\n",
}


@pytest.fixture
def write_pages(tmp_path):
    """`write_pages(pages)`: a folder `pages/` under tmp_path holding `{name: text}` as UTF-8 files."""

    def write(pages):
        d = tmp_path / "pages"
        d.mkdir(exist_ok=True)
        for name, text in pages.items():
            (d / name).write_text(text, encoding="utf-8")
        return d

    return write
