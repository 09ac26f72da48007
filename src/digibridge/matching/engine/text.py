"""Text handling shared by the matching engine: folding, language detection, tokens.

Rules that live here:

* **Folding** lower-cases, applies NFKC, strips diacritics from Latin letters and turns the
  Catalan middle dot (``l·l``) into ``ll``. Chinese characters are kept as they are.
* **Language detection** (:func:`detect_language`) answers one of ``en``, ``zh-hans``, ``es``,
  ``ca`` or ``None`` when there is no evidence (empty text, emoji, digits only). A text whose
  letters are at least 20 % CJK ideographs is Chinese. Otherwise characteristic function words
  and letters of each language are counted (``l·l``, ``ç``, ``amb``, ``els``, ``per a`` for
  Catalan; ``ñ``, ``los``, ``del``, ``y`` for Spanish; ``the``, ``and``, ``with`` for English).
* **Tokens** (:func:`tokenize`) are folded words of the Latin runs plus jieba words of the CJK
  runs; stopwords of all four languages are dropped (the detector can be wrong on short texts)
  and Latin words are lightly stemmed (:func:`stem`), which also lets Spanish, Catalan and
  English cognates meet (``autonoma``/``autonomous`` both become ``autono``).
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable

__all__ = [
    "LANGUAGES",
    "MAX_TEXT_CHARS",
    "cjk_ratio",
    "detect_language",
    "fold",
    "is_cjk",
    "light_stem",
    "stem",
    "tokenize",
    "latin_words",
]

LANGUAGES: tuple[str, ...] = ("en", "zh-hans", "es", "ca")

#: Texts longer than this are truncated before any processing (huge inputs stay cheap).
MAX_TEXT_CHARS = 20_000

_CJK_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2A6DF),
)


def is_cjk(ch: str) -> bool:
    """True for a CJK unified ideograph (the ranges of ``_CJK_RANGES``, written out: this runs
    for every character of every indexed text)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2A6DF
    )


def cjk_ratio(text: str) -> float:
    """Share of CJK ideographs among the letters of ``text`` (0.0 when it has no letters)."""
    letters = 0
    cjk = 0
    for ch in text:
        if is_cjk(ch):
            cjk += 1
            letters += 1
        elif ch.isalpha():
            letters += 1
    return cjk / letters if letters else 0.0


def fold(text: str) -> str:
    """Lower-case, NFKC, strip Latin diacritics, ``l·l`` → ``ll``; CJK untouched."""
    text = unicodedata.normalize("NFKC", text[:MAX_TEXT_CHARS]).lower()
    text = text.replace("l·l", "ll").replace("l.l", "ll").replace("·", "")
    if text.isascii():
        return text
    out: list[str] = []
    for ch in text:
        if ord(ch) < 0x80 or is_cjk(ch):
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


# --- language detection ----------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’·][^\W\d_]+)*", re.UNICODE)

_EN_WORDS = frozenset(
    "the and of for with we our to in is are that this from by on an be as at or your you "
    "which will can looking seeking provide offer company companies solutions partner "
    "partners need needs".split()
)
_ES_WORDS = frozenset(
    "el los las del y para con una por que es en la se su sus al buscamos ofrecemos "
    "empresa nuestra nuestro nuestros también más como desde hasta soluciones socio socios "
    "necesitamos servicios mercado tecnología sistemas".split()
)
_CA_WORDS = frozenset(
    "els les dels amb per i una és que la el al seu seva seus en busquem oferim empresa "
    "nostra nostre nostres també més com des fins solucions soci socis necessitem serveis "
    "mercat tecnologia sistemes aquest aquesta però cap".split()
)
# Words shared by es/ca carry no signal between them; they are weighed only against English.
_SHARED_ROMANCE = _ES_WORDS & _CA_WORDS
_ES_ONLY = _ES_WORDS - _SHARED_ROMANCE
_CA_ONLY = _CA_WORDS - _SHARED_ROMANCE


def detect_language(text: str | None) -> str | None:
    """Guess the language of ``text`` among en / zh-hans / es / ca.

    Returns ``None`` when the text carries no evidence (empty, emoji-only, numbers only).
    """
    if not text:
        return None
    text = text[:MAX_TEXT_CHARS]
    if cjk_ratio(text) >= 0.2:
        return "zh-hans"
    lower = text.lower()
    words = _WORD_RE.findall(lower)
    if not words:
        return None
    en = es = ca = 0.0
    for w in words:
        if w in _EN_WORDS:
            en += 1.0
        if w in _ES_ONLY:
            es += 1.0
        if w in _CA_ONLY:
            ca += 1.0
        if w in _SHARED_ROMANCE:
            es += 0.3
            ca += 0.3
        if "l·l" in w:
            ca += 2.0
        if "ç" in w:
            ca += 1.5
        if "ñ" in w:
            es += 1.5
        if re.search(r"[àèò]", w):
            ca += 1.0
        if re.search(r"[áñ]", w):
            es += 1.0
        if w.endswith("ció") or w.endswith("cions") or w.endswith("itat"):
            ca += 1.0
        if w.endswith("ción") or w.endswith("ciones") or w.endswith("idad"):
            es += 1.0
        if w.endswith("tion") or w.endswith("ing"):
            en += 0.5
    if " per a " in f" {lower} ":
        ca += 1.0
    best = max(("en", en), ("es", es), ("ca", ca), key=lambda kv: kv[1])
    if best[1] <= 0.0:
        # Letters but no evidence: plain ASCII words are most likely English.
        if all(w.isascii() for w in words) and len(words) >= 2:
            return "en"
        return None
    return best[0]


