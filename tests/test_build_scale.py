"""Building at scale: parallel and cluster builds give the -j 1 graph, the cache re-extracts only what changed."""

import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kg.build
from kg.build import BuildReport, build_graph
from kg.cache import EXTRACTION_MODULES, FactCache
from kg.rdf import turtle_bytes

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# small pages of our own, so the cache tests extract little
from conftest import SMALL_PAGES  # noqa: E402

PAGES = {**SMALL_PAGES, "c.txt": "记者 殷雪莺 梁涛\n太原市人民政府副市长赵强出席新闻发布会并讲话。\n"}


@pytest.fixture
def corpus(write_pages):
    return write_pages(PAGES)


@pytest.fixture
def count_extracted(monkeypatch):
    """The sources run through the pipeline (not served from the cache)."""
    seen = []
    real = kg.build.extract_batch

    def counting(batch, lac=False):
        seen.extend(source for source, _ in batch)
        return real(batch, lac=lac)

    monkeypatch.setattr(kg.build, "extract_batch", counting)
    return seen


def ttl(paths, **kw):
    g, report = build_graph(paths, **kw)
    return turtle_bytes(g), report


@pytest.fixture(scope="module")
def seeds_j1():
    return ttl(["seeds"] if (ROOT / "seeds").is_dir() else SEEDS, jobs=1)[0]


def test_two_workers_give_the_one_worker_graph(seeds_j1, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert ttl(["seeds"], jobs=2)[0] == seeds_j1


def test_cli_two_workers_write_the_one_worker_files(tmp_path):
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        subprocess.run([sys.executable, "-m", "kg", "build", "seeds", "-o", str(out), "-q", "-j", jobs, "--no-cache",
                        "--no-html"], cwd=ROOT, check=True)
        outs.append(out)
    for name in ("graph.ttl", "graph.json", "graph.graphml"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_fast_turtle_is_rdflibs_turtle(monkeypatch):
    monkeypatch.chdir(ROOT)
    g, _ = build_graph(["seeds"], jobs=1)
    assert turtle_bytes(g) == g.serialize(format="turtle", encoding="utf-8")


def test_cache_hit_skips_extraction(corpus, tmp_path, count_extracted):
    cache = FactCache(tmp_path / "cache")
    first, r1 = ttl([corpus], cache=cache)
    assert sorted(Path(s).name for s in count_extracted) == sorted(PAGES) and r1.extracted == 3
    count_extracted.clear()
    again, r2 = ttl([corpus], cache=FactCache(tmp_path / "cache"))
    assert count_extracted == [] and r2.cached == 3 and r2.extracted == 0
    assert again == first


def test_a_new_file_is_the_only_one_extracted(corpus, tmp_path, count_extracted):
    cache_dir = tmp_path / "cache"
    ttl([corpus], cache=FactCache(cache_dir))
    (corpus / "d.txt").write_text("本报讯 省长刘伟会见了来访的客人。\n", encoding="utf-8")
    count_extracted.clear()
    with_new, report = ttl([corpus], cache=FactCache(cache_dir))
    assert [Path(s).name for s in count_extracted] == ["d.txt"]
    assert report.cached == 3 and report.files == 4
    assert with_new == ttl([corpus])[0]  # the same graph as without any cache


def test_a_changed_file_is_extracted_again(corpus, tmp_path, count_extracted):
    cache_dir = tmp_path / "cache"
    ttl([corpus], cache=FactCache(cache_dir))
    (corpus / "b.txt").write_text(PAGES["b.txt"] + "县长李明出席会议。\n", encoding="utf-8")
    count_extracted.clear()
    ttl([corpus], cache=FactCache(cache_dir))
    assert [Path(s).name for s in count_extracted] == ["b.txt"]


def test_changing_pipeline_version_invalidates(corpus, tmp_path, count_extracted, monkeypatch):
    cache_dir = tmp_path / "cache"
    ttl([corpus], cache=FactCache(cache_dir))
    count_extracted.clear()
    assert FactCache(cache_dir, version="another").fingerprint != FactCache(cache_dir).fingerprint
    monkeypatch.setattr("kg.pipeline.PIPELINE_VERSION", "test-bumped")
    _, report = ttl([corpus], cache=FactCache(cache_dir))
    assert len(count_extracted) == 3 and report.cached == 0


def test_corrupt_entries_are_recomputed(corpus, tmp_path, count_extracted):
    cache_dir = tmp_path / "cache"
    cache = FactCache(cache_dir)
    first, _ = ttl([corpus], cache=cache)
    entries = sorted(cache.dir.rglob("*.pickle"))
    assert len(entries) == 3
    entries[0].write_bytes(b"\x80\x05garbage")  # unreadable pickle
    entries[1].write_bytes(pickle.dumps(("not", "an", "entry")))  # readable, but not ours
    entries[2].write_bytes(entries[2].read_bytes()[:20])  # truncated
    count_extracted.clear()
    cache = FactCache(cache_dir)
    again, report = ttl([corpus], cache=cache)
    assert again == first and len(count_extracted) == 3 and cache.errors == 3
    count_extracted.clear()
    ttl([corpus], cache=FactCache(cache_dir))  # rewritten: hits again
    assert count_extracted == []


def test_cache_writes_leave_no_temporary_files(corpus, tmp_path):
    cache = FactCache(tmp_path / "cache")
    ttl([corpus], cache=cache)
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.name.endswith(".tmp")]


def test_unwritable_cache_is_no_error(corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = FactCache(blocker / "cache")  # a folder inside a file: cannot be made
    first, report = ttl([corpus], cache=cache)
    assert report.files == 3 and cache.write_failed
    assert first == ttl([corpus])[0]


def test_fingerprint_covers_what_the_pipeline_imports():
    code = "import sys, kg.pipeline; print(' '.join(sorted(m[3:] for m in sys.modules if m.startswith('kg.'))))"
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout.split()
    assert set(loaded) - {"resources"} <= set(EXTRACTION_MODULES)


def test_cli_rebuild_with_nothing_changed_writes_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--no-html"]
    first = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    assert "3 extracted" in first.stderr and (tmp_path / ".kg-cache").is_dir()
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    second = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    assert "up to date" in second.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    (out / "graph.ttl").write_text("edited by hand")  # an output changed: built again
    third = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    assert "0 extracted, 3 from the cache" in third.stderr
    assert (out / "graph.ttl").read_text(encoding="utf-8").startswith("@prefix")


def test_no_cache_writes_no_cache(corpus, tmp_path):
    subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(tmp_path / "out"), "-q", "--no-cache",
                    "--no-html"], cwd=ROOT, check=True)
    assert not (tmp_path / ".kg-cache").exists()


