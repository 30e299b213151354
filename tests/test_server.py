"""Tests of kg.server, `kg serve` and `kg publish` against the real oxigraph server on a free
loopback port: queries over HTTP, updates refused, Graph Store uploads. Servers are always stopped."""

import os
import socket
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import GraphError, QueryError
from kg.sparql import Store

FIXTURE = Path(__file__).parent / "fixtures" / "graph_small.ttl"
ROOT = Path(__file__).resolve().parents[1]

try:
    from kg.server import Server, ServeCommand, free_port, oxigraph_binary, publish, sparql_request

    oxigraph_binary()
    HAVE_OXIGRAPH = True
except GraphError:
    HAVE_OXIGRAPH = False

pytestmark = pytest.mark.skipif(not HAVE_OXIGRAPH, reason="the oxigraph server is not installed (pip install oxigraph)")

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(url, query=COUNT):
    return int(sparql_request(url, query)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def readonly():
    with Server(FIXTURE) as server:
        yield server
    assert server.process is None


@pytest.fixture()
def writable():
    with Server(writable=True) as server:
        yield server


def test_server_binds_loopback_and_answers_queries(readonly):
    assert readonly.host == "127.0.0.1"
    assert count(readonly.query_url) == len(Store.load(FIXTURE))
    rows = sparql_request(readonly.query_url, """
        PREFIX schema: <https://schema.org/>
        SELECT ?name WHERE { ?e schema:organizer/schema:name "王宏伟"@zh ; schema:name ?name }""")
    assert [b["name"]["value"] for b in rows["results"]["bindings"]] == ["阳曲县疫情防控工作推进会"]


def test_server_speaks_the_sparql_protocol_get(readonly):
    url = readonly.query_url + "?" + urllib.parse.urlencode({"query": "ASK { ?s a <https://schema.org/Event> }"})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert b'"boolean":true' in resp.read().replace(b" ", b"")


def test_server_refuses_updates(readonly):
    before = count(readonly.query_url)
    with pytest.raises(QueryError, match="403"):
        sparql_request(readonly.update_url, update="INSERT DATA { <http://a.example/s> <http://a.example/p> 1 }")
    with pytest.raises(QueryError, match="403"):
        sparql_request(readonly.update_url, update="DROP ALL")
    with pytest.raises(GraphError, match="403"):
        publish(FIXTURE, readonly.store_url)
    assert count(readonly.query_url) == before


def test_server_stops_and_cleans_up():
    server = Server(FIXTURE).start()
    location, port = server.location, server.port
    assert location.exists()
    server.stop()
    assert not location.exists()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()


def test_publish_put_post_and_named_graph(writable):
    n = len(Store.load(FIXTURE))
    assert publish(FIXTURE, writable.store_url) in (200, 201, 204)
    assert count(writable.query_url) == n
    assert publish(FIXTURE, writable.store_url) in (200, 201, 204)  # PUT replaces
    assert count(writable.query_url) == n
    graph = "https://w3id.org/kgzh/graph/facts"
    assert main(["publish", str(FIXTURE), "--endpoint", writable.store_url, "--graph-iri", graph]) == 0
    in_graph = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    assert count(writable.query_url, in_graph) == n
    assert main(["publish", str(FIXTURE), "--endpoint", writable.store_url, "--append"]) == 0
    assert count(writable.query_url) == n  # same triples: a set does not grow


def test_publish_errors_are_one_line(tmp_path):
    port = free_port()
    with pytest.raises(GraphError, match="cannot reach"):
        publish(FIXTURE, f"http://127.0.0.1:{port}/store", timeout=5)
    with pytest.raises(GraphError, match="http"):
        publish(FIXTURE, "ftp://example.org/store")


def test_kg_serve_command_runs_and_stops():
    with ServeCommand(FIXTURE, cwd=ROOT) as serve:
        port = serve.port
        assert count(serve.query_url) == len(Store.load(FIXTURE))
        with pytest.raises(QueryError, match="403"):
            sparql_request(f"{serve.base_url}/update", update="CLEAR ALL")
    assert serve.returncode == 0  # SIGTERM: a clean exit
    # the oxigraph child went with it
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()


def test_serve_command_reports_a_server_that_exits(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(GraphError, match="kg serve exited.*bad.ttl"):
        ServeCommand(bad).start()


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_cli_serve_reports_a_bad_graph(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    assert main(["serve", str(bad), "--port", str(free_port())]) == GraphError.exit_code
    assert "bad.ttl" in capsys.readouterr().err
