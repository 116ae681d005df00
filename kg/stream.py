"""A streamed graph stage: memory that does not grow with the corpus (``jiyao build --stream``).

An ordinary build holds every article's records until the end, then every statement while
its exports are written (docs/scale.md: ≈ 1.4 GB in the build process for a city-year). A
streamed build instead

1. spools each file's records to a temporary file as they come back from extraction,
   keeping only what person resolution needs (each person mention's places, :class:`Resolver`);
2. reads them back in input order and turns them into statements in batches of about
   :data:`BATCH_ROWS` (:func:`kg.graph.quad_batches`); each batch is appended to
   ``graph.nq`` and, with ``--store oxigraph:DIR``, bulk-loaded into the store (replacing
   graphs of the same name), then dropped.

What needs the whole graph in memory is not written: the union files (Turtle, N-Triples,
JSON-LD), TriG, the SHACL check, the CSV tables, the network files and the HTML page. Query
the store (``jiyao query --graph oxigraph:DIR``) or load ``graph.nq`` into a triple store
instead. The statements are the same as an ordinary build's (tests/test_stream.py); in
``graph.nq`` they come graph by graph in input order.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .records import ArticleResult
from .resolve import Resolver

if TYPE_CHECKING:
    from .pipeline import BuildReport, FileResult

__all__ = ["Spool", "write_stream", "BATCH_ROWS", "STREAM_FORMAT"]

BATCH_ROWS = 50_000  # ≈ 125 K chars of reports; the build process stayed under 200 MB on 2 M chars (200 K: 500 MB)
STREAM_FORMAT = "graph.nq"


class Spool:
    """Extraction results on disk, in the order written (an anonymous temporary file in ``folder``).

    Each file's records are pickled separately, so writing and reading hold one file's at a
    time; the :attr:`resolver` sees every article on the way in.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix=".jiyao-spool-", dir=folder)
        self.resolver = Resolver()

    def write(self, fr: FileResult) -> None:
        for r in fr.articles:
            self.resolver.add(r)
        pickle.dump((fr.source, fr.originals, fr.articles), self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def articles(self, originals: dict[str, dict[str, str]]) -> Iterator[ArticleResult]:
        """Every article back, in order; ``originals`` holds the current file's traditional spellings."""
        self._file.flush()
        self._file.seek(0)
        while True:
            try:
                source, spellings, articles = pickle.load(self._file)
            except EOFError:
                return
            originals.clear()
            originals[source] = spellings
            yield from articles

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_stream(spool: Spool, out: Path, report: BuildReport, store: str | None = None,
                 batch_rows: int | None = None) -> list[Path]:
    """Pass 2 of a streamed build: the spooled records to ``out/graph.nq`` (and ``store``), in
    batches; counts into ``report`` as it goes. ``graph.nq`` appears only once complete."""
    from concurrent.futures import Future, ThreadPoolExecutor

    from .export import atomic_write
    from .fastgraph import vocabulary_rows
    from .graph import quad_batches
    from .store import load_nquads, open_oxigraph

    batch_rows = batch_rows or BATCH_ROWS
    ox_store = open_oxigraph(store) if store else None
    # Oxigraph's bulk loader releases the GIL: a batch loads in this thread while the next is built
    loader = ThreadPoolExecutor(1, thread_name_prefix="jiyao-load") if ox_store is not None else None
    loading: Future | None = None

    def flush(f: IO[str], rows: list[tuple[str, str, str, str]], replace: bool) -> None:
        nonlocal loading
        # a graph is one article, whole in one batch: distinct lines per batch are distinct overall
        lines = list(dict.fromkeys(f"{s} {p} {o} {g} .\n" for s, p, o, g in rows))
        f.writelines(lines)
        report.triples += len(lines)
        if loader is not None:
            data = "".join(lines).encode("utf-8")
            graphs = list(dict.fromkeys(g for *_, g in rows)) if replace else []
            if loading is not None:
                loading.result()  # one batch loading at a time, in order (a later one may replace graphs)
            loading = loader.submit(load_nquads, ox_store, data, graphs)

    def write(tmp: Path) -> None:
        originals: dict[str, dict[str, str]] = {}
        with open(tmp, "w", encoding="utf-8") as f:
            flush(f, vocabulary_rows(), replace=True)
            held: list[tuple[str, str, str, str]] | None = None
            for rows in quad_batches(report.counted(spool.articles(originals)), spool.resolver, originals, batch_rows):
                if held is not None:
                    flush(f, held, replace=True)
                held = rows
            if held:
                flush(f, held, replace=False)  # the last batch adds to graphs loaded before
        if loading is not None:
            loading.result()

    try:
        atomic_write(out / STREAM_FORMAT, write)
    finally:
        if loader is not None:
            loader.shutdown()
        if ox_store is not None:
            ox_store.flush()
            del ox_store  # release the RocksDB lock now
    written = [out / STREAM_FORMAT]
    if store:
        written.append(Path(store.removeprefix("oxigraph:")))
    return written
