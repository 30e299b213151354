"""The command line: build writes every output, ner prints JSON lines, bad input is reported."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def kg(*args, input=None, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "kg", *args], input=input, capture_output=True, text=True, cwd=cwd)


def test_help_of_every_command_has_an_example():
    out = kg("--help").stdout
    assert "build" in out and "ner" in out
    for cmd in ("build", "ner"):
        assert "example" in kg(cmd, "--help").stdout.lower()


def test_ner_prints_one_object_per_line():
    r = kg("ner", "-", input="县委书记王宏伟主持召开会议\n\n")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(lines) == 2 and lines[1]["mentions"] == []
    ms = lines[0]["mentions"]
    assert {"start": 4, "end": 7, "text": "王宏伟", "type": "person"} in ms
    for m in ms:
        assert lines[0]["text"][m["start"] : m["end"]] == m["text"]


def test_build_skips_a_bad_file_and_keeps_the_good(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("县委书记王宏伟主持召开专题会议，薛玉马等参加会议。\n", encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00")
    r = kg("build", str(src), "-o", str(tmp_path / "out"), "-q")
    assert r.returncode == 0, r.stderr
    assert "bad.txt" in r.stderr and "skipped" in r.stderr
    for name in ("graph.ttl", "graph.html", "graph.json", "graph.graphml"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    r = kg("build", str(src), "-o", str(tmp_path / "out2"), "-q", "--strict")
    assert r.returncode == 3 and not (tmp_path / "out2" / "graph.ttl").exists()


def test_build_of_a_missing_path_fails_with_one_line(tmp_path):
    r = kg("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert r.returncode != 0
    assert "nope" in r.stderr and len(r.stderr.strip().splitlines()) <= 2
