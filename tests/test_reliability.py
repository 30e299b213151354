"""Reliability: every odd input is read or skipped with one line, nothing is lost, outputs are
atomic and deterministic, and ingest and extraction survive anything (docs/failure.md)."""

from __future__ import annotations

import codecs
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build import BuildReport, build_graph, write_outputs
from kg.errors import InputError
from kg.ingest import DEFAULT_MAX_BYTES, Page, clean_text, decode_bytes
from kg.pipeline import extract_page

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "seeds").glob("*.txt"))
OUTPUTS = ("graph.ttl", "graph.json", "graph.graphml", "graph.html")


def kg(*args, cwd=ROOT, env=None, timeout=180):
    full = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=full, timeout=timeout)


def kg_in_process(capsys, *args) -> tuple[int, str]:
    """`kg ARGS` in this process (no interpreter start-up, tokenizer loaded once): (exit code, stderr)."""
    from kg.cli import main

    capsys.readouterr()
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    return code, capsys.readouterr().err


def page(name: str) -> str:
    """A one-sentence page whose person is `name`: finding the name in the graph proves the file was read."""
    return f"副县长{name}到阳曲县调研。\n"


def outputs(folder: Path) -> dict[str, bytes]:
    return {n: (folder / n).read_bytes() for n in OUTPUTS if (folder / n).exists()}


def skip_lines(stderr: str, name: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if name in ln]


# ---- odd inputs: read, or skipped with one line naming the file and the reason ---------------

READ = {  # file name -> (bytes, the person the graph must then hold)
    "gbk.txt": (page("赵春燕").encode("gbk"), "赵春燕"),
    "gb18030.txt": ((page("钱明华") + "𠀀㐀\n").encode("gb18030"), "钱明华"),
    "utf16-bom.txt": (page("孙立新").encode("utf-16"), "孙立新"),
    "utf16be-bom.txt": (codecs.BOM_UTF16_BE + page("冯建华").encode("utf-16-be"), "冯建华"),
    "utf8-bom.txt": (codecs.BOM_UTF8 + page("周海涛").encode("utf-8"), "周海涛"),
    "damaged-utf8.txt": (page("吴晓东").encode() * 8 + b"\xff" + page("吴晓东").encode() * 2, "吴晓东"),
    "新闻 稿 第1版 (副本).txt": (page("郑丽娟").encode(), "郑丽娟"),
    "crlf only\r.txt": (page("陈国平").replace("\n", "\r\n").encode(), "陈国平"),
}
SKIPPED = {  # name as reported -> reason it must give
    "empty.txt": "empty file",
    "binary.txt": "binary file",
    "garbage.txt": "cannot decode",
    "x.txt": "directory",
    "broken-link.txt": "broken symbolic link",
    "link-loop.txt": "symbolic link loop",
    "missing.txt": "no such file or directory",
}


@pytest.fixture(scope="module")
def odd_corpus(tmp_path_factory):
    """One folder of every odd input beside a good page, built once; (folder, result, out)."""
    base = tmp_path_factory.mktemp("odd")
    src = base / "in"
    src.mkdir()
    (src / "good.txt").write_text(page("王宏伟"), encoding="utf-8")
    for name, (data, _) in READ.items():
        (src / name).write_bytes(data)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 8)
    rng = random.Random(1)
    (src / "garbage.txt").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(3000)))
    (src / "x.txt").mkdir()
    (src / "x.txt" / "inside.txt").write_text(page("不该读"), encoding="utf-8")
    (src / "broken-link.txt").symlink_to(src / "nowhere.txt")
    (src / "link-loop.txt").symlink_to("link-loop.txt")
    (src / "sub").mkdir()
    (src / "sub" / "up").symlink_to("..", target_is_directory=True)  # a directory loop: walked once
    out = base / "out"
    r = kg("build", "in", "missing.txt", "-o", "out", "-q", "-j", "1", "--no-cache", cwd=base)
    return base, r, out


def test_odd_corpus_builds_and_exits_0(odd_corpus):
    base, r, out = odd_corpus
    assert r.returncode == 0, r.stderr
    assert set(outputs(out)) == set(OUTPUTS)
    # a line per skip and nothing else on stderr with -q
    assert all(ln.startswith("kg: skipped ") for ln in r.stderr.splitlines()), r.stderr


@pytest.mark.parametrize("name", sorted(READ))
def test_odd_but_readable_files_are_read(odd_corpus, name):
    base, r, out = odd_corpus
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert f'"{READ[name][1]}"@zh' in ttl
    assert not skip_lines(r.stderr, name.split()[0])
    assert "\ufeff" not in ttl  # a BOM is not text


