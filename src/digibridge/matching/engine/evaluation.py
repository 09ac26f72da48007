"""``digibridge match-eval``: ranking quality of the engine and three baselines on judged data.

Input files (JSON lines):

* corpus: ``{"id", "kind": "offer"|"request", "title", "description"}`` plus optional
  ``country``, ``category``, ``sectors``, ``target_markets``, ``lang``;
* qrels: ``{"query": request id, "doc": offer id, "relevance": 1|2}`` (unlisted = irrelevant).

Every judged request is ranked against all offers. Metrics at ``k``: nDCG (gain
``2^rel - 1``), recall (share of relevant offers retrieved) and MRR (first relevant offer).
Per language: by the request's language (``lang`` field, else the detector) and by
request → offer language pair; for a pair, only the relevant offers of that offer language
count and relevant offers of other languages are removed from the ranking.

Baselines: ``bm25`` (BM25 alone), ``embedding`` (cosine of embeddings of the original texts)
and ``embedding_pivot`` (the same with Catalan rendered as Spanish by Apertium).

A line that is not valid JSON or lacks required fields exits with status 2 and a message
naming the file and line number.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .embedding import get_embedder, pivot_catalan
from .index import MatchIndex
from .rules import SectorTree
from .text import MAX_TEXT_CHARS, detect_language
from .types import EngineError, Opportunity

__all__ = ["InputError", "evaluate", "load_corpus", "load_qrels", "main"]

DEFAULT_SECTORS = Path(__file__).resolve().parents[2] / "directory" / "data" / "sectors.json"


class InputError(ValueError):
    """A broken input line (message names file and line)."""


def _read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    out: list[tuple[int, dict[str, Any]]] = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror}") from exc
    with fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
            if not isinstance(obj, dict):
                raise InputError(f"{path}:{lineno}: expected a JSON object")
            out.append((lineno, obj))
    return out


def load_corpus(path: Path) -> tuple[list[Opportunity], dict[str, str | None]]:
    """Opportunities and the given ``lang`` of each (None when absent)."""
    opps: list[Opportunity] = []
    langs: dict[str, str | None] = {}
    seen: set[str] = set()
    for lineno, obj in _read_jsonl(path):
        where = f"{path}:{lineno}"
        if "id" not in obj or not isinstance(obj["id"], str | int) or str(obj["id"]) == "":
            raise InputError(f"{where}: missing or invalid 'id'")
        if obj.get("kind") not in ("offer", "request"):
            raise InputError(f"{where}: 'kind' must be 'offer' or 'request'")
        oid = str(obj["id"])
        if oid in seen:
            raise InputError(f"{where}: duplicate id {oid!r}")
        seen.add(oid)

        def text(name: str, obj: dict[str, Any] = obj) -> str:
            val = obj.get(name)
            return str(val)[:MAX_TEXT_CHARS] if val is not None else ""

        def codes(name: str, obj: dict[str, Any] = obj) -> list[str]:
            val = obj.get(name)
            if isinstance(val, str):
                return [val]
            if isinstance(val, list):
                return [str(v) for v in val if v]
            return []

        country = obj.get("country")
        opps.append(
            Opportunity(
                id=oid,
                kind=obj["kind"],
                title=text("title"),
                description=text("description"),
                country=str(country) if country else None,
                category=str(obj["category"]) if obj.get("category") else None,
                sectors=codes("sectors"),
                target_markets=codes("target_markets"),
            )
        )
        lang = obj.get("lang")
        langs[oid] = str(lang) if lang else None
    return opps, langs


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    """``{query id: {doc id: relevance}}``."""
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for lineno, obj in _read_jsonl(path):
        where = f"{path}:{lineno}"
        try:
            q, d, rel = str(obj["query"]), str(obj["doc"]), int(obj.get("relevance", 1))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"{where}: needs 'query', 'doc' and integer 'relevance'") from exc
        if rel > 0:
            qrels[q][d] = rel
    return dict(qrels)


# --- metrics -----------------------------------------------------------------------------------


def _metrics(ranking: Sequence[str], rels: dict[str, int], k: int) -> dict[str, float]:
    top = list(ranking[:k])
    dcg = sum((2 ** rels.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(top))
    ideal = sorted(rels.values(), reverse=True)[:k]
    idcg = sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
    hits = sum(1 for d in top if rels.get(d, 0) > 0)
    rr = next((1.0 / (i + 1) for i, d in enumerate(top) if rels.get(d, 0) > 0), 0.0)
    return {
        "ndcg": dcg / idcg if idcg > 0 else 0.0,
        "recall": hits / len(rels) if rels else 0.0,
        "mrr": rr,
    }


def _aggregate(rows: list[dict[str, float]], k: int) -> dict[str, Any]:
    if not rows:
        return {f"ndcg@{k}": 0.0, f"recall@{k}": 0.0, f"mrr@{k}": 0.0, "queries": 0}
    return {
        f"ndcg@{k}": round(float(np.mean([r["ndcg"] for r in rows])), 4),
        f"recall@{k}": round(float(np.mean([r["recall"] for r in rows])), 4),
        f"mrr@{k}": round(float(np.mean([r["mrr"] for r in rows])), 4),
        "queries": len(rows),
    }


def _score_system(
    rank: Callable[[str], list[str]],
    queries: list[str],
    qrels: dict[str, dict[str, int]],
    lang_of: dict[str, str],
    k: int,
) -> dict[str, Any]:
    overall: list[dict[str, float]] = []
    by_lang: dict[str, list[dict[str, float]]] = defaultdict(list)
    by_pair: dict[str, list[dict[str, float]]] = defaultdict(list)
    for q in queries:
        ranking = rank(q)
        rels = qrels[q]
        m = _metrics(ranking, rels, k)
        overall.append(m)
        by_lang[lang_of[q]].append(m)
        for dl in sorted({lang_of.get(d, "unknown") for d in rels}):
            sub = {d: r for d, r in rels.items() if lang_of.get(d, "unknown") == dl}
            others = {d for d in rels if d not in sub}
            filtered = [d for d in ranking if d not in others]
            by_pair[f"{lang_of[q]}->{dl}"].append(_metrics(filtered, sub, k))
    res = _aggregate(overall, k)
    res["per_language"] = {
        "request": {lang: _aggregate(rows, k) for lang, rows in sorted(by_lang.items())},
        "pair": {pair: _aggregate(rows, k) for pair, rows in sorted(by_pair.items())},
    }
    return res


def evaluate(
    opps: list[Opportunity],
    given_langs: dict[str, str | None],
    qrels: dict[str, dict[str, int]],
    k: int = 10,
    sectors_path: Path | None = None,
) -> dict[str, Any]:
    """Run engine and baselines; returns the JSON-able result object."""
    tree = SectorTree.from_file(sectors_path) if sectors_path else SectorTree()
    embedder = get_embedder()
    index = MatchIndex(embedder=embedder, sector_tree=tree)
    docs = [index.analyse(o) for o in opps]
    lang_of = {
        o.id: (given_langs.get(o.id) or d.language or "unknown")
        for o, d in zip(opps, docs, strict=True)
    }
    # Embeddings: original texts for everything, pivoted renderings for Catalan texts.
    t0 = time.perf_counter()
    plain = embedder.encode([o.text for o in opps])
    ca_rows = [i for i, d in enumerate(docs) if d.language == "ca"]
    pivoted = plain.copy()
    pivot_status = "unused"
    if ca_rows:
        rendered, pivot_status = pivot_catalan([opps[i].text for i in ca_rows])
        if pivot_status == "ok":
            pivoted[ca_rows] = embedder.encode(rendered)
    embed_seconds = time.perf_counter() - t0
    index.build(opps, vectors=pivoted)

    offers = [i for i, o in enumerate(opps) if o.kind == "offer"]
    offer_ids = [opps[i].id for i in offers]
    row_of = {o.id: i for i, o in enumerate(opps)}
    queries = [q for q in qrels if q in row_of and opps[row_of[q]].kind == "request"]
    skipped = sorted(q for q in qrels if q not in row_of or opps[row_of[q]].kind != "request")

    def dense_ranker(mat: np.ndarray) -> Callable[[str], list[str]]:
        offer_mat = mat[offers]

        def rank(q: str) -> list[str]:
            s = offer_mat @ mat[row_of[q]]
            order = np.lexsort((np.arange(len(s)), -s))
            return [offer_ids[i] for i in order[: max(k, 100)]]

        return rank

    offer_part = index._parts["offer"]

    def bm25_rank(q: str) -> list[str]:
        qdoc = index._indexed_doc(index._parts["request"], index._parts["request"].slot_of[q])
        s = offer_part.bm25.score_all(qdoc.tokens, offer_part.size)
        slots = [offer_part.slot_of[o] for o in offer_ids]
        sc = s[slots]
        order = np.lexsort((np.arange(len(sc)), -sc))
        return [offer_ids[i] for i in order[: max(k, 100)] if sc[i] > 0]

    latencies: list[float] = []

    def engine_rank(q: str) -> list[str]:
        t = time.perf_counter()
        res = index.search(q, k=k)
        latencies.append((time.perf_counter() - t) * 1000.0)
        return [m.opportunity_id for m in res]

    result = _score_system(engine_rank, queries, qrels, lang_of, k)
    lat = np.asarray(latencies) if latencies else np.zeros(1)
    result["p50_ms"] = round(float(np.percentile(lat, 50)), 2)
    result["p99_ms"] = round(float(np.percentile(lat, 99)), 2)
    result["baselines"] = {
        "bm25": _score_system(bm25_rank, queries, qrels, lang_of, k),
        "embedding": _score_system(dense_ranker(plain), queries, qrels, lang_of, k),
        "embedding_pivot": _score_system(dense_ranker(pivoted), queries, qrels, lang_of, k),
    }
    result["k"] = k
    result["corpus"] = {
        "opportunities": len(opps),
        "offers": len(offers),
        "requests": len(opps) - len(offers),
        "languages": dict(
            sorted(
                {
                    lang: sum(1 for v in lang_of.values() if v == lang)
                    for lang in set(lang_of.values())
                }.items()
            )
        ),
        "skipped_queries": skipped,
    }
    detected_ok = [
        (given_langs[o.id] == detect_language(o.text)) for o in opps if given_langs.get(o.id)
    ]
    result["language_detection_accuracy"] = (
        round(sum(detected_ok) / len(detected_ok), 4) if detected_ok else None
    )
    result["catalan_pivot"] = pivot_status
    result["embedding_seconds"] = round(embed_seconds, 2)
    result["weights"] = index.weights.to_json()
    return result


def _table(res: dict[str, Any], k: int) -> str:
    keys = (f"ndcg@{k}", f"recall@{k}", f"mrr@{k}")
    systems = [("engine", res)] + list(res["baselines"].items())
    lines = [f"{'system':<16}" + "".join(f"{x:>11}" for x in keys)]
    for name, r in systems:
        lines.append(f"{name:<16}" + "".join(f"{r[x]:>11.4f}" for x in keys))
    lines.append("")
    lines.append(f"nDCG@{k} by request language / pair: " + " ".join(n for n, _ in systems))
    for group in ("request", "pair"):
        for key in res["per_language"][group]:
            vals = [
                r["per_language"][group].get(key, {}).get(f"ndcg@{k}", float("nan"))
                for _, r in systems
            ]
            n = res["per_language"][group][key]["queries"]
            lines.append(f"  {key:<18} (n={n:>3}) " + " ".join(f"{v:.4f}" for v in vals))
    lines.append("")
    lines.append(
        f"queries={res['queries']} p50={res['p50_ms']} ms p99={res['p99_ms']} ms "
        f"catalan_pivot={res['catalan_pivot']}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="digibridge match-eval",
        description="Evaluate cross-lingual matching on a judged corpus.",
    )
    parser.add_argument("--corpus", required=True, type=Path, help="corpus JSONL")
    parser.add_argument("--qrels", required=True, type=Path, help="relevance judgements JSONL")
    parser.add_argument("--k", type=int, default=10, help="cut-off (default 10)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--sectors",
        type=Path,
        default=DEFAULT_SECTORS if DEFAULT_SECTORS.exists() else None,
        help="sector taxonomy JSON (default: the directory app's sectors.json)",
    )
    args = parser.parse_args(argv)
    if args.k < 1:
        parser.error("--k must be at least 1")
    try:
        opps, langs = load_corpus(args.corpus)
        qrels = load_qrels(args.qrels)
    except InputError as exc:
        print(f"match-eval: {exc}", file=sys.stderr)
        return 2
    try:
        res = evaluate(opps, langs, qrels, k=args.k, sectors_path=args.sectors)
    except EngineError as exc:
        print(f"match-eval: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        print(_table(res, args.k))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
