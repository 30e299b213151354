"""The build cache: each input file's extracted facts, kept on disk under a key of its bytes and of what extracts them.

A file's entry is found again only when nothing that decides its facts has changed:

- the file's bytes and its source name (the name is part of every fact's key and evidence),
- `kg.pipeline.PIPELINE_VERSION`, bumped whenever extraction changes what it outputs,
- the vocabulary data in `kg/resources/` (a new post title or agency suffix re-extracts all),
- the source of the extraction modules (`EXTRACTION_MODULES`), so an edit that forgot to bump
  the version still invalidates, plus jieba's version, cpca's division table and Python's
  minor version (pickles of the records).

Entries live in `<root>/<fingerprint>/<key[:2]>/<key>.pickle`, one folder per fingerprint. The
default root is `.kg-cache/` next to the output folder (`kg build seeds -o graphs` uses
`./.kg-cache/`), so a project's cache goes where its graphs go and is deleted with them;
`$KG_CACHE_DIR` or `kg build --cache-dir DIR` put it elsewhere. It is safe to delete at any time. Writes are atomic (temporary file, then rename); an entry that
cannot be read back is ignored, recomputed and rewritten. Older fingerprints' folders are
pruned, keeping the most recent few.

>>> import tempfile
>>> c = FactCache(tempfile.mkdtemp())
>>> k = c.key(b"text", "a.txt")
>>> c.get(k) is None
True
>>> c.put(k, ((), None)); c.get(k)
((), None)
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pickle
import shutil
import sys
import tempfile
from importlib import resources
from pathlib import Path

__all__ = ["FactCache", "default_cache_dir", "fingerprint", "replace_file", "EXTRACTION_MODULES"]

# The modules whose code decides what a page's facts are: kg.pipeline and what it imports.
# tests/test_build_scale.py checks that this covers every kg module `import kg.pipeline` loads.
EXTRACTION_MODULES = ("errors", "events", "gazetteer", "ingest", "lexicon", "mentions", "names", "pipeline",
                      "records", "relations", "resolve", "segment")
KEEP_FINGERPRINTS = 3  # folders of older fingerprints kept (a branch switch back stays fast)
_FORMAT = 1  # of the entries themselves


def replace_file(path: Path, data: bytes, *, prefix: str) -> None:
    """Write `data` to a temporary file beside `path` (`prefix` + random + `.tmp`), then rename
    it over `path`: a reader sees the old file or the new one, never half of one. (Caches only:
    no fsync; the build's own outputs go through `kg.rdf.write_atomic_many`.)"""
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def default_cache_dir(outdir) -> Path:
    """`$KG_CACHE_DIR`, else `.kg-cache` beside the output folder.

    >>> default_cache_dir("out/graphs") == Path("out/.kg-cache").absolute() or bool(os.environ.get("KG_CACHE_DIR"))
    True
    """
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    return Path(os.path.abspath(outdir)).parent / ".kg-cache"


def _hash_tree(h, root) -> None:
    """Feed every file under an importlib Traversable (sorted by path) into `h`."""
    stack = [("", root)]
    files = []
    while stack:
        prefix, node = stack.pop()
        for child in node.iterdir():
            name = f"{prefix}/{child.name}"
            if child.name == "__pycache__" or child.name.startswith("."):
                continue
            if child.is_dir():
                stack.append((name, child))
            else:
                files.append((name, child))
    for name, child in sorted(files, key=lambda x: x[0]):
        h.update(name.encode("utf-8") + b"\0" + child.read_bytes() + b"\0")


@functools.lru_cache(maxsize=None)
def _static_fingerprint() -> str:
    h = hashlib.sha256(f"kg-facts/{_FORMAT}/py{sys.version_info[0]}.{sys.version_info[1]}".encode())
    _hash_tree(h, resources.files("kg.resources"))
    pkg = resources.files("kg")
    for mod in EXTRACTION_MODULES:
        h.update(mod.encode() + b"\0" + pkg.joinpath(f"{mod}.py").read_bytes() + b"\0")
    from kg.segment import jieba_version

    h.update(f"jieba/{jieba_version()}".encode())
    spec = importlib.util.find_spec("cpca")
    if spec is not None and spec.submodule_search_locations:
        adcodes = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
        if adcodes.is_file():
            h.update(adcodes.read_bytes())
    return h.hexdigest()


def fingerprint(version: str | None = None) -> str:
    """What extraction is, as a hash: PIPELINE_VERSION (or `version`), resources, code."""
    if version is None:
        from kg.pipeline import PIPELINE_VERSION as version
    return hashlib.sha256(f"{version}\0{_static_fingerprint()}".encode()).hexdigest()


class FactCache:
    """Per-file extraction results on disk. `get`/`put` take a key from `key(data, source)`."""

    def __init__(self, root, *, version: str | None = None):
        self.root = Path(root)
        self.fingerprint = fingerprint(version)
        self.dir = self.root / self.fingerprint[:20]
        self.hits = 0
        self.misses = 0
        self.errors = 0  # unreadable entries, recomputed
        self.write_failed: str | None = None

    def key(self, data: bytes, source: str) -> str:
        h = hashlib.sha256(self.fingerprint.encode())
        h.update(b"\0" + source.encode("utf-8", "surrogatepass") + b"\0")
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        """The stored value, or None when there is none or it cannot be read (it is then
        counted in `errors` and will be overwritten by the next `put`)."""
        path = self._path(key)
        try:
            with open(path, "rb") as f:
                entry = pickle.load(f)
            if not (isinstance(entry, tuple) and len(entry) == 3 and entry[0] == _FORMAT and entry[1] == key):
                raise ValueError("not a kg cache entry")
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # truncated, garbage, a pickle of another version: recompute
            self.errors += 1
            self.misses += 1
            return None
        self.hits += 1
        return entry[2]

    def put(self, key: str, value) -> None:
        """Store atomically; a cache that cannot be written is noted, never an error."""
        if self.write_failed:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            replace_file(path, pickle.dumps((_FORMAT, key, value), protocol=pickle.HIGHEST_PROTOCOL),
                         prefix=f".{key[:12]}.")
        except OSError as exc:
            self.write_failed = f"{self.root}: {exc.strerror or exc}"

    def prune(self, keep: int = KEEP_FINGERPRINTS) -> None:
        """Remove the folders of all but the `keep` most recently used fingerprints."""
        try:
            if self.dir.is_dir():
                os.utime(self.dir)
            dirs = [d for d in self.root.iterdir() if d.is_dir() and len(d.name) == 20
                    and all(c in "0123456789abcdef" for c in d.name)]
        except OSError:
            return
        dirs.sort(key=lambda d: d.stat().st_mtime, reverse=True)
        for d in dirs[keep:]:
            if d != self.dir:
                shutil.rmtree(d, ignore_errors=True)
