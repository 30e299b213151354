"""Security: article text reaching HTML is escaped, the endpoint is loopback and read-only,
queries cannot write or reach out, and no command fetches anything (docs/failure.md)."""

from __future__ import annotations

import html
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "graph_small.ttl"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PAGE = (f"{IMG}阳曲县召开疫情防控工作推进会\n"
        f"本报讯 县长刘志强{SCRIPT}主持召开会议，副县长赵春燕{IMG}参加会议。\n"
        f"县委书记王宏伟</script><script>alert(1)</script>到阳曲县调研。\n")
DATA_BLOCK = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("xss")
    (base / "evil.txt").write_text(PAGE, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "kg", "build", "evil.txt", "-o", "out", "-q", "-j", "1", "--no-cache"],
                       cwd=base, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return base / "out"


class Markup(HTMLParser):
    """The tags of a page as a browser sees them (script bodies are opaque text, as in a browser)."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def check_page_is_inert(page: str) -> None:
    blocks = DATA_BLOCK.findall(page)
    assert len(blocks) == 1
    data = blocks[0]
    # inside the JSON block: no character that could close it or open markup
    assert "<" not in data and ">" not in data
    decoded = json.dumps(json.loads(data), ensure_ascii=False)
    assert "alert(1)" in decoded and "onerror" in decoded  # the payloads did reach the page, as inert text
    # nowhere in the page is a payload left unescaped
    assert SCRIPT not in page and IMG not in page and "<img" not in page
    tags = Markup(page).tags
    for tag, attrs in tags:
        assert tag not in ("img", "iframe", "object", "embed", "svg", "math", "frame", "link", "base", "form"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert "javascript:" not in value.lower(), (tag, name, value)
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert scripts.count({"type": "application/json", "id": "kg-data"}) == 1
    assert all("src" not in attrs for attrs in scripts)  # every script is inline, and allowed by its hash
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    script_src = csp.split("script-src", 1)[1].split(";")[0]
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "sha256-" in script_src and "unsafe-inline" not in script_src and "unsafe-eval" not in csp


def test_built_html_shows_article_text_and_runs_none_of_it(hostile_build):
    check_page_is_inert((hostile_build / "graph.html").read_text(encoding="utf-8"))


def test_viz_escapes_the_title_and_the_graph(hostile_build, tmp_path, capsys):
    code, _, err = run(capsys, "viz", hostile_build / "graph.ttl", "-o", tmp_path / "v.html", "--title", SCRIPT + IMG,
                       "-q")
    assert code == 0, err
    page = (tmp_path / "v.html").read_text(encoding="utf-8")
    check_page_is_inert(page)
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img" in page


def test_other_outputs_keep_the_text_exactly_in_their_own_syntax(hostile_build):
    import xml.etree.ElementTree as ET

    from rdflib import Graph, Literal

    g = Graph().parse(hostile_build / "graph.ttl", format="turtle")
    assert any(SCRIPT in str(o) for o in g.objects() if isinstance(o, Literal))  # data keeps the text exactly
    assert SCRIPT in (hostile_build / "graph.json").read_text(encoding="utf-8").replace("\\/", "/") or \
        SCRIPT in json.dumps(json.loads((hostile_build / "graph.json").read_text(encoding="utf-8")), ensure_ascii=False)
    ET.parse(hostile_build / "graph.graphml")  # well-formed whatever the names hold


def test_html_loads_nothing_from_anywhere(hostile_build):
    page = (hostile_build / "graph.html").read_text(encoding="utf-8")
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.S)
    assert not re.search(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", markup, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//|@import""", page, re.I)
    assert '<link' not in markup and "<base" not in markup


# ---- the SPARQL endpoint: loopback, read-only ---------------------------------------------------

