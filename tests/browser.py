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
              block_external: bool = True, wait_until: str = "load"):
    """A new context and page on `path` (a file), watched; returns (page, watch).

    Every request whose URL is not file:, data:, about: or blob: is recorded and aborted.
    `wait_ready` waits for the kg page's own signal that its network is drawn."""
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
    page.goto(Path(path).resolve().as_uri(), wait_until=wait_until, timeout=timeout_ms)
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


def small_graph(*, headline2: str = "韦韬在阳曲县调研疫情防控工作", evil: str | None = None):
    """A hand-made graph in the DESIGN.md networkx schema: 韦韬 (alias 韦书记) works for 中共太原市委,
    chairs a dated meeting in 太原市 and inspects 阳曲县; 王宏伟 co-occurs with him. With `evil`, that
    string is put into every text field a page shows (names, aliases, posts, headlines, sources,
    evidence, relation names)."""
    import networkx as nx

    x = evil or ""
    G = nx.MultiDiGraph()
    a1 = {"iri": "kgid:article/001_test/0", "source": "seeds/001_test.txt#char=0,640" + x,
          "headline": "市疫情防控工作领导小组召开第八十八次会议" + x}
    a2 = {"iri": "kgid:article/002_test/0", "source": "seeds/002_test.txt#char=0,905", "headline": headline2 + x}

    def node(iri, kind, name, *, subkind="", aliases=(), titles=(), date="", articles=()):
        G.add_node(iri, kind=kind, subkind=subkind, name=name + x, aliases=sorted(a + x for a in aliases),
                   titles=sorted(t + x for t in titles), date=date, articles=list(articles))

    def edge(u, v, rel, sentence, art, *, cooc=False, weight=1):
        G.add_edge(u, v, key=rel, relation=rel + (x if evil and not cooc else ""), weight=weight, cooccurrence=cooc,
                   confidence=1.0 if cooc else 0.9, rule="same-sentence" if cooc else "test-rule" + x,
                   evidence=[{"sentence": sentence + x, "source": art["source"], "headline": art["headline"]}])

    wt, wang = "kgid:person/韦韬", "kgid:person/王宏伟"
    cpc, ty, yq = "kgid:org/中共太原市委", "kgid:place/太原市", "kgid:place/阳曲县"
    meet, visit = "kgid:event/001_test/35", "kgid:event/002_test/22"
    node(wt, "Person", "韦韬", aliases=["韦书记"], titles=["市委书记"], articles=[a1, a2])
    node(wang, "Person", "王宏伟", titles=["县委书记"], articles=[a2])
    node(cpc, "Organization", "中共太原市委", subkind="GovernmentOrganization", aliases=["市委"], articles=[a1])
    node(ty, "Place", "太原市", subkind="prefecture", articles=[a1])
    node(yq, "Place", "阳曲县", subkind="county", aliases=["阳曲"], articles=[a2])
    node(meet, "Event", "市疫情防控工作领导小组第八十八次会议", subkind="Meeting", date="2021-11-30", articles=[a1])
    node(visit, "Event", "韦韬调研阳曲县", subkind="Inspection", date="--12-02", articles=[a2])
    edge(wt, cpc, "worksFor", "市委书记韦韬主持召开会议。", a1)
    edge(meet, wt, "organizer", "市委书记韦韬主持召开市疫情防控工作领导小组第八十八次会议。", a1)
    edge(meet, ty, "location", "会议在太原市召开。", a1)
    edge(visit, wt, "organizer", "韦韬在阳曲县调研疫情防控工作。", a2)
    edge(visit, yq, "location", "韦韬在阳曲县调研疫情防控工作。", a2)
    edge(yq, ty, "containedInPlace", "阳曲县是太原市辖县。", a2)
    edge(visit, wang, "attendee", "县委书记王宏伟陪同调研。", a2)
    edge(wang, wt, "coOccursWith", "县委书记王宏伟陪同韦韬调研。", a2, cooc=True, weight=2)
    return G
