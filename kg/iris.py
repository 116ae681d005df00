"""The one place where entity IRIs are minted: a normalised key → a hash, never a blank node.

The same key always gives the same IRI, so builds are deterministic and rebuilding a file
updates its entities instead of duplicating them; no report text ever reaches an IRI, so
nothing a report says can break Turtle or a SPARQL query.
"""

from __future__ import annotations

import hashlib
import unicodedata

from rdflib import URIRef

from .namespace import ID

__all__ = ["mint", "mint_text", "norm_key", "KINDS"]

_ID = str(ID)

KINDS = ("article", "person", "meeting", "org", "post", "holding", "evidence", "theme")


def _norm(part: object) -> str:
    text = str(part)
    if not text.isascii():  # NFKC leaves ASCII as it is
        text = unicodedata.normalize("NFKC", text)
    return "".join(text.split())


def norm_key(*parts: object) -> str:
    """NFKC, whitespace removed, parts joined by a unit separator."""
    return "\x1f".join(map(_norm, parts))


def mint_text(kind: str, *parts: object) -> str:
    """The IRI :func:`mint` gives, as a plain string (the graph stage writes N-Triples text)."""
    if kind not in KINDS:
        raise ValueError(f"unknown entity kind {kind!r}")
    return f"{_ID}{kind}/{hashlib.sha1(norm_key(*parts).encode('utf-8')).hexdigest()[:16]}"


def mint(kind: str, *parts: object) -> URIRef:
    """``https://w3id.org/jiyao/id/<kind>/<16 hex>`` for the normalised key of ``parts``."""
    return URIRef(mint_text(kind, *parts))

