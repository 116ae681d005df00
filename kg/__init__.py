"""jiyao (纪要): Chinese government news reports → a knowledge graph of officials, meetings and themes."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "BuildOptions", "run"]


def __getattr__(name: str):  # noqa: ANN202 - lazy: importing kg must not load spaCy
    if name in ("BuildOptions", "run"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