def test_names_with_spaces_and_chinese_are_kept_as_given(odd_corpus):
    base, r, out = odd_corpus
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert '"in/新闻 稿 第1版 (副本).txt#char=' in ttl
    assert "<https://w3id.org/kgzh/id/article/新闻%20稿%20第1版%20%28副本%29/0>" in ttl


@pytest.mark.parametrize("name", sorted(SKIPPED))
def test_bad_inputs_are_skipped_with_one_line_naming_file_and_reason(odd_corpus, name):
    base, r, out = odd_corpus
    lines = skip_lines(r.stderr, name)
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("kg: skipped ") and SKIPPED[name] in lines[0], lines


def test_a_folder_named_like_a_page_is_not_walked_and_a_loop_is_walked_once(odd_corpus):
    base, r, out = odd_corpus
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "不该读" not in ttl
    assert '"in/good.txt#char=' in ttl and "sub/up/" not in ttl  # the same file is not read again
    assert len(skip_lines(r.stderr, "sub/up")) == 1


def test_strict_makes_any_skip_exit_3_and_writes_nothing(odd_corpus, tmp_path, capsys):
    base, _, out = odd_corpus
    before = outputs(out)
    code, err = kg_in_process(capsys, "build", base / "in", "-o", out, "-q", "-j", "1", "--no-cache", "--strict")
    assert code == 3
    assert "--strict" in err.splitlines()[-1] and len(err.splitlines()) == len(SKIPPED) - 1 + 1 + 1  # sub/up too
    assert outputs(out) == before
    assert not [p for p in out.iterdir() if p.name not in OUTPUTS]
    (tmp_path / "a.txt").write_text(page("王宏伟"), encoding="utf-8")
    assert kg_in_process(capsys, "build", tmp_path / "a.txt", "-o", tmp_path / "out", "-q", "--strict",
                         "--no-cache", "-j", "1") == (0, "")


