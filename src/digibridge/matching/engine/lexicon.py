"""Multilingual concept lexicon of digital-economy terms (en / zh-hans / es / ca).

The data lives in ``data/lexicon.json``: ``{"concepts": [{"id", "en": [...], "zh-hans": [...],
"es": [...], "ca": [...]}]}``; the first term of each language is the concept's label.

Mapping rules (:meth:`Lexicon.find`):

* Latin-script terms are matched as sequences of folded, lightly stemmed words (see
  :func:`~digibridge.matching.engine.text.light_stem`), so plurals, gender and accents do not
  matter:
  "carretillas autónomas" matches the term "carretilla autónoma".
* Terms containing Chinese characters are matched as substrings of the folded text.
* Scanning goes left to right and takes the **longest** term starting at each position; the
  words it covers are not matched again (so 食品安全 is food safety, not also security).
* A term listed under several concepts maps to all of them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import MAX_TEXT_CHARS, fold, is_cjk, light_stem

__all__ = ["Concept", "ConceptHit", "Lexicon", "default_lexicon", "LEXICON_PATH"]

LEXICON_PATH = Path(__file__).with_name("data") / "lexicon.json"
_LANGS = ("en", "zh-hans", "es", "ca")
_LATIN_RE = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept with its terms per language; ``labels`` are the first terms."""

    id: str
    terms: dict[str, tuple[str, ...]]

    @property
    def labels(self) -> dict[str, str]:
        return {lang: terms[0] for lang, terms in self.terms.items() if terms}


@dataclass(frozen=True, slots=True)
class ConceptHit:
    """A concept found in a text, with the surface form as written in that text."""

    concept_id: str
    surface: str


def _latin_key(term: str) -> tuple[str, ...]:
    return tuple(light_stem(w) for w in _LATIN_RE.findall(fold(term)))


class Lexicon:
    """Concept lexicon with a longest-match term finder."""

    def __init__(self, concepts: list[Concept]) -> None:
        self.concepts: dict[str, Concept] = {c.id: c for c in concepts}
        # first stemmed word -> list of (key tuple, concept ids), longest first
        self._latin: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        # first character -> list of (folded term, concept ids), longest first
        self._cjk: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        latin_map: dict[tuple[str, ...], list[str]] = {}
        cjk_map: dict[str, list[str]] = {}
        for c in concepts:
            for terms in c.terms.values():
                for term in terms:
                    folded = fold(term)
                    if any(is_cjk(ch) for ch in folded):
                        cjk_map.setdefault(folded.replace(" ", ""), []).append(c.id)
                    else:
                        key = _latin_key(term)
                        if key:
                            latin_map.setdefault(key, []).append(c.id)
        for key, ids in latin_map.items():
            self._latin.setdefault(key[0], []).append((key, tuple(dict.fromkeys(ids))))
        for term, ids in cjk_map.items():
            self._cjk.setdefault(term[0], []).append((term, tuple(dict.fromkeys(ids))))
        for lst in self._latin.values():
            lst.sort(key=lambda kv: -len(kv[0]))
        for lst2 in self._cjk.values():
            lst2.sort(key=lambda kv: -len(kv[0]))

    @classmethod
    def from_file(cls, path: str | Path) -> Lexicon:
        """Load a lexicon JSON file (format described in the module docstring)."""
        with open(path, encoding="utf-8") as fh:
            raw = json.load(fh)
        concepts = []
        for item in raw["concepts"]:
            terms = {lang: tuple(item.get(lang, ())) for lang in _LANGS}
            concepts.append(Concept(id=item["id"], terms=terms))
        return cls(concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def find(self, text: str | None) -> list[ConceptHit]:
        """All concept hits of ``text`` in reading order (a concept may appear repeatedly)."""
        if not text:
            return []
        text = text[:MAX_TEXT_CHARS]
        folded = fold(text)
        hits: list[tuple[int, ConceptHit]] = []
        # Latin words with their spans in the folded text, for surface forms.
        words = [(m.group(), m.start(), m.end()) for m in _LATIN_RE.finditer(folded)]
        stems = [light_stem(w) for w, _, _ in words]
        i = 0
        while i < len(stems):
            matched = False
            for key, ids in self._latin.get(stems[i], ()):
                n = len(key)
                if tuple(stems[i : i + n]) == key:
                    surface = text[words[i][1] : words[i + n - 1][2]]
                    hits.extend((words[i][1], ConceptHit(cid, surface)) for cid in ids)
                    i += n
                    matched = True
                    break
            if not matched:
                i += 1
        j = 0
        while j < len(folded):
            ch = folded[j]
            cands = self._cjk.get(ch)
            if cands and (is_cjk(ch) or ch.isalnum()):
                for term, ids in cands:
                    if folded.startswith(term, j):
                        hits.extend((j, ConceptHit(cid, text[j : j + len(term)])) for cid in ids)
                        j += len(term)
                        break
                else:
                    j += 1
            else:
                j += 1
        hits.sort(key=lambda kv: kv[0])
        return [h for _, h in hits]

    def concept_ids(self, text: str | None) -> set[str]:
        """The set of concept ids mentioned in ``text``."""
        return {h.concept_id for h in self.find(text)}

    def labels(self, concept_id: str) -> dict[str, str]:
        """Labels of a concept in all four languages (empty dict for an unknown id)."""
        c = self.concepts.get(concept_id)
        return c.labels if c else {}


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon, loaded once per process."""
    return Lexicon.from_file(LEXICON_PATH)
