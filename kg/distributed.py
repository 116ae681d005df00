"""Extraction on a Dask cluster: ``jiyao build --scheduler ADDRESS``.

The client (the ``jiyao build`` process) reads and decodes the files, checks the cache, and
submits the remaining files to the cluster in batches of about
:data:`kg.pipeline.BATCH_CHARS` characters, each one task of :func:`kg.pipeline.extract_batch`,
with a bounded number in flight; each Dask worker process loads the NLP pipeline once, on
its first task. Results come back in input order and are built into the graph on the
client as in a local build, so the exports are the same as a single-process build's.

Run the workers with one thread each (``dask worker ADDRESS --nthreads 1 --nworkers N``):
extraction is pure Python under the GIL, and each worker process holds one copy of the
pkuseg model (≈ 0.8 GB). See docs/scale.md.
"""

from __future__ import annotations

from typing import Any

__all__ = ["connect"]


def connect(address: str) -> Any:
    """A ``distributed.Client`` connected to the scheduler at ``address`` (``tcp://host:8786``)."""
    try:
        from distributed import Client
    except ImportError as e:  # pragma: no cover - a dependency, but keep the message useful
        raise RuntimeError("--scheduler needs the 'distributed' package (pip install 'dask[distributed]')") from e
    return Client(address, set_as_default=False)
