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


def test_a_gb18030_page_whose_own_mojibake_holds_replacement_characters_is_read() -> None:
    # a scraped page's garbled navigation (UTF-8 read as GBK), U+FFFD characters and all, saved in GB18030
    garbled = "鐗堥潰瀵艰埅 | 鏈�鐗堟爣棰� | 寰�鏈熸��绱�\n" * 2
    story = ("本报讯（记者 某某某）11月6日上午，全市2023年第四季度重大项目集中开工暨招商项目签约仪式在高新区主会场举行。"
             "此次集中开工项目42个、总投资286.5亿元，集中签约项目27个，涵盖新能源、新材料、高端装备、现代物流等领域。"
             "市委书记某某某出席并讲话，市委副书记、市长某某某致辞，副市长某某某主持仪式。"
             "某某某强调，项目是经济发展的生命线。全市上下要坚持项目为王，紧盯四季度冲刺目标，聚力扩投资、强产业、增后劲。"
             "要强化要素保障，在用地、用能、资金等方面精准发力，推动项目早开工、早投产、早见效。") * 3
    page = "某某日报 数字报刊平台\n" + garbled + story
    assert page.count("\ufffd") > 8
    assert decode(page.encode("gb18030"), "page.txt") == (page, "gb18030")
