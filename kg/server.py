"""A SPARQL 1.1 endpoint for kg graphs (the oxigraph server) and Graph Store Protocol uploads.

`Server` loads graph files into an oxigraph store directory and runs `oxigraph serve-read-only`
(or `oxigraph serve` for a writable, in-memory store) on a loopback port; `publish` PUTs or POSTs
Turtle to any SPARQL 1.1 Graph Store (oxigraph, Apache Jena Fuseki, GraphDB, ...).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kg.errors import GraphError, QueryError

__all__ = ["Server", "ServeCommand", "oxigraph_binary", "free_port", "wait_ready", "stop_process", "publish",
           "sparql_request"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


def oxigraph_binary():
    """Path of the `oxigraph` server binary (PyPI package `oxigraph`, the `server` extra)."""
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    found = shutil.which("oxigraph") or (str(beside) if beside.is_file() else None)
    if not found:
        raise GraphError("the oxigraph server is not installed; run: pip install 'kg[server]' (or pip install oxigraph)")
    return found


def free_port(host=DEFAULT_HOST):
    """A TCP port that is free on host right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _probe(host, port):
    """True when a SPARQL endpoint on host:port answers `ASK {}` with HTTP 200."""
    import http.client

    conn = http.client.HTTPConnection(host, port, timeout=2)
    try:
        conn.request("GET", "/query?" + urllib.parse.urlencode({"query": "ASK {}"}),
                     headers={"Accept": "application/sparql-results+json"})
        return conn.getresponse().status == 200
    finally:
        conn.close()


def wait_ready(process, host, port, *, timeout=30.0, what="oxigraph"):
    """Wait until the endpoint that process serves on host:port answers a query.

    Raises GraphError with the end of the process's stderr if it exits first, or when timeout
    seconds pass (the process is left running: stop it with stop_process)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read() if process.stderr else ""
            err = err.decode("utf-8", "replace") if isinstance(err, bytes) else err
            said = [line for line in err.splitlines() if line.startswith("kg: ")]  # kg's one-line error
            reason = said[-1] if said else " ".join(err.split())[-300:]
            raise GraphError(f"{what} exited on {host}:{port}: {reason}")
        try:
            if _probe(host, port):
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise GraphError(f"{what} did not answer on {host}:{port} within {timeout:.0f} s")


def stop_process(process, *, timeout=15.0):
    """SIGTERM (then, after timeout seconds, SIGKILL) a child process; close its pipes; its exit code."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)
    for pipe in (process.stdout, process.stderr):
        if pipe:
            pipe.close()
    return process.returncode


def _load(binary, location, paths):
    files = [str(Path(p)) for p in paths]
    for f in files:
        if not Path(f).is_file():
            raise GraphError(f"{f}: no such graph file")
    proc = subprocess.run(
        [binary, "load", "--location", str(location), "--file", *files],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        reason = " ".join((proc.stderr or proc.stdout).split())[-300:]
        raise GraphError(f"{files[0]}: oxigraph could not load it: {reason}")


class _Endpoint:
    """The URLs of a SPARQL endpoint at `self.host`:`self.port` (an IPv6 host in brackets)."""

    host: str
    port: int

    @property
    def base_url(self):
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self):
        return self.base_url + "/query"


