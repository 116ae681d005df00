"""A content-hash cache of per-file extraction results, so a rebuild re-extracts only what changed.

An entry is keyed by everything an extraction result depends on: the decoded text and the
metadata attached to it (file name, URL, publication date, publisher), the segmenter, and a
*code key*: a hash of the extraction code (``kg/nlp``, ``kg/relations.py`` and the stages
before them) and of the lexicons (``kg/nlp/data`` and ``ontology/themes.ttl``). Editing a
rule or a lexicon therefore invalidates every entry; nothing has to be bumped by hand.

Entries are pickled :class:`~kg.pipeline.FileResult` records, one file each under
``<out>/.jiyao-cache/``, written atomically (a reader sees a whole entry or none).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from .records import SourceDoc

__all__ = ["ResultCache", "CACHE_DIR", "code_key", "doc_key"]

CACHE_DIR = ".jiyao-cache"
_FORMAT = b"jiyao-cache-1"
_PKG = Path(__file__).resolve().parent
# modules whose code decides what a file yields (graph building and export come later, uncached)
_CODE = ("reading.py", "normalize.py", "articles.py", "records.py", "relations.py", "pipeline.py", "nlp")


@lru_cache(maxsize=1)
def code_key() -> str:
    """Hash of the extraction code and the lexicons (the extractor version)."""
    from .nlp.lexicons import DATA_DIR, ONTOLOGY_DIR

    h = hashlib.sha256(_FORMAT)
    paths: list[Path] = []
    for name in _CODE:
        p = _PKG / name
        paths.extend(sorted(p.rglob("*.py")) if p.is_dir() else [p])
    paths.extend(sorted(f for f in DATA_DIR.rglob("*") if f.is_file()))
    paths.append(ONTOLOGY_DIR / "themes.ttl")
    for p in paths:
        if p.is_file():
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def doc_key(doc: SourceDoc, segmenter: str) -> str:
    """The cache key of one decoded file for one segmenter."""
    h = hashlib.sha256(code_key().encode())
    for part in (segmenter, doc.name, doc.url or "", doc.published.isoformat() if doc.published else "",
                 doc.publisher or ""):
        h.update(part.encode("utf-8") + b"\0")
    h.update(doc.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class ResultCache:
    """Pickled results under ``root``, one file per key; ``hits``/``misses`` count lookups."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> Any | None:
        """The stored result, or None (also for an unreadable entry, which is then rebuilt)."""
        try:
            with open(self._path(key), "rb") as f:
                value = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