def test_cache_dir_option(corpus, tmp_path):
    subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(tmp_path / "out"), "-q", "--no-html",
                    "--cache-dir", str(tmp_path / "elsewhere")], cwd=ROOT, check=True)
    assert list((tmp_path / "elsewhere").rglob("*.pickle")) and not (tmp_path / ".kg-cache").exists()


def test_local_dask_cluster_gives_the_one_worker_graph(seeds_j1, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.chdir(ROOT)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert ttl(["seeds"], scheduler=client)[0] == seeds_j1
        # and through an address, as `kg build --scheduler tcp://…` connects
        assert ttl(["seeds"], scheduler=cluster.scheduler_address)[0] == seeds_j1


def test_unreachable_scheduler_is_a_one_line_error(tmp_path, corpus):
    pytest.importorskip("distributed")
    res = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(tmp_path / "out"), "-q",
                          "--no-cache", "--scheduler", "tcp://127.0.0.1:1"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 1 and "Dask scheduler" in res.stderr


def test_build_streams_facts_into_the_graph(corpus):
    """build_rdf reads the facts once: a generator is enough, so no list of all facts is kept."""
    from kg.ingest import Page
    from kg.pipeline import extract_page
    from kg.rdf import build_rdf

    pages = [Page.from_file(p, source=str(p)) for p in sorted(corpus.glob("*.txt"))]
    as_list = [f for p in pages for f in extract_page(p)]
    assert turtle_bytes(build_rdf(iter(as_list))) == turtle_bytes(build_rdf(as_list))
    assert ttl([corpus])[0] == turtle_bytes(build_rdf(as_list))


def test_files_extracted_and_cached_count_only_files_built(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("某县召开会议。县委书记王某某主持会议。", encoding="utf-8")
    (d / "b.txt").write_bytes(b"\x00\x01binary")
    for want_extracted, want_cached in ((1, 0), (0, 1)):
        report = BuildReport()
        build_graph([d], report=report, cache=FactCache(tmp_path / "cache"))
        assert (report.files, report.extracted, report.cached) == (1, want_extracted, want_cached)
        assert [Path(f).name for f, _ in report.skipped] == ["b.txt"]