def test_nothing_readable_is_exit_3_with_one_line(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, err = kg_in_process(capsys, "build", tmp_path / "empty.txt", tmp_path / "nope.txt", "-o", tmp_path / "out",
                              "-q", "--no-cache")
    assert code == 3
    lines = err.strip().splitlines()
    assert len(lines) == 3 and lines[-1].startswith("kg: error: ") and "no readable" in lines[-1]
    assert not (tmp_path / "out").exists()


def test_a_file_that_vanishes_before_it_is_read_is_skipped(tmp_path, monkeypatch):
    import kg.ingest

    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(page("王宏伟"), encoding="utf-8")
    real = kg.ingest.iter_input_files

    def listed_then_deleted(*args, **kwargs):
        found = list(real(*args, **kwargs))
        (tmp_path / "b.txt").unlink()  # gone between the listing and the reading
        yield from found

    monkeypatch.setattr(kg.ingest, "iter_input_files", listed_then_deleted)
    for jobs in (1, 2):
        (tmp_path / "b.txt").write_text(page("王宏伟"), encoding="utf-8")
        g, report = build_graph([tmp_path], jobs=jobs)
        assert report.files == 2
        assert [(Path(s).name, why) for s, why in report.skipped] == [("b.txt", "no such file")]
        assert len(g) > 0


def test_a_bug_on_one_page_does_not_sink_the_others(tmp_path, monkeypatch):
    import kg.pipeline

    real = kg.pipeline.extract_page

    def fragile(p, **options):
        if "爆炸" in p.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(p, **options)

    monkeypatch.setattr(kg.pipeline, "extract_page", fragile)
    (tmp_path / "a.txt").write_text(page("王宏伟"), encoding="utf-8")
    (tmp_path / "b.txt").write_text("爆炸" + page("李四"), encoding="utf-8")
    g, report = build_graph([tmp_path], jobs=1)
    assert report.files == 1
    [(source, reason)] = report.skipped
    assert source.endswith("b.txt") and reason.startswith("internal error") and "RecursionError" in reason


# ---- size ----------------------------------------------------------------------------------

def test_the_size_cap_is_20_mib_and_the_option_takes_suffixes(capsys):
    from kg.commands.build import _size

    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024 == _size("20M") == _size("20MiB")
    assert (_size("512K"), _size("1000"), _size("1.5K")) == (524288, 1000, 1536)
    code, err = kg_in_process(capsys, "build", "seeds", "-o", "/nonexistent/x", "--max-bytes", "lots")
    assert code == 2 and "--max-bytes" in err



def test_a_5_mb_single_line_is_read_and_a_cap_below_it_skips_it(tmp_path, capsys):
    # one line of 5 MB: spaced-out OCR with a sentence every 20,000 characters
    unit = "县委书记王宏伟主持召开专题会议，薛玉马等参加会议。" + " " * 20000
    text = unit * (5 * 1024 * 1024 // len(unit.encode()) + 1)
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    (tmp_path / "small.txt").write_text(page("赵春燕"), encoding="utf-8")
    size = (tmp_path / "big.txt").stat().st_size
    assert size > 5 * 1024 * 1024 and "\n" not in text
    assert kg_in_process(capsys, "build", tmp_path, "-o", tmp_path / "out", "-q", "-j", "1", "--no-cache") == (0, "")
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert '"王宏伟"@zh' in ttl and '"赵春燕"@zh' in ttl

    code, err = kg_in_process(capsys, "build", tmp_path, "-o", tmp_path / "out2", "-q", "-j", "1", "--no-cache",
                              "--max-bytes", "4M")
    assert code == 0
    [line] = err.splitlines()
    assert line == f"kg: skipped {tmp_path / 'big.txt'}: file is {size} bytes, over the 4194304-byte limit"


def test_a_long_line_of_clauses_is_cut_into_bounded_sentences():
    # was a RecursionError (one recursion per clause) and quadratic copying of the rest
    from kg.ingest import _HARD_SENTENCE, split_articles

    for text in ("王宏伟主持会议，" * 30000, "王宏伟主持会议" * 30000, "abc def " * 30000):
        arts = split_articles(Page.from_text(text))
        sentences = [s for a in arts for s in a.sentences]
        assert sentences and all(0 < len(s.view.text) <= _HARD_SENTENCE for s in sentences)
        assert "".join(s.view.text for s in sentences).replace(" ", "") == clean_text(text).text.replace(" ", "")


@pytest.mark.slow
def test_ten_thousand_small_files(tmp_path):
    src = tmp_path / "many"
    for d in range(10):
        (src / f"d{d}").mkdir(parents=True)
        for i in range(1000):
            (src / f"d{d}" / f"p{i:04d}.txt").write_text(f"第{d}{i:04d}号 {'王宏伟' if i == 7 else ''}\n", encoding="utf-8")
    (src / "d3" / "p0500.txt").write_bytes(b"\x00bad")
    r = kg("build", src, "-o", tmp_path / "out", "-q", "-j", "2", "--no-cache", "--no-html", timeout=300)
    assert r.returncode == 0, r.stderr
    assert skip_lines(r.stderr, "p0") == [f"kg: skipped {src / 'd3' / 'p0500.txt'}: binary file (NUL bytes)"]
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert ttl.count("a schema:NewsArticle") == 9999


# ---- exit codes (README "Exit codes") --------------------------------------------------------

FIXTURE = ROOT / "tests" / "fixtures" / "graph_small.ttl"


@pytest.mark.parametrize("args, code", [
    (("viz", FIXTURE, "-o", "{tmp}/v.html", "-q"), 0),
    (("viz", FIXTURE, "-o", "{tmp}/v.html", "--top", "0"), 1),
    ((), 2),
    (("build",), 2),
    (("build", "seeds", "--bogus"), 2),
    (("build", "{tmp}/nothing-here", "-o", "{tmp}/out"), 3),
    (("query", "SELECT * WHERE { ?s ?p ?o }", "-g", "{tmp}/missing.ttl"), 4),
    (("viz", "{tmp}/broken.ttl", "-o", "{tmp}/v.html"), 4),
    (("query", "SELECT * WHERE { ?s ?p ", "-g", FIXTURE), 5),
    (("query", "DROP ALL", "-g", FIXTURE), 5),
    (("validate", "{tmp}/invalid.ttl"), 6),
], ids=["ok", "error", "no-command", "no-args", "bad-option", "no-input", "missing-graph", "broken-graph",
        "malformed-query", "update-query", "invalid-graph"])
def test_exit_codes_are_as_documented(tmp_path, capsys, args, code):
    (tmp_path / "broken.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    (tmp_path / "invalid.ttl").write_text(
        "<https://w3id.org/kgzh/id/person/x> a <https://schema.org/Person> .\n", encoding="utf-8")
    got, err = kg_in_process(capsys, *(str(a).replace("{tmp}", str(tmp_path)) for a in args))
    assert got == code, err
    if code not in (0, 2):
        errors = [ln for ln in err.splitlines() if ln.startswith("kg: error: ")]
        assert len(errors) == 1, err
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| {code} |" in readme


# ---- atomic outputs ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """Reference outputs of an old corpus (one page) and a new one (two seed pages), built in
    this process: a `kg build` of the same paths writes the same bytes (see the determinism test)."""
    base = tmp_path_factory.mktemp("atomic")
    (base / "old.txt").write_text(page("王宏伟"), encoding="utf-8")
    new = [ROOT / s for s in SEEDS[:2]]
    refs = {}
    for name, inputs in (("old", [base / "old.txt"]), ("new", new)):
        g, _ = build_graph([str(p) for p in inputs])
        write_outputs(g, base / name)
        refs[name] = outputs(base / name)
    return base, refs["old"], refs["new"], new


def _start_build(base, out, inputs, pause):
    env = {**os.environ, "KG_TEST_WRITE_PAUSE": str(pause)} if pause else None
    return subprocess.Popen([sys.executable, "-m", "kg", "build", *map(str, inputs), "-o", str(out), "-q", "-j", "1",
                             "--no-cache"], cwd=base, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _temps(out):
    return [p.name for p in out.iterdir() if p.name not in OUTPUTS]


def _fresh_out(base, name, old):
    out = base / name
    out.mkdir()
    for n, data in old.items():
        (out / n).write_bytes(data)
    return out


def test_a_build_killed_while_writing_leaves_the_old_outputs(two_builds):
    """SIGINT, SIGTERM and SIGKILL while every new file is written in full but none renamed
    (KG_TEST_WRITE_PAUSE holds the build there): the old files stay, byte for byte."""
    base, old, new, inputs = two_builds
    runs = {}
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        out = _fresh_out(base, f"killed-{sig.name}", old)
        runs[sig] = (out, _start_build(base, out, inputs, pause=120))
    deadline = time.monotonic() + 150
    waiting = dict(runs)
    while waiting and time.monotonic() < deadline:
        for sig, (out, proc) in list(waiting.items()):
            if len(_temps(out)) == len(OUTPUTS):
                proc.send_signal(sig)
                del waiting[sig]
            else:
                assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    assert not waiting, "a build never reached its write"
    for sig, (out, proc) in runs.items():
        _, err = proc.communicate(timeout=30)
        assert outputs(out) == old, sig.name
        if sig == signal.SIGINT:
            assert proc.returncode == 130 and err.strip() == "kg: interrupted"
            assert _temps(out) == []  # temporary files removed
        else:
            assert proc.returncode == -sig
            # left behind by a kill, but hidden and never named graph.*
            assert all(n.startswith(".graph.") and n.endswith(".tmp") for n in _temps(out))


def test_a_build_killed_at_any_moment_leaves_old_or_new_never_a_mix(two_builds):
    base, old, new, inputs = two_builds
    assert old["graph.ttl"] != new["graph.ttl"] and old["graph.html"] != new["graph.html"]
    procs = []
    for i, delay in enumerate((0.5, 2.0, 3.5, 5.0)):
        out = _fresh_out(base, f"anytime-{i}", old)
        procs.append((delay, out, _start_build(base, out, inputs, pause=0)))
    t0 = time.monotonic()
    for delay, out, proc in procs:
        time.sleep(max(0.0, t0 + delay - time.monotonic()))
        proc.kill()
    for delay, out, proc in procs:
        proc.communicate(timeout=30)
        assert outputs(out) in (old, new), f"killed after {delay} s: a mix of old and new outputs"


def test_a_build_that_fails_while_rendering_leaves_the_old_outputs(tmp_path, monkeypatch):
    import kg.viz

    (tmp_path / "a.txt").write_text(page("王宏伟"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(page("赵春燕"), encoding="utf-8")
    g, _ = build_graph([tmp_path / "a.txt"])
    write_outputs(g, tmp_path / "out")
    old = outputs(tmp_path / "out")

    def broken(*args, **kwargs):
        raise MemoryError("out of memory while rendering")

    monkeypatch.setattr(kg.viz, "render_html", broken)
    g2, _ = build_graph([tmp_path / "b.txt"])
    with pytest.raises(MemoryError):
        write_outputs(g2, tmp_path / "out")
    assert outputs(tmp_path / "out") == old  # graph.ttl too, though it was rendered before the failure
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(OUTPUTS)


# ---- determinism ---------------------------------------------------------------------------------

def test_outputs_are_byte_identical_whatever_order_jobs_hash_seed_or_locale(tmp_path):
    shuffled = SEEDS[:]
    random.Random(3).shuffle(shuffled)
    assert shuffled != SEEDS
    runs = {
        "sorted -j1 hash0 C.UTF-8": (SEEDS, "1", {"PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8"}),
        "shuffled -j3 hash4242 C": (shuffled, "3", {"PYTHONHASHSEED": "4242", "LC_ALL": "C", "LANG": "C"}),
        "folder -j2 random-hash zh_CN": (["seeds"], "2", {"PYTHONHASHSEED": "random", "LC_ALL": "zh_CN.GB18030"}),
    }
    procs = {}
    for name, (paths, jobs, env) in runs.items():
        out = tmp_path / name.replace(" ", "_")
        procs[name] = (out, subprocess.Popen(
            [sys.executable, "-m", "kg", "build", *paths, "-o", str(out), "-q", "-j", jobs, "--no-cache"],
            cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = {}
    for name, (out, proc) in procs.items():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, (name, err)
        results[name] = outputs(out)
    first, *rest = results.values()
    assert set(first) == set(OUTPUTS)
    for name, got in results.items():
        for n in OUTPUTS:
            assert got[n] == first[n], f"{n} differs in run {name!r}"


# ---- properties ------------------------------------------------------------------------------

PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT_NO_CONTROLS = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=200)
OCR = st.text(st.sampled_from(list("县委书记王宏伟主持召开会议，。、 \n\r\t\u3000\u200b\ufeff１２ＡＢ㍿ﬁ\u0301ｶ﹐“”<>&")),
              max_size=150)


@PROPS
@given(st.binary(max_size=600))
def test_any_bytes_decode_or_are_refused_with_value_error(data):
    try:
        text, encoding, replaced = decode_bytes(data)
    except ValueError as exc:
        assert str(exc)
        return
    assert encoding in ("utf-8", "gb18030", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
    assert replaced >= 0
    text.encode("utf-8")  # no lone surrogates: whatever is decoded can be written as UTF-8


@PROPS
@given(TEXT_NO_CONTROLS.filter(lambda t: not t.startswith("\ufeff")))
def test_utf8_text_is_decoded_unchanged(text):
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8", 0)


@PROPS
@given(st.binary(min_size=1, max_size=400))
def test_page_from_file_reads_or_raises_input_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "p.txt"
    path.write_bytes(data)
    try:
        p = Page.from_file(path)
    except InputError as exc:
        assert str(path) in str(exc) and exc.reason
        return
    assert p.text == decode_bytes(data)[0]


@PROPS
@given(st.one_of(OCR, st.text(st.characters(exclude_categories=("Cs",)), max_size=120)))
def test_evidence_is_what_the_source_span_says(text):
    for af in extract_page(Page.from_text(text, "t/x.txt")):
        assert 0 <= af.start <= af.end <= len(text)
        evs = [r.evidence for r in af.relations if r.evidence] + [e for *_, e in af.cooccurrences]
        for ev in evs:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert ev.sentence == clean_text(text, ev.start, ev.end).text


NAMES = st.text(st.one_of(st.sampled_from(list('<>"\'\\ \n\t\r{}|^`%#&?/:;@.~-_王宏伟\u202e\u200b\U0001f600')),
                          st.characters(exclude_categories=("Cs",))), min_size=1, max_size=20)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAMES, NAMES, NAMES, NAMES)
def test_any_names_make_valid_turtle_for_both_parsers(name, alias, source, sentence):
    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kg.rdf import build_rdf, turtle_bytes
    from kg.records import ArticleFacts, Entity, Evidence, Event, Relation

    src = f"dir/{source}.txt"
    key = f"{src}#0"
    ev = Evidence(key, src, 0, 5, sentence, headline=alias)
    ents = (Entity(f"person:{name}", "Person", name, (alias,), titles=(sentence,)),
            Entity(f"org:{alias}", "Organization", alias, (name,), "GovernmentOrganization"),
            Entity(f"place:{sentence}", "Place", sentence, (), "county"))
    rels = (Relation(f"person:{name}", "worksFor", f"org:{alias}", "rule", 0.9, ev),
            Relation(f"person:{name}", "jobTitle", sentence, "rule", 0.9, ev),
            Relation(f"org:{alias}", "location", f"place:{sentence}", "rule", 0.5, ev))
    event = Event(f"event:{src}#3", "Meeting", name, "2021-03-02", (f"person:{name}",), locations=(f"place:{sentence}",),
                  evidence=ev)
    af = ArticleFacts(key, src, 0, 9, alias, "2021-03-02", ents, rels, (event,),
                      ((f"person:{name}", f"org:{alias}", ev),), (f"person:{name}",), (f"org:{alias}",))
    g = build_rdf([af])
    data = turtle_bytes(g)
    back = Graph().parse(data=data.decode("utf-8"), format="turtle")
    assert isomorphic(g, back)
    strict = list(ox.parse(data, format=ox.RdfFormat.TURTLE))  # oxigraph checks IRIs strictly
    assert len(strict) == len(g)