def _listening(port: int) -> list[str]:
    """Local addresses listening on `port` (IPv4 and IPv6), from /proc/net/tcp*."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, _, hexport = local.partition(":")
            if state == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
                found.append(addr)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads /proc/net/tcp")
def test_serve_binds_loopback_by_default_and_refuses_every_write():
    from kg.cli import make_parser
    from kg.server import ServeCommand, sparql_request

    assert make_parser().parse_args(["serve", "g.ttl"]).host == "127.0.0.1"
    with ServeCommand(FIXTURE, cwd=ROOT) as serve:  # started with no --host: the default
        assert _listening(serve.port) == ["0100007F"]  # 127.0.0.1 and nothing else, no 0.0.0.0, no ::
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        url = serve.base_url
        before = sparql_request(url + "/query", query)["results"]["bindings"][0]["n"]["value"]
        ttl = b"<http://a.example/s> <http://a.example/p> <http://a.example/o> ."
        attempts = [
            ("POST", "/update", b"INSERT DATA { <http://a.example/s> <http://a.example/p> 1 }",
             "application/sparql-update"),
            ("POST", "/update", b"LOAD <http://127.0.0.1:9/x.ttl>", "application/sparql-update"),
            ("POST", "/update", b"DROP ALL", "application/sparql-update"),
            ("PUT", "/store?default", ttl, "text/turtle"),
            ("POST", "/store?default", ttl, "text/turtle"),
            ("DELETE", "/store?default", b"", "text/turtle"),
        ]
        for method, path, body, ctype in attempts:
            req = urllib.request.Request(url + path, data=body or None, method=method, headers={"Content-Type": ctype})
            with pytest.raises(urllib.error.HTTPError) as info:
                urllib.request.urlopen(req, timeout=10)
            assert info.value.code in (403, 405), (method, path, info.value.code)
        after = sparql_request(url + "/query", query)["results"]["bindings"][0]["n"]["value"]
        assert after == before


# ---- kg query: read-only, nothing remote --------------------------------------------------------

class Recorder:
    """A loopback HTTP server that records every request: any hit means kg reached out."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append((self.command, self.path))
                body = json.dumps({"@context": {"name": "https://schema.org/name"}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_PUT = do_GET

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def recorder():
    r = Recorder()
    yield r
    r.close()


UPDATES = [
    "INSERT DATA { <http://a.example/s> <http://a.example/p> 1 }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "drop silent graph <http://a.example/g>",
    "CLEAR DEFAULT",
    "CREATE GRAPH <http://a.example/g>",
    "# a comment first\nPREFIX ex: <http://a.example/>\n  dRoP\tALL",
    "WITH <http://a.example/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "COPY DEFAULT TO <http://a.example/g>",
]


@pytest.mark.parametrize("sparql", UPDATES)
def test_query_refuses_updates(capsys, sparql):
    before = FIXTURE.read_bytes()
    code, out, err = run(capsys, "query", sparql, "-g", FIXTURE)
    assert code == 5 and "not allowed" in err and out == ""
    assert FIXTURE.read_bytes() == before


def test_query_loads_and_calls_nothing_remote_unless_service_is_allowed(capsys, recorder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    u = recorder.url
    refused = [
        (f"LOAD <{u}/load.ttl>", "not allowed"),
        (f"LOAD <{u}/load.ttl> INTO GRAPH <http://a.example/g>", "not allowed"),
        (f"SELECT * WHERE {{ SERVICE <{u}/sparql> {{ ?s ?p ?o }} }}", "--allow-service"),
        (f"SELECT * WHERE {{ SERVICE SILENT <{u}/sparql> {{ ?s ?p ?o }} }}", "--allow-service"),
    ]
    for sparql, why in refused:
        code, _, err = run(capsys, "query", sparql, "-g", FIXTURE)
        assert code == 5 and why in err, (sparql, err)
    # FROM names a graph of the dataset; it is never fetched
    code, out, _ = run(capsys, "query", f"SELECT * FROM <{u}/from.ttl> WHERE {{ ?s ?p ?o }} LIMIT 1", "-g", FIXTURE)
    assert code == 0
    # a URL is not a graph file
    code, _, err = run(capsys, "query", "SELECT * WHERE { ?s ?p ?o }", "-g", f"{u}/g.ttl")
    assert code == 4 and err.count("\n") == 1
    assert recorder.hits == []
    assert list(tmp_path.iterdir()) == []  # and nothing was written
    # only the explicit flag lets a federated query out (here: to the loopback recorder)
    code, _, err = run(capsys, "query", f"SELECT * WHERE {{ SERVICE <{u}/sparql> {{ ?s ?p ?o }} }}", "-g", FIXTURE,
                       "--allow-service")
    assert recorder.hits and code == 5 and "Traceback" not in err and err.count("\n") == 1  # one line, not a crash


def test_remote_json_ld_contexts_and_imports_are_never_fetched(capsys, recorder, tmp_path):
    u = recorder.url
    remote = tmp_path / "remote.jsonld"
    remote.write_text(json.dumps({"@context": f"{u}/ctx.jsonld", "@id": "https://w3id.org/kgzh/id/person/x",
                                  "name": "x"}), encoding="utf-8")
    nested = tmp_path / "nested.jsonld"
    nested.write_text(json.dumps({"@context": {"@version": 1.1, "knows": {"@id": "https://schema.org/knows",
                                                                          "@context": [f"{u}/scoped.jsonld"]}},
                                  "@id": "https://w3id.org/kgzh/id/person/x"}), encoding="utf-8")
    imports = tmp_path / "imports.ttl"
    imports.write_text(f"<https://w3id.org/kgzh/id/person/x> <http://www.w3.org/2002/07/owl#imports> <{u}/imp.ttl> ;\n"
                       f'  a <https://schema.org/Person> ; <https://schema.org/name> "x"@zh .\n', encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"docs": [], "entities": [], "events": [], "affiliations": [], "containment": []}),
                    encoding="utf-8")
    for path in (remote, nested):
        for args in (("validate", path), ("viz", path, "-o", tmp_path / "v.html"),
                     ("query", "SELECT * WHERE { ?s ?p ?o }", "-g", path), ("export", path),
                     ("eval", path, "--gold", gold)):
            code, _, err = run(capsys, *args)
            assert code == 4 and "Traceback" not in err, (args, err)
    code, _, err = run(capsys, "validate", imports)
    assert code == 0, err
    assert recorder.hits == []


# ---- nothing reaches the network ----------------------------------------------------------------

def test_build_viz_query_validate_export_work_with_the_network_cut(tmp_path, capsys, monkeypatch):
    """Every socket connection and name lookup fails in this process; the commands still work."""
    def cut(*args, **kwargs):
        raise OSError("network access attempted during a test that forbids it")

    monkeypatch.setattr(socket.socket, "connect", cut)
    monkeypatch.setattr(socket.socket, "connect_ex", cut)
    monkeypatch.setattr(socket, "create_connection", cut)
    monkeypatch.setattr(socket, "getaddrinfo", cut)
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    steps = [
        ("build", tmp_path / "p.txt", "-o", out, "-q", "-j", "1"),
        ("viz", out / "graph.ttl", "-o", tmp_path / "v.html", "-q"),
        ("query", "--name", "person_posts", "--param", "name=刘志强", "-g", out / "graph.ttl"),
        ("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 3", "-g", out / "graph.ttl", "--format", "json"),
        ("validate", out / "graph.ttl"),
        ("export", out / "graph.ttl", "--format", "jsonld", "-o", tmp_path / "g.jsonld"),
        ("viz", tmp_path / "g.jsonld", "-o", tmp_path / "v2.html", "-q"),
        ("validate", tmp_path / "g.jsonld"),
    ]
    for args in steps:
        code, _, err = run(capsys, *args)
        assert code in (0, 6) and "network access attempted" not in err, (args, err)
