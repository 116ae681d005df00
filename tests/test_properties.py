"""Hypothesis properties of the stages on arbitrary input (the long run is ``jiyao fuzz --minutes N``).

Normalization offsets always map back into the original; decoding gives text or a ReadError;
extraction never raises; every export parses and passes SHACL; minted IRIs are valid whatever
the text; chunking an article covers it exactly.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from kg.articles import chunk_article
from kg.fuzz import HOSTILE_FRAGMENTS, check_bytes, check_offsets, check_text, input_strategy, text_strategy, valid_iri
from kg.iris import KINDS, mint
from kg.normalize import normalize
from kg.reading import ReadError, decode
from kg.records import Article

FAST = settings(max_examples=300, deadline=None, database=None)
SLOW = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
any_text = st.one_of(text_strategy(), st.text(st.characters(codec="utf-8"), max_size=300))


@FAST
@given(any_text)
def test_normalization_offsets_map_back_into_the_original(text: str) -> None:
    norm = normalize(text)
    check_offsets(text, norm.text, norm.offsets.origin)
    # and every span maps to an ordered span of the original
    for i in range(0, len(norm.text), max(1, len(norm.text) // 7)):
        s, e = norm.offsets.span(i, min(len(norm.text), i + 5))
        assert 0 <= s <= e <= len(text)


def test_offsets_check_catches_a_bad_map() -> None:
    with pytest.raises(AssertionError, match="outside the source"):
        check_offsets("ab", "ab", (0, 5, 2))
    with pytest.raises(AssertionError, match="end maps to"):
        check_offsets("ab", "ab", (0, 1, 1))


@FAST
@given(st.binary(max_size=2000))
def test_decoding_gives_text_or_a_read_error(data: bytes) -> None:
    try:
        text, enc = decode(data)
    except ReadError as e:
        assert str(e)
    else:
        assert isinstance(text, str) and enc


@FAST
@given(text_strategy(), st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "gb18030")))
@example(text="\x00", enc="utf-16")  # FF FE 00 00: the UTF-32 mark too
def test_text_in_a_lossless_encoding_decodes_back(text: str, enc: str) -> None:
    data = text.encode(enc, errors="surrogatepass")
    try:
        back, _ = decode(data)
    except ReadError:
        return  # empty, or control characters enough to look binary
    if enc in ("utf-8", "utf-8-sig", "utf-16"):
        assert back == text.removeprefix("\ufeff") or back == text


@SLOW
@given(any_text)
def test_extraction_never_raises(extractor, text: str) -> None:  # noqa: ANN001
    check_text(extractor, text, graph=False)


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(input_strategy())
def test_every_export_parses_passes_shacl_and_has_valid_iris(extractor, data: bytes) -> None:  # noqa: ANN001
    check_bytes(extractor, data, shacl=True)


@FAST
@given(st.sampled_from(KINDS), st.lists(st.one_of(st.text(st.characters(codec="utf-8")),
                                                  st.sampled_from(HOSTILE_FRAGMENTS)), min_size=1, max_size=4))
def test_minted_iris_are_valid_and_survive_turtle(kind: str, parts: list[str]) -> None:
    iri = mint(kind, *parts)
    assert valid_iri(str(iri))
    assert iri == mint(kind, *parts)  # deterministic
    g = Graph()
    label = "".join(parts)
    g.add((iri, RDFS.label, Literal(label)))
    for fmt in ("turtle", "nt"):
        back = Graph().parse(data=g.serialize(format=fmt), format=fmt)
        assert set(back) == set(g)


def test_valid_iri_rejects_what_turtle_forbids() -> None:
    assert valid_iri("https://w3id.org/jiyao/id/person/0123456789abcdef")
    for bad in ("https://x/a b", "https://x/<s>", 'https://x/"', "https://x/{}", "https://x/\\", "relative/path"):
        assert not valid_iri(bad), bad


@FAST
@given(text_strategy(), st.integers(min_value=1, max_value=120), st.integers(min_value=0, max_value=50))
@example(body="\n\n", limit=1, offset=0)  # a blank body longer than a chunk
def test_chunks_cover_the_article_and_keep_offsets(body: str, limit: int, offset: int) -> None:
    normalized = "x" * offset + body
    a = Article(id="f#1", source_file="f", index=1, body=body, body_start=offset, headline="h")
    chunks = chunk_article(a, limit)
    if len(body) <= limit:
        assert chunks == [a]
        return
    pos = offset
    for c in chunks:
        assert 0 < len(c.body) <= limit
        assert normalized[c.body_start: c.body_start + len(c.body)] == c.body
        assert (c.id, c.headline) == (a.id, a.headline)
        assert not normalized[pos: c.body_start].strip()  # only blank pieces are left out
        pos = c.body_start + len(c.body)
    assert not normalized[pos:].strip()
