"""Validate the hand-written matching development set and print its counts.

The corpus and judgements in this folder are written by hand; this script does not
generate them. It only checks them:

    .venv/bin/python benchmarks/data/build_devset.py

Exit status is 1 when a hard error is found (bad JSON, unknown ids, invalid sector slugs...).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SECTORS = ROOT / "src" / "digibridge" / "directory" / "data" / "sectors.json"
CORPUS = HERE / "matching_corpus.jsonl"
QRELS = HERE / "matching_qrels.jsonl"

LANGS = ("en", "zh-hans", "es", "ca")
ID_LANG = {"en": "en", "zh": "zh-hans", "es": "es", "ca": "ca"}
KINDS = ("offer", "request")
CATEGORIES = {"technology", "commercial", "investment", "partnership", "procurement"}
FIELDS = {
    "id",
    "kind",
    "title",
    "description",
    "country",
    "category",
    "sectors",
    "target_markets",
    "lang",
}
ID_RE = re.compile(r"^([ro])-(en|zh|es|ca)-(\d{3})$")
CC_RE = re.compile(r"^[A-Z]{2}$")


def sector_slugs() -> set[str]:
    slugs: set[str] = set()

    def walk(nodes: list[dict]) -> None:
        for node in nodes:
            slugs.add(node["slug"])
            walk(node.get("children", []))

    walk(json.loads(SECTORS.read_text(encoding="utf-8")))
    return slugs


def length(text: str, lang: str) -> int:
    """Words for alphabetic languages; for Chinese, Han characters / 1.5 as a rough word count."""
    if lang == "zh-hans":
        han = len(re.findall(r"[\u4e00-\u9fff]", text))
        return round(han / 1.5) + len(re.findall(r"[A-Za-z0-9]+", text))
    return len(text.split())


def held_out(request_ids: list[str]) -> list[str]:
    """Every 5th request id per language (r-xx-005, r-xx-010, ...) is the held-out split."""
    return [rid for rid in request_ids if int(rid.rsplit("-", 1)[1]) % 5 == 0]


def main() -> int:
    errors: list[str] = []
    warnings: list[str] = []
    slugs = sector_slugs()
    docs: dict[str, dict] = {}
    for n, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"corpus line {n}: invalid JSON ({exc})")
            continue
        if set(doc) != FIELDS:
            errors.append(f"corpus line {n}: fields {sorted(set(doc) ^ FIELDS)} differ")
            continue
        did = doc["id"]
        if did in docs:
            errors.append(f"duplicate id {did}")
        docs[did] = doc
        m = ID_RE.match(did)
        if not m:
            errors.append(f"{did}: id does not match r|o-lang-NNN")
        elif (m.group(1) == "r") != (doc["kind"] == "request") or ID_LANG[m.group(2)] != doc[
            "lang"
        ]:
            errors.append(f"{did}: id prefix disagrees with kind/lang")
        if doc["kind"] not in KINDS:
            errors.append(f"{did}: bad kind {doc['kind']}")
        if doc["lang"] not in LANGS:
            errors.append(f"{did}: bad lang {doc['lang']}")
        if doc["category"] not in CATEGORIES:
            errors.append(f"{did}: bad category {doc['category']}")
        if not CC_RE.match(doc["country"]):
            errors.append(f"{did}: bad country {doc['country']}")
        if not doc["target_markets"] or not all(CC_RE.match(c) for c in doc["target_markets"]):
            errors.append(f"{did}: bad target_markets {doc['target_markets']}")
        if not doc["sectors"] or any(s not in slugs for s in doc["sectors"]):
            errors.append(f"{did}: unknown sector slug in {doc['sectors']}")
        tw = length(doc["title"], doc["lang"])
        dw = length(doc["description"], doc["lang"])
        if not 3 <= tw <= 16:
            warnings.append(f"{did}: title length {tw}")
        if not 30 <= dw <= 120:
            warnings.append(f"{did}: description length {dw}")

    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for n, line in enumerate(QRELS.read_text(encoding="utf-8").splitlines(), 1):
        try:
            q = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"qrels line {n}: invalid JSON ({exc})")
            continue
        qid, did, rel = q.get("query"), q.get("doc"), q.get("relevance")
        if set(q) != {"query", "doc", "relevance"} or rel not in (1, 2):
            errors.append(f"qrels line {n}: malformed {q}")
            continue
        if docs.get(qid, {}).get("kind") != "request":
            errors.append(f"qrels line {n}: query {qid} is not a known request")
        if docs.get(did, {}).get("kind") != "offer":
            errors.append(f"qrels line {n}: doc {did} is not a known offer")
        if did in qrels[qid]:
            errors.append(f"qrels line {n}: duplicate pair {qid} {did}")
        qrels[qid][did] = rel

    by_kind_lang = Counter((d["kind"], d["lang"]) for d in docs.values())
    print("opportunities by kind x lang:")
    for kind in KINDS:
        row = "  ".join(f"{lang}={by_kind_lang[(kind, lang)]}" for lang in LANGS)
        print(f"  {kind:8s} {row}  total={sum(by_kind_lang[(kind, x)] for x in LANGS)}")
    print(f"  total    {len(docs)}")

    judged = Counter(docs[q]["lang"] for q in qrels if q in docs)
    print("judged requests by lang:", dict(judged), "total", sum(judged.values()))
    unjudged = sorted(d for d, v in docs.items() if v["kind"] == "request" and d not in qrels)
    if unjudged:
        warnings.append(f"requests without judgements: {unjudged}")
    for qid, rels in qrels.items():
        if not 1 <= len(rels) <= 5:
            warnings.append(f"{qid}: {len(rels)} relevant offers")
        if 2 not in rels.values():
            warnings.append(f"{qid}: no relevance-2 offer")

    pairs: Counter = Counter()
    grades: Counter = Counter()
    for qid, rels in qrels.items():
        for did, rel in rels.items():
            if qid in docs and did in docs:
                pairs[(docs[qid]["lang"], docs[did]["lang"])] += 1
                grades[rel] += 1
    total = sum(pairs.values())
    cross = sum(v for (a, b), v in pairs.items() if a != b)
    print(f"relevant pairs: {total} (cross-language {cross}, same-language {total - cross})")
    print("  by grade:", dict(sorted(grades.items())))
    print("  request lang -> offer lang:")
    for a in LANGS:
        print("   ", a.ljust(8), "  ".join(f"{b}={pairs[(a, b)]}" for b in LANGS))
        for b in LANGS:
            if a != b and not pairs[(a, b)]:
                warnings.append(f"no relevant pair from {a} requests to {b} offers")

    relevant_offers = {d for rels in qrels.values() for d in rels}
    offers = [d for d, v in docs.items() if v["kind"] == "offer"]
    distract = [d for d in offers if d not in relevant_offers]
    print(f"offers never relevant (distractors): {len(distract)} of {len(offers)}")
    requests = sorted(d for d, v in docs.items() if v["kind"] == "request")
    print(f"held-out split (every 5th request id per language): {len(held_out(requests))}")

    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
