"""Throughput bench: characters per second per pipeline stage against bare jieba, parallel and cluster-free build times, memory, the cache.

    .venv/bin/python bench/throughput.py            # People's Daily 1998-01-01..15 (~0.9M chars) and the same x10
    .venv/bin/python bench/throughput.py --quick    # 300 articles, no x10 build
    .venv/bin/python bench/throughput.py --json out.json

Needs ../shared (research data, never copied into the project): the corpus is written to a
temporary folder by ../shared/eval/pd_gold.py, one .txt per article; the x10 corpus is ten
copies of it under different names. Prints Markdown tables (see bench/README.md, "Throughput").

Rates are given per CPU second (`time.process_time`) and per wall-clock second: on a busy
machine the wall clock says more about the neighbours than about kg, the CPU clock does not.
Whole builds run as `kg build` subprocesses; their peak memory is the largest resident set of
the build and its workers (`resource.getrusage`, RUSAGE_SELF and RUSAGE_CHILDREN).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PD = SHARED / "data" / "pd1998" / "articles_19980101-15.jsonl"
PD_GOLD = SHARED / "eval" / "pd_gold.py"

# `kg build` in a child that reports its own peak memory and that of its workers (kB on Linux)
_MEASURED_BUILD = (
    "import resource, sys, time\n"
    "from kg.cli import main\n"
    "t = time.perf_counter()\n"
    "rc = main(sys.argv[1:])\n"
    "wall = time.perf_counter() - t\n"
    "s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print('BENCH', wall, s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime, max(s.ru_maxrss, c.ru_maxrss), file=sys.stderr)\n"
    "sys.exit(rc)\n"
)


class Missing(SystemExit):
    pass


def need_shared() -> None:
    missing = [p for p in (PD, PD_GOLD) if not p.is_file()]
    if missing:
        raise Missing("bench/throughput.py: the research data are not there: "
                      + ", ".join(str(p) for p in missing)
                      + f"\n  it needs {SHARED} (People's Daily 1998-01 and eval/pd_gold.py) beside the checkout;"
                        " the data are never copied into the project")


def make_corpus(work: Path, every: int, limit: int | None) -> Path:
    cmd = [sys.executable, str(PD_GOLD), str(PD), str(work / "pd"), "--every", str(every)]
    if limit:
        cmd += ["--limit", str(limit)]
    subprocess.run(cmd, check=True, capture_output=True)
    corpus = work / "pd" / "corpus"
    if not any(corpus.glob("*.txt")):
        raise SystemExit(f"bench/throughput.py: {PD_GOLD} wrote no .txt files into {corpus}")
    return corpus


def replicate(corpus: Path, dest: Path, times: int) -> Path:
    for k in range(times):
        d = dest / f"copy{k:02d}"
        d.mkdir(parents=True)
        for f in corpus.glob("*.txt"):
            shutil.copyfile(f, d / f.name)
    return dest


def stage_rates(corpus: Path) -> dict:
    """Each STAGE timed over every page, one process, one worker; bare jieba on the same text."""
    import logging

    import jieba
    import jieba.posseg

    from kg.ingest import Page
    from kg.mentions import MentionFinder
    from kg.pipeline import STAGES, PageState, extract_page

    # once per process, not per character: the tokenizer, kg's vocabulary, the name model,
    # and what the first page builds on first use (the gazetteer's automaton)
    pages = [Page.from_file(p, source=str(p)) for p in sorted(corpus.glob("*.txt"))]
    t = time.process_time()
    MentionFinder()
    extract_page(Page.from_text("县委书记王明主持召开会议。"))
    setup = time.process_time() - t
    chars = sum(len(p.text) for p in pages)
    cpu = {s.name: 0.0 for s in STAGES}
    wall = {s.name: 0.0 for s in STAGES}
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    jieba.posseg.lcut("热身")
    cuts = (("jieba.lcut", jieba.lcut), ("jieba.posseg.lcut", jieba.posseg.lcut))
    bare_cpu = {name: 0.0 for name, _ in cuts}
    bare_wall = {name: 0.0 for name, _ in cuts}
    # page by page, kg and the bare tokenizers in turn: a neighbour that slows the machine for
    # a while slows both sides of the ratio alike (timed one after the other, runs differed by 30%)
    for page in pages:
        st = PageState(page)
        for stage in STAGES:
            c, w = time.process_time(), time.perf_counter()
            st = stage.run(st)
            cpu[stage.name] += time.process_time() - c
            wall[stage.name] += time.perf_counter() - w
        for name, cut in cuts:
            c, w = time.process_time(), time.perf_counter()
            cut(page.text, HMM=True)
            bare_cpu[name] += time.process_time() - c
            bare_wall[name] += time.perf_counter() - w
    bare = {name: (bare_cpu[name], bare_wall[name]) for name, _ in cuts}
    return {"chars": chars, "pages": len(pages), "setup_cpu": setup, "cpu": cpu, "wall": wall, "bare": bare}


def build(paths, out: Path, *options) -> dict:
    cmd = [sys.executable, "-c", _MEASURED_BUILD, "build", *map(str, paths), "-o", str(out), "--no-html", *options]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    line = next((l for l in proc.stderr.splitlines() if l.startswith("BENCH ")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"bench/throughput.py: `kg build` failed ({proc.returncode}): {proc.stderr[-800:]}")
    _, wall, cpu, rss = line.split()
    summary = next((l for l in proc.stderr.splitlines() if l.startswith("kg build:")), "")
    return {"wall": float(wall), "cpu": float(cpu), "peak_mb": int(rss) / 1024, "summary": summary}


def fmt_rate(chars, seconds):
    return f"{chars / seconds / 1000:,.0f}k" if seconds > 0 else "–"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="300 articles; no x10 build")
    ap.add_argument("--json", metavar="FILE", help="also write the numbers as JSON")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR (kept) instead of a temporary folder")
    args = ap.parse_args(argv)
    need_shared()
    sys.path.insert(0, str(ROOT))
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-throughput-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": {"cpus": os.cpu_count(), "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}}
    try:
        corpus = make_corpus(work, 1, 300 if args.quick else None)
        files = sorted(corpus.glob("*.txt"))

        # 1. stages against bare jieba, one process
        r = stage_rates(corpus)
        results["stages"] = r
        chars = r["chars"]
        total_cpu, total_wall = sum(r["cpu"].values()), sum(r["wall"].values())
        pos_cpu, pos_wall = r["bare"]["jieba.posseg.lcut"]
        print(f"## Throughput: {r['pages']} People's Daily articles, {chars:,} characters\n")
        print(f"machine: {os.cpu_count()} CPUs, load average {results['machine']['load']:.1f} at the start\n")
        print("| stage | chars/s (CPU) | chars/s (wall) | share of CPU |")
        print("| --- | ---: | ---: | ---: |")
        for name in r["cpu"]:
            print(f"| {name} | {fmt_rate(chars, r['cpu'][name])} | {fmt_rate(chars, r['wall'][name])} | "
                  f"{r['cpu'][name] / total_cpu:.0%} |")
        print(f"| **whole pipeline** | **{fmt_rate(chars, total_cpu)}** | **{fmt_rate(chars, total_wall)}** | 100% |")
        for name, (c, w) in r["bare"].items():
            print(f"| bare `{name}` (HMM on) | {fmt_rate(chars, c)} | {fmt_rate(chars, w)} | |")
        ratio = pos_cpu / total_cpu
        results["pipeline_vs_posseg"] = ratio
        print(f"\nwhole pipeline / bare jieba.posseg.lcut: **{ratio:.2f}x** by CPU time "
              f"({pos_wall / total_wall:.2f}x by wall clock; target >= 2x); "
              f"/ bare jieba.lcut: {r['bare']['jieba.lcut'][0] / total_cpu:.2f}x. "
              f"Set-up (tokenizer, vocabulary, name model; once per process): {r['setup_cpu']:.1f} s CPU.\n")

        # 2. whole builds: -j 1 and -j 2, x10, the cache
        out = work / "out"
        j1 = build([corpus], out / "j1", "-j", "1", "--no-cache")
        j2 = build([corpus], out / "j2", "-j", "2", "--no-cache")
        same = (out / "j1" / "graph.ttl").read_bytes() == (out / "j2" / "graph.ttl").read_bytes()
        results["builds"] = {"j1": j1, "j2": j2, "j1_equals_j2": same}
        print("| build (`kg build --no-html --no-cache`) | wall s | CPU s | chars/s (wall) | peak memory |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for name, b in (("x1, -j 1", j1), ("x1, -j 2", j2)):
            print(f"| {name} | {b['wall']:.1f} | {b['cpu']:.1f} | {fmt_rate(chars, b['wall'])} | {b['peak_mb']:,.0f} MB |")
        if not args.quick:
            big = replicate(corpus, work / "x10", 10)
            j2x10 = build([big], out / "x10", "-j", "2", "--no-cache")
            results["builds"]["x10_j2"] = j2x10
            print(f"| x10, -j 2 | {j2x10['wall']:.1f} | {j2x10['cpu']:.1f} | {fmt_rate(10 * chars, j2x10['wall'])} | "
                  f"{j2x10['peak_mb']:,.0f} MB |")
        print(f"\n-j 2 / -j 1 speed-up: **{j1['wall'] / j2['wall']:.2f}x** (wall; target >= 1.6x); "
              f"graph.ttl byte-identical: {same}.")
        if not args.quick:
            print(f"x10 / x1 time (-j 2): **{j2x10['wall'] / j2['wall']:.1f}x** (target <= 11x); "
                  f"x10 peak memory {j2x10['peak_mb']:,.0f} MB (target <= 2,048 MB).")

        # 3. the cache, on 1,000 files (fewer with --quick)
        n = min(1000, len(files))
        thousand = work / "thousand"
        thousand.mkdir()
        for f in files[:n]:
            shutil.copyfile(f, thousand / f.name)
        cdir = work / "cache"
        first = build([thousand], out / "c", "-j", "1", "--cache-dir", cdir)
        unchanged = build([thousand], out / "c", "-j", "1", "--cache-dir", cdir)
        shutil.rmtree(cdir / "builds")  # forget the finished build: the graph is made again from cached facts
        regraph = build([thousand], out / "c", "-j", "1", "--cache-dir", cdir)
        extra = files[n] if len(files) > n else files[0]
        shutil.copyfile(extra, thousand / ("zz-new-" + extra.name))
        added = build([thousand], out / "c", "-j", "1", "--cache-dir", cdir)
        results["cache"] = {"files": n, "first": first, "unchanged": unchanged, "regraph": regraph, "one_added": added}
        print(f"\n| cache, {n} files, -j 1 | wall s | CPU s | share of the first build (wall) | `kg build` says |")
        print("| --- | ---: | ---: | ---: | --- |")
        for name, b in (("first build", first), ("unchanged, again", unchanged),
                        ("graph rebuilt from cached facts", regraph), ("one file added", added)):
            said = b["summary"].split(" -> ")[0].removeprefix("kg build: ")
            print(f"| {name} | {b['wall']:.1f} | {b['cpu']:.1f} | {b['wall'] / first['wall']:.0%} | {said} |")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
