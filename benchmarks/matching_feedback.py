"""What feedback does to matching quality, and the figures on the held-out split.

The development set (``benchmarks/data``) holds out every 5th request of each language
(32 requests); the engine's default weights were tuned on the rest. This script:

1. reports nDCG@10 / recall@10 / MRR@10 on the held-out requests with the default weights;
2. simulates user feedback on the 138 training requests — each request's owner marks the
   top-10 suggestions "interested" when the judgements call them relevant and "not relevant"
   otherwise — learns fusion weights from it with the same ``learn_weights`` that
   ``digibridge match-train`` uses, and reports the held-out figures again. It does this twice:
   starting from untuned uniform weights (what a new deployment would learn) and starting from
   the shipped defaults (fine-tuning).

Usage: ``python benchmarks/matching_feedback.py [--json]``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import numpy as np

from digibridge.matching.engine import (
    FEATURES,
    FeedbackExample,
    MatchIndex,
    SectorTree,
    Weights,
    get_embedder,
    pivot_catalan,
    train_weights,
)
from digibridge.matching.engine.evaluation import (
    DEFAULT_SECTORS,
    _aggregate,
    _metrics,
    load_corpus,
    load_qrels,
)

DATA = Path(__file__).resolve().parent / "data"
K = 10


def held_out(query_id: str) -> bool:
    match = re.search(r"(\d+)$", query_id)
    return bool(match) and int(match.group(1)) % 5 == 0


def build_index(opps) -> MatchIndex:
    index = MatchIndex(sector_tree=SectorTree.from_file(DEFAULT_SECTORS))
    docs = [index.analyse(o) for o in opps]
    embedder = get_embedder()
    vectors = embedder.encode([o.text for o in opps])
    catalan = [i for i, d in enumerate(docs) if d.language == "ca"]
    if catalan:
        rendered, status = pivot_catalan([opps[i].text for i in catalan])
        if status == "ok":
            vectors[catalan] = embedder.encode(rendered)
    index.build(opps, vectors=vectors)
    return index


def evaluate(index: MatchIndex, queries, qrels, weights: Weights) -> dict:
    rows = []
    for q in queries:
        ranking = [m.opportunity_id for m in index.search(q, k=K, weights=weights, explain=False)]
        rows.append(_metrics(ranking, qrels[q], K))
    return _aggregate(rows, K)


def simulated_feedback(index: MatchIndex, queries, qrels, weights: Weights):
    examples = []
    for q in queries:
        for match in index.search(q, k=K, weights=weights, explain=False):
            label = 1 if qrels[q].get(match.opportunity_id, 0) > 0 else 0
            examples.append(FeedbackExample(features=match.features, label=label, group=q))
    return examples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    opps, _langs = load_corpus(DATA / "matching_corpus.jsonl")
    qrels = load_qrels(DATA / "matching_qrels.jsonl")
    index = build_index(opps)
    requests = {o.id for o in opps if o.kind == "request"}
    queries = sorted(q for q in qrels if q in requests)
    test = [q for q in queries if held_out(q)]
    train = [q for q in queries if not held_out(q)]
    uniform = Weights(**{name: 1.0 for name in FEATURES})
    results: dict = {
        "held_out_queries": len(test),
        "training_queries": len(train),
        "default_weights": {"held_out": evaluate(index, test, qrels, Weights())},
    }
    for label, start in (("from_uniform", uniform), ("from_defaults", Weights())):
        examples = simulated_feedback(index, train, qrels, start)
        learned, cv = train_weights(examples, start)
        results[label] = {
            "feedback_examples": len(examples),
            "interested": sum(e.label for e in examples),
            "before": {"held_out": evaluate(index, test, qrels, start)},
            "after": {"held_out": evaluate(index, test, qrels, learned)},
            "weights": {k: round(v, 3) for k, v in learned.to_json().items()},
            "adopted": learned != start,
            "cross_validated_pairwise_accuracy": cv,
        }
    results["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    key = f"ndcg@{K}"
    print(f"held-out requests: {len(test)}; feedback simulated on {len(train)} training requests")
    print(f"default weights, held-out nDCG@10: {results['default_weights']['held_out'][key]:.4f}")
    for label in ("from_uniform", "from_defaults"):
        r = results[label]
        print(
            f"{label:<14} {r['feedback_examples']} examples ({r['interested']} interested): "
            f"held-out nDCG@10 {r['before']['held_out'][key]:.4f} → "
            f"{r['after']['held_out'][key]:.4f}"
            + ("" if r["adopted"] else " (learned weights not adopted: no cross-validated gain)")
        )
    print(f"({results['seconds']} s)")
    return 0


if __name__ == "__main__":
    np.seterr(all="ignore")
    raise SystemExit(main())
