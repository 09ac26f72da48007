"""The text analysis' fast paths give the same answers as the definitions they replace."""

from __future__ import annotations

from digibridge.matching.engine.lexicon import default_lexicon
from digibridge.matching.engine.text import _CJK_RANGES, fold, is_cjk


def test_is_cjk_is_exactly_the_listed_ranges():
    for code in range(0x30000):
        expected = any(lo <= code <= hi for lo, hi in _CJK_RANGES)
        assert is_cjk(chr(code)) is expected, hex(code)


def test_fold_of_plain_ascii_and_of_mixed_text():
    assert fold("Smart GRID 5G, l·l l.l") == "smart grid 5g, ll ll"
    mixed = "Emmagatzematge d'ENERGIA àèé 储能 Ｆｕｌｌ"
    assert fold(mixed) == "emmagatzematge d'energia aee 储能 full"


def test_concepts_are_found_in_every_script():
    lexicon = default_lexicon()
    for text in ("储能系统 for the grid", "battery energy storage", "almacenamiento de energía"):
        assert lexicon.find(text), text
