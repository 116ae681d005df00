"""Stage 6: write the exports, each atomically (a temporary file renamed into place).

A build killed at any point leaves every previous export whole: a file is either the old
one or the complete new one, never half written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset, Graph

__all__ = ["atomic_write", "write_rdf", "RDF_FORMATS"]

# file name -> (rdflib format, whole dataset?)
RDF_FORMATS: dict[str, tuple[str, bool]] = {
    "graph.ttl": ("turtle", False),
    "graph.trig": ("trig", True),
    "graph.nt": ("nt", False),
    "graph.jsonld": ("json-ld", False),
}


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` for a temporary file beside ``path``, then rename it to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _nt_sorted(graph: Graph, path: Path) -> None:
    data = graph.serialize(format="nt", encoding="utf-8")
    lines = sorted(set(data.decode("utf-8").splitlines()))
    path.write_text("\n".join(line for line in lines if line) + "\n", encoding="utf-8")


def write_rdf(ds: Dataset, union: Graph, out: Path, formats: tuple[str, ...] = tuple(RDF_FORMATS)) -> list[Path]:
    """Write the RDF exports named in ``formats`` into ``out``; returns the paths written."""
    from .jsonld import write_jsonld

    written = []
    for name in formats:
        fmt, whole = RDF_FORMATS[name]
        path = out / name
        if fmt == "nt":
            atomic_write(path, lambda p: _nt_sorted(union, p))
        elif fmt == "json-ld":
            atomic_write(path, lambda p: write_jsonld(union, p))
        else:
            source = ds if whole else union
            atomic_write(path, lambda p, s=source, f=fmt: s.serialize(destination=str(p), format=f, encoding="utf-8"))
        written.append(path)
    return written
