"""Headless-Chromium helpers for the HTML view's tests and bench: Debian's /usr/bin/chromium driven
by Playwright (never `playwright install`), every request that is not file: or data: counted and
aborted, console errors, page errors and dialogs recorded."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def launch(playwright):
    """Chromium from the system (Debian package), headless, with no background traffic."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


@dataclass
class Watch:
    """What a page did besides rendering: external requests, console errors, page errors, dialogs."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def clean(self) -> bool:
        return not (self.requests or self.console_errors or self.page_errors or self.dialogs)


def open_page(browser, path: str | Path, *, viewport=(1400, 900), wait_ready: bool = True, timeout_ms: int = 30000,
              block_external: bool = True):
    """A new context and page on `path` (a file), watched; returns (page, watch).

    Every request whose URL is not file:, data:, about: or blob: is recorded and aborted."""
    watch = Watch()
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block")

    def route(r):
        url = r.request.url
        if url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            watch.requests.append(url)
            r.abort() if block_external else r.continue_()

    context.route("**/*", route)
    page = context.new_page()

    def on_request(req):
        if not req.url.startswith(LOCAL_SCHEMES) and req.url not in watch.requests:
            watch.requests.append(req.url)

    def on_console(msg):
        watch.console.append(f"{msg.type}: {msg.text}")
        if msg.type == "error":
            watch.console_errors.append(msg.text)

    def on_dialog(d):
        watch.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
    page.on("dialog", on_dialog)
    page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=timeout_ms)
    if wait_ready:
        page.wait_for_function("document.documentElement.getAttribute('data-kg-ready') === '1'", timeout=timeout_ms)
    return page, watch


def artifacts_dir() -> Path:
    """`test-artifacts/` at the project root (gitignored): screenshots for people to look at."""
    d = Path(__file__).resolve().parent.parent / "test-artifacts"
    d.mkdir(exist_ok=True)
    return d


def synthetic_graph(n_nodes: int = 3000, *, seed: int = 1998):
    """A news-like graph in the DESIGN.md networkx schema: people working for agencies, agencies in
    places, places nested, events with organizers, attendees and locations, co-occurrence within
    articles. Same arguments, same graph."""
    import random

    import networkx as nx

    rng = random.Random(seed)
    chars = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红志新文斌宇浩凯健俊帆帅旭宁"
    kinds = ["Person"] * 40 + ["Organization"] * 25 + ["Place"] * 15 + ["Event"] * 20
    G = nx.MultiDiGraph()
    by_kind: dict[str, list[str]] = {"Person": [], "Organization": [], "Place": [], "Event": []}
    for i in range(n_nodes):
        kind = kinds[i % len(kinds)]
        if kind == "Person":
            name = rng.choice(chars) + rng.choice(given) + (rng.choice(given) if rng.random() < 0.6 else "")
            iri = f"kgid:person/{name}~{i}"
            attrs = dict(name=name, aliases=[name[0] + "书记"] if rng.random() < 0.2 else [],
                         titles=sorted({rng.choice(["市长", "副市长", "县委书记", "局长", "主任", "记者"])}), subkind="")
        elif kind == "Organization":
            name = rng.choice(["太原", "阳曲", "绛县", "清徐", "古交"]) + rng.choice(["市", "县"]) + \
                rng.choice(["卫生健康委员会", "人民政府", "红十字会", "公安局", "人民医院", "教育局"]) + str(i)
            iri, attrs = f"kgid:org/{name}", dict(name=name, aliases=[], titles=[], subkind="GovernmentOrganization")
        elif kind == "Place":
            name = rng.choice(chars) + rng.choice(given) + rng.choice(["县", "镇", "村", "区"]) + str(i)
            iri, attrs = f"kgid:place/{name}", dict(name=name, aliases=[], titles=[], subkind="county")
        else:
            name = rng.choice(["疫情防控工作会议", "调研", "捐赠仪式", "新闻发布会", "应急演练"]) + str(i)
            iri = f"kgid:event/synthetic/{i}"
            attrs = dict(name=name, aliases=[], titles=[], subkind="Meeting",
                         date=f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        attrs.setdefault("date", "")
        G.add_node(iri, kind=kind, articles=[], **attrs)
        by_kind[kind].append(iri)

    def ev(s, o, art):
        return [{"sentence": f"{G.nodes[s]['name']}与{G.nodes[o]['name']}。", "source": art["source"],
                 "headline": art["headline"]}]

    n_articles = max(1, n_nodes // 6)
    articles = [{"iri": f"kgid:article/synthetic/{a}", "source": f"paper/{a:05d}.txt#char=0,900",
                 "headline": f"第{a}号报道：{rng.choice(['会议', '调研', '捐赠', '发布会'])}"} for a in range(n_articles)]
    nodes = sorted(G)
    for art in articles:
        mentioned = sorted(set(rng.sample(nodes, k=min(len(nodes), 8))))
        for m in mentioned:
            G.nodes[m]["articles"].append(art)
    for p in by_kind["Person"]:
        if by_kind["Organization"] and rng.random() < 0.8:
            o = rng.choice(by_kind["Organization"])
            art = G.nodes[p]["articles"][0] if G.nodes[p]["articles"] else articles[0]
            G.add_edge(p, o, key="worksFor", relation="worksFor", weight=1, cooccurrence=False, confidence=0.9,
                       rule="title-before-name", evidence=ev(p, o, art))
    for o in by_kind["Organization"]:
        if by_kind["Place"]:
            pl = rng.choice(by_kind["Place"])
            G.add_edge(o, pl, key="location", relation="location", weight=1, cooccurrence=False, confidence=0.8,
                       rule="locale", evidence=ev(o, pl, articles[0]))
    places = by_kind["Place"]
    for i, pl in enumerate(places[1:], 1):
        parent = places[rng.randrange(0, i)]
        G.add_edge(pl, parent, key="containedInPlace", relation="containedInPlace", weight=1, cooccurrence=False,
                   confidence=1.0, rule="gazetteer", evidence=[])
    for e in by_kind["Event"]:
        art = G.nodes[e]["articles"][0] if G.nodes[e]["articles"] else articles[0]
        if by_kind["Person"]:
            G.add_edge(e, rng.choice(by_kind["Person"]), key="organizer", relation="organizer", weight=1,
                       cooccurrence=False, confidence=0.9, rule="chair", evidence=ev(e, e, art))
            for a in sorted(set(rng.sample(by_kind["Person"], k=min(3, len(by_kind["Person"]))))):
                G.add_edge(e, a, key="attendee", relation="attendee", weight=1, cooccurrence=False, confidence=0.7,
                           rule="attend", evidence=ev(e, a, art))
        if places:
            G.add_edge(e, rng.choice(places), key="location", relation="location", weight=1, cooccurrence=False,
                       confidence=0.8, rule="loc", evidence=ev(e, e, art))
    pairs: dict[tuple[str, str], int] = {}
    for art in articles:
        ents = sorted(m for m in nodes if art in G.nodes[m]["articles"][:1])
        for i, a in enumerate(ents):
            for b in ents[i + 1:]:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    for (a, b), w in sorted(pairs.items()):
        G.add_edge(a, b, key="coOccursWith", relation="coOccursWith", weight=w, cooccurrence=True, confidence=1.0,
                   rule="same-sentence", evidence=ev(a, b, articles[0]))
    return G