# --- stemming and stopwords ------------------------------------------------------------------

_STOPWORDS = frozenset(
    fold(w)
    for w in (
        # English
        "a an the and or of for with to in on at by from as is are be been was were this that "
        "these those we our us you your it its their they them which who what will can could "
        "would should may have has had not no into about over more most also such than then "
        "there here all any each other some very per via up out new looking seek seeking "
        "offer offers provide provides need needs want company companies "
        # Spanish
        "el la los las un una unos unas y o u de del al en con por para que es son se su sus "
        "lo le les nos nuestro nuestra nuestros nuestras este esta estos estas ese esa como "
        "más mas muy también sin sobre entre hasta desde ya e ni buscamos busca ofrecemos "
        "ofrece necesitamos empresa empresas "
        # Catalan
        "els les dels amb per i a al als d l s n un una uns unes és son seu seva seus seves "
        "nostre nostra nostres aquest aquesta aquests aquestes com més molt també sense sobre "
        "entre fins des ja ni busquem oferim ofereix necessitem empresa empreses "
    ).split()
)


def stem(word: str) -> str:
    """Light, language-agnostic stemmer for folded Latin words.

    Strips plural endings, a few derivational suffixes, then keeps at most the first six
    letters. Crude on purpose: it is shared by Spanish, Catalan and English so cognates meet.
    Words with digits (``5g``, ``b2b``) and short words are returned unchanged.
    """
    if len(word) <= 3 or any(c.isdigit() for c in word):
        return word
    for suffix in ("aciones", "acions", "ations", "acion", "acio", "ation"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)] + "at"
            break
    else:
        if word.endswith("ies") and len(word) > 5:
            word = word[:-3] + "y"
        elif word.endswith("es") and len(word) > 5:
            word = word[:-2]
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 4:
            word = word[:-1]
    return word[:6]


def light_stem(word: str) -> str:
    """Conservative normaliser for lexicon matching (no truncation, so few collisions).

    Strips a plural ``-es``/``-s``, then a final ``-n`` (Catalan ``carretó``/``carretons``) and
    a final gender vowel ``-a``/``-o``/``-e``, keeping at least three letters. Words with
    digits are unchanged.
    """
    if len(word) <= 3 or any(c.isdigit() for c in word):
        return word
    if word.endswith("es") and len(word) > 5:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        word = word[:-1]
    if word.endswith("n") and len(word) > 4:
        word = word[:-1]
    if word[-1] in "aoe" and len(word) > 4:
        word = word[:-1]
    return word


_LATIN_TOKEN_RE = re.compile(r"[a-z0-9]+")
_CJK_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

_jieba_lock = threading.Lock()
_jieba_tokenizer: object | None = None


def _jieba() -> object:
    """Initialise jieba once, lazily and quietly (it logs its dictionary loading to stderr)."""
    global _jieba_tokenizer
    if _jieba_tokenizer is not None:
        return _jieba_tokenizer
    with _jieba_lock:
        if _jieba_tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            logging.getLogger("jieba").setLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            with contextlib.redirect_stderr(io.StringIO()):
                tok.initialize()
            _jieba_tokenizer = tok
    return _jieba_tokenizer


def latin_words(folded: str) -> list[str]:
    """Folded Latin/digit words of an already folded text, in order (no stopword removal)."""
    return _LATIN_TOKEN_RE.findall(folded)


def _cjk_words(run: str) -> Iterable[str]:
    tok = _jieba()
    for w in tok.cut_for_search(run):  # type: ignore[attr-defined]
        w = w.strip()
        if w:
            yield w


def tokenize(text: str | None) -> list[str]:
    """Index/query tokens: stemmed Latin words without stopwords, jieba words for Chinese."""
    if not text:
        return []
    folded = fold(text)
    tokens: list[str] = []
    pos = 0
    for m in _CJK_RUN_RE.finditer(folded):
        tokens.extend(_latin_tokens(folded[pos : m.start()]))
        for w in _cjk_words(m.group()):
            if w not in _ZH_STOPWORDS:
                tokens.append(w)
        pos = m.end()
    tokens.extend(_latin_tokens(folded[pos:]))
    return tokens


def _latin_tokens(segment: str) -> list[str]:
    return [stem(w) for w in _LATIN_TOKEN_RE.findall(segment) if w not in _STOPWORDS]


_ZH_STOPWORDS = frozenset(
    "的 了 和 与 及 在 是 为 对 我们 我司 公司 提供 寻求 寻找 希望 需要 一个 以及 或 等 "
    "中 其 可 将 并 有 该 这 那 也 都 就 从 向 于 之 以".split()
)
