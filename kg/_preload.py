"""Imported once by the worker pool's fork server (:class:`kg.pipeline._Executor`).

Loading the pipeline here, in the server, means every extraction worker forked from it shares
the model's ≈ 0.8 GB (copy-on-write) while the build's main process, which holds the graph,
never loads it at all. The loaded objects are then frozen (``gc.freeze``): the workers'
garbage collections never walk them, which cost each worker ≈ 5 % of its extraction time and
would copy the shared pages they sit on.
"""

import gc

from .pipeline import _extractor

try:
    _extractor("pkuseg")
except Exception:  # noqa: BLE001 - the server must start; each worker then reports the error per file
    pass
gc.freeze()