class Server(_Endpoint):
    """A running oxigraph SPARQL server; use as a context manager so it is always stopped.

    ``Server(paths)`` is read-only (updates refused) and bound to 127.0.0.1; ``writable=True``
    starts an in-memory read-write server (for tests of `publish`). Endpoints:
    ``query_url`` (SPARQL query), ``update_url`` (SPARQL update), ``store_url`` (Graph Store).
    """

    def __init__(self, paths=(), *, host=DEFAULT_HOST, port=None, writable=False, location=None,
                 timeout=30.0):
        self.paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
        self.host = host
        self.port = port
        self.writable = writable
        self.location = Path(location) if location else None
        self.timeout = timeout
        self.process = None
        self._tmp = None

    @property
    def update_url(self):
        return self.base_url + "/update"

    @property
    def store_url(self):
        return self.base_url + "/store"

    def start(self):
        binary = oxigraph_binary()
        if self.port is None:
            self.port = free_port(self.host)
        if self.writable:
            cmd = [binary, "serve", "--bind", f"{self.host}:{self.port}"]
            if self.location:
                cmd += ["--location", str(self.location)]
        else:
            if self.location is None:
                self._tmp = tempfile.mkdtemp(prefix="kg-oxigraph-")
                self.location = Path(self._tmp)
            if self.paths:
                _load(binary, self.location, self.paths)
            # union default graph: a TriG export answers like graph.ttl
            cmd = [binary, "serve-read-only", "--union-default-graph", "--location", str(self.location),
                   "--bind", f"{self.host}:{self.port}"]
        self.process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_ready(self.process, self.host, self.port, timeout=self.timeout)
            if self.writable and self.paths:
                for path in self.paths:
                    publish(path, self.store_url)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        if self.process is not None:
            stop_process(self.process, timeout=10)
            self.process = None
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
            self.location = None

    def wait(self):
        """Block until the server exits (or Ctrl-C)."""
        return self.process.wait() if self.process else 0

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class ServeCommand(_Endpoint):
    """`python -m kg serve GRAPH...` as a child process, for tests and benchmarks that want the
    command itself (its argument handling, its signal handling) rather than Server in-process.

    ``with ServeCommand(graph) as serve:`` starts it on a free loopback port, returns once the
    endpoint answers a query, and on exit sends SIGTERM (kg serve then stops its oxigraph child).
    """

    def __init__(self, graphs, *, port=None, host=DEFAULT_HOST, args=(), timeout=60.0, cwd=None):
        self.graphs = [str(g) for g in ([graphs] if isinstance(graphs, (str, Path)) else graphs)]
        self.host = host
        self.port = port
        self.args = [str(a) for a in args]
        self.timeout = timeout
        self.cwd = cwd
        self.process = None
        self.returncode = None

    @property
    def pid(self):
        return self.process.pid

    def start(self):
        self.port = self.port or free_port(self.host)
        cmd = [sys.executable, "-m", "kg", "serve", *self.graphs, "--port", str(self.port), *self.args]
        self.process = subprocess.Popen(cmd, cwd=self.cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_ready(self.process, self.host, self.port, timeout=self.timeout, what="kg serve")
        except BaseException:
            self.stop()
            raise
        return self

    def poll(self):
        return self.process.poll()

    def stop(self):
        """Stop it (SIGTERM, then SIGKILL after 15 s); its exit code."""
        if self.process is not None:
            self.returncode = stop_process(self.process)
            self.process = None
        return self.returncode

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def sparql_request(url, query=None, *, update=None, timeout=30):
    """POST a SPARQL query (JSON results parsed) or update (status returned) to an endpoint."""
    if update is not None:
        body, ctype, accept = update.encode("utf-8"), "application/sparql-update", "*/*"
    else:
        body, ctype = query.encode("utf-8"), "application/sparql-query"
        accept = "application/sparql-results+json"
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers={"Content-Type": ctype, "Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            payload = resp.read()
            return json.loads(payload) if update is None else resp.status
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read().decode("utf-8", "replace").split())[:200]
        raise QueryError(f"{url}: HTTP {exc.code} {exc.reason}: {detail}") from None
    except urllib.error.URLError as exc:
        raise QueryError(f"{url}: cannot connect: {exc.reason}") from None


def _graph_store_url(endpoint, graph_iri):
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https"):
        raise GraphError(f"{endpoint}: the endpoint must be an http(s) Graph Store URL")
    extra = urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default"
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urllib.parse.urlunsplit(parts._replace(query=query))


def publish(paths, endpoint, *, graph_iri=None, append=False, timeout=120, auth=None):
    """Send the graph(s) as Turtle to a SPARQL 1.1 Graph Store: PUT (replace) or POST (append).

    endpoint is the Graph Store service URL (oxigraph: http://host:7878/store, Fuseki:
    http://host:3030/DATASET/data); graph_iri names the target graph, else the default graph.
    auth=(user, password) adds HTTP Basic authentication. Returns the HTTP status.
    """
    from kg.sparql import Store, serialize

    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    body = serialize(Store.load(paths), "turtle")
    url = _graph_store_url(endpoint, graph_iri)
    headers = {"Content-Type": "text/turtle; charset=utf-8"}
    if auth:
        import base64

        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    req = urllib.request.Request(url, data=body, method="POST" if append else "PUT", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read().decode("utf-8", "replace").split())[:200]
        raise GraphError(f"{paths[0]}: {endpoint} refused the upload: HTTP {exc.code} {exc.reason} {detail}".rstrip()) from None
    except urllib.error.URLError as exc:
        raise GraphError(f"{paths[0]}: cannot reach {endpoint}: {exc.reason}") from None
