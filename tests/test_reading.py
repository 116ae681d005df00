"""Reading files (kg/reading.py): encodings a scraped or OCR'd report comes in."""

from __future__ import annotations

import pytest

from kg.reading import ReadError, decode

TRADITIONAL = "本報訊（記者 龔某某）市委書(shū)記鄒某某在市委會見客商代表團一行，雙方就擴大投資進行交流。"


def test_big5_hkscs_with_tone_marked_pinyin_is_read() -> None:
    """Pinyin's tone marks (ū) are not in Big5: a traditional page that keeps them is Big5-HKSCS."""
    with pytest.raises(UnicodeEncodeError):
        TRADITIONAL.encode("big5")
    assert decode(TRADITIONAL.encode("big5hkscs"), "page.txt") == (TRADITIONAL, "big5hkscs")


def test_plain_big5_and_gb18030_are_read() -> None:
    text = TRADITIONAL.replace("(shū)", "")
    assert decode(text.encode("big5"), "page.txt")[0] == text
    simplified = "本报讯 市委书记邹某某在市委会见客商代表团一行，双方就扩大投资进行交流。"
    assert decode(simplified.encode("gb18030"), "page.txt") == (simplified, "gb18030")


def test_bytes_that_are_no_text_are_a_read_error() -> None:
    with pytest.raises(ReadError):
        decode(bytes(range(256)) * 8, "blob.bin")
